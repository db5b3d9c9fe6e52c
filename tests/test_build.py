"""kg.build end to end: documents to named graphs, idempotence, merging, rejects."""

from __future__ import annotations

import json

import pytest
from conftest import write_articles

from kg.build import build
from kg.errors import ModelError
from kg.store import Store

ARTICLE = """Korea and Canada open farm talks

South Korean Trade Minister Min-jun Park held talks with Canadian Trade Minister Claire Dubois in Ottawa on Tuesday.
Park said Seoul wanted lower tariffs on Korean cars.
"""
FOLLOW_UP = """Farm talks continue

Park met Dubois again on Friday to discuss beef and pork.
"""


def test_every_document_gets_its_named_graph_and_document_node(write, tmp_path) -> None:
    write("in/a.txt", ARTICLE)
    write(
        "in/b.jsonl",
        '{"id": "wire-7", "title": "Wire", "published": "2026-05-02", "text": "Chile met Peru."}\n',
    )
    report = build([tmp_path / "in"], store=tmp_path / "s")
    assert report.documents == 2 and not report.rejected
    with Store(tmp_path / "s", read_only=True) as store:
        rows = list(
            store.select(
                "SELECT ?g ?id ?title ?source ?date WHERE { GRAPH ?g { ?g a kg:Document ; "
                "dcterms:identifier ?id ; dcterms:title ?title ; dcterms:source ?source "
                "OPTIONAL { ?g dcterms:date ?date } } } ORDER BY ?id"
            )
        )
    by_id = {str(row["id"]): row for row in rows}
    assert set(by_id) == {"wire-7", report_id(ARTICLE)}
    wire = by_id["wire-7"]
    assert str(wire["g"]).endswith("/doc/wire-7")
    assert str(wire["date"]) == "2026-05-02" and str(wire["title"]) == "Wire"
    assert str(by_id[report_id(ARTICLE)]["title"]) == "Korea and Canada open farm talks"


def test_sources_are_urls_or_names_relative_to_what_was_given(write, tmp_path) -> None:
    write("in/a.txt", ARTICLE)
    write(
        "in/b.jsonl",
        '{"id": "w1", "url": "https://example.org/w1", "text": "Chile met Peru."}\n'
        '{"id": "w2", "text": "Ghana met Togo."}\n',
    )
    build([tmp_path / "in"], store=tmp_path / "s", out=tmp_path / "all.nq")
    with Store(tmp_path / "s", read_only=True) as store:
        sources = {
            row[0]: row[1]
            for row in store.select_values(
                "SELECT ?id ?source WHERE { ?d dcterms:identifier ?id ; dcterms:source ?source }"
            )
        }
    assert sources == {
        report_id(ARTICLE): "in/a.txt",
        "w1": "https://example.org/w1",
        "w2": "in/b.jsonl#L2",
    }
    assert str(tmp_path) not in (tmp_path / "all.nq").read_text(encoding="utf-8")


def report_id(text: str) -> str:
    from kg.ingest import document_id

    return document_id(text.strip())


def test_building_the_same_document_twice_changes_nothing(write, tmp_path) -> None:
    path = write("a.txt", ARTICLE)
    build([path], store=tmp_path / "s")
    with Store(tmp_path / "s", read_only=True) as store:
        first = sorted(map(str, store.oxigraph))
    build([path], store=tmp_path / "s")
    with Store(tmp_path / "s", read_only=True) as store:
        second = sorted(map(str, store.oxigraph))
    assert first == second


def test_surname_in_a_later_document_merges_with_the_full_name(write, tmp_path) -> None:
    build([write("b.txt", FOLLOW_UP)], store=tmp_path / "s")
    build([write("a.txt", ARTICLE)], store=tmp_path / "s")
    with Store(tmp_path / "s", read_only=True) as store:
        persons = {
            str(row["label"])
            for row in store.select(
                "SELECT ?label WHERE { ?p a kg:Person ; skos:prefLabel ?label }"
            )
        }
        alts = {
            str(row["alt"])
            for row in store.select(
                "SELECT ?alt WHERE { ?p a kg:Person ; skos:prefLabel 'Min-jun Park' ; skos:altLabel ?alt }"
            )
        }
    assert persons == {"Min-jun Park", "Claire Dubois"}
    assert "Park" in alts


def test_rejected_inputs_are_reported_and_good_ones_land(write, tmp_path) -> None:
    good = write("good.txt", ARTICLE)
    bad = write("bad.txt", b"\x00\x01\x02binary")
    seen = []
    report = build(
        [good, bad, tmp_path / "missing.md"], store=tmp_path / "s", on_reject=seen.append
    )
    assert report.documents == 1
    assert [e.source for e in report.rejected] == [str(bad), str(tmp_path / "missing.md")]
    assert seen == report.rejected


