"""The store: an rdflib Dataset backed by Oxigraph in a folder.

One named graph per document, and the default graph kept as the union of all
named graphs, each triple once. Queries run on the default graph: Oxigraph's
own union view yields a triple once per graph holding it, so an entity named in
a thousand articles would come back a thousand times.

Writing a document replaces its graph and updates the default graph in a single
Oxigraph transaction, so the same article built twice changes nothing, and a
build killed at any moment leaves every document that was stored before it
intact. Only one process may hold a store open for writing; others get
`StoreInUseError`. Read-only opens are refused too while a writer holds the store
(Oxigraph documents reading beside a writer as undefined behaviour), and so is
writing while ``kg serve`` serves the store: the server holds the folder's
``serve.lock`` shared, a writer holds it exclusively (`lock_store`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from kg.errors import StoreError, StoreInUseError
from kg.rdf import Triple, ntriples_term
from kg.vocab import KG, KGR, NODE_PREFIXES, PREFIXES

__all__ = [
    "ANALYSIS_GRAPH",
    "DEFAULT_STORE",
    "EXPORT_FORMATS",
    "Stats",
    "Store",
    "format_for",
    "lock_store",
    "nquads",
    "writer_active",
]

DEFAULT_STORE = Path(os.environ.get("KG_STORE", "kg-store"))
#: The graph `kg.analyze` keeps its centrality scores in (here so that a build can tell
#: whether there are any to drop without importing the analysis and networkx).
ANALYSIS_GRAPH = KGR["graph/analysis"]
#: Quads written between flushes of Oxigraph's write buffers (see `Store._written`).
FLUSH_EVERY = 100_000

#: File extensions and names of the RDF formats kg reads and writes.
EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
}
ALIASES = {"turtle": "ttl", "nquads": "nq", "ntriples": "nt", "json-ld": "jsonld", "xml": "rdf"}
DATASET_FORMATS = frozenset({"trig", "nq"})
RELATION_PREDICATES = (
    "negotiatesWith", "meetsWith", "participatesIn", "imposes", "targets", "demands",
    "stated", "reportedBy", "represents",
)  # fmt: skip
ORG_NS = "http://www.w3.org/ns/org#"


#: Store folders this process holds open for writing.
_WRITING: set[Path] = set()
#: The lock file in a store folder that keeps writers and `kg serve` apart.
SERVE_LOCK = "serve.lock"


def lock_store(path: Path, *, exclusive: bool) -> IO[bytes]:
    """Take the store's serve lock: shared for a server (several may serve one store),
    exclusive for a writer. Returns the open lock file; closing it releases the lock.

    Raises StoreInUseError naming what holds the store when the lock is taken in the
    other mode. The lock is flock's: it ends with its holder's process, however that ends.
    """
    import fcntl

    lock = path / SERVE_LOCK
    handle: IO[bytes]
    try:
        handle = lock.open("ab")
    except OSError as error:
        if not lock.is_file():
            raise StoreError(f"cannot create {lock}: {error}") from error
        # read-only media: flock works on a file opened for reading
        handle = lock.open("rb")
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    try:
        fcntl.flock(handle, mode | fcntl.LOCK_NB)
        return handle
    except BlockingIOError:
        # a writer holds it exclusively, unless a shared probe succeeds: then servers do
        served = exclusive and _free(fcntl.flock, handle, fcntl.LOCK_SH)
        handle.close()
    if not exclusive:
        raise StoreInUseError(
            f"the store at {path} is being written by another kg process; serve it when that ends"
        )
    if served:
        raise StoreInUseError(
            f"the store at {path} is being served by kg serve; stop the server, then write to it"
        )
    raise StoreInUseError(
        f"the store at {path} is being written by another kg process; wait for it to "
        "finish (reads, too, wait until the writing ends), or build into another --store"
    )


def _free(lock: Callable[[IO[Any], int], Any], handle: IO[Any], mode: int) -> bool:
    """Whether ``lock`` (fcntl.flock or fcntl.lockf) could take ``mode`` on ``handle``
    now; it is taken and released to find out."""
    import fcntl

    try:
        lock(handle, mode | fcntl.LOCK_NB)
    except OSError:
        return False
    lock(handle, fcntl.LOCK_UN)
    return True


def writer_active(path: Path) -> bool:
    """Whether a process holds the store's database lock (RocksDB's LOCK file)."""
    import fcntl

    if path.resolve() in _WRITING:
        # never probe our own lock: closing any descriptor of the file would release it
        return True
    lock = path / "LOCK"
    if not lock.is_file():
        return False
    with lock.open("a") as handle:
        return not _free(fcntl.lockf, handle, fcntl.LOCK_EX)


def _damaged(path: Path, error: RuntimeError) -> StoreError:
    """The error for a store whose files are corrupt (pyoxigraph raises RuntimeError)."""
    reason = " ".join(str(error).split())
    return StoreError(
        f"the store at {path} is damaged and cannot be opened ({reason}); rebuild it into "
        "a new folder with 'kg build'"
    )


def _forget_from_default(graph: str) -> str:
    """SPARQL update removing from the default graph the triples that only ``graph`` holds."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {graph}) }} }};\n"
    )


