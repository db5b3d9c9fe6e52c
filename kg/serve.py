"""``kg serve``: a SPARQL 1.1 Protocol endpoint over a store.

Oxigraph's server (``oxigraph serve-read-only``, from the ``oxigraph`` package, the
same version as pyoxigraph) evaluates the queries. It listens on a free loopback
port and has no Host check, no switch for SERVICE and no limit on what it sends,
so kg puts a small HTTP server of its own on HOST:PORT in front of it:

- it forwards the SPARQL endpoint (``/query``, and ``/sparql``, where the YASGUI
  page sends its queries) and the page itself; updates, the Graph Store Protocol
  and every other path are refused;
- the ``Host`` header must name this server (against DNS rebinding), and requests
  made by web pages of other origins are refused unless ``allow_origins`` lists
  them, which alone get ``Access-Control-Allow-Origin``;
- a query with a SERVICE clause is refused unless ``allow_service``;
- an answer is read whole, up to ``max_bytes`` and within ``timeout`` seconds, and
  only then sent, with its length: a client gets the complete document or an error
  status (413, 503), never a 200 with a cut document. (Oxigraph's own timeout
  sends a 200 whose body just stops, so it is set later than kg's.)

The Oxigraph process dies with kg serve, however that ends (on Linux the kernel
sends it SIGTERM: PR_SET_PDEATHSIG), SIGTERM and SIGINT stop both cleanly, and
the store's serve lock keeps writers out while it runs (`kg.store.lock_store`).
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO
from urllib.parse import parse_qs, urlencode, urlsplit

from kg.errors import KgError, StoreError, StoreInUseError
from kg.query import service_clause, service_refused
from kg.store import lock_store, writer_active

__all__ = ["oxigraph_binary", "serve", "serve_command"]

DEFAULT_PORT = 7878
DEFAULT_HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_BYTES = 100_000_000
#: The longest query text accepted (rdflib reads one that mentions SERVICE, slowly).
MAX_QUERY_BYTES = 1_000_000
#: Paths of the query page, forwarded as they are, and a bound on their size (about 1 MB).
PAGE = frozenset({"/", "/yasgui.min.css", "/yasgui.min.js", "/logo.svg"})
PAGE_BYTES = 10_000_000
ENDPOINTS = frozenset({"/query", "/sparql"})
#: Protocol parameters that choose the dataset; the only ones forwarded with a query.
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
#: Seconds Oxigraph's own timeout waits beyond kg's, so that kg's always ends first.
OXIGRAPH_GRACE = 5
CHUNK = 1 << 20
PR_SET_PDEATHSIG = 1

log = logging.getLogger(__name__)


def oxigraph_binary() -> str:
    """Path of the oxigraph server binary installed with kg."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KgError(
            "the oxigraph server is not installed; reinstall kg or 'pip install oxigraph' "
            "(the same version as pyoxigraph)"
        )
    return found


def serve_command(store: str | Path, *, port: int, timeout: float = DEFAULT_TIMEOUT) -> list[str]:
    """The oxigraph command line that serves ``store`` read-only on loopback ``port``,
    behind kg's front (no CORS: the front answers browsers)."""
    return [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(store),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout-s",
        str(math.ceil(timeout) + OXIGRAPH_GRACE),
    ]


@dataclass(frozen=True)
class Policy:
    """What the front lets through, and where it forwards it."""

    upstream: int
    hosts: frozenset[str]
    origins: frozenset[str] = frozenset()
    allow_service: bool = False
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """The ``Host`` header values that name a server bound to ``host``:``port``."""
    names = {"127.0.0.1", "localhost", "[::1]", host, *extra}
    bracketed = {
        f"[{name}]" if ":" in name and not name.startswith("[") else name for name in names
    }
    values = {f"{name}:{port}" for name in bracketed}
    if port == 80:  # browsers leave the default port out
        values |= bracketed
    return frozenset(value.lower() for value in values)


@dataclass
class Reply:
    """An HTTP answer, made whole before any of it is sent."""

    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def refusal(status: int, reason: str) -> Reply:
    return Reply(status, f"kg serve: {reason}\n".encode())


UPDATES_REFUSED = refusal(403, "this endpoint is read-only: updates are refused")


