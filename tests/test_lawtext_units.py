"""Unit cases: Word-HTML quirks, parts, law names, numbers, the clause parser, vacatio legis."""
from __future__ import annotations

from datetime import date

import pytest

from texts.lawtext import ActPayloadError, analyse_act, analyse_body
from texts.lawtext.entry_into_force import compute_vacatio, parse_clauses_in_text
from texts.lawtext.html_text import word_html_to_paragraphs
from texts.lawtext.law_names import normalise_law_name
from texts.lawtext.numbers import add_months, find_date, parse_number, parse_number_stem
from texts.lawtext.provisions import parse_provisions
from texts.lawtext.sections import heading_kind, split_parts

# --- Word HTML -------------------------------------------------------------------------

WORD_ZR = (
    '<!--[if gte mso 9]><xml><w:WordDocument>Normal 0 21</w:WordDocument></xml><![endif]-->'
    '<!--[if gte mso 10]><style>table.MsoNormalTable {mso-style-name:"Table Normal";}</style><![endif]-->'
    '<p align="center"><b><span style="letter-spacing:1.9pt">Заключи</span><span>телни разпоредби</span></b></p>'
    '<p><span>§ 7. В Закона за елек</span><span style="letter-spacing:.1pt">трон&shy;ната тър</span>'
    '<span>говия</span> (обн., ДВ, бр.&nbsp;51 от 2006&nbsp;г.)\r\n се правят&nbsp;следните изменения:</p>'
    '<p><![if !supportLists]><span>1.<span>&nbsp;&nbsp;</span></span><![endif]>Член 13 се отменя.</p>'
)


def test_word_html_joins_split_spans_and_drops_soft_hyphens_nbsp_and_mso_comments():
    paragraphs = word_html_to_paragraphs(WORD_ZR)
    assert paragraphs == [
        "Заключителни разпоредби",
        "§ 7. В Закона за електронната търговия (обн., ДВ, бр. 51 от 2006 г.) се правят следните изменения:",
        "1. Член 13 се отменя.",
    ]


def test_law_name_with_soft_hyphen_and_split_spans_is_found_and_normalised():
    [law] = analyse_body(WORD_ZR).amended_laws
    assert (law.section, law.law_name_normalised) == ("§ 7", "Закон за електронната търговия")
    assert law.gazette_history == "обн., ДВ, бр. 51 от 2006 г."


def test_br_starts_a_new_paragraph_and_empty_html_gives_nothing():
    assert word_html_to_paragraphs("<p>ЗАКОН<br />\nза нещо</p>") == ["ЗАКОН", "за нещо"]
    assert word_html_to_paragraphs("<p>&nbsp;</p><!--[if gte mso 9]><xml>x</xml><![endif]-->") == []
    assert word_html_to_paragraphs("") == []


# --- parts -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,kind", [
    ("ПРЕХОДНИ И ЗАКЛЮЧИТЕЛНИ РАЗПОРЕДБИ", "transitional_final"),
    ("П р е х о д н и  и  з а к л ю ч и т е л н и  р а з п о р е д б и", "transitional_final"),
    ("Допълнителна разпоредба", "additional"),
    ("Заключителни разпоредби", "final"),
    ("Преходни разпоредби", "transitional"),
    ("§ 20. В § 1 от допълнителните разпоредби се създават т. 48б и 48в:", None),
    ("Допълнителни разпоредби на Закона за X", None),
])
def test_heading_kind(text, kind):
    assert heading_kind(text) == kind


def test_headings_and_paragraphs_inside_quoted_insertions_are_not_parts():
    parts = split_parts([
        "§ 1. В закона се създават допълнителни разпоредби:",
        "„Допълнителни разпоредби",
        "§ 1. По смисъла на закона „лице“ е всяко лице.“",
        "Заключителна разпоредба",
        "§ 2. Законът влиза в сила от деня на обнародването му в „Държавен вестник“.",
        "Законът е приет от 51-вото Народно събрание на 1 януари 2025 г.",
        "§ 99. след подписа",
    ])
    assert [(p.kind, [x.number for x in p.paragraphs]) for p in parts] == [("main", ["1"]), ("final", ["2"])]
    assert parts[0].paragraphs[0].lines[-1].startswith("§ 1. По смисъла")


# --- law names -------------------------------------------------------------------------

