"""`lexwatch crawl parliament` and `lexwatch bills list|show` as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REPO_ROOT, SHARED_FIXTURES
from simulation.corpus.parliament import write_real_fixtures
from simulation.replay import serve

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LEXWATCH_PROGRESS=False", "-s", "LOG_LEVEL=WARNING"]


def lexwatch(*args: str, check: bool = True, cwd=REPO_ROOT) -> subprocess.CompletedProcess:
    """The CLI as a user runs it (a crawl needs its own process: the Twisted reactor)."""
    proc = subprocess.run([sys.executable, "-m", "monitor.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=180)
    if check:
        assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


class _Out:
    def __init__(self, stdout: str):
        self.stdout = stdout


def cli(*args: str) -> _Out:
    """The same CLI in-process (Typer's runner): reading commands need no subprocess."""
    from typer.testing import CliRunner

    from monitor.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return _Out(result.stdout)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """A SQLite database filled by `lexwatch crawl parliament` from the real answers."""
    if not (SHARED_FIXTURES / "parliament").exists():
        pytest.skip(f"real fixtures absent under {SHARED_FIXTURES}")
    from db import migrate

    tmp = tmp_path_factory.mktemp("cli")
    write_real_fixtures(SHARED_FIXTURES / "parliament", tmp / "replay")
    db = f"sqlite:///{tmp / 'db.sqlite3'}"
    migrate.upgrade(db)
    # Run from a folder outside the project (no scrapy.cfg there): the installed CLI finds its spiders anyway.
    with serve(tmp / "replay") as server:
        proc = lexwatch("crawl", "parliament", "--months", "2025-09,2026-09", "--base-url", server.url, "--db", db, *FAST,
                        check=False, cwd=tmp)
    # the adopted bill's act text has no real answer (HTML shell): reported, so exit code 1
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "new 2" in proc.stderr and "errors 1" in proc.stderr
    return db


def test_bills_list_json(crawled):
    rows = json.loads(cli("bills", "list", "--db", crawled, "--format", "json").stdout)
    assert [(r["id"], r["signature"], r["status"], r["initiator"]) for r in rows] == [
        (167546, "52-602-01-43", "first_reading_passed", "council_of_ministers"),
        (166636, "51-554-01-169", "adopted", "mps"),
    ]
    assert set(rows[0]) == {"id", "signature", "title", "assembly", "submitted_on", "status", "status_date", "initiator", "adopted_on", "dv_issue", "dv_year", "source_url"}
    only = json.loads(cli("bills", "list", "--db", crawled, "--format", "json", "--initiator", "mps", "--assembly", "51").stdout)
    assert [r["id"] for r in only] == [166636]
    assert json.loads(cli("bills", "list", "--db", crawled, "--format", "json", "--status", "withdrawn").stdout) == []


def test_bills_list_table(crawled):
    out = cli("bills", "list", "--db", crawled).stdout
    assert "52-602-01-43" in out and "51-554-01-169" in out


def test_bills_show_by_signature_and_id(crawled):
    by_sign = json.loads(cli("bills", "show", "52-602-01-43", "--db", crawled, "--format", "json").stdout)
    by_id = json.loads(cli("bills", "show", "167546", "--db", crawled, "--format", "json").stdout)
    assert by_sign == by_id
    assert by_sign["sponsors"] == [{"kind": "council_of_ministers", "mp_id": None, "body_id": 6167, "name": "Министерски съвет"}]
    assert [c["name"] for c in by_sign["committees"] if c["is_lead"]] == ["Комисия по правни въпроси"]
    assert len([s for s in by_sign["stages"] if s["origin"] == "activity"]) == 5
    assert by_sign["history"] == {"versions": 1, "last_change": by_sign["history"]["last_change"], "last_changed_fields": []}
    adopted = json.loads(cli("bills", "show", "166636", "--db", crawled, "--format", "json").stdout)
    assert (adopted["dv_issue"], adopted["dv_year"], adopted["adopted_on"], adopted["act_text"]) == ("27", 2026, "2026-03-04", None)
    assert len(adopted["proposals"]) == 4 and adopted["proposals"][0]["authors"][0]["name"] == "БОЖИДАР ПЛАМЕНОВ БОЖАНОВ"
    table = cli("bills", "show", "166636", "--db", crawled).stdout
    assert "ИСКРА ДИМИТРОВА МИХАЙЛОВА-КОПАРОВА" in table


def test_clear_errors(crawled):
    missing = lexwatch("bills", "show", "999", "--db", crawled, check=False)
    assert missing.returncode == 1 and "no bill with id or signature '999'" in missing.stderr and "Traceback" not in missing.stderr
    bad = lexwatch("crawl", "parliament", "--since", "2026-13", "--db", crawled, check=False)
    assert bad.returncode == 2 and "not a month" in bad.stderr and "Traceback" not in bad.stderr
    fmt = lexwatch("bills", "list", "--format", "xml", "--db", crawled, check=False)
    assert fmt.returncode == 2 and "--format" in fmt.stderr
