"""The whole configuration: one TOML file, every key optional, read by core.config.

The file is `--config`, else `$LEXWATCH_CONFIG`, else `config.toml` in the user config dir
(platformdirs); a missing default file means the defaults. Precedence, lowest first: defaults <
the file < the LEXWATCH_* variables of core.config.ENV_KEYS < command-line flags. Each layer
declares its own tables next to its code (the crawlers' [sources] and [crawl] in
crawlers/config.py, the monitor's below); this module puts them together, so that an unknown
table or key anywhere is an error. Secrets never live in the file: the SMTP password is read
from the environment variable the file names (`smtp.password_env`).

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

    [sources]                      # also $LEXWATCH_PARLIAMENT_BASE_URL, $LEXWATCH_STRATEGY_BASE_URL
    parliament_url = "https://www.parliament.bg"
    strategy_url = "https://strategy.bg"

    [crawl]
    contact = "https://github.com/lexwatch/lexwatch"  # in the User-Agent; also $LEXWATCH_CONTACT
    log_level = "INFO"             # Scrapy's; also $LEXWATCH_SCRAPY_LOG_LEVEL

    [linking]                      # the linker's thresholds and weights (linking/settings.py), only what changes
    window_months = 24
    [linking.consultation]
    accept = 85.0

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
from pathlib import Path
from typing import Annotated, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from platformdirs import user_data_dir, user_log_dir
from pydantic import Field, ValidationError, field_validator, model_validator

from core.config import ConfigError, Section, env, load
from crawlers.config import CrawlConfig, SourcesConfig
from linking.settings import LinkSettings, overlaid

SOURCES = ("parliament", "strategy", "pris")


class ScheduleConfig(Section):
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


class HealthConfig(Section):
    freshness_hours: dict[str, Annotated[float, Field(gt=0)]] = Field(default_factory=_default_freshness)
    error_rate: Annotated[float, Field(ge=0, le=1)] = 0.1
    reconcile_tolerance: Annotated[int, Field(ge=0)] = 0
    # A crawl that lists and reads fewer records than this is broken (default 1 per source: an empty
    # answer is a layout change, not a quiet night); 0 for a source whose incremental window may be empty.
    min_records: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)


class SmtpConfig(Section):
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
        value = env(self.password_env)
        if not value:
            raise ConfigError(f"smtp.user is set but the environment variable {self.password_env} holds no password")
        return value


def _default_feed_path() -> Path:
    return Path(user_data_dir("lexwatch", appauthor=False)) / "digest.atom"


class FeedConfig(Section):
    path: Path = Field(default_factory=_default_feed_path)
    max_entries: Annotated[int, Field(gt=0)] = 50
    title: str = "lexwatch: review flags and source health"


def _default_log_dir() -> Path:
    return Path(user_log_dir("lexwatch", appauthor=False))


class PipelineConfig(Section):
    crawl_timeout_minutes: Annotated[float, Field(gt=0)] = 180.0
    step_timeout_minutes: Annotated[float, Field(gt=0)] = 60.0
    log_dir: Path = Field(default_factory=_default_log_dir)  # one log file per step and run
    # Steps not to run (e.g. ["crawl_pris"]); steps that need only disabled ones are disabled too.
    disabled: list[str] = Field(default_factory=list)
    # Extra arguments per step, e.g. {crawl_parliament = ["--since", "2021-01"]} for a back-fill.
    step_args: dict[str, list[str]] = Field(default_factory=dict)


class LockConfig(Section):
    heartbeat_seconds: Annotated[float, Field(gt=0)] = 30.0
    stale_after_minutes: Annotated[float, Field(gt=0)] = 15.0


class ReviewConfig(Section):
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


class Config(Section):
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    health: HealthConfig = Field(default_factory=HealthConfig)
    smtp: SmtpConfig = Field(default_factory=SmtpConfig)
    feed: FeedConfig = Field(default_factory=FeedConfig)
    sources: SourcesConfig = Field(default_factory=SourcesConfig)
    crawl: CrawlConfig = Field(default_factory=CrawlConfig)
    pipeline: PipelineConfig = Field(default_factory=PipelineConfig)
    lock: LockConfig = Field(default_factory=LockConfig)
    review: ReviewConfig = Field(default_factory=ReviewConfig)
    linking: LinkSettings = Field(default_factory=LinkSettings)
    path: Path | None = Field(None, exclude=True)  # where it was read from, None for the defaults

    @field_validator("linking", mode="before")
    @classmethod
    def _linking_over_defaults(cls, value: object) -> object:
        return overlaid(value) if isinstance(value, dict) else value

    def with_sources(self, **urls: str | None) -> Config:
        """A copy with the source URLs given on the command line (None: keep the configured one)."""
        given = {k: v for k, v in urls.items() if v}
        if not given:
            return self
        try:
            sources = SourcesConfig.model_validate({**self.sources.model_dump(), **given})
        except ValidationError as exc:
            raise ConfigError(f"bad source URL: {exc}") from exc
        return self.model_copy(update={"sources": sources})


def load_config(path: str | Path | None = None) -> Config:
    """Read the configuration; a missing default file gives the defaults, anything wrong one ConfigError."""
    raw = load(path)
    return raw.build(Config).model_copy(update={"path": raw.path})
