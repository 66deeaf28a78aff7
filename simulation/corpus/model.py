"""The generated world's facts: bills with their stages, consultations, ПРИС decisions, and which
belong together (`World.truth`). simulation.corpus.world makes them; simulation.corpus.parliament,
.strategy and .documents render them into each source's answers and files."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core import strategy as SV
from simulation.corpus import texts
from simulation.corpus.vocab import ASSEMBLIES


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

