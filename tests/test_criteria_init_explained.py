"""Every branch of the initiation criteria (Конституция чл. 87, УПМС чл. 30; INIT-01 … INIT-03) as a
reader meets it: the verdict, both explanations word for word and the evidence's fields.

test_criteria_units.py holds the thresholds; here each way a bill's initiation can be judged is
pinned with what the review UI shows for it, and the evidence's values where a reviewer reads them.
"""
from __future__ import annotations

import datetime as dt

import pytest

from criteria import initiative as I
from test_criteria_units import bill, com_case, consultation, ini, mp_bill, run

D = dt.date
COUNCIL = I.Sponsor("council_of_ministers", "Министерски съвет", None, 6167)
ONE_MP = I.Sponsor("mp", "ИВАН ПЕТРОВ", 4000)
PROXY_FLAG = "mp_bill_matches_ministry_draft"
NOT_MEASURED = ["governing_parties", "administrative_register", "minister_defends"]


def _link(target_id: int, status: str = "proposed", flag: str | None = PROXY_FLAG) -> I.Link:
    return I.Link(1, "consultation", target_id, "title_match", status, 0.93, flag)


def _short(cid: int = 100, opened: D = D(2025, 1, 1)) -> I.Consultation:
    """A ministry's draft consulted for 14 days, without a справка: no full consultation."""
    return consultation(opened, opened + dt.timedelta(days=14), cid=cid)


def _proxy(*cons: I.Consultation, links: list[I.Link] | None = None, **kw) -> I.Initiative:
    """An MP bill the linker found to match the ministry drafts `cons` (each with a proposed link)."""
    cons = cons or (_short(),)
    links = [_link(c.id) for c in cons] if links is None else links
    return ini(mp_bill(submitted_on=D(2025, 5, 1), **kw), cons=list(cons), links=links)


def _message_spravka() -> I.Consultation:
    """30 days, its справка published as a message on the page rather than as a file."""
    c = consultation(D(2025, 1, 1), D(2025, 1, 31))
    c.spravka_message_on = D(2025, 2, 5)
    return c


def _review_link() -> I.Initiative:
    return ini(bill(), cons=[consultation()], links=[_link(100, "review", None)])


SCENARIOS = {
    "INIT-01": {
        "council": ini(bill()),
        "one MP": ini(mp_bill(sponsors=[ONE_MP])),
        "a group of MPs": ini(mp_bill()),
        "mixed": ini(bill(initiator="mixed", sponsors=[COUNCIL, ONE_MP])),
        "mixed, MP signature": ini(bill(initiator="mixed", signature="50-454-01-1", sponsors=[COUNCIL, ONE_MP])),
        "signature only": ini(bill(sponsors=[])),
        "committee signature only": ini(bill(initiator="committee", signature="50-453-01-1", sponsors=[])),
        "old signature": ini(mp_bill(signature="454-01-1")),
        "MPs, committee signature": ini(mp_bill(signature="50-453-01-1")),
        "council, MP signature": ini(bill(signature="50-454-01-1")),
        "one MP, council signature": ini(mp_bill(signature="50-002-01-1", sponsors=[ONE_MP])),
        "MPs, unknown signature": ini(mp_bill(signature="50-499-01-1")),
        "nothing": ini(bill(signature="x", sponsors=[], initiator="unknown")),
    },
    "INIT-02": {
        "in the programme": com_case(consultation(D(2025, 12, 1), D(2025, 12, 31), program=5364)),
        "not in it, new portal": com_case(consultation(D(2025, 11, 17), D(2025, 12, 17))),
        "old portal": com_case(consultation(D(2025, 11, 16), D(2025, 12, 16))),
        "undated": com_case(consultation(None, None)),
        "link in review": _review_link(),
        "no consultation": ini(bill()),
        "MP bill": ini(mp_bill()),
    },
    "INIT-03": {
        "not compared": ini(mp_bill(), checked=False),
        "match in review": _proxy(links=[_link(100, "review")]),
        "a match": _proxy(),
        "a match and one in review": _proxy(_short(), _short(101, D(2025, 2, 1)), links=[_link(100), _link(101, "review")]),
        "two matches": _proxy(_short(), _short(101, D(2025, 2, 1))),
        "match not loaded": _proxy(links=[_link(555)]),
        "full consultation": _proxy(consultation(D(2025, 1, 1), D(2025, 1, 31), spravka=D(2025, 2, 5))),
        "full, справка as a message": _proxy(_message_spravka()),
        "29 days with a справка": _proxy(consultation(D(2025, 1, 1), D(2025, 1, 30), spravka=D(2025, 2, 5))),
        "30 days, no справка": _proxy(consultation(D(2025, 1, 1), D(2025, 1, 31))),
        "undated draft with a справка": _proxy(consultation(None, D(2025, 1, 31), spravka=D(2025, 2, 5))),
        "no closing date with a справка": _proxy(consultation(D(2025, 1, 1), None, spravka=D(2025, 2, 5))),
        "one full of two": _proxy(consultation(D(2025, 1, 1), D(2025, 1, 31), spravka=D(2025, 2, 5)),
                                  _short(101, D(2025, 2, 1))),
        "another flag": _proxy(links=[_link(100, flag="other")]),
        "rejected match": _proxy(links=[_link(100, "rejected")]),
        "no match": ini(mp_bill()),
        "committee bill": ini(mp_bill(initiator="committee")),
        "mixed": ini(bill(initiator="mixed")),
        "council": ini(bill()),
    },
}

