"""Where downloaded files are kept: a content-addressed folder, one file per sha256.

The same file served under two URLs (a bill's `file_list` and its `static_file`) is kept
once. `Document.storage_path` holds the path relative to the store, so the folder can
move with the database.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from platformdirs import user_data_dir

from core.config import env

ENV_STORE = "LEXWATCH_DOCUMENTS_STORE"
_SAFE_SUFFIX = {".pdf", ".rtf", ".doc", ".docx", ".zip", ".xls", ".xlsx", ".txt", ".csv", ".odt", ".rar", ".7z",
                ".html", ".htm"}


def store_root(settings: Mapping[str, Any] | None = None) -> Path:
    """DOCUMENTS_STORE setting, then $LEXWATCH_DOCUMENTS_STORE, then the user data folder."""
    value = (settings or {}).get("DOCUMENTS_STORE") if settings is not None else None
    value = value or env(ENV_STORE)
    return Path(value) if value else Path(user_data_dir("lexwatch", appauthor=False)) / "documents"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def relative_path(sha256: str, filename: str | None) -> str:
    suffix = PurePosixPath(filename or "").suffix.lower()
    # The suffix is only a convenience for people opening the folder; never trust a
    # scraped name beyond a known extension.
    return f"{sha256[:2]}/{sha256}{suffix if suffix in _SAFE_SUFFIX else ''}"


def save(root: Path, data: bytes, sha256: str, filename: str | None) -> tuple[str, Path]:
    """Write the file once (atomically) and return (relative path, absolute path)."""
    rel = relative_path(sha256, filename)
    path = root / rel
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return rel, path
