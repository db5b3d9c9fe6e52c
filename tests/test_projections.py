"""The layers of the actor graph, salience measures, ties and `kg rank --explain`,
on a store built from articles written for the test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.analyze import LAYER_WEIGHTS, actor_graph, centrality, explain, rank
from kg.cli import app
from kg.errors import KgError
from kg.store import Store

ARTICLES = {
    "harbour": (
        "Harbour workers strike in Lisbon\n\n"
        "The Portuguese Prime Minister Marta Sousa said that Spain and France had let the "
        "fishing fleets down. Sousa spoke to reporters in Lisbon on Monday.\n\n"
        "Marta Sousa and Pedro Alves sat on the same panel on Tuesday, and Pedro Alves "
        "later said that the unions would wait.\n"
    ),
    "quotas": (
        "Fishing quotas split the union\n\n"
        "Marta Sousa said on Wednesday that France wanted bigger quotas than anyone else. "
        "Marta Sousa and Pedro Alves were both at the harbour. Pedro Alves and Marta Sousa "
        "left together.\n"
    ),
    "madrid": (
        "A quiet week in Madrid\n\n"
        "Spain said it would study the proposal. Officials in Madrid declined to comment "
        "further.\n"
    ),
}


@pytest.fixture(scope="module")
def layered_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from kg.build import build

    folder = tmp_path_factory.mktemp("layers")
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    build([folder], store=folder / "store")
    yield folder / "store"
    shutil.rmtree(folder, ignore_errors=True)


def _edges(graph: nx.Graph) -> dict[frozenset[str], dict]:
    label = nx.get_node_attributes(graph, "label")
    return {frozenset((label[a], label[b])): data for a, b, data in graph.edges(data=True)}


def test_statements_link_a_speaker_to_the_actors_named_in_what_they_said(
    layered_store: Path,
) -> None:
    with Store(layered_store, read_only=True) as store:
        edges = _edges(actor_graph(store, projection="statements"))
    assert edges[frozenset({"Marta Sousa", "Spain"})]["relations"] == {"names": 1}
    # said in two articles: two documents
    assert edges[frozenset({"Marta Sousa", "France"})]["documents"] == 2
    assert frozenset({"Spain", "France"}) not in edges  # neither said anything


def test_comentions_count_documents_not_repeated_sentences(layered_store: Path) -> None:
    with Store(layered_store, read_only=True) as store:
        edges = _edges(actor_graph(store, projection="comentions"))
    assert edges[frozenset({"Spain", "France"})]["layers"] == {"comentions": 1}
    france = edges[frozenset({"Marta Sousa", "France"})]
    assert france["documents"] == 2 and france["weight"] == 2 * LAYER_WEIGHTS["comentions"]
    # the two named together in sentences that state nothing are not linked by them
    assert edges[frozenset({"Marta Sousa", "Pedro Alves"})]["documents"] == 1


def test_all_layers_add_up_each_with_its_own_weight(layered_store: Path) -> None:
    with Store(layered_store, read_only=True) as store:
        interactions = actor_graph(store, projection="interactions")
        everything = _edges(actor_graph(store, projection="all"))
    portugal = everything[frozenset({"Marta Sousa", "Portugal"})]
    assert portugal["layers"] == {"interactions": 1, "statements": 1, "comentions": 1}
    assert portugal["weight"] == sum(LAYER_WEIGHTS.values())
    assert portugal["relation"] == "represents"  # an interaction names the edge first
    assert len(everything) > interactions.number_of_edges()


def test_relations_keep_to_the_interactions_layer(layered_store: Path) -> None:
    with Store(layered_store, read_only=True) as store:
        narrowed = actor_graph(store, relations=["represents"])
        with pytest.raises(KgError, match="interactions layer"):
            actor_graph(store, projection="statements", relations=["represents"])
        with pytest.raises(KgError, match="use one of: interactions, statements"):
            actor_graph(store, projection="gossip")
    assert set(_edges(narrowed)) == {frozenset({"Marta Sousa", "Portugal"})}


def test_salience_measures_count_mentions_and_documents(layered_store: Path) -> None:
    with Store(layered_store, read_only=True) as store:
        graph = actor_graph(store)
    label = nx.get_node_attributes(graph, "label")
    documents = {label[n]: v for n, v in centrality(graph, "documents").items()}
    mentions = {label[n]: v for n, v in centrality(graph, "mentions").items()}
    assert documents["Marta Sousa"] == 2 and documents["Portugal"] == 1
    assert mentions["Marta Sousa"] > mentions["Spain"] >= documents["Spain"]


def test_ties_are_broken_by_salience_not_the_alphabet() -> None:
    graph = nx.Graph()
    graph.add_node("a", label="Aardvark", cls="Person", documents=1, mentions=1)
    graph.add_node("z", label="Zebra", cls="Person", documents=3, mentions=5)
    graph.add_node("m", label="Mole", cls="Person", documents=3, mentions=9)
    scores = dict.fromkeys(graph, 1.0)
    ranked = rank(None, "degree", graph=graph, scores=scores)  # type: ignore[arg-type]
    assert [r.label for r in ranked] == ["Mole", "Zebra", "Aardvark"]


def test_prominence_keeps_a_salient_actor_without_edges_above_a_one_edge_pair() -> None:
    graph = nx.Graph()
    graph.add_node("big", label="Big", cls="Person", documents=20, mentions=40)
    graph.add_node("x", label="X", cls="Person", documents=1, mentions=1)
    graph.add_node("y", label="Y", cls="Person", documents=1, mentions=1)
    graph.add_edge("x", "y", weight=0.25)
    prominence = centrality(graph, "prominence")
    assert prominence["big"] > prominence["x"]
    assert centrality(graph, "pagerank")["big"] < centrality(graph, "pagerank")["x"]


def test_explain_gives_the_strongest_edges_and_their_documents(layered_store: Path) -> None:
    with Store(layered_store, read_only=True) as store:
        why = explain(store, "Marta Sousa", ties=2)
        with pytest.raises(KgError, match="no entity named 'Nobody Atall'"):
            explain(store, "Nobody Atall")
    assert why.position == 1 and why.documents == 2
    assert [tie.label for tie in why.ties] == ["Portugal", "France"]
    assert any("Fishing quotas split the union" in d for d in why.ties[1].documents)
    text = "\n".join(why.lines())
    assert "ranks 1 of" in text and "France: weight 1.5" in text


def test_cli_rank_projection_explain_and_one_line_errors(layered_store: Path) -> None:
    runner = CliRunner()
    base = ["rank", "-s", str(layered_store)]
    for projection in ("interactions", "statements", "comentions", "all"):
        ran = runner.invoke(app, [*base, "--projection", projection, "-f", "csv"])
        assert ran.exit_code == 0, ran.output
        assert ran.output.splitlines()[0] == "rank,label,class,prominence"
    documents = runner.invoke(app, [*base, "--measure", "documents", "-f", "json", "-n", "1"])
    assert '"Marta Sousa"' in documents.output
    why = runner.invoke(app, [*base, "--explain", "marta sousa"])
    assert why.exit_code == 0 and "Marta Sousa (Person) ranks 1 of" in why.output
    for option, value, valid in (
        ("--measure", "fame", "use one of: prominence, pagerank"),
        ("--projection", "gossip", "use one of: interactions, statements, comentions, all"),
        ("--explain", "Nobody Atall", "no entity named 'Nobody Atall'"),
    ):
        bad = runner.invoke(app, [*base, option, value])
        assert bad.exit_code == 1, (option, bad.output)
        lines = bad.output.strip().splitlines()
        assert len(lines) == 1 and valid in lines[0], bad.output
