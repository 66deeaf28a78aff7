"""Every branch of the legislative-technique criteria (LT-01 … LT-05) as a reader meets it: the
verdict, both explanations word for word and the evidence's fields.

test_criteria_units.py and test_criteria_retroactivity_repeal_expost.py hold the thresholds; here
each way a promulgated law can be judged is pinned with what the review UI shows for it.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from test_criteria_retroactivity_repeal_expost import _law, _repeals
from test_criteria_units import _act, _adopted, _history, bill, ini, run

ON_DAY = [{"kind": "on_promulgation", "effect": "entry_into_force", "vacatio_legis_days": 0}]
PART = [{"kind": "offset", "effect": "entry_into_force", "vacatio_legis_days": 90}] + ON_DAY
BACK = [{"kind": "fixed_date", "effect": "entry_into_force", "vacatio_legis_days": -10}]
COND = [{"kind": "conditional", "effect": "entry_into_force", "vacatio_legis_days": None}]
ZID = dict(title="Закон за изменение и допълнение на Закона за водите",
           bill_title="Законопроект за изменение и допълнение на Закона за водите")

SCENARIOS = {
    "LT-01": {
        "none": ini(_adopted(), texts=[_act()]),
        "two other laws": ini(_adopted(), texts=[_act(["Закон за горите", "Закон за лова"])]),
        "no text": ini(_adopted()),
        "not adopted": ini(bill()),
    },
    "LT-02": {
        "once": ini(_adopted(), texts=[_act(history=_history(""))]),
        "three times": ini(_adopted(), texts=[_act(history=_history("5", "80"))]),
        "six times": ini(_adopted(), texts=[_act(history=_history("5, 10, 20 и 30", "90"))]),
        "new law": ini(_adopted(title="Законопроект за горите", final_title="Закон за горите"), texts=[_act()]),
        "no history": ini(_adopted(), texts=[_act()]),
        "not promulgated": ini(_adopted(dv_issue=None, dv_year=None),
                               texts=[replace(_act(history=_history("")), dv_issue=None, dv_year=None)]),
        "not adopted": ini(bill()),
    },
    "LT-03": {
        "three days": ini(_adopted(), texts=[_act(main=3)]),
        "on the day": ini(_adopted(), texts=[_act(clauses=ON_DAY, main=0)]),
        "partly on the day": ini(_adopted(), texts=[_act(clauses=PART, main=90)]),
        "retroactive": ini(_adopted(), texts=[_act(clauses=BACK, main=-10)]),
        "conditional": ini(_adopted(), texts=[_act(clauses=COND, main=None)]),
        "not adopted": ini(bill()),
        "no text": ini(_adopted()),
    },
    "LT-04": {
        "on promulgation": _law("<p>§ 9. Законът влиза в сила от деня на обнародването му.</p>"),
        "before promulgation": _law("<p>§ 9. Законът влиза в сила от 1 февруари 2026 г.</p>"),
        "express": _law("<p>§ 9. Законът има обратно действие.</p>"),
        "not adopted": ini(bill()),
        "no text": ini(bill(status="adopted", adopted_on=_adopted().adopted_on)),
    },
    "LT-05": {
        "old law repealed": _law(_repeals(12)),
        "young law repealed": _law(_repeals(13)),
        "nothing repealed": _law("<p>§ 5. Законът влиза в сила от деня на обнародването му.</p>"),
        "no history": _law("<p>§ 5. Законът за водите и каналите се отменя.</p>"),
        "amending": _law("<p>§ 5. Законът влиза в сила от деня на обнародването му.</p>", **ZID),
        "not adopted": ini(bill()),
    },
}


EXPECTED = {
    "LT-01": {
        'none': ('PASS', 'Законът не изменя други закони чрез допълнителните си разпоредби.',
                   'The law amends no other law through its supplementary provisions.',
                   'act_source_url bill_id n_other_laws other_laws_amended signature source_url'),
        'two other laws': ('WARN', 'Законът изменя 2 други закона чрез ПЗР: § 10 Закон за горите; § 11 Закон за лова.',
                   'The law amends 2 other laws through its final provisions: § 10 Закон за горите; § 11 Закон за лова.',
                   'act_source_url bill_id n_other_laws other_laws_amended signature source_url'),
        'no text': ('UNKNOWN', 'Обнародваният текст на закона още не е изтеглен и анализиран.',
                   'The promulgated text has not yet been downloaded and analysed.',
                   'bill_id signature source_url'),
        'not adopted': ('N_A', 'Законопроектът не е приет (състояние: внесен).',
                   'The bill is not adopted (status: submitted).',
                   'bill_id signature source_url'),
    },
    "LT-02": {
        'once': ('PASS', 'Законопроект за изменение и допълнение на Закона за водите: 1 изменение за 12 месеца (с настоящото).',
                   'Законопроект за изменение и допълнение на Закона за водите: 1 amending act in 12 months (this one included).',
                   'bill_id dates_estimated_from_issue_numbers dv_issue dv_year laws signature source_url window_months'),
        'three times': ('WARN', 'Законопроект за изменение и допълнение на Закона за водите: 3 изменения за 12 месеца (с настоящото).',
                   'Законопроект за изменение и допълнение на Закона за водите: 3 amending acts in 12 months (this one included).',
                   'bill_id dates_estimated_from_issue_numbers dv_issue dv_year laws signature source_url window_months'),
        'six times': ('FAIL', 'Законопроект за изменение и допълнение на Закона за водите: 6 изменения за 12 месеца (с настоящото).',
                   'Законопроект за изменение и допълнение на Закона за водите: 6 amending acts in 12 months (this one included).',
                   'bill_id dates_estimated_from_issue_numbers dv_issue dv_year laws signature source_url window_months'),
        'new law': ('N_A', 'Нов закон, който не изменя други закони: няма предишни изменения за броене.',
                   'A new law amending no other law: there are no earlier amendments to count.',
                   'bill_id dates_estimated_from_issue_numbers dv_issue dv_year laws signature source_url window_months'),
        'no history': ('UNKNOWN', 'Законът е изменителен, но историята на изменения на закона не е открита в текста.',
                   'An amending law, but the amendment history of its law was not found in the text.',
                   'bill_id dates_estimated_from_issue_numbers dv_issue dv_year laws signature source_url window_months'),
        'not promulgated': ('UNKNOWN', 'Броят на ДВ, в който е обнародван законът, не е известен.',
                   'The State Gazette issue of the law is not known.',
                   'bill_id dates_estimated_from_issue_numbers dv_issue dv_year signature source_url window_months'),
        'not adopted': ('N_A', 'Законопроектът не е приет (състояние: внесен).',
                   'The bill is not adopted (status: submitted).',
                   'bill_id signature source_url'),
    },
    "LT-03": {
        'three days': ('PASS', 'Законът влиза в сила най-рано 3 дни след обнародването.',
                   'The law enters into force no sooner than 3 days after promulgation.',
                   'bill_id clauses estimated reference_date reference_date_kind shortest_vacatio_days signature source_url vacatio_legis_days'),
        'on the day': ('WARN', 'Закон или част от него влиза в сила след 0 дни (под 3 дни по чл. 5, ал. 5 от Конституцията).',
                   'The law or part of it enters into force after 0 days (under the 3 days of Const. art. 5(5)).',
                   'bill_id clauses estimated reference_date reference_date_kind shortest_vacatio_days signature source_url vacatio_legis_days'),
        'partly on the day': ('WARN', 'Закон или част от него влиза в сила след 0 дни (под 3 дни по чл. 5, ал. 5 от Конституцията).',
                   'The law or part of it enters into force after 0 days (under the 3 days of Const. art. 5(5)).',
                   'bill_id clauses estimated reference_date reference_date_kind shortest_vacatio_days signature source_url vacatio_legis_days'),
        'retroactive': ('N_A', 'Законът влиза в сила с дата преди обнародването; обратното действие се оценява в LT-04.',
                   'The law enters into force on a date before promulgation; retroactivity is judged by LT-04.',
                   'bill_id clauses days_before_promulgation_see_lt_04 estimated reference_date reference_date_kind signature source_url vacatio_legis_days'),
        'conditional': ('UNKNOWN', 'Срокът за влизане в сила не може да се изчисли (условна или неразпозната клауза).',
                   'The time to entry into force cannot be computed (a conditional or unrecognised clause).',
                   'bill_id clauses estimated reference_date reference_date_kind signature source_url vacatio_legis_days'),
        'not adopted': ('N_A', 'Законопроектът не е приет (състояние: внесен).',
                   'The bill is not adopted (status: submitted).',
                   'bill_id signature source_url'),
        'no text': ('UNKNOWN', 'Обнародваният текст на закона още не е изтеглен и анализиран.',
                   'The promulgated text has not yet been downloaded and analysed.',
                   'bill_id signature source_url'),
    },
    "LT-04": {
        'on promulgation': ('PASS', 'Всички разпоредби влизат в сила или се прилагат от обнародването или по-късно.',
                   'Every provision enters into force or applies on or after promulgation.',
                   'act_source_url bill_id borderline express harsher_sanctions_checked implicit reference_date reference_date_kind signature source_url undetermined'),
        'before promulgation': ('FAIL', 'Разпоредби с действие преди обнародването без изрична разпоредба за обратно действие (чл. 14, ал. 1 ЗНА): § 9 (целия закон, от 01.02.2026).',
                   'Provisions take effect before promulgation with no express provision for retroactivity (ЗНА art. 14(1)): § 9 (the whole act, from 2026-02-01).',
                   'act_source_url bill_id borderline express harsher_sanctions_checked implicit reference_date reference_date_kind signature source_url undetermined'),
        'express': ('WARN', 'Изрично обратно действие, допустимо само по изключение (чл. 14, ал. 1 ЗНА): § 9 (целия закон, без дата).',
                   'Express retroactive effect, admissible only by exception (ЗНА art. 14(1)): § 9 (the whole act, no date).',
                   'act_source_url bill_id borderline express harsher_sanctions_checked implicit reference_date reference_date_kind signature source_url undetermined'),
        'not adopted': ('N_A', 'Законопроектът не е приет (състояние: внесен).',
                   'The bill is not adopted (status: submitted).',
                   'bill_id signature source_url'),
        'no text': ('UNKNOWN', 'Обнародваният текст на закона още не е изтеглен и анализиран.',
                   'The promulgated text has not yet been downloaded and analysed.',
                   'bill_id signature source_url'),
    },
    "LT-05": {
        'old law repealed': ('PASS', 'Отменените закони са на поне 3 години: § 5 Закон за водите и каналите (ДВ бр. 12/2023).',
                   'The repealed laws are at least 3 years old: § 5 Закон за водите и каналите (ДВ бр. 12/2023).',
                   'act_date act_date_kind act_source_url bill_id dates_estimated_from_issue_numbers repealed_laws signature source_url title young_law_years'),
        'young law repealed': ('WARN', 'Новият закон отменя закон на по-малко от 3 години: § 5 Закон за водите и каналите (ДВ бр. 13/2023).',
                   'The new law repeals a law less than 3 years old: § 5 Закон за водите и каналите (ДВ бр. 13/2023).',
                   'act_date act_date_kind act_source_url bill_id dates_estimated_from_issue_numbers repealed_laws signature source_url title young_law_years'),
        'nothing repealed': ('PASS', 'Новият закон не отменя друг закон.',
                   'The new law repeals no other law.',
                   'act_date act_date_kind act_source_url bill_id dates_estimated_from_issue_numbers repealed_laws signature source_url title young_law_years'),
        'no history': ('UNKNOWN', 'Отменен закон, чиято дата на обнародване не е известна (липсва историята му в ДВ).',
                   'A repealed law whose promulgation date is not known (its ДВ history is not cited).',
                   'act_date act_date_kind act_source_url bill_id dates_estimated_from_issue_numbers repealed_laws signature source_url title young_law_years'),
        'amending': ('UNKNOWN', 'Закон за изменение: делът на изменените членове от закона не се измерва (общият им брой не е в текста).',
                   "An amending law: the share of the law's articles it rewrites is not measured (their total is not in the text).",
                   'act_source_url bill_id signature source_url title'),
        'not adopted': ('N_A', 'Законопроектът не е приет (състояние: внесен).',
                   'The bill is not adopted (status: submitted).',
                   'bill_id signature source_url'),
    },
}


@pytest.mark.parametrize("cid, case", [(cid, name) for cid, cases in SCENARIOS.items() for name in cases])
def test_technique_branch_explained(cid, case):
    found = run(SCENARIOS[cid][case], cid)
    verdict, bg, en, evidence = EXPECTED[cid][case]
    assert (found.verdict.value, found.explanation_bg, found.explanation_en) == (verdict, bg, en)
    assert " ".join(sorted(found.evidence)) == evidence
