"""`lexwatch evaluate` (the rules engine over stored initiatives or one JSON document) and
`lexwatch criteria` (the catalogue the engine applies)."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

import typer
from rich.console import Console
from rich.text import Text
from rich.table import Table

from core.config import env_float
from core.errors import UsageError
from core.parliament import Regime
from criteria.principles import Principle
from monitor.commands.output import check_format, console, read_json_input
from monitor.commands.options import DbOption, FormatOption, LangOption, ThresholdsOption

VERDICT_STYLE = {"PASS": "green", "WARN": "yellow", "FAIL": "bold red", "N_A": "dim", "UNKNOWN": "cyan"}

err = console(stderr=True)


def wide() -> Console:
    """A console at least 140 columns wide: explanations are sentences (piped output defaults to 80)."""
    return console(width=max(console().width, 140))




def parse_day(value: str | None, option: str = "--as-of") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} must be a date YYYY-MM-DD, got {value!r}") from None


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2, default=str))


def findings_table(findings: list[dict[str, Any]], *, lang: str = "bg", title: str | None = None) -> Table:
    """The findings of one evaluation (dicts as Finding.to_dict / store.latest_evaluation give them)."""
    table = Table(title=title, show_lines=False)
    for col in ("criterion", "verdict", "conf.", "explanation"):
        table.add_column(col, overflow="fold")
    for f in findings:
        v = f["verdict"]
        table.add_row(f["criterion"], Text(v, style=VERDICT_STYLE.get(v, "")), f["confidence"],
                      f.get(f"explanation_{lang}") or f.get("explanation_en") or "")
    return table


def print_evaluation(out: Console, ev: dict[str, Any] | None, *, lang: str = "bg") -> None:
    """The readable form of an evaluation: flag, composite, findings. Usable by other commands
    (e.g. `lexwatch initiatives show`) with `criteria.store.latest_evaluation`'s dict."""
    if ev is None:
        out.print("not evaluated yet (run `lexwatch evaluate`)", style="dim")
        return
    flag = ev.get("flag") or (ev.get("summary") or {}).get("flag") or (
        {"severity": ev["flag_severity"]} if ev.get("flag_severity") else None)
    head = f"evaluation {ev.get('evaluation_id', '')} ruleset {ev['ruleset_version']}, thresholds {ev['thresholds_hash'][:12]}"
    if ev.get("evaluated_at"):
        head += f", {ev['evaluated_at']}"
    out.print(head)
    if flag:
        reasons = ", ".join(f"{r['criterion']} {r['verdict']}" for r in flag.get("reasons", []))
        out.print(Text.assemble((f"flag: {flag['severity']}", "bold red"), f" ({reasons})" if reasons else ""))
    comp = ev.get("composite") or {}
    parts = []
    for name, c in comp.items():
        score = c.get("score")
        parts.append(f"{name} {score:.2f}" if score is not None else f"{name} –")
    if parts:
        out.print("composite (0–1): " + ", ".join(parts))
    out.print(findings_table(ev["findings"], lang=lang))


def _evaluate_input(path: str, th, as_of: dt.date | None, fmt: str, lang: str) -> None:
    from criteria.evaluate import evaluate
    from criteria.initiative import from_json

    # One reader for every JSON input of the CLI: not UTF-8, not JSON or nested too deeply is the
    # same one line and exit code 2 here as in `act-text`.
    _, text = read_json_input(path, what="an initiative.v1 document")
    ini = from_json(text, source="<stdin>" if path == "-" else path)
    result = evaluate(ini, th, as_of)
    data = result.to_dict()
    if fmt == "json":
        echo_json(data)
        return
    out = wide()
    b = ini.bill
    out.print(Text.assemble((b.signature, "bold"), f" {b.title} ({b.initiator}, {b.status})"))
    print_evaluation(out, data, lang=lang)


