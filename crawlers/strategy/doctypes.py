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

from core import strategy as V
from core.rules import Rule, first_value, rule

# The portal's labels come from core.strategy (the one vocabulary of strategy.bg), compared exactly.


def _rule(why: str, doc_type: str, pattern: str) -> Rule[str]:
    return rule(why, doc_type, pattern, flags=re.IGNORECASE)


# Order matters: the first match wins. A справка that mentions „становища“ must not be taken
# for the МС administration's становище, and „проект на доклад“ is a доклад, not a draft act.
RULES: tuple[Rule[str], ...] = (
    _rule("справка on received opinions", V.PROPOSALS_REPORT, r"\bсправк\w*\b.*\b(становищ|предложени|бележк|коментар|отразяван|съгласуван)"),
    _rule("notice of no proposals received", V.PROPOSALS_REPORT, r"\bсъобщение\b.*\bнеполучени\b"),
    _rule("opinion of the МС administration", V.MC_OPINION, r"\bстановище\b.*\b(администрацията на министерския съвет|дирекция „?модернизация|амс\b)"),
    _rule("частична/цялостна/предварителна оценка на въздействието", V.IMPACT_ASSESSMENT, r"\bоценк\w* на въздействи"),
    _rule("мотиви към проекта", V.MOTIVES, r"^\W*мотиви\b|\bмотиви (към|по)\b"),
    _rule("доклад (на министъра) до МС", V.REPORT, r"^\W*(проект на )?доклад\b|\bдоклад (от|на|до|относно)\b"),
    _rule("consolidated text", V.CONSOLIDATED, r"\bконсолидиран"),
    _rule("the draft itself", V.DRAFT, r"^\W*(проект|проекто)[ -]?(на|за)?\b|\bпроект на (закон|наредба|постановление|решение|правилник|тарифа|инструкция)"),
    _rule("a file named after the act", V.DRAFT, r"^\W*(закон|наредба|постановление|правилник|тарифа|инструкция)\b"),
)


def classify(description: str | None) -> str | None:
    """The portal type a free-text file description stands for, or None if no rule applies."""
    if not description:
        return None
    return first_value(RULES, " ".join(description.replace("\xa0", " ").split()), None)


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
