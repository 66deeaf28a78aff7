"""The legislative-technique criteria (LT-01 … LT-05) on the paths the branch tables of
test_criteria_technique_explained.py leave open, found by mutation testing (bench/mutation.py,
docs/reliability.md): a finding's whole evidence (what the review UI lists), explanations that
name one law or several clauses, the dates a law is measured from when the ДВ date is missing,
and the earliest issue a repealed law's ДВ history cites.

The promulgated texts here are analyses written by hand (the dict texts.lawtext stores), so each
field the criteria read can be set alone; test_criteria_retroactivity_repeal_expost.py runs the
real analyser.
"""
from __future__ import annotations

import datetime as dt

from criteria import initiative as I
from criteria.thresholds import defaults
from test_criteria_units import _act, _adopted, _history, bill, doc, ini, run

D = dt.date
BILL = {"bill_id": 1, "signature": "50-002-01-1", "source_url": None}
ACT_URL = "https://www.parliament.bg/bg/laws/ID/1"
ZID_TITLE = "Законопроект за изменение и допълнение на Закона за водите"


def _th(cid: str, **settings):
    return defaults().with_overrides({cid: settings})


def _explained(found, verdict: str, bg: str, en: str, evidence: dict | None = None) -> None:
    assert (found.verdict.value, found.explanation_bg, found.explanation_en) == (verdict, bg, en)
    if evidence is not None:
        assert found.evidence == evidence


def _text(analysis: dict, *, issue: str | None = "40", year: int | None = 2024, history: str | None = None,
          title: str = "Закон за изменение и допълнение на Закона за водите") -> I.ActText:
    base = {"available": True, "amended_laws": [], "entry_into_force": []}
    return I.ActText(bill_id=1, final_title=title, dv_issue=issue, dv_year=year, title_gazette_history=history,
                     source_url=ACT_URL, analysis={**base, **analysis})


def _law(name: str, section: str, *, action: str = "amend", history: str | None = None, normalised: bool = True) -> dict:
    """An amended law as the text names it („Закона за горите“) and as normalised („Закон за горите“)."""
    return {"section": section, "law_name": name.replace("Закон ", "Закона ", 1), "law_name_normalised": name if normalised else None,
            "action": action, "gazette_history": history}


# --------------------------------------------------------------------------- LT-01


def test_lt_01_one_other_law_is_named_in_the_singular():
    f = run(ini(_adopted(), texts=[_act(["Закон за горите"])]), "LT-01")
    _explained(f, "WARN", "Законът изменя 1 друг закон чрез ПЗР: § 10 Закон за горите.",
               "The law amends 1 other law through its final provisions: § 10 Закон за горите.")
    below = run(ini(_adopted(), texts=[_act(["Закон за горите"])]), "LT-01", _th("LT-01", warn_min_other_laws=2))
    _explained(below, "PASS", "Законът изменя 1 друг закон чрез ПЗР (§ 10 Закон за горите), под прага.",
               "The law amends 1 other law through its final provisions (§ 10 Закон за горите), below the threshold.")


def test_lt_01_full_evidence_below_the_threshold():
    act = _act(["Закон за горите", "Закон за лова"])
    act.source_url = ACT_URL
    act.analysis["amended_laws"][1]["action"] = "repeal"
    initial = doc("bill_text", analysis={"amended_laws": [{"law_name_normalised": "Закон за горите"}]})
    motives = doc("motives", analysis={"classification": {"kind": "motives"}})  # no list of amended laws: not read
    f = run(ini(_adopted(), texts=[act], docs=[motives, initial]), "LT-01", _th("LT-01", warn_min_other_laws=3))
    _explained(f, "PASS", "Законът изменя 2 други закона чрез ПЗР (§ 10 Закон за горите; § 11 Закон за лова), под прага.",
               "The law amends 2 other laws through its final provisions (§ 10 Закон за горите; § 11 Закон за лова), "
               "below the threshold.",
               {**BILL, "act_source_url": ACT_URL, "n_other_laws": 2, "other_laws_amended": [
                   {"section": "§ 10", "law": "Закон за горите", "action": "amend", "present_at_first_reading": True},
                   {"section": "§ 11", "law": "Закон за лова", "action": "repeal", "present_at_first_reading": False}]})
    # At the threshold it warns.
    assert run(ini(_adopted(), texts=[act], docs=[initial]), "LT-01", _th("LT-01", warn_min_other_laws=2)).verdict.value == "WARN"


