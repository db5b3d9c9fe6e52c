"""``kg serve``: a SPARQL 1.1 Protocol endpoint over a store, by the Oxigraph server.

Runs ``oxigraph serve-read-only`` (the ``oxigraph`` package, same version as
pyoxigraph) on the store folder: ``/query`` answers GET and POST with JSON, XML,
CSV and TSV results, ``/`` is the YASGUI query page (bundled, offline), and
updates are refused. The default graph is the union of all documents, each
triple once; ``GRAPH`` patterns reach each document's graph. Bound to 127.0.0.1
unless told otherwise; Ctrl-C stops the server and returns cleanly.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

from kg.errors import KgError, StoreError, StoreInUseError
from kg.store import writer_active

__all__ = ["oxigraph_binary", "serve", "serve_command"]

DEFAULT_PORT = 7878
DEFAULT_HOST = "127.0.0.1"


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


def serve_command(
    store: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float | None = 60,
) -> list[str]:
    """The oxigraph command line that serves ``store`` read-only."""
    command = [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(store),
        "--bind",
        f"{host}:{port}",
        "--cors",
    ]
    if timeout:
        command += ["--timeout-s", str(int(timeout))]
    return command


def serve(
    store: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float | None = 60,
) -> int:
    """Serve the store until the server exits or Ctrl-C; return the exit status."""
    path = Path(store)
    if not (path / "CURRENT").is_file():
        raise StoreError(f"no store at {path}; build one first with 'kg build PATH --store {path}'")
    if writer_active(path):
        raise StoreInUseError(
            f"the store at {path} is being written by another kg process; serve it when that ends"
        )
    process = subprocess.Popen(serve_command(path, host=host, port=port, timeout=timeout))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 0
