"""Interactive, offline HTML graphs of the store, and static pictures for reports.

The page is one self-contained HTML file: pyvis holds the nodes and edges, and
kg renders them with its own template that inlines the vis-network script from
the pyvis package (pyvis's own templates load bootstrap, vis-network and
tom-select from CDNs). Tooltips and the side panel are built as DOM text nodes,
so article text that looks like markup is shown, never run. The vis Network is
the page's global ``network``, as in pyvis pages.

Large graphs stay interactive: above `PHYSICS_LIMIT` nodes the layout is
computed in Python and physics is off, and above `MAX_NODES` only the most
central nodes are drawn, with a note on the page saying how many were left out.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.analyze import (
    COMENTION_RELATION,
    CONFLICT,
    COOPERATION,
    DEFAULT_MEASURE,
    DEFAULT_PROJECTION,
    DEFAULT_RELATIONS,
    STATEMENT_RELATION,
    actor_graph,
    centrality,
    communities,
    find_node,
    negotiation_graph,
    sparql_date_filter,
    stored_scores,
    told_events,
)
from kg.errors import KgError
from kg.rdf import EVENT_VERBS
from kg.store import Store

__all__ = [
    "COLOUR_BY",
    "MAX_NODES",
    "PHYSICS_LIMIT",
    "Rendered",
    "find_node",
    "render",
    "render_png",
    "thin",
]

#: More nodes than this: positions come from networkx and physics is off.
PHYSICS_LIMIT = 60
#: More nodes than this and no --top: only the most central are drawn. A hundred
#: actors is what a page shows with every label readable; `--top` draws more.
MAX_NODES = 100
EVIDENCE_PER_EDGE = 3
#: More nodes than this: edges are not labelled (the legend and tooltips name them).
EDGE_LABEL_LIMIT = 40
#: Edges of the statement and co-mention layers drawn per node (its strongest): the
#: interactions are all drawn, the weaker layers only as a backbone, or a hundred
#: actors of real news make a hairball of co-mentions.
BACKBONE_EDGES = 2
#: What gives nodes their colour: the community they fall in, or their class.
COLOUR_BY = ("community", "class")
#: Community colours (colour-blind-safe first): the largest community first.
COMMUNITY_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f", "#393b79", "#ad494a",
)  # fmt: skip
#: Communities beyond the coloured ones share this colour.
OTHER_COMMUNITY = "#a0aec0"

CLASS_STYLE = {
    "Country": ("#2b6cb0", "dot", "Country"),
    "Person": ("#dd6b20", "dot", "Person"),
    "GovernmentAgency": ("#2f855a", "diamond", "Government agency"),
    "Organization": ("#6b46c1", "square", "Organisation"),
    "Company": ("#b7791f", "square", "Company"),
    "MediaOrganization": ("#718096", "triangle", "Media"),
    "PoliticalParty": ("#c05621", "square", "Political party"),
    "InternationalOrganization": ("#276749", "diamond", "International organisation"),
    "ArmedGroup": ("#742a2a", "square", "Armed group"),
    "Negotiation": ("#c53030", "star", "Negotiation"),
    "Topic": ("#319795", "dot", "Topic"),
    "Policy": ("#d53f8c", "triangleDown", "Policy"),
}
RELATION_STYLE = {
    "negotiatesWith": ("#c53030", "negotiates with", False),
    "meetsWith": ("#dd6b20", "meets with", False),
    "represents": ("#2b6cb0", "represents", True),
    "holdsPostIn": ("#2f855a", "holds post in", True),
    "imposesOn": ("#d53f8c", "imposes policy on", True),
    "demandsOf": ("#805ad5", "demands of", True),
    STATEMENT_RELATION: ("#718096", "names in a statement", True),
    COMENTION_RELATION: ("#cbd5e0", "named in a sentence with", False),
    "participatesIn": ("#c53030", "takes part in", True),
    "about": ("#319795", "about", True),
}
#: Events by PLOVER category: cooperation in greens and blues, conflict in reds.
_COOPERATION_COLOURS = ("#38a169", "#3182ce", "#48bb78", "#2c7a7b", "#68d391", "#4fd1c5", "#90cdf4")
_CONFLICT_COLOURS = (
    "#e53e3e", "#9b2c2c", "#f56565", "#c05621", "#ed8936", "#fc8181", "#742a2a", "#dd6b20",
    "#feb2b2", "#63171b",
)  # fmt: skip
RELATION_STYLE.update(
    {
        kind: (colour, EVENT_VERBS[kind.upper()], True)
        for kinds, colours in ((COOPERATION, _COOPERATION_COLOURS), (CONFLICT, _CONFLICT_COLOURS))
        for kind, colour in zip(kinds, colours, strict=True)
    }
)
#: Evidence of the edges drawn: ``{nodes}`` becomes the subjects wanted, ``{dates}``
#: the date filter of the view. (The predicates are a FILTER, not a second VALUES:
#: Oxigraph joins two VALUES blocks five times slower.)
_EVIDENCE_QUERY = """
    SELECT ?s ?o ?p ?evidence ?title ?date ?doc ?start WHERE {
      VALUES ?s0 { {nodes} }
      {
        ?assertion rdf:subject ?s0 ; rdf:predicate ?p ; rdf:object ?o0 ;
                   kg:evidence ?evidence ; prov:wasDerivedFrom ?doc ; kg:modality ?m .
        {dates}
        FILTER (?m IN (kg:Act, kg:Intent))
        FILTER (?p IN (kg:negotiatesWith, kg:meetsWith, kg:represents, org:holds, kg:imposes,
                       kg:demands, kg:participatesIn))
        OPTIONAL { ?o0 org:postIn ?post }
        OPTIONAL { ?o0 kg:targets ?target }
        OPTIONAL { ?assertion kg:demandedOf ?asked }
        BIND (COALESCE(?post, ?target, ?asked, ?o0) AS ?o)
      } UNION {
        ?assertion kg:source ?s0 ; kg:target ?o ; kg:eventType ?p ;
                   kg:evidence ?evidence ; prov:wasDerivedFrom ?doc ; kg:modality ?m .
        {dates}
        FILTER (?m IN (kg:Act, kg:Intent))
        FILTER NOT EXISTS { ?assertion a kg:Negotiation }
        ?assertion kg:charStart ?start .
      }
      BIND (?s0 AS ?s)
      OPTIONAL { ?doc dcterms:title ?title }
      OPTIONAL { ?doc dcterms:date ?date }
    }"""


#: The relation of the actor graph each asserted predicate stands for.
_PREDICATE_RELATION = {
    "negotiatesWith": "negotiatesWith", "meetsWith": "meetsWith", "represents": "represents",
    "holds": "holdsPostIn", "imposes": "imposesOn", "demands": "demandsOf",
    "participatesIn": "participatesIn",
}  # fmt: skip


def _class_style(cls: str) -> tuple[str, str, str]:
    """(colour, vis shape, legend label) of a class."""
    return CLASS_STYLE.get(cls, ("#a0aec0", "dot", cls))


def _relation_style(relation: str) -> tuple[str, str, bool]:
    """(colour, label, directed) of a relation."""
    return RELATION_STYLE.get(relation, ("#a0aec0", relation, False))


@dataclass(frozen=True)
class Rendered:
    """What `render` wrote."""

    path: Path
    nodes: int
    edges: int
    omitted: int
    physics: bool
    unlinked: int = 0


def _evidence_item(
    relation: str, sentence: str | None, title: str | None, date: str | None
) -> dict[str, str]:
    """One evidence sentence of an edge as the page shows it (the date as a day)."""
    return {"relation": relation, "sentence": sentence or "", "title": title or "",
            "date": (date or "")[:10]}  # fmt: skip


def _evidence(
    store: Store,
    edges: set[tuple[str, str]],
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> dict[tuple[str, str], list[dict[str, str]]]:
    """A few evidence sentences per edge (newest first), within the view's dates."""
    found: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    nodes = {node for edge in edges for node in edge}
    if not nodes:
        return found
    query = _EVIDENCE_QUERY.replace("{nodes}", " ".join(f"<{n}>" for n in sorted(nodes)))
    query = query.replace("{dates}", sparql_date_filter(since, until))
    seen: set[tuple[tuple[str, str], str, str]] = set()
    told = told_events(store)
    for a, b, predicate, sentence, title, date, doc, start in store.select_values(query):
        if a is None or b is None:
            continue
        key = (a, b) if (a, b) in edges else (b, a)
        name = (predicate or "").rsplit("#", 1)[-1]
        relation = _PREDICATE_RELATION.get(name) or name.lower()
        if key not in edges or (key, relation, sentence or "") in seen:
            continue
        if start is not None and (doc, start, a, relation) in told:
            continue  # an event its sentence's direct relation already shows
        seen.add((key, relation, sentence or ""))
        found[key].append(_evidence_item(relation, sentence, title, date))
    for items in found.values():
        items.sort(key=lambda item: item["date"], reverse=True)
    return found


