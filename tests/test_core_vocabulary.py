"""The parliament's and lexwatch's vocabulary in core: every code has its Bulgarian and English words,
the stored codes stay what they were, the stage classifier and the signature parser work on real
payloads, and every classifier table is made of the one core.rules.Rule."""
from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import pytest
from conftest import load_shared_json

from core.law import KNOWN_ADJECTIVES, nominative_adjective
from core.parliament import (
    COMMITTEE_STAGES,
    STAGE_RULES,
    BillStatus,
    Initiator,
    Regime,
    Signature,
    SponsorClass,
    StageClass,
    classify_stage,
    importer_code,
    initiator_of_importer,
)
from core.rules import Rule, earliest_match, first_match, first_value, rule

REPO = Path(__file__).resolve().parents[1]
CYRILLIC = re.compile(r"[а-яА-Я]")


@pytest.mark.parametrize("enum_type", [Initiator, BillStatus, StageClass, Regime, SponsorClass])
def test_every_member_has_a_bulgarian_and_an_english_label(enum_type: type[StrEnum]):
    for member in enum_type:
        assert CYRILLIC.search(member.bg), (member, member.bg)
        assert member.en and not CYRILLIC.search(member.en), (member, member.en)
        assert member.label("bg") == member.bg and member.label("en") == member.en
    # Two codes of one vocabulary never read alike.
    assert len({m.bg for m in enum_type}) == len(enum_type) == len({m.en for m in enum_type})


def test_stored_codes_are_unchanged():
    """The values are what the database, the evaluations' facts, INIT-01's evidence and the exports hold."""
    assert [r.value for r in Regime] == ["CoM", "MP", "mixed", "unknown"]
    assert [s.value for s in SponsorClass] == ["CoM", "MP", "MP-group", "mixed", "committee"]
    assert {s.value for s in StageClass} == {
        f"{reading}_{outcome}" for reading in ("first_reading", "second_reading", "both_readings")
        for outcome in ("scheduled", "debated", "passed", "rejected")
    } | {"committee_passed", "committee_rejected", "committee_other", "withdrawn", "veto", "other"}
    assert COMMITTEE_STAGES == {s for s in StageClass if s.value.startswith("committee_")}


@pytest.mark.parametrize(("initiator", "regime", "sponsors"), [
    ("council_of_ministers", Regime.COUNCIL_OF_MINISTERS, SponsorClass.COUNCIL_OF_MINISTERS),
    ("mps", Regime.MPS, SponsorClass.MP),
    ("committee", Regime.MPS, SponsorClass.COMMITTEE),  # a committee's bill goes the parliamentary way
    ("mixed", Regime.MIXED, SponsorClass.MIXED),
    ("unknown", Regime.UNKNOWN, None),
    (None, Regime.UNKNOWN, None),
    ("something new", Regime.UNKNOWN, None),
])
def test_regime_and_sponsor_class_of_an_initiator(initiator, regime, sponsors):
    assert Regime.of(initiator) is regime
    assert SponsorClass.of(initiator) is sponsors
    if sponsors is not None:
        assert sponsors.regime is regime


def test_every_initiator_has_a_regime_and_every_sponsor_class_one():
    assert {Regime.of(i) for i in Initiator} == set(Regime)
    assert SponsorClass.MP_GROUP.regime is Regime.MPS


@pytest.mark.parametrize(("relpath", "classes"), [
    ("parliament/bill-167546.json", [StageClass.COMMITTEE_PASSED, StageClass.FIRST_READING_SCHEDULED,
                                     StageClass.FIRST_READING_DEBATED, StageClass.FIRST_READING_DEBATED,
                                     StageClass.FIRST_READING_PASSED]),
])
def test_classify_stage_on_a_real_chronology(relpath, classes):
    activity = load_shared_json(relpath)["activity"]
    got = [classify_stage(a["L_Act_St2_name"], a["L_Act_St_name"]) for a in activity]
    assert got == classes and all(type(c) is StageClass for c in got)


def test_classify_stage_on_a_real_adopted_bill():
    """Bill 166636 went through both readings: every row has a class, none is OTHER."""
    activity = load_shared_json("parliament/bill-166636.json")["activity"]
    got = {classify_stage(a["L_Act_St2_name"], a["L_Act_St_name"]) for a in activity}
    assert StageClass.SECOND_READING_PASSED in got and StageClass.FIRST_READING_PASSED in got
    assert StageClass.OTHER not in got


def test_stage_rules_are_one_line_per_class():
    """Every class but OTHER (no rule applies) has exactly one rule, named for it."""
    assert all(isinstance(r, Rule) and r.name == r.value.value for r in STAGE_RULES)
    assert sorted(r.value for r in STAGE_RULES) == sorted(s for s in StageClass if s is not StageClass.OTHER)


@pytest.mark.parametrize(("relpath", "importer", "doc_type"), [
    ("parliament/bill-167546.json", "02", "01"),  # 52-602-01-43, Council of Ministers
    ("parliament/bill-166636.json", "54", "01"),  # 51-554-01-169, MPs
    ("parliament/act-15565.json", "02", "01"),  # 502-01-81, no Assembly number
    ("parliament/act-166496.json", "53", "19"),  # 51-553-19-14
])
def test_signature_of_real_bills(relpath, importer, doc_type):
    sign = load_shared_json(relpath)["L_Act_sign"]
    s = Signature.parse(sign)
    assert (s.importer, s.type_code, s.well_formed, s.is_order) == (importer, doc_type, True, False)
    assert importer_code(sign) == importer


