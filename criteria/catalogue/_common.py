"""Evidence helpers shared by the catalogue modules."""
from __future__ import annotations

import datetime as dt
from typing import Any

from core.parliament import BillStatus, label
from criteria.criterion import Result, not_applicable, unknown
from criteria.facts import Facts, iso
from criteria.initiative import Consultation, CouncilAct


def bill_evidence(f: Facts) -> dict[str, Any]:
    b = f.bill
    return {"bill_id": b.id, "signature": b.signature, "source_url": b.source_url}


def consultation_evidence(c: Consultation, f: Facts | None = None) -> dict[str, Any]:
    # Its own key: evidence that names the bill too keeps the bill's `source_url` beside it.
    ev: dict[str, Any] = {
        "consultation": c.reg_num,
        "date_open": iso(c.date_open),
        "date_close": iso(c.date_close),
        "consultation_url": c.source_url,
    }
    if f is not None:
        ev["link_status"] = f.link_status("consultation", c.id)
    return ev


def decision_evidence(a: CouncilAct | None) -> dict[str, Any]:
    if a is None:
        return {"council_decision": None}
    return {"council_decision": {"pris_id": a.id, "doc_num": a.doc_num, "date": iso(a.doc_date),
                                 "source_url": a.source_url}}


def days_bg(n: object) -> str:
    """„1 ден“, „21 дни“ (Bulgarian counts its days in two forms; so does English)."""
    return f"{n} ден" if n in (1, -1) else f"{n} дни"


def days_en(n: object) -> str:
    return f"{n} day" if n in (1, -1) else f"{n} days"


def working_days_bg(n: object) -> str:
    return f"{n} работен ден" if n in (1, -1) else f"{n} работни дни"


def working_days_en(n: object) -> str:
    return f"{n} working day" if n in (1, -1) else f"{n} working days"


def days_between(a: dt.date | None, b: dt.date | None) -> int | None:
    return (b - a).days if a and b else None


def fmt(d: dt.date | None) -> str:
    """A date as Bulgarian texts write it: 24.09.2026."""
    return f"{d.day:02d}.{d.month:02d}.{d.year}" if d else "?"


def is_new_law(f: Facts) -> bool:
    """A new law or code (a repeal-and-replace counts as new), not an amending or repealing act."""
    if f.portfolio_exclusion == "ratification":
        return False
    title = (f.bill.title or "").lower()
    words = f.th.section("IA-02")["amending_title_words"]
    return not any(w in title for w in words)


def no_consultation(f: Facts) -> Result:
    """The verdict of a consultation criterion when no consultation is linked."""
    if f.uncertain_consultations:
        regs = ", ".join(c.reg_num for c in f.uncertain_consultations)
        return unknown(f"Връзката с консултация ({regs}) е несигурна и чака преглед.",
                       f"The link to a consultation ({regs}) is uncertain and awaits review.",
                       {**bill_evidence(f), "uncertain_consultations": regs})
    if not f.ini.links_checked:
        return unknown("Законопроектът още не е свързван с консултации на strategy.bg.",
                       "The bill has not yet been linked to strategy.bg consultations.", bill_evidence(f))
    return not_applicable("Няма свързана консултация (виж CONS-01).", "No consultation is linked (see CONS-01).",
                          bill_evidence(f))


def consultation_or_none(f: Facts) -> tuple[Consultation | None, Result | None]:
    """The linked consultation, or the verdict a consultation criterion gives without one."""
    c = f.consultation
    if c is None:
        return None, no_consultation(f)
    return c, None


def status_label(status: str | None, lang: str = "bg") -> str:
    """A bill's status in words (core.parliament's vocabulary), never its stored code."""
    return label(BillStatus, status, lang)
