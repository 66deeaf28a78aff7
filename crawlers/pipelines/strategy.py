"""Store strategy.bg items: raw answer, a version in the history, then the current rows.

For each ConsultationItem: the raw answer (or the report row) goes to `raw_payloads`, the
normalised record to `record_version("consultation", id, ...)`, and only a new or changed
record replaces the Consultation row and its documents. A read that drops documents we hold,
or has fewer comments than we counted, is held (`held_updates`) until a later read confirms it.
CouncilActItem (entity "council_act", ПРИС) works the same way.

A consultation the full report repeats far from its first row (the report repeats one
consultation per consultation document) is merged with what this run already stored for it,
not treated as a regression.

Writes are committed in batches (STRATEGY_STORE_BATCH items), with what a batch needs to know
(current versions, raw answers already kept, the current rows) looked up for all its items at
once (`Prefetched`); a failed batch is rolled back
and replayed item by item, so one bad record costs only itself, and counters are applied only
after a commit. An IssueItem commits the batch first: on SQLite report_issue's own session
would otherwise wait on ours.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import Crawler
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawlers.pipelines.batching import BatchedStorePipeline, Done
from crawlers.runs import stat_key
from crawlers.strategy.items import (
    ConsultationDocumentItem,
    ConsultationItem,
    CouncilActItem,
    IssueItem,
    SpravkaMessageItem,
    consultation_from_record,
)
from db.models import Consultation, ConsultationDocument, CouncilAct, utcnow
from db.versioning import RawIndex, VersionIndex, VersionResult, current_version, lost_data, record_version, store_raw_id

log = logging.getLogger(__name__)
StoredItem = ConsultationItem | CouncilActItem


def _doc_key(doc: dict[str, Any]) -> Any:
    return doc.get("file_id") or doc.get("url")


def consultation_regression(stored: dict[str, Any], new: dict[str, Any]) -> str | None:
    """Documents are never withdrawn from a consultation and comments only accumulate, so
    losing either is more likely a flaky answer than a change."""
    before = {_doc_key(d) for d in stored.get("documents") or ()}
    after = {_doc_key(d) for d in new.get("documents") or ()}
    reasons = []
    lost = before - after
    if lost:
        reasons.append(f"drops {len(lost)} of the {len(before)} documents we hold")
    if (new.get("comments_count") or 0) < (stored.get("comments_count") or 0):
        reasons.append(f"comments fell from {stored.get('comments_count')} to {new.get('comments_count')}")
    # Any other field emptied (description, short_term_reason read by CONS-03, pris_id, ...): the
    # shape of an answer missing optional keys; held until a second read confirms it.
    reasons += lost_data(stored, new, ignore=_CONSULTATION_CHECKED)
    return "; ".join(reasons) or None


# Checked above by what they mean, or not data of the source (where it was read from).
_CONSULTATION_CHECKED = ("documents", "comments_count", "source", "source_url")


def council_act_regression(stored: dict[str, Any], new: dict[str, Any]) -> str | None:
    reasons = []
    if stored.get("public_consultation_number") and not new.get("public_consultation_number"):
        reasons.append(f"public_consultation_number {stored['public_consultation_number']} disappeared")
    lost = {r.get("pris_id") for r in stored.get("related") or ()} - {r.get("pris_id") for r in new.get("related") or ()}
    if lost:
        reasons.append(f"drops {len(lost)} related act(s)")
    reasons += lost_data(stored, new, ignore=("public_consultation_number", "related", "source_url"))
    return "; ".join(reasons) or None


def _raw_url(item: StoredItem) -> str:
    return item.raw_url or item.source_url


def _raw_id(session: Session, source: str, item: StoredItem, index: RawIndex | None = None) -> int | None:
    if item.raw is None:
        return None
    ctype = "text/html" if getattr(item, "source", "") == "html" else "application/json"
    return store_raw_id(session, source, _raw_url(item), item.raw, http_status=200, content_type=ctype, index=index)


@dataclass
class Prefetched:
    """A batch's lookups, read at once before it is stored (see BatchedStorePipeline)."""

    consultations: VersionIndex
    acts: VersionIndex
    raw: RawIndex
    # the current rows of the batch's records (None: no row yet), held here so that they stay
    # loaded (the session's identity map keeps only referenced objects)
    rows: dict[tuple[type, int], Any]

    @classmethod
    def load(cls, session: Session, items: list[Any]) -> Prefetched:
        ids = {
            Consultation: sorted(
                {it.id for it in items if isinstance(it, ConsultationItem)}
                | {it.consultation_id for it in items if isinstance(it, SpravkaMessageItem)}
            ),
            CouncilAct: sorted({it.id for it in items if isinstance(it, CouncilActItem)}),
        }
        rows: dict[tuple[type, int], Any] = {}
        for model, keys in ids.items():
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows.update(((model, k), None) for k in chunk)
                rows.update(((model, r.id), r) for r in session.scalars(select(model).where(model.id.in_(chunk))))
        return cls(
            consultations=VersionIndex(session, "consultation", ids[Consultation]),
            acts=VersionIndex(session, "council_act", ids[CouncilAct]),
            raw=RawIndex(session, [(_raw_url(it), it.raw) for it in items if getattr(it, "raw", None) is not None]),  # a справка message carries no raw answer
            rows=rows,
        )


