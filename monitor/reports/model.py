"""The evaluation report's model: one row per initiative, its latest findings, the filters.

Plain dataclasses that monitor.reports.data fills from the database; every output format (CSV,
JSON, XLSX, HTML, PDF) renders the same `Report`, so they cannot disagree. Nothing here reads the
database or imports the modules that analyse or render a report.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from core.parliament import bill_public_url
from monitor.reports.process import Process

VERDICTS = ("PASS", "WARN", "FAIL", "N_A", "UNKNOWN")
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
