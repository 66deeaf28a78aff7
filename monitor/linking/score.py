"""Scoring candidate pairs and choosing one target per bill.

The score (0–100) is a weighted sum of features, all computed over whole arrays of pairs:

- law: similarity of the normalised law names (from candidates.title_pairs);
- rest: similarity of what the titles say beyond that law (a second act amended, …);
- operation: „изменение“ / „допълнение“ / both — drafts keep it more often than not;
- date: how well the target's date fits the usual sequence before the bill's submission;
- institution: the drafting ministry (or ПРИС importer) vs the bill's lead committee.

`assign` then walks the pairs best first and gives each bill at most one target and each
target at most one bill (the same draft is not submitted twice), so the same law amended
twice a year apart pairs each bill with its own consultation. Each choice carries its
margin over the nearest competitor still free, for the bill or for the target.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np
from rapidfuzz import fuzz, process

from monitor.linking.candidates import PairSet
from monitor.linking.normalise import NormalTitle
from monitor.linking.settings import LinkSettings, TargetSettings

RIVALS = 4  # competitors examined per side of a choice (lists are sorted best first)
UNKNOWN_INSTITUTION = 60.0
AGREEING_INSTITUTION = 100.0
DIFFERENT_INSTITUTION = 30.0
ONE_SIDED_REST = 60.0  # one title amends a second act, the other does not
OTHER_OPERATION = 50.0


@dataclass
class Features:
    """Per-pair features and the combined score (arrays aligned with the PairSet)."""

    score: np.ndarray
    law: np.ndarray
    char: np.ndarray
    stem: np.ndarray
    rest: np.ndarray
    operation: np.ndarray
    date: np.ndarray
    institution: np.ndarray
    gap_days: np.ndarray  # bill day minus the target's reference day


def date_scores(gap: np.ndarray, full_days: int, zero_days: int, power: float = 1.0) -> np.ndarray:
    """100 up to `full_days`, falling to 0 at `zero_days` (curvature `power`)."""
    span = max(zero_days - full_days, 1)
    frac = np.clip((zero_days - gap) / span, 0.0, 1.0) ** power
    return np.where(gap <= full_days, 100.0, 100.0 * frac)


def rest_scores(left: Sequence[NormalTitle | None], right: Sequence[NormalTitle | None], li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    lrest = np.array([t is not None and bool(t.rest_key) for t in left], dtype=bool)
    rrest = np.array([t is not None and bool(t.rest_key) for t in right], dtype=bool)
    a, b = lrest[li], rrest[ri]
    out = np.where(a | b, ONE_SIDED_REST, 100.0)
    both = np.nonzero(a & b)[0]
    if len(both):
        out[both] = process.cpdist([left[li[k]].rest_key for k in both], [right[ri[k]].rest_key for k in both],  # type: ignore[union-attr]
                                   scorer=fuzz.ratio, processor=None, workers=-1)
    return out


def operation_scores(left: Sequence[NormalTitle | None], right: Sequence[NormalTitle | None], li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    ops: dict[str, int] = {}
    lcode = np.array([ops.setdefault(t.operation if t is not None else "", len(ops)) for t in left], dtype=np.int32)
    rcode = np.array([ops.setdefault(t.operation if t is not None else "", len(ops)) for t in right], dtype=np.int32)
    return np.where(lcode[li] == rcode[ri], 100.0, OTHER_OPERATION)


def institution_scores(left_masks: np.ndarray, right_masks: np.ndarray, li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    a, b = left_masks[li], right_masks[ri]
    known = (a != 0) & (b != 0)
    return np.where(known, np.where((a & b) != 0, AGREEING_INSTITUTION, DIFFERENT_INSTITUTION), UNKNOWN_INSTITUTION)


def score_pairs(
    pairs: PairSet,
    left: Sequence[NormalTitle | None],
    right: Sequence[NormalTitle | None],
    gap_days: np.ndarray,
    left_masks: np.ndarray,
    right_masks: np.ndarray,
    target: TargetSettings,
    settings: LinkSettings,
    *,
    open_at_submission: np.ndarray | None = None,
) -> Features:
    """Features and score of each pair. `gap_days` is aligned with the pairs;
    `open_at_submission` marks pairs whose consultation was still open on submission."""
    li, ri = pairs.left, pairs.right
    w = target.weights
    date = date_scores(gap_days.astype(np.float64), target.date_full_days, target.date_zero_days, target.date_power)
    if open_at_submission is not None:
        date = np.where(open_at_submission, settings.open_at_submission_date_score, date)
    rest = rest_scores(left, right, li, ri)
    op = operation_scores(left, right, li, ri)
    inst = institution_scores(left_masks, right_masks, li, ri)
    law = pairs.law.astype(np.float64)
    score = w.law * law + w.rest * rest + w.operation * op + w.date * date + w.institution * inst
    return Features(score, law, pairs.char.astype(np.float64), pairs.stem.astype(np.float64), rest, op, date, inst,
                    gap_days)


@dataclass
class Choice:
    pair: int  # index into the candidate arrays
    margin: float | None  # None: no competitor was left
    runner_up: int | None  # the nearest competitor (bill-side or target-side), if any
    status: str  # proposed | review


def assign(
    bills: np.ndarray,
    targets: np.ndarray,
    score: np.ndarray,
    rank: np.ndarray,
    target: TargetSettings,
    *,
    settled_bills: set[int] | frozenset[int] = frozenset(),
    taken_targets: set[int] | frozenset[int] = frozenset(),
) -> list[Choice]:
    """Greedy one-to-one assignment, best (rank, score) first, ties by ids.

    Pairs below `target.review` are never chosen; a choice scoring `accept` or more with a
    margin of at least `min_margin` (or no competitor) is "proposed", else "review".
    Rank > 1 (explicit references) wins over any fuzzy score and has no margin.
    """
    eligible = np.nonzero(score >= target.review)[0]
    if not len(eligible):
        return []
    order = eligible[np.lexsort((targets[eligible], bills[eligible], -score[eligible], -rank[eligible]))]
    by_bill = _groups(bills, order)
    by_target = _groups(targets, order)
    blist, tlist = bills.tolist(), targets.tolist()
    done_bills, taken = set(settled_bills), set(taken_targets)
    sc = score.tolist()

    def best_free_target(bill: int, but: int) -> float:
        j = next((j for j in by_bill[bill] if tlist[j] != but and tlist[j] not in taken), None)
        return sc[j] if j is not None else 0.0

    def best_free_bill(tgt: int, but: int) -> float:
        j = next((j for j in by_target[tgt] if blist[j] != but and blist[j] not in done_bills), None)
        return sc[j] if j is not None else 0.0

    doubtful_bills: set[int] = set()
    doubtful_targets: set[int] = set()
    choices: list[Choice] = []
    for k in order.tolist():
        b, t = blist[k], tlist[k]
        if b in done_bills or t in taken:
            continue
        if rank[k] > 1:
            done_bills.add(b)
            taken.add(t)
            choices.append(Choice(k, None, None, "proposed"))
            continue
        # The margin of a choice is what the best swap with a competitor would lose: the bill
        # taking another target t2 (and t going to its next bill), or another bill b2 taking t
        # (and this bill its next target). A competitor that has an equally good target of its
        # own does not make the choice ambiguous.
        rivals: list[tuple[float, int]] = []
        alt_t = best_free_bill(t, b)
        for j in islice((j for j in by_bill[b] if j != k and tlist[j] not in taken), RIVALS):
            rivals.append(((sc[k] + best_free_bill(tlist[j], b)) - (sc[j] + alt_t), j))
        alt_b = best_free_target(b, t)
        for j in islice((j for j in by_target[t] if j != k and blist[j] not in done_bills), RIVALS):
            rivals.append(((sc[k] + best_free_target(blist[j], t)) - (sc[j] + alt_b), j))
        done_bills.add(b)
        taken.add(t)
        margin, runner = min(rivals) if rivals else (None, None)
        ok = sc[k] >= target.accept and (margin is None or margin >= target.min_margin)
        # A bill left with this target because a better one went to an ambiguous choice (or a
        # target left to this bill that way) is as doubtful as that choice.
        if ok and (any(tlist[j] in doubtful_targets for j in _before(by_bill[b], k))
                   or any(blist[j] in doubtful_bills for j in _before(by_target[t], k))):
            ok = False
        if not ok:
            doubtful_bills.add(b)
            doubtful_targets.add(t)
        choices.append(Choice(k, margin, runner, "proposed" if ok else "review"))
    return choices


def _groups(keys: np.ndarray, order: np.ndarray) -> dict[int, list[int]]:
    """key -> candidate indices with that key, in `order` (best first)."""
    ordered = keys[order]
    perm = np.argsort(ordered, kind="stable")
    sorted_keys, idx = ordered[perm], order[perm]
    uniq, starts = np.unique(sorted_keys, return_index=True)
    ends = np.append(starts[1:], len(sorted_keys))
    return {int(u): idx[a:z].tolist() for u, a, z in zip(uniq.tolist(), starts.tolist(), ends.tolist())}


def _before(items: list[int], k: int) -> Iterator[int]:
    for j in items:
        if j == k:
            return
        yield j
