"""History of every stored record.

A record is stored as a normalised, JSON-able dict. `record_version` compares it with
the current version by content hash:

- no current version        -> "new": version 1 is written;
- same hash                 -> "unchanged": nothing is written;
- different hash            -> "changed": the old version is closed (`valid_to`), a new
                               one written, and the field-level diff kept in `record_changes`;
- a suspicious regression   -> "held": kept aside in `held_updates`, not written, until a
  (the caller's `regression`    later read with the same content confirms it ("changed")
   check says why)              or a read equal to the stored version discards it.

Raw answers are kept once per (url, sha256), zlib-compressed, in `raw_payloads`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import HeldUpdate, RawPayload, RecordChange, RecordVersion, utcnow

Status = Literal["new", "changed", "unchanged", "held"]
# Given (stored data, new data), the reason to hold the new data back, or None.
RegressionCheck = Callable[[dict[str, Any], dict[str, Any]], str | None]

# A held update is applied once it has been read this many times in a row.
HOLD_CONFIRMATIONS = 2


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def content_hash(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class VersionResult:
    status: Status
    version: int
    content_hash: str
    changes: list[FieldChange] = field(default_factory=list)
    reason: str | None = None  # why a record was held

    @property
    def written(self) -> bool:
        return self.status in ("new", "changed")


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out or {prefix: {}}
    if isinstance(value, list):
        out = {}
        for i, v in enumerate(value):
            out.update(_flatten(v, f"{prefix}[{i}]"))
        return out or {prefix: []}
    return {prefix: value}


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Field-level differences as dotted paths (`stages[3].date`), sorted by path."""
    a, b = _flatten(old), _flatten(new)
    return [FieldChange(k, a.get(k), b.get(k)) for k in sorted(a.keys() | b.keys()) if a.get(k) != b.get(k)]


def current_version(session: Session, entity: str, key: str) -> RecordVersion | None:
    return session.scalar(
        select(RecordVersion).where(
            RecordVersion.entity == entity, RecordVersion.entity_key == key, RecordVersion.valid_to.is_(None)
        )
    )


def record_version(
    session: Session,
    entity: str,
    key: str | int,
    data: dict[str, Any],
    *,
    raw_payload_id: int | None = None,
    crawl_run_id: int | None = None,
    regression: RegressionCheck | None = None,
    now: dt.datetime | None = None,
) -> VersionResult:
    """Write `data` as the next version of (`entity`, `key`) if it differs; see the module doc."""
    key = str(key)
    now = now or utcnow()
    digest = content_hash(data)
    cur = current_version(session, entity, key)
    held = session.scalar(select(HeldUpdate).where(HeldUpdate.entity == entity, HeldUpdate.entity_key == key))

    if cur is not None and cur.content_hash == digest:
        if held is not None:  # the source is back to what we hold: the regression was a flake
            session.delete(held)
        return VersionResult("unchanged", cur.version, digest)

    if cur is not None and regression is not None:
        reason = regression(cur.data, data)
        if reason:
            if held is not None and held.content_hash == digest:
                held.seen_count += 1
                held.last_seen_at = now
                if held.seen_count < HOLD_CONFIRMATIONS:
                    return VersionResult("held", cur.version, digest, reason=reason)
                session.delete(held)  # confirmed by repeated reads: apply it
            else:
                if held is None:
                    held = HeldUpdate(entity=entity, entity_key=key, first_seen_at=now)
                    session.add(held)
                held.content_hash, held.data, held.reason = digest, data, reason
                held.seen_count, held.last_seen_at, held.raw_payload_id = 1, now, raw_payload_id
                return VersionResult("held", cur.version, digest, reason=reason)
    elif held is not None:
        session.delete(held)

    changes = diff(cur.data, data) if cur is not None else []
    if cur is not None:
        cur.valid_to = now
    row = RecordVersion(
        entity=entity,
        entity_key=key,
        version=(cur.version + 1) if cur is not None else 1,
        content_hash=digest,
        data=data,
        valid_from=now,
        raw_payload_id=raw_payload_id,
        crawl_run_id=crawl_run_id,
    )
    row.changes = [
        RecordChange(entity=entity, entity_key=key, field=c.field[:200], old_value=c.old, new_value=c.new, changed_at=now)
        for c in changes
    ]
    session.add(row)
    session.flush()
    return VersionResult("new" if cur is None else "changed", row.version, digest, changes)


def history(session: Session, entity: str, key: str | int) -> list[RecordVersion]:
    return list(
        session.scalars(
            select(RecordVersion)
            .where(RecordVersion.entity == entity, RecordVersion.entity_key == str(key))
            .order_by(RecordVersion.version)
        )
    )


def store_raw(
    session: Session,
    source: str,
    url: str,
    body: bytes,
    *,
    http_status: int | None = None,
    content_type: str | None = None,
    now: dt.datetime | None = None,
) -> RawPayload:
    """Keep a raw answer once per (url, sha256); a repeat only refreshes `last_seen_at`."""
    now = now or utcnow()
    digest = hashlib.sha256(body).hexdigest()
    row = session.scalar(select(RawPayload).where(RawPayload.url == url, RawPayload.sha256 == digest))
    if row is None:
        row = RawPayload(
            source=source,
            url=url,
            sha256=digest,
            fetched_at=now,
            last_seen_at=now,
            http_status=http_status,
            content_type=content_type,
            size=len(body),
            body_zlib=zlib.compress(body, 6),
        )
        session.add(row)
        session.flush()
    else:
        row.last_seen_at = now
    return row


def raw_body(row: RawPayload) -> bytes:
    return zlib.decompress(row.body_zlib)
