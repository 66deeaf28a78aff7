"""A coherent synthetic world of legislative initiatives, for replay corpora and benchmarks.

`generate_world(n_bills, seed=...)` makes, deterministically:

- Council of Ministers bills, most with their ministry's consultation on strategy.bg
  (30–32 days, many 14) and a ПРИС decision „ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ“ dated days
  before the bill's submission; a few consulted by no one; the motives' sentence on the
  consultation (or silence), and the texts of draft and bill (simulation.corpus.texts);
- MP bills, a few of which copy a ministry's consulted draft that the Council of Ministers
  never approved (the INIT-03 pattern);
- consultations that never become bills (ordinances, decrees, drafts still in the pipeline);
- stage sequences as parliament.bg records them (committee and plenary readings,
  proposals window, adoption, ДВ promulgation), rejections and withdrawals.

The world holds facts only (simulation.corpus.model); `simulation.corpus.parliament` and
`simulation.corpus.strategy` render it into each source's real answer shapes. `truth` records
which consultation and decision belong to which bill, for measuring the linker. The figures the
world follows (laws and their weights, consultation lengths, gaps, reference rates, importers,
statements, texts) are in simulation.corpus.figures, each with where it comes from; a bill's
course through parliament is simulation.corpus.course, the consultations, ПРИС importers and
motives' statements simulation.corpus.government. `mutate` changes a world the way the sources
change between nights.
"""
from __future__ import annotations

import datetime as dt
import random

from core import strategy as SV
from core.parliament import COUNCIL_CODE, MP_CODE, BillStatus, Initiator
from simulation.corpus import texts
from simulation.corpus.course import run_course
from simulation.corpus.figures import (
    ALL_LAWS,
    APPROVAL_GAP_DAYS,
    BILL_TEXT_MISSING_SHARE,
    GOVERNMENT_KEEP,
    LAW_WEIGHTS,
    MP_COPY_KEEP,
    PRIS_ID_SHARE,
    PUBLIC_CONSULTATION_NUMBER_SHARE,
    SECOND_DRAFT_SHARE,
    SUBMISSION_GAP_DAYS,
)
from simulation.corpus.government import consultation_length, motives_statement, new_consultation, pick_drafter, pick_importer
# The world's facts live in simulation.corpus.model; importers of this module find them here too.
from simulation.corpus.model import MP, Stage, World, WorldBill, WorldConsultation, WorldDecision
from simulation.corpus.vocab import (
    ASSEMBLIES,
    COMMITTEES,
    FIRST_NAMES,
    MIDDLE_NAMES,
    RATIFICATIONS,
    SESSIONS,
    SURNAMES,
    genitive,
)

__all__ = ["MP", "Stage", "World", "WorldBill", "WorldConsultation", "WorldDecision", "generate_world", "mutate"]


def _assembly_for(day: dt.date) -> int:
    current = ASSEMBLIES[0][0]
    for number, _api, start, _name in ASSEMBLIES:
        if dt.date.fromisoformat(start) <= day:
            current = number
    return current


def _amend_title(prefix: str, law: str, rng: random.Random) -> tuple[str, str]:
    form = rng.choices(
        ["изменение и допълнение", "изменение", "допълнение"], weights=[70, 20, 10]
    )[0]
    return f"{prefix} за {form} на {genitive(law)}", f"Закон за {form} на {genitive(law)}"


class _Ids:
    def __init__(self, start: int):
        self.next = start

    def __call__(self) -> int:
        self.next += 1
        return self.next



def _mp_list(rng: random.Random, n: int) -> list[MP]:
    return [
        MP(4000 + rng.randint(0, 1999), (rng.choice(FIRST_NAMES), rng.choice(MIDDLE_NAMES), rng.choice(SURNAMES)))
        for _ in range(n)
    ]


