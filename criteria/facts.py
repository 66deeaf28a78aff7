"""Facts derived once per initiative and shared by all criteria.

A criterion reads dates, links and documents through these cached properties, so the
derivation (stage classification, which consultation is the one consulted on, which
documents the bill has) is written once and costs once per initiative however many
criteria use it.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Generic, TypeVar

from core import strategy as SV
from core.parliament import RATIFICATION_TYPE, Initiator, PortfolioExclusion, Signature, StageClass, classify_stage
from core.rules import Rule, first_value, rule
from criteria.initiative import ActText, Bill, Consultation, CouncilAct, Document, Initiative, Link
from criteria.thresholds import Thresholds

KNOWN_INITIATORS = frozenset(i.value for i in Initiator if i is not Initiator.UNKNOWN)
PENDING = frozenset({"submitted", "in_committee", "first_reading_passed"})

# Link statuses: "given" is a consultation or ПРИС act listed in the input without a link row.
LINKED = frozenset({"confirmed", "proposed", "given"})
UNCERTAIN = frozenset({"review"})
_STATUS_RANK = {"confirmed": 3, "given": 2, "proposed": 1}

# strategy.bg document types: the portal's labels, exactly as its API writes them (core.strategy).
DOC_DRAFT = SV.DRAFT
DOC_MOTIVES = SV.MOTIVES
DOC_REPORT = SV.REPORT
DOC_IA = SV.IMPACT_ASSESSMENT
DOC_IA_OPINION = SV.MC_OPINION
DOC_SPRAVKA = SV.PROPOSALS_REPORT
UNTYPED = frozenset({None, "", SV.UNTYPED_LABEL})
# strategy.bg act types outside ЗНА чл. 26: „Ненормативен акт …“, „Рамкова позиция“ [C2: prozrachnost].
NON_NORMATIVE = re.compile(r"ненормативен|рамкова\s+позиция", re.I)

# Portfolio exclusions of NCPI practice (catalogue §4): the per-bill checks still run.
_EXCLUSIONS: tuple[Rule[PortfolioExclusion], ...] = (
    rule("ratification", PortfolioExclusion.RATIFICATION, r"\b(?:ратифицир|денонсир)", flags=re.I),
    rule("budget", PortfolioExclusion.BUDGET, r"\bза\s+(?:държавния\s+бюджет|бюджета\s+на\s+(?:държавното\s+обществено\s+осигуряване|"
                             r"националната\s+здравноосигурителна\s+каса))", flags=re.I),
    rule("constitution", PortfolioExclusion.CONSTITUTION, r"\bконституцията\s+на\s+република\s+българия\b", flags=re.I),
)


T = TypeVar("T")


class cached_property(Generic[T]):  # noqa: N801 - a lock-free functools.cached_property
    """Computed once per instance, then a plain attribute (functools' version takes a lock on every
    first access in Python 3.11, a measurable cost over 15,000 initiatives × 28 criteria)."""

    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


def doc_kinds(doc: Document) -> frozenset[str]:
    """The document kinds a file holds: its classification and the documents found inside it."""
    kinds = {doc.classification} if doc.classification else set()
    analysis = doc.analysis or {}
    cls = analysis.get("classification")
    if isinstance(cls, dict):
        if cls.get("kind"):
            kinds.add(cls["kind"])
        kinds.update(k for k in cls.get("contains") or () if isinstance(k, str))
    return frozenset(kinds)


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


class Facts:
    def __init__(self, ini: Initiative, thresholds: Thresholds, as_of: dt.date):
        self.ini = ini
        self.th = thresholds
        self.as_of = as_of
        self.bill: Bill = ini.bills[0]

    # ------------------------------------------------------------------ who and when

    @cached_property
    def initiator(self) -> str | None:
        value = self.bill.initiator if self.bill.initiator in KNOWN_INITIATORS else None
        if value is None and self.ini.initiator in KNOWN_INITIATORS:
            value = self.ini.initiator
        return value

    @cached_property
    def submitted_on(self) -> dt.date | None:
        return self.bill.submitted_on

    @cached_property
    def _votes(self) -> dict[str, Any]:
        first: list[dt.date] = []
        second: list[dt.date] = []
        both: list[dt.date] = []
        first_debate: list[dt.date] = []
        second_debate: list[dt.date] = []
        veto_rows: list[dt.date] = []
        for s in self.bill.stages:
            if s.date is None:
                continue
            c = s.classification or classify_stage(s.stage, s.event)
            if c == StageClass.FIRST_READING_PASSED:
                first.append(s.date)
            elif c == StageClass.SECOND_READING_PASSED:
                second.append(s.date)
            elif c == StageClass.BOTH_READINGS_PASSED:
                both.append(s.date)
            elif c in (StageClass.FIRST_READING_DEBATED, StageClass.FIRST_READING_SCHEDULED):
                first_debate.append(s.date)
            elif c in (StageClass.SECOND_READING_DEBATED, StageClass.SECOND_READING_SCHEDULED):
                second_debate.append(s.date)
            elif c == StageClass.VETO:
                veto_rows.append(s.date)
        return {"first": first, "second": second, "both": both, "first_debate": first_debate,
                "second_debate": second_debate, "veto": veto_rows}

    @cached_property
    def first_vote(self) -> dt.date | None:
        v = self._votes
        dates = v["first"] + v["both"]
        return min(dates) if dates else None

    @cached_property
    def second_vote(self) -> dt.date | None:
        """The first second vote (a re-vote after a veto is `revote`)."""
        v = self._votes
        dates = v["second"] + v["both"]
        return min(dates) if dates else None

    @cached_property
    def revote(self) -> dt.date | None:
        """A second vote after the first one (re-adoption after a veto)."""
        v = self._votes
        later = [d for d in v["second"] if self.second_vote and d > self.second_vote]
        return max(later) if later else None

    @cached_property
    def both_votes_one_sitting(self) -> bool | None:
        if self._votes["both"]:
            return True
        if self.first_vote and self.second_vote:
            return self.first_vote == self.second_vote
        return None

    @cached_property
    def first_plenary(self) -> dt.date | None:
        dates = self._votes["first_debate"] + self._votes["first"] + self._votes["both"]
        return min(dates) if dates else None

    @cached_property
    def second_plenary(self) -> dt.date | None:
        dates = [d for d in self._votes["second_debate"] if not self.first_vote or d >= self.first_vote]
        dates += self._votes["second"] + self._votes["both"]
        return min(dates) if dates else None

    @cached_property
    def adopted(self) -> bool:
        return self.bill.status == "adopted" or self.bill.adopted_on is not None

    @cached_property
    def adoption_date(self) -> dt.date | None:
        return self.bill.adopted_on or (self.second_vote if self.adopted else None)

    @cached_property
    def pending(self) -> bool:
        return self.bill.status in PENDING and not self.adopted

    @cached_property
    def proposals_deadline(self) -> dt.date | None:
        # parliament.bg fills L_act_proposal_date with the deadline (bill 167546: 2026-10-01, 7 days
        # after the first vote) and leaves L_act_proposal_date2 "0000-00-00"; when both are set the
        # later one is taken as the deadline (an extension) [inferred: the API does not document them].
        b = self.bill
        dates = [d for d in (b.proposals_deadline, b.proposals_date2) if d]
        return max(dates) if dates else None

    @cached_property
    def portfolio_exclusion(self) -> str | None:
        signature = Signature.parse(self.bill.signature)
        if signature is not None and signature.type_code == RATIFICATION_TYPE:
            return PortfolioExclusion.RATIFICATION
        return first_value(_EXCLUSIONS, self.bill.title or "", None)

    # ------------------------------------------------------------------ links

    @cached_property
    def _link_index(self) -> dict[tuple[str, int], Link]:
        index: dict[tuple[str, int], Link] = {}
        order = {"confirmed": 4, "proposed": 3, "review": 2, "rejected": 1}
        for link in self.ini.links:
            key = (link.target_type, link.target_id)
            if key not in index or order.get(link.status, 0) > order.get(index[key].status, 0):
                index[key] = link
        return index

    def link_status(self, target_type: str, target_id: int) -> str:
        link = self._link_index.get((target_type, target_id))
        return link.status if link else "given"

    @cached_property
    def consultations(self) -> list[tuple[Consultation, str]]:
        """Linked consultations with their link status (confirmed/proposed/given)."""
        out = []
        for c in self.ini.consultations:
            status = self.link_status("consultation", c.id)
            if status in LINKED:
                out.append((c, status))
        return out

    @cached_property
    def uncertain_consultations(self) -> list[Consultation]:
        return [c for c in self.ini.consultations if self.link_status("consultation", c.id) in UNCERTAIN]

    @cached_property
    def consultation(self) -> Consultation | None:
        """The consultation of the bill: the best-linked, then the latest opened before submission."""
        if not self.consultations:
            return None
        sub = self.submitted_on or dt.date.max

        def key(item: tuple[Consultation, str]) -> tuple:
            c, status = item
            opened = c.date_open or dt.date.min
            return (_STATUS_RANK.get(status, 0), opened <= sub, opened)

        return max(self.consultations, key=key)[0]

    @cached_property
    def consultation_days(self) -> int | None:
        c = self.consultation
        if c is None:
            return None
        if c.date_open and c.date_close:
            days = (c.date_close - c.date_open).days
            # Closed before it opened: the portal's dates are wrong and the length is unknown (a
            # negative count would read as "lasted only -1 day" and pull the medians down).
            return days if days >= 0 else None
        return c.duration_days

    @cached_property
    def council_acts(self) -> list[tuple[CouncilAct, str]]:
        out = []
        for a in self.ini.council_acts:
            status = self.link_status("council_act", a.id)
            if status in LINKED:
                out.append((a, status))
        return out

    @cached_property
    def decision(self) -> CouncilAct | None:
        """The Council of Ministers' decision approving the bill (the latest one not after submission)."""
        acts = [a for a, _ in self.council_acts if a.approves_bill] or [a for a, _ in self.council_acts]
        acts = [a for a in acts if a.doc_date]
        if not acts:
            return None
        sub = self.submitted_on or dt.date.max
        before = [a for a in acts if a.doc_date <= sub]
        return max(before or acts, key=lambda a: a.doc_date)

    @cached_property
    def decision_date(self) -> dt.date | None:
        return self.decision.doc_date if self.decision else None

    @cached_property
    def link_flags(self) -> list[Link]:
        return [l for l in self.ini.links if l.flag and l.status != "rejected"]

    # ------------------------------------------------------------------ documents

    @cached_property
    def bill_documents(self) -> list[Document]:
        ids = {b.id for b in self.ini.bills}
        return [d for d in self.ini.documents if d.owner_type == "bill" and d.owner_id in ids]

    @cached_property
    def bill_doc_kinds(self) -> dict[str, list[Document]]:
        out: dict[str, list[Document]] = {}
        for d in self.bill_documents:
            for k in doc_kinds(d):
                out.setdefault(k, []).append(d)
        return out

    @cached_property
    def bill_documents_classified(self) -> bool:
        """The bill's files were downloaded and classified, and all could be read: only then does a
        document missing from them count as absent (a scanned file may hold it unseen)."""
        # The chair's order (разпореждане) only routes the bill to committees: holding it alone
        # says nothing about which documents the bill came with.
        docs = [d for d in self.bill_documents if "order" not in doc_kinds(d)]
        if not docs or not any(doc_kinds(d) for d in docs):
            return False
        return not any(d.is_scanned or d.status == "error" or (d.analysis or {}).get("unreadable") for d in docs)

    def consultation_documents(self, c: Consultation) -> list[Document]:
        return [d for d in self.ini.documents if d.owner_type == "consultation" and d.owner_id == c.id]

    # ------------------------------------------------------------------ promulgated text

    @cached_property
    def act_text(self) -> ActText | None:
        by_bill = {a.bill_id: a for a in self.ini.act_texts}
        return by_bill.get(self.bill.id) or (self.ini.act_texts[0] if self.ini.act_texts else None)

    @cached_property
    def act_analysis(self) -> dict[str, Any] | None:
        a = self.act_text
        if a is None or not a.analysis or not a.analysis.get("available", True):
            return None
        return a.analysis

    @cached_property
    def promulgation_date(self) -> tuple[dt.date | None, str | None]:
        """(date, kind): the ДВ date when known, else the decree date printed in the text."""
        an = self.act_analysis or {}
        for key, kind in (("promulgation_date", "promulgation"), ("decree_date", "decree")):
            value = an.get(key)
            if value:
                try:
                    return dt.date.fromisoformat(value), kind
                except ValueError:
                    continue
        return None, None
