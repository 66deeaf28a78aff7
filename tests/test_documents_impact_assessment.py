"""texts.documents.impact_assessment: the IA-04 checklist read from impact assessments written
the way ministries fill in the Council of Ministers' forms (the 2021 partial form with its guidance
lines left in, a full IA report, an MP's free-text assessment), with the typesetting of Word and PDF
output (soft hyphens, no-break spaces), and the budget statements MOT-04 reads."""
from __future__ import annotations

import pytest

from texts.documents.analyse import ANALYSIS_VERSION, analyse_document
from texts.documents.classify import classify
from texts.documents.impact_assessment import CHECKLISTS, ELEMENT_KEYS, analyse_impact_assessment, budget_statement

# The partial form in force from 01.01.2021, filled in: guidance lines kept, answers marked with „X“.
PARTIAL_FILLED = """ЧАСТИЧНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО
Институция: Министерство на околната среда и водите
Нормативен акт: Закон за изменение и допълнение на Закона за водите
1. Проблем/проблеми за решаване:
1.1. Кратко опишете проблема/проблемите и причините за неговото/тяхното възникване. По възможност посочете числови стойности.
Действащата уредба не осигурява ефективен контрол върху водовземането. По данни на басейновите дирекции през 2023 г. са установени 1 240 нарушения, от които само 18% са санкционирани.
2. Цели:
Намаляване на незаконното водовземане с 30% до края на 2027 г.
3. Заинтересовани страни:
Посочете всички потенциални заинтересовани страни/групи заинтересовани страни, върху които предложенията ще окажат пряко или косвено въздействие.
Титулярите на разрешителни за водовземане (около 9 000 лица), басейновите дирекции, общините.
4. Варианти на действие. Анализ на въздействията:
Вариант 0 „Без действие“: нарушенията продължават.
Вариант 1 „Изменение на закона“: въвежда се електронен регистър на водовземанията.
Положителни (икономически/социални/екологични) въздействия: по-ефективен контрол и по-малко загуби на вода.
(върху всяка заинтересована страна/група заинтересовани страни)
Отрицателни (икономически/социални/екологични) въздействия: еднократни разходи от около 2 000 лв. за титулярите.
6.1. Промяна в административната тежест за физическите и юридическите лица от прилагането на препоръчителния вариант (включително по отделните проблеми):
Ще се увеличи
X Ще се намали
Няма ефект
1.1. Изборът следва да е съотносим с посочените специфични въздействия на препоръчителния вариант.
6.2. Създават ли се нови/засягат ли се съществуващи регулаторни режими и услуги?
Не
6.4. По какъв начин препоръчителният вариант въздейства върху микро-, малките и средните предприятия (МСП) (включително по отделните проблеми)?
Актът засяга пряко МСП
X Актът не засяга МСП
7. Консултации: проведени с браншовите организации.
8. Приемането на нормативния акт произтича ли от правото на Европейския съюз?
Не.
9. Изисква ли се извършване на цялостна предварителна оценка на въздействието поради очаквани значителни последици?
Не
"""

# The same form handed in as a formality: guidance left, nothing marked, a problem without data.
PARTIAL_FORMAL = """ЧАСТИЧНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО
1. Проблем/проблеми за решаване:
1.1. Кратко опишете проблема/проблемите и причините за неговото/тяхното възникване. По възможност посочете числови стойности.
Необходимо е прецизиране на текстовете на наредбата.
2. Цели:
Прецизиране на нормативната уредба.
3. Заинтересовани страни:
Работодатели и работници.
4. Варианти на действие. Анализ на въздействията:
Вариант 1: Приемане на наредбата.
Административна тежест:
1.2. Опишете специфичните въздействия с акцент върху малките и средните предприятия и административната тежест.
6.1. Промяна в административната тежест за физическите и юридическите лица:
Ще се увеличи
Ще се намали
Няма ефект
6.4. По какъв начин препоръчителният вариант въздейства върху микро-, малките и средните предприятия (МСП)?
Актът засяга пряко МСП
Актът не засяга МСП
8. Приемането на нормативния акт произтича ли от правото на Европейския съюз?
Да
Не
1.1. Посочете изискванията на правото на Европейския съюз, включително информацията по т. 6.2 и 6.3.
"""

