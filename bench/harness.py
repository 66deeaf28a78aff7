"""What the crawl benchmarks share: replay servers, crawls in child processes, fresh databases.

Each crawl runs as `scrapy crawl` in its own process (as the nightly run does), so its wall
time and peak RSS are its own; the figures come from the CrawlRun it records.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import select  # noqa: E402

from db import migrate  # noqa: E402
from db.engine import dispose_engines, session_scope  # noqa: E402
from db.models import CrawlRun  # noqa: E402

# No politeness delay against the replay server on this machine.
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LEXWATCH_PROGRESS": "False",
    "LOG_LEVEL": "WARNING",
}


@dataclass
class Crawl:
    run: CrawlRun
    wall: float
    peak_rss_mb: float

    @property
    def elapsed(self) -> float:
        return float(self.run.stats.get("elapsed_time_seconds", self.wall))


def start_server(root: Path) -> tuple[subprocess.Popen, str]:
    """A replay server in a child process (so its CPU is not counted as the crawler's)."""
    proc = subprocess.Popen([sys.executable, "-m", "simulation.replay", str(root)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip()
    if not url.startswith("http"):
        raise SystemExit(f"replay server did not start: {url!r}")
    return proc, url


def run_child(cmd: list[str]) -> tuple[str, float, float]:
    """(stdout, wall seconds, peak RSS MB of that process)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(cmd[:5])} failed:\n{err.read()[-3000:]}")
        return out.read(), wall, usage.ru_maxrss / 1024


def crawl(spider: str, db_url: str, settings: dict[str, str], args: dict[str, str]) -> Crawl:
    """Run `spider` to completion in a child process and return its recorded run."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    for k, v in {**FAST, "LEXWATCH_DATABASE_URL": db_url, **settings}.items():
        cmd += ["-s", f"{k}={v}"]
    for k, v in args.items():
        cmd += ["-a", f"{k}={v}"]
    dispose_engines()
    _out, wall, rss = run_child(cmd)
    with session_scope(db_url) as s:
        run = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
        s.expunge(run)
    return Crawl(run, wall, rss)


def fresh_db(kind: str, workdir: Path, name: str) -> str:
    """A new migrated database: a SQLite file in `workdir`, or `bench_<name>` on the server `kind`."""
    if kind.startswith("postgresql"):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        admin = create_engine(kind, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "bench_{name}" WITH (FORCE)')
            c.exec_driver_sql(f'CREATE DATABASE "bench_{name}"')
        admin.dispose()
        url = make_url(kind).set(database=f"bench_{name}").render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{workdir / (name + '.sqlite3')}"
    migrate.upgrade(url)
    return url
