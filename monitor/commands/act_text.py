"""`lexwatch act-text PAYLOAD.json`: the text analysis of one promulgated law, for hand checks.

Reads a raw parliament.bg `/api/v1/act/{id}` answer from a file (or "-" for stdin) and prints
the other laws its closing parts amend and its entry-into-force clauses.
"""
from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import typer
from rich.table import Table
from rich.text import Text

from monitor.commands.evaluate import wide
from monitor.commands.output import read_json_input
from monitor.commands.options import FormatOption
from core.errors import LexwatchError, UsageError

if TYPE_CHECKING:
    from texts.lawtext import ActTextAnalysis, analyse_act


def _load(path: str) -> dict:
    return read_json_input(path, what="a parliament.bg act answer")[0]


def _when(c: dict) -> str:
    if c["kind"] == "default_3_days":
        return "3 дни след обнародването (по подразбиране)"
    if c["kind"] == "fixed_date":
        return c["fixed_date"]
    if c["kind"] == "undated":
        return "no date (има обратно действие)"
    if c["kind"] == "on_promulgation":
        return "от деня на обнародването"
    if c["kind"] == "offset":
        if c["offset_rule"]:
            return c["offset_rule"]
        return f"+{c['offset_months']} мес." if c["offset_months"] is not None else f"+{c['offset_days']} дни"
    return c["condition"] or c["text"] or ""


def _print_table(analysis: ActTextAnalysis) -> None:
    out = wide()  # piped output defaults to 80 columns, which cuts the terms and dates
    d = analysis.to_dict()
    out.print(Text.assemble((d["title"] or "(no title)", "bold"), f"  act {d['act_id']}  "
              f"ДВ бр. {d['state_gazette_issue'] or '?'}/{d['state_gazette_year'] or '?'}"))
    if not d["available"]:
        out.print(f"text unavailable: {d['unavailable_reason']}")
        return
    out.print(f"reference date: {d['reference_date'] or '-'} ({d['reference_date_kind'] or 'unknown'}); "
              f"vacatio legis: {d['vacatio_legis_days'] if d['vacatio_legis_days'] is not None else '?'} days"
              f"{' (estimated)' if d['vacatio_legis_estimated'] else ''}")
    laws = Table(title="Other laws amended from the closing parts")
    for col in ("§", "part", "law", "action"):
        laws.add_column(col)
    for a in d["amended_laws"]:
        laws.add_row(a["section"], a["part"], a["law_name_normalised"], a["action"])
    out.print(laws)
    eif = Table(title="Entry into force")
    for col in ("§", "kind", "effect", "covers", "term", "date", "vacatio"):
        eif.add_column(col, no_wrap=col != "covers", overflow="fold")
    for c in d["entry_into_force"]:
        covers = "the whole act" if c["scope"] == "whole_act" else "; ".join(c["provisions"]) or (c["provisions_text"] or "")
        vac = "" if c["vacatio_legis_days"] is None else f"{c['vacatio_legis_days']}{'~' if c['vacatio_legis_estimated'] else ''}"
        day = (c["effective_date"] or "") + ("~" if c["effective_date_estimated"] else "")
        effect = {"entry_into_force": "in force", "retroactive": "retroactive"}.get(c["effect"], "applies")
        if c.get("counted_from"):
            effect += " (считано от)"
        eif.add_row(c["section"] or "-", c["kind"], effect, covers, _when(c), day, vac)
    out.print(eif)
    for note in d["notes"]:
        typer.echo(f"note: {note}", err=True)


def act_text(
    payload: str = typer.Argument(..., metavar="PAYLOAD.json", help="Raw /api/v1/act/{id} answer ('-' for stdin)."),
    fmt: FormatOption = "table",
    promulgated: str = typer.Option(None, "--promulgated", metavar="YYYY-MM-DD",
                                    help="Date of the State Gazette issue (the payload does not hold it)."),
) -> None:
    """Other laws amended and entry-into-force clauses of one promulgated law."""
    from texts.lawtext import ActTextAnalysis, analyse_act
    try:
        if fmt not in ("table", "json"):
            raise UsageError(f"--format must be table or json, not {fmt!r}")
        when = None
        if promulgated:
            try:
                when = date.fromisoformat(promulgated)
            except ValueError as exc:
                raise UsageError(f"--promulgated must be YYYY-MM-DD, not {promulgated!r}") from exc
        analysis = analyse_act(_load(payload), promulgated=when, source=payload)
    except LexwatchError as exc:
        typer.echo(f"lexwatch: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    if fmt == "json":
        typer.echo(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_table(analysis)


def register(app: typer.Typer) -> None:
    app.command("act-text")(act_text)
