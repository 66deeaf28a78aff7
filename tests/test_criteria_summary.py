"""criteria/summary.py on its own: per-principle scores, the iREG-shaped composite, the review flag,
the facts an evaluation keeps for the aggregates, the portfolio indicators WD-01 … WD-07 and the
root causes of a bill's FAILs and WARNs.

The monitor's report tests reach this module only through a whole report; these tests pin the
arithmetic itself (which verdict counts where, what is left out and counted as excluded, how a
FAIL of an unverified rule is downgraded, how a cascade hangs under its root) on findings and
rows small enough to compute by hand.
"""
from __future__ import annotations

import datetime as dt

import pytest

from criteria import initiative as I
from criteria.criterion import Criterion, Finding, Verdict
from criteria.facts import Facts
from criteria.principles import Principle
from criteria.summary import (
    CASCADES,
    CAVEATS,
    Flag,
    RootCause,
    Row,
    aggregate,
    aggregate_by,
    composite,
    flag,
    initiative_facts,
    principle_scores,
    root_causes,
    scores,
    watchdog_indicators,
)
from criteria.thresholds import defaults

PASS, WARN, FAIL, N_A, UNKNOWN = Verdict.PASS, Verdict.WARN, Verdict.FAIL, Verdict.N_A, Verdict.UNKNOWN
OPEN, JUST, STAB = Principle.OPENNESS, Principle.JUSTIFICATION, Principle.STABILITY
SE, IA, EX, PA = "stakeholder_engagement", "impact_assessment", "ex_post", "parliamentary"
SYS, METH, TRANS, OVER = "systematic_adoption", "methodology", "transparency", "oversight"


def crit(cid: str, principles=(), cells=(), *, confidence: str = "C", descriptive: bool = False) -> Criterion:
    return Criterion(id=cid, name_bg=cid, name_en=cid, group="test", principles=tuple(principles),
                     legal_basis="-", confidence=confidence, check=lambda f, s: None, composite=tuple(cells),
                     descriptive=descriptive)


def finding(c: Criterion, verdict: Verdict, *, confidence: str | None = None, **evidence) -> Finding:
    """A finding as the engine stamps it (criterion, principles, the criterion's tag unless the branch set one)."""
    f = Finding(verdict, "", "", dict(evidence), confidence or c.confidence)
    f.criterion_id, f.principles = c.id, c.principles
    return f


def named(cid: str, verdict: Verdict, confidence: str = "C", **evidence) -> Finding:
    f = Finding(verdict, "", "", dict(evidence), confidence)
    f.criterion_id = cid
    return f


# --------------------------------------------------------------------------- scores and composite

A = crit("A", [OPEN, JUST], [(SE, SYS)])
B = crit("B", [OPEN], [(SE, METH)])
B2 = crit("B2", [OPEN], [(SE, METH)])
C = crit("C", [OPEN], [(SE, TRANS)])
D = crit("D", [OPEN], [(SE, OVER), (IA, OVER)], confidence="R")  # unverified: its FAIL counts as a WARN
E = crit("E", [OPEN], [(SE, METH)])
E2 = crit("E2", [OPEN], [(SE, TRANS)])
F = crit("F", [OPEN], [(SE, SYS)], descriptive=True)  # classifies: no principle score, still in the composite
H = crit("H", [JUST], [(IA, SYS)])
P1, P2, P3 = (crit(x, [STAB], [(PA, METH)]) for x in ("P1", "P2", "P3"))
CRITERIA = {c.id: c for c in (A, B, B2, C, D, E, E2, F, H, P1, P2, P3)}


def example() -> list[Finding]:
    return [named("ZZ-9", FAIL),  # not among the criteria given: left out of every score, the rest still counted
            finding(A, PASS), finding(B, WARN), finding(B2, PASS), finding(C, FAIL), finding(D, FAIL),
            finding(E, N_A), finding(E2, UNKNOWN), finding(F, PASS), finding(H, UNKNOWN),
            finding(P1, PASS), finding(P2, FAIL), finding(P3, FAIL)]


