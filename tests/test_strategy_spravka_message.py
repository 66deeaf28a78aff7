"""The справка published as a message instead of a file (strategy.bg doc type 8 „…/съобщение“).

Source: asapbg/strategy `StorePublicConsultationProposalReport` (`'message' => ['nullable',
"required_without:file_8_bg"]`); the admin controller stores it as a `Comments` row with
`object_code = Comments::PC_OBJ_CODE_MESSAGE` (2, `app/Models/Comments.php`) dated
`report_date report_time`; `ApiStrategy/PublicConsultationsController::show` selects only
`c.object_code = 1`, so neither the API nor the full report carries it. The page's block
(`div.px-3.pt-2` in the „Справка …“ documents section) is from the research notes (§4.2,
content.blade.php ~l. 290 at HEAD 583b0c08): the stored template versions predate it, so the
layout, and whether the page shows the message's date, are INFERRED.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from conftest import REPO_ROOT
from core import strategy as V
from criteria import initiative as I
from criteria.assemble import _consultation
from criteria.criterion import Verdict
from criteria.evaluate import evaluate
from criteria.thresholds import defaults
from crawlers.pipelines.strategy import store_spravka_message
from crawlers.strategy.html import parse_html_detail, spravka_message
from crawlers.strategy.items import SpravkaMessageItem
from core.errors import SourceError
from db.engine import dispose_engines, session_scope
from db.models import Consultation, CrawlRun, RecordVersion
from simulation.corpus import strategy as corpus
from simulation.corpus.world import generate_world
from simulation.replay import serve

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _fresh_engines():
    yield
    dispose_engines()


def _page(report_block: str) -> str:
    """A page reduced to what the parser needs, after content.blade.php (the „Документи“ block with
    its three `p.fs-18` headings, `lang/bg/site.php` base_documents/kd_documents/report_documents)."""
    return f"""<html><body><section id="slider"><div class="page-heading"><h1>Проект на Наредба</h1></div></section>
<div class="col-md-4 mb-4"><h3 class="mb-2 fs-18">Откриване / Приключване</h3>
 <span class="obj-icon-info fw-bold">01.09.2026 г. </span> — <span class="obj-icon-info fw-bold">01.10.2026 г. </span></div>
<div class="col-md-4 mb-4"><h3 class="mb-2 fs-18">Номер на консултация</h3><span class="obj-icon-info">12001-K</span></div>
<div class="col-md-4 mb-4"><h3 class="mb-2 fs-18">Община</h3><span class="obj-icon-info"><a href="/bg/public-consultations?fieldOfAction=301">Община Русе</a></span></div>
<div class="row mb-4 mt-4"><h3 class="mb-3">Документи</h3><div class="row table-light">
 <div class="col-12 mb-2"><p class="fs-18 fw-600 main-color-light-bgr p-2 rounded mb-2">Пакет основни документи</p>
  <ul class="list-group list-group-flush"><li class="list-group-item"><a class="preview-file-modal" href="javascript:void(0)" data-file="501">Проект на наредба - вер. 1.0 | 31.08.2026</a></li></ul></div>
 <div class="col-12 mb-2"><p class="fs-18 fw-600 main-color-light-bgr p-2 rounded mb-2">Консултационен документ</p><ul class="list-group list-group-flush"><p>---</p></ul></div>
 <div class="col-12"><p class="fs-18 fw-600 main-color-light-bgr p-2 rounded mb-2">Справка становища</p>
  <ul class="list-group list-group-flush">{report_block}</ul></div>
