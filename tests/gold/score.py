"""Score kg's entities and relations against the gold set, next to the bare spaCy model.

    .venv/bin/python tests/gold/score.py [--json]

The gold set is a folder of articles written for the tests (``NN-name.md``) with
their annotations (``NN-name.json``): the entities a reader finds in the article
(class, name, other names it goes by) and the relations it states.

How entities are scored: a predicted entity is correct when its class equals a
gold entity's class and one of its labels (preferred or alternative) equals one
of that gold entity's names, ignoring case. Each gold entity can be found once;
a second predicted node for the same thing is a false positive, because a
duplicate node is an error in a knowledge graph. The bare model's entities are
its distinct (label, text) pairs, with PERSON -> Person, GPE -> Country,
ORG -> Organization, LOC/FAC -> Place (it has no finer classes and no merging).

How relations are scored: kg's direct triples in the document's graph, with both
ends mapped to gold entities as above. negotiatesWith and meetsWith are
unordered pairs; holds is (person, the body the post is in), and posts without a
body are not scored; stated is the speaker; reportedBy is (speaker, medium).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOLD = Path(__file__).resolve().parent
ENTITY_CLASSES = (
    "Person", "Country", "GovernmentAgency", "InternationalOrganization", "Organization",
    "Company", "MediaOrganization", "Place", "Policy", "Topic",
)  # fmt: skip
RELATION_TYPES = (
    "negotiatesWith", "meetsWith", "holds", "imposes", "targets", "demands", "stated", "reportedBy",
)  # fmt: skip
SYMMETRIC = {"negotiatesWith", "meetsWith"}
BARE_CLASSES = {
    "PERSON": "Person",
    "GPE": "Country",
    "ORG": "Organization",
    "LOC": "Place",
    "FAC": "Place",
}


def fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


@dataclass
class GoldDocument:
    path: Path
    entities: list[dict[str, Any]]
    relations: list[dict[str, Any]]

    def names(self, index: int) -> set[str]:
        entity = self.entities[index]
        return {fold(entity["name"]), *(fold(a) for a in entity.get("aliases", []))}

    def find(self, name: str) -> int:
        for index in range(len(self.entities)):
            if fold(name) in self.names(index):
                return index
        raise KeyError(f"{self.path.name}: relation end '{name}' is not a gold entity")


def load_gold(folder: Path = GOLD) -> list[GoldDocument]:
    documents = []
    for path in sorted(folder.glob("*.md")):
        annotation = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        documents.append(GoldDocument(path, annotation["entities"], annotation["relations"]))
    return documents


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Scores:
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.by_type.values():
            total.add(counts)
        return total


@dataclass
class Predicted:
    cls: str
    labels: set[str]
    iri: str = ""
    label: str = ""


def match_entities(
    gold: GoldDocument, predicted: list[Predicted], scores: Scores
) -> dict[str, int]:
    """Count TP/FP/FN per class; return predicted IRI -> gold entity index.

    Entities whose preferred label is a gold name are matched first, then those
    that share any name, so that a second node for the same thing is the extra one.
    """
    found: dict[int, int] = {}
    mapping: dict[str, int] = {}

    def exact_first(item: tuple[int, Predicted]) -> bool:
        entity = item[1]
        return not any(
            wanted["class"] == entity.cls and fold(wanted["name"]) == entity.label
            for wanted in gold.entities
        )

    for number, entity in sorted(enumerate(predicted), key=exact_first):
        hit = None
        candidates = [
            index
            for index, wanted in enumerate(gold.entities)
            if wanted["class"] == entity.cls and gold.names(index) & entity.labels
        ]
        free = [index for index in candidates if index not in found]
        hit = (free or candidates or [None])[0]
        counts = scores.by_type[entity.cls]
        if hit is not None and hit not in found:
            found[hit] = number
            counts.tp += 1
            if entity.iri:
                mapping[entity.iri] = hit
        else:
            counts.fp += 1
            what = "duplicate of" if hit is not None else "not in gold"
            scores.errors.append(
                f"{gold.path.stem}: extra {entity.cls} {sorted(entity.labels)} ({what})"
            )
    for index, wanted in enumerate(gold.entities):
        if index not in found:
            scores.by_type[wanted["class"]].fn += 1
            scores.errors.append(f"{gold.path.stem}: missed {wanted['class']} {wanted['name']}")
    return mapping


# --- kg ------------------------------------------------------------------------------------


def kg_graph(extractor: Any, gold: GoldDocument) -> tuple[list[Predicted], list[tuple[Any, ...]]]:
    """kg's entities and direct triples for one gold article (no store involved)."""
    from kg.ingest import read_documents
    from kg.rdf import document_triples
    from kg.resolve import resolve

    [document] = read_documents([gold.path])
    resolved = resolve(extractor.extract_text(document))
    triples = document_triples(resolved)
    predicted = [
        Predicted(
            entity.cls,
            {fold(entity.label), *(fold(a) for a in entity.aliases)},
            entity.key,
            fold(entity.label),
        )
        for entity in resolved.entities
        if entity.cls in ENTITY_CLASSES
    ]
    return predicted, triples


