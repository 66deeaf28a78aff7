"""The PDF report, drawn with fpdf2 (pure Python).

Why not WeasyPrint or headless Chromium: both need system packages (pango; the chromium
package and its download) that a fresh machine or CI lacks unless the project installs them.
fpdf2 with an embedded Cyrillic TTF (font-roboto, from PyPI) needs nothing beyond pip, draws
the same SVG charts as the HTML report, and embeds the font so the file reads anywhere.
"""
from __future__ import annotations

import io
import re
from typing import IO

from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode, XPos, YPos

from criteria.criterion import COMPOSITES
from core.errors import LexwatchError
from monitor.reports import aggregate as agg_mod
from monitor.reports.data import VERDICTS, Report
from monitor.reports.figures import figures
from monitor.reports.html import CAVEATS
from monitor.reports.labels import composite_label, principle_label, regime_label

FONT = "Roboto"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_INITIATOR_SHORT = {"council_of_ministers": "МС", "mps": "НП", "committee": "комисия", "mixed": "смесен",
                    "unknown": "?"}
_VERDICT_RGB = {"PASS": (215, 240, 220), "WARN": (251, 238, 194), "FAIL": (246, 207, 207)}


def _clean(value: object, limit: int | None = None) -> str:
    text = _CONTROL.sub(" ", "" if value is None else str(value))
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _fonts() -> tuple[str, str]:
    try:
        import font_roboto
    except ImportError as exc:
        raise LexwatchError("the PDF report needs the font-roboto package (pip install font-roboto)") from exc
    return font_roboto.font_files["Roboto"], font_roboto.font_files["RobotoBold"]


class _Pdf(FPDF):
    def __init__(self, subtitle: str):
        super().__init__(orientation="landscape", format="A4")
        self.subtitle = subtitle
        regular, bold = _fonts()
        self.add_font(FONT, "", regular)
        self.add_font(FONT, "B", bold)
        self.set_auto_page_break(auto=True, margin=14)
        self.set_margins(12, 12, 12)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, size=8)
        self.set_text_color(110, 116, 131)
        self.cell(0, 5, f"lexwatch · {self.subtitle} · {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _heading(pdf: FPDF, text: str) -> None:
    if pdf.get_y() > pdf.h - 40:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)


def _table(pdf: FPDF, header: list[str], rows: list[list[str]], widths: tuple[float, ...],
           verdict_cols: frozenset[int] = frozenset()) -> None:
    pdf.set_font(FONT, size=8)
    headings = FontFace(emphasis="BOLD", fill_color=(238, 240, 244))
    with pdf.table(col_widths=widths, headings_style=headings, line_height=4.2, text_align="LEFT",
                   cell_fill_mode=TableCellFillMode.NONE, padding=1) as table:
        table.row(header)
        for rec in rows:
            row = table.row()
            for i, value in enumerate(rec):
                rgb = _VERDICT_RGB.get(value) if i in verdict_cols else None
                row.cell(value, style=FontFace(fill_color=rgb) if rgb else None)


