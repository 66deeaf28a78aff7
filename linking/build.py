"""Building legislative initiatives and their links in the database.

`link(session)` loads bills, consultations and ПРИС decisions (load.py), groups merged bills
(grouping.py), keeps one Initiative per group (its primary bill), asks the engine for
proposals and writes the difference (write.py):

- a staff decision (confirmed / rejected) is never changed by a run, a rejected pair is
  never proposed again, and a bill whose link of a kind was confirmed gets no other
  automatic link of that kind;
- only what differs is written, so a second run changes nothing;
- incremental by default: only the bills a change may concern are linked again, with the
  bills that compete with them for a target (incremental.py); `rebuild=True` recomputes
  every proposal.
"""
from __future__ import annotations

import datetime as dt
import gc
import logging
import time
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import InitiativeLink, LinkRun, utcnow
from linking import incremental, load
from linking.engine import propose
from linking.grouping import merge_groups
from linking.load import LinkRow
from linking.model import AUTOMATIC, BILL, STAFF, Proposal
from linking.report import LinkReport
from linking.settings import DEFAULT_SETTINGS, LinkSettings
from linking.write import Writer, desired, merged

log = logging.getLogger(__name__)


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
    bills = load.load_bills(session)
    relations = load.load_relations(session)
    cons, cons_changed = load.load_consultations(session)
    decisions = load.load_decisions(session)
    links = load.load_links(session)
    report.bills, report.consultations, report.council_acts = len(bills), len(cons), len(decisions)

    say("grouping merged bills into initiatives")
    writer = Writer(session, now, report)
    primary_of = merge_groups(bills, relations)
    initiative_of_primary = writer.sync_initiatives({b.id: b for b in bills}, primary_of)
    initiative_of_bill: dict[int, int | None] = {b: initiative_of_primary.get(p) for b, p in primary_of.items()}

    active = (None if since is None
              else incremental.affected(session, bills, cons, cons_changed, decisions, links, since, settings))
    report.bills_examined = len(bills) if active is None else len(active)
    proposals: list[Proposal] = []
    if active is None or active:
        # The matching runs over every bill (it is cheap), so that an incremental run gives the
        # changed bills exactly what a rebuild would, competitors included; only their links
        # are written.
        bill_inputs, cons = load.matching_inputs(session, bills, cons, primary_of)
        proposals = propose(bill_inputs, cons, decisions, settings, incremental.fixed(links, None), say)
        if active is not None:
            active |= incremental.competitors(active, proposals, links)
            proposals = [p for p in proposals if p.bill_id in active]
    report.staff_decisions_kept = sum(1 for lk in links if lk.status in STAFF)

    say("writing links")
    wanted = {p.key: desired(p) for p in proposals}
    for b, p in primary_of.items():
        if b != p:
            wanted[(p, BILL, b)] = merged()

    def replaceable(lk: LinkRow) -> bool:
        if lk.status not in AUTOMATIC:
            return False
        if lk.target_type == BILL:
            return True
        return active is None or lk.bill_id in active

    writer.sync_links(links, wanted, replaceable, initiative_of_bill)
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


__all__ = ["LinkReport", "link"]
