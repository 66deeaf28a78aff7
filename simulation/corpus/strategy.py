"""Render a generated world (simulation.corpus.world) as strategy.bg answers, for the replay server.

Files go under the real URL paths (simulation.replay.path_for), shaped like the real answers:

- `/api/consultations?limit=&offset=[&date-open-after=]`: JSON arrays in no particular order
  (the portal's SQL has no ORDER BY), with one row repeated across pages;
- `/api/consultations/{id}`: the detail object (keys as in PublicConsultationsController::show);
- `/bg/public-consultations/{id}`: the HTML page (layout inferred from the Blade templates),
  written for the ids passed as `html_ids`; for those the API detail answers a 500 or the
  HTML shell, so spiders must fall back;
- `/public-consultation.rss`: Atom, the 100 newest;
- `/reports/public-consultations/full/view`: the bare array `[legend, rows…]` strategy.bg itself
  answers (asapbg/strategy `ReportsController`, research notes §1.3), or with `report_shape=
  "wrapped"` data.egov.bg's `{"success":true,"data":[legend, rows…]}`; a consultation repeated
  (like 12367-K in the real report);
- `/api/pris?…`, `/api/pris/{id}`, `/reports/pris/standard/view`: the ПРИС decisions, rendered
  by simulation.corpus.pris (write_world writes them with the rest).

Comment authors and contact e-mails are written like the real answers carry them, so tests
can check they never reach the database. `write_large_report` writes a big full report
(≥ 60 MB) row by row for the streaming test and the benchmark.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from core import strategy as SV
from simulation.corpus.vocab import FIRST_NAMES, MINISTRIES, SURNAMES
from simulation.corpus.model import World, WorldConsultation
from simulation.corpus.portal import LIST_LIMIT, PORTAL, dump_json, report_frame, write_meta
from simulation.corpus.pris import write_pris
from simulation.replay import path_for

FEED_SIZE = 100

# The legend row of the real full report (data-egov-bg_b600c109_pc-full.json).
REPORT_LEGEND = {
    "reg_num": "№",
    "consultation_type": "Категория (ниво) обществени консултации|Категории (нивa) обществени консултации",
    "act_type": "Вид акт",
    "date_open": "Дата на откриване",
    "date_close": "Дата на приключване",
    "short_term_reason": "Мотиви за кратък срок",
    "active": "Статус",
    "policy_area": "Област на политика",
    "legislative_program_id": "Законодателна програма",
    "operational_program_id": "Оперативна програма",
    "responsible_institution_id": "Институция(ID)",
    "responsible_institution_name": "Институция(Наименование)",
    "responsible_institution_address": "Институция(Адрес)",
    "proposal_ways": "Начини на предоставяне на предложения и становища",
    "contacts": "Лица за контакт",
    "law_name": "Закон",
    "law_id": "Закон(ID)",
    "pris_id": "Акт на МС(ID)",
    "author_name": "Автор",
    "comments": "Коментари",
    "consultation_document": "Консултационен документ",
}
PROPOSAL_WAYS = (
    "&lt;ul&gt;&lt;li&gt;Портала за обществени консултации (изисква се регистрация чрез имейл);&lt;/li&gt;"
    "&lt;li&gt;Електронна поща на посочените адреси;&lt;/li&gt;&lt;li&gt;Системата за сигурно електронно връчване "
    "https://edelivery.egov.bg/ (изисква се квалифициран електронен подпис или ПИК на НОИ);&lt;/li&gt;"
    "&lt;li&gt;Официалния адрес за кореспонденция.&lt;/li&gt;&lt;/ul&gt;"
)
# Free-text descriptions the page shows for each portal type (old-portal wording, see doctypes).
PAGE_DESCRIPTIONS = {
    SV.DRAFT: "Проект на акт",
    SV.MOTIVES: "Мотиви към проекта",
    SV.REPORT: "Доклад до Министерския съвет",
    SV.IMPACT_ASSESSMENT: "Частична предварителна оценка на въздействието",
    SV.MC_OPINION: "Становище на администрацията на Министерския съвет по частичната оценка на въздействието",
    SV.PROPOSALS_REPORT: "Справка за отразяване на становищата и предложенията",
}


def list_query(limit: int, offset: int, since: dt.date | None = None) -> str:
    """The list's query string, in the order the spider writes it."""
    query: dict[str, Any] = {"limit": limit, "offset": offset}
    if since is not None:
        query["date-open-after"] = since.isoformat()
    return urlencode(query)


