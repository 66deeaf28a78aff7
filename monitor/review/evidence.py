"""Evidence in words: what the linker and the criteria stored as JSON, as sentences a reviewer
reads, with dates as dates and the records as links to their public pages.

A line is a tuple of parts; a part is text with an optional URL. The templates render the
parts through autoescape, and only URLs made here (the public pages of core.parliament and
core.strategy) or absolute http(s) URLs that are not a local replay server become links.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from core.parliament import BillStatus, Initiator, bill_public_url
from core.review import LinkMethod, LinkReference, LinkTarget, MpCopyDoubt, PolicyTopic
from core.parliament import label
from core.strategy import consultation_public_url, pris_public_url
from monitor.review.urls import safe_url


@dataclass(frozen=True)
class Part:
    text: str
    url: str | None = None


Line = tuple[Part, ...]

_LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "0.0.0.0")
_BILL_PATH = re.compile(r"/(?:api/v1/bill|bg/bills(?:/ID)?)/(\d+)")
_CONSULTATION_PATH = re.compile(r"/(?:bg/public-consultations|api/consultations?)/(\d+)")
_PRIS_PATH = re.compile(r"/bg/pris/legal-information/[\w-]+/(\d+)")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?$")


def public_url(url: Any) -> str | None:
    """The public page for a stored URL: a bill, consultation or ПРИС address (whatever host the
    crawl read it from, a replay server included) becomes its page on parliament.bg/strategy.bg;
    another absolute http(s) URL stays itself unless it points at this machine; else None."""
    safe = safe_url(url)
    if safe is None:
        return None
    parts = urlsplit(safe)
    if m := _BILL_PATH.search(parts.path):
        return bill_public_url(m.group(1))
    if m := _CONSULTATION_PATH.search(parts.path):
        return consultation_public_url(m.group(1))
    if m := _PRIS_PATH.search(parts.path):
        return pris_public_url(m.group(1))
    host = (parts.hostname or "").lower()
    if host in _LOCAL_HOSTS or host.startswith("127."):
        return None  # a replay server is gone after the demo
    return safe


def day(value: Any) -> str:
    """dd.mm.yyyy for a date or an ISO date string; anything else as text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, str) and (m := _ISO_DAY.match(value.strip())):
        return f"{m.group(3)}.{m.group(2)}.{m.group(1)}"
    return "—" if value in (None, "") else str(value)


def _pct(value: Any) -> str:
    return f"{float(value):.0f}%" if isinstance(value, (int, float)) else "—"


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _reg_num_id(reg_num: Any) -> int | None:
    m = re.match(r"^\s*(\d+)", str(reg_num or ""))
    return int(m.group(1)) if m else None


def target_part(target_type: str, target_id: Any, text: str | None = None) -> Part:
    """A link's target as a link to its public page."""
    if target_type == LinkTarget.CONSULTATION:
        return Part(text or f"консултация {target_id}", consultation_public_url(target_id))
    if target_type == LinkTarget.COUNCIL_ACT:
        return Part(text or f"решение в ПРИС {target_id}", pris_public_url(target_id))
    if target_type == LinkTarget.BILL:
        return Part(text or f"законопроект {target_id}", bill_public_url(target_id))
    return Part(text or f"{target_type} {target_id}")


def _join(parts: list[Part], sep: str = ", ") -> list[Part]:
    out: list[Part] = []
    for i, p in enumerate(parts):
        if i:
            out.append(Part(sep))
        out.append(p)
    return out


def _topics(values: Any) -> str:
    if not values:
        return "неустановени"
    return ", ".join(label(PolicyTopic, str(v)) for v in values)