_BILL = "bill_id signature source_url"
_INIT01 = "bill_id by_signature by_sponsors signature signature_code source_url sponsor_council_of_ministers sponsors_mps"
_INIT01_FOUND = "bill_id by_signature by_sponsors initiator signature signature_code source_url sponsor_council_of_ministers sponsors_mps"
_INIT02 = "consultation consultation_url date_close date_open legislative_program_id link_status"
_INIT03 = "bill_id score signals_not_measured signature source_url"
_INIT03_MATCHED = "bill_id matched_ministry_drafts score signals_not_measured signature source_url"
_INIT03_LOWERED = "bill_id matched_ministry_drafts score signal_lowered_by_full_consultation signals_not_measured signature source_url"
_PROXY_BG = "Законопроектът на народни представители съвпада с проект на министерство ({})."
_PROXY_EN = "The MP bill matches a ministry's draft ({})."
_LOWERED = ("PASS", "Съвпадение с проект на министерство има, но проектът е минал пълна консултация.",
            "It matches a ministry draft, but that draft went through a full consultation.", _INIT03_LOWERED)
_NO_SIGN = ("PASS", "Не е открит признак за законопроект на правителството, внесен чрез народни представители.",
            "No sign of a government bill tabled through MPs was found.", _INIT03)
_ONLY_MPS = ("N_A", "Критерият се прилага само за законопроекти на народни представители.",
             "The criterion applies only to bills of MPs.", "initiator")
_NOT_IN_PROGRAMME = ("WARN", "Консултацията 100-K не е свързана със законодателната програма на МС.",
                     "Consultation 100-K is not linked to the Council of Ministers' legislative programme.", _INIT02)


