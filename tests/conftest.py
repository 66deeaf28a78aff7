"""Shared test fixtures.

Real third-party payloads live in ../shared/fixtures (beside the repo, present in CI);
they are never copied into the repo. Tests that need them skip with a clear reason
when that folder is absent.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_FIXTURES = Path(os.environ.get("LEXWATCH_SHARED_FIXTURES", REPO_ROOT.parent / "shared" / "fixtures"))
PG_URL = os.environ.get("LEXWATCH_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def shared_fixture(relpath: str) -> Path:
    """Path of a real payload under ../shared/fixtures; skips the test if it is absent."""
    path = SHARED_FIXTURES / relpath
    if not path.exists():
        pytest.skip(f"real fixture {relpath} not found under {SHARED_FIXTURES} (shared/ folder absent)")
    return path


def load_shared_json(relpath: str):
    return json.loads(shared_fixture(relpath).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def no_criterion_raised(request):
    """In the criteria tests a check that raises fails the test: the engine turns an exception
    into an UNKNOWN finding labelled "error" (one broken rule must not stop the nightly run), which
    a test expecting UNKNOWN would otherwise take for the verdict it wanted. Other tests do not pay
    for a second log capture."""
    if not request.module.__name__.startswith("test_criteria_"):
        yield
        return
    caplog = request.getfixturevalue("caplog")
    yield
    raised = [r.getMessage() for r in caplog.get_records("call")
              if r.name == "criteria.evaluate" and r.levelno >= 40 and r.exc_info]
    assert not raised, raised


@pytest.fixture
def fixtures_dir() -> Path:
    if not SHARED_FIXTURES.exists():
        pytest.skip(f"shared fixtures folder {SHARED_FIXTURES} absent")
    return SHARED_FIXTURES


# --------------------------------------------------------------------------- databases


def _pg_admin_engine():
    from sqlalchemy import create_engine

    return create_engine(PG_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


def _pg_reachable() -> str | None:
    """None if the PostgreSQL server answers, else the reason it does not."""
    try:
        with _pg_admin_engine().connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means: skip with the reason
        return f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


@pytest.fixture(scope="session")
def pg_server() -> str:
    reason = _pg_reachable()
    if reason is not None:
        if os.environ.get("LEXWATCH_REQUIRE_PG"):
            pytest.fail(f"PostgreSQL required (LEXWATCH_REQUIRE_PG) but {PG_URL} is unreachable: {reason}")
        pytest.skip(f"no PostgreSQL server reachable at {PG_URL}: {reason}")
    return PG_URL


def _fresh_pg_database(pg_server: str, template: str | None = None) -> tuple[str, str]:
    """A new database on the server (empty, or a copy of `template`), so parallel runs never share state."""
    import uuid

    from sqlalchemy.engine import make_url

    name = f"lexwatch_t_{uuid.uuid4().hex[:12]}"
    with _pg_admin_engine().connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return make_url(pg_server).set(database=name).render_as_string(hide_password=False), name


def _drop_pg_database(name: str) -> None:
    from db.engine import dispose_engines

    dispose_engines()  # cached engines hold connections that would block DROP DATABASE
    with _pg_admin_engine().connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Each test gets its own database, copied from one migrated once per test process: running the
# migrations for every test cost more than many of the tests (the migrations have tests of their own).
@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path:
    from db import migrate

    from db.engine import dispose_engines

    path = tmp_path_factory.mktemp("template") / "lexwatch.sqlite3"
    migrate.upgrade(f"sqlite:///{path}")
    # The last connection's close checkpoints the write-ahead log into the file that is copied.
    dispose_engines()
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def sqlite_url(tmp_path, _sqlite_template) -> str:
    """A migrated SQLite database in a temporary file."""
    import shutil

    path = tmp_path / "lexwatch.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def _pg_template(pg_server):
    """A migrated database that each test's database is created from (CREATE DATABASE … TEMPLATE)."""
    from db import migrate
    from db.engine import dispose_engines

    url, name = _fresh_pg_database(pg_server)
    try:
        migrate.upgrade(url)
        dispose_engines()  # a template must have no open connection when it is copied
        yield name
    finally:
        _drop_pg_database(name)


@pytest.fixture
def pg_url(pg_server, _pg_template):
    """A migrated, freshly created PostgreSQL database, dropped after the test."""
    url, name = _fresh_pg_database(pg_server, template=_pg_template)
    try:
        yield url
    finally:
        _drop_pg_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    """Runs a test on SQLite and on PostgreSQL (skipped with the reason if no server)."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


# --------------------------------------------------------------------------- the demo world

# One demo run (generated world, replayed sources, crawls, files, linking, evaluation, reports) serves
# every test that reads a whole demo world: it takes a minute of CPU. The xdist workers of one session
# share it: the first to need it builds it under a file lock, the others read it (xdist's own recipe;
# its --dist loadgroup does not group tests under pytest 9.2, pytest-dev/pytest-xdist#1386).
DEMO_BILLS, DEMO_SEED = 60, 7


@pytest.fixture(scope="session")
def demo_params() -> tuple[int, int]:
    """How many bills the demo world has, and its seed."""
    return DEMO_BILLS, DEMO_SEED


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory, worker_id) -> tuple[str, dict, Path]:
    """The demo world: its database URL, the figures the demo printed (JSON) and its work folder.
    Read-only for the tests: they all see the same database."""
    import subprocess
    import sys

    from filelock import FileLock

    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent  # the folder every worker's base folder of this session is in
    work, printed = root / "demo-world" / "demo", root / "demo-world" / "printed.json"
    with FileLock(str(root / "demo-world.lock")):
        if not printed.exists():
            proc = subprocess.run([sys.executable, "-m", "monitor.cli", "demo", "--bills", str(DEMO_BILLS), "--seed",
                                   str(DEMO_SEED), "--workdir", str(work), "--format", "json"],
                                  capture_output=True, timeout=1200)
            assert proc.returncode == 0, proc.stderr.decode()[-3000:]
            printed.write_bytes(proc.stdout)
    return f"sqlite:///{work / 'lexwatch-demo.sqlite3'}", json.loads(printed.read_text(encoding="utf-8")), work
