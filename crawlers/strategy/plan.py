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


# A closed consultation without a справка file has its page read for a message at most this often.
PAGE_RECHECK_DAYS = 7


@dataclass(frozen=True)
class Stored:
    date_open: dt.date | None
    date_close: dt.date | None
    message_on: dt.date | None = None  # the справка message's date, when one was read
    page_checked_on: dt.date | None = None  # the page was last read for the справка that day


def load_consultations(session: Session) -> dict[int, Stored]:
    rows = session.execute(
        select(Consultation.id, Consultation.date_open, Consultation.date_close, Consultation.spravka_message_on,
               Consultation.page_checked_at)
    )  # fmt: skip
    return {cid: Stored(o, c, m, p.date() if p else None) for cid, o, c, m, p in rows}


def needs_message_check(stored: Stored | None, *, date_close: dt.date, has_spravka_file: bool, today: dt.date) -> bool:
    """Read the page for a справка message? Only a closed consultation with no справка file and
    no message read yet, and not if the page was read in the last PAGE_RECHECK_DAYS days."""
    if has_spravka_file or date_close >= today:
        return False
    if stored is None:
        return True
    if stored.message_on is not None:
        return False
    return stored.page_checked_on is None or (today - stored.page_checked_on).days >= PAGE_RECHECK_DAYS


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
