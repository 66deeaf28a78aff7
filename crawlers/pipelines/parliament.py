"""Store parliament.bg items: raw answer, a version in the history, then the current rows.

For each BillItem: the raw answer goes to `raw_payloads`, the normalised record to
`record_version("bill", id, ...)` (a read with fewer chronology rows than the stored one is
held, not written), and only a new or changed record replaces the Bill row and its children.
ActTextItem (entity "act_text") and AssemblyItem (entity "assembly") work the same way.

Writes are committed in batches (PARLIAMENT_STORE_BATCH items) for speed, and what a batch
needs to know (current versions, raw answers already kept, which bills and act texts have rows)
is looked up for all its items at once (`Prefetched`). If a batch fails
to commit, it is rolled back and replayed item by item, so one bad record costs only itself;
counters are applied only after a commit, so the CrawlRun never counts what was not stored.
An IssueItem commits the batch first: on SQLite a second writer (report_issue's own
session) would otherwise wait on ours.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import Crawler
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from crawlers.parliament.items import ActTextItem, AssemblyItem, BillItem, IssueItem
from crawlers.pipelines.batching import BatchedStorePipeline, Done
from crawlers.runs import stat_key
from db.models import (
    ActText,
    Assembly,
    Bill,
    BillCommittee,
    BillFile,
    BillProposal,
    BillRelation,
    BillReport,
    BillSponsor,
    BillStage,
    utcnow,
)
from db.versioning import RawIndex, VersionIndex, VersionResult, lost_data, record_version, store_raw_id

log = logging.getLogger(__name__)
SOURCE = "parliament"
StoredItem = BillItem | ActTextItem | AssemblyItem


def fewer_stages(stored: dict[str, Any], new: dict[str, Any]) -> str | None:
    """Regression check: a chronology never loses rows, so fewer `activity` rows is a flaky read."""

    def count(data: dict[str, Any]) -> int:
        return len((data.get("stages") or {}).get("activity", ()))

    before, after = count(stored), count(new)
    return f"{after} activity stages instead of the stored {before}" if after < before else None


# Derived from what is checked itself (a status follows the stages): their change is not a loss.
_DERIVED = ("status", "status_date", "source_url")


def bill_regression(stored: dict[str, Any], new: dict[str, Any]) -> str | None:
    """A read that loses anything we hold is held until a second read confirms it: fewer rows in
    any child list (sponsors, committees, stages of every origin, reports, files, relations,
    proposals) or a field emptied (`withdrawn` true→false, a date, a Държавен вестник issue)
    — the shape of a degraded answer (empty lists, missing optional keys), which would otherwise
    change verdicts. Fewer `activity` stages is named first, as before."""
    reasons = [r for r in [fewer_stages(stored, new)] if r]
    reasons += [r for r in lost_data(stored, new, ignore=_DERIVED) if not r.startswith("stages.activity:")]
    return "; ".join(reasons) or None


# --------------------------------------------------------------------------- rows
# Rows are written with Core statements (executemany per child table) rather than ORM objects:
# a bill has ~20 child rows and the unit of work's per-object cost dominated the crawl.


def _children(item: BillItem) -> dict[type, list[dict[str, Any]]]:
    en = enumerate
    return {
        BillSponsor: [{"position": i, "kind": s.kind, "mp_id": s.mp_id, "body_id": s.body_id, "name": s.name} for i, s in en(item.sponsors)],
        BillCommittee: [
            {"position": i, "distribution_id": c.distribution_id, "committee_id": c.committee_id, "name": c.name, "role": c.role, "is_lead": c.is_lead}
            for i, c in en(item.committees)
        ],
        BillStage: [
            {
                "position": i,
                "origin": s.origin,
                "activity_id": s.activity_id,
                "date": s.date,
                "stage": s.stage,
                "event": s.event,
                "plenary_steno_id": s.plenary_steno_id,
                "committee_steno_id": s.committee_steno_id,
                "committee_id": s.committee_id,
                "committee_name": s.committee_name,
                "classification": s.classification,
            }
            for i, s in en(item.stages)
        ],
        BillReport: [
            {
                "position": i,
                "origin": r.origin,
                "report_id": r.report_id,
                "date": r.date,
                "committee_id": r.committee_id,
                "committee_name": r.committee_name,
                "stage": r.stage,
                "subject": r.subject,
            }
            for i, r in en(item.reports)
        ],
        BillFile: [
            {
                "position": i,
                "origin": f.origin,
                "file_id": f.file_id,
                "filename": f.filename,
                "url": f.url,
                "date": f.date,
                "reg_number": f.reg_number,
                "annotation": f.annotation,
            }
            for i, f in en(item.files)
        ],
        BillRelation: [{"position": i, "kind": r.kind, "other_bill_id": r.other_bill_id, "other_title": r.other_title} for i, r in en(item.relations)],
        BillProposal: [
            {
                "position": i,
                "proposal_id": p.proposal_id,
                "reg_number": p.reg_number,
                "date": p.date,
                "annotation": p.annotation,
                "authors": p.authors,
                "files": p.files,
            }
            for i, p in en(item.proposals)
        ],
    }


CHILD_MODELS = (BillSponsor, BillCommittee, BillStage, BillReport, BillFile, BillRelation, BillProposal)
BILL_COLUMNS = (
    "signature", "title", "final_title", "assembly", "session", "submitted_on", "adopted_on", "proposals_deadline",
    "proposals_date2", "veto_on", "veto", "dv_issue", "dv_year", "dv_issue_id", "sync_id", "merged_into_id",
    "withdrawn", "initiator", "status", "status_date", "union_label", "trans_label", "source_url",
)  # fmt: skip


def _raw_id(session: Session, item: StoredItem, index: RawIndex | None = None) -> int | None:
    if item.raw is None:
        return None
    raw = item.raw
    return store_raw_id(session, SOURCE, raw.url, raw.body, http_status=raw.status, content_type=raw.content_type, index=index)


def _exists(session: Session, key_column: Any, key: int) -> bool:
    return session.execute(select(key_column).where(key_column == key)).first() is not None


def _existing(session: Session, key_column: Any, keys: set[int]) -> set[int]:
    found: set[int] = set()
    ordered = sorted(keys)
    for i in range(0, len(ordered), 500):
        found.update(session.scalars(select(key_column).where(key_column.in_(ordered[i : i + 500]))))
    return found


@dataclass
class Prefetched:
    """A batch's lookups, read at once before it is stored (see BatchedStorePipeline)."""

    bills: VersionIndex
    acts: VersionIndex
    raw: RawIndex

    @classmethod
    def load(cls, session: Session, items: list[Any], rows: RowWriter) -> Prefetched:
        bill_ids = {it.id for it in items if isinstance(it, BillItem)}
        act_ids = {it.bill_id for it in items if isinstance(it, ActTextItem)}
        unknown = (bill_ids | act_ids) - rows.known_bills - rows.new_bills
        present = _existing(session, Bill.id, unknown)
        rows.known_bills |= present
        rows.absent_bills |= unknown - present
        acts_present = _existing(session, ActText.bill_id, act_ids)
        rows.known_acts |= acts_present
        rows.absent_acts |= act_ids - acts_present
        return cls(
            bills=VersionIndex(session, "bill", sorted(bill_ids)),
            acts=VersionIndex(session, "act_text", sorted(act_ids)),
            raw=RawIndex(session, [(it.raw.url, it.raw.body) for it in items if getattr(it, "raw", None) is not None]),
        )


