"""The assessment as a watchdog publishes it, on the demo world (generated, replayed, crawled, linked and
evaluated by the real pipeline): the comparison by route, the ranking by root causes, recommendations,
one language per edition, the same numbers in `summary`, the demo's printout and every format, and
the PDF as Chromium prints it, page by page (pdftoppm/pdftotext, Debian's poppler-utils)."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from core.parliament import bill_public_url
from criteria.catalogue import CATALOGUE
from criteria.summary import CASCADES, root_causes
from db.engine import session_scope
from db.models import Bill, Initiative, InitiativeLink
from monitor.reports.labels import ordinal, plural

VERDICTS = ("PASS", "WARN", "FAIL", "N_A", "UNKNOWN")
# The demo world (tests/conftest.py) may be built in a test's setup: minutes on a loaded machine.
pytestmark = pytest.mark.timeout(1200)


def _lexwatch(*args: str, db: str | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "monitor.cli", *args, *(("--db", db) if db else ())]
    return subprocess.run(cmd, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def demo(demo_world):
    """The demo world (tests/conftest.py): its database and the figures the demo printed (JSON)."""
    url, printed, _work = demo_world
    return url, printed


@pytest.fixture(scope="module")
def report_json(demo):
    url, _ = demo
    proc = _lexwatch("report", "--format", "json", db=url)
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def _text(page: str) -> str:
    page = re.sub(r"<(style|svg)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


# --------------------------------------------------------------------------- root causes (no database)


def test_a_missing_impact_assessment_counts_once_with_its_consequences():
    verdicts = {"IA-01": "FAIL", "CONS-04": "FAIL", "IA-03": "FAIL", "IA-05": "FAIL", "NA-DOC-01": "WARN",
                "NA-04": "WARN", "NA-03": "FAIL", "NA-05": "FAIL", "DV-01": "PASS", "CONS-02": "N_A"}
    causes = {c.criterion: c for c in root_causes(verdicts, {"NA-05": "R/U", "IA-01": "C/C2"})}
    assert set(causes) == {"IA-01", "NA-04", "NA-05"}
    assert causes["IA-01"].consequences == ("CONS-04", "IA-03", "IA-05", "NA-DOC-01")  # catalogue order
    assert causes["NA-04"].consequences == ("NA-03",) and causes["NA-04"].weight == 0.5  # a WARN root, its FAIL under it
    assert causes["NA-05"].unverified and causes["NA-05"].weight == 0.5  # an [R]/[U] FAIL weighs as a WARN
    # Without the root failing, a consequence is a root cause of its own.
    alone = root_causes({"IA-01": "PASS", "IA-03": "FAIL"})
    assert [(c.criterion, c.consequences, c.weight) for c in alone] == [("IA-03", (), 1.0)]
    assert all(cid in {c.id for c in CATALOGUE} for root, cons in CASCADES.items() for cid in (root, *cons))


def test_bulgarian_plurals_and_ordinals():
    law = (("друг закон", "други закона"), ("other law", "other laws"))
    assert plural(1, *law, "bg") == "1 друг закон" and plural(3, *law, "bg") == "3 други закона"
    assert plural(1, *law, "en") == "1 other law" and plural(0, *law, "en") == "0 other laws"
    assert [ordinal(n, "bg") for n in (51, 52, 53, 47, 48, 50, 44, 45, 11)] == [
        "51-во", "52-ро", "53-то", "47-мо", "48-мо", "50-о", "44-то", "45-о", "11-о"]
    assert [ordinal(n, "en") for n in (51, 52, 53, 11, 12, 44)] == ["51st", "52nd", "53rd", "11th", "12th", "44th"]


# --------------------------------------------------------------------------- the analysis on the demo world


def test_json_has_the_publication_keys(report_json):
    for key in ("comparison", "ranking", "trends", "recommendations", "methodology"):
        assert key in report_json
    for route in ("council_of_ministers", "mps"):
        c = report_json["comparison"][route]
        for key in ("bills", "consulted_share", "impact_assessment_share", "median_consultation_days",
                    "median_days_first_to_second_reading", "one_sitting_share", "adopted_share"):
            assert key in c
    assert set(report_json["trends"]) == {"by_year", "by_assembly", "by_initiator"}
    assert {c["id"] for c in report_json["methodology"]["criteria"]} == {c.id for c in CATALOGUE}


def test_comparison_states_what_does_not_apply_and_counts_the_facts(demo, report_json):
    url, _ = demo
    cmp_ = report_json["comparison"]
    mps, com = cmp_["mps"], cmp_["council_of_ministers"]
    # Consultation on strategy.bg is not required of MPs (CONS-01 applies to the CoM route): null, not an average.
    assert mps["consulted_share"] is None and mps["median_consultation_days"] is None
    assert "consulted_share" in mps["not_required"] and com["not_required"] == []
    assert mps["impact_assessment_share"] is not None  # IA-01 applies to MPs' bills too
    # The CoM share recomputed from the store: bills with a consultation link staff did not reject.
    assessed = {i["bill_id"] for i in report_json["initiatives"]
                if i["initiator"] == "council_of_ministers" and i["evaluation_id"] and not i["portfolio_exclusion"]}
    with session_scope(url) as s:
        consulted = set(s.scalars(
            select(Bill.id).join(Initiative, Initiative.bill_id == Bill.id)
            .join(InitiativeLink, InitiativeLink.initiative_id == Initiative.id)
            .where(InitiativeLink.target_type == "consultation", InitiativeLink.status != "rejected")))
    assert com["bills"] == len(assessed) > 0
    assert com["consulted_share"] == round(len(assessed & consulted) / len(assessed), 4)
    # Shares are facts of the route: the IA share is IA-01 passed or warned over IA-01 judged.
    ia = [i["verdicts"].get("IA-01") for i in report_json["initiatives"]
          if i["initiator"] == "mps" and i["evaluation_id"] and not i["portfolio_exclusion"]]
    judged = [v for v in ia if v in ("PASS", "WARN", "FAIL")]
    assert mps["impact_assessment_share"] == round(sum(v != "FAIL" for v in judged) / len(judged), 4)


def test_ranking_is_worst_first_by_root_causes_with_public_links(report_json):
    ranking = report_json["ranking"]
    assert ranking and [r["rank"] for r in ranking] == list(range(1, len(ranking) + 1))
    scores = [r["score"] for r in ranking]
    assert scores == sorted(scores, reverse=True)
    items = {i["bill_id"]: i for i in report_json["initiatives"]}
    for r in ranking:
        assert r["public_url"] == bill_public_url(r["bill_id"])  # the public page, not the API the crawl read
        assert r["score"] == sum(c["weight"] for c in r["root_causes"])
        roots = {c["criterion"] for c in r["root_causes"]}
        under = {x for c in r["root_causes"] for x in c["consequences"]}
        assert not roots & under  # a consequence is never counted again as a root
        verdicts = items[r["bill_id"]]["verdicts"]
        assert roots | under == {c for c, v in verdicts.items() if v in ("FAIL", "WARN")} - (
            {"NA-07"} if items[r["bill_id"]]["process"]["status"] == "lapsed" else set())
        assert not items[r["bill_id"]]["portfolio_exclusion"]  # ratification bills stay out, as in every aggregate
    cascades = [c for r in ranking for c in r["root_causes"] if c["consequences"]]
    assert cascades, "the demo world has bills where one gap fails several criteria"


def test_lapsed_bills_of_a_closed_assembly_are_not_stalled(report_json):
    newest = max(i["assembly"] for i in report_json["initiatives"] if i["assembly"] is not None)
    pending = ("submitted", "in_committee", "first_reading_passed")
    for i in report_json["initiatives"]:
        closed = i["assembly"] is not None and i["assembly"] < newest
        if i["bill_status"] in pending:
            assert i["process"]["status"] == ("lapsed" if closed else i["bill_status"])
    lapsed = {i["bill_id"] for i in report_json["initiatives"] if i["process"]["status"] == "lapsed"}
    assert lapsed and report_json["totals"]["lapsed"] == len(lapsed - {
        i["bill_id"] for i in report_json["initiatives"] if i["portfolio_exclusion"] or not i["evaluation_id"]})
    for r in report_json["ranking"]:
        if r["bill_id"] in lapsed:
            assert "NA-07" not in {c["criterion"] for c in r["root_causes"]}


def test_recommendations_per_failing_criterion(report_json):
    fails = Counter(c for i in report_json["initiatives"] if i["evaluation_id"] and not i["portfolio_exclusion"]
                    for c, v in i["verdicts"].items() if v == "FAIL")
    recs = {r["criterion"]: r for r in report_json["recommendations"]}
    assert set(recs) == set(fails)
    catalogue = {c.id: c for c in CATALOGUE}
    for cid, r in recs.items():
        assert r["fails"] == fails[cid] and r["text_bg"] and r["text_en"]
        assert r["legal_basis"] == catalogue[cid].legal_basis
        assert 0 < len(r["bills"]) <= min(5, r["fails"])
        assert all(b["public_url"] == bill_public_url(b["bill_id"]) for b in r["bills"])


def test_a_filter_that_matches_nothing_is_an_error(demo):
    url, _ = demo
    proc = _lexwatch("report", "--format", "json", "--assembly", "1", db=url)
    assert proc.returncode != 0 and proc.stdout == b""
    err = proc.stderr.decode()
    assert "no initiative matches the filters (1st National Assembly)" in err and "Traceback" not in err
    proc = _lexwatch("report", "--format", "json", "--since", "2030-13-01", db=url)
    assert proc.returncode != 0 and "give a date as YYYY-MM-DD" in proc.stderr.decode()


# --------------------------------------------------------------------------- the same numbers everywhere


def test_numbers_agree_across_summary_demo_and_every_format(demo, demo_params, report_json, tmp_path):
    url, printed = demo
    agg = report_json["aggregates"]["all"]
    totals = {v: sum(c.get(v, 0) for c in agg["verdicts"].values()) for v in VERDICTS}
    assessed = report_json["totals"]["assessed"]
    assert assessed + report_json["totals"]["excluded"] == report_json["totals"]["evaluated"] == demo_params[0]
    assert {v: report_json["totals"]["verdicts"].get(v, 0) for v in VERDICTS} == totals

    summary = json.loads(_lexwatch("summary", "--format", "json", db=url).stdout)
    assert summary["initiatives"] == assessed
    assert {v: sum(c.get(v, 0) for c in summary["verdicts"].values()) for v in VERDICTS} == totals

    assert printed["assessed"] == assessed and printed["verdicts"] == totals
    assert sum(printed["left_out"].values()) == report_json["totals"]["excluded"]

    proc = _lexwatch("report", "--format", "csv", db=url)
    rows = [r for r in csv.DictReader(io.StringIO(proc.stdout.decode("utf-8-sig")))
            if r["evaluation_id"] and not r["portfolio_exclusion"]]
    assert len(rows) == assessed and {v: sum(int(r[v]) for r in rows) for v in VERDICTS} == totals
    for r in rows:  # the procedure's columns are stable and filled from the store
        assert r["public_url"] == bill_public_url(r["bill_id"])
        if r["consultation_open"] and r["consultation_close"]:
            assert int(r["consultation_days"]) >= 0
        if r["adopted_on"] and r["bill_status"] == "adopted":
            assert r["dv_issue"].startswith("бр. ")

    xlsx = tmp_path / "r.xlsx"
    assert _lexwatch("report", "-o", str(xlsx), db=url).returncode == 0
    wb = load_workbook(xlsx, read_only=True)
    sheet = wb["initiatives"].iter_rows(values_only=True)
    head = next(sheet)
    xrows = [dict(zip(head, r)) for r in sheet]
    xrows = [r for r in xrows if r["evaluation_id"] and not r["portfolio_exclusion"]]
    assert {v: sum(r[v] for r in xrows) for v in VERDICTS} == totals
    crit = list(wb["criteria"].iter_rows(values_only=True))
    assert crit[0][:5] == ("criterion", "name_bg", "name_en", "legal_basis", "confidence")
    assert {r[0] for r in crit[1:]} == {c.id for c in CATALOGUE}
    assert any("min_days = 30" in (r[7] or "") for r in crit[1:] if r[0] == "CONS-02")

    for lang, words in (("bg", f"Оценени законопроекти: {assessed} "), ("en", f"Bills assessed: {assessed} ")):
        page = _lexwatch("report", "--format", "html", "--lang", lang, db=url).stdout.decode()
        text = _text(page)
        assert words in text
        com = report_json["comparison"]["council_of_ministers"]["bills"]
        mps = report_json["comparison"]["mps"]["bills"]
        assert f"({com} " in text and f" {mps} " in text


# --------------------------------------------------------------------------- one language per edition


def test_each_edition_is_in_one_language(demo):
    url, _ = demo
    bg = _text(_lexwatch("report", "--format", "html", db=url).stdout.decode())
    en = _text(_lexwatch("report", "--format", "html", "--lang", "en", db=url).stdout.decode())
    # Latin words in the Bulgarian edition: criterion ids, sites, the format names, and Latin legal terms only.
    allowed = {"CONS", "MOT", "INIT", "DOC", "strategy", "parliament", "lexwatch", "vacatio", "legis", "iREG",
               "XLSX", "CSV", "JSON", "OECD", "www", "https"}
    latin = set(re.findall(r"[A-Za-z_]{3,}", bg)) - allowed
    assert not latin, latin
    for key in ("council_of_ministers", "in_committee", "rejected", "mps", "N_A", "PASS", "FAIL", "WARN", "min_days"):
        assert key not in bg
    assert "Резюме" in bg and "Препоръки" in bg and "Приложение: методология" in bg
    assert "не се изисква за този път" in bg
    assert "Executive summary" in en and "Recommendations" in en and "Annex: methodology" in en
    assert "not required for this route" in en
    # Bulgarian remains only where it is quoted: bill titles and the legal bases as the catalogue cites them.
    for word in ("Резюме", "Препоръки", "Тенденции", "не се изисква", "Вносител", "Първопричини", "нарушение",
                 "Министерски съвет", "Тежест"):
        assert word not in en


# --------------------------------------------------------------------------- the PDF, page by page


def _poppler() -> str | None:
    from monitor.reports.pdf import chromium_path

    if chromium_path()[0] is None:
        return chromium_path()[1]
    missing = [t for t in ("pdftoppm", "pdftotext", "pdfinfo") if shutil.which(t) is None]
    return f"{', '.join(missing)} not found: install Debian's poppler-utils (make test does as root)" if missing else None


def test_the_bulgarian_pdf_page_by_page(demo, report_json, tmp_path):
    why = _poppler()
    if why:
        pytest.skip(why)
    url, _ = demo
    pdf = tmp_path / "report.pdf"
    proc = _lexwatch("report", "-o", str(pdf), db=url)
    assert proc.returncode == 0, proc.stderr.decode()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))
    assert "A4" in info and 6 <= pages <= 40
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    from PIL import Image

    for img in images:
        with Image.open(img) as im:
            lo, hi = im.convert("L").getextrema()
            assert hi - lo > 100, f"{img.name} is blank"  # every page has ink on it
    text = [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout for i in range(1, pages + 1)]
    flat = [" ".join(t.split()) for t in text]
    for i, page in enumerate(flat, start=1):
        assert f"{i} / {pages}" in page  # the page number in the footer
    assert "Оценка на законодателния процес" in flat[0] and "1. Резюме" in flat[0]
    assert f"Оценени законопроекти: {report_json['totals']['assessed']} " in flat[0]
    starts = {h: next(i for i, p in enumerate(flat) if i and h in p) for h in (  # page 1 lists them as contents
        "2. Сравнение", "3. Законопроекти с най-много нарушения", "4. Тенденции", "5. Препоръки",
        "6. Приложение: методология")}
    assert list(starts.values()) == sorted(starts.values()) and starts["2. Сравнение"] == 1  # each on a new page
    comparison = flat[starts["2. Сравнение"]]
    assert "не се изисква за този път" in comparison and "дял на законопроектите, %" in " ".join(flat[1:3])
    top = report_json["ranking"][0]
    assert top["signature"] in flat[starts["3. Законопроекти с най-много нарушения"]]
    rec = report_json["recommendations"][0]
    assert rec["criterion"] in flat[starts["5. Препоръки"]]
    assert "Степен на сигурност на основанието" in " ".join(flat[starts["6. Приложение: методология"]:])


def test_ratification_bills_raise_no_review_flag_and_stay_out_of_every_aggregate(demo, report_json):
    url, _ = demo
    from db.models import Evaluation, ReviewFlag

    ratifications = {i["initiative_id"] for i in report_json["initiatives"] if i["portfolio_exclusion"] == "ratification"}
    assert ratifications, "the demo world has ratification bills (signature type 02)"
    with session_scope(url) as s:
        flagged = set(s.scalars(select(ReviewFlag.initiative_id).where(ReviewFlag.initiative_id.in_(ratifications))))
        severities = set(s.scalars(select(Evaluation.flag_severity).where(
            Evaluation.initiative_id.in_(ratifications), Evaluation.is_latest.is_(True))))
    assert flagged == set() and severities == {None}
    ranked = {r["bill_id"] for r in report_json["ranking"]}
    assert not ranked & {i["bill_id"] for i in report_json["initiatives"] if i["initiative_id"] in ratifications}


def test_findings_resting_on_an_unreviewed_link_are_marked(report_json):
    items = {i["bill_id"]: i for i in report_json["initiatives"]}
    marked = unmarked = 0
    for r in report_json["ranking"]:
        process = items[r["bill_id"]]["process"]
        statuses = {(process["consultation"] or {}).get("link_status"), (process["council_decision"] or {}).get("link_status")}
        unreviewed = bool(statuses & {"proposed", "review"})
        for c in r["root_causes"]:
            if c["unreviewed_link"]:
                assert unreviewed, (r["signature"], c)  # only where staff have not confirmed a link
                marked += 1
            elif c["criterion"].startswith("CONS-") and unreviewed and process["consultation"] and \
                    process["consultation"]["link_status"] in ("proposed", "review"):
                unmarked += 1
    assert marked > 0  # the demo's linker proposes links that staff have not reviewed yet
    assert unmarked == 0  # every consultation finding of such a bill is marked
