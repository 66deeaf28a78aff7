"""Edges of the catalogue that the mutation run (bench/mutation.py) found untested.

Each test pins a behaviour a watchdog relies on — a verdict, a threshold, a piece of evidence —
where a small change to the code went unnoticed by the other criteria tests. Initiatives are
built with the helpers of test_criteria_units.py, one fact at a time.
"""
from __future__ import annotations

import datetime as dt

from criteria import initiative as I
from test_criteria_units import (
    FAIL,
    PASS,
    UNKNOWN,
    WARN,
    _act,
    _adopted,
    adopted_stages,
    bill,
    com_case,
    consultation,
    decision,
    doc,
    ini,
    run,
    stages,
)

D = dt.date


# --------------------------------------------------------------------------- documents (_documents.py)


def test_a_document_known_only_by_its_analysis_counts_as_that_kind():
    """A stored file whose kind column is empty is judged by the kind its analysis found: an
    order known so only routes the bill, and the reason MOT-03 cannot tell is the one combined
    file, not an unrecognised document."""
    text = doc("bill_text", url="https://www.parliament.bg/bills/52/52-602-01-43.rtf")
    order = doc(None, analysis={"classification": {"kind": "order"}},
                url="https://www.parliament.bg/bills/52/52-650-01-288.pdf")
    found = run(ini(bill(), docs=[text, order]), "MOT-03")
    assert found.verdict is UNKNOWN
    assert found.evidence["cannot_tell"].startswith("the bill is one file with its motives and annexes")
    # an analysis that holds no classification leaves the file's kind unknown: it may be the справка
    unread = doc(None, analysis={"classification": "order"}, url="https://www.parliament.bg/bills/52/x.pdf")
    assert run(ini(bill(), docs=[text, unread]), "MOT-03").evidence["cannot_tell"] == (
        "what x.pdf is could not be recognised.")


BILLS = "https://www.parliament.bg/bills/52/"


def _file(kind: str | None, name: str, *, analysis: dict | None = None, has_text: bool = True) -> I.Document:
    return I.Document("bill", 1, BILLS + name, name, None, kind, "ok", has_text, False, analysis)


def _cannot_tell(docs, files=()) -> tuple[str, str]:
    found = run(ini(bill(files=list(files)), docs=docs), "MOT-03")
    assert found.verdict is UNKNOWN and found.evidence["documents_tell"] is False
    return found.explanation_bg.split("; ", 1)[1], found.evidence["cannot_tell"]


def test_why_the_documents_cannot_tell_names_the_files():
    """MOT-03's UNKNOWN says which files stand in the way, in both languages (what staff fetch or read next)."""
    text = _file("bill_text", "52-602-01-43.rtf")
    listed = [I.BillFile("file_list", "52-602-01-43.rtf", BILLS + "52-602-01-43.rtf"),
              I.BillFile("static_file", "52-602-01-43_m.pdf", BILLS + "52-602-01-43_m.pdf"),
              I.BillFile("static_archive", "52-602-01-43.zip", BILLS + "52-602-01-43.zip")]
    assert _cannot_tell([text], listed) == (
        "файловете 52-602-01-43_m.pdf, 52-602-01-43.zip не са изтеглени.",
        "the files 52-602-01-43_m.pdf, 52-602-01-43.zip have not been downloaded.")
    cut = {"error": None, "notes": ["stopped after 3000 pages (DOCUMENTS_MAX_PAGES)"]}
    failed = {"error": "PDFSyntaxError: no /Root object", "notes": []}
    partly = [_file("bill_text", "a.rtf", analysis={"extraction": cut}),
              _file("motives", "b.pdf", analysis={"extraction": failed}),
              _file("report", "c.pdf", has_text=False)]
    assert _cannot_tell(partly) == (
        "част от текста на a.rtf, b.pdf, c.pdf не е прочетена (ограничение или сканирани страници).",
        "part of a.rtf, b.pdf, c.pdf was not read as text (a limit, or scanned pages).")
    unknown_kind = [text, _file("other", "x.pdf"), _file(None, "y.pdf", analysis={"classification": {}})]
    assert _cannot_tell(unknown_kind) == ("видът на x.pdf, y.pdf не е разпознат.",
                                          "what x.pdf, y.pdf is could not be recognised.")
    assert _cannot_tell([text]) == (
        "законопроектът е в един файл заедно с мотивите и приложенията, а в него не са разпознати "
        "заглавия на приложенията.",
        "the bill is one file with its motives and annexes, and no annex heading was recognised in it.")
    # read in full: notes that are not about a limit, and no extraction record at all
    fine = {"error": None, "notes": ["encoding guessed"]}
    assert run(ini(bill(), docs=[_file("bill_text", "a.rtf", analysis={"extraction": fine}),
                                 _file("motives", "b.pdf")]), "MOT-03").verdict is FAIL


