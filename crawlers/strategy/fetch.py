"""Getting a large open-data report to disk without holding it in memory.

Scrapy keeps a whole answer body in memory, fine for API pages but not for the ~300 MB full
report: a URL is streamed to a temporary file in 1 MiB chunks (in a thread, so the reactor
keeps running), a path is used as it is.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from core.errors import SourceError

CHUNK = 1 << 20


def is_url(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https")


def download(url: str, *, source: str, user_agent: str, timeout: float = 120.0, directory: str | None = None) -> Path:
    """Stream `url` into a temporary file and return its path (the caller deletes it)."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "application/json"})
    fd, name = tempfile.mkstemp(prefix="lexwatch-report-", suffix=".json", dir=directory)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer, os.fdopen(fd, "wb") as out:  # noqa: S310 - http(s) only, checked by is_url
            shutil.copyfileobj(answer, out, CHUNK)
    except OSError as exc:
        Path(name).unlink(missing_ok=True)
        raise SourceError(source, url, f"cannot download the report: {exc}") from exc
    return Path(name)
