"""Graph analytics: known answers on small graphs, projections from a store written
for the test, scores written back, exports, and the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg import analyze
from kg.analyze import (
    actor_graph,
    centrality,
    communities,
    export_graph,
    negotiation_graph,
    rank,
    stored_scores,
)
from kg.cli import app
from kg.errors import KgError
from kg.store import Store

KG = "https://w3id.org/newskg/ontology#"
ID = "https://w3id.org/newskg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
XSD = "http://www.w3.org/2001/XMLSchema#"


# --- known answers on small graphs ------------------------------------------------------


def test_path_graph_centralities_have_their_textbook_values() -> None:
    path = nx.path_graph(["a", "b", "c"])
    assert centrality(path, "betweenness") == {"a": 0.0, "b": 1.0, "c": 0.0}
    assert centrality(path, "degree") == {"a": 1.0, "b": 2.0, "c": 1.0}
    closeness = centrality(path, "closeness")
    assert closeness["b"] == pytest.approx(1.0) and closeness["a"] == pytest.approx(2 / 3)


def test_star_centre_leads_every_measure() -> None:
    star = nx.star_graph(5)  # node 0 joined to 1..5
    nx.set_edge_attributes(star, 1, "weight")
    for measure in analyze.MEASURES:
        scores = centrality(star, measure)
        assert max(scores, key=scores.__getitem__) == 0, measure
    pagerank = centrality(star, "pagerank")
    assert sum(pagerank.values()) == pytest.approx(1.0)
    # PageRank of a star's centre with damping 0.85 and five leaves
    assert pagerank[0] == pytest.approx(0.4728, abs=1e-3)


def test_weighted_degree_sums_evidence() -> None:
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=3)
    graph.add_edge("a", "c", weight=1)
    assert centrality(graph, "weighted-degree") == {"a": 4.0, "b": 3.0, "c": 1.0}


def test_eigenvector_is_defined_on_a_disconnected_graph() -> None:
    graph = nx.Graph()
    nx.add_path(graph, ["a", "b", "c", "d"])  # a component of four
    graph.add_edge("x", "y")  # and a pair
    nx.set_edge_attributes(graph, 1, "weight")
    scores = centrality(graph, "eigenvector")
    assert set(scores) == set(graph)
    assert scores["b"] == pytest.approx(scores["c"]) and scores["b"] > scores["a"]
    assert scores["x"] == scores["y"] == 0.0


def test_two_cliques_joined_by_a_bridge_are_two_communities_every_time() -> None:
    graph = nx.Graph()
    left, right = ["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]
    for group in (left, right):
        graph.add_edges_from((u, v) for i, u in enumerate(group) for v in group[i + 1 :])
    graph.add_edge("a1", "b1")
    nx.set_edge_attributes(graph, 1, "weight")
    first = communities(graph)
    assert first == communities(graph)
    assert len({first[n] for n in left}) == 1 and len({first[n] for n in right}) == 1
    assert first["a1"] != first["b1"]


def test_large_graphs_sample_betweenness_and_closeness_with_a_fixed_seed(monkeypatch) -> None:
    graph = nx.connected_watts_strogatz_graph(120, 4, 0.2, seed=1)
    nx.set_edge_attributes(graph, 1, "weight")
    exact = centrality(graph, "closeness")
    monkeypatch.setattr(analyze, "EXACT_BETWEENNESS_LIMIT", 50)
    monkeypatch.setattr(analyze, "EXACT_CLOSENESS_LIMIT", 50)
    monkeypatch.setattr(analyze, "BETWEENNESS_SAMPLE", 40)
    sampled = centrality(graph, "betweenness")
    assert sampled == centrality(graph, "betweenness")  # same seed, same answer
    assert sampled != nx.betweenness_centrality(graph)  # and it was a sample
    estimate = centrality(graph, "closeness")
    assert estimate == centrality(graph, "closeness")
    assert max(abs(estimate[n] - exact[n]) / exact[n] for n in graph) < 0.15


def _graphs_of_every_shape() -> list[nx.Graph]:
    split = nx.disjoint_union(nx.path_graph(5), nx.star_graph(4))
    split.add_node(99)  # an isolated node
    return [
        nx.karate_club_graph(),
        split,
        nx.gnp_random_graph(150, 0.02, seed=3),  # several components
        nx.relabel_nodes(nx.barabasi_albert_graph(200, 2, seed=5), lambda i: f"n{i}"),
    ]


@pytest.mark.parametrize("k", [None, 30])
def test_vectorised_betweenness_gives_networkx_numbers(k) -> None:
    for graph in _graphs_of_every_shape():
        if k is not None and k > len(graph):
            continue  # networkx refuses a sample larger than the graph
        ours = analyze._betweenness(graph, k)
        expected = nx.betweenness_centrality(graph, k=k, seed=analyze.SEED, normalized=True)
        assert ours == pytest.approx(expected, abs=1e-12)


def test_vectorised_closeness_gives_networkx_numbers() -> None:
    for graph in _graphs_of_every_shape():
        assert analyze._closeness(graph, None) == pytest.approx(
            nx.closeness_centrality(graph), abs=1e-12
        )


def test_a_configured_networkx_backend_takes_betweenness_over(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(analyze, "_backend_configured", lambda: True)
    monkeypatch.setattr(
        nx, "betweenness_centrality", lambda graph, **options: calls.append(options) or {}
    )
    centrality(nx.path_graph(3), "betweenness")
    assert calls == [{"k": None, "seed": analyze.SEED, "normalized": True}]


def test_unknown_measure_is_a_clear_error() -> None:
    with pytest.raises(KgError, match="unknown measure 'fame'"):
        centrality(nx.path_graph(2), "fame")


# --- projections from a store -----------------------------------------------------------


def _entity(key: str, cls: str, label: str) -> list[str]:
    return [
        f"<{ID}{key}> <{RDF}type> <{KG}{cls}> .",
        f'<{ID}{key}> <{SKOS}prefLabel> "{label}" .',
        f"<{ID}{key}> <{KG}mentionedIn> <{ID}doc/d1> .",
    ]


def _assertion(
    key: str, subject: str, predicate: str, obj: str, *, date: str, modality: str = "Act"
) -> list[str]:
    node = f"<{ID}assertion/{key}>"
    return [
        f"{node} <{RDF}type> <{RDF}Statement> .",
        f"{node} <{RDF}subject> <{ID}{subject}> .",
        f"{node} <{RDF}predicate> <{predicate}> .",
        f"{node} <{RDF}object> <{ID}{obj}> .",
        f"{node} <{KG}modality> <{KG}{modality}> .",
        f'{node} <{KG}date> "{date}"^^<{XSD}date> .',
    ]


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    """Ana (Velmora) negotiates with Boris twice, meets Chen once; Boris holds a post in
    the Ministry; Velmora imposes a tariff on Ostrava; a refused meeting is no edge."""
    from rdflib import URIRef

    lines: list[str] = []
    lines += _entity("person/ana", "Person", "Ana Ruiz")
    lines += _entity("person/boris", "Person", "Boris Kell")
    lines += _entity("person/chen", "Person", "Chen Wu")
    lines += _entity("person/dana", "Person", "Dana Holt")
    lines += _entity("agency/ministry", "GovernmentAgency", "Ministry of Trade")
    lines += _entity("country/VEL", "Country", "Velmora")
    lines += _entity("country/OST", "Country", "Ostrava")
    lines += _entity("policy/tariff", "Policy", "25% tariff")
    lines += _entity("negotiation/n1", "Negotiation", "talks")
    lines += _entity("topic/steel", "Topic", "steel")
    lines += [
        f"<{ID}position/p1> <{ORG}postIn> <{ID}agency/ministry> .",
        f"<{ID}policy/tariff> <{KG}targets> <{ID}country/OST> .",
        f"<{ID}negotiation/n1> <{KG}about> <{ID}topic/steel> .",
    ]
    negotiates, meets = f"{KG}negotiatesWith", f"{KG}meetsWith"
    lines += _assertion("1", "person/ana", negotiates, "person/boris", date="2026-01-10")
    lines += _assertion("2", "person/boris", negotiates, "person/ana", date="2026-03-02")
    lines += _assertion("3", "person/ana", meets, "person/chen", date="2026-02-01")
    lines += _assertion("4", "person/boris", f"{ORG}holds", "position/p1", date="2026-01-10")
    lines += _assertion("5", "country/VEL", f"{KG}imposes", "policy/tariff", date="2026-02-20")
    lines += _assertion(
        "6", "person/ana", meets, "person/dana", date="2026-02-01", modality="Refusal"
    )
    lines += _assertion(
        "7", "person/ana", f"{KG}participatesIn", "negotiation/n1", date="2026-01-10"
    )
    lines += _assertion(
        "8", "person/boris", f"{KG}participatesIn", "negotiation/n1", date="2026-01-10"
    )
    path = tmp_path / "store"
    with Store(path) as store:
        store.replace_lines([(URIRef(f"{ID}doc/d1"), lines)])
    return path


def _labelled(graph: nx.Graph) -> set[tuple[str, str]]:
    label = nx.get_node_attributes(graph, "label")
    return {tuple(sorted((label[a], label[b]))) for a, b in graph.edges}  # type: ignore[misc]


def test_actor_graph_weights_edges_by_assertions_and_reads_paths(small_store: Path) -> None:
    with Store(small_store, read_only=True) as store:
        graph = actor_graph(store)
    assert _labelled(graph) == {
        ("Ana Ruiz", "Boris Kell"),
        ("Ana Ruiz", "Chen Wu"),
        ("Boris Kell", "Ministry of Trade"),  # holds -> position -> postIn
        ("Ostrava", "Velmora"),  # imposes -> policy -> targets
    }  # the refused meeting with Dana is not an edge
    edge = graph.edges[f"{ID}person/ana", f"{ID}person/boris"]
    assert edge["weight"] == 2 and edge["relation"] == "negotiatesWith"
    assert graph.edges[f"{ID}country/VEL", f"{ID}country/OST"]["direction"] == (
        f"{ID}country/VEL",
        f"{ID}country/OST",
    )
    assert f"{ID}person/dana" in graph  # unfiltered: isolated actors stay
    assert f"{ID}policy/tariff" not in graph  # policies are not actors


def test_actor_graph_filters_by_relation_date_and_evidence(small_store: Path) -> None:
    with Store(small_store, read_only=True) as store:
        only_meetings = actor_graph(store, relations=["meetsWith"])
        february = actor_graph(store, since=dt.date(2026, 2, 1), until=dt.date(2026, 2, 28))
        well_supported = actor_graph(store, min_evidence=2)
        with pytest.raises(KgError, match="unknown relation likes"):
            actor_graph(store, relations=["likes"])
    assert _labelled(only_meetings) == {("Ana Ruiz", "Chen Wu")}
    assert _labelled(february) == {("Ana Ruiz", "Chen Wu"), ("Ostrava", "Velmora")}
    assert _labelled(well_supported) == {("Ana Ruiz", "Boris Kell")}
    assert f"{ID}person/dana" not in well_supported


def test_negotiation_graph_links_actors_to_talks_and_topics(small_store: Path) -> None:
    with Store(small_store, read_only=True) as store:
        graph = negotiation_graph(store)
    assert _labelled(graph) == {("Ana Ruiz", "talks"), ("Boris Kell", "talks"), ("steel", "talks")}


def test_scores_are_written_back_replaced_and_queryable(small_store: Path) -> None:
    with Store(small_store) as store:
        analyze.analyze(store)
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?node kg:pagerank ?score }"
        first = int(next(store.select(count))["n"])
        analyze.analyze(store)  # a second run replaces, not adds
        second = int(next(store.select(count))["n"])
        top = next(
            store.select(
                "SELECT ?label WHERE { ?n kg:pagerank ?s ; skos:prefLabel ?label } "
                "ORDER BY DESC(?s) LIMIT 1"
            )
        )
        when = list(store.select("SELECT ?t WHERE { ?a a kg:Analysis ; kg:computedAt ?t }"))
        communities_found = list(store.select("SELECT DISTINCT ?c WHERE { ?n kg:community ?c }"))
        assert stored_scores(store, "pagerank")[f"{ID}person/ana"] > 0
    assert first == second == 7  # one per actor
    assert str(top["label"]) == "Ana Ruiz"
    assert len(when) == 1 and len(communities_found) >= 2


def test_scores_of_a_filtered_graph_are_not_taken_for_the_whole(small_store: Path) -> None:
    with Store(small_store) as store:
        analyze.analyze(store, relations=("meetsWith",))
        assert stored_scores(store, "pagerank") == {}
        analyze.analyze(store)
        assert stored_scores(store, "pagerank")


def test_rank_orders_actors_highest_first(small_store: Path) -> None:
    with Store(small_store, read_only=True) as store:
        ranked = rank(store, "degree", top=2)
    assert [(r.label, r.score) for r in ranked] == [("Ana Ruiz", 2.0), ("Boris Kell", 2.0)]
    assert ranked[0].as_dict().keys() == {"iri", "label", "class", "score"}


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_export_keeps_labels_classes_and_scores(small_store: Path, tmp_path: Path, suffix) -> None:
    with Store(small_store, read_only=True) as store:
        graph = actor_graph(store)
    scores = {"pagerank": centrality(graph, "pagerank"), "community": communities(graph)}
    out = tmp_path / f"actors{suffix}"
    export_graph(graph, str(out), scores)  # type: ignore[arg-type]
    back = nx.read_graphml(out) if suffix == ".graphml" else nx.read_gexf(out)
    ana = back.nodes[f"{ID}person/ana"]
    assert ana["label"] == "Ana Ruiz" and ana["cls"] == "Person"
    assert float(ana["pagerank"]) == pytest.approx(scores["pagerank"][f"{ID}person/ana"])
    assert back.number_of_edges() == graph.number_of_edges()


def test_export_refuses_an_unknown_format(small_store: Path, tmp_path: Path) -> None:
    with pytest.raises(KgError, match="use .graphml or .gexf"):
        export_graph(nx.path_graph(2), str(tmp_path / "g.dot"))


# --- the command line -------------------------------------------------------------------


def test_cli_rank_communities_and_export_graph(small_store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    ranked = runner.invoke(app, ["rank", "-s", str(small_store), "--format", "json", "-n", "3"])
    assert ranked.exit_code == 0, ranked.output
    rows = json.loads(ranked.output)
    assert rows[0]["label"] == "Ana Ruiz" and rows[0]["class"] == "Person"
    csv = runner.invoke(
        app, ["rank", "-s", str(small_store), "--measure", "betweenness", "-f", "csv"]
    )
    assert csv.output.splitlines()[0] == "rank,label,class,betweenness"
    with Store(small_store, read_only=True) as store:  # each run adds its measure
        assert stored_scores(store, "betweenness") and stored_scores(store, "pagerank")
        assert not stored_scores(store, "closeness") and not stored_scores(store, "community")
    filtered = runner.invoke(
        app, ["rank", "-s", str(small_store), "--measure", "degree", "--min-evidence", "2"]
    )
    assert filtered.exit_code == 0, filtered.output
    with Store(small_store, read_only=True) as store:  # another projection replaces them all
        assert not stored_scores(store, "betweenness") and not stored_scores(store, "pagerank")
        assert store.select_values("SELECT ?s WHERE { ?s kg:betweenness ?v }") == []
        assert len(store.select_values("SELECT ?s WHERE { ?s kg:degree ?v }")) > 0
    everything = runner.invoke(app, ["rank", "-s", str(small_store), "--all"])
    assert everything.exit_code == 0, everything.output
    with Store(small_store, read_only=True) as store:
        assert stored_scores(store, "closeness") and stored_scores(store, "community")
    groups = runner.invoke(app, ["communities", "-s", str(small_store), "-f", "json"])
    assert {row["label"] for row in json.loads(groups.stdout)} >= {"Ana Ruiz", "Velmora"}
    out = tmp_path / "actors.gexf"
    exported = runner.invoke(app, ["export-graph", "-s", str(small_store), "--out", str(out)])
    assert exported.exit_code == 0 and out.exists()
    assert "community" in nx.read_gexf(out).nodes[f"{ID}person/ana"]
    bad = runner.invoke(
        app, ["export-graph", "-s", str(small_store), "--out", str(tmp_path / "g.png")]
    )
    assert bad.exit_code == 1 and "use .graphml or .gexf" in bad.output


def test_a_build_drops_scores_that_no_longer_describe_the_graph(store_copy: Path, tmp_path) -> None:
    from kg.build import build

    with Store(store_copy) as store:
        analyze.analyze(store)
        assert stored_scores(store, "pagerank")
    article = tmp_path / "new.txt"
    article.write_text(
        "Velmora and Ostrava held talks on steel quotas on Monday.\n", encoding="utf-8"
    )
    build([article], store=store_copy)
    with Store(store_copy, read_only=True) as store:
        assert stored_scores(store, "pagerank") == {}


def test_examples_rank_the_countries_that_negotiate_most_highly(examples_store: Path) -> None:
    with Store(examples_store, read_only=True) as store:
        top = [r.label for r in rank(store, "pagerank", top=5)]
    assert {"United States", "China"} <= set(top)
