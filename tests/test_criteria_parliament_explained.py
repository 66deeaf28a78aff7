"""Every branch of the parliamentary criteria (ПОДНС, Конституция; NA-DOC-01, NA-01 … NA-07) as a
reader meets it: the verdict, both explanations word for word and the evidence's fields.

test_criteria_units.py holds the thresholds; here each way a bill's passage through the National
Assembly can be judged is pinned with what the review UI shows for it.
"""
from __future__ import annotations

import datetime as dt

import pytest

from criteria import initiative as I
from test_criteria_units import (
    BILLS, FULL, LEAD, ORDER_DOC, _act, _adopted, _combined, _committee_sitting, _na03, _na06, _published, _sep,
    adopted_stages, bill, doc, ini, mp_bill, run, stages,
)

D = dt.date
FIRST = D(2024, 4, 10)
FIRST_VOTE = stages((FIRST, "зала първо гласуване", "приет"))
OPINION = I.Report("standp_list", D(2024, 3, 10), 3816, LEAD.name, "първо гласуване",
                   "Становище на Сдружение А относно законопроекта")
INITIAL = doc("bill_text", analysis={"amended_laws": [{"law_name_normalised": "Закон за горите"}]})
SEPARATE = (_sep("motives"), _sep("impact_assessment_partial"))
OTHER = I.Committee("Комисия по бюджет и финанси", "участваща", False, 3820)
# A lead committee known only by its role, as the chronology names it (no id, no is_lead flag).
BY_ROLE = I.Committee("Комисия по правни въпроси", "Водеща ", False, None)
LATE_OPINION = I.Report("standp_list", D(2024, 3, 20), 3816, LEAD.name, "първо гласуване", "Становище на Сдружение Б")
UNDATED_OPINION = I.Report("standp_list", None, 3816, LEAD.name, "първо гласуване", "Становище без дата")


def _report(day: D) -> list[I.Report]:
    return [I.Report("stan_list", day, 3816, LEAD.name, "първо гласуване")]


def _two_readings(second_report: D | None) -> I.Initiative:
    """Adopted at sittings of 10.04 and 02.05.2024; the first report two days ahead, the second as given."""
    reports = _report(D(2024, 4, 8))
    if second_report:
        reports.append(I.Report("stan_list2_1", second_report, 3816, LEAD.name, "второ гласуване"))
    return ini(bill(committees=[LEAD], status="adopted", stages=adopted_stages(D(2024, 4, 10), D(2024, 5, 2)),
                    reports=reports))


def _order(day: D) -> I.Initiative:
    files = [I.BillFile("order", "52-650-01-1.pdf", BILLS + "52-650-01-1.pdf", day)]
    return ini(bill(committees=[LEAD], reports=_report(D(2024, 3, 20)), files=files))


SCENARIOS = {
    "NA-DOC-01": {
        "combined, undated": _published(FULL),
        "separate, no IA": _published(_sep("bill_text"), _sep("motives")),
        "ratification": _published(_sep("bill_text"), _sep("motives"),
                                   title="Законопроект за ратифициране на Споразумението между България и Гърция"),
        "text missing at the sitting": _published(*SEPARATE, sitting=D(2024, 3, 20)),
        "text missing, no sitting yet": _published(*SEPARATE),
        "one file without headings": _published(_combined("motives", url=BILLS + "50-002-01-1.rtf")),
        "not downloaded": ini(bill(files=[I.BillFile("file_list", "x.pdf", BILLS + "x.pdf")])),
        "only the order": _published(ORDER_DOC),
        "nothing listed": ini(bill()),
        "on time": _published(FULL, date=D(2024, 3, 4), sitting=D(2024, 3, 20)),
        "two working days": _published(FULL, date=D(2024, 3, 5)),
        "on the sitting's day": _published(FULL, date=D(2024, 3, 20), sitting=D(2024, 3, 20)),
        "before the reform, no IA": _published(_sep("bill_text"), _sep("motives"), submitted_on=D(2015, 3, 2)),
        "on the reform day, no IA": _published(_sep("bill_text"), _sep("motives"), submitted_on=D(2016, 11, 4)),
        "budget": _published(_sep("bill_text"), _sep("motives"),
                             title="Законопроект за държавния бюджет на Република България за 2025 г."),
        "text missing, report only": _published(*SEPARATE, reports=_report(D(2024, 3, 18))),
        "dated, no submission date": _published(FULL, date=D(2024, 3, 4), submitted_on=None),
        "published before the report": _published(FULL, date=D(2024, 3, 4), reports=_report(D(2024, 3, 18))),
        "published on the report's day": _published(FULL, date=D(2024, 3, 18), reports=_report(D(2024, 3, 18))),
        "over a weekend": _published(FULL, date=D(2024, 3, 4), submitted_on=D(2024, 2, 29)),
    },
    "NA-01": {
        "report in 3 days": ini(bill(committees=[LEAD], reports=_report(D(2024, 3, 4)))),
        "report in 4 days": ini(bill(committees=[LEAD], reports=_report(D(2024, 3, 5)))),
        "order in 3 days": _order(D(2024, 3, 4)),
        "order in 4 days": _order(D(2024, 3, 5)),
        "order before submission": _order(D(2024, 2, 20)),
        "order on the submission day": _order(D(2024, 3, 1)),
        # The report names the lead committee by its name only (no committee id).
        "the lead's report by name": ini(bill(committees=[LEAD], reports=[
            I.Report("stan_list", D(2024, 3, 4), None, LEAD.name, "първо гласуване")])),
        "the lead's report by id": ini(bill(committees=[LEAD], reports=[
            I.Report("stan_list", D(2024, 3, 4), 3816, None, "първо гласуване")])),
        "no lead after 12 days": ini(bill(submitted_on=D(2026, 10, 20))),
        "too early to tell": ini(bill(submitted_on=D(2026, 10, 30))),
        "no lead at 3 days": ini(bill(submitted_on=D(2026, 10, 29))),
        "withdrawn undistributed": ini(bill(status="withdrawn", submitted_on=D(2026, 10, 1))),
        "merged undistributed": ini(bill(status="merged", submitted_on=D(2026, 10, 1))),
        # Only the Speaker's order dates the distribution, not another dated file of the bill.
        "a dated bill file is no order": ini(bill(committees=[LEAD], reports=_report(D(2024, 3, 20)), files=[
            I.BillFile("file_list", "50-002-01-1.pdf", BILLS + "50-002-01-1.pdf", D(2024, 3, 2))])),
        "the lead's sitting by id": ini(bill(committees=[LEAD], stages=[
            I.Stage(D(2024, 3, 3), "комисии първо гласуване", "приет", "steno_com", None, LEAD.committee_id, None)])),
        "no lead marked": ini(bill(committees=[OTHER])),
        "no submission date": ini(bill(submitted_on=None, committees=[LEAD])),
        "lead by role, sitting in 2 days": ini(bill(committees=[BY_ROLE], stages=[
            I.Stage(D(2024, 3, 3), "комисии първо гласуване", "приет", "activity", None, None, BY_ROLE.name)])),
        "only another committee's report": ini(bill(committees=[LEAD, OTHER], reports=[
            I.Report("stan_list", D(2024, 3, 2), 3820, OTHER.name, "първо гласуване")])),
        "an opinion is not an act": ini(bill(committees=[LEAD], reports=[
            I.Report("standp_list", D(2024, 3, 2), 3816, LEAD.name, "първо гласуване")])),
    },
    "NA-02": {
        "day before": ini(bill(committees=[LEAD], stages=FIRST_VOTE, reports=_report(FIRST - dt.timedelta(days=1)))),
        "same day": ini(bill(committees=[LEAD], stages=FIRST_VOTE, reports=_report(FIRST))),
        "no report": ini(bill(committees=[LEAD], stages=FIRST_VOTE)),
        "both readings on time": _two_readings(D(2024, 4, 30)),
        "second report late": _two_readings(D(2024, 5, 2)),
        "second report missing": _two_readings(None),
        # Only the second vote is in the chronology: its report is still checked.
        "second vote only": ini(bill(committees=[LEAD], status="adopted", stages=stages(
            (D(2024, 5, 2), "зала второ гласуване", "приет")), reports=[
            I.Report("stan_list2_1", D(2024, 4, 30), 3816, LEAD.name, "второ гласуване")])),
        "only after the sitting": ini(bill(committees=[LEAD], stages=FIRST_VOTE, reports=_report(D(2024, 4, 12)))),
        # No report of the lead committee: another committee's report stands in for it.
        "only another committee's report": ini(bill(committees=[LEAD, OTHER], stages=FIRST_VOTE, reports=[
            I.Report("stan_list", D(2024, 4, 10), 3820, OTHER.name, "първо гласуване")])),
        "another committee's later report": ini(bill(committees=[LEAD, OTHER], stages=FIRST_VOTE, reports=_report(
            D(2024, 4, 1)) + [I.Report("stan_list", D(2024, 4, 10), 3820, OTHER.name, "първо гласуване")])),
        "no first vote": ini(bill()),
    },
    "NA-03": {
        "7 days": _na03(7), "5 days": _na03(5), "2 days": _na03(2), "31 days": _na03(31), "no deadline": _na03(None),
        "3 days": _na03(3), "30 days": _na03(30), "deadline before the vote": _na03(-1),
        "deadline on the vote's day": _na03(0),
        "adopted, no first vote": ini(bill(status="adopted", adopted_on=D(2024, 5, 1))),
        "extended by date2": ini(mp_bill(status="first_reading_passed", stages=FIRST_VOTE,
                                         proposals_deadline=D(2024, 4, 13), proposals_date2=D(2024, 4, 17))),
        "no first vote": ini(bill()),
        "one sitting": ini(bill(status="adopted", stages=adopted_stages(D(2024, 4, 10), D(2024, 4, 10)))),
    },
    "NA-04": {
        "same day": ini(bill(status="adopted", stages=adopted_stages(D(2024, 4, 10), D(2024, 4, 10)))),
        "one row": ini(bill(status="adopted", stages=stages((D(2024, 4, 10), "зала първо и второ гласуване", "приет")))),
        "apart": ini(bill(status="adopted", stages=adopted_stages(D(2024, 4, 10), D(2024, 4, 11)))),
        "no votes": ini(bill(status="adopted", adopted_on=D(2024, 5, 1))),
        "not adopted": ini(bill(status="first_reading_passed")),
        "adopted, first vote only": ini(bill(status="adopted", stages=FIRST_VOTE)),
        # A first vote, later both votes at one sitting: the sitting named is the one of both votes.
        "first vote, then both at one sitting": ini(bill(status="adopted", stages=stages(
            (FIRST, "зала първо гласуване", "приет"), (D(2024, 4, 17), "зала първо и второ гласуване", "приет")))),
    },
    "NA-05": {
        "same laws": ini(_adopted(), docs=[INITIAL], texts=[_act(["Закон за горите"])]),
        "a rider": ini(_adopted(), docs=[INITIAL], texts=[_act(["Закон за горите", "Закон за лова"])]),
        "no initial text": ini(_adopted(), texts=[_act(["Закон за лова"])]),
        "not analysed": ini(_adopted(), docs=[INITIAL]),
        "two riders": ini(_adopted(), docs=[INITIAL], texts=[_act(["Закон за горите", "Закон за лова", "Закон за водите"])]),
        "not adopted": ini(bill()),
    },
    "NA-06": {
        "13 days": _na06(13), "20 days with an opinion": _na06(20, reports=[OPINION]),
        "report at 13 days": _na06(None, report_days=13), "report at 14 days": _na06(None, report_days=14),
        "not sat yet": _na06(None), "withdrawn": _na06(None, status="withdrawn"),
        "no submission date": _na06(5, submitted_on=None),
        "mixed initiators": ini(bill(initiator="mixed", committees=[LEAD], stages=[_committee_sitting(D(2024, 3, 5))])),
        "14 days": _na06(14),
        "reached plenary": _na06(None, status="first_reading_passed", stages=FIRST_VOTE),
        # Debated in plenary, not yet voted: past the lead committee all the same.
        "debated in plenary": _na06(None, stages=[I.Stage(FIRST, "зала първо гласуване", "обсъждане", "activity",
                                                          "first_reading_debated")]),
        # The lead committee's first-reading row records the withdrawal, not a sitting (the event decides).
        "withdrawn at the committee": _na06(None, status="withdrawn", stages=[
            I.Stage(D(2024, 3, 5), "комисии първо гласуване", "оттеглен", "activity", None, LEAD.committee_id, LEAD.name)]),
        "adopted, no sitting": _na06(None, status="adopted", adopted_on=D(2024, 5, 1)),
        "opinions after the sitting or undated": _na06(13, reports=[LATE_OPINION, UNDATED_OPINION]),
        "an opinion on the sitting's day": _na06(13, reports=[
            I.Report("standp_list", D(2024, 3, 14), 3816, LEAD.name, "първо гласуване", "Становище на Сдружение В")]),
        "another committee's sitting": _na06(None, stages=[_committee_sitting(D(2024, 3, 5), OTHER)]),
        "the lead's second reading": _na06(None, stages=[_committee_sitting(D(2024, 3, 5), stage="комисии второ гласуване")]),
        # The chronology row names the lead committee by its id only.
        "the lead's sitting by id": _na06(None, stages=[I.Stage(D(2024, 3, 20), "комисии първо гласуване", "приет",
                                                                "steno_com", None, LEAD.committee_id, None)]),
        "the lead's report by id": _na06(None, reports=[I.Report("stan_list", D(2024, 3, 22), 3816, None, "първо гласуване")]),
        "the lead's report by name": _na06(None, reports=[I.Report("stan_list", D(2024, 3, 22), None, LEAD.name,
                                                                    "първо гласуване")]),
    },
    "NA-07": {
        "fast": ini(_adopted(adopted_on=D(2024, 3, 14))),
        "normal": ini(_adopted(adopted_on=D(2024, 3, 15))),
        "stalled": ini(bill()),
        "young": ini(bill(submitted_on=D(2025, 11, 1))),
        "rejected": ini(bill(status="rejected")),
        "no submission date": ini(bill(submitted_on=None)),
        "adopted, no date": ini(bill(status="adopted")),
        "stalled at 366 days": ini(bill(submitted_on=D(2025, 10, 31))),
        "merged": ini(bill(status="merged")),
    },
}