def test_principle_scores_mean_of_scored_findings_with_n_a_and_unknown_counted_as_excluded():
    principles, _ = scores(example(), CRITERIA)
    # openness: A 1, B 0.5, B2 1, C 0, D 0 (the principle score is not downgraded) over 5; E, E2 excluded;
    # F is descriptive and counts nowhere among the principles
    assert principles["openness"] == {"score": 0.5, "scored": 5, "excluded": 2}
    assert principles["justification"] == {"score": 1.0, "scored": 1, "excluded": 1}  # A; H unknown
    assert principles["stability"] == {"score": 0.3333, "scored": 3, "excluded": 0}  # 1/3 rounded to 4 places
    assert principles["necessity"] == {"score": None, "scored": 0, "excluded": 0}
    assert list(principles) == [p.key for p in Principle]
    assert principle_scores(example(), CRITERIA) == principles


def test_composite_categories_downgrade_of_unverified_fails_and_exclusions():
    _, comp = scores(example(), CRITERIA)
    se = comp[SE]
    assert se["categories"] == {
        SYS: {"score": 1.0, "criteria": ["A", "F"]},
        METH: {"score": 0.75, "criteria": ["B", "B2"]},
        TRANS: {"score": 0.0, "criteria": ["C"]},
        OVER: {"score": 0.5, "criteria": ["D"]},  # D's FAIL is [R]: a WARN here
    }
    assert (se["score"], se["total"], se["scored"], se["excluded"], se["downgraded"]) == (0.5625, 2.25, 6, 2, ["D"])
    ia = comp[IA]
    assert ia["categories"][OVER] == {"score": 0.5, "criteria": ["D"]}
    assert ia["categories"][SYS] == {"score": None, "criteria": []}  # H is UNKNOWN: excluded, not zero
    # one category of four has data: a score, but no total (the total is only over all four)
    assert (ia["score"], ia["total"], ia["scored"], ia["excluded"], ia["downgraded"]) == (0.5, None, 1, 1, ["D"])
    pa = comp[PA]
    assert (pa["categories"][METH]["score"], pa["score"], pa["total"], pa["scored"]) == (0.3333, 0.3333, None, 3)
    assert "note" not in pa and "note" not in se
    ex = comp[EX]
    assert (ex["score"], ex["total"], ex["scored"], ex["excluded"], ex["downgraded"]) == (None, None, 0, 0, [])
    assert ex["note"] == "IA-07 (ex-post evaluation due) needs ex-post reports, which lexwatch does not collect yet."
    assert list(comp) == [SE, IA, EX, PA]
    assert composite(example(), CRITERIA) == comp


def test_an_ex_post_finding_takes_the_note_away_and_a_verified_fail_stays_zero():
    ia07 = crit("IA-07", [STAB], [(EX, SYS)], confidence="C/C2")
    _, comp = scores([finding(ia07, FAIL)], {"IA-07": ia07})
    assert "note" not in comp[EX]
    assert comp[EX]["categories"][SYS] == {"score": 0.0, "criteria": ["IA-07"]}
    assert comp[EX]["downgraded"] == []
    # the finding's own tag decides, not the criterion's: a branch tagged [U] counts as a WARN
    _, comp = scores([finding(ia07, FAIL, confidence="U")], {"IA-07": ia07})
    assert comp[EX]["categories"][SYS]["score"] == 0.5 and comp[EX]["downgraded"] == ["IA-07"]


# --------------------------------------------------------------------------- review flag


def test_flag_severity_from_the_weakest_tag_and_the_chosen_warns():
    th = defaults()
    assert "NA-03" in th.warn_flag_criteria and "CONS-02" not in th.warn_flag_criteria
    assert flag([named("CONS-01", PASS), named("CONS-02", WARN), named("IA-01", N_A)], th) is None
    low = flag([named("NA-03", WARN, "C2/P"), named("CONS-02", WARN)], th)
    assert low == Flag("low", (("NA-03", "WARN", "C2/P"),))
    for tag in ("R", "U", "P", "C2/P", "R/C2"):
        assert flag([named("X-1", FAIL, tag)], th).severity == "medium", tag
    assert flag([named("X-1", FAIL, "C/C2")], th).severity == "high"
    mixed = flag([named("NA-05", FAIL, "R/U"), named("NA-03", WARN, "C2/P"), named("CONS-01", FAIL, "C2")], th)
    assert mixed.severity == "high"
    assert mixed.reasons == (("CONS-01", "FAIL", "C2"), ("NA-03", "WARN", "C2/P"), ("NA-05", "FAIL", "R/U"))
    assert mixed.to_dict() == {"severity": "high", "reasons": [
        {"criterion": "CONS-01", "verdict": "FAIL", "confidence": "C2"},
        {"criterion": "NA-03", "verdict": "WARN", "confidence": "C2/P"},
        {"criterion": "NA-05", "verdict": "FAIL", "confidence": "R/U"}]}
    assert mixed.reason_keys() == ["CONS-01:FAIL", "NA-03:WARN", "NA-05:FAIL"]
    assert flag([named("NA-05", FAIL, "R/U"), named("NA-03", WARN)], th).severity == "medium"