_BILL_UPDATE = (
    update(Bill).where(Bill.id == bindparam("b_id"))
    .values({c: bindparam(c) for c in (*BILL_COLUMNS, "content_hash", "version", "last_fetched_at", "last_changed_at")})
)  # fmt: skip
_BILL_TOUCH = update(Bill).where(Bill.id == bindparam("b_id")).values(last_fetched_at=bindparam("ts"))
_ACT_COLUMNS = ("final_title", "body_html", "dv_issue", "dv_year", "adopted_on", "source_url", "content_hash", "version", "fetched_at", "analysis")
_ACT_UPDATE = update(ActText).where(ActText.bill_id == bindparam("b_id")).values({c: bindparam(c) for c in _ACT_COLUMNS})
_ACT_TOUCH = update(ActText).where(ActText.bill_id == bindparam("b_id")).values(fetched_at=bindparam("ts"))


@dataclass
class RowWriter:
    """Current-state rows of a batch, written together at `flush` (executemany per table, in
    foreign-key order): the versions themselves are written at once by `record_version`."""

    replaced: list[int] = field(default_factory=list)  # bills whose children are replaced
    bill_updates: list[dict[str, Any]] = field(default_factory=list)
    bill_inserts: list[dict[str, Any]] = field(default_factory=list)
    bill_touches: list[dict[str, Any]] = field(default_factory=list)
    children: dict[type, list[dict[str, Any]]] = field(default_factory=lambda: {m: [] for m in CHILD_MODELS})
    act_inserts: list[dict[str, Any]] = field(default_factory=list)
    act_updates: list[dict[str, Any]] = field(default_factory=list)
    act_touches: list[dict[str, Any]] = field(default_factory=list)
    new_bills: set[int] = field(default_factory=set)
    queued: set[int] = field(default_factory=set)  # bills whose rows this batch has queued
    known_bills: set[int] = field(default_factory=set)  # stored in this transaction or before: kept across flushes
    # what a batch's look-up found (Prefetched.load), for this batch only
    absent_bills: set[int] = field(default_factory=set)  # no row before this batch
    known_acts: set[int] = field(default_factory=set)
    absent_acts: set[int] = field(default_factory=set)

    def bill_exists(self, session: Session, bill_id: int) -> bool:
        if bill_id in self.known_bills or bill_id in self.new_bills:
            return True
        return bill_id not in self.absent_bills and _exists(session, Bill.id, bill_id)

    def act_exists(self, session: Session, bill_id: int) -> bool:
        if bill_id in self.known_acts:
            return True
        return bill_id not in self.absent_acts and _exists(session, ActText.bill_id, bill_id)

    def drop_queued(self, bill_id: int) -> bool:
        """Forget the rows queued for `bill_id` earlier in this batch (a later read of the same bill
        supersedes them: rows are written per table at `flush`, so both would land, children twice
        and the insert after the update). True when they were the bill's first insert."""
        was_insert = any(r["id"] == bill_id for r in self.bill_inserts)
        self.bill_inserts = [r for r in self.bill_inserts if r["id"] != bill_id]
        self.bill_updates = [r for r in self.bill_updates if r["b_id"] != bill_id]
        for model, rows in self.children.items():
            self.children[model] = [r for r in rows if r["bill_id"] != bill_id]
        return was_insert

    def __len__(self) -> int:
        return len(self.bill_updates) + len(self.bill_inserts) + len(self.bill_touches) + len(self.act_inserts) + len(self.act_updates) + len(self.act_touches)

    def flush(self, session: Session) -> None:
        conn = session.connection()
        for model in CHILD_MODELS:
            for i in range(0, len(self.replaced), 500):
                conn.execute(delete(model.__table__).where(model.__table__.c.bill_id.in_(self.replaced[i : i + 500])))
        if self.bill_updates:
            conn.execute(_BILL_UPDATE, self.bill_updates)
        if self.bill_inserts:
            conn.execute(insert(Bill.__table__), self.bill_inserts)
        if self.bill_touches:
            conn.execute(_BILL_TOUCH, self.bill_touches)
        for model, rows in self.children.items():
            if rows:
                conn.execute(insert(model.__table__), rows)
        if self.act_updates:
            conn.execute(_ACT_UPDATE, self.act_updates)
        if self.act_inserts:
            conn.execute(insert(ActText.__table__), self.act_inserts)
        if self.act_touches:
            conn.execute(_ACT_TOUCH, self.act_touches)
        known = self.known_bills | self.new_bills
        self.__init__()  # type: ignore[misc]
        self.known_bills = known


