"""``kg.build``: articles in, a knowledge graph in the store out.

    ingest -> nlp -> extract -> resolve -> rdf -> merge -> store

Documents stream through the pipeline in batches; memory stays bounded whatever
the corpus size. With ``workers > 1`` the parse, extraction, resolution and RDF
mapping run in worker processes (each loads the model once). The store is written
on a second thread of the main process, a batch at a time, while the next batch
is parsed. Each document's graph is a function of the document
alone; the main process then consolidates it with the corpus (`kg.merge`) and
writes each batch, with whatever earlier graphs the consolidation rewrites, in
one transaction. So the store holds the same quads whatever the order, batching
or number of runs the same documents came in, and is consistent after every
committed batch. The same goes for republished stories (`kg.duplicates`): each
batch's documents are matched against every document stored before them, and the
batch's transaction rewrites the links.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from kg._callable import make_callable
from kg.duplicates import (
    DEFAULT_THRESHOLD,
    STORIES_GRAPH,
    Stories,
    relink_stories,
    signature_line,
    stories_in_store,
    story_signature,
)
from kg.errors import IngestError, KgError
from kg.extract import Extraction, Extractor
from kg.ingest import DEFAULT_MAX_CHARS, Document, read_documents
from kg.merge import (
    MERGES_GRAPH,
    Consolidation,
    MergeReport,
    Occurrence,
    Resolutions,
    occurrences_in_store,
    read_resolutions,
)
from kg.nlp import load_pipeline
from kg.ontology import ontology_path
from kg.rdf import document_iri, document_lines, entity_iri, text_digest
from kg.resolve import ACTORS, Resolved, resolve
from kg.store import ANALYSIS_GRAPH, Store

__all__ = ["BuildReport", "DocumentGraph", "build", "consolidate", "document_graph", "graphs_for"]

log = logging.getLogger(__name__)

#: Documents a worker parses per task, and written per store transaction.
CHUNK = 16


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """One document's named graph as N-Triples lines, ready for the store."""

    document: Document
    graph: str
    lines: tuple[str, ...]
    entities: int
    relations: int
    unparsed: int
    #: The actors of the graph, for the cross-document consolidation.
    occurrences: tuple[Occurrence, ...] = ()
    #: The MinHash of the text (`kg.duplicates`), None for a short text.
    signature: str | None = None

    @property
    def words(self) -> int:
        return len(self.document.text.split())


@dataclass
class BuildReport:
    """What a build did."""

    store: Path
    documents: int = 0
    words: int = 0
    triples: int = 0
    entities: int = 0
    relations: int = 0
    unparsed: int = 0
    rejected: list[IngestError] = field(default_factory=list)
    #: Documents stored before whose id came again with another text, and were replaced.
    replaced: list[Document] = field(default_factory=list)
    #: Documents of this build that carry a story another stored document carries too.
    republished: int = 0
    merged: MergeReport | None = None
    #: Lines of the resolutions file that were left aside, as messages naming the line.
    resolution_problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    out: Path | None = None

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def document_graph(extraction: Extraction) -> DocumentGraph:
    """Resolve one extraction and map it to its graph's N-Triples lines."""
    resolved = resolve(extraction)
    lines = tuple(document_lines(resolved))
    graph = str(document_iri(extraction.document))
    signature = story_signature(extraction.document.text)
    if signature is not None:
        lines += (signature_line(graph, signature),)
    return DocumentGraph(
        document=extraction.document,
        graph=graph,
        lines=lines,
        entities=len(resolved.entities),
        relations=len(extraction.relations) + len(extraction.posts) + len(extraction.statements),
        unparsed=len(extraction.unparsed),
        occurrences=_occurrences(resolved, graph),
        signature=signature,
    )


