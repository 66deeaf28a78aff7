"""The evaluation report's content: one row per initiative, its latest findings, aggregates.

Read once from the database into plain dataclasses; every output format (CSV, JSON, XLSX,
HTML, PDF) renders the same `Report`, so they cannot disagree.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from criteria.criterion import CATEGORIES, COMPOSITES
from criteria.principles import Principle
from core.errors import UsageError
from core.parliament import bill_public_url
from db.models import Bill, Evaluation, Finding, Initiative, ReviewFlag
from monitor.reports.process import UNREVIEWED, Process, load_process

VERDICTS = ("PASS", "WARN", "FAIL", "N_A", "UNKNOWN")
INITIATORS = ("council_of_ministers", "mps", "committee", "mixed", "unknown")
# Aliases name the engine's regimes: a committee's bill goes the parliamentary way, like an MP's.
INITIATOR_ALIASES = {"com": ("council_of_ministers",), "мс": ("council_of_ministers",),
                     "mp": ("mps", "committee"), "нп": ("mps", "committee")}
# Catalogue order of the criteria groups (research/criteria.md §4), for columns and charts.
_GROUP_ORDER = ("INIT", "CONS", "IA", "MOT", "NA-DOC", "NA", "LT", "DV")


@dataclass(frozen=True)
class ReportFilters:
    assembly: int | None = None
    year: int | None = None
    initiators: tuple[str, ...] = ()
    since: dt.date | None = None  # submitted on or after
    until: dt.date | None = None  # submitted on or before

    def to_dict(self) -> dict[str, Any]:
        return {"assembly": self.assembly, "year": self.year, "initiators": list(self.initiators),
                "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None}

    def describe(self, lang: str = "bg") -> str:
        from monitor.reports.labels import describe_filters

        return describe_filters(self, lang)


def normalise_initiators(values: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    out: list[str] = []
    for raw in values or ():
        for part in raw.split(","):
            v = part.strip().lower()
            if not v:
                continue
            for name in INITIATOR_ALIASES.get(v, (v,)):
                if name not in INITIATORS:
                    raise UsageError(f"--initiator {part.strip()!r}: use one of {', '.join(INITIATORS)} (or com, mp)")
                if name not in out:
                    out.append(name)
    return tuple(out)


@dataclass
class InitiativeRow:
    initiative_id: int
    bill_id: int
    signature: str
    title: str
    initiator: str
    assembly: int | None
    submitted_on: dt.date | None
    bill_status: str
    source_url: str
    evaluation_id: int | None = None
    evaluated_at: dt.datetime | None = None
    ruleset_version: str | None = None
    flag_severity: str | None = None
    review_status: str | None = None  # of the newest review flag, if any
    verdicts: dict[str, str] = field(default_factory=dict)
    principle_scores: dict[str, float | None] = field(default_factory=dict)  # principle -> score
    composite: dict[str, float | None] = field(default_factory=dict)  # flat columns, see composite_values
    summary: dict[str, Any] = field(default_factory=dict)  # Evaluation.summary (the engine's facts live there)
    principle_scores_raw: dict[str, Any] = field(default_factory=dict)
    composite_raw: dict[str, Any] = field(default_factory=dict)
    confidences: dict[str, str] = field(default_factory=dict)  # criterion -> confidence tag of its finding
    unreviewed: set[str] = field(default_factory=set)  # criteria whose finding rests on an unreviewed link
    process: Process | None = None

    @property
    def public_url(self) -> str:
        return bill_public_url(self.bill_id)

    @property
    def facts(self) -> dict[str, Any]:
        return self.summary.get("facts") or {}

    @property
    def excluded(self) -> str | None:
        """The portfolio exclusion (ratification, budget, constitution) the engine found, if any."""
        return self.facts.get("portfolio_exclusion")

    def verdict_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(VERDICTS, 0)
        for v in self.verdicts.values():
            counts[v] = counts.get(v, 0) + 1
        return counts


@dataclass
class FindingRow:
    initiative_id: int
    signature: str
    initiator: str
    criterion_id: str
    verdict: str
    confidence: str
    principles: list[str]
    explanation_bg: str
    explanation_en: str
    evidence: dict[str, Any]


@dataclass
class Report:
    generated_at: dt.datetime
    filters: ReportFilters
    criteria: list[str]
    criterion_names: dict[str, str]
    principle_keys: list[str]
    composite_keys: list[str]
    rows: list[InitiativeRow]
    findings: list[FindingRow]
    aggregates: dict[str, Any] = field(default_factory=dict)
    include_excluded: bool = False
    analysis: dict[str, Any] = field(default_factory=dict)  # monitor.reports.publication.analyse


def criterion_sort_key(cid: str) -> tuple[int, str, int, str]:
    m = re.match(r"^([A-Z]+(?:-[A-Z]+)?)-(\d+)(.*)$", cid)
    if not m:
        return (len(_GROUP_ORDER) + 1, cid, 0, "")
    prefix, num, rest = m.group(1), int(m.group(2)), m.group(3)
    rank = _GROUP_ORDER.index(prefix) if prefix in _GROUP_ORDER else len(_GROUP_ORDER)
    return (rank, prefix, num, rest)


def _catalogue() -> tuple[list[str], dict[str, str]]:
    """The engine's criteria in catalogue order with their Bulgarian names."""
    from criteria.catalogue import CATALOGUE

    return [c.id for c in CATALOGUE], {c.id: c.name_bg for c in CATALOGUE}


def principle_values(raw: Any) -> dict[str, float | None]:
    """{principle: score} from Evaluation.principle_scores ({key: {"score", "scored", "excluded"}})."""
    out: dict[str, float | None] = {}
    for key, value in (raw or {}).items():
        score = value.get("score") if isinstance(value, dict) else value
        out[str(key)] = float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None
    return out


def composite_values(raw: Any) -> dict[str, float | None]:
    """Flat composite columns from Evaluation.composite (criteria.summary.composite):
    "<composite>" = mean of its categories (0-1), "<composite>.total" = their sum (0-4, only when all
    four have data), "<composite>.<category>" = the category score (0-1)."""
    out: dict[str, float | None] = {}
    num = lambda v: float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None  # noqa: E731
    for comp, value in (raw or {}).items():
        if not isinstance(value, dict):
            out[str(comp)] = num(value)
            continue
        out[str(comp)] = num(value.get("score"))
        out[f"{comp}.total"] = num(value.get("total"))
        for cat, cell in (value.get("categories") or {}).items():
            out[f"{comp}.{cat}"] = num(cell.get("score") if isinstance(cell, dict) else cell)
    return out


def _ordered_keys(dicts: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for d in dicts:
        for k in d:
            seen.setdefault(k, None)
    return list(seen)


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
        raise UsageError(f"no initiative matches the filters ({filters.describe('en')}): nothing to report")

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
    from monitor.reports.aggregate import aggregate

    report.aggregates = aggregate(report, include_excluded=include_excluded)
    report.include_excluded = include_excluded
    from monitor.reports.publication import analyse

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
