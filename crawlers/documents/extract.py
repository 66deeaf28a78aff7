"""One entry point: a file's bytes (or path) in, an `Extraction` out, never an exception.

    extract(data_or_path, filename="51-554-01-169.pdf", content_type="application/pdf")

The format comes from the bytes (see sniff.py); the reader for it runs under the limits
in `ExtractionLimits`. Anything that goes wrong inside a reader is turned into
`Extraction.error`, so a broken attachment never costs the bill its other data.
"""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

from crawlers.documents.archive import extract_zip
from crawlers.documents.model import Extraction, ExtractionLimits
from crawlers.documents.normalize import decode_text_bytes, normalize_text
from crawlers.documents.sniff import expected_format, sniff_format

Source = bytes | str | os.PathLike[str]

_UNSUPPORTED = {
    # No maintained pure-Python reader for Word 97-2003 exists (antiword/textract need an
    # external binary); store the file and say so rather than guess at the piece table.
    "doc": "old binary Word (.doc) text extraction is not supported; the file is kept, its text is not read",
    "xls": "old binary Excel (.xls) text extraction is not supported; the file is kept, its text is not read",
    "odt": "OpenDocument text extraction is not supported; the file is kept, its text is not read",
    "rar": "RAR archives are not supported; the file is kept, its content is not read",
    "7z": "7z archives are not supported; the file is kept, its content is not read",
    "unknown": "unknown file format; the file is kept, its text is not read",
}


def _size(source: Source) -> int:
    if isinstance(source, bytes):
        return len(source)
    return os.stat(source).st_size


def _head(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source[:1024]
    with open(source, "rb") as fh:
        return fh.read(1024)


def _open(source: Source) -> BinaryIO:
    if isinstance(source, bytes):
        return io.BytesIO(source)
    return open(source, "rb")


def _read_all(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source
    return Path(source).read_bytes()


def _run(fmt: str, source: Source, limits: ExtractionLimits, depth: int) -> Extraction:
    # Readers import their library lazily so that one missing optional piece cannot break
    # the other formats.
    if fmt == "pdf":
        from crawlers.documents.pdf import extract_pdf

        with _open(source) as fp:
            return extract_pdf(fp, limits)
    if fmt == "docx":
        from crawlers.documents.word import extract_docx

        with _open(source) as fp:
            return extract_docx(fp, limits)
    if fmt == "xlsx":
        from crawlers.documents.sheet import extract_xlsx

        with _open(source) as fp:
            return extract_xlsx(fp, limits)
    if fmt == "rtf":
        from crawlers.documents.rtf import extract_rtf

        return extract_rtf(_read_all(source), limits)
    if fmt == "zip":
        if depth >= limits.zip_max_depth:
            return Extraction("", "skipped", format="zip",
                              error=f"archive nested deeper than {limits.zip_max_depth} (DOCUMENTS_ZIP_MAX_DEPTH)")
        with _open(source) as fp:
            return extract_zip(fp, limits, depth, _extract_member)
    if fmt == "text":
        text, codec = decode_text_bytes(_read_all(source))
        return Extraction(normalize_text(text)[: limits.max_text_chars], "text", format="text",
                          notes=(f"decoded as {codec}",))
    if fmt == "html":
        return Extraction("", "unsupported", format="html",
                          error="got an HTML page instead of a document (the site's page shell or an error page?)")
    if fmt == "empty":
        return Extraction("", "unsupported", format="empty", error="the file is empty (0 bytes)")
    return Extraction("", "unsupported", format=fmt, error=_UNSUPPORTED.get(fmt, _UNSUPPORTED["unknown"]))


def _extract_member(data: bytes, name: str, limits: ExtractionLimits, depth: int) -> Extraction:
    return _extract(data, name, None, limits, depth)


def _extract(source: Source, filename: str | None, content_type: str | None,
             limits: ExtractionLimits, depth: int) -> Extraction:
    try:
        size = _size(source)
        if size > limits.max_bytes:
            return Extraction(
                "", "skipped", format=expected_format(filename, content_type) or "unknown",
                error=f"file is {size / 1048576:.1f} MiB, over the {limits.max_bytes / 1048576:.1f} MiB limit "
                      "(DOCUMENTS_MAX_BYTES); not read",
            )
        head = _head(source)
        whole = source if isinstance(source, bytes) else Path(source)
        fmt = sniff_format(head, filename, content_type, whole=whole)
        result = _run(fmt, source, limits, depth)
        claimed = expected_format(filename, content_type)
        if claimed and claimed != fmt and fmt not in {"html", "empty"}:
            result = result.with_note(f"named as {claimed} but the content is {fmt}")
        return result
    except MemoryError:
        return Extraction("", "failed", error="ran out of memory while reading the file")
    except Exception as exc:  # a last guard: the caller must get a value, not a traceback
        return Extraction("", "failed", error=f"extraction failed ({type(exc).__name__}: {exc})")


def extract(source: Source, filename: str | None = None, content_type: str | None = None,
            limits: ExtractionLimits | None = None) -> Extraction:
    """Read the text of one downloaded file (bytes, or a path to keep memory low on big PDFs)."""
    return _extract(source, filename, content_type, limits or ExtractionLimits(), depth=0)
