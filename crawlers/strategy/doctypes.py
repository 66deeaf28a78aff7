"""Document types of consultation files.

Files uploaded on the new portal carry the portal's own type (`files[].type` in the API,
labels in core.strategy: „Проект на акт“, „Мотиви“, „Доклад“, …). Files
migrated from the old portal have no type: the API names their group with its fallback
label „Други“ (`validation.attributes.other`; the type codes for attachments, 100…1100,
fall there too), and only the file's free-text description (shown on the HTML page) says
what the file is, e.g. „Частична предварителна оценка на въздействието“ or „Справка за
отразяване на становищата“. `classify` turns such a description into a portal type with an
ordered rule table; the caller marks the result `type_inferred`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core import strategy as V

# The portal's labels come from core.strategy (the one vocabulary of strategy.bg), compared exactly.


@dataclass(frozen=True)
class Rule:
    doc_type: str
    pattern: re.Pattern[str]
    why: str


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Order matters: the first match wins. A справка that mentions „становища“ must not be taken
# for the МС administration's становище, and „проект на доклад“ is a доклад, not a draft act.
RULES: tuple[Rule, ...] = (
    Rule(V.PROPOSALS_REPORT, _rx(r"\bсправк\w*\b.*\b(становищ|предложени|бележк|коментар|отразяван|съгласуван)"), "справка on received opinions"),
    Rule(V.PROPOSALS_REPORT, _rx(r"\bсъобщение\b.*\bнеполучени\b"), "notice of no proposals received"),
    Rule(V.MC_OPINION, _rx(r"\bстановище\b.*\b(администрацията на министерския съвет|дирекция „?модернизация|амс\b)"), "opinion of the МС administration"),
    Rule(V.IMPACT_ASSESSMENT, _rx(r"\bоценк\w* на въздействи"), "частична/цялостна/предварителна оценка на въздействието"),
    Rule(V.MOTIVES, _rx(r"^\W*мотиви\b|\bмотиви (към|по)\b"), "мотиви към проекта"),
    Rule(V.REPORT, _rx(r"^\W*(проект на )?доклад\b|\bдоклад (от|на|до|относно)\b"), "доклад (на министъра) до МС"),
    Rule(V.CONSOLIDATED, _rx(r"\bконсолидиран"), "consolidated text"),
    Rule(V.DRAFT, _rx(r"^\W*(проект|проекто)[ -]?(на|за)?\b|\bпроект на (закон|наредба|постановление|решение|правилник|тарифа|инструкция)"), "the draft itself"),
    Rule(V.DRAFT, _rx(r"^\W*(закон|наредба|постановление|правилник|тарифа|инструкция)\b"), "a file named after the act"),
)


def classify(description: str | None) -> str | None:
    """The portal type a free-text file description stands for, or None if no rule applies."""
    if not description:
        return None
    text = " ".join(description.replace("\xa0", " ").split())
    for rule in RULES:
        if rule.pattern.search(text):
            return rule.doc_type
    return None


def resolve(portal_type: str | None, description: str | None) -> tuple[str | None, bool]:
    """(doc_type, type_inferred) for a file: the portal's type when it has one, else inferred.

    An untyped file whose description matches no rule keeps the portal's label (or None).
    """
    label = (portal_type or "").strip() or None
    if label is not None and label != V.UNTYPED_LABEL:
        return label, False
    inferred = classify(description)
    if inferred is not None:
        return inferred, True
    return label, False
