"""Survivors of the blind criteria/ mutation sample ("*6"), pinned on the smallest inputs that tell
them apart: a bill's documents are not a same-numbered consultation's, more than 1,000 owners of one
kind lose none of their documents, a veto row keeps its date, a second reading on the day of the
first vote is the second plenary, each reviewed flag kept is counted, and a composite score is
rounded to four places.
"""
from __future__ import annotations

import datetime as dt

from criteria import initiative as I
from criteria.assemble import _documents
from criteria.facts import Facts
from criteria.store import RunStats, evaluate_stored, sync_flag
from criteria.summary import Flag, scores
from criteria.thresholds import defaults
from db import models as M
from db.engine import session_scope
from test_criteria_assemble import T1, document
from test_criteria_facts import stage
from test_criteria_store import factory, plain_bills
from test_criteria_summary import CRITERIA, FAIL, PASS, SE, A, B, C, finding
from test_criteria_units import AS_OF

D = dt.date


# --------------------------------------------------------------------------- assemble: documents


def test_a_bill_gets_only_its_own_documents_not_those_of_a_consultation_with_the_same_id(sqlite_url):
    with session_scope(sqlite_url) as s:
        s.add_all([document("bill", 7, "https://www.parliament.bg/bills/50/7.pdf", "b", T1),
                   document("consultation", 7, "https://strategy.bg/d/7", "c", T1)])
        s.flush()
        bill_only = _documents(s, [("bill", 7)])
        cons_only = _documents(s, [("consultation", 7)])
    assert {k: [d.url for d in v] for k, v in bill_only.items()} == {
        ("bill", 7): ["https://www.parliament.bg/bills/50/7.pdf"]}
    assert {k: [d.url for d in v] for k, v in cons_only.items()} == {("consultation", 7): ["https://strategy.bg/d/7"]}


def test_the_documents_of_the_last_of_over_a_thousand_owners_are_read(sqlite_url):
    """1,100 bill owners in one call: read in chunks of 500 up to the last one (ids past 1,000 too)."""
    owners = [("bill", i) for i in range(1, 1101)]
    with session_scope(sqlite_url) as s:
        # only the documents are stored: owner_id is not a foreign key, the owners need no rows
        for bid in (1, 1000, 1100):
            s.add(document("bill", bid, f"https://www.parliament.bg/bills/50/{bid}.pdf", str(bid), T1))
        s.flush()
        docs = _documents(s, owners)
    assert sorted(docs) == [("bill", 1), ("bill", 1000), ("bill", 1100)]
    assert [d.url for d in docs[("bill", 1100)]] == ["https://www.parliament.bg/bills/50/1100.pdf"]


# --------------------------------------------------------------------------- facts


def of(*stages: I.Stage) -> Facts:
    bill = I.Bill(id=1, signature="s", title="t", initiator="mps", status="adopted", submitted_on=None,
                  stages=list(stages))
    return Facts(I.Initiative(bills=[bill]), defaults(), D(2026, 11, 1))


def test_a_veto_row_is_recorded_with_its_date():
    # the veto rows are read by DV-01 (promulgation.py, through Facts._votes): each one keeps its date
    f = of(stage(D(2024, 4, 10), "first_reading_passed"), stage(D(2024, 5, 8), "second_reading_passed"),
           stage(D(2024, 5, 20), "veto"))
    assert f._votes["veto"] == [D(2024, 5, 20)]
    assert of(stage(D(2024, 4, 10), "first_reading_passed"))._votes["veto"] == []


def test_a_second_reading_on_the_day_of_the_first_vote_is_the_second_plenary():
    # the National Assembly sometimes debates the second reading at the sitting that passed the first
    day = D(2024, 4, 10)
    f = of(stage(day, "first_reading_passed"), stage(day, "second_reading_debated"))
    assert (f.first_vote, f.second_plenary) == (day, day)


# --------------------------------------------------------------------------- store: review flags


def test_each_reviewed_flag_kept_in_a_run_is_counted(sqlite_url):
    ids = plain_bills(sqlite_url, 1, 2)
    evaluate_stored(factory(sqlite_url), defaults(), as_of=AS_OF)
    at = dt.datetime(2030, 1, 1)
    with session_scope(sqlite_url) as s:
        evs = {e.initiative_id: e.id for e in s.query(M.Evaluation)}
        for ini_id, status in ((ids[1], "confirmed"), (ids[2], "dismissed")):
            s.add(M.ReviewFlag(initiative_id=ini_id, evaluation_id=evs[ini_id], severity="low", status=status,
                               reasons=[{"criterion": "NA-03", "verdict": "WARN"}], created_at=at, updated_at=at))
    stats = RunStats()
    with session_scope(sqlite_url) as s:
        for ini_id in (ids[1], ids[2]):
            sync_flag(s, ini_id, evs[ini_id], Flag("low", (("NA-03", "WARN", "C2/P"),)), stats)
    assert stats == RunStats(flags_kept_reviewed=2)


# --------------------------------------------------------------------------- summary


def test_a_composite_score_of_one_third_is_rounded_to_four_places():
    # stakeholder engagement: systematic adoption 1, methodology 0, transparency 0 -> 1/3 over three categories
    _, comp = scores([finding(A, PASS), finding(B, FAIL), finding(C, FAIL)], CRITERIA)
    se = comp[SE]
    assert [c["score"] for c in se["categories"].values()] == [1.0, 0.0, 0.0, None]
    assert (se["score"], se["total"], se["scored"]) == (0.3333, None, 3)


def test_a_new_flag_is_opened_with_one_moment_for_created_and_updated(sqlite_url):
    ini_id = plain_bills(sqlite_url, 1)[1]
    evaluate_stored(factory(sqlite_url), defaults(), as_of=AS_OF)
    stats = RunStats()
    with session_scope(sqlite_url) as s:
        ev = s.query(M.Evaluation).one()
        sync_flag(s, ini_id, ev.id, Flag("low", (("NA-03", "WARN", "C2/P"),)), stats)
    with session_scope(sqlite_url) as s:
        flag = s.query(M.ReviewFlag).one()
        assert flag.status == "open" and flag.created_at is not None and flag.updated_at == flag.created_at
    assert stats == RunStats(flags_opened=1)


def test_the_latest_flag_is_the_newest_created_not_the_last_stored(sqlite_url):
    """A flag stored later but created earlier (an imported one) does not hide the newer open flag."""
    ini_id = plain_bills(sqlite_url, 1)[1]
    evaluate_stored(factory(sqlite_url), defaults(), as_of=AS_OF)
    reasons = [{"criterion": "NA-03", "verdict": "WARN"}]
    with session_scope(sqlite_url) as s:
        ev = s.query(M.Evaluation).one().id
        for status, at in (("open", dt.datetime(2030, 1, 1)), ("dismissed", dt.datetime(2020, 1, 1))):
            s.add(M.ReviewFlag(initiative_id=ini_id, evaluation_id=ev, severity="low", status=status, reasons=reasons,
                               created_at=at, updated_at=at))
            s.flush()
    stats = RunStats()
    with session_scope(sqlite_url) as s:
        sync_flag(s, ini_id, ev, None, stats)
    with session_scope(sqlite_url) as s:
        assert [f.status for f in s.query(M.ReviewFlag).order_by(M.ReviewFlag.id)] == ["resolved", "dismissed"]
    assert stats == RunStats(flags_resolved=1)
