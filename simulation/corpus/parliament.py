"""Render a generated world (simulation.corpus.world) as parliament.bg answers for the replay server.

The folder mirrors the real URL paths: `api/v1/archive-period/bg/L_Acts/{y}/{m}/1/0` (one
list per month, `[]` for a month without bills), `api/v1/bill/{id}`, `api/v1/act/{id}` (adopted
bills) and `api/v1/fn-assembly/bg`. Payloads have the real answers' keys, key order, types and
sentinels (`0000-00-00`, `0001-01-01 00:00:00`, `L_Act_dv_ID` -1, `""` for no ДВ issue) and
the real compact encoding: no spaces, all non-ASCII as `\\uXXXX`, slashes unescaped (that is how
the real `bill/` and list answers are stored, byte for byte: see shared/fixtures/parliament).

`write_real_fixtures` builds a replay folder from the real payloads in shared/fixtures (at test
time, in a temporary folder; they are never copied into the repository).

Where the world has no counterpart of a field (committee reports, opinions, proposals between
readings, the decree text of the State Gazette), the values are made up in the real shapes;
the reports' wording follows the real `A_Cm_Stan_sub` lines.

Real shapes the payloads follow, with the rate of each read from the real bill answers in
shared/fixtures/parliament (two `bill/` answers, three `act/` answers: small samples, say so):
- `L_act_proposal_date` holds the deadline for proposals between the votes (bill 167546:
  2026-10-01, first vote 2026-09-24; 166636: 2026-02-23, first vote 2026-02-18) and
  `L_act_proposal_date2` is `0000-00-00` (5 of 5 payloads; the world's first-reading day is not
  written anywhere);
- a withdrawn bill says so by the top-level `withdrawn` flag, with no stage row of its own (the
  world records the withdrawal as a stage: it is not written);
- NO_LEAD_FIRST_ROW_RATE (1 of 2 real bills that reached the hall's first reading, 166636) of
  the bills with a first reading in the hall have no lead-committee first-reading row in
  `activity` and no `stan_list` report;
- the second-reading report is dated the day before the committee's sitting, its draft two days
  before (166636: reports 2026-02-24 and -23, sitting 2026-02-25; 1 of 1), the first-reading
  report the day after it (167546: report 2026-09-17, sitting 2026-09-16; 1 of 1).
`published_stages(b)` gives the world's stages as the payload writes them.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.parliament import COUNCIL_BODY_ID, BillStatus, Initiator
from simulation.corpus.vocab import COMMITTEES
from simulation.corpus.model import World, WorldBill

API = "api/v1"
NO_LEAD_FIRST_ROW_RATE = 0.5  # 1 of 2 real bills with a hall first reading (bill-166636.json)
FIRST_REPORT_AFTER_SITTING = 1  # days (bill-167546.json)
SECOND_REPORT_BEFORE_SITTING = 1  # days (bill-166636.json); its draft (stan_list2) one more day before
WITHDRAWAL_EVENT = "оттеглен"  # how the world records a withdrawal; parliament.bg has only the flag
NO_DATE = "0000-00-00"
NO_DATETIME = "0001-01-01 00:00:00"
MONTHS_GENITIVE = ["януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември", "декември"]
ORDINAL_SUFFIX = "-вото"  # "51-вото Народно събрание", as the closing formula writes it


def dump(obj: Any) -> bytes:
    """The real answers' encoding (PHP json_encode style, as stored in the real fixtures)."""
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _dt(day: dt.date | None, sentinel: str = NO_DATETIME) -> str:
    return f"{day.isoformat()} 00:00:00" if day else sentinel


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else NO_DATE


def _bg_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def _committee(key: str | None) -> tuple[int | None, str | None]:
    return COMMITTEES[key] if key in COMMITTEES else (None, None)


def _who(b: WorldBill) -> str:
    if b.initiator == Initiator.COUNCIL_OF_MINISTERS:
        return Initiator.COUNCIL_OF_MINISTERS.bg
    first = b.mps[0].names if b.mps else ("", "", "")
    who = " ".join(n.capitalize() for n in first).strip()
    return f"{who} и група народни представители" if len(b.mps) > 1 else who


def _subject(kind: str, b: WorldBill) -> str:
    title = b.title[0].lower() + b.title[1:]
    return f"{kind} относно {title}, № {b.signature}, внесен от {_who(b)} на {b.submitted_on:%d.%m.%Y} г."