def generate_world(
    n_bills: int = 200,
    *,
    n_consultations: int | None = None,
    seed: int = 1,
    start: dt.date = dt.date(2021, 1, 1),
    today: dt.date = dt.date(2026, 11, 20),
    cm_share: float = 0.45,
) -> World:
    """A deterministic world with `n_bills` bills and about `n_consultations` consultations."""
    rng = random.Random(seed)
    n_consultations = n_consultations if n_consultations is not None else int(n_bills * 0.8)
    bill_ids, cons_ids, pris_ids = _Ids(170000), _Ids(13000), _Ids(180000)
    act_ids, sten_ids, file_ids = _Ids(60000), _Ids(12000), _Ids(900000)
    span = (today - start).days
    days = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in range(n_bills))
    bills: list[WorldBill] = []
    consultations: list[WorldConsultation] = []
    decisions: list[WorldDecision] = []
    truth: dict[int, tuple[int | None, int | None, str]] = {}
    counters: dict[tuple[int, str], int] = {}

    for submitted in days:
        assembly = _assembly_for(submitted)
        initiator = (Initiator.COUNCIL_OF_MINISTERS if rng.random() < cm_share else Initiator.MPS).value
        kind = rng.choices(["amend", "new", "ratification"], weights=[80, 8, 12 if initiator != Initiator.MPS else 0])[0]
        law_name, ministry, committee = rng.choices(ALL_LAWS, weights=LAW_WEIGHTS)[0]
        copy_of: WorldConsultation | None = None
        if initiator == Initiator.MPS and rng.random() < 0.06:
            # INIT-03: MPs table a ministry's consulted draft that the Council of Ministers never
            # approved, so the bill skips the government's own procedure.
            close = submitted - dt.timedelta(days=rng.randint(30, 300))
            draft_title, _ = _amend_title("Проект на Закон", law_name, rng)
            copy_of = new_consultation(rng, cons_ids(), law_name, draft_title, pick_drafter(rng, ministry),
                                    close - dt.timedelta(days=consultation_length(rng)), close, file_ids)
            consultations.append(copy_of)
            kind = "amend"
        if kind == "amend":
            title, final = _amend_title("Законопроект", law_name, rng)
        elif kind == "new":
            # „Закон за водите“ comes in as „Законопроект за водите“; a code keeps its word:
            # „Законопроект за Кодекс за застраховането“ [I: the pattern of new-code bill titles, no stored sample].
            rest = law_name.removeprefix("Закон за ")
            title, final = f"Законопроект за {rest}", law_name
        else:
            title, final = f"Законопроект за ратифициране на {rng.choice(RATIFICATIONS)}", ""
            law_name = None
        if copy_of is not None:
            title = copy_of.title.replace("Проект на Закон", "Законопроект", 1)
            final = title.replace("Законопроект", "Закон", 1)
        code = COUNCIL_CODE if initiator == Initiator.COUNCIL_OF_MINISTERS else MP_CODE
        typ = "02" if kind == "ratification" else "01"
        key = (assembly, code + typ)
        counters[key] = counters.get(key, 0) + 1
        signature = f"{assembly}-{submitted.year % 10}{code}-{typ}-{counters[key]}"
        others = rng.sample([c for c in COMMITTEES if c != committee], k=rng.randint(0, 2))
        b = WorldBill(
            id=bill_ids(),
            signature=signature,
            title=title,
            law=law_name,
            kind=kind,
            assembly=assembly,
            session=rng.choice(SESSIONS),
            submitted_on=submitted,
            initiator=initiator,
            mps=[] if initiator == Initiator.COUNCIL_OF_MINISTERS else _mp_list(rng, rng.randint(1, 6)),
            lead_committee=committee,
            other_committees=others,
            stages=[],
            status=BillStatus.SUBMITTED.value,
            final_title=final,
            sync_id=40000 + len(bills),
        )
        b.files = [(file_ids(), f"{signature}.{rng.choice(['rtf', 'pdf', 'pdf'])}")]
        if rng.random() < 0.25:
            other_law = rng.choice([n for n, _, _ in ALL_LAWS if n != law_name])
            b.amends_in_final_provisions.append(other_law)
        b.entry_into_force = rng.choices(["on_promulgation", "default", "months_3", "fixed_date"], weights=[50, 30, 10, 10])[0]
        run_course(rng, b, act_ids, sten_ids, today)
        bills.append(b)
        if copy_of is not None:
            b.provisions = texts.revise(rng, copy_of.provisions, keep=rng.uniform(*MP_COPY_KEEP))
        else:
            b.provisions = texts.new_draft(rng)
        b.text_readable = rng.random() >= BILL_TEXT_MISSING_SHARE

        cons_id = dec_id = None
        if initiator == Initiator.COUNCIL_OF_MINISTERS and kind != "ratification":
            decision_day = submitted - dt.timedelta(days=rng.choices(*SUBMISSION_GAP_DAYS)[0])
            if rng.random() < 0.88:
                low, high = rng.choices(*APPROVAL_GAP_DAYS)[0]
                date_close = decision_day - dt.timedelta(days=rng.randint(low, high))
                date_open = date_close - dt.timedelta(days=consultation_length(rng))
                drafter = pick_drafter(rng, ministry)
                c = new_consultation(rng, cons_ids(), law_name, title, drafter, date_open, date_close, file_ids)
                if rng.random() < SECOND_DRAFT_SHARE:
                    # The draft was consulted before in another version (a revised draft re-published).
                    first_close = date_open - dt.timedelta(days=rng.randint(30, 240))
                    first = new_consultation(rng, cons_ids(), law_name, title, drafter,
                                          first_close - dt.timedelta(days=consultation_length(rng)), first_close, file_ids)
                    consultations.append(first)
                    c.provisions = texts.revise(rng, first.provisions, keep=rng.uniform(0.3, 0.7), add=0.3)
                consultations.append(c)
                cons_id = c.id
                b.provisions = texts.revise(rng, c.provisions, keep=rng.uniform(*GOVERNMENT_KEEP))
                b.consultation_statement = motives_statement(rng, c)
            d = WorldDecision(
                id=pris_ids(),
                doc_num=str(rng.randint(100, 999)),
                date=decision_day,
                bill_title=final or title.replace("Законопроект", "Закон", 1),
                ministry=ministry,
                protocol=str(rng.randint(1, 52)),
                consultation_reg_num=(SV.reg_num_for(cons_id) if cons_id and rng.random() < PUBLIC_CONSULTATION_NUMBER_SHARE else None),
                importer=pick_importer(rng, ministry),
            )
            decisions.append(d)
            dec_id = d.id
            if cons_id is not None and rng.random() < PRIS_ID_SHARE:
                consultations[-1].pris_id = d.id
        elif copy_of is not None:
            cons_id = copy_of.id
        if cons_id or dec_id:
            truth[b.id] = (cons_id, dec_id, "mp_copy" if copy_of is not None else "own")

    # Consultations that never become bills: ordinances, decrees, and law drafts still pending.
    while len(consultations) < n_consultations:
        law_name, ministry, _ = rng.choices(ALL_LAWS, weights=LAW_WEIGHTS)[0]
        open_day = start + dt.timedelta(days=rng.randint(0, span))
        close_day = open_day + dt.timedelta(days=consultation_length(rng))
        kind = rng.random()
        if kind < 0.45:
            title = f"Проект на Наредба за изменение и допълнение на Наредба № {rng.randint(1, 40)} от {rng.randint(2005, 2024)} г. за прилагане на {genitive(law_name)}"
            act_type_id = SV.ACT_MINISTER
        elif kind < 0.75:
            title = f"Проект на Постановление на Министерския съвет за изменение и допълнение на Правилника за прилагане на {genitive(law_name)}"
            act_type_id = SV.ACT_COUNCIL_OF_MINISTERS
        else:
            title, _final = _amend_title("Проект на Закон", law_name, rng)
            act_type_id = SV.ACT_LAW
        c = new_consultation(rng, cons_ids(), law_name if act_type_id == SV.ACT_LAW else None, title, pick_drafter(rng, ministry),
                          open_day, close_day, file_ids)
        if act_type_id != SV.ACT_LAW or c.act_type_id == SV.ACT_LAW:
            c.act_type, c.act_type_id = SV.ACT_TYPES[act_type_id], act_type_id
        consultations.append(c)
    consultations.sort(key=lambda c: c.id)
    return World(seed, bills, consultations, decisions, truth)



