"""The criteria catalogue of research/criteria.md §4, one module per group.

Importing this package registers every criterion in `criteria.criterion.REGISTRY`,
in catalogue order.
"""
from criteria.catalogue import (  # noqa: F401  (imported for their registrations)
    init,
    consultation,
    impact,
    motives,
    parliament,
    technique,
    promulgation,
)
from criteria.criterion import REGISTRY

CATALOGUE = tuple(REGISTRY.values())
