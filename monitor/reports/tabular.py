"""CSV, JSON and XLSX exports of a report.

Analysts open these in Excel, and titles are scraped text: a CSV cell that starts with = + - @
(or a tab/CR) would run as a formula, so such cells get a leading apostrophe; in XLSX every text
cell is stored as a string, never a formula.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from monitor.reports.aggregate import ALL, flatten, of_group
from monitor.reports.labels import describe_filters
from monitor.reports.model import VERDICTS, InitiativeRow, Report
from monitor.reports.process import time_in_parliament
from monitor.reports.publication import row_causes

# ASCII triggers plus their full-width forms, which some Excel locales also treat as formulas.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
VERDICT_FILLS = {"PASS": "D7F0DC", "WARN": "FBEEC2", "FAIL": "F6CFCF"}


def excel_safe(value: Any) -> Any:
    """A CSV cell that Excel will show as text: strings starting with a formula trigger get a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


# --------------------------------------------------------------------------- columns


# The procedure of each bill: stage dates, days per stretch, consultation, ДВ issue (stable names).
PROCESS_COLUMNS = [
    "public_url", "process_status", "portfolio_exclusion", "committee_on", "first_reading_on", "proposals_deadline",
    "second_reading_on", "adopted_on", "dv_issue", "both_votes_one_sitting",
    "days_submission_to_first_reading", "days_committee", "days_proposals_window", "days_first_to_second_reading",
    "days_submission_to_adoption", "consultation_id", "consultation_open", "consultation_close", "consultation_days",
    "consultation_link_status", "consultation_url", "council_decision_url", "root_score", "root_causes",
]


def process_values(r: InitiativeRow) -> list[Any]:
    p = r.process
    if p is None:
        return [r.public_url, r.bill_status, r.excluded] + [None] * (len(PROCESS_COLUMNS) - 3)
    d = time_in_parliament(p, r.submitted_on)
    causes = row_causes(r) if r.evaluation_id is not None else []
    return [r.public_url, p.status, r.excluded, p.committee_on, p.first_reading_on, p.proposals_deadline,
            p.second_reading_on, p.adopted_on, p.dv_issue, p.one_sitting, d["submission_to_first_reading"], d["committee"],
            d["proposals_window"], d["first_to_second_reading"], d["submission_to_adoption"], p.consultation_id,
            p.consultation_open, p.consultation_close, p.consultation_days, p.consultation_link, p.consultation_url,
            p.council_act_url, sum(c.weight for c in causes),
            "; ".join(c.criterion + (f" ({', '.join(c.consequences)})" if c.consequences else "") for c in causes)]


def initiative_columns(report: Report) -> list[str]:
    return (
        ["initiative_id", "bill_id", "signature", "title", "initiator", "assembly", "submitted_on", "bill_status",
         "source_url", "evaluation_id", "evaluated_at", "ruleset_version", "flag_severity", "review_status",
         "PASS", "WARN", "FAIL", "N_A", "UNKNOWN"]
        + PROCESS_COLUMNS
        + report.criteria
        + [f"principle.{k}" for k in report.principle_keys]
        + [f"composite.{k}" for k in report.composite_keys]
    )


def initiative_records(report: Report) -> list[list[Any]]:
    out = []
    for r in report.rows:
        counts = r.verdict_counts()
        out.append(
            [r.initiative_id, r.bill_id, r.signature, r.title, r.initiator, r.assembly, r.submitted_on, r.bill_status,
             r.source_url, r.evaluation_id, r.evaluated_at, r.ruleset_version, r.flag_severity, r.review_status]
            + [counts[v] for v in VERDICTS]
            + process_values(r)
            + [r.verdicts.get(c) for c in report.criteria]
            + [r.principle_scores.get(k) for k in report.principle_keys]
            + [r.composite.get(k) for k in report.composite_keys]
        )
    return out


FINDING_COLUMNS = ["initiative_id", "signature", "initiator", "criterion_id", "verdict", "confidence", "principles",
                   "explanation_bg", "explanation_en", "evidence"]


def finding_records(report: Report) -> list[list[Any]]:
    return [[f.initiative_id, f.signature, f.initiator, f.criterion_id, f.verdict, f.confidence, f.principles,
             f.explanation_bg, f.explanation_en, f.evidence] for f in report.findings]