def test_lt_01_one_law_amended_in_two_sections_counts_once():
    act = _act(["Закон за горите", "Закон за горите"])
    f = run(ini(_adopted(), texts=[act]), "LT-01", _th("LT-01", warn_min_other_laws=2))
    _explained(f, "PASS", "Законът изменя 1 друг закон чрез ПЗР (§ 10 Закон за горите; § 11 Закон за горите), под прага.",
               "The law amends 1 other law through its final provisions (§ 10 Закон за горите; § 11 Закон за горите), "
               "below the threshold.")
    assert f.evidence["n_other_laws"] == 1
    # Without an analysed bill file, whether a law was there at first reading is not known.
    assert [x["present_at_first_reading"] for x in f.evidence["other_laws_amended"]] == [None, None]


# --------------------------------------------------------------------------- LT-02


def test_lt_02_counts_each_amended_law_and_judges_the_worst():
    laws = [_law("Закон за горите", "§ 10", history=_history("5", "80")),
            _law("Закон за лова", "§ 11", history=_history("5, 10, 20 и 30", "90"), normalised=False),
            _law("Закон за пчеларството", "§ 12")]
    b = _adopted(final_title="Закон за изменение и допълнение на Закона за водите")
    f = run(ini(b, texts=[_text({"amended_laws": laws}, history=_history(""))]), "LT-02")
    # The law not normalised is named as the text has it.
    _explained(f, "FAIL", "Закона за лова: 6 изменения за 12 месеца (с настоящото).",
               "Закона за лова: 6 amending acts in 12 months (this one included).",
               {**BILL, "dv_issue": "40", "dv_year": 2024, "window_months": 12, "dates_estimated_from_issue_numbers": True,
                "laws": [
                    {"law": "Закон за изменение и допълнение на Закона за водите", "where": "this act's subject",
                     "amendments_in_window": 1, "issues": []},
                    {"law": "Закон за горите", "where": "§ 10", "amendments_in_window": 3, "issues": ["80/2023", "5/2024"]},
                    {"law": "Закона за лова", "where": "§ 11", "amendments_in_window": 6,
                     "issues": ["90/2023", "5/2024", "10/2024", "20/2024", "30/2024"]}]})
    assert f.labels == ("red_flag",)


def test_lt_02_the_issue_from_the_promulgated_text():
    # The bill record has no ДВ issue; the promulgated text has one.
    b = _adopted(dv_issue=None, dv_year=None)
    f = run(ini(b, texts=[_text({}, history=_history("5", "80"))]), "LT-02")
    assert (f.verdict.value, f.evidence["dv_issue"], f.evidence["dv_year"]) == ("WARN", "40", 2024)
    assert f.evidence["laws"][0]["law"] == ZID_TITLE
    for issue, year in (("40a", 2024), ("40", None), (None, 2024)):
        f = run(ini(b, texts=[_text({}, issue=issue, year=year, history=_history("5", "80"))]), "LT-02")
        _explained(f, "UNKNOWN", "Броят на ДВ, в който е обнародван законът, не е известен.",
                   "The State Gazette issue of the law is not known.")


def test_lt_02_untitled_bill():
    # A bill recorded without a title: its own history is counted under an empty name.
    b = _adopted(title=None)
    f = run(ini(b, texts=[_text({}, history=_history("5", "80"))]), "LT-02")
    assert (f.verdict.value, f.evidence["laws"][0]["law"]) == ("WARN", "")


