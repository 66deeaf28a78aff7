"""Paragraphs into file bytes: RTF (Word, cp1251), text PDF, a scanned PDF with no text layer, DOCX.

Speed (the demo's 300 bills make ~1 300 files, ~25 MB): RTF is plain text; DOCX reuses one
compressed package and only writes `word/document.xml` per file; PDFs use a font cut down to
the characters used (fpdf2's per-file font subsetting being the one slow step: the writer
renders them in worker processes). Identical files (the scanned opinion) are built once.
"""
from __future__ import annotations

import atexit
import datetime as dt
import functools
import io
import os
import re
import tempfile
import textwrap
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from simulation import samples

_ZIP_DATE = (2026, 1, 5, 10, 0, 0)


def render_rtf(paragraphs: Sequence[str]) -> bytes:
    return samples.make_rtf(paragraphs)


# The characters the generated texts use. The font is cut down to them once per process:
# fpdf2 parses and subsets the font for every file, and a small font makes that cheap.
_PDF_UNICODES = (*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x400, 0x460), *range(0x2010, 0x2028), 0x2116)
_PDF_WRAP = 88  # characters per line at 11 pt on A4 (about 2 mm a character)


@functools.cache
def pdf_font() -> str:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.hinting = False
    # The source font's own „modified“ stamp, not the time of this cut: the same font bytes,
    # so the same PDF bytes, on every run.
    font = TTFont(str(samples.cyrillic_font_path()), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_PDF_UNICODES)
    subsetter.subset(font)
    fd, name = tempfile.mkstemp(prefix="lexwatch-corpus-", suffix=".ttf")
    with os.fdopen(fd, "wb") as out:
        font.save(out)
    atexit.register(lambda: Path(name).unlink(missing_ok=True))
    return name


def render_pdf(paragraphs: Sequence[str], created: dt.date) -> bytes:
    """A text PDF like samples.make_pdf, faster: a small font, and lines wrapped here rather
    than by multi_cell. The creation date is fixed, so the same text gives the same bytes
    (one stored version when fetched again)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_compression(True)
    pdf.set_creation_date(dt.datetime.combine(created, dt.time(10, 0), tzinfo=dt.timezone.utc))
    pdf.add_font("body", "", pdf_font())
    pdf.set_font("body", size=11)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for para in paragraphs:
        heading = para.isupper()
        for line in textwrap.wrap(para, _PDF_WRAP, break_on_hyphens=False, break_long_words=False) or [""]:
            pdf.cell(0, 5.5, line, align="C" if heading else "L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    return bytes(pdf.output())


@functools.cache
def scanned_pdf() -> bytes:
    return samples.make_scanned_pdf(pages=1)


# Word 2010's duplicate style sheet and the template's thumbnail: half the package's bytes,
# read by nobody (python-docx and Word open the file without them).
_DOCX_DROPPED = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg")
_DOCX_DROPPED_REFS = re.compile(r'<(?:Relationship|Override)\b[^>]*(?:stylesWithEffects|thumbnail\.jpeg)[^>]*/>')


@functools.cache
def _docx_template() -> tuple[bytes, str, str, str]:
    """python-docx's package without its body: (zip bytes, document.xml head, table head, tail).
    Appending `word/document.xml` to a copy leaves the other (large) parts compressed once."""
    sample = samples.make_docx(["@"], [["@", "@", "@", "@"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        xml = src.read("word/document.xml").decode("utf-8")
        for info in src.infolist():
            if info.filename in ("word/document.xml", *_DOCX_DROPPED):
                continue
            data = src.read(info.filename)
            if info.filename.endswith((".rels", "[Content_Types].xml")):
                data = _DOCX_DROPPED_REFS.sub("", data.decode("utf-8")).encode("utf-8")
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    head = xml[: xml.index("<w:body>") + len("<w:body>")]
    table_head = xml[xml.index("<w:tbl>"): xml.index("<w:tr>")]
    tail = xml[xml.index("<w:sectPr"):]
    return out.getvalue(), head, table_head, tail


def _docx_paragraph(text: str) -> str:
    if text.isupper():
        return (f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
                f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _docx_row(cells: Sequence[str]) -> str:
    return "<w:tr>" + "".join(
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2160"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">{escape(c)}'
        "</w:t></w:r></w:p></w:tc>" for c in cells) + "</w:tr>"


def render_docx(paragraphs: Sequence[str], table: Sequence[Sequence[str]] = (), after: Sequence[str] = ()) -> bytes:
    """A DOCX with `paragraphs`, then a 4-column `table`, then `after` paragraphs."""
    package, head, table_head, tail = _docx_template()
    body = "".join(map(_docx_paragraph, paragraphs))
    if table:
        body += table_head + "".join(_docx_row(row) for row in table) + "</w:tbl>"
    body += "".join(map(_docx_paragraph, after))
    buf = io.BytesIO(package)
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("word/document.xml", date_time=_ZIP_DATE), head + body + tail,
                    compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()

