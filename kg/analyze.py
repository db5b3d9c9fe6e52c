"""Graph analytics: project the store into networkx and score who matters.

Projections are built by SPARQL over the assertion nodes, so that every edge is
weighted by how many documents support it and can be filtered by relation, date
and evidence:

- the *actor graph*: people, countries, agencies and organisations, in three
  layers an analyst picks from (`PROJECTIONS`): *interactions* (they negotiate or
  meet, one holds a post in or represents another, imposes a policy on it, demands
  something of it, or acts on it in a PLOVER event), *statements* (a speaker and
  the actors named in the sentence of what they said) and *comentions* (actors
  named in the same sentence of a fact); each layer's documents count with its
  own weight (`LAYER_WEIGHTS`);
- a story republished by several documents (``kg:copyOf``, see `kg.duplicates`)
  counts as one document in edge weights and salience, unless ``all_copies``;
- the *who-negotiates-what graph*: actors linked to the negotiations they take
  part in, and negotiations to the topics and policies they are about.

Centrality comes from networkx (degree, weighted degree, betweenness, eigenvector,
PageRank, closeness) and communities from Louvain with a fixed seed, so runs are
repeatable. Algorithms go through networkx's backend dispatch: an installed
backend (nx-parallel, graphblas, cugraph) named in ``NETWORKX_BACKEND_PRIORITY``
takes over without code changes. Scores are written back into the store, in the
named graph ``kgr:graph/analysis``, so SPARQL can order and filter by them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef

from kg.duplicates import copies_in_store
from kg.errors import KgError
from kg.rdf import ntriples_term
from kg.store import ANALYSIS_GRAPH, Store
from kg.vocab import KG, KGR, RDF, RDFS, XSD

__all__ = [
    "ANALYSIS_GRAPH",
    "COOPERATION",
    "CONFLICT",
    "DEFAULT_RELATIONS",
    "EVENT_RELATIONS",
    "DEFAULT_MEASURE",
    "DEFAULT_PROJECTION",
    "LAYER_WEIGHTS",
    "MEASURES",
    "PROJECTIONS",
    "Explanation",
    "Tie",
    "Ranked",
    "actor_graph",
    "centrality",
    "communities",
    "explain",
    "export_graph",
    "negotiation_graph",
    "rank",
    "clear_scores",
    "stored_scores",
    "write_scores",
]

#: Centrality of the actor graph, salience of each actor (how many of its mentions and
#: documents the store holds), and prominence: both at once (PageRank whose random
#: jumps land on an actor in proportion to the documents naming it).
CENTRALITY = ("pagerank", "betweenness", "degree", "weighted-degree", "eigenvector", "closeness")
SALIENCE = ("mentions", "documents")
MEASURES = ("prominence", *CENTRALITY, *SALIENCE)
DEFAULT_MEASURE = "prominence"
#: The layers of the actor graph, and what a projection name selects.
LAYERS = ("interactions", "statements", "comentions")
PROJECTIONS = (*LAYERS, "all")
DEFAULT_PROJECTION = "all"
#: What one supporting document adds to an edge's weight, by layer: an extracted
#: interaction says most about two actors, naming one in a statement less, being
#: named in the same sentence least.
LAYER_WEIGHTS = {"interactions": 1.0, "statements": 0.5, "comentions": 0.25}
#: Sentences kept per edge of the statement and co-mention layers, one per document.
SAMPLES = 3
#: Where a sentence behind an edge was read: its document and start offset.
Sample = tuple[str, int]
#: Above this many nodes betweenness is estimated from a seeded sample of sources.
EXACT_BETWEENNESS_LIMIT = 2_000
#: Above this many nodes closeness is estimated from the same number of sampled sources.
EXACT_CLOSENESS_LIMIT = 2_000
BETWEENNESS_SAMPLE = 100
SEED = 42

#: The PLOVER categories, as relations of the actor graph (named by the category in
#: lower case) between an event's sources and targets; the cooperation side of
#: PLOVER first (verbal: agree, consult, support; material: cooperate, aid, concede,
#: retreat), then the conflict side.
COOPERATION = ("agree", "consult", "support", "cooperate", "aid", "concede", "retreat")
CONFLICT = (
    "investigate", "demand", "disapprove", "reject", "threaten", "sanction", "protest",
    "mobilize", "coerce", "assault",
)  # fmt: skip
EVENT_RELATIONS = COOPERATION + CONFLICT
#: Relations of the actor graph and how each is read from the assertions.
DEFAULT_RELATIONS = (
    "negotiatesWith", "meetsWith", "represents", "holdsPostIn", "imposesOn", "demandsOf",
    *EVENT_RELATIONS,
)  # fmt: skip
ACTOR_CLASSES = (
    "Person", "Country", "GovernmentAgency", "Organization", "Company", "MediaOrganization",
    "PoliticalParty", "InternationalOrganization", "ArmedGroup",
)  # fmt: skip

_ACT = "kg:modality ?m . FILTER (?m IN (kg:Act, kg:Intent))"
#: One SELECT per relation: each actor pair with each document (the named graph of the
#: assertion) that supports it, so edges count documents, not repeated sentences.
#: ``{dates}`` becomes a date filter when the projection has one.
_EDGE_QUERIES = {
    # direct relations between two actors
    **{
        relation: f"""
        SELECT DISTINCT ?a ?b ?doc WHERE {{
          GRAPH ?doc {{ ?assertion rdf:predicate kg:{relation} }}
          ?assertion rdf:subject ?a ; rdf:object ?b ; {_ACT}
          {{dates}} }}"""
        for relation in ("negotiatesWith", "meetsWith", "represents")
    },
    # person -holds-> position -postIn-> body
    "holdsPostIn": f"""
        SELECT DISTINCT ?a ?b ?doc WHERE {{
          GRAPH ?doc {{ ?assertion rdf:predicate org:holds }}
          ?assertion rdf:subject ?a ; rdf:object ?position ; {_ACT}
          ?position org:postIn ?b .
          {{dates}} }}""",
    # actor -imposes-> policy -targets-> actor
    "imposesOn": f"""
        SELECT DISTINCT ?a ?b ?doc WHERE {{
          GRAPH ?doc {{ ?assertion rdf:predicate kg:imposes }}
          ?assertion rdf:subject ?a ; rdf:object ?policy ; {_ACT}
          ?policy kg:targets ?b .
          {{dates}} }}""",
    # actor -demands-> thing, demandedOf actor
    "demandsOf": f"""
        SELECT DISTINCT ?a ?b ?doc WHERE {{
          GRAPH ?doc {{ ?assertion rdf:predicate kg:demands }}
          ?assertion rdf:subject ?a ; kg:demandedOf ?b ; {_ACT}
          {{dates}} }}""",
}
#: The events of the lexicon (negotiations and meetings are the direct relations
#: above), per source, target, PLOVER category, document and sentence.
_EVENTS_QUERY = f"""
    SELECT DISTINCT ?a ?b ?type ?doc ?start WHERE {{
      GRAPH ?doc {{ ?assertion a kg:Event }}
      ?assertion kg:eventType ?type ; kg:source ?a ; kg:target ?b ; kg:charStart ?start ;
                 {_ACT}
      FILTER NOT EXISTS {{ ?assertion a kg:Negotiation }}
      {{dates}} }}"""
#: An event told by a sentence that also gives a direct relation of its kind (the
#: imposition behind a SANCTION, the demand behind a DEMAND) is that relation
#: already and is not counted twice: the direct relations of those kinds, by
#: document, sentence and subject.
_TOLD = {"imposes": "sanction", "demands": "demand", "negotiatesWith": "consult",
         "meetsWith": "consult"}  # fmt: skip
_TOLD_QUERY = f"""
    SELECT DISTINCT ?doc ?start ?a ?p WHERE {{
      VALUES ?p {{ {" ".join(f"kg:{predicate}" for predicate in _TOLD)} }}
      ?told rdf:predicate ?p ; rdf:subject ?a ; kg:charStart ?start ;
            prov:wasDerivedFrom ?doc . }}"""
#: Who said something (and to whom), and where the sentence they said it in lies in
#: the document.
_STATED_QUERY = """
    SELECT DISTINCT ?doc ?start ?end ?speaker ?addressee WHERE {
      GRAPH ?doc { ?assertion rdf:predicate kg:stated ; rdf:subject ?speaker ;
                   rdf:object ?statement ; kg:charStart ?start ; kg:charEnd ?end
                   OPTIONAL { ?statement kg:addressee ?addressee } }
      {dates} }"""
#: The sentences that carry a fact (assertions and events have a confidence; a
#: mention, which also has offsets, does not).
_SENTENCES_QUERY = """
    SELECT DISTINCT ?doc ?start ?end WHERE {
      GRAPH ?doc { ?assertion kg:confidence ?confidence ; kg:charStart ?start ; kg:charEnd ?end }
      {dates} }"""
#: Every mention of an entity: its document and where it starts.
_MENTIONS_QUERY = """
    SELECT ?doc ?start ?entity WHERE {
      GRAPH ?doc { ?mention kg:mentionOf ?entity ; kg:charStart ?start } }"""
_RELATION_ORDER = {relation: i for i, relation in enumerate(DEFAULT_RELATIONS)}
#: PLOVER's two sides, as the sign of an interaction.
_SIGNS = {**dict.fromkeys(COOPERATION, 1), **dict.fromkeys(CONFLICT, -1)}
#: The relation an edge of the statement layer and of the co-mention layer is named by.
STATEMENT_RELATION = "names"
COMENTION_RELATION = "namedWith"

_NODES_QUERY = """
    SELECT ?node ?class ?label WHERE {
      VALUES ?class { %s }
      ?node a ?class ; skos:prefLabel ?label .
    }
