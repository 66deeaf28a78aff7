"""Benchmark: the assessment report of 2,000 initiatives in every format.

    .venv/bin/python bench/report.py [--bills 2000] [--seed 1] [--workdir DIR] [--reuse]

The store is built by the real pipeline (`lexwatch demo`: the generated world replayed as
parliament.bg and strategy.bg, crawled, its files read, linked, evaluated); with --reuse an
existing one in DIR is used again, since building it takes minutes. Timed: reading the report
from the store (once, shared by every format, as `lexwatch report` does per run), then each
format; the PDF is the HTML printed by Chromium. Target: reading + HTML + PDF ≤ 15 s.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.engine import session_scope  # noqa: E402
from monitor.reports.data import load_report  # noqa: E402
from monitor.reports.render import render  # noqa: E402

TARGET_S = 15.0


def build(workdir: Path, bills: int, seed: int) -> float:
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "monitor.cli", "demo", "--bills", str(bills), "--seed", str(seed),
                           "--workdir", str(workdir), "--format", "json"], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"building the store failed:\n{proc.stderr[-3000:]}")
    return time.monotonic() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bills", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/lexwatch-bench-report"))
    ap.add_argument("--reuse", action="store_true", help="use the store already in --workdir")
    args = ap.parse_args()
    db = args.workdir / "lexwatch-demo.sqlite3"
    if args.reuse and db.is_file():
        print(f"store: reused {db}")
    else:
        took = build(args.workdir, args.bills, args.seed)
        print(f"store: built by `lexwatch demo --bills {args.bills}` in {took:.0f} s (not timed below)")
    url = f"sqlite:///{db.resolve()}"

    started = time.monotonic()
    with session_scope(url) as s:
        report = load_report(s)
    load_s = time.monotonic() - started
    totals = report.analysis["totals"]
    print(f"initiatives: {totals['initiatives']} ({totals['assessed']} assessed, {totals['excluded']} left out), "
          f"{len(report.findings)} findings, {len(report.analysis['ranking'])} ranked")
    print(f"{'step':<22}{'seconds':>9}{'size':>12}")
    print(f"{'read from the store':<22}{load_s:>9.2f}")
    times: dict[str, float] = {}
    for fmt, lang in (("csv", "bg"), ("json", "bg"), ("xlsx", "bg"), ("html", "bg"), ("pdf", "bg"), ("html", "en"),
                      ("pdf", "en")):
        started = time.monotonic()
        data = render(report, fmt, lang=lang)
        times[f"{fmt} {lang}"] = took = time.monotonic() - started
        extra = ""
        if fmt == "pdf":
            extra = f"  {data.count(b'/Type /Page') - data.count(b'/Type /Pages')} pages"
        print(f"{fmt + ' ' + lang:<22}{took:>9.2f}{len(data) / 1e6:>10.1f} MB{extra}")
    total = load_s + times["html bg"] + times["pdf bg"]
    print(f"{'read + HTML + PDF (bg)':<22}{total:>9.2f}   target ≤ {TARGET_S:.0f} s: {'met' if total <= TARGET_S else 'MISSED'}")
    print(json.dumps({"initiatives": totals["initiatives"], "read_s": round(load_s, 2),
                      **{k.replace(" ", "_") + "_s": round(v, 2) for k, v in times.items()},
                      "html_pdf_total_s": round(total, 2)}))


if __name__ == "__main__":
    main()
