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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef

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
    "MEASURES",
    "Ranked",
    "actor_graph",
    "centrality",
    "communities",
    "export_graph",
    "negotiation_graph",
    "rank",
    "clear_scores",
    "stored_scores",
    "write_scores",
]

MEASURES = ("pagerank", "betweenness", "degree", "weighted-degree", "eigenvector", "closeness")
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
#: One grouped SELECT per relation: actor pairs and how many assertions support each.
#: ``{dates}`` becomes a date filter when the projection has one.
#: (An assertion has one subject, object and modality, so COUNT needs no DISTINCT,
#: which would cost a third of the projection's time.)
_EDGE_QUERIES = {
    # direct relations between two actors
    **{
        relation: f"""
        SELECT ?a ?b (COUNT(?assertion) AS ?n) WHERE {{
          ?assertion rdf:predicate kg:{relation} ; rdf:subject ?a ; rdf:object ?b ; {_ACT}
          {{dates}} }} GROUP BY ?a ?b"""
        for relation in ("negotiatesWith", "meetsWith", "represents")
    },
    # person -holds-> position -postIn-> body
    "holdsPostIn": f"""
        SELECT ?a ?b (COUNT(?assertion) AS ?n) WHERE {{
          ?assertion rdf:predicate org:holds ; rdf:subject ?a ; rdf:object ?position ; {_ACT}
          ?position org:postIn ?b .
          {{dates}} }} GROUP BY ?a ?b""",
    # actor -imposes-> policy -targets-> actor
    "imposesOn": f"""
        SELECT ?a ?b (COUNT(?assertion) AS ?n) WHERE {{
          ?assertion rdf:predicate kg:imposes ; rdf:subject ?a ; rdf:object ?policy ; {_ACT}
          ?policy kg:targets ?b .
          {{dates}} }} GROUP BY ?a ?b""",
    # actor -demands-> thing, demandedOf actor
    "demandsOf": f"""
        SELECT ?a ?b (COUNT(?assertion) AS ?n) WHERE {{
          ?assertion rdf:predicate kg:demands ; rdf:subject ?a ; kg:demandedOf ?b ; {_ACT}
          {{dates}} }} GROUP BY ?a ?b""",
}
#: The events of the lexicon (negotiations and meetings are the direct relations
#: above), counted per source, target and PLOVER category. An event told by a
#: sentence that also gives a direct relation of its kind (the imposition behind a
#: SANCTION, the demand behind a DEMAND) is that relation already and is not
#: counted twice.
_EVENTS_QUERY = f"""
    SELECT ?a ?b ?type (COUNT(?assertion) AS ?n) WHERE {{
      ?assertion a kg:Event ; kg:eventType ?type ; kg:source ?a ; kg:target ?b ; {_ACT}
      FILTER NOT EXISTS {{ ?assertion a kg:Negotiation }}
      ?assertion kg:charStart ?start ; prov:wasDerivedFrom ?doc .
      FILTER NOT EXISTS {{
        VALUES (?type ?direct) {{
          (kg:Sanction kg:imposes) (kg:Demand kg:demands)
          (kg:Consult kg:negotiatesWith) (kg:Consult kg:meetsWith)
        }}
        ?told rdf:predicate ?direct ; rdf:subject ?a ; kg:charStart ?start ;
              prov:wasDerivedFrom ?doc .
      }}
      {{dates}} }} GROUP BY ?a ?b ?type"""

_NODES_QUERY = """
    SELECT ?node ?class ?label WHERE {
      VALUES ?class { %s }
      ?node a ?class ; skos:prefLabel ?label .
    }
"""
_DOCUMENTS_QUERY = (
    "SELECT ?node (COUNT(*) AS ?n) WHERE { ?node kg:mentionedIn ?doc } GROUP BY ?node"
)


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
) -> None:
    counts = {node: int(n or 0) for node, n in documents}
    for node, cls, label in rows:
        if node is None or node in graph:
            continue
        graph.add_node(
            node,
            label=label or node,
            cls=(cls or "").rsplit("#", 1)[-1],
            documents=counts.get(node, 0),
        )


def _nodes_query(classes: Iterable[str]) -> str:
    return _NODES_QUERY % " ".join(f"kg:{cls}" for cls in classes)


def actor_graph(
    store: Store,
    *,
    relations: Iterable[str] = DEFAULT_RELATIONS,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_evidence: int = 1,
) -> nx.Graph:
    """The actor graph: undirected, edges weighted by supporting assertions.

    Each edge has ``weight`` (assertions), ``relations`` (count per relation type),
    ``relation`` (the best-supported type) and ``direction`` (its subject and object).
    Actors without edges are kept as isolated nodes only when no filter applies.
    """
    relations = tuple(relations)
    unknown = set(relations) - set(_EDGE_QUERIES) - set(EVENT_RELATIONS)
    if unknown:
        raise KgError(
            f"unknown relation {', '.join(sorted(unknown))}; "
            f"use: {', '.join((*_EDGE_QUERIES, *EVENT_RELATIONS))}"
        )
    dates = sparql_date_filter(since, until)
    queries = {
        "@nodes": _nodes_query(ACTOR_CLASSES),
        "@documents": _DOCUMENTS_QUERY,
        **{
            relation: _EDGE_QUERIES[relation].replace("{dates}", dates)
            for relation in relations
            if relation in _EDGE_QUERIES
        },
    }
    kinds = [relation for relation in relations if relation in EVENT_RELATIONS]
    if kinds:
        queries["@events"] = _EVENTS_QUERY.replace("{dates}", dates)
    rows = _select_all(store, queries)
    for relation in kinds:
        rows[relation] = []
    for a, b, kind, n in rows.pop("@events", []):
        relation = (kind or "").rsplit("#", 1)[-1].lower()
        if relation in rows:
            rows[relation].append((a, b, n))
    graph = nx.Graph(name="actor graph")
    _add_nodes(graph, rows.pop("@nodes"), rows.pop("@documents"))
    counts: dict[tuple[str, str], dict[str, int]] = {}
    directions: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    for relation in relations:
        for a, b, n in rows[relation]:
            if a is None or b is None or a == b or a not in graph or b not in graph:
                continue
            key = (a, b) if a < b else (b, a)
            by_relation = counts.setdefault(key, {})
            by_relation[relation] = by_relation.get(relation, 0) + int(n or 0)
            directions.setdefault(key, {}).setdefault(relation, (a, b))
    for (a, b), by_relation in counts.items():
        weight = sum(by_relation.values())
        if weight < min_evidence:
            continue
        dominant = max(by_relation, key=lambda r: (by_relation[r], r))
        graph.add_edge(
            a,
            b,
            weight=weight,
            relations=by_relation,
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
    rows = _select_all(
        store,
        {
            "nodes": _nodes_query((*ACTOR_CLASSES, "Negotiation", "Topic", "Policy")),
            "documents": _DOCUMENTS_QUERY,
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
    measure: str = "pagerank",
    *,
    top: int | None = 10,
    graph: nx.Graph | None = None,
    scores: Mapping[str, float] | None = None,
    **projection: Any,
) -> list[Ranked]:
    """The actors ordered by a centrality measure, highest first (``scores``: the
    measure's values when already computed on ``graph``)."""
    graph = graph if graph is not None else actor_graph(store, **projection)
    scores = scores if scores is not None else centrality(graph, measure)
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