def _aliases(store: Store, nodes: Iterable[str]) -> dict[str, list[str]]:
    wanted = set(nodes)
    aliases: dict[str, set[str]] = defaultdict(set)
    if not wanted:
        return {}
    values = " ".join(f"<{node}>" for node in sorted(wanted))
    query = f"SELECT ?s ?alt WHERE {{ VALUES ?s {{ {values} }} ?s skos:altLabel ?alt }}"
    for node, alias in store.select_values(query):
        if node is not None and alias is not None:
            aliases[node].add(alias)
    return {node: sorted(values)[:12] for node, values in aliases.items()}


def select_view(
    store: Store,
    *,
    view: str = "actors",
    relation: str | None = None,
    focus: str | None = None,
    depth: int = 2,
    since: dt.date | None = None,
    until: dt.date | None = None,
    projection: str = DEFAULT_PROJECTION,
    all_copies: bool = False,
) -> nx.Graph:
    """The graph a view shows, before size limits. The actors view draws the actor
    graph of a projection (the default one of `kg rank`, so that the actors drawn are
    those it ranks first); ``relation`` keeps to one relation of the interactions.
    A republished story counts once, unless ``all_copies``."""
    if view == "negotiations":
        graph = negotiation_graph(store, all_copies=all_copies)
    elif view == "actors":
        relations = (relation,) if relation else DEFAULT_RELATIONS
        graph = actor_graph(
            store,
            projection="interactions" if relation else projection,
            relations=relations,
            since=since,
            until=until,
            all_copies=all_copies,
        )
    else:
        raise KgError(f"unknown view '{view}'; use actors or negotiations")
    if focus:
        center = find_node(store, graph, focus)
        graph = nx.ego_graph(graph, center, radius=depth)
    return graph


