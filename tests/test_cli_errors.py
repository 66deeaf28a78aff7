"""One error path for the CLI (issue 14 point 8, issue 15): bad input is one clear line with the
documented exit code (1: a failure or a missing record/file; 2: a usage error or an unusable input
file), never a traceback, and a read command never creates a database.

In-process through Typer's runner (the error reaches `result.exception` as a LexwatchError, which
`monitor.cli.main` prints as one line), and through the real entry point where the exit code and
stderr are the point. The act payloads are real parliament.bg answers (../shared/fixtures).
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import shared_fixture
from core.errors import LexwatchError, UsageError
from monitor.cli import app

HUGE = "99999999999999999999999"


def lexwatch(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def lexwatch_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "monitor.cli", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def _one_line(proc: subprocess.CompletedProcess, code: int, *needles: str) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lexwatch: error: "), proc.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


# --------------------------------------------------------------------------- the database


@pytest.mark.parametrize("args", [("bills", "list"), ("initiatives", "list"), ("findings", "list"),
                                  ("bills", "show", "167546"), ("users", "list")])
def test_a_read_command_on_a_missing_sqlite_file_says_so_and_creates_nothing(tmp_path, args):
    path = tmp_path / "lexwatch-demo.sqlite"  # the name the wrapped demo hint used to cut
    result = lexwatch(*args, "--db", f"sqlite:///{path}")
    assert isinstance(result.exception, LexwatchError), result.exception
    message = str(result.exception)
    assert f"no database at {path}" in message and "does not exist" in message
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_the_missing_file_from_the_environment_too(tmp_path):
    path = tmp_path / "nested" / "x.sqlite3"
    proc = lexwatch_process("bills", "list", env={"LEXWATCH_DATABASE_URL": f"sqlite:///{path}"})
    _one_line(proc, 1, f"no database at {path}", "LEXWATCH_DATABASE_URL")
    assert not path.exists()
    status = lexwatch_process("db", "status", "--db", f"sqlite:///{path}", "--format", "json")
    assert status.returncode == 1 and '"exists": false' in status.stdout and not path.exists()


@pytest.mark.parametrize("url,origin", [
    ("not a url", "--db"),
    ("postgresql+nodriver://staff:s3cret@db.example/lexwatch", "--db"),
    ("sqlite//missing-colon.sqlite3", "--db"),
])
def test_an_unparsable_database_url_is_a_usage_error(url, origin, tmp_path):
    result = lexwatch("bills", "list", "--db", url)
    assert isinstance(result.exception, UsageError), result.exception
    assert f"{origin}: cannot parse the database URL" in str(result.exception)
    assert "s3cret" not in str(result.exception)
    proc = lexwatch_process("findings", "list", env={"LEXWATCH_DATABASE_URL": url})
    _one_line(proc, 2, "$LEXWATCH_DATABASE_URL: cannot parse the database URL")
    assert "s3cret" not in proc.stderr


# --------------------------------------------------------------------------- ids


@pytest.mark.parametrize("args,what", [
    (("bills", "show", HUGE), f"no bill with id or signature '{HUGE}'"),
    (("findings", "show", HUGE), f"no initiative {HUGE}"),
    (("initiatives", "show", HUGE), f"no initiative {HUGE}"),
    (("consultations", "show", HUGE), f"consultation {HUGE} is not stored"),
    (("pris", "show", HUGE), f"ПРИС act {HUGE} is not stored"),
    (("documents", "show", HUGE), f"document {HUGE}: not found"),
    (("links", "confirm", HUGE, "--by", "ana"), f"no link with id {HUGE}"),
])
def test_a_huge_id_is_a_missing_record_not_an_overflow(db_url, args, what):
    result = lexwatch(*args, "--db", db_url)
    assert isinstance(result.exception, LexwatchError) and not isinstance(result.exception, UsageError), \
        repr(result.exception)
    assert what in str(result.exception)


@pytest.mark.parametrize("args", [("findings", "show", "9223372036854775807"), ("initiatives", "show", "2147483648"),
                                  ("pris", "show", "9223372036854775807"), ("links", "confirm", "2147483648", "--by", "a")])
def test_an_id_past_the_columns_range_is_a_missing_record(db_url, args):
    """PostgreSQL's INTEGER stops at 2**31-1: such a number is no record, not a driver error."""
    result = lexwatch(*args, "--db", db_url)
    assert isinstance(result.exception, LexwatchError), repr(result.exception)
    assert "DataError" not in repr(result.exception) and args[2] in str(result.exception)


