"""A bill's course through parliament as parliament.bg records it: committee and plenary readings,
the proposals window between them, adoption and promulgation in the State Gazette (ДВ) — or a
rejection, a withdrawal, or a bill still waiting when the world's `today` comes."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from core.parliament import BillStatus
from simulation.corpus.model import Stage, WorldBill


def run_course(
    rng: random.Random, b: WorldBill, ids: Callable[[], int], sten: Callable[[], int], today: dt.date
) -> None:
    """Fill stages, status, proposals window, adoption and ДВ like parliament.bg records them."""
    day = b.submitted_on
    st: list[Stage] = []
    lead = b.lead_committee

    def add(days: int, stage: str, event: str, committee: str | None = None, plenary: bool = False) -> bool:
        nonlocal day
        day = day + dt.timedelta(days=days)
        if day > today:
            return False
        st.append(
            Stage(day, stage, event, committee, ids(), sten() if plenary else 0, sten() if committee else 0)
        )
        return True

    b.status = BillStatus.SUBMITTED.value
    fate = rng.random()
    if fate < 0.06:
        if add(rng.randint(5, 60), "зала първо гласуване", "оттеглен"):
            b.status = BillStatus.WITHDRAWN.value
        b.stages = st
        return
    if not add(rng.randint(5, 25), "комисии първо гласуване", "приет", committee=lead):
        b.stages = st
        return
    b.status = BillStatus.IN_COMMITTEE.value
    if fate < 0.20:  # many bills never reach the plenary before the assembly ends
        b.stages = st
        return
    if not add(rng.randint(2, 30), "зала първо гласуване", "внесен"):
        b.stages = st
        return
    add(0, "зала първо гласуване", "обсъждане", plenary=True)
    if fate < 0.42:
        add(0, "зала първо гласуване", "отхвърлен")
        b.status = BillStatus.REJECTED.value
        b.stages = st
        return
    add(0, "зала първо гласуване", "приет")
    b.status = BillStatus.FIRST_READING_PASSED.value
    first_reading = day
    # ПОДНС чл. 84(1): 7 days for proposals, shortened to 3 by decision; extended sometimes.
    window = rng.choices([7, 3, 14, 5, 1], weights=[60, 15, 15, 7, 3])[0]
    b.proposals_from = first_reading
    b.proposals_until = first_reading + dt.timedelta(days=window)
    both_in_one_sitting = rng.random() < 0.05
    if both_in_one_sitting:
        b.proposals_from = b.proposals_until = None
        add(0, "зала второ гласуване", "обсъждане", plenary=True)
        add(0, "зала второ гласуване", "приет")
    else:
        if not add(window + rng.randint(1, 20), "комисии второ гласуване", "приет", committee=lead):
            b.stages = st
            return
        if not add(rng.randint(2, 25), "зала второ гласуване", "обсъждане", plenary=True):
            b.stages = st
            return
        add(0, "зала второ гласуване", "приет")
    b.status = BillStatus.ADOPTED.value
    b.adopted_on = day
    b.final_title = b.final_title or b.title.replace("Законопроект", "Закон", 1).replace("Общ закон", "Закон", 1)
    promulgated = day + dt.timedelta(days=rng.randint(5, 15))
    if promulgated <= today:
        b.dv_year = promulgated.year
        b.dv_issue = str(rng.randint(1, 110))
        b.dv_issue_id = 10000 + promulgated.toordinal() % 5000
    b.stages = st

