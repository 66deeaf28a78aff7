"""Where the database is and how to open it.

SQLite is the default (a file under the user's data dir, zero set-up); PostgreSQL or
any SQLAlchemy URL is chosen with LEXWATCH_DATABASE_URL.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from core.config import env
from core.errors import UsageError

ENV_URL = "LEXWATCH_DATABASE_URL"


def default_sqlite_path() -> Path:
    return Path(user_data_dir("lexwatch", appauthor=False)) / "lexwatch.sqlite3"


def database_url(url: str | None = None) -> str:
    """The URL to use: explicit argument, then $LEXWATCH_DATABASE_URL, then the SQLite default.

    A URL SQLAlchemy cannot parse is a usage error naming where it came from (never a traceback)."""
    if url:
        return _checked(url, "--db")
    named = env(ENV_URL)
    if named:
        return _checked(named, f"${ENV_URL}")
    return f"sqlite:///{default_sqlite_path()}"


def _checked(url: str, origin: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        make_url(url).get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        # The text may hold a password: show it with anything between '//' and '@' masked.
        shown = re.sub(r"//[^/@]*@", "//***@", url)
        raise UsageError(f"{origin}: cannot parse the database URL {shown!r} "
                         "(expected e.g. sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/db)") from exc
    return url


def sqlite_file(url: str) -> Path | None:
    """The file of an on-disk SQLite URL, else None (PostgreSQL, in-memory)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:") \
            or (parsed.database or "").startswith("file:"):
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # WAL + busy timeout: the scheduler, a crawl subprocess and the review UI write concurrently.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


_ENGINES: dict[str, Engine] = {}


def get_engine(url: str | None = None) -> Engine:
    """One engine (and pool) per URL for the life of the process."""
    resolved = database_url(url)
    if resolved in _ENGINES:
        return _ENGINES[resolved]
    if resolved.startswith("sqlite"):
        if resolved.startswith("sqlite:///") and resolved != "sqlite:///:memory:":
            Path(resolved.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(resolved, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(resolved, pool_pre_ping=True)
    _ENGINES[resolved] = engine
    return engine


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    return sessionmaker(get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A transaction: committed on success, rolled back on any error."""
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def redact(url: str) -> str:
    """The URL without its password, for logs and status output."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def dispose_engines() -> None:
    """Close every cached engine's connections (tests, forked processes)."""
    for url in list(_ENGINES):
        _ENGINES.pop(url).dispose()
