"""LT-04 (retroactivity), LT-05 (repeal and replace) and IA-07 (ex-post evaluation due) on their boundaries.

The promulgated texts here go through the real law-text analysis (texts.lawtext.analyse_body
/ analyse_act) from Word-like HTML, so the clause parser and the criterion are tested together;
the three real acts are in test_criteria_realdata.py.
"""
from __future__ import annotations

import datetime as dt

import pytest

from criteria import initiative as I
from criteria.evaluate import evaluate
from criteria.gazette import issue_date
from texts.lawtext import analyse_act, analyse_body
from criteria.thresholds import defaults
from test_criteria_units import FAIL, N_A, PASS, UNKNOWN, WARN, adopted_stages, bill, doc, ini, mp_bill, run

D = dt.date
PROMULGATED = D(2026, 2, 10)  # ДВ date of the law under test
DECREE = "<p>Издаден в София на 5 февруари 2026 г.</p>"


def _law(closing: str, *, promulgated: D | None = PROMULGATED, title: str = "Закон за водите",
         bill_title: str = "Законопроект за водите", **bkw) -> I.Initiative:
    html = (DECREE + f"<p>{title.upper()}</p><p>Чл. 1. Законът урежда отношенията.</p>"
            "<p>Преходни и заключителни разпоредби</p>" + closing)
    analysis = analyse_body(html, promulgated=promulgated, title=title).to_dict()
    b = bill(title=bill_title, final_title=title, status="adopted", adopted_on=D(2026, 1, 28), dv_issue="12",
             dv_year=2026, stages=adopted_stages(D(2026, 1, 21), D(2026, 1, 28)), **bkw)
    text = I.ActText(bill_id=1, final_title=title, dv_issue="12", dv_year=2026, adopted_on=D(2026, 1, 28),
                     source_url="https://www.parliament.bg/bg/laws/ID/1", analysis=analysis)
    return ini(b, texts=[text])


def _v(initiative: I.Initiative, cid: str, **overrides):
    th = defaults().with_overrides(overrides) if overrides else None
    return run(initiative, cid, th)


# --------------------------------------------------------------------------- LT-04


@pytest.mark.parametrize("day, expected", [(1, FAIL), (9, FAIL), (10, PASS), (11, PASS)])
def test_lt_04_entry_into_force_date_against_the_gazette_date(day, expected):
    """"влиза в сила от <date>" says nothing of retroactivity: a date before the ДВ issue is implicit."""
    f = _v(_law(f"<p>§ 9. Законът влиза в сила от {day} февруари 2026&nbsp;г.</p>"), "LT-04")
    assert f.verdict is expected
    if expected is FAIL:
        [item] = f.evidence["implicit"]
        assert (item["section"], item["days_before_reference"], item["express_wording"]) == ("§ 9", 10 - day, None)
        assert "implicit_retroactivity" in f.labels and "§ 9" in f.explanation_bg


@pytest.mark.parametrize("clause, wording", [
    ("§ 9. Законът влиза в сила от деня на обнародването му в „Държавен вестник“, с изключение на § 2, който се "
     "прилага, считано от 1 януари 2026 г.", "считано от"),
    ("§ 9. Законът влиза в сила от деня на обнародването му в „Държавен вестник“, а § 2 има об&shy;рат&shy;но "
     "действие.", "има обратно действие"),
    ("§ 9. Член 7 поражда действие от 1&nbsp;януари 2026&nbsp;г.", "поражда действие"),
    ("§ 9. Разпоредбата на чл. 7 се прилага от 1 януари 2026 г.", "се прилага"),
    ("§ 9. Законът влиза в сила считано от 1 януари 2026 г.", "считано от"),
])
def test_lt_04_express_retroactivity_warns(clause, wording):
    f = _v(_law(f"<p>{clause}</p>"), "LT-04")
    assert f.verdict is WARN and "retroactive" in f.labels
    [item] = f.evidence["express"]
    assert item["express_wording"] == wording
    assert f.evidence["harsher_sanctions_checked"] is False  # ЗНА чл. 14, ал. 3 is not detected


