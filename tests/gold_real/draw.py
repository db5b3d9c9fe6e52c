"""Draw the articles of the real-news gold set, reproducibly.

    .venv/bin/python tests/gold_real/draw.py [--heldout | --sanctions] [DATA]

From ``../shared/data/bbc-news-2004-2005.jsonl``: 20 politics and 20 business
articles, drawn with ``random.Random(15)`` from the ids that are neither reserved
for independent evaluation (``reserved-ids.txt``) nor among the first 75 articles
of their category in file order (kg's rules were tuned on those). An article of
3,500 characters or more is passed over and the draw goes on, so that every
article can be annotated with care. Prints one id per line, politics first.

``--heldout`` prints the held-out set (``heldout/``) instead: the next 8 politics
and 8 business ids of the same draw, those that follow the first 20 of each
category under the same rules. kg is never tuned on them.

``--sanctions`` prints the sanctions set (``sanctions/``) instead: the seeded draw
above yields no gold pair of type SANCTION, so these articles are drawn by keyword.
From the politics and business records that are neither reserved, nor among the
first 75 of their category, nor in the gold or the held-out set, it keeps those
under 3,500 characters whose text matches ``SANCTION_PATTERN`` (any case):
"sanctions", "embargo", "anti-dumping", "ban on" with up to three words before
"imports", or "impose" or "imposed" with up to three words before "tariff",
"tariffs", "duties" or "quotas". It shuffles each category with one
``random.Random(16)``, politics then business, and takes the first 3 of each (more
from the other category should one have fewer than 3). kg is never tuned on them.
A first list of bare words (sanction, tariff, duties, boycott, expel, ...) drew
articles with no sanction at all, a prison's "whole life tariff" or a phone
licence's tariff rates, hence the phrases.
"""

from __future__ import annotations

import json
import random
import re
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
SANCTIONS_SEED = 16
SANCTIONS_PER_CATEGORY = 3
#: Words and phrases that tell of a sanction on trade or on a state: sanctions, an
#: embargo, a ban on imports, imposed tariffs, duties or quotas, anti-dumping measures.
#: Bare "tariff" or "duties" would also match a prison's "whole life tariff" or phone
#: tariffs.
SANCTION_PATTERN = re.compile(
    r"\b(sanctions|embargo|imposed? (?:\w+ ){0,3}(?:tariffs?|duties|quotas)"
    r"|ban on (?:\w+ ){0,3}imports|anti-dumping)\b",
    re.IGNORECASE,
)


def _reserved(data: Path) -> set[str]:
    return {
        line.strip()
        for line in (data / "reserved-ids.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def _records(data: Path) -> list[dict[str, str]]:
    return [
        json.loads(line)
        for line in (data / CORPUS).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def draw(data: Path = DATA, heldout: bool = False) -> list[str]:
    """The gold set's ids, politics then business, each in drawing order; with
    ``heldout``, the held-out set's: the ids the draw gives after the gold set's."""
    reserved = _reserved(data)
    records = _records(data)
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


def draw_sanctions(data: Path = DATA) -> list[str]:
    """The sanctions set's ids, politics then business, each in drawing order: articles
    whose text matches ``SANCTION_PATTERN`` (sanctions, an embargo, a ban on imports,
    imposed tariffs, duties or quotas, anti-dumping), outside the gold and the held-out
    set."""
    excluded = _reserved(data) | set(draw(data)) | set(draw(data, heldout=True))
    records = _records(data)
    rng = random.Random(SANCTIONS_SEED)
    drawn: dict[str, list[str]] = {}
    for category in CATEGORIES:
        in_category = [r for r in records if r["category"] == category]
        pool = [
            r["id"]
            for r in in_category[TUNED_ON:]
            if r["id"] not in excluded
            and len(r["text"]) < MAX_CHARS
            and SANCTION_PATTERN.search(r["text"])
        ]
        drawn[category] = rng.sample(pool, len(pool))
    chosen: list[str] = []
    wanted = SANCTIONS_PER_CATEGORY * len(CATEGORIES)
    for category in CATEGORIES:
        chosen += drawn[category][:SANCTIONS_PER_CATEGORY]
    # A category with too few articles leaves its places to the others, in order.
    for category in CATEGORIES:
        for aid in drawn[category][SANCTIONS_PER_CATEGORY:]:
            if len(chosen) < wanted:
                chosen.append(aid)
    return chosen


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a not in ("--heldout", "--sanctions")]
    data = Path(args[0]) if args else DATA
    if "--sanctions" in sys.argv:
        print("\n".join(draw_sanctions(data)))
    else:
        print("\n".join(draw(data, "--heldout" in sys.argv)))
