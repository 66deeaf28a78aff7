"""Text extraction on generated bill/consultation files with known Bulgarian content."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crawlers.documents import ExtractionLimits, extract, normalize_text
from crawlers.documents.archive import member_name
from crawlers.documents.rtf import rtf_codepage
from simulation.samples import (
    BILL_PARAGRAPHS,
    MOTIVES_PARAGRAPHS,
    SPRAVKA_ROWS,
    make_docx,
    make_pdf,
    make_rtf,
    make_scanned_pdf,
    make_zip,
    write_large_pdf,
)

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def motives_pdf() -> bytes:
    return make_pdf(MOTIVES_PARAGRAPHS)


@pytest.fixture(scope="session")
def large_pdf(tmp_path_factory) -> Path:
    return write_large_pdf(tmp_path_factory.mktemp("large") / "52-602-01-43-annexes.pdf")


# --- normalisation -------------------------------------------------------------------

def test_normalize_joins_hyphenated_line_breaks_and_cleans_spaces():
    raw = "Законо-\nпроектът\u00a0за  из\u00adменение\x00 на\tЗакона\r\n\n\n\nза 2021-\n2027 г."
    assert normalize_text(raw) == "Законопроектът за изменение на Закона\n\nза 2021-\n2027 г."


def test_normalize_repairs_cp1251_read_as_cp1252():
    mojibake = "Мотиви към законопроекта".encode("cp1251").decode("cp1252")
    assert mojibake != "Мотиви към законопроекта"
    assert normalize_text(mojibake) == "Мотиви към законопроекта"


def test_normalize_fixes_latin_lookalikes_only_inside_cyrillic_words():
    # A Latin "a" and "o" inside Cyrillic words, as seen in parliament.bg headings.
    assert normalize_text("Зaкон зa eнергетиката, COVID-19, 12447-K") == "Закон за енергетиката, COVID-19, 12447-K"


# --- formats ---------------------------------------------------------------------------

def test_pdf_text_is_read_page_by_page(motives_pdf):
    result = extract(motives_pdf, "51-554-01-169.pdf", "application/pdf")
    assert result.ok, result.error
    assert (result.method, result.format, result.pages, result.is_scanned) == ("pdfminer", "pdf", 1, False)
    assert "Причини, които налагат приемането на закона" in result.text
    assert "Анализ за съответствие с правото на Европейския съюз" in result.text
    # The line broken as „законо-“ / „дателно“ in the source is joined again.
    assert "законодателно съответствие" in result.text


def test_multi_page_pdf_counts_pages():
    result = extract(make_pdf(BILL_PARAGRAPHS, pages=3), "bill.pdf")
    assert result.ok and result.pages == 3
    assert result.text.count("ЗАКОНОПРОЕКТ") == 3


def test_scanned_pdf_is_marked_not_empty():
    result = extract(make_scanned_pdf(pages=2), "motivi-scan.pdf")
    assert result.ok
    assert result.is_scanned is True
    assert result.pages == 2
    assert result.text == ""
    assert any("no text" in n and "images" in n for n in result.notes)


def test_broken_pdf_gives_clear_error_not_exception(motives_pdf):
    truncated = motives_pdf[: len(motives_pdf) // 3]
    result = extract(truncated, "52-602-01-43.pdf")
    assert not result.ok
    assert result.method == "pdfminer" and result.format == "pdf"
    assert "PDF" in result.error
    garbage = b"%PDF-1.7\n" + os.urandom(2000)
    assert extract(garbage, "x.pdf").error


def test_docx_paragraphs_and_table_rows_in_order():
    data = make_docx(BILL_PARAGRAPHS, SPRAVKA_ROWS)
    result = extract(data, "spravka.docx")
    assert result.ok and (result.method, result.format) == ("python-docx", "docx")
    lines = result.text.splitlines()
    assert lines[0] == "ЗАКОНОПРОЕКТ"
    assert "Сдружение А | Срокът да бъде удължен на 60 дни. | Не се приема | Срокът е съобразен" \
        in result.text
    assert lines.index("ЗАКОНОПРОЕКТ") < lines.index("Участник | Предложение | Приема/не приема | Мотиви")


def test_rtf_with_cp1251_escapes_as_parliament_serves():
    data = make_rtf(MOTIVES_PARAGRAPHS)
    assert b"\\'cc\\'ce\\'d2\\'c8\\'c2\\'c8" in data  # „МОТИВИ“ as \'xx escapes
    assert data.isascii()
    result = extract(data, "52-602-01-43.rtf", "application/rtf")
    assert result.ok and result.method == "striprtf"
    assert result.text.startswith("МОТИВИ\nкъм проекта на Закон за изменение")
    assert "Директива (ЕС) 2023/1791" in result.text


def test_rtf_hand_written_with_unicode_escapes_and_declared_1252_but_cyrillic_font():
    # Word sometimes declares \ansicpg1252 while the font is Cyrillic (\fcharset204).
    rtf = (rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fcharset204 Times New Roman;}}"
           rb"\f0 \'c7\'e0\'ea\'ee\'ed \u1079?\u1072? \'e5\'ed\'e5\'f0\'e3\'e5\'f2\'e8\'ea\'e0\'f2\'e0\par}")
    assert rtf_codepage(rtf) == "cp1251"
    assert extract(rtf, "a.rtf").text == "Закон за енергетиката"


def test_plain_text_in_cp1251_and_utf8():
    text = "Справка за отразяване на становищата"
    assert extract(text.encode("cp1251"), "spravka.txt").text == text
    assert extract(text.encode("utf-8"), "spravka.txt").text == text
    assert extract(b"\xef\xbb\xbf" + text.encode("utf-8"), "spravka.txt").text == text


def test_zip_members_are_extracted_each_with_its_own_result(motives_pdf):
    inner = make_zip({"Таблица.docx": make_docx(["Таблица за съответствие с правото на ЕС"])})
    data = make_zip({
        "Мотиви.pdf": motives_pdf,
        "Законопроект.rtf": make_rtf(BILL_PARAGRAPHS),
        "приложения.zip": inner,
    })
    result = extract(data, "52-602-01-43.zip")
    assert result.ok and result.method == "zip"
    names = [p.name for p in result.parts]
    assert names == ["Мотиви.pdf", "Законопроект.rtf", "приложения.zip"]
    assert result.parts[0].extraction.method == "pdfminer"
    assert result.parts[1].extraction.text.startswith("ЗАКОНОПРОЕКТ")
    nested = result.parts[2].extraction
    assert nested.parts[0].name == "Таблица.docx"
    assert "=== Мотиви.pdf ===" in result.text and "Таблица за съответствие" in result.text


def test_zip_member_names_in_cp866_are_decoded():
    data = make_zip({"Мотиви.rtf": make_rtf(["МОТИВИ"])}, name_codepage="cp866")
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    assert not info.flag_bits & 0x800
    assert info.filename != "Мотиви.rtf"  # zipfile alone reads it as cp437
    assert member_name(info) == "Мотиви.rtf"
    assert extract(data, "a.zip").parts[0].name == "Мотиви.rtf"


def test_zip_caps_members_and_bombs():
    limits = ExtractionLimits(zip_max_members=3, zip_max_ratio=100)
    many = make_zip({f"{i}.txt": f"файл {i}".encode() for i in range(10)})
    result = extract(many, "many.zip", limits=limits)
    assert len(result.parts) == 3
    assert any("DOCUMENTS_ZIP_MAX_MEMBERS" in n for n in result.notes)

    bomb = make_zip({"bomb.txt": b"\0" * (20 * 1024 * 1024), "ok.txt": "текст".encode()})
    result = extract(bomb, "bomb.zip", limits=limits)
    assert [p.name for p in result.parts] == ["ok.txt"]
    assert any("bomb.txt" in n and "zip bomb" in n for n in result.notes)


def test_zip_nesting_depth_is_capped():
    nested = make_zip({"a.txt": "текст".encode()})
    for _ in range(3):
        nested = make_zip({"inner.zip": nested})
    result = extract(nested, "deep.zip", limits=ExtractionLimits(zip_max_depth=2))
    deepest = result.parts[0].extraction.parts[0].extraction
    assert deepest.method == "skipped" and "DOCUMENTS_ZIP_MAX_DEPTH" in deepest.error


def test_oversized_file_is_skipped_with_a_note(motives_pdf, tmp_path):
    limits = ExtractionLimits(max_bytes=1000)
    result = extract(motives_pdf, "big.pdf", limits=limits)
    assert result.method == "skipped" and result.format == "pdf"
    assert "DOCUMENTS_MAX_BYTES" in result.error and result.text == ""
    path = tmp_path / "big.pdf"
    path.write_bytes(motives_pdf)
    assert extract(path, "big.pdf", limits=limits).method == "skipped"


def test_limits_from_settings_and_environment(monkeypatch):
    assert ExtractionLimits.from_settings({"DOCUMENTS_MAX_BYTES": "2048"}).max_bytes == 2048
    monkeypatch.setenv("LEXWATCH_DOCUMENTS_ZIP_MAX_MEMBERS", "7")
    assert ExtractionLimits.from_settings({}).zip_max_members == 7
    with pytest.raises(ValueError, match="DOCUMENTS_MAX_BYTES"):
        ExtractionLimits.from_settings({"DOCUMENTS_MAX_BYTES": "a lot"})


@pytest.mark.parametrize(
    "data,name,fmt,fragment",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "motivi.doc", "doc", "not supported"),
        ("<!DOCTYPE html><html><head><title>Народно събрание</title>".encode(), "52-602-01-43.pdf", "html", "HTML page"),
        (b"", "empty.pdf", "empty", "empty"),
        (b"PK\x03\x04broken", "broken.zip", "zip", "ZIP"),
        (b"PK\x03\x04broken", "broken.docx", "zip", "ZIP"),
        (b"Rar!\x1a\x07\x00", "a.rar", "rar", "not supported"),
    ],
)
def test_unsupported_or_wrong_files_give_an_error(data, name, fmt, fragment):
    result = extract(data, name)
    assert result.format == fmt
    assert result.error and fragment in result.error
    assert result.text == ""


def test_content_beats_the_name(motives_pdf):
    result = extract(motives_pdf, "1326478", "application/octet-stream")
    assert result.ok and result.format == "pdf"
    renamed = extract(motives_pdf, "motivi.docx")
    assert renamed.ok and any("named as docx but the content is pdf" in n for n in renamed.notes)


def test_to_dict_has_stable_keys():
    result = extract(make_zip({"a.txt": "текст".encode()}), "a.zip")
    d = result.to_dict()
    assert list(d) == ["method", "format", "pages", "is_scanned", "error", "notes", "chars", "parts"]
    assert d["parts"][0]["name"] == "a.txt"
    json.dumps(d)


# --- bounded memory ---------------------------------------------------------------------

_PROBE = """
import json, resource, sys
from crawlers.documents import extract
import crawlers.documents.pdf  # load every module before the baseline
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = extract(sys.argv[1])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"grown_kib": after - before, "pages": result.pages, "error": result.error,
                  "chars": len(result.text)}))
"""


@pytest.mark.slow
def test_memory_stays_bounded_on_a_50_mb_pdf(large_pdf):
    size = large_pdf.stat().st_size
    assert size >= 50 * 1024 * 1024
    # A fresh interpreter, so that peak RSS is the extraction's alone.
    done = subprocess.run([sys.executable, "-c", _PROBE, str(large_pdf)], capture_output=True, text=True,
                          cwd=REPO_ROOT, check=True)
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    assert probe["error"] is None and probe["pages"] == 100
    assert "Страница 100." in extract(large_pdf).text
    # Holding the file or its streams (pdfminer with object caching) grows RSS by more
    # than the file's size (~57 MiB measured); page-by-page reading stays far below.
    assert probe["grown_kib"] < 32 * 1024, probe
