"""`lexwatch link`, `initiatives list|show`, `links confirm|reject` through the real entry point."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from db.engine import session_scope
from monitor.cli import app
from core.errors import LexwatchError, UsageError
from linking.records import add_bill, add_consultation, add_decision

D = dt.date


def lexwatch(*args: str):
    """In-process (a subprocess per call costs seconds of imports); stdout only."""
    return CliRunner().invoke(app, list(args))


def lexwatch_process(*args: str) -> subprocess.CompletedProcess:
    """Through the real entry point, for what `main()` adds: one clear line and the exit code."""
    return subprocess.run([sys.executable, "-m", "monitor.cli", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def world(sqlite_url):
    with session_scope(sqlite_url) as s:
        add_bill(s, 167540, "Законопроект за изменение и допълнение на Кодекса на труда", D(2026, 9, 10),
                 signature="52-602-01-40")
        add_bill(s, 167555, "Законопроект за изменение и допълнение на Кодекса на труда", D(2026, 9, 16), "mps",
                 signature="52-654-01-99")
        add_consultation(s, 12500, "Проект на Закон за изменение и допълнение на Кодекса на труда", D(2026, 6, 15),
                         institution="Министерство на труда и социалната политика")
        add_decision(s, 170974, D(2026, 9, 9), "ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и допълнение на Кодекса на труда /")
    return sqlite_url


def test_link_then_show_list_and_decide(world):
    first = lexwatch("link", "--db", world, "--format", "json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert report["mode"] == "first" and report["initiatives_created"] == 2 and report["links_created"] == 2
    again = lexwatch("link", "--db", world)
    assert again.exit_code == 0 and "bills_examined         0" in again.stdout and "links_created          0" in again.stdout

    show = lexwatch("initiatives", "show", "52-602-01-40", "--db", world, "--format", "json")
    assert show.exit_code == 0, show.output
    data = json.loads(show.stdout)
    assert data["bill"]["id"] == 167540
    assert [c["reg_num"] for c in data["consultations"]] == ["12500-K"]
    assert [a["id"] for a in data["council_acts"]] == [170974]
    cons_link = data["consultations"][0]["links"][0]
    assert cons_link["method"] == "title_match" and cons_link["status"] == "proposed"
    assert cons_link["evidence"]["reg_num"] == "12500-K"

    table = lexwatch("initiatives", "show", "167540", "--db", world)
    assert table.exit_code == 0 and "12500-K" in table.stdout and "сходство на заглавията" in table.stdout  # method in words

    listed = json.loads(lexwatch("initiatives", "list", "--db", world, "--format", "json").stdout)
    assert {r["bill_id"]: r["status"] for r in listed} == {167540: "proposed", 167555: "unlinked"}
    assert listed[0]["bill_id"] == 167555  # newest bill first

    ok = lexwatch("links", "reject", str(cons_link["id"]), "--by", "ana", "--note", "wrong draft", "--db", world,
                  "--format", "json")
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["status"] == "rejected"
    lexwatch("link", "--db", world, "--rebuild")
    data = json.loads(lexwatch("initiatives", "show", "167540", "--db", world, "--format", "json").stdout)
    (rejected,) = data["links"][1:] if data["links"][0]["target_type"] == "council_act" else data["links"][:1]
    assert (rejected["status"], rejected["decided_by"], rejected["note"]) == ("rejected", "ana", "wrong draft")


def test_clear_errors(world):
    lexwatch("link", "--db", world)
    missing = lexwatch_process("links", "confirm", "4242", "--by", "ana", "--db", world)
    assert missing.returncode == 1 and missing.stderr.startswith("lexwatch: error: no link with id 4242")
    assert "Traceback" not in missing.stderr
    no_by = lexwatch("links", "confirm", "1", "--db", world)
    assert no_by.exit_code == 2 and "--by" in no_by.output
    blank_by = lexwatch("links", "confirm", "1", "--by", " ", "--db", world)
    assert isinstance(blank_by.exception, UsageError) and "--by NAME is required" in str(blank_by.exception)
    nobill = lexwatch("initiatives", "show", "99-999-99-9", "--db", world)
    assert isinstance(nobill.exception, LexwatchError) and "no bill with id or signature" in str(nobill.exception)
    bad = lexwatch("initiatives", "list", "--status", "maybe", "--db", world)
    assert isinstance(bad.exception, UsageError) and "--status must be one of" in str(bad.exception)


def test_old_schema_is_a_clear_error(tmp_path):
    out = lexwatch_process("link", "--db", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert out.returncode == 1 and "lexwatch db upgrade" in out.stderr and "Traceback" not in out.stderr
