"""The KgError family: every message says what was wrong, where, and what to do next.

The command line prints these without a traceback and exits non-zero.
"""

from __future__ import annotations

import re

__all__ = [
    "IngestError",
    "KgError",
    "ModelError",
    "QueryError",
    "StoreError",
    "StoreInUseError",
    "printable",
]

# C0 and C1 control characters and the bidirectional overrides: echoed raw, a name
# like "evil\x1b[31m" would drive the reader's terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    r"""``text`` safe to echo on a terminal: control characters written as escapes.

    >>> print(printable("evil\x1b[31mRED"))
    evil\x1b[31mRED
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char in "\n\t":
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, text)


class KgError(Exception):
    """Base class of the errors kg reports to its users."""

    exit_code = 1


class IngestError(KgError):
    """An input file (or one line of it) cannot be read as a news article."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = printable(f"{source}:{line}" if line is not None else source)
        super().__init__(f"{where}: {printable(reason)}")


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(KgError):
    """The store folder cannot be opened, read or written."""


class StoreInUseError(StoreError):
    """Another kg process holds the store open for writing."""


class QueryError(KgError):
    """A SPARQL query is malformed, unknown or failed to run."""
