"""The scheduler: real APScheduler schedulers on a SQLite job store in lexwatch's database."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MISSED
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from sqlalchemy import create_engine, text

from monitor.config import Config, ScheduleConfig
from monitor.schedule import (
    JOBS_TABLE,
    ensure_job,
    install_nightly_job,
    list_jobs,
    make_scheduler,
    nightly_trigger,
    open_job_store,
    stored_job,
)

FIRES = 60.0  # seconds to wait for an event that should come within a second or two


def record_fire(path: str) -> None:
    """The test job: module-level so the job store can refer to it by name."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("fired\n")


def _fires(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


def _rows(url: str) -> list[tuple[str, float | None]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(f"SELECT id, next_run_time FROM {JOBS_TABLE}"))]
    finally:
        engine.dispose()


def _watch(scheduler, mask: int) -> tuple[threading.Event, list]:
    seen: list = []
    done = threading.Event()

    def listener(event) -> None:
        seen.append(event)
        done.set()

    scheduler.add_listener(listener, mask)
    return done, seen


def test_job_fires_in_a_blocking_scheduler(sqlite_url, tmp_path):
    config = Config()
    marker = tmp_path / "fired.txt"
    scheduler = make_scheduler(sqlite_url, config, blocking=True)
    ensure_job(scheduler, sqlite_url, config, job_id="soon", func=record_fire, kwargs={"path": str(marker)},
               trigger=DateTrigger(run_date=dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)))
    done, seen = _watch(scheduler, EVENT_JOB_EXECUTED)
    runner = threading.Thread(target=scheduler.start, daemon=True)
    runner.start()
    try:
        assert done.wait(FIRES), "the job did not fire"
    finally:
        scheduler.shutdown(wait=True)
        runner.join(FIRES)
    assert seen[0].job_id == "soon" and seen[0].exception is None
    assert _fires(marker) == 1
    assert _rows(sqlite_url) == []  # a date job is removed from the store once it ran


def test_nightly_job_is_persisted_once_in_sofia_time(sqlite_url):
    config = Config(schedule=ScheduleConfig(time="02:30", timezone="Europe/Sofia", misfire_grace_hours=6))
    trigger = nightly_trigger(config)
    assert str(trigger.timezone) == "Europe/Sofia"  # set on the trigger, not inherited
    for _restart in range(3):  # each start of `lexwatch schedule` installs the job again
        scheduler = make_scheduler(sqlite_url, config, blocking=False)
        install_nightly_job(scheduler, sqlite_url, config)
        scheduler.start(paused=True)
        scheduler.shutdown(wait=False)
    rows = _rows(sqlite_url)
    assert [r[0] for r in rows] == ["lexwatch-nightly"]

    [job] = list_jobs(sqlite_url, config)
    assert job["func"] == "monitor.schedule:nightly_job"
    assert (job["misfire_grace_time"], job["coalesce"], job["max_instances"]) == (6 * 3600, True, 1)
    assert job["timezone"] == "Europe/Sofia"
    nrt = dt.datetime.fromisoformat(job["next_run_time"]).astimezone(ZoneInfo("Europe/Sofia"))
    assert (nrt.hour, nrt.minute) == (2, 30)
    assert dt.timedelta(0) < nrt - dt.datetime.now(dt.timezone.utc) <= dt.timedelta(days=1)

    # A changed time replaces the job (still one row) with the new schedule.
    later = Config(schedule=ScheduleConfig(time="04:05", timezone="Europe/Sofia"))
    scheduler = make_scheduler(sqlite_url, later, blocking=False)
    install_nightly_job(scheduler, sqlite_url, later)
    scheduler.start(paused=True)
    scheduler.shutdown(wait=False)
    [job] = list_jobs(sqlite_url, later)
    nrt = dt.datetime.fromisoformat(job["next_run_time"]).astimezone(ZoneInfo("Europe/Sofia"))
    assert (nrt.hour, nrt.minute) == (4, 5) and len(_rows(sqlite_url)) == 1


