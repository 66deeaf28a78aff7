"""Every crawl is recorded as a `CrawlRun` with its counts and the issues it met.

Spiders and pipelines count with Scrapy stats under `lexwatch/<name>` (new, changed,
unchanged, held, misses, errors, listed) and report what they could not use with
`report_issue`; this extension opens the run when the spider opens and writes the
counts and finish reason when it closes, so `lexwatch status` and the health checks
can read them.

When the run closes it is also judged for what counts alone cannot show (issue kinds `blind`
and `short_list`, both errors, so the run fails and `lexwatch status` names it):
- blind: the spider asked for records and read (almost) none of them — every answer `{}`, `null`,
  an HTML shell — which per record is only a miss;
- short_list: a listing gave far fewer records than it gave before (crawlers.todo).
Its to-do (crawlers.todo) is saved then, so what was not read is asked for again next time.
An exception a spider's callback did not catch is recorded as a parse_error naming the URL and
the record, never left as a traceback in the log alone.
"""
from __future__ import annotations

import logging
import os
import socket
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from db.engine import session_scope
from db.models import CrawlIssue, CrawlRun, utcnow

log = logging.getLogger(__name__)

COUNTERS = ("listed", "new", "changed", "unchanged", "held", "misses", "errors")
# A run that asked for at least BLIND_MIN_ASKED records and read fewer than MIN_READ_SHARE of
# them read nothing useful: a failure, not a run with a few misses (settings override both).
MIN_READ_SHARE = 0.5
BLIND_MIN_ASKED = 3


def holder_id() -> str:
    """host:pid of this process, as the run lock writes it (monitor.lock)."""
    return f"{socket.gethostname()}:{os.getpid()}"


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


def _close_interrupted(session, source: str) -> None:
    """Earlier runs of `source` left unfinished by a process that is gone (killed) are marked so."""
    from sqlalchemy import select

    host = socket.gethostname()
    for run in session.scalars(select(CrawlRun).where(CrawlRun.source == source, CrawlRun.finished_at.is_(None))):
        holder = (run.stats or {}).get("holder") or ""
        h, _, pid = holder.rpartition(":")
        if h == host and pid.isdigit() and not _alive(int(pid)):
            run.status, run.finish_reason = "interrupted", "interrupted"
            run.finished_at = utcnow()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
        crawler.signals.connect(ext.spider_error, signal=signals.spider_error)
        return ext

    def spider_opened(self, spider) -> None:
        args: dict[str, Any] = {k: v for k, v in getattr(spider, "run_args", {}).items() if v is not None}
        with session_scope(self.db_url) as s:
            _close_interrupted(s, getattr(spider, "source", spider.name))
            # `holder` lets `lexwatch status` tell a run still going from one whose process died.
            run = CrawlRun(source=getattr(spider, "source", spider.name), spider=spider.name, args=args, stats={"holder": holder_id()})
            s.add(run)
            s.flush()
            spider.crawl_run_id = run.id

    def spider_error(self, failure, response, spider) -> None:
        """A callback raised what it should have turned into an issue: record it as one."""
        request = getattr(response, "request", None)
        kwargs = (getattr(request, "cb_kwargs", None) or {}) if request is not None else {}
        record = next((str(v) for k, v in kwargs.items() if k in ("bill_id", "cid", "pris_id", "id")), None)
        exc = failure.value
        message = f"unexpected answer ({type(exc).__name__}: {exc}); nothing stored"
        todo = getattr(spider, "todo", None)
        if todo is not None and record is not None:
            todo.failed(record, message)
        report_issue(self.crawler, "parse_error", message, url=getattr(response, "url", None), record_key=record)

    def _judge(self, spider) -> None:
        """Blind runs and short listings become issues (errors) before the counts are written."""
        todo = getattr(spider, "todo", None)
        if todo is None:
            return
        settings = self.crawler.settings
        asked, read = len(todo.asked_keys), todo.asked_and_read
        share = settings.getfloat("LEXWATCH_MIN_READ_SHARE", MIN_READ_SHARE)
        if asked >= settings.getint("LEXWATCH_BLIND_MIN_ASKED", BLIND_MIN_ASKED) and read < asked * share:
            sample = ", ".join(sorted(todo.unread)[:5])
            report_issue(
                self.crawler, "blind",
                f"read {read} of the {asked} records asked for (less than {share:.0%}): the source answers but gives no "
                f"usable records (empty, `null` or a page shell?); unread e.g. {sample}",
                url=getattr(spider, "base", None),
            )  # fmt: skip
        with session_scope(self.db_url) as s:
            shorts = todo.short_listings(s)
        for short in shorts:  # report_issue writes in its own session: never while ours is open
            report_issue(
                self.crawler, "short_list", f"{short}: a degraded answer, not fewer records",
                url=getattr(spider, "base", None), record_key=short.list_key,
            )  # fmt: skip
        with session_scope(self.db_url) as s:
            todo.save(s)

    def spider_closed(self, spider, reason: str) -> None:
        self._judge(spider)
        stats = self.crawler.stats.get_stats()
        with session_scope(self.db_url) as s:
            run = s.get(CrawlRun, spider.crawl_run_id)
            run.finished_at = utcnow()
            run.finish_reason = reason
            run.requests = int(stats.get("downloader/request_count", 0))
            for name in COUNTERS:
                setattr(run, name, int(stats.get(stat_key(name), 0)))
            run.stats = {
                **(run.stats or {}),
                **{k: v for k, v in stats.items() if isinstance(v, (int, float, str)) and not k.startswith("log_count")},
            }
            run.status = "ok" if reason == "finished" and run.errors == 0 else "failed"
