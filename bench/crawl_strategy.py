"""Benchmark of the strategy.bg crawl (not a test): prints figures, asserts nothing.

1. generates a world with N consultations (default 10,000) and writes it as a strategy.bg
   replay folder (API list and detail, feed, report, ПРИС), served by the replay server in its
   own process;
2. full API crawl (`--full`: the whole list, then every detail) into a fresh database:
   consultations stored per second, peak RSS;
3. incremental run after a realistic night: 20 new consultations, 10 recent ones with an
   extended deadline; requests made against the minimum needed to see the changes;
   with --recrawl, then every stored consultation re-read (STRATEGY_REVISIT_DAYS beyond the
   oldest one; nothing changed since): unchanged consultations re-stored per second;
4. a full open-data report of realistic size (~30 KB per row, like the real 303 MB for 10 151
   rows): peak RSS of a process that only streams it, and of a report back-fill crawl storing it.

    .venv/bin/python bench/crawl_strategy.py [--consultations 10000] [--db-url sqlite|postgresql://…] [--keep DIR] [--recrawl] [--no-report]
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import harness  # noqa: E402  (bench/harness.py, beside this script)
from harness import Crawl, fresh_db, run_child, start_server  # noqa: E402

from sqlalchemy import func, select  # noqa: E402

from simulation.corpus import strategy as corpus  # noqa: E402
from simulation.corpus.world import World, WorldConsultation, generate_world  # noqa: E402
from crawlers.strategy import plan  # noqa: E402
from db.engine import session_scope  # noqa: E402
from db.models import RecordVersion  # noqa: E402

TODAY = dt.date(2026, 11, 20)
SINCE = TODAY - dt.timedelta(days=30)  # plan.default_since
STREAM_ONLY = """
import sys
from crawlers.strategy.parse import iter_full_report
n = 0
with open(sys.argv[1], "rb") as fp:
    for item in iter_full_report(fp, sys.argv[1]):
        n += 1
