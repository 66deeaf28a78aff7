"""Lists of provisions as laws write them, split into one reference each.

"член 9, ал. 1, 3 и 4, чл. 19 – 21, § 4 и § 5, т. 1 и 2" names chl. 9 ал. 1, чл. 9 ал. 3,
чл. 9 ал. 4, чл. 19–21, § 4, § 5 т. 1 and § 5 т. 2: a bare number repeats the unit before it
under the same parent, a lower unit (ал. after чл.) narrows the one before it.
"""
from __future__ import annotations

import re

_UNITS = [
    (r"глава|глави", "глава", 0),
    (r"раздел|раздели", "раздел", 1),
    (r"членове|член|чл\.", "чл.", 2),
    (r"параграфи|параграф|§§|§", "§", 2),
    (r"алинеи|алинея|ал\.", "ал.", 3),
    (r"точки|точка|т\.", "т.", 4),
    (r"букви|буква|б\.", "буква", 5),
]
_UNIT_RE = re.compile(r"^(" + "|".join(u[0] for u in _UNITS) + r")\s*(.+)$", re.I)
_SPLIT = re.compile(r",\s*|\s+и\s+|\s+както\s+и\s+")
_EXCEPT = re.compile(r"^с\s+изключение\s+на\s+", re.I)


def _unit(token: str) -> tuple[str, int, str] | None:
    m = _UNIT_RE.match(token)
    if not m:
        return None
    word = m.group(1).lower()
    for pattern, name, level in _UNITS:
        if re.fullmatch(pattern, word, re.I):
            return name, level, m.group(2).strip()
    return None


def _fmt(path: list[tuple[str, int, str]]) -> str:
    return ", ".join(f"{name} {num}" for name, _, num in path)


def parse_provisions(text: str) -> list[str]:
    """One string per provision named in `text`; unparseable pieces are kept as written."""
    text = re.sub(r"\s*[–-]\s*", "–", re.sub(r"\s+", " ", text.strip(" ,;:.")))
    out: list[str] = []
    path: list[tuple[str, int, str]] = []
    excluding: tuple[int, list[str]] | None = None  # (level of the excepted provision, parts)
    for raw in _SPLIT.split(text):
        token = raw.strip()
        if not token:
            continue
        m = _EXCEPT.match(token)
        if m and out:
            excluding = (path[-1][1] if path else 0, [])
            token = token[m.end():]
        unit = _unit(token)
        if excluding is not None:
            level = unit[1] if unit else None
            if level is None or level > excluding[0]:
                excluding[1].append(token)
                continue
            out[-1] += f" (с изключение на {', '.join(excluding[1])})"
            excluding = None
        if unit:
            while path and path[-1][1] >= unit[1]:
                path.pop()
            if path and out and out[-1] == _fmt(path):
                out.pop()  # "чл. 9, ал. 2": the article was only the parent of the paragraph
            path.append(unit)
            out.append(_fmt(path))
        elif path and re.fullmatch(r"\d+[а-я]?(?:–\d+[а-я]?)?|[IVXLC]+", token):
            path[-1] = (path[-1][0], path[-1][1], token)
            out.append(_fmt(path))
        else:
            out.append(token)
    if excluding is not None and out:
        out[-1] += f" (с изключение на {', '.join(excluding[1])})"
    return out
