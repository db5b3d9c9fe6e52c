"""kg serve (a real Oxigraph SPARQL endpoint over a store) and kg push (Graph Store
Protocol into a read-write Oxigraph server), exercised with a real HTTP client."""

from __future__ import annotations

import csv
import io
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest

from kg.serve import oxigraph_binary, serve_command

pytestmark = pytest.mark.slow

COUNT = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://w3id.org/newskg/ontology#Person> }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not come up")


@pytest.fixture
def served(store_copy: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store_copy), "--port", str(port)],
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/query")
        yield base, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def persons_in(store: Path) -> int:
    from kg.query import run_query
    from kg.store import Store

    with Store(store, read_only=True) as opened:
        [[value]] = run_query(opened, COUNT).rows
    return int(value)  # type: ignore[arg-type]


def test_sparql_protocol_get_and_post_in_four_formats(served, store_copy) -> None:
    base, _ = served
    answer = httpx.get(
        f"{base}/query",
        params={"query": COUNT},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200
    persons_in_served = int(answer.json()["results"]["bindings"][0]["n"]["value"])
    assert persons_in_served > 10

    xml = httpx.post(
        f"{base}/query", data={"query": COUNT}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert xml.status_code == 200
    values = [e.text for e in ElementTree.fromstring(xml.text).iter() if e.tag.endswith("literal")]
    assert values == [str(persons_in_served)]

    csv_answer = httpx.post(
        f"{base}/query",
        content=COUNT,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert list(csv.reader(io.StringIO(csv_answer.text)))[1] == [str(persons_in_served)]

    tsv = httpx.get(
        f"{base}/query", params={"query": COUNT}, headers={"Accept": "text/tab-separated-values"}
    )
    assert tsv.text.splitlines()[1].startswith(str(persons_in_served))
    assert persons_in_served == persons_in(store_copy)


def test_served_default_graph_is_the_deduplicated_union(served, store_copy) -> None:
    base, _ = served
    query = "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/newskg/id/country/USA> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    answer = httpx.get(
        f"{base}/query",
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == "1"


def test_query_page_is_served_and_updates_are_refused(served) -> None:
    base, _ = served
    page = httpx.get(f"{base}/")
    assert page.status_code == 200 and "yasgui" in page.text.lower()
    update = httpx.post(
        f"{base}/update",
        content="INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert update.status_code >= 400
    store_put = httpx.put(
        f"{base}/store?default",
        content="<http://e/a> <http://e/b> <http://e/c> .",
        headers={"Content-Type": "application/n-triples"},
    )
    assert store_put.status_code >= 400


def test_loopback_by_default_and_ctrl_c_stops_cleanly(served) -> None:
    base, process = served
    assert serve_command("s")[serve_command("s").index("--bind") + 1].startswith("127.0.0.1:")
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=15) == 0
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=2)
    assert b"Traceback" not in (process.stderr.read() if process.stderr else b"")


def test_push_sends_every_graph_to_a_graph_store(store_copy: Path, tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            oxigraph_binary(),
            "serve",
            "--location",
            str(tmp_path / "remote"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query")
        from kg.push import push
        from kg.store import Store

        with Store(store_copy, read_only=True) as store:
            report = push(store, f"http://127.0.0.1:{port}/store")
            graphs = len(store.graphs())
            quads = len(store)
        assert report.graphs == graphs
        answer = httpx.get(
            f"http://127.0.0.1:{port}/query",
            params={
                "query": "SELECT (COUNT(DISTINCT ?g) AS ?g) (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
            },
            headers={"Accept": "application/sparql-results+json"},
        ).json()["results"]["bindings"][0]
        assert int(answer["g"]["value"]) == graphs and int(answer["n"]["value"]) == quads
        # pushing again replaces, it does not duplicate
        with Store(store_copy, read_only=True) as store:
            push(store, f"http://127.0.0.1:{port}/store")
        again = httpx.get(
            f"http://127.0.0.1:{port}/query",
            params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "application/sparql-results+json"},
        ).json()["results"]["bindings"][0]
        assert int(again["n"]["value"]) == quads
    finally:
        server.kill()
        server.wait()


def test_push_to_nowhere_is_a_clear_error(store_copy: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(
        app,
        ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--store", str(store_copy)],
    )
    assert result.exit_code == 1
    assert "cannot reach" in result.output and "Traceback" not in result.output