EXPECTED = {
    "INIT-01": {
        "council": ("PASS", "Вносител: Министерски съвет (по вносителите).",
                    "Initiator: the Council of Ministers (from the sponsors).", _INIT01_FOUND),
        "one MP": ("PASS", "Вносител: народен представител (по вносителите).",
                   "Initiator: one MP (from the sponsors).", _INIT01_FOUND),
        "a group of MPs": ("PASS", "Вносител: група народни представители (по вносителите).",
                           "Initiator: a group of MPs (from the sponsors).", _INIT01_FOUND),
        "mixed": ("PASS", "Вносител: смесен (МС и народни представители) (по вносителите).",
                  "Initiator: mixed (Council of Ministers and MPs) (from the sponsors).", _INIT01_FOUND),
        "mixed, MP signature": ("PASS", "Вносител: смесен (МС и народни представители) (по вносителите).",
                                "Initiator: mixed (Council of Ministers and MPs) (from the sponsors).", _INIT01_FOUND),
        "signature only": ("PASS", "Вносител: Министерски съвет (само по сигнатурата 50-002-01-1).",
                           "Initiator: the Council of Ministers (from the signature 50-002-01-1 only).", _INIT01_FOUND),
        "committee signature only": ("PASS", "Вносител: комисия / общ законопроект (само по сигнатурата 50-453-01-1).",
                                     "Initiator: a committee / unified bill (from the signature 50-453-01-1 only).",
                                     _INIT01_FOUND),
        "old signature": ("PASS", "Вносител: група народни представители (по вносителите).",
                          "Initiator: a group of MPs (from the sponsors).", _INIT01_FOUND),
        "MPs, committee signature": ("UNKNOWN", "Вносителите (група народни представители) и сигнатурата 50-453-01-1 (код 53) си противоречат.",
                                     "The sponsors (a group of MPs) and the signature 50-453-01-1 (code 53) disagree.", _INIT01),
        "council, MP signature": ("UNKNOWN", "Вносителите (Министерски съвет) и сигнатурата 50-454-01-1 (код 54) си противоречат.",
                                  "The sponsors (the Council of Ministers) and the signature 50-454-01-1 (code 54) disagree.", _INIT01),
        "one MP, council signature": ("UNKNOWN", "Вносителите (народен представител) и сигнатурата 50-002-01-1 (код 02) си противоречат.",
                                      "The sponsors (one MP) and the signature 50-002-01-1 (code 02) disagree.", _INIT01),
        "MPs, unknown signature": ("PASS", "Вносител: група народни представители (по вносителите).",
                                   "Initiator: a group of MPs (from the sponsors).", _INIT01_FOUND),
        "nothing": ("UNKNOWN", "Вносителят не може да се определи: няма вносители в данните и сигнатурата не е разпозната.",
                    "The initiator cannot be told: no sponsors in the data and the signature is not recognised.", _INIT01),
    },
    "INIT-02": {
        "in the programme": ("PASS", "Консултацията 100-K е свързана със законодателна програма (№ 5364).",
                             "Consultation 100-K is linked to legislative programme 5364.", _INIT02),
        "not in it, new portal": _NOT_IN_PROGRAMME,
        "old portal": ("UNKNOWN", "Консултацията 100-K е от стария портал (16.11.2025), който не пази връзка с програмата.",
                       "Consultation 100-K comes from the old portal (2025-11-16), which kept no programme link.", _INIT02),
        "undated": _NOT_IN_PROGRAMME,
        "link in review": ("UNKNOWN", "Връзката с консултация е несигурна (за преглед), затова програмата не може да се провери.",
                           "The link to a consultation awaits review, so the programme cannot be checked.", _BILL),
        "no consultation": ("UNKNOWN", "Няма свързана консултация на strategy.bg, а връзката с програмата се пази в нея.",
                            "No strategy.bg consultation is linked, and that is where the programme link is kept.", _BILL),
        "MP bill": ("N_A", "Критерият се прилага само за законопроекти на Министерския съвет.",
                    "The criterion applies only to Council of Ministers bills.", "initiator"),
    },
    "INIT-03": {
        "not compared": ("UNKNOWN", "Законопроектът още не е сравнен с проектите на министерствата.",
                         "The bill has not yet been compared with the ministries' drafts.", _BILL),
        "match in review": ("UNKNOWN", "Възможно съвпадение с проект на министерство очаква преглед от екипа.",
                            "A possible match with a ministry's draft awaits staff review.",
                            "awaiting_review bill_id signals_not_measured signature source_url"),
        "a match": ("WARN", _PROXY_BG.format("100-K"), _PROXY_EN.format("100-K"), _INIT03_MATCHED),
        "a match and one in review": ("WARN", _PROXY_BG.format("100-K"), _PROXY_EN.format("100-K"), _INIT03_MATCHED),
        "two matches": ("WARN", _PROXY_BG.format("100-K, 101-K"), _PROXY_EN.format("100-K, 101-K"), _INIT03_MATCHED),
        "match not loaded": ("WARN", _PROXY_BG.format("555"), _PROXY_EN.format("555"), _INIT03_MATCHED),
        "full consultation": _LOWERED,
        "full, справка as a message": _LOWERED,
        "29 days with a справка": ("WARN", _PROXY_BG.format("100-K"), _PROXY_EN.format("100-K"), _INIT03_MATCHED),
        "30 days, no справка": ("WARN", _PROXY_BG.format("100-K"), _PROXY_EN.format("100-K"), _INIT03_MATCHED),
        "undated draft with a справка": ("WARN", _PROXY_BG.format("100-K"), _PROXY_EN.format("100-K"), _INIT03_MATCHED),
        "no closing date with a справка": ("WARN", _PROXY_BG.format("100-K"), _PROXY_EN.format("100-K"), _INIT03_MATCHED),
        # One matched draft went through a full consultation: that lowers the one measured signal.
        "one full of two": _LOWERED,
        "another flag": _NO_SIGN,
        "rejected match": _NO_SIGN,
        "no match": _NO_SIGN,
        "committee bill": _NO_SIGN,
        "mixed": _ONLY_MPS,
        "council": _ONLY_MPS,
    },
}


