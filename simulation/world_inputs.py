"""The linker's inputs for a generated world (simulation.corpus), without a database: what the
linking benchmark and the generator-truth tests feed to `engine.propose`."""
from __future__ import annotations

from simulation.corpus.vocab import COMMITTEES, MINISTRIES
from simulation.corpus.world import World
from linking.engine import BillIn, ConsultationIn, DecisionIn


def world_inputs(world: World) -> tuple[list[BillIn], list[ConsultationIn], list[DecisionIn]]:
    bills = [BillIn(b.id, b.title, b.submitted_on, b.initiator, b.signature, COMMITTEES[b.lead_committee][1])
             for b in world.bills]
    cons = [ConsultationIn(c.id, c.reg_num, c.title, c.act_type, c.law, MINISTRIES[c.ministry][1], c.date_open,
                           c.date_close, c.pris_id) for c in world.consultations]
    # The decision's wording as the open-data report gives it (research/strategy_bg.md, decision 170974).
    decs = [DecisionIn(d.id, d.date, f"ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / {d.bill_title} /", d.importer or MINISTRIES[d.ministry][1],
                       d.consultation_reg_num, True) for d in world.decisions]
    return bills, cons, decs
