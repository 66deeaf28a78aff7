"""Status, stage classes and initiator, as tables of chronology rows -> result."""
from __future__ import annotations

import datetime as dt

import pytest

from core.parliament import StageRow, classify_stage, derive_initiator, derive_status, importer_code

D = dt.date
SUBMITTED = D(2026, 1, 5)


@pytest.mark.parametrize(
    ("stage", "event", "cls"),
    [
        ("комисии първо гласуване", "приет", "committee_passed"),
        ("комисии първо гласуване", "отхвърлен", "committee_rejected"),
        ("комисии второ гласуване", "обсъждане", "committee_other"),
        ("зала първо гласуване", "внесен", "first_reading_scheduled"),
        ("зала първо гласуване", "обсъждане", "first_reading_debated"),
        ("зала първо гласуване", "приет", "first_reading_passed"),
        ("зала първо гласуване", "отхвърлен", "first_reading_rejected"),
        ("зала второ гласуване", "приет", "second_reading_passed"),
        ("зала първо и второ гласуване", "приет", "both_readings_passed"),
        ("зала първо гласуване", "оттеглен", "withdrawn"),
        ("зала повторно гласуване", "приет", "veto"),
        ("нещо ново", "приет", "other"),
        (None, None, "other"),
        ("  Зала  Първо гласуване ", "Приет", "first_reading_passed"),
    ],
)
def test_classify_stage(stage, event, cls):
    assert classify_stage(stage, event) == cls


def rows(*spec):
    return [StageRow(d, s, e) for d, s, e in spec]


C1 = ("комисии първо гласуване", "приет")
H1_IN = ("зала първо гласуване", "внесен")
H1_OK = ("зала първо гласуване", "приет")
H1_NO = ("зала първо гласуване", "отхвърлен")
C2 = ("комисии второ гласуване", "приет")
H2_DEB = ("зала второ гласуване", "обсъждане")
H2_OK = ("зала второ гласуване", "приет")
WD = ("зала първо гласуване", "оттеглен")

# (stages as (day, (stage, event)), flags, expected status, expected date)
TABLE = [
    ([], {}, "submitted", SUBMITTED),
    ([], {"has_committees": True}, "in_committee", SUBMITTED),
    ([(D(2026, 1, 20), C1)], {}, "in_committee", D(2026, 1, 20)),
    ([(D(2026, 1, 20), C1), (D(2026, 2, 1), H1_IN)], {}, "in_committee", D(2026, 1, 20)),
    ([(D(2026, 1, 20), C1), (D(2026, 2, 1), H1_IN), (D(2026, 2, 1), H1_OK)], {}, "first_reading_passed", D(2026, 2, 1)),
    # a committee's second-reading row does not move the bill back to "in committee"
    ([(D(2026, 2, 1), H1_OK), (D(2026, 2, 20), C2)], {}, "first_reading_passed", D(2026, 2, 1)),
    ([(D(2026, 2, 1), H1_OK), (D(2026, 2, 20), C2), (D(2026, 3, 4), H2_DEB), (D(2026, 3, 4), H2_OK)], {}, "adopted", D(2026, 3, 4)),
    ([(D(2026, 1, 20), C1), (D(2026, 2, 1), H1_NO)], {}, "rejected", D(2026, 2, 1)),
    # S2 reads a rejection only as the last word: later progress wins
    ([(D(2026, 2, 1), H1_NO), (D(2026, 2, 8), H1_OK)], {}, "first_reading_passed", D(2026, 2, 8)),
    ([(D(2026, 1, 20), WD)], {}, "withdrawn", D(2026, 1, 20)),
    ([(D(2026, 1, 20), C1)], {"withdrawn": True}, "withdrawn", D(2026, 1, 20)),
    ([(D(2026, 1, 20), C1)], {"merged": True}, "merged", D(2026, 1, 20)),
    # ДВ data or an adoption date make a bill adopted whatever rows are missing
    ([(D(2026, 2, 1), H1_OK)], {"dv_issue": "27"}, "adopted", D(2026, 2, 1)),
    ([(D(2026, 2, 1), H1_OK)], {"adopted_on": D(2026, 3, 4)}, "adopted", D(2026, 3, 4)),
    # rows of one day keep the source's order; rows out of date order are sorted by date
    ([(D(2026, 3, 4), H2_OK), (D(2026, 2, 1), H1_OK)], {}, "adopted", D(2026, 3, 4)),
    # after adoption a formal row does not reopen the bill
    ([(D(2026, 3, 4), H2_OK), (D(2026, 3, 10), C1)], {}, "adopted", D(2026, 3, 4)),
    ([(None, ("нещо", "друго"))], {}, "submitted", SUBMITTED),
]


@pytest.mark.parametrize(("spec", "flags", "status", "date"), TABLE)
def test_status_table(spec, flags, status, date):
    got = derive_status(rows(*[(d, s, e) for d, (s, e) in spec]), submitted_on=SUBMITTED, **flags)
    assert (got.status, got.date) == (status, date)


@pytest.mark.parametrize(
    ("signature", "code"),
    [("52-602-01-43", "02"), ("51-554-01-169", "54"), ("51-553-19-14", "53"), ("502-01-81", "02"), ("002-01-76", "02"), ("754-01-50", "54"), ("", None), ("abc", None)],
)
def test_importer_code(signature, code):
    assert importer_code(signature) == code


@pytest.mark.parametrize(
    ("mps", "council", "signature", "initiator"),
    [
        (0, True, "52-602-01-43", "council_of_ministers"),
        (0, False, "52-602-01-43", "council_of_ministers"),  # code 02 alone
        (4, False, "51-554-01-169", "mps"),
        (0, False, "51-553-19-14", "committee"),
        (0, False, "49-355-01-1", "committee"),
        (2, True, "52-602-01-1", "mixed"),
        (0, False, "51-554-01-1", "mps"),
        (0, False, "xx", "unknown"),
    ],
)
def test_initiator(mps, council, signature, initiator):
    assert derive_initiator(mp_count=mps, council=council, signature=signature) == initiator
