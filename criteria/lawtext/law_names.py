"""Names of Bulgarian laws and codes, found in running text and put in the nominative.

In a § the amended law appears in the definite object form: "В Закона за електронната
търговия", "В Кодекса на труда", "В Гражданския процесуален кодекс"; the normalised name is
the title form: "Закон за електронната търговия", "Кодекс на труда", "Граждански процесуален
кодекс".
"""
from __future__ import annotations

import re

# "Закона за …", "Кодекса на …" (name continues after за/на/относно).
_HEAD_A = r"(?:Закон(?:а|ът)?|Кодекс(?:а|ът)?)\s+(?:за|на|относно)\s"
# "Гражданския процесуален кодекс", "Търговския закон", "Данъчно-осигурителния процесуален кодекс".
_HEAD_B = r"[А-Я][а-я]+(?:-[а-я]+)?(?:ия|ият)\s+(?:[а-я]+(?:-[а-я]+)?\s+){0,2}(?:кодекс|закон)\b"
LAW_START = re.compile(rf"(?:{_HEAD_A}|{_HEAD_B})")

# Definite adjectives of the codes in force whose nominative a suffix rule would get wrong.
_ADJECTIVES = {
    "гражданския": "Граждански", "наказателния": "Наказателен", "изборния": "Изборен",
    "семейния": "Семеен", "търговския": "Търговски", "административнопроцесуалния": "Административнопроцесуален",
    "данъчно-осигурителния": "Данъчно-осигурителен", "застрахователния": "Застрахователен",
    "валутния": "Валутен", "трудовия": "Трудов", "кодексът": "Кодекс",
}


def _nominative_adjective(word: str) -> str:
    low = word.lower()
    if low in _ADJECTIVES:
        return _ADJECTIVES[low]
    # Inferred rule for other definite adjectives: -ския/-ският -> -ски, -ния/-ният -> -ен.
    for suffix, repl in (("ският", "ски"), ("ския", "ски"), ("ният", "ен"), ("ния", "ен"), ("ият", "и"), ("ия", "и")):
        if low.endswith(suffix):
            return word[: -len(suffix)] + repl
    return word


def normalise_law_name(name: str) -> str:
    """'Закона за радиото и телевизията' -> 'Закон за радиото и телевизията'."""
    name = re.sub(r"\s+", " ", name.replace("\u00ad", "")).strip(" ,;:")
    first, _, rest = name.partition(" ")
    if first in ("Закона", "Законът"):
        first = "Закон"
    elif first in ("Кодекса", "Кодексът"):
        first = "Кодекс"
    elif re.fullmatch(r"[А-Я][а-я]+(?:-[а-я]+)?(?:ия|ият)", first):
        first = _nominative_adjective(first)
    return f"{first} {rest}".strip() if rest else first
