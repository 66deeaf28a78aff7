"""What a linking run did, in counts: printed by `lexwatch link`, stored with its `LinkRun`."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class LinkReport:
    mode: str  # first | incremental | rebuild
    watermark: str | None  # the previous run's start; records changed after it were examined
    bills: int = 0
    bills_examined: int = 0
    consultations: int = 0
    council_acts: int = 0
    initiatives_created: int = 0
    initiatives_updated: int = 0
    initiatives_removed: int = 0
    links_created: int = 0
    links_updated: int = 0
    links_removed: int = 0
    staff_decisions_kept: int = 0
    links_by_status: dict[str, int] = field(default_factory=dict)
    links_by_method: dict[str, int] = field(default_factory=dict)
    duration_s: float = 0.0
    settings_digest: str = ""

    @property
    def changed(self) -> int:
        return (self.initiatives_created + self.initiatives_updated + self.initiatives_removed
                + self.links_created + self.links_updated + self.links_removed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