# --------------------------------------------------------------------------- rows


def _description(c: WorldConsultation) -> str:
    what = c.title.removeprefix("Проект на ").strip()
    text = (
        f"&lt;p&gt;Проектът на {what[:1].lower() + what[1:]} е изготвен с цел привеждане на уредбата в "
        f"съответствие с &bdquo;Плана за действие&ldquo; на Министерския съвет и с изискванията на правото на "
        f"Европейския съюз.&lt;/p&gt;&lt;p&gt;С него се предвиждат промени в сроковете и процедурите, както и "
        f"намаляване на административната тежест за гражданите и бизнеса.&lt;/p&gt;"
    )
    return text


def _author(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES).title()} {rng.choice(SURNAMES).title()}"


def _files(c: WorldConsultation, migrated: bool = False) -> list[dict[str, Any]]:
    """Files grouped by type; a record migrated from the old portal has untyped files, which
    the API groups under its fallback label „Други“."""
    groups: dict[str, list[dict[str, str]]] = {}
    for doc_type, day, file_id in c.documents:
        key = SV.UNTYPED_LABEL if migrated else doc_type
        groups.setdefault(key, []).append({"date": day.isoformat(), "link": f"{PORTAL}/download/{file_id}"})
    return [{"type": t, "versions": v} for t, v in groups.items()]


def report_row(c: WorldConsultation, migrated: bool = False) -> dict[str, Any]:
    """A row of the full report (column order as in the real file). A `migrated` record looks
    like the real 8481-K: default institution 699 without a name, untyped files."""
    rng = random.Random(c.id)
    inst_id, inst_name, area = MINISTRIES[c.ministry]
    if migrated:
        inst_id, inst_name, area = 699, None, "Архив - " + area[4:]
    return {
        "reg_num": c.reg_num,
        "name": c.title,
        "description": _description(c),
        "consultation_type": SV.LEVELS[1],  # every generated consultation is central (level 1)
        "act_type": c.act_type,
        "date_open": c.date_open.isoformat(),
        "date_close": c.date_close.isoformat(),
        "short_term_reason": c.short_term_reason,
        "active": True,
        "policy_area": area,
        "legislative_program_id": c.legislative_program_id,
        "operational_program_id": None,
        "responsible_institution_id": inst_id,
        "responsible_institution_name": inst_name,
        "responsible_institution_address": "София, бул. „Княз Александър Дондуков“ № 1",
        "proposal_ways": PROPOSAL_WAYS,
        "contacts": [{"name": _author(rng), "email": "kontakt@example.org"}],
        "law_name": c.law if c.act_type_id == SV.ACT_LAW else None,
        "law_id": (1000 + sum(map(ord, c.law)) % 900) if c.law and c.act_type_id == SV.ACT_LAW else None,
        "pris_id": c.pris_id,
        "author_name": None,
        "comments": [
            {"date": when.date().isoformat(), "text": "<p>Предлагам срокът да бъде удължен.</p>", "author_name": _author(rng)}
            for when in c.comments
        ]
        or None,
        "consultation_document": {"file": "", "structure": None},
        "files": _files(c, migrated),
    }


def detail(c: WorldConsultation, migrated: bool = False) -> dict[str, Any]:
    """The API detail (PublicConsultationsController::show column order)."""
    row = report_row(c, migrated)
    open_today = False
    return {
        "id": c.id,
        "name": row["name"],
        "description": row["description"],
        "reg_num": row["reg_num"],
        "act_type_id": c.act_type_id,
        "consultation_type": row["consultation_type"],
        "act_type": row["act_type"],
        "date_open": row["date_open"],
        "date_close": row["date_close"],
        "short_term_reason": row["short_term_reason"],
        "published": True,
        "active": open_today,
        "policy_area_id": int(MINISTRIES[c.ministry][2][:2]),
        "policy_area": row["policy_area"],
        "legislative_program_id": row["legislative_program_id"],
        "operational_program_id": None,
        "responsible_institution_id": row["responsible_institution_id"],
        "responsible_institution_name": row["responsible_institution_name"],
        "responsible_institution_address": row["responsible_institution_address"],
        "proposal_ways": row["proposal_ways"],
        "contacts": row["contacts"],
        "law_name": row["law_name"],
        "law_id": row["law_id"],
        "pris_id": row["pris_id"],
        "author_name": None,
        "comments": row["comments"],
        "consultation_document": row["consultation_document"],
        "files": row["files"],
        "polls": [],
    }


