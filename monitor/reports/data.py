"""The evaluation report's content, read once from the database into monitor.reports.model's
dataclasses; every output format (CSV, JSON, XLSX, HTML, PDF) renders the same `Report`, so they
cannot disagree.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import UsageError
from criteria.criterion import CATEGORIES, COMPOSITES
from criteria.principles import Principle
from db.models import Bill, Evaluation, Finding, Initiative, ReviewFlag
from monitor.reports.aggregate import aggregate
from monitor.reports.labels import describe_filters
from monitor.reports.model import (
    FindingRow,
    InitiativeRow,
    Report,
    ReportFilters,
    _catalogue,
    _ordered_keys,
    composite_values,
    criterion_sort_key,
    principle_values,
)
from monitor.reports.process import UNREVIEWED, load_process
from monitor.reports.publication import analyse


def load_report(session: Session, filters: ReportFilters | None = None, *, include_excluded: bool = False,
                now: dt.datetime | None = None) -> Report:
    """The report of the initiatives `filters` select. The aggregates leave out ratification, budget and
    constitutional bills as the engine does (NCPI practice) unless `include_excluded`."""
    filters = filters or ReportFilters()
    q = select(Initiative, Bill).join(Bill, Initiative.bill_id == Bill.id)
    if filters.assembly is not None:
        q = q.where(Bill.assembly == filters.assembly)
    if filters.year is not None:
        q = q.where(Bill.submitted_on >= dt.date(filters.year, 1, 1), Bill.submitted_on <= dt.date(filters.year, 12, 31))
    if filters.initiators:
        q = q.where(Bill.initiator.in_(filters.initiators))
    if filters.since is not None:
        q = q.where(Bill.submitted_on >= filters.since)
    if filters.until is not None:
        q = q.where(Bill.submitted_on <= filters.until)
    pairs = session.execute(q.order_by(Bill.submitted_on, Bill.signature, Initiative.id)).all()
    if not pairs:
        raise UsageError(f"no initiative matches the filters ({describe_filters(filters, 'en')}): nothing to report")

    rows: dict[int, InitiativeRow] = {}
    for initiative, bill in pairs:
        rows[initiative.id] = InitiativeRow(
            initiative_id=initiative.id, bill_id=bill.id, signature=bill.signature, title=bill.title,
            initiator=bill.initiator or initiative.initiator, assembly=bill.assembly, submitted_on=bill.submitted_on,
            bill_status=bill.status, source_url=bill.source_url,
        )
    process = load_process(session, {bill.id: bill for _, bill in pairs}, {b.id: i.id for i, b in pairs})
    for row in rows.values():
        row.process = process[row.bill_id]
    ids = list(rows)
    findings: list[FindingRow] = []
    for chunk in _chunks(ids, 500):
        evaluations = session.scalars(
            select(Evaluation)
            .where(Evaluation.initiative_id.in_(chunk), Evaluation.is_latest.is_(True))
            .order_by(Evaluation.evaluated_at, Evaluation.id)
        ).all()
        newest: dict[int, Evaluation] = {}
        for ev in evaluations:  # if two are marked latest, the newest wins
            newest[ev.initiative_id] = ev
        by_eval: dict[int, InitiativeRow] = {}
        for ev in newest.values():
            row = rows[ev.initiative_id]
            row.evaluation_id, row.evaluated_at, row.ruleset_version = ev.id, ev.evaluated_at, ev.ruleset_version
            row.flag_severity = ev.flag_severity
            row.principle_scores_raw, row.composite_raw = ev.principle_scores or {}, ev.composite or {}
            row.principle_scores = principle_values(row.principle_scores_raw)
            row.composite = composite_values(row.composite_raw)
            row.summary = ev.summary or {}
            by_eval[ev.id] = row
        # Columns, not ORM objects: 70,000 findings of a whole assembly load in a third of the time.
        for eid, cid, verdict, confidence, principles, bg, en, evidence in session.execute(
            select(Finding.evaluation_id, Finding.criterion_id, Finding.verdict, Finding.confidence, Finding.principles,
                   Finding.explanation_bg, Finding.explanation_en, Finding.evidence)
            .where(Finding.evaluation_id.in_(list(by_eval))).order_by(Finding.evaluation_id, Finding.id)
        ):
            row = by_eval[eid]
            row.verdicts[cid] = verdict
            row.confidences[cid] = confidence
            evidence = evidence or {}
            # A finding rests on an unreviewed link when its evidence names the linked consultation (with the
            # link's status) or the linked ПРИС decision while staff have not confirmed that link.
            if evidence.get("link_status") in UNREVIEWED or (
                    evidence.get("council_decision") and row.process.council_act_link in UNREVIEWED):
                row.unreviewed.add(cid)
            findings.append(FindingRow(
                initiative_id=row.initiative_id, signature=row.signature, initiator=row.initiator,
                criterion_id=cid, verdict=verdict, confidence=confidence,
                principles=[str(p) for p in principles or []], explanation_bg=bg, explanation_en=en, evidence=evidence,
            ))
        for flag in session.scalars(
            select(ReviewFlag).where(ReviewFlag.initiative_id.in_(chunk)).order_by(ReviewFlag.created_at, ReviewFlag.id)
        ):
            rows[flag.initiative_id].review_status = flag.status  # the newest flag's status wins

    catalogue_order, names = _catalogue()
    present = {f.criterion_id for f in findings}
    rank = {cid: i for i, cid in enumerate(catalogue_order)}
    criteria = sorted(present, key=lambda c: (rank.get(c, len(rank)), criterion_sort_key(c)))
    order = {iid: i for i, iid in enumerate(rows)}
    crit_key = {c: (rank.get(c, len(rank)), criterion_sort_key(c)) for c in present}  # once per criterion, not per finding
    findings.sort(key=lambda f: (order[f.initiative_id], crit_key[f.criterion_id]))
    row_list = list(rows.values())
    report = Report(
        generated_at=now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0),
        filters=filters,
        criteria=criteria,
        criterion_names={c: names[c] for c in criteria if c in names},
        principle_keys=_in_order(_ordered_keys([r.principle_scores for r in row_list]), [p.key for p in Principle]),
        composite_keys=_in_order(_ordered_keys([r.composite for r in row_list]), _composite_columns()),
        rows=row_list,
        findings=findings,
    )

    report.aggregates = aggregate(report, include_excluded=include_excluded)
    report.include_excluded = include_excluded

    report.analysis = analyse(report)
    return report


def _composite_columns() -> list[str]:
    cols = []
    for comp in COMPOSITES:
        cols += [comp, f"{comp}.total", *(f"{comp}.{cat}" for cat in CATEGORIES)]
    return cols


def _in_order(keys: list[str], preferred: list[str]) -> list[str]:
    rank = {k: i for i, k in enumerate(preferred)}
    return sorted(keys, key=lambda k: (rank.get(k, len(rank)), keys.index(k)))


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]
