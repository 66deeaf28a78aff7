"""Staff accounts of the review UI: salted password hashes (werkzeug.security), never plain text."""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from db.models import User
from core.errors import LexwatchError, UsageError

MIN_PASSWORD_LENGTH = 8
# Letters (Cyrillic too), digits and . _ @ - : a name that is safe in logs and in the notes it signs.
_USERNAME = re.compile(r"^[\w.@-]{1,100}$")



@functools.cache
def _dummy_hash() -> str:
    """Checked when the user does not exist, so a wrong name costs the same time as a wrong password
    (no user enumeration by timing). Made on first use, not at import: scrypt is slow on purpose
    and every command line process imports this module."""
    return generate_password_hash("lexwatch-no-such-user")


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    created_at: str

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "username": self.username, "created_at": self.created_at}


def validate_username(name: str) -> str:
    if not _USERNAME.match(name):
        raise UsageError(f"user name {name!r}: use 1-100 letters, digits or . _ @ -")
    return name


def is_valid_username(name: str | None) -> bool:
    return bool(name) and bool(_USERNAME.match(name))


def validate_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsageError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    return password


def _get(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.username == name))


def add_user(session: Session, name: str, password: str) -> User:
    validate_username(name)
    validate_password(password)
    if _get(session, name) is not None:
        raise LexwatchError(f"user {name!r} already exists (use `lexwatch users passwd {name}` to change the password)")
    user = User(username=name, password_hash=generate_password_hash(password))
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, name: str, password: str) -> User:
    validate_password(password)
    user = _get(session, name)
    if user is None:
        raise LexwatchError(f"no user {name!r}")
    user.password_hash = generate_password_hash(password)
    return user


def remove_user(session: Session, name: str) -> None:
    user = _get(session, name)
    if user is None:
        raise LexwatchError(f"no user {name!r}")
    session.delete(user)


def list_users(session: Session) -> list[Account]:
    users = session.scalars(select(User).order_by(User.username)).all()
    return [Account(u.id, u.username, u.created_at.isoformat(timespec="seconds")) for u in users]


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user if the password matches, else None (same cost whether or not the name exists)."""
    user = _get(session, name) if is_valid_username(name) else None
    if user is None:
        check_password_hash(_dummy_hash(), password or "")
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


def password_stamp(user: User) -> str:
    """A short digest of the stored hash, kept in the session: a password change signs out every
    session opened with the old password (the cookie is signed, not encrypted, so never the hash itself)."""
    return hashlib.sha256(user.password_hash.encode("utf-8")).hexdigest()[:16]
