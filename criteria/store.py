"""Evaluations in the database: incremental, idempotent re-evaluation and the review queue.

An initiative is evaluated again only when something its verdicts depend on changed: its
assembled input (hash), the ruleset (version + hash of the rule sources), the thresholds
(hash), or a date a finding said it would change on (`recheck_on`, e.g. a pending bill turning
"stalled"). A run over unchanged data writes nothing. Each evaluation is a new `evaluations`
row (the previous one stays, `is_latest` false) with its `findings`.

Review flags: a flag is opened when an evaluation raises one; an open flag follows later
evaluations; a flag staff have reviewed (confirmed or dismissed) is never reopened for the
same reasons (criterion and verdict pairs) — when the reasons change, a new open flag is
created beside it, so the reviewed decision stays on record. An open flag whose reasons
disappear is closed as "resolved".
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.errors import LexwatchError
from criteria.assemble import assemble_many
from criteria.evaluate import EvaluationResult, evaluate, ruleset_version
from criteria.initiative import input_hash
from criteria.summary import Flag
from criteria.thresholds import Thresholds
from db.models import Evaluation, Finding, Initiative, ReviewFlag, utcnow

log = logging.getLogger(__name__)

REVIEWED = ("confirmed", "dismissed")


@dataclass
class RunStats:
    initiatives: int = 0
    evaluated: int = 0
    unchanged: int = 0
    flags_opened: int = 0
    flags_updated: int = 0
    flags_resolved: int = 0
    flags_kept_reviewed: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def _reason_keys(reasons: Any) -> frozenset[str]:
    out = set()
    for r in reasons or []:
        if isinstance(r, dict):
            out.add(f"{r.get('criterion')}:{r.get('verdict')}")
        elif isinstance(r, str):
            out.add(r)
    return frozenset(out)


def sync_flag(session: Session, initiative_id: int, evaluation_id: int, flag: Flag | None, stats: RunStats) -> None:
    latest = session.scalars(
        select(ReviewFlag).where(ReviewFlag.initiative_id == initiative_id)
        .order_by(ReviewFlag.created_at.desc(), ReviewFlag.id.desc()).limit(1)
    ).first()
    now = utcnow()
    if flag is None:
        if latest is not None and latest.status == "open":
            latest.status = "resolved"
            latest.evaluation_id = evaluation_id
            latest.updated_at = now
            latest.note = (latest.note + "\n" if latest.note else "") + \
                f"resolved automatically: evaluation {evaluation_id} no longer raises it"
            stats.flags_resolved += 1
        return
    reasons = flag.to_dict()["reasons"]
    keys = frozenset(flag.reason_keys())
    if latest is not None:
        same = _reason_keys(latest.reasons) == keys
        if latest.status == "open":
            latest.evaluation_id = evaluation_id
            if not same or latest.severity != flag.severity:
                latest.reasons, latest.severity, latest.updated_at = reasons, flag.severity, now
                stats.flags_updated += 1
            return
        if latest.status in REVIEWED and same:
            stats.flags_kept_reviewed += 1
            return
    session.add(ReviewFlag(initiative_id=initiative_id, evaluation_id=evaluation_id, severity=flag.severity,
                           reasons=reasons, status="open", created_at=now, updated_at=now))
    stats.flags_opened += 1


def write_evaluation(session: Session, initiative_id: int, result: EvaluationResult) -> Evaluation:
    session.execute(update(Evaluation).where(Evaluation.initiative_id == initiative_id, Evaluation.is_latest.is_(True))
                    .values(is_latest=False))
    row = Evaluation(
        initiative_id=initiative_id, is_latest=True, ruleset_version=result.ruleset_version,
        thresholds_hash=result.thresholds_hash, input_hash=result.input_hash, evaluated_at=utcnow(),
        principle_scores=result.principle_scores, composite=result.composite,
        flag_severity=result.flag.severity if result.flag else None, summary=result.summary(),
    )
    row.findings = [
        Finding(criterion_id=f.criterion_id, verdict=f.verdict.value, principles=[p.key for p in f.principles],
                confidence=f.confidence, explanation_bg=f.explanation_bg, explanation_en=f.explanation_en,
                evidence={**f.evidence, **({"labels": list(f.labels)} if f.labels else {})})
        for f in result.findings
    ]
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:  # uq_evaluations_one_latest: another writer got there first
        raise LexwatchError(
            f"initiative {initiative_id}: another evaluation was written at the same moment "
            "(two `lexwatch evaluate` at once?); nothing of this batch was kept, run it again"
        ) from exc
    return row


def _due(latest: Evaluation | None, h: str, th: Thresholds, as_of: dt.date) -> bool:
    if latest is None:
        return True
    if (latest.input_hash, latest.ruleset_version, latest.thresholds_hash) != (h, ruleset_version(), th.hash):
        return True
    recheck = (latest.summary or {}).get("recheck_on")
    return bool(recheck and dt.date.fromisoformat(recheck) <= as_of)


def evaluate_stored(
    session_factory: Callable[[], Any],
    thresholds: Thresholds,
    *,
    as_of: dt.date | None = None,
    force: bool = False,
    initiative_ids: list[int] | None = None,
    batch: int = 200,
    progress: Callable[[RunStats], None] | None = None,
) -> RunStats:
    """Evaluate the stored initiatives that need it; one transaction per batch.

    `session_factory()` returns a context manager yielding a session that commits on exit
    (db.engine.session_scope / db.session.open_session with the URL bound).
    """
    day = as_of or dt.date.today()
    stats = RunStats()
    with session_factory() as session:
        q = select(Initiative.id).order_by(Initiative.id)
        if initiative_ids is not None:
            q = q.where(Initiative.id.in_(initiative_ids))
        ids = list(session.scalars(q))
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        with session_factory() as session:
            rows = list(session.scalars(select(Initiative).where(Initiative.id.in_(chunk)).order_by(Initiative.id)))
            latest = {e.initiative_id: e for e in session.scalars(
                select(Evaluation).where(Evaluation.initiative_id.in_(chunk), Evaluation.is_latest.is_(True)))}
            for row, ini in assemble_many(session, rows):
                stats.initiatives += 1
                h = input_hash(ini)
                if not force and not _due(latest.get(row.id), h, thresholds, day):
                    stats.unchanged += 1
                    continue
                result = evaluate(ini, thresholds, day, known_input_hash=h)
                ev = write_evaluation(session, row.id, result)
                row.data_hash = h
                row.updated_at = utcnow()
                sync_flag(session, row.id, ev.id, result.flag, stats)
                stats.evaluated += 1
        if progress:
            progress(stats)
    return stats


# --------------------------------------------------------------------------- reading back


def latest_evaluation(session: Session, initiative_id: int) -> dict[str, Any] | None:
    """The latest stored evaluation of an initiative as plain data (for `initiatives show` and others):
    {evaluation_id, evaluated_at, ruleset_version, thresholds_hash, flag_severity, principle_scores,
    composite, summary, findings: [{criterion, verdict, confidence, principles, explanation_bg,
    explanation_en, evidence}]}, or None if it was never evaluated."""
    ev = session.scalars(
        select(Evaluation).where(Evaluation.initiative_id == initiative_id, Evaluation.is_latest.is_(True))
        .order_by(Evaluation.evaluated_at.desc(), Evaluation.id.desc()).limit(1)
    ).first()
    if ev is None:
        return None
    from criteria.catalogue import CATALOGUE

    order = {c.id: i for i, c in enumerate(CATALOGUE)}
    findings = sorted(ev.findings, key=lambda f: (order.get(f.criterion_id, len(order)), f.criterion_id))
    return {
        "evaluation_id": ev.id,
        "evaluated_at": ev.evaluated_at.isoformat(timespec="seconds"),
        "ruleset_version": ev.ruleset_version,
        "thresholds_hash": ev.thresholds_hash,
        "input_hash": ev.input_hash,
        "flag_severity": ev.flag_severity,
        "principle_scores": ev.principle_scores,
        "composite": ev.composite,
        "summary": ev.summary,
        "findings": [{"criterion": f.criterion_id, "verdict": f.verdict, "confidence": f.confidence,
                      "principles": f.principles, "explanation_bg": f.explanation_bg,
                      "explanation_en": f.explanation_en, "evidence": f.evidence} for f in findings],
    }
