"""criteria/criterion.py in-process: declaring a criterion, the registry's refusals, what a finding
and a criterion serialise to, and the helpers every check returns through.

The catalogue declares its criteria at import, before any test runs, so no test was attributed to
`criterion()` and a change to it went unnoticed unless it broke the import. Here `criterion(...)` is
called directly (under IDs the catalogue does not use, removed from the registry afterwards).
"""
from __future__ import annotations

import datetime as dt

import pytest

from core.parliament import Initiator
from criteria import criterion as C
from criteria.catalogue import CATALOGUE
from criteria.principles import Principle


@pytest.fixture
def registry():
    """The registry as the catalogue left it, restored after the test."""
    before = dict(C.REGISTRY)
    yield C.REGISTRY
    C.REGISTRY.clear()
    C.REGISTRY.update(before)


def check_with_doc(facts, settings):
    """  ЗНА чл. 26, ал. 3: what the check reads.  """
    return C.passed("да", "yes")


def test_criterion_registers_every_declared_attribute(registry):
    crit = C.criterion(
        "TEST-01", "Проба", "Probe", group="technique", principles=(Principle.STABILITY, Principle.OPENNESS),
        legal_basis="ЗНА чл. 26, ал. 3", confidence="C2/P", initiators=C.COM, from_reform=True,
        reform_date_of="consultation", normative_only=True, settings=("min_days",),
        composite=(("parliamentary", "oversight"), ("ex_post", "methodology")), descriptive=True,
    )(check_with_doc)
    assert registry["TEST-01"] is crit
    assert crit == C.Criterion(
        id="TEST-01", name_bg="Проба", name_en="Probe", group="technique",
        principles=(Principle.STABILITY, Principle.OPENNESS), legal_basis="ЗНА чл. 26, ал. 3", confidence="C2/P",
        check=check_with_doc, initiators=C.COM, from_reform=True, reform_date_of="consultation", normative_only=True,
        settings=("min_days",), composite=(("parliamentary", "oversight"), ("ex_post", "methodology")),
        descriptive=True, doc="ЗНА чл. 26, ал. 3: what the check reads.",
    )
    assert crit.to_dict() == {
        "id": "TEST-01", "name_bg": "Проба", "name_en": "Probe", "group": "technique",
        "principles": ["stability", "openness"], "legal_basis": "ЗНА чл. 26, ал. 3", "confidence": "C2/P",
        "initiators": ["council_of_ministers", "mixed"], "from_reform": True, "normative_only": True,
        "settings": ["min_days"], "composite": [["parliamentary", "oversight"], ["ex_post", "methodology"]],
        "descriptive": True,
    }


def test_criterion_defaults(registry):
    crit = C.criterion("TEST-02", "Проба", "Probe", group="init", principles=(), legal_basis="-",
                       confidence="C")(lambda f, s: C.unknown("не", "no"))
    assert (crit.initiators, crit.from_reform, crit.reform_date_of, crit.normative_only) == (C.ANY, False, "submission", False)
    assert (crit.settings, crit.composite, crit.descriptive, crit.doc) == ((), (), False, "")
    assert registry["TEST-02"] is crit
    assert crit.to_dict()["initiators"] == ["committee", "council_of_ministers", "mixed", "mps"]


@pytest.mark.parametrize("kw,message", [
    ({"confidence": "C/X"}, "TEST-03: unknown confidence tag 'X'"),
    ({"confidence": "c"}, "TEST-03: unknown confidence tag 'c'"),
    ({"composite": (("parliamentary", "oversight"), ("parliament", "oversight"))},
     "TEST-03: unknown composite cell parliament/oversight"),
    ({"composite": (("ex_post", "methods"),)}, "TEST-03: unknown composite cell ex_post/methods"),
])
def test_criterion_refuses_unknown_tags_and_cells(registry, kw, message):
    args = {"group": "init", "principles": (), "legal_basis": "-", "confidence": "C", **kw}
    with pytest.raises(ValueError) as exc:
        C.criterion("TEST-03", "Проба", "Probe", **args)(check_with_doc)
    assert str(exc.value) == message
    assert "TEST-03" not in registry


