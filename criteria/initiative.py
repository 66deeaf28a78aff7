"""The rules engine's input: one legislative initiative, as typed dataclasses (format "initiative.v1").

One initiative is a bill (the first in `bills`; merged bills follow it) with what the linker
joined to it: consultations on strategy.bg, Council of Ministers acts from ПРИС, the links
themselves (method, status, flag), the text analysis of the documents and of the promulgated
act. `criteria.assemble` builds it from the database; `from_json` reads the same structure
from a file (`lexwatch evaluate --input`), so the engine never touches the database.

Field names follow db/models.py; the JSON form is described by
criteria/schema/initiative.v1.json (dates as ISO `YYYY-MM-DD`). Unknown keys are an error
(a misspelt key would otherwise read as missing data and silently turn into UNKNOWN).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import LexwatchError

SCHEMA_ID = "initiative.v1"
SCHEMA_PATH = Path(__file__).with_name("schema") / "initiative.v1.json"
EXAMPLE_PATH = Path(__file__).with_name("schema") / "initiative.example.json"


class InitiativeFormatError(LexwatchError):
    """The input document is not a valid initiative.v1 structure."""

    exit_code = 2


# --------------------------------------------------------------------------- parliament.bg


@dataclass(slots=True)
class Sponsor:
    kind: str  # mp | council_of_ministers
    name: str | None = None
    mp_id: int | None = None  # A_ns_MP_id
    body_id: int | None = None  # A_ns_C_id (6167 = Министерски съвет)


@dataclass(slots=True)
class Committee:
    name: str  # A_ns_CL_value
    role: str  # L_Act_DTL_value: "водеща" | "участваща"
    is_lead: bool = False
    committee_id: int | None = None


@dataclass(slots=True)
class Stage:
    """One row of the bill's chronology (activity / steno_hall / steno_com)."""

    date: dt.date | None
    stage: str | None  # L_Act_St2_name, e.g. "зала първо гласуване"
    event: str | None  # L_Act_St_name, e.g. "приет"
    origin: str = "activity"
    classification: str | None = None  # a core.parliament.StageClass code (classify_stage)
    committee_id: int | None = None
    committee_name: str | None = None
    plenary_steno_id: int | None = None


@dataclass(slots=True)
class Report:
    """Committee reports and opinions (stan_list, stan_list2, stan_list2_1, standp_list, stan_list_veto)."""

    origin: str
    date: dt.date | None
    committee_id: int | None = None
    committee_name: str | None = None
    stage: str | None = None
    subject: str | None = None


@dataclass(slots=True)
class BillFile:
    origin: str  # file_list | order | static_file | ...
    filename: str
    url: str
    date: dt.date | None = None
    annotation: str | None = None
    file_id: int | None = None


@dataclass(slots=True)
class Proposal:
    """A proposal between the first and second vote (proposal_12_list)."""

    date: dt.date | None
    reg_number: str | None = None
    annotation: str | None = None


@dataclass(slots=True)
class Relation:
    kind: str  # union (merged into this bill) | trans (this bill merged into it)
    other_bill_id: int
    other_title: str | None = None


@dataclass(slots=True)
class Bill:
    id: int
    signature: str
    title: str
    initiator: str  # council_of_ministers | mps | committee | mixed | unknown
    status: str  # submitted | in_committee | first_reading_passed | adopted | rejected | withdrawn | merged
    submitted_on: dt.date | None
    final_title: str | None = None
    assembly: int | None = None
    session: str | None = None
    status_date: dt.date | None = None
    adopted_on: dt.date | None = None
    proposals_deadline: dt.date | None = None  # L_act_proposal_date
    proposals_date2: dt.date | None = None  # L_act_proposal_date2
    veto_on: dt.date | None = None
    veto: str | None = None
    dv_issue: str | None = None
    dv_year: int | None = None
    withdrawn: bool = False
    merged_into_id: int | None = None
    source_url: str | None = None
    sponsors: list[Sponsor] = field(default_factory=list)
    committees: list[Committee] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    files: list[BillFile] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


