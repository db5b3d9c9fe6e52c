"""The real-news gold set's annotations and the article texts they point into.

Three sets share the format: the gold set (``<id>.json`` and ``events/`` next to this
file), the held-out set (``heldout/<id>.json`` and ``heldout/events/``) and the
sanctions set (``sanctions/<id>.json`` and ``sanctions/events/``, articles that name
sanctions, an embargo, a ban on imports or imposed tariffs, duties or quotas); kg is
never tuned on the last two. The scripts take ``--set gold`` (the default),
``--set heldout`` or ``--set sanctions``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "shared" / "data"
CORPUS = DATA / "bbc-news-2004-2005.jsonl"
#: Each set's folder of ``<id>.json`` entity files (its events are in ``events/`` under it).
SETS = {"gold": HERE, "heldout": HERE / "heldout", "sanctions": HERE / "sanctions"}
CLASSES = (
    "Person", "Country", "GovernmentAgency", "PoliticalParty", "InternationalOrganization",
    "ArmedGroup", "Organization", "Company", "MediaOrganization", "Place",
)  # fmt: skip


@dataclass(frozen=True)
class GoldEntity:
    cls: str
    name: str
    mentions: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class GoldArticle:
    id: str
    category: str
    entities: tuple[GoldEntity, ...]


def set_folder(name: str) -> Path:
    """The folder of the set named ``gold``, ``heldout`` or ``sanctions``."""
    if name not in SETS:
        raise SystemExit(f"no gold set {name!r}: one of {', '.join(SETS)}")
    return SETS[name]


def add_set_option(parser: Any) -> None:
    """``--set``: which annotated set a script reads."""
    parser.add_argument(
        "--set",
        default="gold",
        choices=sorted(SETS),
        help=(
            "the annotated set: gold (tuned on), heldout (never tuned on) or sanctions"
            " (never tuned on; articles drawn by sanction and embargo phrases)"
        ),
    )


def load_texts(corpus: Path = CORPUS) -> dict[str, dict[str, Any]]:
    """Every record of the corpus by id."""
    records = (json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines())
    return {record["id"]: record for record in records}


def load_gold(folder: Path = HERE) -> list[GoldArticle]:
    articles = []
    for path in sorted(folder.glob("bbc-*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        entities = tuple(
            GoldEntity(e["class"], e["name"], tuple((s, t, x) for s, t, x in e["mentions"]))
            for e in raw["entities"]
        )
        articles.append(GoldArticle(raw["id"], raw["category"], entities))
    return articles
