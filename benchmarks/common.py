"""Helpers shared by the benchmark scripts: the BBC corpus and timing."""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "data" / "bbc-news-2004-2005.jsonl"


def bbc_texts(
    categories: tuple[str, ...] = ("business", "politics"), limit: int | None = None
) -> list[dict[str, Any]]:
    """The BBC articles of the given categories (../shared/data), in file order."""
    path = Path(os.environ.get("KG_BBC", BBC))
    if not path.is_file():
        raise SystemExit(f"benchmark corpus not found: {path} (set KG_BBC to its path)")
    return read_records(path, categories, limit)


def read_records(
    path: Path, categories: tuple[str, ...] = (), limit: int | None = None
) -> list[dict[str, Any]]:
    """The records of a JSON-lines corpus, of the given categories (all when none)."""
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not categories or record.get("category") in categories:
                records.append(record)
    return records[:limit] if limit else records


class Clock:
    """Accumulates wall time per label."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, label: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - started


def timed_iter(iterator: Any, clock: Clock, label: str) -> Iterator[Any]:
    """Iterate, charging the time spent producing each item to ``label``."""
    it = iter(iterator)
    while True:
        started = time.perf_counter()
        try:
            item = next(it)
        except StopIteration:
            clock.seconds[label] = clock.seconds.get(label, 0.0) + time.perf_counter() - started
            return
        clock.seconds[label] = clock.seconds.get(label, 0.0) + time.perf_counter() - started
        yield item


def peak_rss_mb() -> float:
    """Peak resident memory of this process (and its finished children), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def best_of(runs: int, function: Callable[[], float]) -> float:
    return min(function() for _ in range(runs))