@pytest.mark.parametrize("written,normalised", [
    ("Закона за радиото и телевизията", "Закон за радиото и телевизията"),
    ("Законът за автомобилните превози", "Закон за автомобилните превози"),
    ("Кодекса на труда", "Кодекс на труда"),
    ("Гражданския процесуален кодекс", "Граждански процесуален кодекс"),
    ("Наказателния кодекс", "Наказателен кодекс"),
    ("Търговския закон", "Търговски закон"),
    ("Данъчно-осигурителния процесуален кодекс", "Данъчно-осигурителен процесуален кодекс"),
    ("Закона  за елек\u00adтронната търговия", "Закон за електронната търговия"),
])
def test_normalise_law_name(written, normalised):
    assert normalise_law_name(written) == normalised


def test_amendment_forms_and_mere_references():
    a = analyse_body(
        "<p>Преходни и заключителни разпоредби</p>"
        "<p>§ 3. Дейността се извършва по реда на Закона за администрацията.</p>"
        "<p>§ 4. В чл. 5, ал. 2 от Кодекса на труда (обн., ДВ, бр. 26 от 1986 г.) думите „а“ се заличават.</p>"
        "<p>§ 5. В Гражданския процесуален кодекс се правят следните изменения:</p>"
        "<p>1. В чл. 7 думите „Закона за X (обн., ДВ, бр. 1 от 2000 г.)“ се заменят с „закон“.</p>"
        "<p>§ 6. Отменя се Законът за старите неща (обн., ДВ, бр. 1 от 2000 г.).</p>"
        "<p>§ 7. Законът за другите неща (ДВ, бр. 2 от 2001 г.) се отменя.</p>"
    )
    assert [(x.section, x.law_name_normalised, x.action) for x in a.amended_laws] == [
        ("§ 4", "Кодекс на труда", "amend"),
        ("§ 5", "Граждански процесуален кодекс", "amend"),
        ("§ 6", "Закон за старите неща", "repeal"),
        ("§ 7", "Закон за другите неща", "repeal"),
    ]


def test_repeals_listed_one_law_per_item_keep_their_gazette_history():
    a = analyse_body(
        "<p>Преходни и заключителни разпоредби</p>"
        "<p>§ 85. Отменят се:</p>"
        "<p>1. Законът за вероиз&shy;поведанията (обн., ДВ, бр.&nbsp;48 от 1949&nbsp;г.; изм., бр. 12 от 2002 г.);</p>"
        "<p>2. Законът за старите неща (обн., ДВ, бр. 11 от 2023 г.).</p>"
        "<p>§ 86. В Закона за горите (обн., ДВ, бр. 19 от 2011 г.) се правят следните изменения:</p>"
        "<p>1. В чл. 3 думите „се отменя“ се заличават.</p>")
    assert [(x.section, x.law_name_normalised, x.action, x.gazette_history) for x in a.amended_laws] == [
        ("§ 85", "Закон за вероизповеданията", "repeal", "обн., ДВ, бр. 48 от 1949 г.; изм., бр. 12 от 2002 г."),
        ("§ 85", "Закон за старите неща", "repeal", "обн., ДВ, бр. 11 от 2023 г."),
        ("§ 86", "Закон за горите", "amend", "обн., ДВ, бр. 19 от 2011 г."),
    ]


# --- numbers and dates -----------------------------------------------------------------

@pytest.mark.parametrize("word,value", [
    ("един", 1), ("една", 1), ("два", 2), ("две", 2), ("три", 3), ("шест", 6), ("дванадесет", 12),
    ("дванайсет", 12), ("осемнадесет", 18), ("двадесет и един", 21), ("18", 18), ("месец", None),
])
def test_parse_number(word, value):
    assert parse_number(word) == value


@pytest.mark.parametrize("stem,value", [("14-", 14), ("три", 3), ("дву", 2), ("едно", 1), ("шест", 6)])
def test_parse_number_stem(stem, value):
    assert parse_number_stem(stem) == value


def test_dates_and_months():
    assert find_date("от 1 януари 2027 г.") == date(2027, 1, 1)
    assert find_date("от 1.04.2017 г.") == date(2017, 4, 1)
    assert find_date("от първи март 2020 г.") == date(2020, 3, 1)
    assert find_date("от 31 февруари 2020 г.") is None
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)


