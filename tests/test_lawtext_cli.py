"""`lexwatch act-text`: JSON output on a real act, and one clean error line for bad input."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import REPO_ROOT, shared_fixture
from monitor.cli import app

runner = CliRunner()


def test_json_lists_other_laws_and_clauses():
    path = shared_fixture("parliament/act-166496.json")
    result = runner.invoke(app, ["act-text", str(path), "--format", "json", "--promulgated", "2025-11-21"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(a["section"], a["law_name_normalised"]) for a in data["amended_laws"]] == [
        ("§ 21", "Закон за електронната търговия"),
        ("§ 22", "Закон за радиото и телевизията"),
        ("§ 23", "Закон за автомобилните превози"),
    ]
    [clause] = data["entry_into_force"]
    assert clause["kind"] == "default_3_days" and clause["effective_date"] == "2025-11-24"
    assert data["promulgation_date"] == "2025-11-21" and data["vacatio_legis_days"] == 3


def test_json_clause_carries_offset_and_provisions():
    path = shared_fixture("parliament/act-15565.json")
    result = runner.invoke(app, ["act-text", str(path), "--format", "json"])
    assert result.exit_code == 0
    clauses = json.loads(result.stdout)["entry_into_force"]
    assert [(c["offset_months"], c["fixed_date"]) for c in clauses] == [
        (6, None), (7, None), (12, None), (18, None), (None, "2017-04-01")]
    assert clauses[3]["provisions"] == ["чл. 29–33", "§ 5, т. 3"]


def test_json_and_table_show_each_clauses_verb_and_express_retroactivity(tmp_path):
    real = runner.invoke(app, ["act-text", str(shared_fixture("parliament/act-164632.json")), "--format", "json"])
    assert [(c["verb"], c["effect"], c["counted_from"]) for c in json.loads(real.stdout)["entry_into_force"]] == [
        ("влиза в сила", "entry_into_force", False), ("се прилага", "application", False)]
    path = tmp_path / "act.json"
    path.write_text(json.dumps({
        "L_Act_id": 7, "L_ActL_final": "Закон за водите", "L_Act_date2": "2026-01-28", "L_Act_dv_iss": "12",
        "L_Act_dv_year": 2026,
        "L_ActL_final_body": "<p>Издаден в София на 5 февруари 2026 г.</p><p>Заключителни разпоредби</p>"
                             "<p>§ 7. Законът влиза в сила от деня на обнародването му в „Държавен вестник“, а § 2 "
                             "има об&shy;рат&shy;но действие, считано от 1&nbsp;януари 2026 г.</p>"}), encoding="utf-8")
    result = runner.invoke(app, ["act-text", str(path), "--format", "json", "--promulgated", "2026-02-10"])
    assert result.exit_code == 0, result.output
    main, back = json.loads(result.stdout)["entry_into_force"]
    assert (main["kind"], main["vacatio_legis_days"]) == ("on_promulgation", 0)
    assert (back["effect"], back["verb"], back["counted_from"], back["provisions"]) == (
        "retroactive", "има обратно действие", True, ["§ 2"])
    assert (back["effective_date"], back["vacatio_legis_days"]) == ("2026-01-01", -40)
    table = runner.invoke(app, ["act-text", str(path), "--promulgated", "2026-02-10"])
    assert table.exit_code == 0 and "retroactive" in table.stdout and "считано" in table.stdout


def test_table_is_default():
    path = shared_fixture("parliament/act-164632.json")
    result = runner.invoke(app, ["act-text", str(path)])
    assert result.exit_code == 0
    assert "Закон за правната помощ" in result.stdout and "2023-12-17" in result.stdout


@pytest.mark.parametrize("content,code,message", [
    (None, 1, "no such file"),
    ("{not json", 2, "not JSON"),  # bad content: exit 2, as in `evaluate --input`
    ("[1, 2]", 2, "not a parliament.bg act object"),
    ('{"L_Bill_id": 1}', 2, "missing key(s) L_Act_id, L_ActL_final_body"),
])
def test_bad_input_is_one_line_on_stderr(tmp_path, content, code, message):
    path = tmp_path / "payload.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["act-text", str(path), "--format", "json"])
    assert result.exit_code == code
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(path) in lines[0]


def test_bad_promulgated_date_is_a_usage_error(tmp_path):
    path = shared_fixture("parliament/act-166496.json")
    result = runner.invoke(app, ["act-text", str(path), "--promulgated", "21.11.2025"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_installed_entry_point_exit_code_and_no_traceback(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("[]", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "monitor.cli", "act-text", str(path)],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "not a parliament.bg act object" in proc.stderr
