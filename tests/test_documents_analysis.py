"""Classification, motives structure, consultation mentions and справка reasons — on the
real wording of parliament.bg and strategy.bg payloads and on generated files."""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from conftest import load_shared_json
from crawlers.documents import extract, normalize_text
from simulation.samples import (
    BILL_PARAGRAPHS,
    MOTIVES_PARAGRAPHS,
    SPRAVKA_ROWS,
    make_docx,
    make_pdf,
    make_rtf,
)
from texts.documents.classify import DocumentKind, classify, find_sections
from texts.documents.consultation_refs import find_consultation_refs
from texts.documents.motives import analyse_motives
from texts.documents.spravka import analyse_spravka

PC_FULL = "strategy/data-egov-bg_b600c109_pc-full.json"

# strategy.bg document types (DocTypesEnum names, research/strategy_bg.md §4.2) → our kind;
# None means the type says nothing and the file name or text must decide.
STRATEGY_TYPES = {
    "Проект на акт": DocumentKind.BILL_TEXT,
    "Мотиви": DocumentKind.MOTIVES,
    "Оценка на въздействие": DocumentKind.IMPACT_ASSESSMENT,
    "Становище на администрацията на Министерския съвет": DocumentKind.IA_OPINION,
    "Доклад": DocumentKind.REPORT,
    "Справка за получените предложения/съобщение": DocumentKind.CONSULTATION_REPORT,
    "Консултационен документ": DocumentKind.OTHER,
    "Коментари (csv)": DocumentKind.OTHER,
    "Коментари (pdf)": DocumentKind.OTHER,
    "Други документи": None,
    "Други": None,
}


def _description_text(row: dict) -> str:
    # The report double-escapes its HTML (&lt;p&gt;…); the text is what a reader sees.
    raw = html.unescape(html.unescape(row.get("description") or ""))
    return normalize_text(re.sub(r"<[^>]+>", "\n", raw))


def _pc_rows() -> list[dict]:
    return load_shared_json(PC_FULL)["data"][1:]


# --- classification -----------------------------------------------------------------------

def test_every_strategy_file_type_in_the_real_report_is_classified():
    seen = set()
    for row in _pc_rows():
        for entry in row.get("files") or []:
            seen.add(entry["type"])
            assert entry["type"] in STRATEGY_TYPES, f"new strategy.bg file type {entry['type']!r}"
            result = classify(title=entry["type"])
            expected = STRATEGY_TYPES[entry["type"]]
            if expected is None:
                assert result.rule is None and result.kind is DocumentKind.OTHER
            else:
                assert result.kind is expected, entry["type"]
                assert result.source == "title" and result.evidence
    assert {"Мотиви", "Оценка на въздействие", "Проект на акт"} <= seen


def test_generic_strategy_type_falls_back_to_the_file_text():
    text = extract(make_rtf(["ЧАСТИЧНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО", "Проблем/проблеми за решаване"]),
                   "1326212").text
    result = classify(filename="1326212", title="Други документи", text=text)
    assert result.kind is DocumentKind.IMPACT_ASSESSMENT_PARTIAL and result.source == "text"


def test_generic_impact_assessment_type_is_refined_by_the_text():
    text = "Приложение № 1\nЦЯЛОСТНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО\nна Закон за водите"
    result = classify(title="Оценка на въздействие", text=text)
    assert result.kind is DocumentKind.IMPACT_ASSESSMENT_FULL
    assert result.rule == "impact_assessment_full"


# The partial form of the Наредба за обхвата и методологията за извършване на оценка на
# въздействието, as ministries fill it in (Bulgarian practice; no real file among the shared
# fixtures): its heading says „Частична“, and one of its questions asks whether a full
# assessment is needed — a mention, not what the document is.
PARTIAL_IA_FORM = (
    "Приложение № 2 към Наредбата за обхвата и методологията за извършване на оценка на въздействието",
    "Частична предварителна оценка на въздействието",
    "Институция: Министерство на енергетиката",
    "Нормативен акт: Закон за изменение и допълнение на Закона за енергийната ефективност",
    "1. Проблем/проблеми за решаване:",
    "Действащата уредба не позволява ефективен контрол върху енергийните спестявания.",
    "2. Цели:",
    "Повишаване на енергийната ефективност в публичния сектор.",
    "3. Идентифициране на заинтересованите страни:",
    "Задължени лица, общини, Агенция за устойчиво енергийно развитие.",
    "Необходимо ли е да се извърши цялостна предварителна оценка на въздействието?",
    "Не, тъй като въздействията не са значителни.",
)


