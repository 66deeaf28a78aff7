"""E. Parliamentary procedure: Constitution, ПОДНС, Constitutional Court (research/criteria.md §4 E).

NA-DOC-01, NA-01, NA-02, NA-03, NA-04, NA-05, NA-06, NA-07. Dates come from the bill's
chronology on parliament.bg (stages classified by core.parliament), its committee
reports and opinions and the proposals deadline; documents from texts.documents'
classification of the bill's downloaded files. The ПОДНС article numbers differ between
assemblies (§2.3), so the rules cite the provision by content.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from core.parliament import COMMITTEE_STAGES, PortfolioExclusion, classify_stage
from criteria.catalogue._common import (bill_evidence, days_bg, days_between, days_en, fmt, status_label, working_days_bg,
                                        working_days_en)
from criteria.catalogue._documents import OWN_FILE_ORIGINS, why_documents_cannot_tell
from criteria.criterion import ANY, MP, Result, criterion, fail, not_applicable, passed, unknown, warn
from criteria.facts import Facts, iso
from criteria.principles import Principle as P

PARL = "parliamentary"
SE = "stakeholder_engagement"
RIA = "impact_assessment"
# Committee reports of the lead committee (its own documents, not opinions it received).
_OWN_REPORTS = ("stan_list", "stan_list2", "stan_list2_1")


def _lead_committees(f: Facts) -> list:
    return [c for c in f.bill.committees if c.is_lead or (c.role or "").strip().lower().startswith("водещ")]


def _lead_matcher(f: Facts) -> Callable[[int | None, str | None], bool]:
    """Whether a row's committee (id, name) is one of the bill's lead committees."""
    leads = _lead_committees(f)
    ids = {c.committee_id for c in leads if c.committee_id is not None}
    names = {c.name for c in leads}

    def is_lead(cid: int | None, name: str | None) -> bool:
        return (cid is not None and cid in ids) or (name is not None and name in names)

    return is_lead


def _lead_first_reading(f: Facts) -> tuple[dt.date | None, dt.date | None]:
    """(sitting, report): the lead committee's first-reading sitting and its first-reading report.

    The sitting is a chronology row of the lead committee on stage „комисии първо гласуване“
    (bill 167546: activity and steno_com, 2026-09-16, „приет“, A_ns_C_id 3816 = the lead); the
    report is its `stan_list` entry („Доклад за първо гласуване“, 2026-09-17 for 167546). The
    report is signed at or after the sitting it reports on [inferred from 167546], so its date
    bounds the sitting from above when the chronology lacks the row.
    """
    is_lead = _lead_matcher(f)
    sittings = []
    for st in f.bill.stages:
        if st.date is None or not is_lead(st.committee_id, st.committee_name):
            continue
        cls = st.classification or classify_stage(st.stage, st.event)
        if cls in COMMITTEE_STAGES and "първо" in (st.stage or "").lower():
            sittings.append(st.date)
    reports = [r.date for r in f.bill.reports
               if r.origin == "stan_list" and r.date and is_lead(r.committee_id, r.committee_name)]
    return (min(sittings) if sittings else None), (min(reports) if reports else None)


def _working_days_after(start: dt.date, end: dt.date) -> int:
    """Monday–Friday days in (start, end]. Bulgarian public holidays are not known to lexwatch and
    count as working days, so a lag across a holiday reads one day longer than it was."""
    days, d = 0, start
    while d < end:
        d += dt.timedelta(days=1)
        days += d.weekday() < 5
    return days


def _not_reached(f: Facts, what_bg: str, what_en: str) -> Result:
    status = f.bill.status
    return not_applicable(f"Законопроектът не е стигнал до {what_bg} (състояние: {status_label(status)}).",
                          f"The bill has not reached {what_en} (status: {status_label(status, 'en')}).", {**bill_evidence(f), "status": status})


# What NA-DOC-01 looks for among the bill's classified documents: (key, kinds, bg, en).
_PUBLISHED = (("text", ("bill_text",), "текст на законопроекта", "bill text"),
              ("motives", ("motives",), "мотиви", "motives"),
              ("ia", ("impact_assessment_partial", "impact_assessment_full", "impact_assessment"),
               "оценка на въздействието", "impact assessment"))


@criterion(
    "NA-DOC-01", "Законопроектът и документите към него са публикувани на parliament.bg",
    "Bill and documents published on parliament.bg",
    group="parliament", principles=(P.OPENNESS,), initiators=ANY,
    legal_basis="ПОДНС: законопроектите, мотивите и оценката на въздействието се публикуват на интернет страницата на "
                "Народното събрание; информационен файл на законопроекта",
    confidence="C2", settings=("max_lag_working_days",),
    composite=((SE, "transparency"), (RIA, "transparency")),
)
def na_doc_01(f: Facts, s: dict[str, Any]) -> Result:
    """ПОДНС publication and information-file rules [C2]; the bills register [C: publicregisters.info];
    the IA is due with bills submitted from the 2016 reform (ПОДНС as amended 2016 [C2]). PASS if the
    bill text, the motives and (post-reform) the IA are among the bill's classified files (one
    combined file holding them is the usual Council of Ministers case). FAIL if the files show no
    bill text and the lead committee has held its first reading (sitting or report), or if a known publication
    date is not before that sitting; WARN when the motives or the IA are missing (MOT-01 / IA-01
    judge their absence), when the text is missing before the sitting, or when a known publication
    date lags submission by more than 1 working day [P]. parliament.bg gives no publication date for
    `file_list` entries (only FILENAME and ID; the `order` entries' DAT_DOC dates the chair's order,
    not the bill's files), and the time lexwatch first saw a file (db history) is not a publication
    date, so the lag is checked only where the input dates a file. UNKNOWN while the files are not
    downloaded, classified and readable, or cannot tell (MOT-03's rule)."""
    reform = f.th.reform_date
    ia_due = f.submitted_on is None or f.submitted_on >= reform
    kinds = f.bill_doc_kinds
    own = [fl for fl in f.bill.files if fl.origin in OWN_FILE_ORIGINS]
    dated = [fl.date for fl in own if fl.date]
    published = min(dated) if dated else None
    sitting, report = _lead_first_reading(f)
    wanted = [w for w in _PUBLISHED if w[0] != "ia" or ia_due]
    found = {key: sorted({d.url for k in ks for d in kinds.get(k, [])}) for key, ks, _, _ in wanted}
    missing = [w for w in wanted if not found[w[0]]]
    ev: dict[str, Any] = {**bill_evidence(f), "submitted_on": iso(f.submitted_on),
                          "files": [{"filename": fl.filename, "url": fl.url, "date": iso(fl.date)} for fl in own],
                          **{f"{key}_files": urls for key, urls in found.items()}, "ia_required": ia_due,
                          "missing": [w[0] for w in missing], "first_published": iso(published),
                          "lead_first_reading_sitting": iso(sitting), "lead_first_reading_report": iso(report)}
    if not own:
        return unknown("parliament.bg не посочва файлове на законопроекта (или изтеглянето не ги е записало).",
                       "parliament.bg lists no file of the bill (or the crawl stored none).", ev,
                       labels=("no_files_listed",))
    if missing:
        why = why_documents_cannot_tell(f) if f.bill_documents_classified else (
            "файловете още не са изтеглени, класифицирани или четими.",
            "the files have not yet been downloaded, classified, or could not be read.")
        names_bg = ", ".join(w[2] for w in missing)
        names_en = ", ".join(w[3] for w in missing)
        if why is not None:
            ev["cannot_tell"] = why[1]
            return unknown(f"Сред публикуваните документи не са открити: {names_bg}; {why[0]}",
                           f"Not found among the published documents: {names_en}; {why[1]}", ev)
        ev["bill_document_kinds"] = sorted(kinds)
        if not found["text"]:
            held = sitting or report  # a first-reading report shows the sitting was held, by its date
            if held is not None:
                return fail(f"Текстът на законопроекта не е публикуван, а водещата комисия го е разгледала на първо "
                            f"гласуване (до {fmt(held)}).",
                            f"The bill text is not published, yet the lead committee took up its first reading "
                            f"(by {held}).", ev)
            return warn("Текстът на законопроекта не е сред публикуваните документи.",
                        "The bill text is not among the published documents.", ev)
        if [w[0] for w in missing] == ["ia"] and f.portfolio_exclusion in ("ratification", "budget"):
            ex = PortfolioExclusion(f.portfolio_exclusion)
            return unknown(f"Не е публикувана оценка на въздействието; възможно изключение ({ex.bg}), непотвърдено.",
                           f"No impact assessment is published; a possible exemption ({ex.en}), not verified.",
                           ev, labels=("exemption_unverified",))
        return warn(f"Публикувани са не всички документи; липсват: {names_bg}.",
                    f"Not all documents are published; missing: {names_en}.", ev)
    listed_bg, listed_en = ", ".join(w[2] for w in wanted), ", ".join(w[3] for w in wanted)
    held = sitting or report  # published on or after the report is also on or after the sitting
    if published is not None and held is not None and published >= held:
        return fail(f"Документите са публикувани на {fmt(published)}, не преди първото четене във водещата комисия "
                    f"({fmt(held)}).",
                    f"The documents were published on {published}, not before the lead committee's first reading "
                    f"({held}).", ev)
    if published is not None and f.submitted_on is not None:
        lag = _working_days_after(f.submitted_on, published)
        ev["lag_working_days"] = lag
        if lag > s["max_lag_working_days"]:
            return warn(f"Документите са публикувани {working_days_bg(lag)} след внасянето ({fmt(published)}).",
                        f"The documents were published {working_days_en(lag)} after submission ({published}).", ev,
                        confidence="P")
        return passed(f"Публикувани са {listed_bg}, {working_days_bg(lag)} след внасянето.",
                      f"Published: {listed_en}, {working_days_en(lag)} after submission.", ev)
    ev["lag_checked"] = False
    return passed(f"Публикувани са {listed_bg} (датата на публикуване не е известна).",
                  f"Published: {listed_en} (the publication date is not known).", ev)


@criterion(
    "NA-01", "Водеща комисия, определена навреме", "Lead committee assigned in time",
    group="parliament", principles=(P.COHERENCE,), initiators=ANY,
    legal_basis="ПОДНС: разпределение на законопроекта и определяне на водеща комисия в 3-дневен срок",
    confidence="C/R", settings=("max_days",), composite=((PARL, "systematic_adoption"),),
)
def na_01(f: Facts, s: dict[str, Any]) -> Result:
    """ПОДНС: the Speaker distributes a bill and names the lead committee within 3 days of submission
    [C: older Rules, old.parliament.bg; current value R]. The distribution date is read from the
    Speaker's order (`order`, e.g. 52-650-01-288 of 11.09.2026 on bill 167546, submitted the same
    day): its DAT_DOC is taken as the date of distribution [I: the order is the разпореждане за
    разпределение; the API notes do not describe the field]. PASS within 3 days, WARN later. Without
    an order, the lead committee's first own act (report, sitting) is an upper bound: PASS when it
    falls within 3 days of submission, UNKNOWN otherwise (the distribution may still have been on
    time); WARN when no lead committee is named 3 days after submission."""
    sub = f.submitted_on
    leads = _lead_committees(f)
    ev: dict[str, Any] = {**bill_evidence(f), "submitted_on": iso(sub),
                          "lead_committees": [c.name for c in leads]}
    if sub is None:
        return unknown("Липсва дата на внасяне.", "The submission date is missing.", ev)
    if not leads:
        if f.bill.status in ("withdrawn", "merged"):
            return not_applicable("Законопроектът е оттеглен/обединен преди разпределение.",
                                  "The bill was withdrawn or merged before distribution.", ev)
        if f.bill.committees:
            return unknown("Законопроектът е разпределен, но водещата комисия не е отбелязана.",
                           "The bill is distributed, but no committee is marked as lead.", ev)
        waited = (f.as_of - sub).days
        if waited > s["max_days"]:
            return warn(f"{days_bg(waited)} след внасянето няма определена водеща комисия.",
                        f"{days_en(waited)} after submission no lead committee is named.", {**ev, "days_waited": waited})
        return not_applicable("Срокът за разпределение още тече.", "The distribution term is still running.", ev,
                              recheck_on=sub + dt.timedelta(days=s["max_days"] + 1))
    orders = sorted(fl.date for fl in f.bill.files if fl.origin == "order" and fl.date)
    if orders and orders[0] >= sub:
        gap = (orders[0] - sub).days
        ev.update(distribution_order=iso(orders[0]), days_to_distribution=gap)
        if gap <= s["max_days"]:
            return passed(f"Законопроектът е разпределен {days_bg(gap)} след внасянето (разпореждане от {fmt(orders[0])}).",
                          f"The bill was distributed {days_en(gap)} after submission (the Speaker's order of {fmt(orders[0])}).",
                          ev, confidence="R/I")
        return warn(f"Законопроектът е разпределен {days_bg(gap)} след внасянето (разпореждане от {fmt(orders[0])}), "
                    f"след {s['max_days']}-дневния срок.",
                    f"The bill was distributed {days_en(gap)} after submission (the Speaker's order of {fmt(orders[0])}), "
                    f"beyond the {s['max_days']}-day term.", ev, confidence="R/I")
    is_lead = _lead_matcher(f)
    acts = [r.date for r in f.bill.reports if r.date and r.origin in _OWN_REPORTS and is_lead(r.committee_id, r.committee_name)]
    acts += [st.date for st in f.bill.stages if st.date and is_lead(st.committee_id, st.committee_name)]
    first_act = min(acts) if acts else None
    ev["lead_first_act"] = iso(first_act)
    gap = days_between(sub, first_act)
    ev["days_to_first_act"] = gap
    if gap is not None and gap <= s["max_days"]:
        return passed(f"Водещата комисия е действала {days_bg(gap)} след внасянето, значи е определена навреме.",
                      f"The lead committee acted {days_en(gap)} after submission, so it was named in time.", ev)
    return unknown("Датата на разпределение не се публикува; първото действие на водещата комисия е по-късно от срока.",
                   "The distribution date is not published; the lead committee's first act came after the term.", ev)


@criterion(
    "NA-02", "Докладът на комисията е предоставен поне 24 часа преди заседанието",
    "Committee report available at least 24 hours before the plenary",
    group="parliament", principles=(P.OPENNESS, P.PREDICTABILITY), initiators=ANY,
    legal_basis="ПОДНС: законопроектът, мотивите и докладът на водещата комисия се предоставят поне 24 часа преди заседанието",
    confidence="C/R", settings=("min_days_before",), composite=((PARL, "systematic_adoption"),),
)
def na_02(f: Facts, s: dict[str, Any]) -> Result:
    """ПОДНС: the bill, motives and lead committee's report reach MPs at least 24 hours before the
    sitting [C: older Rules; current R]; the same test for the second-reading report [R]. Reports are
    dated by day only, so a report dated the day of the sitting FAILs and one dated the day before
    or earlier passes."""
    checks = []
    parts = (("first", "stan_list", f.first_plenary, "първото", "first"),
             ("second", "stan_list2_1", f.second_plenary, "второто", "second"))
    leads = {c.committee_id for c in _lead_committees(f)}
    ev: dict[str, Any] = bill_evidence(f)
    for key, origin, plenary, bg, en in parts:
        if plenary is None:
            continue
        reports = [r for r in f.bill.reports if r.origin == origin and r.date and r.date <= plenary]
        lead_reports = [r for r in reports if r.committee_id in leads] or reports
        report = max((r.date for r in lead_reports), default=None)
        late = [r.date for r in f.bill.reports if r.origin == origin and r.date and r.date > plenary]
        gap = days_between(report, plenary)
        state = "unknown" if report is None else ("ok" if gap >= s["min_days_before"] else "late")
        if report is None and late:
            state = "late"
        checks.append((key, state, bg, en, plenary, report))
        ev[f"{key}_reading"] = {"plenary": iso(plenary), "report": iso(report), "days_before": gap,
                                "report_after_plenary": iso(min(late)) if late else None, "result": state}
    if not checks:
        return _not_reached(f, "пленарна зала", "the plenary")
    late = [c for c in checks if c[1] == "late"]
    if late:
        key, _, bg, en, plenary, report = late[0]
        return fail(f"Докладът за {bg} гласуване не е предоставен поне 24 часа преди заседанието на {fmt(plenary)}.",
                    f"The report for the {en} vote was not available 24 hours before the sitting of {plenary}.", ev)
    if any(c[1] == "unknown" for c in checks):
        missing = [c for c in checks if c[1] == "unknown"][0]
        return unknown(f"Докладът за {missing[2]} гласуване липсва в данните.",
                       f"The report for the {missing[3]} vote is missing from the data.", ev)
    return passed("Докладите на комисията са предоставени поне ден преди заседанията.",
                  "The committee reports were available at least a day before the sittings.", ev)


@criterion(
    "NA-03", "Срок за писмени предложения между първо и второ гласуване",
    "Term for written proposals between the readings",
    group="parliament", principles=(P.OPENNESS, P.COHERENCE, P.PREDICTABILITY), initiators=ANY,
    legal_basis="ПОДНС: 7-дневен срок за писмени предложения след приемането на първо гласуване (съкращаван с решение)",
    confidence="C2/P", settings=("min_days", "red_flag_below_days", "shelving_days"),
    composite=((PARL, "methodology"),),
)
def na_03(f: Facts, s: dict[str, Any]) -> Result:
    """ПОДНС: written proposals between the votes are due within 7 days of the first vote [C2:
    regulatoryreform.bg 2016]; the plenary may shorten or extend the term [R]. term = deadline −
    first vote. PASS ≥ 7 days; WARN 3–6; under 3 a "procedural red flag" FAIL, a quality judgment
    [P], not illegality; WARN beyond 30 days (shelving) [P]."""
    fv = f.first_vote
    ev: dict[str, Any] = {**bill_evidence(f), "first_vote": iso(fv), "proposals_deadline": iso(f.bill.proposals_deadline),
                          "proposals_date2": iso(f.bill.proposals_date2)}
    if f.both_votes_one_sitting:
        return not_applicable("Двете гласувания са в едно заседание, без срок за предложения (виж NA-04).",
                              "Both votes were held at one sitting, with no proposals term (see NA-04).", ev)
    if fv is None:
        if f.adopted:
            return unknown("Законопроектът е приет, но датата на първото гласуване липсва.",
                           "The bill is adopted, but the date of the first vote is missing.", ev)
        return _not_reached(f, "първо гласуване", "a first vote")
    deadline = f.proposals_deadline
    ev["deadline"] = iso(deadline)
    if deadline is None or deadline < fv:
        return unknown("Срокът за предложения между гласуванията липсва в данните.",
                       "The deadline for proposals between the votes is missing from the data.", ev)
    term = (deadline - fv).days
    ev["term_days"] = term
    bg_tail = f"(първо гласуване {fmt(fv)}, предложения до {fmt(deadline)})"
    en_tail = f"(first vote {fv}, proposals until {deadline})"
    if term > s["shelving_days"]:
        return warn(f"Срокът за предложения е {days_bg(term)} {bg_tail}: удължаването подсказва отлагане.",
                    f"The proposals term is {days_en(term)} {en_tail}: such an extension suggests shelving.", ev,
                    confidence="P")
    if term >= s["min_days"]:
        return passed(f"Срокът за предложения е {days_bg(term)} {bg_tail}.", f"The proposals term is {days_en(term)} {en_tail}.", ev)
    if term >= s["red_flag_below_days"]:
        return warn(f"Срокът за предложения е съкратен на {days_bg(term)} {bg_tail}.",
                    f"The proposals term was shortened to {days_en(term)} {en_tail}.", ev)
    return fail(f"Срокът за предложения е само {days_bg(term)} {bg_tail}: процедурен сигнал (оценка, не незаконност).",
                f"The proposals term is only {days_en(term)} {en_tail}: a procedural red flag (a quality judgment, not illegality).",
                ev, confidence="P", labels=("procedural_red_flag",))


@criterion(
    "NA-04", "Двете гласувания в едно заседание", "Both votes at one sitting",
    group="parliament", principles=(P.PREDICTABILITY, P.OPENNESS), initiators=ANY,
    legal_basis="Конституция, чл. 88, ал. 1; Решение № 8 на Конституционния съд (к.д. по ЗИ на ЗНАФ, ДВ бр. 103/2009)",
    confidence="C", composite=((PARL, "methodology"),),
)
def na_04(f: Facts, s: dict[str, Any]) -> Result:
    """Const. art. 88(1) [C2]: laws are adopted in two votes at separate sittings, both at one sitting
    only by exception; CC Решение № 8 [C]: inadmissible where MPs had declared at first reading that
    they would make written proposals. WARN whenever both votes fall on one sitting (same date);
    the FAIL of Решение № 8 needs the stenogram, which lexwatch does not read yet; PASS otherwise."""
    fv, sv = f.first_vote, f.second_vote
    ev: dict[str, Any] = {**bill_evidence(f), "first_vote": iso(fv), "second_vote": iso(sv),
                          "stenogram_declarations_checked": False}
    if sv is None and not f.adopted:
        return _not_reached(f, "второ гласуване", "a second vote")
    one = f.both_votes_one_sitting
    if one is None:
        return unknown("Датите на двете гласувания липсват в данните.", "The dates of the two votes are missing.", ev)
    if one:
        return warn(f"Двете гласувания са проведени в едно заседание ({fmt(sv or fv)}).",
                    f"Both votes were held at one sitting ({sv or fv}).", ev, labels=("one_sitting",))
    return passed(f"Гласуванията са в отделни заседания ({fmt(fv)} и {fmt(sv)}).",
                  f"The votes were held at separate sittings ({fv} and {sv}).", ev)


@criterion(
    "NA-05", "Изменения извън обхвата на приетия на първо гласуване законопроект",
    "Amendments beyond the scope of the bill adopted at first reading",
    group="parliament", principles=(P.PREDICTABILITY, P.OPENNESS, P.COHERENCE), initiators=ANY,
    legal_basis="ПОДНС: предложенията за второ гласуване не излизат извън предмета на законопроекта (правило [R/U]); Конституция, чл. 4, ал. 1",
    confidence="R/U", composite=((PARL, "transparency"),),
)
def na_05(f: Facts, s: dict[str, Any]) -> Result:
    """ПОДНС second-reading scope rule [R/U, paragraph unverified]; the Constitutional Court's legal
    certainty line (art. 4(1)) [C2]. Compares the other laws amended by the law as promulgated
    (texts.lawtext) with those amended by the bill as submitted (texts.documents' analysis of
    the bill file): a law added at second reading is a WARN labelled "scope rule [R]" until the rule
    and the relatedness test are verified (the catalogue's FAIL needs both); PASS if none was added."""
    ev: dict[str, Any] = bill_evidence(f)
    if not f.adopted:
        return _not_reached(f, "приемане", "adoption")
    act = f.act_analysis
    initial_docs = [d for d in f.bill_documents if isinstance((d.analysis or {}).get("amended_laws"), list)]
    if act is None:
        return unknown("Обнародваният текст още не е анализиран.", "The promulgated text has not been analysed yet.", ev)
    if not initial_docs:
        return unknown("Текстът на законопроекта, както е внесен, не е изтеглен и анализиран.",
                       "The bill's text as submitted has not been downloaded and analysed.", ev)
    initial = {a.get("law_name_normalised") for d in initial_docs for a in d.analysis["amended_laws"]}
    final = act.get("amended_laws") or []
    added = [a for a in final if a.get("law_name_normalised") not in initial]
    ev.update(laws_at_first_reading=sorted(n for n in initial if n),
              laws_added_at_second_reading=[{"section": a.get("section"), "law": a.get("law_name_normalised")} for a in added])
    if added:
        names = "; ".join(f"{a.get('section')} {a.get('law_name_normalised')}" for a in added)
        return warn(f"На второ гласуване са добавени изменения в други закони: {names}.",
                    f"Amendments to other laws were added at second reading: {names}.", ev,
                    labels=("scope_rule_unverified",))
    return passed("Не са добавяни изменения в други закони след първо гласуване.",
                  "No amendments to other laws were added after the first reading.", ev)


@criterion(
    "NA-06", "Обществено обсъждане на законопроектите на народни представители в НС",
    "Public consultation of MP bills in the National Assembly",
    group="parliament", principles=(P.OPENNESS, P.COHERENCE), initiators=MP,
    legal_basis="ПОДНС: публикуване на законопроектите и на постъпилите становища на страницата на НС [R]; "
                "режим на консултация на законопроектите на народни представители в НС непотвърден [U]; 14 дни — праг [P]",
    confidence="U/P", settings=("min_days_to_committee",), composite=((SE, "systematic_adoption"),),
)
def na_06(f: Facts, s: dict[str, Any]) -> Result:
    """ПОДНС publication of bills [C2] and of the stakeholder opinions on the bill page [R]; no statutory
    consultation period for MP bills in the NA could be confirmed [U]. Descriptive with policy
    thresholds [P]: WARN if the lead committee's first reading came less than 14 days after submission
    (too little time to comment); PASS otherwise. MP bills, committee bills and unified ("mixed")
    bills: their MP drafts never went through the strategy.bg consultation (CONS-01 covers the CoM
    draft). The lead committee's first-reading report dates the sitting from above when the
    chronology lacks it (so it can only WARN). The catalogue's second test, "the committee report
    mentions no stakeholder opinion", needs the report's text, which lexwatch does not download
    (committee reports are listed in `stan_list` by date and subject only): it is not checked, and
    the finding says so. The opinions the committees published (`standp_list`) are evidence only."""
    sub = f.submitted_on
    sitting, report = _lead_first_reading(f)
    opinions = [r for r in f.bill.reports if r.origin == "standp_list"]
    ev: dict[str, Any] = {
        **bill_evidence(f), "submitted_on": iso(sub),
        "lead_committees": [c.name for c in _lead_committees(f)],
        "lead_first_reading_sitting": iso(sitting), "lead_first_reading_report": iso(report),
        "stakeholder_opinions": [{"date": iso(r.date), "committee": r.committee_name, "stage": r.stage,
                                  "subject": r.subject} for r in opinions],
        # The report's text is not downloaded: whether it mentions the opinions is not known.
        "report_text_checked": False, "report_mentions_opinions": None,
    }
    unchecked_bg = "дали докладът на комисията споменава становища не е проверено (текстът му не се изтегля)"
    unchecked_en = "whether the committee report mentions stakeholder opinions is not checked (its text is not downloaded)"
    if sub is None:
        return unknown("Липсва дата на внасяне.", "The submission date is missing.", ev)
    bound = sitting or report
    if bound is None:
        if f.first_plenary is not None or f.first_vote is not None or f.adopted:
            return unknown("Законопроектът е стигнал до първо гласуване в зала, но датата на първото четене във "
                           "водещата комисия липсва в данните.",
                           "The bill has reached the first reading in plenary, but the date of the lead committee's "
                           "first-reading sitting is missing from the data.", ev)
        return _not_reached(f, "първо четене във водещата комисия", "the lead committee's first reading")
    days = (bound - sub).days
    ev["days_to_committee"] = days
    ev["opinions_before_committee"] = sum(1 for r in opinions if r.date and r.date <= bound)
    if sitting is None:
        ev["sitting_bounded_by_report"] = True
    if days < s["min_days_to_committee"]:
        when = "заседанието" if sitting else "доклада"
        return warn(f"Водещата комисия е разгледала законопроекта {days_bg(days)} след внасянето ({when} от {fmt(bound)}): "
                    f"твърде кратко за становища.",
                    f"The lead committee took up the bill {days_en(days)} after submission "
                    f"({'sitting' if sitting else 'report'} of {bound}): too little time to comment.", ev)
    if sitting is None:
        return unknown(f"Заседанието на водещата комисия не е в хронологията; докладът ѝ е от {fmt(report)}, "
                       f"{days_bg(days)} след внасянето.",
                       f"The lead committee's sitting is not in the chronology; its report is dated {report}, "
                       f"{days_en(days)} after submission.", ev)
    return passed(f"Водещата комисия е разгледала законопроекта {days_bg(days)} след внасянето ({fmt(sitting)}); {unchecked_bg}.",
                  f"The lead committee took up the bill {days_en(days)} after submission ({sitting}); {unchecked_en}.", ev)


@criterion(
    "NA-07", "Време от внасянето до приемането (бързи и забавени)", "Time from submission to adoption (fast track and stalled)",
    group="parliament", principles=(P.PREDICTABILITY, P.JUSTIFICATION), initiators=ANY,
    legal_basis="Практика на наблюдението (НЦПИ; БСК/ЦЗОЗИ; Юридически барометър); няма законов срок",
    confidence="P", settings=("fast_track_days", "stalled_days"),
)
def na_07(f: Facts, s: dict[str, Any]) -> Result:
    """Watchdog practice, no legal threshold [C2 for the practice, P for the numbers]: WARN "fast
    track" if adopted in under 14 days from submission; WARN "stalled" if pending more than 365 days;
    PASS otherwise. The days to adoption feed the median of WD-07."""
    sub = f.submitted_on
    ev: dict[str, Any] = {**bill_evidence(f), "submitted_on": iso(sub), "status": f.bill.status}
    if sub is None:
        return unknown("Липсва дата на внасяне.", "The submission date is missing.", ev)
    if f.adopted:
        ad = f.adoption_date
        if ad is None:
            return unknown("Законопроектът е приет, но датата липсва.", "The bill is adopted, but the date is missing.", ev)
        days = (ad - sub).days
        ev.update(adopted_on=iso(ad), days_to_adoption=days)
        if days < s["fast_track_days"]:
            return warn(f"Приет за {days_bg(days)} от внасянето (ускорено).", f"Adopted {days_en(days)} after submission (fast track).",
                        ev, labels=("fast_track",))
        return passed(f"Приет за {days_bg(days)} от внасянето.", f"Adopted {days_en(days)} after submission.", ev)
    if f.pending:
        days = (f.as_of - sub).days
        ev["days_pending"] = days
        if days > s["stalled_days"]:
            return warn(f"Законопроектът е внесен преди {days_bg(days)} и още не е приет (застой).",
                        f"Submitted {days_en(days)} ago and still pending (stalled).", ev, labels=("stalled",))
        return passed(f"Законопроектът е внесен преди {days_bg(days)} и се разглежда.",
                      f"Submitted {days_en(days)} ago and pending.", ev,
                      recheck_on=sub + dt.timedelta(days=s["stalled_days"] + 1))
    return not_applicable(f"Законопроектът не е приет (състояние: {status_label(f.bill.status)}).",
                          f"The bill was not adopted (status: {status_label(f.bill.status, 'en')}).", ev)
