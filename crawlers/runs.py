"""Every crawl is recorded as a `CrawlRun` with its counts and the issues it met.

Spiders and pipelines count with Scrapy stats under `lexwatch/<name>` (new, changed,
unchanged, held, misses, errors, listed) and report what they could not use with
`report_issue`; this extension opens the run when the spider opens and writes the
counts and finish reason when it closes, so `lexwatch status` and the health checks
can read them.
"""
from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from db.engine import session_scope
from db.models import CrawlIssue, CrawlRun, utcnow

log = logging.getLogger(__name__)

COUNTERS = ("listed", "new", "changed", "unchanged", "held", "misses", "errors")


def stat_key(name: str) -> str:
    return f"lexwatch/{name}"


def report_issue(
    crawler: Crawler,
    kind: str,
    message: str,
    *,
    url: str | None = None,
    record_key: str | None = None,
) -> None:
    """Log an issue (miss, html_shell, parse_error, http_error, held, layout) and keep it with the run."""
    spider = crawler.spider
    source = getattr(spider, "source", spider.name if spider else "?")
    counter = {"miss": "misses", "held": "held"}.get(kind, "errors")
    if kind != "held":  # held updates are counted by the pipeline that holds them
        crawler.stats.inc_value(stat_key(counter))
    crawler.stats.inc_value(stat_key(f"issues/{kind}"))
    (log.warning if kind in ("miss", "held") else log.error)(
        "%s %s%s: %s", source, url or "", f" (record {record_key})" if record_key else "", message
    )
    run_id = getattr(spider, "crawl_run_id", None)
    with session_scope(crawler.settings.get("LEXWATCH_DATABASE_URL")) as s:
        s.add(CrawlIssue(run_id=run_id, source=source, kind=kind, url=url, record_key=record_key, message=message[:4000]))


class CrawlRunRecorder:
    """Scrapy extension (enabled in settings.EXTENSIONS)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.db_url = crawler.settings.get("LEXWATCH_DATABASE_URL")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunRecorder:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider) -> None:
        args: dict[str, Any] = {k: v for k, v in getattr(spider, "run_args", {}).items() if v is not None}
        with session_scope(self.db_url) as s:
            run = CrawlRun(source=getattr(spider, "source", spider.name), spider=spider.name, args=args)
            s.add(run)
            s.flush()
            spider.crawl_run_id = run.id

    def spider_closed(self, spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        with session_scope(self.db_url) as s:
            run = s.get(CrawlRun, spider.crawl_run_id)
            run.finished_at = utcnow()
            run.finish_reason = reason
            run.requests = int(stats.get("downloader/request_count", 0))
            for name in COUNTERS:
                setattr(run, name, int(stats.get(stat_key(name), 0)))
            run.stats = {k: v for k, v in stats.items() if isinstance(v, (int, float, str)) and not k.startswith("log_count")}
            run.status = "ok" if reason == "finished" and run.errors == 0 else "failed"
