"""``kg push``: send the store's graphs to an external SPARQL store.

Each named graph (one per document, plus the analysis graph) is written with the
SPARQL 1.1 Graph Store HTTP Protocol: ``PUT <endpoint>?graph=<graph IRI>`` with
the graph as N-Triples, which replaces that graph on the server. Works with the
Oxigraph server (``/store``), Apache Jena Fuseki (``/<dataset>/data``) and other
Graph Store Protocol implementations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import KgError
from kg.store import Store

__all__ = ["PushReport", "push"]


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0


def push(
    store: Store,
    endpoint: str,
    *,
    timeout: float = 60.0,
    on_graph: Callable[[str, int], None] | None = None,
    auth: tuple[str, str] | None = None,
) -> PushReport:
    """PUT every named graph of ``store`` to a Graph Store Protocol ``endpoint``."""
    import httpx

    report = PushReport()
    graphs = sorted(
        (g for g in store.oxigraph.named_graphs() if isinstance(g, ox.NamedNode)), key=str
    )
    with httpx.Client(timeout=timeout, auth=auth) as client:
        for graph in graphs:
            quads = store.oxigraph.quads_for_pattern(None, None, None, graph)
            payload = (
                ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES) or b""
            )
            try:
                response = client.put(
                    endpoint,
                    params={"graph": graph.value},
                    content=payload,
                    headers={"Content-Type": "application/n-triples"},
                )
            except httpx.HTTPError as error:
                raise KgError(
                    f"cannot reach {endpoint}: {error}; is the server running?"
                ) from error
            if response.status_code >= 400:
                raise KgError(
                    f"{endpoint} refused graph {graph.value}: HTTP {response.status_code} "
                    f"{response.text[:200].strip()}"
                )
            count = payload.count(b"\n")
            report.graphs += 1
            report.triples += count
            if on_graph is not None:
                on_graph(graph.value, count)
    return report