"""
_DOCUMENTS_QUERY = (
    "SELECT ?node (COUNT(*) AS ?n) WHERE { ?node kg:mentionedIn ?doc } GROUP BY ?node"
)
#: The same, a story republished by several documents counted once.
_STORIES_QUERY = """
    SELECT ?node (COUNT(DISTINCT ?story) AS ?n) WHERE {
      ?node kg:mentionedIn ?doc .
      OPTIONAL { ?doc kg:copyOf ?first }
      BIND (COALESCE(?first, ?doc) AS ?story)
    } GROUP BY ?node"""


def sparql_date_filter(since: dt.date | None, until: dt.date | None) -> str:
    """SPARQL keeping the assertions dated within [since, until] (undated ones drop out)."""
    if not since and not until:
        return ""
    tests = []
    if since:
        tests.append(f'SUBSTR(STR(?date), 1, 10) >= "{since.isoformat()}"')
    if until:
        tests.append(f'SUBSTR(STR(?date), 1, 10) <= "{until.isoformat()}"')
    return f"?assertion kg:date ?date . FILTER ({' && '.join(tests)})"


def _select_all(
    store: Store, queries: Mapping[str, str]
) -> dict[str, list[tuple[str | None, ...]]]:
    """Run independent SELECTs side by side (Oxigraph evaluates them outside the GIL
    in part) and return each one's rows as plain strings."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(store.select_values, query) for name, query in queries.items()}
        return {name: future.result() for name, future in futures.items()}


