"""criteria/facts.py's link and decision facts on their own: which of several links to one target
counts, which ПРИС acts are linked, which decision approved the bill, and when the promulgated
text's analysis is there to read.

The catalogue tests reach these through verdicts of whole criteria; these pin the choices
themselves on the smallest inputs that tell them apart.
"""
from __future__ import annotations

import datetime as dt

from criteria import initiative as I
from criteria.facts import Facts
from criteria.thresholds import defaults

D = dt.date


def facts(*, links=(), acts=(), cons=(), texts=(), submitted: D | None = D(2024, 3, 1)) -> Facts:
    bill = I.Bill(id=1, signature="50-002-01-1", title="Законопроект", initiator="council_of_ministers",
                  status="submitted", submitted_on=submitted)
    ini = I.Initiative(bills=[bill], links=list(links), council_acts=list(acts), consultations=list(cons),
                       act_texts=list(texts), links_checked=True)
    return Facts(ini, defaults(), D(2026, 11, 1))


def link(status: str, target_id: int = 100, kind: str = "consultation", bill_id: int = 1) -> I.Link:
    return I.Link(bill_id, kind, target_id, "explicit", status)


def test_the_strongest_of_several_links_to_one_target_counts():
    ranked = [("proposed", "review", "proposed"), ("review", "proposed", "proposed"), ("review", "rejected", "review"),
              ("rejected", "confirmed", "confirmed"), ("confirmed", "proposed", "confirmed"),
              ("superseded", "rejected", "rejected"), ("rejected", "superseded", "rejected"),
              ("superseded", "withdrawn", "superseded")]  # two unknown statuses: the first stays
    for first, second, expected in ranked:
        f = facts(links=[link(first, bill_id=1), link(second, bill_id=2)])
        assert f.link_status("consultation", 100) == expected, (first, second)
    f = facts(links=[link("rejected", 100, "council_act")])
    assert f.link_status("consultation", 100) == "given"  # another kind of target with the same id
    assert f.link_status("council_act", 100) == "rejected"


def act(pid: int, day: D | None, approves: bool = True) -> I.CouncilAct:
    return I.CouncilAct(id=pid, doc_date=day, doc_num=str(pid), act_type="Решения", approves_bill=approves)


def test_council_acts_are_the_linked_ones_with_their_status():
    acts = [act(1, D(2024, 1, 1)), act(2, D(2024, 1, 2)), act(3, D(2024, 1, 3)), act(4, D(2024, 1, 4))]
    f = facts(acts=acts, links=[link("review", 2, "council_act"), link("rejected", 3, "council_act"),
                                link("proposed", 4, "council_act")])
    assert [(a.id, s) for a, s in f.council_acts] == [(1, "given"), (4, "proposed")]


def test_the_decision_is_the_latest_approval_not_after_submission():
    before, after = act(1, D(2024, 2, 20)), act(2, D(2024, 3, 5))
    earlier = act(3, D(2024, 1, 10))
    assert facts(acts=[after, before, earlier]).decision is before
    assert facts(acts=[after, before]).decision_date == D(2024, 2, 20)
    assert facts(acts=[after, act(4, D(2024, 4, 1))]).decision.id == 4  # none before: the latest of all
    assert facts(acts=[after], submitted=None).decision is after
    # an approving decision is preferred to any other act; undated acts are left out
    other = act(5, D(2024, 2, 25), approves=False)
    assert facts(acts=[other, before]).decision is before
    assert facts(acts=[other, act(6, None, approves=False)]).decision is other
    # an undated approval is still the approval: another act does not stand in for its date
    assert facts(acts=[other, act(6, None)]).decision is None
    assert facts(acts=[act(6, None)]).decision is None and facts().decision_date is None
    assert facts(acts=[before], links=[link("rejected", 1, "council_act")]).decision is None


def text(bill_id: int, analysis: dict | None) -> I.ActText:
    return I.ActText(bill_id=bill_id, analysis=analysis)


def test_the_act_analysis_only_when_available():
    assert facts(texts=[text(1, {"available": False, "promulgation_date": "2024-05-01"})]).act_analysis is None
    assert facts(texts=[text(1, {"promulgation_date": "2024-05-01"})]).act_analysis == {"promulgation_date": "2024-05-01"}
    assert facts(texts=[text(1, {"available": True})]).act_analysis == {"available": True}
    assert facts(texts=[text(1, {})]).act_analysis is None and facts(texts=[text(1, None)]).act_analysis is None
    assert facts().act_analysis is None
    # the primary bill's text, else the first one given
    own, other = text(1, {"available": True, "k": 1}), text(9, {"available": True, "k": 9})
    assert facts(texts=[other, own]).act_text is own and facts(texts=[other]).act_text is other


def test_the_initiator_falls_back_to_the_initiatives_row():
    def of(bill_initiator: str, row_initiator: str | None) -> str | None:
        bill = I.Bill(id=1, signature="s", title="t", initiator=bill_initiator, status="submitted", submitted_on=None)
        return Facts(I.Initiative(bills=[bill], initiator=row_initiator), defaults(), D(2026, 11, 1)).initiator

    assert of("unknown", "mps") == "mps"
    assert of("mps", "council_of_ministers") == "mps"
    assert of("unknown", None) is None and of("unknown", "unknown") is None and of("??", "committee") == "committee"


