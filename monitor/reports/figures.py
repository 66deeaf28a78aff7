"""The publication's charts, from its analysis, in the edition's language (axes labelled)."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from monitor.reports.charts import SERIES_COLORS, Series, grouped_bars, stacked_bars
from monitor.reports.model import Report
from monitor.reports.labels import MEASURES, initiator_label, percent, pick, t

ROUTE_MEASURES = ("consulted_share", "impact_assessment_share", "one_sitting_share", "adopted_share")
TIME_MEASURES = ("median_committee_days", "median_days_submission_to_first_reading",
                 "median_proposals_window_days", "median_days_first_to_second_reading", "median_days_in_parliament")
TOP_CAUSES = 10


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    caption: str
    svg: Markup


def _colors(initiators: list[str]) -> dict[str, str]:
    return {g: SERIES_COLORS[i % len(SERIES_COLORS)] for i, g in enumerate(initiators)}


def figures(report: Report, lang: str = "bg", *, font: str = "DejaVu Sans, sans-serif", tooltips: bool = True) -> list[Figure]:
    from criteria.criterion import REGISTRY

    a = report.analysis
    comparison = {k: v for k, v in a["comparison"].items() if v["bills"]}
    routes = list(comparison)
    colors = _colors(list(a["comparison"]))
    nd = t("not_required", lang)
    out: list[Figure] = []

    title = t("fig_route", lang)
    out.append(Figure("route", title, (
        "Дял на законопроектите на всеки вносител. „Не се изисква“: изискването не се прилага за този път на внасяне."
        if lang == "bg" else
        "Share of each initiator's bills. \"Not required\": the requirement does not apply to that route."),
        grouped_bars(title, [pick(MEASURES[m], lang) for m in ROUTE_MEASURES],
                     [Series(initiator_label(g, lang), colors[g], [comparison[g][m] for m in ROUTE_MEASURES])
                      for g in routes],
                     max_value=1.0, value_format=lambda v: percent(v, lang), axis=t("axis_share", lang),
                     tooltips=tooltips, font=font, no_data=nd, desc=title)))

    title = t("fig_time", lang)
    out.append(Figure("time", title, (
        "Медиана на дните за всеки етап; приетите законопроекти за времето до приемането."
        if lang == "bg" else "Median days of each stretch; adopted bills for the time to adoption."),
        grouped_bars(title, [pick(MEASURES[m], lang).split(",")[0] for m in TIME_MEASURES],
                     [Series(initiator_label(g, lang), colors[g], [comparison[g][m] for m in TIME_MEASURES])
                      for g in routes],
                     value_format="{:.0f}", axis=t("axis_days", lang),
                     tooltips=tooltips, font=font, no_data=t("no_data", lang), desc=title)))

    years = a["trends"]["by_year"]
    if years:
        title = t("fig_years", lang)
        out.append(Figure("years", title, (
            "Брой законопроекти по година на внасяне и вносител." if lang == "bg"
            else "Number of bills by year of submission and initiator."),
            stacked_bars(title, list(years),
                         [Series(initiator_label(g, lang), colors.get(g, SERIES_COLORS[-1]),
                                 [years[y]["by_initiator"].get(g, 0) for y in years]) for g in a["comparison"]],
                         axis=t("axis_bills", lang), tooltips=tooltips, font=font, no_data=t("no_data", lang),
                         desc=title)))

    causes = list(a["root_cause_counts"].items())[:TOP_CAUSES]
    if causes:
        title = t("fig_causes", lang)
        names = [f"{cid} " + (getattr(REGISTRY.get(cid), "name_en" if lang == "en" else "name_bg", "") or "")
                 for cid, _ in causes]
        out.append(Figure("causes", title, (
            "Брой законопроекти, при които критерият е първопричина (нарушение или предупреждение)."
            if lang == "bg" else "Number of bills where the criterion is a root cause (failure or warning)."),
            grouped_bars(title, names, [Series(t("bills", lang), SERIES_COLORS[4], [n for _, n in causes])],
                         value_format="{:.0f}", axis=t("axis_bills", lang), tooltips=tooltips, font=font,
                         no_data=t("no_data", lang), desc=title)))
    return out
