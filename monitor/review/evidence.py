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
from urllib.parse import unquote, urlsplit

from core.documents import DocumentKind
from core.evidence import VALUES, key_label, value_label
from core.parliament import BillStatus, Initiator, bill_public_url, label
from core.review import LinkMethod, LinkReference, LinkStatus, LinkTarget, MpCopyDoubt, PolicyTopic
from core.strategy import consultation_public_url, pris_public_url, reg_num_id
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
    """The link's evidence as sentences (linking.stage and the INIT-03 judgement in linking.regimes.mps)."""
    ev = dict(evidence or {})
    lines: list[Line] = []
    head = f"Метод: {label(LinkMethod, method)}"
    if score is not None:
        head += f"; оценка {_num(score)}"
    if margin is not None:
        head += f"; преднина пред следващия кандидат {_num(margin)}"
    lines.append((Part(head + "."),))
    if ev.get("decisive"):  # linking.explain: the sentence that decided the link
        lines.append((Part(f"Решаващо: {ev['decisive']}"),))
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
             "runner_up_of", "init03", "kind", "decisive"}
    rest = {k: v for k, v in ev.items() if k not in known}
    lines += generic_lines(rest)
    return lines


def _decimal(value: float) -> str:
    return f"{value:g}".replace(".", ",")  # a Bulgarian decimal comma


def _file_part(url: str) -> Part:
    """A stored URL as a reviewer reads it: a file by its name, a record by its public page; a link
    only to a public page (a replay server is gone after the demo)."""
    public = public_url(url)
    path = urlsplit(url.strip()).path
    if public == safe_url(url) and "/api/" in path:
        public = None  # JSON for the crawler, not a page for a person
    name = unquote(path.rsplit("/", 1)[-1]) if "." in path.rsplit("/", 1)[-1] else ""
    if public and public != safe_url(url):  # a bill, consultation or ПРИС page
        return Part(public, public)
    # A replay server's or an API's address without a file name is nothing a person can open.
    return Part(name or public or "няма публичен адрес", public)


def _element_labels(evidence: dict[str, Any]) -> dict[str, str]:
    """The checklist's words for an element key: the impact assessment's (IA-04) or the motives' (MOT-01)."""
    from texts.documents import impact_assessment, motives

    spec = impact_assessment.ELEMENTS if "ia_file" in evidence or "checklist" in evidence else motives.ELEMENTS
    return {e.key: e.label for e in spec}


# Keys whose values are codes of core's vocabularies.
_CODED: dict[str, Any] = {
    "status": BillStatus, "bill_status": BillStatus, "link_status": LinkStatus, "method": LinkMethod,
    "target_type": LinkTarget, "document_kinds": DocumentKind, "bill_document_kinds": DocumentKind,
}


def _scalar(key: str, value: Any, elements: dict[str, str]) -> list[Part]:
    """One value under its key: codes as words, dates as dates, records as links to their public pages."""
    if value is None:
        return [Part("—")]
    if isinstance(value, bool):
        return [Part("да" if value else "не")]
    if isinstance(value, float):
        return [Part(f"{value * 100:.0f}%" if key.endswith(("_share", "_similarity")) else _decimal(value))]
    if key == "bill_id":
        return [target_part(LinkTarget.BILL, value, str(value))]
    if key == "pris_id":
        return [target_part(LinkTarget.COUNCIL_ACT, value, f"№ {value}")]
    if isinstance(value, int):
        return [Part(str(value))]
    text = str(value)
    if key in ("consultation", "uncertain_consultations") and (cid := reg_num_id(text)) is not None:
        return [Part(text, consultation_public_url(cid))]
    if text.strip().lower().startswith(("http://", "https://")):
        return [_file_part(text)]
    if _ISO_DAY.match(text.strip()):
        return [Part(day(text))]
    if key in _CODED:
        return [Part(label(_CODED[key], text))]
    if key == "initiator":
        return [Part(value_label("by_sponsors", text) if text in VALUES["by_sponsors"] else label(Initiator, text))]
    if key in ("key", "missing") and text in elements:
        return [Part(elements[text])]
    return [Part(value_label(key, text))]


