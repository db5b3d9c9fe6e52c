"""What recording every mention (a node with offsets and surface text) costs.

    .venv/bin/python benchmarks/mentions.py [--limit N] [--json]

Builds the example articles and the first N BBC business and politics articles
(default 100) into fresh stores, with mention nodes and without, in the same run
(a warm-up build, then the two kinds alternately, best of ``--runs``), and prints
quads and build time of each, with the ratio of with to without.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, bbc_texts


def build_once(paths: list[Path], folder: Path, *, mentions: bool) -> tuple[int, float]:
    """(quads in the named graphs, seconds) of one build into a fresh store."""
    import kg.build
    import kg.rdf
    from kg.store import Store

    original = kg.rdf.document_lines
    kg.build.document_lines = functools.partial(original, mentions=mentions)  # type: ignore[assignment]
    try:
        store = folder / f"store-{mentions}-{time.perf_counter_ns()}"
        started = time.perf_counter()
        kg.build.build(paths, store=store)
        seconds = time.perf_counter() - started
    finally:
        kg.build.document_lines = original
    with Store(store, read_only=True) as opened:
        return len(opened), seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=100, help="BBC articles to build")
    parser.add_argument("--runs", type=int, default=3, help="timed builds of each kind")
    parser.add_argument("--json", action="store_true", help="print a JSON line at the end")
    args = parser.parse_args()

    from kg.nlp import load_pipeline

    load_pipeline()  # the model's load time belongs to neither build
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bbc = folder / "bbc.jsonl"
        with bbc.open("w", encoding="utf-8") as handle:
            for record in bbc_texts(limit=args.limit):
                handle.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
        sets = {"examples": [ROOT / "examples"], f"bbc-{args.limit}": [bbc]}
        for name, paths in sets.items():
            build_once(paths, folder, mentions=True)  # warm-up
            timings: dict[bool, list[tuple[int, float]]] = {True: [], False: []}
            for _ in range(args.runs):
                for mentions in (False, True):
                    timings[mentions].append(build_once(paths, folder, mentions=mentions))
            with_q, with_s = timings[True][0][0], min(t for _, t in timings[True])
            without_q, without_s = timings[False][0][0], min(t for _, t in timings[False])
            results[name] = {
                "quads_with": with_q,
                "quads_without": without_q,
                "seconds_with": round(with_s, 2),
                "seconds_without": round(without_s, 2),
            }
            print(
                f"{name}: quads {without_q:,} -> {with_q:,} (x{with_q / without_q:.2f}), "
                f"build {without_s:.1f} s -> {with_s:.1f} s (x{with_s / without_s:.2f})"
            )
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