def test_a_huge_id_through_the_entry_point(sqlite_url):
    _one_line(lexwatch_process("bills", "show", HUGE, "--db", sqlite_url), 1, f"no bill with id or signature '{HUGE}'")


# --------------------------------------------------------------------------- settings


def test_a_scrapy_setting_of_the_wrong_type_is_refused_before_the_crawl(sqlite_url):
    proc = lexwatch_process("crawl", "parliament", "--set", "DOWNLOAD_TIMEOUT=abc", "--db", sqlite_url)
    _one_line(proc, 2, "--set DOWNLOAD_TIMEOUT=abc", "must be a number")
    result = lexwatch("crawl", "strategy", "--set", "RETRY_ENABLED=perhaps", "--db", sqlite_url)
    assert isinstance(result.exception, UsageError) and "must be true or false" in str(result.exception)


def test_scrapy_setting_values_take_the_defaults_type():
    from monitor.commands.crawl import _typed

    assert _typed("DOWNLOAD_TIMEOUT", "12.5", 180) == 12.5
    assert _typed("CONCURRENT_REQUESTS", "4", 16) == 4 and isinstance(_typed("CONCURRENT_REQUESTS", "4", 16), int)
    assert _typed("RETRY_ENABLED", "false", True) is False
    assert _typed("USER_AGENT", "x/1", "Scrapy") == "x/1"
    for bad in ("nan", "inf", ""):
        with pytest.raises(UsageError):
            _typed("DOWNLOAD_TIMEOUT", bad, 180)


# --------------------------------------------------------------------------- input files


def _cp1251_payload(tmp_path):
    """A real act answer saved in windows-1251, as an analyst's editor on Windows may save it."""
    text = shared_fixture("parliament/act-164632.json").read_text(encoding="utf-8")
    path = tmp_path / "act-cp1251.json"
    path.write_bytes(text.encode("cp1251", errors="replace"))
    return path


def _nested(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return path


def _not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"L_Act_id": 1,', encoding="utf-8")
    return path


@pytest.mark.parametrize("make,message", [
    (_cp1251_payload, "not UTF-8 text"),
    (_nested, "nested too deeply"),
    (_not_json, "not JSON"),
])
def test_bad_input_files_are_one_line_and_exit_2_in_act_text_and_evaluate(tmp_path, make, message):
    path = make(tmp_path)
    act = lexwatch_process("act-text", str(path))
    evaluate = lexwatch_process("evaluate", "--input", str(path))
    for proc in (act, evaluate):
        _one_line(proc, 2, str(path), message)


def test_bad_input_through_the_runner(tmp_path):
    act = lexwatch("act-text", str(_nested(tmp_path)))
    assert act.exit_code == 2 and "nested too deeply" in act.stderr
    ev = lexwatch("evaluate", "--input", str(_cp1251_payload(tmp_path)))
    assert isinstance(ev.exception, UsageError) and "not UTF-8 text" in str(ev.exception)


def test_moderately_nested_input_is_read_then_refused_by_depth(tmp_path):
    from monitor.commands.output import MAX_JSON_DEPTH, read_json_input

    path = tmp_path / "n.json"
    path.write_text("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), encoding="utf-8")
    with pytest.raises(UsageError, match=f"nested {MAX_JSON_DEPTH + 1} levels deep"):
        read_json_input(str(path))
    ok = tmp_path / "ok.json"
    ok.write_text("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH, encoding="utf-8")
    assert read_json_input(str(ok))[0] is not None