def test_lt_04_implicit_outweighs_express():
    f = _v(_law("<p>§ 8. Член 7 поражда действие от 1 януари 2026 г.</p>"
                "<p>§ 9. Законът влиза в сила от 1 февруари 2026 г.</p>"), "LT-04")
    assert f.verdict is FAIL
    assert [i["section"] for i in f.evidence["implicit"]] == ["§ 9"]
    assert [i["section"] for i in f.evidence["express"]] == ["§ 8"]


@pytest.mark.parametrize("closing", [
    "<p>§ 9. Законът влиза в сила от деня на обнародването му в „Държавен вестник“, а § 2 се прилага от 1 януари 2027 г.</p>",
    "<p>§ 8. Законът няма обратно действие.</p><p>§ 9. Законът влиза в сила три дни след обнародването му.</p>",
    # deferring another law's entry into force to a past date is not this law's effect
    "<p>§ 9. Законът за пътищата (ДВ, бр. 1 от 2020 г.) влиза в сила от 1 януари 2020 г.</p>",
    "<p>§ 9. Законът влиза в сила от деня на влизане в сила на Закона за държавния бюджет за 2026 г.</p>",
])
def test_lt_04_pass(closing):
    assert _v(_law(closing), "LT-04").verdict is PASS


@pytest.mark.parametrize("day, expected", [(4, FAIL), (5, UNKNOWN), (11, UNKNOWN), (12, PASS)])
def test_lt_04_only_the_decree_date_known(day, expected):
    """Decree 05.02.2026, ДВ date unknown: before the decree is certainly retroactive; up to
    decree_lag_days after it may still precede the issue."""
    f = _v(_law(f"<p>§ 9. Законът влиза в сила от {day} февруари 2026 г.</p>", promulgated=None), "LT-04")
    assert f.verdict is expected and f.evidence["reference_date_kind"] == "decree"
    if expected is UNKNOWN:
        assert "borderline" in f.labels


def test_lt_04_thresholds():
    assert defaults().section("LT-04") == {"decree_lag_days": 7, "adoption_lag_days": 15}
    eleventh = _law("<p>§ 9. Законът влиза в сила от 11 февруари 2026 г.</p>", promulgated=None)
    assert _v(eleventh, "LT-04").verdict is UNKNOWN
    assert _v(eleventh, "LT-04", **{"LT-04": {"decree_lag_days": 6}}).verdict is PASS


@pytest.mark.parametrize("day, expected", [(27, FAIL), (28, UNKNOWN), (11, UNKNOWN), (12, PASS)])
def test_lt_04_only_the_adoption_date_known(day, expected):
    month = "януари" if day > 20 else "февруари"
    payload = {"L_Act_id": 1, "L_ActL_final": "Закон за водите", "L_Act_date2": "2026-01-28 00:00:00",
               "L_Act_dv_iss": "12", "L_Act_dv_year": 2026,
               "L_ActL_final_body": f"<p>Заключителна разпоредба</p><p>§ 1. Законът влиза в сила от {day} {month} 2026 г.</p>"}
    text = I.ActText(bill_id=1, analysis=analyse_act(payload).to_dict())
    b = bill(title="Законопроект за водите", status="adopted", adopted_on=D(2026, 1, 28))
    f = _v(ini(b, texts=[text]), "LT-04")
    assert f.verdict is expected and f.evidence["reference_date_kind"] == "adoption"


def test_lt_04_not_adopted_or_no_text():
    assert _v(ini(bill()), "LT-04").verdict is N_A
    assert _v(ini(bill(status="adopted", adopted_on=D(2026, 1, 28))), "LT-04").verdict is UNKNOWN


def test_lt_03_leaves_a_date_before_promulgation_to_lt_04():
    case = _law("<p>§ 9. Законът влиза в сила от 1 февруари 2026 г.</p>")
    lt03 = _v(case, "LT-03")
    assert lt03.verdict is N_A and lt03.evidence["days_before_promulgation_see_lt_04"] == [9]
    staggered = _law("<p>§ 9. Законът влиза в сила от 1 февруари 2026 г., с изключение на § 3, който влиза в сила "
                     "три месеца след обнародването му.</p>")
    assert _v(staggered, "LT-03").verdict is PASS and _v(staggered, "LT-04").verdict is FAIL


# --------------------------------------------------------------------------- LT-05


def _repeals(issue: int, year: int = 2023) -> str:
    return f"<p>§ 5. Отменя се Законът за водите и каналите (обн., ДВ, бр.&nbsp;{issue} от {year}&nbsp;г.; изм., бр. 40 от 2024 г.).</p>"


