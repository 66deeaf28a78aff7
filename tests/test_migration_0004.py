"""Migration 0004_strategy_messages on a database holding data of 0003: the bills' misnamed
`proposals_from/_until` become `proposals_deadline/_date2` in the rows and in the stored versions
(hashes recomputed, so an unchanged bill stays unchanged), stored document types take the
portal's exact labels, and the справка-message columns exist. SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from alembic import command

from db import migrate
from db.engine import dispose_engines, get_engine, session_scope
from db.models import Bill, Consultation, RecordChange, RecordVersion
from db.versioning import content_hash


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path):
    """An empty database (not migrated) on SQLite and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    from conftest import _drop_pg_database, _fresh_pg_database

    url, name = _fresh_pg_database(request.getfixturevalue("pg_server"))
    try:
        yield url
    finally:
        _drop_pg_database(name)


def test_upgrade_renames_bill_fields_and_document_labels(empty_url):
    url = empty_url
    migrate.upgrade(url, "0003_login_throttles")
    old = {"id": 1, "title": "Законопроект", "proposals_from": "2026-10-01", "proposals_until": None}
    now = dt.datetime(2026, 11, 1)
    with get_engine(url).begin() as conn:
        conn.execute(sa.text(
            "insert into bills (id, signature, title, initiator, status, source_url, content_hash, version, proposals_from, "
            "withdrawn, first_seen_at, last_fetched_at, last_changed_at) values (1, '52-602-01-1', 'Законопроект', "
            "'council_of_ministers', 'submitted', 'u', :h, 1, '2026-10-01', false, :t, :t, :t)"), {"h": content_hash(old), "t": now})
        conn.execute(sa.text(
            "insert into record_versions (id, entity, entity_key, version, content_hash, data, valid_from) "
            "values (1, 'bill', '1', 1, :h, :d, :t)"), {"h": content_hash(old), "d": json.dumps(old), "t": now})
        conn.execute(sa.text(
            "insert into record_changes (version_id, entity, entity_key, field, changed_at) values (1, 'bill', '1', 'proposals_from', :t)"), {"t": now})
        conn.execute(sa.text(
            "insert into consultations (id, reg_num, title, source, source_url, content_hash, version, first_seen_at, "
            "last_fetched_at, last_changed_at) values (5, '5-K', 'Проект', 'html', 'u', 'h', 1, :t, :t, :t)"), {"t": now})
        conn.execute(sa.text(
            "insert into consultation_documents (consultation_id, position, doc_type, type_inferred, url) "
            "values (5, 0, 'Справка за получените предложения', true, 'https://strategy.bg/download/1')"))
    dispose_engines()
    migrate.upgrade(url)
    with session_scope(url) as s:
        bill = s.get(Bill, 1)
        assert bill.proposals_deadline == dt.date(2026, 10, 1) and bill.proposals_date2 is None
        version = s.get(RecordVersion, 1)
        assert version.data == {"id": 1, "title": "Законопроект", "proposals_deadline": "2026-10-01", "proposals_date2": None}
        assert version.content_hash == content_hash(version.data) == bill.content_hash
        assert s.scalar(sa.select(RecordChange.field)) == "proposals_deadline"
        c = s.get(Consultation, 5)
        assert [d.doc_type for d in c.documents] == ["Справка за получените предложения/съобщение"]
        assert c.spravka_message is None and c.page_checked_at is None
    dispose_engines()
    command.downgrade(migrate.alembic_config(url), "0003_login_throttles")  # and back
    with get_engine(url).connect() as conn:
        assert conn.execute(sa.text("select proposals_from from bills")).scalar() in ("2026-10-01", dt.date(2026, 10, 1))
        data = conn.execute(sa.text("select data from record_versions")).scalar()
        assert (data if isinstance(data, dict) else json.loads(data))["proposals_from"] == "2026-10-01"
    dispose_engines()
