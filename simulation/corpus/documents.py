"""Render a generated world's files: the bill files of parliament.bg and the consultation
documents of strategy.bg, under the URL paths the crawled records point to.

    manifest = write_documents(world, parliament_root, strategy_root)

- Bills: `bills/{A_ns_folder}/{FILENAME}` for every `file_list` and `order` row of the bill
  answer that simulation.corpus.parliament writes (the same payload function, so names and
  folders cannot drift). A `file_list` file holds, like the real ones, the bill text with
  its „Преходни и заключителни разпоредби“, then the motives („МОТИВИ“) and, for many
  bills, a partial or full impact assessment. RTF (Word, cp1251) or PDF as its extension says.
- Consultations: `/download/{file_id}` for every document version, its content after the
  portal type: the draft act, the motives, the impact assessment (partial or full), the
  справка on the proposals received (accepted and rejected rows, with or without reasons)
  and the opinion of the Council of Ministers' administration (some of them scanned, with no
  text layer). DOCX, served with a Content-Disposition file name (inferred: the portal is a
  Laravel application, whose download responses send one; no real header was recorded).

Each file varies deterministically (seed, owner id): which of the five elements of ЗНА
чл. 28, ал. 2 the motives state, whether a Council of Ministers bill's motives mention its
consultation (reg_num and dates from `world.truth`), whether a law amended in the final
provisions of the law as adopted was already in the bill as submitted, the справка's rows.
What went into each file is returned in a `DocumentsManifest`, so tests can compare the
analysis with what was written.

Speed (the demo's 300 bills make ~1 300 files, ~25 MB): RTF is plain text; DOCX reuses one
compressed package and only writes `word/document.xml` per file; PDFs (only the bills named
`.pdf` and the chair's orders) use a font cut down to the characters used and are rendered
in worker processes meanwhile, fpdf2's per-file font subsetting being the one slow step.
Identical files (the scanned opinion) are built once.
"""
from __future__ import annotations

import atexit
import datetime as dt
import functools
import io
import json
import multiprocessing
import os
import random
import re
import tempfile
import textwrap
import zipfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape

from texts.documents.consultation_refs import find_consultation_refs
from core import strategy as SV
from simulation.corpus.parliament import bill_payload
from simulation.corpus import texts
from simulation.corpus.vocab import MINISTRIES, genitive
from simulation.corpus.world import World, WorldBill, WorldConsultation
from simulation import samples
from simulation.replay import path_for

MOTIVES_ELEMENTS = ("reasons", "objectives", "means", "results", "eu_law")  # texts.documents.motives keys
_ZIP_DATE = (2026, 1, 5, 10, 0, 0)
_MONTHS = ("януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври",
           "ноември", "декември")


# --------------------------------------------------------------------------- manifest


@dataclass(frozen=True)
class WrittenFile:
    """One file written, and what the generator put in it."""

    url_path: str  # "/bills/52/52-602-01-3.pdf", "/download/900123"
    owner_type: str  # bill | consultation
    owner_id: int
    format: str  # pdf | rtf | docx
    kind: str | None  # the texts.documents.classify kind intended; None for a chair's order
    contains: tuple[str, ...] = ()  # other documents inside the file, by their headings
    title: str | None = None  # the source's description (portal type, order annotation)
    motives_elements: tuple[str, ...] | None = None  # ЗНА чл. 28, ал. 2 elements written
    ia_elements: tuple[str, ...] | None = None  # IA-04 checklist elements the impact assessment answers
    amended_laws: tuple[str, ...] | None = None  # other laws (nominative) the ПЗР amend, as written
    added_later: tuple[str, ...] = ()  # laws of the adopted law's ПЗР left out of the bill as submitted
    consultation_id: int | None = None  # the consultation the motives mention, by reg_num
    consultation_dates: tuple[dt.date, dt.date] | None = None
    spravka: tuple[int, int, int] | None = None  # (accepted, rejected, rejected with reasons)
    no_proposals: bool = False  # the справка says no proposals were received
    scanned: bool = False  # image-only PDF: no text layer
    size: int = 0


@dataclass
class DocumentsManifest:
    files: list[WrittenFile] = field(default_factory=list)
    left_out: list[tuple[str, int]] = field(default_factory=list)  # owners not served (share < 1)

    def of(self, owner_type: str, owner_id: int) -> list[WrittenFile]:
        return [f for f in self.files if f.owner_type == owner_type and f.owner_id == owner_id]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            out[f.format] = out.get(f.format, 0) + 1
        return out


# --------------------------------------------------------------------------- renderers


def _fmt_date(day: dt.date) -> str:
    return f"{day:%d.%m.%Y} г."


def _worded_date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year} г."


def render_rtf(paragraphs: Sequence[str]) -> bytes:
    return samples.make_rtf(paragraphs)


# The characters the generated texts use. The font is cut down to them once per process:
# fpdf2 parses and subsets the font for every file, and a small font makes that cheap.
_PDF_UNICODES = (*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x400, 0x460), *range(0x2010, 0x2028), 0x2116)
_PDF_WRAP = 88  # characters per line at 11 pt on A4 (about 2 mm a character)


@functools.cache
def _pdf_font() -> str:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.hinting = False
    # The source font's own „modified“ stamp, not the time of this cut: the same font bytes,
    # so the same PDF bytes, on every run.
    font = TTFont(str(samples.cyrillic_font_path()), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_PDF_UNICODES)
    subsetter.subset(font)
    fd, name = tempfile.mkstemp(prefix="lexwatch-corpus-", suffix=".ttf")
    with os.fdopen(fd, "wb") as out:
        font.save(out)
    atexit.register(lambda: Path(name).unlink(missing_ok=True))
    return name


