"""Entry-into-force clauses of a law and its vacatio legis.

A law enters into force three days after promulgation in the State Gazette unless it sets
another term (Constitution art. 5, para. 5; ЗНА art. 40–41 [R] repeats it). The clause sits in
the last § of the closing part: "Законът влиза в сила от деня на обнародването му в „Държавен
вестник“", "… 6 месеца след обнародването му …, с изключение на: 1. … които влизат в сила …",
"… три месеца след обнародването …, като глава втора … се прилагат … от 17 декември 2023 г.".
A provision may also be given effect from a date of its own: "§ 2 се прилага, считано от 1
януари 2026 г.", "Прилагат се от … разпоредбите на чл. 5", "Член 7 поражда действие от …", or
expressly back-dated, "§ 3 има обратно действие (от …)" (ЗНА чл. 14, ал. 1); each is a clause
with its verb, so a date before promulgation can be told apart as express or not (LT-04).

Dates: a term in months ends on the same day number of the later month (clamped to the month's
end), a term in days is added to the promulgation date; so "3 дни след обнародването" of a
law promulgated on the 1st gives the 4th. This follows the ЗЗД art. 60 way of counting terms
[inferred: ЗНА has no rule of its own that we could confirm].
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from core.rules import Rule, earliest_match, rule
from texts.lawtext.law_names import LAW_START, normalise_law_name
from texts.lawtext.numbers import (
    DATE_RE,
    NUMBER_RE,
    NUMBER_STEM_RE,
    add_months,
    parse_date_match,
    parse_number,
    parse_number_stem,
)
from texts.lawtext.provisions import parse_provisions
from texts.lawtext.sections import Part

CONSTITUTION_DEFAULT = "Конституция, чл. 5, ал. 5 (3 дни след обнародването)"

_GAZETTE = r"(?:\s+(?:му|ѝ|й|им))?(?:\s+в\s+„?Държавен\s+вестник“?)?"
_PROMULGATION = rf"(?:деня\s+на\s+|датата\s+на\s+)?обнародването{_GAZETTE}"


def _when(kind: str, pattern: str) -> Rule[str]:
    return rule(kind, kind, pattern, flags=re.IGNORECASE)


# The terms a clause may set; the one that starts first in the clause is its term.
WHEN_RULES: tuple[Rule[str], ...] = (
    _when("next_day", rf"от\s+(?:деня|датата),?\s+следващ[аи]?(?:\s+(?:деня|датата))?\s+на\s+обнародването{_GAZETTE}"),
    _when("next_month",
        r"(?:от|на)\s+(?:първо(?:то)?\s+число|1-во\s+число|първия\s+ден)\s+на\s+месеца,?\s+следващ"
        r"(?:\s+месеца\s+на)?\s+(?:деня\s+на\s+)?обнародването" + _GAZETTE),
    _when("on_promulgation", rf"(?:от|на|в)\s+(?:деня|датата)\s+на\s+обнародването{_GAZETTE}"),
    _when("offset",
        rf"(?:след\s+изтичане(?:то)?\s+на\s+)?(?:(?P<n>{NUMBER_RE})\s+)?"
        rf"(?P<unit>дни|дена|ден|седмици|седмица|месеца|месец|години|година)\s+(?:след|от)\s+{_PROMULGATION}"),
    _when("term",
        rf"(?:в|след\s+изтичане(?:то)?\s+на)\s+(?P<stem>{NUMBER_STEM_RE})\s*"
        rf"(?P<unit>дневен|дневния|седмичен|седмичния|месечен|месечния|годишен|годишния)\s+срок\s+"
        rf"(?:от|след)\s+{_PROMULGATION}"),
    _when("fixed_date", rf"(?:(?:считано\s+)?от|на)\s+(?:{DATE_RE})"),
    _when("conditional",
        r"(?P<cond>(?:от|на)\s+(?:деня|датата|влизането|момента|началото)\b(?!\s+на\s+обнародването)"
        r"|(?:след|при|със?|когато)\s)"),
)
# The verbs of a clause: entry into force, application from a date ("се прилага", also in the
# inverted "Прилага се от …"), effect from a date ("поражда действие"), and the express
# retroactivity of ЗНА чл. 14, ал. 1 ("има обратно действие"). A negated verb ("не се прилага",
# "не поражда действие", "не може да има обратно действие") sets no date; "няма" is another word.
_VERB = re.compile(
    r"\b(?P<eif>влиза(?:т)?\s+в\s+сила)\b"
    r"|(?<!\bне\s)\b(?P<app>се\s+прилага(?:т)?)\b"
    r"|(?<!\bне\s)(?<!\bсе\s)\b(?P<app_inv>прилага(?:т)?\s+се)\b"
    r"|(?<!\bне\s)\b(?P<effect>поражда(?:т)?\s+действие)\b"
    r"|(?<!\bда\s)\b(?P<retro>има(?:т)?\s+обратно\s+действие)\b",  # not "(не) може да има …"
    re.I,
)
_VERB_NAME = {"eif": "влиза в сила", "app": "се прилага", "app_inv": "се прилага", "effect": "поражда действие",
              "retro": "има обратно действие"}
_COUNTED_FROM = re.compile(r"\bсчитано\s+от\b", re.I)
# After an inverted verb the provisions follow the term: "Прилагат се от 1 януари 2026 г. разпоредбите на чл. 5".
_TAIL_COVERS = re.compile(r"^[\s,]*(?:(?:разпоредбите|разпоредбата)\s+на\s+)?(?P<covers>(?:чл\.|член|§|глава|раздел|ал\.|т\.)\s.*)$",
                          re.I | re.S)
# Where the provisions a clause covers begin, looking back from its verb.
_COVERS_START = re.compile(
    r"(?:^§\s*\d+[а-я]?\.\s*(?:\(\d+\)\s*)?|\n\s*(?:\(\d+\)\s*)?(?:\d+\.|[а-я]\))?\s*|[;:]\s*"
    r"|,\s+като\s+|,\s+а\s+|\.\s+(?=[А-Я§]))",
    re.I,
)
# Where a clause's term ends, looking forward from its verb.
_CLAUSE_END = re.compile(r"[;\n]|,?\s+с\s+изключение\s+на\b|,\s+като\s+|,\s+а\s+|\.\s+(?=[А-Я§])|\.?\s*$")
_WHOLE_ACT = re.compile(r"^(?:Законът|Кодексът|Този\s+закон|Този\s+кодекс|Настоящият\s+закон|Законът\s+за\s.*)$", re.I)
_RELATIVE = re.compile(r",?\s*(?:който|която|което|които)\s*$", re.I)
_LEAD = re.compile(r"^[\s,]*(?:с\s+изключение\s+на\s*:?\s*)?(?:и\s+|както\s+и\s+)?"
                   r"(?:разпоредб(?:ите|ата)\s+на\s+)?", re.I)


@dataclass
class EntryIntoForceClause:
    kind: str  # on_promulgation | offset | fixed_date | default_3_days | conditional | unrecognised | undated
    # entry_into_force ("влиза в сила") | application ("се прилагат … от", "поражда действие от") |
    # retroactive ("има обратно действие", ЗНА чл. 14, ал. 1; kind "undated" when it names no date)
    effect: str
    scope: str  # whole_act | provisions
    section: str | None  # "§ 6"; None for the constitutional default
    provisions: list[str] = field(default_factory=list)
    provisions_text: str | None = None
    except_provisions: list[str] = field(default_factory=list)  # whole-act clause: those with their own term
    offset_days: int | None = None
    offset_months: int | None = None
    offset_rule: str | None = None  # "first_day_of_next_month" for "от първо число на месеца, следващ …"
    fixed_date: date | None = None
    condition: str | None = None
    qualifier: str | None = None  # "по отношение на работодателите …" between verb and term
    effective_date: date | None = None
    effective_date_estimated: bool = False
    vacatio_legis_days: int | None = None
    vacatio_legis_estimated: bool = False
    legal_basis: str | None = None
    text: str | None = None
    verb: str | None = None  # "влиза в сила" | "се прилага" | "поражда действие" | "има обратно действие"
    counted_from: bool = False  # the term reads "считано от …", the usual wording of a deliberate back-dating

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("fixed_date", "effective_date"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


def _parse_when(rest: str) -> tuple[dict, int, int] | None:
    """The first term in `rest`: (fields, start, end) or None."""
    found = earliest_match(WHEN_RULES, rest)
    if found is None:
        return None
    name, m = found[0].value, found[1]
    if name == "on_promulgation":
        return {"kind": "on_promulgation", "offset_days": 0}, m.start(), m.end()
    if name == "next_month":
        return {"kind": "offset", "offset_rule": "first_day_of_next_month"}, m.start(), m.end()
    if name == "next_day":
        return {"kind": "offset", "offset_days": 1}, m.start(), m.end()
    if name in ("offset", "term"):
        unit = m.group("unit").lower()
        n = parse_number(m.group("n")) if name == "offset" and m.group("n") else (
            parse_number_stem(m.group("stem")) if name == "term" else 1)
        if n is None:
            return {"kind": "unrecognised"}, m.start(), m.end()
        if unit.startswith(("дн", "ден")):
            return {"kind": "offset", "offset_days": n}, m.start(), m.end()
        if unit.startswith("седм"):
            return {"kind": "offset", "offset_days": 7 * n}, m.start(), m.end()
        if unit.startswith("месе"):
            return {"kind": "offset", "offset_months": n}, m.start(), m.end()
        return {"kind": "offset", "offset_months": 12 * n}, m.start(), m.end()
    if name == "fixed_date":
        d = parse_date_match(m)
        if d is None:
            return {"kind": "unrecognised"}, m.start(), m.end()
        return {"kind": "fixed_date", "fixed_date": d}, m.start(), m.end()
    end = _CLAUSE_END.search(rest, m.end())
    stop = end.start() if end else len(rest)
    return {"kind": "conditional", "condition": _tidy(rest[m.start():stop])}, m.start(), stop


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    return text + "." if re.search(r"\sг$", text) else text


def _covers(text: str, verb_start: int, floor: int) -> tuple[int, str]:
    """(start, text) of the provisions named before a verb, not reaching back past `floor`
    (the end of the previous clause: "…, с изключение на § 5, който влиза …")."""
    starts = [m.end() for m in _COVERS_START.finditer(text, 0, verb_start) if m.end() <= verb_start]
    start = max([floor, *starts[-1:]])
    raw = text[start:verb_start]
    lead = _LEAD.match(raw)
    if lead:
        start += lead.end()
    covers = _RELATIVE.sub("", text[start:verb_start].strip())
    return start, covers.strip(" ,")


def _scope(covers: str, own_names: set[str]) -> str:
    if not covers:
        return "whole_act"
    if _WHOLE_ACT.match(covers):
        m = LAW_START.match(covers)
        if m and own_names:
            name = re.split(r"\s*\(", covers, maxsplit=1)[0]
            if normalise_law_name(name).lower() not in own_names:
                return "other_law"  # "Законът за X (ДВ, …) влиза в сила …": defers another law
        return "whole_act"
    return "provisions"


def parse_clauses_in_text(text: str, section: str | None = None,
                          own_names: set[str] | None = None) -> list[EntryIntoForceClause]:
    """The clauses of one § (its own text, quotations removed)."""
    own = {normalise_law_name(n).lower() for n in (own_names or set()) if n}
    clauses = []
    floor = 0
    for v in _VERB.finditer(text):
        group = v.lastgroup or "eif"
        is_eif, is_retro = group == "eif", group == "retro"
        end = _CLAUSE_END.search(text, v.end())
        sentence = text[v.end(): end.start() if end else len(text)]
        # An application clause may put the term after a qualifier and a comma; take the
        # rest of the sentence, not just up to the first comma.
        window = text[v.end():] if not is_eif else sentence
        if not is_eif:
            stop = re.search(r"[;\n]|\.\s+(?=[А-Я§])|\.?\s*$", window)
            window = window[: stop.start()] if stop else window
        parsed = _parse_when(window)
        counted_from = False
        if parsed is None:
            if is_retro:
                # "Параграф 3 има обратно действие." is retroactive without naming the date.
                fields, qualifier, span_end = {"kind": "undated"}, None, 0
            elif not is_eif:
                continue  # "се прилага" without a term is just a rule, not a date
            else:
                fields, qualifier, span_end = {"kind": "unrecognised"}, None, len(sentence)
        else:
            fields, start, span_end = parsed
            if not (is_eif or is_retro) and fields["kind"] not in ("fixed_date", "offset", "on_promulgation"):
                continue
            if re.search(r"\bдо\s*$", window[:start]):
                continue  # "се прилага до …" ends a regime, it does not start one
            qualifier = window[:start].strip(" ,") or None
            counted_from = bool(_COUNTED_FROM.search(window, max(0, start - 12), span_end))
        clause_start, covers = _covers(text, v.start(), floor)
        clause_end = floor = v.end() + span_end
        if not covers and group == "app_inv":
            tail_end = _CLAUSE_END.search(text, clause_end)
            tail = _TAIL_COVERS.match(text[clause_end: tail_end.start() if tail_end else len(text)])
            if tail:
                covers = tail.group("covers").strip(" ,.")
                clause_end = floor = clause_end + tail.end()
        scope = _scope(covers, own)
        whole = scope == "whole_act"
        clauses.append(EntryIntoForceClause(
            effect="entry_into_force" if is_eif else "retroactive" if is_retro else "application",
            scope=scope,
            section=section,
            provisions=parse_provisions(covers) if scope == "provisions" else [],
            provisions_text=None if whole else covers,
            qualifier=qualifier,
            text=_tidy(text[clause_start:clause_end]),
            verb=_VERB_NAME[group],
            counted_from=counted_from,
            **fields,
        ))
    return clauses


def find_clauses(parts: list[Part], own_names: set[str] | None = None) -> list[EntryIntoForceClause]:
    """Every entry-into-force and deferred-application clause in the closing parts.

    When the law has no supplementary part (a bill text without headings), every § is read.
    The constitutional default is added when no clause covers the whole act.
    """
    closing = [p for p in parts if p.kind != "main"] or parts
    clauses: list[EntryIntoForceClause] = []
    for part in closing:
        for para in part.paragraphs:
            clauses.extend(parse_clauses_in_text(para.own_text, para.label, own_names))
    main = main_clause(clauses)
    if main is None:
        main = EntryIntoForceClause(kind="default_3_days", effect="entry_into_force", scope="whole_act",
                                    section=None, offset_days=3, legal_basis=CONSTITUTION_DEFAULT)
        clauses.insert(0, main)
    main.except_provisions = [p for c in clauses if c is not main and c.scope == "provisions" for p in c.provisions]
    return clauses


def main_clause(clauses: list[EntryIntoForceClause]) -> EntryIntoForceClause | None:
    for c in clauses:
        if c.scope == "whole_act" and c.effect == "entry_into_force":
            return c
    return None


def compute_vacatio(clauses: list[EntryIntoForceClause], reference: date | None, exact: bool) -> None:
    """Fills effective dates and vacatio legis from the reference date.

    `exact` is False when `reference` is not the promulgation date itself (decree or adoption
    date): then every figure that depends on it is marked estimated.
    """
    for c in clauses:
        if c.kind in ("on_promulgation", "default_3_days") or (c.kind == "offset" and c.offset_days is not None):
            c.vacatio_legis_days = c.offset_days
            if reference:
                c.effective_date = reference + timedelta(days=c.offset_days or 0)
                c.effective_date_estimated = not exact
        elif c.kind == "offset" and c.offset_months is not None and reference:
            c.effective_date = add_months(reference, c.offset_months)
            c.vacatio_legis_days = (c.effective_date - reference).days
            c.effective_date_estimated = c.vacatio_legis_estimated = not exact
        elif c.kind == "offset" and c.offset_rule == "first_day_of_next_month" and reference:
            c.effective_date = add_months(reference.replace(day=1), 1)
            c.vacatio_legis_days = (c.effective_date - reference).days
            c.effective_date_estimated = c.vacatio_legis_estimated = not exact
        elif c.kind == "fixed_date" and c.fixed_date:
            c.effective_date = c.fixed_date
            if reference:
                c.vacatio_legis_days = (c.fixed_date - reference).days
                c.vacatio_legis_estimated = not exact
