"""Graph analytics: project the store into networkx and score who matters.

Projections are built by SPARQL over the assertion nodes, so that every edge is
weighted by how many sentences support it and can be filtered by relation, date
and evidence:

- the *actor graph*: people, countries, agencies and organisations, linked when
  they negotiate or meet, when one holds a post in or represents another, when
  one imposes a policy on another, or demands something of another;
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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef

from kg.errors import KgError
from kg.rdf import ntriples_term
from kg.store import Store
from kg.vocab import KG, KGR, PROV, RDF, RDFS, XSD

__all__ = [
    "ANALYSIS_GRAPH",
    "DEFAULT_RELATIONS",
    "MEASURES",
    "Ranked",
    "actor_graph",
    "centrality",
    "communities",
    "export_graph",
    "negotiation_graph",
    "rank",
    "stored_scores",
    "write_scores",
]

ANALYSIS_GRAPH = KGR["graph/analysis"]
MEASURES = ("pagerank", "betweenness", "degree", "weighted-degree", "eigenvector", "closeness")
#: Above this many nodes betweenness is estimated from a seeded sample of sources.
EXACT_BETWEENNESS_LIMIT = 2_000
#: Measures `kg rank` always computes (each is linear or nearly so in the graph's size).
CHEAP_MEASURES = ("pagerank", "degree", "weighted-degree")
#: Above this many nodes closeness is estimated from the same number of sampled sources.
EXACT_CLOSENESS_LIMIT = 2_000
BETWEENNESS_SAMPLE = 100
SEED = 42

#: Relations of the actor graph and how each is read from the assertions.
DEFAULT_RELATIONS = (
    "negotiatesWith", "meetsWith", "represents", "holdsPostIn", "imposesOn", "demandsOf",
)  # fmt: skip
ACTOR_CLASSES = (
    "Person", "Country", "GovernmentAgency", "Organization", "Company", "MediaOrganization",
)  # fmt: skip

_EDGE_QUERIES = {
    # direct relations between two actors
    "negotiatesWith": """
        SELECT ?a ?b ?assertion ?date WHERE {
          ?assertion rdf:predicate kg:negotiatesWith ; rdf:subject ?a ; rdf:object ?b ;
                     kg:modality ?m . FILTER (?m IN (kg:Act, kg:Intent))
          OPTIONAL { ?assertion kg:date ?date } }""",
    "meetsWith": """
        SELECT ?a ?b ?assertion ?date WHERE {
          ?assertion rdf:predicate kg:meetsWith ; rdf:subject ?a ; rdf:object ?b ;
                     kg:modality ?m . FILTER (?m IN (kg:Act, kg:Intent))
          OPTIONAL { ?assertion kg:date ?date } }""",
    "represents": """
        SELECT ?a ?b ?assertion ?date WHERE {
          ?assertion rdf:predicate kg:represents ; rdf:subject ?a ; rdf:object ?b .
          OPTIONAL { ?assertion kg:date ?date } }""",
    # person -holds-> position -postIn-> body
    "holdsPostIn": """
        SELECT ?a ?b ?assertion ?date WHERE {
          ?assertion rdf:predicate org:holds ; rdf:subject ?a ; rdf:object ?position .
          ?position org:postIn ?b .
          OPTIONAL { ?assertion kg:date ?date } }""",
    # actor -imposes-> policy -targets-> actor
    "imposesOn": """
        SELECT ?a ?b ?assertion ?date WHERE {
          ?assertion rdf:predicate kg:imposes ; rdf:subject ?a ; rdf:object ?policy ;
                     kg:modality ?m . FILTER (?m IN (kg:Act, kg:Intent))
          ?policy kg:targets ?b .
          OPTIONAL { ?assertion kg:date ?date } }""",
    # actor -demands-> thing, demandedOf actor
    "demandsOf": """
        SELECT ?a ?b ?assertion ?date WHERE {
          ?assertion rdf:predicate kg:demands ; rdf:subject ?a ; kg:demandedOf ?b ;
                     kg:modality ?m . FILTER (?m IN (kg:Act, kg:Intent))
          OPTIONAL { ?assertion kg:date ?date } }""",
}

_NODES_QUERY = """
    SELECT ?node ?class ?label (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
      ?node a ?class ; skos:prefLabel ?label .
      VALUES ?class { %s }
      OPTIONAL { ?node kg:mentionedIn ?doc }
    } GROUP BY ?node ?class ?label
