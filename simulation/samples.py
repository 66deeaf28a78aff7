"""Build realistic bill/consultation files with Bulgarian text, for tests, the benchmark
and the replay server. Nothing here is fetched: every file is generated.

PDF building needs the `dev` extra: fpdf2, and a TrueType font with Cyrillic glyphs,
taken from the font-roboto package (fpdf2's core fonts are Latin-1 only), else from
DejaVu Sans where the system has it.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import random
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

# Wording follows real motives submitted to the National Assembly (structure of ЗНА
# чл. 28, ал. 2); the content is invented for tests.
MOTIVES_PARAGRAPHS: tuple[str, ...] = (
    "МОТИВИ",
    "към проекта на Закон за изменение и допълнение на Закона за енергийната ефективност",
    "1. Причини, които налагат приемането на закона",
    "Законопроектът е разработен поради необходимостта от транспониране на Директива (ЕС) 2023/1791 "
    "и от прецизиране на правомощията на администрацията. Действащата уредба не позволява "
    "ефективен контрол върху изпълнението на индивидуалните цели за енергийни спестявания.",
    "2. Цели, които се поставят",
    "Основната цел на законопроекта е повишаване на енергийната ефективност в публичния сектор "
    "и укрепване на административния капацитет.",
    "3. Финансови и други средства, необходими за прилагането на новата уредба",
    "За прилагането на законопроекта не са необходими допълнителни финансови средства от "
    "държавния бюджет. Разходите ще бъдат за сметка на утвърдените бюджети на министерството.",
    "4. Очаквани резултати от прилагането, включително финансовите, ако има такива",
    "Очакваните резултати са по-висока степен на енергийни спестявания и по-добро законо-",
    "дателно съответствие.",
    "5. Анализ за съответствие с правото на Европейския съюз",
    "С проекта се въвеждат изискванията на Директива (ЕС) 2023/1791 и Директива (ЕС) 2024/1275. "
    "Законопроектът е в съответствие с правото на Европейския съюз.",
    "Проектът на закон е публикуван за обществена консултация на Портала за обществени консултации "
    "(https://strategy.bg/bg/public-consultations/12653) за срок от 30 дни, от 24.07.2026 г. до "
    "23.08.2026 г., с номер 12653-K.",
)

BILL_PARAGRAPHS: tuple[str, ...] = (
    "ЗАКОНОПРОЕКТ",
    "за изменение и допълнение на Закона за енергийната ефективност",
    "§ 1. В чл. 2 се създава ал. 3:",
    "„(3) Министърът на енергетиката осъществява контрол по прилагането на закона.“",
    "Преходни и заключителни разпоредби",
    "§ 2. В Закона за енергетиката (обн., ДВ, бр. 107 от 2003 г.) в чл. 4, ал. 2 се правят "
    "следните изменения:",
    "1. Точка 5 се отменя.",
    "§ 3. В Закона за устройство на територията (обн., ДВ, бр. 1 от 2001 г.) в чл. 169 се "
    "създава ал. 8.",
    "§ 4. Законът влиза в сила от деня на обнародването му в „Държавен вестник“.",
)

# Rows of a справка за отразяване на становищата: (who, proposal, decision, reasons).
SPRAVKA_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("Участник", "Предложение", "Приема/не приема", "Мотиви"),
    ("Сдружение А", "Срокът да бъде удължен на 60 дни.", "Не се приема",
     "Срокът е съобразен с изискванията на директивата, тъй като тя не допуска удължаване."),
    ("Петър Петров", "Да отпадне чл. 5.", "Приема се", ""),
    ("Фирма Б ЕООД", "Да се намалят глобите.", "Не се приема", ""),
)


def cyrillic_font_path() -> Path:
    """A TTF with Cyrillic glyphs: font-roboto (dev extra), else DejaVu Sans on the system."""
    try:
        import font_roboto

        return Path(font_roboto.Roboto)
    except (ImportError, AttributeError):
        pass
    for candidate in (
        os.environ.get("LEXWATCH_TEST_TTF", ""),
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    raise RuntimeError("no TrueType font with Cyrillic found: install the dev extra (font-roboto)")


def _new_pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_compression(True)
    pdf.add_font("body", "", str(cyrillic_font_path()))
    pdf.set_font("body", size=11)
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def make_pdf(paragraphs: Iterable[str], pages: int = 1) -> bytes:
    """A text PDF; with pages > 1 the paragraphs are repeated on each page."""
    pdf = _new_pdf()
    paragraphs = list(paragraphs)
    for _ in range(pages):
        pdf.add_page()
        for para in paragraphs:
            pdf.multi_cell(0, 6, para)
            pdf.ln(2)
    return bytes(pdf.output())


def _noise_jpeg(rng: random.Random, width: int, height: int, quality: int = 90) -> bytes:
    from PIL import Image

    image = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def _scan_jpeg(lines: Sequence[str]) -> bytes:
    """A 'photographed page': dark strokes where text lines would be, no glyphs."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    y = 150
    for line in lines:
        draw.rectangle((120, y, 120 + 14 * min(len(line), 75), y + 18), fill=40)
        y += 40
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70)
    return out.getvalue()


