"""Reading what a linking run needs from the database: bills, consultations, ПРИС decisions,
the links already stored, and what the bills' documents say (their explicit references to a
consultation, their statements of its period, the texts' signatures).

Only the columns the linker reads are selected, and stored JSON is read by the part needed:
parsing whole analyses or every link's evidence would cost more than the matching.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import Bill, BillCommittee, BillRelation, Consultation, CouncilAct, Document, InitiativeLink
from linking.model import BillIn, ConsultationIn, DecisionIn, Statement

CHUNK = 500  # ids per IN (…) list


@dataclass
class BillRow:
    """A bill as the run groups and re-links it; `changed_at`: when it was last seen changed."""

    id: int
    signature: str
    title: str
    submitted_on: dt.date | None
    initiator: str | None
    merged_into_id: int | None
    changed_at: dt.datetime


@dataclass
class LinkRow:
    """A stored link without its evidence (read only for the links a run may rewrite)."""

    id: int
    bill_id: int
    target_type: str
    target_id: int
    method: str
    score: float
    margin: float | None
    status: str
    flag: str | None
    initiative_id: int | None
    decided_at: dt.datetime | None

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.bill_id, self.target_type, self.target_id)


def chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _latest(*stamps: dt.datetime | None) -> dt.datetime:
    return max((s for s in stamps if s is not None), default=dt.datetime.min)


def load_bills(session: Session) -> list[BillRow]:
    rows = session.execute(select(
        Bill.id, Bill.signature, Bill.title, Bill.submitted_on, Bill.initiator, Bill.merged_into_id,
        Bill.first_seen_at, Bill.last_changed_at,
    ).order_by(Bill.id))
    return [BillRow(r.id, r.signature or "", r.title or "", r.submitted_on, r.initiator, r.merged_into_id,
                    _latest(r.first_seen_at, r.last_changed_at)) for r in rows]


def load_relations(session: Session) -> list[tuple[int, str, int]]:
    """(bill, kind, other bill) of the parliament's union/trans lists (grouping.merge_groups)."""
    return [tuple(r) for r in session.execute(  # type: ignore[misc]
        select(BillRelation.bill_id, BillRelation.kind, BillRelation.other_bill_id))]


def lead_committees(session: Session) -> dict[int, str]:
    out: dict[int, str] = {}
    rows = session.execute(select(BillCommittee.bill_id, BillCommittee.name)
                           .where(BillCommittee.is_lead.is_(True)).order_by(BillCommittee.bill_id, BillCommittee.position))
    for bill_id, name in rows:
        out.setdefault(bill_id, name)
    return out


def load_consultations(session: Session) -> tuple[list[ConsultationIn], dict[int, dt.datetime]]:
    """The consultations, and when each was last seen changed."""
    rows = session.execute(select(
        Consultation.id, Consultation.reg_num, Consultation.title, Consultation.act_type, Consultation.law_name,
        Consultation.institution_name, Consultation.date_open, Consultation.date_close, Consultation.pris_id,
        Consultation.first_seen_at, Consultation.last_changed_at,
    ).order_by(Consultation.id))
    out, changed = [], {}
    for r in rows:
        out.append(ConsultationIn(r.id, r.reg_num, r.title or "", r.act_type, r.law_name, r.institution_name,
                                  r.date_open, r.date_close, r.pris_id))
        changed[r.id] = _latest(r.first_seen_at, r.last_changed_at)
    return out, changed


def load_decisions(session: Session) -> list[DecisionIn]:
    # Only acts that may approve a bill; the crawler sets approves_bill from „ЗА ОДОБРЯВАНЕ НА
    # ЗАКОНОПРОЕКТ“, the LIKEs catch rows stored before it did.
    rows = session.execute(select(
        CouncilAct.id, CouncilAct.doc_date, CouncilAct.about, CouncilAct.bill_title, CouncilAct.importer,
        CouncilAct.public_consultation_number, CouncilAct.approves_bill,
    ).where(or_(CouncilAct.approves_bill.is_(True), CouncilAct.bill_title.is_not(None),
                CouncilAct.about.like("%ЗАКОНОПРОЕКТ%"), CouncilAct.about.like("%законопроект%")))
        .order_by(CouncilAct.id))
    return [DecisionIn(r.id, r.doc_date, r.bill_title or r.about or "", r.importer,
                       r.public_consultation_number, bool(r.approves_bill)) for r in rows]


def load_links(session: Session) -> list[LinkRow]:
    # Without the evidence: parsing every link's JSON would cost more than the matching;
    # it is read only for the links a run may rewrite (write.Writer.sync_links).
    rows = session.execute(select(
        InitiativeLink.id, InitiativeLink.bill_id, InitiativeLink.target_type, InitiativeLink.target_id,
        InitiativeLink.method, InitiativeLink.score, InitiativeLink.margin,
        InitiativeLink.status, InitiativeLink.flag, InitiativeLink.initiative_id, InitiativeLink.decided_at,
    ).order_by(InitiativeLink.id))
    return [LinkRow(*r) for r in rows]