def _add_nodes(
    graph: nx.Graph,
    rows: Iterable[tuple[str | None, ...]],
    documents: Iterable[tuple[str | None, ...]] = (),
    mentions: Mapping[str, int] | None = None,
) -> None:
    counts = {node: int(n or 0) for node, n in documents}
    mentions = mentions or {}
    for node, cls, label in rows:
        if node is None or node in graph:
            continue
        graph.add_node(
            node,
            label=label or node,
            cls=(cls or "").rsplit("#", 1)[-1],
            documents=counts.get(node, 0),
            mentions=mentions.get(node, 0),
        )


def _nodes_query(classes: Iterable[str]) -> str:
    return _NODES_QUERY % " ".join(f"kg:{cls}" for cls in classes)


def projection_layers(projection: str) -> tuple[str, ...]:
    """The layers a projection name selects."""
    if projection not in PROJECTIONS:
        raise KgError(f"unknown projection '{projection}'; use one of: {', '.join(PROJECTIONS)}")
    return LAYERS if projection == "all" else (projection,)


def _named_in_sentences(
    spans: Iterable[tuple[str | None, ...]], mentions: Iterable[tuple[str | None, ...]]
) -> dict[tuple[str, int, int], set[str]]:
    """The entities named within each (document, start, end) span."""
    from bisect import bisect_left

    by_doc: dict[str, list[tuple[int, str]]] = {}
    for doc, start, entity in mentions:
        if doc and start is not None and entity:
            by_doc.setdefault(doc, []).append((int(start), entity))
    for found in by_doc.values():
        found.sort()
    named: dict[tuple[str, int, int], set[str]] = {}
    for doc, start, end in spans:
        if not doc or start is None or end is None:
            continue
        key = (doc, int(start), int(end))
        if key in named:
            continue
        found = by_doc.get(doc, [])
        first = bisect_left(found, (key[1], ""))
        named[key] = {entity for offset, entity in found[first:] if offset < key[2]}
    return named


def _statement_rows(
    stated: Iterable[tuple[str | None, ...]], mentions: list[tuple[str | None, ...]]
) -> Iterator[tuple[str, str, str, int]]:
    """(speaker, actor named in the sentence of what they said or addressed by it,
    document, sentence start)."""
    stated = list(stated)
    named = _named_in_sentences([row[:3] for row in stated], mentions)
    for doc, start, end, speaker, addressee in stated:
        if not doc or start is None or end is None or not speaker:
            continue
        heard = named[(doc, int(start), int(end))] | ({addressee} if addressee else set())
        for entity in heard:
            if entity != speaker:
                yield speaker, entity, doc, int(start)


def _comention_rows(
    spans: Iterable[tuple[str | None, ...]], mentions: list[tuple[str | None, ...]]
) -> Iterator[tuple[str, str, str, int]]:
    """(actor, actor, document, sentence start) for each two named in one sentence
    that carries a fact."""
    for (doc, start, _), entities in _named_in_sentences(spans, mentions).items():
        ordered = sorted(entities)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                yield a, b, doc, start


def _told(rows: Iterable[tuple[str | None, ...]]) -> set[tuple[str | None, ...]]:
    """(document, sentence start, subject, event relation) of the events a direct
    relation of the same sentence already tells."""
    return {(doc, start, a, _TOLD[(p or "").rsplit("#", 1)[-1]]) for doc, start, a, p in rows}


def told_events(store: Store) -> set[tuple[str | None, ...]]:
    """The events that `_told` leaves out, read from the store."""
    return _told(store.select_values(_TOLD_QUERY))