def _install(url: str, config: Config, job_id: str, trigger, marker: Path) -> None:
    scheduler = make_scheduler(url, config, blocking=False)
    ensure_job(scheduler, url, config, job_id=job_id, func=record_fire, kwargs={"path": str(marker)}, trigger=trigger)
    scheduler.start(paused=True)
    scheduler.shutdown(wait=False)


def _host_was_down(url: str, config: Config, job_id: str, next_run_time: dt.datetime) -> None:
    """Leave the stored job's next run in the past, as a scheduler that was not running would."""
    store = open_job_store(url, config)
    job = store.lookup_job(job_id)
    job._modify(next_run_time=next_run_time)  # Job.modify() needs a running scheduler
    store.update_job(job)


def _install_every_minute(url: str, config: Config, marker: Path, next_run_time: dt.datetime) -> None:
    _install(url, config, "every-minute", CronTrigger(minute="*", timezone="Europe/Sofia"), marker)
    _host_was_down(url, config, "every-minute", next_run_time)


def test_missed_runs_within_grace_run_once_after_restart(sqlite_url, tmp_path):
    config = Config(schedule=ScheduleConfig(misfire_grace_hours=1))
    marker = tmp_path / "fired.txt"
    # Down for ten minutes: ten runs missed, the first of them within the one-hour grace time.
    _install_every_minute(sqlite_url, config, marker, dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=10))
    assert _fires(marker) == 0

    scheduler = make_scheduler(sqlite_url, config, blocking=False)
    # The restart installs the job again (replace_existing) with the same schedule: the missed run survives.
    ensure_job(scheduler, sqlite_url, config, job_id="every-minute", func=record_fire, kwargs={"path": str(marker)},
               trigger=CronTrigger(minute="*", timezone="Europe/Sofia"))
    done, seen = _watch(scheduler, EVENT_JOB_EXECUTED | EVENT_JOB_MISSED)
    restarted_at = dt.datetime.now(dt.timezone.utc)
    scheduler.start()
    try:
        assert done.wait(FIRES), "the missed run did not run"
        job = scheduler.get_job("every-minute")
        next_run = job.next_run_time
    finally:
        scheduler.shutdown(wait=True)
    assert [e.code for e in seen][:1] == [EVENT_JOB_EXECUTED]
    assert seen[0].scheduled_run_time < restarted_at  # a missed run, not the next regular one
    assert _fires(marker) == 1  # coalesced: ten missed runs, one execution
    assert next_run > dt.datetime.now(dt.timezone.utc)  # and the schedule goes on from now
    assert len(_rows(sqlite_url)) == 1


def test_missed_run_beyond_grace_is_skipped(sqlite_url, tmp_path):
    config = Config(schedule=ScheduleConfig(misfire_grace_hours=1))
    marker = tmp_path / "fired.txt"
    # The daily time is three hours ago, whatever the clock says: a fixed 02:30 put the *next* regular
    # run inside the grace window whenever the suite ran just after 02:30 Sofia time (CI did).
    missed = (dt.datetime.now(ZoneInfo("Europe/Sofia")) - dt.timedelta(hours=3)).replace(second=0, microsecond=0)

    def daily() -> CronTrigger:
        return CronTrigger(hour=missed.hour, minute=missed.minute, timezone="Europe/Sofia")

    _install(sqlite_url, config, "daily", daily(), marker)
    _host_was_down(sqlite_url, config, "daily", missed)

    scheduler = make_scheduler(sqlite_url, config, blocking=False)
    ensure_job(scheduler, sqlite_url, config, job_id="daily", func=record_fire, kwargs={"path": str(marker)},
               trigger=daily())
    done, seen = _watch(scheduler, EVENT_JOB_EXECUTED | EVENT_JOB_MISSED)
    scheduler.start()
    try:
        assert done.wait(FIRES)
    finally:
        scheduler.shutdown(wait=True)
    assert [e.code for e in seen] == [EVENT_JOB_MISSED]
    assert seen[0].scheduled_run_time == missed
    assert _fires(marker) == 0


