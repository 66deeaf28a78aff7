"""What write_documents wrote: one `WrittenFile` per file, with what the generator put in it, so
tests can compare the analysis of the file with the truth."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WrittenFile:
    """One file written, and what the generator put in it."""

    url_path: str  # "/bills/52/52-602-01-3.pdf", "/download/900123"
    owner_type: str  # bill | consultation
    owner_id: int
    format: str  # pdf | rtf | docx
    kind: str | None  # the texts.documents.classify kind intended; None for a chair's order
    contains: tuple[str, ...] = ()  # other documents inside the file, by their headings
    title: str | None = None  # the source's description (portal type, order annotation)
    motives_elements: tuple[str, ...] | None = None  # ЗНА чл. 28, ал. 2 elements written
    ia_elements: tuple[str, ...] | None = None  # IA-04 checklist elements the impact assessment answers
    amended_laws: tuple[str, ...] | None = None  # other laws (nominative) the ПЗР amend, as written
    added_later: tuple[str, ...] = ()  # laws of the adopted law's ПЗР left out of the bill as submitted
    consultation_id: int | None = None  # the consultation the motives mention, by reg_num
    consultation_dates: tuple[dt.date, dt.date] | None = None
    spravka: tuple[int, int, int] | None = None  # (accepted, rejected, rejected with reasons)
    no_proposals: bool = False  # the справка says no proposals were received
    scanned: bool = False  # image-only PDF: no text layer
    size: int = 0


@dataclass
class DocumentsManifest:
    files: list[WrittenFile] = field(default_factory=list)
    left_out: list[tuple[str, int]] = field(default_factory=list)  # owners not served (share < 1)

    def of(self, owner_type: str, owner_id: int) -> list[WrittenFile]:
        return [f for f in self.files if f.owner_type == owner_type and f.owner_id == owner_id]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            out[f.format] = out.get(f.format, 0) + 1
        return out

