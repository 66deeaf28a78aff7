"""A coherent synthetic world of legislative initiatives, for replay corpora and benchmarks.

`generate_world(n_bills, seed=...)` makes, deterministically:

- Council of Ministers bills, most with their ministry's consultation on strategy.bg
  (30 days, some 14 days with a reason, a few shorter without) and a ПРИС decision
  „ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ“ dated days before the bill's submission; a few consulted
  by no one;
- MP bills, a few of which copy a ministry's consulted draft that the Council of Ministers
  never approved (the INIT-03 pattern);
- consultations that never become bills (ordinances, decrees, drafts still in the pipeline);
- stage sequences as parliament.bg records them (committee and plenary readings,
  proposals window, adoption, ДВ promulgation), rejections and withdrawals.

The world holds facts only; `simulation.corpus.parliament` and `simulation.corpus.strategy`
render it into each source's real answer shapes. `truth` records which consultation and
decision belong to which bill, for measuring the linker.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from core import strategy as SV
from simulation.corpus.vocab import (
    ASSEMBLIES,
    COMMITTEES,
    FIRST_NAMES,
    LAWS,
    MIDDLE_NAMES,
    MINISTRIES,
    RATIFICATIONS,
    SESSIONS,
    SURNAMES,
    genitive,
)

COUNCIL_OF_MINISTERS_BODY_ID = 6167  # imp_list_min[].A_ns_C_id on parliament.bg


@dataclass
class Stage:
    date: dt.date
    stage: str  # L_Act_St2_name, e.g. "зала първо гласуване"
    event: str  # L_Act_St_name, e.g. "приет"
    committee: str | None = None  # COMMITTEES key for committee stages
    activity_id: int = 0
    plenary_steno_id: int = 0
    committee_steno_id: int = 0


@dataclass
class MP:
    id: int
    names: tuple[str, str, str]


@dataclass
class WorldBill:
    id: int
    signature: str
    title: str
    law: str | None  # the law amended or created (nominative), None for ratifications
    kind: str  # amend | new | ratification
    assembly: int
    session: str
    submitted_on: dt.date
    initiator: str  # council_of_ministers | mps
    mps: list[MP]
    lead_committee: str
    other_committees: list[str]
    stages: list[Stage]
    status: str  # submitted | in_committee | first_reading_passed | adopted | rejected | withdrawn
    proposals_from: dt.date | None = None
    proposals_until: dt.date | None = None
    adopted_on: dt.date | None = None
    final_title: str = ""
    dv_issue: str = ""
    dv_year: int | None = None
    dv_issue_id: int | None = None
    sync_id: int = 0
    files: list[tuple[int, str]] = field(default_factory=list)  # (ID, FILENAME)
    amends_in_final_provisions: list[str] = field(default_factory=list)  # other laws amended by the ПЗР
    entry_into_force: str = "on_promulgation"  # on_promulgation | default | months_3 | fixed_date
    version: int = 1  # bumped by mutate()


@dataclass
class WorldConsultation:
    id: int
    title: str
    law: str | None
    act_type: str  # "Закон", "Акт на Министерския съвет", "Акт на министър"
    act_type_id: int
    ministry: str  # MINISTRIES key
    date_open: dt.date
    date_close: dt.date
    short_term_reason: str | None
    documents: list[tuple[str, dt.date, int]]  # (portal type name, version date, file id)
    comments: list[dt.datetime]
    pris_id: int | None = None
    legislative_program_id: int | None = None
    version: int = 1

    @property
    def reg_num(self) -> str:
        return f"{self.id}-K"


@dataclass
class WorldDecision:
    """A ПРИС act of the Council of Ministers approving a bill."""

    id: int  # pris_id
    doc_num: str
    date: dt.date
    bill_title: str
    ministry: str
    protocol: str
    consultation_reg_num: str | None  # public_consultation_number (rarely filled in reality)
    dv_number: str | None = None
    dv_year: int | None = None


@dataclass
class World:
    seed: int
    bills: list[WorldBill]
    consultations: list[WorldConsultation]
    decisions: list[WorldDecision]
    # bill id -> (consultation id or None, decision id or None, "own" | "mp_copy")
    truth: dict[int, tuple[int | None, int | None, str]]
    assemblies: list[tuple[int, int, str, str]] = field(default_factory=lambda: list(ASSEMBLIES))

    def bill(self, bill_id: int) -> WorldBill:
        return next(b for b in self.bills if b.id == bill_id)


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


def _stages(
    rng: random.Random, b: WorldBill, ids: _Ids, sten: _Ids, today: dt.date
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

    b.status = "submitted"
    fate = rng.random()
    if fate < 0.06:
        if add(rng.randint(5, 60), "зала първо гласуване", "оттеглен"):
            b.status = "withdrawn"
        b.stages = st
        return
    if not add(rng.randint(5, 25), "комисии първо гласуване", "приет", committee=lead):
        b.stages = st
        return
    b.status = "in_committee"
    if fate < 0.20:  # many bills never reach the plenary before the assembly ends
        b.stages = st
        return
    if not add(rng.randint(2, 30), "зала първо гласуване", "внесен"):
        b.stages = st
        return
    add(0, "зала първо гласуване", "обсъждане", plenary=True)
    if fate < 0.42:
        add(0, "зала първо гласуване", "отхвърлен")
        b.status = "rejected"
        b.stages = st
        return
    add(0, "зала първо гласуване", "приет")
    b.status = "first_reading_passed"
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
    b.status = "adopted"
    b.adopted_on = day
    b.final_title = b.final_title or b.title.replace("Законопроект", "Закон", 1).replace("Общ закон", "Закон", 1)
    promulgated = day + dt.timedelta(days=rng.randint(5, 15))
    if promulgated <= today:
        b.dv_year = promulgated.year
        b.dv_issue = str(rng.randint(1, 110))
        b.dv_issue_id = 10000 + promulgated.toordinal() % 5000
    b.stages = st


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
        initiator = "council_of_ministers" if rng.random() < cm_share else "mps"
        kind = rng.choices(["amend", "new", "ratification"], weights=[80, 8, 12 if initiator != "mps" else 0])[0]
        law_name, ministry, committee = rng.choice(LAWS)
        copy_of: WorldConsultation | None = None
        if initiator == "mps" and rng.random() < 0.06:
            # INIT-03: MPs table a ministry's consulted draft that the Council of Ministers never
            # approved, so the bill skips the government's own procedure.
            close = submitted - dt.timedelta(days=rng.randint(30, 300))
            draft_title, _ = _amend_title("Проект на Закон", law_name, rng)
            copy_of = _consultation(rng, cons_ids(), law_name, draft_title, ministry, close - dt.timedelta(days=30), close, file_ids)
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
        code = "02" if initiator == "council_of_ministers" else "54"
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
            mps=[] if initiator == "council_of_ministers" else _mp_list(rng, rng.randint(1, 6)),
            lead_committee=committee,
            other_committees=others,
            stages=[],
            status="submitted",
            final_title=final,
            sync_id=40000 + len(bills),
        )
        b.files = [(file_ids(), f"{signature}.{rng.choice(['rtf', 'pdf', 'pdf'])}")]
        if rng.random() < 0.25:
            other_law = rng.choice([n for n, _, _ in LAWS if n != law_name])
            b.amends_in_final_provisions.append(other_law)
        b.entry_into_force = rng.choices(["on_promulgation", "default", "months_3", "fixed_date"], weights=[50, 30, 10, 10])[0]
        _stages(rng, b, act_ids, sten_ids, today)
        bills.append(b)

        cons_id = dec_id = None
        if initiator == "council_of_ministers" and kind != "ratification":
            decision_day = submitted - dt.timedelta(days=rng.randint(1, 10))
            if rng.random() < 0.88:
                close_gap = rng.randint(20, 200)
                date_close = decision_day - dt.timedelta(days=close_gap)
                length = rng.choices([30, 31, 14, 21, 7], weights=[70, 10, 10, 6, 4])[0]
                date_open = date_close - dt.timedelta(days=length)
                c = _consultation(rng, cons_ids(), law_name, title, ministry, date_open, date_close, file_ids)
                consultations.append(c)
                cons_id = c.id
            d = WorldDecision(
                id=pris_ids(),
                doc_num=str(rng.randint(100, 999)),
                date=decision_day,
                bill_title=final or title.replace("Законопроект", "Закон", 1),
                ministry=ministry,
                protocol=str(rng.randint(1, 52)),
                consultation_reg_num=(f"{cons_id}-K" if cons_id and rng.random() < 0.1 else None),
            )
            decisions.append(d)
            dec_id = d.id
            if cons_id is not None and rng.random() < 0.3:
                consultations[-1].pris_id = d.id
        elif copy_of is not None:
            cons_id = copy_of.id
        if cons_id or dec_id:
            truth[b.id] = (cons_id, dec_id, "mp_copy" if copy_of is not None else "own")

    # Consultations that never become bills: ordinances, decrees, and law drafts still pending.
    while len(consultations) < n_consultations:
        law_name, ministry, _ = rng.choice(LAWS)
        open_day = start + dt.timedelta(days=rng.randint(0, span))
        close_day = open_day + dt.timedelta(days=rng.choice([30, 30, 14, 31]))
        kind = rng.random()
        if kind < 0.45:
            title = f"Проект на Наредба за изменение и допълнение на Наредба № {rng.randint(1, 40)} от {rng.randint(2005, 2024)} г. за прилагане на {genitive(law_name)}"
            act_type, act_type_id = "Акт на министър", 3
        elif kind < 0.75:
            title = f"Проект на Постановление на Министерския съвет за изменение и допълнение на Правилника за прилагане на {genitive(law_name)}"
            act_type, act_type_id = "Акт на Министерския съвет", 2
        else:
            title, _final = _amend_title("Проект на Закон", law_name, rng)
            act_type, act_type_id = "Закон", 1
        c = _consultation(rng, cons_ids(), law_name if act_type_id == 1 else None, title, ministry, open_day, close_day, file_ids)
        c.act_type, c.act_type_id = act_type, act_type_id
        consultations.append(c)
    consultations.sort(key=lambda c: c.id)
    return World(seed, bills, consultations, decisions, truth)


def _consultation(
    rng: random.Random,
    cid: int,
    law: str | None,
    bill_title: str,
    ministry: str,
    date_open: dt.date,
    date_close: dt.date,
    file_ids: _Ids,
) -> WorldConsultation:
    title = bill_title
    if title.startswith("Законопроект"):
        title = "Проект на Закон" + title.removeprefix("Законопроект")
    length = (date_close - date_open).days
    reason = None
    if length < 30 and rng.random() < 0.7:
        reason = "Кратък срок поради необходимостта от привеждане в съответствие с изискванията на правото на Европейския съюз в срок."
    # Document types as the portal's API labels them (core.strategy).
    docs = [(SV.DRAFT, date_open - dt.timedelta(days=1), file_ids()), (SV.MOTIVES, date_open - dt.timedelta(days=1), file_ids())]
    if rng.random() < 0.75:
        docs.append((SV.IMPACT_ASSESSMENT, date_open - dt.timedelta(days=1), file_ids()))
        if rng.random() < 0.8:
            docs.append((SV.MC_OPINION, date_open - dt.timedelta(days=1), file_ids()))
    if rng.random() < 0.6:
        docs.append((SV.PROPOSALS_REPORT, date_close + dt.timedelta(days=rng.randint(3, 40)), file_ids()))
    comments = [
        dt.datetime.combine(date_open + dt.timedelta(days=rng.randint(0, max(length - 1, 0))), dt.time(rng.randint(8, 20), rng.randint(0, 59)))
        for _ in range(rng.choice([0, 0, 1, 2, 5, 12]))
    ]
    return WorldConsultation(
        id=cid,
        title=title,
        law=law,
        act_type="Закон",
        act_type_id=1,
        ministry=ministry,
        date_open=date_open,
        date_close=date_close,
        short_term_reason=reason,
        documents=docs,
        comments=sorted(comments),
        legislative_program_id=rng.choice([None, None, 40 + date_open.year]),
    )


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
        if b.status == "adopted" and not b.dv_issue:
            b.dv_issue, b.dv_year, b.dv_issue_id = str(rng.randint(1, 110)), day.year, 19000
        else:
            b.stages.append(Stage(day, "зала първо гласуване" if b.status != "adopted" else "зала второ гласуване", "обсъждане", None, 99000 + len(changed), 15000))
        b.version += 1
        changed.append(b.id)
    for c in rng.sample(world.consultations, max(1, round(len(world.consultations) * fraction))):
        c.date_close = c.date_close + dt.timedelta(days=14)
        c.version += 1
    return changed
