"""Republished stories: found while building, linked, and counted once by the analysis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.duplicates import STORIES_GRAPH, Stories, story_signature

runner = CliRunner()

#: One story, as a wire service would send it to every outlet.
BODY = [
    "Negotiators from Japan and South Korea met in Busan on Tuesday to resume talks on fishing rights in the waters between the two countries, officials said. The Japanese delegation was led by Fisheries Agency director Kenji Morita, who told reporters that both sides wanted a deal before the spring season opens. South Korea's oceans ministry said the talks would cover catch quotas for mackerel and squid, inspections at sea and the rules for boats that cross the median line. The previous agreement expired in June after the two governments failed to settle a dispute over patrols near the islands. Since then, boats from each country have been barred from the other's waters, and several fishing crews have been detained by coast guard vessels.",
    "Fishing unions in both countries have urged a quick settlement, saying that boats have been tied up in port for months and that smaller family businesses are running out of money.",
    "A spokesman for the Korean union said that members had lost about a third of their yearly income.",
    "Japanese fishermen in Nagasaki and Fukuoka have made similar complaints, and local assemblies there passed motions calling on Tokyo to compromise.",
    "Morita said the Japanese side had brought new proposals on joint monitoring, including shared satellite tracking of trawlers and a hotline between the two coast guards. The Korean chief negotiator, Park Ji-won, welcomed the proposals but said Seoul would not accept any reduction in its quota for squid, which has fallen sharply because of warmer seas. Scientists from both countries are expected to present a joint report on fish stocks to the negotiators on Wednesday.",
    "Analysts said a deal on fishing would help the two governments, which have been trying to improve relations after years of disputes over history and trade. A second round of talks is planned in Tokyo next month, and both sides said they hoped to sign an agreement before the end of the year.",
]
#: The first outlet: its own headline, a byline and its copyright line.
HARBOUR = "\n\n".join(
    [
        "Fishing talks between Tokyo and Seoul restart",
        "By a staff reporter",
        *BODY,
        "Copyright 2026 Harbour Times. All rights reserved.",
    ]
)
#: The second outlet, a day later: another headline and footer, and one sentence cut.
COASTAL = "\n\n".join(
    [
        "Busan hosts Japan-Korea fish quota negotiations",
        *(part for part in BODY if not part.startswith("A spokesman")),
        "Read more stories from the Coastal Post at our website.",
    ]
)
#: Another story on the same talks, written apart.
CREWS = "\n\n".join(
    [
        "Fishing crews wait as Japan and Korea talk",
        "Fishing boats remained in harbour in Busan and Nagasaki on Wednesday while officials from Japan and South Korea continued their negotiations over quotas in the waters that divide the two countries. Crews said they had heard little from either government about when they could return to sea. The talks, which began on Tuesday, are the first since the old fisheries agreement lapsed in June. Kenji Morita, the director who leads the Japanese side, met the Korean chief negotiator Park Ji-won for a second day, but neither spoke to reporters after the session.",
        "On the quay in Busan, captains said the lost season had forced them to sell equipment and lay off deckhands. Some said they would accept a smaller quota for mackerel if it meant going back to work quickly, while others insisted that the government should hold firm on squid. In Nagasaki, the local fishing cooperative said that fuel subsidies from Tokyo had helped but did not cover the cost of boats lying idle.",
        "Marine scientists presented their joint survey of fish stocks to both delegations. According to people who saw it, the report found that squid numbers had fallen for the fifth year in a row and that mackerel stocks were stable. Officials said the negotiations would move to Tokyo next month.",
    ]
)


def _record(ident: str, text: str, published: str) -> str:
    title = text.split("\n", 1)[0]
    return json.dumps({"id": ident, "title": title, "text": text, "published": published})


def write_corpus(folder: Path, name: str, records: list[str]) -> Path:
    path = folder / f"{name}.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    return path


def run(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def links(store: Path) -> set[tuple[str, str, str]]:
    """(subject, property, object) of the stories graph, documents by their IRI's id."""
    from kg.store import Store

    def name(term: str | None) -> str:
        return (term or "").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{STORIES_GRAPH}> {{ ?s ?p ?o }} }}"
    with Store(store, read_only=True) as opened:
        return {(name(s), name(p), name(o)) for s, p, o in opened.select_values(query)}


