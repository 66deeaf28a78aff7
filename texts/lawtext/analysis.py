"""The text analysis of one promulgated law: parts, other laws amended, entry into force.

Input is the raw parliament.bg answer of `GET /api/v1/act/{id}`; its `L_ActL_final_body` is
the law as promulgated (Word HTML, opening with the President's decree). The payload holds
the adoption date (`L_Act_date2`) and the State Gazette issue (`L_Act_dv_iss`/`L_Act_dv_year`)
but not the Gazette's date, so the vacatio legis is exact only when the caller supplies the
promulgation date; otherwise it is estimated from the decree date printed in the text
("Издаден в София на …"), or failing that from the adoption date, and marked as such.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from core.errors import LexwatchError

from texts.lawtext.amendments import AmendedLaw, find_amended_laws
from texts.lawtext.entry_into_force import EntryIntoForceClause, compute_vacatio, find_clauses, main_clause
from texts.lawtext.html_text import word_html_to_paragraphs
from texts.lawtext.law_names import normalise_law_name
from texts.lawtext.numbers import DATE_RE, parse_date_match
from texts.lawtext.sections import Part, split_parts

# 2: clauses carry their verb and "считано от"; "се прилага" inverted, "поражда действие" and
# "има обратно действие" (ЗНА чл. 14) are clauses; repeals listed after "Отменят се:" (LT-04, LT-05).
ANALYSIS_VERSION = 2
_ACT_KEYS = ("L_Act_id", "L_ActL_final_body")
_DECREE_DATE = re.compile(rf"Издаден\s+в\s+\w+\s+на\s+(?:{DATE_RE})", re.I)
_AMENDING_TITLE = re.compile(r"^Закон\s+за\s+(?:изменение|допълнение)(?:\s+и\s+(?:изменение|допълнение))?\s+на\s+(.+)$", re.I)


class ActPayloadError(LexwatchError):
    """The input is not a parliament.bg act object."""

    exit_code = 2


@dataclass
class PartSummary:
    kind: str
    heading: str | None
    sections: list[str]  # "§ 21", …

    def to_dict(self) -> dict:
        return {"kind": self.kind, "heading": self.heading, "sections": list(self.sections)}


@dataclass
class ActTextAnalysis:
    available: bool
    unavailable_reason: str | None = None
    act_id: int | None = None
    title: str | None = None
    adoption_date: date | None = None
    decree_date: date | None = None
    state_gazette_issue: str | None = None
    state_gazette_year: int | None = None
    promulgation_date: date | None = None
    reference_date: date | None = None
    reference_date_kind: str | None = None  # promulgation | decree | adoption | None
    parts: list[PartSummary] = field(default_factory=list)
    amended_laws: list[AmendedLaw] = field(default_factory=list)
    entry_into_force: list[EntryIntoForceClause] = field(default_factory=list)
    vacatio_legis_days: int | None = None  # of the clause for the whole act
    vacatio_legis_estimated: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def main_entry_into_force(self) -> EntryIntoForceClause | None:
        return main_clause(self.entry_into_force)

    def to_dict(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "analysis_version": ANALYSIS_VERSION,
            "available": self.available,
            "unavailable_reason": self.unavailable_reason,
            "act_id": self.act_id,
            "title": self.title,
            "adoption_date": iso(self.adoption_date),
            "decree_date": iso(self.decree_date),
            "state_gazette_issue": self.state_gazette_issue,
            "state_gazette_year": self.state_gazette_year,
            "promulgation_date": iso(self.promulgation_date),
            "reference_date": iso(self.reference_date),
            "reference_date_kind": self.reference_date_kind,
            "parts": [p.to_dict() for p in self.parts],
            "amended_laws": [a.to_dict() for a in self.amended_laws],
            "entry_into_force": [c.to_dict() for c in self.entry_into_force],
            "vacatio_legis_days": self.vacatio_legis_days,
            "vacatio_legis_estimated": self.vacatio_legis_estimated,
            "notes": list(self.notes),
        }


def _own_names(title: str | None) -> set[str]:
    """The act's own name and, for an amending act, the law it amends (not an "other" law)."""
    names: set[str] = set()
    if title:
        title = re.sub(r"\s+", " ", title).strip()
        names.add(normalise_law_name(title))
        m = _AMENDING_TITLE.match(title)
        if m:
            names.add(normalise_law_name(m.group(1)))
    return names


def _parse_api_date(value) -> date | None:
    """'2016-05-11 00:00:00' / '2023-01-23' -> date; '0000-00-00' and junk -> None."""
    if not isinstance(value, str) or not value.strip() or value.startswith("0000"):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace(" ", "T")).date()
    except ValueError:
        return None


