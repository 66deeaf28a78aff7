"""Named thresholds and weights of the linker, with their defaults.

Scores are on a 0–100 scale. The candidates of a stage are assigned one to one (each bill
at most one target, each target at most one bill; assignment.py). A chosen candidate becomes
a *proposed* link when its score reaches `accept` and its margin — what the best assignment
without it loses, in score points — is at least `min_margin`; between `review` and that, it
is sent to staff review (status "review"); below `review` it is not stored. The defaults
were set on the labelled pairs in tests/data/linking_pairs.json and the synthetic world of
bench/link.py; they are calibration, not law.

A deployment may change them in the [linking] table of the config file (read by core.config,
checked in monitor/config.py), naming only what it changes:

    [linking]
    window_months = 18
    [linking.consultation]
    accept = 88.0
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Weights:
    law: float  # similarity of the normalised law names
    rest: float  # similarity of what the titles say beyond that law (other acts amended)
    operation: float  # same operation („изменение“ / „допълнение“ / both)
    date: float  # how well the dates fit the usual sequence
    institution: float  # drafting ministry vs the bill's lead committee / ПРИС importer


@dataclass(frozen=True)
class TargetSettings:
    """Thresholds and weights for one kind of target (consultation or ПРИС decision)."""

    weights: Weights
    accept: float
    review: float
    min_margin: float
    # Date score: full up to `date_full_days` between the target and the bill's submission,
    # falling to 0 at `date_zero_days`, with curvature `date_power` (>1 drops faster early).
    date_full_days: int
    date_zero_days: int
    date_power: float = 1.0


@dataclass(frozen=True)
class LinkSettings:
    # Blocking: a consultation is a candidate for a bill only if it opened at most this many
    # months before the bill's submission (and not after it).
    window_months: int = 24
    # ПРИС decisions „за одобряване на законопроект“ dated 0..pris_window_days before submission.
    pris_window_days: int = 30
    # Blocking on law names: process.cdist keeps key pairs whose character ratio reaches this.
    block_cutoff: float = 60.0
    # A pair of law names must reach this combined similarity (min of character ratio and
    # stem overlap) to be scored at all.
    law_min: float = 75.0
    # Stems of words common to many law names weigh this much in the stem overlap.
    generic_stem_weight: float = 0.25
    # Date score of a consultation still open when the Council of Ministers approved the bill
    # (its ПРИС decision; with no decision known, when the bill was submitted). ЗНА чл. 26,
    # ал. 4–5 put the consultation and its справка before the approval, so such a pair is
    # either another draft or an irregularity: a title match alone cannot propose it. Such a
    # pair's score is also capped at the `review` floor, so that it never takes a draft from
    # a bill that fits it in the usual order; staff see it where nothing regular competes.
    open_at_submission_date_score: float = 0.0
    # An explicit reference whose titles disagree below this law similarity goes to review.
    explicit_min_law: float = 50.0
    # MP bills are matched against ministries' drafts the Council of Ministers never used
    # (INIT-03 „government bill through MPs“).
    link_mp_bills: bool = True
    # INIT-03 by title. A ministry's draft can only have been handed to MPs once its
    # consultation closed, and a tabled copy follows within months (research/strategy_bg.md §5:
    # government bills come 1–6 months after the consultation; criteria.md INIT-03 looks back
    # 24 months at most). An MP bill on the draft's law submitted before the consultation
    # closed, or more than `mp_review_days` after, is not offered at all; nor is one whose
    # operation differs from the draft's („за изменение“ vs „за изменение и допълнение“).
    mp_review_days: int = 365
    # A plausible match is *proposed* only when it is clear; otherwise it goes to review with
    # the doubts named in its evidence. Clear: the assignment proposes it (score, margin); the
    # titles agree in full (law, operation, other acts named; the portal's law_name, where
    # given, names the same law); the bill came at most `mp_clear_days` after the
    # consultation closed; no government bill had the draft among its candidates; the bill is
    # not merged with a government bill; and the law was otherwise quiet: no other bill, ПРИС
    # approval or consulted draft on it in the `mp_quiet_months` before the bill (and the bills
    # on record reach back that far). MPs amend busy laws all the time (five bills amending the
    # НПК within three days of 09.2025, five the ЗПУО in 09.2026, in the real lists), so on a
    # busy law the same title after a ministry's draft is more often a coincidence than a copy
    # (one in three to five in the generated worlds of bench/link.py, where every law is busy);
    # on a law nobody touched for two years a coincidence is far less likely [P: to calibrate
    # on labelled cases]. An explicit reference (the draft's number in the MP bill's documents)
    # is proposed regardless. False: title matches go to review only.
    mp_propose_clear: bool = True
    mp_clear_days: int = 183
    mp_quiet_months: int = 24
    # The texts (score.py, crawlers/documents/signature.py: estimated Jaccard similarity of 5-word
    # shingles). On the generated world (bench/link.py) a government bill keeps 0.47–1.0 of its
    # own draft's shingles (5th percentile 0.47, minimum 0.21), an MP copy 0.41–1.0, another
    # draft of the same law 0.00–0.14 (99th percentile; a re-consulted version of the same
    # draft up to 0.8). On the real promulgated texts of the parliament fixtures
    # (tests/test_linking_documents.py): unrelated laws 0.00–0.01, the two halves of one ЗИД
    # (other provisions on the same law) 0.07, a copy keeping 80 % of the paragraphs 0.75, half
    # of them 0.45 [calibration: no real draft/bill pair is stored to check it on].
    text_same: float = 0.25
    text_other: float = 0.15
    text_same_score: float = 90.0  # a pair whose texts are one draft scores at least this …
    text_slope: float = 25.0  # … plus this × (similarity − text_same), up to 100
    text_other_penalty: float = 40.0
    # A bill's documents state the consultation's period („от 24.07.2026 г. до 23.08.2026 г.“):
    # the consultation with exactly those dates is the bill's; one whose opening (or closing)
    # date matches and the other is off by at most this many days (a deadline extended after
    # the motives were written, a typo) is a strong candidate.
    stated_period_tolerance_days: int = 14
    # An MP bill whose text is this close to a ministry's draft copies it (INIT-03), whatever
    # the titles and however busy the law.
    mp_text_copy: float = 0.22
    consultation: TargetSettings = field(
        default_factory=lambda: TargetSettings(
            weights=Weights(law=0.60, rest=0.10, operation=0.05, date=0.20, institution=0.05),
            accept=85.0,
            review=70.0,
            min_margin=5.0,
            date_full_days=60,  # a law is usually submitted 1–6 months after the consultation closed
            date_zero_days=730,
        )
    )
    decision: TargetSettings = field(
        default_factory=lambda: TargetSettings(
            weights=Weights(law=0.55, rest=0.05, operation=0.05, date=0.30, institution=0.05),
            accept=80.0,
            review=65.0,
            min_margin=5.0,
            date_full_days=3,  # bills usually reach the Assembly days after the CoM session
            date_zero_days=31,
            date_power=1.5,
        )
    )

    @property
    def window_days(self) -> int:
        return round(self.window_months * 365.25 / 12)

    def digest(self) -> str:
        """A short hash of the settings, kept with each run so results can be traced."""
        blob = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


DEFAULT_SETTINGS = LinkSettings()


def overlaid(table: Mapping[str, Any], base: LinkSettings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """`base` as a dict with a [linking] table laid over it, nested tables key by key, so that a
    file naming one threshold of [linking.consultation] keeps the others."""
    def merge(into: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(into)
        for key, value in over.items():
            out[key] = merge(into[key], value) if isinstance(value, Mapping) and isinstance(into.get(key), dict) else value
        return out

    return merge(asdict(base), table)
