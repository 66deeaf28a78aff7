"""Which files to download: bill and consultation files the database lists without a
stored version (a `Document` of status ok or skipped for that URL)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Bill, BillFile, Consultation, ConsultationDocument, Document

# Proposals between readings are amendments by MPs, not the bill's own documents.
BILL_FILE_ORIGINS = ("file_list", "order", "static_file", "static_file_rtf", "static_archive")
STORED_STATUSES = ("ok", "skipped")


@dataclass(frozen=True)
class FileTarget:
    owner_type: str  # bill | consultation
    owner_id: int
    url: str  # as stored by the source's crawl
    filename: str | None
    title: str | None  # the source's description of the file
    owner_title: str | None  # the bill's or consultation's title

    def fetch_url(self, parliament_base: str, strategy_base: str) -> str:
        """The stored URL's path on the configured base (a replay server in tests)."""
        base = parliament_base if self.owner_type == "bill" else strategy_base
        parts = urlsplit(self.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return base.rstrip("/") + path


def pending_targets(
    session: Session,
    *,
    owner: str = "all",
    bill_ids: list[int] | None = None,
    consultation_ids: list[int] | None = None,
    refetch: bool = False,
    limit: int | None = None,
) -> list[FileTarget]:
    stored = set() if refetch else set(
        session.scalars(select(Document.url).where(Document.status.in_(STORED_STATUSES)))
    )
    targets: list[FileTarget] = []
    seen: set[str] = set()

    def add(target: FileTarget) -> None:
        if target.url in stored or target.url in seen:
            return
        seen.add(target.url)
        targets.append(target)

    if owner in ("all", "bill"):
        query = (
            select(BillFile, Bill.title)
            .join(Bill, Bill.id == BillFile.bill_id)
            .where(BillFile.origin.in_(BILL_FILE_ORIGINS))
            .order_by(Bill.submitted_on.desc(), Bill.id.desc(), BillFile.position)
        )
        if bill_ids:
            query = query.where(Bill.id.in_(bill_ids))
        for file, bill_title in session.execute(query):
            add(FileTarget("bill", file.bill_id, file.url, file.filename, file.annotation, bill_title))
    if owner in ("all", "consultation"):
        query = (
            select(ConsultationDocument, Consultation.title)
            .join(Consultation, Consultation.id == ConsultationDocument.consultation_id)
            .order_by(Consultation.date_open.desc(), Consultation.id.desc(), ConsultationDocument.position)
        )
        if consultation_ids:
            query = query.where(Consultation.id.in_(consultation_ids))
        for doc, title in session.execute(query):
            label = " — ".join(x for x in (doc.doc_type, doc.description) if x) or None
            add(FileTarget("consultation", doc.consultation_id, doc.url, None, label, title))
    return targets[:limit] if limit else targets
