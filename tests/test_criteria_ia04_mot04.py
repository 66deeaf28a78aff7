"""IA-04 (minimum content of the impact assessment) and MOT-04 (financial justification when there is
a budget impact) on their boundaries: PASS, WARN, FAIL, N_A and UNKNOWN, and the settings that decide.

Documents carry analyses made by the real analysers (texts.documents) from short texts, or, for
the score boundaries, the checklist counts the IA analyser stores."""
from __future__ import annotations

from test_criteria_units import AS_OF, D, FAIL, N_A, PASS, UNKNOWN, WARN, bill, consultation, doc, ini, mp_bill, run, verdict

from criteria import initiative as I
from texts.documents.analyse import analyse_document
from texts.documents.classify import classify
from texts.documents.impact_assessment import CHECKLISTS
from criteria.evaluate import evaluate
from criteria.thresholds import defaults

BILL_URL = "https://www.parliament.bg/bills/50/50-002-01-1.rtf"
IA_URL = "https://strategy.bg/download/1003"


def _ia(found: int, form: str = "partial", *, owner: str = "bill", owner_id: int = 1, url: str = BILL_URL) -> I.Document:
    """A document whose stored IA analysis answers `found` elements of its form's checklist."""
    keys = CHECKLISTS["full" if form == "full" else "partial"]
    elements = [{"key": k, "present": i < found, "explicit_na": False, "counted": True, "note": None,
                 "evidence": [{"rule": f"{k}_heading", "passage": f"{i + 1}. {k}: …", "start": 0}] if i < found else []}
                for i, k in enumerate(keys)]
    kind = f"impact_assessment_{form}" if form in ("partial", "full") else "impact_assessment"
    analysis = {"classification": {"kind": kind, "contains": []},
                "impact_assessment": {"form": form, "found": found, "of": len(keys), "missing": list(keys[found:]),
                                      "elements": elements}}
    return doc(kind, owner=owner, owner_id=owner_id, url=url, analysis=analysis)


def _read(text: str, *, title: str | None = None, filename: str = "x.docx", owner: str = "bill", owner_id: int = 1,
          url: str = BILL_URL) -> I.Document:
    """A document as crawlers.documents stores it: classified and analysed from its text."""
    cls = classify(filename, title, text)
    analysis = analyse_document(text, cls)
    return I.Document(owner, owner_id, url, filename, title, cls.kind.value, "ok", True, False, analysis)


# --------------------------------------------------------------------------- IA-04


def test_ia_04_partial_checklist_boundaries():
    # 8 elements: 6/8 = 0.75 passes, 5/8 and 4/8 warn, 3/8 = 0.375 fails.
    assert [verdict(ini(bill(), docs=[_ia(n)]), "IA-04") for n in (8, 6, 5, 4, 3, 0)] == [PASS, PASS, WARN, WARN, FAIL, FAIL]


def test_ia_04_full_checklist_boundaries_are_inclusive():
    # 10 elements: exactly 0.7 passes, exactly 0.4 warns.
    assert [verdict(ini(bill(), docs=[_ia(n, "full")]), "IA-04") for n in (7, 6, 4, 3)] == [PASS, WARN, WARN, FAIL]
    f = run(ini(bill(), docs=[_ia(3, "full")]), "IA-04")
    assert f.confidence == "P" and f.evidence["score"] == 0.3 and f.evidence["missing"][0] == "stakeholders"


def test_ia_04_thresholds_decide():
    assert verdict(ini(bill(), docs=[_ia(7, "full")]), "IA-04", **{"IA-04": {"pass_score": 0.75}}) is WARN
    assert verdict(ini(bill(), docs=[_ia(4, "full")]), "IA-04", **{"IA-04": {"warn_score": 0.45}}) is FAIL
    assert defaults().section("IA-04") == {"pass_score": 0.7, "warn_score": 0.4}


def test_ia_04_reads_real_texts_of_bill_and_consultation():
    from test_documents_impact_assessment import FULL, PARTIAL_FORMAL

    formal = _read(PARTIAL_FORMAL, filename="50-002-01-1_ov.rtf")
    f = run(ini(bill(), docs=[formal]), "IA-04")
    assert (f.verdict, f.evidence["elements_found"], f.evidence["form"]) == (FAIL, 2, "partial")
    assert "липсват: дефиниране на проблема с данни; варианти на действие" in f.explanation_bg
    assert "missing: problem defined with data; options incl. no action" in f.explanation_en
    problem = next(e for e in f.evidence["elements"] if e["key"] == "problem")
    assert problem["note"] == "проблемът е описан без данни или източници" and problem["passage"]
    # The consultation's full IA is the better one: it counts, with its URL and the consultation's.
    c = consultation()
    full = _read(FULL, title="Оценка на въздействие", owner="consultation", owner_id=c.id, url=IA_URL)
    f = run(ini(bill(), cons=[c], docs=[formal, full]), "IA-04")
    assert (f.verdict, f.evidence["ia_file"], f.evidence["form"]) == (PASS, IA_URL, "full")
    assert f.evidence["consultation_url"] == c.source_url and f.evidence["source_url"] is None  # the bill's
    assert len(f.evidence["ia_files_analysed"]) == 2
    assert any("Регламент (ЕС) 2024/1028" in (e["passage"] or "") for e in f.evidence["elements"])


