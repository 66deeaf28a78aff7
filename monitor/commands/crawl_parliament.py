"""`lexwatch crawl parliament`: bills from parliament.bg (incremental by default)."""
from __future__ import annotations

from typing import Any

import typer

from monitor.commands.crawl import crawl_app, exit_for, run_spider
from monitor.commands.options import DbOption
from core.errors import UsageError


def _settings(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set expects KEY=VALUE, got {pair!r}")
        out[key.strip()] = value
    return out


def crawl_parliament(
    since: str = typer.Option(None, "--since", metavar="YYYY-MM", help="Back-fill: list every month from this one (2001-01 at the earliest)."),
    until: str = typer.Option(None, "--until", metavar="YYYY-MM", help="Last month to list (default: the current month)."),
    months: str = typer.Option(None, "--months", metavar="YYYY-MM,...", help="List exactly these months."),
    assembly: int = typer.Option(None, "--assembly", help="Store only bills of this National Assembly (e.g. 52)."),
    base_url: str = typer.Option(None, "--base-url", help="Site root to crawl (default: https://www.parliament.bg; a replay server in tests)."),
    http_cache: bool = typer.Option(False, "--http-cache", help="Use Scrapy's HTTP cache (development: replays answers offline)."),
    db: DbOption = None,
    set_: list[str] = typer.Option([], "--set", "-s", metavar="KEY=VALUE", help="Override a Scrapy setting (repeatable)."),
) -> None:
    """Read new and changed bills (and adopted laws' text) into the database.

    Lists the previous and the current month by default, re-reads open bills of the current
    assembly not read for PARLIAMENT_REREAD_DAYS (6), and skips settled bills read lately.
    Exit code 0 when the crawl met no errors, 1 otherwise (see `lexwatch status`).
    """
    from crawlers.parliament.plan import months_to_list

    try:
        months_to_list(since=since, until=until, months=months)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    settings = _settings(set_)
    if base_url:
        settings["PARLIAMENT_BASE_URL"] = base_url
    if http_cache:
        settings["HTTPCACHE_ENABLED"] = True
    kwargs = {k: v for k, v in {"since": since, "until": until, "months": months, "assembly": assembly}.items() if v is not None}
    exit_for(run_spider("parliament", db_url=db, settings=settings, spider_kwargs=kwargs))


def register(app: typer.Typer) -> None:
    crawl_app.command("parliament")(crawl_parliament)
