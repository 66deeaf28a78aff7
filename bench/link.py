"""Benchmark of the linker: 15 000 bills × 12 000 consultations from the corpus generator.

Prints the time of the in-memory matching (normalise, block with process.cdist, score,
assign), of a full `lexwatch link` run into SQLite (load, match, write; then an
incremental no-op run and a rebuild), the speed-up over a naive pairwise Python loop
measured on a sample of bills and extrapolated, and precision/recall against the
generator's truth — for the 15 000-bill stress world and for a world at parliament's real
pace, with every signal and without some (ablation): titles and dates only (the linker
before issue 12), with the bills' statements about their consultation, with the texts'
similarity, with both. The texts' signatures are computed before the matching (the
documents pipeline stores them at download) and timed apart.

    .venv/bin/python bench/link.py [--bills 15000] [--consultations 12000] [--no-db] [--pg [URL]]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz  # noqa: E402
from sqlalchemy import insert, update  # noqa: E402

from simulation.corpus.vocab import COMMITTEES, MINISTRIES  # noqa: E402
from simulation.corpus.world import World, generate_world  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import session_scope  # noqa: E402
from texts.documents.consultation_refs import find_consultation_refs  # noqa: E402
from db.models import Bill, BillCommittee, Consultation, CouncilAct, Document, utcnow  # noqa: E402
from linking.build import link  # noqa: E402
from linking.engine import propose  # noqa: E402
from linking.model import MP_FLAG, BillIn, ConsultationIn, DecisionIn, Proposal  # noqa: E402
from simulation.world_inputs import world_inputs  # noqa: E402
from linking.normalise import normalise_title  # noqa: E402
from linking.records import bill_row, consultation_row, decision_row  # noqa: E402


def quality(world: World, props: list[Proposal], label: str = "") -> list[str]:
    lines = []
    for target_type, kind, idx in (("council_act", "own", 1), ("consultation", "own", 0), ("consultation", "mp_copy", 0)):
        gold = {(b, t[idx]) for b, t in world.truth.items() if t[idx] is not None and (target_type == "council_act" or t[2] == kind)}
        flagged = kind == "mp_copy"
        mine = [p for p in props if p.target_type == target_type and (p.flag == MP_FLAG) == flagged]
        proposed = {(p.bill_id, p.target_id) for p in mine if p.status == "proposed"}
        review = {(p.bill_id, p.target_id) for p in mine if p.status == "review"}
        tp = len(proposed & gold)
        prec = tp / len(proposed) if proposed else float("nan")
        true_review = len(review & gold)
        lines.append(f"  {label}{target_type:12} {kind:8} truth {len(gold):6}  proposed {len(proposed):6}  precision {prec:.3f}"
                     f"  recall {tp / max(len(gold), 1):.3f}  review {len(review):6} (true {true_review}, "
                     f"{true_review / max(len(review), 1):.0%})")
    return lines


ABLATIONS = ("titles and dates only", "+ statements", "+ texts", "all signals")


def ablated(bills: list[BillIn], cons: list[ConsultationIn], variant: str) -> tuple[list[BillIn], list[ConsultationIn]]:
    """The inputs without the signals a variant leaves out (ABLATIONS)."""
    statements = variant in ("+ statements", "all signals")
    texts = variant in ("+ texts", "all signals")
    if not statements:
        bills = [replace(b, statements=(), explicit_consultations=()) for b in bills]
    if not texts:
        bills = [replace(b, text_sig=None) for b in bills]
        cons = [replace(c, text_sig=None) for c in cons]
    return bills, cons


def ablation(world: World, bills: list[BillIn], cons: list[ConsultationIn], decs: list[DecisionIn]) -> None:
    for variant in ABLATIONS:
        b, c = ablated(bills, cons, variant)
        normalise_title.cache_clear()
        props = propose(b, c, decs)
        print(f"  — {variant}:")
        for line in quality(world, props)[1:]:
            print("  " + line)


def naive_rate(bills: list[BillIn], cons: list[ConsultationIn], sample: int) -> float:
    """Seconds per pair of a naive loop: every bill against every consultation, titles
    normalised once, fuzz.token_sort_ratio per pair in Python."""
    ctitles = [normalise_title(c.title).full for c in cons]
    chosen = bills[:: max(1, len(bills) // sample)][:sample]
    t0 = time.perf_counter()
    best = 0.0
    for b in chosen:
        bt = normalise_title(b.title).full
        for ct in ctitles:
            s = fuzz.token_sort_ratio(bt, ct)
            if s > best:
                best = s
    return (time.perf_counter() - t0) / (len(chosen) * len(ctitles))


def load_db(url: str, world: World, inputs: tuple[list[BillIn], list[ConsultationIn]] | None = None) -> None:
    bills, committees = [], []
    for b in world.bills:
        bills.append(bill_row(b.id, b.title, b.submitted_on, b.initiator, signature=b.signature))
        committees.append({"bill_id": b.id, "position": 0, "name": COMMITTEES[b.lead_committee][1],
                           "role": "водеща", "is_lead": True})
    cons = [consultation_row(c.id, c.title, c.date_open, c.date_close, act_type=c.act_type, law_name=c.law,
                             institution=MINISTRIES[c.ministry][1], pris_id=c.pris_id) for c in world.consultations]
    decs = [decision_row(d.id, d.date, f"ЗА ОДОБРЯВАНЕ НА ЗАКОНОПРОЕКТ / {d.bill_title} /", importer=MINISTRIES[d.ministry][1],
                         public_consultation_number=d.consultation_reg_num, bill_title=d.bill_title) for d in world.decisions]
    # The documents as the pipeline stores them: a bill's text with its motives' statement on its
    # consultation (the analysis' consultation_refs) and signature, a consultation's draft with its.
    docs = []
    if inputs is not None:
        by_bill = {b.id: b for b in world.bills}
        for b in inputs[0]:
            statement = by_bill[b.id].consultation_statement
            refs = {"consultation_refs": find_consultation_refs(statement).to_dict()} if statement else None
            if b.text_sig is not None or refs:
                docs.append({"owner_type": "bill", "owner_id": b.id, "url": f"https://www.parliament.bg/bills/{b.id}.rtf",
                             "sha256": f"{b.id:064d}", "status": "ok", "classification": "bill_text",
                             "analysis": refs, "text_signature": b.text_sig})
        for c in inputs[1]:
            if c.text_sig is not None:
                docs.append({"owner_type": "consultation", "owner_id": c.id, "url": f"https://strategy.bg/download/{c.id}",
                             "sha256": f"{c.id:064d}", "status": "ok", "classification": "bill_text",
                             "analysis": None, "text_signature": c.text_sig})
    with session_scope(url) as s:
        for model, rows in ((Bill, bills), (BillCommittee, committees), (Consultation, cons), (CouncilAct, decs),
                            (Document, docs)):
            for i in range(0, len(rows), 5000):
                s.execute(insert(model), rows[i:i + 5000])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bills", type=int, default=15000)
    ap.add_argument("--consultations", type=int, default=12000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sample", type=int, default=60, help="bills in the naive loop's sample")
    ap.add_argument("--no-db", action="store_true", help="only the in-memory matching")
    ap.add_argument("--realistic", type=int, default=3000, metavar="BILLS",
                    help="also measure precision/recall on a world of this many bills at parliament's real pace "
                         "(from the 44th assembly, 19.04.2017, to today); 0 to skip")
    ap.add_argument("--pg", metavar="URL", nargs="?", const=os.environ.get(
        "LEXWATCH_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        help="also run `link` on a temporary database created on this PostgreSQL server")
    args = ap.parse_args()

    t = time.perf_counter()
    world = generate_world(args.bills, n_consultations=args.consultations, seed=args.seed)
    print(f"world: {len(world.bills)} bills ({sum(b.initiator == 'council_of_ministers' for b in world.bills)} CoM), "
          f"{len(world.consultations)} consultations ({sum(c.act_type == 'Закон' for c in world.consultations)} of laws), "
          f"{len(world.decisions)} ПРИС decisions; generated in {time.perf_counter() - t:.1f} s; {os.cpu_count()} CPUs")
    t = time.perf_counter()
    bills, cons, decs = world_inputs(world)
    signed = sum(b.text_sig is not None for b in bills) + sum(c.text_sig is not None for c in cons)
    print(f"texts signed (at download in production, not part of the matching): {signed} in "
          f"{time.perf_counter() - t:.1f} s")

    normalise_title.cache_clear()
    phases: list[tuple[str, float]] = []
    t0 = time.perf_counter()
    props = propose(bills, cons, decs, progress=lambda p: phases.append((p, time.perf_counter() - t0)))
    engine_s = time.perf_counter() - t0
    print(f"in-memory matching: {engine_s:.2f} s, {len(props)} links "
          + str(dict(Counter((p.target_type, p.status) for p in props))))
    for (name, start), nxt in zip(phases, [p[1] for p in phases[1:]] + [engine_s]):
        print(f"  {nxt - start:6.2f} s  {name}")
    for line in quality(world, props):
        print(line)
    print("ablation, the stress world:")
    ablation(world, bills, cons, decs)
    realistic_quality(args.realistic, args.seed)

    rate = naive_rate(bills, cons, args.sample)
    pairs = len(bills) * len(cons)
    naive_s = rate * pairs
    print(f"naive pairwise loop: {rate * 1e6:.2f} µs per pair on {args.sample} bills × {len(cons)} consultations; "
          f"{pairs / 1e6:.0f} M pairs would take {naive_s:.0f} s ({naive_s / 60:.1f} min) — "
          f"speed-up of the blocked matching ×{naive_s / engine_s:.0f}")

    if args.no_db:
        return
    with tempfile.TemporaryDirectory() as tmp:
        run_link_timings("SQLite", f"sqlite:///{tmp}/bench.sqlite3", world, (bills, cons))
    if args.pg:
        with temporary_pg_database(args.pg) as url:
            run_link_timings("PostgreSQL", url, world, (bills, cons))


def realistic_quality(n_bills: int, seed: int) -> None:
    """The 15 000-bill world packs 2 500 bills a year onto 83 laws (a stress test of speed), so
    most drafts have several same-law rivals that fit equally well. Parliament gets some 300–400
    bills a year (48 in the real list of September 2026), so recall and the review queue are also
    measured at that pace."""
    if n_bills <= 0:
        return
    start = dt.date(2017, 4, 19)
    world = generate_world(n_bills, seed=seed, start=start)
    years = (world.bills[-1].submitted_on - start).days / 365.25
    bills, cons, decs = world_inputs(world)
    normalise_title.cache_clear()
    props = propose(bills, cons, decs)
    print(f"at a realistic pace: {len(world.bills)} bills over {years:.1f} years ({len(world.bills) / years:.0f} a year), "
          f"{len(world.consultations)} consultations")
    for line in quality(world, props):
        print(line)
    print("ablation, at the realistic pace:")
    ablation(world, bills, cons, decs)


def run_link_timings(label: str, url: str, world: World, inputs: tuple[list[BillIn], list[ConsultationIn]]) -> None:
    migrate.upgrade(url)
    t = time.perf_counter()
    load_db(url, world, inputs)
    print(f"{label}: loaded in {time.perf_counter() - t:.1f} s (not part of the link timings)")
    for what, rebuild in (("lexwatch link, first run", False), ("lexwatch link, nothing changed", False),
                          ("lexwatch link --rebuild", True)):
        normalise_title.cache_clear()
        t = time.perf_counter()
        with session_scope(url) as s:
            report = link(s, rebuild=rebuild)
        total = time.perf_counter() - t
        print(f"  {what:32} {total:6.2f} s  examined {report.bills_examined}, initiatives +{report.initiatives_created}, "
              f"links +{report.links_created} ~{report.links_updated} -{report.links_removed}")
    # A night's worth of changes: 1 % of the bills re-read with changes, 1 % of consultations changed.
    ids = [b.id for b in world.bills][:: 100]
    cids = [c.id for c in world.consultations][:: 100]
    with session_scope(url) as s:
        now = utcnow()
        s.execute(update(Bill).where(Bill.id.in_(ids)).values(last_changed_at=now))
        s.execute(update(Consultation).where(Consultation.id.in_(cids)).values(last_changed_at=now))
    normalise_title.cache_clear()
    t = time.perf_counter()
    with session_scope(url) as s:
        report = link(s)
    print(f"  {'incremental, 1 % changed':32} {time.perf_counter() - t:6.2f} s  examined {report.bills_examined}, "
          f"links +{report.links_created} ~{report.links_updated} -{report.links_removed}")


@contextmanager
def temporary_pg_database(server_url: str) -> Iterator[str]:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from db.engine import dispose_engines

    name = f"lexwatch_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        dispose_engines()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

if __name__ == "__main__":
    main()
