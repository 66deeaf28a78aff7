"""The storing pipelines' shared mechanics: items stored in batches of one transaction.

A source's pipeline says how one item is stored (`store_item`); this base queues `batch_size`
items, lets the source look up what it needs for the whole batch at once (`prepare_batch`:
current versions, raw answers, rows — a few queries instead of a few per item), stores them
in one transaction, counts the stats and reports the issues of a batch only once it is
committed (on SQLite, `report_issue`'s own session would otherwise wait on this one), and
on a database error rolls back and replays the batch item by item (without the batch
lookups), so one bad record loses only itself.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from scrapy.crawler import Crawler
from sqlalchemy.orm import Session

from crawlers.runs import report_issue, stat_key
from db.engine import session_factory

log = logging.getLogger(__name__)


class Issue(Protocol):
    kind: str
    message: str
    url: str | None
    record_key: str | None


@dataclass
class Done:
    """What one stored item will count, and report, once its batch is committed."""

    stats: list[str]
    issues: list[Any] = field(default_factory=list)


class BatchedStorePipeline:
    #: item classes this pipeline stores; `issue_types` are reported, anything else passes through
    item_types: tuple[type, ...] = ()
    issue_types: tuple[type, ...] = ()
    #: the setting that sizes a batch
    batch_setting = "LEXWATCH_STORE_BATCH"

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.db_url = crawler.settings.get("LEXWATCH_DATABASE_URL")
        self.batch_size = max(1, crawler.settings.getint(self.batch_setting, 200))
        self.session: Session | None = None
        self.queued: list[Any] = []
        #: what `prepare_batch` looked up for the batch being stored (None: item by item)
        self.prefetched: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    @property
    def run_id(self) -> int | None:
        return getattr(self.crawler.spider, "crawl_run_id", None)

    # -- what a source defines

    def store_item(self, item: Any) -> Done:
        raise NotImplementedError

    def item_key(self, item: Any) -> str:
        return str(getattr(item, "id", "?"))

    def todo_key(self, item: Any) -> str | None:
        """The key under which the spider's to-do (crawlers.todo) knows a stored item; None: not a record it lists."""
        return None

    def to_confirm(self, item: Any, done: Done) -> bool:
        """Whether a later run should read this stored item once more (crawlers.todo `confirm`):
        by default a record read for the first time."""
        return stat_key("new") in done.stats

    def prepare_batch(self, items: list[Any]) -> Any:
        """Look up what storing `items` needs, for all of them at once; kept as `prefetched`
        while the batch is stored and dropped after its commit or rollback."""
        return None

    def before_commit(self) -> None:
        """Write anything the source buffers beyond the session (bulk rows)."""

    def reset_buffers(self) -> None:
        """Drop what `before_commit` would have written (after a rollback)."""

    # -- Scrapy's pipeline interface

    def open_spider(self) -> None:
        self.session = session_factory(self.db_url)()

    def close_spider(self) -> None:
        try:
            self.flush()
        finally:
            if self.session is not None:
                self.session.close()

    def process_item(self, item: Any) -> Any:
        if isinstance(item, self.issue_types):
            self.flush()
            self.report(item)
        elif isinstance(item, self.item_types):
            self.queued.append(item)
            if len(self.queued) >= self.batch_size:
                self.flush()
        return item

    # -- batching

    def flush(self) -> None:
        """Store the queued items in one transaction."""
        if self.session is None or not self.queued:
            return
        items, self.queued = self.queued, []
        done: list[tuple[Any, Done]] = []
        current = None
        try:
            self.prefetched = self.prepare_batch(items)
            for current in items:
                done.append((current, self.store_item(current)))
            current = None
            self.before_commit()
            self.session.commit()
        except Exception:  # noqa: BLE001 - a database error: keep the rest of the batch
            self.prefetched = None
            if current is not None:
                log.exception("storing %s %s failed; replaying the batch item by item", type(current).__name__, self.item_key(current))
            else:
                log.exception("storing a batch of %d items failed; replaying item by item", len(items))
            self._recover(items)
            return
        self.prefetched = None
        self._applied(done)
        self.session.expunge_all()  # keep memory flat over long crawls

    def _rollback(self) -> None:
        assert self.session is not None
        self.session.rollback()
        self.session.expunge_all()
        self.reset_buffers()

    def _recover(self, items: list[Any]) -> None:
        """Roll back, then store `items` one per transaction."""
        self._rollback()
        for it in items:
            try:
                done = self.store_item(it)
                self.before_commit()
                self.session.commit()
            except Exception as exc:  # noqa: BLE001
                self._rollback()
                message = f"not stored: {exc.__class__.__name__}: {exc}"[:2000]
                report_issue(self.crawler, "store_error", message, url=getattr(it, "source_url", None), record_key=self.item_key(it))
                continue
            self._applied([(it, done)])
            self.session.expunge_all()

    def _applied(self, done: list[tuple[Any, Done]]) -> None:
        todo = getattr(self.crawler.spider, "todo", None)
        for item, d in done:
            for key in d.stats:
                self.crawler.stats.inc_value(key)
            key = self.todo_key(item) if todo is not None else None
            if key is not None:
                # committed: read (a held update too: the stored record stays); a new record is
                # read once more next time, to confirm its first answer
                todo.read(key, new=self.to_confirm(item, d))
        for _, d in done:
            for issue in d.issues:
                self.report(issue)

    def report(self, issue: Issue) -> None:
        report_issue(self.crawler, issue.kind, issue.message, url=issue.url, record_key=issue.record_key)
