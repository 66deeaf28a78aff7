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
BILLS = "https://www.parliament.bg/bills/50/"
STRATEGY = "https://strategy.bg/download/"


def _at(d: I.Document, url: str) -> I.Document:
    d.url = url
    return d


def _means(*passages: str, url: str = BILLS + "m.pdf", owner: str = "bill", owner_id: int = 1,
           source: str = "motives", statement: str | None = None) -> I.Document:
    """Motives (or an IA) whose means (budget) element quotes `passages`; an IA's analyser may add
    its own reading of the budget section (`statement`)."""
    element = {"key": "means" if source == "motives" else "budget", "present": True,
               "evidence": [{"rule": "heading", "passage": p} for p in passages]}
    if statement:
        element["details"] = {"statement": statement}
    kind = "motives" if source == "motives" else "impact_assessment_partial"
    return doc(kind, owner=owner, owner_id=owner_id, url=url,
               analysis={source: {"found": 1, "of": 5, "elements": [element]}})


def _explicit_na() -> I.Document:
    """All five found, the EU-law element by an explicit „не е приложимо“ (ЗНА чл. 28: counts as present)."""
    d = _labelled(5)
    d.analysis["motives"]["elements"][4]["explicit_na"] = True
    return d


def _transposing(*kinds: str, key: str = "eu_law", rule: str = "transposes") -> I.Document:
    """One file holding the motives, whose EU-law element (or `key`) says by `rule` the bill transposes a directive."""
    d = _combined("motives", *kinds)
    d.analysis["motives"] = {"found": 5, "of": 5, "missing": [], "elements": [
        {"key": key, "present": True,
         "evidence": [{"rule": rule, "passage": "Със законопроекта се въвежда Директива (ЕС) 2022/2464."}]}]}
    return d


def _justification_file() -> I.Document:
    """An unclassified file of the bill known by its name only („Fin_obosnovka.docx“)."""
    d = doc(None, url=BILLS + "fo.docx")
    d.filename = "Fin_obosnovka.docx"
    return d


