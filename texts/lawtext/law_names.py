"""Names of Bulgarian laws and codes, found in running text and put in the nominative.

In a § the amended law appears in the definite object form: "В Закона за електронната
търговия", "В Кодекса на труда", "В Гражданския процесуален кодекс"; the normalised name is
the title form: "Закон за електронната търговия", "Кодекс на труда", "Граждански процесуален
кодекс".
"""
from __future__ import annotations

import re

from core.law import nominative_adjective

# "Закона за …", "Кодекса на …" (name continues after за/на/относно).
_HEAD_A = r"(?:Закон(?:а|ът)?|Кодекс(?:а|ът)?)\s+(?:за|на|относно)\s"
# "Гражданския процесуален кодекс", "Търговския закон", "Данъчно-осигурителния процесуален кодекс".
_HEAD_B = r"[А-Я][а-я]+(?:-[а-я]+)?(?:ия|ият)\s+(?:[а-я]+(?:-[а-я]+)?\s+){0,2}(?:кодекс|закон)\b"
LAW_START = re.compile(rf"(?:{_HEAD_A}|{_HEAD_B})")

def normalise_law_name(name: str) -> str:
    """'Закона за радиото и телевизията' -> 'Закон за радиото и телевизията'."""
    name = re.sub(r"\s+", " ", name.replace("\u00ad", "")).strip(" ,;:")
    first, _, rest = name.partition(" ")
    if first in ("Закона", "Законът"):
        first = "Закон"
    elif first in ("Кодекса", "Кодексът"):
        first = "Кодекс"
    elif re.fullmatch(r"[А-Я][а-я]+(?:-[а-я]+)?(?:ия|ият)", first):
        first = nominative_adjective(first)
    return f"{first} {rest}".strip() if rest else first
