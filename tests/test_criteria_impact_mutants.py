"""The impact-assessment criteria (IA-01 … IA-05, IA-07) on the paths the branch tables of
test_criteria_impact_explained.py leave open, found by mutation testing (bench/mutation.py,
docs/reliability.md): a finding's whole evidence (what the review UI lists), the files only a
consultation's classification reveals, which impact assessment IA-04 scores when two tie, an
undated IA, an ex-post report dated on the day of adoption and a law adopted on an unknown day.
"""
from __future__ import annotations

import datetime as dt

from criteria import initiative as I
from test_criteria_ia04_mot04 import BILL_URL, _ia
from test_criteria_retroactivity_repeal_expost import _ex_post, _ia07
from test_criteria_retroactivity_repeal_expost import _new_law as _law_in_force  # adopted 10.01.2020, in force 20.01.2020
from test_criteria_units import _adopted, bill, com_case, consultation, doc, ini, mp_bill, run

D = dt.date
NEW = "Законопроект за водите"
CONS_URL = "https://strategy.bg/bg/public-consultations/100"
CONSULTATION = {"consultation": "100-K", "consultation_url": CONS_URL, "date_open": "2024-01-01",
                "date_close": "2024-01-31", "link_status": "confirmed"}
BILL = {"bill_id": 1, "signature": "50-002-01-1", "source_url": None}
CONFIRMED = [I.Link(1, "consultation", 100, "explicit", "confirmed")]


def _file(kind: str, n: int, **kw) -> I.Document:
    """A file downloaded from consultation 100 and classified by its text."""
    return doc(kind, owner="consultation", owner_id=100, url=f"https://strategy.bg/download/{n}", **kw)


def _untyped_case(*files: I.Document, b: I.Bill | None = None, bill_docs=()) -> I.Initiative:
    """A CoM bill whose confirmed consultation lists files the portal gives no type ("Други"), so
    only texts.documents' classification of the downloaded files tells what they are."""
    case = com_case(consultation(docs=("Други", "Други")))
    case.bills[0] = b or case.bills[0]
    case.links = list(CONFIRMED)
    case.documents = [*bill_docs, *files]
    return case


def _explained(found, verdict: str, bg: str, en: str, evidence: dict) -> None:
    assert (found.verdict.value, found.explanation_bg, found.explanation_en) == (verdict, bg, en)
    assert found.evidence == evidence


# --------------------------------------------------------------------------- IA-01 … IA-03


def test_budget_exemption_is_unverified_and_a_constitution_bill_is_judged():
    budget = ini(bill(title="Законопроект за държавния бюджет на Република България за 2025 г."), docs=[doc("bill_text")])
    for cid in ("IA-01", "IA-02", "IA-04"):
        _explained(run(budget, cid), "UNKNOWN", "Възможно изключение от оценка на въздействието (бюджет), непотвърдено.",
                   "A possible exemption from impact assessment (budget), not verified.",
                   {**BILL, "exemption": "budget"})
        assert run(budget, cid).labels == ("exemption_unverified",)
    # An amendment of the Constitution leaves the watchdog's aggregates but is not exempt from an IA.
    constitution = ini(bill(title="Законопроект за изменение и допълнение на Конституцията на Република България"),
                       docs=[doc("bill_text")])
    assert (run(constitution, "IA-01").verdict.value, run(constitution, "IA-01").labels) == ("FAIL", ())


def test_ia_01_lists_each_ia_file_of_the_bill_once():
    files = [doc("impact_assessment_full", url="https://www.parliament.bg/bills/50/b.pdf"),
             doc("impact_assessment_partial", url="https://www.parliament.bg/bills/50/a.pdf",
                 analysis={"classification": {"kind": "impact_assessment_partial", "contains": ["motives"]}}),
             doc("motives", url="https://www.parliament.bg/bills/50/c.pdf",
                 analysis={"classification": {"kind": "motives", "contains": ["impact_assessment_partial"]}})]
    _explained(run(ini(bill(), docs=files), "IA-01"), "PASS", "Оценката на въздействието е сред документите на законопроекта.",
               "The impact assessment is among the bill's documents.",
               {**BILL, "ia_files": ["https://www.parliament.bg/bills/50/a.pdf", "https://www.parliament.bg/bills/50/b.pdf",
                                     "https://www.parliament.bg/bills/50/c.pdf"]})


