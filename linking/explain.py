"""The decisive evidence of a proposed link, in words (Bulgarian): what a person reads in
`lexwatch initiatives show` and the review UI before confirming or rejecting it.

The sentence is stored with the link's evidence (`evidence["decisive"]`), so every reader —
CLI, JSON, review UI, reports — shows the same words. Scraped text (the motives' sentence) is
quoted as it stands; whoever renders it escapes it.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

# A link in review whose two answers both mean a violation (issue 12): confirming it puts a
# consultation still open at the approval on record (CONS-07 FAIL), rejecting it leaves the
# government bill with no consultation (CONS-01 FAIL). Staff see it at once.
EITHER_WAY_FLAG = "violation_either_way"


def _date(value: object) -> str:
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d.%m.%Y")
    except ValueError:
        return str(value)


def _period(ev: dict[str, Any]) -> str:
    if ev.get("date_open") and ev.get("date_close"):
        return f"{_date(ev['date_open'])}–{_date(ev['date_close'])}"
    return "с неизвестни дати"


def _days(ev: dict[str, Any]) -> str:
    gap = ev.get("gap_days")
    if gap is None:
        return ""
    when = "одобряването от Министерския съвет" if ev.get("gap_from") == "council_act" else "внасянето"
    if gap < 0:
        return f"; консултацията е приключила {-gap} дни СЛЕД {when}"
    return f"; консултацията е приключила {gap} дни преди {when}"


def _text(ev: dict[str, Any]) -> str:
    sim = ev.get("text_similarity")
    if sim is None:
        return "; текстовете не са сравнени (липсва четим текст)"
    return f"; текстът на законопроекта и проектът на акт съвпадат на {sim:.0%}"


def decisive(method: str, target_type: str, ev: dict[str, Any]) -> str:
    """One or two sentences: the evidence that decided this link."""
    if target_type == "council_act":
        gap = ev.get("gap_days")
        when = f", {gap} дни преди внасянето" if gap is not None else ""
        return (f"Решение на Министерския съвет „за одобряване на законопроект“ от {_date(ev.get('decision_date'))}"
                f"{when}; законът в заглавията съвпада на {ev.get('law_similarity') or 0:.0f}/100.")
    reg = ev.get("reg_num") or ""
    if method == "stated_period":
        stated = ev.get("stated_period") or ["", ""]
        same = ("съвпада с датите на консултацията" if ev.get("exact")
                else f"е близо до датите на консултацията ({_period(ev)})")
        return (f"Документите на законопроекта посочват консултацията: „{ev.get('sentence', '')}“ — периодът "
                f"{_date(stated[0])}–{_date(stated[1])} {same} {reg}{_text(ev)}.")
    if method == "explicit":
        said = f": „{ev['sentence']}“" if ev.get("sentence") else f" с номер {reg}"
        return f"Документите на законопроекта посочват консултацията {reg}{said}{_text(ev)}."
    if method == "pris_chain":
        if ev.get("reference") == "decision.public_consultation_number":
            return f"Решението на Министерския съвет (ПРИС {ev.get('council_act_id')}) посочва консултацията {reg}."
        return f"Консултацията {reg} посочва решението на Министерския съвет (ПРИС {ev.get('council_act_id')})."
    if method == "text_match":
        return (f"Текстът на законопроекта съвпада на {ev.get('text_similarity', 0):.0%} с проекта на акт от "
                f"консултацията {reg} ({_period(ev)}){_days(ev)}.")
    return (f"Заглавията съвпадат (законът: {ev.get('law_similarity') or 0:.0f}/100) с консултацията {reg} "
            f"({_period(ev)}){_days(ev)}{_text(ev)}.")


def either_way(ev: dict[str, Any]) -> str:
    return ("И двата отговора значат нарушение: потвърдена, връзката показва консултация, още открита при "
            "одобряването на законопроекта (CONS-07); отхвърлена — законопроект на Министерския съвет без "
            "обществена консултация (CONS-01).")
