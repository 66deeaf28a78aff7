"""Scores, the iREG-shaped composite, the review flag, and aggregates over many initiatives.

Per initiative (research/criteria.md §5.2): a finding scores PASS = 1, WARN = 0.5, FAIL = 0;
N_A and UNKNOWN are left out but counted as coverage. A principle's score is the mean over the
criteria serving it. Each composite (stakeholder engagement, impact assessment, ex post,
parliamentary procedure) has the four iREG categories, each the mean of its criteria in
[0, 1]; the composite's `score` is the mean of the categories that have data (0–1) and its
`total` their sum (0–4, only when all four have data). A FAIL of a rule tagged [R] or [U]
counts as a WARN in the composite (§5.2 caveat 3) and is listed as downgraded.

Aggregates (per assembly, year and initiator) report the portfolio indicators WD-01 … WD-07
of §4 H, each as a share with its numerator and denominator.
"""
from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.parliament import Regime
from criteria.criterion import (
    CATEGORIES,
    COMPOSITES,
    SCORE,
    Criterion,
    Finding,
    Verdict,
    confidence_parts,
    is_unverified,
)
from criteria.principles import Principle

if TYPE_CHECKING:
    from criteria.facts import Facts
    from criteria.thresholds import Thresholds

CAVEATS = (
    "iREG measures the system (requirements and reported practice); lexwatch measures each bill: the "
    "comparability is structural, not numeric.",
    "Do not compare with published iREG values without saying so.",
    "A FAIL of a rule tagged [R] or [U] counts as WARN in the composite until the rule is verified.",
    "For iREG comparability use Council of Ministers bills only for stakeholder engagement and impact assessment.",
)

SEVERITY_ORDER = {"low": 1, "medium": 2, "high": 3}


def _score(f: Finding) -> float | None:
    return SCORE.get(f.verdict)


_PRINCIPLES = tuple(Principle)
_CELLS = tuple((comp, cat) for comp in COMPOSITES for cat in CATEGORIES)
_CELL_INDEX = {cell: i for i, cell in enumerate(_CELLS)}


