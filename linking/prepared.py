"""The records of one linking pass prepared for matching: titles taken apart, dates as day
numbers, the institutions' policy topics as bit masks, the texts' signatures as matrices, and
the indexes the stages look records up by. Every stage (stage.py, regimes/) reads from here;
nothing here decides a link.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz

from core.parliament import Initiator
from core.strategy import normalise_reg_num
from linking.candidates import StemEncoder
from linking.institutions import topic_mask
from linking.model import COUNCIL_ACT, BillIn, ConsultationIn, DecisionIn, Fixed, regime
from linking.normalise import NormalTitle, normalise_title
from linking.settings import LinkSettings
from linking.titles import consultation_title, decision_title

SIG_CHUNK = 200_000  # pairs compared at once (a chunk's equality matrix is SIG_CHUNK × NUM_PERM bytes)
DEFAULT_CLOSE_DAYS = 30  # a consultation without a closing date is taken to run the usual 30 days


class Prepared:
    """Bills (b…), consultations (c…) and ПРИС decisions (d…) as parallel arrays; a record is
    referred to by its index in its list."""

    def __init__(
        self,
        bills: Sequence[BillIn],
        consultations: Sequence[ConsultationIn],
        decisions: Sequence[DecisionIn],
        settings: LinkSettings,
        fixed: Fixed,
        progress: Callable[[str], None],
    ):
        self.bills, self.consultations, self.decisions = list(bills), list(consultations), list(decisions)
        self.s = settings
        self.fixed = fixed
        self.progress = progress
        self.encoder = StemEncoder(settings.generic_stem_weight)
        self.bill_ids = np.fromiter((b.id for b in self.bills), dtype=np.int64, count=len(self.bills))
        self.cons_ids = np.fromiter((c.id for c in self.consultations), dtype=np.int64, count=len(self.consultations))
        self.dec_ids = np.fromiter((d.id for d in self.decisions), dtype=np.int64, count=len(self.decisions))
        self.bill_index = {int(b): i for i, b in enumerate(self.bill_ids.tolist())}
        self.cons_index = {c.id: i for i, c in enumerate(self.consultations)}
        self.cons_by_reg = {key: i for i, c in enumerate(self.consultations)
                            if (key := normalise_reg_num(c.reg_num)) is not None}
        self.dec_index = {d.id: i for i, d in enumerate(self.decisions)}

        progress("normalising titles")
        active = fixed.active
        # The regime each bill is linked under now (None: not linked in this pass).
        self.regimes: list[Initiator | None] = [regime(b) if (active is None or b.id in active) else None
                                                for b in self.bills]
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

    def text_sim(self, li: np.ndarray, ri: np.ndarray) -> np.ndarray:
        """Similarity of bill li[k]'s text and consultation ri[k]'s draft (NaN: unknown)."""
        out = np.full(len(li), np.nan)
        idx = np.nonzero(self.bhas[li] & self.chas[ri])[0]
        for start in range(0, len(idx), SIG_CHUNK):
            k = idx[start:start + SIG_CHUNK]
            out[k] = (self.bsig[li[k]] == self.csig[ri[k]]).mean(axis=1)
        return out

    def pair_text(self, bi: int, ci: int) -> float | None:
        v = float(self.text_sim(np.array([bi]), np.array([ci]))[0])
        return None if np.isnan(v) else round(v, 2)

    def law_similarity(self, a: NormalTitle | None, b: NormalTitle | None) -> float:
        if a is None or b is None:
            return 0.0
        char = fuzz.ratio(a.law_key, b.law_key)
        stem = fuzz.ratio(self.encoder.encode(a.law_key), self.encoder.encode(b.law_key))
        return float(min(char, stem))

    def left(self, initiator: Initiator, target_type: str) -> list[NormalTitle | None]:
        """Titles of the bills of a regime still to be linked to this kind of target."""
        out: list[NormalTitle | None] = []
        for b, r, t in zip(self.bills, self.regimes, self.btitles):
            out.append(t if r == initiator and (b.id, target_type) not in self.fixed.confirmed else None)
        return out

    def taken(self, target_type: str) -> set[int]:
        """Indices of targets held by bills not being re-linked, or confirmed by staff."""
        held = set(self.fixed.taken_by_com.get(target_type, set()))
        held |= {t for (_b, tt), t in self.fixed.confirmed.items() if tt == target_type}
        index = self.dec_index if target_type == COUNCIL_ACT else self.cons_index
        return {index[t] for t in held if t in index}

    def settled(self, target_type: str) -> set[int]:
        """Indices of the bills whose link of this kind staff confirmed."""
        return {self.bill_index[b] for (b, tt) in self.fixed.confirmed if tt == target_type and b in self.bill_index}


def _days(values: Iterable[dt.date | None]) -> np.ndarray:
    return np.fromiter((v.toordinal() if v else -1 for v in values), dtype=np.int64)


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
