"""Time in parliament and the consultation of each bill: the process facts of a report row.

Read in bulk from the stored chronology (classified by core.parliament.classify_stage, the same
vocabulary the status derivation uses), the linked consultation and ПРИС decision. These are
facts, not verdicts: the comparison of the Council of Ministers' and the MPs' routes is made of
them, so a requirement that does not apply to a route is never averaged into a score.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.parliament import COMMITTEE_STAGES, BillStatus, StageClass, classify_stage
from core.strategy import consultation_public_url, pris_public_url
from db.models import Assembly, Bill, BillStage, Consultation, CouncilAct, InitiativeLink

PENDING = frozenset({BillStatus.SUBMITTED, BillStatus.IN_COMMITTEE, BillStatus.FIRST_READING_PASSED})
# Link statuses staff has not confirmed: a finding resting on one is published as "unreviewed link".
UNREVIEWED = frozenset({"proposed", "review"})


@dataclass
class Process:
    status: str  # the stored status, or "lapsed" for a pending bill of a closed assembly
    committee_on: dt.date | None = None  # the first committee row of the chronology
    first_reading_on: dt.date | None = None
    second_reading_on: dt.date | None = None
    # L_act_proposal_date: the deadline for proposals between the readings (ПОДНС чл. 83); the window
    # runs from the first reading to it.
    proposals_deadline: dt.date | None = None
    adopted_on: dt.date | None = None
    dv_issue: str | None = None  # "бр. 12/2025"
    one_sitting: bool | None = None  # both votes at one sitting (adopted bills only)
    consultation_id: int | None = None
    consultation_open: dt.date | None = None
    consultation_close: dt.date | None = None
    consultation_link: str | None = None  # link status: confirmed | proposed | review
    council_act_id: int | None = None
    council_act_type: str | None = None
    council_act_link: str | None = None  # link status of the ПРИС decision

    @property
    def consulted(self) -> bool:
        return self.consultation_id is not None

    @property
    def consultation_days(self) -> int | None:
        if self.consultation_open and self.consultation_close:
            return (self.consultation_close - self.consultation_open).days  # the portal's convention
        return None

    @property
    def consultation_url(self) -> str | None:
        return consultation_public_url(self.consultation_id) if self.consultation_id is not None else None

    @property
    def council_act_url(self) -> str | None:
        return pris_public_url(self.council_act_id, self.council_act_type) if self.council_act_id is not None else None

    @property
    def link_unreviewed(self) -> bool:
        return self.consultation_link in UNREVIEWED or self.council_act_link in UNREVIEWED


def days(a: dt.date | None, b: dt.date | None) -> int | None:
    return (b - a).days if a and b and b >= a else None


def time_in_parliament(p: Process, submitted_on: dt.date | None) -> dict[str, int | None]:
    """Days per stretch of the procedure, None where a stage was not reached."""
    return {
        "submission_to_first_reading": days(submitted_on, p.first_reading_on),
        "first_to_second_reading": days(p.first_reading_on, p.second_reading_on),
        "proposals_window": days(p.first_reading_on, p.proposals_deadline),
        "committee": days(submitted_on, p.committee_on),
        "submission_to_adoption": days(submitted_on, p.adopted_on),
    }


def latest_assembly(session: Session) -> int | None:
    """The newest National Assembly the store knows: every earlier one is closed."""
    numbers = [session.scalar(select(func.max(Bill.assembly))), session.scalar(select(func.max(Assembly.number)))]
    known = [n for n in numbers if n is not None]
    return max(known) if known else None


def load_process(session: Session, bills: dict[int, Bill], initiative_of: dict[int, int]) -> dict[int, Process]:
    """{bill id: Process} for the given bills (`initiative_of`: bill id -> initiative id)."""
    newest = latest_assembly(session)
    out: dict[int, Process] = {}
    for bid, b in bills.items():
        status = b.status
        if status in PENDING and b.assembly is not None and newest is not None and b.assembly < newest:
            status = BillStatus.LAPSED.value
        dv = f"бр. {b.dv_issue}/{b.dv_year}" if b.dv_issue and b.dv_year else (f"бр. {b.dv_issue}" if b.dv_issue else None)
        out[bid] = Process(status=status, proposals_deadline=b.proposals_deadline,
                           dv_issue=dv)
    ids = list(bills)
    votes: dict[int, dict[str, list[dt.date]]] = {}
    for chunk in _chunks(ids):
        for bid, date, stage, event, cls in session.execute(
            select(BillStage.bill_id, BillStage.date, BillStage.stage, BillStage.event, BillStage.classification)
            .where(BillStage.bill_id.in_(chunk), BillStage.date.is_not(None))
        ):
            kind = cls or classify_stage(stage, event)
            v = votes.setdefault(bid, {"committee": [], "first": [], "second": [], "both": []})
            if kind in COMMITTEE_STAGES:
                v["committee"].append(date)
            elif kind == StageClass.FIRST_READING_PASSED:
                v["first"].append(date)
            elif kind == StageClass.SECOND_READING_PASSED:
                v["second"].append(date)
            elif kind == StageClass.BOTH_READINGS_PASSED:
                v["both"].append(date)
    for bid, v in votes.items():
        p = out[bid]
        p.committee_on = min(v["committee"], default=None)
        p.first_reading_on = min(v["first"] + v["both"], default=None)
        p.second_reading_on = min(v["second"] + v["both"], default=None)
    for bid, p in out.items():
        b = bills[bid]
        adopted = b.status == BillStatus.ADOPTED or b.adopted_on is not None
        p.adopted_on = b.adopted_on or (p.second_reading_on if adopted else None)
        if adopted and p.first_reading_on and p.second_reading_on:
            p.one_sitting = p.first_reading_on == p.second_reading_on

    by_initiative = {iid: bid for bid, iid in initiative_of.items()}
    rank = {"confirmed": 3, "proposed": 2, "review": 1}
    best: dict[tuple[int, str], tuple[int, int, str]] = {}
    for chunk in _chunks(list(by_initiative)):
        for iid, ttype, tid, status in session.execute(
            select(InitiativeLink.initiative_id, InitiativeLink.target_type, InitiativeLink.target_id, InitiativeLink.status)
            .where(InitiativeLink.initiative_id.in_(chunk), InitiativeLink.status.in_(tuple(rank)),
                   InitiativeLink.target_type.in_(("consultation", "council_act")))
        ):
            key = (by_initiative[iid], ttype)
            if key not in best or rank[status] > best[key][0]:
                best[key] = (rank[status], tid, status)
    consultations = [v[1] for (_, t), v in best.items() if t == "consultation"]
    acts = [v[1] for (_, t), v in best.items() if t == "council_act"]
    dates = {}
    for chunk in _chunks(consultations):
        dates.update({cid: (o, c) for cid, o, c in session.execute(
            select(Consultation.id, Consultation.date_open, Consultation.date_close).where(Consultation.id.in_(chunk)))})
    types = {}
    for chunk in _chunks(acts):
        types.update(dict(session.execute(select(CouncilAct.id, CouncilAct.act_type).where(CouncilAct.id.in_(chunk))).all()))
    for (bid, ttype), (_, tid, status) in best.items():
        p = out[bid]
        if ttype == "consultation" and tid in dates:
            p.consultation_id, p.consultation_link = tid, status
            p.consultation_open, p.consultation_close = dates[tid]
        elif ttype == "council_act" and tid in types:
            p.council_act_id, p.council_act_type, p.council_act_link = tid, types[tid], status
    return out


def process_record(p: Process, submitted_on: dt.date | None) -> dict[str, Any]:
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {
        "status": p.status, "committee_on": iso(p.committee_on), "first_reading_on": iso(p.first_reading_on),
        "proposals_deadline": iso(p.proposals_deadline),
        "second_reading_on": iso(p.second_reading_on), "adopted_on": iso(p.adopted_on), "dv_issue": p.dv_issue,
        "one_sitting": p.one_sitting, "days": time_in_parliament(p, submitted_on),
        "consultation": None if not p.consulted else {
            "id": p.consultation_id, "date_open": iso(p.consultation_open), "date_close": iso(p.consultation_close),
            "days": p.consultation_days, "link_status": p.consultation_link, "public_url": p.consultation_url},
        "council_decision": None if p.council_act_id is None else {"id": p.council_act_id, "link_status": p.council_act_link,
                                                                   "public_url": p.council_act_url},
    }


def _chunks(items: list[int], size: int = 500) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
