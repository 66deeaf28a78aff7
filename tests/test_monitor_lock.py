"""The nightly lock: never two runs at once, and a crashed holder does not block forever."""
from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys

import pytest

from db.engine import session_scope
from db.models import PipelineRun, RunLock, utcnow
from monitor.lock import LockBusy, PipelineLock, current_lock


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: the pid no longer exists
    return child.pid


def _plant(url: str, holder: str, heartbeat_age: dt.timedelta = dt.timedelta(0)) -> None:
    now = utcnow()
    with session_scope(url) as s:
        s.add(RunLock(name="nightly", holder=holder, acquired_at=now - heartbeat_age, heartbeat_at=now - heartbeat_age))


def test_second_holder_is_refused_until_release(db_url):
    first = PipelineLock(db_url, heartbeat_seconds=3600)
    first.acquire()
    try:
        assert current_lock(db_url).holder == first.holder
        with pytest.raises(LockBusy) as info:
            PipelineLock(db_url).acquire()
        assert info.value.exit_code == 75
        assert f"held by {first.holder}" in str(info.value)
    finally:
        first.release()
    assert current_lock(db_url) is None
    with PipelineLock(db_url) as again:
        assert current_lock(db_url).holder == again.holder


def test_live_holder_on_this_host_is_respected(db_url):
    # Another live process of this host (our parent) with a fresh heartbeat.
    _plant(db_url, f"{socket.gethostname()}:{__import__('os').getppid()}")
    with pytest.raises(LockBusy):
        PipelineLock(db_url).acquire()


def test_lock_of_a_dead_pid_is_taken_over(db_url):
    dead = f"{socket.gethostname()}:{_dead_pid()}"
    _plant(db_url, dead)  # fresh heartbeat, but its process is gone
    with PipelineLock(db_url, heartbeat_seconds=3600) as lock:
        assert current_lock(db_url).holder == lock.holder != dead


def test_other_host_fresh_is_busy_but_silent_one_is_stale(db_url):
    _plant(db_url, "other-host.example:4242")
    with pytest.raises(LockBusy):
        PipelineLock(db_url, stale_after=dt.timedelta(minutes=10)).acquire()
    with session_scope(db_url) as s:
        s.get(RunLock, "nightly").heartbeat_at = utcnow() - dt.timedelta(minutes=11)
    with PipelineLock(db_url, stale_after=dt.timedelta(minutes=10)) as lock:
        assert current_lock(db_url).holder == lock.holder


def test_heartbeat_refreshes_and_notices_a_takeover(db_url):
    lock = PipelineLock(db_url, heartbeat_seconds=3600)
    lock.acquire()
    try:
        with session_scope(db_url) as s:
            s.get(RunLock, "nightly").heartbeat_at = utcnow() - dt.timedelta(hours=1)
        assert lock.heartbeat() is True
        assert utcnow() - current_lock(db_url).heartbeat_at < dt.timedelta(minutes=1)
        with session_scope(db_url) as s:
            s.get(RunLock, "nightly").holder = "thief:1"
        assert lock.heartbeat() is False and lock.lost
    finally:
        lock.release()
    assert current_lock(db_url).holder == "thief:1"  # release only ever deletes our own row


def test_run_nightly_refused_while_another_run_holds_the_lock(db_url, tmp_path):
    cfg = tmp_path / "c.toml"
    # Only the lock is under test here: every step is disabled, health and the digest still run.
    cfg.write_text(
        f'[feed]\npath = "{tmp_path / "feed.atom"}"\n[pipeline]\nlog_dir = "{tmp_path / "logs"}"\n'
        'disabled = ["crawl_parliament", "crawl_strategy", "crawl_pris"]\n'
    )
    _plant(db_url, f"{socket.gethostname()}:{__import__('os').getppid()}")
    proc = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "run-nightly", "--db", db_url, "--config", str(cfg), "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 75, proc.stderr
    assert "another nightly run is in progress" in proc.stderr
    assert proc.stdout == ""
    with session_scope(db_url) as s:
        assert s.query(PipelineRun).count() == 0  # refused before anything was recorded

    # Once the holder is gone (dead pid), the next run takes over and records itself.
    with session_scope(db_url) as s:
        s.get(RunLock, "nightly").holder = f"{socket.gethostname()}:{_dead_pid()}"
    proc = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "run-nightly", "--db", db_url, "--config", str(cfg), "--format", "json"],
        capture_output=True, text=True, timeout=600,
    )
    assert "took over the stale nightly lock" in proc.stderr
    assert proc.returncode == 0, proc.stderr
    run = json.loads(proc.stdout)
    assert run["problems"] == []  # disabled sources are not checked either
    assert {s["name"]: s["status"] for s in run["steps"]} == {
        "crawl_parliament": "disabled", "crawl_strategy": "disabled", "crawl_pris": "disabled",
        "documents": "disabled", "link": "disabled", "evaluate": "disabled", "health": "ok", "alerts": "ok",
    }
    assert current_lock(db_url) is None