def test_out_file_is_written_in_the_format_of_its_extension(write, tmp_path) -> None:
    import rdflib

    report = build([write("a.txt", ARTICLE)], store=tmp_path / "s", out=tmp_path / "g.nq")
    assert report.out == tmp_path / "g.nq"
    dataset = rdflib.Dataset()
    dataset.parse(tmp_path / "g.nq", format="nquads")
    assert len(list(dataset.quads())) == report.triples


def test_missing_model_fails_before_touching_the_store(write, tmp_path) -> None:
    with pytest.raises(ModelError):
        build([write("a.txt", ARTICLE)], store=tmp_path / "s", model="no_such_model_xyz")


def test_an_article_past_max_chars_is_rejected_and_the_rest_lands(write, tmp_path) -> None:
    long_line = json.dumps({"id": "dump", "text": "Chile met Peru. " * 100})
    short_line = json.dumps({"id": "wire", "text": "Chile met Peru on Monday."})
    corpus = write("wire.jsonl", f"{short_line}\n{long_line}\n")
    big = write("big.txt", ARTICLE * 20)
    report = build([corpus, big, write("a.txt", ARTICLE)], store=tmp_path / "s", max_chars=1000)
    assert report.documents == 2
    assert [(e.source, e.line) for e in report.rejected] == [(str(corpus), 2), (str(big), None)]
    assert "article text of 1,599 characters is longer than the limit of 1,000" in str(
        report.rejected[0]
    )
    unlimited = build([corpus, big], store=tmp_path / "s2", max_chars=0)
    assert unlimited.documents == 3 and not unlimited.rejected


def test_the_default_size_limit_is_a_million_characters(write, tmp_path) -> None:
    from kg.ingest import DEFAULT_MAX_CHARS

    assert DEFAULT_MAX_CHARS == 1_000_000
    huge = write("huge.txt", "Chile met Peru.\n\n" + "x " * 500_001)
    report = build([huge], store=tmp_path / "s")
    assert report.documents == 0 and [e.source for e in report.rejected] == [str(huge)]


