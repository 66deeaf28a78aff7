"""The HTML edition: one self-contained page (inline CSS and SVG charts, no script, no external file),
entirely in one language. The PDF edition is this page printed by Chromium."""
from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from monitor.reports import labels as L
from monitor.reports.model import Report
from monitor.reports.figures import figures
from monitor.reports.publication import ROUTES
from monitor.review.urls import safe_url

RANKING_SHOWN = 20
BILL = (("законопроект", "законопроекта"), ("bill", "bills"))


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("monitor.reports", "templates"),
        autoescape=True,  # titles and URLs are scraped text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def criterion_name(cid: str, lang: str) -> str:
    from criteria.criterion import REGISTRY

    c = REGISTRY.get(cid)
    return (c.name_en if lang == "en" else c.name_bg) if c else cid


def executive_points(report: Report, lang: str) -> list[str]:
    """The executive summary: the headline figures in sentences of the edition's language."""
    a = report.analysis
    tot, cmp_ = a["totals"], a["comparison"]
    com, mps = cmp_[ROUTES[0]], cmp_[ROUTES[1]]
    n = lambda k, pair: L.plural(k, pair[0], pair[1], lang)  # noqa: E731
    pct = lambda v: L.percent(v, lang)  # noqa: E731
    num = lambda v: L.number(v, lang, 0 if v is None or float(v).is_integer() else 1)  # noqa: E731
    out = []
    kinds = ", ".join(f"{v} – {L.exclusion_label(k, lang)}" for k, v in tot["excluded_by_kind"].items())
    if lang == "bg":
        # "Label: figure" sentences: the figure may be 1, and a verb would have to agree with it.
        out.append(f"Оценени законопроекти: {tot['assessed']} ({com['bills']} на Министерския съвет и {mps['bills']} на "
                   f"народни представители)."
                   + (f" Извън обобщенията: {n(tot['excluded'], BILL)} ({kinds})." if tot["excluded"] else ""))
        out.append(f"Обществена консултация на strategy.bg е проведена за {pct(com['consulted_share'])} от законопроектите "
                   f"на Министерския съвет (медиана на срока {num(com['median_consultation_days'])} дни). За законопроектите "
                   f"на народни представители консултация не се изисква; проведена е при {mps['counts']['consulted']} "
                   f"от {mps['bills']}.")
        out.append(f"С предварителна оценка на въздействието са внесени {pct(com['impact_assessment_share'])} от "
                   f"законопроектите на Министерския съвет и {pct(mps['impact_assessment_share'])} от тези на народни "
                   f"представители.")
        out.append(f"Медианно време от внасянето до приемането: {num(com['median_days_in_parliament'])} дни при Министерския "
                   f"съвет и {num(mps['median_days_in_parliament'])} дни при народните представители; от първо до второ "
                   f"гласуване – {num(com['median_days_first_to_second_reading'])} и "
                   f"{num(mps['median_days_first_to_second_reading'])} дни. И двете гласувания в едно заседание: "
                   f"{pct(com['one_sitting_share'])} и {pct(mps['one_sitting_share'])} от приетите.")
    else:
        out.append(f"Bills assessed: {tot['assessed']} ({com['bills']} of the Council of Ministers and {mps['bills']} "
                   f"of Members of Parliament)."
                   + (f" Left out of the aggregates: {n(tot['excluded'], BILL)} ({kinds})." if tot["excluded"] else ""))
        out.append(f"{pct(com['consulted_share'])} of the Council of Ministers' bills were publicly consulted on strategy.bg "
                   f"(median period {num(com['median_consultation_days'])} days). MPs' bills are not required to be "
                   f"consulted; {mps['counts']['consulted']} of {mps['bills']} were.")
        out.append(f"{pct(com['impact_assessment_share'])} of the Council of Ministers' bills and "
                   f"{pct(mps['impact_assessment_share'])} of the MPs' bills came with a preliminary impact assessment.")
        out.append(f"Median time from submission to adoption: {num(com['median_days_in_parliament'])} days for the Council "
                   f"of Ministers and {num(mps['median_days_in_parliament'])} days for MPs; first to second reading "
                   f"{num(com['median_days_first_to_second_reading'])} and {num(mps['median_days_first_to_second_reading'])} "
                   f"days. Both votes at one sitting: {pct(com['one_sitting_share'])} and {pct(mps['one_sitting_share'])} "
                   f"of the adopted bills.")
    causes = list(a["root_cause_counts"].items())[:3]
    if causes:
        listed = "; ".join(f"„{criterion_name(c, lang)}“ ({n(k, BILL)})" if lang == "bg"
                           else f"\"{criterion_name(c, lang)}\" ({n(k, BILL)})" for c, k in causes)
        out.append(("Най-честите първопричини: " if lang == "bg" else "The most frequent root causes: ") + listed + ".")
    unreviewed = sum(1 for item in a["ranking"] if any(c["unreviewed_link"] for c in item["root_causes"]))
    if lang == "bg":
        out.append(f"Законопроекти с поне една първопричина: {tot['with_root_causes']}."
                   + (f" При {n(unreviewed, BILL)} част от констатациите стъпват на връзка с консултация или с решение "
                      f"на Министерския съвет, която екипът още не е проверил; те са отбелязани." if unreviewed else ""))
        if tot["lapsed"]:
            out.append(f"Отпаднали с края на мандата на Народното събрание: {n(tot['lapsed'], BILL)}; не се отчитат "
                       f"като законопроекти в застой.")
    else:
        out.append(f"Bills with at least one root cause: {tot['with_root_causes']}."
                   + (f" For {n(unreviewed, BILL)} some findings rest on a link to a consultation or a Council of "
                      f"Ministers decision that staff have not yet reviewed; they are marked." if unreviewed else ""))
        if tot["lapsed"]:
            out.append(f"Lapsed with the end of the National Assembly's term: {n(tot['lapsed'], BILL)}; not counted "
                       f"as stalled.")
    return out


