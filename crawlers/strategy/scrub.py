"""Personal data out of everything stored from strategy.bg, raw payloads included.

The API, the report and the page carry contact persons with e-mail addresses and comment
authors with their comments; free-text descriptions sometimes hold an official's e-mail.
None of it is needed: of the comments only the count and dates are kept. So before a raw
answer is stored, `contacts`, `author_name` and comment texts are dropped from the JSON (the
page's contact block, comment authors and texts from the HTML) and e-mail addresses are
replaced by „[e-mail]“ everywhere. The raw payload is therefore the answer minus personal
data, not byte-identical to what the portal sent.
"""
from __future__ import annotations

import json
import re
from typing import Any

import lxml.html

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
REDACTED = "[e-mail]"


def redact_emails(text: str | None) -> str | None:
    return EMAIL.sub(REDACTED, text) if text and "@" in text else text


def _redact_all(value: Any) -> Any:
    if isinstance(value, str):
        return redact_emails(value)
    if isinstance(value, list):
        return [_redact_all(v) for v in value]
    if isinstance(value, dict):
        return {k: _redact_all(v) for k, v in value.items()}
    return value


def scrub_consultation(row: dict[str, Any]) -> dict[str, Any]:
    """A consultation object (API detail or report row) without its personal data."""
    out = dict(row)
    if "contacts" in out:
        out["contacts"] = None
    if "author_name" in out:
        out["author_name"] = None
    if isinstance(out.get("comments"), list):
        out["comments"] = [{"date": c.get("date")} if isinstance(c, dict) else None for c in out["comments"]]
    return _redact_all(out)


def scrub_act(row: dict[str, Any]) -> dict[str, Any]:
    return _redact_all(row)


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def scrub_page(body: bytes) -> bytes:
    """The consultation page without contacts, comment authors and texts, and e-mails."""
    try:
        root = lxml.html.fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return EMAIL.sub(REDACTED, body.decode("utf-8", "replace")).encode("utf-8")
    for comment in root.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' obj-comment ')]"):
        for el in comment.xpath(".//a | .//div[contains(@class, 'comment')]"):
            el.drop_tree()
    for h3 in root.xpath("//h3"):
        if " ".join(h3.text_content().split()) == "Контактна информация":
            for p in h3.getparent().xpath("./p"):
                p.drop_tree()
    for a in root.xpath("//a[starts-with(@href, 'mailto:')]"):
        a.drop_tree()
    html = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    return EMAIL.sub(REDACTED, html).encode("utf-8")
