"""One pipeline run: crawl → documents → link → evaluate (which raises the review flags),
then the health check and the digest.

Every crawl runs in its own subprocess (`lexwatch crawl <source>`), with a timeout: a Twisted
reactor cannot be restarted in one process, and a hung or crashing crawl must not take the
run down. The later steps run as subprocesses too, so each has its own timeout and log file.
Steps declare what they need; a step whose needs failed is skipped and says why, and the
steps that do not depend on it go on. A step whose command is not installed fails as
"unavailable". The run is recorded as a `PipelineRun` with per-step status, counts,
duration and errors, and holds the nightly lock for its whole length.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from db.engine import redact, session_scope
from db.models import CrawlIssue, CrawlRun, Document, Evaluation, Initiative, InitiativeLink, PipelineRun, ReviewFlag, utcnow
from db.session import require_current_schema
from monitor import alerts, health
from monitor.config import Config, ConfigError
from monitor.lock import PipelineLock

log = logging.getLogger(__name__)

TAIL_LINES = 15  # lines of a failed step's log kept in the run record
KILL_GRACE_SECONDS = 30  # after SIGTERM (Scrapy closes the spider cleanly) before SIGKILL


# Set by the scheduler on SIGTERM: the running step's child is stopped and no further step starts.
STOP = threading.Event()


class Stopped(Exception):
    """The run was stopped from outside (scheduler shutdown) before it finished."""


# --------------------------------------------------------------------------- step declarations


Counter = Callable[[Session, "StepContext"], dict[str, int]]


@dataclass(frozen=True)
class StepContext:
    started_at: dt.datetime
    crawl_run_before: int  # highest CrawlRun.id before the step: its runs are those above


@dataclass(frozen=True)
class StepSpec:
    name: str
    command: tuple[str, ...]  # the `lexwatch` subcommand
    crawl_sources: tuple[str, ...] = ()  # CrawlRun.source values this step records
    requires_all: tuple[str, ...] = ()
    requires_any: tuple[str, ...] = ()
    long: bool = False  # crawl timeout instead of the step timeout
    # (option, source): the command gets `option <[sources] <source>_url>` when that URL is configured.
    url_options: tuple[tuple[str, str], ...] = ()
    counter: Counter | None = None

    def depends_on(self) -> dict[str, list[str]]:
        return {"all": list(self.requires_all), "any": list(self.requires_any)}


def _count(session: Session, stmt) -> int:
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def count_links(session: Session, ctx: StepContext) -> dict[str, int]:
    since = ctx.started_at
    return {
        "initiatives_new": _count(session, select(Initiative.id).where(Initiative.created_at >= since)),
        "links_new": _count(session, select(InitiativeLink.id).where(InitiativeLink.created_at >= since)),
        "links_changed": _count(
            session,
            select(InitiativeLink.id).where(InitiativeLink.updated_at >= since, InitiativeLink.created_at < since),
        ),
    }


def count_evaluations(session: Session, ctx: StepContext) -> dict[str, int]:
    since = ctx.started_at
    earlier = aliased(Evaluation)
    had_one = exists().where(earlier.initiative_id == Evaluation.initiative_id, earlier.evaluated_at < since)
    return {
        "evaluations": _count(session, select(Evaluation.id).where(Evaluation.evaluated_at >= since)),
        "re_evaluations": _count(session, select(Evaluation.id).where(Evaluation.evaluated_at >= since, had_one)),
        "flags_new": _count(session, select(ReviewFlag.id).where(ReviewFlag.created_at >= since)),
        "flags_changed": _count(
            session, select(ReviewFlag.id).where(ReviewFlag.updated_at >= since, ReviewFlag.created_at < since)
        ),
    }


def count_documents(session: Session, ctx: StepContext) -> dict[str, int]:
    since = ctx.started_at
    return {
        "documents_fetched": _count(session, select(Document.id).where(Document.fetched_at >= since)),
        "documents_failed": _count(
            session, select(Document.id).where(Document.fetched_at >= since, Document.status == "error")
        ),
    }


CRAWLS = ("crawl_parliament", "crawl_strategy", "crawl_pris")

STEPS: tuple[StepSpec, ...] = (
    StepSpec("crawl_parliament", ("crawl", "parliament"), crawl_sources=("parliament",), long=True,
             url_options=(("--base-url", "parliament"),)),
    StepSpec("crawl_strategy", ("crawl", "strategy"), crawl_sources=("strategy",), long=True,
             url_options=(("--base-url", "strategy"),)),
    # ПРИС now lives inside strategy.bg (research/strategy_bg.md): same base URL.
    StepSpec("crawl_pris", ("crawl", "pris"), crawl_sources=("pris",), long=True, url_options=(("--base-url", "strategy"),)),
    # Documents of whatever was crawled; linking needs bills or consultations, whichever came in.
    StepSpec("documents", ("documents", "fetch"), crawl_sources=("documents",), requires_any=CRAWLS, long=True,
             counter=count_documents,
             url_options=(("--parliament-base-url", "parliament"), ("--strategy-base-url", "strategy"))),
    StepSpec("link", ("link",), requires_any=CRAWLS, counter=count_links),
    # Evaluation does not wait for the documents: a missing file is an UNKNOWN finding, not a reason
    # to leave last night's changes unevaluated.
    StepSpec("evaluate", ("evaluate",), requires_all=("link",), counter=count_evaluations),
)

def checked_sources(config: Config, steps: tuple[StepSpec, ...] = STEPS) -> tuple[str, ...]:
    """The sources whose health to check: those a crawl step reads, unless that step is disabled."""
    return tuple(source for spec in steps if spec.name in CRAWLS and spec.name not in config.pipeline.disabled
                 for source in spec.crawl_sources)


COUNT_FIELDS = ("listed", "new", "changed", "unchanged", "held", "misses", "errors")


# --------------------------------------------------------------------------- results


@dataclass
class StepResult:
    name: str
    status: str  # ok | failed | timeout | unavailable | skipped | disabled
    depends_on: dict[str, list[str]] = field(default_factory=dict)
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    exit_code: int | None = None
    crawl_runs: list[int] = field(default_factory=list)
    log: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def duration(self) -> float | None:
        if self.started_at and self.finished_at:
            return round((self.finished_at - self.started_at).total_seconds(), 3)
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "depends_on": self.depends_on,
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "duration": self.duration,
            "counts": self.counts,
            "errors": self.errors,
            "exit_code": self.exit_code,
            "crawl_runs": self.crawl_runs,
            "log": self.log,
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value else None


@dataclass
class NightlyResult:
    run_id: int
    status: str  # ok | partial | failed
    steps: list[StepResult]
    problems: list[health.Problem]
    digest: dict[str, Any] | None
    started_at: dt.datetime
    finished_at: dt.datetime

    @property
    def failed_steps(self) -> list[StepResult]:
        return [s for s in self.steps if not s.ok and s.status != "disabled"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "duration": round((self.finished_at - self.started_at).total_seconds(), 3),
            "steps": [s.to_dict() for s in self.steps],
            "problems": [p.to_dict() for p in self.problems],
            "digest": self.digest,
        }


# --------------------------------------------------------------------------- running one step


def command_available(command: tuple[str, ...]) -> bool:
    """Whether `lexwatch <command>` exists in this installation (another area may not have built it yet)."""
    import typer

    from monitor.cli import app

    cmd: Any = typer.main.get_command(app)
    ctx = type(cmd).context_class(cmd)
    for part in command:
        if not hasattr(cmd, "get_command"):  # a leaf: the rest are its own arguments
            return True
        cmd = cmd.get_command(ctx, part)
        if cmd is None:
            return False
    return not hasattr(cmd, "get_command") or bool(getattr(cmd, "invoke_without_command", False))


def _child_env(db_url: str, config: Config) -> dict[str, str]:
    env = dict(os.environ)
    env["LEXWATCH_DATABASE_URL"] = db_url
    env.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")  # whatever the working directory
    env["PYTHONUNBUFFERED"] = "1"
    if config.path:
        # The steps read the same file (its [crawl] table, say) even when it was named by --config.
        env["LEXWATCH_CONFIG"] = str(config.path)
    if config.sources.parliament_url:
        env["LEXWATCH_PARLIAMENT_BASE_URL"] = config.sources.parliament_url
    if config.sources.strategy_url:
        env["LEXWATCH_STRATEGY_BASE_URL"] = config.sources.strategy_url
    return env


def _tail(path: Path, lines: int = TAIL_LINES) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line for line in text.splitlines() if line.strip()][-lines:]


def run_command(argv: list[str], *, env: dict[str, str], log_path: Path, timeout: float) -> int | None:
    """Run a child in its own process group; its output goes to `log_path`. None when it timed out."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    with open(log_path, "ab") as out:
        # Its own session: a timeout or a stop kills the whole group (Scrapy may fork helpers).
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env,
                                 start_new_session=True, preexec_fn=_die_with_parent)
        try:
            while True:
                try:
                    return child.wait(timeout=max(0.0, min(1.0, deadline - time.monotonic())))
                except subprocess.TimeoutExpired:
                    if STOP.is_set():
                        raise Stopped("the pipeline was asked to stop") from None
                    if time.monotonic() >= deadline:
                        log.error("%s timed out after %.0f s; stopping it", " ".join(argv[3:]), timeout)
                        _stop_group(child)
                        return None
        except BaseException:  # the run itself is being stopped: do not leave a crawl behind
            _stop_group(child)
            raise