def test_changed_schedule_does_not_replay_an_old_missed_run(sqlite_url, tmp_path):
    config = Config(schedule=ScheduleConfig(misfire_grace_hours=1))
    marker = tmp_path / "fired.txt"
    _install_every_minute(sqlite_url, config, marker, dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=10))
    scheduler = make_scheduler(sqlite_url, config, blocking=False)
    ensure_job(scheduler, sqlite_url, config, job_id="every-minute", func=record_fire, kwargs={"path": str(marker)},
               trigger=CronTrigger(hour=2, minute=30, timezone="Europe/Sofia"))
    scheduler.start(paused=True)
    try:
        assert scheduler.get_job("every-minute").next_run_time > dt.datetime.now(dt.timezone.utc)
    finally:
        scheduler.shutdown(wait=False)
    assert stored_job(sqlite_url, config, "every-minute") is not None


def test_schedule_show_json(sqlite_url, tmp_path):
    config = Config()
    scheduler = make_scheduler(sqlite_url, config, blocking=False)
    install_nightly_job(scheduler, sqlite_url, config)
    scheduler.start(paused=True)
    scheduler.shutdown(wait=False)
    proc = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "schedule", "--show", "--format", "json", "--db", sqlite_url],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    [job] = json.loads(proc.stdout)["jobs"]
    assert job["id"] == "lexwatch-nightly" and job["func"] == "monitor.schedule:nightly_job"
    assert job["trigger"] == "cron[hour='2', minute='30']" and job["timezone"] == "Europe/Sofia"
    assert len(_rows(sqlite_url)) == 1  # showing changed nothing


def _quiet_config(tmp_path: Path) -> Path:
    """A config whose pipeline has every crawl disabled: the run is health + digest only."""
    path = tmp_path / "quiet.toml"
    path.write_text(
        f'[feed]\npath = "{tmp_path / "feed.atom"}"\n[pipeline]\nlog_dir = "{tmp_path / "logs"}"\n'
        'disabled = ["crawl_parliament", "crawl_strategy", "crawl_pris"]\n',
        encoding="utf-8",
    )
    return path


def test_scheduled_nightly_job_records_a_run(sqlite_url, tmp_path):
    from db.engine import session_scope
    from db.models import PipelineRun
    from monitor.schedule import nightly_job

    config = Config()
    scheduler = make_scheduler(sqlite_url, config, blocking=False)
    ensure_job(scheduler, sqlite_url, config, job_id="nightly-now", func=nightly_job,
               kwargs={"config_path": str(_quiet_config(tmp_path)), "db_url": sqlite_url},
               trigger=DateTrigger(run_date=dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)))
    done, seen = _watch(scheduler, EVENT_JOB_EXECUTED)
    scheduler.start()
    try:
        assert done.wait(FIRES)
    finally:
        scheduler.shutdown(wait=True)
    assert seen[0].exception is None
    with session_scope(sqlite_url) as s:
        [run] = s.query(PipelineRun).all()
        assert (run.trigger, run.status) == ("schedule", "ok")
        assert [st["status"] for st in run.steps][-2:] == ["ok", "ok"]


def test_scheduled_job_does_not_overlap_a_running_pipeline(sqlite_url, tmp_path, caplog):
    import os
    import socket

    from db.engine import session_scope
    from db.models import PipelineRun, RunLock, utcnow
    from monitor.schedule import nightly_job

    with session_scope(sqlite_url) as s:  # a manual run of another live process holds the lock
        s.add(RunLock(name="nightly", holder=f"{socket.gethostname()}:{os.getppid()}", acquired_at=utcnow(), heartbeat_at=utcnow()))
    nightly_job(config_path=str(_quiet_config(tmp_path)), db_url=sqlite_url)
    assert "scheduled run not started: another nightly run is in progress" in caplog.text
    with session_scope(sqlite_url) as s:
        assert s.query(PipelineRun).count() == 0
