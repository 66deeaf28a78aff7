"""The nightly request cost of re-visiting stored consultations (not a test): prints figures.

Before: every consultation open or closed within 90 days, nightly (one API detail each).
After (crawlers.strategy.plan): the same, plus the closed laws whose bill is not settled, weekly,
for up to LAW_HORIZON_DAYS; plus the page of a closed consultation without a справка file, read
for a message at most once per PAGE_RECHECK_DAYS until one is found.

The stored state is a generated world (simulation.corpus.world, its bills' statuses and the true
bill ↔ consultation links); the messages are the corpus's (simulation.corpus.strategy.spravka_message).
The nights are simulated with the planner itself, `--nights` in a row; the cost at the real pace is
requests × DOWNLOAD_DELAY (1.1 s: the API's 60 requests/min per IP). Discovery (feed, list pages)
and new consultations are the same before and after and are not counted.

    .venv/bin/python bench/revisit_cost.py [--consultations 10000] [--nights 28] [--seed 1]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core import strategy as V  # noqa: E402
from crawlers.strategy import plan  # noqa: E402
from crawlers.spiders.strategy import POLITE  # noqa: E402
from simulation.corpus import strategy as corpus  # noqa: E402
from simulation.corpus.world import generate_world  # noqa: E402

TODAY = dt.date(2026, 11, 20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--consultations", type=int, default=10_000)
    ap.add_argument("--nights", type=int, default=28)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    delay = float(POLITE["DOWNLOAD_DELAY"])
    world = generate_world(max(200, a.consultations // 4), n_consultations=a.consultations, seed=a.seed, today=TODAY)
    settled_bill = {b.id for b in world.bills if b.status in plan.SETTLED_BILL_STATUSES}
    settled_cons = {cons for bid, (cons, _dec, _how) in world.truth.items() if cons and bid in settled_bill}
    by_id = {c.id: c for c in world.consultations}
    stored = {
        c.id: plan.Stored(c.date_open, c.date_close, is_law=c.act_type_id == V.ACT_LAW, bill_settled=c.id in settled_cons)
        for c in world.consultations if c.date_open <= TODAY
    }  # fmt: skip
    laws = sum(s.is_law for s in stored.values())
    print(f"world: {len(stored)} consultations stored ({laws} on laws, {sum(s.bill_settled for s in stored.values())} "
          f"with a settled bill); {a.nights} nights from {TODAY}; {delay} s per request")  # fmt: skip
    shared = Path(os.environ.get("LEXWATCH_SHARED_FIXTURES", REPO.parent / "shared" / "fixtures"))
    real = shared / "strategy" / "data-egov-bg_b600c109_pc-full.json"
    if real.exists():  # the law share of the real sample, to weigh the weekly component against
        rows = json.loads(real.read_text(encoding="utf-8"))["data"][1:]
        real_laws = sum(r.get("act_type") == V.ACT_TYPES[V.ACT_LAW] for r in rows)
        print(f"  (the real full-report sample has {real_laws} laws in {len(rows)} rows, {real_laws / len(rows):.0%}; "
              f"the world {laws / len(stored):.0%}: the weekly law component scales with that share)")  # fmt: skip

    before, after_detail, after_pages = [], [], []
    for k in range(a.nights):
        night = TODAY + dt.timedelta(days=k)
        before.append(len(plan.revisits(stored, today=night, law_horizon_days=0)))
        due = plan.revisits(stored, today=night)
        pages = 0
        for cid in due:
            c = by_id[cid]
            has_file = any(t == V.PROPOSALS_REPORT for t, _d, _f in c.documents)
            if plan.needs_message_check(stored[cid], date_close=c.date_close, has_spravka_file=has_file, today=night):
                pages += 1
                message = corpus.spravka_message(c, night)
                stored[cid] = replace(stored[cid], page_checked_on=night, message_on=message[1] if message else None)
        after_detail.append(len(due))
        after_pages.append(pages)

    def line(name: str, counts: list[int]) -> None:
        mean = statistics.fmean(counts)
        print(f"  {name:<44} mean {mean:7.1f} requests/night, max {max(counts):5d}  →  {mean * delay / 60:6.1f} min/night at the real pace")

    total = [d + p for d, p in zip(after_detail, after_pages)]
    print("\nnightly re-visit cost")
    line("before: open or closed ≤ 90 days", before)
    line("after: details (+ laws weekly until settled)", after_detail)
    line("after: pages read for a справка message", after_pages)
    line("after: total", total)
    steady = total[7:] or total
    line("after: total from the second week on", steady)


if __name__ == "__main__":
    main()
