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

The world holds facts only; `simulation.corpus.parliament` and `simulation.corpus.strategy`
render it into each source's real answer shapes. `truth` records which consultation and
decision belong to which bill, for measuring the linker. The figures the world follows
(laws and their weights, consultation lengths, gaps, reference rates, importers, statements,
texts) are the constants below, each with where it comes from.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from core import strategy as SV
from core.parliament import COUNCIL_CODE, MP_CODE, BillStatus, Initiator
from simulation.corpus import texts
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

# ---------------------------------------------------------------------------------------------
# The real figures the world follows (issue 12: a generator shaped by the sources, not by the
# linker). [C] counted in the fixtures under /work/shared/fixtures; [I] inferred, as said.

# Laws: the vocabulary's 83 and the laws of the real bill lists of 09.2025 and 09.2026
# (parliament/bills-2025-09.json, bills-2026-09.json) missing from it. [C] Those lists hold 75
# bills that are not ratifications, on 49 laws (33 laws once, the busiest 5 times: ЗПУО, НПК).
# A law's weight is 1 + its bills in those lists; 75 draws then touch ≈49 laws, ≈31 once, the
# busiest ≈4.6 times (simulated, 300 seeds), as the real months do.
EXTRA_LAWS: list[tuple[str, str, str]] = [
    ("Закон за специалните разузнавателни средства", "mvr", "interior"),
    ("Закон за Държавна агенция „Национална сигурност“", "mf_adm", "interior"),
    ("Закон за Държавна агенция „Разузнаване“", "mf_adm", "defence"),
    ("Закон за „Държавен вестник“", "mf_adm", "legal"),
    ("Закон за защита от вредното въздействие на химичните вещества и смеси", "moh", "health"),
    ("Закон за Националната служба за охрана", "mf_adm", "interior"),
    ("Закон за устройството и застрояването на Столичната община", "mrrb", "regional"),
    ("Закон за използването и развитието на изкуствения интелект", "meu", "transport"),
]
ALL_LAWS: list[tuple[str, str, str]] = LAWS + EXTRA_LAWS
_BILLS_IN_REAL_LISTS = {  # the genitive as the titles write it -> bills in the two real months [C]
    "Закона за предучилищното и училищното образование": 5, "Наказателно-процесуалния кодекс": 5,
    "Наказателния кодекс": 4, "Закона за движението по пътищата": 4, "Кодекса на труда": 3,
    "Закона за специалните разузнавателни средства": 2, "Закона за семейни помощи за деца": 2,
    "Закона за Държавна агенция „Национална сигурност“": 2, "Кодекса за застраховането": 2,
    "Закона за потребителския кредит": 2, "Закона за хазарта": 2, "Закона за автомобилните превози": 2,
    "Закона за търговския регистър и регистъра на юридическите лица с нестопанска цел": 2,
    "Закона за здравето": 2, "Закона за здравното осигуряване": 2, "Закона за опазване на околната среда": 2,
    "Закона за данък върху добавената стойност": 2,
}
LAW_WEIGHTS: list[float] = [1.0 + _BILLS_IN_REAL_LISTS.get(genitive(n), 0) for n, _m, _c in ALL_LAWS]

