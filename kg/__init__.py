"""kg: build an RDF knowledge graph of who negotiates with whom from news articles.

The Python API mirrors the command line::

    import kg

    report = kg.build(["examples/"], store="kg-store")
    with kg.open_store("kg-store") as store:
        rows = kg.query(store, "who-negotiates-with-whom").records()
        top = kg.rank(store, "pagerank", top=5)
        kg.render(store, "graph.html")

Heavy dependencies (spaCy, networkx, pyvis) load on first use, not on import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KgError

if TYPE_CHECKING:
    from kg.analyze import Ranked
    from kg.build import BuildReport
    from kg.query import QueryResult
    from kg.store import Store
    from kg.viz import Rendered

__all__ = ["KgError", "__version__", "build", "open_store", "query", "rank", "render"]
__version__ = "0.1.0"


def build(paths: Any, **options: Any) -> BuildReport:
    """Build or extend the graph in a store from articles; see `kg.build.build`."""
    from kg.build import build as run

    if isinstance(paths, str | Path):
        paths = [paths]
    return run(paths, **options)


def open_store(path: str | Path = "kg-store", *, read_only: bool = False) -> Store:
    """Open a store folder (use it as a context manager)."""
    from kg.store import Store

    return Store(path, read_only=read_only)


def query(store: Store, sparql: str, **params: Any) -> QueryResult:
    """Run SPARQL text, a .rq file or a named query; keyword arguments bind variables."""
    from kg.query import run_query

    return run_query(store, sparql, params)


def rank(
    store: Store, measure: str = "prominence", *, top: int | None = 10, **projection: Any
) -> list[Ranked]:
    """Actors ordered by a measure of the actor graph (see `kg.analyze.MEASURES`)."""
    from kg.analyze import rank as run

    return run(store, measure, top=top, **projection)


def render(store: Store, out: str | Path = "graph.html", **options: Any) -> Rendered:
    """Write the interactive HTML graph; see `kg.viz.render`."""
    from kg.viz import render as run

    return run(store, out, **options)


#: The API functions by name: `kg.build` and `kg.query` are also submodules, which
#: call these when called (see kg/_callable.py).
API = {"build": build, "query": query}
