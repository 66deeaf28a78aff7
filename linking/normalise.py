"""Normalising Bulgarian legal titles so that the same draft matches across sources.

The same draft law is titled differently on each side:

- strategy.bg: „Проект на Закон за изменение и допълнение на Закона за водите“;
- ПРИС: „ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / Закон за изменение и допълнение на Закона за водите /“;
- parliament.bg: „Законопроект за изменение и допълнение на Закона за водите“
  (or „Общ законопроект за …“ for a unified bill).

Nearly every title shares the prefix „… за изменение и допълнение на …“, so comparing
whole titles makes any two amending drafts look alike (research/anchors.md §5). The
normaliser therefore splits a title into what kind of act it is (amend, new, ratification,
budget, repeal, …) and the *name of the law it concerns*, in the nominative
(„на Закона за движението по пътищата“ → „закон за движението по пътищата“, „на Наказателния
кодекс“ → „наказателен кодекс“), so that the matcher compares law names, not boilerplate.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from core.law import nominative_adjective

# --------------------------------------------------------------------------- characters

_CYR_RE = re.compile("[\u0400-\u04ff]")
_LAT_RE = re.compile("[A-Za-z]")
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)

# Latin letters that look like Cyrillic ones (government HTML and PDFs mix them, e.g. the real
# parliament.bg title „изменениe и допълнениe“ with a Latin e), and the reverse for Latin words.
_LAT2CYR = dict(zip("AaBCcEeHKkMOoPpTXxYy", "АаВСсЕеНКкМОоРрТХхУу"))
_CYR2LAT = {c: l for l, c in _LAT2CYR.items() if l not in "k"}  # к→k is not a look-alike in print

_DOUBLE_QUOTES = "\"„“”«»‟″〞〝＂"
_SINGLE_QUOTES = "‘’‚‛`´"
_DASHES = "‐‑‒–—―−﹘﹣－"
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_TRANSLATE = {
    **{ord(q): '"' for q in _DOUBLE_QUOTES},
    **{ord(q): "'" for q in _SINGLE_QUOTES},
    **{ord(d): "-" for d in _DASHES},
    **_INVISIBLE,
}
_TAG_RE = re.compile(r"<[^>]{0,500}>")
_NEEDS_TRANSLATE_RE = re.compile("[" + re.escape(_DOUBLE_QUOTES + _SINGLE_QUOTES + _DASHES) + "\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACE_RE = re.compile(r"\s+")
_SPACED_DASH_RE = re.compile(r"\s+-\s*|\s*-\s+")
_NUMERO_RE = re.compile(r"№\s*|\bno\.\s*(?=\d)", re.IGNORECASE)
_TRAILING_PUNCT_RE = re.compile(r"[\s.;,:/]+$")
_LEADING_PUNCT_RE = re.compile(r"^[\s.;,:/-]+")


def _fix_word_script(match: re.Match[str]) -> str:
    word = match.group(0)
    lat = [ch for ch in word if _LAT_RE.match(ch)]
    cyr = [ch for ch in word if _CYR_RE.match(ch)]
    if not lat or not cyr:
        return word
    # A letter with no look-alike in the other script tells the word's script.
    latin_word = any(ch not in _LAT2CYR for ch in lat)
    cyrillic_word = any(ch not in _CYR2LAT for ch in cyr)
    if latin_word and cyrillic_word:
        return word  # genuinely mixed („iPhone-ът“): leave it
    if not latin_word and not cyrillic_word:
        cyrillic_word = len(cyr) >= len(lat)
    if cyrillic_word:
        return "".join(_LAT2CYR.get(ch, ch) for ch in word)
    return "".join(_CYR2LAT.get(ch, ch) for ch in word)


_MIXED_WORD_RE = re.compile(r"[^\W\d_]*(?:[A-Za-z][^\W\d_]*[\u0400-\u04ff]|[\u0400-\u04ff][^\W\d_]*[A-Za-z])[^\W\d_]*")


def fix_homoglyphs(text: str) -> str:
    """Latin look-alike letters inside Cyrillic words become Cyrillic (and vice versa)."""
    if not _LAT_RE.search(text) or not _CYR_RE.search(text):
        return text  # one script only: the usual case, and fast
    return _MIXED_WORD_RE.sub(_fix_word_script, text)


def clean_text(text: str) -> str:
    """NFC, homoglyphs, lower-case, unified quotes/dashes/spaces/„№“; no stripping of words."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    if _NEEDS_TRANSLATE_RE.search(text):
        text = text.translate(_TRANSLATE)
    text = " ".join(fix_homoglyphs(text).lower().split())
    if "-" in text:
        text = _SPACED_DASH_RE.sub(" - ", text)
    if "№" in text or "no." in text:
        text = _NUMERO_RE.sub("№ ", text)
    if text and text[-1] in " .;,:/":
        text = _TRAILING_PUNCT_RE.sub("", text)
    if text and text[0] in " .;,:/-":
        text = _LEADING_PUNCT_RE.sub("", text)
    return text.strip()


