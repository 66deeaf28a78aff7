"""`lexwatch db` and the CLI's error handling, through the real entry point."""
from __future__ import annotations

import json
import subprocess
import sys


def _run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "monitor.cli", *args], capture_output=True, text=True, env=env)


def test_db_upgrade_then_status_json(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    up = _run("db", "upgrade", "--url", url)
    assert up.returncode == 0, up.stderr
    st = _run("db", "status", "--url", url, "--format", "json")
    assert st.returncode == 0
    data = json.loads(st.stdout)
    assert data["up_to_date"] is True and data["revision"] == data["head"]


def test_status_of_an_empty_database_exits_1(tmp_path):
    st = _run("db", "status", "--url", f"sqlite:///{tmp_path / 'empty.sqlite3'}", "--format", "json")
    assert st.returncode == 1 and json.loads(st.stdout)["up_to_date"] is False


def test_unreachable_database_is_one_clear_line(tmp_path):
    up = _run("db", "upgrade", "--url", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert up.returncode == 1
    assert up.stderr.startswith("lexwatch: error: cannot upgrade postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert "Traceback" not in up.stderr


def test_help_lists_commands():
    out = _run("--help")
    assert out.returncode == 0 and "crawl" in out.stdout and "db" in out.stdout