@pytest.mark.parametrize("title", ["Оценка на въздействие", "Други документи", None])
def test_partial_ia_form_asking_about_a_full_assessment_stays_partial(title):
    text = extract(make_rtf(list(PARTIAL_IA_FORM)), "ov.rtf").text
    result = classify(filename="1325735", title=title, text=text)
    assert result.kind is DocumentKind.IMPACT_ASSESSMENT_PARTIAL, result
    assert "частична" in (result.evidence or "").lower() or result.rule == "impact_assessment_partial"


def test_full_ia_heading_with_a_generic_title_is_still_full():
    text = "\n".join(["Приложение № 1", "Цялостна предварителна оценка на въздействието",
                     *PARTIAL_IA_FORM[2:10]])
    assert classify(title="Оценка на въздействие", text=text).kind is DocumentKind.IMPACT_ASSESSMENT_FULL


def test_only_a_body_mention_of_a_full_assessment_does_not_make_it_full():
    # No „частична/цялостна“ heading at all: the question in the body says nothing about this file.
    text = "\n".join(["Оценка на въздействието", *PARTIAL_IA_FORM[2:]])
    assert classify(title="Оценка на въздействие", text=text).kind is DocumentKind.IMPACT_ASSESSMENT


@pytest.mark.parametrize("fixture", ["parliament/bill-166636.json", "parliament/bill-167546.json"])
def test_parliament_committee_documents_are_classified_from_their_real_titles(fixture):
    bill = load_shared_json(fixture)
    reports = [r for key in ("stan_list", "stan_list2", "stan_list2_1") for r in bill[key]]
    opinions = bill["standp_list"]
    assert reports and opinions
    for row in reports:
        result = classify(title=row["A_Cm_Stan_sub"])
        assert result.kind is DocumentKind.COMMITTEE_REPORT, row["A_Cm_Stan_sub"]
    for row in opinions:
        # „Становище на … относно законопроект …“: the opinion, not the bill it is about.
        assert classify(title=row["A_Cm_Stan_sub"]).kind is DocumentKind.OPINION, row["A_Cm_Stan_sub"]
    for row in bill["order"]:
        # The chair's distribution order: its annotation is the bill's title, its number
        # (RN_DOC, type code 650) says what it is.
        assert classify(filename=row["FILENAME"], title=row["ANOT"]).rule == "order_signature", row
        assert classify(filename=row["FILENAME"], title=row["ANOT"], origin="order").kind is DocumentKind.ORDER
    for row in bill["file_list"]:
        # „51-554-01-169.pdf“ says nothing: without text the file stays unclassified.
        assert classify(filename=row["FILENAME"]).kind is DocumentKind.OTHER


@pytest.mark.parametrize(
    "title,kind",
    [
        ("Справка за отразяване на становищата, получени при общественото обсъждане", DocumentKind.CONSULTATION_REPORT),
        ("Частична предварителна оценка на въздействието", DocumentKind.IMPACT_ASSESSMENT_PARTIAL),
        ("Цялостна предварителна оценка на въздействието на Закона за водите", DocumentKind.IMPACT_ASSESSMENT_FULL),
        ("Становище на дирекция „Модернизация на администрацията“ относно частична предварителна оценка на "
         "въздействието", DocumentKind.IA_OPINION),
        ("Таблица за съответствие с правото на Европейския съюз", DocumentKind.EU_COMPATIBILITY_TABLE),
        ("Справка за съответствие с Конвенцията за защита на правата на човека и основните свободи",
         DocumentKind.ECHR_COMPATIBILITY),
        ("Мотиви към законопроекта за изменение на Наказателния кодекс", DocumentKind.MOTIVES),
        ("Мотиви за кратък срок", DocumentKind.OTHER),  # a column of the strategy.bg report
        ("Доклад на Комисията по правни въпроси", DocumentKind.COMMITTEE_REPORT),
    ],
)
def test_titles(title, kind):
    assert classify(title=title).kind is kind


