"""The generated parliament.bg corpus has the real answers' shape: same keys in the same order,
same JSON types (with the same nulls and sentinels), the same compact `\\uXXXX` encoding, and it
parses to the world's own facts."""
from __future__ import annotations

import json

import pytest

from conftest import load_shared_json, shared_fixture
from simulation.corpus.parliament import act_payload, assemblies_payload, bill_payload, dump, month_payload, write_real_fixtures, write_world
from simulation.corpus.world import generate_world
from crawlers.parliament.parse import parse_act, parse_assemblies, parse_bill, parse_month_list


@pytest.fixture(scope="module")
def world():
    return generate_world(120, seed=7)


def _types(obj):
    """The JSON type skeleton: dict keys in order, list items merged, scalar types."""
    if isinstance(obj, dict):
        return {k: _types(v) for k, v in obj.items()}
    if isinstance(obj, list):
        merged: dict = {}
        for v in obj:
            t = _types(v)
            if isinstance(t, dict):
                merged.update(t)
            else:
                merged.setdefault("__scalar__", t)
        return [merged] if obj else []
    return type(obj).__name__


def _same_shape(real, generated, path=""):
    """Keys and order equal; where both have a value, the types agree (None may stand for a value)."""
    if isinstance(real, dict):
        assert isinstance(generated, dict), path
        assert list(generated) == list(real), f"{path}: {list(generated)} != {list(real)}"
        for k in real:
            _same_shape(real[k], generated[k], f"{path}.{k}")
    elif isinstance(real, list) and real and generated:
        _same_shape(real[0], generated[0], path + "[]")
    elif not isinstance(real, list) and "NoneType" not in (real, generated):
        assert real == generated, f"{path}: {generated} != {real}"


def test_bill_payloads_have_the_real_shape(world):
    real = _types(load_shared_json("parliament/bill-167546.json"))
    real_other = _types(load_shared_json("parliament/bill-166636.json"))
    richest = max(world.bills, key=lambda b: len(b.stages))
    cm = next(b for b in world.bills if b.initiator == "council_of_ministers" and b.assembly == 52)
    mp = next(b for b in world.bills if b.initiator == "mps" and b.status == "adopted" and b.dv_issue)
    for b, ref in ((cm, real), (mp, real_other), (richest, real)):
        payload = bill_payload(b, current_assembly=52)
        _same_shape(ref, _types(payload))
    # sentinels as the real not-yet-adopted bill 167546 has them
    open_bill = bill_payload(cm, current_assembly=52) if cm.status != "adopted" else bill_payload(
        next(b for b in world.bills if b.status != "adopted"), current_assembly=52
    )
    assert (open_bill["L_Act_date2"], open_bill["L_Act_dv_ID"], open_bill["L_Act_dv_iss"], open_bill["L_ActL_final"]) == (
        "0001-01-01 00:00:00", -1, "", "",
    )  # fmt: skip


def test_proposals_have_the_real_shape(world):
    with_proposals = [bill_payload(b, current_assembly=52) for b in world.bills]
    rows = [p for payload in with_proposals for p in payload["proposal_12_list"]]
    assert rows, "the world should have proposals between readings"
    _same_shape(_types(load_shared_json("parliament/bill-166636.json")["proposal_12_list"]), _types(rows))


def test_act_payload_has_the_real_shape(world):
    b = next(b for b in world.bills if b.status == "adopted" and b.dv_issue)
    _same_shape(_types(load_shared_json("parliament/act-166496.json")), _types(act_payload(b)))
    body = act_payload(b)["L_ActL_final_body"]
    assert "Законът е приет от" in body and "Народно събрание" in body


def test_lists_and_assemblies_have_the_real_shape(world):
    month = month_payload([b for b in world.bills if b.submitted_on.year == 2025][:5])
    _same_shape(_types(load_shared_json("parliament/bills-2026-09.json")), _types(month))
    assert [r["t_date"] for r in month] == sorted((r["t_date"] for r in month), reverse=True)
    _same_shape(_types(load_shared_json("parliament/fn-assembly.json")), _types(assemblies_payload(world)))


def test_encoding_is_the_real_one():
    # re-encoding a real compact answer reproduces it byte for byte
    for name in ("bill-167546.json", "bill-166636.json", "bills-2026-09.json", "bills-2025-09.json"):
        raw = shared_fixture(f"parliament/{name}").read_bytes()
        assert dump(json.loads(raw)) == raw, name


def test_generated_answers_parse_to_the_world(world, tmp_path):
    summary = write_world(world, tmp_path)
    assert summary.bills == 120
    for b in world.bills:
        raw = (tmp_path / f"api/v1/bill/{b.id}").read_bytes()
        assert raw.isascii()
        item = parse_bill(json.loads(raw), "u", "http://x", expect_id=b.id)
        assert (item.signature, item.initiator, item.assembly, item.submitted_on) == (b.signature, b.initiator, b.assembly, b.submitted_on)
        assert item.status == b.status or (b.status, item.status) == ("submitted", "in_committee")
        if b.status == "adopted":
            act = parse_act(json.loads((tmp_path / f"api/v1/act/{b.id}").read_bytes()), "u", expect_id=b.id)
            assert (act.body_html is not None) == bool(b.dv_issue)
    listed = set()
    for path in (tmp_path / "api/v1/archive-period/bg/L_Acts").rglob("0"):
        listed |= {r.id for r in parse_month_list(json.loads(path.read_bytes()), "u")}
    assert listed == {b.id for b in world.bills}
    assemblies = parse_assemblies(json.loads((tmp_path / "api/v1/fn-assembly/bg").read_bytes()), "u")
    assert [a.number for a in assemblies] == sorted((a[0] for a in world.assemblies), reverse=True)


def test_real_fixture_replay_folder(tmp_path):
    fixtures = shared_fixture("parliament/bill-167546.json").parent
    written = write_real_fixtures(fixtures, tmp_path)
    assert "/api/v1/bill/167546" in written and "/api/v1/act/166496" in written
    assert (tmp_path / "api/v1/bill/167546").read_bytes() == (fixtures / "bill-167546.json").read_bytes()
    rows = json.loads((tmp_path / "api/v1/archive-period/bg/L_Acts/2026/9/1/0").read_bytes())
    assert [r["t_id"] for r in rows] == [167546]
    write_real_fixtures(fixtures, tmp_path / "all", only_known_bills=False)
    assert len(json.loads((tmp_path / "all/api/v1/archive-period/bg/L_Acts/2026/9/1/0").read_bytes())) == 48