def write_pdf(report: Report, out: IO[bytes]) -> None:
    agg = report.aggregates
    pdf = _Pdf(report.filters.describe())
    pdf.set_title("lexwatch: оценка на законодателния процес")
    pdf.set_creator("lexwatch")
    pdf.add_page()
    pdf.set_font(FONT, "B", 17)
    pdf.cell(0, 10, "Оценка на законодателния процес", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)
    pdf.set_text_color(110, 116, 131)
    pdf.cell(0, 5, f"{report.filters.describe()} · генериран {report.generated_at:%d.%m.%Y %H:%M} UTC",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)

    _heading(pdf, "Обобщение (summary)")
    _table(
        pdf,
        ["Вносител", "Инициативи", "Оценени", *VERDICTS],
        [[regime_label(g), str(agg["initiatives"][g]), str(agg["evaluated"][g]),
          *(str(agg_mod.verdict_totals(agg, g)[v]) for v in VERDICTS)] for g in agg["groups"]],
        (3, 1.2, 1.2, 1, 1, 1, 1, 1),
    )
    excluded = agg["all"].get("portfolio_excluded") or {}
    if excluded.get("count"):
        pdf.set_font(FONT, size=8)
        pdf.multi_cell(0, 4, f"Извън обобщенията: {excluded['count']} законопроекта ({excluded.get('note', '')}).",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    _heading(pdf, "Уговорки (caveats)")
    for bg, en in CAVEATS:
        pdf.multi_cell(0, 4.5, f"• {bg} ({en})", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    for fig in figures(report, font=FONT, tooltips=False):
        svg = str(fig.svg).encode("utf-8")
        aspect = _svg_aspect(svg)
        width = min(pdf.epw, 230)
        room = pdf.h - pdf.t_margin - pdf.b_margin - 16  # a chart taller than a page is scaled down to fit one
        if width * aspect > room:
            width = room / aspect
        height = width * aspect
        if pdf.get_y() + height + 10 > pdf.h - pdf.b_margin:
            pdf.add_page()
        pdf.ln(3)
        pdf.image(io.BytesIO(svg), w=width)
        pdf.set_font(FONT, size=8)
        pdf.multi_cell(0, 4, fig.caption, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    regimes = [g for g in agg["groups"] if g != agg_mod.ALL]
    comps = [c for c in COMPOSITES if any(agg_mod.composite_mean(agg, g, c)["n"] for g in regimes)]
    if comps:
        _heading(pdf, "Съставни показатели (composites, mean 0–1 by initiator)")
        _table(pdf, ["", *(regime_label(g) for g in regimes)],
               [[composite_label(c), *(_fmt(agg_mod.composite_mean(agg, g, c)) for g in regimes)] for c in comps],
               (3, *([1.4] * len(regimes))))
    if report.principle_keys:
        _heading(pdf, "Принципи по чл. 26, ал. 1 ЗНА (mean)")
        _table(pdf, ["", *(regime_label(g) for g in agg["groups"])],
               [[principle_label(k), *(_fmt(agg_mod.principle_mean(agg, g, k)) for g in agg["groups"])]
                for k in report.principle_keys],
               (3, *([1.4] * len(agg["groups"]))))
    watchdog = agg_mod.watchdog_rows(agg)
    if watchdog:
        _heading(pdf, "Показатели за наблюдение (watchdog indicators)")
        _table(pdf, ["Показател", "Мярка", "Стойност", "Брой"],
               [[f"{w['indicator']} {w['label']}" if w["first"] else "", w["measure"],
                 ("—" if w["value"] is None else f"{w['value']:.0%}") if w["share"] else _clean("—" if w["value"] is None else w["value"]),
                 f"{w['numerator']} / {w['denominator']}" if w["share"] else ""] for w in watchdog],
               (4, 3, 1, 1))

    _heading(pdf, "Инициативи (initiatives)")
    _table(
        pdf,
        ["Сигнатура", "Наименование", "Вносител", "Внесен", "PASS", "WARN", "FAIL", "N_A", "UNKNOWN"],
        [[_clean(r.signature), _clean(r.title, 300), _INITIATOR_SHORT.get(r.initiator, _clean(r.initiator)),
          r.submitted_on.strftime("%d.%m.%Y") if r.submitted_on else "—",
          *(str(r.verdict_counts()[v]) for v in VERDICTS)] for r in report.rows],
        (1.6, 8, 0.9, 1.3, 0.8, 0.8, 0.8, 0.8, 1),
    )

    problems = [f for f in report.findings if f.verdict in ("FAIL", "WARN")]
    if problems:
        _heading(pdf, "Нарушения и предупреждения (FAIL and WARN findings)")
        _table(
            pdf,
            ["Сигнатура", "Критерий", "Резултат", "Обяснение"],
            [[_clean(f.signature), _clean(f.criterion_id), f.verdict, _clean(f.explanation_bg, 600)] for f in problems],
            (1.4, 1.1, 1, 9),
            frozenset({2}),
        )
    out.write(bytes(pdf.output()))


def _svg_aspect(svg: bytes) -> float:
    m = re.search(rb'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    return float(m.group(2)) / float(m.group(1)) if m else 0.5


def _fmt(m: dict) -> str:
    return "—" if m["mean"] is None else f"{m['mean']:.2f} (n={m['n']})"
