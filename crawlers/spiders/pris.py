"""Acts of the Council of Ministers (ПРИС) from strategy.bg into the database.

Incremental run (default): the API list `/api/pris?limit=&offset=&date-after=` (acts of the
last 60 days on a database that has acts, else everything), then `GET /api/pris/{id}` for the
acts that approve a bill („ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ“) and are new or recent — these link
consultations to bills. `all=1` reads the detail of every listed act.

Back-fill: `report=1` streams the open-data report `/reports/pris/standard/view` (every act
with all its fields, ~190 MB in reality), `report=URL|PATH` from elsewhere.

Arguments (-a): since=YYYY-MM-DD, report=1|URL|PATH, all=1, today=YYYY-MM-DD, limit=N.
Same politeness as the strategy spider (60 requests/min per IP on the API).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.runs import stat_key
from crawlers.spiders.strategy import POLITE, _failure_text, parse_day, stream_report, truthy
from crawlers.strategy import plan
from crawlers.strategy import pris as R
from crawlers.strategy.items import CouncilActItem, IssueItem
from db.engine import session_scope
from core.errors import SourceError

RECENT_DAYS = 60


class PrisSpider(scrapy.Spider):
    name = "pris"
    source = "pris"
    custom_settings = {
        **POLITE,
        "ITEM_PIPELINES": {"crawlers.pipelines.strategy.StrategyStorePipeline": 300},
    }

    def __init__(
        self,
        since: str | None = None,
        report: str | None = None,
        all: str | bool | None = None,  # noqa: A002 - the spider argument's name
        today: str | None = None,
        limit: str | int | None = None,
        *args: Any,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.since = parse_day(since, "since")
        self.today = parse_day(today, "today") or dt.date.today()
        self.report = report or None
        self.all = truthy(all) if all is not None else False
        self.limit = int(limit) if limit else 100
        self.run_args = {"since": since, "report": report, "all": self.all or None, "today": today}
        self.stored: dict[int, dt.date | None] = {}
        self.requested: set[int] = set()
        self.listed: set[int] = set()

    @property
    def base(self) -> str:
        return self.settings.get("STRATEGY_BASE_URL").rstrip("/")

    def _inc(self, name: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(stat_key(name), count)

    async def start(self) -> AsyncIterator[Any]:
        if self.report:
            async for item in stream_report(self, self.report, R.REPORT_PATH, R.iter_pris_report):
                if isinstance(item, CouncilActItem) and item.id not in self.listed:
                    self.listed.add(item.id)
                    self._inc("listed")
                yield item
            return
        with session_scope(self.settings.get("LEXWATCH_DATABASE_URL")) as s:
            self.stored = plan.load_council_acts(s)
        since = self.since
        if since is None and self.stored:
            since = self.today - dt.timedelta(days=RECENT_DAYS)
        yield self._list_request(0, since)

    def _list_request(self, offset: int, since: dt.date | None) -> scrapy.Request:
        query: dict[str, Any] = {"limit": self.limit, "offset": offset}
        if since is not None:
            query["date-after"] = since.isoformat()
        return scrapy.Request(
            f"{self.base}{R.LIST_PATH}?{urlencode(query)}", callback=self.parse_list, errback=self.on_error,
            cb_kwargs={"offset": offset, "since": since}, priority=10,
        )  # fmt: skip

    def parse_list(self, response: Response, offset: int, since: dt.date | None) -> Iterator[Any]:
        try:
            page = R.parse_pris_list(response.body, response.url)
        except SourceError as exc:
            yield IssueItem("parse_error", f"{exc}; listing stopped at offset {offset}", response.url)
            return
        horizon = self.today - dt.timedelta(days=RECENT_DAYS)
        for stub in page.stubs:
            if stub.id not in self.listed:
                self.listed.add(stub.id)
                self._inc("listed")
            wanted = self.all or stub.approves_bill
            fresh = stub.id not in self.stored or stub.doc_date >= horizon
            if not wanted or not fresh:
                self._inc("skipped/" + ("not_a_bill" if not wanted else "settled"))
                continue
            if stub.id in self.requested:
                continue
            self.requested.add(stub.id)
            yield scrapy.Request(
                self.base + R.DETAIL_PATH.format(id=stub.id), callback=self.parse_detail, errback=self.detail_failed,
                cb_kwargs={"pid": stub.id, "list_row": stub.row, "list_url": response.url},
            )  # fmt: skip
        if page.rows >= self.limit:
            yield self._list_request(offset + self.limit, since)

    def parse_detail(self, response: Response, pid: int, list_row: dict | None = None, list_url: str | None = None) -> Iterator[Any]:
        try:
            yield R.parse_pris_detail(response.body, response.url, expected_id=pid)
        except SourceError as exc:
            yield IssueItem("parse_error", f"{exc}; nothing stored", response.url, str(pid))

    def detail_failed(self, failure: Failure) -> Iterator[Any]:
        """A listed act whose detail answers 404: the list filters `last_version = 1`, the detail
        `asap_last_version = 1`, so some listed acts have no detail. Keep the act from its list row
        (and say so in the run record) rather than lose it; other failures go to on_error."""
        request = failure.request  # type: ignore[attr-defined]
        pid, row = request.cb_kwargs.get("pid"), request.cb_kwargs.get("list_row")
        if not (failure.check(HttpError) and failure.value.response.status == 404 and row):
            yield from self.on_error(failure)
            return
        if pid in self.stored:
            # What we hold came from a detail or the report: a list row must not thin it out.
            self._inc("fallback/kept_stored")
            yield IssueItem("miss", "detail answered 404 (listed with last_version = 1, the detail needs asap_last_version = 1); "
                            "the stored act is kept", request.url, str(pid))
            return
        try:
            act = R.act_from_list_row(row, url=request.cb_kwargs.get("list_url") or request.url)
        except SourceError as exc:
            yield IssueItem("parse_error", f"detail answered 404 and the list row is unusable: {exc}; nothing stored", request.url, str(pid))
            return
        self._inc("fallback/list_row")
        yield IssueItem(
            "miss", "detail answered 404 (listed with last_version = 1, the detail needs asap_last_version = 1); "
            "stored from the list row", request.url, str(pid),
        )  # fmt: skip
        yield act

    def on_error(self, failure: Failure) -> Iterator[IssueItem]:
        request = failure.request  # type: ignore[attr-defined]
        pid = request.cb_kwargs.get("pid")
        yield IssueItem("http_error", f"{_failure_text(failure)}; nothing stored", request.url, str(pid) if pid else None)