def _decree_date(paragraphs: list[str]) -> date | None:
    for p in paragraphs[:15]:
        m = _DECREE_DATE.search(p)
        if m:
            return parse_date_match(m)
    return None


def _analyse(paragraphs: list[str], title: str | None, promulgated: date | None,
             fallback: tuple[date, str] | None, result: ActTextAnalysis) -> ActTextAnalysis:
    parts: list[Part] = split_parts(paragraphs)
    own = _own_names(title)
    result.parts = [PartSummary(p.kind, p.heading, [x.label for x in p.paragraphs]) for p in parts]
    if not any(p.kind != "main" for p in parts):
        result.notes.append("no Допълнителни/Преходни/Заключителни разпоредби heading found; "
                            "entry-into-force clauses were searched in every §, other laws amended were not")
    result.amended_laws = find_amended_laws(parts, own)
    result.entry_into_force = find_clauses(parts, own)
    if promulgated:
        result.promulgation_date = result.reference_date = promulgated
        result.reference_date_kind = "promulgation"
    elif fallback:
        result.reference_date, result.reference_date_kind = fallback
        result.notes.append(
            f"promulgation date (ДВ бр. {result.state_gazette_issue or '?'}/{result.state_gazette_year or '?'}) "
            f"not known: only the {fallback[1]} date {fallback[0].isoformat()} is; dates and vacatio legis that "
            f"depend on it are estimated from it and marked so (a fixed date's vacatio is overstated by the days "
            f"from {fallback[1]} to promulgation)")
    else:
        result.notes.append("promulgation date unknown: only terms in days give a vacatio legis")
    compute_vacatio(result.entry_into_force, result.reference_date, result.reference_date_kind == "promulgation")
    main = result.main_entry_into_force
    if main is not None:
        result.vacatio_legis_days = main.vacatio_legis_days
        result.vacatio_legis_estimated = main.vacatio_legis_estimated
        if main.kind == "default_3_days":
            result.notes.append("no entry-into-force clause: the law enters into force 3 days after promulgation "
                                "(Constitution art. 5(5))")
    return result


def analyse_body(html: str, promulgated: date | None = None, title: str | None = None) -> ActTextAnalysis:
    """Analysis of any law text in Word HTML (a promulgated law, or a bill as submitted)."""
    paragraphs = word_html_to_paragraphs(html or "")
    if not paragraphs:
        return ActTextAnalysis(available=False, unavailable_reason="empty text", title=title,
                               promulgation_date=promulgated)
    result = ActTextAnalysis(available=True, title=title)
    decree = _decree_date(paragraphs)
    result.decree_date = decree
    return _analyse(paragraphs, title, promulgated, (decree, "decree") if decree else None, result)


def analyse_act(payload: dict, promulgated: date | None = None, source: str = "payload") -> ActTextAnalysis:
    """Analysis of one raw `/api/v1/act/{id}` answer; `source` names it in errors (e.g. a file path)."""
    if not isinstance(payload, dict):
        raise ActPayloadError(f"{source}: not a parliament.bg act object (expected a JSON object, "
                              f"got {type(payload).__name__})")
    missing = [k for k in _ACT_KEYS if k not in payload]
    if missing:
        raise ActPayloadError(f"{source}: not a parliament.bg act object (/api/v1/act/{{id}}): "
                              f"missing key(s) {', '.join(missing)}")
    act_id = payload.get("L_Act_id")
    title = payload.get("L_ActL_final") or payload.get("L_ActL_title")
    adoption = _parse_api_date(payload.get("L_Act_date2"))
    issue = payload.get("L_Act_dv_iss")
    year = payload.get("L_Act_dv_year")
    body = payload.get("L_ActL_final_body")
    paragraphs = word_html_to_paragraphs(body) if isinstance(body, str) else []
    base = dict(
        act_id=int(act_id) if str(act_id).isdigit() else None,
        title=title,
        adoption_date=adoption,
        state_gazette_issue=str(issue).strip() if issue not in (None, "", "0") else None,
        state_gazette_year=int(year) if str(year).isdigit() and int(year) > 0 else None,
    )
    if not paragraphs:
        return ActTextAnalysis(available=False, unavailable_reason="L_ActL_final_body is empty or missing "
                               "(law not yet promulgated, or not a law)", promulgation_date=promulgated, **base)
    result = ActTextAnalysis(available=True, **base)
    result.decree_date = _decree_date(paragraphs)
    fallback = ((result.decree_date, "decree") if result.decree_date
                else (adoption, "adoption") if adoption else None)
    return _analyse(paragraphs, title, promulgated, fallback, result)
