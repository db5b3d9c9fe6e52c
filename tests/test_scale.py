"""Scale-out: worker processes, and a Dask LocalCluster of two workers, give the
store a sequential build gives."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import pytest
from conftest import write_warc

from kg.build import build
from kg.errors import KgError
from kg.store import Store

needs_dask = pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="the dask executor needs kg[scale]"
)

ARTICLES = {
    "a.txt": "Chile and Peru resume copper talks\n\nChile's Foreign Minister Elena Soto met "
    "Peru's Trade Minister Jorge Palma in Lima on Tuesday. Soto said Chile would negotiate "
    "with Peru on copper quotas.\n",
    "b.txt": "Soto meets Brazil's minister\n\nBrazil's Agriculture Minister Rosa Lima held "
    "talks with Soto in Brasilia on Friday about wheat.\n",
    "c.txt": "Norway and Iceland on fisheries\n\nNorway's Fisheries Minister Ola Berg met "
    "Iceland's Foreign Minister Sigrun Olafsdottir to negotiate mackerel quotas. Norway "
    "imposed a 10% tariff on Icelandic fish.\n",
}


def quads(store_path: Path, out: Path) -> set[str]:
    with Store(store_path, read_only=True) as store:
        store.export(out)
    return set(out.read_text(encoding="utf-8").splitlines())


@needs_dask
def test_a_dask_build_equals_a_local_build(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    paths = [write(f"articles/{name}", text) for name, text in ARTICLES.items()]
    local = build(paths, store=tmp_path / "local")
    shards = tmp_path / "shards"
    distributed = build(paths, store=tmp_path / "dask", executor="dask", workers=2, shards=shards)
    assert distributed.documents == local.documents == 3
    assert distributed.entities == local.entities
    expected = quads(tmp_path / "local", tmp_path / "local.nq")
    assert quads(tmp_path / "dask", tmp_path / "dask.nq") == expected
    assert sorted(p.name for p in shards.iterdir()) == ["part-00000.nq"]

    # building again replaces the documents' graphs (now resolved against the names
    # the store knows), the same way on both executors
    build(paths[:2], store=tmp_path / "local")
    build(paths[:2], store=tmp_path / "dask", executor="dask", workers=2)
    again = quads(tmp_path / "local", tmp_path / "local-again.nq")
    assert quads(tmp_path / "dask", tmp_path / "dask-again.nq") == again
    assert len(again) <= len(expected) + 10  # replaced, not added


@needs_dask
def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    path = write("a.txt", ARTICLES["a.txt"])
    with pytest.raises(KgError, match="no Dask scheduler answers at tcp://127.0.0.1:9"):
        build([path], store=tmp_path / "s", executor="dask", scheduler="tcp://127.0.0.1:9")


def news_page(title: str, text: str) -> bytes:
    closing = (
        f"Officials said after the meeting that the talks ({title.lower()}) would go on "
        "next month, and that both delegations had asked their capitals for more time."
    )
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text}</p><p>{closing}</p></article></body></html>"
    ).encode()


def crawl(path: Path) -> Path:
    """A web archive of the articles as five HTML pages, an image between two."""
    pages = [(name, *text.split("\n\n", 1)) for name, text in ARTICLES.items()]
    pages.append(("d", "Kenya and Uganda sign pipeline accord", "Kenya's Energy Minister "
                  "Ruth Wanjiru met Uganda's Energy Minister Paul Okello in Nairobi on Monday. "
                  "Kenya and Uganda signed an accord on the oil pipeline."))  # fmt: skip
    pages.append(("e", "Ghana and Nigeria talk trade", "Ghana's Trade Minister Kofi Mensah "
                  "held talks with Nigeria's Trade Minister Musa Bello in Accra about cocoa."))  # fmt: skip
    records = []
    for name, title, text in pages:
        url = f"https://news.example/{name}"
        records.append((url, "text/html", news_page(title, text), "2026-05-03T09:00:00Z"))
        records.append(
            (f"{url}.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64), "2026-05-03T09:00:01Z")
        )
    return write_warc(path, records, gzip=True)


@pytest.mark.parametrize(
    "executor", ["workers", pytest.param("dask", marks=needs_dask)], ids=["workers", "dask"]
)
def test_a_web_archive_is_split_among_workers_into_the_graph_a_sequential_build_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, executor: str
) -> None:
    import kg.build
    import kg.scale

    path = crawl(tmp_path / "crawl.warc.gz")
    sequential = build([path], store=tmp_path / "sequential")
    assert sequential.documents == 5 and not sequential.rejected
    # two records a task, so that the archive's five pages go out as three
    monkeypatch.setattr(kg.build, "CHUNK", 2)
    monkeypatch.setattr(
        kg.scale, "dask_graphs", functools.partial(kg.scale.dask_graphs, partition=2)
    )
    shards = tmp_path / "shards"
    options = {"executor": "dask", "shards": shards} if executor == "dask" else {}
    split = build([path], store=tmp_path / "split", workers=2, **options)  # type: ignore[arg-type]
    assert (split.documents, split.entities, split.triples) == (
        sequential.documents, sequential.entities, sequential.triples,
    )  # fmt: skip
    expected = quads(tmp_path / "sequential", tmp_path / "sequential.nq")
    assert quads(tmp_path / "split", tmp_path / "split.nq") == expected
    if executor == "dask":
        assert len(list(shards.iterdir())) == 3
