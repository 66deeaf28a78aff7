"""C. Impact assessment, ЗНА Chapter Two (research/criteria.md §4 C): IA-01 … IA-05, IA-07.

The IA regime (ЗНА чл. 18а, 19–23 and the Наредба за обхвата и методологията за оценка на
въздействието) applies to drafts submitted from 04.11.2016. Documents are recognised by the
portal's document type on strategy.bg and by texts.documents' classification of the
downloaded files; a bill whose files were not yet downloaded and classified is UNKNOWN,
never FAIL.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from core.parliament import PortfolioExclusion
from criteria.catalogue._common import bill_evidence, consultation_evidence, consultation_or_none, fmt, is_new_law, status_label
from criteria.criterion import ANY, COM, Result, criterion, fail, not_applicable, passed, unknown, warn
from texts.documents.impact_assessment import LABELS_EN as IA_LABELS_EN
from criteria.facts import DOC_IA, DOC_IA_OPINION, UNTYPED, Facts, doc_kinds, iso
from criteria.initiative import Document
from texts.lawtext.numbers import add_months
from criteria.principles import Principle as P

RIA = "impact_assessment"
SE = "stakeholder_engagement"
_EXEMPTION_UNVERIFIED = (PortfolioExclusion.RATIFICATION, PortfolioExclusion.BUDGET)


def _consultation_kinds(f: Facts) -> tuple[set[str], set[str]]:
    """(portal document types, classified kinds) of the bill's consultation."""
    c = f.consultation
    if c is None:
        return set(), set()
    types = {d.doc_type for d in c.documents if d.doc_type not in UNTYPED}
    kinds: set[str] = set()
    for d in f.consultation_documents(c):
        kinds |= doc_kinds(d)
    return types, kinds


def _exemption(f: Facts) -> Result | None:
    if f.portfolio_exclusion in _EXEMPTION_UNVERIFIED:
        ex = PortfolioExclusion(f.portfolio_exclusion)
        return unknown(f"Възможно изключение от оценка на въздействието ({ex.bg}), непотвърдено.",
                       f"A possible exemption from impact assessment ({ex.en}), not verified.",
                       {**bill_evidence(f), "exemption": f.portfolio_exclusion}, labels=("exemption_unverified",))
    return None


def _bill_ia_files(f: Facts, prefix: str = "impact_assessment") -> list[str]:
    return sorted({d.url for k, docs in f.bill_doc_kinds.items() if k.startswith(prefix) for d in docs})


