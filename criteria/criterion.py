"""What a criterion is, what it produces, and the registry of all of them.

A criterion is a small declarative unit (research/criteria.md §4): an ID from the
catalogue, names in Bulgarian and English, the principle(s) of ЗНА чл. 26, ал. 1 it serves,
its legal basis, the confidence tag of that basis ([C] confirmed, [C2] secondary source,
[R] recalled, [U] uncertain, [P] proposed policy threshold), when it applies (initiator
regime, the 04.11.2016 reform), its thresholds as named settings, where it counts in the
iREG-shaped composite, and a check function from an initiative's facts to a verdict.

The engine (criteria.evaluate) applies the declarative applicability first, so a check
function only ever sees initiatives the rule applies to; it returns a `Result`, which the
engine turns into a `Finding` carrying the criterion's identity and confidence.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from core.parliament import Initiator
from criteria.principles import Principle

if TYPE_CHECKING:
    from criteria.facts import Facts


class Verdict(str, Enum):
    PASS = "PASS"
    WARN = "WARN"
    FAIL = "FAIL"
    N_A = "N_A"
    UNKNOWN = "UNKNOWN"

    def __str__(self) -> str:
        return self.value

    # str's own (C) hash: the same value Enum.__hash__ computes (name == value), without a Python call.
    __hash__ = str.__hash__


# Scores of §5.2 of the catalogue: N_A and UNKNOWN are excluded (coverage is reported).
SCORE = {Verdict.PASS: 1.0, Verdict.WARN: 0.5, Verdict.FAIL: 0.0}

# Confidence tags of research/criteria.md §0. A finding may carry two ("C2/P": the rule is C2,
# the threshold that decided is P).
CONFIDENCE_TAGS = ("C", "C2", "I", "R", "U", "P")
UNVERIFIED_TAGS = frozenset({"R", "U"})  # §5.2 caveat 3: may not drive a FAIL in a published composite


def confidence_parts(tag: str) -> tuple[str, ...]:
    return tuple(t for t in tag.split("/") if t)


def is_unverified(tag: str) -> bool:
    return any(t in UNVERIFIED_TAGS for t in confidence_parts(tag))


# Initiator regimes. Council-of-Ministers drafts go through ЗНА ch. 2–3 (consultation, IA) and
# УПМС; MP bills only through the Rules of Procedure. A unified ("mixed") bill carries a CoM
# draft, so the stricter regime applies to it as well as the parliamentary one.
COM = frozenset({Initiator.COUNCIL_OF_MINISTERS.value, Initiator.MIXED.value})
MP = frozenset({Initiator.MPS.value, Initiator.COMMITTEE.value, Initiator.MIXED.value})
ANY = COM | MP

# Composites of §5.2 and their four iREG categories.
COMPOSITES = ("stakeholder_engagement", "impact_assessment", "ex_post", "parliamentary")
CATEGORIES = ("systematic_adoption", "methodology", "transparency", "oversight")


@dataclass(slots=True)
class Finding:
    """A verdict with its one-sentence explanations and evidence. A check function returns it
    without identity (`Result`); the engine fills in the criterion, its principles and, unless the
    branch set its own, the criterion's confidence tag."""

    verdict: Verdict
    explanation_bg: str
    explanation_en: str
    evidence: dict[str, Any] = field(default_factory=dict)
    confidence: str | None = None  # overrides the criterion's tag for this branch (e.g. a [P] threshold)
    labels: tuple[str, ...] = ()  # e.g. "pre_reform", "borderline", "procedural_red_flag"
    recheck_on: dt.date | None = None  # the verdict may change on this date with the same data
    criterion_id: str = ""
    principles: tuple[Principle, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion_id,
            "verdict": self.verdict.value,
            "confidence": self.confidence,
            "principles": [p.key for p in self.principles],
            "explanation_bg": self.explanation_bg,
            "explanation_en": self.explanation_en,
            "evidence": self.evidence,
            "labels": list(self.labels),
        }


# What a check function returns: a Finding the engine has not yet stamped with the criterion.
Result = Finding


def result(verdict: Verdict, bg: str, en: str, evidence: dict[str, Any] | None = None, *,
           confidence: str | None = None, labels: tuple[str, ...] = (), recheck_on: dt.date | None = None) -> Finding:
    return Finding(verdict, bg, en, evidence if evidence is not None else {}, confidence, labels, recheck_on)


