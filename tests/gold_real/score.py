"""Score kg's entities on real news, next to the bare spaCy model.

    .venv/bin/python tests/gold_real/score.py [--json] [--errors] [--set gold|heldout|sanctions]

The gold set is 40 BBC articles of ``../shared/data/bbc-news-2004-2005.jsonl``
(drawn by ``draw.py``), annotated by hand (``GUIDELINES.md``): every entity with
its class, a canonical name shared across articles, and every mention as
character offsets into the record's ``text``. Without the data the script says
so and exits 0. ``--set heldout`` scores the held-out set (``heldout/``, 16 articles
drawn by ``draw.py --heldout``) instead.

kg builds the 40 articles into a temporary store with ``kg.build``; the same
articles are extracted and resolved in this process to get each entity's mention
spans, and each entity's node after the corpus-wide consolidation is read back
from the store, so cross-article identity is the store's.

Entities, per article. A predicted entity is its mentions' spans (kg: a resolved
entity of a gold class; bare model: its entities of one label and one surface
text). Predicted and gold entities that share a character of some mention are
candidates; they are paired one to one, same-class pairs first, then by the
number of shared characters. A predicted entity paired with a gold entity of its
class is a true positive; any other predicted entity is a false positive of its
class (so a second node for one thing is an error); a gold entity left without a
same-class partner is a false negative of its class. "detected" ignores classes.

Merging, B-cubed over gold mentions. Each gold mention is aligned with the
predicted mention sharing most characters with it and belongs to that mention's
predicted entity (a gold mention no prediction overlaps is a singleton).
Precision is the mean over gold mentions of |P ∩ G| / |P|, recall of
|P ∩ G| / |G|, with G the gold mentions of the same gold entity and P those of the
same predicted entity: within an article (both restricted to it) and across
articles (gold: same class and canonical name; kg: same node in the store; bare
model: same label and surface text).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score_data import (  # noqa: E402
    CLASSES,
    CORPUS,
    GoldArticle,
    add_set_option,
    load_gold,
    load_texts,
    set_folder,
)


def _written_gold_scorer() -> Any:
    """tests/gold/score.py, for its counters (both scorers are scripts named score)."""
    spec = importlib.util.spec_from_file_location(
        "written_gold_score", HERE.parent / "gold" / "score.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


Counts = _written_gold_scorer().Counts

BARE_CLASSES = {
    "PERSON": "Person",
    "GPE": "Country",
    "ORG": "Organization",
    "LOC": "Place",
    "FAC": "Place",
}
Span = tuple[int, int]


@dataclass
class Predicted:
    """One predicted entity of one article."""

    cls: str
    label: str
    spans: list[Span]
    #: Its identity across articles (kg: the node in the store).
    node: str


@dataclass
class Scores:
    by_class: dict[str, Any] = field(default_factory=lambda: defaultdict(Counts))
    detected: Any = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)
    #: (article, gold mention start) -> predicted node, for B-cubed
    assigned: dict[tuple[str, int], str] = field(default_factory=dict)

    @property
    def total(self) -> Any:
        total = Counts()
        for counts in self.by_class.values():
            total.add(counts)
        return total


def overlap(a: Iterable[Span], b: Iterable[Span]) -> int:
    b = list(b)
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def score_article(gold: GoldArticle, predicted: list[Predicted], scores: Scores) -> None:
    """Pair predicted with gold entities and count; record each gold mention's node."""
    pairs = []
    for p, entity in enumerate(predicted):
        for g, wanted in enumerate(gold.entities):
            shared = overlap(entity.spans, [(s, e) for s, e, _ in wanted.mentions])
            if shared:
                pairs.append((entity.cls != wanted.cls, -shared, p, g))
    candidates = {p: g for _, _, p, g in sorted(pairs, reverse=True)}
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, p, g in sorted(pairs):
        if p not in partner and g not in taken:
            partner[p] = g
            taken.add(g)
    right: set[int] = set()
    for p, entity in enumerate(predicted):
        g = partner.get(p)
        if g is not None:
            scores.detected.tp += 1
        else:
            scores.detected.fp += 1
        if g is not None and gold.entities[g].cls == entity.cls:
            scores.by_class[entity.cls].tp += 1
            right.add(g)
            continue
        scores.by_class[entity.cls].fp += 1
        if g is not None:
            what = f"is {gold.entities[g].cls} {gold.entities[g].name}"
        elif p in candidates:
            what = f"a second node for {gold.entities[candidates[p]].name}"
        else:
            what = "not in gold"
        scores.errors.append(f"{gold.id}: extra {entity.cls} '{entity.label}' ({what})")
    for g, wanted in enumerate(gold.entities):
        if g not in taken:
            scores.detected.fn += 1
        if g not in right:
            scores.by_class[wanted.cls].fn += 1
            scores.errors.append(f"{gold.id}: missed {wanted.cls} {wanted.name}")
    for wanted in gold.entities:
        for start, end, _ in wanted.mentions:
            best = max(
                (
                    (overlap([(start, end)], [span]), entity.node)
                    for entity in predicted
                    for span in entity.spans
                ),
                default=(0, ""),
            )
            if best[0]:
                scores.assigned[(gold.id, start)] = best[1]


