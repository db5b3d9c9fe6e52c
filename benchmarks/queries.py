"""Named queries on a store of at least a million quads, against rdflib's own engine.

    .venv/bin/python benchmarks/queries.py [--quads 1000000] [--base 300] [--json]

The store is made in kg's own shape: kg builds the examples and the first
``--base`` BBC business/politics articles, then each document's graph is copied
under new document, assertion and event IRIs, with people, organisations and
policies renamed per copy (countries, agencies and topics stay shared, as in
real news), until the named graphs hold ``--quads`` quads. It is bulk-loaded into
Oxigraph and its default graph (the union) into an rdflib in-memory Graph.

Each named query runs with typical parameters: a warm-up, then the median of
five runs on kg's store (through kg.query.run_query, results converted to rdflib
terms as the CLI does), and one run on rdflib's engine (capped at --cap seconds;
rdflib's row count is checked against kg's, and rdflib's own errors on valid
SPARQL are reported as such).
Goal: every named query under 200 ms at 1M quads.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, bbc_texts

PARAMETERS = {
    "who-negotiates-with-whom": {"name": "United States"},
    "negotiations-about": {"topic": "steel"},
    "posts": {"name": "Gordon Brown"},
    "policies-by-target": {"name": "China"},
    "quotes-by": {"name": "Gordon Brown"},
    "most-connected": {},
    "evidence-for": {"from": "United States", "to": "China"},
    "documents-mentioning": {"name": "Japan"},
    "entities": None,  # not a question anyone asks of a million quads: skipped
    "relations": None,
}
PER_COPY = ("doc", "assertion", "statement", "negotiation")
RENAMED = re.compile(
    r"<(https://w3id\.org/newskg/id/(?:doc|assertion|statement|negotiation|position|person|organization|company|policy|place)/[^>]*)>"
)


def base_store(folder: Path, articles: int) -> Path:
    """kg's build of the examples and the first BBC articles."""
    from kg.build import build

    records = bbc_texts(limit=articles)
    corpus = folder / "base.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = folder / "base-store"
    build([ROOT / "examples", corpus], store=store)
    return store


