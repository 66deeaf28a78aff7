"""Issue 14, point 5: two `lexwatch evaluate --all --force` at once never leave two "latest"
evaluations of one initiative (on PostgreSQL they once did: 35,070 findings for 35,000). The
database refuses a second latest evaluation (uq_evaluations_one_latest), and evaluate takes the
`evaluate` lock, so a second writer waits for the first."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from conftest import REPO_ROOT
from db import migrate
from db.engine import dispose_engines, session_scope
from db.models import Evaluation, Finding, Initiative
from monitor.lock import EVALUATE, PipelineLock
from reliability_support import crawl, lexwatch
from simulation.corpus.parliament import write_world
from simulation.corpus.world import generate_world
from simulation.replay import serve


@pytest.fixture(autouse=True)
def _fresh_engines():
    yield
    dispose_engines()


@pytest.fixture
def linked(tmp_path, db_url):
    world = generate_world(40, seed=12)
    summary = write_world(world, tmp_path / "replay")
    migrate.upgrade(db_url)
    with serve(tmp_path / "replay") as server:
        assert crawl("parliament", server.url, db_url, "--since", summary.first_month).returncode == 0
    proc = lexwatch("link", "--db", db_url)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with session_scope(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Initiative)) == 40
    return db_url


def evaluate_popen(db: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "monitor.cli", "evaluate", "--all", "--force", "--db", db, "--format", "json"],
                            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env})  # fmt: skip


def latest_per_initiative(db: str) -> dict[int, int]:
    with session_scope(db) as s:
        rows = s.execute(select(Evaluation.initiative_id, func.count()).where(Evaluation.is_latest.is_(True)).group_by(Evaluation.initiative_id))
        return dict(rows.all())


def test_two_evaluate_all_force_at_once_leave_one_latest_evaluation_each(linked):
    dispose_engines()
    first, second = evaluate_popen(linked), evaluate_popen(linked)
    outs = [p.communicate(timeout=600) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, [o[1][-2000:] for o in outs]
    latest = latest_per_initiative(linked)
    assert len(latest) == 40 and set(latest.values()) == {1}
    with session_scope(linked) as s:
        evaluations = s.scalar(select(func.count()).select_from(Evaluation))
        findings_latest = s.scalar(select(func.count()).select_from(Finding).join(Evaluation).where(Evaluation.is_latest.is_(True)))
        per_eval = s.scalar(select(func.count()).select_from(Finding)) / evaluations
    assert evaluations == 80  # both ran in full, one after the other
    assert findings_latest == 40 * per_eval


def test_the_database_refuses_a_second_latest_evaluation(linked):
    assert lexwatch("evaluate", "--all", "--db", linked).returncode == 0
    with session_scope(linked) as s:
        ev = s.scalars(select(Evaluation).limit(1)).one()
        twin = Evaluation(initiative_id=ev.initiative_id, is_latest=True, ruleset_version=ev.ruleset_version,
                          thresholds_hash=ev.thresholds_hash, input_hash=ev.input_hash)  # fmt: skip
        s.add(twin)
        with pytest.raises(IntegrityError):
            s.flush()
        s.rollback()


def test_evaluate_waits_for_a_live_holder_then_gives_up_with_exit_75(linked):
    with PipelineLock(linked, EVALUATE, heartbeat_seconds=1):
        dispose_engines()
        proc = evaluate_popen(linked, LEXWATCH_LOCK_WAIT="2")
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 75, err[-2000:]
    assert "another evaluate run is in progress" in err and "Traceback" not in err
    assert latest_per_initiative(linked) == {}
