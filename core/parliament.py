"""Derived facts about a bill: the class of each chronology row, the bill's status, its initiator.

The API has no status field. As Open States does with a bill's actions, each row of the
chronology (`activity`) is classified, and the status is the furthest point the classified
rows reach, in date order; the bill-level flags (`withdrawn`, merged into another bill,
ДВ publication) then take precedence.

Stage and event names seen in real payloads: stages "комисии първо гласуване",
"зала първо гласуване", "комисии второ гласуване", "зала второ гласуване"; events "внесен",
"обсъждане", "приет"; S2 (CEU scraper) reads a last event "отхвърлен" as a rejection.
Other names ("неприет", "оттеглен", "първо и второ гласуване", veto rows) are inferred from the
Rules of Procedure (ПОДНС), not seen in a payload; unknown rows are classified "other" and
never move the status.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from core.labelled import Labelled, words
from core.rules import Rule, first_value, rule

PUBLIC_SITE = "https://www.parliament.bg"


def bill_public_url(bill_id: int | str) -> str:
    """The bill's public page (the SPA route `/bg/bills/ID/{L_Act_id}`, research notes §web pages),
    whatever base URL the crawl used: what a journalist can open, never the JSON API."""
    return f"{PUBLIC_SITE}/bg/bills/ID/{bill_id}"


class Initiator(Labelled):
    """Who brought the bill in (Constitution art. 87(1)); values are the stored codes."""

    COUNCIL_OF_MINISTERS = "council_of_ministers"
    MPS = "mps"
    COMMITTEE = "committee"
    MIXED = "mixed"
    UNKNOWN = "unknown"


_INITIATOR_LABELS = {
    Initiator.COUNCIL_OF_MINISTERS: ("Министерски съвет", "Council of Ministers"),
    Initiator.MPS: ("народни представители", "Members of Parliament"),
    Initiator.COMMITTEE: ("постоянна комисия", "parliamentary committee"),
    Initiator.MIXED: ("Министерски съвет и народни представители", "Council of Ministers and MPs"),
    Initiator.UNKNOWN: ("неустановен вносител", "initiator not established"),
}


class Regime(Labelled):
    """The route a bill's evaluation is grouped under: the Council of Ministers' drafts go through
    ЗНА ch. 2–3 and УПМС, the bills of MPs and of committees through the Rules of Procedure only
    (so a committee's bill goes the parliamentary way); a unified ("mixed") bill is its own group.
    Values are the codes stored in an evaluation's facts (`initiator`) and the keys of the
    aggregates by initiator."""

    COUNCIL_OF_MINISTERS = "CoM"
    MPS = "MP"
    MIXED = "mixed"
    UNKNOWN = "unknown"

    @classmethod
    def of(cls, initiator: str | None) -> Regime:
        """The regime of a stored initiator code (Initiator); UNKNOWN for none or another code."""
        return _REGIME_OF.get(initiator or "", cls.UNKNOWN)


_REGIME_OF = {
    Initiator.COUNCIL_OF_MINISTERS: Regime.COUNCIL_OF_MINISTERS,
    Initiator.MPS: Regime.MPS,
    Initiator.COMMITTEE: Regime.MPS,
    Initiator.MIXED: Regime.MIXED,
}
_REGIME_LABELS = {
    Regime.COUNCIL_OF_MINISTERS: ("Министерски съвет", "Council of Ministers"),
    Regime.MPS: ("народни представители и комисии", "MPs and committees"),
    Regime.MIXED: ("Министерски съвет и народни представители", "Council of Ministers and MPs"),
    Regime.UNKNOWN: ("неустановен вносител", "initiator not established"),
}


class SponsorClass(Labelled):
    """Who brought a bill in, as INIT-01 tells it from the sponsors or the signature: finer than the
    regime (one MP or a group of MPs; a committee's or unified bill). Values are the codes stored in
    INIT-01's evidence; the English labels read inside a sentence („Initiator: a group of MPs“)."""

    COUNCIL_OF_MINISTERS = "CoM"
    MP = "MP"
    MP_GROUP = "MP-group"
    MIXED = "mixed"
    COMMITTEE = "committee"

    @classmethod
    def of(cls, initiator: str | None) -> SponsorClass | None:
        """The class of a stored initiator code; None for `unknown` or none (MPs as one MP: the
        code does not say how many)."""
        return _SPONSOR_CLASS_OF.get(initiator or "")

    @property
    def regime(self) -> Regime:
        return _SPONSOR_REGIME[self]


_SPONSOR_CLASS_OF = {
    Initiator.COUNCIL_OF_MINISTERS: SponsorClass.COUNCIL_OF_MINISTERS,
    Initiator.MPS: SponsorClass.MP,
    Initiator.COMMITTEE: SponsorClass.COMMITTEE,
    Initiator.MIXED: SponsorClass.MIXED,
}
_SPONSOR_REGIME = {
    SponsorClass.COUNCIL_OF_MINISTERS: Regime.COUNCIL_OF_MINISTERS,
    SponsorClass.MP: Regime.MPS,
    SponsorClass.MP_GROUP: Regime.MPS,
    SponsorClass.MIXED: Regime.MIXED,
    SponsorClass.COMMITTEE: Regime.MPS,
}
_SPONSOR_LABELS = {
    SponsorClass.COUNCIL_OF_MINISTERS: ("Министерски съвет", "the Council of Ministers"),
    SponsorClass.MP: ("народен представител", "one MP"),
    SponsorClass.MP_GROUP: ("група народни представители", "a group of MPs"),
    SponsorClass.MIXED: ("смесен (МС и народни представители)", "mixed (Council of Ministers and MPs)"),
    SponsorClass.COMMITTEE: ("комисия / общ законопроект", "a committee / unified bill"),
}


class BillStatus(Labelled):
    """How far a bill got (derive_status); values are the stored codes."""

    SUBMITTED = "submitted"
    IN_COMMITTEE = "in_committee"
    FIRST_READING_PASSED = "first_reading_passed"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    # Never stored: a bill still pending when its National Assembly's term ended lapsed with it
    # (reports derive it, so such a bill is not counted as "stalled").
    LAPSED = "lapsed"


_STATUS_LABELS = {
    BillStatus.SUBMITTED: ("внесен", "submitted"),
    BillStatus.IN_COMMITTEE: ("в комисия", "in committee"),
    BillStatus.FIRST_READING_PASSED: ("приет на първо четене", "passed at first reading"),
    BillStatus.ADOPTED: ("приет", "adopted"),
    BillStatus.REJECTED: ("отхвърлен", "rejected"),
    BillStatus.WITHDRAWN: ("оттеглен", "withdrawn"),
    BillStatus.MERGED: ("обединен с друг законопроект", "merged into another bill"),
    BillStatus.LAPSED: ("отпаднал с края на мандата на Народното събрание", "lapsed with the end of the Assembly's term"),
}


class StageClass(Labelled):
    """The class of a chronology row (classify_stage); values are the stored codes
    (`bill_stages.classification`). The readings' rows are scheduled („внесен“ for the plenary),
    debated, passed or rejected; „both readings“ is a first and second vote at one sitting."""

    COMMITTEE_PASSED = "committee_passed"
    COMMITTEE_REJECTED = "committee_rejected"
    COMMITTEE_OTHER = "committee_other"
    FIRST_READING_SCHEDULED = "first_reading_scheduled"
    FIRST_READING_DEBATED = "first_reading_debated"
    FIRST_READING_PASSED = "first_reading_passed"
    FIRST_READING_REJECTED = "first_reading_rejected"
    SECOND_READING_SCHEDULED = "second_reading_scheduled"
    SECOND_READING_DEBATED = "second_reading_debated"
    SECOND_READING_PASSED = "second_reading_passed"
    SECOND_READING_REJECTED = "second_reading_rejected"
    BOTH_READINGS_SCHEDULED = "both_readings_scheduled"
    BOTH_READINGS_DEBATED = "both_readings_debated"
    BOTH_READINGS_PASSED = "both_readings_passed"
    BOTH_READINGS_REJECTED = "both_readings_rejected"
    WITHDRAWN = "withdrawn"
    VETO = "veto"
    OTHER = "other"


_STAGE_LABELS = {
    StageClass.COMMITTEE_PASSED: ("приет в комисия", "passed in committee"),
    StageClass.COMMITTEE_REJECTED: ("отхвърлен в комисия", "rejected in committee"),
    StageClass.COMMITTEE_OTHER: ("разглеждане в комисия", "committee stage"),
    StageClass.FIRST_READING_SCHEDULED: ("внесен в зала за първо гласуване", "scheduled for the first reading"),
    StageClass.FIRST_READING_DEBATED: ("обсъждане на първо гласуване", "debated at first reading"),
    StageClass.FIRST_READING_PASSED: ("приет на първо гласуване", "passed at first reading"),
    StageClass.FIRST_READING_REJECTED: ("отхвърлен на първо гласуване", "rejected at first reading"),
    StageClass.SECOND_READING_SCHEDULED: ("внесен в зала за второ гласуване", "scheduled for the second reading"),
    StageClass.SECOND_READING_DEBATED: ("обсъждане на второ гласуване", "debated at second reading"),
    StageClass.SECOND_READING_PASSED: ("приет на второ гласуване", "passed at second reading"),
    StageClass.SECOND_READING_REJECTED: ("отхвърлен на второ гласуване", "rejected at second reading"),
    StageClass.BOTH_READINGS_SCHEDULED: ("внесен в зала за първо и второ гласуване",
                                         "scheduled for both readings at one sitting"),
    StageClass.BOTH_READINGS_DEBATED: ("обсъждане на първо и второ гласуване", "debated at both readings"),
    StageClass.BOTH_READINGS_PASSED: ("приет на първо и второ гласуване в едно заседание",
                                      "passed at both readings at one sitting"),
    StageClass.BOTH_READINGS_REJECTED: ("отхвърлен на първо и второ гласуване", "rejected at both readings"),
    StageClass.WITHDRAWN: ("оттеглен", "withdrawn"),
    StageClass.VETO: ("вето или повторно гласуване", "veto or repeated vote"),
    StageClass.OTHER: ("друго действие", "other step"),
}
# Rows of a committee (the lead committee's sitting, the bill's first committee date).
COMMITTEE_STAGES = frozenset({StageClass.COMMITTEE_PASSED, StageClass.COMMITTEE_REJECTED, StageClass.COMMITTEE_OTHER})
class PortfolioExclusion(Labelled):
    """Bills a watchdog's aggregates leave out (NCPI practice, research/criteria.md §4): their
    per-bill checks still run. Values are the codes stored in an evaluation's facts."""

    RATIFICATION = "ratification"
    BUDGET = "budget"
    CONSTITUTION = "constitution"


_EXCLUSION_LABELS = {
    PortfolioExclusion.RATIFICATION: ("ратификация", "ratification"),
    PortfolioExclusion.BUDGET: ("бюджет", "budget"),
    PortfolioExclusion.CONSTITUTION: ("Конституция", "Constitution"),
}

for _labels in (_INITIATOR_LABELS, _REGIME_LABELS, _SPONSOR_LABELS, _STATUS_LABELS, _STAGE_LABELS, _EXCLUSION_LABELS):
    words(_labels.items())


def label(enum_type: type[StrEnum], value: str | None, lang: str = "bg") -> str:
    """The label of a stored code in `lang`; a value outside the vocabulary is shown as it is,
    so a new code from a source is visible rather than hidden."""
    if value is None:
        return "—"
    try:
        return enum_type(value).label(lang)  # type: ignore[attr-defined]
    except ValueError:
        return value


STATUSES = tuple(s.value for s in BillStatus if s is not BillStatus.LAPSED)  # the stored ones
# Final statuses: the bill cannot move any more (a merged bill lives on in the bill it was merged into,
# but the brief's "open" excludes only these three).
FINAL_STATUSES = ("adopted", "rejected", "withdrawn")
INITIATORS = tuple(i.value for i in Initiator)
# Short names a user may type for the two regimes (CLI filters), Latin and Cyrillic: an MP regime
# takes committees' bills too, as they go the parliamentary way (Regime.of).
_INITIATOR_WORDS = {
    "com": (Initiator.COUNCIL_OF_MINISTERS,), "мс": (Initiator.COUNCIL_OF_MINISTERS,),
    "mp": (Initiator.MPS, Initiator.COMMITTEE), "нп": (Initiator.MPS, Initiator.COMMITTEE),
}


def parse_initiators(values: str | list[str] | tuple[str, ...] | None) -> tuple[Initiator, ...]:
    """The initiators a user named (repeated or comma-separated; stored codes or com/mp, мс/нп), in
    the order given, each once. ValueError names the word not understood and the words that are."""
    out: list[Initiator] = []
    for raw in [values] if isinstance(values, str) else (values or ()):
        for part in raw.split(","):
            word = part.strip().lower()
            if not word:
                continue
            found = _INITIATOR_WORDS.get(word) or tuple(i for i in Initiator if i.value == word)
            if not found:
                raise ValueError(f"{part.strip()!r}: use one of {', '.join(INITIATORS)} (or com, mp)")
            out.extend(i for i in found if i not in out)
    return tuple(out)

# Importer class in the signature ([NA-]YII-TT-N): 02 Council of Ministers (confirmed by S1 against
# stenograms), 54 MPs, 53/55 committees and unified bills (inferred from real samples).
COUNCIL_CODE = "02"
MP_CODE = "54"
COMMITTEE_CODES = ("53", "55")
# The chair's orders distributing a bill to committees carry class 50 where a bill has its
# importer's (`52-650-01-288` on bill 167546, the one real sample; that every order does is inferred).
ORDER_CODE = "50"
# Document type (TT) of a bill ratifying or denouncing a treaty: excluded from the portfolio figures.
RATIFICATION_TYPE = "02"
_INITIATOR_OF_IMPORTER = {
    COUNCIL_CODE: Initiator.COUNCIL_OF_MINISTERS,
    MP_CODE: Initiator.MPS,
    **{code: Initiator.COMMITTEE for code in COMMITTEE_CODES},
}
COUNCIL_BODY_ID = 6167  # A_ns_C_id of Министерски съвет in imp_list_min (hard-coded in the API server)



@dataclass(frozen=True)
class StageRow:
    """The part of a chronology row the status needs."""

    date: dt.date | None
    stage: str | None  # L_Act_St2_name
    event: str | None  # L_Act_St_name


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _stage_text(stage: str | None, event: str | None) -> str:
    """What the stage rules read: the stage, a line break, the event (both normalised, so neither
    holds a line break and `.` in a pattern stays within the stage)."""
    return f"{_norm(stage)}\n{_norm(event)}"


# Outcomes of a row, read from the start of its event.
_ON_REJECTED = r"\n(?:отхвърлен|неприет)"
_ON_PASSED = r"\nприет"
_ON_SCHEDULED = r"\nвнесен"
_ON_DEBATED = r"\nобсъжд"
_S = StageClass
# The first rule whose pattern is found in „stage\nevent“ classifies the row; none: OTHER.
STAGE_RULES: tuple[Rule[StageClass], ...] = (
    rule("withdrawn", _S.WITHDRAWN, "оттеглен"),  # in the stage or the event
    rule("veto", _S.VETO, r"^.*(?:вето|повторно)"),  # in the stage
    rule("committee_rejected", _S.COMMITTEE_REJECTED, r"^комиси.*" + _ON_REJECTED),
    rule("committee_passed", _S.COMMITTEE_PASSED, r"^комиси.*" + _ON_PASSED),
    rule("committee_other", _S.COMMITTEE_OTHER, r"^комиси"),
    rule("both_readings_rejected", _S.BOTH_READINGS_REJECTED, r"^зала.*първо и второ.*" + _ON_REJECTED),
    rule("both_readings_passed", _S.BOTH_READINGS_PASSED, r"^зала.*първо и второ.*" + _ON_PASSED),
    rule("both_readings_scheduled", _S.BOTH_READINGS_SCHEDULED, r"^зала.*първо и второ.*" + _ON_SCHEDULED),
    rule("both_readings_debated", _S.BOTH_READINGS_DEBATED, r"^зала.*първо и второ.*" + _ON_DEBATED),
    rule("first_reading_rejected", _S.FIRST_READING_REJECTED, r"^зала.*първо.*" + _ON_REJECTED),
    rule("first_reading_passed", _S.FIRST_READING_PASSED, r"^зала.*първо.*" + _ON_PASSED),
    rule("first_reading_scheduled", _S.FIRST_READING_SCHEDULED, r"^зала.*първо.*" + _ON_SCHEDULED),
    rule("first_reading_debated", _S.FIRST_READING_DEBATED, r"^зала.*първо.*" + _ON_DEBATED),
    rule("second_reading_rejected", _S.SECOND_READING_REJECTED, r"^зала.*второ.*" + _ON_REJECTED),
    rule("second_reading_passed", _S.SECOND_READING_PASSED, r"^зала.*второ.*" + _ON_PASSED),
    rule("second_reading_scheduled", _S.SECOND_READING_SCHEDULED, r"^зала.*второ.*" + _ON_SCHEDULED),
    rule("second_reading_debated", _S.SECOND_READING_DEBATED, r"^зала.*второ.*" + _ON_DEBATED),
)
del _S


def classify_stage(stage: str | None, event: str | None) -> StageClass:
    """The class of a chronology row (STAGE_RULES; StageClass.OTHER when no rule applies)."""
    return first_value(STAGE_RULES, _stage_text(stage, event), StageClass.OTHER)


# What a classified row does to the status (None: nothing).
_STATUS_OF = {
    StageClass.COMMITTEE_PASSED: "in_committee",
    StageClass.COMMITTEE_REJECTED: "in_committee",  # the plenary still votes on a negative report
    StageClass.COMMITTEE_OTHER: "in_committee",
    StageClass.FIRST_READING_PASSED: "first_reading_passed",
    StageClass.FIRST_READING_REJECTED: "rejected",
    StageClass.SECOND_READING_PASSED: "adopted",
    StageClass.SECOND_READING_REJECTED: "rejected",
    StageClass.BOTH_READINGS_PASSED: "adopted",
    StageClass.BOTH_READINGS_REJECTED: "rejected",
    StageClass.WITHDRAWN: "withdrawn",
}
_RANK = {"submitted": 0, "in_committee": 1, "first_reading_passed": 2}


@dataclass(frozen=True)
class Status:
    status: str
    date: dt.date | None


def derive_status(
    stages: Sequence[StageRow],
    *,
    submitted_on: dt.date | None = None,
    has_committees: bool = False,
    withdrawn: bool = False,
    merged: bool = False,
    adopted_on: dt.date | None = None,
    dv_issue: str | None = None,
) -> Status:
    """The status of a bill from its chronology rows (in source order) and bill-level flags."""
    status, date = ("in_committee" if has_committees else "submitted"), submitted_on
    # Stable sort: rows of one day keep the source's order (внесен, обсъждане, приет).
    ordered = sorted(enumerate(stages), key=lambda p: (p[1].date or dt.date.min, p[0]))
    for _, row in ordered:
        target = _STATUS_OF.get(classify_stage(row.stage, row.event))
        if target is None:
            continue
        if target in _RANK and status in _RANK and _RANK[target] < _RANK[status]:
            continue  # a committee row after the first reading does not move the bill back
        if target in _RANK and status not in _RANK and status != "rejected":
            continue  # nothing follows adoption or withdrawal but further formal rows
        status, date = target, row.date or date
    last_date = next((r.date for _, r in reversed(ordered) if r.date), None)
    if withdrawn:
        return Status("withdrawn", date if status == "withdrawn" else last_date)
    if adopted_on is not None or dv_issue:
        return Status("adopted", adopted_on or (date if status == "adopted" else last_date))
    if merged:
        return Status("merged", last_date or submitted_on)
    return Status(status, date)


@dataclass(frozen=True)
class Signature:
    """A parliament.bg signature „[NA-]YII-TT-N“ split at its hyphens: "52-602-01-43" is the 52nd
    National Assembly's (NA), of year digit 6 and importer class 02 (YII), document type 01 (TT),
    number 43; older signatures have no NA ("502-01-81")."""

    assembly: str | None
    head: str  # YII
    doc_type: str  # TT
    number: str

    @classmethod
    def parse(cls, text: str | None) -> Signature | None:
        """The parts of a signature, or None when it has not three or four of them."""
        parts = (text or "").strip().split("-")
        if len(parts) == 4:
            return cls(parts[0], parts[1], parts[2], parts[3])
        if len(parts) == 3:
            return cls(None, parts[0], parts[1], parts[2])
        return None

    @property
    def importer(self) -> str | None:
        """The importer class: "02" of "52-602-01-43"; None unless YII is three digits."""
        return self.head[1:] if len(self.head) == 3 and self.head.isdigit() else None

    @property
    def type_code(self) -> str | None:
        """The document type: "01" of "52-602-01-43"; None unless TT is digits."""
        return self.doc_type if self.doc_type.isdigit() else None

    @property
    def well_formed(self) -> bool:
        """Digits only, two for NA and TT, three for YII: what the parliament's register writes.
        The importer class alone is read from looser text (importer_code)."""
        return ((self.assembly is None or (len(self.assembly) == 2 and self.assembly.isdecimal()))
                and len(self.head) == 3 and self.head.isdecimal()
                and len(self.doc_type) == 2 and self.doc_type.isdecimal() and self.number.isdecimal())

    @property
    def is_order(self) -> bool:
        """A chair's distribution order („52-650-01-288“): importer class ORDER_CODE."""
        return self.well_formed and self.importer == ORDER_CODE


def importer_code(signature: str | None) -> str | None:
    """The importer class of a signature: "52-602-01-43" -> "02", "502-01-81" -> "02"."""
    sig = Signature.parse(signature)
    return sig.importer if sig else None


def initiator_of_importer(code: str | None) -> Initiator | None:
    """The initiator an importer class of a signature stands for (importer_code); None for another code."""
    return _INITIATOR_OF_IMPORTER.get(code or "")


def derive_initiator(*, mp_count: int, council: bool, signature: str | None) -> str:
    """council_of_ministers | mps | committee | mixed | unknown.

    An empty `imp_list` alone does not mean the government (S1); `imp_list_min` or the
    signature's importer code 02 does.
    """
    by_code = initiator_of_importer(importer_code(signature))
    by_council = council or by_code is Initiator.COUNCIL_OF_MINISTERS
    if by_council and mp_count:
        return Initiator.MIXED.value
    if by_council:
        return Initiator.COUNCIL_OF_MINISTERS.value
    if mp_count or by_code is Initiator.MPS:
        return Initiator.MPS.value
    if by_code is Initiator.COMMITTEE:
        return Initiator.COMMITTEE.value
    return Initiator.UNKNOWN.value


def is_final(status: str) -> bool:
    return status in FINAL_STATUSES


def stage_rows(rows: Iterable[tuple[dt.date | None, str | None, str | None]]) -> list[StageRow]:
    return [StageRow(d, s, e) for d, s, e in rows]
