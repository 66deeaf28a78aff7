"""Building legislative initiatives and their links in the database.

`link(session)` loads bills, consultations and ПРИС decisions, groups merged bills,
keeps one Initiative per group (its primary bill), asks the engine for proposals and
writes the difference:

- a staff decision (confirmed / rejected) is never changed by a run, a rejected pair is
  never proposed again, and a bill whose link of a kind was confirmed gets no other
  automatic link of that kind;
- only what differs is written, so a second run changes nothing (and `updated_at`
  moves only for rows that changed, which the nightly run counts);
- incremental by default: only bills that changed since the last run (`LinkRun`), got
  new documents or staff decisions, or that a changed consultation or decision could
  concern, are linked again, with the bills that compete with them for a target (links
  are assigned one to one); `rebuild=True` recomputes every proposal.
"""
from __future__ import annotations

import datetime as dt
import gc
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from db.models import (
    Bill,
    BillCommittee,
    BillRelation,
    Consultation,
    CouncilAct,
    Document,
    Initiative,
    InitiativeLink,
    LinkRun,
    RecordVersion,
    utcnow,
)
from linking.candidates import GENERIC_WORDS, block_key
from linking.engine import (
    BILL,
    CONSULTATION,
    COUNCIL_ACT,
    MP_FLAG,
    BillIn,
    ConsultationIn,
    DecisionIn,
    Fixed,
    Proposal,
    Statement,
    consultation_title,
    decision_title,
    propose,
)
from linking.normalise import NormalTitle, normalise_title, stems
from linking.settings import DEFAULT_SETTINGS, LinkSettings

log = logging.getLogger(__name__)

AUTOMATIC = ("proposed", "review")
STAFF = ("confirmed", "rejected")
CHUNK = 500


