"""`lexwatch bills list|show`: the bills stored from parliament.bg."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

import typer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Bill, Initiative, RecordChange, RecordVersion
from db.session import open_session
from core.errors import LexwatchError, UsageError
from core.parliament import bill_public_url
from monitor.commands.output import bg_initiator, bg_status, check_format as _check_format, console, get_by_id, parse_id
from monitor.commands.options import AssemblyOption, DbOption, FormatOption, InitiatorOption, LimitOption, initiator_codes

bills_app = typer.Typer(help="Bills (законопроекти) stored from parliament.bg.", no_args_is_help=True)



def _fmt(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value




def bill_summary(b: Bill) -> dict[str, Any]:
    return {
        "id": b.id,
        "signature": b.signature,
        "title": b.title,
        "assembly": b.assembly,
        "submitted_on": _fmt(b.submitted_on),
        "status": b.status,
        "status_date": _fmt(b.status_date),
        "initiator": b.initiator,
        "adopted_on": _fmt(b.adopted_on),
        "dv_issue": b.dv_issue,
        "dv_year": b.dv_year,
        "source_url": b.source_url,
    }


def _columns(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: _fmt(getattr(obj, n)) for n in names}


BILL_FIELDS = (
    "id", "signature", "title", "final_title", "assembly", "session", "submitted_on", "adopted_on", "proposals_deadline",
    "proposals_date2", "veto_on", "veto", "dv_issue", "dv_year", "dv_issue_id", "sync_id", "merged_into_id", "withdrawn",
    "initiator", "status", "status_date", "union_label", "trans_label", "source_url", "content_hash", "version",
    "first_seen_at", "last_fetched_at", "last_changed_at",
)  # fmt: skip
CHILD_FIELDS = {
    "sponsors": ("kind", "mp_id", "body_id", "name"),
    "committees": ("committee_id", "name", "role", "is_lead", "distribution_id"),
    "stages": ("origin", "date", "stage", "event", "classification", "activity_id", "plenary_steno_id", "committee_steno_id", "committee_id", "committee_name"),
    "reports": ("origin", "report_id", "date", "committee_id", "committee_name", "stage", "subject"),
    "files": ("origin", "file_id", "filename", "url", "date", "reg_number", "annotation"),
    "relations": ("kind", "other_bill_id", "other_title"),
    "proposals": ("proposal_id", "reg_number", "date", "annotation", "authors", "files"),
}


def bill_detail(session: Session, b: Bill) -> dict[str, Any]:
    data = _columns(b, BILL_FIELDS)
    for key, names in CHILD_FIELDS.items():
        data[key] = [_columns(row, names) for row in getattr(b, key)]
    act = b.act_text
    data["act_text"] = (
        None
        if act is None
        else {
            "final_title": act.final_title,
            "dv_issue": act.dv_issue,
            "dv_year": act.dv_year,
            "adopted_on": _fmt(act.adopted_on),
            "source_url": act.source_url,
            "body_chars": len(act.body_html or ""),
            "version": act.version,
            "fetched_at": _fmt(act.fetched_at),
        }
    )
    versions = session.scalar(select(func.count()).where(RecordVersion.entity == "bill", RecordVersion.entity_key == str(b.id)))
    last = session.scalar(
        select(RecordVersion)
        .where(RecordVersion.entity == "bill", RecordVersion.entity_key == str(b.id))
        .order_by(RecordVersion.version.desc())
        .limit(1)
    )
    changed_fields = []
    if last is not None and last.version > 1:
        changed_fields = list(session.scalars(select(RecordChange.field).where(RecordChange.version_id == last.id).order_by(RecordChange.field)))
    data["history"] = {
        "versions": versions or 0,
        "last_change": _fmt(last.valid_from) if last is not None else None,
        "last_changed_fields": changed_fields,
    }
    return data


def find_bill(session: Session, ref: str) -> Bill:
    """A bill by its id (L_Act_id), its signature, or the id of its initiative (the first column of
    `initiatives list`): one id space for every `show`."""
    ref = ref.strip()
    number = parse_id(ref)
    if number is not None:
        bill = get_by_id(session, Bill, number)
        if bill is not None:
            return bill
        initiative = get_by_id(session, Initiative, number)
        if initiative is not None and (bill := session.get(Bill, initiative.bill_id)) is not None:
            return bill
    found = list(session.scalars(select(Bill).where(Bill.signature == ref).order_by(Bill.id)))
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        ids = ", ".join(str(b.id) for b in found)
        raise LexwatchError(f"signature {ref} is shared by bills {ids}; give the id")
    raise LexwatchError(f"no bill with id or signature {ref!r} and no initiative {ref!r} is stored "
                        "(run `lexwatch crawl parliament`)")


@bills_app.command("list")
def list_bills(
    assembly: AssemblyOption = None,
    status: str = typer.Option(None, "--status", help="submitted, in_committee, first_reading_passed, adopted, rejected, withdrawn, merged."),
    initiator: InitiatorOption = None,
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Stored bills, newest submission first."""
    from core.parliament import STATUSES

    _check_format(fmt)
    if status and status not in STATUSES:
        raise UsageError(f"--status must be one of {', '.join(STATUSES)}, got {status!r}")
    initiators = initiator_codes(initiator)
    query = select(Bill).order_by(Bill.submitted_on.desc(), Bill.id.desc()).limit(limit)
    if assembly is not None:
        query = query.where(Bill.assembly == assembly)
    if status:
        query = query.where(Bill.status == status)
    if initiators:
        query = query.where(Bill.initiator.in_(initiators))
    with open_session(db) as s:
        rows = [bill_summary(b) for b in s.scalars(query)]
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} bill(s)", title_justify="left")
    cells = [
        (str(r["id"]), r["signature"], r["submitted_on"] or "", bg_status(r["status"]), bg_initiator(r["initiator"]),
         str(r["assembly"] or ""), r["title"])
        for r in rows
    ]
    for i, col in enumerate(("id", "signature", "submitted", "status", "initiator", "NA")):
        # the short columns keep their full width; only the title wraps (piped: nothing wraps)
        table.add_column(col, no_wrap=True, min_width=max([len(col)] + [len(c[i]) for c in cells]))
    table.add_column("title", overflow="fold", ratio=1, min_width=20)
    for c in cells:
        table.add_row(*c)
    console().print(table)


