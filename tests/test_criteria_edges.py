"""Edges of the catalogue that the mutation run (bench/mutation.py) found untested.

Each test pins a behaviour a watchdog relies on — a verdict, a threshold, a piece of evidence —
where a small change to the code went unnoticed by the other criteria tests. Initiatives are
built with the helpers of test_criteria_units.py, one fact at a time.
"""
from __future__ import annotations

import datetime as dt

from criteria import initiative as I
from test_criteria_units import (
    FAIL,
    N_A,
    PASS,
    UNKNOWN,
    WARN,
    _act,
    _adopted,
    adopted_stages,
    bill,
    doc,
    ini,
    run,
    stages,
    verdict,
)

D = dt.date


# --------------------------------------------------------------------------- documents (_documents.py)


def test_a_document_known_only_by_its_analysis_counts_as_that_kind():
    """A stored file whose kind column is empty is judged by the kind its analysis found: an
    order known so only routes the bill, and the reason MOT-03 cannot tell is the one combined
    file, not an unrecognised document."""
    text = doc("bill_text", url="https://www.parliament.bg/bills/52/52-602-01-43.rtf")
    order = doc(None, analysis={"classification": {"kind": "order"}},
                url="https://www.parliament.bg/bills/52/52-650-01-288.pdf")
    found = run(ini(bill(), docs=[text, order]), "MOT-03")
    assert found.verdict is UNKNOWN
    assert found.evidence["cannot_tell"].startswith("the bill is one file with its motives and annexes")
    # an analysis that holds no classification leaves the file's kind unknown: it may be the справка
    unread = doc(None, analysis={"classification": "order"}, url="https://www.parliament.bg/bills/52/x.pdf")
    assert run(ini(bill(), docs=[text, unread]), "MOT-03").evidence["cannot_tell"] == (
        "what x.pdf is could not be recognised.")
