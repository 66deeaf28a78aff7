"""`lexwatch crawl strategy` and `lexwatch crawl pris`: strategy.bg consultations and ПРИС acts.

    lexwatch crawl strategy [--since DATE] [--base-url URL] [--report PATH_OR_URL|site] [--full] [--ids 1,2]
                            [--db URL] [--delay SECONDS] [--set KEY=VALUE]
    lexwatch crawl pris [--since DATE] [--base-url URL] [--report PATH_OR_URL|site] [--all] [--db URL] [--delay S]

Exit code 0 when the crawl finished cleanly, 1 when it met errors (see `lexwatch status`).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import typer

from monitor.commands.crawl import crawl_app, exit_for, run_spider
from monitor.commands.options import DbOption
from core.errors import UsageError

_SINCE = typer.Option(None, "--since", help="Only consultations/acts from this date on (YYYY-MM-DD).")
_BASE = typer.Option(None, "--base-url", help="Instead of https://strategy.bg (e.g. a replay server).")
_TODAY = typer.Option(None, "--today", hidden=True, help="Pretend today is this date (tests).")
_DELAY = typer.Option(None, "--delay", help="Seconds between requests (default 1.1: the API allows 60/min).")
_SET = typer.Option([], "--set", "-s", metavar="KEY=VALUE", help="Override a Scrapy setting (repeatable).")


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise UsageError(f"{option} {value!r} is not a date in YYYY-MM-DD") from exc


def _report(value: str | None) -> str | None:
    """`site` (or `1`) means the site's own open-data report; anything else is a URL or path."""
    if value is None:
        return None
    return "1" if value.strip().lower() in ("site", "1") else value


def _settings(base_url: str | None, delay: float | None, pairs: list[str] = ()) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set expects KEY=VALUE, got {pair!r}")
        settings[key.strip()] = value
    if base_url:
        if not base_url.startswith(("http://", "https://")):
            raise UsageError(f"--base-url {base_url!r} must start with http:// or https://")
        settings["STRATEGY_BASE_URL"] = base_url.rstrip("/")
    if delay is not None:
        if delay < 0:
            raise UsageError("--delay must not be negative")
        settings["DOWNLOAD_DELAY"] = delay
        if delay == 0:
            settings["AUTOTHROTTLE_ENABLED"] = False
    return settings


def register(app: typer.Typer) -> None:
    @crawl_app.command("strategy")
    def crawl_strategy(
        since: str = _SINCE,
        base_url: str = _BASE,
        report: str = typer.Option(
            None, "--report", help="Back-fill from the open-data full report: 'site', a URL or a saved file."
        ),
        full: bool = typer.Option(False, "--full", help="List every consultation, not only recent ones."),
        ids: str = typer.Option(None, "--ids", help="Only these consultation ids (comma-separated)."),
        db: DbOption = None,
        delay: float = _DELAY,
        set_: list[str] = _SET,
        today: str = _TODAY,
    ) -> None:
        """Public consultations from strategy.bg (API + feed; HTML page as fallback)."""
        if ids is not None and not all(x.strip().isdigit() for x in ids.split(",")):
            raise UsageError(f"--ids expects consultation ids like 12692,12693, got {ids!r}")
        kwargs = {"since": _date(since, "--since"), "report": _report(report), "full": "1" if full else None,
                  "ids": ids, "today": _date(today, "--today")}  # fmt: skip
        run = run_spider("strategy", db_url=db, settings=_settings(base_url, delay, set_), spider_kwargs={k: v for k, v in kwargs.items() if v})
        exit_for(run)

    @crawl_app.command("pris")
    def crawl_pris(
        since: str = _SINCE,
        base_url: str = _BASE,
        report: str = typer.Option(None, "--report", help="Back-fill from the open-data ПРИС report: 'site', a URL or a file."),
        all_acts: bool = typer.Option(False, "--all", help="Read every listed act, not only decisions approving bills."),
        db: DbOption = None,
        delay: float = _DELAY,
        set_: list[str] = _SET,
        today: str = _TODAY,
    ) -> None:
        """Acts of the Council of Ministers (ПРИС) from strategy.bg, at least the decisions approving bills."""
        kwargs = {"since": _date(since, "--since"), "report": _report(report), "all": "1" if all_acts else None,
                  "today": _date(today, "--today")}  # fmt: skip
        run = run_spider("pris", db_url=db, settings=_settings(base_url, delay, set_), spider_kwargs={k: v for k, v in kwargs.items() if v})
        exit_for(run)
