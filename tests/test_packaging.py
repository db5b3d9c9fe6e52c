"""The wheel carries ontologies/ and the HTML template, and an installed kg finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("kg-*.whl")
    return built


def test_wheel_holds_ontology_data_and_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "kg/ontologies/kg.ttl",
        "kg/ontologies/shapes.ttl",
        "kg/ontologies/queries/who-negotiates-with-whom.rq",
        "kg/ontologies/patterns/entities.jsonl",
        "kg/ontologies/gazetteers/countries.tsv",
        "kg/templates/graph.html.j2",
        "kg/py.typed",
    ):
        assert required in names, required


def test_installed_package_finds_its_ontology(wheel: Path, tmp_path: Path) -> None:
    zipfile.ZipFile(wheel).extractall(tmp_path)
    found = subprocess.run(
        [sys.executable, "-c", "import kg.ontology as o; print(o.ontology_dir())"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": ""},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(found) == tmp_path / "kg" / "ontologies"
