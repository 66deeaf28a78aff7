"""The generated parliament.bg answers have the shapes the real ones have, at the rates read from
the real payloads (../shared/fixtures/parliament), so the criteria's UNKNOWN branches that real
data reaches (NA-02 with no first-reading report) are exercised by the generated world too.

Rates (small samples, read here from the fixtures, not assumed):
- `L_act_proposal_date2` is `0000-00-00` in 5 of 5 real payloads; `L_act_proposal_date` holds the
  deadline for proposals (after the first vote: 167546 +7 days, 166636 +5 days);
- 1 of 2 real bills with a hall first reading (166636) has no lead-committee first-reading row
  and no `stan_list` report;
- the second-reading report is dated one day before the committee's sitting (166636, 1 of 1).
"""
from __future__ import annotations

import datetime as dt
import json

from conftest import load_shared_json
from crawlers.parliament.parse import bill_url, parse_bill
from criteria import initiative as I
from criteria.criterion import Verdict
from criteria.evaluate import evaluate
from criteria.thresholds import defaults
from simulation.corpus import parliament as corpus
from simulation.corpus.world import generate_world
from test_criteria_realdata import bill_from_item

BASE = "https://www.parliament.bg"
REAL_BILLS = ("parliament/bill-166636.json", "parliament/bill-167546.json")
REAL_ALL = REAL_BILLS + ("parliament/act-15565.json", "parliament/act-164632.json", "parliament/act-166496.json")


def _day(s: str) -> dt.date:
    return dt.date.fromisoformat(s[:10])


def test_the_rates_are_the_fixtures_rates():
    payloads = [load_shared_json(p) for p in REAL_ALL]
    assert all(p["L_act_proposal_date2"] == corpus.NO_DATE for p in payloads)  # 5 of 5
    bills = [load_shared_json(p) for p in REAL_BILLS]
    hall_first = [b for b in bills if any(a["L_Act_St2_name"] == "зала първо гласуване" for a in b["activity"])]
    without = [b for b in hall_first
               if not any(a["L_Act_St2_name"] == "комисии първо гласуване" for a in b["activity"]) and not b["stan_list"]]
    assert len(without) / len(hall_first) == corpus.NO_LEAD_FIRST_ROW_RATE
    for b in bills:  # the deadline comes after the first vote
        first_vote = min(_day(a["L_Act_St_date"]) for a in b["activity"] if a["L_Act_St2_name"] == "зала първо гласуване" and a["L_Act_St_name"] == "приет")
        assert _day(b["L_act_proposal_date"]) - first_vote in (dt.timedelta(days=5), dt.timedelta(days=7))
    real = load_shared_json("parliament/bill-166636.json")
    sitting = _day(next(a["L_Act_St_date"] for a in real["activity"] if a["L_Act_St2_name"] == "комисии второ гласуване"))
    assert sitting - _day(real["stan_list2_1"][0]["A_Cm_Stan_date"]) == dt.timedelta(days=corpus.SECOND_REPORT_BEFORE_SITTING)
    assert sitting - _day(real["stan_list2"][0]["A_Cm_Stan_date"]) == dt.timedelta(days=corpus.SECOND_REPORT_BEFORE_SITTING + 1)
    real = load_shared_json("parliament/bill-167546.json")
    sitting = _day(next(a["L_Act_St_date"] for a in real["activity"] if a["L_Act_St2_name"] == "комисии първо гласуване"))
    assert _day(real["stan_list"][0]["A_Cm_Stan_date"]) - sitting == dt.timedelta(days=corpus.FIRST_REPORT_AFTER_SITTING)


def test_generated_payloads_have_the_real_shapes():
    world = generate_world(400, seed=21)
    hall_first = without = withdrawn = 0
    for b in world.bills:
        p = json.loads(corpus.dump(corpus.bill_payload(b)))
        assert p["L_act_proposal_date2"] == corpus.NO_DATE
        assert p["L_act_proposal_date"] == (b.proposals_until.isoformat() if b.proposals_until else corpus.NO_DATE)
        assert not any(a["L_Act_St_name"] == corpus.WITHDRAWAL_EVENT for a in p["activity"])
        if b.status == "withdrawn":
            withdrawn += 1
            assert p["withdrawn"] is True
        if any(a["L_Act_St2_name"] == "зала първо гласуване" for a in p["activity"]):
            hall_first += 1
            if not any(a["L_Act_St2_name"] == "комисии първо гласуване" for a in p["activity"]):
                without += 1
                assert p["stan_list"] == []
        sittings = [_day(a["L_Act_St_date"]) for a in p["activity"] if a["L_Act_St2_name"] == "комисии второ гласуване"]
        for report in p["stan_list2_1"]:
            assert _day(report["A_Cm_Stan_date"]) == sittings[0] - dt.timedelta(days=1)
    assert withdrawn and hall_first > 100
    assert abs(without / hall_first - corpus.NO_LEAD_FIRST_ROW_RATE) < 0.1


def test_the_generated_shapes_parse_and_reach_the_unknown_branches():
    world = generate_world(300, seed=22)
    verdicts: dict[str, set] = {"NA-02": set(), "NA-03": set()}
    for b in world.bills:
        item = parse_bill(json.loads(corpus.dump(corpus.bill_payload(b))), bill_url(BASE, b.id), BASE)
        assert item.proposals_deadline == b.proposals_until and item.proposals_date2 is None
        assert item.withdrawn == (b.status == "withdrawn") and (item.status == "withdrawn") == (b.status == "withdrawn")
        result = evaluate(I.Initiative(bills=[bill_from_item(item)]), defaults(), dt.date(2026, 11, 20))
        for f in result.findings:
            if f.criterion_id in verdicts:
                verdicts[f.criterion_id].add(f.verdict)
    assert Verdict.UNKNOWN in verdicts["NA-02"]  # a first reading in the hall with no report in the data
    assert Verdict.PASS in verdicts["NA-02"] and Verdict.PASS in verdicts["NA-03"]
