"""The files of a bill on parliament.bg. A `file_list` file holds, like the real ones, the bill
text with its „Преходни и заключителни разпоредби“, then the motives („МОТИВИ“), for many bills a
partial or full impact assessment and, for a Council of Ministers bill since 2016, its справки.
A bill of the current assembly also has the chair's distribution order (разпореждане)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from core.parliament import BillStatus, Initiator
from texts.documents.consultation_refs import find_consultation_refs
from simulation.corpus.documents.act_text import act_paragraphs, entry_clause
from simulation.corpus.documents.impact_assessment import impact_assessment_paragraphs
from simulation.corpus.documents.motives import motives_paragraphs, pick_motives_elements
from simulation.corpus.documents.spravka import bill_spravka_paragraphs, echr_paragraphs
from simulation.corpus.documents.wording import file_rng, worded_date
from simulation.corpus.model import WorldBill


def _signed_by(b: WorldBill) -> str:
    if b.initiator == Initiator.COUNCIL_OF_MINISTERS:
        return f"ВНОСИТЕЛ: {Initiator.COUNCIL_OF_MINISTERS.bg}"
    names = ", ".join(" ".join(n.capitalize() for n in (m.names[0], m.names[2])) for m in b.mps)
    return f"Вносители: {names}" if len(b.mps) > 1 else f"Вносител: {names}"


def _institution(b: WorldBill) -> str:
    """The „Институция“ of a bill's impact assessment: its initiator („Народни представители“)."""
    return Initiator(b.initiator).bg.capitalize()


_REFORM = dt.date(2016, 11, 4)  # ЗИД ЗНА, ДВ бр. 34/2016: the справки regime of ПОДНС


def bill_file(b: WorldBill, *, seed: int) -> tuple[list[str], dict]:
    """The paragraphs of a bill's `file_list` file and what they contain (manifest fields)."""
    rng = file_rng(seed, "bill", b.id)
    cm = b.initiator == Initiator.COUNCIL_OF_MINISTERS
    subject = b.title.removeprefix("Законопроект").strip()  # "за изменение и допълнение на Закона за …"
    laws = list(b.amends_in_final_provisions)
    added_later: list[str] = []
    if laws and b.status == BillStatus.ADOPTED and rng.random() < 0.3:
        # A law the adopted text amends but the bill as submitted did not (a second-reading addition).
        added_later = [laws.pop()]
    ratifies = subject.removeprefix("за ратифициране на ").strip() if b.kind == "ratification" else None
    paragraphs = act_paragraphs(rng, heading=["ЗАКОНОПРОЕКТ", subject], kind=b.kind,
                                other_laws=laws, entry=None if ratifies else entry_clause(b), ratifies=ratifies,
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
            paragraphs += bill_spravka_paragraphs(subject)
            contains.append("consultation_report")
        if rng.random() < 0.85:
            paragraphs += echr_paragraphs(subject)
            contains.append("echr_compatibility")
    info = {
        "kind": "bill_text", "contains": tuple(contains), "motives_elements": elements, "ia_elements": ia_elements,
        "amended_laws": tuple(laws), "added_later": tuple(added_later),
        "consultation_id": stated.consultation_ids[0] if stated.consultation_ids else None,
        "consultation_dates": stated.dates[:2] if stated.dates else None,
    }
    return paragraphs, info


def order_file(b: WorldBill, reg: str, committees: Sequence[tuple[str, str]]) -> list[str]:
    """The chair's distribution order (разпореждане) of a bill of the current assembly;
    `committees`: (name, „водеща“ or „участваща“)."""
    who = "Министерския съвет" if b.initiator == Initiator.COUNCIL_OF_MINISTERS else Initiator.MPS.bg
    lines = [
        "РЕПУБЛИКА БЪЛГАРИЯ",
        "НАРОДНО СЪБРАНИЕ",
        "РАЗПОРЕЖДАНЕ",
        f"№ {reg}",
        f"На основание Правилника за организацията и дейността на Народното събрание разпределям "
        f"{b.title[0].lower() + b.title[1:]}, № {b.signature}, внесен от {who} на {worded_date(b.submitted_on)}, "
        "на следните постоянни комисии:",
    ]
    lines += [f"{name} – {role}" for name, role in committees]
    lines.append("Председател на Народното събрание")
    return lines

