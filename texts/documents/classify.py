"""What a bill or consultation document is: motives, bill text, impact assessment, ...

A named rule table (`RULES`) of regexes is tried on three sources in order of trust:
the title the source gives the file (strategy.bg's document type such as „Мотиви“ or
„Оценка на въздействие“, parliament.bg's `order[].ANOT` or `stan_list*[].A_Cm_Stan_sub`),
then the file name, then the heading lines at the top of the text. Within one source the
match that starts first wins („Становище … относно частичната оценка на въздействието“ is
an opinion, „Мотиви към законопроекта“ is motives), ties going to the earlier rule.

Parliament bill files often hold several documents (cover letter, bill, motives, impact
assessment); headings found further down the text are returned in `contains`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from core.documents import DocumentKind  # the vocabulary, with its labels; decided here
from core.parliament import Signature
from core.rules import Rule, earliest_match, rule
from texts.documents.text_forms import collapse_spaced_caps


_IA = r"(?:предварителна\s+)?оценка(?:та)?\s+на\s+въздействие(?:то)?"
_EU = r"(?:правото|законодателството|acquis)\s+на\s+(?:европейския\s+съюз|ес)\b"


def _rule(name: str, kind: DocumentKind, pattern: str, reads: str = "title filename text") -> Rule[DocumentKind]:
    return rule(name, kind, pattern, flags=re.IGNORECASE | re.MULTILINE, reads=reads)


# Order matters only for matches that start at the same place: specific before generic.
RULES: tuple[Rule[DocumentKind], ...] = (
    # parliament.bg stan_list*: „Доклад за първо гласуване …“, „Проект на доклад за второ гласуване …“
    _rule("committee_report_reading", DocumentKind.COMMITTEE_REPORT,
          r"\b(?:проект\s+на\s+)?доклад\b[^\n]{0,120}?\b(?:първо|второ)\s+гласуване"),
    _rule("committee_report_by_committee", DocumentKind.COMMITTEE_REPORT,
          r"\bдоклад\s+(?:на|от)\s+(?:временната\s+)?комисия(?:та)?\s+по\b"),
    _rule("ia_opinion_amc", DocumentKind.IA_OPINION,
          r"\bстановище\b[^\n]{0,80}?\b(?:администрацията\s+на\s+министерския\s+съвет"
          r"|дирекция\s+[„\"]?модернизация\s+на\s+администрацията)"),
    _rule("ia_opinion_on_assessment", DocumentKind.IA_OPINION,
          rf"\bстановище\b[^\n]{{0,60}}?\b(?:по|относно|за)\s+(?:частична(?:та)?\s+|цялостна(?:та)?\s+)?{_IA}"),
    _rule("opinion", DocumentKind.OPINION, r"\bстановищ(?:е|а)\b(?!\s*[/|])"),
    _rule("impact_assessment_full", DocumentKind.IMPACT_ASSESSMENT_FULL, rf"\bцялостна(?:та)?\s+{_IA}"),
    _rule("impact_assessment_partial", DocumentKind.IMPACT_ASSESSMENT_PARTIAL, rf"\bчастична(?:та)?\s+{_IA}"),
    _rule("impact_assessment", DocumentKind.IMPACT_ASSESSMENT, rf"\b{_IA}"),
    _rule("eu_compatibility_table", DocumentKind.EU_COMPATIBILITY_TABLE,
          rf"\b(?:таблица|справка)\s+(?:за\s+съответствие(?:то)?|на\s+съответствието)[^\n]{{0,40}}?(?:с\s+)?{_EU}"),
    _rule("eu_correlation_table", DocumentKind.EU_COMPATIBILITY_TABLE,
          r"\b(?:сравнителна\s+)?таблица\s+(?:на|за)\s+съответствие(?:то)?\b[^\n]{0,80}?\b(?:директива|регламент)"),
    _rule("echr_compatibility", DocumentKind.ECHR_COMPATIBILITY,
          r"\bсправка\b[^\n]{0,80}?\bсъответствие\b[^\n]{0,120}?(?:конвенция(?:та)?\s+за\s+защита\s+на\s+правата"
          r"\s+на\s+човека|екпч|европейския\s+съд\s+по\s+правата\s+на\s+човека)"),
    # strategy.bg doc type 8 „Справка за получените предложения/съобщение“; old portal files
    # „Справка за отразяване на становищата …“ (research/strategy_bg.md §4.2).
    _rule("consultation_report", DocumentKind.CONSULTATION_REPORT,
          r"\bсправка\b[^\n]{0,40}?\b(?:за\s+)?(?:отразяване(?:то)?|отразените|получените|постъпилите|приетите"
          r"|неприетите)\b[^\n]{0,60}?\b(?:становищ|предложени|бележк|коментар)\w*"),
    _rule("consultation_report_public", DocumentKind.CONSULTATION_REPORT,
          r"\bсправка\b[^\n]{0,80}?\b(?:обществен\w*\s+консултаци\w*|обществено(?:то)?\s+обсъждане)"),
    _rule("consultation_report_short", DocumentKind.CONSULTATION_REPORT, r"\bсправка\s+(?:от\s+)?становища\b"),
    _rule("motives", DocumentKind.MOTIVES, r"\bмотиви\b(?!\s*за\s+кратък\s+срок)(?!\s*[/|])"),
    _rule("bill", DocumentKind.BILL_TEXT, r"\bзаконопроект(?:ът|а)?\b"),
    _rule("draft_act", DocumentKind.BILL_TEXT,
          r"\bпроект(?:ът)?\s+(?:на\s+)?(?:акт|закон|кодекс|наредба|постановление|правилник|решение|тарифа)\b"),
    _rule("draft_heading", DocumentKind.BILL_TEXT, r"^\s*проект\s*\n+\s*(?:закон|кодекс|наредба|постановление|правилник)\b",
          "text"),
    _rule("report", DocumentKind.REPORT, r"^\s*доклад\b"),
    _rule("comments", DocumentKind.OTHER, r"^\s*коментари\b", "title filename"),
    _rule("consultation_document", DocumentKind.OTHER, r"^\s*консултационен\s+документ\b", "title"),
    _rule("consolidated_version", DocumentKind.OTHER, r"^\s*консолидирана\s+версия\b", "title"),
)

# strategy.bg download names are often transliterated („Motivi_ZID_ZEE.docx“).
FILENAME_RULES: tuple[Rule[DocumentKind], ...] = (
    # ЧПОВ / ЦПОВ: the usual abbreviations of частична / цялостна предварителна ОВ in file names.
    _rule("abbrev_ia_full", DocumentKind.IMPACT_ASSESSMENT_FULL,
          r"\b(?:цпов|tspov|cpov)\b|\b(?:tsyalostna|cyalostna|caliostna|tsialostna)\b", "filename"),
    _rule("abbrev_ia_partial", DocumentKind.IMPACT_ASSESSMENT_PARTIAL,
          r"\b(?:чпов|chpov)\b|\b(?:chastichna|chastična)\b", "filename"),
    _rule("abbrev_ia", DocumentKind.IMPACT_ASSESSMENT, r"\b(?:пов|ов|pov|ov|otsenka|ocenka)\b", "filename"),
    _rule("translit_eu_table", DocumentKind.EU_COMPATIBILITY_TABLE, r"\b(?:tablitsa|tablica)\b", "filename"),
    _rule("translit_spravka", DocumentKind.CONSULTATION_REPORT, r"\bspravka\b", "filename"),
    _rule("translit_opinion", DocumentKind.OPINION, r"\bstanovi(?:shte|šte|shta)\b", "filename"),
    _rule("translit_motives", DocumentKind.MOTIVES, r"\bmotivi\b", "filename"),
    _rule("translit_report", DocumentKind.REPORT, r"\bdoklad\b", "filename"),
    _rule("translit_bill", DocumentKind.BILL_TEXT, r"\b(?:zakonoproekt|proekt|zid|zakon)\b", "filename"),
)

# Headings that start a new document inside one file: a short line at the start of a line.
# The bill and its motives are found by their upper-case headings only (the motives' text
# names „законопроекта“ in every other line). The annexes a Council of Ministers bill
# carries in the same file (bill 167546 has only 52-602-01-43.rtf) are typed in upper or
# mixed case, so those are matched in either case but must start with a capital and not
# end like a sentence („Към законопроекта е приложена таблица за съответствие …“ is no heading).
_CONVENTION = r"(?:КОНВЕНЦИ|ЕКПЧ|ПРАВАТА\s+НА\s+ЧОВЕКА)"
_AGREEMENT = r"(?:ЗА\s+СЪОТВЕТСТВИЕ(?:ТО)?|НА\s+СЪОТВЕТСТВИЕТО)"
# Upper-case-only headings are matched as written; the annexes' headings in any case (re.IGNORECASE).
_ANY_CASE = re.MULTILINE | re.IGNORECASE
SECTION_RULES: tuple[Rule[DocumentKind], ...] = (
    rule("motives_heading", DocumentKind.MOTIVES, r"^[ \t]*МОТИВИ\b[^\n]{0,200}$", flags=re.MULTILINE),
    rule("bill_heading", DocumentKind.BILL_TEXT,
         r"^[ \t]*(?:ЗАКОНОПРОЕКТ\b|ПРОЕКТ\s*\n+\s*ЗАКОН\b|ЗАКОН\s+ЗА\s+(?:ИЗМЕНЕНИЕ|ДОПЪЛНЕНИЕ))[^\n]{0,200}$",
         flags=re.MULTILINE),
    rule("impact_assessment_partial_heading", DocumentKind.IMPACT_ASSESSMENT_PARTIAL,
         r"^[ \t]*(?:ФОРМУЛЯР\s+ЗА\s+)?ЧАСТИЧНА\s+ПРЕДВАРИТЕЛНА\s+ОЦЕНКА\s+НА\s+ВЪЗДЕЙСТВИЕТО[^\n]{0,200}$", flags=_ANY_CASE),
    rule("impact_assessment_full_heading", DocumentKind.IMPACT_ASSESSMENT_FULL,
         r"^[ \t]*(?:ФОРМУЛЯР\s+ЗА\s+)?ЦЯЛОСТНА\s+ПРЕДВАРИТЕЛНА\s+ОЦЕНКА\s+НА\s+ВЪЗДЕЙСТВИЕТО[^\n]{0,200}$", flags=_ANY_CASE),
    # „Справка за съответствие с Европейската конвенция за защита на правата на човека“ (ПОДНС),
    # its name possibly wrapped onto a second line.
    rule("echr_compatibility_heading", DocumentKind.ECHR_COMPATIBILITY,
         rf"^[ \t]*СПРАВКА\s+{_AGREEMENT}[^\n]{{0,200}}?(?:\n[^\n]{{0,200}}?)?{_CONVENTION}[^\n]{{0,200}}$", flags=_ANY_CASE),
    # „Таблица за съответствие с правото на Европейския съюз“; not the ECHR справка above.
    rule("eu_compatibility_table_heading", DocumentKind.EU_COMPATIBILITY_TABLE,
         rf"^[ \t]*(?:ТАБЛИЦА|СПРАВКА)\s+{_AGREEMENT}(?![^\n]{{0,200}}(?:\n[^\n]{{0,200}})?{_CONVENTION})[^\n]{{0,200}}$",
         flags=_ANY_CASE),
    rule("consultation_report_heading", DocumentKind.CONSULTATION_REPORT,
         r"^[ \t]*СПРАВКА\s+ЗА\s+(?:ОТРАЗЯВАНЕ|ПОЛУЧЕНИТЕ|ПОСТЪПИЛИТЕ)[^\n]{0,200}$", flags=_ANY_CASE),
)


def _looks_like_heading(line: str) -> bool:
    line = line.strip()
    return bool(line) and line[0].isupper() and not line.endswith((".", ",", ";"))


# The chair's distribution orders: parliament.bg lists them under the bill's `order`, with
# the bill's title as their annotation (ANOT), so neither title nor text says what they are.
# Their number does (core.parliament.Signature.is_order).
_ORDER_ORIGINS = frozenset({"order"})

_HEAD_LINES = 40
_HEAD_LINE_MAX = 200
_GENERIC_TITLES = re.compile(r"^\s*(?:други(?:\s+документи)?|приложени[ея](?:\s*№?\s*\d+)?|файл|документ)\s*$",
                             re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    """A document found by its heading inside a file's text (offsets into that text)."""

    kind: DocumentKind
    start: int
    end: int
    heading: str


