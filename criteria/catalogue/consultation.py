"""B. Public consultation before submission, ЗНА чл. 26 (research/criteria.md §4 B): CONS-01 … CONS-07.

All apply to Council of Ministers drafts under the consultation regime in force from
04.11.2016 (ЗИД ЗНА, ДВ бр. 34/2016); for CONS-02 … CONS-07 the consultation's opening date
decides whether it fell under that regime, for CONS-01 the bill's submission date.
Periods are counted as the portal counts them: `date_close − date_open` in calendar days.
"""
from __future__ import annotations

from typing import Any

from criteria.catalogue._common import (
    days_bg,
    days_en,
    bill_evidence,
    consultation_evidence,
    consultation_or_none,
    decision_evidence,
    fmt,
    is_new_law,
    no_consultation,
)
from criteria.criterion import COM, Result, criterion, fail, not_applicable, passed, unknown, warn
from criteria.facts import (
    DOC_DRAFT,
    DOC_IA,
    DOC_MOTIVES,
    DOC_REPORT,
    DOC_SPRAVKA,
    UNTYPED,
    Facts,
    doc_kinds,
    iso,
)
from criteria.initiative import Consultation
from criteria.principles import Principle as P

SE = "stakeholder_engagement"


# The linker's flag on a review link whose both answers are violations (linking/explain.py
# EITHER_WAY_FLAG; criteria does not import linking): a government bill's only consultation
# candidate, still open when the Council of Ministers approved the bill or it was submitted.
EITHER_WAY_FLAG = "violation_either_way"


def _either_way(f: Facts) -> list[Consultation]:
    """The uncertain consultations, if every one of them is such a link (else none)."""
    flagged = {lk.target_id for lk in f.ini.links
               if lk.target_type == "consultation" and lk.status == "review" and lk.flag == EITHER_WAY_FLAG}
    uncertain = f.uncertain_consultations
    return uncertain if uncertain and all(c.id in flagged for c in uncertain) else []


def reason_check(c: Consultation, s3: dict[str, Any]) -> dict[str, Any]:
    """Whether a short period's reason is stated, and whether it is boilerplate ([P] thresholds of CONS-03)."""
    reason = (c.short_term_reason or "").strip()
    given = len(reason.strip(" -.–")) >= s3["reason_min_chars"]
    low = reason.lower()
    generic = given and len(reason) < 120 and any(p in low for p in s3["generic_reason_phrases"])
    return {"short_term_reason": reason or None, "reason_given": given, "reason_generic": generic}


