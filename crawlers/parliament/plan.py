"""What a parliament crawl reads: the months to list, and which bills to (re-)read.

Incremental rules (S6's practice, see research §5):
- a listed bill is skipped when its stored record is *settled* and was read within
  PARLIAMENT_REREAD_DAYS: settled = withdrawn, rejected, adopted with its act text stored, or a
  bill of a past assembly that was not adopted (pending bills lapse when an assembly ends);
- open bills of the current assembly (and adopted ones still without act text) not read for
  PARLIAMENT_REREAD_DAYS are re-read, oldest first, at most PARLIAMENT_REREAD_MAX per run;
- an adopted bill's act text is fetched when none is stored or the bill's ДВ data changed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.parliament import FINAL_STATUSES
from db.models import ActText, Bill

FIRST_MONTH = (2001, 1)  # the monthly lists go back to 2001
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text: str) -> tuple[int, int]:
    """"2026-09" -> (2026, 9); ValueError with a readable message otherwise."""
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"not a month: {text!r} (expected YYYY-MM)")
    return int(m.group(1)), int(m.group(2))


def _next(ym: tuple[int, int]) -> tuple[int, int]:
    y, m = ym
    return (y + 1, 1) if m == 12 else (y, m + 1)


def month_range(start: tuple[int, int], end: tuple[int, int]) -> list[tuple[int, int]]:
    out, cur = [], max(start, FIRST_MONTH)
    while cur <= end:
        out.append(cur)
        cur = _next(cur)
    return out


def months_to_list(
    *, since: str | None = None, until: str | None = None, months: str | None = None, today: dt.date | None = None
) -> list[tuple[int, int]]:
    """Explicit `months` ("2025-09,2026-09"), else `since`..`until` (default: this month), else the
    previous and the current month."""
    today = today or dt.date.today()
    current = (today.year, today.month)
    if months:
        return sorted({parse_month(m) for m in months.split(",") if m.strip()})
    end = parse_month(until) if until else current
    if since:
        return month_range(parse_month(since), end)
    prev = (end[0] - 1, 12) if end[1] == 1 else (end[0], end[1] - 1)
    return month_range(prev, end)


@dataclass(frozen=True)
class StoredBill:
    status: str
    assembly: int | None
    last_fetched_at: dt.datetime
    dv: tuple[str | None, int | None]
    act_dv: tuple[str | None, int | None] | None  # None: no act text stored


def load_stored(session: Session) -> dict[int, StoredBill]:
    rows = session.execute(
        select(
            Bill.id, Bill.status, Bill.assembly, Bill.last_fetched_at, Bill.dv_issue, Bill.dv_year,
            ActText.bill_id, ActText.dv_issue, ActText.dv_year,
        ).outerjoin(ActText, ActText.bill_id == Bill.id)
    )  # fmt: skip
    return {
        r[0]: StoredBill(r[1], r[2], r[3], (r[4], r[5]), (r[7], r[8]) if r[6] is not None else None) for r in rows
    }


def is_settled(bill: StoredBill, current_assembly: int | None) -> bool:
    if bill.status in ("withdrawn", "rejected"):
        return True
    if bill.status == "adopted":
        return bill.act_dv is not None
    return current_assembly is not None and bill.assembly is not None and bill.assembly < current_assembly


def is_fresh(bill: StoredBill, now: dt.datetime, reread_days: float) -> bool:
    return bill.last_fetched_at >= now - dt.timedelta(days=reread_days)


def skip_listed(bill: StoredBill | None, *, current_assembly: int | None, now: dt.datetime, reread_days: float) -> bool:
    return bill is not None and is_settled(bill, current_assembly) and is_fresh(bill, now, reread_days)


def needs_act_text(bill_id: int, dv: tuple[str | None, int | None], stored: dict[int, StoredBill]) -> bool:
    prev = stored.get(bill_id)
    return prev is None or prev.act_dv is None or prev.act_dv != dv


def rereads(
    stored: dict[int, StoredBill], *, assembly: int | None, now: dt.datetime, reread_days: float, limit: int
) -> list[int]:
    """Open bills of `assembly` (and adopted ones without act text) not read for `reread_days`, oldest first."""
    if assembly is None or limit <= 0:
        return []
    due = [
        (b.last_fetched_at, bill_id)
        for bill_id, b in stored.items()
        if b.assembly == assembly
        and (b.status not in FINAL_STATUSES or (b.status == "adopted" and b.act_dv is None))
        and not is_fresh(b, now, reread_days)
    ]
    return [bill_id for _, bill_id in sorted(due)[:limit]]