def _ordered(graph: nx.Graph, scores: dict[str, float]) -> nx.Graph:
    """The same graph with nodes and edges in a fixed order (most central first), so
    that communities and the layout, which depend on the order, are the same on every
    run (the store's answers come in no fixed order)."""
    rank = {
        node: i for i, node in enumerate(sorted(graph, key=lambda n: (-scores.get(n, 0.0), str(n))))
    }
    ordered = graph.__class__()
    ordered.graph.update(graph.graph)
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: rank[item[0]]))
    ordered.add_edges_from(
        sorted(graph.edges(data=True), key=lambda e: tuple(sorted((rank[e[0]], rank[e[1]]))))
    )
    return ordered


def thin(graph: nx.Graph, per_node: int = BACKBONE_EDGES) -> nx.Graph:
    """The graph with every interaction and, of the statement and co-mention layers,
    only each node's ``per_node`` strongest edges (the backbone a reader can follow).
    Graphs without layers (the negotiations view) are returned as they are."""
    weaker = [
        (a, b, data)
        for a, b, data in graph.edges(data=True)
        if data.get("layers") and "interactions" not in data["layers"]
    ]
    if not weaker:
        return graph
    kept: set[frozenset[str]] = set()
    by_node: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for a, b, data in weaker:
        weight = float(data.get("weight", 1))
        by_node[a].append((weight, a, b))
        by_node[b].append((weight, a, b))
    for node, found in by_node.items():
        found.sort(
            key=lambda item: (
                -item[0],
                graph.nodes[item[1] if item[2] == node else item[2]].get("label", ""),
            )
        )
        kept.update(frozenset((a, b)) for _, a, b in found[:per_node])
    thinned = graph.copy()
    thinned.remove_edges_from((a, b) for a, b, _ in weaker if frozenset((a, b)) not in kept)
    return thinned