def mutate(world: World, fraction: float = 0.01, *, seed: int = 2, today: dt.date = dt.date(2026, 11, 27)) -> list[int]:
    """Change about `fraction` of the bills the way the sources change between nights:
    a new stage on an open bill, or a ДВ issue for an adopted one. Returns the changed bill ids.
    Consultations get an extended deadline with the same fraction (returned ids not included)."""
    rng = random.Random(seed)
    changed: list[int] = []
    n = max(1, round(len(world.bills) * fraction))
    for b in rng.sample(world.bills, n):
        last = b.stages[-1].date if b.stages else b.submitted_on
        day = min(max(last + dt.timedelta(days=1), today - dt.timedelta(days=1)), today)
        if b.status == BillStatus.ADOPTED and not b.dv_issue:
            b.dv_issue, b.dv_year, b.dv_issue_id = str(rng.randint(1, 110)), day.year, 19000
        else:
            b.stages.append(Stage(day, "зала първо гласуване" if b.status != BillStatus.ADOPTED else "зала второ гласуване", "обсъждане", None, 99000 + len(changed), 15000))
        b.version += 1
        changed.append(b.id)
    for c in rng.sample(world.consultations, max(1, round(len(world.consultations) * fraction))):
        c.date_close = c.date_close + dt.timedelta(days=14)
        c.version += 1
    return changed