def _die_with_parent() -> None:
    """In the child, before exec: a SIGTERM when the nightly dies, even by SIGKILL (Linux
    prctl PR_SET_PDEATHSIG). A child in its own session outlives its parent otherwise, and the
    next nightly, taking the dead one's lock over, would run its crawl beside the orphan."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the lock's stale check and timeouts remain
        pass


def _stop_group(child: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, KILL_GRACE_SECONDS), (signal.SIGKILL, 10)):
        try:
            os.killpg(child.pid, sig)
        except ProcessLookupError:
            return
        try:
            child.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _max_crawl_run_id(db_url: str) -> int:
    with session_scope(db_url) as s:
        return int(s.scalar(select(func.max(CrawlRun.id))) or 0)


def _crawl_outcome(db_url: str, spec: StepSpec, ctx: StepContext, timed_out: bool) -> tuple[list[int], dict[str, int], list[str]]:
    """The step's CrawlRun rows: ids, summed counts, and their problems in words."""
    errors: list[str] = []
    counts = dict.fromkeys(COUNT_FIELDS, 0)
    with session_scope(db_url) as s:
        runs = s.scalars(
            select(CrawlRun).where(CrawlRun.id > ctx.crawl_run_before, CrawlRun.source.in_(spec.crawl_sources)).order_by(CrawlRun.id)
        ).all()
        for run in runs:
            if run.finished_at is None:  # the child was killed before Scrapy could close the run
                run.finished_at = utcnow()
                run.status = "failed"
                run.finish_reason = "timeout" if timed_out else "killed"
            for name in COUNT_FIELDS:
                counts[name] += getattr(run, name) or 0
            if run.status != "ok":
                errors.append(f"crawl run {run.id} {run.status} ({run.finish_reason}): {run.errors} errors, {run.misses} misses")
            for kind, n, message in s.execute(
                select(CrawlIssue.kind, func.count(), func.min(CrawlIssue.message))
                .where(CrawlIssue.run_id == run.id, CrawlIssue.kind.not_in(("miss", "held")))
                .group_by(CrawlIssue.kind)
            ):
                errors.append(f"{kind} ×{n}: {message}")
        return [r.id for r in runs], counts, errors