def render(
    store: Store,
    out: str | Path = "graph.html",
    *,
    view: str = "actors",
    size_by: str = DEFAULT_MEASURE,
    relation: str | None = None,
    focus: str | None = None,
    depth: int = 2,
    top: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    title: str | None = None,
    max_nodes: int = MAX_NODES,
    keep_unlinked: bool = False,
    projection: str = DEFAULT_PROJECTION,
    colour_by: str = "community",
    all_copies: bool = False,
) -> Rendered:
    """Write the interactive HTML graph of the store and say what it holds.

    The ``top`` (else ``max_nodes``) actors by ``size_by`` are drawn, with their
    interactions and the backbone of the weaker layers (`thin`), coloured by their
    community (`kg.analyze.communities` of the graph drawn) or by class.
    Actors linked to no other (a newspaper only ever reporting, a company only ever
    mentioned) are left out unless ``keep_unlinked``; the page says how many."""
    if colour_by not in COLOUR_BY:
        raise KgError(f"unknown colouring '{colour_by}'; use one of: {', '.join(COLOUR_BY)}")
    graph = select_view(
        store,
        view=view,
        relation=relation,
        focus=focus,
        depth=depth,
        since=since,
        until=until,
        projection=projection,
        all_copies=all_copies,
    )
    scores = scores_for(store, graph, size_by)
    unlinked = [] if keep_unlinked else list(nx.isolates(graph))
    if unlinked:
        graph = graph.copy()
        graph.remove_nodes_from(unlinked)
    limit = top if top is not None else max_nodes
    omitted = 0
    if graph.number_of_nodes() > limit:
        keep = sorted(graph, key=lambda n: (-scores.get(n, 0.0), graph.nodes[n]["label"]))[:limit]
        omitted = graph.number_of_nodes() - len(keep)
        graph = graph.subgraph(keep).copy()
    graph = _ordered(graph, scores)
    groups = communities(graph) if colour_by == "community" else {}
    graph = thin(graph)
    html, physics = page(
        store,
        graph,
        scores,
        size_by=size_by,
        title=title,
        omitted=omitted,
        view=view,
        since=since,
        until=until,
        unlinked=len(unlinked),
        groups=groups,
    )
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return Rendered(
        path, graph.number_of_nodes(), graph.number_of_edges(), omitted, physics, len(unlinked)
    )


def scores_for(store: Store, graph: nx.Graph, measure: str) -> dict[str, float]:
    """Node sizes: the store's analysis of the whole actor graph (from `kg rank`) when
    it scores every node drawn, so an ego network shows global importance; otherwise
    the measure computed on the graph drawn."""
    if graph.number_of_nodes():
        stored = stored_scores(store, measure)
        if stored and all(node in stored for node in graph):
            return {node: stored[node] for node in graph}
    return centrality(graph, measure)


#: Graphs up to this size are laid out whole by networkx's spring layout (its dense
#: solver: above 500 nodes networkx switches to one that is far slower).
CORE_LAYOUT = 400


def layout(
    graph: nx.Graph, scores: dict[str, float], groups: dict[str, int] | None = None
) -> dict[str, tuple[float, float]]:
    """Node positions, roughly within [-1, 1], in about a second for any size.

    Up to `CORE_LAYOUT` nodes: a seeded spring layout, in which an edge within a
    community (``groups``) pulls three times as hard, so communities sit together.
    Above: the `CORE_LAYOUT` most central nodes get the spring layout, every other
    node goes out breadth-first in rings around the placed neighbour that reached it
    first, and components with no placed node are set on a spiral around the core."""
    import random
    from collections import deque

    if graph.number_of_nodes() <= CORE_LAYOUT:
        pulled = nx.Graph()
        pulled.add_nodes_from(graph)
        for a, b in graph.edges:
            same = groups is not None and a in groups and groups.get(a) == groups.get(b)
            pulled.add_edge(a, b, pull=3.0 if same else 1.0)
        return {
            node: (float(x), float(y))
            for node, (x, y) in nx.spring_layout(
                pulled, seed=42, iterations=60, weight="pull"
            ).items()
        }
    rng = random.Random(42)
    order = sorted(graph, key=lambda n: (-scores.get(n, 0.0), str(n)))
    positions = layout(graph.subgraph(order[:CORE_LAYOUT]), scores)
    step = 1.5 / math.sqrt(CORE_LAYOUT)

    def spread_from(roots: Iterable[str]) -> None:
        queue = deque(roots)
        while queue:
            node = queue.popleft()
            x, y = positions[node]
            fresh = [m for m in graph[node] if m not in positions]
            turn = rng.random() * 2 * math.pi
            for i, other in enumerate(fresh):
                ring, slot = divmod(i, 12)
                angle = turn + 2 * math.pi * slot / min(12, len(fresh) - ring * 12)
                radius = step * (1 + 0.7 * ring) * (0.85 + 0.3 * rng.random())
                positions[other] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
                queue.append(other)

    spread_from(order[:CORE_LAYOUT])
    left = graph.subgraph([n for n in order if n not in positions])
    components = sorted(nx.connected_components(left), key=lambda c: (-len(c), min(c)))
    for number, component in enumerate(components):
        angle = number * 2.39996  # the golden angle: a sunflower spiral around the core
        radius = 1.25 + 0.06 * math.sqrt(number + 1) * 4
        cx, cy = radius * math.cos(angle), radius * math.sin(angle)
        first = min(component, key=lambda n: (-scores.get(n, 0.0), str(n)))
        positions[first] = (cx, cy)
        spread_from([first])
    return positions