def _no_lead_first_row(b: WorldBill) -> bool:
    reached_hall = any(s.stage == "зала първо гласуване" and s.event != WITHDRAWAL_EVENT for s in b.stages)
    return reached_hall and random.Random(f"no-lead-first:{b.id}").random() < NO_LEAD_FIRST_ROW_RATE


def published_stages(b: WorldBill) -> list:
    """The world's stages as `activity` lists them: no withdrawal row (the flag says it) and, for
    some bills with a hall first reading, no lead-committee first-reading row."""
    drop_first = _no_lead_first_row(b)
    return [
        s for s in b.stages
        if s.event != WITHDRAWAL_EVENT and not (drop_first and s.stage == "комисии първо гласуване")
    ]  # fmt: skip


def bill_payload(b: WorldBill, *, current_assembly: int | None = None) -> dict[str, Any]:
    """`GET /api/v1/bill/{id}` for a world bill, keys in the real order."""
    rng = random.Random(b.id * 7919)  # per bill and independent of the stages, so a mutation changes only what it changes
    n_opinions, report_lag, proposal_count = rng.randint(0, 3), rng.randint(1, 3), rng.randint(0, 3)
    opinion_bodies = rng.sample(["Министерство на финансите", "Висш адвокатски съвет", "Национално сдружение на общините", "Омбудсман на Република България", "Прокуратура на Република България", "Икономически и социален съвет"], 3)
    lead_id, lead_name = _committee(b.lead_committee)
    adopted = b.status == BillStatus.ADOPTED

    dist = [{"L_Act_D_id": b.id % 100000 + 20000, "A_ns_C_id": lead_id, "A_ns_CL_value": lead_name, "L_Act_DTL_value": "водеща"}]
    for i, key in enumerate(b.other_committees, 1):
        cid, cname = _committee(key)
        dist.append({"L_Act_D_id": b.id % 100000 + 20000 + i, "A_ns_C_id": cid, "A_ns_CL_value": cname, "L_Act_DTL_value": "участваща"})

    activity, steno_com, steno_hall = [], [], []
    for s in published_stages(b):
        cid, cname = _committee(s.committee)
        row = {
            "L_Act_A_id": s.activity_id,
            "L_Act_St_date": s.date.isoformat(),
            "Pl_Sten_id": s.plenary_steno_id,
            "A_Cm_Stid": s.committee_steno_id,
            "A_ns_C_id": cid,
            "A_ns_CL_value": cname,
            "L_Act_St_name": s.event,
            "L_Act_St2_name": s.stage,
        }
        activity.append(row)
        if s.committee_steno_id:
            steno_com.append({k: row[k] for k in ("L_Act_A_id", "L_Act_St_date", "A_Cm_Stid", "A_ns_C_id", "A_ns_CL_value", "L_Act_St_name", "L_Act_St2_name")})
        if s.plenary_steno_id:
            steno_hall.append({k: row[k] for k in ("L_Act_A_id", "L_Act_St_date", "Pl_Sten_id", "L_Act_St_name", "L_Act_St2_name")})

    def report(s_date: dt.date, kind: str, stage: str, report_id: int, offset: int | None = None) -> dict[str, Any]:
        return {
            "A_Cm_Stan_date": (s_date + dt.timedelta(days=report_lag if offset is None else offset)).isoformat(),
            "A_Cm_Stanid": report_id,
            "A_ns_C_id": lead_id,
            "A_ns_CL_value": lead_name,
            "L_Act_St_name": stage,
            "A_Cm_Stan_sub": _subject(kind, b),
        }

    stan_list, stan_list2, stan_list2_1, standp = [], [], [], []
    for i, s in enumerate(published_stages(b)):
        if s.committee and s.stage == "комисии първо гласуване" and s.event == "приет":
            stan_list.append(report(s.date, "Доклад за първо гласуване", "първо гласуване", 20000 + s.activity_id % 10000, FIRST_REPORT_AFTER_SITTING))
        if s.committee and s.stage == "комисии второ гласуване" and s.event == "приет":
            stan_list2.append(report(s.date, "Проект на доклад за второ гласуване", "проект второ гласуване", 30000 + s.activity_id % 10000, -SECOND_REPORT_BEFORE_SITTING - 1))
            stan_list2_1.append(report(s.date, "Доклад за второ гласуване", "второ гласуване", 40000 + s.activity_id % 10000, -SECOND_REPORT_BEFORE_SITTING))
    for i in range(n_opinions):
        day = b.submitted_on + dt.timedelta(days=3 + 2 * i)
        standp.append(report(day, f"Становище на {opinion_bodies[i % 3]}", "първо гласуване", 50000 + (b.id * 3 + i) % 10000))

    proposals = []
    if b.proposals_from and any(s.stage == "комисии второ гласуване" for s in b.stages):
        for i in range(proposal_count):
            reg = f"{b.assembly}-654-04-{(b.id + i) % 900 + 1}"
            mp = b.mps[i % len(b.mps)] if b.mps else None
            proposals.append({
                "ID": 700000 + (b.id * 5 + i) % 100000,
                "L_Act_id": b.id,
                "RN_DOC": reg,
                "DAT_DOC": (b.proposals_until or b.proposals_from).isoformat(),
                "ANOT": b.title,
                "C_St_id": 1,
                "imp_list": [{"A_ns_MP_id": mp.id, "A_ns_MPL_Name1": mp.names[0], "A_ns_MPL_Name2": mp.names[1], "A_ns_MPL_Name3": mp.names[2]}] if mp else [],
                "act_files": [{"FILENAME": f"{reg}.pdf"}],
            })  # fmt: skip

    order = []
    if current_assembly is not None and b.assembly == current_assembly:
        # The chair's distribution order (разпореждане), as on bill 167546 of the 52nd assembly.
        # Mostly the same or the next days; now and then past the 3-day term of ПОДНС (NA-01), never
        # after the lead committee's first sitting.
        reg = f"{b.assembly}-650-01-{b.id % 900 + 1}"
        day = b.submitted_on + dt.timedelta(days=random.Random(f"order:{b.id}").choices(
            (0, 1, 2, 3, 5, 8), weights=(35, 30, 15, 8, 7, 5))[0])
        sittings = [s.date for s in b.stages if s.date and s.date >= b.submitted_on and s.stage.startswith("комисии")]
        day = min([day, *sittings])
        order.append({"FILENAME": f"{reg}.pdf", "ID": b.files[0][0] + 500 if b.files else b.id, "DAT_DOC": day.isoformat(), "RN_DOC": reg, "ANOT": b.title, "L_ActF_id": 17000 + b.id % 1000})

    return {
        "L_Act_id": b.id,
        "L_Act_sign": b.signature,
        "L_Act_new_id": None,
        "L_Act_date": _dt(b.submitted_on),
        "L_act_proposal_date": _d(b.proposals_until),  # the world's deadline: the real field holds the deadline
        "L_act_proposal_date2": NO_DATE,  # empty in every real payload at hand
        "L_Act_veto_date": None,
        "L_Act_veto": None,
        "sync_ID": b.sync_id,
        "L_Act_dv_ID": b.dv_issue_id if b.dv_issue_id else -1,
        "L_Act_date2": _dt(b.adopted_on),
        "L_Act_dv_iss": b.dv_issue or "",
        "L_Act_dv_year": b.dv_year,
        "L_ActL_title": b.title,
        "L_ActL_final": b.final_title if adopted else "",
        "A_ns_folder": str(b.assembly),
        "L_SesL_value": b.session,
        "union_label": "",
        "withdrawn": b.status == BillStatus.WITHDRAWN,
        "union_list": [],
        "trans_label": "",
        "trans_list": [],
        "file_list": [{"FILENAME": name, "ID": fid} for fid, name in b.files],
        "order": order,
        "static_file": "",
        "static_file_rtf": "",
        "static_archive": "",
        "imp_list": [{"A_ns_MP_id": m.id, "A_ns_MPL_Name1": m.names[0], "A_ns_MPL_Name2": m.names[1], "A_ns_MPL_Name3": m.names[2]} for m in b.mps],
        "imp_list_min": [{"A_ns_C_id": COUNCIL_BODY_ID}] if b.initiator == Initiator.COUNCIL_OF_MINISTERS else [],
        "dist_list": dist,
        "stan_list": stan_list,
        "stan_list2": stan_list2,
        "stan_list2_1": stan_list2_1,
        "standp_list": standp,
        "stan_list_veto": [],
        "steno_com": steno_com,
        "steno_hall": steno_hall,
        "activity": activity,
        "proposal_12_list": proposals,
    }