def aggregate_records(report: Report) -> list[list[Any]]:
    """Long form, one figure per row (filters well in a spreadsheet): group, measure, value.

    The figures are the engine's (criteria.summary.aggregate), per regime and for all."""
    a = report.aggregates
    rows: list[list[Any]] = []
    for g in a["groups"]:
        rows.append([g, "initiatives_selected", a["initiatives"][g]])
        rows.append([g, "initiatives_evaluated", a["evaluated"][g]])
        for path, value in flatten(of_group(a, g) or {}):
            rows.append([g, path, value])
    for status, n in a["review_status"].items():
        rows.append([ALL, f"review_flags.{status}", n])
    return rows


AGGREGATE_COLUMNS = ["group", "measure", "value"]


# --------------------------------------------------------------------------- writers


def write_csv(report: Report, out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(initiative_columns(report))
    for rec in initiative_records(report):
        writer.writerow([excel_safe(_cell(v)) for v in rec])


def to_json(report: Report) -> dict[str, Any]:
    """The report as JSON-able data, stable keys (ISO dates)."""
    findings_by: dict[int, list[dict[str, Any]]] = {}
    for f in report.findings:
        findings_by.setdefault(f.initiative_id, []).append({
            "criterion_id": f.criterion_id, "verdict": f.verdict, "confidence": f.confidence,
            "principles": f.principles, "explanation_bg": f.explanation_bg, "explanation_en": f.explanation_en,
            "evidence": f.evidence,
        })
    iso = lambda v: v.isoformat() if v is not None else None  # noqa: E731
    from monitor.reports.process import process_record

    a = report.analysis
    return {
        "generated_at": report.generated_at.isoformat(),
        "filters": report.filters.to_dict(),
        "totals": a["totals"],
        "comparison": a["comparison"],
        "ranking": a["ranking"],
        "trends": a["trends"],
        "recommendations": a["recommendations"],
        "methodology": a["methodology"],
        "criteria": [{"id": c, "name_bg": report.criterion_names.get(c)} for c in report.criteria],
        "initiatives": [
            {
                "initiative_id": r.initiative_id, "bill_id": r.bill_id, "signature": r.signature, "title": r.title,
                "initiator": r.initiator, "assembly": r.assembly, "submitted_on": iso(r.submitted_on),
                "bill_status": r.bill_status, "source_url": r.source_url, "evaluation_id": r.evaluation_id,
                "evaluated_at": iso(r.evaluated_at), "ruleset_version": r.ruleset_version,
                "flag_severity": r.flag_severity, "review_status": r.review_status,
                "verdicts": {c: r.verdicts[c] for c in report.criteria if c in r.verdicts},
                "verdict_counts": r.verdict_counts(),
                "principle_scores": r.principle_scores_raw, "composite": r.composite_raw,
                "public_url": r.public_url, "portfolio_exclusion": r.excluded,
                "process": process_record(r.process, r.submitted_on) if r.process else None,
                "findings": findings_by.get(r.initiative_id, []),
            }
            for r in report.rows
        ],
        "aggregates": report.aggregates,
    }


def write_json(report: Report, out: IO[str]) -> None:
    json.dump(to_json(report), out, ensure_ascii=False, indent=2, sort_keys=False)
    out.write("\n")


def _xlsx_value(value: Any) -> Any:
    value = _cell(value) if isinstance(value, (list, dict)) else value
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


_BOLD = Font(bold=True)
_FILLS = {v: PatternFill("solid", fgColor=c) for v, c in VERDICT_FILLS.items()}


def _sheet(wb: Workbook, title: str, columns: list[str], records: list[list[Any]], verdict_cols: set[int] = frozenset()) -> None:
    """One sheet, streamed (a write-only workbook: the findings of a whole assembly are 70,000 rows)."""
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, len(name) + 2)) if name not in ("title", "explanation_bg", "explanation_en") else 60
    if records:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(records) + 1}"
    header = []
    for name in columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = _BOLD
        header.append(cell)
    ws.append(header)
    for rec in records:
        row = []
        for col, value in enumerate(rec, start=1):
            v = _xlsx_value(value)
            if isinstance(v, str):
                cell = WriteOnlyCell(ws, value=v)
                cell.data_type = "s"  # openpyxl would store "=..." as a formula
                if col in verdict_cols and v in _FILLS:
                    cell.fill = _FILLS[v]
                row.append(cell)
            elif isinstance(value, (dt.date, dt.datetime)):
                cell = WriteOnlyCell(ws, value=v)
                cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(value, dt.datetime) else "yyyy-mm-dd"
                row.append(cell)
            else:
                row.append(v)
        ws.append(row)


