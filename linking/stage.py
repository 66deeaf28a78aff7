"""One stage of the matching: candidates of one kind of target as parallel arrays, their
evidence, and the proposals the one-to-one assignment's choices make of them. Both regimes
(regimes/) build their stages with these.

A candidate ranks by how it was found: a title match (blocking + scoring), a ПРИС chain, or an
explicit reference (the bill's documents name the consultation or state its period).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from core.review import LinkMethod
from linking.assignment import Choice
from linking.candidates import PairSet
from linking.institutions import topics
from linking.model import COUNCIL_ACT, Proposal
from linking.normalise import NormalTitle
from linking.prepared import Prepared
from linking.score import Features
from linking.settings import LinkSettings

RANK_TITLE, RANK_CHAIN, RANK_EXPLICIT = 1, 2, 3
METHOD_BY_RANK = {RANK_TITLE: LinkMethod.TITLE_MATCH.value, RANK_CHAIN: LinkMethod.PRIS_CHAIN.value,
                  RANK_EXPLICIT: LinkMethod.EXPLICIT.value}
TEXT_METHOD = LinkMethod.TEXT_MATCH.value  # a title match the texts' similarity decided
STATED_PERIOD_METHOD = LinkMethod.STATED_PERIOD.value  # the bill's documents state the consultation's dates


class Stage:
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
        """All candidates as `bill`, `target`, `score`, `rank` arrays (the assignment's input)."""
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


def r(x: float | None, nd: int = 1) -> float | None:
    """A number for the evidence: rounded, a plain float."""
    return None if x is None else round(float(x), nd)


def drop_rejected(ctx: Prepared, stage: Stage, target_type: str, target_ids: np.ndarray) -> None:
    """Drop the fuzzy candidates staff rejected."""
    rejected = {(b, t) for b, tt, t in ctx.fixed.rejected if tt == target_type}
    if not rejected or not len(stage.pairs):
        return
    rb = np.fromiter((b for b, _ in rejected), dtype=np.int64)
    maybe = np.isin(ctx.bill_ids[stage.pairs.left], rb)
    mask = np.ones(len(stage.pairs), dtype=bool)
    for k in np.nonzero(maybe)[0]:
        if (int(ctx.bill_ids[stage.pairs.left[k]]), int(target_ids[stage.pairs.right[k]])) in rejected:
            mask[k] = False
    stage.keep(mask)


def evidence(ctx: Prepared, stage: Stage, k: int, bill: NormalTitle, target: NormalTitle | None,
             target_mask: int) -> dict[str, Any]:
    """Candidate k's evidence: the laws compared, then either what found it (explicit ones) or
    every feature of its score."""
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
        "law_similarity": r(f.law[k]), "char_similarity": r(f.char[k]), "stem_similarity": r(f.stem[k]),
        "rest_similarity": r(f.rest[k]), "operation_score": r(f.operation[k]),
        "date_score": r(f.date[k]), "gap_days": int(f.gap_days[k]),
        "institution_score": r(f.institution[k]),
    })
    if not np.isnan(f.text[k]):
        ev["text_similarity"] = r(f.text[k], 2)
    if bill.operation or (target is not None and target.operation):
        ev["operations"] = [bill.operation, target.operation if target is not None else ""]
    bi = int(stage.bill[k])
    if stage.ref_days is not None and stage.ref_days[bi] != ctx.bdays[bi]:
        ev["gap_from"] = "council_act"  # days from the consultation's close to the bill's ПРИС decision
    bmask = int(ctx.bmasks[bi])
    if bmask or target_mask:
        ev["topics"] = {"bill": topics(bmask), "target": topics(target_mask)}
    return ev


def proposals(ctx: Prepared, stage: Stage, choices: list[Choice], target_type: str, target_ids: np.ndarray,
              target_titles: Sequence[NormalTitle | None], target_masks: np.ndarray,
              flag: str | None = None, extra: Callable[[int], dict[str, Any]] | None = None) -> list[Proposal]:
    """The assignment's choices as proposals; the runner-up of an ambiguous choice goes to
    review with it. `extra(target index)` adds the target's own facts to the evidence."""
    s = ctx.s
    out: list[Proposal] = []
    chosen_bills = {int(stage.bill[c.pair]) for c in choices}
    for c in choices:
        k = c.pair
        bi, ti = int(stage.bill[k]), int(stage.target[k])
        ev = evidence(ctx, stage, k, ctx.btitles[bi], target_titles[ti], int(target_masks[ti]))
        if extra:
            ev.update(extra(ti))
        rank = int(stage.rank[k])
        status = c.status
        how = method(rank, ev, s)
        if rank == RANK_EXPLICIT and ev.get("law_similarity", 100.0) < s.explicit_min_law:
            status = "review"
        if c.runner_up is not None:
            j = c.runner_up
            ev["runner_up"] = {"bill_id": int(ctx.bill_ids[stage.bill[j]]), "target_id": int(target_ids[stage.target[j]]),
                               "score": r(stage.score[j], 2)}
        out.append(Proposal(int(ctx.bill_ids[bi]), target_type, int(target_ids[ti]), how,
                            round(float(stage.score[k]), 2), r(c.margin, 2), status, flag, ev))
        # An ambiguous choice: the competitor goes to review too, so staff see both.
        if status == "review" and c.runner_up is not None and c.margin is not None and c.margin < _min_margin(s, target_type):
            j = c.runner_up
            bj, tj = int(stage.bill[j]), int(stage.target[j])
            if bj != bi and bj in chosen_bills:
                continue
            ev_j = evidence(ctx, stage, j, ctx.btitles[bj], target_titles[tj], int(target_masks[tj]))
            if extra:
                ev_j.update(extra(tj))
            ev_j["runner_up_of"] = {"bill_id": int(ctx.bill_ids[bi]), "target_id": int(target_ids[ti]),
                                    "score": r(stage.score[k], 2)}
            out.append(Proposal(int(ctx.bill_ids[bj]), target_type, int(target_ids[tj]),
                                method(int(stage.rank[j]), ev_j, s), round(float(stage.score[j]), 2),
                                r(float(stage.score[j] - stage.score[k]), 2), "review", flag, ev_j))
    return _dedupe(out)


def method(rank: int, evidence: dict[str, Any], settings: LinkSettings) -> str:
    """How the link was found: the rank's method, the stated period, or the texts."""
    if "method" in evidence:
        return str(evidence.pop("method"))
    if rank == RANK_TITLE and (evidence.get("text_similarity") or 0.0) >= settings.text_same:
        return TEXT_METHOD
    return METHOD_BY_RANK[rank]


def _min_margin(settings: LinkSettings, target_type: str) -> float:
    return (settings.decision if target_type == COUNCIL_ACT else settings.consultation).min_margin


def _dedupe(props: list[Proposal]) -> list[Proposal]:
    """One proposal per (bill, target): a chosen pair wins over the same pair as a runner-up."""
    seen: dict[tuple[int, str, int], Proposal] = {}
    for p in props:
        if p.key not in seen or (seen[p.key].status == "review" and p.status == "proposed"):
            seen[p.key] = p
    return list(seen.values())
