"""Sign-in throttling of the review UI: too many failed sign-ins lock a user name or a client address.

Counted in the `login_throttles` table, not in process memory, so the limit holds across
server workers and restarts (Flask-Limiter would need Redis or memcached for that; it has no
SQL storage). Every write is one atomic statement (an upsert, a conditional UPDATE), so
concurrent failures from several workers are all counted.

A locked name or address is refused before its password is checked, and refused attempts are
not counted: a lock-out ends when its period does, whatever an attacker keeps sending.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass

from sqlalchemy import and_, case, delete, or_, select, update
from sqlalchemy.orm import Session

from db.models import LoginThrottle, utcnow
from monitor.config import ReviewConfig

USER, CLIENT = "user", "client"
_KEY_LENGTH = 100  # LoginThrottle.key


@dataclass(frozen=True)
class Lock:
    """A refused sign-in: until when, and whether the name or the address is locked."""

    until: dt.datetime
    scopes: tuple[str, ...]

    def retry_after(self, now: dt.datetime) -> int:
        """Whole seconds until the lock ends (at least 1), for the Retry-After header."""
        return max(1, int((self.until - now).total_seconds() + 0.999))


def client_key(address: str) -> str:
    """The address counted for a client: an IPv6 client counts as its /64, since one host can
    take any address of its /64 (privacy addresses) and would otherwise get a fresh count each time."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:_KEY_LENGTH]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _keys(username: str | None, client: str) -> list[tuple[str, str]]:
    # A name that is not a valid user name cannot be an account: nothing to guess, nothing to count.
    keys = [(CLIENT, client_key(client))]
    if username:
        keys.append((USER, username))
    return keys


def _match(keys: list[tuple[str, str]]):
    return or_(*(and_(LoginThrottle.scope == s, LoginThrottle.key == k) for s, k in keys))


def check(session: Session, username: str | None, client: str, now: dt.datetime | None = None) -> Lock | None:
    """The lock in force on this user name or client address, or None when a sign-in may be tried."""
    now = now or utcnow()
    rows = session.execute(
        select(LoginThrottle.scope, LoginThrottle.locked_until)
        .where(_match(_keys(username, client)), LoginThrottle.locked_until > now)
    ).all()
    if not rows:
        return None
    return Lock(until=max(r.locked_until for r in rows), scopes=tuple(sorted(r.scope for r in rows)))


def _insert(session: Session):
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # the project runs on SQLite and PostgreSQL only (db/engine.py)
        raise NotImplementedError(f"login throttling needs SQLite or PostgreSQL, not {name}")
    return insert


def _count(session: Session, scope: str, key: str, now: dt.datetime, window: dt.timedelta) -> None:
    """One more failure for (scope, key); a window that has run out starts again at 1."""
    stale = LoginThrottle.window_start < now - window
    stmt = _insert(session)(LoginThrottle).values(scope=scope, key=key, failures=1, window_start=now,
                                                  last_failure_at=now)
    session.execute(stmt.on_conflict_do_update(
        index_elements=[LoginThrottle.scope, LoginThrottle.key],
        set_={
            "failures": case((stale, 1), else_=LoginThrottle.failures + 1),
            "window_start": case((stale, now), else_=LoginThrottle.window_start),
            "last_failure_at": now,
        },
    ))


def record_failure(session: Session, username: str | None, client: str, config: ReviewConfig,
                   now: dt.datetime | None = None) -> Lock | None:
    """Count a failed sign-in; the lock it starts when it reaches a limit, else None. Commits."""
    now = now or utcnow()
    limits = {USER: config.max_failed_logins, CLIENT: config.max_failed_logins_per_client}
    locked: list[str] = []
    for scope, key in _keys(username, client):
        _count(session, scope, key, now, config.window)
        # The lock starts a fresh count: after it, the full number of tries again.
        result = session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.scope == scope, LoginThrottle.key == key, LoginThrottle.failures >= limits[scope])
            .values(locked_until=now + config.lockout, failures=0, window_start=now)
        )
        if result.rowcount:
            locked.append(scope)
    # Rows whose window and lock are both over say nothing any more; a client trying random
    # names must not grow the table without bound.
    horizon = now - max(config.window, config.lockout)
    session.execute(delete(LoginThrottle).where(
        LoginThrottle.last_failure_at < horizon,
        or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until <= now),
    ))
    session.commit()
    return Lock(until=now + config.lockout, scopes=tuple(sorted(locked))) if locked else None


def reset_client(session: Session, address: str) -> int:
    """Lift the lock of a client address (an IPv6 address lifts its /64) and forget its failures.
    How many rows went (0: the address had none). Commits."""
    result = session.execute(delete(LoginThrottle).where(LoginThrottle.scope == CLIENT,
                                                         LoginThrottle.key == client_key(address)))
    session.commit()
    return result.rowcount or 0


def reset_user(session: Session, username: str) -> None:
    """A successful sign-in forgets the name's failures. Commits.

    The client's count stays: an attacker who owns one account must not clear the count of
    the names he is guessing from the same address by signing in between tries.
    """
    session.execute(delete(LoginThrottle).where(LoginThrottle.scope == USER, LoginThrottle.key == username))
    session.commit()

