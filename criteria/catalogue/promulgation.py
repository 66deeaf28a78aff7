"""G. Adoption, promulgation and review (research/criteria.md §4 G): DV-01, DV-02.

parliament.bg gives the adoption date and the State Gazette issue but not the issue's date;
the promulgated text opens with the President's decree, whose date ("Издаден в София на …")
texts.lawtext extracts. The decree is the act of promulgation (Const. art. 98 т. 4) and the
ДВ issue follows it within days, so the decree date stands in for the ДВ date when that is not
known, and the evidence says which one was used.
"""
from __future__ import annotations

from typing import Any

from criteria.catalogue._common import days_bg, days_en, bill_evidence, fmt, status_label
from criteria.criterion import ANY, Result, criterion, fail, not_applicable, passed, unknown, warn
from criteria.facts import Facts, iso
from criteria.principles import Principle as P

PARL = "parliamentary"
_KIND_BG = {"promulgation": "Обнародването в ДВ е", "decree": "Указът за обнародване е издаден"}
_KIND_EN = {"promulgation": "Promulgation in the ДВ came", "decree": "The promulgation decree was issued"}


def _vetoed(f: Facts) -> bool:
    b = f.bill
    return bool(b.veto_on or (b.veto or "").strip() or f._votes["veto"]
                or any(r.origin == "stan_list_veto" for r in b.reports))


@criterion(
    "DV-01", "Обнародване до 15 дни след приемането", "Promulgation within 15 days of adoption",
    group="promulgation", principles=(P.PREDICTABILITY,), initiators=ANY,
    legal_basis="Конституция, чл. 88, ал. 3; чл. 98, т. 4", confidence="C",
    settings=("max_days",), composite=((PARL, "transparency"),),
)
def dv_01(f: Facts, s: dict[str, Any]) -> Result:
    """Const. art. 88(3) [C]: an adopted act is promulgated in the State Gazette within 15 days of its
    adoption; art. 98 т. 4: the President promulgates laws. PASS if promulgation − adoption ≤ 15
    days; FAIL if more, unless a veto intervened (then DV-02 judges)."""
    ev: dict[str, Any] = bill_evidence(f)
    if not f.adopted:
        return not_applicable(f"Законопроектът не е приет (състояние: {status_label(f.bill.status)}).",
                              f"The bill is not adopted (status: {status_label(f.bill.status, 'en')}).", ev)
    if _vetoed(f):
        return not_applicable("Законът е върнат с вето; сроковете след ветото се оценяват в DV-02.",
                              "The law was vetoed; the terms after the veto are judged by DV-02.", ev)
    adopted = f.adoption_date
    when, kind = f.promulgation_date
    ev.update(adopted_on=iso(adopted), promulgated_on=iso(when), promulgation_date_kind=kind,
              dv_issue=f.bill.dv_issue, dv_year=f.bill.dv_year)
    if adopted is None or when is None:
        return unknown("Датата на приемане или на обнародване не е известна.",
                       "The adoption or the promulgation date is not known.", ev)
    days = (when - adopted).days
    ev["days"] = days
    if days <= s["max_days"]:
        return passed(f"{_KIND_BG[kind]} {days_bg(days)} след приемането на {fmt(adopted)}.",
                      f"{_KIND_EN[kind]} {days_en(days)} after adoption on {adopted}.", ev)
    return fail(f"{_KIND_BG[kind]} {days_bg(days)} след приемането на {fmt(adopted)} (над {s['max_days']}).",
                f"{_KIND_EN[kind]} {days_en(days)} after adoption on {adopted} (over {s['max_days']}).", ev)


@criterion(
    "DV-02", "Вето на президента", "Presidential veto",
    group="promulgation", principles=(P.JUSTIFICATION, P.PREDICTABILITY), initiators=ANY,
    legal_basis="Конституция, чл. 101, ал. 1–3", confidence="C",
    settings=("repromulgation_days",), composite=((PARL, "oversight"),),
)
def dv_02(f: Facts, s: dict[str, Any]) -> Result:
    """Const. art. 101 [C]: (1) the President may return a law for new debate; (2) re-adoption needs
    more than half of all MPs (≥ 121); (3) a re-adopted law is promulgated within 7 days. The veto
    itself is an indicator: WARN "law vetoed"; FAIL if the re-adopted law was promulgated more than
    7 days after re-adoption. The re-adoption majority needs the vote records, not read yet."""
    b = f.bill
    ev: dict[str, Any] = {**bill_evidence(f), "veto_on": iso(b.veto_on), "veto": b.veto}
    if not _vetoed(f):
        if not f.adopted:
            return not_applicable(f"Законопроектът не е приет (състояние: {status_label(b.status)}).",
                                  f"The bill is not adopted (status: {status_label(b.status, 'en')}).", ev)
        return passed("Законът не е връщан с вето.", "The law was not vetoed.", ev)
    revote = f.revote
    when, kind = f.promulgation_date
    ev.update(readopted_on=iso(revote), promulgated_on=iso(when), promulgation_date_kind=kind,
              readoption_majority_checked=False)
    if revote and when:
        days = (when - revote).days
        ev["days_after_readoption"] = days
        if days > s["repromulgation_days"]:
            return fail(f"Повторно приетият закон е обнародван {days_bg(days)} след повторното приемане (над {s['repromulgation_days']}).",
                        f"The re-adopted law was promulgated {days_en(days)} after re-adoption (over {s['repromulgation_days']}).", ev)
    when_bg = f" на {fmt(b.veto_on)}" if b.veto_on else ""
    when_en = f" on {b.veto_on}" if b.veto_on else ""
    return warn(f"Законът е върнат от президента за ново обсъждане{when_bg}.",
                f"The law was returned by the President for new debate{when_en}.", ev, labels=("vetoed",))