# Consultation length (date_close − date_open) [C]: the 31 rows of the full report
# (strategy/data-egov-bg_b600c109_pc-full.json): 14 days ×8, 30 ×17, 31 ×4, 32 ×2; of its 5
# law drafts, three ran 14 days.
CONSULTATION_DAYS = ([30, 31, 32, 14], [17, 4, 2, 8])
# A law's draft filed under another act type [C]: of the report's law drafts one (12653-K, ЗИД
# на Закона за енергийната ефективност) is „Акт на Министерския съвет“ and another (12681-K)
# is consulted as „Проект на решение на Министерския съвет за одобряване на проект на закон“:
# 2 of 7.
LAW_AS_MC_ACT_SHARE = 2 / 7
# Consultation close → the Council of Ministers' approval. [I] Two real anchors: 12447-K →
# decision 170627 of 22.07.2026 and 12326-K → 170203 of 11.06.2026 (the ПРИС fixture's
# public_consultation_number); their opening dates, interpolated from the report's reg_nums
# and dates (12367-K opened 08.05.2026, 12653-K 28.08.2026, 12251-K 01.04.2026), put the
# approval some 2–3 weeks after the close. research/strategy_bg.md §5 gives „1–6 months“ to
# the bill; drafts that wait for a new government take a year or more. Mixture of these.
APPROVAL_GAP_DAYS = ([(7, 45), (45, 180), (180, 540)], [55, 33, 12])
# Approval → submission [C]: decision 170974 (09.09.2026) → bill 167540 (10.09), 170960 (08.09)
# → 167538 (09.09), 170992 (10.09) → 167567 (23.09): 1, 1 and 13 days.
SUBMISSION_GAP_DAYS = ([1, 2, 3, 7, 13], [40, 20, 15, 15, 10])
# Explicit references between ПРИС and strategy.bg [C: research/strategy_bg.md §5, ZAKONI's
# count on the full data]: 6 of 10 151 consultations name their ПРИС act, 5 ПРИС acts name a
# consultation.
PRIS_ID_SHARE = 6 / 10151
PUBLIC_CONSULTATION_NUMBER_SHARE = 5 / 10151
# Who files the approval in ПРИС (`importer`) [C]: of the fixture's four „ЗА ОДОБРЯВАНЕ НА
# ЗАКОНОПРОЕКТ“ decisions one names the law's ministry (170992 МТСП), one a joint filing (170960
# „МЗ, МВР“), two a deputy prime minister (170974 on the Кодекс на труда, filed by the one who
# is minister of finance; 170627 „заместник министър-председател“).
DECISION_IMPORTERS = (["ministry", "joint", "deputy_pm", "deputy_pm_finance"], [1, 1, 1, 1])
# A law's draft consulted by another institution than the law's usual ministry [I: the report's
# 12662-K is drafted by the agency itself; no count]: 15 %.
OTHER_DRAFTER_SHARE = 0.15
# What a Council of Ministers bill's motives say about its consultation [I: ЗНА чл. 26, ал. 5
# wants the справка with the bill and the motives usually end with the consultation's period;
# no stored real motives measure the shares]: the period (and most often the portal), the
# portal's address of the consultation, its reg_num, only that it was consulted, or nothing.
STATEMENT_KINDS = (["period", "period_url", "period_reg_num", "portal_only", "none"], [45, 10, 5, 15, 25])
# A stated period that is not the portal's [I]: a deadline extended after the motives were
# written, or a typo — the close date off by days.
STATED_PERIOD_OFF_SHARE = 0.05
# A law's draft consulted twice (a revised draft re-published) [I]: 8 % of the drafts that
# become bills; the bill follows the second.
SECOND_DRAFT_SHARE = 0.08
# No readable text [I]: a consultation whose draft is a scan or an untyped file of the old
# portal (4 of the full report's 31 rows carry only „Други“ files: 2296-K, 2297-K, 8481-K,
# 11768-K [C]), and a bill whose file is a scan — 10 % and 3 %.
DRAFT_TEXT_MISSING_SHARE = 0.10
BILL_TEXT_MISSING_SHARE = 0.03
# An MP copy's share of the ministry's draft kept verbatim [I]; a government bill's [I].
MP_COPY_KEEP = (0.5, 0.9)
GOVERNMENT_KEEP = (0.6, 0.95)


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
    provisions: list[texts.Provision] = field(default_factory=list)  # the text as submitted (texts.render)
    # What the bill's motives say about its consultation (the sentence), None when silent.
    consultation_statement: str | None = None
    text_readable: bool = True  # False: its file is a scan (no text to compare)


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
    provisions: list[texts.Provision] = field(default_factory=list)  # the draft act (texts.render)
    text_readable: bool = True  # False: the draft is a scan or an untyped file (no text to compare)

    @property
    def reg_num(self) -> str:
        return SV.reg_num_for(self.id)


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
    importer: str | None = None  # `importer` as ПРИС writes it; None: the ministry's name


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
            copy_of = _consultation(rng, cons_ids(), law_name, draft_title, _drafter(rng, ministry),
                                    close - dt.timedelta(days=_length(rng)), close, file_ids)
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
        _stages(rng, b, act_ids, sten_ids, today)
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
                date_open = date_close - dt.timedelta(days=_length(rng))
                drafter = _drafter(rng, ministry)
                c = _consultation(rng, cons_ids(), law_name, title, drafter, date_open, date_close, file_ids)
                if rng.random() < SECOND_DRAFT_SHARE:
                    # The draft was consulted before in another version (a revised draft re-published).
                    first_close = date_open - dt.timedelta(days=rng.randint(30, 240))
                    first = _consultation(rng, cons_ids(), law_name, title, drafter,
                                          first_close - dt.timedelta(days=_length(rng)), first_close, file_ids)
                    consultations.append(first)
                    c.provisions = texts.revise(rng, first.provisions, keep=rng.uniform(0.3, 0.7), add=0.3)
                consultations.append(c)
                cons_id = c.id
                b.provisions = texts.revise(rng, c.provisions, keep=rng.uniform(*GOVERNMENT_KEEP))
                b.consultation_statement = _statement(rng, c)
            d = WorldDecision(
                id=pris_ids(),
                doc_num=str(rng.randint(100, 999)),
                date=decision_day,
                bill_title=final or title.replace("Законопроект", "Закон", 1),
                ministry=ministry,
                protocol=str(rng.randint(1, 52)),
                consultation_reg_num=(SV.reg_num_for(cons_id) if cons_id and rng.random() < PUBLIC_CONSULTATION_NUMBER_SHARE else None),
                importer=_importer(rng, ministry),
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
        close_day = open_day + dt.timedelta(days=_length(rng))
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
        c = _consultation(rng, cons_ids(), law_name if act_type_id == SV.ACT_LAW else None, title, _drafter(rng, ministry),
                          open_day, close_day, file_ids)
        if act_type_id != SV.ACT_LAW or c.act_type_id == SV.ACT_LAW:
            c.act_type, c.act_type_id = SV.ACT_TYPES[act_type_id], act_type_id
        consultations.append(c)
    consultations.sort(key=lambda c: c.id)
    return World(seed, bills, consultations, decisions, truth)


def _length(rng: random.Random) -> int:
    return rng.choices(*CONSULTATION_DAYS)[0]


def _drafter(rng: random.Random, ministry: str) -> str:
    if rng.random() < OTHER_DRAFTER_SHARE:
        return rng.choice([m for m in MINISTRIES if m != ministry])
    return ministry


# ПРИС writes the importer in abbreviations („МТСП“, „МЗ, МВР“) or as the office of the one who
# filed it (fixture strategy/data-egov-bg_057c5c06_pris-acts.json).
_ABBREVIATIONS = {
    "moew": "МОСВ", "moj": "МП", "mlsp": "МТСП", "moh": "МЗ", "mof": "МФ", "mvr": "МВР", "mon": "МОН", "mms": "ММС",
    "mtc": "МТС", "me": "МЕ", "mrrb": "МРРБ", "mi": "МИИ", "mzh": "МЗХ", "mo": "МО", "mk": "МК", "meu": "МЕУ",
    "mf_adm": "АМС",
}


def _importer(rng: random.Random, ministry: str) -> str:
    how = rng.choices(*DECISION_IMPORTERS)[0]
    if how == "ministry":
        return _ABBREVIATIONS[ministry]
    if how == "joint":
        other = rng.choice([m for m in _ABBREVIATIONS if m != ministry])
        return f"{_ABBREVIATIONS[ministry]}, {_ABBREVIATIONS[other]}"
    if how == "deputy_pm_finance":
        return "заместник министър-председател и министър на финансите"
    return "заместник министър-председател"


def _statement(rng: random.Random, c: WorldConsultation) -> str | None:
    """The sentence a government bill's motives carry about its consultation (STATEMENT_KINDS)."""
    how = rng.choices(*STATEMENT_KINDS)[0]
    if how == "none":
        return None
    if how == "portal_only":
        return rng.choice([
            "Проектът е публикуван за обществена консултация на Портала за обществени консултации.",
            "Законопроектът е публикуван за обществено обсъждане на интернет страницата на министерството и на "
            "Портала за обществени консултации, като получените предложения са отразени в справката.",
        ])
    close = c.date_close
    if rng.random() < STATED_PERIOD_OFF_SHARE:
        close = close + dt.timedelta(days=rng.choice([-2, -1, 1, 14]))
    days = (close - c.date_open).days
    where = "www.strategy.bg"
    if how == "period_url":
        where = SV.consultation_public_url(c.id)
    sentence = (f"Проектът е публикуван за обществена консултация на Портала за обществени консултации ({where}) "
                f"за срок от {days} дни – от {c.date_open:%d.%m.%Y} г. до {close:%d.%m.%Y} г.")
    if how == "period_reg_num":
        sentence += f", с номер {c.id}-{'К' if rng.random() < 0.3 else 'K'}."
    return sentence


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
    as_mc_act = rng.random() < LAW_AS_MC_ACT_SHARE
    return WorldConsultation(
        id=cid,
        title=title,
        # The portal's law_name: filled for 3 of the report's 5 law drafts (12672-K, 12669-K,
        # 12662-K; 12671-K and 12653-K have none) [C].
        law=law if not as_mc_act and rng.random() < 0.6 else None,
        act_type=SV.ACT_TYPES[SV.ACT_COUNCIL_OF_MINISTERS if as_mc_act else SV.ACT_LAW],
        act_type_id=SV.ACT_COUNCIL_OF_MINISTERS if as_mc_act else SV.ACT_LAW,
        ministry=ministry,
        date_open=date_open,
        date_close=date_close,
        short_term_reason=reason,
        documents=docs,
        comments=sorted(comments),
        legislative_program_id=rng.choice([None, None, 40 + date_open.year]),
        provisions=texts.new_draft(rng),
        text_readable=rng.random() >= DRAFT_TEXT_MISSING_SHARE,
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
