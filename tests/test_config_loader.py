"""The one config loader (core.config): the file, the LEXWATCH_* environment over it, the flags over
both, and a wrong value named by its file (or variable) and key."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from core.config import ENV_CONFIG, ENV_KEYS, ENV_ONLY, ConfigError, env_float, load
from crawlers.config import crawl_sections
from monitor.config import load_config


@pytest.fixture(autouse=True)
def _clean_environment(tmp_path, monkeypatch):
    # No variable of the developer's shell, and no file of their user config dir, leaks in.
    for variable in [*ENV_KEYS, *ENV_ONLY]:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_each_sections_defaults():
    raw = load()
    assert raw.path is None and raw.tables == {}
    sources, crawl = crawl_sections()
    assert (sources.parliament_url, sources.strategy_url) == (None, None)
    assert (crawl.contact, crawl.log_level) == ("https://github.com/lexwatch/lexwatch", "INFO")


def test_the_default_file_is_config_toml_in_the_user_config_dir(tmp_path):
    _write(_mkdir(tmp_path / "xdg-config" / "lexwatch") / "config.toml", '[crawl]\ncontact = "mailto:a@example.org"\n')
    assert crawl_sections()[1].contact == "mailto:a@example.org"
    assert load_config().crawl.contact == "mailto:a@example.org"


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def test_file_then_environment_then_flag(tmp_path, monkeypatch):
    path = _write(tmp_path / "lexwatch.toml", '[sources]\nparliament_url = "http://127.0.0.1:8001/"\n'
                                               'strategy_url = "http://127.0.0.1:8002"\n'
                                               '[crawl]\nlog_level = "warning"\n')
    monkeypatch.setenv(ENV_CONFIG, str(path))
    config = load_config()
    assert config.path == path
    assert (config.sources.parliament_url, config.sources.strategy_url) == ("http://127.0.0.1:8001", "http://127.0.0.1:8002")
    assert config.crawl.log_level == "WARNING"

    # The environment wins over the file, key by key; what it does not set stays the file's.
    monkeypatch.setenv("LEXWATCH_PARLIAMENT_BASE_URL", "http://127.0.0.1:9001")
    config = load_config()
    assert (config.sources.parliament_url, config.sources.strategy_url) == ("http://127.0.0.1:9001", "http://127.0.0.1:8002")
    assert crawl_sections(path)[0].parliament_url == "http://127.0.0.1:9001"
    # An empty variable is unset, not an empty URL.
    monkeypatch.setenv("LEXWATCH_PARLIAMENT_BASE_URL", "")
    assert load_config().sources.parliament_url == "http://127.0.0.1:8001"

    # Scrapy's settings module reads the same sections when imported, as `scrapy crawl` imports it.
    monkeypatch.setenv("LEXWATCH_PARLIAMENT_BASE_URL", "http://127.0.0.1:9001")
    probe = ("from scrapy.utils.project import get_project_settings as g; s = g(); "
             "print(s['PARLIAMENT_BASE_URL'], s['STRATEGY_BASE_URL'], s['LOG_LEVEL'])")
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["http://127.0.0.1:9001", "http://127.0.0.1:8002", "WARNING"], out.stderr

    # A flag wins over both (run-nightly's --parliament-url / --strategy-url), and is checked the same way.
    flagged = load_config().with_sources(strategy_url="http://127.0.0.1:7/", parliament_url=None)
    assert (flagged.sources.parliament_url, flagged.sources.strategy_url) == ("http://127.0.0.1:9001", "http://127.0.0.1:7")
    with pytest.raises(ConfigError, match="'ftp://x' is not an http\\(s\\) URL"):
        load_config().with_sources(strategy_url="ftp://x")


def test_scrapy_set_still_overrides_the_settings_module(tmp_path, monkeypatch):
    monkeypatch.setenv("LEXWATCH_SCRAPY_LOG_LEVEL", "ERROR")
    probe = ("from scrapy.utils.project import get_project_settings as g; s = g(); "
             "s.setdict({'LOG_LEVEL': 'DEBUG', 'PARLIAMENT_BASE_URL': 'http://127.0.0.1:7'}, priority='cmdline'); "
             "print(s['LOG_LEVEL'], s['PARLIAMENT_BASE_URL'], s['USER_AGENT'])")
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.split()[:3] == ["DEBUG", "http://127.0.0.1:7", "lexwatch/0.1"], out.stderr
    assert "(+https://github.com/lexwatch/lexwatch;" in out.stdout


def test_a_bad_value_names_the_file_and_the_key(tmp_path):
    path = _write(tmp_path / "bad.toml", '[crawl]\nlog_level = "loud"\n')
    with pytest.raises(ConfigError) as info:
        crawl_sections(path)
    assert str(info.value) == (f"config file {path}: crawl.log_level: 'loud' is not a log level "
                               "(CRITICAL, ERROR, WARNING, INFO, DEBUG)")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"config file {path}: crawl.log_level: 'loud'")


def test_a_bad_value_from_the_environment_names_the_variable(tmp_path, monkeypatch):
    path = _write(tmp_path / "ok.toml", '[schedule]\ntime = "nine"\n')
    monkeypatch.setenv("LEXWATCH_STRATEGY_BASE_URL", "strategy.bg")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    # Each wrong value names where it came from: the file for one, the variable for the other.
    assert str(info.value) == (f"config file {path}: schedule.time: 'nine' is not a time of day as HH:MM; "
                               "$LEXWATCH_STRATEGY_BASE_URL: sources.strategy_url: 'strategy.bg' is not an http(s) URL")


def test_a_section_that_is_not_a_table(tmp_path, monkeypatch):
    path = _write(tmp_path / "flat.toml", 'sources = "https://strategy.bg"\n')
    with pytest.raises(ConfigError, match=re.escape(f"config file {path}: sources: ")):
        load_config(path)
    monkeypatch.setenv("LEXWATCH_STRATEGY_BASE_URL", "https://strategy.bg")
    with pytest.raises(ConfigError, match=re.escape(f"config file {path}: sources must be a table")):
        load(path)


def test_a_file_that_is_not_utf8_is_one_error_naming_it(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('[feed]\ntitle = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match=re.escape(f"cannot read config file {path}: not UTF-8")):
        load_config(path)


def test_a_bad_number_in_the_environment_names_the_variable(monkeypatch):
    assert env_float("LEXWATCH_LOCK_WAIT", 900.0) == 900.0
    monkeypatch.setenv("LEXWATCH_LOCK_WAIT", "2.5")
    assert env_float("LEXWATCH_LOCK_WAIT", 900.0) == 2.5
    monkeypatch.setenv("LEXWATCH_LOCK_WAIT", "soon")
    with pytest.raises(ConfigError, match=r"\$LEXWATCH_LOCK_WAIT = 'soon' is not a number"):
        env_float("LEXWATCH_LOCK_WAIT", 900.0)


PRODUCTION = ("core", "texts", "db", "crawlers", "linking", "criteria", "monitor")
# Copies of the whole environment handed to a child process, not reads of a setting.
CHILD_ENVIRONMENT = re.compile(r"dict\(os\.environ\)|\{\*\*os\.environ")


def test_only_the_loader_reads_the_environment():
    readers = []
    for package in PRODUCTION:
        for path in sorted((REPO_ROOT / package).rglob("*.py")):
            if path == REPO_ROOT / "core" / "config.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(r"os\.environ|getenv", CHILD_ENVIRONMENT.sub("", line)):
                    readers.append(f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}")
    assert not readers, "read the environment through core.config.env:\n" + "\n".join(readers)


def test_every_variable_is_documented_in_the_readme():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    missing = [v for v in [*ENV_KEYS, ENV_CONFIG, "LEXWATCH_DATABASE_URL", "LEXWATCH_THRESHOLDS"] if v not in readme]
    assert not missing


def test_the_nightly_steps_read_the_file_named_by_config(tmp_path):
    from monitor.nightly import _child_env

    path = _write(tmp_path / "server.toml", '[crawl]\ncontact = "mailto:ops@example.org"\n')
    child = _child_env("sqlite://", load_config(path))
    assert child["LEXWATCH_CONFIG"] == str(path)
    probe = "from scrapy.utils.project import get_project_settings as g; print(g()['USER_AGENT'])"
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, env=child, capture_output=True, text=True, timeout=120)
    assert "(+mailto:ops@example.org;" in out.stdout, out.stderr


def test_the_linker_settings_are_a_section_of_the_file(tmp_path, sqlite_url):
    import dataclasses
    import json

    from linking.settings import DEFAULT_SETTINGS

    path = _write(tmp_path / "linking.toml", "[linking]\nwindow_months = 12\n[linking.consultation]\naccept = 90\n")
    settings = load_config(path).linking
    # Only what the table names changes; the rest of [linking.consultation] keeps its defaults.
    assert settings == dataclasses.replace(
        DEFAULT_SETTINGS, window_months=12, consultation=dataclasses.replace(DEFAULT_SETTINGS.consultation, accept=90.0))
    assert load_config(_write(tmp_path / "empty.toml", "")).linking == DEFAULT_SETTINGS

    # `lexwatch link` runs with them: the run records their digest.
    run = subprocess.run([sys.executable, "-m", "monitor.cli", "link", "--db", sqlite_url, "--config", str(path), "--format", "json"],
                         cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["settings_digest"] == settings.digest() != DEFAULT_SETTINGS.digest()

    _write(path, "[linking.consultation]\nacept = 90\n")
    bad = subprocess.run([sys.executable, "-m", "monitor.cli", "link", "--db", sqlite_url, "--config", str(path)],
                         cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2
    assert bad.stderr.strip() == f"lexwatch: error: config file {path}: linking.consultation.acept: unknown key"