@criterion(
    "CONS-01", "Проектът е публикуван за обществена консултация преди внасянето",
    "Draft published for public consultation before submission",
    group="consultation", principles=(P.OPENNESS, P.COHERENCE), initiators=COM, from_reform=True,
    legal_basis="ЗНА чл. 26, ал. 2–3; чл. 18а; Портал за обществени консултации (strategy.bg)",
    confidence="C2", composite=((SE, "systematic_adoption"),),
)
def cons_01(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 26(2)–(3) and art. 18а [C/C2]: the drafter publishes the draft for public consultation
    before it goes to the competent body; CoM and ministers' drafts on strategy.bg [C: OECD 2022].
    PASS if a consultation opened before the CoM decision (and before submission to the NA); FAIL if
    none can be linked, or it opened only after the decision or the submission; UNKNOWN if the link
    is uncertain or linking has not run."""
    c = f.consultation
    dec, sub = f.decision_date, f.submitted_on
    if c is None and _either_way(f):
        # Staff have still to answer, but either answer is a breach of ЗНА чл. 26: confirmed, the
        # consultation was still open at the approval (CONS-07); rejected, there was none.
        regs = ", ".join(u.reg_num for u in _either_way(f))
        return fail(f"Единствената възможна консултация ({regs}) е била още открита при одобряването или внасянето "
                    "на законопроекта: потвърдена, тя е проведена след решението (CONS-07); отхвърлена — "
                    "законопроектът е внесен без консултация. Връзката чака преглед.",
                    f"The only possible consultation ({regs}) was still open when the bill was approved or submitted: "
                    "confirmed, it came after the decision (CONS-07); rejected, the bill had no consultation. "
                    "The link awaits review.",
                    {**bill_evidence(f), "uncertain_consultations": regs, "either_way": True,
                     "submitted_on": iso(sub), **decision_evidence(f.decision)})
    if c is None:
        res = no_consultation(f)
        if res.verdict.value != "N_A":
            return res
        return fail("Не е открита обществена консултация на проекта на strategy.bg преди внасянето му.",
                    "No public consultation of the draft on strategy.bg was found before its submission.",
                    {**bill_evidence(f), "submitted_on": iso(sub), **decision_evidence(f.decision)})
    ev = {**bill_evidence(f), **consultation_evidence(c, f), "submitted_on": iso(sub), **decision_evidence(f.decision)}
    if c.date_open is None or sub is None:
        return unknown("Липсва дата на откриване на консултацията или на внасяне.",
                       "The consultation's opening date or the submission date is missing.", ev)
    if c.date_open >= sub:
        return fail(f"Консултацията {c.reg_num} е открита на {fmt(c.date_open)}, след внасянето на {fmt(sub)}.",
                    f"Consultation {c.reg_num} opened on {c.date_open}, after the bill was submitted on {sub}.", ev)
    if dec and c.date_open >= dec:
        return fail(f"Консултацията {c.reg_num} е открита на {fmt(c.date_open)}, след решението на МС от {fmt(dec)}.",
                    f"Consultation {c.reg_num} opened on {c.date_open}, after the Council of Ministers approved the bill on {dec}.",
                    ev)
    note_bg = "" if dec else " (решението на МС не е свързано)"
    note_en = "" if dec else " (the Council of Ministers' decision is not linked)"
    return passed(f"Проектът е публикуван за консултация ({c.reg_num}) на {fmt(c.date_open)}, преди внасянето{note_bg}.",
                  f"The draft was published for consultation ({c.reg_num}) on {c.date_open}, before submission{note_en}.", ev)


def unknown_length(c: Consultation, ev: dict[str, Any]) -> Result:
    """UNKNOWN for a consultation whose length cannot be told: no dates, or dates the wrong way round."""
    if c.date_open and c.date_close and c.date_close < c.date_open:
        return unknown(f"Консултацията {c.reg_num} е закрита ({fmt(c.date_close)}) преди да е открита "
                       f"({fmt(c.date_open)}): датите на портала са сгрешени и продължителността ѝ не е известна.",
                       f"Consultation {c.reg_num} closed ({c.date_close}) before it opened ({c.date_open}): "
                       "the portal's dates are wrong and its length is unknown.", ev, labels=("dates_inverted",))
    return unknown(f"Консултацията {c.reg_num} няма дати на откриване и закриване.",
                   f"Consultation {c.reg_num} has no opening and closing dates.", ev)


@criterion(
    "CONS-02", "Срок на консултацията поне 30 дни", "Consultation period of at least 30 days",
    group="consultation", principles=(P.OPENNESS, P.PROPORTIONALITY), initiators=COM,
    from_reform=True, normative_only=True, reform_date_of="consultation",
    legal_basis="ЗНА чл. 26, ал. 4, изр. първо", confidence="C2",
    settings=("min_days", "borderline_days"), composite=((SE, "methodology"),),
)
def cons_02(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 26(4), first sentence [C2 verbatim: obs.haskovo.bg]: the period for proposals is not
    shorter than 30 days. days = date_close − date_open (the portal's convention [C]). PASS ≥ 30;
    29 is borderline WARN (inclusive counting gives 30; the portal asks a reason at ≤ 29 [C]);
    shorter: WARN when a reason is stated (the exception of the second sentence, judged by CONS-03),
    FAIL otherwise. Consultations opened before 04.11.2016 are N/A (pre-reform: 14-day rule)."""
    c, res = consultation_or_none(f)
    if c is None:
        return res  # type: ignore[return-value]
    days = f.consultation_days
    ev = {**consultation_evidence(c, f), "days": days, "min_days": s["min_days"]}
    if days is None:
        return unknown_length(c, ev)
    if days >= s["min_days"]:
        return passed(f"Консултацията {c.reg_num} е траяла {days_bg(days)} (изискват се поне {s['min_days']}).",
                      f"Consultation {c.reg_num} lasted {days_en(days)} (at least {s['min_days']} required).", ev)
    if days == s["borderline_days"]:
        return warn(f"Консултацията {c.reg_num} е траяла {days_bg(days)}: гранично (при броене и на двата дни стават 30).",
                    f"Consultation {c.reg_num} lasted {days_en(days)}: borderline (counting both ends gives 30).", ev,
                    labels=("borderline",))
    reason = reason_check(c, f.th.section("CONS-03"))
    ev.update(reason)
    if reason["reason_given"]:
        return warn(f"Консултацията {c.reg_num} е съкратена на {days_bg(days)} с посочени мотиви (виж CONS-03).",
                    f"Consultation {c.reg_num} was shortened to {days_en(days)} with a stated reason (see CONS-03).", ev)
    return fail(f"Консултацията {c.reg_num} е траяла само {days_bg(days)} без посочени мотиви за кратък срок.",
                f"Consultation {c.reg_num} lasted only {days_en(days)} with no stated reason for the short period.", ev)


@criterion(
    "CONS-03", "Съкратена консултация: мотивирана и не по-кратка от 14 дни",
    "Shortened consultation: justified and not below 14 days",
    group="consultation", principles=(P.JUSTIFICATION, P.OPENNESS), initiators=COM,
    from_reform=True, normative_only=True, reform_date_of="consultation",
    legal_basis="ЗНА чл. 26, ал. 4, изр. второ", confidence="C2",
    settings=("min_days", "reason_min_chars", "generic_reason_phrases"), composite=((SE, "methodology"),),
)
def cons_03(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 26(4), second sentence [C2]: in exceptional cases, with reasons stated explicitly, the
    period may be shorter than 30 days but not shorter than 14; the portal enforces 14
    (MIN_DURATION_DAYS [C]). FAIL below 14 days; 14–29 days: WARN when a reason is stated (at least
    `reason_min_chars` characters, not "-" or "." [P]), with a sub-flag for boilerplate reasons [P],
    FAIL when none is; N/A when the period was not shortened. Whether the case was really
    exceptional is for a court, not the engine."""
    c, res = consultation_or_none(f)
    if c is None:
        return res  # type: ignore[return-value]
    days = f.consultation_days
    full_days = f.th.section("CONS-02")["min_days"]
    borderline = f.th.section("CONS-02")["borderline_days"]
    ev = {**consultation_evidence(c, f), "days": days, "min_days": s["min_days"]}
    if days is None:
        return unknown_length(c, ev)
    if days >= full_days:
        return not_applicable(f"Срокът ({days_bg(days)}) не е съкратен.", f"The period ({days_en(days)}) was not shortened.", ev)
    reason = reason_check(c, s)
    ev.update(reason, reason_in_motives_checked=False)
    if days < s["min_days"]:
        return fail(f"Консултацията {c.reg_num} е траяла {days_bg(days)}, под законовия минимум от {days_bg(s['min_days'])}.",
                    f"Consultation {c.reg_num} lasted {days_en(days)}, below the legal minimum of {s['min_days']}.", ev)
    if reason["reason_given"]:
        labels = ("generic_reason",) if reason["reason_generic"] else ()
        extra_bg = " (мотивът е общ, без конкретен срок)" if labels else ""
        extra_en = " (the reason is generic, with no concrete deadline)" if labels else ""
        return warn(f"Срокът е съкратен на {days_bg(days)} с посочени мотиви{extra_bg}.",
                    f"The period was shortened to {days_en(days)} with a stated reason{extra_en}.", ev, labels=labels)
    if days == borderline:
        return warn(f"{days_bg(days)} без мотиви за кратък срок: гранично (при броене и на двата дни стават 30).",
                    f"{days_en(days)} with no reason for a short period: borderline (counting both ends gives 30).", ev,
                    labels=("borderline",))
    return fail(f"Срокът е съкратен на {days_bg(days)} без мотиви за кратък срок.",
                f"The period was shortened to {days_en(days)} with no reason stated.", ev)


@criterion(
    "CONS-04", "Документи, публикувани с консултацията", "Documents published with the consultation",
    group="consultation", principles=(P.OPENNESS, P.JUSTIFICATION), initiators=COM,
    from_reform=True, normative_only=True, reform_date_of="consultation",
    legal_basis="ЗНА чл. 26, ал. 3 (проект, мотиви или доклад, предварителна оценка на въздействието по чл. 20)",
    confidence="C2", composite=((SE, "transparency"),),
)
def cons_04(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 26(3) [C2]: the draft is published with the motives or the report and the preliminary
    impact assessment under art. 20; the portal's document types [C]. FAIL if the draft, both the
    motives and the report, or the IA are missing; WARN if a new law (full IA required, IA-02) has
    only a partial IA; PASS otherwise. Files of the old portal carry no type: UNKNOWN."""
    c, res = consultation_or_none(f)
    if c is None:
        return res  # type: ignore[return-value]
    types = {d.doc_type for d in c.documents if d.doc_type not in UNTYPED}
    kinds: set[str] = set()
    for d in f.consultation_documents(c):
        kinds |= doc_kinds(d)
    ev = {**consultation_evidence(c, f), "document_types": sorted(types), "document_kinds": sorted(kinds)}
    if not types and not kinds:
        return unknown(f"Файловете на консултацията {c.reg_num} нямат вид на документа (стар портал или липсват).",
                       f"The files of consultation {c.reg_num} carry no document type (old portal, or none listed).", ev)
    has_draft = DOC_DRAFT in types or "bill_text" in kinds
    has_motives = bool({DOC_MOTIVES, DOC_REPORT} & types) or bool({"motives", "report"} & kinds)
    has_ia = DOC_IA in types or any(k.startswith("impact_assessment") for k in kinds)
    needed = (("Проект на акт", "the draft act", has_draft), ("Мотиви или Доклад", "motives or report", has_motives),
              ("Оценка на въздействие", "impact assessment", has_ia))
    missing = [bg for bg, _en, ok in needed if not ok]
    missing_en = [en for _bg, en, ok in needed if not ok]
    ev["missing"] = missing
    if missing:
        return fail(f"С консултацията {c.reg_num} не са публикувани: {', '.join(missing)}.",
                    f"Consultation {c.reg_num} was published without: {', '.join(missing_en)}.", ev)
    if is_new_law(f) and "impact_assessment_partial" in kinds and "impact_assessment_full" not in kinds:
        return warn("За нов закон е публикувана само частична оценка на въздействието (изисква се цялостна).",
                    "Only a partial impact assessment was published for a new law (a full one is required).", ev)
    return passed(f"С консултацията {c.reg_num} са публикувани проектът, мотивите/докладът и оценката на въздействието.",
                  f"Consultation {c.reg_num} published the draft, the motives/report and the impact assessment.", ev)


def _spravka_dates(f: Facts, c: Consultation) -> tuple[bool, list]:
    """(found?, version dates) of the справка on the proposals received."""
    dates = [d.version_date for d in c.documents if d.doc_type == DOC_SPRAVKA]
    found = bool(dates)
    for doc in f.consultation_documents(c):
        if "consultation_report" in doc_kinds(doc):
            found = True
    return found, [d for d in dates if d]


@criterion(
    "CONS-05", "Справка за получените предложения, публикувана преди приемането",
    "Справка on the proposals received, published before adoption",
    group="consultation", principles=(P.OPENNESS, P.COHERENCE), initiators=COM,
    from_reform=True, normative_only=True, reform_date_of="consultation",
    legal_basis="ЗНА чл. 26, ал. 5", confidence="C2", composite=((SE, "transparency"),),
)
def cons_05(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 26(5) [C2]: after the consultation and before the act is adopted, the drafter publishes a
    справка of the proposals received with reasons for those not accepted; the portal's doc type
    PC_COMMENTS_REPORT (8, „Справка за получените предложения/съобщение“) and event
    PUBLISH_PROPOSALS_REPORT [C]. An institution that received no proposals may publish a message
    instead of the file; only the consultation's page shows it [C: StorePublicConsultationProposalReport].
    PASS if published after the close and before the CoM decision; WARN if after the decision but before
    submission to the NA; FAIL if absent at submission (the page read and showing no message) or
    published only after it. A message dated only by the day lexwatch first saw it is an upper bound: a
    verdict that an earlier date could change is UNKNOWN."""
    c, res = consultation_or_none(f)
    if c is None:
        return res  # type: ignore[return-value]
    dec, sub = f.decision_date, f.submitted_on
    found, dates = _spravka_dates(f, c)
    published = min(dates) if dates else None
    bound = False  # `published` is only an upper bound (a message first seen that day)
    if not found and c.spravka_message_on is not None:
        found, published = True, c.spravka_message_on
        bound = c.spravka_message_dated_by != "page"
    ev = {**consultation_evidence(c, f), "spravka_published": iso(published), "submitted_on": iso(sub),
          **decision_evidence(f.decision)}
    if c.spravka_message_on is not None:
        ev["spravka_message_on"] = iso(c.spravka_message_on)
        ev["spravka_message_dated_by"] = c.spravka_message_dated_by
    typed = any(d.doc_type not in UNTYPED for d in c.documents)
    if not found:
        if typed and c.page_checked_on is not None:
            ev["page_checked_on"] = iso(c.page_checked_on)
            return fail(f"Справка за получените предложения по {c.reg_num} не е публикувана до внасянето "
                        f"(нито файл, нито съобщение на страницата към {fmt(c.page_checked_on)}).",
                        f"No справка on the proposals received in {c.reg_num} was published by submission "
                        f"(no file, and no message on the page as of {c.page_checked_on}).", ev)
        if typed:
            return unknown(f"Няма файл със справка по {c.reg_num}; страницата на консултацията, където може да има "
                           f"съобщение вместо справка, не е прочетена.",
                           f"No справка file in {c.reg_num}; the consultation page, which may carry a message "
                           f"instead of the справка, has not been read.", ev)
        return unknown(f"Файловете на {c.reg_num} нямат вид на документа; справката не може да се установи.",
                       f"The files of {c.reg_num} carry no type; the справка cannot be identified.", ev)
    if published is None:
        return unknown("Справката е публикувана, но без дата.", "The справка is published, but undated.", ev)
    if sub and published > sub:
        if bound:
            return unknown(f"Съобщението вместо справка е видяно за първи път на {fmt(published)}, след внасянето "
                           f"({fmt(sub)}); датата на публикуването му не е известна.",
                           f"The message in place of the справка was first seen on {published}, after submission "
                           f"({sub}); when it was published is not known.", ev)
        return fail(f"Справката е публикувана на {fmt(published)}, след внасянето в НС на {fmt(sub)}.",
                    f"The справка was published on {published}, after submission to the Assembly on {sub}.", ev)
    if c.date_close and published < c.date_close:
        return warn(f"Справката е публикувана на {fmt(published)}, преди края на консултацията ({fmt(c.date_close)}).",
                    f"The справка was published on {published}, before the consultation closed ({c.date_close}).", ev)
    if dec is None:
        return unknown("Справката е публикувана преди внасянето, но решението на МС не е свързано.",
                       "The справка was published before submission, but the Council of Ministers' decision is not linked.",
                       ev)
    if published <= dec:
        return passed(f"Справката е публикувана на {fmt(published)}, преди решението на МС от {fmt(dec)}.",
                      f"The справка was published on {published}, before the Council of Ministers' decision of {dec}.", ev)
    if bound:
        return unknown(f"Съобщението вместо справка е видяно за първи път на {fmt(published)}, след решението на МС "
                       f"от {fmt(dec)}; дали е публикувано преди решението не е известно.",
                       f"The message in place of the справка was first seen on {published}, after the decision of "
                       f"{dec}; whether it was published before the decision is not known.", ev)
    return warn(f"Справката е публикувана на {fmt(published)}, след решението на МС от {fmt(dec)}, но преди внасянето.",
                f"The справка was published on {published}, after the decision of {dec} but before submission.", ev)


@criterion(
    "CONS-06", "Мотиви за неприетите предложения (качество на справката)",
    "Reasons for the proposals not accepted (quality of the справка)",
    group="consultation", principles=(P.JUSTIFICATION, P.COHERENCE), initiators=COM,
    from_reform=True, normative_only=True, reform_date_of="consultation",
    legal_basis="ЗНА чл. 26, ал. 5 (обосновка за неприетите предложения)", confidence="C2/P",
    settings=("pass_share", "warn_share"), composite=((SE, "oversight"),),
)
def cons_06(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 26(5), "с обосновка за неприетите предложения" [C2]. Data: the справка's text
    (texts.documents.spravka): each row marked „не се приема“ needs a reason. PASS if ≥ 90% of
    rejected rows have reasons, WARN from 50%, FAIL below [P]. UNKNOWN until the справка's text is
    downloaded and analysed; N_A when only the page's message stands in for it (the portal's form for
    no proposals received)."""
    c = f.consultation
    owners = [("consultation", c.id)] if c else []
    owners += [("bill", b.id) for b in f.ini.bills]
    analysed = [d for d in f.ini.documents if (d.owner_type, d.owner_id) in owners
                and isinstance((d.analysis or {}).get("spravka"), dict)]
    ev: dict[str, Any] = {**bill_evidence(f), **(consultation_evidence(c, f) if c else {})}
    if not analysed:
        if c is None:
            return no_consultation(f)
        if c.spravka_message_on is not None and not any(d.doc_type == DOC_SPRAVKA for d in c.documents):
            # The portal offers the message in place of the справка file when no proposals were
            # received (StorePublicConsultationProposalReport: „съобщение за неполучени предложения“).
            ev["spravka_message_on"] = iso(c.spravka_message_on)
            return not_applicable("Вместо справка е публикувано съобщение (за неполучени предложения); няма неприети предложения.",
                                  "A message was published in place of the справка (no proposals received); no proposal was rejected.", ev)
        return unknown("Текстът на справката не е изтеглен и анализиран.",
                       "The справка's text has not been downloaded and analysed.", ev)
    rejected = sum(int(d.analysis["spravka"].get("rejected") or 0) for d in analysed)
    reasons = sum(int(d.analysis["spravka"].get("with_reasons") or 0) for d in analysed)
    ev.update(spravka_files=[d.url for d in analysed], rejected=rejected, with_reasons=reasons)
    if rejected == 0:
        none = any(d.analysis["spravka"].get("no_proposals_notice") for d in analysed)
        if not none and not any(int(d.analysis["spravka"].get("accepted") or 0) for d in analysed):
            # A справка in which no decision row was read (a summary in the bill's file, a table
            # extraction lost) says nothing about rejected proposals.
            return unknown("В справката не са разпознати предложения с решение по тях.",
                           "No proposal with a decision on it was recognised in the справка.", ev)
        return not_applicable("Няма неприети предложения" + (" (не са постъпили предложения)." if none else "."),
                              "No proposals were rejected" + (" (none were received)." if none else "."), ev)
    share = reasons / rejected
    ev["reasons_share"] = round(share, 3)
    text_bg = f"{reasons} от {rejected} неприети предложения са с мотиви ({share:.0%})."
    text_en = f"{reasons} of {rejected} rejected proposals carry reasons ({share:.0%})."
    if share >= s["pass_share"]:
        return passed(text_bg, text_en, ev)
    if share >= s["warn_share"]:
        return warn(text_bg, text_en, ev, confidence="P")
    return fail(text_bg, text_en, ev, confidence="P")


@criterion(
    "CONS-07", "Приемане едва след края на консултацията", "Adoption only after the consultation closed",
    group="consultation", principles=(P.OPENNESS,), initiators=COM,
    from_reform=True, normative_only=True, reform_date_of="consultation",
    legal_basis="ЗНА чл. 26, ал. 4–5 (след приключване на консултацията и преди приемането)", confidence="C2",
    composite=((SE, "methodology"),),
)
def cons_07(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 26(4)–(5) [C2]: the consultation must be able to influence the decision. FAIL if the
    Council of Ministers approved the bill, or it was submitted to the NA, before the consultation
    closed; a decision on the closing day itself is a WARN; PASS otherwise. Without the ПРИС decision
    the approval date is unknown: UNKNOWN unless the submission already fails."""
    c, res = consultation_or_none(f)
    if c is None:
        return res  # type: ignore[return-value]
    dec, sub, close = f.decision_date, f.submitted_on, c.date_close
    ev = {**consultation_evidence(c, f), "submitted_on": iso(sub), **decision_evidence(f.decision)}
    if close is None:
        return unknown(f"Консултацията {c.reg_num} няма дата на закриване.", f"Consultation {c.reg_num} has no closing date.", ev)
    if dec and dec < close:
        return fail(f"МС е одобрил законопроекта на {fmt(dec)}, преди края на консултацията на {fmt(close)}.",
                    f"The Council of Ministers approved the bill on {dec}, before the consultation closed on {close}.", ev)
    if sub and sub < close:
        return fail(f"Законопроектът е внесен на {fmt(sub)}, преди края на консултацията на {fmt(close)}.",
                    f"The bill was submitted on {sub}, before the consultation closed on {close}.", ev)
    if dec and dec == close:
        return warn(f"МС е одобрил законопроекта в последния ден на консултацията ({fmt(close)}).",
                    f"The Council of Ministers approved the bill on the consultation's last day ({close}).", ev,
                    labels=("same_day",))
    if dec is None:
        return unknown("Решението на МС не е свързано; внасянето е след края на консултацията.",
                       "The Council of Ministers' decision is not linked; submission came after the consultation closed.",
                       ev)
    return passed(f"Законопроектът е одобрен на {fmt(dec)}, след края на консултацията на {fmt(close)}.",
                  f"The bill was approved on {dec}, after the consultation closed on {close}.", ev)
