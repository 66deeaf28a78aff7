"""Edges of the catalogue that the mutation run (bench/mutation.py) found untested.

Each test pins a behaviour a watchdog relies on — a verdict, a threshold, a piece of evidence —
where a small change to the code went unnoticed by the other criteria tests. Initiatives are
built with the helpers of test_criteria_units.py, one fact at a time.
"""
from __future__ import annotations

import datetime as dt

from criteria import initiative as I
from test_criteria_units import (
    com_case,
    consultation,
    decision,
    FAIL,
    N_A,
    PASS,
    UNKNOWN,
    WARN,
    _act,
    _adopted,
    adopted_stages,
    bill,
    doc,
    ini,
    run,
    stages,
    verdict,
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
