"""What every list/show command shares: the `--format` choice (table for people, json for tools),
the console (whole values when piped), record ids, Bulgarian labels of stored codes and input files."""
from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

from rich.console import Console

from core.errors import LexwatchError, UsageError
from core.parliament import BillStatus, Initiator, label

FORMATS = ("table", "json")

# Piped or written to a file, a table keeps every value whole: nothing reads the columns there,
# and a cut title ("council_of_ministe…") cannot be grepped or copied.
PIPE_WIDTH = 10_000
# Ids are BIGINT in the database (parliament.bg's L_Act_id); a larger number names no record and
# would overflow the driver (SQLite: "Python int too large to convert to SQLite INTEGER").
MAX_ID = 2**63 - 1
# How deep a JSON input may nest: real payloads nest under 10 levels; Python's parser recurses.
MAX_JSON_DEPTH = 200


def check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> None:
    """A usage error (exit 2) unless `fmt` is one of `allowed`."""
    if fmt not in allowed:
        raise UsageError(f"--format must be one of {', '.join(allowed)}, got {fmt!r}")


def console(**kwargs: Any) -> Console:
    """A Rich console for command output. Markup is off: titles, passages and file names are
    scraped text, and a „[/b]“ in a bill title must print as itself, not style the table or
    crash it (MarkupError). A line of our own with styles passes `markup=True` and escapes
    whatever scraped value it interpolates (rich.markup.escape).

    On a pipe or a file the console is as wide as the longest value, so tables keep whole values."""
    out = Console(markup=False, **kwargs)
    if not out.is_terminal:
        out.width = PIPE_WIDTH
    return out


def is_piped(out: Console | None = None) -> bool:
    """True when the output is not a terminal (columns must not cut values)."""
    return not (out or console()).is_terminal


def parse_id(ref: str | int) -> int | None:
    """`ref` as a record id, or None when it is not a whole number in the id range."""
    text = str(ref).strip()
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def get_by_id(session: Any, model: Any, value: int | str | None) -> Any:
    """`session.get(model, value)`, or None when the value cannot be an id of that table: past
    the range of its key column (INTEGER on PostgreSQL stops at 2**31-1, BIGINT at 2**63-1),
    which the driver would refuse with an error rather than find nothing."""
    number = parse_id(value) if value is not None else None
    if number is None:
        return None
    from sqlalchemy import BigInteger

    (column,) = model.__table__.primary_key.columns
    if number > (MAX_ID if isinstance(column.type, BigInteger) else 2**31 - 1):
        return None
    return session.get(model, number)


def bg_status(value: str | None, lang: str = "bg") -> str:
    return label(BillStatus, value, lang)


def bg_initiator(value: str | None, lang: str = "bg") -> str:
    return label(Initiator, value, lang)


def enum_label(enum_type: type[StrEnum], value: str | None, lang: str = "bg") -> str:
    return label(enum_type, value, lang)


def read_json_input(path: str, *, what: str = "JSON") -> tuple[Any, str]:
    """The parsed JSON of a file ('-': stdin) and its text; every failure is one line naming the
    file (exit 1 when it cannot be read, exit 2 when its content is not usable JSON)."""
    if path == "-":
        raw, name = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode(), "<stdin>"
    else:
        p = Path(path)
        if not p.is_file():
            raise LexwatchError(f"{path}: no such file")
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise LexwatchError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        name = path
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                         f"save it as UTF-8") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{name}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise UsageError(f"{name}: not {what}: nested too deeply (at most {MAX_JSON_DEPTH} levels)") from None
    depth = _max_depth(data)
    if depth > MAX_JSON_DEPTH:
        raise UsageError(f"{name}: not {what}: nested {depth} levels deep (at most {MAX_JSON_DEPTH})")
    return data, text


def _max_depth(data: Any) -> int:
    """The deepest nesting of lists and objects (iterative: the readers after us may recurse)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in node if isinstance(child, (dict, list)))
    return deepest