def actor_graph(
    store: Store,
    *,
    projection: str = DEFAULT_PROJECTION,
    relations: Iterable[str] = DEFAULT_RELATIONS,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_evidence: int = 1,
    all_copies: bool = False,
) -> nx.Graph:
    """The actor graph of a projection (`PROJECTIONS`): undirected, each edge weighted
    by the documents behind it in each layer, times the layer's weight (`LAYER_WEIGHTS`).

    A story that several documents carry (``kg:copyOf``) counts once: each document
    stands for its story's canonical document, and an actor's mentions in a story
    are those of the copy naming it most. ``all_copies`` counts every document.

    Each edge has ``weight``, ``documents`` (distinct documents over all layers),
    ``sources`` (those documents), ``layers`` and ``relations`` (documents per layer
    and per relation), ``relation`` (the best-supported one, interactions first),
    ``direction`` (its subject and object) and ``sign`` (1 when the PLOVER events
    between the two lean to cooperation, -1 to conflict, else 0), and ``samples``
    ((document, sentence start) pairs of statements and co-mentions behind it, up
    to `SAMPLES`). ``relations`` other
    than the default keep only the interactions layer, the one relations belong to.
    Each node has ``label``, ``cls`` and its salience, ``documents`` and ``mentions``.
    Actors without edges are kept as isolated nodes only when no filter applies.
    """
    relations = tuple(relations)
    unknown = set(relations) - set(_EDGE_QUERIES) - set(EVENT_RELATIONS)
    if unknown:
        raise KgError(
            f"unknown relation {', '.join(sorted(unknown))}; "
            f"use: {', '.join((*_EDGE_QUERIES, *EVENT_RELATIONS))}"
        )
    layers = projection_layers(projection)
    narrowed = set(relations) != set(DEFAULT_RELATIONS)
    if narrowed:
        if "interactions" not in layers:
            raise KgError(
                f"--relation picks relations of the interactions layer, not of '{projection}'; "
                "use --projection interactions or all"
            )
        layers = ("interactions",)
    dates = sparql_date_filter(since, until)
    queries = {
        "@nodes": _nodes_query(ACTOR_CLASSES),
        "@documents": _DOCUMENTS_QUERY if all_copies else _STORIES_QUERY,
        "@mentions": _MENTIONS_QUERY,
    }
    if "interactions" in layers:
        queries.update(
            {
                relation: _EDGE_QUERIES[relation].replace("{dates}", dates)
                for relation in relations
                if relation in _EDGE_QUERIES
            }
        )
    kinds = [relation for relation in relations if relation in EVENT_RELATIONS]
    if kinds and "interactions" in layers:
        queries["@events"] = _EVENTS_QUERY.replace("{dates}", dates)
        queries["@told"] = _TOLD_QUERY
    if "statements" in layers:
        queries["@stated"] = _STATED_QUERY.replace("{dates}", dates)
    if "comentions" in layers:
        queries["@sentences"] = _SENTENCES_QUERY.replace("{dates}", dates)
    rows = _select_all(store, queries)
    copies = {} if all_copies else copies_in_store(store)
    mentions = rows.pop("@mentions")
    graph = nx.Graph(name="actor graph", projection=projection)
    _add_nodes(graph, rows.pop("@nodes"), rows.pop("@documents"), _mention_counts(mentions, copies))
    found: list[tuple[str, str, str | None, str | None, str | None, Sample | None]] = []
    if "interactions" in layers:
        for relation in kinds:
            rows[relation] = []
        told = _told(rows.pop("@told", []))
        for a, b, kind, doc, start in rows.pop("@events", []):
            relation = (kind or "").rsplit("#", 1)[-1].lower()
            if relation in rows and (doc, start, a, relation) not in told:
                rows[relation].append((a, b, doc))
        found += [
            ("interactions", relation, a, b, doc, None)
            for relation in relations
            for a, b, doc in rows[relation]
        ]
    if "statements" in layers:
        found += [
            ("statements", STATEMENT_RELATION, a, b, doc, (doc, start))
            for a, b, doc, start in _statement_rows(rows["@stated"], mentions)
        ]
    if "comentions" in layers:
        found += [
            ("comentions", COMENTION_RELATION, a, b, doc, (doc, start))
            for a, b, doc, start in _comention_rows(rows["@sentences"], mentions)
        ]
    if copies:
        # counted as the story's document; the sentence stays where it was read
        found = [
            (layer, rel, a, b, copies.get(doc or "", doc), sample)
            for layer, rel, a, b, doc, sample in found
        ]
    _add_edges(graph, found, min_evidence)
    if since or until or min_evidence > 1 or narrowed:
        graph.remove_nodes_from(
            [node for node, degree in dict(graph.degree()).items() if degree == 0]
        )
    return graph


def _mention_counts(
    mentions: Iterable[tuple[str | None, ...]], copies: Mapping[str, str]
) -> dict[str, int]:
    """Each entity's mentions; in a story several documents carry, those of the
    document that names it most."""
    by_document: dict[tuple[str, str], int] = {}
    for doc, _, entity in mentions:
        if entity:
            by_document[(entity, doc or "")] = by_document.get((entity, doc or ""), 0) + 1
    by_story: dict[tuple[str, str], int] = {}
    for (entity, doc), n in by_document.items():
        key = (entity, copies.get(doc, doc))
        by_story[key] = max(by_story.get(key, 0), n)
    counts: dict[str, int] = {}
    for (entity, _), n in by_story.items():
        counts[entity] = counts.get(entity, 0) + n
    return counts


def _add_edges(
    graph: nx.Graph,
    found: Iterable[tuple[str, str, str | None, str | None, str | None, Sample | None]],
    min_evidence: int,
) -> None:
    """Edges from (layer, relation, a, b, document, sample) rows, documents counted
    once each. The sample, where a layer has one (statements, co-mentions: the
    document and start of the sentence read), is kept for up to `SAMPLES` documents
    per edge, so that a picture can show the sentences behind an edge."""
    evidence: dict[tuple[str, str], dict[tuple[str, str], set[str]]] = {}
    directions: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    samples: dict[tuple[str, str], dict[str, Sample]] = {}
    for layer, relation, a, b, doc, sample in found:
        if a is None or b is None or a == b or a not in graph or b not in graph:
            continue
        key = (a, b) if a < b else (b, a)
        evidence.setdefault(key, {}).setdefault((layer, relation), set()).add(doc or "")
        directions.setdefault(key, {}).setdefault(relation, (a, b))
        if sample is not None and doc:
            kept = samples.setdefault(key, {})
            if doc not in kept and len(kept) < SAMPLES:
                kept[doc] = sample
    for (a, b), by_relation in evidence.items():
        sources = frozenset().union(*by_relation.values())
        if len(sources) < min_evidence:
            continue
        layers: dict[str, set[str]] = {}
        for (layer, _), docs in by_relation.items():
            layers.setdefault(layer, set()).update(docs)
        relations = {relation: len(docs) for (_, relation), docs in by_relation.items()}
        # interactions before the other layers, then documents, then the order of
        # DEFAULT_RELATIONS (direct relations before the events they were derived with)
        dominant = min(
            by_relation,
            key=lambda item: (
                LAYERS.index(item[0]),
                -len(by_relation[item]),
                _RELATION_ORDER.get(item[1], len(_RELATION_ORDER)),
            ),
        )[1]
        leaning = sum(_SIGNS.get(relation, 0) * n for relation, n in relations.items())
        graph.add_edge(
            a,
            b,
            weight=sum(LAYER_WEIGHTS[layer] * len(docs) for layer, docs in layers.items()),
            documents=len(sources),
            sources=sources,
            layers={layer: len(docs) for layer, docs in layers.items()},
            relations=relations,
            relation=dominant,
            direction=directions[(a, b)][dominant],
            sign=(leaning > 0) - (leaning < 0),
            samples=tuple(samples.get((a, b), {}).values()),
        )


