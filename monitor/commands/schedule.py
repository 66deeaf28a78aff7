"""`lexwatch schedule`: the long-running scheduler; `--show` lists its jobs and their next run."""
from __future__ import annotations

import json

import typer

from monitor.commands.output import console
from monitor.commands.options import ConfigOption, DbOption
from rich.markup import escape
from rich.table import Table

from monitor.config import load_config
from core.errors import UsageError


def register(app: typer.Typer) -> None:
    @app.command("schedule")
    def schedule_cmd(
        db: DbOption = None,
        config_path: ConfigOption = None,
        show: bool = typer.Option(False, "--show", help="List the stored jobs and their next run, then exit."),
        fmt: str = typer.Option("table", "--format", help="table or json (with --show)"),
    ) -> None:
        """Run the nightly pipeline on schedule (the config's schedule section; default 02:30 Europe/Sofia) until stopped."""
        from monitor.schedule import list_jobs, serve
        if fmt not in ("table", "json"):
            raise UsageError(f"--format must be table or json, not {fmt!r}")
        config = load_config(config_path)
        if not show:
            serve(db, config)
            return
        jobs = list_jobs(db, config)
        if fmt == "json":
            typer.echo(json.dumps({"jobs": jobs}, ensure_ascii=False))
            return
        if not jobs:
            typer.echo("no scheduled job yet: start `lexwatch schedule` once to install the nightly job", err=True)
            return
        table = Table()
        for col in ("id", "trigger", "next run", "grace (h)", "function"):
            table.add_column(col)
        for job in jobs:
            grace = job["misfire_grace_time"]
            trigger = f"{job['trigger']} {job['timezone'] or ''}".strip()
            table.add_row(escape(job["id"]), escape(trigger), job["next_run_time"] or "paused",
                          f"{grace / 3600:g}" if grace else "-", escape(job["func"]))
        console().print(table)