def test_lt_02_threshold_settings():
    case = ini(_adopted(), texts=[_text({}, history=_history("5", "80"))])  # 3 in the window
    assert run(case, "LT-02", _th("LT-02", warn_amendments=4)).verdict.value == "PASS"
    assert run(case, "LT-02", _th("LT-02", warn_amendments=2, red_flag_amendments=3)).verdict.value == "FAIL"
    f = run(case, "LT-02", _th("LT-02", window_months=6))  # бр. 5/2024 in, бр. 80/2023 out
    _explained(f, "PASS", f"{ZID_TITLE}: 2 изменения за 6 месеца (с настоящото).",
               f"{ZID_TITLE}: 2 amending acts in 6 months (this one included).")
    assert f.evidence["window_months"] == 6


def test_lt_02_a_new_law_is_told_by_its_final_title():
    # A bill titled as amending whose adopted title is a new law's: nothing to count, N_A.
    b = _adopted(title="Законопроект за изменение на Закона за горите", final_title="Закон за горите")
    assert run(ini(b, texts=[_text({})]), "LT-02").verdict.value == "N_A"
    amending = _adopted(title="Законопроект за горите", final_title="Закон за изменение на Закона за горите")
    assert run(ini(amending, texts=[_text({})]), "LT-02").verdict.value == "UNKNOWN"


# --------------------------------------------------------------------------- LT-03


def test_lt_03_full_evidence_of_the_clauses():
    clauses = [
        {"kind": "offset", "effect": "entry_into_force", "section": "§ 20", "provisions_text": "чл. 5",
         "vacatio_legis_days": 30, "effective_date": "2024-06-14", "vacatio_legis_estimated": True},
        {"kind": "fixed_date", "effect": "application", "section": "§ 21", "provisions_text": "чл. 6",
         "vacatio_legis_days": 1, "effective_date": "2024-05-16", "vacatio_legis_estimated": False},
        {"kind": "fixed_date", "effect": "entry_into_force", "section": "§ 22", "provisions_text": "чл. 7",
         "vacatio_legis_days": -5, "effective_date": "2024-05-10", "vacatio_legis_estimated": False},
    ]
    analysis = {"entry_into_force": clauses, "vacatio_legis_days": 4, "vacatio_legis_estimated": True,
                "reference_date": "2024-05-15", "reference_date_kind": "decree"}
    f = run(ini(_adopted(), texts=[_text(analysis)]), "LT-03")
    shown = [{"kind": c["kind"], "effect": c["effect"], "section": c["section"], "provisions": c["provisions_text"],
              "vacatio_legis_days": c["vacatio_legis_days"], "effective_date": c["effective_date"],
              "estimated": c["vacatio_legis_estimated"]} for c in clauses]
    # The application clause (1 day) is not an entry into force; the back-dated one is LT-04's.
    _explained(f, "PASS", "Законът влиза в сила най-рано 4 дни след обнародването.",
               "The law enters into force no sooner than 4 days after promulgation.",
               {**BILL, "vacatio_legis_days": 4, "estimated": True, "reference_date": "2024-05-15",
                "reference_date_kind": "decree", "clauses": shown, "days_before_promulgation_see_lt_04": [5],
                "shortest_vacatio_days": 4})


def test_lt_03_min_days_setting():
    case = ini(_adopted(), texts=[_act(main=3)])
    f = run(case, "LT-03", _th("LT-03", min_days=4))
    _explained(f, "WARN", "Закон или част от него влиза в сила след 3 дни (под 4 дни по чл. 5, ал. 5 от Конституцията).",
               "The law or part of it enters into force after 3 days (under the 4 days of Const. art. 5(5)).")


# --------------------------------------------------------------------------- LT-04


