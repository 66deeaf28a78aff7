"""What every list/show command shares: the `--format` choice (table for people, json for tools)."""
from __future__ import annotations

from typing import Any

from rich.console import Console

from core.errors import UsageError

FORMATS = ("table", "json")


def check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> None:
    """A usage error (exit 2) unless `fmt` is one of `allowed`."""
    if fmt not in allowed:
        raise UsageError(f"--format must be one of {', '.join(allowed)}, got {fmt!r}")


def console(**kwargs: Any) -> Console:
    """A Rich console for command output. Markup is off: titles, passages and file names are
    scraped text, and a „[/b]“ in a bill title must print as itself, not style the table or
    crash it (MarkupError). A line of our own with styles passes `markup=True` and escapes
    whatever scraped value it interpolates (rich.markup.escape)."""
    return Console(markup=False, **kwargs)
