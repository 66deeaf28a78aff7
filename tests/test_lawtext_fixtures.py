"""The text analysis on the three real promulgated laws, against values read by hand.

act 15565 — Закон за електронната идентификация (ДВ бр. 38/2016): ПЗР § 5 amends the
  Закон за електронното управление; § 6: in force 6 months after promulgation, except four
  groups (7 months, one year, 18 months, and чл. 22, ал. 1, т. 3 from 1 April 2017).
act 164632 — Закон за защита на лицата, подаващи сигнали … (ДВ бр. 11/2023): ЗР §§ 3–5 amend
  the Закон за защита на личните данни, Закон за правната помощ, Закон за омбудсмана; § 10:
  in force three months after promulgation, глава втора, раздел I applied to employers with
  50–249 workers from 17 December 2023. §§ 8–9 set deadlines "в тримесечен / 6-месечен срок
  от обнародването", which are not entry into force.
act 166496 — ЗИД на Закона за електронните съобщения (ДВ бр. 99/2025): §§ 1–20 amend that law
  itself, ЗР §§ 21–23 amend the Закон за електронната търговия, Закон за радиото и
  телевизията, Закон за автомобилните превози; there is no entry-into-force clause.

The payloads do not carry the Gazette's date; where a test passes one, it is the caller's
input and the assertion checks the arithmetic from it.
"""
from __future__ import annotations

from datetime import date

import pytest

from texts.lawtext import analyse_act
from conftest import load_shared_json


def _act(act_id: int) -> dict:
    return load_shared_json(f"parliament/act-{act_id}.json")


def _laws(analysis) -> list[tuple[str, str]]:
    return [(a.section, a.law_name_normalised) for a in analysis.amended_laws]


def test_15565_parts_and_amended_law():
    a = analyse_act(_act(15565))
    assert a.available
    closing = [(p.kind, p.sections) for p in a.parts if p.kind != "main"]
    assert closing == [("additional", ["§ 1", "§ 2"]), ("transitional_final", ["§ 3", "§ 4", "§ 5", "§ 6"])]
    assert _laws(a) == [("§ 5", "Закон за електронното управление")]
    only = a.amended_laws[0]
    assert only.law_name == "Закона за електронното управление"
    assert only.part == "transitional_final" and only.action == "amend"
    assert only.gazette_history.startswith("обн., ДВ, бр. 46 от 2007 г.")
    assert only.excerpt.startswith("§ 5. В Закона за електронното управление (обн., …) се правят")


def test_15565_entry_into_force_groups():
    a = analyse_act(_act(15565), promulgated=date(2016, 5, 20))
    clauses = a.entry_into_force
    assert [(c.kind, c.scope, c.offset_months, c.fixed_date) for c in clauses] == [
        ("offset", "whole_act", 6, None),
        ("offset", "provisions", 7, None),
        ("offset", "provisions", 12, None),  # "една година"
        ("offset", "provisions", 18, None),
        ("fixed_date", "provisions", None, date(2017, 4, 1)),
    ]
    assert all(c.section == "§ 6" for c in clauses)
    assert clauses[1].provisions == ["чл. 8", "чл. 9, ал. 2", "чл. 10", "чл. 11", "чл. 15–17"]
    assert "чл. 22 (с изключение на ал. 1, т. 3)" in clauses[2].provisions
    assert "§ 5, т. 4" in clauses[2].provisions and "§ 4" in clauses[2].provisions
    assert clauses[3].provisions == ["чл. 29–33", "§ 5, т. 3"]
    assert clauses[4].provisions == ["чл. 22, ал. 1, т. 3"]
    # 20.05.2016 + 6 months = 20.11.2016; 1.04.2017 is 316 days after 20.05.2016.
    assert clauses[0].effective_date == date(2016, 11, 20)
    assert a.vacatio_legis_days == 184 and not a.vacatio_legis_estimated
    assert clauses[4].vacatio_legis_days == 316
    assert set(clauses[0].except_provisions) >= {"чл. 8", "чл. 29–33", "чл. 22, ал. 1, т. 3"}
    assert a.reference_date_kind == "promulgation"


