"""Opening the database for a command: the schema must be current."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from db import migrate
from db.engine import database_url, redact, session_scope
from core.errors import LexwatchError


def require_current_schema(url: str | None = None) -> str:
    resolved = database_url(url)
    try:
        ok = migrate.is_up_to_date(resolved)
    except Exception as exc:
        raise LexwatchError(f"cannot open database {redact(resolved)}: {exc}") from exc
    if not ok:
        raise LexwatchError(f"database {redact(resolved)} is not at the current schema; run `lexwatch db upgrade`")
    return resolved


@contextmanager
def open_session(url: str | None = None) -> Iterator[Session]:
    """A session on a database whose schema is current (else a clear error)."""
    with session_scope(require_current_schema(url)) as session:
        yield session
