"""`lexwatch consultations` and `lexwatch pris`: what was stored from strategy.bg.

    lexwatch consultations list [--act-type T] [--institution TEXT] [--open-after DATE] [--limit N] [--format table|json]
    lexwatch consultations show <id|reg_num> [--format json]
    lexwatch pris list [--bills] [--consultation REG_NUM] [--since DATE] [--limit N] [--format table|json]
    lexwatch pris show <pris_id> [--format json]
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import typer
from rich.markup import escape
from rich.text import Text
from rich.table import Table
from sqlalchemy import func, select

from db.models import Consultation, CouncilAct
from db.session import open_session
from core.errors import LexwatchError, UsageError
from monitor.commands.output import check_format as _check_format, console, get_by_id
from monitor.commands.options import DbOption, FormatOption, LimitOption

consultations_app = typer.Typer(help="Public consultations stored from strategy.bg.", no_args_is_help=True)
pris_app = typer.Typer(help="Acts of the Council of Ministers (ПРИС) stored from strategy.bg.", no_args_is_help=True)

PAGE_URL = "https://strategy.bg/bg/public-consultations/{id}"
PRIS_URL = "https://strategy.bg/bg/pris/legal-information/reseniia/{id}"




def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{option} {value!r} is not a date in YYYY-MM-DD") from exc


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def consultation_dict(c: Consultation, *, documents: bool = True) -> dict[str, Any]:
    """The stable JSON form of a stored consultation (no personal data is stored)."""
    data: dict[str, Any] = {
        "id": c.id,
        "reg_num": c.reg_num,
        "title": c.title,
        "act_type": c.act_type,
        "act_type_id": c.act_type_id,
        "level": c.level,
        "policy_area": c.policy_area,
        "institution_id": c.institution_id,
        "institution_name": c.institution_name,
        "date_open": _iso(c.date_open),
        "date_close": _iso(c.date_close),
        "duration_days": c.duration_days,
        "short_term_reason": c.short_term_reason,
        "published": c.active,
        "legislative_program_id": c.legislative_program_id,
        "operational_program_id": c.operational_program_id,
        "law_name": c.law_name,
        "law_id": c.law_id,
        "pris_id": c.pris_id,
        "comments_count": c.comments_count,
        "first_comment_at": _iso(c.first_comment_at),
        "last_comment_at": _iso(c.last_comment_at),
        "source": c.source,
        "source_url": c.source_url,
        "page_url": PAGE_URL.format(id=c.id),
        "version": c.version,
        "last_fetched_at": _iso(c.last_fetched_at),
        "last_changed_at": _iso(c.last_changed_at),
    }
    if documents:
        data["description"] = c.description_text
        data["documents"] = [
            {
                "position": d.position,
                "doc_type": d.doc_type,
                "type_inferred": d.type_inferred,
                "description": d.description,
                "version_date": _iso(d.version_date),
                "file_id": d.file_id,
                "url": d.url,
            }
            for d in c.documents
        ]
    return data


def act_dict(a: CouncilAct) -> dict[str, Any]:
    return {
        "id": a.id,
        "doc_num": a.doc_num,
        "doc_date": _iso(a.doc_date),
        "act_type": a.act_type,
        "about": a.about,
        "importer": a.importer,
        "legal_reason": a.legal_reason,
        "protocol": a.protocol,
        "public_consultation_number": a.public_consultation_number,
        "dv_number": a.dv_number,
        "dv_year": a.dv_year,
        "tags": a.tags or [],
        "approves_bill": a.approves_bill,
        "bill_title": a.bill_title,
        "source_url": a.source_url,
        "page_url": PRIS_URL.format(id=a.id),
        "version": a.version,
    }


def _find_consultation(session, key: str) -> Consultation:
    key = key.strip()
    m = re.fullmatch(r"(\d+)(?:-[KК])?", key)
    if not m:
        raise UsageError(f"{key!r} is neither a consultation id nor a reg_num like 12692-K")
    row = get_by_id(session, Consultation, m.group(1))
    if row is None:
        raise LexwatchError(f"consultation {key} is not stored (run `lexwatch crawl strategy`)")
    return row


@consultations_app.command("list")
def list_consultations(
    act_type: str = typer.Option(None, "--act-type", help="Exact act type, e.g. Закон, 'Акт на министър'."),
    institution: str = typer.Option(None, "--institution", help="Part of the responsible institution's name."),
    open_after: str = typer.Option(None, "--open-after", help="Opened on or after this date (YYYY-MM-DD)."),
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Stored consultations, newest first."""
    _check_format(fmt)
    since = _day(open_after, "--open-after")
    with open_session(db) as s:
        q = select(Consultation)
        if act_type:
            q = q.where(Consultation.act_type == act_type)
        if institution:
            q = q.where(func.lower(Consultation.institution_name).contains(institution.lower()))
        if since:
            q = q.where(Consultation.date_open >= since)
        rows = s.scalars(q.order_by(Consultation.date_open.desc(), Consultation.id.desc()).limit(limit)).all()
        data = [consultation_dict(c, documents=False) for c in rows]
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(data)} consultation(s)")
    for col in ("reg_num", "opens", "closes", "days", "act type", "institution", "title"):
        table.add_column(col, overflow="fold")
    for c in data:
        table.add_row(
            c["reg_num"], c["date_open"], c["date_close"], str(c["duration_days"]), escape(c["act_type"] or ""),
            escape(c["institution_name"] or ""), escape(c["title"][:120]),
        )  # fmt: skip
    console().print(table)


