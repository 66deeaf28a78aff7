"""Benchmark of the parliament crawl (not a test): prints figures, asserts nothing.

1. generates a world of N bills (default 5,000) and writes it as a parliament.bg replay folder;
2. serves it with the replay server (its own process) and runs a full crawl into a fresh
   database (SQLite by default, --db-url for PostgreSQL);
3. changes 1% of the bills (the ones that can still change: open bills of the current assembly
   and adopted laws not yet promulgated), and runs the same crawl again, incrementally;
4. with --recrawl, re-reads every listed bill once more (PARLIAMENT_REREAD_DAYS=0, nothing
   changed since): the nightly re-crawl, where storing is dominated by unchanged records;
5. runs the same full crawl fetch-only (bill details downloaded, not parsed or stored) into
   another fresh database.

Printed: bill details stored per second, peak RSS of each crawl process, requests of the
incremental run against the minimum needed to see the changes, and the fetch-only rate with
the ratio stored/fetch-only.

    .venv/bin/python bench/crawl_parliament.py [--bills 5000] [--db-url URL] [--keep DIR] [--recrawl] [--no-fetch-only]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import harness  # noqa: E402  (bench/harness.py, beside this script)
from harness import Crawl, fresh_db, start_server  # noqa: E402

from sqlalchemy import func, select  # noqa: E402

from simulation.corpus.parliament import write_bill, write_world  # noqa: E402
from simulation.corpus.world import World, generate_world, mutate  # noqa: E402
from db.engine import session_scope  # noqa: E402
from db.models import RecordVersion  # noqa: E402


def crawl(base: str, db_url: str, *, settings: dict[str, str] | None = None, **args: str) -> Crawl:
    return harness.crawl("parliament", db_url, {"PARLIAMENT_BASE_URL": base, **(settings or {})}, args)


def changeable(world: World) -> list:
    current = max(a[0] for a in world.assemblies)
    return [
        b for b in world.bills
        if (b.assembly == current and b.status not in ("adopted", "rejected", "withdrawn")) or (b.status == "adopted" and not b.dv_issue)
    ]  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bills", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db-url", default="sqlite", help="'sqlite' (a file in the work dir) or a PostgreSQL server URL")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    ap.add_argument("--change", type=float, default=0.01, help="share of all bills changed before the incremental run")
    ap.add_argument("--recrawl", action="store_true", help="also re-read every listed bill of the incremental database, unchanged")
    ap.add_argument("--no-fetch-only", action="store_true", help="skip the fetch-only crawl")
    a = ap.parse_args()

    workdir = a.keep or Path(tempfile.mkdtemp(prefix="lexwatch-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    root = workdir / "replay"
    if root.exists():
        shutil.rmtree(root)
    t0 = time.perf_counter()
    world = generate_world(a.bills, seed=a.seed)
    summary = write_world(world, root)
    print(f"world: {len(world.bills)} bills over {summary.months} months ({summary.first_month}..{summary.last_month}), "
          f"{summary.acts} adopted; written in {time.perf_counter() - t0:.1f} s to {root}")  # fmt: skip

    server, base = start_server(root)
    try:
        db = fresh_db(a.db_url, workdir, "full")
        full = crawl(base, db, since=summary.first_month)
        r = full.run
        print(f"\nfull crawl: {r.requests} requests, {r.new} bills stored, {r.stats.get('lexwatch/act_text/new', 0)} act texts, "
              f"{r.errors} errors, status {r.status}")  # fmt: skip
        print(f"  {r.new / full.elapsed:8.1f} bill details stored / s   ({full.elapsed:.1f} s crawl, {full.wall:.1f} s with start-up)")
        print(f"  {r.requests / full.elapsed:8.1f} requests / s")
        print(f"  peak RSS {full.peak_rss_mb:.0f} MB")

        candidates = changeable(world)
        share = min(1.0, a.change * len(world.bills) / max(1, len(candidates)))
        sub = World(world.seed, candidates, world.consultations, world.decisions, world.truth, world.assemblies)
        changed = mutate(sub, share, seed=a.seed + 1)
        for bill_id in changed:
            write_bill(root, world, world.bill(bill_id))
        newly_promulgated = sum(1 for i in changed if world.bill(i).status == "adopted")
        with session_scope(db) as s:
            versions_before = s.scalar(select(func.count()).select_from(RecordVersion).where(RecordVersion.entity == "bill"))
        inc = crawl(base, db, since=summary.first_month)
        with session_scope(db) as s:
            versions_after = s.scalar(select(func.count()).select_from(RecordVersion).where(RecordVersion.entity == "bill"))
        r2 = inc.run
        # robots.txt + fn-assembly + one list per month + the changed bills + the texts of laws newly promulgated
        minimum = 2 + summary.months + len(changed) + newly_promulgated
        print(f"\nincremental crawl ({len(changed)} bills changed = {len(changed) / len(world.bills):.1%} of all, "
              f"{newly_promulgated} of them newly promulgated):")  # fmt: skip
        print(f"  {r2.requests} requests, minimum needed {minimum} ({r2.requests / minimum:.2f}x); "
              f"{r2.stats.get('lexwatch/skipped/settled', 0)} settled bills skipped")  # fmt: skip
        print(f"  changed {r2.changed} (new bill versions {versions_after - versions_before}), unchanged {r2.unchanged}, "
              f"new {r2.new}, errors {r2.errors}; {inc.elapsed:.1f} s, peak RSS {inc.peak_rss_mb:.0f} MB")  # fmt: skip

        if a.recrawl:
            again = crawl(base, db, settings={"PARLIAMENT_REREAD_DAYS": "0"}, since=summary.first_month)
            r3 = again.run
            print(f"\nre-crawl (every listed bill re-read, none changed): {r3.requests} requests, "
                  f"unchanged {r3.unchanged}, changed {r3.changed}, new {r3.new}, errors {r3.errors}")  # fmt: skip
            print(f"  {r3.unchanged / again.elapsed:8.1f} unchanged bill details re-stored / s   ({again.elapsed:.1f} s crawl), "
                  f"peak RSS {again.peak_rss_mb:.0f} MB")  # fmt: skip

        if a.no_fetch_only:
            return
        db_fetch = fresh_db(a.db_url, workdir, "fetch_only")
        fetch = crawl(base, db_fetch, since=summary.first_month, fetch_only="1")
        fetched = int(fetch.run.stats.get("lexwatch/fetched", 0))
        fetch_rate = fetched / fetch.elapsed
        store_rate = r.new / full.elapsed
        print(f"\nfetch-only crawl: {fetch.run.requests} requests, {fetched} bill details fetched")
        print(f"  {fetch_rate:8.1f} bill details fetched / s   ({fetch.elapsed:.1f} s), peak RSS {fetch.peak_rss_mb:.0f} MB")
        print(f"  {fetch.run.requests / fetch.elapsed:8.1f} requests / s")
        print(f"  ratio stored / fetch-only: {store_rate / fetch_rate:.2f} in bills per second "
              f"(the full crawl also fetches and stores {r.stats.get('lexwatch/act_text/new', 0)} act texts), "
              f"{(r.requests / full.elapsed) / (fetch.run.requests / fetch.elapsed):.2f} in requests per second")  # fmt: skip
    finally:
        server.terminate()
        server.wait()
        if a.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
