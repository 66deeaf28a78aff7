"""A. Initiation and planning (research/criteria.md §4 A): INIT-01, INIT-02, INIT-03."""
from __future__ import annotations

from typing import Any

from core.parliament import Initiator, Signature, SponsorClass, initiator_of_importer
from criteria.catalogue._common import bill_evidence, consultation_evidence, fmt
from criteria.criterion import ANY, COM, MP, criterion, passed, unknown, warn
from criteria.facts import DOC_SPRAVKA, LINKED, UNCERTAIN, Facts
from criteria.principles import Principle as P


@criterion(
    "INIT-01", "Класификация на вносителя", "Initiator classification",
    group="init", principles=(), descriptive=True, initiators=ANY | {Initiator.UNKNOWN.value},
    legal_basis="Конституция, чл. 87, ал. 1; ПОДНС (внасяне на законопроекти)",
    confidence="C2",
)
def init_01(f: Facts, s: dict[str, Any]) -> Any:
    """Const. art. 87(1) [R/C2]: legislative initiative belongs to every MP and to the Council of
    Ministers. Data: imp_list / imp_list_min [C]; the signature's importer code, 02 = CoM and
    54 = MPs [C2]. Classify as CoM, MP, MP-group or mixed; if the sponsors and the signature
    disagree, UNKNOWN. Descriptive: it decides which regime the other criteria apply."""
    b = f.bill
    council = any(sp.kind == "council_of_ministers" for sp in b.sponsors)
    mps = sum(1 for sp in b.sponsors if sp.kind == "mp")
    signature = Signature.parse(b.signature)
    code = signature.importer if signature else None
    by_signature = SponsorClass.of(initiator_of_importer(code))
    if council and mps:
        by_sponsors = SponsorClass.MIXED
    elif council:
        by_sponsors = SponsorClass.COUNCIL_OF_MINISTERS
    elif mps:
        by_sponsors = SponsorClass.MP if mps == 1 else SponsorClass.MP_GROUP
    else:
        by_sponsors = None
    ev = {**bill_evidence(f), "sponsors_mps": mps, "sponsor_council_of_ministers": council,
          "signature_code": code, "by_signature": by_signature and by_signature.value,
          "by_sponsors": by_sponsors and by_sponsors.value}
    # A group of MPs signs what the signature calls an MP's bill; a committee's code disagrees with MPs.
    sponsor_class = SponsorClass.MP if by_sponsors is SponsorClass.MP_GROUP else by_sponsors
    if by_sponsors and by_signature and sponsor_class not in (by_signature, SponsorClass.MIXED):
        return unknown(
            f"Вносителите ({by_sponsors.bg}) и сигнатурата {b.signature} (код {code}) си противоречат.",
            f"The sponsors ({by_sponsors.en}) and the signature {b.signature} (code {code}) disagree.", ev)
    found = by_sponsors or by_signature
    if found is None:
        return unknown("Вносителят не може да се определи: няма вносители в данните и сигнатурата не е разпозната.",
                       "The initiator cannot be told: no sponsors in the data and the signature is not recognised.", ev)
    ev["initiator"] = found.value
    how_bg = "по вносителите" if by_sponsors else f"само по сигнатурата {b.signature}"
    how_en = "from the sponsors" if by_sponsors else f"from the signature {b.signature} only"
    return passed(f"Вносител: {found.bg} ({how_bg}).", f"Initiator: {found.en} ({how_en}).", ev,
                  confidence="C" if by_sponsors else "C2")


@criterion(
    "INIT-02", "Законопроектът на МС е включен в законодателната програма",
    "Council of Ministers bill included in the legislative programme",
    group="init", principles=(P.PREDICTABILITY,), initiators=COM,
    legal_basis="УПМС, чл. 30 (законодателна програма на Министерския съвет)",
    confidence="C2/P", settings=("programme_links_from",),
)
def init_02(f: Facts, s: dict[str, Any]) -> Any:
    """УПМС art. 30 [C2: World Bank GIRG]: the Council of Ministers adopts six-monthly legislative
    programmes listing the bills it will submit. PASS if the bill's consultation is linked to a
    programme (strategy.bg legislative_program_id); WARN if it is not (a planning tool, so WARN,
    not FAIL [P]); N/A for MP bills. The half-year of the programme row is not in lexwatch's data,
    so any programme counts."""
    c = f.consultation
    if c is None:
        if f.uncertain_consultations:
            return unknown("Връзката с консултация е несигурна (за преглед), затова програмата не може да се провери.",
                           "The link to a consultation awaits review, so the programme cannot be checked.", bill_evidence(f))
        return unknown("Няма свързана консултация на strategy.bg, а връзката с програмата се пази в нея.",
                       "No strategy.bg consultation is linked, and that is where the programme link is kept.",
                       bill_evidence(f))
    ev = {**consultation_evidence(c, f), "legislative_program_id": c.legislative_program_id}
    if c.legislative_program_id:
        return passed(f"Консултацията {c.reg_num} е свързана със законодателна програма (№ {c.legislative_program_id}).",
                      f"Consultation {c.reg_num} is linked to legislative programme {c.legislative_program_id}.", ev)
    if c.date_open and c.date_open < s["programme_links_from"]:
        return unknown(f"Консултацията {c.reg_num} е от стария портал ({fmt(c.date_open)}), който не пази връзка с програмата.",
                       f"Consultation {c.reg_num} comes from the old portal ({c.date_open}), which kept no programme link.", ev)
    return warn(f"Консултацията {c.reg_num} не е свързана със законодателната програма на МС.",
                f"Consultation {c.reg_num} is not linked to the Council of Ministers' legislative programme.", ev)


