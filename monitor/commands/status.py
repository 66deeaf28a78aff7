"""`lexwatch status`: the last runs and every health problem; exit 1 when there is one."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

import typer

from monitor.commands.output import console
from monitor.commands.options import ConfigOption, DbOption, FormatOption
from rich.markup import escape
from rich.text import Text
from rich.table import Table
from sqlalchemy import select

from db.engine import database_url
from db.models import PipelineRun
from db.session import open_session
from monitor.config import load_config
from core.errors import UsageError
from monitor.health import check_health
from monitor.lock import current_lock, stale_reason


def _iso(value) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value else None


def _run_dict(run: PipelineRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "trigger": run.trigger,
        "status": run.status,
        "started_at": _iso(run.started_at),
        "finished_at": _iso(run.finished_at),
        "steps": [{"name": s.get("name"), "status": s.get("status"), "counts": s.get("counts", {})} for s in run.steps or []],
    }


def register(app: typer.Typer) -> None:
    @app.command("status")
    def status_cmd(
        db: DbOption = None,
        config_path: ConfigOption = None,
        runs: int = typer.Option(5, "--runs", min=1, help="How many recent pipeline runs to list."),
        fmt: FormatOption = "table",
    ) -> None:
        """Last pipeline runs, each source's last crawl, and any problem (stale, broken, unreconciled). Exit 1 on a problem."""
        from monitor.nightly import checked_sources
        if fmt not in ("table", "json"):
            raise UsageError(f"--format must be table or json, not {fmt!r}")
        config = load_config(config_path)
        url = database_url(db)
        with open_session(url) as s:
            lock = current_lock(url)
            live = lock is not None and stale_reason(lock, dt.timedelta(minutes=config.lock.stale_after_minutes)) is None
            report = check_health(s, config.health, sources=checked_sources(config), lock_held=live)
            recent = s.scalars(select(PipelineRun).order_by(PipelineRun.started_at.desc(), PipelineRun.id.desc()).limit(runs)).all()
            data = {
                **report.to_dict(),
                "running": {"holder": lock.holder, "since": _iso(lock.acquired_at)} if live else None,
                "pipeline_runs": [_run_dict(r) for r in recent],
            }
        if fmt == "json":
            typer.echo(json.dumps(data, ensure_ascii=False))
        else:
            _print(data)
        if not report.ok:
            for problem in report.problems:
                typer.echo(f"lexwatch: problem: {problem}", err=True)
            raise typer.Exit(1)


def _print(data: dict[str, Any]) -> None:
    out = console()
    if data["running"]:
        running = data["running"]
        out.print(f"a pipeline run is in progress (held by {escape(running['holder'])} since {running['since']})")
    runs = Table(title="pipeline runs")
    for col in ("id", "trigger", "status", "started", "finished", "steps not ok"):
        runs.add_column(col)
    for r in data["pipeline_runs"]:
        bad = ", ".join(f"{s['name']} {s['status']}" for s in r["steps"] if s["status"] != "ok")
        runs.add_row(str(r["id"]), r["trigger"], r["status"], r["started_at"] or "", r["finished_at"] or "", escape(bad))
    out.print(runs)
    sources = Table(title="sources")
    for col in ("source", "last crawl", "status", "read", "listed", "stored", "errors", "last success"):
        sources.add_column(col)
    for s in data["sources"]:
        last = s["last_run"] or {}
        read = sum(last.get(k, 0) for k in ("new", "changed", "unchanged", "held")) if last else 0
        sources.add_row(
            s["source"], last.get("finished_at") or "never", last.get("status") or "-", str(read),
            str(last.get("listed", "-")), str(s["stored"]), str(last.get("errors", "-")), s["last_success_at"] or "never",
        )
    out.print(sources)
    if data["problems"]:
        out.print(f"{len(data['problems'])} problem(s)", style="red")
        for p in data["problems"]:
            out.print(Text.assemble("  ", (str(p["source"]), "red"), f" {p['kind']}: {p['message']}"), highlight=False)
    else:
        out.print("no problems", style="green")
