"""criteria/evaluate.py's own contract: the ruleset version that decides re-evaluation, and what an
evaluation result serialises to (the store's summary and the CLI's JSON).

The catalogue tests read verdicts; these pin the hash over the rule sources (a rule file left out
of it would let a rule change go without re-evaluating anything) and the result's two dicts.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import criteria
from criteria import initiative as I
from criteria.evaluate import RULESET_VERSION, evaluate, ruleset_version
from criteria.thresholds import defaults

D = dt.date


def test_ruleset_version_hashes_every_rule_source_and_nothing_else():
    ruleset_version.cache_clear()  # computed from the files now, not taken from an earlier call
    root = Path(criteria.__file__).parent
    sources = [root / n for n in ("criterion.py", "facts.py", "gazette.py", "evaluate.py", "summary.py")]
    sources += sorted((root / "catalogue").glob("*.py"))
    h = hashlib.sha256()
    for p in sources:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    assert ruleset_version() == f"{RULESET_VERSION}+{h.hexdigest()[:12]}"
    assert RULESET_VERSION == "1.0.0" and len(ruleset_version()) == 18 <= 32  # fits evaluations.ruleset_version


def mp_bill_with_short_term() -> I.Initiative:
    bill = I.Bill(id=5, signature="50-454-01-5", title="Законопроект за изменение на Закона за водите", initiator="mps",
                  status="first_reading_passed", submitted_on=D(2026, 9, 1), proposals_deadline=D(2026, 9, 15),
                  stages=[I.Stage(D(2026, 9, 10), "зала първо гласуване", "приет")])
    return I.Initiative(bills=[bill], id=9, links_checked=True)


def test_result_summary_and_dict():
    th = defaults()
    r = evaluate(mp_bill_with_short_term(), th, D(2026, 11, 1))
    counts: dict[str, int] = {}
    for f in r.findings:
        counts[f.verdict.value] = counts.get(f.verdict.value, 0) + 1
    assert r.verdicts()["NA-03"] == "WARN" and len(r.verdicts()) == len(r.findings)
    assert r.flag is not None and r.flag.severity == "low"
    assert r.recheck_on == min(f.recheck_on for f in r.findings if f.recheck_on)
    assert r.summary() == {
        "as_of": "2026-11-01", "facts": r.facts, "verdicts": r.verdicts(), "verdict_counts": counts,
        "flag": r.flag.to_dict(), "recheck_on": r.recheck_on.isoformat(), "thresholds_sources": list(th.sources),
    }
    assert sum(counts.values()) == len(r.findings) and counts["WARN"] >= 1
    assert r.to_dict() == {
        "initiative_id": 9, "bill_id": 5, "ruleset_version": ruleset_version(), "thresholds_hash": th.hash,
        "input_hash": I.input_hash(mp_bill_with_short_term()), "as_of": "2026-11-01", "flag": r.flag.to_dict(),
        "principle_scores": r.principle_scores, "composite": r.composite, "facts": r.facts,
        "findings": [f.to_dict() for f in r.findings],
    }
    assert (r.initiative_id, r.bill_id, r.as_of, r.thresholds_sources) == (9, 5, D(2026, 11, 1), th.sources)
    assert evaluate(mp_bill_with_short_term(), th, D(2026, 11, 1), known_input_hash="given").input_hash == "given"


def test_result_without_flag_or_recheck():
    bill = I.Bill(id=6, signature="50-454-01-6", title="Законопроект за ратифициране на Договора", initiator="mps",
                  status="adopted", submitted_on=D(2026, 1, 5), adopted_on=D(2026, 2, 5))
    r = evaluate(I.Initiative(bills=[bill], links_checked=True), defaults(), D(2026, 11, 1))
    assert r.verdicts()["NA-01"] == "WARN" and r.flag is None  # a ratification bill raises no flag
    assert r.summary()["flag"] is None and r.to_dict()["flag"] is None and r.initiative_id is None
    assert r.recheck_on is None and r.summary()["recheck_on"] is None  # adopted: nothing changes with time alone


# --------------------------------------------------------------------------- the engine's applicability


def run_on(crit, bill: I.Bill, cons=(), th=None):
    from criteria.evaluate import run_criterion
    from criteria.facts import Facts

    th = th or defaults()
    ini = I.Initiative(bills=[bill], consultations=list(cons), links_checked=True)
    return run_criterion(crit, Facts(ini, th, D(2026, 11, 1)), th)


def probe(**kw):
    from criteria.criterion import Criterion, passed
    from criteria.principles import Principle

    base = dict(id="PROBE-1", name_bg="Проба", name_en="Probe", group="init", principles=(Principle.OPENNESS,),
                legal_basis="-", confidence="C2", check=lambda f, s: passed("Да.", "Yes.", {"section": s}))
    base.update(kw)
    return Criterion(**base)


def bill_of(initiator: str, submitted: dt.date | None = D(2024, 3, 1)) -> I.Bill:
    return I.Bill(id=1, signature="50-002-01-1", title="Законопроект", initiator=initiator, status="submitted",
                  submitted_on=submitted)


def test_a_regime_rule_on_an_unknown_or_other_initiator():
    from criteria.criterion import COM, MP, Verdict

    r = run_on(probe(initiators=COM), bill_of("unknown"))
    assert (r.verdict, r.explanation_bg, r.explanation_en, r.evidence) == (
        Verdict.UNKNOWN, "Вносителят не е известен, а критерият зависи от него.",
        "The initiator is unknown and the criterion depends on it.", {"initiator": "unknown"})
    assert (r.criterion_id, r.confidence, [p.key for p in r.principles]) == ("PROBE-1", "C2", ["openness"])
    r = run_on(probe(initiators=COM), bill_of("mps"))
    assert (r.verdict, r.explanation_bg, r.explanation_en, r.evidence, r.labels) == (
        Verdict.N_A, "Критерият се прилага само за законопроекти на Министерския съвет.",
        "The criterion applies only to Council of Ministers bills.", {"initiator": "mps"}, ("initiator",))
    r = run_on(probe(initiators=MP), bill_of("council_of_ministers"))
    assert (r.verdict, r.explanation_bg, r.explanation_en) == (
        Verdict.N_A, "Критерият се прилага само за законопроекти на народни представители.",
        "The criterion applies only to bills of MPs.")
    # a mixed bill is under both regimes; a rule for any initiator runs on an unknown one
    assert run_on(probe(initiators=COM), bill_of("mixed")).verdict is Verdict.PASS
    assert run_on(probe(initiators=MP), bill_of("mixed")).verdict is Verdict.PASS
    assert run_on(probe(), bill_of("unknown")).verdict is Verdict.PASS
    assert run_on(probe(initiators=COM | {"unknown"}), bill_of("unknown")).verdict is Verdict.PASS


def consultation(act_type: str | None, opened: dt.date = D(2016, 10, 1)) -> I.Consultation:
    return I.Consultation(id=4, reg_num="4-K", title="Проект", date_open=opened, date_close=opened + dt.timedelta(days=30),
                          act_type=act_type)


def test_normative_only_and_the_reform_date():
    from criteria.criterion import Verdict

    crit = probe(normative_only=True)
    r = run_on(crit, bill_of("council_of_ministers"), [consultation("Рамкова позиция")])
    assert (r.verdict, r.explanation_bg, r.explanation_en, r.evidence, r.labels) == (
        Verdict.N_A, "Консултацията 4-K е за ненормативен акт (Рамкова позиция), извън чл. 26 ЗНА.",
        "Consultation 4-K is on a non-normative act (Рамкова позиция), outside ЗНА art. 26.",
        {"consultation": "4-K", "act_type": "Рамкова позиция"}, ("non_normative",))
    assert run_on(crit, bill_of("council_of_ministers"), [consultation("Закон")]).verdict is Verdict.PASS
    assert run_on(crit, bill_of("council_of_ministers"), [consultation(None)]).verdict is Verdict.PASS
    assert run_on(probe(), bill_of("council_of_ministers"), [consultation("Рамкова позиция")]).verdict is Verdict.PASS

    reform = probe(from_reform=True)
    r = run_on(reform, bill_of("council_of_ministers", D(2016, 11, 3)))
    assert (r.verdict, r.labels) == (Verdict.N_A, ("pre_reform",))
    assert r.explanation_bg == ("Преди реформата: режимът на консултации и оценка на въздействието (ЗИД ЗНА, ДВ бр. 34/2016) "
                                "се прилага от 04.11.2016 г.")
    assert r.explanation_en == ("Pre-reform: the consultation and impact-assessment regime (ЗИД ЗНА, ДВ 34/2016) applies "
                                "from 2016-11-04.")
    assert r.evidence == {"reference_date": "2016-11-03", "reform_date": "2016-11-04", "reference": "submission"}
    assert run_on(reform, bill_of("council_of_ministers", D(2016, 11, 4))).verdict is Verdict.PASS
    assert run_on(reform, bill_of("council_of_ministers", None)).verdict is Verdict.PASS
    # by the consultation's opening when the criterion says so, else by submission
    by_cons = probe(from_reform=True, reform_date_of="consultation")
    r = run_on(by_cons, bill_of("council_of_ministers", D(2017, 1, 10)), [consultation("Закон", D(2016, 10, 1))])
    assert r.verdict is Verdict.N_A and r.evidence["reference"] == "consultation"
    assert r.evidence["reference_date"] == "2016-10-01"
    assert run_on(by_cons, bill_of("council_of_ministers", D(2016, 10, 1))).verdict is Verdict.N_A  # no consultation
    assert run_on(reform, bill_of("council_of_ministers", D(2017, 1, 10)),
                  [consultation("Закон", D(2016, 10, 1))]).verdict is Verdict.PASS
    later = defaults().with_overrides({"regime": {"reform_date": D(2018, 1, 1)}})
    assert run_on(reform, bill_of("council_of_ministers", D(2017, 1, 10)), th=later).verdict is Verdict.N_A


def test_a_check_that_raises_is_an_unknown_labelled_error_and_logged(caplog):
    from criteria.criterion import Verdict

    r = run_on(probe(check=lambda f, s: 1 / 0), bill_of("mps"))
    assert (r.verdict, r.explanation_bg, r.explanation_en, r.evidence, r.labels, r.criterion_id) == (
        Verdict.UNKNOWN, "Грешка при проверката; виж журнала.", "The check failed; see the log.",
        {"error": "ZeroDivisionError: division by zero"}, ("error",), "PROBE-1")
    assert caplog.messages == ["criterion PROBE-1 failed on bill 1"]
    caplog.clear()  # raised on purpose: not the failure conftest looks for


def test_the_check_gets_its_section_and_a_branch_keeps_its_own_tag():
    from criteria.criterion import passed

    r = run_on(probe(id="NA-03"), bill_of("mps"))
    assert r.evidence == {"section": defaults().section("NA-03")} and r.confidence == "C2"
    r = run_on(probe(check=lambda f, s: passed("Да.", "Yes.", confidence="P")), bill_of("mps"))
    assert r.confidence == "P"


def test_the_criteria_index_is_rebuilt_for_a_new_tuple_under_a_reused_id():
    from criteria import evaluate as E

    crits = (probe(),)
    stale = (probe(id="OLD-1"),)
    E._INDEXES[id(crits)] = (stale, {"OLD-1": stale[0]})  # left by a tuple that had the same id and is gone
    try:
        assert E._index(crits) == {"PROBE-1": crits[0]}
        assert E._index(crits) is E._index(crits)  # kept for the next call
    finally:
        E._INDEXES.pop(id(crits), None)