def run_step(spec: StepSpec, db_url: str, config: Config, log_dir: Path) -> StepResult:
    result = StepResult(spec.name, "running", spec.depends_on(), started_at=utcnow())
    if not command_available(spec.command):
        result.status = "unavailable"
        result.errors = [f"`lexwatch {' '.join(spec.command)}` is not available in this installation"]
        result.finished_at = utcnow()
        return result
    ctx = StepContext(started_at=result.started_at, crawl_run_before=_max_crawl_run_id(db_url))
    log_path = log_dir / f"{spec.name}.log"
    result.log = str(log_path)
    timeout = (config.pipeline.crawl_timeout_minutes if spec.long else config.pipeline.step_timeout_minutes) * 60
    argv = [sys.executable, "-m", "monitor.cli", *spec.command]
    for option, source in spec.url_options:
        # As options, not only in the environment: the commands drop their politeness delays
        # when every site they talk to is a loopback replay server.
        base_url = getattr(config.sources, f"{source}_url")
        if base_url:
            argv += [option, base_url]
    argv += config.pipeline.step_args.get(spec.name, [])
    log.info("step %s: %s", spec.name, " ".join(["lexwatch", *argv[3:]]))
    code = run_command(argv, env=_child_env(db_url, config), log_path=log_path, timeout=timeout)
    result.exit_code = code
    result.finished_at = utcnow()
    if code is None:
        result.status = "timeout"
        result.errors.append(f"stopped after the {timeout / 60:g} min timeout")
    elif code != 0:
        result.status = "failed"
        result.errors.append(f"`lexwatch {' '.join(spec.command)}` exited with code {code}")
    else:
        result.status = "ok"
    if spec.crawl_sources:
        result.crawl_runs, counts, crawl_errors = _crawl_outcome(db_url, spec, ctx, timed_out=code is None)
        result.counts.update(counts)
        result.errors += crawl_errors
        if spec.name in CRAWLS and not result.crawl_runs and result.ok:
            result.status = "failed"
            result.errors.append("the crawl recorded no run")
    if spec.counter is not None:
        with session_scope(db_url) as s:
            result.counts.update(spec.counter(s, ctx))
    if not result.ok:
        result.errors += [f"log: {line}" for line in _tail(log_path)]
    return result