@pytest.mark.parametrize("cid, case", [(cid, name) for cid, cases in SCENARIOS.items() for name in cases])
def test_init_branch_explained(cid, case):
    found = run(SCENARIOS[cid][case], cid)
    verdict, bg, en, evidence = EXPECTED[cid][case]
    assert (found.verdict.value, found.explanation_bg, found.explanation_en) == (verdict, bg, en)
    assert " ".join(sorted(found.evidence)) == evidence


# INIT-01: (sponsors_mps, sponsor_council_of_ministers, signature_code, by_signature, by_sponsors, initiator)
INIT01_EVIDENCE = {
    "council": (0, True, "02", "CoM", "CoM", "CoM"),
    "one MP": (1, False, "54", "MP", "MP", "MP"),
    "a group of MPs": (2, False, "54", "MP", "MP-group", "MP-group"),
    "mixed": (1, True, "02", "CoM", "mixed", "mixed"),
    "mixed, MP signature": (1, True, "54", "MP", "mixed", "mixed"),
    "signature only": (0, False, "02", "CoM", None, "CoM"),
    "committee signature only": (0, False, "53", "committee", None, "committee"),
    "old signature": (2, False, "54", "MP", "MP-group", "MP-group"),
    "MPs, committee signature": (2, False, "53", "committee", "MP-group", None),
    "council, MP signature": (0, True, "54", "MP", "CoM", None),
    "one MP, council signature": (1, False, "02", "CoM", "MP", None),
    "MPs, unknown signature": (2, False, "99", None, "MP-group", "MP-group"),
    "nothing": (0, False, None, None, None, None),
}


@pytest.mark.parametrize("case", list(INIT01_EVIDENCE))
def test_init_01_evidence_and_confidence(case):
    found = run(SCENARIOS["INIT-01"][case], "INIT-01")
    b = SCENARIOS["INIT-01"][case].bill
    mps, council, code, by_signature, by_sponsors, initiator = INIT01_EVIDENCE[case]
    expected = {"bill_id": 1, "signature": b.signature, "source_url": None, "sponsors_mps": mps,
                "sponsor_council_of_ministers": council, "signature_code": code, "by_signature": by_signature,
                "by_sponsors": by_sponsors}
    if initiator is not None:
        expected["initiator"] = initiator
    assert found.evidence == expected
    # Plain codes, as stored and shown: not the enum members that compare equal to them.
    assert all(type(found.evidence[k]) in (str, type(None)) for k in ("by_signature", "by_sponsors", "signature_code"))
    # Told from the sponsors the classification is certain; from the signature alone (or not at all,
    # the criterion's own C2), less so.
    assert found.confidence == ("C" if initiator and by_sponsors else "C2")


def test_init_02_evidence_names_the_consultation_and_its_programme():
    linked = run(SCENARIOS["INIT-02"]["in the programme"], "INIT-02").evidence
    assert linked == {"consultation": "100-K", "date_open": "2025-12-01", "date_close": "2025-12-31",
                      "consultation_url": "https://strategy.bg/bg/public-consultations/100", "link_status": "given",
                      "legislative_program_id": 5364}
    old = run(SCENARIOS["INIT-02"]["old portal"], "INIT-02").evidence
    assert (old["date_open"], old["legislative_program_id"]) == ("2025-11-16", None)
    assert run(SCENARIOS["INIT-02"]["no consultation"], "INIT-02").evidence == {
        "bill_id": 1, "signature": "50-002-01-1", "source_url": None}


def test_init_02_in_review_only_when_no_consultation_is_linked():
    # A second consultation whose link awaits review does not hide the linked one's programme.
    case = com_case(consultation(D(2025, 12, 1), D(2025, 12, 31), program=5364))
    case.consultations.append(consultation(D(2025, 12, 1), D(2025, 12, 31), cid=101))
    case.links.append(_link(101, "review", None))
    assert run(case, "INIT-02").verdict.value == "PASS"


