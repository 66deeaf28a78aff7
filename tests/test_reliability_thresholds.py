"""Issue 14, point 4: thresholds are validated for range and order, with an error naming the
file and the key (a `min_days = -5` or `pass_share = 7.5` once turned CONS-02's 17 FAIL and
42 WARN into all PASS)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO_ROOT
from criteria import thresholds as T

BAD = [
    ("[CONS-02]\nmin_days = -5\n", "[CONS-02] min_days = -5 must not be negative"),
    ("[CONS-06]\npass_share = 7.5\n", "[CONS-06] pass_share = 7.5 must be between 0 and 1 (a share)"),
    ("[IA-04]\nwarn_score = -0.1\n", "[IA-04] warn_score = -0.1 must be between 0 and 1 (a share)"),
    ("[CONS-06]\nwarn_share = 0.95\n", "[CONS-06] warn_share = 0.95 must not exceed pass_share = 0.9"),
    ("[IA-04]\npass_score = 0.3\n", "[IA-04] warn_score = 0.4 must not exceed pass_score = 0.3"),
    ("[MOT-02]\npass_elements = 6\n", "[MOT-02] pass_elements = 6 must be at most 5"),
    ("[NA-03]\nmin_days = 40\n", "[NA-03] min_days = 40 must not exceed shelving_days = 30"),
    ("[LT-02]\nwarn_amendments = 7\n", "[LT-02] warn_amendments = 7 must not exceed red_flag_amendments = 6"),
    ("[NA-07]\nstalled_days = -1\n", "[NA-07] stalled_days = -1 must not be negative"),
]


@pytest.mark.parametrize("text,message", BAD)
def test_out_of_range_or_out_of_order_values_are_refused_naming_file_and_key(tmp_path, text, message):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(T.ThresholdsError) as exc:
        T.load(path)
    assert str(exc.value) == f"thresholds file {path}: {message}"


def test_values_at_the_edges_of_their_ranges_are_accepted(tmp_path):
    path = tmp_path / "edges.toml"
    path.write_text("[CONS-06]\npass_share = 1.0\nwarn_share = 0.0\n[NA-01]\nmax_days = 0\n[IA-04]\nwarn_score = 0.7\n", encoding="utf-8")
    th = T.load(path)
    assert th.section("CONS-06") == {"pass_share": 1.0, "warn_share": 0.0}
    assert th.section("IA-04")["warn_score"] == th.section("IA-04")["pass_score"] == 0.7


def test_the_defaults_are_valid():
    T.validate(T.defaults().values, "defaults")


def test_cli_refuses_a_bad_thresholds_file_with_one_line_and_exit_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[CONS-02]\nmin_days = -5\n", encoding="utf-8")
    example = REPO_ROOT / "criteria" / "schema" / "initiative.example.json"
    proc = subprocess.run([sys.executable, "-m", "monitor.cli", "evaluate", "--input", str(example), "--thresholds", str(path)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"thresholds file {path}: [CONS-02] min_days = -5 must not be negative" in proc.stderr
    assert proc.stdout == ""


# Found by bench/mutation.py (mutmut on criteria/thresholds.py): cases the tests above let pass.
TYPE_ERRORS = [
    ("[CONS-02]\nmin_days = true\n", "[CONS-02] min_days = True must be int like the default 30"),
    ("[CONS-06]\npass_share = false\n", "[CONS-06] pass_share = False must be float like the default 0.9"),
    ("[flags]\nwarn_criteria = [1, 2]\n", "[flags] warn_criteria = [1, 2] must be list like the default"),
    ("[CONS-06]\npass_share = 1.01\n", "[CONS-06] pass_share = 1.01 must be between 0 and 1 (a share)"),
    ("CONS-06 = 3\n", "[CONS-06] must be a table"),
]


@pytest.mark.parametrize("text,message", TYPE_ERRORS)
def test_values_of_another_type_are_refused(tmp_path, text, message):
    path = tmp_path / "typed.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(T.ThresholdsError) as exc:
        T.load(path)
    assert str(exc.value).startswith(f"thresholds file {path}: {message}")


def test_unknown_keys_name_the_known_ones(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text("[CONS-06]\npas_share = 0.8\n", encoding="utf-8")
    with pytest.raises(T.ThresholdsError) as exc:
        T.load(path)
    assert str(exc.value) == f"thresholds file {path}: unknown key 'pas_share' in [CONS-06] (known: pass_share, warn_share)"
    path.write_text("[CONS-6]\npass_share = 0.8\n", encoding="utf-8")
    with pytest.raises(T.ThresholdsError) as exc:
        T.load(path)
    assert "unknown table [CONS-6] (known: CONS-02, CONS-03, CONS-06, DV-01, " in str(exc.value)


def test_an_integer_for_a_share_is_the_same_setting_as_its_float(tmp_path):
    one, one_float = tmp_path / "one.toml", tmp_path / "one_float.toml"
    one.write_text("[CONS-06]\npass_share = 1\n", encoding="utf-8")
    one_float.write_text("[CONS-06]\npass_share = 1.0\n", encoding="utf-8")
    assert T.load(one).hash == T.load(one_float).hash
    assert isinstance(T.load(one).section("CONS-06")["pass_share"], float)


def test_a_broken_defaults_file_is_refused_naming_it(tmp_path, monkeypatch):
    """The defaults are validated like a user file: a slip in criteria/thresholds.toml names that file."""
    broken = tmp_path / "defaults.toml"
    broken.write_text(T.DEFAULTS_PATH.read_text(encoding="utf-8").replace("min_days = 30", "min_days = -30", 1),
                      encoding="utf-8")
    monkeypatch.setattr(T, "DEFAULTS_PATH", broken)
    with pytest.raises(T.ThresholdsError) as exc:
        T.load()
    assert str(exc.value) == f"thresholds file {broken}: [CONS-02] min_days = -30 must not be negative"


def test_a_file_that_is_not_toml_or_not_there_is_named(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[CONS-02\nmin_days = 3\n", encoding="utf-8")
    with pytest.raises(T.ThresholdsError) as exc:
        T.load(bad)
    assert str(exc.value).startswith(f"thresholds file {bad} is not valid TOML: ")
    with pytest.raises(T.ThresholdsError) as exc:
        T.load(tmp_path / "none.toml")
    assert str(exc.value) == f"cannot read thresholds file {tmp_path / 'none.toml'}: No such file or directory"


def test_the_hash_does_not_depend_on_the_order_of_the_tables(tmp_path, monkeypatch):
    import re

    text = T.DEFAULTS_PATH.read_text(encoding="utf-8")
    head, *tables = re.split(r"(?m)^(?=\[)", text)
    assert len(tables) > 10
    reordered = tmp_path / "reordered.toml"
    reordered.write_text(head + "".join(t if t.endswith("\n") else t + "\n" for t in reversed(tables)), encoding="utf-8")
    original = T.load()
    monkeypatch.setattr(T, "DEFAULTS_PATH", reordered)
    again = T.load()
    assert list(again.values) != list(original.values)  # the tables really are in another order
    assert again.hash == original.hash and again.to_dict() == original.to_dict()
    assert list(again.to_dict()) == sorted(again.to_dict())
    assert again.to_dict()["regime"]["reform_date"] == "2016-11-04"


def test_overrides_in_code_are_named_overrides():
    th = T.defaults().with_overrides({"NA-03": {"min_days": 5}})
    assert th.sources[-1] == "overrides"
    with pytest.raises(T.ThresholdsError) as exc:
        T.defaults().with_overrides({"NA-03": {"min_days": -1}})
    assert str(exc.value) == "thresholds file overrides: [NA-03] min_days = -1 must not be negative"


def test_a_criterion_without_settings_gets_an_empty_section():
    assert T.defaults().section("INIT-01") == {} and T.defaults().section("CONS-02")["min_days"] == 30
