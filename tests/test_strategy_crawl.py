"""The strategy and pris spiders end to end: a generated world replayed under strategy.bg's
real paths (API list pages, detail, Atom feed, HTML pages, reports), crawled in a subprocess
(Twisted's reactor cannot restart) into SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from conftest import REPO_ROOT
from simulation.corpus import strategy as corpus
from simulation.corpus.world import World, generate_world
from simulation.replay import path_for, serve
from crawlers.spiders.pris import RECENT_DAYS
from crawlers.strategy import plan
from db.engine import dispose_engines, session_scope
from db.models import Consultation, CouncilAct, CrawlIssue, CrawlRun, HeldUpdate, RawPayload, RecordVersion
from db.versioning import history

TODAY = dt.date(2026, 11, 20)
SINCE = TODAY - dt.timedelta(days=30)  # plan.default_since on a non-empty database
PRIS_SINCE = TODAY - dt.timedelta(days=RECENT_DAYS)


def make_world(seed: int = 3) -> World:
    world = generate_world(60, seed=seed, today=TODAY)
    # Two recent consultations: one still open, one closed 10 days ago (both re-visited).
    recent = world.consultations[-2:]
    recent[0].date_open, recent[0].date_close = TODAY - dt.timedelta(days=5), TODAY + dt.timedelta(days=25)
    recent[1].date_open, recent[1].date_close = TODAY - dt.timedelta(days=40), TODAY - dt.timedelta(days=10)
    return world


def render(root: Path, world: World, **kw) -> dict[str, int]:
    return corpus.write_world(root, world, today=TODAY, since=[None, SINCE], pris_since=[None, PRIS_SINCE], **kw)


def crawl(spider: str, base_url: str, db: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LEXWATCH_SCRAPY_LOG_LEVEL": "WARNING", "LEXWATCH_PROGRESS": "0"}
    cmd = [sys.executable, "-m", "monitor.cli", "crawl", spider, "--base-url", base_url, "--db", db,
           "--delay", "0", "--today", TODAY.isoformat(), *args]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=180)


def last_run(db: str, source: str = "strategy") -> CrawlRun:
    with session_scope(db) as s:
        run = s.scalars(select(CrawlRun).where(CrawlRun.source == source).order_by(CrawlRun.id.desc())).first()
        s.expunge(run)
        return run


def count(db: str, model, *where) -> int:
    with session_scope(db) as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture(autouse=True)
def _fresh_engines():
    yield
    dispose_engines()


def test_crawl_store_recrawl_and_deadline_change(tmp_path, db_url):
    world = make_world()
    shell_id, error_id = world.consultations[0].id, world.consultations[1].id
    migrated = world.consultations[2]  # untyped files („Други“ in the API): types from the page
    counts = render(tmp_path, world, html_fallback={shell_id: "shell", error_id: "500"}, migrated=[migrated.id])
    n = counts["consultations"]
    with serve(tmp_path) as server:
        # 1. First crawl: the whole list (empty database), every detail, two through the HTML page.
        first = crawl("strategy", server.url, db_url)
        assert first.returncode == 0, first.stderr[-3000:]
        run = last_run(db_url)
        assert (run.status, run.listed, run.new, run.errors) == ("ok", n, n, 0)
        assert run.misses == 2 and run.stats["lexwatch/fallback/html"] == 2
        with session_scope(db_url) as s:
            assert s.scalar(select(func.count()).select_from(Consultation)) == n
            for c in world.consultations:
                row = s.get(Consultation, c.id)
                assert (row.reg_num, row.date_open, row.date_close) == (c.reg_num, c.date_open, c.date_close)
                assert row.duration_days == (c.date_close - c.date_open).days
                assert [d.file_id for d in row.documents] == [f for _t, _d, f in c.documents]
                assert [d.doc_type for d in row.documents] == [t for t, _d, _f in c.documents]
                assert row.comments_count == len(c.comments)
                assert row.source == ("html" if c.id in (shell_id, error_id) else "api")
                assert all(d.type_inferred for d in row.documents) == (row.source == "html" or c is migrated)
            old = s.get(Consultation, migrated.id)
            assert old.institution_id == 699 and old.policy_area.startswith("Архив - ")
            assert [d.description for d in old.documents] == [corpus.PAGE_DESCRIPTIONS[t] for t, _d, _f in migrated.documents]
            assert run.stats["lexwatch/types_from_page"] == len(migrated.documents)
            issues = s.scalars(select(CrawlIssue).where(CrawlIssue.run_id == run.id)).all()
            assert {i.record_key for i in issues} == {f"{shell_id}-K", f"{error_id}-K"}
            # No personal data anywhere, raw payloads included.
            bodies = [zlib.decompress(r.body_zlib).decode("utf-8") for r in s.scalars(select(RawPayload))]
            assert len(bodies) >= n
            authors = {corpus._author(__import__("random").Random(c.id)) for c in world.consultations}
            assert not any("kontakt@example.org" in b or any(a in b for a in authors) for b in bodies)

        # 2. Re-crawl: nothing changed, nothing written; only discovery and the recent ones are read.
        versions = count(db_url, RecordVersion)
        hits = server.requests
        again = crawl("strategy", server.url, db_url)
        assert again.returncode == 0, again.stderr[-3000:]
        run = last_run(db_url)
        assert (run.new, run.changed, run.held, run.errors) == (0, 0, 0, 0)
        # the open one, the one closed 10 days ago, and tonight's weekly share of closed laws whose
        # bill is not settled (crawlers.strategy.plan); and the two read from their page on the first
        # crawl, asked from the API again (crawlers.todo `confirm`): it fails again, the page answers
        with session_scope(db_url) as s:
            due = plan.revisits(plan.load_consultations(s), today=TODAY)
        assert {c.id for c in world.consultations[-2:]} <= set(due)
        assert run.stats["lexwatch/todo/confirm"] == 2
        assert run.unchanged == len(due) + 2
        assert count(db_url, RecordVersion) == versions
        # robots.txt, feed, one filtered list page, the details; two details again, and their pages
        # (the one whose API answers 500 is retried: Scrapy's retries count as requests)
        assert server.requests - hits == run.requests == 3 + len(due) + 4 + run.stats["retry/count"]

        # 3. A deadline extended on the portal: exactly one new version. The other recent one is
        # read from its page this time (the API fails): same record, no new version.
        changed, via_page = world.consultations[-1], world.consultations[-2]
        changed.date_close += dt.timedelta(days=14)
        render(tmp_path, world, html_fallback={shell_id: "shell", error_id: "500", via_page.id: "500"}, migrated=[migrated.id])
        third = crawl("strategy", server.url, db_url)
        assert third.returncode == 0, third.stderr[-3000:]
        run = last_run(db_url)
        # `due` of step 2, same night, less the changed one; +2 unchanged, +2 misses: the two whose API
        # still fails are asked from it again
        assert (run.new, run.changed, run.unchanged, run.misses) == (0, 1, len(due) - 1 + 2, 1 + 2)
        assert count(db_url, RecordVersion) == versions + 1
        with session_scope(db_url) as s:
            versions_of = history(s, "consultation", changed.id)
            assert [v.version for v in versions_of] == [1, 2]
            assert {c.field for c in versions_of[1].changes} == {"date_close", "duration_days"}
            assert s.get(Consultation, changed.id).date_close == changed.date_close


def test_dropped_documents_are_held_until_confirmed(tmp_path, sqlite_url):
    world = make_world(seed=5)
    render(tmp_path, world)
    target = world.consultations[-1]  # closed 10 days ago: re-visited
    with serve(tmp_path) as server:
        assert crawl("strategy", server.url, sqlite_url).returncode == 0
        kept = [f for _t, _d, f in target.documents]
        target.documents = target.documents[:-1]  # a flaky answer without the last file
        corpus.write_consultation(tmp_path, target)
        held = crawl("strategy", server.url, sqlite_url)
        assert held.returncode == 0, held.stderr[-3000:]
        run = last_run(sqlite_url)
        assert (run.held, run.changed) == (1, 0)
        with session_scope(sqlite_url) as s:
            assert [d.file_id for d in s.get(Consultation, target.id).documents] == kept  # not overwritten
            hold = s.scalar(select(HeldUpdate).where(HeldUpdate.entity_key == str(target.id)))
            assert "drops 1 of the" in hold.reason
        # The same answer again confirms it.
        assert crawl("strategy", server.url, sqlite_url).returncode == 0
        assert last_run(sqlite_url).changed == 1
        with session_scope(sqlite_url) as s:
            assert [d.file_id for d in s.get(Consultation, target.id).documents] == kept[:-1]
            assert s.scalar(select(func.count()).select_from(HeldUpdate)) == 0


def test_a_degraded_first_answer_is_read_once_more(tmp_path, sqlite_url):
    """A first API answer that looks degraded (crawlers.strategy.parse.degraded_signs) has nothing
    to be compared with: the next run reads it once more, which corrects it; a record that really
    is so costs that one read and no more; a whole first answer costs none."""
    world = make_world(seed=7)
    render(tmp_path, world)
    lost_files, poor = world.consultations[0], world.consultations[1]
    assert lost_files.documents
    api = {c.id: path_for(tmp_path, f"/api/consultations/{c.id}") for c in (lost_files, poor)}
    whole = json.loads(api[lost_files.id].read_text(encoding="utf-8"))
    api[lost_files.id].write_text(json.dumps({**whole, "files": []}), encoding="utf-8")  # lost on the way
    without = {k: v for k, v in json.loads(api[poor.id].read_text(encoding="utf-8")).items() if k != "description"}
    api[poor.id].write_text(json.dumps(without), encoding="utf-8")  # so on every read
    with serve(tmp_path) as server:
        first = crawl("strategy", server.url, sqlite_url)
        assert first.returncode == 0, first.stderr[-3000:]
        assert last_run(sqlite_url).stats["lexwatch/looks_degraded"] == 2
        with session_scope(sqlite_url) as s:
            assert s.get(Consultation, lost_files.id).documents == []  # stored as given
        api[lost_files.id].write_text(json.dumps(whole), encoding="utf-8")  # the source answers whole again

        second = crawl("strategy", server.url, sqlite_url)
        assert second.returncode == 0, second.stderr[-3000:]
        run = last_run(sqlite_url)
        assert run.stats["lexwatch/todo/confirm"] == 2
        assert (run.changed, run.held, run.stats["lexwatch/looks_degraded"]) == (1, 0, 1)
        with session_scope(sqlite_url) as s:
            assert [d.file_id for d in s.get(Consultation, lost_files.id).documents] == [f for _t, _d, f in lost_files.documents]
            assert s.get(Consultation, poor.id).description_text is None

        third = crawl("strategy", server.url, sqlite_url)
        assert third.returncode == 0, third.stderr[-3000:]
        assert last_run(sqlite_url).stats.get("lexwatch/todo/confirm", 0) == 0  # the poor one answered the same: settled


def test_bad_answers_become_issues_and_never_overwrite(tmp_path, sqlite_url):
    world = make_world(seed=6)
    render(tmp_path, world)
    recent = world.consultations[-1]
    with serve(tmp_path) as server:
        assert crawl("strategy", server.url, sqlite_url).returncode == 0
        with session_scope(sqlite_url) as s:
            before = s.get(Consultation, recent.id).content_hash
        # The detail truncated, and its page replaced by the HTML shell: nothing usable.
        api = path_for(tmp_path, f"/api/consultations/{recent.id}")
        api.with_name(api.name + ".meta.json").write_text(json.dumps({"truncate": 200}))
        path_for(tmp_path, f"/bg/public-consultations/{recent.id}").unlink()
        # The API's rate limit once (Laravel answers 429 with Retry-After): waited out, then read.
        throttled = world.consultations[-2]
        api2 = path_for(tmp_path, f"/api/consultations/{throttled.id}")
        seen = server.state.hits[f"/api/consultations/{throttled.id}"]  # the replay counts hits per path
        api2.with_name(api2.name + ".meta.json").write_text(
            json.dumps({"sequence": [{}] * seen + [{"status": 429, "headers": {"Retry-After": "1"}}, {"status": 200}]})
        )
        # The filtered list answers a report-style failure.
        path_for(tmp_path, "/api/consultations", corpus.list_query(100, 0, SINCE)).write_text('{"success":false,"error":"DB"}')
        bad = crawl("strategy", server.url, sqlite_url)
        assert bad.returncode == 1
        run = last_run(sqlite_url)
        with session_scope(sqlite_url) as s:  # the policy on what is stored (laws re-read weekly until settled)
            due = plan.revisits(plan.load_consultations(s), today=TODAY)
        assert throttled.id in due and recent.id in due
        assert run.status == "failed" and run.errors == 2 and run.misses == 1 and run.unchanged == len(due) - 1
        assert run.stats.get("retry/count") == 1, {k: v for k, v in run.stats.items() if "retry" in k or "status" in k}
        with session_scope(sqlite_url) as s:
            assert s.get(Consultation, recent.id).content_hash == before
            messages = [i.message for i in s.scalars(select(CrawlIssue).where(CrawlIssue.run_id == run.id))]
        assert any("truncated JSON" in m and f"{recent.id}-K" in m for m in messages), "\n".join(messages)
        assert any("no consultation layout" in m for m in messages)
        assert any("success: false" in m for m in messages)
    assert "errors 2" in bad.stderr

    # A consultation withdrawn from the portal: 404 from the API and the page is a miss, not an error.
    gone = world.consultations[4]
    for url_path in (f"/api/consultations/{gone.id}", f"/bg/public-consultations/{gone.id}"):
        target = path_for(tmp_path, url_path)
        target.with_name(target.name + ".meta.json").write_text(json.dumps({"status": 404}))
    with serve(tmp_path) as server:
        withdrawn = crawl("strategy", server.url, sqlite_url, "--ids", str(gone.id))
    assert withdrawn.returncode == 0, withdrawn.stderr[-3000:]
    run = last_run(sqlite_url)
    assert (run.status, run.misses, run.errors, run.changed) == ("ok", 2, 0, 0)
    with session_scope(sqlite_url) as s:
        assert s.get(Consultation, gone.id) is not None  # what we hold stays


def test_report_backfill_then_api_agree(tmp_path, sqlite_url):
    world = make_world(seed=7)
    repeated = world.consultations[3]
    counts = render(tmp_path, world, report_repeat=[repeated.id])
    assert counts["report_rows"] == counts["consultations"] + 1
    with serve(tmp_path) as server:
        result = crawl("strategy", server.url, sqlite_url, "--report", "site")
        assert result.returncode == 0, result.stderr[-3000:]
        run = last_run(sqlite_url)
        assert (run.listed, run.new, run.errors) == (counts["consultations"], counts["consultations"], 0)
        assert run.requests == server.requests == 1  # one request: the report, streamed to disk
        with session_scope(sqlite_url) as s:
            row = s.get(Consultation, repeated.id)
            assert row.source == "report" and [d.file_id for d in row.documents] == [f for _t, _d, f in repeated.documents]
        # The API gives the same records: a full API crawl afterwards changes nothing.
        api = crawl("strategy", server.url, sqlite_url, "--full")
        assert api.returncode == 0, api.stderr[-3000:]
        run = last_run(sqlite_url)
        with session_scope(sqlite_url) as s:
            due = plan.revisits(plan.load_consultations(s), today=TODAY)
        assert (run.new, run.changed, run.held, run.errors) == (0, 0, 0, 0)
        assert run.unchanged == len(due) >= 2 and run.listed == counts["consultations"]
    # A saved copy of the report, by path, with no server at all.
    saved = path_for(tmp_path, "/reports/public-consultations/full/view")
    again = crawl("strategy", "http://127.0.0.1:9", sqlite_url, "--report", str(saved))
    assert again.returncode == 0, again.stderr[-3000:]
    assert last_run(sqlite_url).unchanged == counts["consultations"]


def test_pris_crawl_and_cli(tmp_path, sqlite_url):
    world = make_world(seed=8)
    counts = render(tmp_path, world)
    with serve(tmp_path) as server:
        result = crawl("pris", server.url, sqlite_url)
        assert result.returncode == 0, result.stderr[-3000:]
        run = last_run(sqlite_url, "pris")
        assert (run.listed, run.new, run.errors) == (counts["decisions"], counts["decisions"], 0)
        again = crawl("pris", server.url, sqlite_url)
        assert again.returncode == 0, again.stderr[-3000:]
        assert last_run(sqlite_url, "pris").new == 0
        # The open-data ПРИС report gives the same records as the API.
        report = crawl("pris", server.url, sqlite_url, "--report", "site")
        assert report.returncode == 0, report.stderr[-3000:]
        run = last_run(sqlite_url, "pris")
        assert (run.listed, run.unchanged, run.new, run.changed, run.requests) == (counts["decisions"], counts["decisions"], 0, 0, 1)
        assert crawl("strategy", server.url, sqlite_url).returncode == 0
    with session_scope(sqlite_url) as s:
        acts = s.scalars(select(CouncilAct)).all()
        assert len(acts) == counts["decisions"] and all(a.approves_bill for a in acts)
        d = world.decisions[0]
        act = s.get(CouncilAct, d.id)
        assert act.bill_title == d.bill_title and act.doc_date == d.date
        assert act.public_consultation_number == d.consultation_reg_num

    from monitor.cli import app

    runner = CliRunner()
    listed = runner.invoke(app, ["consultations", "list", "--format", "json", "--limit", "500", "--db", sqlite_url])
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.stdout)
    assert len(data) == len([c for c in world.consultations if c.date_open <= TODAY])
    assert data[0]["date_open"] >= data[-1]["date_open"]
    c = world.consultations[5]
    shown = runner.invoke(app, ["consultations", "show", c.reg_num, "--format", "json", "--db", sqlite_url])
    assert shown.exit_code == 0, shown.output
    item = json.loads(shown.stdout)
    assert item["reg_num"] == c.reg_num and [x["file_id"] for x in item["documents"]] == [f for _t, _d, f in c.documents]
    assert item["duration_days"] == (c.date_close - c.date_open).days
    table = runner.invoke(app, ["consultations", "show", str(c.id), "--db", sqlite_url])
    assert table.exit_code == 0 and c.reg_num in table.stdout
    by_type = json.loads(runner.invoke(app, ["consultations", "list", "--act-type", "Закон", "--format", "json", "--limit", "500", "--db", sqlite_url]).stdout)
    assert by_type and all(x["act_type"] == "Закон" for x in by_type)
    missing = runner.invoke(app, ["consultations", "show", "1-K", "--db", sqlite_url])
    assert missing.exit_code == 1
    acts_json = json.loads(runner.invoke(app, ["pris", "list", "--bills", "--format", "json", "--limit", "500", "--db", sqlite_url]).stdout)
    assert len(acts_json) == counts["decisions"]
    shown_act = json.loads(runner.invoke(app, ["pris", "show", str(world.decisions[0].id), "--format", "json", "--db", sqlite_url]).stdout)
    assert shown_act["bill_title"] == world.decisions[0].bill_title
    linked = [d for d in world.decisions if d.consultation_reg_num]
    if linked:
        got = json.loads(runner.invoke(app, ["pris", "list", "--consultation", linked[0].consultation_reg_num, "--format", "json", "--db", sqlite_url]).stdout)
        assert [a["id"] for a in got] == [linked[0].id]
