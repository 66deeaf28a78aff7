"""The CLI as a new analyst meets it (issue 15): one id space, whole values on a pipe, Bulgarian
labels, --version, plain help, the options users reach for, the demo's closing hint.

The database holds real parliament.bg answers (../shared/fixtures/parliament/bill-*.json) stored
through the real pipeline, linked and evaluated by the real commands; the long title is a real
one from the monthly list of September 2025 (bills-2025-09.json, bill 166595).
"""
from __future__ import annotations

import copy
import json

import pytest
from typer.testing import CliRunner

from conftest import load_shared_json
from crawlers.parliament.items import RawAnswer
from crawlers.parliament.parse import parse_bill
from crawlers.pipelines.parliament import store_bill
from db.engine import session_scope
from monitor.cli import app

BASE = "https://www.parliament.bg"


def lexwatch(*args: str):
    return CliRunner().invoke(app, list(args))


def _store(url: str, data: dict) -> None:
    bill_id = data["L_Act_id"]
    api = f"{BASE}/api/v1/bill/{bill_id}"
    item = parse_bill(data, api, BASE, raw=RawAnswer(api, json.dumps(data).encode(), 200, "application/json"),
                      expect_id=bill_id)
    with session_scope(url) as s:
        store_bill(s, item)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict:
    from db import migrate

    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'lexwatch.sqlite3'}"
    migrate.upgrade(url)
    government = load_shared_json("parliament/bill-167546.json")  # Council of Ministers, 52nd assembly
    mps = load_shared_json("parliament/bill-166636.json")  # MPs, 51st assembly
    listed = {r["t_id"]: r for r in load_shared_json("parliament/bills-2025-09.json")}
    long_one = copy.deepcopy(government)  # the real answer's shape with a real listed bill's id and title
    long_one.update(L_Act_id=166595, L_Act_sign="52-602-01-31", L_ActL_title=listed[166595]["t_label"],
                    L_Act_date="2025-09-02 00:00:00")
    for data in (government, mps, long_one):
        _store(url, data)
    assert lexwatch("link", "--db", url).exit_code == 0
    assert lexwatch("evaluate", "--all", "--db", url).exit_code == 0
    rows = json.loads(lexwatch("initiatives", "list", "--format", "json", "--db", url).stdout)
    return {"url": url, "ids": {r["bill_id"]: r["id"] for r in rows}, "long_title": listed[166595]["t_label"]}


def test_version_and_plain_help():
    version = lexwatch("--version")
    assert version.exit_code == 0 and version.stdout.startswith("lexwatch ")
    serve = lexwatch("review", "serve", "--help")
    assert serve.exit_code == 0
    text = " ".join(serve.stdout.split())
    assert "limited by the config's [review] section" in text  # the markup no longer swallows [review]
    assert "<bool>" not in serve.stdout and "--secure-cookie / --no-secure-cookie" in serve.stdout
    assert "<bool>" not in lexwatch("--help").stdout


def test_initiatives_show_takes_the_id_initiatives_list_prints(world):
    url, ids = world["url"], world["ids"]
    initiative = ids[167546]
    assert initiative != 167546
    by_initiative = lexwatch("initiatives", "show", str(initiative), "--format", "json", "--db", url)
    by_bill = lexwatch("initiatives", "show", "167546", "--format", "json", "--db", url)
    by_signature = lexwatch("initiatives", "show", "52-602-01-43", "--format", "json", "--db", url)
    assert by_initiative.exit_code == by_bill.exit_code == by_signature.exit_code == 0, by_initiative.output
    assert json.loads(by_initiative.stdout) == json.loads(by_bill.stdout) == json.loads(by_signature.stdout)
    assert json.loads(by_initiative.stdout)["initiative"]["id"] == initiative
    # The same id everywhere: findings show and bills show take it too.
    findings = json.loads(lexwatch("findings", "show", str(initiative), "--format", "json", "--db", url).stdout)
    assert findings["initiative"]["bill_id"] == 167546
    bill = json.loads(lexwatch("bills", "show", str(initiative), "--format", "json", "--db", url).stdout)
    assert bill["id"] == 167546 and bill["signature"] == "52-602-01-43"
    forced = lexwatch("initiatives", "show", str(initiative), "--by", "bill", "--db", url)
    assert forced.exit_code != 0 and f"no initiative of bill {initiative}" in str(forced.exception)


def test_piped_tables_keep_whole_values_and_show_bulgarian_labels(world):
    url, title = world["url"], world["long_title"]
    for args in (("bills", "list"), ("initiatives", "list")):
        out = lexwatch(*args, "--db", url)
        assert out.exit_code == 0, out.output
        assert title in out.stdout, args  # whole, on one line: the runner's output is a pipe
        assert "…" not in out.stdout
        assert "council_of_ministers" not in out.stdout and "Министерски съвет" in out.stdout
        assert "народни представители" in out.stdout
    bills = lexwatch("bills", "list", "--db", url).stdout
    assert "in_committee" not in bills and "first_reading_passed" not in bills
    assert "приет на първо четене" in bills  # 167546: passed at first reading on 24.09.2026
    show = lexwatch("bills", "show", "167546", "--db", url).stdout
    assert "приет на първо четене" in show and "https://www.parliament.bg/bg/bills/ID/167546" in show
    ini = lexwatch("initiatives", "show", "167546", "--db", url).stdout
    assert "вносител: Министерски съвет" in ini and "council_of_ministers" not in ini
    # JSON keeps the stored codes: scripts rely on stable values.
    rows = json.loads(lexwatch("bills", "list", "--format", "json", "--db", url).stdout)
    assert {r["initiator"] for r in rows} == {"council_of_ministers", "mps"}