FULL = """ЦЯЛОСТНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО
Нормативен акт: Закон за туризма
1. Дефиниране на проблема
Броят на нерегистрираните места за настаняване се е увеличил с 25% за периода 2019–2023 г. (по данни на НСИ).
2. Заинтересовани страни
Около 32 000 лица, извършващи хотелиерство; общините; Министерството на туризма.
3. Цели
Регистрация на 90% от местата за настаняване до 2028 г.
4. Варианти на действие
Вариант 0 „Без действие“ – запазване на действащата уредба.
Вариант 1 – нов закон с единна информационна система.
5. Анализ на въздействията
5.1. Разходи и ползи: годишни разходи 1,2 млн. лв. за системата; ползи – приходи от туристически данък около 8 млн. лв.
5.2. Административна тежест: намалява с отпадането на хартиените регистри.
5.3. МСП тест: 95% от засегнатите лица са микропредприятия; предвидени са облекчени изисквания.
6. Въздействие върху държавния бюджет
Необходими са 1,2 млн. лв., които са предвидени в бюджета на Министерството на туризма за 2025 г.
7. Съответствие с правото на Европейския съюз
Проектът въвежда изискванията на Регламент (ЕС) 2024/1028.
8. Мониторинг и оценка
Индикатори за изпълнение: дял на регистрираните места; последваща оценка ще бъде извършена през 2030 г.
"""

# An MP's assessment in free text, naming neither form.
MP_FREE_TEXT = """ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО
на Законопроекта за изменение и допълнение на Закона за движението по пътищата
Проблемът се изразява в големия брой тежки пътнотранспортни произшествия – през 2023 г. са загинали 530 души.
Целта на законопроекта е да намали смъртността по пътищата.
Засегнати са всички водачи на моторни превозни средства и контролните органи.
Законопроектът не засяга малките и средните предприятия.
Прилагането на закона не изисква допълнителни средства от държавния бюджет.
Законопроектът е в съответствие с правото на Европейския съюз.
"""


def _present(analysis) -> set[str]:
    return {e.key for e in analysis.elements if e.present}


def test_a_filled_partial_form_has_all_eight_elements_of_its_checklist():
    a = analyse_impact_assessment(PARTIAL_FILLED, "partial")
    assert (a.form, a.found, a.of, a.missing) == ("partial", 8, 8, ())
    assert a.checklist == CHECKLISTS["partial"] and set(ELEMENT_KEYS) - set(a.checklist) == {"budget", "monitoring"}
    assert not a.element("budget").counted and not a.element("monitoring").counted
    # The answer marked with „X“ is the evidence, not the options printed around it.
    burden = a.element("admin_burden")
    assert burden.present and not burden.explicit_na and burden.evidence[0].passage.endswith("X Ще се намали")
    sme = a.element("sme")
    assert sme.present and sme.explicit_na and "Актът не засяга МСП" in sme.evidence[0].passage
    eu = a.element("eu_law")
    assert eu.present and eu.explicit_na and eu.evidence[0].passage.endswith("Европейския съюз? Не.")
    assert a.element("problem").details["data"] and a.element("options").details["no_action"]
    assert a.element("costs_benefits").details["quantified"] and a.element("objectives").details["measurable"]
    # Offsets point into the analysed text.
    problem = a.element("problem").evidence[0]
    assert PARTIAL_FILLED[problem.start:].startswith("1. Проблем/проблеми за решаване")
    d = a.to_dict()
    assert (d["found"], d["of"], d["score"], d["checklist"]) == (8, 8, 1.0, "partial")
    assert [e["key"] for e in d["elements"]] == list(ELEMENT_KEYS)


