"""Is every source still being read, and read right?

Three kinds of check, all on what the crawls recorded (CrawlRun counts, CrawlIssue kinds)
and what is stored:

- freshness: a source not read successfully for longer than `health.freshness_hours`;
- breakage: the source's last crawl answered the HTML shell or a changed layout, returned
  zero records, did not finish, or met more errors than `health.error_rate` of what it read
  — a layout change must be noticed, not silently yield nothing;
- reconciliation: the source listed more records than the database holds.

The last pipeline run's failed steps are problems too, so `lexwatch status` is the one place
to look in the morning.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Bill, Consultation, CouncilAct, CrawlIssue, CrawlRun, CrawlTodo, PipelineRun, RunLock, utcnow
from monitor.config import HealthConfig
from monitor.lock import NIGHTLY, holder_alive

# A run whose holder cannot be checked from here (another host) and that has not finished after
# this long is taken as interrupted (inferred: the longest crawl, a back-fill, takes hours).
UNFINISHED_AFTER = dt.timedelta(hours=24)

# What each source's crawl stores, for reconciliation.
STORED_MODEL = {"parliament": Bill, "strategy": Consultation, "pris": CouncilAct}
# Issue kinds that mean the source no longer looks like what the spider was written for.
BREAKAGE_KINDS = ("html_shell", "layout", "blind", "short_list")
BREAKAGE_WHAT = {
    "html_shell": "answered the HTML shell instead of data",
    "layout": "changed its layout",
    "blind": "answered without usable records",
    "short_list": "listed far fewer records than before",
}
FAILED_STEP_STATES = ("failed", "timeout", "unavailable", "skipped")  # "disabled" is a choice, not a failure


@dataclass(frozen=True)
class Problem:
    source: str  # parliament | strategy | pris | pipeline
    kind: str  # never_read | stale | unfinished | html_shell | layout | zero_records | error_rate | reconciliation | step_failed | interrupted
    message: str
    run_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class SourceHealth:
    source: str
    last_run: dict[str, Any] | None
    last_success_at: dt.datetime | None
    stored: int | None
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "last_run": self.last_run,
            "last_success_at": _iso(self.last_success_at),
            "stored": self.stored,
            "problems": [p.to_dict() for p in self.problems],
        }


@dataclass
class HealthReport:
    checked_at: dt.datetime
    sources: list[SourceHealth]
    pipeline_problems: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for s in self.sources for p in s.problems] + self.pipeline_problems

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "checked_at": _iso(self.checked_at),
            "ok": self.ok,
            "sources": [s.to_dict() for s in self.sources],
            "problems": [p.to_dict() for p in self.problems],
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value else None


def records_read(run: CrawlRun) -> int:
    return run.new + run.changed + run.unchanged + run.held


def error_rate(run: CrawlRun) -> float:
    total = records_read(run) + run.errors
    return run.errors / total if total else 0.0


def run_summary(run: CrawlRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "spider": run.spider,
        "status": run.status,
        "finish_reason": run.finish_reason,
        "started_at": _iso(run.started_at),
        "finished_at": _iso(run.finished_at),
        **{k: getattr(run, k) for k in ("requests", "listed", "new", "changed", "unchanged", "held", "misses", "errors")},
    }


def _read_successfully(run: CrawlRun, threshold: float) -> bool:
    # A crawl with a few unreadable records still read the source; status "ok" demands zero errors.
    return run.finish_reason == "finished" and records_read(run) > 0 and error_rate(run) <= threshold


def _issue_counts(session: Session, run_id: int) -> dict[str, tuple[int, str]]:
    """kind → (count, first message) for one crawl run."""
    rows = session.execute(
        select(CrawlIssue.kind, func.count(), func.min(CrawlIssue.id)).where(CrawlIssue.run_id == run_id).group_by(CrawlIssue.kind)
    ).all()
    out = {}
    for kind, count, first_id in rows:
        out[kind] = (count, session.get(CrawlIssue, first_id).message)
    return out


def interrupted(run: CrawlRun, now: dt.datetime) -> bool:
    """An unfinished run whose process is gone (or, on another host, that is far too old)."""
    if run.finished_at is not None:
        return False
    alive = holder_alive((run.stats or {}).get("holder"))
    return alive is False or (alive is None and now - run.started_at > UNFINISHED_AFTER)


def check_source(session: Session, source: str, config: HealthConfig, now: dt.datetime) -> SourceHealth:
    newest = session.scalars(
        select(CrawlRun).where(CrawlRun.source == source).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(1)
    ).first()
    runs = select(CrawlRun).where(CrawlRun.source == source, CrawlRun.finished_at.is_not(None))
    last = session.scalars(runs.order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(1)).first()
    last_success_at = None
    for run in session.scalars(runs.order_by(CrawlRun.started_at.desc()).limit(200)):
        if _read_successfully(run, config.error_rate):
            last_success_at = run.finished_at
            break
    model = STORED_MODEL.get(source)
    stored = session.scalar(select(func.count()).select_from(model)) if model is not None else None
    health = SourceHealth(source, run_summary(last) if last else None, last_success_at, stored)
    add = health.problems.append
    if newest is not None and interrupted(newest, now):
        # Killed mid-crawl: say so, rather than show the run before it as the last word.
        health.last_run = {**run_summary(newest), "status": "interrupted"}
        holder = (newest.stats or {}).get("holder") or "?"
        add(Problem(source, "interrupted",
                    f"crawl run {newest.id} started {_iso(newest.started_at)} never finished: its process {holder} is gone",
                    newest.id))  # fmt: skip
    pending = session.scalar(
        select(func.count()).select_from(CrawlTodo)
        .where(CrawlTodo.source == source, CrawlTodo.read_at.is_(None), ~CrawlTodo.record_key.startswith("list:"))
    )  # fmt: skip
    if pending:
        add(Problem(source, "reconciliation",
                    f"{pending} record(s) the source listed were never read; every crawl asks for them again", last.id if last else None))

    limit_hours = config.freshness_hours.get(source)
    if last is None:
        add(Problem(source, "never_read", "never crawled; run `lexwatch run-nightly`"))
        return health
    if limit_hours is not None:
        if last_success_at is None:
            add(Problem(source, "never_read", "never read successfully", last.id))
        elif now - last_success_at > dt.timedelta(hours=limit_hours):
            hours = (now - last_success_at).total_seconds() / 3600
            add(Problem(source, "stale", f"not read successfully for {hours:.0f} h (limit {limit_hours:g} h)", last.id))

    issues = _issue_counts(session, last.id)
    broken = False
    for kind in BREAKAGE_KINDS:
        if kind in issues:
            count, first = issues[kind]
            what = BREAKAGE_WHAT[kind]
            add(Problem(source, kind, f"the source {what} ({count}× in crawl run {last.id}): {first}", last.id))
            broken = True
    if last.finish_reason != "finished":
        add(Problem(source, "unfinished", f"crawl run {last.id} ended with {last.finish_reason!r}, not 'finished'", last.id))
    # Zero records and the error rate follow from a breakage already reported: say it once.
    read = records_read(last)
    minimum = config.min_records.get(source, 1)
    if not broken and max(read, last.listed) < minimum:
        what = "zero records" if max(read, last.listed) == 0 else f"only {max(read, last.listed)} records"
        add(Problem(source, "zero_records",
                    f"crawl run {last.id} read {what} (at least {minimum} expected) — layout change or empty answer?", last.id))
    rate = error_rate(last)
    if not broken and last.errors and rate > config.error_rate:
        detail = ", ".join(f"{k} {n}" for k, (n, _) in sorted(issues.items()) if k not in ("miss", "held"))
        add(Problem(
            source, "error_rate",
            f"crawl run {last.id}: {last.errors} errors for {read} records read ({rate:.0%} > {config.error_rate:.0%})"
            + (f" [{detail}]" if detail else ""),
            last.id,
        ))
    # Inferred: `listed` is the number of records the source says it has (the spiders' reconciliation
    # counter); fewer stored than listed means records were dropped on the way.
    if stored is not None and last.listed and last.listed - stored > config.reconcile_tolerance:
        add(Problem(
            source, "reconciliation",
            f"the source lists {last.listed} records but {stored} are stored ({last.listed - stored} missing)",
            last.id,
        ))
    return health


def check_pipeline(session: Session, lock_held: bool) -> list[Problem]:
    run = session.scalars(select(PipelineRun).order_by(PipelineRun.started_at.desc(), PipelineRun.id.desc()).limit(1)).first()
    if run is None:
        return []
    if run.status == "running":
        if lock_held:
            return []
        return [Problem("pipeline", "interrupted", f"pipeline run {run.id} started {_iso(run.started_at)} never finished", run.id)]
    return step_problems(run.id, run.steps or [])


def check_locks(session: Session) -> list[Problem]:
    """A lock row whose holder process is gone: a run (nightly, evaluate, ...) was killed."""
    problems = []
    for row in session.scalars(select(RunLock).where(RunLock.name != NIGHTLY).order_by(RunLock.name)):
        if holder_alive(row.holder) is False:  # (the nightly's own: check_pipeline, by its run)
            problems.append(Problem(
                "pipeline", "interrupted",
                f"the {row.name} run started {_iso(row.acquired_at)} by {row.holder} was interrupted (its process is gone); "
                "the next one takes over",
            ))  # fmt: skip
    return problems


def step_problems(run_id: int, steps: list[dict[str, Any]]) -> list[Problem]:
    """One problem per step of a pipeline run that did not succeed, with its first error."""
    problems = []
    for step in steps:
        if step.get("status") in FAILED_STEP_STATES:
            first = (step.get("errors") or [""])[0]
            problems.append(Problem(
                "pipeline", "step_failed",
                f"run {run_id}: step {step['name']} {step['status']}" + (f": {first}" if first else ""),
                run_id,
            ))
    return problems


def check_health(
    session: Session,
    config: HealthConfig,
    *,
    sources: tuple[str, ...] | None = None,
    include_pipeline: bool = True,
    lock_held: bool = False,
    now: dt.datetime | None = None,
) -> HealthReport:
    now = now or utcnow()
    names = tuple(dict.fromkeys([*STORED_MODEL, *config.freshness_hours])) if sources is None else sources
    report = HealthReport(now, [check_source(session, name, config, now) for name in names])
    if include_pipeline:
        report.pipeline_problems = check_pipeline(session, lock_held) + check_locks(session)
    return report
