"""The linker's inputs for a generated world (simulation.corpus), without a database: what the
linking benchmark and the generator-truth tests feed to `engine.propose`.

The documents' evidence is derived the way the crawl derives it: the sentence a government
bill's motives carry about its consultation is read by texts.documents.consultation_refs
(periods, reg_nums, portal addresses), and the texts of the drafts and bills are signed by
crawlers.documents.signature — the same code the documents pipeline runs at download.
"""
from __future__ import annotations

from crawlers.documents.signature import text_signature
from texts.documents.consultation_refs import find_consultation_refs
from linking.model import BillIn, ConsultationIn, DecisionIn, Statement
from simulation.corpus import texts
from simulation.corpus.vocab import COMMITTEES, MINISTRIES
from simulation.corpus.model import World, WorldBill


def statements_of(text: str | None) -> tuple[tuple[Statement, ...], tuple[int, ...]]:
    """The statements and consultation ids a bill's documents give the linker (linking.build
    reads the same from the stored analysis)."""
    if not text:
        return (), ()
    refs = find_consultation_refs(text)
    out = [Statement(m.sentence, *(m.period or (None, None)), m.consultation_id)
           for m in refs.mentions if m.period is not None or m.consultation_id is not None]
    return tuple(dict.fromkeys(out)), refs.consultation_ids


def _bill(b: WorldBill, with_texts: bool) -> BillIn:
    statements, ids = statements_of(b.consultation_statement)
    return BillIn(b.id, b.title, b.submitted_on, b.initiator, b.signature, COMMITTEES[b.lead_committee][1],
                  explicit_consultations=ids, statements=statements,
                  text_sig=text_signature(texts.text(b.provisions)) if with_texts and b.text_readable else None)


def world_inputs(world: World, *, with_texts: bool = True) -> tuple[list[BillIn], list[ConsultationIn], list[DecisionIn]]:
    bills = [_bill(b, with_texts) for b in world.bills]
    cons = [ConsultationIn(c.id, c.reg_num, c.title, c.act_type, c.law, MINISTRIES[c.ministry][1], c.date_open,
                           c.date_close, c.pris_id,
                           text_sig=text_signature(texts.text(c.provisions)) if with_texts and c.text_readable else None)
            for c in world.consultations]
    # The decision's wording as the open-data report gives it (research/strategy_bg.md, decision 170974).
    decs = [DecisionIn(d.id, d.date, f"ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / {d.bill_title} /", d.importer or MINISTRIES[d.ministry][1],
                       d.consultation_reg_num, True) for d in world.decisions]
    return bills, cons, decs
