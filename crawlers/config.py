"""The crawlers' sections of the config file, [sources] and [crawl] (read by core.config).

    [sources]                      # also $LEXWATCH_PARLIAMENT_BASE_URL, $LEXWATCH_STRATEGY_BASE_URL
    parliament_url = "https://www.parliament.bg"
    strategy_url = "https://strategy.bg"

    [crawl]
    contact = "mailto:team@example.org"   # in the User-Agent; also $LEXWATCH_CONTACT
    log_level = "INFO"                    # Scrapy's; also $LEXWATCH_SCRAPY_LOG_LEVEL
"""
from __future__ import annotations

from pathlib import Path

from pydantic import field_validator

from core.config import Section, load

PARLIAMENT_URL = "https://www.parliament.bg"
STRATEGY_URL = "https://strategy.bg"
LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class SourcesConfig(Section):
    # None: the crawler's own default (PARLIAMENT_URL, STRATEGY_URL). The nightly run passes a
    # configured URL on as --base-url, so a loopback replay server is crawled without delays.
    parliament_url: str | None = None
    strategy_url: str | None = None

    @field_validator("parliament_url", "strategy_url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value.rstrip("/") if value else value


class CrawlConfig(Section):
    # Who runs the crawler, in its User-Agent: the sites' operators must be able to reach us.
    contact: str = "https://github.com/lexwatch/lexwatch"
    log_level: str = "INFO"

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"{value!r} is not a log level ({', '.join(LOG_LEVELS)})")
        return value.upper()


def crawl_sections(path: str | Path | None = None) -> tuple[SourcesConfig, CrawlConfig]:
    """[sources] and [crawl] from the config file and the environment (the other tables are the
    monitor's to check: a wrong [schedule] must not stop a crawl)."""
    raw = load(path)
    return raw.section(SourcesConfig, "sources"), raw.section(CrawlConfig, "crawl")
