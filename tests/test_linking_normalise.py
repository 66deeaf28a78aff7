"""The title normaliser on real titles (parliament.bg lists, strategy.bg reports, ПРИС acts)
and on the conventions the research notes describe."""
from __future__ import annotations

import html
import unicodedata

import pytest

from conftest import load_shared_json
from linking.normalise import clean_text, fix_homoglyphs, normalise_title as n

LATIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _bills(relpath: str) -> dict[int, str]:
    return {row["t_id"]: row["t_label"] for row in load_shared_json(relpath)}


def test_latin_lookalike_in_real_bill_title_is_fixed():
    titles = _bills("parliament/bills-2025-09.json")
    raw = titles[166628]
    assert LATIN & set(raw), "the fixture's title carries a Latin e"
    t = n(raw)
    assert not LATIN & set(t.full)
    assert t.kind == "amend" and t.operation == "изменение и допълнение"
    assert t.law_name == "закон за отбраната и въоръжените сили на република българия"
    assert t == n(raw.replace("e", "е"))  # same as the all-Cyrillic spelling


def test_every_real_bill_title_is_taken_apart():
    for relpath in ("parliament/bills-2025-09.json", "parliament/bills-2026-09.json"):
        for bid, title in _bills(relpath).items():
            t = n(title)
            assert t.kind in {"amend", "new", "ratification"}, (bid, title, t)
            assert t.is_law and t.law_name and t.law_key, (bid, title, t)
            if "ратифициране на" in title and not title.startswith("Законопроект за допълнение"):
                assert t.kind == "ratification", (bid, title)


def test_real_bill_titles_that_differ_only_in_law_get_different_keys():
    titles = _bills("parliament/bills-2026-09.json")
    amend = [n(t) for t in titles.values() if n(t).kind == "amend"]
    by_law = {t.law_key for t in amend}
    # 48 titles, most sharing the prefix; the law names tell them apart.
    assert len(by_law) >= 25
    assert n(titles[167540]).law_name == n(titles[167555]).law_name == "кодекс на труда"
    assert n(titles[167546]).law_name == "наказателен кодекс"
    assert n(titles[167557]).law_name == "търговски закон"
    assert n(titles[167542]).law_name == "данъчно-осигурителен процесуален кодекс"
    assert n(titles[167562]).law_name == n(titles[167563]).law_name == "закон за движението по пътищата"
    assert n(titles[167562]).operation == "допълнение"
    assert n(titles[167544]).kind == "new" and n(titles[167547]).kind == "amend"
    assert n(titles[167544]).law_name == n(titles[167547]).law_name == "закон за потребителския кредит"


def test_amending_a_ratification_law_drops_the_gazette_note():
    t = n(_bills("parliament/bills-2026-09.json")[167526])
    assert t.kind == "amend" and t.operation == "допълнение"
    assert t.law_name.startswith("закон за ратифициране на конвенцията за взаимно административно сътрудничество")
    assert "дв" not in t.law_name.split() and "бр" not in t.law_key


def test_unified_bill_prefix():
    t = n(_bills("parliament/bills-2026-09.json")[167533])
    assert t.kind == "amend"
    assert t.law_name == "закон за оръжията, боеприпасите, взривните вещества и пиротехническите изделия"


def test_pris_approval_wording_gives_the_bills_law():
    acts = {a["pris_id"]: a for a in load_shared_json("strategy/data-egov-bg_057c5c06_pris-acts.json")["data"][1:]}
    bills = _bills("parliament/bills-2026-09.json")
    for pris_id, bill_id in ((170974, 167540), (170960, 167538), (170992, 167567)):
        about = acts[pris_id]["doc_about"]
        assert "&lt;" in about  # HTML-escaped in the open-data report
        t = n(about)
        assert (t.kind, t.operation, t.law_name) == (n(bills[bill_id]).kind, n(bills[bill_id]).operation, n(bills[bill_id]).law_name)
    # An act that is not about a bill stays something else.
    assert not n(html.unescape(acts[170973]["doc_about"])).is_law


def test_real_consultation_titles():
    rows = {r["reg_num"]: r for r in load_shared_json("strategy/data-egov-bg_b600c109_pc-full.json")["data"][1:]}
    npk = rows["12669-K"]
    assert n(npk["name"]).law_name == n(npk["law_name"]).law_name == "наказателно-процесуален кодекс"
    assert n(rows["12672-K"]["name"]).law_name == clean_text(rows["12672-K"]["law_name"])
    # A CoM-act consultation whose title drafts a law (act type says otherwise).
    ee = n(rows["12653-K"]["name"])
    assert rows["12653-K"]["act_type"] == "Акт на Министерския съвет" and ee.is_law
    assert ee.law_name == "закон за енергийната ефективност"
    # The consultation of the CoM decision approving a draft law.
    d = n(rows["12681-K"]["name"])
    assert d.is_law and d.law_name == "закон за отбраната и въоръжените сили на република българия"
    # Quotes „…“ on strategy.bg vs "…" on parliament.bg.
    bills = _bills("parliament/bills-2025-09.json")
    assert n(rows["12662-K"]["name"]).law_name == n(bills[166622]).law_name == 'закон за държавна агенция "разузнаване"'
    # Ordinances, decrees and municipal acts are not laws.
    for reg in ("12692-K", "12690-K", "12691-K", "12686-K"):
        assert not n(rows[reg]["name"]).is_law, reg


