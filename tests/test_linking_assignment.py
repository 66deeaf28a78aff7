"""The one-to-one assignment of the linker (linking/assignment.py) and what it does
to bills and drafts of the same law: exact margins against brute force, small constructed
cases in memory, and staff decisions around it in the database."""
from __future__ import annotations

import datetime as dt
import itertools
import random

import numpy as np
import pytest
from sqlalchemy import select

from db.engine import session_scope
from db.models import InitiativeLink
from linking import assignment
from linking.assignment import SCALE, assign
from linking.build import link
from linking.decisions import decide_link
from linking.engine import propose
from linking.model import BillIn, ConsultationIn, DecisionIn
from linking.records import add_bill, add_consultation
from linking.settings import DEFAULT_SETTINGS

D = dt.date
T = DEFAULT_SETTINGS.consultation
WATER_BILL = "Законопроект за изменение и допълнение на Закона за водите"
WATER_DRAFT = "Проект на Закон за изменение и допълнение на Закона за водите"
MOSV = "Министерство на околната среда и водите"


# --------------------------------------------------------------------------- margins are exact


def _best_total(util: dict[tuple[int, int], int], forbid: tuple[int, int] | None = None) -> int:
    """The greatest total utility of a matching, by enumeration (bills may stay unlinked)."""
    bills = sorted({b for b, _ in util})
    options = {b: [None] + [t for (bb, t) in util if bb == b and (bb, t) != forbid] for b in bills}
    best = 0
    for pick in itertools.product(*(options[b] for b in bills)):
        chosen = [t for t in pick if t is not None]
        if len(chosen) == len(set(chosen)):
            best = max(best, sum(util[(b, t)] for b, t in zip(bills, pick) if t is not None))
    return best


@pytest.mark.parametrize("fw_max_nodes", [assignment.FW_MAX_NODES, 2], ids=["floyd-warshall", "johnson"])
def test_matching_and_margins_equal_brute_force(monkeypatch, fw_max_nodes):
    monkeypatch.setattr(assignment, "FW_MAX_NODES", fw_max_nodes)
    rng = random.Random(7)
    checked = 0
    for _ in range(250):
        pairs = [(b, t) for b in range(rng.randint(1, 4)) for t in range(rng.randint(1, 4)) if rng.random() < 0.65]
        if not pairs:
            continue
        # Repeated scores make ties, the hard case for margins.
        scores = np.array([rng.choice([rng.uniform(70, 100), 90.0, 95.0]) for _ in pairs]).round(2)
        bills = np.array([b for b, _ in pairs])
        targets = np.array([100 + t for _, t in pairs])
        choices = assign(bills, targets, scores, np.ones(len(pairs), np.int64), T)
        util = {(b, 100 + t): round((s - T.review + assignment.FLOOR_EPSILON) * SCALE) for (b, t), s in zip(pairs, scores)}
        best = _best_total(util)
        chosen = [(int(bills[c.pair]), int(targets[c.pair])) for c in choices]
        assert len({b for b, _ in chosen}) == len(chosen) == len({t for _, t in chosen})
        assert sum(util[p] for p in chosen) == best
        for c, p in zip(choices, chosen):
            loss = best - _best_total(util, forbid=p)
            others = [q for q in util if q != p and (q[0] == p[0] or q[1] == p[1])]
            if c.margin is None:  # nobody else wants the bill or the target
                assert not others and c.runner_up is None
            else:
                assert round(c.margin * SCALE) == loss
                assert (int(bills[c.runner_up]), int(targets[c.runner_up])) in others
            checked += 1
    assert checked > 300


def test_explicit_references_win_and_settled_or_taken_ones_are_skipped():
    bills = np.array([0, 0, 1, 2])
    targets = np.array([10, 11, 10, 12])
    scores = np.array([99.0, 72.0, 100.0, 95.0])
    rank = np.array([1, 1, 3, 1])  # bill 1 names draft 10 in its documents
    choices = assign(bills, targets, scores, rank, T, settled_bills={2})
    got = {(int(bills[c.pair]), int(targets[c.pair])): c.status for c in choices}
    assert got == {(1, 10): "proposed", (0, 11): "review"}  # 72 is below `accept`
    assert assign(bills, targets, scores, rank, T, taken_targets={10, 11, 12}) == []


# --------------------------------------------------------------------------- constructed cases


