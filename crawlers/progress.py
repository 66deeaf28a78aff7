"""Progress of a long crawl on stderr: a live Rich line on a terminal, a log line every
`LEXWATCH_PROGRESS_INTERVAL` seconds otherwise (cron, CI, pipes)."""
from __future__ import annotations

import logging
import sys
import time

from scrapy import signals
from scrapy.crawler import Crawler

log = logging.getLogger(__name__)


class ProgressReporter:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.interval = crawler.settings.getfloat("LEXWATCH_PROGRESS_INTERVAL", 10.0)
        self.enabled = crawler.settings.getbool("LEXWATCH_PROGRESS", True)
        self.last = 0.0
        self.live = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressReporter:
        ext = cls(crawler)
        crawler.signals.connect(ext.tick, signal=signals.item_scraped)
        crawler.signals.connect(ext.tick, signal=signals.response_received)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def _line(self) -> str:
        st = self.crawler.stats.get_stats()
        g = lambda k: int(st.get(f"lexwatch/{k}", 0))  # noqa: E731
        return (
            f"{self.crawler.spider.name}: {int(st.get('downloader/request_count', 0))} requests, "
            f"{g('new')} new, {g('changed')} changed, {g('unchanged')} unchanged, {g('held')} held, "
            f"{g('misses')} misses, {g('errors')} errors"
        )

    def tick(self, *args, **kwargs) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if sys.stderr.isatty():
            if self.live is None:
                from rich.console import Console
                from rich.status import Status

                self.live = Status(self._line(), console=Console(stderr=True))
                self.live.start()
            if now - self.last > 0.2:
                self.live.update(self._line())
                self.last = now
        elif now - self.last >= self.interval:
            log.info("progress: %s", self._line())
            self.last = now

    def closed(self, spider, reason) -> None:
        if self.live is not None:
            self.live.stop()
