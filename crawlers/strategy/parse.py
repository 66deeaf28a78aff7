"""Consultations from strategy.bg's JSON: the API detail and list, and the open-data full report.

Shapes:
- `GET /api/consultations/{id}`: one object. Its keys are known from the portal's source code
  only (asapbg/strategy `ApiStrategy/PublicConsultationsController::show`, research notes §1.2);
  no real answer was available. They match the full report's columns (real, fixture
  `data-egov-bg_b600c109_pc-full.json`) plus `id`, `act_type_id`, `published`,
  `policy_area_id` and `polls`; `active` there means "open today", not "published".
  Errors come as `{"error": "Not found"}` with an HTTP error status.
- `GET /api/consultations?limit=&offset=`: a JSON array of short rows (source code only, §1.2).
  The SQL has no ORDER BY, so pages can overlap or skip under concurrent writes: callers
  de-duplicate by id (`ListPage.stubs` already does within a page).
- `/reports/public-consultations/full/view`: a bare array `[legend, row, …]` on strategy.bg
  itself, `{"success": true, "data": [legend, row, …]}` on data.egov.bg (both read; the caller
  is told which), ~300 MB in reality. `iter_full_report` streams it with ijson, skips the legend row and
  merges consecutive rows with the same `reg_num` (the report repeats a consultation once per
  consultation document, e.g. 12367-K).

Descriptions are HTML-escaped HTML: kept raw, and as text after unescaping once.
Comments keep only their count and first/last dates; contacts and authors are dropped.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

import ijson

from crawlers.strategy import doctypes, scrub
from crawlers.strategy.items import ConsultationDocumentItem, ConsultationItem, ConsultationStub
from crawlers.strategy.text import (
    check_api_error,
    check_fields,
    decode_json,
    looks_like_html,
    iso_date,
    opt_int,
    opt_str,
    rich_text,
)
from core import strategy as V
from core.errors import SourceError

SOURCE = "strategy"
REPORT_PATH = "/reports/public-consultations/full/view"
LIST_PATH = "/api/consultations"
DETAIL_PATH = "/api/consultations/{id}"
PAGE_PATH = "/bg/public-consultations/{id}"

_DOWNLOAD = re.compile(r"/download/(\d+)(?:[/?#]|$)")

# The full report's columns (real: the legend row and every data row of the fixture).
REPORT_FIELDS = frozenset(
    {
        "reg_num", "name", "description", "consultation_type", "act_type", "date_open", "date_close",
        "short_term_reason", "active", "policy_area", "legislative_program_id", "operational_program_id",
        "responsible_institution_id", "responsible_institution_name", "responsible_institution_address",
        "proposal_ways", "contacts", "law_name", "law_id", "pris_id", "author_name", "comments",
        "consultation_document", "files",
    }
)
# The API detail adds these (source code only).
DETAIL_FIELDS = REPORT_FIELDS | {"id", "act_type_id", "published", "policy_area_id", "polls"}
# What we cannot do without.
REQUIRED_FIELDS = frozenset({"reg_num", "name", "date_open", "date_close", "files", "comments", "act_type", "consultation_type"})
LIST_FIELDS = frozenset(
    {
        "id", "name", "description", "reg_num", "act_type_id", "level", "date_open", "date_close", "published",
        "legislative_program_id", "operational_program_id", "active", "policy_area", "polls",
    }
)
LIST_REQUIRED = frozenset({"id", "date_open", "date_close"})

# consultation_level_id → the label the detail answer uses: core.strategy.LEVELS.
LEVELS = V.LEVELS


def id_from_reg_num(reg_num: Any, *, url: str) -> int:
    cid = V.reg_num_id(reg_num)
    if cid is None:
        raise SourceError(SOURCE, url, f"reg_num {reg_num!r} is not of the form <id>-K", str(reg_num))
    return cid


def file_id_from_link(link: str) -> int | None:
    m = _DOWNLOAD.search(link or "")
    return int(m.group(1)) if m else None


def _documents(files: Any, cdoc: Any, *, url: str, record: str) -> list[ConsultationDocumentItem]:
    if files is None:
        files = []
    if not isinstance(files, list):
        raise SourceError(SOURCE, url, f"files is a {type(files).__name__}, not a list", record)
    docs: list[ConsultationDocumentItem] = []
    seen: set[str] = set()
    for group in files:
        check_fields(group, known={"type", "versions"}, required={"type", "versions"}, source=SOURCE, url=url, record=record, what="files[]")
        doc_type, inferred = doctypes.resolve(opt_str(group["type"]), None)
        for version in group["versions"] or []:
            check_fields(version, known={"date", "link"}, required={"date", "link"}, source=SOURCE, url=url, record=record, what="files[].versions[]")
            link = opt_str(version["link"])
            if not link:
                raise SourceError(SOURCE, url, "a file version has no link", record)
            if link in seen:
                continue
            seen.add(link)
            docs.append(
                ConsultationDocumentItem(
                    url=link,
                    doc_type=doc_type,
                    type_inferred=inferred,
                    version_date=iso_date(version["date"], "files[].versions[].date", source=SOURCE, url=url, record=record),
                    file_id=file_id_from_link(link),
                )
            )
    # The consultation document (doc type 11) is also joined in separately as
    # `consultation_document.file`; keep it when `files` does not already list it.
    if isinstance(cdoc, Mapping):
        link = opt_str(cdoc.get("file"))
        if link and link not in seen:
            docs.append(ConsultationDocumentItem(url=link, doc_type=V.CONSULTATION_DOCUMENT, file_id=file_id_from_link(link)))
    return docs


def _comment_dates(comments: Any, *, url: str, record: str) -> tuple[int, dt.datetime | None, dt.datetime | None]:
    """Count and first/last dates only: authors and texts are personal data we do not keep."""
    if comments is None:
        return 0, None, None
    if not isinstance(comments, list):
        raise SourceError(SOURCE, url, f"comments is a {type(comments).__name__}, not a list", record)
    days: list[dt.datetime] = []
    for c in comments:
        check_fields(c, known={"id", "date", "author_name", "text"}, required={"date"}, source=SOURCE, url=url, record=record, what="comments[]")
        day = iso_date(c["date"], "comments[].date", source=SOURCE, url=url, record=record)
        days.append(dt.datetime.combine(day, dt.time()))
    return len(comments), (min(days) if days else None), (max(days) if days else None)


def consultation_from_row(
    row: Mapping[str, Any], *, source: str, url: str, raw: bytes | None = None, raw_url: str | None = None
) -> ConsultationItem:
    """A consultation from an API detail object or a full-report row (same columns)."""
    record = str(row.get("reg_num") or row.get("id") or "?") if isinstance(row, Mapping) else "?"
    known = DETAIL_FIELDS if source == "api" else REPORT_FIELDS
    required = REQUIRED_FIELDS | ({"id"} if source == "api" else set())
    check_fields(row, known=known, required=required, source=SOURCE, url=url, record=record, what="consultation")
    cid = id_from_reg_num(row["reg_num"], url=url)
    if source == "api" and opt_int(row["id"], "id", source=SOURCE, url=url, record=record) != cid:
        raise SourceError(SOURCE, url, f"id {row['id']!r} does not match reg_num {row['reg_num']!r}", record)
    title = opt_str(row["name"])
    if not title:
        raise SourceError(SOURCE, url, "the consultation has no title (name)", record)
    date_open = iso_date(row["date_open"], "date_open", source=SOURCE, url=url, record=record)
    date_close = iso_date(row["date_close"], "date_close", source=SOURCE, url=url, record=record)
    assert date_open and date_close
    if date_close < date_open:
        raise SourceError(SOURCE, url, f"date_close {date_close} is before date_open {date_open}", record)
    description_raw, description_text = rich_text(row.get("description"))
    _reason_raw, reason_text = rich_text(row.get("short_term_reason"))
    description_raw, description_text, reason_text = (scrub.redact_emails(t) for t in (description_raw, description_text, reason_text))
    count, first, last = _comment_dates(row["comments"], url=url, record=record)
    published = row.get("published") if source == "api" else row.get("active")
    return ConsultationItem(
        id=cid,
        reg_num=str(row["reg_num"]).strip(),
        title=title,
        date_open=date_open,
        date_close=date_close,
        source=source,  # type: ignore[arg-type]
        source_url=url,
        description_raw=description_raw,
        description_text=description_text,
        act_type=opt_str(row["act_type"]),
        act_type_id=opt_int(row.get("act_type_id"), "act_type_id", source=SOURCE, url=url, record=record),
        level=opt_str(row["consultation_type"]),
        policy_area=opt_str(row.get("policy_area")),
        institution_id=opt_int(row.get("responsible_institution_id"), "responsible_institution_id", source=SOURCE, url=url, record=record),
        institution_name=opt_str(row.get("responsible_institution_name")),
        short_term_reason=reason_text,
        published=bool(published) if published is not None else None,
        legislative_program_id=opt_int(row.get("legislative_program_id"), "legislative_program_id", source=SOURCE, url=url, record=record),
        operational_program_id=opt_int(row.get("operational_program_id"), "operational_program_id", source=SOURCE, url=url, record=record),
        law_name=opt_str(row.get("law_name")),
        law_id=opt_int(row.get("law_id"), "law_id", source=SOURCE, url=url, record=record),
        pris_id=opt_int(row.get("pris_id"), "pris_id", source=SOURCE, url=url, record=record),
        comments_count=count,
        first_comment_at=first,
        last_comment_at=last,
        documents=_documents(row["files"], row.get("consultation_document"), url=url, record=record),
        raw=raw,
        raw_url=raw_url,
    )


def degraded_signs(row: Mapping[str, Any], fields: frozenset[str] = DETAIL_FIELDS) -> tuple[str, ...]:
    """What makes an answer look degraded rather than a poor record, in words (none: it looks whole).

    Judged against the real full report (fixture `data-egov-bg_b600c109_pc-full.json`, the same
    columns as the API detail): each of its 31 rows has every column (an empty one is `null`:
    18 `comments`, 5 `contacts`), at least one file and a description. An answer without a
    column, without files or without a description may still be true; one more read tells.
    """
    signs = []
    missing = sorted(fields - row.keys())
    if missing:
        signs.append(f"without the keys {', '.join(missing)}")
    if not row.get("files"):
        signs.append("without files")
    if not rich_text(row.get("description"))[1]:  # as text: an empty paragraph is no description
        signs.append("without a description")
    return tuple(signs)


def parse_api_detail(body: bytes, url: str, *, expected_id: int | None = None) -> ConsultationItem:
    record = V.reg_num_for(expected_id) if expected_id is not None else None
    data = decode_json(body, source=SOURCE, url=url, record=record)
    check_api_error(data, source=SOURCE, url=url, record=record)
    if not isinstance(data, dict):
        raise SourceError(SOURCE, url, f"expected one consultation object, got a {type(data).__name__}", record)
    item = consultation_from_row(data, source="api", url=url, raw=scrub.dumps(scrub.scrub_consultation(data)))
    item.degraded_signs = degraded_signs(data)
    if expected_id is not None and item.id != expected_id:
        raise SourceError(SOURCE, url, f"asked for consultation {expected_id}, the answer is {item.reg_num}", record)
    return item


@dataclass
class ListPage:
    stubs: list[ConsultationStub]
    rows: int  # rows in the answer, duplicates included: a short page ends the listing


def parse_api_list(body: bytes, url: str) -> ListPage:
    data = decode_json(body, source=SOURCE, url=url)
    check_api_error(data, source=SOURCE, url=url)
    if isinstance(data, dict) and isinstance(data.get("data"), list):  # tolerate a wrapped answer
        data = data["data"]
    if not isinstance(data, list):
        raise SourceError(SOURCE, url, f"expected a list of consultations, got a {type(data).__name__}")
    stubs: dict[int, ConsultationStub] = {}
    for row in data:
        record = str(row.get("reg_num") or row.get("id") or "?") if isinstance(row, Mapping) else "?"
        check_fields(row, known=LIST_FIELDS, required=LIST_REQUIRED, source=SOURCE, url=url, record=record, what="list row")
        cid = opt_int(row["id"], "id", source=SOURCE, url=url, record=record)
        assert cid is not None
        stubs[cid] = ConsultationStub(
            id=cid,
            reg_num=opt_str(row.get("reg_num")),
            title=opt_str(row.get("name")),
            date_open=iso_date(row["date_open"], "date_open", source=SOURCE, url=url, record=record),
            date_close=iso_date(row["date_close"], "date_close", source=SOURCE, url=url, record=record),
        )
    return ListPage(list(stubs.values()), len(data))


# --------------------------------------------------------------------------- full report


class _Prepend:
    """A reader that returns `head` first, then the rest of `fp` (to sniff the start of a stream)."""

    def __init__(self, head: bytes, fp: IO[bytes]):
        self.head, self.fp = head, fp

    def read(self, size: int = -1) -> bytes:
        if self.head:
            if size is None or size < 0:
                out, self.head = self.head + self.fp.read(), b""
                return out
            out, self.head = self.head[:size], self.head[size:]
            return out
        return self.fp.read(size)


REPORT_SHAPES = ("bare", "wrapped")


def iter_report_rows(
    fp: IO[bytes], url: str, *, source: str = SOURCE, on_shape: Callable[[str], None] | None = None
) -> Iterator[dict[str, Any]]:
    """The data rows of a report, streamed, in either shape the report comes in:

    - `bare`: `[legend, row, …]`, what strategy.bg's own `/reports/{section}/{type}/view`
      answers (asapbg/strategy `ReportsController`: the rows are a plain list with the legend
      put first, stored with `json_encode` and served with `response()->json(...)`; research
      notes §1.3);
    - `wrapped`: `{"success": true, "data": [legend, row, …]}`, what data.egov.bg's
      `getResourceData` answers (the real fixtures are saved in this shape).

    `on_shape` is told which one was read, before the first row. Raises SourceError on HTML
    instead of JSON, `success` other than true, a missing `data` array, a scalar or a
    truncated file; rows read before a truncation were already yielded (the caller keeps
    those and records the error).
    """
    head = fp.read(512)
    if looks_like_html(head):
        raise SourceError(source, url, "HTML where the JSON report was expected")
    if not head.strip():
        raise SourceError(source, url, "empty report")
    events = ijson.parse(_Prepend(head, fp), use_float=True)
    success: Any = None
    saw_data = False
    try:
        for prefix, event, value in events:
            if prefix == "" and event == "start_array":
                if on_shape is not None:
                    on_shape("bare")
                yield from _rows(_Replay(events, inner=""))
                return
            if prefix == "" and event not in ("start_map", "end_map", "map_key"):
                raise SourceError(source, url, f"the report is a JSON {event}, expected an array or an object with a data array")
            if prefix == "success" and event in ("boolean", "number", "string", "null"):
                success = value
                if success is not True:
                    raise SourceError(source, url, f"the report says success: {json.dumps(success)}")
            elif prefix == "data" and event == "start_array":
                saw_data = True
                if on_shape is not None:
                    on_shape("wrapped")
                yield from _rows(_Replay(events, inner="data"))
    except ijson.JSONError as exc:
        raise SourceError(source, url, f"truncated or malformed report: {str(exc).splitlines()[0]}") from exc
    if not saw_data:
        raise SourceError(source, url, "the report has no data array")
    if success is not True:
        raise SourceError(source, url, f"the report's success flag is {success!r}, not true")


def _rows(replay: _Replay) -> Iterator[dict[str, Any]]:
    first = True
    for row in ijson.items(replay, "item", use_float=True):
        if first:
            first = False
            if _is_legend(row):
                continue
        yield row


class _Replay:
    """Feeds the remaining events of one array to `ijson.items` as if it were a document.

    ijson's `items` accepts an event iterator; this one re-bases the prefixes of the array
    elements (`data.item…` → `item…` for the wrapped shape; unchanged for the bare one) and
    stops at the array's end.
    """

    def __init__(self, events: Iterator[tuple[str, str, Any]], inner: str):
        self.events, self.inner = events, inner

    def __iter__(self) -> Iterator[tuple[str, str, Any]]:
        yield ("", "start_array", None)
        cut = len(self.inner) + 1 if self.inner else 0
        for prefix, event, value in self.events:
            if prefix == self.inner and event == "end_array":
                break
            yield (prefix[cut:] if cut and prefix.startswith(self.inner + ".") else prefix, event, value)
        yield ("", "end_array", None)


def _is_legend(row: Any) -> bool:
    """The first row is a header of column labels (`{"reg_num": "№", …}`, `{"pris_id": "ID", …}`):
    every value a string, where data rows always hold numbers, booleans, lists or nulls."""
    return isinstance(row, dict) and bool(row) and all(isinstance(v, str) for v in row.values())


def merge_documents(first: ConsultationItem, second: ConsultationItem) -> ConsultationItem:
    """One consultation from two report rows: the first row's fields, the union of the files."""
    seen = {d.url for d in first.documents}
    first.documents.extend(d for d in second.documents if d.url not in seen)
    return first


def iter_full_report(fp: IO[bytes], url: str, *, on_shape: Callable[[str], None] | None = None) -> Iterator[ConsultationItem]:
    """Consultations of the open-data full report, streamed; consecutive repeats merged.

    A row that cannot be parsed raises SourceError naming its reg_num; rows before it were
    already yielded. Each item carries its own row as `raw` (JSON) so the pipeline keeps a raw
    payload per record without holding the whole report.
    """
    pending: ConsultationItem | None = None
    for row in iter_report_rows(fp, url, on_shape=on_shape):
        raw = scrub.dumps(scrub.scrub_consultation(row) if isinstance(row, dict) else row)
        reg = str(row.get("reg_num", "?")) if isinstance(row, dict) else "?"
        item = consultation_from_row(row, source="report", url=url, raw=raw, raw_url=f"{url}#{reg}")
        if pending is not None and pending.id == item.id:
            pending = merge_documents(pending, item)
            pending.raw = (pending.raw or b"") + b"\n" + raw
            continue
        if pending is not None:
            yield pending
        pending = item
    if pending is not None:
        yield pending
