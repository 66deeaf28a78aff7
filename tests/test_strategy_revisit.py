"""The re-visit policy of closed consultations (crawlers.strategy.plan): open or closed within 90
days nightly; a closed law weekly until its bill is settled, for at most LAW_HORIZON_DAYS."""
from __future__ import annotations

import datetime as dt

from crawlers.strategy import plan
from db.engine import session_scope
from db.models import Bill, Consultation, InitiativeLink

TODAY = dt.date(2026, 11, 20)


def _stored(closed_days_ago: int, *, law: bool = True, settled: bool = False) -> plan.Stored:
    close = TODAY - dt.timedelta(days=closed_days_ago)
    return plan.Stored(close - dt.timedelta(days=30), close, is_law=law, bill_settled=settled)


def _nights(stored: dict[int, plan.Stored], days: int = 7) -> dict[int, int]:
    """How many of `days` consecutive nights each consultation is re-read."""
    seen = {cid: 0 for cid in stored}
    for k in range(days):
        for cid in plan.revisits(stored, today=TODAY + dt.timedelta(days=k)):
            seen[cid] += 1
    return seen


def test_recent_nightly_laws_weekly_until_settled_or_the_horizon():
    stored = {
        1: _stored(10, law=False),  # closed 10 days ago: every night (k days later still ≤ 90)
        2: _stored(200),  # a law closed 200 days ago, its bill pending: once a week
        3: _stored(200, settled=True),  # its bill adopted: never
        4: _stored(200, law=False),  # not a law: never after 90 days
        5: _stored(plan.LAW_HORIZON_DAYS + 10),  # beyond the horizon: never
        6: _stored(plan.LAW_HORIZON_DAYS - 30),  # just inside it: once a week
    }
    assert _nights(stored) == {1: 7, 2: 1, 3: 0, 4: 0, 5: 0, 6: 1}
    assert _nights(stored, 28)[2] == 4


def test_the_weekly_share_is_spread_over_the_week():
    stored = {cid: _stored(300) for cid in range(1000, 1700)}
    per_night = [len(plan.revisits(stored, today=TODAY + dt.timedelta(days=k))) for k in range(7)]
    assert sum(per_night) == 700 and max(per_night) == min(per_night) == 100


def test_load_consultations_reads_law_and_settled_bill(db_url):
    with session_scope(db_url) as s:
        for cid, act_type_id, act_type in ((1, 1, "Закон"), (2, None, "Закон"), (3, 3, "Акт на министър"), (4, 1, "Закон")):
            s.add(Consultation(id=cid, reg_num=f"{cid}-K", title="Проект", act_type_id=act_type_id, act_type=act_type,
                               date_open=dt.date(2025, 1, 1), date_close=dt.date(2025, 2, 1), source="api",
                               source_url="u", content_hash="h"))  # fmt: skip
        for bid, status in ((10, "adopted"), (11, "in_committee")):
            s.add(Bill(id=bid, signature=f"52-602-01-{bid}", title="Законопроект", initiator="council_of_ministers",
                       status=status, source_url="u", content_hash="h"))  # fmt: skip
        s.flush()
        s.add(InitiativeLink(bill_id=10, target_type="consultation", target_id=1, method="title_match", score=0.9, status="confirmed"))
        s.add(InitiativeLink(bill_id=10, target_type="consultation", target_id=4, method="title_match", score=0.9, status="rejected"))
        s.add(InitiativeLink(bill_id=11, target_type="consultation", target_id=2, method="title_match", score=0.9, status="proposed"))
    with session_scope(db_url) as s:
        got = plan.load_consultations(s)
    assert {cid: (st.is_law, st.bill_settled) for cid, st in got.items()} == {
        1: (True, True), 2: (True, False), 3: (False, False), 4: (True, False)}  # a rejected link does not settle
