"""The whole nightly run, end to end: `lexwatch run-nightly` against replay servers of
parliament.bg and strategy.bg (a generated world, with the files its records list), into
SQLite and PostgreSQL; a second night with a few changed records; a night where the sources
break. Every step runs for real, each in its own process, as in production."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sqlalchemy import func, select

from db.engine import session_scope
from db.models import (
    Bill,
    Consultation,
    CouncilAct,
    Document,
    Evaluation,
    Initiative,
    PipelineRun,
    RecordChange,
    RecordVersion,
    ReviewFlag,
    utcnow,
)

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
N_BILLS = 16
SEED = 3
CRAWL_STEPS = ("crawl_parliament", "crawl_strategy", "crawl_pris")


def _write_replay(world, root: Path, today: dt.date) -> None:
    """Both sources as replay folders, with a small real file for every document they list."""
    from simulation.corpus import parliament as parliament_corpus
    from simulation.corpus import strategy as strategy_corpus
    from simulation.samples import make_pdf, make_rtf
    from crawlers.spiders.pris import RECENT_DAYS
    from crawlers.strategy.plan import default_since

    if root.exists():
        shutil.rmtree(root)
    parliament_corpus.write_replay(world, root / "parliament")
    # The list filters the incremental spiders ask for on a second night, besides the full lists.
    # The crawls date their filters by the real clock: lists for the next day too, so that a run
    # crossing midnight still finds them.
    days = (today, today + dt.timedelta(days=1))
    strategy_corpus.write_world(
        root / "strategy", world, today=today,
        since=(None, *(default_since({0: None}, today=d) for d in days)),  # type: ignore[dict-item] - only "not empty" matters
        pris_since=(None, *(d - dt.timedelta(days=RECENT_DAYS) for d in days)),
    )
    pdf, rtf = make_pdf(["МОТИВИ към проекта на закон"]), make_rtf(["ЗАКОН за изменение и допълнение"])
    for path in (root / "parliament" / "api" / "v1" / "bill").iterdir():
        if path.name.endswith(".meta.json"):
            continue
        bill = json.loads(path.read_text(encoding="utf-8"))
        for entry in [*bill.get("file_list", []), *bill.get("order", [])]:
            dest = root / "parliament" / "bills" / bill["A_ns_folder"] / entry["FILENAME"]
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(rtf if dest.suffix.lower() == ".rtf" else pdf)
    for path in (root / "strategy" / "api" / "consultations").iterdir():
        if not path.name.isdigit():
            continue
        for group in json.loads(path.read_text(encoding="utf-8")).get("files") or []:
            for version in group["versions"]:
                dest = root / "strategy" / unquote(urlsplit(version["link"]).path).lstrip("/")
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(pdf)


def _config(tmp_path: Path, world) -> Path:
    first_month = min(b.submitted_on for b in world.bills).strftime("%Y-%m")
    path = tmp_path / "lexwatch.toml"
    # Run as a later night would: every open bill re-read (no 6-day pause), the whole consultation
    # list compared, no politeness delay against the loopback replay servers.
    path.write_text(
        f"""
[feed]
path = "{tmp_path / 'digest.atom'}"
[health.min_records]
pris = 0  # a small world has no ПРИС act in the incremental 60-day window
[pipeline]
log_dir = "{tmp_path / 'logs'}"
crawl_timeout_minutes = 5
step_timeout_minutes = 5
[pipeline.step_args]
crawl_parliament = ["--since", "{first_month}", "-s", "PARLIAMENT_REREAD_DAYS=0", "-s", "DOWNLOAD_DELAY=0",
                    "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16"]
