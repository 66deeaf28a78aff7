"""What an incremental run links again: the bills that changed since the last run (`LinkRun`),
got new documents or staff decisions, or that a changed consultation or decision could concern,
with the bills that compete with them for a target (links are assigned one to one); and what the
matcher must respect meanwhile (`fixed`)."""
from __future__ import annotations

import datetime as dt

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Document, RecordVersion
from linking.candidates import GENERIC_WORDS, block_key
from linking.load import BillRow, LinkRow
from linking.model import AUTOMATIC, BILL, CONSULTATION, COUNCIL_ACT, MP_FLAG, ConsultationIn, DecisionIn, Fixed, Proposal
from linking.normalise import NormalTitle, normalise_title, stems
from linking.settings import LinkSettings
from linking.titles import consultation_title, decision_title


def affected(session: Session, bills: list[BillRow], cons: list[ConsultationIn], cons_changed: dict[int, dt.datetime],
             decisions: list[DecisionIn], links: list[LinkRow], since: dt.datetime,
             settings: LinkSettings) -> set[int]:
    """Bills an incremental run must link again (see module docstring)."""
    active = {b.id for b in bills if b.changed_at > since}
    decided = [lk for lk in links if lk.decided_at is not None and lk.decided_at > since]
    active |= {lk.bill_id for lk in decided}
    # Other bills holding a target staff just decided on may have to give it up or take it.
    decided_targets = {(lk.target_type, lk.target_id) for lk in decided}
    active |= {lk.bill_id for lk in links if (lk.target_type, lk.target_id) in decided_targets}
    active |= set(session.scalars(select(Document.owner_id).distinct()
                                  .where(Document.owner_type == "bill", Document.fetched_at > since)))
    changed_cons = {c.id for c in cons if cons_changed.get(c.id, dt.datetime.min) > since}
    # A consultation whose draft was downloaded since (a new text signature) changes its candidates' scores.
    changed_cons |= set(session.scalars(select(Document.owner_id).distinct().where(
        Document.owner_type == "consultation", Document.fetched_at > since, Document.text_signature.is_not(None))))
    changed_decs = set(int(k) for k in session.scalars(
        select(RecordVersion.entity_key).distinct().where(RecordVersion.entity == "council_act",
                                                          RecordVersion.valid_from > since)) if str(k).isdigit())
    # An INIT-03 link is clear only if its law was quiet before the MP bill (regimes/mps.py):
    # a bill, draft or decision on that law dated within `mp_quiet_months` before it re-judges it.
    mp_linked = sorted({lk.bill_id for lk in links if lk.flag == MP_FLAG and lk.status in AUTOMATIC})
    changed_bills = [b for b in bills if b.changed_at > since and b.submitted_on] if mp_linked else []
    if not changed_cons and not changed_decs and not changed_bills:
        return active
    dated = sorted((b.submitted_on.toordinal(), b.id) for b in bills if b.submitted_on)
    days = np.array([d for d, _ in dated], dtype=np.int64)
    ids = [i for _, i in dated]

    def submitted_between(lo: dt.date, hi_days: int) -> list[int]:
        a = int(np.searchsorted(days, lo.toordinal(), side="left"))
        z = int(np.searchsorted(days, lo.toordinal() + hi_days, side="right"))
        return ids[a:z]

    titles = {b.id: normalise_title(b.title) for b in bills}
    generic = stems(" ".join(GENERIC_WORDS))

    def concerned(bill_ids: list[int], target: NormalTitle | None) -> list[int]:
        """Bills of the same block whose law names share a distinctive word stem."""
        if target is None or block_key(target) is None:
            return []
        key, words = block_key(target), target.tokens - generic
        return [b for b in bill_ids if block_key(titles[b]) == key
                and (not words or not (titles[b].tokens - generic) or words & titles[b].tokens)]

    quiet = round(settings.mp_quiet_months * 365.25 / 12)
    by_mp = set(mp_linked)

    def mp_after(day: dt.date) -> list[int]:
        return [b for b in submitted_between(day, quiet) if b in by_mp]

    for c in cons:
        if c.id in changed_cons and c.date_open:
            active.update(concerned(submitted_between(c.date_open, settings.window_days), consultation_title(c)))
            active.update(concerned(mp_after(c.date_open), consultation_title(c)))
    for d in decisions:
        if d.id in changed_decs and d.doc_date:
            active.update(concerned(submitted_between(d.doc_date, settings.pris_window_days), decision_title(d)))
            active.update(concerned(mp_after(d.doc_date), decision_title(d)))
    for b in changed_bills:
        assert b.submitted_on is not None
        if b.submitted_on.toordinal() == days[0]:
            # The earliest bill on record (history crawled further back): whether the record
            # covers the quiet months may change for any flagged bill (they are few).
            active.update(by_mp)
        else:
            active.update(concerned(mp_after(b.submitted_on), titles[b.id]))
    active |= {lk.bill_id for lk in links if (lk.target_type == CONSULTATION and lk.target_id in changed_cons)
               or (lk.target_type == COUNCIL_ACT and lk.target_id in changed_decs)}
    return active


def competitors(active: set[int], proposals: list[Proposal], links: list[LinkRow]) -> set[int]:
    """Bills that compete with the re-linked ones for a target. Links are assigned one to
    one, so a bill that gains or loses a candidate (a new draft, a staff rejection) can move
    another bill's link or its status; those bills are written again too."""
    touched = {(p.target_type, p.target_id) for p in proposals if p.bill_id in active}
    touched |= {(lk.target_type, lk.target_id) for lk in links if lk.bill_id in active and lk.target_type != BILL}
    out = {p.bill_id for p in proposals if (p.target_type, p.target_id) in touched}
    out |= {lk.bill_id for lk in links if lk.status in AUTOMATIC and (lk.target_type, lk.target_id) in touched}
    return out - active


def fixed(links: list[LinkRow], active: set[int] | None) -> Fixed:
    """What the matcher must respect: staff's decisions and, when only `active` bills are
    re-linked, the targets the others hold."""
    out = Fixed(active=active)
    for lk in links:
        if lk.target_type == BILL:
            continue
        if lk.status == "confirmed":
            out.confirmed[(lk.bill_id, lk.target_type)] = lk.target_id
        elif lk.status == "rejected":
            out.rejected.add(lk.key)
        if active is not None and lk.bill_id not in active and lk.status in ("proposed", "confirmed"):
            if lk.flag == MP_FLAG:
                out.taken_by_mp.add(lk.target_id)
            else:
                out.taken_by_com.setdefault(lk.target_type, set()).add(lk.target_id)
    for (b, tt), t in out.confirmed.items():
        out.taken_by_com.setdefault(tt, set()).add(t)
    return out
