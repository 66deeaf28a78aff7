"""Issue 14, point 6: `lexwatch status` tells the truth after a kill.

A SIGKILLed crawl is shown as interrupted (not hidden behind the previous good run), a killed
evaluate's lock is reported, and a nightly's children die with it. Real processes, real
signals, the replay server, SQLite and PostgreSQL.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from conftest import REPO_ROOT
from db import migrate
from db.engine import dispose_engines, session_scope
from db.models import CrawlRun
from reliability_support import FAST, crawl, lexwatch
from simulation.corpus.parliament import write_world
from simulation.corpus.world import generate_world
from simulation.replay import Fault, serve


@pytest.fixture(autouse=True)
def _fresh_engines():
    yield
    dispose_engines()


def status(db: str) -> dict:
    proc = lexwatch("status", "--db", db, "--format", "json")
    return json.loads(proc.stdout)


def wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("timed out waiting")


def running_run(db: str) -> CrawlRun | None:
    dispose_engines()
    with session_scope(db) as s:
        run = s.scalars(select(CrawlRun).where(CrawlRun.finished_at.is_(None))).first()
        if run is not None:
            s.expunge(run)
        return run


def test_a_sigkilled_crawl_is_shown_as_interrupted_until_the_next_crawl(tmp_path, db_url):
    world = generate_world(20, seed=3)
    summary = write_world(world, tmp_path / "replay")
    migrate.upgrade(db_url)
    with serve(tmp_path / "replay") as server:
        assert crawl("parliament", server.url, db_url, "--since", summary.first_month).returncode == 0
        server.inject(Fault("timeout", pattern=r"^/api/v1/bill/", delay=20))
        dispose_engines()
        child = subprocess.Popen(
            [sys.executable, "-m", "monitor.cli", "crawl", "parliament", "--base-url", server.url, "--db", db_url,
             "--since", summary.first_month, *FAST, "-s", "PARLIAMENT_REREAD_DAYS=0", "-s", "DOWNLOAD_TIMEOUT=60"],
            cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        run = wait_for(lambda: running_run(db_url))
        wait_for(lambda: server.state.faults_answered > 0 or server.state.faulted)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        data = status(db_url)
        source = next(s for s in data["sources"] if s["source"] == "parliament")
        assert source["last_run"]["id"] == run.id and source["last_run"]["status"] == "interrupted"
        [problem] = [p for p in data["problems"] if p["kind"] == "interrupted"]
        assert problem["source"] == "parliament" and f"crawl run {run.id}" in problem["message"] and "never finished" in problem["message"]
        server.clear_faults()
        assert crawl("parliament", server.url, db_url, "--since", summary.first_month).returncode == 0
    with session_scope(db_url) as s:
        assert s.get(CrawlRun, run.id).status == "interrupted"
    assert not [p for p in status(db_url)["problems"] if p["kind"] == "interrupted"]


def test_a_killed_evaluate_is_reported_until_the_next_evaluate_takes_over(sqlite_url):
    migrate.upgrade(sqlite_url)
    script = (
        "import os, signal, sys\n"
        "from monitor.lock import EVALUATE, PipelineLock\n"
        "PipelineLock(sys.argv[1], EVALUATE).acquire()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, sqlite_url], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    [problem] = [p for p in status(sqlite_url)["problems"] if p["kind"] == "interrupted"]
    assert problem["message"].startswith("the evaluate run started") and "was interrupted" in problem["message"]
    assert lexwatch("evaluate", "--all", "--db", sqlite_url).returncode == 0
    assert not [p for p in status(sqlite_url)["problems"] if p["kind"] == "interrupted"]


def test_a_nightlys_child_dies_with_it(tmp_path):
    pid_file = tmp_path / "child.pid"
    child_code = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(120)"
    parent_code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from monitor.nightly import run_command\n"
        f"run_command([sys.executable, '-c', {child_code!r}], env={{}}, log_path=Path({str(tmp_path / 'c.log')!r}), timeout=300)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", parent_code], cwd=REPO_ROOT)
    pid = int(wait_for(lambda: pid_file.exists() and pid_file.read_text()))
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=30)

    def gone() -> bool:
        state = subprocess.run(["ps", "-p", str(pid), "-o", "stat="], capture_output=True, text=True).stdout.strip()
        return state in ("", "Z") or state.startswith("Z")

    assert wait_for(gone, timeout=15)
