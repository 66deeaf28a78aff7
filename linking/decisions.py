"""Staff decisions on links: confirm or reject, with who and why.

A decision is final for the linker: later runs never change a confirmed or rejected link,
never propose a rejected pair again, and propose nothing else of that kind for a bill
whose link was confirmed.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.orm import Session

from db.models import Initiative, InitiativeLink, utcnow
from core.errors import LexwatchError, UsageError
from linking.model import BILL

DECISIONS = ("confirmed", "rejected")


def decide_link(session: Session, link_id: int, decision: str, *, by: str, note: str | None = None,
                now: dt.datetime | None = None) -> InitiativeLink:
    """Record a staff decision on one link. Confirming a link drops the other automatic
    (proposed / review) links of the same bill to the same kind of target: staff chose."""
    if decision not in DECISIONS:
        raise UsageError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    by = (by or "").strip()
    if not by:
        raise UsageError("--by NAME is required: a staff decision records who made it")
    link = session.get(InitiativeLink, link_id)
    if link is None:
        raise LexwatchError(f"no link with id {link_id}")
    if link.target_type == BILL:
        raise LexwatchError(f"link {link_id} records a merge of bills on parliament.bg; it is not a proposal to decide")
    now = now or utcnow()
    link.status, link.decided_by, link.decided_at, link.updated_at = decision, by, now, now
    if note is not None:
        link.note = note
    if decision == "confirmed":
        session.execute(delete(InitiativeLink).where(
            InitiativeLink.bill_id == link.bill_id, InitiativeLink.target_type == link.target_type,
            InitiativeLink.id != link.id, InitiativeLink.status.in_(("proposed", "review"))))
    if link.initiative_id is not None:
        initiative = session.get(Initiative, link.initiative_id)
        if initiative is not None:
            initiative.updated_at = now
    session.flush()
    return link