def _bill(bid: int, title: str, day: dt.date) -> BillIn:
    return BillIn(bid, title, day, "council_of_ministers", f"52-602-01-{bid}", "Комисия по околната среда и водите")


def _draft(cid: int, title: str, opened: dt.date, closed: dt.date) -> ConsultationIn:
    return ConsultationIn(cid, f"{cid}-K", title, "Закон", None, MOSV, opened, closed)


def _links(props, target_type="consultation") -> dict[tuple[int, int], str]:
    return {(p.bill_id, p.target_id): p.status for p in props if p.target_type == target_type}


def test_two_drafts_of_one_law_two_bills_each_gets_its_own():
    # The Water Act amended twice in a year: bill 1 in May on the March draft, bill 2 in
    # September on the July draft. On its own, bill 2 cannot choose: the March draft (203 days
    # before it) scores within the margin of the July one (50 days). But the March draft is the
    # only draft bill 1 can have (the July one came after it), so the assignment settles both.
    bills = [_bill(1, WATER_BILL, D(2026, 5, 10)), _bill(2, WATER_BILL, D(2026, 9, 20))]
    drafts = [_draft(101, WATER_DRAFT, D(2026, 1, 30), D(2026, 3, 1)),
              _draft(102, WATER_DRAFT, D(2026, 7, 1), D(2026, 8, 1))]
    alone = _links(propose(bills[1:], drafts, []))
    assert alone == {(2, 102): "review", (2, 101): "review"}
    together = propose(bills, drafts, [])
    assert _links(together) == {(1, 101): "proposed", (2, 102): "proposed"}
    second = next(p for p in together if p.bill_id == 2)
    # Its margin is what the other pairing would lose: bill 1 left without its only draft.
    assert second.margin is not None and second.margin >= T.min_margin
    assert second.evidence["runner_up"]["target_id"] == 101


def test_the_second_bill_on_a_law_is_settled_by_the_first():
    # Two government bills on the Water Act five weeks apart, two drafts six weeks apart: a
    # draft „за изменение“ for the bill „за изменение“ and a draft „за изменение и допълнение“
    # for the bill of that title. Alone, the second bill's two drafts are within the margin of
    # each other; taken together, its runner-up is plainly the first bill's draft, and giving it
    # to the second bill would cost the first one more than the second one gains.
    bills = [_bill(1, "Законопроект за изменение на Закона за водите", D(2021, 2, 20)),
             _bill(2, WATER_BILL, D(2021, 3, 28))]
    drafts = [_draft(101, "Проект на Закон за изменение на Закона за водите", D(2020, 7, 22), D(2020, 8, 21)),
              _draft(102, WATER_DRAFT, D(2020, 9, 7), D(2020, 10, 7))]
    assert _links(propose(bills[1:], drafts, [])) == {(2, 101): "review", (2, 102): "review"}
    together = propose(bills, drafts, [])
    assert _links(together) == {(1, 101): "proposed", (2, 102): "proposed"}
    second = next(p for p in together if p.bill_id == 2)
    assert second.margin >= T.min_margin and second.evidence["runner_up"]["target_id"] == 101


def test_a_swap_that_costs_little_goes_to_review_with_both_alternatives():
    # Two bills on the Water Act six days apart, two drafts closed two days apart: either
    # pairing explains the dates about as well, so staff decide, and see both drafts.
    bills = [_bill(1, WATER_BILL, D(2026, 9, 10)), _bill(2, WATER_BILL, D(2026, 9, 16))]
    drafts = [_draft(101, WATER_DRAFT, D(2026, 5, 1), D(2026, 6, 1)),
              _draft(102, WATER_DRAFT, D(2026, 5, 3), D(2026, 6, 3))]
    got = _links(propose(bills, drafts, []))
    assert set(got.values()) == {"review"}
    assert {b for b, _ in got} == {1, 2} and {c for _, c in got} == {101, 102}