@dataclass
class LinkReport:
    mode: str  # first | incremental | rebuild
    watermark: str | None  # the previous run's start; records changed after it were examined
    bills: int = 0
    bills_examined: int = 0
    consultations: int = 0
    council_acts: int = 0
    initiatives_created: int = 0
    initiatives_updated: int = 0
    initiatives_removed: int = 0
    links_created: int = 0
    links_updated: int = 0
    links_removed: int = 0
    staff_decisions_kept: int = 0
    links_by_status: dict[str, int] = field(default_factory=dict)
    links_by_method: dict[str, int] = field(default_factory=dict)
    duration_s: float = 0.0
    settings_digest: str = ""

    @property
    def changed(self) -> int:
        return (self.initiatives_created + self.initiatives_updated + self.initiatives_removed
                + self.links_created + self.links_updated + self.links_removed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- loading


@dataclass
class _Bill:
    id: int
    signature: str
    title: str
    submitted_on: dt.date | None
    initiator: str | None
    merged_into_id: int | None
    changed_at: dt.datetime


@dataclass
class _Link:
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


def _chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _load_bills(session: Session) -> list[_Bill]:
    rows = session.execute(select(
        Bill.id, Bill.signature, Bill.title, Bill.submitted_on, Bill.initiator, Bill.merged_into_id,
        Bill.first_seen_at, Bill.last_changed_at,
    ).order_by(Bill.id))
    return [_Bill(r.id, r.signature or "", r.title or "", r.submitted_on, r.initiator, r.merged_into_id,
                  _latest(r.first_seen_at, r.last_changed_at)) for r in rows]


def _latest(*stamps: dt.datetime | None) -> dt.datetime:
    return max((s for s in stamps if s is not None), default=dt.datetime.min)


def _bulk_update(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """ORM bulk UPDATE by primary key, one statement per set of keys."""
    by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_shape[tuple(sorted(row))].append(row)
    for batch in by_shape.values():
        session.execute(update(model), batch)


def _lead_committees(session: Session) -> dict[int, str]:
    out: dict[int, str] = {}
    rows = session.execute(select(BillCommittee.bill_id, BillCommittee.name)
                           .where(BillCommittee.is_lead.is_(True)).order_by(BillCommittee.bill_id, BillCommittee.position))
    for bill_id, name in rows:
        out.setdefault(bill_id, name)
    return out


def _load_consultations(session: Session) -> tuple[list[ConsultationIn], dict[int, dt.datetime]]:
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


def _load_decisions(session: Session) -> tuple[list[DecisionIn], dict[int, dt.datetime]]:
    # Only acts that may approve a bill; the crawler sets approves_bill from „ЗА ОДОБРЯВАНЕ НА
    # ЗАКОНОПРОЕКТ“, the LIKEs catch rows stored before it did.
    rows = session.execute(select(
        CouncilAct.id, CouncilAct.doc_date, CouncilAct.about, CouncilAct.bill_title, CouncilAct.importer,
        CouncilAct.public_consultation_number, CouncilAct.approves_bill, CouncilAct.first_seen_at,
    ).where(or_(CouncilAct.approves_bill.is_(True), CouncilAct.bill_title.is_not(None),
                CouncilAct.about.like("%ЗАКОНОПРОЕКТ%"), CouncilAct.about.like("%законопроект%")))
        .order_by(CouncilAct.id))
    out, seen = [], {}
    for r in rows:
        out.append(DecisionIn(r.id, r.doc_date, r.bill_title or r.about or "", r.importer,
                              r.public_consultation_number, bool(r.approves_bill)))
        seen[r.id] = r.first_seen_at or dt.datetime.min
    return out, seen


def _load_links(session: Session) -> list[_Link]:
    # Without the evidence: parsing every link's JSON would cost more than the matching;
    # it is read only for the links a run may rewrite (_Writer.sync_links).
    rows = session.execute(select(
        InitiativeLink.id, InitiativeLink.bill_id, InitiativeLink.target_type, InitiativeLink.target_id,
        InitiativeLink.method, InitiativeLink.score, InitiativeLink.margin,
        InitiativeLink.status, InitiativeLink.flag, InitiativeLink.initiative_id, InitiativeLink.decided_at,
    ).order_by(InitiativeLink.id))
    return [_Link(*r) for r in rows]


def explicit_references(session: Session, bill_ids: Iterable[int] | None = None) -> dict[int, set[int]]:
    """Consultation ids named in each bill's documents (`documents.analysis.consultation_refs`,
    or found in the text when a document has no analysis yet). Old-portal ids cannot be
    mapped to the new portal's and are ignored (research/strategy_bg.md §4.3)."""
    from texts.documents.consultation_refs import find_consultation_refs

    refs: dict[int, set[int]] = defaultdict(set)
    # Only the refs part of the analysis JSON is read (parsing whole analyses would dominate).
    base = select(Document.id, Document.owner_id, Document.analysis["consultation_refs"]).where(Document.owner_type == "bill")
    queries = [base] if bill_ids is None else [base.where(Document.owner_id.in_(c)) for c in _chunks(sorted(bill_ids))]
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
    for chunk in _chunks(unanalysed):
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


# --------------------------------------------------------------------------- merged bills


def merge_groups(bills: list[_Bill], relations: list[tuple[int, str, int]]) -> dict[int, int]:
    """bill id -> primary bill id of its group (merged bills: L_Act_new_id, union/trans lists).

    The primary is the bill the others were merged into: one that points to no other member,
    with most members pointing to it, then the lowest id."""
    known = {b.id for b in bills}
    parent = {b: b for b in known}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    into: dict[int, set[int]] = defaultdict(set)  # bill -> bills it was merged into
    for b in bills:
        if b.merged_into_id and b.merged_into_id in known and b.merged_into_id != b.id:
            into[b.id].add(b.merged_into_id)
    for bill_id, kind, other in relations:
        if bill_id not in known or other not in known or bill_id == other:
            continue
        if kind == "union":  # `other` was merged into `bill_id`
            into[other].add(bill_id)
        elif kind == "trans":  # `bill_id` was merged into `other`
            into[bill_id].add(other)
    for src, dsts in into.items():
        for dst in dsts:
            ra, rb = find(src), find(dst)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for b in sorted(known):
        members[find(b)].append(b)
    primary: dict[int, int] = {}
    for group in members.values():
        if len(group) == 1:
            primary[group[0]] = group[0]
            continue
        gset = set(group)
        indegree = {b: sum(1 for s in group if b in into.get(s, ())) for b in group}
        roots = [b for b in group if not (into.get(b, set()) & gset)] or group
        root = min(roots, key=lambda b: (-indegree[b], b))
        for b in group:
            primary[b] = root
    return primary


def _group_initiator(members: list[_Bill], primary: _Bill) -> str:
    kinds = {m.initiator for m in members} - {"committee", "unknown", None, ""}
    if not kinds:
        return primary.initiator or "unknown"
    return kinds.pop() if len(kinds) == 1 else "mixed"


# --------------------------------------------------------------------------- the run


class _Writer:
    def __init__(self, session: Session, now: dt.datetime, report: LinkReport):
        self.s, self.now, self.report = session, now, report
        self.touched_initiatives: set[int] = set()

    def sync_initiatives(self, bills: dict[int, _Bill], primary_of: dict[int, int]) -> dict[int, int]:
        """One Initiative per group; returns primary bill id -> initiative id."""
        existing = {r.bill_id: r for r in self.s.execute(select(
            Initiative.id, Initiative.bill_id, Initiative.title, Initiative.initiator))}
        groups: dict[int, list[_Bill]] = defaultdict(list)
        for bid, p in primary_of.items():
            groups[p].append(bills[bid])
        want = {p: (bills[p].title, _group_initiator(members, bills[p])) for p, members in groups.items()}
        result: dict[int, int] = {}
        updates: list[dict[str, Any]] = []
        reuse: dict[int, int] = {}  # initiative id -> new primary bill (an absorbed bill's initiative)
        for p, members in groups.items():
            if p in existing:
                continue
            olds = sorted(existing[m.id].id for m in members if m.id in existing)
            if olds:
                reuse[olds[0]] = p
        drop = [r.id for bid, r in existing.items() if (bid not in want and r.id not in reuse)]
        if drop:
            # Links of a dropped initiative are re-pointed below; its evaluations go with it.
            for chunk in _chunks(drop):
                self.s.execute(update(InitiativeLink).where(InitiativeLink.initiative_id.in_(chunk))
                               .values(initiative_id=None))
                self.s.execute(delete(Initiative).where(Initiative.id.in_(chunk)))
            self.report.initiatives_removed += len(drop)
        for iid, p in reuse.items():
            title, initiator = want[p]
            updates.append({"id": iid, "bill_id": p, "title": title, "initiator": initiator, "updated_at": self.now})
            result[p] = iid
        for p, (title, initiator) in want.items():
            row = existing.get(p)
            if row is None:
                continue
            result[p] = row.id
            if (row.title, row.initiator) != (title, initiator):
                updates.append({"id": row.id, "title": title, "initiator": initiator, "updated_at": self.now})
        if updates:
            _bulk_update(self.s, Initiative, updates)
            self.report.initiatives_updated += len(updates)
        new = [{"bill_id": p, "title": t, "initiator": i, "created_at": self.now, "updated_at": self.now}
               for p, (t, i) in sorted(want.items()) if p not in result]
        for chunk in _chunks(new, 2000):
            for iid, bid in self.s.execute(insert(Initiative).returning(Initiative.id, Initiative.bill_id), chunk):
                result[bid] = iid
        self.report.initiatives_created += len(new)
        return result

    def sync_links(self, existing: list[_Link], desired: dict[tuple[int, str, int], dict[str, Any]],
                   replaceable: Callable[[_Link], bool], initiative_of_bill: dict[int, int | None]) -> None:
        """Make the automatic links `replaceable` says are in scope equal to `desired`; keep
        staff decisions; point every link at its bill's initiative."""
        deletes: list[int] = []
        updates: list[dict[str, Any]] = []
        by_key = {lk.key: lk for lk in existing}
        compare = [lk.id for lk in existing if lk.status not in STAFF and lk.key in desired]
        evidence: dict[int, Any] = {}
        for chunk in _chunks(compare):
            evidence.update(self.s.execute(select(InitiativeLink.id, InitiativeLink.evidence)
                                           .where(InitiativeLink.id.in_(chunk))).all())
        for lk in existing:
            want_init = initiative_of_bill.get(lk.bill_id)
            if lk.status in STAFF:
                if lk.initiative_id != want_init:
                    updates.append({"id": lk.id, "initiative_id": want_init, "updated_at": self.now})
                    self._touch(want_init, lk.initiative_id)
                continue
            if lk.key in desired:
                d = desired[lk.key]
                row = {k: d[k] for k in ("method", "score", "margin", "evidence", "status", "flag")}
                row["initiative_id"] = want_init
                current = {"method": lk.method, "score": _round(lk.score), "margin": _round(lk.margin),
                           "evidence": evidence.get(lk.id), "status": lk.status, "flag": lk.flag, "initiative_id": lk.initiative_id}
                if current != row:
                    updates.append({"id": lk.id, **row, "updated_at": self.now})
                    self._touch(want_init, lk.initiative_id)
            elif replaceable(lk):
                deletes.append(lk.id)
                self._touch(lk.initiative_id)
            elif lk.initiative_id != want_init:
                updates.append({"id": lk.id, "initiative_id": want_init, "updated_at": self.now})
                self._touch(want_init, lk.initiative_id)
        inserts = []
        for key, d in desired.items():
            old = by_key.get(key)
            if old is not None:
                continue
            init = initiative_of_bill.get(key[0])
            inserts.append({"bill_id": key[0], "target_type": key[1], "target_id": key[2], **d, "initiative_id": init,
                            "created_at": self.now, "updated_at": self.now})
            self._touch(init)
        for chunk in _chunks(deletes):
            self.s.execute(delete(InitiativeLink).where(InitiativeLink.id.in_(chunk)))
        _bulk_update(self.s, InitiativeLink, updates)
        for chunk in _chunks(inserts, 2000):
            self.s.execute(insert(InitiativeLink), chunk)
        self.report.links_removed += len(deletes)
        self.report.links_updated += len(updates)
        self.report.links_created += len(inserts)

    def _touch(self, *initiative_ids: int | None) -> None:
        self.touched_initiatives.update(i for i in initiative_ids if i is not None)

    def bump_initiatives(self) -> None:
        for chunk in _chunks(sorted(self.touched_initiatives)):
            self.s.execute(update(Initiative).where(Initiative.id.in_(chunk)).values(updated_at=self.now))


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 2)


def _desired(p: Proposal) -> dict[str, Any]:
    return {"method": p.method, "score": _round(p.score), "margin": _round(p.margin), "evidence": p.evidence,
            "status": p.status, "flag": p.flag}


def _affected(session: Session, bills: list[_Bill], cons: list[ConsultationIn], cons_changed: dict[int, dt.datetime],
              decisions: list[DecisionIn], links: list[_Link], since: dt.datetime,
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
    # An INIT-03 link is clear only if its law was quiet before the MP bill (engine._judge_mp):
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


def _competitors(active: set[int], proposals: list[Proposal], links: list[_Link]) -> set[int]:
    """Bills that compete with the re-linked ones for a target. Links are assigned one to
    one, so a bill that gains or loses a candidate (a new draft, a staff rejection) can move
    another bill's link or its status; those bills are written again too."""
    touched = {(p.target_type, p.target_id) for p in proposals if p.bill_id in active}
    touched |= {(lk.target_type, lk.target_id) for lk in links if lk.bill_id in active and lk.target_type != BILL}
    out = {p.bill_id for p in proposals if (p.target_type, p.target_id) in touched}
    out |= {lk.bill_id for lk in links if lk.status in AUTOMATIC and (lk.target_type, lk.target_id) in touched}
    return out - active


def _fixed(links: list[_Link], active: set[int] | None) -> Fixed:
    fixed = Fixed(active=active)
    for lk in links:
        if lk.target_type == BILL:
            continue
        if lk.status == "confirmed":
            fixed.confirmed[(lk.bill_id, lk.target_type)] = lk.target_id
        elif lk.status == "rejected":
            fixed.rejected.add(lk.key)
        if active is not None and lk.bill_id not in active and lk.status in ("proposed", "confirmed"):
            if lk.flag == MP_FLAG:
                fixed.taken_by_mp.add(lk.target_id)
            else:
                fixed.taken_by_com.setdefault(lk.target_type, set()).add(lk.target_id)
    for (b, tt), t in fixed.confirmed.items():
        fixed.taken_by_com.setdefault(tt, set()).add(t)
    return fixed


def link(
    session: Session,
    rebuild: bool = False,
    *,
    settings: LinkSettings = DEFAULT_SETTINGS,
    progress: Callable[[str], None] | None = None,
    now: dt.datetime | None = None,
) -> LinkReport:
    """Create/update initiatives and links (see module docstring). The caller commits."""
    enabled = gc.isenabled()
    gc.disable()  # many small objects, no cycles: collections would cost a good part of the run
    try:
        return _link(session, rebuild, settings, progress, now)
    finally:
        if enabled:
            gc.enable()


def _link(session: Session, rebuild: bool, settings: LinkSettings, progress: Callable[[str], None] | None,
          now: dt.datetime | None) -> LinkReport:
    t0 = time.perf_counter()
    say = progress or (lambda _msg: None)
    now = now or utcnow()
    last = session.scalars(select(LinkRun).where(LinkRun.finished_at.is_not(None))
                           .order_by(LinkRun.started_at.desc(), LinkRun.id.desc()).limit(1)).first()
    since = None if (rebuild or last is None) else last.started_at
    report = LinkReport(mode="rebuild" if rebuild else ("first" if since is None else "incremental"),
                        watermark=since.isoformat(timespec="seconds") if since else None,
                        settings_digest=settings.digest())

    say("loading bills, consultations and decisions")
    bills = _load_bills(session)
    by_id = {b.id: b for b in bills}
    relations = [tuple(r) for r in session.execute(select(BillRelation.bill_id, BillRelation.kind, BillRelation.other_bill_id))]
    cons, cons_changed = _load_consultations(session)
    decisions, _dec_seen = _load_decisions(session)
    links = _load_links(session)
    report.bills, report.consultations, report.council_acts = len(bills), len(cons), len(decisions)

    say("grouping merged bills into initiatives")
    writer = _Writer(session, now, report)
    primary_of = merge_groups(bills, relations)  # type: ignore[arg-type]
    initiative_of_primary = writer.sync_initiatives(by_id, primary_of)
    initiative_of_bill: dict[int, int | None] = {b: initiative_of_primary.get(p) for b, p in primary_of.items()}

    active = None if since is None else _affected(session, bills, cons, cons_changed, decisions, links, since, settings)
    report.bills_examined = len(bills) if active is None else len(active)
    proposals: list[Proposal] = []
    if active is None or active:
        # The matching runs over every bill (it is cheap), so that an incremental run gives the
        # changed bills exactly what a rebuild would, competitors included; only their links
        # are written.
        refs = explicit_references(session)
        statements = bill_statements(session)
        bill_sigs, cons_sigs = text_signatures(session)
        if cons_sigs:
            cons = [replace(c, text_sig=cons_sigs.get(c.id)) for c in cons]
        leads = _lead_committees(session)
        inputs = [BillIn(b.id, b.title, b.submitted_on, b.initiator, b.signature, leads.get(b.id),
                         tuple(sorted(refs.get(b.id, ()))), primary_of.get(b.id), statements.get(b.id, ()),
                         bill_sigs.get(b.id)) for b in bills]
        proposals = propose(inputs, cons, decisions, settings, _fixed(links, None), say)
        if active is not None:
            active |= _competitors(active, proposals, links)
            proposals = [p for p in proposals if p.bill_id in active]
    report.staff_decisions_kept = sum(1 for lk in links if lk.status in STAFF)

    say("writing links")
    desired = {p.key: _desired(p) for p in proposals}
    for b, p in primary_of.items():
        if b != p:
            desired[(p, BILL, b)] = {"method": "merged", "score": 100.0, "margin": None, "status": "proposed",
                                     "flag": None, "evidence": {"source": "parliament.bg union/trans lists, L_Act_new_id"}}

    def replaceable(lk: _Link) -> bool:
        if lk.status not in AUTOMATIC:
            return False
        if lk.target_type == BILL:
            return True
        return active is None or lk.bill_id in active

    writer.sync_links(links, desired, replaceable, initiative_of_bill)
    writer.bump_initiatives()
    session.flush()

    counts = session.execute(select(InitiativeLink.status, InitiativeLink.method, func.count())
                             .group_by(InitiativeLink.status, InitiativeLink.method)).all()
    for status, method, n in counts:
        report.links_by_status[status] = report.links_by_status.get(status, 0) + n
        report.links_by_method[method] = report.links_by_method.get(method, 0) + n
    report.duration_s = round(time.perf_counter() - t0, 3)
    session.add(LinkRun(mode=report.mode, started_at=now, finished_at=utcnow(), settings_digest=report.settings_digest,
                        counts=report.to_dict()))
    session.flush()
    log.info("link: %s", report.to_dict())
    return report

