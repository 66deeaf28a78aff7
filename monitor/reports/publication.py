"""The assessment a watchdog publishes: comparison by initiator, ranking, trends, recommendations,
methodology. Language-neutral data (numbers, codes, both languages' texts); the HTML/PDF editions
put it into words, the JSON edition is it.

Every figure is over the same rows: evaluated initiatives, without the portfolio exclusions
(ratification, budget, constitution) unless the report includes them, as the engine's aggregates.
"""
from __future__ import annotations

import statistics
from collections import Counter
from typing import TYPE_CHECKING, Any

from core.parliament import Initiator
from criteria.summary import RootCause, root_causes
from monitor.reports.process import time_in_parliament
from monitor.reports.recommendations import RECOMMENDATIONS

if TYPE_CHECKING:
    from monitor.reports.model import InitiativeRow, Report

# The comparison always has the two routes of the civic report, then any other initiator present.
ROUTES = (Initiator.COUNCIL_OF_MINISTERS.value, Initiator.MPS.value)
EXAMPLES = 5
# NA-07's "stalled" WARN is not a shortcoming of a bill that lapsed with its Assembly's term.
STALLED = "NA-07"


def used_rows(report: Report) -> list[InitiativeRow]:
    return [r for r in report.rows if r.evaluation_id is not None and (report.include_excluded or not r.excluded)]