def _item(cid: int, opened: D, closed: D) -> dict:
    return {"target_type": "consultation", "target_id": cid, "method": "title_match", "score": 0.93,
            "consultation": f"{cid}-K", "date_open": opened.isoformat(), "date_close": closed.isoformat(),
            "consultation_url": f"https://strategy.bg/bg/public-consultations/{cid}"}


def test_init_03_evidence_of_each_match():
    matched = run(SCENARIOS["INIT-03"]["two matches"], "INIT-03").evidence
    assert matched == {"bill_id": 1, "signature": "50-454-01-1", "source_url": None,
                       "signals_not_measured": NOT_MEASURED, "score": 1,
                       "matched_ministry_drafts": [_item(100, D(2025, 1, 1), D(2025, 1, 15)),
                                                   _item(101, D(2025, 2, 1), D(2025, 2, 15))]}
    # A match whose consultation is not in the initiative: only the link's own fields.
    assert run(SCENARIOS["INIT-03"]["match not loaded"], "INIT-03").evidence["matched_ministry_drafts"] == [
        {"target_type": "consultation", "target_id": 555, "method": "title_match", "score": 0.93}]
    lowered = run(SCENARIOS["INIT-03"]["one full of two"], "INIT-03").evidence
    assert (lowered["signal_lowered_by_full_consultation"], lowered["score"]) == (["100-K"], 0)
    assert [m["consultation"] for m in lowered["matched_ministry_drafts"]] == ["100-K", "101-K"]
    message = run(SCENARIOS["INIT-03"]["full, справка as a message"], "INIT-03").evidence
    assert (message["signal_lowered_by_full_consultation"], message["score"]) == (["100-K"], 0)
    assert run(SCENARIOS["INIT-03"]["no match"], "INIT-03").evidence == {
        "bill_id": 1, "signature": "50-454-01-1", "source_url": None, "signals_not_measured": NOT_MEASURED, "score": 0}


def test_init_03_evidence_of_a_match_in_review():
    ev = run(SCENARIOS["INIT-03"]["match in review"], "INIT-03").evidence
    assert ev == {"bill_id": 1, "signature": "50-454-01-1", "source_url": None, "signals_not_measured": NOT_MEASURED,
                  "awaiting_review": [{"target_type": "consultation", "target_id": 100, "method": "title_match",
                                       "score": 0.93}]}
    # Beside a linked match, the one in review is not listed: the linked one decides.
    both = run(SCENARIOS["INIT-03"]["a match and one in review"], "INIT-03").evidence
    assert "awaiting_review" not in both and [m["target_id"] for m in both["matched_ministry_drafts"]] == [100]


def test_init_03_threshold_decides_a_match_without_full_consultation():
    from criteria.thresholds import defaults

    # Under the catalogue's stricter "2 of 4 signals" one match passes, and the explanation says why:
    # it used to say the draft "went through a full consultation", which this one (14 days, no
    # справка) did not.
    two = defaults().with_overrides({"INIT-03": {"min_signals": 2}})
    found = run(SCENARIOS["INIT-03"]["a match"], "INIT-03", two)
    assert (found.verdict.value, found.explanation_bg, found.explanation_en) == (
        "PASS", "Съвпадение с проект на министерство има (100-K), но измерените признаци (1) са под прага (2).",
        "It matches a ministry draft (100-K), but the measured signals (1) are below the threshold (2).")
    assert found.evidence["score"] == 1 and "signal_lowered_by_full_consultation" not in found.evidence
    # A consulted draft is still told as such under that threshold.
    lowered = run(SCENARIOS["INIT-03"]["full consultation"], "INIT-03", two)
    assert (lowered.verdict.value, lowered.explanation_en) == (
        "PASS", "It matches a ministry draft, but that draft went through a full consultation.")
    # Two unconsulted matches are still one signal (the match), below 2.
    assert run(SCENARIOS["INIT-03"]["two matches"], "INIT-03", two).explanation_en == (
        "It matches a ministry draft (100-K, 101-K), but the measured signals (1) are below the threshold (2).")
    # A shorter "full" consultation setting makes the 29-day one full.
    short = defaults().with_overrides({"INIT-03": {"full_consultation_days": 29}})
    assert run(SCENARIOS["INIT-03"]["29 days with a справка"], "INIT-03", short).verdict.value == "PASS"
