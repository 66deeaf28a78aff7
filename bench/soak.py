"""A soak: 30 simulated nights over an evolving generated world, both sources, with a 3-night
outage of each, crawled every night as the nightly does (`lexwatch crawl …`, then `lexwatch
status`). It ends with a fresh full crawl of the final world into an empty database and
compares: nothing lost, every outage night reported (a failed crawl and a status problem),
every outage recovered, and the nightly database equal to the fresh one, record by record.

Night by night the world changes the way the sources do (inferred from the generator's own
kinds of change, simulation.corpus.world.mutate): open bills of the current assembly get a new
stage, an adopted bill its Държавен вестник issue, a new bill is submitted every third night;
a new consultation opens every second night, open consultations get their deadline extended,
and a closed one gets its late справка (the report on the proposals received).

Parliament.bg lists bills by the month they were submitted and the spider lists the current
and the previous month of the real calendar, so new bills are dated today; the nights are
compressed into minutes, so every night re-reads open bills (PARLIAMENT_REREAD_DAYS=0) as a
real night a day later would. strategy.bg's nights are simulated days (`--today`).

    .venv/bin/python bench/soak.py [--nights 30] [--outage 10] [--strategy-outage 20] [--pg URL]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import select  # noqa: E402

from core.strategy import PROPOSALS_REPORT  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import dispose_engines, session_scope  # noqa: E402
from db.models import Bill, Consultation  # noqa: E402
from simulation.corpus import strategy as strategy_corpus  # noqa: E402
from simulation.corpus.parliament import write_world  # noqa: E402
from simulation.corpus.world import Stage, World, generate_world  # noqa: E402
from simulation.replay import Fault, ReplayServer  # noqa: E402

START = dt.date(2026, 11, 1)  # strategy.bg's first simulated night
OPEN = ("submitted", "in_committee", "first_reading_passed")


def lexwatch(*args: str) -> subprocess.CompletedProcess:
    dispose_engines()
    env = {**os.environ, "LEXWATCH_SCRAPY_LOG_LEVEL": "ERROR", "LEXWATCH_PROGRESS": "0"}
    return subprocess.run([sys.executable, "-m", "monitor.cli", *args], cwd=REPO, capture_output=True, text=True, env=env, timeout=900)


FAST = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "LOG_LEVEL=ERROR", "RETRY_TIMES=1"]


def crawl_parliament(url: str, db: str, *args: str) -> subprocess.CompletedProcess:
    settings = [x for kv in [*FAST, "PARLIAMENT_REREAD_DAYS=0"] for x in ("-s", kv)]
    return lexwatch("crawl", "parliament", "--base-url", url, "--db", db, *settings, *args)


def crawl_strategy(url: str, db: str, today: dt.date) -> subprocess.CompletedProcess:
    settings = [x for kv in FAST for x in ("--set", kv)]
    return lexwatch("crawl", "strategy", "--base-url", url, "--db", db, "--delay", "0", "--today", today.isoformat(), *settings)


def fingerprint(db: str) -> dict[str, dict[int, str]]:
    dispose_engines()
    with session_scope(db) as s:
        return {
            "bills": dict(s.execute(select(Bill.id, Bill.content_hash)).all()),
            "consultations": dict(s.execute(select(Consultation.id, Consultation.content_hash)).all()),
        }


def status_problems(db: str) -> list[dict]:
    proc = lexwatch("status", "--db", db, "--format", "json")
    return json.loads(proc.stdout)["problems"]


class Evolving:
    """The world and what is still to come (bills not yet submitted, consultations not yet open)."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.world: World = generate_world(60, n_consultations=50, seed=seed, today=START)
        current = max(b.assembly for b in self.world.bills)
        self.current = current
        pending = [b for b in self.world.bills if b.assembly == current and b.status == "submitted"][:10]
        self.unsubmitted = pending
        self.world.bills = [b for b in self.world.bills if b not in pending]
        self.unopened = sorted(self.world.consultations, key=lambda c: c.date_open)[-10:]
        self.world.consultations = [c for c in self.world.consultations if c not in self.unopened]
        self.next_file = 990000
        self.next_activity = 990000

    def night(self, n: int, real_today: dt.date, sim_today: dt.date) -> list[str]:
        done = []
        open_bills = [b for b in self.world.bills if b.assembly == self.current and b.status in OPEN]
        for b in self.rng.sample(open_bills, min(2, len(open_bills))):
            self.next_activity += 1
            b.stages.append(Stage(real_today, "зала първо гласуване", "обсъждане", None, self.next_activity, 15000))
            b.version += 1
            done.append(f"bill {b.id}: new stage")
        undated = [b for b in self.world.bills if b.status == "adopted" and not b.dv_issue and b.assembly == self.current]
        if undated:
            b = self.rng.choice(undated)
            b.dv_issue, b.dv_year, b.dv_issue_id = str(self.rng.randint(1, 110)), real_today.year, 19000 + n
            b.version += 1
            done.append(f"bill {b.id}: ДВ issue")
        if n % 3 == 0 and self.unsubmitted:
            b = self.unsubmitted.pop(0)
            b.submitted_on = real_today
            self.world.bills.append(b)
            done.append(f"bill {b.id}: submitted")
        if n % 2 == 0 and self.unopened:
            c = self.unopened.pop(0)
            c.date_open, c.date_close = sim_today, sim_today + dt.timedelta(days=30)
            self.world.consultations.append(c)
            done.append(f"consultation {c.id}: opened")
        running = [c for c in self.world.consultations if c.date_open <= sim_today <= c.date_close]
        if running:
            c = self.rng.choice(running)
            c.date_close += dt.timedelta(days=7)
            c.version += 1
            done.append(f"consultation {c.id}: deadline extended")
        closed = [
            c for c in self.world.consultations
            if sim_today - dt.timedelta(days=30) <= c.date_close < sim_today and not any(t.startswith("Справка") for t, _, _ in c.documents)
        ]  # fmt: skip
        if closed:
            c = self.rng.choice(closed)
            self.next_file += 1
            c.documents.append((PROPOSALS_REPORT, sim_today, self.next_file))  # the portal's doc type 8 label
            c.version += 1
            done.append(f"consultation {c.id}: late справка")
        return done

    def write(self, parliament_root: Path, strategy_root: Path, sim_today: dt.date) -> str:
        summary = write_world(self.world, parliament_root)
        strategy_corpus.write_world(strategy_root, self.world, today=sim_today, since=[None, sim_today - dt.timedelta(days=30)])
        return summary.first_month


