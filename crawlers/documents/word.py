"""DOCX text with python-docx: paragraphs and tables in document order.

Tables matter here: справки on consultations and EU compatibility tables are Word tables,
and a rejected proposal's reason sits in the cell next to „Не се приема“. Each row
becomes one line with cells separated by " | ".
"""
from __future__ import annotations

import re
import zipfile
from typing import BinaryIO

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from crawlers.documents.model import Extraction, ExtractionLimits
from crawlers.documents.normalize import normalize_text

METHOD = "python-docx"
_PAGES = re.compile(rb"<Pages>(\d+)</Pages>")


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        lines.append(" | ".join(cells))
    return lines


def _saved_page_count(fp: BinaryIO) -> int | None:
    """Pages as Word last counted them (docProps/app.xml); absent from many generators."""
    try:
        fp.seek(0)
        with zipfile.ZipFile(fp) as zf:
            if "docProps/app.xml" not in zf.namelist():
                return None
            with zf.open("docProps/app.xml") as fh:
                match = _PAGES.search(fh.read(1_000_000))
        return int(match.group(1)) if match else None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None


def extract_docx(fp: BinaryIO, limits: ExtractionLimits) -> Extraction:
    try:
        fp.seek(0)
        with zipfile.ZipFile(fp) as zf:
            info = zf.getinfo("word/document.xml")
            # python-docx parses the whole XML at once; refuse a body that would not fit.
            if info.file_size > limits.max_bytes * 4:
                return Extraction("", METHOD, format="docx",
                                  error=f"DOCX body is {info.file_size} bytes uncompressed, over the limit")
        fp.seek(0)
        document = docx.Document(fp)
    except KeyError:
        return Extraction("", METHOD, format="docx", error="not a Word document: word/document.xml missing")
    except Exception as exc:
        return Extraction("", METHOD, format="docx", error=f"not a readable DOCX ({type(exc).__name__}: {exc})")

    lines: list[str] = []
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend(_table_lines(block))
    except Exception as exc:
        text = normalize_text("\n".join(lines))
        return Extraction(text, METHOD, format="docx", error=f"DOCX body broken ({type(exc).__name__}: {exc})")
    text = normalize_text("\n".join(lines))[: limits.max_text_chars]
    return Extraction(text, METHOD, pages=_saved_page_count(fp), format="docx")
