"""The fault matrix (simulation/fault_matrix.py, figures in docs/reliability.md): a fault on a
share of the record paths, for a first and an incremental run of each source, then a healthy
run; each scenario must survive: no traceback, a run that left records unread says so (exit
code or `lexwatch status`), no stored record overwritten by a degraded answer, and after the
healthy run the database equals a fresh full crawl (no record lost).

The whole matrix (40 scenarios, ~15 min) runs with LEXWATCH_FULL_MATRIX=1 or as
`bench/fault_matrix.py`; by default a cross-section: every kind once, the sources and first and
incremental runs taking turns, strategy.bg's empty lists on a first run, and three
database-bound cases on PostgreSQL too.
"""
from __future__ import annotations

import os

import pytest

from db.engine import dispose_engines
from simulation import fault_matrix as M
from simulation.replay import ReplayServer

FULL = os.environ.get("LEXWATCH_FULL_MATRIX") == "1"


def _cases() -> list:
    if FULL:
        return [(s, k, m) for s in M.SOURCES for k in M.KINDS for m in M.MODES]
    # every kind once, the sources and the modes taking turns; and both cells of a degraded first
    # read of a consultation, which the confirming read made survive (drop_keys is among the turns)
    cases = [(M.SOURCES[k % 2], kind, M.MODES[(k // 2) % 2]) for k, kind in enumerate(M.KINDS)]
    return cases + [("strategy", "empty_lists", "first")]


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    made = {}
    for source in M.SOURCES:
        root = tmp_path_factory.mktemp(f"matrix-{source}")
        world = M.make_world(source, root / "replay")
        server = ReplayServer(world.root).start()
        clean = M.reference(world, server, f"sqlite:///{root / 'clean.sqlite3'}")
        made[source] = (world, server, clean)
    yield made
    for _, server, _ in made.values():
        server.stop()
    dispose_engines()


@pytest.mark.slow
@pytest.mark.parametrize("source,kind,mode", _cases())
def test_fault_is_survived_on_sqlite(worlds, tmp_path, source, kind, mode):
    world, server, clean = worlds[source]
    outcome = M.run_scenario(world, server, clean, f"sqlite:///{tmp_path / 'db.sqlite3'}", kind, mode)
    assert outcome.survived, outcome.to_dict()


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.parametrize("source,kind,mode", [("parliament", "empty_lists", "incremental"), ("strategy", "drop_keys", "incremental"),
                                              ("parliament", "500", "first")])  # fmt: skip
def test_fault_is_survived_on_postgresql(worlds, pg_url, source, kind, mode):
    world, server, clean = worlds[source]
    outcome = M.run_scenario(world, server, clean, pg_url, kind, mode)
    assert outcome.survived, outcome.to_dict()
