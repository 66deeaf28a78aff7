"""Every branch of the motives criteria (ЗНА чл. 28, ПОДНС; MOT-01 … MOT-04) as a reader meets it:
the verdict, both explanations word for word and the evidence's fields.

test_criteria_units.py and test_criteria_ia04_mot04.py hold the thresholds; here each way the
motives can be judged is pinned with what the review UI shows for it.
"""
from __future__ import annotations

import pytest

from criteria import initiative as I
from test_criteria_ia04_mot04 import NONE, QUANTIFIED, STATED, _motives as _motives_text
from test_criteria_units import _combined, _motives, bill, consultation, doc, ini, mp_bill, run

ORDER = doc("order", url="https://www.parliament.bg/bills/52/52-650-01-288.pdf")
FILES = [I.BillFile("file_list", "52-602-01-43.rtf", "https://www.parliament.bg/bills/52/52-602-01-43.rtf")]


def _labelled(found: int) -> I.Document:
    """Motives whose analysis carries the elements' Bulgarian labels (texts.documents.motives does)."""
    d = _motives(found)
    labels = ["Причини", "Цели", "Средства", "Очаквани резултати", "Анализ за съответствие с правото на ЕС"]
    for e, label in zip(d.analysis["motives"]["elements"], labels):
        e["label"] = label
        if e["present"]:
            e["evidence"] = [{"rule": "heading", "passage": f"{label}: …"}]
    return d


SCENARIOS = {
    "MOT-01": {
        "present": ini(bill(files=FILES), docs=[_motives(5)]),
        "absent": ini(bill(), docs=[doc("bill_text")]),
        "not classified": ini(bill(), docs=[ORDER]),
    },
    "MOT-02": {
        "five": ini(bill(), docs=[_labelled(5)]),
        "four": ini(bill(), docs=[_labelled(4)]),
        "two, unlabelled": ini(bill(), docs=[_motives(2)]),
        "the better of two": ini(bill(), docs=[_labelled(2), _labelled(3)]),
        "no motives": ini(bill(), docs=[doc("bill_text")]),
        "not analysed": ini(bill()),
    },
    "MOT-03": {
        "all": ini(bill(), docs=[_combined("motives", "impact_assessment_partial", "consultation_report",
                                           "echr_compatibility")]),
        "lacking one": ini(bill(), docs=[_combined("motives", "impact_assessment_partial", "consultation_report")]),
        "cannot tell": ini(bill(), docs=[_combined("motives"), ORDER]),
        "not classified": ini(bill()),
        "mp bill": ini(mp_bill()),
    },
    "MOT-04": {
        "quantified": ini(bill(), docs=[_motives_text(QUANTIFIED)]),
        "no impact": ini(bill(), docs=[_motives_text(NONE)]),
        "stated": ini(bill(), cons=[consultation()], docs=[_motives_text(STATED)]),
        "silent": ini(bill(), docs=[_motives_text("Законопроектът има за цел по-кратки срокове.")]),
        "not analysed": ini(bill()),
        "neither": ini(bill(), docs=[doc("bill_text")]),
    },
}