def stage(day: D, cls: str) -> I.Stage:
    return I.Stage(day, None, None, classification=cls)


def test_the_second_plenary_is_the_first_second_reading_sitting_after_the_first_vote():
    def second_plenary(*stages: I.Stage) -> D | None:
        bill = I.Bill(id=1, signature="s", title="t", initiator="mps", status="adopted", submitted_on=None,
                      stages=list(stages))
        return Facts(I.Initiative(bills=[bill]), defaults(), D(2026, 11, 1)).second_plenary

    first = stage(D(2024, 4, 10), "first_reading_passed")
    assert second_plenary(first, stage(D(2024, 5, 1), "second_reading_debated"),
                          stage(D(2024, 5, 8), "second_reading_passed")) == D(2024, 5, 1)
    assert second_plenary(first, stage(D(2024, 5, 8), "second_reading_passed"),
                          stage(D(2024, 5, 20), "second_reading_scheduled")) == D(2024, 5, 8)
    # a second-reading row dated before the first vote is a mis-dated one, not the sitting
    assert second_plenary(first, stage(D(2024, 4, 1), "second_reading_debated")) is None
    assert second_plenary(stage(D(2024, 6, 2), "both_readings_passed")) == D(2024, 6, 2)


def test_the_best_linked_consultation_wins_before_the_latest_opened():
    def cons(cid: int, opened: D) -> I.Consultation:
        return I.Consultation(id=cid, reg_num=f"{cid}-K", title="Проект", date_open=opened, date_close=opened + dt.timedelta(days=30))

    early, late = cons(100, D(2023, 11, 1)), cons(101, D(2024, 1, 5))
    f = facts(cons=[early, late], links=[link("confirmed", 100), link("proposed", 101)])
    assert f.consultation is early and f.consultation_days == 30
    assert facts(cons=[early, late]).consultation is late  # both given: the latest opened before submission
    after = cons(102, D(2024, 4, 1))
    assert facts(cons=[early, after]).consultation is early  # opened after submission: only if nothing else
    assert facts(cons=[after]).consultation is after


def test_files_that_failed_to_read_leave_the_bill_unclassified():
    def classified(*docs: I.Document) -> bool:
        bill = I.Bill(id=1, signature="s", title="t", initiator="mps", status="submitted", submitted_on=None)
        return Facts(I.Initiative(bills=[bill], documents=list(docs)), defaults(), D(2026, 11, 1)).bill_documents_classified

    def doc(**kw) -> I.Document:
        values = dict(owner_type="bill", owner_id=1, url="u", classification="motives", status="ok", has_text=True)
        values.update(kw)
        return I.Document(**values)

    assert classified(doc())
    assert not classified(doc(), doc(url="v", status="error"))
    assert not classified(doc(), doc(url="v", is_scanned=True))
    assert not classified(doc(), doc(url="v", analysis={"unreadable": True}))
    assert not classified(doc(classification="order"))  # the chair's order alone says nothing
    assert not classified(doc(classification=None)) and not classified()


def test_document_kinds_and_the_adoption_date():
    from criteria.facts import doc_kinds

    d = I.Document("bill", 1, "u", classification=None,
                   analysis={"classification": {"kind": "motives", "contains": ["impact_assessment_partial", 3]}})
    assert doc_kinds(d) == {"motives", "impact_assessment_partial"}
    assert doc_kinds(I.Document("bill", 1, "u", classification="bill_text", analysis={"classification": "x"})) == {"bill_text"}

    def adoption(status: str, adopted_on: D | None) -> D | None:
        bill = I.Bill(id=1, signature="s", title="t", initiator="mps", status=status, submitted_on=None,
                      adopted_on=adopted_on, stages=[stage(D(2024, 5, 8), "second_reading_passed")])
        return Facts(I.Initiative(bills=[bill]), defaults(), D(2026, 11, 1)).adoption_date

    assert adoption("adopted", None) == D(2024, 5, 8)  # the second vote when the date is not given
    assert adoption("adopted", D(2024, 5, 9)) == D(2024, 5, 9)
    assert adoption("first_reading_passed", None) is None


def test_bill_documents_are_the_bills_own_and_a_same_day_consultation_counts_as_before():
    own = I.Document("bill", 1, "https://www.parliament.bg/a.pdf", classification="motives")
    other_bill = I.Document("bill", 2, "https://www.parliament.bg/b.pdf", classification="motives")
    same_id = I.Document("consultation", 1, "https://strategy.bg/c", classification="motives")  # a consultation with id 1
    f = facts()
    f.ini.documents = [own, other_bill, same_id]
    assert f.bill_documents == [own]

    def cons(cid: int, opened: D) -> I.Consultation:
        return I.Consultation(id=cid, reg_num=f"{cid}-K", title="Проект", date_open=opened, date_close=None)

    same_day, earlier = cons(100, D(2024, 3, 1)), cons(101, D(2024, 2, 1))  # the bill came on 2024-03-01
    assert facts(cons=[same_day, earlier]).consultation is same_day
