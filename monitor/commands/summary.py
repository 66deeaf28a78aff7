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
from monitor.commands.evaluate import wide, check_format, echo_json
from monitor.commands.options import AssemblyOption, DbOption, FormatOption, initiator_codes
from core.errors import UsageError
from core.parliament import Regime
from monitor.reports import labels as L

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


def _share(s: dict[str, Any], lang: str) -> str:
    if not s or s.get("denominator") in (None, 0):
        return "–"
    of = "от" if lang == "bg" else "of"
    return f"{L.percent(s['value'], lang)} ({s['numerator']} {of} {s['denominator']})"


def _print(data: dict[str, Any], title: str, lang: str) -> None:
    """The aggregates in words of one language (Bulgarian by default): no engine keys on screen."""
    bg = lang == "bg"
    tr = lambda b, e: b if bg else e  # noqa: E731
    sh = lambda v: _share(v, lang)  # noqa: E731
    out = wide()
    excluded = data["portfolio_excluded"]
    flags = ", ".join(f"{tr({'high': 'висока', 'medium': 'средна', 'low': 'ниска'}.get(k, k), k)}: {n}"
                      for k, n in sorted(data["flags"].items())) or "—"
    out.print(f"[bold]{escape(title)}[/]: " + tr(
        f"оценени законопроекти: {data['initiatives']}; законопроекти за ратификация, бюджет и Конституцията: "
        f"{excluded['count']} ({'включени' if excluded['included'] else 'извън обобщенията'}); сигнали по тежест: {flags}",
        f"bills assessed: {data['initiatives']}; ratification, budget and constitutional bills: {excluded['count']} "
        f"({'included' if excluded['included'] else 'left out'}); flags by severity: {flags}"), markup=True)
    wd = data["watchdog"]
    t = Table(title=tr("Показатели за наблюдение", "Watchdog indicators"))
    t.add_column(tr("показател", "indicator"), overflow="fold")
    t.add_column(tr("стойност", "value"), overflow="fold")
    row = lambda k, v: t.add_row(f"{k} {L.pick(L.WATCHDOG_LABELS[k], lang)}", v)  # noqa: E731
    row("WD-01", tr("законопроекти: ", "bills: ") + ", ".join(f"{L.regime_label(k, lang)} {sh(v)}" for k, v in wd["WD-01"]["bills"].items())
        + tr("; приети: ", "; adopted: ") + ", ".join(f"{L.regime_label(k, lang)} {sh(v)}" for k, v in wd["WD-01"]["adopted"].items()))
    row("WD-02", tr(f"под 30 дни {sh(wd['WD-02']['under_30_days'])}; под 14 дни {sh(wd['WD-02']['under_14_days'])}",
                    f"under 30 days {sh(wd['WD-02']['under_30_days'])}; under 14 days {sh(wd['WD-02']['under_14_days'])}"))
    row("WD-03", tr(f"без оценка {sh(wd['WD-03']['without_ia'])}; без изискваната цялостна "
                    f"{sh(wd['WD-03']['without_required_full_ia'])}",
                    f"no IA {sh(wd['WD-03']['without_ia'])}; no required full IA {sh(wd['WD-03']['without_required_full_ia'])}"))
    row("WD-04", tr(f"закони, изменящи други закони {sh(wd['WD-04']['laws_amending_other_laws'])}; дял на измененията "
                    f"чрез ПЗР {sh(wd['WD-04']['share_of_amendments_via_pzr'])}",
                    f"laws amending others {sh(wd['WD-04']['laws_amending_other_laws'])}; share of amendments via the "
                    f"final provisions {sh(wd['WD-04']['share_of_amendments_via_pzr'])}"))
    row("WD-05", tr(f"едно заседание {sh(wd['WD-05']['both_votes_one_sitting'])}; съкратен срок "
                    f"{sh(wd['WD-05']['shortened_proposal_term'])}",
                    f"one sitting {sh(wd['WD-05']['both_votes_one_sitting'])}; shortened term "
                    f"{sh(wd['WD-05']['shortened_proposal_term'])}"))
    row("WD-06", sh(wd["WD-06"]["amended_3_plus_in_12_months"]))
    med = wd["WD-07"]
    by = ", ".join(f"{L.regime_label(k, lang)}: {L.number(v['median_days'], lang, 1)}" for k, v in med["by_initiator"].items())
    row("WD-07", tr(f"медиана {L.number(med['median_days'], lang, 1)} дни (n={med['n']}); ускорени {sh(med['fast_tracked'])}; {by}",
                    f"median {L.number(med['median_days'], lang, 1)} days (n={med['n']}); fast-tracked "
                    f"{sh(med['fast_tracked'])}; {by}"))
    out.print(t)
    comps = ("stakeholder_engagement", "impact_assessment", "ex_post", "parliamentary")
    c = Table(title=tr("Съставни показатели по модела на iREG, среден резултат 0–1 (МС и НП поотделно)",
                       "iREG-shaped composites, mean score 0–1 (CoM and MP bills apart)"))
    c.add_column(tr("вносител", "initiator"))
    for name in comps:
        c.add_column(L.composite_label(name, lang))
    for who, vals in data["composite"].items():
        c.add_row(L.regime_label(who, lang), *[("–" if vals[n]["mean"] is None else
                                                f"{L.number(vals[n]['mean'], lang, 2)} (n={vals[n]['n']})") for n in comps])
    out.print(c)
    p = Table(title=tr("Принципи по чл. 26, ал. 1 ЗНА (среден резултат 0–1)", "Principles of ЗНА art. 26(1) (mean score 0–1)"))
    p.add_column(tr("принцип", "principle"))
    p.add_column(tr("средно", "mean"))
    for k, v in data["principle_scores"].items():
        p.add_row(L.principle_label(k, lang), "–" if v["mean"] is None else f"{L.number(v['mean'], lang, 2)} (n={v['n']})")
    out.print(p)
    v = Table(title=tr("Резултати по критерий", "Verdicts per criterion"))
    cols = ("PASS", "WARN", "FAIL", "N_A", "UNKNOWN")
    v.add_column(tr("критерий", "criterion"))
    for col in cols:
        v.add_column(L.verdict_label(col, lang), justify="right")
    for cid, counts in data["verdicts"].items():
        v.add_row(cid, *[str(counts.get(col, 0)) for col in cols])
    out.print(v)
    for bg_line, en_line in L.CAVEATS[:2]:
        out.print(f"· {bg_line if bg else en_line}", style="dim")


