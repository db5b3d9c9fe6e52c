"""The walkthrough notebook runs top to bottom (a failing cell fails the test) and is
stored without outputs."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, skip_or_fail

NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"


def test_the_notebook_is_stored_without_outputs() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.mark.notebook
def test_the_walkthrough_notebook_runs() -> None:
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError:
        skip_or_fail("KG_REQUIRE_NOTEBOOK", "nbclient is not installed")
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        KernelSpecManager().get_kernel_spec("python3")
    except Exception as error:  # no ipykernel: the kernel cannot start
        skip_or_fail("KG_REQUIRE_NOTEBOOK", f"no python3 Jupyter kernel ({error})")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    text = "\n".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )
    assert "12 articles" in text
    assert "Japan" in text and "United States" in text
    assert "<iframe srcdoc=" in json.dumps([c.get("outputs") for c in notebook.cells])
    warnings = [
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("name") == "stderr" and "Warning" in output.get("text", "")
    ]
    assert not warnings, warnings


def test_one_command_opens_the_notebook() -> None:
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert any(name.startswith("jupyterlab") for name in extras["notebook"])
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "notebook:" in makefile and ".[notebook]" in makefile
    assert "make notebook" in (ROOT / "README.md").read_text(encoding="utf-8")