def _clause(days: int | None, *, kind: str = "fixed_date", effect: str = "entry_into_force", section: str | None = "§ 9",
            provisions: str | None = None, scope: str | None = "whole_act", day: str | None = None, **kw) -> dict:
    return {"kind": kind, "effect": effect, "section": section, "provisions_text": provisions, "scope": scope,
            "vacatio_legis_days": days, "effective_date": day, "text": f"{section} …", "verb": kw.pop("verb", "влиза в сила"),
            **kw}


def _lt04(*clauses: dict, ref: str | None = "promulgation", th=None):
    analysis = {"entry_into_force": list(clauses), "reference_date": "2024-05-15", "reference_date_kind": ref}
    return run(ini(_adopted(), texts=[_text(analysis)]), "LT-04", th)


def test_lt_04_full_evidence_of_implicit_clauses_listed_in_order():
    f = _lt04(_clause(-14, day="2024-05-01"),
              _clause(-4, section=None, provisions=None, scope="provisions", day=None),
              _clause(-2, section="§ 11", provisions="чл. 3", scope="provisions", day="2024-05-13"))
    item = lambda section, provisions, day, back: {  # noqa: E731
        "section": section, "text": f"{section} …", "effect": "entry_into_force", "verb": "влиза в сила",
        "provisions": provisions, "effective_date": day, "days_before_reference": back, "express_wording": None}
    _explained(f, "FAIL",
               "Разпоредби с действие преди обнародването без изрична разпоредба за обратно действие (чл. 14, ал. 1 ЗНА): "
               "§ 9 (целия закон, от 01.05.2024); ? (?, без дата); § 11 (чл. 3, от 13.05.2024).",
               "Provisions take effect before promulgation with no express provision for retroactivity (ЗНА art. 14(1)): "
               "§ 9 (the whole act, from 2024-05-01); ? (?, no date); § 11 (чл. 3, from 2024-05-13).",
               {**BILL, "reference_date": "2024-05-15", "reference_date_kind": "promulgation", "act_source_url": ACT_URL,
                "implicit": [item("§ 9", "the whole act", "2024-05-01", 14), item(None, None, None, 4),
                             item("§ 11", "чл. 3", "2024-05-13", 2)],
                "express": [], "borderline": [], "undetermined": [], "harsher_sanctions_checked": False})
    assert f.labels == ("retroactive", "implicit_retroactivity")


def test_lt_04_each_express_wording():
    cases = [
        (_clause(-3, verb="поражда действие"), "поражда действие"),
        (_clause(-3, verb="се прилага"), "се прилага"),
        (_clause(-3, verb=None, effect="application"), "се прилага"),  # analyses before v2 carry no verb
        (_clause(-3, verb="има обратно действие"), "има обратно действие"),
        (_clause(-3, counted_from="2024-05-12"), "считано от"),
        (_clause(None, kind="unrecognised", effect="retroactive", verb=None), "има обратно действие"),
    ]
    for clause, wording in cases:
        f = _lt04(clause)
        assert (f.verdict.value, [x["express_wording"] for x in f.evidence["express"]]) == ("WARN", [wording]), clause
    # "влиза в сила" with a past date is not an express provision; nor is an unknown verb.
    for verb in ("влиза в сила", "се отменя", None):
        assert _lt04(_clause(-3, verb=verb)).verdict.value == "FAIL", verb


def test_lt_04_express_text_and_days_before():
    f = _lt04(_clause(-3, verb="се прилага", effect="application", day="2024-05-12"),
              _clause(None, kind="unrecognised", effect="retroactive", verb="има обратно действие", section="§ 10"))
    _explained(f, "WARN",
               "Изрично обратно действие, допустимо само по изключение (чл. 14, ал. 1 ЗНА): "
               "§ 9 (целия закон, от 12.05.2024); § 10 (целия закон, без дата).",
               "Express retroactive effect, admissible only by exception (ЗНА art. 14(1)): "
               "§ 9 (the whole act, from 2024-05-12); § 10 (the whole act, no date).")
    assert [x["days_before_reference"] for x in f.evidence["express"]] == [3, None]
    assert f.labels == ("retroactive",)