@pytest.mark.parametrize("issue, expected", [(12, PASS), (13, WARN)])
def test_lt_05_repealed_law_age_three_years(issue, expected):
    # ДВ бр. 12/2023 is dated 08.02.2023 and бр. 13/2023 12.02.2023 from their numbers; this law: 10.02.2026.
    assert issue_date(12, 2023) == D(2023, 2, 8) and issue_date(13, 2023) == D(2023, 2, 12)
    f = _v(_law(_repeals(issue)), "LT-05")
    assert f.verdict is expected
    [law] = f.evidence["repealed_laws"]
    assert (law["section"], law["law"], law["promulgated_in"]) == ("§ 5", "Закон за водите и каналите", f"бр. {issue}/2023")
    if expected is WARN:
        assert f.confidence == "P" and law["young"] is True and "бр. 13/2023" in f.explanation_bg


def test_lt_05_list_of_repeals_names_the_young_one():
    f = _v(_law("<p>§ 5. Отменят се:</p>"
                "<p>1. Законът за старите води (обн., ДВ, бр. 48 от 1949 г.; изм., бр. 12 от 2002 г.);</p>"
                "<p>2. Законът за водите и каналите (обн., ДВ, бр. 40 от 2024 г.).</p>"), "LT-05")
    assert f.verdict is WARN
    assert [(x["law"], x["young"]) for x in f.evidence["repealed_laws"]] == [
        ("Закон за старите води", False), ("Закон за водите и каналите", True)]
    assert "Закон за старите води" not in f.explanation_bg


def test_lt_05_cases():
    assert _v(_law("<p>§ 5. Законът влиза в сила от деня на обнародването му.</p>"), "LT-05").verdict is PASS
    no_history = _v(_law("<p>§ 5. Законът за водите и каналите се отменя.</p>"), "LT-05")
    assert no_history.verdict is UNKNOWN and no_history.evidence["repealed_laws"][0]["promulgated_in"] is None
    zid = _law("<p>§ 5. Законът влиза в сила от деня на обнародването му.</p>",
               title="Закон за изменение и допълнение на Закона за водите",
               bill_title="Законопроект за изменение и допълнение на Закона за водите")
    f = _v(zid, "LT-05")
    assert f.verdict is UNKNOWN and "not_measured" in f.labels  # (b) the share of rewritten articles
    repeal_only = _law(_repeals(13), title="Закон за отмяна на Закона за водите и каналите",
                       bill_title="Законопроект за отмяна на Закона за водите и каналите")
    assert _v(repeal_only, "LT-05").verdict is N_A
    assert _v(ini(bill()), "LT-05").verdict is N_A
    assert _v(ini(bill(status="adopted", adopted_on=D(2026, 1, 28))), "LT-05").verdict is UNKNOWN


def test_lt_05_threshold():
    assert defaults().section("LT-05") == {"young_law_years": 3}
    assert _v(_law(_repeals(13)), "LT-05", **{"LT-05": {"young_law_years": 2}}).verdict is PASS
    assert _v(_law(_repeals(12)), "LT-05", **{"LT-05": {"young_law_years": 4}}).verdict is WARN


# --------------------------------------------------------------------------- IA-07

ADOPTED = D(2020, 1, 10)
IN_FORCE = "2020-01-20"  # + 54 months = 20.07.2024, + 60 months = 20.01.2025
FULL_IA = doc("impact_assessment_full")


def _new_law(*, mp: bool = False, in_force: str | None = IN_FORCE, docs=(FULL_IA,), cons=(), **kw) -> I.Initiative:
    kw.setdefault("title", "Законопроект за водите")
    b = (mp_bill if mp else bill)(final_title="Закон за водите", status="adopted", submitted_on=kw.pop("submitted_on", D(2019, 10, 1)),
                                  adopted_on=ADOPTED, stages=adopted_stages(D(2019, 12, 1), ADOPTED), **kw)
    texts = []
    if in_force:
        clause = {"kind": "offset", "effect": "entry_into_force", "scope": "whole_act", "offset_days": 3,
                  "effective_date": in_force, "effective_date_estimated": True}
        texts = [I.ActText(bill_id=1, analysis={"available": True, "decree_date": "2020-01-15",
                                                "entry_into_force": [clause], "amended_laws": []})]
    return ini(b, docs=docs, cons=cons, texts=texts)


