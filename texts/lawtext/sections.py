"""The parts of a law's text and their §§.

A Bulgarian law ends with "Допълнителни разпоредби" (definitions), "Преходни разпоредби",
"Заключителни разпоредби" or the merged "Преходни и заключителни разпоредби" (ПЗР), numbered
in §§ rather than articles. An amending law (ЗИД) is §§ throughout, its own closing part
follows the same headings. Text inserted into another law is quoted („…“) and may contain
such headings and §§ of its own; those are not parts of this law, so paragraphs inside an
open quotation are never taken as headings or § starts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_PART_WORD = r"(?:допълнителн|преходн|заключителн)[аи]"
_HEADING = re.compile(rf"{_PART_WORD}(?:(?:,|и){_PART_WORD})*разпоредб[аи]")
_KIND_OF_WORD = {"допълнителн": "additional", "преходн": "transitional", "заключителн": "final"}
_PARA_START = re.compile(r"^§\s*(\d+[а-я]?)\.\s*(.*)$", re.S)
# The closing formula of every promulgated law; what follows is signatures and annexes.
_ADOPTED = re.compile(r"^(?:Законът|Кодексът)\s+е\s+приет\s+от\b"
                      # a bill as submitted: its motives or the sponsors' signatures follow the text
                      r"|^(?:МОТИВИ|Мотиви\s+към)\b|^ВНОСИТЕЛ(?:И)?\s*:?")
_ANNEX = re.compile(r"^Приложение(?:\s+№?\s*\d+)?(?:\s+към\b.*)?$", re.I)
_OPENERS = "„"
_CLOSERS = "“”"
_QUOTED = re.compile(r"„[^„“”]*[“”]")


@dataclass
class Paragraph:
    """One § with all its lines (items, letters, quoted insertions)."""

    number: str
    part: str
    lines: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"§ {self.number}"

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def own_text(self) -> str:
        """The § without the text it quotes (insertions into other laws, replaced words)."""
        return strip_quotations(self.text)


@dataclass
class Part:
    kind: str  # main | additional | transitional | final | transitional_final | ...
    heading: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    loose_lines: list[str] = field(default_factory=list)  # lines before the first §


def strip_quotations(text: str) -> str:
    """Replaces every „…“ (innermost first, across lines) with „…“, except „Държавен вестник“."""
    text = text.replace("„Държавен вестник“", "\x01ДВ\x02")
    while True:
        new = _QUOTED.sub("\x01…\x02", text)
        if new == text:
            break
        text = new
    return text.replace("\x01ДВ\x02", "„Държавен вестник“").replace("\x01", "„").replace("\x02", "“")


def heading_kind(paragraph: str) -> str | None:
    """'transitional_final' for "Преходни и заключителни разпоредби" (also letter-spaced); else None."""
    compact = re.sub(r"\s+", "", paragraph.lower())
    if len(compact) > 80 or not _HEADING.fullmatch(compact):
        return None
    kinds = [k for stem, k in _KIND_OF_WORD.items() if stem in compact]
    return "_".join(kinds)


_BLOCK_CLOSE = re.compile(r"[“”][\s.;,:)]*$")


def quote_depths(paragraphs: list[str]) -> list[int]:
    """For each paragraph, 1 if it lies inside a quotation opened by an earlier paragraph.

    Inserted text opens with „ at the start of a paragraph and closes with “ at the end of
    its last one. Quotes inside a paragraph are not counted: the Gazette often closes a
    nested quotation and its outer one with a single “, which would leave a count open.
    """
    depths, inside = [], False
    for p in paragraphs:
        depths.append(1 if inside else 0)
        opens = sum(p.count(c) for c in _OPENERS)
        closes = sum(p.count(c) for c in _CLOSERS)
        if inside:
            inside = not (_BLOCK_CLOSE.search(p) and closes > opens)
        elif p.startswith("„"):
            inside = not (_BLOCK_CLOSE.search(p) and closes >= opens)
    return depths


def split_parts(paragraphs: list[str]) -> list[Part]:
    """The law's parts in order: a 'main' part, then each supplementary part with its §§."""
    depths = quote_depths(paragraphs)
    if depths and depths[-1] > 0 and not any(heading_kind(p) for p, d in zip(paragraphs, depths) if d == 0):
        # Unbalanced quotes made everything look quoted; better to read it unquoted.
        depths = [0] * len(paragraphs)
    parts = [Part(kind="main", heading=None)]
    current: Paragraph | None = None
    for text, depth in zip(paragraphs, depths):
        if depth == 0:
            if _ADOPTED.match(text) or (_ANNEX.match(text) and len(text) < 120):
                break
            kind = heading_kind(text)
            if kind:
                parts.append(Part(kind=kind, heading=text))
                current = None
                continue
            m = _PARA_START.match(text)
            if m:
                current = Paragraph(number=m.group(1), part=parts[-1].kind, lines=[text])
                parts[-1].paragraphs.append(current)
                continue
        if current is not None:
            current.lines.append(text)
        else:
            parts[-1].loose_lines.append(text)
    return parts


def supplementary_parts(parts: list[Part]) -> list[Part]:
    return [p for p in parts if p.kind != "main"]
