"""The history mechanism and the migrations, on SQLite and PostgreSQL."""
from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import event, func, select

from db import migrate
from db.engine import get_engine, session_scope
from db.models import Base, HeldUpdate, RawPayload, RecordChange, RecordVersion
from db.versioning import (
    HOLD_CONFIRMATIONS,
    RawIndex,
    VersionIndex,
    diff,
    history,
    raw_body,
    record_version,
    record_versions,
    store_raw,
    store_raw_id,
)


def test_migrations_match_models(db_url):
    """The migrations create exactly the schema the models declare (no drift)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with get_engine(db_url).connect() as conn:
        drift = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert drift == []
    assert migrate.current_revision(db_url) == migrate.head_revision()


def _stages(n):
    return [{"date": f"2026-09-{10 + i}", "stage": "зала първо гласуване"} for i in range(n)]


def test_unchanged_reread_writes_nothing_and_change_writes_one_version(db_url):
    rec = {"title": "Законопроект за водите", "stages": _stages(2)}
    with session_scope(db_url) as s:
        assert record_version(s, "bill", 1, rec).status == "new"
    with session_scope(db_url) as s:
        r = record_version(s, "bill", 1, dict(rec))
        assert r.status == "unchanged" and r.version == 1
    changed = {"title": "Законопроект за водите", "stages": _stages(3)}
    with session_scope(db_url) as s:
        r = record_version(s, "bill", 1, changed)
        assert (r.status, r.version) == ("changed", 2)
        assert [c.field for c in r.changes] == ["stages[2].date", "stages[2].stage"]
    with session_scope(db_url) as s:
        versions = history(s, "bill", 1)
        assert [v.version for v in versions] == [1, 2]
        assert versions[0].valid_to is not None and versions[1].valid_to is None
        assert s.scalar(select(func.count()).select_from(RecordChange)) == 2


def _fewer_stages(old, new):
    if len(new["stages"]) < len(old["stages"]):
        return f"{len(new['stages'])} stages < {len(old['stages'])} stored"
    return None


def test_regression_is_held_until_confirmed(db_url):
    with session_scope(db_url) as s:
        record_version(s, "bill", 7, {"stages": _stages(3)}, regression=_fewer_stages)
    with session_scope(db_url) as s:
        r = record_version(s, "bill", 7, {"stages": _stages(2)}, regression=_fewer_stages)
        assert r.status == "held" and "2 stages < 3" in r.reason
    with session_scope(db_url) as s:
        assert len(history(s, "bill", 7)) == 1
        assert s.scalar(select(HeldUpdate.seen_count)) == 1
    # a read equal to the stored version discards the held one
    with session_scope(db_url) as s:
        assert record_version(s, "bill", 7, {"stages": _stages(3)}, regression=_fewer_stages).status == "unchanged"
        assert s.scalar(select(func.count()).select_from(HeldUpdate)) == 0
    # two reads in a row of the same shorter answer confirm it
    with session_scope(db_url) as s:
        assert record_version(s, "bill", 7, {"stages": _stages(2)}, regression=_fewer_stages).status == "held"
    with session_scope(db_url) as s:
        r = record_version(s, "bill", 7, {"stages": _stages(2)}, regression=_fewer_stages)
        assert (r.status, r.version) == ("changed", 2)
        assert s.scalar(select(func.count()).select_from(HeldUpdate)) == 0


def test_raw_payload_kept_once_per_content(db_url):
    body = '{"L_Act_id": 1, "L_ActL_title": "Законопроект"}'.encode()
    with session_scope(db_url) as s:
        a = store_raw(s, "parliament", "http://x/api/v1/bill/1", body, http_status=200)
        b = store_raw(s, "parliament", "http://x/api/v1/bill/1", body, http_status=200)
        assert a.id == b.id and raw_body(a) == body
        store_raw(s, "parliament", "http://x/api/v1/bill/1", body + b" ", http_status=200)
        assert s.scalar(select(func.count()).select_from(RawPayload)) == 2


def test_diff_paths():
    assert [c.field for c in diff({"a": {"b": 1}, "l": [1]}, {"a": {"b": 2}, "l": [1, 2]})] == ["a.b", "l[1]"]


# --------------------------------------------------------------------------- batches

# Each key's reads, in order, after a first store of 3 stages (and, for "flake", a held read):
# every path of record_version, several of them twice in one batch.
BATCH_READS = [
    ("same", 3),  # unchanged
    ("grows", 4),  # changed
    ("shrinks", 2),  # held
    ("confirmed", 2),  # held before with this content: confirmed, changed
    ("flake", 3),  # back to the stored content: unchanged, the held read dropped
    ("fresh", 1),  # new
    ("fresh", 2),  # ...and changed in the same batch
    ("shrinks", 2),  # the batch's own held read confirmed in the same batch: changed
    ("twice", 5),  # new
    ("twice", 4),  # held in the same batch
    ("twice", 5),  # back: unchanged, the batch's own held read dropped
    ("other", 2),  # held
    ("other", 1),  # held again with other content: the held read replaced
    ("same", 3),  # unchanged again
]


def _setup(s, entity):
    for key in ("same", "grows", "shrinks", "confirmed", "flake", "other"):
        record_version(s, entity, key, {"stages": _stages(3)}, regression=_fewer_stages)
    for key in ("confirmed", "flake"):
        assert record_version(s, entity, key, {"stages": _stages(2)}, regression=_fewer_stages).status == "held"


def _state(s, entity):
    """What the history holds for `entity`, without ids and timestamps."""
    versions = sorted(
        (v.entity_key, v.version, v.content_hash, v.data, v.valid_to is None, sorted((c.field, c.old_value, c.new_value) for c in v.changes))
        for v in s.scalars(select(RecordVersion).where(RecordVersion.entity == entity))
    )
    held = sorted((h.entity_key, h.content_hash, h.data, h.reason, h.seen_count) for h in s.scalars(select(HeldUpdate).where(HeldUpdate.entity == entity)))
    return versions, held


def _summary(results):
    return [(r.status, r.version, r.content_hash, r.changes, r.reason) for r in results]


def test_batch_gives_the_results_of_one_call_per_record(db_url):
    """record_versions over mixed new/changed/unchanged/held keys (some repeated) writes and
    answers exactly what one record_version call per record does."""
    assert HOLD_CONFIRMATIONS == 2  # BATCH_READS is written for two reads in a row
    with session_scope(db_url) as s:
        _setup(s, "one")
        _setup(s, "batch")
    with session_scope(db_url) as s:
        one = [record_version(s, "one", key, {"stages": _stages(n)}, regression=_fewer_stages) for key, n in BATCH_READS]
    with session_scope(db_url) as s:
        batch = record_versions(s, "batch", [(key, {"stages": _stages(n)}) for key, n in BATCH_READS], regression=_fewer_stages)
    assert _summary(batch) == _summary(one)
    assert [r.status for r in one] == [
        "unchanged", "changed", "held", "changed", "unchanged", "new", "changed",
        "changed", "new", "held", "unchanged", "held", "held", "unchanged",
    ]  # fmt: skip
    with session_scope(db_url) as s:
        assert _state(s, "batch") == _state(s, "one")
        versions, held = _state(s, "one")
        assert [(h[0], h[4]) for h in held] == [("other", 1)]
        assert [(v[0], v[1], v[4]) for v in versions if v[0] in ("fresh", "shrinks")] == [
            ("fresh", 1, False), ("fresh", 2, True), ("shrinks", 1, False), ("shrinks", 2, True),
        ]  # fmt: skip
    # the same batch again, now in a later transaction: still the one-by-one results
    with session_scope(db_url) as s:
        one = [record_version(s, "one", key, {"stages": _stages(n)}, regression=_fewer_stages) for key, n in BATCH_READS]
    with session_scope(db_url) as s:
        batch = record_versions(s, "batch", [(key, {"stages": _stages(n)}) for key, n in BATCH_READS], regression=_fewer_stages)
    assert _summary(batch) == _summary(one)
    with session_scope(db_url) as s:
        assert _state(s, "batch") == _state(s, "one")


def test_index_passed_to_single_calls_and_keys_it_lacks(db_url):
    """A VersionIndex used one call at a time (as the pipelines do) follows its own writes, and
    looks up a key it was not built with."""
    with session_scope(db_url) as s:
        record_version(s, "bill", 1, {"stages": _stages(3)})
    with session_scope(db_url) as s:
        index = VersionIndex(s, "bill", [1])
        assert 1 in index and 2 not in index
        assert record_version(s, "bill", 1, {"stages": _stages(4)}, index=index).version == 2
        assert record_version(s, "bill", 1, {"stages": _stages(4)}, index=index).status == "unchanged"
        assert record_version(s, "bill", 2, {"stages": _stages(1)}, index=index).status == "new"
        assert record_version(s, "bill", 2, {"stages": _stages(1)}, index=index).status == "unchanged"
        with pytest.raises(ValueError, match="index of 'bill' used for 'consultation'"):
            record_version(s, "consultation", 2, {}, index=index)
    with session_scope(db_url) as s:
        assert [(v.version, v.valid_to is None) for v in history(s, "bill", 1)] == [(1, False), (2, True)]
        assert [v.version for v in history(s, "bill", 2)] == [1]


@contextlib.contextmanager
def _statements(db_url):
    seen: list[str] = []

    def count(conn, cursor, statement, params, context, executemany):
        seen.append(statement)

    engine = get_engine(db_url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_unchanged_records_cost_one_query_and_no_data(db_url):
    """The common path of a re-crawl: one lookup for a whole batch (one for a single call),
    which never reads the stored `data`."""
    records = [(key, {"title": f"Законопроект {key}", "stages": _stages(key % 4)}) for key in range(1, 121)]
    with session_scope(db_url) as s:
        record_versions(s, "bill", records)
    with session_scope(db_url) as s:
        with _statements(db_url) as seen:
            results = record_versions(s, "bill", records)
        assert {r.status for r in results} == {"unchanged"}
        assert len(seen) == 1 and "record_versions.data" not in seen[0]
        with _statements(db_url) as seen:
            assert record_version(s, "bill", 7, dict(records[6][1])).status == "unchanged"
        assert len(seen) == 1 and "record_versions.data" not in seen[0]
    # a changed record reads its stored data (for the diff) in the batch's one load of them
    changed = [(key, {**data, "title": data["title"] + " (изм.)"}) for key, data in records[:30]]
    with session_scope(db_url) as s:
        with _statements(db_url) as seen:
            results = record_versions(s, "bill", changed)
        assert [c.field for c in results[0].changes] == ["title"]
        loads = [q for q in seen if q.lstrip().upper().startswith("SELECT")]
        assert len(loads) == 2  # the lookup, then the 30 stored versions at once


def test_raw_index_finds_kept_answers_and_refreshes_them(db_url):
    bodies = {f"http://x/api/v1/bill/{i}": f'{{"L_Act_id": {i}}}'.encode() for i in range(1, 6)}
    with session_scope(db_url) as s:
        kept = {url: store_raw(s, "parliament", url, body).id for url, body in list(bodies.items())[:3]}
        before = {r.id: r.last_seen_at for r in s.scalars(select(RawPayload))}
    with session_scope(db_url) as s:
        index = RawIndex(s, bodies.items())
        ids = {url: store_raw_id(s, "parliament", url, body, index=index) for url, body in bodies.items()}
        # a repeat of an answer stored by this batch
        url4 = "http://x/api/v1/bill/4"
        assert store_raw_id(s, "parliament", url4, bodies[url4], index=index) == ids[url4]
        index.flush(s)
    assert all(ids[url] == kept[url] for url in kept)
    with session_scope(db_url) as s:
        rows = {r.id: r for r in s.scalars(select(RawPayload))}
        assert len(rows) == 5 and {raw_body(rows[ids[u]]) for u in bodies} == set(bodies.values())
        assert all(rows[i].last_seen_at > before[i] for i in kept.values())
