"""The government's side of the world: a ministry's consultation on strategy.bg (its length,
drafter, documents, comments), who files the ПРИС decision approving the bill, and the
sentence a government bill's motives carry about its consultation."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from core import strategy as SV
from simulation.corpus import texts
from simulation.corpus.figures import (
    CONSULTATION_DAYS,
    DECISION_IMPORTERS,
    DRAFT_TEXT_MISSING_SHARE,
    LAW_AS_MC_ACT_SHARE,
    OTHER_DRAFTER_SHARE,
    STATED_PERIOD_OFF_SHARE,
    STATEMENT_KINDS,
)
from simulation.corpus.model import WorldConsultation
from simulation.corpus.vocab import MINISTRIES


def consultation_length(rng: random.Random) -> int:
    return rng.choices(*CONSULTATION_DAYS)[0]


def pick_drafter(rng: random.Random, ministry: str) -> str:
    if rng.random() < OTHER_DRAFTER_SHARE:
        return rng.choice([m for m in MINISTRIES if m != ministry])
    return ministry


# ПРИС writes the importer in abbreviations („МТСП“, „МЗ, МВР“) or as the office of the one who
# filed it (fixture strategy/data-egov-bg_057c5c06_pris-acts.json).
_ABBREVIATIONS = {
    "moew": "МОСВ", "moj": "МП", "mlsp": "МТСП", "moh": "МЗ", "mof": "МФ", "mvr": "МВР", "mon": "МОН", "mms": "ММС",
    "mtc": "МТС", "me": "МЕ", "mrrb": "МРРБ", "mi": "МИИ", "mzh": "МЗХ", "mo": "МО", "mk": "МК", "meu": "МЕУ",
    "mf_adm": "АМС",
}


def pick_importer(rng: random.Random, ministry: str) -> str:
    how = rng.choices(*DECISION_IMPORTERS)[0]
    if how == "ministry":
        return _ABBREVIATIONS[ministry]
    if how == "joint":
        other = rng.choice([m for m in _ABBREVIATIONS if m != ministry])
        return f"{_ABBREVIATIONS[ministry]}, {_ABBREVIATIONS[other]}"
    if how == "deputy_pm_finance":
        return "заместник министър-председател и министър на финансите"
    return "заместник министър-председател"


def motives_statement(rng: random.Random, c: WorldConsultation) -> str | None:
    """The sentence a government bill's motives carry about its consultation (STATEMENT_KINDS)."""
    how = rng.choices(*STATEMENT_KINDS)[0]
    if how == "none":
        return None
    if how == "portal_only":
        return rng.choice([
            "Проектът е публикуван за обществена консултация на Портала за обществени консултации.",
            "Законопроектът е публикуван за обществено обсъждане на интернет страницата на министерството и на "
            "Портала за обществени консултации, като получените предложения са отразени в справката.",
        ])
    close = c.date_close
    if rng.random() < STATED_PERIOD_OFF_SHARE:
        close = close + dt.timedelta(days=rng.choice([-2, -1, 1, 14]))
    days = (close - c.date_open).days
    where = "www.strategy.bg"
    if how == "period_url":
        where = SV.consultation_public_url(c.id)
    sentence = (f"Проектът е публикуван за обществена консултация на Портала за обществени консултации ({where}) "
                f"за срок от {days} дни – от {c.date_open:%d.%m.%Y} г. до {close:%d.%m.%Y} г.")
    if how == "period_reg_num":
        sentence += f", с номер {c.id}-{'К' if rng.random() < 0.3 else 'K'}."
    return sentence


def new_consultation(
    rng: random.Random,
    cid: int,
    law: str | None,
    bill_title: str,
    ministry: str,
    date_open: dt.date,
    date_close: dt.date,
    file_ids: Callable[[], int],
) -> WorldConsultation:
    title = bill_title
    if title.startswith("Законопроект"):
        title = "Проект на Закон" + title.removeprefix("Законопроект")
    length = (date_close - date_open).days
    reason = None
    if length < 30 and rng.random() < 0.7:
        reason = "Кратък срок поради необходимостта от привеждане в съответствие с изискванията на правото на Европейския съюз в срок."
    # Document types as the portal's API labels them (core.strategy).
    docs = [(SV.DRAFT, date_open - dt.timedelta(days=1), file_ids()), (SV.MOTIVES, date_open - dt.timedelta(days=1), file_ids())]
    if rng.random() < 0.75:
        docs.append((SV.IMPACT_ASSESSMENT, date_open - dt.timedelta(days=1), file_ids()))
        if rng.random() < 0.8:
            docs.append((SV.MC_OPINION, date_open - dt.timedelta(days=1), file_ids()))
    if rng.random() < 0.6:
        docs.append((SV.PROPOSALS_REPORT, date_close + dt.timedelta(days=rng.randint(3, 40)), file_ids()))
    comments = [
        dt.datetime.combine(date_open + dt.timedelta(days=rng.randint(0, max(length - 1, 0))), dt.time(rng.randint(8, 20), rng.randint(0, 59)))
        for _ in range(rng.choice([0, 0, 1, 2, 5, 12]))
    ]
    as_mc_act = rng.random() < LAW_AS_MC_ACT_SHARE
    return WorldConsultation(
        id=cid,
        title=title,
        # The portal's law_name: filled for 3 of the report's 5 law drafts (12672-K, 12669-K,
        # 12662-K; 12671-K and 12653-K have none) [C].
        law=law if not as_mc_act and rng.random() < 0.6 else None,
        act_type=SV.ACT_TYPES[SV.ACT_COUNCIL_OF_MINISTERS if as_mc_act else SV.ACT_LAW],
        act_type_id=SV.ACT_COUNCIL_OF_MINISTERS if as_mc_act else SV.ACT_LAW,
        ministry=ministry,
        date_open=date_open,
        date_close=date_close,
        short_term_reason=reason,
        documents=docs,
        comments=sorted(comments),
        legislative_program_id=rng.choice([None, None, 40 + date_open.year]),
        provisions=texts.new_draft(rng),
        text_readable=rng.random() >= DRAFT_TEXT_MISSING_SHARE,
    )