def _community_colour(number: int) -> str:
    if 0 <= number < len(COMMUNITY_COLOURS):
        return COMMUNITY_COLOURS[number]
    return OTHER_COMMUNITY


def _community_legend(
    graph: nx.Graph, scores: dict[str, float], groups: dict[str, int]
) -> list[dict[str, Any]]:
    """One legend entry per coloured community, named by its most central members
    ("Tony Blair, Labour Party and 12 more"); the rest as one entry."""
    members: dict[int, list[str]] = defaultdict(list)
    for node, number in groups.items():
        if node in graph:
            members[min(number, len(COMMUNITY_COLOURS))].append(node)
    entries = []
    for number in sorted(members):
        found = sorted(members[number], key=lambda n: (-scores.get(n, 0.0), str(n)))
        if number == len(COMMUNITY_COLOURS):
            name = "other communities"
        else:
            leaders = [graph.nodes[n].get("label", n) for n in found[:2]]
            rest = len(found) - len(leaders)
            name = " and ".join(leaders) if not rest else f"{', '.join(leaders)} and {rest} more"
        entries.append(
            {"id": number, "label": name, "color": _community_colour(number), "count": len(found)}
        )
    return entries


def _sampled_evidence(store: Store, graph: nx.Graph) -> dict[tuple[str, str], list[dict[str, str]]]:
    """The sentences behind the statement and co-mention edges drawn (the samples the
    actor graph keeps), with their documents' titles and dates."""
    wanted: dict[tuple[str, int], list[tuple[tuple[str, str], str]]] = defaultdict(list)
    for a, b, data in graph.edges(data=True):
        layers = data.get("layers") or {}
        if not data.get("samples") or "interactions" in layers:
            continue
        relation = STATEMENT_RELATION if "statements" in layers else COMENTION_RELATION
        for doc, start in data["samples"][:EVIDENCE_PER_EDGE]:
            wanted[(doc, int(start))].append(((a, b), relation))
    found: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    if not wanted:
        return found
    values = " ".join(f"(<{doc}> {start})" for doc, start in sorted(wanted))
    rows = store.select_values(
        f"""SELECT ?doc ?start (SAMPLE(?text) AS ?sentence) (SAMPLE(?t) AS ?title)
                   (SAMPLE(?d) AS ?date) WHERE {{
              VALUES (?doc ?start) {{ {values} }}
              GRAPH ?doc {{ ?assertion kg:charStart ?start ; kg:evidence ?text }}
              OPTIONAL {{ ?doc dcterms:title ?t }}
              OPTIONAL {{ ?doc dcterms:date ?d }}
            }} GROUP BY ?doc ?start"""
    )
    for doc, start, sentence, title, date in rows:
        if doc is None or start is None:
            continue
        for key, relation in wanted.get((doc, int(start)), []):
            found[key].append(_evidence_item(relation, sentence, title, date))
    return found


def _vis_assets() -> tuple[str, str]:
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    if not folder.is_dir():
        folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as error:
        raise KgError(
            f"pyvis's bundled vis-network is missing ({error}); reinstall pyvis"
        ) from error
    return script, style


