"""Review UI latency on a database of the whole history: prints p50/p95 per page.

Fills a fresh database (SQLite by default, any URL with --db) with a generated history at the
scale of issue 15 — 20,000 bills, 10,000 consultations, 20,000 initiatives with one latest
evaluation each of 35 findings (700,000 findings), their review flags and links — then signs in
through the real app (Flask's test client: routing, the database, the templates; no network)
and times the pages staff use: the queue, the queue sorted by the bill's date, a filtered
queue, an initiative page, the link-review queue and the audit page.

The shapes are the stored rows' (db.models); the shares below are inferred (no measured rates
for the whole history exist yet) and marked so:
- a flag on 40% of initiatives, of which 20% high, 40% medium, 40% low (inferred);
- verdicts of a finding: PASS 45%, N_A 25%, UNKNOWN 12%, WARN 10%, FAIL 8% (inferred);
- a consultation link for half the initiatives, 8% of them in review, a quarter of those
  possible MP copies of ministry drafts (inferred);
- 5,000 staff decisions in the audit trail (inferred).

    .venv/bin/python bench/review_latency.py [--bills 20000] [--requests 40] [--db URL]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert  # noqa: E402

from db import migrate  # noqa: E402
from db.engine import session_scope  # noqa: E402
from db.models import (  # noqa: E402
    Bill, Consultation, Evaluation, Finding, Initiative, InitiativeLink, ReviewDecision, ReviewFlag,
)

PASSWORD = "bench password 1"
LAWS = ["Закона за водите", "Кодекса на труда", "Закона за горите", "Наказателния кодекс", "Закона за туризма",
        "Закона за здравето", "Закона за данък върху добавената стойност", "Закона за енергетиката",
        "Закона за движението по пътищата", "Закона за публичните финанси", "Изборния кодекс",
        "Закона за съдебната власт", "Закона за местните данъци и такси", "Закона за социалното подпомагане"]
OPERATIONS = ["изменение и допълнение на", "изменение на", "допълнение на"]
INITIATORS = [("council_of_ministers", 0.35), ("mps", 0.6), ("committee", 0.03), ("mixed", 0.02)]  # inferred
VERDICTS = [("PASS", 0.45), ("N_A", 0.25), ("UNKNOWN", 0.12), ("WARN", 0.10), ("FAIL", 0.08)]  # inferred
INSTITUTIONS = ["Министерство на околната среда и водите", "Министерство на труда и социалната политика",
                "Министерство на земеделието и храните", "Министерство на правосъдието", "Министерство на финансите"]


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def fill(url: str, bills: int, seed: int = 1) -> dict[str, int]:
    from criteria.catalogue import CATALOGUE

    rng = random.Random(seed)
    criteria = [c.id for c in CATALOGUE]
    start = dt.date(2001, 7, 1)
    span = (dt.date(2026, 11, 30) - start).days
    consultations = bills // 2
    now = dt.datetime(2026, 12, 1, 3, 0)
    counts = {}
    with session_scope(url) as s:
        from monitor.review.accounts import add_user

        add_user(s, "bench", PASSWORD)
        bill_rows = []
        for i in range(bills):
            day = start + dt.timedelta(days=span * i // bills)
            assembly = 39 + (day.year - 2001) // 4 + (1 if day.year >= 2021 else 0)
            initiator = _pick(rng, INITIATORS)
            title = f"Законопроект за {rng.choice(OPERATIONS)} {rng.choice(LAWS)}"
            bill_rows.append({"id": 100_000 + i, "signature": f"{assembly}-{'602' if initiator == 'council_of_ministers' else '654'}-01-{i % 400}",
                              "title": title, "assembly": assembly, "submitted_on": day, "initiator": initiator,
                              "status": rng.choice(["submitted", "in_committee", "first_reading_passed", "adopted", "rejected"]),
                              "source_url": f"https://www.parliament.bg/api/v1/bill/{100_000 + i}", "content_hash": "0" * 64})
        s.execute(insert(Bill), bill_rows)
        cons_rows = []
        for i in range(consultations):
            day = start + dt.timedelta(days=span * i // consultations)
            cons_rows.append({"id": 1000 + i, "reg_num": f"{1000 + i}-K", "source": "api",
                              "title": f"Проект на Закон за {rng.choice(OPERATIONS)} {rng.choice(LAWS)}",
                              "institution_name": rng.choice(INSTITUTIONS), "act_type": "Закон", "date_open": day,
                              "date_close": day + dt.timedelta(days=30), "duration_days": 30,
                              "source_url": f"https://strategy.bg/bg/public-consultations/{1000 + i}", "content_hash": "0" * 64})
        s.execute(insert(Consultation), cons_rows)
        s.execute(insert(Initiative), [{"id": i + 1, "bill_id": b["id"], "title": b["title"], "initiator": b["initiator"],
                                        "created_at": now, "updated_at": now} for i, b in enumerate(bill_rows)])
        s.execute(insert(Evaluation), [{"id": i + 1, "initiative_id": i + 1, "is_latest": True, "ruleset_version": "1.0.0",
                                        "thresholds_hash": "t" * 64, "input_hash": "i" * 64, "evaluated_at": now,
                                        "principle_scores": {}, "composite": {}, "summary": {}} for i in range(bills)])
        counts["findings"] = 0
        batch: list[dict] = []
        bad: dict[int, list[dict]] = {}
        for e in range(1, bills + 1):
            for cid in criteria:
                verdict = _pick(rng, VERDICTS)
                if verdict in ("FAIL", "WARN"):
                    bad.setdefault(e, []).append({"criterion": cid, "verdict": verdict})
                batch.append({"evaluation_id": e, "criterion_id": cid, "verdict": verdict, "principles": ["openness"],
                              "confidence": "C", "explanation_bg": f"Обяснение на {cid}: срокът е {rng.randint(0, 60)} дни.",
                              "explanation_en": f"Explanation of {cid}.", "evidence": {"days": rng.randint(0, 60),
                                                                                       "date_open": "2024-05-02"}})
            if len(batch) >= 35_000:
                s.execute(insert(Finding), batch)
                counts["findings"] += len(batch)
                batch = []
        if batch:
            s.execute(insert(Finding), batch)
            counts["findings"] += len(batch)
        flags = []
        for e in range(1, bills + 1):
            if rng.random() < 0.40 and e in bad:  # inferred share
                flags.append({"initiative_id": e, "evaluation_id": e, "severity": _pick(rng, [("high", .2), ("medium", .4), ("low", .4)]),
                              "reasons": bad[e][:4], "status": "open", "created_at": now, "updated_at": now})
        s.execute(insert(ReviewFlag), flags)
        links = []
        for i in range(0, bills, 2):
            review = rng.random() < 0.08  # inferred
            mp = review and bill_rows[i]["initiator"] == "mps" and rng.random() < 0.25 * 1.6
            cid = 1000 + min(consultations - 1, i // 2)
            links.append({"initiative_id": i + 1, "bill_id": bill_rows[i]["id"], "target_type": "consultation",
                          "target_id": cid, "method": "title_match", "score": round(rng.uniform(85, 100), 2),
                          "margin": round(rng.uniform(0, 5), 2), "status": "review" if review else "proposed",
                          "flag": "mp_bill_matches_ministry_draft" if mp else None, "created_at": now, "updated_at": now,
                          "evidence": {"bill_law": "закон за водите", "target_law": "закон за водите", "law_similarity": 100.0,
                                       "rest_similarity": 90.0, "date_score": 96.9, "gap_days": rng.randint(0, 120),
                                       "institution_score": 60.0, "operations": ["изменение и допълнение"] * 2,
                                       "topics": {"bill": [], "target": ["environment"]}, "reg_num": f"{cid}-K",
                                       "date_open": "2026-07-01", "date_close": "2026-07-31"}})
        s.execute(insert(InitiativeLink), links)
        s.execute(insert(ReviewDecision), [{"kind": "flag", "record_id": rng.randint(1, len(flags)), "initiative_id": rng.randint(1, bills),
                                            "decision": rng.choice(["confirmed", "dismissed"]), "note": "проверено",
                                            "reviewer": rng.choice(["ana", "boris", "vera"]),
                                            "decided_at": now - dt.timedelta(minutes=i)} for i in range(5000)])
        counts.update(bills=bills, consultations=consultations, initiatives=bills, evaluations=bills, flags=len(flags),
                      links=len(links), review_links=sum(1 for lk in links if lk["status"] == "review"))
    return counts


def measure(url: str, requests: int, seed: int = 2) -> dict[str, list[float]]:
    import re

    from monitor.review import create_app

    app = create_app(url, secret_key="bench-" + "x" * 40)
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)
    assert client.post("/login", data={"csrf_token": token, "username": "bench", "password": PASSWORD}).status_code == 302
    rng = random.Random(seed)
    with session_scope(url) as s:
        from sqlalchemy import func, select

        n = s.scalar(select(func.count()).select_from(Initiative))
    pages = {
        "queue": lambda: "/",
        "queue by bill date": lambda: "/?sort=date",
        "filter (criterion+assembly+initiator+dates)": lambda: "/?criterion=CONS-02&assembly=41&initiator=mps&from=2010-01-01&to=2012-12-31",
        "initiative page": lambda: f"/initiatives/{rng.randint(1, n)}",
        "link-review queue": lambda: "/links",
        "audit": lambda: "/audit",
    }
    times: dict[str, list[float]] = {}
    for name, path in pages.items():
        for _ in range(3):  # warm-up: caches and the first query plans
            client.get(path())
        times[name] = []
        for _ in range(requests):
            p = path()
            started = time.perf_counter()
            resp = client.get(p)
            times[name].append((time.perf_counter() - started) * 1000)
            assert resp.status_code == 200, (p, resp.status_code)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bills", type=int, default=20_000, help="bills (= initiatives); consultations are half")
    ap.add_argument("--requests", type=int, default=40, help="timed requests per page")
    ap.add_argument("--db", help="an empty database URL (default: a fresh SQLite file in a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'history.sqlite3'}"
        migrate.upgrade(url)
        started = time.perf_counter()
        counts = fill(url, args.bills)
        print(f"filled in {time.perf_counter() - started:.1f} s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        times = measure(url, args.requests)
        print(f"{'page':46} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  (n={args.requests}, target p95 <= 200 ms)")
        for name, values in times.items():
            values.sort()
            p95 = values[max(0, int(round(0.95 * len(values))) - 1)]
            print(f"{name:46} {statistics.median(values):8.1f} {p95:8.1f} {values[-1]:8.1f}"
                  f"{'' if p95 <= 200 else '  OVER'}")


if __name__ == "__main__":
    main()
