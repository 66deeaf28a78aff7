"""Helpers of the reliability tests (tests/test_reliability_*.py): crawls run as a user runs
them (`python -m monitor.cli crawl …` in a subprocess: a Twisted reactor cannot restart), against
the replay server with injected faults (simulation.replay.Fault)."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from conftest import REPO_ROOT
from db.engine import dispose_engines, session_scope
from db.models import CrawlIssue, CrawlRun

# strategy.bg's world is rendered as of this day (the spider is told it with --today)
TODAY = dt.date(2026, 11, 20)
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LEXWATCH_PROGRESS=False",
        "-s", "LOG_LEVEL=WARNING", "-s", "RETRY_TIMES=1", "-s", "DOWNLOAD_TIMEOUT=2"]  # fmt: skip


def lexwatch(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    dispose_engines()  # PostgreSQL: no idle connection of ours while the child writes
    env = {**os.environ, "LEXWATCH_SCRAPY_LOG_LEVEL": "WARNING", "LEXWATCH_PROGRESS": "0"}
    return subprocess.run([sys.executable, "-m", "monitor.cli", *args], cwd=REPO_ROOT, capture_output=True, text=True,
                          env=env, timeout=timeout)  # fmt: skip


def crawl(source: str, base_url: str, db: str, *args: str) -> subprocess.CompletedProcess:
    extra = ["--delay", "0", "--today", TODAY.isoformat()] if source in ("strategy", "pris") else []
    settings = FAST if source == "parliament" else [a if a != "-s" else "--set" for a in FAST[6:]]
    return lexwatch("crawl", source, "--base-url", base_url, "--db", db, *extra, *settings, *args)


def last_run(db: str, source: str) -> CrawlRun:
    with session_scope(db) as s:
        run = s.scalars(select(CrawlRun).where(CrawlRun.source == source).order_by(CrawlRun.id.desc())).first()
        s.expunge(run)
        return run


def issue_kinds(db: str, run_id: int) -> dict[str, int]:
    with session_scope(db) as s:
        rows = s.execute(select(CrawlIssue.kind, func.count()).where(CrawlIssue.run_id == run_id).group_by(CrawlIssue.kind))
        return dict(rows.all())


def issue_messages(db: str, run_id: int, kind: str) -> list[str]:
    with session_scope(db) as s:
        return [f"{i.url} {i.record_key} {i.message}" for i in s.scalars(select(CrawlIssue).where(CrawlIssue.run_id == run_id, CrawlIssue.kind == kind))]


def count(db: str, model) -> int:
    with session_scope(db) as s:
        return s.scalar(select(func.count()).select_from(model))


def ids(db: str, model) -> set[int]:
    with session_scope(db) as s:
        return set(s.scalars(select(model.id)))


def no_traceback(proc: subprocess.CompletedProcess) -> bool:
    return "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


def root_of(tmp: Path, name: str) -> Path:
    root = tmp / name
    root.mkdir(parents=True, exist_ok=True)
    return root
