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

The common case, a re-read of an unchanged record, costs one lookup of the current version's
hash and of a held update (no `data`, which is read only when a diff or a regression check
needs it). A batch reads those lookups for all its keys at once: `record_versions`, or a
`VersionIndex` passed to `record_version` by a caller that stores a batch one record at a time
(the crawl pipelines); the index is then kept up to date with what is written through it, so a
key repeated in a batch sees its own earlier write, and the writes are left to the session's
next flush (a query or the commit).

Raw answers are kept once per (url, sha256), zlib-compressed, in `raw_payloads`; a `RawIndex`
does the same lookup for a batch of answers.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import bindparam, inspect, literal_column, select, tuple_, union_all, update
from sqlalchemy.orm import Session

from db.models import HeldUpdate, RawPayload, RecordChange, RecordVersion, utcnow

Status = Literal["new", "changed", "unchanged", "held"]
# Given (stored data, new data), the reason to hold the new data back, or None.
RegressionCheck = Callable[[dict[str, Any], dict[str, Any]], str | None]

# A held update is applied once it has been read this many times in a row.
HOLD_CONFIRMATIONS = 2


def _empty(value: Any) -> bool:
    return value is None or value == "" or value is False or value == 0 or value == [] or value == {}


def lost_data(stored: dict[str, Any], new: dict[str, Any], *, ignore: Iterable[str] = (), _prefix: str = "") -> list[str]:
    """What `new` loses of `stored`: a list with fewer rows, a field that had a value and is now
    empty (None, "", false, 0). A regression check built on it holds such a read until a second
    read confirms it: a degraded answer (empty child lists, missing optional keys) must not
    overwrite good data, and a real loss is applied one read later. Keys absent from `new` are
    not a loss (a record's keys come from our own code, not from the source)."""
    reasons: list[str] = []
    skip = set(ignore)
    for key, old in stored.items():
        if key in skip or key not in new:
            continue
        name, value = f"{_prefix}{key}", new[key]
        if isinstance(old, dict) and isinstance(value, dict):
            reasons += lost_data(old, value, _prefix=f"{name}.")
        elif isinstance(old, list) and isinstance(value, list):
            if len(value) < len(old):
                reasons.append(f"{name}: {len(value)} rows instead of the stored {len(old)}")
        elif isinstance(old, list) and value is None and old:
            reasons.append(f"{name}: none instead of the stored {len(old)} rows")
        elif not _empty(old) and _empty(value):
            reasons.append(f"{name}: {value!r} instead of the stored {str(old)[:60]!r}")
    return reasons


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


# Keys per IN list: well under SQLite's and PostgreSQL's bound-parameter limits.
_CHUNK = 500


@dataclass
class _Known:
    """One key's current version and held update, as far as a lookup and this session's own
    writes tell. The rows themselves are loaded only when needed (`row`/`held` then hold them)."""

    version_id: int | None = None
    version: int = 0
    content_hash: str | None = None
    row: RecordVersion | None = None
    held_id: int | None = None
    held_hash: str | None = None
    held: HeldUpdate | None = None

    @property
    def exists(self) -> bool:
        return self.version_id is not None or self.row is not None

    @property
    def has_held(self) -> bool:
        return self.held_id is not None or self.held is not None


# The lookup of a chunk of keys: the current version (id, number, hash: never the data) and the
# held update (id, hash) in one statement, built once (it runs for every record stored).
_LOOKUP = union_all(
    select(
        literal_column("'v'").label("kind"), RecordVersion.entity_key, RecordVersion.id, RecordVersion.version,
        RecordVersion.content_hash,
    ).where(
        RecordVersion.entity == bindparam("entity"), RecordVersion.entity_key.in_(bindparam("keys", expanding=True)),
        RecordVersion.valid_to.is_(None),
    ),
    select(literal_column("'h'"), HeldUpdate.entity_key, HeldUpdate.id, literal_column("0"), HeldUpdate.content_hash).where(
        HeldUpdate.entity == bindparam("entity"), HeldUpdate.entity_key.in_(bindparam("keys", expanding=True))
    ),
)  # fmt: skip