def _wire(tmp_path, count: int):
    lines = [
        json.dumps({"id": f"w{n:02d}", "text": f"Chile met Peru in Lima on day {n}."})
        for n in range(count)
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored_documents(path) -> int:
    with Store(path, read_only=True) as store:
        rows = store.select_values(
            "SELECT (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?g a kg:Document } }"
        )
    return int(rows[0][0])


def test_the_store_is_written_on_a_second_thread_while_the_next_batch_is_parsed(
    tmp_path, monkeypatch
) -> None:
    import threading

    import kg.build as kg_build

    next_batch_parsed = threading.Event()
    writers: list[str] = []
    parse = kg_build.graphs_for
    replace = Store.replace_lines

    def parsing(*args, **kwargs):
        for number, graph in enumerate(parse(*args, **kwargs), 1):
            if number > kg_build.CHUNK:
                next_batch_parsed.set()
            yield graph

    def writing(self, graphs):
        writers.append(threading.current_thread().name)
        # the first batch is committed only once the parse of the second has begun,
        # which cannot happen if the parse waits for the write
        assert next_batch_parsed.wait(timeout=120), "the parse waited for the store"
        return replace(self, graphs)

    monkeypatch.setattr(kg_build, "graphs_for", parsing)
    monkeypatch.setattr(Store, "replace_lines", writing)
    heard = []
    report = build([_wire(tmp_path, 40)], store=tmp_path / "s", on_document=heard.append)
    assert report.documents == 40 and len(heard) == 40
    assert len(writers) == 3 and threading.main_thread().name not in writers
    assert _stored_documents(tmp_path / "s") == 40


def test_a_failed_store_write_stops_the_build_with_one_error_and_keeps_whole_batches(
    tmp_path, monkeypatch
) -> None:
    from kg.errors import KgError

    replace = Store.replace_lines
    calls = []

    def failing_second(self, graphs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return replace(self, graphs)

    monkeypatch.setattr(Store, "replace_lines", failing_second)
    heard = []
    with pytest.raises(
        KgError,
        match=r"writing wire.jsonl#L17, wire.jsonl#L18, wire.jsonl#L19 to the store failed: disk full",
    ):
        build([_wire(tmp_path, 60)], store=tmp_path / "s", on_document=heard.append)
    assert len(calls) == 2  # nothing written after the failure
    assert [graph.document.id for graph in heard] == [f"w{n:02d}" for n in range(16)]
    assert _stored_documents(tmp_path / "s") == 16


def test_an_interrupted_build_keeps_whole_batches_and_reports_what_it_kept(
    tmp_path, monkeypatch
) -> None:
    import kg.build as kg_build

    parse = kg_build.graphs_for

    def interrupted(*args, **kwargs):
        for number, graph in enumerate(parse(*args, **kwargs), 1):
            if number == 2 * kg_build.CHUNK + 3:
                raise KeyboardInterrupt
            yield graph

    monkeypatch.setattr(kg_build, "graphs_for", interrupted)
    heard = []
    with pytest.raises(KeyboardInterrupt):
        build([_wire(tmp_path, 60)], store=tmp_path / "s", on_document=heard.append)
    stored = _stored_documents(tmp_path / "s")
    assert stored % kg_build.CHUNK == 0 and stored <= 2 * kg_build.CHUNK
    assert len(heard) <= stored


def test_a_long_document_reports_its_parse_window_by_window_before_it_is_stored(
    write, tmp_path
) -> None:
    from kg.nlp import WINDOW_CHARS

    paragraph = (
        "Chile's Foreign Minister Elena Soto met Peru's Trade Minister Jorge Palma in Lima. "
        "Soto said Chile would negotiate with Peru on copper quotas.\n\n"
    )
    text = "Copper talks\n\n" + paragraph * (3 * WINDOW_CHARS // len(paragraph))
    heard: list[tuple[str, int]] = []
    report = build(
        [write("long.txt", text), write("short.txt", ARTICLE)],
        store=tmp_path / "s",
        on_parsed=lambda document, chars: heard.append((document.source, chars)),
        on_document=lambda graph: heard.append(("stored", graph.document.source)),  # type: ignore[arg-type]
    )
    assert report.documents == 2
    long_parsed = [chars for source, chars in heard if source == "long.txt"]
    # a window at a time, growing, to the whole text, before anything is stored
    assert len(long_parsed) >= 3 and long_parsed == sorted(long_parsed)
    assert long_parsed[0] <= WINDOW_CHARS and long_parsed[-1] == len(text.strip())
    assert heard.index(("long.txt", long_parsed[-1])) < heard.index(("stored", "long.txt"))
    assert heard[-2:] == [("stored", "long.txt"), ("stored", "short.txt")]


def test_the_progress_bar_moves_within_a_long_document_and_never_back() -> None:
    from kg.cli import Advance
    from kg.ingest import Document

    long, short = Document("long", "x" * 1000), Document("short", "y" * 10)
    advance = Advance()
    assert [advance.parsed(long, chars) for chars in (250, 500, 1000)] == [0.25, 0.5, 1.0]
    assert advance.parsed(short, 10) == 1.0  # parsed while the long one waits to be stored
    assert advance.stored_one() == 1.0 and advance.stored_one() == 2.0
    assert advance.parsed(Document("next", "z" * 100), 50) == 2.5


def test_removing_a_document_leaves_what_a_build_without_it_gives(tmp_path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.documents import remove_documents

    follow_up = write_articles(tmp_path / "both" / "in", {"a": ARTICLE, "b": FOLLOW_UP})
    write_articles(tmp_path / "one" / "in", {"a": ARTICLE})
    build([tmp_path / "one" / "in"], store=tmp_path / "s1")
    build([tmp_path / "both" / "in"], store=tmp_path / "s2")
    runner = CliRunner()
    listed = runner.invoke(app, ["documents", "--store", str(tmp_path / "s2"), "-f", "json"])
    assert listed.exit_code == 0, listed.output
    documents = {row["title"]: row for row in json.loads(listed.stdout)}
    assert set(documents) == {"Korea and Canada open farm talks", "Farm talks continue"}
    assert documents["Farm talks continue"]["source"] == "in/b.txt"
    assert documents["Korea and Canada open farm talks"]["entities"] >= 4
    gone = runner.invoke(app, ["remove", "nope", "--store", str(tmp_path / "s2")])
    assert gone.exit_code == 1 and "no document with id 'nope'" in gone.output
    removed = runner.invoke(
        app, ["remove", documents["Farm talks continue"]["id"], "--store", str(tmp_path / "s2")]
    )
    assert removed.exit_code == 0 and "removed 1 document" in removed.output
    assert follow_up["b"].exists()

    def quads(path):  # type: ignore[no-untyped-def]
        with Store(path, read_only=True) as store:
            return {str(q) for q in store.oxigraph.quads_for_pattern(None, None, None, None)}

    assert quads(tmp_path / "s1") == quads(tmp_path / "s2")
    # removing the article with the full name: the other's "Park" stands alone again
    write_articles(tmp_path / "two" / "in", {"b": FOLLOW_UP})
    build([tmp_path / "two" / "in"], store=tmp_path / "s3")
    build([tmp_path / "both" / "in"], store=tmp_path / "s4")
    with Store(tmp_path / "s4") as store:
        remove_documents(store, [documents["Korea and Canada open farm talks"]["id"]])
    assert quads(tmp_path / "s3") == quads(tmp_path / "s4")