def _occurrences(resolved: Resolved, graph: str) -> tuple[Occurrence, ...]:
    return tuple(
        Occurrence(
            graph,
            str(entity_iri(entity)),
            entity.cls,
            entity.label,
            entity.label if entity.minted else None,
            frozenset(entity.alt_labels),
            entity.name.title or None if entity.name is not None else None,
        )
        for entity in resolved.entities
        if entity.cls in ACTORS
    )


#: Hears of a document and how many of its characters are parsed so far.
Parsed = Callable[[Document, int], None]


def graphs_for(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    batch_size: int = 32,
    on_parsed: Parsed | None = None,
) -> Iterator[DocumentGraph]:
    """The graphs of a stream of documents, computed in this process; ``on_parsed``
    hears of the characters of each document parsed so far (see `build`)."""
    extractor = Extractor(load_pipeline(model))
    for extraction in extractor.extract_all(documents, batch_size=batch_size, on_window=on_parsed):
        yield document_graph(extraction)


# --- worker processes ------------------------------------------------------------------

_worker: tuple[Extractor, int] | None = None


def _init_worker(model: str | None, batch_size: int) -> None:
    global _worker
    _worker = (Extractor(load_pipeline(model)), batch_size)


def _work(documents: list[Document]) -> list[DocumentGraph]:
    assert _worker is not None, "worker not initialised"
    extractor, batch_size = _worker
    return [
        document_graph(extraction)
        for extraction in extractor.extract_all(documents, batch_size=batch_size)
    ]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def parallel_graphs(
    documents: Iterable[Document],
    *,
    workers: int,
    model: str | None = None,
    batch_size: int = 32,
) -> Iterator[DocumentGraph]:
    """The graphs of a stream of documents from ``workers`` processes, in input order.

    At most ``2 * workers`` chunks are in flight, so memory stays bounded.
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(model, batch_size)) as pool:
        pending: deque[Any] = deque()
        for chunk in _chunks(documents, CHUNK):
            pending.append(pool.apply_async(_work, (chunk,)))
            while len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


# --- the build ---------------------------------------------------------------------------

Progress = Callable[[DocumentGraph], None]


def build(
    paths: Iterable[str | Path],
    *,
    store: str | Path | Store | None = None,
    out: str | Path | None = None,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 32,
    on_document: Progress | None = None,
    on_parsed: Parsed | None = None,
    on_reject: Callable[[IngestError], None] | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    shards: str | Path | None = None,
    resolutions: str | Path | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    duplicate_threshold: float = DEFAULT_THRESHOLD,
) -> BuildReport:
    """Build (or extend) the knowledge graph in ``store`` from the articles at ``paths``.

    Re-building a document replaces its graph. Unreadable inputs, and articles whose
    text is longer than ``max_chars`` characters (0: no limit), are reported to
    ``on_reject`` and skipped; the rest of the batch goes on. ``out`` writes the
    whole store as RDF afterwards, in the format its extension names.

    ``on_document`` hears of each document once its graph is stored. ``on_parsed``
    hears, as each document is parsed, the document and how many of its characters
    are parsed so far: in this process a window at a time (`kg.nlp.WINDOW_CHARS`),
    so a long document shows progress long before it is stored; with workers or
    Dask, once a document's graph comes back.

    ``executor="dask"`` runs the extraction on a Dask cluster (``scheduler``'s
    address, else a local cluster of ``workers`` processes) and bulk-loads its
    N-Quads shards (kept in ``shards`` when given); see `kg.scale`.

    ``resolutions`` is a file of "same" and "different" pairs that override the merge
    rules (default: ontologies/resolutions.tsv when it exists); lines that cannot be
    used are listed in the report's ``resolution_problems`` and the build goes on.

    Documents whose texts' shingles reach a Jaccard similarity of
    ``duplicate_threshold`` (0: none) are linked as one story, with the documents
    already stored too (`kg.duplicates`).
    """
    if executor not in {"local", "dask"}:
        raise KgError(f"unknown executor '{executor}'; use local or dask")
    if max_chars < 0:
        raise KgError(f"max_chars must be 0 (no limit) or more, not {max_chars}")
    if not 0 <= duplicate_threshold <= 1:
        raise KgError(
            f"duplicate threshold must be between 0 (no linking) and 1, not {duplicate_threshold}"
        )
    started = time.perf_counter()
    own_store = not isinstance(store, Store)
    target = store if isinstance(store, Store) else Store(store)
    report = BuildReport(store=target.path)

    def reject(error: IngestError) -> None:
        report.rejected.append(error)
        if on_reject is not None:
            on_reject(error)

    pairs = load_resolutions(resolutions)
    try:
        load_pipeline(model)  # fail early, before reading anything, if the model is missing
        documents = read_documents(paths, on_reject=reject, max_chars=max_chars)
        if executor == "dask":
            _build_on_dask(
                target, documents, report, on_document, on_parsed,
                model=model, batch_size=batch_size, workers=workers, scheduler=scheduler,
                shards=Path(shards) if shards is not None else None, resolutions=pairs,
                threshold=duplicate_threshold,
            )  # fmt: skip
            graphs: Iterable[DocumentGraph] = ()
        elif workers > 1:
            graphs = parallel_graphs(documents, workers=workers, model=model, batch_size=batch_size)
            if on_parsed is not None:
                graphs = _parsed_whole(graphs, on_parsed)
        else:
            graphs = graphs_for(documents, model=model, batch_size=batch_size, on_parsed=on_parsed)
        if executor == "local":
            writer = _Writer(target, report, pairs, stories_in_store(target, duplicate_threshold))
            try:
                _write_all(graphs, writer, report, on_document)
            finally:
                # once, at the end: counted after every batch it cost a pass over
                # every document built so far, a square of the corpus in all
                report.republished = writer.republished()
        if report.documents and target.has_graph(ANALYSIS_GRAPH):
            # stored centrality described the graph before these documents
            from kg.analyze import clear_scores

            clear_scores(target)
        if out is not None:
            report.out = Path(out)
            target.export(report.out)
    finally:
        if own_store:
            target.close()
    report.resolution_problems = pairs.problems()
    for problem in report.resolution_problems:
        log.warning("%s", problem)
    report.seconds = time.perf_counter() - started
    if report.unparsed:
        log.info("%d trigger words had no arguments kg could fill; no edge made", report.unparsed)
    return report


def _parsed_whole(graphs: Iterable[DocumentGraph], on_parsed: Parsed) -> Iterator[DocumentGraph]:
    """Report each graph's document as parsed whole, as it comes back from elsewhere."""
    for graph in graphs:
        on_parsed(graph.document, len(graph.document.text))
        yield graph


