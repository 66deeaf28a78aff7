"""The last survivors of the catalogue's mutation run (bench/mutation.py, sample "*8"): the paths the
branch tables of the *_explained files and the *_mutants files leave open.

Consultation files that only their classification types (kinds gathered over all of them), a new
law whose consultation has the full impact assessment, a справка published on the very day of the
decision or of the submission, the message that stands in for a справка kept in the evidence, the
[P] confidence of the threshold branches (CONS-06, IA-04, LT-01), a non-lead committee's dated
chronology row (NA-01) and the express wording "има обратно действие" beside a "считано от".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from criteria import initiative as I
from test_criteria_consultation_explained import _message
from test_criteria_ia04_mot04 import _ia
from test_criteria_impact_mutants import BILL, CONFIRMED, CONSULTATION, NEW, _explained, _file, _untyped_case
from test_criteria_parliament_explained import OTHER, _report
from test_criteria_technique_mutants import _clause, _lt04
from test_criteria_units import LEAD, _act, _adopted, bill, com_case, consultation, doc, ini, run

D = dt.date
# The typed files test_criteria_units.consultation lists (DOCS_ALL), as CONS-04's evidence sorts them.
TYPES = ["Доклад", "Мотиви", "Оценка на въздействие", "Проект на акт",
         "Становище на администрацията на Министерския съвет"]
DECISION = {"council_decision": {"pris_id": 500, "doc_num": "1", "date": "2024-02-15", "source_url": None}}
# CONS-05's evidence without a link record for the consultation: its status is "given".
GIVEN = {**CONSULTATION, "link_status": "given"}


def _typed_case(*files: I.Document, title: str = NEW) -> I.Initiative:
    """A CoM bill whose confirmed consultation lists every typed file, with `files` downloaded from it."""
    case = com_case(title=title)
    case.links = list(CONFIRMED)
    case.documents = list(files)
    return case


# --------------------------------------------------------------------------- CONS-04


def test_cons_04_gathers_the_kinds_of_every_classified_file():
    # The portal types none of the files ("Други"); each downloaded one is a different document, and
    # only all three together make the draft, the motives and the IA.
    case = _untyped_case(_file("bill_text", 1000), _file("motives", 1001), _file("impact_assessment_partial", 1002))
    _explained(run(case, "CONS-04"), "PASS",
               "С консултацията 100-K са публикувани проектът, мотивите/докладът и оценката на въздействието.",
               "Consultation 100-K published the draft, the motives/report and the impact assessment.",
               {**CONSULTATION, "document_types": [], "missing": [],
                "document_kinds": ["bill_text", "impact_assessment_partial", "motives"]})


def test_cons_04_a_new_law_with_a_full_ia_passes():
    # A new law (IA-02 asks a full IA) whose consultation has the full one beside a partial one.
    case = _typed_case(_file("impact_assessment_partial", 1000), _file("impact_assessment_full", 1001))
    _explained(run(case, "CONS-04"), "PASS",
               "С консултацията 100-K са публикувани проектът, мотивите/докладът и оценката на въздействието.",
               "Consultation 100-K published the draft, the motives/report and the impact assessment.",
               {**CONSULTATION, "document_types": TYPES, "missing": [],
                "document_kinds": ["impact_assessment_full", "impact_assessment_partial"]})
    # A new law whose IA only the portal's type names (no file classified) is not held to be partial.
    assert run(_typed_case(), "CONS-04").verdict.value == "PASS"


def test_cons_04_a_new_law_with_only_a_partial_ia_warns_with_its_evidence():
    f = run(_typed_case(_file("impact_assessment_partial", 1000)), "CONS-04")
    _explained(f, "WARN", "За нов закон е публикувана само частична оценка на въздействието (изисква се цялостна).",
               "Only a partial impact assessment was published for a new law (a full one is required).",
               {**CONSULTATION, "document_types": TYPES, "missing": [], "document_kinds": ["impact_assessment_partial"]})
    assert f.confidence == "C2"
    # An amending law is held to the partial IA only.
    assert run(_typed_case(_file("impact_assessment_partial", 1000), title=bill().title), "CONS-04").verdict.value == "PASS"


# --------------------------------------------------------------------------- CONS-05


def test_cons_05_spravka_on_the_decision_day_is_before_the_decision():
    f = run(com_case(consultation(spravka=D(2024, 2, 15))), "CONS-05")
    _explained(f, "PASS", "Справката е публикувана на 15.02.2024, преди решението на МС от 15.02.2024.",
               "The справка was published on 2024-02-15, before the Council of Ministers' decision of 2024-02-15.",
               {**GIVEN, **DECISION, "spravka_published": "2024-02-15", "submitted_on": "2024-03-01"})


def test_cons_05_spravka_on_the_submission_day_is_not_after_it():
    f = run(com_case(consultation(spravka=D(2024, 3, 1))), "CONS-05")
    _explained(f, "WARN", "Справката е публикувана на 01.03.2024, след решението на МС от 15.02.2024, но преди внасянето.",
               "The справка was published on 2024-03-01, after the decision of 2024-02-15 but before submission.",
               {**GIVEN, **DECISION, "spravka_published": "2024-03-01", "submitted_on": "2024-03-01"})


def test_cons_05_evidence_keeps_the_message_and_its_date():
    f = run(_message(D(2024, 2, 10), "first_seen"), "CONS-05")
    _explained(f, "PASS", "Справката е публикувана на 10.02.2024, преди решението на МС от 15.02.2024.",
               "The справка was published on 2024-02-10, before the Council of Ministers' decision of 2024-02-15.",
               {**GIVEN, **DECISION, "spravka_published": "2024-02-10", "submitted_on": "2024-03-01",
                "spravka_message_on": "2024-02-10", "spravka_message_dated_by": "first_seen"})
    # Beside a справка file the file dates the справка, and the message is still shown.
    both = com_case(replace(consultation(spravka=D(2024, 2, 5)), spravka_message_on=D(2024, 2, 12),
                            spravka_message_dated_by="page"))
    f = run(both, "CONS-05")
    assert (f.verdict.value, f.evidence["spravka_published"], f.evidence["spravka_message_on"],
            f.evidence["spravka_message_dated_by"]) == ("PASS", "2024-02-05", "2024-02-12", "page")


# --------------------------------------------------------------------------- CONS-06


def _analysed(rejected: int, reasons: int) -> I.Initiative:
    """Two analysed справки, one of the consultation and one filed with the bill, splitting the rows."""
    case = com_case(consultation(spravka=D(2024, 2, 10)))
    case.links = list(CONFIRMED)
    half = rejected // 2
    case.documents += [
        doc("consultation_report", owner="consultation", owner_id=100, url="https://strategy.bg/download/10099",
            analysis={"spravka": {"accepted": 2, "rejected": half, "with_reasons": min(reasons, half)}}),
        doc("consultation_report", url="https://www.parliament.bg/bills/50/50-002-01-1-spravka.pdf",
            analysis={"spravka": {"accepted": 1, "rejected": rejected - half, "with_reasons": max(reasons - half, 0)}}),
    ]
    return case


SPRAVKI = ["https://strategy.bg/download/10099", "https://www.parliament.bg/bills/50/50-002-01-1-spravka.pdf"]


def test_cons_06_threshold_branches_carry_the_p_confidence_and_the_files():
    for reasons, verdict, confidence in ((9, "PASS", "C2/P"), (6, "WARN", "P"), (4, "FAIL", "P")):
        f = run(_analysed(10, reasons), "CONS-06")
        share = f"{reasons * 10}%"
        _explained(f, verdict, f"{reasons} от 10 неприети предложения са с мотиви ({share}).",
                   f"{reasons} of 10 rejected proposals carry reasons ({share}).",
                   {**BILL, **CONSULTATION, "spravka_files": SPRAVKI, "rejected": 10, "with_reasons": reasons,
                    "reasons_share": reasons / 10})
        assert f.confidence == confidence, reasons


# --------------------------------------------------------------------------- IA-04


def test_ia_04_warn_is_a_p_threshold():
    f = run(ini(bill(), docs=[_ia(5)]), "IA-04")  # 5 of the partial form's 8: 0.625
    assert (f.verdict.value, f.confidence, f.evidence["score"]) == ("WARN", "P", 0.625)
    assert run(ini(bill(), docs=[_ia(6)]), "IA-04").confidence == "C2/P"  # the PASS keeps the criterion's tag


# --------------------------------------------------------------------------- NA-01


def test_na_01_dated_rows_of_other_committees_are_not_the_leads_acts():
    # Another committee sat and the plenary was scheduled within 3 days; only the lead's report of
    # 20.03 is the lead's own act, so the distribution cannot be dated.
    rows = [I.Stage(D(2024, 3, 2), "комисии първо гласуване", "приет", "steno_com", None, OTHER.committee_id, OTHER.name),
            I.Stage(D(2024, 3, 3), "зала първо гласуване", "насрочен")]
    f = run(ini(bill(committees=[LEAD, OTHER], reports=_report(D(2024, 3, 20)), stages=rows)), "NA-01")
    _explained(f, "UNKNOWN", "Датата на разпределение не се публикува; първото действие на водещата комисия е по-късно от срока.",
               "The distribution date is not published; the lead committee's first act came after the term.",
               {**BILL, "submitted_on": "2024-03-01", "lead_committees": [LEAD.name], "lead_first_act": "2024-03-20",
                "days_to_first_act": 19})


# --------------------------------------------------------------------------- LT-01, LT-04


def test_lt_01_warn_is_a_p_threshold():
    f = run(ini(_adopted(), texts=[_act(["Закон за горите"])]), "LT-01")
    assert (f.verdict.value, f.confidence) == ("WARN", "P")
    assert run(ini(_adopted(), texts=[_act()]), "LT-01").confidence == "U/P"  # the PASS keeps the criterion's tag


def test_lt_04_retroactivity_named_outright_wins_over_counted_from():
    # "има обратно действие … считано от 12.05.2024": the clause says retroactive in so many words,
    # even where the analyser did not mark its effect so.
    f = _lt04(_clause(-3, verb="има обратно действие", counted_from="2024-05-12"))
    assert (f.verdict.value, [x["express_wording"] for x in f.evidence["express"]]) == ("WARN", ["има обратно действие"])
    assert [x["express_wording"] for x in _lt04(_clause(-3, verb="се прилага", counted_from="2024-05-12")).evidence["express"]] \
        == ["считано от"]