def test_flag_follows_the_thresholds_and_spares_only_ratification():
    th = defaults().with_overrides({"flags": {"warn_criteria": ["CONS-02"]}})
    assert flag([named("CONS-02", WARN, "C2"), named("NA-03", WARN)], th) == Flag("low", (("CONS-02", "WARN", "C2"),))
    fails = [named("CONS-01", FAIL, "C2")]
    assert flag(fails, th, "ratification") is None
    assert flag(fails, th, "budget") == Flag("high", (("CONS-01", "FAIL", "C2"),))
    assert flag(fails, th, None).severity == "high"


# --------------------------------------------------------------------------- facts for aggregates


def facts_of(bill: I.Bill, cons: list[I.Consultation] = ()) -> Facts:
    return Facts(I.Initiative(bills=[bill], consultations=list(cons), links_checked=True), defaults(), dt.date(2026, 11, 1))


def water_bill(**kw) -> I.Bill:
    base = dict(id=7, signature="50-002-01-1", title="Законопроект за изменение и допълнение на Закона за водите",
                initiator="council_of_ministers", status="adopted", submitted_on=dt.date(2024, 3, 1), assembly=50,
                adopted_on=dt.date(2024, 5, 2))
    base.update(kw)
    return I.Bill(**base)


def consultation(days: int) -> I.Consultation:
    return I.Consultation(id=3, reg_num="3-K", title="Проект", date_open=dt.date(2024, 1, 1),
                          date_close=dt.date(2024, 1, 1) + dt.timedelta(days=days))


def test_initiative_facts_read_the_bill_and_the_findings_evidence():
    f = facts_of(water_bill(), [consultation(29)])
    findings = [named("CONS-02", WARN), named("NA-07", PASS, days_to_adoption=62),
                named("LT-01", PASS, n_other_laws=3),
                named("LT-02", WARN, laws=[{"amendments_in_window": 2}, {"amendments_in_window": 5}])]
    assert initiative_facts(f, findings) == {
        "bill_id": 7, "signature": "50-002-01-1", "assembly": 50, "year": 2024, "initiator": "CoM",
        "status": "adopted", "adopted": True, "portfolio_exclusion": None, "consultation_days": 29,
        "days_to_adoption": 62, "amending_act": True, "n_other_laws": 3, "max_amendments_in_window": 5,
    }


@pytest.mark.parametrize("cons02", [N_A, UNKNOWN, None])
def test_consultation_days_count_only_when_cons_02_judged_them(cons02):
    f = facts_of(water_bill(), [consultation(29)])
    findings = [named("CONS-02", cons02)] if cons02 else []
    assert initiative_facts(f, findings)["consultation_days"] is None


@pytest.mark.parametrize("verdict", [PASS, FAIL])
def test_consultation_days_with_a_pass_or_fail_of_cons_02(verdict):
    assert initiative_facts(facts_of(water_bill(), [consultation(31)]), [named("CONS-02", verdict)])["consultation_days"] == 31


def test_initiative_facts_without_findings_or_dates():
    bill = water_bill(submitted_on=None, initiator="mps", status="submitted", adopted_on=None,
                      title="Законопроект за ратифициране на Споразумението", final_title=None)
    out = initiative_facts(facts_of(bill), [])
    assert (out["year"], out["initiator"], out["adopted"], out["portfolio_exclusion"]) == (None, "MP", False, "ratification")
    assert (out["days_to_adoption"], out["n_other_laws"], out["max_amendments_in_window"]) == (None, None, None)
    assert out["amending_act"] is False
    # the final title, when known, says whether the act amends: a new law passed as an amending bill
    assert initiative_facts(facts_of(water_bill(final_title="Закон за водите")), [])["amending_act"] is False
    assert initiative_facts(facts_of(water_bill(title="Законопроект за допълнение на Закона за водите")), [])["amending_act"]
    assert initiative_facts(facts_of(water_bill(initiator="??")), [])["initiator"] == "unknown"
    assert initiative_facts(facts_of(water_bill()), [named("LT-02", PASS, laws=[])])["max_amendments_in_window"] is None


