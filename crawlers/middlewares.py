"""Downloader middlewares shared by the spiders.

`RetryAfterRetryMiddleware` is Scrapy's RetryMiddleware that, for 429 and 503 answers carrying a
`Retry-After` header, waits that long (capped by RETRY_AFTER_MAX, default 120 s) before the
retry is scheduled. Plain Scrapy retries at once; AutoThrottle alone only slows later requests.
Enable it in place of the stock one:

    DOWNLOADER_MIDDLEWARES = {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "crawlers.middlewares.RetryAfterRetryMiddleware": 550,
    }
"""
from __future__ import annotations

import email.utils
import time

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future

RETRY_AFTER_STATUSES = (429, 503)


def retry_after_seconds(value: bytes | str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if absent/invalid."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class RetryAfterRetryMiddleware(RetryMiddleware):
    async def process_response(self, request: Request, response: Response, spider=None) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if isinstance(result, Request) and response.status in RETRY_AFTER_STATUSES:
            delay = retry_after_seconds(response.headers.get(b"Retry-After"))
            if delay:
                from twisted.internet import reactor, task  # not at import time: Scrapy installs the reactor first

                cap = self.crawler.settings.getfloat("RETRY_AFTER_MAX", 120.0)
                await maybe_deferred_to_future(task.deferLater(reactor, min(delay, cap), lambda: None))
        return result