# --------------------------------------------------------------------------- strategy.bg


@dataclass(slots=True)
class ConsultationDocument:
    url: str
    doc_type: str | None  # the portal's type name („Мотиви“, „Оценка на въздействие“ …) or inferred
    type_inferred: bool = False
    description: str | None = None
    version_date: dt.date | None = None


@dataclass(slots=True)
class Consultation:
    id: int
    reg_num: str
    title: str
    date_open: dt.date | None
    date_close: dt.date | None
    act_type: str | None = None  # "Закон", "Акт на Министерския съвет", …
    act_type_id: int | None = None
    duration_days: int | None = None  # close − open, the portal's convention
    short_term_reason: str | None = None
    legislative_program_id: int | None = None
    pris_id: int | None = None
    law_name: str | None = None
    institution_name: str | None = None
    comments_count: int | None = None
    source_url: str | None = None
    documents: list[ConsultationDocument] = field(default_factory=list)
    # The справка published as a message on the page instead of a file (strategy.bg, object_code 2):
    # its date, dated by the page or by the day lexwatch first saw it (an upper bound).
    spravka_message_on: dt.date | None = None
    spravka_message_dated_by: str | None = None  # page | first_seen
    # The day the page was last read for such a message: without it, no справка file is not proof of none.
    page_checked_on: dt.date | None = None


@dataclass(slots=True)
class CouncilAct:
    """An act of the Council of Ministers in ПРИС, e.g. a decision approving a bill."""

    id: int  # pris_id
    doc_date: dt.date | None
    doc_num: str | None = None
    act_type: str | None = None
    about: str | None = None
    public_consultation_number: str | None = None
    approves_bill: bool = False
    bill_title: str | None = None
    dv_number: str | None = None
    dv_year: int | None = None
    source_url: str | None = None


# --------------------------------------------------------------------------- linking and analyses


@dataclass(slots=True)
class Link:
    bill_id: int
    target_type: str  # consultation | council_act | bill
    target_id: int
    method: str  # explicit | pris_chain | title_match | merged | …
    status: str  # proposed | review | confirmed | rejected
    score: float | None = None
    flag: str | None = None  # e.g. mp_bill_matches_ministry_draft (INIT-03)


@dataclass(slots=True)
class Document:
    """A downloaded file of a bill or consultation with its text analysis (texts.documents)."""

    owner_type: str  # bill | consultation
    owner_id: int
    url: str
    filename: str | None = None
    title: str | None = None
    classification: str | None = None  # texts.documents DocumentKind value
    status: str = "ok"  # ok | skipped | error
    has_text: bool = False
    is_scanned: bool = False
    analysis: dict[str, Any] | None = None


@dataclass(slots=True)
class ActText:
    """The promulgated text of an adopted bill, as analysed by texts.lawtext (ActTextAnalysis.to_dict())."""

    bill_id: int
    final_title: str | None = None
    dv_issue: str | None = None
    dv_year: int | None = None
    adopted_on: dt.date | None = None
    source_url: str | None = None
    # The ДВ history printed after an amending law's title, "(обн., ДВ, бр. 41 от 2007 г.; изм., …)",
    # i.e. the earlier amendments of the law this act amends (LT-02).
    title_gazette_history: str | None = None
    analysis: dict[str, Any] | None = None


@dataclass(slots=True)
class Initiative:
    bills: list[Bill]
    id: int | None = None
    title: str | None = None
    initiator: str | None = None
    consultations: list[Consultation] = field(default_factory=list)
    council_acts: list[CouncilAct] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    act_texts: list[ActText] = field(default_factory=list)
    # True when the linker has looked for this bill's consultations and ПРИС decisions: only then
    # is "no consultation linked" a fact (CONS-01 FAIL) rather than missing data (UNKNOWN).
    links_checked: bool = False
    schema: str = SCHEMA_ID

    @property
    def bill(self) -> Bill:
        return self.bills[0]