def documents(store: Path, *extra: str) -> dict[str, float]:
    """Each actor's documents measure, by label."""
    ranked = run("rank", "--store", str(store), "--measure", "documents", "--top", "50",
                 "--format", "json", *extra)  # fmt: skip
    return {item["label"]: item["score"] for item in json.loads(ranked.output)}


@pytest.fixture(scope="module")
def story_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first outlet's version and the other story in one build, the second
    outlet's version in a second build into the same store."""
    from kg.build import build

    folder = tmp_path_factory.mktemp("stories")
    first = write_corpus(folder, "first", [
        _record("harbour-1", HARBOUR, "2026-03-04"),
        _record("harbour-2", CREWS, "2026-03-05"),
    ])  # fmt: skip
    second = write_corpus(folder, "second", [_record("coastal-7", COASTAL, "2026-03-05")])
    store = folder / "store"
    build([first], store=store)
    report = build([second], store=store)
    assert report.republished == 1
    return store


# --- signatures and links ------------------------------------------------------------------


def test_a_short_text_has_no_signature() -> None:
    assert story_signature("Japan and South Korea resumed fisheries talks on Tuesday.") is None
    assert story_signature(HARBOUR) is not None


def test_two_outlets_versions_are_one_story_and_another_story_is_not() -> None:
    stories = Stories()
    stories.add("h", "harbour-1", "2026-03-04", story_signature(HARBOUR))
    stories.add("c", "coastal-7", "2026-03-05", story_signature(COASTAL))
    stories.add("w", "harbour-2", "2026-03-05", story_signature(CREWS))
    assert stories.pairs() == [("c", "h")]
    assert stories.canonical() == {"c": "h"}


def test_the_canonical_document_is_the_earliest_whatever_the_order() -> None:
    stories = Stories()
    stories.add("c", "coastal-7", "2026-03-05", story_signature(COASTAL))
    stories.add("h", "harbour-1", "2026-03-04", story_signature(HARBOUR))
    assert stories.canonical() == {"c": "h"}
    undated = Stories()
    undated.add("h", "zz", "", story_signature(HARBOUR))
    undated.add("c", "aa", "", story_signature(COASTAL))
    assert undated.canonical() == {"h": "c"}  # no dates: the smaller identifier


def test_threshold_zero_links_nothing() -> None:
    stories = Stories(0)
    stories.add("h", "harbour-1", "2026-03-04", story_signature(HARBOUR))
    stories.add("c", "coastal-7", "2026-03-05", story_signature(COASTAL))
    assert stories.pairs() == [] and stories.lines() == []


# --- built, listed, counted, removed ---------------------------------------------------------


def test_a_copy_in_a_later_build_is_linked_to_the_stored_story(story_store: Path) -> None:
    assert links(story_store) == {
        ("harbour-1", "sameStoryAs", "coastal-7"),
        ("coastal-7", "sameStoryAs", "harbour-1"),
        ("coastal-7", "copyOf", "harbour-1"),
    }


def test_kg_documents_shows_which_document_is_a_copy_of_which(story_store: Path) -> None:
    listed = json.loads(run("documents", "--store", str(story_store), "--format", "json").output)
    assert {item["id"]: item["copy_of"] for item in listed} == {
        "harbour-1": "",
        "harbour-2": "",
        "coastal-7": "harbour-1",
    }


def test_rank_counts_a_story_once_and_every_copy_with_the_option(story_store: Path) -> None:
    once, every = documents(story_store), documents(story_store, "--all-copies")
    assert once["Japan"] == 2 and every["Japan"] == 3
    assert once["Kenji Morita"] == 2 and every["Kenji Morita"] == 3