def test_ia_04_no_ia_unreadable_ia_and_unverified_exemption():
    # No IA at all: IA-01 judges that.
    assert verdict(ini(bill(), docs=[doc("bill_text")]), "IA-04") is N_A
    assert verdict(ini(mp_bill(), docs=[doc("bill_text")]), "IA-04") is N_A
    # An IA that cannot be read: scanned, or stored before the checklist analyser (no key in its analysis).
    scanned = doc("impact_assessment_partial", scanned=True, analysis={"unreadable": "scanned"})
    assert verdict(ini(bill(), docs=[scanned]), "IA-04") is UNKNOWN
    old = doc("bill_text", analysis={"classification": {"kind": "bill_text", "contains": ["impact_assessment_partial"]}})
    f = run(ini(bill(), docs=[old]), "IA-04")
    assert f.verdict is UNKNOWN and f.evidence["ia_files_not_analysed"] == [old.url]
    # The consultation lists an IA that was not downloaded.
    assert verdict(ini(bill(), cons=[consultation()], docs=[doc("bill_text")]), "IA-04") is UNKNOWN
    assert verdict(ini(bill()), "IA-04") is UNKNOWN  # the bill's files not classified
    ratification = bill(title="Законопроект за ратифициране на Споразумението между България и Гърция")
    assert verdict(ini(ratification, docs=[_ia(8)]), "IA-04") is UNKNOWN
    assert verdict(ini(bill(submitted_on=D(2016, 11, 3)), docs=[_ia(8)]), "IA-04") is N_A  # pre-reform


def test_ia_04_counts_in_the_ria_methodology_cell():
    result = evaluate(ini(bill(), docs=[_ia(5)]), defaults(), AS_OF)
    cell = result.composite["impact_assessment"]["categories"]["methodology"]
    assert "IA-04" in cell["criteria"]


# --------------------------------------------------------------------------- MOT-04

MOTIVES = "МОТИВИ\nкъм законопроекта за изменение и допълнение на Закона за водите\n{means}\n"
NONE = "За прилагането на законопроекта не са необходими допълнителни финансови средства от държавния бюджет."
STATED = "Прилагането на закона ще изисква допълнителни бюджетни средства от държавния бюджет."
QUANTIFIED = "За прилагането на закона са необходими допълнителни средства в размер на 1,2 млн. лв."


def _motives(means: str, **kw) -> I.Document:
    return _read(MOTIVES.format(means=means), title="Мотиви", **kw)


def test_mot_04_reads_the_motives_element_three():
    assert verdict(ini(bill(), docs=[_motives(QUANTIFIED)]), "MOT-04") is PASS
    assert verdict(ini(bill(), docs=[_motives(NONE)]), "MOT-04") is PASS
    f = run(ini(bill(), docs=[_motives(STATED)]), "MOT-04")
    assert (f.verdict, f.confidence, f.evidence["statement"]) == (WARN, "P", "stated")
    assert f.evidence["budget_passages"] == [{"source": "motives", "url": BILL_URL, "passage": STATED, "reads_as": "stated"}]


def test_mot_04_a_quantified_ia_or_an_attached_justification_settles_it():
    from test_documents_impact_assessment import FULL

    c = consultation()
    full = _read(FULL, title="Оценка на въздействие", owner="consultation", owner_id=c.id, url=IA_URL)
    f = run(ini(bill(), cons=[c], docs=[_motives(STATED), full]), "MOT-04")
    assert f.verdict is PASS and {p["source"] for p in f.evidence["budget_passages"]} == {"motives", "impact_assessment"}
    files = [I.BillFile("file_list", "50-002-01-1_fin_obosnovka.pdf", "https://www.parliament.bg/bills/50/fo.pdf",
                        annotation="Финансова обосновка")]
    f = run(ini(bill(files=files), docs=[_motives(STATED)]), "MOT-04")
    assert f.verdict is PASS and f.evidence["justification_files"] == ["https://www.parliament.bg/bills/50/fo.pdf"]
    # An IA saying there is no budget impact does not cure motives that state one unquantified.
    mp_ia = _read("ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО\nПроектът няма да окаже въздействие върху държавния бюджет.\n",
                  filename="ov.docx", url="https://www.parliament.bg/bills/50/ov.docx")
    assert verdict(ini(bill(), docs=[_motives(STATED), mp_ia]), "MOT-04") is WARN
    assert verdict(ini(bill(), docs=[_motives(NONE), mp_ia]), "MOT-04") is PASS


def test_mot_04_silent_missing_and_the_no_impact_setting():
    silent = _motives("Законопроектът има за цел по-кратки срокове.")
    assert verdict(ini(bill(), docs=[silent]), "MOT-04") is N_A  # nothing on money: MOT-02 counts the gap
    assert verdict(ini(bill()), "MOT-04") is UNKNOWN
    assert verdict(ini(bill(), docs=[doc("bill_text", scanned=True)]), "MOT-04") is UNKNOWN
    assert verdict(ini(bill(), docs=[doc("bill_text")]), "MOT-04") is N_A  # neither motives nor IA (MOT-01, IA-01)
    # The policy choice: an explicit „no budget impact“ passes; with the setting off it is not judged.
    assert verdict(ini(bill(), docs=[_motives(NONE)]), "MOT-04", **{"MOT-04": {"no_impact_passes": False}}) is N_A
    assert verdict(ini(bill(), docs=[_motives(STATED)]), "MOT-04", **{"MOT-04": {"no_impact_passes": False}}) is WARN
    assert defaults().section("MOT-04") == {"no_impact_passes": True}
