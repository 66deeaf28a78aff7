"""The text signature of an act's draft or bill: a MinHash of its word shingles, computed
once when the file is downloaded and stored with the document (`documents.text_signature`),
so that the linker compares a consultation's draft with a bill's text without reading
either (issue 12: the draft consulted and the bill tabled, or an MP's copy of a ministry's
draft).

- The act only: a bill's file holds the text, then its motives („МОТИВИ“), impact
  assessment and справки; these talk *about* the act and are alike in every bill, so the
  text stops at the first such heading.
- Words only, lower-case, digits dropped: articles and §§ are renumbered between versions.
- Shingles of `SHINGLE_WORDS` consecutive words: long enough that the legislative technique
  every act shares („думите … се заменят с …“) does not make two unrelated drafts alike.
- `datasketch.MinHash` with `NUM_PERM` permutations, hashed by CRC-32 (stable across
  processes, unlike Python's `hash`); stored as NUM_PERM little-endian uint32 (512 bytes).
  The share of equal positions of two signatures estimates the Jaccard similarity of the
  shingle sets (standard error ≤ 0.045 at 128 permutations).
"""
from __future__ import annotations

import functools
import re
import zlib

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 1
SCHEME = "affine32"  # datasketch ≥ 2.0: 32-bit hash values, stored as uint32
MIN_WORDS = 20  # shorter texts (a cover letter, a scanned page's stray words) get no signature

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Where the act ends in a bill's file: the first heading of the documents that follow it.
_END_OF_ACT = re.compile(r"^\s*(?:МОТИВИ|ДОКЛАД|СПРАВКА|ЧАСТИЧНА ПРЕДВАРИТЕЛНА|ЦЯЛОСТНА ПРЕДВАРИТЕЛНА|"
                         r"ПРЕДВАРИТЕЛНА ОЦЕНКА|ОЦЕНКА НА ВЪЗДЕЙСТВИЕТО)\b", re.MULTILINE)


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The seed's permutations, drawn once (datasketch draws them per MinHash otherwise)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_crc32, scheme=SCHEME).permutations


def act_text(text: str) -> str:
    """The act itself: the text up to its motives, report, справка or impact assessment."""
    match = _END_OF_ACT.search(text)
    return text[: match.start()] if match else text


def shingles(text: str) -> list[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return []
    return list(dict.fromkeys(" ".join(words[i:i + SHINGLE_WORDS]).encode()
                              for i in range(len(words) - SHINGLE_WORDS + 1)))


def text_signature(text: str | None) -> bytes | None:
    """The stored signature of an act's text (see the module docstring), None when the text
    is too short to say anything."""
    grams = shingles(act_text(text or ""))
    if not grams:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_crc32, permutations=_permutations(), scheme=SCHEME)
    m.update_batch(grams)
    return m.hashvalues.astype("<u4").tobytes()


# The kinds of document that are an act's text (texts.documents.classify): a bill's file
# and a consultation's draft are both classified „bill_text“.
SIGNED_KINDS = frozenset({"bill_text"})


def signs(kind: str | None, text: str | None) -> bytes | None:
    """The signature to store with a document of this kind, None for other kinds."""
    return text_signature(text) if kind in SIGNED_KINDS else None


def similarity(a: bytes | None, b: bytes | None) -> float | None:
    """Estimated Jaccard similarity of two stored signatures (None if either is missing)."""
    if not a or not b or len(a) != len(b):
        return None
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))
