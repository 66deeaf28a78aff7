"""RTF text with striprtf, honouring the file's code page.

parliament.bg bill texts are RTF written by Word with `\\ansicpg1251` and Cyrillic as
`\\'xx` escapes (or `\\uNNNN?`). Some files declare `\\ansicpg1252` while their fonts are
`\\fcharset204` (Cyrillic); striprtf has no per-font charsets, so such files are read as
cp1251 as a whole: in these sources a Cyrillic font is by far the likelier truth.
"""
from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

from crawlers.documents.model import Extraction, ExtractionLimits
from crawlers.documents.normalize import normalize_text

METHOD = "striprtf"
_ANSICPG = re.compile(rb"\\ansicpg(\d+)")
_CYRILLIC_FONT = re.compile(rb"\\fcharset204\b")


def rtf_codepage(data: bytes) -> str:
    head = data[:8192]
    match = _ANSICPG.search(head)
    declared = f"cp{int(match.group(1))}" if match else "cp1252"
    try:
        codecs.lookup(declared)
    except LookupError:
        declared = "cp1252"
    if declared != "cp1251" and _CYRILLIC_FONT.search(data[:65536]):
        return "cp1251"
    return declared


def extract_rtf(data: bytes, limits: ExtractionLimits) -> Extraction:
    if not data.lstrip().startswith(b"{\\rtf"):
        return Extraction("", METHOD, format="rtf", error="not an RTF file (no {\\rtf header)")
    codepage = rtf_codepage(data)
    try:
        # Raw 8-bit bytes outside escapes are in the same code page as the escapes.
        source = data.decode(codepage, errors="replace")
        text = rtf_to_text(source, encoding=codepage, errors="replace")
    except Exception as exc:
        return Extraction("", METHOD, format="rtf", error=f"RTF could not be parsed ({type(exc).__name__}: {exc})")
    notes = (f"code page {codepage}",)
    text = normalize_text(text)[: limits.max_text_chars]
    if not text and len(data) > 2048:
        return Extraction("", METHOD, format="rtf", notes=notes,
                          error="RTF parsed but holds no text (only pictures or objects?)")
    return Extraction(text, METHOD, format="rtf", notes=notes)