def test_a_form_left_with_its_guidance_and_nothing_marked_is_formal():
    a = analyse_impact_assessment(PARTIAL_FORMAL, "partial")
    assert _present(a) == {"objectives", "stakeholders"}
    assert (a.found, a.of) == (2, 8)
    notes = {e.key: e.note for e in a.elements if e.note}
    assert notes["problem"] == "проблемът е описан без данни или източници"
    assert notes["options"] == "няма вариант „без действие“"
    # The guidance names SMEs, administrative burden and EU law, and the options are printed: no answer.
    assert notes["admin_burden"] == notes["sme"] == notes["eu_law"] == "разделът на формуляра е без отговор"
    assert "costs_benefits" in a.missing and a.element("costs_benefits").note is None


def test_a_full_report_is_held_to_all_ten_elements():
    a = analyse_impact_assessment(FULL)  # the form from its own heading
    assert (a.form, a.found, a.of, a.missing) == ("full", 10, 10, ())
    assert a.element("budget").details == {"quantified": True, "statement": "quantified"}
    assert "Регламент (ЕС) 2024/1028" in a.element("eu_law").evidence[0].passage
    # „Индикатори …:“ heads its own answer under „8. Мониторинг и оценка“.
    assert [e.passage for e in a.element("monitoring").evidence] == [
        "Индикатори за изпълнение: дял на регистрираните места; последваща оценка ще бъде извършена през 2030 г."]


@pytest.mark.parametrize("monitoring", [
    "8. Мониторинг и оценка: не се предвижда.",
    "8. Мониторинг и оценка\nНе е приложимо.",
    "8. Мониторинг и оценка\n—",
    "Не е предвиден механизъм за мониторинг на изпълнението.",
])
def test_monitoring_is_not_answered_by_saying_there_is_none(monitoring):
    text = FULL.split("8. Мониторинг")[0] + monitoring + "\n"
    a = analyse_impact_assessment(text, "full")
    assert a.missing == ("monitoring",) and a.found == 9


@pytest.mark.parametrize("answer, present, na", [
    ("Не.", True, True),
    ("Да. Проектът въвежда Директива (ЕС) 2019/1152.", True, False),
    ("X Не\nДа", True, True),
    ("Да\nНе", False, False),  # the options, none marked
    ("", False, False),
])
def test_the_eu_question_of_the_form(answer, present, na):
    text = PARTIAL_FILLED.split("8. Приемането")[0] + (
        "8. Приемането на нормативния акт произтича ли от правото на Европейския съюз?\n" + answer + "\n"
        "9. Изисква ли се извършване на цялостна предварителна оценка?\nНе\n")
    eu = analyse_impact_assessment(text, "partial").element("eu_law")
    assert (eu.present, eu.explicit_na) == (present, na)


def test_no_element_borrows_the_next_sections_numbers():
    """A problem without data stays without data although the stakeholders below count people."""
    text = PARTIAL_FILLED.replace(
        "Действащата уредба не осигурява ефективен контрол върху водовземането. По данни на басейновите дирекции през "
        "2023 г. са установени 1 240 нарушения, от които само 18% са санкционирани.",
        "Действащата уредба не осигурява ефективен контрол върху водовземането.")
    a = analyse_impact_assessment(text, "partial")
    assert a.missing == ("problem",) and a.element("problem").details["data"] is False


def test_free_text_of_an_mp_bill_is_judged_on_the_partial_checklist():
    a = analyse_impact_assessment(MP_FREE_TEXT)
    assert (a.form, a.of) == ("unknown", 8)
    assert _present(a) == {"problem", "objectives", "stakeholders", "sme", "eu_law", "budget"}
    assert a.element("sme").explicit_na and not a.element("eu_law").explicit_na
    assert a.element("budget").details["statement"] == "none" and not a.element("budget").counted
    assert a.missing == ("options", "costs_benefits", "admin_burden")


