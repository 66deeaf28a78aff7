"""`lexwatch schedule`: the long-running process that starts the nightly run.

APScheduler 3.x with its job store in lexwatch's own database, so a restart keeps the job
and knows when it last should have fired. The pitfalls this module exists to avoid
(research/anchors.md §3):

- a hand-built CronTrigger ignores the scheduler's zone: the trigger gets the zone itself;
- each start would add another copy of the job: explicit id and `replace_existing=True`;
- replacing the job recomputes its next run from "now", which silently drops a run missed
  while the host was down: the stored next run time is carried over when the schedule is
  unchanged, so `misfire_grace_time` (hours, not APScheduler's 1 s default) and `coalesce`
  decide — a missed run within the grace time runs once, however many were missed;
- the job is a module-level function referenced by name, its arguments small and picklable;
- one scheduler per job store: run this as one dedicated process (see docs/deployment.md).
"""
from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from db.engine import database_url, get_engine, redact
from db.session import require_current_schema
from monitor import nightly
from monitor.config import Config, load_config
from monitor.lock import LockBusy

log = logging.getLogger(__name__)

JOBSTORE = "default"
JOBS_TABLE = "apscheduler_jobs"


def nightly_job(config_path: str | None = None, db_url: str | None = None) -> None:
    """The scheduled job: one pipeline run. Module-level, so the job store can refer to it by name.

    The database URL comes from the scheduler process ($LEXWATCH_DATABASE_URL or --db), so no
    password is pickled into the job store.
    """
    config = load_config(config_path)
    url = database_url(db_url)
    try:
        result = nightly.run_nightly(url, config, trigger="schedule")
    except LockBusy as exc:
        log.warning("scheduled run not started: %s", exc)
        return
    failed = ", ".join(f"{s.name} ({s.status})" for s in result.failed_steps)
    log.info("pipeline run %s finished %s%s", result.run_id, result.status, f"; not ok: {failed}" if failed else "")


def nightly_trigger(config: Config) -> CronTrigger:
    sched = config.schedule
    return CronTrigger(hour=sched.hour, minute=sched.minute, timezone=ZoneInfo(sched.timezone))


def make_scheduler(db_url: str, config: Config, *, blocking: bool = True) -> BaseScheduler:
    cls = BlockingScheduler if blocking else BackgroundScheduler
    return cls(
        jobstores={JOBSTORE: SQLAlchemyJobStore(engine=get_engine(db_url), tablename=JOBS_TABLE)},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": config.schedule.misfire_grace_seconds,
        },
        timezone=ZoneInfo(config.schedule.timezone),
    )


def open_job_store(db_url: str, config: Config) -> SQLAlchemyJobStore:
    """The job store, opened for reading and writing without a running scheduler.

    Not a paused scheduler: a started scheduler processes its due jobs once more while it shuts
    down (APScheduler 3.x main loop), which would consume the very missed run we look for.
    """
    store = SQLAlchemyJobStore(engine=get_engine(db_url), tablename=JOBS_TABLE)
    store.start(make_scheduler(db_url, config, blocking=False), JOBSTORE)  # never started: no thread
    return store


def stored_job(db_url: str, config: Config, job_id: str) -> Job | None:
    """The job as the store holds it."""
    return open_job_store(db_url, config).lookup_job(job_id)


def _same_schedule(a: BaseTrigger, b: BaseTrigger) -> bool:
    return type(a) is type(b) and str(a) == str(b) and str(getattr(a, "timezone", "")) == str(getattr(b, "timezone", ""))


def ensure_job(
    scheduler: BaseScheduler,
    db_url: str,
    config: Config,
    *,
    job_id: str,
    func: Callable[..., Any],
    trigger: BaseTrigger,
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> None:
    """Add or replace the job under `job_id` before the scheduler starts, keeping a missed run.

    When the stored job has the same schedule, its stored next run time is kept (possibly in the
    past: the scheduler then applies the grace time and coalescing); a changed schedule starts afresh.
    """
    options: dict[str, Any] = {}
    old = stored_job(db_url, config, job_id)
    if old is not None and old.next_run_time is not None and _same_schedule(old.trigger, trigger):
        options["next_run_time"] = old.next_run_time
        if old.next_run_time < dt.datetime.now(dt.timezone.utc):
            log.warning("job %s missed its run at %s; the grace time decides whether it runs now", job_id, old.next_run_time)
    scheduler.add_job(
        func,
        trigger=trigger,
        id=job_id,
        name=name or job_id,
        kwargs=kwargs or {},
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=config.schedule.misfire_grace_seconds,
        jobstore=JOBSTORE,
        **options,
    )


def install_nightly_job(scheduler: BaseScheduler, db_url: str, config: Config) -> None:
    ensure_job(
        scheduler,
        db_url,
        config,
        job_id=config.schedule.job_id,
        func=nightly_job,
        trigger=nightly_trigger(config),
        kwargs={"config_path": str(config.path) if config.path else None},
        name="lexwatch nightly pipeline",
    )


def serve(db_url: str | None, config: Config) -> None:
    """Run the scheduler until SIGTERM/SIGINT; a running pipeline is stopped cleanly first."""
    url = require_current_schema(database_url(db_url))
    scheduler = make_scheduler(url, config, blocking=True)
    install_nightly_job(scheduler, url, config)

    def stop(signum: int, _frame: Any) -> None:
        log.info("signal %s: stopping the scheduler (a running pipeline stops its current step)", signum)
        nightly.STOP.set()
        # shutdown(wait=True) waits for the running job; not from inside the signal handler.
        threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}, name="scheduler-shutdown").start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sched = config.schedule
    log.warning(
        "lexwatch scheduler on %s: nightly at %s %s (grace %g h)", redact(url), sched.time, sched.timezone, sched.misfire_grace_hours
    )
    scheduler.start()


def job_info(job: Job) -> dict[str, Any]:
    nrt = job.next_run_time
    return {
        "id": job.id,
        "name": job.name,
        "func": job.func_ref,
        "trigger": str(job.trigger),
        "timezone": str(getattr(job.trigger, "timezone", "")) or None,
        "next_run_time": nrt.isoformat() if nrt else None,
        "paused": nrt is None,
        "misfire_grace_time": job.misfire_grace_time,
        "coalesce": job.coalesce,
        "max_instances": job.max_instances,
    }


def list_jobs(db_url: str | None, config: Config) -> list[dict[str, Any]]:
    url = require_current_schema(database_url(db_url))
    return [job_info(j) for j in open_job_store(url, config).get_all_jobs()]
