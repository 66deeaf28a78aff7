"""A crawl's to-do and its reconciliation with what the source has ever listed (`crawl_todo`).

A spider tells its `Todo` what the source listed (`listed`), which records it asked for
(`asked`), which listings it read or failed (`list_read`, `list_failed`); the store pipeline
tells it what was stored (`read`). When the run closes (`crawlers.runs`), `save` writes it:

- a record listed or asked for and not read is to do: a later run asks for it again (`pending`),
  whatever its incremental plan says, until it is read — a first crawl that met failures never
  loses a record to the switch to incremental mode;
- a record read for the first time (new) is read once more by the next run (`confirm`): a
  degraded first answer (empty lists, missing optional keys) cannot be told from a poor record,
  and the second read corrects it (or, if it is the second that is degraded, is held). Which
  reads are confirmed is the source's pipeline's choice (`to_confirm`): parliament.bg every
  new bill; strategy.bg, whose API allows a read per 1.1 s, only a consultation read from its
  page or whose answer looked degraded;
- a listing that failed (`list:<key>`) is to do the same way: the next run lists it again;
- `short_listings` compares what this run's listings gave with what the same listings gave
  before: a listing far shorter than its history is a degraded answer, not a quiet night.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import CrawlTodo, utcnow

LIST_PREFIX = "list:"
# A listing that gives less than this share of what it listed before is short (inferred: the
# sources only add records to a month or to the consultations list; the share leaves room for a
# record the source takes down, never for half a list).
SHORT_LISTING_SHARE = 0.5
# Below this many records of history a short listing is not judged (a young month).
SHORT_LISTING_MIN_HISTORY = 3


@dataclass
class ShortListing:
    list_key: str
    listed: int
    before: int

    def __str__(self) -> str:
        return f"listing {self.list_key} gave {self.listed} records where it gave {self.before} before"


@dataclass
class Todo:
    source: str
    listed_rows: dict[str, tuple[str | None, dt.date | None]] = field(default_factory=dict)
    asked_keys: set[str] = field(default_factory=set)
    read_keys: set[str] = field(default_factory=set)
    new_keys: set[str] = field(default_factory=set)
    errors: dict[str, str] = field(default_factory=dict)
    lists_read: dict[str, dt.date | None] = field(default_factory=dict)  # list key -> since (None: all)
    lists_failed: dict[str, str] = field(default_factory=dict)

    # -- what the spider and the pipeline report

    def listed(self, key: object, list_key: str | None = None, listed_on: dt.date | None = None) -> None:
        key = str(key)
        if key not in self.listed_rows or self.listed_rows[key][0] is None:
            self.listed_rows[key] = (list_key, listed_on)

    def asked(self, key: object) -> None:
        self.asked_keys.add(str(key))

    def read(self, key: object, *, new: bool = False) -> None:
        self.read_keys.add(str(key))
        if new:
            self.new_keys.add(str(key))

    def failed(self, key: object, message: str) -> None:
        self.errors.setdefault(str(key), message)

    def list_read(self, list_key: str, since: dt.date | None = None) -> None:
        self.lists_read.setdefault(list_key, since)

    def list_failed(self, list_key: str, message: str) -> None:
        self.lists_failed.setdefault(list_key, message)

    # -- figures of this run

    @property
    def unread(self) -> set[str]:
        return self.asked_keys - self.read_keys

    @property
    def asked_and_read(self) -> int:
        return len(self.asked_keys & self.read_keys)

    # -- the database

    def pending(self, session: Session, limit: int | None = None) -> list[str]:
        """Record keys listed before and never read, oldest first (listings: `pending_lists`)."""
        q = (
            select(CrawlTodo.record_key)
            .where(CrawlTodo.source == self.source, CrawlTodo.read_at.is_(None), ~CrawlTodo.record_key.startswith(LIST_PREFIX))
            .order_by(CrawlTodo.first_listed_at, CrawlTodo.id)
        )
        return list(session.scalars(q.limit(limit) if limit else q))

    def to_confirm(self, session: Session, limit: int) -> list[str]:
        """Records read once, as new, to read again: the newest first (a back-fill's thousands
        trickle in behind the night's few), at most `limit` (0: none) per run."""
        if limit <= 0:
            return []
        q = (
            select(CrawlTodo.record_key)
            .where(CrawlTodo.source == self.source, CrawlTodo.confirm.is_(True), CrawlTodo.read_at.is_not(None))
            .order_by(CrawlTodo.read_at.desc(), CrawlTodo.id.desc())
            .limit(limit)
        )
        return list(session.scalars(q))

    def pending_lists(self, session: Session) -> list[str]:
        q = select(CrawlTodo.record_key).where(
            CrawlTodo.source == self.source, CrawlTodo.read_at.is_(None), CrawlTodo.record_key.startswith(LIST_PREFIX)
        )
        return [k[len(LIST_PREFIX) :] for k in session.scalars(q)]

    def history(self, session: Session, list_key: str, since: dt.date | None = None) -> int:
        """How many records the listing `list_key` (from `since`) has ever listed."""
        q = select(func.count()).select_from(CrawlTodo).where(CrawlTodo.source == self.source, CrawlTodo.list_key == list_key)
        if since is not None:
            q = q.where(CrawlTodo.listed_on >= since)
        return int(session.scalar(q) or 0)

    def short_listings(self, session: Session) -> list[ShortListing]:
        """The listings read in full this run, taken together, when they gave far fewer records
        than they gave before (call before `save`). Together: a month of parliament.bg lists a
        handful of bills, too few to judge alone, and a degraded answer empties them all."""
        now = before = 0
        names = []
        for list_key, since in sorted(self.lists_read.items(), key=lambda kv: kv[0]):
            if list_key in self.lists_failed:
                continue
            names.append(list_key)
            now += sum(1 for lk, on in self.listed_rows.values() if lk == list_key and (since is None or (on is not None and on >= since)))
            before += self.history(session, list_key, since)
        if before >= SHORT_LISTING_MIN_HISTORY and now < before * SHORT_LISTING_SHARE:
            label = names[0] if len(names) == 1 else f"{names[0]}..{names[-1]} ({len(names)} lists)"
            return [ShortListing(label, now, before)]
        return []

    def save(self, session: Session, now: dt.datetime | None = None) -> None:
        now = now or utcnow()
        rows: dict[str, tuple[str | None, dt.date | None]] = dict(self.listed_rows)
        for key in self.asked_keys | self.new_keys:
            rows.setdefault(key, (None, None))
        for key in self.lists_failed:
            rows[LIST_PREFIX + key] = (None, None)
        for key in self.lists_read:
            if key not in self.lists_failed:
                rows.setdefault(LIST_PREFIX + key, (None, None))
        keys = sorted(rows)
        existing: dict[str, CrawlTodo] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            existing.update(
                (t.record_key, t)
                for t in session.scalars(select(CrawlTodo).where(CrawlTodo.source == self.source, CrawlTodo.record_key.in_(chunk)))
            )
        for key in keys:
            list_key, listed_on = rows[key]
            todo = existing.get(key)
            if todo is None:
                todo = CrawlTodo(source=self.source, record_key=key, first_listed_at=now, attempts=0, confirm=False)
                session.add(todo)
            if key in self.listed_rows:
                todo.last_listed_at = now
                if list_key is not None:
                    todo.list_key, todo.listed_on = list_key, listed_on or todo.listed_on
            if key.startswith(LIST_PREFIX):
                name = key[len(LIST_PREFIX) :]
                ok = name not in self.lists_failed
                error = self.lists_failed.get(name)
            else:
                ok = key in self.read_keys
                error = self.errors.get(key) or ("asked for and not read" if key in self.asked_keys else None)
                if not ok and key not in self.asked_keys:
                    continue  # listed, not asked for this run (the spider marks what it holds as read)
            if ok:
                todo.read_at, todo.attempts, todo.last_error = now, 0, None
                todo.confirm = key in self.new_keys
            else:
                todo.attempts = (todo.attempts or 0) + 1
                todo.last_attempt_at, todo.last_error = now, (error or "not read")[:2000]
                if key.startswith(LIST_PREFIX):
                    todo.read_at = None
