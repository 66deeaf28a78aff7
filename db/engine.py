"""Where the database is and how to open it.

SQLite is the default (a file under the user's data dir, zero set-up); PostgreSQL or
any SQLAlchemy URL is chosen with LEXWATCH_DATABASE_URL.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

ENV_URL = "LEXWATCH_DATABASE_URL"


def default_sqlite_path() -> Path:
    return Path(user_data_dir("lexwatch", appauthor=False)) / "lexwatch.sqlite3"


def database_url(url: str | None = None) -> str:
    """The URL to use: explicit argument, then $LEXWATCH_DATABASE_URL, then the SQLite default."""
    if url:
        return url
    env = os.environ.get(ENV_URL)
    if env:
        return env
    path = default_sqlite_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


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