def store_bill(
    session: Session, item: BillItem, *, crawl_run_id: int | None = None, rows: RowWriter | None = None, batch: Prefetched | None = None
) -> VersionResult:
    """Version the bill and (on new/changed) queue its rows; without `rows`, write them at once.
    `batch`: the lookups of the batch the item belongs to (`rows` must be the batch's writer)."""
    writer = rows if rows is not None else RowWriter()
    now = utcnow()
    result = record_version(
        session, "bill", item.id, item.record(),
        raw_payload_id=_raw_id(session, item, batch and batch.raw), crawl_run_id=crawl_run_id, regression=bill_regression,
        now=now, index=batch and batch.bills,
    )  # fmt: skip
    if result.status == "held":
        return result  # last_fetched_at stays old, so the next run reads the bill again to confirm
    # A version and its Bill row are always written together, so "new" means no row yet.
    exists = result.status != "new" or writer.bill_exists(session, item.id)
    if exists:
        writer.known_bills.add(item.id)
    if exists and not result.written:
        writer.bill_touches.append({"b_id": item.id, "ts": now})
    else:
        cols = {c: getattr(item, c) for c in BILL_COLUMNS}
        cols.update(content_hash=result.content_hash, version=result.version, last_fetched_at=now, last_changed_at=now)
        first_insert = item.id in writer.queued and writer.drop_queued(item.id)
        writer.queued.add(item.id)
        if exists and not first_insert:
            writer.replaced.append(item.id)
            writer.bill_updates.append({"b_id": item.id, **cols})
        else:
            writer.bill_inserts.append({"id": item.id, "first_seen_at": now, **cols})
            writer.new_bills.add(item.id)
        for model, child_rows in _children(item).items():
            writer.children[model].extend({"bill_id": item.id, **row} for row in child_rows)
    if rows is None:
        writer.flush(session)
    return result