def _lookup(session: Session, entity: str, keys: Sequence[str]) -> dict[str, _Known]:
    """Current (id, version, hash) and held (id, hash) of `keys`: one query per chunk of keys."""
    found = {k: _Known() for k in keys}
    for i in range(0, len(keys), _CHUNK):
        for kind, key, row_id, version, digest in session.execute(_LOOKUP, {"entity": entity, "keys": list(keys[i : i + _CHUNK])}):
            k = found[key]
            if kind == "v":
                k.version_id, k.version, k.content_hash = row_id, version, digest
            else:
                k.held_id, k.held_hash = row_id, digest
    return found


class VersionIndex:
    """The lookups of `record_version` for many keys of one entity, read at once.

    Pass it to `record_version(..., index=)`: a key it holds costs no query, a key it lacks is
    looked up then. It follows what is written through it, so it is valid for one transaction
    in which every write of these keys goes through it; the writes are not flushed by
    `record_version` but by the session's next query or commit.
    """

    def __init__(self, session: Session, entity: str, keys: Iterable[str | int] = ()):
        self.entity = entity
        self._known: dict[str, _Known] = {}
        self.load(session, keys)

    def load(self, session: Session, keys: Iterable[str | int]) -> None:
        missing = [k for k in dict.fromkeys(str(k) for k in keys) if k not in self._known]
        if missing:
            self._known.update(_lookup(session, self.entity, missing))

    def known(self, session: Session, key: str) -> _Known:
        if key not in self._known:
            self.load(session, [key])
        return self._known[key]

    def __contains__(self, key: object) -> bool:
        return str(key) in self._known


# By primary key, without autoflush: a row this session changed is in its identity map (and
# returned from there), so flushing first would only break a batch's writes into single ones.


def _current_row(session: Session, known: _Known) -> RecordVersion | None:
    if known.row is None and known.version_id is not None:
        with session.no_autoflush:
            known.row = session.get(RecordVersion, known.version_id)
    return known.row


def _held_row(session: Session, known: _Known) -> HeldUpdate | None:
    if known.held is None and known.held_id is not None:
        with session.no_autoflush:
            known.held = session.get(HeldUpdate, known.held_id)
    return known.held


def _drop_held(session: Session, known: _Known) -> None:
    held = _held_row(session, known)
    if held is not None:
        if inspect(held).pending:
            session.expunge(held)  # added by this batch and never written
        else:
            session.delete(held)
            # now, so that a new held update of the same key later in this batch is not
            # inserted before this delete (the unit of work inserts first: unique key)
            session.flush()
    known.held_id = known.held_hash = known.held = None


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
    index: VersionIndex | None = None,
) -> VersionResult:
    """Write `data` as the next version of (`entity`, `key`) if it differs; see the module doc.

    Without `index` the lookup is one query and a written version is flushed at once; with it
    (a batch), the lookup comes from the index and the write waits for the session's next flush.
    """
    key = str(key)
    if index is None:
        known = _lookup(session, entity, [key])[key]
    elif index.entity != entity:
        raise ValueError(f"a version index of {index.entity!r} used for {entity!r} {key}")
    else:
        known = index.known(session, key)
    result = _record(
        session, entity, key, data, content_hash(data), known,
        raw_payload_id=raw_payload_id, crawl_run_id=crawl_run_id, regression=regression, now=now or utcnow(),
    )  # fmt: skip
    if index is None and result.written:
        session.flush()
    return result


def _record(
    session: Session,
    entity: str,
    key: str,
    data: dict[str, Any],
    digest: str,
    known: _Known,
    *,
    raw_payload_id: int | None,
    crawl_run_id: int | None,
    regression: RegressionCheck | None,
    now: dt.datetime,
) -> VersionResult:
    """The decision and the writes of `record_version`, `known` being the key's lookup (updated)."""
    if known.exists and known.content_hash == digest:
        if known.has_held:  # the source is back to what we hold: the regression was a flake
            _drop_held(session, known)
        return VersionResult("unchanged", known.version, digest)

    # Changed (or held): the stored data is needed for the regression check and the diff.
    cur = _current_row(session, known) if known.exists else None
    if cur is not None and regression is not None:
        reason = regression(cur.data, data)
        if reason:
            held = _held_row(session, known) if known.has_held else None
            if held is not None and known.held_hash == digest:
                held.seen_count += 1
                held.last_seen_at = now
                if held.seen_count < HOLD_CONFIRMATIONS:
                    return VersionResult("held", cur.version, digest, reason=reason)
                _drop_held(session, known)  # confirmed by repeated reads: apply it
            else:
                if held is None:
                    held = HeldUpdate(entity=entity, entity_key=key, first_seen_at=now)
                    session.add(held)
                    known.held = held
                held.content_hash, held.data, held.reason = digest, data, reason
                held.seen_count, held.last_seen_at, held.raw_payload_id = 1, now, raw_payload_id
                known.held_hash = digest
                return VersionResult("held", cur.version, digest, reason=reason)
    elif known.has_held:
        _drop_held(session, known)

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
    known.row, known.version_id, known.version, known.content_hash = row, None, row.version, digest
    return VersionResult("new" if cur is None else "changed", row.version, digest, changes)


