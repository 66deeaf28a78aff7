"""Render a generated world's ПРИС decisions (simulation.corpus.model.WorldDecision) as
strategy.bg's ПРИС answers, for the replay server and the pris spider: `/api/pris?…` (list
pages), `/api/pris/{id}` (the detail, or a 404 for an act listed without one) and
`/reports/pris/standard/view` (the standard report, bare or wrapped)."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from simulation.corpus.model import WorldDecision
from simulation.corpus.portal import LIST_LIMIT, dump_json, report_frame, write_meta
from simulation.corpus.vocab import MINISTRIES
from simulation.replay import path_for

PRIS_LEGEND = {
    "pris_id": "ID", "doc_num": "Номер на документ", "doc_accepted_date": "Дата на издаване", "doc_about": "Относно",
    "legal_act_type": "Вид акт", "legal_reason": "Правно основание", "importer": "Вносител", "institutions": "Институции",
    "version": "Версия", "protocol": "Протокол", "public_consultation_number": "Обществена консултация",
    "state_gazette_number": "ДВ. (номер)", "state_gazette_year": "ДВ. (година)", "active": "Статус",
    "date_published_at": "Дата на публикуване", "date_updated_at": "Актуализирано на", "date_deleted_at": "Изтрит на",
    "tags": "Термини", "related": "Свързани документи",
}  # fmt: skip


def pris_row(d: WorldDecision) -> dict[str, Any]:
    """A decision approving a bill, like 170627 of the real ПРИС report."""
    return {
        "pris_id": d.id,
        "doc_num": d.doc_num,
        "doc_accepted_date": d.date.isoformat(),
        "doc_about": f"&lt;p&gt;ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / {html.escape(d.bill_title, quote=False)} /&lt;/p&gt;",
        "legal_act_type": "Решения",
        "legal_reason": "&lt;p&gt;чл. 87, ал. 1 от Конституцията на Република България&lt;/p&gt;",
        "importer": d.importer or MINISTRIES[d.ministry][1],
        "institutions": None,
        "version": None,
        "protocol": f"Протокол №{d.protocol} на Министерския съвет от {d.date.year}",
        "public_consultation_number": d.consultation_reg_num,
        "state_gazette_number": d.dv_number,
        "state_gazette_year": str(d.dv_year) if d.dv_year else None,
        "active": True,
        "date_published_at": (d.date + dt.timedelta(days=2)).isoformat(),
        "date_deleted_at": None,
        "tags": ["законопроекти"],
        "related": None,
    }


def pris_list_row(d: WorldDecision) -> dict[str, Any]:
    row = pris_row(d)
    return {k: row[k] for k in ("pris_id", "doc_num", "doc_accepted_date", "doc_about")} | {"legal_act_type": 2, "tags": row["tags"]}


def write_pris_list(root: Path, decisions: list[WorldDecision], *, since: dt.date | None = None, limit: int = LIST_LIMIT) -> int:
    rows = [pris_list_row(d) for d in sorted(decisions, key=lambda d: d.id) if since is None or d.date >= since.replace(day=1)]
    pages = [rows[i : i + limit] for i in range(0, len(rows), limit)] or [[]]
    if len(pages[-1]) == limit:
        pages.append([])
    for i, page in enumerate(pages):
        query: dict[str, Any] = {"limit": limit, "offset": i * limit}
        if since is not None:
            query["date-after"] = since.isoformat()
        dump_json(path_for(root, "/api/pris", urlencode(query)), page)
    return len(pages)


def write_pris_report(path: Path, decisions: Iterable[WorldDecision], *, shape: str = "bare") -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [pris_row(d) for d in sorted(decisions, key=lambda d: -d.id)]
    report_frame(shape)
    dump_json(path, [PRIS_LEGEND, *rows] if shape == "bare" else {"success": True, "data": [PRIS_LEGEND, *rows]})
    return len(rows)


def write_pris(root: Path, decisions: list[WorldDecision], *, since: Iterable[dt.date | None] = (None,),
               shape: str = "bare", detail_missing: Iterable[int] = ()) -> int:
    """Details, list pages (one set per `since` filter) and the report. Returns the list pages written."""
    missing_detail = set(detail_missing)
    for d in decisions:
        detail_path = path_for(root, f"/api/pris/{d.id}")
        if d.id in missing_detail:
            # Listed (last_version = 1) but no detail (asap_last_version = 1): the API's error answer.
            dump_json(detail_path, {"error": "Not found"})
            write_meta(detail_path, {"status": 404})
            continue
        dump_json(detail_path, pris_row(d))
    pris_pages = sum(write_pris_list(root, decisions, since=s) for s in since)
    write_pris_report(path_for(root, "/reports/pris/standard/view"), decisions, shape=shape)
    return pris_pages
