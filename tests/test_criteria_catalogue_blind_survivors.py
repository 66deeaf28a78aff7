"""The survivors of a blind mutation sample over criteria/catalogue (bench/mutation.py, sample "*6"):
the boundaries and evidence the *_explained, *_mutants and *_last_survivors files leave open.

A consultation opened on the very day of the decision, a справка published on the closing day, a
decision on the consultation's last day (its label), the submission date a link that is a breach
either way keeps, a file classified "report" as the motives, a budget passage the analyser gave no
text, the singular of a negative day count, and a consultation the portal closes before it opens.
"""
from __future__ import annotations

import datetime as dt

from criteria.catalogue._common import days_bg, days_en, working_days_bg, working_days_en
from test_criteria_consultation_explained import _review
from test_criteria_impact_mutants import BILL, CONSULTATION, _explained, _file, _untyped_case
from test_criteria_units import bill, com_case, consultation, doc, ini, run

D = dt.date
DECISION = {"council_decision": {"pris_id": 500, "doc_num": "1", "date": "2024-02-15", "source_url": None}}
GIVEN = {**CONSULTATION, "link_status": "given"}


# --------------------------------------------------------------------------- day counts


def test_a_count_of_minus_one_is_singular_and_minus_two_plural():
    # ±1 takes the singular in both languages; every other count (−2 included) the plural.
    assert [days_bg(n) for n in (1, -1, 2, -2)] == ["1 ден", "-1 ден", "2 дни", "-2 дни"]
    assert [days_en(n) for n in (1, -1, 2, -2)] == ["1 day", "-1 day", "2 days", "-2 days"]
    assert [working_days_bg(n) for n in (1, -1, 2, -2)] == ["1 работен ден", "-1 работен ден",
                                                             "2 работни дни", "-2 работни дни"]
    assert [working_days_en(n) for n in (1, -1, 2, -2)] == ["1 working day", "-1 working day",
                                                             "2 working days", "-2 working days"]


def test_a_consultation_closed_before_it_opened_has_no_known_length():
    # The portal's dates can be inverted (a data error): CONS-02 and CONS-03 say so and judge nothing,
    # where they once read "lasted only -1 day" and failed; the length is unknown, not negative.
    for opened in (D(2024, 1, 2), D(2024, 1, 3)):
        case = com_case(consultation(opened, D(2024, 1, 1)))
        for cid in ("CONS-02", "CONS-03"):
            f = run(case, cid)
            _explained(f, "UNKNOWN",
                       f"Консултацията 100-K е закрита (01.01.2024) преди да е открита ({opened:%d.%m.%Y}): датите на "
                       "портала са сгрешени и продължителността ѝ не е известна.",
                       f"Consultation 100-K closed (2024-01-01) before it opened ({opened.isoformat()}): the portal's "
                       "dates are wrong and its length is unknown.",
                       {**GIVEN, "date_open": opened.isoformat(), "date_close": "2024-01-01", "days": None,
                        "min_days": 30 if cid == "CONS-02" else 14})
            assert f.labels == ("dates_inverted",)
    # one day is still a length: closing the day it opened is 0 days, judged as such
    same_day = run(com_case(consultation(D(2024, 1, 1), D(2024, 1, 1))), "CONS-02")
    assert same_day.verdict.value == "FAIL" and same_day.evidence["days"] == 0


# --------------------------------------------------------------------------- CONS-01


def test_cons_01_either_way_keeps_the_submission_date():
    f = run(_review("violation_either_way"), "CONS-01")
    _explained(f, "FAIL",
               "Единствената възможна консултация (100-K) е била още открита при одобряването или внасянето на "
               "законопроекта: потвърдена, тя е проведена след решението (CONS-07); отхвърлена — законопроектът е "
               "внесен без консултация. Връзката чака преглед.",
               "The only possible consultation (100-K) was still open when the bill was approved or submitted: "
               "confirmed, it came after the decision (CONS-07); rejected, the bill had no consultation. "
               "The link awaits review.",
               {**BILL, "uncertain_consultations": "100-K", "either_way": True, "submitted_on": "2024-03-01",
                "council_decision": None})


def test_cons_01_a_consultation_opened_on_the_decision_day_is_after_it():
    # Opened the day the Council of Ministers approved the bill: nobody could have been heard first.
    f = run(com_case(consultation(D(2024, 2, 15), D(2024, 3, 16))), "CONS-01")
    _explained(f, "FAIL", "Консултацията 100-K е открита на 15.02.2024, след решението на МС от 15.02.2024.",
               "Consultation 100-K opened on 2024-02-15, after the Council of Ministers approved the bill on 2024-02-15.",
               {**BILL, **GIVEN, **DECISION, "date_open": "2024-02-15", "date_close": "2024-03-16",
                "submitted_on": "2024-03-01"})


# --------------------------------------------------------------------------- CONS-04


def test_cons_04_a_file_classified_as_a_report_stands_for_the_motives():
    # The portal types none of the files; the one classified "report" (доклад) is the motives' twin.
    case = _untyped_case(_file("bill_text", 1000), _file("report", 1001), _file("impact_assessment_partial", 1002))
    _explained(run(case, "CONS-04"), "PASS",
               "С консултацията 100-K са публикувани проектът, мотивите/докладът и оценката на въздействието.",
               "Consultation 100-K published the draft, the motives/report and the impact assessment.",
               {**CONSULTATION, "document_types": [], "missing": [],
                "document_kinds": ["bill_text", "impact_assessment_partial", "report"]})


# --------------------------------------------------------------------------- CONS-05


def test_cons_05_spravka_on_the_closing_day_is_not_before_the_close():
    f = run(com_case(consultation(spravka=D(2024, 1, 31))), "CONS-05")
    _explained(f, "PASS", "Справката е публикувана на 31.01.2024, преди решението на МС от 15.02.2024.",
               "The справка was published on 2024-01-31, before the Council of Ministers' decision of 2024-02-15.",
               {**GIVEN, **DECISION, "spravka_published": "2024-01-31", "submitted_on": "2024-03-01"})


# --------------------------------------------------------------------------- CONS-07


def test_cons_07_a_decision_on_the_last_day_is_labelled_same_day():
    f = run(com_case(dec=D(2024, 1, 31)), "CONS-07")
    _explained(f, "WARN", "МС е одобрил законопроекта в последния ден на консултацията (31.01.2024).",
               "The Council of Ministers approved the bill on the consultation's last day (2024-01-31).",
               {**GIVEN, "submitted_on": "2024-03-01",
                "council_decision": {**DECISION["council_decision"], "date": "2024-01-31"}})
    assert f.labels == ("same_day",)


# --------------------------------------------------------------------------- MOT-04


def test_mot_04_a_budget_passage_without_text_is_kept_empty():
    # The means element is present but its evidence carries no passage: listed, with an empty text
    # that reads as nothing, so the motives are taken to say nothing about money.
    means = {"key": "means", "present": True, "evidence": [{"rule": "heading"}, {"rule": "heading", "passage": None}]}
    d = doc("motives", analysis={"motives": {"found": 1, "of": 5, "elements": [means]}})
    f = run(ini(bill(), docs=[d]), "MOT-04")
    empty = {"source": "motives", "url": d.url, "passage": "", "reads_as": None}
    _explained(f, "N_A", "Мотивите и оценката не казват нищо за въздействието върху бюджета (виж MOT-02).",
               "The motives and the IA say nothing about a budget impact (see MOT-02).",
               {**BILL, "budget_passages": [empty, empty], "justification_files": [], "statement": None})