def kg_relations(triples: list[tuple[Any, ...]]) -> set[tuple[str, ...]]:
    from kg.vocab import KG, KGR, ORG

    def key(term: Any) -> str:
        return str(term)[len(str(KGR)) :]

    post_in = {s: o for s, p, o in triples if p == ORG.postIn}
    speaker_of = {o: s for s, p, o in triples if p == KG.stated}
    found: set[tuple[str, ...]] = set()
    for s, p, o in triples:
        name = str(p).rsplit("#", 1)[-1]
        if p in (KG.negotiatesWith, KG.meetsWith):
            found.add((name, *sorted((key(s), key(o)))))
        elif p == ORG.holds and o in post_in:
            found.add(("holds", key(s), key(post_in[o])))
        elif p in (KG.imposes, KG.targets, KG.demands):
            found.add((name, key(s), key(o)))
        elif p == KG.stated:
            found.add(("stated", key(s)))
        elif p == KG.reportedBy and s in speaker_of:
            found.add(("reportedBy", key(speaker_of[s]), key(o)))
    return found


def gold_relations(gold: GoldDocument) -> set[tuple[Any, ...]]:
    found: set[tuple[Any, ...]] = set()
    for relation in gold.relations:
        kind = relation["type"]
        if kind in SYMMETRIC:
            found.add((kind, *sorted((gold.find(relation["a"]), gold.find(relation["b"])))))
        elif kind == "holds":
            found.add(("holds", gold.find(relation["person"]), gold.find(relation["in"])))
        elif kind == "stated":
            found.add(("stated", gold.find(relation["subject"])))
        else:
            found.add((kind, gold.find(relation["subject"]), gold.find(relation["object"])))
    return found


def score_relations(
    gold: GoldDocument, predicted: set[tuple[str, ...]], mapping: dict[str, int], scores: Scores
) -> None:
    wanted = gold_relations(gold)
    mapped: set[tuple[Any, ...]] = set()
    for relation in predicted:
        kind, *ends = relation
        if kind not in RELATION_TYPES:
            continue
        indices = [mapping.get(end) for end in ends]
        if None in indices:
            scores.by_type[kind].fp += 1
            scores.errors.append(
                f"{gold.path.stem}: extra {kind} {ends} (an end is not a gold entity)"
            )
            continue
        item = (kind, *sorted(indices)) if kind in SYMMETRIC else (kind, *indices)  # type: ignore[type-var]
        mapped.add(item)
    for item in mapped:
        if item in wanted:
            scores.by_type[item[0]].tp += 1
        else:
            scores.by_type[item[0]].fp += 1
            names = [gold.entities[i]["name"] for i in item[1:]]
            scores.errors.append(f"{gold.path.stem}: wrong {item[0]} {names}")
    for item in wanted - mapped:
        scores.by_type[item[0]].fn += 1
        names = [gold.entities[i]["name"] for i in item[1:]]
        scores.errors.append(f"{gold.path.stem}: missed {item[0]} {names}")


# --- the bare model ----------------------------------------------------------------------------


