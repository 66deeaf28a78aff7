"""A stored code with its Bulgarian and English words: the base of every labelled vocabulary enum
(core.parliament, core.review, core.documents). Each vocabulary module registers its words once."""
from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Labelled(StrEnum):
    @property
    def bg(self) -> str:
        return _WORDS[type(self)][self.value][0]

    @property
    def en(self) -> str:
        return _WORDS[type(self)][self.value][1]

    def label(self, lang: str = "bg") -> str:
        return self.en if lang == "en" else self.bg


# By enum type, then value: members of different enums may share a value ("review"), and a StrEnum
# member hashes as its value.
_WORDS: dict[type, dict[str, tuple[str, str]]] = {}


def words(pairs: Iterable[tuple[Labelled, tuple[str, str]]]) -> None:
    """Register (member, (Bulgarian, English)) pairs."""
    for member, pair in pairs:
        _WORDS.setdefault(type(member), {})[member.value] = pair
