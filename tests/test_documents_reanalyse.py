"""Stored documents get the current analysers without a new download (`lexwatch documents reanalyse`),
and scraped text with Rich markup characters prints as itself in every readable table."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from texts.documents.analyse import ANALYSIS_VERSION, analyse_document
from texts.documents.classify import classify
from db.engine import session_scope
from db.models import Document
from monitor.cli import app
from linking.records import add_bill
from test_documents_impact_assessment import PARTIAL_FILLED

D = dt.date
HOSTILE = "Законопроект за изменение на Закона за [/b] пътищата [bold red]и[/] [link=https://x]"


def lexwatch(*args: str):
    return CliRunner().invoke(app, list(args))


def _stored_as_version_1(s, bill_id: int, text: str, filename: str) -> Document:
    """A document as the pipeline stored it before the IA checklist existed (analysis version 1)."""
    cls = classify(filename, None, text)
    analysis = analyse_document(text, cls)
    analysis.pop("impact_assessment", None)
    analysis["analysis_version"] = 1
    analysis["extraction"] = {"method": "pdfminer", "notes": ["kept from extraction"]}
    row = Document(owner_type="bill", owner_id=bill_id, url=f"https://www.parliament.bg/bills/52/{filename}",
                   filename=filename, sha256=f"{bill_id:060d}{len(filename):04d}", text=text, status="ok",
                   classification=cls.kind.value, analysis=analysis)
    s.add(row)
    return row


@pytest.fixture
def stored(db_url):
    with session_scope(db_url) as s:
        add_bill(s, 900001, HOSTILE, D(2026, 9, 10), signature="52-602-01-90")
        ia = _stored_as_version_1(s, 900001, PARTIAL_FILLED, "ocenka.pdf")
        current = _stored_as_version_1(s, 900001, "МОТИВИ\nкъм проекта на Закон за пътищата [/b]\n", "motivi [/b].pdf")
        current.analysis = {**current.analysis, "analysis_version": ANALYSIS_VERSION}
        s.add(Document(owner_type="bill", owner_id=900001, url="https://www.parliament.bg/bills/52/broken.pdf",
                       filename="broken.pdf", status="error", note="HTTP 404"))
        s.flush()
        ids = {"ia": ia.id, "current": current.id}
    return db_url, ids


def _analysis(url: str, doc_id: int) -> dict:
    with session_scope(url) as s:
        return s.get(Document, doc_id).analysis


def test_outdated_analyses_are_redone_and_extraction_kept(stored):
    url, ids = stored
    assert "impact_assessment" not in _analysis(url, ids["ia"])
    before_current = _analysis(url, ids["current"])

    run = lexwatch("documents", "reanalyse", "--db", url, "--format", "json")
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout) == {"analysis_version": ANALYSIS_VERSION, "candidates": 1, "failed": 0, "updated": 1}

    after = _analysis(url, ids["ia"])
    assert after["analysis_version"] == ANALYSIS_VERSION
    assert after["impact_assessment"]["found"] > 0 and after["impact_assessment"]["form"] == "partial"
    assert after["extraction"] == {"method": "pdfminer", "notes": ["kept from extraction"]}
    assert after["classification"]["kind"].startswith("impact_assessment")
    assert _analysis(url, ids["current"]) == before_current  # already current: untouched

    again = json.loads(lexwatch("documents", "reanalyse", "--db", url, "--format", "json").stdout)
    assert (again["candidates"], again["updated"]) == (0, 0)
    everything = json.loads(lexwatch("documents", "reanalyse", "--all", "--db", url, "--format", "json").stdout)
    assert (everything["candidates"], everything["updated"]) == (2, 2)  # the error row has no text


def test_a_document_that_breaks_the_analyser_keeps_its_analysis(stored, monkeypatch, caplog):
    url, ids = stored
    import crawlers.documents.reanalyse as module

    def boom(text, classification, **kw):
        raise ValueError("analyser bug")

    monkeypatch.setattr(module, "analyse_document", boom)
    before = _analysis(url, ids["ia"])
    run = lexwatch("documents", "reanalyse", "--db", url, "--format", "json")
    assert run.exit_code == 1
    assert json.loads(run.stdout)["failed"] == 1
    assert _analysis(url, ids["ia"]) == before
    assert f"document {ids['ia']} (https://www.parliament.bg/bills/52/ocenka.pdf): ValueError: analyser bug" in caplog.text


def test_markup_in_scraped_text_prints_as_itself(stored):
    url, ids = stored
    lexwatch("documents", "reanalyse", "--db", url)
    assert lexwatch("link", "--db", url).exit_code == 0
    assert lexwatch("evaluate", "--db", url).exit_code == 0
    for args in (("bills", "list"), ("bills", "show", "900001"), ("initiatives", "list"), ("initiatives", "show", "900001"),
                 ("findings", "show", "900001"), ("documents", "list"), ("documents", "show", str(ids["current"]))):
        run = CliRunner().invoke(app, [*args, "--db", url], env={"COLUMNS": "400"})
        assert run.exit_code == 0, (args, run.output, run.exception)
        shown = " ".join(run.stdout.split())
        assert "[/b]" in shown, (args, run.stdout)
    with session_scope(url) as s:
        assert s.scalar(select(Document.id).where(Document.id == ids["ia"])) == ids["ia"]
