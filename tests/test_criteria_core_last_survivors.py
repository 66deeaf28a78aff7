"""The last survivors of the criteria/ mutation run, pinned on the smallest inputs that tell them apart.

Each test names the choice it pins: a ratification bill's FAILs raise no review flag, a confirmed
link outranks a proposed one whichever comes first, an undated stage row does not hide the votes
after it, a decision dated on the submission day counts as before it, the stored evaluation
carries the moment it was made, and a change of thresholds (one override for another) changes the
hash and re-evaluates the stored initiatives.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from criteria import initiative as I
from criteria import thresholds as T
from criteria.evaluate import evaluate
from criteria.facts import Facts
from criteria.store import evaluate_stored, latest_evaluation
from db.engine import session_scope
from db.models import Evaluation, utcnow
from test_criteria_facts import act, facts, link, stage
from test_criteria_store import factory, plain_bills
from test_criteria_units import AS_OF, bill, ini

D = dt.date


# --------------------------------------------------------------------------- evaluate: the review flag


def test_a_ratification_bill_fails_a_criterion_yet_raises_no_flag():
    """The same bill, once as an amending law and once as a ratification (by its title or by its
    signature's document type 02): CONS-01 fails for all three, only the amending law is flagged."""
    amending = evaluate(ini(bill()), T.defaults(), AS_OF)
    assert amending.verdicts()["CONS-01"] == "FAIL"
    assert amending.flag is not None and amending.flag.severity == "high"
    assert amending.flag.reasons == (("CONS-01", "FAIL", "C2"),)
    for ratification in (bill(title="Законопроект за ратифициране на Споразумението между България и Гърция"),
                         bill(signature="50-202-02-1")):
        initiative = ini(ratification)
        assert Facts(initiative, T.defaults(), AS_OF).portfolio_exclusion == "ratification"
        result = evaluate(initiative, T.defaults(), AS_OF)
        assert result.verdicts()["CONS-01"] == "FAIL"  # the per-bill checks still run
        assert result.flag is None


# --------------------------------------------------------------------------- facts


def test_a_confirmed_link_outranks_a_proposed_one_given_before_it():
    f = facts(links=[link("proposed", bill_id=1), link("confirmed", bill_id=2)])
    assert f.link_status("consultation", 100) == "confirmed"
    # so its consultation is the bill's one, before a later-opened consultation only proposed
    def cons(cid: int, opened: D) -> I.Consultation:
        return I.Consultation(id=cid, reg_num=f"{cid}-K", title="Проект", date_open=opened,
                              date_close=opened + dt.timedelta(days=30))

    early, late = cons(100, D(2023, 11, 1)), cons(101, D(2024, 1, 5))
    f = facts(cons=[early, late], links=[link("proposed", 100, bill_id=1), link("confirmed", 100, bill_id=2),
                                         link("proposed", 101)])
    assert [(c.id, s) for c, s in f.consultations] == [(100, "confirmed"), (101, "proposed")]
    assert f.consultation is early

def test_an_undated_stage_row_does_not_hide_the_votes_after_it():
    def of(*stages: I.Stage) -> Facts:
        b = I.Bill(id=1, signature="s", title="t", initiator="mps", status="adopted", submitted_on=None,
                   stages=list(stages))
        return Facts(I.Initiative(bills=[b]), T.defaults(), D(2026, 11, 1))

    undated = I.Stage(None, "зала първо гласуване", "приет", classification="first_reading_passed")
    f = of(undated, stage(D(2024, 4, 10), "first_reading_passed"), stage(D(2024, 5, 8), "second_reading_passed"))
    assert (f.first_vote, f.second_vote) == (D(2024, 4, 10), D(2024, 5, 8))
    assert f.both_votes_one_sitting is False and f.first_plenary == D(2024, 4, 10)


def test_a_decision_dated_on_the_submission_day_counts_as_before_it():
    same_day, after = act(1, D(2024, 3, 1)), act(2, D(2024, 3, 5))
    assert facts(acts=[same_day, after]).decision is same_day
    assert facts(acts=[after, same_day]).decision_date == D(2024, 3, 1)


# --------------------------------------------------------------------------- store


def test_the_stored_evaluation_carries_the_moment_it_was_made(sqlite_url):
    ids = plain_bills(sqlite_url, 1)
    before = utcnow()
    evaluate_stored(factory(sqlite_url), T.defaults(), as_of=AS_OF)
    after = utcnow()
    with session_scope(sqlite_url) as s:
        ev = s.scalars(select(Evaluation)).one()
        assert ev.evaluated_at is not None and before <= ev.evaluated_at <= after
        assert latest_evaluation(s, ids[1])["evaluated_at"] == ev.evaluated_at.isoformat(timespec="seconds")


# --------------------------------------------------------------------------- thresholds


def test_each_override_has_its_own_hash_and_the_hash_is_of_the_values(tmp_path):
    base = T.defaults()
    five = base.with_overrides({"NA-03": {"min_days": 5}})
    six = base.with_overrides({"NA-03": {"min_days": 6}})
    assert len({base.hash, five.hash, six.hash}) == 3
    # the same values from a user file give the same hash as the override in code
    user = tmp_path / "th.toml"
    user.write_text("[NA-03]\nmin_days = 6\n", encoding="utf-8")
    assert T.load(user).hash == six.hash
    # overriding a value with its default changes nothing the hash depends on
    assert base.with_overrides({"NA-03": {"min_days": base.section("NA-03")["min_days"]}}).hash == base.hash


def test_a_change_of_thresholds_re_evaluates_the_stored_initiatives(sqlite_url):
    ids = plain_bills(sqlite_url, 1, 2)
    five = T.defaults().with_overrides({"NA-03": {"min_days": 5}})
    six = T.defaults().with_overrides({"NA-03": {"min_days": 6}})
    first = evaluate_stored(factory(sqlite_url), five, as_of=AS_OF)
    assert (first.evaluated, first.unchanged) == (2, 0)
    same = evaluate_stored(factory(sqlite_url), T.defaults().with_overrides({"NA-03": {"min_days": 5}}), as_of=AS_OF)
    assert (same.evaluated, same.unchanged) == (0, 2)
    changed = evaluate_stored(factory(sqlite_url), six, as_of=AS_OF)
    assert (changed.evaluated, changed.unchanged) == (2, 0)
    with session_scope(sqlite_url) as s:
        for ini_id in ids.values():
            assert latest_evaluation(s, ini_id)["thresholds_hash"] == six.hash
        assert sorted(e.thresholds_hash == five.hash for e in s.scalars(select(Evaluation))) == [False, False, True, True]