def test_a_draft_still_open_at_the_approval_is_not_proposed_and_takes_no_draft():
    # Bill 1 was approved on 25.09 while draft 101 was still open (until 10.10): another draft
    # or an irregularity (ЗНА чл. 26, ал. 4–5), for staff. Bill 2, approved on 25.11, is the
    # draft's regular successor and gets it.
    bills = [_bill(1, WATER_BILL, D(2026, 10, 1)), _bill(2, WATER_BILL, D(2026, 12, 1))]
    drafts = [_draft(101, WATER_DRAFT, D(2026, 9, 10), D(2026, 10, 10))]
    approving = "ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и допълнение на Закона за водите /"
    decisions = [DecisionIn(501, D(2026, 9, 25), approving, "МОСВ", None, True),
                 DecisionIn(502, D(2026, 11, 25), approving, "МОСВ", None, True)]
    props = propose(bills, drafts, decisions)
    assert _links(props, "council_act") == {(1, 501): "proposed", (2, 502): "proposed"}
    assert _links(props) == {(2, 101): "proposed"}
    link2 = next(p for p in props if p.target_type == "consultation")
    assert link2.evidence["gap_from"] == "council_act" and link2.evidence["gap_days"] == 46  # 10.10 → 25.11
    # Alone with the draft, bill 1 is offered it for review only, at the review floor.
    (only,) = [p for p in propose(bills[:1], drafts, decisions[:1]) if p.target_type == "consultation"]
    assert (only.target_id, only.status, only.score) == (101, "review", T.review)
    assert only.evidence["gap_days"] < 0


def test_a_draft_that_only_changes_is_not_a_bill_that_only_adds():
    # „за допълнение“ vs „за изменение“: the nearer draft changes provisions, the bill only
    # adds them; the farther draft of the same operation is the better explanation.
    bill = _bill(1, "Законопроект за допълнение на Закона за водите", D(2026, 9, 20))
    drafts = [_draft(101, "Проект на Закон за изменение на Закона за водите", D(2026, 7, 1), D(2026, 8, 1)),
              _draft(102, "Проект на Закон за допълнение на Закона за водите", D(2026, 3, 1), D(2026, 4, 1))]
    props = propose([bill], drafts, [])
    chosen = min(props, key=lambda p: "runner_up_of" in p.evidence)
    assert chosen.target_id == 102 and chosen.evidence["operation_score"] == 100.0
    assert all(p.evidence["operation_score"] == 0.0 for p in props if p.target_id == 101)


# --------------------------------------------------------------------------- staff decisions


def test_staff_decisions_bind_the_assignment(db_url):
    with session_scope(db_url) as s:
        add_bill(s, 1, WATER_BILL, D(2026, 5, 10))
        add_bill(s, 2, WATER_BILL, D(2026, 9, 20))
        add_consultation(s, 101, WATER_DRAFT, D(2026, 1, 30), D(2026, 3, 1), institution=MOSV)
        add_consultation(s, 102, WATER_DRAFT, D(2026, 7, 1), D(2026, 8, 1), institution=MOSV)
    link_run(db_url)
    with session_scope(db_url) as s:
        assert [(lk.target_id, lk.status) for lk in the_link(s, 1, "consultation")] == [(101, "proposed")]
        (second,) = the_link(s, 2, "consultation")
        assert (second.target_id, second.status) == (102, "proposed")
        decide_link(s, second.id, "rejected", by="ana", note="the July draft was withdrawn")
    link_run(db_url)
    with session_scope(db_url) as s:
        # The rejected pair stays rejected and is not offered again. The March draft now fits
        # both bills (70 and 203 days before them) about as well: both go to review.
        assert {(lk.target_id, lk.status) for lk in the_link(s, 2, "consultation")} == {(102, "rejected"), (101, "review")}
        assert [(lk.target_id, lk.status) for lk in the_link(s, 1, "consultation")] == [(101, "review")]
        (offered,) = [lk for lk in the_link(s, 2, "consultation") if lk.status == "review"]
        decide_link(s, offered.id, "confirmed", by="ana", note="the motives cite 101-K")
    for rebuild in (False, True):
        link_run(db_url, rebuild=rebuild)
        with session_scope(db_url) as s:
            rows = the_link(s, 2, "consultation")
            assert {(lk.target_id, lk.status, lk.decided_by) for lk in rows} == {(102, "rejected", "ana"), (101, "confirmed", "ana")}
            # The confirmed draft is nobody else's: bill 1 has no draft left.
            assert the_link(s, 1, "consultation") == []


def the_link(s, bill_id: int, target_type: str) -> list[InitiativeLink]:
    return list(s.scalars(select(InitiativeLink).where(InitiativeLink.bill_id == bill_id,
                                                       InitiativeLink.target_type == target_type)))


def link_run(url: str, **kw):
    with session_scope(url) as s:
        return link(s, **kw)
