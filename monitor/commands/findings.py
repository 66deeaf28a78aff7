"""`lexwatch findings list|show`: the findings of the latest evaluation of each initiative."""
from __future__ import annotations

from typing import Any

import typer
from rich.table import Table
from rich.text import Text
from sqlalchemy import case, select
from sqlalchemy.orm import Session

from criteria.criterion import Verdict
from db.models import Bill, Evaluation, Finding, Initiative
from db.session import open_session
from monitor.commands.evaluate import wide, VERDICT_STYLE, check_format, echo_json, print_evaluation
from core.errors import LexwatchError, UsageError
from monitor.commands.output import MAX_ID, get_by_id, parse_id
from monitor.commands.options import AssemblyOption, DbOption, FormatOption, InitiatorOption, LangOption, initiator_codes

findings_app = typer.Typer(help="Findings of the rules engine (latest evaluation of each initiative).",
                           no_args_is_help=True)

VERDICTS = tuple(v.value for v in Verdict)
SORTS = ("date", "severity")
# Most severe first: a failed check, a warning, a check that could not be decided, not applicable, passed.
SEVERITY_ORDER = ("FAIL", "WARN", "UNKNOWN", "N_A", "PASS")
_VERDICT_RANK = case({v: i for i, v in enumerate(SEVERITY_ORDER)}, value=Finding.verdict, else_=len(SEVERITY_ORDER))


def resolve_initiative(session: Session, ref: str, by: str = "auto") -> Initiative:
    """An initiative by its id, its (primary or merged) bill's id, or the bill's signature."""
    ref = ref.strip()
    candidates: dict[str, Initiative] = {}
    if by in ("auto", "bill") and not ref.isdigit():
        bill = session.scalars(select(Bill).where(Bill.signature == ref)).first()
        if bill is not None:
            ref, by = str(bill.id), "bill"
    if not ref.isdigit():
        raise LexwatchError(f"no bill with id or signature {ref!r} and no initiative {ref!r} is stored "
                            "(ids: the first column of `lexwatch initiatives list`)")
    n = parse_id(ref)
    if n is None:  # a number past the id range names nothing (and would overflow the driver)
        raise LexwatchError(f"no initiative {ref} and no initiative of bill {ref} (ids run from 1 to {MAX_ID})")
    if by in ("auto", "initiative"):
        row = get_by_id(session, Initiative, n)
        if row is not None:
            candidates["initiative"] = row
    if by in ("auto", "bill"):
        row = session.scalars(select(Initiative).where(Initiative.bill_id == n)).first()
        if row is None:
            from db.models import InitiativeLink

            link = session.scalars(select(InitiativeLink).where(
                InitiativeLink.target_type == "bill", InitiativeLink.target_id == n,
                InitiativeLink.status != "rejected", InitiativeLink.initiative_id.is_not(None))).first()
            row = session.get(Initiative, link.initiative_id) if link else None
        if row is not None:
            candidates["bill"] = row
    if not candidates:
        raise LexwatchError(f"no initiative {n} and no initiative of bill {n} (run `lexwatch link`, then `lexwatch evaluate`)")
    found = {r.id for r in candidates.values()}
    if len(found) > 1:
        raise UsageError(f"{n} is both initiative {n} and bill {n} of initiative {candidates['bill'].id}: "
                         f"add --by initiative or --by bill")
    return next(iter(candidates.values()))