def _write_all(
    graphs: Iterable[DocumentGraph],
    writer: _Writer,
    report: BuildReport,
    on_document: Progress | None,
) -> None:
    """Write ``graphs`` a batch at a time on a second thread, while this thread goes
    on parsing the next batch (the store's work releases the interpreter lock, so
    the two overlap). ``on_document`` hears of each document once its batch is
    committed. If the writer fails, its error is raised here and parsing stops; if
    parsing stops (an error, Ctrl-C), the transaction under way completes and
    batches not yet begun are dropped, so the store always holds whole batches.
    """
    background = _Background(writer)
    completed = False
    try:
        batch: list[DocumentGraph] = []
        for graph in graphs:
            batch.append(graph)
            _count(report, graph)
            if len(batch) >= CHUNK:
                background.put(batch)
                batch = []
            _announce(background.written(), on_document)
        if batch:
            background.put(batch)
        completed = True
    finally:
        background.close(drop_pending=not completed)
    _announce(background.written(), on_document)
    background.raise_error()


def _announce(batches: list[list[DocumentGraph]], on_document: Progress | None) -> None:
    if on_document is not None:
        for batch in batches:
            for graph in batch:
                on_document(graph)


class _Background:
    """A writer thread fed through a queue of one batch, so that at most one batch
    waits while another is written (memory stays bounded)."""

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer
        self.todo: queue.Queue[list[DocumentGraph] | None] = queue.Queue(maxsize=1)
        self.done: queue.Queue[list[DocumentGraph]] = queue.Queue()
        self.error: BaseException | None = None
        self.drop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (batch := self.todo.get()) is not None:
            if self.error is not None or self.drop.is_set():
                continue  # drain what is queued, write nothing more
            try:
                self.writer.write(batch)
            except BaseException as error:  # handed to the main thread
                self.error = error
            else:
                self.done.put(batch)

    def put(self, batch: list[DocumentGraph]) -> None:
        """Queue ``batch``; waits while the writer still holds a queued batch."""
        self.raise_error()
        self.todo.put(batch)

    def written(self) -> list[list[DocumentGraph]]:
        """The batches committed since the last call."""
        batches = []
        while True:
            try:
                batches.append(self.done.get_nowait())
            except queue.Empty:
                return batches

    def raise_error(self) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error

    def close(self, *, drop_pending: bool) -> None:
        """Stop the thread once the transaction under way completes."""
        if drop_pending:
            self.drop.set()
        self.todo.put(None)
        self.thread.join()


