"""The report's charts, from its aggregates (the same figures for the HTML and the PDF report)."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from criteria.criterion import COMPOSITES
from criteria.principles import Principle
from monitor.reports.aggregate import ALL, composite_mean, of_group, principle_mean, verdict_counts
from monitor.reports.charts import SERIES_COLORS, VERDICT_COLORS, Series, grouped_bars, stacked_bars
from monitor.reports.data import VERDICTS, Report
from monitor.reports.labels import regime_label

COMPOSITE_SHORT = {"stakeholder_engagement": "SE (участие)", "impact_assessment": "RIA (въздействие)",
                   "ex_post": "ex post", "parliamentary": "парламент"}


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    caption: str
    svg: Markup


def _principle_short(key: str) -> str:
    try:
        return Principle.from_key(key).bg
    except KeyError:
        return key


def figures(report: Report, *, font: str = "sans-serif", tooltips: bool = True) -> list[Figure]:
    agg = report.aggregates
    groups = [g for g in agg["groups"] if g != ALL and of_group(agg, g) is not None]
    colors = {g: SERIES_COLORS[i % len(SERIES_COLORS)] for i, g in enumerate(groups)}
    out: list[Figure] = []

    title = "Резултати по критерий (verdicts per criterion)"
    out.append(Figure(
        "verdicts", title,
        "Брой инициативи с всеки резултат по критерий (последната оценка на всяка инициатива).",
        stacked_bars(
            title, report.criteria,
            [Series(v, VERDICT_COLORS[v], [verdict_counts(agg, ALL, c).get(v, 0) for c in report.criteria])
             for v in VERDICTS],
            tooltips=tooltips, font=font, desc="Stacked counts of PASS/WARN/FAIL/N_A/UNKNOWN per criterion",
        ),
    ))

    comps = [c for c in COMPOSITES if any(composite_mean(agg, g, c)["n"] for g in groups)]
    if comps:
        title = "Съставни показатели по вносител (iREG-shaped composites, CoM vs MP)"
        out.append(Figure(
            "composite", title,
            "Среден резултат на съставния показател (средно на четирите категории, 0–1), отделно за МС и НП. "
            "Сравним с OECD iREG по структура, не по стойност.",
            grouped_bars(
                title, [COMPOSITE_SHORT.get(c, c) for c in comps],
                [Series(regime_label(g), colors[g], [composite_mean(agg, g, c)["mean"] for c in comps]) for g in groups],
                max_value=1.0, tooltips=tooltips, font=font, desc="Mean composite scores per initiator",
            ),
        ))

    keys = [k for k in report.principle_keys if any(principle_mean(agg, g, k)["n"] for g in groups)]
    if keys:
        title = "Принципи по чл. 26, ал. 1 ЗНА по вносител (principles, CoM vs MP)"
        out.append(Figure(
            "principles", title,
            "Среден резултат по принцип (PASS = 1, WARN = 0,5, FAIL = 0; N_A и UNKNOWN не се броят).",
            grouped_bars(
                title, [_principle_short(k) for k in keys],
                [Series(regime_label(g), colors[g], [principle_mean(agg, g, k)["mean"] for k in keys]) for g in groups],
                max_value=1.0, tooltips=tooltips, font=font, desc="Mean principle scores per initiator",
            ),
        ))

    failing = [c for c in report.criteria if any(verdict_counts(agg, g, c).get("FAIL") for g in groups)]
    if failing:
        shares = []
        for g in groups:
            vals: list[float | None] = []
            for c in failing:
                counts = verdict_counts(agg, g, c)
                judged = sum(counts.get(v, 0) for v in ("PASS", "WARN", "FAIL"))
                vals.append(counts.get("FAIL", 0) / judged if judged else None)
            shares.append(Series(regime_label(g), colors[g], vals))
        title = "Дял на FAIL по критерий и вносител (FAIL share, CoM vs MP)"
        out.append(Figure(
            "fail_share", title,
            "FAIL / (PASS + WARN + FAIL) за критериите с поне един FAIL; „—“: критерият не се прилага "
            "за този вносител или няма данни.",
            grouped_bars(
                title, failing, shares, max_value=1.0, value_format="{:.0%}", tooltips=tooltips, font=font,
                desc="Share of FAIL verdicts per criterion and initiator (criteria with at least one FAIL)",
            ),
        ))
    return out
