"""`lexwatch demo` end to end on a small world: every stage stores what the world holds, the printed
summary says it in Bulgarian words with the labels `lexwatch summary` uses, the PDF edition is
written beside the HTML one when Chromium is there (and skipped with a reason when it is not), and
every evidence key the criteria write on the generated world has its words (core.evidence)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from core.evidence import KEYS, UNKNOWN_KEY
from db.engine import session_scope
from db.models import Finding
from monitor.cli import app
from monitor.reports.pdf import chromium_path
from monitor.review.evidence import finding_lines

# The demo runs every stage as the nightly run does (crawls, files, link, evaluate, reports): minutes
# on a shared 2-core machine, more than the suite's default timeout.
pytestmark = pytest.mark.timeout(1200)


def _demo(workdir: Path, bills: int, *args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(app, ["demo", "--bills", str(bills), "--seed", "3", "--workdir", str(workdir), *args],
                                env=env)
    assert result.exit_code == 0, result.output[-3000:]
    return result


@pytest.fixture(scope="module")
def demo_json(demo_world) -> tuple[dict, Path]:
    """The demo world (tests/conftest.py) as the demo printed it (JSON), and its work folder."""
    _url, printed, workdir = demo_world
    return printed, workdir


def test_demo_runs_every_stage_and_reports(demo_json, demo_params):
    from simulation.corpus.world import generate_world

    data, workdir = demo_json
    bills, seed = demo_params
    world = generate_world(bills, seed=seed, today=dt.date.today())
    assert data["bills"] == len(world.bills) == bills
    assert data["consultations"] == len(world.consultations)
    assert data["council_acts"] == len(world.decisions)
    assert data["initiatives"] == data["evaluations"] == bills
    assert all(r["status"] == "ok" and r["errors"] == 0 for r in data["crawl_runs"])
    assert data["documents"]["ok"] > 0
    assert sum(data["verdicts"].values()) > 0 and data["verdicts"].get("PASS", 0) > 0
    assert (workdir / "report.html").stat().st_size > 0
    assert (workdir / "report.xlsx").stat().st_size > 0
    if chromium_path()[0] is None:
        assert data["pdf_skipped"] and not (workdir / "report.pdf").exists()
    else:  # the PDF edition beside the HTML one
        assert data["pdf_skipped"] is None and str(workdir / "report.pdf") in data["reports"]
        assert (workdir / "report.pdf").read_bytes()[:5] == b"%PDF-"


def _keys(value, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, sub in value.items():
            found.add(key)
            _keys(sub, found)
    elif isinstance(value, list):
        for sub in value:
            _keys(sub, found)
    return found


def test_every_evidence_key_on_the_generated_world_has_words(demo_json):
    _data, workdir = demo_json
    url = f"sqlite:///{workdir / 'lexwatch-demo.sqlite3'}"
    with session_scope(url) as s:
        evidence = [(f.criterion_id, f.evidence or {}) for f in s.scalars(select(Finding))]
    assert len(evidence) > 500
    keys: set[str] = set()
    for _cid, ev in evidence:
        _keys(ev, keys)
    assert len(keys) > 40
    assert sorted(keys - set(KEYS)) == []
    for cid, ev in evidence:
        text = "\n".join("".join(p.text for p in line) for line in finding_lines(ev))
        assert UNKNOWN_KEY not in text, (cid, ev)
        assert "127.0.0.1" not in text and "›" not in text, (cid, text)  # no replay server, no key paths
        raw = [k for k in keys if len(k) > 3 and "_" in k and re.search(rf"\b{re.escape(k)}\b", text)]
        assert raw == [], (cid, raw)


def test_demo_summary_in_bulgarian_words_agrees_with_lexwatch_summary(tmp_path):
    """The table a person reads (a small world; Chromium pointed at nothing: the PDF is skipped with
    its reason on one line, and the demo still succeeds)."""
    workdir = tmp_path / "demo"
    result = _demo(workdir, 15, env={"LEXWATCH_CHROMIUM": str(tmp_path / "no-chromium")})
    out = result.stdout
    for words in ("Законопроекти", "Законопроекти по състояние", "Обществени консултации",
                  "Решения на Министерския съвет (ПРИС)", "Връзки по метод", "Резултати на оценените",
                  "Най-често нарушени критерии", "Вносител: Министерски съвет", "Документи по състояние",
                  "Прочетени документи по вид", "Обхождане на parliament.bg", "Доклади:", "Разгледайте данните:"):
        assert words in out, words
    for raw in ("bills_by_status", "council_of_ministers", "title_match", "PASS", "FAIL", "N_A", "{", "motives",
                "impact_assessment", "route:", "crawl "):
        assert raw not in out, raw
    skipped = [ln for ln in result.output.splitlines() if "PDF изданието е пропуснато" in ln]
    assert len(skipped) == 1 and "LEXWATCH_CHROMIUM" in skipped[0] and "не е файл" in skipped[0]
    assert not (workdir / "report.pdf").exists() and (workdir / "report.html").is_file()
    # The numbers agree with `lexwatch summary` on the same database, under the same words.
    url = f"sqlite:///{(workdir / 'lexwatch-demo.sqlite3').resolve()}"
    summary = json.loads(CliRunner().invoke(app, ["summary", "--format", "json", "--db", url]).stdout)
    fails = sum(c.get("FAIL", 0) for c in summary["verdicts"].values())
    passes = sum(c.get("PASS", 0) for c in summary["verdicts"].values())
    line = next(ln for ln in out.splitlines() if "Резултати на оценените" in ln)
    assert f"нарушение {fails}" in line and f"изпълнен {passes}" in line, line
