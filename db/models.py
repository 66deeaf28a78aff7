"""The lexwatch data model, for the whole product.

Current state lives in one table per record kind (bills, consultations, Council of
Ministers acts, ...). History is generic: every versioned record has rows in
`record_versions` (the full normalised record, one row per distinct content) and
`record_changes` (field-level diff between consecutive versions), keyed by
(`entity`, `entity_key`). Raw answers of the sources are kept in `raw_payloads`,
zlib-compressed, so any record can be re-parsed later.

Only portable column types are used (JSON, not JSONB/ARRAY): SQLite is the default
and PostgreSQL must work by URL with the same migrations.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so Alembic batch migrations on SQLite can find them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


# --------------------------------------------------------------------------- raw data & history


class RawPayload(Base):
    """One distinct answer of a source (deduplicated by URL + sha256)."""

    __tablename__ = "raw_payloads"
    __table_args__ = (UniqueConstraint("url", "sha256", name="uq_raw_payloads_url_sha"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(32))  # parliament | strategy | pris | documents
    url: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    http_status: Mapped[int | None] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    body_zlib: Mapped[bytes] = mapped_column(LargeBinary)


class RecordVersion(Base):
    """A version of a record: the normalised content valid from `valid_from` until `valid_to`."""

    __tablename__ = "record_versions"
    __table_args__ = (
        UniqueConstraint("entity", "entity_key", "version", name="uq_record_versions_key_version"),
        Index("ix_record_versions_current", "entity", "entity_key", "valid_to"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))  # bill | consultation | council_act | act_text | document
    entity_key: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    valid_from: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    valid_to: Mapped[dt.datetime | None] = mapped_column(DateTime)
    raw_payload_id: Mapped[int | None] = mapped_column(ForeignKey("raw_payloads.id"))
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))

    changes: Mapped[list[RecordChange]] = relationship(back_populates="version_row", cascade="all, delete-orphan")


class RecordChange(Base):
    """One field that differs between a version and the one before it (dotted path)."""

    __tablename__ = "record_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("record_versions.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(200))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    version_row: Mapped[RecordVersion] = relationship(back_populates="changes")


class HeldUpdate(Base):
    """A re-read that looks like a regression (fewer stages, dropped records...).

    It is not written over the stored version; a later read with the same content
    confirms it (then it is applied), a read that matches the stored version discards it.
    """

    __tablename__ = "held_updates"
    __table_args__ = (UniqueConstraint("entity", "entity_key", name="uq_held_updates_entity_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    seen_count: Mapped[int] = mapped_column(Integer, default=1)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    raw_payload_id: Mapped[int | None] = mapped_column(ForeignKey("raw_payloads.id"))


# --------------------------------------------------------------------------- crawl bookkeeping


class CrawlRun(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(32), index=True)
    spider: Mapped[str] = mapped_column(String(64))
    args: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | ok | failed | broken
    finish_reason: Mapped[str | None] = mapped_column(String(64))
    requests: Mapped[int] = mapped_column(Integer, default=0)
    listed: Mapped[int] = mapped_column(Integer, default=0)  # records the source listed (reconciliation)
    new: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    held: Mapped[int] = mapped_column(Integer, default=0)
    misses: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    issues: Mapped[list[CrawlIssue]] = relationship(back_populates="run", cascade="all, delete-orphan")


class CrawlTodo(Base):
    """What a source has ever listed, and whether it was read: a record listed but never read
    stays to do (retried by every later run until read), and a listing that failed (record_key
    `list:<what>`) is listed again. `list_key` and `listed_on` say where and under which date the
    source listed it, so a later listing can be reconciled with what it listed before."""

    __tablename__ = "crawl_todo"
    __table_args__ = (UniqueConstraint("source", "record_key", name="uq_crawl_todo_source_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    record_key: Mapped[str] = mapped_column(String(64))
    list_key: Mapped[str | None] = mapped_column(String(64), index=True)  # e.g. "month:2025-09", "api"
    listed_on: Mapped[dt.date | None] = mapped_column(Date)
    first_listed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_listed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # last successful read; None: to do
    # read once, as new: read again by the next run to confirm (a degraded first answer, e.g.
    # empty lists or missing optional keys, cannot be told from a poor record on its own)
    confirm: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # failed reads since the last success
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class CrawlIssue(Base):
    """Something a crawl could not use: a miss, a parse error, an HTTP error, a held update."""

    __tablename__ = "crawl_issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))  # miss | html_shell | parse_error | http_error | held | layout
    url: Mapped[str | None] = mapped_column(String(1000))
    record_key: Mapped[str | None] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    run: Mapped[CrawlRun | None] = relationship(back_populates="issues")


# --------------------------------------------------------------------------- parliament.bg


class Assembly(Base):
    """Народно събрание: the API id (A_ns_id) differs from the assembly number."""

    __tablename__ = "assemblies"

    number: Mapped[int] = mapped_column(primary_key=True)  # 52 for "ПЕТДЕСЕТ И ВТОРО НАРОДНО СЪБРАНИЕ"
    api_id: Mapped[int | None] = mapped_column(Integer, unique=True)  # A_ns_id, e.g. 62
    name: Mapped[str] = mapped_column(String(200))


class Bill(Base):
    """A bill (законопроект) as `GET /api/v1/bill/{id}` describes it; `id` is L_Act_id."""

    __tablename__ = "bills"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    signature: Mapped[str] = mapped_column(String(40), index=True)  # L_Act_sign
    title: Mapped[str] = mapped_column(Text)  # L_ActL_title
    final_title: Mapped[str | None] = mapped_column(Text)  # L_ActL_final
    assembly: Mapped[int | None] = mapped_column(Integer, index=True)  # A_ns_folder
    session: Mapped[str | None] = mapped_column(String(64))  # L_SesL_value
    submitted_on: Mapped[dt.date | None] = mapped_column(Date, index=True)  # L_Act_date
    adopted_on: Mapped[dt.date | None] = mapped_column(Date)  # L_Act_date2
    proposals_deadline: Mapped[dt.date | None] = mapped_column(Date)  # L_act_proposal_date
    proposals_date2: Mapped[dt.date | None] = mapped_column(Date)  # L_act_proposal_date2
    veto_on: Mapped[dt.date | None] = mapped_column(Date)  # L_Act_veto_date
    veto: Mapped[str | None] = mapped_column(Text)  # L_Act_veto
    dv_issue: Mapped[str | None] = mapped_column(String(16))  # L_Act_dv_iss
    dv_year: Mapped[int | None] = mapped_column(Integer)  # L_Act_dv_year
    dv_issue_id: Mapped[int | None] = mapped_column(Integer)  # L_Act_dv_ID (id of the issue, not the material)
    sync_id: Mapped[int | None] = mapped_column(Integer)
    merged_into_id: Mapped[int | None] = mapped_column(BigInteger)  # L_Act_new_id
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    initiator: Mapped[str] = mapped_column(String(32))  # council_of_ministers | mps | committee | mixed | unknown
    status: Mapped[str] = mapped_column(String(32), index=True)  # see core.parliament
    status_date: Mapped[dt.date | None] = mapped_column(Date)
    union_label: Mapped[str | None] = mapped_column(Text)
    trans_label: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    sponsors: Mapped[list[BillSponsor]] = relationship(cascade="all, delete-orphan", order_by="BillSponsor.position")
    committees: Mapped[list[BillCommittee]] = relationship(cascade="all, delete-orphan", order_by="BillCommittee.position")
    stages: Mapped[list[BillStage]] = relationship(cascade="all, delete-orphan", order_by="BillStage.position")
    reports: Mapped[list[BillReport]] = relationship(cascade="all, delete-orphan", order_by="BillReport.position")
    files: Mapped[list[BillFile]] = relationship(cascade="all, delete-orphan", order_by="BillFile.position")
    relations: Mapped[list[BillRelation]] = relationship(cascade="all, delete-orphan", order_by="BillRelation.position")
    proposals: Mapped[list[BillProposal]] = relationship(cascade="all, delete-orphan", order_by="BillProposal.position")
    act_text: Mapped[ActText | None] = relationship(cascade="all, delete-orphan", uselist=False)


class _BillChild:
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)


class BillSponsor(_BillChild, Base):
    """Вносител: an MP (imp_list) or the Council of Ministers (imp_list_min, A_ns_C_id 6167)."""

    __tablename__ = "bill_sponsors"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # mp | council_of_ministers
    mp_id: Mapped[int | None] = mapped_column(Integer)  # A_ns_MP_id
    body_id: Mapped[int | None] = mapped_column(Integer)  # A_ns_C_id
    name: Mapped[str | None] = mapped_column(String(300))


class BillCommittee(_BillChild, Base):
    """Разпределение: a committee with its role (водеща / участваща)."""

    __tablename__ = "bill_committees"

    id: Mapped[int] = mapped_column(primary_key=True)
    distribution_id: Mapped[int | None] = mapped_column(Integer)  # L_Act_D_id
    committee_id: Mapped[int | None] = mapped_column(Integer)  # A_ns_C_id
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(64))  # L_Act_DTL_value as given
    is_lead: Mapped[bool] = mapped_column(Boolean, default=False)


class BillStage(_BillChild, Base):
    """One row of the bill's chronology (`activity`, `steno_hall`, `steno_com`)."""

    __tablename__ = "bill_stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    origin: Mapped[str] = mapped_column(String(16))  # activity | steno_hall | steno_com
    activity_id: Mapped[int | None] = mapped_column(Integer)  # L_Act_A_id
    date: Mapped[dt.date | None] = mapped_column(Date)
    stage: Mapped[str | None] = mapped_column(String(200))  # L_Act_St2_name, e.g. "зала първо гласуване"
    event: Mapped[str | None] = mapped_column(String(200))  # L_Act_St_name, e.g. "приет"
    plenary_steno_id: Mapped[int | None] = mapped_column(Integer)  # Pl_Sten_id (0/1 = none)
    committee_steno_id: Mapped[int | None] = mapped_column(Integer)  # A_Cm_Stid
    committee_id: Mapped[int | None] = mapped_column(Integer)
    committee_name: Mapped[str | None] = mapped_column(Text)
    classification: Mapped[str | None] = mapped_column(String(64))  # derived, see core.parliament


