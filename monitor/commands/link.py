"""`lexwatch link`, `lexwatch initiatives list|show`, `lexwatch links confirm|reject`.

Linking joins each bill to the consultation of its draft on strategy.bg and the Council of
Ministers decision approving it (linking/). Staff confirm or reject the proposals;
their decisions survive every later run.
"""
from __future__ import annotations

import json
from typing import Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text
from rich.table import Table
from sqlalchemy.exc import DBAPIError

from db.session import open_session
from core.errors import LexwatchError, UsageError
from db.models import InitiativeLink
from core.parliament import bill_public_url
from core.review import InitiativeLinkState, LinkFlag, LinkMethod, LinkStatus, LinkTarget
from linking.query import STATUSES, list_initiatives, show_initiative
from monitor.commands.output import bg_initiator, bg_status, check_format as _check_format, console, enum_label, get_by_id, is_piped
from monitor.commands.options import ConfigOption, DbOption, FormatOption, InitiatorOption, TextFormatOption, initiator_codes
from monitor.config import load_config


initiatives_app = typer.Typer(help="Legislative initiatives: a bill with its consultation(s) and ПРИС decision(s).",
                              no_args_is_help=True)
links_app = typer.Typer(help="Staff decisions on the linker's proposals.", no_args_is_help=True)




def _json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, sort_keys=True))


def link_command(
    rebuild: bool = typer.Option(False, "--rebuild", help="Recompute every proposal, not only what changed since the last run."),
    fmt: FormatOption = "table",
    db: DbOption = None,
    config_path: ConfigOption = None,
) -> None:
    """Link bills to consultations and ПРИС decisions into initiatives (incremental by default).

    The thresholds and weights are the linker's defaults, or what the config file's [linking] changes."""
    from linking.build import link
    _check_format(fmt)
    settings = load_config(config_path).linking
    err = console(stderr=True)
    try:
        with open_session(db) as session:
            with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                          console=err, transient=True) as progress:
                task = progress.add_task("linking", total=None)
                report = link(session, rebuild=rebuild, settings=settings, progress=lambda msg: progress.update(task, description=msg))
    except DBAPIError as exc:
        # Nothing was written (the run is one transaction); most likely another run wrote first.
        raise LexwatchError(f"link run rolled back, nothing stored: {exc.__class__.__name__}: "
                            f"{str(exc.orig).splitlines()[0] if exc.orig else exc}; run it again") from exc
    data = report.to_dict()
    if fmt == "json":
        _json(data)
        return
    for key in ("mode", "watermark", "bills", "bills_examined", "consultations", "council_acts",
                "initiatives_created", "initiatives_updated", "initiatives_removed",
                "links_created", "links_updated", "links_removed", "staff_decisions_kept", "duration_s"):
        typer.echo(f"{key:22} {data[key]}")
    typer.echo(f"{'links_by_status':22} " + ", ".join(f"{k} {v}" for k, v in sorted(data["links_by_status"].items())))
    typer.echo(f"{'links_by_method':22} " + ", ".join(f"{k} {v}" for k, v in sorted(data["links_by_method"].items())))


