"""What an extraction returns, and the limits it runs under.

An `Extraction` is a value, never an exception: a broken, oversized or unsupported
file still gives one, with `error` saying why, so the caller can store it next to the
bill or consultation and keep that record's other data.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from core.config import env

MiB = 1024 * 1024

# Real parliament.bg bill PDFs with scanned annexes reach tens of MB; 100 MiB keeps those
# (and the 50 MB bounded-memory case) while refusing something absurd. Override with the
# Scrapy/lexwatch setting DOCUMENTS_MAX_BYTES or the environment variable of the same name
# prefixed LEXWATCH_.
DEFAULT_MAX_BYTES = 100 * MiB


@dataclass(frozen=True)
class ExtractionLimits:
    """Caps that keep one hostile or huge file from eating the nightly run."""

    max_bytes: int = DEFAULT_MAX_BYTES  # a larger file is skipped with a note
    max_pages: int = 3000  # PDF pages read; the rest is noted, not read
    max_text_chars: int = 5_000_000  # text kept per document
    zip_max_members: int = 100  # files read from one archive
    zip_max_total_bytes: int = 300 * MiB  # uncompressed bytes read from one archive
    zip_max_depth: int = 2  # archives inside archives
    zip_max_ratio: int = 200  # uncompressed/compressed above this is treated as a bomb

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None = None) -> ExtractionLimits:
        """Read DOCUMENTS_MAX_BYTES etc. from a Scrapy settings object or dict, then LEXWATCH_* env."""
        values: dict[str, int] = {}
        for name in cls.__dataclass_fields__:
            key = f"DOCUMENTS_{name.upper()}"
            raw = None
            if settings is not None:
                raw = settings.get(key)
            if raw is None:
                raw = env(f"LEXWATCH_{key}")
            if raw is not None and raw != "":
                try:
                    values[name] = int(raw)
                except (TypeError, ValueError):
                    raise ValueError(f"setting {key}={raw!r} is not a whole number of bytes/items") from None
        return cls(**values)


@dataclass(frozen=True)
class Extraction:
    """Text read from one file, how it was read, and what went wrong if anything.

    `method` names the reader ("pdfminer", "python-docx", "striprtf", "openpyxl", "zip",
    "text") or why nothing was read ("skipped", "unsupported", "unknown").
    `error` is None on success; otherwise one line a person can act on. A partial read
    (say, page 40 of 60 broke) keeps the text read so far *and* sets `error`.
    """

    text: str
    method: str
    pages: int | None = None
    is_scanned: bool = False
    error: str | None = None
    format: str = "unknown"  # pdf, docx, doc, rtf, zip, xlsx, xls, text, html
    notes: tuple[str, ...] = ()
    parts: tuple[ExtractedPart, ...] = ()  # archive members, each extracted on its own

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())

    def with_note(self, note: str) -> Extraction:
        return replace(self, notes=self.notes + (note,))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with stable keys (for the DB's analysis column and `--format json`)."""
        return {
            "method": self.method,
            "format": self.format,
            "pages": self.pages,
            "is_scanned": self.is_scanned,
            "error": self.error,
            "notes": list(self.notes),
            "chars": len(self.text),
            "parts": [
                {"name": p.name, **{k: v for k, v in p.extraction.to_dict().items() if k != "parts"}}
                for p in self.parts
            ],
        }


@dataclass(frozen=True)
class ExtractedPart:
    """One member of an archive: its path inside the archive and its own extraction."""

    name: str
    size: int
    extraction: Extraction = field(compare=False)
