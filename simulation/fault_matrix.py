"""The fault matrix: every fault kind × source × first/incremental run, crawled as a user runs
it (`lexwatch crawl …` in a subprocess) against the replay server with injected faults.

One scenario:
1. (incremental only) a clean crawl fills the database;
2. the faulted crawl (a share of the record paths answers with the fault, every time);
3. a healthy, plain crawl (no --since: what the nightly runs);
then compared with a fresh full crawl of the same world into an empty database.

Judged (`Outcome.survived`): no traceback; when the faulted run left records unread, it failed
(exit code 1) or `lexwatch status` names a problem; an incremental run never overwrote a stored
record with a degraded answer; and after the healthy run the database equals the fresh crawl.
`lost` counts the records missing or different after the healthy run.

Used by tests/test_reliability_matrix.py and bench/fault_matrix.py (the figures in
docs/reliability.md).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import select

from db import migrate
from db.engine import dispose_engines, session_scope
from db.models import Bill, Consultation
from simulation.corpus import strategy as strategy_corpus
from simulation.corpus.parliament import write_world
from simulation.corpus.world import generate_world
from simulation.replay import Fault, ReplayServer

REPO_ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 20)
KINDS = ("500", "503", "429", "timeout", "empty_object", "null", "empty_lists", "truncate", "html_shell", "drop_keys")
SOURCES = ("parliament", "strategy")
MODES = ("first", "incremental")
SHARE = 0.3  # of the record paths
# Optional keys whose absence the parsers accept (a degraded answer, not a broken one).
DROP = {
    "parliament": ("withdrawn", "L_Act_veto", "L_Act_veto_date"),
    "strategy": ("description", "short_term_reason", "pris_id"),
}
RECORD_PATHS = {"parliament": r"^/api/v1/bill/\d+$", "strategy": r"^/(api/consultations|bg/public-consultations)/\d+$"}
MODEL = {"parliament": Bill, "strategy": Consultation}
SETTINGS = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "LEXWATCH_PROGRESS=False", "LOG_LEVEL=ERROR",
            "RETRY_TIMES=1", "DOWNLOAD_TIMEOUT=1.5"]  # fmt: skip


@dataclass
class World:
    source: str
    root: Path
    args: list[str]  # what lists the whole world (first run, reference)
    every: list[str]  # an incremental run that reads every record again
    size: int


@dataclass
class Outcome:
    source: str
    kind: str
    mode: str
    exit_code: int
    status_problems: list[str]
    unread_after_fault: int
    overwritten: int  # incremental: stored records a degraded answer replaced
    recovery_exit: int
    lost: int  # missing or different after the healthy run
    traceback: bool

    @property
    def survived(self) -> bool:
        told = self.exit_code != 0 or bool(self.status_problems)
        return not self.traceback and (self.unread_after_fault == 0 or told) and self.overwritten == 0 and self.lost == 0

    def to_dict(self) -> dict:
        return {**asdict(self), "survived": self.survived}


def make_world(source: str, root: Path) -> World:
    if source == "parliament":
        world = generate_world(15, seed=21)
        summary = write_world(world, root)
        return World(source, root, ["--since", summary.first_month], ["--since", summary.first_month, "-s", "PARLIAMENT_REREAD_DAYS=0"], 15)
    world = generate_world(5, n_consultations=20, seed=22, today=TODAY)
    counts = strategy_corpus.write_world(root, world, today=TODAY, since=[None, TODAY - dt.timedelta(days=30)])
    return World(source, root, [], ["--set", "STRATEGY_REVISIT_DAYS=100000"], counts["consultations"])


def lexwatch(*args: str) -> subprocess.CompletedProcess:
    dispose_engines()
    env = {**os.environ, "LEXWATCH_SCRAPY_LOG_LEVEL": "ERROR", "LEXWATCH_PROGRESS": "0"}
    return subprocess.run([sys.executable, "-m", "monitor.cli", *args], cwd=REPO_ROOT, capture_output=True, text=True, env=env, timeout=600)


def crawl(world: World, url: str, db: str, *args: str) -> subprocess.CompletedProcess:
    extra = ["--delay", "0", "--today", TODAY.isoformat()] if world.source == "strategy" else []
    flag = "-s" if world.source == "parliament" else "--set"
    settings = [x for kv in SETTINGS for x in (flag, kv)]
    return lexwatch("crawl", world.source, "--base-url", url, "--db", db, *extra, *settings, *args)


def fingerprint(db: str, source: str) -> dict[int, str]:
    dispose_engines()
    model = MODEL[source]
    with session_scope(db) as s:
        return dict(s.execute(select(model.id, model.content_hash)).all())


def problems(db: str, source: str) -> list[str]:
    proc = lexwatch("status", "--db", db, "--format", "json")
    data = json.loads(proc.stdout)
    return [f"{p['kind']}: {p['message']}" for p in data["problems"] if p["source"] in (source, "pipeline") and p["kind"] != "stale"]


def reference(world: World, server: ReplayServer, db: str) -> dict[int, str]:
    migrate.upgrade(db)
    proc = crawl(world, server.url, db, *world.args)
    if proc.returncode != 0:
        raise RuntimeError(f"the clean crawl of {world.source} failed: {proc.stderr[-2000:]}")
    return fingerprint(db, world.source)


def fault_for(source: str, kind: str) -> Fault:
    return Fault(kind, share=SHARE, pattern=RECORD_PATHS[source], seed=7, keys=DROP[source] if kind == "drop_keys" else (), delay=3.0)


def run_scenario(world: World, server: ReplayServer, clean: dict[int, str], db: str, kind: str, mode: str) -> Outcome:
    migrate.upgrade(db)
    server.clear_faults()
    before: dict[int, str] = {}
    if mode == "incremental":
        proc = crawl(world, server.url, db, *world.args)
        if proc.returncode != 0:
            raise RuntimeError(f"the clean crawl before {kind} failed: {proc.stderr[-2000:]}")
        before = fingerprint(db, world.source)
    server.inject(fault_for(world.source, kind))
    faulted = crawl(world, server.url, db, *(world.args if mode == "first" else world.every))
    after_fault = fingerprint(db, world.source)
    told = problems(db, world.source)
    server.clear_faults()
    healthy = crawl(world, server.url, db)
    final = fingerprint(db, world.source)
    overwritten = sum(1 for k, h in before.items() if after_fault.get(k) != h)
    lost = sum(1 for k, h in clean.items() if final.get(k) != h)
    return Outcome(
        world.source, kind, mode, faulted.returncode, told, len(set(clean) - set(after_fault)), overwritten,
        healthy.returncode, lost, "Traceback" in faulted.stderr or "Traceback" in healthy.stderr,
    )  # fmt: skip