def bcubed(golds: list[GoldArticle], scores: Scores, *, across: bool) -> tuple[float, float]:
    """B-cubed precision and recall of the merging, over the gold mentions."""
    items = []
    for gold in golds:
        for wanted in gold.entities:
            gold_key = (wanted.cls, wanted.name) if across else (gold.id, wanted.cls, wanted.name)
            for start, _, _ in wanted.mentions:
                node = scores.assigned.get((gold.id, start))
                if node is None:
                    predicted_key: tuple[str, ...] = ("none", gold.id, str(start))
                else:
                    predicted_key = (node,) if across else (gold.id, node)
                items.append((gold_key, predicted_key))
    gold_size: dict[Any, int] = defaultdict(int)
    predicted_size: dict[Any, int] = defaultdict(int)
    both: dict[Any, int] = defaultdict(int)
    for gold_key, predicted_key in items:
        gold_size[gold_key] += 1
        predicted_size[predicted_key] += 1
        both[(gold_key, predicted_key)] += 1
    precision = sum(both[item] / predicted_size[item[1]] for item in items) / len(items)
    recall = sum(both[item] / gold_size[item[0]] for item in items) / len(items)
    return precision, recall


# --- kg ------------------------------------------------------------------------------------


def kg_predictions(records: list[dict[str, Any]], model: str | None) -> dict[str, list[Predicted]]:
    """kg's entities of each article, with their nodes in a store built from all of them."""
    import kg
    from kg.extract import Extractor
    from kg.ingest import read_documents
    from kg.merge import occurrences_in_store
    from kg.nlp import load_pipeline
    from kg.rdf import document_iri, entity_iri
    from kg.resolve import resolve
    from kg.store import Store

    with tempfile.TemporaryDirectory(prefix="kg-gold-real-") as folder:
        feed = Path(folder) / "gold.jsonl"
        feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        kg.build([feed], store=Path(folder) / "store", model=model)
        with Store(Path(folder) / "store", read_only=True) as store:
            node_of = {(o.graph, o.local): o.node for o in occurrences_in_store(store.oxigraph)}
        documents = list(read_documents([feed]))
    extractor = Extractor(load_pipeline(model))
    predictions: dict[str, list[Predicted]] = {}
    for record, extraction in zip(records, extractor.extract_all(documents), strict=True):
        document = extraction.document
        if document.text != record["text"]:
            raise SystemExit(
                f"{record['id']}: kg read a different text than the record's; offsets would not align"
            )
        graph = str(document_iri(document))
        resolved = resolve(extraction)
        predictions[record["id"]] = [
            Predicted(
                entity.cls,
                entity.label,
                [
                    (extraction.mentions[m].start, extraction.mentions[m].end)
                    for m in entity.mentions
                ],
                node_of.get((graph, str(entity_iri(entity))), str(entity_iri(entity))),
            )
            for entity in resolved.entities
            if entity.cls in CLASSES
        ]
    return predictions


# --- the bare model ----------------------------------------------------------------------------


