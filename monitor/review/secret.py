"""The key that signs the review UI's session cookie.

From $LEXWATCH_SECRET_KEY, else a random key generated once into the user data dir (mode 0600),
so restarts keep sessions valid and no secret ever lives in the repository.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from platformdirs import user_data_dir

from core.config import env
from core.errors import LexwatchError

ENV_SECRET = "LEXWATCH_SECRET_KEY"
MIN_ENV_LENGTH = 16


def secret_key_path() -> Path:
    return Path(user_data_dir("lexwatch", appauthor=False)) / "review-secret-key"


def _read(path: Path) -> str | None:
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexwatchError(f"cannot read the review secret key {path}: {exc}") from exc
    if len(key) < 32:
        raise LexwatchError(f"the review secret key {path} is too short; delete it to generate a new one")
    return key


def load_secret_key(path: Path | None = None) -> str:
    named = env(ENV_SECRET)
    if named:
        if len(named) < MIN_ENV_LENGTH:
            raise LexwatchError(f"${ENV_SECRET} is too short (at least {MIN_ENV_LENGTH} characters)")
        return named
    path = path or secret_key_path()
    key = _read(path)
    if key is not None:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        # O_EXCL: two servers starting at once must not each write a different key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path) or key
    except OSError as exc:
        raise LexwatchError(f"cannot create the review secret key {path}: {exc}") from exc
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key
