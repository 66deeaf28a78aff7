"""Storing strategy.bg items through the batched pipeline (crawlers.pipelines.strategy) on SQLite
and PostgreSQL: a batch, with its look-ups made for all its items at once, stores what storing
the same items one per transaction stores."""
from __future__ import annotations

import datetime as dt

from scrapy.utils.test import get_crawler
from sqlalchemy import func, select

from crawlers.pipelines.strategy import StrategyStorePipeline, store_consultation, store_council_act
from crawlers.spiders.strategy import StrategySpider
from crawlers.strategy.items import ConsultationDocumentItem, ConsultationItem, CouncilActItem
from db.engine import session_scope
from db.models import Consultation, CouncilAct, HeldUpdate, RawPayload
from db.versioning import history

BASE = "https://strategy.bg"


def consultation(cid, *, docs=(1, 2), comments=3, close=dt.date(2026, 10, 15), source="api", act_type_id=None):
    """A consultation in the shape the parsers give (the field values are made up)."""
    url = f"{BASE}/api/publicconsultations/{cid}"
    item = ConsultationItem(
        id=cid, reg_num=f"{cid}-K", title=f"Проект на наредба {cid}", date_open=dt.date(2026, 9, 15), date_close=close,
        source=source, source_url=url, act_type="Наредба", act_type_id=act_type_id, level="Централно",
        institution_name="Министерство на правосъдието", comments_count=comments,
        documents=[
            ConsultationDocumentItem(url=f"{BASE}/file/{cid}/{d}", doc_type="Проект на акт", file_id=cid * 10 + d)
            for d in docs
        ],
    )  # fmt: skip
    item.raw = repr(item.to_record()).encode()
    return item


def council_act(pid, *, related=(7,)):
    item = CouncilActItem(
        id=pid, source="api", source_url=f"{BASE}/pris/{pid}", doc_num=str(pid), doc_date=dt.date(2026, 10, 1),
        act_type="Решения", about=f"за одобряване на законопроект {pid}", related=[{"pris_id": r} for r in related],
    )  # fmt: skip
    item.raw = repr(item.to_record()).encode()
    return item


def reads(base):
    c1, c2, c3, c4, a1, a2 = base + 1, base + 2, base + 3, base + 4, base + 5, base + 6
    return [
        consultation(c1),  # unchanged
        consultation(c2, close=dt.date(2026, 10, 29), act_type_id=5),  # changed: the deadline extended
        consultation(c3, docs=(1,)),  # held: drops a document
        consultation(c4, docs=(1,), source="report"),  # new
        consultation(c4, docs=(3,), source="report"),  # a report repeat, merged with the batch's own write: changed
        consultation(c3, docs=(1,)),  # confirmed: changed
        consultation(c1, act_type_id=9),  # unchanged, the API's act type id kept on the row
        council_act(a1),  # unchanged
        council_act(a2),  # new
        council_act(a1, related=()),  # held: drops a related act
    ]


def _state(s, base, offset):
    key = base + offset
    model, entity = (CouncilAct, "council_act") if offset > 4 else (Consultation, "consultation")
    versions = [(v.version, v.valid_to is None, sorted(c.field for c in v.changes)) for v in history(s, entity, key)]
    row = s.get(model, key)
    if model is Consultation:
        row_state = (row.version, row.date_close, len(row.documents), row.act_type_id, row.comments_count)
    else:
        row_state = (row.version, row.doc_date, row.last_fetched_at is not None)
    held = s.scalars(select(HeldUpdate.seen_count).where(HeldUpdate.entity == entity, HeldUpdate.entity_key == str(key))).all()
    return versions, row_state, held


def test_pipeline_batch_stores_what_one_item_at_a_time_stores(db_url, caplog):
    with session_scope(db_url) as s:
        for base in (710000, 720000):
            for cid in (1, 2, 3):
                store_consultation(s, consultation(base + cid))
            store_council_act(s, council_act(base + 5))
        seen_before = s.scalar(select(RawPayload.last_seen_at).where(RawPayload.url == f"{BASE}/api/publicconsultations/710001"))

    crawler = get_crawler(StrategySpider, {"LEXWATCH_DATABASE_URL": db_url, "STRATEGY_STORE_BATCH": 100})
    crawler.spider = crawler._create_spider()
    pipeline = StrategyStorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    for it in reads(710000):
        pipeline.process_item(it)
    pipeline.close_spider()
    assert "replaying" not in caplog.text  # stored as one batch, not rescued item by item

    one, reported = [], set()
    for it in reads(720000):
        with session_scope(db_url) as s:
            if isinstance(it, CouncilActItem):
                one.append(store_council_act(s, it, source="strategy").status)
            else:
                merge = it.source == "report" and it.id in reported
                one.append(store_consultation(s, it, source="strategy", merge=merge).status)
                reported |= {it.id} if it.source == "report" else set()
    assert one == ["unchanged", "changed", "held", "new", "changed", "changed", "unchanged", "unchanged", "new", "held"]
    stats = {k.removeprefix("lexwatch/"): v for k, v in crawler.stats.get_stats().items() if k.startswith("lexwatch/")}
    assert {k: stats.get(k) for k in ("new", "changed", "unchanged", "held")} == {"new": 2, "changed": 3, "unchanged": 3, "held": 2}
    with session_scope(db_url) as s:
        for offset in range(1, 7):
            assert _state(s, 710000, offset) == _state(s, 720000, offset)
        assert _state(s, 710000, 4)[1][2] == 2  # the report repeat's document added to the first row's
        assert _state(s, 710000, 1)[1][3] == 9
        # each answer kept once; a repeat seen again
        assert s.scalar(select(func.count()).select_from(RawPayload).where(RawPayload.url == f"{BASE}/api/publicconsultations/710001")) == 1
        assert s.scalar(select(RawPayload.last_seen_at).where(RawPayload.url == f"{BASE}/api/publicconsultations/710001")) > seen_before
