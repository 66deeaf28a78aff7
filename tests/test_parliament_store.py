"""Storing parliament items (crawlers.pipelines.parliament) on SQLite and PostgreSQL:
versions, the field-level diff, held regressions, rows replaced only on change."""
from __future__ import annotations

import copy

from sqlalchemy import func, select

from conftest import load_shared_json
from crawlers.parliament.items import ActTextItem, RawAnswer
from crawlers.parliament.parse import parse_act, parse_assemblies, parse_bill
from crawlers.pipelines.parliament import store_act_text, store_assembly, store_bill
from db.engine import session_scope
from db.models import ActText, Assembly, Bill, BillStage, CrawlIssue, HeldUpdate, RawPayload, RecordChange, RecordVersion
from db.versioning import history

BASE = "https://www.parliament.bg"


def item(data, bill_id=167546):
    url = f"{BASE}/api/v1/bill/{bill_id}"
    body = repr(data).encode()
    return parse_bill(data, url, BASE, raw=RawAnswer(url, body, 200, "application/json"), expect_id=bill_id)


def store(db_url, data, bill_id=167546):
    with session_scope(db_url) as s:
        return store_bill(s, item(data, bill_id))


NEXT_STAGE = {
    "L_Act_A_id": 48700, "L_Act_St_date": "2026-10-14", "Pl_Sten_id": 0, "A_Cm_Stid": 9901, "A_ns_C_id": 3816,
    "A_ns_CL_value": "Комисия по правни въпроси", "L_Act_St_name": "приет", "L_Act_St2_name": "комисии второ гласуване",
}  # fmt: skip  (the shape of the real rows of bill 167546)


def test_new_then_unchanged_writes_one_version(db_url):
    data = load_shared_json("parliament/bill-167546.json")
    assert store(db_url, data).status == "new"
    assert store(db_url, copy.deepcopy(data)).status == "unchanged"
    with session_scope(db_url) as s:
        assert [v.version for v in history(s, "bill", 167546)] == [1]
        bill = s.get(Bill, 167546)
        assert (bill.signature, bill.status, bill.initiator, bill.version) == ("52-602-01-43", "first_reading_passed", "council_of_ministers", 1)
        assert next(c.name for c in bill.committees if c.is_lead) == "Комисия по правни въпроси"
        assert len([st for st in bill.stages if st.origin == "activity"]) == 5
        assert [f.url for f in bill.files][0] == "https://www.parliament.bg/bills/52/52-602-01-43.rtf"
        assert s.scalar(select(func.count()).select_from(RawPayload)) == 1  # the same body is kept once


def test_changed_record_makes_one_version_with_the_diff(db_url):
    data = load_shared_json("parliament/bill-167546.json")
    store(db_url, data)
    changed = copy.deepcopy(data)
    changed["activity"].append(NEXT_STAGE)
    result = store(db_url, changed)
    assert (result.status, result.version) == ("changed", 2)
    with session_scope(db_url) as s:
        versions = history(s, "bill", 167546)
        assert [(v.version, v.valid_to is None) for v in versions] == [(1, False), (2, True)]
        fields = {c.field: (c.old_value, c.new_value) for c in s.scalars(select(RecordChange).where(RecordChange.version_id == versions[1].id))}
        assert fields["stages.activity[5].date"] == (None, "2026-10-14")
        assert fields["stages.activity[5].stage"] == (None, "комисии второ гласуване")
        assert fields["stages.activity[5].committee_steno_id"] == (None, 9901)
        # only the new row changed: the earlier rows and every other field are as before
        assert all(f.startswith("stages.activity[5].") for f in fields)
        bill = s.get(Bill, 167546)
        assert bill.version == 2
        assert s.scalar(select(func.count()).select_from(BillStage).where(BillStage.bill_id == 167546)) == 9  # 6 activity + 2 hall + 1 committee


def test_fewer_stages_is_held_until_confirmed(db_url):
    data = load_shared_json("parliament/bill-167546.json")
    store(db_url, data)
    fewer = copy.deepcopy(data)
    fewer["activity"] = fewer["activity"][:3]
    first = store(db_url, fewer)
    assert first.status == "held" and "3 activity stages instead of the stored 5" in first.reason
    with session_scope(db_url) as s:
        bill = s.get(Bill, 167546)
        assert bill.version == 1 and len([st for st in bill.stages if st.origin == "activity"]) == 5
        assert s.scalar(select(HeldUpdate.seen_count)) == 1
    # the source is back to the stored content: the held read was a flake and is dropped
    assert store(db_url, copy.deepcopy(data)).status == "unchanged"
    with session_scope(db_url) as s:
        assert s.scalar(select(func.count()).select_from(HeldUpdate)) == 0
    # the same shorter answer twice in a row is believed
    assert store(db_url, fewer).status == "held"
    assert store(db_url, fewer).status == "changed"
    with session_scope(db_url) as s:
        assert s.get(Bill, 167546).version == 2
        assert len([st for st in s.get(Bill, 167546).stages if st.origin == "activity"]) == 3


