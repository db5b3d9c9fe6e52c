"""HTML graphs of 500, 2,000 and 10,000 nodes: generation time and browser time to
interactive, against bare pyvis.

    .venv/bin/python benchmarks/viz.py [--sizes 500,2000,10000] [--json]

For each size an actor graph in kg's shape (see benchmarks/analytics.py, with
evidence sentences on every assertion) is bulk-loaded into a fresh store, then in
one run:

- kg: `kg.viz.render` with ``top`` set to the size, so every node is drawn
  (projection, scores, layout, evidence, page), and with the defaults (the 100 most
  prominent actors, as `kg viz` draws a graph this big unless told otherwise);
- bare pyvis: the same nodes and edges added with ``Network.add_node`` and
  ``add_edge`` and the page written with its own template (vis-network inlined so it
  can load offline), physics on as pyvis sets it;
- browser: each page opened in headless Chromium with the network off, timed from
  navigation to the moment it can be used (kg: its ``kgReady`` flag; pyvis: the end
  of physics stabilisation), capped at 60 s.

With ``--store PATH`` (a store built and ranked by kg, e.g. the BBC politics
articles): `kg viz`'s defaults on that store, the time to write the page and the
time until it is interactive in Chromium, against bare pyvis writing the same
nodes and edges.

Goal: any page kg writes is interactive within 3 s of browser time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from analytics import write_store_file

BROWSER_CAP_S = 60.0


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no Chromium on PATH (apt-get install chromium)")


def browser_seconds(browser: Any, page_file: Path, ready: str) -> float | None:
    """Seconds from navigation until ``ready`` (a JS expression) holds, or None past the cap."""
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    started = time.perf_counter()
    try:
        page.goto(page_file.as_uri(), wait_until="domcontentloaded", timeout=BROWSER_CAP_S * 1000)
        left = BROWSER_CAP_S - (time.perf_counter() - started)
        page.wait_for_function(ready, timeout=max(left, 0.1) * 1000, polling=50)
        elapsed: float | None = time.perf_counter() - started
    except Exception:  # playwright's TimeoutError
        elapsed = None
    context.close()
    return elapsed


def bare_pyvis(graph: Any, out: Path) -> float:
    """Seconds for pyvis alone to add the graph and write its page."""
    from pyvis.network import Network

    started = time.perf_counter()
    net = Network(height="900px", width="100%", cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        net.add_node(node, label=data.get("label", node))
    for a, b, data in graph.edges(data=True):
        net.add_edge(a, b, value=data.get("weight", 1))
    net.write_html(str(out))
    return time.perf_counter() - started


def run_size(nodes: int, folder: Path, browser: Any, pyvis_browser_max: int) -> dict[str, Any]:
    from kg import analyze, viz
    from kg.store import Store

    data = folder / f"actors-{nodes}.nq"
    write_store_file(nodes, data)
    store_path = folder / f"store-{nodes}"
    with Store(store_path) as store:
        store.bulk_load(data, format="nq")
    every, capped, plain = (folder / f"{name}-{nodes}.html" for name in ("all", "top", "pyvis"))
    with Store(store_path, read_only=True) as store:
        analyze.actor_graph(store)  # warm the store's caches
        started = time.perf_counter()
        drawn = viz.render(store, every, top=nodes)
        every_s = time.perf_counter() - started
        started = time.perf_counter()
        viz.render(store, capped)
        capped_s = time.perf_counter() - started
        graph = analyze.actor_graph(store)
    pyvis_s = bare_pyvis(graph, plain)
    kg_ready = "window.kgReady === true"
    # pyvis fades its loading bar out when stabilisation ends
    pyvis_ready = "(document.getElementById('loadingBar') || {style: {}}).style.opacity === '0'"
    return {
        "nodes": drawn.nodes,
        "edges": drawn.edges,
        "physics": drawn.physics,
        "kg_generate_s": round(every_s, 2),
        "kg_generate_default_s": round(capped_s, 2),
        "pyvis_generate_s": round(pyvis_s, 2),
        "kg_browser_s": browser_seconds(browser, every, kg_ready),
        "kg_browser_default_s": browser_seconds(browser, capped, kg_ready),
        "pyvis_browser_s": (
            browser_seconds(browser, plain, pyvis_ready) if nodes <= pyvis_browser_max else "n/a"
        ),
        "page_mb": round(every.stat().st_size / 1e6, 1),
    }


def run_store(store_path: Path, folder: Path, browser: Any) -> None:
    """`kg viz`'s defaults on a real store, against bare pyvis on the graph drawn."""
    import networkx as nx

    from kg import viz
    from kg.store import Store

    page, plain = folder / "store.html", folder / "store-pyvis.html"
    with Store(store_path, read_only=True) as store:
        started = time.perf_counter()
        drawn = viz.render(store, page)
        kg_s = time.perf_counter() - started
    html = page.read_text(encoding="utf-8")
    marker = "var KG = "
    data = json.loads(
        html[html.index(marker) + len(marker) : html.index(";\n", html.index(marker))]
    )
    graph = nx.Graph()
    for node in data["nodes"]:
        graph.add_node(node["id"], label=node["label"])
    for edge in data["edges"]:
        graph.add_edge(edge["from"], edge["to"], weight=edge["info"]["weight"])
    pyvis_s = bare_pyvis(graph, plain)
    ready = browser_seconds(browser, page, "window.kgReady === true")
    print(
        f"{store_path}: {drawn.nodes} nodes, {drawn.edges} edges drawn "
        f"({drawn.omitted} less prominent left out)\n"
        f"  kg viz, store to HTML: {kg_s:.2f} s (bare pyvis, graph to HTML: {pyvis_s:.2f} s; "
        f"ratio {kg_s / pyvis_s:.1f})\n"
        f"  interactive in Chromium: {show(ready)}; write and open: "
        f"{kg_s + (ready or BROWSER_CAP_S):.2f} s (goal < 3 s)",
        flush=True,
    )


