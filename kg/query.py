"""SPARQL over the store: named queries from ontologies/queries, inline text or files.

Named queries are ``.rq`` files whose header comment says what question they
answer and which ``?parameters`` they take. Parameter values are passed as
bindings (Oxigraph substitutions), never spliced into the query text. Each named
query is parsed once with rdflib's ``prepareQuery`` so that a broken file is
caught by the tests; it runs on Oxigraph, which is much faster than rdflib's own
engine (oxrdflib does not accept pre-parsed queries).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import logging
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from kg._callable import make_callable
from kg.errors import QueryError
from kg.ontology import ontology_path
from kg.store import Store
from kg.vocab import NODE_PREFIXES, PREFIXES

__all__ = [
    "NamedQuery",
    "QueryResult",
    "RowStream",
    "format_result",
    "format_table",
    "named_queries",
    "run_query",
    "resolve_query",
    "refuse_service",
    "service_clause",
    "service_refused",
    "stream_query",
    "write_rows",
]

FORMATS = ("table", "csv", "json", "ttl")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped in ontologies/queries."""

    name: str
    path: Path
    text: str
    description: str
    parameters: tuple[str, ...]


@functools.cache
def named_queries() -> dict[str, NamedQuery]:
    """The named queries by name (the file name without .rq)."""
    queries = {}
    for path in sorted(ontology_path("queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        description_lines = []
        parameters: list[str] = []
        for line in header:
            if line.startswith("Parameters:"):
                parameters += re.findall(r"\?(\w+)", line)
            elif not parameters:
                description_lines.append(line)
        queries[path.stem] = NamedQuery(
            path.stem, path, text, " ".join(description_lines), tuple(parameters)
        )
    return queries


@functools.cache
def prepared(text: str) -> object:
    """rdflib's parse of a query (cached), to report syntax errors with their position."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs={k: str(v) for k, v in PREFIXES.items()})


def resolve_query(spec: str) -> tuple[str, NamedQuery | None]:
    """Query text for a named query, a file holding SPARQL, or SPARQL text itself."""
    queries = named_queries()
    if spec in queries:
        return queries[spec].text, queries[spec]
    candidate = Path(spec)
    if len(spec) < 4096 and "\n" not in spec and candidate.suffix in {".rq", ".sparql"}:
        if not candidate.is_file():
            raise QueryError(f"query file {spec} not found")
        return candidate.read_text(encoding="utf-8"), None
    if re.fullmatch(r"[\w-]+", spec):
        names = ", ".join(sorted(queries))
        raise QueryError(f"no named query '{spec}'. Named queries: {names}")
    return spec, None


@dataclass
class QueryResult:
    """Rows of a SELECT, triples of a CONSTRUCT or DESCRIBE, or the answer of an ASK."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    graph: Graph | None = None
    boolean: bool | None = None
    hidden: tuple[str, ...] = ()
    #: the query's own LIMIT when the result filled it (more rows may exist)
    limited: int | None = None

    @property
    def shown(self) -> list[str]:
        """The variables to display: parameters echoed back by named queries are hidden."""
        return [v for v in self.variables if v not in self.hidden]

    def records(self) -> list[dict[str, Node | None]]:
        shown = self.shown
        return [
            {name: value for name, value in zip(self.variables, row, strict=True) if name in shown}
            for row in self.rows
        ]

    def table(self) -> str:
        """The result as the aligned text table `kg query` prints."""
        return format_result(self, "table")

    def __len__(self) -> int:
        if self.kind == "SELECT":
            return len(self.rows)
        if self.graph is not None:
            return len(self.graph)
        return 1


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@functools.lru_cache(maxsize=256)
def _datatype(iri: str) -> URIRef:
    return URIRef(iri)


def _to_rdflib(term: Any) -> Node | None:
    """A pyoxigraph term as an rdflib term (direct: oxrdflib's converter is slower)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=_datatype(datatype))
    if isinstance(term, ox.BlankNode):
        from rdflib import BNode

        return BNode(term.value)
    return None  # quoted triples are not used by kg


def _to_ox(value: Identifier) -> Any:
    from oxrdflib._converter import to_ox

    return to_ox(value)


def service_clause(text: str) -> bool:
    """Whether the SPARQL ``text`` may hold a SERVICE clause (a call to another
    endpoint, which Oxigraph makes when it evaluates one). When in doubt, yes.

    >>> service_clause('SELECT * { ?s ?p "Civil Service" }')
    False
    >>> service_clause("select * { service <http://example.org/sparql> { ?s ?p ?o } }")
    True
    """
    if "service" not in text.casefold():
        # Oxigraph reads the keyword only as written (no \u escapes outside strings)
        return False
    if "\\u" in text.casefold():
        # rdflib decodes \u escapes everywhere before parsing, Oxigraph only inside
        # strings, so the two could read different queries from the same text
        return True
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        # Oxigraph ends a comment at a carriage return, rdflib only at a line feed
        tree = parseQuery(text.replace("\r", "\n"))
    except (ParseBaseException, RecursionError):
        # the word is there and rdflib cannot say where: it may be the keyword
        return True
    return _holds(tree, "ServiceGraphPattern")


def _holds(node: object, name: str) -> bool:
    """Whether an rdflib parse tree holds a node called ``name``."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == name or any(_holds(value, name) for value in node.values())
    if isinstance(node, ParseResults | list | tuple):
        return any(_holds(value, name) for value in node)
    return False


def service_refused(allow: str) -> str:
    """Why a query with a SERVICE clause is refused; ``allow`` names what permits it."""
    return (
        "the query calls another endpoint with SERVICE (or kg cannot tell that it does "
        f"not); federated queries are refused unless {allow} is given"
    )


def refuse_service(text: str, *, allow: str) -> None:
    """Raise QueryError when ``text`` may call another endpoint (see `service_clause`)."""
    if service_clause(text):
        raise QueryError(service_refused(allow))


def run_query(
    store: Store,
    spec: str,
    params: Mapping[str, str | Identifier] | None = None,
    *,
    timeout: float | None = None,
    allow_service: bool = False,
) -> QueryResult:
    """Run a named query, a query file or SPARQL text over the store (its default graph
    is the union of all documents' graphs; GRAPH patterns reach each document's).

    ``params`` binds query variables; plain strings become literals, or IRIs when
    they look like ``<...>``. Raises QueryError with the parser's message for
    malformed SPARQL, and for a query with a SERVICE clause unless ``allow_service``.
    """
    result = stream_query(store, spec, params, allow_service=allow_service)
    return result.collect(timeout) if isinstance(result, RowStream) else result


@dataclass
class RowStream:
    """The rows of a SELECT as they come from the store, for output that streams."""

    variables: list[str]
    rows: Iterator[tuple[Node | None, ...]]
    hidden: tuple[str, ...] = ()
    #: the query's own LIMIT, if it has one
    limit: int | None = None

    @property
    def shown(self) -> list[str]:
        return [v for v in self.variables if v not in self.hidden]

    def collect(self, timeout: float | None = None) -> QueryResult:
        """All the rows, as a `QueryResult`; QueryError past ``timeout`` seconds."""
        deadline = time.monotonic() + timeout if timeout else None
        rows = []
        for row in self.rows:
            rows.append(row)
            if deadline is not None and time.monotonic() > deadline:
                raise QueryError(f"query stopped after {timeout:g} s (timeout)")
        limit = self.limit
        limited = limit if limit is not None and len(rows) == limit else None
        return QueryResult("SELECT", self.variables, rows, hidden=self.hidden, limited=limited)


#: What may open a query after its PREFIX and BASE lines, and what opens an update.
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = (
    "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH",
)  # fmt: skip
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*\n?|(?i:PREFIX)\s+[\w.-]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*")
_PREFIXED_NAME = re.compile(r"(?<![\w<\"'?$:/#.-])([A-Za-z][\w.-]*|):(?=[\w%\\]|\s|$)")


def syntax_message(text: str, message: str, known: Mapping[str, str] = {}) -> str:  # noqa: B006
    """One line saying what is wrong with a query Oxigraph cannot parse: an update,
    a first word that is no query form (with its own line and column), a prefix
    nobody declared, or Oxigraph's own first line."""
    start = _PROLOGUE.match(text)
    offset = start.end() if start else 0
    word = re.match(r"[A-Za-z]+", text[offset:])
    first = word.group().upper() if word else ""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    if first in UPDATE_FORMS:
        return (
            f"updates are not allowed: {first} at {line}:{column}; kg query only reads "
            f"({', '.join(QUERY_FORMS)}); kg build and kg import change the store"
        )
    if first not in QUERY_FORMS:
        found = f"'{word.group()}'" if word else "nothing"
        return (
            f"malformed SPARQL: error at {line}:{column}: a query starts with "
            f"{', '.join(QUERY_FORMS[:-1])} or {QUERY_FORMS[-1]} (after PREFIX and BASE), "
            f"not {found}"
        )
    if "Prefix not found" in message:
        declared = set(known) | set(re.findall(r"(?i:PREFIX)\s+([\w.-]*):", text))
        body = re.sub(r"<[^>]*>|\"[^\"]*\"|'[^']*'|#[^\n]*", " ", text)
        unknown = sorted({p for p in _PREFIXED_NAME.findall(body) if p not in declared})
        if unknown:
            return (
                f"malformed SPARQL: unknown prefix {', '.join(f'{p}:' for p in unknown)}; "
                f"declare it with PREFIX or use one of {', '.join(f'{p}:' for p in sorted(known))}"
            )
    return f"malformed SPARQL: {message}".split("\n")[0]


def stream_query(
    store: Store,
    spec: str,
    params: Mapping[str, str | Identifier] | None = None,
    *,
    allow_service: bool = False,
) -> RowStream | QueryResult:
    """Like `run_query`, but a SELECT's rows are an iterator read from the store as
    they are consumed (ASK, CONSTRUCT and DESCRIBE results come whole)."""
    text, named = resolve_query(spec)
    if not allow_service:
        refuse_service(text, allow="allow_service=True")
    bindings = {name: _binding(value) for name, value in (params or {}).items()}
    if named is not None:
        unknown = set(bindings) - set(named.parameters)
        if unknown:
            allowed = ", ".join(named.parameters) or "none"
            raise QueryError(
                f"query '{named.name}' takes no parameter {', '.join(sorted(unknown))}; "
                f"its parameters: {allowed}"
            )
    prefixes = {k: str(v) for k, v in {**PREFIXES, **NODE_PREFIXES}.items()}
    log.debug("running query %s on %s", named.name if named else "(text)", store.path)
    try:
        answer = store.oxigraph.query(
            text,
            prefixes=prefixes,
            substitutions={ox.Variable(k): _to_ox(v) for k, v in bindings.items()},
        )
    except SyntaxError as error:
        raise QueryError(syntax_message(text, str(error), prefixes)) from error
    except (RuntimeError, OSError) as error:
        message = str(error)
        if "projection" in message and named is None:
            message += " (a bound parameter must appear in the SELECT clause)"
        raise QueryError(f"query failed: {message}") from error
    hidden = named.parameters if named is not None else tuple(bindings)
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [variable.value for variable in answer.variables]
        return RowStream(variables, _rows(answer), hidden=hidden, limit=_outer_limit(text))
    graph = Graph()
    for prefix, namespace in {**PREFIXES, **NODE_PREFIXES}.items():
        graph.bind(prefix, namespace)
    for triple in _failing_as_query_errors(answer):
        graph.add(tuple(_to_rdflib(term) for term in triple))  # type: ignore[arg-type]
    return QueryResult("CONSTRUCT", graph=graph)


def _rows(solutions: Any) -> Iterator[tuple[Node | None, ...]]:
    for solution in _failing_as_query_errors(solutions):
        yield tuple(_to_rdflib(value) for value in solution)


def _failing_as_query_errors(results: Iterable[Any]) -> Iterator[Any]:
    """The results, with what the store raises while computing them (a SERVICE that
    fails, a damaged file) as a QueryError."""
    iterator = iter(results)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except (RuntimeError, OSError) as error:
            raise QueryError(f"query failed: {' '.join(str(error).split())}") from error
        yield item


def _outer_limit(text: str) -> int | None:
    """The LIMIT of the query's outermost SELECT (the last LIMIT in the text)."""
    import re

    found = re.findall(r"\bLIMIT\s+(\d+)", re.sub(r"#[^\n]*", "", text), re.IGNORECASE)
    return int(found[-1]) if found else None


def _binding(value: str | Identifier) -> Identifier:
    if isinstance(value, Identifier):
        return value
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    return Literal(value)


# --- output ---------------------------------------------------------------------------


def _plain(term: Node | None) -> str:
    if term is None:
        return ""
    return str(term)


def _short(term: Node | None) -> str:
    """A term for a table cell: prefixed names for kg's IRIs, plain literal text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        best = ""
        for prefix, namespace in {**PREFIXES, **NODE_PREFIXES}.items():
            base = str(namespace)
            if iri.startswith(base) and len(base) > len(best):
                best = base
                short = f"{prefix}:{iri[len(base) :]}"
        return short if best else iri
    return str(term)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "bnode", "value": str(term)}


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as csv, json (SPARQL 1.1 Query Results JSON), ttl (for graph
    results) or a plain text table. Every row is written: nothing is truncated."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format '{fmt}'; use one of: {', '.join(FORMATS)}")
    if result.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if result.kind == "CONSTRUCT":
        assert result.graph is not None
        if fmt in {"ttl", "table"}:
            return result.graph.serialize(format="turtle")
        if fmt == "json":
            return result.graph.serialize(format="json-ld")
        raise QueryError("CONSTRUCT and DESCRIBE results are graphs: use --format ttl or json")
    shown = result.shown
    records = result.records()
    if fmt == "ttl":
        raise QueryError("SELECT results are tables: use --format table, csv or json")
    if fmt == "json":
        bindings = [
            {name: _json_term(value) for name, value in record.items() if value is not None}
            for record in records
        ]
        return json.dumps({"head": {"vars": shown}, "results": {"bindings": bindings}}, indent=1)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(shown)
        for record in records:
            writer.writerow([_plain(record.get(name)) for name in shown])
        return buffer.getvalue()
    return format_table(shown, ([_short(record.get(name)) for name in shown] for record in records))


def write_rows(stream: RowStream, fmt: str, out: IO[str]) -> int:
    """Write a SELECT's rows to ``out`` as they come, in csv or json (SPARQL 1.1 Query
    Results JSON); return how many were written."""
    shown = stream.shown
    positions = [stream.variables.index(name) for name in shown]
    count = 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(shown)
        for row in stream.rows:
            writer.writerow([_plain(row[i]) for i in positions])
            count += 1
        return count
    if fmt != "json":
        raise QueryError(f"rows stream as csv or json, not {fmt}")
    out.write(json.dumps({"head": {"vars": shown}})[:-1] + ', "results": {"bindings": [')
    for row in stream.rows:
        binding = {}
        for name, i in zip(shown, positions, strict=True):
            value = row[i]
            if value is not None:
                binding[name] = _json_term(value)
        out.write(("," if count else "") + "\n" + json.dumps(binding))
        count += 1
    out.write("\n]}}\n")
    return count


def format_table(header: list[str], rows: Iterable[list[str]], width: int = 60) -> str:
    """A plain aligned text table; long cells are wrapped, never cut."""
    import textwrap

    body = [[cell.replace("\n", " ") for cell in row] for row in rows]
    widths = [
        min(width, max([len(name)] + [len(row[i]) for row in body]))
        for i, name in enumerate(header)
    ]
    lines = [
        "  ".join(name.ljust(widths[i]) for i, name in enumerate(header)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for row in body:
        wrapped = [textwrap.wrap(cell, widths[i]) or [""] for i, cell in enumerate(row)]
        for line in range(max(len(cell) for cell in wrapped)):
            parts = [
                (wrapped[i][line] if line < len(wrapped[i]) else "").ljust(widths[i])
                for i in range(len(row))
            ]
            lines.append("  ".join(parts).rstrip())
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines)


def limit_note(limited: int | None) -> str | None:
    """What to tell a reader whose result filled the query's LIMIT (``limited``, as in
    `QueryResult.limited`; None when the result did not fill it)."""
    if limited is None:
        return None
    return f"the query's LIMIT {limited} applied: there may be more rows"


make_callable(__name__, "query")