def explicit_references(session: Session, bill_ids: Iterable[int] | None = None) -> dict[int, set[int]]:
    """Consultation ids named in each bill's documents (`documents.analysis.consultation_refs`,
    or found in the text when a document has no analysis yet). Old-portal ids cannot be
    mapped to the new portal's and are ignored (research/strategy_bg.md §4.3)."""
    from texts.documents.consultation_refs import find_consultation_refs

    refs: dict[int, set[int]] = defaultdict(set)
    # Only the refs part of the analysis JSON is read (parsing whole analyses would dominate).
    base = select(Document.id, Document.owner_id, Document.analysis["consultation_refs"]).where(Document.owner_type == "bill")
    queries = [base] if bill_ids is None else [base.where(Document.owner_id.in_(c)) for c in chunks(sorted(bill_ids))]
    unanalysed: list[int] = []
    for q in queries:
        for doc_id, owner_id, found in session.execute(q):
            if isinstance(found, dict):
                for cid in found.get("consultation_ids") or []:
                    if isinstance(cid, int):
                        refs[owner_id].add(cid)
            else:
                unanalysed.append(doc_id)
    texts = select(Document.owner_id, Document.text).where(
        Document.text.is_not(None),
        or_(Document.text.like("%strategy.bg%"), Document.text.like("%-K%"), Document.text.like("%-К%")))
    for chunk in chunks(unanalysed):
        for owner_id, text in session.execute(texts.where(Document.id.in_(chunk))):
            refs[owner_id].update(find_consultation_refs(text).consultation_ids)
    return refs


def bill_statements(session: Session) -> dict[int, tuple[Statement, ...]]:
    """What each bill's documents say about its consultation: every mention that states a
    period (its first two dates) or names a consultation, with its sentence (the stored
    analysis' `consultation_refs.mentions`; older analyses have only the mention's passage)."""
    out: dict[int, dict[Statement, None]] = defaultdict(dict)
    q = select(Document.owner_id, Document.analysis["consultation_refs"]).where(Document.owner_type == "bill")
    for owner_id, found in session.execute(q):
        if not isinstance(found, dict):
            continue
        for m in found.get("mentions") or []:
            if not isinstance(m, dict):
                continue
            dates = sorted(_iso_dates(m.get("dates"))[:2])
            cid = m.get("consultation_id") if isinstance(m.get("consultation_id"), int) else None
            if len(dates) < 2 and cid is None:
                continue
            sentence = str(m.get("sentence") or m.get("passage") or "")
            period = (dates[0], dates[1]) if len(dates) == 2 else (None, None)
            out[owner_id][Statement(sentence, *period, cid)] = None
    return {b: tuple(st) for b, st in out.items()}


def _iso_dates(values: object) -> list[dt.date]:
    out = []
    for v in values if isinstance(values, list) else []:
        try:
            out.append(dt.date.fromisoformat(str(v)))
        except ValueError:
            continue
    return out


def text_signatures(session: Session) -> tuple[dict[int, bytes], dict[int, bytes]]:
    """The stored text signatures (documents.text_signature) of each bill's text and each
    consultation's draft: the latest version where a file changed."""
    bills: dict[int, bytes] = {}
    cons: dict[int, bytes] = {}
    q = (select(Document.owner_type, Document.owner_id, Document.text_signature)
         .where(Document.text_signature.is_not(None)).order_by(Document.fetched_at, Document.id))
    for owner_type, owner_id, sig in session.execute(q):
        (bills if owner_type == "bill" else cons)[owner_id] = sig
    return bills, cons


def matching_inputs(session: Session, bills: list[BillRow], cons: list[ConsultationIn],
                    primary_of: dict[int, int]) -> tuple[list[BillIn], list[ConsultationIn]]:
    """The bills as the matcher reads them — with their lead committee, merge group and what
    their documents say — and the consultations with their drafts' signatures."""
    refs = explicit_references(session)
    statements = bill_statements(session)
    bill_sigs, cons_sigs = text_signatures(session)
    if cons_sigs:
        cons = [replace(c, text_sig=cons_sigs.get(c.id)) for c in cons]
    leads = lead_committees(session)
    inputs = [BillIn(b.id, b.title, b.submitted_on, b.initiator, b.signature, leads.get(b.id),
                     tuple(sorted(refs.get(b.id, ()))), primary_of.get(b.id), statements.get(b.id, ()),
                     bill_sigs.get(b.id)) for b in bills]
    return inputs, cons