def test_act_text_and_assemblies(db_url):
    store(db_url, load_shared_json("parliament/bill-166636.json"), 166636)
    act_data = copy.deepcopy(load_shared_json("parliament/act-166496.json"))
    act_data["L_Act_id"] = 166636  # the real act shape, attached to the real bill we have
    act = parse_act(act_data, f"{BASE}/api/v1/act/166636", expect_id=166636)
    with session_scope(db_url) as s:
        assert store_act_text(s, act).status == "new"
    with session_scope(db_url) as s:
        assert store_act_text(s, act).status == "unchanged"
        row = s.get(ActText, 166636)
        assert row.body_html.startswith("<!--[if gte mso 9]>") and (row.dv_issue, row.dv_year) == ("99", 2025)
    orphan = parse_act(load_shared_json("parliament/act-15565.json"), "u", expect_id=15565)
    with session_scope(db_url) as s:
        assert store_act_text(s, orphan) is None  # no bill row: not stored
    for a in parse_assemblies(load_shared_json("parliament/fn-assembly.json"), "u"):
        with session_scope(db_url) as s:
            assert store_assembly(s, a).status == "new"
    with session_scope(db_url) as s:
        assert [(a.number, a.api_id) for a in s.scalars(select(Assembly).order_by(Assembly.number))] == [(51, 61), (52, 62)]
        assert s.scalar(select(func.count()).select_from(RecordVersion).where(RecordVersion.entity == "act_text")) == 1


def test_pipeline_keeps_the_batch_when_one_record_fails(pg_url):
    """A record the database refuses (here a signature longer than the column, which only
    PostgreSQL enforces) costs only itself: the rest of its batch is replayed and stored."""
    from scrapy.utils.test import get_crawler

    from crawlers.pipelines.parliament import ParliamentStorePipeline
    from crawlers.spiders.parliament import ParliamentSpider
    from db.models import CrawlIssue

    crawler = get_crawler(ParliamentSpider, {"LEXWATCH_DATABASE_URL": pg_url, "PARLIAMENT_STORE_BATCH": 10})
    crawler.spider = crawler._create_spider()
    pipeline = ParliamentStorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    real = load_shared_json("parliament/bill-167546.json")
    for n, bill_id in enumerate(range(800001, 800006)):
        data = copy.deepcopy(real)
        data["L_Act_id"] = bill_id
        data["L_Act_sign"] = "52-602-01-43" if n != 2 else "52-602-01-43" * 5  # 60 characters
        pipeline.process_item(item(data, bill_id))
    pipeline.close_spider()
    with session_scope(pg_url) as s:
        assert sorted(s.scalars(select(Bill.id))) == [800001, 800002, 800004, 800005]
        issue = s.scalars(select(CrawlIssue)).one()
        assert (issue.kind, issue.record_key) == ("store_error", "800003")
        assert s.scalar(select(func.count()).select_from(RecordVersion)) == 4
    assert crawler.stats.get_value("lexwatch/new") == 4


def _pipeline(db_url, batch_size):
    from scrapy.utils.test import get_crawler

    from crawlers.pipelines.parliament import ParliamentStorePipeline
    from crawlers.spiders.parliament import ParliamentSpider

    crawler = get_crawler(ParliamentSpider, {"LEXWATCH_DATABASE_URL": db_url, "PARLIAMENT_STORE_BATCH": batch_size})
    crawler.spider = crawler._create_spider()
    pipeline = ParliamentStorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    return crawler, pipeline


def _bill_state(s, bill_id):
    versions = [
        (v.version, v.valid_to is None, sorted(c.field for c in v.changes)) for v in history(s, "bill", bill_id)
    ]
    bill = s.get(Bill, bill_id)
    act = s.get(ActText, bill_id)
    held = s.scalars(select(HeldUpdate.seen_count).where(HeldUpdate.entity_key == str(bill_id))).all()
    raws = s.scalar(select(func.count()).select_from(RawPayload).where(RawPayload.url == f"{BASE}/api/v1/bill/{bill_id}"))
    return versions, bill and (bill.version, bill.status, len(bill.stages)), act and act.version, held, raws


