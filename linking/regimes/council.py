"""Bills of the Council of Ministers: their ПРИС decision, then their own consultation.

1. ↔ ПРИС decisions „за одобряване на законопроект“ dated 0–30 days before the submission.
   Titles are often identical („ЗИД на Кодекса на труда“ twice in one month), so the date
   weighs more here.
2. ↔ consultations of laws opened within the window before the bill's ПРИС decision (stage 1;
   the submission where none was found): a draft is consulted before the Council approves it,
   so its dates are measured from the approval. An explicit reference (the consultation's id or
   reg_num in the bill's documents) wins outright; then the ПРИС chain (the bill's decision
   names the consultation, or the consultation names the decision); then title matching.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from core.parliament import Initiator
from core.strategy import normalise_reg_num
from linking.assignment import assign
from linking.candidates import title_pairs
from linking.explain import EITHER_WAY_FLAG, either_way
from linking.model import CONSULTATION, COUNCIL_ACT, Proposal
from linking.prepared import Prepared
from linking.regimes import consultations
from linking.score import score_pairs
from linking.stage import RANK_CHAIN, Stage, drop_rejected, proposals, r

GOVERNMENT = Initiator.COUNCIL_OF_MINISTERS


def decisions(ctx: Prepared) -> list[Proposal]:
    """Government bills ↔ the ПРИС decisions that approved them."""
    ctx.progress("matching bills to ПРИС decisions")
    s = ctx.s
    left = ctx.left(GOVERNMENT, COUNCIL_ACT)
    pairs = title_pairs(left, ctx.bdays, ctx.dtitles, ctx.ddays, min_delta=0,
                        max_delta=s.pris_window_days, settings=s, encoder=ctx.encoder)
    gap = ctx.bdays[pairs.left] - ctx.ddays[pairs.right]
    feats = score_pairs(pairs, ctx.btitles, ctx.dtitles, gap, ctx.bmasks, ctx.dmasks, s.decision, s)
    stage = Stage(pairs, feats)
    drop_rejected(ctx, stage, COUNCIL_ACT, ctx.dec_ids)
    stage.finish()
    choices = assign(stage.bill, stage.target, stage.score, stage.rank, s.decision,
                     settled_bills=ctx.settled(COUNCIL_ACT), taken_targets=ctx.taken(COUNCIL_ACT))

    def extra(ti: int) -> dict[str, Any]:
        d = ctx.decisions[ti]
        return {"decision_date": d.doc_date.isoformat() if d.doc_date else None}

    return proposals(ctx, stage, choices, COUNCIL_ACT, ctx.dec_ids, ctx.dtitles, ctx.dmasks, extra=extra)


def own_consultations(ctx: Prepared, decision_props: list[Proposal]) -> tuple[list[Proposal], set[int]]:
    """Government bills ↔ their consultations; also the consultations the one-to-one assignment
    gave a government bill (proposed or in review), which MPs' bills may not copy."""
    ctx.progress("matching government bills to consultations")
    usable = np.array([t is not None for t in ctx.ctitles], dtype=bool)
    decided = {(p.bill_id): (p.target_id, p.score) for p in decision_props if p.status == "proposed"}
    decided.update({b: (t, 100.0) for (b, tt), t in ctx.fixed.confirmed.items() if tt == COUNCIL_ACT})
    # A bill's drafts are dated from its decision (a proposed or confirmed one only: of two
    # ambiguous decisions neither date is known to be the bill's).
    ref_days = ctx.bdays.copy()
    for bid, (did, _score) in decided.items():
        bi, di = ctx.bill_index.get(bid), ctx.dec_index.get(did)
        if bi is not None and di is not None and ctx.ddays[di] >= 0:
            ref_days[bi] = ctx.ddays[di] if ctx.bdays[bi] < 0 else min(ctx.ddays[di], ctx.bdays[bi])
    stage = consultations.candidates(ctx, GOVERNMENT, usable, ref_days)
    consultations.add_explicit(ctx, stage, GOVERNMENT)
    consultations.add_stated(ctx, stage, GOVERNMENT)
    _add_pris_chain(ctx, stage, decided)
    stage.finish()
    choices = assign(stage.bill, stage.target, stage.score, stage.rank, ctx.s.consultation,
                     settled_bills=ctx.settled(CONSULTATION), taken_targets=ctx.taken(CONSULTATION))
    assigned = {int(ctx.cons_ids[stage.target[c.pair]]) for c in choices}
    props = proposals(ctx, stage, choices, CONSULTATION, ctx.cons_ids, ctx.ctitles, ctx.cmasks,
                      extra=lambda ci: consultations.extra(ctx, ci))
    return props, assigned


def _add_pris_chain(ctx: Prepared, stage: Stage, decided: dict[int, tuple[int, float]]) -> None:
    """The ПРИС chain: the bill's decision names the consultation (public_consultation_number)
    or the consultation names the decision (pris_id)."""
    by_pris: dict[int, list[int]] = {}
    for ci, c in enumerate(ctx.consultations):
        if c.pris_id:
            by_pris.setdefault(int(c.pris_id), []).append(ci)
    for bid, (did, dscore) in sorted(decided.items()):
        bi = ctx.bill_index.get(bid)
        di = ctx.dec_index.get(did)
        if bi is None or di is None or ctx.regimes[bi] != GOVERNMENT or (bid, CONSULTATION) in ctx.fixed.confirmed:
            continue
        d = ctx.decisions[di]
        linked = list(by_pris.get(did, []))
        via = "consultation.pris_id"
        ci = ctx.cons_by_reg.get(normalise_reg_num(d.public_consultation_number))
        if ci is not None:
            linked.insert(0, ci)
            via = "decision.public_consultation_number"
        for ci in dict.fromkeys(linked):
            cid = int(ctx.cons_ids[ci])
            if (bid, CONSULTATION, cid) in ctx.fixed.rejected:
                continue
            law = ctx.law_similarity(ctx.btitles[bi], ctx.ctitles[ci])
            stage.add(bi, ci, dscore, RANK_CHAIN, {"reference": via, "council_act_id": did, "law_similarity": r(law)})


def flag_either_way(ctx: Prepared, com: list[Proposal]) -> None:
    """A government bill's only consultation candidate, in review because it was still open
    when the Council of Ministers approved the bill (or it was submitted): confirmed it is a
    CONS-07 FAIL, rejected a CONS-01 FAIL — flagged for staff (explain.EITHER_WAY_FLAG)."""
    settled = {p.bill_id for p in com if p.status == "proposed"}
    settled |= {b for (b, tt) in ctx.fixed.confirmed if tt == CONSULTATION}
    for p in com:
        if p.status == "review" and p.flag is None and p.bill_id not in settled and p.evidence.get("gap_days", 0) < 0:
            p.flag = EITHER_WAY_FLAG
            p.evidence["either_way"] = either_way(p.evidence)
