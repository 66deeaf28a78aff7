"""Store a downloaded file, its text and its analysis as a `Document`.

Once per content hash: a file whose (URL, sha256) is already stored only counts as
unchanged. A new version of a URL gets a new row (the old one stays as history). A file
that could not be downloaded leaves one `error` row per URL, replaced on the next try; a
file over the size limit leaves a `skipped` row with the note. Extraction never raises
(crawlers.documents.extract), so a broken attachment costs only its own text.
"""
from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from sqlalchemy import select

from crawlers.documents.extract import extract
from crawlers.documents.items import DocumentItem
from crawlers.documents.model import ExtractionLimits
from crawlers.documents.signature import signs
from crawlers.documents.storage import save, sha256_of, store_root
from crawlers.runs import report_issue, stat_key
from texts.documents.analyse import analyse_document
from texts.documents.classify import classify, classify_archive
from db.engine import session_scope
from db.models import BillFile, Document, utcnow

log = logging.getLogger(__name__)


def _origin(s, item: DocumentItem) -> str | None:
    """Where the source lists a bill file (`file_list`, `order`, ...): a chair's order carries
    the bill's title as its description, so only its place in the bill says what it is."""
    if item.owner_type != "bill":
        return None
    return s.scalars(select(BillFile.origin).where(BillFile.bill_id == item.owner_id, BillFile.url == item.url)).first()


def store_document(item: DocumentItem, *, db_url: str | None, root, limits: ExtractionLimits) -> str:
    """Write one item; returns new | changed | unchanged | skipped | error (for the counters)."""
    with session_scope(db_url) as s:
        if item.body is None:
            # Not downloaded: keep one row per URL saying why, replaced on the next attempt.
            row = s.scalars(select(Document).where(Document.url == item.url, Document.sha256.is_(None))).first()
            if row is None:
                row = Document(owner_type=item.owner_type, owner_id=item.owner_id, url=item.url)
                s.add(row)
            row.filename, row.title = item.filename, item.title
            row.content_type, row.status, row.note = item.content_type, item.status, item.note
            row.fetched_at = utcnow()
            row.extraction_method = "skipped" if item.status == "skipped" else None
            row.extraction_error = item.note
            return item.status

        sha = sha256_of(item.body)
        existing = s.scalars(select(Document).where(Document.url == item.url, Document.sha256 == sha)).first()
        if existing is not None:
            existing.fetched_at = utcnow()
            return "unchanged"
        had_version = s.scalars(
            select(Document.id).where(Document.url == item.url, Document.sha256.is_not(None))
        ).first() is not None
        rel, path = save(root, item.body, sha, item.filename)
        # Extract from the stored file, not the bytes: readers stream from disk.
        extraction = extract(path, item.filename, item.content_type, limits)
        origin = _origin(s, item)
        if extraction.parts:
            members = [(p.name, classify(p.name, None, p.extraction.text)) for p in extraction.parts]
            classification = classify_archive(item.filename, item.title, members, origin=origin)
        else:
            members = []
            classification = classify(item.filename, item.title, extraction.text, origin=origin)
        analysis = analyse_document(extraction.text, classification, bill_title=item.owner_title,
                                    is_scanned=extraction.is_scanned)
        analysis["extraction"] = extraction.to_dict()
        if members:
            analysis["parts"] = [{"name": name, "classification": cls.to_dict()} for name, cls in members]
        # Rows without a hash (earlier failed attempts) are superseded by this version.
        for stale in s.scalars(select(Document).where(Document.url == item.url, Document.sha256.is_(None))):
            s.delete(stale)
        s.add(Document(
            owner_type=item.owner_type, owner_id=item.owner_id, url=item.url, filename=item.filename,
            title=item.title, sha256=sha, size=len(item.body), content_type=item.content_type,
            storage_path=rel, fetched_at=utcnow(), status="ok", note=item.note,
            text=extraction.text, pages=extraction.pages, extraction_method=extraction.method,
            extraction_error=extraction.error, is_scanned=extraction.is_scanned,
            classification=classification.kind.value, analysis=analysis,
            text_signature=signs(classification.kind.value, extraction.text),
        ))
        if extraction.error:
            # The source's file is broken, not our crawl: kept with its error, logged, not an issue.
            log.warning("documents %s: %s", item.url, extraction.error)
        return "changed" if had_version else "new"


class DocumentsPipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.db_url = crawler.settings.get("LEXWATCH_DATABASE_URL")
        self.root = store_root(crawler.settings)
        self.limits = ExtractionLimits.from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DocumentsPipeline:
        return cls(crawler)

    def process_item(self, item, spider=None):
        if not isinstance(item, DocumentItem):
            return item
        outcome = store_document(item, db_url=self.db_url, root=self.root, limits=self.limits)
        stats = self.crawler.stats
        if outcome in ("new", "changed", "unchanged"):
            stats.inc_value(stat_key(outcome))
        stats.inc_value(stat_key(f"documents/{outcome}"))
        record = f"{item.owner_type} {item.owner_id}"
        if outcome == "skipped":
            report_issue(self.crawler, "miss", item.note or "skipped", url=item.url, record_key=record)
        elif outcome == "error":
            kind = "html_shell" if item.note and "HTML" in item.note else "http_error"
            report_issue(self.crawler, kind, item.note or "download failed", url=item.url, record_key=record)
        return item