def nquads(graph: str, lines: Sequence[str]) -> str:
    """N-Quads of N-Triples statement ``lines``: each in the named ``graph``, then each
    once more in the default graph (kg's union of all documents; loaders deduplicate)."""
    if not lines:
        return ""
    named = f" <{graph}> .\n"
    return "".join(line.removesuffix(".").rstrip() + named for line in lines) + (
        "\n".join(lines) + "\n"
    )


def format_for(name_or_path: str | Path) -> str:
    """The kg format name for a format name or a file path's extension."""
    text = str(name_or_path).lower()
    suffix = Path(text).suffix.lstrip(".") if "." in Path(text).name else text
    suffix = ALIASES.get(suffix, suffix)
    if suffix == "json":
        suffix = "jsonld"
    if suffix not in EXPORT_FORMATS:
        known = ", ".join(sorted(EXPORT_FORMATS))
        raise StoreError(f"unknown RDF format '{name_or_path}'; use one of: {known}")
    return suffix


@dataclass
class Stats:
    """What a store holds."""

    documents: int
    quads: int
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    assertions: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "quads": self.quads,
            "entities": self.entities,
            "relations": self.relations,
            "assertions": self.assertions,
        }


class Store:
    """A kg store folder, opened for writing (the default) or read-only.

    >>> import tempfile
    >>> with Store(tempfile.mkdtemp() + "/s") as store:
    ...     store.stats().documents
    0
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else DEFAULT_STORE
        self.read_only = read_only
        self._lock: IO[bytes] | None = None
        self._ox = self._open()
        self._dataset: Dataset | None = None
        self._unflushed = 0

    def _open(self) -> ox.Store:
        path = self.path
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store folder; pass another --store")
        has_db = (path / "CURRENT").is_file()
        if path.is_dir() and not has_db and any(path.iterdir()):
            raise StoreError(
                f"{path} is not a kg store (no Oxigraph database in it); "
                "pass an empty or new folder to --store"
            )
        if self.read_only:
            if not has_db:
                raise StoreError(
                    f"no store at {path}; build one first with 'kg build PATH --store {path}'"
                )
            if writer_active(path):
                raise StoreInUseError(
                    f"the store at {path} is being written by another kg process; "
                    "wait for it to finish and try again"
                )
            try:
                return ox.Store.read_only(str(path))
            except OSError as error:
                raise StoreError(f"cannot open the store at {path} read-only: {error}") from error
            except RuntimeError as error:
                raise _damaged(path, error) from error
        if path.is_dir():
            # before opening: a store being served is left as it is
            self._lock = lock_store(path, exclusive=True)
        try:
            opened = ox.Store(str(path))
        except OSError as error:
            self._release()
            if "lock" in str(error).lower():
                raise StoreInUseError(
                    f"the store at {path} is being written by another kg process; wait for "
                    "it to finish (reads, too, wait until the writing ends), or build into "
                    "another --store"
                ) from error
            raise StoreError(f"cannot open the store at {path}: {error}") from error
        except RuntimeError as error:
            self._release()
            raise _damaged(path, error) from error
        if self._lock is None:
            # a new store: its folder, where the lock lives, exists only now
            self._lock = lock_store(path, exclusive=True)
        _WRITING.add(path.resolve())
        return opened

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    # --- access ---------------------------------------------------------------------

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for bulk operations."""
        return self._ox

    @property
    def dataset(self) -> Dataset:
        """An rdflib Dataset over the store; its default graph is the union of all graphs."""
        if self._dataset is None:
            from oxrdflib import OxigraphStore

            dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=False)
            for prefix, namespace in PREFIXES.items():
                dataset.bind(prefix, namespace, override=True)
            self._dataset = dataset
        return self._dataset

    def close(self) -> None:
        if not self.read_only:
            self._ox.flush()
            _WRITING.discard(self.path.resolve())
        self._dataset = None
        del self._ox
        self._release()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")

    def replace_graphs(self, graphs: Iterable[tuple[URIRef, Iterable[Triple]]]) -> int:
        """Replace each named graph with the given triples, all in one transaction.

        Returns the number of triples written.
        """
        return self.replace_lines(
            (
                graph,
                [
                    f"{ntriples_term(s)} {ntriples_term(p)} {ntriples_term(o)} ."
                    for s, p, o in triples
                ],
            )
            for graph, triples in graphs
        )

    def replace_lines(self, graphs: Iterable[tuple[URIRef, Sequence[str]]]) -> int:
        """Like `replace_graphs`, with each graph given as N-Triples statement lines."""
        self._writable()
        parts: list[str] = []
        count = 0
        written: set[str] = set()
        for graph, lines in graphs:
            g = f"<{graph}>"
            count += len(lines)
            body = "\n".join(lines)
            # a graph new to the store has nothing to clear, and clearing it anyway
            # costs about half as much again as writing it
            if str(graph) in written or self.has_graph(graph):
                parts.append(_forget_from_default(g))
                parts.append(f"DROP SILENT GRAPH {g};\n")
            written.add(str(graph))
            parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }};\n")
            parts.append(f"INSERT DATA {{\n{body}\n}};\n")
        if parts:
            self._ox.update("".join(parts).rstrip().rstrip(";"))
        self._written(2 * count)
        return count

    def _written(self, quads: int) -> None:
        """Flush Oxigraph's in-memory write buffers every `FLUSH_EVERY` quads: left
        alone they grow with everything written (about 1 KB a quad), so a long build's
        memory would grow with the corpus; flushed, it stays flat."""
        self._unflushed += quads
        if self._unflushed >= FLUSH_EVERY:
            self._ox.flush()
            self._unflushed = 0

    def add_lines(self, graph: URIRef, lines: Sequence[str]) -> None:
        """Add N-Triples statement lines to a named graph and to the default graph,
        in one transaction (Oxigraph's parser: far faster than SPARQL INSERT DATA)."""
        self._writable()
        if lines:
            self._ox.load(nquads(graph, lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)

    def rebuild_default_graph(self) -> None:
        """Recompute the default graph as the union of the named graphs (after bulk loads)."""
        self._writable()
        self._ox.update("DROP SILENT DEFAULT; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        return self.replace_graphs([(graph, triples)])

    def remove_graph(self, graph: URIRef) -> None:
        """Drop a named graph and the triples only it held from the default graph."""
        self._writable()
        self._ox.update(_forget_from_default(f"<{graph}>") + f"DROP SILENT GRAPH <{graph}>")

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction."""
        self._writable()
        self._ox.update(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()})

    def bulk_load(self, source: str | Path | IO[bytes], *, format: str = "nq") -> None:
        """Load a large RDF file fast (not transactional: for fresh stores and shards)."""
        self._writable()
        rdf_format = EXPORT_FORMATS[format_for(format)]
        if isinstance(source, str | Path):
            self._ox.bulk_load(path=str(source), format=rdf_format)
        else:
            self._ox.bulk_load(source, format=rdf_format)
        self.rebuild_default_graph()

    def load_shards(self, shards: Iterable[Path], graphs: Iterable[str]) -> None:
        """Bulk-load N-Quads shards holding the named ``graphs`` and their triples in
        the default graph (as `kg.scale.write_shard` writes them), replacing any earlier
        version of those graphs. Fast, but not one transaction: for large builds
        (`kg build --executor dask`)."""
        self._writable()
        for graph in graphs:
            if self.has_graph(URIRef(graph)):
                self._ox.update(_forget_from_default(f"<{graph}>") + f"DROP GRAPH <{graph}>")
        for shard in shards:
            try:
                self._ox.bulk_load(path=str(shard), format=ox.RdfFormat.N_QUADS)
            except (SyntaxError, OSError) as error:
                raise StoreError(f"{shard}: cannot be loaded ({error})") from error
        self._ox.flush()

    def load(
        self, source: str | Path, *, format: str | None = None, graph: URIRef | None = None
    ) -> None:
        """Load an RDF file in one transaction; triples go into ``graph`` (default:
        ``kgr:import/<file name>``) unless the format has named graphs."""
        self._writable()
        name = format_for(format or source)
        rdf_format = EXPORT_FORMATS[name]
        target = None
        if name not in DATASET_FORMATS:
            target = ox.NamedNode(str(graph or KGR[f"import/{Path(source).name}"]))
        try:
            self._ox.load(path=str(source), format=rdf_format, to_graph=target)
        except SyntaxError as error:
            raise StoreError(f"{source}: not valid {name.upper()} ({error})") from error
        except OSError as error:
            raise StoreError(f"{source}: cannot be read ({error})") from error
        self.rebuild_default_graph()

    # --- reading ----------------------------------------------------------------------

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Run SPARQL through rdflib; the default graph is the union of all graphs."""
        return self.dataset.query(sparql, initBindings=dict(bindings or {}))

    def select(self, sparql: str, **bindings: Identifier) -> Iterator[dict[str, Any]]:
        """Rows of a SELECT query as dicts of rdflib terms (fast path, straight to Oxigraph)."""
        from oxrdflib._converter import from_ox, to_ox

        solutions = self._ox.query(
            sparql,
            prefixes={k: str(v) for k, v in PREFIXES.items()},
            substitutions={ox.Variable(k): to_ox(v) for k, v in bindings.items()},  # type: ignore[misc]
        )
        if not isinstance(solutions, ox.QuerySolutions):
            raise StoreError("select() takes a SELECT query")
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            yield {
                name: from_ox(value)
                for name, value in zip(names, solution, strict=True)
                if value is not None
            }

    def select_values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """Rows of a SELECT query as tuples of lexical values (IRIs, literal text),
        None where unbound: the fastest way to read many rows."""
        solutions = self._ox.query(sparql, prefixes={k: str(v) for k, v in PREFIXES.items()})
        if not isinstance(solutions, ox.QuerySolutions):
            raise StoreError("select_values() takes a SELECT query")
        return [tuple(None if v is None else v.value for v in row) for row in solutions]

    def graphs(self) -> list[URIRef]:
        return sorted(
            URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def has_graph(self, graph: URIRef) -> bool:
        return self._ox.contains_named_graph(ox.NamedNode(str(graph)))

    def __len__(self) -> int:
        """Quads in the named graphs (the default graph repeats them)."""
        return next(self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))[
            "n"
        ].toPython()

    def stats(self) -> Stats:
        """Documents, entities by class, relations by type, assertions and quads."""
        documents = next(
            self.select("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }")
        )["n"]
        entities: dict[str, int] = {}
        for row in self.select(
            "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type . "
            "FILTER(STRSTARTS(STR(?type), STR(kg:))) } GROUP BY ?type ORDER BY ?type"
        ):
            name = str(row["type"]).rsplit("#", 1)[-1]
            if name not in {"Document", "Analysis"}:
                entities[name] = int(row["n"])
        relations: dict[str, int] = {}
        for name in (*RELATION_PREDICATES, "holds", "memberOf"):
            namespace = ORG_NS if name in {"holds", "memberOf"} else str(KG)
            row = next(
                self.select(
                    f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE "
                    f"{{ ?s <{namespace}{name}> ?o }} }}"
                )
            )
            if int(row["n"]):
                relations[name] = int(row["n"])
        assertions = next(
            self.select("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a rdf:Statement }")
        )["n"]
        return Stats(int(documents), len(self), entities, relations, int(assertions))

    # --- export -----------------------------------------------------------------------

    def export(self, target: str | Path | IO[bytes], *, format: str | None = None) -> None:
        """Write the store as RDF; graph formats (ttl, nt, jsonld, rdf) get the union of
        all graphs, dataset formats (trig, nq) keep the named graphs."""
        name = format_for(format or (target if isinstance(target, str | Path) else "trig"))
        rdf_format = EXPORT_FORMATS[name]
        prefixes = {k: str(v) for k, v in {**PREFIXES, **NODE_PREFIXES}.items()}
        output = str(target) if isinstance(target, str | Path) else target
        if isinstance(output, str):
            Path(output).parent.mkdir(parents=True, exist_ok=True)
        if name in DATASET_FORMATS:
            # the named graphs only: the default graph is their union
            quads = (
                quad
                for graph in sorted(self._ox.named_graphs(), key=str)
                for quad in self._ox.quads_for_pattern(None, None, None, graph)
            )
            if name == "trig":
                ox.serialize(quads, output, format=rdf_format, prefixes=prefixes)
            else:
                ox.serialize(quads, output, format=rdf_format)
        elif name in {"ttl", "rdf"}:
            self._ox.dump(
                output, format=rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes
            )
        else:
            self._ox.dump(output, format=rdf_format, from_graph=ox.DefaultGraph())