# --------------------------------------------------------------------------- vocabulary

# Head nouns of act names, articulated form → nominative. The order matters for the regex.
_HEADS = {
    "конституцията": "конституция",
    "конституция": "конституция",
    "закона": "закон",
    "закон": "закон",
    "кодекса": "кодекс",
    "кодекс": "кодекс",
    "правилника": "правилник",
    "правилник": "правилник",
    "наредбата": "наредба",
    "наредба": "наредба",
    "постановлението": "постановление",
    "постановление": "постановление",
    "решението": "решение",
    "решение": "решение",
    "тарифата": "тарифа",
    "тарифа": "тарифа",
    "инструкцията": "инструкция",
    "инструкция": "инструкция",
    "устава": "устав",
    "устав": "устав",
}
LAW_HEADS = frozenset({"закон", "кодекс", "конституция"})

# Amending operations as written in titles („за изменение и допълнение на …“).
_OPERATIONS = {
    "изменение и допълнение": "изменение и допълнение",
    "изменения и допълнения": "изменение и допълнение",
    "допълнение и изменение": "изменение и допълнение",
    "изменение": "изменение",
    "изменения": "изменение",
    "допълнение": "допълнение",
    "допълнения": "допълнение",
}

# Widely used abbreviations of codes and laws, expanded only where a law name is expected
# („ЗИД на НПК“). Chosen from common usage in Bulgarian legal writing, not from a register.
_LAW_ABBREVIATIONS = {
    "нк": "наказателния кодекс",
    "нпк": "наказателно-процесуалния кодекс",
    "гпк": "гражданския процесуален кодекс",
    "апк": "административнопроцесуалния кодекс",
    "допк": "данъчно-осигурителния процесуален кодекс",
    "кт": "кодекса на труда",
    "ксо": "кодекса за социално осигуряване",
    "кз": "кодекса за застраховането",
    "ик": "изборния кодекс",
    "тз": "търговския закон",
    "здвп": "закона за движението по пътищата",
    "зддс": "закона за данък върху добавената стойност",
    "зддфл": "закона за данъците върху доходите на физическите лица",
    "зкпо": "закона за корпоративното подоходно облагане",
    "змвр": "закона за министерството на вътрешните работи",
    "зсв": "закона за съдебната власт",
    "зоп": "закона за обществените поръчки",
    "зут": "закона за устройство на територията",
    "зз": "закона за здравето",
    "ззо": "закона за здравното осигуряване",
    "зна": "закона за нормативните актове",
    "зпуо": "закона за предучилищното и училищното образование",
}

# Words that carry no identity in a law name (for the comparison keys only).
STOP_WORDS = frozenset("за и на в във по от с със към при до или".split())