# --------------------------------------------------------------------------- act text

_P = '<p style="text-align:justify;text-indent:14.15pt;line-height:112%;text-autospace:none;vertical-align:middle"><span style="font-size:8.5pt;line-height:112%;color:black;">{}</span></p>'
_C = '<p align="center" style="margin-top:5.65pt;text-align:center;&#xA;line-height:112%;page-break-after:avoid;text-autospace:none;vertical-align:middle"><b><span style="font-size:8.5pt;&#xA;line-height:112%;color:black;">{}</span></b></p>'


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def act_body(b: WorldBill) -> str:
    """The State Gazette text as the Word-generated HTML of `L_ActL_final_body`: the decree
    (указ), the law's heading, its §§ and closing part, and the closing formula."""
    from simulation.corpus.vocab import genitive

    assert b.adopted_on is not None
    rng = random.Random(b.id * 104729)
    promulgated = b.adopted_on + dt.timedelta(days=7)
    title = b.final_title or b.title.replace("Законопроект", "Закон", 1)
    heading = title.split(" ", 1)
    out = [
        _C.format(f"УКАЗ № {rng.randint(100, 400)}"),
        _P.format("На основание чл. 98, т. 4 от Конституцията на Република България"),
        _C.format("ПОСТАНОВЯВАМ:"),
        _P.format(_html(f"Да се обнародва в „Държавен вестник“ {title.replace('Закон', 'Законът', 1)}, приет от {b.assembly}{ORDINAL_SUFFIX} Народно събрание на {_bg_date(b.adopted_on)}")),
        _P.format(f"Издаден в София на {_bg_date(promulgated)}"),
        _C.format(f"{heading[0].upper()}<br />\r\n{_html(heading[1] if len(heading) > 1 else '')}<br />\r\n"),
    ]
    n = 0

    def para(text: str) -> None:
        nonlocal n
        n += 1
        out.append(_P.format(_html(f"§ {n}. {text}")))

    if b.kind == "amend" and b.law:
        for art in sorted(rng.sample(range(2, 120), rng.randint(2, 6))):
            para(f"В чл. {art} ал. {rng.randint(1, 4)} се изменя така:")
            out.append(_P.format(_html(f"„({rng.randint(1, 4)}) Изпълнителят уведомява компетентния орган в 14-дневен срок от настъпване на промяната.“")))
    else:
        for art in range(1, rng.randint(3, 7)):
            out.append(_P.format(_html(f"Чл. {art}. Този закон урежда обществените отношения, свързани с предмета му.")))
    out.append(_C.format("ПРЕХОДНИ И ЗАКЛЮЧИТЕЛНИ РАЗПОРЕДБИ" if b.amends_in_final_provisions or b.entry_into_force != "default" else "ЗАКЛЮЧИТЕЛНА РАЗПОРЕДБА"))
    for other in b.amends_in_final_provisions:
        para(f"В {genitive(other)} (обн., ДВ, бр. {rng.randint(1, 110)} от {rng.randint(1995, 2015)} г.) в чл. {rng.randint(2, 90)} се създава ал. {rng.randint(2, 6)}:")
        out.append(_P.format(_html("„Разпоредбата се прилага и за производствата, образувани до влизането в сила на този закон.“")))
    if b.entry_into_force == "on_promulgation":
        para("Законът влиза в сила от деня на обнародването му в „Държавен вестник“.")
    elif b.entry_into_force == "months_3":
        para("Законът влиза в сила три месеца след обнародването му в „Държавен вестник“.")
    elif b.entry_into_force == "fixed_date":
        para(f"Законът влиза в сила от 1 януари {b.adopted_on.year + 1} г.")
    out.append(_P.format(_html(f"Законът е приет от {b.assembly}{ORDINAL_SUFFIX} Народно събрание на {_bg_date(b.adopted_on)} и е подпечатан с официалния печат на Народното събрание.")))
    out.append(_P.format("Председател на Народното събрание: <b>Председател</b>"))
    return "\r\n".join(out)