def passed(bg: str, en: str, evidence: dict[str, Any] | None = None, **kw: Any) -> Finding:
    return result(Verdict.PASS, bg, en, evidence, **kw)


def warn(bg: str, en: str, evidence: dict[str, Any] | None = None, **kw: Any) -> Finding:
    return result(Verdict.WARN, bg, en, evidence, **kw)


def fail(bg: str, en: str, evidence: dict[str, Any] | None = None, **kw: Any) -> Finding:
    return result(Verdict.FAIL, bg, en, evidence, **kw)


def not_applicable(bg: str, en: str, evidence: dict[str, Any] | None = None, **kw: Any) -> Finding:
    return result(Verdict.N_A, bg, en, evidence, **kw)


def unknown(bg: str, en: str, evidence: dict[str, Any] | None = None, **kw: Any) -> Finding:
    return result(Verdict.UNKNOWN, bg, en, evidence, **kw)


Check = Callable[["Facts", dict[str, Any]], Result]


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    name_bg: str
    name_en: str
    group: str  # init | consultation | impact | motives | parliament | technique | promulgation
    principles: tuple[Principle, ...]
    legal_basis: str  # with article numbers, e.g. "ЗНА чл. 26, ал. 4, изр. първо"
    confidence: str  # tag of the legal basis / threshold: C, C2, R, U, P or "C2/P"
    check: Check
    initiators: frozenset[str] = ANY
    from_reform: bool = False  # the 2016 consultation and IA regime (regime.reform_date)
    reform_date_of: str = "submission"  # which date decides pre-/post-reform: submission | consultation
    # Act types: a consultation criterion applies to normative acts only (ЗНА чл. 26 does not cover
    # strategies, concepts, framework positions); its consultation's act type decides.
    normative_only: bool = False
    settings: tuple[str, ...] = ()  # names of its thresholds in thresholds.toml [ID]
    composite: tuple[tuple[str, str], ...] = ()  # (composite, category) of §5.2
    descriptive: bool = False  # classifies, does not judge: excluded from the principle scores
    doc: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name_bg": self.name_bg,
            "name_en": self.name_en,
            "group": self.group,
            "principles": [p.key for p in self.principles],
            "legal_basis": self.legal_basis,
            "confidence": self.confidence,
            "initiators": sorted(self.initiators),
            "from_reform": self.from_reform,
            "normative_only": self.normative_only,
            "settings": list(self.settings),
            "composite": [list(c) for c in self.composite],
            "descriptive": self.descriptive,
        }


REGISTRY: dict[str, Criterion] = {}


def criterion(
    id: str,
    name_bg: str,
    name_en: str,
    *,
    group: str,
    principles: tuple[Principle, ...],
    legal_basis: str,
    confidence: str,
    initiators: frozenset[str] = ANY,
    from_reform: bool = False,
    reform_date_of: str = "submission",
    normative_only: bool = False,
    settings: tuple[str, ...] = (),
    composite: tuple[tuple[str, str], ...] = (),
    descriptive: bool = False,
) -> Callable[[Check], Criterion]:
    """Declares a criterion around its check function (whose docstring cites the articles)."""

    def register(check: Check) -> Criterion:
        if id in REGISTRY:
            raise ValueError(f"criterion {id} declared twice")
        for tag in confidence_parts(confidence):
            if tag not in CONFIDENCE_TAGS:
                raise ValueError(f"{id}: unknown confidence tag {tag!r}")
        for comp, cat in composite:
            if comp not in COMPOSITES or cat not in CATEGORIES:
                raise ValueError(f"{id}: unknown composite cell {comp}/{cat}")
        crit = Criterion(
            id=id, name_bg=name_bg, name_en=name_en, group=group, principles=principles,
            legal_basis=legal_basis, confidence=confidence, check=check, initiators=initiators,
            from_reform=from_reform, reform_date_of=reform_date_of, normative_only=normative_only, settings=settings,
            composite=composite, descriptive=descriptive, doc=(check.__doc__ or "").strip(),
        )
        REGISTRY[id] = crit
        return crit

    return register
