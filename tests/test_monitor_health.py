"""Health checks and `lexwatch status` on crafted crawl records."""
from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from db.engine import session_scope
from db.models import Bill, Consultation, CouncilAct, CrawlIssue, CrawlRun, PipelineRun, utcnow
from monitor.cli import app
from monitor.config import HealthConfig
from monitor.health import check_health

STORED = {"parliament": 3, "strategy": 2, "pris": 1}


def _store_records(s) -> None:
    for i in range(STORED["parliament"]):
        s.add(Bill(id=1000 + i, signature=f"51-454-01-{i}", title=f"Законопроект {i}", initiator="mps", status="submitted",
                   source_url=f"https://www.parliament.bg/bg/bills/ID/{1000 + i}", content_hash="x"))
    for i in range(STORED["strategy"]):
        s.add(Consultation(id=2000 + i, reg_num=f"{2000 + i}-K", title=f"Проект {i}", source="api",
                           source_url=f"https://strategy.bg/bg/consultations/{2000 + i}", content_hash="x"))
    s.add(CouncilAct(id=3000, source_url="https://strategy.bg/bg/pris/3000", content_hash="x"))


def _crawl(s, source: str, *, hours_ago: float = 2, status: str = "ok", reason: str = "finished", issues=(), **counts) -> int:
    started = utcnow() - dt.timedelta(hours=hours_ago)
    counts.setdefault("listed", STORED[source])
    counts.setdefault("unchanged", STORED[source])
    run = CrawlRun(source=source, spider=source, started_at=started, finished_at=started + dt.timedelta(minutes=5),
                   status=status, finish_reason=reason, **counts)
    s.add(run)
    s.flush()
    for kind, message in issues:
        s.add(CrawlIssue(run_id=run.id, source=source, kind=kind, message=message, url=f"https://{source}.example/x"))
    return run.id


def _healthy(url: str) -> None:
    with session_scope(url) as s:
        _store_records(s)
        for source in STORED:
            _crawl(s, source, hours_ago=30)  # older runs, also fine
            _crawl(s, source)


def _status(url: str, *args: str):
    return CliRunner().invoke(app, ["status", "--db", url, *args])


