"""The law's vocabulary: the grammar of Bulgarian law names.

A law is named in running text in its definite form („в Закона за водите“, „на Трудовия кодекс“,
„Наказателният кодекс“) and titled in the nominative („Закон за водите“, „Кодекс на труда“,
„Наказателен кодекс“). The act-text analysis (texts.lawtext) and the linker both put names in the
nominative, and they must name the same law alike: this is the one implementation.
"""
from __future__ import annotations

# Definite adjectives of the codes and laws in force, as their titles spell the nominative.
# The rule below gives the same answers; the table pins the names that matter most.
KNOWN_ADJECTIVES = {
    "гражданския": "граждански",
    "наказателния": "наказателен",
    "наказателно-процесуалния": "наказателно-процесуален",
    "изборния": "изборен",
    "семейния": "семеен",
    "търговския": "търговски",
    "административнопроцесуалния": "административнопроцесуален",
    "данъчно-осигурителния": "данъчно-осигурителен",
    "застрахователния": "застрахователен",
    "валутния": "валутен",
    "трудовия": "трудов",
}


def nominative_adjective(word: str) -> str:
    """A definite masculine adjective („-ия“ object form, „-ият“ subject form) in the nominative.

    -ския/-шкия/-цкия → -ски (търговския → търговски); -йния → -ен (семейния → семеен, енергийния →
    енергиен); -ния → -ен (наказателния → наказателен); any other -ия → the stem (трудовия → трудов).
    Other words are returned as they are. A capital first letter is kept.
    """
    low = word.lower()
    if low.endswith("ият"):
        low = low[:-3] + "ия"
    elif not low.endswith("ия"):
        return word
    if low in KNOWN_ADJECTIVES:
        out = KNOWN_ADJECTIVES[low]
    elif low.endswith(("ския", "шкия", "цкия")):
        out = low[:-1]
    elif low.endswith("йния"):
        out = low[:-4] + "ен"
    elif low.endswith("ния"):
        out = low[:-3] + "ен"
    else:
        out = low[:-2]
    return out[:1].upper() + out[1:] if word[:1].isupper() else out
