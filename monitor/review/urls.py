"""Which URLs may become links: scraped text is untrusted, so only absolute http(s) URLs."""
from __future__ import annotations

from urllib.parse import urlsplit

_SCHEMES = frozenset({"http", "https"})


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, else None (javascript:, data:, relative ...)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    # Control characters and whitespace inside a URL are how `java\tscript:` tricks get past checks.
    if not url or any(ord(c) < 0x21 or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        return None
    return url


def is_local_path(target: str | None) -> bool:
    """True for a path on this site ("/flags/3"), false for anything that could leave it (open redirect)."""
    return bool(target) and target.startswith("/") and not target.startswith(("//", "/\\")) and "\\" not in target \
        and not any(ord(c) < 0x20 for c in target)
