"""XLSX text with openpyxl (read-only, row by row): EU compatibility tables and some
справки on consultations are published as spreadsheets."""
from __future__ import annotations

from typing import BinaryIO

import openpyxl

from crawlers.documents.model import Extraction, ExtractionLimits
from crawlers.documents.normalize import normalize_text

METHOD = "openpyxl"


def extract_xlsx(fp: BinaryIO, limits: ExtractionLimits) -> Extraction:
    try:
        workbook = openpyxl.load_workbook(fp, read_only=True, data_only=True)
    except Exception as exc:
        return Extraction("", METHOD, format="xlsx", error=f"not a readable XLSX ({type(exc).__name__}: {exc})")
    lines: list[str] = []
    chars = 0
    sheets = 0
    try:
        for sheet in workbook.worksheets:
            sheets += 1
            lines.append(f"[{sheet.title}]")
            for row in sheet.iter_rows(values_only=True):
                cells = [" ".join(str(v).split()) for v in row if v is not None and str(v).strip()]
                if cells:
                    line = " | ".join(cells)
                    lines.append(line)
                    chars += len(line)
                if chars > limits.max_text_chars:
                    break
    except Exception as exc:
        return Extraction(normalize_text("\n".join(lines)), METHOD, format="xlsx", pages=sheets,
                          error=f"XLSX sheet broken ({type(exc).__name__}: {exc})")
    finally:
        workbook.close()
    # `pages` counts worksheets for a spreadsheet.
    return Extraction(normalize_text("\n".join(lines))[: limits.max_text_chars], METHOD, format="xlsx", pages=sheets)
