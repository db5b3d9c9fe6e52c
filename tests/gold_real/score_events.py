"""Score kg's events and statements on real news, next to a naive baseline.

    .venv/bin/python tests/gold_real/score_events.py [--json] [--errors] [--set gold|heldout|sanctions]

The gold is ``events/<id>.json`` (``EVENTS.md``) over the 40 articles of the
entity gold (``--set heldout``: ``heldout/events/`` over the held-out set). kg
builds the articles exactly as ``score.py`` does (its ``kg_predictions``: one
temporary store); the events and statements are read
from that store with SPARQL while it exists, and kg's nodes are mapped to gold
entities per article with score.py's alignment: each gold mention goes to the
predicted entity sharing most characters with it (``score_article``), and a node
stands for the gold entity most of whose mentions went to it.

Events, per PLOVER type: a gold pair is (article, type, source, target) for every
source x target of an event with both sides named and a modality other than
negation or refusal; CONSULT, COOPERATE and AGREE pairs are unordered. kg's pairs
are built the same way from its events (``kg:source``/``kg:target``, or for a
negotiation with ``kg:participatesIn`` only, every two participants as CONSULT)
with their nodes mapped to gold entities; a pair whose node maps to none stays an
error. Precision and recall count distinct pairs. Of the matched pairs, those with
a modality of the gold pair are counted apart.

Statements: a kg statement matches a gold one of the same article when its speaker
maps to the gold speaker and its quote (found in the text, else its sentence)
overlaps the gold content; one to one.

The baseline: the bare spaCy model's entities (PERSON, ORG, GPE, NORP, FAC, LOC)
aligned the same way, and for each sentence whose root verb's lemma is in a short
list per type, the nearest entity before the root as source and the nearest
after it as target; a sentence whose root is "say" with a PERSON or ORG subject
is a statement of that entity with the sentence as content.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from check_events import TYPES, UNSCORED_MODALITIES, load_event_gold  # noqa: E402
from score_data import (  # noqa: E402
    CORPUS,
    GoldArticle,
    add_set_option,
    load_gold,
    load_texts,
    set_folder,
)


def _entity_scorer() -> Any:
    """tests/gold_real/score.py under its own name (tests/gold/score.py is `score` too)."""
    name = "gold_real_score"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


score = _entity_scorer()
Counts = score.Counts

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
TOGETHER = ("CONSULT", "AGREE", "DEMAND", "SANCTION", "THREATEN", "REJECT", "DISAPPROVE")
KG_NS = "https://w3id.org/newskg/ontology#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
#: kg's modality terms (local names, lower case) in the gold's words.
MODALITY_NAMES = {"negated": "negation", "refused": "refusal"}

Pair = tuple[str, str, str, str]  # article, type, source, target


# --- pairs and their counting (no kg, no data: the unit tests use these) ------------------


def pair_key(article: str, kind: str, source: str, target: str) -> Pair:
    """A pair as counted: unordered for the symmetric types."""
    if kind in SYMMETRIC and target < source:
        source, target = target, source
    return (article, kind, source, target)


@dataclass
class PredictedEvent:
    """One event as a system gives it, its actors already in gold names where they align
    (an actor that aligns with no gold entity keeps a name of its own)."""

    article: str
    kind: str
    sources: list[str]
    targets: list[str]
    modality: str = "act"
    sentence: tuple[int, int] | None = None
    evidence: str = ""


def gold_event_pairs(gold: Mapping[str, Mapping[str, Any]]) -> dict[Pair, set[str]]:
    """Every scored gold pair with the modalities the gold gives it."""
    pairs: dict[Pair, set[str]] = defaultdict(set)
    for article, raw in gold.items():
        for event in raw["events"]:
            if event["modality"] in UNSCORED_MODALITIES:
                continue
            for source in event["source"]:
                for target in event["target"]:
                    if source != target:
                        pairs[pair_key(article, event["type"], source, target)].add(
                            event["modality"]
                        )
    return dict(pairs)


def predicted_pairs(events: Iterable[PredictedEvent]) -> dict[Pair, set[str]]:
    pairs: dict[Pair, set[str]] = defaultdict(set)
    for event in events:
        if event.modality in UNSCORED_MODALITIES:
            continue
        for source in event.sources:
            for target in event.targets:
                if source != target:
                    pairs[pair_key(event.article, event.kind, source, target)].add(event.modality)
    return dict(pairs)


@dataclass
class EventScores:
    by_type: dict[str, Any] = field(default_factory=lambda: defaultdict(Counts))
    #: matched pairs, and those of them with a modality the gold gives the pair
    matched: int = 0
    same_modality: int = 0
    errors: list[str] = field(default_factory=list)

    def total(self, kinds: Iterable[str] | None = None) -> Any:
        total = Counts()
        for kind, counts in self.by_type.items():
            if kinds is None or kind in kinds:
                total.add(counts)
        return total


def score_pairs(gold: Mapping[Pair, set[str]], predicted: Mapping[Pair, set[str]]) -> EventScores:
    scores = EventScores()
    for pair, modalities in sorted(predicted.items()):
        article, kind, source, target = pair
        if pair in gold:
            scores.by_type[kind].tp += 1
            scores.matched += 1
            if modalities & gold[pair]:
                scores.same_modality += 1
        else:
            scores.by_type[kind].fp += 1
            scores.errors.append(f"{article}: extra {kind} {source} -> {target}")
    for pair in sorted(gold):
        if pair not in predicted:
            article, kind, source, target = pair
            scores.by_type[kind].fn += 1
            scores.errors.append(f"{article}: missed {kind} {source} -> {target}")
    return scores


@dataclass
class PredictedStatement:
    article: str
    speaker: str
    #: the span the system gives for what was said (its quote found in the text, or
    #: its sentence)
    span: tuple[int, int]
    quote: str = ""


def score_statements(
    gold: Mapping[str, Mapping[str, Any]], predicted: Iterable[PredictedStatement]
) -> tuple[Any, list[str]]:
    """One-to-one matches of same-speaker statements whose spans overlap."""
    counts = Counts()
    errors: list[str] = []
    by_article: dict[str, list[PredictedStatement]] = defaultdict(list)
    for statement in predicted:
        by_article[statement.article].append(statement)
    for article in sorted(set(gold) | set(by_article)):
        wanted = gold.get(article, {}).get("statements", [])
        found = by_article.get(article, [])
        candidates = []
        for p, statement in enumerate(found):
            for g, want in enumerate(wanted):
                start, end = want["content"]
                shared = min(end, statement.span[1]) - max(start, statement.span[0])
                if want["speaker"] == statement.speaker and shared > 0:
                    candidates.append((-shared, p, g))
        used_p: set[int] = set()
        used_g: set[int] = set()
        for _, p, g in sorted(candidates):
            if p not in used_p and g not in used_g:
                used_p.add(p)
                used_g.add(g)
        counts.tp += len(used_p)
        counts.fp += len(found) - len(used_p)
        counts.fn += len(wanted) - len(used_g)
        errors += [
            f"{article}: extra statement of {s.speaker}: {s.quote[:70]!r}"
            for p, s in enumerate(found)
            if p not in used_p
        ]
        errors += [
            f"{article}: missed statement of {w['speaker']} at {w['content']}"
            for g, w in enumerate(wanted)
            if g not in used_g
        ]
    return counts, errors


# --- mapping predicted entities to gold entities -----------------------------------------


def gold_names_of_nodes(gold: GoldArticle, predicted: list[Any]) -> dict[str, str]:
    """Each predicted node of one article -> the gold entity most of whose mentions
    score.py's alignment gives to it."""
    scores = score.Scores()
    score.score_article(gold, predicted, scores)
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for entity in gold.entities:
        for start, _, _ in entity.mentions:
            node = scores.assigned.get((gold.id, start))
            if node is not None:
                votes[node][entity.name] += 1
    return {node: max(names, key=lambda n: (names[n], n)) for node, names in votes.items()}


