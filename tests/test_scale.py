"""The dask executor: a LocalCluster of two workers gives the store a local build gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.errors import KgError
from kg.store import Store

pytest.importorskip("dask.distributed", reason="the dask executor needs kg[scale]")

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


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    path = write("a.txt", ARTICLES["a.txt"])
    with pytest.raises(KgError, match="no Dask scheduler answers at tcp://127.0.0.1:9"):
        build([path], store=tmp_path / "s", executor="dask", scheduler="tcp://127.0.0.1:9")
