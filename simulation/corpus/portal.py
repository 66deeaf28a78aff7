"""What strategy.bg's answers share, for the replay folders of simulation.corpus.strategy and
simulation.corpus.pris: the portal's address, the page size of its API lists, how an answer is
written (compact UTF-8 JSON, and a `.meta.json` with a status or headers for the replay server),
and how its reports are framed (strategy.bg's bare array or data.egov.bg's wrapper)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core import strategy as SV

PORTAL = SV.PUBLIC_SITE
LIST_LIMIT = 100


def dump_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_meta(path: Path, meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_name(path.name + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")


def report_frame(shape: str) -> tuple[str, str]:
    """The text before the legend and after the last row: strategy.bg's bare array, or
    data.egov.bg's wrapper."""
    if shape == "bare":
        return "[", "]"
    if shape == "wrapped":
        return '{"success":true,"data":[', "]}"
    raise ValueError(f"report shape {shape!r} is neither 'bare' nor 'wrapped'")
