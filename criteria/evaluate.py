"""The rules engine: every criterion of the catalogue over one initiative.

`evaluate(initiative, thresholds, as_of)` is pure (no database): it applies each criterion's
declared applicability (initiator regime, the 04.11.2016 reform), runs its check, and returns
the findings with the per-principle scores, the iREG-shaped composite and the review flag
(criteria.summary). `as_of` is the day the evaluation speaks for (pending-bill criteria depend
on it); findings that would change with time alone carry the date in `recheck_on`.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.parliament import Initiator, Regime
from criteria import summary as summary_mod
from criteria.catalogue import CATALOGUE
from criteria.criterion import ANY, COM, Criterion, Finding, Result, Verdict
from criteria.facts import NON_NORMATIVE, Facts
from criteria.initiative import Initiative, input_hash
from criteria.thresholds import Thresholds, defaults

log = logging.getLogger(__name__)

RULESET_VERSION = "1.0.0"
# The files whose content is the ruleset: a change to any of them re-evaluates every initiative.
_RULESET_FILES = ("criterion.py", "facts.py", "gazette.py", "evaluate.py", "summary.py", "catalogue")


@functools.cache
def ruleset_version() -> str:
    """"1.0.0+<hash of the rule sources>" (fits Evaluation.ruleset_version, 32 characters)."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for name in _RULESET_FILES:
        path = root / name
        for p in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return f"{RULESET_VERSION}+{h.hexdigest()[:12]}"


@dataclass
class EvaluationResult:
    findings: list[Finding]
    principle_scores: dict[str, Any]
    composite: dict[str, Any]
    flag: summary_mod.Flag | None
    facts: dict[str, Any]
    ruleset_version: str
    thresholds_hash: str
    input_hash: str
    as_of: dt.date
    initiative_id: int | None = None
    bill_id: int | None = None
    recheck_on: dt.date | None = None
    thresholds_sources: tuple[str, ...] = field(default_factory=tuple)

    def verdicts(self) -> dict[str, str]:
        return {f.criterion_id: f.verdict.value for f in self.findings}

    def summary(self) -> dict[str, Any]:
        """The JSON kept in evaluations.summary (what the aggregates and the flag need)."""
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.verdict.value] = counts.get(f.verdict.value, 0) + 1
        return {
            "as_of": self.as_of.isoformat(),
            "facts": self.facts,
            "verdicts": self.verdicts(),
            "verdict_counts": counts,
            "flag": self.flag.to_dict() if self.flag else None,
            "recheck_on": self.recheck_on.isoformat() if self.recheck_on else None,
            "thresholds_sources": list(self.thresholds_sources),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "initiative_id": self.initiative_id,
            "bill_id": self.bill_id,
            "ruleset_version": self.ruleset_version,
            "thresholds_hash": self.thresholds_hash,
            "input_hash": self.input_hash,
            "as_of": self.as_of.isoformat(),
            "flag": self.flag.to_dict() if self.flag else None,
            "principle_scores": self.principle_scores,
            "composite": self.composite,
            "facts": self.facts,
            "findings": [f.to_dict() for f in self.findings],
        }


# How a sentence names the bills of a regime a criterion is limited to.
_ONLY_TO = {
    Regime.COUNCIL_OF_MINISTERS: ("само за законопроекти на Министерския съвет", "only to Council of Ministers bills"),
    Regime.MPS: ("само за законопроекти на народни представители", "only to bills of MPs"),
}


def _regime_of(crit: Criterion) -> Regime:
    return Regime.COUNCIL_OF_MINISTERS if crit.initiators <= COM else Regime.MPS


