"""The HTML report: one self-contained page (inline CSS and SVG charts, no script, no external file)."""
from __future__ import annotations

import datetime as dt

from jinja2 import Environment, PackageLoader, StrictUndefined

from criteria.criterion import COMPOSITES
from criteria.summary import CAVEATS as ENGINE_CAVEATS
from monitor.reports import aggregate as agg_mod
from monitor.reports.data import INITIATOR_LABELS, VERDICTS, Report
from monitor.reports.figures import figures
from monitor.reports.labels import composite_label, principle_label, regime_label
from monitor.review.urls import safe_url

# The engine's caveats (criteria.summary.CAVEATS), with a Bulgarian reading for the advocacy audience.
CAVEATS_BG = (
    "OECD iREG измерва системата (изисквания и практика); lexwatch измерва всеки законопроект: "
    "сравнимостта е по структура, не по стойност.",
    "Не сравнявайте с публикуваните стойности на iREG, без да го посочите.",
    "FAIL по правило с непотвърдено основание ([R], [U]) се брои като WARN в съставния показател, докато правилото се провери.",
    "За сравнимост с iREG използвайте само законопроектите на МС за участието на заинтересованите страни и оценката на въздействието.",
)
CAVEATS = list(zip(CAVEATS_BG, ENGINE_CAVEATS, strict=False))


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("monitor.reports", "templates"),
        autoescape=True,  # titles, explanations and URLs are scraped text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["date"] = lambda v: v.strftime("%d.%m.%Y") if isinstance(v, (dt.date, dt.datetime)) else "—"
    env.filters["num"] = lambda v, fmt="{:.2f}": "—" if v is None else fmt.format(v)
    return env


def render_html(report: Report) -> str:
    agg = report.aggregates
    regimes = [g for g in agg["groups"] if g != agg_mod.ALL]
    return _env().get_template("report.html").render(
        report=report,
        agg=agg,
        regimes=regimes,
        composites=[c for c in COMPOSITES if any(agg_mod.composite_mean(agg, g, c)["n"] for g in regimes)],
        excluded=(agg["all"].get("portfolio_excluded") or {}),
        watchdog=agg_mod.watchdog_rows(agg),
        figures=figures(report),
        caveats=CAVEATS,
        verdicts=VERDICTS,
        verdict_css={v: v for v in VERDICTS},
        initiator_labels=INITIATOR_LABELS,
        regime_label=regime_label,
        principle_label=principle_label,
        composite_label=composite_label,
        verdict_totals=agg_mod.verdict_totals,
        principle_mean=agg_mod.principle_mean,
        composite_mean=agg_mod.composite_mean,
        problem_findings=[f for f in report.findings if f.verdict in ("FAIL", "WARN")],
    )