@initiatives_app.command("list")
def initiatives_list(
    status: str = typer.Option(None, "--status", help=f"Only initiatives in this state: {', '.join(STATUSES)}."),
    flag: str = typer.Option(None, "--flag", help="Only initiatives with a link flagged so (e.g. mp_bill_matches_ministry_draft)."),
    initiator: InitiatorOption = None,
    assembly: int = typer.Option(None, "--assembly", help="Only initiatives whose bill is of this National Assembly (e.g. 52)."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many, newest bill first."),
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Initiatives with their status and what each is linked to. The first column is the id
    every `show` accepts (`initiatives show`, `findings show`, `bills show`)."""
    from sqlalchemy import select

    from db.models import Bill

    _check_format(fmt)
    initiators = initiator_codes(initiator)
    with open_session(db) as session:
        if assembly is None:
            rows = list_initiatives(session, status=status, flag=flag, initiators=initiators, limit=limit)
        else:
            bills = set(session.scalars(select(Bill.id).where(Bill.assembly == assembly)))
            rows = [r for r in list_initiatives(session, status=status, flag=flag, initiators=initiators)
                    if r["bill_id"] in bills][:limit]
    if fmt == "json":
        _json(rows)
        return
    out = console()
    piped = is_piped(out)
    table = Table(show_lines=False, title=f"{len(rows)} initiative(s)", title_justify="left")
    for col in ("id", "bill", "signature", "submitted", "initiator", "link status", "consultations", "decisions"):
        table.add_column(col, no_wrap=True)
    # On a terminal a long title is cut to keep one line per initiative; piped, it stays whole.
    table.add_column("title", overflow="fold" if piped else "ellipsis", no_wrap=not piped,
                     max_width=None if piped else 60)
    for r in rows:
        table.add_row(str(r["id"]), str(r["bill_id"]), r["signature"], r["submitted_on"] or "", bg_initiator(r["initiator"]),
                      enum_label(InitiativeLinkState, r["status"]) + (" ⚑" if r["flags"] else ""),
                      ", ".join(r["consultations"]), ", ".join(map(str, r["council_acts"])), r["title"])
    (out if piped else console(width=max(out.width, 160))).print(table)


@initiatives_app.command("show")
def initiatives_show(
    ref: str = typer.Argument(..., help="Initiative id (first column of `initiatives list`), bill id or "
                                        "signature (e.g. 293, 167546 or 52-602-01-43)."),
    by: str = typer.Option("auto", "--by", help="How to read REF: auto, initiative or bill."),
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """One initiative: its bill(s), consultation(s) with reg_num, decision(s), and each link's
    method, score, status and evidence."""
    _check_format(fmt)
    if by not in ("auto", "initiative", "bill"):
        raise UsageError(f"--by must be auto, initiative or bill, got {by!r}")
    from criteria.store import latest_evaluation  # the rules engine's latest verdicts (criteria/)
    from monitor.commands.evaluate import print_evaluation
    from monitor.commands.findings import resolve_initiative

    with open_session(db) as session:
        # The same id space as `findings show`: initiative id, bill id or signature.
        initiative = resolve_initiative(session, ref, by)
        data = show_initiative(session, str(initiative.bill_id))
        data["evaluation"] = latest_evaluation(session, data["initiative"]["id"])
    if fmt == "json":
        _json(data)
        return
    out = console()
    i = data["initiative"]
    out.print(Text.assemble((f"Initiative {i['id']}", "bold"), f" — {i['title']}"))
    out.print(Text.assemble(f"вносител: {bg_initiator(i['initiator'])}, връзки: ",
                            (enum_label(InitiativeLinkState, i["status"]), "bold"), f", updated {i['updated_at']}"))
    for b in data["bills"]:
        out.print(f"  bill {b['id']} {b['signature']} ({b['role']}) submitted {b['submitted_on']} by "
                  f"{bg_initiator(b['initiator'])}, {bg_status(b['status'])}: {b['title']}")
        out.print(f"    {bill_public_url(b['id'])}")
    for c in data["consultations"]:
        out.print(f"  consultation {c['reg_num']} {c['date_open']}–{c['date_close']} {c['institution'] or ''}: {c['title']}")
    for a in data["council_acts"]:
        out.print(f"  ПРИС {a['id']} № {a['doc_num'] or '?'} of {a['doc_date']} ({a['importer'] or '?'}): {a['bill_title'] or a['about']}")
    table = Table(title="links (full evidence: --format json)")
    for col in ("link", "bill", "target", "method", "score", "margin", "status", "flag"):
        table.add_column(col, no_wrap=True)
    table.add_column("evidence", overflow="fold")
    for lk in data["links"]:
        table.add_row(str(lk["id"]), str(lk["bill_id"]), f"{enum_label(LinkTarget, lk['target_type'])} {lk['target_id']}",
                      enum_label(LinkMethod, lk["method"]),
                      f"{lk['score']:.1f}", "" if lk["margin"] is None else f"{lk['margin']:.1f}",
                      enum_label(LinkStatus, lk["status"]) + (f" ({lk['decided_by']})" if lk["decided_by"] else ""),
                      enum_label(LinkFlag, lk["flag"]) if lk["flag"] else "",
                      _evidence_summary(lk["evidence"]) + (f" — {lk['note']}" if lk["note"] else ""))
    (out if is_piped(out) else console(width=max(out.width, 160))).print(table)
    print_evaluation(out, data["evaluation"])


def _evidence_summary(ev: dict[str, Any]) -> str:
    """The evidence fields staff look at first, on one line: the decisive evidence in words
    (linking/explain.py), then the figures."""
    parts = [str(ev[k]) for k in ("decisive", "either_way") if ev.get(k)]
    if ev.get("reference"):
        parts.append(f"ref {ev['reference']}" + (f" (ПРИС {ev['council_act_id']})" if ev.get("council_act_id") else ""))
    for key, label in (("law_similarity", "law"), ("rest_similarity", "rest"), ("date_score", "date"),
                       ("institution_score", "inst")):
        if ev.get(key) is not None:
            parts.append(f"{label} {ev[key]:g}")
    if ev.get("gap_days") is not None:
        parts.append(f"{ev['gap_days']} d before")
    if ev.get("runner_up"):
        r = ev["runner_up"]
        parts.append(f"runner-up bill {r['bill_id']} → {r['target_id']} ({r['score']:g})")
    if ev.get("runner_up_of"):
        r = ev["runner_up_of"]
        parts.append(f"runner-up of bill {r['bill_id']} → {r['target_id']} ({r['score']:g})")
    return "; ".join(parts)


def _decide(decision: str, link_id: int, by: str, note: str | None, db: str | None, fmt: str) -> None:
    from linking.decisions import decide_link
    _check_format(fmt, ("text", "json"))
    with open_session(db) as session:
        if get_by_id(session, InitiativeLink, link_id) is None:
            raise LexwatchError(f"no link with id {link_id}")
    with open_session(db) as session:
        lk = decide_link(session, link_id, decision, by=by, note=note)
        from db.models import ReviewDecision, utcnow

        # The review UI's audit trail shows decisions taken here too.
        session.add(ReviewDecision(kind="link", record_id=lk.id, initiative_id=lk.initiative_id, decision=decision,
                                   note=note, reviewer=lk.decided_by or by, decided_at=lk.decided_at or utcnow()))
        data = {"id": lk.id, "bill_id": lk.bill_id, "target_type": lk.target_type, "target_id": lk.target_id,
                "status": lk.status, "decided_by": lk.decided_by, "note": lk.note}
    if fmt == "json":
        _json(data)
    else:
        typer.echo(f"link {data['id']} ({data['bill_id']} → {data['target_type']} {data['target_id']}) {decision} by {by}")


@links_app.command("confirm")
def links_confirm(
    link_id: int = typer.Argument(..., help="The link's id (see `lexwatch initiatives show`)."),
    by: str = typer.Option(..., "--by", help="Who decides (kept with the link)."),
    note: str = typer.Option(None, "--note", help="Why."),
    fmt: TextFormatOption = "text",
    db: DbOption = None,
) -> None:
    """Confirm a proposed link; later runs keep it and propose no other link of its kind for the bill."""
    _decide("confirmed", link_id, by, note, db, fmt)


@links_app.command("reject")
def links_reject(
    link_id: int = typer.Argument(..., help="The link's id (see `lexwatch initiatives show`)."),
    by: str = typer.Option(..., "--by", help="Who decides (kept with the link)."),
    note: str = typer.Option(None, "--note", help="Why."),
    fmt: TextFormatOption = "text",
    db: DbOption = None,
) -> None:
    """Reject a proposed link; the pair is never proposed again."""
    _decide("rejected", link_id, by, note, db, fmt)


def register(app: typer.Typer) -> None:
    app.command("link")(link_command)
    app.add_typer(initiatives_app, name="initiatives")
    app.add_typer(links_app, name="links")
