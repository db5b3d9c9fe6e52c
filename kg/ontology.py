"""Find and read the data files under ontologies/: gazetteers, patterns, queries, shapes.

The folder ships inside the wheel as ``kg/ontologies``; in a source checkout it
is the top-level ``ontologies/`` next to the package.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import KgError

__all__ = ["numbered_tsv", "ontology_dir", "ontology_path", "read_jsonl", "read_tsv"]

log = logging.getLogger(__name__)


@functools.cache
def ontology_dir() -> Path:
    """The folder holding kg.ttl, shapes, queries, patterns and gazetteers."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "ontologies", package.parent / "ontologies"):
        if (candidate / "kg.ttl").is_file():
            return candidate
    raise KgError(
        f"kg's ontology folder is missing (looked in {package / 'ontologies'} and "
        f"{package.parent / 'ontologies'}); reinstall kg."
    )


def ontology_path(*parts: str) -> Path:
    """Path of a file below the ontology folder."""
    return ontology_dir().joinpath(*parts)


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file with a header line; lines starting with # are comments.

    A line with another number of fields than the header is left out with a warning
    naming the file and line (a user's edit never stops kg)."""
    for _, row in numbered_tsv(path):
        yield row


def numbered_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for the rows of a tab-separated file, as read_tsv reads them,
    so that a caller can name the line of a row whose values it refuses."""
    with path.open(encoding="utf-8", newline="") as handle:
        header: list[str] | None = None
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = [field.strip() for field in line.rstrip("\r\n").split("\t")]
            if header is None:
                header = fields
            elif len(fields) != len(header):
                log.warning(
                    "%s:%d: %d tab-separated fields where the header has %d (%s); line skipped",
                    path, number, len(fields), len(header), ", ".join(header),
                )  # fmt: skip
            else:
                yield number, dict(zip(header, fields, strict=True))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSON-lines file; blank lines and lines starting with // are skipped."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip()
            if not text or text.startswith("//"):
                continue
            try:
                yield json.loads(text)
            except json.JSONDecodeError as error:
                raise KgError(
                    f"{path}:{number}: not valid JSON ({error.msg}); fix the line."
                ) from error