class BillReport(_BillChild, Base):
    """Committee reports and opinions (stan_list, stan_list2, stan_list2_1, standp_list, stan_list_veto)."""

    __tablename__ = "bill_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    origin: Mapped[str] = mapped_column(String(32))
    report_id: Mapped[int | None] = mapped_column(Integer)  # A_Cm_Stanid
    date: Mapped[dt.date | None] = mapped_column(Date)
    committee_id: Mapped[int | None] = mapped_column(Integer)
    committee_name: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(Text)


class BillFile(_BillChild, Base):
    """A file of the bill: `file_list` (text and motives), `order`, `static_*`, proposal files."""

    __tablename__ = "bill_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    origin: Mapped[str] = mapped_column(String(32))  # file_list | order | static_file | static_file_rtf | static_archive | proposal
    file_id: Mapped[int | None] = mapped_column(Integer)  # ID
    filename: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(1000))
    date: Mapped[dt.date | None] = mapped_column(Date)  # DAT_DOC
    reg_number: Mapped[str | None] = mapped_column(String(64))  # RN_DOC
    annotation: Mapped[str | None] = mapped_column(Text)  # ANOT


class BillRelation(_BillChild, Base):
    """Merged bills: union_list (merged into this one) and trans_list (this one merged into)."""

    __tablename__ = "bill_relations"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # union | trans
    other_bill_id: Mapped[int] = mapped_column(BigInteger, index=True)
    other_title: Mapped[str | None] = mapped_column(Text)


