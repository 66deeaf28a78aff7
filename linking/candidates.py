"""Blocking: which bill/target pairs are worth scoring at all.

Comparing every bill with every consultation is both slow (15 000 × 12 000) and wrong
(every „ЗИД на …“ looks like every other). Pairs are formed only

1. within a block of the same kind of title and the same head noun (an amending law of a
   *code* never meets one of a *law*; budget laws only meet the same year's budget law);
2. between *unique law names* whose similarity passes a cut-off — `process.cdist` over the
   block, once on characters and once on weighted word stems, so „закон за водите“ and
   „закон за горите“ (character ratio 67, no stem in common) never meet;
3. within a date window: the target dated `min_delta..max_delta` days before the bill.

Everything here is vectorised over the block; the only Python loop runs over pairs of
unique law names that survived the cut-off, not over records.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from linking.normalise import NormalTitle, stems
from linking.settings import LinkSettings

# Words shared by many law names: they count less in the stem overlap, so two laws that
# only share „държавна агенция“ or „република българия“ are not taken for one.
GENERIC_WORDS = (
    "закон закона кодекс кодекса конституция република българия българската български държавна държавния "
    "държавната държавните национална националния националната агенция агенцията министерството "
    "министерския съвет съвета правителството правителство споразумението споразумение конвенцията "
    "конвенция протокола протокол договор договора между относно областта сътрудничество сътрудничеството "
    "изменение допълнение изменението ратифициране общ общата г"
).split()
_PUA_BASE = 0xF0000  # supplementary private use area: one code point per stem


@dataclass
class PairSet:
    """Candidate pairs: indices into the left (bills) and right (targets) lists."""

    left: np.ndarray  # int64
    right: np.ndarray  # int64
    law: np.ndarray  # float32, min(char, stem)
    char: np.ndarray  # float32
    stem: np.ndarray  # float32

    @classmethod
    def empty(cls) -> PairSet:
        i, f = np.empty(0, np.int64), np.empty(0, np.float32)
        return cls(i, i.copy(), f, f.copy(), f.copy())

    def __len__(self) -> int:
        return len(self.left)


def block_key(t: NormalTitle) -> Hashable | None:
    """The block a title belongs to, or None when it cannot be matched by its law name."""
    if t.kind == "other" or not t.law_key or not t.is_law:
        return None
    if t.kind == "budget":
        return (t.kind, t.head, t.years)
    return (t.kind, t.head)


class StemEncoder:
    """Encodes the stem set of a law key as a string of private-use characters, generic
    stems once and the others `weight` times, sorted. On such strings the Indel ratio is
    exactly a weighted Dice coefficient of the stem sets (the LCS of two sorted sequences
    of symbols is their multiset intersection), so `process.cdist` computes it for a block.
    """

    def __init__(self, generic_weight: float):
        self.ids: dict[str, int] = {}
        self.generic = stems(" ".join(GENERIC_WORDS))
        self.repeat = max(1, round(1 / max(generic_weight, 1e-6)))
        self.cache: dict[str, str] = {}

    def encode(self, key: str) -> str:
        got = self.cache.get(key)
        if got is not None:
            return got
        parts = []
        for s in sorted(stems(key)):
            code = self.ids.setdefault(s, len(self.ids))
            parts.append(chr(_PUA_BASE + code) * (1 if s in self.generic else self.repeat))
        got = self.cache[key] = "".join(parts)
        return got


def title_pairs(
    left: Sequence[NormalTitle | None],
    left_days: np.ndarray,
    right: Sequence[NormalTitle | None],
    right_days: np.ndarray,
    *,
    min_delta: int,
    max_delta: int,
    settings: LinkSettings,
    encoder: StemEncoder | None = None,
) -> PairSet:
    """All (left, right) pairs in the same block, with similar law names, and with
    `min_delta <= left_day - right_day <= max_delta`. A None title or a day < 0 is skipped."""
    encoder = encoder or StemEncoder(settings.generic_stem_weight)
    lgroups = _group(left, left_days)
    rgroups = _group(right, right_days)
    chunks: list[tuple[np.ndarray, ...]] = []
    for block, lkeys in lgroups.items():
        rkeys = rgroups.get(block)
        if not rkeys:
            continue
        lnames, rnames = list(lkeys), list(rkeys)
        char = process.cdist(lnames, rnames, scorer=fuzz.ratio, processor=None,
                             score_cutoff=settings.block_cutoff, dtype=np.uint8, workers=-1)
        ii, jj = np.nonzero(char)
        if not len(ii):
            continue
        # Stem overlap only where the characters already agree (sparse), pairwise.
        lenc = [encoder.encode(lnames[i]) for i in ii]
        renc = [encoder.encode(rnames[j]) for j in jj]
        stem = process.cpdist(lenc, renc, scorer=fuzz.ratio, processor=None, workers=-1).astype(np.float32)
        exact = process.cpdist([lnames[i] for i in ii], [rnames[j] for j in jj], scorer=fuzz.ratio,
                               processor=None, workers=-1).astype(np.float32)
        law = np.minimum(exact, stem)
        keep = np.nonzero(law >= settings.law_min)[0]
        for k in keep:
            lidx, ldays = lkeys[lnames[ii[k]]]
            ridx, rdays = rkeys[rnames[jj[k]]]
            li, ri = _window_join(lidx, ldays, ridx, rdays, min_delta, max_delta)
            if len(li):
                n = len(li)
                chunks.append((li, ri, np.full(n, law[k], np.float32), np.full(n, exact[k], np.float32),
                               np.full(n, stem[k], np.float32)))
    if not chunks:
        return PairSet.empty()
    li, ri, law, char_s, stem_s = (np.concatenate(parts) for parts in zip(*chunks))
    pairs = PairSet(li, ri, law, char_s, stem_s)
    return _drop_year_conflicts(pairs, left, right)


def _group(titles: Sequence[NormalTitle | None], days: np.ndarray) -> dict[Hashable, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """block -> law key -> (indices sorted by day, their days)."""
    raw: dict[Hashable, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, t in enumerate(titles):
        if t is None or days[i] < 0:
            continue
        block = block_key(t)
        if block is not None:
            raw[block][t.law_key].append(i)
    out: dict[Hashable, dict[str, tuple[np.ndarray, np.ndarray]]] = {}
    for block, keys in raw.items():
        out[block] = {}
        for key, idx in keys.items():
            arr = np.asarray(idx, dtype=np.int64)
            d = days[arr]
            order = np.argsort(d, kind="stable")
            out[block][key] = (arr[order], d[order])
    return out


def _window_join(lidx: np.ndarray, ldays: np.ndarray, ridx: np.ndarray, rdays: np.ndarray,
                 min_delta: int, max_delta: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs with min_delta <= lday - rday <= max_delta; rdays sorted ascending."""
    lo = np.searchsorted(rdays, ldays - max_delta, side="left")
    hi = np.searchsorted(rdays, ldays - min_delta, side="right")
    counts = np.maximum(hi - lo, 0)
    total = int(counts.sum())
    if not total:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    li = np.repeat(lidx, counts)
    starts = np.repeat(lo - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    ri = ridx[starts + np.arange(total)]
    return li, ri


def _drop_year_conflicts(pairs: PairSet, left: Sequence[NormalTitle | None], right: Sequence[NormalTitle | None]) -> PairSet:
    """Two titles that both name years must share one („… бюджет … за 2026 г.“ ≠ „… за 2027 г.“)."""
    lyears = np.fromiter((bool(t is not None and t.years) for t in left), dtype=bool, count=len(left))
    ryears = np.fromiter((bool(t is not None and t.years) for t in right), dtype=bool, count=len(right))
    both = np.nonzero(lyears[pairs.left] & ryears[pairs.right])[0]
    if not len(both):
        return pairs
    keep = np.ones(len(pairs), dtype=bool)
    for k in both:  # only titles that name years (budget laws, treaties): few
        a, b = left[pairs.left[k]], right[pairs.right[k]]
        if a is not None and b is not None and not set(a.years) & set(b.years):
            keep[k] = False
    if keep.all():
        return pairs
    return PairSet(pairs.left[keep], pairs.right[keep], pairs.law[keep], pairs.char[keep], pairs.stem[keep])
