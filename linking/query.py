"""Reading initiatives back: the data behind `lexwatch initiatives list/show`.

`show_initiative(session, ref)` returns plain JSON-ready dicts with stable keys, so other
areas (the criteria engine's latest evaluation, the review UI) can extend them.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Bill, Consultation, CouncilAct, Initiative, InitiativeLink
from core.errors import LexwatchError, UsageError
from linking.model import BILL, CONSULTATION, COUNCIL_ACT

STATUSES = ("review", "proposed", "confirmed", "unlinked")


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def initiative_status(links: list[InitiativeLink]) -> str:
    """review if any link to a consultation or decision awaits review, else proposed if any is
    automatic, else confirmed if staff confirmed one, else unlinked."""
    states = {lk.status for lk in links if lk.target_type != BILL and lk.status != "rejected"}
    for status in ("review", "proposed", "confirmed"):
        if status in states:
            return status
    return "unlinked"


def find_bill(session: Session, ref: str) -> Bill:
    """A bill by its parliament.bg id (L_Act_id) or signature (L_Act_sign, e.g. 52-602-01-43)."""
    ref = ref.strip()
    bill = session.get(Bill, int(ref)) if ref.isdigit() else None
    if bill is None:
        bill = session.scalars(select(Bill).where(Bill.signature == ref).order_by(Bill.id)).first()
    if bill is None:
        raise LexwatchError(f"no bill with id or signature {ref!r} in the database")
    return bill


def initiative_of(session: Session, bill: Bill) -> Initiative:
    init = session.scalars(select(Initiative).where(Initiative.bill_id == bill.id)).first()
    if init is None:
        iid = session.scalars(select(InitiativeLink.initiative_id).where(
            InitiativeLink.target_type == BILL, InitiativeLink.target_id == bill.id,
            InitiativeLink.initiative_id.is_not(None))).first()
        if iid is None:
            iid = session.scalars(select(InitiativeLink.initiative_id).where(
                InitiativeLink.bill_id == bill.id, InitiativeLink.initiative_id.is_not(None))).first()
        init = session.get(Initiative, iid) if iid is not None else None
    if init is None:
        raise LexwatchError(f"bill {bill.id} ({bill.signature}) has no initiative yet; run `lexwatch link`")
    return init


def link_dict(lk: InitiativeLink) -> dict[str, Any]:
    return {
        "id": lk.id,
        "bill_id": lk.bill_id,
        "target_type": lk.target_type,
        "target_id": lk.target_id,
        "method": lk.method,
        "score": lk.score,
        "margin": lk.margin,
        "status": lk.status,
        "flag": lk.flag,
        "evidence": lk.evidence or {},
        "decided_by": lk.decided_by,
        "decided_at": _iso(lk.decided_at),
        "note": lk.note,
    }


def _bill_dict(b: Bill, role: str) -> dict[str, Any]:
    return {
        "id": b.id, "signature": b.signature, "title": b.title, "submitted_on": _iso(b.submitted_on),
        "initiator": b.initiator, "status": b.status, "role": role, "source_url": b.source_url,
    }


def show_initiative(session: Session, ref: str) -> dict[str, Any]:
    """The initiative of a bill (by id or signature): its bills, consultations with reg_num,
    ПРИС decisions, and every link with method, score, margin, status and evidence."""
    bill = find_bill(session, ref)
    init = initiative_of(session, bill)
    links = list(session.scalars(select(InitiativeLink).where(InitiativeLink.initiative_id == init.id)
                                 .order_by(InitiativeLink.target_type, InitiativeLink.id)))
    primary = session.get(Bill, init.bill_id)
    bills = [_bill_dict(primary, "primary")] if primary is not None else []
    merged_ids = sorted({lk.target_id for lk in links if lk.target_type == BILL and lk.status != "rejected"})
    for b in session.scalars(select(Bill).where(Bill.id.in_(merged_ids)).order_by(Bill.id)):
        bills.append(_bill_dict(b, "merged"))
    by_target: dict[tuple[str, int], list[InitiativeLink]] = defaultdict(list)
    for lk in links:
        by_target[(lk.target_type, lk.target_id)].append(lk)

    cons_ids = sorted({t for tt, t in by_target if tt == CONSULTATION})
    consultations = []
    for c in session.scalars(select(Consultation).where(Consultation.id.in_(cons_ids)).order_by(Consultation.id)):
        consultations.append({
            "id": c.id, "reg_num": c.reg_num, "title": c.title, "act_type": c.act_type,
            "institution": c.institution_name, "date_open": _iso(c.date_open), "date_close": _iso(c.date_close),
            "duration_days": c.duration_days, "source_url": c.source_url,
            "links": [link_dict(lk) for lk in by_target[(CONSULTATION, c.id)]],
        })
    act_ids = sorted({t for tt, t in by_target if tt == COUNCIL_ACT})
    council_acts = []
    for a in session.scalars(select(CouncilAct).where(CouncilAct.id.in_(act_ids)).order_by(CouncilAct.id)):
        council_acts.append({
            "id": a.id, "doc_num": a.doc_num, "doc_date": _iso(a.doc_date), "about": a.about,
            "bill_title": a.bill_title, "importer": a.importer,
            "public_consultation_number": a.public_consultation_number, "source_url": a.source_url,
            "links": [link_dict(lk) for lk in by_target[(COUNCIL_ACT, a.id)]],
        })
    return {
        "initiative": {
            "id": init.id, "title": init.title, "initiator": init.initiator, "primary_bill_id": init.bill_id,
            "status": initiative_status(links), "created_at": _iso(init.created_at), "updated_at": _iso(init.updated_at),
        },
        "bill": _bill_dict(bill, "primary" if bill.id == init.bill_id else "merged"),
        "bills": bills,
        "consultations": consultations,
        "council_acts": council_acts,
        "links": [link_dict(lk) for lk in links],
    }


def list_initiatives(session: Session, *, status: str | None = None, flag: str | None = None,
                     initiators: tuple[str, ...] = (), limit: int | None = None) -> list[dict[str, Any]]:
    """One row per initiative, newest bill first, with what it is linked to."""
    if status is not None and status not in STATUSES:
        raise UsageError(f"--status must be one of {', '.join(STATUSES)}, not {status!r}")
    links: dict[int, list[InitiativeLink]] = defaultdict(list)
    for lk in session.scalars(select(InitiativeLink).where(InitiativeLink.initiative_id.is_not(None))):
        links[lk.initiative_id].append(lk)  # type: ignore[index]
    consultations = dict(session.execute(select(Consultation.id, Consultation.reg_num)).all())
    q = (select(Initiative, Bill).join(Bill, Bill.id == Initiative.bill_id)
         .order_by(Bill.submitted_on.desc(), Bill.id.desc()))
    if initiators:
        q = q.where(Initiative.initiator.in_(initiators))
    rows = []
    for init, bill in session.execute(q):
        lks = links.get(init.id, [])
        st = initiative_status(lks)
        flags = sorted({lk.flag for lk in lks if lk.flag and lk.status != "rejected"})
        if status is not None and st != status:
            continue
        if flag is not None and flag not in flags:
            continue
        live = [lk for lk in lks if lk.status != "rejected"]
        rows.append({
            "id": init.id, "bill_id": bill.id, "signature": bill.signature, "submitted_on": _iso(bill.submitted_on),
            "initiator": init.initiator, "title": init.title, "status": st,
            "consultations": sorted(consultations.get(lk.target_id, str(lk.target_id)) for lk in live if lk.target_type == CONSULTATION),
            "council_acts": sorted(lk.target_id for lk in live if lk.target_type == COUNCIL_ACT),
            "merged_bills": sorted(lk.target_id for lk in live if lk.target_type == BILL),
            "flags": flags,
        })
        if limit is not None and len(rows) >= limit:
            break
    return rows
