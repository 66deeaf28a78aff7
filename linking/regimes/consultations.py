"""A bill's consultation candidates, as both regimes find them: title matches within the
window before the bill, the consultations its documents name (explicit), and the one whose
period they state. Each regime then adds or drops its own (council.py, mps.py)."""
from __future__ import annotations

from typing import Any

import numpy as np

from core.parliament import Initiator
from linking.candidates import title_pairs
from linking.model import CONSULTATION
from linking.normalise import normalise_title
from linking.prepared import Prepared
from linking.score import score_pairs
from linking.stage import RANK_CHAIN, RANK_EXPLICIT, STATED_PERIOD_METHOD, Stage, drop_rejected, r


def candidates(ctx: Prepared, regime: Initiator, usable: np.ndarray, ref_days: np.ndarray | None = None) -> Stage:
    """Title-matched candidates. `ref_days` is each bill's reference day: the date of its
    ПРИС decision where known (a draft is consulted before the Council of Ministers
    approves it), else its submission."""
    s = ctx.s
    ref = ctx.bdays if ref_days is None else ref_days
    left = ctx.left(regime, CONSULTATION)
    right = [t if usable[i] else None for i, t in enumerate(ctx.ctitles)]
    pairs = title_pairs(left, ref, right, ctx.cdays, min_delta=0, max_delta=s.window_days,
                        settings=s, encoder=ctx.encoder)
    gap = ref[pairs.left] - ctx.cclose[pairs.right]
    feats = score_pairs(pairs, ctx.btitles, ctx.ctitles, gap, ctx.bmasks, ctx.cmasks, s.consultation,
                        s, open_at_submission=gap < 0, text=ctx.text_sim(pairs.left, pairs.right))
    stage = Stage(pairs, feats)
    stage.ref_days = ref
    drop_rejected(ctx, stage, CONSULTATION, ctx.cons_ids)
    return stage


def add_explicit(ctx: Prepared, stage: Stage, regime: Initiator) -> None:
    """The consultations the bill's documents name: near-proof."""
    rejected = ctx.fixed.rejected
    for bi, b in enumerate(ctx.bills):
        if ctx.regimes[bi] != regime or not b.explicit_consultations or (b.id, CONSULTATION) in ctx.fixed.confirmed:
            continue
        for cid in sorted(set(b.explicit_consultations)):
            ci = ctx.cons_index.get(cid)
            if ci is None or (b.id, CONSULTATION, cid) in rejected:
                continue
            law = ctx.law_similarity(ctx.btitles[bi], ctx.ctitles[ci] or normalise_title(ctx.consultations[ci].title))
            ev: dict[str, Any] = {"reference": "bill_documents", "law_similarity": r(law),
                                  "text_similarity": ctx.pair_text(bi, ci)}
            sentence = next((st.sentence for st in b.statements if st.consultation_id == cid), None)
            if sentence:
                ev["sentence"] = sentence
            stage.add(bi, ci, 100.0, RANK_EXPLICIT, ev)


def _same_law(ctx: Prepared, bi: int, bill_id: int, cis: list[int]) -> list[tuple[int, float]]:
    """The consultations among `cis` that draft the bill's law (and staff did not reject),
    with the law names' similarity: a draft of another act consulted on the same days
    (an ordinance, another law) is not the bill's."""
    out = []
    for ci in cis:
        ct = ctx.ctitles[ci]
        if ct is None or (bill_id, CONSULTATION, int(ctx.cons_ids[ci])) in ctx.fixed.rejected:
            continue
        law = ctx.law_similarity(ctx.btitles[bi], ct)
        if law >= ctx.s.law_min:
            out.append((ci, law))
    return out


def add_stated(ctx: Prepared, stage: Stage, regime: Initiator) -> None:
    """The consultation whose period the bill's documents state (settings: a stated period
    that is one consultation's dates is near-proof; one date off by days is strong)."""
    s = ctx.s
    tol = s.stated_period_tolerance_days
    for bi, b in enumerate(ctx.bills):
        if ctx.regimes[bi] != regime or not b.statements or (b.id, CONSULTATION) in ctx.fixed.confirmed:
            continue
        for st in b.statements:
            if st.date_open is None or st.date_close is None:
                continue
            o, c = st.date_open.toordinal(), st.date_close.toordinal()
            exact = _same_law(ctx, bi, b.id, [ci for ci in ctx.by_open.get(o, []) if ctx.craw_close[ci] == c])
            found = exact or _same_law(ctx, bi, b.id, list(dict.fromkeys(
                [ci for ci in ctx.by_open.get(o, []) if abs(int(ctx.craw_close[ci]) - c) <= tol]
                + [ci for ci in ctx.by_close.get(c, []) if abs(int(ctx.cdays[ci]) - o) <= tol])))
            for ci, law in found:
                text = ctx.pair_text(bi, ci)
                ev = {"reference": "stated_period", "method": STATED_PERIOD_METHOD, "sentence": st.sentence,
                      "stated_period": [st.date_open.isoformat(), st.date_close.isoformat()],
                      "exact": bool(exact), "law_similarity": r(law), "text_similarity": text}
                if exact and len(found) == 1:
                    stage.add(bi, ci, 100.0, RANK_EXPLICIT, ev)
                    continue
                # Several drafts of the law on those days, or dates off by days: strong, not proof;
                # the texts (where known) and the title decide between them.
                score = 90.0 if exact else 86.0
                if text is not None:
                    score = score + 8.0 if text >= s.text_same else score - s.text_other_penalty if text < s.text_other else score
                stage.add(bi, ci, score, RANK_CHAIN, ev)


def extra(ctx: Prepared, ci: int) -> dict[str, Any]:
    """The consultation's own facts in a link's evidence."""
    c = ctx.consultations[ci]
    return {"reg_num": c.reg_num, "date_open": c.date_open.isoformat() if c.date_open else None,
            "date_close": c.date_close.isoformat() if c.date_close else None}