def test_ia_01_ia_only_in_a_classified_consultation_file():
    # The IA is the first classified file; a later one of another kind must not hide it.
    case = _untyped_case(_file("impact_assessment_partial", 1000), _file("motives", 1001))
    _explained(run(case, "IA-01"), "PASS",
               "Оценката на въздействието е публикувана с консултацията 100-K на strategy.bg.",
               "The impact assessment was published with consultation 100-K on strategy.bg.",
               {**BILL, **CONSULTATION, "ia_files": [], "ia_source": "strategy.bg"})


def test_ia_01_and_ia_02_without_any_ia_list_the_kinds_seen():
    files = [doc("bill_text", url="https://www.parliament.bg/bills/50/z.pdf"), doc("motives")]
    _explained(run(ini(bill(), docs=files), "IA-01"), "FAIL",
               "Сред документите на законопроекта няма оценка на въздействието.",
               "There is no impact assessment among the bill's documents.",
               {**BILL, "ia_files": [], "bill_document_kinds": ["bill_text", "motives"]})
    # IA-02 lists the bill's kinds with the consultation files' kinds.
    case = _untyped_case(_file("impact_assessment_partial", 1000), _file("consultation_report", 1001),
                         b=bill(title=NEW), bill_docs=files)
    _explained(run(case, "IA-02"), "FAIL", "Нов закон без цялостна оценка на въздействието.",
               "A new law without a full impact assessment.",
               {**BILL, "title": NEW, "new_law": True, "full_ia_files": [],
                "document_kinds": ["bill_text", "consultation_report", "impact_assessment_partial", "motives"]})


def test_ia_02_new_law_judged_on_the_consultation_files_alone():
    # The bill's own files are not downloaded, but the consultation's are classified.
    case = _untyped_case(_file("impact_assessment_partial", 1000), b=mp_bill(title=NEW))
    _explained(run(case, "IA-02"), "WARN", "Нов закон на народни представители без цялостна оценка на въздействието.",
               "A new law by MPs without a full impact assessment.",
               {"bill_id": 1, "signature": "50-454-01-1", "source_url": None, "title": NEW, "new_law": True,
                "full_ia_files": [], "document_kinds": ["impact_assessment_partial"]})
    full = _untyped_case(_file("motives", 1000), _file("impact_assessment_full", 1001), b=bill(title=NEW))
    _explained(run(full, "IA-02"), "PASS", "Има цялостна оценка на въздействието.", "A full impact assessment is present.",
               {**BILL, "title": NEW, "new_law": True, "full_ia_files": []})


def test_ia_02_full_ia_among_the_bill_files():
    files = [doc("impact_assessment_full", url="https://www.parliament.bg/bills/50/ov.pdf"), doc("bill_text")]
    _explained(run(ini(bill(title=NEW), docs=files), "IA-02"), "PASS", "Има цялостна оценка на въздействието.",
               "A full impact assessment is present.",
               {**BILL, "title": NEW, "new_law": True, "full_ia_files": ["https://www.parliament.bg/bills/50/ov.pdf"]})


def test_ia_03_opinion_among_the_classified_consultation_files():
    case = _untyped_case(_file("ia_opinion", 1000), _file("motives", 1001))
    _explained(run(case, "IA-03"), "PASS",
               "Становището на администрацията на МС по оценката на въздействието е публикувано.",
               "The opinion of the Council of Ministers' administration on the IA is published.",
               {**BILL, **CONSULTATION, "document_types": [], "bill_opinion_files": []})
    # Classified files without the opinion: the consultation is judged, not "cannot be identified".
    absent = _untyped_case(_file("motives", 1000))
    _explained(run(absent, "IA-03"), "FAIL",
               "С консултацията 100-K не е публикувано становище на администрацията на МС по оценката.",
               "Consultation 100-K carries no opinion of the Council of Ministers' administration on the IA.",
               {**BILL, **CONSULTATION, "document_types": [], "bill_opinion_files": []})


