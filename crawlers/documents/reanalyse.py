"""Bring the stored analysis of downloaded documents up to the current analysers.

A document is analysed once, when its version is first stored (crawlers.documents.pipeline);
its text stays in the database. When texts.documents gains an analysis (the impact
assessment checklist of IA-04 came after many files were stored), the files need not be
downloaded again: the stored text is analysed anew under the stored classification, and the
extraction record (notes, parts of an archive) is kept. The evaluation then sees a changed
input and re-evaluates the initiatives concerned.

One bad document never stops the others nor loses its old analysis: its error is logged with
the document id and URL and counted.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from crawlers.documents.signature import signs
from texts.documents.analyse import ANALYSIS_VERSION, analyse_document
from texts.documents.classify import Classification, DocumentKind
from db.models import Bill, Document

log = logging.getLogger(__name__)

BATCH = 200
# Keys of a stored analysis that come from download and extraction, not from the analysers.
_KEPT = ("extraction", "parts")


@dataclass
class ReanalyseReport:
    candidates: int = 0  # readable documents with an older analysis (all readable ones with `everything`)
    updated: int = 0  # analyses rewritten
    failed: int = 0  # documents whose re-analysis raised; their stored analysis is untouched
    analysis_version: int = ANALYSIS_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def stored_classification(doc: Document) -> Classification:
    """The classification decided when the file was stored (its rule and evidence included)."""
    detail = (doc.analysis or {}).get("classification")
    if not isinstance(detail, dict) or not detail.get("kind"):
        return Classification(DocumentKind(doc.classification or DocumentKind.OTHER.value), None, None, None)
    contains = tuple(DocumentKind(k) for k in detail.get("contains") or () if k in DocumentKind._value2member_map_)
    return Classification(DocumentKind(detail["kind"]), detail.get("rule"), detail.get("source"),
                          detail.get("evidence"), contains)


def _candidates(everything: bool):
    """Readable stored documents, only those analysed by older analysers unless `everything`."""
    stmt = select(Document.id).where(Document.status == "ok", or_(Document.text.is_not(None), Document.is_scanned))
    if not everything:
        version = func.coalesce(Document.analysis["analysis_version"].as_integer(), 0)
        stmt = stmt.where(version != ANALYSIS_VERSION)
    return stmt


def reanalyse(session: Session, *, everything: bool = False,
              progress: Callable[[int, int], None] | None = None) -> ReanalyseReport:
    """Re-analyse stored documents whose analysis_version is not the current one (or all)."""
    report = ReanalyseReport()
    ids = list(session.scalars(_candidates(everything).order_by(Document.id)))
    report.candidates = len(ids)
    titles: dict[int, str | None] = {}
    for start in range(0, len(ids), BATCH):
        batch = list(session.scalars(select(Document).where(Document.id.in_(ids[start:start + BATCH]))))
        for doc in batch:
            old = doc.analysis or {}
            title = None
            if doc.owner_type == "bill":
                if doc.owner_id not in titles:
                    titles[doc.owner_id] = session.scalar(select(Bill.title).where(Bill.id == doc.owner_id))
                title = titles[doc.owner_id]
            try:
                fresh = analyse_document(doc.text or "", stored_classification(doc), bill_title=title,
                                         is_scanned=doc.is_scanned)
            except Exception as exc:  # noqa: BLE001 - one document's surprise must not stop the rest
                report.failed += 1
                log.error("documents reanalyse: document %s (%s): %s: %s", doc.id, doc.url,
                          type(exc).__name__, exc)
                continue
            fresh.update({k: old[k] for k in _KEPT if k in old})
            if doc.text_signature is None:  # stored before signatures were kept (0007_text_signatures)
                doc.text_signature = signs(doc.classification, doc.text)
            doc.analysis = fresh  # a new dict: JSON columns do not track in-place changes
            report.updated += 1
        session.flush()
        for doc in batch:  # texts can be large: keep one batch in memory, not the whole store
            session.expunge(doc)
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    return report
