"""Public consultations (обществени консултации) from strategy.bg into the database.

Incremental run (default):
- discovery: the Atom feed `/public-consultation.rss` (the 100 newest) and the API list
  `/api/consultations?limit=&offset=` (filtered with `date-open-after` = `since`; on an empty
  database the whole list). The list has no server order, so ids are de-duplicated;
- detail `GET /api/consultations/{id}` for consultations that are new, whose dates in the list
  differ from ours, or that are open or closed within the last 90 days (crawlers.strategy.plan);
- when the API answers the HTML shell, an error or something unparsable for a record, the
  page `/bg/public-consultations/{id}` is read instead (crawlers.strategy.html);
- a consultation with untyped files (migrated from the old portal: the API labels them
  „Други“) also has its page read, whose file descriptions give the types (inferred);
- a closed consultation without a справка file (doc type 8) has its page read for the
  „съобщение“ an institution may publish instead (only the page shows it; at most once per
  plan.PAGE_RECHECK_DAYS until one is found), stored as a SpravkaMessageItem.

Back-fill: `report=1` streams the open-data full report from the site
(`/reports/public-consultations/full/view`, a bare JSON array there), `report=URL|PATH` from
elsewhere (e.g. a saved copy or the data.egov.bg mirror, wrapped in `{"success","data"}`),
instead of walking the API; the run's stats say which shape was read (`lexwatch/report/shape`).

Arguments (-a): since=YYYY-MM-DD, report=1|URL|PATH, full=1 (list everything), ids=1,2 (only
these), today=YYYY-MM-DD (tests), limit=N (list page size, 100).
Settings: STRATEGY_BASE_URL, STRATEGY_REVISIT_DAYS (90; closed laws: crawlers.strategy.plan).

Its to-do (crawlers.todo): consultations listed and never read are asked for again by later
runs until read; a list page that failed makes the next run list everything; a list far shorter
than before fails the run. A consultation read from its page, or whose API answer looked
degraded (a missing key, no files, no description: crawlers.strategy.parse.degraded_signs), is
read once more from the API by the next run (`confirm`, at most STRATEGY_CONFIRM_MAX, 100).
An answer of an unexpected shape is a SourceError naming the URL and the record, never an
exception out of a callback.

The API allows 60 requests per minute per IP: one request at a time, 1.1 s apart, no random
jitter below that (tests and benchmarks override DOWNLOAD_DELAY).
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.threads import deferToThread
from twisted.python.failure import Failure

from crawlers.runs import stat_key
from crawlers.todo import Todo
from crawlers.strategy import feed as F
from crawlers.strategy import parse as P
from crawlers.strategy import plan
from crawlers.strategy.fetch import download, is_url
from crawlers.strategy.html import enrich_untyped, parse_html_detail, spravka_message
from crawlers.strategy.items import ConsultationItem, ConsultationStub, IssueItem, SpravkaMessageItem
from db.engine import session_scope
from core import strategy as V
from core.errors import SourceError

log = logging.getLogger(__name__)

# What a parser may raise on an answer of a shape it was not written for (a JSON `{}` where a
# page was expected: parsel's "Cannot use css on a Selector of type 'json'", a missing key, ...).
UNEXPECTED = (SourceError, ValueError, KeyError, TypeError, AttributeError, IndexError)
API_LIST = "api"


def whole_page(response: Response, record: object) -> bytes:
    """The body of an HTML page, or a SourceError when it was cut short: a page that does not end
    with </html> lost its end on the way (a dropped connection, a proxy limit) and would parse
    as a page without its files, comments and links."""
    body = response.body
    if not body.rstrip().lower().endswith(b"</html>"):
        raise SourceError("strategy", response.url, f"truncated page ({len(body)} bytes, no closing </html>)", str(record))
    return body


def problem(exc: Exception, url: str, record: object | None) -> str:
    """One line naming the source, URL and record for whatever a parser raised."""
    if isinstance(exc, SourceError):
        return str(exc)
    where = f" (record {record})" if record is not None else ""
    return f"strategy {url}{where}: unexpected answer ({type(exc).__name__}: {exc})"


# 60 requests/min per IP on the API (RateLimiter 'api'): stay below with a fixed 1.1 s gap.
# A 429 from Laravel's throttle carries Retry-After: wait that long before retrying.
POLITE = {
    "DOWNLOAD_DELAY": 1.1,
    "RANDOMIZE_DOWNLOAD_DELAY": False,
    "AUTOTHROTTLE_START_DELAY": 1.1,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "crawlers.middlewares.RetryAfterRetryMiddleware": 550,
    },
}


def truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def parse_day(value: str | None, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{name}={value!r} is not a date in YYYY-MM-DD") from exc


async def stream_report(spider: scrapy.Spider, report: str, default_path: str, iterate) -> AsyncIterator[Any]:
    """Items of a report given as `1` (the site's own), a URL, or a file path."""
    from scrapy.utils.defer import maybe_deferred_to_future

    base = spider.settings.get("STRATEGY_BASE_URL").rstrip("/")
    target = base + default_path if truthy(report) else report
    temp: Path | None = None
    try:
        if is_url(target):
            spider.logger.info("downloading the report %s", target)
            temp = await maybe_deferred_to_future(
                deferToThread(download, target, source=spider.source, user_agent=spider.settings.get("USER_AGENT"))
            )
            # Downloaded outside Scrapy's downloader: count it, so the CrawlRun's requests are honest.
            spider.crawler.stats.inc_value("downloader/request_count")
            path = temp
        else:
            path = Path(target)
            if not path.is_file():
                yield IssueItem("http_error", f"report file {target} not found", target)
                return
        spider.crawler.stats.inc_value(stat_key("report/files"))

        def on_shape(shape: str) -> None:
            # The run record says which shape was read: strategy.bg answers a bare array,
            # data.egov.bg (and copies saved from it) the `{"success":…,"data":[…]}` wrapper.
            spider.crawler.stats.set_value(stat_key("report/shape"), shape)
            spider.logger.info("the report %s is a %s array", target, "bare" if shape == "bare" else 'wrapped {"success","data"}')

        with open(path, "rb") as fp:
            try:
                for item in iterate(fp, target, on_shape=on_shape):
                    yield item
            except SourceError as exc:
                yield IssueItem("parse_error", str(exc), target, getattr(exc, "record", None))
    except SourceError as exc:
        yield IssueItem("http_error", str(exc), target)
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


class StrategySpider(scrapy.Spider):
    name = "strategy"
    source = "strategy"
    custom_settings = {
        **POLITE,
        "ITEM_PIPELINES": {"crawlers.pipelines.strategy.StrategyStorePipeline": 300},
    }

    def __init__(
        self,
        since: str | None = None,
        report: str | None = None,
        full: str | bool | None = None,
        ids: str | None = None,
        today: str | None = None,
        limit: str | int | None = None,
        *args: Any,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.since = parse_day(since, "since")
        self.today = parse_day(today, "today") or dt.date.today()
        self.report = report or None
        self.full = truthy(full) if full is not None else False
        self.only_ids = [int(x) for x in str(ids).split(",") if x.strip()] if ids else []
        self.limit = int(limit) if limit else 100
        self.run_args = {
            "since": since, "report": report, "full": self.full or None, "ids": ids, "today": today,
        }  # fmt: skip
        self.stored: dict[int, plan.Stored] = {}
        self.requested: set[int] = set()
        self.listed: set[int] = set()
        self.todo = Todo(self.source)

    @property
    def base(self) -> str:
        return self.settings.get("STRATEGY_BASE_URL").rstrip("/")

    def _inc(self, name: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(stat_key(name), count)

    def _listed(self, cid: int) -> None:
        if cid not in self.listed:
            self.listed.add(cid)
            self._inc("listed")

    # -- start

    async def start(self) -> AsyncIterator[Any]:
        if self.report:
            async for item in stream_report(self, self.report, P.REPORT_PATH, P.iter_full_report):
                if isinstance(item, ConsultationItem):
                    self._listed(item.id)
                yield item
            return
        with session_scope(self.settings.get("LEXWATCH_DATABASE_URL")) as s:
            self.stored = plan.load_consultations(s)
            todo = [] if self.only_ids else self.todo.pending(s, limit=self.settings.getint("STRATEGY_TODO_MAX", 2000))
            # Read once more from the API: consultations read from their page because the API
            # failed, and answers that looked degraded (the pipeline marks only those, not every
            # new one: a read costs 1.1 s against the API's limit).
            confirm = [] if self.only_ids else self.todo.to_confirm(s, self.settings.getint("STRATEGY_CONFIRM_MAX", 100))
            self._inc("todo/confirm", len(confirm))
            todo += confirm
            relist = API_LIST in self.todo.pending_lists(s)
        if self.only_ids:
            for cid in self.only_ids:
                for request in self._detail(cid):
                    yield request
            return
        since = self.since if self.since is not None else (None if self.full else plan.default_since(self.stored, today=self.today))
        if relist and since is not None:
            self.logger.info("the list failed in an earlier run: listing everything")
            since = None
        self.logger.info("%d consultations stored; listing %s", len(self.stored), f"those opened since {since}" if since else "all")
        yield scrapy.Request(self.base + F.FEED_PATH, callback=self.parse_feed, errback=self.on_error, priority=20)
        yield self._list_request(0, since)
        due = plan.revisits(self.stored, today=self.today, revisit_days=self.settings.getint("STRATEGY_REVISIT_DAYS", plan.REVISIT_DAYS))
        self._inc("revisit", len(due))
        for cid in due:
            for request in self._detail(cid, priority=-1):
                yield request
        self._inc("todo/retried", len(todo))
        for key in todo:  # listed before and never read: asked for until read
            if key.isdigit():
                for request in self._detail(int(key), priority=-1):
                    yield request

    # -- discovery

    def _list_request(self, offset: int, since: dt.date | None) -> scrapy.Request:
        query = {"limit": self.limit, "offset": offset}
        if since is not None:
            query["date-open-after"] = since.isoformat()
        return scrapy.Request(
            f"{self.base}{P.LIST_PATH}?{urlencode(query)}", callback=self.parse_list, errback=self.on_error,
            cb_kwargs={"offset": offset, "since": since}, priority=10,
        )  # fmt: skip

    def _consider(self, stub: ConsultationStub, list_key: str | None = None) -> Iterator[scrapy.Request]:
        self._listed(stub.id)
        self.todo.listed(stub.id, list_key, stub.date_open)
        if stub.id in self.requested:
            return
        if plan.needs_detail(stub, self.stored):
            yield from self._detail(stub.id)
        else:
            self.todo.read(stub.id)  # stored, and the list shows no change
            self._inc("skipped/settled")

    def parse_feed(self, response: Response) -> Iterator[Any]:
        try:
            stubs = F.parse_feed(response.body, response.url)
        except UNEXPECTED as exc:
            yield IssueItem("parse_error", problem(exc, response.url, None), response.url)
            return
        self._inc("feed/entries", len(stubs))
        for stub in stubs:
            yield from self._consider(stub)

    def parse_list(self, response: Response, offset: int, since: dt.date | None) -> Iterator[Any]:
        try:
            page = P.parse_api_list(response.body, response.url)
        except UNEXPECTED as exc:
            message = f"{problem(exc, response.url, None)}; listing stopped at offset {offset}"
            self.todo.list_failed(API_LIST, message)
            yield IssueItem("parse_error", message, response.url)
            return
        for stub in page.stubs:
            yield from self._consider(stub, API_LIST)
        if page.rows >= self.limit:
            yield self._list_request(offset + self.limit, since)
        else:
            self.todo.list_read(API_LIST, since)

    # -- detail, with the HTML page as fallback

    def _detail(self, cid: int, priority: int = 0) -> Iterator[scrapy.Request]:
        if cid in self.requested:
            return
        self.requested.add(cid)
        self.todo.asked(cid)
        yield scrapy.Request(
            self.base + P.DETAIL_PATH.format(id=cid), callback=self.parse_detail, errback=self.detail_failed,
            cb_kwargs={"cid": cid}, priority=priority,
        )  # fmt: skip

    def _fallback(self, cid: int, why: str, url: str) -> Iterator[Any]:
        self._inc("fallback/html")
        yield IssueItem("miss", f"API answer unusable: {why}; reading the HTML page instead", url, f"{cid}-K")
        yield scrapy.Request(
            self.base + P.PAGE_PATH.format(id=cid), callback=self.parse_page, errback=self.page_failed,
            cb_kwargs={"cid": cid}, dont_filter=True,
        )  # fmt: skip

    def _wants_message(self, item: ConsultationItem) -> bool:
        has_file = any(d.doc_type == V.PROPOSALS_REPORT for d in item.documents)
        return plan.needs_message_check(self.stored.get(item.id), date_close=item.date_close, has_spravka_file=has_file, today=self.today)

    def _message_items(self, item: ConsultationItem, page_url: str, body: bytes) -> Iterator[Any]:
        """The page's справка message (or its absence) for a closed consultation without a file;
        a page without the block says nothing either way and is not counted as read."""
        try:
            found = spravka_message(body, page_url, item.reg_num)
        except SourceError as exc:
            self._inc("spravka_message/no_block")
            yield IssueItem("miss", f"{exc}; CONS-05 stays unknown", page_url, item.reg_num)
            return
        self._inc("spravka_message/page_read")
        yield SpravkaMessageItem(
            consultation_id=item.id, reg_num=item.reg_num, page_url=page_url, seen_on=self.today,
            text=found.text if found else None, shown_on=found.shown_on if found else None,
        )  # fmt: skip

    def parse_detail(self, response: Response, cid: int) -> Iterator[Any]:
        try:
            item = P.parse_api_detail(response.body, response.url, expected_id=cid)
        except UNEXPECTED as exc:
            yield from self._fallback(cid, problem(exc, response.url, f"{cid}-K"), response.url)
            return
        untyped = any(d.doc_type == V.UNTYPED_LABEL for d in item.documents)
        if untyped or self._wants_message(item):
            # Untyped files (migrated from the old portal): only the page shows their descriptions.
            # No справка file on a closed consultation: only the page shows a справка message.
            yield scrapy.Request(
                self.base + P.PAGE_PATH.format(id=cid), callback=self.parse_page_for_types, errback=self.page_for_types_failed,
                cb_kwargs={"item": item}, dont_filter=True,
            )  # fmt: skip
            return
        yield item

    def parse_page_for_types(self, response: Response, item: ConsultationItem) -> Iterator[Any]:
        try:
            page = parse_html_detail(whole_page(response, item.reg_num), response.url, expected_id=item.id)
        except UNEXPECTED as exc:
            yield IssueItem("miss", f"{problem(exc, response.url, item.reg_num)}; file types and справка message of {item.reg_num} not read",
                            response.url, item.reg_num)
            yield item
            return
        self._inc("types_from_page", enrich_untyped(item, page))
        yield item
        if self._wants_message(item):
            yield from self._message_items(item, response.url, response.body)

    def page_for_types_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        item: ConsultationItem = request.cb_kwargs["item"]
        yield IssueItem("miss", f"{_failure_text(failure)}; file types and справка message of {item.reg_num} not read", request.url, item.reg_num)
        yield item

    def detail_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        cid = request.cb_kwargs["cid"]
        yield from self._fallback(cid, f"strategy {request.url} (record {cid}-K): {_failure_text(failure)}", request.url)

    def parse_page(self, response: Response, cid: int) -> Iterator[Any]:
        try:
            item = parse_html_detail(whole_page(response, f"{cid}-K"), response.url, expected_id=cid)
        except UNEXPECTED as exc:
            message = f"{problem(exc, response.url, f'{cid}-K')}; nothing stored"
            self.todo.failed(cid, message)
            yield IssueItem("parse_error", message, response.url, f"{cid}-K")
            return
        yield item
        if self._wants_message(item):
            yield from self._message_items(item, response.url, response.body)

    def page_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        key = f"{request.cb_kwargs['cid']}-K"
        if failure.check(HttpError) and failure.value.response.status == 404:
            # The page is only served for published consultations: withdrawn or unpublished.
            message = "not found on the page either (withdrawn or unpublished?); nothing stored"
            self.todo.failed(request.cb_kwargs["cid"], message)
            yield IssueItem("miss", message, request.url, key)
            return
        message = f"{_failure_text(failure)} on the HTML fallback too; nothing stored"
        self.todo.failed(request.cb_kwargs["cid"], message)
        yield IssueItem("http_error", message, request.url, key)

    def on_error(self, failure: Failure) -> Iterator[IssueItem]:
        request = failure.request  # type: ignore[attr-defined]
        message = f"{_failure_text(failure)}; nothing stored"
        if request.callback == self.parse_list:
            self.todo.list_failed(API_LIST, f"{message}; listing stopped at offset {request.cb_kwargs.get('offset')}")
        yield IssueItem("http_error", message, request.url)


def _failure_text(failure: Failure) -> str:
    if failure.check(HttpError):
        response = failure.value.response
        retries = response.request.meta.get("retry_times", 0) if response.request is not None else 0
        return f"HTTP {response.status}" + (f" after {retries} retries" if retries else "")
    return f"{failure.type.__name__}: {failure.getErrorMessage()}"
