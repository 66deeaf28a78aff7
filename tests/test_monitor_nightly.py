"""The pipeline's mechanics with real `lexwatch` subcommands as steps: dependencies, failures,
unavailable commands, timeouts, and the record of the run."""
from __future__ import annotations

import json
import subprocess
import sys

from db.engine import session_scope
from db.models import PipelineRun
from monitor.config import Config, FeedConfig, PipelineConfig
from monitor.nightly import StepSpec, command_available, run_command, run_nightly


def _config(tmp_path, **pipeline) -> Config:
    return Config(
        feed=FeedConfig(path=tmp_path / "feed.atom"),
        pipeline=PipelineConfig(log_dir=tmp_path / "logs", **pipeline),
    )


# A command that succeeds (the schema is current), one that fails (no server on port 1), one that
# does not exist, and dependants of each.
OK = StepSpec("ok_a", ("db", "status"))
FAILS = StepSpec("fails", ("db", "status", "--url", "postgresql+psycopg://nobody@127.0.0.1:1/none"))
MISSING = StepSpec("missing", ("no-such-command",))
AFTER_ANY = StepSpec("after_any", ("db", "status"), requires_any=("fails", "ok_a"))
AFTER_FAIL = StepSpec("after_fail", ("db", "status"), requires_all=("fails",))
AFTER_MISSING = StepSpec("after_missing", ("db", "status"), requires_any=("missing",))
AFTER_SKIPPED = StepSpec("after_skipped", ("db", "status"), requires_all=("after_fail", "ok_a"))


def test_command_available_knows_the_cli():
    assert command_available(("db", "status", "--url", "x"))
    assert command_available(("run-nightly",))
    assert not command_available(("no-such-command",))
    assert not command_available(("db",))  # a group alone is not a command


def test_failures_stop_only_their_dependants(db_url, tmp_path):
    steps = (OK, FAILS, MISSING, AFTER_ANY, AFTER_FAIL, AFTER_MISSING, AFTER_SKIPPED)
    result = run_nightly(db_url, _config(tmp_path), steps=steps)
    status = {s.name: s.status for s in result.steps}
    assert status == {
        "ok_a": "ok", "fails": "failed", "missing": "unavailable", "after_any": "ok",
        "after_fail": "skipped", "after_missing": "skipped", "after_skipped": "skipped",
        "health": "ok", "alerts": "ok",
    }
    by = {s.name: s for s in result.steps}
    assert by["missing"].errors == ["`lexwatch no-such-command` is not available in this installation"]
    assert by["after_fail"].errors == ["needs fails (failed)"]
    assert by["after_missing"].errors == ["needs at least one of missing to succeed"]
    assert by["after_skipped"].errors == ["needs after_fail (skipped)"]
    assert by["fails"].exit_code not in (0, None)
    assert any("log:" in e for e in by["fails"].errors)  # the tail of the child's output is kept
    assert (tmp_path / "logs" / f"run-{result.run_id}" / "fails.log").exists()
    assert result.status == "partial"
    assert {s.name for s in result.failed_steps} == {"fails", "missing", "after_fail", "after_missing", "after_skipped"}

    # The run is recorded with every step, its dependencies and duration; the digest names the failures.
    with session_scope(db_url) as s:
        row = s.get(PipelineRun, result.run_id)
        assert row.status == "partial" and row.finished_at is not None
        assert [st["name"] for st in row.steps] == [*status]
        assert row.steps[4]["depends_on"] == {"all": ["fails"], "any": []}
        assert all(st["duration"] is not None and st["duration"] >= 0 for st in row.steps)
        assert {p["source"] for p in row.health["problems"]} == {"parliament", "strategy", "pris"}
    step_problems = [p.message for p in result.problems if p.source == "pipeline"]
    assert len(step_problems) == 5 and any("step missing unavailable" in m for m in step_problems)
    assert "step missing unavailable" in (tmp_path / "feed.atom").read_text(encoding="utf-8")


def test_disabled_steps_are_not_failures(sqlite_url, tmp_path):
    only_ok = StepSpec("only_ok", ("db", "status"), requires_any=("ok_a",))
    needs_ok = StepSpec("needs_ok", ("db", "status"), requires_all=("ok_a",))
    result = run_nightly(sqlite_url, _config(tmp_path, disabled=["ok_a"]), steps=(OK, only_ok, needs_ok))
    status = {s.name: s.status for s in result.steps}
    assert status == {"ok_a": "disabled", "only_ok": "disabled", "needs_ok": "disabled", "health": "ok", "alerts": "ok"}
    assert result.failed_steps == [] and result.status == "ok"

    # With one alternative disabled, "any" waits on the others only.
    result = run_nightly(sqlite_url, _config(tmp_path, disabled=["ok_a"]), steps=(OK, FAILS, AFTER_ANY))
    by = {s.name: s for s in result.steps}
    assert (by["ok_a"].status, by["fails"].status, by["after_any"].status) == ("disabled", "failed", "skipped")
    assert by["after_any"].errors == ["needs at least one of fails to succeed"]


def test_step_args_reach_the_command(sqlite_url, tmp_path):
    spec = StepSpec("db_status", ("db", "status"))
    cfg = _config(tmp_path, step_args={"db_status": ["--format", "json"]})
    result = run_nightly(sqlite_url, cfg, steps=(spec,))
    assert result.steps[0].ok
    log = (tmp_path / "logs" / f"run-{result.run_id}" / "db_status.log").read_text()
    assert json.loads(log.strip().splitlines()[-1])["up_to_date"] is True


def test_timeout_stops_the_whole_process_group(tmp_path):
    # The child starts a grandchild; both must be gone after the timeout.
    script = (
        "import subprocess, sys, time;"
        f"p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']);"
        f"open({str(tmp_path / 'pid')!r}, 'w').write(str(p.pid));"
        "time.sleep(60)"
    )
    code = run_command([sys.executable, "-c", script], env={}, log_path=tmp_path / "t.log", timeout=2)
    assert code is None
    grandchild = int((tmp_path / "pid").read_text())
    assert subprocess.run(["ps", "-p", str(grandchild), "-o", "stat="], capture_output=True, text=True).stdout.strip() in ("", "Z")


def test_scheduler_step_times_out_and_run_goes_on(sqlite_url, tmp_path):
    # `lexwatch schedule` never ends by itself: the step times out, SIGTERM stops it, the next step runs.
    # The independent step runs under the (long) crawl timeout: a 3 s step timeout is shorter than a
    # CLI's start on a loaded machine, and this test is about the step that never ends.
    steps = (StepSpec("forever", ("schedule",)), StepSpec("after", ("db", "status"), requires_any=("forever",)),
             StepSpec("independent", ("db", "status"), long=True))
    result = run_nightly(sqlite_url, _config(tmp_path, step_timeout_minutes=0.05, crawl_timeout_minutes=5), steps=steps)
    by = {s.name: s for s in result.steps}
    assert by["forever"].status == "timeout" and by["forever"].errors[0].startswith("stopped after the 0.05 min timeout")
    assert by["after"].status == "skipped" and by["independent"].status == "ok"
