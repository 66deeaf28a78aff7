"""INIT-03 in the linker: an MP bill that matches a ministry's consulted draft the Council of
Ministers never took („government bill through MPs“). Small constructed cases: which pairs are
offered at all (plausible), which are proposed (clear) and which go to review with the doubts
named; and, in the database, that staff decisions bind and how the criterion reads the links.

The titles are real Bulgarian law names in the conventions of both portals; ids and dates are
invented. Most cases have an old bill on another law three years back, so that the record of
bills covers the 24 months before the MP bill (without it, quiet is not known)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from criteria.assemble import assemble
from criteria.criterion import Verdict
from criteria.evaluate import evaluate
from db.engine import session_scope
from db.models import Initiative, InitiativeLink
from linking.build import link
from linking.decisions import decide_link
from linking.engine import propose
from linking.model import MP_FLAG, BillIn, ConsultationIn, DecisionIn, Proposal
from linking.records import add_bill, add_consultation
from linking.settings import LinkSettings

D = dt.date
CM, MPS = "council_of_ministers", "mps"
MF = "Министерство на финансите"
BILL_ZID = "Законопроект за изменение и допълнение на Закона за хазарта"
DRAFT_ZID = "Проект на Закон за изменение и допълнение на Закона за хазарта"
OLD = BillIn(1, "Законопроект за изменение и допълнение на Закона за водите", D(2023, 1, 10), CM)


def draft(cid: int, opened: dt.date, closed: dt.date, title: str = DRAFT_ZID, **kw) -> ConsultationIn:
    return ConsultationIn(cid, f"{cid}-K", title, "Закон", kw.pop("law_name", None), MF, opened, closed, **kw)


def mp_links(props: list[Proposal], bill_id: int) -> list[Proposal]:
    return [p for p in props if p.bill_id == bill_id and p.target_type == "consultation"]


def run(bills, cons, decisions=(), **settings) -> list[Proposal]:
    return propose([OLD, *bills], cons, list(decisions), LinkSettings(**settings))


def test_a_clear_copy_is_proposed_with_its_flag():
    # The ministry consulted its draft in March; MPs tabled the same title in June; nothing
    # else touched the gambling law for two years before.
    props = run([BillIn(10, BILL_ZID, D(2026, 6, 15), MPS)], [draft(100, D(2026, 3, 2), D(2026, 4, 1))])
    (p,) = mp_links(props, 10)
    assert (p.target_id, p.flag, p.method, p.status) == (100, MP_FLAG, "title_match", "proposed")
    init03 = p.evidence["init03"]
    assert init03["clear"] is True and init03["doubts"] == []
    assert init03["ministry"] == MF and p.evidence["gap_days"] == 75
    assert init03["law_activity_before"] == {"months": 24, "bills": [], "consultations": [], "council_acts": []}
    # With clear proposals switched off, the same pair waits for staff.
    (off,) = mp_links(run([BillIn(10, BILL_ZID, D(2026, 6, 15), MPS)], [draft(100, D(2026, 3, 2), D(2026, 4, 1))],
                          mp_propose_clear=False), 10)
    assert off.status == "review" and off.evidence["init03"]["doubts"] == ["title_matches_not_proposed"]


def test_an_mp_bill_tabled_before_the_consultation_closed_is_not_offered():
    # Same law, same title, but the draft was still under consultation (02.03–01.04) when the
    # MP bill came in: it was not yet the ministry's text to hand over.
    props = run([BillIn(11, BILL_ZID, D(2026, 3, 20), MPS)], [draft(100, D(2026, 3, 2), D(2026, 4, 1))])
    assert mp_links(props, 11) == []


def test_a_draft_taken_by_a_government_bill_is_not_offered():
    gov = BillIn(20, BILL_ZID, D(2026, 5, 10), CM)
    props = run([gov, BillIn(10, BILL_ZID, D(2026, 6, 15), MPS)], [draft(100, D(2026, 3, 2), D(2026, 4, 1))])
    (own,) = mp_links(props, 20)
    assert (own.target_id, own.flag, own.status) == (100, None, "proposed")
    assert mp_links(props, 10) == []
    # Named by the ПРИС decision that approved a bill: not offered either, even with no bill.
    dec = DecisionIn(300, D(2026, 5, 5), "ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и допълнение на Закона за хазарта /",
                     MF, "100-К", True)
    assert mp_links(run([BillIn(10, BILL_ZID, D(2026, 6, 15), MPS)], [draft(100, D(2026, 3, 2), D(2026, 4, 1))], [dec]), 10) == []


def test_a_government_bills_runner_up_stays_a_candidate_in_review():
    # Two drafts of the law fit the government bill almost equally: the assignment gives it one
    # (in review) and shows the other as its runner-up. The runner-up is not the government's
    # by any record, so the MP bill may still have it, but never as a clear case.
    gov = BillIn(20, BILL_ZID, D(2026, 5, 10), CM)
    props = run([gov, BillIn(10, BILL_ZID, D(2026, 6, 15), MPS)],
                [draft(100, D(2026, 3, 2), D(2026, 4, 1)), draft(101, D(2026, 3, 6), D(2026, 4, 5))])
    gov_links = mp_links(props, 20)
    assigned = {p.target_id for p in gov_links if "runner_up_of" not in p.evidence}
    runner_up = {p.target_id for p in gov_links if "runner_up_of" in p.evidence}
    assert len(assigned) == 1 and len(runner_up) == 1 and all(p.status == "review" for p in gov_links)
    (mp,) = mp_links(props, 10)
    assert mp.flag == MP_FLAG and {mp.target_id} == runner_up and mp.status == "review"
    assert {"government_bill_candidate", "law_not_quiet"} <= set(mp.evidence["init03"]["doubts"])


def test_a_busy_law_goes_to_review_with_the_other_bills_named():
    # Another MP bill amended the gambling law a year earlier: MPs work on this law on their
    # own, so the same title after the ministry's draft may be a coincidence.
    earlier = BillIn(12, "Законопроект за изменение на Закона за хазарта", D(2025, 6, 2), MPS)
    props = run([earlier, BillIn(10, BILL_ZID, D(2026, 6, 15), MPS)], [draft(100, D(2026, 3, 2), D(2026, 4, 1))])
    (p,) = mp_links(props, 10)
    assert (p.target_id, p.status) == (100, "review")
    assert p.evidence["init03"]["doubts"] == ["law_not_quiet"] and p.evidence["init03"]["clear"] is False
    assert p.evidence["init03"]["law_activity_before"]["bills"] == [12]
    assert mp_links(props, 12) == []  # submitted a year before the draft existed


def test_doubts_that_keep_a_match_in_review():
    mp = BillIn(10, BILL_ZID, D(2026, 6, 15), MPS)
    cases = {
        # tabled eight months after the consultation closed: plausible, not clear
        "long_after_consultation": ([BillIn(10, BILL_ZID, D(2026, 12, 1), MPS)], [draft(100, D(2026, 3, 2), D(2026, 4, 1))]),
        # the portal files the draft under another law than its title names
        "portal_law_name_differs": ([mp], [draft(100, D(2026, 3, 2), D(2026, 4, 1), law_name="Закон за туризма")]),
        # the bills on record start in 2026: two quiet years cannot be known
        "record_too_short": ([mp], [draft(100, D(2026, 3, 2), D(2026, 4, 1))]),
    }
    for doubt, (bills, cons) in cases.items():
        props = propose(bills, cons, []) if doubt == "record_too_short" else run(bills, cons)
        (p,) = mp_links(props, 10)
        assert (p.status, p.evidence["init03"]["doubts"]) == ("review", [doubt]), doubt
    # The portal's bare „Закон“ (seen in the real report) names no law: no doubt from it.
    (p,) = mp_links(run([mp], [draft(100, D(2026, 3, 2), D(2026, 4, 1), law_name="Закон")]), 10)
    assert p.status == "proposed"


def test_merged_with_a_government_bill_goes_to_review():
    # The MP bill was merged with a later government bill on the same law, whose own draft (101)
    # its ПРИС decision names: the government did table the law itself.
    mp = BillIn(10, BILL_ZID, D(2026, 6, 15), MPS, merge_group=30)
    gov = BillIn(30, BILL_ZID, D(2026, 9, 1), CM, merge_group=30)
    dec = DecisionIn(300, D(2026, 8, 26), "ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и допълнение на Закона за хазарта /",
                     MF, "101-K", True)
    cons = [draft(100, D(2026, 3, 2), D(2026, 4, 1)), draft(101, D(2026, 6, 20), D(2026, 7, 20))]
    props = run([mp, gov], cons, [dec])
    assert [(p.target_id, p.method) for p in mp_links(props, 30)] == [(101, "pris_chain")]
    (p,) = mp_links(props, 10)
    assert (p.target_id, p.status, p.evidence["init03"]["doubts"]) == (100, "review", ["merged_with_government_bill"])
    # Not merged: the same pair is clear.
    alone = run([BillIn(10, BILL_ZID, D(2026, 6, 15), MPS), BillIn(30, BILL_ZID, D(2026, 9, 1), CM)], cons, [dec])
    assert [(p.target_id, p.status) for p in mp_links(alone, 10)] == [(100, "proposed")]


def test_implausible_pairs_are_not_offered():
    cons = [draft(100, D(2026, 3, 2), D(2026, 4, 1))]
    for title, day in (
        ("Законопроект за изменение на Закона за хазарта", D(2026, 6, 15)),  # another operation
        ("Законопроект за допълнение на Закона за хазарта", D(2026, 6, 15)),  # the opposite one
        (BILL_ZID, D(2027, 5, 1)),  # thirteen months after the consultation closed
        ("Законопроект за изменение и допълнение на Закона за туризма", D(2026, 6, 15)),  # another law
    ):
        assert mp_links(run([BillIn(10, title, day, MPS)], cons), 10) == [], title


# --------------------------------------------------------------------------- in the database


def _clear_case(url: str) -> None:
    with session_scope(url) as s:
        add_bill(s, 1, OLD.title, OLD.submitted_on)
        add_bill(s, 10, BILL_ZID, D(2026, 6, 15), MPS)
        add_consultation(s, 100, DRAFT_ZID, D(2026, 3, 2), D(2026, 4, 1), institution=MF)


def _mp_link(url: str) -> tuple[int, str, str | None, str | None]:
    with session_scope(url) as s:
        (lk,) = s.scalars(select(InitiativeLink).where(InitiativeLink.bill_id == 10,
                                                       InitiativeLink.target_type == "consultation")).all()
        return lk.id, lk.status, lk.flag, lk.decided_by


def _init03(url: str) -> Verdict:
    with session_scope(url) as s:
        iid = s.scalar(select(Initiative.id).where(Initiative.bill_id == 10))
        ini = assemble(s, iid)
    (finding,) = [f for f in evaluate(ini, as_of=D(2026, 11, 1)).findings if f.criterion_id == "INIT-03"]
    return finding.verdict


def test_clear_copy_in_the_database_staff_rejection_binds(db_url):
    _clear_case(db_url)
    with session_scope(db_url) as s:
        link(s)
    link_id, status, flag, _ = _mp_link(db_url)
    assert (status, flag) == ("proposed", MP_FLAG)
    assert _init03(db_url) is Verdict.WARN  # the criterion reads the flagged link as signal (a)
    with session_scope(db_url) as s:
        decide_link(s, link_id, "rejected", by="ana", note="the MPs' own text, checked against the draft")
    for rebuild in (False, True):
        with session_scope(db_url) as s:
            link(s, rebuild=rebuild)
        assert _mp_link(db_url) == (link_id, "rejected", MP_FLAG, "ana")  # never proposed again
    assert _init03(db_url) is Verdict.PASS  # a rejected link is no signal


def test_a_confirmed_mp_link_survives_a_rebuild_that_would_now_doubt_it(db_url):
    _clear_case(db_url)
    with session_scope(db_url) as s:
        link(s)
    link_id, *_ = _mp_link(db_url)
    with session_scope(db_url) as s:
        decide_link(s, link_id, "confirmed", by="boris")
        # A bill on the same law turns up in the record (crawled late): the law was not quiet.
        add_bill(s, 12, "Законопроект за изменение на Закона за хазарта", D(2025, 6, 2), MPS)
    with session_scope(db_url) as s:
        link(s, rebuild=True)
    assert _mp_link(db_url) == (link_id, "confirmed", MP_FLAG, "boris")


def test_an_incremental_run_rejudges_what_a_rebuild_would(db_url):
    # The record first starts in 2026: quiet cannot be known, the match waits in review.
    with session_scope(db_url) as s:
        add_bill(s, 10, BILL_ZID, D(2026, 6, 15), MPS)
        add_bill(s, 11, "Законопроект за изменение на Закона за туризма", D(2026, 5, 4), MPS)
        add_consultation(s, 100, DRAFT_ZID, D(2026, 3, 2), D(2026, 4, 1), institution=MF)
    with session_scope(db_url) as s:
        link(s)
    link_id, status, *_ = _mp_link(db_url)
    assert status == "review"
    steps = [
        # History crawled back to 2023 (a bill on another law): now the record covers two years.
        (lambda s: add_bill(s, 1, OLD.title, OLD.submitted_on), "proposed"),
        # A bill on the same law, crawled late, dated a year before: the law was not quiet.
        (lambda s: add_bill(s, 12, "Законопроект за изменение на Закона за хазарта", D(2025, 6, 2), MPS), "review"),
    ]
    for change, expected in steps:
        with session_scope(db_url) as s:
            change(s)
        with session_scope(db_url) as s:
            report = link(s)
        assert report.mode == "incremental"
        assert _mp_link(db_url)[:2] == (link_id, expected)
        with session_scope(db_url) as s:
            assert link(s, rebuild=True).changed == 0  # the incremental run gave what a rebuild gives