def _share(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _median(values: list[int | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def _applies(criterion: str, initiator: str) -> bool:
    from criteria.criterion import REGISTRY

    crit = REGISTRY.get(criterion)
    return crit is not None and initiator in crit.initiators


def row_causes(r: InitiativeRow) -> list[RootCause]:
    ignore = [STALLED] if r.process is not None and r.process.status == "lapsed" else []
    return root_causes(r.verdicts, r.confidences, ignore=ignore)


def compare(rows: list[InitiativeRow], initiator: str) -> dict[str, Any]:
    """Process facts of one route. A requirement that does not apply to it is null, with the reason."""
    n = len(rows)
    adopted = [r for r in rows if r.process and r.process.adopted_on is not None]
    consulted = [r for r in rows if r.process and r.process.consulted]
    ia_judged = [r for r in rows if r.verdicts.get("IA-01") in ("PASS", "WARN", "FAIL")]
    ia_done = [r for r in ia_judged if r.verdicts["IA-01"] in ("PASS", "WARN")]
    sittings = [r for r in adopted if r.process.one_sitting is not None]
    one = [r for r in sittings if r.process.one_sitting]
    times = [time_in_parliament(r.process, r.submitted_on) for r in rows if r.process]
    consult_required = _applies("CONS-01", initiator)
    ia_required = _applies("IA-01", initiator)
    causes = [sum(c.weight for c in row_causes(r)) for r in rows]
    out: dict[str, Any] = {
        "bills": n,
        "adopted": len(adopted),
        "adopted_share": _share(len(adopted), n),
        "consulted_share": _share(len(consulted), n) if consult_required else None,
        "median_consultation_days": _median([r.process.consultation_days for r in consulted]) if consult_required else None,
        "impact_assessment_share": _share(len(ia_done), len(ia_judged)) if ia_required else None,
        "median_days_submission_to_first_reading": _median([t["submission_to_first_reading"] for t in times]),
        "median_committee_days": _median([t["committee"] for t in times]),
        "median_proposals_window_days": _median([t["proposals_window"] for t in times]),
        "median_days_first_to_second_reading": _median([t["first_to_second_reading"] for t in times]),
        "median_days_in_parliament": _median([t["submission_to_adoption"] for t in times]),
        "one_sitting_share": _share(len(one), len(sittings)),
        "mean_root_score": round(sum(causes) / n, 2) if n else None,
        "counts": {
            "consulted": len(consulted), "impact_assessment": [len(ia_done), len(ia_judged)],
            "one_sitting": [len(one), len(sittings)],
        },
        "not_required": [k for k, req in (("consulted_share", consult_required),
                                           ("median_consultation_days", consult_required),
                                           ("impact_assessment_share", ia_required)) if not req],
    }
    return out


def ranking(rows: list[InitiativeRow]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        causes = row_causes(r)
        if not causes:
            continue
        out.append({
            "bill_id": r.bill_id, "signature": r.signature, "title": r.title, "initiator": r.initiator,
            "status": r.process.status if r.process else r.bill_status,
            "score": sum(c.weight for c in causes),
            "submitted_on": r.submitted_on.isoformat() if r.submitted_on else None,
            "days_in_parliament": time_in_parliament(r.process, r.submitted_on) if r.process else None,
            "root_causes": [{**c.to_dict(), "unreviewed_link": bool(r.unreviewed & {c.criterion, *c.consequences})}
                            for c in causes],
            "public_url": r.public_url,
            "consultation_url": r.process.consultation_url if r.process else None,
            "council_decision_url": r.process.council_act_url if r.process else None,
        })
    out.sort(key=lambda x: (-x["score"], -len(x["root_causes"]), x["signature"]))
    for i, item in enumerate(out, start=1):
        item["rank"] = i
    return out


def _group(rows: list[InitiativeRow], key) -> dict[str, list[InitiativeRow]]:
    groups: dict[str, list[InitiativeRow]] = {}
    for r in rows:
        k = key(r)
        if k is not None:
            groups.setdefault(str(k), []).append(r)
    return dict(sorted(groups.items()))


def trends(rows: list[InitiativeRow]) -> dict[str, Any]:
    def stats(rs: list[InitiativeRow]) -> dict[str, Any]:
        by_init = Counter(r.initiator for r in rs)
        com = [r for r in rs if r.initiator == Initiator.COUNCIL_OF_MINISTERS.value]
        c = compare(rs, "any")  # shares over all the group's bills; consultation only over CoM bills below
        return {
            "bills": len(rs), "by_initiator": dict(sorted(by_init.items())),
            "adopted_share": c["adopted_share"],
            "consulted_share_council_of_ministers": _share(sum(1 for r in com if r.process and r.process.consulted), len(com)),
            "impact_assessment_share": _share(*c["counts"]["impact_assessment"]),
            "one_sitting_share": c["one_sitting_share"],
            "median_days_in_parliament": c["median_days_in_parliament"],
            "mean_root_score": c["mean_root_score"],
        }

    return {
        "by_year": {k: stats(v) for k, v in _group(rows, lambda r: r.submitted_on.year if r.submitted_on else None).items()},
        "by_assembly": {k: stats(v) for k, v in _group(rows, lambda r: r.assembly).items()},
        "by_initiator": {k: stats(v) for k, v in _group(rows, lambda r: r.initiator).items()},
    }


def recommendations(rows: list[InitiativeRow]) -> list[dict[str, Any]]:
    from criteria.criterion import REGISTRY

    failing: dict[str, list[InitiativeRow]] = {}
    as_root: Counter[str] = Counter()
    for r in rows:
        for cid, v in r.verdicts.items():
            if v == "FAIL":
                failing.setdefault(cid, []).append(r)
        for c in row_causes(r):
            if c.verdict == "FAIL":
                as_root[c.criterion] += 1
    out = []
    for cid, rs in failing.items():
        crit = REGISTRY.get(cid)
        text = RECOMMENDATIONS.get(cid)
        judged = sum(1 for r in rows if r.verdicts.get(cid) in ("PASS", "WARN", "FAIL"))
        out.append({
            "criterion": cid,
            "name_bg": crit.name_bg if crit else cid, "name_en": crit.name_en if crit else cid,
            "text_bg": text[0] if text else None, "text_en": text[1] if text else None,
            "legal_basis": crit.legal_basis if crit else None, "confidence": crit.confidence if crit else None,
            "fails": len(rs), "judged": judged, "share": _share(len(rs), judged),
            "as_root_cause": as_root.get(cid, 0),
            "by_initiator": dict(sorted(Counter(r.initiator for r in rs).items())),
            "bills": [{"bill_id": r.bill_id, "signature": r.signature, "public_url": r.public_url}
                      for r in rs[:EXAMPLES]],
        })
    out.sort(key=lambda x: (-x["as_root_cause"], -x["fails"], x["criterion"]))
    return out


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def methodology(report: Report) -> dict[str, Any]:
    from criteria.catalogue import CATALOGUE
    from criteria.summary import CASCADES
    from criteria.thresholds import load
    from monitor.reports.labels import CAVEATS, CONFIDENCE_MEANING

    th = load()
    return {
        "criteria": [{"id": c.id, "name_bg": c.name_bg, "name_en": c.name_en, "legal_basis": c.legal_basis,
                      "confidence": c.confidence, "applies_to": sorted(c.initiators - {"unknown"}),
                      "thresholds": {k: _plain(th.section(c.id).get(k)) for k in c.settings},
                      "principles": [p.key for p in c.principles]} for c in CATALOGUE],
        "confidence_tags": {k: {"bg": bg, "en": en} for k, (bg, en) in CONFIDENCE_MEANING.items()},
        "scoring": {"FAIL": 1.0, "WARN": 0.5, "unverified_fail": 0.5},
        "cascades": {k: list(v) for k, v in CASCADES.items()},
        "caveats": [{"bg": bg, "en": en} for bg, en in CAVEATS],
        "reform_date": th.reform_date.isoformat(),
        "portfolio_excluded": report.aggregates["all"].get("portfolio_excluded"),
    }


def analyse(report: Report) -> dict[str, Any]:
    rows = used_rows(report)
    initiators = [*ROUTES, *sorted({r.initiator for r in rows} - set(ROUTES))]
    ranked = ranking(rows)
    excluded = [r for r in report.rows if r.evaluation_id is not None and r.excluded]
    root_counter: Counter[str] = Counter(c["criterion"] for item in ranked for c in item["root_causes"])
    return {
        "totals": {
            "initiatives": len(report.rows),
            "evaluated": sum(1 for r in report.rows if r.evaluation_id is not None),
            "assessed": len(rows),
            "excluded": len(excluded) if not report.include_excluded else 0,
            "excluded_by_kind": dict(Counter(r.excluded for r in excluded)) if not report.include_excluded else {},
            "with_root_causes": len(ranked),
            "lapsed": sum(1 for r in rows if r.process and r.process.status == "lapsed"),
            "verdicts": dict(Counter(v for r in rows for v in r.verdicts.values())),
            "unreviewed_links": sum(1 for r in rows if r.process and r.process.link_unreviewed),
        },
        "comparison": {i: compare([r for r in rows if r.initiator == i], i) for i in initiators},
        "ranking": ranked,
        "root_cause_counts": dict(root_counter.most_common()),
        "trends": trends(rows),
        "recommendations": recommendations(rows),
        "methodology": methodology(report),
    }