def synthesise(base: Path, target_quads: int, out: Path) -> int:
    """Write N-Quads copies of the base store's document graphs until ``target_quads``."""
    import pyoxigraph as ox

    from kg.store import Store

    with Store(base, read_only=True) as store:
        graphs = [g for g in store.oxigraph.named_graphs() if isinstance(g, ox.NamedNode)]
        blocks = []
        for graph in graphs:
            quads = store.oxigraph.quads_for_pattern(None, None, None, graph)
            blocks.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8"))
    per_copy = sum(block.count("\n") for block in blocks)
    copies = max(1, -(-target_quads // per_copy))
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            # people and firms recur across a tenth of the copies, as in a real corpus
            recurring = copy % max(1, copies // 10)

            def rename(match: re.Match[str], copy: int = copy, recurring: int = recurring) -> str:
                iri = match.group(1)
                per_copy = any(f"/{kind}/" in iri for kind in PER_COPY)
                return f"<{iri}-{copy if per_copy else recurring}>"

            for block in blocks:
                renamed = RENAMED.sub(rename, block)
                handle.write(renamed)
                written += renamed.count("\n")
    return written


def rdflib_worker(path: str, tasks: multiprocessing.Queue, answers: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Parse the union graph once, then answer queries until told to stop."""
    from rdflib import Graph, Literal

    graph = Graph()
    graph.parse(path, format="nt")
    answers.put(("ready", len(graph)))
    while True:
        task = tasks.get()
        if task is None:
            return
        name, query, bindings = task
        started = time.perf_counter()
        try:
            rows = list(
                graph.query(query, initBindings={k: Literal(v) for k, v in bindings.items()})
            )
        except Exception as error:  # rdflib's engine fails on some valid SPARQL
            answers.put((name, None, f"{type(error).__name__}: {error}"))
            continue
        answers.put((name, time.perf_counter() - started, len(rows)))


class RdflibRunner:
    """A worker process holding rdflib's in-memory graph; restarted after a timeout."""

    def __init__(self, path: Path, cap: float) -> None:
        self.path, self.cap = path, cap
        self.process: multiprocessing.Process | None = None

    def start(self) -> None:
        self.tasks: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
        self.answers: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
        self.process = multiprocessing.Process(
            target=rdflib_worker, args=(str(self.path), self.tasks, self.answers)
        )
        self.process.start()
        self.answers.get()  # parsed

    def run(self, name: str, query: str, bindings: dict[str, str]) -> tuple[float | None, str]:
        """Seconds and rows (or why there are none: 'timeout', rdflib's error)."""
        if self.process is None or not self.process.is_alive():
            self.start()
        self.tasks.put((name, query, bindings))
        try:
            _, seconds, rows = self.answers.get(timeout=self.cap)
        except Exception:  # the cap passed: stop this worker, start afresh for the next query
            assert self.process is not None
            self.process.kill()
            self.process.join()
            self.process = None
            return None, "timeout"
        return (None if seconds is None else float(seconds)), str(rows)

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.tasks.put(None)
            self.process.join(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument(
        "--base", type=int, default=300, help="BBC articles built for the base store"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--cap", type=float, default=120.0, help="seconds allowed to rdflib per query"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from kg.query import named_queries, run_query
    from kg.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        base = base_store(folder, args.base)
        built = time.perf_counter() - started
        nquads = folder / "big.nq"
        written = synthesise(base, args.quads, nquads)
        store_path = folder / "big-store"
        started = time.perf_counter()
        with Store(store_path) as store:
            store.bulk_load(nquads, format="nq")
            quads = len(store)
        loaded = time.perf_counter() - started
        print(
            f"base store from {args.base} BBC articles + examples in {built:.0f} s; "
            f"{quads:,} quads in named graphs (+ the union as default graph), "
            f"bulk-loaded in {loaded:.0f} s"
        )

        default = folder / "default.nt"
        with Store(store_path, read_only=True) as store:
            import pyoxigraph as ox

            store.oxigraph.dump(
                str(default), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()
            )

        results = {}
        queries = named_queries()
        with Store(store_path, read_only=True) as store:
            for name, params in PARAMETERS.items():
                if params is None:
                    continue
                run_query(store, name, params)  # warm-up
                times = []
                for _ in range(args.runs):
                    begun = time.perf_counter()
                    rows = len(run_query(store, name, params))
                    times.append(time.perf_counter() - begun)
                results[name] = {
                    "kg_median_ms": round(statistics.median(times) * 1000, 1),
                    "rows": rows,
                }

        print(f"{'query':28} {'rows':>6} {'kg median':>10} {'rdflib':>10} {'rdflib/kg':>10}")
        runner = RdflibRunner(default, args.cap)
        for name, result in results.items():
            rdflib_s, rdflib_rows = runner.run(name, queries[name].text, PARAMETERS[name] or {})
            result["rdflib_s"] = None if rdflib_s is None else round(rdflib_s, 3)
            ratio = None if rdflib_s is None else rdflib_s * 1000 / max(result["kg_median_ms"], 0.1)
            result["ratio"] = None if ratio is None else round(ratio, 1)
            if rdflib_s is None:
                shown = "timeout" if rdflib_rows == "timeout" else "error"
                result["rdflib_error"] = rdflib_rows
            else:
                shown = f"{rdflib_s * 1000:.0f} ms"
            note = ""
            if rdflib_s is not None and rdflib_rows != str(result["rows"]):
                note = f"  (rdflib returned {rdflib_rows} rows)"
            elif rdflib_s is None and rdflib_rows != "timeout":
                note = f"  ({rdflib_rows[:70]})"
            print(
                f"{name:28} {result['rows']:>6} {result['kg_median_ms']:>8.1f} ms {shown:>10} "
                f"{'' if ratio is None else f'{ratio:.0f}x':>10}{note}",
                flush=True,
            )
        runner.stop()
        slowest = max(r["kg_median_ms"] for r in results.values())
        print(f"slowest named query: {slowest:.0f} ms (goal < 200 ms)")
        if args.json:
            print(json.dumps({"quads": quads, "written": written, "queries": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