def _row(session: Session, model: type, key: int, batch: Prefetched | None) -> Any:
    if batch is not None and (model, key) in batch.rows:
        return batch.rows[(model, key)]
    return session.get(model, key)


def _added(session: Session, row: Any, batch: Prefetched | None) -> None:
    session.add(row)
    if batch is not None:
        batch.rows[(type(row), row.id)] = row


def _merge_with_current(session: Session, item: ConsultationItem) -> None:
    """Add the documents this run already stored for the consultation (a repeated report row)."""
    cur = current_version(session, "consultation", str(item.id))
    if cur is None:
        return
    have = {d.file_id or d.url for d in item.documents}
    for doc in cur.data.get("documents") or ():
        if _doc_key(doc) not in have:
            item.documents.append(
                ConsultationDocumentItem(
                    url=doc["url"],
                    doc_type=doc.get("doc_type"),
                    type_inferred=bool(doc.get("type_inferred")),
                    description=doc.get("description"),
                    version_date=_date(doc.get("version_date")),
                    file_id=doc.get("file_id"),
                )
            )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# What the page shows as reliably as the API; the rest of a page reading is coarser (no
# law, inferred file types, the institution as the page names it) and must not replace it.
PAGE_FIELDS = (
    "title", "date_open", "date_close", "duration_days", "short_term_reason",
    "comments_count", "first_comment_at", "last_comment_at",
)  # fmt: skip


def overlay_page(stored: dict[str, Any], page: ConsultationItem) -> ConsultationItem:
    """A page reading (the API failed) laid over the stored API/report record: the page's
    dates, title, reason and comments, the ПРИС link if it shows one, and files it lists that
    we do not hold. Reading the page instead of the API thus changes nothing by itself."""
    fresh = page.to_record()
    data = dict(stored)
    for key in PAGE_FIELDS:
        data[key] = fresh[key]
    if fresh.get("pris_id"):
        data["pris_id"] = fresh["pris_id"]
    have = {_doc_key(d) for d in stored.get("documents") or ()}
    data["documents"] = list(stored.get("documents") or ()) + [d for d in fresh["documents"] if _doc_key(d) not in have]
    merged = consultation_from_record(data, source="html", source_url=page.source_url, raw=page.raw)
    merged.raw_url = page.raw_url
    return merged


CONSULTATION_COLUMNS = (
    "reg_num", "title", "description_text", "description_raw", "act_type", "level", "policy_area",
    "institution_id", "institution_name", "date_open", "date_close", "duration_days", "short_term_reason",
    "legislative_program_id", "operational_program_id", "law_name", "law_id", "pris_id", "comments_count",
    "first_comment_at", "last_comment_at", "source", "source_url",
)  # fmt: skip