VersionInput = tuple[str | int, dict[str, Any]] | tuple[str | int, dict[str, Any], int | None]


def record_versions(
    session: Session,
    entity: str,
    items: Iterable[VersionInput],
    *,
    crawl_run_id: int | None = None,
    regression: RegressionCheck | None = None,
    now: dt.datetime | None = None,
) -> list[VersionResult]:
    """`record_version` for each (key, data[, raw_payload_id]) in order, with one lookup for
    all keys and one load of the stored versions that differ; the same results as one call per
    item (a repeated key sees its earlier write). The writes are flushed at the end."""
    items = [(str(it[0]), it[1], it[2] if len(it) > 2 else None) for it in items]
    digests = [content_hash(data) for _, data, _ in items]
    index = VersionIndex(session, entity, [key for key, _, _ in items])
    # the stored versions a diff or a regression check will read, in one query
    differing: dict[int, _Known] = {}
    for (key, _, _), digest in zip(items, digests):
        known = index.known(session, key)
        if known.version_id is not None and known.content_hash != digest:
            differing[known.version_id] = known
    ids = sorted(differing)
    with session.no_autoflush:
        for i in range(0, len(ids), _CHUNK):
            for row in session.scalars(select(RecordVersion).where(RecordVersion.id.in_(ids[i : i + _CHUNK]))):
                differing[row.id].row = row
    results = []
    for (key, data, raw_id), digest in zip(items, digests):
        result = _record(
            session, entity, key, data, digest, index.known(session, key),
            raw_payload_id=raw_id, crawl_run_id=crawl_run_id, regression=regression, now=now or utcnow(),
        )  # fmt: skip
        results.append(result)
    session.flush()
    return results


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


class RawIndex:
    """The raw answers of a batch already kept, looked up in one query per chunk by (url, sha256).

    `store_raw_id(..., index=)` uses it; a repeat's `last_seen_at` refresh is queued and written
    by `flush` (before the batch commits), one executemany instead of one UPDATE per answer.
    """

    _TOUCH = (
        update(RawPayload.__table__).where(RawPayload.__table__.c.id == bindparam("raw_id")).values(last_seen_at=bindparam("ts"))
    )

    def __init__(self, session: Session, answers: Iterable[tuple[str, bytes]] = ()):
        self._ids: dict[tuple[str, str], int] = {}
        self._touched: dict[int, dt.datetime] = {}
        pairs = list({(url, hashlib.sha256(body).hexdigest()) for url, body in answers})
        for i in range(0, len(pairs), _CHUNK):
            chunk = pairs[i : i + _CHUNK]
            rows = session.execute(
                select(RawPayload.id, RawPayload.url, RawPayload.sha256).where(tuple_(RawPayload.url, RawPayload.sha256).in_(chunk))
            )
            self._ids.update(((url, digest), row_id) for row_id, url, digest in rows)

    def flush(self, session: Session) -> None:
        if self._touched:
            session.connection().execute(self._TOUCH, [{"raw_id": i, "ts": ts} for i, ts in self._touched.items()])
            self._touched = {}


def store_raw_id(
    session: Session,
    source: str,
    url: str,
    body: bytes,
    *,
    http_status: int | None = None,
    content_type: str | None = None,
    now: dt.datetime | None = None,
    index: RawIndex | None = None,
) -> int:
    """`store_raw(...).id`; with `index`, a repeat it knows costs no query (see RawIndex)."""
    if index is not None:
        raw_id = index._ids.get((url, hashlib.sha256(body).hexdigest()))
        if raw_id is not None:
            index._touched[raw_id] = now or utcnow()
            return raw_id
    row = store_raw(session, source, url, body, http_status=http_status, content_type=content_type, now=now)
    if index is not None:
        index._ids[(url, row.sha256)] = row.id
    return row.id