def _safe_json(data: Any) -> str:
    """JSON that cannot close the script element it sits in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )  # fmt: skip


def page(
    store: Store,
    graph: nx.Graph,
    scores: dict[str, float],
    *,
    size_by: str = "pagerank",
    title: str | None = None,
    omitted: int = 0,
    view: str = "actors",
    since: dt.date | None = None,
    until: dt.date | None = None,
    unlinked: int = 0,
    groups: dict[str, int] | None = None,
) -> tuple[str, bool]:
    """The HTML of a graph page and whether it runs physics. With ``groups`` (node to
    community number, 0 the largest) nodes are coloured by community, their shape
    still telling their class."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from pyvis.network import Network

    physics = graph.number_of_nodes() <= PHYSICS_LIMIT
    positions: dict[str, tuple[float, float]] = {}
    if not physics:
        positions = layout(graph, scores, groups)
    # room for the labels: a box as wide as a screen is, about 150 by 70 pixels a node
    spread = max(300.0, 55.0 * math.sqrt(graph.number_of_nodes()))
    net = Network(height="100%", width="100%", directed=True, cdn_resources="remote")
    top_score = max(scores.values(), default=0.0) or 1.0
    aliases = _aliases(store, graph.nodes)
    classes: dict[str, int] = defaultdict(int)
    groups = groups or {}
    legend = _community_legend(graph, scores, groups)
    # vis ids are small integers (IRIs kept in info): big pages are a third lighter
    index = {node: number for number, node in enumerate(graph)}
    for node, data in graph.nodes(data=True):
        cls = data.get("cls", "Topic")
        color, shape, class_label = _class_style(cls)
        if groups:
            color = _community_colour(groups.get(node, -1))
        classes[cls] += 1
        score = scores.get(node, 0.0)
        share = math.sqrt(score / top_score) if top_score > 0 else 0.0
        options: dict[str, Any] = {
            "id": index[node],
            "label": data.get("label", node),
            "shape": shape,
            "color": color,
            "size": round(8 + 24 * share, 2),
            # the most central names read largest; every label stays legible
            "font": {"size": round(12 + 8 * share, 1)},
            "kgClass": cls,
            # the legend entry: past the coloured communities, one entry for the rest
            "kgCommunity": min(groups.get(node, -1), len(COMMUNITY_COLOURS)),
            "info": {
                "iri": node,
                "cls": class_label,
                "aliases": aliases.get(node, []),
                "scores": {size_by: round(score, 4), "degree": graph.degree(node)},
                "documents": data.get("documents", 0),
            },
        }
        if node in positions:
            x, y = positions[node]
            options.update(x=round(x * spread, 1), y=round(0.7 * y * spread, 1), physics=False)
        # bulk insertion: pyvis's add_node scans a list per call (quadratic on big graphs)
        net.nodes.append(options)
        net.node_ids.append(node)
        net.node_map[node] = options
    relations: dict[str, int] = defaultdict(int)
    documents: dict[tuple[str, str], int] = {}
    evidence = _evidence(store, {(a, b) for a, b in graph.edges}, since, until)
    for key, sampled in _sampled_evidence(store, graph).items():
        evidence.setdefault(key, []).extend(sampled)
    for number, (a, b, data) in enumerate(graph.edges(data=True)):
        relation = data.get("relation", "negotiatesWith")
        color, label, directed = _relation_style(relation)
        source, target = data.get("direction", (a, b))
        relations[relation] += 1
        weight = float(data.get("weight", 1))
        found = evidence.get((a, b)) or evidence.get((b, a)) or []
        # the dominant relation's sentences first, each relation's newest first
        chosen = sorted(found, key=lambda item: item["relation"] != relation)[:EVIDENCE_PER_EDGE]
        # titles and dates once per document, not once per sentence
        items: list[dict[str, Any]] = [
            {
                "relation": item["relation"],
                "sentence": item["sentence"],
                "doc": documents.setdefault((item["title"], item["date"]), len(documents)),
            }
            for item in chosen
        ]
        by_relation = data.get("relations") or {relation: weight}
        faint = relation in (STATEMENT_RELATION, COMENTION_RELATION)
        net.edges.append(
            {
                "id": number,
                "from": index[source],
                "to": index[target],
                # statements and co-mentions drawn lighter than what actors do
                "color": {"color": color, "opacity": 0.4} if faint else color,
                "width": round((0.6 if faint else 1) + 2 * math.log2(max(weight, 1.0)), 2),
                "arrows": "to" if directed else "",
                # relations written along the edges only where they can be read
                "label": label if graph.number_of_nodes() <= EDGE_LABEL_LIMIT else "",
                "info": {
                    "relation": relation,
                    "relations": [
                        [r, n] for r, n in sorted(by_relation.items(), key=lambda item: -item[1])
                    ],
                    "weight": weight,
                    "evidence": items,
                },
            }
        )
    options = {
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -50,
                "springLength": 60,
                "avoidOverlap": 0.5,
            },
            "stabilization": {"enabled": physics, "iterations": 200, "fit": True},
        },
        "edges": {"smooth": False, "font": {"size": 10}},
        # a label smaller than 8 pixels on screen is not drawn: zoom in to read it
        "nodes": {
            "font": {"size": 14, "strokeWidth": 3},
            "scaling": {"label": {"drawThreshold": 8 if not physics else 6}},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": not physics},
        "layout": {"improvedLayout": graph.number_of_nodes() <= 100, "randomSeed": 42},
    }
    script, style = _vis_assets()
    payload = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": options,
        "classes": [
            {
                "name": _class_style(c)[2],
                "label": _class_style(c)[2],
                "color": "#718096" if groups else _class_style(c)[0],
                "shape": _class_style(c)[1],
                "count": n,
            }
            for c, n in sorted(classes.items(), key=lambda item: -item[1])
        ],
        "relations": [
            {"name": r, "label": _relation_style(r)[1], "color": _relation_style(r)[0], "count": n}
            for r, n in sorted(relations.items(), key=lambda item: -item[1])
        ],
        "communities": legend,
        "shapes": {_class_style(c)[2]: _class_style(c)[1] for c in classes},
        "relationLabels": {name: style[1] for name, style in RELATION_STYLE.items()},
        "documents": [
            {"title": title, "date": date}
            for (title, date), _ in sorted(documents.items(), key=lambda item: item[1])
        ],
    }
    environment = Environment(
        loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=select_autoescape(default=True),
    )
    template = environment.get_template("graph.html.j2")
    heading = title or (
        "Who negotiates what" if view == "negotiations" else "Who negotiates with whom"
    )
    from markupsafe import Markup

    html = template.render(
        title=heading,
        summary=f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; "
        f"node size: {size_by}"
        + ("; colour: community, shape: class." if groups else "; colour and shape: class."),
        omitted=omitted,
        omitted_note=f"{omitted} less central nodes are not drawn "
        "(use --top or --focus to choose).",
        unlinked_note=f"{unlinked} {'entity' if unlinked == 1 else 'entities'} linked to no "
        "other are not drawn."
        if unlinked
        else "",
        vis_js=Markup(script.replace("</script", "<\\/script")),
        vis_css=Markup(style),
        payload=Markup(_safe_json(payload)),
    )
    return html, physics