@pytest.mark.parametrize(
    "filename,kind",
    [
        ("Motivi_ZID_ZEE.docx", DocumentKind.MOTIVES),
        ("ЧПОВ-ЗИД-ЗЕЕ.pdf", DocumentKind.IMPACT_ASSESSMENT_PARTIAL),
        ("Tablitsa_ES.xlsx", DocumentKind.EU_COMPATIBILITY_TABLE),
        ("Spravka_stanovishta.pdf", DocumentKind.CONSULTATION_REPORT),
        ("Мотиви.rtf", DocumentKind.MOTIVES),
    ],
)
def test_filenames(filename, kind):
    assert classify(filename=filename).kind is kind


def test_combined_bill_file_reports_the_motives_inside():
    # parliament.bg often serves the bill and its motives as one PDF.
    text = extract(make_pdf(BILL_PARAGRAPHS + MOTIVES_PARAGRAPHS), "52-602-01-43.pdf").text
    result = classify(filename="52-602-01-43.pdf", text=text)
    assert result.kind is DocumentKind.BILL_TEXT and result.source == "text"
    assert result.contains == (DocumentKind.MOTIVES,)
    kinds = [s.kind for s in find_sections(text)]
    assert kinds == [DocumentKind.BILL_TEXT, DocumentKind.MOTIVES]


# The annexes a Council of Ministers bill carries in its one parliament.bg file (bill 167546
# has only 52-602-01-43.rtf), with headings as ministries type them — upper or mixed case
# (Bulgarian practice; the fixtures hold no bill file).
ANNEX_HEADINGS = (
    ("Частична предварителна оценка на въздействието", DocumentKind.IMPACT_ASSESSMENT_PARTIAL),
    ("ТАБЛИЦА ЗА СЪОТВЕТСТВИЕ С ПРАВОТО НА ЕВРОПЕЙСКИЯ СЪЮЗ", DocumentKind.EU_COMPATIBILITY_TABLE),
    ("Справка за съответствие с Европейската конвенция за защита на правата на човека",
     DocumentKind.ECHR_COMPATIBILITY),
    ("СПРАВКА ЗА ОТРАЗЯВАНЕ НА СТАНОВИЩАТА, ПОЛУЧЕНИ ПРИ ОБЩЕСТВЕНАТА КОНСУЛТАЦИЯ",
     DocumentKind.CONSULTATION_REPORT),
)


def test_annex_headings_of_a_combined_bill_file_are_sections():
    paragraphs = [*BILL_PARAGRAPHS, *MOTIVES_PARAGRAPHS]
    for heading, _ in ANNEX_HEADINGS:
        paragraphs += [heading, "Съдържание на приложението."]
    text = extract(make_rtf(paragraphs), "52-602-01-43.rtf").text
    kinds = [s.kind for s in find_sections(text)]
    assert kinds == [DocumentKind.BILL_TEXT, DocumentKind.MOTIVES, *(k for _, k in ANNEX_HEADINGS)]
    result = classify(filename="52-602-01-43.rtf", text=text)
    assert result.kind is DocumentKind.BILL_TEXT
    assert set(result.contains) == {DocumentKind.MOTIVES, *(k for _, k in ANNEX_HEADINGS)}


def test_a_sentence_naming_an_annex_is_not_its_heading():
    text = "\n".join([*MOTIVES_PARAGRAPHS, "Към законопроекта е приложена таблица за съответствие с правото на "
                      "Европейския съюз.", "Справка за съответствие с Европейската конвенция е приложена."])
    assert [s.kind for s in find_sections(text)] == [DocumentKind.MOTIVES]


def test_letter_spaced_heading_is_recognised():
    assert classify(text="М О Т И В И\nкъм законопроекта за водите").kind is DocumentKind.MOTIVES


# --- motives (MOT-02) -----------------------------------------------------------------------

def test_motives_with_all_five_elements_from_a_generated_rtf():
    text = extract(make_rtf(MOTIVES_PARAGRAPHS), "motivi.rtf").text
    analysis = analyse_motives(text)
    assert analysis.found == 5 and analysis.missing == ()
    assert analysis.located_by == "heading"
    eu = analysis.element("eu_law")
    assert any("Европейския съюз" in e.passage for e in eu.evidence)
    means = analysis.element("means")
    assert any(e.rule == "no_means_needed" for e in means.evidence)
    assert not means.explicit_na  # the section also states where the costs come from


