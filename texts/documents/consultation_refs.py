"""Mentions of a public consultation in a document: explicit links for the linker.

Motives of Council of Ministers bills often say where and when the draft was consulted:
„публикуван за обществена консултация на Портала за обществени консултации
(www.strategy.bg) за срок от 30 дни, от 24.07.2026 г. до 23.08.2026 г.“. This module
finds such mentions with their dates, durations, consultation numbers (`reg_num` such as
12447-K, which is `{id}-K` on the new portal) and URLs: the new
`strategy.bg/bg/public-consultations/{id}` and the old
`strategy.bg/PublicConsultations/View.aspx?lang=bg-BG&Id={n}`, whose ids are *not* the
new ones (research/strategy_bg.md §1, §4.3).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from core.strategy import REG_NUM_IN_TEXT, reg_num_for
from texts.documents.text_forms import passage

_FLAGS = re.IGNORECASE

_URL = re.compile(r"(?:https?://)?(?:www\.|old\.)?strategy\.bg(?:/[^\s\"'<>)\]»“”,;]*)?", _FLAGS)
_NEW_ID = re.compile(r"/public-consultations/(\d+)", _FLAGS)
_OLD_ID = re.compile(r"/publicconsultations/view\.aspx\?[^\s]*?\bid=(\d+)", _FLAGS)
# „чл. 107-К“, „бр. 107-К“: numbers of provisions or gazette issues, not consultations.
_NOT_REG_NUM_BEFORE = re.compile(r"(?<!\w)(?:чл|ал|бр|т|стр)\.\s*$", _FLAGS)
_PORTAL = re.compile(r"\bпортал(?:а|ът)?\s+за\s+обществени\s+консултации\b", _FLAGS)
_CONSULTATION = re.compile(
    r"\bобществен(?:а|ата|и|ите)\s+консултаци(?:я|ята|и|ите)\b|\bобществено(?:то)?\s+обсъждане\b", _FLAGS)

_MONTHS = {
    "януари": 1, "февруари": 2, "март": 3, "април": 4, "май": 5, "юни": 6, "юли": 7,
    "август": 8, "септември": 9, "октомври": 10, "ноември": 11, "декември": 12,
}
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\s*(?:г\.?)?")
_WORDED_DATE = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(_MONTHS)})\s+(\d{{4}})\s*(?:г\.?)?", _FLAGS)
_DURATION = re.compile(
    r"\b(\d{1,3})\s*[-‐–]?\s*(дневен|дни|дена|ден|работни\s+дни|седмичен|седмици|седмица|месечен|месеца|месец)\b", _FLAGS)
_UNIT_DAYS = {"ден": 1, "дни": 1, "дена": 1, "дневен": 1, "седмичен": 7, "седмици": 7, "седмица": 7,
              "месечен": 30, "месеца": 30, "месец": 30}

_WINDOW = 400  # characters around a mention searched for its dates and duration
# A sentence ends at „.“, „!“ or „?“ before a capital (not after a digit: „22.12.2024 г.“ is
# followed by „до“, and „чл. 5.“ is no end), or at an empty line. A single line break is not
# an end: PDF text wraps sentences over lines.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\d\.)\s+(?=[„\"(]?[А-ЯA-Z])|\n\s*\n")


@dataclass(frozen=True)
class ConsultationMention:
    kind: str  # url | reg_num | portal | consultation
    passage: str
    start: int
    url: str | None = None
    consultation_id: int | None = None  # new portal id (also the number of reg_num)
    old_portal_id: int | None = None  # View.aspx?Id= of the old portal
    reg_num: str | None = None  # normalised to the portal's form, e.g. "12447-K"
    dates: tuple[dt.date, ...] = ()
    duration_days: int | None = None
    sentence: str = ""  # the whole sentence, over wrapped lines: what a person reads as evidence

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        """The consultation's period as the sentence states it: its first two dates, in order."""
        if len(self.dates) < 2:
            return None
        first, second = self.dates[0], self.dates[1]
        return (first, second) if first <= second else (second, first)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "passage": self.passage, "sentence": self.sentence, "start": self.start, "url": self.url,
                "consultation_id": self.consultation_id, "old_portal_id": self.old_portal_id,
                "reg_num": self.reg_num, "dates": [d.isoformat() for d in self.dates],
                "duration_days": self.duration_days}


