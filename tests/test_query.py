"""Named queries, parameters, output formats and errors of kg query."""

from __future__ import annotations

import contextlib
import csv
import io
import json

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.query import format_result, named_queries, resolve_query, run_query, service_clause
from kg.store import Store

REQUIRED = (
    "who-negotiates-with-whom", "negotiations-about", "posts", "policies-by-target",
    "quotes-by", "most-connected", "evidence-for", "documents-mentioning",
)  # fmt: skip


@pytest.fixture
def store(examples_store):  # type: ignore[no-untyped-def]
    with Store(examples_store, read_only=True) as opened:
        yield opened


def test_the_named_queries_exist_with_descriptions() -> None:
    queries = named_queries()
    for name in REQUIRED:
        assert name in queries and queries[name].description


@pytest.mark.parametrize("name", REQUIRED)
def test_every_named_query_answers_on_the_examples(store, name: str) -> None:
    assert len(run_query(store, name)) > 0


def test_parameters_bind_by_label_in_any_case(store) -> None:
    everyone = run_query(store, "quotes-by")
    one = run_query(store, "quotes-by", {"name": "marcus hale"})
    speakers = {str(r["speakerLabel"]) for r in one.records()}
    assert speakers == {"Marcus Hale"} and len(one) < len(everyone)
    assert "name" not in one.shown  # parameters are not echoed as columns


def test_negotiations_about_a_topic_and_evidence_for_an_edge(store) -> None:
    rows = run_query(store, "negotiations-about", {"topic": "Rare Earths"}).records()
    assert rows and all(str(r["aboutLabel"]) == "rare earths" for r in rows)
    evidence = run_query(store, "evidence-for", {"from": "Japan", "to": "United States"}).records()
    assert evidence and all(
        "Japan" in str(r["evidence"])
        or "Tokyo" in str(r["evidence"])
        or "Japanese" in str(r["evidence"])
        for r in evidence
    )


def test_negotiations_about_lists_negotiations_and_matches_singular_and_plural(store) -> None:
    rows = run_query(store, "negotiations-about").records()
    assert rows and all("/negotiation/" in str(r["negotiation"]) for r in rows)
    for asked in ("rare earth", "RARE EARTHS"):
        found = run_query(store, "negotiations-about", {"topic": asked}).records()
        assert {str(r["aboutLabel"]) for r in found} == {"rare earths"}
    subsidies = run_query(store, "negotiations-about", {"topic": "subsidy"}).records()
    assert all(str(r["aboutLabel"]) == "subsidies" for r in subsidies)


def test_unknown_parameter_is_refused(store) -> None:
    with pytest.raises(QueryError, match="takes no parameter"):
        run_query(store, "posts", {"colour": "red"})


def test_formats(store) -> None:
    result = run_query(store, "posts")
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows[0] == result.shown and len(rows) == len(result) + 1
    payload = json.loads(format_result(result, "json"))
    assert payload["head"]["vars"] == result.shown
    assert len(payload["results"]["bindings"]) == len(result)
    assert payload["results"]["bindings"][0]["person"]["type"] == "uri"
    table = format_result(result, "table")
    assert table.endswith(f"({len(result)} rows)")
    graph = run_query(store, "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }")
    assert len(Graph().parse(data=format_result(graph, "ttl"), format="turtle")) == len(graph.graph)  # type: ignore[arg-type]
    assert (
        format_result(run_query(store, "ASK { ?p a kg:Person }"), "json")
        == '{"head": {}, "boolean": true}'
    )
    with pytest.raises(QueryError, match="tables"):
        format_result(result, "ttl")


