"""The linker in memory: bills, consultations and ПРИС decisions in, proposed links out.

Three stages, each a blocking → scoring → one-to-one assignment (candidates.py, score.py,
assignment.py):

1. Council of Ministers bills ↔ ПРИС decisions „за одобряване на законопроект“ dated
   0–30 days before the submission. Titles are often identical („ЗИД на Кодекса на труда“
   twice in one month), so the date weighs more here and only CoM bills take part.
2. Council of Ministers bills ↔ consultations of laws opened within the window before the
   bill's ПРИС decision (stage 1; the submission where none was found): a draft is consulted
   before the Council approves it, so its dates are measured from the approval. An explicit
   reference (the consultation's id or reg_num in the bill's documents) wins outright; then
   the ПРИС chain (the bill's decision names the consultation, or the consultation names the
   decision); then title matching.
3. MP bills ↔ law consultations that no CoM bill was assigned and no ПРИС decision names: a
   ministry's draft tabled by MPs (INIT-03). These links are flagged and are not the bill's
   own consultation. Only plausible pairs are kept (the bill came after the consultation
   closed, within months, with the draft's operation); a title match is proposed only when
   it is clear (settings.mp_propose_clear), else it goes to review with its doubts named.

Nothing here touches the database; build.py loads the records and writes the result.
"""
from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from linking.assignment import Choice, assign
from linking.explain import EITHER_WAY_FLAG, decisive, either_way
from linking.candidates import PairSet, StemEncoder, title_pairs
from linking.institutions import topic_mask, topics
from linking.normalise import NormalTitle, clean_text, normalise_title
from linking.score import SAME_OPERATION, Features, score_pairs
from linking.settings import DEFAULT_SETTINGS, LinkSettings

MP_FLAG = "mp_bill_matches_ministry_draft"
CONSULTATION, COUNCIL_ACT, BILL = "consultation", "council_act", "bill"
RANK_TITLE, RANK_CHAIN, RANK_EXPLICIT = 1, 2, 3
METHOD_BY_RANK = {RANK_TITLE: "title_match", RANK_CHAIN: "pris_chain", RANK_EXPLICIT: "explicit"}
TEXT_METHOD = "text_match"  # a title match the texts' similarity decided
STATED_PERIOD_METHOD = "stated_period"  # the bill's documents state the consultation's dates
SIG_CHUNK = 200_000  # pairs compared at once (a chunk's equality matrix is SIG_CHUNK × NUM_PERM bytes)
DEFAULT_CLOSE_DAYS = 30  # a consultation without a closing date is taken to run the usual 30 days
COUNCIL_CODE, MP_CODE = "02", "54"  # importer classes in parliament.bg signatures


@dataclass(frozen=True)
class Statement:
    """What a bill's documents say about its consultation (texts.documents.consultation_refs):
    the sentence as written, the period it states and the consultation it names, if any."""

    sentence: str
    date_open: dt.date | None = None
    date_close: dt.date | None = None
    consultation_id: int | None = None


@dataclass(frozen=True)
class BillIn:
    id: int
    title: str
    submitted_on: dt.date | None
    initiator: str | None  # council_of_ministers | mps | committee | mixed | unknown
    signature: str = ""
    lead_committee: str | None = None
    explicit_consultations: tuple[int, ...] = ()  # consultation ids referenced in its documents
    merge_group: int | None = None  # the primary bill of its group of merged bills (its own id if not merged)
    statements: tuple[Statement, ...] = ()  # its documents' sentences on its consultation
    text_sig: bytes | None = None  # MinHash signature of its text (crawlers/documents/signature.py)


@dataclass(frozen=True)
class ConsultationIn:
    id: int
    reg_num: str
    title: str
    act_type: str | None = None
    law_name: str | None = None
    institution_name: str | None = None
    date_open: dt.date | None = None
    date_close: dt.date | None = None
    pris_id: int | None = None
    text_sig: bytes | None = None  # MinHash signature of its draft act („Проект на акт“)


@dataclass(frozen=True)
class DecisionIn:
    id: int
    doc_date: dt.date | None
    title: str  # the bill title between the slashes, or the whole `about`
    importer: str | None = None
    public_consultation_number: str | None = None
    approves_bill: bool = False


@dataclass
class Fixed:
    """What the run must respect: staff decisions and links of bills not re-linked now."""

    confirmed: dict[tuple[int, str], int] = field(default_factory=dict)  # (bill, target_type) -> target
    rejected: set[tuple[int, str, int]] = field(default_factory=set)
    taken_by_com: dict[str, set[int]] = field(default_factory=dict)  # target_type -> targets
    taken_by_mp: set[int] = field(default_factory=set)  # consultations
    active: set[int] | None = None  # bills to (re)link; None = all


@dataclass
class Proposal:
    bill_id: int
    target_type: str
    target_id: int
    method: str
    score: float
    margin: float | None
    status: str  # proposed | review
    flag: str | None
    evidence: dict[str, Any]

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.bill_id, self.target_type, self.target_id)


