"""Small helpers the strategy.bg parsers share: JSON decoding with clear errors, strict
field checks, ISO dates, and the portal's HTML-escaped HTML turned into plain text."""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import lxml.html

from core.errors import SourceError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section")


def looks_like_html(body: bytes | str) -> bool:
    head = body[:512].lstrip()
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    head = head.lower()
    return head.startswith("<!doctype") or head.startswith("<html") or head.startswith("<head") or head.startswith("<body")


def decode_json(body: bytes, *, source: str, url: str, record: str | None = None) -> Any:
    """The JSON of an answer, or a SourceError that says what came instead."""
    if not body.strip():
        raise SourceError(source, url, "empty answer where JSON was expected", record)
    if looks_like_html(body):
        raise SourceError(source, url, "HTML where JSON was expected (the portal's HTML shell or an error page)", record)
    try:
        return json.loads(body)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut inside a multi-byte letter
            raise SourceError(source, url, f"truncated JSON (ends inside a UTF-8 character at byte {exc.start})", record) from exc
        raise SourceError(source, url, f"answer is not UTF-8 JSON: {exc}", record) from exc
    except json.JSONDecodeError as exc:
        what = "truncated JSON" if not body.rstrip().endswith((b"}", b"]")) else "invalid JSON"
        raise SourceError(source, url, f"{what} at byte {exc.pos}: {exc.msg}", record) from exc


def check_api_error(data: Any, *, source: str, url: str, record: str | None = None) -> None:
    """The API answers errors as `{"error": ...}` and the reports as `{"success": false}`."""
    if isinstance(data, dict):
        if data.get("success") is False:
            detail = data.get("error") or data.get("message") or data.get("errors") or "no detail"
            raise SourceError(source, url, f"success: false ({detail})", record)
        if "error" in data and len(data) <= 2:
            raise SourceError(source, url, f"the API answered an error: {data['error']!r}", record)


def check_fields(
    row: Mapping[str, Any],
    *,
    known: Iterable[str],
    required: Iterable[str],
    source: str,
    url: str,
    record: str | None,
    what: str = "record",
) -> None:
    """Unknown keys mean the source changed shape; missing keys mean we cannot trust the row."""
    if not isinstance(row, Mapping):
        raise SourceError(source, url, f"{what} is a {type(row).__name__}, not an object", record)
    known = set(known)
    unknown = sorted(set(row) - known)
    if unknown:
        raise SourceError(source, url, f"unknown field(s) in {what}: {', '.join(unknown)}", record)
    missing = sorted(set(required) - set(row))
    if missing:
        raise SourceError(source, url, f"missing field(s) in {what}: {', '.join(missing)}", record)


def iso_date(value: Any, field: str, *, source: str, url: str, record: str | None, optional: bool = False) -> dt.date | None:
    """A `YYYY-MM-DD` date; anything else is an error naming the field and the record."""
    if value is None or value == "":
        if optional:
            return None
        raise SourceError(source, url, f"{field} is empty", record)
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise SourceError(source, url, f"{field} {value!r} is not a date in YYYY-MM-DD", record)
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise SourceError(source, url, f"{field} {value!r} is not a valid date: {exc}", record) from exc


def opt_int(value: Any, field: str, *, source: str, url: str, record: str | None) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise SourceError(source, url, f"{field} {value!r} is not an integer", record)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise SourceError(source, url, f"{field} {value!r} is not an integer", record)


def opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def unescape_once(raw: str) -> str:
    """The portal stores rich text HTML-escaped (`&lt;p&gt;…`): undo that one level only.

    Text that already holds markup is left alone, so `&amp;nbsp;` → `&nbsp;` stays an entity
    of the HTML and is decoded by the HTML parser, never twice.
    """
    if "<" not in raw and ("&lt;" in raw or "&gt;" in raw):
        return html.unescape(raw)
    return raw


def html_to_text(fragment: str | None) -> str | None:
    """Plain text of an HTML fragment: one line per block, whitespace collapsed, no tags."""
    if fragment is None:
        return None
    fragment = fragment.strip()
    if not fragment:
        return None
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()) or None
    for el in root.iter("br", *_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line) or None


def rich_text(raw: Any) -> tuple[str | None, str | None]:
    """(raw as given, plain text) for the portal's HTML-escaped rich-text fields."""
    if raw is None or raw == "":
        return None, None
    raw = str(raw)
    return raw, html_to_text(unescape_once(raw))