"""


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


def _add_nodes(store: Store, graph: nx.Graph, classes: Iterable[str]) -> None:
    values = " ".join(f"kg:{cls}" for cls in classes)
    for row in store.select(_NODES_QUERY % values):
        node = str(row["node"])
        if node in graph:
            continue
        graph.add_node(
            node,
            label=str(row["label"]),
            cls=str(row["class"]).rsplit("#", 1)[-1],
            documents=int(row.get("documents", 0)),
        )


def actor_graph(
    store: Store,
    *,
    relations: Iterable[str] = DEFAULT_RELATIONS,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_evidence: int = 1,
) -> nx.Graph:
    """The actor graph: undirected, edges weighted by supporting assertions.

    Each edge has ``weight`` (assertions), ``relations`` (count per relation type)
    and ``relation`` (the best-supported type). Actors without edges are kept as
    isolated nodes only when no filter applies.
    """
    relations = tuple(relations)
    unknown = set(relations) - set(_EDGE_QUERIES)
    if unknown:
        raise KgError(
            f"unknown relation {', '.join(sorted(unknown))}; use: {', '.join(_EDGE_QUERIES)}"
        )
    graph = nx.Graph(name="actor graph")
    _add_nodes(store, graph, ACTOR_CLASSES)
    edges: dict[tuple[str, str], dict[str, set[str]]] = {}
    directions: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    for relation in relations:
        for row in store.select(_EDGE_QUERIES[relation]):
            a, b = str(row["a"]), str(row["b"])
            if a == b or a not in graph or b not in graph:
                continue
            when = _date(row.get("date"))
            if (since and (when is None or when < since)) or (
                until and (when is None or when > until)
            ):
                continue
            key = (a, b) if a < b else (b, a)
            edges.setdefault(key, {}).setdefault(relation, set()).add(str(row["assertion"]))
            directions.setdefault(key, {}).setdefault(relation, (a, b))
    for (a, b), by_relation in edges.items():
        counts = {relation: len(assertions) for relation, assertions in by_relation.items()}
        weight = sum(counts.values())
        if weight < min_evidence:
            continue
        dominant = max(counts, key=lambda r: (counts[r], r))
        graph.add_edge(
            a,
            b,
            weight=weight,
            relations=counts,
            relation=dominant,
            direction=directions[(a, b)][dominant],
        )
    if since or until or min_evidence > 1 or set(relations) != set(DEFAULT_RELATIONS):
        graph.remove_nodes_from(
            [node for node, degree in dict(graph.degree()).items() if degree == 0]
        )
    return graph


def negotiation_graph(store: Store) -> nx.Graph:
    """Actors linked to their negotiations, negotiations to what they are about."""
    graph = nx.Graph(name="who negotiates what")
    _add_nodes(store, graph, (*ACTOR_CLASSES, "Negotiation", "Topic", "Policy"))
    query = """
        SELECT ?actor ?negotiation (COUNT(DISTINCT ?assertion) AS ?n) WHERE {
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
    """One centrality measure for every node of the graph."""
    if measure not in MEASURES:
        raise KgError(f"unknown measure '{measure}'; use one of: {', '.join(MEASURES)}")
    if graph.number_of_nodes() == 0:
        return {}
    if measure == "degree":
        return {node: float(degree) for node, degree in graph.degree()}
    if measure == "weighted-degree":
        return {node: float(degree) for node, degree in graph.degree(weight="weight")}
    if measure == "pagerank":
        return dict(nx.pagerank(graph, weight="weight"))
    if measure == "betweenness":
        n = graph.number_of_nodes()
        k = None if n <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_SAMPLE
        return dict(nx.betweenness_centrality(graph, k=k, seed=SEED, normalized=True))
    if measure == "closeness":
        if graph.number_of_nodes() <= EXACT_CLOSENESS_LIMIT:
            return dict(nx.closeness_centrality(graph))
        return _sampled_closeness(graph, BETWEENNESS_SAMPLE)
    return _eigenvector(graph)


def _sampled_closeness(graph: nx.Graph, k: int) -> dict[str, float]:
    """Closeness estimated from breadth-first searches out of ``k`` seeded sources
    (Eppstein and Wang): in an undirected graph the mean distance from the sampled
    sources estimates a node's mean distance to all others. Same normalisation as
    networkx (Wasserman and Faust, for graphs that are not connected)."""
    import random

    n = graph.number_of_nodes()
    component_size: dict[str, int] = {}
    for component in nx.connected_components(graph):
        component_size.update(dict.fromkeys(component, len(component)))
    sources = random.Random(SEED).sample(sorted(graph), k)
    total: dict[str, float] = dict.fromkeys(graph, 0.0)
    reached: dict[str, int] = dict.fromkeys(graph, 0)
    for source in sources:
        for node, distance in nx.single_source_shortest_path_length(graph, source).items():
            if node != source:
                total[node] += distance
                reached[node] += 1
    scores: dict[str, float] = {}
    for node in graph:
        r = component_size[node]
        if r <= 1 or reached[node] == 0:
            scores[node] = 0.0
            continue
        mean = total[node] / reached[node]
        scores[node] = ((r - 1) / (n - 1)) / mean
    return scores


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
    measure: str = "pagerank",
    *,
    top: int | None = 10,
    graph: nx.Graph | None = None,
    **projection: Any,
) -> list[Ranked]:
    """The actors ordered by a centrality measure, highest first."""
    graph = graph if graph is not None else actor_graph(store, **projection)
    scores = centrality(graph, measure)
    ordered = sorted(scores.items(), key=lambda item: (-item[1], graph.nodes[item[0]]["label"]))
    if top is not None:
        ordered = ordered[:top]
    return [
        Ranked(node, graph.nodes[node]["label"], graph.nodes[node]["cls"], score)
        for node, score in ordered
    ]


