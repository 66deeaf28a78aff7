"""What the review pages show, read from the database into plain dataclasses.

The templates get only these view objects, never ORM rows, so what reaches the HTML is
explicit and every string in them is rendered through autoescape. Stored codes are shown with
the labels of core/ (core.parliament, core.review); records link to their public pages.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from core.parliament import BillStatus, Initiator, bill_public_url, label
from core.review import Decision, FlagStatus, LinkFlag, LinkMethod, LinkStatus, LinkTarget, Severity
from core.strategy import consultation_public_url, pris_public_url
from db.models import (
    Bill, Consultation, CouncilAct, Evaluation, Finding, Initiative, InitiativeLink, ReviewDecision, ReviewFlag,
)
from monitor.review.evidence import Line, day, finding_lines, link_lines

FLAG_STATUSES = tuple(s.value for s in FlagStatus)  # resolved: the engine closed it (criteria.store)
SEVERITIES = tuple(s.value for s in Severity)
VERDICTS = ("PASS", "WARN", "FAIL", "N_A", "UNKNOWN")
LINK_STATUSES = tuple(s.value for s in LinkStatus)
INITIATORS = tuple(i.value for i in Initiator)
SORTS = ("severity", "date")
LINK_KINDS = ("all", "mp_copy", "other")  # the link-review queue: every link, possible MP copies, the rest

PAGE_SIZE = 100
LINK_PAGE_SIZE = 50  # a link card holds both records and a dozen lines of evidence
AUDIT_PAGE_SIZE = 200


def initiator_label(value: str | None) -> str:
    return label(Initiator, value)


def bill_status_label(value: str | None) -> str:
    return label(BillStatus, value)


def flag_status_label(value: str | None) -> str:
    return label(FlagStatus, value)


def severity_label(value: str | None) -> str:
    return label(Severity, value)


def link_status_label(value: str | None) -> str:
    return label(LinkStatus, value)


def link_method_label(value: str | None) -> str:
    return label(LinkMethod, value)


def link_flag_label(value: str | None) -> str:
    return label(LinkFlag, value)


def target_label(value: str | None) -> str:
    return label(LinkTarget, value)


def decision_label(value: str | None) -> str:
    return label(Decision, value)


@lru_cache(maxsize=1)
def criterion_names() -> dict[str, str]:
    """Criterion id → its Bulgarian name (criteria.catalogue)."""
    from criteria.catalogue import CATALOGUE

    return {c.id: c.name_bg for c in CATALOGUE}


def criterion_name(criterion_id: str) -> str:
    return criterion_names().get(criterion_id, "")


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

    @property
    def name(self) -> str:
        return criterion_name(self.criterion)

    @property
    def verdict_label(self) -> str | None:
        """The verdict in the reports' words („нарушение“), not the stored code."""
        from monitor.reports.labels import verdict_label

        return verdict_label(self.verdict, "bg") if self.verdict in VERDICTS else self.verdict


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


# --------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    """The queue's filters, read from the query string (anything unknown falls back to 'all')."""

    status: str = "open"
    severity: str = "all"
    assembly: int | None = None
    criterion: str | None = None
    initiator: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "severity"
    kind: str = "all"  # the link queue

    @classmethod
    def from_args(cls, args: Any, *, default_status: str = "open") -> Filters:
        def pick(name: str, allowed: tuple[str, ...], default: str) -> str:
            value = args.get(name)
            return value if value in allowed else default

        def number(name: str) -> int | None:
            value = (args.get(name) or "").strip()
            return int(value) if value.isascii() and value.isdigit() and len(value) < 6 else None

        def date(name: str) -> dt.date | None:
            try:
                return dt.date.fromisoformat((args.get(name) or "").strip())
            except ValueError:
                return None

        criterion = (args.get("criterion") or "").strip().upper()
        return cls(
            status=pick("status", (*FLAG_STATUSES, "all"), default_status),
            severity=pick("severity", (*SEVERITIES, "all"), "all"),
            assembly=number("assembly"),
            criterion=criterion if criterion in criterion_names() else None,
            initiator=pick("initiator", INITIATORS, "") or None,
            date_from=date("from"),
            date_to=date("to"),
            sort=pick("sort", SORTS, "severity"),
            kind=pick("kind", LINK_KINDS, "all"),
        )

    def uses_bill(self) -> bool:
        """Whether a filter reads the bill (or the findings), not only the flag."""
        return any(v is not None for v in (self.assembly, self.initiator, self.date_from, self.date_to, self.criterion))

    def args(self, **override: Any) -> dict[str, Any]:
        """The query string of these filters (for links to other pages of the same list)."""
        data = {"status": self.status, "severity": self.severity, "assembly": self.assembly,
                "criterion": self.criterion, "initiator": self.initiator,
                "from": self.date_from.isoformat() if self.date_from else None,
                "to": self.date_to.isoformat() if self.date_to else None, "sort": self.sort, "kind": self.kind}
        data.update(override)
        return {k: v for k, v in data.items() if v not in (None, "")}