# --------------------------------------------------------------------------- evidence (_common.py)


def test_cons_01_evidence_names_the_consultation_the_decision_and_the_link():
    """The evidence a reviewer checks a CONS-01 PASS against: which consultation, its dates and
    page, how sure the link is, and the Council of Ministers' decision in PRIS."""
    c = consultation(D(2024, 1, 1), D(2024, 1, 31))
    case = com_case(c)
    case.links.append(I.Link(1, "consultation", c.id, "title_match", "confirmed", 0.97))
    case.council_acts[0].source_url = "https://pris.government.bg/act/500"
    found = run(case, "CONS-01")
    assert found.verdict is PASS
    assert found.evidence == {
        "bill_id": 1, "signature": "50-002-01-1", "source_url": None,
        "consultation": "100-K", "date_open": "2024-01-01", "date_close": "2024-01-31",
        "consultation_url": "https://strategy.bg/bg/public-consultations/100", "link_status": "confirmed",
        "submitted_on": "2024-03-01",
        "council_decision": {"pris_id": 500, "doc_num": "1", "date": "2024-02-15",
                             "source_url": "https://pris.government.bg/act/500"},
    }
    # no decision linked: the evidence says so under the same key
    assert run(com_case(c, dec=None), "CONS-01").evidence["council_decision"] is None


# --------------------------------------------------------------------------- G. promulgation


def _explained(found) -> tuple[str, str, str]:
    return found.verdict.value, found.explanation_bg, found.explanation_en


def test_dv_01_says_which_date_it_counted():
    """The ДВ date when the text gives it, else the decree's; the evidence says which, and the days."""
    decree = run(ini(_adopted(), texts=[_act(decree="2024-05-16")]), "DV-01")
    assert _explained(decree) == ("PASS", "Указът за обнародване е издаден 15 дни след приемането на 01.05.2024.",
                                  "The promulgation decree was issued 15 days after adoption on 2024-05-01.")
    assert decree.evidence == {"bill_id": 1, "signature": "50-002-01-1", "source_url": None,
                               "adopted_on": "2024-05-01", "promulgated_on": "2024-05-16",
                               "promulgation_date_kind": "decree", "dv_issue": "40", "dv_year": 2024, "days": 15}
    act = _act(decree="2024-05-10")
    act.analysis["promulgation_date"] = "2024-05-17"  # the ДВ issue's date wins over the decree's
    late = run(ini(_adopted(), texts=[act]), "DV-01")
    assert _explained(late) == ("FAIL", "Обнародването в ДВ е 16 дни след приемането на 01.05.2024 (над 15).",
                                "Promulgation in the ДВ came 16 days after adoption on 2024-05-01 (over 15).")
    assert (late.evidence["promulgation_date_kind"], late.evidence["days"]) == ("promulgation", 16)
    act.analysis["promulgation_date"] = "17.05.2024"  # not an ISO date: the decree's is used
    assert run(ini(_adopted(), texts=[act]), "DV-01").evidence["promulgation_date_kind"] == "decree"
    not_adopted = run(ini(bill()), "DV-01")
    assert _explained(not_adopted) == (
        "N_A", "Законопроектът не е приет (състояние: внесен).", "The bill is not adopted (status: submitted).")
    assert not_adopted.evidence == {"bill_id": 1, "signature": "50-002-01-1", "source_url": None}
    undated = run(ini(_adopted()), "DV-01")
    assert _explained(undated) == (
        "UNKNOWN", "Датата на приемане или на обнародване не е известна.",
        "The adoption or the promulgation date is not known.")
    assert undated.evidence["adopted_on"] == "2024-05-01" and undated.evidence["promulgated_on"] is None


