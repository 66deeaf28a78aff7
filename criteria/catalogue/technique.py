"""F. Legislative technique and stability (research/criteria.md §4 F): LT-01 … LT-05.

They read the promulgated text as analysed by texts.lawtext (other laws amended or repealed
through the transitional and final provisions, entry-into-force clauses) and the State Gazette
history printed after the amended laws' titles (criteria.gazette).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from criteria.catalogue._common import days_bg, days_en, bill_evidence, fmt, is_new_law, status_label
from criteria.criterion import ANY, Result, criterion, fail, not_applicable, passed, unknown, warn
from criteria.facts import Facts
from criteria.gazette import amendments_in_window, issue_date, parse_history
from texts.lawtext.numbers import add_months
from criteria.principles import Principle as P

PARL = "parliamentary"
_AMENDING = re.compile(r"\bза\s+(?:изменение|допълнение)", re.I)


def _adopted_with_text(f: Facts) -> tuple[dict[str, Any] | None, Result | None]:
    if not f.adopted:
        return None, not_applicable(f"Законопроектът не е приет (състояние: {status_label(f.bill.status)}).",
                                    f"The bill is not adopted (status: {status_label(f.bill.status, 'en')}).", bill_evidence(f))
    an = f.act_analysis
    if an is None:
        return None, unknown("Обнародваният текст на закона още не е изтеглен и анализиран.",
                             "The promulgated text has not yet been downloaded and analysed.", bill_evidence(f))
    return an, None


def _initial_laws(f: Facts) -> set[str] | None:
    """Laws the bill amended as submitted (texts.documents on the bill file), if analysed."""
    docs = [d for d in f.bill_documents if isinstance((d.analysis or {}).get("amended_laws"), list)]
    if not docs:
        return None
    return {a.get("law_name_normalised") for d in docs for a in d.analysis["amended_laws"]}


def _other_laws(n: int, lang: str = "bg") -> str:
    """"1 друг закон", "3 други закона" (the count form after a numeral); "1 other law", "3 other laws"."""
    if lang == "en":
        return f"{n} other law" + ("" if n == 1 else "s")
    return f"{n} друг закон" if n == 1 else f"{n} други закона"


@criterion(
    "LT-01", "Изменения в други закони чрез преходните и заключителните разпоредби",
    "Amendments to other laws through the transitional and final provisions",
    group="technique", principles=(P.STABILITY, P.PREDICTABILITY, P.COHERENCE), initiators=ANY,
    legal_basis="ЗНА чл. 26, ал. 1 (принципи); ЗНА чл. 10 [R]; Конституция, чл. 4, ал. 1 (правна сигурност); Решение № 3 на КС (ЗЗО чрез ПЗР на ЗБНЗОК 2007)",
    confidence="U/P", settings=("warn_min_other_laws",), composite=((PARL, "transparency"),),
)
def lt_01(f: Facts, s: dict[str, Any]) -> Result:
    """No explicit ЗНА prohibition was found [U]; anchors: the art. 26(1) principles [C], the
    legal-certainty line of the Constitutional Court [C2], ЗНА art. 10 (one matter, one act) [R].
    Counts the other laws amended or repealed from the law's supplementary provisions; WARN from
    `warn_min_other_laws` [P] with each law and its § as evidence (relatedness to the subject is
    for review; the catalogue's FAIL needs it, and an unrelated law added at second reading is
    NA-05); PASS when none. Consequential amendments count too: the baseline is 35–37% of changes
    via the ПЗР (43rd–44th NA)."""
    an, res = _adopted_with_text(f)
    if an is None:
        return res  # type: ignore[return-value]
    laws = an.get("amended_laws") or []
    unique = {a.get("law_name_normalised") for a in laws}
    initial = _initial_laws(f)
    items = [{"section": a.get("section"), "law": a.get("law_name_normalised"), "action": a.get("action"),
              "present_at_first_reading": (a.get("law_name_normalised") in initial) if initial is not None else None}
             for a in laws]
    ev: dict[str, Any] = {**bill_evidence(f), "other_laws_amended": items, "n_other_laws": len(unique),
                          "act_source_url": f.act_text.source_url if f.act_text else None}
    if not unique:
        return passed("Законът не изменя други закони чрез допълнителните си разпоредби.",
                      "The law amends no other law through its supplementary provisions.", ev)
    names = "; ".join(f"{a['section']} {a['law']}" for a in items)
    if len(unique) >= s["warn_min_other_laws"]:
        return warn(f"Законът изменя {_other_laws(len(unique))} чрез ПЗР: {names}.",
                    f"The law amends {_other_laws(len(unique), 'en')} through its final provisions: {names}.", ev,
                    confidence="P")
    return passed(f"Законът изменя {_other_laws(len(unique))} чрез ПЗР ({names}), под прага.",
                  f"The law amends {_other_laws(len(unique), 'en')} through its final provisions ({names}), below the threshold.", ev)


@criterion(
    "LT-02", "Честота на изменение на един и същ закон", "Amendment frequency of the same law",
    group="technique", principles=(P.STABILITY, P.PREDICTABILITY), initiators=ANY,
    legal_basis="ЗНА чл. 26, ал. 1 (стабилност); ЗНА чл. 3, ал. 1 (трайна уредба)",
    confidence="P", settings=("window_months", "warn_amendments", "red_flag_amendments"),
    composite=((PARL, "oversight"),),
)
def lt_02(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 26(1) and art. 3(1) [C]; the thresholds are watchdog practice [P]. For the law this act
    amends (its ДВ history after the title) and each law it amends through the ПЗР (their histories
    in the §), count the amending acts in the 12 months before this one, this one included: WARN
    from 3, a red-flag FAIL from 6 [P]. Dates are estimated from the ДВ issue numbers."""
    an, res = _adopted_with_text(f)
    if an is None:
        return res  # type: ignore[return-value]
    issue = f.bill.dv_issue or (f.act_text.dv_issue if f.act_text else None)
    year = f.bill.dv_year or (f.act_text.dv_year if f.act_text else None)
    ev: dict[str, Any] = {**bill_evidence(f), "dv_issue": issue, "dv_year": year, "window_months": s["window_months"],
                          "dates_estimated_from_issue_numbers": True}
    if not issue or not str(issue).isdigit() or not year:
        return unknown("Броят на ДВ, в който е обнародван законът, не е известен.",
                       "The State Gazette issue of the law is not known.", ev)
    n, y = int(issue), int(year)
    histories: list[tuple[str, str, str | None]] = []
    own = f.act_text.title_gazette_history if f.act_text else None
    title = f.bill.final_title or f.bill.title or ""
    if own:
        histories.append((f.bill.final_title or title, "this act's subject", own))
    for a in an.get("amended_laws") or []:
        histories.append((a.get("law_name_normalised") or a.get("law_name"), a.get("section"), a.get("gazette_history")))
    laws = []
    for name, where, text in histories:
        entries = parse_history(text)
        if not entries:
            continue
        recent = amendments_in_window(entries, n, y, s["window_months"])
        laws.append({"law": name, "where": where, "amendments_in_window": len(recent) + 1,
                     "issues": [f"{e.issue}/{e.year}" for e in recent]})
    ev["laws"] = laws
    if not laws:
        if _AMENDING.search(title):
            return unknown("Законът е изменителен, но историята на изменения на закона не е открита в текста.",
                           "An amending law, but the amendment history of its law was not found in the text.", ev)
        return not_applicable("Нов закон, който не изменя други закони: няма предишни изменения за броене.",
                              "A new law amending no other law: there are no earlier amendments to count.", ev)
    worst = max(laws, key=lambda x: x["amendments_in_window"])
    k, name = worst["amendments_in_window"], worst["law"]
    text_bg = f"{name}: {k} {'изменение' if k == 1 else 'изменения'} за {s['window_months']} месеца (с настоящото)."
    text_en = f"{name}: {k} amending {'act' if k == 1 else 'acts'} in {s['window_months']} months (this one included)."
    if k >= s["red_flag_amendments"]:
        return fail(text_bg, text_en, ev, labels=("red_flag",))
    if k >= s["warn_amendments"]:
        return warn(text_bg, text_en, ev)
    return passed(text_bg, text_en, ev)