def test_ia_03_lists_the_portal_types_and_the_bill_opinion():
    case = com_case(consultation(docs=("Мотиви", "Проект на акт", "Други")))
    case.links = list(CONFIRMED)
    case.documents = [doc("ia_opinion", url="https://www.parliament.bg/bills/50/st.pdf")]
    _explained(run(case, "IA-03"), "PASS",
               "Становището на администрацията на МС по оценката на въздействието е публикувано.",
               "The opinion of the Council of Ministers' administration on the IA is published.",
               {**BILL, **CONSULTATION, "document_types": ["Мотиви", "Проект на акт"],
                "bill_opinion_files": ["https://www.parliament.bg/bills/50/st.pdf"]})


def test_ia_03_without_a_consultation_each_doubt_makes_it_unknown():
    files = [doc("bill_text")]
    unknown_bg = "Няма свързана консултация, а документите на законопроекта не показват становището."
    assert run(ini(bill(), docs=files), "IA-03").verdict.value == "FAIL"
    assert run(ini(bill(), docs=files, checked=False), "IA-03").explanation_bg == unknown_bg
    proposed = ini(bill(), docs=files, cons=[consultation()], links=[I.Link(1, "consultation", 100, "title_match", "review")])
    assert run(proposed, "IA-03").explanation_bg == unknown_bg


# --------------------------------------------------------------------------- IA-04


def test_ia_04_full_evidence_of_the_scored_ia():
    d = _ia(5, "partial")
    ia = d.analysis["impact_assessment"]
    ia["checklist"] = "partial_ordinance_2016"
    ia["elements"][0].update(note="в раздел 1", label="Проблем")
    ia["elements"][5].update(explicit_na=True, counted=False, label="Административна тежест")
    ia["missing"] = ["admin_burden", "sme", "eu_law"]
    scanned = doc("impact_assessment_partial", url="https://www.parliament.bg/bills/50/scan.pdf", scanned=True)
    f = run(ini(bill(), docs=[d, scanned]), "IA-04")
    elements = [{"key": k, "present": i < 5, "explicit_na": i == 5, "counted": i != 5,
                 "note": "в раздел 1" if i == 0 else None, "passage": f"{i + 1}. {k}: …" if i < 5 else None}
                for i, k in enumerate(["problem", "objectives", "options", "stakeholders", "costs_benefits",
                                       "admin_burden", "sme", "eu_law"])]
    _explained(f, "WARN",
               "Оценката на въздействието (частичната) съдържа 5 от 8 елемента на минималното съдържание "
               "(липсват: Административна тежест; sme; eu_law).",
               "The partial impact assessment contains 5 of the 8 elements of the minimum content "
               "(missing: administrative burden; SME test; EU-law link).",
               {**BILL, "ia_file": BILL_URL, "ia_owner": "bill", "form": "partial", "checklist": "partial_ordinance_2016",
                "elements_found": 5, "elements_of": 8, "score": 0.625, "missing": ["admin_burden", "sme", "eu_law"],
                "elements": elements,
                "ia_files_analysed": [{"url": BILL_URL, "form": "partial", "found": 5, "of": 8}],
                "ia_files_not_analysed": ["https://www.parliament.bg/bills/50/scan.pdf"]})


def test_ia_04_equal_shares_the_full_form_counts():
    # A partial IA 8/8 listed first and a full one 10/10: both score 1.0, the full form is the one judged.
    partial = _ia(8, "partial", owner="consultation", owner_id=100, url="https://strategy.bg/download/2000")
    full = _ia(10, "full", owner="consultation", owner_id=100, url="https://strategy.bg/download/2001")
    f = run(_untyped_case(partial, full), "IA-04")
    assert (f.verdict.value, f.evidence["ia_file"], f.evidence["form"], f.evidence["ia_owner"]) == (
        "PASS", "https://strategy.bg/download/2001", "full", "consultation")
    assert f.evidence["ia_files_analysed"] == [
        {"url": "https://strategy.bg/download/2000", "form": "partial", "found": 8, "of": 8},
        {"url": "https://strategy.bg/download/2001", "form": "full", "found": 10, "of": 10}]
    assert (f.evidence["consultation"], f.evidence["consultation_url"]) == ("100-K", CONS_URL)