def test_motives_without_eu_and_means_sections_miss_them():
    text = normalize_text(
        "МОТИВИ\nкъм законопроекта за изменение на Закона за движението по пътищата\n"
        "Законопроектът е изготвен поради зачестилите тежки пътнотранспортни произшествия.\n"
        "Целта на законопроекта е да се намали броят на загиналите.\n"
        "Очакваните резултати са по-безопасни пътища."
    )
    analysis = analyse_motives(text)
    assert set(analysis.missing) == {"means", "eu_law"}
    assert analysis.found == 3
    assert analysis.element("reasons").evidence[0].rule == "prompted_by"


def test_explicit_not_applicable_eu_statement_counts_as_present():
    text = ("МОТИВИ\nПредлаганите промени не налагат анализ за съответствие с правото на Европейския съюз, "
            "тъй като материята не е уредена в него.")
    element = analyse_motives(text).element("eu_law")
    assert element.present and element.explicit_na


def test_motives_section_is_found_inside_the_combined_bill_file():
    text = extract(make_pdf(BILL_PARAGRAPHS + MOTIVES_PARAGRAPHS), "52-602-01-43.pdf").text
    analysis = analyse_motives(text)
    start, end = analysis.scope
    assert analysis.located_by == "heading"
    assert text[start:].startswith("МОТИВИ")
    # Evidence offsets point into the whole text, at the motives, not the bill articles.
    assert all(e.start >= start for el in analysis.elements for e in el.evidence)
    assert analysis.found == 5


def test_real_consultation_descriptions_yield_objectives_and_eu_evidence():
    rows = {row["reg_num"]: row for row in _pc_rows()}
    # 12653-K: a ЗИД of the energy efficiency law that transposes two directives.
    analysis = analyse_motives(_description_text(rows["12653-K"]))
    assert analysis.element("eu_law").present
    assert any("Директива (ЕС) 2023/1791" in e.passage for e in analysis.element("eu_law").evidence)
    assert analysis.element("objectives").present
    assert not analysis.element("means").present
    # 12669-K cites Регламент (ЕС) 2023/1543 and says the changes „имат за цел“.
    analysis = analyse_motives(_description_text(rows["12669-K"]))
    assert {"objectives", "eu_law"} <= {e.key for e in analysis.elements if e.present}


# --- consultation mentions --------------------------------------------------------------------

def test_consultation_mentions_with_url_reg_num_dates_and_term():
    text = extract(make_docx(MOTIVES_PARAGRAPHS), "motivi.docx").text
    refs = find_consultation_refs(text)
    assert refs.consultation_ids == (12653,)
    assert refs.reg_nums == ("12653-K",)
    assert refs.dates == (dt.date(2026, 7, 24), dt.date(2026, 8, 23))
    assert refs.durations == (30,)
    kinds = {m.kind for m in refs.mentions}
    assert kinds == {"url", "reg_num", "portal", "consultation"}


def test_old_portal_url_and_cyrillic_k_reg_num():
    text = ("Проектът беше публикуван на http://www.strategy.bg/PublicConsultations/View.aspx?lang=bg-BG&Id=5708 "
            "за 14 дни. Консултация № 12447-К.")
    refs = find_consultation_refs(text)
    assert refs.old_portal_ids == (5708,)
    assert refs.consultation_ids == (12447,)  # the old Id is not a new-portal id
    assert refs.durations == (14,)


def test_consultation_mentions_in_real_descriptions():
    rows = {row["reg_num"]: row for row in _pc_rows()}
    omurtag = find_consultation_refs(_description_text(rows["12676-K"]))
    portal = [m for m in omurtag.mentions if m.kind == "portal"]
    assert portal and portal[0].duration_days == 14
    assert dt.date(2026, 9, 9) in portal[0].dates
    energy = find_consultation_refs(_description_text(rows["12653-K"]))
    assert dt.date(2026, 7, 24) in energy.dates  # „публикуван за обществено обсъждане на 24 юли 2026 г.“
    assert energy.consultation_ids == ()
    # A document that never mentions a consultation.
    assert not find_consultation_refs(_description_text(rows["12692-K"])).mentioned


def test_ids_in_other_numbers_are_not_taken_for_reg_nums():
    refs = find_consultation_refs("Наредба № 3 от 25.01.2008 г., ДВ, бр. 107-К, чл. 112-К, преписка 2024-K1, "
                                  "консултация № 2296-K, проект 2297-K")
    assert refs.consultation_ids == (2296, 2297)


# --- справка (CONS-06) ----------------------------------------------------------------------