@dataclass(frozen=True)
class ConsultationRefs:
    mentions: tuple[ConsultationMention, ...] = field(default_factory=tuple)

    @property
    def mentioned(self) -> bool:
        return bool(self.mentions)

    @property
    def consultation_ids(self) -> tuple[int, ...]:
        return tuple(sorted({m.consultation_id for m in self.mentions if m.consultation_id is not None}))

    @property
    def old_portal_ids(self) -> tuple[int, ...]:
        return tuple(sorted({m.old_portal_id for m in self.mentions if m.old_portal_id is not None}))

    @property
    def reg_nums(self) -> tuple[str, ...]:
        return tuple(reg_num_for(i) for i in self.consultation_ids)

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(sorted({d for m in self.mentions for d in m.dates}))

    @property
    def periods(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """The consultation periods stated, each once."""
        return tuple(dict.fromkeys(m.period for m in self.mentions if m.period is not None))

    def sentence_of(self, period: tuple[dt.date, dt.date]) -> str:
        """The sentence that states `period` (the first, if several do)."""
        return next((m.sentence for m in self.mentions if m.period == period), "")

    @property
    def durations(self) -> tuple[int, ...]:
        return tuple(sorted({m.duration_days for m in self.mentions if m.duration_days is not None}))

    def to_dict(self) -> dict[str, object]:
        return {"mentioned": self.mentioned, "consultation_ids": list(self.consultation_ids),
                "reg_nums": list(self.reg_nums), "old_portal_ids": list(self.old_portal_ids),
                "dates": [d.isoformat() for d in self.dates], "durations_days": list(self.durations),
                "periods": [[a.isoformat(), b.isoformat()] for a, b in self.periods],
                "mentions": [m.to_dict() for m in self.mentions]}


def _dates(text: str) -> tuple[dt.date, ...]:
    found: list[tuple[int, dt.date]] = []
    for match in _NUMERIC_DATE.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            found.append((match.start(), dt.date(year, month, day)))
        except ValueError:
            continue
    for match in _WORDED_DATE.finditer(text):
        try:
            found.append((match.start(), dt.date(int(match.group(3)), _MONTHS[match.group(2).lower()],
                                                 int(match.group(1)))))
        except ValueError:
            continue
    return tuple(dict.fromkeys(d for _, d in sorted(found)))


def _duration(text: str) -> int | None:
    match = _DURATION.search(text)
    if not match:
        return None
    unit = match.group(2).lower().split()[-1]
    return int(match.group(1)) * _UNIT_DAYS.get(unit, 1)


def _context(text: str, start: int, end: int) -> str:
    """The mention's sentence, where its dates and term are stated, within bounds (over
    wrapped lines: a PDF's text breaks a sentence wherever the line ends)."""
    lo = max(0, start - _WINDOW)
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, lo, start) if m.end() <= start]
    left = max([lo, *breaks])
    after = _SENTENCE_BREAK.search(text, end, min(len(text), end + _WINDOW))
    right = after.start() if after else min(len(text), end + _WINDOW)
    return text[left:right]


def find_consultation_refs(text: str) -> ConsultationRefs:
    mentions: list[ConsultationMention] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, match: re.Match[str], **ids: object) -> None:
        start, end = match.start(), match.end()
        context = _context(text, start, end)
        mentions.append(ConsultationMention(
            kind, passage(text, start, end), start, dates=_dates(context), duration_days=_duration(context),
            sentence=" ".join(context.split())[:600],
            **ids,  # type: ignore[arg-type]
        ))
        taken.append((start, end))

    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".")
        new_id = _NEW_ID.search(url)
        old_id = _OLD_ID.search(url)
        add("url", match, url=url, consultation_id=int(new_id.group(1)) if new_id else None,
            old_portal_id=int(old_id.group(1)) if old_id else None)
    for match in REG_NUM_IN_TEXT.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        if _NOT_REG_NUM_BEFORE.search(text, max(0, match.start() - 8), match.start()):
            continue
        number = int(match.group(1))
        add("reg_num", match, reg_num=reg_num_for(number), consultation_id=number)
    for match in _PORTAL.finditer(text):
        add("portal", match)
    for match in _CONSULTATION.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        add("consultation", match)
    mentions.sort(key=lambda m: m.start)
    return ConsultationRefs(tuple(mentions))
