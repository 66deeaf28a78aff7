"""`lexwatch demo` end to end on a small world: every stage stores what the world holds."""
from __future__ import annotations

import json
import subprocess
import sys


def test_demo_runs_every_stage_and_reports(tmp_path):
    from simulation.corpus.world import generate_world

    proc = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "demo", "--bills", "40", "--seed", "3", "--workdir", str(tmp_path / "demo"), "--format", "json"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(proc.stdout)
    import datetime as dt

    world = generate_world(40, seed=3, today=dt.date.today())
    assert data["bills"] == len(world.bills) == 40
    assert data["consultations"] == len(world.consultations)
    assert data["council_acts"] == len(world.decisions)
    assert data["initiatives"] == data["evaluations"] == 40
    assert all(r["status"] == "ok" and r["errors"] == 0 for r in data["crawl_runs"])
    assert data["documents"]["ok"] > 0
    assert sum(data["verdicts"].values()) > 0 and data["verdicts"].get("PASS", 0) > 0
    assert (tmp_path / "demo" / "report.html").stat().st_size > 0
    assert (tmp_path / "demo" / "report.xlsx").stat().st_size > 0
