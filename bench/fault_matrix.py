"""The fault matrix's figures: every fault kind × source × first/incremental run (see
simulation/fault_matrix.py), on SQLite by default or PostgreSQL (`--pg URL` of a server whose
`postgres` database may create scratch databases). Prints one line per scenario and the totals:
faults tried, survived, records lost.

    .venv/bin/python bench/fault_matrix.py [--sources parliament,strategy] [--kinds 500,null] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from simulation import fault_matrix as M  # noqa: E402
from simulation.replay import ReplayServer  # noqa: E402


def _pg_database(server: str) -> str:
    from sqlalchemy import create_engine, text

    name = f"lexwatch_matrix_{uuid.uuid4().hex[:8]}"
    engine = create_engine(server.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", default=",".join(M.SOURCES))
    ap.add_argument("--kinds", default=",".join(M.KINDS))
    ap.add_argument("--modes", default=",".join(M.MODES))
    ap.add_argument("--pg", help="a PostgreSQL URL (postgresql+psycopg://user@host/db): scratch databases beside it")
    ap.add_argument("--json", action="store_true", help="one JSON object per scenario")
    args = ap.parse_args()
    outcomes = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="lexwatch-matrix-") as tmp:
        tmp_path = Path(tmp)

        def db(name: str) -> str:
            return _pg_database(args.pg) if args.pg else f"sqlite:///{tmp_path / name}.sqlite3"

        for source in args.sources.split(","):
            world = M.make_world(source, tmp_path / f"replay-{source}")
            server = ReplayServer(world.root).start()
            try:
                clean = M.reference(world, server, db(f"{source}-clean"))
                for kind in args.kinds.split(","):
                    for mode in args.modes.split(","):
                        o = M.run_scenario(world, server, clean, db(f"{source}-{kind}-{mode}"), kind, mode)
                        outcomes.append(o)
                        if args.json:
                            print(json.dumps(o.to_dict(), ensure_ascii=False), flush=True)
                        else:
                            print(f"{source:10} {kind:12} {mode:11} exit {o.exit_code} unread {o.unread_after_fault:2} "
                                  f"overwritten {o.overwritten} lost {o.lost} recovery-exit {o.recovery_exit} "
                                  f"{'survived' if o.survived else 'NOT SURVIVED'} | {'; '.join(p[:90] for p in o.status_problems[:2])}",
                                  flush=True)  # fmt: skip
            finally:
                server.stop()
    survived = sum(o.survived for o in outcomes)
    print(f"faults tried {len(outcomes)}, survived {survived}, records lost {sum(o.lost for o in outcomes)} "
          f"({time.monotonic() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