def _disabled_by(spec: StepSpec, disabled: set[str]) -> str | None:
    """Why `spec` is not to run at all by configuration, or None."""
    if spec.name in disabled:
        return "disabled in the configuration ([pipeline] disabled)"
    off = [n for n in spec.requires_all if n in disabled]
    if off:
        return f"needs {', '.join(off)}, which is disabled"
    if spec.requires_any and all(n in disabled for n in spec.requires_any):
        return f"needs one of {', '.join(spec.requires_any)}, all disabled"
    return None


def _blocked_by(spec: StepSpec, done: dict[str, StepResult]) -> str | None:
    """Why `spec` cannot run given the results so far, or None."""
    failed_all = [n for n in spec.requires_all if not done.get(n) or not done[n].ok]
    if failed_all:
        return "needs " + ", ".join(f"{n} ({done[n].status if n in done else 'not run'})" for n in failed_all)
    candidates = [n for n in spec.requires_any if done.get(n) is None or done[n].status != "disabled"]
    if candidates and not any(done.get(n) and done[n].ok for n in candidates):
        return "needs at least one of " + ", ".join(candidates) + " to succeed"
    return None


# --------------------------------------------------------------------------- the run


def _save(db_url: str, run_id: int, steps: list[StepResult], **fields: Any) -> None:
    with session_scope(db_url) as s:
        row = s.get(PipelineRun, run_id)
        row.steps = [st.to_dict() for st in steps]  # a new list: JSON columns do not track in-place changes
        for key, value in fields.items():
            setattr(row, key, value)


def _run_status(steps: list[StepResult]) -> str:
    active = [s for s in steps if s.status != "disabled"]
    if all(s.ok for s in active):
        return "ok"
    crawls = [s for s in active if s.name in CRAWLS]
    if crawls and not any(s.ok for s in crawls):
        return "failed"
    return "partial"