def _count(report: BuildReport, graph: DocumentGraph) -> None:
    report.documents += 1
    report.words += graph.words
    report.entities += graph.entities
    report.relations += graph.relations
    report.unparsed += graph.unparsed


def _build_on_dask(
    target: Store,
    documents: Iterable[Document],
    report: BuildReport,
    on_document: Progress | None,
    on_parsed: Parsed | None,
    *,
    model: str | None,
    batch_size: int,
    workers: int,
    scheduler: str | None,
    shards: Path | None,
    resolutions: Resolutions,
    threshold: float,
) -> None:
    """The map on Dask, shards written as partitions come back, then one bulk load."""
    import shutil

    from kg.scale import dask_graphs, shard_folder, write_shard

    folder = shard_folder(target.path, shards)
    files: list[Path] = []
    names: list[str] = []
    try:
        partitions = dask_graphs(
            documents,
            model=model,
            batch_size=max(1, batch_size),
            workers=max(1, workers),
            scheduler=scheduler,
        )
        for number, part in enumerate(partitions):
            path = folder / f"part-{number:05d}.nq"
            report.triples += write_shard(part, path)
            files.append(path)
            for graph in part:
                names.append(graph.graph)
                _count(report, graph)
                if on_parsed is not None:
                    on_parsed(graph.document, len(graph.document.text))
                if on_document is not None:
                    on_document(graph)
        if files:
            target.load_shards(files, names)
            report.merged = consolidate(target, resolutions)
            stories = relink_stories(target, threshold)
            report.republished = sum(1 for name in set(names) if stories.linked(name))
    finally:
        if shards is None:
            shutil.rmtree(folder, ignore_errors=True)


