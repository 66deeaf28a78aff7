"""Small text helpers shared by the document analysers."""
from __future__ import annotations

import re

# „М О Т И В И“, „Д О К Л А Д“: headings typed with spaces between capitals.
_SPACED_CAPS = re.compile(r"(?<![\w])((?:[А-ЯA-Z] ){2,}[А-ЯA-Z])(?![\w])")


def collapse_spaced_caps(text: str) -> str:
    """Join letter-spaced headings. Offsets shift, so use the result for matching only,
    never for evidence positions."""
    return _SPACED_CAPS.sub(lambda m: m.group(1).replace(" ", ""), text)


# A period after a digit („1. Причини“, „чл. 5.“) is a numbered heading, not a sentence end.
_SENTENCE_END = re.compile(r"(?<=[.!?;])(?<!\d\.)\s+(?=[„\"(]?[А-ЯA-Z0-9§])|\n")


def passage(text: str, start: int, end: int, limit: int = 320) -> str:
    """The sentence (or line) around text[start:end], cut to `limit` characters."""
    # endpos past `start`: the boundary's lookahead must see the first letter of the sentence.
    sentence_starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - limit), start + 2) if m.end() <= start]
    left = max([text.rfind("\n", 0, start) + 1, *sentence_starts, 0])
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    right = min(right, len(text))
    snippet = text[left:right].strip()
    if len(snippet) > limit:
        # Keep the match in view: centre the window on it.
        centre = (start + end) // 2 - left
        lo = max(0, centre - limit // 2)
        snippet = ("…" if lo else "") + snippet[lo: lo + limit].strip() + "…"
    return " ".join(snippet.split())