def act_payload(b: WorldBill) -> dict[str, Any]:
    """`GET /api/v1/act/{id}` for an adopted world bill; keys in the real order. The text is
    empty until the law is promulgated (inferred: the API has the row before the ДВ text)."""
    return {
        "L_Act_id": b.id,
        "L_Act_T_id": 1,
        "L_Act_sign": b.signature,
        "L_Act_new_id": None,
        "L_Act_date": _dt(b.submitted_on),
        "L_act_proposal_date": _d(b.proposals_until),  # the world's deadline: the real field holds the deadline
        "L_act_proposal_date2": NO_DATE,  # empty in every real payload at hand
        "sync_ID": b.sync_id,
        "L_Act_dv_ID": b.dv_issue_id if b.dv_issue_id else -1,
        "L_Act_date2": _dt(b.adopted_on),
        "L_Act_dv_iss": b.dv_issue or "",
        "L_Act_dv_year": b.dv_year,
        "L_ActL_id": b.id - 150000,
        "C_Lang_id": 1,
        "L_ActL_imp": None,
        "L_ActL_int": None,
        "L_ActL_title": b.title,
        "L_ActL_body": None,
        "L_ActL_final": b.final_title,
        "L_ActL_final_body": act_body(b) if b.dv_issue else "",
        "A_ns_folder": str(b.assembly),
    }