def find_node(store: Store, graph: nx.Graph, name: str) -> str:
    """The node of ``graph`` whose label or alias is ``name`` (any case)."""
    wanted = name.casefold().strip()
    for node, data in graph.nodes(data=True):
        if data.get("label", "").casefold() == wanted:
            return node
    for row in store.select("SELECT ?s ?alt WHERE { ?s skos:altLabel ?alt }"):
        if str(row["alt"]).casefold() == wanted and str(row["s"]) in graph:
            return str(row["s"])
    from rapidfuzz import process

    labels = {data.get("label", ""): node for node, data in graph.nodes(data=True)}
    close = [
        match for match, score, _ in process.extract(name, list(labels), limit=5) if score > 60
    ]
    hint = f" Close matches: {', '.join(close)}." if close else ""
    raise KgError(f"no entity named '{name}' in the graph.{hint}")


def negotiation_graph(store: Store, *, all_copies: bool = False) -> nx.Graph:
    """Actors linked to their negotiations, negotiations to what they are about. Each
    node's ``documents`` counts a republished story once, unless ``all_copies``."""
    graph = nx.Graph(name="who negotiates what")
    rows = _select_all(
        store,
        {
            "nodes": _nodes_query((*ACTOR_CLASSES, "Negotiation", "Topic", "Policy")),
            "documents": _DOCUMENTS_QUERY if all_copies else _STORIES_QUERY,
        },
    )
    _add_nodes(graph, rows["nodes"], rows["documents"])
    query = """
        SELECT ?actor ?negotiation (COUNT(?assertion) AS ?n) WHERE {
          ?assertion rdf:predicate kg:participatesIn ; rdf:subject ?actor ;
                     rdf:object ?negotiation ; kg:modality ?m .
          FILTER (?m IN (kg:Act, kg:Intent))
        } GROUP BY ?actor ?negotiation"""
    for row in store.select(query):
        a, b = str(row["actor"]), str(row["negotiation"])
        if a in graph and b in graph:
            graph.add_edge(a, b, weight=int(row["n"]), relation="participatesIn")
    for row in store.select("SELECT DISTINCT ?n ?t WHERE { ?n a kg:Negotiation ; kg:about ?t }"):
        a, b = str(row["n"]), str(row["t"])
        if a in graph and b in graph:
            graph.add_edge(a, b, weight=1, relation="about")
    graph.remove_nodes_from([node for node, degree in dict(graph.degree()).items() if degree == 0])
    return graph


def centrality(graph: nx.Graph, measure: str = "pagerank") -> dict[str, float]:
    """One measure (`MEASURES`: centrality, salience or prominence) for every node."""
    if measure not in MEASURES:
        raise KgError(f"unknown measure '{measure}'; use one of: {', '.join(MEASURES)}")
    if graph.number_of_nodes() == 0:
        return {}
    if measure in SALIENCE:
        return {node: float(data.get(measure, 0)) for node, data in graph.nodes(data=True)}
    if measure == "prominence":
        return _prominence(graph)
    if measure == "degree":
        return {node: float(degree) for node, degree in graph.degree()}
    if measure == "weighted-degree":
        return {node: float(degree) for node, degree in graph.degree(weight="weight")}
    if measure == "pagerank":
        return dict(nx.pagerank(graph, weight="weight"))
    if measure == "betweenness":
        n = graph.number_of_nodes()
        k = None if n <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_SAMPLE
        if _backend_configured():
            return dict(nx.betweenness_centrality(graph, k=k, seed=SEED, normalized=True))
        return _betweenness(graph, k)
    if measure == "closeness":
        if graph.number_of_nodes() <= EXACT_CLOSENESS_LIMIT:
            if _backend_configured():
                return dict(nx.closeness_centrality(graph))
            return _closeness(graph, None)
        return _closeness(graph, BETWEENNESS_SAMPLE)
    return _eigenvector(graph)


def _prominence(graph: nx.Graph) -> dict[str, float]:
    """PageRank whose random jumps land on an actor in proportion to the documents
    that name it: a reader who starts from what the news names most and follows its
    links. An actor without edges keeps a score in proportion to its salience, so
    one that the extraction linked to nobody is not ranked last for that."""
    salience = {
        node: float(documents) for node, documents in graph.nodes(data="documents", default=0)
    }
    if not any(salience.values()):
        return dict(nx.pagerank(graph, weight="weight"))
    return dict(nx.pagerank(graph, weight="weight", personalization=salience))


def _backend_configured() -> bool:
    """Whether a networkx backend is set to take over algorithms (then kg leaves
    betweenness and closeness to it instead of its own vectorised versions)."""
    return bool(nx.config.backend_priority.algos)


def _sources(graph: nx.Graph, k: int | None) -> list[Any]:
    """Every node, or ``k`` of them drawn the way networkx draws its sample
    (``random.Random(SEED).sample`` over the node list), so scores match its own."""
    import random

    nodes = list(graph)
    if k is None or k >= len(nodes):
        return nodes
    return random.Random(SEED).sample(nodes, k)


