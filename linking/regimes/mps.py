"""Bills of MPs ↔ law consultations that no government bill was assigned and no ПРИС decision
names: a ministry's draft tabled by MPs (INIT-03). These links are flagged (MP_FLAG) and are not
the bill's own consultation. Only plausible pairs are kept (the bill came after the consultation
closed, within months, with the draft's operation); a title match is proposed only when it is
clear (settings.mp_propose_clear), else it goes to review with its doubts named.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from core.parliament import Initiator
from core.strategy import normalise_reg_num
from linking.assignment import assign
from linking.candidates import title_pairs
from linking.model import CONSULTATION, MP_FLAG, Proposal, regime
from linking.prepared import Prepared
from linking.regimes import consultations
from linking.score import SAME_OPERATION
from linking.stage import METHOD_BY_RANK, RANK_TITLE, TEXT_METHOD, proposals
from linking.titles import portal_law_title

MPS = Initiator.MPS

# Doubts about an MP title match that only say the same title may be a coincidence.
COINCIDENCE_DOUBTS = frozenset({"low_score", "titles_differ", "portal_law_name_differs", "long_after_consultation",
                                "law_not_quiet", "record_too_short", "title_matches_not_proposed"})


def copied_drafts(ctx: Prepared, com_props: list[Proposal], com_assigned: set[int]) -> list[Proposal]:
    """MP bills ↔ ministries' drafts. `com_props` are the government bills' consultation
    proposals, `com_assigned` the drafts their assignment gave a government bill."""
    ctx.progress("matching MP bills to ministries' drafts (INIT-03)")
    s = ctx.s
    # Drafts the Council of Ministers took are not candidates: those the one-to-one
    # assignment gave a government bill (a runner-up in review only was not given; it stays
    # a candidate, with that doubt), those staff linked, and those a ПРИС act names.
    used = set(com_assigned) | set(ctx.fixed.taken_by_com.get(CONSULTATION, set())) | ctx.fixed.taken_by_mp
    used |= {t for (_b, tt), t in ctx.fixed.confirmed.items() if tt == CONSULTATION}
    approved = {normalise_reg_num(d.public_consultation_number) for d in ctx.decisions if d.public_consultation_number}
    approved.discard(None)
    usable = np.array([
        t is not None and int(ctx.cons_ids[i]) not in used and not c.pris_id and normalise_reg_num(c.reg_num) not in approved
        for i, (c, t) in enumerate(zip(ctx.consultations, ctx.ctitles))
    ], dtype=bool)
    stage = consultations.candidates(ctx, MPS, usable)
    # Plausible only: tabled after the consultation closed (a draft still under consultation
    # was not yet the ministry's text to hand over), within months, and with the draft's
    # operation (a copy is tabled as the draft was titled; „за изменение и допълнение“ vs
    # „за изменение“ on the same law is what MPs and ministries write independently all the
    # time). score.operation_scores gives 100 to the same operation only.
    # A text that copies the draft (settings.mp_text_copy) is a candidate whatever the titles'
    # operations and up to the window; a text known to differ is none.
    f = stage.feats
    text = np.nan_to_num(f.text, nan=-1.0)
    copied = text >= s.mp_text_copy
    differs = (text >= 0) & (text < s.text_other)
    titled = (f.gap_days <= s.mp_review_days) & (f.operation >= SAME_OPERATION)
    stage.keep((f.gap_days >= 0) & (titled | copied) & ~differs)
    consultations.add_explicit(ctx, stage, MPS)
    consultations.add_stated(ctx, stage, MPS)
    stage.finish()
    choices = assign(stage.bill, stage.target, stage.score, stage.rank, s.consultation,
                     settled_bills=ctx.settled(CONSULTATION))

    def extra(ci: int) -> dict[str, Any]:
        c = ctx.consultations[ci]
        return {**consultations.extra(ctx, ci), "init03": {
            "ministry": c.institution_name,
            "why": "an MP bill on the law of a ministry's consulted draft that no Council of Ministers "
                   "bill or ПРИС decision took; not the bill's own consultation",
        }}

    props = proposals(ctx, stage, choices, CONSULTATION, ctx.cons_ids, ctx.ctitles, ctx.cmasks, flag=MP_FLAG, extra=extra)
    _judge(ctx, props, claimed={p.target_id for p in com_props})
    return props


def _judge(ctx: Prepared, props: list[Proposal], claimed: set[int]) -> None:
    """Keep a title match proposed only when it is clear (settings.mp_propose_clear); name
    the doubts of the others in their evidence and send them to review."""
    s = ctx.s
    titled = [p for p in props if p.method in (METHOD_BY_RANK[RANK_TITLE], TEXT_METHOD)]
    if not titled:
        return
    activity = _law_activity(ctx, sorted({ctx.bill_index[p.bill_id] for p in titled}))
    gov_groups = {b.merge_group for b in ctx.bills
                  if b.merge_group is not None and regime(b) == Initiator.COUNCIL_OF_MINISTERS}
    horizon = quiet_days(ctx)
    dated = ctx.bdays[ctx.bdays >= 0]
    record_start = int(dated.min()) if len(dated) else 0
    for p in titled:
        bi, ci = ctx.bill_index[p.bill_id], ctx.cons_index[p.target_id]
        bt, ct, c = ctx.btitles[bi], ctx.ctitles[ci], ctx.consultations[ci]
        doubts: list[str] = []
        # The assignment's own reasons for review (assignment._status, stage.proposals).
        if p.score < s.consultation.accept:
            doubts.append("low_score")
        if "runner_up_of" in p.evidence or (p.margin is not None and p.margin < s.consultation.min_margin):
            doubts.append("competing_match")
        if ct is None or (bt.kind, bt.law_key, bt.operation, bt.rest_key) != (ct.kind, ct.law_key, ct.operation, ct.rest_key):
            doubts.append("titles_differ")
        portal = portal_law_title(c.law_name)
        if portal is not None and ctx.law_similarity(bt, portal) < s.law_min:
            doubts.append("portal_law_name_differs")  # the draft's law as the portal files it
        if p.evidence.get("gap_days", 0) > s.mp_clear_days:
            doubts.append("long_after_consultation")
        if p.target_id in claimed:
            doubts.append("government_bill_candidate")
        if ctx.bills[bi].merge_group is not None and ctx.bills[bi].merge_group in gov_groups:
            doubts.append("merged_with_government_bill")
        bills, drafts, acts = activity[bi]
        others = {"months": s.mp_quiet_months,
                  "bills": sorted(int(ctx.bill_ids[j]) for j in bills if j != bi)[:10],
                  "consultations": sorted(ctx.consultations[j].reg_num for j in drafts if j != ci)[:10],
                  "council_acts": sorted(int(ctx.dec_ids[j]) for j in acts)[:10]}
        if others["bills"] or others["consultations"] or others["council_acts"]:
            doubts.append("law_not_quiet")
        elif ctx.bdays[bi] - horizon < record_start:
            # Nothing on the law before the bill, but the bills on record do not reach back
            # that far (the crawl started later): quiet is not known.
            doubts.append("record_too_short")
        if not s.mp_propose_clear:
            doubts.append("title_matches_not_proposed")
        if (p.evidence.get("text_similarity") or 0.0) >= s.mp_text_copy:
            # The texts show the copy: the title's coincidences no longer cast doubt on it.
            doubts = [d for d in doubts if d not in COINCIDENCE_DOUBTS]
        if p.status == "proposed" and doubts:
            p.status = "review"
        init03 = p.evidence.setdefault("init03", {})
        init03.update({"clear": p.status == "proposed", "doubts": doubts, "law_activity_before": others})


def quiet_days(ctx: Prepared) -> int:
    """`mp_quiet_months` in days: how long a law must have been quiet before an MP copy is clear."""
    return round(ctx.s.mp_quiet_months * 365.25 / 12)


def _law_activity(ctx: Prepared, bill_indices: list[int]) -> dict[int, tuple[list[int], list[int], list[int]]]:
    """For each bill: the bills, consulted drafts and ПРИС approvals on its law dated within
    `mp_quiet_months` before it (the bill itself included), by the blocking of title_pairs."""
    want = set(bill_indices)
    left = [t if i in want else None for i, t in enumerate(ctx.btitles)]
    horizon = quiet_days(ctx)
    out: dict[int, tuple[list[int], list[int], list[int]]] = {i: ([], [], []) for i in want}
    for kind, right, days in ((0, ctx.btitles, ctx.bdays), (1, ctx.ctitles, ctx.cdays), (2, ctx.dtitles, ctx.ddays)):
        pairs = title_pairs(left, ctx.bdays, right, days, min_delta=0, max_delta=horizon, settings=ctx.s,
                            encoder=ctx.encoder)
        for li, ri in zip(pairs.left.tolist(), pairs.right.tolist()):
            out[li][kind].append(ri)
    return out