@criterion(
    "LT-03", "Срок за влизане в сила (vacatio legis)", "Vacatio legis (time to entry into force)",
    group="technique", principles=(P.PREDICTABILITY, P.PROPORTIONALITY), initiators=ANY,
    legal_basis="Конституция, чл. 5, ал. 5 (три дни след обнародването, освен ако е определен друг срок); ЗНА (обнародване и влизане в сила) [R]",
    confidence="C/P", settings=("min_days",), composite=((PARL, "oversight"),),
)
def lt_03(f: Facts, s: dict[str, Any]) -> Result:
    """Const. art. 5(5) [C]: acts enter into force three days after promulgation unless they set another
    term. vacatio = days from promulgation to entry into force, per clause (texts.lawtext). PASS
    when every clause gives at least 3 days; WARN when a clause gives less ("от деня на
    обнародването"), a concern for provisions creating obligations, fees or sanctions, which are not
    told apart yet. A date before promulgation is retroactivity, judged by LT-04 alone: such
    clauses are listed here but not counted (N_A when no other clause is left). Dates are estimated
    from the decree date when the ДВ date is not known."""
    an, res = _adopted_with_text(f)
    if an is None:
        return res  # type: ignore[return-value]
    clauses = an.get("entry_into_force") or []
    shown = [{"kind": c.get("kind"), "effect": c.get("effect"), "section": c.get("section"),
              "provisions": c.get("provisions_text"), "vacatio_legis_days": c.get("vacatio_legis_days"),
              "effective_date": c.get("effective_date"), "estimated": c.get("vacatio_legis_estimated")}
             for c in clauses]
    main = an.get("vacatio_legis_days")
    ev: dict[str, Any] = {**bill_evidence(f), "vacatio_legis_days": main, "estimated": an.get("vacatio_legis_estimated"),
                          "reference_date": an.get("reference_date"), "reference_date_kind": an.get("reference_date_kind"),
                          "clauses": shown}
    values = [c.get("vacatio_legis_days") for c in clauses
              if c.get("effect") == "entry_into_force" and c.get("vacatio_legis_days") is not None]
    if main is not None:
        values.append(main)
    before = sorted({v for v in values if v < 0})
    values = [v for v in values if v >= 0]
    if before:
        ev["days_before_promulgation_see_lt_04"] = [-v for v in before]
    if not values and before:
        return not_applicable("Законът влиза в сила с дата преди обнародването; обратното действие се оценява в LT-04.",
                              "The law enters into force on a date before promulgation; retroactivity is judged by LT-04.",
                              ev, labels=("retroactive",))
    if not values:
        return unknown("Срокът за влизане в сила не може да се изчисли (условна или неразпозната клауза).",
                       "The time to entry into force cannot be computed (a conditional or unrecognised clause).", ev)
    low = min(values)
    ev["shortest_vacatio_days"] = low
    if low < s["min_days"]:
        return warn(f"Закон или част от него влиза в сила след {days_bg(low)} (под {days_bg(s['min_days'])} по чл. 5, ал. 5 от Конституцията).",
                    f"The law or part of it enters into force after {days_en(low)} (under the {days_en(s['min_days'])} of Const. art. 5(5)).",
                    ev)
    return passed(f"Законът влиза в сила най-рано {days_bg(low)} след обнародването.",
                  f"The law enters into force no sooner than {days_en(low)} after promulgation.", ev)


