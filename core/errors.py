"""Errors that the CLI reports as one clear line instead of a traceback."""
from __future__ import annotations


class LexwatchError(Exception):
    """A failure the user can act on; the message names the source and the record."""

    exit_code = 1


class UsageError(LexwatchError):
    exit_code = 2


class SourceError(LexwatchError):
    """A source answered something we cannot use (HTML shell, bad JSON, missing key...)."""

    def __init__(self, source: str, url: str, message: str, record: str | None = None):
        self.source, self.url, self.record = source, url, record
        where = f"{source} {url}" + (f" (record {record})" if record else "")
        super().__init__(f"{where}: {message}")