def test_initiatives_list_by_assembly(world):
    url = world["url"]
    rows = json.loads(lexwatch("initiatives", "list", "--assembly", "51", "--format", "json", "--db", url).stdout)
    assert [r["bill_id"] for r in rows] == [166636]
    rows = json.loads(lexwatch("initiatives", "list", "--assembly", "52", "--format", "json", "--db", url).stdout)
    assert sorted(r["bill_id"] for r in rows) == [166595, 167546]
    assert json.loads(lexwatch("initiatives", "list", "--assembly", "99", "--format", "json", "--db", url).stdout) == []
    bad = lexwatch("initiatives", "list", "--initiator", "president", "--db", url)
    assert bad.exit_code != 0 and "--initiator 'president': use one of council_of_ministers" in str(bad.exception)


def test_every_list_reads_the_initiator_the_same_way(world):
    """bills, initiatives and findings take the same words for --initiator as the report (core's one parser)."""
    url = world["url"]
    for command in (("bills", "list"), ("initiatives", "list"), ("findings", "list")):
        every = json.loads(lexwatch(*command, "--format", "json", "--db", url).stdout)
        com = json.loads(lexwatch(*command, "--initiator", "com", "--format", "json", "--db", url).stdout)
        mp = json.loads(lexwatch(*command, "--initiator", "mp", "--format", "json", "--db", url).stdout)
        both = json.loads(lexwatch(*command, "--initiator", "council_of_ministers,mps", "--format", "json", "--db", url).stdout)
        assert com and mp, command
        assert {r["initiator"] for r in com} == {"council_of_ministers"}
        assert {r["initiator"] for r in mp} <= {"mps", "committee"}
        assert len(com) + len(mp) == len(both) == len(every), command


def test_findings_list_sort_by_severity(world):
    url = world["url"]
    by_date = json.loads(lexwatch("findings", "list", "--format", "json", "--db", url).stdout)
    by_severity = json.loads(lexwatch("findings", "list", "--sort", "severity", "--format", "json", "--db", url).stdout)
    order = ("FAIL", "WARN", "UNKNOWN", "N_A", "PASS")
    ranks = [order.index(r["verdict"]) for r in by_severity]
    assert ranks == sorted(ranks) and ranks != [order.index(r["verdict"]) for r in by_date]
    assert sorted(map(json.dumps, by_date)) == sorted(map(json.dumps, by_severity))  # the same findings
    bad = lexwatch("findings", "list", "--sort", "colour", "--db", url)
    assert bad.exit_code != 0 and "--sort must be one of date, severity" in str(bad.exception)


def test_demo_hint_is_one_command_per_line_with_the_real_cli(tmp_path):
    from pathlib import Path

    from monitor.commands.demo import cli_path, explore_hint

    url = f"sqlite:///{tmp_path / 'var' / 'demo' / 'lexwatch-demo.sqlite3'}"
    hint = explore_hint(url)
    lines = hint.splitlines()
    assert f"  export LEXWATCH_DATABASE_URL={url}" in lines  # the URL whole on its line, whatever the width
    cli = cli_path()
    assert Path(cli.split(" ")[0]).is_file()  # a path that exists, not a bare `lexwatch`
    commands = [ln.strip() for ln in lines if ln.strip().startswith(cli)]
    assert any(c.endswith(" bills list") for c in commands) and any(c.endswith(" review serve") for c in commands)


def test_documents_list_says_the_kinds_in_words_and_json_keeps_the_codes(world):
    """The table names each file's kind, state and owner by core.documents' labels; --format json
    keeps the stored code under `classification` and adds its label."""
    from db.models import Document

    url = world["url"]
    with session_scope(url) as s:
        s.add_all([
            Document(owner_type="bill", owner_id=167546, url=f"{BASE}/pub/motivi-167546.pdf", filename="motivi.pdf",
                     status="ok", classification="motives", text="МОТИВИ към проекта", pages=3),
            Document(owner_type="bill", owner_id=167546, url=f"{BASE}/pub/ov-167546.docx", filename="ov.docx",
                     status="ok", classification="impact_assessment_partial", text="Частична оценка", pages=9),
            Document(owner_type="consultation", owner_id=9123, url="https://strategy.bg/download/x.zip", filename="x.zip",
                     status="skipped", classification=None, is_scanned=False),
        ])
    table = lexwatch("documents", "list", "--db", url)
    assert table.exit_code == 0, table.output
    out = table.stdout
    for words in ("мотиви", "частична предварителна оценка на въздействието", "законопроект 167546",
                  "консултация 9123", "прочетен", "пропуснат", "вид", "състояние"):
        assert words in out, words
    for raw in ("motives", "impact_assessment_partial", " bill ", "skipped", "kind", "status"):
        assert raw not in out, raw
    rows = json.loads(lexwatch("documents", "list", "--format", "json", "--db", url).stdout)
    by_file = {r["filename"]: r for r in rows}
    assert (by_file["motivi.pdf"]["classification"], by_file["motivi.pdf"]["classification_label"]) == ("motives", "мотиви")
    assert by_file["ov.docx"]["classification"] == "impact_assessment_partial"
    assert (by_file["x.zip"]["classification"], by_file["x.zip"]["classification_label"]) == (None, None)
    assert by_file["x.zip"]["status"] == "skipped"  # stable codes for tools