def render_png(
    store: Store,
    out: str | Path,
    *,
    size_by: str = DEFAULT_MEASURE,
    top: int = 60,
    **view: Any,
) -> Path:
    """A static picture of the graph (matplotlib), for reports: the ``top`` actors
    with their interactions and the backbone of the weaker layers."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    graph = select_view(store, **view)
    scores = scores_for(store, graph, size_by)
    keep = sorted(scores, key=lambda n: (-scores[n], n))[:top]
    graph = thin(_ordered(graph.subgraph(keep), scores))
    positions = nx.spring_layout(graph, seed=42, weight="weight")
    top_score = max(scores.values(), default=1.0) or 1.0
    figure, axes = plt.subplots(figsize=(12, 9), dpi=110)
    colors = [_class_style(graph.nodes[n].get("cls", ""))[0] for n in graph]
    sizes = [80 + 1400 * scores.get(n, 0) / top_score for n in graph]
    nx.draw_networkx_edges(graph, positions, ax=axes, alpha=0.35, width=1.0)
    nx.draw_networkx_nodes(graph, positions, ax=axes, node_color=colors, node_size=sizes, alpha=0.9)
    labelled = sorted(graph, key=lambda n: -scores.get(n, 0))[:25]
    nx.draw_networkx_labels(
        graph,
        positions,
        labels={n: graph.nodes[n].get("label", n) for n in labelled},
        font_size=8,
        ax=axes,
    )
    axes.set_axis_off()
    axes.set_title(f"Actor graph, node size by {size_by}")
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, bbox_inches="tight")
    plt.close(figure)
    return path
