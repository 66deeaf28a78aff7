"""The parliament spider end to end: replay server -> `scrapy crawl parliament` in a subprocess
(a Twisted reactor cannot restart inside pytest) -> SQLite and PostgreSQL."""
from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import REPO_ROOT, SHARED_FIXTURES, load_shared_json
from simulation.corpus.parliament import bill_path, dump, month_path, write_bill, write_real_fixtures, write_world, published_stages
from simulation.corpus.world import generate_world, mutate
from simulation.replay import serve
from db.engine import dispose_engines, session_scope
from db.models import ActText, Assembly, Bill, CrawlIssue, CrawlRun, HeldUpdate, RecordChange, RecordVersion
from db.versioning import history

FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LEXWATCH_PROGRESS": "False",
    "LOG_LEVEL": "WARNING",
    "TELNETCONSOLE_ENABLED": "False",
}


def crawl(base_url: str, db_url: str, settings: dict[str, str] | None = None, **args: str) -> CrawlRun:
    """Run the spider once in a subprocess and return its recorded CrawlRun."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "parliament"]
    for key, value in {**FAST, "PARLIAMENT_BASE_URL": base_url, "LEXWATCH_DATABASE_URL": db_url, **(settings or {})}.items():
        cmd += ["-s", f"{key}={value}"]
    for key, value in args.items():
        cmd += ["-a", f"{key}={value}"]
    dispose_engines()  # PostgreSQL: no idle connections of ours while the crawl writes
    proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    with session_scope(db_url) as s:
        run = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
        assert run is not None and run.finished_at is not None, proc.stderr[-3000:]
        s.expunge(run)
        return run


def count_versions(db_url: str, entity: str | None = None) -> int:
    with session_scope(db_url) as s:
        q = select(func.count()).select_from(RecordVersion)
        if entity:
            q = q.where(RecordVersion.entity == entity)
        return s.scalar(q)


def issues(db_url: str, run_id: int) -> list[tuple[str, str | None, str]]:
    with session_scope(db_url) as s:
        return [(i.kind, i.record_key, i.url + " " + i.message) for i in s.scalars(select(CrawlIssue).where(CrawlIssue.run_id == run_id).order_by(CrawlIssue.id))]


# --------------------------------------------------------------------------- real answers


@pytest.fixture
def real_root(tmp_path) -> Path:
    if not (SHARED_FIXTURES / "parliament").exists():
        pytest.skip(f"real fixtures absent under {SHARED_FIXTURES}")
    root = tmp_path / "replay"
    write_real_fixtures(SHARED_FIXTURES / "parliament", root)
    return root


def test_real_answers_end_to_end(db_url, real_root):
    with serve(real_root) as server:
        run = crawl(server.url, db_url, months="2025-09,2026-09")
        requests_first = server.requests
    assert (run.listed, run.new, run.misses) == (2, 2, 0)
    # bill 166636 is adopted; there is no real /act/166636 answer, so the replay answers the
    # HTML shell: reported, nothing stored, and the run is marked failed
    assert [(k, key) for k, key, _ in issues(db_url, run.id)] == [("html_shell", "166636")]
    assert run.status == "failed"
    with session_scope(db_url) as s:
        b = s.get(Bill, 167546)
        assert (b.signature, b.initiator, b.status, b.assembly) == ("52-602-01-43", "council_of_ministers", "first_reading_passed", 52)
        assert next(c.name for c in b.committees if c.is_lead) == "Комисия по правни въпроси"
        assert len([st for st in b.stages if st.origin == "activity"]) == 5
        assert b.files[0].url == f"{server.url}/bills/52/52-602-01-43.rtf"
        a = s.get(Bill, 166636)
        assert (len(a.sponsors), a.adopted_on, a.dv_issue, a.dv_year, a.status) == (4, dt.date(2026, 3, 4), "27", 2026, "adopted")
        assert a.act_text is None
        assert [(x.number, x.api_id) for x in s.scalars(select(Assembly).order_by(Assembly.number))] == [(51, 61), (52, 62)]
    before = count_versions(db_url)
    # re-crawl: nothing new is written
    with serve(real_root) as server:
        again = crawl(server.url, db_url, months="2025-09,2026-09")
        # both bills are open or lack their act text, so both are read again (plus robots, lists, assemblies, act)
        assert server.requests == requests_first
    assert (again.new, again.changed, again.unchanged) == (0, 0, 2)
    assert count_versions(db_url) == before


# --------------------------------------------------------------------------- generated world


def test_world_end_to_end_idempotent_then_one_version_per_change(db_url, tmp_path):
    world = generate_world(40, seed=11)
    root = tmp_path / "replay"
    summary = write_world(world, root)
    with serve(root) as server:
        run = crawl(server.url, db_url, since=summary.first_month)
    assert (run.listed, run.new, run.errors, run.status) == (40, 40, 0, "ok")
    promulgated = {b.id for b in world.bills if b.status == "adopted" and b.dv_issue}
    with session_scope(db_url) as s:
        stored = {b.id: b for b in s.scalars(select(Bill))}
        for wb in world.bills:
            got = stored[wb.id]
            assert got.signature == wb.signature and got.title == wb.title and got.assembly == wb.assembly
            # a bill distributed to committees counts as "in committee" here even before a committee row
            assert got.status == wb.status or (wb.status, got.status) == ("submitted", "in_committee")
            assert got.initiator == wb.initiator
            assert len([st for st in got.stages if st.origin == "activity"]) == len(published_stages(wb))
        assert {a.bill_id for a in s.scalars(select(ActText))} == promulgated
    before = count_versions(db_url)

    with serve(root) as server:
        again = crawl(server.url, db_url, since=summary.first_month)
    assert (again.new, again.changed, again.errors) == (0, 0, 0)
    assert count_versions(db_url) == before

    changed = mutate(world, 0.1, seed=3)
    for bill_id in changed:
        write_bill(root, world, world.bill(bill_id))
    # a week later: every stored bill is due for a re-read
    with serve(root) as server:
        third = crawl(server.url, db_url, {"PARLIAMENT_REREAD_DAYS": "0"}, since=summary.first_month)
    assert (third.changed, third.new, third.errors) == (len(changed), 0, 0)
    assert count_versions(db_url, "bill") == 40 + len(changed)
    with session_scope(db_url) as s:
        for bill_id in changed:
            versions = history(s, "bill", bill_id)
            assert [v.version for v in versions] == [1, 2]
            fields = set(s.scalars(select(RecordChange.field).where(RecordChange.version_id == versions[1].id)))
            wb = world.bill(bill_id)
            n = len(published_stages(wb)) - 1
            assert f"stages.activity[{n}].date" in fields or "dv_issue" in fields
            if "dv_issue" in fields:  # a newly promulgated law: its text is fetched too
                assert s.get(ActText, bill_id) is not None


# --------------------------------------------------------------------------- bad answers


def _variant(base: dict, bill_id: int) -> dict:
    data = copy.deepcopy(base)
    data["L_Act_id"] = bill_id
    data["L_Act_sign"] = f"52-602-01-{bill_id % 1000}"
    return data


def test_bad_answers_leave_stored_data_untouched_and_are_reported(db_url, tmp_path):
    real = load_shared_json("parliament/bill-167546.json")
    ids = list(range(900001, 900010))
    root = tmp_path / "replay"
    good = {i: _variant(real, i) for i in ids}
    month = [{"t_id": i, "t_label": real["L_ActL_title"], "t_date": "2026-09-11 00:00:00"} for i in ids]
    (root / month_path(2026, 9)).parent.mkdir(parents=True)
    (root / month_path(2026, 9)).write_bytes(dump(month))
    (root / "api/v1/fn-assembly/bg").parent.mkdir(parents=True)
    (root / "api/v1/fn-assembly/bg").write_bytes(dump(load_shared_json("parliament/fn-assembly.json")))
    (root / "api/v1/bill").mkdir(parents=True)
    for i, data in good.items():
        (root / bill_path(i)).write_bytes(dump(data))
    with serve(root) as server:
        first = crawl(server.url, db_url, months="2026-09")
    assert (first.new, first.errors) == (9, 0)
    with session_scope(db_url) as s:
        snapshot = {b.id: (b.version, b.content_hash, b.last_changed_at) for b in s.scalars(select(Bill))}

    def put(i: int, body: bytes | None, meta: dict | None = None) -> None:
        path = root / bill_path(i)
        if body is None:
            path.unlink()
        else:
            path.write_bytes(body)
        if meta is not None:
            path.with_name(path.name + ".meta.json").write_text(json.dumps(meta))

    put(900001, None)  # unknown path -> the site's HTML shell
    put(900002, b"{}")
    put(900003, b"null")
    put(900004, dump(good[900004]), {"truncate": 600})
    no_activity = copy.deepcopy(good[900005])
    del no_activity["activity"]
    put(900005, dump(no_activity))
    more = copy.deepcopy(good[900006])
    more["activity"].append({**more["activity"][0], "L_Act_A_id": 48700, "L_Act_St_date": "2026-10-14", "L_Act_St2_name": "комисии второ гласуване"})
    put(900006, dump(more), {"sequence": [{"status": 500}, {"status": 200}]})
    wrong_type = copy.deepcopy(good[900007])
    wrong_type["L_Act_dv_year"] = "2026"
    put(900007, dump(wrong_type))
    fewer = copy.deepcopy(good[900008])
    fewer["activity"] = fewer["activity"][:2]
    put(900008, dump(fewer))
    put(900009, dump(good[900009]), {"status": 503})

    with serve(root) as server:
        second = crawl(server.url, db_url, {"RETRY_TIMES": "2"}, months="2026-09")
    found = {key: (kind, text) for kind, key, text in issues(db_url, second.id)}
    assert {k: v[0] for k, v in found.items()} == {
        "900001": "html_shell",
        "900002": "miss",
        "900003": "miss",
        "900004": "parse_error",
        "900005": "parse_error",
        "900007": "parse_error",
        "900008": "held",
        "900009": "http_error",
        None: "blind",  # 2 of the 9 bills asked for were read: the run read (almost) nothing
    }
    assert "'<body>'" in found["900004"][1] and "/api/v1/bill/900004" in found["900004"][1]
    assert "'activity'" in found["900005"][1] and "missing" in found["900005"][1]
    assert "'L_Act_dv_year'" in found["900007"][1] and "expected integer" in found["900007"][1]
    assert "HTTP 503" in found["900009"][1]
    assert "2 activity stages instead of the stored 5" in found["900008"][1]
    assert (second.changed, second.held, second.misses, second.status) == (1, 1, 2, "failed")
    assert second.stats["retry/count"] >= 1
    with session_scope(db_url) as s:
        now = {b.id: (b.version, b.content_hash, b.last_changed_at) for b in s.scalars(select(Bill))}
        assert s.scalar(select(HeldUpdate.entity_key)) == "900008"
    assert now[900006][0] == 2  # 500 then 200: retried and stored
    for i in set(ids) - {900006}:
        assert now[i] == snapshot[i], i
    assert count_versions(db_url, "bill") == 10


def test_assembly_filter_and_rereads_of_open_bills(sqlite_url, real_root):
    with serve(real_root) as server:
        only52 = crawl(server.url, sqlite_url, months="2025-09,2026-09", assembly="52")
    # 166636 (51st assembly) is read, dropped and not counted as listed
    assert (only52.listed, only52.new, only52.stats.get("lexwatch/skipped/other_assembly")) == (1, 1, 1)
    with session_scope(sqlite_url) as s:
        assert list(s.scalars(select(Bill.id))) == [167546]
    # 167546 was new: the next run reads it once more to confirm its first answer (crawlers.todo)
    with serve(real_root) as server:
        confirm = crawl(server.url, sqlite_url, months="2025-09", assembly="52")
        assert server.state.hits["/api/v1/bill/167546"] == 1
    assert (confirm.stats.get("lexwatch/todo/retried"), confirm.unchanged) == (1, 1)
    # 167546 is open in the current (52nd) assembly: a run that does not list its month re-reads it
    # once it was not read for PARLIAMENT_REREAD_DAYS, and not before
    with serve(real_root) as server:
        fresh = crawl(server.url, sqlite_url, months="2025-09", assembly="52")
        assert server.state.hits["/api/v1/bill/167546"] == 0
    assert fresh.stats.get("lexwatch/reread") == 0
    with serve(real_root) as server:
        due = crawl(server.url, sqlite_url, {"PARLIAMENT_REREAD_DAYS": "0"}, months="2025-09", assembly="52")
        assert server.state.hits["/api/v1/bill/167546"] == 1
    assert (due.stats.get("lexwatch/reread"), due.unchanged, due.new) == (1, 1, 0)
