"""Other laws amended (or repealed) from a law's supplementary parts (ПЗР, ЗР, ДР).

Legislative technique cites an amended law with its Gazette history, e.g.
"§ 22. В Закона за радиото и телевизията (обн., ДВ, бр. 138 от 1998 г.; …) в чл. 32 …";
that parenthesis is what tells an amendment from a mere reference ("по реда на Закона за
администрацията"). A § that opens "В Закона за X се правят …" without it is also counted.
A repeal reads "Отменя се Законът за X (обн., …)", "Законът за X (…) се отменя", or lists one
law per item after "Отменят се:"; its Gazette history dates the repealed law (LT-05).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from texts.lawtext.law_names import LAW_START, normalise_law_name
from texts.lawtext.sections import Part

_GAZETTE_REF = re.compile(r"\(\s*(?:обн\.|обнародван|ДВ\b|Д\.\s*В\.)")
_NAME_END = re.compile(
    r"\s+(?:се\s|в\s+(?:чл|ал|т|§|глава|раздел|приложение|наименованието|заглавието|преходн|допълнителн|заключителн)"
    r"|навсякъде|думите|чл\.|и\s+в\s)|[;:(]|\.\s|\.$|,\s+(?:в|като|а|както)\s"
)
_HEAD_IN = re.compile(r"^§\s*\d+[а-я]?\.\s*(?:\(\d+\)\s*)?(?:В|Във)\s+(?:[^.;:]*?\s)?(?:от|на)?\s*$")
_AMEND_VERB = re.compile(r"\bсе\s+(?:правят|прави|изменя|изменят|създава|създават|заменя|заменят|заличава|заличават|"
                         r"отменя|отменят|добавя|добавят|допълва|допълват)\b")
_BARE_HEAD = re.compile(r"^§\s*\d+[а-я]?\.\s*(?:\(\d+\)\s*)?$")
_REPEAL_BEFORE = re.compile(r"^§\s*\d+[а-я]?\.\s*(?:\(\d+\)\s*)?Отменя(?:т)?\s+се\s+$")
# "§ 85. Отменят се:" followed by one law per item ("1. Законът за … (обн., …);").
_REPEAL_LIST = re.compile(r"^§\s*\d+[а-я]?\.\s*(?:\(\d+\)\s*)?Отменя(?:т)?\s+се\s*:\s*$")
_ITEM_START = re.compile(r"(?:^|\n)\s*\d+\.\s*$")


@dataclass
class AmendedLaw:
    section: str  # "§ 22"
    section_number: str  # "22"
    part: str  # kind of the part holding the §: final, transitional_final, additional …
    law_name: str  # as written: "Закона за радиото и телевизията"
    law_name_normalised: str  # "Закон за радиото и телевизията"
    action: str  # amend | repeal
    gazette_history: str | None  # "обн., ДВ, бр. 138 от 1998 г.; …", the law's amendment record
    excerpt: str

    def to_dict(self) -> dict:
        return asdict(self)


def _close_paren(text: str, start: int) -> int:
    """Index just past the parenthesis opened at `start` (nesting aware), or len(text)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def _excerpt(head: str, limit: int = 300) -> str:
    out, i = [], 0
    for m in _GAZETTE_REF.finditer(head):
        if m.start() < i:
            continue
        out.append(head[i:m.start()] + "(обн., …)")
        i = _close_paren(head, m.start())
    out.append(head[i:])
    text = "".join(out)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def find_amended_laws(parts: list[Part], own_names: set[str] | None = None) -> list[AmendedLaw]:
    """Every other law amended or repealed from a supplementary part, in text order."""
    own = {normalise_law_name(n).lower() for n in (own_names or set()) if n}
    found: list[AmendedLaw] = []
    for part in parts:
        if part.kind == "main":
            continue
        for para in part.paragraphs:
            text = para.own_text
            head = text.split("\n", 1)[0]
            seen: set[str] = set()
            for m in LAW_START.finditer(text):
                rest = text[m.start():]
                ref = _GAZETTE_REF.search(rest)
                end = _NAME_END.search(rest, m.end() - m.start())
                if ref and ref.start() < 400 and (end is None or ref.start() <= end.start() or rest[end.start()] == "("):
                    name, history = rest[: ref.start()], rest[ref.start(): _close_paren(rest, ref.start())]
                    prefix = text[: m.start()]
                else:
                    name, history = (rest[: end.start()] if end else rest[:200]), None
                    prefix = text[: m.start()]
                    # Without a Gazette citation only a § that opens on the law and amends it counts.
                    in_head = m.start() < len(head)
                    if not (in_head and (_HEAD_IN.match(prefix) or _REPEAL_BEFORE.match(prefix) or _BARE_HEAD.match(prefix))
                            and _AMEND_VERB.search(head[m.end():])):
                        continue
                name = re.sub(r"\s+", " ", name).strip(" ,;")
                normalised = normalise_law_name(name)
                key = normalised.lower()
                if key in own or key in seen:
                    continue
                seen.add(key)
                after = rest[len(name) + len(history or "") + 1:] if history else rest[len(name):]
                repeal = bool(_REPEAL_BEFORE.match(prefix)) or (
                    bool(_BARE_HEAD.match(prefix)) and re.match(r"\W*се\s+отменя\b", after) is not None
                ) or (bool(_REPEAL_LIST.match(head)) and _ITEM_START.search(prefix) is not None)
                found.append(AmendedLaw(
                    section=para.label,
                    section_number=para.number,
                    part=part.kind,
                    law_name=name,
                    law_name_normalised=normalised,
                    action="repeal" if repeal else "amend",
                    gazette_history=history.strip("() ") if history else None,
                    excerpt=_excerpt(head),
                ))
    return found
