"""parliament.bg answers -> items.

Every function takes the decoded JSON and the URL it came from, checks the keys and types
it relies on, and raises `ParseError(url, key, message)` naming the URL and the key path
(`activity[2].L_Act_St_date`) when the answer is not what the real payloads look like.

Which keys are required: the columns and lists of the API's own server code (the S0
snapshot of `billsProfile`, see shared/research/parliament_api.md §2.2), all present in both
real bill payloads; keys added to the API after that snapshot (`withdrawn`, `order`,
`static_file_rtf`, `stan_list_veto`, `L_Act_veto*`) are optional, and default to "none".
Every key that is present must have the type the real payloads have.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from crawlers.parliament.items import (
    ActTextItem,
    AssemblyItem,
    BillItem,
    CommitteeItem,
    FileItem,
    ProposalItem,
    RawAnswer,
    RelationItem,
    ReportItem,
    SponsorItem,
    StageItem,
)
from core.parliament import (
    COUNCIL_BODY_ID,
    StageRow,
    classify_stage,
    derive_initiator,
    derive_status,
)
from core.errors import SourceError

SOURCE = "parliament"
API = "/api/v1"
LEAD_ROLE = "водеща"
COUNCIL_NAME = "Министерски съвет"


# --------------------------------------------------------------------------- errors


class AnswerProblem(SourceError):
    """An answer that cannot be stored; `kind` is the CrawlIssue kind."""

    kind = "parse_error"

    def __init__(self, url: str, message: str, record: str | None = None):
        super().__init__(SOURCE, url, message, record)


class HtmlShell(AnswerProblem):
    """HTTP 200 with the site's Vue HTML shell: what parliament.bg answers for a wrong path."""

    kind = "html_shell"

    def __init__(self, url: str, record: str | None = None):
        super().__init__(url, "HTML shell instead of JSON (wrong path or API change); treated as a miss, nothing stored", record)


class EmptyAnswer(AnswerProblem):
    """`{}` or `null`: what the API answers for an id that is not a bill."""

    kind = "miss"

    def __init__(self, url: str, shown: str, record: str | None = None):
        super().__init__(url, f"empty answer {shown} (no such bill); nothing stored", record)


class ParseError(AnswerProblem):
    """A payload missing a required key, with a changed type, or not JSON at all."""

    kind = "parse_error"

    def __init__(self, url: str, key: str, message: str, record: str | None = None):
        self.key = key
        super().__init__(url, f"key {key!r}: {message}", record)


# --------------------------------------------------------------------------- URLs


def bill_url(base: str, bill_id: int) -> str:
    return f"{base.rstrip('/')}{API}/bill/{bill_id}"


def act_url(base: str, bill_id: int) -> str:
    return f"{base.rstrip('/')}{API}/act/{bill_id}"


def month_url(base: str, year: int, month: int) -> str:
    # No zero padding: the site's own links use /2026/9/1/0.
    return f"{base.rstrip('/')}{API}/archive-period/bg/L_Acts/{year}/{month}/1/0"


def assemblies_url(base: str) -> str:
    return f"{base.rstrip('/')}{API}/fn-assembly/bg"


def file_url(base: str, folder: str, filename: str) -> str:
    return f"{base.rstrip('/')}/bills/{quote(folder)}/{quote(filename)}"


# --------------------------------------------------------------------------- decoding


def decode(body: bytes, url: str, content_type: str | None = None, *, record: str | None = None) -> Any:
    """JSON of an answer; HtmlShell for the SPA shell, ParseError for broken JSON."""
    head = body[:200].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<")) or (content_type and "html" in content_type.lower()):
        raise HtmlShell(url, record)
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ParseError(url, "<body>", f"not valid JSON ({exc}); truncated or broken answer", record) from exc


def require_record(data: Any, url: str, *, record: str | None = None) -> dict[str, Any]:
    """The bill/act object of an answer; EmptyAnswer for `{}`/`null`/`[]`."""
    if data is None or data == {} or data == []:
        raise EmptyAnswer(url, json.dumps(data), record)
    if not isinstance(data, dict):
        raise ParseError(url, "<root>", f"expected an object, got {type(data).__name__}", record)
    return data


# --------------------------------------------------------------------------- checked reading

_TYPE_NAMES = {int: "integer", str: "string", bool: "boolean", list: "list", dict: "object"}
_MISSING = object()