print(n)
"""


def crawl(base: str, db_url: str, **args: str) -> Crawl:
    return harness.crawl("strategy", db_url, {"STRATEGY_BASE_URL": base}, {"today": TODAY.isoformat(), **args})


def versions(db: str) -> int:
    with session_scope(db) as s:
        return s.scalar(select(func.count()).select_from(RecordVersion).where(RecordVersion.entity == "consultation"))


def a_night(world: World, n_new: int, n_extended: int) -> tuple[list[WorldConsultation], list[WorldConsultation]]:
    """New consultations opened in the last days, and recent ones whose deadline is extended."""
    template = world.consultations[-1]
    next_id = max(c.id for c in world.consultations)
    new = []
    for i in range(n_new):
        next_id += 1
        opened = TODAY - dt.timedelta(days=i % 5)
        c = WorldConsultation(
            id=next_id, title=f"{template.title} ({i + 1})", law=template.law, act_type=template.act_type,
            act_type_id=template.act_type_id, ministry=template.ministry, date_open=opened,
            date_close=opened + dt.timedelta(days=30), short_term_reason=None,
            documents=[("Проект на акт", opened, 9_000_000 + 2 * i), ("Мотиви", opened, 9_000_001 + 2 * i)], comments=[],
        )  # fmt: skip
        world.consultations.append(c)
        new.append(c)
    recent = [c for c in world.consultations if c not in new and TODAY - dt.timedelta(days=20) <= c.date_close]
    extended = recent[:n_extended]
    for c in extended:
        c.date_close += dt.timedelta(days=14)
    return new, extended


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--consultations", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db-url", default="sqlite", help="'sqlite' (a file in the work dir) or a PostgreSQL server URL")
    ap.add_argument("--row-kb", type=float, default=30.0, help="average full-report row size (real: ~30 KB)")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    ap.add_argument("--recrawl", action="store_true", help="also re-crawl everything over the incremental database, unchanged")
    ap.add_argument("--no-report", action="store_true", help="skip the full-report step")
    a = ap.parse_args()

    workdir = a.keep or Path(tempfile.mkdtemp(prefix="lexwatch-bench-strategy-"))
    workdir.mkdir(parents=True, exist_ok=True)
    root = workdir / "replay"
    if root.exists():
        shutil.rmtree(root)
    t0 = time.perf_counter()
    world = generate_world(max(200, a.consultations // 4), n_consultations=a.consultations, seed=a.seed, today=TODAY)
    # A few consultations still open or recently closed, as on any night.
    for i, c in enumerate(world.consultations[-60:]):
        c.date_open = TODAY - dt.timedelta(days=10 + i)
        c.date_close = c.date_open + dt.timedelta(days=30)
    summary = corpus.write_world(root, world, today=TODAY, since=[None, SINCE])
    print(f"world: {summary['consultations']} consultations, {summary['decisions']} ПРИС decisions; "
          f"replay written in {time.perf_counter() - t0:.1f} s to {root}")  # fmt: skip

    server, base = start_server(root)
    try:
        db = fresh_db(a.db_url, workdir, "strategy_full")
        full = crawl(base, db, full="1")
        r = full.run
        print(f"\nfull API crawl: {r.requests} requests, {r.new} consultations stored, {r.errors} errors, status {r.status}")
        print(f"  {r.new / full.elapsed:8.1f} consultations stored / s   ({full.elapsed:.1f} s crawl, {full.wall:.1f} s with start-up)")
        print(f"  {r.requests / full.elapsed:8.1f} requests / s; peak RSS {full.peak_rss_mb:.0f} MB")
        print(f"  against the real site at 1.1 s per request this crawl would take {r.requests * 1.1 / 3600:.1f} h: "
              f"back-fill from the report instead")  # fmt: skip

        stored = {c.id: plan.Stored(c.date_open, c.date_close, is_law=c.act_type_id == 1) for c in world.consultations if c.date_open <= TODAY}
        due = plan.revisits(stored, today=TODAY)
        new, extended = a_night(world, 20, 10)
        corpus.write_world(root, world, today=TODAY, since=[None, SINCE])
        before = versions(db)
        inc = crawl(base, db)
        r2 = inc.run
        list_pages = -(-(sum(1 for c in world.consultations if SINCE <= c.date_open <= TODAY) + 1) // corpus.LIST_LIMIT)
        minimum = 1 + 1 + list_pages + len(new) + len(extended)  # robots.txt, feed, filtered list, new, changed
        print(f"\nincremental run ({len(new)} new, {len(extended)} deadlines extended; {len(due)} stored consultations "
              f"open or closed within 90 days, or tonight's weekly share of closed laws, are re-read by design):")  # fmt: skip
        print(f"  {r2.requests} requests; minimum to see the changes {minimum} ({r2.requests / minimum:.1f}x); "
              f"discovery + new + revisits = {2 + list_pages} + {len(new)} + {r2.stats.get('lexwatch/revisit', 0)}")  # fmt: skip
        print(f"  new {r2.new}, changed {r2.changed} (consultation versions +{versions(db) - before}), unchanged {r2.unchanged}, "
              f"errors {r2.errors}; {inc.elapsed:.1f} s, peak RSS {inc.peak_rss_mb:.0f} MB")  # fmt: skip

        if a.recrawl:
            settings = {"STRATEGY_BASE_URL": base, "STRATEGY_REVISIT_DAYS": str(100 * 365)}
            again = harness.crawl("strategy", db, settings, {"today": TODAY.isoformat()})
            r4 = again.run
            print(f"\nre-crawl (every stored consultation re-read, none changed): {r4.requests} requests, unchanged {r4.unchanged}, "
                  f"changed {r4.changed}, new {r4.new}, errors {r4.errors}")  # fmt: skip
            print(f"  {r4.unchanged / again.elapsed:8.1f} unchanged consultations re-stored / s   ({again.elapsed:.1f} s crawl), "
                  f"peak RSS {again.peak_rss_mb:.0f} MB")  # fmt: skip

        if a.no_report:
            return
        report = workdir / "full-report.json"
        t1 = time.perf_counter()
        rows, size = corpus.write_large_report(report, world, min_bytes=int(a.consultations * a.row_kb * 1024))
        print(f"\nfull report: {rows} rows, {size / 1e6:.0f} MB written in {time.perf_counter() - t1:.1f} s")
        out, wall, rss = run_child([sys.executable, "-c", STREAM_SCRIPT_HEADER + STREAM_ONLY, str(report)])
        print(f"  stream-parse only: {int(out)} consultations in {wall:.1f} s ({size / 1e6 / wall:.0f} MB/s), peak RSS {rss:.0f} MB")
        db2 = fresh_db(a.db_url, workdir, "strategy_report")
        back = crawl(base, db2, report=str(report))
        r3 = back.run
        print(f"  report back-fill crawl: {r3.new} consultations stored, {r3.errors} errors, "
              f"{r3.new / back.elapsed:.1f} stored / s ({back.elapsed:.1f} s), peak RSS {back.peak_rss_mb:.0f} MB")  # fmt: skip
    finally:
        server.terminate()
        server.wait()
        if a.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


STREAM_SCRIPT_HEADER = f"import sys; sys.path.insert(0, {str(REPO)!r})\n"

if __name__ == "__main__":
    main()
