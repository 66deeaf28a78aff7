"""`lexwatch report`: evaluation reports for advocacy (CSV, JSON, XLSX, HTML with charts, PDF)."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from db.session import open_session
from core.errors import UsageError


def report(
    assembly: int = typer.Option(None, "--assembly", help="Only bills of this National Assembly (e.g. 52)."),
    year: int = typer.Option(None, "--year", min=1990, max=2100, help="Only bills submitted in this year."),
    initiator: list[str] = typer.Option(
        None, "--initiator",
        help="Only these initiators (repeat or comma-separate): council_of_ministers (alias com), mps, committee, mixed, unknown; alias mp = mps and committee.",
    ),
    fmt: str = typer.Option(None, "--format", "-f", help="csv, json, xlsx, html or pdf (default: from the -o extension)."),
    output: Path = typer.Option(None, "--output", "-o", help="File to write; '-' or none = stdout (csv, json, html only)."),
    include_excluded: bool = typer.Option(
        False, "--include-excluded",
        help="Count ratification, budget and constitutional bills in the aggregates too (left out by default, NCPI practice).",
    ),
    db: str = typer.Option(None, "--db", help="SQLAlchemy URL (default: $LEXWATCH_DATABASE_URL or SQLite)."),
) -> None:
    """One row per initiative with its verdicts per criterion, principle scores and iREG-shaped composite."""
    from monitor.reports.data import ReportFilters, load_report, normalise_initiators
    from monitor.reports.render import BINARY, format_for, render, write_atomically

    to_stdout = output is None or str(output) == "-"
    kind = format_for(fmt, None if to_stdout else output)
    if to_stdout and kind in BINARY:
        raise UsageError(f"--format {kind} is binary: give a file with -o")
    filters = ReportFilters(assembly=assembly, year=year, initiators=normalise_initiators(initiator))
    with open_session(db) as session:
        data = load_report(session, filters, include_excluded=include_excluded)
    payload = render(data, kind, excel_bom=not to_stdout)
    if to_stdout:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        write_atomically(output, payload)
    typer.echo(f"report: {len(data.rows)} initiatives, {len(data.findings)} findings, {len(data.criteria)} criteria"
               + ("" if to_stdout else f" -> {output}"), err=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
