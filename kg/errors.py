"""The KgError family: every message says what was wrong, where, and what to do next.

The command line prints these without a traceback and exits non-zero.
"""

from __future__ import annotations

__all__ = [
    "IngestError",
    "KgError",
    "ModelError",
    "QueryError",
    "StoreError",
    "StoreInUseError",
]


class KgError(Exception):
    """Base class of the errors kg reports to its users."""

    exit_code = 1


class IngestError(KgError):
    """An input file (or one line of it) cannot be read as a news article."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(KgError):
    """The store folder cannot be opened, read or written."""


class StoreInUseError(StoreError):
    """Another kg process holds the store open for writing."""


class QueryError(KgError):
    """A SPARQL query is malformed, unknown or failed to run."""