def test_soft_hyphens_and_no_break_spaces_of_word_output():
    soft = (PARTIAL_FILLED.replace("Проблем", "Проб\u00adлем").replace("въздействия", "въз\u00adдействия")
            .replace("Вариант 0", "Вари\u00adант\u00a00").replace("Цели:", "Це\u00adли:")
            .replace(" ", "\u00a0", 60))
    a = analyse_impact_assessment(soft, "partial")
    assert (a.found, a.of) == (8, 8)
    assert "\u00ad" not in a.element("options").evidence[0].passage
    # Evidence offsets are the caller's: they skip the soft hyphens the analysis removed.
    start = a.element("options").evidence[0].start
    assert soft[start:].replace("\u00ad", "").replace("\u00a0", " ").startswith("4. Варианти на действие")
    assert a.scope == (0, len(soft))


def test_analyse_document_reads_the_assessment_inside_a_bill_file():
    combined = ("ЗАКОНОПРОЕКТ\nза изменение и допълнение на Закона за водите\n§ 1. В чл. 44 се създава ал. 3.\n"
                "МОТИВИ\nкъм законопроекта\nЗаконопроектът е в съответствие с правото на Европейския съюз.\n"
                "За прилагането на закона не са необходими допълнителни средства.\n" + PARTIAL_FORMAL)
    cls = classify("52-602-01-7.rtf", None, combined)
    assert cls.kind.value == "bill_text" and "impact_assessment_partial" in [k.value for k in cls.contains]
    result = analyse_document(combined, cls, bill_title="Законопроект за изменение и допълнение на Закона за водите")
    ia = result["impact_assessment"]
    assert result["analysis_version"] == ANALYSIS_VERSION == 2
    assert (ia["form"], ia["located_by"], ia["found"], ia["of"]) == ("partial", "heading", 2, 8)
    # The motives' EU sentence lies outside the assessment: its own unanswered question decides.
    assert "eu_law" in ia["missing"] and ia["scope"][0] == combined.index("ЧАСТИЧНА")
    assert "impact_assessment" not in analyse_document("МОТИВИ\nкъм законопроекта\n", classify(None, "Мотиви", "МОТИВИ"))


@pytest.mark.parametrize("text, expected", [
    ("За прилагането на законопроекта не са необходими допълнителни финансови средства от държавния бюджет.", "none"),
    ("Проектът няма да окаже въздействие върху държавния бюджет.", "none"),
    ("Предложените промени не водят до допълнителни разходи за държавния бюджет.", "none"),
    ("Разходите са за сметка на утвърдените бюджети на компетентните органи.", "none"),
    ("Необходимите средства ще бъдат осигурени в рамките на утвърдения бюджет на министерството.", "none"),
    ("Не се изисква финансова обосновка.", "none"),
    ("Прилагането на закона ще изисква допълнителни бюджетни средства от държавния бюджет.", "stated"),
    ("Прилагането на закона ще има отражение върху републиканския бюджет.", "stated"),
    ("Разходите ще бъдат за сметка на бюджета на общините.", "stated"),
    ("За прилагането са необходими допълнителни средства в размер на 1,2 млн. лв.", "quantified"),
    ("Разходите възлизат на 350 000 лв. годишно.", "quantified"),
    ("Средствата са 2 000 евро.", "quantified"),
    ("Към законопроекта е приложена финансова обосновка.", "quantified"),
    ("Финансови и други средства, необходими за прилагането на новата уредба", None),
])
def test_budget_statement(text, expected):
    assert budget_statement([text]) == expected


def test_budget_statement_over_several_passages():
    none, stated = "Не са необходими допълнителни средства.", "Ще са необходими допълнителни средства от бюджета."
    assert budget_statement([none, stated]) == "stated"  # an unquantified impact anywhere
    assert budget_statement([none, stated, "Общо 1,5 млн. лв."]) == "quantified"
    assert budget_statement([]) is None