def test_ia_04_equal_shares_and_forms_the_bill_file_counts():
    # The consultation's copy listed first in the initiative: the bill's own file is still the one judged.
    theirs = _ia(4, "partial", owner="consultation", owner_id=100, url="https://strategy.bg/download/2002")
    f = run(_untyped_case(theirs, _ia(4, "partial")), "IA-04")
    assert (f.verdict.value, f.evidence["ia_file"], f.evidence["ia_owner"]) == ("WARN", BILL_URL, "bill")


def test_ia_04_the_higher_share_counts_whatever_its_form():
    partial = _ia(7, "partial")  # 0.875
    full = _ia(8, "full", owner="consultation", owner_id=100, url="https://strategy.bg/download/2001")  # 0.8
    f = run(_untyped_case(full, bill_docs=[partial]), "IA-04")
    assert (f.evidence["ia_file"], f.evidence["score"]) == (BILL_URL, 0.875)


def test_ia_04_analyses_without_counts_are_not_scored():
    # A stored analysis without integer counts, or with an empty checklist, is no score: the text is
    # taken as not analysed (an empty checklist would otherwise divide by zero).
    for ia in ({"found": 3}, {"found": "3", "of": 8}, {"found": 3, "of": "8"}, {"found": 0, "of": 0}, "partial"):
        d = doc("impact_assessment_partial", analysis={"impact_assessment": ia})
        f = run(ini(bill(), docs=[d]), "IA-04")
        assert (f.verdict.value, f.evidence["ia_files_not_analysed"]) == ("UNKNOWN", ["https://www.parliament.bg/bills/50/x.pdf"]), ia
    # A one-element checklist is a checklist.
    one = doc("impact_assessment_partial", analysis={"impact_assessment": {"form": "partial", "found": 1, "of": 1}})
    assert run(ini(bill(), docs=[one]), "IA-04").evidence["score"] == 1.0
    # An analysis that names no form is judged as one "без посочен вид".
    formless = doc("impact_assessment", analysis={"impact_assessment": {"found": 7, "of": 8}})
    f = run(ini(bill(), docs=[formless]), "IA-04")
    _explained(f, "PASS", "Оценката на въздействието (без посочен вид) съдържа 7 от 8 елемента на минималното съдържание "
               "(липсват: —).", "The impact assessment contains 7 of the 8 elements of the minimum content (missing: —).",
               {**BILL, "ia_file": "https://www.parliament.bg/bills/50/x.pdf", "ia_owner": "bill", "form": "unknown",
                "checklist": None, "elements_found": 7, "elements_of": 8, "score": 0.875, "missing": [], "elements": [],
                "ia_files_analysed": [{"url": "https://www.parliament.bg/bills/50/x.pdf", "form": None, "found": 7, "of": 8}],
                "ia_files_not_analysed": []})


def test_ia_04_reads_every_file_and_only_the_linked_consultation():
    # An IA listed after a file of another kind is still found.
    assert run(ini(bill(), docs=[doc("bill_text"), _ia(8)]), "IA-04").verdict.value == "PASS"
    # The files of a consultation whose link is still in review are not the bill's: no IA.
    review = ini(bill(), docs=[doc("bill_text"), _file("impact_assessment_partial", 1000)], cons=[consultation()],
                 links=[I.Link(1, "consultation", 100, "title_match", "review")])
    _explained(run(review, "IA-04"), "N_A", "Няма оценка на въздействието (виж IA-01).",
               "There is no impact assessment (see IA-01).", {**BILL, "ia_files_not_analysed": []})


