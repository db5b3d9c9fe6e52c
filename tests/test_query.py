"""Named queries, parameters, output formats and errors of kg query."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.query import format_result, named_queries, resolve_query, run_query
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
