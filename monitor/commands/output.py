"""What every list/show command shares: the `--format` choice (table for people, json for tools)."""
from __future__ import annotations

from monitor.errors import UsageError

FORMATS = ("table", "json")


def check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> None:
    """A usage error (exit 2) unless `fmt` is one of `allowed`."""
    if fmt not in allowed:
        raise UsageError(f"--format must be one of {', '.join(allowed)}, got {fmt!r}")