# --- the clause parser -----------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("§ 9. Законът влиза в сила от деня на обнародването му в „Държавен вестник“.",
     {"kind": "on_promulgation", "offset_days": 0}),
    ("§ 9. Законът влиза в сила три месеца след обнародването му в „Държавен вестник“.",
     {"kind": "offset", "offset_months": 3}),
    ("§ 9. Законът влиза в сила шест месеца след обнародването му.", {"kind": "offset", "offset_months": 6}),
    ("§ 9. Законът влиза в сила дванадесет месеца след обнародването му.", {"kind": "offset", "offset_months": 12}),
    ("§ 9. Законът влиза в сила една година след обнародването му.", {"kind": "offset", "offset_months": 12}),
    ("§ 9. Законът влиза в сила два месеца след обнародването му.", {"kind": "offset", "offset_months": 2}),
    ("§ 9. Законът влиза в сила 6 месеца след обнародването му.", {"kind": "offset", "offset_months": 6}),
    ("§ 9. Този закон влиза в сила три дни след обнародването му.", {"kind": "offset", "offset_days": 3}),
    ("§ 9. Законът влиза в сила в 14-дневен срок от обнародването му.", {"kind": "offset", "offset_days": 14}),
    ("§ 9. Законът влиза в сила в тримесечен срок от обнародването му.", {"kind": "offset", "offset_months": 3}),
    ("§ 9. Законът влиза в сила от деня, следващ деня на обнародването му в „Държавен вестник“.",
     {"kind": "offset", "offset_days": 1}),
    ("§ 9. Законът влиза в сила от 1 януари 2027 г.", {"kind": "fixed_date", "fixed_date": date(2027, 1, 1)}),
    ("§ 9. Законът влиза в сила от 1.07.2026 г.", {"kind": "fixed_date", "fixed_date": date(2026, 7, 1)}),
    ("§ 9. Законът влиза в сила от първо число на месеца, следващ обнародването му.",
     {"kind": "offset", "offset_rule": "first_day_of_next_month"}),
    ("§ 9. Законът влиза в сила от деня на влизане в сила на Закона за държавния бюджет за 2026 г.",
     {"kind": "conditional", "condition": "от деня на влизане в сила на Закона за държавния бюджет за 2026 г."}),
])
def test_single_clause(text, expected):
    [clause] = parse_clauses_in_text(text, "§ 9")
    assert clause.scope == "whole_act" and clause.effect == "entry_into_force" and clause.section == "§ 9"
    for key, value in expected.items():
        assert getattr(clause, key) == value, key


def test_main_clause_with_exceptions():
    clauses = parse_clauses_in_text(
        "§ 12. Законът влиза в сила от деня на обнародването му в „Държавен вестник“, с изключение на § 5, "
        "който влиза в сила от 1 януари 2027 г., и § 7 и § 8, т. 2, които влизат в сила в 14-дневен срок от "
        "обнародването на закона.", "§ 12")
    assert [(c.kind, c.scope, c.provisions) for c in clauses] == [
        ("on_promulgation", "whole_act", []),
        ("fixed_date", "provisions", ["§ 5"]),
        ("offset", "provisions", ["§ 7", "§ 8, т. 2"]),
    ]
    assert clauses[1].fixed_date == date(2027, 1, 1) and clauses[2].offset_days == 14
    assert clauses[1].text == "§ 5, който влиза в сила от 1 януари 2027 г."


def test_deadlines_and_noun_forms_are_not_clauses():
    assert parse_clauses_in_text("§ 8. В тримесечен срок от обнародването на този закон Комисията приема наредба.") == []
    assert parse_clauses_in_text("§ 4. (1) В срок до 6 месеца от влизането в сила на § 5, т. 4 проверката …") == []
    assert parse_clauses_in_text("§ 5. Наредбата се прилага до 31 декември 2026 г.") == []