# Title prefixes, tried in order on the cleaned (lower-case) title. ПРИС writes
# „за одобряване на законопроект / закон за … /“; strategy.bg sometimes consults the CoM
# decision itself („проект на решение на министерския съвет за одобряване на проект на закон …“).
_APPROVE = r"^(?:проект на )?(?:решение(?: на министерския съвет)? )?за одобряване на "
_PREFIXES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_APPROVE + r"(?:проекта? на )?законопроект(?:а|и)?\s*/?\s*(?=закон|кодекс)"), ""),
    (re.compile(_APPROVE + r"(?:проекта? на )?законопроект(?:а|и)?\s*/?\s*(?=за )"), "закон "),
    (re.compile(_APPROVE + r"проекта? на (?=закон|кодекс)"), ""),
    (re.compile(_APPROVE + r"(?:проекта? на )?законопроект(?:а|и)?\s*/\s*"), ""),  # „/ Наказателно-процесуален кодекс /“
    (re.compile(r"^(?:проект на |проекто-?)+"), ""),
    (re.compile(r"^общ законопроект за "), "закон за "),
    (re.compile(r"^законопроект(?:а)? за "), "закон за "),
    (re.compile(r"^проектозакон за "), "закон за "),
]
_PREFIX_STARTS = ("проект", "общ законопроект", "законопроект")
_ABBREV_ACT = [
    (re.compile(r"\bзид\b"), "закон за изменение и допълнение"),
    (re.compile(r"\bзи(?= на )"), "закон за изменение"),
    (re.compile(r"\bзд(?= на )"), "закон за допълнение"),
]
_OP_RE = re.compile(
    r"^(?P<act>\S+(?: на министерския съвет)?) за (?P<op>"
    + "|".join(sorted(map(re.escape, _OPERATIONS), key=len, reverse=True))
    + r") на (?P<obj>.+)$"
)
_REPEAL_RE = re.compile(r"^(?P<act>\S+) за отмяна(?:та)? на (?P<obj>.+)$")
_RATIFY_RE = re.compile(
    r"^закон за (?P<what>ратифициране|ратификация|присъединяване|денонсиране|денонсация)"
    r"(?: на република българия към)?(?: на)? (?P<obj>.+)$"
)
_BUDGET_RE = re.compile(
    r"^(?P<name>закон за (?:държавния бюджет на република българия|бюджета на държавното обществено "
    r"осигуряване|бюджета на националната здравноосигурителна каса))(?: за (?P<year>(?:19|20)\d\d)(?: ?г(?:\.|одина)?)?)?"
    r"(?P<tail>.*)$"
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
# Promulgation references and similar trailing notes: „(ДВ, бр. 14 от 2016 г.)“, „(обн. …)“.
_GAZETTE_NOTE_RE = re.compile(r"\s*\((?:обн\.?|дв\b|д\.в\.|ред\.|загл\. изм\.)[^()]*\)")
# A second amended act in the same title: „… и на Закона за …“, „…, на Кодекса …“.
_SECOND_LAW_RE = re.compile(
    r"(?:,| и) (?:за \S+(?: и \S+)? )?(?:на|в) (?=(?:[^\s,]+ ){0,2}(?:" + "|".join(_HEADS) + r")\b)"
)
_OBJ_HEAD_RE = re.compile(
    r"^(?P<pre>(?:[^\s]+ ){0,3}?)(?P<head>" + "|".join(sorted(_HEADS, key=len, reverse=True)) + r")\b(?P<post>.*)$"
)
_KEY_PUNCT = "\"'()[],.;:!?/"
_KEY_PUNCT_RE = re.compile("[" + re.escape(_KEY_PUNCT) + "]")


def _nominative_law(obj: str) -> tuple[str, str]:
    """Split the object of an operation into (law name in the nominative, the rest)."""
    obj = obj.strip()
    first, _, after = obj.partition(" ")
    if first in _LAW_ABBREVIATIONS:
        obj = (_LAW_ABBREVIATIONS[first] + " " + after).strip()
    if "(" in obj:
        obj = _GAZETTE_NOTE_RE.sub("", obj)
    m = _OBJ_HEAD_RE.match(obj)
    if not m:
        return obj, ""
    pre = m.group("pre").split()
    head = _HEADS[m.group("head")]
    pre = [nominative_adjective(w) for w in pre]
    post = m.group("post")
    # The law name runs until a second amended act („… и на Закона за …“) starts.
    split = _SECOND_LAW_RE.search(post)
    rest = ""
    if split and split.start() > 0:
        post, rest = post[: split.start()], post[split.end():]
    name = " ".join([*pre, head]) + post
    return name.strip(" ,"), rest.strip(" ,")


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class NormalTitle:
    """A title taken apart for matching.

    kind: amend | new | ratification | denunciation | budget | repeal | other
    act: the kind of act the title makes („закон“, „наредба“, …; „“ if unknown)
    operation: for amend, „изменение и допълнение“ | „изменение“ | „допълнение“
    law_name: the law concerned, nominative („закон за водите“, „кодекс на труда“); for a
        ratification the treaty ratified; for a new law its own name
    head: the head noun of law_name („закон“, „кодекс“, „конституция“, …)
    rest: what the title says beyond that law (other acts amended, notes)
    full: the whole cleaned title (after the prefixes were handled)
    years: four-digit years in law_name (budget laws: the budget year)
    law_key / rest_key: law_name / rest without the head noun, quotes and stop words, for
        fuzzy comparison
    """

    kind: str
    act: str
    law_name: str
    rest: str
    full: str
    operation: str = ""
    head: str = ""
    years: tuple[int, ...] = ()
    law_key: str = ""
    rest_key: str = ""
    tokens: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_law(self) -> bool:
        """The title makes a law (the only kind of act a bill in parliament can be)."""
        return self.act in LAW_HEADS


def comparison_key(text: str, drop_head: str = "") -> str:
    if any(ch in text for ch in _KEY_PUNCT):
        text = _KEY_PUNCT_RE.sub(" ", text)
    words = [w for w in text.split() if w not in STOP_WORDS and w != "-"]
    if drop_head and drop_head in words:
        words.remove(drop_head)
    return " ".join(words)


_ARTICLES = ("ът", "ят", "та", "то", "те", "а", "я")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A crude stem: the definite article off, then six letters — enough to equate
    „движението“ and „движение“, „данъка“ and „данък“, and to keep „водите“ and „горите“,
    „здравето“ and „здравното“ apart."""
    for suffix in _ARTICLES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


def stems(key: str) -> frozenset[str]:
    """Stems of a comparison key; hyphenated words count as their parts
    („наказателно-процесуален“ is not „наказателен“)."""
    return frozenset(stem(part) for word in key.split() for part in word.split("-") if part)


def _finish(kind: str, act: str, law_name: str, rest: str, full: str, operation: str = "") -> NormalTitle:
    if "  " in law_name:
        law_name = _SPACE_RE.sub(" ", law_name)
    if "  " in rest:
        rest = _SPACE_RE.sub(" ", rest)
    law_name, rest = law_name.strip(" ,."), rest.strip(" ,")
    first = law_name.split(" ", 1)[0] if law_name else ""
    head_m = _OBJ_HEAD_RE.match(law_name)
    head = _HEADS[head_m.group("head")] if head_m else first
    if kind == "ratification":
        head = "ratification"
    law_key = comparison_key(law_name, drop_head=head)
    return NormalTitle(
        kind=kind,
        act=act,
        law_name=law_name,
        rest=rest,
        full=full,
        operation=operation,
        head=head,
        years=tuple(int(y) for y in _YEAR_RE.findall(law_name)),
        law_key=law_key,
        rest_key=comparison_key(rest),
        tokens=stems(law_key),
    )


@lru_cache(maxsize=200_000)
def normalise_title(title: str | None) -> NormalTitle:
    """Take a bill, consultation or ПРИС title apart (see NormalTitle). Never raises."""
    text = clean_text(title or "")
    if "одобряване" in text:
        for pattern, repl in _PREFIXES[:4]:
            text = pattern.sub(repl, text, count=1)
    if text.startswith(_PREFIX_STARTS):
        for pattern, repl in _PREFIXES[4:]:
            text = pattern.sub(repl, text, count=1)
    if "зи" in text or "зд" in text:
        for pattern, repl in _ABBREV_ACT:
            text = pattern.sub(repl, text)
    text = text.strip(" /").strip()
    if text.startswith("законопроект за "):  # „проект на законопроект за …“
        text = "закон за " + text.removeprefix("законопроект за ")
    full = text
    first = text.split(" ", 1)[0] if text else ""
    act = _HEADS.get(first, "")

    m = _RATIFY_RE.match(text)
    if m:
        obj = _GAZETTE_NOTE_RE.sub("", m.group("obj"))
        kind = "denunciation" if m.group("what").startswith("денонс") else "ratification"
        return _finish(kind, "закон", obj, "", full)
    m = _BUDGET_RE.match(text)
    if m:
        name = m.group("name") + (f" за {m.group('year')} г" if m.group("year") else "")
        return _finish("budget", "закон", name, m.group("tail"), full)
    m = _OP_RE.match(text)
    if m and _HEADS.get(m.group("act").split(" ", 1)[0]):
        law, rest = _nominative_law(m.group("obj"))
        return _finish("amend", _HEADS[m.group("act").split(" ", 1)[0]], law, rest, full, _OPERATIONS[m.group("op")])
    m = _REPEAL_RE.match(text)
    if m and _HEADS.get(m.group("act")):
        law, rest = _nominative_law(m.group("obj"))
        return _finish("repeal", _HEADS[m.group("act")], law, rest, full)
    if act:
        # A new act: „закон за потребителския кредит“. A new code may be titled
        # „закон за <x> кодекс“/„закон за кодекс …“ in parliament and „кодекс …“ on strategy.bg.
        obj = text
        inner = text.removeprefix("закон за ")
        inner_m = _OBJ_HEAD_RE.match(inner)
        if inner != text and inner_m and _HEADS[inner_m.group("head")] == "кодекс" and len(inner_m.group("pre").split()) <= 1:
            obj, act = inner, "кодекс"
        law, rest = _nominative_law(obj)
        return _finish("new", act, law, rest, full)
    # A new code or law named adjective-first: „наказателно-процесуален кодекс“, „търговски закон“.
    m = _OBJ_HEAD_RE.match(text)
    if m and _HEADS[m.group("head")] in LAW_HEADS and 0 < len(m.group("pre").split()) <= 2:
        law, rest = _nominative_law(text)
        return _finish("new", _HEADS[m.group("head")], law, rest, full)
    # Something else („консултационен документ …“, a municipal programme, …).
    return _finish("other", "", text, "", full)
