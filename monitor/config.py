"""The monitor's configuration: one TOML file, every key optional.

The file is `$LEXWATCH_CONFIG` or `config.toml` in the user config dir (platformdirs);
a missing file means the defaults. Secrets never live in the file: the SMTP password is
read from the environment variable the file names (`smtp.password_env`).

Example (every key shown with its default, except the SMTP ones which are off by default):

    [schedule]
    time = "02:30"                 # local time in `timezone`
    timezone = "Europe/Sofia"
    misfire_grace_hours = 6        # a run missed while the host was down still runs this late

    [health]
    error_rate = 0.1               # errors / records read above this = the source is broken
    reconcile_tolerance = 0        # records a source lists beyond what is stored before we complain
    [health.min_records]           # fewer records listed and read than this = broken (default 1 each)
    pris = 1
    [health.freshness_hours]       # a source not read successfully for longer than this is stale
    parliament = 36
    strategy = 36
    pris = 72

    [smtp]
    host = "mail.example.org"
    port = 587
    starttls = true
    user = "lexwatch"
    password_env = "LEXWATCH_SMTP_PASSWORD"
    from = "lexwatch@example.org"
    to = ["team@example.org"]

    [feed]
    path = "/var/lib/lexwatch/digest.atom"

    [sources]
    parliament_url = "https://www.parliament.bg"
    strategy_url = "https://strategy.bg"

    [pipeline]
    crawl_timeout_minutes = 180    # each crawl and the document fetch
    step_timeout_minutes = 60      # link, evaluate
    log_dir = "/var/log/lexwatch"  # default: the user log dir; one folder per run, one log per step
    disabled = []                  # step names not to run, e.g. ["crawl_pris"]
    [pipeline.step_args]           # extra arguments of a step's command
    crawl_parliament = ["--since", "2021-01"]

    [lock]
    heartbeat_seconds = 30
    stale_after_minutes = 15       # a holder silent this long (or whose pid is gone) is taken over

    [review]                       # the staff review UI (`lexwatch review serve`)
    max_failed_logins = 5          # failed sign-ins for one user name within the window ...
    max_failed_logins_per_client = 20  # ... or from one client address, then that name/address is locked
    failed_login_window_minutes = 15
    lockout_minutes = 15
    proxy_hops = 0                 # behind a reverse proxy: X-Forwarded-For hops to trust (nginx in front: 1)
"""
from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Annotated, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from platformdirs import user_config_dir, user_data_dir, user_log_dir
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from core.errors import LexwatchError

ENV_CONFIG = "LEXWATCH_CONFIG"
SOURCES = ("parliament", "strategy", "pris")


class ConfigError(LexwatchError):
    """The configuration file cannot be read or has a wrong value (exit code 2)."""

    exit_code = 2


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ScheduleConfig(_Section):
    time: str = "02:30"
    timezone: str = "Europe/Sofia"
    misfire_grace_hours: Annotated[float, Field(gt=0)] = 6.0
    job_id: str = "lexwatch-nightly"

    @field_validator("time")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        try:
            dt.time.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a time of day as HH:MM") from None
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone (e.g. Europe/Sofia)") from None
        return value

    @property
    def hour(self) -> int:
        return dt.time.fromisoformat(self.time).hour

    @property
    def minute(self) -> int:
        return dt.time.fromisoformat(self.time).minute

    @property
    def misfire_grace_seconds(self) -> int:
        return int(self.misfire_grace_hours * 3600)


def _default_freshness() -> dict[str, float]:
    # Parliament and consultations change every working day; ПРИС publishes after the weekly
    # Council of Ministers sitting, so a longer silence there is normal.
    return {"parliament": 36.0, "strategy": 36.0, "pris": 72.0}


class HealthConfig(_Section):
    freshness_hours: dict[str, Annotated[float, Field(gt=0)]] = Field(default_factory=_default_freshness)
    error_rate: Annotated[float, Field(ge=0, le=1)] = 0.1
    reconcile_tolerance: Annotated[int, Field(ge=0)] = 0
    # A crawl that lists and reads fewer records than this is broken (default 1 per source: an empty
    # answer is a layout change, not a quiet night); 0 for a source whose incremental window may be empty.
    min_records: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)