CRITERIA_COLUMNS = ["criterion", "name_bg", "name_en", "legal_basis", "confidence", "confidence_meaning_bg",
                    "applies_to", "thresholds", "recommendation_bg", "recommendation_en", "fails", "judged"]


def criteria_records(report: Report) -> list[list[Any]]:
    from monitor.reports.labels import CONFIDENCE_MEANING
    from monitor.reports.recommendations import RECOMMENDATIONS

    failing = {r["criterion"]: r for r in report.analysis["recommendations"]}
    out = []
    for c in report.analysis["methodology"]["criteria"]:
        tags = [CONFIDENCE_MEANING[t][0] for t in c["confidence"].split("/") if t in CONFIDENCE_MEANING]
        rec = RECOMMENDATIONS.get(c["id"], (None, None))
        out.append([c["id"], c["name_bg"], c["name_en"], c["legal_basis"], c["confidence"], "; ".join(tags),
                    ", ".join(c["applies_to"]),
                    "; ".join(f"{k} = {v}" for k, v in c["thresholds"].items()), rec[0], rec[1],
                    failing.get(c["id"], {}).get("fails", 0), failing.get(c["id"], {}).get("judged")])
    return out


RANKING_COLUMNS = ["rank", "bill_id", "signature", "title", "initiator", "status", "score", "root_causes",
                   "unreviewed_link", "public_url", "consultation_url", "council_decision_url"]


def ranking_records(report: Report) -> list[list[Any]]:
    return [[x["rank"], x["bill_id"], x["signature"], x["title"], x["initiator"], x["status"], x["score"],
             "; ".join(c["criterion"] + (f" ({', '.join(c['consequences'])})" if c["consequences"] else "")
                       for c in x["root_causes"]),
             any(c["unreviewed_link"] for c in x["root_causes"]), x["public_url"], x["consultation_url"],
             x["council_decision_url"]] for x in report.analysis["ranking"]]


def comparison_records(report: Report) -> list[list[Any]]:
    cmp_ = report.analysis["comparison"]
    keys = [k for k in next(iter(cmp_.values())) if k not in ("counts", "not_required")]
    return [[k, *(None if k in c["not_required"] else c[k] for c in cmp_.values())] for k in keys] + \
        [["not_required", *(", ".join(c["not_required"]) for c in cmp_.values())]]


def trend_records(report: Report) -> list[list[Any]]:
    out = []
    for by, groups in report.analysis["trends"].items():
        for key, s in groups.items():
            out.append([by.removeprefix("by_"), key, s["bills"], s["adopted_share"], s["consulted_share_council_of_ministers"],
                        s["impact_assessment_share"], s["one_sitting_share"], s["median_days_in_parliament"],
                        s["mean_root_score"]])
    return out


TREND_COLUMNS = ["by", "group", "bills", "adopted_share", "consulted_share_council_of_ministers", "impact_assessment_share",
                 "one_sitting_share", "median_days_in_parliament", "mean_root_score"]


def write_xlsx(report: Report, out: IO[bytes], lang: str = "bg") -> None:
    wb = Workbook(write_only=True)
    cols = initiative_columns(report)
    verdict_cols = {cols.index(c) + 1 for c in report.criteria}
    _sheet(wb, "initiatives", cols, initiative_records(report), verdict_cols)
    _sheet(wb, "findings", FINDING_COLUMNS, finding_records(report), {FINDING_COLUMNS.index("verdict") + 1})
    _sheet(wb, "aggregates", AGGREGATE_COLUMNS, aggregate_records(report))
    _sheet(wb, "comparison", ["measure", *report.analysis["comparison"]], comparison_records(report))
    _sheet(wb, "ranking", RANKING_COLUMNS, ranking_records(report))
    _sheet(wb, "trends", TREND_COLUMNS, trend_records(report))
    _sheet(wb, "criteria", CRITERIA_COLUMNS, criteria_records(report))
    info = wb.create_sheet("about")
    info.append(["generated_at (UTC)", report.generated_at])
    info.append(["filters", describe_filters(report.filters, lang)])
    info.append(["note", "Verdicts: PASS, WARN, FAIL, N_A (not applicable), UNKNOWN (data missing). "
                         "Composite: iREG-shaped, 0-4 per composite; comparable in structure, not in number, "
                         "with the OECD iREG (bill-level measurement)."])
    buf = io.BytesIO()
    wb.save(buf)
    out.write(buf.getvalue())
