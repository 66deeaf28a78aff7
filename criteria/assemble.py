"""The engine's input from the database: an `Initiative` (initiative.v1) per initiatives row.

Reads the primary bill and the bills merged with it, the consultations and ПРИС acts the
linker joined to it (rejected links are left out: staff said they do not belong), the
downloaded documents of all of them with their analysis, and the promulgated text with its
texts.lawtext analysis. That analysis is cached in act_texts.analysis; a missing or
outdated one is computed here and stored, so the (slow) text analysis runs once per text.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from criteria import initiative as I
from db.models import ActText, Bill, Consultation, CouncilAct, Document, Initiative, InitiativeLink

log = logging.getLogger(__name__)


def _bill(b: Bill) -> I.Bill:
    return I.Bill(
        id=b.id, signature=b.signature, title=b.title, initiator=b.initiator, status=b.status,
        submitted_on=b.submitted_on, final_title=b.final_title, assembly=b.assembly, session=b.session,
        status_date=b.status_date, adopted_on=b.adopted_on, proposals_deadline=b.proposals_deadline,
        proposals_date2=b.proposals_date2, veto_on=b.veto_on, veto=b.veto, dv_issue=b.dv_issue,
        dv_year=b.dv_year, withdrawn=b.withdrawn, merged_into_id=b.merged_into_id, source_url=b.source_url,
        sponsors=[I.Sponsor(s.kind, s.name, s.mp_id, s.body_id) for s in b.sponsors],
        committees=[I.Committee(c.name, c.role, c.is_lead, c.committee_id) for c in b.committees],
        stages=[I.Stage(s.date, s.stage, s.event, s.origin, s.classification, s.committee_id, s.committee_name,
                        s.plenary_steno_id) for s in b.stages],
        reports=[I.Report(r.origin, r.date, r.committee_id, r.committee_name, r.stage, r.subject) for r in b.reports],
        files=[I.BillFile(f.origin, f.filename, f.url, f.date, f.annotation, f.file_id) for f in b.files],
        proposals=[I.Proposal(p.date, p.reg_number, p.annotation) for p in b.proposals],
        relations=[I.Relation(r.kind, r.other_bill_id, r.other_title) for r in b.relations],
    )


def _consultation(c: Consultation) -> I.Consultation:
    return I.Consultation(
        id=c.id, reg_num=c.reg_num, title=c.title, date_open=c.date_open, date_close=c.date_close,
        act_type=c.act_type, act_type_id=c.act_type_id, duration_days=c.duration_days,
        short_term_reason=c.short_term_reason, legislative_program_id=c.legislative_program_id,
        pris_id=c.pris_id, law_name=c.law_name, institution_name=c.institution_name,
        comments_count=c.comments_count, source_url=c.source_url,
        documents=[I.ConsultationDocument(d.url, d.doc_type, d.type_inferred, d.description, d.version_date)
                   for d in c.documents],
        spravka_message_on=c.spravka_message_on, spravka_message_dated_by=c.spravka_message_dated_by,
        page_checked_on=c.page_checked_at.date() if c.page_checked_at else None,
    )


def _council_act(a: CouncilAct) -> I.CouncilAct:
    return I.CouncilAct(
        id=a.id, doc_date=a.doc_date, doc_num=a.doc_num, act_type=a.act_type, about=a.about,
        public_consultation_number=a.public_consultation_number, approves_bill=a.approves_bill,
        bill_title=a.bill_title, dv_number=a.dv_number, dv_year=a.dv_year, source_url=a.source_url,
    )


def act_analysis(row: ActText, *, refresh: bool = True) -> dict[str, Any] | None:
    """The cached texts.lawtext analysis of a promulgated text, computed (and cached) if missing
    or made by an older analysis version; the ДВ history after the title is added for LT-02."""
    if not row.body_html:
        return row.analysis
    from texts.lawtext import analysis as lawtext

    cached = row.analysis
    if cached and cached.get("analysis_version") == lawtext.ANALYSIS_VERSION and "title_gazette_history" in cached:
        return cached
    if not refresh:
        return cached
    from criteria.gazette import title_history
    from texts.lawtext.html_text import word_html_to_paragraphs

    # analyse_act reads these keys of the /api/v1/act/{id} answer; the stored columns hold their values.
    payload = {
        "L_Act_id": row.bill_id, "L_ActL_final_body": row.body_html, "L_ActL_final": row.final_title,
        "L_Act_date2": row.adopted_on.isoformat() if row.adopted_on else None,
        "L_Act_dv_iss": row.dv_issue, "L_Act_dv_year": row.dv_year,
    }
    result = lawtext.analyse_act(payload, source=row.source_url).to_dict()
    # Not part of texts.lawtext's output: lexwatch's own addition to the cached dict (LT-02).
    result["title_gazette_history"] = title_history(word_html_to_paragraphs(row.body_html))
    row.analysis = result
    return result


def _act_text(row: ActText, refresh: bool) -> I.ActText:
    analysis = act_analysis(row, refresh=refresh)
    return I.ActText(
        bill_id=row.bill_id, final_title=row.final_title, dv_issue=row.dv_issue, dv_year=row.dv_year,
        adopted_on=row.adopted_on, source_url=row.source_url,
        title_gazette_history=(analysis or {}).get("title_gazette_history"),
        analysis=analysis,
    )


_DOC_COLUMNS = (Document.id, Document.owner_type, Document.owner_id, Document.url, Document.filename, Document.title,
                Document.classification, Document.status, Document.is_scanned, Document.analysis,
                Document.fetched_at, Document.text.is_not(None).label("has_text"))


def _documents(session: Session, owners: Sequence[tuple[str, int]]) -> dict[tuple[str, int], list[I.Document]]:
    """The newest stored version of each file of the given owners (text itself not loaded)."""
    out: dict[tuple[str, int], list[I.Document]] = {}
    if not owners:
        return out
    newest: dict[tuple[str, int, str], Any] = {}
    for kind in ("bill", "consultation"):
        ids = [i for k, i in owners if k == kind]
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            if not chunk:
                continue
            rows = session.execute(select(*_DOC_COLUMNS).where(Document.owner_type == kind, Document.owner_id.in_(chunk)))
            for r in rows:
                key = (r.owner_type, r.owner_id, r.url)
                if key not in newest or (r.fetched_at, r.id) > (newest[key].fetched_at, newest[key].id):
                    newest[key] = r
    for r in sorted(newest.values(), key=lambda r: r.id):
        out.setdefault((r.owner_type, r.owner_id), []).append(I.Document(
            owner_type=r.owner_type, owner_id=r.owner_id, url=r.url, filename=r.filename, title=r.title,
            classification=r.classification, status=r.status, has_text=bool(r.has_text), is_scanned=bool(r.is_scanned),
            analysis=r.analysis,
        ))
    return out


_BILL_LOAD = (selectinload(Bill.sponsors), selectinload(Bill.committees), selectinload(Bill.stages),
              selectinload(Bill.reports), selectinload(Bill.files), selectinload(Bill.proposals),
              selectinload(Bill.relations))


def assemble_many(session: Session, rows: Sequence[Initiative], *, refresh_analysis: bool = True
                  ) -> Iterator[tuple[Initiative, I.Initiative]]:
    """Initiatives for a batch of initiatives rows, with the related records loaded in bulk."""
    links_of: dict[int, list[InitiativeLink]] = {}
    ids = [r.id for r in rows]
    for link in session.scalars(select(InitiativeLink).where(InitiativeLink.initiative_id.in_(ids))):
        if link.status != "rejected":
            links_of.setdefault(link.initiative_id, []).append(link)
    bill_ids: set[int] = {r.bill_id for r in rows}
    cons_ids: set[int] = set()
    act_ids: set[int] = set()
    for links in links_of.values():
        for link in links:
            {"bill": bill_ids, "consultation": cons_ids, "council_act": act_ids}.get(link.target_type, set()).add(link.target_id)
    bills = {b.id: b for b in session.scalars(select(Bill).where(Bill.id.in_(bill_ids)).options(*_BILL_LOAD))}
    consultations = {c.id: c for c in session.scalars(
        select(Consultation).where(Consultation.id.in_(cons_ids)).options(selectinload(Consultation.documents)))}
    acts = {a.id: a for a in session.scalars(select(CouncilAct).where(CouncilAct.id.in_(act_ids)))}
    texts = {t.bill_id: t for t in session.scalars(select(ActText).where(ActText.bill_id.in_(bill_ids)))}
    docs = _documents(session, [("bill", i) for i in bill_ids] + [("consultation", i) for i in cons_ids])

    for row in rows:
        links = sorted(links_of.get(row.id, []), key=lambda l: (l.target_type, l.target_id))
        primary = bills.get(row.bill_id)
        if primary is None:
            log.warning("initiative %s: bill %s is not stored; skipped", row.id, row.bill_id)
            continue
        merged = [bills[l.target_id] for l in links if l.target_type == "bill" and l.target_id in bills
                  and l.target_id != primary.id]
        all_bills = [primary, *merged]
        cons = [consultations[l.target_id] for l in links if l.target_type == "consultation" and l.target_id in consultations]
        cas = [acts[l.target_id] for l in links if l.target_type == "council_act" and l.target_id in acts]
        documents: list[I.Document] = []
        for b in all_bills:
            documents += docs.get(("bill", b.id), [])
        for c in cons:
            documents += docs.get(("consultation", c.id), [])
        yield row, I.Initiative(
            id=row.id, title=row.title, initiator=row.initiator,
            bills=[_bill(b) for b in all_bills],
            consultations=[_consultation(c) for c in cons],
            council_acts=[_council_act(a) for a in cas],
            links=[I.Link(l.bill_id, l.target_type, l.target_id, l.method, l.status, l.score, l.flag) for l in links],
            documents=documents,
            act_texts=[_act_text(texts[b.id], refresh_analysis) for b in all_bills if b.id in texts],
            links_checked=True,  # the initiatives row exists because the linker processed this bill
        )


def assemble(session: Session, initiative_id: int, *, refresh_analysis: bool = True) -> I.Initiative | None:
    row = session.get(Initiative, initiative_id)
    if row is None:
        return None
    for _row, ini in assemble_many(session, [row], refresh_analysis=refresh_analysis):
        return ini
    return None