def evaluate_cmd(
    all_: bool = typer.Option(False, "--all", help="Every stored initiative (the default when no --bill is given)."),
    bills: list[int] = typer.Option(None, "--bill", help="Only the initiative of this bill (repeatable)."),
    force: bool = typer.Option(False, "--force", help="Re-evaluate even initiatives whose data, ruleset and thresholds are unchanged."),
    input_: str = typer.Option(None, "--input", help="Evaluate one initiative.v1 JSON document (criteria/schema), no database; '-' reads stdin."),
    thresholds: ThresholdsOption = None,
    as_of: str = typer.Option(None, "--as-of", help="The day the evaluation speaks for (YYYY-MM-DD); default today."),
    fmt: FormatOption = "table",
    lang: LangOption = "bg",
    db: DbOption = None,
) -> None:
    """Check initiatives against the criteria of the Law on Normative Acts (ЗНА) catalogue.

    Stored initiatives are re-evaluated only when their data, the ruleset or the thresholds
    changed (or a finding's date came), so running it again changes nothing."""
    from criteria.thresholds import load as load_thresholds

    check_format(fmt)
    if lang not in ("bg", "en"):
        raise UsageError(f"--lang must be bg or en, got {lang!r}")
    day = parse_day(as_of)
    th = load_thresholds(thresholds)
    if input_ is not None:
        if bills or all_:
            raise UsageError("--input evaluates one document without the database; do not combine it with --all or --bill")
        _evaluate_input(input_, th, day, fmt, lang)
        return
    stats = _evaluate_stored(th, day, force=force, bills=bills or None, db=db)
    data = {**stats.to_dict(), "thresholds_hash": th.hash, "thresholds_sources": list(th.sources)}
    from criteria.evaluate import ruleset_version

    data["ruleset_version"] = ruleset_version()
    err.print(f"evaluated {stats.evaluated}, unchanged {stats.unchanged} of {stats.initiatives} initiatives; "
              f"flags opened {stats.flags_opened}, updated {stats.flags_updated}, resolved {stats.flags_resolved}")
    if fmt == "json":
        echo_json(data)
        return
    table = Table(title="lexwatch evaluate", show_header=False)
    for k, v in data.items():
        table.add_row(k, ", ".join(v) if isinstance(v, list) else str(v))
    wide().print(table)


def _evaluate_stored(th, day: dt.date | None, *, force: bool, bills: list[int] | None, db: str | None):
    from contextlib import contextmanager

    from sqlalchemy import select

    from criteria.store import evaluate_stored
    from db.engine import session_scope
    from db.models import Initiative
    from db.session import require_current_schema

    url = require_current_schema(db)

    @contextmanager
    def factory():
        with session_scope(url) as s:
            yield s

    ids = None
    if bills:
        with factory() as s:
            rows = dict(s.execute(select(Initiative.bill_id, Initiative.id).where(Initiative.bill_id.in_(bills))).all())
        missing = [b for b in bills if b not in rows]
        if missing:
            raise UsageError(f"no initiative for bill(s) {', '.join(map(str, missing))} (run `lexwatch link` first)")
        ids = list(rows.values())
    from monitor.lock import EVALUATE, waiting_lock

    # One writer of evaluations at a time: a second `evaluate` waits for the first (then finds
    # little left to do) instead of writing a second "latest" evaluation beside it.
    lock = waiting_lock(url, EVALUATE, wait_seconds=env_float("LEXWATCH_LOCK_WAIT", 900.0))
    try:
        with err.status("evaluating …"):
            return evaluate_stored(factory, th, as_of=day, force=force, initiative_ids=ids)
    finally:
        lock.release()


def criteria_cmd(
    fmt: FormatOption = "table",
    thresholds: ThresholdsOption = None,
) -> None:
    """The criteria catalogue: ID, names, principles, legal basis, confidence tag and thresholds."""
    from criteria.catalogue import CATALOGUE
    from criteria.evaluate import ruleset_version
    from criteria.thresholds import load as load_thresholds

    check_format(fmt)
    th = load_thresholds(thresholds)
    rows = [{**c.to_dict(), "thresholds": {k: th.section(c.id).get(k) for k in c.settings}} for c in CATALOGUE]
    if fmt == "json":
        echo_json({"ruleset_version": ruleset_version(), "thresholds_hash": th.hash, "criteria": rows})
        return
    # The table in Bulgarian words, like the criteria's names; JSON keeps the stored codes.
    table = Table(title=f"критерии (версия на правилата {ruleset_version()})")
    for col in ("критерий", "наименование", "принципи", "правно основание", "увереност", "прилага се за", "прагове"):
        table.add_column(col, overflow="fold")
    for r in rows:
        routes = {Regime.of(i) for i in r["initiators"]} - {Regime.UNKNOWN, Regime.MIXED}  # a unified bill goes with either
        applies = routes.pop().bg if len(routes) == 1 else "всички законопроекти"
        if r["from_reform"]:
            applies += f", от {th.reform_date.strftime('%d.%m.%Y')}"
        principles = ", ".join(Principle.from_key(p).bg for p in r["principles"])
        table.add_row(r["id"], r["name_bg"], principles, r["legal_basis"], r["confidence"], applies,
                      ", ".join(f"{k}={v}" for k, v in r["thresholds"].items()))
    wide().print(table)


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate_cmd)
    app.command("criteria")(criteria_cmd)
