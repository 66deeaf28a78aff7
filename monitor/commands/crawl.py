"""`lexwatch crawl <source>`: the command group and the in-process spider runner.

Each source's subcommand lives in its own module (crawl_parliament, crawl_strategy, ...)
and registers itself on `crawl_app`; they all run spiders through `run_spider`.
"""
from __future__ import annotations

import logging
from typing import Any

import typer

from db.engine import database_url, session_scope
from db.models import CrawlRun
from db.session import require_current_schema
from core.errors import UsageError

crawl_app = typer.Typer(help="Crawl a source into the database (incremental by default).", no_args_is_help=True)
log = logging.getLogger(__name__)


# The settings that hold the base URL(s) each spider talks to.
SPIDER_BASE_URLS: dict[str, tuple[str, ...]] = {
    "parliament": ("PARLIAMENT_BASE_URL",),
    "strategy": ("STRATEGY_BASE_URL",),
    "pris": ("STRATEGY_BASE_URL",),
    "documents": ("PARLIAMENT_BASE_URL", "STRATEGY_BASE_URL"),
}


def loopback_settings(base_url: str | None) -> dict[str, Any]:
    """Politeness is for the real sites: against a replay server on this machine, no delay.

    Returns the settings to add when `base_url` points at a loopback address, else {}.
    """
    import ipaddress
    from urllib.parse import urlsplit

    host = urlsplit(base_url or "").hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local:
        return {}
    return {
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    }


def run_spider(
    spider: str,
    *,
    db_url: str | None = None,
    settings: dict[str, Any] | None = None,
    spider_kwargs: dict[str, Any] | None = None,
) -> CrawlRun | None:
    """Run one spider to completion in this process and return its recorded CrawlRun.

    A Twisted reactor cannot be restarted, so call this once per process (the nightly
    monitor runs each crawl in its own subprocess).
    """
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    # The project's settings module by name, not through scrapy.cfg in the working directory
    # (get_project_settings): the installed CLI must find its spiders from any folder.
    project = Settings()
    project.setmodule("crawlers.settings", priority="project")
    settings = {key: _typed(key, value, project.get(key)) for key, value in (settings or {}).items()}
    url = require_current_schema(database_url(db_url))
    project.set("LEXWATCH_DATABASE_URL", url, priority="cmdline")
    # Against replay servers on this machine, no politeness delay unless the caller chose one.
    bases = [settings.get(k, project.get(k)) for k in SPIDER_BASE_URLS.get(spider, ())]
    if bases and all(loopback_settings(b) for b in bases):
        settings = {**loopback_settings(bases[0]), **settings}
    for key, value in settings.items():
        project.set(key, value, priority="cmdline")
    # The CLI owns logging (-v/-q, its handler filters by level): Scrapy must not install a
    # root handler of its own.
    project.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = CrawlerProcess(project)
    crawler = process.create_crawler(spider)
    process.crawl(crawler, **(spider_kwargs or {}))
    process.start()
    run_id = getattr(crawler.spider, "crawl_run_id", None)
    if run_id is None:
        return None
    with session_scope(url) as s:
        return s.get(CrawlRun, run_id)


def _typed(key: str, value: Any, default: Any) -> Any:
    """A `--set KEY=VALUE` string as the type of the setting's default (DOWNLOAD_TIMEOUT is a
    number): a value Scrapy would choke on mid-crawl is a usage error before anything starts."""
    if not isinstance(value, str) or default is None or isinstance(default, str):
        return value
    text = value.strip()
    try:
        if isinstance(default, bool):
            if text.lower() in ("1", "true", "yes", "on"):
                return True
            if text.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        if isinstance(default, (int, float)):
            # Scrapy reads some int-defaulted settings as floats (DOWNLOAD_TIMEOUT=12.5 is valid).
            number = float(text)
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError(text)
            return int(number) if isinstance(default, int) and number.is_integer() else number
    except ValueError:
        kind = "true or false" if isinstance(default, bool) else "a number"
        raise UsageError(f"--set {key}={value}: {key} must be {kind} (default {default!r})") from None
    return value  # lists, dicts: Scrapy parses their string forms itself


def summarise(run: CrawlRun | None) -> str:
    if run is None:
        return "crawl did not start"
    return (
        f"{run.source}: run {run.id} {run.status} ({run.finish_reason}); requests {run.requests}, listed {run.listed}, "
        f"new {run.new}, changed {run.changed}, unchanged {run.unchanged}, held {run.held}, "
        f"misses {run.misses}, errors {run.errors}"
    )


def exit_for(run: CrawlRun | None) -> None:
    """Exit code 0 when the crawl finished cleanly, 1 when it met errors or did not run."""
    typer.echo(summarise(run), err=True)
    if run is None or run.status != "ok":
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(crawl_app, name="crawl")