# --------------------------------------------------------------------------- (de)serialisation


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _strip_none(tp: Any) -> tuple[Any, bool]:
    """(inner type, optional?) of `X | None`."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return (args[0] if len(args) == 1 else tp), True
    return tp, False


def _convert(value: Any, tp: Any, where: str) -> Any:
    inner, optional = _strip_none(tp)
    if value is None:
        if optional:
            return None
        raise InitiativeFormatError(f"{where}: must not be null")
    origin = typing.get_origin(inner)
    if inner is dt.date:
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                pass
        raise InitiativeFormatError(f"{where}: expected a date YYYY-MM-DD, got {value!r}")
    if origin is list:
        if not isinstance(value, list):
            raise InitiativeFormatError(f"{where}: expected a list, got {type(value).__name__}")
        (item_tp,) = typing.get_args(inner)
        return [_convert(v, item_tp, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise InitiativeFormatError(f"{where}: expected an object, got {type(value).__name__}")
        return value
    if dataclasses.is_dataclass(inner):
        return _build(inner, value, where)
    if inner is bool:
        if isinstance(value, bool):
            return value
        raise InitiativeFormatError(f"{where}: expected true/false, got {value!r}")
    if inner is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise InitiativeFormatError(f"{where}: expected an integer, got {value!r}")
    if inner is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise InitiativeFormatError(f"{where}: expected a number, got {value!r}")
    if inner is str:
        if isinstance(value, str):
            return value
        raise InitiativeFormatError(f"{where}: expected a string, got {value!r}")
    return value


def _build(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise InitiativeFormatError(f"{where}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise InitiativeFormatError(f"{where}: unknown key(s) {', '.join(unknown)}")
    kwargs = {}
    for name, f in fields.items():
        if name in data:
            kwargs[name] = _convert(data[name], hints[name], f"{where}.{name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise InitiativeFormatError(f"{where}: missing required key {name!r}")
    return cls(**kwargs)


def from_dict(data: Any, source: str = "initiative") -> Initiative:
    """An Initiative from its JSON form; errors name the source and the path of the bad value."""
    if isinstance(data, dict) and data.get("schema", SCHEMA_ID) != SCHEMA_ID:
        raise InitiativeFormatError(f"{source}: schema {data.get('schema')!r} is not supported (expected {SCHEMA_ID!r})")
    ini = _build(Initiative, data, source)
    if not ini.bills:
        raise InitiativeFormatError(f"{source}.bills: an initiative needs at least one bill")
    return ini


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    t = type(value)
    names = _FIELD_NAMES.get(t)
    if names is None:
        names = _FIELD_NAMES[t] = (tuple(f.name for f in dataclasses.fields(t))
                                   if dataclasses.is_dataclass(t) else ())
    if names:
        return {n: _plain(getattr(value, n)) for n in names}
    if t is list:
        return [_plain(v) for v in value]
    if t is dict:
        return {k: _plain(v) for k, v in value.items()}
    if t is dt.date:
        return value.isoformat()
    return value


def to_dict(ini: Initiative) -> dict[str, Any]:
    return _plain(ini)


def to_json(ini: Initiative, indent: int | None = 2) -> str:
    return json.dumps(to_dict(ini), ensure_ascii=False, indent=indent, sort_keys=False)


def from_json(text: str, source: str = "initiative") -> Initiative:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InitiativeFormatError(f"{source}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    validate(data, source)
    return from_dict(data, source)


def load(path: str | Path) -> Initiative:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InitiativeFormatError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    return from_json(text, source=str(p))


@functools.cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(data: Any, source: str = "initiative") -> None:
    """Checks `data` against the JSON Schema; the first error names its path."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path)
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InitiativeFormatError(f"{source}{path}: {err.message}{more}")


def input_hash(ini: Initiative) -> str:
    """sha256 of the canonical JSON form: equal inputs, equal hash (incremental re-evaluation)."""
    canonical = json.dumps(to_dict(ini), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
