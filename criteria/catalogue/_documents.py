"""What a bill's downloaded files can and cannot tell: shared by the criteria that look for a
document among them (MOT-03's справки, NA-DOC-01's text, motives and IA)."""
from __future__ import annotations

from typing import Any

from criteria.facts import Facts, doc_kinds

# The bill's own files on parliament.bg (crawlers.documents.targets downloads these and the
# chair's `order`, which is no document of the proposer).
OWN_FILE_ORIGINS = frozenset({"file_list", "static_file", "static_file_rtf", "static_archive"})
# Headings of a combined file beyond the bill and its motives: when some were found, the file's
# annexes were recognised, and one not among them is absent.
_ANNEX_KINDS = frozenset({"impact_assessment_partial", "impact_assessment_full", "impact_assessment", "ia_opinion",
                          "consultation_report", "eu_compatibility_table", "echr_compatibility", "report"})
# Extraction notes (crawlers.documents.pdf) saying part of the file was not read as text.
_NOT_READ_IN_FULL = ("DOCUMENTS_MAX_", "of them are images", "later pages not read")


def _primary_kind(d: Any) -> str | None:
    cls = (d.analysis or {}).get("classification")
    return d.classification or (cls.get("kind") if isinstance(cls, dict) else None)


def _read_in_full(d: Any) -> bool:
    extraction = (d.analysis or {}).get("extraction")
    if not d.has_text:
        return False
    if not isinstance(extraction, dict):
        return True
    notes = [str(n) for n in extraction.get("notes") or []]
    return not extraction.get("error") and not any(m in n for n in notes for m in _NOT_READ_IN_FULL)


def why_documents_cannot_tell(f: Facts) -> tuple[str, str] | None:
    """Why a справка not found may still be there (bg, en), or None when its absence is shown.

    Asked only when f.bill_documents_classified: some file besides the chair's order was classified."""
    own = [d for d in f.bill_documents if _primary_kind(d) != "order"]
    stored = {d.url for d in own}
    not_fetched = [fl.filename for fl in f.bill.files if fl.origin in OWN_FILE_ORIGINS and fl.url not in stored]
    if not_fetched:
        return (f"файловете {', '.join(not_fetched)} не са изтеглени.",
                f"the files {', '.join(not_fetched)} have not been downloaded.")
    partly = [d.filename or d.url for d in own if not _read_in_full(d)]
    if partly:
        return (f"част от текста на {', '.join(partly)} не е прочетена (ограничение или сканирани страници).",
                f"part of {', '.join(partly)} was not read as text (a limit, or scanned pages).")
    unknown_kind = [d.filename or d.url for d in own if _primary_kind(d) in (None, "other")]
    if unknown_kind:
        return (f"видът на {', '.join(unknown_kind)} не е разпознат.",
                f"what {', '.join(unknown_kind)} is could not be recognised.")
    if len({_primary_kind(d) for d in own}) >= 2:
        return None  # separate files, each recognised, none of them the справка
    headings = {k for d in own for k in doc_kinds(d)} & _ANNEX_KINDS
    if headings:
        return None  # a combined file whose annexes were recognised by their headings
    return ("законопроектът е в един файл заедно с мотивите и приложенията, а в него не са разпознати "
            "заглавия на приложенията.",
            "the bill is one file with its motives and annexes, and no annex heading was recognised in it.")


# --------------------------------------------------------------------------- MOT-04 budget impact
