"""ZIP archives: each member extracted on its own, within caps against zip bombs.

parliament.bg publishes `{sign}.zip` with the bill text, motives and annexes; strategy.bg
has ZIPs of annexes. Caps: a member count, a total of uncompressed bytes actually read
(declared sizes can lie, so reads are bounded too), a compression-ratio ceiling, and a
nesting depth.
"""
from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import BinaryIO

from crawlers.documents.model import ExtractedPart, Extraction, ExtractionLimits

METHOD = "zip"
_UTF8_FLAG = 0x800

Extractor = Callable[[bytes, str, ExtractionLimits, int], Extraction]


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's real name: Windows' built-in ZIP writes Bulgarian names in cp866 (the
    OEM code page) without the UTF-8 flag, some tools in cp1251; zipfile reads both as cp437."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    if all(b < 0x80 for b in raw):
        return info.filename
    # cp866 puts Cyrillic at 0x80-0xAF and 0xE0-0xF1; box-drawing 0xB0-0xDF means cp1251.
    if all(b < 0x80 or 0x80 <= b <= 0xAF or 0xE0 <= b <= 0xF1 for b in raw):
        return raw.decode("cp866")
    return raw.decode("cp1251", errors="replace")


def extract_zip(fp: BinaryIO, limits: ExtractionLimits, depth: int, extract_member: Extractor) -> Extraction:
    try:
        archive = zipfile.ZipFile(fp)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return Extraction("", METHOD, format="zip", error=f"not a readable ZIP ({type(exc).__name__}: {exc})")
    notes: list[str] = []
    parts: list[ExtractedPart] = []
    errors: list[str] = []
    total_read = 0
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir()]
        if len(members) > limits.zip_max_members:
            notes.append(f"archive has {len(members)} files; only the first {limits.zip_max_members} "
                         "were read (DOCUMENTS_ZIP_MAX_MEMBERS)")
            members = members[: limits.zip_max_members]
        for info in members:
            name = member_name(info)
            if info.flag_bits & 0x1:
                notes.append(f"{name}: encrypted, skipped")
                continue
            if info.file_size > limits.max_bytes:
                notes.append(f"{name}: {info.file_size} bytes, over DOCUMENTS_MAX_BYTES, skipped")
                continue
            if info.compress_size and info.file_size / info.compress_size > limits.zip_max_ratio:
                notes.append(f"{name}: compression ratio {info.file_size // info.compress_size}:1 "
                             "looks like a zip bomb, skipped")
                continue
            budget = min(limits.max_bytes, limits.zip_max_total_bytes - total_read)
            if budget <= 0 or info.file_size > budget:
                notes.append(f"{name}: skipped, archive total over DOCUMENTS_ZIP_MAX_TOTAL_BYTES")
                continue
            try:
                with archive.open(info) as fh:
                    data = fh.read(budget + 1)
            except Exception as exc:
                errors.append(f"{name}: cannot be unpacked ({type(exc).__name__}: {exc})")
                continue
            if len(data) > budget:
                notes.append(f"{name}: larger than declared, skipped")
                continue
            total_read += len(data)
            parts.append(ExtractedPart(name, len(data), extract_member(data, name, limits, depth + 1)))

    texts = [f"=== {p.name} ===\n{p.extraction.text}" for p in parts if p.extraction.text]
    member_errors = [f"{p.name}: {p.extraction.error}" for p in parts if p.extraction.error]
    if not parts and not errors and not members:
        errors.append("archive is empty")
    error = "; ".join(errors) or None
    if member_errors:
        notes.extend(member_errors)
    return Extraction(
        "\n\n".join(texts)[: limits.max_text_chars],
        METHOD,
        pages=sum(p.extraction.pages or 0 for p in parts) or None,
        # The archive counts as scanned only if every readable member is.
        is_scanned=bool(parts) and all(p.extraction.is_scanned for p in parts),
        error=error,
        format="zip",
        notes=tuple(notes),
        parts=tuple(parts),
    )
