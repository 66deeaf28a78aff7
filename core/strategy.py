"""strategy.bg's vocabulary: public addresses (the doc-type labels, act types and levels join here).

The public pages are what a journalist can open, whatever base URL the crawl used:
- a consultation: `https://strategy.bg/bg/public-consultations/{id}` (research notes §1, the
  portal's route; `reg_num` is `{id}-K` on the new portal);
- a ПРИС act: `https://www.strategy.bg/bg/pris/legal-information/{slug}/{id}`, the slug being
  `Str::slug(actType.name)` (research notes, ПРИС row; e.g. `reseniia` for decisions).
"""
from __future__ import annotations

PUBLIC_SITE = "https://strategy.bg"


def consultation_public_url(consultation_id: int | str) -> str:
    return f"{PUBLIC_SITE}/bg/public-consultations/{consultation_id}"


# Str::slug of the act type's Bulgarian name. Only `reseniia` (decisions) is confirmed from a real
# address; the others are inferred by the same transliteration and may differ on the live site.
PRIS_SLUGS = {"Решение": "reseniia", "Постановление": "postanovleniia", "Разпореждане": "razporezhdaniia"}


def pris_public_url(act_id: int | str, act_type: str | None = "Решение") -> str:
    """The ПРИС act's page; an unknown act type falls back to the decisions' slug (the acts lexwatch
    links are decisions approving bills)."""
    slug = PRIS_SLUGS.get((act_type or "").strip().capitalize(), "reseniia")
    return f"https://www.strategy.bg/bg/pris/legal-information/{slug}/{act_id}"
