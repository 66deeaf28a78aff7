"""The engine's contracts: the initiative.v1 format (dataclasses, JSON Schema, errors), the
thresholds file and its overrides, the catalogue's declarations and the eight principles."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from criteria import initiative as I
from criteria.catalogue import CATALOGUE
from criteria.criterion import ANY, CONFIDENCE_TAGS, confidence_parts
from criteria.principles import Principle
from criteria.thresholds import ENV_THRESHOLDS, ThresholdsError, defaults, load

REQUIRED = ("INIT-01 INIT-02 INIT-03 CONS-01 CONS-02 CONS-03 CONS-04 CONS-05 CONS-06 CONS-07 IA-01 IA-02 IA-03 "
            "IA-04 IA-07 MOT-01 MOT-02 MOT-04 NA-01 NA-03 NA-04 NA-05 NA-06 NA-07 NA-DOC-01 LT-01 LT-02 LT-03 LT-04 LT-05 "
            "DV-01 DV-02").split()


# --------------------------------------------------------------------------- initiative.v1


def _classes() -> list[type]:
    return [I.Initiative, I.Bill, I.Sponsor, I.Committee, I.Stage, I.Report, I.BillFile, I.Proposal, I.Relation,
            I.Consultation, I.ConsultationDocument, I.CouncilAct, I.Link, I.Document, I.ActText]


def test_schema_describes_exactly_the_dataclasses():
    schema = I.schema()
    for cls in _classes():
        node = schema if cls is I.Initiative else schema["$defs"][cls.__name__]
        fields = [f.name for f in dataclasses.fields(cls)]
        assert list(node["properties"]) == fields, cls.__name__
        required = [f.name for f in dataclasses.fields(cls)
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
        assert node["required"] == required, cls.__name__
        assert node["additionalProperties"] is False
        for name, prop in node["properties"].items():
            assert prop.get("description"), f"{cls.__name__}.{name} is undocumented"


def _rich() -> I.Initiative:
    d = dt.date
    return I.Initiative(
        id=7, title="t", initiator="council_of_ministers", links_checked=True,
        bills=[I.Bill(id=1, signature="52-602-01-1", title="Законопроект", initiator="council_of_ministers",
                      status="adopted", submitted_on=d(2024, 1, 2), adopted_on=d(2024, 3, 1),
                      sponsors=[I.Sponsor("council_of_ministers", None, None, 6167)],
                      stages=[I.Stage(d(2024, 2, 1), "зала първо гласуване", "приет")],
                      reports=[I.Report("stan_list", d(2024, 1, 20))])],
        consultations=[I.Consultation(id=5, reg_num="5-K", title="c", date_open=d(2023, 11, 1), date_close=d(2023, 12, 1),
                                      documents=[I.ConsultationDocument("u", "Мотиви", False, None, d(2023, 11, 1))])],
        council_acts=[I.CouncilAct(id=9, doc_date=d(2023, 12, 20), approves_bill=True)],
        links=[I.Link(1, "consultation", 5, "explicit", "confirmed", 1.0)],
        documents=[I.Document("bill", 1, "u2", analysis={"motives": {"found": 4, "of": 5}})],
        act_texts=[I.ActText(bill_id=1, analysis={"available": True, "amended_laws": []})],
    )


def test_round_trip_and_hash():
    ini = _rich()
    text = I.to_json(ini)
    back = I.from_json(text, "rich")
    assert back == ini
    assert I.input_hash(back) == I.input_hash(ini)
    back.bills[0].stages[0].date = dt.date(2024, 2, 2)
    assert I.input_hash(back) != I.input_hash(ini)
    example = I.load(I.EXAMPLE_PATH)
    assert I.from_json(I.to_json(example)) == example


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["bills"][0].update(signaturee="x"), "Additional properties are not allowed ('signaturee'"),
    (lambda d: d["bills"][0].update(submitted_on="24.09.2026"), "bills[0].submitted_on: '24.09.2026' is not a 'date'"),
    (lambda d: d["bills"][0].pop("title"), "bills[0]: 'title' is a required property"),
    (lambda d: d.update(bills=[]), "bills: [] should be non-empty"),
    (lambda d: d.update(schema="initiative.v2"), "schema: 'initiative.v1' was expected"),
    (lambda d: d["bills"][0]["stages"][0].update(date=20260924), "stages[0].date: 20260924 is not of type"),
])
def test_bad_documents_name_the_path(mutate, message):
    data = json.loads(I.EXAMPLE_PATH.read_text(encoding="utf-8"))
    mutate(data)
    with pytest.raises(I.InitiativeFormatError) as exc:
        I.from_json(json.dumps(data), "input.json")
    assert str(exc.value).startswith("input.json") and message in str(exc.value)
    assert exc.value.exit_code == 2


def test_not_json_and_unreadable(tmp_path):
    with pytest.raises(I.InitiativeFormatError, match=r"x\.json: not JSON"):
        I.from_json("{", "x.json")
    with pytest.raises(I.InitiativeFormatError, match="cannot read"):
        I.load(tmp_path / "missing.json")


# --------------------------------------------------------------------------- thresholds


def test_defaults_cover_every_declared_setting():
    th = defaults()
    ids = {c.id for c in CATALOGUE}
    for c in CATALOGUE:
        for name in c.settings:
            assert name in th.section(c.id), f"{c.id} declares {name} but thresholds.toml lacks it"
    for table in th.values:
        assert table in ids or table in ("regime", "flags", "IA-02"), table
    assert th.reform_date == dt.date(2016, 11, 4)
    assert set(th.warn_flag_criteria) <= ids


def test_user_file_overrides_and_env(tmp_path, monkeypatch):
    user = tmp_path / "t.toml"
    user.write_text('[CONS-02]\nmin_days = 28\n[regime]\nreform_date = 2017-01-01\n', encoding="utf-8")
    th = load(user)
    assert th.section("CONS-02")["min_days"] == 28 and th.section("CONS-02")["borderline_days"] == 29
    assert th.reform_date == dt.date(2017, 1, 1)
    assert th.hash != defaults().hash and th.sources[-1] == str(user)
    monkeypatch.setenv(ENV_THRESHOLDS, str(user))
    assert load().hash == th.hash
    assert defaults().hash != th.hash  # defaults() ignores the environment


@pytest.mark.parametrize("text, message", [
    ("[CONS-99]\nmin_days = 1\n", "unknown table [CONS-99]"),
    ("[CONS-02]\nmin_dayz = 1\n", "unknown key 'min_dayz' in [CONS-02]"),
    ('[CONS-02]\nmin_days = "30"\n', "[CONS-02] min_days = '30' must be int"),
    ("[CONS-06]\npass_share = 1\n", None),  # an int where a float is expected is fine
    ("[CONS-02\n", "not valid TOML"),
])
def test_bad_user_files(tmp_path, text, message):
    user = tmp_path / "bad.toml"
    user.write_text(text, encoding="utf-8")
    if message is None:
        assert load(user).section("CONS-06")["pass_share"] == 1.0
        return
    with pytest.raises(ThresholdsError) as exc:
        load(user)
    assert str(user) in str(exc.value) and message in str(exc.value)


# --------------------------------------------------------------------------- catalogue and principles


def test_catalogue_declarations():
    ids = [c.id for c in CATALOGUE]
    assert set(REQUIRED) <= set(ids) and len(ids) == len(set(ids))
    for c in CATALOGUE:
        assert c.name_bg and c.name_en and c.legal_basis, c.id
        assert all(t in CONFIDENCE_TAGS for t in confidence_parts(c.confidence)), c.id
        assert c.descriptive or c.principles, f"{c.id} serves no principle"
        assert all(isinstance(p, Principle) for p in c.principles)
        # The docstring cites the legal basis with article numbers (or says there is none).
        assert c.doc and any(k in c.doc for k in ("art.", "Art.", "УПМС", "ПОДНС", "No rule", "practice")), c.id
    assert next(c for c in CATALOGUE if c.id == "CONS-02").from_reform
    assert next(c for c in CATALOGUE if c.id == "NA-03").initiators == ANY


def test_the_eight_principles_of_zna_art_26():
    assert [p.bg for p in Principle] == ["необходимост", "обоснованост", "предвидимост", "откритост",
                                         "съгласуваност", "субсидиарност", "пропорционалност", "стабилност"]
    assert Principle.from_key("откритост") is Principle.OPENNESS is Principle.from_key("openness")
    with pytest.raises(KeyError):
        Principle.from_key("законност")
