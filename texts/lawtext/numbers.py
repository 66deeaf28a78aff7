"""Bulgarian number words, number-adjective stems and dates as they appear in laws.

Laws write terms both in digits ("6 месеца", "14-дневен срок") and in words ("три месеца",
"тримесечен срок", "една година", "едногодишен срок"), and dates as "1 януари 2027 г." or
"1.01.2027 г.", occasionally with an ordinal day ("първи януари").
"""
from __future__ import annotations

import calendar
import re
from datetime import date

_UNITS = {
    "нула": 0, "един": 1, "една": 1, "едно": 1, "два": 2, "две": 2, "три": 3, "четири": 4, "пет": 5,
    "шест": 6, "седем": 7, "осем": 8, "девет": 9, "десет": 10,
    "единадесет": 11, "единайсет": 11, "дванадесет": 12, "дванайсет": 12, "тринадесет": 13, "тринайсет": 13,
    "четиринадесет": 14, "четиринайсет": 14, "петнадесет": 15, "петнайсет": 15,
    "шестнадесет": 16, "шестнайсет": 16, "седемнадесет": 17, "седемнайсет": 17,
    "осемнадесет": 18, "осемнайсет": 18, "деветнадесет": 19, "деветнайсет": 19,
    "двадесет": 20, "двайсет": 20, "тридесет": 30, "трийсет": 30, "четиридесет": 40, "четирийсет": 40,
    "петдесет": 50, "шестдесет": 60, "седемдесет": 70, "осемдесет": 80, "деветдесет": 90,
    "сто": 100, "двеста": 200, "триста": 300,
}
# Stems fused into adjectives: "тримесечен", "едногодишен", "двумесечен", "шестмесечен".
_STEMS = {
    "едно": 1, "дву": 2, "две": 2, "три": 3, "четири": 4, "пет": 5, "шест": 6, "седем": 7, "осем": 8,
    "девет": 9, "десет": 10, "единадесет": 11, "дванадесет": 12, "петнадесет": 15,
    "осемнадесет": 18, "двадесет": 20, "двадесет и четири": 24, "тридесет": 30,
    "четиридесет": 40, "четиридесет и пет": 45, "шестдесет": 60, "деветдесет": 90, "сто": 100,
    "стодвадесет": 120, "стоосемдесет": 180,
}
ORDINALS = {
    "първи": 1, "първо": 1, "първа": 1, "втори": 2, "второ": 2, "втора": 2, "трети": 3, "трето": 3, "трета": 3,
    "четвърти": 4, "четвърто": 4, "четвърта": 4, "пети": 5, "пето": 5, "пета": 5, "шести": 6, "шесто": 6,
    "шеста": 6, "седми": 7, "седмо": 7, "седма": 7, "осми": 8, "осмо": 8, "осма": 8, "девети": 9, "девето": 9,
    "девета": 9, "десети": 10, "десето": 10, "десета": 10, "петнадесети": 15, "двадесети": 20,
    "тридесети": 30, "тридесет и първи": 31,
}
MONTHS = {
    "януари": 1, "февруари": 2, "март": 3, "април": 4, "май": 5, "юни": 6, "юли": 7,
    "август": 8, "септември": 9, "октомври": 10, "ноември": 11, "декември": 12,
}

# A cardinal in digits or words, e.g. "18", "три", "двадесет и един".
_WORD_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
NUMBER_RE = rf"(?:\d+|(?:{_WORD_ALT})(?:\s+и\s+(?:{_WORD_ALT}))?)"
# A number fused into an adjective: "14-дневен", "тримесечен", "6-месечен", "едногодишен".
_STEM_ALT = "|".join(sorted(_STEMS, key=len, reverse=True))
NUMBER_STEM_RE = rf"(?:\d+\s*-\s*|\d+|(?:{_STEM_ALT}))"
_ORD_ALT = "|".join(sorted(ORDINALS, key=len, reverse=True))
_MONTH_ALT = "|".join(MONTHS)
DATE_RE = (
    rf"(?:(?P<day>\d{{1,2}})(?:\s*-?\s*(?:ви|ри|ти|ми|во|то|ия))?|(?P<day_word>{_ORD_ALT}))\s+"
    rf"(?P<month>{_MONTH_ALT})\s+(?P<year>\d{{4}})(?:\s*г\.?)?"
    rf"|(?P<nday>\d{{1,2}})\.(?P<nmonth>\d{{1,2}})\.(?P<nyear>\d{{4}})(?:\s*г\.?)?"
)


def parse_number(text: str) -> int | None:
    """'18' -> 18, 'три' -> 3, 'двадесет и един' -> 21; None when not a number."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    total = 0
    for part in re.split(r"\s+и\s+|\s+", text):
        if part not in _UNITS:
            return None
        total += _UNITS[part]
    return total or None


def parse_number_stem(text: str) -> int | None:
    """The number fused into '14-дневен', 'тримесечен', 'дву' ... ('14-' / 'три' / 'дву')."""
    text = text.strip().rstrip("-").strip().lower()
    if text.isdigit():
        return int(text)
    return _STEMS.get(text)


def parse_date_match(m: re.Match) -> date | None:
    """The date of a DATE_RE match; None for an impossible one (e.g. 31 февруари)."""
    try:
        if m.group("nday"):
            return date(int(m.group("nyear")), int(m.group("nmonth")), int(m.group("nday")))
        day = int(m.group("day")) if m.group("day") else ORDINALS[m.group("day_word").lower()]
        return date(int(m.group("year")), MONTHS[m.group("month").lower()], day)
    except (ValueError, KeyError):
        return None


def find_date(text: str) -> date | None:
    m = re.search(DATE_RE, text, re.I)
    return parse_date_match(m) if m else None


def add_months(d: date, months: int) -> date:
    """Same day number `months` later, clamped to the month's end (31 Aug + 6 months = 28/29 Feb)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))