# --------------------------------------------------------------------------- lists and folder


def month_payload(bills: list[WorldBill]) -> list[dict[str, Any]]:
    """A month's list: newest first, as in the real lists."""
    return [{"t_id": b.id, "t_label": b.title, "t_date": _dt(b.submitted_on)} for b in sorted(bills, key=lambda b: (b.submitted_on, b.id), reverse=True)]


def assemblies_payload(world: World) -> list[dict[str, Any]]:
    return [{"A_ns_id": api_id, "A_nsL_value": name} for number, api_id, _start, name in sorted(world.assemblies, reverse=True)]


@dataclass
class CorpusSummary:
    root: Path
    bills: int
    acts: int
    months: int
    first_month: str
    last_month: str


def _write(root: Path, rel: str, body: bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)


def bill_path(bill_id: int) -> str:
    return f"{API}/bill/{bill_id}"


def act_path(bill_id: int) -> str:
    return f"{API}/act/{bill_id}"


def month_path(year: int, month: int) -> str:
    return f"{API}/archive-period/bg/L_Acts/{year}/{month}/1/0"


def write_bill(root: Path, world: World, b: WorldBill) -> None:
    """(Re)write one bill's answers, e.g. after `simulation.corpus.world.mutate`."""
    current = max(a[0] for a in world.assemblies)
    _write(root, bill_path(b.id), dump(bill_payload(b, current_assembly=current)))
    if b.status == BillStatus.ADOPTED:
        _write(root, act_path(b.id), dump(act_payload(b)))


def write_world(world: World, root: Path, *, until: dt.date | None = None) -> CorpusSummary:
    """Write every answer of `world` under `root`; month lists run from the first bill's month
    to `until`'s (default: today), empty months included."""
    root = Path(root)
    by_month: dict[tuple[int, int], list[WorldBill]] = {}
    for b in world.bills:
        by_month.setdefault((b.submitted_on.year, b.submitted_on.month), []).append(b)
        write_bill(root, world, b)
    _write(root, f"{API}/fn-assembly/bg", dump(assemblies_payload(world)))
    end = until or dt.date.today()
    first = min(by_month) if by_month else (end.year, end.month)
    ym, count = first, 0
    while ym <= (end.year, end.month):
        _write(root, month_path(*ym), dump(month_payload(by_month.get(ym, []))))
        count += 1
        ym = (ym[0] + 1, 1) if ym[1] == 12 else (ym[0], ym[1] + 1)
    return CorpusSummary(
        root, len(world.bills), sum(1 for b in world.bills if b.status == BillStatus.ADOPTED), count,
        "%d-%02d" % first, "%d-%02d" % (end.year, end.month),
    )  # fmt: skip


def write_replay(world: World, root: Path, *, until: dt.date | None = None) -> CorpusSummary:
    """The name the demo and the other corpus writers use (simulation.corpus.strategy.write_replay)."""
    return write_world(world, root, until=until)


# --------------------------------------------------------------------------- real fixtures

REAL_BILLS = (166636, 167546)
REAL_ACTS = (15565, 164632, 166496)
REAL_MONTHS = ((2025, 9), (2026, 9))


def write_real_fixtures(fixtures: Path, root: Path, *, only_known_bills: bool = True) -> list[str]:
    """A replay folder from the real parliament payloads (shared/fixtures/parliament).

    With `only_known_bills`, the month lists keep only the bills whose detail answer we have
    (re-encoded the real way, which reproduces the real files byte for byte); otherwise the
    other listed ids answer the HTML shell, as unknown paths do. Returns the URL paths written.
    """
    fixtures, root = Path(fixtures), Path(root)
    written = []

    def copy(src: str, rel: str) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fixtures / src, root / rel)
        written.append("/" + rel)

    for bill_id in REAL_BILLS:
        copy(f"bill-{bill_id}.json", bill_path(bill_id))
    for act_id in REAL_ACTS:
        copy(f"act-{act_id}.json", act_path(act_id))
    copy("fn-assembly.json", f"{API}/fn-assembly/bg")
    for year, month in REAL_MONTHS:
        src = f"bills-{year}-{month:02d}.json"
        if only_known_bills:
            rows = [r for r in json.loads((fixtures / src).read_bytes()) if r["t_id"] in REAL_BILLS]
            _write(root, month_path(year, month), dump(rows))
            written.append("/" + month_path(year, month))
        else:
            copy(src, month_path(year, month))
    return written
