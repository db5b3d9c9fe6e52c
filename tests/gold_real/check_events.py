"""Check the event and statement gold of the real-news set against its texts.

    .venv/bin/python tests/gold_real/check_events.py [--set gold|heldout|sanctions]

Each ``events/<id>.json`` (see ``EVENTS.md``) must name only entities of the
article's entity gold (``<id>.json``) and every offset must slice the article's
``text`` to the surface written next to it. Prints every problem and the counts;
exits 1 when there is a problem, 0 without the data (it says so). ``--set heldout``
checks the held-out set (``heldout/events/`` against ``heldout/<id>.json``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score_data import (  # noqa: E402
    CORPUS,
    GoldArticle,
    add_set_option,
    load_gold,
    load_texts,
    set_folder,
)

EVENTS = HERE / "events"
TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE",
    "ASSAULT",
)  # fmt: skip
MODALITIES = ("act", "intent", "threat", "refusal", "negation", "hypothetical")
#: Modalities whose events did not happen and are not wanted: no actor pair is scored.
UNSCORED_MODALITIES = frozenset({"negation", "refusal"})
#: Classes an actor may have (a Place only stands for a government, and none does here).
ACTOR_CLASSES = frozenset(
    {
        "Person", "Country", "GovernmentAgency", "PoliticalParty", "InternationalOrganization",
        "ArmedGroup", "Organization", "Company", "MediaOrganization",
    }
)  # fmt: skip


def load_event_gold(folder: Path = EVENTS) -> dict[str, dict[str, Any]]:
    """Every annotated article's events and statements, by article id."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("bbc-*.json"))
    }


def _span(text: str, span: Any, what: str, problems: list[str]) -> bool:
    ok = (
        isinstance(span, list)
        and len(span) >= 2
        and all(isinstance(x, int) for x in span[:2])
        and 0 <= span[0] < span[1] <= len(text)
    )
    if not ok:
        problems.append(f"{what}: bad span {span!r}")
    return ok


def check_article(raw: dict[str, Any], text: str, entities: GoldArticle) -> list[str]:
    """The problems of one article's event and statement annotation."""
    problems: list[str] = []
    aid = raw.get("id")
    classes = {e.name: e.cls for e in entities.entities}
    if aid != entities.id:
        problems.append(f"{aid}: id does not match its entity gold {entities.id}")

    def actor(name: str, where: str) -> None:
        if name not in classes:
            problems.append(f"{where}: '{name}' is no entity of the article's gold")
        elif classes[name] not in ACTOR_CLASSES:
            problems.append(f"{where}: '{name}' is a {classes[name]}, not an actor")

    def surface(span: Any, where: str) -> None:
        if _span(text, span, where, problems) and (
            len(span) != 3 or text[span[0] : span[1]] != span[2]
        ):
            problems.append(f"{where}: {span!r} reads {text[span[0] : span[1]]!r}")

    seen: set[tuple[Any, ...]] = set()
    for number, event in enumerate(raw.get("events", [])):
        where = f"{aid} event {number}"
        if event.get("type") not in TYPES:
            problems.append(f"{where}: unknown type {event.get('type')!r}")
        if event.get("modality") not in MODALITIES:
            problems.append(f"{where}: unknown modality {event.get('modality')!r}")
        for name in (*event.get("source", []), *event.get("target", [])):
            actor(name, where)
        if not event.get("source") and not event.get("target"):
            problems.append(f"{where}: neither a source nor a target")
        surface(event.get("trigger"), f"{where} trigger")
        sentence = event.get("sentence")
        if _span(text, sentence, f"{where} sentence", problems):
            start, end = event["trigger"][:2]
            if not sentence[0] <= start < end <= sentence[1]:
                problems.append(f"{where}: trigger outside its sentence")
        key = (
            tuple(sentence or ()),
            event.get("type"),
            frozenset(event.get("source", [])),
            frozenset(event.get("target", [])),
        )
        if key in seen:
            problems.append(f"{where}: marked twice in one sentence")
        seen.add(key)
    for number, statement in enumerate(raw.get("statements", [])):
        where = f"{aid} statement {number}"
        actor(statement.get("speaker", ""), where)
        content = statement.get("content")
        if _span(text, content, f"{where} content", problems):
            said = text[content[0] : content[1]]
            if said != said.strip():
                problems.append(f"{where}: content starts or ends with a space")
        if statement.get("cue") is not None:
            surface(statement["cue"], f"{where} cue")
        for flag in ("direct", "negated"):
            if not isinstance(statement.get(flag), bool):
                problems.append(f"{where}: {flag} is not true or false")
    return problems


def check_all(
    texts: dict[str, dict[str, Any]], folder: Path = EVENTS, entity_folder: Path = HERE
) -> tuple[list[str], dict[str, dict[str, Any]]]:
    entities = {article.id: article for article in load_gold(entity_folder)}
    gold = load_event_gold(folder)
    problems = [f"{aid}: no entity gold" for aid in gold if aid not in entities]
    problems += [f"{aid}: no event gold" for aid in entities if aid not in gold]
    for aid, raw in gold.items():
        if aid in entities:
            problems += check_article(raw, texts[aid]["text"], entities[aid])
    return problems, gold


def counts(gold: dict[str, dict[str, Any]]) -> str:
    by_type = Counter(e["type"] for raw in gold.values() for e in raw["events"])
    statements = sum(len(raw["statements"]) for raw in gold.values())
    events = sum(by_type.values())
    listed = ", ".join(f"{t} {n}" for t, n in by_type.most_common())
    return f"{len(gold)} articles, {events} events ({listed}), {statements} statements"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_set_option(parser)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"event gold not checked: {CORPUS} is absent")
        return 0
    folder = set_folder(args.set)
    problems, gold = check_all(load_texts(CORPUS), folder / "events", folder)
    print("\n".join(problems) if problems else "no problems")
    print(counts(gold))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
