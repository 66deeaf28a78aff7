"""D. Motives and supporting documents, ЗНА чл. 28 and ПОДНС (research/criteria.md §4 D): MOT-01 … MOT-04.

These read the bill's downloaded files as classified and analysed by texts.documents
(`documents.classification`, `documents.analysis["motives"]`); until a bill's files are
downloaded, classified and readable they are UNKNOWN.
"""
from __future__ import annotations

import re
from typing import Any

from criteria.catalogue._common import bill_evidence
from criteria.catalogue._documents import why_documents_cannot_tell
from criteria.criterion import ANY, COM, Result, criterion, fail, not_applicable, passed, unknown, warn
from texts.documents.impact_assessment import budget_statement
from texts.documents.motives import LABELS_EN as MOTIVES_LABELS_EN
from criteria.facts import Facts
from criteria.principles import Principle as P

RIA = "impact_assessment"
SE = "stakeholder_engagement"


def _motives_files(f: Facts) -> list[str]:
    return sorted({d.url for d in f.bill_doc_kinds.get("motives", [])})


@criterion(
    "MOT-01", "Законопроектът е внесен с мотиви", "Motives present",
    group="motives", principles=(P.JUSTIFICATION,), initiators=ANY,
    legal_basis="ЗНА чл. 28, ал. 1 и ал. 3/4 (проект без мотиви не се обсъжда); ПОДНС (не се разпределя)",
    confidence="R/C2",
)
def mot_01(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 28(1) [R] and its paragraph "a draft without motives is not discussed" [C2, number R];
    ПОДНС: a bill without motives is not distributed to committees [C2]. FAIL if no motives are found
    among the bill's classified files; PASS otherwise."""
    files = _motives_files(f)
    ev: dict[str, Any] = {**bill_evidence(f), "motives_files": files,
                          "bill_files": [fl.filename for fl in f.bill.files]}
    if files:
        return passed("Мотивите са сред документите на законопроекта.", "The motives are among the bill's documents.", ev)
    if f.bill_documents_classified:
        ev["bill_document_kinds"] = sorted(f.bill_doc_kinds)
        return fail("Сред документите на законопроекта няма мотиви.", "No motives were found among the bill's documents.", ev)
    return unknown("Файловете на законопроекта още не са изтеглени, класифицирани или четими.",
                   "The bill's files have not yet been downloaded, classified, or could not be read.", ev)


def _best_motives(f: Facts) -> tuple[dict[str, Any], str] | None:
    best = None
    for d in f.bill_documents:
        m = (d.analysis or {}).get("motives")
        if isinstance(m, dict) and isinstance(m.get("found"), int):
            if best is None or m["found"] > best[0]["found"]:
                best = (m, d.url)
    return best


@criterion(
    "MOT-02", "Петте задължителни елемента на мотивите", "The five mandatory elements of the motives",
    group="motives", principles=(P.JUSTIFICATION, P.NECESSITY, P.PROPORTIONALITY), initiators=ANY,
    legal_basis="ЗНА чл. 28, ал. 2, т. 1–5", confidence="C2",
    settings=("pass_elements", "warn_elements"), composite=((RIA, "methodology"),),
)
def mot_02(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 28(2) [C2]: the motives state 1. the reasons, 2. the objectives, 3. the financial and
    other means, 4. the expected results, financial ones included, 5. an analysis of compliance with
    EU law; an explicit "не се налага / не е приложимо" counts as present. PASS 5/5, WARN 3–4,
    FAIL ≤ 2 (texts.documents.motives finds each element with its passage)."""
    best = _best_motives(f)
    ev: dict[str, Any] = bill_evidence(f)
    if best is None:
        if f.bill_documents_classified and not _motives_files(f):
            return not_applicable("Няма мотиви (виж MOT-01).", "There are no motives (see MOT-01).", ev)
        return unknown("Текстът на мотивите не е изтеглен и анализиран.", "The motives' text has not been analysed.", ev)
    m, url = best
    found, of = m["found"], m.get("of", 5)
    ev.update(motives_file=url, elements_found=found, elements_of=of, missing=list(m.get("missing") or []),
              elements=[{"key": e.get("key"), "present": e.get("present"), "explicit_na": e.get("explicit_na"),
                         "passage": (e.get("evidence") or [{}])[0].get("passage")} for e in m.get("elements") or []])
    # The elements' words, never their keys: the analysis carries each element's Bulgarian label.
    labels = {e.get("key"): e.get("label") for e in m.get("elements") or []}
    missing_bg = "; ".join(str(labels.get(k) or k) for k in m.get("missing") or []) or "—"
    missing_en = "; ".join(MOTIVES_LABELS_EN.get(k, k) for k in m.get("missing") or []) or "—"
    text_bg, text_en = f"Мотивите съдържат {found} от {of} елемента по чл. 28, ал. 2 ЗНА (липсват: {missing_bg}).", \
        f"The motives contain {found} of the {of} elements of ЗНА art. 28(2) (missing: {missing_en})."
    if found >= s["pass_elements"]:
        return passed(f"Мотивите съдържат всичките {of} елемента по чл. 28, ал. 2 ЗНА.",
                      f"The motives contain all {of} elements of ЗНА art. 28(2).", ev)
    if found >= s["warn_elements"]:
        return warn(text_bg, text_en, ev)
    return fail(text_bg, text_en, ev)


@criterion(
    "MOT-03", "Справки към законопроектите на МС", "Справки accompanying Council of Ministers bills",
    group="motives", principles=(P.COHERENCE, P.OPENNESS), initiators=COM, from_reform=True,
    legal_basis="ПОДНС (от 2016 г.): таблица за съответствие с правото на ЕС, справка за становищата, справка за съответствие с ЕКПЧ",
    confidence="C2", composite=((SE, "oversight"),),
)
def mot_03(f: Facts, s: dict[str, Any]) -> Result:
    """ПОДНС as amended in 2016 [C2]: a CoM bill comes with (a) a table of compliance with EU law when it
    harmonises, (b) a справка of the opinions received, (c) a справка of compliance with the ECHR.
    PASS when all required are among the bill's documents. A missing one is FAIL only when the
    documents were read and positively lack it: separate files none of which is it, or a combined
    file read in full whose annex headings were found and none is it. On parliament.bg a CoM bill
    usually has ONE file (text, motives and annexes together, e.g. 52-602-01-43.rtf of bill 167546):
    without recognisable annex headings, or with files not downloaded, not fully read or not
    recognised, the verdict is UNKNOWN. N/A for MP bills."""
    kinds = f.bill_doc_kinds
    ev: dict[str, Any] = {**bill_evidence(f), "bill_document_kinds": sorted(kinds)}
    if not f.bill_documents_classified:
        return unknown("Файловете на законопроекта още не са изтеглени, класифицирани или четими.",
                       "The bill's files have not yet been downloaded, classified, or could not be read.", ev)
    transposes = False
    best = _best_motives(f)
    if best:
        for e in best[0].get("elements") or []:
            if e.get("key") == "eu_law" and any(x.get("rule") == "transposes" for x in e.get("evidence") or []):
                transposes = True
    ev["motives_say_transposes"] = transposes
    missing = []
    if transposes and "eu_compatibility_table" not in kinds:
        missing.append("таблица за съответствие с правото на ЕС")
    if "consultation_report" not in kinds:
        missing.append("справка за постъпилите становища")
    if "echr_compatibility" not in kinds:
        missing.append("справка за съответствие с ЕКПЧ")
    ev["missing"] = missing
    if not missing:
        return passed("Законопроектът е придружен от изискваните справки.", "The bill carries the required справки.", ev)
    why = why_documents_cannot_tell(f)
    ev["documents_tell"] = why is None
    if why is not None:
        ev["cannot_tell"] = why[1]
        return unknown(f"Не са открити: {', '.join(missing)}; {why[0]}",
                       f"Not found: {len(missing)} of the справки ПОДНС requires ({', '.join(missing)}); {why[1]}", ev)
    return fail(f"Към законопроекта липсват: {', '.join(missing)}.",
                f"The bill lacks {len(missing)} of the справки ПОДНС requires: {', '.join(missing)}.", ev)


# A financial justification attached as a file of its own („Финансова обосновка“, „Fin_obosnovka.docx“).
_JUSTIFICATION_FILE = re.compile(r"финансов\w*\s+обосновк|\bfin\w*[\s_.\-]*obosnovk", re.IGNORECASE)


def _budget_passages(f: Facts) -> tuple[list[dict[str, Any]], set[str]]:
    """What the motives (ЗНА чл. 28, ал. 2, т. 3, as texts.documents.motives found it) and the
    impact assessments (element 8 of IA-04) say about money, passage by passage, with their files;
    and the IA analyser's own reading of its budget section."""
    passages: list[dict[str, Any]] = []
    section_statements: set[str] = set()
    for d in _texts(f):
        analysis = d.analysis or {}
        for source, key, block in (("motives", "means", analysis.get("motives")),
                                   ("impact_assessment", "budget", analysis.get("impact_assessment"))):
            if not isinstance(block, dict):
                continue
            for e in block.get("elements") or []:
                if e.get("key") != key or not e.get("present"):
                    continue
                for x in e.get("evidence") or []:
                    text = str(x.get("passage") or "")
                    passages.append({"source": source, "url": d.url, "passage": text,
                                     "reads_as": budget_statement([text])})
                statement = (e.get("details") or {}).get("statement")
                if isinstance(statement, str):
                    section_statements.add(statement)
    return passages, section_statements


def _texts(f: Facts) -> list[Any]:
    """The bill's files and its consultation's."""
    return list(f.bill_documents) + (f.consultation_documents(f.consultation) if f.consultation else [])


def _justification_files(f: Facts) -> list[str]:
    names = [(fl.url, fl.filename, fl.annotation) for b in f.ini.bills for fl in b.files]
    names += [(d.url, d.filename, d.title) for d in f.ini.documents]
    if f.consultation is not None:
        names += [(d.url, None, d.description) for d in f.consultation.documents]
    return sorted({url for url, *texts in names if any(t and _JUSTIFICATION_FILE.search(t) for t in texts)})


@criterion(
    "MOT-04", "Финансова обосновка при въздействие върху бюджета", "Financial justification when there is a budget impact",
    group="motives", principles=(P.JUSTIFICATION,), initiators=ANY,
    legal_basis="ЗНА чл. 28, ал. 2, т. 3 (финансовите и други средства); УПМС (финансова обосновка, становище на "
                "Министерството на финансите)",
    confidence="C2/R/P", settings=("no_impact_passes",), composite=((RIA, "methodology"),),
)
def mot_04(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 28(2) т. 3 [C2]: the motives state the financial means the act needs; УПМС requires a
    financial justification and the Ministry of Finance's opinion for CoM drafts with a budget effect [R].
    Reads the passages texts.documents.motives found for element 3 and the IA analyser's budget
    element (bill and consultation files). WARN if a budget impact is stated but nowhere quantified (no
    amount in лв./евро, no „финансова обосновка“ named or attached) [P]; PASS if it is quantified, or if
    the documents say there is no budget impact („не са необходими допълнителни средства“,
    `no_impact_passes` [P]); N_A if they say nothing about money (MOT-02 counts that gap); UNKNOWN
    while no motives or IA text is analysed."""
    passages, sections = _budget_passages(f)
    files = _justification_files(f)
    ev: dict[str, Any] = {**bill_evidence(f), "budget_passages": passages[:8], "justification_files": files}
    if f.consultation is not None:
        ev["consultation_url"] = f.consultation.source_url
    texts_read = any(isinstance((d.analysis or {}).get(k), dict) for d in _texts(f)
                     for k in ("motives", "impact_assessment"))
    if not texts_read:
        if f.bill_documents_classified and not _motives_files(f) and not any(
                k.startswith("impact_assessment") for k in f.bill_doc_kinds):
            return not_applicable("Няма мотиви и оценка на въздействието (виж MOT-01, IA-01).",
                                  "There are neither motives nor an impact assessment (see MOT-01, IA-01).", ev)
        return unknown("Текстът на мотивите и на оценката на въздействието не е изтеглен и анализиран.",
                       "The text of the motives and of the impact assessment has not been analysed.", ev)
    readings = {p["reads_as"] for p in passages if p["reads_as"]} | sections
    if files:
        readings.add("quantified")
    statement = next((r for r in ("quantified", "stated", "none") if r in readings), None)
    ev["statement"] = statement
    if statement == "quantified":
        return passed("Въздействието върху бюджета е посочено с размер или с финансова обосновка.",
                      "The budget impact is quantified or backed by a financial justification.", ev)
    if statement == "stated":
        return warn("Документите посочват въздействие върху бюджета, но без размер и без финансова обосновка.",
                    "The documents state a budget impact but give no amount and no financial justification.", ev,
                    confidence="P")
    if statement == "none" and s["no_impact_passes"]:
        return passed("Документите посочват, че не са необходими допълнителни бюджетни средства.",
                      "The documents state that no additional budget funds are needed.", ev, confidence="P")
    if statement == "none":
        return not_applicable("Документите посочват, че няма въздействие върху бюджета.",
                              "The documents state there is no budget impact.", ev)
    return not_applicable("Мотивите и оценката не казват нищо за въздействието върху бюджета (виж MOT-02).",
                          "The motives and the IA say nothing about a budget impact (see MOT-02).", ev)