# --------------------------------------------------------------------------- portfolio indicators


def row(initiator: str | None, *, adopted: bool = False, days: int | None = None, other: int | None = None,
        amending: bool = False, to_adoption: int | None = None, excluded: str | None = None, year: int | None = 2024,
        flag_severity: str | None = None, scores_: dict | None = None, comp: dict | None = None, **verdicts: str) -> Row:
    facts = {"initiator": initiator, "adopted": adopted, "consultation_days": days, "n_other_laws": other,
             "amending_act": amending, "days_to_adoption": to_adoption, "portfolio_exclusion": excluded, "year": year}
    return Row(facts, {k.replace("_", "-"): v for k, v in verdicts.items()}, scores_ or {}, comp or {}, flag_severity)


def portfolio() -> list[Row]:
    return [
        row("CoM", adopted=True, days=20, other=1, amending=True, to_adoption=10, IA_01="FAIL", IA_02="WARN",
            NA_05="WARN", NA_04="PASS", NA_03="FAIL", LT_02="FAIL"),
        row("CoM", days=14, IA_01="PASS", IA_02="FAIL", NA_04="WARN", NA_03="N_A"),
        row("MP", adopted=True, other=0, to_adoption=30, IA_01="N_A", NA_05="FAIL", LT_02="WARN"),
        row("mixed", adopted=True, days=30, to_adoption=14, NA_05="PASS", LT_02="PASS"),
        row(None),
        row("CoM", days=5),
    ]


def share(num: int, den: int, value: float | None) -> dict:
    return {"value": value, "numerator": num, "denominator": den}


def test_watchdog_indicators_by_hand():
    wd = watchdog_indicators(portfolio())
    assert wd["WD-01"] == {
        "label": "Share of bills and of adopted laws by initiator",
        "bills": {"CoM": share(3, 6, 0.5), "MP": share(1, 6, 0.1667), "mixed": share(1, 6, 0.1667),
                  "unknown": share(1, 6, 0.1667)},
        "adopted": {"CoM": share(1, 3, 0.3333), "MP": share(1, 3, 0.3333), "mixed": share(1, 3, 0.3333)},
        "n_bills": 6,
    }
    # Council of Ministers and mixed drafts: 20, 14, 30 and 5 days; 30 is not under 30, 14 not under 14
    assert wd["WD-02"] == {"label": "Council of Ministers drafts consulted under 30 and under 14 days",
                           "under_30_days": share(3, 4, 0.75), "under_14_days": share(1, 4, 0.25)}
    assert wd["WD-03"]["label"] == "Bills without impact assessment (IA-01) and without a required full IA (IA-02)"
    assert wd["WD-03"]["without_ia"] == share(1, 2, 0.5)  # IA-01 judged twice (N_A left out), failed once
    assert wd["WD-03"]["without_required_full_ia"] == share(2, 2, 1.0)  # a WARN counts as well as a FAIL
    assert wd["WD-03"]["by_initiator"] == {
        "CoM": {"without_ia": share(1, 2, 0.5), "without_required_full_ia": share(2, 2, 1.0)},
        "MP": {"without_ia": share(0, 0, None), "without_required_full_ia": share(0, 0, None)},
        "mixed": {"without_ia": share(0, 0, None), "without_required_full_ia": share(0, 0, None)},
        "unknown": {"without_ia": share(0, 0, None), "without_required_full_ia": share(0, 0, None)},
    }
    # adopted with a known count of other laws: the CoM act (1 other law, itself amending) and the MP act (0);
    # riders: NA-05 WARN and FAIL of three adopted acts
    assert wd["WD-04"] == {"label": "Amendments to other laws via the ПЗР",
                           "laws_amending_other_laws": share(1, 2, 0.5),
                           "share_of_amendments_via_pzr": share(1, 2, 0.5),
                           "riders_added_at_second_reading": share(2, 3, 0.6667)}
    assert wd["WD-05"] == {"label": "Both votes at one sitting, and shortened proposal terms",
                           "both_votes_one_sitting": share(1, 2, 0.5), "shortened_proposal_term": share(1, 1, 1.0)}
    assert wd["WD-06"] == {"label": "Laws amended at least 3 times in 12 months (LT-02)",
                           "amended_3_plus_in_12_months": share(2, 3, 0.6667),
                           "amended_6_plus_in_12_months": share(1, 3, 0.3333)}
    # adopted after 10, 30 and 14 days: median 14; only 10 is under 14
    assert wd["WD-07"] == {"label": "Time from submission to adoption; fast-tracked (< 14 days)",
                           "median_days": 14, "n": 3, "fast_tracked": share(1, 3, 0.3333),
                           "by_initiator": {"CoM": {"median_days": 10, "n": 1, "fast_tracked": share(1, 1, 1.0)},
                                            "MP": {"median_days": 30, "n": 1, "fast_tracked": share(0, 1, 0.0)},
                                            "mixed": {"median_days": 14, "n": 1, "fast_tracked": share(0, 1, 0.0)}}}