def test_the_chairs_order_on_bill_167546_is_known_by_its_number():
    order = load_shared_json("parliament/bill-167546.json")["order"]
    names = [v for o in order for v in o.values() if isinstance(v, str) and v.startswith("52-650")]
    assert names and all(Signature.parse(Path(n).stem).is_order for n in names)


@pytest.mark.parametrize(("text", "parsed", "order"), [
    ("52-650-01-288", Signature("52", "650", "01", "288"), True),
    ("650-01-288", Signature(None, "650", "01", "288"), True),
    ("52-650-1-288", Signature("52", "650", "1", "288"), False),  # TT of one digit: not as the register writes it
    ("5-650-01-288", Signature("5", "650", "01", "288"), False),
    ("52-650-01-", Signature("52", "650", "01", ""), False),
    ("52-650-01-28a", Signature("52", "650", "01", "28a"), False),
    ("52-650-01", Signature(None, "52", "650", "01"), False),
    ("x-52-650-01-288", None, False),
    ("", None, False),
    (None, None, False),
])
def test_signature_parse(text, parsed, order):
    s = Signature.parse(text)
    assert s == parsed
    assert (s is not None and s.is_order) is order


def test_importer_codes():
    assert [initiator_of_importer(c) for c in ("02", "54", "53", "55", "50", None)] == [
        Initiator.COUNCIL_OF_MINISTERS, Initiator.MPS, Initiator.COMMITTEE, Initiator.COMMITTEE, None, None]
    # The importer class is YII's last two digits, read whatever the other parts hold.
    assert [importer_code(s) for s in ("52-6o2-01-43", "52-602-01", " 602-01-x ", "52-602-01-43-1")] == [
        None, None, "02", None]


# --------------------------------------------------------------------------- the rule table


def test_first_match_takes_the_first_rule_in_table_order():
    table = (rule("a", 1, "b"), rule("b", 2, "a"), rule("c", 3, "x"))
    found = first_match(table, "ab")
    assert found is not None and found[0].name == "a" and found[1].start() == 1
    assert first_value(table, "zzz", 0) == 0


def test_earliest_match_takes_the_match_that_starts_first_ties_to_the_earlier_rule():
    table = (rule("late", 1, "c"), rule("early", 2, "a"), rule("tie", 3, "a"))
    found = earliest_match(table, "abc")
    assert found is not None and found[0].name == "early"
    assert earliest_match(table, "zzz") is None


def test_rule_flags_and_reads():
    r = rule("x", "X", "^мотиви", flags=re.IGNORECASE | re.MULTILINE, reads="title filename")
    assert r.reads == {"title", "filename"} and r.pattern.search("проект\nМОТИВИ")


def test_classifier_tables_use_the_one_rule_type():
    from crawlers.strategy import doctypes
    from criteria import facts
    from texts.documents import classify
    from texts.lawtext import entry_into_force

    tables = (STAGE_RULES, classify.RULES, classify.FILENAME_RULES, classify.SECTION_RULES, doctypes.RULES,
              entry_into_force.WHEN_RULES, facts._EXCLUSIONS)
    assert all(isinstance(r, Rule) for t in tables for r in t)
    for t in tables:  # a rule's name says which line of its table decided
        assert len({r.name for r in t}) == len(t)


def test_no_other_rule_type_is_defined():
    defined = [p.relative_to(REPO) for pkg in ("core", "texts", "crawlers", "criteria", "linking", "monitor")
               for p in (REPO / pkg).rglob("*.py") if re.search(r"^class Rule\b", p.read_text(encoding="utf-8"), re.M)]
    assert defined == [Path("core/rules.py")]


# --------------------------------------------------------------------------- the law's grammar


@pytest.mark.parametrize(("definite", "nominative"), sorted(KNOWN_ADJECTIVES.items()))
def test_the_adjective_rule_alone_gives_the_known_names(definite, nominative, monkeypatch):
    """The table pins the names that matter most; the rule must agree with it, so that a law not in
    the table is named by the same grammar (трудовия → трудов, енергийния → енергиен)."""
    monkeypatch.setattr("core.law.KNOWN_ADJECTIVES", {})
    assert nominative_adjective(definite) == nominative
    assert nominative_adjective(definite[:-1] + "ят") == nominative  # the subject form „-ият“


def test_words_that_are_no_definite_adjective_stay_as_they_are():
    assert [nominative_adjective(w) for w in ("кодекс", "кодексът", "Закона", "енергийния")] == [
        "кодекс", "кодексът", "Закона", "енергиен"]


@pytest.mark.parametrize("typed, codes", [
    ("com", ("council_of_ministers",)),
    ("МС", ("council_of_ministers",)),
    ("mp", ("mps", "committee")),  # committees' bills go the parliamentary way
    ("mps", ("mps",)),
    (" mixed , com,com", ("mixed", "council_of_ministers")),
    (["committee", "mp"], ("committee", "mps")),
    (None, ()),
])
def test_parse_initiators_reads_what_a_user_types(typed, codes):
    from core.parliament import parse_initiators

    assert tuple(i.value for i in parse_initiators(typed)) == codes


def test_parse_initiators_names_the_word_it_does_not_know():
    from core.parliament import parse_initiators

    with pytest.raises(ValueError, match=r"'president': use one of council_of_ministers, mps"):
        parse_initiators("com,president")
