"""Minimal bill, consultation and ПРИС rows as the crawlers store them, for the linker's
tests and benchmark (the crawlers fill many more fields; the linker reads only these)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from core.parliament import COUNCIL_CODE, MP_CODE, Initiator
from db.models import Bill, BillCommittee, BillRelation, Consultation, CouncilAct, Document


def bill_row(
    bill_id: int,
    title: str,
    submitted_on: dt.date | None,
    initiator: str = "council_of_ministers",
    *,
    signature: str | None = None,
    merged_into_id: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    code = COUNCIL_CODE if initiator == Initiator.COUNCIL_OF_MINISTERS else MP_CODE
    return {
        "id": bill_id,
        "signature": signature or f"52-6{code}-01-{bill_id % 1000}",
        "title": title,
        "submitted_on": submitted_on,
        "initiator": initiator,
        "status": "submitted",
        "merged_into_id": merged_into_id,
        "source_url": f"https://www.parliament.bg/api/v1/bill/{bill_id}",
        "content_hash": "0" * 64,
        **extra,
    }


def add_bill(session: Session, bill_id: int, title: str, submitted_on: dt.date | None,
             initiator: str = "council_of_ministers", *, lead_committee: str | None = None,
             relations: list[tuple[str, int]] = (), **kw: Any) -> Bill:  # type: ignore[assignment]
    bill = Bill(**bill_row(bill_id, title, submitted_on, initiator, **kw))
    if lead_committee:
        bill.committees = [BillCommittee(position=0, name=lead_committee, role="водеща", is_lead=True)]
    bill.relations = [BillRelation(position=i, kind=kind, other_bill_id=other) for i, (kind, other) in enumerate(relations)]
    session.add(bill)
    return bill


def consultation_row(
    cid: int,
    title: str,
    date_open: dt.date | None,
    date_close: dt.date | None = None,
    *,
    act_type: str | None = "Закон",
    institution: str | None = None,
    law_name: str | None = None,
    pris_id: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": cid,
        "reg_num": f"{cid}-K",
        "title": title,
        "act_type": act_type,
        "institution_name": institution,
        "date_open": date_open,
        "date_close": date_close if date_close is not None else (date_open + dt.timedelta(days=30) if date_open else None),
        "law_name": law_name,
        "pris_id": pris_id,
        "source": "api",
        "source_url": f"https://strategy.bg/bg/public-consultations/{cid}",
        "content_hash": "0" * 64,
        **extra,
    }


def add_consultation(session: Session, cid: int, title: str, date_open: dt.date | None,
                     date_close: dt.date | None = None, **kw: Any) -> Consultation:
    row = Consultation(**consultation_row(cid, title, date_open, date_close, **kw))
    session.add(row)
    return row


def decision_row(pris_id: int, doc_date: dt.date | None, about: str, *, importer: str | None = None,
                 public_consultation_number: str | None = None, bill_title: str | None = None,
                 approves_bill: bool | None = None, **extra: Any) -> dict[str, Any]:
    approves = approves_bill if approves_bill is not None else "ЗАКОНОПРОЕКТ" in about.upper()
    return {
        "id": pris_id,
        "doc_date": doc_date,
        "act_type": "Решения",
        "about": about,
        "importer": importer,
        "public_consultation_number": public_consultation_number,
        "approves_bill": approves,
        "bill_title": bill_title,
        "source_url": f"https://strategy.bg/api/pris/{pris_id}",
        "content_hash": "0" * 64,
        **extra,
    }


def add_decision(session: Session, pris_id: int, doc_date: dt.date | None, about: str, **kw: Any) -> CouncilAct:
    row = CouncilAct(**decision_row(pris_id, doc_date, about, **kw))
    session.add(row)
    return row


def add_bill_document(session: Session, bill_id: int, text: str, *, analysis: dict[str, Any] | None = None,
                      url: str | None = None) -> Document:
    row = Document(owner_type="bill", owner_id=bill_id, url=url or f"https://www.parliament.bg/bills/{bill_id}/motives.pdf",
                   filename="motives.pdf", sha256=f"{bill_id:064d}", text=text, analysis=analysis, status="ok")
    session.add(row)
    return row
