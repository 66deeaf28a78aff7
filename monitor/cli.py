"""The `lexwatch` command line.

Each command group lives in its own module under `monitor/commands/` and exposes
`register(app: typer.Typer) -> None`; this file only assembles them, so that one
area's commands can change without touching another's.
"""
from __future__ import annotations

import importlib
import logging
import sys

import typer

from core.errors import LexwatchError

# Order here is the order of `lexwatch --help`.
COMMAND_MODULES = [
    "monitor.commands.db",
    "monitor.commands.crawl",
    "monitor.commands.crawl_strategy",
    "monitor.commands.consultations",
    "monitor.commands.crawl_parliament",
    "monitor.commands.bills",
    "monitor.commands.demo",
    "monitor.commands.act_text",
    "monitor.commands.documents",
    "monitor.commands.link",
    "monitor.commands.evaluate",
    "monitor.commands.findings",
    "monitor.commands.summary",
    "monitor.commands.nightly",
    "monitor.commands.schedule",
    "monitor.commands.status",
    "monitor.commands.review",
    "monitor.commands.users",
    "monitor.commands.report",
]

app = typer.Typer(
    name="lexwatch",
    help="Monitor of the Bulgarian legislative process (parliament.bg, strategy.bg, ЗНА criteria).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More log output on stderr (-vv for debug)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors on stderr."),
) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    # Filter on the handler too: Scrapy resets its own loggers to DEBUG when a crawl starts.
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """Entry point: turns known errors into one clear line on stderr and exit code 1/2."""
    try:
        app()
    except LexwatchError as exc:
        typer.echo(f"lexwatch: error: {exc}", err=True)
        raise SystemExit(exc.exit_code)


if __name__ == "__main__":
    main()
