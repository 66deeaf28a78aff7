"""The files of a consultation on strategy.bg: one per document version, its content after the
portal type — the draft act, the motives (or the report to the Council of Ministers), the impact
assessment, the administration's opinion on it (some scanned) and the справка."""
from __future__ import annotations

from core import strategy as SV
from simulation.corpus.documents.act_text import draft_paragraphs
from simulation.corpus.documents.formats import scanned_pdf
from simulation.corpus.documents.ia_opinion import ia_opinion_paragraphs
from simulation.corpus.documents.impact_assessment import impact_assessment_paragraphs
from simulation.corpus.documents.motives import motives_paragraphs, pick_motives_elements
from simulation.corpus.documents.spravka import spravka_document
from simulation.corpus.documents.wording import file_rng
from simulation.corpus.model import WorldBill, WorldConsultation
from simulation.corpus.vocab import MINISTRIES

# The file name of the download's Content-Disposition, by portal type.
_DOWNLOAD_NAMES = {
    SV.DRAFT: "Proekt", SV.MOTIVES: "Motivi", SV.REPORT: "Doklad", SV.IMPACT_ASSESSMENT: "OV",
    SV.MC_OPINION: "Stanovishte_AMS", SV.PROPOSALS_REPORT: "Spravka_predlozhenia",
}


def download_name(doc_type: str, consultation_id: int, fmt: str) -> str:
    return f"{_DOWNLOAD_NAMES.get(doc_type, 'Dokument')}_{consultation_id}.{fmt}"


def _act_of(c: WorldConsultation) -> str:
    return c.title.removeprefix("Проект на ").strip()  # "Закон за …", "Наредба за …", "Постановление …"


def _is_new_law(c: WorldConsultation) -> bool:
    title = c.title.lower()
    return title.startswith("проект на закон") and not any(w in title for w in ("изменение", "допълнение", "отмяна"))


def consultation_file(c: WorldConsultation, doc_type: str, file_id: int, *, seed: int, bill: WorldBill | None
                      ) -> tuple[bytes | None, list[str], list[list[str]], list[str], dict]:
    """(cached bytes or None, paragraphs, table rows, paragraphs after the table, manifest fields)."""
    rng = file_rng(seed, "consultation", c.id, str(file_id))
    act = _act_of(c)
    institution = MINISTRIES[c.ministry][1]
    if doc_type == SV.DRAFT:
        if not c.text_readable:  # a scanned draft (figures.DRAFT_TEXT_MISSING_SHARE): no text to compare
            return scanned_pdf(), [], [], [], {"kind": "bill_text", "scanned": True}
        paragraphs, other_laws = draft_paragraphs(rng, act, new_law=_is_new_law(c), bill=bill, provisions=c.provisions)
        return None, paragraphs, [], [], {"kind": "bill_text", "amended_laws": other_laws}
    if doc_type in (SV.MOTIVES, SV.REPORT):
        elements = pick_motives_elements(rng, council_of_ministers=True)
        paragraphs = motives_paragraphs(rng, of=f"проекта на {act}", elements=elements, mention=None,
                                        signed_by=f"{institution.upper()}")
        return None, paragraphs, [], [], {"kind": "motives", "motives_elements": elements}
    if doc_type == SV.IMPACT_ASSESSMENT:
        full = rng.random() < (0.7 if _is_new_law(c) else 0.1)
        paragraphs, ia_elements = impact_assessment_paragraphs(rng, full=full, act=c.title, institution=institution)
        return None, paragraphs, [], [], {"kind": "impact_assessment_full" if full else "impact_assessment_partial",
                                          "ia_elements": ia_elements}
    if doc_type == SV.MC_OPINION:
        if rng.random() < 0.2:
            return scanned_pdf(), [], [], [], {"kind": "ia_opinion", "scanned": True}
        return None, ia_opinion_paragraphs(rng, act=act, institution=institution), [], [], {"kind": "ia_opinion"}
    if doc_type == SV.PROPOSALS_REPORT:
        return None, *spravka_document(rng, act=act, date_open=c.date_open, date_close=c.date_close,
                                       institution=institution)
    return None, [doc_type, f"към проекта на {act}"], [], [], {"kind": None}
