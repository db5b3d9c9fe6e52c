"""The Oxigraph-backed store: replacing graphs, registry, stats, export, locking."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.errors import StoreError, StoreInUseError
from kg.store import Store, format_for, lock_store
from kg.vocab import KG, KGR, RDF, SKOS

DOC = KGR["doc/t1"]
PERSON = KGR["person/aiko-tanaka"]


def triples(label: str = "Aiko Tanaka") -> list:  # type: ignore[type-arg]
    return [
        (DOC, RDF.type, KG.Document),
        (PERSON, RDF.type, KG.Person),
        (PERSON, SKOS.prefLabel, Literal(label)),
        (PERSON, SKOS.altLabel, Literal("Tanaka")),
        (PERSON, KG.mentionedIn, DOC),
    ]


def test_replacing_a_graph_twice_leaves_one_copy(tmp_path) -> None:
    with Store(tmp_path / "s") as store:
        store.replace_graph(DOC, triples())
        first = len(store)
        store.replace_graph(DOC, triples())
        assert len(store) == first == 5
        store.replace_graph(DOC, triples("Aiko Tanaka-Sato"))
        labels = {str(r["l"]) for r in store.select("SELECT ?l WHERE { ?s skos:prefLabel ?l }")}
        assert labels == {"Aiko Tanaka-Sato"}


def test_stats_count_documents_entities_and_quads(tmp_path) -> None:
    with Store(tmp_path / "s") as store:
        store.replace_graph(DOC, triples())
        stats = store.stats()
    assert (stats.documents, stats.quads, stats.entities) == (1, 5, {"Person": 1})


@pytest.mark.parametrize("fmt", ["trig", "nq", "ttl", "nt", "jsonld"])
def test_export_round_trips(tmp_path, fmt) -> None:
    import rdflib

    with Store(tmp_path / "s") as store:
        store.replace_graph(DOC, triples())
        out = tmp_path / f"out.{fmt}"
        store.export(out)
    if fmt in {"trig", "nq"}:
        dataset = rdflib.Dataset()
        dataset.parse(out, format={"trig": "trig", "nq": "nquads"}[fmt])
        assert len(list(dataset.quads((None, None, None, URIRef(DOC))))) == 5
    else:
        graph = rdflib.Graph().parse(
            out, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
        )
        assert len(graph) == 5


def test_unknown_format_is_refused() -> None:
    with pytest.raises(StoreError, match="unknown RDF format"):
        format_for("graph.docx")


def test_second_writer_and_readers_get_store_in_use(tmp_path) -> None:
    with Store(tmp_path / "s") as store:
        store.replace_graph(DOC, triples())
        with pytest.raises(StoreInUseError, match="being written") as refused:
            Store(tmp_path / "s")
        # it recommends nothing that the writer would refuse too
        assert "kg query" not in str(refused.value) and "another --store" in str(refused.value)
        with pytest.raises(StoreInUseError, match="being written"):
            Store(tmp_path / "s", read_only=True)
    with Store(tmp_path / "s", read_only=True) as reader:
        assert len(reader) == 5


def test_a_served_store_refuses_writers_and_a_written_one_refuses_servers(tmp_path) -> None:
    path = tmp_path / "s"
    with Store(path) as store:
        store.replace_graph(DOC, triples())
        with pytest.raises(StoreInUseError, match="being written"):
            lock_store(path, exclusive=False)
    # two servers share the lock; a writer is refused before it opens anything
    served = f"store at {path} is being served by kg serve"
    with (
        lock_store(path, exclusive=False),
        lock_store(path, exclusive=False),
        pytest.raises(StoreInUseError, match=served),
    ):
        Store(path)
    with Store(path) as store:
        assert len(store) == 5


def test_a_writer_in_another_process_is_detected(tmp_path) -> None:
    import subprocess
    import sys
    import time

    Store(tmp_path / "s").close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import kg.store, time; s = kg.store.Store({str(tmp_path / 's')!r}); print('open', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreInUseError):
            Store(tmp_path / "s", read_only=True)
        with pytest.raises(StoreInUseError):
            Store(tmp_path / "s")
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    with Store(tmp_path / "s", read_only=True):
        pass


def test_read_only_open_of_missing_store_says_how_to_build(tmp_path) -> None:
    with pytest.raises(StoreError, match="kg build"):
        Store(tmp_path / "none", read_only=True)


def test_folder_with_other_files_is_not_taken_for_a_store(tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a kg store"):
        Store(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_read_only_store_refuses_writes(tmp_path) -> None:
    with Store(tmp_path / "s") as store:
        store.replace_graph(DOC, triples())
    with (
        Store(tmp_path / "s", read_only=True) as reader,
        pytest.raises(StoreError, match="read-only"),
    ):
        reader.replace_graph(DOC, triples())


def test_import_rdf_from_elsewhere(tmp_path) -> None:
    source = tmp_path / "extra.ttl"
    source.write_text("<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n")
    with Store(tmp_path / "s") as store:
        store.load(source)
        assert store.graphs() == [KGR["import/extra.ttl"]]
        assert len(store) == 1
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .")
    with Store(tmp_path / "s") as store, pytest.raises(StoreError, match="bad.ttl"):
        store.load(bad)


def test_write_buffers_are_flushed_so_memory_stays_flat(tmp_path, monkeypatch) -> None:
    """Oxigraph keeps written quads in memory until flushed (about 1 KB each): a long
    build would grow with the corpus. The store flushes every FLUSH_EVERY quads."""
    import kg.store

    monkeypatch.setattr(kg.store, "FLUSH_EVERY", 500)
    flushes = []
    with Store(tmp_path / "s") as store:
        real = store._ox

        class Spy:
            def __getattr__(self, name):  # type: ignore[no-untyped-def]
                if name == "flush":
                    flushes.append(1)
                return getattr(real, name)

        store._ox = Spy()  # type: ignore[assignment]
        for n in range(10):
            lines = [f'<{KGR}e{n}-{i}> <{KG.evidence}> "sentence {i}" .' for i in range(100)]
            store.replace_lines([(KGR[f"doc/d{n}"], lines)])
        store._ox = real
    assert len(flushes) == 3  # 200 quads a write (graph + default): every third write