def store_consultation(
    session: Session,
    item: ConsultationItem,
    *,
    source: str = "strategy",
    crawl_run_id: int | None = None,
    merge: bool = False,
    batch: Prefetched | None = None,
) -> VersionResult:
    """`batch`: the lookups of the batch the item belongs to."""
    now = utcnow()
    if merge:
        _merge_with_current(session, item)
    if item.source == "html":
        cur = current_version(session, "consultation", str(item.id))
        if cur is not None:
            act_type_id = item.act_type_id
            item = overlay_page(cur.data, item)
            item.act_type_id = act_type_id
    result = record_version(
        session, "consultation", item.id, item.to_record(),
        raw_payload_id=_raw_id(session, source, item, batch and batch.raw), crawl_run_id=crawl_run_id,
        regression=None if merge else consultation_regression, now=now, index=batch and batch.consultations,
    )  # fmt: skip
    row = _row(session, Consultation, item.id, batch)
    if result.status == "held":
        return result
    if row is not None and not result.written:
        row.last_fetched_at = now
        if item.act_type_id is not None:
            row.act_type_id = item.act_type_id  # only the API has it; not part of the record
        return result
    cols = {c: getattr(item, c) for c in CONSULTATION_COLUMNS}
    docs = [
        ConsultationDocument(
            position=i,
            doc_type=d.doc_type,
            type_inferred=d.type_inferred,
            description=d.description,
            version_date=d.version_date,
            file_id=d.file_id,
            url=d.url,
        )
        for i, d in enumerate(item.documents)
    ]
    if row is None:
        row = Consultation(id=item.id, first_seen_at=now, act_type_id=item.act_type_id, **cols)
        _added(session, row, batch)
    else:
        for key, value in cols.items():
            setattr(row, key, value)
        if item.act_type_id is not None:
            row.act_type_id = item.act_type_id
    row.documents = docs  # delete-orphan removes the old rows
    row.active = item.published
    row.content_hash, row.version = result.content_hash, result.version
    row.last_fetched_at = row.last_changed_at = now
    return result


ACT_COLUMNS = (
    "doc_num", "doc_date", "act_type", "about", "importer", "legal_reason", "protocol",
    "public_consultation_number", "dv_number", "dv_year", "approves_bill", "bill_title", "source_url",
)  # fmt: skip


def store_council_act(
    session: Session, item: CouncilActItem, *, source: str = "pris", crawl_run_id: int | None = None, batch: Prefetched | None = None
) -> VersionResult:
    now = utcnow()
    result = record_version(
        session, "council_act", item.id, item.to_record(),
        raw_payload_id=_raw_id(session, source, item, batch and batch.raw), crawl_run_id=crawl_run_id,
        regression=council_act_regression, now=now, index=batch and batch.acts,
    )  # fmt: skip
    row = _row(session, CouncilAct, item.id, batch)
    if result.status == "held":
        return result
    if row is not None and not result.written:
        row.last_fetched_at = now
        return result
    cols = {c: getattr(item, c) for c in ACT_COLUMNS}
    if row is None:
        row = CouncilAct(id=item.id, first_seen_at=now, **cols)
        _added(session, row, batch)
    else:
        for key, value in cols.items():
            setattr(row, key, value)
    row.tags = list(item.tags)
    row.content_hash, row.version, row.last_fetched_at = result.content_hash, result.version, now
    return result