def _inline(key: str, value: Any, elements: dict[str, str]) -> list[Part]:
    """A value on one line: a list joined, an object as „дума стойност; дума стойност“."""
    if isinstance(value, dict):
        item = dict(value)
        parts: list[Part] = []
        if item.get("target_id") is not None and item.get("target_type"):
            parts.append(target_part(str(item.pop("target_type")), item.pop("target_id")))
        if item.get("url") and item.get("filename"):  # a file: its name, linked where public
            part = _file_part(str(item.pop("url")))
            parts.append(Part(str(item.pop("filename")), part.url))
        for sub_key, sub in item.items():
            if sub in (None, "", []):
                continue
            if parts:
                parts.append(Part("; "))
            parts += [Part(key_label(sub_key).lower() + " "), *_inline(sub_key, sub, elements)]
        return parts or [Part("—")]
    if isinstance(value, list):
        parts = []
        for i, v in enumerate(value):
            if i:
                parts.append(Part(", "))
            parts += _inline(key, v, elements)
        return parts or [Part("няма")]
    return _scalar(key, value, elements)


def _element_line(e: dict[str, Any], elements: dict[str, str]) -> Line:
    name = elements.get(str(e.get("key")), key_label("key"))
    text = f"{'✓' if e.get('present') else '✗'} {name}"
    if e.get("explicit_na"):
        text += " (изрично посочен като неприложим)"
    if e.get("counted") is False:
        text += " (не се брои)"
    if e.get("passage"):
        text += f" — „{e['passage']}“"
    return (Part(text),)


_PREPOSITIONS = ("на", "от", "по", "към", "до", "в", "около")


def _head(key: str) -> Part:
    """„Дни: 14“, but „Внесен на 02.03.2026“: a phrase that ends in a preposition runs into its value."""
    words = key_label(key)
    return Part(words + (" " if words.rsplit(" ", 1)[-1] in _PREPOSITIONS else ": "))


def _hidden(ev: dict[str, Any]) -> set[str]:
    """Keys not shown on their own line: the bill's signature and source URL (the bill's line links
    its public page), the consultation's source URL (its number links the public page), and
    `cannot_tell`, the English form of the reason the explanation already gives in Bulgarian."""
    hidden = {"cannot_tell"}
    if ev.get("bill_id") is not None:
        hidden |= {"bill_id", "signature", "source_url"}
    if reg_num_id(ev.get("consultation")) is not None:
        hidden.add("consultation_url")
    return hidden


def finding_lines(evidence: dict[str, Any] | None) -> list[Line]:
    """A finding's evidence (criteria/catalogue) in Bulgarian words: one line per key under its phrase
    (core.evidence), the bill, consultation and Council of Ministers decision as links to their
    public pages, dates as dates, yes/no as да/не, lists joined, objects in a list one line each."""
    ev = dict(evidence or {})
    elements = _element_labels(ev)
    lines: list[Line] = []
    if ev.get("bill_id") is not None:
        lines.append((Part(key_label("bill_id") + ": "),
                      target_part(LinkTarget.BILL, ev["bill_id"], str(ev.get("signature") or ev["bill_id"]))))
    for key, value in ev.items():
        if key in _hidden(ev):
            continue
        head = _head(key)
        if key == "council_decision":
            if not isinstance(value, dict):
                lines.append((head, Part("няма свързано решение")))
                continue
            text = f"№ {value.get('doc_num') or '?'} от {day(value.get('date'))}"
            link = target_part(LinkTarget.COUNCIL_ACT, value.get("pris_id"), text) if value.get("pris_id") else Part(text)
            lines.append((head, link))
        elif key == "elements" and isinstance(value, list):
            lines.append((Part(key_label(key) + ":"),))
            lines += [_element_line(e, elements) for e in value if isinstance(e, dict)]
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            for i, item in enumerate(value, 1):
                number = f" {i}" if len(value) > 1 else ""
                lines.append((Part(f"{key_label(key)}{number}: "), *_inline(key, item, elements)))
        else:
            lines.append((head, *_inline(key, value, elements)))
    return lines


def generic_lines(value: Any) -> list[Line]:
    """Any other evidence (a link's keys the sentences above do not cover) the same way."""
    return finding_lines(value if isinstance(value, dict) else {"note": value})
