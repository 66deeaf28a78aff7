"""The history mechanism and the migrations, on SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import func, select

from db import migrate
from db.engine import get_engine, session_scope
from db.models import Base, HeldUpdate, RawPayload, RecordChange, RecordVersion
from db.versioning import diff, history, raw_body, record_version, store_raw


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
