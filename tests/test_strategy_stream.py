"""Streaming the open-data full report: a generated ≥ 60 MB file with bounded memory, and
chunk boundaries at awkward places (inside multi-byte Cyrillic, inside escapes)."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from simulation.corpus import strategy as corpus
from simulation.corpus.world import generate_world
from crawlers.strategy.parse import iter_full_report
from crawlers.strategy.pris import iter_pris_report
from conftest import REPO_ROOT, load_shared_json

LARGE = 60 * 1024 * 1024


@pytest.fixture(scope="session")
def large_report(tmp_path_factory):
    """Written once per session: ~63 MB, ~2 000 rows of realistic size (~32 KB each)."""
    world = generate_world(200, seed=11)
    path = tmp_path_factory.mktemp("strategy-report") / "full.json"
    rows, size = corpus.write_large_report(path, world, min_bytes=LARGE)
    return path, rows, size


STREAM_SCRIPT = """
import json, resource, sys
from crawlers.strategy.parse import iter_full_report
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
count = docs = 0
with open(sys.argv[1], "rb") as fp:
    for item in iter_full_report(fp, "file://full.json"):
        count += 1
        docs += len(item.documents)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"count": count, "docs": docs, "growth_kb": after - before}))
"""


def test_large_report_streams_with_bounded_memory(large_report):
    """Peak RSS of a fresh process while it streams the whole file (ru_maxrss is a peak)."""
    path, rows, size = large_report
    assert size >= LARGE
    out = subprocess.run([sys.executable, "-c", STREAM_SCRIPT, str(path)], capture_output=True, text=True, cwd=REPO_ROOT, check=True)
    result = json.loads(out.stdout)
    assert result["count"] == rows and result["docs"] > rows * 30
    # Holding the rows as Python objects would take several times the file's size; streaming
    # keeps one row (plus ijson's buffer) alive. Generous bound: a third of the file.
    growth = result["growth_kb"] * 1024
    assert growth < size / 3, f"RSS grew {growth / 1e6:.1f} MB while streaming a {size / 1e6:.1f} MB report"


class OddReader:
    """Returns chunks of the given sizes in turn, whatever size the caller asks for."""

    def __init__(self, data: bytes, sizes: list[int]):
        self.data, self.sizes, self.pos, self.turn = data, sizes, 0, 0
        self.boundaries: list[int] = []

    def read(self, size: int = -1) -> bytes:
        n = self.sizes[self.turn % len(self.sizes)]
        self.turn += 1
        out = self.data[self.pos : self.pos + n]
        self.pos += len(out)
        self.boundaries.append(self.pos)
        return out

    def split_letters(self) -> int:
        """Chunk boundaries that fall inside a multi-byte UTF-8 character."""
        return sum(1 for b in self.boundaries if b < len(self.data) and 0x80 <= self.data[b] < 0xC0)


@pytest.mark.parametrize("sizes", [[1, 8191], [3, 4093, 2], [7, 4093, 1], [511, 513, 65537], [4097]])
def test_chunk_boundaries_inside_cyrillic_do_not_change_the_result(sizes):
    """The real report re-encoded as raw UTF-8 (as strategy.bg itself serves it, with
    JSON_UNESCAPED_UNICODE), read in odd chunk sizes that split 2-byte Cyrillic letters."""
    data = load_shared_json("strategy/data-egov-bg_b600c109_pc-full.json")
    utf8 = json.dumps(data, ensure_ascii=False).encode("utf-8")
    escaped = json.dumps(data).encode("ascii")  # \uXXXX escapes, split mid-escape too
    expected = [i.to_record() for i in iter_full_report(io.BytesIO(utf8), "u")]
    assert len(expected) == 30 and expected[0]["institution_name"] == "Министерство на здравеопазването"
    for body in (utf8, escaped):
        reader = OddReader(body, sizes)
        got = [i.to_record() for i in iter_full_report(reader, "u")]
        assert got == expected
        if body is utf8:
            assert reader.split_letters() >= 1  # the boundaries really cut Cyrillic letters in two


def test_pris_report_in_odd_chunks():
    data = load_shared_json("strategy/data-egov-bg_057c5c06_pris-acts.json")
    utf8 = json.dumps(data, ensure_ascii=False).encode("utf-8")
    expected = [a.to_record() for a in iter_pris_report(io.BytesIO(utf8), "u")]
    got = [a.to_record() for a in iter_pris_report(OddReader(utf8, [5, 1, 3]), "u")]
    assert got == expected and len(got) == 35