def importer_code(signature: str | None) -> str | None:
    """„52-602-01-43“ → „02“, „502-01-81“ → „02“ (research/parliament_api.md §5)."""
    parts = (signature or "").strip().split("-")
    head = parts[1] if len(parts) == 4 else parts[0] if len(parts) == 3 else ""
    return head[1:] if len(head) == 3 and head.isdigit() else None


def bill_class(bill: BillIn) -> str | None:
    """"com" for Council of Ministers bills (a mixed one has the CoM among its importers),
    "mp" for MPs' bills, None for committee bills and the unknown."""
    if bill.initiator in ("council_of_ministers", "mixed"):
        return "com"
    if bill.initiator == "mps":
        return "mp"
    if bill.initiator in (None, "", "unknown"):
        code = importer_code(bill.signature)
        return "com" if code == COUNCIL_CODE else "mp" if code == MP_CODE else None
    return None


def reg_num_key(value: str | None) -> str | None:
    """„12447-К“ (Cyrillic К), „12447 - k“ → „12447-K“."""
    if not value:
        return None
    digits = "".join(ch for ch in value if ch.isdigit())
    return f"{int(digits)}-K" if digits else None


def consultation_title(c: ConsultationIn) -> NormalTitle | None:
    """The consultation's title taken apart, if it drafts a law; the portal's `law_name`
    stands in when the title says nothing usable but the act type is „Закон“."""
    t = normalise_title(c.title)
    if t.is_law and t.kind != "other":
        return t
    if (c.act_type or "").strip().lower() == "закон" and c.law_name:
        return normalise_title(f"Закон за изменение и допълнение на {c.law_name}")
    return None


def portal_law_title(law_name: str | None) -> NormalTitle | None:
    """The law a consultation concerns as the portal files it (`law_name`, nominative: „Закон за
    …“, „Наказателно-процесуален кодекс“), or None where it names none (empty, or the bare
    „Закон“ seen in the real report)."""
    if not law_name:
        return None
    t = normalise_title(f"Закон за изменение и допълнение на {law_name}")
    return t if t.kind == "amend" and t.law_key else None


def decision_title(d: DecisionIn) -> NormalTitle | None:
    if not (d.approves_bill or "законопроект" in clean_text(d.title)):
        return None
    t = normalise_title(d.title)
    return t if t.is_law and t.kind != "other" else None


def _days(values: Iterable[dt.date | None]) -> np.ndarray:
    return np.fromiter((v.toordinal() if v else -1 for v in values), dtype=np.int64)


def _r(x: float | None, nd: int = 1) -> float | None:
    return None if x is None else round(float(x), nd)


class _Stage:
    """Candidates of one stage as parallel arrays: the fuzzy pairs, then explicit ones."""

    def __init__(self, pairs: PairSet, feats: Features):
        self.pairs, self.feats = pairs, feats
        self._extra: list[tuple[int, int, float, int, dict[str, Any]]] = []
        self.extra: dict[int, dict[str, Any]] = {}  # candidate index -> evidence of non-fuzzy ones
        self.ref_days: np.ndarray | None = None  # per bill: the day its targets' dates are measured from

    def add(self, bill: int, target: int, score: float, rank: int, evidence: dict[str, Any]) -> None:
        self._extra.append((bill, target, score, rank, evidence))

    def keep(self, mask: np.ndarray) -> None:
        """Drop fuzzy candidates (before `finish`)."""
        idx = np.nonzero(mask)[0]
        p, f = self.pairs, self.feats
        self.pairs = PairSet(p.left[idx], p.right[idx], p.law[idx], p.char[idx], p.stem[idx])
        self.feats = Features(*(getattr(f, name)[idx] for name in Features.__dataclass_fields__))

    def finish(self) -> None:
        n = len(self.pairs)
        xb = np.fromiter((e[0] for e in self._extra), dtype=np.int64, count=len(self._extra))
        xt = np.fromiter((e[1] for e in self._extra), dtype=np.int64, count=len(self._extra))
        xs = np.fromiter((e[2] for e in self._extra), dtype=np.float64, count=len(self._extra))
        xr = np.fromiter((e[3] for e in self._extra), dtype=np.int64, count=len(self._extra))
        self.bill = np.concatenate([self.pairs.left, xb])
        self.target = np.concatenate([self.pairs.right, xt])
        self.score = np.concatenate([self.feats.score, xs])
        self.rank = np.concatenate([np.full(n, RANK_TITLE, np.int64), xr])
        self.extra = {n + i: e[4] for i, e in enumerate(self._extra)}


