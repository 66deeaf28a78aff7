"""`documents`: download the files of bills and consultations that have no stored version.

The list comes from the database (bill_files written by the parliament crawl,
consultation_documents by the strategy crawl), so this spider runs after them. Files on
parliament.bg need the session cookies of the site's home page (research/parliament_api.md
§1.5, S3), so `/bg` is requested first and the files follow with its cookies; strategy.bg's
`/download/{file_id}` needs none. Base URLs are the PARLIAMENT_BASE_URL and
STRATEGY_BASE_URL settings; stored URLs are re-based onto them.

Politeness is the project's (one request at a time per site, AutoThrottle, honest UA).
A file over DOCUMENTS_MAX_BYTES is not downloaded (Scrapy's download_maxsize) and is
recorded as skipped with a note.

Arguments (-a): owner=all|bill|consultation, bill=ID[,ID], consultation=ID[,ID],
limit=N, refetch=1 (download again; a same-hash answer only counts as unchanged).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import Message
from typing import Any
from urllib.parse import unquote

import scrapy
from scrapy.http import Response
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure

from crawlers.documents.items import DocumentItem
from crawlers.documents.model import ExtractionLimits
from crawlers.documents.sniff import sniff_format
from crawlers.documents.targets import FileTarget, pending_targets
from db.engine import session_scope


def _ids(value: str | None) -> list[int] | None:
    if not value:
        return None
    try:
        return [int(v) for v in str(value).split(",") if v.strip()]
    except ValueError:
        raise ValueError(f"expected comma-separated ids, got {value!r}") from None


def disposition_filename(header: bytes | None) -> str | None:
    """The file name from Content-Disposition (RFC 6266 filename* first, then filename)."""
    if not header:
        return None
    raw = header.decode("latin-1")
    msg = Message()
    msg["content-disposition"] = raw
    name = msg.get_filename()
    if name:
        # A UTF-8 name sent as raw bytes arrives as latin-1 text; recover it when so.
        try:
            name = name.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        name = unquote(name)
    else:
        match = re.search(r'filename\s*=\s*"?([^";]+)"?', raw)
        name = match.group(1) if match else None
    if not name:
        return None
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip() or None


def _cancelled_errors() -> tuple[type[BaseException], ...]:
    try:
        from scrapy.exceptions import DownloadCancelledError
    except ImportError:  # older Scrapy
        return ()
    return (DownloadCancelledError,)


class DocumentsSpider(scrapy.Spider):
    name = "documents"
    source = "documents"
    custom_settings = {
        "ITEM_PIPELINES": {"crawlers.documents.pipeline.DocumentsPipeline": 300},
        # The cookie warm-up must be the first request to parliament.bg.
        "COOKIES_ENABLED": True,
    }

    def __init__(self, owner: str = "all", bill: str | None = None, consultation: str | None = None,
                 limit: str | None = None, refetch: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        if owner not in ("all", "bill", "consultation"):
            raise ValueError(f"owner must be all, bill or consultation, not {owner!r}")
        self.owner = owner
        self.bill_ids = _ids(bill)
        self.consultation_ids = _ids(consultation)
        self.limit = int(limit) if limit else None
        self.refetch = str(refetch or "").lower() in ("1", "true", "yes")
        self.run_args = {"owner": owner, "bill": bill, "consultation": consultation, "limit": limit,
                         "refetch": self.refetch or None}

    # ------------------------------------------------------------------ planning

    def _targets(self) -> list[FileTarget]:
        with session_scope(self.settings.get("LEXWATCH_DATABASE_URL")) as s:
            return pending_targets(s, owner=self.owner, bill_ids=self.bill_ids,
                                   consultation_ids=self.consultation_ids, refetch=self.refetch, limit=self.limit)

    async def start(self):
        for request in self._start_requests():
            yield request

    def start_requests(self):  # Scrapy < 2.13
        yield from self._start_requests()

    def _start_requests(self) -> Iterator[scrapy.Request]:
        targets = self._targets()
        self.crawler.stats.set_value("lexwatch/listed", len(targets))
        self.logger.info("documents: %d files to fetch", len(targets))
        bills = [t for t in targets if t.owner_type == "bill"]
        consultations = [t for t in targets if t.owner_type == "consultation"]
        if bills:
            home = self.settings.get("PARLIAMENT_BASE_URL").rstrip("/") + "/bg"
            yield scrapy.Request(home, callback=self.after_home, errback=self.after_home_failed,
                                 dont_filter=True, cb_kwargs={"targets": bills},
                                 meta={"handle_httpstatus_all": True})
        for target in consultations:
            yield self._file_request(target)

    def after_home(self, response: Response, targets: list[FileTarget]) -> Iterator[scrapy.Request]:
        if response.status >= 400:
            self.logger.warning("parliament.bg home answered %s; fetching files without its cookies", response.status)
        for target in targets:
            yield self._file_request(target)

    def after_home_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        self.logger.warning("parliament.bg home page failed (%s); fetching files without its cookies",
                            failure.getErrorMessage())
        yield from self.after_home(Response(failure.request.url, status=599),
                                   **failure.request.cb_kwargs)

    def _file_request(self, target: FileTarget) -> scrapy.Request:
        limits = ExtractionLimits.from_settings(self.settings)
        url = target.fetch_url(self.settings.get("PARLIAMENT_BASE_URL"), self.settings.get("STRATEGY_BASE_URL"))
        return scrapy.Request(
            url, callback=self.parse_file, errback=self.file_failed, dont_filter=True,
            cb_kwargs={"target": target},
            meta={"download_maxsize": limits.max_bytes, "download_warnsize": 0},
        )

    # ------------------------------------------------------------------ answers

    def _item(self, target: FileTarget, **fields: Any) -> DocumentItem:
        return DocumentItem(owner_type=target.owner_type, owner_id=target.owner_id, url=target.url,
                            filename=fields.pop("filename", target.filename), title=target.title,
                            owner_title=target.owner_title, **fields)

    def parse_file(self, response: Response, target: FileTarget) -> Iterator[DocumentItem]:
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        filename = target.filename or disposition_filename(response.headers.get(b"Content-Disposition"))
        if filename is None:
            filename = response.url.rstrip("/").rsplit("/", 1)[-1]
        body = response.body
        if sniff_format(body[:1024], filename, ctype) == "html":
            yield self._item(target, filename=filename, body=None, content_type=ctype, http_status=response.status,
                             status="error",
                             note="the site answered with an HTML page instead of the file "
                                  "(session cookies missing, or the file is gone)")
            return
        yield self._item(target, filename=filename, body=body, content_type=ctype, http_status=response.status)

    def file_failed(self, failure: Failure) -> Iterator[DocumentItem]:
        request = failure.request
        target: FileTarget = request.cb_kwargs["target"]
        message = failure.getErrorMessage()
        maxsize = request.meta.get("download_maxsize")
        response = getattr(failure.value, "response", None)
        # Scrapy cancels a download over download_maxsize: by the announced length up front
        # (DownloadCancelledError), or mid-body (a plain CancelledError).
        too_big = "max size" in message or failure.check(CancelledError, *_cancelled_errors()) is not None
        if too_big:
            yield self._item(target, body=None, status="skipped",
                             note=f"file larger than {maxsize / 1048576:.1f} MiB (DOCUMENTS_MAX_BYTES); not downloaded")
            return
        status = response.status if response is not None else None
        yield self._item(target, body=None, status="error", http_status=status,
                         note=f"download failed: {'HTTP ' + str(status) if status else message}")
