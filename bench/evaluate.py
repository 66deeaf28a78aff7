"""Benchmark: the rules engine over 15,000 initiatives of the generated world, all criteria.

    .venv/bin/python bench/evaluate.py [--initiatives 15000] [--seed 1]

The world (simulation.corpus.world) is turned straight into engine input (criteria.initiative):
each bill with the consultation and ПРИС decision the world says belong to it, linked as the
linker would (`confirmed`), and, for promulgated laws, an act-text analysis of the shape
texts.lawtext produces (other laws amended via the ПЗР, the entry-into-force clause). Only
the evaluation is timed; generation and conversion are reported apart. Target: ≤ 5 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulation.corpus.world import World, WorldBill, generate_world  # noqa: E402
from core.parliament import COUNCIL_BODY_ID, Initiator, classify_stage  # noqa: E402
from criteria import initiative as I  # noqa: E402
from criteria.evaluate import evaluate  # noqa: E402
from criteria.thresholds import defaults  # noqa: E402

_EIF = {"on_promulgation": ("on_promulgation", 0), "default": ("default_3_days", 3),
        "months_3": ("offset", 90), "fixed_date": ("fixed_date", 120)}


def _act_text(b: WorldBill) -> I.ActText | None:
    if b.status != "adopted" or not b.dv_issue:
        return None
    kind, days = _EIF[b.entry_into_force]
    laws = [{"section": f"§ {10 + i}", "law_name": n, "law_name_normalised": n, "action": "amend",
             "gazette_history": f"обн., ДВ, бр. 12 от 2005 г.; изм., бр. 30 от {b.dv_year - 1} г. и бр. 5 от {b.dv_year} г."}
            for i, n in enumerate(b.amends_in_final_provisions)]
    decree = (b.adopted_on + dt.timedelta(days=7)).isoformat() if b.adopted_on else None
    analysis = {"available": True, "decree_date": decree, "promulgation_date": None, "amended_laws": laws,
                "entry_into_force": [{"kind": kind, "effect": "entry_into_force", "section": "§ 30",
                                      "vacatio_legis_days": days}],
                "vacatio_legis_days": days, "vacatio_legis_estimated": kind == "fixed_date",
                "reference_date": decree, "reference_date_kind": "decree"}
    history = f"обн., ДВ, бр. 50 от 2001 г.; изм., бр. 20 и 70 от {b.dv_year - 1} г., бр. 3 от {b.dv_year} г."
    return I.ActText(bill_id=b.id, final_title=b.final_title, dv_issue=b.dv_issue, dv_year=b.dv_year,
                     adopted_on=b.adopted_on, title_gazette_history=history, analysis=analysis)


def to_initiatives(world: World) -> list[I.Initiative]:
    consultations = {c.id: c for c in world.consultations}
    decisions = {d.id: d for d in world.decisions}
    out = []
    for b in world.bills:
        sponsors = ([I.Sponsor(Initiator.COUNCIL_OF_MINISTERS.value, Initiator.COUNCIL_OF_MINISTERS.bg, None, COUNCIL_BODY_ID)]
                    if b.initiator == "council_of_ministers" else
                    [I.Sponsor("mp", " ".join(m.names), m.id) for m in b.mps])
        bill = I.Bill(
            id=b.id, signature=b.signature, title=b.title, initiator=b.initiator, status=b.status,
            submitted_on=b.submitted_on, final_title=b.final_title or None, assembly=b.assembly, session=b.session,
            adopted_on=b.adopted_on, proposals_deadline=b.proposals_until, proposals_date2=None,  # the real shapes: L_act_proposal_date is the deadline, date2 empty
            dv_issue=b.dv_issue or None, dv_year=b.dv_year, sponsors=sponsors,
            committees=[I.Committee(b.lead_committee, "водеща", True, 3000)]
            + [I.Committee(c, "участваща", False, 3001 + i) for i, c in enumerate(b.other_committees)],
            stages=[I.Stage(s.date, s.stage, s.event, "activity", classify_stage(s.stage, s.event),
                            3000 if s.committee else None, s.committee) for s in b.stages],
            files=[I.BillFile("file_list", name, f"https://www.parliament.bg/bills/{b.assembly}/{name}", file_id=fid)
                   for fid, name in b.files],
        )
        cons, acts, links = [], [], []
        cid, did, how = world.truth.get(b.id, (None, None, ""))
        if cid and cid in consultations:
            c = consultations[cid]
            cons.append(I.Consultation(
                id=c.id, reg_num=c.reg_num, title=c.title, date_open=c.date_open, date_close=c.date_close,
                act_type=c.act_type, act_type_id=c.act_type_id, duration_days=(c.date_close - c.date_open).days,
                short_term_reason=c.short_term_reason, legislative_program_id=c.legislative_program_id,
                pris_id=c.pris_id, law_name=c.law,
                documents=[I.ConsultationDocument(f"https://strategy.bg/download/{fid}", t, False, None, d)
                           for t, d, fid in c.documents]))
            links.append(I.Link(b.id, "consultation", c.id, "title_match", "confirmed", 0.9,
                                "mp_bill_matches_ministry_draft" if how == "mp_copy" else None))
        if did and did in decisions:
            d = decisions[did]
            acts.append(I.CouncilAct(id=d.id, doc_date=d.date, doc_num=d.doc_num, approves_bill=True, bill_title=d.bill_title))
            links.append(I.Link(b.id, "council_act", d.id, "pris_chain", "confirmed", 1.0))
        text = _act_text(b)
        out.append(I.Initiative(bills=[bill], id=len(out) + 1, title=b.title, initiator=b.initiator, consultations=cons,
                                council_acts=acts, links=links, act_texts=[text] if text else [], links_checked=True))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--initiatives", type=int, default=15000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="Timed passes; the best is reported.")
    args = ap.parse_args()

    t0 = time.perf_counter()
    world = generate_world(args.initiatives, seed=args.seed)
    t1 = time.perf_counter()
    initiatives = to_initiatives(world)
    t2 = time.perf_counter()
    th = defaults()
    as_of = dt.date(2026, 11, 20)
    evaluate(initiatives[0], th, as_of)  # warm-up: imports, caches
    # The input stays alive for the whole run: keep the cyclic GC from re-scanning it on every pass.
    gc.collect()
    gc.freeze()
    passes: list[float] = []
    cpu: list[float] = []
    verdicts: Counter = Counter()
    flags: Counter = Counter()
    n_criteria = 0
    for i in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        for ini in initiatives:
            # The input hash is what the incremental store computes anyway; the engine does not need it.
            r = evaluate(ini, th, as_of, known_input_hash="-")
            if i == 0:
                n_criteria = len(r.findings)
                verdicts.update(f.verdict.value for f in r.findings)
                flags[r.flag.severity if r.flag else "none"] += 1
        passes.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    best = min(passes)
    best_cpu = min(cpu)
    start = time.perf_counter()
    for ini in initiatives:
        I.input_hash(ini)
    hashing = time.perf_counter() - start

    n = len(initiatives)
    print(f"world: {n} initiatives generated in {t1 - t0:.2f} s, converted in {t2 - t1:.2f} s")
    print(f"evaluate: {n} initiatives x {n_criteria} criteria = {n * n_criteria} findings")
    print(f"  wall, best of {len(passes)}: {best:.2f} s -> {n / best:,.0f} initiatives/s "
          f"({best / n * 1e6:.0f} µs each; median pass {statistics.median(passes):.2f} s)")
    print(f"  CPU time of this process, best: {best_cpu:.2f} s -> {n / best_cpu:,.0f} initiatives/s "
          f"(wall above CPU means other processes shared the cores; load average {os.getloadavg()[0]:.1f})")
    print(f"  target ≤ 5 s for 15,000: {'met' if best * 15000 / n <= 5 else 'NOT met'} (wall)")
    print(f"input hash (incremental store): {hashing:.2f} s for {n} ({n / hashing:,.0f}/s)")
    print("verdicts: " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    print("flags: " + ", ".join(f"{k} {v}" for k, v in sorted(flags.items())))


if __name__ == "__main__":
    main()