def comparison_rows(report: Report, lang: str) -> list[dict[str, Any]]:
    """The comparison table: one row per measure, one cell per route, with "not required" spelled out."""
    cmp_ = report.analysis["comparison"]
    out = []
    for key, pair in L.MEASURES.items():
        cells = []
        for g, c in cmp_.items():
            v = c.get(key)
            if key in c["not_required"]:
                extra = ""
                if key == "consulted_share" and c["bills"]:
                    extra = (f" (проведена при {c['counts']['consulted']} от {c['bills']})" if lang == "bg"
                             else f" ({c['counts']['consulted']} of {c['bills']} were)")
                cells.append({"text": L.t("not_required", lang) + extra, "muted": True})
            elif key.endswith("_share"):
                counts = {"consulted_share": (c["counts"]["consulted"], c["bills"]),
                          "impact_assessment_share": tuple(c["counts"]["impact_assessment"]),
                          "one_sitting_share": tuple(c["counts"]["one_sitting"]),
                          "adopted_share": (c["adopted"], c["bills"])}[key]
                cells.append({"text": "—" if v is None else f"{L.percent(v, lang)} ({L.t('share_of', lang, num=counts[0], den=counts[1])})",
                              "muted": v is None})
            else:
                digits = 2 if key == "mean_root_score" else (0 if v is None or float(v).is_integer() else 1)
                cells.append({"text": L.number(v, lang, digits), "muted": v is None})
        out.append({"label": L.pick(pair, lang), "cells": cells})
    return out


def render_html(report: Report, lang: str = "bg") -> str:
    a = report.analysis
    return _env().get_template("report.html").render(
        lang=lang, report=report, a=a, L=L, t=lambda k, **kw: L.t(k, lang, **kw),
        title=L.t("title", lang), scope=L.describe_filters(report.filters, lang),
        generated=L.date(report.generated_at, lang),
        points=executive_points(report, lang),
        routes=list(a["comparison"]),
        comparison=comparison_rows(report, lang),
        figures=figures(report, lang),
        ranking=a["ranking"][:RANKING_SHOWN],
        criterion_name=lambda c: criterion_name(c, lang),
        initiator=lambda c: L.initiator_label(c, lang),
        status=lambda c: L.status_label(c, lang),
        verdict=lambda v: L.verdict_label(v, lang),
        pct=lambda v: L.percent(v, lang),
        num=lambda v, d=0: L.number(v, lang, d if v is None or not float(v).is_integer() else 0),
        assembly=lambda n: L.assembly_label(int(n), lang),
        confidence_meaning=[(k, L.pick(v, lang)) for k, v in L.CONFIDENCE_MEANING.items()],
        caveats=[L.pick(c, lang) for c in L.CAVEATS],
        measure=lambda k: L.pick(L.MEASURES[k], lang),
        thresholds=lambda th: [x for x in (L.setting_text(k, v, lang) for k, v in th.items()) if x],
        applies=lambda x: L.routes_text(x, lang),
        days=lambda n: L.plural(n, *L.DAY, lang),
    )