def test_edges_count_a_story_once(story_store: Path) -> None:
    from kg.analyze import actor_graph
    from kg.store import Store

    with Store(story_store, read_only=True) as store:
        once = actor_graph(store, projection="comentions")
        every = actor_graph(store, projection="comentions", all_copies=True)
    weights = {
        frozenset((once.nodes[a]["label"], once.nodes[b]["label"])): data["documents"]
        for a, b, data in once.edges(data=True)
    }
    all_weights = {
        frozenset((every.nodes[a]["label"], every.nodes[b]["label"])): data["documents"]
        for a, b, data in every.edges(data=True)
    }
    pair = frozenset(("Japan", "South Korea"))
    assert all_weights[pair] == weights[pair] + 1


def test_the_sentences_behind_an_edge_are_those_of_the_copy_they_were_read_in(
    story_store: Path,
) -> None:
    """A copy's sentence counts for its story's canonical document but is looked up
    where it was read: the copies' headlines differ, so do their offsets."""
    from kg.analyze import actor_graph
    from kg.store import Store

    with Store(story_store, read_only=True) as store:
        graph = actor_graph(store, projection="all")
        samples = {sample for _, _, data in graph.edges(data=True) for sample in data["samples"]}
        ((copy,),) = store.select_values("SELECT ?c WHERE { ?c kg:copyOf ?f }")
        assert any(doc == copy for doc, _ in samples)  # the copy's sentences are kept
        for doc, start in samples:
            found = store.select_values(
                f"SELECT ?e WHERE {{ GRAPH <{doc}> {{ ?a kg:charStart {start} ; kg:evidence ?e }} }}"
            )
            assert found, (doc, start)


def test_trend_counts_a_story_once(story_store: Path) -> None:
    def march(*extra: str) -> dict[str, int]:
        output = run("trend", "Japan", "--store", str(story_store), "--format", "json", *extra)
        return next(row for row in json.loads(output.output) if row["period"] == "2026-03")

    assert march()["documents"] == 2
    assert march("--all-copies")["documents"] == 3


def test_removing_the_canonical_document_makes_the_copy_a_story_of_its_own(
    story_store: Path, tmp_path: Path
) -> None:
    import shutil

    store = tmp_path / "store"
    shutil.copytree(story_store, store)
    run("remove", "harbour-1", "--store", str(store))
    assert links(store) == set()
    listed = json.loads(run("documents", "--store", str(store), "--format", "json").output)
    assert {item["id"]: item["copy_of"] for item in listed} == {"harbour-2": "", "coastal-7": ""}
    assert documents(store)["Japan"] == 2
    # the stories left are still found when the removed copy comes back
    from kg.build import build

    again = write_corpus(tmp_path, "again", [_record("harbour-1", HARBOUR, "2026-03-04")])
    build([again], store=store)
    assert ("coastal-7", "copyOf", "harbour-1") in links(store)


def test_build_option_turns_linking_off(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, "both", [
        _record("harbour-1", HARBOUR, "2026-03-04"),
        _record("coastal-7", COASTAL, "2026-03-05"),
    ])  # fmt: skip
    store = tmp_path / "store"
    run("build", str(corpus), "--store", str(store), "--duplicate-threshold", "0", "-q")
    assert links(store) == set()
    result = run("build", str(corpus), "--store", str(store), "-q")
    assert "2 of them carry a story" in result.output
    assert ("coastal-7", "copyOf", "harbour-1") in links(store)


def test_a_store_with_copies_validates_clean(story_store: Path) -> None:
    result = run("validate", "--store", str(story_store))
    assert result.exit_code == 0, result.output


def test_the_dask_executor_links_the_same_stories(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed", reason="the dask executor needs kg[scale]")
    from kg.build import build

    first = write_corpus(tmp_path, "first", [_record("harbour-1", HARBOUR, "2026-03-04")])
    second = write_corpus(tmp_path, "second", [
        _record("coastal-7", COASTAL, "2026-03-05"),
        _record("harbour-2", CREWS, "2026-03-05"),
    ])  # fmt: skip
    store = tmp_path / "store"
    build([first], store=store)
    report = build([second], store=store, executor="dask", workers=1)
    assert report.republished == 1
    assert ("coastal-7", "copyOf", "harbour-1") in links(store)