def test_a_veto_is_read_from_each_source():
    """parliament.bg shows a veto by its date, its text, a plenary row or a standing-list entry; any one
    moves DV-01's judgement to DV-02. A blank veto text is no veto."""
    row = I.Stage(D(2024, 5, 12), "Вето на президента", "", None, "veto")
    sources = [dict(veto_on=D(2024, 5, 10)), dict(veto="Указ № 120 за връщане"),
               dict(stages=adopted_stages(D(2024, 4, 10), D(2024, 5, 1)) + [row]),
               dict(reports=[I.Report("stan_list_veto", D(2024, 5, 12))])]
    for kw in sources:
        vetoed = ini(_adopted(**kw), texts=[_act()])
        assert _explained(run(vetoed, "DV-01")) == (
            "N_A", "Законът е върнат с вето; сроковете след ветото се оценяват в DV-02.",
            "The law was vetoed; the terms after the veto are judged by DV-02."), kw
        assert run(vetoed, "DV-01").evidence["bill_id"] == 1, kw
        assert run(vetoed, "DV-02").labels == ("vetoed",), kw
    assert run(ini(_adopted(veto="  "), texts=[_act()]), "DV-01").verdict is PASS
    assert run(ini(_adopted(reports=[I.Report("stan_list", D(2024, 5, 12))]), texts=[_act()]), "DV-01").verdict is PASS


def test_dv_02_explains_the_veto_and_the_repromulgation():
    vetoed = _adopted(veto_on=D(2024, 5, 10), stages=adopted_stages(D(2024, 4, 10), D(2024, 5, 1))
                      + stages((D(2024, 5, 20), "зала второ гласуване", "приет")))
    late = run(ini(vetoed, texts=[_act(decree="2024-05-28")]), "DV-02")
    assert _explained(late) == (
        "FAIL", "Повторно приетият закон е обнародван 8 дни след повторното приемане (над 7).",
        "The re-adopted law was promulgated 8 days after re-adoption (over 7).")
    assert late.evidence == {"bill_id": 1, "signature": "50-002-01-1", "source_url": None, "veto_on": "2024-05-10",
                             "veto": None, "readopted_on": "2024-05-20", "promulgated_on": "2024-05-28",
                             "promulgation_date_kind": "decree", "readoption_majority_checked": False,
                             "days_after_readoption": 8}
    on_time = run(ini(vetoed, texts=[_act(decree="2024-05-27")]), "DV-02")
    assert _explained(on_time) == ("WARN", "Законът е върнат от президента за ново обсъждане на 10.05.2024.",
                                   "The law was returned by the President for new debate on 2024-05-10.")
    undated = run(ini(_adopted(veto="Указ № 120"), texts=[_act()]), "DV-02")
    assert _explained(undated) == ("WARN", "Законът е върнат от президента за ново обсъждане.",
                                   "The law was returned by the President for new debate.")
    assert "days_after_readoption" not in undated.evidence  # no re-adoption recorded
    assert (undated.evidence["veto"], undated.evidence["readopted_on"]) == ("Указ № 120", None)
    not_vetoed = run(ini(_adopted(), texts=[_act()]), "DV-02")
    assert _explained(not_vetoed) == ("PASS", "Законът не е връщан с вето.", "The law was not vetoed.")
    not_adopted = run(ini(bill()), "DV-02")
    assert _explained(not_adopted) == (
        "N_A", "Законопроектът не е приет (състояние: внесен).", "The bill is not adopted (status: submitted).")
    for found in (not_vetoed, not_adopted):
        assert found.evidence == {"bill_id": 1, "signature": "50-002-01-1", "source_url": None, "veto_on": None,
                                  "veto": None}


