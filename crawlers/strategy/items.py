"""What the strategy.bg parsers produce: one consultation or one Council of Ministers act.

`to_record()` is the normalised, source-independent form that goes into history
(`record_version`): the same consultation read from the API, the open-data report or the
HTML page gives the same record as far as the sources agree. Fields that only one source
carries (`act_type_id`, the raw answer, the URL) stay outside the record.

Personal data is never carried: comment authors, contact persons and e-mail addresses are
dropped by the parsers; of the comments only the count and the first/last dates remain.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Source = Literal["api", "report", "html"]


@dataclass
class ConsultationDocumentItem:
    """One file version (`files[].versions[]` of the API; a list item on the HTML page)."""

    url: str
    doc_type: str | None  # the portal's type name, or the one inferred from the description
    type_inferred: bool = False
    description: str | None = None  # only the HTML page shows it
    version_date: dt.date | None = None
    file_id: int | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "file_id": self.file_id,
            "doc_type": self.doc_type,
            "type_inferred": self.type_inferred,
            "description": self.description,
            "version_date": self.version_date.isoformat() if self.version_date else None,
        }


@dataclass
class ConsultationItem:
    id: int
    reg_num: str
    title: str
    date_open: dt.date
    date_close: dt.date
    source: Source
    source_url: str  # the answer this was read from
    description_raw: str | None = field(default=None, repr=False)  # as the source gave it (HTML-escaped HTML in API/report)
    description_text: str | None = None
    act_type: str | None = None
    act_type_id: int | None = None  # the API only
    level: str | None = None  # consultation_type: Централно, Централно друго, Областно, Общинско
    policy_area: str | None = None
    institution_id: int | None = None
    institution_name: str | None = None
    short_term_reason: str | None = None
    published: bool | None = None
    legislative_program_id: int | None = None
    operational_program_id: int | None = None
    law_name: str | None = None
    law_id: int | None = None
    pris_id: int | None = None
    comments_count: int = 0
    first_comment_at: dt.datetime | None = None
    last_comment_at: dt.datetime | None = None
    documents: list[ConsultationDocumentItem] = field(default_factory=list)
    raw: bytes | None = field(default=None, repr=False)  # the answer (or the report row) to keep as raw payload
    raw_url: str | None = field(default=None, repr=False)  # where `raw` came from, when it differs from source_url
    # Why the answer looks degraded (crawlers.strategy.parse.degraded_signs; API reads only): such
    # a read is confirmed by one more read next run. Not part of the record.
    degraded_signs: tuple[str, ...] = ()

    @property
    def duration_days(self) -> int:
        """close − open: the portal's own convention (`diffInDays`), so 15.09–15.10 is 30."""
        return (self.date_close - self.date_open).days

    @property
    def page_url_path(self) -> str:
        return f"/bg/public-consultations/{self.id}"

    def to_record(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "id": self.id,
            "reg_num": self.reg_num,
            "title": self.title,
            "description_raw": self.description_raw,
            "description_text": self.description_text,
            "act_type": self.act_type,
            "level": self.level,
            "policy_area": self.policy_area,
            "institution_id": self.institution_id,
            "institution_name": self.institution_name,
            "date_open": iso(self.date_open),
            "date_close": iso(self.date_close),
            "duration_days": self.duration_days,
            "short_term_reason": self.short_term_reason,
            "published": self.published,
            "legislative_program_id": self.legislative_program_id,
            "operational_program_id": self.operational_program_id,
            "law_name": self.law_name,
            "law_id": self.law_id,
            "pris_id": self.pris_id,
            "comments_count": self.comments_count,
            "first_comment_at": iso(self.first_comment_at),
            "last_comment_at": iso(self.last_comment_at),
            "documents": [d.to_record() for d in self.documents],
        }


@dataclass
class ConsultationStub:
    """A consultation as a list or feed names it: enough to decide whether to fetch its detail."""

    id: int
    reg_num: str | None = None
    title: str | None = None
    date_open: dt.date | None = None
    date_close: dt.date | None = None
    updated: dt.datetime | None = None  # the feed's <updated>