def test_spravka_docx_table_rejected_rows_and_reasons():
    text = extract(make_docx(["СПРАВКА за отразяване на становищата"], SPRAVKA_ROWS), "spravka.docx").text
    analysis = analyse_spravka(text)
    assert (analysis.accepted, analysis.rejected, analysis.with_reasons) == (1, 2, 1)
    assert analysis.reasons_share == 0.5
    with_reason, without = analysis.rejected_rows
    assert "тъй като" in with_reason.reason and with_reason.passage.startswith("Сдружение А")
    assert without.reason == "" and without.passage.startswith("Фирма Б ЕООД")


def test_spravka_pdf_running_text_does_not_take_the_next_row_for_a_reason():
    rows = [" ".join(r) for r in SPRAVKA_ROWS] + [
        "Сдружение В Да се увеличи срокът на 90 дни за всички задължени лица Приема се"]
    text = extract(make_pdf(["СПРАВКА за отразяване на становищата", *rows]), "spravka.pdf").text
    analysis = analyse_spravka(text)
    assert analysis.accepted == 2 and analysis.rejected == 2
    assert [r.has_reason for r in analysis.rejected_rows] == [True, False]


def test_spravka_partial_acceptance_needs_reasons_too_and_no_proposals_notice():
    text = ("1. Министерство на финансите: да се уточни срокът. Приема се частично.\n"
            "2. Асоциация: да отпадне глобата. Не се приема, тъй като глобата е минималната по директивата.")
    analysis = analyse_spravka(text)
    assert [r.decision for r in analysis.rejected_rows] == ["Приема се частично", "Не се приема"]
    assert [r.has_reason for r in analysis.rejected_rows] == [False, True]
    notice = analyse_spravka("В срока на общественото обсъждане не са постъпили предложения и становища.")
    assert notice.no_proposals_notice and notice.rejected == 0 and notice.reasons_share is None


# Rows of a справка as ministries write them (Bulgarian practice; the shared fixtures hold no
# справка file): the decision column uses „Приема се“, „Не се приема“, „Приема се частично“,
# „Приема се по принцип“, „Отчетено“, „Взето предвид“, while proposals and reasons are full
# of words built on the same stem (приемането, приетите, неприемане, приетата практика).
SPRAVKA_PRACTICE_ROWS = (
    ("№", "Участник", "Предложение", "Приема/не приема", "Мотиви"),
    ("1", "Българска стопанска камара", "Приемането на закона да се отложи с една година, тъй като приетите "
     "наскоро изменения не са приложени.", "Не се приема", "Срокът следва от чл. 36 от Директива (ЕС) 2023/1791."),
    ("2", "Сдружение на общините", "Да се запази приетата практика за отчитане по общини.", "Приема се", ""),
    ("3", "Асоциация на енергийните одитори", "Неприемането на одиторски доклади да се мотивира писмено.",
     "Приема се по принцип", "Текстът е прецизиран в чл. 12."),
    ("4", "Гражданин", "Предлага приемане на по-кратки срокове.", "Отчетено", ""),
    ("5", "КЗП", "Да се уточни кои са приетите стандарти.", "Взето предвид", ""),
    ("6", "Фирма Б ЕООД", "Да се намалят глобите.", "Приема се частично", ""),
)


def test_spravka_counts_decisions_not_words_sharing_their_stem():
    text = extract(make_docx(["СПРАВКА за отразяване на становищата"], SPRAVKA_PRACTICE_ROWS), "spravka.docx").text
    analysis = analyse_spravka(text)
    # Accepted: rows 2, 3, 4, 5; rejected in whole or in part: rows 1 and 6.
    assert analysis.accepted == 4
    assert [r.decision for r in analysis.rejected_rows] == ["Не се приема", "Приема се частично"]
    assert [r.has_reason for r in analysis.rejected_rows] == [True, False]


def test_spravka_running_text_words_on_the_decision_stem_are_not_decisions():
    text = ("1. Министерство на финансите: приемането на наредбата да се съобрази с приетите бюджетни "
            "ограничения. Приема се.\n"
            "2. Асоциация: неприемането на декларацията да не води до глоба. Не се приема, тъй като "
            "декларацията е задължителна по чл. 7 от закона.")
    analysis = analyse_spravka(text)
    assert analysis.accepted == 1
    assert [r.decision for r in analysis.rejected_rows] == ["Не се приема"]