class Linker:
    """One linking pass over loaded records (see module docstring)."""

    def __init__(
        self,
        bills: Sequence[BillIn],
        consultations: Sequence[ConsultationIn],
        decisions: Sequence[DecisionIn],
        settings: LinkSettings = DEFAULT_SETTINGS,
        fixed: Fixed | None = None,
        progress: Callable[[str], None] | None = None,
    ):
        self.bills, self.consultations, self.decisions = list(bills), list(consultations), list(decisions)
        self.s = settings
        self.fixed = fixed or Fixed()
        self.progress = progress or (lambda _phase: None)
        self.encoder = StemEncoder(settings.generic_stem_weight)
        self.bill_ids = np.fromiter((b.id for b in self.bills), dtype=np.int64, count=len(self.bills))
        self.cons_ids = np.fromiter((c.id for c in self.consultations), dtype=np.int64, count=len(self.consultations))
        self.dec_ids = np.fromiter((d.id for d in self.decisions), dtype=np.int64, count=len(self.decisions))
        self.cons_index = {c.id: i for i, c in enumerate(self.consultations)}
        self.cons_by_reg = {reg_num_key(c.reg_num): i for i, c in enumerate(self.consultations)}
        self.dec_index = {d.id: i for i, d in enumerate(self.decisions)}
        self.com_assigned: set[int] = set()  # consultations the CoM stage assigned to a government bill

    # ------------------------------------------------------------------ preparation

    def _prepare(self) -> None:
        self.progress("normalising titles")
        active = self.fixed.active
        self.cls = [bill_class(b) if (active is None or b.id in active) else None for b in self.bills]
        self.btitles = [normalise_title(b.title) for b in self.bills]
        self.bdays = _days(b.submitted_on for b in self.bills)
        self.bmasks = np.fromiter((topic_mask(b.lead_committee) for b in self.bills), dtype=np.int64, count=len(self.bills))
        self.ctitles = [consultation_title(c) for c in self.consultations]
        self.cdays = _days(c.date_open for c in self.consultations)
        close = _days(c.date_close for c in self.consultations)
        self.cclose = np.where(close >= 0, close, np.where(self.cdays >= 0, self.cdays + DEFAULT_CLOSE_DAYS, -1))
        self.cmasks = np.fromiter((topic_mask(c.institution_name) for c in self.consultations), dtype=np.int64,
                                  count=len(self.consultations))
        self.craw_close = close
        self.bsig, self.bhas = _sig_matrix([b.text_sig for b in self.bills])
        self.csig, self.chas = _sig_matrix([c.text_sig for c in self.consultations])
        if self.bsig.shape[1] != self.csig.shape[1]:  # signatures of another NUM_PERM: not comparable
            self.bhas = np.zeros(len(self.bills), dtype=bool)
        self.by_open: dict[int, list[int]] = {}
        self.by_close: dict[int, list[int]] = {}
        for ci, (o, c) in enumerate(zip(self.cdays.tolist(), close.tolist())):
            if o >= 0:
                self.by_open.setdefault(o, []).append(ci)
            if c >= 0:
                self.by_close.setdefault(c, []).append(ci)
        self.dtitles = [decision_title(d) for d in self.decisions]
        self.ddays = _days(d.doc_date for d in self.decisions)
        self.dmasks = np.fromiter((topic_mask(d.importer) for d in self.decisions), dtype=np.int64, count=len(self.decisions))

    # ------------------------------------------------------------------ helpers

    def _text_sim(self, li: np.ndarray, ri: np.ndarray) -> np.ndarray:
        """Similarity of bill li[k]'s text and consultation ri[k]'s draft (NaN: unknown)."""
        out = np.full(len(li), np.nan)
        idx = np.nonzero(self.bhas[li] & self.chas[ri])[0]
        for start in range(0, len(idx), SIG_CHUNK):
            k = idx[start:start + SIG_CHUNK]
            out[k] = (self.bsig[li[k]] == self.csig[ri[k]]).mean(axis=1)
        return out

    def _pair_text(self, bi: int, ci: int) -> float | None:
        v = float(self._text_sim(np.array([bi]), np.array([ci]))[0])
        return None if np.isnan(v) else round(v, 2)

    def _left(self, cls: str, target_type: str) -> list[NormalTitle | None]:
        """Titles of the bills of a class still to be linked to this kind of target."""
        out: list[NormalTitle | None] = []
        for b, c, t in zip(self.bills, self.cls, self.btitles):
            out.append(t if c == cls and (b.id, target_type) not in self.fixed.confirmed else None)
        return out

    def _drop_rejected(self, stage: _Stage, target_type: str, target_ids: np.ndarray) -> None:
        rejected = {(b, t) for b, tt, t in self.fixed.rejected if tt == target_type}
        if not rejected or not len(stage.pairs):
            return
        rb = np.fromiter((b for b, _ in rejected), dtype=np.int64)
        maybe = np.isin(self.bill_ids[stage.pairs.left], rb)
        mask = np.ones(len(stage.pairs), dtype=bool)
        for k in np.nonzero(maybe)[0]:
            if (int(self.bill_ids[stage.pairs.left[k]]), int(target_ids[stage.pairs.right[k]])) in rejected:
                mask[k] = False
        stage.keep(mask)

    def _law_similarity(self, a: NormalTitle | None, b: NormalTitle | None) -> float:
        if a is None or b is None:
            return 0.0
        char = fuzz.ratio(a.law_key, b.law_key)
        stem = fuzz.ratio(self.encoder.encode(a.law_key), self.encoder.encode(b.law_key))
        return float(min(char, stem))

    def _evidence(self, stage: _Stage, k: int, bill: NormalTitle, target: NormalTitle | None,
                  target_mask: int) -> dict[str, Any]:
        ev: dict[str, Any] = {
            "bill_law": bill.law_name,
            "target_law": target.law_name if target is not None else None,
            "kind": bill.kind,
        }
        if k in stage.extra:
            ev.update(stage.extra[k])
            return ev
        f = stage.feats
        assert f is not None
        ev.update({
            "law_similarity": _r(f.law[k]), "char_similarity": _r(f.char[k]), "stem_similarity": _r(f.stem[k]),
            "rest_similarity": _r(f.rest[k]), "operation_score": _r(f.operation[k]),
            "date_score": _r(f.date[k]), "gap_days": int(f.gap_days[k]),
            "institution_score": _r(f.institution[k]),
        })
        if not np.isnan(f.text[k]):
            ev["text_similarity"] = _r(f.text[k], 2)
        if bill.operation or (target is not None and target.operation):
            ev["operations"] = [bill.operation, target.operation if target is not None else ""]
        bi = int(stage.bill[k])
        if stage.ref_days is not None and stage.ref_days[bi] != self.bdays[bi]:
            ev["gap_from"] = "council_act"  # days from the consultation's close to the bill's ПРИС decision
        bmask = int(self.bmasks[bi])
        if bmask or target_mask:
            ev["topics"] = {"bill": topics(bmask), "target": topics(target_mask)}
        return ev

    def _proposals(self, stage: _Stage, choices: list[Choice], target_type: str, target_ids: np.ndarray,
                   target_titles: Sequence[NormalTitle | None], target_masks: np.ndarray,
                   flag: str | None = None, extra: Callable[[int], dict[str, Any]] | None = None) -> list[Proposal]:
        out: list[Proposal] = []
        chosen_bills = {int(stage.bill[c.pair]) for c in choices}
        for c in choices:
            k = c.pair
            bi, ti = int(stage.bill[k]), int(stage.target[k])
            ev = self._evidence(stage, k, self.btitles[bi], target_titles[ti], int(target_masks[ti]))
            if extra:
                ev.update(extra(ti))
            rank = int(stage.rank[k])
            status = c.status
            method = _method(rank, ev, self.s)
            if rank == RANK_EXPLICIT and ev.get("law_similarity", 100.0) < self.s.explicit_min_law:
                status = "review"
            if c.runner_up is not None:
                j = c.runner_up
                ev["runner_up"] = {"bill_id": int(self.bill_ids[stage.bill[j]]), "target_id": int(target_ids[stage.target[j]]),
                                   "score": _r(stage.score[j], 2)}
            out.append(Proposal(int(self.bill_ids[bi]), target_type, int(target_ids[ti]), method,
                                round(float(stage.score[k]), 2), _r(c.margin, 2), status, flag, ev))
            # An ambiguous choice: the competitor goes to review too, so staff see both.
            if status == "review" and c.runner_up is not None and c.margin is not None and c.margin < self._min_margin(target_type):
                j = c.runner_up
                bj, tj = int(stage.bill[j]), int(stage.target[j])
                if bj != bi and bj in chosen_bills:
                    continue
                ev_j = self._evidence(stage, j, self.btitles[bj], target_titles[tj], int(target_masks[tj]))
                if extra:
                    ev_j.update(extra(tj))
                ev_j["runner_up_of"] = {"bill_id": int(self.bill_ids[bi]), "target_id": int(target_ids[ti]),
                                        "score": _r(stage.score[k], 2)}
                out.append(Proposal(int(self.bill_ids[bj]), target_type, int(target_ids[tj]),
                                    _method(int(stage.rank[j]), ev_j, self.s), round(float(stage.score[j]), 2),
                                    _r(float(stage.score[j] - stage.score[k]), 2), "review", flag, ev_j))
        return _dedupe(out)

    def _min_margin(self, target_type: str) -> float:
        return (self.s.decision if target_type == COUNCIL_ACT else self.s.consultation).min_margin

    def _taken(self, target_type: str, ids: np.ndarray) -> set[int]:
        """Indices of targets held by bills not being re-linked, or confirmed by staff."""
        held = set(self.fixed.taken_by_com.get(target_type, set()))
        held |= {t for (_b, tt), t in self.fixed.confirmed.items() if tt == target_type}
        index = self.dec_index if target_type == COUNCIL_ACT else self.cons_index
        return {index[t] for t in held if t in index}

    def _settled(self, target_type: str) -> set[int]:
        index = {int(b): i for i, b in enumerate(self.bill_ids.tolist())}
        return {index[b] for (b, tt) in self.fixed.confirmed if tt == target_type and b in index}

    # ------------------------------------------------------------------ stages

    def _decisions(self) -> list[Proposal]:
        self.progress("matching bills to ПРИС decisions")
        left = self._left("com", COUNCIL_ACT)
        pairs = title_pairs(left, self.bdays, self.dtitles, self.ddays, min_delta=0,
                            max_delta=self.s.pris_window_days, settings=self.s, encoder=self.encoder)
        gap = self.bdays[pairs.left] - self.ddays[pairs.right]
        feats = score_pairs(pairs, self.btitles, self.dtitles, gap, self.bmasks, self.dmasks, self.s.decision, self.s)
        stage = _Stage(pairs, feats)
        self._drop_rejected(stage, COUNCIL_ACT, self.dec_ids)
        stage.finish()
        choices = assign(stage.bill, stage.target, stage.score, stage.rank, self.s.decision,
                         settled_bills=self._settled(COUNCIL_ACT), taken_targets=self._taken(COUNCIL_ACT, self.dec_ids))
        return self._proposals(stage, choices, COUNCIL_ACT, self.dec_ids, self.dtitles, self.dmasks,
                               extra=self._decision_extra)

    def _decision_extra(self, ti: int) -> dict[str, Any]:
        d = self.decisions[ti]
        return {"decision_date": d.doc_date.isoformat() if d.doc_date else None}

    def _consultation_candidates(self, cls: str, usable: np.ndarray, ref_days: np.ndarray | None = None) -> _Stage:
        """Title-matched candidates. `ref_days` is each bill's reference day: the date of its
        ПРИС decision where known (a draft is consulted before the Council of Ministers
        approves it), else its submission."""
        ref = self.bdays if ref_days is None else ref_days
        left = self._left(cls, CONSULTATION)
        right = [t if usable[i] else None for i, t in enumerate(self.ctitles)]
        pairs = title_pairs(left, ref, right, self.cdays, min_delta=0, max_delta=self.s.window_days,
                            settings=self.s, encoder=self.encoder)
        gap = ref[pairs.left] - self.cclose[pairs.right]
        feats = score_pairs(pairs, self.btitles, self.ctitles, gap, self.bmasks, self.cmasks, self.s.consultation,
                            self.s, open_at_submission=gap < 0, text=self._text_sim(pairs.left, pairs.right))
        stage = _Stage(pairs, feats)
        stage.ref_days = ref
        self._drop_rejected(stage, CONSULTATION, self.cons_ids)
        return stage

    def _add_explicit(self, stage: _Stage, cls: str) -> None:
        rejected = self.fixed.rejected
        for bi, b in enumerate(self.bills):
            if self.cls[bi] != cls or not b.explicit_consultations or (b.id, CONSULTATION) in self.fixed.confirmed:
                continue
            for cid in sorted(set(b.explicit_consultations)):
                ci = self.cons_index.get(cid)
                if ci is None or (b.id, CONSULTATION, cid) in rejected:
                    continue
                law = self._law_similarity(self.btitles[bi], self.ctitles[ci] or normalise_title(self.consultations[ci].title))
                ev: dict[str, Any] = {"reference": "bill_documents", "law_similarity": _r(law),
                                      "text_similarity": self._pair_text(bi, ci)}
                sentence = next((st.sentence for st in b.statements if st.consultation_id == cid), None)
                if sentence:
                    ev["sentence"] = sentence
                stage.add(bi, ci, 100.0, RANK_EXPLICIT, ev)

    def _same_law(self, bi: int, bill_id: int, cis: list[int]) -> list[tuple[int, float]]:
        """The consultations among `cis` that draft the bill's law (and staff did not reject),
        with the law names' similarity: a draft of another act consulted on the same days
        (an ordinance, another law) is not the bill's."""
        out = []
        for ci in cis:
            ct = self.ctitles[ci]
            if ct is None or (bill_id, CONSULTATION, int(self.cons_ids[ci])) in self.fixed.rejected:
                continue
            law = self._law_similarity(self.btitles[bi], ct)
            if law >= self.s.law_min:
                out.append((ci, law))
        return out

    def _add_stated(self, stage: _Stage, cls: str) -> None:
        """The consultation whose period the bill's documents state (settings: a stated period
        that is one consultation's dates is near-proof; one date off by days is strong)."""
        tol = self.s.stated_period_tolerance_days
        for bi, b in enumerate(self.bills):
            if self.cls[bi] != cls or not b.statements or (b.id, CONSULTATION) in self.fixed.confirmed:
                continue
            for st in b.statements:
                if st.date_open is None or st.date_close is None:
                    continue
                o, c = st.date_open.toordinal(), st.date_close.toordinal()
                exact = self._same_law(bi, b.id, [ci for ci in self.by_open.get(o, []) if self.craw_close[ci] == c])
                found = exact or self._same_law(bi, b.id, list(dict.fromkeys(
                    [ci for ci in self.by_open.get(o, []) if abs(int(self.craw_close[ci]) - c) <= tol]
                    + [ci for ci in self.by_close.get(c, []) if abs(int(self.cdays[ci]) - o) <= tol])))
                for ci, law in found:
                    text = self._pair_text(bi, ci)
                    ev = {"reference": "stated_period", "method": STATED_PERIOD_METHOD, "sentence": st.sentence,
                          "stated_period": [st.date_open.isoformat(), st.date_close.isoformat()],
                          "exact": bool(exact), "law_similarity": _r(law), "text_similarity": text}
                    if exact and len(found) == 1:
                        stage.add(bi, ci, 100.0, RANK_EXPLICIT, ev)
                        continue
                    # Several drafts of the law on those days, or dates off by days: strong, not proof;
                    # the texts (where known) and the title decide between them.
                    score = 90.0 if exact else 86.0
                    if text is not None:
                        score = score + 8.0 if text >= self.s.text_same else score - self.s.text_other_penalty if text < self.s.text_other else score
                    stage.add(bi, ci, score, RANK_CHAIN, ev)

    def _consultations_com(self, decision_props: list[Proposal]) -> list[Proposal]:
        self.progress("matching government bills to consultations")
        usable = np.array([t is not None for t in self.ctitles], dtype=bool)
        decided = {(p.bill_id): (p.target_id, p.score) for p in decision_props if p.status == "proposed"}
        decided.update({b: (t, 100.0) for (b, tt), t in self.fixed.confirmed.items() if tt == COUNCIL_ACT})
        bill_index = {int(b): i for i, b in enumerate(self.bill_ids.tolist())}
        # A bill's drafts are dated from its decision (a proposed or confirmed one only: of two
        # ambiguous decisions neither date is known to be the bill's).
        ref_days = self.bdays.copy()
        for bid, (did, _score) in decided.items():
            bi, di = bill_index.get(bid), self.dec_index.get(did)
            if bi is not None and di is not None and self.ddays[di] >= 0:
                ref_days[bi] = self.ddays[di] if self.bdays[bi] < 0 else min(self.ddays[di], self.bdays[bi])
        stage = self._consultation_candidates("com", usable, ref_days)
        self._add_explicit(stage, "com")
        self._add_stated(stage, "com")
        # The ПРИС chain: the bill's decision names the consultation (public_consultation_number)
        # or the consultation names the decision (pris_id).
        by_pris: dict[int, list[int]] = {}
        for ci, c in enumerate(self.consultations):
            if c.pris_id:
                by_pris.setdefault(int(c.pris_id), []).append(ci)
        for bid, (did, dscore) in sorted(decided.items()):
            bi = bill_index.get(bid)
            di = self.dec_index.get(did)
            if bi is None or di is None or self.cls[bi] != "com" or (bid, CONSULTATION) in self.fixed.confirmed:
                continue
            d = self.decisions[di]
            linked = list(by_pris.get(did, []))
            via = "consultation.pris_id"
            ci = self.cons_by_reg.get(reg_num_key(d.public_consultation_number))
            if ci is not None:
                linked.insert(0, ci)
                via = "decision.public_consultation_number"
            for ci in dict.fromkeys(linked):
                cid = int(self.cons_ids[ci])
                if (bid, CONSULTATION, cid) in self.fixed.rejected:
                    continue
                law = self._law_similarity(self.btitles[bi], self.ctitles[ci])
                stage.add(bi, ci, dscore, RANK_CHAIN, {"reference": via, "council_act_id": did, "law_similarity": _r(law)})
        stage.finish()
        choices = assign(stage.bill, stage.target, stage.score, stage.rank, self.s.consultation,
                         settled_bills=self._settled(CONSULTATION), taken_targets=self._taken(CONSULTATION, self.cons_ids))
        # The drafts the one-to-one assignment gave a government bill (proposed or in review).
        self.com_assigned = {int(self.cons_ids[stage.target[c.pair]]) for c in choices}
        return self._proposals(stage, choices, CONSULTATION, self.cons_ids, self.ctitles, self.cmasks,
                               extra=self._consultation_extra)

    def _consultation_extra(self, ci: int) -> dict[str, Any]:
        c = self.consultations[ci]
        return {"reg_num": c.reg_num, "date_open": c.date_open.isoformat() if c.date_open else None,
                "date_close": c.date_close.isoformat() if c.date_close else None}

    def _consultations_mp(self, com_props: list[Proposal]) -> list[Proposal]:
        self.progress("matching MP bills to ministries' drafts (INIT-03)")
        # Drafts the Council of Ministers took are not candidates: those the one-to-one
        # assignment gave a government bill (a runner-up in review only was not given; it stays
        # a candidate, with that doubt), those staff linked, and those a ПРИС act names.
        used = set(self.com_assigned) | set(self.fixed.taken_by_com.get(CONSULTATION, set())) | self.fixed.taken_by_mp
        used |= {t for (_b, tt), t in self.fixed.confirmed.items() if tt == CONSULTATION}
        approved = {reg_num_key(d.public_consultation_number) for d in self.decisions if d.public_consultation_number}
        usable = np.array([
            t is not None and int(self.cons_ids[i]) not in used and not c.pris_id and reg_num_key(c.reg_num) not in approved
            for i, (c, t) in enumerate(zip(self.consultations, self.ctitles))
        ], dtype=bool)
        stage = self._consultation_candidates("mp", usable)
        # Plausible only: tabled after the consultation closed (a draft still under consultation
        # was not yet the ministry's text to hand over), within months, and with the draft's
        # operation (a copy is tabled as the draft was titled; „за изменение и допълнение“ vs
        # „за изменение“ on the same law is what MPs and ministries write independently all the
        # time). score.operation_scores gives 100 to the same operation only.
        # A text that copies the draft (settings.mp_text_copy) is a candidate whatever the titles'
        # operations and up to the window; a text known to differ is none.
        f = stage.feats
        text = np.nan_to_num(f.text, nan=-1.0)
        copied = text >= self.s.mp_text_copy
        differs = (text >= 0) & (text < self.s.text_other)
        titled = (f.gap_days <= self.s.mp_review_days) & (f.operation >= SAME_OPERATION)
        stage.keep((f.gap_days >= 0) & (titled | copied) & ~differs)
        self._add_explicit(stage, "mp")
        self._add_stated(stage, "mp")
        stage.finish()
        choices = assign(stage.bill, stage.target, stage.score, stage.rank, self.s.consultation,
                         settled_bills=self._settled(CONSULTATION))

        def extra(ci: int) -> dict[str, Any]:
            c = self.consultations[ci]
            return {**self._consultation_extra(ci), "init03": {
                "ministry": c.institution_name,
                "why": "an MP bill on the law of a ministry's consulted draft that no Council of Ministers "
                       "bill or ПРИС decision took; not the bill's own consultation",
            }}

        props = self._proposals(stage, choices, CONSULTATION, self.cons_ids, self.ctitles, self.cmasks,
                                flag=MP_FLAG, extra=extra)
        self._judge_mp(props, claimed={p.target_id for p in com_props})
        return props

    def _judge_mp(self, props: list[Proposal], claimed: set[int]) -> None:
        """Keep a title match proposed only when it is clear (settings.mp_propose_clear); name
        the doubts of the others in their evidence and send them to review."""
        titled = [p for p in props if p.method in (METHOD_BY_RANK[RANK_TITLE], TEXT_METHOD)]
        if not titled:
            return
        bill_index = {int(b): i for i, b in enumerate(self.bill_ids.tolist())}
        activity = self._law_activity(sorted({bill_index[p.bill_id] for p in titled}))
        gov_groups = {b.merge_group for b in self.bills if b.merge_group is not None and bill_class(b) == "com"}
        horizon = self._quiet_days()
        dated = self.bdays[self.bdays >= 0]
        record_start = int(dated.min()) if len(dated) else 0
        for p in titled:
            bi, ci = bill_index[p.bill_id], self.cons_index[p.target_id]
            bt, ct, c = self.btitles[bi], self.ctitles[ci], self.consultations[ci]
            doubts: list[str] = []
            # The assignment's own reasons for review (assignment._status, _proposals).
            if p.score < self.s.consultation.accept:
                doubts.append("low_score")
            if "runner_up_of" in p.evidence or (p.margin is not None and p.margin < self.s.consultation.min_margin):
                doubts.append("competing_match")
            if ct is None or (bt.kind, bt.law_key, bt.operation, bt.rest_key) != (ct.kind, ct.law_key, ct.operation, ct.rest_key):
                doubts.append("titles_differ")
            portal = portal_law_title(c.law_name)
            if portal is not None and self._law_similarity(bt, portal) < self.s.law_min:
                doubts.append("portal_law_name_differs")  # the draft's law as the portal files it
            if p.evidence.get("gap_days", 0) > self.s.mp_clear_days:
                doubts.append("long_after_consultation")
            if p.target_id in claimed:
                doubts.append("government_bill_candidate")
            if self.bills[bi].merge_group is not None and self.bills[bi].merge_group in gov_groups:
                doubts.append("merged_with_government_bill")
            bills, drafts, acts = activity[bi]
            others = {"months": self.s.mp_quiet_months,
                      "bills": sorted(int(self.bill_ids[j]) for j in bills if j != bi)[:10],
                      "consultations": sorted(self.consultations[j].reg_num for j in drafts if j != ci)[:10],
                      "council_acts": sorted(int(self.dec_ids[j]) for j in acts)[:10]}
            if others["bills"] or others["consultations"] or others["council_acts"]:
                doubts.append("law_not_quiet")
            elif self.bdays[bi] - horizon < record_start:
                # Nothing on the law before the bill, but the bills on record do not reach back
                # that far (the crawl started later): quiet is not known.
                doubts.append("record_too_short")
            if not self.s.mp_propose_clear:
                doubts.append("title_matches_not_proposed")
            if (p.evidence.get("text_similarity") or 0.0) >= self.s.mp_text_copy:
                # The texts show the copy: the title's coincidences no longer cast doubt on it.
                doubts = [d for d in doubts if d not in COINCIDENCE_DOUBTS]
            if p.status == "proposed" and doubts:
                p.status = "review"
            init03 = p.evidence.setdefault("init03", {})
            init03.update({"clear": p.status == "proposed", "doubts": doubts, "law_activity_before": others})

    def _quiet_days(self) -> int:
        return round(self.s.mp_quiet_months * 365.25 / 12)

    def _law_activity(self, bill_indices: list[int]) -> dict[int, tuple[list[int], list[int], list[int]]]:
        """For each bill: the bills, consulted drafts and ПРИС approvals on its law dated within
        `mp_quiet_months` before it (the bill itself included), by the blocking of title_pairs."""
        want = set(bill_indices)
        left = [t if i in want else None for i, t in enumerate(self.btitles)]
        horizon = self._quiet_days()
        out: dict[int, tuple[list[int], list[int], list[int]]] = {i: ([], [], []) for i in want}
        for kind, right, days in ((0, self.btitles, self.bdays), (1, self.ctitles, self.cdays), (2, self.dtitles, self.ddays)):
            pairs = title_pairs(left, self.bdays, right, days, min_delta=0, max_delta=horizon, settings=self.s,
                                encoder=self.encoder)
            for li, ri in zip(pairs.left.tolist(), pairs.right.tolist()):
                out[li][kind].append(ri)
        return out

    def run(self) -> list[Proposal]:
        self._prepare()
        decisions = self._decisions()
        com = self._consultations_com(decisions)
        self._flag_either_way(com)
        mp = self._consultations_mp(com) if self.s.link_mp_bills else []
        out = decisions + com + mp
        for p in out:
            p.evidence["decisive"] = decisive(p.method, p.target_type, p.evidence)
        return out

    def _flag_either_way(self, com: list[Proposal]) -> None:
        """A government bill's only consultation candidate, in review because it was still open
        when the Council of Ministers approved the bill (or it was submitted): confirmed it is a
        CONS-07 FAIL, rejected a CONS-01 FAIL — flagged for staff (explain.EITHER_WAY_FLAG)."""
        settled = {p.bill_id for p in com if p.status == "proposed"}
        settled |= {b for (b, tt) in self.fixed.confirmed if tt == CONSULTATION}
        for p in com:
            if p.status == "review" and p.flag is None and p.bill_id not in settled and p.evidence.get("gap_days", 0) < 0:
                p.flag = EITHER_WAY_FLAG
                p.evidence["either_way"] = either_way(p.evidence)