@consultations_app.command("show")
def show_consultation(key: str = typer.Argument(..., help="Id or reg_num (12692-K)."), fmt: FormatOption = "table", db: DbOption = None) -> None:
    """One consultation with its documents."""
    _check_format(fmt)
    with open_session(db) as s:
        data = consultation_dict(_find_consultation(s, key))
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out = console()
    out.print(Text.assemble((str(data["reg_num"]), "bold"), f" {data['title']}"))
    for label, k in (
        ("act type", "act_type"), ("level", "level"), ("policy area", "policy_area"), ("institution", "institution_name"),
        ("opens", "date_open"), ("closes", "date_close"), ("duration (days)", "duration_days"),
        ("short-term reason", "short_term_reason"), ("law", "law_name"), ("ПРИС act", "pris_id"),
        ("comments", "comments_count"), ("first comment", "first_comment_at"), ("last comment", "last_comment_at"),
        ("page", "page_url"), ("read from", "source"),
    ):  # fmt: skip
        if data[k] not in (None, ""):
            out.print(f"  {label}: {escape(str(data[k]))}")
    table = Table(title="documents")
    for col in ("#", "type", "inferred", "date", "url"):
        table.add_column(col, overflow="fold")
    for d in data["documents"]:
        table.add_row(str(d["position"]), escape(d["doc_type"] or "-"), "yes" if d["type_inferred"] else "", d["version_date"] or "", d["url"])
    out.print(table)


@pris_app.command("list")
def list_acts(
    bills: bool = typer.Option(False, "--bills", help="Only decisions approving bills."),
    consultation: str = typer.Option(None, "--consultation", help="Only acts naming this consultation (reg_num)."),
    since: str = typer.Option(None, "--since", help="Adopted on or after this date (YYYY-MM-DD)."),
    limit: LimitOption = 50,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Stored ПРИС acts, newest first."""
    _check_format(fmt)
    day = _day(since, "--since")
    with open_session(db) as s:
        q = select(CouncilAct)
        if bills:
            q = q.where(CouncilAct.approves_bill.is_(True))
        if consultation:
            q = q.where(CouncilAct.public_consultation_number == consultation.strip().replace("К", "K"))
        if day:
            q = q.where(CouncilAct.doc_date >= day)
        rows = s.scalars(q.order_by(CouncilAct.doc_date.desc(), CouncilAct.id.desc()).limit(limit)).all()
        data = [act_dict(a) for a in rows]
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(data)} act(s)")
    for col in ("id", "№", "date", "type", "consultation", "about"):
        table.add_column(col, overflow="fold")
    for a in data:
        table.add_row(
            str(a["id"]), a["doc_num"] or "", a["doc_date"] or "", escape(a["act_type"] or ""),
            a["public_consultation_number"] or "", escape((a["bill_title"] or a["about"] or "")[:120]),
        )  # fmt: skip
    console().print(table)


@pris_app.command("show")
def show_act(pris_id: int = typer.Argument(..., help="The ПРИС id."), fmt: FormatOption = "table", db: DbOption = None) -> None:
    """One ПРИС act."""
    _check_format(fmt)
    with open_session(db) as s:
        row = get_by_id(s, CouncilAct, pris_id)
        if row is None:
            raise LexwatchError(f"ПРИС act {pris_id} is not stored (run `lexwatch crawl pris`)")
        data = act_dict(row)
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out = console()
    out.print(Text.assemble((f"{data['act_type'] or 'Акт'} № {data['doc_num'] or '?'}", "bold"), f" от {data['doc_date']}"))
    for label, k in (
        ("about", "about"), ("approves bill", "bill_title"), ("importer", "importer"), ("legal reason", "legal_reason"),
        ("protocol", "protocol"), ("consultation", "public_consultation_number"), ("ДВ", "dv_number"), ("page", "page_url"),
    ):  # fmt: skip
        if data[k] not in (None, ""):
            out.print(f"  {label}: {escape(str(data[k]))}")


def register(app: typer.Typer) -> None:
    app.add_typer(consultations_app, name="consultations")
    app.add_typer(pris_app, name="pris")
