"""Draw the articles of the real-news gold set, reproducibly.

    .venv/bin/python tests/gold_real/draw.py [--heldout] [DATA]

From ``../shared/data/bbc-news-2004-2005.jsonl``: 20 politics and 20 business
articles, drawn with ``random.Random(15)`` from the ids that are neither reserved
for independent evaluation (``reserved-ids.txt``) nor among the first 75 articles
of their category in file order (kg's rules were tuned on those). An article of
3,500 characters or more is passed over and the draw goes on, so that every
article can be annotated with care. Prints one id per line, politics first.

``--heldout`` prints the held-out set (``heldout/``) instead: the next 8 politics
and 8 business ids of the same draw, those that follow the first 20 of each
category under the same rules. kg is never tuned on them.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
CORPUS = "bbc-news-2004-2005.jsonl"
SEED = 15
PER_CATEGORY = 20
CATEGORIES = ("politics", "business")
TUNED_ON = 75
MAX_CHARS = 3500
HELDOUT_PER_CATEGORY = 8


def draw(data: Path = DATA, heldout: bool = False) -> list[str]:
    """The gold set's ids, politics then business, each in drawing order; with
    ``heldout``, the held-out set's: the ids the draw gives after the gold set's."""
    reserved = {
        line.strip()
        for line in (data / "reserved-ids.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    records = [
        json.loads(line)
        for line in (data / CORPUS).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(SEED)
    chosen: list[str] = []
    for category in CATEGORIES:
        in_category = [r for r in records if r["category"] == category]
        pool = [r for r in in_category[TUNED_ON:] if r["id"] not in reserved]
        # Drawing in a fixed order from one generator keeps the whole draw one seed's.
        order = rng.sample(pool, len(pool))
        kept = [r["id"] for r in order if len(r["text"]) < MAX_CHARS]
        chosen += (
            kept[PER_CATEGORY : PER_CATEGORY + HELDOUT_PER_CATEGORY]
            if heldout
            else kept[:PER_CATEGORY]
        )
    return chosen


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--heldout"]
    print("\n".join(draw(Path(args[0]) if args else DATA, "--heldout" in sys.argv)))
