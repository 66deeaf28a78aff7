"""Other laws a bill amends in its transitional and final provisions, as submitted.

NA-05 / LT-01 compare these with the law as adopted, to tell a rider added at second
reading from one that was in the bill from the start. The clause parsing is
texts.lawtext's (shared with the promulgated text); this module only feeds it the
plain text of a downloaded bill file, escaped paragraph by paragraph.
"""
from __future__ import annotations

import html
from typing import Any

from texts.lawtext import analyse_body


def amended_laws_in_bill(text: str, title: str | None = None) -> list[dict[str, Any]]:
    """`AmendedLaw` dicts (section, law_name, law_name_normalised, action, excerpt, ...)."""
    if not text.strip():
        return []
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    analysis = analyse_body(body, title=title)
    return list(analysis.to_dict().get("amended_laws") or [])
