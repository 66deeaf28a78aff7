"""Bills (законопроекти) from parliament.bg's JSON API into the database.

Discovery: the monthly lists `GET /api/v1/archive-period/bg/L_Acts/{y}/{m}/1/0` (default: the
previous and the current month; `since=YYYY-MM` back-fills, back to 2001), then
`GET /api/v1/bill/{id}` for every listed id, plus a re-read of open bills of the current
assembly (see crawlers.parliament.plan), and `GET /api/v1/act/{id}` for adopted bills whose
promulgated text is not stored yet. `GET /api/v1/fn-assembly/bg` gives the assemblies.

Arguments (-a): since, until, months ("2025-09,2026-09"), assembly (a number: only bills of that
National Assembly are stored), fetch_only (benchmarks: download bill details without parsing
or storing). Settings: PARLIAMENT_BASE_URL, PARLIAMENT_REREAD_DAYS (1: nightly, so a rushed reading is seen the next morning), PARLIAMENT_REREAD_MAX (300).

Answers that cannot be stored (HTML shell, `{}`/`null`, broken JSON, missing keys, HTTP errors
after retries) become IssueItems: recorded as CrawlIssues with the URL, never stored.

Its to-do (crawlers.todo): every listed and every asked-for bill, every monthly list read or
failed. Bills listed but never read and months whose list failed are asked for again by the
next run, whatever its months; a month list far shorter than before fails the run. A new bill
is read once more by the next run (PARLIAMENT_CONFIRM_MAX, 300 a run), so a degraded first
answer is corrected.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.parliament import parse as P
from crawlers.parliament.items import IssueItem, RawAnswer
from crawlers.parliament.plan import StoredBill, load_stored, months_to_list, needs_act_text, rereads, skip_listed
from crawlers.runs import stat_key
from crawlers.todo import Todo
from db.engine import session_scope
from db.models import utcnow

log = logging.getLogger(__name__)


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


class ParliamentSpider(scrapy.Spider):
    name = "parliament"
    source = "parliament"
    custom_settings = {
        "ITEM_PIPELINES": {"crawlers.pipelines.parliament.ParliamentStorePipeline": 300},
        # Scrapy starts CONCURRENT_ITEMS (default 100) asyncio workers for every response; a bill
        # answer yields one item and the pipeline is synchronous, so a few are plenty (3x less CPU).
        "CONCURRENT_ITEMS": 4,
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawlers.middlewares.RetryAfterRetryMiddleware": 550,
        },
    }

    def __init__(
        self,
        since: str | None = None,
        until: str | None = None,
        months: str | None = None,
        assembly: str | int | None = None,
        fetch_only: str | bool | None = None,
        *args: Any,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.months = months_to_list(since=since, until=until, months=months)  # ValueError on a bad month
        self.assembly = int(assembly) if assembly not in (None, "") else None
        self.fetch_only = _truthy(fetch_only) if fetch_only is not None else False
        self.run_args = {"since": since, "until": until, "months": months, "assembly": self.assembly, "fetch_only": self.fetch_only or None}
        self.stored: dict[int, StoredBill] = {}
        self.requested: set[int] = set()
        self.listed: set[int] = set()
        self.current_assembly: int | None = None
        self.rereads_scheduled = False
        self.todo = Todo(self.source)

    # -- settings

    @property
    def base(self) -> str:
        return self.settings.get("PARLIAMENT_BASE_URL").rstrip("/")

    @property
    def reread_days(self) -> float:
        return self.settings.getfloat("PARLIAMENT_REREAD_DAYS", 1.0)

    def _inc(self, name: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(stat_key(name), count)

    # -- start

    async def start(self) -> AsyncIterator[Any]:
        todo_bills: list[str] = []
        if not self.fetch_only:
            with session_scope(self.settings.get("LEXWATCH_DATABASE_URL")) as s:
                self.stored = load_stored(s)
                todo_bills = self.todo.pending(s, limit=self.settings.getint("PARLIAMENT_TODO_MAX", 2000))
                confirm = self.todo.to_confirm(s, self.settings.getint("PARLIAMENT_CONFIRM_MAX", 300))
                self._inc("todo/confirm", len(confirm))
                todo_bills += confirm
                todo_months = [_month_of(k) for k in self.todo.pending_lists(s)]
            extra = sorted({m for m in todo_months if m is not None} - set(self.months))
            if extra:
                self.logger.info("listing again %d month(s) whose list failed before", len(extra))
                self.months = sorted([*self.months, *extra])
        self.current_assembly = max((b.assembly for b in self.stored.values() if b.assembly), default=None)
        self.logger.info(
            "listing %d month(s) %s..%s; %d bills stored", len(self.months),
            "%d-%02d" % self.months[0] if self.months else "-", "%d-%02d" % self.months[-1] if self.months else "-", len(self.stored),
        )  # fmt: skip
        yield scrapy.Request(P.assemblies_url(self.base), callback=self.parse_assemblies, errback=self.on_error, priority=20)
        for year, month in reversed(self.months):  # newest first: the daily run cares most about them
            yield scrapy.Request(
                P.month_url(self.base, year, month), callback=self.parse_month, errback=self.on_error, priority=10,
                cb_kwargs={"month": (year, month)},
            )  # fmt: skip
        self._inc("todo/retried", len(todo_bills))
        for key in todo_bills:  # listed before and never read: asked for until read
            if key.isdigit():
                for request in self._bill_request(int(key)):
                    yield request

    # -- callbacks

    def parse_assemblies(self, response: Response) -> Iterator[Any]:
        try:
            items = P.parse_assemblies(P.decode(response.body, response.url, _ctype(response)), response.url, raw=_raw(response))
        except P.AnswerProblem as exc:
            yield IssueItem(exc.kind, str(exc), response.url)
            items = []
        if items:
            self.current_assembly = max(self.current_assembly or 0, max(a.number for a in items))
            if not self.fetch_only:
                yield from items
        yield from self._schedule_rereads()

    def parse_month(self, response: Response, month: tuple[int, int] | None = None) -> Iterator[Any]:
        list_key = _month_key(month) if month else None
        try:
            rows = P.parse_month_list(P.decode(response.body, response.url, _ctype(response)), response.url)
        except P.AnswerProblem as exc:
            if list_key:
                self.todo.list_failed(list_key, str(exc))
            yield IssueItem(exc.kind, str(exc), response.url)
            return
        if list_key:
            self.todo.list_read(list_key)
        now = utcnow()
        for row in rows:
            if row.id in self.listed:
                continue
            self.listed.add(row.id)
            self.todo.listed(row.id, list_key, row.date)
            stored = self.stored.get(row.id)
            if self.assembly is not None and stored is not None and stored.assembly != self.assembly:
                self._inc("skipped/other_assembly")
                self.todo.read(row.id)
                continue
            # `listed` is what this run should end up storing (health checks reconcile it with the
            # stored count), so bills of another assembly than the one asked for are taken back below.
            self._inc("listed")
            if skip_listed(stored, current_assembly=self.current_assembly, now=now, reread_days=self.reread_days):
                self._inc("skipped/settled")
                if row.id not in self.requested:  # (a to-do read asked for it: that read decides)
                    self.todo.read(row.id)  # stored and settled: nothing to do
                continue
            yield from self._bill_request(row.id)

    def parse_bill(self, response: Response, bill_id: int) -> Iterator[Any]:
        if self.fetch_only:
            self._inc("fetched")
            self.todo.read(bill_id)
            return
        try:
            data = P.decode(response.body, response.url, _ctype(response), record=str(bill_id))
            item = P.parse_bill(data, response.url, self.base, raw=_raw(response), expect_id=bill_id)
        except P.AnswerProblem as exc:
            self.todo.failed(bill_id, str(exc))
            yield IssueItem(exc.kind, str(exc), response.url, str(bill_id))
            return
        if self.assembly is not None and item.assembly != self.assembly:
            self.todo.read(bill_id)  # read, and not ours to store
            self._inc("skipped/other_assembly")
            if bill_id in self.listed:
                self._inc("listed", -1)
            return
        yield item
        if item.status == "adopted" and needs_act_text(item.id, (item.dv_issue, item.dv_year), self.stored):
            yield scrapy.Request(
                P.act_url(self.base, item.id), callback=self.parse_act, errback=self.on_error,
                cb_kwargs={"bill_id": item.id}, priority=-1,
            )  # fmt: skip

    def parse_act(self, response: Response, bill_id: int) -> Iterator[Any]:
        try:
            data = P.decode(response.body, response.url, _ctype(response), record=str(bill_id))
            item = P.parse_act(data, response.url, raw=_raw(response), expect_id=bill_id)
        except P.AnswerProblem as exc:
            yield IssueItem(exc.kind, str(exc), response.url, str(bill_id))
            return
        if item.body_html is None:
            # Adopted, but the text is not published yet: nothing stored, so a later run asks again.
            self._inc("act_text/not_published")
            return
        yield item

    def on_error(self, failure: Failure) -> Iterator[IssueItem]:
        request = failure.request  # type: ignore[attr-defined]
        record = str(request.cb_kwargs.get("bill_id")) if request.cb_kwargs.get("bill_id") else None
        if failure.check(HttpError):
            response = failure.value.response
            message = f"HTTP {response.status} (after {request.meta.get('retry_times', 0)} retries); nothing stored"
        else:
            message = f"{failure.type.__name__}: {failure.getErrorMessage()}; nothing stored"
        yield IssueItem("http_error", message, request.url, record)
        if record is not None and request.callback == self.parse_bill:
            self.todo.failed(record, message)
        month = request.cb_kwargs.get("month")
        if month is not None:
            self.todo.list_failed(_month_key(month), message)
        if request.callback == self.parse_assemblies:
            yield from self._schedule_rereads()

    # -- helpers

    def _bill_request(self, bill_id: int) -> Iterator[scrapy.Request]:
        if bill_id in self.requested:
            return
        self.requested.add(bill_id)
        self.todo.asked(bill_id)
        yield scrapy.Request(
            P.bill_url(self.base, bill_id), callback=self.parse_bill, errback=self.on_error, cb_kwargs={"bill_id": bill_id}
        )

    def _schedule_rereads(self) -> Iterator[scrapy.Request]:
        """Once, after the assemblies are known: open bills of the current assembly not read lately."""
        if self.rereads_scheduled or self.fetch_only:
            return
        self.rereads_scheduled = True
        target = self.current_assembly
        if self.assembly is not None and self.assembly != target:
            return  # a past assembly's pending bills lapsed with it
        due = rereads(
            self.stored, assembly=target, now=utcnow(), reread_days=self.reread_days,
            limit=self.settings.getint("PARLIAMENT_REREAD_MAX", 300),
        )  # fmt: skip
        self._inc("reread", len(due))
        for bill_id in due:
            yield from self._bill_request(bill_id)


def _month_key(month: tuple[int, int]) -> str:
    return "month:%d-%02d" % tuple(month)


def _month_of(list_key: str) -> tuple[int, int] | None:
    if not list_key.startswith("month:"):
        return None
    try:
        year, month = list_key[len("month:") :].split("-")
        return int(year), int(month)
    except ValueError:
        return None


def _ctype(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None


def _raw(response: Response) -> RawAnswer:
    return RawAnswer(response.url, response.body, response.status, _ctype(response))