@dataclass(frozen=True)
class Classification:
    kind: DocumentKind
    rule: str | None  # the RULES name that decided; None for OTHER by default
    source: str | None  # title | filename | text
    evidence: str | None  # the matched words
    contains: tuple[DocumentKind, ...] = ()  # other documents found by heading in the text

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind.value, "rule": self.rule, "source": self.source, "evidence": self.evidence,
                "contains": [k.value for k in self.contains]}


def _filename_for_matching(filename: str) -> str:
    stem = PurePosixPath(filename.replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return re.sub(r"[_\-.+]+", " ", stem)


def _text_head(text: str) -> str:
    """Heading-like lines at the top: short lines, where a title sits; body sentences that
    merely mention „законопроекта“ are left out."""
    lines = collapse_spaced_caps(text[:6000]).split("\n")[:_HEAD_LINES]
    return "\n".join(line for line in lines if 0 < len(line.strip()) <= _HEAD_LINE_MAX)


def _first_match(value: str, source: str, rules: tuple[Rule[DocumentKind], ...]
                 ) -> tuple[Rule[DocumentKind], re.Match[str]] | None:
    """The rule reading `source` whose match starts first in `value`; a tie goes to the earlier rule."""
    return earliest_match((r for r in rules if source in r.reads), value)


# A title line saying which assessment this is: „Частична предварителна оценка на
# въздействието“, „ФОРМУЛЯР ЗА ЦЯЛОСТНА …“. Only at the start of a line: the partial form
# itself asks „Необходимо ли е да се извърши цялостна предварителна оценка на въздействието?“,
# and an answer or a remark in the body is no title.
_IA_HEADING = re.compile(
    rf"^[ \t„\"«]*(?:(?:формуляр|образец)\s+(?:за|на)\s+)?(?P<which>частична|цялостна)(?:та)?\s+{_IA}",
    re.IGNORECASE | re.MULTILINE,
)


def _refine_impact_assessment(kind: DocumentKind, filename: str, text: str) -> tuple[DocumentKind, str | None]:
    """A generic „Оценка на въздействие“ (strategy.bg's type, or the Наредба's name in the first
    line): the document's own heading says partial or full, else its file name (ЧПОВ, ЦПОВ);
    a mention further down never decides."""
    if kind is not DocumentKind.IMPACT_ASSESSMENT:
        return kind, None
    heading = _IA_HEADING.search(_text_head(text)) if text else None
    if heading:
        if heading.group("which").lower() == "частична":
            return DocumentKind.IMPACT_ASSESSMENT_PARTIAL, "impact_assessment_partial"
        return DocumentKind.IMPACT_ASSESSMENT_FULL, "impact_assessment_full"
    ia_rules = tuple(r for r in RULES + FILENAME_RULES
                     if r.value in (DocumentKind.IMPACT_ASSESSMENT_FULL, DocumentKind.IMPACT_ASSESSMENT_PARTIAL))
    found = _first_match(_filename_for_matching(filename), "filename", ia_rules) if filename else None
    if found:
        return found[0].value, found[0].name
    return kind, None


def find_sections(text: str) -> tuple[Section, ...]:
    """Documents inside one file, by their upper-case headings, in text order."""
    hits: list[tuple[int, DocumentKind, str]] = []
    for heading in SECTION_RULES:
        any_case = bool(heading.pattern.flags & re.IGNORECASE)
        for match in heading.pattern.finditer(text):
            if any_case and not _looks_like_heading(match.group(0).split("\n", 1)[0]):
                continue
            hits.append((match.start(), heading.value, " ".join(match.group(0).split())))
    hits.sort(key=lambda h: h[0])
    # Repeated headings of the same kind in a row (running heads, „МОТИВИ“ then „МОТИВИ към …“) merge.
    merged: list[tuple[int, DocumentKind, str]] = []
    for hit in hits:
        if merged and merged[-1][1] == hit[1]:
            continue
        merged.append(hit)
    sections = []
    for i, (start, kind, heading) in enumerate(merged):
        end = merged[i + 1][0] if i + 1 < len(merged) else len(text)
        sections.append(Section(kind, start, end, heading))
    return tuple(sections)


def _order(filename: str, origin: str | None) -> Classification | None:
    if origin in _ORDER_ORIGINS:
        return Classification(DocumentKind.ORDER, "order_origin", "origin", origin)
    stem = PurePosixPath(filename.replace("\\", "/")).name.rsplit(".", 1)[0].strip()
    signature = Signature.parse(stem)
    if signature is not None and signature.is_order:
        return Classification(DocumentKind.ORDER, "order_signature", "filename", stem)
    return None


def classify(filename: str | None = None, title: str | None = None, text: str | None = None, *,
             origin: str | None = None) -> Classification:
    """Classify one document from what is known about it (any of the three may be missing).

    `origin` is where the source lists the file (parliament.bg's `file_list`, `order`, ...);
    a chair's order is known by it or by its number before anything else is read."""
    filename = filename or ""
    text = text or ""
    order = _order(filename, origin)
    if order is not None:
        return order
    sources: list[tuple[str, str, tuple[Rule[DocumentKind], ...]]] = []
    if title and not _GENERIC_TITLES.match(title):
        sources.append(("title", collapse_spaced_caps(title), RULES))
    if filename:
        sources.append(("filename", _filename_for_matching(filename), RULES + FILENAME_RULES))
    if text:
        sources.append(("text", _text_head(text), RULES))

    sections = find_sections(text) if text else ()
    for source, value, rules in sources:
        found = _first_match(value, source, rules)
        if not found:
            continue
        hit, match = found
        kind, refined_by = _refine_impact_assessment(hit.value, filename, text)
        contains = tuple(dict.fromkeys(s.kind for s in sections if s.kind is not kind))
        return Classification(kind, refined_by or hit.name, source, " ".join(match.group(0).split()), contains)
    contains = tuple(dict.fromkeys(s.kind for s in sections))
    return Classification(DocumentKind.OTHER, None, None, None, contains)


# For an archive that the source does not describe: the member that matters most names it.
_ARCHIVE_PRIORITY: tuple[DocumentKind, ...] = (
    DocumentKind.BILL_TEXT, DocumentKind.MOTIVES, DocumentKind.IMPACT_ASSESSMENT_FULL,
    DocumentKind.IMPACT_ASSESSMENT_PARTIAL, DocumentKind.IMPACT_ASSESSMENT, DocumentKind.CONSULTATION_REPORT,
    DocumentKind.EU_COMPATIBILITY_TABLE, DocumentKind.ECHR_COMPATIBILITY, DocumentKind.IA_OPINION,
    DocumentKind.COMMITTEE_REPORT, DocumentKind.REPORT, DocumentKind.OPINION, DocumentKind.ORDER, DocumentKind.OTHER,
)


def classify_archive(filename: str | None, title: str | None,
                     members: list[tuple[str, Classification]], *, origin: str | None = None) -> Classification:
    """An archive (parliament.bg's `{sign}.zip`): the source's title or name if it says
    something, else its most important member; the other members' kinds go in `contains`."""
    member_kinds: list[DocumentKind] = []
    for _, cls in members:
        for kind in (cls.kind, *cls.contains):
            if kind not in member_kinds:
                member_kinds.append(kind)
    own = classify(filename, title, None, origin=origin)
    if own.rule is not None:
        return Classification(own.kind, own.rule, own.source, own.evidence,
                              tuple(k for k in member_kinds if k is not own.kind))
    ranked = sorted(((k, name, cls) for name, cls in members for k in (cls.kind, *cls.contains)),
                    key=lambda t: _ARCHIVE_PRIORITY.index(t[0]))
    if not ranked:
        return own
    kind, name, _ = ranked[0]
    return Classification(kind, "archive_member", "member", name,
                          tuple(k for k in member_kinds if k is not kind and k is not DocumentKind.OTHER))