def test_lt_04_borderline_after_the_decree_or_adoption():
    f = _lt04(_clause(6, day="2024-05-21"), _clause(7, section="§ 10", day="2024-05-22"), ref="decree")
    _explained(f, "UNKNOWN",
               "Дата на действие до 7 дни след указа за обнародване: дали е преди излизането на ДВ, не е известно "
               "(§ 9 (целия закон, от 21.05.2024)).",
               "A date of effect within 7 days after the promulgation decree: whether it precedes the ДВ issue is not "
               "known (§ 9 (the whole act, from 2024-05-21)).")
    assert f.labels == ("borderline",) and f.evidence["borderline"][0]["days_before_reference"] is None
    # The decree's own day is borderline too, and is no day before it.
    on_decree_day = _lt04(_clause(0, day="2024-05-15"), ref="decree")
    assert [x["days_before_reference"] for x in on_decree_day.evidence["borderline"]] == [None]
    adoption = _lt04(_clause(14, day="2024-05-29"), ref="adoption")
    assert adoption.verdict.value == "UNKNOWN"
    assert adoption.explanation_bg.startswith(
        f"Дата на действие до {defaults().section('LT-04')['adoption_lag_days']} дни след приемането: ")
    assert "after adoption: " in adoption.explanation_en
    # The settings move the border; after promulgation itself there is none.
    assert _lt04(_clause(6), ref="decree", th=_th("LT-04", decree_lag_days=6)).verdict.value == "PASS"
    assert _lt04(_clause(0), ref="promulgation").verdict.value == "PASS"
    assert _lt04(_clause(-1), ref="decree").verdict.value == "FAIL"


def test_lt_04_undetermined_dates():
    text_bg = "Дата на действие не може да се сравни с датата на обнародване (неизвестна дата или неразпозната клауза)."
    text_en = "A date of effect cannot be compared with the promulgation date (unknown date or unrecognised clause)."
    for clause, ref in ((_clause(None), "promulgation"), (_clause(5), None), (_clause(5), "publication"),
                        (_clause(None, kind="unrecognised"), "promulgation")):
        f = _lt04(clause, ref=ref)
        _explained(f, "UNKNOWN", text_bg, text_en)
        assert f.evidence["undetermined"] == [
            {"section": "§ 9", "text": "§ 9 …", "effect": "entry_into_force", "verb": "влиза в сила",
             "provisions": "the whole act", "effective_date": None, "days_before_reference": None, "express_wording": None}
        ], (clause, ref)
    # An unrecognised application clause, a conditional one and one deferring another law do not count.
    for clause in (_clause(None, kind="unrecognised", effect="application", verb=None),
                   _clause(None, kind="conditional"), _clause(-30, scope="other_law")):
        assert _lt04(clause).verdict.value == "PASS", clause
    # A clause deferring another law does not hide the clauses after it.
    after = _lt04(_clause(-30, scope="other_law"), _clause(-3, section="§ 10", day="2024-05-12"))
    assert (after.verdict.value, [x["section"] for x in after.evidence["implicit"]]) == ("FAIL", ["§ 10"])


def test_lt_04_unknown_reference_kind_is_worded_as_promulgation():
    f = _lt04(_clause(-3, day="2024-05-12"), ref=None)
    assert f.verdict.value == "UNKNOWN"  # no lag is known for it: undetermined, even in the past
    g = _lt04(_clause(-3, day="2024-05-12", verb="се прилага", effect="retroactive"), ref=None)
    assert g.verdict.value == "WARN"


# --------------------------------------------------------------------------- LT-05


def _new_law(repealed: list[dict], *, analysis: dict | None = None, **bkw) -> I.Initiative:
    bkw.setdefault("title", "Законопроект за водите")
    bkw.setdefault("final_title", "Закон за водите")
    text = _text({"amended_laws": repealed, **(analysis or {})}, title="Закон за водите")
    return ini(_adopted(**bkw), texts=[text])


