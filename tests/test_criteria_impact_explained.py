"""Every branch of the impact-assessment criteria (ЗНА чл. 18а–20, 26; IA-01 … IA-05, IA-07) as a
reader meets it: the verdict, both explanations word for word and the evidence's fields.

test_criteria_units.py and test_criteria_ia04_mot04.py hold the thresholds; here each way an
impact assessment can be judged is pinned with what the review UI shows for it.
"""
from __future__ import annotations

import datetime as dt

import pytest

from criteria import initiative as I
from test_criteria_ia04_mot04 import _ia
from test_criteria_units import _adopted, bill, com_case, consultation, doc, ini, mp_bill, run

D = dt.date
NEW = "Законопроект за водите"
FULL_IA = doc("impact_assessment_full", url="https://www.parliament.bg/bills/50/ov.pdf")


def _new_law(adopted: D, *docs: I.Document, cons=()) -> I.Initiative:
    return ini(_adopted(title=NEW, adopted_on=adopted), docs=list(docs), cons=list(cons))


def _ex_post(day: D) -> I.Consultation:
    c = consultation(day, day + dt.timedelta(days=30), cid=300)
    c.title = "Последваща оценка на въздействието на Закона за водите"
    return c


def _labelled_ia(found: int) -> I.Document:
    d = _ia(found)
    for e in d.analysis["impact_assessment"]["elements"]:
        e["label"] = e["key"].replace("_", " ").capitalize()
    return d


SCENARIOS = {
    "IA-01": {
        "in the bill's files": ini(bill(), docs=[doc("impact_assessment_partial")]),
        "with the consultation": com_case(),
        "none": ini(bill(), docs=[doc("bill_text")]),
        "not classified": ini(bill()),
        "ratification": ini(bill(signature="50-202-02-1"), docs=[doc("bill_text")]),
    },
    "IA-02": {
        "full": ini(bill(title=NEW), docs=[FULL_IA]),
        "amending": ini(bill(), docs=[doc("impact_assessment_partial")]),
        "new, not classified": ini(bill(title=NEW)),
        "new, CoM": ini(bill(title=NEW), docs=[doc("impact_assessment_partial")]),
        "new, MPs": ini(mp_bill(title=NEW), docs=[doc("impact_assessment_partial")]),
    },
    "IA-03": {
        "published": com_case(),
        "in the bill's files": ini(bill(), docs=[doc("ia_opinion")]),
        "no consultation, not classified": ini(bill()),
        "no consultation": ini(bill(), docs=[doc("bill_text")]),
        "untyped": com_case(consultation(docs=("Други",))),
        "absent": com_case(consultation(docs=("Проект на акт", "Мотиви", "Оценка на въздействие"))),
    },
    "IA-04": {
        "8 of 8": ini(bill(), docs=[_labelled_ia(8)]),
        "4 of 8": ini(bill(), docs=[_labelled_ia(4)]),
        "2 of 8, unlabelled": ini(bill(), docs=[_ia(2)]),
        "full form": ini(bill(), docs=[_ia(10, "full")]),
        "no form": ini(bill(), docs=[_ia(4, "unknown")]),
        "not analysed": ini(bill(), docs=[doc("impact_assessment_partial")]),
        "none": ini(bill(), docs=[doc("bill_text")]),
        "not classified": ini(bill()),
        "the consultation's": com_case(),
    },
    "IA-05": {
        "at opening": com_case(),
        "during": com_case(consultation(doc_date=D(2024, 1, 10))),
        "after close": com_case(consultation(doc_date=D(2024, 2, 1))),
        "never": com_case(consultation(docs=("Проект на акт", "Мотиви"))),
        "untyped": com_case(consultation(docs=("Други",))),
        "undated": com_case(consultation(None, D(2024, 1, 31))),
    },
    "IA-07": {
        "not adopted": ini(bill(title=NEW)),
        "amending": ini(_adopted()),
        "not yet due": _new_law(D(2024, 5, 1), FULL_IA),
        "due": _new_law(D(2022, 1, 1), FULL_IA),
        "overdue": _new_law(D(2019, 5, 1), FULL_IA),
        "without a full IA": _new_law(D(2021, 9, 1), doc("impact_assessment_partial")),
        "not classified": _new_law(D(2021, 9, 1)),
        "evaluated": _new_law(D(2019, 5, 1), FULL_IA, cons=[_ex_post(D(2023, 6, 1))]),
        "evaluated late": _new_law(D(2019, 5, 1), FULL_IA, cons=[_ex_post(D(2024, 6, 1))]),
    },
}