EXPECTED = {
    "NA-DOC-01": {
        'combined, undated': ('PASS', 'Публикувани са текст на законопроекта, мотиви, оценка на въздействието (датата на публикуване не е известна).',
                   'Published: bill text, motives, impact assessment (the publication date is not known).',
                   'bill_id files first_published ia_files ia_required lag_checked lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'separate, no IA': ('WARN', 'Публикувани са не всички документи; липсват: оценка на въздействието.',
                   'Not all documents are published; missing: impact assessment.',
                   'bill_document_kinds bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'ratification': ('UNKNOWN', 'Не е публикувана оценка на въздействието; възможно изключение (ратификация), непотвърдено.',
                   'No impact assessment is published; a possible exemption (ratification), not verified.',
                   'bill_document_kinds bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'text missing at the sitting': ('FAIL', 'Текстът на законопроекта не е публикуван, а водещата комисия го е разгледала на първо гласуване (до 20.03.2024).',
                   'The bill text is not published, yet the lead committee took up its first reading (by 2024-03-20).',
                   'bill_document_kinds bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'text missing, no sitting yet': ('WARN', 'Текстът на законопроекта не е сред публикуваните документи.',
                   'The bill text is not among the published documents.',
                   'bill_document_kinds bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'one file without headings': ('UNKNOWN', 'Сред публикуваните документи не са открити: оценка на въздействието; законопроектът е в един файл заедно с мотивите и приложенията, а в него не са разпознати заглавия на приложенията.',
                   'Not found among the published documents: impact assessment; the bill is one file with its motives and annexes, and no annex heading was recognised in it.',
                   'bill_id cannot_tell files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'not downloaded': ('UNKNOWN', 'Сред публикуваните документи не са открити: текст на законопроекта, мотиви, оценка на въздействието; файловете още не са изтеглени, класифицирани или четими.',
                   'Not found among the published documents: bill text, motives, impact assessment; the files have not yet been downloaded, classified, or could not be read.',
                   'bill_id cannot_tell files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'only the order': ('UNKNOWN', 'parliament.bg не посочва файлове на законопроекта (или изтеглянето не ги е записало).',
                   'parliament.bg lists no file of the bill (or the crawl stored none).',
                   'bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'nothing listed': ('UNKNOWN', 'parliament.bg не посочва файлове на законопроекта (или изтеглянето не ги е записало).',
                   'parliament.bg lists no file of the bill (or the crawl stored none).',
                   'bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'on time': ('PASS', 'Публикувани са текст на законопроекта, мотиви, оценка на въздействието, 1 работен ден след внасянето.',
                   'Published: bill text, motives, impact assessment, 1 working day after submission.',
                   'bill_id files first_published ia_files ia_required lag_working_days lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'two working days': ('WARN', 'Документите са публикувани 2 работни дни след внасянето (05.03.2024).',
                   'The documents were published 2 working days after submission (2024-03-05).',
                   'bill_id files first_published ia_files ia_required lag_working_days lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        "on the sitting's day": ('FAIL', 'Документите са публикувани на 20.03.2024, не преди първото четене във водещата комисия (20.03.2024).',
                   "The documents were published on 2024-03-20, not before the lead committee's first reading (2024-03-20).",
                   'bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'before the reform, no IA': ('PASS', 'Публикувани са текст на законопроекта, мотиви (датата на публикуване не е известна).',
                   'Published: bill text, motives (the publication date is not known).',
                   'bill_id files first_published ia_required lag_checked lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'budget': ('UNKNOWN', 'Не е публикувана оценка на въздействието; възможно изключение (бюджет), непотвърдено.',
                   'No impact assessment is published; a possible exemption (budget), not verified.',
                   'bill_document_kinds bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'text missing, report only': ('FAIL', 'Текстът на законопроекта не е публикуван, а водещата комисия го е разгледала на първо гласуване (до 18.03.2024).',
                   'The bill text is not published, yet the lead committee took up its first reading (by 2024-03-18).',
                   'bill_document_kinds bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'dated, no submission date': ('PASS', 'Публикувани са текст на законопроекта, мотиви, оценка на въздействието (датата на публикуване не е известна).',
                   'Published: bill text, motives, impact assessment (the publication date is not known).',
                   'bill_id files first_published ia_files ia_required lag_checked lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'published before the report': ('PASS', 'Публикувани са текст на законопроекта, мотиви, оценка на въздействието, 1 работен ден след внасянето.',
                   'Published: bill text, motives, impact assessment, 1 working day after submission.',
                   'bill_id files first_published ia_files ia_required lag_working_days lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        "published on the report's day": ('FAIL', 'Документите са публикувани на 18.03.2024, не преди първото четене във водещата комисия (18.03.2024).',
                   "The documents were published on 2024-03-18, not before the lead committee's first reading (2024-03-18).",
                   'bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'over a weekend': ('WARN', 'Документите са публикувани 2 работни дни след внасянето (04.03.2024).',
                   'The documents were published 2 working days after submission (2024-03-04).',
                   'bill_id files first_published ia_files ia_required lag_working_days lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
        'on the reform day, no IA': ('WARN', 'Публикувани са не всички документи; липсват: оценка на въздействието.',
                   'Not all documents are published; missing: impact assessment.',
                   'bill_document_kinds bill_id files first_published ia_files ia_required lead_first_reading_report lead_first_reading_sitting missing motives_files signature source_url submitted_on text_files'),
    },
    "NA-01": {
        'report in 3 days': ('PASS', 'Водещата комисия е действала 3 дни след внасянето, значи е определена навреме.',
                   'The lead committee acted 3 days after submission, so it was named in time.',
                   'bill_id days_to_first_act lead_committees lead_first_act signature source_url submitted_on'),
        'report in 4 days': ('UNKNOWN', 'Датата на разпределение не се публикува; първото действие на водещата комисия е по-късно от срока.',
                   "The distribution date is not published; the lead committee's first act came after the term.",
                   'bill_id days_to_first_act lead_committees lead_first_act signature source_url submitted_on'),
        'order in 3 days': ('PASS', 'Законопроектът е разпределен 3 дни след внасянето (разпореждане от 04.03.2024).',
                   "The bill was distributed 3 days after submission (the Speaker's order of 04.03.2024).",
                   'bill_id days_to_distribution distribution_order lead_committees signature source_url submitted_on'),
        'order in 4 days': ('WARN', 'Законопроектът е разпределен 4 дни след внасянето (разпореждане от 05.03.2024), след 3-дневния срок.',
                   "The bill was distributed 4 days after submission (the Speaker's order of 05.03.2024), beyond the 3-day term.",
                   'bill_id days_to_distribution distribution_order lead_committees signature source_url submitted_on'),
        'order before submission': ('UNKNOWN', 'Датата на разпределение не се публикува; първото действие на водещата комисия е по-късно от срока.',
                   "The distribution date is not published; the lead committee's first act came after the term.",
                   'bill_id days_to_first_act lead_committees lead_first_act signature source_url submitted_on'),
        'no lead after 12 days': ('WARN', '12 дни след внасянето няма определена водеща комисия.',
                   '12 days after submission no lead committee is named.',
                   'bill_id days_waited lead_committees signature source_url submitted_on'),
        'too early to tell': ('N_A', 'Срокът за разпределение още тече.',
                   'The distribution term is still running.',
                   'bill_id lead_committees signature source_url submitted_on'),
        'no lead at 3 days': ('N_A', 'Срокът за разпределение още тече.',
                   'The distribution term is still running.',
                   'bill_id lead_committees signature source_url submitted_on'),
        'withdrawn undistributed': ('N_A', 'Законопроектът е оттеглен/обединен преди разпределение.',
                   'The bill was withdrawn or merged before distribution.',
                   'bill_id lead_committees signature source_url submitted_on'),
        'no lead marked': ('UNKNOWN', 'Законопроектът е разпределен, но водещата комисия не е отбелязана.',
                   'The bill is distributed, but no committee is marked as lead.',
                   'bill_id lead_committees signature source_url submitted_on'),
        'no submission date': ('UNKNOWN', 'Липсва дата на внасяне.',
                   'The submission date is missing.',
                   'bill_id lead_committees signature source_url submitted_on'),
        'lead by role, sitting in 2 days': ('PASS', 'Водещата комисия е действала 2 дни след внасянето, значи е определена навреме.',
                   'The lead committee acted 2 days after submission, so it was named in time.',
                   'bill_id days_to_first_act lead_committees lead_first_act signature source_url submitted_on'),
        "only another committee's report": ('UNKNOWN', 'Датата на разпределение не се публикува; първото действие на водещата комисия е по-късно от срока.',
                   "The distribution date is not published; the lead committee's first act came after the term.",
                   'bill_id days_to_first_act lead_committees lead_first_act signature source_url submitted_on'),
        'an opinion is not an act': ('UNKNOWN', 'Датата на разпределение не се публикува; първото действие на водещата комисия е по-късно от срока.',
                   "The distribution date is not published; the lead committee's first act came after the term.",
                   'bill_id days_to_first_act lead_committees lead_first_act signature source_url submitted_on'),
        'order on the submission day': ('PASS', 'Законопроектът е разпределен 0 дни след внасянето (разпореждане от 01.03.2024).',
                   "The bill was distributed 0 days after submission (the Speaker's order of 01.03.2024).",
                   'bill_id days_to_distribution distribution_order lead_committees signature source_url submitted_on'),
        "the lead's report by name": ('PASS', 'Водещата комисия е действала 3 дни след внасянето, значи е определена навреме.',
                   'The lead committee acted 3 days after submission, so it was named in time.',
                   'bill_id days_to_first_act lead_committees lead_first_act signature source_url submitted_on'),
        'merged undistributed': ('N_A', 'Законопроектът е оттеглен/обединен преди разпределение.',
                   'The bill was withdrawn or merged before distribution.',
                   'bill_id lead_committees signature source_url submitted_on'),
        'a dated bill file is no order': ('UNKNOWN', 'Датата на разпределение не се публикува; първото действие на водещата комисия е по-късно от срока.',
                   "The distribution date is not published; the lead committee's first act came after the term.",
                   'bill_id days_to_first_act lead_committees lead_first_act signature source_url submitted_on'),
        "the lead's sitting by id": ('PASS', 'Водещата комисия е действала 2 дни след внасянето, значи е определена навреме.',
                   'The lead committee acted 2 days after submission, so it was named in time.',
                   'bill_id days_to_first_act lead_committees lead_first_act signature source_url submitted_on'),
        "the lead's report by id": ('PASS', 'Водещата комисия е действала 3 дни след внасянето, значи е определена навреме.',
                   'The lead committee acted 3 days after submission, so it was named in time.',
                   'bill_id days_to_first_act lead_committees lead_first_act signature source_url submitted_on'),
    },
    "NA-02": {
        'day before': ('PASS', 'Докладите на комисията са предоставени поне ден преди заседанията.',
                   'The committee reports were available at least a day before the sittings.',
                   'bill_id first_reading signature source_url'),
        'same day': ('FAIL', 'Докладът за първото гласуване не е предоставен поне 24 часа преди заседанието на 10.04.2024.',
                   'The report for the first vote was not available 24 hours before the sitting of 2024-04-10.',
                   'bill_id first_reading signature source_url'),
        'no report': ('UNKNOWN', 'Докладът за първото гласуване липсва в данните.',
                   'The report for the first vote is missing from the data.',
                   'bill_id first_reading signature source_url'),
        'no first vote': ('N_A', 'Законопроектът не е стигнал до пленарна зала (състояние: внесен).',
                   'The bill has not reached the plenary (status: submitted).',
                   'bill_id signature source_url status'),
        'both readings on time': ('PASS', 'Докладите на комисията са предоставени поне ден преди заседанията.',
                   'The committee reports were available at least a day before the sittings.',
                   'bill_id first_reading second_reading signature source_url'),
        'second report late': ('FAIL', 'Докладът за второто гласуване не е предоставен поне 24 часа преди заседанието на 02.05.2024.',
                   'The report for the second vote was not available 24 hours before the sitting of 2024-05-02.',
                   'bill_id first_reading second_reading signature source_url'),
        'second report missing': ('UNKNOWN', 'Докладът за второто гласуване липсва в данните.',
                   'The report for the second vote is missing from the data.',
                   'bill_id first_reading second_reading signature source_url'),
        'only after the sitting': ('FAIL', 'Докладът за първото гласуване не е предоставен поне 24 часа преди заседанието на 10.04.2024.',
                   'The report for the first vote was not available 24 hours before the sitting of 2024-04-10.',
                   'bill_id first_reading signature source_url'),
        "another committee's later report": ('PASS', 'Докладите на комисията са предоставени поне ден преди заседанията.',
                   'The committee reports were available at least a day before the sittings.',
                   'bill_id first_reading signature source_url'),
        "only another committee's report": ('FAIL', 'Докладът за първото гласуване не е предоставен поне 24 часа преди заседанието на 10.04.2024.',
                   'The report for the first vote was not available 24 hours before the sitting of 2024-04-10.',
                   'bill_id first_reading signature source_url'),
        'second vote only': ('PASS', 'Докладите на комисията са предоставени поне ден преди заседанията.',
                   'The committee reports were available at least a day before the sittings.',
                   'bill_id second_reading signature source_url'),
    },
    "NA-03": {
        '7 days': ('PASS', 'Срокът за предложения е 7 дни (първо гласуване 10.04.2024, предложения до 17.04.2024).',
                   'The proposals term is 7 days (first vote 2024-04-10, proposals until 2024-04-17).',
                   'bill_id deadline first_vote proposals_date2 proposals_deadline signature source_url term_days'),
        '5 days': ('WARN', 'Срокът за предложения е съкратен на 5 дни (първо гласуване 10.04.2024, предложения до 15.04.2024).',
                   'The proposals term was shortened to 5 days (first vote 2024-04-10, proposals until 2024-04-15).',
                   'bill_id deadline first_vote proposals_date2 proposals_deadline signature source_url term_days'),
        '2 days': ('FAIL', 'Срокът за предложения е само 2 дни (първо гласуване 10.04.2024, предложения до 12.04.2024): процедурен сигнал (оценка, не незаконност).',
                   'The proposals term is only 2 days (first vote 2024-04-10, proposals until 2024-04-12): a procedural red flag (a quality judgment, not illegality).',
                   'bill_id deadline first_vote proposals_date2 proposals_deadline signature source_url term_days'),
        '31 days': ('WARN', 'Срокът за предложения е 31 дни (първо гласуване 10.04.2024, предложения до 11.05.2024): удължаването подсказва отлагане.',
                   'The proposals term is 31 days (first vote 2024-04-10, proposals until 2024-05-11): such an extension suggests shelving.',
                   'bill_id deadline first_vote proposals_date2 proposals_deadline signature source_url term_days'),
        'no deadline': ('UNKNOWN', 'Срокът за предложения между гласуванията липсва в данните.',
                   'The deadline for proposals between the votes is missing from the data.',
                   'bill_id deadline first_vote proposals_date2 proposals_deadline signature source_url'),
        'no first vote': ('N_A', 'Законопроектът не е стигнал до първо гласуване (състояние: внесен).',
                   'The bill has not reached a first vote (status: submitted).',
                   'bill_id signature source_url status'),
        'one sitting': ('N_A', 'Двете гласувания са в едно заседание, без срок за предложения (виж NA-04).',
                   'Both votes were held at one sitting, with no proposals term (see NA-04).',
                   'bill_id first_vote proposals_date2 proposals_deadline signature source_url'),
        '3 days': ('WARN', 'Срокът за предложения е съкратен на 3 дни (първо гласуване 10.04.2024, предложения до 13.04.2024).',
                   'The proposals term was shortened to 3 days (first vote 2024-04-10, proposals until 2024-04-13).',
                   'bill_id deadline first_vote proposals_date2 proposals_deadline signature source_url term_days'),
        '30 days': ('PASS', 'Срокът за предложения е 30 дни (първо гласуване 10.04.2024, предложения до 10.05.2024).',
                   'The proposals term is 30 days (first vote 2024-04-10, proposals until 2024-05-10).',
                   'bill_id deadline first_vote proposals_date2 proposals_deadline signature source_url term_days'),
        'deadline before the vote': ('UNKNOWN', 'Срокът за предложения между гласуванията липсва в данните.',
                   'The deadline for proposals between the votes is missing from the data.',
                   'bill_id deadline first_vote proposals_date2 proposals_deadline signature source_url'),
        'adopted, no first vote': ('UNKNOWN', 'Законопроектът е приет, но датата на първото гласуване липсва.',
                   'The bill is adopted, but the date of the first vote is missing.',
                   'bill_id first_vote proposals_date2 proposals_deadline signature source_url'),
        'extended by date2': ('PASS', 'Срокът за предложения е 7 дни (първо гласуване 10.04.2024, предложения до 17.04.2024).',
                   'The proposals term is 7 days (first vote 2024-04-10, proposals until 2024-04-17).',
                   'bill_id deadline first_vote proposals_date2 proposals_deadline signature source_url term_days'),
        "deadline on the vote's day": ('FAIL', 'Срокът за предложения е само 0 дни (първо гласуване 10.04.2024, предложения до 10.04.2024): процедурен сигнал (оценка, не незаконност).',
                   'The proposals term is only 0 days (first vote 2024-04-10, proposals until 2024-04-10): a procedural red flag (a quality judgment, not illegality).',
                   'bill_id deadline first_vote proposals_date2 proposals_deadline signature source_url term_days'),
    },
    "NA-04": {
        'same day': ('WARN', 'Двете гласувания са проведени в едно заседание (10.04.2024).',
                   'Both votes were held at one sitting (2024-04-10).',
                   'bill_id first_vote second_vote signature source_url stenogram_declarations_checked'),
        'one row': ('WARN', 'Двете гласувания са проведени в едно заседание (10.04.2024).',
                   'Both votes were held at one sitting (2024-04-10).',
                   'bill_id first_vote second_vote signature source_url stenogram_declarations_checked'),
        'apart': ('PASS', 'Гласуванията са в отделни заседания (10.04.2024 и 11.04.2024).',
                   'The votes were held at separate sittings (2024-04-10 and 2024-04-11).',
                   'bill_id first_vote second_vote signature source_url stenogram_declarations_checked'),
        'no votes': ('UNKNOWN', 'Датите на двете гласувания липсват в данните.',
                   'The dates of the two votes are missing.',
                   'bill_id first_vote second_vote signature source_url stenogram_declarations_checked'),
        'not adopted': ('N_A', 'Законопроектът не е стигнал до второ гласуване (състояние: приет на първо четене).',
                   'The bill has not reached a second vote (status: passed at first reading).',
                   'bill_id signature source_url status'),
        'adopted, first vote only': ('UNKNOWN', 'Датите на двете гласувания липсват в данните.',
                   'The dates of the two votes are missing.',
                   'bill_id first_vote second_vote signature source_url stenogram_declarations_checked'),
        'first vote, then both at one sitting': ('WARN', 'Двете гласувания са проведени в едно заседание (17.04.2024).',
                   'Both votes were held at one sitting (2024-04-17).',
                   'bill_id first_vote second_vote signature source_url stenogram_declarations_checked'),
    },
    "NA-05": {
        'same laws': ('PASS', 'Не са добавяни изменения в други закони след първо гласуване.',
                   'No amendments to other laws were added after the first reading.',
                   'bill_id laws_added_at_second_reading laws_at_first_reading signature source_url'),
        'a rider': ('WARN', 'На второ гласуване са добавени изменения в други закони: § 11 Закон за лова.',
                   'Amendments to other laws were added at second reading: § 11 Закон за лова.',
                   'bill_id laws_added_at_second_reading laws_at_first_reading signature source_url'),
        'no initial text': ('UNKNOWN', 'Текстът на законопроекта, както е внесен, не е изтеглен и анализиран.',
                   "The bill's text as submitted has not been downloaded and analysed.",
                   'bill_id signature source_url'),
        'not adopted': ('N_A', 'Законопроектът не е стигнал до приемане (състояние: внесен).',
                   'The bill has not reached adoption (status: submitted).',
                   'bill_id signature source_url status'),
        'not analysed': ('UNKNOWN', 'Обнародваният текст още не е анализиран.',
                   'The promulgated text has not been analysed yet.',
                   'bill_id signature source_url'),
        'two riders': ('WARN', 'На второ гласуване са добавени изменения в други закони: § 11 Закон за лова; § 12 Закон за водите.',
                   'Amendments to other laws were added at second reading: § 11 Закон за лова; § 12 Закон за водите.',
                   'bill_id laws_added_at_second_reading laws_at_first_reading signature source_url'),
    },
    "NA-06": {
        '13 days': ('WARN', 'Водещата комисия е разгледала законопроекта 13 дни след внасянето (заседанието от 14.03.2024): твърде кратко за становища.',
                   'The lead committee took up the bill 13 days after submission (sitting of 2024-03-14): too little time to comment.',
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        '20 days with an opinion': ('PASS', 'Водещата комисия е разгледала законопроекта 20 дни след внасянето (21.03.2024); дали докладът на комисията споменава становища не е проверено (текстът му не се изтегля).',
                   'The lead committee took up the bill 20 days after submission (2024-03-21); whether the committee report mentions stakeholder opinions is not checked (its text is not downloaded).',
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        'report at 13 days': ('WARN', 'Водещата комисия е разгледала законопроекта 13 дни след внасянето (доклада от 14.03.2024): твърде кратко за становища.',
                   'The lead committee took up the bill 13 days after submission (report of 2024-03-14): too little time to comment.',
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature sitting_bounded_by_report source_url stakeholder_opinions submitted_on'),
        'report at 14 days': ('UNKNOWN', 'Заседанието на водещата комисия не е в хронологията; докладът ѝ е от 15.03.2024, 14 дни след внасянето.',
                   "The lead committee's sitting is not in the chronology; its report is dated 2024-03-15, 14 days after submission.",
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature sitting_bounded_by_report source_url stakeholder_opinions submitted_on'),
        'not sat yet': ('N_A', 'Законопроектът не е стигнал до първо четене във водещата комисия (състояние: в комисия).',
                   "The bill has not reached the lead committee's first reading (status: in committee).",
                   'bill_id signature source_url status'),
        'withdrawn': ('N_A', 'Законопроектът не е стигнал до първо четене във водещата комисия (състояние: оттеглен).',
                   "The bill has not reached the lead committee's first reading (status: withdrawn).",
                   'bill_id signature source_url status'),
        'no submission date': ('UNKNOWN', 'Липсва дата на внасяне.',
                   'The submission date is missing.',
                   'bill_id lead_committees lead_first_reading_report lead_first_reading_sitting report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        'mixed initiators': ('WARN', 'Водещата комисия е разгледала законопроекта 4 дни след внасянето (заседанието от 05.03.2024): твърде кратко за становища.',
                   'The lead committee took up the bill 4 days after submission (sitting of 2024-03-05): too little time to comment.',
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        '14 days': ('PASS', 'Водещата комисия е разгледала законопроекта 14 дни след внасянето (15.03.2024); дали докладът на комисията споменава становища не е проверено (текстът му не се изтегля).',
                   'The lead committee took up the bill 14 days after submission (2024-03-15); whether the committee report mentions stakeholder opinions is not checked (its text is not downloaded).',
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        'reached plenary': ('UNKNOWN', 'Законопроектът е стигнал до първо гласуване в зала, но датата на първото четене във водещата комисия липсва в данните.',
                   "The bill has reached the first reading in plenary, but the date of the lead committee's first-reading sitting is missing from the data.",
                   'bill_id lead_committees lead_first_reading_report lead_first_reading_sitting report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        'adopted, no sitting': ('UNKNOWN', 'Законопроектът е стигнал до първо гласуване в зала, но датата на първото четене във водещата комисия липсва в данните.',
                   "The bill has reached the first reading in plenary, but the date of the lead committee's first-reading sitting is missing from the data.",
                   'bill_id lead_committees lead_first_reading_report lead_first_reading_sitting report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        'opinions after the sitting or undated': ('WARN', 'Водещата комисия е разгледала законопроекта 13 дни след внасянето (заседанието от 14.03.2024): твърде кратко за становища.',
                   'The lead committee took up the bill 13 days after submission (sitting of 2024-03-14): too little time to comment.',
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        "another committee's sitting": ('N_A', 'Законопроектът не е стигнал до първо четене във водещата комисия (състояние: в комисия).',
                   "The bill has not reached the lead committee's first reading (status: in committee).",
                   'bill_id signature source_url status'),
        "the lead's second reading": ('N_A', 'Законопроектът не е стигнал до първо четене във водещата комисия (състояние: в комисия).',
                   "The bill has not reached the lead committee's first reading (status: in committee).",
                   'bill_id signature source_url status'),
        "the lead's sitting by id": ('PASS', 'Водещата комисия е разгледала законопроекта 19 дни след внасянето (20.03.2024); дали докладът на комисията споменава становища не е проверено (текстът му не се изтегля).',
                   'The lead committee took up the bill 19 days after submission (2024-03-20); whether the committee report mentions stakeholder opinions is not checked (its text is not downloaded).',
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        "an opinion on the sitting's day": ('WARN', 'Водещата комисия е разгледала законопроекта 13 дни след внасянето (заседанието от 14.03.2024): твърде кратко за становища.',
                   'The lead committee took up the bill 13 days after submission (sitting of 2024-03-14): too little time to comment.',
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        "the lead's report by id": ('UNKNOWN', 'Заседанието на водещата комисия не е в хронологията; докладът ѝ е от 22.03.2024, 21 дни след внасянето.',
                   "The lead committee's sitting is not in the chronology; its report is dated 2024-03-22, 21 days after submission.",
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature sitting_bounded_by_report source_url stakeholder_opinions submitted_on'),
        'debated in plenary': ('UNKNOWN', 'Законопроектът е стигнал до първо гласуване в зала, но датата на първото четене във водещата комисия липсва в данните.',
                   "The bill has reached the first reading in plenary, but the date of the lead committee's first-reading sitting is missing from the data.",
                   'bill_id lead_committees lead_first_reading_report lead_first_reading_sitting report_mentions_opinions report_text_checked signature source_url stakeholder_opinions submitted_on'),
        'withdrawn at the committee': ('N_A', 'Законопроектът не е стигнал до първо четене във водещата комисия (състояние: оттеглен).',
                   "The bill has not reached the lead committee's first reading (status: withdrawn).",
                   'bill_id signature source_url status'),
        "the lead's report by name": ('UNKNOWN', 'Заседанието на водещата комисия не е в хронологията; докладът ѝ е от 22.03.2024, 21 дни след внасянето.',
                   "The lead committee's sitting is not in the chronology; its report is dated 2024-03-22, 21 days after submission.",
                   'bill_id days_to_committee lead_committees lead_first_reading_report lead_first_reading_sitting opinions_before_committee report_mentions_opinions report_text_checked signature sitting_bounded_by_report source_url stakeholder_opinions submitted_on'),
    },
    "NA-07": {
        'fast': ('WARN', 'Приет за 13 дни от внасянето (ускорено).',
                   'Adopted 13 days after submission (fast track).',
                   'adopted_on bill_id days_to_adoption signature source_url status submitted_on'),
        'normal': ('PASS', 'Приет за 14 дни от внасянето.',
                   'Adopted 14 days after submission.',
                   'adopted_on bill_id days_to_adoption signature source_url status submitted_on'),
        'stalled': ('WARN', 'Законопроектът е внесен преди 975 дни и още не е приет (застой).',
                   'Submitted 975 days ago and still pending (stalled).',
                   'bill_id days_pending signature source_url status submitted_on'),
        'young': ('PASS', 'Законопроектът е внесен преди 365 дни и се разглежда.',
                   'Submitted 365 days ago and pending.',
                   'bill_id days_pending signature source_url status submitted_on'),
        'rejected': ('N_A', 'Законопроектът не е приет (състояние: отхвърлен).',
                   'The bill was not adopted (status: rejected).',
                   'bill_id signature source_url status submitted_on'),
        'no submission date': ('UNKNOWN', 'Липсва дата на внасяне.',
                   'The submission date is missing.',
                   'bill_id signature source_url status submitted_on'),
        'adopted, no date': ('UNKNOWN', 'Законопроектът е приет, но датата липсва.',
                   'The bill is adopted, but the date is missing.',
                   'bill_id signature source_url status submitted_on'),
        'stalled at 366 days': ('WARN', 'Законопроектът е внесен преди 366 дни и още не е приет (застой).',
                   'Submitted 366 days ago and still pending (stalled).',
                   'bill_id days_pending signature source_url status submitted_on'),
        'merged': ('N_A', 'Законопроектът не е приет (състояние: обединен с друг законопроект).',
                   'The bill was not adopted (status: merged into another bill).',
                   'bill_id signature source_url status submitted_on'),
    },
}


@pytest.mark.parametrize("cid, case", [(cid, name) for cid, cases in SCENARIOS.items() for name in cases])
def test_parliament_branch_explained(cid, case):
    found = run(SCENARIOS[cid][case], cid)
    verdict, bg, en, evidence = EXPECTED[cid][case]
    assert (found.verdict.value, found.explanation_bg, found.explanation_en) == (verdict, bg, en)
    assert " ".join(sorted(found.evidence)) == evidence


# What the review UI shows beside the sentence: the branch's confidence tag, its labels, the day the
# verdict may change with the same data, and every evidence value (bill_id, signature and source_url
# aside; URLs under BILLS written as the file's name).
FINDINGS = {
    'NA-DOC-01': {
        'combined, undated': ('C2', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1.rtf', 'url': '50-002-01-1.rtf', 'date': None}],
            'text_files': ['50-002-01-1.rtf'], 'motives_files': ['50-002-01-1.rtf'], 'ia_files': ['50-002-01-1.rtf'],
            'ia_required': True, 'missing': [], 'first_published': None, 'lead_first_reading_sitting': None,
            'lead_first_reading_report': None, 'lag_checked': False}),
        'separate, no IA': ('C2', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1_bill_text.pdf', 'url': '50-002-01-1_bill_text.pdf', 'date': None}, {'filename': '50-002-01-1_motives.pdf', 'url': '50-002-01-1_motives.pdf', 'date': None}],
            'text_files': ['50-002-01-1_bill_text.pdf'], 'motives_files': ['50-002-01-1_motives.pdf'],
            'ia_files': [], 'ia_required': True, 'missing': ['ia'], 'first_published': None,
            'lead_first_reading_sitting': None, 'lead_first_reading_report': None,
            'bill_document_kinds': ['bill_text', 'motives']}),
        'ratification': ('C2', ('exemption_unverified',), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1_bill_text.pdf', 'url': '50-002-01-1_bill_text.pdf', 'date': None}, {'filename': '50-002-01-1_motives.pdf', 'url': '50-002-01-1_motives.pdf', 'date': None}],
            'text_files': ['50-002-01-1_bill_text.pdf'], 'motives_files': ['50-002-01-1_motives.pdf'],
            'ia_files': [], 'ia_required': True, 'missing': ['ia'], 'first_published': None,
            'lead_first_reading_sitting': None, 'lead_first_reading_report': None,
            'bill_document_kinds': ['bill_text', 'motives']}),
        'text missing at the sitting': ('C2', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1_motives.pdf', 'url': '50-002-01-1_motives.pdf', 'date': None}, {'filename': '50-002-01-1_impact_assessment_partial.pdf', 'url': '50-002-01-1_impact_assessment_partial.pdf', 'date': None}],
            'text_files': [], 'motives_files': ['50-002-01-1_motives.pdf'],
            'ia_files': ['50-002-01-1_impact_assessment_partial.pdf'], 'ia_required': True, 'missing': ['text'],
            'first_published': None, 'lead_first_reading_sitting': '2024-03-20', 'lead_first_reading_report': None,
            'bill_document_kinds': ['impact_assessment_partial', 'motives']}),
        'text missing, no sitting yet': ('C2', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1_motives.pdf', 'url': '50-002-01-1_motives.pdf', 'date': None}, {'filename': '50-002-01-1_impact_assessment_partial.pdf', 'url': '50-002-01-1_impact_assessment_partial.pdf', 'date': None}],
            'text_files': [], 'motives_files': ['50-002-01-1_motives.pdf'],
            'ia_files': ['50-002-01-1_impact_assessment_partial.pdf'], 'ia_required': True, 'missing': ['text'],
            'first_published': None, 'lead_first_reading_sitting': None, 'lead_first_reading_report': None,
            'bill_document_kinds': ['impact_assessment_partial', 'motives']}),
        'one file without headings': ('C2', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1.rtf', 'url': '50-002-01-1.rtf', 'date': None}],
            'text_files': ['50-002-01-1.rtf'], 'motives_files': ['50-002-01-1.rtf'], 'ia_files': [],
            'ia_required': True, 'missing': ['ia'], 'first_published': None, 'lead_first_reading_sitting': None,
            'lead_first_reading_report': None,
            'cannot_tell': 'the bill is one file with its motives and annexes, and no annex heading was recognised in it.'}),
        'not downloaded': ('C2', (), None, {
            'submitted_on': '2024-03-01', 'files': [{'filename': 'x.pdf', 'url': 'x.pdf', 'date': None}],
            'text_files': [], 'motives_files': [], 'ia_files': [], 'ia_required': True,
            'missing': ['text', 'motives', 'ia'], 'first_published': None, 'lead_first_reading_sitting': None,
            'lead_first_reading_report': None,
            'cannot_tell': 'the files have not yet been downloaded, classified, or could not be read.'}),
        'only the order': ('C2', ('no_files_listed',), None, {
            'submitted_on': '2024-03-01', 'files': [], 'text_files': [], 'motives_files': [], 'ia_files': [],
            'ia_required': True, 'missing': ['text', 'motives', 'ia'], 'first_published': None,
            'lead_first_reading_sitting': None, 'lead_first_reading_report': None}),
        'nothing listed': ('C2', ('no_files_listed',), None, {
            'submitted_on': '2024-03-01', 'files': [], 'text_files': [], 'motives_files': [], 'ia_files': [],
            'ia_required': True, 'missing': ['text', 'motives', 'ia'], 'first_published': None,
            'lead_first_reading_sitting': None, 'lead_first_reading_report': None}),
        'on time': ('C2', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1.rtf', 'url': '50-002-01-1.rtf', 'date': '2024-03-04'}],
            'text_files': ['50-002-01-1.rtf'], 'motives_files': ['50-002-01-1.rtf'], 'ia_files': ['50-002-01-1.rtf'],
            'ia_required': True, 'missing': [], 'first_published': '2024-03-04',
            'lead_first_reading_sitting': '2024-03-20', 'lead_first_reading_report': None, 'lag_working_days': 1}),
        'two working days': ('P', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1.rtf', 'url': '50-002-01-1.rtf', 'date': '2024-03-05'}],
            'text_files': ['50-002-01-1.rtf'], 'motives_files': ['50-002-01-1.rtf'], 'ia_files': ['50-002-01-1.rtf'],
            'ia_required': True, 'missing': [], 'first_published': '2024-03-05', 'lead_first_reading_sitting': None,
            'lead_first_reading_report': None, 'lag_working_days': 2}),
        "on the sitting's day": ('C2', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1.rtf', 'url': '50-002-01-1.rtf', 'date': '2024-03-20'}],
            'text_files': ['50-002-01-1.rtf'], 'motives_files': ['50-002-01-1.rtf'], 'ia_files': ['50-002-01-1.rtf'],
            'ia_required': True, 'missing': [], 'first_published': '2024-03-20',
            'lead_first_reading_sitting': '2024-03-20', 'lead_first_reading_report': None}),
        'before the reform, no IA': ('C2', (), None, {
            'submitted_on': '2015-03-02',
            'files': [{'filename': '50-002-01-1_bill_text.pdf', 'url': '50-002-01-1_bill_text.pdf', 'date': None}, {'filename': '50-002-01-1_motives.pdf', 'url': '50-002-01-1_motives.pdf', 'date': None}],
            'text_files': ['50-002-01-1_bill_text.pdf'], 'motives_files': ['50-002-01-1_motives.pdf'],
            'ia_required': False, 'missing': [], 'first_published': None, 'lead_first_reading_sitting': None,
            'lead_first_reading_report': None, 'lag_checked': False}),
        'on the reform day, no IA': ('C2', (), None, {
            'submitted_on': '2016-11-04',
            'files': [{'filename': '50-002-01-1_bill_text.pdf', 'url': '50-002-01-1_bill_text.pdf', 'date': None}, {'filename': '50-002-01-1_motives.pdf', 'url': '50-002-01-1_motives.pdf', 'date': None}],
            'text_files': ['50-002-01-1_bill_text.pdf'], 'motives_files': ['50-002-01-1_motives.pdf'],
            'ia_files': [], 'ia_required': True, 'missing': ['ia'], 'first_published': None,
            'lead_first_reading_sitting': None, 'lead_first_reading_report': None,
            'bill_document_kinds': ['bill_text', 'motives']}),
        'budget': ('C2', ('exemption_unverified',), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1_bill_text.pdf', 'url': '50-002-01-1_bill_text.pdf', 'date': None}, {'filename': '50-002-01-1_motives.pdf', 'url': '50-002-01-1_motives.pdf', 'date': None}],
            'text_files': ['50-002-01-1_bill_text.pdf'], 'motives_files': ['50-002-01-1_motives.pdf'],
            'ia_files': [], 'ia_required': True, 'missing': ['ia'], 'first_published': None,
            'lead_first_reading_sitting': None, 'lead_first_reading_report': None,
            'bill_document_kinds': ['bill_text', 'motives']}),
        'text missing, report only': ('C2', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1_motives.pdf', 'url': '50-002-01-1_motives.pdf', 'date': None}, {'filename': '50-002-01-1_impact_assessment_partial.pdf', 'url': '50-002-01-1_impact_assessment_partial.pdf', 'date': None}],
            'text_files': [], 'motives_files': ['50-002-01-1_motives.pdf'],
            'ia_files': ['50-002-01-1_impact_assessment_partial.pdf'], 'ia_required': True, 'missing': ['text'],
            'first_published': None, 'lead_first_reading_sitting': None, 'lead_first_reading_report': '2024-03-18',
            'bill_document_kinds': ['impact_assessment_partial', 'motives']}),
        'dated, no submission date': ('C2', (), None, {
            'submitted_on': None,
            'files': [{'filename': '50-002-01-1.rtf', 'url': '50-002-01-1.rtf', 'date': '2024-03-04'}],
            'text_files': ['50-002-01-1.rtf'], 'motives_files': ['50-002-01-1.rtf'], 'ia_files': ['50-002-01-1.rtf'],
            'ia_required': True, 'missing': [], 'first_published': '2024-03-04', 'lead_first_reading_sitting': None,
            'lead_first_reading_report': None, 'lag_checked': False}),
        'published before the report': ('C2', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1.rtf', 'url': '50-002-01-1.rtf', 'date': '2024-03-04'}],
            'text_files': ['50-002-01-1.rtf'], 'motives_files': ['50-002-01-1.rtf'], 'ia_files': ['50-002-01-1.rtf'],
            'ia_required': True, 'missing': [], 'first_published': '2024-03-04', 'lead_first_reading_sitting': None,
            'lead_first_reading_report': '2024-03-18', 'lag_working_days': 1}),
        "published on the report's day": ('C2', (), None, {
            'submitted_on': '2024-03-01',
            'files': [{'filename': '50-002-01-1.rtf', 'url': '50-002-01-1.rtf', 'date': '2024-03-18'}],
            'text_files': ['50-002-01-1.rtf'], 'motives_files': ['50-002-01-1.rtf'], 'ia_files': ['50-002-01-1.rtf'],
            'ia_required': True, 'missing': [], 'first_published': '2024-03-18', 'lead_first_reading_sitting': None,
            'lead_first_reading_report': '2024-03-18'}),
        'over a weekend': ('P', (), None, {
            'submitted_on': '2024-02-29',
            'files': [{'filename': '50-002-01-1.rtf', 'url': '50-002-01-1.rtf', 'date': '2024-03-04'}],
            'text_files': ['50-002-01-1.rtf'], 'motives_files': ['50-002-01-1.rtf'], 'ia_files': ['50-002-01-1.rtf'],
            'ia_required': True, 'missing': [], 'first_published': '2024-03-04', 'lead_first_reading_sitting': None,
            'lead_first_reading_report': None, 'lag_working_days': 2}),
    },
    'NA-01': {
        'report in 3 days': ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_act': '2024-03-04', 'days_to_first_act': 3}),
        'report in 4 days': ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_act': '2024-03-05', 'days_to_first_act': 4}),
        'order in 3 days': ('R/I', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'distribution_order': '2024-03-04', 'days_to_distribution': 3}),
        'order in 4 days': ('R/I', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'distribution_order': '2024-03-05', 'days_to_distribution': 4}),
        'order before submission': ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_act': '2024-03-20', 'days_to_first_act': 19}),
        'order on the submission day': ('R/I', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'distribution_order': '2024-03-01', 'days_to_distribution': 0}),
        "the lead's report by name": ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_act': '2024-03-04', 'days_to_first_act': 3}),
        "the lead's report by id": ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_act': '2024-03-04', 'days_to_first_act': 3}),
        'no lead after 12 days': ('C/R', (), None, {
            'submitted_on': '2026-10-20', 'lead_committees': [], 'days_waited': 12}),
        'too early to tell': ('C/R', (), D(2026, 11, 3), {
            'submitted_on': '2026-10-30', 'lead_committees': []}),
        'no lead at 3 days': ('C/R', (), D(2026, 11, 2), {
            'submitted_on': '2026-10-29', 'lead_committees': []}),
        'withdrawn undistributed': ('C/R', (), None, {
            'submitted_on': '2026-10-01', 'lead_committees': []}),
        'merged undistributed': ('C/R', (), None, {
            'submitted_on': '2026-10-01', 'lead_committees': []}),
        'a dated bill file is no order': ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_act': '2024-03-20', 'days_to_first_act': 19}),
        "the lead's sitting by id": ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_act': '2024-03-03', 'days_to_first_act': 2}),
        'no lead marked': ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': []}),
        'no submission date': ('C/R', (), None, {
            'submitted_on': None, 'lead_committees': ['Комисия по правни въпроси']}),
        'lead by role, sitting in 2 days': ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_act': '2024-03-03', 'days_to_first_act': 2}),
        "only another committee's report": ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'], 'lead_first_act': None,
            'days_to_first_act': None}),
        'an opinion is not an act': ('C/R', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'], 'lead_first_act': None,
            'days_to_first_act': None}),
    },
    'NA-02': {
        'day before': ('C/R', (), None, {
            'first_reading': {'plenary': '2024-04-10', 'report': '2024-04-09', 'days_before': 1, 'report_after_plenary': None, 'result': 'ok'}}),
        'same day': ('C/R', (), None, {
            'first_reading': {'plenary': '2024-04-10', 'report': '2024-04-10', 'days_before': 0, 'report_after_plenary': None, 'result': 'late'}}),
        'no report': ('C/R', (), None, {
            'first_reading': {'plenary': '2024-04-10', 'report': None, 'days_before': None, 'report_after_plenary': None, 'result': 'unknown'}}),
        'both readings on time': ('C/R', (), None, {
            'first_reading': {'plenary': '2024-04-10', 'report': '2024-04-08', 'days_before': 2, 'report_after_plenary': None, 'result': 'ok'},
            'second_reading': {'plenary': '2024-05-02', 'report': '2024-04-30', 'days_before': 2, 'report_after_plenary': None, 'result': 'ok'}}),
        'second report late': ('C/R', (), None, {
            'first_reading': {'plenary': '2024-04-10', 'report': '2024-04-08', 'days_before': 2, 'report_after_plenary': None, 'result': 'ok'},
            'second_reading': {'plenary': '2024-05-02', 'report': '2024-05-02', 'days_before': 0, 'report_after_plenary': None, 'result': 'late'}}),
        'second report missing': ('C/R', (), None, {
            'first_reading': {'plenary': '2024-04-10', 'report': '2024-04-08', 'days_before': 2, 'report_after_plenary': None, 'result': 'ok'},
            'second_reading': {'plenary': '2024-05-02', 'report': None, 'days_before': None, 'report_after_plenary': None, 'result': 'unknown'}}),
        'second vote only': ('C/R', (), None, {
            'second_reading': {'plenary': '2024-05-02', 'report': '2024-04-30', 'days_before': 2, 'report_after_plenary': None, 'result': 'ok'}}),
        'only after the sitting': ('C/R', (), None, {
            'first_reading': {'plenary': '2024-04-10', 'report': None, 'days_before': None, 'report_after_plenary': '2024-04-12', 'result': 'late'}}),
        "only another committee's report": ('C/R', (), None, {
            'first_reading': {'plenary': '2024-04-10', 'report': '2024-04-10', 'days_before': 0, 'report_after_plenary': None, 'result': 'late'}}),
        "another committee's later report": ('C/R', (), None, {
            'first_reading': {'plenary': '2024-04-10', 'report': '2024-04-01', 'days_before': 9, 'report_after_plenary': None, 'result': 'ok'}}),
        'no first vote': ('C/R', (), None, {
            'status': 'submitted'}),
    },
    'NA-03': {
        '7 days': ('C2/P', (), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': '2024-04-17', 'proposals_date2': None,
            'deadline': '2024-04-17', 'term_days': 7}),
        '5 days': ('C2/P', (), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': '2024-04-15', 'proposals_date2': None,
            'deadline': '2024-04-15', 'term_days': 5}),
        '2 days': ('P', ('procedural_red_flag',), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': '2024-04-12', 'proposals_date2': None,
            'deadline': '2024-04-12', 'term_days': 2}),
        '31 days': ('P', (), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': '2024-05-11', 'proposals_date2': None,
            'deadline': '2024-05-11', 'term_days': 31}),
        'no deadline': ('C2/P', (), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': None, 'proposals_date2': None, 'deadline': None}),
        '3 days': ('C2/P', (), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': '2024-04-13', 'proposals_date2': None,
            'deadline': '2024-04-13', 'term_days': 3}),
        '30 days': ('C2/P', (), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': '2024-05-10', 'proposals_date2': None,
            'deadline': '2024-05-10', 'term_days': 30}),
        'deadline before the vote': ('C2/P', (), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': '2024-04-09', 'proposals_date2': None,
            'deadline': '2024-04-09'}),
        "deadline on the vote's day": ('P', ('procedural_red_flag',), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': '2024-04-10', 'proposals_date2': None,
            'deadline': '2024-04-10', 'term_days': 0}),
        'adopted, no first vote': ('C2/P', (), None, {
            'first_vote': None, 'proposals_deadline': None, 'proposals_date2': None}),
        'extended by date2': ('C2/P', (), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': '2024-04-13', 'proposals_date2': '2024-04-17',
            'deadline': '2024-04-17', 'term_days': 7}),
        'no first vote': ('C2/P', (), None, {
            'status': 'submitted'}),
        'one sitting': ('C2/P', (), None, {
            'first_vote': '2024-04-10', 'proposals_deadline': None, 'proposals_date2': None}),
    },
    'NA-04': {
        'same day': ('C', ('one_sitting',), None, {
            'first_vote': '2024-04-10', 'second_vote': '2024-04-10', 'stenogram_declarations_checked': False}),
        'one row': ('C', ('one_sitting',), None, {
            'first_vote': '2024-04-10', 'second_vote': '2024-04-10', 'stenogram_declarations_checked': False}),
        'apart': ('C', (), None, {
            'first_vote': '2024-04-10', 'second_vote': '2024-04-11', 'stenogram_declarations_checked': False}),
        'no votes': ('C', (), None, {
            'first_vote': None, 'second_vote': None, 'stenogram_declarations_checked': False}),
        'not adopted': ('C', (), None, {
            'status': 'first_reading_passed'}),
        'adopted, first vote only': ('C', (), None, {
            'first_vote': '2024-04-10', 'second_vote': None, 'stenogram_declarations_checked': False}),
        'first vote, then both at one sitting': ('C', ('one_sitting',), None, {
            'first_vote': '2024-04-10', 'second_vote': '2024-04-17', 'stenogram_declarations_checked': False}),
    },
    'NA-05': {
        'same laws': ('R/U', (), None, {
            'laws_at_first_reading': ['Закон за горите'], 'laws_added_at_second_reading': []}),
        'a rider': ('R/U', ('scope_rule_unverified',), None, {
            'laws_at_first_reading': ['Закон за горите'],
            'laws_added_at_second_reading': [{'section': '§ 11', 'law': 'Закон за лова'}]}),
        'no initial text': ('R/U', (), None, {
}),
        'not analysed': ('R/U', (), None, {
}),
        'two riders': ('R/U', ('scope_rule_unverified',), None, {
            'laws_at_first_reading': ['Закон за горите'],
            'laws_added_at_second_reading': [{'section': '§ 11', 'law': 'Закон за лова'}, {'section': '§ 12', 'law': 'Закон за водите'}]}),
        'not adopted': ('R/U', (), None, {
            'status': 'submitted'}),
    },
    'NA-06': {
        '13 days': ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': '2024-03-14', 'lead_first_reading_report': None,
            'stakeholder_opinions': [], 'report_text_checked': False, 'report_mentions_opinions': None,
            'days_to_committee': 13, 'opinions_before_committee': 0}),
        '20 days with an opinion': ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': '2024-03-21', 'lead_first_reading_report': None,
            'stakeholder_opinions': [{'date': '2024-03-10', 'committee': 'Комисия по правни въпроси', 'stage': 'първо гласуване', 'subject': 'Становище на Сдружение А относно законопроекта'}],
            'report_text_checked': False, 'report_mentions_opinions': None, 'days_to_committee': 20,
            'opinions_before_committee': 1}),
        'report at 13 days': ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': None, 'lead_first_reading_report': '2024-03-14',
            'stakeholder_opinions': [], 'report_text_checked': False, 'report_mentions_opinions': None,
            'days_to_committee': 13, 'opinions_before_committee': 0, 'sitting_bounded_by_report': True}),
        'report at 14 days': ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': None, 'lead_first_reading_report': '2024-03-15',
            'stakeholder_opinions': [], 'report_text_checked': False, 'report_mentions_opinions': None,
            'days_to_committee': 14, 'opinions_before_committee': 0, 'sitting_bounded_by_report': True}),
        'not sat yet': ('U/P', (), None, {
            'status': 'in_committee'}),
        'withdrawn': ('U/P', (), None, {
            'status': 'withdrawn'}),
        'no submission date': ('U/P', (), None, {
            'submitted_on': None, 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': '2024-03-06', 'lead_first_reading_report': None,
            'stakeholder_opinions': [], 'report_text_checked': False, 'report_mentions_opinions': None}),
        'mixed initiators': ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': '2024-03-05', 'lead_first_reading_report': None,
            'stakeholder_opinions': [], 'report_text_checked': False, 'report_mentions_opinions': None,
            'days_to_committee': 4, 'opinions_before_committee': 0}),
        '14 days': ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': '2024-03-15', 'lead_first_reading_report': None,
            'stakeholder_opinions': [], 'report_text_checked': False, 'report_mentions_opinions': None,
            'days_to_committee': 14, 'opinions_before_committee': 0}),
        'reached plenary': ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': None, 'lead_first_reading_report': None, 'stakeholder_opinions': [],
            'report_text_checked': False, 'report_mentions_opinions': None}),
        'debated in plenary': ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': None, 'lead_first_reading_report': None, 'stakeholder_opinions': [],
            'report_text_checked': False, 'report_mentions_opinions': None}),
        'withdrawn at the committee': ('U/P', (), None, {
            'status': 'withdrawn'}),
        'adopted, no sitting': ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': None, 'lead_first_reading_report': None, 'stakeholder_opinions': [],
            'report_text_checked': False, 'report_mentions_opinions': None}),
        'opinions after the sitting or undated': ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': '2024-03-14', 'lead_first_reading_report': None,
            'stakeholder_opinions': [{'date': '2024-03-20', 'committee': 'Комисия по правни въпроси', 'stage': 'първо гласуване', 'subject': 'Становище на Сдружение Б'}, {'date': None, 'committee': 'Комисия по правни въпроси', 'stage': 'първо гласуване', 'subject': 'Становище без дата'}],
            'report_text_checked': False, 'report_mentions_opinions': None, 'days_to_committee': 13,
            'opinions_before_committee': 0}),
        "an opinion on the sitting's day": ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': '2024-03-14', 'lead_first_reading_report': None,
            'stakeholder_opinions': [{'date': '2024-03-14', 'committee': 'Комисия по правни въпроси', 'stage': 'първо гласуване', 'subject': 'Становище на Сдружение В'}],
            'report_text_checked': False, 'report_mentions_opinions': None, 'days_to_committee': 13,
            'opinions_before_committee': 1}),
        "another committee's sitting": ('U/P', (), None, {
            'status': 'in_committee'}),
        "the lead's second reading": ('U/P', (), None, {
            'status': 'in_committee'}),
        "the lead's sitting by id": ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': '2024-03-20', 'lead_first_reading_report': None,
            'stakeholder_opinions': [], 'report_text_checked': False, 'report_mentions_opinions': None,
            'days_to_committee': 19, 'opinions_before_committee': 0}),
        "the lead's report by id": ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': None, 'lead_first_reading_report': '2024-03-22',
            'stakeholder_opinions': [], 'report_text_checked': False, 'report_mentions_opinions': None,
            'days_to_committee': 21, 'opinions_before_committee': 0, 'sitting_bounded_by_report': True}),
        "the lead's report by name": ('U/P', (), None, {
            'submitted_on': '2024-03-01', 'lead_committees': ['Комисия по правни въпроси'],
            'lead_first_reading_sitting': None, 'lead_first_reading_report': '2024-03-22',
            'stakeholder_opinions': [], 'report_text_checked': False, 'report_mentions_opinions': None,
            'days_to_committee': 21, 'opinions_before_committee': 0, 'sitting_bounded_by_report': True}),
    },
    'NA-07': {
        'fast': ('P', ('fast_track',), None, {
            'submitted_on': '2024-03-01', 'status': 'adopted', 'adopted_on': '2024-03-14', 'days_to_adoption': 13}),
        'normal': ('P', (), None, {
            'submitted_on': '2024-03-01', 'status': 'adopted', 'adopted_on': '2024-03-15', 'days_to_adoption': 14}),
        'stalled': ('P', ('stalled',), None, {
            'submitted_on': '2024-03-01', 'status': 'submitted', 'days_pending': 975}),
        'young': ('P', (), D(2026, 11, 2), {
            'submitted_on': '2025-11-01', 'status': 'submitted', 'days_pending': 365}),
        'rejected': ('P', (), None, {
            'submitted_on': '2024-03-01', 'status': 'rejected'}),
        'no submission date': ('P', (), None, {
            'submitted_on': None, 'status': 'submitted'}),
        'adopted, no date': ('P', (), None, {
            'submitted_on': '2024-03-01', 'status': 'adopted'}),
        'stalled at 366 days': ('P', ('stalled',), None, {
            'submitted_on': '2025-10-31', 'status': 'submitted', 'days_pending': 366}),
        'merged': ('P', (), None, {
            'submitted_on': '2024-03-01', 'status': 'merged'}),
    },
}


def _local(value):
    if isinstance(value, str):
        return value.removeprefix(BILLS)
    if isinstance(value, list):
        return [_local(v) for v in value]
    if isinstance(value, dict):
        return {k: _local(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("cid, case", [(cid, name) for cid, cases in SCENARIOS.items() for name in cases])
def test_parliament_finding_in_full(cid, case):
    found = run(SCENARIOS[cid][case], cid)
    confidence, labels, recheck_on, evidence = FINDINGS[cid][case]
    assert (found.confidence, found.labels, found.recheck_on) == (confidence, labels, recheck_on)
    assert (found.evidence["bill_id"], found.evidence["source_url"]) == (1, None)
    assert _local({k: v for k, v in found.evidence.items() if k not in ("bill_id", "signature", "source_url")}) == evidence
