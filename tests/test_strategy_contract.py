"""Contract tests: for each strategy.bg endpoint lexwatch reads, a sample built field by field
from the portal's own code (asapbg/strategy), parsed end to end.

Files cited (asapbg/strategy; the stored versions named by commit where it matters):
- `app/Http/Controllers/ApiStrategy/PublicConsultationsController.php` (commit 390f2f9f): `list()`
  selects `pc.id, pct.title as name, pct.description, pc.reg_num, pc.act_type_id,
  pc.consultation_level_id as "level", pc.open_from as date_open, pc.open_to as date_close,
  pc.active as published, pc.legislative_program_id, pc.operational_program_id, (case … ) as active,
  pc.field_of_actions_id as policy_area, (jsonb_agg(poll.id)) as polls`, no ORDER BY; `show()` the
  columns of DETAIL below, `consultation_type` from the CASE over InstitutionCategoryLevelEnum,
  `comments` only `object_code = 1`, `files` as `{type: label or validation.attributes.other,
  versions: [{date, link}]}`;
- `app/Http/Controllers/ApiStrategy/PrisController.php` (commit 4d6f61c9): `list()` selects
  `p.id as pris_id, p.doc_num, p.doc_date as doc_accepted_date, max(pt.about) as doc_about,
  p.legal_act_type_id as legal_act_type, json_agg(tt.label) as tags` `where p.last_version = 1`;
  `show()` `where pris.asap_last_version = 1`, else `returnError(HTTP_NOT_FOUND, 'Not found')`;
- `app/Http/Controllers/ReportsController.php`: the reports are a plain list, legend first
  (research notes §1.3, ~l. 871, 1229, 1609, 1628); the real rows are the fixtures;
- `config/feed.php` + `PublicConsultation::toFeedItem` (spatie/laravel-feed Atom; research notes §1.4);
- `resources/views/site/public_consultations/content.blade.php` (commit 5af5ce89) and
  `layouts/site.blade.php` for the page.
Where a shape is INFERRED rather than read, the sample says so.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from conftest import REPO_ROOT, load_shared_json
from core import strategy as V
from crawlers.strategy.feed import parse_feed
from crawlers.strategy.html import parse_html_detail
from crawlers.strategy.parse import iter_full_report, parse_api_detail, parse_api_list
from crawlers.strategy.pris import act_from_list_row, iter_pris_report, parse_pris_detail, parse_pris_list
from core.errors import SourceError
from db.engine import dispose_engines, session_scope
from db.models import CouncilAct, CrawlIssue, CrawlRun
from simulation.corpus import strategy as corpus
from simulation.corpus.world import generate_world
from simulation.replay import serve

BASE = "https://strategy.bg"
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _fresh_engines():
    yield
    dispose_engines()


# --------------------------------------------------------------------------- consultations: list


LIST_ROW = {  # PublicConsultationsController::list, column by column
    "id": 12692,
    "name": "Проект на Наредба за допълнение на Наредба № 3",
    "description": "&lt;p&gt;Проектът …&lt;/p&gt;",
    "reg_num": "12692-K",
    "act_type_id": 3,
    "level": 1,  # consultation_level_id: a number in the list
    "date_open": "2026-09-15",
    "date_close": "2026-10-15",
    "published": 1,  # pc.active (an integer column)
    "legislative_program_id": None,
    "operational_program_id": None,
    "active": False,  # the CASE: open today
    "policy_area": 7,  # field_of_actions_id: a number in the list
    "polls": [],  # [] when jsonb_agg is null (the PHP loop)
}


def test_consultation_list_row():
    page = parse_api_list(json.dumps([LIST_ROW, LIST_ROW]).encode(), BASE + "/api/consultations?limit=100&offset=0")
    assert page.rows == 2 and len(page.stubs) == 1
    stub = page.stubs[0]
    assert (stub.id, stub.reg_num, stub.date_open, stub.date_close) == (12692, "12692-K", dt.date(2026, 9, 15), dt.date(2026, 10, 15))


# --------------------------------------------------------------------------- consultations: detail


def _detail() -> dict:
    """PublicConsultationsController::show, column by column (order as in the SELECT); the values of
    a real consultation (the first data row of the real full report, whose columns are the same)."""
    real = load_shared_json("strategy/data-egov-bg_b600c109_pc-full.json")["data"][1]
    return {
        "id": 12692,
        "name": real["name"],
        "description": real["description"],
        "reg_num": "12692-K",
        "act_type_id": 3,
        "consultation_type": V.LEVELS[1],
        "act_type": V.ACT_TYPES[3],
        "date_open": "2026-09-15",
        "date_close": "2026-10-15",
        "short_term_reason": None,
        "published": True,  # (pc.active::int)::bool
        "active": False,
        "policy_area_id": 7,
        "policy_area": "07. Здравеопазване",
        "legislative_program_id": None,
        "operational_program_id": None,
        "responsible_institution_id": 132,
        "responsible_institution_name": "Министерство на здравеопазването",
        "responsible_institution_address": "София, пл. Света Неделя № 5",
        "proposal_ways": real["proposal_ways"],
        "contacts": [{"name": "Контакт", "email": "kontakt@example.org"}],
        "law_name": None,
        "law_id": None,
        "pris_id": None,
        "author_name": None,  # u.first_name || ' ' || … (null without a user)
        "comments": [{"date": "2026-09-20", "author_name": "Петър Петров", "text": "<p>Предложение</p>"}],
        "consultation_document": {"structure": None, "file": ""},
        "files": [  # grouped by f.doc_type, ordered by it; the label of each code, else „Други“
            {"type": V.doc_type_label(4), "versions": [{"date": "2026-09-14", "link": BASE + "/download/1326476"}]},
            {"type": V.doc_type_label(5), "versions": [{"date": "2026-09-14", "link": BASE + "/download/1326478"}]},
            {"type": V.doc_type_label(8), "versions": [{"date": "2026-10-20", "link": BASE + "/download/1326999"}]},
            {"type": V.doc_type_label(700), "versions": [{"date": "2026-09-14", "link": BASE + "/download/1326480"}]},
        ],
        "polls": [],
    }


def test_consultation_detail_end_to_end():
    item = parse_api_detail(json.dumps(_detail()).encode(), BASE + "/api/consultations/12692", expected_id=12692)
    assert (item.id, item.level, item.act_type, item.comments_count) == (12692, "Централно", "Акт на министър", 1)
    assert [(d.doc_type, d.file_id) for d in item.documents] == [
        (V.DRAFT, 1326476), (V.MOTIVES, 1326478), (V.PROPOSALS_REPORT, 1326999), (V.UNTYPED_LABEL, 1326480)]
    assert b"kontakt@example.org" not in item.raw and b"\xd0\x9f\xd0\xb5\xd1\x82\xd1\x8a\xd1\x80" not in item.raw  # no contact, no author


def test_consultation_detail_not_found_and_unknown_field():
    url = BASE + "/api/consultations/1"
    with pytest.raises(SourceError, match=r"record 1-K.*answered an error: 'Not found'"):
        parse_api_detail(b'{"error":"Not found"}', url, expected_id=1)
    changed = _detail() | {"updated_at": "2026-10-01"}
    with pytest.raises(SourceError, match=r"unknown field\(s\) in consultation: updated_at") as err:
        parse_api_detail(json.dumps(changed).encode(), url, expected_id=12692)
    assert url in str(err.value)


# --------------------------------------------------------------------------- consultations: report and feed


def test_full_report_bare_as_the_site_serves_it():
    rows = load_shared_json("strategy/data-egov-bg_b600c109_pc-full.json")["data"]
    shapes: list[str] = []
    items = list(iter_full_report(io.BytesIO(json.dumps(rows).encode()), BASE + "/reports/public-consultations/full/view", on_shape=shapes.append))
    assert shapes == ["bare"] and len(items) == 30 and items[0].reg_num == "12692-K"


def test_feed_entry():
    """spatie/laravel-feed's Atom: `entry/link@href` = `/bg/public-consultations/{id}`, id, title,
    updated (toFeedItem). No real feed answer was available: the summary's wording is INFERRED."""
    atom = corpus.feed_xml(generate_world(5, seed=2).consultations[:3], dt.datetime(2026, 11, 20, 6)).encode()
    stubs = parse_feed(atom, BASE + "/public-consultation.rss")
    assert len(stubs) == 3 and all(s.id and s.updated for s in stubs)


