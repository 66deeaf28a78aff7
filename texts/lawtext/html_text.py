"""Word-generated HTML (parliament.bg `L_ActL_final_body`) to clean paragraphs.

The State Gazette text reaches parliament.bg as HTML saved from Word: `mso` conditional
comments carrying XML and CSS, soft hyphens (U+00AD) left from manual hyphenation, `&nbsp;`,
and words split across `<span>`s wherever Word changed a run's formatting (letter-spacing,
bold), sometimes in the middle of a law's name. Text of inline elements is therefore joined
without separators; only block elements and `<br>` start a new paragraph.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

# `<!--[if gte mso 9]><xml>…</xml><![endif]-->`: Word's settings, never visible text.
_MSO_COMMENT = re.compile(r"<!--\[if[^\]]*\]>.*?<!\[endif\]-->", re.S | re.I)
# Down-level-revealed markers `<![if !supportLists]>…<![endif]>`: the content between them
# (list numbers such as "1.") is visible, so only the markers go.
_MSO_MARKER = re.compile(r"<!\[(?:if[^\]]*|endif)\]>", re.I)

_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li td th tr table tbody thead ul ol blockquote section article body".split()
)
_SKIP_TAGS = frozenset("style script xml head title meta link".split())
_BREAK = "\u2029"  # paragraph separator: never occurs in the source, unlike "\n"

# Characters Word leaves in the text that carry no meaning for matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u2009\u200a]+")


def clean_text(text: str) -> str:
    """Drops soft hyphens and zero-width characters, folds every kind of space to one blank."""
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


def _walk(el, out: list[str]) -> None:
    tag = el.tag
    if not isinstance(tag, str):  # comment or processing instruction
        if el.tail:
            out.append(el.tail)
        return
    name = tag.rsplit("}", 1)[-1].split(":")[-1].lower()
    if name in _SKIP_TAGS:
        if el.tail:
            out.append(el.tail)
        return
    if name == "br":
        out.append(_BREAK)
    block = name in _BLOCK_TAGS
    if block:
        out.append(_BREAK)
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out)
    if block:
        out.append(_BREAK)
    if el.tail:
        out.append(el.tail)


def word_html_to_paragraphs(html: str) -> list[str]:
    """The visible paragraphs of a Word HTML fragment, cleaned, empty ones dropped."""
    if not html or not html.strip():
        return []
    html = _MSO_MARKER.sub("", _MSO_COMMENT.sub("", html))
    if not html.strip():
        return []
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return [p for p in (clean_text(x) for x in re.sub(r"<[^>]+>", _BREAK, html).split(_BREAK)) if p]
    out: list[str] = []
    _walk(root, out)
    # Source newlines are only Word's line wrapping; clean_text folds them into blanks.
    return [p for p in (clean_text(x) for x in "".join(out).split(_BREAK)) if p]