def _ia07(case: I.Initiative, as_of: D, **overrides):
    th = defaults().with_overrides(overrides) if overrides else None
    return run(case, "IA-07", th, as_of=as_of)


@pytest.mark.parametrize("as_of, expected, recheck", [
    (D(2024, 7, 19), N_A, D(2024, 7, 20)),
    (D(2024, 7, 20), WARN, D(2025, 1, 20)),
    (D(2025, 1, 19), WARN, D(2025, 1, 20)),
    (D(2025, 1, 20), UNKNOWN, None),  # never FAIL: lexwatch does not collect ex-post reports
])
@pytest.mark.parametrize("mp", [False, True])
def test_ia_07_due_at_four_and_a_half_years_overdue_after_five(as_of, expected, recheck, mp):
    f = _ia07(_new_law(mp=mp), as_of)
    assert (f.verdict, f.recheck_on) == (expected, recheck)
    assert f.evidence["commencement"] == IN_FORCE and f.evidence["commencement_kind"] == "entry_into_force"
    assert f.evidence["ex_post_reports_collected"] is False
    if expected is UNKNOWN:
        assert "ex_post_overdue_unverified" in f.labels and f.evidence["due_by"] == "2025-01-20"


def _ex_post(opened: D, *, as_document: bool = False) -> I.Consultation:
    title = "Последваща оценка на въздействието на Закона за водите"
    docs = [I.ConsultationDocument("https://strategy.bg/download/7001", "Други", False, title, opened)] if as_document else []
    return I.Consultation(id=700, reg_num="7000-K", title="Обществена консултация" if as_document else title,
                          date_open=opened, date_close=opened + dt.timedelta(days=30), documents=docs,
                          source_url="https://strategy.bg/bg/public-consultations/700")


@pytest.mark.parametrize("opened, as_document, expected", [
    (D(2024, 11, 1), False, PASS),
    (D(2025, 1, 20), True, PASS),
    (D(2025, 3, 1), False, WARN),       # after the five years
    (D(2019, 6, 1), False, UNKNOWN),    # before adoption: the evaluation of the law this one replaced
])
def test_ia_07_ex_post_report_linked(opened, as_document, expected):
    f = _ia07(_new_law(cons=[_ex_post(opened, as_document=as_document)]), D(2025, 6, 1))
    assert f.verdict is expected
    if expected is not UNKNOWN:
        assert f.evidence["ex_post_reports"][0]["consultation"] == "7000-K"


def test_ia_07_scope():
    late = D(2024, 8, 1)
    assert _ia07(_new_law(docs=(doc("impact_assessment_partial"),)), late).verdict is N_A  # no full IA: IA-02
    assert _ia07(_new_law(docs=()), late).verdict is UNKNOWN  # documents not classified
    amending = _new_law(title="Законопроект за изменение и допълнение на Закона за водите")
    assert _ia07(amending, late).verdict is N_A
    pre = _ia07(_new_law(submitted_on=D(2016, 11, 3)), late)
    assert pre.verdict is N_A and "pre_reform" in pre.labels
    assert _ia07(ini(bill(title="Законопроект за водите")), late).verdict is N_A  # not adopted
    budget = _new_law(title="Законопроект за държавния бюджет на Република България за 2020 г.")
    assert _ia07(budget, late).verdict is UNKNOWN
    by_adoption = _ia07(_new_law(in_force=None), D(2024, 7, 10))  # 10.01.2020 + 54 months
    assert by_adoption.verdict is WARN and by_adoption.evidence["commencement_kind"] == "adoption"


def test_ia_07_thresholds_and_composite():
    assert defaults().section("IA-07") == {"warn_after_months": 54, "due_after_months": 60}
    assert _ia07(_new_law(), D(2024, 7, 20), **{"IA-07": {"warn_after_months": 55}}).verdict is N_A
    assert _ia07(_new_law(), D(2025, 1, 20), **{"IA-07": {"due_after_months": 61}}).verdict is WARN
    result = evaluate(_new_law(), defaults(), D(2024, 8, 1))
    assert result.composite["ex_post"]["categories"]["systematic_adoption"] == {"score": 0.5, "criteria": ["IA-07"]}