# --------------------------------------------------------------------------- the page


def test_page_of_a_municipal_consultation():
    """content.blade.php blocks (`div.col-md-4.mb-4` > `h3` label); the municipal area's label
    „Община“ (`custom.municipalities`); a file line `{description} - вер. {version} | dd.mm.YYYY`."""
    c = generate_world(5, seed=4).consultations[0]
    page = corpus.page_html(c).replace("Област на политика</h3>", "Община</h3>")
    item = parse_html_detail(page, f"{BASE}/bg/public-consultations/{c.id}", expected_id=c.id)
    assert item.policy_area and item.date_close == c.date_close and item.source == "html"
    assert all(d.type_inferred and d.version_date for d in item.documents)


# --------------------------------------------------------------------------- ПРИС


PRIS_LIST_ROW = {  # PrisController::list, column by column
    "pris_id": 170627,
    "doc_num": "559",
    "doc_accepted_date": "2026-07-22",
    "doc_about": "&lt;p&gt;ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и допълнение на Закона за държавния служител /&lt;/p&gt;",
    "legal_act_type": 2,  # p.legal_act_type_id: an id in the list
    "tags": [],  # [] when json_agg is null (the PHP loop)
}


def _pris_detail() -> dict:
    """PrisController::show, column by column (the row of the real ПРИС report has the same names
    plus `date_updated_at`); `institutions` and `related` default to []."""
    real = next(a for a in load_shared_json("strategy/data-egov-bg_057c5c06_pris-acts.json")["data"][1:] if a["pris_id"] == 170627)
    keys = ("pris_id", "doc_num", "doc_accepted_date", "doc_about", "legal_act_type", "legal_reason", "importer",
            "institutions", "version", "protocol", "public_consultation_number", "state_gazette_number",
            "state_gazette_year", "active", "date_published_at", "date_deleted_at", "tags", "related")
    out = {k: real.get(k) for k in keys}
    out["institutions"] = out["institutions"] or []
    out["related"] = out["related"] or []
    return out


