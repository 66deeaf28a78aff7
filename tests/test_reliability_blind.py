"""Issue 14, points 1 and 2: never silently blind, never lose a record on a first crawl.

Each test crawls a generated world through the replay server with injected faults (a share of
paths, a kind, a number of times), as a user runs it (`lexwatch crawl …`), on SQLite and
PostgreSQL, then checks the exit code, what `lexwatch status` says, what is stored, and what the
next healthy run recovers.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest

from db import migrate
from db.engine import dispose_engines
from db.models import Bill, Consultation
from reliability_support import TODAY, crawl, ids, issue_kinds, issue_messages, last_run, lexwatch, no_traceback
from simulation.corpus import strategy as strategy_corpus
from simulation.corpus.parliament import write_world
from simulation.corpus.world import generate_world
from simulation.replay import Fault, serve

BILL = r"^/api/v1/bill/\d+$"
MONTH = r"^/api/v1/archive-period/"
DETAIL = r"^/api/consultations/\d+$"
PAGE = r"^/bg/public-consultations/\d+$"


@pytest.fixture(autouse=True)
def _fresh_engines():
    yield
    dispose_engines()


@pytest.fixture
def parliament(tmp_path, db_url):
    world = generate_world(30, seed=5)
    summary = write_world(world, tmp_path / "parliament")
    migrate.upgrade(db_url)
    return world, summary, tmp_path / "parliament", db_url


@pytest.fixture
def strategy(tmp_path, db_url):
    # more consultations than the feed's 100 and one list page: a failed list page loses records
    world = generate_world(10, n_consultations=130, seed=8, today=TODAY)
    counts = strategy_corpus.write_world(tmp_path / "strategy", world, today=TODAY, since=[None, TODAY - dt.timedelta(days=30)])
    assert counts["consultations"] > 100 and counts["list_pages"] >= 2
    migrate.upgrade(db_url)
    return world, counts, tmp_path / "strategy", db_url


def status(db: str) -> tuple[int, list[dict]]:
    proc = lexwatch("status", "--db", db, "--format", "json")
    return proc.returncode, json.loads(proc.stdout)["problems"]


@pytest.mark.parametrize("kind", ["empty_object", "null", "html_shell"])
def test_parliament_answering_nothing_for_every_bill_fails_the_run_and_the_next_run_recovers(parliament, kind):
    world, summary, root, db = parliament
    with serve(root) as server:
        server.inject(Fault(kind, pattern=BILL))
        proc = crawl("parliament", server.url, db, "--since", summary.first_month)
    run = last_run(db, "parliament")
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert no_traceback(proc), proc.stderr[-2000:]
    assert (run.listed, run.new, run.status) == (30, 0, "failed")
    assert issue_kinds(db, run.id).get("blind") == 1
    assert "read 0 of the 30 records asked for" in issue_messages(db, run.id, "blind")[0]
    code, problems = status(db)
    assert code == 1 and any(p["kind"] == "blind" and p["source"] == "parliament" for p in problems), problems
    # the next run lists only the default months (none of the world's): the to-do brings every bill back
    with serve(root) as server:
        again = crawl("parliament", server.url, db)
    assert again.returncode == 0, again.stderr[-2000:]
    assert ids(db, Bill) == {b.id for b in world.bills}
    assert last_run(db, "parliament").stats["lexwatch/todo/retried"] == 30


def test_parliament_month_lists_emptied_after_a_good_crawl_fail_as_short(parliament):
    world, summary, root, db = parliament
    with serve(root) as server:
        assert crawl("parliament", server.url, db, "--since", summary.first_month).returncode == 0
        server.inject(Fault("empty_lists", pattern=MONTH))
        proc = crawl("parliament", server.url, db, "--since", summary.first_month)
    run = last_run(db, "parliament")
    assert proc.returncode == 1 and run.listed == 0 and run.status == "failed"
    [message] = issue_messages(db, run.id, "short_list")
    assert "gave 0 records where it gave 30 before" in message
    assert len(ids(db, Bill)) == 30  # nothing taken away


def test_parliament_failed_details_and_month_lists_on_a_first_crawl_are_retried_until_read(parliament):
    world, summary, root, db = parliament
    with serve(root) as server:
        # a third of the bills answer 500 every time, a share of the month lists too
        server.inject(Fault("500", share=0.34, pattern=BILL, seed=1), Fault("503", share=0.3, pattern=MONTH, seed=2))
        first = crawl("parliament", server.url, db, "--since", summary.first_month)
        faulted_lists = {p for (i, p) in server.state.faulted if i == 1}
    assert first.returncode == 1
    stored_first = ids(db, Bill)
    assert 0 < len(stored_first) < 30 and faulted_lists
    # healthy again, the default months only (an incremental run on a non-empty database)
    with serve(root) as server:
        second = crawl("parliament", server.url, db)
    assert second.returncode == 0, second.stderr[-2000:]
    assert ids(db, Bill) == {b.id for b in world.bills}
    code, problems = status(db)
    assert not [p for p in problems if p["source"] == "parliament" and p["kind"] in ("reconciliation", "blind", "short_list")]


def test_strategy_answering_empty_objects_on_api_and_page_is_a_clear_failure(strategy):
    world, counts, root, db = strategy
    with serve(root) as server:
        server.inject(Fault("empty_object", pattern=DETAIL), Fault("empty_object", pattern=PAGE))
        proc = crawl("strategy", server.url, db)
    run = last_run(db, "strategy")
    assert proc.returncode == 1
    assert no_traceback(proc), proc.stderr[-3000:]
    kinds = issue_kinds(db, run.id)
    assert kinds.get("blind") == 1 and kinds.get("parse_error") == counts["consultations"], kinds
    for message in issue_messages(db, run.id, "parse_error"):
        assert "/bg/public-consultations/" in message and "-K" in message, message
    code, problems = status(db)
    assert code == 1 and any(p["kind"] == "blind" for p in problems)
    with serve(root) as server:
        again = crawl("strategy", server.url, db)
    assert again.returncode == 0, again.stderr[-2000:]
    assert len(ids(db, Consultation)) == counts["consultations"]


def test_strategy_failed_list_page_and_details_on_a_first_crawl_are_recovered_incrementally(strategy):
    world, counts, root, db = strategy
    with serve(root) as server:
        # the second page of the unfiltered list fails; a share of details and pages fail too
        server.inject(
            Fault("500", pattern=r"^/api/consultations\?limit=100&offset=100$"),
            Fault("500", share=0.1, pattern=r"^/(api/consultations|bg/public-consultations)/\d+$", seed=4),
        )
        first = crawl("strategy", server.url, db)
        assert server.state.faulted[(0, "/api/consultations?limit=100&offset=100")] == 2  # tried, retried
    assert first.returncode == 1
    assert len(ids(db, Consultation)) < counts["consultations"]
    with serve(root) as server:
        second = crawl("strategy", server.url, db)
    assert second.returncode == 0, second.stderr[-2000:]
    assert len(ids(db, Consultation)) == counts["consultations"]
