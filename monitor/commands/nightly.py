"""`lexwatch run-nightly`: one pipeline run now (what the scheduler runs every night)."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

from monitor.commands.output import console
from monitor.commands.options import ConfigOption, DbOption, FormatOption
from rich.markup import escape
from rich.text import Text
from rich.table import Table

from db.engine import database_url
from monitor.config import load_config
from core.errors import UsageError

if TYPE_CHECKING:
    from monitor.nightly import NightlyResult, run_nightly


def _print_table(result: NightlyResult) -> None:
    out = console()
    table = Table(title=f"pipeline run {result.run_id}: {result.status}")
    for col in ("step", "status", "seconds", "counts", "errors"):
        table.add_column(col, overflow="fold")
    for step in result.steps:
        counts = ", ".join(f"{k} {v}" for k, v in step.counts.items() if v)
        errors = escape("\n".join(step.errors[:3])) + (f"\n(+{len(step.errors) - 3} more)" if len(step.errors) > 3 else "")
        table.add_row(step.name, step.status, f"{step.duration or 0:.1f}", counts, errors, style=None if step.ok else "red")
    out.print(table)
    for problem in result.problems:
        out.print(Text.assemble(("problem", "yellow"), f" {problem}"), highlight=False)


def register(app: typer.Typer) -> None:
    @app.command("run-nightly")
    def run_nightly_cmd(
        db: DbOption = None,
        parliament_url: str = typer.Option(None, "--parliament-url", help="Base URL of parliament.bg (e.g. a replay server)."),
        strategy_url: str = typer.Option(None, "--strategy-url", help="Base URL of strategy.bg (consultations and ПРИС)."),
        config_path: ConfigOption = None,
        fmt: FormatOption = "table",
    ) -> None:
        """Crawl parliament, strategy.bg and ПРИС, fetch documents, link, evaluate, flag; then check health and send the digest.

        Exit 0 when every step succeeded, 1 when any failed, 75 when another run holds the lock.
        """
        from monitor.nightly import NightlyResult, run_nightly
        if fmt not in ("table", "json"):
            raise UsageError(f"--format must be table or json, not {fmt!r}")
        # The flags win over the file and the environment (core.config).
        config = load_config(config_path).with_sources(parliament_url=parliament_url, strategy_url=strategy_url)
        result = run_nightly(database_url(db), config)
        if fmt == "json":
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            _print_table(result)
        if result.failed_steps:
            raise typer.Exit(1)
