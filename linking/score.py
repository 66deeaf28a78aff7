"""Scoring candidate pairs.

The score (0–100) is a weighted sum of features, all computed over whole arrays of pairs:

- law: similarity of the normalised law names (from candidates.title_pairs);
- rest: similarity of what the titles say beyond that law (a second act amended, …);
- operation: „изменение“ / „допълнение“ / both — drafts keep it more often than not;
- date: how well the target's date fits the usual sequence before the bill (a consultation
  closes before the Council of Ministers approves the draft, which precedes the submission);
- institution: the drafting ministry (or ПРИС importer) vs the bill's lead committee;
- text: the similarity of the consultation's draft and the bill's text (their stored MinHash
  signatures, crawlers/documents/signature.py), where both are known. It outweighs the
  titles: at `text_same` or more the texts are one draft (the score is raised to at least
  `text_same_score`, more the closer they are), below `text_other` they are different drafts
  (the score loses `text_other_penalty`), in between part of it; unknown, the titles decide.

A consultation still open on the day the pair is measured from (the bill's ПРИС decision, or
its submission) gets the settings' low date score and its score is capped at the review
floor. Choosing among the scored pairs is assignment.py's job.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from linking.candidates import PairSet
from linking.normalise import NormalTitle
from linking.settings import LinkSettings, TargetSettings

UNKNOWN_INSTITUTION = 60.0
AGREEING_INSTITUTION = 100.0
DIFFERENT_INSTITUTION = 30.0
ONE_SIDED_REST = 60.0  # one title amends a second act, the other does not
SAME_OPERATION = 100.0
OTHER_OPERATION = 50.0
# A draft „за изменение и допълнение“ that lost its additions (or its changes) before approval,
# or gained them: an edit seen after consultations, as likely as any other mismatch.
PARTIAL_OPERATION = OTHER_OPERATION
# „за изменение“ against „за допълнение“: the one only changes provisions, the other only adds
# them — another draft, unless the title was rewritten from one to the other.
DISJOINT_OPERATION = 0.0


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
    text: np.ndarray  # similarity of the texts (0–1), NaN where either signature is missing


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
    codes = {"": 0, "изменение": 1, "допълнение": 2, "изменение и допълнение": 3}
    lcode = np.array([codes.get(t.operation if t is not None else "", 0) for t in left], dtype=np.int8)
    rcode = np.array([codes.get(t.operation if t is not None else "", 0) for t in right], dtype=np.int8)
    a, b = lcode[li], rcode[ri]
    table = np.full((4, 4), OTHER_OPERATION)
    np.fill_diagonal(table, SAME_OPERATION)
    table[1, 3] = table[3, 1] = table[2, 3] = table[3, 2] = PARTIAL_OPERATION
    table[1, 2] = table[2, 1] = DISJOINT_OPERATION
    return table[a, b]


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
    text: np.ndarray | None = None,
) -> Features:
    """Features and score of each pair. `gap_days` is aligned with the pairs;
    `open_at_submission` marks pairs whose consultation was still open on submission; `text`
    the texts' similarity (NaN: unknown)."""
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
    if text is None:
        text = np.full(len(li), np.nan)
    score = text_adjusted(score, text, settings)
    if open_at_submission is not None:
        # At the review floor: shown to staff where no regular candidate wants the bill or the
        # draft, never taking a draft from a bill that fits it in the usual order.
        score = np.where(open_at_submission, np.minimum(score, target.review), score)
    return Features(score, law, pairs.char.astype(np.float64), pairs.stem.astype(np.float64), rest, op, date, inst,
                    gap_days, text)


def text_adjusted(score: np.ndarray, text: np.ndarray, settings: LinkSettings) -> np.ndarray:
    """The score with the texts' verdict (module docstring); unknown similarity changes nothing."""
    known = ~np.isnan(text)
    sim = np.nan_to_num(text)
    same = known & (sim >= settings.text_same)
    # From `text_same` up the texts are one draft: the score rises with the similarity (so that
    # of two versions of a draft the one the bill kept more of wins), up to 100.
    raised = np.minimum(100.0, settings.text_same_score + settings.text_slope * (sim - settings.text_same))
    # Below it the penalty grows to its full size at `text_other`: a text partly the draft's
    # (an earlier version of it) is weaker than the titles say, one that is not the draft's is out.
    span = max(settings.text_same - settings.text_other, 1e-9)
    penalty = settings.text_other_penalty * np.clip((settings.text_same - sim) / span, 0.0, 1.0)
    return np.where(same, np.maximum(score, raised), np.where(known, score - penalty, score))
