"""`lexwatch summary`: the evaluation aggregates per assembly, year and initiator, with WD-01 … WD-07."""
from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.orm import Session

from criteria.summary import Row, aggregate, aggregate_by
from db.models import Evaluation
from db.session import open_session
from monitor.commands.evaluate import DB_HELP, wide, check_format, echo_json
from core.errors import UsageError

INITIATORS = {"com": "CoM", "cm": "CoM", "council_of_ministers": "CoM", "mp": "MP", "mps": "MP", "mixed": "mixed"}


def load_rows(session: Session, *, assembly: int | None = None, year: int | None = None,
              initiator: str | None = None) -> list[Row]:
    """The latest evaluation of every initiative, as aggregate rows, filtered by its facts."""
    rows = []
    q = select(Evaluation.summary, Evaluation.principle_scores, Evaluation.composite, Evaluation.flag_severity) \
        .where(Evaluation.is_latest.is_(True))
    for summary, scores, composite, severity in session.execute(q):
        facts = (summary or {}).get("facts") or {}
        if assembly is not None and facts.get("assembly") != assembly:
            continue
        if year is not None and facts.get("year") != year:
            continue
        if initiator is not None and facts.get("initiator") != initiator:
            continue
        rows.append(Row(facts, (summary or {}).get("verdicts") or {}, scores or {}, composite or {}, severity))
    return rows


def _share(s: dict[str, Any]) -> str:
    if not s or s.get("denominator") in (None, 0):
        return "–"
    return f"{s['value']:.0%} ({s['numerator']}/{s['denominator']})"


def _print(data: dict[str, Any], title: str) -> None:
    out = wide()
    out.print(f"[bold]{escape(title)}[/]: {data['initiatives']} initiatives "
              f"({data['portfolio_excluded']['count']} ratification/budget/constitutional "
              f"{'included' if data['portfolio_excluded']['included'] else 'left out'}); flags {escape(str(data['flags'] or {}))}",
              markup=True)
    wd = data["watchdog"]
    t = Table(title="watchdog indicators")
    t.add_column("id")
    t.add_column("indicator", overflow="fold")
    t.add_column("value", overflow="fold")
    t.add_row("WD-01", wd["WD-01"]["label"], "bills: " + ", ".join(f"{k} {_share(v)}" for k, v in wd["WD-01"]["bills"].items())
              + "; adopted: " + ", ".join(f"{k} {_share(v)}" for k, v in wd["WD-01"]["adopted"].items()))
    t.add_row("WD-02", wd["WD-02"]["label"], f"< 30 days {_share(wd['WD-02']['under_30_days'])}; "
              f"< 14 days {_share(wd['WD-02']['under_14_days'])}")
    t.add_row("WD-03", wd["WD-03"]["label"], f"no IA {_share(wd['WD-03']['without_ia'])}; "
              f"no required full IA {_share(wd['WD-03']['without_required_full_ia'])}")
    t.add_row("WD-04", wd["WD-04"]["label"], f"laws amending others {_share(wd['WD-04']['laws_amending_other_laws'])}; "
              f"share of amendments via ПЗР {_share(wd['WD-04']['share_of_amendments_via_pzr'])}")
    t.add_row("WD-05", wd["WD-05"]["label"], f"one sitting {_share(wd['WD-05']['both_votes_one_sitting'])}; "
              f"shortened term {_share(wd['WD-05']['shortened_proposal_term'])}")
    t.add_row("WD-06", wd["WD-06"]["label"], _share(wd["WD-06"]["amended_3_plus_in_12_months"]))
    med = wd["WD-07"]
    t.add_row("WD-07", med["label"], f"median {med['median_days']} days (n={med['n']}); fast-tracked {_share(med['fast_tracked'])}; "
              + ", ".join(f"{k}: median {v['median_days']}" for k, v in med["by_initiator"].items()))
    out.print(t)
    c = Table(title="iREG-shaped composite, mean score 0–1 (CoM and MP bills apart)")
    c.add_column("initiator")
    comps = ("stakeholder_engagement", "impact_assessment", "ex_post", "parliamentary")
    for name in comps:
        c.add_column(name)
    for who, vals in data["composite"].items():
        c.add_row(who, *[("–" if vals[n]["mean"] is None else f"{vals[n]['mean']:.2f} (n={vals[n]['n']})") for n in comps])
    out.print(c)
    p = Table(title="principles of ЗНА чл. 26, ал. 1 (mean score 0–1)")
    p.add_column("principle")
    p.add_column("mean")
    for k, v in data["principle_scores"].items():
        p.add_row(k, "–" if v["mean"] is None else f"{v['mean']:.2f} (n={v['n']})")
    out.print(p)
    v = Table(title="verdicts per criterion")
    cols = ("PASS", "WARN", "FAIL", "N_A", "UNKNOWN")
    v.add_column("criterion")
    for col in cols:
        v.add_column(col, justify="right")
    for cid, counts in data["verdicts"].items():
        v.add_row(cid, *[str(counts.get(col, 0)) for col in cols])
    out.print(v)
    for line in data["composite_caveats"]:
        out.print(f"· {line}", style="dim")


def summary_cmd(
    assembly: int = typer.Option(None, "--assembly", help="Only bills of this National Assembly (e.g. 52)."),
    year: int = typer.Option(None, "--year", help="Only bills submitted in this year."),
    initiator: str = typer.Option(None, "--initiator", help="Only CoM or MP bills."),
    by: str = typer.Option(None, "--by", help="Also split by assembly, year or initiator."),
    include_excluded: bool = typer.Option(False, "--include-excluded",
                                          help="Count ratification, budget and constitutional bills too (left out by default)."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Aggregates of the latest evaluations: verdicts per criterion, principle scores, the composite
    for Council of Ministers and MP bills apart, and the watchdog indicators WD-01 … WD-07."""
    check_format(fmt)
    who = None
    if initiator is not None:
        who = INITIATORS.get(initiator.strip().lower())
        if who is None:
            raise UsageError(f"--initiator must be com or mp (or mixed), got {initiator!r}")
    if by is not None and by not in ("assembly", "year", "initiator"):
        raise UsageError(f"--by must be assembly, year or initiator, got {by!r}")
    with open_session(db) as session:
        rows = load_rows(session, assembly=assembly, year=year, initiator=who)
    data: dict[str, Any] = {"filters": {"assembly": assembly, "year": year, "initiator": who},
                            **aggregate(rows, include_excluded=include_excluded)}
    if by:
        data["by_" + by] = aggregate_by(rows, by, include_excluded=include_excluded)
    if fmt == "json":
        echo_json(data)
        return
    bits = [f"assembly {assembly}" if assembly is not None else None, f"year {year}" if year else None, who]
    _print(data, "summary" + (" — " + ", ".join(b for b in bits if b) if any(bits) else ""))
    for key, group in (data.get("by_" + by) or {}).items() if by else ():
        _print(group, f"{by} {key}")


def register(app: typer.Typer) -> None:
    app.command("summary")(summary_cmd)