def test_lt_05_full_evidence_dated_by_the_gazette_issue():
    # No ДВ or decree date in the text: the act is dated from its issue number (бр. 40/2024).
    repealed = [_law("Закон за старите води", "§ 5", action="repeal", history="обн., ДВ, бр. 48 от 1949 г."),
                _law("Закон за лова", "§ 6", history="обн., ДВ, бр. 30 от 2023 г.")]
    f = run(_new_law(repealed), "LT-05")
    _explained(f, "PASS", "Отменените закони са на поне 3 години: § 5 Закон за старите води (ДВ бр. 48/1949).",
               "The repealed laws are at least 3 years old: § 5 Закон за старите води (ДВ бр. 48/1949).",
               {**BILL, "title": "Закон за водите", "act_source_url": ACT_URL, "act_date": "2024-05-16",
                "act_date_kind": "gazette_issue_estimate", "young_law_years": 3, "dates_estimated_from_issue_numbers": True,
                "repealed_laws": [{"section": "§ 5", "law": "Закон за старите води", "promulgated_in": "бр. 48/1949",
                                   "promulgated_approx": "1949-06-14", "age_years": 74.9, "young": False}]})


def test_lt_05_two_repealed_laws_listed():
    repealed = [_law("Закон за старите води", "§ 5", action="repeal", history="обн., ДВ, бр. 48 от 1949 г."),
                _law("Закон за морските води", "§ 6", action="repeal", history="обн., ДВ, бр. 12 от 2000 г.")]
    f = run(_new_law(repealed), "LT-05")
    _explained(f, "PASS", "Отменените закони са на поне 3 години: § 5 Закон за старите води (ДВ бр. 48/1949); "
               "§ 6 Закон за морските води (ДВ бр. 12/2000).",
               "The repealed laws are at least 3 years old: § 5 Закон за старите води (ДВ бр. 48/1949); "
               "§ 6 Закон за морските води (ДВ бр. 12/2000).")
    young = [_law("Закон за новите води", "§ 5", action="repeal", history="обн., ДВ, бр. 30 от 2023 г."),
             _law("Закон за морските води", "§ 6", action="repeal", history="обн., ДВ, бр. 12 от 2022 г.")]
    f = run(_new_law(young), "LT-05")
    _explained(f, "WARN", "Новият закон отменя закон на по-малко от 3 години: § 5 Закон за новите води (ДВ бр. 30/2023); "
               "§ 6 Закон за морските води (ДВ бр. 12/2022).",
               "The new law repeals a law less than 3 years old: § 5 Закон за новите води (ДВ бр. 30/2023); "
               "§ 6 Закон за морските води (ДВ бр. 12/2022).")
    assert (f.confidence, f.labels) == ("P", ("informational",))


def test_lt_05_the_act_date_in_order_of_preference():
    repealed = [_law("Закон за новите води", "§ 5", action="repeal", history="обн., ДВ, бр. 30 от 2023 г.")]
    # The ДВ date, then the decree's.
    f = run(_new_law(repealed, analysis={"promulgation_date": "2024-05-20", "decree_date": "2024-05-10"}), "LT-05")
    assert (f.evidence["act_date"], f.evidence["act_date_kind"]) == ("2024-05-20", "promulgation")
    f = run(_new_law(repealed, analysis={"promulgation_date": "", "decree_date": "2024-05-10"}), "LT-05")
    assert (f.evidence["act_date"], f.evidence["act_date_kind"]) == ("2024-05-10", "decree")
    # Without them and without an issue number: the adoption date.
    for issue, year in ((None, 2024), ("40", None), ("бр. 40", 2024)):
        no_issue = _new_law(repealed, dv_issue=issue, dv_year=year)
        f = run(no_issue, "LT-05")
        assert (f.evidence["act_date"], f.evidence["act_date_kind"]) == ("2024-05-01", "adoption"), (issue, year)
        assert f.evidence["repealed_laws"][0]["age_years"] == 1.1  # 385 days
    # Adopted on an unknown day: no date, so no age.
    undated = _new_law(repealed, dv_issue=None, adopted_on=None, stages=[])
    f = run(undated, "LT-05")
    assert (f.verdict.value, f.evidence["act_date"], f.evidence["act_date_kind"]) == ("UNKNOWN", None, None)
    assert f.evidence["repealed_laws"][0] == {"section": "§ 5", "law": "Закон за новите води", "promulgated_in": "бр. 30/2023",
                                              "promulgated_approx": "2023-04-12", "age_years": None, "young": None}


