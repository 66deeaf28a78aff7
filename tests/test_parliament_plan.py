"""What a parliament crawl reads: months, skips of settled bills, re-reads, act texts; Retry-After."""
from __future__ import annotations

import datetime as dt

import pytest

from crawlers.middlewares import retry_after_seconds
from crawlers.parliament.plan import StoredBill, months_to_list, needs_act_text, rereads, skip_listed

TODAY = dt.date(2026, 1, 15)
NOW = dt.datetime(2026, 1, 15, 12, 0)


def test_default_months_are_previous_and_current():
    assert months_to_list(today=TODAY) == [(2025, 12), (2026, 1)]
    assert months_to_list(today=dt.date(2026, 9, 30)) == [(2026, 8), (2026, 9)]


def test_since_until_and_explicit_months():
    assert months_to_list(since="2025-11", today=TODAY) == [(2025, 11), (2025, 12), (2026, 1)]
    assert months_to_list(since="2025-09", until="2025-10", today=TODAY) == [(2025, 9), (2025, 10)]
    assert months_to_list(months="2026-09, 2025-09,2026-09", today=TODAY) == [(2025, 9), (2026, 9)]
    assert months_to_list(since="1999-05", until="2001-02", today=TODAY) == [(2001, 1), (2001, 2)]  # lists begin in 2001
    assert len(months_to_list(since="2001-01", today=TODAY)) == 25 * 12 + 1


@pytest.mark.parametrize("bad", ["2026-13", "2026/09", "26-09", "", "2026-0"])
def test_bad_months_are_clear_errors(bad):
    with pytest.raises(ValueError, match="YYYY-MM"):
        months_to_list(since=bad or "x", today=TODAY)


def stored(status, assembly=52, days_ago=1.0, act=False, dv=(None, None)):
    return StoredBill(status, assembly, NOW - dt.timedelta(days=days_ago), dv, dv if act else None)


@pytest.mark.parametrize(
    ("bill", "skip"),
    [
        (None, False),  # never read
        (stored("rejected"), True),
        (stored("withdrawn"), True),
        (stored("adopted", act=True), True),
        (stored("adopted", act=False), False),  # the promulgated text is still missing
        (stored("in_committee"), False),  # open bills of the current assembly are always read when listed
        (stored("in_committee", assembly=51), True),  # a past assembly's pending bill lapsed
        (stored("rejected", days_ago=7), False),  # settled but not read for a week: read again
    ],
)
def test_skip_listed(bill, skip):
    assert skip_listed(bill, current_assembly=52, now=NOW, reread_days=6) is skip


def test_rereads_are_open_bills_of_the_assembly_oldest_first_capped():
    bills = {
        1: stored("in_committee", days_ago=10),
        2: stored("first_reading_passed", days_ago=30),
        3: stored("in_committee", days_ago=2),  # read lately
        4: stored("adopted", days_ago=40, act=True),  # final
        5: stored("adopted", days_ago=40, act=False),  # adopted, text still missing
        6: stored("in_committee", assembly=51, days_ago=50),  # another assembly
        7: stored("submitted", days_ago=8),
        8: stored("merged", days_ago=9),
    }
    assert rereads(bills, assembly=52, now=NOW, reread_days=6, limit=10) == [5, 2, 1, 8, 7]
    assert rereads(bills, assembly=52, now=NOW, reread_days=6, limit=2) == [5, 2]
    assert rereads(bills, assembly=None, now=NOW, reread_days=6, limit=10) == []


def test_act_text_needed_when_missing_or_dv_changed():
    bills = {1: stored("adopted", act=True, dv=("27", 2026)), 2: stored("adopted")}
    assert needs_act_text(1, ("27", 2026), bills) is False
    assert needs_act_text(1, ("28", 2026), bills) is True
    assert needs_act_text(2, ("27", 2026), bills) is True
    assert needs_act_text(3, ("27", 2026), bills) is True


@pytest.mark.parametrize(
    ("header", "seconds"),
    [(b"120", 120.0), ("7", 7.0), (b"Wed, 21 Oct 2015 07:28:10 GMT", 10.0), (b"soon", None), (None, None), (b"", None)],
)
def test_retry_after(header, seconds):
    now = dt.datetime(2015, 10, 21, 7, 28, 0, tzinfo=dt.timezone.utc).timestamp()
    assert retry_after_seconds(header, now=now) == seconds
