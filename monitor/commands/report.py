"""`lexwatch report`: the assessment for publication (HTML, PDF) and for analysts (JSON, XLSX, CSV)."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer
from monitor.commands.options import AssemblyOption, DbOption, InitiatorOption, initiator_codes

from core.errors import UsageError
from db.session import open_session


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r}: give a date as YYYY-MM-DD") from None


def report(
    fmt: str = typer.Option(None, "--format", "-f", help="html, pdf, xlsx, csv or json (default: from the -o extension)."),
    output: Path = typer.Option(None, "--output", "-o", help="File to write; '-' or none = stdout (csv, json, html only)."),
    lang: str = typer.Option("bg", "--lang", help="Edition: bg (Bulgarian, default) or en (English)."),
    assembly: AssemblyOption = None,
    since: str = typer.Option(None, "--since", help="Only bills submitted on or after this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Only bills submitted on or before this date (YYYY-MM-DD)."),
    year: int = typer.Option(None, "--year", min=1990, max=2100, help="Only bills submitted in this year."),
    initiator: InitiatorOption = None,
    include_excluded: bool = typer.Option(
        False, "--include-excluded",
        help="Count ratification, budget and constitutional bills in the aggregates too (left out by default, NCPI practice).",
    ),
    db: DbOption = None,
) -> None:
    """The assessment of the legislative process: comparison of the Council of Ministers' and the MPs' routes,
    ranking by root causes, trends, recommendations and methodology. A filter that matches nothing is an error."""
    from monitor.reports.data import load_report
    from monitor.reports.model import ReportFilters
    from monitor.reports.labels import check_lang
    from monitor.reports.render import BINARY, format_for, render, write_atomically

    lang = check_lang(lang)
    to_stdout = output is None or str(output) == "-"
    kind = format_for(fmt, None if to_stdout else output)
    if to_stdout and kind in BINARY:
        raise UsageError(f"--format {kind} is binary: give a file with -o")
    filters = ReportFilters(assembly=assembly, year=year, initiators=initiator_codes(initiator),
                            since=_date(since, "--since"), until=_date(until, "--until"))
    if filters.since and filters.until and filters.since > filters.until:
        raise UsageError(f"--since {filters.since} is after --until {filters.until}")
    with open_session(db) as session:
        data = load_report(session, filters, include_excluded=include_excluded)
    payload = render(data, kind, excel_bom=not to_stdout, lang=lang)
    if to_stdout:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        write_atomically(output, payload)
    totals = data.analysis["totals"]
    typer.echo(f"report: {totals['initiatives']} initiatives, {totals['assessed']} assessed, "
               f"{totals['excluded']} left out, {len(data.findings)} findings"
               + ("" if to_stdout else f" -> {output}"), err=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