# --------------------------------------------------------------------------- the queue


@dataclass(frozen=True)
class QueueRow:
    flag_id: int
    initiative_id: int
    severity: str
    status: str
    bill_id: int
    signature: str
    title: str
    initiator: str
    assembly: int | None
    reasons: list[Reason]
    bill_date: dt.date | None
    reviewer: str | None

    @property
    def severity_css(self) -> str:
        return css_token(self.severity, SEVERITIES)

    @property
    def initiator_label(self) -> str:
        return initiator_label(self.initiator)

    @property
    def status_label(self) -> str:
        return flag_status_label(self.status)

    @property
    def bill_url(self) -> str:
        return bill_public_url(self.bill_id)


@dataclass(frozen=True)
class Queue:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int
    counts: dict[str, int]


_SEVERITY_RANK = case({"high": 0, "medium": 1, "low": 2}, value=ReviewFlag.severity, else_=3)


def _flag_conditions(f: Filters) -> list[Any]:
    where: list[Any] = []
    if f.status != "all":
        where.append(ReviewFlag.status == f.status)
    if f.severity != "all":
        where.append(ReviewFlag.severity == f.severity)
    if f.assembly is not None:
        where.append(Bill.assembly == f.assembly)
    if f.initiator:
        where.append(Bill.initiator == f.initiator)
    if f.date_from:
        where.append(Bill.submitted_on >= f.date_from)
    if f.date_to:
        where.append(Bill.submitted_on <= f.date_to)
    if f.criterion:
        # The flag's evaluation failed or warned on the criterion (the findings, not the JSON reasons:
        # an index answers it).
        # `Initiative.bill_id == Bill.id` changes nothing but ties the probe to the bill, so that
        # SQLite (without ANALYZE statistics) runs it after the cheap bill filters, not for every flag.
        where.append(exists().where(Finding.evaluation_id == ReviewFlag.evaluation_id,
                                    Finding.criterion_id == f.criterion, Finding.verdict.in_(("FAIL", "WARN")),
                                    Initiative.bill_id == Bill.id))
    return where