def test_malformed_sparql_gives_the_parsers_position(store) -> None:
    with pytest.raises(QueryError, match=r"malformed SPARQL: error at 1:\d+"):
        run_query(store, "SELECT ?x WHERE { ?x a }")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "DELETE WHERE { ?s ?p ?o }",
            "updates are not allowed: DELETE at 1:1; kg query only reads",
        ),
        (
            "PREFIX x: <http://example.org/>\n  insert data { x:a x:b x:c }",
            "updates are not allowed: INSERT at 2:3",
        ),
        (
            "SELEC ?s WHERE { ?s ?p ?o }",
            "error at 1:1: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE "
            "(after PREFIX and BASE), not 'SELEC'",
        ),
        (
            'SELECT ?s WHERE { ?s foo:bar ?o ; kg:x "not:a prefix" }',
            "unknown prefix foo:; declare it with PREFIX or use one of ",
        ),
    ],
)
def test_a_query_that_cannot_run_says_why_in_one_line(store, text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        run_query(store, text)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert "\\u{" not in str(caught.value)


def test_unknown_name_lists_the_named_queries() -> None:
    with pytest.raises(QueryError, match="who-negotiates-with-whom"):
        resolve_query("who-negotiates")


def test_query_file(store, tmp_path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?c WHERE { ?c a kg:Country }")
    assert len(run_query(store, str(path))) > 5


def test_cli_query_and_errors(examples_store) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "query",
            "posts",
            "--store",
            str(examples_store),
            "-p",
            "name=Dana Whitfield",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert {
        b["personLabel"]["value"] for b in json.loads(result.output)["results"]["bindings"]
    } == {"Dana Whitfield"}
    bad = runner.invoke(app, ["query", "SELECT WHERE {", "--store", str(examples_store)])
    assert bad.exit_code == 1 and "malformed SPARQL" in bad.output and "Traceback" not in bad.output
    bad_param = runner.invoke(app, ["query", "posts", "--store", str(examples_store), "-p", "oops"])
    assert bad_param.exit_code == 1 and "NAME=VALUE" in bad_param.output


# --- SERVICE: pyoxigraph calls any endpoint a query names, so kg refuses them ---------


FEDERATED = [
    "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "ASK { FILTER EXISTS { SERVICE <http://example.org/sparql> { ?s ?p ?o } } }",
    "SELECT * { { SELECT * { OPTIONAL { SERVICE <http://example.org/s> { ?s ?p ?o } } } } }",
    # Oxigraph needs no space before the keyword, and ends a comment at a carriage return
    "SELECT * { ?s ?p 1SERVICE <http://example.org/sparql> { ?a ?b ?c } }",
    "SELECT * { #\rSERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    # a < that rdflib might take for an IRI's, and a quote hidden in an escape
    "SELECT * { FILTER(?a<'x>'=?c)SERVICE <http://example.org/s> { ?s ?p ?o } BIND('y' AS ?z) }",
    'SELECT * { BIND("x\\u0022" AS ?a) SERVICE <http://example.org/s> { ?s ?p ?o } }',
]
LOCAL = [
    'SELECT * { ?s ?p "Civil Service" }',
    "SELECT ?service WHERE { ?service <http://example.org/service> ?o } # no SERVICE here",
    "PREFIX schema: <https://schema.org/> SELECT * { ?s schema:serviceType '''a\nservice''' }",
    "SELECT * { ?s ?p ?o }",
]


@pytest.mark.parametrize("text", FEDERATED)
def test_service_clauses_are_found(text: str) -> None:
    assert service_clause(text)


@pytest.mark.parametrize("text", LOCAL)
def test_the_word_service_elsewhere_is_no_service_clause(text: str) -> None:
    assert not service_clause(text)


@pytest.mark.slow
def test_every_query_that_makes_oxigraph_call_an_endpoint_is_refused(endpoint) -> None:
    """Oxigraph is the judge: whatever text makes it call the endpoint, kg must refuse."""
    import itertools

    import pyoxigraph as ox

    store = ox.Store()
    subject, predicate = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for value in (
        ox.Literal("1", datatype=ox.NamedNode(xsd + "integer")),
        ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean")),
        ox.Literal("x"),
        ox.Literal("x", language="en"),
        ox.NamedNode("http://e/"),
        ox.NamedNode("http://e/o"),
        ox.NamedNode("http://e/a#b"),
    ):
        store.add(ox.Quad(subject, predicate, value))
    before = ["", "1", "1.5", "true", '"x"', "'x'", '"x"@en', "<http://e/o>", "ex:o", "ex:",
              "ex:.", "?o", "?o.", "_:b", "ex:a\\#b", "[]"]  # fmt: skip
    between = ["", " ", "\r", "\t", "\x0c", "\u2028", "#c\r", "#c\x0c", "#c\u2028"]
    keywords = ["SERVICE", "service", "SeRvIcE SILENT", "\u017fERVICE"]
    called = 0
    for first, gap, keyword in itertools.product(before, between, keywords):
        text = (
            f"PREFIX ex: <http://e/> SELECT * {{ ?s ?p {first}{gap}{keyword} <{endpoint.url}> "
            "{ ?a ?b ?c } }"
        )
        calls = len(endpoint.calls)
        with contextlib.suppress(SyntaxError, OSError):
            list(store.query(text))  # type: ignore[arg-type]
        if len(endpoint.calls) > calls:
            called += 1
            assert service_clause(text), text
    assert called > 100  # the judge did call out: the test can fail


def test_kg_query_refuses_service_unless_allowed(examples_store, endpoint) -> None:
    text = f"SELECT * WHERE {{ SERVICE <{endpoint.url}> {{ ?s ?p ?o }} }}"
    runner = CliRunner()
    refused = runner.invoke(app, ["query", text, "--store", str(examples_store)])
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert len(refused.output.strip().splitlines()) == 1
    assert "SERVICE" in refused.output and "--allow-service" in refused.output
    with (
        Store(examples_store, read_only=True) as opened,
        pytest.raises(QueryError, match="SERVICE"),
    ):
        run_query(opened, text)
    assert endpoint.calls == []
    allowed = runner.invoke(app, ["query", text, "--store", str(examples_store), "--allow-service"])
    assert endpoint.calls == ["/sparql"]  # the endpoint answers 500, so the query fails
    assert allowed.exit_code == 1 and "500" in allowed.output