@bills_app.command("show")
def show_bill(
    ref: str = typer.Argument(..., help="Bill id (L_Act_id) or signature, e.g. 52-602-01-43."),
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Everything stored about one bill: fields, sponsors, committees, stages, reports, files, history."""
    _check_format(fmt)
    with open_session(db) as s:
        data = bill_detail(s, find_bill(s, ref))
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    _print_detail(data)


def _print_detail(data: dict[str, Any]) -> None:
    from rich.table import Table

    out = console()
    head = Table(show_header=False, title=f"{data['signature']} — {data['title']}", title_justify="left")
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    shown = {"status": bg_status, "initiator": bg_initiator}
    for key in BILL_FIELDS:
        if data[key] not in (None, "", False):
            head.add_row(key, shown[key](data[key]) if key in shown else str(data[key]))
    head.add_row("page", bill_public_url(data["id"]))
    hist = data["history"]
    head.add_row("versions", f"{hist['versions']} (last change {hist['last_change']})")
    if hist["last_changed_fields"]:
        head.add_row("last changed", ", ".join(hist["last_changed_fields"][:20]))
    act = data["act_text"]
    head.add_row("act text", "—" if act is None else f"ДВ бр. {act['dv_issue']}/{act['dv_year']}, {act['body_chars']} chars")
    out.print(head)
    for key, names in CHILD_FIELDS.items():
        rows = data[key]
        if not rows:
            continue
        shown = [n for n in names if any(r[n] not in (None, "", []) for r in rows)]
        t = Table(title=f"{key} ({len(rows)})", title_justify="left")
        for n in shown:
            t.add_column(n, overflow="fold")
        for r in rows:
            t.add_row(*("" if r[n] is None else (json.dumps(r[n], ensure_ascii=False) if isinstance(r[n], list) else str(r[n])) for n in shown))
        out.print(t)


def register(app: typer.Typer) -> None:
    app.add_typer(bills_app, name="bills")