def store_act_text(
    session: Session, item: ActTextItem, *, crawl_run_id: int | None = None, rows: RowWriter | None = None, batch: Prefetched | None = None
) -> VersionResult | None:
    """None when the bill is not stored (the act text belongs to a bill row)."""
    writer = rows if rows is not None else RowWriter()
    if not writer.bill_exists(session, item.bill_id):
        return None
    now = utcnow()
    result = record_version(
        session, "act_text", item.bill_id, item.record(),
        raw_payload_id=_raw_id(session, item, batch and batch.raw), crawl_run_id=crawl_run_id, now=now, index=batch and batch.acts,
    )  # fmt: skip
    exists = result.status != "new" or writer.act_exists(session, item.bill_id)
    if exists and not result.written:
        writer.act_touches.append({"b_id": item.bill_id, "ts": now})
    else:
        cols = {
            "final_title": item.final_title,
            "body_html": item.body_html,
            "dv_issue": item.dv_issue,
            "dv_year": item.dv_year,
            "adopted_on": item.adopted_on,
            "source_url": item.source_url,
            "content_hash": result.content_hash,
            "version": result.version,
            "fetched_at": now,
            "analysis": None,  # a cached analysis of the old text
        }
        if exists:
            writer.act_updates.append({"b_id": item.bill_id, **cols})
        else:
            writer.act_inserts.append({"bill_id": item.bill_id, **cols})
    if rows is None:
        writer.flush(session)
    return result


def store_assembly(session: Session, item: AssemblyItem, *, crawl_run_id: int | None = None) -> VersionResult:
    result = record_version(session, "assembly", item.number, item.record(), raw_payload_id=_raw_id(session, item), crawl_run_id=crawl_run_id)
    if _exists(session, Assembly.number, item.number):
        if result.written:
            session.execute(update(Assembly).where(Assembly.number == item.number).values(api_id=item.api_id, name=item.name))
    else:
        session.execute(insert(Assembly).values(number=item.number, api_id=item.api_id, name=item.name))
    return result


# --------------------------------------------------------------------------- pipeline


class ParliamentStorePipeline(BatchedStorePipeline):
    item_types = (BillItem, ActTextItem, AssemblyItem)
    issue_types = (IssueItem,)
    batch_setting = "PARLIAMENT_STORE_BATCH"

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.rows = RowWriter()

    def item_key(self, item: Any) -> str:
        return _key(item)

    def todo_key(self, item: Any) -> str | None:
        return str(item.id) if isinstance(item, BillItem) else None

    def prepare_batch(self, items: list[Any]) -> Prefetched:
        assert self.session is not None
        return Prefetched.load(self.session, items, self.rows)

    def before_commit(self) -> None:
        if self.prefetched is not None:
            self.prefetched.raw.flush(self.session)
        self.rows.flush(self.session)

    def reset_buffers(self) -> None:
        self.rows = RowWriter()

    def store_item(self, item: StoredItem) -> Done:
        assert self.session is not None
        if isinstance(item, BillItem):
            result = store_bill(self.session, item, crawl_run_id=self.run_id, rows=self.rows, batch=self.prefetched)
            done = Done([stat_key(result.status)])
            if result.status == "held":
                done.issues.append(IssueItem("held", f"update held back: {result.reason}", item.source_url, str(item.id)))
            return done
        if isinstance(item, ActTextItem):
            act = store_act_text(self.session, item, crawl_run_id=self.run_id, rows=self.rows, batch=self.prefetched)
            if act is None:
                return Done([], [IssueItem("store_error", "act text for a bill that is not stored; skipped", item.source_url, str(item.bill_id))])
            return Done([stat_key(f"act_text/{act.status}")])
        result = store_assembly(self.session, item, crawl_run_id=self.run_id)
        return Done([stat_key(f"assembly/{result.status}")])


def _key(item: Any) -> str:
    return str(getattr(item, "id", None) or getattr(item, "bill_id", None) or getattr(item, "number", "?"))
