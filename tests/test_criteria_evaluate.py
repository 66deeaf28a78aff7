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
