"""The consultation page `/bg/public-consultations/{id}`: the fallback when the API fails.

No real page was available: the layout here is inferred from the portal's Blade templates
(asapbg/strategy `resources/views/site/public_consultations/content.blade.php`,
`timeline.blade.php`, `comments.blade.php`, `layouts/site.blade.php`; research notes §2.2).
Check it against a live page before trusting it. Contacts and comment authors are on the page
but are personal data and are not read.

The page shows files with their free-text description („Справка за отразяване на
становищата - 12.03.2024“), not with the portal's type, so every document's type here is
inferred from its description (`type_inferred=True`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from parsel import Selector

from crawlers.strategy import doctypes, scrub
from crawlers.strategy.items import ConsultationDocumentItem, ConsultationItem
from crawlers.strategy.parse import SOURCE, id_from_reg_num
from crawlers.strategy.text import html_to_text, rich_text
from core import strategy as V
from core.errors import SourceError

_DMY = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
_DMY_HM = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})\s+\d{1,2}:\d{2}")
_FILE_VERSIONED = re.compile(r"^(?P<desc>.*?)\s+-\s+вер\.\s*(?P<ver>[\w.]+)\s*\|\s*(?P<date>\d{2}\.\d{2}\.\d{4})\s*$", re.S)
_FILE_IMPORTED = re.compile(r"^(?P<desc>.*?)\s+-\s+(?P<date>\d{2}\.\d{2}\.\d{4})\s*$", re.S)
# Imported справки „{description} | dd.mm.YYYY“ and comments received by other channels
# „{description} | {date} - Източник: {source}“ (research notes on the portal's HEAD; inferred).
_FILE_PIPED = re.compile(
    r"^(?P<desc>.*?)\s*\|\s*(?P<date>\d{2}\.\d{2}\.\d{4})(?:\s*г\.)?(?:\s+\d{1,2}:\d{2})?"
    r"(?:\s*-\s*" + re.escape(V.SOURCE_LABEL) + r"\s*(?P<channel>.*?))?\s*$",
    re.S,
)
_TOTAL_COMMENTS = re.compile(r"Общо\s+(\d+)\s+коментар", re.I)
# Level labels as the API writes them (consultation_type), from the `level-*` CSS class.
_LEVEL_CLASSES = {css: V.LEVELS[code] for css, code in V.LEVEL_CSS.items()}


def _dmy(text: str | None) -> dt.date | None:
    m = _DMY.search(text or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _clean(text: str | None) -> str | None:
    t = " ".join((text or "").replace("\xa0", " ").split())
    return t or None


def _blocks(sel: Selector) -> dict[str, Selector]:
    """Field blocks `div.col-md-4.mb-4`: label of the `h3` → the block."""
    out: dict[str, Selector] = {}
    for block in sel.css("div.col-md-4.mb-4"):
        label = _clean(" ".join(block.css("h3 ::text").getall()))
        if label:
            out[label] = block
    return out


def _section_after(sel: Selector, heading: str) -> Selector | None:
    """The `div.row` whose `h3` reads `heading` (Отговорна институция, Документи, …)."""
    for h3 in sel.xpath("//h3"):
        if _clean(" ".join(h3.css("::text").getall())) == heading:
            parent = h3.xpath("..")
            return parent[0] if parent else None
    return None


def _documents(sel: Selector, page_url: str) -> list[ConsultationDocumentItem]:
    section = _section_after(sel, "Документи")
    if section is None:
        return []
    docs: list[ConsultationDocumentItem] = []
    seen: set[int | str] = set()
    subsection = None
    for node in section.xpath(".//p[contains(@class,'fs-18')] | .//li//a"):
        if node.root.tag == "p":
            subsection = _clean(" ".join(node.css("::text").getall()))
            continue
        file_id = node.attrib.get("data-file")
        href = node.attrib.get("href", "")
        if not file_id:
            m = re.search(r"/download/(\d+)", href)
            file_id = m.group(1) if m else None
        if file_id is not None and file_id.isdigit():
            fid: int | None = int(file_id)
            url = urljoin(page_url, f"/download/{fid}")
        elif href and not href.startswith("javascript"):
            fid, url = None, urljoin(page_url, href)
        else:
            continue
        key = fid if fid is not None else url
        if key in seen:
            continue
        seen.add(key)
        label = _clean(" ".join(node.css("::text").getall())) or ""
        m = _FILE_VERSIONED.match(label) or _FILE_PIPED.match(label) or _FILE_IMPORTED.match(label)
        description = _clean(m.group("desc")) if m else label or None
        doc_type, inferred = doctypes.resolve(None, description)
        if doc_type is None and subsection and subsection.startswith(V.PAGE_REPORT_DOCUMENTS):
            # The page groups old files whose description has „справка“ and „становищ“ here.
            doc_type, inferred = V.PROPOSALS_REPORT, True
        docs.append(
            ConsultationDocumentItem(
                url=url,
                doc_type=doc_type,
                type_inferred=inferred,
                description=description,
                version_date=_dmy(m.group("date")) if m else None,
                file_id=fid,
            )
        )
    return docs


@dataclass(frozen=True)
class SpravkaMessage:
    """The „съобщение“ an institution may publish instead of a справка file (a comment with
    object_code 2): its text and, when the page shows one, its date."""

    text: str
    shown_on: dt.date | None


def spravka_message(body: bytes | str | Selector, url: str = "", record: str | None = None) -> SpravkaMessage | None:
    """The message in the page's „Справка …“ documents block (`div.px-3.pt-2` after the block's
    `p.fs-18` heading, research notes §4.2, content.blade.php ~l. 290 at HEAD 583b0c08; the stored
    template versions predate the block, so this layout is inferred). None when the block has no
    message. Raises SourceError when the page has no such block at all (a changed layout, or a
    migrated consultation, whose page the template renders without the typed sections): then the
    page says nothing either way."""
    sel = body if isinstance(body, Selector) else Selector(text=body.decode("utf-8", "replace") if isinstance(body, bytes) else body)
    section = _section_after(sel, "Документи")
    if section is None:
        raise SourceError(SOURCE, url, "no „Документи“ block on the page: the справка message cannot be read", record)
    for heading in section.xpath(".//p[contains(@class,'fs-18')]"):
        if not (_clean(" ".join(heading.css("::text").getall())) or "").startswith(V.PAGE_REPORT_DOCUMENTS):
            continue
        for block in heading.xpath("..").css("div.px-3.pt-2"):
            text = scrub.redact_emails(html_to_text(block.get()))
            if text:
                return SpravkaMessage(text=text, shown_on=_dmy(text))
        return None
    raise SourceError(SOURCE, url, f"no „{V.PAGE_REPORT_DOCUMENTS[0]}“ block on the page: the справка message cannot be read", record)


def _comments(sel: Selector) -> tuple[int, dt.datetime | None, dt.datetime | None]:
    """Count and first/last comment days; the author links are not read (personal data).

    The page shows the time too, but the API gives only the day (`created_at::date`): days
    only, so the same consultation read either way gives the same record."""
    stamps: list[dt.datetime] = []
    for span in sel.css("div.obj-comment span.obj-icon-info.text-muted"):
        m = _DMY_HM.search(" ".join(span.css("::text").getall()))
        if m:
            d, mo, y = (int(g) for g in m.groups())
            stamps.append(dt.datetime(y, mo, d))
    total = None
    for p in sel.css("p.fw-600"):
        m = _TOTAL_COMMENTS.search(" ".join(p.css("::text").getall()))
        if m:
            total = int(m.group(1))
            break
    count = total if total is not None else len(stamps)
    return count, (min(stamps) if stamps else None), (max(stamps) if stamps else None)


def parse_html_detail(body: bytes | str, url: str, *, expected_id: int | None = None) -> ConsultationItem:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    sel = Selector(text=text)
    record = V.reg_num_for(expected_id) if expected_id is not None else None
    blocks = _blocks(sel)
    number_block = blocks.get("Номер на консултация")
    dates_block = next((b for label, b in blocks.items() if label.startswith("Откриване")), None)
    if number_block is None or dates_block is None:
        raise SourceError(
            SOURCE, url, "no consultation layout on the page (no „Номер на консултация“ / „Откриване / Приключване“ blocks)", record
        )
    m = re.search(r"\d+-[KК]", " ".join(number_block.css("span.obj-icon-info ::text").getall()))
    reg_num = m.group(0) if m else _clean(" ".join(number_block.css("span ::text").getall())) or ""
    cid = id_from_reg_num(reg_num, url=url)
    if expected_id is not None and cid != expected_id:
        raise SourceError(SOURCE, url, f"asked for consultation {expected_id}, the page shows {reg_num}", record)
    record = reg_num
    spans = dates_block.css("span.obj-icon-info")
    dates = [_dmy(" ".join(s.css("::text").getall())) for s in spans]
    dates = [d for d in dates if d]
    if len(dates) < 2:
        raise SourceError(SOURCE, url, "cannot read the opening and closing dates (DD.MM.YYYY)", record)
    date_open, date_close = dates[0], dates[1]
    title = _clean(" ".join(sel.css("section#slider .page-heading h1 ::text").getall())) or _clean(
        " ".join(sel.css("h1 ::text").getall())
    )
    if not title:
        raise SourceError(SOURCE, url, "the page has no title (h1)", record)

    # „Община“ (singular, `custom.municipalities`) on municipal consultations: core.strategy.AREA_LABELS.
    area = next((blocks[label] for label in V.AREA_LABELS if label in blocks), None)
    act = blocks.get("Тип консултация")
    importer = blocks.get("Вносител")
    level_block = blocks.get("Тип вносител")
    act_type_id = None
    act_type = None
    if act is not None:
        a = act.css("a.act-type")
        act_type = _clean(" ".join(a.css("::text").getall())) if a else None
        cls = a.attrib.get("class", "") if a else ""
        m = re.search(r"act-type-(\d+)", cls)
        act_type_id = int(m.group(1)) if m else None
    level = None
    if level_block is not None:
        cls = level_block.css("a.institution-level").attrib.get("class", "")
        m = re.search(r"level-(\w+)", cls)
        level = _LEVEL_CLASSES.get(m.group(1)) if m else None
    institution_id = institution_name = None
    if importer is not None:
        href = importer.css("a::attr(href)").get() or ""
        m = re.search(r"/institution-profile/information/(\d+)", href) or re.search(r"[?&]importer=(\d+)", href)
        institution_id = int(m.group(1)) if m else None
    responsible = _section_after(sel, "Отговорна институция")
    if responsible is not None:
        institution_name = _clean(" ".join(responsible.css("p strong ::text").getall()))
    elif importer is not None:
        institution_name = _clean(" ".join(importer.css("span.obj-icon-info ::text").getall()))

    description_html = sel.css("div.row.mt-4.mb-4 > div.col-md-12").get()
    description_raw = None
    if description_html:
        inner = Selector(text=description_html).css("div.col-md-12 > *").getall()
        description_raw = "".join(inner).strip() or None
    description_raw, description_text = (scrub.redact_emails(t) for t in rich_text(description_raw))

    short_term = None
    for block in sel.css("div#short-term"):
        heading = _clean(" ".join(block.css("h3 ::text").getall()))
        if heading == "Мотиви за кратък срок":
            short_term = scrub.redact_emails(html_to_text("".join(block.css("p").getall())))
    pris_id = None
    for href in sel.css("a::attr(href)").getall():
        m = re.search(r"/pris/legal-information/[^/]+/(\d+)", href)
        if m:
            pris_id = int(m.group(1))
            break
    lp = re.search(r"/legislative-programs/(\d+)", " ".join(sel.css("a::attr(href)").getall()))
    op = re.search(r"/operational-programs/(\d+)", " ".join(sel.css("a::attr(href)").getall()))
    count, first, last = _comments(sel)
    return ConsultationItem(
        id=cid,
        reg_num=reg_num,
        title=title,
        date_open=date_open,
        date_close=date_close,
        source="html",
        source_url=url,
        raw=scrub.scrub_page(body if isinstance(body, bytes) else body.encode("utf-8")),
        description_raw=description_raw,
        description_text=description_text,
        act_type=act_type,
        act_type_id=act_type_id,
        level=level,
        policy_area=_clean(" ".join(area.css("a ::text").getall())) if area is not None else None,
        institution_id=institution_id,
        institution_name=institution_name,
        short_term_reason=short_term,
        published=True,  # the page is only served for published consultations (scope ActivePublic)
        legislative_program_id=int(lp.group(1)) if lp else None,
        operational_program_id=int(op.group(1)) if op else None,
        pris_id=pris_id,
        comments_count=count,
        first_comment_at=first,
        last_comment_at=last,
        documents=_documents(sel, url),
    )


def enrich_untyped(item: ConsultationItem, page: ConsultationItem) -> int:
    """Give the API's untyped files (migrated from the old portal, labelled „Други“) the type
    their description on the page stands for. Typed files are left as the portal types them.
    Returns how many files got a description from the page."""
    by_file = {d.file_id: d for d in page.documents if d.file_id is not None}
    done = 0
    for doc in item.documents:
        if doc.doc_type not in (None, V.UNTYPED_LABEL) or doc.file_id not in by_file:
            continue
        doc.description = by_file[doc.file_id].description
        doc.doc_type, doc.type_inferred = doctypes.resolve(doc.doc_type, doc.description)
        done += 1
    return done
