"""Never two pipeline runs at once, across processes and hosts sharing one database.

The lock is a `RunLock` row (name → holder "host:pid", heartbeat). A holder refreshes its
heartbeat from a background thread while it runs. A process that died without releasing
leaves its row behind; such a stale row is taken over when its pid no longer exists on
this host, or (for another host, or a recycled pid) when its heartbeat is older than
`stale_after`. The take-over is a compare-and-set UPDATE, so two contenders cannot both win.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from db.engine import session_scope
from db.models import RunLock, utcnow
from core.errors import LexwatchError

log = logging.getLogger(__name__)

NIGHTLY = "nightly"
EVALUATE = "evaluate"  # writing evaluations: two at once once left two "latest" per initiative


class LockBusy(LexwatchError):
    """Another live run holds the lock (exit code 75, EX_TEMPFAIL: try again later)."""

    exit_code = 75

    def __init__(self, name: str, holder: str, acquired_at: dt.datetime, heartbeat_at: dt.datetime):
        self.name, self.holder = name, holder
        super().__init__(
            f"another {name} run is in progress (held by {holder} since {acquired_at:%Y-%m-%d %H:%M:%S} UTC, "
            f"last heartbeat {heartbeat_at:%H:%M:%S} UTC); not starting a second one"
        )


def this_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class LockState:
    name: str
    holder: str
    acquired_at: dt.datetime
    heartbeat_at: dt.datetime


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def stale_reason(state: LockState, stale_after: dt.timedelta, now: dt.datetime | None = None) -> str | None:
    """Why a lock row no longer protects a live run, or None when its holder may still be running."""
    now = now or utcnow()
    host, _, pid = state.holder.rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and not _pid_alive(int(pid)):
        return f"its holder {state.holder} is no longer running"
    age = now - state.heartbeat_at
    if age > stale_after:
        return f"its holder {state.holder} sent no heartbeat for {int(age.total_seconds())} s"
    return None


class PipelineLock:
    """`with PipelineLock(url): ...` holds the named lock for the block, or raises LockBusy."""

    def __init__(
        self,
        db_url: str,
        name: str = NIGHTLY,
        *,
        heartbeat_seconds: float = 30.0,
        stale_after: dt.timedelta = dt.timedelta(minutes=15),
    ):
        self.db_url, self.name = db_url, name
        self.heartbeat_seconds, self.stale_after = heartbeat_seconds, stale_after
        self.holder = this_holder()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.lost = False  # set when another process took the lock over from us

    # -- acquire / release

    def acquire(self) -> None:
        if not self._try_insert():
            self._take_over_or_raise()
        self._stop.clear()
        self._thread = threading.Thread(target=self._beat, name=f"lock-heartbeat-{self.name}", daemon=True)
        self._thread.start()
        log.info("lock %s acquired by %s", self.name, self.holder)

    def _try_insert(self) -> bool:
        try:
            with session_scope(self.db_url) as s:
                now = utcnow()
                s.add(RunLock(name=self.name, holder=self.holder, acquired_at=now, heartbeat_at=now))
            return True
        except IntegrityError:
            return False

    def _take_over_or_raise(self) -> None:
        with session_scope(self.db_url) as s:
            row = s.scalars(select(RunLock).where(RunLock.name == self.name)).one_or_none()
            if row is None:  # released between our insert and this read
                if not self._try_insert():
                    raise LexwatchError(f"could not take the {self.name} lock: it changed hands twice; try again")
                return
            state = LockState(row.name, row.holder, row.acquired_at, row.heartbeat_at)
        reason = stale_reason(state, self.stale_after)
        if reason is None:
            raise LockBusy(state.name, state.holder, state.acquired_at, state.heartbeat_at)
        now = utcnow()
        with session_scope(self.db_url) as s:
            taken = s.execute(
                update(RunLock)
                .where(
                    RunLock.name == self.name,
                    RunLock.holder == state.holder,
                    RunLock.heartbeat_at == state.heartbeat_at,
                )
                .values(holder=self.holder, acquired_at=now, heartbeat_at=now)
            ).rowcount
        if taken != 1:
            raise LexwatchError(f"another process took the stale {self.name} lock at the same moment; try again")
        log.warning("took over the stale %s lock: %s", self.name, reason)

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with session_scope(self.db_url) as s:
            s.execute(delete(RunLock).where(RunLock.name == self.name, RunLock.holder == self.holder))
        log.info("lock %s released by %s", self.name, self.holder)

    def heartbeat(self) -> bool:
        """Refresh the heartbeat; False when the row is no longer ours."""
        with session_scope(self.db_url) as s:
            mine = s.execute(
                update(RunLock)
                .where(RunLock.name == self.name, RunLock.holder == self.holder)
                .values(heartbeat_at=utcnow())
            ).rowcount
        if not mine and not self.lost:
            self.lost = True
            log.error("the %s lock was taken over by another process while this run was still going", self.name)
        return bool(mine)

    def _beat(self) -> None:
        while not self._stop.wait(self.heartbeat_seconds):
            try:
                self.heartbeat()
            except Exception as exc:  # noqa: BLE001 - a passing database hiccup must not kill the run
                # e.g. SQLite busy while a crawl holds a long write; the next beat tries again.
                log.warning("lock heartbeat skipped: %s", str(exc).splitlines()[0])

    def __enter__(self) -> PipelineLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def holder_alive(holder: str | None) -> bool | None:
    """Whether the process `holder` ("host:pid") still runs: None when it cannot be told here
    (another host, or no holder recorded)."""
    if not holder:
        return None
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    return _pid_alive(int(pid))


def waiting_lock(db_url: str, name: str, *, wait_seconds: float, poll_seconds: float = 1.0, **kwargs) -> PipelineLock:
    """The named lock, acquired once it is free (waiting up to `wait_seconds`, then LockBusy):
    a second writer waits for the first instead of racing it."""
    import time

    lock = PipelineLock(db_url, name, **kwargs)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            lock.acquire()
            return lock
        except LockBusy:
            if time.monotonic() >= deadline:
                raise
            log.info("waiting for the %s lock", name)
            time.sleep(poll_seconds)
        except LexwatchError:  # a take-over raced another contender: look again
            if time.monotonic() >= deadline:
                raise
            time.sleep(poll_seconds)


def all_locks(db_url: str) -> list[LockState]:
    with session_scope(db_url) as s:
        return [LockState(r.name, r.holder, r.acquired_at, r.heartbeat_at) for r in s.scalars(select(RunLock).order_by(RunLock.name))]


def current_lock(db_url: str, name: str = NIGHTLY) -> LockState | None:
    with session_scope(db_url) as s:
        row = s.get(RunLock, name)
        return LockState(row.name, row.holder, row.acquired_at, row.heartbeat_at) if row else None