class BillProposal(_BillChild, Base):
    """Предложения между първо и второ гласуване (proposal_12_list)."""

    __tablename__ = "bill_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int | None] = mapped_column(Integer)  # ID
    reg_number: Mapped[str | None] = mapped_column(String(64))  # RN_DOC
    date: Mapped[dt.date | None] = mapped_column(Date)
    annotation: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[Any]] = mapped_column(JSON, default=list)
    files: Mapped[list[Any]] = mapped_column(JSON, default=list)


class ActText(Base):
    """The promulgated text of an adopted bill (`GET /api/v1/act/{id}`, L_ActL_final_body)."""

    __tablename__ = "act_texts"

    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id", ondelete="CASCADE"), primary_key=True)
    final_title: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    dv_issue: Mapped[str | None] = mapped_column(String(16))
    dv_year: Mapped[int | None] = mapped_column(Integer)
    adopted_on: Mapped[dt.date | None] = mapped_column(Date)
    source_url: Mapped[str] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # texts.lawtext output, cached


# --------------------------------------------------------------------------- strategy.bg


class Consultation(Base):
    """A public consultation (обществена консултация) on strategy.bg; `id` is the portal's id."""

    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    reg_num: Mapped[str] = mapped_column(String(32), unique=True)  # "{id}-K"
    title: Mapped[str] = mapped_column(Text)
    description_text: Mapped[str | None] = mapped_column(Text)
    description_raw: Mapped[str | None] = mapped_column(Text)
    act_type: Mapped[str | None] = mapped_column(String(200), index=True)  # "Закон", "Акт на министър", ...
    act_type_id: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[str | None] = mapped_column(String(64))  # consultation_type: Централно, Областно, ...
    policy_area: Mapped[str | None] = mapped_column(String(300))
    institution_id: Mapped[int | None] = mapped_column(Integer)
    institution_name: Mapped[str | None] = mapped_column(String(500))
    date_open: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_close: Mapped[dt.date | None] = mapped_column(Date)
    duration_days: Mapped[int | None] = mapped_column(Integer)  # close - open, the portal's convention
    short_term_reason: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool | None] = mapped_column(Boolean)
    legislative_program_id: Mapped[int | None] = mapped_column(Integer)
    operational_program_id: Mapped[int | None] = mapped_column(Integer)
    law_name: Mapped[str | None] = mapped_column(Text)
    law_id: Mapped[int | None] = mapped_column(Integer)
    pris_id: Mapped[int | None] = mapped_column(Integer)
    comments_count: Mapped[int | None] = mapped_column(Integer)
    first_comment_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_comment_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(32))  # api | report | html
    source_url: Mapped[str] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # The справка published as a message („съобщение“, only on the HTML page) instead of a file:
    # its text, its date (the page's, or the day lexwatch first saw it: `dated_by` page|first_seen),
    # and when the page was last read for it (a missing справка is a fact only after that).
    spravka_message: Mapped[str | None] = mapped_column(Text)
    spravka_message_on: Mapped[dt.date | None] = mapped_column(Date)
    spravka_message_dated_by: Mapped[str | None] = mapped_column(String(16))
    page_checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    documents: Mapped[list[ConsultationDocument]] = relationship(
        cascade="all, delete-orphan", order_by="ConsultationDocument.position"
    )


