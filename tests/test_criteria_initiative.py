"""criteria/initiative.py's own conversion, below the JSON Schema: `from_dict` (what `from_json` calls
after validating) types every value and names the path of a bad one, `to_json` writes the form the
schema and the example file use, and `input_hash` changes with any field.

`from_json` validates against the schema first, so the conversion's own refusals are reached only
by `from_dict` directly (a caller that builds the dict in code); they are pinned here word for word.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from criteria import initiative as I

D = dt.date


def minimal(**bill) -> dict:
    b = {"id": 1, "signature": "50-454-01-1", "title": "Законопроект", "initiator": "mps", "status": "submitted",
         "submitted_on": "2026-09-01"}
    b.update(bill)
    return {"bills": [b]}


def test_from_dict_types_every_value():
    data = minimal(submitted_on="2026-09-01T10:00:00", withdrawn=True, dv_year=2026,
                   stages=[{"date": None, "stage": "зала първо гласуване", "event": "приет"}])
    data.update(id=4, links=[{"bill_id": 1, "target_type": "consultation", "target_id": 3, "method": "explicit",
                              "status": "confirmed", "score": 1}],
                documents=[{"owner_type": "bill", "owner_id": 1, "url": "u", "analysis": {"a": [1]}}],
                act_texts=[{"bill_id": 1, "adopted_on": "2026-10-01"}])
    ini = I.from_dict(data, "in")
    assert ini.bill == I.Bill(id=1, signature="50-454-01-1", title="Законопроект", initiator="mps", status="submitted",
                              submitted_on=D(2026, 9, 1), withdrawn=True, dv_year=2026,
                              stages=[I.Stage(None, "зала първо гласуване", "приет")])
    assert ini.links[0].score == 1.0 and isinstance(ini.links[0].score, float)
    assert ini.documents[0].analysis == {"a": [1]} and ini.act_texts[0].adopted_on == D(2026, 10, 1)
    assert (ini.id, ini.links_checked, ini.schema) == (4, False, "initiative.v1")
    assert I.from_dict(minimal(submitted_on=None)).bill.submitted_on is None
    # a date object (an in-code caller) is taken as it is
    assert I.from_dict(minimal(submitted_on=D(2026, 1, 2))).bill.submitted_on == D(2026, 1, 2)


@pytest.mark.parametrize("data, message", [
    (minimal(title=None), "in.bills[0].title: must not be null"),
    (minimal(submitted_on="01.09.2026"), "in.bills[0].submitted_on: expected a date YYYY-MM-DD, got '01.09.2026'"),
    (minimal(submitted_on=20260901), "in.bills[0].submitted_on: expected a date YYYY-MM-DD, got 20260901"),
    (minimal(stages={}), "in.bills[0].stages: expected a list, got dict"),
    (minimal(withdrawn="yes"), "in.bills[0].withdrawn: expected true/false, got 'yes'"),
    (minimal(id="1"), "in.bills[0].id: expected an integer, got '1'"),
    (minimal(id=True), "in.bills[0].id: expected an integer, got True"),
    (minimal(title=5), "in.bills[0].title: expected a string, got 5"),
    (minimal(sponsors=["x"]), "in.bills[0].sponsors[0]: expected an object, got str"),
    (minimal(sponsors=[{"name": "x"}]), "in.bills[0].sponsors[0]: missing required key 'kind'"),
    (minimal(signaturee="x"), "in.bills[0]: unknown key(s) signaturee"),
    ({"bills": [], "x": 1, "a": 2}, "in: unknown key(s) a, x"),
    ({"bills": []}, "in.bills: an initiative needs at least one bill"),
    ({"id": 1}, "in: missing required key 'bills'"),
    ([], "in: expected an object, got list"),
    ({"schema": "initiative.v2", "bills": []}, "in: schema 'initiative.v2' is not supported (expected 'initiative.v1')"),
    ({**minimal(), "documents": [{"owner_type": "bill", "owner_id": 1, "url": "u", "analysis": []}]},
     "in.documents[0].analysis: expected an object, got list"),
    ({**minimal(), "links": [{"bill_id": 1, "target_type": "c", "target_id": 3, "method": "m", "status": "s",
                              "score": "high"}]}, "in.links[0].score: expected a number, got 'high'"),
    ({**minimal(), "links": [{"bill_id": 1, "target_type": "c", "target_id": 3, "method": "m", "status": "s",
                              "score": False}]}, "in.links[0].score: expected a number, got False"),
])
def test_from_dict_names_the_path_of_a_bad_value(data, message):
    with pytest.raises(I.InitiativeFormatError) as exc:
        I.from_dict(data, "in")
    assert str(exc.value) == message


def test_from_dict_source_defaults_to_initiative():
    with pytest.raises(I.InitiativeFormatError) as exc:
        I.from_dict({"bills": []})
    assert str(exc.value) == "initiative.bills: an initiative needs at least one bill"


def test_to_json_is_the_schema_form_in_field_order():
    ini = I.Initiative(bills=[I.Bill(id=1, signature="s", title="Закон", initiator="mps", status="adopted",
                                     submitted_on=D(2026, 9, 1))], id=3)
    text = I.to_json(ini)
    assert text.startswith('{\n  "bills": [\n    {\n      "id": 1,\n      "signature": "s",\n      "title": "Закон",')
    assert list(json.loads(text)) == ["bills", "id", "title", "initiator", "consultations", "council_acts", "links",
                                      "documents", "act_texts", "links_checked", "schema"]
    assert '"submitted_on": "2026-09-01"' in text
    assert I.to_json(ini, indent=None).startswith('{"bills": [{"id": 1, "signature": "s", "title": "Закон"')
    assert I.from_json(text) == ini


def test_input_hash_is_the_canonical_form():
    import hashlib

    ini = I.from_dict(minimal())
    canonical = json.dumps(I.to_dict(ini), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert I.input_hash(ini) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert '"title":"Законопроект"' in canonical
    other = I.from_dict(minimal(title="Законопроект за водите"))
    assert I.input_hash(other) != I.input_hash(ini)


def test_validate_reports_the_first_error_and_how_many_more():
    with pytest.raises(I.InitiativeFormatError) as exc:
        I.validate({"bills": [{"id": "x"}], "extra": 1}, "doc.json")
    # the extra key, then the bill's five missing keys and its id of the wrong type
    assert str(exc.value) == "doc.json: Additional properties are not allowed ('extra' was unexpected) (and 6 more)"
    with pytest.raises(I.InitiativeFormatError) as exc:
        I.validate({**minimal(), "id": "x"}, "doc.json")
    assert str(exc.value) == "doc.json.id: 'x' is not of type 'integer', 'null'"
    I.validate(minimal(), "doc.json")


def test_load_names_the_file(tmp_path):
    path = tmp_path / "ini.json"
    path.write_text(json.dumps(minimal(title=7)), encoding="utf-8")
    with pytest.raises(I.InitiativeFormatError) as exc:
        I.load(path)
    assert str(exc.value) == f"{path}.bills[0].title: 7 is not of type 'string'"
    path.write_text("[1,", encoding="utf-8")
    with pytest.raises(I.InitiativeFormatError) as exc:
        I.load(str(path))
    assert str(exc.value) == f"{path}: not JSON (Expecting value at line 1, column 4)"
    with pytest.raises(I.InitiativeFormatError) as exc:
        I.load(tmp_path / "none.json")
    assert str(exc.value) == f"{tmp_path / 'none.json'}: cannot read (No such file or directory)"


def test_to_dict_from_an_empty_field_name_memo():
    """The field names of each dataclass are looked up once per process and kept; built afresh
    they give the same form (every field, nested dataclasses included)."""
    ini = I.from_dict({**minimal(stages=[{"date": "2026-09-10", "stage": "зала", "event": "приет"}]), "id": 2})
    kept = I.to_dict(ini)
    I._FIELD_NAMES.clear()
    fresh = I.to_dict(ini)
    assert fresh == kept and fresh["bills"][0]["stages"][0]["date"] == "2026-09-10"
    assert list(fresh) == [f.name for f in dataclasses.fields(I.Initiative)]


def test_default_source_names_and_optional_types():
    import typing

    with pytest.raises(I.InitiativeFormatError) as exc:
        I.from_json("{")
    assert str(exc.value).startswith("initiative: not JSON")
    with pytest.raises(I.InitiativeFormatError) as exc:
        I.validate({"bills": []})
    assert str(exc.value) == "initiative.bills: [] should be non-empty"
    # typing.Optional as well as `X | None`
    assert I._strip_none(typing.Optional[int]) == (int, True) and I._strip_none(int | None) == (int, True)
    assert I._strip_none(int) == (int, False)