class _Writer:
    """Writes batches of document graphs, each consolidated with the corpus in the
    store, in one transaction a batch."""

    def __init__(
        self, store: Store, report: BuildReport, resolutions: Resolutions, stories: Stories
    ) -> None:
        self.store = store
        self.report = report
        self.consolidation = Consolidation(occurrences_in_store(store.oxigraph), resolutions)
        report.merged = MergeReport()
        self.merge_lines: list[str] | None = None
        self.stories = stories
        #: The stories graph as last written; None: the store's may be stale (another
        #: threshold), so the first batch writes it.
        self.story_lines: list[str] | None = None
        #: This build's documents, to count those that republish a story.
        self.built: set[str] = set()

    def write(self, batch: list[DocumentGraph]) -> None:
        import pyoxigraph as ox
        from rdflib import URIRef

        self._note_replaced(batch)
        merged = self.report.merged
        assert merged is not None
        names = {graph.graph for graph in batch}
        stale = set(
            self.consolidation.stale(
                self.consolidation.update(
                    (o for graph in batch for o in graph.occurrences), replaced=names
                )
            )
        )
        graphs: list[tuple[URIRef, Sequence[str]]] = []
        for graph in batch:
            lines: Sequence[str] = graph.lines
            if graph.graph in stale:
                triples = ox.parse("\n".join(lines), format=ox.RdfFormat.N_TRIPLES)
                lines, _ = self.consolidation.rewrite(graph.graph, triples, merged)
            graphs.append((URIRef(graph.graph), lines))
        for name in sorted(stale - names):
            quads = self.store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(name))
            lines, _ = self.consolidation.rewrite(name, quads, merged)
            graphs.append((URIRef(name), lines))
        records = self.consolidation.merge_lines()
        if records != self.merge_lines:
            graphs.append((URIRef(MERGES_GRAPH), records))
            self.merge_lines = records
        for graph in batch:
            published = graph.document.published
            self.stories.add(
                graph.graph,
                graph.document.id,
                published.isoformat() if published else "",
                graph.signature,
            )
            self.built.add(graph.graph)
        links = self.stories.lines()
        if links != self.story_lines:
            graphs.append((URIRef(STORIES_GRAPH), links))
            self.story_lines = links
        try:
            self.report.triples += sum(len(graph.lines) for graph in batch)
            self.store.replace_lines(graphs)
        except (OSError, SyntaxError, ValueError) as error:
            names_ = ", ".join(graph.document.source or graph.document.id for graph in batch[:3])
            raise KgError(f"writing {names_} to the store failed: {error}") from error

    def republished(self) -> int:
        """How many documents of this build carry a story another document carries."""
        return sum(1 for name in self.built if self.stories.linked(name))

    def _note_replaced(self, batch: list[DocumentGraph]) -> None:
        """Documents whose id is stored with another text: they are replaced; say so."""
        values = " ".join(f"<{graph.graph}>" for graph in batch)
        rows = self.store.select_values(
            f"SELECT ?g ?digest WHERE {{ VALUES ?g {{ {values} }} "
            f"GRAPH ?g {{ ?g kg:textDigest ?digest }} }}"
        )
        stored = {row[0]: row[1] for row in rows}
        for graph in batch:
            digest = stored.get(graph.graph)
            if digest is not None and digest != text_digest(graph.document.text):
                self.report.replaced.append(graph.document)
                log.warning(
                    "document %r was stored with another text; replaced by %s",
                    graph.document.id,
                    graph.document.source or "the new text",
                )


def load_resolutions(path: str | Path | None) -> Resolutions:
    """The resolutions file given, else ontologies/resolutions.tsv when it exists."""
    if path is None:
        default = ontology_path("resolutions.tsv")
        return read_resolutions(default) if default.is_file() else Resolutions()
    return read_resolutions(path)


def consolidate(store: Store, resolutions: Resolutions | None = None) -> MergeReport:
    """Bring every graph of the store in line with the corpus-wide consolidation
    (after graphs were loaded without it, as the Dask executor does)."""
    import pyoxigraph as ox
    from rdflib import URIRef

    consolidation = Consolidation(occurrences_in_store(store.oxigraph), resolutions)
    report = MergeReport()
    stale = consolidation.stale(str(graph) for graph in store.graphs())
    for start in range(0, len(stale), CHUNK):
        graphs: list[tuple[URIRef, Sequence[str]]] = []
        for name in stale[start : start + CHUNK]:
            quads = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(name))
            lines, _ = consolidation.rewrite(name, quads, report)
            graphs.append((URIRef(name), lines))
        store.replace_lines(graphs)
    store.replace_lines([(URIRef(MERGES_GRAPH), consolidation.merge_lines())])
    return report


make_callable(__name__, "build")
