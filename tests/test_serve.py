"""kg serve (Oxigraph's SPARQL endpoint behind kg's own front) and kg push (Graph Store
Protocol into a read-write Oxigraph server), exercised with a real HTTP client and real
processes."""

from __future__ import annotations

import csv
import io
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.serve import oxigraph_binary, serve_command
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow

COUNT = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://w3id.org/newskg/ontology#Person> }"
CROSS = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON = {"Accept": "application/sparql-results+json"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    """Poll until ``condition`` holds; ``seconds`` only bounds a failing test."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {seconds:g} s")
        time.sleep(0.05)


def answers(url: str) -> bool:
    try:
        return httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its parent to reap it does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@dataclass
class Served:
    base: str
    port: int
    process: subprocess.Popen[bytes]
    engine: int  # the oxigraph process's id

    def stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read().decode()


@pytest.fixture
def launch() -> Iterator[Callable[..., Served]]:
    """Start ``python -m kg serve`` on a store; at the end, stop what still runs and
    check that no Oxigraph process outlives its kg serve."""
    started: list[subprocess.Popen[bytes]] = []
    engines: list[int] = []

    def start(store: Path, *options: str) -> Served:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port)]
            + list(options),
            stderr=subprocess.PIPE,
        )
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: answers(f"{base}/query") or process.poll() is not None, "no answer")
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        [engine] = children(process.pid)
        engines.append(engine)
        return Served(base, port, process, engine)

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()
    for engine in engines:
        wait_for(lambda engine=engine: not alive(engine), f"oxigraph {engine} still runs", 15)


@pytest.fixture
def served(launch, store_copy: Path) -> Served:
    return launch(store_copy)


def persons_in(store: Path) -> int:
    from kg.query import run_query
    from kg.store import Store

    with Store(store, read_only=True) as opened:
        [[value]] = run_query(opened, COUNT).rows
    return int(value)  # type: ignore[arg-type]


# --- the SPARQL protocol ---------------------------------------------------------------------


def test_sparql_protocol_get_and_post_in_four_formats(served: Served, store_copy: Path) -> None:
    base = served.base
    answer = httpx.get(f"{base}/query", params={"query": COUNT}, headers=JSON)
    assert answer.status_code == 200
    assert int(answer.headers["content-length"]) == len(answer.content)
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


def test_served_default_graph_is_the_deduplicated_union(served: Served) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/newskg/id/country/USA> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    answer = httpx.get(f"{served.base}/query", params={"query": query}, headers=JSON)
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == "1"


def test_query_page_is_served_and_updates_are_refused(served: Served) -> None:
    base = served.base
    page = httpx.get(f"{base}/")
    assert page.status_code == 200 and "yasgui" in page.text.lower()
    for asset in ("yasgui.min.js", "yasgui.min.css", "logo.svg"):
        assert httpx.get(f"{base}/{asset}").status_code == 200
    # the page sends its queries to /sparql as a form
    from_page = httpx.post(f"{base}/sparql", data={"query": "ASK {}"}, headers=JSON)
    assert from_page.json()["boolean"] is True
    insert = "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"
    for refused in (
        httpx.post(
            f"{base}/update", content=insert, headers={"Content-Type": "application/sparql-update"}
        ),
        httpx.post(
            f"{base}/sparql", content=insert, headers={"Content-Type": "application/sparql-update"}
        ),
        httpx.post(f"{base}/sparql", data={"update": insert}),
        httpx.put(
            f"{base}/store?default",
            content="<http://e/a> <http://e/b> <http://e/c> .",
            headers={"Content-Type": "application/n-triples"},
        ),
        httpx.get(f"{base}/store"),  # the whole store, past every limit
        httpx.get(f"{base}/sparql"),
    ):
        assert refused.status_code >= 400 and refused.text.startswith("kg serve: ")
    assert httpx.get(f"{base}/query", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


# --- who may ask -----------------------------------------------------------------------------


def test_no_cors_and_only_this_servers_host_by_default(served: Served) -> None:
    base, port = served.base, served.port
    plain = httpx.get(f"{base}/query", params={"query": "ASK {}"})
    assert plain.status_code == 200 and "access-control-allow-origin" not in plain.headers
    for origin in ("https://evil.example", "null"):
        page = httpx.get(f"{base}/query", params={"query": "ASK {}"}, headers={"Origin": origin})
        assert page.status_code == 403 and "--allow-origin" in page.text
        preflight = httpx.options(
            f"{base}/query",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        assert not any(name.startswith("access-control-") for name in preflight.headers)
    # the query page itself sends its own origin
    same = httpx.post(
        f"{base}/sparql", data={"query": "ASK {}"}, headers={"Origin": f"http://127.0.0.1:{port}"}
    )
    assert same.status_code == 200 and "access-control-allow-origin" not in same.headers
    # a DNS-rebinding page reaches this port under its own name
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", ""):
        rebound = httpx.get(f"{base}/query", params={"query": "ASK {}"}, headers={"Host": host})
        assert rebound.status_code == 403 and "Host" in rebound.text
    for host in (f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        named = httpx.get(f"{base}/query", params={"query": "ASK {}"}, headers={"Host": host})
        assert named.status_code == 200


def test_allowed_origins_and_hosts(launch, store_copy: Path) -> None:
    served = launch(
        store_copy, "--allow-origin", "https://yasgui.example", "--allow-host", "kg.example"
    )
    base, port = served.base, served.port
    allowed = {"Origin": "https://yasgui.example"}
    answer = httpx.get(f"{base}/query", params={"query": "ASK {}"}, headers=allowed)
    assert answer.headers["access-control-allow-origin"] == "https://yasgui.example"
    preflight = httpx.options(
        f"{base}/query",
        headers={
            **allowed,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Private-Network": "true",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "https://yasgui.example"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert preflight.headers["access-control-allow-private-network"] == "true"
    other = httpx.get(
        f"{base}/query", params={"query": "ASK {}"}, headers={"Origin": "https://evil.example"}
    )
    assert other.status_code == 403 and "access-control-allow-origin" not in other.headers
    named = httpx.get(
        f"{base}/query", params={"query": "ASK {}"}, headers={"Host": f"kg.example:{port}"}
    )
    assert named.status_code == 200


def test_service_is_refused_unless_allowed(launch, store_copy: Path, endpoint) -> None:
    served = launch(store_copy)
    federated = f"SELECT * {{ SERVICE <{endpoint.url}> {{ ?s ?p ?o }} }}"
    for refused in (
        httpx.get(f"{served.base}/query", params={"query": federated}),
        httpx.post(f"{served.base}/sparql", data={"query": federated}),
        httpx.post(
            f"{served.base}/query",
            content=federated.lower(),
            headers={"Content-Type": "application/sparql-query"},
        ),
    ):
        assert refused.status_code == 400 and "--allow-service" in refused.text
    assert endpoint.calls == []
    local = 'SELECT * { ?s ?p "Civil Service" }'
    assert httpx.get(f"{served.base}/query", params={"query": local}).status_code == 200

    allowing = launch(store_copy, "--allow-service")
    httpx.get(f"{allowing.base}/query", params={"query": federated})
    assert endpoint.calls == ["/sparql"]


# --- limits ----------------------------------------------------------------------------------


def test_limits_give_an_error_status_never_a_cut_document(launch, store_copy: Path) -> None:
    """Oxigraph's own timeout sends 200 and a body that just stops: kg's front must
    answer with a short error instead, whatever runs out first."""
    served = launch(store_copy, "--timeout", "1", "--max-bytes", "100000")
    small = httpx.get(f"{served.base}/query", params={"query": COUNT}, headers=JSON)
    assert small.status_code == 200 and int(small.json()["results"]["bindings"][0]["n"]["value"])
    too_big = httpx.get(
        f"{served.base}/query", params={"query": CROSS}, headers={"Accept": "text/csv"}
    )
    assert too_big.status_code == 413 and "--max-bytes" in too_big.text
    assert int(too_big.headers["content-length"]) == len(too_big.content) < 200
    started = time.monotonic()
    too_long = httpx.get(
        f"{served.base}/query",
        params={"query": CROSS.replace("*", "(COUNT(*) AS ?n)")},
        timeout=30,
    )
    assert too_long.status_code == 503 and "--timeout" in too_long.text
    assert time.monotonic() - started < 10
    # the query page is not an answer: the byte limit leaves it alone
    assert httpx.get(f"{served.base}/yasgui.min.js").status_code == 200

    # no byte limit in reach: the answer streams until the time limit stops it
    streaming = launch(store_copy, "--timeout", "1", "--max-bytes", str(4 * 10**9))
    cut = httpx.get(
        f"{streaming.base}/query",
        params={"query": CROSS},
        headers={"Accept": "text/csv"},
        timeout=30,
    )
    assert cut.status_code == 503 and "--timeout" in cut.text


# --- the processes ---------------------------------------------------------------------------


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_oxigraph_dies_with_kg_serve_however_it_ends(launch, store_copy: Path, how) -> None:
    served = launch(store_copy)
    assert alive(served.engine)
    served.process.send_signal(how)
    code = served.process.wait(timeout=15)
    assert code == (-signal.SIGKILL if how == signal.SIGKILL else 0)
    wait_for(lambda: not alive(served.engine), "oxigraph outlived kg serve", 15)
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{served.base}/query", params={"query": "ASK {}"}, timeout=2)
    if how != signal.SIGKILL:
        assert "Traceback" not in served.stderr()


def test_loopback_by_default(served: Served) -> None:
    command = serve_command("s", port=1)
    assert command[command.index("--bind") + 1] == "127.0.0.1:1"
    served.process.send_signal(signal.SIGINT)
    served.process.wait(timeout=15)
    said = served.stderr()
    assert f"at http://127.0.0.1:{served.port}/" in said


def test_a_build_into_a_served_store_is_refused(launch, store_copy: Path) -> None:
    before = persons_in(store_copy), sorted(p.name for p in store_copy.iterdir())
    served = launch(store_copy)
    result = CliRunner().invoke(
        app, ["build", str(EXAMPLES / "10-wto-round-opens.md"), "--store", str(store_copy)]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip() == (
        f"kg: error: the store at {store_copy} is being served by kg serve; "
        "stop the server, then write to it"
    )
    served.process.send_signal(signal.SIGTERM)
    served.process.wait(timeout=15)
    assert (persons_in(store_copy), sorted(p.name for p in store_copy.iterdir())) == before


def test_serving_a_store_being_written_is_refused(store_copy: Path) -> None:
    from kg.store import Store

    with Store(store_copy):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "kg",
                "serve",
                "--store",
                str(store_copy),
                "--port",
                str(free_port()),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "is being written by another kg process; serve it when that ends"
    )


# --- kg push ---------------------------------------------------------------------------------


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
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/query"), "no answer")
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
            headers=JSON,
        ).json()["results"]["bindings"][0]
        assert int(answer["g"]["value"]) == graphs and int(answer["n"]["value"]) == quads
        # pushing again replaces, it does not duplicate
        with Store(store_copy, read_only=True) as store:
            push(store, f"http://127.0.0.1:{port}/store")
        again = httpx.get(
            f"http://127.0.0.1:{port}/query",
            params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers=JSON,
        ).json()["results"]["bindings"][0]
        assert int(again["n"]["value"]) == quads
    finally:
        server.kill()
        server.wait()


def test_push_to_nowhere_is_a_clear_error(store_copy: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--store", str(store_copy)],
    )
    assert result.exit_code == 1
    assert "cannot reach" in result.output and "Traceback" not in result.output
