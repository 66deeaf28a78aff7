"""What an incremental strategy.bg crawl must (re)read, decided from what is stored.

- A consultation never seen, or whose dates in the list differ from ours (an extended
  deadline), is read.
- Consultations that are open, or closed within the last `revisit_days` (90), are re-read
  every run: deadlines get extended and the справка on the received proposals appears after
  closing.
- Everything else is settled and skipped.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.strategy.items import ConsultationStub
from db.models import Consultation, CouncilAct

REVISIT_DAYS = 90


@dataclass(frozen=True)
class Stored:
    date_open: dt.date | None
    date_close: dt.date | None


def load_consultations(session: Session) -> dict[int, Stored]:
    rows = session.execute(select(Consultation.id, Consultation.date_open, Consultation.date_close))
    return {cid: Stored(o, c) for cid, o, c in rows}


def load_council_acts(session: Session) -> dict[int, dt.date | None]:
    return dict(session.execute(select(CouncilAct.id, CouncilAct.doc_date)).all())  # type: ignore[arg-type]


def revisits(stored: dict[int, Stored], *, today: dt.date, revisit_days: int = REVISIT_DAYS) -> list[int]:
    """Stored consultations still open, or closed within `revisit_days` (newest first)."""
    horizon = today - dt.timedelta(days=revisit_days)
    due = [cid for cid, s in stored.items() if s.date_close is not None and s.date_close >= horizon]
    return sorted(due, reverse=True)


def needs_detail(stub: ConsultationStub, stored: dict[int, Stored]) -> bool:
    have = stored.get(stub.id)
    if have is None:
        return True
    if stub.date_open is not None and stub.date_open != have.date_open:
        return True
    return stub.date_close is not None and stub.date_close != have.date_close


def default_since(stored: dict[int, Stored], *, today: dt.date) -> dt.date | None:
    """The list filter of an incremental run: None (list everything) on an empty database,
    else the consultations opened in the last 30 days (the feed covers the newest 100 too)."""
    if not stored:
        return None
    return today - dt.timedelta(days=30)
