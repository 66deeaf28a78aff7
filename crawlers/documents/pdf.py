"""PDF text with pdfminer.six, one page at a time.

Memory stays bounded on large files because the document is opened without object
caching (a page's content streams and images are dropped once the page is laid out) and
only the page's text is kept. Scanned PDFs (pages that are images with no text layer)
are recognised, so that a scanned motives file is not mistaken for empty motives.
"""
from __future__ import annotations

import logging
from typing import BinaryIO

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTContainer, LTImage, LTItem, LTTextBox
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from crawlers.documents.model import Extraction, ExtractionLimits
from crawlers.documents.normalize import normalize_text

# pdfminer logs every odd object at WARNING; real government PDFs have many, and the
# outcome that matters is reported in the Extraction itself.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# Fewer visible characters than this on a page means no text layer (a page number or a
# stamp may still be there as text on a scanned page).
MIN_CHARS_PER_TEXT_PAGE = 25

METHOD = "pdfminer"


def _page_content(layout: LTItem) -> tuple[str, bool]:
    """The page's text in layout order, and whether it holds any image."""
    texts: list[str] = []
    has_image = False
    stack: list[LTItem] = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextBox):
            texts.append(item.get_text())
        elif isinstance(item, LTImage):
            has_image = True
        elif isinstance(item, LTContainer):
            stack.extend(reversed(list(item)))
    return "\n".join(texts), has_image


def extract_pdf(fp: BinaryIO, limits: ExtractionLimits) -> Extraction:
    pages_text: list[str] = []
    chars = 0
    textless = 0
    textless_with_image = 0
    page_count = 0
    error: str | None = None
    notes: list[str] = []
    try:
        parser = PDFParser(fp)
        document = PDFDocument(parser, password="", caching=False)
    except PDFPasswordIncorrect:
        return Extraction("", METHOD, format="pdf", error="PDF is password-protected; text cannot be read")
    except Exception as exc:  # pdfminer raises many unrelated types on broken input
        return Extraction("", METHOD, format="pdf", error=f"not a readable PDF ({type(exc).__name__}: {exc})")

    resources = PDFResourceManager(caching=True)  # fonts are small and shared between pages
    # all_texts: Word's "print to PDF" wraps whole pages in form XObjects (figures);
    # without it their text would be lost.
    device = PDFPageAggregator(resources, laparams=LAParams(all_texts=True))
    interpreter = PDFPageInterpreter(resources, device)
    pages = PDFPage.create_pages(document)
    while True:
        try:
            page = next(pages)
        except StopIteration:
            break
        except Exception as exc:
            error = f"PDF page tree broken after page {page_count} ({type(exc).__name__}: {exc})"
            break
        if page_count >= limits.max_pages:
            notes.append(f"stopped after {limits.max_pages} pages (DOCUMENTS_MAX_PAGES); later pages not read")
            break
        page_count += 1
        try:
            interpreter.process_page(page)
            text, has_image = _page_content(device.get_result())
        except Exception as exc:
            error = f"PDF page {page_count} could not be read ({type(exc).__name__}: {exc})"
            break
        visible = sum(1 for ch in text if not ch.isspace())
        if visible < MIN_CHARS_PER_TEXT_PAGE:
            textless += 1
            textless_with_image += has_image
        if chars < limits.max_text_chars:
            pages_text.append(text)
            chars += len(text)
        elif len(notes) == 0 or "DOCUMENTS_MAX_TEXT_CHARS" not in notes[-1]:
            notes.append(f"text cut at {limits.max_text_chars} characters (DOCUMENTS_MAX_TEXT_CHARS)")

    # A scan: most pages are pictures with (next to) no text; a typed cover page may remain.
    # Short pages with no picture (a one-line annex, blank pages) are not scans.
    is_scanned = page_count > 0 and textless_with_image * 2 > page_count
    if textless:
        notes.append(
            f"{textless} of {page_count} pages have little or no text"
            + (f" ({textless_with_image} of them are images)" if textless_with_image else "")
        )
    if page_count == 0 and error is None:
        error = "PDF has no pages"
    text = normalize_text("\f".join(pages_text))[: limits.max_text_chars]
    return Extraction(text, METHOD, pages=page_count, is_scanned=is_scanned, error=error, format="pdf",
                      notes=tuple(notes))