def bare_predictions(
    records: list[dict[str, Any]], model: str | None
) -> dict[str, list[Predicted]]:
    """The bare model's entities: one per label and surface text in each article."""
    import spacy

    from kg.nlp import default_model_name

    nlp = spacy.load(model or default_model_name())
    predictions: dict[str, list[Predicted]] = {}
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        entities: dict[tuple[str, str], Predicted] = {}
        for ent in doc.ents:
            cls = BARE_CLASSES.get(ent.label_)
            if cls is None:
                continue
            entity = entities.setdefault(
                (cls, ent.text), Predicted(cls, ent.text, [], f"{cls}:{ent.text}")
            )
            entity.spans.append((ent.start_char, ent.end_char))
        predictions[record["id"]] = list(entities.values())
    return predictions


# --- running and printing ----------------------------------------------------------------------


@dataclass
class Report:
    kg: Scores
    bare: Scores
    kg_bcubed: dict[str, tuple[float, float]]
    bare_bcubed: dict[str, tuple[float, float]]
    articles: int
    entities: int
    mentions: int
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        def table(scores: Scores, merging: dict[str, tuple[float, float]]) -> dict[str, Any]:
            rows: dict[str, Any] = {
                cls: c.as_dict()
                for cls in CLASSES
                if (c := scores.by_class.get(cls, Counts())) and (c.tp + c.fp + c.fn)
            }
            for name, c in (("all", scores.total), ("detected", scores.detected)):
                rows[name] = {"precision": c.precision, "recall": c.recall, "f1": c.f1}
            rows["bcubed"] = {k: {"precision": p, "recall": r} for k, (p, r) in merging.items()}
            return rows

        return {
            "articles": self.articles,
            "gold_entities": self.entities,
            "gold_mentions": self.mentions,
            "seconds": self.seconds,
            "kg": table(self.kg, self.kg_bcubed),
            "spacy": table(self.bare, self.bare_bcubed),
        }


def evaluate(model: str | None = None, corpus: Path = CORPUS, folder: Path = HERE) -> Report:
    started = time.perf_counter()
    golds = load_gold(folder)
    texts = load_texts(corpus)
    records = [texts[gold.id] for gold in golds]
    results = []
    for predictions in (kg_predictions(records, model), bare_predictions(records, model)):
        scores = Scores()
        for gold in golds:
            score_article(gold, predictions[gold.id], scores)
        merging = {
            "within articles": bcubed(golds, scores, across=False),
            "across articles": bcubed(golds, scores, across=True),
        }
        results.append((scores, merging))
    (kg_scores, kg_merging), (bare_scores, bare_merging) = results
    return Report(
        kg_scores,
        bare_scores,
        kg_merging,
        bare_merging,
        len(golds),
        sum(len(g.entities) for g in golds),
        sum(len(e.mentions) for g in golds for e in g.entities),
        time.perf_counter() - started,
    )


def format_report(report: Report) -> str:
    lines = [
        f"real-news gold: {report.articles} articles, {report.entities} entities, "
        f"{report.mentions} mentions ({report.seconds:.0f} s)",
        "",
        "entities                    kg: P     R     F1   | bare spaCy: P     R     F1",
    ]
    for cls in (*CLASSES, "all", "detected"):
        if cls == "all":
            k, b = report.kg.total, report.bare.total
        elif cls == "detected":
            k, b = report.kg.detected, report.bare.detected
        else:
            k, b = report.kg.by_class.get(cls, Counts()), report.bare.by_class.get(cls, Counts())
        lines.append(
            f"  {cls:<25} {k.precision:5.2f} {k.recall:5.2f} {k.f1:5.2f}  |             "
            f"{b.precision:5.2f} {b.recall:5.2f} {b.f1:5.2f}"
        )
    lines += ["", "merging, B-cubed over mentions   kg: P     R   | bare spaCy: P     R"]
    for name in report.kg_bcubed:
        (kp, kr), (bp, br) = report.kg_bcubed[name], report.bare_bcubed[name]
        lines.append(f"  {name:<30} {kp:5.2f} {kr:5.2f}  |             {bp:5.2f} {br:5.2f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list kg's every miss and extra")
    parser.add_argument("--model", default=None, help="spaCy model name")
    add_set_option(parser)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"no real-news gold scores: {CORPUS} is absent")
        return 0
    report = evaluate(args.model, folder=set_folder(args.set))
    print(json.dumps(report.as_dict(), indent=1) if args.json else format_report(report))
    if args.errors:
        print("\n" + "\n".join(report.kg.errors))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent))
    sys.exit(main())
