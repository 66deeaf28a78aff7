"""The titles the matcher compares with a bill's: a consultation's draft, the law the portal
files it under, a ПРИС decision's bill — each taken apart by normalise.py, or None where it
drafts no law."""
from __future__ import annotations

from linking.model import ConsultationIn, DecisionIn
from linking.normalise import NormalTitle, clean_text, normalise_title


def consultation_title(c: ConsultationIn) -> NormalTitle | None:
    """The consultation's title taken apart, if it drafts a law; the portal's `law_name`
    stands in when the title says nothing usable but the act type is „Закон“."""
    t = normalise_title(c.title)
    if t.is_law and t.kind != "other":
        return t
    if (c.act_type or "").strip().lower() == "закон" and c.law_name:
        return normalise_title(f"Закон за изменение и допълнение на {c.law_name}")
    return None


def portal_law_title(law_name: str | None) -> NormalTitle | None:
    """The law a consultation concerns as the portal files it (`law_name`, nominative: „Закон за
    …“, „Наказателно-процесуален кодекс“), or None where it names none (empty, or the bare
    „Закон“ seen in the real report)."""
    if not law_name:
        return None
    t = normalise_title(f"Закон за изменение и допълнение на {law_name}")
    return t if t.kind == "amend" and t.law_key else None


def decision_title(d: DecisionIn) -> NormalTitle | None:
    if not (d.approves_bill or "законопроект" in clean_text(d.title)):
        return None
    t = normalise_title(d.title)
    return t if t.is_law and t.kind != "other" else None
