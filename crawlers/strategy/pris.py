"""Acts of the Council of Ministers (ПРИС) on strategy.bg.

Shapes:
- the open-data report `/reports/pris/standard/view` (real, fixture
  `data-egov-bg_057c5c06_pris-acts.json`): `{"success":true,"data":[legend, act…]}` on
  data.egov.bg, the bare array `[legend, act…]` on strategy.bg itself, with
  `pris_id, doc_num, doc_accepted_date, doc_about, legal_act_type` (name), `legal_reason,
  importer, institutions, version, protocol, public_consultation_number,
  state_gazette_number/_year, active, date_published_at, date_deleted_at, tags, related`;
- `GET /api/pris/{id}`: the same columns (known from the portal's source code only,
  `ApiStrategy/PrisController::show`);
- `GET /api/pris?limit=&offset=[&date-after=YYYY-MM-DD]`: short rows `pris_id, doc_num,
  doc_accepted_date, doc_about, legal_act_type` (an id here), `tags`; ordered by creation
  (source code only, `PrisController::list`).

A decision approving a bill reads „ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и
допълнение на Закона за държавния служител /“ (HTML-escaped in `doc_about`); the bill's title
is the text between the slashes.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from crawlers.strategy import scrub
from crawlers.strategy.items import CouncilActItem
from crawlers.strategy.parse import iter_report_rows
from crawlers.strategy.text import check_api_error, check_fields, decode_json, iso_date, opt_int, opt_str, rich_text
from core import strategy as V
from core.errors import SourceError

SOURCE = "pris"
REPORT_PATH = "/reports/pris/standard/view"
LIST_PATH = "/api/pris"
DETAIL_PATH = "/api/pris/{id}"

FIELDS = frozenset(
    {
        "pris_id", "doc_num", "doc_accepted_date", "doc_about", "legal_act_type", "legal_reason", "importer",
        "institutions", "version", "protocol", "public_consultation_number", "state_gazette_number",
        "state_gazette_year", "active", "date_published_at", "date_updated_at", "date_deleted_at", "tags", "related",
    }
)
REQUIRED = frozenset({"pris_id", "doc_num", "doc_accepted_date", "doc_about", "legal_act_type", "public_consultation_number"})
LIST_FIELDS = frozenset({"pris_id", "doc_num", "doc_accepted_date", "doc_about", "legal_act_type", "tags"})

_APPROVES_BILL = re.compile(r"ЗА\s+ОДОБРЯВАНЕ\s+НА\s+ЗАКОНОПРОЕКТ\b", re.IGNORECASE)
_BILL_TITLE = re.compile(r"ЗА\s+ОДОБРЯВАНЕ\s+НА\s+ЗАКОНОПРОЕКТ\s*/\s*(?P<title>[^/]+?)\s*/", re.IGNORECASE)


def bill_approval(about_text: str | None) -> tuple[bool, str | None]:
    """(approves a bill, the bill's title between the slashes) from the act's `about` text."""
    if not about_text:
        return False, None
    text = " ".join(about_text.split())
    if not _APPROVES_BILL.search(text):
        return False, None
    m = _BILL_TITLE.search(text)
    return True, (m.group("title").strip() if m else None)


def act_from_row(row: Mapping[str, Any], *, source: str, url: str, raw: bytes | None = None, raw_url: str | None = None) -> CouncilActItem:
    record = str(row.get("pris_id", "?")) if isinstance(row, Mapping) else "?"
    check_fields(row, known=FIELDS, required=REQUIRED, source=SOURCE, url=url, record=record, what="act")
    pid = opt_int(row["pris_id"], "pris_id", source=SOURCE, url=url, record=record)
    if pid is None:
        raise SourceError(SOURCE, url, "the act has no pris_id", record)
    about_raw, about = rich_text(row["doc_about"])
    _, legal_reason = rich_text(row.get("legal_reason"))
    approves, bill_title = bill_approval(about)
    pcn = opt_str(row["public_consultation_number"])
    if pcn is not None and V.reg_num_id(pcn) is None:
        raise SourceError(SOURCE, url, f"public_consultation_number {pcn!r} is not of the form <id>-K", record)
    tags = row.get("tags") or []
    if not isinstance(tags, list):
        raise SourceError(SOURCE, url, f"tags is a {type(tags).__name__}, not a list", record)
    related = row.get("related") or []
    if not isinstance(related, list):
        raise SourceError(SOURCE, url, f"related is a {type(related).__name__}, not a list", record)
    legal_act_type = row["legal_act_type"]
    active = row.get("active")
    return CouncilActItem(
        id=pid,
        source=source,  # type: ignore[arg-type]
        source_url=url,
        doc_num=opt_str(row["doc_num"]),
        doc_date=iso_date(row["doc_accepted_date"], "doc_accepted_date", source=SOURCE, url=url, record=record),
        act_type=opt_str(legal_act_type) if not isinstance(legal_act_type, int) else None,
        about_raw=about_raw,
        about=about,
        importer=opt_str(row.get("importer")),
        legal_reason=legal_reason,
        protocol=opt_str(row.get("protocol")),
        public_consultation_number=V.normalise_reg_num(pcn) if pcn else None,
        dv_number=opt_str(row.get("state_gazette_number")),
        dv_year=opt_int(row.get("state_gazette_year"), "state_gazette_year", source=SOURCE, url=url, record=record),
        published=bool(active) if active is not None else None,
        published_on=iso_date(row.get("date_published_at"), "date_published_at", source=SOURCE, url=url, record=record, optional=True),
        tags=[" ".join(str(t).split()) for t in tags if t is not None and str(t).strip()],
        related=[
            {"relation_type": r.get("relation_type"), "pris_id": r.get("pris_id"), "act_name": r.get("act_name")}
            for r in related
            if isinstance(r, Mapping)
        ],
        approves_bill=approves,
        bill_title=bill_title,
        raw=raw,
        raw_url=raw_url,
    )


def parse_pris_detail(body: bytes, url: str, *, expected_id: int | None = None) -> CouncilActItem:
    record = str(expected_id) if expected_id is not None else None
    data = decode_json(body, source=SOURCE, url=url, record=record)
    check_api_error(data, source=SOURCE, url=url, record=record)
    if not isinstance(data, dict):
        raise SourceError(SOURCE, url, f"expected one act object, got a {type(data).__name__}", record)
    act = act_from_row(data, source="api", url=url, raw=scrub.dumps(scrub.scrub_act(data)))
    if expected_id is not None and act.id != expected_id:
        raise SourceError(SOURCE, url, f"asked for act {expected_id}, the answer is act {act.id}", record)
    return act


@dataclass
class PrisStub:
    id: int
    doc_date: dt.date
    about: str | None
    approves_bill: bool
    row: dict[str, Any] | None = None  # the list row itself: the act's record if its detail is missing


@dataclass
class PrisListPage:
    stubs: list[PrisStub]
    rows: int


def parse_pris_list(body: bytes, url: str) -> PrisListPage:
    data = decode_json(body, source=SOURCE, url=url)
    check_api_error(data, source=SOURCE, url=url)
    if not isinstance(data, list):
        raise SourceError(SOURCE, url, f"expected a list of acts, got a {type(data).__name__}")
    stubs: dict[int, PrisStub] = {}
    for row in data:
        record = str(row.get("pris_id", "?")) if isinstance(row, Mapping) else "?"
        check_fields(row, known=LIST_FIELDS, required={"pris_id", "doc_accepted_date", "doc_about"}, source=SOURCE, url=url, record=record, what="list row")
        pid = opt_int(row["pris_id"], "pris_id", source=SOURCE, url=url, record=record)
        assert pid is not None
        _, about = rich_text(row["doc_about"])
        day = iso_date(row["doc_accepted_date"], "doc_accepted_date", source=SOURCE, url=url, record=record)
        assert day is not None
        stubs[pid] = PrisStub(pid, day, about, bill_approval(about)[0], dict(row))
    return PrisListPage(list(stubs.values()), len(data))


def act_from_list_row(row: Mapping[str, Any], *, url: str) -> CouncilActItem:
    """An act from its list row alone, when its detail answers 404.

    The list selects `last_version = 1`, the detail `asap_last_version = 1` (PrisController), so
    some listed acts have no detail. The list row has `pris_id, doc_num, doc_accepted_date,
    doc_about, legal_act_type` (an id there, not a name: left empty) and `tags`; the rest of the
    record (importer, protocol, public_consultation_number, ДВ) stays unknown."""
    record = str(row.get("pris_id", "?"))
    check_fields(row, known=LIST_FIELDS, required={"pris_id", "doc_accepted_date", "doc_about"}, source=SOURCE, url=url, record=record, what="list row")
    data = {k: row.get(k) for k in LIST_FIELDS}
    data["legal_act_type"] = None  # an id in the list; the name only comes with the detail
    data["public_consultation_number"] = None
    return act_from_row(data, source="list", url=url, raw=scrub.dumps(scrub.scrub_act(dict(row))))


def iter_pris_report(fp: IO[bytes], url: str, *, on_shape: Callable[[str], None] | None = None) -> Iterator[CouncilActItem]:
    """Acts of the open-data ПРИС report, streamed (the real file is ~190 MB), bare or wrapped
    (see `parse.iter_report_rows`)."""
    for row in iter_report_rows(fp, url, source=SOURCE, on_shape=on_shape):
        raw = scrub.dumps(scrub.scrub_act(row) if isinstance(row, dict) else row)
        yield act_from_row(row, source="report", url=url, raw=raw, raw_url=f"{url}#{row.get('pris_id', '?') if isinstance(row, dict) else '?'}")