def run_nightly(
    db_url: str,
    config: Config,
    *,
    trigger: str = "manual",
    steps: tuple[StepSpec, ...] = STEPS,
) -> NightlyResult:
    """One whole pipeline run under the nightly lock (LockBusy if another run holds it)."""
    url = require_current_schema(db_url)
    disabled = set(config.pipeline.disabled)
    names = {spec.name for spec in steps}
    for key, given in (("disabled", disabled), ("step_args", set(config.pipeline.step_args))):
        if given - names:
            raise ConfigError(f"[pipeline] {key} names unknown steps: {', '.join(sorted(given - names))} "
                              f"(steps: {', '.join(spec.name for spec in steps)})")
    off: dict[str, str] = {}
    for spec in steps:  # a step needing only disabled steps is disabled too, in declaration order
        why = _disabled_by(spec, disabled)
        if why:
            disabled.add(spec.name)
            off[spec.name] = why
    lock = PipelineLock(
        url,
        heartbeat_seconds=config.lock.heartbeat_seconds,
        stale_after=dt.timedelta(minutes=config.lock.stale_after_minutes),
    )
    with lock:
        started = utcnow()
        with session_scope(url) as s:
            row = PipelineRun(trigger=trigger, started_at=started, status="running", steps=[])
            s.add(row)
            s.flush()
            run_id = row.id
        log.info("pipeline run %s started on %s", run_id, redact(url))
        log_dir = Path(config.pipeline.log_dir) / f"run-{run_id}"
        results: list[StepResult] = []
        done: dict[str, StepResult] = {}
        try:
            for spec in steps:
                reason = "the pipeline was asked to stop" if STOP.is_set() else _blocked_by(spec, done)
                if spec.name in off:
                    now = utcnow()
                    result = StepResult(spec.name, "disabled", spec.depends_on(), now, now, errors=[off[spec.name]])
                elif reason:
                    now = utcnow()
                    result = StepResult(spec.name, "skipped", spec.depends_on(), now, now, errors=[reason])
                else:
                    try:
                        result = run_step(spec, url, config, log_dir)
                    except Exception as exc:  # noqa: BLE001 - one step's surprise must not stop the others
                        log.exception("step %s crashed", spec.name)
                        result = StepResult(spec.name, "failed", spec.depends_on(), utcnow(), utcnow(),
                                            errors=[f"{exc.__class__.__name__}: {exc}"])
                log.info("step %s: %s %s", spec.name, result.status, "; ".join(result.errors[:2]))
                results.append(result)
                done[spec.name] = result
                _save(url, run_id, results)
        except BaseException as exc:  # Ctrl-C or a scheduler stop: record the run as failed, then go
            _save(url, run_id, results, status="failed", finished_at=utcnow(),
                  health={"error": [f"interrupted: {exc.__class__.__name__}: {exc}"]})
            raise

        problems, health_dict, digest_dict = _check_and_notify(url, config, run_id, results)
        finished = utcnow()
        status = _run_status(results)
        _save(url, run_id, results, status=status, finished_at=finished, health=health_dict)
    if lock.lost:
        log.error("pipeline run %s lost its lock to another process while it ran", run_id)
    return NightlyResult(run_id, status, results, problems, digest_dict, started, finished)


def _check_and_notify(
    url: str, config: Config, run_id: int, results: list[StepResult]
) -> tuple[list[health.Problem], dict[str, Any], dict[str, Any] | None]:
    """The health check and the digest, each recorded as a step of its own."""
    report: health.HealthReport | None = None
    check = StepResult("health", "ok", {"all": [], "any": []}, started_at=utcnow())
    try:
        with session_scope(url) as s:
            report = health.check_health(s, config.health, sources=checked_sources(config), include_pipeline=False)
        check.counts = {"problems": len(report.problems)}
    except Exception as exc:  # noqa: BLE001
        log.exception("health check failed")
        check.status, check.errors = "failed", [f"{exc.__class__.__name__}: {exc}"]
    check.finished_at = utcnow()
    results.append(check)

    problems = (report.problems if report else []) + health.step_problems(run_id, [r.to_dict() for r in results])
    notify = StepResult("alerts", "ok", {"all": [], "any": []}, started_at=utcnow())
    digest_dict = None
    try:
        with session_scope(url) as s:
            digest = alerts.collect_digest(s, problems, run_id=run_id)
            delivery = alerts.deliver(s, digest, config)
        notify.counts = {"flags": len(digest.flags), "problems": len(digest.problems), "sent": int(delivery.sent),
                         "emailed": int(delivery.emailed)}
        digest_dict = {**digest.to_dict(), "sent": delivery.sent, "emailed": delivery.emailed,
                       "feed": str(delivery.feed) if delivery.feed else None}
    except Exception as exc:  # noqa: BLE001 - an unreachable mail server is a failed step, not a crash
        log.error("digest not delivered: %s", exc)
        notify.status, notify.errors = "failed", [str(exc)]
    notify.finished_at = utcnow()
    results.append(notify)
    health_dict = report.to_dict() if report else {"error": check.errors}
    return problems, health_dict, digest_dict

