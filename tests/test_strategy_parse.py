"""strategy.bg parsers on the real open-data answers (../shared/fixtures/strategy) and on
answers shaped like the API and the page, with hand-checked values."""
from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re

import pytest

from simulation.corpus import strategy as corpus
from simulation.corpus.world import generate_world
from crawlers.strategy import doctypes
from crawlers.strategy.feed import parse_feed
from crawlers.strategy.html import parse_html_detail
from crawlers.strategy.parse import (
    REPORT_FIELDS,
    REPORT_PATH,
    consultation_from_row,
    degraded_signs,
    iter_full_report,
    iter_report_rows,
    parse_api_detail,
    parse_api_list,
)
from crawlers.strategy.pris import REPORT_PATH as PRIS_REPORT_PATH
from crawlers.strategy.pris import bill_approval, iter_pris_report, parse_pris_detail, parse_pris_list
from core import strategy as V
from core.errors import SourceError
from conftest import load_shared_json, shared_fixture

FULL = "strategy/data-egov-bg_b600c109_pc-full.json"
PRIS = "strategy/data-egov-bg_057c5c06_pris-acts.json"
STANDARD = "strategy/data-egov-bg_e935536f_pc-standard.json"
RESOURCES = "strategy/data-egov-bg_dataset-18da0fff_resources_list.json"
POLICY = "strategy/data-egov-bg_403043ed_pc-by-policy-area_excerpt.json"
URL = "https://strategy.bg" + REPORT_PATH


@pytest.fixture(scope="module")
def report_items():
    with open(shared_fixture(FULL), "rb") as fp:
        return {i.reg_num: i for i in iter_full_report(fp, URL)}


@pytest.fixture(scope="module")
def acts():
    with open(shared_fixture(PRIS), "rb") as fp:
        return {a.id: a for a in iter_pris_report(fp, "https://strategy.bg" + PRIS_REPORT_PATH)}


# --------------------------------------------------------------------------- full report (real)


def test_first_row_of_the_full_report_hand_checked(report_items):
    first = next(iter(report_items.values()))
    assert first.reg_num == "12692-K" and first.id == 12692
    assert first.institution_name == "Министерство на здравеопазването" and first.institution_id == 132
    assert (first.date_open, first.date_close) == (dt.date(2026, 9, 15), dt.date(2026, 10, 15))
    assert first.duration_days == 30  # close − open
    assert first.act_type == "Акт на министър" and first.level == "Централно" and first.policy_area == "07. Здравеопазване"
    assert [(d.doc_type, d.file_id, d.version_date) for d in first.documents] == [
        ("Проект на акт", 1326476, dt.date(2026, 9, 14)),
        ("Мотиви", 1326478, dt.date(2026, 9, 14)),
    ]
    assert not any(d.type_inferred for d in first.documents)
    # The description is HTML-escaped HTML: raw kept as given, text unescaped once, no tags.
    assert first.description_raw.startswith("&lt;p&gt;Проектът на Наредба за допълнение")
    assert first.description_text.startswith("Проектът на Наредба за допълнение на Наредба № 3 от 25.01.2008 г.")
    assert "„епизод от живота“" in first.description_text and "<" not in first.description_text
    assert first.comments_count == 0 and first.first_comment_at is None


def test_legend_skipped_and_repeated_reg_num_is_one_consultation(report_items):
    raw = load_shared_json(FULL)["data"]
    assert raw[0]["reg_num"] == "№"  # the legend row
    assert len(raw) - 1 == 31 and len(report_items) == 30
    assert "№" not in report_items
    dup = report_items["12367-K"]
    rows = [r for r in raw if r["reg_num"] == "12367-K"]
    assert len(rows) == 2 and rows[0]["consultation_document"]["file"] != rows[1]["consultation_document"]["file"]
    # Files of both rows, once each; the consultation documents of both rows are among them.
    assert sorted(d.file_id for d in dup.documents) == [1320849, 1320853, 1320855, 1320857, 1320859]
    assert [d.doc_type for d in dup.documents].count("Консултационен документ") == 2


def test_short_consultations_carry_their_reason(report_items):
    for reg in ("12671-K", "12672-K"):
        item = report_items[reg]
        assert item.duration_days == 14
        assert item.act_type == "Закон"
    assert report_items["12671-K"].short_term_reason.startswith("Срокът за обществено обсъждане е 14 дни, тъй като административната реформа")
    assert report_items["12672-K"].short_term_reason.startswith("Определянето на по-кратък срок за обществени консултации се обосновава")
    assert report_items["12672-K"].law_name == "Закон за изпълнение на наказанията и задържането под стража"
    assert report_items["12692-K"].short_term_reason is None


