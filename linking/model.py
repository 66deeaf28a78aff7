"""What the matcher reads and what it returns: plain records, no database.

build.py fills the inputs from the database (load.py); `engine.propose` turns them into
proposals; write.py stores the proposals as links.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from core.parliament import Initiator, derive_initiator
from core.review import LinkFlag, LinkStatus, LinkTarget

# The kinds of a link's target and the INIT-03 flag, as the database stores them (plain strings:
# they go into evidence JSON and SQL parameters as they always did).
CONSULTATION = LinkTarget.CONSULTATION.value
COUNCIL_ACT = LinkTarget.COUNCIL_ACT.value
BILL = LinkTarget.BILL.value
MP_FLAG = LinkFlag.MP_BILL_MATCHES_MINISTRY_DRAFT.value
# A link's statuses: the linker's own, which a run may rewrite, and staff's, which it never changes.
AUTOMATIC = (LinkStatus.PROPOSED.value, LinkStatus.REVIEW.value)
STAFF = (LinkStatus.CONFIRMED.value, LinkStatus.REJECTED.value)


@dataclass(frozen=True)
class Statement:
    """What a bill's documents say about its consultation (texts.documents.consultation_refs):
    the sentence as written, the period it states and the consultation it names, if any."""

    sentence: str
    date_open: dt.date | None = None
    date_close: dt.date | None = None
    consultation_id: int | None = None


@dataclass(frozen=True)
class BillIn:
    id: int
    title: str
    submitted_on: dt.date | None
    initiator: str | None  # core.parliament.Initiator's codes
    signature: str = ""
    lead_committee: str | None = None
    explicit_consultations: tuple[int, ...] = ()  # consultation ids referenced in its documents
    merge_group: int | None = None  # the primary bill of its group of merged bills (its own id if not merged)
    statements: tuple[Statement, ...] = ()  # its documents' sentences on its consultation
    text_sig: bytes | None = None  # MinHash signature of its text (crawlers/documents/signature.py)


def regime(bill: BillIn) -> Initiator | None:
    """The regime a bill is linked under (linking/regimes/): COUNCIL_OF_MINISTERS for the
    government's bills (a mixed one has the Council among its importers), MPS for MPs' bills,
    None for committees' bills and bills whose initiator is not known. An unknown initiator is
    read from the signature's importer class."""
    initiator = bill.initiator
    if initiator in (None, "", Initiator.UNKNOWN):
        initiator = derive_initiator(mp_count=0, council=False, signature=bill.signature)
    if initiator in (Initiator.COUNCIL_OF_MINISTERS, Initiator.MIXED):
        return Initiator.COUNCIL_OF_MINISTERS
    if initiator == Initiator.MPS:
        return Initiator.MPS
    return None


@dataclass(frozen=True)
class ConsultationIn:
    id: int
    reg_num: str
    title: str
    act_type: str | None = None
    law_name: str | None = None
    institution_name: str | None = None
    date_open: dt.date | None = None
    date_close: dt.date | None = None
    pris_id: int | None = None
    text_sig: bytes | None = None  # MinHash signature of its draft act („Проект на акт“)


@dataclass(frozen=True)
class DecisionIn:
    id: int
    doc_date: dt.date | None
    title: str  # the bill title between the slashes, or the whole `about`
    importer: str | None = None
    public_consultation_number: str | None = None
    approves_bill: bool = False


@dataclass
class Fixed:
    """What the run must respect: staff decisions and links of bills not re-linked now."""

    confirmed: dict[tuple[int, str], int] = field(default_factory=dict)  # (bill, target_type) -> target
    rejected: set[tuple[int, str, int]] = field(default_factory=set)
    taken_by_com: dict[str, set[int]] = field(default_factory=dict)  # target_type -> targets
    taken_by_mp: set[int] = field(default_factory=set)  # consultations
    active: set[int] | None = None  # bills to (re)link; None = all


@dataclass
class Proposal:
    bill_id: int
    target_type: str
    target_id: int
    method: str
    score: float
    margin: float | None
    status: str  # proposed | review
    flag: str | None
    evidence: dict[str, Any]

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.bill_id, self.target_type, self.target_id)
