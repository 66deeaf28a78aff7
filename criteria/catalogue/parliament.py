"""E. Parliamentary procedure: Constitution, ПОДНС, Constitutional Court (research/criteria.md §4 E).

NA-01, NA-02, NA-03, NA-04, NA-05, NA-07. Dates come from the bill's chronology on
parliament.bg (stages classified by crawlers.parliament.status), its committee reports and
the proposals deadline; the ПОДНС article numbers differ between assemblies (§2.3), so the
rules cite the provision by content.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from criteria.catalogue._common import bill_evidence, days_between, fmt
from criteria.criterion import ANY, Result, criterion, fail, not_applicable, passed, unknown, warn
from criteria.facts import Facts, iso
from criteria.principles import Principle as P

PARL = "parliamentary"
# Committee reports of the lead committee (its own documents, not opinions it received).
_OWN_REPORTS = ("stan_list", "stan_list2", "stan_list2_1")


def _lead_committees(f: Facts) -> list:
    return [c for c in f.bill.committees if c.is_lead or (c.role or "").strip().lower().startswith("водещ")]


def _not_reached(f: Facts, what_bg: str, what_en: str) -> Result:
    status = f.bill.status
    return not_applicable(f"Законопроектът не е стигнал до {what_bg} (статус: {status}).",
                          f"The bill has not reached {what_en} (status: {status}).", {**bill_evidence(f), "status": status})


@criterion(
    "NA-01", "Водеща комисия, определена навреме", "Lead committee assigned in time",
    group="parliament", principles=(P.COHERENCE,), initiators=ANY,
    legal_basis="ПОДНС: разпределение на законопроекта и определяне на водеща комисия в 3-дневен срок",
    confidence="C/R", settings=("max_days",), composite=((PARL, "systematic_adoption"),),
)
def na_01(f: Facts, s: dict[str, Any]) -> Result:
    """ПОДНС: the Speaker distributes a bill and names the lead committee within 3 days of submission
    [C: older Rules, old.parliament.bg; current value R]. parliament.bg gives no distribution date, so
    the lead committee's first own act (report, sitting) is used as an upper bound: PASS when it falls
    within 3 days of submission, UNKNOWN otherwise (the distribution may still have been on time);
    WARN when no lead committee is named 3 days after submission."""
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
            return warn(f"{waited} дни след внасянето няма определена водеща комисия.",
                        f"{waited} days after submission no lead committee is named.", {**ev, "days_waited": waited})
        return not_applicable("Срокът за разпределение още тече.", "The distribution term is still running.", ev,
                              recheck_on=sub + dt.timedelta(days=s["max_days"] + 1))
    ids = {c.committee_id for c in leads if c.committee_id is not None}
    names = {c.name for c in leads}

    def is_lead(cid: int | None, name: str | None) -> bool:
        return (cid is not None and cid in ids) or (name is not None and name in names)

    acts = [r.date for r in f.bill.reports if r.date and r.origin in _OWN_REPORTS and is_lead(r.committee_id, r.committee_name)]
    acts += [st.date for st in f.bill.stages if st.date and is_lead(st.committee_id, st.committee_name)]
    first_act = min(acts) if acts else None
    ev["lead_first_act"] = iso(first_act)
    gap = days_between(sub, first_act)
    ev["days_to_first_act"] = gap
    if gap is not None and gap <= s["max_days"]:
        return passed(f"Водещата комисия е действала {gap} дни след внасянето, значи е определена навреме.",
                      f"The lead committee acted {gap} days after submission, so it was named in time.", ev)
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
    ev: dict[str, Any] = {**bill_evidence(f), "first_vote": iso(fv), "proposals_from": iso(f.bill.proposals_from),
                          "proposals_until": iso(f.bill.proposals_until)}
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
        return warn(f"Срокът за предложения е {term} дни {bg_tail}: удължаването подсказва отлагане.",
                    f"The proposals term is {term} days {en_tail}: such an extension suggests shelving.", ev,
                    confidence="P")
    if term >= s["min_days"]:
        return passed(f"Срокът за предложения е {term} дни {bg_tail}.", f"The proposals term is {term} days {en_tail}.", ev)
    if term >= s["red_flag_below_days"]:
        return warn(f"Срокът за предложения е съкратен на {term} дни {bg_tail}.",
                    f"The proposals term was shortened to {term} days {en_tail}.", ev)
    return fail(f"Срокът за предложения е само {term} дни {bg_tail}: процедурен сигнал (оценка, не незаконност).",
                f"The proposals term is only {term} days {en_tail}: a procedural red flag (a quality judgment, not illegality).",
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
    (criteria.lawtext) with those amended by the bill as submitted (criteria.documents' analysis of
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
            return warn(f"Приет за {days} дни от внасянето (ускорено).", f"Adopted {days} days after submission (fast track).",
                        ev, labels=("fast_track",))
        return passed(f"Приет за {days} дни от внасянето.", f"Adopted {days} days after submission.", ev)
    if f.pending:
        days = (f.as_of - sub).days
        ev["days_pending"] = days
        if days > s["stalled_days"]:
            return warn(f"Законопроектът е внесен преди {days} дни и още не е приет (застой).",
                        f"Submitted {days} days ago and still pending (stalled).", ev, labels=("stalled",))
        return passed(f"Законопроектът е внесен преди {days} дни и се разглежда.",
                      f"Submitted {days} days ago and pending.", ev,
                      recheck_on=sub + dt.timedelta(days=s["stalled_days"] + 1))
    return not_applicable(f"Законопроектът не е приет (статус: {f.bill.status}).",
                          f"The bill was not adopted (status: {f.bill.status}).", ev)
