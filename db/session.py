"""Opening the database for a command: the schema must be current."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from db import migrate
from db.engine import ENV_URL, database_url, redact, session_scope, sqlite_file
from core.errors import LexwatchError


def require_current_schema(url: str | None = None) -> str:
    resolved = database_url(url)
    missing = sqlite_file(resolved)
    if missing is not None and not missing.is_file():
        # Opening it would create an empty file and send the user to `db upgrade` on the wrong path.
        raise LexwatchError(f"no database at {missing}: the file does not exist (nothing was created); "
                            f"check the path in --db or ${ENV_URL}, or create it with `lexwatch db upgrade`")
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
