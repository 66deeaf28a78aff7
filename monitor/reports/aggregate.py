"""Portfolio aggregates of a report, computed by the rules engine's own functions.

`criteria.summary.aggregate` owns the arithmetic (verdict counts, mean principle scores, the
composites kept apart for CoM and MP bills, the watchdog indicators WD-01 … WD-07, the portfolio
exclusions of ratification/budget bills); this module only feeds it the report's rows and adds
the counts a report needs around it (how many initiatives were selected, how many evaluated,
what staff decided on the flags).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.parliament import Regime
from criteria import summary as engine

if TYPE_CHECKING:
    from monitor.reports.model import InitiativeRow, Report

ALL = "all"
# The engine's regimes (criteria.summary.initiative_facts), in the order the report shows them.
REGIME_ORDER = tuple(r.value for r in Regime)


def regime(row: InitiativeRow) -> str:
    """The regime the evaluation stored; from the bill's initiator for one stored without facts."""
    stored = (row.summary.get("facts") or {}).get("initiator")
    return stored or Regime.of(row.initiator).value


def engine_row(row: InitiativeRow) -> engine.Row:
    facts = {"initiator": Regime.of(row.initiator).value, "bill_id": row.bill_id, "signature": row.signature,
             "assembly": row.assembly, "year": row.submitted_on.year if row.submitted_on else None,
             **(row.summary.get("facts") or {})}
    return engine.Row(facts=facts, verdicts=dict(row.verdicts), principle_scores=row.principle_scores_raw,
                      composite=row.composite_raw, flag_severity=row.flag_severity)


def aggregate(report: Report, *, include_excluded: bool = False) -> dict[str, Any]:
    evaluated = [r for r in report.rows if r.evaluation_id is not None]
    rows = [engine_row(r) for r in evaluated]
    present = {regime(r) for r in report.rows}
    groups = [g for g in REGIME_ORDER if g in present] + sorted(present - set(REGIME_ORDER))
    members = {ALL: report.rows, **{g: [r for r in report.rows if regime(r) == g] for g in groups}}
    by_initiator = engine.aggregate_by(rows, "initiator", include_excluded=include_excluded)
    review: dict[str, int] = {}
    for r in report.rows:
        if r.review_status:
            review[r.review_status] = review.get(r.review_status, 0) + 1
    return {
        "groups": [ALL, *groups],
        "initiatives": {g: len(rs) for g, rs in members.items()},
        "evaluated": {g: sum(1 for r in rs if r.evaluation_id is not None) for g, rs in members.items()},
        "all": engine.aggregate(rows, include_excluded=include_excluded),
        "by_initiator": {g: by_initiator[g] for g in groups if g in by_initiator},
        "review_status": dict(sorted(review.items())),
    }


def of_group(aggregates: dict[str, Any], group: str) -> dict[str, Any] | None:
    """The engine aggregate of one group ("all" or a regime); None if it has no evaluated initiative."""
    return aggregates["all"] if group == ALL else aggregates["by_initiator"].get(group)


def flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """(dotted path, scalar) pairs of a nested aggregate; lists become one "; "-joined text."""
    if isinstance(value, dict):
        out: list[tuple[str, Any]] = []
        for key, sub in value.items():
            out += flatten(sub, f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(value, list):
        return [(prefix, "; ".join(str(v) for v in value))]
    return [(prefix, value)]
