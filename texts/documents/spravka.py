"""Quality of a справка on a consultation — the data for CONS-06.

ЗНА чл. 26, ал. 5 wants the справка to give reasons for the proposals not accepted.
Every „не се приема“ (or „приема се частично“, whose rejected part needs reasons too)
is a rejected row; its reason is the text that follows the decision up to the next row
or decision. A reason counts if it says why (a connective such as „тъй като“, „поради“,
„предвид“, a reference to a provision, or a real sentence), not if the cell is empty or
repeats the decision.

Rows come from DOCX/XLSX tables as „cell | cell | cell“ lines (see crawlers/documents);
PDF tables arrive as running text, where the next decision or numbered row ends a row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from texts.documents.text_forms import passage

_FLAGS = re.IGNORECASE

# The decision phrases of a справка: „Не се приема“, „Приема се“, „Приема се частично“,
# „Приема се по принцип“, „Отчетено“, „Взето предвид“ (and a bare „Приема“/„Приета“ or
# „Неприето“ as a whole table cell). Every phrase must end at a word's end: proposals and
# reasons are full of the same stem („приемането“, „приетите“, „неприемане“, „приетата
# практика“). Python's `\w`/`\b` on str patterns are Unicode, so they bound Cyrillic words.
# A column header („Приема / не приема“, „Приети/неприети“) is not a decision: no phrase may
# touch a slash.
_WORD_START = r"(?<![/\w])"
_WORD_END = r"(?!\w)(?!\s*/)"
# Short verdicts that are decisions only where a cell, line or sentence starts with them.
_CELL_START = r"(?:^|(?<=\|)|(?<=[|.!?:;]\s))[ \t]*"
_DECISION = re.compile(
    rf"{_WORD_START}(?P<reject>не\s+се\s+(?:приема(?:т)?|възприема(?:т)?|подкрепя(?:т)?)|не\s+приема(?:ме)?"
    rf"|неприет[оаи]?|отхвърля(?:т)?\s+се|отхвърлен[оаи]?){_WORD_END}"
    rf"|{_WORD_START}(?P<partial>(?:приема(?:т)?\s+се|приема(?:ме)?)\s+частично"
    rf"|частично\s+(?:се\s+)?(?:приема(?:т)?|приет[оаи]?)(?:\s+се)?){_WORD_END}"
    rf"|(?P<accept>{_WORD_START}(?:(?:приема(?:т)?\s+се|се\s+приема(?:т)?)(?:\s+по\s+принцип)?"
    rf"|приема(?:ме)?\s+по\s+принцип){_WORD_END}(?!\s+частично)"
    rf"|{_CELL_START}(?:(?:приема(?:ме)?|приет[оаи]?)(?=[ \t]*(?:[|.,;]|$))"
    rf"|(?:отчетен[оаи]?|взет[оаи]?\s+(?:е\s+|са\s+)?предвид){_WORD_END}(?!\s+частично)))",
    _FLAGS | re.MULTILINE,
)
_HEADER = re.compile(r"приема\w*\s*/\s*(?:не\s*приема|неприе)\w*|приет\w*\s*/\s*неприет\w*", _FLAGS)
_REASON_WORDS = re.compile(
    r"\b(?:тъй\s+като|защото|поради|предвид|с\s+оглед|доколкото|понеже|мотиви|обосновка|"
    r"противоречи|не\s+(?:е|са)\s+(?:в\s+съответствие|съобразен|относим|необходим|целесъобразн|предмет)|"
    r"вече\s+(?:е|са)\s+(?:уреден|предвиден|регламентиран)|съгласно|съобразно|чл\.\s*\d+|"
    r"директива|регламент|извън\s+(?:обхвата|предмета))",
    _FLAGS,
)
_ROW_START = re.compile(r"\n\s*(?:\d{1,3}[.)]\s|[-•]\s)")
_NO_PROPOSALS = re.compile(
    r"\bне\s+(?:са\s+)?(?:постъпи(?:ли|ха)|получени|са\s+получени)\s+(?:предложения|становища|коментари|бележки)",
    _FLAGS)
_MIN_REASON_LETTERS = 25


@dataclass(frozen=True)
class RejectedRow:
    decision: str  # the words: „Не се приема“, „Приема се частично“
    passage: str  # the row or sentence, for evidence
    reason: str  # the text taken as the reason (may be empty)
    has_reason: bool
    start: int

    def to_dict(self) -> dict[str, object]:
        return {"decision": self.decision, "passage": self.passage, "reason": self.reason,
                "has_reason": self.has_reason, "start": self.start}


@dataclass(frozen=True)
class SpravkaAnalysis:
    accepted: int
    rejected_rows: tuple[RejectedRow, ...]
    no_proposals_notice: bool  # „не са постъпили предложения“: a valid справка with nothing to answer

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def with_reasons(self) -> int:
        return sum(r.has_reason for r in self.rejected_rows)

    @property
    def reasons_share(self) -> float | None:
        return self.with_reasons / self.rejected if self.rejected else None

    def to_dict(self) -> dict[str, object]:
        return {"accepted": self.accepted, "rejected": self.rejected, "with_reasons": self.with_reasons,
                "reasons_share": self.reasons_share, "no_proposals_notice": self.no_proposals_notice,
                "rejected_rows": [r.to_dict() for r in self.rejected_rows]}


def _letters(value: str) -> int:
    return sum(ch.isalpha() for ch in value)


def _reason_is_given(reason: str) -> bool:
    return bool(_REASON_WORDS.search(reason)) or _letters(reason) >= _MIN_REASON_LETTERS


def _table_row_end(text: str, start: int) -> int | None:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    return line_end if " | " in text[line_start:line_end] else None


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_DONE = re.compile(r"[.!?…]\s*$")


def _running_reason(text: str, start: int, end: int) -> str:
    """The reason after a decision in running (PDF) text.

    Table cells come out of a PDF as paragraphs. A reason continues into the next
    paragraph only while its sentence is unfinished; right after a bare decision, the next
    paragraph is taken only if it reads as a reason — otherwise it is the next row
    (participant, proposal), which must not pass for a reason.
    """
    paragraphs = _PARAGRAPH_BREAK.split(text[start:end])
    reason = paragraphs[0]
    for para in paragraphs[1:]:
        if not reason.strip():
            if _REASON_WORDS.search(para):
                reason = para
                continue
            break
        if _SENTENCE_DONE.search(reason):
            break
        reason += " " + para
    return reason


def _row_bounds(text: str, start: int, next_decision: int) -> tuple[int, bool]:
    table_end = _table_row_end(text, start)
    if table_end is not None:
        return table_end, True  # a table row: the reason is in the same row
    row = _ROW_START.search(text, start)
    candidates = [next_decision, len(text), start + 800]
    if row:
        candidates.append(row.start())
    return min(candidates), False


def analyse_spravka(text: str) -> SpravkaAnalysis:
    decisions = [m for m in _DECISION.finditer(text) if not _HEADER.search(text, max(0, m.start() - 12), m.end() + 12)]
    accepted = 0
    rows: list[RejectedRow] = []
    for index, match in enumerate(decisions):
        if match.group("accept"):
            accepted += 1
            continue
        next_decision = decisions[index + 1].start() if index + 1 < len(decisions) else len(text)
        end, in_table = _row_bounds(text, match.end(), next_decision)
        raw = text[match.end():end] if in_table else _running_reason(text, match.end(), end)
        reason = " ".join(raw.replace("|", " ").split()).strip(" .,;:-–")
        if in_table:
            evidence = " ".join(text[text.rfind("\n", 0, match.start()) + 1:end].split())
        else:
            evidence = passage(text, match.start(), match.end(), limit=400)
        rows.append(RejectedRow(
            decision=" ".join(match.group(0).split()),
            passage=evidence,
            reason=reason,
            has_reason=_reason_is_given(reason),
            start=match.start(),
        ))
    return SpravkaAnalysis(accepted, tuple(rows), bool(_NO_PROPOSALS.search(text)))