def bare_entities(nlp: Any, gold: GoldDocument) -> list[Predicted]:
    from kg.ingest import read_documents

    [document] = read_documents([gold.path])
    doc = nlp(document.text)
    seen: dict[tuple[str, str], Predicted] = {}
    for ent in doc.ents:
        cls = BARE_CLASSES.get(ent.label_)
        if cls is None:
            continue
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        seen.setdefault((cls, fold(text)), Predicted(cls, {fold(text)}, label=fold(text)))
    return list(seen.values())


# --- running and printing ----------------------------------------------------------------------


@dataclass
class Report:
    kg_entities: Scores
    bare_entities: Scores
    kg_relations: Scores
    documents: int
    gold_entities: int
    gold_relations: int

    def as_dict(self) -> dict[str, Any]:
        def table(scores: Scores, types: tuple[str, ...]) -> dict[str, Any]:
            rows = {
                t: c.as_dict()
                for t in types
                if (c := scores.by_type.get(t, Counts())) and (c.tp + c.fp + c.fn)
            }
            total = scores.total
            rows["all"] = {"precision": total.precision, "recall": total.recall, "f1": total.f1}
            return rows

        return {
            "documents": self.documents,
            "gold_entities": self.gold_entities,
            "gold_relations": self.gold_relations,
            "entities": {
                "kg": table(self.kg_entities, ENTITY_CLASSES),
                "spacy": table(self.bare_entities, ENTITY_CLASSES),
            },
            "relations": {"kg": table(self.kg_relations, RELATION_TYPES)},
        }


def evaluate(folder: Path = GOLD, model: str | None = None) -> Report:
    import spacy

    from kg.extract import Extractor
    from kg.nlp import default_model_name, load_pipeline

    extractor = Extractor(load_pipeline(model))
    bare = spacy.load(model or default_model_name())
    kg_entities, bare_scores, kg_rel = Scores(), Scores(), Scores()
    golds = load_gold(folder)
    for gold in golds:
        predicted, triples = kg_graph(extractor, gold)
        mapping = match_entities(gold, predicted, kg_entities)
        score_relations(gold, kg_relations(triples), mapping, kg_rel)
        match_entities(gold, bare_entities(bare, gold), bare_scores)
    return Report(
        kg_entities,
        bare_scores,
        kg_rel,
        len(golds),
        sum(len(g.entities) for g in golds),
        sum(len(g.relations) for g in golds),
    )


def format_report(report: Report) -> str:
    lines = [
        f"gold set: {report.documents} articles, {report.gold_entities} entities, "
        f"{report.gold_relations} relations",
        "",
        "entities           kg: P     R     F1    | bare spaCy: P     R     F1",
    ]
    for cls in (*ENTITY_CLASSES, "all"):
        if cls == "all":
            k, b = report.kg_entities.total, report.bare_entities.total
        else:
            k = report.kg_entities.by_type.get(cls, Counts())
            b = report.bare_entities.by_type.get(cls, Counts())
        lines.append(
            f"  {cls:<18} {k.precision:5.2f} {k.recall:5.2f} {k.f1:5.2f}   |             "
            f"{b.precision:5.2f} {b.recall:5.2f} {b.f1:5.2f}"
        )
    lines += ["", "relations          kg: P     R     F1     (tp/fp/fn)"]
    for kind in (*RELATION_TYPES, "all"):
        c = (
            report.kg_relations.total
            if kind == "all"
            else report.kg_relations.by_type.get(kind, Counts())
        )
        lines.append(
            f"  {kind:<18} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f}   ({c.tp}/{c.fp}/{c.fn})"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list every miss and extra")
    parser.add_argument("--model", default=None, help="spaCy model name")
    parser.add_argument(
        "folder", nargs="?", type=Path, default=GOLD,
        help="gold folder (default: the development set; tests/gold/held-out is the held-out set)",
    )  # fmt: skip
    args = parser.parse_args()
    report = evaluate(args.folder, model=args.model)
    if args.json:
        print(json.dumps(report.as_dict(), indent=1))
    else:
        print(format_report(report))
    if args.errors:
        print()
        print("\n".join(report.kg_entities.errors + report.kg_relations.errors))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(GOLD.parent.parent))
    sys.exit(main())