# Doubts about an MP title match that only say the same title may be a coincidence.
COINCIDENCE_DOUBTS = frozenset({"low_score", "titles_differ", "portal_law_name_differs", "long_after_consultation",
                                "law_not_quiet", "record_too_short", "title_matches_not_proposed"})


def _method(rank: int, evidence: dict[str, Any], settings: LinkSettings) -> str:
    """How the link was found: the rank's method, the stated period, or the texts."""
    if "method" in evidence:
        return str(evidence.pop("method"))
    if rank == RANK_TITLE and (evidence.get("text_similarity") or 0.0) >= settings.text_same:
        return TEXT_METHOD
    return METHOD_BY_RANK[rank]


def _sig_matrix(sigs: Sequence[bytes | None]) -> tuple[np.ndarray, np.ndarray]:
    """Signatures as a matrix (one row each) and which rows hold one."""
    width = next((len(x) // 4 for x in sigs if x), 1)
    m = np.zeros((len(sigs), width), dtype=np.uint32)
    has = np.zeros(len(sigs), dtype=bool)
    for i, x in enumerate(sigs):
        if x and len(x) == width * 4:
            m[i] = np.frombuffer(x, dtype="<u4")
            has[i] = True
    return m, has


def _dedupe(props: list[Proposal]) -> list[Proposal]:
    """One proposal per (bill, target): a chosen pair wins over the same pair as a runner-up."""
    seen: dict[tuple[int, str, int], Proposal] = {}
    for p in props:
        if p.key not in seen or (seen[p.key].status == "review" and p.status == "proposed"):
            seen[p.key] = p
    return list(seen.values())


def propose(
    bills: Sequence[BillIn],
    consultations: Sequence[ConsultationIn],
    decisions: Sequence[DecisionIn],
    settings: LinkSettings = DEFAULT_SETTINGS,
    fixed: Fixed | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Proposal]:
    """Proposed links for the bills (all, or `fixed.active`), see the module docstring."""
    # The run allocates many small objects and no reference cycles; with large inputs in
    # memory, generational collections would otherwise take a good part of the time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return Linker(bills, consultations, decisions, settings, fixed, progress).run()
    finally:
        if enabled:
            gc.enable()


__all__ = [
    "BILL", "CONSULTATION", "COUNCIL_ACT", "MP_FLAG", "BillIn", "ConsultationIn", "DecisionIn", "Fixed",
    "Proposal", "Statement", "bill_class", "propose", "reg_num_key",
]
