"""Every branch of the consultation criteria (ЗНА чл. 26, CONS-01 … CONS-07) as a reader meets it:
the verdict, both explanations word for word and the evidence's fields.

test_criteria_units.py holds each criterion's thresholds; here each way a consultation can end
(a borderline 29 days, a message in place of the справка first seen after the decision, a link
that is a breach either way) is pinned with what the review UI shows for it, so that a change of
wording or of evidence is a deliberate one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from criteria import initiative as I
from test_criteria_units import bill, com_case, consultation, doc, ini, run

D = dt.date

REASON = "Срокът е 14 дни поради задължението за въвеждане на Директива (ЕС) 2022/2464 до 06.07.2024 г."


def _c(days, reason=None, **kw):
    return consultation(D(2024, 1, 1), D(2024, 1, 1) + dt.timedelta(days=days), reason=reason, **kw)


def _review(flag=None):
    c = consultation(D(2024, 1, 1), D(2024, 3, 20))
    return ini(bill(), cons=[c], links=[I.Link(1, "consultation", c.id, "title_match", "review", 0.6, flag)])


def _spravka(rejected, reasons, accepted=3, notice=False):
    case = com_case(consultation(spravka=D(2024, 2, 10)))
    case.documents.append(doc("consultation_report", owner="consultation", owner_id=100,
                              analysis={"spravka": {"accepted": accepted, "rejected": rejected,
                                                    "with_reasons": reasons, "no_proposals_notice": notice}}))
    return case


def _message(on, by):
    return com_case(replace(consultation(docs=("Проект на акт", "Мотиви", "Оценка на въздействие")),
                            spravka_message_on=on, spravka_message_dated_by=by))


SCENARIOS = {
    "CONS-01": {
        "pass": com_case(),
        "pass, no decision": com_case(dec=None),
        "opened after submission": com_case(consultation(D(2024, 3, 1), D(2024, 3, 31))),
        "opened after the decision": com_case(dec=D(2023, 12, 20)),
        "no dates": com_case(consultation(None, None)),
        "none found": ini(bill()),
        "not linked yet": ini(bill(), checked=False),
        "uncertain": _review(),
        "uncertain either way": _review("violation_either_way"),
    },
    "CONS-02": {
        "30 days": com_case(_c(30)), "29 days": com_case(_c(29)), "20 days with a reason": com_case(_c(20, REASON)),
        "20 days without": com_case(_c(20)), "no dates": com_case(consultation(None, None)),
    },
    "CONS-03": {
        "not shortened": com_case(_c(30)), "13 days": com_case(_c(13, REASON)), "14 days with a reason": com_case(_c(14, REASON)),
        "generic reason": com_case(_c(14, "Поради спешност на приемането на акта.")),
        "29 days without": com_case(_c(29)), "20 days without": com_case(_c(20)), "no dates": com_case(consultation(None, None)),
    },
    "CONS-04": {
        "pass": com_case(), "missing all": com_case(consultation(docs=("Други", "Становище"))),
        "untyped": com_case(consultation(docs=("Други",))),
    },
    "CONS-05": {
        "pass": com_case(consultation(spravka=D(2024, 2, 10))),
        "before close": com_case(consultation(spravka=D(2024, 1, 20))),
        "after the decision": com_case(consultation(spravka=D(2024, 2, 20))),
        "after submission": com_case(consultation(spravka=D(2024, 3, 5))),
        "no decision": com_case(consultation(spravka=D(2024, 2, 10)), dec=None),
        "page read, none": com_case(replace(consultation(), page_checked_on=D(2024, 3, 10))),
        "page not read": com_case(consultation()),
        "untyped": com_case(consultation(docs=("Други",))),
        "message seen after submission": _message(D(2024, 3, 5), "first_seen"),
        "message dated on the page, after submission": _message(D(2024, 3, 5), "page"),
        "message seen after the decision": _message(D(2024, 2, 20), "first_seen"),
        "message before the decision": _message(D(2024, 2, 10), "first_seen"),
    },
    "CONS-06": {
        "9 of 10": _spravka(10, 9), "6 of 10": _spravka(10, 6), "4 of 10": _spravka(10, 4),
        "none rejected": _spravka(0, 0), "none received": _spravka(0, 0, accepted=0, notice=True),
        "no decision rows": _spravka(0, 0, accepted=0), "not analysed": com_case(consultation(spravka=D(2024, 2, 10))),
        "a message instead": _message(D(2024, 2, 10), "page"), "no consultation": ini(bill()),
    },
    "CONS-07": {
        "pass": com_case(), "decision before close": com_case(dec=D(2024, 1, 20)),
        "decision on the last day": com_case(dec=D(2024, 1, 31)),
        "submitted before close": com_case(dec=None, sub=D(2024, 1, 25)), "no decision": com_case(dec=None),
        "no closing date": com_case(consultation(D(2024, 1, 1), None)),
    },
}


EXPECTED = {
    "CONS-01": {
        'pass': ('PASS', 'Проектът е публикуван за консултация (100-K) на 01.01.2024, преди внасянето.',
                   'The draft was published for consultation (100-K) on 2024-01-01, before submission.',
                   'bill_id consultation consultation_url council_decision date_close date_open link_status signature source_url submitted_on'),
        'pass, no decision': ('PASS', 'Проектът е публикуван за консултация (100-K) на 01.01.2024, преди внасянето (решението на МС не е свързано).',
                   "The draft was published for consultation (100-K) on 2024-01-01, before submission (the Council of Ministers' decision is not linked).",
                   'bill_id consultation consultation_url council_decision date_close date_open link_status signature source_url submitted_on'),
        'opened after submission': ('FAIL', 'Консултацията 100-K е открита на 01.03.2024, след внасянето на 01.03.2024.',
                   'Consultation 100-K opened on 2024-03-01, after the bill was submitted on 2024-03-01.',
                   'bill_id consultation consultation_url council_decision date_close date_open link_status signature source_url submitted_on'),
        'opened after the decision': ('FAIL', 'Консултацията 100-K е открита на 01.01.2024, след решението на МС от 20.12.2023.',
                   'Consultation 100-K opened on 2024-01-01, after the Council of Ministers approved the bill on 2023-12-20.',
                   'bill_id consultation consultation_url council_decision date_close date_open link_status signature source_url submitted_on'),
        'no dates': ('UNKNOWN', 'Липсва дата на откриване на консултацията или на внасяне.',
                   "The consultation's opening date or the submission date is missing.",
                   'bill_id consultation consultation_url council_decision date_close date_open link_status signature source_url submitted_on'),
        'none found': ('FAIL', 'Не е открита обществена консултация на проекта на strategy.bg преди внасянето му.',
                   'No public consultation of the draft on strategy.bg was found before its submission.',
                   'bill_id council_decision signature source_url submitted_on'),
        'not linked yet': ('UNKNOWN', 'Законопроектът още не е свързван с консултации на strategy.bg.',
                   'The bill has not yet been linked to strategy.bg consultations.',
                   'bill_id signature source_url'),
        'uncertain': ('UNKNOWN', 'Връзката с консултация (100-K) е несигурна и чака преглед.',
                   'The link to a consultation (100-K) is uncertain and awaits review.',
                   'bill_id signature source_url uncertain_consultations'),
        'uncertain either way': ('FAIL', 'Единствената възможна консултация (100-K) е била още открита при одобряването или внасянето на законопроекта: потвърдена, тя е проведена след решението (CONS-07); отхвърлена — законопроектът е внесен без консултация. Връзката чака преглед.',
                   'The only possible consultation (100-K) was still open when the bill was approved or submitted: confirmed, it came after the decision (CONS-07); rejected, the bill had no consultation. The link awaits review.',
                   'bill_id council_decision either_way signature source_url submitted_on uncertain_consultations'),
    },
    "CONS-02": {
        '30 days': ('PASS', 'Консултацията 100-K е траяла 30 дни (изискват се поне 30).',
                   'Consultation 100-K lasted 30 days (at least 30 required).',
                   'consultation consultation_url date_close date_open days link_status min_days'),
        '29 days': ('WARN', 'Консултацията 100-K е траяла 29 дни: гранично (при броене и на двата дни стават 30).',
                   'Consultation 100-K lasted 29 days: borderline (counting both ends gives 30).',
                   'consultation consultation_url date_close date_open days link_status min_days'),
        '20 days with a reason': ('WARN', 'Консултацията 100-K е съкратена на 20 дни с посочени мотиви (виж CONS-03).',
                   'Consultation 100-K was shortened to 20 days with a stated reason (see CONS-03).',
                   'consultation consultation_url date_close date_open days link_status min_days reason_generic reason_given short_term_reason'),
        '20 days without': ('FAIL', 'Консултацията 100-K е траяла само 20 дни без посочени мотиви за кратък срок.',
                   'Consultation 100-K lasted only 20 days with no stated reason for the short period.',
                   'consultation consultation_url date_close date_open days link_status min_days reason_generic reason_given short_term_reason'),
        'no dates': ('UNKNOWN', 'Консултацията 100-K няма дати на откриване и закриване.',
                   'Consultation 100-K has no opening and closing dates.',
                   'consultation consultation_url date_close date_open days link_status min_days'),
    },
    "CONS-03": {
        'not shortened': ('N_A', 'Срокът (30 дни) не е съкратен.',
                   'The period (30 days) was not shortened.',
                   'consultation consultation_url date_close date_open days link_status min_days'),
        '13 days': ('FAIL', 'Консултацията 100-K е траяла 13 дни, под законовия минимум от 14 дни.',
                   'Consultation 100-K lasted 13 days, below the legal minimum of 14.',
                   'consultation consultation_url date_close date_open days link_status min_days reason_generic reason_given reason_in_motives_checked short_term_reason'),
        '14 days with a reason': ('WARN', 'Срокът е съкратен на 14 дни с посочени мотиви.',
                   'The period was shortened to 14 days with a stated reason.',
                   'consultation consultation_url date_close date_open days link_status min_days reason_generic reason_given reason_in_motives_checked short_term_reason'),
        'generic reason': ('WARN', 'Срокът е съкратен на 14 дни с посочени мотиви (мотивът е общ, без конкретен срок).',
                   'The period was shortened to 14 days with a stated reason (the reason is generic, with no concrete deadline).',
                   'consultation consultation_url date_close date_open days link_status min_days reason_generic reason_given reason_in_motives_checked short_term_reason'),
        '29 days without': ('WARN', '29 дни без мотиви за кратък срок: гранично (при броене и на двата дни стават 30).',
                   '29 days with no reason for a short period: borderline (counting both ends gives 30).',
                   'consultation consultation_url date_close date_open days link_status min_days reason_generic reason_given reason_in_motives_checked short_term_reason'),
        '20 days without': ('FAIL', 'Срокът е съкратен на 20 дни без мотиви за кратък срок.',
                   'The period was shortened to 20 days with no reason stated.',
                   'consultation consultation_url date_close date_open days link_status min_days reason_generic reason_given reason_in_motives_checked short_term_reason'),
        'no dates': ('UNKNOWN', 'Консултацията 100-K няма дати на откриване и закриване.',
                   'Consultation 100-K has no opening and closing dates.',
                   'consultation consultation_url date_close date_open days link_status min_days'),
    },
    "CONS-04": {
        'pass': ('PASS', 'С консултацията 100-K са публикувани проектът, мотивите/докладът и оценката на въздействието.',
                   'Consultation 100-K published the draft, the motives/report and the impact assessment.',
                   'consultation consultation_url date_close date_open document_kinds document_types link_status missing'),
        'missing all': ('FAIL', 'С консултацията 100-K не са публикувани: Проект на акт, Мотиви или Доклад, Оценка на въздействие.',
                   'Consultation 100-K was published without: the draft act, motives or report, impact assessment.',
                   'consultation consultation_url date_close date_open document_kinds document_types link_status missing'),
        'untyped': ('UNKNOWN', 'Файловете на консултацията 100-K нямат вид на документа (стар портал или липсват).',
                   'The files of consultation 100-K carry no document type (old portal, or none listed).',
                   'consultation consultation_url date_close date_open document_kinds document_types link_status'),
    },
    "CONS-05": {
        'pass': ('PASS', 'Справката е публикувана на 10.02.2024, преди решението на МС от 15.02.2024.',
                   "The справка was published on 2024-02-10, before the Council of Ministers' decision of 2024-02-15.",
                   'consultation consultation_url council_decision date_close date_open link_status spravka_published submitted_on'),
        'before close': ('WARN', 'Справката е публикувана на 20.01.2024, преди края на консултацията (31.01.2024).',
                   'The справка was published on 2024-01-20, before the consultation closed (2024-01-31).',
                   'consultation consultation_url council_decision date_close date_open link_status spravka_published submitted_on'),
        'after the decision': ('WARN', 'Справката е публикувана на 20.02.2024, след решението на МС от 15.02.2024, но преди внасянето.',
                   'The справка was published on 2024-02-20, after the decision of 2024-02-15 but before submission.',
                   'consultation consultation_url council_decision date_close date_open link_status spravka_published submitted_on'),
        'after submission': ('FAIL', 'Справката е публикувана на 05.03.2024, след внасянето в НС на 01.03.2024.',
                   'The справка was published on 2024-03-05, after submission to the Assembly on 2024-03-01.',
                   'consultation consultation_url council_decision date_close date_open link_status spravka_published submitted_on'),
        'no decision': ('UNKNOWN', 'Справката е публикувана преди внасянето, но решението на МС не е свързано.',
                   "The справка was published before submission, but the Council of Ministers' decision is not linked.",
                   'consultation consultation_url council_decision date_close date_open link_status spravka_published submitted_on'),
        'page read, none': ('FAIL', 'Справка за получените предложения по 100-K не е публикувана до внасянето (нито файл, нито съобщение на страницата към 10.03.2024).',
                   'No справка on the proposals received in 100-K was published by submission (no file, and no message on the page as of 2024-03-10).',
                   'consultation consultation_url council_decision date_close date_open link_status page_checked_on spravka_published submitted_on'),
        'page not read': ('UNKNOWN', 'Няма файл със справка по 100-K; страницата на консултацията, където може да има съобщение вместо справка, не е прочетена.',
                   'No справка file in 100-K; the consultation page, which may carry a message instead of the справка, has not been read.',
                   'consultation consultation_url council_decision date_close date_open link_status spravka_published submitted_on'),
        'untyped': ('UNKNOWN', 'Файловете на 100-K нямат вид на документа; справката не може да се установи.',
                   'The files of 100-K carry no type; the справка cannot be identified.',
                   'consultation consultation_url council_decision date_close date_open link_status spravka_published submitted_on'),
        'message seen after submission': ('UNKNOWN', 'Съобщението вместо справка е видяно за първи път на 05.03.2024, след внасянето (01.03.2024); датата на публикуването му не е известна.',
                   'The message in place of the справка was first seen on 2024-03-05, after submission (2024-03-01); when it was published is not known.',
                   'consultation consultation_url council_decision date_close date_open link_status spravka_message_dated_by spravka_message_on spravka_published submitted_on'),
        'message dated on the page, after submission': ('FAIL', 'Справката е публикувана на 05.03.2024, след внасянето в НС на 01.03.2024.',
                   'The справка was published on 2024-03-05, after submission to the Assembly on 2024-03-01.',
                   'consultation consultation_url council_decision date_close date_open link_status spravka_message_dated_by spravka_message_on spravka_published submitted_on'),
        'message seen after the decision': ('UNKNOWN', 'Съобщението вместо справка е видяно за първи път на 20.02.2024, след решението на МС от 15.02.2024; дали е публикувано преди решението не е известно.',
                   'The message in place of the справка was first seen on 2024-02-20, after the decision of 2024-02-15; whether it was published before the decision is not known.',
                   'consultation consultation_url council_decision date_close date_open link_status spravka_message_dated_by spravka_message_on spravka_published submitted_on'),
        'message before the decision': ('PASS', 'Справката е публикувана на 10.02.2024, преди решението на МС от 15.02.2024.',
                   "The справка was published on 2024-02-10, before the Council of Ministers' decision of 2024-02-15.",
                   'consultation consultation_url council_decision date_close date_open link_status spravka_message_dated_by spravka_message_on spravka_published submitted_on'),
    },
    "CONS-06": {
        '9 of 10': ('PASS', '9 от 10 неприети предложения са с мотиви (90%).',
                   '9 of 10 rejected proposals carry reasons (90%).',
                   'bill_id consultation consultation_url date_close date_open link_status reasons_share rejected signature source_url spravka_files with_reasons'),
        '6 of 10': ('WARN', '6 от 10 неприети предложения са с мотиви (60%).',
                   '6 of 10 rejected proposals carry reasons (60%).',
                   'bill_id consultation consultation_url date_close date_open link_status reasons_share rejected signature source_url spravka_files with_reasons'),
        '4 of 10': ('FAIL', '4 от 10 неприети предложения са с мотиви (40%).',
                   '4 of 10 rejected proposals carry reasons (40%).',
                   'bill_id consultation consultation_url date_close date_open link_status reasons_share rejected signature source_url spravka_files with_reasons'),
        'none rejected': ('N_A', 'Няма неприети предложения.',
                   'No proposals were rejected.',
                   'bill_id consultation consultation_url date_close date_open link_status rejected signature source_url spravka_files with_reasons'),
        'none received': ('N_A', 'Няма неприети предложения (не са постъпили предложения).',
                   'No proposals were rejected (none were received).',
                   'bill_id consultation consultation_url date_close date_open link_status rejected signature source_url spravka_files with_reasons'),
        'no decision rows': ('UNKNOWN', 'В справката не са разпознати предложения с решение по тях.',
                   'No proposal with a decision on it was recognised in the справка.',
                   'bill_id consultation consultation_url date_close date_open link_status rejected signature source_url spravka_files with_reasons'),
        'not analysed': ('UNKNOWN', 'Текстът на справката не е изтеглен и анализиран.',
                   "The справка's text has not been downloaded and analysed.",
                   'bill_id consultation consultation_url date_close date_open link_status signature source_url'),
        'a message instead': ('N_A', 'Вместо справка е публикувано съобщение (за неполучени предложения); няма неприети предложения.',
                   'A message was published in place of the справка (no proposals received); no proposal was rejected.',
                   'bill_id consultation consultation_url date_close date_open link_status signature source_url spravka_message_on'),
        'no consultation': ('N_A', 'Няма свързана консултация (виж CONS-01).',
                   'No consultation is linked (see CONS-01).',
                   'bill_id signature source_url'),
    },
    "CONS-07": {
        'pass': ('PASS', 'Законопроектът е одобрен на 15.02.2024, след края на консултацията на 31.01.2024.',
                   'The bill was approved on 2024-02-15, after the consultation closed on 2024-01-31.',
                   'consultation consultation_url council_decision date_close date_open link_status submitted_on'),
        'decision before close': ('FAIL', 'МС е одобрил законопроекта на 20.01.2024, преди края на консултацията на 31.01.2024.',
                   'The Council of Ministers approved the bill on 2024-01-20, before the consultation closed on 2024-01-31.',
                   'consultation consultation_url council_decision date_close date_open link_status submitted_on'),
        'decision on the last day': ('WARN', 'МС е одобрил законопроекта в последния ден на консултацията (31.01.2024).',
                   "The Council of Ministers approved the bill on the consultation's last day (2024-01-31).",
                   'consultation consultation_url council_decision date_close date_open link_status submitted_on'),
        'submitted before close': ('FAIL', 'Законопроектът е внесен на 25.01.2024, преди края на консултацията на 31.01.2024.',
                   'The bill was submitted on 2024-01-25, before the consultation closed on 2024-01-31.',
                   'consultation consultation_url council_decision date_close date_open link_status submitted_on'),
        'no decision': ('UNKNOWN', 'Решението на МС не е свързано; внасянето е след края на консултацията.',
                   "The Council of Ministers' decision is not linked; submission came after the consultation closed.",
                   'consultation consultation_url council_decision date_close date_open link_status submitted_on'),
        'no closing date': ('UNKNOWN', 'Консултацията 100-K няма дата на закриване.',
                   'Consultation 100-K has no closing date.',
                   'consultation consultation_url council_decision date_close date_open link_status submitted_on'),
    },
}


@pytest.mark.parametrize("cid, case", [(cid, name) for cid, cases in SCENARIOS.items() for name in cases])
def test_consultation_branch_explained(cid, case):
    found = run(SCENARIOS[cid][case], cid)
    verdict, bg, en, evidence = EXPECTED[cid][case]
    assert (found.verdict.value, found.explanation_bg, found.explanation_en) == (verdict, bg, en)
    assert " ".join(sorted(found.evidence)) == evidence
