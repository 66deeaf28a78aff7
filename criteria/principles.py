"""The eight principles of drafting normative acts, ЗНА чл. 26, ал. 1 (as amended, ДВ бр. 34/2016).

The list is verified in research/criteria.md §2.2 [C]: „необходимост, обоснованост,
предвидимост, откритост, съгласуваност, субсидиарност, пропорционалност и стабилност“.
Every criterion names the principle(s) it serves; the per-principle score of an
evaluation is built from them.
"""
from __future__ import annotations

from enum import Enum


class Principle(Enum):
    NECESSITY = ("necessity", "необходимост", "necessity")
    JUSTIFICATION = ("justification", "обоснованост", "justification (evidence-based)")
    PREDICTABILITY = ("predictability", "предвидимост", "predictability")
    OPENNESS = ("openness", "откритост", "openness")
    COHERENCE = ("coherence", "съгласуваност", "coherence (consultation and consistency)")
    SUBSIDIARITY = ("subsidiarity", "субсидиарност", "subsidiarity")
    PROPORTIONALITY = ("proportionality", "пропорционалност", "proportionality")
    STABILITY = ("stability", "стабилност", "stability")

    # Members are singletons: identity hashing avoids Enum's Python-level __hash__ in the scoring loop.
    __hash__ = object.__hash__

    def __init__(self, key: str, bg: str, en: str):
        self.key = key
        self.bg = bg
        self.en = en

    @classmethod
    def from_key(cls, key: str) -> Principle:
        for p in cls:
            if p.key == key or p.bg == key:
                return p
        raise KeyError(f"unknown principle {key!r}; known: {', '.join(p.key for p in cls)}")


LEGAL_BASIS = "ЗНА чл. 26, ал. 1"
