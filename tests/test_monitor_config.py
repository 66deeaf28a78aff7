"""The monitor's TOML configuration: defaults, a full file, and one clear error for a bad one."""
from __future__ import annotations

import subprocess
import sys

import pytest

from monitor.config import ConfigError, load_config


def test_missing_default_file_gives_defaults(tmp_path, monkeypatch):
    monkeypatch.delenv("LEXWATCH_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "nothing-here"))
    cfg = load_config()
    assert cfg.path is None
    assert (cfg.schedule.time, cfg.schedule.timezone) == ("02:30", "Europe/Sofia")
    assert (cfg.schedule.hour, cfg.schedule.minute) == (2, 30)
    assert cfg.schedule.misfire_grace_seconds == int(cfg.schedule.misfire_grace_hours * 3600) > 3600
    assert not cfg.smtp.enabled
    assert set(cfg.health.freshness_hours) == {"parliament", "strategy", "pris"}


def test_full_file_from_environment(tmp_path, monkeypatch):
    path = tmp_path / "lexwatch.toml"
    path.write_text(
        """
[schedule]
time = "03:15"
timezone = "UTC"
misfire_grace_hours = 2.5

[health]
error_rate = 0.25
[health.freshness_hours]
parliament = 12

[smtp]
host = "127.0.0.1"
port = 2525
from = "lexwatch@example.org"
to = "team@example.org"
user = "bot"
password_env = "TEST_LEXWATCH_SMTP_PW"

[feed]
path = "%s"

[sources]
parliament_url = "http://127.0.0.1:8001/"
"""
        % (tmp_path / "feed.atom"),
        encoding="utf-8",
    )
    monkeypatch.setenv("LEXWATCH_CONFIG", str(path))
    cfg = load_config()
    assert cfg.path == path
    assert (cfg.schedule.hour, cfg.schedule.minute, cfg.schedule.timezone) == (3, 15, "UTC")
    assert cfg.schedule.misfire_grace_seconds == 9000
    assert cfg.health.error_rate == 0.25 and cfg.health.freshness_hours == {"parliament": 12.0}
    assert cfg.smtp.sender == "lexwatch@example.org" and cfg.smtp.to == ["team@example.org"] and cfg.smtp.port == 2525
    assert cfg.feed.path == tmp_path / "feed.atom"
    assert cfg.sources.parliament_url == "http://127.0.0.1:8001" and cfg.sources.strategy_url is None

    # The password is never in the file: it comes from the named variable, and its absence is an error.
    monkeypatch.delenv("TEST_LEXWATCH_SMTP_PW", raising=False)
    with pytest.raises(ConfigError, match="TEST_LEXWATCH_SMTP_PW"):
        cfg.smtp.password()
    monkeypatch.setenv("TEST_LEXWATCH_SMTP_PW", "s3cret")
    assert cfg.smtp.password() == "s3cret"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[schedule]\ntime = "25:61"\n', "schedule.time: '25:61' is not a time of day"),
        ('[schedule]\ntimezone = "Europe/Sofa"\n', "schedule.timezone: 'Europe/Sofa' is not an IANA time zone"),
        ('[schedule]\nmisfire_grace_hours = 0\n', "schedule.misfire_grace_hours"),
        ("[smtp]\nhots = 'x'\n", "smtp.hots: unknown key"),
        ("[smtp]\nhost = 'mail'\n", "smtp.host is set but smtp.to lists no recipient"),
        ("[health]\nerror_rate = 2\n", "health.error_rate"),
        ("[sources]\nstrategy_url = 'ftp://x'\n", "sources.strategy_url: 'ftp://x' is not an http(s) URL"),
        ("[schedule\ntime=1", "is not valid TOML"),
    ],
)
def test_bad_config_is_one_clear_error(tmp_path, text, expected):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert expected in str(info.value)
    assert str(path) in str(info.value)


def test_named_file_that_does_not_exist(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_cli_reports_bad_config_in_one_line(tmp_path, sqlite_url):
    path = tmp_path / "bad.toml"
    path.write_text('[schedule]\ntime = "noon"\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "status", "--db", sqlite_url, "--config", str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"lexwatch: error: config file {path}: schedule.time: 'noon' is not a time of day as HH:MM"]
    assert "Traceback" not in proc.stderr