def test_comments_keep_only_count_and_dates(report_items):
    item = report_items["12687-K"]
    assert item.comments_count == 1
    assert item.first_comment_at == item.last_comment_at == dt.datetime(2026, 9, 13)
    stored = json.dumps([i.to_record() for i in report_items.values()], ensure_ascii=False)
    raws = b"".join(i.raw for i in report_items.values()).decode("utf-8")
    for text in (stored, raws):  # neither the record nor the raw payload keeps personal data
        assert "Петър Петров" not in text  # the comment authors of the fixture
        assert "kontakt@example.org" not in text  # contacts, and e-mails inside descriptions
    assert "[e-mail]" in report_items["12055-K"].description_text
    assert sum(i.comments_count for i in report_items.values()) == 25
    raw_row = json.loads(report_items["12687-K"].raw)
    assert raw_row["comments"] == [{"date": "2026-09-13"}] and raw_row["contacts"] is None
    assert raw_row["files"] == load_shared_json(FULL)["data"][6]["files"]


def test_migrated_records_keep_the_portal_fallback_label(report_items):
    old = report_items["8481-K"]  # migrated from the old portal: default institution 699, files untyped
    assert old.institution_id == 699 and old.institution_name is None
    assert [d.doc_type for d in old.documents] == ["Други"] * 4
    assert not any(d.type_inferred for d in old.documents)  # no description in the report to infer from
    assert report_items["12675-K"].pris_id == 81590


def test_full_report_rows_are_all_parsed(report_items):
    for item in report_items.values():
        assert item.reg_num == f"{item.id}-K"
        assert item.date_close >= item.date_open
        assert item.documents, item.reg_num
        assert all(d.url.startswith("https://strategy.bg/download/") and d.file_id for d in item.documents)


def test_standard_and_policy_area_reports_share_the_report_shape():
    """The other real reports: same `{"success":true,"data":[legend, …]}`, legend skipped."""
    with open(shared_fixture(STANDARD), "rb") as fp:
        rows = list(iter_report_rows(fp, "standard"))
    assert len(rows) == 44 and rows[0]["title"] == "Проект на Закон за изменение и допълнение на Наказателно-процесуалния кодекс"
    with open(shared_fixture(POLICY), "rb") as fp:
        areas = list(iter_report_rows(fp, "areas"))
    assert areas[0] == {"name": "01. Външна политика", "pc_cnt": 2}
    # Every missing-document name the standard report uses is a portal type we know.
    names = {n.strip() for r in rows for n in (r["missing_documents"] or "").split(";") if n.strip()}
    assert names and names <= frozenset(V.DOC_TYPES.values())


def test_report_paths_are_the_ones_data_egov_bg_lists():
    urls = {r["resource_url"] for r in load_shared_json(RESOURCES)}
    assert "https://strategy.bg" + REPORT_PATH in urls
    assert "https://strategy.bg" + PRIS_REPORT_PATH in urls


# --------------------------------------------------------------------------- bad report files


@pytest.mark.parametrize(
    "body, message",
    [
        (b'{"success":false,"data":[]}', "success: false"),
        (b"<!DOCTYPE html><html><body>502</body></html>", "HTML where the JSON report"),
        (b'[{"reg_num":"No"},{"reg_num":"1-K"}]', "missing field"),  # a bare array is read (strategy.bg's shape); its row is checked
        (b'{"success":true}', "no data array"),
        (b"", "empty report"),
    ],
)
def test_bad_report_answers_are_clear_errors(body, message):
    with pytest.raises(SourceError, match=message):
        list(iter_full_report(io.BytesIO(body), URL))