def list_row(c: WorldConsultation) -> dict[str, Any]:
    inst_id, _name, area = MINISTRIES[c.ministry]
    return {
        "id": c.id,
        "name": c.title,
        "description": _description(c),
        "reg_num": c.reg_num,
        "act_type_id": c.act_type_id,
        "level": 1,
        "date_open": c.date_open.isoformat(),
        "date_close": c.date_close.isoformat(),
        "published": 1,
        "legislative_program_id": c.legislative_program_id,
        "operational_program_id": None,
        "active": False,
        "policy_area": int(area[:2]),
        "polls": [],
    }


def spravka_message(c: WorldConsultation, today: dt.date | None) -> tuple[str, dt.date, bool] | None:
    """(text, date, the page shows the date) of the message an institution publishes instead of a
    справка file, or None. Given to closed consultations with no справка file and no comments —
    the case the portal's form is for („съобщение за неполучени предложения“,
    StorePublicConsultationProposalReport). The rate, the delay after closing (3–22 days) and
    whether the page shows the date are inferred: no real page was available."""
    if today is None or c.date_close >= today or c.comments or any(t == SV.PROPOSALS_REPORT for t, _d, _f in c.documents):
        return None
    day = c.date_close + dt.timedelta(days=3 + c.id % 20)
    if day > today:
        return None
    return ("В рамките на обществената консултация не са постъпили предложения и становища.", day, c.id % 2 == 1)