def test_ia_04_only_the_consultation_lists_an_ia():
    # No file analysed, but the portal types a file as the IA: its text is awaited (UNKNOWN), not absent.
    case = com_case(consultation(docs=("Оценка на въздействие",)))
    case.documents = [doc("bill_text")]
    _explained(run(case, "IA-04"), "UNKNOWN",
               "Текстът на оценката на въздействието не е изтеглен или не е четим (сканиран документ).",
               "The impact assessment's text has not been downloaded or cannot be read (a scanned file).",
               {**BILL, "consultation": "100-K", "consultation_url": CONS_URL, "ia_files_not_analysed": []})
    # … or only the classification of a consultation file does.
    classified = _untyped_case(_file("impact_assessment", 1000, analysis={"classification": {"kind": "impact_assessment"}}),
                               bill_docs=[doc("bill_text")])
    assert run(classified, "IA-04").verdict.value == "UNKNOWN"
    # A bill file typed as the IA but without any analysis is listed as not analysed.
    listed = ini(bill(), docs=[doc("impact_assessment_partial", url="https://www.parliament.bg/bills/50/ov.pdf")])
    assert run(listed, "IA-04").evidence["ia_files_not_analysed"] == ["https://www.parliament.bg/bills/50/ov.pdf"]


def test_ia_04_score_boundaries_of_the_settings():
    from criteria.thresholds import defaults
    six = ini(bill(), docs=[_ia(6)])  # 0.75
    th = lambda **kw: defaults().with_overrides({"IA-04": kw})  # noqa: E731
    assert run(six, "IA-04", th(pass_score=0.75)).verdict.value == "PASS"
    assert run(six, "IA-04", th(pass_score=0.76)).verdict.value == "WARN"
    assert run(six, "IA-04", th(pass_score=0.9, warn_score=0.75)).verdict.value == "WARN"
    assert run(six, "IA-04", th(pass_score=0.9, warn_score=0.76)).verdict.value == "FAIL"


# --------------------------------------------------------------------------- IA-05


def _typed(*files: tuple[str, D | None], close: D | None = D(2024, 1, 31)) -> I.Initiative:
    c = consultation(close=close)
    c.documents = [I.ConsultationDocument(f"https://strategy.bg/download/{1000 + i}", t, False, None, day)
                   for i, (t, day) in enumerate(files)]
    case = com_case(c)
    case.links = list(CONFIRMED)
    return case


def test_ia_05_undated_ia_with_a_known_opening_date():
    f = run(_typed(("Проект на акт", D(2024, 1, 1)), ("Оценка на въздействие", None)), "IA-05")
    _explained(f, "UNKNOWN", "Оценката е публикувана, но датата ѝ или датата на откриване липсва.",
               "The IA is published, but its date or the opening date is missing.",
               {**CONSULTATION, "ia_published": None, "ia_files": ["https://strategy.bg/download/1001"]})


def test_ia_05_the_earliest_ia_counts_and_an_open_consultation_warns():
    f = run(_typed(("Оценка на въздействие", D(2024, 3, 5)), ("Други", None), ("Оценка на въздействие", D(2024, 1, 20)),
                   close=None), "IA-05")
    _explained(f, "WARN", "Оценката на въздействието е добавена по време на консултацията (20.01.2024).",
               "The impact assessment was added during the consultation (2024-01-20).",
               {**CONSULTATION, "date_close": None, "ia_published": "2024-01-20",
                "ia_files": ["https://strategy.bg/download/1000", "https://strategy.bg/download/1002"]})


def test_ia_05_on_the_boundaries():
    at_open = run(_typed(("Оценка на въздействие", D(2024, 1, 1))), "IA-05")
    assert (at_open.verdict.value, at_open.evidence["ia_published"]) == ("PASS", "2024-01-01")
    assert run(_typed(("Оценка на въздействие", D(2024, 1, 31))), "IA-05").verdict.value == "WARN"
    assert run(_typed(("Оценка на въздействие", D(2024, 2, 1))), "IA-05").verdict.value == "FAIL"
    none = run(_typed(("Проект на акт", D(2024, 1, 1)), ("Други", D(2024, 1, 1))), "IA-05")
    _explained(none, "FAIL", "Оценката на въздействието не е публикувана с консултацията 100-K.",
               "The impact assessment was not published with consultation 100-K.",
               {**CONSULTATION, "ia_published": None, "ia_files": []})