# --------------------------------------------------------------------------- LT-04 retroactivity

# Wordings that give a provision a date of effect on purpose, i.e. the express provision ЗНА чл. 14,
# ал. 1 asks for: "има обратно действие", "считано от …", "поражда действие от …", "се прилага от …".
# A plain "влиза в сила от <date>" whose date has passed by promulgation says nothing of the kind.
_EXPRESS_VERBS = frozenset({"се прилага", "поражда действие", "има обратно действие"})
_REFERENCE_BG = {"promulgation": "обнародването", "decree": "указа за обнародване", "adoption": "приемането"}
_REFERENCE_EN = {"promulgation": "promulgation", "decree": "the promulgation decree", "adoption": "adoption"}


def _express_wording(c: dict[str, Any]) -> str | None:
    verb = c.get("verb") or ("се прилага" if c.get("effect") == "application" else None)  # analyses before v2
    if verb == "има обратно действие" or c.get("effect") == "retroactive":
        return "има обратно действие"
    if c.get("counted_from"):
        return "считано от"
    return verb if verb in _EXPRESS_VERBS else None


def _clause_item(c: dict[str, Any], wording: str | None) -> dict[str, Any]:
    days = c.get("vacatio_legis_days")
    return {"section": c.get("section"), "text": c.get("text"), "effect": c.get("effect"), "verb": c.get("verb"),
            "provisions": c.get("provisions_text") or ("the whole act" if c.get("scope") == "whole_act" else None),
            "effective_date": c.get("effective_date"),
            "days_before_reference": -days if isinstance(days, int) and days < 0 else None,
            "express_wording": wording}


