"""simulation.corpus.documents: the files of a generated world, served by the replay server
under the URLs the crawled records point to, read back by the real extraction, classification
and analysis (texts.documents), and fetched end to end by `lexwatch documents fetch`."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select

from simulation.corpus import parliament as parliament_corpus
from simulation.corpus import strategy as strategy_corpus
from simulation.corpus.documents import MOTIVES_ELEMENTS, DocumentsManifest, WrittenFile, write_documents
from simulation.corpus.world import World, generate_world
from crawlers.documents.extract import extract
from crawlers.documents.targets import FileTarget
from crawlers.parliament.parse import parse_bill
from simulation.replay import HTML_SHELL, path_for, serve
from crawlers.strategy.parse import parse_api_detail
from texts.documents.analyse import analyse_document
from texts.documents.classify import classify
from db.engine import session_scope
from db.models import Document

REPO_ROOT = Path(__file__).resolve().parents[1]
PARLIAMENT = "https://www.parliament.bg"
STRATEGY = "https://strategy.bg"


def _corpus(root: Path, world: World, **kwargs) -> tuple[Path, Path, DocumentsManifest]:
    parl, strat = root / "parliament", root / "strategy"
    parliament_corpus.write_replay(world, parl)
    strategy_corpus.write_replay(world, strat)
    return parl, strat, write_documents(world, parl, strat, **kwargs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    world = generate_world(40, seed=5, start=dt.date(2024, 6, 1))
    parl, strat, manifest = _corpus(tmp_path_factory.mktemp("corpus"), world, workers=1)
    return world, parl, strat, manifest


def _stored_urls(parl: Path, strat: Path, world: World) -> dict[str, tuple[str, int, str | None]]:
    """URL -> (owner type, owner id, the source's title), as the crawls store them: parsed
    from the written API answers with the real parsers, on the real sites' base URLs."""
    urls: dict[str, tuple[str, int, str | None]] = {}
    for b in world.bills:
        path = path_for(parl, parliament_corpus.bill_path(b.id))
        item = parse_bill(json.loads(path.read_bytes()), f"{PARLIAMENT}/{parliament_corpus.bill_path(b.id)}", PARLIAMENT)
        for f in item.files:
            urls[f.url] = ("bill", b.id, f.annotation)
    for c in world.consultations:
        url = f"{STRATEGY}/api/consultations/{c.id}"
        item = parse_api_detail(path_for(strat, f"/api/consultations/{c.id}").read_bytes(), url, expected_id=c.id)
        for d in item.documents:
            urls[d.url] = ("consultation", c.id, " — ".join(x for x in (d.doc_type, d.description) if x) or None)
    return urls


def _get(url: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read(), dict(answer.headers)


def _check(f: WrittenFile, text: str, is_scanned: bool, analysis: dict, kind: str) -> None:
    where = f"{f.url_path} ({f.owner_type} {f.owner_id})"
    assert f.kind is None or kind == f.kind, where
    contained = set(analysis["classification"]["contains"])
    assert set(f.contains) <= contained, where
    assert is_scanned is f.scanned, where
    if f.scanned:
        assert analysis["unreadable"], where
        return
    assert text.strip(), where
    if f.motives_elements is not None:
        found = tuple(e["key"] for e in analysis["motives"]["elements"] if e["present"])
        assert found == f.motives_elements, where
    if f.ia_elements is not None:
        ia = analysis["impact_assessment"]
        assert tuple(e["key"] for e in ia["elements"] if e["present"]) == f.ia_elements, where
    if f.amended_laws is not None:
        laws = sorted(a["law_name_normalised"] for a in analysis.get("amended_laws") or [])
        assert laws == sorted(f.amended_laws), where
    if f.owner_type == "bill" and f.kind == "bill_text":
        refs = analysis["consultation_refs"]
        assert refs["consultation_ids"] == ([f.consultation_id] if f.consultation_id else []), where
        if f.consultation_dates:
            assert refs["dates"] == [d.isoformat() for d in f.consultation_dates], where
    if f.spravka is not None:
        s = analysis["spravka"]
        assert (s["accepted"], s["rejected"], s["with_reasons"]) == f.spravka, where
        assert s["no_proposals_notice"] is f.no_proposals, where


def test_files_are_served_where_the_records_point_and_read_as_written(corpus):
    world, parl, strat, manifest = corpus
    stored = _stored_urls(parl, strat, world)
    by_path = {f.url_path: f for f in manifest.files}
    # Every file the crawled records list is written, and nothing else.
    assert sorted(FileTarget("x", 0, u, None, None, None).fetch_url("", "") for u in stored) == sorted(by_path)
    bill_titles = {b.id: b.title for b in world.bills}
    with serve(parl) as p, serve(strat) as s:
        for url, (owner_type, owner_id, title) in stored.items():
            target = FileTarget(owner_type, owner_id, url, None, title, None)
            body, headers = _get(target.fetch_url(p.url, s.url))
            f = by_path[target.fetch_url("", "")]
            assert (f.owner_type, f.owner_id, f.size) == (owner_type, owner_id, len(body))
            assert body != HTML_SHELL
            filename = url.rsplit("/", 1)[-1] if owner_type == "bill" else None
            if owner_type == "consultation":  # the download's name comes from its header, as in the spider
                filename = headers["Content-Disposition"].split('filename="', 1)[1].rstrip('"')
                assert filename.endswith("." + f.format)
            extraction = extract(body, filename, headers.get("Content-Type"))
            assert extraction.format == f.format and extraction.error is None, f.url_path
            classification = classify(filename, title, extraction.text)
            analysis = analyse_document(extraction.text, classification, bill_title=bill_titles.get(owner_id),
                                        is_scanned=extraction.is_scanned)
            _check(f, extraction.text, extraction.is_scanned, analysis, classification.kind.value)


def test_the_world_varies_the_way_the_criteria_need(corpus):
    """The small world used above holds every case the criteria tell apart, so the first
    test compares the analysis with each of them."""
    world, _parl, _strat, manifest = corpus
    bills = [f for f in manifest.files if f.owner_type == "bill" and f.kind]
    cons = [f for f in manifest.files if f.owner_type == "consultation"]
    assert {f.format for f in bills} == {"pdf", "rtf"}
    assert any(f.kind is None for f in manifest.files), "a chair's order of the current assembly"
    counts = {len(f.motives_elements) for f in bills}
    assert MOTIVES_ELEMENTS in {f.motives_elements for f in bills} and counts & {2, 3, 4}
    cm_consulted = [f for f in bills if world.bill(f.owner_id).initiator == "council_of_ministers"
                    and world.truth.get(f.owner_id, (None,))[0]]
    assert any(f.consultation_id for f in cm_consulted) and not all(f.consultation_id for f in cm_consulted)
    assert all(f.consultation_id == world.truth[f.owner_id][0] for f in bills if f.consultation_id)
    assert any(f.amended_laws for f in bills) and any(f.added_later for f in bills)
    assert {"impact_assessment_partial", "impact_assessment_full"} <= {f.kind for f in cons}
    # IA-04: complete assessments, assessments with gaps and formal ones, among the bills' and consultations'.
    answered = {len(f.ia_elements) for f in manifest.files if f.ia_elements is not None}
    assert {2, 8} <= answered and answered & {4, 5, 6}
    reports = [f.spravka for f in cons if f.spravka and f.spravka[1]]
    assert any(r[2] == r[1] for r in reports) and any(r[2] < r[1] for r in reports)
    assert any(f.no_proposals for f in cons) and any(f.scanned for f in cons)


def test_same_world_same_bytes_and_share_leaves_files_out(tmp_path):
    world = generate_world(12, seed=9, start=dt.date(2025, 1, 1))

    def digests(root: Path, **kwargs) -> tuple[dict[str, str], DocumentsManifest]:
        parl, strat, manifest = _corpus(root, world, workers=1, **kwargs)
        out = {}
        for f in manifest.files:
            base = parl if f.owner_type == "bill" else strat
            out[f.url_path] = hashlib.sha256(path_for(base, f.url_path).read_bytes()).hexdigest()
        return out, manifest

    first, full = digests(tmp_path / "a")
    again, _ = digests(tmp_path / "b")
    assert first == again  # one stored version per file when a night fetches it again
    half, partial = digests(tmp_path / "c", share=0.5)
    left_out = set(partial.left_out)
    assert 0 < len(left_out) < len(world.bills) + len(world.consultations)
    assert {(f.owner_type, f.owner_id) for f in partial.files}.isdisjoint(left_out)
    assert set(half) == {f.url_path for f in full.files if (f.owner_type, f.owner_id) not in left_out}
    assert all(first[k] == v for k, v in half.items())
    gone = next(f for f in full.files if (f.owner_type, f.owner_id) in left_out)
    with serve(tmp_path / "c" / ("parliament" if gone.owner_type == "bill" else "strategy")) as server:
        assert _get(server.url + gone.url_path)[0] == HTML_SHELL  # as a file gone from the site


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor.cli", *args], capture_output=True, text=True,
                          cwd=REPO_ROOT, env=env, timeout=240)


def test_crawl_then_fetch_stores_every_file_read_and_classified(tmp_path, sqlite_url):
    world = generate_world(14, seed=21, start=dt.date(2025, 9, 1))
    parl, strat, manifest = _corpus(tmp_path / "replay", world)
    env = {**os.environ, "LEXWATCH_DOCUMENTS_STORE": str(tmp_path / "store"), "LEXWATCH_SCRAPY_LOG_LEVEL": "WARNING"}
    since = min(b.submitted_on for b in world.bills).strftime("%Y-%m")  # the replay lists months from there
    with serve(parl) as p, serve(strat) as s:
        for args in (("crawl", "parliament", "--base-url", p.url, "--since", since, "--db", sqlite_url),
                     ("crawl", "strategy", "--base-url", s.url, "--db", sqlite_url),
                     ("documents", "fetch", "--parliament-base-url", p.url, "--strategy-base-url", s.url,
                      "--url", sqlite_url)):
            run = _cli(*args, env=env)
            assert run.returncode == 0, f"{args[:2]}: {run.stderr[-2000:]}"

    with session_scope(sqlite_url) as session:
        docs = {d.url: d for d in session.scalars(select(Document))}
        by_path = {FileTarget("x", 0, url, None, None, None).fetch_url("", ""): d for url, d in docs.items()}
        assert sorted(by_path) == sorted(f.url_path for f in manifest.files)
        for f in manifest.files:
            d = by_path[f.url_path]
            assert (d.owner_type, d.owner_id, d.status, d.size) == (f.owner_type, f.owner_id, "ok", f.size), f.url_path
            assert d.extraction_error is None and d.classification, f.url_path
            _check(f, d.text or "", bool(d.is_scanned), d.analysis, d.classification)
        assert sum(bool(d.text) for d in docs.values()) == sum(not f.scanned for f in manifest.files)
