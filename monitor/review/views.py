"""What the review pages show, read from the database into plain dataclasses.

The templates get only these view objects, never ORM rows, so what reaches the HTML is
explicit and every string in them is rendered through autoescape.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from db.models import Bill, Consultation, CouncilAct, Evaluation, Finding, Initiative, InitiativeLink, ReviewFlag
from monitor.review.urls import safe_url

FLAG_STATUSES = ("open", "confirmed", "dismissed", "resolved")  # resolved: the engine closed it (criteria.store)
SEVERITIES = ("high", "medium", "low")
VERDICTS = ("PASS", "WARN", "FAIL", "N_A", "UNKNOWN")
LINK_STATUSES = ("proposed", "review", "confirmed", "rejected")

INITIATOR_LABELS = {
    "council_of_ministers": "Министерски съвет",
    "mps": "народни представители",
    "committee": "комисия",
    "mixed": "смесен",
    "unknown": "неизвестен",
}
STATUS_LABELS = {"open": "отворен", "confirmed": "потвърден", "dismissed": "отхвърлен",
                 "resolved": "отпаднал (resolved)"}
LINK_STATUS_LABELS = {"proposed": "предложена", "review": "за преглед", "confirmed": "потвърдена", "rejected": "отхвърлена"}
SEVERITY_LABELS = {"high": "висока", "medium": "средна", "low": "ниска"}

PAGE_SIZE = 100


def css_token(value: object, allowed: tuple[str, ...]) -> str:
    """A CSS class suffix from a closed list; stored values outside it get 'other'."""
    return value if isinstance(value, str) and value in allowed else "other"


@dataclass(frozen=True)
class Reason:
    criterion: str
    verdict: str | None

    @property
    def css(self) -> str:
        return css_token(self.verdict, VERDICTS)


def parse_reasons(raw: Any) -> list[Reason]:
    """ReviewFlag.reasons as (criterion, verdict) pairs.

    The engine's exact shape is its own business (a list of dicts, or "ID:VERDICT" strings), so
    both are read; anything else is shown as text rather than dropped.
    """
    out: list[Reason] = []
    for item in raw if isinstance(raw, list) else ([raw] if raw else []):
        if isinstance(item, dict):
            crit = item.get("criterion_id") or item.get("criterion") or item.get("id") or ""
            verdict = item.get("verdict")
            out.append(Reason(str(crit), str(verdict) if verdict is not None else None))
        elif isinstance(item, (list, tuple)) and item:
            out.append(Reason(str(item[0]), str(item[1]) if len(item) > 1 else None))
        elif isinstance(item, str) and ":" in item:
            crit, _, verdict = item.partition(":")
            out.append(Reason(crit.strip(), verdict.strip() or None))
        elif item is not None:
            out.append(Reason(str(item), None))
    return out


@dataclass(frozen=True)
class EvidenceItem:
    path: str
    text: str
    url: str | None


def flatten_evidence(value: Any, prefix: str = "") -> list[EvidenceItem]:
    """A JSON evidence tree as path/value lines; http(s) strings become links, nothing else does."""
    items: list[EvidenceItem] = []
    if isinstance(value, dict):
        for key, sub in value.items():
            items += flatten_evidence(sub, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for i, sub in enumerate(value):
            items += flatten_evidence(sub, f"{prefix}[{i}]")
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            items.append(EvidenceItem(f"{prefix}[{i}]", _scalar(sub), safe_url(sub)))
    else:
        items.append(EvidenceItem(prefix or "-", _scalar(value), safe_url(value)))
    return items


def _scalar(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "да" if value else "не"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)


# --------------------------------------------------------------------------- the queue


@dataclass(frozen=True)
class QueueRow:
    flag_id: int
    severity: str
    status: str
    signature: str
    title: str
    initiator: str
    reasons: list[Reason]
    created_at: dt.datetime
    reviewer: str | None

    @property
    def severity_css(self) -> str:
        return css_token(self.severity, SEVERITIES)

    @property
    def initiator_label(self) -> str:
        return INITIATOR_LABELS.get(self.initiator, self.initiator)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class Queue:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int
    counts: dict[str, int]


_SEVERITY_RANK = case({"high": 0, "medium": 1, "low": 2}, value=ReviewFlag.severity, else_=3)


def load_queue(session: Session, status: str | None, severity: str | None, page: int = 1) -> Queue:
    """Flags with their bill, most severe first, then newest; `status`/`severity` None = all."""
    where = []
    if status:
        where.append(ReviewFlag.status == status)
    if severity:
        where.append(ReviewFlag.severity == severity)
    base = (
        select(ReviewFlag, Initiative, Bill)
        .join(Initiative, ReviewFlag.initiative_id == Initiative.id)
        .join(Bill, Initiative.bill_id == Bill.id)
        .where(*where)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    result = session.execute(
        base.order_by(_SEVERITY_RANK, ReviewFlag.created_at.desc(), ReviewFlag.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    rows = [
        QueueRow(
            flag_id=flag.id,
            severity=flag.severity,
            status=flag.status,
            signature=bill.signature,
            title=bill.title,
            initiator=bill.initiator or initiative.initiator,
            reasons=parse_reasons(flag.reasons),
            created_at=flag.created_at,
            reviewer=flag.reviewer,
        )
        for flag, initiative, bill in result
    ]
    counts = dict(session.execute(select(ReviewFlag.status, func.count()).group_by(ReviewFlag.status)).all())
    return Queue(rows=rows, total=total, page=page, pages=pages, counts={s: counts.get(s, 0) for s in FLAG_STATUSES})


# --------------------------------------------------------------------------- one flag / initiative


@dataclass(frozen=True)
class LinkView:
    id: int
    target_type: str
    target_id: int
    target_label: str
    target_url: str | None
    method: str
    score: float
    margin: float | None
    status: str
    flag: str | None
    evidence: list[EvidenceItem]
    decided_by: str | None
    decided_at: dt.datetime | None
    note: str | None

    @property
    def status_css(self) -> str:
        return css_token(self.status, LINK_STATUSES)

    @property
    def status_label(self) -> str:
        return LINK_STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class ConsultationView:
    id: int
    reg_num: str
    title: str
    institution: str | None
    date_open: dt.date | None
    date_close: dt.date | None
    duration_days: int | None
    url: str | None
    link_status: str


@dataclass(frozen=True)
class DecisionView:
    id: int
    doc_num: str | None
    doc_date: dt.date | None
    about: str | None
    consultation_number: str | None
    url: str | None
    link_status: str


@dataclass(frozen=True)
class FindingView:
    criterion_id: str
    verdict: str
    principles: list[str]
    confidence: str
    explanation_bg: str
    explanation_en: str
    evidence: list[EvidenceItem]

    @property
    def css(self) -> str:
        return css_token(self.verdict, VERDICTS)


@dataclass
class InitiativeView:
    id: int
    title: str
    initiator: str
    bill: Bill
    bill_url: str | None
    links: list[LinkView] = field(default_factory=list)
    consultations: list[ConsultationView] = field(default_factory=list)
    decisions: list[DecisionView] = field(default_factory=list)
    evaluation: Evaluation | None = None
    findings: list[FindingView] = field(default_factory=list)

    @property
    def initiator_label(self) -> str:
        return INITIATOR_LABELS.get(self.initiator, self.initiator)


def _label_consultation(c: Consultation) -> str:
    return f"{c.reg_num} {c.title}"


def load_initiative(session: Session, initiative_id: int) -> InitiativeView | None:
    initiative = session.get(Initiative, initiative_id)
    if initiative is None:
        return None
    bill = session.get(Bill, initiative.bill_id)
    view = InitiativeView(
        id=initiative.id,
        title=initiative.title,
        initiator=(bill.initiator if bill else None) or initiative.initiator,
        bill=bill,
        bill_url=safe_url(bill.source_url) if bill else None,
    )
    links = session.scalars(
        select(InitiativeLink)
        .where(or_(InitiativeLink.initiative_id == initiative.id, InitiativeLink.bill_id == initiative.bill_id))
        .order_by(InitiativeLink.target_type, InitiativeLink.score.desc(), InitiativeLink.id)
    ).all()
    ids = {kind: [l.target_id for l in links if l.target_type == kind] for kind in ("consultation", "council_act", "bill")}
    consultations = {c.id: c for c in session.scalars(select(Consultation).where(Consultation.id.in_(ids["consultation"])))}
    acts = {a.id: a for a in session.scalars(select(CouncilAct).where(CouncilAct.id.in_(ids["council_act"])))}
    bills = {b.id: b for b in session.scalars(select(Bill).where(Bill.id.in_(ids["bill"])))}
    for link in links:
        label, url = f"{link.target_type} {link.target_id} (не е в базата)", None
        if link.target_type == "consultation" and (c := consultations.get(link.target_id)):
            label, url = _label_consultation(c), safe_url(c.source_url)
            view.consultations.append(ConsultationView(
                c.id, c.reg_num, c.title, c.institution_name, c.date_open, c.date_close, c.duration_days, url, link.status))
        elif link.target_type == "council_act" and (a := acts.get(link.target_id)):
            label = f"Решение № {a.doc_num or '?'} от {a.doc_date.strftime('%d.%m.%Y') if a.doc_date else '?'}"
            url = safe_url(a.source_url)
            view.decisions.append(DecisionView(
                a.id, a.doc_num, a.doc_date, a.about, a.public_consultation_number, url, link.status))
        elif link.target_type == "bill" and (b := bills.get(link.target_id)):
            label, url = f"{b.signature} {b.title}", safe_url(b.source_url)
        view.links.append(LinkView(
            id=link.id, target_type=link.target_type, target_id=link.target_id, target_label=label, target_url=url,
            method=link.method, score=link.score, margin=link.margin, status=link.status, flag=link.flag,
            evidence=flatten_evidence(link.evidence or {}), decided_by=link.decided_by, decided_at=link.decided_at,
            note=link.note,
        ))
    evaluation = session.scalar(
        select(Evaluation)
        .where(Evaluation.initiative_id == initiative.id, Evaluation.is_latest.is_(True))
        .order_by(Evaluation.evaluated_at.desc(), Evaluation.id.desc())
        .limit(1)
    )
    view.evaluation = evaluation
    if evaluation is not None:
        from criteria.catalogue import CATALOGUE

        order = {c.id: i for i, c in enumerate(CATALOGUE)}
        findings = sorted(
            session.scalars(select(Finding).where(Finding.evaluation_id == evaluation.id)).all(),
            key=lambda f: (order.get(f.criterion_id, len(order)), f.criterion_id, f.id),
        )
        view.findings = [
            FindingView(f.criterion_id, f.verdict, [str(p) for p in f.principles or []], f.confidence,
                        f.explanation_bg, f.explanation_en, flatten_evidence(f.evidence or {}))
            for f in findings
        ]
    return view