def store_spravka_message(
    session: Session, item: SpravkaMessageItem, *, crawl_run_id: int | None = None, batch: Prefetched | None = None
) -> str:
    """The page's reading for the справка message. Returns new | changed | unchanged | checked
    (no message on the page) | missing (the consultation is not stored: nothing to attach it to).

    The message is dated by the page when it shows a date, else by the day lexwatch first saw
    it; a later reading never moves that date later (it was published no later than first seen).
    Its versions are kept as the entity "consultation_message"."""
    row = _row(session, Consultation, item.consultation_id, batch)
    if row is None:
        return "missing"
    row.page_checked_at = utcnow()
    if not item.text:
        return "checked"
    # The earliest of: the page's date, today's reading, what an earlier reading established.
    candidates = [d for d in (item.shown_on, item.seen_on, row.spravka_message_on) if d is not None]
    dated_on = min(candidates)
    from_page = dated_on == item.shown_on or (row.spravka_message_dated_by == "page" and dated_on == row.spravka_message_on)
    dated_by = "page" if from_page else "first_seen"
    result = record_version(
        session, "consultation_message", item.consultation_id,
        {"text": item.text, "dated_on": dated_on.isoformat(), "dated_by": dated_by, "page_url": item.page_url},
        crawl_run_id=crawl_run_id,
    )  # fmt: skip
    row.spravka_message, row.spravka_message_on, row.spravka_message_dated_by = item.text, dated_on, dated_by
    return result.status


# --------------------------------------------------------------------------- pipeline


class StrategyStorePipeline(BatchedStorePipeline):
    """Registered by the `strategy` and `pris` spiders' custom_settings."""

    item_types = (ConsultationItem, CouncilActItem, SpravkaMessageItem)
    issue_types = (IssueItem,)
    batch_setting = "STRATEGY_STORE_BATCH"

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.seen_in_report: set[int] = set()

    @property
    def source(self) -> str:
        spider = self.crawler.spider
        return getattr(spider, "source", None) or getattr(spider, "name", "strategy")

    def prepare_batch(self, items: list[Any]) -> Prefetched:
        assert self.session is not None
        return Prefetched.load(self.session, items)

    def todo_key(self, item: Any) -> str | None:
        return str(item.id) if isinstance(item, (ConsultationItem, CouncilActItem)) else None

    def to_confirm(self, item: Any, done: Done) -> bool:
        """Which consultations the next run reads once more from the API (crawlers.todo `confirm`);
        each read costs 1.1 s against the API's limit, so not every new one, only:
        - one read from its HTML page (the API failed): it lacks what only the API gives;
        - an API answer that looks degraded (`degraded_signs`: a missing key, no files, no
          description) and differs from what we hold: a first read has nothing to be compared
          with and would stay so. The confirming read corrects it, or gives the same answer
          (`unchanged`), which settles it: a record that really is poor costs one read more."""
        if getattr(item, "source", None) == "html":
            return True
        return bool(getattr(item, "degraded_signs", ())) and stat_key("unchanged") not in done.stats

    def before_commit(self) -> None:
        if self.prefetched is not None:
            self.prefetched.raw.flush(self.session)

    def store_item(self, item: StoredItem | SpravkaMessageItem) -> Done:
        assert self.session is not None
        if isinstance(item, SpravkaMessageItem):
            status = store_spravka_message(self.session, item, crawl_run_id=self.run_id, batch=self.prefetched)
            done = Done([stat_key(f"spravka_message/{status}")])
            if status == "missing":
                done.issues.append(IssueItem("miss", "справка message read for a consultation not stored; not kept", item.page_url, item.reg_num))
            return done
        if isinstance(item, ConsultationItem):
            merge = item.source == "report" and item.id in self.seen_in_report
            result = store_consultation(
                self.session, item, source=self.source, crawl_run_id=self.run_id, merge=merge, batch=self.prefetched
            )
            if item.source == "report":
                self.seen_in_report.add(item.id)
            key = item.reg_num
        else:
            result = store_council_act(self.session, item, source=self.source, crawl_run_id=self.run_id, batch=self.prefetched)
            key = str(item.id)
        done = Done([stat_key(result.status), stat_key(f"source/{item.source}")])
        if getattr(item, "degraded_signs", ()):
            done.stats.append(stat_key("looks_degraded"))
            log.info("%s looks degraded (%s): %s", key, "; ".join(item.degraded_signs), result.status)
        if result.status == "held":
            done.issues.append(IssueItem("held", f"update held back until confirmed: {result.reason}", item.source_url, key))
        return done