def make_scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are images only: no text layer, as a scanner produces."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    # A fixed creation date (fpdf2 writes the current time otherwise): the same scan, the same bytes.
    pdf.set_creation_date(dt.datetime(2026, 9, 11, 12, 0, tzinfo=dt.timezone.utc))
    for _ in range(pages):
        pdf.add_page()
        pdf.image(io.BytesIO(_scan_jpeg(MOTIVES_PARAGRAPHS)), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def write_large_pdf(path: Path, target_bytes: int = 50 * 1024 * 1024, pages: int = 100, seed: int = 7) -> Path:
    """A big PDF like a bill with scanned annexes: every page has Bulgarian text and a large
    incompressible picture, so the file reaches `target_bytes` with few pages."""
    rng = random.Random(seed)
    pdf = _new_pdf()
    per_page = max(target_bytes // pages, 10_000)
    side = 256
    while True:  # grow the picture until one JPEG is about `per_page` bytes
        picture = _noise_jpeg(rng, side, side)
        if len(picture) >= per_page or side > 4096:
            break
        side = int(side * (per_page / len(picture)) ** 0.5) + 16
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Страница {number}. " + " ".join(MOTIVES_PARAGRAPHS[2:6]))
        # A fresh picture per page: fpdf2 stores identical images once.
        pdf.image(io.BytesIO(_noise_jpeg(rng, side, side)), x=20, y=120, w=120)
    path.write_bytes(bytes(pdf.output()))
    return path


def make_docx(paragraphs: Iterable[str], table_rows: Sequence[Sequence[str]] = ()) -> bytes:
    import docx

    document = docx.Document()
    for para in paragraphs:
        document.add_paragraph(para)
    if table_rows:
        table = document.add_table(rows=0, cols=len(table_rows[0]))
        for row in table_rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rtf_escape(text: str, codepage: str = "cp1251") -> str:
    """Text as Word writes it into RTF: \\'xx for code-page bytes, \\uN? for the rest."""
    out: list[str] = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\par\n")
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                out.extend(f"\\'{b:02x}" for b in ch.encode(codepage))
            except UnicodeEncodeError:
                code = ord(ch)
                out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def make_rtf(paragraphs: Iterable[str], codepage: int = 1251, font_charset: int = 204) -> bytes:
    """An RTF file like the ones parliament.bg serves (Word, \\ansicpg1251, Cyrillic font)."""
    body = "\\par\n".join(rtf_escape(p, f"cp{codepage}") for p in paragraphs)
    doc = (
        f"{{\\rtf1\\ansi\\ansicpg{codepage}\\deff0\\deflang1026"
        f"{{\\fonttbl{{\\f0\\froman\\fcharset{font_charset} Times New Roman;}}}}"
        "{\\info{\\title Bill}}"
        f"\\pard\\plain\\f0\\fs24 {body}\\par\n}}"
    )
    return doc.encode("ascii")


class _LegacyNameInfo(zipfile.ZipInfo):
    """Writes the member name in a legacy code page without the UTF-8 flag."""

    codepage = "cp866"

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's own (private) hook
        return self.filename.encode(self.codepage), self.flag_bits & ~0x800


def make_zip(members: Mapping[str, bytes], name_codepage: str | None = None) -> bytes:
    """A ZIP; with name_codepage='cp866' member names are written the way Windows'
    built-in compressor does for Bulgarian names (OEM code page, no UTF-8 flag)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            if name_codepage:
                info: zipfile.ZipInfo = _LegacyNameInfo(name, date_time=(2026, 9, 11, 12, 0, 0))
                info.codepage = name_codepage  # type: ignore[attr-defined]
            else:
                info = zipfile.ZipInfo(name, date_time=(2026, 9, 11, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()