class Fields:
    """Checked access to one JSON object: required/optional keys with their types."""

    __slots__ = ("obj", "url", "path", "record")

    def __init__(self, obj: Any, url: str, path: str = "", record: str | None = None):
        if not isinstance(obj, dict):
            raise ParseError(url, path or "<root>", f"expected an object, got {type(obj).__name__}", record)
        self.obj, self.url, self.path, self.record = obj, url, path, record

    def _key(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _check(self, key: str, value: Any, typ: type, nullable: bool) -> Any:
        if value is None:
            if nullable:
                return None
            raise ParseError(self.url, self._key(key), f"is null, expected {_TYPE_NAMES[typ]}", self.record)
        # bool is an int in Python; the API's ints and booleans must not be confused.
        if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
            raise ParseError(
                self.url, self._key(key), f"expected {_TYPE_NAMES[typ]}, got {type(value).__name__} {value!r:.60}", self.record
            )
        return value

    def req(self, key: str, typ: type, *, nullable: bool = False) -> Any:
        value = self.obj.get(key, _MISSING)
        if value is _MISSING:
            raise ParseError(self.url, self._key(key), "required key missing", self.record)
        return self._check(key, value, typ, nullable)

    def opt(self, key: str, typ: type, default: Any = None) -> Any:
        value = self.obj.get(key, _MISSING)
        if value is _MISSING:
            return default
        return self._check(key, value, typ, True)

    def rows(self, key: str, *, required: bool = True) -> Iterator[Fields]:
        value = self.req(key, list, nullable=True) if required else self.opt(key, list)
        for i, row in enumerate(value or ()):
            yield Fields(row, self.url, f"{self._key(key)}[{i}]", self.record)

    def date(self, key: str, *, required: bool = True) -> dt.date | None:
        value = self.req(key, str, nullable=True) if required else self.opt(key, str)
        return parse_date(value, self.url, self._key(key), self.record)

    def text(self, key: str, *, required: bool = True) -> str | None:
        """A string where "" means "none"."""
        value = self.req(key, str, nullable=True) if required else self.opt(key, str)
        return value if value and value.strip() else None


def parse_date(value: str | None, url: str, key: str, record: str | None = None) -> dt.date | None:
    """`"YYYY-MM-DD"` or `"YYYY-MM-DD 00:00:00"`; the sentinels `0000-00-00`, `0001-01-01` (and,
    as S2 does, anything starting with "0") and "" are None."""
    if value is None:
        return None
    value = value.strip()
    if not value or value.startswith("0"):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ParseError(url, key, f"not a date: {value!r:.40}", record) from exc


def _id(value: int | None, *, none_below: int = 1) -> int | None:
    """Ids where 0 / -1 (and for stenograms the placeholder 1) mean "none"."""
    return value if value is not None and value >= none_below else None


def _name(*parts: str | None) -> str | None:
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return text or None


# --------------------------------------------------------------------------- bill


def _sponsors(f: Fields) -> tuple[list[SponsorItem], int, bool]:
    out: list[SponsorItem] = []
    for r in f.rows("imp_list"):
        out.append(
            SponsorItem(
                kind="mp",
                mp_id=r.req("A_ns_MP_id", int),
                name=_name(r.opt("A_ns_MPL_Name1", str), r.opt("A_ns_MPL_Name2", str), r.opt("A_ns_MPL_Name3", str)),
            )
        )
    mps = len(out)
    council = False
    for r in f.rows("imp_list_min"):
        body = r.req("A_ns_C_id", int)
        # The server selects only rows with A_ns_C_id 6167 here; another id would be a change we keep as is.
        is_council = body == COUNCIL_BODY_ID
        council = True
        out.append(SponsorItem(kind="council_of_ministers" if is_council else "body", body_id=body, name=COUNCIL_NAME if is_council else None))
    return out, mps, council


def _committees(f: Fields) -> list[CommitteeItem]:
    out = []
    for r in f.rows("dist_list"):
        role = r.req("L_Act_DTL_value", str, nullable=True) or ""
        out.append(
            CommitteeItem(
                distribution_id=_id(r.req("L_Act_D_id", int, nullable=True)),
                committee_id=_id(r.req("A_ns_C_id", int, nullable=True)),
                name=r.req("A_ns_CL_value", str),
                role=role,
                is_lead=role.strip().lower() == LEAD_ROLE,
            )
        )
    return out


def _stage(r: Fields, origin: str) -> StageItem:
    stage = r.text("L_Act_St2_name")
    event = r.text("L_Act_St_name")
    return StageItem(
        origin=origin,
        activity_id=_id(r.req("L_Act_A_id", int, nullable=True)),
        date=r.date("L_Act_St_date"),
        stage=stage,
        event=event,
        # Pl_Sten_id 1 is a placeholder for "missing" in old assemblies (S1, S2).
        plenary_steno_id=_id(r.req("Pl_Sten_id", int, nullable=True), none_below=2) if origin != "steno_com" else None,
        committee_steno_id=_id(r.req("A_Cm_Stid", int, nullable=True)) if origin != "steno_hall" else None,
        committee_id=_id(r.req("A_ns_C_id", int, nullable=True)) if origin != "steno_hall" else None,
        committee_name=r.text("A_ns_CL_value") if origin != "steno_hall" else None,
        classification=classify_stage(stage, event),
    )


REPORT_LISTS = (("stan_list", True), ("stan_list2", True), ("stan_list2_1", True), ("standp_list", True), ("stan_list_veto", False))


def _reports(f: Fields) -> list[ReportItem]:
    out = []
    for origin, required in REPORT_LISTS:
        for r in f.rows(origin, required=required):
            out.append(
                ReportItem(
                    origin=origin,
                    report_id=_id(r.req("A_Cm_Stanid", int, nullable=True)),
                    date=r.date("A_Cm_Stan_date"),
                    committee_id=_id(r.req("A_ns_C_id", int, nullable=True)),
                    committee_name=r.text("A_ns_CL_value"),
                    stage=r.text("L_Act_St_name"),
                    subject=r.text("A_Cm_Stan_sub"),
                )
            )
    return out


def _files(f: Fields, base: str, folder: str) -> list[FileItem]:
    out = []
    for r in f.rows("file_list"):
        name = r.req("FILENAME", str)
        out.append(FileItem("file_list", name, file_url(base, folder, name), file_id=r.req("ID", int, nullable=True)))
    # Разпореждания (order); the same /bills/{folder}/ location is inferred, not confirmed.
    for r in f.rows("order", required=False):
        name = r.req("FILENAME", str)
        out.append(
            FileItem(
                "order",
                name,
                file_url(base, folder, name),
                file_id=r.req("ID", int, nullable=True),
                date=r.date("DAT_DOC", required=False),
                reg_number=r.text("RN_DOC", required=False),
                annotation=r.text("ANOT", required=False),
                link_id=r.opt("L_ActF_id", int),
            )
        )
    # Fallback {sign}.pdf / .rtf / .zip the server sets when such a file exists.
    for origin, required in (("static_file", True), ("static_file_rtf", False), ("static_archive", True)):
        name = f.text(origin, required=required)
        if name:
            out.append(FileItem(origin, name, file_url(base, folder, name)))
    return out


def _relations(f: Fields) -> list[RelationItem]:
    out = []
    for kind, key in (("union", "union_list"), ("trans", "trans_list")):
        for r in f.rows(key):
            out.append(RelationItem(kind, r.req("L_Act_id", int), r.text("L_ActL_title", required=False)))
    return out


def _proposals(f: Fields, base: str, folder: str) -> list[ProposalItem]:
    out = []
    for r in f.rows("proposal_12_list"):
        authors = [
            {
                "mp_id": a.req("A_ns_MP_id", int),
                "name": _name(a.opt("A_ns_MPL_Name1", str), a.opt("A_ns_MPL_Name2", str), a.opt("A_ns_MPL_Name3", str)),
            }
            for a in r.rows("imp_list", required=False)
        ]
        files = []
        for a in r.rows("act_files", required=False):
            name = a.req("FILENAME", str)
            files.append({"filename": name, "url": file_url(base, folder, name)})
        out.append(
            ProposalItem(
                proposal_id=r.req("ID", int, nullable=True),
                reg_number=r.text("RN_DOC", required=False),
                date=r.date("DAT_DOC", required=False),
                annotation=r.text("ANOT", required=False),
                state_id=r.opt("C_St_id", int),
                authors=authors,
                files=files,
            )
        )
    return out


def _assembly_number(folder: str, url: str, record: str | None) -> int:
    if not folder.strip().isdigit():
        raise ParseError(url, "A_ns_folder", f"expected the assembly number as digits, got {folder!r:.40}", record)
    return int(folder)


def parse_bill(data: Any, url: str, base: str, *, raw: RawAnswer | None = None, expect_id: int | None = None) -> BillItem:
    """A `GET /api/v1/bill/{id}` answer as a BillItem (EmptyAnswer for `{}`/`null`)."""
    record = str(expect_id) if expect_id is not None else None
    f = Fields(require_record(data, url, record=record), url, record=record)
    bill_id = f.req("L_Act_id", int)
    f.record = record = str(bill_id)
    if expect_id is not None and bill_id != expect_id:
        raise ParseError(url, "L_Act_id", f"answer is for bill {bill_id}, not {expect_id}", record)
    signature = f.req("L_Act_sign", str)
    folder = f.req("A_ns_folder", str)
    assembly = _assembly_number(folder, url, record)

    sponsors, mp_count, council = _sponsors(f)
    committees = _committees(f)
    stages = [_stage(r, "activity") for r in f.rows("activity")]
    stages += [_stage(r, "steno_hall") for r in f.rows("steno_hall")]
    stages += [_stage(r, "steno_com") for r in f.rows("steno_com")]
    relations = _relations(f)
    merged_into = _id(f.req("L_Act_new_id", int, nullable=True))
    submitted_on = f.date("L_Act_date")
    adopted_on = f.date("L_Act_date2")
    dv_issue = f.text("L_Act_dv_iss")
    withdrawn = f.opt("withdrawn", bool, False) or False
    status = derive_status(
        [StageRow(s.date, s.stage, s.event) for s in stages if s.origin == "activity"],
        submitted_on=submitted_on,
        has_committees=bool(committees),
        withdrawn=withdrawn,
        merged=merged_into is not None or any(r.kind == "trans" for r in relations),
        adopted_on=adopted_on,
        dv_issue=dv_issue,
    )
    return BillItem(
        id=bill_id,
        signature=signature.strip(),
        title=f.req("L_ActL_title", str).strip(),
        final_title=f.text("L_ActL_final"),
        assembly=assembly,
        session=f.text("L_SesL_value"),
        submitted_on=submitted_on,
        adopted_on=adopted_on,
        proposals_deadline=f.date("L_act_proposal_date"),
        proposals_date2=f.date("L_act_proposal_date2"),
        veto_on=f.date("L_Act_veto_date", required=False),
        veto=f.text("L_Act_veto", required=False),
        dv_issue=dv_issue,
        dv_year=_id(f.req("L_Act_dv_year", int, nullable=True)),
        dv_issue_id=_id(f.req("L_Act_dv_ID", int, nullable=True)),
        sync_id=_id(f.req("sync_ID", int, nullable=True)),
        merged_into_id=merged_into,
        withdrawn=withdrawn,
        union_label=f.text("union_label"),
        trans_label=f.text("trans_label"),
        initiator=derive_initiator(mp_count=mp_count, council=council, signature=signature),
        status=status.status,
        status_date=status.date,
        source_url=url,
        sponsors=sponsors,
        committees=committees,
        stages=stages,
        reports=_reports(f),
        files=_files(f, base, folder),
        relations=relations,
        proposals=_proposals(f, base, folder),
        raw=raw,
    )


# --------------------------------------------------------------------------- act text


def parse_act(data: Any, url: str, *, raw: RawAnswer | None = None, expect_id: int | None = None) -> ActTextItem:
    """A `GET /api/v1/act/{id}` answer (the promulgated text in `L_ActL_final_body`)."""
    record = str(expect_id) if expect_id is not None else None
    f = Fields(require_record(data, url, record=record), url, record=record)
    act_id = f.req("L_Act_id", int)
    f.record = record = str(act_id)
    if expect_id is not None and act_id != expect_id:
        raise ParseError(url, "L_Act_id", f"answer is for act {act_id}, not {expect_id}", record)
    folder = f.req("A_ns_folder", str, nullable=True)
    body = f.req("L_ActL_final_body", str, nullable=True)
    return ActTextItem(
        bill_id=act_id,
        act_type_id=f.req("L_Act_T_id", int, nullable=True),
        signature=f.text("L_Act_sign"),
        final_title=f.text("L_ActL_final"),
        body_html=body if body and body.strip() else None,
        dv_issue=f.text("L_Act_dv_iss"),
        dv_year=_id(f.req("L_Act_dv_year", int, nullable=True)),
        dv_issue_id=_id(f.req("L_Act_dv_ID", int, nullable=True)),
        adopted_on=f.date("L_Act_date2"),
        assembly=_assembly_number(folder, url, record) if folder else None,
        source_url=url,
        raw=raw,
    )


# --------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class ListedBill:
    """A row of the monthly list `archive-period/bg/L_Acts/{y}/{m}/1/0`."""

    id: int  # t_id = L_Act_id
    title: str | None  # t_label
    date: dt.date | None  # t_date ("YYYY-MM-DD 00:00:00")


def parse_month_list(data: Any, url: str) -> list[ListedBill]:
    if not isinstance(data, list):
        raise ParseError(url, "<root>", f"expected a list of bills, got {type(data).__name__}")
    out = []
    for i, row in enumerate(data):
        r = Fields(row, url, f"[{i}]")
        out.append(ListedBill(r.req("t_id", int), r.text("t_label", required=False), r.date("t_date")))
    return out


_UNITS = {
    "ПЪРВО": 1, "ВТОРО": 2, "ТРЕТО": 3, "ЧЕТВЪРТО": 4, "ПЕТО": 5,
    "ШЕСТО": 6, "СЕДМО": 7, "ОСМО": 8, "ДЕВЕТО": 9,
}  # fmt: skip
_TEENS = {
    "ДЕСЕТО": 10, "ЕДИНАДЕСЕТО": 11, "ДВАНАДЕСЕТО": 12, "ТРИНАДЕСЕТО": 13, "ЧЕТИРИНАДЕСЕТО": 14,
    "ПЕТНАДЕСЕТО": 15, "ШЕСТНАДЕСЕТО": 16, "СЕДЕМНАДЕСЕТО": 17, "ОСЕМНАДЕСЕТО": 18, "ДЕВЕТНАДЕСЕТО": 19,
}  # fmt: skip
_TENS = {"ДВАДЕСЕТ": 20, "ТРИДЕСЕТ": 30, "ЧЕТИРИДЕСЕТ": 40, "ПЕТДЕСЕТ": 50, "ШЕСТДЕСЕТ": 60, "СЕДЕМДЕСЕТ": 70}
_TENS_ORDINAL = {k + "О": v for k, v in _TENS.items()}


def assembly_number(name: str) -> int | None:
    """"ПЕТДЕСЕТ И ВТОРО НАРОДНО СЪБРАНИЕ" -> 52; "52-ро Народно събрание" -> 52; None if unreadable."""
    upper = " ".join(name.upper().split())
    digits = re.match(r"^(\d+)", upper)
    if digits:
        return int(digits.group(1))
    words = upper.split(" НАРОДНО")[0].split()
    words = [w for w in words if w != "И"]
    if not words:
        return None
    total = 0
    for w in words:
        if w in _TENS and total == 0:
            total += _TENS[w]
        elif w in _TENS_ORDINAL and total == 0:
            return _TENS_ORDINAL[w]
        elif w in _TEENS and total == 0:
            return _TEENS[w]
        elif w in _UNITS:
            return total + _UNITS[w]
        else:
            return None
    return None


def parse_assemblies(data: Any, url: str, *, raw: RawAnswer | None = None) -> list[AssemblyItem]:
    """`GET /api/v1/fn-assembly/bg`: [{A_ns_id, A_nsL_value}]. Grand National Assemblies
    (Велико Народно събрание) share numbers with ordinary ones, so they are left out."""
    if not isinstance(data, list):
        raise ParseError(url, "<root>", f"expected a list of assemblies, got {type(data).__name__}")
    out = []
    for i, row in enumerate(data):
        r = Fields(row, url, f"[{i}]")
        api_id = r.req("A_ns_id", int)
        name = r.req("A_nsL_value", str).strip()
        if "ВЕЛИКО" in name.upper():
            continue
        number = assembly_number(name)
        if number is None:
            raise ParseError(url, f"[{i}].A_nsL_value", f"cannot read an assembly number from {name!r:.80}")
        out.append(AssemblyItem(number=number, api_id=api_id, name=name, source_url=url, raw=raw))
    return out