def _clause_list(items: list[dict[str, Any]], bg: bool = True) -> str:
    """"§ 9 (целия закон, от 01.02.2026)" / "§ 9 (the whole act, from 2026-02-01)"."""
    out = []
    for i in items:
        covers = i["provisions"] or "?"
        if bg and covers == "the whole act":
            covers = "целия закон"
        day = i.get("effective_date")
        if bg:
            when = f"от {fmt(dt.date.fromisoformat(day))}" if day else "без дата"
        else:
            when = f"from {day}" if day else "no date"
        out.append(f"{i['section'] or '?'} ({covers}, {when})")
    return "; ".join(out)


@criterion(
    "LT-04", "Обратно действие", "Retroactivity",
    group="technique", principles=(P.PREDICTABILITY, P.STABILITY), initiators=ANY,
    legal_basis="ЗНА чл. 14, ал. 1–3 (обратно действие по изключение, с изрична разпоредба; не за по-тежки санкции)",
    confidence="C", settings=("decree_lag_days", "adoption_lag_days"), composite=((PARL, "oversight"),),
)
def lt_04(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 14 [C: 290caselaw]: (1) a normative act may have retroactive effect only by exception and
    by an express provision; (3) never for sanctions, unless lighter. From the entry-into-force and
    application clauses (texts.lawtext): FAIL for implicit retroactivity, a date of entry into force
    before promulgation with nothing saying so ("влиза в сила от 1 януари 2026 г." in a law promulgated
    later); WARN for express retroactivity, art. 14(1)'s exception ("има обратно действие", "считано
    от …", "поражда действие от …", "се прилага от …" with a past date); PASS when every clause takes
    effect on or after promulgation; UNKNOWN without the text. When only the decree (or adoption) date
    is known, a date before it is before promulgation for certain, but a date up to
    `decree_lag_days` (`adoption_lag_days`) after it may fall before the ДВ issue: UNKNOWN. Conditional
    clauses are taken to name future events. Art. 14(3) is not detected: the text does not say whether
    a back-dated provision is a sanction, let alone a harsher one, so the evidence says it was not checked."""
    an, res = _adopted_with_text(f)
    if an is None:
        return res  # type: ignore[return-value]
    ref_kind = an.get("reference_date_kind")
    lag = {"promulgation": 0, "decree": s["decree_lag_days"], "adoption": s["adoption_lag_days"]}.get(ref_kind)
    express: list[dict[str, Any]] = []
    implicit: list[dict[str, Any]] = []
    borderline: list[dict[str, Any]] = []
    undetermined: list[dict[str, Any]] = []
    for c in an.get("entry_into_force") or []:
        if c.get("scope") == "other_law":
            continue  # defers another law's entry into force, not this law's effect
        wording = _express_wording(c)
        item = _clause_item(c, wording)
        days = c.get("vacatio_legis_days")
        if c.get("effect") == "retroactive":
            express.append(item)  # the law says so, dated or not
        elif c.get("kind") == "fixed_date":
            if days is None or lag is None:
                undetermined.append(item)
            elif days < 0:
                (express if wording else implicit).append(item)
            elif days < lag:
                borderline.append(item)
        elif c.get("kind") == "unrecognised" and c.get("effect") == "entry_into_force":
            undetermined.append(item)
    ev: dict[str, Any] = {**bill_evidence(f), "reference_date": an.get("reference_date"), "reference_date_kind": ref_kind,
                          "act_source_url": f.act_text.source_url if f.act_text else None,
                          "implicit": implicit, "express": express, "borderline": borderline,
                          "undetermined": undetermined, "harsher_sanctions_checked": False}
    ref_bg, ref_en = _REFERENCE_BG.get(ref_kind, "обнародването"), _REFERENCE_EN.get(ref_kind, "promulgation")
    if implicit:
        names, names_en = _clause_list(implicit), _clause_list(implicit, bg=False)
        return fail(f"Разпоредби с действие преди {ref_bg} без изрична разпоредба за обратно действие (чл. 14, ал. 1 ЗНА): {names}.",
                    f"Provisions take effect before {ref_en} with no express provision for retroactivity "
                    f"(ЗНА art. 14(1)): {names_en}.", ev, labels=("retroactive", "implicit_retroactivity"))
    if express:
        names, names_en = _clause_list(express), _clause_list(express, bg=False)
        return warn(f"Изрично обратно действие, допустимо само по изключение (чл. 14, ал. 1 ЗНА): {names}.",
                    f"Express retroactive effect, admissible only by exception (ЗНА art. 14(1)): {names_en}.", ev,
                    labels=("retroactive",))
    if borderline:
        names, names_en = _clause_list(borderline), _clause_list(borderline, bg=False)
        return unknown(f"Дата на действие до {days_bg(lag)} след {ref_bg}: дали е преди излизането на ДВ, не е известно ({names}).",
                       f"A date of effect within {days_en(lag)} after {ref_en}: whether it precedes the ДВ issue is not "
                       f"known ({names_en}).", ev, labels=("borderline",))
    if undetermined:
        return unknown("Дата на действие не може да се сравни с датата на обнародване (неизвестна дата или неразпозната клауза).",
                       "A date of effect cannot be compared with the promulgation date (unknown date or unrecognised clause).",
                       ev)
    return passed("Всички разпоредби влизат в сила или се прилагат от обнародването или по-късно.",
                  "Every provision enters into force or applies on or after promulgation.", ev)


# --------------------------------------------------------------------------- LT-05 repeal and replace


def _this_act_date(f: Facts) -> tuple[dt.date | None, str | None]:
    when, kind = f.promulgation_date
    if when is not None:
        return when, kind
    issue, year = f.bill.dv_issue, f.bill.dv_year
    if issue and str(issue).isdigit() and year:
        return issue_date(int(issue), int(year)), "gazette_issue_estimate"
    return f.adoption_date, ("adoption" if f.adoption_date else None)


def _first_publication(history: str | None):
    """The repealed law's own promulgation: the earliest issue its ДВ history cites."""
    entries = [e for e in parse_history(history) if e.kind in ("promulgation", "amendment")]
    return min(entries, key=lambda e: (e.year, e.issue)) if entries else None


@criterion(
    "LT-05", "Отмяна и замяна на закон вместо изменение", "Repeal-and-replace versus amendment",
    group="technique", principles=(P.STABILITY, P.COHERENCE), initiators=ANY,
    legal_basis="ЗНА чл. 11, ал. 1 (нов закон на мястото на действащ – само при многобройни и съществени изменения)",
    confidence="C/P", settings=("young_law_years",),
)
def lt_05(f: Facts, s: dict[str, Any]) -> Result:
    """ЗНА art. 11(1) [C: 290caselaw]: a law is replaced by a new one on the same matter only when the
    changes are numerous and important. Informational WARNs [P]: (a) a new law whose closing part
    repeals a law less than `young_law_years` old (its promulgation read from the ДВ history the
    repeal cites, "Отменя се Законът за X (обн., ДВ, бр. 11 от 2023 г.; …)", dated from the issue
    number by criteria.gazette; without that history the age is UNKNOWN — other adopted bills in the
    database are not searched, as the initiative.v1 input carries only this bill); PASS when it
    repeals no law or only older ones. (b) a ЗИД rewriting more than half of the articles of its law
    is not measured: the amending text names the articles it changes, not how many the law has, so an
    amending act is UNKNOWN (label not_measured). N_A for other acts (repeal-only, ratification)."""
    an, res = _adopted_with_text(f)
    if an is None:
        return res  # type: ignore[return-value]
    title = f.bill.final_title or f.bill.title or ""
    ev: dict[str, Any] = {**bill_evidence(f), "title": title, "act_source_url": f.act_text.source_url if f.act_text else None}
    if _AMENDING.search(title):
        return unknown("Закон за изменение: делът на изменените членове от закона не се измерва (общият им брой не е в текста).",
                       "An amending law: the share of the law's articles it rewrites is not measured (their total "
                       "is not in the text).", ev, labels=("not_measured",))
    if not is_new_law(f):
        return not_applicable("Актът не е нов закон (отмяна или ратификация): не замества друг закон.",
                              "The act is not a new law (a repeal or a ratification): it replaces no law.", ev)
    when, when_kind = _this_act_date(f)
    ev.update(act_date=when.isoformat() if when else None, act_date_kind=when_kind, young_law_years=s["young_law_years"],
              dates_estimated_from_issue_numbers=True)
    repealed = [a for a in an.get("amended_laws") or [] if a.get("action") == "repeal"]
    items: list[dict[str, Any]] = []
    for a in repealed:
        first = _first_publication(a.get("gazette_history"))
        item: dict[str, Any] = {"section": a.get("section"), "law": a.get("law_name_normalised"),
                                "promulgated_in": f"бр. {first.issue}/{first.year}" if first else None,
                                "promulgated_approx": first.approx_date.isoformat() if first else None,
                                "age_years": None, "young": None}
        if first and when:
            item["age_years"] = round((when - first.approx_date).days / 365.25, 1)
            item["young"] = add_months(first.approx_date, 12 * s["young_law_years"]) > when
        items.append(item)
    ev["repealed_laws"] = items
    if not items:
        return passed("Новият закон не отменя друг закон.", "The new law repeals no other law.", ev)
    young = [i for i in items if i["young"]]
    if young:
        names = "; ".join(f"{i['section']} {i['law']} (ДВ {i['promulgated_in']})" for i in young)
        return warn(f"Новият закон отменя закон на по-малко от {s['young_law_years']} години: {names}.",
                    f"The new law repeals a law less than {s['young_law_years']} years old: {names}.", ev,
                    confidence="P", labels=("informational",))
    if any(i["young"] is None for i in items):
        return unknown("Отменен закон, чиято дата на обнародване не е известна (липсва историята му в ДВ).",
                       "A repealed law whose promulgation date is not known (its ДВ history is not cited).", ev)
    names = "; ".join(f"{i['section']} {i['law']} (ДВ {i['promulgated_in']})" for i in items)
    return passed(f"Отменените закони са на поне {s['young_law_years']} години: {names}.",
                  f"The repealed laws are at least {s['young_law_years']} years old: {names}.", ev)