class SmtpConfig(_Section):
    host: str | None = None  # no host: no e-mail, the Atom feed only
    port: Annotated[int, Field(gt=0, lt=65536)] = 25
    starttls: bool = False
    ssl: bool = False  # SMTP over TLS from the first byte (port 465)
    user: str | None = None
    password_env: str = "LEXWATCH_SMTP_PASSWORD"
    sender: str = Field("lexwatch@localhost", alias="from")
    to: list[str] = Field(default_factory=list)
    timeout_seconds: Annotated[float, Field(gt=0)] = 30.0

    @field_validator("to", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _usable(self) -> Self:
        if self.host and not self.to:
            raise ValueError("smtp.host is set but smtp.to lists no recipient")
        if self.starttls and self.ssl:
            raise ValueError("choose one of smtp.starttls and smtp.ssl")
        return self

    @property
    def enabled(self) -> bool:
        return bool(self.host)

    def password(self) -> str | None:
        """The password from the environment; a user without one there is a clear error."""
        if not self.user:
            return None
        value = os.environ.get(self.password_env)
        if not value:
            raise ConfigError(f"smtp.user is set but the environment variable {self.password_env} holds no password")
        return value


def _default_feed_path() -> Path:
    return Path(user_data_dir("lexwatch", appauthor=False)) / "digest.atom"


class FeedConfig(_Section):
    path: Path = Field(default_factory=_default_feed_path)
    max_entries: Annotated[int, Field(gt=0)] = 50
    title: str = "lexwatch: review flags and source health"


class SourcesConfig(_Section):
    # None: the crawler's own default (crawlers/settings.py, which also reads the environment).
    parliament_url: str | None = None
    strategy_url: str | None = None

    @field_validator("parliament_url", "strategy_url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value.rstrip("/") if value else value


def _default_log_dir() -> Path:
    return Path(user_log_dir("lexwatch", appauthor=False))


class PipelineConfig(_Section):
    crawl_timeout_minutes: Annotated[float, Field(gt=0)] = 180.0
    step_timeout_minutes: Annotated[float, Field(gt=0)] = 60.0
    log_dir: Path = Field(default_factory=_default_log_dir)  # one log file per step and run
    # Steps not to run (e.g. ["crawl_pris"]); steps that need only disabled ones are disabled too.
    disabled: list[str] = Field(default_factory=list)
    # Extra arguments per step, e.g. {crawl_parliament = ["--since", "2021-01"]} for a back-fill.
    step_args: dict[str, list[str]] = Field(default_factory=dict)


class LockConfig(_Section):
    heartbeat_seconds: Annotated[float, Field(gt=0)] = 30.0
    stale_after_minutes: Annotated[float, Field(gt=0)] = 15.0


class ReviewConfig(_Section):
    # Per user name: slows password guessing against one account to N tries per lock-out period.
    max_failed_logins: Annotated[int, Field(gt=0)] = 5
    # Per client address: one client spraying one password over many names. Higher than the per-name
    # limit, because staff behind one office NAT share an address.
    max_failed_logins_per_client: Annotated[int, Field(gt=0)] = 20
    failed_login_window_minutes: Annotated[float, Field(gt=0)] = 15.0
    lockout_minutes: Annotated[float, Field(gt=0)] = 15.0
    # Behind a reverse proxy every request comes from the proxy's address; trust this many
    # X-Forwarded-For hops to see the real client (0: direct, the default; never more than the
    # proxies you run, or clients can pick their own address).
    proxy_hops: Annotated[int, Field(ge=0, le=5)] = 0

    @property
    def window(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.failed_login_window_minutes)

    @property
    def lockout(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.lockout_minutes)


class Config(_Section):
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    health: HealthConfig = Field(default_factory=HealthConfig)
    smtp: SmtpConfig = Field(default_factory=SmtpConfig)
    feed: FeedConfig = Field(default_factory=FeedConfig)
    sources: SourcesConfig = Field(default_factory=SourcesConfig)
    pipeline: PipelineConfig = Field(default_factory=PipelineConfig)
    lock: LockConfig = Field(default_factory=LockConfig)
    review: ReviewConfig = Field(default_factory=ReviewConfig)
    path: Path | None = Field(None, exclude=True)  # where it was read from, None for the defaults


def default_config_path() -> Path:
    return Path(user_config_dir("lexwatch", appauthor=False)) / "config.toml"


def config_path(path: str | Path | None = None) -> Path:
    """The file to read: explicit argument, then $LEXWATCH_CONFIG, then the user config dir."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_CONFIG)
    return Path(env) if env else default_config_path()


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        parts.append(f"{where}: {msg}")
    return "; ".join(parts)


def load_config(path: str | Path | None = None) -> Config:
    """Read the configuration; a missing default file gives the defaults, anything wrong one ConfigError."""
    explicit = bool(path) or bool(os.environ.get(ENV_CONFIG))
    file = config_path(path)
    if not file.exists():
        if explicit:
            raise ConfigError(f"config file {file} does not exist")
        return Config()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {file}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {file} is not valid TOML: {exc}") from exc
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"config file {file}: {_describe(exc)}") from exc
    return config.model_copy(update={"path": file})
