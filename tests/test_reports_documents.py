"""The HTML and PDF evaluation reports: hostile text escaped, charts inline, contents as stored."""
from __future__ import annotations

import html
import io
import re
from html.parser import HTMLParser

import pytest
from pdfminer.high_level import extract_text
from typer.testing import CliRunner

from db.engine import session_scope
from db.models import Bill, Evaluation, Finding, Initiative
from monitor.cli import app
from monitor.reports import load_report
from monitor.reports.render import render

SCRIPT_TITLE = 'Закон за <script>alert("x")</script> и <img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(document.cookie)"


def seed(url: str) -> None:
    rows = [
        (910001, "52-602-01-50", SCRIPT_TITLE, "council_of_ministers", JS_URL,
         {"INIT-01": "PASS", "CONS-01": "FAIL", "CONS-02": "FAIL", "IA-01": "PASS"}),
        (910002, "52-602-01-51", "Законопроект за изменение на Закона за енергетиката", "council_of_ministers",
         "https://www.parliament.bg/bg/bills/ID/910002", {"INIT-01": "PASS", "CONS-01": "PASS", "CONS-02": "WARN"}),
        (910003, "52-654-01-9", "Законопроект за допълнение на Закона за туризма", "mps",
         "https://www.parliament.bg/bg/bills/ID/910003", {"INIT-01": "PASS", "CONS-01": "N_A", "NA-03": "FAIL"}),
    ]
    regime = {"council_of_ministers": "CoM", "mps": "MP"}
    with session_scope(url) as s:
        for bid, sign, title, initiator, src, verdicts in rows:
            s.add(Bill(id=bid, signature=sign, title=title, initiator=initiator, status="submitted", assembly=52,
                       source_url=src, content_hash="h"))
            s.flush()
            init = Initiative(bill_id=bid, title=title, initiator=initiator)
            s.add(init)
            s.flush()
            ev = Evaluation(initiative_id=init.id, ruleset_version="r", thresholds_hash="t", input_hash="i",
                            principle_scores={"openness": {"score": 0.5, "scored": 2, "excluded": 0}},
                            composite={"stakeholder_engagement": {"score": 0.25, "total": None, "categories": {}}},
                            summary={"facts": {"initiator": regime[initiator]}})
            s.add(ev)
            s.flush()
            for cid, v in verdicts.items():
                s.add(Finding(evaluation_id=ev.id, criterion_id=cid, verdict=v, confidence="C", principles=[],
                              explanation_bg=f"{cid}: <b>обяснение</b> за {sign}", explanation_en=f"{cid} of {sign}",
                              evidence={}))


class _Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_html_report_escapes_hostile_text_and_inlines_svg_charts(sqlite_url):
    seed(sqlite_url)
    with session_scope(sqlite_url) as s:
        page = render(load_report(s), "html").decode("utf-8")
    tags = _tags(page)
    names = [t for t, _ in tags]
    assert "script" not in names and "img" not in names and "b" not in names
    assert SCRIPT_TITLE not in page and html.escape(SCRIPT_TITLE, quote=False) in page.replace("&#34;", '"')
    hrefs = [a.get("href") or "" for t, a in tags if t == "a"]
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "https://www.parliament.bg/bg/bills/ID/910002" in hrefs
    assert not any("javascript" in (v or "").lower() for _, a in tags for v in a.values())
    assert not any(k.startswith("on") for _, a in tags for k in a)
    # No script, no external resource of any kind.
    assert not any(t in ("link", "iframe", "object", "embed") for t in names)
    assert not any("src" in a for _, a in tags) and "url(" not in page and "@import" not in page

    svgs = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert len(svgs) == 3  # the routes, time in parliament, the most frequent root causes (no dates: no years chart)
    route, _, causes = svgs
    # The routes' chart: CONS-01 applies to the Council of Ministers only, so the MPs' bar says "not required".
    assert "<title>С обществена консултация на strategy.bg Министерски съвет: 0\u00a0%</title>" in route  # Bulgarian style
    assert "не се изисква за този път" in route and "дял на законопроектите, %" in route
    # Root causes as stored: CONS-01 (with CONS-02 under it) for 910001, CONS-02 for 910002, NA-03 for 910003.
    for label in ("CONS-01 Проектът е публикуван за обществена консултация преди внасянето Законопроекти: 1",
                  "CONS-02 Срок на консултацията поне 30 дни Законопроекти: 1",
                  "NA-03 Срок за писмени предложения между първо и второ гласуване Законопроекти: 1"):
        assert f"<title>{label}</title>" in causes, label
    assert "брой законопроекти" in causes  # the value axis is labelled in the edition's language


def test_pdf_report_holds_the_text_and_charts(sqlite_url, tmp_path):
    from monitor.reports.pdf import chromium_path

    if chromium_path()[0] is None:
        pytest.skip(chromium_path()[1])
    seed(sqlite_url)
    out = tmp_path / "report.pdf"
    res = CliRunner().invoke(app, ["report", "--format", "pdf", "-o", str(out), "--db", sqlite_url])
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and b"/FontFile2" in data  # the Cyrillic font is embedded
    text = extract_text(io.BytesIO(data))
    flat = " ".join(text.split())
    assert "Оценка на законодателния процес" in flat
    for sign in ("52-602-01-50", "52-602-01-51", "52-654-01-9"):
        assert sign in flat
    assert "Законопроект за изменение на Закона за енергетиката" in flat
    assert "Най-честите първопричини" in flat  # a chart's title, drawn from its SVG
    assert " ".join(SCRIPT_TITLE.split()) in flat  # scraped text is text in a PDF, shown as is


def test_html_and_pdf_need_a_file_or_go_to_stdout(sqlite_url, tmp_path):
    seed(sqlite_url)
    runner = CliRunner()
    res = runner.invoke(app, ["report", "--format", "html", "--db", sqlite_url])
    assert res.exit_code == 0 and res.stdout.lstrip().startswith("<!doctype html>")
    res = runner.invoke(app, ["report", "-o", str(tmp_path / "r.html"), "--db", sqlite_url])
    assert res.exit_code == 0 and (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    missing = runner.invoke(app, ["report", "-o", str(tmp_path / "no" / "r.csv"), "--db", sqlite_url])
    assert missing.exit_code != 0 and "does not exist" in str(missing.exception)
    assert not (tmp_path / "no").exists()