EXPECTED = {
    "IA-01": {
        "in the bill's files": ('PASS', 'Оценката на въздействието е сред документите на законопроекта.',
                   "The impact assessment is among the bill's documents.",
                   'bill_id ia_files signature source_url'),
        'with the consultation': ('PASS', 'Оценката на въздействието е публикувана с консултацията 100-K на strategy.bg.',
                   'The impact assessment was published with consultation 100-K on strategy.bg.',
                   'bill_id consultation consultation_url date_close date_open ia_files ia_source link_status signature source_url'),
        'none': ('FAIL', 'Сред документите на законопроекта няма оценка на въздействието.',
                   "There is no impact assessment among the bill's documents.",
                   'bill_document_kinds bill_id ia_files signature source_url'),
        'not classified': ('UNKNOWN', 'Файловете на законопроекта още не са изтеглени и класифицирани.',
                   "The bill's files have not yet been downloaded and classified.",
                   'bill_id ia_files signature source_url'),
        'ratification': ('UNKNOWN', 'Възможно изключение от оценка на въздействието (ратификация), непотвърдено.',
                   'A possible exemption from impact assessment (ratification), not verified.',
                   'bill_id exemption signature source_url'),
    },
    "IA-02": {
        'full': ('PASS', 'Има цялостна оценка на въздействието.',
                   'A full impact assessment is present.',
                   'bill_id full_ia_files new_law signature source_url title'),
        'amending': ('UNKNOWN', 'Законопроект за изменение: дали частичната оценка сочи значителни въздействия не е анализирано.',
                   'An amending bill: whether its partial IA reports significant impacts is not analysed.',
                   'bill_id full_ia_files new_law signature source_url title'),
        'new, not classified': ('UNKNOWN', 'Нов закон, но документите му още не са класифицирани.',
                   'A new law, but its documents have not been classified yet.',
                   'bill_id full_ia_files new_law signature source_url title'),
        'new, CoM': ('FAIL', 'Нов закон без цялостна оценка на въздействието.',
                   'A new law without a full impact assessment.',
                   'bill_id document_kinds full_ia_files new_law signature source_url title'),
        'new, MPs': ('WARN', 'Нов закон на народни представители без цялостна оценка на въздействието.',
                   'A new law by MPs without a full impact assessment.',
                   'bill_id document_kinds full_ia_files new_law signature source_url title'),
    },
    "IA-03": {
        'published': ('PASS', 'Становището на администрацията на МС по оценката на въздействието е публикувано.',
                   "The opinion of the Council of Ministers' administration on the IA is published.",
                   'bill_id bill_opinion_files consultation consultation_url date_close date_open document_types link_status signature source_url'),
        "in the bill's files": ('PASS', 'Становището на администрацията на МС по оценката на въздействието е публикувано.',
                   "The opinion of the Council of Ministers' administration on the IA is published.",
                   'bill_id bill_opinion_files document_types signature source_url'),
        'no consultation, not classified': ('UNKNOWN', 'Няма свързана консултация, а документите на законопроекта не показват становището.',
                   "No consultation is linked and the bill's documents do not show the opinion.",
                   'bill_id bill_opinion_files document_types signature source_url'),
        'no consultation': ('FAIL', 'Становище на администрацията на МС по оценката не е открито (няма и консултация).',
                   "No opinion of the Council of Ministers' administration was found (and no consultation).",
                   'bill_id bill_opinion_files document_types signature source_url'),
        'untyped': ('UNKNOWN', 'Файловете на 100-K нямат вид на документа; становището не може да се установи.',
                   'The files of 100-K carry no type; the opinion cannot be identified.',
                   'bill_id bill_opinion_files consultation consultation_url date_close date_open document_types link_status signature source_url'),
        'absent': ('FAIL', 'С консултацията 100-K не е публикувано становище на администрацията на МС по оценката.',
                   "Consultation 100-K carries no opinion of the Council of Ministers' administration on the IA.",
                   'bill_id bill_opinion_files consultation consultation_url date_close date_open document_types link_status signature source_url'),
    },
    "IA-04": {
        '8 of 8': ('PASS', 'Оценката на въздействието (частичната) съдържа 8 от 8 елемента на минималното съдържание (липсват: —).',
                   'The partial impact assessment contains 8 of the 8 elements of the minimum content (missing: —).',
                   'bill_id checklist elements elements_found elements_of form ia_file ia_files_analysed ia_files_not_analysed ia_owner missing score signature source_url'),
        '4 of 8': ('WARN', 'Оценката на въздействието (частичната) съдържа 4 от 8 елемента на минималното съдържание (липсват: Costs benefits; Admin burden; Sme; Eu law).',
                   'The partial impact assessment contains 4 of the 8 elements of the minimum content (missing: costs and benefits; administrative burden; SME test; EU-law link).',
                   'bill_id checklist elements elements_found elements_of form ia_file ia_files_analysed ia_files_not_analysed ia_owner missing score signature source_url'),
        '2 of 8, unlabelled': ('FAIL', 'Оценката на въздействието (частичната) съдържа 2 от 8 елемента на минималното съдържание (липсват: options; stakeholders; costs_benefits; admin_burden; sme; eu_law).',
                   'The partial impact assessment contains 2 of the 8 elements of the minimum content (missing: options incl. no action; stakeholders; costs and benefits; administrative burden; SME test; EU-law link).',
                   'bill_id checklist elements elements_found elements_of form ia_file ia_files_analysed ia_files_not_analysed ia_owner missing score signature source_url'),
        'full form': ('PASS', 'Оценката на въздействието (цялостната) съдържа 10 от 10 елемента на минималното съдържание (липсват: —).',
                   'The full impact assessment contains 10 of the 10 elements of the minimum content (missing: —).',
                   'bill_id checklist elements elements_found elements_of form ia_file ia_files_analysed ia_files_not_analysed ia_owner missing score signature source_url'),
        'no form': ('WARN', 'Оценката на въздействието (без посочен вид) съдържа 4 от 8 елемента на минималното съдържание (липсват: costs_benefits; admin_burden; sme; eu_law).',
                   'The impact assessment contains 4 of the 8 elements of the minimum content (missing: costs and benefits; administrative burden; SME test; EU-law link).',
                   'bill_id checklist elements elements_found elements_of form ia_file ia_files_analysed ia_files_not_analysed ia_owner missing score signature source_url'),
        'not analysed': ('UNKNOWN', 'Текстът на оценката на въздействието не е изтеглен или не е четим (сканиран документ).',
                   "The impact assessment's text has not been downloaded or cannot be read (a scanned file).",
                   'bill_id ia_files_not_analysed signature source_url'),
        'none': ('N_A', 'Няма оценка на въздействието (виж IA-01).',
                   'There is no impact assessment (see IA-01).',
                   'bill_id ia_files_not_analysed signature source_url'),
        'not classified': ('UNKNOWN', 'Файловете на законопроекта още не са изтеглени и класифицирани.',
                   "The bill's files have not yet been downloaded and classified.",
                   'bill_id ia_files_not_analysed signature source_url'),
        "the consultation's": ('UNKNOWN', 'Текстът на оценката на въздействието не е изтеглен или не е четим (сканиран документ).',
                   "The impact assessment's text has not been downloaded or cannot be read (a scanned file).",
                   'bill_id consultation consultation_url ia_files_not_analysed signature source_url'),
    },
    "IA-05": {
        'at opening': ('PASS', 'Оценката на въздействието е публикувана при откриването на консултацията (01.01.2024).',
                   'The impact assessment was published when the consultation opened (2024-01-01).',
                   'consultation consultation_url date_close date_open ia_files ia_published link_status'),
        'during': ('WARN', 'Оценката на въздействието е добавена по време на консултацията (10.01.2024).',
                   'The impact assessment was added during the consultation (2024-01-10).',
                   'consultation consultation_url date_close date_open ia_files ia_published link_status'),
        'after close': ('FAIL', 'Оценката на въздействието е добавена след края на консултацията (01.02.2024).',
                   'The impact assessment was added after the consultation closed (2024-02-01).',
                   'consultation consultation_url date_close date_open ia_files ia_published link_status'),
        'never': ('FAIL', 'Оценката на въздействието не е публикувана с консултацията 100-K.',
                   'The impact assessment was not published with consultation 100-K.',
                   'consultation consultation_url date_close date_open ia_files ia_published link_status'),
        'untyped': ('UNKNOWN', 'Файловете на 100-K нямат вид на документа.',
                   'The files of 100-K carry no type.',
                   'consultation consultation_url date_close date_open ia_files ia_published link_status'),
        'undated': ('UNKNOWN', 'Оценката е публикувана, но датата ѝ или датата на откриване липсва.',
                   'The IA is published, but its date or the opening date is missing.',
                   'consultation consultation_url date_close date_open ia_files ia_published link_status'),
    },
    "IA-07": {
        'not adopted': ('N_A', 'Законопроектът не е приет (състояние: внесен).',
                   'The bill is not adopted (status: submitted).',
                   'bill_id signature source_url title'),
        'amending': ('N_A', 'Закон за изменение (или ратификация): задължителната последваща оценка е за нови закони.',
                   'An amending law (or a ratification): the mandatory ex-post evaluation is for new laws.',
                   'bill_id signature source_url title'),
        'not yet due': ('N_A', 'Последващата оценка още не е дължима (срок до 01.05.2029).',
                   'The ex-post evaluation is not yet due (term ends 2029-05-01).',
                   'as_of bill_id commencement commencement_estimated commencement_kind due_by ex_post_reports_collected signature source_url title warn_from'),
        'due': ('WARN', 'Последващата оценка на въздействието е дължима до 01.01.2027; свързан доклад не е открит (lexwatch не събира тези доклади).',
                   'The ex-post evaluation falls due by 2027-01-01; no report is linked (lexwatch does not collect them).',
                   'as_of bill_id commencement commencement_estimated commencement_kind due_by ex_post_reports_collected full_ia_files signature source_url title warn_from'),
        'overdue': ('UNKNOWN', 'Петгодишният срок за последваща оценка изтече на 01.05.2024; lexwatch не събира докладите за последваща оценка, затова дали е направена, не е известно.',
                   'The five-year term for the ex-post evaluation ended on 2024-05-01; lexwatch does not collect ex-post reports, so whether one was made is not known.',
                   'as_of bill_id commencement commencement_estimated commencement_kind due_by ex_post_reports_collected full_ia_files signature source_url title warn_from'),
        'without a full IA': ('N_A', 'Законът е приет без цялостна оценка на въздействието (виж IA-02).',
                   'The law was adopted without a full impact assessment (see IA-02).',
                   'as_of bill_id commencement commencement_estimated commencement_kind due_by ex_post_reports_collected full_ia_files signature source_url title warn_from'),
        'not classified': ('UNKNOWN', 'Дали законът е приет с цялостна оценка на въздействието, не е известно (документите не са класифицирани).',
                   'Whether the law came with a full impact assessment is not known (documents not classified).',
                   'as_of bill_id commencement commencement_estimated commencement_kind due_by ex_post_reports_collected full_ia_files signature source_url title warn_from'),
        'evaluated': ('PASS', 'Последващата оценка на въздействието е публикувана на 01.06.2023.',
                   'The ex-post evaluation was published on 2023-06-01.',
                   'as_of bill_id commencement commencement_estimated commencement_kind due_by ex_post_reports ex_post_reports_collected signature source_url title warn_from'),
        'evaluated late': ('WARN', 'Последващата оценка е публикувана на 01.06.2024, след петгодишния срок (01.05.2024).',
                   'The ex-post evaluation was published on 2024-06-01, after the five-year term (2024-05-01).',
                   'as_of bill_id commencement commencement_estimated commencement_kind due_by ex_post_reports ex_post_reports_collected signature source_url title warn_from'),
    },
}


@pytest.mark.parametrize("cid, case", [(cid, name) for cid, cases in SCENARIOS.items() for name in cases])
def test_impact_branch_explained(cid, case):
    found = run(SCENARIOS[cid][case], cid)
    verdict, bg, en, evidence = EXPECTED[cid][case]
    assert (found.verdict.value, found.explanation_bg, found.explanation_en) == (verdict, bg, en)
    assert " ".join(sorted(found.evidence)) == evidence