# --- kg --------------------------------------------------------------------------------------


@dataclass
class StoreEvent:
    graph: str
    node: str
    kind: str
    sources: list[str]
    targets: list[str]
    modality: str


@dataclass
class StoreStatement:
    graph: str
    speaker: str
    quote: str
    sentence: tuple[int, int]


@dataclass
class StoreContent:
    events: list[StoreEvent] = field(default_factory=list)
    statements: list[StoreStatement] = field(default_factory=list)
    #: document graph -> record id
    articles: dict[str, str] = field(default_factory=dict)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _modality(iri: str | None) -> str:
    if not iri:
        return "act"
    name = _local(iri).lower()
    return MODALITY_NAMES.get(name, name)


def read_store(oxigraph: Any) -> StoreContent:
    """kg's events and statements in a store's document graphs."""
    content = StoreContent()

    def rows(query: str) -> Iterator[list[str | None]]:
        for row in oxigraph.query(query):
            yield [None if value is None else value.value for value in row]

    prefixes = f"PREFIX kg: <{KG_NS}> PREFIX rdf: <{RDF_NS}> PREFIX skos: <{SKOS_NS}>"
    events: dict[tuple[str, str], dict[str, Any]] = {}

    def event(graph: str, node: str) -> dict[str, Any]:
        return events.setdefault(
            (graph, node),
            {"kind": None, "sources": [], "targets": [], "participants": {}, "modality": None},
        )

    for graph, node in rows(
        f"""{prefixes} SELECT DISTINCT ?g ?e WHERE {{ GRAPH ?g {{
            {{ ?e a kg:Event }} UNION {{ ?e a kg:Negotiation }} UNION {{ ?e kg:eventType ?c }}
            UNION {{ ?x kg:participatesIn ?e }}
            UNION {{ ?a rdf:predicate kg:participatesIn ; rdf:object ?e }} }} }}"""
    ):
        assert graph is not None and node is not None
        event(graph, node)
    notations = {
        concept: notation
        for concept, notation in rows(
            f"{prefixes} SELECT DISTINCT ?c ?n WHERE {{ {{ ?c skos:notation ?n }} "
            f"UNION {{ GRAPH ?g {{ ?c skos:notation ?n }} }} }}"
        )
        if concept and notation
    }
    for graph, node, predicate, value in rows(
        f"""{prefixes} SELECT ?g ?e ?p ?o WHERE {{ GRAPH ?g {{ ?e ?p ?o
            VALUES ?p {{ kg:eventType kg:source kg:target kg:modality }} }} }}"""
    ):
        assert graph and node and predicate and value
        if (graph, node) not in events:
            continue
        found = events[(graph, node)]
        name = _local(predicate)
        if name == "eventType":
            found["kind"] = notations.get(value, _local(value).upper())
        elif name == "source":
            found["sources"].append(value)
        elif name == "target":
            found["targets"].append(value)
        else:
            found["modality"] = _modality(value)
    for graph, actor, node, modality in rows(
        f"""{prefixes} SELECT DISTINCT ?g ?x ?e ?m WHERE {{ GRAPH ?g {{
            {{ ?a rdf:predicate kg:participatesIn ; rdf:subject ?x ; rdf:object ?e
               OPTIONAL {{ ?a kg:modality ?m }} }}
            UNION {{ ?x kg:participatesIn ?e }} }} }}"""
    ):
        assert graph and actor and node
        participants = event(graph, node)["participants"]
        if modality or actor not in participants:
            participants[actor] = _modality(modality)
    for (graph, node), found in events.items():
        sources, targets = found["sources"], found["targets"]
        modality = found["modality"]
        if not sources and not targets:
            actors = sorted(found["participants"])
            sources, targets = actors, actors  # every two participants (self-pairs drop)
            modality = modality or next(iter(found["participants"].values()), "act")
        content.events.append(
            StoreEvent(graph, node, found["kind"] or "CONSULT", sources, targets, modality or "act")
        )
    for graph, speaker, quote, start, end in rows(
        f"""{prefixes} SELECT DISTINCT ?g ?sp ?q ?s ?e WHERE {{ GRAPH ?g {{
            ?st a kg:Statement ; kg:quote ?q .
            ?a rdf:subject ?sp ; rdf:predicate kg:stated ; rdf:object ?st ;
               kg:charStart ?s ; kg:charEnd ?e }} }}"""
    ):
        assert graph and speaker and quote is not None and start and end
        content.statements.append(StoreStatement(graph, speaker, quote, (int(start), int(end))))
    return content


