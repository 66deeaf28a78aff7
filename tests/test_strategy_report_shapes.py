"""The open-data reports in both shapes the real sources send them:

- bare `[legend, row, …]`: strategy.bg's own `/reports/{section}/{type}/view` (asapbg/strategy
  `app/Http/Controllers/ReportsController.php`: the rows are a plain PHP list with the legend put
  first by `array_unshift($finalData, $header)`, stored by `storeReport` with `json_encode($data)`
  and served by `response()->json($this->readReport(...))`; research notes §1.3);
- wrapped `{"success":true,"data":[legend, row, …]}`: data.egov.bg's `getResourceData`, the shape
  the real fixtures were saved in.

The real pc-full and ПРИС fixtures, unwrapped, must give the same records as wrapped: parsed, and
stored by the spiders from a file and from `--report site` on the replay server. The run record
says which shape it read."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from conftest import REPO_ROOT, load_shared_json
from crawlers.strategy.parse import REPORT_PATH, iter_full_report
from crawlers.strategy.pris import REPORT_PATH as PRIS_REPORT_PATH
from crawlers.strategy.pris import iter_pris_report
from core.errors import SourceError
from db.engine import dispose_engines, session_scope
from db.models import Consultation, CouncilAct, CrawlRun
from simulation.replay import path_for, serve

FULL = "strategy/data-egov-bg_b600c109_pc-full.json"
PRIS = "strategy/data-egov-bg_057c5c06_pris-acts.json"
URL = "https://strategy.bg" + REPORT_PATH
PRIS_URL = "https://strategy.bg" + PRIS_REPORT_PATH


@pytest.fixture(autouse=True)
def _fresh_engines():
    yield
    dispose_engines()


def _bodies(relpath: str) -> dict[str, bytes]:
    wrapped = load_shared_json(relpath)
    assert wrapped["success"] is True and isinstance(wrapped["data"], list)
    return {
        "wrapped": json.dumps(wrapped, ensure_ascii=False).encode(),
        "bare": json.dumps(wrapped["data"], ensure_ascii=False).encode(),
    }


def _record(item) -> dict:
    out = dict(vars(item))
    for k in ("raw", "raw_url", "source_url"):
        out.pop(k, None)
    out["documents"] = [vars(d) for d in getattr(item, "documents", [])]
    return out


@pytest.mark.parametrize("relpath, iterate, url, expected", [(FULL, iter_full_report, URL, 30), (PRIS, iter_pris_report, PRIS_URL, 35)])
def test_bare_and_wrapped_reports_give_the_same_records(relpath, iterate, url, expected):
    got: dict[str, list] = {}
    shapes: dict[str, list[str]] = {}
    for shape, body in _bodies(relpath).items():
        seen: list[str] = []
        got[shape] = [_record(i) for i in iterate(io.BytesIO(body), url, on_shape=seen.append)]
        shapes[shape] = seen
    assert shapes == {"wrapped": ["wrapped"], "bare": ["bare"]}
    assert len(got["bare"]) == expected  # 31 rows, 12367-K twice → 30 consultations; 35 acts
    assert got["bare"] == got["wrapped"]


@pytest.mark.parametrize(
    "body, message",
    [
        (b"[]", None),  # an empty bare report is no error: no rows
        (b'[{"reg_num":"\\u2116","name":"x"}]', None),  # the legend alone
        (b"42", "JSON number"),
        (b'"[1]"', "JSON string"),
        (b'[{"reg_num":"1-K"', "truncated or malformed report"),
        (b'{"success":true,"data":[]}', None),
        (b'{"data":[]}', "success flag is None"),
    ],
)
def test_report_shapes_edge_cases(body, message):
    if message is None:
        assert list(iter_full_report(io.BytesIO(body), URL)) == []
    else:
        with pytest.raises(SourceError, match=message) as err:
            list(iter_full_report(io.BytesIO(body), URL))
        assert URL in str(err.value)


def test_a_bad_row_of_a_bare_report_names_its_record():
    rows = load_shared_json(FULL)["data"]
    rows[3]["date_close"] = "14.10.2026"
    with pytest.raises(SourceError, match=r"record 12690-K.*date_close '14.10.2026'"):
        list(iter_full_report(io.BytesIO(json.dumps(rows).encode()), URL))


# --------------------------------------------------------------------------- the spiders, end to end


def _db(tmp_path, name: str) -> str:
    from db import migrate

    url = f"sqlite:///{tmp_path / name}"
    migrate.upgrade(url)
    return url


def _crawl(spider: str, base_url: str, db: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LEXWATCH_SCRAPY_LOG_LEVEL": "WARNING", "LEXWATCH_PROGRESS": "0"}
    cmd = [sys.executable, "-m", "monitor.cli", "crawl", spider, "--base-url", base_url, "--db", db, "--delay", "0", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=180)


def _stored(db: str, model, key) -> dict:
    with session_scope(db) as s:
        rows = s.scalars(select(model)).all()
        skip = {"source_url", "first_seen_at", "last_fetched_at", "last_changed_at", "fetched_at", "created_at"}
        return {
            key(r): {c.key: getattr(r, c.key) for c in model.__table__.columns if c.key not in skip}
            for r in rows
        }


def _last_run(db: str, source: str) -> CrawlRun:
    with session_scope(db) as s:
        run = s.scalars(select(CrawlRun).where(CrawlRun.source == source).order_by(CrawlRun.id.desc())).first()
        s.expunge(run)
        return run


@pytest.mark.parametrize(
    "spider, relpath, path, model, expected",
    [
        ("strategy", FULL, REPORT_PATH, Consultation, 30),
        ("pris", PRIS, PRIS_REPORT_PATH, CouncilAct, 35),
    ],
)
def test_spiders_store_the_same_records_from_either_shape(tmp_path, spider, relpath, path, model, expected):
    stored = {}
    for shape, body in _bodies(relpath).items():
        # From a file.
        db_file = _db(tmp_path, f"{shape}-file.db")
        saved = tmp_path / f"{shape}.json"
        saved.write_bytes(body)
        result = _crawl(spider, "http://127.0.0.1:9", db_file, "--report", str(saved))
        assert result.returncode == 0, result.stderr[-3000:]
        run = _last_run(db_file, spider)
        assert (run.status, run.new, run.errors, run.listed) == ("ok", expected, 0, expected)
        assert run.stats["lexwatch/report/shape"] == shape
        # From the site, on the replay server (strategy.bg answers the bare array there).
        root = tmp_path / f"site-{shape}"
        target = path_for(root, path)
        target.parent.mkdir(parents=True)
        target.write_bytes(body)
        db_site = _db(tmp_path, f"{shape}-site.db")
        with serve(root) as server:
            result = _crawl(spider, server.url, db_site, "--report", "site")
        assert result.returncode == 0, result.stderr[-3000:]
        run = _last_run(db_site, spider)
        assert (run.status, run.new, run.errors, run.requests) == ("ok", expected, 0, 1)
        assert run.stats["lexwatch/report/shape"] == shape
        stored[shape] = _stored(db_site, model, lambda r: r.id)
        assert stored[shape] == _stored(db_file, model, lambda r: r.id)
    assert len(stored["bare"]) == expected
    assert stored["bare"] == stored["wrapped"]
