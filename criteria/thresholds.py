"""The engine's thresholds: one settings file of defaults, overridable by a user file.

Defaults live in criteria/thresholds.toml (values and confidence tags from the catalogue).
A user file (`--thresholds PATH`, else $LEXWATCH_THRESHOLDS) has the same shape and holds
only what it changes; an unknown table or key, or a value of another type, is an error
naming the file, so a typo never silently leaves a default in force. A value out of its
range (a negative number of days, a share outside [0, 1]) or two values out of their order
(a warn level above its pass level) is an error naming the file and the key, so a slip never
turns every FAIL into a PASS. The merged values are hashed; the hash is stored with every
evaluation.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.config import ConfigError, env, read_toml

DEFAULTS_PATH = Path(__file__).with_name("thresholds.toml")
ENV_THRESHOLDS = "LEXWATCH_THRESHOLDS"


class ThresholdsError(ConfigError):
    """A thresholds file that cannot be read or has a wrong value (exit code 2)."""


def _read(path: Path) -> dict[str, Any]:
    return read_toml(path, "thresholds file", ThresholdsError)


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return type(default) is type(value)


# Key suffixes whose values are shares or scores: in [0, 1]. Every other number counts days,
# months, years, characters, elements or acts: never negative.
UNIT_SUFFIXES = ("_share", "_score")
# Upper bounds by (table, key): what the law counts.
UPPER = {("MOT-02", "pass_elements"): 5, ("MOT-02", "warn_elements"): 5}  # ЗНА чл. 28, ал. 2: five elements
# (table, lower key, upper key): the lower level must not exceed the upper one.
ORDER = (
    ("CONS-06", "warn_share", "pass_share"),
    ("IA-04", "warn_score", "pass_score"),
    ("IA-07", "warn_after_months", "due_after_months"),
    ("MOT-02", "warn_elements", "pass_elements"),
    ("NA-03", "red_flag_below_days", "min_days"),
    ("NA-03", "min_days", "shelving_days"),
    ("NA-07", "fast_track_days", "stalled_days"),
    ("LT-02", "warn_amendments", "red_flag_amendments"),
)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def validate(values: dict[str, dict[str, Any]], source: str) -> None:
    """Ranges and relations of the merged values; ThresholdsError naming `source` and the key."""
    for table, keys in values.items():
        for key, value in keys.items():
            if not _number(value):
                continue
            where = f"thresholds file {source}: [{table}] {key} = {value!r}"
            if key.endswith(UNIT_SUFFIXES):
                if not 0.0 <= value <= 1.0:
                    raise ThresholdsError(f"{where} must be between 0 and 1 (a share)")
            elif value < 0:
                raise ThresholdsError(f"{where} must not be negative")
            upper = UPPER.get((table, key))
            if upper is not None and value > upper:
                raise ThresholdsError(f"{where} must be at most {upper}")
    for table, low, high in ORDER:
        keys = values.get(table, {})
        if _number(keys.get(low)) and _number(keys.get(high)) and keys[low] > keys[high]:
            raise ThresholdsError(
                f"thresholds file {source}: [{table}] {low} = {keys[low]!r} must not exceed {high} = {keys[high]!r}"
            )


def _merge(defaults: dict[str, Any], override: dict[str, Any], source: str) -> dict[str, Any]:
    merged = {k: dict(v) for k, v in defaults.items()}
    for table, values in override.items():
        if table not in merged:
            raise ThresholdsError(f"thresholds file {source}: unknown table [{table}] "
                                  f"(known: {', '.join(sorted(merged))})")
        if not isinstance(values, dict):
            raise ThresholdsError(f"thresholds file {source}: [{table}] must be a table")
        for key, value in values.items():
            if key not in merged[table]:
                raise ThresholdsError(f"thresholds file {source}: unknown key {key!r} in [{table}] "
                                      f"(known: {', '.join(sorted(merged[table]))})")
            default = merged[table][key]
            if not _same_type(default, value):
                raise ThresholdsError(f"thresholds file {source}: [{table}] {key} = {value!r} must be "
                                      f"{type(default).__name__} like the default {default!r}")
            merged[table][key] = float(value) if isinstance(default, float) else value
    validate(merged, source)
    return merged


def _canonical(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v))


@dataclass(frozen=True)
class Thresholds:
    values: dict[str, dict[str, Any]]
    sources: tuple[str, ...]
    hash: str

    def section(self, name: str) -> dict[str, Any]:
        return self.values.get(name, {})

    @property
    def reform_date(self) -> dt.date:
        return self.values["regime"]["reform_date"]

    @property
    def warn_flag_criteria(self) -> frozenset[str]:
        return frozenset(self.values["flags"]["warn_criteria"])

    def with_overrides(self, override: dict[str, Any], source: str = "overrides") -> Thresholds:
        """A copy with some values changed (validated as a user file would be)."""
        values = _merge(self.values, override, source)
        return Thresholds(values, self.sources + (source,), hashlib.sha256(_canonical(values).encode()).hexdigest())

    def to_dict(self) -> dict[str, Any]:
        return json.loads(_canonical(self.values))


def load(path: str | Path | None = None) -> Thresholds:
    """Defaults, then the user file (argument, else $LEXWATCH_THRESHOLDS) if any."""
    values = _read(DEFAULTS_PATH)
    validate(values, str(DEFAULTS_PATH))
    sources = [str(DEFAULTS_PATH)]
    user = path or env(ENV_THRESHOLDS)
    if user:
        p = Path(user)
        values = _merge(values, _read(p), str(p))
        sources.append(str(p))
    return Thresholds(values, tuple(sources), hashlib.sha256(_canonical(values).encode()).hexdigest())


def defaults() -> Thresholds:
    """The defaults alone, whatever the environment says."""
    values = _read(DEFAULTS_PATH)
    return Thresholds(values, (str(DEFAULTS_PATH),), hashlib.sha256(_canonical(values).encode()).hexdigest())
