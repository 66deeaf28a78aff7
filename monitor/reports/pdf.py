"""The PDF edition: the HTML edition printed by headless Chromium (Debian's `chromium` package, or
$LEXWATCH_CHROMIUM), so the two editions are one layout: the same tables, the same SVG charts,
page numbers from the page's own CSS (@page margin boxes).

Chromium is driven through its command line (`--print-to-pdf`), not a Python binding: nothing to
install beyond the browser; without one the PDF is refused with a one-line reason.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO

from core.config import env
from core.errors import LexwatchError
from monitor.reports.model import Report
from monitor.reports.html import render_html

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw")
TIMEOUT_S = 180


def chromium_path() -> tuple[str | None, str]:
    """The Chromium to print with, or None and why not."""
    named = env("LEXWATCH_CHROMIUM")
    if named:
        return (named, "") if Path(named).is_file() else (None, f"$LEXWATCH_CHROMIUM={named} is not a file")
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate, ""
    return None, ("the PDF report is printed by Chromium, and none was found (/usr/bin/chromium, chromium or "
                  "chromium-browser on PATH): install Debian's `chromium` or set LEXWATCH_CHROMIUM")


def html_to_pdf(html: str) -> bytes:
    path, why = chromium_path()
    if path is None:
        raise LexwatchError(why)
    with tempfile.TemporaryDirectory(prefix="lexwatch-pdf-") as tmp:
        src, out = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        src.write_text(html, encoding="utf-8")
        cmd = [path, *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}", f"--print-to-pdf={out}", src.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise LexwatchError(f"Chromium did not print the PDF within {TIMEOUT_S} s") from exc
        except OSError as exc:
            raise LexwatchError(f"cannot run Chromium ({path}): {exc.strerror or exc}") from exc
        if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise LexwatchError(f"Chromium failed to print the PDF (exit {proc.returncode}): {last}")
        return out.read_bytes()


def write_pdf(report: Report, out: IO[bytes], lang: str = "bg") -> None:
    out.write(html_to_pdf(render_html(report, lang)))
