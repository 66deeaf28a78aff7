"""The linker in memory: bills, consultations and ПРИС decisions in, proposed links out.

Three stages, each a blocking → scoring → one-to-one assignment (candidates.py, score.py,
assignment.py, stage.py), over the records prepared once (prepared.py):

1. Council of Ministers bills ↔ ПРИС decisions „за одобряване на законопроект“
   (regimes/council.py);
2. Council of Ministers bills ↔ their consultations, dated from the bill's ПРИС decision
   (regimes/council.py);
3. MP bills ↔ law consultations that no government bill took: a ministry's draft tabled by
   MPs (INIT-03), flagged and judged (regimes/mps.py).

Nothing here touches the database; build.py loads the records and writes the result.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Sequence

from linking.explain import decisive
from linking.model import BillIn, ConsultationIn, DecisionIn, Fixed, Proposal
from linking.prepared import Prepared
from linking.regimes import council, mps
from linking.settings import DEFAULT_SETTINGS, LinkSettings


class Linker:
    """One linking pass over loaded records: the stages in order, each regime's after the
    stages it depends on."""

    def __init__(
        self,
        bills: Sequence[BillIn],
        consultations: Sequence[ConsultationIn],
        decisions: Sequence[DecisionIn],
        settings: LinkSettings = DEFAULT_SETTINGS,
        fixed: Fixed | None = None,
        progress: Callable[[str], None] | None = None,
    ):
        self.inputs = (bills, consultations, decisions)
        self.s = settings
        self.fixed = fixed or Fixed()
        self.progress = progress or (lambda _phase: None)

    def run(self) -> list[Proposal]:
        ctx = Prepared(*self.inputs, self.s, self.fixed, self.progress)
        decisions = council.decisions(ctx)
        # The government bills' drafts are dated from their decisions, found first.
        com, com_assigned = council.own_consultations(ctx, decisions)
        council.flag_either_way(ctx, com)
        # MPs' copies are looked for among the drafts no government bill took.
        mp = mps.copied_drafts(ctx, com, com_assigned) if self.s.link_mp_bills else []
        out = decisions + com + mp
        for p in out:
            p.evidence["decisive"] = decisive(p.method, p.target_type, p.evidence)
        return out


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


__all__ = ["Linker", "propose"]