@dataclass
class CouncilActItem:
    """An act of the Council of Ministers in ПРИС."""

    id: int  # pris_id
    source: Literal["api", "report", "list"]  # "list": the list row only (the detail answered 404)
    source_url: str
    doc_num: str | None = None
    doc_date: dt.date | None = None
    act_type: str | None = None  # Решения, Постановления, Протоколи, Стенограми
    about_raw: str | None = field(default=None, repr=False)
    about: str | None = None  # unescaped plain text
    importer: str | None = None
    legal_reason: str | None = None
    protocol: str | None = None
    public_consultation_number: str | None = None
    dv_number: str | None = None
    dv_year: int | None = None
    published: bool | None = None
    published_on: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    related: list[dict[str, Any]] = field(default_factory=list)
    approves_bill: bool = False  # „ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / … /“
    bill_title: str | None = None  # the title between the slashes
    raw: bytes | None = field(default=None, repr=False)
    raw_url: str | None = field(default=None, repr=False)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_num": self.doc_num,
            "doc_date": self.doc_date.isoformat() if self.doc_date else None,
            "act_type": self.act_type,
            "about": self.about,
            "importer": self.importer,
            "legal_reason": self.legal_reason,
            "protocol": self.protocol,
            "public_consultation_number": self.public_consultation_number,
            "dv_number": self.dv_number,
            "dv_year": self.dv_year,
            "published": self.published,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "tags": list(self.tags),
            "related": list(self.related),
            "approves_bill": self.approves_bill,
            "bill_title": self.bill_title,
        }


@dataclass
class SpravkaMessageItem:
    """What the consultation's HTML page says in place of a справка file.

    The API detail and the full report omit the „съобщение“ (a comment with object_code 2), so a
    closed consultation without a type-8 file has its page read. `text` None: the page was read
    and shows no message. `shown_on`: the date the page gives, if any; else the message is dated
    by `seen_on`, the day lexwatch first saw it (an upper bound: it was published no later)."""

    consultation_id: int
    reg_num: str
    page_url: str
    seen_on: dt.date
    text: str | None = None
    shown_on: dt.date | None = None


@dataclass
class IssueItem:
    """Something a spider could not use; the pipeline records it after committing its batch
    (on SQLite, `report_issue`'s own session would otherwise wait on the pipeline's)."""

    kind: str  # miss | html_shell | parse_error | http_error | layout | fallback
    message: str
    url: str | None = None
    record_key: str | None = None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def consultation_from_record(data: dict[str, Any], *, source: Source, source_url: str, raw: bytes | None = None) -> ConsultationItem:
    """The inverse of `ConsultationItem.to_record` (for records built from a stored version)."""
    stamp = lambda v: dt.datetime.fromisoformat(v) if v else None  # noqa: E731
    return ConsultationItem(
        id=data["id"], reg_num=data["reg_num"], title=data["title"],
        date_open=dt.date.fromisoformat(data["date_open"]), date_close=dt.date.fromisoformat(data["date_close"]),
        source=source, source_url=source_url, description_raw=data.get("description_raw"),
        description_text=data.get("description_text"), act_type=data.get("act_type"), level=data.get("level"),
        policy_area=data.get("policy_area"), institution_id=data.get("institution_id"),
        institution_name=data.get("institution_name"), short_term_reason=data.get("short_term_reason"),
        published=data.get("published"), legislative_program_id=data.get("legislative_program_id"),
        operational_program_id=data.get("operational_program_id"), law_name=data.get("law_name"),
        law_id=data.get("law_id"), pris_id=data.get("pris_id"), comments_count=data.get("comments_count") or 0,
        first_comment_at=stamp(data.get("first_comment_at")), last_comment_at=stamp(data.get("last_comment_at")),
        documents=[
            ConsultationDocumentItem(
                url=d["url"], doc_type=d.get("doc_type"), type_inferred=bool(d.get("type_inferred")),
                description=d.get("description"), version_date=_day(d.get("version_date")), file_id=d.get("file_id"),
            )
            for d in data.get("documents") or ()
        ],
        raw=raw,
    )  # fmt: skip