def _breadth_first(
    graph: nx.Graph, sources: list[Any], *, count_paths: bool = True
) -> Iterator[tuple[Any, Any, Any, Any]]:
    """Breadth-first searches from many sources at once, as sparse matrix products.

    Yields, for each batch of sources, the node index of each source, the distance
    matrix (node x source, -1 where unreached), the number of shortest paths
    (node x source) and the adjacency matrix. A batch holds at most four million
    cells, so memory stays bounded on large graphs."""
    import numpy as np

    index = {node: i for i, node in enumerate(graph)}
    n = len(index)
    adjacency = nx.to_scipy_sparse_array(graph, nodelist=list(graph), weight=None, format="csr")
    adjacency.data[:] = 1.0
    batch = max(1, min(len(sources), 4_000_000 // max(n, 1)))
    for start in range(0, len(sources), batch):
        chosen = np.fromiter((index[s] for s in sources[start : start + batch]), dtype=np.int64)
        columns = np.arange(len(chosen))
        distance = np.full((n, len(chosen)), -1, dtype=np.int32)
        distance[chosen, columns] = 0
        paths = np.zeros((n, len(chosen)))
        paths[chosen, columns] = 1.0
        frontier = paths.copy()
        level = 0
        while True:
            level += 1
            reached = adjacency @ frontier
            reached[distance >= 0] = 0.0
            fresh = reached > 0
            if not fresh.any():
                break
            distance[fresh] = level
            if count_paths:
                paths += reached
                frontier = reached
            else:
                frontier = fresh.astype(np.float64)
        yield chosen, distance, paths, adjacency


def _betweenness(graph: nx.Graph, k: int | None) -> dict[str, float]:
    """Brandes' betweenness (unweighted, normalised, endpoints excluded) from every
    node or from ``k`` seeded sources, vectorised over sources with scipy.

    Gives networkx's numbers, scaling included (checked against it in the tests), in
    a fraction of its time: networkx walks each source's search in Python."""
    import numpy as np

    n = graph.number_of_nodes()
    sources = _sources(graph, k)
    total = np.zeros(n)
    picked: list[int] = []  # the sources' node indices
    for chosen, distance, paths, adjacency in _breadth_first(graph, sources):
        picked.extend(chosen.tolist())
        dependency = np.zeros(paths.shape)
        safe = np.where(paths > 0, paths, 1.0)
        for level in range(int(distance.max()), 0, -1):
            share = np.where(distance == level, (1.0 + dependency) / safe, 0.0)
            dependency += np.where(distance == level - 1, paths * (adjacency @ share), 0.0)
        dependency[chosen, np.arange(len(chosen))] = 0.0
        total += dependency.sum(axis=1)
    if n <= 2:
        return dict.fromkeys(graph, 0.0)
    if len(sources) == n:
        scale = np.full(n, 1.0 / ((n - 1) * (n - 2)))
    else:
        sampled = len(sources)
        scale = np.full(n, 1.0 / (sampled * (n - 2)))
        scale[picked] = 1.0 / ((sampled - 1) * (n - 2)) if sampled > 1 else float("nan")
    return dict(zip(graph, (float(v) for v in total * scale), strict=True))


def _closeness(graph: nx.Graph, k: int | None) -> dict[str, float]:
    """Closeness centrality with networkx's normalisation (Wasserman and Faust, for
    graphs that are not connected), exact from every node or, with ``k``, estimated
    from ``k`` seeded sources (Eppstein and Wang: in an undirected graph the mean
    distance from sampled sources estimates a node's mean distance to all others)."""
    import numpy as np

    n = graph.number_of_nodes()
    component_size = np.zeros(n)
    positions = {node: i for i, node in enumerate(graph)}
    for component in nx.connected_components(graph):
        component_size[[positions[node] for node in component]] = len(component)
    total = np.zeros(n)
    reached = np.zeros(n)
    for _, distance, _, _ in _breadth_first(graph, _sources(graph, k), count_paths=False):
        far = distance > 0
        total += np.where(far, distance, 0).sum(axis=1)
        reached += far.sum(axis=1)
    scores = np.zeros(n)
    if n > 1:
        ok = (component_size > 1) & (reached > 0) & (total > 0)
        mean = np.divide(total, reached, out=np.ones(n), where=ok)
        scores = np.where(ok, ((component_size - 1) / (n - 1)) / mean, 0.0)
    return dict(zip(graph, (float(v) for v in scores), strict=True))


def _eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per connected component, scaled by the component's share
    of nodes (power iteration does not converge on disconnected graphs)."""
    scores: dict[str, float] = {}
    total = graph.number_of_nodes()
    for component in nx.connected_components(graph):
        sub = graph.subgraph(component)
        if sub.number_of_nodes() < 3:
            scores.update(dict.fromkeys(sub, 0.0))
            continue
        if sub.number_of_nodes() > 500:  # scipy's sparse solver beats power iteration
            values = nx.eigenvector_centrality_numpy(sub, weight="weight")
        else:
            try:
                values = nx.eigenvector_centrality(sub, max_iter=1000, tol=1e-6, weight="weight")
            except nx.PowerIterationFailedConvergence:
                values = nx.eigenvector_centrality_numpy(sub, weight="weight")
        share = sub.number_of_nodes() / total
        scores.update({node: float(value) * share for node, value in values.items()})
    return scores


def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain community number of every node (fixed seed); 0 is the largest."""
    if graph.number_of_nodes() == 0:
        return {}
    groups = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    ordered = sorted(groups, key=lambda group: (-len(group), min(group)))
    return {node: number for number, group in enumerate(ordered) for node in group}


@dataclass(frozen=True)
class Ranked:
    iri: str
    label: str
    cls: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {"iri": self.iri, "label": self.label, "class": self.cls, "score": self.score}


def rank(
    store: Store,
    measure: str = DEFAULT_MEASURE,
    *,
    top: int | None = 10,
    graph: nx.Graph | None = None,
    scores: Mapping[str, float] | None = None,
    **projection: Any,
) -> list[Ranked]:
    """The actors ordered by a measure, highest first, ties broken by salience
    (documents, then mentions) before the label (``scores``: the measure's values
    when already computed on ``graph``)."""
    graph = graph if graph is not None else actor_graph(store, **projection)
    scores = scores if scores is not None else centrality(graph, measure)
    ordered = sorted(scores.items(), key=lambda item: _order(graph, *item))
    if top is not None:
        ordered = ordered[:top]
    return [
        Ranked(node, graph.nodes[node]["label"], graph.nodes[node]["cls"], score)
        for node, score in ordered
    ]


def _order(graph: nx.Graph, node: str, score: float) -> tuple[float, int, int, str]:
    data = graph.nodes[node]
    return (-score, -data.get("documents", 0), -data.get("mentions", 0), data["label"])


@dataclass(frozen=True)
class Tie:
    """One edge of an actor, and the documents behind it."""

    iri: str
    label: str
    weight: float
    layers: Mapping[str, int]
    relation: str
    sign: int
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    """Why an actor stands where it does: its place, its salience, its strongest edges."""

    actor: Ranked
    position: int
    of: int
    measure: str
    documents: int
    mentions: int
    degree: int
    ties: tuple[Tie, ...]

    def lines(self) -> list[str]:
        """The explanation as text, one line per fact."""
        found = [
            f"{self.actor.label} ({self.actor.cls}) ranks {self.position} of {self.of} by "
            f"{self.measure} ({self.actor.score:.4f})",
            f"named in {self.documents} documents ({self.mentions} mentions); "
            f"{self.degree} neighbours",
        ]
        if not self.ties:
            found.append("no edges: its place comes from its salience alone")
        for tie in self.ties:
            layers = ", ".join(f"{layer} {n}" for layer, n in tie.layers.items())
            side = {1: ", cooperation", -1: ", conflict"}.get(tie.sign, "")
            found.append(
                f"  {tie.label}: weight {tie.weight:g} ({layers}; mostly {tie.relation}{side})"
            )
            found.extend(f"    {document}" for document in tie.documents)
        return found


def explain(
    store: Store,
    name: str,
    measure: str = DEFAULT_MEASURE,
    *,
    ties: int = 5,
    documents: int = 3,
    graph: nx.Graph | None = None,
    scores: Mapping[str, float] | None = None,
    **projection: Any,
) -> Explanation:
    """Why the actor named ``name`` (label or alias) ranks where it does: its place by
    the measure, its salience, and its ``ties`` strongest edges with up to
    ``documents`` of the documents behind each (identifier and title)."""
    graph = graph if graph is not None else actor_graph(store, **projection)
    node = find_node(store, graph, name)
    scores = scores if scores is not None else centrality(graph, measure)
    ordered = sorted(scores.items(), key=lambda item: _order(graph, *item))
    position = next(i for i, (other, _) in enumerate(ordered, 1) if other == node)
    data = graph.nodes[node]
    strongest = sorted(
        graph[node].items(),
        key=lambda item: (-item[1]["weight"], -item[1]["documents"], graph.nodes[item[0]]["label"]),
    )[:ties]
    chosen = {doc for _, edge in strongest for doc in sorted(edge["sources"])[:documents]}
    titles = _document_titles(store, chosen)
    return Explanation(
        actor=Ranked(node, data["label"], data["cls"], scores[node]),
        position=position,
        of=len(ordered),
        measure=measure,
        documents=data.get("documents", 0),
        mentions=data.get("mentions", 0),
        degree=graph.degree(node),
        ties=tuple(
            Tie(
                iri=other,
                label=graph.nodes[other]["label"],
                weight=edge["weight"],
                layers=edge["layers"],
                relation=edge["relation"],
                sign=edge["sign"],
                documents=tuple(
                    titles.get(doc, doc) for doc in sorted(edge["sources"])[:documents]
                ),
            )
            for other, edge in strongest
        ),
    )


def _document_titles(store: Store, documents: Iterable[str]) -> dict[str, str]:
    """'identifier: title' of each document IRI (the IRI itself when it has neither)."""
    documents = sorted(documents)
    if not documents:
        return {}
    values = " ".join(f"<{doc}>" for doc in documents)
    query = f"""SELECT ?doc ?id ?title WHERE {{ VALUES ?doc {{ {values} }}
        OPTIONAL {{ ?doc dcterms:identifier ?id }} OPTIONAL {{ ?doc dcterms:title ?title }} }}"""
    found = {}
    for doc, identifier, title in store.select_values(query):
        if doc:
            parts = [part for part in (identifier, title) if part]
            found[doc] = ": ".join(parts) if parts else doc
    return found


_SCORE_PROPERTIES = {
    "prominence": (KG.prominence, XSD.double),
    "mentions": (KG.mentionCount, XSD.integer),
    "documents": (KG.documentCount, XSD.integer),
    "pagerank": (KG.pagerank, XSD.double),
    "betweenness": (KG.betweenness, XSD.double),
    "degree": (KG.degree, XSD.integer),
    "weighted-degree": (KG.weightedDegree, XSD.double),
    "eigenvector": (KG.eigenvector, XSD.double),
    "closeness": (KG.closeness, XSD.double),
    "community": (KG.community, XSD.integer),
}
ANALYSIS = KGR["analysis/latest"]


def describe_projection(
    projection: str = DEFAULT_PROJECTION,
    relations: Iterable[str] = DEFAULT_RELATIONS,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_evidence: int = 1,
    all_copies: bool = False,
) -> str:
    """The actor-graph options as one line, stored with the scores they produced."""
    relations = tuple(relations)
    copies = "; every copy of a story counted" if all_copies else ""
    if set(relations) == set(DEFAULT_RELATIONS) and not since and not until and min_evidence == 1:
        return f"actor graph: {projection} layers, all relations, all dates, min evidence 1{copies}"
    return (
        f"actor graph: {projection} layers; relations {', '.join(sorted(relations))}; "
        f"dates {since or '...'} to {until or '...'}; min evidence {min_evidence}{copies}"
    )


def write_scores(
    store: Store,
    scores: Mapping[str, Mapping[str, float | int]],
    *,
    projection: str | None = None,
) -> int:
    """Write the given scores (measure -> node -> value) into the analysis graph.

    Each measure given replaces its own earlier scores; the others stay when they
    describe the same projection and are dropped when they do not. ``projection``
    (from `describe_projection`) is kept as the analysis's ``rdfs:comment`` so readers
    know which graph the scores describe. Returns the number of score triples."""
    projection = projection or describe_projection()
    stored = store.select_values(
        f"SELECT ?p WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ <{ANALYSIS}> rdfs:comment ?p }} }}"
    )
    if stored and stored[0][0] == projection:
        store.update(_clear_scores([_SCORE_PROPERTIES[measure][0] for measure in scores]))
    else:
        store.update(_clear_scores())
    when = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    lines = [
        f"<{ANALYSIS}> <{RDF.type}> <{KG.Analysis}> .",
        f'<{ANALYSIS}> <{KG.computedAt}> "{when}"^^<{XSD.dateTime}> .',
        f"<{ANALYSIS}> <{RDFS.comment}> {ntriples_term(Literal(projection))} .",
    ]
    count = 0
    for measure, values in scores.items():
        predicate, datatype = _SCORE_PROPERTIES[measure]
        integer = datatype == XSD.integer
        for node, value in values.items():
            number = str(int(value)) if integer else _double(value)
            lines.append(f'<{node}> <{predicate}> "{number}"^^<{datatype}> .')
            count += 1
    store.add_lines(ANALYSIS_GRAPH, lines)
    return count


def _double(value: float) -> str:
    """The xsd:double lexical form of a number."""
    value = float(value)
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "INF" if value > 0 else "-INF"
    return repr(value)


def _clear_scores(predicates: Iterable[URIRef] | None = None) -> str:
    """SPARQL update deleting scores from the analysis graph and the default graph:
    every triple of it, or those of the given predicates and the analysis's own
    description. The analysis graph holds only kg's own score triples, so no other
    graph needs searching, which keeps this fast."""
    if predicates is None:
        triples = ["?s ?p ?o"]
    else:
        triples = [f"?s <{p}> ?o" for p in predicates] + [f"<{ANALYSIS}> ?p ?o"]
    return ";\n".join(
        f"DELETE {{ {t} . GRAPH <{ANALYSIS_GRAPH}> {{ {t} }} }} "
        f"WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ {t} }} }}"
        for t in triples
    )


def clear_scores(store: Store) -> None:
    """Drop the stored analysis (after a build or an import it no longer describes the graph)."""
    store.update(_clear_scores())


def analyze(
    store: Store,
    measures: Iterable[str] = MEASURES,
    *,
    with_communities: bool = True,
    **projection: Any,
) -> tuple[nx.Graph, dict[str, dict[str, float]]]:
    """Centrality measures (all by default) and the communities of the actor graph,
    written back to the store (unless it is open read-only), replacing the last run's."""
    graph = actor_graph(store, **projection)
    scores: dict[str, dict[str, float]] = {m: centrality(graph, m) for m in dict.fromkeys(measures)}
    if with_communities:
        scores["community"] = {k: float(v) for k, v in communities(graph).items()}
    if not store.read_only:
        write_scores(store, scores, projection=describe_projection(**projection))
    return graph, scores


def stored_scores(store: Store, measure: str) -> dict[str, float]:
    """The scores of one measure from the store's analysis of the whole actor graph
    (empty when there is none: `kg build` and `kg import` drop the analysis, since it
    no longer describes the graph)."""
    if measure not in _SCORE_PROPERTIES:
        raise KgError(f"unknown measure '{measure}'; use one of: {', '.join(_SCORE_PROPERTIES)}")
    predicate = _SCORE_PROPERTIES[measure][0]
    rows = store.select(
        f"""SELECT ?node ?value WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{
              <{ANALYSIS}> rdfs:comment ?projection . ?node <{predicate}> ?value }}
              FILTER (STR(?projection) = "{describe_projection()}") }}"""
    )
    return {str(row["node"]): float(row["value"]) for row in rows}


def export_graph(
    graph: nx.Graph, path: str, scores: Mapping[str, Mapping[str, float]] | None = None
) -> None:
    """Write the graph as GraphML or GEXF (for Gephi), with labels, classes and scores."""
    out = graph.copy()
    for measure, values in (scores or {}).items():
        cast = int if measure in {"community", "degree", *SALIENCE} else float
        nx.set_node_attributes(
            out, {n: cast(v) for n, v in values.items()}, measure.replace("-", "_")
        )
    for _, _, data in out.edges(data=True):
        data.pop("direction", None)
        data.pop("sources", None)
        data.pop("samples", None)
        layers = data.pop("layers", None)
        if layers:
            data["layers"] = ",".join(f"{k}:{v}" for k, v in sorted(layers.items()))
        relations = data.pop("relations", None)
        if relations:
            data["relations"] = ",".join(f"{k}:{v}" for k, v in sorted(relations.items()))
    if path.endswith(".gexf"):
        nx.write_gexf(out, path)
    elif path.endswith(".graphml"):
        nx.write_graphml(out, path)
    else:
        raise KgError(f"unknown graph format for {path}; use .graphml or .gexf")