def render_pdf(paragraphs: Sequence[str], created: dt.date) -> bytes:
    """A text PDF like samples.make_pdf, faster: a small font, and lines wrapped here rather
    than by multi_cell. The creation date is fixed, so the same text gives the same bytes
    (one stored version when fetched again)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_compression(True)
    pdf.set_creation_date(dt.datetime.combine(created, dt.time(10, 0), tzinfo=dt.timezone.utc))
    pdf.add_font("body", "", _pdf_font())
    pdf.set_font("body", size=11)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for para in paragraphs:
        heading = para.isupper()
        for line in textwrap.wrap(para, _PDF_WRAP, break_on_hyphens=False, break_long_words=False) or [""]:
            pdf.cell(0, 5.5, line, align="C" if heading else "L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    return bytes(pdf.output())


@functools.cache
def _scanned_pdf() -> bytes:
    return samples.make_scanned_pdf(pages=1)


# Word 2010's duplicate style sheet and the template's thumbnail: half the package's bytes,
# read by nobody (python-docx and Word open the file without them).
_DOCX_DROPPED = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg")
_DOCX_DROPPED_REFS = re.compile(r'<(?:Relationship|Override)\b[^>]*(?:stylesWithEffects|thumbnail\.jpeg)[^>]*/>')


@functools.cache
def _docx_template() -> tuple[bytes, str, str, str]:
    """python-docx's package without its body: (zip bytes, document.xml head, table head, tail).
    Appending `word/document.xml` to a copy leaves the other (large) parts compressed once."""
    sample = samples.make_docx(["@"], [["@", "@", "@", "@"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        xml = src.read("word/document.xml").decode("utf-8")
        for info in src.infolist():
            if info.filename in ("word/document.xml", *_DOCX_DROPPED):
                continue
            data = src.read(info.filename)
            if info.filename.endswith((".rels", "[Content_Types].xml")):
                data = _DOCX_DROPPED_REFS.sub("", data.decode("utf-8")).encode("utf-8")
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    head = xml[: xml.index("<w:body>") + len("<w:body>")]
    table_head = xml[xml.index("<w:tbl>"): xml.index("<w:tr>")]
    tail = xml[xml.index("<w:sectPr"):]
    return out.getvalue(), head, table_head, tail


def _docx_paragraph(text: str) -> str:
    if text.isupper():
        return (f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
                f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _docx_row(cells: Sequence[str]) -> str:
    return "<w:tr>" + "".join(
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2160"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">{escape(c)}'
        "</w:t></w:r></w:p></w:tc>" for c in cells) + "</w:tr>"


def render_docx(paragraphs: Sequence[str], table: Sequence[Sequence[str]] = (), after: Sequence[str] = ()) -> bytes:
    """A DOCX with `paragraphs`, then a 4-column `table`, then `after` paragraphs."""
    package, head, table_head, tail = _docx_template()
    body = "".join(map(_docx_paragraph, paragraphs))
    if table:
        body += table_head + "".join(_docx_row(row) for row in table) + "</w:tbl>"
    body += "".join(map(_docx_paragraph, after))
    buf = io.BytesIO(package)
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("word/document.xml", date_time=_ZIP_DATE), head + body + tail,
                    compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# --------------------------------------------------------------------------- texts

# Each element's sentences match its texts.documents.motives patterns and no other
# element's; the neutral sentences match none, so a left-out element stays absent.
_TOPICS = (
    "реда за издаване на разрешения и сроковете за произнасяне на компетентните органи",
    "правата и задълженията на лицата и контрола по прилагането на закона",
    "административните процедури и обмена на данни между администрациите",
    "отговорността при нарушения и размера на санкциите",
    "регистрите, които поддържат органите по прилагането на закона",
)
_NEUTRAL = (
    "Предложените промени засягат {topic}.",
    "С проекта се уреждат по-подробно {topic}.",
)
_REASONS = (
    ("Причини, които налагат приемането на закона",
     "Законопроектът е разработен поради необходимостта от прецизиране на уредбата, свързана с {topic}. "
     "Действащите разпоредби не позволяват ефективен контрол, а практиката по прилагането им е противоречива."),
    ("Причини, които налагат приемането на закона",
     "Промените са предложени във връзка с констатирани в практиката затруднения при прилагането на закона. "
     "Налага се приемането на ясни правила относно {topic}."),
)
_OBJECTIVES = (
    ("Цели, които се поставят",
     "Основната цел на законопроекта е повишаване на ефективността на контрола и намаляване на "
     "административната тежест за гражданите и бизнеса."),
    ("Цели, които се поставят",
     "Законопроектът има за цел по-ясно разпределение на правомощията между органите и по-кратки срокове "
     "на административните производства."),
)
_MEANS = (
    ("Финансови и други средства, необходими за прилагането на новата уредба",
     "За прилагането на законопроекта не са необходими допълнителни финансови средства от държавния бюджет."),
    ("Финансови и други средства, необходими за прилагането на новата уредба",
     "Разходите по прилагането на закона са за сметка на утвърдените бюджети на компетентните органи."),
    # A budget impact, quantified (MOT-04 PASS) and not (MOT-04 WARN).
    ("Финансови и други средства, необходими за прилагането на новата уредба",
     "За прилагането на закона са необходими допълнителни средства в размер на 1,2 млн. лв., които са предвидени "
     "в бюджета на компетентното министерство."),
    ("Финансови и други средства, необходими за прилагането на новата уредба",
     "Прилагането на закона ще изисква допълнителни бюджетни средства, които ще бъдат осигурени при съставянето "
     "на държавния бюджет за следващата година."),
)
_RESULTS = (
    ("Очаквани резултати от прилагането, включително финансовите, ако има такива",
     "Приемането на законопроекта ще доведе до по-бързо и прозрачно произнасяне на администрацията и до "
     "по-висока правна сигурност."),
    ("Очаквани резултати от прилагането, включително финансовите, ако има такива",
     "Очаква се намаляване на броя на обжалваните актове и по-добра защита на правата на гражданите."),
)
_EU_LAW = (
    ("Анализ за съответствие с правото на Европейския съюз",
     "Законопроектът е в съответствие с правото на Европейския съюз."),
    ("Анализ за съответствие с правото на Европейския съюз",
     "С проекта се въвеждат изискванията на Директива (ЕС) 2019/1152 на Европейския парламент и на Съвета."),
    ("Анализ за съответствие с правото на Европейския съюз",
     "Предлаганите промени не са свързани с правото на Европейския съюз и анализ за съответствие не се налага."),
)
_ELEMENT_TEXTS = {"reasons": _REASONS, "objectives": _OBJECTIVES, "means": _MEANS, "results": _RESULTS,
                  "eu_law": _EU_LAW}


def pick_motives_elements(rng: random.Random, *, council_of_ministers: bool) -> tuple[str, ...]:
    """Which of the five elements the motives state: all, all but one, three or two."""
    r = rng.random()
    complete = 0.7 if council_of_ministers else 0.5
    if r < complete:
        return MOTIVES_ELEMENTS
    if r < complete + 0.25:
        drop = rng.choices(["means", "results", "eu_law", "objectives"], weights=[3, 3, 3, 1])[0]
        return tuple(e for e in MOTIVES_ELEMENTS if e != drop)
    if r < 0.95:
        return ("reasons", "objectives", rng.choice(["means", "results", "eu_law"]))
    return ("reasons", "objectives")


@dataclass(frozen=True)
class ConsultationMention:
    consultation_id: int
    date_open: dt.date
    date_close: dt.date
    with_url: bool
    cyrillic_k: bool  # „12653-К“ as typed in Word


def motives_paragraphs(rng: random.Random, *, of: str, elements: Iterable[str], mention: ConsultationMention | None,
                       signed_by: str, numbered: bool | None = None, statement: str | None = None) -> list[str]:
    """МОТИВИ „към законопроекта за …“ with the given elements and, optionally, the
    consultation mention Council of Ministers motives usually end with."""
    topic = rng.choice(_TOPICS)
    numbered = rng.random() < 0.6 if numbered is None else numbered
    out = ["МОТИВИ", f"към {of}", rng.choice(_NEUTRAL).format(topic=topic)]
    n = 0
    for key in MOTIVES_ELEMENTS:
        if key not in elements:
            continue
        heading, body = rng.choice(_ELEMENT_TEXTS[key])
        if numbered:
            n += 1
            out.append(f"{n}. {heading}")
        out.append(body.format(topic=topic))
    if mention is not None:
        days = (mention.date_close - mention.date_open).days
        where = ("https://strategy.bg/bg/public-consultations/" + str(mention.consultation_id)
                 if mention.with_url else "www.strategy.bg")
        number = f"{mention.consultation_id}-{'К' if mention.cyrillic_k else 'K'}"
        out.append(f"Проектът е публикуван за обществена консултация на Портала за обществени консултации ({where}) "
                   f"за срок от {days} дни – от {_fmt_date(mention.date_open)} до {_fmt_date(mention.date_close)}, "
                   f"с номер {number}.")
    if statement is not None:  # the world's own sentence (world.WorldBill.consultation_statement)
        out.append(statement)
    out.append(signed_by)
    return out


def _gazette(rng: random.Random) -> str:
    year = rng.randint(1996, 2016)
    return f"обн., ДВ, бр. {rng.randint(1, 110)} от {year} г.; изм., бр. {rng.randint(1, 110)} от {rng.randint(year + 1, 2024)} г."


def _entry_clause(b: WorldBill) -> str | None:
    if b.entry_into_force == "on_promulgation":
        return "Законът влиза в сила от деня на обнародването му в „Държавен вестник“."
    if b.entry_into_force == "months_3":
        return "Законът влиза в сила три месеца след обнародването му в „Държавен вестник“."
    if b.entry_into_force == "fixed_date":
        return f"Законът влиза в сила от 1 януари {b.submitted_on.year + 1} г."
    return None  # default: three days after promulgation (Constitution art. 5(5)), no clause


_NEW_LAW_ARTICLES = (
    "Този закон урежда обществените отношения, свързани с предмета му, и правомощията на държавните органи.",
    "Законът има за предмет и реда за водене на регистрите по чл. 14.",
    "Държавната политика се провежда от Министерския съвет и от министъра.",
    "Органите по чл. 3 осъществяват контрол по прилагането на закона.",
    "Лицата, засегнати от актовете на органите по този закон, могат да ги обжалват по реда на "
    "Административнопроцесуалния кодекс.",
)


def act_paragraphs(rng: random.Random, *, heading: Sequence[str], kind: str, other_laws: Sequence[str],
                   entry: str | None, ratifies: str | None = None, this_act: str = "този закон",
                   provisions: Sequence[texts.Provision] = ()) -> list[str]:
    """The articles or §§ of a bill or draft, and its „Преходни и заключителни разпоредби“
    amending `other_laws` (cited with their Gazette history, as legislative technique wants)."""
    out = list(heading)
    n = 0

    def para(text: str) -> None:
        nonlocal n
        n += 1
        out.append(f"§ {n}. {text}")

    if ratifies:
        out.append(f"Член единствен. Ратифицира {ratifies}.")
        if not other_laws:
            return out
    elif kind == "new":
        out.append("Глава първа")
        out.append("ОБЩИ РАЗПОРЕДБИ")
        for art, text in enumerate(_NEW_LAW_ARTICLES[: rng.randint(3, len(_NEW_LAW_ARTICLES))], 1):
            out.append(f"Чл. {art}. {text}")
    elif provisions:  # the world's text of this draft or bill (simulation.corpus.texts)
        for line in texts.render(list(provisions)):
            para(line.split(". ", 1)[1])
    else:
        for art in sorted(rng.sample(range(2, 120), rng.randint(2, 5))):
            para(f"В чл. {art} ал. {rng.randint(1, 4)} се изменя така:")
            out.append(f"„({rng.randint(1, 4)}) Компетентният орган уведомява заявителя в 14-дневен срок от "
                       "постъпване на заявлението.“")
    out.append("Преходни и заключителни разпоредби")
    para(f"Започналите до влизането в сила на {this_act} производства се довършват по досегашния ред.")
    for other in other_laws:
        para(f"В {genitive(other)} ({_gazette(rng)}) в чл. {rng.randint(2, 90)} се създава ал. {rng.randint(2, 6)}:")
        out.append("„Разпоредбата се прилага и за производствата, образувани до влизането в сила на този закон.“")
    if entry:
        para(entry)
    return out


# texts.documents.impact_assessment keys; the partial form has no budget or monitoring section.
IA_ELEMENTS = ("problem", "objectives", "options", "stakeholders", "costs_benefits", "admin_burden", "sme",
               "budget", "eu_law", "monitoring")
IA_PARTIAL_ELEMENTS = tuple(k for k in IA_ELEMENTS if k not in ("budget", "monitoring"))
# Left out (or answered with nothing) in an assessment with gaps, most often first.
_IA_GAPS = ("options", "problem", "sme", "monitoring", "budget", "admin_burden", "eu_law", "costs_benefits")


def pick_ia_elements(rng: random.Random, *, full: bool) -> tuple[str, ...]:
    """Which checklist elements an assessment answers: all (IA-04 PASS), with gaps (WARN), or
    a formal one with the objectives and stakeholders only (FAIL, NCPI's „formal IAs“)."""
    keys = IA_ELEMENTS if full else IA_PARTIAL_ELEMENTS
    r = rng.random()
    if r < 0.5:
        return keys
    if r < 0.8:
        gaps = [k for k in _IA_GAPS if k in keys]
        drop = set(rng.sample(gaps, rng.choice([4, 5] if full else [3, 4])))
        return tuple(k for k in keys if k not in drop)
    return tuple(k for k in keys if k in ("objectives", "stakeholders"))


def impact_assessment_paragraphs(rng: random.Random, *, full: bool, act: str, institution: str,
                                 elements: Iterable[str] | None = None) -> tuple[list[str], tuple[str, ...]]:
    """A partial or full preliminary impact assessment and the checklist elements it answers.

    The partial one follows the form in force from 01.01.2021 as the strategy.bg portal renders
    it (asapbg/strategy, form_partials/form1: its numbering, its guidance lines left in, as
    ministries' filled-in Word files keep them); the full one the sections of a full IA report
    as recalled (Наредба за обхвата и методологията …, abridged). An element left out is either
    missing or answered with nothing: a problem without data, options without „без действие“,
    a question whose options are printed but none marked („X“ marks the answer, as typed in Word)."""
    keys = tuple(elements) if elements is not None else pick_ia_elements(rng, full=full)
    has = set(keys)
    year = rng.choice([2023, 2024, 2025])
    share = rng.randint(18, 64)
    people = rng.randint(4, 60) * 1000
    millions = rng.randint(11, 49)  # tenths of a million leva
    problem = (f"През {year} г. {share}% от административните производства са приключили след законовия срок "
               f"(по данни на {institution})." if "problem" in has else
               "Действащата уредба не осигурява бързо произнасяне на администрацията и пълен контрол.")
    objectives = (f"Съкращаване на сроковете за произнасяне до 14 дни до края на {year + 2} г."
                  if rng.random() < 0.6 else "По-кратки срокове и по-малко документи, изисквани от гражданите и бизнеса.")
    stakeholders = f"Граждани и стопански субекти (около {people // 1000} 000 лица годишно), компетентните органи и общините."
    options = (["Вариант 0 „Без действие“: проблемите в практиката се запазват."] if "options" in has else [])
    options.append("Вариант 1 „Изменение на нормативната уредба“: сроковете се съкращават и се въвежда електронно подаване.")
    out = ["ЦЯЛОСТНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО" if full else "ЧАСТИЧНА ПРЕДВАРИТЕЛНА ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО",
           f"Нормативен акт: {act}", f"Институция: {institution}"]
    if full:
        out += [f"1. Дефиниране на проблема: {problem}",
                f"2. Заинтересовани страни: {stakeholders}",
                f"3. Цели: {objectives}",
                "4. Варианти на действие:", *options]
        if "costs_benefits" in has:
            out.append(f"5. Разходи и ползи: годишни разходи около {rng.randint(2, 9) * 100} хил. лв. за изграждане на "
                       "информационната система; ползите са спестено време и по-малко документи за гражданите.")
        if "admin_burden" in has:
            out.append("6. Административна тежест: намалява с отпадането на хартиените документи.")
        if "sme" in has:
            out.append("7. Въздействие върху малките и средните предприятия (МСП тест): "
                       + rng.choice(["облекчени изисквания за микропредприятията.", "актът не засяга МСП."]))
        if "budget" in has:
            out.append("8. Въздействие върху държавния бюджет: " + rng.choice([
                f"необходими са {millions // 10},{millions % 10} млн. лв., предвидени в бюджета на {institution}.",
                "не са необходими допълнителни средства от държавния бюджет."]))
        if "eu_law" in has:
            out.append("9. Съответствие с правото на Европейския съюз: " + rng.choice([
                "проектът въвежда изискванията на Директива (ЕС) 2019/1152.",
                "приемането на акта не произтича от правото на Европейския съюз."]))
        out.append(f"10. Консултации: проведени с {rng.choice(['браншовите организации', 'Националното сдружение на общините', 'социалните партньори'])}.")
        out.append("11. Мониторинг и оценка: " + ("индикатори за изпълнение са средният срок на произнасяне и делът на "
                                                 "електронните заявления; последваща оценка ще бъде извършена три години "
                                                 "след влизането в сила." if "monitoring" in has else "не се предвижда."))
        return out, keys
    guidance = rng.random() < 0.5
    out.append("1. Проблем/проблеми за решаване:")
    if guidance:
        out.append("1.1. Кратко опишете проблема/проблемите и причините за неговото/тяхното възникване. "
                   "По възможност посочете числови стойности.")
    out += [problem, "2. Цели:", objectives, "3. Заинтересовани страни:"]
    if guidance:
        out.append("Посочете всички потенциални заинтересовани страни/групи заинтересовани страни, върху които "
                   "предложенията ще окажат пряко или косвено въздействие.")
    out += [stakeholders, "4. Варианти на действие. Анализ на въздействията:", *options]
    if "costs_benefits" in has:
        out += ["Положителни въздействия: по-бързо обслужване и по-малко хартиени документи.",
                "Отрицателни въздействия: " + rng.choice(["не се очакват.", "еднократни разходи за адаптиране на "
                                                                           "информационните системи."])]
    out.append("6.1. Промяна в административната тежест за физическите и юридическите лица:")
    burden = rng.choice(["Ще се намали", "Няма ефект"]) if "admin_burden" in has else None
    out += [f"X {o}" if o == burden else o for o in ("Ще се увеличи", "Ще се намали", "Няма ефект")]
    out += ["6.2. Създават ли се нови регулаторни режими?", "Не.", "6.3. Създават ли се нови регистри?", "Не."]
    out.append("6.4. Въздействие върху микро-, малките и средните предприятия (МСП):")
    sme = rng.choice(["Актът засяга пряко МСП", "Актът не засяга МСП"]) if "sme" in has else None
    out += [f"X {o}" if o == sme else o for o in ("Актът засяга пряко МСП", "Актът не засяга МСП")]
    out += ["6.5. Потенциални рискове: не са идентифицирани.", "7. Консултации: проведени с браншовите организации."]
    if "eu_law" in has or rng.random() < 0.5:
        out.append("8. Приемането на нормативния акт произтича ли от правото на Европейския съюз?")
        out += ([rng.choice(["Не.", "Да. Проектът въвежда изискванията на Директива (ЕС) 2019/1152."])]
                if "eu_law" in has else ["Да", "Не"])
    out += ["9. Изисква ли се извършване на цялостна предварителна оценка на въздействието поради очаквани "
            "значителни последици?", "Не."]
    return out, keys


_PARTICIPANTS = (
    "Българска стопанска камара", "Конфедерация на независимите синдикати в България",
    "Асоциация на индустриалния капитал в България", "Национално сдружение на общините в Република България",
    "Сдружение „Активни потребители“", "Висш адвокатски съвет", "Омбудсман на Република България",
    "Потребител на Портала за обществени консултации",
)
# Proposals and reasons avoid the verb „приема“ and its forms: texts.documents.spravka
# counts every such word as a decision.
_PROPOSALS = (  # (proposal, the reason for not taking it on board)
    ("Срокът за произнасяне да бъде удължен от 14 на 30 дни.",
     "Срокът е съобразен с изискванията на директивата, тъй като тя не допуска по-дълъг срок."),
    ("Да отпадне изискването за нотариално заверено пълномощно.",
     "Изискването е необходимо с оглед защитата на правата на упълномощителя."),
    ("Да се въведе възможност заявлението да се подава по електронен път.",
     "Въпросът вече е уреден в Закона за електронното управление."),
    ("Размерът на глобите да бъде намален наполовина.",
     "Размерът на санкциите е съобразен с тежестта на нарушенията и с практиката на съдилищата."),
    ("Да се предвиди преходен период от една година.",
     "Предложението противоречи на чл. 5 от директивата, която определя срока за прилагане."),
    ("Контролът да бъде възложен на общините.",
     "Предложението е извън предмета на проекта."),
)
_ACCEPT_NOTES = ("Текстът е прецизиран.", "", "Направено е съответно допълнение в проекта.")


def spravka_rows(rng: random.Random) -> tuple[list[list[str]], tuple[int, int, int]]:
    """Table rows (header first) and (accepted, rejected, rejected with reasons)."""
    policy = rng.choices(["all", "most", "none"], weights=[55, 25, 20])[0]
    rows = [["Участник", "Предложение", "Приема / Не приема", "Мотиви"]]
    accepted = rejected = with_reasons = 0
    for _ in range(rng.randint(2, 7)):
        who, (what, reason) = rng.choice(_PARTICIPANTS), rng.choice(_PROPOSALS)
        r = rng.random()
        if r < 0.4:
            rows.append([who, what, "Приема се", rng.choice(_ACCEPT_NOTES)])
            accepted += 1
            continue
        decision = "Приема се частично" if r < 0.5 else "Не се приема"
        reasoned = policy == "all" or (policy == "most" and rng.random() < 0.75)
        rows.append([who, what, decision, reason if reasoned else ""])
        rejected += 1
        with_reasons += reasoned
    return rows, (accepted, rejected, with_reasons)


# --------------------------------------------------------------------------- bills


def _rng(seed: int, owner: str, owner_id: int, what: str = "") -> random.Random:
    # A string seed is hashed with SHA-512: the same on every run and platform.
    return random.Random(f"{seed}/{owner}/{owner_id}/{what}")


def _signed_by(b: WorldBill) -> str:
    if b.initiator == "council_of_ministers":
        return "ВНОСИТЕЛ: Министерски съвет"
    names = ", ".join(" ".join(n.capitalize() for n in (m.names[0], m.names[2])) for m in b.mps)
    return f"Вносители: {names}" if len(b.mps) > 1 else f"Вносител: {names}"


def _institution(b: WorldBill) -> str:
    return "Министерски съвет" if b.initiator == "council_of_ministers" else "Народни представители"


_REFORM = dt.date(2016, 11, 4)  # ЗИД ЗНА, ДВ бр. 34/2016: the справки regime of ПОДНС


def bill_file(world: World, b: WorldBill, *, seed: int, consultations: dict[int, WorldConsultation]
              ) -> tuple[list[str], dict]:
    """The paragraphs of a bill's `file_list` file and what they contain (manifest fields)."""
    rng = _rng(seed, "bill", b.id)
    cm = b.initiator == "council_of_ministers"
    subject = b.title.removeprefix("Законопроект").strip()  # "за изменение и допълнение на Закона за …"
    laws = list(b.amends_in_final_provisions)
    added_later: list[str] = []
    if laws and b.status == "adopted" and rng.random() < 0.3:
        # A law the adopted text amends but the bill as submitted did not (a second-reading addition).
        added_later = [laws.pop()]
    ratifies = subject.removeprefix("за ратифициране на ").strip() if b.kind == "ratification" else None
    paragraphs = act_paragraphs(rng, heading=["ЗАКОНОПРОЕКТ", subject], kind=b.kind,
                                other_laws=laws, entry=None if ratifies else _entry_clause(b), ratifies=ratifies,
                                provisions=b.provisions)
    elements = pick_motives_elements(rng, council_of_ministers=cm)
    paragraphs += motives_paragraphs(rng, of=f"законопроекта {subject}", elements=elements, mention=None,
                                     signed_by=_signed_by(b), statement=b.consultation_statement)
    stated = find_consultation_refs(b.consultation_statement or "")
    contains = ["motives"]
    ia_elements = None
    if rng.random() < (0.7 if cm else 0.5) and b.kind != "ratification":
        full = b.kind == "new" and rng.random() < (0.7 if cm else 0.3)
        ia, ia_elements = impact_assessment_paragraphs(rng, full=full, act=b.title, institution=_institution(b))
        paragraphs += ia
        contains.append("impact_assessment_full" if full else "impact_assessment_partial")
    if cm and b.submitted_on >= _REFORM and b.kind != "ratification":
        # ПОДНС since 2016: a Council of Ministers bill reaches parliament with its справки, most
        # often inside the one file with the text and the motives (as bill 167546's 52-602-01-43.rtf).
        if rng.random() < 0.85:
            paragraphs += ["СПРАВКА", f"за отразяване на становищата и предложенията по законопроекта {subject}",
                           "Предложенията и становищата, получени при общественото обсъждане, и мотивите за "
                           "неприемането им са в справката, публикувана на Портала за обществени консултации."]
            contains.append("consultation_report")
        if rng.random() < 0.85:
            paragraphs += ["СПРАВКА ЗА СЪОТВЕТСТВИЕ С ЕВРОПЕЙСКАТА КОНВЕНЦИЯ ЗА ЗАЩИТА НА ПРАВАТА НА ЧОВЕКА",
                           f"и основните свободи на законопроекта {subject}",
                           "Законопроектът не засяга права и свободи, защитени от Конвенцията, и е в съответствие "
                           "с практиката на Европейския съд по правата на човека."]
            contains.append("echr_compatibility")
    info = {
        "kind": "bill_text", "contains": tuple(contains), "motives_elements": elements, "ia_elements": ia_elements,
        "amended_laws": tuple(laws), "added_later": tuple(added_later),
        "consultation_id": stated.consultation_ids[0] if stated.consultation_ids else None,
        "consultation_dates": stated.dates[:2] if stated.dates else None,
    }
    return paragraphs, info


def order_file(b: WorldBill, reg: str, committees: Sequence[str]) -> list[str]:
    """The chair's distribution order (разпореждане) of a bill of the current assembly."""
    who = "Министерския съвет" if b.initiator == "council_of_ministers" else "народни представители"
    lines = [
        "РЕПУБЛИКА БЪЛГАРИЯ",
        "НАРОДНО СЪБРАНИЕ",
        "РАЗПОРЕЖДАНЕ",
        f"№ {reg}",
        f"На основание Правилника за организацията и дейността на Народното събрание разпределям "
        f"{b.title[0].lower() + b.title[1:]}, № {b.signature}, внесен от {who} на {_worded_date(b.submitted_on)}, "
        "на следните постоянни комисии:",
    ]
    lines += [f"{name} – {role}" for name, role in committees]
    lines.append("Председател на Народното събрание")
    return lines


# --------------------------------------------------------------------------- consultations

_DOWNLOAD_NAMES = {
    "Проект на акт": "Proekt", "Мотиви": "Motivi", "Доклад": "Doklad", "Оценка на въздействие": "OV",
    "Становище на администрацията на Министерския съвет": "Stanovishte_AMS",
    SV.PROPOSALS_REPORT: "Spravka_predlozhenia",
}
_AMS_NOTES = (
    "Оценката на въздействието е изготвена в съответствие с изискванията на Закона за нормативните актове.",
    "Оценката на въздействието следва да бъде допълнена с количествени данни за административната тежест.",
    "Препоръчваме описанието на проблема да бъде подкрепено с данни от практиката.",
)


def _act_of(c: WorldConsultation) -> str:
    return c.title.removeprefix("Проект на ").strip()  # "Закон за …", "Наредба за …", "Постановление …"


def _is_new_law(c: WorldConsultation) -> bool:
    title = c.title.lower()
    return title.startswith("проект на закон") and not any(w in title for w in ("изменение", "допълнение", "отмяна"))


def consultation_file(c: WorldConsultation, doc_type: str, file_id: int, *, seed: int, bill: WorldBill | None
                      ) -> tuple[bytes | None, list[str], list[list[str]], list[str], dict]:
    """(cached bytes or None, paragraphs, table rows, paragraphs after the table, manifest fields)."""
    rng = _rng(seed, "consultation", c.id, str(file_id))
    act = _act_of(c)
    institution = MINISTRIES[c.ministry][1]
    if doc_type == "Проект на акт":
        if not c.text_readable:  # a scanned draft (world.DRAFT_TEXT_MISSING_SHARE): no text to compare
            return _scanned_pdf(), [], [], [], {"kind": "bill_text", "scanned": True}
        word, _, rest = act.partition(" ")
        other_laws = list(bill.amends_in_final_provisions) if bill else []
        kind = "new" if _is_new_law(c) else "amend"
        entry = _entry_clause(bill) if bill else "Законът влиза в сила от деня на обнародването му в „Държавен вестник“."
        this_act = "този закон"
        is_law = word == "Закон"  # a law's draft, whatever act type the portal files it under
        if not is_law:
            other_laws, kind, entry = [], "amend", None
            this_act = "това постановление" if word == "Постановление" else "тази наредба"
        paragraphs = act_paragraphs(rng, heading=["ПРОЕКТ", f"{word.upper()} {rest}"], kind=kind,
                                    other_laws=other_laws, entry=entry, this_act=this_act,
                                    provisions=c.provisions if is_law else ())
        return None, paragraphs, [], [], {"kind": "bill_text", "amended_laws": tuple(other_laws)}
    if doc_type in ("Мотиви", "Доклад"):
        elements = pick_motives_elements(rng, council_of_ministers=True)
        paragraphs = motives_paragraphs(rng, of=f"проекта на {act}", elements=elements, mention=None,
                                        signed_by=f"{institution.upper()}")
        return None, paragraphs, [], [], {"kind": "motives", "motives_elements": elements}
    if doc_type == "Оценка на въздействие":
        full = rng.random() < (0.7 if _is_new_law(c) else 0.1)
        paragraphs, ia_elements = impact_assessment_paragraphs(rng, full=full, act=c.title, institution=institution)
        return None, paragraphs, [], [], {"kind": "impact_assessment_full" if full else "impact_assessment_partial",
                                          "ia_elements": ia_elements}
    if doc_type == "Становище на администрацията на Министерския съвет":
        if rng.random() < 0.2:
            return _scanned_pdf(), [], [], [], {"kind": "ia_opinion", "scanned": True}
        paragraphs = [
            "МИНИСТЕРСКИ СЪВЕТ",
            "Дирекция „Модернизация на администрацията“",
            f"Становище относно оценката на въздействието на проекта на {act}",
            f"Дирекция „Модернизация на администрацията“ разгледа оценката на въздействието, изготвена от "
            f"{institution}.",
            rng.choice(_AMS_NOTES),
            "Директор на дирекция „Модернизация на администрацията“",
        ]
        return None, paragraphs, [], [], {"kind": "ia_opinion"}
    if doc_type == SV.PROPOSALS_REPORT:
        head = ["СПРАВКА", f"за отразяване на становищата и предложенията по проекта на {act}"]
        if rng.random() < 0.15:
            head.append(f"В рамките на обществената консултация от {_fmt_date(c.date_open)} до "
                        f"{_fmt_date(c.date_close)} не са постъпили предложения и становища.")
            return None, head, [], [], {"kind": "consultation_report", "spravka": (0, 0, 0), "no_proposals": True}
        rows, counts = spravka_rows(rng)
        return None, head, rows, [institution.upper()], {"kind": "consultation_report", "spravka": counts}
    return None, [doc_type, f"към проекта на {act}"], [], [], {"kind": None}


# --------------------------------------------------------------------------- writer


def _write(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def _meta(path: Path, content_type: str, filename: str) -> None:
    meta = {"content_type": content_type, "headers": {"Content-Disposition": f'attachment; filename="{filename}"'}}
    path.with_name(path.name + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _served(seed: int, owner: str, owner_id: int, share: float) -> bool:
    return share >= 1.0 or _rng(seed, owner, owner_id, "share").random() < share


_CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "pdf": "application/pdf", "rtf": "application/rtf"}


def _render_pdf_file(job: tuple[str, tuple[str, ...], dt.date]) -> int:
    path, paragraphs, created = job
    body = render_pdf(paragraphs, created)
    _write(Path(path), body)
    return len(body)


def _pdf_pool(jobs: int, workers: int | None) -> ProcessPoolExecutor | None:
    """Worker processes for the PDFs (fpdf2 spends ~15 ms a file subsetting the font), when
    there are enough of them and the platform forks (workers start without re-importing)."""
    workers = min(os.cpu_count() or 1, 4) if workers is None else workers
    if workers < 2 or jobs < 24 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    _pdf_font()  # cut once, before the fork
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def write_documents(world: World, parliament_root: Path, strategy_root: Path, *, seed: int | None = None,
                    share: float = 1.0, workers: int | None = None) -> DocumentsManifest:
    """Write the files of `world`'s bills under `parliament_root` and of its consultations
    under `strategy_root` (the folders simulation.corpus.parliament / .strategy write_replay
    filled). `share`: the fraction of bills and of consultations whose files are served; the
    others' URLs answer the replay server's HTML shell, like a file gone from the site.
    `workers`: processes for the PDFs (default: the CPUs, at most 4; 1 = none)."""
    from simulation.corpus.vocab import COMMITTEES

    seed = world.seed if seed is None else seed
    parliament_root, strategy_root = Path(parliament_root), Path(strategy_root)
    manifest = DocumentsManifest()
    consultations = {c.id: c for c in world.consultations}
    bill_of_consultation = {cons: world.bill(bill_id) for bill_id, (cons, _dec, _k) in world.truth.items() if cons}
    current = max(a[0] for a in world.assemblies)

    # Bills first, PDFs only planned: they are rendered in worker processes while this one
    # writes the consultations' files.
    pdf_jobs: list[tuple[str, tuple[str, ...], dt.date]] = []
    pdf_entries: list[int] = []  # manifest index of each job
    for b in world.bills:
        if not _served(seed, "bill", b.id, share):
            manifest.left_out.append(("bill", b.id))
            continue
        payload = bill_payload(b, current_assembly=current)
        folder = payload["A_ns_folder"]
        for row in payload["file_list"]:
            name = row["FILENAME"]
            paragraphs, info = bill_file(world, b, seed=seed, consultations=consultations)
            url_path = f"/bills/{folder}/{name}"
            path = path_for(parliament_root, url_path)
            if name.lower().endswith(".rtf"):
                body = render_rtf(paragraphs)
                _write(path, body)
                manifest.files.append(WrittenFile(url_path, "bill", b.id, "rtf", size=len(body), **info))
            else:
                pdf_jobs.append((str(path), tuple(paragraphs), b.submitted_on))
                pdf_entries.append(len(manifest.files))
                manifest.files.append(WrittenFile(url_path, "bill", b.id, "pdf", **info))
        for row in payload["order"]:
            committees = [(COMMITTEES[b.lead_committee][1], "водеща")]
            committees += [(COMMITTEES[k][1], "участваща") for k in b.other_committees if k in COMMITTEES]
            url_path = f"/bills/{folder}/{row['FILENAME']}"
            pdf_jobs.append((str(path_for(parliament_root, url_path)), tuple(order_file(b, row["RN_DOC"], committees)),
                             b.submitted_on))
            pdf_entries.append(len(manifest.files))
            manifest.files.append(WrittenFile(url_path, "bill", b.id, "pdf", None, title=row["ANOT"]))

    for job in pdf_jobs:
        Path(job[0]).parent.mkdir(parents=True, exist_ok=True)
    pool = _pdf_pool(len(pdf_jobs), workers)
    try:
        sizes = pool.map(_render_pdf_file, pdf_jobs, chunksize=8) if pool else None

        for c in world.consultations:
            if not _served(seed, "consultation", c.id, share):
                manifest.left_out.append(("consultation", c.id))
                continue
            for doc_type, _day, file_id in c.documents:
                cached, paragraphs, table, after, info = consultation_file(
                    c, doc_type, file_id, seed=seed, bill=bill_of_consultation.get(c.id))
                body = cached if cached is not None else render_docx(paragraphs, table, after)
                fmt = "pdf" if cached is not None else "docx"
                url_path = f"/download/{file_id}"
                path = path_for(strategy_root, url_path)
                _write(path, body)
                _meta(path, _CONTENT_TYPES[fmt], f"{_DOWNLOAD_NAMES.get(doc_type, 'Dokument')}_{c.id}.{fmt}")
                manifest.files.append(WrittenFile(url_path, "consultation", c.id, fmt, title=doc_type,
                                                  size=len(body), **info))

        for index, size in zip(pdf_entries, sizes if sizes is not None else map(_render_pdf_file, pdf_jobs)):
            manifest.files[index] = replace(manifest.files[index], size=size)
    finally:
        if pool:
            pool.shutdown()
    return manifest
