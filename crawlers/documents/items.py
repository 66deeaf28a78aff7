"""What the documents spider hands to its pipeline."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DocumentItem:
    owner_type: str  # bill | consultation
    owner_id: int
    url: str  # the URL the source lists (the key of the Document), not the rebased fetch URL
    filename: str | None
    title: str | None
    owner_title: str | None
    body: bytes | None  # None when the file was not downloaded
    content_type: str | None = None
    http_status: int | None = None
    status: str = "ok"  # ok | skipped (over the size limit) | error (download failed)
    note: str | None = None
