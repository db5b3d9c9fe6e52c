"""Find and read the data files under ontologies/: gazetteers, patterns, queries, shapes.

The folder ships inside the wheel as ``kg/ontologies``; in a source checkout it
is the top-level ``ontologies/`` next to the package.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import KgError

__all__ = ["ontology_dir", "ontology_path", "read_jsonl", "read_tsv"]


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
    """Rows of a tab-separated file with a header line; lines starting with # are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            yield {key: (value or "").strip() for key, value in row.items() if key}


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
