"""Clean extracted text so that rules match the words, not the typesetting.

Word and PDF output of Bulgarian institutions carries soft hyphens, words split at line
ends („законо-\\nпроект“), no-break spaces, stray control characters (a NUL was seen in a
parliament.bg stenogram), the odd Latin letter inside a Cyrillic word, and text decoded
with the wrong code page (cp1252 instead of cp1251, which reads as „Ìîòèâè“).
"""
from __future__ import annotations

import re
import unicodedata

_CYR = "А-Яа-яЁёЍѝ"
_CYR_LOWER = "а-яёѝ"

# Space-like characters Word and PDF producers use; all become a plain space.
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v]")
# Zero-width characters and the soft hyphen carry nothing for a reader.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# C0/C1 control characters except newline (form feed is handled before, as a page break).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# A word broken at a line end: lowercase Cyrillic before and after the hyphen. Requiring a
# lowercase letter after the break keeps „2021-\n2027“ and „ЕС-\nБългария“ apart.
# PDF layout may put the two halves in separate text boxes, hence up to one blank line.
_HYPHEN_BREAK = re.compile(rf"([{_CYR}])[-\u2010\u2011]\n\n?([{_CYR_LOWER}])")
_MULTI_SPACE = re.compile(r" {2,}")
_MANY_NEWLINES = re.compile(r"\n{3,}")

# Latin letters that look like Cyrillic ones; used only inside words that already mix scripts.
_LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxYy", "АаВСсЕеНКМОоРрТХхУу")
_MIXED_WORD = re.compile(rf"\b(?=\w*[{_CYR}])(?=\w*[A-Za-z])\w+\b")

_MOJIBAKE_LETTERS = re.compile("[\u00c0-\u00ff]")
_CYRILLIC_LETTERS = re.compile(f"[{_CYR}]")
_LETTERS = re.compile(r"[^\W\d_]")


def repair_cp1251_mojibake(text: str) -> str:
    """Undo cp1251 bytes read as cp1252/latin-1 („Ìîòèâè“ → „Мотиви“), only when clearly so.

    Applied when most letters sit in À–ÿ and none is Cyrillic: genuine West-European text
    in these sources is rare, genuine mis-decoded Bulgarian is common in old RTF/TXT files.
    """
    letters = len(_LETTERS.findall(text))
    if not letters or _CYRILLIC_LETTERS.search(text):
        return text
    if len(_MOJIBAKE_LETTERS.findall(text)) / letters < 0.5:
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("cp1251")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def _fix_mixed_script(match: re.Match[str]) -> str:
    return match.group(0).translate(_LATIN_TO_CYRILLIC)


def normalize_text(text: str) -> str:
    """The normal form every extractor returns (NFC, one space, at most one blank line)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = repair_cp1251_mojibake(text)
    text = _MIXED_WORD.sub(_fix_mixed_script, text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    text = _MULTI_SPACE.sub(" ", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def decode_text_bytes(data: bytes) -> tuple[str, str]:
    """Decode a plain-text file: UTF-8 (with or without BOM), UTF-16 by BOM, else cp1251.

    cp1251 is the fallback because every non-UTF-8 Bulgarian government text file seen is
    Windows-1251; a byte string that is neither still decodes (with replacements) rather
    than failing.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace"), "cp1251"