</div></div></body></html>"""


def test_message_read_from_the_page_with_and_without_a_date():
    plain = _page('<div class="px-3 pt-2"><p>Не са постъпили предложения и становища.</p></div>')
    assert spravka_message(plain) == spravka_message(plain.encode())
    m = spravka_message(plain)
    assert m is not None and m.text == "Не са постъпили предложения и становища." and m.shown_on is None
    dated = spravka_message(_page('<div class="px-3 pt-2">Съобщение от 09.10.2026: не са постъпили предложения.</div>'))
    assert dated is not None and dated.shown_on == dt.date(2026, 10, 9)
    assert spravka_message(_page("<p>---</p>")) is None
    # No „Справка …“ block at all (a changed layout, or a migrated consultation's page): not „no message“.
    url = "https://strategy.bg/bg/public-consultations/12001"
    with pytest.raises(SourceError, match=r"record 12001-K.*no „Справка с всички становища“ block") as err:
        spravka_message(_page("<p>---</p>").replace("Справка становища", "Други"), url, "12001-K")
    assert url in str(err.value)
    # Scraped text is untrusted: markup in the message is text, never kept as HTML.
    evil = spravka_message(_page('<div class="px-3 pt-2"><script>alert(1)</script>Няма предложения.</div>'))
    assert evil is not None and "<script" not in evil.text


def test_html_fallback_details_keep_dates_and_read_the_municipal_area():
    block = (
        '<li class="list-group-item"><a href="/download/601">Справка за отразяване на становищата | 12.10.2026</a></li>'
        '<li class="list-group-item"><a href="/download/602">Становище на БСК | 05.10.2026 - Източник: електронна поща</a></li>'
    )
    item = parse_html_detail(_page(block), "https://strategy.bg/bg/public-consultations/12001", expected_id=12001)
    assert item.policy_area == "Община Русе"  # the block's label is „Община“ (custom.php 'municipalities')
    by_file = {d.file_id: d for d in item.documents}
    assert (by_file[501].version_date, by_file[501].doc_type) == (dt.date(2026, 8, 31), V.DRAFT)
    assert by_file[601].version_date == dt.date(2026, 10, 12) and by_file[601].doc_type == V.PROPOSALS_REPORT
    assert by_file[601].description == "Справка за отразяване на становищата"
    assert by_file[602].version_date == dt.date(2026, 10, 5) and by_file[602].description == "Становище на БСК"


# --------------------------------------------------------------------------- storing and dating


def _row(db: str, cid: int = 1, closes: dt.date = dt.date(2026, 10, 1)) -> None:
    with session_scope(db) as s:
        s.add(Consultation(id=cid, reg_num=f"{cid}-K", title="Проект", date_open=closes - dt.timedelta(days=30),
                           date_close=closes, source="api", source_url="u", content_hash="h"))  # fmt: skip


def _message(seen: dt.date, text: str | None = "Не са постъпили предложения.", shown: dt.date | None = None, cid: int = 1):
    return SpravkaMessageItem(cid, f"{cid}-K", f"https://strategy.bg/bg/public-consultations/{cid}", seen, text, shown)


def test_a_message_is_dated_no_later_than_first_seen(db_url):
    _row(db_url)
    with session_scope(db_url) as s:
        assert store_spravka_message(s, _message(dt.date(2026, 11, 1), text=None)) == "checked"
    with session_scope(db_url) as s:
        row = s.get(Consultation, 1)
        assert row.page_checked_at is not None and row.spravka_message is None
        assert store_spravka_message(s, _message(dt.date(2026, 11, 10))) == "new"
    with session_scope(db_url) as s:
        assert store_spravka_message(s, _message(dt.date(2026, 11, 20))) == "unchanged"  # a later reading
        row = s.get(Consultation, 1)
        assert (row.spravka_message_on, row.spravka_message_dated_by) == (dt.date(2026, 11, 10), "first_seen")
        # The page later shows the message's own date: an earlier one is taken.
        assert store_spravka_message(s, _message(dt.date(2026, 11, 21), shown=dt.date(2026, 10, 9))) == "changed"
    with session_scope(db_url) as s:
        row = s.get(Consultation, 1)
        assert (row.spravka_message_on, row.spravka_message_dated_by) == (dt.date(2026, 10, 9), "page")
        versions = s.scalars(select(RecordVersion).where(RecordVersion.entity == "consultation_message")).all()
        assert len(versions) == 2
        assert store_spravka_message(s, _message(dt.date(2026, 11, 22), cid=99)) == "missing"


def _cons05(c: I.Consultation, submitted: dt.date, decided: dt.date, criterion: str = "CONS-05") -> Verdict:
    b = I.Bill(id=1, signature="52-602-01-99", title="Законопроект за изменение на Закона за водите",
               initiator="council_of_ministers", status="submitted", submitted_on=submitted,
               sponsors=[I.Sponsor("council_of_ministers", "Министерски съвет", None, 6167)])
    c.act_type, c.documents = "Закон", c.documents or [I.ConsultationDocument("https://strategy.bg/download/1", V.DRAFT, False, None, c.date_open)]
    ini = I.Initiative(bills=[b], consultations=[c], council_acts=[I.CouncilAct(id=1, doc_date=decided, approves_bill=True)], links_checked=True)
    result = evaluate(ini, defaults(), dt.date(2026, 12, 1))
    return next(f for f in result.findings if f.criterion_id == criterion).verdict


def test_cons_05_on_a_real_labelled_file_and_on_a_message():
    base = dict(id=5, reg_num="5-K", title="Проект на Закон", date_open=dt.date(2026, 9, 1), date_close=dt.date(2026, 10, 1))
    spravka = [I.ConsultationDocument("https://strategy.bg/download/1", V.DRAFT, False, None, dt.date(2026, 9, 1)),
               I.ConsultationDocument("https://strategy.bg/download/2", "Справка за получените предложения/съобщение", False, None, dt.date(2026, 10, 8))]
    assert _cons05(I.Consultation(**base, documents=list(spravka)), dt.date(2026, 11, 1), dt.date(2026, 10, 20)) is Verdict.PASS
    assert _cons05(I.Consultation(**base, documents=list(spravka)), dt.date(2026, 11, 1), dt.date(2026, 10, 5)) is Verdict.WARN
    # Only a message on the page: not a FAIL.
    page = I.Consultation(**base, spravka_message_on=dt.date(2026, 10, 8), spravka_message_dated_by="page")
    assert _cons05(page, dt.date(2026, 11, 1), dt.date(2026, 10, 20)) is Verdict.PASS
    seen = I.Consultation(**base, spravka_message_on=dt.date(2026, 10, 25), spravka_message_dated_by="first_seen")
    assert _cons05(seen, dt.date(2026, 11, 1), dt.date(2026, 10, 20)) is Verdict.UNKNOWN  # maybe before the decision
    late = I.Consultation(**base, spravka_message_on=dt.date(2026, 11, 5), spravka_message_dated_by="first_seen")
    assert _cons05(late, dt.date(2026, 11, 1), dt.date(2026, 10, 20)) is Verdict.UNKNOWN  # first seen after submission
    # Neither: UNKNOWN until the page was read, FAIL after.
    assert _cons05(I.Consultation(**base), dt.date(2026, 11, 1), dt.date(2026, 10, 20)) is Verdict.UNKNOWN
    read = I.Consultation(**base, page_checked_on=dt.date(2026, 11, 20))
    assert _cons05(read, dt.date(2026, 11, 1), dt.date(2026, 10, 20)) is Verdict.FAIL
    # CONS-06 (reasons for rejected proposals): a message in place of the справка means none were received.
    page = I.Consultation(**base, spravka_message_on=dt.date(2026, 10, 8), spravka_message_dated_by="page")
    assert _cons05(page, dt.date(2026, 11, 1), dt.date(2026, 10, 20), "CONS-06") is Verdict.N_A
    assert _cons05(I.Consultation(**base, documents=list(spravka)), dt.date(2026, 11, 1), dt.date(2026, 10, 20), "CONS-06") is Verdict.UNKNOWN


# --------------------------------------------------------------------------- the spider, end to end


def _crawl(base_url: str, db: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LEXWATCH_SCRAPY_LOG_LEVEL": "WARNING", "LEXWATCH_PROGRESS": "0"}
    cmd = [sys.executable, "-m", "monitor.cli", "crawl", "strategy", "--base-url", base_url, "--db", db, "--delay", "0",
           "--today", TODAY.isoformat(), *args]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=180)


def test_crawl_reads_the_message_from_the_page_of_closed_consultations(tmp_path, sqlite_url):
    world = generate_world(60, seed=11, today=TODAY)
    corpus.write_world(tmp_path, world, today=TODAY, since=[None, TODAY - dt.timedelta(days=30)])  # plan.default_since
    visible = [c for c in world.consultations if c.date_open <= TODAY]
    expected = {c.id: corpus.spravka_message(c, TODAY) for c in visible}
    expected = {k: v for k, v in expected.items() if v}
    no_file = [c for c in visible if c.date_close < TODAY and not any(t == V.PROPOSALS_REPORT for t, _d, _f in c.documents)]
    assert expected and len(no_file) > len(expected)  # some pages show a message, some nothing
    with serve(tmp_path) as server:
        first = _crawl(server.url, sqlite_url)
        assert first.returncode == 0, first.stderr[-3000:]
        with session_scope(sqlite_url) as s:
            run = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
            assert run.errors == 0 and run.stats["lexwatch/spravka_message/page_read"] == len(no_file)
            for c in no_file:
                row = s.get(Consultation, c.id)
                assert row.page_checked_at is not None, c.reg_num
                if c.id in expected:
                    text, day, shown = expected[c.id]
                    assert row.spravka_message == text + (f" {day.strftime('%d.%m.%Y')}" if shown else "")
                    # dated by the page when it shows a date, else by the day first seen (today)
                    assert (row.spravka_message_on, row.spravka_message_dated_by) == ((day, "page") if shown else (TODAY, "first_seen"))
                    # Decided the day before the message's date: after the decision (WARN) when the page
                    # dates it; only maybe after it (UNKNOWN) when first seen that day — never FAIL.
                    day_before = row.spravka_message_on - dt.timedelta(days=1)
                    verdict = _cons05(_consultation(row), row.spravka_message_on + dt.timedelta(days=30), day_before)
                    assert verdict is (Verdict.WARN if shown else Verdict.UNKNOWN), c.reg_num
                else:
                    assert row.spravka_message is None
        # The next night: pages read within plan.PAGE_RECHECK_DAYS are not read again.
        again = _crawl(server.url, sqlite_url)
        assert again.returncode == 0, again.stderr[-3000:]
        with session_scope(sqlite_url) as s:
            run = s.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
            assert run.stats.get("lexwatch/spravka_message/page_read", 0) == 0


def test_a_batch_with_a_message_is_stored_as_one_batch(db_url, caplog):
    """A справка message travels in the store's batches beside the consultations it follows (the
    batch's look-ups read every item's raw answer; a message has none and must not break them)."""
    from scrapy.utils.test import get_crawler

    from crawlers.pipelines.strategy import StrategyStorePipeline
    from crawlers.spiders.strategy import StrategySpider

    _row(db_url, cid=1)
    _row(db_url, cid=2)
    crawler = get_crawler(StrategySpider, {"LEXWATCH_DATABASE_URL": db_url, "STRATEGY_STORE_BATCH": 100})
    crawler.spider = crawler._create_spider()
    pipeline = StrategyStorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    pipeline.process_item(_message(dt.date(2026, 11, 10), cid=1))
    pipeline.process_item(_message(dt.date(2026, 11, 10), text=None, cid=2))
    pipeline.close_spider()
    assert "replaying" not in caplog.text and "Traceback" not in caplog.text
    with session_scope(db_url) as s:
        assert s.get(Consultation, 1).spravka_message_on == dt.date(2026, 11, 10)
        assert s.get(Consultation, 2).spravka_message is None and s.get(Consultation, 2).page_checked_at is not None