def _applicability(crit: Criterion, f: Facts, th: Thresholds) -> Result | None:
    """The engine's N_A / UNKNOWN before a check runs, from the criterion's declaration."""
    if Initiator.UNKNOWN not in crit.initiators and crit.initiators != ANY:
        if f.initiator is None:
            return Result(Verdict.UNKNOWN, "Вносителят не е известен, а критерият зависи от него.",
                          "The initiator is unknown and the criterion depends on it.",
                          {"initiator": f.bill.initiator})
        if f.initiator not in crit.initiators:
            only_bg, only_en = _ONLY_TO[_regime_of(crit)]
            return Result(Verdict.N_A, f"Критерият се прилага {only_bg}.",
                          f"The criterion applies {only_en}.", {"initiator": f.initiator},
                          labels=("initiator",))
    if crit.normative_only and f.consultation is not None and f.consultation.act_type \
            and NON_NORMATIVE.search(f.consultation.act_type):
        c = f.consultation
        return Result(Verdict.N_A, f"Консултацията {c.reg_num} е за ненормативен акт ({c.act_type}), извън чл. 26 ЗНА.",
                      f"Consultation {c.reg_num} is on a non-normative act ({c.act_type}), outside ЗНА art. 26.",
                      {"consultation": c.reg_num, "act_type": c.act_type}, labels=("non_normative",))
    if crit.from_reform:
        ref = None
        if crit.reform_date_of == "consultation" and f.consultation is not None:
            ref = f.consultation.date_open
        ref = ref or f.submitted_on
        reform = th.reform_date
        if ref is not None and ref < reform:
            return Result(Verdict.N_A,
                          f"Преди реформата: режимът на консултации и оценка на въздействието (ЗИД ЗНА, ДВ бр. 34/2016) "
                          f"се прилага от {reform.strftime('%d.%m.%Y')} г.",
                          f"Pre-reform: the consultation and impact-assessment regime (ЗИД ЗНА, ДВ 34/2016) applies "
                          f"from {reform.isoformat()}.",
                          {"reference_date": ref.isoformat(), "reform_date": reform.isoformat(),
                           "reference": crit.reform_date_of}, labels=("pre_reform",))
    return None


def run_criterion(crit: Criterion, f: Facts, th: Thresholds) -> Finding:
    res = _applicability(crit, f, th)
    if res is None:
        try:
            res = crit.check(f, th.section(crit.id))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the nightly run
            log.exception("criterion %s failed on bill %s", crit.id, f.bill.id)
            res = Result(Verdict.UNKNOWN, "Грешка при проверката; виж журнала.", "The check failed; see the log.",
                         {"error": f"{type(exc).__name__}: {exc}"}, labels=("error",))
    res.criterion_id = crit.id
    res.principles = crit.principles
    if res.confidence is None:
        res.confidence = crit.confidence
    return res


_INDEXES: dict[int, tuple[tuple[Criterion, ...], dict[str, Criterion]]] = {}


def _index(criteria: tuple[Criterion, ...]) -> dict[str, Criterion]:
    """{id: criterion}, kept per tuple (by identity: hashing 28 frozen dataclasses per call costs more)."""
    hit = _INDEXES.get(id(criteria))
    if hit is None or hit[0] is not criteria:
        hit = _INDEXES[id(criteria)] = (criteria, {c.id: c for c in criteria})
    return hit[1]


def evaluate(
    ini: Initiative,
    thresholds: Thresholds | None = None,
    as_of: dt.date | None = None,
    *,
    criteria: tuple[Criterion, ...] = CATALOGUE,
    known_input_hash: str | None = None,
) -> EvaluationResult:
    th = thresholds or defaults()
    day = as_of or dt.date.today()
    f = Facts(ini, th, day)
    findings = [run_criterion(c, f, th) for c in criteria]
    by_id = _index(criteria)
    rechecks = [x.recheck_on for x in findings if x.recheck_on]
    principle_scores, composite = summary_mod.scores(findings, by_id)
    return EvaluationResult(
        findings=findings,
        principle_scores=principle_scores,
        composite=composite,
        flag=summary_mod.flag(findings, th, f.portfolio_exclusion),
        facts=summary_mod.initiative_facts(f, findings),
        ruleset_version=ruleset_version(),
        thresholds_hash=th.hash,
        input_hash=known_input_hash or input_hash(ini),
        as_of=day,
        initiative_id=ini.id,
        bill_id=ini.bill.id,
        recheck_on=min(rechecks) if rechecks else None,
        thresholds_sources=th.sources,
    )
