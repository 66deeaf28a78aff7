"""Human labels (Bulgarian, with English) for the keys the engine stores."""
from __future__ import annotations

from criteria.principles import Principle

COMPOSITE_LABELS = {
    "stakeholder_engagement": "Участие на заинтересованите страни (SE)",
    "impact_assessment": "Оценка на въздействието (RIA)",
    "ex_post": "Последваща оценка (ex post)",
    "parliamentary": "Парламентарна процедура (parliamentary)",
}
CATEGORY_LABELS = {
    "systematic_adoption": "системно прилагане",
    "methodology": "методология",
    "transparency": "прозрачност",
    "oversight": "контрол на качеството",
    "total": "общо 0–4",
}
REGIME_LABELS = {"all": "всички (all)", "CoM": "МС (CoM)", "MP": "НП и комисии (MPs)", "mixed": "смесен (mixed)",
                 "unknown": "неизвестен (unknown)"}


def principle_label(key: str) -> str:
    try:
        p = Principle.from_key(key)
    except KeyError:
        return key
    return f"{p.bg} ({p.key})"


def composite_label(key: str) -> str:
    comp, _, cat = key.partition(".")
    base = COMPOSITE_LABELS.get(comp, comp)
    return f"{base}: {CATEGORY_LABELS.get(cat, cat)}" if cat else base


def regime_label(group: str) -> str:
    return REGIME_LABELS.get(group, group)
