"""Scale-out: the same extraction as a map over partitions on a Dask cluster.

    documents --(a task per partition, one model per worker)--> N-Quads shards --> bulk load

The client reads the documents and submits them to the cluster in partitions. Each
worker process loads the spaCy model once, and turns each document into its named
graph exactly as a local build does (`kg.build.document_graph`, a function of the
document alone). The client writes each partition as an N-Quads shard (the graphs,
and their triples in the default graph), drops the graphs of documents built
before, bulk-loads the shards, and then runs the cross-document consolidation
(`kg.merge`), so the store ends up holding the same quads as a local build of the
same input.

Install with ``pip install 'kg[scale]'``; `kg build --executor dask` uses a local
cluster of ``--workers`` processes unless ``--scheduler ADDRESS`` names a running
one (``dask scheduler`` and ``dask worker ADDRESS`` on the machines, each with kg
and the model installed).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.build import DocumentGraph, document_graph
from kg.errors import KgError
from kg.ingest import Document
from kg.store import nquads

__all__ = ["dask_graphs", "shard_folder", "write_shard"]

#: Documents per partition: large enough to keep nlp.pipe batches full, small
#: enough to spread a modest corpus over every worker.
PARTITION = 64

_extractors: dict[str | None, Any] = {}


def _extractor(model: str | None) -> Any:
    """The worker process's extractor for ``model``, loaded on first use."""
    if model not in _extractors:
        from kg.extract import Extractor
        from kg.nlp import load_pipeline

        _extractors[model] = Extractor(load_pipeline(model))
    return _extractors[model]


def _partition(
    documents: list[Document], model: str | None, batch_size: int
) -> list[DocumentGraph]:
    extractor = _extractor(model)
    return [
        document_graph(extraction)
        for extraction in extractor.extract_all(documents, batch_size=batch_size)
    ]


def _client(scheduler: str | None, workers: int) -> Any:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise KgError(
            "the dask executor needs dask[distributed]: pip install 'kg[scale]'"
        ) from error
    if scheduler:
        try:
            return Client(scheduler, timeout="20s")
        except OSError as error:
            raise KgError(f"no Dask scheduler answers at {scheduler} ({error})") from error
    import logging

    logging.getLogger("distributed").setLevel(logging.WARNING)
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.WARNING,
    )
    return Client(cluster)


def dask_graphs(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    batch_size: int = 32,
    workers: int = 2,
    scheduler: str | None = None,
    partition: int = PARTITION,
) -> Iterator[list[DocumentGraph]]:
    """Each partition's graphs, computed on a Dask cluster, in input order.

    Partitions are submitted as the documents are read, at most two per worker in
    flight, so neither the client nor the cluster holds the whole corpus."""
    from collections import deque
    from itertools import islice

    client = _client(scheduler, workers)
    try:
        slots = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending: deque[Any] = deque()
        iterator = iter(documents)
        while chunk := list(islice(iterator, partition)):
            pending.append(client.submit(_partition, chunk, model, batch_size, pure=False))
            while len(pending) >= slots:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None and not scheduler:
            cluster.close()


def write_shard(graphs: list[DocumentGraph], path: Path) -> int:
    """Write the graphs as one N-Quads file: each document's quads, and each triple
    once more in the default graph (the union kg queries), which the bulk loader
    deduplicates, so loading needs no second pass. Returns the document quads."""
    with path.open("w", encoding="utf-8") as out:
        for graph in graphs:
            out.write(nquads(graph.graph, graph.lines))
    return sum(len(graph.lines) for graph in graphs)


def shard_folder(store_path: Path, keep: Path | None) -> Path:
    """Where shards go: ``keep`` when given, else a temporary folder beside the store."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        return keep
    store_path.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="kg-shards-", dir=store_path.parent))