def test_several_uncertain_consultations_are_all_named():
    """Two candidate consultations awaiting review: both register numbers, in the order linked."""
    first, second = consultation(cid=100), consultation(cid=101)
    links = [I.Link(1, "consultation", c.id, "title_match", "review", 0.6) for c in (first, second)]
    found = run(ini(bill(), cons=[first, second], links=links), "CONS-02")
    assert (found.verdict, found.explanation_bg, found.explanation_en) == (
        UNKNOWN, "Връзката с консултация (100-K, 101-K) е несигурна и чака преглед.",
        "The link to a consultation (100-K, 101-K) is uncertain and awaits review.")
    assert found.evidence["uncertain_consultations"] == "100-K, 101-K"
    either = [I.Link(1, "consultation", c.id, "title_match", "review", 0.6, "violation_either_way") for c in (first, second)]
    assert run(ini(bill(), cons=[first, second], links=either), "CONS-01").evidence["uncertain_consultations"] == "100-K, 101-K"


# --------------------------------------------------------------------------- B. consultation


def test_consultation_edges_the_run_found():
    c = consultation(D(2024, 1, 1), D(2024, 3, 20))
    either = I.Link(1, "consultation", c.id, "title_match", "review", 0.6, "violation_either_way")
    found = run(ini(bill(), cons=[c], links=[either], acts=[decision(D(2024, 2, 15))]), "CONS-01")
    assert found.verdict is FAIL and found.evidence["council_decision"]["date"] == "2024-02-15"
    assert run(com_case(consultation(D(2024, 1, 1), D(2024, 1, 30))), "CONS-02").labels == ("borderline",)
    # A new law consulted with a partial IA only: CONS-04 warns and says why.
    new_law = com_case(consultation(docs=("Проект на акт", "Мотиви")), title="Законопроект за водите")
    new_law.documents.append(doc("impact_assessment_partial", owner="consultation", owner_id=100))
    found = run(new_law, "CONS-04")
    assert (found.verdict, found.explanation_bg, found.explanation_en) == (
        WARN, "За нов закон е публикувана само частична оценка на въздействието (изисква се цялостна).",
        "Only a partial impact assessment was published for a new law (a full one is required).")
    # A справка recognised only in a downloaded file (no portal type, so no date): found, but undated.
    case = com_case(consultation(docs=("Проект на акт", "Мотиви", "Оценка на въздействие")))
    case.documents.append(doc("consultation_report", owner="consultation", owner_id=100))
    found = run(case, "CONS-05")
    assert (found.verdict, found.explanation_en) == (UNKNOWN, "The справка is published, but undated.")
    assert found.evidence["spravka_published"] is None and found.evidence["consultation"] == "100-K"


def test_cons_06_counts_reasons_as_the_analysis_gives_them():
    def share(rejected: int, analysis: dict):
        case = com_case(consultation(spravka=D(2024, 2, 10)))
        case.documents.append(doc("consultation_report", owner="consultation", owner_id=100,
                                  analysis={"spravka": {"accepted": 1, "rejected": rejected, **analysis}}))
        return run(case, "CONS-06")

    none_counted = share(1, {})  # no with_reasons in the analysis: none of the rejections has a reason
    assert (none_counted.verdict, none_counted.evidence["with_reasons"]) == (FAIL, 0)
    assert share(3, {"with_reasons": 2}).evidence["reasons_share"] == 0.667