def page_html(c: WorldConsultation, migrated: bool = False, today: dt.date | None = None) -> str:
    """The consultation page, after the Blade templates (inferred layout, see crawlers.strategy.html).
    Files of a `migrated` record are listed as imported ones: „{description} - DD.MM.YYYY“. The
    справка (doc type 8) is listed in its own „Справка …“ block, with the message (`div.px-3.pt-2`)
    an institution may publish instead (`spravka_message`)."""
    e = html.escape
    inst_id, inst_name, area = MINISTRIES[c.ministry]
    dmy = lambda d: d.strftime("%d.%m.%Y")  # noqa: E731
    short = (c.date_close - c.date_open).days <= 29
    version = "" if migrated else f" - {SV.VERSION_SHORT} 1.0 |"
    def items(docs):
        return "".join(
            f'<li class="list-group-item"><a class="main-color text-decoration-none preview-file-modal d-block" '
            f'href="javascript:void(0)" data-file="{fid}" data-url="/file-preview-modal/{fid}">'
            f'<i class="fas fa-file-pdf main-color me-2"></i> {e(PAGE_DESCRIPTIONS.get(t, t))}{version or " -"} {dmy(day)}</a></li>'
            for t, day, fid in docs
        ) or "<p>---</p>"

    docs = items([d for d in c.documents if migrated or d[0] != SV.PROPOSALS_REPORT])
    report_docs = items([d for d in c.documents if not migrated and d[0] == SV.PROPOSALS_REPORT])
    message = spravka_message(c, today) if not migrated else None
    if message is not None:
        text, day, shown = message
        report_docs += f'<div class="px-3 pt-2">{e(text)}{" " + dmy(day) if shown else ""}</div>'
    rng = random.Random(c.id)
    comments = "".join(
        f'<div class="obj-comment comment-background p-2 rounded mb-3"><div class="info"><span class="obj-icon-info me-2">'
        f'<a class="obj-icon-info" href="#">{e(_author(rng))}</a></span>'
        f'<span class="obj-icon-info text-muted">{when.strftime("%d.%m.%Y %H:%M")}</span></div>'
        f'<div class="comment limit-length"><p>Предлагам срокът да бъде удължен.</p></div></div>'
        for when in c.comments
    )
    pris = (
        f'<li class="timeline-item"><h5>Окончателен акт на Министерския съвет</h5><p>{dmy(c.date_close)}</p>'
        f'<p><a href="/bg/pris/legal-information/reseniia/{c.pris_id}">Решение</a></p></li>'
        if c.pris_id
        else ""
    )
    reason = (
        f'<div class="row mb-4 mt-4" id="short-term"><h3 class="mb-3">Мотиви за кратък срок</h3><p> {e(c.short_term_reason or "")} </p></div>'
        if short
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="bg"><head><meta charset="utf-8"><title>{e(c.title)}</title></head><body>
<section id="slider"><div class="page-heading"><h1>{e(c.title)}</h1></div></section>
<div class="container"><div class="row">
<div class="col-lg-10 py-5 right-side-content"><div>
<div class="row">
 <div class="col-md-4 mb-4"><h3 class="mb-2 fs-18">Откриване / Приключване</h3>
  <span class="obj-icon-info fw-bold"><i class="far fa-calendar me-2 main-color" title="Дата на откриване"></i>{dmy(c.date_open)} г. </span>
  <span class="mx-2"> — </span>
  <span class="obj-icon-info fw-bold me-2"><i class="far fa-calendar-check me-2 main-color" title="Дата на приключване"></i>{dmy(c.date_close)} г. </span>
  <span class="inactive-ks">Неактивна</span></div>
 <div class="col-md-4 mb-4"><h3 class="mb-2 fs-18">Номер на консултация</h3>
  <a href="#" class="main-color text-decoration-none"><span class="obj-icon-info"><i class="fas fa-hashtag me-2 main-color" title="Номер на консултация "></i>{c.reg_num}</span></a></div>
 <div class="col-md-4 mb-4"><h3 class="mb-2 fs-18">{SV.AREA_LABELS[0]}</h3>
  <span class="obj-icon-info"><a href="/bg/public-consultations?fieldOfAction={int(area[:2])}" target="_blank">{e(area)}</a></span></div>
</div>
<div class="row">
 <div class="col-md-4 mb-4"><h3 class="mb-2 fs-18">Тип консултация</h3>
  <span class="obj-icon-info"><a class="act-type act-type-{c.act_type_id}" href="/bg/public-consultations?actType={c.act_type_id}" target="_blank">{e(c.act_type)}</a></span></div>
 <div class="col-md-4 mb-4"><h3 class="mb-2 fs-18">Вносител</h3>
  <a class="main-color text-decoration-none" href="/bg/institution-profile/information/{inst_id}" target="_blank"><span class="obj-icon-info">{e(inst_name)}</span></a></div>
 <div class="col-md-4 mb-4"><h3 class="mb-2 fs-18">Тип вносител</h3>
  <a class="institution-level level-central" target="_blank" href="/bg/public-consultations?level=1">Национално</a></div>
</div>
<div class="row mt-4 mb-4"><div class="col-md-12">{html.unescape(_description(c))}</div></div>
<div class="row mb-4 mt-4"><h3 class="mb-3">Отговорна институция</h3><p> <strong>{e(inst_name)} </strong><br> Адрес: София<br> Имейл: <a href="mailto:kontakt@example.org">kontakt@example.org</a></p></div>
<div class="row mb-4 mt-4"><h3 class="mb-3">Контактна информация</h3><p> {e(_author(random.Random(c.id)))}<br> Имейл: <a href="mailto:kontakt@example.org">kontakt@example.org</a></p></div>
{reason}
<div class="row mb-4 mt-4" id="short-term"><h3 class="mb-3">Начини на предоставяне на предложения и становища</h3><div>{html.unescape(PROPOSAL_WAYS)}</div></div>
<div class="row mb-4 mt-4"><h3 class="mb-3">Документи</h3><div class="row table-light"><div class="col-12 mb-2">
 <p class="fs-18 fw-600 main-color-light-bgr p-2 rounded mb-2">{SV.PAGE_BASE_DOCUMENTS}</p>
 <ul class="list-group list-group-flush">{docs}</ul></div>
 <div class="col-12"><p class="fs-18 fw-600 main-color-light-bgr p-2 rounded mb-2">{SV.PAGE_REPORT_DOCUMENTS[0]}</p>
 <ul class="list-group list-group-flush">{report_docs}</ul></div></div></div>
<div class="custom-card py-4 px-3 mb-5"><h3 class="mb-3">Коментари</h3><p class="fw-600">Общо {len(c.comments)} коментар(а)</p>{comments}</div>
</div></div>
<div class="col-lg-2"><div class="hori-timeline"><ul class="timeline events">{pris}</ul></div></div>
</div></div></body></html>"""


def feed_xml(consultations: Iterable[WorldConsultation], updated: dt.datetime) -> str:
    e = html.escape
    entries = []
    for c in consultations:
        _id, inst_name, area = MINISTRIES[c.ministry]
        link = f"{PORTAL}/bg/public-consultations/{c.id}"
        summary = e(f"{area}<br>Срок за коментари: {c.date_close.strftime('%d.%m.%Y')}<br>{inst_name}<br>{c.act_type}")
        stamp = dt.datetime.combine(c.date_open, dt.time(9, 0)).isoformat() + "+02:00"
        entries.append(
            f"<entry><title><![CDATA[{c.title}]]></title><link rel=\"alternate\" href=\"{link}\"/><id>{link}</id>"
            f"<author><name><![CDATA[{inst_name}]]></name></author><summary type=\"html\">{summary}</summary>"
            f"<category type=\"html\" term=\"{SV.LEVELS[1]}\"/><updated>{stamp}</updated></entry>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="bg">'
        f'<id>{PORTAL}/public-consultation.rss</id><link href="{PORTAL}/public-consultation.rss"/>'
        f"<title><![CDATA[[Strategy.bg] Нови консултации]]></title><updated>{updated.isoformat()}+02:00</updated>"
        + "".join(entries)
        + "</feed>"
    )


# --------------------------------------------------------------------------- writers


def write_list(root: Path, consultations: list[WorldConsultation], *, since: dt.date | None = None, limit: int = LIST_LIMIT, seed: int = 7) -> int:
    """List pages for one filter; rows shuffled (no server order) and one row repeated. Returns the page count."""
    rows = [list_row(c) for c in consultations if since is None or c.date_open >= since]
    random.Random(seed).shuffle(rows)
    if len(rows) > limit:  # the same consultation at the end of one page and the start of the next
        rows = rows[:limit] + [rows[limit - 1]] + rows[limit:]
    pages = [rows[i : i + limit] for i in range(0, len(rows), limit)] or [[]]
    if len(pages[-1]) == limit:
        pages.append([])  # a full last page makes the client ask once more and get []
    for i, page in enumerate(pages):
        dump_json(path_for(root, "/api/consultations", list_query(limit, i * limit, since)), page)
    return len(pages)


def write_report(
    path: Path, consultations: Iterable[WorldConsultation], *, repeat: Iterable[int] = (), migrated: Iterable[int] = (), shape: str = "bare"
) -> int:
    """The full report, streamed to `path`; consultations in `repeat` get a second row (one
    file fewer in the first), like 12367-K. Returns the number of data rows."""
    start, end = report_frame(shape)
    repeat, migrated = set(repeat), set(migrated)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(start)
        out.write(json.dumps(REPORT_LEGEND, ensure_ascii=False))
        for c in sorted(consultations, key=lambda c: -c.id):  # created_at desc
            row = report_row(c, c.id in migrated)
            rows = [row]
            if c.id in repeat and row["files"]:
                first = json.loads(json.dumps(row))
                first["files"] = first["files"][:-1] or first["files"]
                rows = [first, row]
            for r in rows:
                out.write(",")
                out.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
                n += 1
        out.write(end)
    return n


def write_consultation(
    root: Path, c: WorldConsultation, *, html_fallback: str | None = None, migrated: bool = False, today: dt.date | None = None
) -> None:
    """Detail (and page). `html_fallback`: None, "shell" (no API file: the replay answers the
    HTML shell) or "500" (the API answers a server error)."""
    api = path_for(root, f"/api/consultations/{c.id}")
    page = path_for(root, f"/bg/public-consultations/{c.id}")
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(page_html(c, migrated, today), encoding="utf-8")
    if html_fallback == "shell":
        api.unlink(missing_ok=True)
        return
    dump_json(api, detail(c, migrated))
    if html_fallback == "500":
        write_meta(api, {"status": 500})


def write_world(
    root: Path,
    world: World,
    *,
    today: dt.date | None = None,
    since: Iterable[dt.date | None] = (None,),
    html_fallback: dict[int, str] | None = None,
    report_repeat: Iterable[int] = (),
    pris_since: Iterable[dt.date | None] = (None,),
    migrated: Iterable[int] = (),
    report_shape: str = "bare",
    pris_detail_missing: Iterable[int] = (),
) -> dict[str, int]:
    """Everything the strategy and pris spiders read. `since` / `pris_since`: the list
    filters to render (None = the unfiltered list). `pris_detail_missing`: ПРИС acts listed whose
    detail answers 404 (the list and the detail filter different version flags). `report_shape`: the reports as strategy.bg
    serves them ("bare") or as data.egov.bg wraps them ("wrapped"). Returns counts."""
    root = Path(root)
    html_fallback = html_fallback or {}
    migrated = set(migrated)
    visible = [c for c in world.consultations if today is None or c.date_open <= today]
    pages = 0
    for s in since:
        pages += write_list(root, visible, since=s)
    for c in visible:
        write_consultation(root, c, html_fallback=html_fallback.get(c.id), migrated=c.id in migrated, today=today)
    newest = sorted(visible, key=lambda c: -c.id)[:FEED_SIZE]
    feed_path = path_for(root, "/public-consultation.rss")
    feed_path.parent.mkdir(parents=True, exist_ok=True)
    feed_path.write_text(feed_xml(newest, dt.datetime.combine(today or dt.date(2026, 11, 20), dt.time(6, 0))), encoding="utf-8")
    rows = write_report(path_for(root, "/reports/public-consultations/full/view"), visible, repeat=report_repeat, migrated=migrated, shape=report_shape)
    decisions = [d for d in world.decisions if today is None or d.date <= today]
    pris_pages = write_pris(root, decisions, since=pris_since, shape=report_shape, detail_missing=pris_detail_missing)
    return {"consultations": len(visible), "list_pages": pages, "report_rows": rows, "decisions": len(decisions), "pris_pages": pris_pages}


# --------------------------------------------------------------------------- a large report


def _large_rows(world: World, copies: int) -> Iterator[dict[str, Any]]:
    """Rows of realistic size (~30 KB, like the real 303 MB / 10 151 rows): the world's
    consultations, each repeated `copies` times under new ids, with long descriptions,
    many file versions and comments."""
    filler = (
        "&lt;p&gt;С проекта се предлагат промени, свързани с прилагането на регламентите на Европейския съюз, "
        "прецизиране на правомощията на контролните органи и въвеждане на електронни административни услуги "
        "по принципа &bdquo;епизод от живота&ldquo;.&lt;/p&gt;"
    )
    next_id = 500000
    for k in range(copies):
        for c in world.consultations:
            next_id += 1
            row = report_row(c)
            row["reg_num"] = SV.reg_num_for(next_id)
            row["description"] = row["description"] + filler * 40
            row["files"] = row["files"] + [
                {"type": SV.UNTYPED_LABEL, "versions": [{"date": c.date_open.isoformat(), "link": f"{PORTAL}/download/{next_id * 40 + i}"} for i in range(30)]}
            ]
            row["comments"] = [
                {"date": c.date_open.isoformat(), "text": "&lt;p&gt;" + "Коментар по проекта. " * 30 + "&lt;/p&gt;", "author_name": "Петър Петров"}
                for _ in range(8)
            ]
            yield row


def write_large_report(path: Path, world: World, *, min_bytes: int = 60 * 1024 * 1024) -> tuple[int, int]:
    """A full report of at least `min_bytes`, written row by row. Returns (rows, bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with open(path, "wb") as out:
        out.write(b'{"success":true,"data":[')
        out.write(json.dumps(REPORT_LEGEND, ensure_ascii=False).encode("utf-8"))
        for row in _large_rows(world, copies=10**6):
            out.write(b",")
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            rows += 1
            if out.tell() >= min_bytes:
                break
        out.write(b"]}")
    return rows, path.stat().st_size


def write_replay(world: World, root: Path, *, today: dt.date | None = None) -> dict[str, int]:
    """The replay folder a first crawl of both spiders needs (unfiltered lists, no fallbacks)."""
    return write_world(root, world, today=today)