def new_db(tmp: Path, name: str, pg: str | None) -> str:
    if pg:
        import uuid

        from sqlalchemy import create_engine, text

        db = f"lexwatch_soak_{name}_{uuid.uuid4().hex[:6]}"
        engine = create_engine(pg.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{db}"'))
        engine.dispose()
        url = pg.rsplit("/", 1)[0] + "/" + db
    else:
        url = f"sqlite:///{tmp / name}.sqlite3"
    migrate.upgrade(url)
    return url


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nights", type=int, default=30)
    ap.add_argument("--outage", type=int, default=10, help="first of parliament.bg's 3 nights of outage")
    ap.add_argument("--strategy-outage", type=int, default=20, help="first of strategy.bg's 3 nights of outage")
    ap.add_argument("--seed", type=int, default=30)
    ap.add_argument("--pg", help="PostgreSQL URL: scratch databases beside it (default SQLite)")
    args = ap.parse_args()
    started = time.monotonic()
    world = Evolving(args.seed)
    outage_p = set(range(args.outage, args.outage + 3))
    outage_s = set(range(args.strategy_outage, args.strategy_outage + 3))
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="lexwatch-soak-") as tmp_name:
        tmp = Path(tmp_name)
        p_root, s_root = tmp / "parliament", tmp / "strategy"
        p_root.mkdir()
        s_root.mkdir()
        db = new_db(tmp, "nightly", args.pg)
        world.write(p_root, s_root, START)
        p_server, s_server = ReplayServer(p_root).start(), ReplayServer(s_root).start()
        try:
            first_month = world.write(p_root, s_root, START)
            # the first night back-fills parliament.bg (as an installation does once)
            since = ["--since", first_month]
            for n in range(1, args.nights + 1):
                sim_today = START + dt.timedelta(days=n - 1)
                changes = world.night(n, dt.date.today(), sim_today) if n > 1 else []
                first_month = world.write(p_root, s_root, sim_today)
                for server, nights in ((p_server, outage_p), (s_server, outage_s)):
                    server.clear_faults()
                    if n in nights:
                        server.inject(Fault("503"))
                p = crawl_parliament(p_server.url, db, *(since if n == 1 else ()))
                s = crawl_strategy(s_server.url, db, sim_today)
                problems = status_problems(db)
                told = {pr["source"] for pr in problems if pr["kind"] not in ("stale",)}
                line = f"night {n:2} {sim_today}: parliament exit {p.returncode}, strategy exit {s.returncode}; {len(changes)} changes; problems: " + (
                    ", ".join(sorted({f"{pr['source']} {pr['kind']}" for pr in problems})) or "none")  # fmt: skip
                print(line, flush=True)
                for source, code, nights in (("parliament", p.returncode, outage_p), ("strategy", s.returncode, outage_s)):
                    if n in nights and (code == 0 or source not in told):
                        failures.append(f"night {n}: the {source} outage was not reported (exit {code})")
                    if n - 1 in nights and n not in nights and code != 0:
                        failures.append(f"night {n}: {source} did not recover from its outage (exit {code})")
                for proc in (p, s):
                    if "Traceback" in proc.stderr:
                        failures.append(f"night {n}: a traceback: {proc.stderr[-500:]}")
            final = fingerprint(db)
            fresh_db = new_db(tmp, "fresh", args.pg)
            for server in (p_server, s_server):
                server.clear_faults()
            crawl_parliament(p_server.url, fresh_db, "--since", first_month)
            crawl_strategy(s_server.url, fresh_db, START + dt.timedelta(days=args.nights - 1))
            fresh = fingerprint(fresh_db)
        finally:
            p_server.stop()
            s_server.stop()
    expected = {"bills": {b.id for b in world.world.bills}, "consultations": {c.id for c in world.world.consultations}}
    lost = {k: sorted(expected[k] - set(final[k])) for k in expected}
    differ = {k: sorted(i for i in set(final[k]) | set(fresh[k]) if final[k].get(i) != fresh[k].get(i)) for k in final}
    print(f"world at the end: {len(expected['bills'])} bills, {len(expected['consultations'])} consultations")
    print(f"lost: {sum(map(len, lost.values()))} {lost if any(lost.values()) else ''}")
    print(f"different from a fresh full crawl: {sum(map(len, differ.values()))} {differ if any(differ.values()) else ''}")
    print(f"outage nights reported and recovered: {'yes' if not failures else 'NO'}")
    for f in failures:
        print(f"  {f}")
    ok = not failures and not any(lost.values()) and not any(differ.values())
    print(f"soak {'passed' if ok else 'FAILED'} ({time.monotonic() - started:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
