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
    # Plain help (click's): help texts are ours and name config sections like "[review]", which
    # Rich markup would swallow; flags show no "<bool>" type.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"lexwatch {version('lexwatch')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            typer.echo("lexwatch (not installed)")
        raise typer.Exit()


@app.callback()
def _root(
    _show_version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit."),
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
    """Entry point: turns errors into one clear line on stderr and the documented exit code.

    Exit codes: 0 done; 1 a failure (a source, the database, a run, a missing record or file);
    2 a usage error (a bad option, or an input file that is not usable: not UTF-8, not JSON,
    nested too deeply, the wrong shape). Anything unforeseen is still one line (exit 1); -vv
    logs its traceback."""
    try:
        app()
    except LexwatchError as exc:
        typer.echo(f"lexwatch: error: {exc}", err=True)
        raise SystemExit(exc.exit_code)
    except (KeyboardInterrupt, BrokenPipeError):
        raise SystemExit(130 if sys.exc_info()[0] is KeyboardInterrupt else 1)
    except Exception as exc:  # the last resort: never a traceback to the user
        logging.getLogger("lexwatch").debug("unexpected error", exc_info=True)
        first = (str(exc).splitlines() or [""])[0][:300]
        typer.echo(f"lexwatch: error: unexpected {exc.__class__.__name__}: {first} (run with -vv for the traceback)",
                   err=True)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