def scores(findings: list[Finding], criteria: dict[str, Criterion]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(principle scores, composite) in one pass over the findings."""
    p_acc = {p: [0.0, 0, 0] for p in _PRINCIPLES}  # sum of scores, scored, excluded
    cells: list[list[Any]] = [[0.0, []] for _ in _CELLS]  # sum, criteria ids
    excluded = dict.fromkeys(COMPOSITES, 0)
    downgraded: dict[str, list[str]] = {c: [] for c in COMPOSITES}
    for f in findings:
        crit = criteria.get(f.criterion_id)
        if crit is None:
            continue
        s = SCORE.get(f.verdict)
        if not crit.descriptive:
            for p in f.principles:
                a = p_acc[p]
                if s is None:
                    a[2] += 1
                else:
                    a[0] += s
                    a[1] += 1
        for cell in crit.composite:
            if s is None:
                excluded[cell[0]] += 1
                continue
            if f.verdict is Verdict.FAIL and is_unverified(f.confidence):
                s = SCORE[Verdict.WARN]
                downgraded[cell[0]].append(f.criterion_id)
            c = cells[_CELL_INDEX[cell]]
            c[0] += s
            c[1].append(f.criterion_id)
    principles = {p.key: {"score": round(a[0] / a[1], 4) if a[1] else None, "scored": a[1], "excluded": a[2]}
                  for p, a in p_acc.items()}
    composite_out: dict[str, Any] = {}
    i = 0
    for comp in COMPOSITES:
        cats: dict[str, Any] = {}
        total, scored_cats, n = 0.0, 0, 0
        for cat in CATEGORIES:
            ssum, ids = cells[i]
            i += 1
            if ids:
                value = round(ssum / len(ids), 4)
                total += value
                scored_cats += 1
                n += len(ids)
            else:
                value = None
            cats[cat] = {"score": value, "criteria": ids}
        composite_out[comp] = {
            "categories": cats,
            "score": round(total / scored_cats, 4) if scored_cats else None,
            "total": round(total, 4) if scored_cats == len(CATEGORIES) else None,
            "scored": n,
            "excluded": excluded[comp],
            "downgraded": downgraded[comp],
        }
    if not composite_out["ex_post"]["scored"]:
        composite_out["ex_post"]["note"] = ("IA-07 (ex-post evaluation due) needs ex-post reports, "
                                            "which lexwatch does not collect yet.")
    return principles, composite_out


def principle_scores(findings: list[Finding], criteria: dict[str, Criterion]) -> dict[str, Any]:
    return scores(findings, criteria)[0]


def composite(findings: list[Finding], criteria: dict[str, Criterion]) -> dict[str, Any]:
    return scores(findings, criteria)[1]


@dataclass(frozen=True)
class Flag:
    severity: str  # low | medium | high
    reasons: tuple[tuple[str, str, str], ...]  # (criterion, verdict, confidence), sorted

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity,
                "reasons": [{"criterion": c, "verdict": v, "confidence": t} for c, v, t in self.reasons]}

    def reason_keys(self) -> list[str]:
        return [f"{c}:{v}" for c, v, _ in self.reasons]


# Portfolio exclusions that raise no review flag: a ratification law's text is the treaty, negotiated and
# signed before the bill; the consultation, IA and motives rules the engine checks are not how it is made
# (their exemption is unverified, research/criteria.md §7 item 4), so its FAILs would fill the review queue
# with what every aggregate already leaves out. Budget and constitutional bills keep their flags.
UNFLAGGED_EXCLUSIONS = frozenset({"ratification"})


def flag(findings: list[Finding], thresholds: Thresholds, exclusion: str | None = None) -> Flag | None:
    """A FAIL raises a flag ("high"; "medium" when the rule or its threshold is [R], [U] or [P]);
    a WARN of a criterion listed in [flags] warn_criteria raises a "low" one. A ratification bill
    (`exclusion`, Facts.portfolio_exclusion) raises none."""
    if exclusion in UNFLAGGED_EXCLUSIONS:
        return None
    chosen = thresholds.warn_flag_criteria
    reasons: list[tuple[str, str, str]] = []
    severity = 0
    for f in findings:
        if f.verdict is Verdict.FAIL:
            weak = any(t in ("R", "U", "P") for t in confidence_parts(f.confidence))
            level = "medium" if weak else "high"
        elif f.verdict is Verdict.WARN and f.criterion_id in chosen:
            level = "low"
        else:
            continue
        reasons.append((f.criterion_id, f.verdict.value, f.confidence))
        severity = max(severity, SEVERITY_ORDER[level])
    if not reasons:
        return None
    name = next(k for k, v in SEVERITY_ORDER.items() if v == severity)
    return Flag(name, tuple(sorted(reasons)))


# --------------------------------------------------------------------------- facts for aggregates

_AMENDING = re.compile(r"\bза\s+(?:изменение|допълнение)", re.I)


def initiative_facts(f: Facts, findings: list[Finding]) -> dict[str, Any]:
    """The per-initiative numbers the portfolio indicators are built from."""
    by_id = {x.criterion_id: x for x in findings}

    def ev(cid: str, key: str) -> Any:
        x = by_id.get(cid)
        return x.evidence.get(key) if x else None

    b = f.bill
    lt02 = ev("LT-02", "laws") or []
    return {
        "bill_id": b.id,
        "signature": b.signature,
        "assembly": b.assembly,
        "year": b.submitted_on.year if b.submitted_on else None,
        "initiator": Regime.of(f.initiator).value,
        "status": b.status,
        "adopted": f.adopted,
        "portfolio_exclusion": f.portfolio_exclusion,
        "consultation_days": f.consultation_days if by_id.get("CONS-02") and by_id["CONS-02"].verdict
        in (Verdict.PASS, Verdict.WARN, Verdict.FAIL) else None,
        "days_to_adoption": ev("NA-07", "days_to_adoption"),
        "amending_act": bool(_AMENDING.search(b.final_title or b.title or "")),
        "n_other_laws": ev("LT-01", "n_other_laws"),
        "max_amendments_in_window": max((x["amendments_in_window"] for x in lt02), default=None),
    }


# --------------------------------------------------------------------------- aggregates


@dataclass
class Row:
    """One initiative's latest evaluation, as the aggregates read it."""

    facts: dict[str, Any]
    verdicts: dict[str, str]
    principle_scores: dict[str, Any]
    composite: dict[str, Any]
    flag_severity: str | None = None


def _share(num: int, den: int) -> dict[str, Any]:
    return {"value": round(num / den, 4) if den else None, "numerator": num, "denominator": den}


def _verdict_share(rows: list[Row], cid: str, hit: tuple[str, ...]) -> dict[str, Any]:
    judged = [r for r in rows if r.verdicts.get(cid) in ("PASS", "WARN", "FAIL")]
    return _share(sum(1 for r in judged if r.verdicts[cid] in hit), len(judged))


def _by_initiator(rows: list[Row], fn) -> dict[str, Any]:
    groups: dict[str, list[Row]] = {}
    for r in rows:
        groups.setdefault(r.facts.get("initiator") or Regime.UNKNOWN.value, []).append(r)
    return {k: fn(v) for k, v in sorted(groups.items())}


def watchdog_indicators(rows: list[Row]) -> dict[str, Any]:
    """WD-01 … WD-07 of research/criteria.md §4 H over `rows` (portfolio exclusions already applied)."""
    n = len(rows)
    adopted = [r for r in rows if r.facts.get("adopted")]

    def initiator_counts(rs: list[Row]) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for r in rs:
            key = r.facts.get("initiator") or Regime.UNKNOWN.value
            counts[key] = counts.get(key, 0) + 1
        return {k: _share(v, len(rs)) for k, v in sorted(counts.items())}

    com = [r for r in rows if r.facts.get("initiator") in (Regime.COUNCIL_OF_MINISTERS, Regime.MIXED)]
    days = [r.facts["consultation_days"] for r in com if r.facts.get("consultation_days") is not None]

    lt01 = [r for r in adopted if r.facts.get("n_other_laws") is not None]
    other = sum(r.facts["n_other_laws"] for r in lt01)
    own = sum(1 for r in lt01 if r.facts.get("amending_act"))

    def median_days(rs: list[Row]) -> dict[str, Any]:
        vals = [r.facts["days_to_adoption"] for r in rs if r.facts.get("days_to_adoption") is not None]
        return {"median_days": statistics.median(vals) if vals else None, "n": len(vals),
                "fast_tracked": _share(sum(1 for v in vals if v < 14), len(vals))}

    return {
        "WD-01": {"label": "Share of bills and of adopted laws by initiator",
                  "bills": initiator_counts(rows), "adopted": initiator_counts(adopted), "n_bills": n},
        "WD-02": {"label": "Council of Ministers drafts consulted under 30 and under 14 days",
                  "under_30_days": _share(sum(1 for d in days if d < 30), len(days)),
                  "under_14_days": _share(sum(1 for d in days if d < 14), len(days))},
        "WD-03": {"label": "Bills without impact assessment (IA-01) and without a required full IA (IA-02)",
                  "without_ia": _verdict_share(rows, "IA-01", ("FAIL",)),
                  "without_required_full_ia": _verdict_share(rows, "IA-02", ("FAIL", "WARN")),
                  "by_initiator": _by_initiator(rows, lambda rs: {
                      "without_ia": _verdict_share(rs, "IA-01", ("FAIL",)),
                      "without_required_full_ia": _verdict_share(rs, "IA-02", ("FAIL", "WARN"))})},
        "WD-04": {"label": "Amendments to other laws via the ПЗР",
                  "laws_amending_other_laws": _share(sum(1 for r in lt01 if r.facts["n_other_laws"] > 0), len(lt01)),
                  "share_of_amendments_via_pzr": _share(other, other + own),
                  "riders_added_at_second_reading": _verdict_share(adopted, "NA-05", ("WARN", "FAIL"))},
        "WD-05": {"label": "Both votes at one sitting, and shortened proposal terms",
                  "both_votes_one_sitting": _verdict_share(rows, "NA-04", ("WARN", "FAIL")),
                  "shortened_proposal_term": _verdict_share(rows, "NA-03", ("WARN", "FAIL"))},
        "WD-06": {"label": "Laws amended at least 3 times in 12 months (LT-02)",
                  "amended_3_plus_in_12_months": _verdict_share(adopted, "LT-02", ("WARN", "FAIL")),
                  "amended_6_plus_in_12_months": _verdict_share(adopted, "LT-02", ("FAIL",))},
        "WD-07": {"label": "Time from submission to adoption; fast-tracked (< 14 days)",
                  **median_days(adopted), "by_initiator": _by_initiator(adopted, median_days)},
    }


def _mean(values: Iterable[float | None]) -> dict[str, Any]:
    vals = [v for v in values if v is not None]
    return {"mean": round(sum(vals) / len(vals), 4) if vals else None, "n": len(vals)}


def aggregate(rows: list[Row], *, include_excluded: bool = False) -> dict[str, Any]:
    """Verdict counts per criterion, mean scores, composites (CoM and MP apart) and WD-01 … WD-07."""
    excluded = [r for r in rows if r.facts.get("portfolio_exclusion")]
    used = rows if include_excluded else [r for r in rows if not r.facts.get("portfolio_exclusion")]
    verdicts: dict[str, dict[str, int]] = {}
    for r in used:
        for cid, v in r.verdicts.items():
            verdicts.setdefault(cid, {}).setdefault(v, 0)
            verdicts[cid][v] += 1
    flags: dict[str, int] = {}
    for r in used:
        if r.flag_severity:
            flags[r.flag_severity] = flags.get(r.flag_severity, 0) + 1

    def composites(rs: list[Row]) -> dict[str, Any]:
        return {c: _mean(r.composite.get(c, {}).get("score") for r in rs) for c in COMPOSITES}

    return {
        "initiatives": len(used),
        "portfolio_excluded": {"count": len(excluded), "included": include_excluded,
                               "note": "ratification, budget and constitutional bills (NCPI practice)"},
        "flags": flags,
        "verdicts": dict(sorted(verdicts.items())),
        "principle_scores": {p.key: _mean(r.principle_scores.get(p.key, {}).get("score") for r in used)
                             for p in Principle},
        "composite": _by_initiator(used, composites),
        "composite_caveats": list(CAVEATS),
        "watchdog": watchdog_indicators(used),
    }


def aggregate_by(rows: list[Row], key: str, *, include_excluded: bool = False) -> dict[str, Any]:
    """`aggregate` per value of a fact (assembly, year, initiator)."""
    groups: dict[Any, list[Row]] = {}
    for r in rows:
        groups.setdefault(r.facts.get(key), []).append(r)
    return {str(k): aggregate(v, include_excluded=include_excluded)
            for k, v in sorted(groups.items(), key=lambda kv: (kv[0] is None, str(kv[0])))}


# --------------------------------------------------------------------------- root causes (ranking)

# One missing document or step fails several criteria at once. A consequence listed here is not a
# root cause of its own when its root also failed or warned: it is listed under the root, so a bill
# without an impact assessment counts one root cause, not five. Read from the catalogue's checks:
# CONS-04, IA-03, IA-05 and NA-DOC-01 look for the IA document IA-01 found missing; the consultation
# criteria need the consultation CONS-01 found missing; both votes at one sitting (NA-04) leave no
# term for proposals (NA-03); a consultation under 30 days (CONS-02) is what CONS-03 judges.
CASCADES: dict[str, tuple[str, ...]] = {
    "CONS-01": ("CONS-02", "CONS-03", "CONS-04", "CONS-05", "CONS-06", "CONS-07", "IA-05", "IA-03", "INIT-02"),
    "IA-01": ("IA-02", "IA-03", "IA-04", "IA-05", "CONS-04", "NA-DOC-01"),
    "MOT-01": ("MOT-02", "MOT-04", "NA-DOC-01"),
    "CONS-02": ("CONS-03",),
    "CONS-04": ("IA-05",),  # the IA is one of the documents CONS-04 finds missing from the consultation
    "CONS-05": ("CONS-06",),
    "NA-04": ("NA-03",),
}
# A root cause's weight is its deficit on the engine's scale (1 − score: FAIL 1, WARN 0.5); a FAIL of a
# rule tagged [R] or [U] weighs as a WARN until the rule is verified (§5.2 caveat 3).
ROOT_WEIGHT = {"FAIL": 1.0, "WARN": 0.5}


@dataclass(frozen=True)
class RootCause:
    criterion: str
    verdict: str
    weight: float
    consequences: tuple[str, ...]  # criteria that failed or warned only because this one did
    unverified: bool = False  # the rule is tagged [R] or [U]

    def to_dict(self) -> dict[str, Any]:
        return {"criterion": self.criterion, "verdict": self.verdict, "weight": self.weight,
                "consequences": list(self.consequences), "unverified_rule": self.unverified}


def root_causes(verdicts: dict[str, str], confidences: dict[str, str] | None = None,
                ignore: Iterable[str] = ()) -> list[RootCause]:
    """The distinct root causes among an initiative's FAIL and WARN verdicts, in catalogue order of
    their roots; `ignore` leaves out criteria whose WARN/FAIL the caller knows not to count."""
    skip = set(ignore)
    bad = {c: v for c, v in verdicts.items() if v in ROOT_WEIGHT and c not in skip}
    confidences = confidences or {}
    owner: dict[str, str] = {}
    for root, consequences in CASCADES.items():
        if root in bad:
            for c in consequences:
                if c in bad and c not in owner and c != root:
                    owner[c] = root
    # A root that is itself a consequence of a failing root hangs under that one (CONS-02 under CONS-01).
    out: list[RootCause] = []
    for cid in bad:
        if cid in owner:
            continue
        under = tuple(sorted((c for c, r in owner.items() if r == cid), key=_catalogue_rank))
        unverified = is_unverified(confidences.get(cid, ""))
        weight = ROOT_WEIGHT["WARN"] if unverified and bad[cid] == "FAIL" else ROOT_WEIGHT[bad[cid]]
        out.append(RootCause(cid, bad[cid], weight, under, unverified))
    return sorted(out, key=lambda r: (-r.weight, _catalogue_rank(r.criterion)))


_RANK: dict[str, int] = {}


def _catalogue_rank(cid: str) -> int:
    if not _RANK:
        from criteria.catalogue import CATALOGUE

        _RANK.update({c.id: i for i, c in enumerate(CATALOGUE)})
    return _RANK.get(cid, len(_RANK))