def link_lines(evidence: dict[str, Any] | None, *, target_type: str, method: str, score: float | None,
               margin: float | None) -> list[Line]:
    """The link's evidence as sentences (linking.engine._evidence and the INIT-03 judgement)."""
    ev = dict(evidence or {})
    lines: list[Line] = []
    head = f"Метод: {label(LinkMethod, method)}"
    if score is not None:
        head += f"; оценка {_num(score)}"
    if margin is not None:
        head += f"; преднина пред следващия кандидат {_num(margin)}"
    lines.append((Part(head + "."),))
    if ev.get("reference"):
        parts = [Part(f"Основание: {label(LinkReference, str(ev['reference']))}")]
        if ev.get("council_act_id"):
            parts += [Part(" ("), target_part(LinkTarget.COUNCIL_ACT, ev["council_act_id"],
                                              f"решение в ПРИС № {ev['council_act_id']}"), Part(")")]
        lines.append((*parts, Part(".")))
    if ev.get("bill_law") or ev.get("target_law"):
        text = (f"Закон в заглавията: „{ev.get('bill_law') or '—'}“ (законопроект) и "
                f"„{ev.get('target_law') or '—'}“ ({label(LinkTarget, target_type).lower()})")
        if ev.get("law_similarity") is not None:
            text += f", сходство {_pct(ev['law_similarity'])}"
        lines.append((Part(text + "."),))
    elif ev.get("law_similarity") is not None:
        lines.append((Part(f"Сходство на закона в заглавията: {_pct(ev['law_similarity'])}."),))
    operations = ev.get("operations")
    if isinstance(operations, list) and len(operations) == 2:
        lines.append((Part(f"Вид на промяната: „{operations[0] or '—'}“ в законопроекта, „{operations[1] or '—'}“ "
                           f"в другия документ"
                           + (f" (съвпадение {_pct(ev['operation_score'])})" if ev.get("operation_score") is not None else "")
                           + "."),))
    if ev.get("rest_similarity") is not None:
        lines.append((Part(f"Сходство на останалата част от заглавията: {_pct(ev['rest_similarity'])}."),))
    if ev.get("date_open") or ev.get("date_close"):
        text = f"Консултацията е открита на {day(ev.get('date_open'))} и закрита на {day(ev.get('date_close'))}"
        if ev.get("reg_num"):
            lines.append((Part(text + " ("), Part(f"№ {ev['reg_num']}", consultation_public_url(_reg_num_id(ev["reg_num"])))
                          if _reg_num_id(ev["reg_num"]) else Part(str(ev["reg_num"])), Part(").")))
        else:
            lines.append((Part(text + "."),))
    if ev.get("decision_date"):
        lines.append((Part(f"Решението на Министерския съвет е от {day(ev['decision_date'])}."),))
    if isinstance(ev.get("gap_days"), (int, float)):
        n = int(ev["gap_days"])
        who = "Решението на Министерския съвет е" if ev.get("gap_from") == "council_act" else "Законопроектът е внесен"
        when = f"{n} дни след закриването" if n >= 0 else f"{-n} дни преди закриването"
        score_text = f" (оценка на времето {_num(ev['date_score'])})" if ev.get("date_score") is not None else ""
        lines.append((Part(f"{who} {when} на консултацията{score_text}."),))
    if ev.get("institution_score") is not None or ev.get("topics"):
        t = ev.get("topics") or {}
        text = f"Области по ведомство и комисия: законопроект — {_topics(t.get('bill'))}; другият документ — {_topics(t.get('target'))}"
        if ev.get("institution_score") is not None:
            text += f" (съвпадение {_pct(ev['institution_score'])})"
        lines.append((Part(text + "."),))
    for key, words in (("runner_up", "Най-близък друг кандидат"), ("runner_up_of", "Тази двойка съперничи на")):
        r = ev.get(key)
        if isinstance(r, dict) and r.get("bill_id") is not None:
            lines.append((Part(f"{words}: "), target_part(LinkTarget.BILL, r["bill_id"], f"законопроект {r['bill_id']}"),
                          Part(" → "), target_part(target_type, r.get("target_id")),
                          Part(f" (оценка {_num(r.get('score'))}).")))
    init03 = ev.get("init03")
    if isinstance(init03, dict):
        if init03.get("ministry"):
            lines.append((Part(f"Проектът е на {init03['ministry']}; законопроектът е внесен от народни представители."),))
        doubts = init03.get("doubts") or []
        if doubts:
            lines.append((Part("Съмнения: " + "; ".join(label(MpCopyDoubt, str(d)) for d in doubts) + "."),))
        elif init03.get("clear"):
            lines.append((Part("Няма съмнения: съвпадението е ясно."),))
        before = init03.get("law_activity_before")
        if isinstance(before, dict) and any(before.get(k) for k in ("bills", "consultations", "council_acts")):
            parts: list[Part] = [Part(f"По същия закон в предходните {before.get('months', '?')} месеца: ")]
            groups = []
            if before.get("bills"):
                groups.append([Part("законопроекти ")] + _join([target_part(LinkTarget.BILL, b, str(b)) for b in before["bills"]]))
            if before.get("consultations"):
                groups.append([Part("консултации ")] + _join([
                    Part(str(c), consultation_public_url(_reg_num_id(c)) if _reg_num_id(c) else None)
                    for c in before["consultations"]]))
            if before.get("council_acts"):
                groups.append([Part("решения ")] + _join([target_part(LinkTarget.COUNCIL_ACT, a, str(a))
                                                          for a in before["council_acts"]]))
            for i, g in enumerate(groups):
                parts += ([Part("; ")] if i else []) + g
            lines.append((*parts, Part(".")))
    known = {"reference", "council_act_id", "bill_law", "target_law", "law_similarity", "char_similarity",
             "stem_similarity", "rest_similarity", "operation_score", "operations", "date_open", "date_close", "reg_num",
             "decision_date", "gap_days", "gap_from", "date_score", "institution_score", "topics", "runner_up",
             "runner_up_of", "init03", "kind"}
    rest = {k: v for k, v in ev.items() if k not in known}
    lines += generic_lines(rest)
    return lines


