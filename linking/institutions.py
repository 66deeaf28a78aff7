"""Policy topics of institutions, to compare a drafting ministry with a committee or importer.

A consultation names its ministry („Министерство на труда и социалната политика“), a ПРИС
decision its importer („МТСП“, „заместник министър-председател и министър на финансите“) and
a bill its lead committee („Комисия по труда, социалната и демографската политика“). None of
them shares an identifier, so each is mapped to a set of policy topics by keywords; an
overlap is weak evidence that the records belong together. The keyword table is inferred
from the names in the real fixtures and the usual ministry abbreviations, not from a register.
"""
from __future__ import annotations

import re
from functools import lru_cache

# topic: (substrings of the lower-cased name, abbreviations as whole words)
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "justice": (("правосъд", "правни въпроси", "конституционни"), ("мп",)),
    "labour": (("труда", "социалн", "демограф"), ("мтсп",)),
    "health": (("здраве",), ("мз",)),
    "finance": (("финанс", "бюджет"), ("мф",)),
    "interior": (("вътрешн", "обществен ред"), ("мвр",)),
    "defence": (("отбран",), ("мо",)),
    "education": (("образован", "науката"), ("мон",)),
    "environment": (("околната среда", "водите"), ("мосв",)),
    "agriculture": (("земедел", "храни", "горите"), ("мзх", "мзхг")),
    "economy": (("икономи", "индустри", "иновац"), ("ми", "миии", "мир")),
    "energy": (("енергет",), ("мен", "ме")),
    "transport": (("транспорт", "съобщени"), ("мтс", "мтитс")),
    "regional": (("регионалн", "благоустр", "самоуправл"), ("мррб",)),
    "culture": (("култур", "медии"), ("мк",)),
    "foreign": (("външн",), ("мвнр",)),
    "egov": (("електронн",), ("меу",)),
    "youth": (("младеж", "спорт"), ("ммс",)),
    "tourism": (("туризъм", "туризма"), ("мт",)),
}
_TOPIC_BITS = {name: 1 << i for i, name in enumerate(TOPICS)}
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def topic_mask(name: str | None) -> int:
    """Bit mask of the topics an institution or committee name points to (0 = unknown)."""
    if not name:
        return 0
    low = name.lower()
    words = set(_WORD.findall(low))
    mask = 0
    for topic, (subs, abbrevs) in TOPICS.items():
        if any(s in low for s in subs) or any(a in words for a in abbrevs):
            mask |= _TOPIC_BITS[topic]
    return mask


def topics(mask: int) -> list[str]:
    return list(_topics(int(mask)))


@lru_cache(maxsize=4096)
def _topics(mask: int) -> tuple[str, ...]:
    return tuple(name for name, bit in _TOPIC_BITS.items() if mask & bit)
