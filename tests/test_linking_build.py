"""Building initiatives and links in the database, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import html

import pytest
from sqlalchemy import select

from conftest import load_shared_json
from db.engine import session_scope
from db.models import Bill, Consultation, Initiative, InitiativeLink, LinkRun, utcnow
from core.errors import LexwatchError, UsageError
from linking.build import link
from linking.decisions import decide_link
from linking.model import MP_FLAG
from linking.query import list_initiatives, show_initiative
from linking.records import add_bill, add_bill_document, add_consultation, add_decision

D = dt.date
MTSP = "Министерство на труда и социалната политика"
MZ = "Министерство на здравеопазването"
MF = "Министерство на финансите"
KT = "Законопроект за изменение и допълнение на Кодекса на труда"


def links_of(url: str) -> list[tuple]:
    with session_scope(url) as s:
        rows = s.scalars(select(InitiativeLink).order_by(InitiativeLink.bill_id, InitiativeLink.target_type,
                                                         InitiativeLink.target_id)).all()
        return [(r.bill_id, r.target_type, r.target_id, r.method, r.status, r.flag, r.score, r.margin, r.evidence,
                 r.initiative_id, r.decided_by, r.updated_at) for r in rows]


def the_link(s, bill_id: int, target_type: str) -> list[InitiativeLink]:
    return list(s.scalars(select(InitiativeLink).where(InitiativeLink.bill_id == bill_id,
                                                       InitiativeLink.target_type == target_type)))


def run(url: str, **kw):
    with session_scope(url) as s:
        return link(s, **kw)


# --------------------------------------------------------------------------- the real September 2026 case


def _real_september(url: str, initiators: dict[int, str]) -> None:
    """The real bill list of 09.2026 and the real ПРИС report; initiators as given (the list
    does not say who submitted each bill: 167546 is a CoM bill per its fixture, the others
    are this test's assumption)."""
    bills = load_shared_json("parliament/bills-2026-09.json")
    acts = load_shared_json("strategy/data-egov-bg_057c5c06_pris-acts.json")["data"][1:]
    with session_scope(url) as s:
        for row in bills:
            add_bill(s, row["t_id"], row["t_label"], D.fromisoformat(row["t_date"][:10]),
                     initiators.get(row["t_id"], "mps"))
        for a in acts:
            add_decision(s, a["pris_id"], D.fromisoformat(a["doc_accepted_date"]), html.unescape(a["doc_about"]),
                         importer=a["importer"], public_consultation_number=a["public_consultation_number"])


def test_labour_code_decision_goes_to_the_government_bill(db_url):
    # Decision 170974 (2026-09-09) approves a ЗИД of the Labour Code; 167540 (09-10) and 167555
    # (09-16) carry exactly that title. Only a Council of Ministers bill can be its bill.
    _real_september(db_url, {167540: "council_of_ministers", 167546: "council_of_ministers",
                             167538: "council_of_ministers", 167567: "council_of_ministers"})
    run(db_url)
    with session_scope(db_url) as s:
        (kt,) = the_link(s, 167540, "council_act")
        assert (kt.target_id, kt.status, kt.method) == (170974, "proposed", "title_match")
        assert kt.evidence["gap_days"] == 1
        assert the_link(s, 167555, "council_act") == []
        # The other real approvals find their bills (13 days for the family allowances law).
        assert [lk.target_id for lk in the_link(s, 167538, "council_act")] == [170960]
        assert [lk.target_id for lk in the_link(s, 167567, "council_act")] == [170992]
        # Bill 167546 (ЗИД на НК, a CoM bill): no decision on the Criminal Code in the report.
        assert the_link(s, 167546, "council_act") == []


def test_labour_code_both_government_bills_date_decides(db_url):
    _real_september(db_url, {167540: "council_of_ministers", 167555: "council_of_ministers"})
    run(db_url)
    with session_scope(db_url) as s:
        assert [(lk.target_id, lk.status) for lk in the_link(s, 167540, "council_act")] == [(170974, "proposed")]
        assert the_link(s, 167555, "council_act") == []
    # A second approval a week later: each bill gets the decision of its own week.
    with session_scope(db_url) as s:
        add_decision(s, 9170999, D(2026, 9, 15), "ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и допълнение на Кодекса на труда /")
    run(db_url, rebuild=True)
    with session_scope(db_url) as s:
        assert [lk.target_id for lk in the_link(s, 167540, "council_act") if lk.status == "proposed"] == [170974]
        assert [lk.target_id for lk in the_link(s, 167555, "council_act") if lk.status == "proposed"] == [9170999]


# --------------------------------------------------------------------------- a small world


def _small_world(url: str) -> None:
    with session_scope(url) as s:
        add_bill(s, 11, KT, D(2026, 9, 10), lead_committee="Комисия по труда, социалната и демографската политика")
        add_bill(s, 12, "Законопроект за изменение и допълнение на Закона за здравето", D(2026, 9, 3))
        add_bill(s, 13, "Законопроект за изменение и допълнение на Закона за хазарта", D(2026, 9, 4), "mps")
        add_bill(s, 14, "Законопроект за изменение и допълнение на Закона за здравното осигуряване", D(2026, 9, 15))
        add_consultation(s, 101, "Проект на Закон за изменение и допълнение на Кодекса на труда", D(2026, 6, 15), institution=MTSP)
        add_consultation(s, 102, "Проект на Закон за изменение и допълнение на Закона за здравето", D(2026, 5, 12), institution=MZ)
        add_consultation(s, 103, "Проект на Закон за изменение и допълнение на Закона за здравето", D(2025, 11, 3), institution=MZ)
        add_consultation(s, 104, "Проект на Закон за изменение и допълнение на Закона за хазарта", D(2026, 3, 16), institution=MF)
        add_decision(s, 201, D(2026, 9, 9), "ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и допълнение на Кодекса на труда /")


def test_first_run_builds_initiatives_and_links(db_url):
    _small_world(db_url)
    report = run(db_url)
    assert report.mode == "first" and report.initiatives_created == 4 and report.links_created >= 4
    with session_scope(db_url) as s:
        assert s.scalar(select(Initiative.id).where(Initiative.bill_id == 11)) is not None
        assert [(lk.target_id, lk.status) for lk in the_link(s, 11, "consultation")] == [(101, "proposed")]
        assert [(lk.target_id, lk.status) for lk in the_link(s, 12, "consultation")] == [(102, "proposed")]
        (mp,) = the_link(s, 13, "consultation")
        assert (mp.target_id, mp.flag, mp.status) == (104, MP_FLAG, "review")
        assert mp.evidence["init03"]["ministry"] == MF
        assert the_link(s, 14, "consultation") == []  # no draft of the health insurance law
        init = s.scalar(select(Initiative).where(Initiative.bill_id == 11))
        assert {lk.initiative_id for lk in the_link(s, 11, "consultation") + the_link(s, 11, "council_act")} == {init.id}
        assert s.scalar(select(LinkRun).order_by(LinkRun.id.desc())).mode == "first"


def test_second_run_and_rebuild_change_nothing(db_url):
    _small_world(db_url)
    run(db_url)
    before = links_of(db_url)
    again = run(db_url)
    assert again.mode == "incremental" and again.bills_examined == 0 and again.changed == 0
    rebuilt = run(db_url, rebuild=True)
    assert rebuilt.bills_examined == 4 and rebuilt.changed == 0
    assert links_of(db_url) == before  # updated_at included: nothing was rewritten


def test_incremental_run_on_touched_records_gives_what_a_rebuild_gives(db_url):
    _small_world(db_url)
    run(db_url)
    before = links_of(db_url)
    with session_scope(db_url) as s:
        for row in s.scalars(select(Consultation)):
            row.last_changed_at = utcnow()  # re-read, same content
    report = run(db_url)
    assert report.bills_examined == 3 and report.changed == 0  # bill 14: no draft of its law was touched
    assert run(db_url, rebuild=True).changed == 0
    assert links_of(db_url) == before


def test_staff_decisions_survive_reruns_and_rejected_pairs_stay_rejected(db_url):
    _small_world(db_url)
    run(db_url)
    with session_scope(db_url) as s:
        kt = the_link(s, 11, "consultation")[0]
        health = the_link(s, 12, "consultation")[0]
        decide_link(s, kt.id, "confirmed", by="ana", note="motives cite the consultation")
        decide_link(s, health.id, "rejected", by="ana", note="another draft")
    for rebuild in (False, True, False):
        run(db_url, rebuild=rebuild)
        with session_scope(db_url) as s:
            (kt,) = the_link(s, 11, "consultation")
            assert (kt.target_id, kt.status, kt.decided_by, kt.note) == (101, "confirmed", "ana", "motives cite the consultation")
            rows = the_link(s, 12, "consultation")
            rejected = [lk for lk in rows if lk.target_id == 102]
            assert [(lk.status, lk.decided_by) for lk in rejected] == [("rejected", "ana")]
            # The next candidate may be offered, never the rejected pair again.
            assert all(lk.target_id == 103 for lk in rows if lk.status in ("proposed", "review"))


def test_rejecting_the_best_offers_the_next_candidate(db_url):
    _small_world(db_url)
    run(db_url)
    with session_scope(db_url) as s:
        (best,) = the_link(s, 12, "consultation")
        decide_link(s, best.id, "rejected", by="ana")
    report = run(db_url)
    assert report.mode == "incremental" and report.bills_examined == 1  # only the bill staff decided on
    with session_scope(db_url) as s:
        got = {(lk.target_id, lk.status) for lk in the_link(s, 12, "consultation")}
    assert (102, "rejected") in got and any(t == 103 for t, st in got if st in ("proposed", "review"))


def test_confirming_drops_the_alternatives(db_url):
    with session_scope(db_url) as s:
        add_bill(s, 21, "Законопроект за изменение и допълнение на Закона за горите", D(2026, 10, 5))
        add_consultation(s, 301, "Проект на Закон за изменение и допълнение на Закона за горите", D(2026, 6, 10))
        add_consultation(s, 302, "Проект на Закон за изменение и допълнение на Закона за горите", D(2026, 6, 12))
    run(db_url)
    with session_scope(db_url) as s:
        rows = the_link(s, 21, "consultation")
        assert sorted(lk.status for lk in rows) == ["review", "review"]  # two look-alikes: ambiguous
        second = max(rows, key=lambda lk: lk.target_id)
        decide_link(s, second.id, "confirmed", by="boris")
    run(db_url)
    with session_scope(db_url) as s:
        assert [(lk.target_id, lk.status) for lk in the_link(s, 21, "consultation")] == [(302, "confirmed")]


def test_decisions_need_a_name_and_an_existing_link(db_url):
    _small_world(db_url)
    run(db_url)
    with session_scope(db_url) as s:
        lk = the_link(s, 11, "consultation")[0]
        with pytest.raises(UsageError):
            decide_link(s, lk.id, "confirmed", by="  ")
        with pytest.raises(UsageError):
            decide_link(s, lk.id, "maybe", by="ana")
        with pytest.raises(LexwatchError, match="no link with id 999999"):
            decide_link(s, 999999, "confirmed", by="ana")


def test_incremental_run_touches_only_what_a_change_concerns(db_url):
    _small_world(db_url)
    run(db_url)
    with session_scope(db_url) as s:
        untouched = {(r.id, r.updated_at) for r in s.scalars(select(Initiative).where(Initiative.bill_id != 14))}
        add_consultation(s, 105, "Проект на Закон за изменение и допълнение на Закона за здравното осигуряване",
                         D(2026, 6, 1), institution=MZ)
    report = run(db_url)
    assert report.mode == "incremental"
    assert report.bills_examined == 1  # the bills on that law within the draft's window, not all
    with session_scope(db_url) as s:
        assert [(lk.target_id, lk.status) for lk in the_link(s, 14, "consultation")] == [(105, "proposed")]
        assert {(r.id, r.updated_at) for r in s.scalars(select(Initiative).where(Initiative.bill_id != 14))} == untouched
    # A changed bill is linked again (its title now names another law).
    with session_scope(db_url) as s:
        bill = s.get(Bill, 14)
        bill.title = "Законопроект за изменение и допълнение на Закона за здравето"
        bill.last_changed_at = utcnow()
    report = run(db_url)
    with session_scope(db_url) as s:
        assert all(lk.target_id != 105 for lk in the_link(s, 14, "consultation"))


def test_explicit_reference_and_pris_chain_outrank_title_matching(db_url):
    with session_scope(db_url) as s:
        add_bill(s, 31, "Законопроект за изменение и допълнение на Закона за защита от дискриминация", D(2026, 9, 11))
        add_consultation(s, 401, "Проект на Закон за изменение и допълнение на Закона за защита от дискриминация", D(2026, 3, 2))
        add_consultation(s, 402, "Проект на Закон за изменение и допълнение на Закона за защита от дискриминация", D(2026, 7, 6))
        add_bill_document(s, 31, "Мотиви ...", analysis={"consultation_refs": {"consultation_ids": [401], "reg_nums": ["401-K"]}})
        add_bill(s, 32, "Законопроект за изменение и допълнение на Закона за държавния служител", D(2026, 7, 29))
        add_consultation(s, 403, "Проект на Закон за изменение и допълнение на Закона за държавния служител", D(2026, 5, 18))
        add_consultation(s, 404, "Проект на Закон за изменение и допълнение на Закона за държавния служител", D(2026, 6, 1))
        add_decision(s, 501, D(2026, 7, 22), "ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и допълнение на Закона за държавния служител /",
                     public_consultation_number="403-К")  # typed with a Cyrillic К
    run(db_url)
    with session_scope(db_url) as s:
        (a,) = [lk for lk in the_link(s, 31, "consultation") if lk.status == "proposed"]
        assert (a.target_id, a.method, a.evidence["reference"]) == (401, "explicit", "bill_documents")
        (b,) = [lk for lk in the_link(s, 32, "consultation") if lk.status == "proposed"]
        assert (b.target_id, b.method, b.evidence["council_act_id"]) == (403, "pris_chain", 501)


def test_mp_bill_matching_a_draft_the_government_used_is_not_flagged(db_url):
    with session_scope(db_url) as s:
        add_bill(s, 41, KT, D(2026, 9, 10))
        add_bill(s, 42, KT, D(2026, 9, 16), "mps")
        add_consultation(s, 601, "Проект на Закон за изменение и допълнение на Кодекса на труда", D(2026, 6, 15), institution=MTSP)
        add_bill(s, 43, "Законопроект за изменение и допълнение на Закона за хазарта", D(2026, 9, 4), "mps")
        add_consultation(s, 602, "Проект на Закон за изменение и допълнение на Закона за хазарта", D(2026, 3, 16),
                         institution=MF, pris_id=777)  # approved by the CoM (ПРИС act 777)
        add_bill(s, 44, "Законопроект за изменение и допълнение на Закона за опазване на околната среда", D(2026, 9, 4), "mps")
        add_consultation(s, 603, "Проект на Закон за изменение и допълнение на Закона за опазване на околната среда", D(2026, 4, 1))
        add_bill_document(s, 44, "Мотиви: проектът е бил публикуван на strategy.bg под № 603-К.")
    run(db_url)
    with session_scope(db_url) as s:
        assert [lk.target_id for lk in the_link(s, 41, "consultation")] == [601]
        assert the_link(s, 42, "consultation") == [] and the_link(s, 43, "consultation") == []
        (flagged,) = the_link(s, 44, "consultation")
        assert (flagged.flag, flagged.method, flagged.status) == (MP_FLAG, "explicit", "proposed")


# --------------------------------------------------------------------------- merged bills


def test_merged_bills_join_one_initiative(db_url):
    with session_scope(db_url) as s:
        add_bill(s, 51, "Законопроект за изменение и допълнение на Закона за хазарта", D(2026, 9, 4))
        add_bill(s, 52, "Законопроект за изменение и допълнение на Закона за хазарта", D(2026, 9, 9), "mps")
        add_consultation(s, 701, "Проект на Закон за изменение и допълнение на Закона за хазарта", D(2026, 3, 16), institution=MF)
    run(db_url)
    with session_scope(db_url) as s:
        first = s.scalar(select(Initiative).where(Initiative.bill_id == 51))
        first_id = first.id
    # The committee's unified bill arrives: both were merged into it.
    with session_scope(db_url) as s:
        add_bill(s, 53, "Общ законопроект за изменение и допълнение на Закона за хазарта", D(2026, 10, 1), "committee",
                 relations=[("union", 51), ("union", 52)])
        for bid in (51, 52):
            b = s.get(Bill, bid)
            b.merged_into_id, b.last_changed_at = 53, utcnow()
    report = run(db_url)
    with session_scope(db_url) as s:
        inits = s.scalars(select(Initiative).order_by(Initiative.id)).all()
        assert [(i.id, i.bill_id, i.initiator) for i in inits] == [(first_id, 53, "mixed")]
        merged = {lk.target_id for lk in the_link(s, 53, "bill")}
        assert merged == {51, 52}
        (own,) = the_link(s, 51, "consultation")
        assert (own.target_id, own.initiative_id) == (701, first_id)
    assert report.initiatives_removed == 1  # bill 52's own initiative went into the group's
    data = show_initiative_by(db_url, "52")
    assert data["initiative"]["id"] == first_id and {b["id"] for b in data["bills"]} == {51, 52, 53}
    assert [c["reg_num"] for c in data["consultations"]] == ["701-K"]


def show_initiative_by(url: str, ref: str) -> dict:
    with session_scope(url) as s:
        return show_initiative(s, ref)


# --------------------------------------------------------------------------- reading back


def test_show_and_list(db_url):
    _small_world(db_url)
    run(db_url)
    with session_scope(db_url) as s:
        sig = s.get(Bill, 11).signature
    by_sig, by_id = show_initiative_by(db_url, sig), show_initiative_by(db_url, "11")
    assert by_sig == by_id
    assert by_id["initiative"]["status"] == "proposed"
    assert [c["reg_num"] for c in by_id["consultations"]] == ["101-K"]
    assert [a["id"] for a in by_id["council_acts"]] == [201]
    link = by_id["consultations"][0]["links"][0]
    assert set(link) >= {"id", "method", "score", "margin", "status", "flag", "evidence"}
    assert link["evidence"]["law_similarity"] == 100.0
    with session_scope(db_url) as s:
        rows = list_initiatives(s)
        assert {r["bill_id"] for r in rows} == {11, 12, 13, 14}
        review = list_initiatives(s, status="review")
        assert [r["bill_id"] for r in review] == [13]
        assert [r["bill_id"] for r in list_initiatives(s, flag=MP_FLAG)] == [13]
        assert [r["bill_id"] for r in list_initiatives(s, status="unlinked")] == [14]
        with pytest.raises(UsageError):
            list_initiatives(s, status="bogus")
        with pytest.raises(LexwatchError, match="no bill"):
            show_initiative(s, "52-999-01-1")