def test_lt_05_the_earliest_issue_cited_is_the_promulgation():
    # A history that cites amendments only (the law's first issue left out) still dates it; a
    # correction does not: it may correct a different act's text in the same issue.
    for history, first in (("изм., ДВ, бр. 30 от 2023 г. и бр. 5 от 2024 г.", "бр. 30/2023"),
                           ("изм., ДВ, бр. 5 от 2024 г.; бр. 90 от 2023 г.", "бр. 90/2023"),
                           ("попр., ДВ, бр. 5 от 2019 г.; изм., бр. 30 от 2023 г.", "бр. 30/2023")):
        f = run(_new_law([_law("Закон за новите води", "§ 5", action="repeal", history=history)]), "LT-05")
        assert (f.verdict.value, f.evidence["repealed_laws"][0]["promulgated_in"]) == ("WARN", first), history
    # Amended laws are not repealed ones.
    f = run(_new_law([_law("Закон за лова", "§ 6", history="обн., ДВ, бр. 30 от 2023 г.")]), "LT-05")
    _explained(f, "PASS", "Новият закон не отменя друг закон.", "The new law repeals no other law.")


def test_lt_05_young_law_years_boundary():
    # бр. 40/2021 is dated 17.05.2021 from its number: a law promulgated on 17.05.2024 repeals it
    # three years old to the day (not young), one promulgated a day earlier a young one.
    repealed = [_law("Закон за новите води", "§ 5", action="repeal", history="обн., ДВ, бр. 40 от 2021 г.")]
    on_day = _new_law(repealed, analysis={"promulgation_date": "2024-05-17"})
    f = run(on_day, "LT-05")
    assert (f.verdict.value, f.evidence["repealed_laws"][0]["young"]) == ("PASS", False)
    assert run(on_day, "LT-05", _th("LT-05", young_law_years=4)).verdict.value == "WARN"
    day_before = run(_new_law(repealed, analysis={"promulgation_date": "2024-05-16"}), "LT-05")
    assert (day_before.verdict.value, day_before.evidence["repealed_laws"][0]["young"]) == ("WARN", True)


def test_lt_05_amending_is_told_by_the_final_title():
    amending = _new_law([], title="Законопроект за водите", final_title="Закон за изменение на Закона за водите")
    f = run(amending, "LT-05")
    _explained(f, "UNKNOWN", "Закон за изменение: делът на изменените членове от закона не се измерва (общият им брой не е в текста).",
               "An amending law: the share of the law's articles it rewrites is not measured (their total is not in the text).",
               {**BILL, "title": "Закон за изменение на Закона за водите", "act_source_url": ACT_URL})
    assert f.labels == ("not_measured",)
    # Adopted under a new law's title, an amending bill is read by that title (not UNKNOWN), and
    # is_new_law (the bill's title) then leaves it out.
    renamed = _new_law([], title="Законопроект за изменение на Закона за водите", final_title="Закон за водите")
    assert run(renamed, "LT-05").verdict.value == "N_A"
    untitled = _new_law([], title="Законопроект за изменение на Закона за водите", final_title=None)
    assert run(untitled, "LT-05").evidence["title"] == "Законопроект за изменение на Закона за водите"
    # A bill recorded without any title is shown with an empty one.
    nameless = _new_law([], title=None, final_title=None)
    assert (run(nameless, "LT-05").verdict.value, run(nameless, "LT-05").evidence["title"]) == ("PASS", "")