def test_164632_three_other_laws_not_itself():
    a = analyse_act(_act(164632))
    assert _laws(a) == [
        ("§ 3", "Закон за защита на личните данни"),
        ("§ 4", "Закон за правната помощ"),
        ("§ 5", "Закон за омбудсмана"),
    ]
    assert all(a_.part == "final" for a_ in a.amended_laws)


def test_164632_entry_into_force_and_application_date():
    a = analyse_act(_act(164632), promulgated=date(2023, 2, 2))
    main, applies = a.entry_into_force  # §§ 8-9 deadlines are not clauses
    assert (main.kind, main.scope, main.offset_months, main.section) == ("offset", "whole_act", 3, "§ 10")
    assert main.effective_date == date(2023, 5, 2)
    assert a.vacatio_legis_days == 89
    assert (applies.kind, applies.effect, applies.fixed_date) == ("fixed_date", "application", date(2023, 12, 17))
    assert applies.provisions_text == "глава втора, раздел I с чл. 12 – 18"
    assert "между 50 и 249 работници" in applies.qualifier
    assert applies.vacatio_legis_days == (date(2023, 12, 17) - date(2023, 2, 2)).days


def test_164632_without_promulgation_date_uses_decree_date_and_says_so():
    a = analyse_act(_act(164632))
    assert a.decree_date == date(2023, 1, 31)  # "Издаден в София на 31 януари 2023 г."
    assert a.adoption_date == date(2023, 1, 27)
    assert (a.reference_date, a.reference_date_kind) == (date(2023, 1, 31), "decree")
    assert a.promulgation_date is None
    assert a.vacatio_legis_days == 89 and a.vacatio_legis_estimated  # 31.01 + 3 months = 30.04
    assert any("not known" in n and "11/2023" in n for n in a.notes)


def test_166496_amends_three_laws_from_its_final_provisions():
    a = analyse_act(_act(166496))
    assert _laws(a) == [
        ("§ 21", "Закон за електронната търговия"),
        ("§ 22", "Закон за радиото и телевизията"),
        ("§ 23", "Закон за автомобилните превози"),
    ]
    # The amended law itself (Закон за електронните съобщения, §§ 1-20) is not an "other" law.
    closing = [(p.kind, p.heading, p.sections) for p in a.parts if p.kind != "main"]
    assert closing == [("final", "Заключителни разпоредби", ["§ 21", "§ 22", "§ 23"])]
    assert a.amended_laws[1].excerpt.endswith("в чл. 32, ал. 1 се създава т. 25:")


def test_166496_without_clause_gets_constitutional_default():
    a = analyse_act(_act(166496), promulgated=date(2025, 11, 21))
    [clause] = a.entry_into_force
    assert (clause.kind, clause.scope, clause.section, clause.offset_days) == ("default_3_days", "whole_act", None, 3)
    assert clause.effective_date == date(2025, 11, 24)
    assert a.vacatio_legis_days == 3 and not a.vacatio_legis_estimated
    assert "чл. 5, ал. 5" in clause.legal_basis


@pytest.mark.parametrize("act_id", [15565, 164632, 166496])
def test_to_dict_is_json_ready_with_stable_keys(act_id):
    import json

    d = analyse_act(_act(act_id)).to_dict()
    json.dumps(d)
    assert list(d) == [
        "analysis_version", "available", "unavailable_reason", "act_id", "title", "adoption_date", "decree_date",
        "state_gazette_issue", "state_gazette_year", "promulgation_date", "reference_date", "reference_date_kind",
        "parts", "amended_laws", "entry_into_force", "vacatio_legis_days", "vacatio_legis_estimated", "notes",
    ]
    assert d["act_id"] == act_id
    for clause in d["entry_into_force"]:
        assert {"kind", "scope", "section", "provisions", "offset_days", "offset_months", "fixed_date",
                "effective_date", "vacatio_legis_days"} <= set(clause)
