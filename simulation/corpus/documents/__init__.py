"""Render a generated world's files: the bill files of parliament.bg and the consultation
documents of strategy.bg, under the URL paths the crawled records point to.

    manifest = write_documents(world, parliament_root, strategy_root)

- Bills (bill_files): `bills/{A_ns_folder}/{FILENAME}` for every `file_list` and `order` row of
  the bill answer that simulation.corpus.parliament writes (the same payload function, so names
  and folders cannot drift). A `file_list` file holds, like the real ones, the bill text with
  its „Преходни и заключителни разпоредби“, then the motives („МОТИВИ“) and, for many bills, a
  partial or full impact assessment. RTF (Word, cp1251) or PDF as its extension says.
- Consultations (consultation_files): `/download/{file_id}` for every document version, its
  content after the portal type: the draft act, the motives, the impact assessment (partial or
  full), the справка on the proposals received (accepted and rejected rows, with or without
  reasons) and the opinion of the Council of Ministers' administration (some of them scanned,
  with no text layer). DOCX, served with a Content-Disposition file name (inferred: the portal
  is a Laravel application, whose download responses send one; no real header was recorded).

Each file varies deterministically (seed, owner id): which of the five elements of ЗНА
чл. 28, ал. 2 the motives state, whether a Council of Ministers bill's motives mention its
consultation (reg_num and dates from `world.truth`), whether a law amended in the final
provisions of the law as adopted was already in the bill as submitted, the справка's rows.
What went into each file is returned in a `DocumentsManifest`, so tests can compare the
analysis with what was written.

One module per kind of document — motives, act_text (bill text and draft act),
impact_assessment, ia_opinion, spravka — which bill_files and consultation_files put together;
formats turns paragraphs into RTF, PDF and DOCX bytes; writer writes them (see formats for speed).
"""
from simulation.corpus.documents.impact_assessment import IA_ELEMENTS, IA_PARTIAL_ELEMENTS
from simulation.corpus.documents.manifest import DocumentsManifest, WrittenFile
from simulation.corpus.documents.motives import MOTIVES_ELEMENTS
from simulation.corpus.documents.writer import write_documents

__all__ = ["IA_ELEMENTS", "IA_PARTIAL_ELEMENTS", "MOTIVES_ELEMENTS", "DocumentsManifest", "WrittenFile",
           "write_documents"]
