"""The State Gazette history of a law: "(обн., ДВ, бр. 41 от 2007 г.; изм., бр. 109 от 2007 г., …)".

Bulgarian legislative technique prints, after the title of a law being amended, every
earlier publication of it: the original promulgation („обн.“), amendments („изм.“, „доп.“,
„изм. и доп.“), corrections („попр.“) and Constitutional Court decisions („Решение № 3 на
Конституционния съд от 2009 г. – бр. 45 от 2009 г.“). LT-02 counts the amending acts among
them within a window before the current act.

The history gives issue numbers, not dates. An issue's date is estimated from its number,
the ДВ appearing on a regular schedule of about 104 issues a year (Tuesdays and Fridays)
[inferred; extraordinary issues shift the estimate by a few days at most].
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ISSUES_PER_YEAR = 104

_COURT = re.compile(r"Решение\s*№\s*\d+[^;–-]*?(?:–|-)\s*бр\.\s*\d+\s+от\s+\d{4}\s*г\.?", re.I)
_LABEL = re.compile(r"\b(обн|изм|доп|попр)\.", re.I)
_GROUP = re.compile(r"бр\.\s*((?:\d+\s*(?:,|\bи\b)\s*)*\d+)\s+от\s+(\d{4})\s*г", re.I)
_NUMBERS = re.compile(r"\d+")
# The history right after a law's title near the top of its text.
_TITLE_HISTORY = re.compile(r"\(\s*обн\.\s*,?\s*(?:ДВ|Д\.\s*В\.)[^()]*(?:\([^()]*\)[^()]*)*\)")


@dataclass(frozen=True, slots=True)
class GazetteEntry:
    issue: int
    year: int
    kind: str  # promulgation | amendment | correction | court_decision

    @property
    def approx_date(self) -> dt.date:
        return issue_date(self.issue, self.year)


def issue_date(issue: int, year: int) -> dt.date:
    """Estimated date of ДВ issue `issue` of `year` (see the module note)."""
    day = min(int((max(issue, 1) - 1) * 365 / ISSUES_PER_YEAR), 364)
    return dt.date(year, 1, 1) + dt.timedelta(days=day)


def parse_history(text: str | None) -> list[GazetteEntry]:
    if not text:
        return []
    entries: list[GazetteEntry] = []
    for m in _COURT.finditer(text):
        g = _GROUP.search(m.group(0))
        if g:
            entries.extend(GazetteEntry(int(n), int(g.group(2)), "court_decision") for n in _NUMBERS.findall(g.group(1)))
    rest = _COURT.sub(" ; ", text)
    labels = [(m.start(), m.group(1).lower()) for m in _LABEL.finditer(rest)]
    for m in _GROUP.finditer(rest):
        label = "изм"
        for pos, name in labels:
            if pos < m.start():
                label = name
            else:
                break
        kind = {"обн": "promulgation", "попр": "correction"}.get(label, "amendment")
        entries.extend(GazetteEntry(int(n), int(m.group(2)), kind) for n in _NUMBERS.findall(m.group(1)))
    return entries


def amendments_in_window(entries: list[GazetteEntry], issue: int, year: int, months: int) -> list[GazetteEntry]:
    """Amending acts published within `months` before ДВ issue `issue`/`year` (that issue excluded)."""
    end = issue_date(issue, year)
    start = end - dt.timedelta(days=round(months * 365 / 12))
    return [e for e in entries if e.kind == "amendment" and (e.year, e.issue) < (year, issue) and e.approx_date > start]


_TITLE_START = re.compile(r"^(?:ЗАКОН|КОДЕКС)\b")
_BODY_START = re.compile(r"^(?:§\s*\d|Чл\.\s*\d|Член\s|Глава\s|ГЛАВА\s|Раздел\s|РАЗДЕЛ\s|Част\s|ЧАСТ\s)")


def title_history(paragraphs: list[str], limit: int = 40) -> str | None:
    """The history printed after the law's title (between the title heading and the first § or
    article) in a promulgated text; None for a new law, which has none."""
    start = next((i for i, p in enumerate(paragraphs[:limit]) if _TITLE_START.match(p.strip())), None)
    if start is None:
        return None
    title: list[str] = []
    for p in paragraphs[start:start + 6]:
        if title and _BODY_START.match(p.strip()):
            break
        title.append(p)
    m = _TITLE_HISTORY.search(" ".join(title))
    return m.group(0)[1:-1].strip() if m else None