_SCORE_PROPERTIES = {
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
    relations: Iterable[str] = DEFAULT_RELATIONS,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_evidence: int = 1,
) -> str:
    """The actor-graph options as one line, stored with the scores they produced."""
    relations = tuple(relations)
    if set(relations) == set(DEFAULT_RELATIONS) and not since and not until and min_evidence == 1:
        return "actor graph: all relations, all dates, min evidence 1"
    return (
        f"actor graph: relations {', '.join(sorted(relations))}; "
        f"dates {since or '...'} to {until or '...'}; min evidence {min_evidence}"
    )


def write_scores(
    store: Store,
    graph: nx.Graph,
    scores: Mapping[str, Mapping[str, float | int]],
    *,
    projection: str | None = None,
) -> int:
    """Replace the analysis graph with the given scores (measure -> node -> value).

    ``projection`` (from `describe_projection`) is kept as the analysis's
    ``rdfs:comment`` so readers know which graph the scores describe."""
    when = Literal(
        dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(), datatype=XSD.dateTime
    )
    activity = ANALYSIS
    triples: list[tuple[Any, Any, Any]] = [
        (activity, RDF.type, KG.Analysis),
        (activity, KG.computedAt, when),
        (activity, RDFS.comment, Literal(projection or describe_projection())),
    ]
    for measure, values in scores.items():
        predicate, datatype = _SCORE_PROPERTIES[measure]
        for node, value in values.items():
            number = int(value) if datatype == XSD.integer else float(value)
            triples.append((URIRef(node), predicate, Literal(number, datatype=datatype)))
    for node in graph.nodes:
        triples.append((URIRef(node), PROV.wasGeneratedBy, activity))
    lines = [f"{ntriples_term(s)} {ntriples_term(p)} {ntriples_term(o)} ." for s, p, o in triples]
    return store.replace_lines([(ANALYSIS_GRAPH, lines)])


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
        write_scores(store, graph, scores, projection=describe_projection(**projection))
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
        cast = int if measure in {"community", "degree"} else float
        nx.set_node_attributes(
            out, {n: cast(v) for n, v in values.items()}, measure.replace("-", "_")
        )
    for _, _, data in out.edges(data=True):
        data.pop("direction", None)
        relations = data.pop("relations", None)
        if relations:
            data["relations"] = ",".join(f"{k}:{v}" for k, v in sorted(relations.items()))
    if path.endswith(".gexf"):
        nx.write_gexf(out, path)
    elif path.endswith(".graphml"):
        nx.write_graphml(out, path)
    else:
        raise KgError(f"unknown graph format for {path}; use .graphml or .gexf")