@findings_app.command("list")
def findings_list(
    criterion: str = typer.Option(None, "--criterion", help="Only this criterion (e.g. CONS-02)."),
    verdict: str = typer.Option(None, "--verdict", help=f"Only this verdict: {', '.join(VERDICTS)}."),
    assembly: AssemblyOption = None,
    initiator: InitiatorOption = None,
    limit: int = typer.Option(None, "--limit", help="At most this many findings."),
    sort: str = typer.Option("date", "--sort", help="date: newest bills first; severity: FAIL, WARN, UNKNOWN, "
                                                    "N/A, PASS (then newest bills first)."),
    lang: LangOption = "bg",
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Findings of the latest evaluations, newest bills first (or most severe first)."""
    check_format(fmt)
    if sort not in SORTS:
        raise UsageError(f"--sort must be one of {', '.join(SORTS)}, got {sort!r}")
    initiators = initiator_codes(initiator)
    if verdict is not None:
        verdict = verdict.upper().replace("N/A", "N_A")
        if verdict not in VERDICTS:
            raise UsageError(f"--verdict must be one of {', '.join(VERDICTS)}, got {verdict!r}")
    if criterion is not None:
        from criteria.catalogue import CATALOGUE

        criterion = criterion.upper()
        if criterion not in {c.id for c in CATALOGUE}:
            raise UsageError(f"unknown criterion {criterion!r}; see `lexwatch criteria`")
    with open_session(db) as session:
        q = (select(Finding, Evaluation, Initiative, Bill)
             .join(Evaluation, Finding.evaluation_id == Evaluation.id)
             .join(Initiative, Evaluation.initiative_id == Initiative.id)
             .join(Bill, Bill.id == Initiative.bill_id)
             .where(Evaluation.is_latest.is_(True)))
        newest = (Bill.submitted_on.desc(), Bill.id.desc(), Finding.id)
        q = q.order_by(_VERDICT_RANK, *newest) if sort == "severity" else q.order_by(*newest)
        if criterion:
            q = q.where(Finding.criterion_id == criterion)
        if verdict:
            q = q.where(Finding.verdict == verdict)
        if assembly is not None:
            q = q.where(Bill.assembly == assembly)
        if initiators:
            q = q.where(Bill.initiator.in_(initiators))
        if limit:
            q = q.limit(limit)
        rows: list[dict[str, Any]] = [{
            "initiative_id": i.id, "bill_id": b.id, "signature": b.signature, "assembly": b.assembly,
            "initiator": b.initiator, "evaluation_id": e.id, "criterion": f.criterion_id, "verdict": f.verdict,
            "confidence": f.confidence, "principles": f.principles, "explanation_bg": f.explanation_bg,
            "explanation_en": f.explanation_en, "evidence": f.evidence,
        } for f, e, i, b in session.execute(q)]
    if fmt == "json":
        echo_json(rows)
        return
    table = Table(title=f"findings ({len(rows)})")
    for col in ("initiative", "bill", "criterion", "verdict", "conf.", "explanation"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(str(r["initiative_id"]), f"{r['bill_id']} {r['signature']}", r["criterion"],
                      Text(r["verdict"], style=VERDICT_STYLE.get(r["verdict"], "")), r["confidence"],
                      r[f"explanation_{lang}"] if lang in ("bg", "en") else r["explanation_bg"])
    wide().print(table)


@findings_app.command("show")
def findings_show(
    ref: str = typer.Argument(..., help="Initiative id, bill id or bill signature (e.g. 167546 or 52-602-01-43)."),
    by: str = typer.Option("auto", "--by", help="How to read REF: auto, initiative or bill."),
    lang: LangOption = "bg",
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """All findings of one initiative's latest evaluation, with scores, composite and flag."""
    from criteria.store import latest_evaluation

    check_format(fmt)
    if by not in ("auto", "initiative", "bill"):
        raise UsageError(f"--by must be auto, initiative or bill, got {by!r}")
    with open_session(db) as session:
        ini = resolve_initiative(session, ref, by)
        bill = session.get(Bill, ini.bill_id)
        ev = latest_evaluation(session, ini.id)
        data = {"initiative": {"id": ini.id, "title": ini.title, "initiator": ini.initiator, "bill_id": ini.bill_id,
                               "signature": bill.signature if bill else None},
                "evaluation": ev}
    if fmt == "json":
        echo_json(data)
        return
    out = wide()
    out.print(Text.assemble((f"Initiative {ini.id}", "bold"), f" — bill {data['initiative']['bill_id']} "
                            f"{data['initiative']['signature'] or ''}: {ini.title}"))
    print_evaluation(out, ev, lang=lang)


def register(app: typer.Typer) -> None:
    app.add_typer(findings_app, name="findings")