def test_watchdog_indicators_of_nothing():
    wd = watchdog_indicators([])
    assert wd["WD-01"]["bills"] == {} and wd["WD-01"]["n_bills"] == 0
    assert wd["WD-02"]["under_30_days"] == share(0, 0, None)
    assert wd["WD-04"]["share_of_amendments_via_pzr"] == share(0, 0, None)
    assert (wd["WD-07"]["median_days"], wd["WD-07"]["n"], wd["WD-07"]["by_initiator"]) == (None, 0, {})


def test_aggregate_leaves_portfolio_exclusions_out_unless_asked():
    rows = [
        row("CoM", flag_severity="high", scores_={"openness": {"score": 1.0}, "necessity": {"score": None}},
            comp={SE: {"score": 0.5}, IA: {"score": None}}, CONS_01="FAIL", IA_01="PASS"),
        row("CoM", flag_severity="high", scores_={"openness": {"score": 0.0}},
            comp={SE: {"score": 0.25}}, CONS_01="FAIL"),
        row("CoM", flag_severity="low", scores_={"openness": {"score": 0.0}}, CONS_01="PASS"),
        row("MP", scores_={"stability": {"score": 0.5}}, comp={PA: {"score": 1.0}}, NA_03="WARN"),
        row("CoM", excluded="ratification", flag_severity="medium", scores_={"openness": {"score": 1.0}},
            CONS_01="FAIL"),
    ]
    out = aggregate(rows)
    assert out["initiatives"] == 4
    assert out["portfolio_excluded"] == {"count": 1, "included": False,
                                         "note": "ratification, budget and constitutional bills (NCPI practice)"}
    assert out["flags"] == {"high": 2, "low": 1}
    assert out["verdicts"] == {"CONS-01": {"FAIL": 2, "PASS": 1}, "IA-01": {"PASS": 1}, "NA-03": {"WARN": 1}}
    assert list(out["verdicts"]) == ["CONS-01", "IA-01", "NA-03"]
    assert out["principle_scores"]["openness"] == {"mean": 0.3333, "n": 3}
    assert out["principle_scores"]["stability"] == {"mean": 0.5, "n": 1}
    assert out["principle_scores"]["necessity"] == {"mean": None, "n": 0}
    assert list(out["principle_scores"]) == [p.key for p in Principle]
    assert out["composite"]["CoM"] == {SE: {"mean": 0.375, "n": 2}, IA: {"mean": None, "n": 0},
                                       EX: {"mean": None, "n": 0}, PA: {"mean": None, "n": 0}}
    assert out["composite"]["MP"][PA] == {"mean": 1.0, "n": 1}
    assert out["composite_caveats"] == list(CAVEATS)
    assert out["watchdog"]["WD-01"]["n_bills"] == 4

    both = aggregate(rows, include_excluded=True)
    assert both["initiatives"] == 5 and both["portfolio_excluded"]["count"] == 1
    assert both["portfolio_excluded"]["included"] is True
    assert both["flags"] == {"high": 2, "low": 1, "medium": 1}
    assert both["verdicts"]["CONS-01"] == {"FAIL": 3, "PASS": 1}
    assert both["principle_scores"]["openness"] == {"mean": 0.5, "n": 4}


