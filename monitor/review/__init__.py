"""The staff review UI: `create_app(db_url)` and `lexwatch review serve`."""
from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Flask and the views load only when the UI is built: every other command (and every
    # nightly step, each a new process) imports monitor.review.accounts without them.
    if name == "create_app":
        from monitor.review.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
