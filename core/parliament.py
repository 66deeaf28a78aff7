"""Derived facts about a bill: the class of each chronology row, the bill's status, its initiator.

The API has no status field. As Open States does with a bill's actions, each row of the
chronology (`activity`) is classified, and the status is the furthest point the classified
rows reach, in date order; the bill-level flags (`withdrawn`, merged into another bill,
ДВ publication) then take precedence.

Stage and event names seen in real payloads: stages "комисии първо гласуване",
"зала първо гласуване", "комисии второ гласуване", "зала второ гласуване"; events "внесен",
"обсъждане", "приет"; S2 (CEU scraper) reads a last event "отхвърлен" as a rejection.
Other names ("неприет", "оттеглен", "първо и второ гласуване", veto rows) are inferred from the
Rules of Procedure (ПОДНС), not seen in a payload; unknown rows are classified "other" and
never move the status.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

PUBLIC_SITE = "https://www.parliament.bg"


def bill_public_url(bill_id: int | str) -> str:
    """The bill's public page (the SPA route `/bg/bills/ID/{L_Act_id}`, research notes §web pages),
    whatever base URL the crawl used: what a journalist can open, never the JSON API."""
    return f"{PUBLIC_SITE}/bg/bills/ID/{bill_id}"


class Initiator(StrEnum):
    """Who brought the bill in (Constitution art. 87(1)); values are the stored codes."""

    COUNCIL_OF_MINISTERS = "council_of_ministers"
    MPS = "mps"
    COMMITTEE = "committee"
    MIXED = "mixed"
    UNKNOWN = "unknown"

    @property
    def bg(self) -> str:
        return _INITIATOR_LABELS[self][0]

    @property
    def en(self) -> str:
        return _INITIATOR_LABELS[self][1]

    def label(self, lang: str = "bg") -> str:
        return self.en if lang == "en" else self.bg


_INITIATOR_LABELS = {
    Initiator.COUNCIL_OF_MINISTERS: ("Министерски съвет", "Council of Ministers"),
    Initiator.MPS: ("народни представители", "Members of Parliament"),
    Initiator.COMMITTEE: ("постоянна комисия", "parliamentary committee"),
    Initiator.MIXED: ("Министерски съвет и народни представители", "Council of Ministers and MPs"),
    Initiator.UNKNOWN: ("неустановен вносител", "initiator not established"),
}


class BillStatus(StrEnum):
    """How far a bill got (derive_status); values are the stored codes."""

    SUBMITTED = "submitted"
    IN_COMMITTEE = "in_committee"
    FIRST_READING_PASSED = "first_reading_passed"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    # Never stored: a bill still pending when its National Assembly's term ended lapsed with it
    # (reports derive it, so such a bill is not counted as "stalled").
    LAPSED = "lapsed"

    @property
    def bg(self) -> str:
        return _STATUS_LABELS[self][0]

    @property
    def en(self) -> str:
        return _STATUS_LABELS[self][1]

    def label(self, lang: str = "bg") -> str:
        return self.en if lang == "en" else self.bg


_STATUS_LABELS = {
    BillStatus.SUBMITTED: ("внесен", "submitted"),
    BillStatus.IN_COMMITTEE: ("в комисия", "in committee"),
    BillStatus.FIRST_READING_PASSED: ("приет на първо четене", "passed at first reading"),
    BillStatus.ADOPTED: ("приет", "adopted"),
    BillStatus.REJECTED: ("отхвърлен", "rejected"),
    BillStatus.WITHDRAWN: ("оттеглен", "withdrawn"),
    BillStatus.MERGED: ("обединен с друг законопроект", "merged into another bill"),
    BillStatus.LAPSED: ("отпаднал с края на мандата на Народното събрание", "lapsed with the end of the Assembly's term"),
}


def label(enum_type: type[StrEnum], value: str | None, lang: str = "bg") -> str:
    """The label of a stored code in `lang`; a value outside the vocabulary is shown as it is,
    so a new code from a source is visible rather than hidden."""
    if value is None:
        return "—"
    try:
        return enum_type(value).label(lang)  # type: ignore[attr-defined]
    except ValueError:
        return value


STATUSES = tuple(s.value for s in BillStatus if s is not BillStatus.LAPSED)  # the stored ones
# Final statuses: the bill cannot move any more (a merged bill lives on in the bill it was merged into,
# but the brief's "open" excludes only these three).
FINAL_STATUSES = ("adopted", "rejected", "withdrawn")
INITIATORS = tuple(i.value for i in Initiator)

# Importer class in the signature ([NA-]YII-TT-N): 02 Council of Ministers (confirmed by S1 against
# stenograms), 54 MPs, 53/55 committees and unified bills (inferred from real samples).
COUNCIL_CODE = "02"
MP_CODE = "54"
COMMITTEE_CODES = ("53", "55")
COUNCIL_BODY_ID = 6167  # A_ns_C_id of Министерски съвет in imp_list_min (hard-coded in the API server)

_PASSED = ("приет",)
_REJECTED = ("отхвърлен", "неприет")
_WITHDRAWN = ("оттеглен",)


@dataclass(frozen=True)
class StageRow:
    """The part of a chronology row the status needs."""

    date: dt.date | None
    stage: str | None  # L_Act_St2_name
    event: str | None  # L_Act_St_name


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def classify_stage(stage: str | None, event: str | None) -> str:
    """One of: committee_passed, committee_rejected, committee_other, {first,second,both}_reading_
    {scheduled,debated,passed,rejected}, withdrawn, veto, other."""
    s, e = _norm(stage), _norm(event)
    if any(w in e or w in s for w in _WITHDRAWN):
        return "withdrawn"
    if "вето" in s or "повторно" in s:
        return "veto"
    if e.startswith(_REJECTED):
        outcome = "rejected"
    elif e.startswith(_PASSED):
        outcome = "passed"
    elif e.startswith("внесен"):
        outcome = "scheduled"
    elif e.startswith("обсъжд"):
        outcome = "debated"
    else:
        outcome = None
    if s.startswith("комиси"):
        if outcome == "passed":
            return "committee_passed"
        if outcome == "rejected":
            return "committee_rejected"
        return "committee_other"
    if s.startswith("зала") and outcome is not None:
        if "първо и второ" in s:
            return f"both_readings_{outcome}"
        if "първо" in s:
            return f"first_reading_{outcome}"
        if "второ" in s:
            return f"second_reading_{outcome}"
    return "other"


# What a classified row does to the status (None: nothing).
_STATUS_OF = {
    "committee_passed": "in_committee",
    "committee_rejected": "in_committee",  # the plenary still votes on a negative report
    "committee_other": "in_committee",
    "first_reading_passed": "first_reading_passed",
    "first_reading_rejected": "rejected",
    "second_reading_passed": "adopted",
    "second_reading_rejected": "rejected",
    "both_readings_passed": "adopted",
    "both_readings_rejected": "rejected",
    "withdrawn": "withdrawn",
}
_RANK = {"submitted": 0, "in_committee": 1, "first_reading_passed": 2}


@dataclass(frozen=True)
class Status:
    status: str
    date: dt.date | None


def derive_status(
    stages: Sequence[StageRow],
    *,
    submitted_on: dt.date | None = None,
    has_committees: bool = False,
    withdrawn: bool = False,
    merged: bool = False,
    adopted_on: dt.date | None = None,
    dv_issue: str | None = None,
) -> Status:
    """The status of a bill from its chronology rows (in source order) and bill-level flags."""
    status, date = ("in_committee" if has_committees else "submitted"), submitted_on
    # Stable sort: rows of one day keep the source's order (внесен, обсъждане, приет).
    ordered = sorted(enumerate(stages), key=lambda p: (p[1].date or dt.date.min, p[0]))
    for _, row in ordered:
        target = _STATUS_OF.get(classify_stage(row.stage, row.event))
        if target is None:
            continue
        if target in _RANK and status in _RANK and _RANK[target] < _RANK[status]:
            continue  # a committee row after the first reading does not move the bill back
        if target in _RANK and status not in _RANK and status != "rejected":
            continue  # nothing follows adoption or withdrawal but further formal rows
        status, date = target, row.date or date
    last_date = next((r.date for _, r in reversed(ordered) if r.date), None)
    if withdrawn:
        return Status("withdrawn", date if status == "withdrawn" else last_date)
    if adopted_on is not None or dv_issue:
        return Status("adopted", adopted_on or (date if status == "adopted" else last_date))
    if merged:
        return Status("merged", last_date or submitted_on)
    return Status(status, date)


def importer_code(signature: str | None) -> str | None:
    """The importer class of a signature: "52-602-01-43" -> "02", "502-01-81" -> "02"."""
    parts = (signature or "").strip().split("-")
    head = parts[1] if len(parts) == 4 else parts[0] if len(parts) == 3 else ""
    return head[1:] if len(head) == 3 and head.isdigit() else None


def derive_initiator(*, mp_count: int, council: bool, signature: str | None) -> str:
    """council_of_ministers | mps | committee | mixed | unknown.

    An empty `imp_list` alone does not mean the government (S1); `imp_list_min` or the
    signature's importer code 02 does.
    """
    code = importer_code(signature)
    by_council = council or code == COUNCIL_CODE
    if by_council and mp_count:
        return "mixed"
    if by_council:
        return "council_of_ministers"
    if mp_count or code == MP_CODE:
        return "mps"
    if code in COMMITTEE_CODES:
        return "committee"
    return "unknown"


def is_final(status: str) -> bool:
    return status in FINAL_STATUSES


def stage_rows(rows: Iterable[tuple[dt.date | None, str | None, str | None]]) -> list[StageRow]:
    return [StageRow(d, s, e) for d, s, e in rows]