def _consultation_with_justification() -> I.Consultation:
    c = consultation(docs=("Проект на акт", "Друг документ"))
    c.documents[1].description = "Финансова обосновка към проекта"
    return c


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
        "one file listed twice": ini(bill(), docs=[_motives(5), _motives(4), _at(_motives(3), BILLS + "a.pdf")]),
    },
    "MOT-02": {
        "five": ini(bill(), docs=[_labelled(5)]),
        "four": ini(bill(), docs=[_labelled(4)]),
        "two, unlabelled": ini(bill(), docs=[_motives(2)]),
        "the better of two": ini(bill(), docs=[_labelled(2), _labelled(3)]),
        "no motives": ini(bill(), docs=[doc("bill_text")]),
        "not analysed": ini(bill()),
        "no element list": ini(bill(), docs=[doc("motives", analysis={"motives": {"found": 3}})]),
        "motives not analysed": ini(bill(), docs=[doc("motives")]),
        "a tie keeps the first": ini(bill(), docs=[_at(_labelled(3), BILLS + "first.pdf"),
                                                   _at(_labelled(3), BILLS + "second.pdf")]),
        "count not a number": ini(bill(), docs=[doc("motives", analysis={"motives": {"found": "5"}})]),
        # An element key the English labels do not know is shown as its key rather than dropped.
        "an unknown element": ini(bill(), docs=[doc("motives", analysis={"motives": {"found": 4, "missing": ["impact"]}})]),
        "EU law explicitly not applicable": ini(bill(), docs=[_explicit_na()]),
    },
    "MOT-03": {
        "all": ini(bill(), docs=[_combined("motives", "impact_assessment_partial", "consultation_report",
                                           "echr_compatibility")]),
        "lacking one": ini(bill(), docs=[_combined("motives", "impact_assessment_partial", "consultation_report")]),
        "lacking two": ini(bill(), docs=[_combined("motives", "impact_assessment_partial", "eu_compatibility_table")]),
        "cannot tell": ini(bill(), docs=[_combined("motives"), ORDER]),
        "not classified": ini(bill()),
        "mp bill": ini(mp_bill()),
        "transposes, no EU table": ini(bill(), docs=[_transposing("consultation_report", "echr_compatibility")]),
        "transposes, with the table": ini(bill(), docs=[_transposing("consultation_report", "echr_compatibility",
                                                                     "eu_compatibility_table")]),
        # Only the EU-law element's "transposes" rule asks for the table: not its heading, not another element's rule.
        "EU law without transposing": ini(bill(), docs=[_transposing("consultation_report", "echr_compatibility",
                                                                     rule="heading")]),
        "transposes under another element": ini(bill(), docs=[_transposing("consultation_report", "echr_compatibility",
                                                                           key="objectives")]),
    },
    "MOT-04": {
        "quantified": ini(bill(), docs=[_motives_text(QUANTIFIED)]),
        "no impact": ini(bill(), docs=[_motives_text(NONE)]),
        "stated": ini(bill(), cons=[consultation()], docs=[_motives_text(STATED)]),
        "silent": ini(bill(), docs=[_motives_text("Законопроектът има за цел по-кратки срокове.")]),
        "not analysed": ini(bill()),
        "neither": ini(bill(), docs=[doc("bill_text")]),
        "justification named as a file": ini(bill(), docs=[_means(STATED), _justification_file()]),
        "justification in the consultation": ini(bill(), cons=[_consultation_with_justification()], docs=[_means(STATED)]),
        "the bill's justification beside a consultation": ini(bill(), cons=[consultation()],
                                                              docs=[_means(STATED), _justification_file()]),
        "the IA's section reads none": ini(bill(), docs=[_means(source="impact_assessment", statement="none")]),
        "the IA's section reads stated": ini(bill(), docs=[_means(NONE, source="impact_assessment", statement="stated")]),
        "the consultation's IA": ini(bill(), cons=[consultation()], docs=[
            _means(STATED, owner="consultation", owner_id=100, source="impact_assessment", url=STRATEGY + "1009")]),
        "another consultation's IA": ini(bill(), cons=[consultation()], docs=[
            _means(STATED, owner="consultation", owner_id=101, source="impact_assessment", url=STRATEGY + "1019")]),
        # A consultation's file whose consultation is not linked to the bill is not read.
        "an IA of no linked consultation": ini(bill(), docs=[
            _means(STATED, owner="consultation", owner_id=100, source="impact_assessment", url=STRATEGY + "1009")]),
        "nine passages": ini(bill(), docs=[_means(*[f"{i}. {STATED}" for i in range(9)])]),
        "the means element absent": ini(bill(), docs=[doc("motives", analysis={"motives": {"found": 0, "elements": [
            {"key": "means", "present": False, "evidence": [{"passage": QUANTIFIED}]}]}})]),
        "an IA not read": ini(bill(), docs=[doc("impact_assessment_partial")]),
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
        'one file listed twice': ('PASS', 'Мотивите са сред документите на законопроекта.',
                   "The motives are among the bill's documents.",
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
        'no element list': ('WARN', 'Мотивите съдържат 3 от 5 елемента по чл. 28, ал. 2 ЗНА (липсват: —).',
                   'The motives contain 3 of the 5 elements of ЗНА art. 28(2) (missing: —).',
                   'bill_id elements elements_found elements_of missing motives_file signature source_url'),
        'motives not analysed': ('UNKNOWN', 'Текстът на мотивите не е изтеглен и анализиран.',
                   "The motives' text has not been analysed.",
                   'bill_id signature source_url'),
        'a tie keeps the first': ('WARN', 'Мотивите съдържат 3 от 5 елемента по чл. 28, ал. 2 ЗНА (липсват: Очаквани резултати; Анализ за съответствие с правото на ЕС).',
                   'The motives contain 3 of the 5 elements of ЗНА art. 28(2) (missing: the expected results; the analysis of compliance with EU law).',
                   'bill_id elements elements_found elements_of missing motives_file signature source_url'),
        'count not a number': ('UNKNOWN', 'Текстът на мотивите не е изтеглен и анализиран.',
                   "The motives' text has not been analysed.",
                   'bill_id signature source_url'),
        'an unknown element': ('WARN', 'Мотивите съдържат 4 от 5 елемента по чл. 28, ал. 2 ЗНА (липсват: impact).',
                   'The motives contain 4 of the 5 elements of ЗНА art. 28(2) (missing: impact).',
                   'bill_id elements elements_found elements_of missing motives_file signature source_url'),
        'EU law explicitly not applicable': ('PASS', 'Мотивите съдържат всичките 5 елемента по чл. 28, ал. 2 ЗНА.',
                   'The motives contain all 5 elements of ЗНА art. 28(2).',
                   'bill_id elements elements_found elements_of missing motives_file signature source_url'),
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
        'transposes, no EU table': ('FAIL', 'Към законопроекта липсват: таблица за съответствие с правото на ЕС.',
                   'The bill lacks 1 of the справки ПОДНС requires: таблица за съответствие с правото на ЕС.',
                   'bill_document_kinds bill_id documents_tell missing motives_say_transposes signature source_url'),
        'transposes, with the table': ('PASS', 'Законопроектът е придружен от изискваните справки.',
                   'The bill carries the required справки.',
                   'bill_document_kinds bill_id missing motives_say_transposes signature source_url'),
        'EU law without transposing': ('PASS', 'Законопроектът е придружен от изискваните справки.',
                   'The bill carries the required справки.',
                   'bill_document_kinds bill_id missing motives_say_transposes signature source_url'),
        'transposes under another element': ('PASS', 'Законопроектът е придружен от изискваните справки.',
                   'The bill carries the required справки.',
                   'bill_document_kinds bill_id missing motives_say_transposes signature source_url'),
        'lacking two': ('FAIL', 'Към законопроекта липсват: справка за постъпилите становища, справка за съответствие с ЕКПЧ.',
                   'The bill lacks 2 of the справки ПОДНС requires: справка за постъпилите становища, справка за съответствие с ЕКПЧ.',
                   'bill_document_kinds bill_id documents_tell missing motives_say_transposes signature source_url'),
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
        'justification named as a file': ('PASS', 'Въздействието върху бюджета е посочено с размер или с финансова обосновка.',
                   'The budget impact is quantified or backed by a financial justification.',
                   'bill_id budget_passages justification_files signature source_url statement'),
        'justification in the consultation': ('PASS', 'Въздействието върху бюджета е посочено с размер или с финансова обосновка.',
                   'The budget impact is quantified or backed by a financial justification.',
                   'bill_id budget_passages consultation_url justification_files signature source_url statement'),
        "the IA's section reads none": ('PASS', 'Документите посочват, че не са необходими допълнителни бюджетни средства.',
                   'The documents state that no additional budget funds are needed.',
                   'bill_id budget_passages justification_files signature source_url statement'),
        "the IA's section reads stated": ('WARN', 'Документите посочват въздействие върху бюджета, но без размер и без финансова обосновка.',
                   'The documents state a budget impact but give no amount and no financial justification.',
                   'bill_id budget_passages justification_files signature source_url statement'),
        "the consultation's IA": ('WARN', 'Документите посочват въздействие върху бюджета, но без размер и без финансова обосновка.',
                   'The documents state a budget impact but give no amount and no financial justification.',
                   'bill_id budget_passages consultation_url justification_files signature source_url statement'),
        "another consultation's IA": ('UNKNOWN', 'Текстът на мотивите и на оценката на въздействието не е изтеглен и анализиран.',
                   'The text of the motives and of the impact assessment has not been analysed.',
                   'bill_id budget_passages consultation_url justification_files signature source_url'),
        'nine passages': ('WARN', 'Документите посочват въздействие върху бюджета, но без размер и без финансова обосновка.',
                   'The documents state a budget impact but give no amount and no financial justification.',
                   'bill_id budget_passages justification_files signature source_url statement'),
        'the means element absent': ('N_A', 'Мотивите и оценката не казват нищо за въздействието върху бюджета (виж MOT-02).',
                   'The motives and the IA say nothing about a budget impact (see MOT-02).',
                   'bill_id budget_passages justification_files signature source_url statement'),
        'an IA not read': ('UNKNOWN', 'Текстът на мотивите и на оценката на въздействието не е изтеглен и анализиран.',
                   'The text of the motives and of the impact assessment has not been analysed.',
                   'bill_id budget_passages justification_files signature source_url'),
        "the bill's justification beside a consultation": ('PASS', 'Въздействието върху бюджета е посочено с размер или с финансова обосновка.',
                   'The budget impact is quantified or backed by a financial justification.',
                   'bill_id budget_passages consultation_url justification_files signature source_url statement'),
        'an IA of no linked consultation': ('UNKNOWN', 'Текстът на мотивите и на оценката на въздействието не е изтеглен и анализиран.',
                   'The text of the motives and of the impact assessment has not been analysed.',
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


# What the review UI shows beside the sentence: the branch's confidence tag, its labels, the day the
# verdict may change with the same data, and the evidence's values (bill_id, signature and source_url
# aside; URLs under BILLS written as the file's name; each element as (key, present, explicit_na, passage) and each
# budget passage as (source, url, reads_as), whose fields test_criteria_ia04_mot04.py pins).
FINDINGS = {
    'MOT-01': {
        'present': ('R/C2', (), None, {
            'motives_files': ['x.pdf'], 'bill_files': ['52-602-01-43.rtf']}),
        'absent': ('R/C2', (), None, {
            'motives_files': [], 'bill_files': [], 'bill_document_kinds': ['bill_text']}),
        'not classified': ('R/C2', (), None, {
            'motives_files': [], 'bill_files': []}),
        'one file listed twice': ('R/C2', (), None, {
            'motives_files': ['a.pdf', 'x.pdf'], 'bill_files': []}),
    },
    'MOT-02': {
        'five': ('C2', (), None, {
            'motives_file': 'x.pdf', 'elements_found': 5, 'elements_of': 5, 'missing': [],
            'elements': [('reasons', True, None, 'Причини: …'), ('objectives', True, None, 'Цели: …'), ('means', True, None, 'Средства: …'), ('results', True, None, 'Очаквани резултати: …'), ('eu_law', True, None, 'Анализ за съответствие с правото на ЕС: …')]}),
        'four': ('C2', (), None, {
            'motives_file': 'x.pdf', 'elements_found': 4, 'elements_of': 5, 'missing': ['eu_law'],
            'elements': [('reasons', True, None, 'Причини: …'), ('objectives', True, None, 'Цели: …'), ('means', True, None, 'Средства: …'), ('results', True, None, 'Очаквани резултати: …'), ('eu_law', False, None, None)]}),
        'two, unlabelled': ('C2', (), None, {
            'motives_file': 'x.pdf', 'elements_found': 2, 'elements_of': 5,
            'missing': ['means', 'results', 'eu_law'],
            'elements': [('reasons', True, None, None), ('objectives', True, None, None), ('means', False, None, None), ('results', False, None, None), ('eu_law', False, None, None)]}),
        'the better of two': ('C2', (), None, {
            'motives_file': 'x.pdf', 'elements_found': 3, 'elements_of': 5, 'missing': ['results', 'eu_law'],
            'elements': [('reasons', True, None, 'Причини: …'), ('objectives', True, None, 'Цели: …'), ('means', True, None, 'Средства: …'), ('results', False, None, None), ('eu_law', False, None, None)]}),
        'no motives': ('C2', (), None, {
            }),
        'not analysed': ('C2', (), None, {
            }),
        'no element list': ('C2', (), None, {
            'motives_file': 'x.pdf', 'elements_found': 3, 'elements_of': 5, 'missing': [], 'elements': []}),
        'motives not analysed': ('C2', (), None, {
            }),
        'a tie keeps the first': ('C2', (), None, {
            'motives_file': 'first.pdf', 'elements_found': 3, 'elements_of': 5, 'missing': ['results', 'eu_law'],
            'elements': [('reasons', True, None, 'Причини: …'), ('objectives', True, None, 'Цели: …'), ('means', True, None, 'Средства: …'), ('results', False, None, None), ('eu_law', False, None, None)]}),
        'count not a number': ('C2', (), None, {
            }),
        'an unknown element': ('C2', (), None, {
            'motives_file': 'x.pdf', 'elements_found': 4, 'elements_of': 5, 'missing': ['impact'], 'elements': []}),
        'EU law explicitly not applicable': ('C2', (), None, {
            'motives_file': 'x.pdf', 'elements_found': 5, 'elements_of': 5, 'missing': [],
            'elements': [('reasons', True, None, 'Причини: …'), ('objectives', True, None, 'Цели: …'), ('means', True, None, 'Средства: …'), ('results', True, None, 'Очаквани резултати: …'), ('eu_law', True, True, 'Анализ за съответствие с правото на ЕС: …')]}),
    },
    'MOT-03': {
        'all': ('C2', (), None, {
            'bill_document_kinds': ['bill_text', 'consultation_report', 'echr_compatibility', 'impact_assessment_partial', 'motives'],
            'motives_say_transposes': False, 'missing': []}),
        'lacking one': ('C2', (), None, {
            'bill_document_kinds': ['bill_text', 'consultation_report', 'impact_assessment_partial', 'motives'],
            'motives_say_transposes': False, 'missing': ['справка за съответствие с ЕКПЧ'], 'documents_tell': True}),
        'lacking two': ('C2', (), None, {
            'bill_document_kinds': ['bill_text', 'eu_compatibility_table', 'impact_assessment_partial', 'motives'],
            'motives_say_transposes': False,
            'missing': ['справка за постъпилите становища', 'справка за съответствие с ЕКПЧ'],
            'documents_tell': True}),
        'cannot tell': ('C2', (), None, {
            'bill_document_kinds': ['bill_text', 'motives', 'order'], 'motives_say_transposes': False,
            'missing': ['справка за постъпилите становища', 'справка за съответствие с ЕКПЧ'],
            'documents_tell': False,
            'cannot_tell': 'the bill is one file with its motives and annexes, and no annex heading was recognised in it.'}),
        'not classified': ('C2', (), None, {
            'bill_document_kinds': []}),
        'mp bill': ('C2', ('initiator',), None, {
            'initiator': 'mps'}),
        'transposes, no EU table': ('C2', (), None, {
            'bill_document_kinds': ['bill_text', 'consultation_report', 'echr_compatibility', 'motives'],
            'motives_say_transposes': True, 'missing': ['таблица за съответствие с правото на ЕС'],
            'documents_tell': True}),
        'transposes, with the table': ('C2', (), None, {
            'bill_document_kinds': ['bill_text', 'consultation_report', 'echr_compatibility', 'eu_compatibility_table', 'motives'],
            'motives_say_transposes': True, 'missing': []}),
        'EU law without transposing': ('C2', (), None, {
            'bill_document_kinds': ['bill_text', 'consultation_report', 'echr_compatibility', 'motives'],
            'motives_say_transposes': False, 'missing': []}),
        'transposes under another element': ('C2', (), None, {
            'bill_document_kinds': ['bill_text', 'consultation_report', 'echr_compatibility', 'motives'],
            'motives_say_transposes': False, 'missing': []}),
    },
    'MOT-04': {
        'quantified': ('C2/R/P', (), None, {
            'budget_passages': [('motives', '50-002-01-1.rtf', 'quantified')], 'justification_files': [],
            'statement': 'quantified'}),
        'no impact': ('P', (), None, {
            'budget_passages': [('motives', '50-002-01-1.rtf', 'none')], 'justification_files': [],
            'statement': 'none'}),
        'stated': ('P', (), None, {
            'budget_passages': [('motives', '50-002-01-1.rtf', 'stated')], 'justification_files': [],
            'consultation_url': 'https://strategy.bg/bg/public-consultations/100', 'statement': 'stated'}),
        'silent': ('C2/R/P', (), None, {
            'budget_passages': [], 'justification_files': [], 'statement': None}),
        'not analysed': ('C2/R/P', (), None, {
            'budget_passages': [], 'justification_files': []}),
        'neither': ('C2/R/P', (), None, {
            'budget_passages': [], 'justification_files': []}),
        'justification named as a file': ('C2/R/P', (), None, {
            'budget_passages': [('motives', 'm.pdf', 'stated')], 'justification_files': ['fo.docx'],
            'statement': 'quantified'}),
        'justification in the consultation': ('C2/R/P', (), None, {
            'budget_passages': [('motives', 'm.pdf', 'stated')],
            'justification_files': ['https://strategy.bg/download/1001'],
            'consultation_url': 'https://strategy.bg/bg/public-consultations/100', 'statement': 'quantified'}),
        "the bill's justification beside a consultation": ('C2/R/P', (), None, {
            'budget_passages': [('motives', 'm.pdf', 'stated')], 'justification_files': ['fo.docx'],
            'consultation_url': 'https://strategy.bg/bg/public-consultations/100', 'statement': 'quantified'}),
        "the IA's section reads none": ('P', (), None, {
            'budget_passages': [], 'justification_files': [], 'statement': 'none'}),
        "the IA's section reads stated": ('P', (), None, {
            'budget_passages': [('impact_assessment', 'm.pdf', 'none')], 'justification_files': [],
            'statement': 'stated'}),
        "the consultation's IA": ('P', (), None, {
            'budget_passages': [('impact_assessment', 'https://strategy.bg/download/1009', 'stated')],
            'justification_files': [], 'consultation_url': 'https://strategy.bg/bg/public-consultations/100',
            'statement': 'stated'}),
        "another consultation's IA": ('C2/R/P', (), None, {
            'budget_passages': [], 'justification_files': [],
            'consultation_url': 'https://strategy.bg/bg/public-consultations/100'}),
        'an IA of no linked consultation': ('C2/R/P', (), None, {
            'budget_passages': [], 'justification_files': []}),
        'nine passages': ('P', (), None, {
            'budget_passages': [('motives', 'm.pdf', 'stated'), ('motives', 'm.pdf', 'stated'), ('motives', 'm.pdf', 'stated'), ('motives', 'm.pdf', 'stated'), ('motives', 'm.pdf', 'stated'), ('motives', 'm.pdf', 'stated'), ('motives', 'm.pdf', 'stated'), ('motives', 'm.pdf', 'stated')],
            'justification_files': [], 'statement': 'stated'}),
        'the means element absent': ('C2/R/P', (), None, {
            'budget_passages': [], 'justification_files': [], 'statement': None}),
        'an IA not read': ('C2/R/P', (), None, {
            'budget_passages': [], 'justification_files': []}),
    },
}


def _summary(evidence: dict) -> dict:
    def local(value):
        if isinstance(value, str):
            return value.removeprefix(BILLS)
        if isinstance(value, list):
            return [local(v) for v in value]
        return value

    ev = {k: local(v) for k, v in evidence.items() if k not in ("bill_id", "signature", "source_url")}
    if "budget_passages" in ev:
        ev["budget_passages"] = [(p["source"], local(p["url"]), p["reads_as"]) for p in evidence["budget_passages"]]
    if "elements" in ev:
        ev["elements"] = [(e["key"], e["present"], e["explicit_na"], e["passage"]) for e in evidence["elements"]]
    return ev


@pytest.mark.parametrize("cid, case", [(cid, name) for cid, cases in SCENARIOS.items() for name in cases])
def test_motives_finding_in_full(cid, case):
    found = run(SCENARIOS[cid][case], cid)
    confidence, labels, recheck_on, evidence = FINDINGS[cid][case]
    assert (found.confidence, found.labels, found.recheck_on) == (confidence, labels, recheck_on)
    assert _summary(found.evidence) == evidence


def test_mot_04_no_impact_when_it_does_not_pass():
    """With `no_impact_passes` off, documents that say there is no budget impact leave MOT-04 N/A."""
    from criteria.thresholds import defaults

    off = defaults().with_overrides({"MOT-04": {"no_impact_passes": False}})
    found = run(SCENARIOS["MOT-04"]["no impact"], "MOT-04", off)
    assert (found.verdict.value, found.explanation_bg, found.explanation_en, found.confidence) == (
        "N_A", "Документите посочват, че няма въздействие върху бюджета.",
        "The documents state there is no budget impact.", "C2/R/P")
    assert found.evidence["statement"] == "none"
    # A stated impact still warns: the setting is about "none" only.
    assert run(SCENARIOS["MOT-04"]["stated"], "MOT-04", off).verdict.value == "WARN"


def test_mot_02_thresholds_decide():
    from criteria.thresholds import defaults

    stricter = defaults().with_overrides({"MOT-02": {"warn_elements": 5}})
    found = run(SCENARIOS["MOT-02"]["four"], "MOT-02", stricter)
    assert (found.verdict.value, found.explanation_en) == (
        "FAIL", "The motives contain 4 of the 5 elements of ЗНА art. 28(2) (missing: the analysis of compliance with EU law).")
    assert run(SCENARIOS["MOT-02"]["two, unlabelled"], "MOT-02",
               defaults().with_overrides({"MOT-02": {"warn_elements": 2}})).verdict.value == "WARN"