@criterion(
    "INIT-03", "Съмнение за законопроект на правителството, внесен чрез народни представители",
    "Suspected government bill tabled through MPs (proxy bill)",
    group="init", principles=(P.OPENNESS, P.JUSTIFICATION), initiators=MP - {Initiator.MIXED.value},
    legal_basis="Няма забрана; индикатор на наблюдението (ЗНА чл. 26 не се прилага към законопроекти на народни представители)",
    confidence="P", settings=("min_signals", "full_consultation_days"),
)
def init_03(f: Facts, s: dict[str, Any]) -> Any:
    """No rule forbids it [P]; the watchdog concern is that MP bills escape ЗНА art. 26 consultation,
    the CoM impact assessment and its scrutiny. Signals: (a) the MP bill matches a ministry's draft
    (the linker's flag mp_bill_matches_ministry_draft); (b) all sponsors from governing parties,
    (c) administrative register, (d) a minister defends it: not measured by lexwatch. WARN when the
    measured signals reach `min_signals`; never FAIL. A full ministry consultation (≥ 30 days and a
    справка) lowers the signal (the MPs may legitimately take up an abandoned, consulted draft). A
    match still in staff review is UNKNOWN until staff confirm or reject it."""
    if not f.ini.links_checked:
        return unknown("Законопроектът още не е сравнен с проектите на министерствата.",
                       "The bill has not yet been compared with the ministries' drafts.", bill_evidence(f))
    flagged = [l for l in f.link_flags if l.flag == "mp_bill_matches_ministry_draft"]
    ev: dict[str, Any] = {**bill_evidence(f), "signals_not_measured": ["governing_parties", "administrative_register",
                                                                        "minister_defends"]}
    # A match the linker sent to staff review is a question, not a signal: on titles and dates alone
    # most such candidates are other MP bills on a busy law (bench/link.py at parliament's pace).
    flags = [l for l in flagged if l.status in LINKED]
    in_review = [l for l in flagged if l.status in UNCERTAIN]
    if not flags and in_review:
        ev["awaiting_review"] = [{"target_type": l.target_type, "target_id": l.target_id, "method": l.method,
                                  "score": l.score} for l in in_review]
        return unknown("Възможно съвпадение с проект на министерство очаква преглед от екипа.",
                       "A possible match with a ministry's draft awaits staff review.", ev)
    score = 0
    matched = []
    for link in flags:
        c = next((c for c in f.ini.consultations if c.id == link.target_id), None)
        item: dict[str, Any] = {"target_type": link.target_type, "target_id": link.target_id, "method": link.method,
                                "score": link.score}
        if c is not None:
            item.update(consultation_evidence(c))
        matched.append(item)
    if matched:
        score = 1
        ev["matched_ministry_drafts"] = matched
        full = []
        for link in flags:
            c = next((c for c in f.ini.consultations if c.id == link.target_id), None)
            if c and c.date_open and c.date_close and (c.date_close - c.date_open).days >= s["full_consultation_days"] \
                    and (any(d.doc_type == DOC_SPRAVKA for d in c.documents) or c.spravka_message_on is not None):
                full.append(c.reg_num)
        if full:
            score -= 1
            ev["signal_lowered_by_full_consultation"] = full
    ev["score"] = score
    names = ", ".join(m.get("consultation") or str(m["target_id"]) for m in matched)
    if score >= s["min_signals"]:
        return warn(f"Законопроектът на народни представители съвпада с проект на министерство ({names}).",
                    f"The MP bill matches a ministry's draft ({names}).", ev)
    if "signal_lowered_by_full_consultation" in ev:
        return passed("Съвпадение с проект на министерство има, но проектът е минал пълна консултация.",
                      "It matches a ministry draft, but that draft went through a full consultation.", ev)
    # A match below a stricter threshold (the catalogue's "2 of 4 signals") is not a consulted draft.
    if matched:
        return passed(f"Съвпадение с проект на министерство има ({names}), но измерените признаци ({score}) са под "
                      f"прага ({s['min_signals']}).",
                      f"It matches a ministry draft ({names}), but the measured signals ({score}) are below the "
                      f"threshold ({s['min_signals']}).", ev)
    return passed("Не е открит признак за законопроект на правителството, внесен чрез народни представители.",
                  "No sign of a government bill tabled through MPs was found.", ev)