class ConsultationDocument(Base):
    """A file version of a consultation (`files[].versions[]`)."""

    __tablename__ = "consultation_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    doc_type: Mapped[str | None] = mapped_column(String(200))  # the portal's type name, or inferred
    type_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text)
    version_date: Mapped[dt.date | None] = mapped_column(Date)
    file_id: Mapped[int | None] = mapped_column(BigInteger)
    url: Mapped[str] = mapped_column(String(1000))


class CouncilAct(Base):
    """An act of the Council of Ministers in ПРИС (e.g. a decision approving a bill)."""

    __tablename__ = "council_acts"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)  # pris_id
    doc_num: Mapped[str | None] = mapped_column(String(64))
    doc_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    act_type: Mapped[str | None] = mapped_column(String(100))  # Решения, Постановления, ...
    about: Mapped[str | None] = mapped_column(Text)  # unescaped
    importer: Mapped[str | None] = mapped_column(Text)
    legal_reason: Mapped[str | None] = mapped_column(Text)
    protocol: Mapped[str | None] = mapped_column(String(100))
    public_consultation_number: Mapped[str | None] = mapped_column(String(64), index=True)
    dv_number: Mapped[str | None] = mapped_column(String(16))
    dv_year: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    approves_bill: Mapped[bool] = mapped_column(Boolean, default=False)  # „ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ“
    bill_title: Mapped[str | None] = mapped_column(Text)  # the title between the slashes
    source_url: Mapped[str] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# --------------------------------------------------------------------------- documents (files)


