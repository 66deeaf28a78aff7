"""`lexwatch documents fetch/show/list` end to end: a real SQLite database, the replay
server serving generated bill and consultation files, the spider in its own process."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from simulation.samples import (
    BILL_PARAGRAPHS,
    MOTIVES_PARAGRAPHS,
    SPRAVKA_ROWS,
    make_docx,
    make_pdf,
    make_rtf,
    make_scanned_pdf,
    make_zip,
)
from simulation.replay import serve
from db import migrate
from db.engine import session_scope
from db.models import Bill, BillFile, Consultation, ConsultationDocument, Document

REPO_ROOT = Path(__file__).resolve().parents[1]
BIG_LIMIT = 2_000_000


def _cli(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEXWATCH_DOCUMENTS_MAX_BYTES": str(BIG_LIMIT), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "monitor.cli", *args], capture_output=True, text=True,
                          cwd=REPO_ROOT, env=env, timeout=240)


def _write(root: Path, rel: str, body: bytes, headers: dict[str, str] | None = None) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    if headers:
        path.with_name(path.name + ".meta.json").write_text(json.dumps({"headers": headers}), encoding="utf-8")


def _seed(url: str) -> None:
    """A Council of Ministers bill and its consultation, as the source crawls store them."""
    real = "https://www.parliament.bg/bills/52/"
    with session_scope(url) as s:
        bill = Bill(id=167546, signature="52-602-01-43",
                    title="Законопроект за изменение и допълнение на Закона за енергийната ефективност",
                    assembly=52, initiator="council_of_ministers", status="submitted",
                    submitted_on=dt.date(2026, 9, 11), source_url="https://www.parliament.bg/api/v1/bill/167546",
                    content_hash="x")
        files = [
            ("file_list", "52-602-01-43.rtf", None),
            ("order", "52-650-01-288.pdf", "Законопроект за изменение и допълнение на Закона за енергийната ефективност"),
            ("static_archive", "52-602-01-43.zip", None),
            ("static_file", "52-602-01-43-1.pdf", "Становище на Министерството на финансите"),  # broken file
            ("static_file", "52-602-01-43-2.pdf", "Справка"),  # missing: the site answers with its HTML shell
            ("static_file", "52-602-01-43-3.pdf", "Мотиви (сканирани)"),
            # A chair's order listed under a name that does not show its 650 code: the origin decides.
            ("order", "razporezhdane-288.pdf", "Законопроект за изменение и допълнение на Закона за енергийната "
             "ефективност"),
        ]
        for position, (origin, name, annotation) in enumerate(files):
            bill.files.append(BillFile(position=position, origin=origin, filename=name, url=real + name,
                                       annotation=annotation))
        s.add(bill)
        cons = Consultation(id=12653, reg_num="12653-K", title="Проект на Закон за изменение и допълнение на "
                            "Закона за енергийната ефективност", source="report",
                            source_url="https://strategy.bg/bg/public-consultations/12653", content_hash="y",
                            date_open=dt.date(2026, 7, 24))
        for position, (doc_type, file_id) in enumerate([
            ("Мотиви", 1325743), ("Оценка на въздействие", 1325735),
            ("Справка за получените предложения/съобщение", 1326389), ("Други", 1326212),
        ]):
            cons.documents.append(ConsultationDocument(position=position, doc_type=doc_type, file_id=file_id,
                                                       url=f"https://strategy.bg/download/{file_id}"))
        s.add(cons)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("replay")
    _write(root, "bg", b"<!DOCTYPE html><html><body>home</body></html>",
           {"Set-Cookie": "PHPSESSID=lexwatch-test; Path=/"})
    _write(root, "bills/52/52-602-01-43.rtf", make_rtf(BILL_PARAGRAPHS + MOTIVES_PARAGRAPHS))
    # Wording of a chair's distribution order (Bulgarian practice; no real file in the fixtures).
    order = make_pdf(["РАЗПОРЕЖДАНЕ", "№ 52-650-01-288",
                      "На основание чл. 77, ал. 1 от Правилника за организацията и дейността на Народното "
                      "събрание разпределям законопроект за изменение и допълнение на Закона за енергийната "
                      "ефективност, № 52-602-01-43, внесен от Министерския съвет на 11.09.2026 г., на следните "
                      "постоянни комисии:", "Комисия по енергетика – водеща"])
    _write(root, "bills/52/52-650-01-288.pdf", order)
    _write(root, "bills/52/razporezhdane-288.pdf", order)
    _write(root, "bills/52/52-602-01-43.zip", make_zip({
        "Мотиви.docx": make_docx(MOTIVES_PARAGRAPHS),
        "ЧПОВ.rtf": make_rtf(["ЧАСТИЧНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО", "Проблем за решаване"]),
    }))
    _write(root, "bills/52/52-602-01-43-1.pdf", make_pdf(["Становище"])[:300])
    _write(root, "bills/52/52-602-01-43-3.pdf", make_scanned_pdf(pages=2))
    _write(root, "download/1325743", make_docx(MOTIVES_PARAGRAPHS),
           {"Content-Disposition": "attachment; filename*=UTF-8''%D0%9C%D0%BE%D1%82%D0%B8%D0%B2%D0%B8.docx",
            "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
    _write(root, "download/1325735", os.urandom(BIG_LIMIT + 500_000),
           {"Content-Disposition": 'attachment; filename="ov.pdf"', "Content-Type": "application/pdf"})
    _write(root, "download/1326389", make_docx(["СПРАВКА за отразяване на становищата"], SPRAVKA_ROWS),
           {"Content-Disposition": 'attachment; filename="spravka.docx"'})
    _write(root, "download/1326212", make_rtf(["ЦЯЛОСТНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО", "Проблем"]),
           {"Content-Disposition": 'attachment; filename="prilozhenie.rtf"'})
    with serve(root) as server:
        yield server


@pytest.fixture(scope="module")
def fetched(site, tmp_path_factory):
    work = tmp_path_factory.mktemp("db")
    url = f"sqlite:///{work / 'lexwatch.sqlite3'}"
    migrate.upgrade(url)
    _seed(url)
    store = work / "files"
    args = ("documents", "fetch", "--url", url, "--parliament-base-url", site.url,
            "--strategy-base-url", site.url, "--store", str(store))
    first = _cli(*args)
    with session_scope(url) as s:
        docs = {d.url.rsplit("/", 1)[-1]: d for d in s.scalars(select(Document))}
    return {"url": url, "store": store, "args": args, "first": first, "docs": docs, "site": site}


def test_fetch_stores_every_listed_file_with_its_outcome(fetched):
    first, docs = fetched["first"], fetched["docs"]
    # A missing file (HTML shell) is an error of the run: exit 1, with the summary on stderr.
    assert first.returncode == 1, first.stderr
    assert "documents: run" in first.stderr and "errors 1" in first.stderr
    assert set(docs) == {"52-602-01-43.rtf", "52-650-01-288.pdf", "52-602-01-43.zip", "52-602-01-43-1.pdf",
                         "52-602-01-43-2.pdf", "52-602-01-43-3.pdf", "razporezhdane-288.pdf",
                         "1325743", "1325735", "1326389", "1326212"}
    assert "/bg" in fetched["site"].state.hits  # the home page for the session cookies


def test_bill_file_with_motives_inside(fetched):
    doc = fetched["docs"]["52-602-01-43.rtf"]
    assert (doc.status, doc.owner_type, doc.owner_id) == ("ok", "bill", 167546)
    assert doc.extraction_method == "striprtf" and doc.extraction_error is None
    assert doc.classification == "bill_text"
    assert doc.analysis["classification"]["contains"] == ["motives"]
    assert doc.analysis["motives"]["found"] == 5
    assert [a["law_name_normalised"] for a in doc.analysis["amended_laws"]] == [
        "Закон за енергетиката", "Закон за устройство на територията"]
    assert doc.analysis["consultation_refs"]["consultation_ids"] == [12653]
    stored = fetched["store"] / doc.storage_path
    assert stored.read_bytes().startswith(b"{\\rtf1")
    assert len(doc.sha256) == 64 and doc.size == stored.stat().st_size


def test_chair_orders_are_orders_not_the_bill_whose_title_they_carry(fetched):
    docs = fetched["docs"]
    by_number, by_origin = docs["52-650-01-288.pdf"], docs["razporezhdane-288.pdf"]
    for doc in (by_number, by_origin):  # the bill's `order` list says so, whatever the file's name
        assert (doc.classification, doc.analysis["classification"]["rule"]) == ("order", "order_origin")
    assert "amended_laws" not in by_origin.analysis  # no ПЗР read out of an order


def test_zip_members_are_classified(fetched):
    doc = fetched["docs"]["52-602-01-43.zip"]
    assert doc.extraction_method == "zip"
    kinds = {p["name"]: p["classification"]["kind"] for p in doc.analysis["parts"]}
    assert kinds == {"Мотиви.docx": "motives", "ЧПОВ.rtf": "impact_assessment_partial"}
    # Named „52-602-01-43.zip“ only: the most important member names the archive.
    assert doc.classification == "motives"
    assert doc.analysis["classification"]["contains"] == ["impact_assessment_partial"]
    assert doc.analysis["motives"]["found"] == 5


def test_broken_scanned_and_missing_files(fetched):
    docs = fetched["docs"]
    broken = docs["52-602-01-43-1.pdf"]
    assert broken.status == "ok" and broken.text == "" and "PDF" in broken.extraction_error
    assert broken.classification == "opinion"  # from the source's title, though the file is broken
    scanned = docs["52-602-01-43-3.pdf"]
    assert scanned.is_scanned and scanned.classification == "motives" and scanned.pages == 2
    assert scanned.analysis["unreadable"].startswith("scanned")
    shell = docs["52-602-01-43-2.pdf"]
    assert shell.status == "error" and shell.sha256 is None and "HTML page" in shell.note


def test_consultation_files(fetched):
    docs = fetched["docs"]
    motives = docs["1325743"]
    assert motives.filename == "Мотиви.docx"  # from Content-Disposition (RFC 6266 filename*)
    assert motives.classification == "motives" and motives.analysis["motives"]["found"] == 5
    big = docs["1325735"]
    assert big.status == "skipped" and "DOCUMENTS_MAX_BYTES" in big.note and big.storage_path is None
    spravka = docs["1326389"]
    assert spravka.classification == "consultation_report"
    assert spravka.analysis["spravka"]["rejected"] == 2 and spravka.analysis["spravka"]["with_reasons"] == 1
    other = docs["1326212"]  # type „Други“: the text decides
    assert other.classification == "impact_assessment_full"


def test_second_run_retries_only_failed_downloads_and_refetch_counts_unchanged(fetched):
    url, args = fetched["url"], fetched["args"]
    before = fetched["site"].requests
    second = _cli(*args, "--owner", "bill")
    assert second.returncode == 1  # the HTML shell answer again
    # Home page + robots.txt + the one file still without a stored version.
    assert fetched["site"].requests - before <= 3
    refetch = _cli(*args, "--owner", "consultation", "--refetch")
    assert "unchanged 3" in refetch.stderr, refetch.stderr
    with session_scope(url) as s:
        assert s.query(Document).filter(Document.url.like("%/download/%")).count() == 4


def test_show_and_list(fetched):
    url = fetched["url"]
    doc_id = fetched["docs"]["52-602-01-43.rtf"].id
    shown = _cli("documents", "show", str(doc_id), "--url", url, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["classification"] == "bill_text" and data["first_lines"][0] == "ЗАКОНОПРОЕКТ"
    assert data["motives"]["found"] == 5
    table = _cli("documents", "show", str(doc_id), "--url", url)
    assert table.returncode == 0 and "ЗНА чл. 28, ал. 2" in table.stdout and "ЗАКОНОПРОЕКТ" in table.stdout
    missing = _cli("documents", "show", "99999", "--url", url)
    assert missing.returncode == 1 and missing.stderr.strip() == "lexwatch: error: document 99999: not found"
    listed = json.loads(_cli("documents", "list", "--url", url, "--kind", "motives", "--format", "json").stdout)
    assert {r["filename"] for r in listed} == {"Мотиви.docx", "52-602-01-43-3.pdf", "52-602-01-43.zip"}


def test_read_a_local_file(tmp_path):
    path = tmp_path / "motivi.rtf"
    path.write_bytes(make_rtf(MOTIVES_PARAGRAPHS))
    out = _cli("documents", "read", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["classification"] == "motives" and data["motives"]["found"] == 5
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    out = _cli("documents", "read", str(broken))
    assert out.returncode == 1 and "Traceback" not in out.stderr