@pytest.mark.parametrize("text,expected", [
    ("§ 3. Разпоредбата на чл. 12 се прилага, считано от 1 януари 2026 г.",
     {"effect": "application", "verb": "се прилага", "counted_from": True, "kind": "fixed_date",
      "fixed_date": date(2026, 1, 1), "provisions": ["чл. 12"]}),
    ("§ 3. Параграф 2 има обратно действие от 1 януари 2026 г.",
     {"effect": "retroactive", "verb": "има обратно действие", "kind": "fixed_date", "provisions": ["§ 2"]}),
    ("§ 3. Разпоредбите на § 5 и 6 имат обратно действие.",
     {"effect": "retroactive", "kind": "undated", "fixed_date": None, "provisions": ["§ 5", "§ 6"]}),
    ("§ 3. Член 7 поражда действие от 1 януари 2026 г.",
     {"effect": "application", "verb": "поражда действие", "counted_from": False, "provisions": ["чл. 7"]}),
    ("§ 3. Прилагат се от 1 януари 2026 г. разпоредбите на чл. 5 и 6.",
     {"effect": "application", "verb": "се прилага", "scope": "provisions", "provisions": ["чл. 5", "чл. 6"]}),
    ("§ 3. Законът влиза в сила считано от 1 януари 2026 г.",
     {"effect": "entry_into_force", "verb": "влиза в сила", "counted_from": True, "scope": "whole_act"}),
    ("§ 3. Законът влиза в сила от 1 януари 2026 г.",
     {"effect": "entry_into_force", "verb": "влиза в сила", "counted_from": False, "scope": "whole_act"}),
])
def test_clauses_that_date_effect_and_express_retroactivity(text, expected):
    [clause] = parse_clauses_in_text(text, "§ 3")
    for key, value in expected.items():
        assert getattr(clause, key) == value, key
    if clause.kind != "undated":
        assert (clause.kind, clause.fixed_date) == ("fixed_date", date(2026, 1, 1))


@pytest.mark.parametrize("text", [
    "§ 4. Законът няма обратно действие.",
    "§ 4. Наредбата по чл. 3 не може да има обратно действие.",
    "§ 4. Наредбата не се прилага от 1 януари 2026 г.",
    "§ 4. Договорът не поражда действие от 1 януари 2026 г.",
    "§ 4. Член 5 се прилага за образуваните до 1 януари 2026 г. производства.",
])
def test_negated_or_undated_effect_is_no_clause(text):
    assert parse_clauses_in_text(text, "§ 4") == []


def test_express_retroactivity_through_word_html_with_soft_hyphens_and_nbsp():
    a = analyse_body(
        "<p>Издаден в София на 5 февруари 2026 г.</p>"
        "<p>Заключителни разпоредби</p>"
        "<p>§ 7. Законът влиза в сила от деня на обнародването му в „Държавен вестник“, а § 2 има об&shy;рат&shy;но "
        "дейст&shy;вие, считано от 1&nbsp;ян&shy;уари 2026&nbsp;г.</p>", promulgated=date(2026, 2, 10))
    main, back = a.entry_into_force
    assert (main.kind, main.verb, main.vacatio_legis_days) == ("on_promulgation", "влиза в сила", 0)
    assert (back.effect, back.verb, back.counted_from, back.provisions) == ("retroactive", "има обратно действие", True, ["§ 2"])
    assert (back.effective_date, back.vacatio_legis_days) == (date(2026, 1, 1), -40)
    assert back.to_dict()["verb"] == "има обратно действие" and back.to_dict()["counted_from"] is True


def test_deferring_another_laws_entry_into_force_is_not_the_main_clause():
    a = analyse_body(
        "<p>Заключителни разпоредби</p>"
        "<p>§ 9. Законът за пътищата (ДВ, бр. 1 от 2020 г.) влиза в сила от 1 януари 2027 г.</p>",
        title="Закон за електронната идентификация")
    assert [(c.kind, c.scope) for c in a.entry_into_force] == [("default_3_days", "whole_act"), ("fixed_date", "other_law")]


def test_vacatio_legis_arithmetic():
    clauses = parse_clauses_in_text(
        "§ 1. Законът влиза в сила 6 месеца след обнародването му, с изключение на § 2, който влиза в сила "
        "от 1 януари 2027 г., и § 3, който влиза в сила от деня на влизането в сила на решението.")
    compute_vacatio(clauses, date(2026, 8, 31), exact=True)
    main, fixed, conditional = clauses
    assert (main.effective_date, main.vacatio_legis_days) == (date(2027, 2, 28), 181)
    assert fixed.vacatio_legis_days == 123
    assert conditional.kind == "conditional" and conditional.vacatio_legis_days is None
    compute_vacatio(clauses, date(2026, 8, 31), exact=False)
    assert main.vacatio_legis_estimated and fixed.vacatio_legis_estimated