def test_healthy_sources_exit_zero(db_url):
    _healthy(db_url)
    result = _status(db_url, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["problems"] == []
    assert {s["source"]: s["stored"] for s in data["sources"]} == STORED
    assert all(s["last_run"]["status"] == "ok" for s in data["sources"])
    table = _status(db_url)
    assert table.exit_code == 0 and "no problems" in table.stdout


def test_html_shell_fails_status_with_a_clear_message(db_url):
    _healthy(db_url)
    with session_scope(db_url) as s:
        run_id = _crawl(s, "parliament", hours_ago=0.1, status="failed", listed=0, unchanged=0, errors=1,
                        issues=[("html_shell", "/api/v1/coll-list-ns/bg answered the HTML shell of the Vue app, not JSON")])
    result = _status(db_url, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    # One problem for one cause: not also "zero records" and "error rate".
    assert [(p["source"], p["kind"], p["run_id"]) for p in problems] == [("parliament", "html_shell", run_id)]
    assert "answered the HTML shell instead of data" in problems[0]["message"]
    assert "lexwatch: problem: parliament: the source answered the HTML shell instead of data" in result.stderr
    # The last good read is recent, so freshness alone would not have caught this.
    assert all(p["kind"] != "stale" for p in problems)


def test_layout_change_and_zero_records_and_error_rate(db_url):
    _healthy(db_url)
    with session_scope(db_url) as s:
        _crawl(s, "strategy", hours_ago=0.1, status="ok", listed=0, unchanged=0)
        _crawl(s, "pris", hours_ago=0.1, status="failed", listed=1, unchanged=8, errors=3,
               issues=[("parse_error", "no 'about' in /api/pris/3001"), ("parse_error", "bad date"), ("http_error", "500")])
        _crawl(s, "parliament", hours_ago=0.1, status="failed", unchanged=3, errors=1,
               issues=[("layout", "bill page has no L_Act_sign")])
    report = {p.source: p for p in _report(db_url).problems}
    assert report["strategy"].kind == "zero_records"
    assert report["strategy"].message.startswith(f"crawl run {report['strategy'].run_id} read zero records (at least 1 expected)")
    assert report["pris"].kind == "error_rate"
    assert "3 errors for 8 records read (27% > 10%)" in report["pris"].message
    assert "[http_error 1, parse_error 2]" in report["pris"].message
    assert report["parliament"].kind == "layout" and "no L_Act_sign" in report["parliament"].message


def test_a_few_errors_below_the_threshold_are_not_a_problem(db_url):
    _healthy(db_url)
    with session_scope(db_url) as s:
        _crawl(s, "parliament", hours_ago=0.1, status="failed", unchanged=3, errors=0, misses=1,
               issues=[("miss", "bill 1003 answered 404")])
        _crawl(s, "pris", hours_ago=0.1, status="failed", listed=1, unchanged=19, errors=1, issues=[("parse_error", "x")])
    assert _report(db_url).ok


def test_stale_and_never_read(db_url):
    with session_scope(db_url) as s:
        _store_records(s)
        _crawl(s, "parliament", hours_ago=50)
        _crawl(s, "strategy", hours_ago=1, status="failed", reason="shutdown", listed=0, unchanged=0, errors=2)
    problems = {(p.source, p.kind) for p in _report(db_url).problems}
    assert ("parliament", "stale") in problems
    assert ("strategy", "never_read") in problems and ("strategy", "unfinished") in problems
    assert ("pris", "never_read") in problems
    # The threshold is configuration: 72 h makes parliament fresh again.
    relaxed = HealthConfig(freshness_hours={"parliament": 72, "strategy": 36, "pris": 72})
    with session_scope(db_url) as s:
        kinds = {(p.source, p.kind) for p in check_health(s, relaxed).problems}
    assert ("parliament", "stale") not in kinds


def test_reconciliation_listed_more_than_stored(db_url):
    _healthy(db_url)
    with session_scope(db_url) as s:
        _crawl(s, "strategy", hours_ago=0.1, listed=5, unchanged=2)
    [problem] = _report(db_url).problems
    assert (problem.source, problem.kind) == ("strategy", "reconciliation")
    assert problem.message == "the source lists 5 records but 2 are stored (3 missing)"
    with session_scope(db_url) as s:
        assert check_health(s, HealthConfig(reconcile_tolerance=3)).ok


def test_failed_pipeline_steps_and_interrupted_runs(db_url):
    _healthy(db_url)
    with session_scope(db_url) as s:
        s.add(PipelineRun(status="partial", started_at=utcnow() - dt.timedelta(hours=1), finished_at=utcnow(), steps=[
            {"name": "crawl_parliament", "status": "ok", "errors": []},
            {"name": "link", "status": "failed", "errors": ["`lexwatch link` exited with code 1"]},
            {"name": "evaluate", "status": "skipped", "errors": ["needs link (failed)"]},
            {"name": "crawl_pris", "status": "disabled", "errors": ["disabled in the configuration"]},
        ]))
    messages = [p.message for p in _report(db_url).problems]
    assert messages == [
        f"run 1: step link failed: `lexwatch link` exited with code 1",
        "run 1: step evaluate skipped: needs link (failed)",
    ]
    with session_scope(db_url) as s:
        s.add(PipelineRun(status="running", started_at=utcnow(), steps=[]))
    [problem] = _report(db_url).problems
    assert problem.kind == "interrupted" and "never finished" in problem.message
    result = _status(db_url)
    assert result.exit_code == 1 and "interrupted" in result.stdout


def _report(url: str):
    with session_scope(url) as s:
        return check_health(s, HealthConfig())


def test_min_records_per_source(db_url):
    _healthy(db_url)
    with session_scope(db_url) as s:
        _crawl(s, "pris", hours_ago=0.1, listed=0, unchanged=0)  # an incremental window with nothing in it
        _crawl(s, "strategy", hours_ago=0.1, listed=2, unchanged=2)
    with session_scope(db_url) as s:
        quiet_pris = HealthConfig(min_records={"pris": 0, "strategy": 5})
        problems = {p.source: p.message for p in check_health(s, quiet_pris).problems}
    assert set(problems) == {"strategy"}
    assert "read only 2 records (at least 5 expected)" in problems["strategy"]


def test_status_skips_sources_whose_crawl_is_disabled(db_url, tmp_path):
    with session_scope(db_url) as s:
        _store_records(s)
        _crawl(s, "parliament")
        _crawl(s, "strategy")  # ПРИС never crawled: a problem unless its crawl is switched off
    assert _status(db_url).exit_code == 1
    config = tmp_path / "c.toml"
    config.write_text('[pipeline]\ndisabled = ["crawl_pris"]\n', encoding="utf-8")
    result = _status(db_url, "--config", str(config), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [s["source"] for s in json.loads(result.stdout)["sources"]] == ["parliament", "strategy"]