def load_queue(session: Session, filters: Filters, page: int = 1) -> Queue:
    """Flags with their bill: most severe first (then the newest bill), or newest bill first."""
    where = _flag_conditions(filters)
    joined = (select(ReviewFlag.id)
              .join(Initiative, ReviewFlag.initiative_id == Initiative.id)
              .join(Bill, Initiative.bill_id == Bill.id)
              .where(*where))
    if filters.uses_bill():
        total = session.scalar(select(func.count()).select_from(joined.subquery())) or 0
    else:  # every flag has an initiative and a bill (foreign keys): no join needed to count them
        total = session.scalar(select(func.count()).select_from(ReviewFlag).where(*where)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    newest = (Bill.submitted_on.desc().nulls_last(), Bill.id.desc(), ReviewFlag.id.desc())
    order = (_SEVERITY_RANK, *newest) if filters.sort == "severity" else newest
    # Sort narrow rows (ids and keys), then read the page's hundred rows whole: the sorter does not
    # carry every flag's title and reasons.
    page_ids = joined.order_by(*order).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    result = session.execute(
        select(ReviewFlag, Initiative.initiator, Bill.id, Bill.signature, Bill.title, Bill.initiator, Bill.assembly,
               Bill.submitted_on)
        .join(Initiative, ReviewFlag.initiative_id == Initiative.id)
        .join(Bill, Initiative.bill_id == Bill.id)
        .where(ReviewFlag.id.in_(page_ids.scalar_subquery()))
        .order_by(*order)
    ).all()
    rows = [
        QueueRow(flag_id=flag.id, initiative_id=flag.initiative_id, severity=flag.severity, status=flag.status,
                 bill_id=bill_id, signature=signature, title=title, initiator=bill_initiator or ini_initiator,
                 assembly=assembly, reasons=parse_reasons(flag.reasons), bill_date=submitted_on, reviewer=flag.reviewer)
        for flag, ini_initiator, bill_id, signature, title, bill_initiator, assembly, submitted_on in result
    ]
    counts = dict(session.execute(select(ReviewFlag.status, func.count()).group_by(ReviewFlag.status)).all())
    return Queue(rows=rows, total=total, page=page, pages=pages, counts={s: counts.get(s, 0) for s in FLAG_STATUSES})


def assemblies(session: Session) -> list[int]:
    return [a for a in session.scalars(select(Bill.assembly).distinct().order_by(Bill.assembly.desc())) if a is not None]


# --------------------------------------------------------------------------- the link-review queue


@dataclass(frozen=True)
class Candidate:
    """One side of a link: what it is, its title, its dates, its public page."""

    kind: str
    ident: str
    title: str
    url: str | None
    facts: list[tuple[str, str]]

    @property
    def kind_label(self) -> str:
        return target_label(self.kind)


@dataclass(frozen=True)
class LinkRow:
    link_id: int
    initiative_id: int | None
    status: str
    flag: str | None
    method: str
    score: float
    bill: Candidate
    target: Candidate
    evidence: list[Line]
    decided_by: str | None
    decided_at: dt.datetime | None

    @property
    def status_label(self) -> str:
        return link_status_label(self.status)

    @property
    def flag_label(self) -> str:
        return link_flag_label(self.flag) if self.flag else ""

    @property
    def status_css(self) -> str:
        return css_token(self.status, LINK_STATUSES)


@dataclass(frozen=True)
class LinkQueue:
    rows: list[LinkRow]
    total: int
    page: int
    pages: int
    counts: dict[str, int]


def _bill_candidate(b: Bill | None, bill_id: int) -> Candidate:
    if b is None:
        return Candidate("bill", str(bill_id), "(законопроектът не е в базата)", bill_public_url(bill_id), [])
    facts = [("Внесен на", day(b.submitted_on)), ("Вносител", initiator_label(b.initiator)),
             ("Народно събрание", str(b.assembly or "—")), ("Статус", bill_status_label(b.status))]
    return Candidate("bill", b.signature, b.title, bill_public_url(b.id), facts)


def _target_candidate(session_cache: dict[str, dict[int, Any]], target_type: str, target_id: int) -> Candidate:
    if target_type == "consultation":
        c = session_cache["consultation"].get(target_id)
        if c is None:
            return Candidate(target_type, str(target_id), "(не е в базата)", consultation_public_url(target_id), [])
        facts = [("Открита", day(c.date_open)), ("Закрита", day(c.date_close)),
                 ("Дни", str(c.duration_days) if c.duration_days is not None else "—"),
                 ("Институция", c.institution_name or "—"), ("Вид акт", c.act_type or "—")]
        return Candidate(target_type, c.reg_num, c.title, consultation_public_url(c.id), facts)
    if target_type == "council_act":
        a = session_cache["council_act"].get(target_id)
        if a is None:
            return Candidate(target_type, str(target_id), "(не е в базата)", pris_public_url(target_id), [])
        facts = [("Дата", day(a.doc_date)), ("Вносител", a.importer or "—"),
                 ("Консултация", a.public_consultation_number or "—")]
        return Candidate(target_type, f"№ {a.doc_num or '?'}", a.bill_title or a.about or "", pris_public_url(a.id), facts)
    b = session_cache["bill"].get(target_id)
    return _bill_candidate(b, target_id)


def load_link_queue(session: Session, filters: Filters, page: int = 1, status: str = "review") -> LinkQueue:
    """Links awaiting a person (status `review`): uncertain bill ↔ consultation/decision matches
    and possible MP copies of ministry drafts, both sides and the evidence in words."""
    where: list[Any] = []
    if status != "all":
        where.append(InitiativeLink.status == status)
    if filters.kind == "mp_copy":
        where.append(InitiativeLink.flag == LinkFlag.MP_BILL_MATCHES_MINISTRY_DRAFT.value)
    elif filters.kind == "other":
        where.append(or_(InitiativeLink.flag.is_(None), InitiativeLink.flag != LinkFlag.MP_BILL_MATCHES_MINISTRY_DRAFT.value))
    if filters.assembly is not None:
        where.append(Bill.assembly == filters.assembly)
    if filters.initiator:
        where.append(Bill.initiator == filters.initiator)
    if filters.date_from:
        where.append(Bill.submitted_on >= filters.date_from)
    if filters.date_to:
        where.append(Bill.submitted_on <= filters.date_to)
    base = select(InitiativeLink, Bill).join(Bill, InitiativeLink.bill_id == Bill.id).where(*where)
    total = session.scalar(select(func.count()).select_from(
        select(InitiativeLink.id).join(Bill, InitiativeLink.bill_id == Bill.id).where(*where).subquery())) or 0
    pages = max(1, -(-total // LINK_PAGE_SIZE))
    page = min(max(1, page), pages)
    newest = (Bill.submitted_on.desc().nulls_last(), Bill.id.desc(), InitiativeLink.id)
    # "severity" for links: the weakest match first (the likeliest to be wrong), then the newest bill.
    order = (InitiativeLink.score.asc(), *newest) if filters.sort == "severity" else newest
    result = session.execute(base.order_by(*order).limit(LINK_PAGE_SIZE).offset((page - 1) * LINK_PAGE_SIZE)).all()
    ids: dict[str, set[int]] = {"consultation": set(), "council_act": set(), "bill": set()}
    for link, _bill in result:
        ids.setdefault(link.target_type, set()).add(link.target_id)
    cache: dict[str, dict[int, Any]] = {
        "consultation": {c.id: c for c in session.scalars(select(Consultation).where(Consultation.id.in_(ids["consultation"])))},
        "council_act": {a.id: a for a in session.scalars(select(CouncilAct).where(CouncilAct.id.in_(ids["council_act"])))},
        "bill": {b.id: b for b in session.scalars(select(Bill).where(Bill.id.in_(ids["bill"])))},
    }
    rows = [
        LinkRow(link_id=link.id, initiative_id=link.initiative_id, status=link.status, flag=link.flag,
                method=link.method, score=link.score, bill=_bill_candidate(bill, link.bill_id),
                target=_target_candidate(cache, link.target_type, link.target_id),
                evidence=link_lines(link.evidence, target_type=link.target_type, method=link.method,
                                    score=link.score, margin=link.margin),
                decided_by=link.decided_by, decided_at=link.decided_at)
        for link, bill in result
    ]
    counts = dict(session.execute(select(InitiativeLink.status, func.count()).group_by(InitiativeLink.status)).all())
    return LinkQueue(rows, total, page, pages, {s: counts.get(s, 0) for s in LINK_STATUSES})


# --------------------------------------------------------------------------- the audit trail


@dataclass(frozen=True)
class AuditRow:
    kind: str
    record_id: int
    initiative_id: int | None
    decision: str
    note: str | None
    reviewer: str
    decided_at: dt.datetime
    signature: str | None

    @property
    def decision_label(self) -> str:
        return decision_label(self.decision)

    @property
    def what(self) -> str:
        return f"Сигнал № {self.record_id}" if self.kind == "flag" else f"Връзка № {self.record_id}"


@dataclass(frozen=True)
class Audit:
    rows: list[AuditRow]
    reviewers: list[str]
    total: int
    page: int
    pages: int


def load_audit(session: Session, reviewer: str | None = None, page: int = 1) -> Audit:
    """Every decision, newest first: who, what, when, with which note."""
    where = [ReviewDecision.reviewer == reviewer] if reviewer else []
    total = session.scalar(select(func.count()).select_from(ReviewDecision).where(*where)) or 0
    pages = max(1, -(-total // AUDIT_PAGE_SIZE))
    page = min(max(1, page), pages)
    ini = aliased(Initiative)
    result = session.execute(
        select(ReviewDecision, Bill.signature)
        .outerjoin(ini, ini.id == ReviewDecision.initiative_id)
        .outerjoin(Bill, Bill.id == ini.bill_id)
        .where(*where)
        .order_by(ReviewDecision.decided_at.desc(), ReviewDecision.id.desc())
        .limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE)
    ).all()
    rows = [AuditRow(d.kind, d.record_id, d.initiative_id, d.decision, d.note, d.reviewer, d.decided_at, sig)
            for d, sig in result]
    reviewers = list(session.scalars(select(ReviewDecision.reviewer).distinct().order_by(ReviewDecision.reviewer)))
    return Audit(rows, reviewers, total, page, pages)


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
    evidence: list[Line]
    decided_by: str | None
    decided_at: dt.datetime | None
    note: str | None

    @property
    def status_css(self) -> str:
        return css_token(self.status, LINK_STATUSES)

    @property
    def status_label(self) -> str:
        return link_status_label(self.status)

    @property
    def method_label(self) -> str:
        return link_method_label(self.method)

    @property
    def type_label(self) -> str:
        return target_label(self.target_type)

    @property
    def flag_label(self) -> str:
        return link_flag_label(self.flag) if self.flag else ""


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

    @property
    def link_status_label(self) -> str:
        return link_status_label(self.link_status)


@dataclass(frozen=True)
class DecisionView:
    id: int
    doc_num: str | None
    doc_date: dt.date | None
    about: str | None
    consultation_number: str | None
    url: str | None
    link_status: str

    @property
    def link_status_label(self) -> str:
        return link_status_label(self.link_status)


@dataclass(frozen=True)
class FindingView:
    criterion_id: str
    verdict: str
    principles: list[str]
    confidence: str
    explanation_bg: str
    explanation_en: str
    evidence: list[Line]

    @property
    def css(self) -> str:
        return css_token(self.verdict, VERDICTS)

    @property
    def name(self) -> str:
        return criterion_name(self.criterion_id)

    @property
    def verdict_label(self) -> str:
        """„нарушение“, not FAIL: the reports' words (monitor.reports.labels)."""
        from monitor.reports.labels import verdict_label

        return verdict_label(self.verdict, "bg")

    @property
    def principle_labels(self) -> list[str]:
        from monitor.reports.labels import principle_label

        return [principle_label(p, "bg") for p in self.principles]


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
        return initiator_label(self.initiator)

    @property
    def status_label(self) -> str:
        return bill_status_label(self.bill.status) if self.bill is not None else "—"


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
        bill_url=bill_public_url(bill.id) if bill else None,
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
        label_text, url = f"{target_label(link.target_type)} {link.target_id} (не е в базата)", None
        if link.target_type == "consultation":
            url = consultation_public_url(link.target_id)
            if c := consultations.get(link.target_id):
                label_text = f"{c.reg_num} {c.title}"
                view.consultations.append(ConsultationView(
                    c.id, c.reg_num, c.title, c.institution_name, c.date_open, c.date_close, c.duration_days, url,
                    link.status))
        elif link.target_type == "council_act":
            url = pris_public_url(link.target_id)
            if a := acts.get(link.target_id):
                label_text = f"Решение № {a.doc_num or '?'} от {day(a.doc_date)}"
                view.decisions.append(DecisionView(
                    a.id, a.doc_num, a.doc_date, a.about, a.public_consultation_number, url, link.status))
        elif link.target_type == "bill":
            url = bill_public_url(link.target_id)
            if b := bills.get(link.target_id):
                label_text = f"{b.signature} {b.title}"
        view.links.append(LinkView(
            id=link.id, target_type=link.target_type, target_id=link.target_id, target_label=label_text, target_url=url,
            method=link.method, score=link.score, margin=link.margin, status=link.status, flag=link.flag,
            evidence=link_lines(link.evidence, target_type=link.target_type, method=link.method, score=link.score,
                                margin=link.margin),
            decided_by=link.decided_by, decided_at=link.decided_at, note=link.note,
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
                        f.explanation_bg, f.explanation_en, finding_lines(f.evidence))
            for f in findings
        ]
    return view

