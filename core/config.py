"""The one reader of lexwatch's configuration: the config file and the LEXWATCH_* environment.

Precedence, lowest first: the defaults of each section < the config file < the environment
variables in ENV_KEYS < the command-line flags (applied by the command that declares them).

The file is the argument, else `$LEXWATCH_CONFIG`, else `config.toml` in the user config dir
(platformdirs; `~/.config/lexwatch/config.toml` on Linux). A missing default file means the
defaults; a file named explicitly that does not exist is an error.

Each layer declares its own sections next to the code that uses them (a `Section` subclass
with its ranges and checks): the crawlers' [crawl] and [sources], the monitor's [schedule],
[smtp], ... This module only finds, reads and overlays; `build` turns what it read into a
section and names the file (or the variable) and the key of a wrong value.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from platformdirs import user_config_dir
from pydantic import BaseModel, ConfigDict, ValidationError

from core.errors import LexwatchError

ENV_CONFIG = "LEXWATCH_CONFIG"

# The environment variables that stand for a key of the config file, as (section, key). They win
# over the file: a deployment sets one value for one service without editing the shared file.
ENV_KEYS: dict[str, tuple[str, str]] = {
    "LEXWATCH_PARLIAMENT_BASE_URL": ("sources", "parliament_url"),
    "LEXWATCH_STRATEGY_BASE_URL": ("sources", "strategy_url"),
    "LEXWATCH_CONTACT": ("crawl", "contact"),
    "LEXWATCH_SCRAPY_LOG_LEVEL": ("crawl", "log_level"),
}

# Every other variable lexwatch reads, with what it holds. They are not keys of the file: paths
# and secrets that differ per process or must never be written into a shared file.
ENV_ONLY: dict[str, str] = {
    ENV_CONFIG: "the config file",
    "LEXWATCH_DATABASE_URL": "the database URL (any SQLAlchemy URL; default: the SQLite file in the user data dir)",
    "LEXWATCH_THRESHOLDS": "a thresholds file overriding criteria/thresholds.toml",
    "LEXWATCH_DOCUMENTS_STORE": "the folder of downloaded files (default: documents/ in the user data dir)",
    "LEXWATCH_DOCUMENTS_MAX_BYTES": "a larger downloaded file is skipped",
    "LEXWATCH_DOCUMENTS_MAX_PAGES": "PDF pages read per file",
    "LEXWATCH_DOCUMENTS_MAX_TEXT_CHARS": "text kept per document",
    "LEXWATCH_DOCUMENTS_ZIP_MAX_MEMBERS": "files read from one archive",
    "LEXWATCH_DOCUMENTS_ZIP_MAX_TOTAL_BYTES": "uncompressed bytes read from one archive",
    "LEXWATCH_DOCUMENTS_ZIP_MAX_DEPTH": "archives inside archives",
    "LEXWATCH_DOCUMENTS_ZIP_MAX_RATIO": "uncompressed/compressed ratio treated as a bomb",
    "LEXWATCH_SECRET_KEY": "the key signing the review UI's session cookie",
    "LEXWATCH_CHROMIUM": "the Chromium that prints the PDF report",
    "LEXWATCH_LOCK_WAIT": "seconds `lexwatch evaluate` waits for another run's lock (default 900)",
    "LEXWATCH_SMTP_PASSWORD": "the SMTP password (the variable [smtp] password_env names)",
}

T = TypeVar("T", bound=BaseModel)


class ConfigError(LexwatchError):
    """The configuration file cannot be read or has a wrong value (exit code 2)."""

    exit_code = 2


class Section(BaseModel):
    """A table of the config file: unknown keys are errors (a typo never leaves a default in force)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def env(name: str) -> str | None:
    """The value of an environment variable; unset and empty are the same (None)."""
    return os.environ.get(name) or None


def env_float(name: str, default: float) -> float:
    """A number from the environment; a value that is not one is a ConfigError naming the variable."""
    value = env(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        raise ConfigError(f"${name} = {value!r} is not a number") from None


def default_config_path() -> Path:
    return Path(user_config_dir("lexwatch", appauthor=False)) / "config.toml"


def config_path(path: str | Path | None = None) -> Path:
    """The file to read: explicit argument, then $LEXWATCH_CONFIG, then the user config dir."""
    if path:
        return Path(path)
    named = env(ENV_CONFIG)
    return Path(named) if named else default_config_path()


def read_toml(path: Path, what: str = "config file", error: type[LexwatchError] = ConfigError) -> dict[str, Any]:
    """A TOML file's tables; a file that cannot be read or parsed is one error naming it."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise error(f"cannot read {what} {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise error(f"cannot read {what} {path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{what} {path} is not valid TOML: {exc}") from exc


@dataclass(frozen=True)
class RawConfig:
    """What the file says with the environment laid over it, before any section checks it."""

    path: Path | None  # the file read; None when there was none (defaults and environment only)
    tables: dict[str, Any]
    from_env: dict[tuple[str, str], str]  # (section, key) -> the variable that set it

    def origin(self, section: str, key: str | None = None) -> str:
        """Where a value came from, as an error message names it."""
        variable = self.from_env.get((section, key or ""))
        if variable:
            return f"${variable}"
        return f"config file {self.path}" if self.path else "the defaults"

    def build(self, model: type[T]) -> T:
        """The whole file as `model` (its fields are the tables, so an unknown table is an error);
        a wrong value is one ConfigError naming the file or variable and the key."""
        try:
            return model.model_validate(self.tables)
        except ValidationError as exc:
            raise ConfigError(self._describe(exc)) from exc

    def section(self, model: type[T], name: str) -> T:
        """One table as `model`; errors name the key as `name.key`."""
        try:
            return model.model_validate(self.tables.get(name, {}))
        except ValidationError as exc:
            raise ConfigError(self._describe(exc, prefix=(name,))) from exc

    def _describe(self, exc: ValidationError, prefix: tuple[str, ...] = ()) -> str:
        groups: dict[str, list[str]] = {}
        for err in exc.errors():
            loc = prefix + tuple(str(p) for p in err["loc"])
            where = ".".join(loc) or "(top level)"
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):  # a model's, a dataclass's
                msg = "unknown key"
            origin = self.origin(loc[0], loc[1]) if len(loc) >= 2 else self.origin(loc[0] if loc else "")
            groups.setdefault(origin, []).append(f"{where}: {msg}")
        return "; ".join(f"{origin}: {'; '.join(parts)}" for origin, parts in groups.items())


def load(path: str | Path | None = None) -> RawConfig:
    """Find and read the config file, then overlay the environment variables of ENV_KEYS."""
    explicit = bool(path) or bool(env(ENV_CONFIG))
    file = config_path(path)
    tables: dict[str, Any] = {}
    found: Path | None = None
    if file.exists():
        tables, found = read_toml(file), file
    elif explicit:
        raise ConfigError(f"config file {file} does not exist")
    from_env: dict[tuple[str, str], str] = {}
    for variable, (section, key) in ENV_KEYS.items():
        value = env(variable)
        if value is None:
            continue
        table = tables.get(section)
        if table is None:
            table = tables[section] = {}
        elif not isinstance(table, dict):
            raise ConfigError(f"config file {found}: {section} must be a table")
        table[key] = value
        from_env[(section, key)] = variable
    return RawConfig(found, tables, from_env)