@contextlib.contextmanager
def reading_the_built_store(content: StoreContent) -> Iterator[None]:
    """While score.py builds its temporary store, read the events and statements from it
    (kg.build is wrapped for that moment: the store is gone when kg_predictions returns)."""
    import kg
    from kg.ingest import read_documents
    from kg.rdf import document_iri
    from kg.store import Store

    original = kg.build

    def build(sources: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(sources, *args, **kwargs)
        with Store(Path(kwargs["store"]), read_only=True) as store:
            found = read_store(store.oxigraph)
        content.events += found.events
        content.statements += found.statements
        for document in read_documents([Path(s) for s in sources]):
            content.articles[str(document_iri(document))] = document.id
        return result

    setattr(kg, "build", build)  # noqa: B010 (the module attribute score.py calls)
    try:
        yield
    finally:
        setattr(kg, "build", original)  # noqa: B010


def kg_results(
    golds: list[GoldArticle], records: list[dict[str, Any]], model: str | None
) -> tuple[list[PredictedEvent], list[PredictedStatement]]:
    content = StoreContent()
    with reading_the_built_store(content):
        predictions = score.kg_predictions(records, model)
    texts = {record["id"]: record["text"] for record in records}
    names = {gold.id: gold_names_of_nodes(gold, predictions[gold.id]) for gold in golds}

    def name(article: str, node: str) -> str:
        return names.get(article, {}).get(node, f"<{_local(node)}>")

    events = []
    for found in content.events:
        article = content.articles.get(found.graph)
        if article is None or article not in names:
            continue
        events.append(
            PredictedEvent(
                article,
                found.kind,
                [name(article, s) for s in found.sources],
                [name(article, t) for t in found.targets],
                found.modality,
            )
        )
    statements = []
    for said in content.statements:
        article = content.articles.get(said.graph)
        if article is None or article not in names:
            continue
        at = texts[article].find(said.quote) if said.quote else -1
        span = (at, at + len(said.quote)) if at >= 0 else said.sentence
        statements.append(
            PredictedStatement(article, name(article, said.speaker), span, said.quote)
        )
    return events, statements


# --- the baseline ---------------------------------------------------------------------------

BASELINE_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
BASELINE_VERBS = {
    "CONSULT": ("meet", "talk", "negotiate", "visit", "host", "telephone"),
    "AGREE": ("agree", "sign", "accept", "promise"),
    "SUPPORT": ("back", "support", "endorse", "praise", "defend"),
    "COOPERATE": ("cooperate", "co-operate"),
    "AID": ("aid", "help", "give", "lend", "donate"),
    "CONCEDE": ("release", "free", "apologise", "apologize", "ease", "lift"),
    "RETREAT": ("withdraw",),
    "INVESTIGATE": ("investigate", "probe", "question"),
    "DEMAND": ("urge", "demand", "call", "ask", "press"),
    "DISAPPROVE": ("criticise", "criticize", "accuse", "condemn", "blame", "attack", "sue"),
    "REJECT": ("reject", "refuse", "veto", "decline", "deny"),
    "THREATEN": ("threaten", "warn"),
    "SANCTION": ("impose", "ban", "sanction", "expel", "boycott"),
    "PROTEST": ("protest", "strike", "march", "demonstrate"),
    "COERCE": ("arrest", "detain", "jail", "seize", "fine", "raid"),
    "ASSAULT": ("kill", "bomb", "invade", "torture"),
}
VERB_TYPES = {verb: kind for kind, verbs in BASELINE_VERBS.items() for verb in verbs}


def baseline_results(
    golds: list[GoldArticle], records: list[dict[str, Any]], model: str | None
) -> tuple[list[PredictedEvent], list[PredictedStatement]]:
    import spacy

    from kg.nlp import default_model_name

    nlp = spacy.load(model or default_model_name())
    events: list[PredictedEvent] = []
    statements: list[PredictedStatement] = []
    for gold, doc in zip(golds, nlp.pipe(r["text"] for r in records), strict=True):
        entities: dict[str, Any] = {}
        for ent in doc.ents:
            if ent.label_ in BASELINE_LABELS:
                node = f"{ent.label_}:{ent.text}"
                entities.setdefault(node, score.Predicted("", ent.text, [], node)).spans.append(
                    (ent.start_char, ent.end_char)
                )
        names = gold_names_of_nodes(gold, list(entities.values()))

        def name(ent: Any, names: dict[str, str] = names) -> str:
            node = f"{ent.label_}:{ent.text}"
            return names.get(node, f"<{node}>")

        for sent in doc.sents:
            root = sent.root
            ents = [e for e in sent.ents if e.label_ in BASELINE_LABELS]
            kind = VERB_TYPES.get(root.lemma_.lower())
            if kind is not None:
                before = [e for e in ents if e.end <= root.i]
                after = [e for e in ents if e.start > root.i]
                events.append(
                    PredictedEvent(
                        gold.id,
                        kind,
                        [name(before[-1])] if before else [],
                        [name(after[0])] if after else [],
                        "act",
                        (sent.start_char, sent.end_char),
                        sent.text,
                    )
                )
            if root.lemma_.lower() == "say":
                for child in root.children:
                    if not child.dep_.startswith("nsubj"):
                        continue
                    speaker = next(
                        (
                            e
                            for e in ents
                            if e.label_ in ("PERSON", "ORG") and e.start <= child.i < e.end
                        ),
                        None,
                    )
                    if speaker is not None:
                        statements.append(
                            PredictedStatement(
                                gold.id,
                                name(speaker),
                                (sent.start_char, sent.end_char),
                                sent.text,
                            )
                        )
    return events, statements


# --- running and printing ------------------------------------------------------------------


@dataclass
class SystemScores:
    events: EventScores
    statements: Any
    statement_errors: list[str]
    predicted_events: int

    def as_dict(self) -> dict[str, Any]:
        rows: dict[str, Any] = {
            kind: {**c.as_dict(), "tp": c.tp, "fp": c.fp, "fn": c.fn}
            for kind in TYPES
            if (c := self.events.by_type.get(kind, Counts())) and (c.tp + c.fp + c.fn)
        }
        for label, kinds in (("together", TOGETHER), ("all", None)):
            c = self.events.total(kinds)
            rows[label] = {**c.as_dict(), "tp": c.tp, "fp": c.fp, "fn": c.fn}
        s = self.statements
        return {
            "events": rows,
            "predicted_events": self.predicted_events,
            "matched_pairs": self.events.matched,
            "matched_pairs_same_modality": self.events.same_modality,
            "statements": {**s.as_dict(), "tp": s.tp, "fp": s.fp, "fn": s.fn},
        }


@dataclass
class Report:
    kg: SystemScores
    baseline: SystemScores
    articles: int
    events: int
    pairs: int
    statements: int
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_events": self.events,
            "gold_pairs": self.pairs,
            "gold_statements": self.statements,
            "seconds": self.seconds,
            "kg": self.kg.as_dict(),
            "baseline": self.baseline.as_dict(),
        }