@pytest.mark.parametrize("abbrev, full", [
    ("Проект на ЗИД на Закона за водите", "Проект на Закон за изменение и допълнение на Закона за водите"),
    ("ЗИ на Закона за здравето", "Законопроект за изменение на Закона за здравето"),
    ("ЗД на Закона за хазарта", "Законопроект за допълнение на Закона за хазарта"),
    ("ЗИД на НПК", "Законопроект за изменение и допълнение на Наказателно-процесуалния кодекс"),
    ("ЗИД на КТ", "Законопроект за изменение и допълнение на Кодекса на труда"),
])
def test_abbreviations_expand(abbrev, full):
    a, b = n(abbrev), n(full)
    assert (a.kind, a.operation, a.law_name) == (b.kind, b.operation, b.law_name)


@pytest.mark.parametrize("articulated, nominative", [
    ("на Кодекса на труда", "кодекс на труда"),
    ("на Наказателния кодекс", "наказателен кодекс"),
    ("на Търговския закон", "търговски закон"),
    ("на Семейния кодекс", "семеен кодекс"),
    ("на Изборния кодекс", "изборен кодекс"),
    ("на Гражданския процесуален кодекс", "граждански процесуален кодекс"),
    ("на Административнопроцесуалния кодекс", "административнопроцесуален кодекс"),
    ("на Конституцията на Република България", "конституция на република българия"),
    ("на Закона за движението по пътищата", "закон за движението по пътищата"),
])
def test_law_name_in_the_nominative(articulated, nominative):
    assert n(f"Законопроект за изменение и допълнение {articulated}").law_name == nominative


def test_quotes_dashes_spaces_and_numero_unified():
    a = n("Проект на Закон за изменение на Закона за Държавна агенция „Национална сигурност“")
    b = n('Законопроект  за\u00a0изменение на Закона за Държавна агенция "Национална сигурност"')
    assert a.law_name == b.law_name
    assert clean_text("Наредба №3 – проект") == clean_text("Наредба № 3 - проект") == "наредба № 3 - проект"
    assert clean_text("Наказателно‑процесуален") == "наказателно-процесуален"  # non-breaking hyphen


def test_nfc_and_nfd_spellings_are_equal():
    title = "Законопроект за изменение и допълнение на Семейния кодекс"  # „й“ decomposes in NFD
    nfd = unicodedata.normalize("NFD", title)
    assert nfd != title
    assert n(nfd) == n(title)


def test_homoglyphs_only_inside_words_of_the_other_script():
    assert fix_homoglyphs("Lockheed Martin") == "Lockheed Martin"
    assert fix_homoglyphs("допълнениe") == "допълнение"
    assert fix_homoglyphs("LОА") == "LOA"  # Cyrillic О inside a Latin word
    assert fix_homoglyphs("F-16 блок 70") == "F-16 блок 70"


def test_budget_laws_carry_their_year():
    a = n("Законопроект за държавния бюджет на Република България за 2027 г.")
    b = n("Проект на Закон за държавния бюджет на Република България за 2026 г.")
    c = n("Законопроект за изменение и допълнение на Закона за държавния бюджет на Република България за 2026 г.")
    assert a.kind == b.kind == "budget" and a.years == (2027,) and b.years == (2026,)
    assert c.kind == "amend" and c.years == (2026,)
    dso = n("Законопроект за бюджета на Държавното обществено осигуряване за 2027 г.")
    assert dso.kind == "budget" and dso.law_name != a.law_name


def test_second_amended_law_goes_to_rest():
    t = n("Проект на Закон за изменение и допълнение на Закона за енергията от възобновяеми източници и на Закона за енергетиката")
    assert t.law_name == "закон за енергията от възобновяеми източници"
    assert t.rest == "закона за енергетиката"
    # „и за“ inside a law's own name is not a second law.
    u = n("Законопроект за изменение на Закона за дружествата със специална инвестиционна цел и за дружествата за секюритизация")
    assert u.rest == "" and u.law_name.endswith("и за дружествата за секюритизация")


def test_a_new_code_named_adjective_first():
    bill = n("Законопроект за Наказателно-процесуален кодекс")
    pris = n("ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Наказателно-процесуален кодекс /")
    cons = n("Проект на Наказателно-процесуален кодекс")
    assert (bill.kind, bill.act, bill.law_name) == (pris.kind, pris.act, pris.law_name) == (cons.kind, cons.act, cons.law_name) \
        == ("new", "кодекс", "наказателно-процесуален кодекс")
    amend = n("Законопроект за изменение и допълнение на Наказателно-процесуалния кодекс")
    assert amend.kind == "amend" and amend.law_name == bill.law_name


def test_code_and_law_of_the_same_words_differ_in_head():
    code = n("Законопроект за изменение и допълнение на Кодекса за застраховането")
    law = n("Проект на Закон за изменение и допълнение на Закона за застраховането")
    assert code.law_key == law.law_key and code.head == "кодекс" and law.head == "закон"


def test_garbage_never_raises():
    for text in (None, "", "   ", "<p></p>", "&lt;p&gt;ввв&lt;/p&gt;", "Закон", "проект на", "/"):
        t = n(text)
        assert t.kind in {"other", "new"}