class Document(Base):
    """A downloaded file of a bill or consultation, once per content hash, with its text."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("url", "sha256", name="uq_documents_url_sha"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(16))  # bill | consultation
    owner_id: Mapped[int] = mapped_column(BigInteger)
    url: Mapped[str] = mapped_column(String(1000))
    filename: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)  # the source's description of the file
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(200))
    storage_path: Mapped[str | None] = mapped_column(String(1000))
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="ok")  # ok | skipped | error
    note: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    pages: Mapped[int | None] = mapped_column(Integer)
    extraction_method: Mapped[str | None] = mapped_column(String(64))
    extraction_error: Mapped[str | None] = mapped_column(Text)
    is_scanned: Mapped[bool] = mapped_column(Boolean, default=False)
    classification: Mapped[str | None] = mapped_column(String(64), index=True)
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # MinHash of an act's text (a bill's, a consultation's draft), computed at download for the
    # linker (crawlers/documents/signature.py); None for other documents and unreadable ones.
    text_signature: Mapped[bytes | None] = mapped_column(LargeBinary)


Index("ix_documents_owner", Document.owner_type, Document.owner_id)


# --------------------------------------------------------------------------- linking


class Initiative(Base):
    """A legislative initiative: one bill (or merged bills) with its consultations and decisions."""

    __tablename__ = "initiatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"), unique=True)  # the primary bill
    title: Mapped[str] = mapped_column(Text)
    initiator: Mapped[str] = mapped_column(String(32))
    data_hash: Mapped[str | None] = mapped_column(String(64))  # hash of the assembled engine input
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    links: Mapped[list[InitiativeLink]] = relationship(back_populates="initiative", cascade="all, delete-orphan")


class InitiativeLink(Base):
    """A link of a bill to a consultation, a Council of Ministers act or another bill.

    `status` is proposed by the linker, or confirmed/rejected by staff; a staff decision
    is never overwritten by an automatic run and a rejected pair is never proposed again.
    """

    __tablename__ = "initiative_links"
    __table_args__ = (
        UniqueConstraint("bill_id", "target_type", "target_id", name="uq_initiative_links_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int | None] = mapped_column(ForeignKey("initiatives.id", ondelete="SET NULL"), index=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"), index=True)
    target_type: Mapped[str] = mapped_column(String(16))  # consultation | council_act | bill
    target_id: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(32))  # explicit | pris_chain | title_match | merged
    score: Mapped[float] = mapped_column(Float)
    margin: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="proposed", index=True)  # proposed | review | confirmed | rejected
    flag: Mapped[str | None] = mapped_column(String(32))  # e.g. mp_bill_matches_ministry_draft (INIT-03)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    initiative: Mapped[Initiative | None] = relationship(back_populates="links")


class LinkRun(Base):
    """One run of the linker: its watermark makes the next run incremental."""

    __tablename__ = "link_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str] = mapped_column(String(16))  # incremental | rebuild
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # the next run's watermark
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    settings_digest: Mapped[str | None] = mapped_column(String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


# --------------------------------------------------------------------------- evaluation


class Evaluation(Base):
    """One run of the rules engine over one initiative."""

    __tablename__ = "evaluations"
    __table_args__ = (
        Index("ix_evaluations_initiative_latest", "initiative_id", "is_latest"),
        # At most one latest evaluation per initiative, whatever two writers do at once.
        Index(
            "uq_evaluations_one_latest", "initiative_id", unique=True,
            sqlite_where=text("is_latest"), postgresql_where=text("is_latest"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    is_latest: Mapped[bool] = mapped_column(Boolean, default=True)
    ruleset_version: Mapped[str] = mapped_column(String(32))
    thresholds_hash: Mapped[str] = mapped_column(String(64))
    input_hash: Mapped[str] = mapped_column(String(64))
    evaluated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    principle_scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    composite: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    flag_severity: Mapped[str | None] = mapped_column(String(16))  # None | low | medium | high
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    findings: Mapped[list[Finding]] = relationship(back_populates="evaluation", cascade="all, delete-orphan")


class Finding(Base):
    __tablename__ = "findings"
    # The review queue's criterion filter asks "did this evaluation fail or warn on X" per flag.
    __table_args__ = (Index("ix_findings_evaluation_criterion", "evaluation_id", "criterion_id", "verdict"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluations.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[str] = mapped_column(String(16), index=True)  # INIT-01 ... DV-04
    verdict: Mapped[str] = mapped_column(String(8), index=True)  # PASS | WARN | FAIL | N_A | UNKNOWN
    principles: Mapped[list[Any]] = mapped_column(JSON, default=list)
    confidence: Mapped[str] = mapped_column(String(8))  # [C] [C2] [I] [R] [U] [P] of the legal basis
    explanation_bg: Mapped[str] = mapped_column(Text)
    explanation_en: Mapped[str] = mapped_column(Text)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    evaluation: Mapped[Evaluation] = relationship(back_populates="findings")


class ReviewFlag(Base):
    """An initiative queued for staff review; staff confirm or dismiss it with a note."""

    __tablename__ = "review_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    evaluation_id: Mapped[int | None] = mapped_column(ForeignKey("evaluations.id", ondelete="SET NULL"))
    severity: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)  # criterion ids and verdicts that raised it
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)  # open | confirmed | dismissed
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    notified_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class User(Base):
    """A staff account of the review UI (password stored as a salted hash only)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class LoginThrottle(Base):
    """Failed sign-ins of the review UI per user name or client address, and the lock-out they caused.

    In the database rather than in process memory, so the limit holds across server workers and
    restarts. Rows are counters, not a log: one per (scope, key), deleted when stale.
    """

    __tablename__ = "login_throttles"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(8))  # user | client
    key: Mapped[str] = mapped_column(String(100))  # the user name, or the client's IP address
    failures: Mapped[int] = mapped_column(Integer, default=0)  # within the window that began at window_start
    window_start: Mapped[dt.datetime] = mapped_column(DateTime)
    last_failure_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ReviewSession(Base):
    """A signed-in session of the review UI, held on the server: signing out deletes it, so the
    cookie replayed afterwards is refused (the signed cookie alone stays valid until it expires).
    The cookie carries a random token; only its sha256 is stored."""

    __tablename__ = "review_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie's token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class ReviewDecision(Base):
    """The audit trail of the review UI and `lexwatch links`: who decided what, when, with which
    note. One row per decision, never updated, so a decision changed later keeps its history."""

    __tablename__ = "review_decisions"
    __table_args__ = (Index("ix_review_decisions_record", "kind", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # flag | link
    record_id: Mapped[int] = mapped_column(BigInteger)  # ReviewFlag.id or InitiativeLink.id
    initiative_id: Mapped[int | None] = mapped_column(Integer)  # kept as a number: the audit outlives the row
    decision: Mapped[str] = mapped_column(String(16))  # confirmed | dismissed | rejected
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(100), index=True)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


# --------------------------------------------------------------------------- monitor


class PipelineRun(Base):
    """One nightly run (crawl → link → evaluate → flag) with per-step status."""

    __tablename__ = "pipeline_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    trigger: Mapped[str] = mapped_column(String(32), default="manual")  # manual | schedule
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | ok | partial | failed
    steps: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{name, status, counts, duration, errors, depends_on}]
    health: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RunLock(Base):
    """A lock row so that two nightly runs never overlap; stale when its holder process is gone."""

    __tablename__ = "run_locks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))  # host:pid
    acquired_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