def test_truncated_report_raises_after_the_complete_rows():
    body = shared_fixture(FULL).read_bytes()
    got = []
    with pytest.raises(SourceError, match="truncated or malformed report"):
        for item in iter_full_report(io.BytesIO(body[: len(body) // 2]), URL):
            got.append(item.reg_num)
    assert got and got[0] == "12692-K" and len(got) < 30


def test_a_bad_row_names_its_record():
    data = load_shared_json(FULL)
    data["data"][3]["date_close"] = "14.10.2026"
    with pytest.raises(SourceError, match=r"record 12690-K.*date_close '14.10.2026' is not a date in YYYY-MM-DD"):
        list(iter_full_report(io.BytesIO(json.dumps(data).encode()), URL))
    data = load_shared_json(FULL)
    data["data"][2]["surprise"] = 1
    with pytest.raises(SourceError, match=r"record 12691-K.*unknown field\(s\) in consultation: surprise"):
        list(iter_full_report(io.BytesIO(json.dumps(data).encode()), URL))
    data = load_shared_json(FULL)
    del data["data"][1]["files"]
    with pytest.raises(SourceError, match=r"record 12692-K.*missing field\(s\) in consultation: files"):
        list(iter_full_report(io.BytesIO(json.dumps(data).encode()), URL))


# --------------------------------------------------------------------------- API detail and list


def _api_detail_from_report_row(row: dict) -> dict:
    """The API detail has the report's columns plus these (PublicConsultationsController::show)."""
    cid = int(row["reg_num"].split("-")[0])
    return {"id": cid, "act_type_id": 3, "published": True, "policy_area_id": 7, "polls": [], **row, "active": False}


def test_api_detail_gives_the_same_record_as_the_report(report_items):
    row = load_shared_json(FULL)["data"][1]
    body = json.dumps(_api_detail_from_report_row(row), ensure_ascii=False).encode()
    item = parse_api_detail(body, "https://strategy.bg/api/consultations/12692", expected_id=12692)
    assert item.source == "api" and item.act_type_id == 3 and item.published is True
    assert item.to_record() == report_items["12692-K"].to_record()
    assert json.loads(item.raw)["files"] == row["files"] and json.loads(item.raw)["contacts"] is None


@pytest.mark.parametrize(
    "body, message",
    [
        (b"<!DOCTYPE html><html><div id='app'></div></html>", "HTML where JSON was expected"),
        (b'{"error":"Not found"}', "the API answered an error: 'Not found'"),
        (b'{"id": 12692, "name": "x", "reg_num": "126', "truncated JSON"),
        (b"[]", "expected one consultation object"),
        (b"", "empty answer"),
    ],
)
def test_api_detail_errors_name_the_record(body, message):
    with pytest.raises(SourceError, match=message) as err:
        parse_api_detail(body, "https://strategy.bg/api/consultations/12692", expected_id=12692)
    assert "12692-K" in str(err.value) and "strategy" in str(err.value)


def test_no_real_answer_looks_degraded():
    # every row of the real full report, and each as the API detail would give it
    rows = load_shared_json(FULL)["data"][1:]
    assert len(rows) == 31
    assert [degraded_signs(r, REPORT_FIELDS) for r in rows] == [()] * 31
    assert [degraded_signs(_api_detail_from_report_row(r)) for r in rows] == [()] * 31
    body = json.dumps(_api_detail_from_report_row(rows[0])).encode()
    assert parse_api_detail(body, "u", expected_id=12692).degraded_signs == ()


def test_an_answer_missing_keys_files_or_description_looks_degraded():
    whole = _api_detail_from_report_row(load_shared_json(FULL)["data"][1])
    dropped = {k: v for k, v in whole.items() if k not in ("description", "pris_id", "short_term_reason")}
    emptied = {**whole, "files": [], "comments": [], "contacts": [], "polls": []}
    item = parse_api_detail(json.dumps(dropped).encode(), "u", expected_id=12692)
    # parsed as a record all the same (the keys are optional), and marked for a confirming read
    assert item.description_text is None and item.pris_id is None
    assert item.degraded_signs == ("without the keys description, pris_id, short_term_reason", "without a description")
    assert degraded_signs(emptied) == ("without files",)
    assert degraded_signs({**whole, "files": None, "description": "&lt;p&gt; &lt;/p&gt;"}) == ("without files", "without a description")
    assert "degraded_signs" not in item.to_record()


def test_api_detail_for_another_id_is_refused():
    row = load_shared_json(FULL)["data"][1]
    body = json.dumps(_api_detail_from_report_row(row)).encode()
    with pytest.raises(SourceError, match="asked for consultation 5, the answer is 12692-K"):
        parse_api_detail(body, "u", expected_id=5)


def test_api_list_deduplicates_and_counts_rows():
    world = generate_world(10, n_consultations=5, seed=5)
    rows = [corpus.list_row(c) for c in world.consultations]
    body = json.dumps(rows + rows[:2], ensure_ascii=False).encode()
    page = parse_api_list(body, "list")
    assert page.rows == 7 and len(page.stubs) == 5
    assert [s.id for s in page.stubs] == [c.id for c in world.consultations]
    assert page.stubs[0].date_close == world.consultations[0].date_close
    with pytest.raises(SourceError, match="unknown field"):
        parse_api_list(json.dumps([{**rows[0], "new_column": 1}]).encode(), "list")


def test_corpus_detail_parses_like_its_report_row():
    """The corpus writer's answers and the parsers agree on the shapes (same record either way)."""
    world = generate_world(20, seed=4)
    for c in world.consultations[:10]:
        api = parse_api_detail(json.dumps(corpus.detail(c), ensure_ascii=False).encode(), "api", expected_id=c.id)
        rep = consultation_from_row(corpus.report_row(c), source="report", url="report")
        assert api.to_record() == rep.to_record()
        assert [(d.doc_type, d.file_id) for d in api.documents] == [(t, f) for t, _d, f in c.documents]
        assert api.comments_count == len(c.comments)


# --------------------------------------------------------------------------- HTML page (inferred layout)


def test_html_page_fallback_reads_the_inferred_layout():
    world = generate_world(30, seed=6)
    c = next(c for c in world.consultations if c.comments and len(c.documents) >= 4)
    page = corpus.page_html(c).encode("utf-8")
    item = parse_html_detail(page, f"http://replay/bg/public-consultations/{c.id}", expected_id=c.id)
    assert item.source == "html" and item.reg_num == c.reg_num and item.title == c.title
    assert (item.date_open, item.date_close) == (c.date_open, c.date_close)
    assert item.act_type == c.act_type and item.act_type_id == c.act_type_id and item.level == "Централно"
    assert item.institution_name == corpus.MINISTRIES[c.ministry][1]
    assert item.comments_count == len(c.comments) and item.first_comment_at == dt.datetime.combine(c.comments[0].date(), dt.time())
    # Types are inferred from the descriptions, and match the portal's types of the same files.
    assert [(d.doc_type, d.file_id) for d in item.documents] == [(t, f) for t, _d, f in c.documents]
    assert all(d.type_inferred for d in item.documents)
    assert all(d.url == f"http://replay/download/{d.file_id}" for d in item.documents)
    assert "kontakt@example.org" not in json.dumps(item.to_record(), ensure_ascii=False)
    # The kept raw page has no contact block, comment authors, comment texts or e-mails.
    authors = set(re.findall(r'<a class="obj-icon-info" href="#">([^<]+)</a>', page.decode()))
    contact = re.search(r"Контактна информация</h3><p> ([^<]+)<br>", page.decode()).group(1)
    raw = item.raw.decode("utf-8")
    assert authors and not any(a in raw for a in authors) and contact not in raw
    assert "kontakt@example.org" not in raw and "Предлагам срокът" not in raw
    assert c.reg_num in raw and all(str(f) in raw for _t, _d, f in c.documents)


def test_html_shell_is_not_a_consultation():
    from simulation.replay import HTML_SHELL

    with pytest.raises(SourceError, match="no consultation layout"):
        parse_html_detail(HTML_SHELL, "http://replay/bg/public-consultations/5", expected_id=5)


# --------------------------------------------------------------------------- document types


@pytest.mark.parametrize(
    "description, expected",
    [
        # Wording of old-portal file descriptions (research notes §4.2, the portal's own UI texts).
        ("Частична предварителна оценка на въздействието", V.IMPACT_ASSESSMENT),
        ("Цялостна предварителна оценка на въздействието на проекта", V.IMPACT_ASSESSMENT),
        ("Справка за отразяване на становищата", V.PROPOSALS_REPORT),
        ("Справка за отразяване на становищата и предложенията, получени при общественото обсъждане", V.PROPOSALS_REPORT),
        ("Съобщение за неполучени предложения", V.PROPOSALS_REPORT),
        ("Мотиви", V.MOTIVES),
        ("Мотиви към проекта на Закон за изменение и допълнение на Закона за водите", V.MOTIVES),
        ("Доклад", V.REPORT),
        ("Доклад до Министерския съвет", V.REPORT),
        ("Проект на доклад на министъра", V.REPORT),
        ("Становище на администрацията на Министерския съвет по частичната оценка на въздействието", V.MC_OPINION),
        ("Проект на Закон за изменение и допълнение на Наказателно-процесуалния кодекс", V.DRAFT),
        ("Проект на акт", V.DRAFT),
        ("Наредба за изменение и допълнение на Наредба № 3", V.DRAFT),
        ("Консолидиран текст на наредбата", V.CONSOLIDATED),
        ("Писмо от сдружение", None),
        ("", None),
    ],
)
def test_description_rules(description, expected):
    assert doctypes.classify(description) == expected


def test_portal_types_are_kept_and_untyped_files_inferred():
    assert doctypes.resolve("Доклад", "Мотиви") == ("Доклад", False)  # the portal's type wins
    assert doctypes.resolve("Други", "Справка за отразяване на становищата") == (V.PROPOSALS_REPORT, True)
    assert doctypes.resolve(None, "Частична предварителна оценка на въздействието") == (V.IMPACT_ASSESSMENT, True)
    assert doctypes.resolve("Други", "Снимка") == ("Други", False)
    assert doctypes.resolve(None, None) == (None, False)


# --------------------------------------------------------------------------- Atom feed


def test_feed_lists_consultations_by_link():
    world = generate_world(30, seed=8)
    newest = sorted(world.consultations, key=lambda c: -c.id)[:5]
    body = corpus.feed_xml(newest, dt.datetime(2026, 11, 20, 6)).encode("utf-8")
    stubs = parse_feed(body, "feed")
    assert [s.id for s in stubs] == [c.id for c in newest]
    assert stubs[0].title == newest[0].title and stubs[0].updated is not None
    with pytest.raises(SourceError, match="HTML where the Atom feed"):
        parse_feed(b"<!DOCTYPE html><html></html>", "feed")
    with pytest.raises(SourceError, match="not well-formed"):
        parse_feed(body[: len(body) // 2], "feed")


# --------------------------------------------------------------------------- ПРИС (real)


def test_pris_report_decision_approving_the_civil_servant_bill(acts):
    assert len(acts) == 35  # legend skipped
    act = acts[170627]
    assert act.approves_bill and act.bill_title == "Закон за изменение и допълнение на Закона за държавния служител"
    assert act.public_consultation_number == "12447-K"
    assert act.doc_num == "559" and act.doc_date == dt.date(2026, 7, 22) and act.act_type == "Решения"
    assert act.protocol == "Протокол №32 на Министерския съвет от 2026"
    assert act.about == "ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и допълнение на Закона за държавния служител /"
    assert act.about_raw.startswith("&lt;p&gt;ЗА ОДОБРЯВАНЕ")
    assert act.legal_reason == "чл. 87, ал. 1 от Конституцията на Република България"


def test_pris_decision_170974_approves_the_labour_code_bill(acts):
    act = acts[170974]
    assert act.doc_date == dt.date(2026, 9, 9) and act.doc_num == "700"
    assert act.approves_bill and act.bill_title == "Закон за изменение и допълнение на Кодекса на труда"
    assert act.public_consultation_number is None


def test_pris_only_bill_decisions_are_flagged(acts):
    approving = sorted(a.id for a in acts.values() if a.approves_bill)
    assert approving == [170627, 170960, 170974, 170992]
    # „законопроектите“ in another context, and a name between slashes, are not approvals.
    assert not acts[164236].approves_bill and not acts[170332].approves_bill
    assert acts[170203].dv_number == "54" and acts[170203].dv_year == 2026
    assert acts[170203].public_consultation_number == "12326-K"
    assert {r["pris_id"] for r in acts[170203].related} == {165608, 168404}


def test_bill_approval_wording():
    assert bill_approval("ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за водите /") == (True, "Закон за водите")
    assert bill_approval("За одобряване на законопроект /  Закон за изменение на Закона за хазарта  /") == (
        True, "Закон за изменение на Закона за хазарта",
    )  # fmt: skip
    assert bill_approval("ЗА ОДОБРЯВАНЕ НА ДОПЪЛНИТЕЛНИ РАЗХОДИ") == (False, None)


def test_pris_api_detail_and_list_and_errors():
    row = copy.deepcopy(next(r for r in load_shared_json(PRIS)["data"] if r["pris_id"] == 170627))
    act = parse_pris_detail(json.dumps(row, ensure_ascii=False).encode(), "https://strategy.bg/api/pris/170627", expected_id=170627)
    assert act.source == "api" and act.public_consultation_number == "12447-K"
    listed = {k: row[k] for k in ("pris_id", "doc_num", "doc_accepted_date", "doc_about", "tags")} | {"legal_act_type": 2}
    page = parse_pris_list(json.dumps([listed, listed]).encode(), "list")
    assert page.rows == 2 and [(s.id, s.approves_bill) for s in page.stubs] == [(170627, True)]
    with pytest.raises(SourceError, match=r"pris .*\(record 170627\): HTML where JSON"):
        parse_pris_detail(b"<html><body></body></html>", "u", expected_id=170627)
    row["doc_accepted_date"] = "2026/07/22"
    with pytest.raises(SourceError, match="not a date in YYYY-MM-DD"):
        parse_pris_detail(json.dumps(row).encode(), "u", expected_id=170627)
