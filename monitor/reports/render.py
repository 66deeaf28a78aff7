"""Rendering a report into one of the formats, and writing it to a file atomically."""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from core.errors import LexwatchError, UsageError
from monitor.reports.model import Report

FORMATS = ("csv", "json", "xlsx", "html", "pdf")
BINARY = frozenset({"xlsx", "pdf"})


def render(report: Report, fmt: str, *, excel_bom: bool = False, lang: str = "bg") -> bytes:
    if fmt == "csv":
        from monitor.reports.tabular import write_csv

        buf = io.StringIO(newline="")
        write_csv(report, buf)
        # A file gets a UTF-8 BOM: Excel otherwise opens Cyrillic CSV as cp1251 mojibake. Pipes get none.
        return (("\ufeff" if excel_bom else "") + buf.getvalue()).encode("utf-8")
    if fmt == "json":
        from monitor.reports.tabular import write_json

        buf = io.StringIO()
        write_json(report, buf)
        return buf.getvalue().encode("utf-8")
    if fmt == "html":
        from monitor.reports.html import render_html

        return render_html(report, lang).encode("utf-8")
    if fmt in BINARY:
        from monitor.reports.pdf import write_pdf
        from monitor.reports.tabular import write_xlsx

        out = io.BytesIO()
        (write_xlsx if fmt == "xlsx" else write_pdf)(report, out, lang)
        return out.getvalue()
    raise UsageError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")


def format_for(fmt: str | None, output: Path | None) -> str:
    if fmt:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise UsageError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
        return fmt
    if output is not None and output.suffix.lower().lstrip(".") in FORMATS:
        return output.suffix.lower().lstrip(".")
    raise UsageError("say the format with --format csv|json|xlsx|html|pdf (or give -o a file with that extension)")


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failed run never leaves half a report."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise LexwatchError(f"cannot write {path}: folder {parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise LexwatchError(f"cannot write {path}: {exc.strerror or exc}") from exc
