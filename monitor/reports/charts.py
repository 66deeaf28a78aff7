"""Bar charts as inline SVG, drawn in Python: no JavaScript, no CDN, the same picture in HTML and PDF.

`tooltips=False` leaves out <title>/<desc> (browser tooltips and screen-reader text), which
fpdf2's SVG reader does not know. Every label is escaped here (criterion ids and group names come from the database); the result
is `Markup` only because it was built from escaped parts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

VERDICT_COLORS = {"PASS": "#3a9d5d", "WARN": "#e0a526", "FAIL": "#c8423b", "N_A": "#b8bec8", "UNKNOWN": "#7d8796"}
SERIES_COLORS = ("#23527c", "#d9822b", "#6a9f3b", "#8e5ea2", "#b04a5a", "#4a9fb0")

WIDTH = 900
LABEL_W = 300
RIGHT_PAD = 60
TOP = 46
ROW_H = 22


def _format(fmt, value: float) -> str:
    """A value as the chart shows it: a format string ("{:.0%}") or a function (the edition's own number style)."""
    return fmt(value) if callable(fmt) else fmt.format(value)


@dataclass(frozen=True)
class Series:
    name: str
    color: str
    values: list[float | None]


def _text(x: float, y: float, text: object, *, size: int = 11, anchor: str = "start", weight: str = "normal",
          fill: str = "#1d2430", font: str) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{escape(font)}" font-size="{size}" '
            f'text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">{escape(str(text))}</text>')


def _rect(x: float, y: float, w: float, h: float, fill: str, title: str | None = None) -> str:
    tip = f"<title>{escape(title)}</title>" if title else ""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" fill="{fill}">{tip}</rect>'


def _fit(label: object, width: float = LABEL_W - 12, size: int = 11) -> str:
    """A label cut to the room left of the bars (about 0.55 em per character)."""
    text, room = str(label), int(width / (size * 0.62))  # DejaVu Sans' Cyrillic runs wider than 0.55 em
    return text if len(text) <= room else text[: room - 1] + "…"


def _legend(series: list[tuple[str, str]], y: float, font: str) -> list[str]:
    parts, x = [], float(LABEL_W)
    for name, color in series:
        parts.append(_rect(x, y - 9, 10, 10, color))
        parts.append(_text(x + 14, y, name, size=11, font=font))
        x += 24 + 6.5 * len(name)
    return parts


def nice_top(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^k at or above `value`, so the axis ticks are round numbers."""
    if value <= 0:
        return 1.0
    import math

    base = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 4, 5, 10):  # 4: quarters are whole numbers too
        if value <= m * base:
            return m * base
    return 10 * base


def _axis(y: float, top: float, label: str, value_format: Any, font: str) -> tuple[list[str], float]:
    """The value axis under the bars: a line, ticks with their values, and its label (in the edition's
    language); returns the parts and the height they take."""
    plot_w = WIDTH - LABEL_W - RIGHT_PAD
    ticks = 4 if top <= 1 or float(top / 4).is_integer() else 5
    parts = [f'<line x1="{LABEL_W}" y1="{y:.1f}" x2="{LABEL_W + plot_w}" y2="{y:.1f}" stroke="#6b7483" stroke-width="1"/>']
    for i in range(ticks + 1):
        x = LABEL_W + plot_w * i / ticks
        parts.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + 4:.1f}" stroke="#6b7483" stroke-width="1"/>')
        parts.append(_text(x, y + 15, _format(value_format, top * i / ticks), size=9, anchor="middle", fill="#555", font=font))
    parts.append(_text(LABEL_W + plot_w / 2, y + 31, label, size=11, anchor="middle", font=font))
    return parts, 38


def _frame(height: float, title: str, body: list[str], font: str, desc: str, tooltips: bool) -> Markup:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-label="{escape(title)}">'
        + (f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>" if tooltips else "")
        + f'<rect x="0" y="0" width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>'
        + _text(8, 18, title, size=14, weight="bold", font=font)
        + "".join(body)
        + "</svg>"
    )
    return Markup(svg)


def stacked_bars(title: str, categories: list[str], series: list[Series], *, font: str = "sans-serif",
                 desc: str = "", tooltips: bool = True, axis: str | None = None, category_axis: str | None = None,
                 no_data: str = "—") -> Markup:
    """One horizontal bar per category, split by series (e.g. the verdicts of each criterion)."""
    plot_w = WIDTH - LABEL_W - RIGHT_PAD
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    top = nice_top(max(totals, default=0))
    body = _legend([(s.name, s.color) for s in series], 36, font)
    for i, cat in enumerate(categories):
        y = TOP + i * ROW_H
        body.append(_text(LABEL_W - 8, y + 14, _fit(cat), anchor="end", font=font))
        x = float(LABEL_W)
        for s in series:
            v = s.values[i] or 0
            w = plot_w * v / top
            if v:
                body.append(_rect(x, y + 3, w, ROW_H - 6, s.color, f"{cat} {s.name}: {v:g}" if tooltips else None))
            x += w
        body.append(_text(x + 4, y + 14, f"{totals[i]:g}", size=10, fill="#555", font=font))
    if not categories:
        body.append(_text(LABEL_W, TOP + 14, no_data, font=font))
    height = TOP + max(len(categories), 1) * ROW_H + 10
    if category_axis:
        body.append(_text(12, TOP - 4, category_axis, size=10, fill="#555", font=font))
    if axis:
        parts, extra = _axis(height - 4, top, axis, "{:.0f}", font)
        body += parts
        height += extra
    return _frame(height, title, body, font, desc, tooltips)


def grouped_bars(title: str, categories: list[str], series: list[Series], *, max_value: float | None = None,
                 value_format: Any = "{:.2f}", font: str = "sans-serif", desc: str = "",
                 tooltips: bool = True, axis: str | None = None, axis_format: str | None = None,
                 category_axis: str | None = None, no_data: str = "—") -> Markup:
    """One horizontal bar per (category, series) pair: e.g. CoM vs MP per composite."""
    plot_w = WIDTH - LABEL_W - RIGHT_PAD
    values = [v for s in series for v in s.values if v is not None]
    top = max_value if max_value is not None else nice_top(max(values, default=0))
    bar_h = 12.0
    group_h = bar_h * max(len(series), 1) + 10
    body = _legend([(s.name, s.color) for s in series], 36, font)
    for i, cat in enumerate(categories):
        y0 = TOP + i * group_h
        body.append(_text(LABEL_W - 8, y0 + group_h / 2, _fit(cat), anchor="end", font=font))
        for j, s in enumerate(series):
            v = s.values[i]
            y = y0 + j * bar_h
            if v is None:
                body.append(_text(LABEL_W + 2, y + bar_h - 2, no_data, size=9, fill="#888", font=font))
                continue
            w = plot_w * min(v, top) / top if top else 0
            body.append(_rect(LABEL_W, y + 1, w, bar_h - 2, s.color,
                              f"{cat} {s.name}: {_format(value_format, v)}" if tooltips else None))
            body.append(_text(LABEL_W + w + 4, y + bar_h - 2, _format(value_format, v), size=9, fill="#555", font=font))
    if not categories:
        body.append(_text(LABEL_W, TOP + 14, no_data, font=font))
    height = TOP + max(len(categories), 1) * group_h + 10
    if category_axis:
        body.append(_text(12, TOP - 4, category_axis, size=10, fill="#555", font=font))
    if axis:
        parts, extra = _axis(height - 4, top, axis, axis_format or value_format, font)
        body += parts
        height += extra
    return _frame(height, title, body, font, desc, tooltips)
