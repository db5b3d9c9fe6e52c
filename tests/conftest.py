"""Shared fixtures: one spaCy pipeline per session, small stores built from texts
written for the tests, and the example corpus built once."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"


def required(variable: str) -> bool:
    """CI sets KG_REQUIRE_BROWSER / KG_REQUIRE_NOTEBOOK: a missing tool then fails the test."""
    return os.environ.get(variable, "") not in {"", "0"}


def skip_or_fail(variable: str, reason: str) -> None:
    if required(variable):
        pytest.fail(f"{reason} (required because {variable} is set)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp):  # type: ignore[no-untyped-def]
    from kg.extract import Extractor

    return Extractor(nlp)


@pytest.fixture(scope="session")
def extract(extractor) -> Callable[..., object]:  # type: ignore[no-untyped-def]
    """Extract from a text written for a test: extract("Japan met Korea.")."""
    import datetime as dt

    from kg.ingest import Document, document_id

    def run(text: str, published: str | None = "2026-03-04"):  # type: ignore[no-untyped-def]
        document = Document(
            id=document_id(text),
            text=text,
            title="test",
            published=dt.date.fromisoformat(published) if published else None,
        )
        return extractor.extract_text(document)

    return run


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example corpus built once into a store (opened per test, read-only)."""
    from kg.build import build

    path = tmp_path_factory.mktemp("examples") / "store"
    build([EXAMPLES], store=path)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def store_copy(examples_store: Path, tmp_path: Path) -> Path:
    """A writable copy of the examples store for tests that change it."""
    target = tmp_path / "store"
    shutil.copytree(examples_store, target)
    return target


@pytest.fixture
def ontology_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ontologies/ that kg reads instead of the repository's for the test."""
    import kg.ontology

    copy = tmp_path / "ontologies"
    shutil.copytree(kg.ontology.ontology_dir(), copy)
    monkeypatch.setattr(kg.ontology, "ontology_dir", lambda: copy)
    return copy


def append_lines(path: Path, lines: list[str]) -> int:
    """Append lines to a text file; return the line number of the first."""
    old = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*old, *lines]) + "\n", encoding="utf-8")
    return len(old) + 1


def write_articles(folder: Path, articles: dict[str, str]) -> dict[str, Path]:
    """Write each article as ``folder/<name>.txt``; return the paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in articles.items():
        paths[name] = folder / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]], *, gzip: bool) -> Path:
    """A web archive of HTTP responses: (url, content type, body, WARC date) each,
    each after the request that fetched it, as crawlers write them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, content_type, body, date in records:
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "x")], is_http_request=True
                ),
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(request)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(response)
    return path


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under the test's temporary folder and return its path."""

    def run(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return run


class Endpoint:
    """A local HTTP server that records the requests a SERVICE clause makes."""

    def __init__(self) -> None:
        import http.server
        import threading

        calls: list[str] = []
        self.calls = calls

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                calls.append(self.path)
                self.send_response(500)
                self.end_headers()

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    """Where a SERVICE clause can point: it records the calls and answers 500."""
    server = Endpoint()
    yield server
    server.server.shutdown()
    server.server.server_close()
