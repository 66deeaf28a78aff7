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
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from monitor.reports.aggregate import ALL, flatten, of_group
from monitor.reports.data import VERDICTS, Report

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


def initiative_columns(report: Report) -> list[str]:
    return (
        ["initiative_id", "bill_id", "signature", "title", "initiator", "assembly", "submitted_on", "bill_status",
         "source_url", "evaluation_id", "evaluated_at", "ruleset_version", "flag_severity", "review_status",
         "PASS", "WARN", "FAIL", "N_A", "UNKNOWN"]
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
    return {
        "generated_at": report.generated_at.isoformat(),
        "filters": report.filters.to_dict(),
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


def _sheet(wb: Workbook, title: str, columns: list[str], records: list[list[Any]], verdict_cols: set[int] = frozenset()) -> None:
    ws = wb.create_sheet(title)
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    # Row numbers are counted here: ws.max_row scans every cell, which made this quadratic.
    for row, rec in enumerate(records, start=2):
        for col, value in enumerate(rec, start=1):
            cell = ws.cell(row=row, column=col)
            cell.value = _xlsx_value(value)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would store "=..." as a formula
                if col in verdict_cols and cell.value in VERDICT_FILLS:
                    cell.fill = PatternFill("solid", fgColor=VERDICT_FILLS[cell.value])
            elif isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    if records:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(records) + 1}"
    for i, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, len(name) + 2)) if name not in ("title", "explanation_bg", "explanation_en") else 60


def write_xlsx(report: Report, out: IO[bytes]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    cols = initiative_columns(report)
    verdict_cols = {cols.index(c) + 1 for c in report.criteria}
    _sheet(wb, "initiatives", cols, initiative_records(report), verdict_cols)
    _sheet(wb, "findings", FINDING_COLUMNS, finding_records(report), {FINDING_COLUMNS.index("verdict") + 1})
    _sheet(wb, "aggregates", AGGREGATE_COLUMNS, aggregate_records(report))
    info = wb.create_sheet("about")
    info.append(["generated_at (UTC)", report.generated_at])
    info.append(["filters", report.filters.describe()])
    info.append(["note", "Verdicts: PASS, WARN, FAIL, N_A (not applicable), UNKNOWN (data missing). "
                         "Composite: iREG-shaped, 0-4 per composite; comparable in structure, not in number, "
                         "with the OECD iREG (bill-level measurement)."])
    buf = io.BytesIO()
    wb.save(buf)
    out.write(buf.getvalue())
