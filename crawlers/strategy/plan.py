"""What an incremental strategy.bg crawl must (re)read, decided from what is stored.

- A consultation never seen, or whose dates in the list differ from ours (an extended
  deadline), is read.
- Consultations that are open, or closed within the last `revisit_days` (90), are re-read
  every run: deadlines get extended and the справка on the received proposals appears after
  closing.
- A closed consultation of a law keeps being re-read after that, once a week, until the bill
  it became is settled (adopted, rejected, withdrawn or merged, through a non-rejected link) or
  LAW_HORIZON_DAYS (730) after it closed: the справка may be uploaded any time after closing and
  the list has no `updated_at` (research notes §4.2), and ЗНА чл. 26, ал. 5 wants it before the
  act is adopted. Two years bound it: a government bill reaches the Assembly within months of
  its consultation (research notes §5: 1–6 months), and one still unsettled two years on has
  usually lapsed with the Assembly's term. The weekly slot is spread over the week by id, so the
  nightly cost is a seventh of that set (bench/revisit_cost.py prints it at the real pace).
- Everything else is settled and skipped.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.strategy.items import ConsultationStub
from core import strategy as V
from db.models import Bill, Consultation, CouncilAct, InitiativeLink

REVISIT_DAYS = 90
LAW_HORIZON_DAYS = 730
LAW_REVISIT_EVERY_DAYS = 7
SETTLED_BILL_STATUSES = frozenset({"adopted", "rejected", "withdrawn", "merged"})  # core.parliament.BillStatus


# A closed consultation without a справка file has its page read for a message at most this often.
PAGE_RECHECK_DAYS = 7


@dataclass(frozen=True)
class Stored:
    date_open: dt.date | None
    date_close: dt.date | None
    message_on: dt.date | None = None  # the справка message's date, when one was read
    page_checked_on: dt.date | None = None  # the page was last read for the справка that day
    is_law: bool = False  # a consultation on a draft law (act type 1, „Закон“)
    bill_settled: bool = False  # its linked bill is adopted, rejected, withdrawn or merged


def load_consultations(session: Session) -> dict[int, Stored]:
    rows = session.execute(
        select(Consultation.id, Consultation.date_open, Consultation.date_close, Consultation.spravka_message_on,
               Consultation.page_checked_at, Consultation.act_type_id, Consultation.act_type)
    )  # fmt: skip
    settled = set(
        session.scalars(
            select(InitiativeLink.target_id)
            .join(Bill, Bill.id == InitiativeLink.bill_id)
            .where(InitiativeLink.target_type == "consultation", InitiativeLink.status != "rejected",
                   Bill.status.in_(SETTLED_BILL_STATUSES))
        )
    )  # fmt: skip
    return {
        cid: Stored(o, c, m, p.date() if p else None, is_law=(tid == V.ACT_LAW or name == V.ACT_TYPES[V.ACT_LAW]), bill_settled=cid in settled)
        for cid, o, c, m, p, tid, name in rows
    }


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


def revisits(
    stored: dict[int, Stored],
    *,
    today: dt.date,
    revisit_days: int = REVISIT_DAYS,
    law_horizon_days: int = LAW_HORIZON_DAYS,
    law_every_days: int = LAW_REVISIT_EVERY_DAYS,
) -> list[int]:
    """Stored consultations still open, or closed within `revisit_days`, and tonight's share of the
    closed laws whose bill is not settled within `law_horizon_days` (newest first)."""
    horizon = today - dt.timedelta(days=revisit_days)
    law_horizon = today - dt.timedelta(days=law_horizon_days)
    due = []
    for cid, s in stored.items():
        if s.date_close is None:
            continue
        if s.date_close >= horizon:
            due.append(cid)
        elif s.is_law and not s.bill_settled and s.date_close >= law_horizon and (cid + today.toordinal()) % law_every_days == 0:
            due.append(cid)
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