class Front(ThreadingHTTPServer):
    """The HTTP server clients talk to."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], policy: Policy) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.policy = policy
        super().__init__(address, Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        # a client that hangs up mid-answer is not kg's error
        log.debug("request from %s failed", client_address, exc_info=True)


class Handler(BaseHTTPRequestHandler):
    server: Front
    server_version = "kg-serve"
    #: seconds a client may take over each read or write of its connection
    timeout = 60

    def do_GET(self) -> None:
        self.send(self.answer())

    def do_POST(self) -> None:
        self.send(self.answer())

    def do_OPTIONS(self) -> None:
        self.send(self.guard() or Reply(204, b"", headers={"Allow": "GET, POST, OPTIONS"}))

    def do_HEAD(self) -> None:
        self.send(refusal(405, "use GET or POST"))

    def do_PUT(self) -> None:
        self.send(refusal(405, "this endpoint is read-only"))

    def do_DELETE(self) -> None:
        self.do_PUT()

    def do_PATCH(self) -> None:
        self.do_PUT()

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s " + format, self.address_string(), *args)

    # --- deciding ---------------------------------------------------------------------

    def guard(self) -> Reply | None:
        """A refusal for a request that names another host, or comes from a web page of
        an origin not allowed; None for the others."""
        policy = self.server.policy
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in policy.hosts:
            return refusal(
                403,
                f"Host '{host}' is not this server's name; use http://127.0.0.1:PORT/ "
                "or start kg serve with --allow-host NAME",
            )
        origin = self.headers.get("Origin")
        if origin is None or origin in policy.origins or origin.lower() == f"http://{host}":
            return None
        return refusal(
            403, f"requests from pages at {origin} are refused; allow them with --allow-origin"
        )

    def answer(self) -> Reply:
        refused = self.guard()
        if refused is not None:
            return refused
        url = urlsplit(self.path)
        if url.path in PAGE:
            if self.command != "GET":
                return refusal(405, "the query page takes GET")
            return self.forward("GET", url.path, None, {}, limit=PAGE_BYTES)
        if url.path not in ENDPOINTS:
            return refusal(404, "no such page; the SPARQL endpoint is /query, the query page /")
        request = self.query_request(url.query)
        if isinstance(request, Reply):
            return request
        query, dataset = request
        if not self.server.policy.allow_service and service_clause(query):
            return refusal(400, service_refused("kg serve --allow-service"))
        headers = {"Content-Type": "application/sparql-query; charset=utf-8"}
        if self.headers.get("Accept"):
            headers["Accept"] = self.headers["Accept"]
        path = "/query" + (f"?{urlencode(dataset, doseq=True)}" if dataset else "")
        return self.forward(
            "POST", path, query.encode("utf-8"), headers, limit=self.server.policy.max_bytes
        )

    def query_request(self, url_query: str) -> tuple[str, dict[str, list[str]]] | Reply:
        """The query text and dataset parameters of a SPARQL Protocol request, read the
        way kg forwards them (one query, as text), so Oxigraph runs what was checked."""
        # http.server decoded the request line as Latin-1: back to its bytes
        params = _form(url_query.encode("latin-1"))
        if self.command == "POST":
            kind = self.headers.get_content_type()
            body = self.body()
            if isinstance(body, Reply):
                return body
            if kind == "application/x-www-form-urlencoded":
                params = _form(body)
            elif kind == "application/sparql-query":
                text = _utf8(body)
                if params is None or "query" in params or text is None:
                    return refusal(400, "send the query once, as UTF-8 text in the body")
                params["query"] = [text]
            elif kind == "application/sparql-update":
                return UPDATES_REFUSED
            else:
                return refusal(
                    415,
                    "send the query as application/sparql-query or in a form "
                    "(application/x-www-form-urlencoded)",
                )
        if params is None:
            return refusal(400, "the parameters are not UTF-8")
        if "update" in params:
            return UPDATES_REFUSED
        queries = params.get("query", [])
        if len(queries) != 1:
            return refusal(400, "give one query, in the 'query' parameter")
        dataset = {name: params[name] for name in DATASET_PARAMETERS if name in params}
        return queries[0], dataset

    def body(self) -> bytes | Reply:
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            return refusal(411, "a POST needs a Content-Length")
        if int(length) > MAX_QUERY_BYTES:
            return refusal(413, f"the query is longer than {MAX_QUERY_BYTES:,} bytes")
        return self.rfile.read(int(length))

    # --- forwarding -------------------------------------------------------------------

    def forward(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str], *, limit: int
    ) -> Reply:
        """Oxigraph's whole answer, or a refusal when it would be longer than ``limit``
        bytes, take longer than the time limit, or end early."""
        policy = self.server.policy
        deadline = time.monotonic() + policy.timeout
        connection = http.client.HTTPConnection(
            "127.0.0.1", policy.upstream, timeout=policy.timeout
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            _settimeout(connection, deadline)
            response = connection.getresponse()
            chunks: list[bytes] = []
            size = 0
            while True:
                _settimeout(connection, deadline)
                chunk = response.read1(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    return refusal(
                        413,
                        f"the answer is larger than {limit:,} bytes (--max-bytes); "
                        "ask for fewer rows (LIMIT) or columns",
                    )
                chunks.append(chunk)
        except TimeoutError:
            return refusal(
                503, f"the query took longer than {policy.timeout:g} s (--timeout) and was stopped"
            )
        except (http.client.HTTPException, OSError) as error:
            return refusal(502, f"the query engine broke off its answer ({error})")
        finally:
            # closing stops Oxigraph too, its next write failing
            connection.close()
        content_type = response.getheader("Content-Type") or "application/octet-stream"
        return Reply(response.status, b"".join(chunks), content_type)

    def send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        origins = self.server.policy.origins
        if origins:
            self.send_header("Vary", "Origin")
            origin = self.headers.get("Origin")
            if origin in origins:
                self.send_header("Access-Control-Allow-Origin", origin)
                if self.command == "OPTIONS":
                    self.send_header("Access-Control-Allow-Methods", "GET, POST")
                    self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
                    self.send_header("Access-Control-Max-Age", "600")
                    if self.headers.get("Access-Control-Request-Private-Network") == "true":
                        # Chrome asks before a public page may reach a loopback server
                        self.send_header("Access-Control-Allow-Private-Network", "true")
        self.end_headers()
        if self.command != "HEAD":
            view = memoryview(reply.body)
            for start in range(0, len(view), CHUNK):  # each write within the client timeout
                self.wfile.write(view[start : start + CHUNK])


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _form(data: bytes) -> dict[str, list[str]] | None:
    """Form or URL parameters, None unless they are UTF-8, escaped bytes included."""
    text = _utf8(data)
    if text is None:
        return None
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return None


def _settimeout(connection: http.client.HTTPConnection, deadline: float) -> None:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    if connection.sock is not None:
        connection.sock.settimeout(remaining)


# --- the Oxigraph process --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _dies_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the kernel send the child SIGTERM when this process
    dies, however it dies (SIGKILL included); None where Linux's prctl is missing.

    The kernel watches the thread that starts the child, and `serve` keeps that thread
    until the child is stopped.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork
    parent = os.getpid()

    def arm() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return arm


def _start_oxigraph(command: list[str], output: IO[bytes]) -> subprocess.Popen[bytes]:
    # its own session: Ctrl-C in the terminal reaches kg serve, which stops it in order
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_dies_with_parent(),
    )


def _wait_until_listening(
    process: subprocess.Popen[bytes], port: int, output: IO[bytes], seconds: float = 30
) -> None:
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            output.seek(0)
            said = output.read().decode("utf-8", "replace").strip().splitlines()
            raise KgError(
                f"the Oxigraph server ended as it started (exit code {process.returncode})"
                + (f": {said[-1]}" if said else "")
            )
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        if time.monotonic() > deadline:
            raise KgError(f"the Oxigraph server did not start within {seconds:g} s")
        time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(
    store: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_origins: Iterable[str] = (),
    allow_hosts: Iterable[str] = (),
    allow_service: bool = False,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the store until SIGTERM or SIGINT (Ctrl-C), then stop cleanly.

    ``on_ready`` gets the server's URL once it answers. Raises KgError when the
    store cannot be served or the Oxigraph server stops by itself.
    """
    path = Path(store)
    if not (path / "CURRENT").is_file():
        raise StoreError(f"no store at {path}; build one first with 'kg build PATH --store {path}'")
    with lock_store(path, exclusive=False):
        if writer_active(path):  # a writer from before the serve lock existed
            raise StoreInUseError(
                f"the store at {path} is being written by another kg process; serve it when "
                "that ends"
            )
        upstream = _free_port()
        policy = Policy(
            upstream=upstream,
            hosts=allowed_hosts(host, port, allow_hosts),
            origins=frozenset(origin.rstrip("/") for origin in allow_origins),
            allow_service=allow_service,
            timeout=timeout,
            max_bytes=max_bytes,
        )
        try:
            front = Front((host, port), policy)
        except OSError as error:
            raise KgError(f"cannot listen on {host}:{port}: {error.strerror or error}") from error
        with front, tempfile.TemporaryFile() as output:
            process = _start_oxigraph(serve_command(path, port=upstream, timeout=timeout), output)
            # a byte through a pipe wakes the main thread: a signal handler may take no lock
            wake_read, wake_write = os.pipe()
            watcher = threading.Thread(target=_report_end, args=(process, wake_write), daemon=True)
            try:
                _wait_until_listening(process, upstream, output)
                watcher.start()
                bound = f"[{host}]" if ":" in host else host
                url = f"http://{bound}:{front.server_address[1]}/"
                why = _run(front, wake_read, wake_write, url, on_ready)
            finally:
                _stop(process)
                if watcher.is_alive():
                    watcher.join()
                os.close(wake_read)
                os.close(wake_write)
    if why == b"o":
        raise KgError(f"the Oxigraph server stopped by itself (exit code {process.returncode})")


def _report_end(process: subprocess.Popen[bytes], wake: int) -> None:
    process.wait()
    os.write(wake, b"o")


def _run(
    front: Front,
    wake_read: int,
    wake_write: int,
    url: str,
    on_ready: Callable[[str], None] | None,
) -> bytes:
    """Serve until a signal stops kg serve (b"s") or Oxigraph ends (b"o")."""
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        for number in (signal.SIGTERM, signal.SIGINT):
            handlers[number] = signal.signal(number, lambda *_: os.write(wake_write, b"s"))
    threading.Thread(target=front.serve_forever, daemon=True).start()
    try:
        if on_ready is not None:
            on_ready(url)
        return os.read(wake_read, 1)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        front.shutdown()