EXPECTED = {
    "MOT-01": {
        'present': ('PASS', 'Мотивите са сред документите на законопроекта.',
                   "The motives are among the bill's documents.",
                   'bill_files bill_id motives_files signature source_url'),
        'absent': ('FAIL', 'Сред документите на законопроекта няма мотиви.',
                   "No motives were found among the bill's documents.",
                   'bill_document_kinds bill_files bill_id motives_files signature source_url'),
        'not classified': ('UNKNOWN', 'Файловете на законопроекта още не са изтеглени, класифицирани или четими.',
                   "The bill's files have not yet been downloaded, classified, or could not be read.",
                   'bill_files bill_id motives_files signature source_url'),
    },
    "MOT-02": {
        'five': ('PASS', 'Мотивите съдържат всичките 5 елемента по чл. 28, ал. 2 ЗНА.',
                   'The motives contain all 5 elements of ЗНА art. 28(2).',
                   'bill_id elements elements_found elements_of missing motives_file signature source_url'),
        'four': ('WARN', 'Мотивите съдържат 4 от 5 елемента по чл. 28, ал. 2 ЗНА (липсват: Анализ за съответствие с правото на ЕС).',
                   'The motives contain 4 of the 5 elements of ЗНА art. 28(2) (missing: the analysis of compliance with EU law).',
                   'bill_id elements elements_found elements_of missing motives_file signature source_url'),
        'two, unlabelled': ('FAIL', 'Мотивите съдържат 2 от 5 елемента по чл. 28, ал. 2 ЗНА (липсват: means; results; eu_law).',
                   'The motives contain 2 of the 5 elements of ЗНА art. 28(2) (missing: the financial and other means; the expected results; the analysis of compliance with EU law).',
                   'bill_id elements elements_found elements_of missing motives_file signature source_url'),
        'the better of two': ('WARN', 'Мотивите съдържат 3 от 5 елемента по чл. 28, ал. 2 ЗНА (липсват: Очаквани резултати; Анализ за съответствие с правото на ЕС).',
                   'The motives contain 3 of the 5 elements of ЗНА art. 28(2) (missing: the expected results; the analysis of compliance with EU law).',
                   'bill_id elements elements_found elements_of missing motives_file signature source_url'),
        'no motives': ('N_A', 'Няма мотиви (виж MOT-01).',
                   'There are no motives (see MOT-01).',
                   'bill_id signature source_url'),
        'not analysed': ('UNKNOWN', 'Текстът на мотивите не е изтеглен и анализиран.',
                   "The motives' text has not been analysed.",
                   'bill_id signature source_url'),
    },
    "MOT-03": {
        'all': ('PASS', 'Законопроектът е придружен от изискваните справки.',
                   'The bill carries the required справки.',
                   'bill_document_kinds bill_id missing motives_say_transposes signature source_url'),
        'lacking one': ('FAIL', 'Към законопроекта липсват: справка за съответствие с ЕКПЧ.',
                   'The bill lacks 1 of the справки ПОДНС requires: справка за съответствие с ЕКПЧ.',
                   'bill_document_kinds bill_id documents_tell missing motives_say_transposes signature source_url'),
        'cannot tell': ('UNKNOWN', 'Не са открити: справка за постъпилите становища, справка за съответствие с ЕКПЧ; законопроектът е в един файл заедно с мотивите и приложенията, а в него не са разпознати заглавия на приложенията.',
                   'Not found: 2 of the справки ПОДНС requires (справка за постъпилите становища, справка за съответствие с ЕКПЧ); the bill is one file with its motives and annexes, and no annex heading was recognised in it.',
                   'bill_document_kinds bill_id cannot_tell documents_tell missing motives_say_transposes signature source_url'),
        'not classified': ('UNKNOWN', 'Файловете на законопроекта още не са изтеглени, класифицирани или четими.',
                   "The bill's files have not yet been downloaded, classified, or could not be read.",
                   'bill_document_kinds bill_id signature source_url'),
        'mp bill': ('N_A', 'Критерият се прилага само за законопроекти на Министерския съвет.',
                   'The criterion applies only to Council of Ministers bills.',
                   'initiator'),
    },
    "MOT-04": {
        'quantified': ('PASS', 'Въздействието върху бюджета е посочено с размер или с финансова обосновка.',
                   'The budget impact is quantified or backed by a financial justification.',
                   'bill_id budget_passages justification_files signature source_url statement'),
        'no impact': ('PASS', 'Документите посочват, че не са необходими допълнителни бюджетни средства.',
                   'The documents state that no additional budget funds are needed.',
                   'bill_id budget_passages justification_files signature source_url statement'),
        'stated': ('WARN', 'Документите посочват въздействие върху бюджета, но без размер и без финансова обосновка.',
                   'The documents state a budget impact but give no amount and no financial justification.',
                   'bill_id budget_passages consultation_url justification_files signature source_url statement'),
        'silent': ('N_A', 'Мотивите и оценката не казват нищо за въздействието върху бюджета (виж MOT-02).',
                   'The motives and the IA say nothing about a budget impact (see MOT-02).',
                   'bill_id budget_passages justification_files signature source_url statement'),
        'not analysed': ('UNKNOWN', 'Текстът на мотивите и на оценката на въздействието не е изтеглен и анализиран.',
                   'The text of the motives and of the impact assessment has not been analysed.',
                   'bill_id budget_passages justification_files signature source_url'),
        'neither': ('N_A', 'Няма мотиви и оценка на въздействието (виж MOT-01, IA-01).',
                   'There are neither motives nor an impact assessment (see MOT-01, IA-01).',
                   'bill_id budget_passages justification_files signature source_url'),
    },
}


@pytest.mark.parametrize("cid, case", [(cid, name) for cid, cases in SCENARIOS.items() for name in cases])
def test_motives_branch_explained(cid, case):
    found = run(SCENARIOS[cid][case], cid)
    verdict, bg, en, evidence = EXPECTED[cid][case]
    assert (found.verdict.value, found.explanation_bg, found.explanation_en) == (verdict, bg, en)
    assert " ".join(sorted(found.evidence)) == evidence


def test_motives_evidence_lists_the_files_and_each_element():
    present = run(SCENARIOS["MOT-01"]["present"], "MOT-01").evidence
    assert (present["motives_files"], present["bill_files"]) == (["https://www.parliament.bg/bills/50/x.pdf"],
                                                                 ["52-602-01-43.rtf"])
    assert run(SCENARIOS["MOT-01"]["absent"], "MOT-01").evidence["bill_document_kinds"] == ["bill_text"]
    four = run(SCENARIOS["MOT-02"]["four"], "MOT-02").evidence
    assert (four["motives_file"], four["elements_found"], four["elements_of"], four["missing"]) == (
        "https://www.parliament.bg/bills/50/x.pdf", 4, 5, ["eu_law"])
    assert four["elements"][2] == {"key": "means", "present": True, "explicit_na": None, "passage": "Средства: …"}
    assert four["elements"][4] == {"key": "eu_law", "present": False, "explicit_na": None, "passage": None}
