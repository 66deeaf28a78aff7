"""Micro-benchmark of the history store alone (not a test): prints figures, asserts nothing.

N bill records are generated (the corpus world rendered as parliament.bg answers and parsed,
so each is the real normalised shape, ~20 chronology/file/committee rows), then stored into a
fresh database through `db.versioning`, committing every --batch records as the crawl
pipelines do:

- new:       the first store of every record (version 1);
- unchanged: the same records again (nothing written);
- changed:   every record with one more chronology row (old version closed, diff kept).

Each pass is timed one record at a time (`record_version`) and, where the module has it, a
batch at a time (`record_versions`), each in its own fresh database; SQLite and PostgreSQL
side by side.

    .venv/bin/python bench/store.py [--records 5000] [--batch 200] [--db-url sqlite --db-url postgresql+psycopg://…]
"""
from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from harness import fresh_db  # noqa: E402  (bench/harness.py, beside this script)

from simulation.corpus.parliament import bill_payload  # noqa: E402
from simulation.corpus.world import generate_world  # noqa: E402
from crawlers.parliament.parse import parse_bill  # noqa: E402
from db import versioning  # noqa: E402
from db.engine import dispose_engines, session_factory  # noqa: E402

BASE = "https://www.parliament.bg"
EXTRA_STAGE = {"activity_id": 99_000_001, "date": "2026-11-27", "stage": "зала второ гласуване", "event": "приет",
               "plenary_steno_id": None, "committee_steno_id": None, "committee_id": None, "committee_name": None,
               "classification": "second_reading_passed"}  # fmt: skip


def records(n: int, seed: int) -> list[tuple[int, dict[str, Any]]]:
    world = generate_world(n, seed=seed)
    current = max(a[0] for a in world.assemblies)
    out = []
    for b in world.bills:
        url = f"{BASE}/api/v1/bill/{b.id}"
        out.append((b.id, parse_bill(bill_payload(b, current_assembly=current), url, BASE, expect_id=b.id).record()))
    return out


def changed(recs: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for key, data in recs:
        data = copy.deepcopy(data)
        data["stages"].setdefault("activity", []).append(EXTRA_STAGE)
        out.append((key, data))
    return out


def one_by_one(session, recs, regression) -> list[str]:
    return [versioning.record_version(session, "bill", key, data, regression=regression).status for key, data in recs]


def batched(session, recs, regression) -> list[str]:
    return [r.status for r in versioning.record_versions(session, "bill", recs, regression=regression)]


def timed_pass(db_url: str, recs, batch: int, store: Callable, regression) -> tuple[float, dict[str, int]]:
    Session = session_factory(db_url)
    counts: dict[str, int] = {}
    t0 = time.perf_counter()
    with Session() as s:
        for i in range(0, len(recs), batch):
            for status in store(s, recs[i : i + batch], regression):
                counts[status] = counts.get(status, 0) + 1
            s.commit()
            s.expunge_all()
    return time.perf_counter() - t0, counts


def fewer_stages(stored: dict[str, Any], new: dict[str, Any]) -> str | None:
    # the parliament pipeline's regression check (crawlers.pipelines.parliament), inlined to
    # keep this benchmark about the store
    def count(data):
        return len((data.get("stages") or {}).get("activity", ()))

    return "fewer" if count(new) < count(stored) else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=200, help="records per transaction (the pipelines' default: 200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db-url", action="append", help="'sqlite' (a file in a temporary folder) or a PostgreSQL server URL; repeatable")
    a = ap.parse_args()
    kinds = a.db_url or ["sqlite"]

    t0 = time.perf_counter()
    recs = records(a.records, a.seed)
    more = changed(recs)
    size = sum(len(versioning.canonical_json(d)) for _, d in recs) / len(recs)
    print(f"{len(recs)} bill records (mean {size / 1024:.1f} KB as canonical JSON), generated in {time.perf_counter() - t0:.1f} s; "
          f"commit every {a.batch}")  # fmt: skip

    modes: list[tuple[str, Callable]] = [("one by one", one_by_one)]
    if hasattr(versioning, "record_versions"):
        modes.append(("batch", batched))
    workdir = Path(tempfile.mkdtemp(prefix="lexwatch-bench-store-"))
    try:
        print(f"\n{'database':<12}{'mode':<12}{'new / s':>10}{'unchanged / s':>15}{'changed / s':>13}")
        for kind in kinds:
            label = "postgresql" if kind.startswith("postgresql") else "sqlite"
            for name, store in modes:
                db = fresh_db(kind, workdir, f"store_{label}_{name.replace(' ', '_')}")
                rates = []
                for recs_, expect in ((recs, "new"), (recs, "unchanged"), (more, "changed")):
                    secs, counts = timed_pass(db, recs_, a.batch, store, fewer_stages)
                    if counts != {expect: len(recs_)}:
                        raise SystemExit(f"{label} {name}: expected {len(recs_)} {expect}, got {counts}")
                    rates.append(len(recs_) / secs)
                dispose_engines()
                print(f"{label:<12}{name:<12}{rates[0]:>10.0f}{rates[1]:>15.0f}{rates[2]:>13.0f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