def test_pipeline_batch_stores_what_one_item_at_a_time_stores(db_url, caplog):
    """One batch of new, changed, unchanged and held bills (bills repeated in it, the act text of
    a bill the batch itself stores, one of a bill never stored) ends as storing the same items
    one per transaction without the batch's look-ups."""
    data = load_shared_json("parliament/bill-167546.json")
    more = copy.deepcopy(data)
    more["activity"].append(NEXT_STAGE)
    fewer = copy.deepcopy(data)
    fewer["activity"] = fewer["activity"][:3]
    act_data = copy.deepcopy(load_shared_json("parliament/act-166496.json"))

    def act(bill_id):
        return parse_act({**act_data, "L_Act_id": bill_id}, f"{BASE}/api/v1/act/{bill_id}", expect_id=bill_id)

    def bill(answer, bill_id):
        return item({**copy.deepcopy(answer), "L_Act_id": bill_id}, bill_id)

    def reads(base):
        r1, r2, r3, r4 = base + 1, base + 2, base + 3, base + 4
        return [
            bill(data, r1),  # unchanged
            bill(more, r2),  # changed
            bill(data, r3),  # new
            act(r3),  # new, for a bill of this batch
            bill(fewer, r1),  # held
            bill(data, r3),  # unchanged, in the batch that made it
            bill(fewer, r1),  # confirmed: changed
            bill(more, r2),  # unchanged
            act(r4),  # no bill: not stored
        ]

    with session_scope(db_url) as s:
        for base in (810000, 820000):
            store_bill(s, bill(data, base + 1))
            store_bill(s, bill(data, base + 2))
        first_seen = s.scalar(select(RawPayload.last_seen_at).where(RawPayload.url == f"{BASE}/api/v1/bill/810001"))

    crawler, pipeline = _pipeline(db_url, 100)
    for it in reads(810000):
        pipeline.process_item(it)
    pipeline.close_spider()
    assert "replaying" not in caplog.text  # stored as one batch, not rescued item by item

    one = []
    for it in reads(820000):
        with session_scope(db_url) as s:
            result = store_act_text(s, it) if isinstance(it, ActTextItem) else store_bill(s, it)
            one.append(result and result.status)
    assert one == ["unchanged", "changed", "new", "new", "held", "unchanged", "changed", "unchanged", None]
    stats = {k.removeprefix("lexwatch/"): v for k, v in crawler.stats.get_stats().items() if k.startswith("lexwatch/")}
    assert stats == {
        "unchanged": 3, "changed": 2, "new": 1, "held": 1, "act_text/new": 1, "errors": 1, "issues/held": 1, "issues/store_error": 1,
    }  # fmt: skip
    with session_scope(db_url) as s:
        for offset in (1, 2, 3, 4):
            assert _bill_state(s, 810000 + offset) == _bill_state(s, 820000 + offset)
        assert _bill_state(s, 810001)[0][-1][:2] == (2, True)  # the confirmed shorter chronology
        assert s.get(Bill, 810003).version == 1 and s.get(ActText, 810003).version == 1
        # the repeated answer was kept once and seen again
        assert s.scalar(select(RawPayload.last_seen_at).where(RawPayload.url == f"{BASE}/api/v1/bill/810001").order_by(RawPayload.id)) > first_seen
        issues = s.scalars(select(CrawlIssue.record_key).where(CrawlIssue.kind == "store_error")).all()
        assert issues == ["810004"]


def test_a_bill_written_twice_in_one_batch_ends_as_its_last_read(db_url):
    """New then changed, and changed twice, within one batch: the Bill row and its chronology are
    the last version's, once (the rows queued for the earlier read are superseded)."""
    data = load_shared_json("parliament/bill-167546.json")
    more = copy.deepcopy(data)
    more["activity"].append(NEXT_STAGE)
    most = copy.deepcopy(more)
    most["activity"].append({**NEXT_STAGE, "L_Act_A_id": 48701, "L_Act_St_date": "2026-10-20"})

    def bill(answer, bill_id):
        return item({**copy.deepcopy(answer), "L_Act_id": bill_id}, bill_id)

    with session_scope(db_url) as s:
        store_bill(s, bill(data, 830002))
    crawler, pipeline = _pipeline(db_url, 100)
    for it in (bill(data, 830001), bill(more, 830001), bill(more, 830002), bill(most, 830002)):
        pipeline.process_item(it)
    pipeline.close_spider()
    with session_scope(db_url) as s:
        stages = len([st for st in s.get(Bill, 830001).stages if st.origin == "activity"])
        assert (s.get(Bill, 830001).version, stages) == (2, len(more["activity"]))
        stages = len([st for st in s.get(Bill, 830002).stages if st.origin == "activity"])
        assert (s.get(Bill, 830002).version, stages) == (3, len(most["activity"]))
        assert s.get(Bill, 830001).first_seen_at is not None
