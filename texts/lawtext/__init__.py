"""Text analysis of Bulgarian laws: parts, other laws amended via the ПЗР, entry into force.

`analyse_act(payload)` reads a raw parliament.bg `/api/v1/act/{id}` answer;
`analyse_body(html)` reads any law text in Word HTML (e.g. a bill as submitted).
"""
from texts.lawtext.amendments import AmendedLaw
from texts.lawtext.analysis import ActPayloadError, ActTextAnalysis, PartSummary, analyse_act, analyse_body
from texts.lawtext.entry_into_force import EntryIntoForceClause

__all__ = [
    "ActPayloadError", "ActTextAnalysis", "AmendedLaw", "EntryIntoForceClause", "PartSummary",
    "analyse_act", "analyse_body",
]