def _words(key: str) -> str:
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _value_parts(value: Any) -> list[Part]:
    if value is None:
        return [Part("—")]
    if isinstance(value, bool):
        return [Part("да" if value else "не")]
    if isinstance(value, str):
        if value.strip().lower().startswith(("http://", "https://")):
            url = public_url(value)
            # The public page, shown as itself: an address on the replay server or the API is not
            # what a reviewer opens (and is gone after the demo).
            return [Part(url, url)] if url else [Part(value)]
        return [Part(day(value) if _ISO_DAY.match(value.strip()) else value)]
    if isinstance(value, float):
        return [Part(f"{value:g}")]
    return [Part(str(value))]


# Evidence keys whose values are stored codes of core's vocabulary.
_CODED = {"initiator": Initiator, "bill_initiator": Initiator, "status": BillStatus, "bill_status": BillStatus}


def generic_lines(value: Any, path: tuple[str, ...] = ()) -> list[Line]:
    """Any evidence tree as lines „Ключ › подключ: стойност“: lists of values joined, dates as
    dates, URLs as public pages (never a replay server), nested objects one line per leaf."""
    lines: list[Line] = []
    label_text = " › ".join(_words(p) for p in path)
    prefix = [Part(f"{label_text}: ")] if label_text else []
    if isinstance(value, dict):
        for key, sub in value.items():
            lines += generic_lines(sub, (*path, str(key)))
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for i, sub in enumerate(value, 1):
            lines += generic_lines(sub, (*path, f"{i}"))
    elif isinstance(value, list):
        parts: list[Part] = []
        for i, v in enumerate(value):
            if i:
                parts.append(Part(", "))
            parts += _value_parts(v)
        lines.append((*prefix, *(parts or [Part("—")])))
    elif path and path[-1] in _CODED and isinstance(value, str):
        lines.append((*prefix, Part(label(_CODED[path[-1]], value))))
    else:
        lines.append((*prefix, *_value_parts(value)))
    return lines