def test_aggregate_by_a_fact_groups_and_puts_unknown_last():
    # sorted by the key, not by the rows (the 2023 rows would sort after the 2025 ones)
    rows = [row("CoM", year=2025, CONS_01="PASS"), row("MP", year=None, NA_03="WARN"),
            row("MP", year=2023, CONS_01="FAIL"), row("CoM", year=2025, CONS_01="FAIL"),
            row("MP", year=2023, excluded="budget", CONS_01="FAIL")]
    out = aggregate_by(rows, "year")
    assert list(out) == ["2023", "2025", "None"]
    assert out["2023"]["initiatives"] == 1 and out["2023"]["portfolio_excluded"]["count"] == 1
    assert out["2025"]["verdicts"] == {"CONS-01": {"FAIL": 1, "PASS": 1}}
    assert out["None"]["verdicts"] == {"NA-03": {"WARN": 1}}
    assert aggregate_by(rows, "year", include_excluded=True)["2023"]["initiatives"] == 2


# --------------------------------------------------------------------------- root causes


def test_root_causes_hang_consequences_under_their_root():
    verdicts = {"CONS-01": "FAIL", "CONS-02": "FAIL", "CONS-03": "WARN", "IA-01": "FAIL", "IA-02": "FAIL",
                "NA-DOC-01": "WARN", "MOT-01": "PASS", "NA-05": "FAIL", "NA-04": "WARN", "NA-03": "WARN",
                "LT-02": "N_A", "DV-01": "UNKNOWN"}
    causes = root_causes(verdicts, {"NA-05": "R/U", "IA-01": "C/C2"})
    assert causes == [
        RootCause("CONS-01", "FAIL", 1.0, ("CONS-02", "CONS-03")),
        RootCause("IA-01", "FAIL", 1.0, ("IA-02", "NA-DOC-01")),
        RootCause("NA-04", "WARN", 0.5, ("NA-03",)),
        RootCause("NA-05", "FAIL", 0.5, (), unverified=True),  # an [R]/[U] rule's FAIL weighs as a WARN
    ]
    assert causes[3].to_dict() == {"criterion": "NA-05", "verdict": "FAIL", "weight": 0.5, "consequences": [],
                                   "unverified_rule": True}
    assert causes[0].to_dict()["consequences"] == ["CONS-02", "CONS-03"]


def test_a_consequence_is_its_own_root_when_its_root_passed_or_is_ignored():
    # CONS-01 passed: CONS-02 is the root and CONS-03 hangs under it
    assert root_causes({"CONS-01": "PASS", "CONS-02": "WARN", "CONS-03": "FAIL"}) == [
        RootCause("CONS-02", "WARN", 0.5, ("CONS-03",))]
    assert root_causes({"CONS-01": "FAIL", "CONS-02": "WARN", "CONS-03": "FAIL"}, ignore=["CONS-01"]) == [
        RootCause("CONS-02", "WARN", 0.5, ("CONS-03",))]
    # a WARN of an unverified rule keeps its weight; a verified FAIL weighs 1 without confidences given
    assert root_causes({"NA-05": "WARN"}, {"NA-05": "R/U"}) == [RootCause("NA-05", "WARN", 0.5, (), True)]
    assert root_causes({"NA-05": "FAIL"}) == [RootCause("NA-05", "FAIL", 1.0, ())]
    assert root_causes({"IA-01": "PASS", "IA-03": "FAIL"}) == [RootCause("IA-03", "FAIL", 1.0, ())]
    assert root_causes({"MOT-01": "PASS", "CONS-01": "N_A"}) == []


def test_root_causes_in_catalogue_order_within_a_weight_and_unknown_ids_last():
    causes = root_causes({"ZZ-1": "FAIL", "DV-02": "FAIL", "INIT-02": "FAIL", "NA-04": "WARN", "CONS-05": "WARN"})
    assert [c.criterion for c in causes] == ["INIT-02", "DV-02", "ZZ-1", "CONS-05", "NA-04"]
    # each cascade's consequences are listed in catalogue order, whatever the order of CASCADES
    verdicts = dict.fromkeys(("IA-01", *CASCADES["IA-01"]), "FAIL")
    assert root_causes(verdicts)[0].consequences == ("CONS-04", "IA-02", "IA-03", "IA-04", "IA-05", "NA-DOC-01")


def test_catalogue_rank_from_an_empty_memo():
    """The catalogue order is read once per process and kept; built afresh it is the same."""
    from criteria import summary

    summary._RANK.clear()
    assert [c.criterion for c in root_causes({"DV-02": "FAIL", "INIT-02": "FAIL", "ZZ-1": "FAIL"})] == \
        ["INIT-02", "DV-02", "ZZ-1"]
    assert summary._RANK["INIT-01"] == 0 and summary._RANK["DV-02"] == len(summary._RANK) - 1