def show(value: float | str | None) -> str:
    if isinstance(value, str):
        return value
    return f"> {BROWSER_CAP_S:.0f}s" if value is None else f"{value:.2f}s"


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--pyvis-browser-max",
        type=int,
        default=2000,
        help="open bare pyvis pages only up to this size (its physics freezes the tab above)",
    )
    parser.add_argument("--store", type=Path, help="also time kg viz's defaults on this store")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    if args.store is not None:
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
            browser = playwright.chromium.launch(
                executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"]
            )
            run_store(args.store, Path(tmp), browser)
            browser.close()
        if not sizes:
            return 0

    header = (
        f"{'nodes':>6} {'edges':>6} | {'kg gen':>7} {'pyvis gen':>9} {'ratio':>6} | "
        f"{'kg browser':>10} {'pyvis browser':>13} | {'default gen':>11} {'browser':>8} | MB"
    )
    print(header, flush=True)
    results = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"]
        )
        for size in sizes:
            r = run_size(size, Path(tmp), browser, args.pyvis_browser_max)
            results.append(r)
            ratio = r["kg_generate_s"] / r["pyvis_generate_s"] if r["pyvis_generate_s"] else 0
            print(
                f"{r['nodes']:>6,} {r['edges']:>6,} | {r['kg_generate_s']:>6.2f}s "
                f"{r['pyvis_generate_s']:>8.2f}s {ratio:>6.2f} | "
                f"{show(r['kg_browser_s']):>10} {show(r['pyvis_browser_s']):>13} | "
                f"{r['kg_generate_default_s']:>10.2f}s {show(r['kg_browser_default_s']):>8} | "
                f"{r['page_mb']}",
                flush=True,
            )
        browser.close()
    print(
        "kg gen = kg.viz.render drawing every node (store to HTML: projection, scores, "
        "layout, evidence); pyvis gen = add_node/add_edge/write_html on the same graph; "
        "browser = navigation to interactive in headless Chromium, network off; "
        "default = kg viz's defaults (the 100 most prominent actors)"
    )
    slowest = max((r["kg_browser_s"] or BROWSER_CAP_S) for r in results)
    print(f"slowest kg page interactive in {slowest:.2f} s of browser time (goal < 3 s)")
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
