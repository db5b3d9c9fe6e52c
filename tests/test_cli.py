"""One end-to-end test per command, through typer's CliRunner."""

from __future__ import annotations

import json
from collections import Counter

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_build_then_stats_query_rank_viz(tmp_path, write) -> None:
    write(
        "in/a.md",
        "---\ntitle: A\ndate: 2026-02-02\n---\nJapan's Trade Minister Kenji Sato held talks with Canada's Trade Minister Anne Roy in Tokyo.\n",
    )
    store = str(tmp_path / "s")
    result = run("build", str(tmp_path / "in"), "--store", store, "--out", str(tmp_path / "g.trig"))
    assert result.exit_code == 0, result.output
    assert "built 1 document" in result.output
    assert (tmp_path / "g.trig").stat().st_size > 0

    stats = json.loads(run("stats", "--store", store, "--format", "json").output)
    assert stats["documents"] == 1 and stats["entities"]["Person"] == 2

    result = run("query", "who-negotiates-with-whom", "--store", store, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Kenji Sato" in result.output and "Anne Roy" in result.output

    ranked = json.loads(run("rank", "--store", store, "--format", "json", "--top", "3").output)
    assert len(ranked) == 3 and set(ranked[0]) == {"iri", "label", "class", "score"}

    result = run("viz", "--store", store, "--out", str(tmp_path / "g.html"))
    assert result.exit_code == 0, result.output
    assert "Kenji Sato" in (tmp_path / "g.html").read_text()


def test_build_from_stdin(tmp_path) -> None:
    result = run(
        "build", "-", "--store", str(tmp_path / "s"), input="Brazil met Argentina on Monday.\n"
    )
    assert result.exit_code == 0, result.output


def test_bad_input_exits_non_zero_without_traceback(tmp_path, write) -> None:
    good = write("good.txt", "Chile and Peru held talks.")
    result = run("build", str(good), str(tmp_path / "missing.txt"), "--store", str(tmp_path / "s"))
    assert result.exit_code == 2
    assert "missing.txt: no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_errors_are_one_line_not_tracebacks(tmp_path) -> None:
    result = run("query", "SELECT ?x WHERE {", "--store", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert "kg: error: no store at" in result.output and "Traceback" not in result.output


def test_query_list_names_the_queries() -> None:
    result = run("query", "--list")
    assert result.exit_code == 0
    assert "who-negotiates-with-whom" in result.output and "evidence-for" in result.output


def test_unknown_out_format_fails_before_building(tmp_path, write) -> None:
    result = run(
        "build",
        str(write("a.txt", "Chile met Peru.")),
        "--store",
        str(tmp_path / "s"),
        "--out",
        str(tmp_path / "g.docx"),
    )
    assert result.exit_code == 1 and "unknown RDF format" in result.output
    assert not (tmp_path / "s").exists()


def test_the_readme_reference_lists_every_command() -> None:
    import re

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = readme.split("## Command reference", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `kg ([a-z-]+)", reference, re.MULTILINE))
    commands = {
        command.name or command.callback.__name__.replace("_", "-")  # type: ignore[union-attr]
        for command in app.registered_commands
    }
    assert documented == commands


def test_a_new_text_under_a_stored_id_is_reported_as_replaced(tmp_path, write) -> None:
    store = str(tmp_path / "s")
    first = write("one.jsonl", '{"id": "w-9", "text": "Chile met Peru."}\n')
    second = write("two.jsonl", '{"id": "w-9", "text": "Bolivia met Ecuador."}\n')
    assert "replaced" not in run("build", str(first), "--store", store).output
    result = run("build", str(second), "--store", store)
    assert result.exit_code == 0, result.output
    assert "replaced document 'w-9'" in result.output


def test_max_chars_skips_a_long_article_and_names_its_line(tmp_path, write) -> None:
    lines = [
        json.dumps({"text": "Chile and Peru held talks."}),
        json.dumps({"text": "Chile and Peru held talks again. " * 10}),
    ]
    corpus = write("wire.jsonl", "\n".join(lines) + "\n")
    store = str(tmp_path / "s")
    result = run("build", str(corpus), "--store", store, "--max-chars", "100", "-q")
    assert result.exit_code == 2
    assert (
        f"skipped {corpus}:2: article text of 329 characters is longer than the limit of 100 (--max-chars; 0 means no limit)"
        in " ".join(result.output.split())
    )
    assert "built 1 document" in result.output and "1 input rejected" in result.output
    assert run("build", str(corpus), "--store", store, "--max-chars", "0").exit_code == 0
    assert run("build", str(corpus), "--store", store, "--max-chars", "-1").exit_code == 2


def test_version_and_help_metavars() -> None:
    from kg import __version__

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"kg {__version__}\n"
    for command in ("query", "communities", "export-graph", "serve"):
        shown = CliRunner().invoke(app, [command, "--help"]).output
        assert "<list[str]>" not in shown, command
    communities = CliRunner().invoke(app, ["communities", "--help"]).output
    assert "--since DATE" in communities and "on or after this date" in communities


def test_every_command_names_its_values_readably_and_explains_every_option() -> None:
    import re

    import typer

    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert len(commands) >= 17
    for name, command in commands.items():
        for param in command.params:
            assert param.help, f"kg {name}: {param.name} has no help text"
        shown = runner.invoke(app, [name, "--help"], terminal_width=400, max_content_width=400)
        assert shown.exit_code == 0, shown.output
        sections = re.split(r"^(Arguments|Options):$", shown.output, flags=re.M)
        # a row's name starts two spaces in; a help too long for its line goes on further in
        rows = [
            row for section in sections[2::2] for row in re.findall(r"^  (\S.*)$", section, re.M)
        ]
        assert len(rows) == len(command.params) + 1, (name, rows)  # and --help
        for row in rows:
            names = re.split(r"\s{2,}", row)[0]
            assert "<" not in names and "[" not in names, f"kg {name}: {names}"
    build_help = " ".join(run("build", "--help").output.split())
    assert "PATH... Files, folders" in build_help and "--store FOLDER" in build_help
    assert "--executor local|dask" in build_help and "--workers N" in build_help


def test_the_build_rate_is_measured_from_the_first_stored_document() -> None:
    from kg.cli import Rate

    rate = Rate()
    # a batch of 16 reported at once, 20 s after the start: no rate from it alone
    shown = [rate.update(done, 20.0 + done * 1e-6) for done in range(1, 17)]
    assert shown == [""] * 16
    # the next batch, 4 s later: 16 documents in 4 s
    assert rate.update(32, 24.0) == "4.0 docs/s"


def test_the_build_speed_of_one_long_document_is_in_words() -> None:
    from kg.cli import _speed

    assert _speed(415, 186_589, 55.9) == "7.4 docs/s"
    # one long text in 30 s is no "0.0 docs/s"
    assert _speed(1, 46_048, 30.3) == "1,520 words/s"


def test_import_counts_in_words(tmp_path) -> None:
    one = tmp_path / "one.ttl"
    one.write_text("<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n")
    result = run("import", str(one), "--store", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    assert f"imported 1 quad from {one}" in result.output and "1 quads" not in result.output


def test_communities_leave_out_singletons_unless_asked(examples_store) -> None:
    store = ["--store", str(examples_store), "--format", "json"]
    listed = json.loads(run("communities", *store).stdout)
    everyone = json.loads(run("communities", *store, "--min-size", "1").stdout)
    sizes = Counter(row["community"] for row in listed)
    assert listed and min(sizes.values()) >= 2
    assert len(everyone) > len(listed)
    assert "left out (--min-size 1 lists them)" in run("communities", *store).stderr


def test_serving_a_missing_store_fails_before_announcing_anything(tmp_path) -> None:
    result = run("serve", "--store", str(tmp_path / "nothere"))
    assert result.exit_code == 1
    assert "no store at" in result.output and "kg: serving" not in result.output


def test_rank_all_prints_every_measure(examples_store, tmp_path) -> None:
    import shutil

    from kg.analyze import MEASURES

    store = tmp_path / "s"
    shutil.copytree(examples_store, store)
    result = run("rank", "--store", str(store), "--all", "--top", "3", "-f", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split(",")[3:] == ["prominence", *(m for m in MEASURES if m != "prominence")]
    assert len(lines) == 4
    assert " M." not in run("rank", "--help").output


def test_reading_commands_start_without_loading_spacy() -> None:
    """`kg rank`, `kg viz`, `kg query` and `kg --help` read the store only: loading
    spaCy (most of a second) is for building."""
    import subprocess
    import sys

    code = (
        "import sys, kg.cli, kg.viz, kg.analyze, kg.store, kg.trend; print('spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
