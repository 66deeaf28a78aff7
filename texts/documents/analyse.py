"""Everything known about one document's text, as the JSON kept in `documents.analysis`.

Which analyses run depends on the classification: motives get the ЗНА чл. 28, ал. 2
structure, справки the CONS-06 reasons check, impact assessments the IA-04 checklist
(texts.documents.impact_assessment), bill texts the laws amended in their
ПЗР; every document is searched for consultation mentions (motives carry them most
often, but cover letters and reports do too). A file that holds several documents (a
bill with its motives) gets each analysis for the part it contains.
"""
from __future__ import annotations

from typing import Any

from texts.documents.bill_text import amended_laws_in_bill
from texts.documents.classify import Classification, DocumentKind, find_sections
from texts.documents.consultation_refs import find_consultation_refs
from texts.documents.impact_assessment import analyse_impact_assessment
from texts.documents.motives import analyse_motives
from texts.documents.spravka import analyse_spravka

# Stored with each analysis. Nothing re-analyses on a change: a document is analysed once, when
# a new content hash is stored (crawlers.documents.pipeline), so criteria read an analysis
# without a key (e.g. "impact_assessment", added in version 2) as made before that analyser.
ANALYSIS_VERSION = 2
_IA_KINDS = frozenset({DocumentKind.IMPACT_ASSESSMENT, DocumentKind.IMPACT_ASSESSMENT_PARTIAL,
                       DocumentKind.IMPACT_ASSESSMENT_FULL})


def _bill_part(text: str) -> str:
    for section in find_sections(text):
        if section.kind is DocumentKind.BILL_TEXT:
            return text[section.start:section.end]
    return text


def analyse_document(text: str, classification: Classification, *, bill_title: str | None = None,
                     is_scanned: bool = False) -> dict[str, Any]:
    kinds = {classification.kind, *classification.contains}
    result: dict[str, Any] = {"analysis_version": ANALYSIS_VERSION, "classification": classification.to_dict()}
    if is_scanned and not text.strip():
        # No text layer: the document exists but cannot be judged from text (not „empty motives“).
        result["unreadable"] = "scanned document without a text layer"
        return result
    if DocumentKind.MOTIVES in kinds:
        result["motives"] = analyse_motives(text).to_dict()
    if kinds & _IA_KINDS:
        form = ("full" if DocumentKind.IMPACT_ASSESSMENT_FULL in kinds
                else "partial" if DocumentKind.IMPACT_ASSESSMENT_PARTIAL in kinds else None)
        result["impact_assessment"] = analyse_impact_assessment(text, form).to_dict()
    if DocumentKind.CONSULTATION_REPORT in kinds:
        result["spravka"] = analyse_spravka(text).to_dict()
    if DocumentKind.BILL_TEXT in kinds:
        result["amended_laws"] = amended_laws_in_bill(_bill_part(text), bill_title)
    result["consultation_refs"] = find_consultation_refs(text).to_dict()
    return result
