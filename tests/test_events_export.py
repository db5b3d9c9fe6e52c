"""`kg events` and the named query behind it, on a store built from articles written
for the test."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()

ARTICLES = {
    "sanctions": "Brussels, 3 March 2026 - The European Union imposed sanctions on Iran on "
    "Monday. Norway signed an agreement with Iceland on fishing rights.\n",
    "talks": "Ms Ortega visited Chile last week. Brazil, India and South Africa criticised "
    "the United States over farm subsidies.\n",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.build import build

    folder = tmp_path_factory.mktemp("events")
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    path = folder / "store"
    build([folder], store=path)
    return path


def events(store: Path, *args: str) -> str:
    result = runner.invoke(app, ["events", "--store", str(store), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_one_csv_row_an_event_with_country_codes(store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(events(store))))
    by_type = {row["type"]: row for row in rows}
    assert set(by_type) == {"SANCTION", "AGREE", "CONSULT", "DISAPPROVE"}
    sanction = by_type["SANCTION"]
    assert (sanction["sources"], sanction["targets"]) == ("European Union", "Iran")
    assert (sanction["target_countries"], sanction["mode"], sanction["modality"]) == (
        "IRN",
        "sanction",
        "act",
    )
    assert "sanctions on Iran" in sanction["evidence"] and sanction["document"]
    criticism = by_type["DISAPPROVE"]
    assert criticism["source_countries"].split("; ") == ["BRA", "IND", "ZAF"]


def test_jsonl_and_plover_and_a_kind(store: Path) -> None:
    [record] = [
        json.loads(line) for line in events(store, "-f", "jsonl", "-k", "disapprove").splitlines()
    ]
    assert [a["label"] for a in record["sources"]] == ["Brazil", "India", "South Africa"]
    assert record["targets"][0]["class"] == "Country"
    plover = [
        json.loads(line) for line in events(store, "-f", "plover", "-k", "DISAPPROVE").splitlines()
    ]
    assert [(p["actor_country"], p["recipient_country"]) for p in plover] == [
        ("BRA", "USA"),
        ("IND", "USA"),
        ("ZAF", "USA"),
    ]
    assert {p["event_type"] for p in plover} == {"DISAPPROVE"}
    assert len({p["id"] for p in plover}) == 3


def test_an_unknown_kind_names_the_valid_ones(store: Path) -> None:
    result = runner.invoke(app, ["events", "--store", str(store), "--kind", "GRUMBLE"])
    assert result.exit_code != 0
    assert "unknown PLOVER type 'GRUMBLE'" in result.output and "CONSULT" in result.output


def test_the_named_query_takes_a_kind(store: Path) -> None:
    result = runner.invoke(
        app, ["query", "events", "--store", str(store), "-p", "kind=agree", "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(r["sourceLabel"], r["targetLabel"], r["type"]) for r in rows} == {
        ("Norway", "Iceland", "AGREE")
    }


def test_events_are_edges_of_the_actor_graph_coloured_by_side(store: Path, tmp_path: Path) -> None:
    from test_viz import payload

    from kg.analyze import COOPERATION, actor_graph
    from kg.store import Store
    from kg.viz import RELATION_STYLE, render

    with Store(store, read_only=True) as opened:
        graph = actor_graph(opened, projection="interactions")
        labels = {node: data["label"] for node, data in graph.nodes(data=True)}
        signs = {frozenset((labels[a], labels[b])): sign for a, b, sign in graph.edges(data="sign")}
        assert signs[frozenset({"Norway", "Iceland"})] == 1  # cooperation
        assert signs[frozenset({"Brazil", "United States"})] == -1  # conflict
        edges = {
            frozenset((labels[a], labels[b])): data["relations"]
            for a, b, data in graph.edges(data=True)
        }
        assert edges[frozenset({"Norway", "Iceland"})] == {"agree": 1}
        assert edges[frozenset({"Brazil", "United States"})] == {"disapprove": 1}
        render(opened, tmp_path / "g.html")
    drawn = payload((tmp_path / "g.html").read_text(encoding="utf-8"))
    by_relation = {edge["info"]["relation"]: edge for edge in drawn["edges"]}
    agree, disapprove = by_relation["agree"], by_relation["disapprove"]
    assert agree["label"] == "agrees with" and disapprove["label"] == "criticises"
    assert "agree" in COOPERATION and agree["color"] != disapprove["color"]
    conflict = {RELATION_STYLE[kind][0] for kind in ("disapprove", "reject", "sanction")}
    assert not conflict & {RELATION_STYLE[kind][0] for kind in COOPERATION}
    assert "farm subsidies" in disapprove["info"]["evidence"][0]["sentence"]