def system_scores(
    gold: Mapping[str, Mapping[str, Any]],
    events: list[PredictedEvent],
    statements: list[PredictedStatement],
) -> SystemScores:
    pairs = score_pairs(gold_event_pairs(gold), predicted_pairs(events))
    counts, errors = score_statements(gold, statements)
    return SystemScores(pairs, counts, errors, len(events))


def evaluate(model: str | None = None, corpus: Path = CORPUS, folder: Path = HERE) -> Report:
    started = time.perf_counter()
    event_gold = load_event_gold(folder / "events")
    golds = [g for g in load_gold(folder) if g.id in event_gold]
    texts = load_texts(corpus)
    records = [texts[g.id] for g in golds]
    kg_scores = system_scores(event_gold, *kg_results(golds, records, model))
    baseline_scores = system_scores(event_gold, *baseline_results(golds, records, model))
    return Report(
        kg_scores,
        baseline_scores,
        len(event_gold),
        sum(len(raw["events"]) for raw in event_gold.values()),
        len(gold_event_pairs(event_gold)),
        sum(len(raw["statements"]) for raw in event_gold.values()),
        time.perf_counter() - started,
    )


def format_report(report: Report) -> str:
    def cells(c: Any) -> str:
        return f"{c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f} {c.tp:4d} {c.fp:4d} {c.fn:4d}"

    lines = [
        f"real-news gold: {report.articles} articles, {report.events} events "
        f"({report.pairs} pairs), {report.statements} statements ({report.seconds:.0f} s)",
        "",
        "event pairs          kg: P     R     F1    tp   fp   fn | baseline: P     R     F1"
        "    tp   fp   fn",
    ]
    k, b = report.kg.events, report.baseline.events
    for kind in TYPES:
        kc, bc = k.by_type.get(kind, Counts()), b.by_type.get(kind, Counts())
        if kc.tp + kc.fp + kc.fn + bc.tp + bc.fp + bc.fn:
            lines.append(f"  {kind:<15} {cells(kc)} |           {cells(bc)}")
    lines += [
        "  CONSULT+AGREE+DEMAND+SANCTION+THREATEN+REJECT+DISAPPROVE together",
        f"  {'':<15} {cells(k.total(TOGETHER))} |           {cells(b.total(TOGETHER))}",
        f"  {'all types':<15} {cells(k.total())} |           {cells(b.total())}",
        "",
        f"kg events read: {report.kg.predicted_events}; matched pairs with the gold's "
        f"modality: {k.same_modality} of {k.matched}",
        "",
        "statements           kg: P     R     F1    tp   fp   fn | baseline: P     R     F1"
        "    tp   fp   fn",
        f"  {'':<15} {cells(report.kg.statements)} |           {cells(report.baseline.statements)}",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list kg's every miss and extra")
    parser.add_argument("--model", default=None, help="spaCy model name")
    add_set_option(parser)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"no real-news event scores: {CORPUS} is absent")
        return 0
    report = evaluate(args.model, folder=set_folder(args.set))
    print(json.dumps(report.as_dict(), indent=1) if args.json else format_report(report))
    if args.errors:
        print("\n" + "\n".join(report.kg.events.errors + report.kg.statement_errors))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent))
    sys.exit(main())