def test_pris_list_detail_and_the_list_row_fallback():
    page = parse_pris_list(json.dumps([PRIS_LIST_ROW]).encode(), BASE + "/api/pris?limit=100&offset=0")
    assert page.stubs[0].approves_bill and page.stubs[0].row == PRIS_LIST_ROW
    act = parse_pris_detail(json.dumps(_pris_detail()).encode(), BASE + "/api/pris/170627", expected_id=170627)
    assert act.approves_bill and act.act_type == "Решения" and act.doc_date == dt.date(2026, 7, 22)
    thin = act_from_list_row(PRIS_LIST_ROW, url=BASE + "/api/pris?limit=100&offset=0")
    assert (thin.id, thin.source, thin.doc_num, thin.doc_date, thin.approves_bill, thin.bill_title) == (
        act.id, "list", act.doc_num, act.doc_date, True, act.bill_title)
    assert thin.act_type is None and thin.public_consultation_number is None  # the list has neither
    with pytest.raises(SourceError, match=r"record 170627.*answered an error: 'Not found'"):
        parse_pris_detail(b'{"error":"Not found"}', BASE + "/api/pris/170627", expected_id=170627)


def test_pris_report_bare():
    rows = load_shared_json("strategy/data-egov-bg_057c5c06_pris-acts.json")["data"]
    acts = list(iter_pris_report(io.BytesIO(json.dumps(rows).encode()), BASE + "/reports/pris/standard/view"))
    assert len(acts) == 35


def _crawl_pris(base_url: str, db: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LEXWATCH_SCRAPY_LOG_LEVEL": "WARNING", "LEXWATCH_PROGRESS": "0"}
    cmd = [sys.executable, "-m", "monitor.cli", "crawl", "pris", "--base-url", base_url, "--db", db, "--delay", "0", "--today", TODAY.isoformat()]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=180)


def test_pris_listed_act_whose_detail_is_404_is_kept_from_the_list(tmp_path, sqlite_url):
    world = generate_world(40, seed=9, today=TODAY)
    decisions = [d for d in world.decisions if d.date <= TODAY]
    missing = decisions[0]
    corpus.write_world(tmp_path, world, today=TODAY, pris_detail_missing=[missing.id])
    with serve(tmp_path) as server:
        result = _crawl_pris(server.url, sqlite_url)
    assert result.returncode == 0, result.stderr[-3000:]
    with session_scope(sqlite_url) as s:
        run = s.scalars(select(CrawlRun).where(CrawlRun.source == "pris")).one()
        assert (run.new, run.errors, run.misses) == (len(decisions), 0, 1)
        assert run.stats["lexwatch/fallback/list_row"] == 1 and run.stats["lexwatch/source/list"] == 1
        issue = s.scalars(select(CrawlIssue).where(CrawlIssue.run_id == run.id)).one()
        assert issue.record_key == str(missing.id) and "404" in issue.message and "list row" in issue.message
        act = s.get(CouncilAct, missing.id)
        assert act.approves_bill and act.doc_date == missing.date and act.bill_title == missing.bill_title
        assert act.public_consultation_number is None  # not in the list row
