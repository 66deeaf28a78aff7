"""The regime a bill is linked under (linking.model.regime): the stored initiator, or, where it
is not known, the importer class of the real signatures (core.parliament.importer_code)."""
from __future__ import annotations

import datetime as dt

import pytest

from core.parliament import Initiator
from linking.model import BillIn, regime

CM, MPS = Initiator.COUNCIL_OF_MINISTERS, Initiator.MPS


@pytest.mark.parametrize(
    ("initiator", "signature", "expected"),
    [
        ("council_of_ministers", "51-554-01-169", CM),  # the stored initiator wins over the signature
        ("mixed", "", CM),  # the Council is among its importers
        ("mps", "52-602-01-43", MPS),
        ("committee", "52-602-01-43", None),
        # Unknown initiators, by the importer class of signatures seen in real payloads.
        ("unknown", "52-602-01-43", CM),
        (None, "502-01-81", CM),
        ("", "51-554-01-169", MPS),
        ("unknown", "51-553-19-14", None),  # a committee's
        ("unknown", "48-354-01-11", MPS),
        ("unknown", "", None),
    ],
)
def test_regime(initiator, signature, expected):
    bill = BillIn(1, "Законопроект за изменение на Закона за водите", dt.date(2026, 1, 5), initiator, signature)
    assert regime(bill) == expected


def test_regimes_are_core_initiators():
    bill = BillIn(1, "", None, "unknown", "52-602-01-43")
    assert regime(bill) is Initiator.COUNCIL_OF_MINISTERS