# --------------------------------------------------------------------------- IA-07

LAW = {**BILL, "title": NEW}
FULL_IA_DOC = doc("impact_assessment_full", url="https://www.parliament.bg/bills/50/ov.pdf")


def _adopted_law(adopted: D, *docs: I.Document) -> I.Initiative:
    """A new law adopted (and, without a text, commencing) on `adopted`."""
    return ini(_adopted(title=NEW, adopted_on=adopted), docs=list(docs))


def test_ia_07_labels_and_rechecks():
    not_yet = run(_adopted_law(D(2024, 5, 1), FULL_IA_DOC), "IA-07")
    assert (not_yet.verdict.value, not_yet.labels, not_yet.recheck_on) == ("N_A", ("not_yet_due",), D(2028, 11, 1))
    overdue = run(_adopted_law(D(2019, 5, 1), FULL_IA_DOC), "IA-07")
    assert (overdue.verdict.value, overdue.labels, overdue.recheck_on) == ("UNKNOWN", ("ex_post_overdue_unverified",), None)
    assert overdue.explanation_en == ("The five-year term for the ex-post evaluation ended on 2024-05-01; lexwatch does not "
                                      "collect ex-post reports, so whether one was made is not known.")
    no_full = run(_adopted_law(D(2021, 9, 1), doc("impact_assessment_partial")), "IA-07")
    assert (no_full.verdict.value, no_full.labels) == ("N_A", ("no_full_ia",))
    budget = _adopted_law(D(2021, 9, 1), FULL_IA_DOC)
    budget.bills[0].title = "Законопроект за държавния бюджет на Република България за 2022 г."
    assert run(budget, "IA-07").labels == ("exemption_unverified",)


def test_ia_07_adopted_on_an_unknown_day():
    f = run(ini(bill(title=NEW, status="adopted")), "IA-07")
    _explained(f, "UNKNOWN", "Датата на влизане в сила или на приемане не е известна.",
               "Neither the entry-into-force nor the adoption date is known.",
               {**LAW, "as_of": "2026-11-01", "commencement": None, "commencement_kind": "adoption",
                "commencement_estimated": False, "ex_post_reports_collected": False})


def test_ia_07_report_on_the_day_of_adoption_evaluates_the_earlier_law():
    # Adopted 10.01.2020: a report of that day cannot evaluate this law; one of the next day can.
    for as_document in (False, True):
        same_day = _ia07(_law_in_force(cons=[_ex_post(D(2020, 1, 10), as_document=as_document)]), D(2025, 6, 1))
        assert (same_day.verdict.value, "ex_post_reports" in same_day.evidence) == ("UNKNOWN", False)
        next_day = _ia07(_law_in_force(cons=[_ex_post(D(2020, 1, 11), as_document=as_document)]), D(2025, 6, 1))
        assert next_day.verdict.value == "PASS"


def test_ia_07_full_evidence_of_a_linked_report():
    c = _ex_post(D(2024, 11, 1))
    doc_report = I.ConsultationDocument("https://strategy.bg/download/7002", "Други", False,
                                        "Последваща оценка на въздействието на закона", D(2024, 12, 1))
    c.documents = [doc_report, I.ConsultationDocument("https://strategy.bg/download/7003", "Други", False, None, D(2024, 12, 1))]
    case = _law_in_force(cons=[c])
    case.links = [I.Link(1, "consultation", 700, "title_match", "proposed")]
    f = _ia07(case, D(2025, 6, 1))
    _explained(f, "PASS", "Последващата оценка на въздействието е публикувана на 01.11.2024.",
               "The ex-post evaluation was published on 2024-11-01.",
               {**LAW, "as_of": "2025-06-01", "commencement": "2020-01-20", "commencement_kind": "entry_into_force",
                "commencement_estimated": True, "ex_post_reports_collected": False,
                "warn_from": "2024-07-20", "due_by": "2025-01-20",
                "ex_post_reports": [
                    {"consultation": "7000-K", "title": "Последваща оценка на въздействието на Закона за водите",
                     "date": "2024-11-01", "source_url": "https://strategy.bg/bg/public-consultations/700",
                     "link_status": "proposed"},
                    {"consultation": "7000-K", "title": "Последваща оценка на въздействието на закона",
                     "date": "2024-12-01", "source_url": "https://strategy.bg/download/7002", "link_status": "proposed"}]})


