"""The one shape of lexwatch's classifier tables: a rule is one line, a name, the answer it gives
and the pattern that has to be found.

Every classifier that reads words (the chronology stage of a bill, a document's kind, a
consultation file's portal type, how an act enters into force, a portfolio exclusion) is a
tuple of `Rule`s read top to bottom, so a reader sees the whole decision in one table and a
new case is one more line. How a table is searched (the first rule that matches, or the match
that starts first) stays with the classifier that owns it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True)
class Rule(Generic[V]):
    """`value` when `pattern` is found. `reads` names the texts of the classifier the rule is tried
    on (a document's title, file name, text); empty when the classifier reads one text only."""

    name: str
    value: V
    pattern: re.Pattern[str]
    reads: frozenset[str] = frozenset()


def rule(name: str, value: V, pattern: str, *, flags: int = 0, reads: str = "") -> Rule[V]:
    """A rule from its pattern's source; `reads` is a space-separated list of text names."""
    return Rule(name, value, re.compile(pattern, flags), frozenset(reads.split()))


def first_match(rules: Iterable[Rule[V]], text: str) -> tuple[Rule[V], re.Match[str]] | None:
    """The first rule, in table order, whose pattern is found in `text`, with its match."""
    for r in rules:
        match = r.pattern.search(text)
        if match:
            return r, match
    return None


def first_value(rules: Iterable[Rule[V]], text: str, default: V) -> V:
    """The value of the first rule whose pattern is found in `text`, else `default`."""
    found = first_match(rules, text)
    return found[0].value if found else default


def earliest_match(rules: Iterable[Rule[V]], text: str) -> tuple[Rule[V], re.Match[str]] | None:
    """The rule whose match starts first in `text`, with its match; a tie goes to the earlier rule
    (for tables whose rules are alternatives found anywhere in a passage)."""
    best: tuple[Rule[V], re.Match[str]] | None = None
    for r in rules:
        match = r.pattern.search(text)
        if match and (best is None or match.start() < best[1].start()):
            best = (r, match)
    return best
