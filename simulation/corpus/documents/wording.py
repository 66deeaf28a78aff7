"""Dates as the documents write them, and the random stream of each file."""
from __future__ import annotations

import datetime as dt
import random

from simulation.corpus.parliament import MONTHS_GENITIVE


def file_rng(seed: int, owner: str, owner_id: int, what: str = "") -> random.Random:
    # A string seed is hashed with SHA-512: the same on every run and platform.
    return random.Random(f"{seed}/{owner}/{owner_id}/{what}")


def fmt_date(day: dt.date) -> str:
    return f"{day:%d.%m.%Y} г."


def worded_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."