crawl_strategy = ["--full", "--delay", "0"]
crawl_pris = ["--delay", "0"]
""",
        encoding="utf-8",
    )
    return path


def _lexwatch(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "monitor.cli", *args], capture_output=True, text=True, timeout=timeout)


def _nightly(db_url: str, config: Path, parliament: str, strategy: str) -> tuple[int, dict]:
    proc = _lexwatch("run-nightly", "--db", db_url, "--config", str(config), "--parliament-url", parliament,
                     "--strategy-url", strategy, "--format", "json")
    assert proc.stdout, proc.stderr[-3000:]
    return proc.returncode, json.loads(proc.stdout)


def _steps(run: dict) -> dict[str, dict]:
    return {s["name"]: s for s in run["steps"]}


def _feed_entries(path: Path) -> list[tuple[str, str]]:
    root = ET.parse(path).getroot()
    return [(e.find(f"{ATOM}title").text, e.find(f"{ATOM}content").text) for e in root.findall(f"{ATOM}entry")]


def _snapshot(db_url: str) -> dict:
    """What the database holds, to compare before and after a broken night."""
    with session_scope(db_url) as s:
        count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731
        return {
            "bills": count(Bill), "consultations": count(Consultation), "council_acts": count(CouncilAct),
            "documents": count(Document), "initiatives": count(Initiative), "evaluations": count(Evaluation),
            "flags": count(ReviewFlag), "versions": count(RecordVersion), "changes": count(RecordChange),
            "current": sorted(s.execute(
                select(RecordVersion.entity, RecordVersion.entity_key, RecordVersion.content_hash).where(RecordVersion.valid_to.is_(None))
            ).all()),
            "bill_hashes": sorted(s.execute(select(Bill.id, Bill.content_hash, Bill.version)).all()),
        }


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


def test_nightly_runs_against_replayed_sources(db_url, tmp_path):
    from simulation.corpus.world import generate_world, mutate
    from simulation.replay import serve

    today = dt.date.today()
    world = generate_world(N_BILLS, seed=SEED, today=today - dt.timedelta(days=2))
    replay = tmp_path / "replay"
    _write_replay(world, replay, today)
    config = _config(tmp_path, world)
    feed = tmp_path / "digest.atom"

    # ------------------------------------------------------------------ night 1: everything is new
    with serve(replay / "parliament") as parl, serve(replay / "strategy") as strat:
        code, run1 = _nightly(db_url, config, parl.url, strat.url)
    steps = _steps(run1)
    assert code == 0, json.dumps(run1, ensure_ascii=False, indent=1)[:4000]
    assert run1["status"] == "ok" and all(s["status"] == "ok" for s in run1["steps"])
    assert [s["name"] for s in run1["steps"]] == [*CRAWL_STEPS, "documents", "link", "evaluate", "health", "alerts"]
    # Counts come from the crawls' own records and match the world that was served.
    assert {k: steps["crawl_parliament"]["counts"][k] for k in ("listed", "new", "changed", "errors")} == \
        {"listed": len(world.bills), "new": len(world.bills), "changed": 0, "errors": 0}
    assert steps["crawl_strategy"]["counts"]["new"] == len(world.consultations)
    assert steps["crawl_pris"]["counts"]["new"] == len(world.decisions)
    assert steps["documents"]["counts"]["documents_fetched"] > 0 and steps["documents"]["counts"]["documents_failed"] == 0

    with session_scope(db_url) as s:
        n_initiatives = s.scalar(select(func.count()).select_from(Initiative))
        flags_after_1 = s.scalar(select(func.count()).select_from(ReviewFlag))
        assert s.scalar(select(func.count()).select_from(Bill)) == len(world.bills)
        assert s.scalar(select(func.count()).where(ReviewFlag.notified_at.is_(None)).select_from(ReviewFlag)) == 0
        row = s.get(PipelineRun, run1["run_id"])
        assert row.status == "ok" and row.finished_at and len(row.steps) == 8 and row.health["ok"] is True
    assert steps["link"]["counts"]["initiatives_new"] == n_initiatives == len(world.bills)
    assert steps["evaluate"]["counts"]["evaluations"] == n_initiatives
    assert steps["evaluate"]["counts"]["flags_new"] == flags_after_1 == len(run1["digest"]["flags"])
    assert run1["problems"] == []
    status = _lexwatch("status", "--db", db_url, "--config", str(config), "--format", "json")
    assert status.returncode == 0, status.stdout
    assert json.loads(status.stdout)["pipeline_runs"][0]["id"] == run1["run_id"]
    entries = _feed_entries(feed)
    assert len(entries) == (1 if flags_after_1 else 0)

    # ------------------------------------------------------------------ night 2: a few records changed
    changed_bills = set(mutate(world, 0.15, seed=5, today=today))
    changed_consultations = {c.id for c in world.consultations if c.version > 1}
    assert changed_bills and changed_consultations
    _write_replay(world, replay, today)
    with session_scope(db_url) as s:
        # Initiatives whose evaluation input changed: the changed bills' and those linked to a changed consultation.
        from db.models import InitiativeLink

        touched = set(s.scalars(select(Initiative.id).where(Initiative.bill_id.in_(changed_bills))))
        touched |= set(s.scalars(select(InitiativeLink.initiative_id).where(
            InitiativeLink.target_type == "consultation", InitiativeLink.target_id.in_(changed_consultations),
            InitiativeLink.status != "rejected", InitiativeLink.initiative_id.is_not(None))))
    night2 = utcnow()
    with serve(replay / "parliament") as parl, serve(replay / "strategy") as strat:
        code, run2 = _nightly(db_url, config, parl.url, strat.url)
    steps = _steps(run2)
    assert code == 0, json.dumps(run2, ensure_ascii=False, indent=1)[:4000]
    assert steps["crawl_parliament"]["counts"]["new"] == 0
    assert steps["crawl_parliament"]["counts"]["changed"] == len(changed_bills)
    assert steps["crawl_strategy"]["counts"]["changed"] == len(changed_consultations)
    assert steps["crawl_strategy"]["counts"]["new"] == steps["crawl_pris"]["counts"]["new"] == 0
    with session_scope(db_url) as s:
        new_versions = s.execute(
            select(RecordVersion.entity, RecordVersion.entity_key, RecordVersion.version).where(RecordVersion.valid_from >= night2)
        ).all()
        by_entity: dict[str, set[int]] = {}
        for entity, key, version in new_versions:
            assert version >= 2  # nothing new appeared: every version written tonight is a change
            by_entity.setdefault(entity, set()).add(int(key))
        assert by_entity.get("bill") == changed_bills
        assert by_entity.get("consultation") == changed_consultations
        assert "council_act" not in by_entity
        reevaluated = set(s.scalars(select(Evaluation.initiative_id).where(Evaluation.evaluated_at >= night2)))
        rulesets = set(s.scalars(select(Evaluation.ruleset_version).distinct()))
        if len(rulesets) > 1:
            # The rule sources changed between the nights (someone edited criteria/ meanwhile in this
            # working tree): then every initiative is due again, by design of the incremental store.
            touched = set(s.scalars(select(Initiative.id)))
        touched_flags = s.execute(select(ReviewFlag.id, ReviewFlag.initiative_id).where(
            (ReviewFlag.created_at >= night2) | (ReviewFlag.updated_at >= night2))).all()
        flags_touched = {flag_id for flag_id, _ in touched_flags}
        assert {ini for _, ini in touched_flags} <= touched  # no flag moved without a re-evaluation
        for ini in touched:  # and each re-evaluation that flags has its flag, at the evaluation's severity
            latest = s.scalars(select(Evaluation).where(Evaluation.initiative_id == ini, Evaluation.is_latest.is_(True))).one()
            if latest.flag_severity:
                assert latest.flag_severity in set(s.scalars(select(ReviewFlag.severity).where(ReviewFlag.initiative_id == ini)))
        assert s.scalar(select(func.count()).where(ReviewFlag.notified_at.is_(None)).select_from(ReviewFlag)) == 0
    assert reevaluated == touched, (steps["link"]["counts"], steps["evaluate"]["counts"], steps["documents"]["counts"])
    assert steps["evaluate"]["counts"]["evaluations"] == steps["evaluate"]["counts"]["re_evaluations"] == len(touched)
    counts = steps["evaluate"]["counts"]
    assert counts["flags_new"] + counts["flags_changed"] == len(flags_touched)
    digest = run2["digest"]
    assert {f["flag_id"] for f in digest["flags"]} == flags_touched
    assert digest["sent"] is bool(flags_touched), run2["problems"]
    assert len(_feed_entries(feed)) == len(entries) + (1 if flags_touched else 0)

    # ------------------------------------------------------------------ night 3: the sources break
    before = _snapshot(db_url)
    empty = tmp_path / "empty"
    empty.mkdir()
    with serve(empty) as shell_only:  # every path answers parliament.bg's HTML shell
        code, run3 = _nightly(db_url, config, shell_only.url, f"http://127.0.0.1:{_closed_port()}")
    steps = _steps(run3)
    assert code == 1
    assert {n: steps[n]["status"] for n in (*CRAWL_STEPS, "documents", "link", "evaluate", "health", "alerts")} == {
        "crawl_parliament": "failed", "crawl_strategy": "failed", "crawl_pris": "failed",
        "documents": "skipped", "link": "skipped", "evaluate": "skipped", "health": "ok", "alerts": "ok",
    }
    assert run3["status"] == "failed"
    assert any("html_shell" in e for e in steps["crawl_parliament"]["errors"])
    assert _snapshot(db_url) == before  # nothing stored was touched by the broken night

    status = _lexwatch("status", "--db", db_url, "--config", str(config))
    assert status.returncode == 1
    assert "lexwatch: problem: parliament: the source answered the HTML shell instead of data" in status.stderr
    assert "lexwatch: problem: strategy:" in status.stderr and "lexwatch: problem: pris:" in status.stderr
    title, content = _feed_entries(feed)[0]
    assert "source problem" in title
    assert "parliament: the source answered the HTML shell instead of data" in content
    assert "step link skipped" in content
