"""What the parliament spider yields: plain dataclass items (Scrapy accepts dataclass objects
as items, see Scrapy's "Item types" docs).

`BillItem.record()` is the normalised, JSON-able form kept in the history
(`record_versions`): it holds what the source says, not what we derive from our own
settings (absolute URLs depend on the base URL, so they stay out of it; the hash must
not change when the same data is read through another host).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawAnswer:
    """The HTTP answer an item was parsed from, kept in `raw_payloads`."""

    url: str
    body: bytes
    status: int = 200
    content_type: str | None = None


@dataclass
class SponsorItem:
    kind: str  # mp | council_of_ministers
    mp_id: int | None = None  # A_ns_MP_id
    body_id: int | None = None  # A_ns_C_id (6167 = Министерски съвет)
    name: str | None = None  # "ИСКРА ДИМИТРОВА МИХАЙЛОВА-КОПАРОВА", as the source writes it


@dataclass
class CommitteeItem:
    distribution_id: int | None  # L_Act_D_id
    committee_id: int | None  # A_ns_C_id
    name: str  # A_ns_CL_value
    role: str  # L_Act_DTL_value: "водеща" | "участваща"
    is_lead: bool


@dataclass
class StageItem:
    origin: str  # activity | steno_hall | steno_com
    activity_id: int | None  # L_Act_A_id
    date: dt.date | None  # L_Act_St_date
    stage: str | None  # L_Act_St2_name, e.g. "зала първо гласуване"
    event: str | None  # L_Act_St_name, e.g. "приет"
    plenary_steno_id: int | None = None  # Pl_Sten_id (0 and the placeholder 1 -> None)
    committee_steno_id: int | None = None  # A_Cm_Stid (0 -> None)
    committee_id: int | None = None  # A_ns_C_id
    committee_name: str | None = None  # A_ns_CL_value
    classification: str | None = None  # a core.parliament.StageClass code (classify_stage)


@dataclass
class ReportItem:
    origin: str  # stan_list | stan_list2 | stan_list2_1 | standp_list | stan_list_veto
    report_id: int | None  # A_Cm_Stanid
    date: dt.date | None  # A_Cm_Stan_date
    committee_id: int | None  # A_ns_C_id
    committee_name: str | None  # A_ns_CL_value
    stage: str | None  # L_Act_St_name, e.g. "първо гласуване"
    subject: str | None  # A_Cm_Stan_sub


@dataclass
class FileItem:
    origin: str  # file_list | order | static_file | static_file_rtf | static_archive
    filename: str  # FILENAME
    url: str  # {base}/bills/{A_ns_folder}/{FILENAME}
    file_id: int | None = None  # ID
    date: dt.date | None = None  # DAT_DOC (order)
    reg_number: str | None = None  # RN_DOC (order)
    annotation: str | None = None  # ANOT (order)
    link_id: int | None = None  # L_ActF_id (order)


@dataclass
class RelationItem:
    kind: str  # union (merged into this bill) | trans (this bill merged into it)
    other_bill_id: int  # L_Act_id
    other_title: str | None  # L_ActL_title


@dataclass
class ProposalItem:
    """Предложение между първо и второ гласуване (proposal_12_list)."""

    proposal_id: int | None  # ID
    reg_number: str | None  # RN_DOC
    date: dt.date | None  # DAT_DOC
    annotation: str | None  # ANOT
    state_id: int | None  # C_St_id (meaning not documented)
    authors: list[dict[str, Any]] = field(default_factory=list)  # [{mp_id, name}]
    files: list[dict[str, Any]] = field(default_factory=list)  # [{filename, url}]


@dataclass(repr=False)
class BillItem:
    """A bill (законопроект) from `GET /api/v1/bill/{id}`."""

    id: int  # L_Act_id
    signature: str  # L_Act_sign
    title: str  # L_ActL_title
    final_title: str | None  # L_ActL_final ("" until adopted -> None)
    assembly: int | None  # A_ns_folder
    session: str | None  # L_SesL_value
    submitted_on: dt.date | None  # L_Act_date
    adopted_on: dt.date | None  # L_Act_date2
    proposals_deadline: dt.date | None  # L_act_proposal_date: the deadline for proposals between the votes (real: 167546, 166636)
    proposals_date2: dt.date | None  # L_act_proposal_date2: "0000-00-00" in every real bill at hand; meaning not documented
    veto_on: dt.date | None  # L_Act_veto_date
    veto: str | None  # L_Act_veto
    dv_issue: str | None  # L_Act_dv_iss (ДВ брой)
    dv_year: int | None  # L_Act_dv_year
    dv_issue_id: int | None  # L_Act_dv_ID (-1/0 -> None); the id of the issue, not of the material
    sync_id: int | None  # sync_ID
    merged_into_id: int | None  # L_Act_new_id
    withdrawn: bool  # withdrawn (absent in older API versions -> False)
    union_label: str | None
    trans_label: str | None
    initiator: str  # core.parliament.derive_initiator
    status: str  # core.parliament.derive_status
    status_date: dt.date | None
    source_url: str
    sponsors: list[SponsorItem] = field(default_factory=list)
    committees: list[CommitteeItem] = field(default_factory=list)
    stages: list[StageItem] = field(default_factory=list)
    reports: list[ReportItem] = field(default_factory=list)
    files: list[FileItem] = field(default_factory=list)
    relations: list[RelationItem] = field(default_factory=list)
    proposals: list[ProposalItem] = field(default_factory=list)
    raw: RawAnswer | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:  # Scrapy logs every item; keep the line short
        return f"BillItem(id={self.id}, signature={self.signature!r}, status={self.status!r}, stages={len(self.stages)})"

    @property
    def activity_count(self) -> int:
        return sum(1 for s in self.stages if s.origin == "activity")

    def record(self) -> dict[str, Any]:
        """The versioned form. Chronology rows, reports and files are grouped by their source
        list, so a new `activity` row shows in the diff as that row alone (in one flat list it
        would shift every row after it)."""
        data = to_record(self)
        for key in ("stages", "reports", "files"):
            grouped: dict[str, list[Any]] = {}
            for row in data[key]:
                grouped.setdefault(row.pop("origin"), []).append(row)
            data[key] = grouped
        return data


@dataclass(repr=False)
class ActTextItem:
    """The promulgated text of an adopted bill from `GET /api/v1/act/{id}` (L_ActL_final_body)."""

    bill_id: int  # L_Act_id
    act_type_id: int | None  # L_Act_T_id (1 = bill/law)
    signature: str | None  # L_Act_sign
    final_title: str | None  # L_ActL_final
    body_html: str | None  # L_ActL_final_body (Word-generated HTML)
    dv_issue: str | None
    dv_year: int | None
    dv_issue_id: int | None
    adopted_on: dt.date | None  # L_Act_date2
    assembly: int | None
    source_url: str
    raw: RawAnswer | None = field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        return f"ActTextItem(bill_id={self.bill_id}, dv={self.dv_issue}/{self.dv_year}, body={len(self.body_html or '')} chars)"

    def record(self) -> dict[str, Any]:
        return to_record(self)


@dataclass
class AssemblyItem:
    """A National Assembly from `GET /api/v1/fn-assembly/bg`."""

    number: int  # parsed from A_nsL_value ("ПЕТДЕСЕТ И ВТОРО НАРОДНО СЪБРАНИЕ" -> 52)
    api_id: int  # A_ns_id
    name: str  # A_nsL_value
    source_url: str
    raw: RawAnswer | None = field(default=None, repr=False, compare=False)

    def record(self) -> dict[str, Any]:
        return to_record(self)


@dataclass
class IssueItem:
    """Something the spider could not use; the pipeline records it (after committing its
    batch, so that on SQLite two writers never wait on each other)."""

    kind: str  # miss | html_shell | parse_error | http_error | layout
    message: str
    url: str | None = None
    record_key: str | None = None


# Keys left out of the versioned record: derived from our settings, not from the source.
_NOT_RECORDED = {"raw", "url", "source_url"}


# The recorded field names of each dataclass (None: not a dataclass). A bill's record has some
# 200 values; asking `dataclasses` about each of them was most of a re-crawl's storing time.
_RECORDED_FIELDS: dict[type, tuple[str, ...] | None] = {}
_PLAIN = (str, int, float, bool, type(None))


def _recorded_fields(value: Any) -> tuple[str, ...] | None:
    cls = type(value)
    if cls not in _RECORDED_FIELDS:
        is_item = dataclasses.is_dataclass(value) and not isinstance(value, type)
        _RECORDED_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(value) if f.name not in _NOT_RECORDED) if is_item else None
    return _RECORDED_FIELDS[cls]


def _jsonable(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    names = _recorded_fields(value)
    if names is not None:
        return {name: _jsonable(getattr(value, name)) for name in names}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if k not in _NOT_RECORDED}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def to_record(item: Any) -> dict[str, Any]:
    return _jsonable(item)
