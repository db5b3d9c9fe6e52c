"""What finding republished stories costs a build, and what it finds in the BBC corpus.

    .venv/bin/python benchmarks/duplicates.py [CORPUS.jsonl] [--limit N] [--json]

In one run:

- cost: `kg.build` (one worker) of the first ``--limit`` articles (default 150,
  every 15th of the corpus), with the time spent in `kg.duplicates` (signatures,
  the LSH index, the links written) measured inside the same build and printed as
  a share of the build's time;
- found: signatures and links of the whole corpus alone (no parse), the pairs at
  the default threshold, and each pair's exact Jaccard similarity of shingles
  against an exhaustive comparison of every pair that shares a shingle, so that
  missed and false pairs are counted.

Articles whose ids are listed in ../shared/data/reserved-ids.txt are left out.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import BBC, read_records

RESERVED = BBC.parent / "reserved-ids.txt"


def _records(path: Path) -> list[dict[str, Any]]:
    reserved = set()
    if RESERVED.is_file():
        reserved = {
            line.strip()
            for line in RESERVED.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        }
    return [r for r in read_records(path) if r.get("id") not in reserved]


def _timed(spent: list[float], function: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    return run


def cost(records: list[dict[str, Any]]) -> dict[str, float]:
    """Build ``records`` and time the duplicate detection inside the build."""
    import kg.build
    from kg.duplicates import Stories
    from kg.nlp import load_pipeline

    load_pipeline()
    spent = [0.0]
    kg.build.story_signature = _timed(spent, kg.build.story_signature)
    kg.build.stories_in_store = _timed(spent, kg.build.stories_in_store)
    Stories.add = _timed(spent, Stories.add)  # type: ignore[method-assign]
    Stories.lines = _timed(spent, Stories.lines)  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        report = kg.build.build([corpus], store=Path(folder) / "store")
    return {
        "documents": report.documents,
        "build_seconds": report.seconds,
        "duplicates_seconds": spent[0],
        "share": spent[0] / report.seconds,
    }


_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i : i + 5]) for i in range(len(words) - 4)}


def found(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The pairs the detection finds in ``records``, checked exhaustively."""
    from kg.duplicates import DEFAULT_THRESHOLD, MIN_WORDS, Stories, story_signature

    started = time.perf_counter()
    stories = Stories(DEFAULT_THRESHOLD)
    for record in records:
        stories.add(record["id"], record["id"], "", story_signature(record["text"]))
    seconds = time.perf_counter() - started
    pairs = set(stories.pairs())
    shingles = {r["id"]: _shingles(r["text"]) for r in records}
    long_enough = {r["id"] for r in records if len(_WORD.findall(r["text"])) >= MIN_WORDS}
    holders: dict[str, list[str]] = defaultdict(list)
    for ident, found_shingles in shingles.items():
        for shingle in found_shingles:
            holders[shingle].append(ident)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for idents in holders.values():
        for a, b in itertools.combinations(sorted(idents), 2):
            shared[(a, b)] += 1
    exact = {
        pair: n / (len(shingles[pair[0]]) + len(shingles[pair[1]]) - n)
        for pair, n in shared.items()
    }
    truth = {
        pair for pair, j in exact.items() if j >= DEFAULT_THRESHOLD and set(pair) <= long_enough
    }
    return {
        "articles": len(records),
        "seconds": seconds,
        "pairs": len(pairs),
        "documents_in_pairs": len({d for pair in pairs for d in pair}),
        "missed": sorted(truth - pairs),
        "false": sorted(pairs - truth),
        "lowest": sorted((round(exact[p], 3), *p) for p in pairs)[:5],
        "near_misses": sorted(
            ((round(j, 3), *p) for p, j in exact.items() if 0.6 <= j < DEFAULT_THRESHOLD),
            reverse=True,
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=BBC)
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    records = _records(args.corpus)
    built = cost(records[:: max(1, len(records) // args.limit)][: args.limit])
    pairs = found(records)
    print(
        f"build of {built['documents']} articles: {built['build_seconds']:.1f} s, of which "
        f"duplicate detection {built['duplicates_seconds']:.2f} s ({built['share']:.1%})"
    )
    print(
        f"{pairs['articles']} articles: {pairs['pairs']} pairs ({pairs['documents_in_pairs']} "
        f"documents) in {pairs['seconds']:.1f} s; missed {len(pairs['missed'])}, "
        f"false {len(pairs['false'])} (against exact Jaccard of every pair)"
    )
    print(f"lowest exact Jaccard among the pairs: {pairs['lowest']}")
    print(f"pairs from 0.6 to the threshold: {pairs['near_misses']}")
    if args.json:
        print(json.dumps({**built, **{k: pairs[k] for k in ("articles", "pairs", "seconds")}}))


if __name__ == "__main__":
    main()
