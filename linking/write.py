"""Writing a run's result: one Initiative per group of merged bills, and the links made equal to
what the run wants. Only what differs is written, so a second run changes nothing (and
`updated_at` moves only for rows that changed, which the nightly run counts); staff decisions
are never changed, only pointed at their bill's initiative."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from core.review import LinkMethod
from db.models import Initiative, InitiativeLink
from linking.grouping import group_initiator
from linking.load import BillRow, LinkRow, chunks
from linking.model import STAFF, Proposal
from linking.report import LinkReport


def desired(p: Proposal) -> dict[str, Any]:
    """A proposal as the link row the run wants."""
    return {"method": p.method, "score": _round(p.score), "margin": _round(p.margin), "evidence": p.evidence,
            "status": p.status, "flag": p.flag}


def merged() -> dict[str, Any]:
    """The link row from a group's primary bill to a bill merged into it."""
    return {"method": LinkMethod.MERGED.value, "score": 100.0, "margin": None, "status": "proposed",
            "flag": None, "evidence": {"source": "parliament.bg union/trans lists, L_Act_new_id"}}


class Writer:
    def __init__(self, session: Session, now: dt.datetime, report: LinkReport):
        self.s, self.now, self.report = session, now, report
        self.touched_initiatives: set[int] = set()

    def sync_initiatives(self, bills: dict[int, BillRow], primary_of: dict[int, int]) -> dict[int, int]:
        """One Initiative per group; returns primary bill id -> initiative id."""
        existing = {r.bill_id: r for r in self.s.execute(select(
            Initiative.id, Initiative.bill_id, Initiative.title, Initiative.initiator))}
        groups: dict[int, list[BillRow]] = defaultdict(list)
        for bid, p in primary_of.items():
            groups[p].append(bills[bid])
        want = {p: (bills[p].title, group_initiator(members, bills[p])) for p, members in groups.items()}
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
            for chunk in chunks(drop):
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
        for chunk in chunks(new, 2000):
            for iid, bid in self.s.execute(insert(Initiative).returning(Initiative.id, Initiative.bill_id), chunk):
                result[bid] = iid
        self.report.initiatives_created += len(new)
        return result

    def sync_links(self, existing: list[LinkRow], desired: dict[tuple[int, str, int], dict[str, Any]],
                   replaceable: Callable[[LinkRow], bool], initiative_of_bill: dict[int, int | None]) -> None:
        """Make the automatic links `replaceable` says are in scope equal to `desired`; keep
        staff decisions; point every link at its bill's initiative."""
        deletes: list[int] = []
        updates: list[dict[str, Any]] = []
        by_key = {lk.key: lk for lk in existing}
        compare = [lk.id for lk in existing if lk.status not in STAFF and lk.key in desired]
        evidence: dict[int, Any] = {}
        for chunk in chunks(compare):
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
        for chunk in chunks(deletes):
            self.s.execute(delete(InitiativeLink).where(InitiativeLink.id.in_(chunk)))
        _bulk_update(self.s, InitiativeLink, updates)
        for chunk in chunks(inserts, 2000):
            self.s.execute(insert(InitiativeLink), chunk)
        self.report.links_removed += len(deletes)
        self.report.links_updated += len(updates)
        self.report.links_created += len(inserts)

    def _touch(self, *initiative_ids: int | None) -> None:
        self.touched_initiatives.update(i for i in initiative_ids if i is not None)

    def bump_initiatives(self) -> None:
        """Move `updated_at` of the initiatives whose links changed."""
        for chunk in chunks(sorted(self.touched_initiatives)):
            self.s.execute(update(Initiative).where(Initiative.id.in_(chunk)).values(updated_at=self.now))


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 2)


def _bulk_update(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """ORM bulk UPDATE by primary key, one statement per set of keys."""
    by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_shape[tuple(sorted(row))].append(row)
    for batch in by_shape.values():
        session.execute(update(model), batch)