def test_criterion_refuses_a_second_declaration_of_an_id(registry):
    declare = C.criterion("TEST-04", "Проба", "Probe", group="init", principles=(), legal_basis="-", confidence="C/C2")
    first = declare(check_with_doc)
    with pytest.raises(ValueError) as exc:
        declare(lambda f, s: None)
    assert str(exc.value) == "criterion TEST-04 declared twice"
    assert registry["TEST-04"] is first
    with pytest.raises(ValueError, match="criterion CONS-01 declared twice"):
        C.criterion("CONS-01", "x", "x", group="init", principles=(), legal_basis="-", confidence="C")(check_with_doc)


def test_the_registry_holds_the_catalogue():
    assert [C.REGISTRY[c.id] for c in CATALOGUE] == list(CATALOGUE)
    assert all(c.doc == (c.check.__doc__ or "").strip() for c in CATALOGUE)


def test_results_carry_their_verdict_and_an_evidence_of_their_own():
    made = [C.passed("а", "a"), C.warn("б", "b"), C.fail("в", "c"), C.not_applicable("г", "d"), C.unknown("д", "e")]
    assert [r.verdict for r in made] == [C.Verdict.PASS, C.Verdict.WARN, C.Verdict.FAIL, C.Verdict.N_A, C.Verdict.UNKNOWN]
    assert [(r.explanation_bg, r.explanation_en) for r in made] == [("а", "a"), ("б", "b"), ("в", "c"), ("г", "d"), ("д", "e")]
    for r in made:
        assert (r.evidence, r.confidence, r.labels, r.recheck_on, r.criterion_id, r.principles) == ({}, None, (), None, "", ())
    made[0].evidence["x"] = 1
    assert made[1].evidence == {}  # not one shared dict
    ev = {"days": 3}
    day = dt.date(2025, 1, 2)
    for fn in (C.passed, C.warn, C.fail, C.not_applicable, C.unknown):
        r = fn("бг", "en", ev, confidence="P", labels=("borderline",), recheck_on=day)
        assert (r.evidence, r.confidence, r.labels, r.recheck_on) == (ev, "P", ("borderline",), day)
    assert C.result(C.Verdict.WARN, "б", "b", None).evidence == {}


def test_finding_to_dict():
    f = C.warn("Кратко.", "Short.", {"days": 14}, confidence="C2/P", labels=("borderline", "x"))
    f.criterion_id, f.principles = "CONS-02", (Principle.OPENNESS, Principle.PROPORTIONALITY)
    assert f.to_dict() == {"criterion": "CONS-02", "verdict": "WARN", "confidence": "C2/P",
                           "principles": ["openness", "proportionality"], "explanation_bg": "Кратко.",
                           "explanation_en": "Short.", "evidence": {"days": 14}, "labels": ["borderline", "x"]}


def test_verdicts_tags_and_regimes():
    assert str(C.Verdict.N_A) == "N_A" and f"{C.Verdict.PASS}" == "PASS"
    assert hash(C.Verdict.WARN) == hash("WARN") and {C.Verdict.FAIL: 1}["FAIL"] == 1
    assert C.SCORE == {C.Verdict.PASS: 1.0, C.Verdict.WARN: 0.5, C.Verdict.FAIL: 0.0}
    assert C.confidence_parts("C2/P") == ("C2", "P") and C.confidence_parts("C2//P/") == ("C2", "P")
    assert C.confidence_parts("") == ()
    assert [C.is_unverified(t) for t in ("R", "U", "C2/R", "R/U", "C", "C2/P", "P", "I", "")] == \
        [True, True, True, True, False, False, False, False, False]
    assert C.COM == {Initiator.COUNCIL_OF_MINISTERS.value, Initiator.MIXED.value}
    assert C.MP == {Initiator.MPS.value, Initiator.COMMITTEE.value, Initiator.MIXED.value}
    assert C.ANY == C.COM | C.MP and Initiator.UNKNOWN.value not in C.ANY


def test_principles_by_key_or_bulgarian_name():
    assert [Principle.from_key(p.key) for p in Principle] == list(Principle)
    assert [Principle.from_key(p.bg) for p in Principle] == list(Principle)
    assert Principle.JUSTIFICATION.en == "justification (evidence-based)"
    with pytest.raises(KeyError) as exc:
        Principle.from_key("justification (evidence-based)")  # the English label is not a key
    assert exc.value.args[0] == ("unknown principle 'justification (evidence-based)'; known: necessity, justification, "
                                 "predictability, openness, coherence, subsidiarity, proportionality, stability")
    assert hash(Principle.OPENNESS) == object.__hash__(Principle.OPENNESS)