def summary_cmd(
    assembly: AssemblyOption = None,
    year: int = typer.Option(None, "--year", help="Only bills submitted in this year."),
    initiator: str = typer.Option(None, "--initiator", help="Only CoM or MP bills."),
    by: str = typer.Option(None, "--by", help="Also split by assembly, year or initiator."),
    include_excluded: bool = typer.Option(False, "--include-excluded",
                                          help="Count ratification, budget and constitutional bills too (left out by default)."),
    fmt: FormatOption = "table",
    lang: str = typer.Option("bg", "--lang", help="Words of the table: bg (default) or en."),
    db: DbOption = None,
) -> None:
    """Aggregates of the latest evaluations: verdicts per criterion, principle scores, the composite
    for Council of Ministers and MP bills apart, and the watchdog indicators WD-01 … WD-07."""
    check_format(fmt)
    lang = L.check_lang(lang)
    who = None
    if initiator is not None:
        regimes = {Regime.of(i) for i in initiator_codes([initiator])}
        if len(regimes) != 1:
            raise UsageError(f"--initiator names one route (com, mp or mixed), got {initiator!r}")
        who = regimes.pop().value
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
    bits = [L.assembly_label(assembly, lang) if assembly is not None else None,
            L.t("submitted_in", lang, y=year) if year else None, L.regime_label(who, lang) if who else None]
    _print(data, L.t("title", lang) + (" — " + ", ".join(b for b in bits if b) if any(bits) else ""), lang)
    for key, group in (data.get("by_" + by) or {}).items() if by else ():
        if by == "assembly" and key.isdigit():
            name = L.assembly_label(int(key), lang)
        elif by == "initiator":
            name = L.regime_label(key, lang)
        else:
            name = key
        _print(group, name, lang)


def register(app: typer.Typer) -> None:
    app.command("summary")(summary_cmd)