def test_ia_07_undated_reports_are_not_counted():
    c = _ex_post(D(2024, 11, 1))
    c.date_open = None
    c.documents = [I.ConsultationDocument("https://strategy.bg/download/7002", "Други", False,
                                          "Последваща оценка на въздействието на закона", None)]
    assert _ia07(_law_in_force(cons=[c]), D(2025, 6, 1)).verdict.value == "UNKNOWN"


def test_ia_07_commencement_read_from_the_whole_act_clause_only():
    case = _law_in_force()
    clauses = case.act_texts[0].analysis["entry_into_force"]
    whole = dict(clauses[0])
    clauses[:] = [{**whole, "scope": "provisions", "effective_date": "2021-01-01"},
                  {**whole, "effect": "application", "effective_date": "2021-01-01"},
                  {**whole, "effective_date": None},
                  {**whole, "effective_date_estimated": False}]
    f = _ia07(case, D(2024, 8, 1))
    assert (f.evidence["commencement"], f.evidence["commencement_kind"], f.evidence["commencement_estimated"]) == (
        "2020-01-20", "entry_into_force", False)
    # A date that is not one falls back to adoption.
    clauses[:] = [{**whole, "effective_date": "20.01.2020"}, whole]
    f = _ia07(case, D(2024, 8, 1))
    assert (f.evidence["commencement"], f.evidence["commencement_kind"], f.evidence["commencement_estimated"]) == (
        "2020-01-10", "adoption", False)


def test_ia_07_without_an_adoption_date_reports_count_from_commencement():
    # Adopted (status) without a day: a report is dated against the entry into force (20.01.2020).
    case = _law_in_force()
    case.bills[0].adopted_on = None
    case.bills[0].stages = []
    case.consultations = [_ex_post(D(2020, 1, 20))]
    assert _ia07(case, D(2025, 6, 1)).verdict.value == "UNKNOWN"
    case.consultations = [_ex_post(D(2020, 1, 21))]
    f = _ia07(case, D(2025, 6, 1))
    assert (f.verdict.value, f.evidence["commencement"]) == ("PASS", "2020-01-20")


def test_ia_07_full_ia_known_from_the_consultation_files():
    late = D(2024, 8, 1)
    case = _law_in_force(docs=())
    case.consultations = [consultation(docs=("Други",))]
    case.documents = [_file("impact_assessment_full", 1000)]
    f = _ia07(case, late)
    _explained(f, "WARN", "Последващата оценка на въздействието е дължима до 20.01.2025; свързан доклад не е открит "
               "(lexwatch не събира тези доклади).",
               "The ex-post evaluation falls due by 2025-01-20; no report is linked (lexwatch does not collect them).",
               {**LAW, "as_of": "2024-08-01", "commencement": "2020-01-20", "commencement_kind": "entry_into_force",
                "commencement_estimated": True, "ex_post_reports_collected": False, "warn_from": "2024-07-20",
                "due_by": "2025-01-20", "full_ia_files": []})
    assert f.labels == ("ex_post_due",) and f.recheck_on == D(2025, 1, 20)
    # Classified consultation files without a full IA: adopted without one (IA-02), N_A.
    case.documents = [_file("impact_assessment_partial", 1000)]
    f = _ia07(case, late)
    assert (f.verdict.value, f.labels) == ("N_A", ("no_full_ia",))
