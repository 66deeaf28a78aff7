"""`lexwatch demo`: the whole product on generated data, with no set-up.

Generates a world of initiatives, serves it from two local replay servers under the real
URL paths of parliament.bg and strategy.bg, crawls both with the real spiders (each crawl in
its own process, as the nightly run does), links bills to consultations, evaluates every
initiative and prints a summary of what was stored. It writes to its own SQLite file (not
your default database) so it can be run again at any time.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import typer
from rich.console import Console
from sqlalchemy import func, select

from db import migrate
from db.engine import session_scope
from db.models import Bill, Consultation, CouncilAct, CrawlRun, Evaluation, Finding, Initiative, InitiativeLink, ReviewFlag
from monitor.errors import LexwatchError

err = Console(stderr=True)


def _lexwatch(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "monitor.cli", *args]
    return subprocess.run(cmd, env=env, text=True, capture_output=True)


def _step(title: str, *args: str, env: dict[str, str], required: bool = True) -> bool:
    started = time.monotonic()
    with err.status(f"{title} …"):
        proc = _lexwatch(*args, env=env)
    took = time.monotonic() - started
    last = (proc.stderr.strip().splitlines() or [""])[-1]
    if proc.returncode == 0:
        err.print(f"[green]✓[/] {title} ({took:.1f} s) [dim]{last}[/]")
        return True
    err.print(f"[red]✗[/] {title} failed (exit {proc.returncode}) after {took:.1f} s")
    err.print(proc.stderr[-3000:], markup=False, highlight=False)
    if required:
        raise LexwatchError(f"demo step '{title}' failed; see the output above")
    return False


def _summary(url: str) -> dict:
    with session_scope(url) as s:
        count = lambda model, *where: s.scalar(select(func.count()).select_from(model).where(*where))  # noqa: E731
        bills_by_status = dict(s.execute(select(Bill.status, func.count()).group_by(Bill.status)).all())
        bills_by_initiator = dict(s.execute(select(Bill.initiator, func.count()).group_by(Bill.initiator)).all())
        verdicts = dict(
            s.execute(
                select(Finding.verdict, func.count())
                .join(Evaluation, Finding.evaluation_id == Evaluation.id)
                .where(Evaluation.is_latest.is_(True))
                .group_by(Finding.verdict)
            ).all()
        )
        failing = s.execute(
            select(Finding.criterion_id, func.count())
            .join(Evaluation, Finding.evaluation_id == Evaluation.id)
            .where(Evaluation.is_latest.is_(True), Finding.verdict == "FAIL")
            .group_by(Finding.criterion_id)
            .order_by(func.count().desc())
            .limit(8)
        ).all()
        runs = s.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
        return {
            "bills": count(Bill),
            "bills_by_status": bills_by_status,
            "bills_by_initiator": bills_by_initiator,
            "consultations": count(Consultation),
            "council_acts": count(CouncilAct),
            "initiatives": count(Initiative),
            "links": dict(s.execute(select(InitiativeLink.method, func.count()).group_by(InitiativeLink.method)).all()),
            "evaluations": count(Evaluation, Evaluation.is_latest.is_(True)),
            "verdicts": verdicts,
            "most_failed_criteria": {cid: n for cid, n in failing},
            "open_flags": count(ReviewFlag, ReviewFlag.status == "open"),
            "crawl_runs": [
                {"source": r.source, "status": r.status, "requests": r.requests, "new": r.new, "changed": r.changed, "errors": r.errors}
                for r in runs
            ],
        }


def _print_summary(data: dict, db_url: str) -> None:
    from rich.table import Table

    out = Console()
    t = Table(title="lexwatch demo: what was stored", show_header=False)
    t.add_row("bills", f"{data['bills']}  {data['bills_by_initiator']}")
    t.add_row("bills by status", json.dumps(data["bills_by_status"], ensure_ascii=False))
    t.add_row("consultations", str(data["consultations"]))
    t.add_row("Council of Ministers acts (ПРИС)", str(data["council_acts"]))
    t.add_row("initiatives / links", f"{data['initiatives']} / {data['links']}")
    t.add_row("evaluations", str(data["evaluations"]))
    t.add_row("verdicts", json.dumps(data["verdicts"]))
    t.add_row("most failed criteria", json.dumps(data["most_failed_criteria"]))
    t.add_row("open review flags", str(data["open_flags"]))
    for r in data["crawl_runs"]:
        t.add_row(f"crawl {r['source']}", f"{r['status']}: {r['requests']} requests, {r['new']} new, {r['changed']} changed, {r['errors']} errors")
    out.print(t)
    out.print(f"\nExplore it: LEXWATCH_DATABASE_URL={db_url} lexwatch bills list | initiatives list | findings list | summary --assembly 52")


def demo(
    bills: int = typer.Option(300, "--bills", help="How many bills the generated world has."),
    workdir: Path = typer.Option(Path("var/demo"), "--workdir", help="Where the replay corpus and the demo database go."),
    seed: int = typer.Option(1, "--seed"),
    fmt: str = typer.Option("table", "--format", help="table or json (the summary on stdout)."),
) -> None:
    """Generate a world, replay it as parliament.bg and strategy.bg, crawl, link, evaluate, summarise."""
    from crawlers.corpus import parliament as parliament_corpus
    from crawlers.corpus import strategy as strategy_corpus
    from crawlers.corpus.world import generate_world
    from crawlers.replay import serve

    if workdir.exists():
        shutil.rmtree(workdir)
    (workdir / "replay").mkdir(parents=True)
    db_url = f"sqlite:///{(workdir / 'lexwatch-demo.sqlite3').resolve()}"
    migrate.upgrade(db_url)

    with err.status("generating the world …"):
        world = generate_world(bills, seed=seed)
        parliament_corpus.write_replay(world, workdir / "replay" / "parliament")
        strategy_corpus.write_replay(world, workdir / "replay" / "strategy")
    err.print(f"[green]✓[/] generated {len(world.bills)} bills, {len(world.consultations)} consultations, {len(world.decisions)} ПРИС decisions")

    env = {**os.environ, "LEXWATCH_DATABASE_URL": db_url, "LEXWATCH_SCRAPY_LOG_LEVEL": "WARNING"}
    first_year = min(b.submitted_on for b in world.bills).strftime("%Y-%m")
    with serve(workdir / "replay" / "parliament") as parl, serve(workdir / "replay" / "strategy") as strat:
        _step("crawl parliament.bg (replay)", "crawl", "parliament", "--base-url", parl.url, "--since", first_year, env=env)
        _step("crawl strategy.bg consultations (replay)", "crawl", "strategy", "--base-url", strat.url, env=env)
        _step("crawl ПРИС (replay)", "crawl", "pris", "--base-url", strat.url, env=env)
    _step("link bills to consultations and decisions", "link", env=env)
    _step("evaluate every initiative", "evaluate", "--all", env=env)

    data = _summary(db_url)
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, sort_keys=True))
    else:
        _print_summary(data, db_url)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