@criterion(
    "IA-01", "Предварителна оценка на въздействието при внасянето",
    "Preliminary impact assessment attached at submission",
    group="impact", principles=(P.JUSTIFICATION, P.NECESSITY), initiators=ANY, from_reform=True,
    legal_basis="ЗНА чл. 18а, чл. 19–20; ПОДНС (законопроект без мотиви и оценка не се разпределя)",
    confidence="C/C2", composite=((RIA, "systematic_adoption"),),
)
def ia_01(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 18а, 19–20 [C]: a preliminary impact assessment is made for every draft; ПОДНС since
    2016: a bill without motives and IA is not distributed to committees [C2]. PASS if an IA is among
    the bill's files (or, for a CoM bill, published with its consultation); FAIL if the bill's files
    were classified and hold none; UNKNOWN if they were not, or if an exemption (ratification,
    budget) may apply but is unverified."""
    res = _exemption(f)
    if res:
        return res
    files = _bill_ia_files(f)
    ev: dict[str, Any] = {**bill_evidence(f), "ia_files": files}
    if files:
        return passed("Оценката на въздействието е сред документите на законопроекта.",
                      "The impact assessment is among the bill's documents.", ev)
    types, kinds = _consultation_kinds(f)
    if DOC_IA in types or any(k.startswith("impact_assessment") for k in kinds):
        c = f.consultation
        ev.update(consultation_evidence(c, f), ia_source="strategy.bg")
        return passed(f"Оценката на въздействието е публикувана с консултацията {c.reg_num} на strategy.bg.",
                      f"The impact assessment was published with consultation {c.reg_num} on strategy.bg.", ev)
    if f.bill_documents_classified:
        ev["bill_document_kinds"] = sorted(f.bill_doc_kinds)
        return fail("Сред документите на законопроекта няма оценка на въздействието.",
                    "There is no impact assessment among the bill's documents.", ev)
    return unknown("Файловете на законопроекта още не са изтеглени и класифицирани.",
                   "The bill's files have not yet been downloaded and classified.", ev)


@criterion(
    "IA-02", "Цялостна оценка на въздействието, когато се изисква", "Full impact assessment when required",
    group="impact", principles=(P.PROPORTIONALITY, P.JUSTIFICATION), initiators=ANY, from_reform=True,
    legal_basis="ЗНА чл. 20; Наредба за обхвата и методологията за извършване на оценка на въздействието, чл. 3",
    confidence="C2/R", settings=("amending_title_words",), composite=((RIA, "systematic_adoption"),),
)
def ia_02(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 20 [C2/R] and the IA Ordinance [C2: regulatoryreform.bg]: a full IA is mandatory for new
    laws and codes and when the partial IA shows significant impacts; the Center for RIA reads it as
    binding MP bills too [C]. A new law or code without a full IA: FAIL for CoM bills, WARN for MP
    bills (the MP regime is less stringent [C: OECD]). For amending bills the trigger is the partial
    IA's answer on significant impacts, which lexwatch does not read yet: UNKNOWN unless a full IA
    is there."""
    res = _exemption(f)
    if res:
        return res
    new = is_new_law(f)
    full = _bill_ia_files(f, "impact_assessment_full")
    types, kinds = _consultation_kinds(f)
    ev: dict[str, Any] = {**bill_evidence(f), "title": f.bill.title, "new_law": new, "full_ia_files": full}
    if full or "impact_assessment_full" in kinds:
        return passed("Има цялостна оценка на въздействието.", "A full impact assessment is present.", ev)
    if not new:
        return unknown("Законопроект за изменение: дали частичната оценка сочи значителни въздействия не е анализирано.",
                       "An amending bill: whether its partial IA reports significant impacts is not analysed.", ev)
    known = f.bill_documents_classified or bool(kinds)
    if not known:
        return unknown("Нов закон, но документите му още не са класифицирани.",
                       "A new law, but its documents have not been classified yet.", ev)
    ev["document_kinds"] = sorted(set(f.bill_doc_kinds) | kinds)
    if f.initiator in COM:
        return fail("Нов закон без цялостна оценка на въздействието.", "A new law without a full impact assessment.", ev)
    return warn("Нов закон на народни представители без цялостна оценка на въздействието.",
                "A new law by MPs without a full impact assessment.", ev)


@criterion(
    "IA-03", "Становище на администрацията на МС по оценката на въздействието",
    "Opinion of the Council of Ministers' administration on the impact assessment",
    group="impact", principles=(P.JUSTIFICATION,), initiators=COM, from_reform=True,
    legal_basis="Наредба за ОВ; УПМС (дирекция „Модернизация на администрацията“); тип документ „Становище на администрацията на Министерския съвет“ на Портала за обществени консултации",
    confidence="C", composite=((SE, "oversight"), (RIA, "oversight")),
)
def ia_03(f: Facts, s: dict[str, Any]) -> Result:
    """The CoM administration (directorate "Модернизация на администрацията") scrutinises IA quality and
    gives opinions [C: OECD 2022]; УПМС art. 15(3) т. 5 as amended in 2016 gives a unit of the CoM
    administration the monitoring of consultations and opinions [C, partial text]; the portal's document
    type "Становище на администрацията на Министерския съвет" [C]. CoM bill: PASS if the opinion is published, FAIL if absent; N/A for MP
    bills. (The Council for Administrative Reform gives no per-draft opinions, §2.4.)"""
    types, kinds = _consultation_kinds(f)
    bill_opinion = sorted({d.url for d in f.bill_doc_kinds.get("ia_opinion", [])})
    c = f.consultation
    ev: dict[str, Any] = {**bill_evidence(f), **(consultation_evidence(c, f) if c else {}),
                          "document_types": sorted(types), "bill_opinion_files": bill_opinion}
    if DOC_IA_OPINION in types or "ia_opinion" in kinds or bill_opinion:
        return passed("Становището на администрацията на МС по оценката на въздействието е публикувано.",
                      "The opinion of the Council of Ministers' administration on the IA is published.", ev)
    if c is None:
        if f.uncertain_consultations or not f.ini.links_checked or not f.bill_documents_classified:
            return unknown("Няма свързана консултация, а документите на законопроекта не показват становището.",
                           "No consultation is linked and the bill's documents do not show the opinion.", ev)
        return fail("Становище на администрацията на МС по оценката не е открито (няма и консултация).",
                    "No opinion of the Council of Ministers' administration was found (and no consultation).", ev)
    if not types and not kinds:
        return unknown(f"Файловете на {c.reg_num} нямат вид на документа; становището не може да се установи.",
                       f"The files of {c.reg_num} carry no type; the opinion cannot be identified.", ev)
    return fail(f"С консултацията {c.reg_num} не е публикувано становище на администрацията на МС по оценката.",
                f"Consultation {c.reg_num} carries no opinion of the Council of Ministers' administration on the IA.", ev)


# --------------------------------------------------------------------------- IA-04 minimum content


def ia_documents(f: Facts) -> tuple[list[tuple[dict[str, Any], Document]], list[Document]]:
    """(analysed, not analysed): the impact assessments among the bill's files and its consultation's,
    with texts.documents.impact_assessment's checklist where the text was read. Not analysed:
    scanned, unreadable, or stored before that analyser existed (documents.ANALYSIS_VERSION 2)."""
    docs = list(f.bill_documents) + (f.consultation_documents(f.consultation) if f.consultation else [])
    analysed: list[tuple[dict[str, Any], Document]] = []
    pending: list[Document] = []
    for d in docs:
        if not any(k.startswith("impact_assessment") for k in doc_kinds(d)):
            continue
        ia = (d.analysis or {}).get("impact_assessment")
        if isinstance(ia, dict) and isinstance(ia.get("found"), int) and isinstance(ia.get("of"), int) and ia["of"] > 0:
            analysed.append((ia, d))
        else:
            pending.append(d)
    return analysed, pending


def _ia_rank(item: tuple[dict[str, Any], Document]) -> tuple[float, bool, bool]:
    ia, d = item
    return ia["found"] / ia["of"], ia.get("form") == "full", d.owner_type == "bill"


@criterion(
    "IA-04", "Минимално съдържание на оценката на въздействието", "Minimum content of the impact assessment",
    group="impact", principles=(P.JUSTIFICATION, P.PROPORTIONALITY), initiators=ANY, from_reform=True,
    legal_basis="ЗНА чл. 20; Наредба за обхвата и методологията за извършване на оценка на въздействието "
                "(формуляри на частичната и цялостната оценка); ПОДНС (методология за оценка на законопроектите на НП)",
    confidence="C2/P", settings=("pass_score", "warn_score"), composite=((RIA, "methodology"),),
)
def ia_04(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 20 and the IA Ordinance's forms set the minimum content [C2]; ПОДНС's methodology for
    MPs' bills [C2]; NCPI found Bulgarian IAs formal [C2: ime.bg 2017]. Score = share of the checklist
    found by texts.documents.impact_assessment (problem with data, objectives, options with „без
    действие“, stakeholders, costs and benefits, administrative burden, SME test, budget, EU law,
    monitoring); a partial IA is held to the eight its form asks for (no budget or monitoring
    section). The best-scoring IA of the bill's and its consultation's files counts. PASS ≥ 0.7, WARN
    from 0.4, FAIL below [P]. UNKNOWN while an IA's text is not analysed (not downloaded, scanned) or
    an exemption is unverified; N_A when there is no IA at all (IA-01 judges that)."""
    res = _exemption(f)
    if res:
        return res
    analysed, pending = ia_documents(f)
    ev: dict[str, Any] = bill_evidence(f)
    if f.consultation is not None:
        ev.update(consultation=f.consultation.reg_num, consultation_url=f.consultation.source_url)
    if not analysed:
        types, kinds = _consultation_kinds(f)
        listed = bool(pending or _bill_ia_files(f) or DOC_IA in types or any(k.startswith("impact_assessment") for k in kinds))
        ev["ia_files_not_analysed"] = sorted({d.url for d in pending})
        if listed:
            return unknown("Текстът на оценката на въздействието не е изтеглен или не е четим (сканиран документ).",
                           "The impact assessment's text has not been downloaded or cannot be read (a scanned file).", ev)
        if f.bill_documents_classified:
            return not_applicable("Няма оценка на въздействието (виж IA-01).", "There is no impact assessment (see IA-01).", ev)
        return unknown("Файловете на законопроекта още не са изтеглени и класифицирани.",
                       "The bill's files have not yet been downloaded and classified.", ev)
    ia, d = max(analysed, key=_ia_rank)
    found, of = ia["found"], ia["of"]
    score = found / of
    form = ia.get("form") or "unknown"
    missing = list(ia.get("missing") or [])
    ev.update(ia_file=d.url, ia_owner=d.owner_type, form=form, checklist=ia.get("checklist"), elements_found=found,
              elements_of=of, score=round(score, 3), missing=missing,
              elements=[{"key": e.get("key"), "present": e.get("present"), "explicit_na": e.get("explicit_na"),
                         "counted": e.get("counted"), "note": e.get("note"),
                         "passage": (e.get("evidence") or [{}])[0].get("passage")} for e in ia.get("elements") or []],
              ia_files_analysed=[{"url": x.url, "form": a.get("form"), "found": a["found"], "of": a["of"]}
                                 for a, x in analysed],
              ia_files_not_analysed=sorted({x.url for x in pending}))
    which_bg = {"partial": "частичната", "full": "цялостната"}.get(form, "без посочен вид")
    which_en = {"partial": "partial ", "full": "full "}.get(form, "")
    labels = {e.get("key"): e.get("label") for e in ia.get("elements") or []}
    gaps_bg = "; ".join(str(labels.get(k) or k) for k in missing) or "—"
    gaps_en = "; ".join(IA_LABELS_EN.get(k, k) for k in missing) or "—"
    text_bg = (f"Оценката на въздействието ({which_bg}) съдържа {found} от {of} елемента на минималното съдържание "
               f"(липсват: {gaps_bg}).")
    text_en = f"The {which_en}impact assessment contains {found} of the {of} elements of the minimum content (missing: {gaps_en})."
    # Shares like 7/10 must meet a 0.7 threshold exactly.
    if score + 1e-9 >= s["pass_score"]:
        return passed(text_bg, text_en, ev)
    if score + 1e-9 >= s["warn_score"]:
        return warn(text_bg, text_en, ev, confidence="P")
    return fail(text_bg, text_en, ev, confidence="P")


@criterion(
    "IA-05", "Оценката на въздействието е публикувана за консултация", "Impact assessment published for consultation",
    group="impact", principles=(P.OPENNESS,), initiators=COM,
    from_reform=True, normative_only=True, reform_date_of="consultation",
    legal_basis="ЗНА чл. 26, ал. 3 (предварителната оценка по чл. 20 се публикува с проекта)",
    confidence="C2", composite=((RIA, "transparency"),),
)
def ia_05(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 26(3) [C2]: the preliminary IA under art. 20 is published with the draft. PASS if the
    IA was on the portal when the consultation opened; WARN if it was added during the consultation;
    FAIL if only after it closed, or never."""
    c, res = consultation_or_none(f)
    if c is None:
        return res  # type: ignore[return-value]
    typed = [d for d in c.documents if d.doc_type not in UNTYPED]
    ia = [d for d in typed if d.doc_type == DOC_IA]
    dates = [d.version_date for d in ia if d.version_date]
    first = min(dates) if dates else None
    ev = {**consultation_evidence(c, f), "ia_published": iso(first), "ia_files": [d.url for d in ia]}
    if not typed:
        return unknown(f"Файловете на {c.reg_num} нямат вид на документа.", f"The files of {c.reg_num} carry no type.", ev)
    if not ia:
        return fail(f"Оценката на въздействието не е публикувана с консултацията {c.reg_num}.",
                    f"The impact assessment was not published with consultation {c.reg_num}.", ev)
    if first is None or c.date_open is None:
        return unknown("Оценката е публикувана, но датата ѝ или датата на откриване липсва.",
                       "The IA is published, but its date or the opening date is missing.", ev)
    if first <= c.date_open:
        return passed(f"Оценката на въздействието е публикувана при откриването на консултацията ({fmt(first)}).",
                      f"The impact assessment was published when the consultation opened ({first}).", ev)
    if c.date_close is None or first <= c.date_close:
        return warn(f"Оценката на въздействието е добавена по време на консултацията ({fmt(first)}).",
                    f"The impact assessment was added during the consultation ({first}).", ev)
    return fail(f"Оценката на въздействието е добавена след края на консултацията ({fmt(first)}).",
                f"The impact assessment was added after the consultation closed ({first}).", ev)


# --------------------------------------------------------------------------- IA-07 ex-post evaluation

EX_POST = "ex_post"
# strategy.bg consultations and files of an ex-post evaluation: „Последваща оценка на въздействието на
# Закона за …“ (ЗНА чл. 18б uses the same words). texts.documents has no kind for it: such a file
# classifies as a generic impact assessment, so titles are read here instead.
_EX_POST_TITLE = re.compile(r"\bпоследващ\w*\s+оценк\w*\s+на\s+въздействие", re.I)


def _commencement(f: Facts) -> tuple[dt.date | None, str, bool]:
    """(date, kind, estimated): the whole act's entry into force from the promulgated text, else adoption."""
    for c in (f.act_analysis or {}).get("entry_into_force") or []:
        if c.get("scope") == "whole_act" and c.get("effect") == "entry_into_force" and c.get("effective_date"):
            try:
                return dt.date.fromisoformat(c["effective_date"]), "entry_into_force", bool(c.get("effective_date_estimated"))
            except ValueError:
                break
    return f.adoption_date, "adoption", False


def _ex_post_reports(f: Facts, after: dt.date) -> list[dict[str, Any]]:
    """Ex-post evaluations linked to the initiative: a consultation or a file titled so, dated after
    `after` (an earlier one evaluates the law this one replaced or amended)."""
    found: list[dict[str, Any]] = []
    for c, status in f.consultations:
        if _EX_POST_TITLE.search(c.title or "") and c.date_open and c.date_open > after:
            found.append({"consultation": c.reg_num, "title": c.title, "date": c.date_open.isoformat(),
                          "source_url": c.source_url, "link_status": status})
        for d in c.documents:
            if _EX_POST_TITLE.search(d.description or "") and d.version_date and d.version_date > after:
                found.append({"consultation": c.reg_num, "title": d.description, "date": d.version_date.isoformat(),
                              "source_url": d.url, "link_status": status})
    return found


@criterion(
    "IA-07", "Последваща оценка на въздействието", "Ex-post evaluation due",
    group="impact", principles=(P.STABILITY, P.JUSTIFICATION), initiators=ANY, from_reform=True,
    legal_basis="ЗНА чл. 18б (последваща оценка на въздействието); срок до 5 години от влизането в сила [C2: OECD 2019; член и алинея R]",
    confidence="C/C2", settings=("warn_after_months", "due_after_months"),
    composite=((EX_POST, "systematic_adoption"),),
)
def ia_07(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 18б [C]: the results of applying an act are checked by an ex-post impact assessment;
    new laws and codes within five years of commencement [C2: OECD 2019; the article is R]. For new
    laws (not amending ones) submitted from 04.11.2016 with a full IA: PASS when an ex-post evaluation
    is linked (a strategy.bg consultation or file titled „Последваща оценка на въздействието“, dated
    after adoption), WARN if it came after the five years; N_A before `warn_after_months` from entry
    into force (or adoption); WARN from then until `due_after_months`. lexwatch does not collect
    ex-post reports (the linker joins consultations on the draft; texts.documents has no ex-post
    kind), so a missing report is not evidence: after five years the verdict is UNKNOWN, not FAIL.
    Were reports collected, that branch would FAIL Council of Ministers laws and only WARN MP laws,
    whose ex-post obligation is [R]."""
    ev: dict[str, Any] = {**bill_evidence(f), "title": f.bill.title}
    if not f.adopted:
        return not_applicable(f"Законопроектът не е приет (състояние: {status_label(f.bill.status)}).",
                              f"The bill is not adopted (status: {status_label(f.bill.status, 'en')}).", ev)
    if not is_new_law(f):
        return not_applicable("Закон за изменение (или ратификация): задължителната последваща оценка е за нови закони.",
                              "An amending law (or a ratification): the mandatory ex-post evaluation is for new laws.", ev)
    res = _exemption(f)
    if res:
        return res
    start, start_kind, estimated = _commencement(f)
    ev.update(commencement=iso(start), commencement_kind=start_kind, commencement_estimated=estimated,
              as_of=f.as_of.isoformat(), ex_post_reports_collected=False)
    if start is None:
        return unknown("Датата на влизане в сила или на приемане не е известна.",
                       "Neither the entry-into-force nor the adoption date is known.", ev)
    warn_on, due_on = add_months(start, s["warn_after_months"]), add_months(start, s["due_after_months"])
    ev.update(warn_from=warn_on.isoformat(), due_by=due_on.isoformat())
    reports = _ex_post_reports(f, f.adoption_date or start)
    if reports:
        ev["ex_post_reports"] = reports
        first = min(dt.date.fromisoformat(r["date"]) for r in reports)
        if first <= due_on:
            return passed(f"Последващата оценка на въздействието е публикувана на {fmt(first)}.",
                          f"The ex-post evaluation was published on {first}.", ev)
        return warn(f"Последващата оценка е публикувана на {fmt(first)}, след петгодишния срок ({fmt(due_on)}).",
                    f"The ex-post evaluation was published on {first}, after the five-year term ({due_on}).", ev)
    if f.as_of < warn_on:
        return not_applicable(f"Последващата оценка още не е дължима (срок до {fmt(due_on)}).",
                              f"The ex-post evaluation is not yet due (term ends {due_on}).", ev,
                              labels=("not_yet_due",), recheck_on=warn_on)
    full = _bill_ia_files(f, "impact_assessment_full")
    _types, kinds = _consultation_kinds(f)
    ev["full_ia_files"] = full
    if not full and "impact_assessment_full" not in kinds:
        if f.bill_documents_classified or kinds:
            return not_applicable("Законът е приет без цялостна оценка на въздействието (виж IA-02).",
                                  "The law was adopted without a full impact assessment (see IA-02).", ev,
                                  labels=("no_full_ia",))
        return unknown("Дали законът е приет с цялостна оценка на въздействието, не е известно (документите не са класифицирани).",
                       "Whether the law came with a full impact assessment is not known (documents not classified).", ev)
    if f.as_of < due_on:
        return warn(f"Последващата оценка на въздействието е дължима до {fmt(due_on)}; свързан доклад не е открит "
                    "(lexwatch не събира тези доклади).",
                    f"The ex-post evaluation falls due by {due_on}; no report is linked (lexwatch does not collect them).", ev,
                    labels=("ex_post_due",), recheck_on=due_on)
    return unknown(f"Петгодишният срок за последваща оценка изтече на {fmt(due_on)}; lexwatch не събира докладите за "
                   "последваща оценка, затова дали е направена, не е известно.",
                   f"The five-year term for the ex-post evaluation ended on {due_on}; lexwatch does not collect ex-post "
                   "reports, so whether one was made is not known.", ev, labels=("ex_post_overdue_unverified",))
