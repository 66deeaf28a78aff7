"""Text extraction throughput per format, on generated Bulgarian documents.

    .venv/bin/python bench/documents.py [--pages 50] [--repeat 3] [--large]

PDF pages are real pages. DOCX, RTF and plain text have no pages of their own, so they are
counted in standard pages of 1,800 characters (the „стандартна страница“ of Bulgarian
publishing); ZIP counts the pages of its members. Prints one row per format: seconds per
document (best of --repeat), pages per second and characters per second.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawlers.documents import Extraction, extract  # noqa: E402
from simulation.samples import (  # noqa: E402
    BILL_PARAGRAPHS,
    MOTIVES_PARAGRAPHS,
    make_docx,
    make_pdf,
    make_rtf,
    make_scanned_pdf,
    make_zip,
    write_large_pdf,
)

STANDARD_PAGE = 1800


def _pages(result: Extraction) -> float:
    if result.format == "pdf" and result.pages:
        return result.pages
    if result.format == "zip":
        return sum(_pages(p.extraction) for p in result.parts)
    return len(result.text) / STANDARD_PAGE


def _measure(name: str, make: Callable[[], tuple[bytes | Path, str]], repeat: int) -> dict[str, object]:
    source, filename = make()
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = extract(source, filename)
        times.append(time.perf_counter() - started)
    assert result is not None
    if result.error:
        raise SystemExit(f"bench: {name} failed to extract: {result.error}")
    best = min(times)
    pages = _pages(result)
    size = source.stat().st_size if isinstance(source, Path) else len(source)
    return {"format": name, "bytes": size, "pages": pages, "chars": len(result.text), "best_s": best,
            "median_s": statistics.median(times), "pages_per_s": pages / best if best else float("inf"),
            "chars_per_s": len(result.text) / best if best else float("inf")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=50, help="pages per generated document")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--large", action="store_true", help="also the 50 MB PDF (pictures on each page)")
    args = parser.parse_args()

    body = list(BILL_PARAGRAPHS + MOTIVES_PARAGRAPHS)
    # Enough paragraphs for about --pages standard pages in the page-less formats.
    per_copy = sum(len(p) for p in body)
    copies = max(1, args.pages * STANDARD_PAGE // per_copy)
    long_body = body * copies

    cases: list[tuple[str, Callable[[], tuple[bytes | Path, str]]]] = [
        ("pdf", lambda: (make_pdf(body, pages=args.pages), "bill.pdf")),
        ("docx", lambda: (make_docx(long_body), "bill.docx")),
        ("rtf (cp1251)", lambda: (make_rtf(long_body), "bill.rtf")),
        ("text (cp1251)", lambda: ("\n".join(long_body).encode("cp1251"), "bill.txt")),
        ("zip (pdf+docx+rtf)", lambda: (make_zip({
            "bill.pdf": make_pdf(body, pages=max(1, args.pages // 3)),
            "motives.docx": make_docx(body * max(1, copies // 3)),
            "bill.rtf": make_rtf(body * max(1, copies // 3)),
        }), "bill.zip")),
        ("pdf scanned", lambda: (make_scanned_pdf(pages=max(1, args.pages // 5)), "scan.pdf")),
    ]
    tmp = tempfile.TemporaryDirectory()
    if args.large:
        cases.append(("pdf 50 MB (path)", lambda: (write_large_pdf(Path(tmp.name) / "large.pdf"), "large.pdf")))

    rows = [_measure(name, make, args.repeat) for name, make in cases]
    print(f"{'format':<20} {'MiB':>7} {'pages':>7} {'chars':>9} {'best s':>8} {'pages/s':>9} {'chars/s':>11}")
    for r in rows:
        print(f"{r['format']:<20} {r['bytes'] / 1048576:>7.2f} {r['pages']:>7.1f} {r['chars']:>9} "
              f"{r['best_s']:>8.3f} {r['pages_per_s']:>9.1f} {r['chars_per_s']:>11.0f}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