def test_provisions_lists():
    assert parse_provisions("член 9, ал. 1, 3 и 4, чл. 19 – 21, чл. 22, с изключение на ал. 1, т. 3, чл. 23 – 28") == [
        "чл. 9, ал. 1", "чл. 9, ал. 3", "чл. 9, ал. 4", "чл. 19–21", "чл. 22 (с изключение на ал. 1, т. 3)", "чл. 23–28"]
    assert parse_provisions("Параграф 2") == ["§ 2"]


# --- payloads --------------------------------------------------------------------------

def _payload(**over) -> dict:
    base = {"L_Act_id": 1, "L_ActL_final": "Закон за нещо", "L_Act_date2": "2025-03-05 00:00:00",
            "L_Act_dv_iss": "21", "L_Act_dv_year": 2025,
            "L_ActL_final_body": "<p>Заключителна разпоредба</p>"
                                 "<p>§ 1. Законът влиза в сила от 1 април 2025 г.</p>"}
    base.update(over)
    return base


def test_only_adoption_date_known_is_said():
    a = analyse_act(_payload())
    assert (a.reference_date, a.reference_date_kind) == (date(2025, 3, 5), "adoption")
    assert a.vacatio_legis_days == 27 and a.vacatio_legis_estimated
    assert any("adoption date 2025-03-05" in n for n in a.notes)
    exact = analyse_act(_payload(), promulgated=date(2025, 3, 11))
    assert exact.vacatio_legis_days == 21 and not exact.vacatio_legis_estimated


@pytest.mark.parametrize("body", [None, "", "<p>&nbsp;</p>"])
def test_missing_or_empty_body_is_unavailable_not_an_error(body):
    a = analyse_act(_payload(L_ActL_final_body=body))
    assert not a.available and "L_ActL_final_body" in a.unavailable_reason
    assert a.amended_laws == [] and a.entry_into_force == [] and a.vacatio_legis_days is None
    assert a.to_dict()["available"] is False


@pytest.mark.parametrize("payload", [[1, 2], "text", {"L_Bill_id": 5}, {"L_Act_id": 5}])
def test_not_an_act_object_names_the_input(payload):
    with pytest.raises(ActPayloadError, match="bill-5.json: not a parliament.bg act object"):
        analyse_act(payload, source="bill-5.json")


def test_bill_text_stops_at_the_motives():
    a = analyse_body(
        "<p>Преходни и заключителни разпоредби</p>"
        "<p>§ 2. Законът влиза в сила от 1 януари 2027 г.</p>"
        "<p>МОТИВИ</p>"
        "<p>§ 3. В Закона за X (обн., ДВ, бр. 1 от 2000 г.) се правят следните изменения – цитат в мотивите.</p>")
    assert [p.sections for p in a.parts if p.kind != "main"] == [["§ 2"]]
    assert a.amended_laws == []
    assert a.entry_into_force[0].fixed_date == date(2027, 1, 1)


# --------------------------------------------------------------------------- one law-name grammar

@pytest.mark.parametrize("definite, nominative", [
    ("трудовия", "трудов"), ("енергийния", "енергиен"), ("семейния", "семеен"),
    ("наказателния", "наказателен"), ("гражданския", "граждански"), ("търговския", "търговски"),
    ("изборния", "изборен"), ("данъчно-осигурителния", "данъчно-осигурителен"),
    ("административнопроцесуалния", "административнопроцесуален"), ("горския", "горски"),
    ("Трудовият", "Трудов"), ("Наказателния", "Наказателен"), ("кодекс", "кодекс"),
])
def test_one_grammar_for_law_names(definite, nominative):
    """The act-text analysis and the linker name a law alike (they gave трудовия → трудов / трудови)."""
    from core.law import nominative_adjective
    from texts.lawtext.law_names import normalise_law_name
    from linking.normalise import normalise_title

    assert nominative_adjective(definite) == nominative
    if definite[0].islower() and definite.endswith("ия"):
        title = normalise_title(f"Законопроект за изменение на {definite.capitalize()} кодекс")
        assert title.law_name == f"{nominative} кодекс"
        assert normalise_law_name(f"{definite.capitalize()} кодекс") == f"{nominative.capitalize()} кодекс"
