"""F. Legislative technique and stability (research/criteria.md §4 F): LT-01, LT-02, LT-03.

They read the promulgated text as analysed by criteria.lawtext (other laws amended through
the transitional and final provisions, entry-into-force clauses) and the State Gazette
history printed after the amended laws' titles (criteria.gazette).
"""
from __future__ import annotations

import re
from typing import Any

from criteria.catalogue._common import bill_evidence
from criteria.criterion import ANY, Result, criterion, fail, not_applicable, passed, unknown, warn
from criteria.facts import Facts
from criteria.gazette import amendments_in_window, parse_history
from criteria.principles import Principle as P

PARL = "parliamentary"
_AMENDING = re.compile(r"\bза\s+(?:изменение|допълнение)", re.I)


def _adopted_with_text(f: Facts) -> tuple[dict[str, Any] | None, Result | None]:
    if not f.adopted:
        return None, not_applicable(f"Законопроектът не е приет (статус: {f.bill.status}).",
                                    f"The bill is not adopted (status: {f.bill.status}).", bill_evidence(f))
    an = f.act_analysis
    if an is None:
        return None, unknown("Обнародваният текст на закона още не е изтеглен и анализиран.",
                             "The promulgated text has not yet been downloaded and analysed.", bill_evidence(f))
    return an, None


def _initial_laws(f: Facts) -> set[str] | None:
    """Laws the bill amended as submitted (criteria.documents on the bill file), if analysed."""
    docs = [d for d in f.bill_documents if isinstance((d.analysis or {}).get("amended_laws"), list)]
    if not docs:
        return None
    return {a.get("law_name_normalised") for d in docs for a in d.analysis["amended_laws"]}


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
        return warn(f"Законът изменя {len(unique)} други закона чрез ПЗР: {names}.",
                    f"The law amends {len(unique)} other law(s) through its final provisions: {names}.", ev,
                    confidence="P")
    return passed(f"Законът изменя {len(unique)} друг закон чрез ПЗР ({names}), под прага.",
                  f"The law amends {len(unique)} other law(s) through its final provisions ({names}), below the threshold.", ev)


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
    text_bg = f"{name}: {k} изменения за {s['window_months']} месеца (с настоящото)."
    text_en = f"{name}: {k} amending acts in {s['window_months']} months (this one included)."
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
    term. vacatio = days from promulgation to entry into force, per clause (criteria.lawtext). PASS
    when every clause gives at least 3 days; WARN when a clause gives less ("от деня на
    обнародването"), a concern for provisions creating obligations, fees or sanctions, which are not
    told apart yet; a date before promulgation is retroactivity (LT-04). Dates are estimated from the
    decree date when the ДВ date is not known."""
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
    if not values:
        return unknown("Срокът за влизане в сила не може да се изчисли (условна или неразпозната клауза).",
                       "The time to entry into force cannot be computed (a conditional or unrecognised clause).", ev)
    low = min(values)
    ev["shortest_vacatio_days"] = low
    if low < 0:
        return warn(f"Клауза поставя влизане в сила {-low} дни преди обнародването (обратно действие, виж LT-04).",
                    f"A clause sets entry into force {-low} days before promulgation (retroactivity, see LT-04).", ev,
                    labels=("retroactive",))
    if low < s["min_days"]:
        return warn(f"Закон или част от него влиза в сила след {low} дни (под {s['min_days']} дни по чл. 5, ал. 5 от Конституцията).",
                    f"The law or part of it enters into force after {low} days (under the {s['min_days']} days of Const. art. 5(5)).",
                    ev)
    return passed(f"Законът влиза в сила най-рано {low} дни след обнародването.",
                  f"The law enters into force no sooner than {low} days after promulgation.", ev)
