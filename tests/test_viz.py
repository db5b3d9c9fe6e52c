"""The HTML graph: self-contained, faithful to the store, safe with hostile text,
and, in a real headless Chromium with the network off, rendered without errors."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg import viz
from kg.cli import app
from kg.store import Store
from tests.conftest import ROOT, skip_or_fail

#: Three articles written for these tests, with dates, one of them carrying markup
#: that a careless page would run.
ARTICLES = [
    {
        "id": "copper-talks",
        "title": "Chile and Peru resume copper talks",
        "published": "2026-03-03",
        "text": (
            "Chile's Foreign Minister Elena Soto met Peru's Trade Minister Jorge Palma in "
            "Santiago on Tuesday to resume talks on copper quotas.\n\n"
            "Soto said Chile would negotiate with Peru "
            '<img src=x onerror="window.kgPwned = 2"><script>window.kgPwned = 1</script> '
            "until a deal was reached.\n\n"
            "Peru imposed a 15% tariff on Chilean copper in January, and Palma demanded that "
            "Chile drop its export subsidies."
        ),
    },
    {
        "id": "grain-talks",
        "title": "Brazil and Argentina open grain talks",
        "published": "2025-05-12",
        "text": (
            "Brazil's Agriculture Minister Rosa Lima held talks with Argentina's Economy "
            "Minister Tomas Vidal on Monday about wheat and soybeans.\n\n"
            "Lima also met Chile's Foreign Minister Elena Soto, who said Chile would "
            "negotiate with Brazil on a grain corridor."
        ),
    },
    {
        "id": "fisheries",
        "title": "Norway and Iceland meet on fisheries",
        "published": "2026-06-20",
        "text": (
            "Norway's Fisheries Minister Ola Berg met Iceland's Foreign Minister Sigrun "
            "Olafsdottir in Oslo on Friday to negotiate mackerel quotas, the Financial "
            "Times reported."
        ),
    },
]


@pytest.fixture(scope="module")
def viz_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from kg.build import build

    folder = tmp_path_factory.mktemp("viz")
    corpus = folder / "articles.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    build([corpus], store=folder / "store")
    yield folder / "store"
    shutil.rmtree(folder, ignore_errors=True)


def payload(html: str) -> dict[str, Any]:
    """The data the page hands to vis-network."""
    match = re.search(r"^var KG = (.*);$", html, re.MULTILINE)
    assert match, "no graph payload in the page"
    return json.loads(match.group(1))


def render(store_path: Path, out: Path, **options: Any) -> tuple[viz.Rendered, str]:
    with Store(store_path, read_only=True) as store:
        rendered = viz.render(store, out, **options)
    return rendered, out.read_text(encoding="utf-8")


def labels(data: dict[str, Any]) -> set[str]:
    return {node["label"] for node in data["nodes"]}


# --- the page ----------------------------------------------------------------------------


def test_the_page_loads_nothing_from_the_network(viz_store: Path, tmp_path: Path) -> None:
    _, html = render(viz_store, tmp_path / "g.html")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    for host in ("cdnjs", "jsdelivr", "unpkg", "bootstrapcdn", "googleapis"):
        assert host not in html.lower()
    assert "default-src 'none'" in html  # and the browser is told to refuse it anyway
    assert "vis.Network" in html and len(html) > 400_000  # vis-network is inlined


def test_nodes_edges_and_legend_follow_the_graph(viz_store: Path, tmp_path: Path) -> None:
    rendered, html = render(viz_store, tmp_path / "g.html")
    data = payload(html)
    assert len(data["nodes"]) == rendered.nodes and len(data["edges"]) == rendered.edges
    assert {"Chile", "Peru", "Elena Soto", "Jorge Palma"} <= labels(data)
    by_label = {node["label"]: node for node in data["nodes"]}
    assert by_label["Chile"]["shape"] == "dot" and by_label["Chile"]["kgClass"] == "Country"
    assert by_label["Chile"]["color"] != by_label["Elena Soto"]["color"]
    assert by_label["Chile"]["size"] > by_label["Jorge Palma"]["size"]  # central, bigger
    assert by_label["Chile"]["info"]["documents"] == 2
    assert {c["name"] for c in data["classes"]} >= {"Country", "Person"}
    kinds = {edge["info"]["relation"]: edge for edge in data["edges"]}
    assert kinds["negotiatesWith"]["arrows"] == "" and kinds["represents"]["arrows"] == "to"
    assert kinds["negotiatesWith"]["color"] != kinds["represents"]["color"]
    label_of = {node["id"]: node["label"] for node in data["nodes"]}
    chile_peru = next(
        e
        for e in data["edges"]
        if {label_of[e["from"]], label_of[e["to"]]} == {"Chile", "Peru"}
        and e["info"]["relation"] == "negotiatesWith"
    )
    first = chile_peru["info"]["evidence"][0]
    assert first["relation"] == "negotiatesWith" and "negotiate" in first["sentence"]
    assert data["documents"][first["doc"]] == {
        "title": "Chile and Peru resume copper talks",
        "date": "2026-03-03",
    }
    # documents per relation: the tariff is also a SANCTION event
    assert dict(chile_peru["info"]["relations"]) == {
        "negotiatesWith": 1, "imposesOn": 1,  # the SANCTION event of the same sentence is the imposition
    }  # fmt: skip
    thinnest = min(e["width"] for e in data["edges"])
    assert chile_peru["width"] >= thinnest


def test_markup_in_articles_is_escaped_and_kept_as_text(viz_store: Path, tmp_path: Path) -> None:
    _, html = render(viz_store, tmp_path / "g.html")
    assert "<img src=x" not in html and "<script>window.kgPwned" not in html
    sentences = [
        item["sentence"] for edge in payload(html)["edges"] for item in edge["info"]["evidence"]
    ]
    assert any('<img src=x onerror="window.kgPwned = 2">' in s for s in sentences)


def test_views_narrow_the_graph(viz_store: Path, tmp_path: Path) -> None:
    _, html = render(viz_store, tmp_path / "a.html", relation="negotiatesWith")
    assert {e["info"]["relation"] for e in payload(html)["edges"]} == {"negotiatesWith"}

    _, html = render(viz_store, tmp_path / "b.html", focus="Norway", depth=1)
    assert labels(payload(html)) == {"Norway", "Ola Berg"}

    _, html = render(viz_store, tmp_path / "c.html", since=_date("2026-01-01"))
    assert "Brazil" not in labels(payload(html)) and "Chile" in labels(payload(html))
    _, html = render(viz_store, tmp_path / "d.html", until=_date("2025-12-31"))
    assert "Norway" not in labels(payload(html)) and "Brazil" in labels(payload(html))

    rendered, html = render(viz_store, tmp_path / "e.html", top=3)
    assert rendered.nodes == 3 and rendered.omitted > 0
    assert f"{rendered.omitted} less central nodes are not drawn" in html

    _, html = render(viz_store, tmp_path / "f.html", view="negotiations")
    assert "Negotiation" in {n["kgClass"] for n in payload(html)["nodes"]}
    assert "Who negotiates what" in html


def _date(text: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_evidence_respects_the_date_range(viz_store: Path, tmp_path: Path) -> None:
    _, html = render(viz_store, tmp_path / "g.html", since=_date("2026-01-01"))
    data = payload(html)
    dates = {
        data["documents"][i["doc"]]["date"] for e in data["edges"] for i in e["info"]["evidence"]
    }
    assert dates and all(date >= "2026-01-01" for date in dates)


def test_big_graphs_get_a_precomputed_layout_and_a_node_cap(
    viz_store: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(viz, "PHYSICS_LIMIT", 4)
    rendered, html = render(viz_store, tmp_path / "g.html", max_nodes=8)
    data = payload(html)
    assert not rendered.physics and data["options"]["physics"]["enabled"] is False
    assert all("x" in node and "y" in node for node in data["nodes"])
    assert rendered.nodes == 8 and "less central nodes are not drawn" in html


def test_entities_linked_to_no_other_are_left_out_and_counted(
    viz_store: Path, tmp_path: Path
) -> None:
    rendered, html = render(viz_store, tmp_path / "g.html")
    assert "Financial Times" not in labels(payload(html))
    assert rendered.unlinked >= 1 and "linked to no other are not drawn" in html
    every, html = render(viz_store, tmp_path / "all.html", keep_unlinked=True)
    assert "Financial Times" in labels(payload(html))
    assert every.nodes == rendered.nodes + rendered.unlinked and every.unlinked == 0


def test_unknown_focus_names_close_matches(viz_store: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["viz", "-s", str(viz_store), "--focus", "Chilee", "-o", str(tmp_path / "g.html")]
    )
    assert result.exit_code == 1
    assert "no entity named 'Chilee'" in result.output and "Chile" in result.output
    assert not (tmp_path / "g.html").exists()


def test_cli_writes_the_page_and_a_png(viz_store: Path, tmp_path: Path) -> None:
    out, png = tmp_path / "g.html", tmp_path / "g.png"
    result = CliRunner().invoke(
        app, ["viz", "-s", str(viz_store), "-o", str(out), "--png", str(png)]
    )
    assert result.exit_code == 0, result.output
    assert "nodes" in result.output and out.exists()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_png_keeps_to_top(viz_store: Path, tmp_path: Path, monkeypatch) -> None:
    import kg.viz

    drawn: list[int] = []
    real = kg.viz.nx.draw_networkx_nodes

    def counting(graph, *args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append(graph.number_of_nodes())
        return real(graph, *args, **kwargs)

    monkeypatch.setattr(kg.viz.nx, "draw_networkx_nodes", counting)
    png = tmp_path / "g.png"
    args = ["viz", "-s", str(viz_store), "-o", str(tmp_path / "g.html"), "--png", str(png)]
    result = CliRunner().invoke(app, [*args, "--top", "3"])
    assert result.exit_code == 0, result.output
    assert drawn == [3]


# --- in a real browser -------------------------------------------------------------------


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("KG_REQUIRE_BROWSER", "playwright is not installed")
    executable = chromium_path()
    if executable is None:
        skip_or_fail("KG_REQUIRE_BROWSER", "no Chromium on PATH (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def open_offline(browser: Any, page_file: Path) -> tuple[Any, list[str], list[str]]:
    """Open a page with the network off; returns the page, its errors and any request
    that tried to leave the file."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
    requests: list[str] = []

    def refuse(route: Any) -> None:
        if not route.request.url.startswith(("file:", "data:")):
            requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", refuse)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=30_000)
    return page, errors, requests


def screenshot(page: Any, name: str) -> Path:
    """Save a picture of the page for people to look at (out/screenshots/, or
    $KG_SCREENSHOTS)."""
    folder = Path(os.environ.get("KG_SCREENSHOTS", ROOT / "out" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name))
    return folder / name


@pytest.mark.browser
def test_the_page_renders_offline_in_chromium(
    browser: Any, viz_store: Path, tmp_path: Path
) -> None:
    rendered, html = render(viz_store, tmp_path / "graph.html")
    page, errors, requests = open_offline(browser, tmp_path / "graph.html")
    assert page.evaluate("network.body.data.nodes.length") == rendered.nodes
    assert page.evaluate("network.body.data.edges.length") == rendered.edges
    legend = page.locator("#legend .legend-item").all_inner_texts()
    assert any(text.startswith("Country") for text in legend)
    assert page.evaluate("window.kgPwned") is None  # the article's markup never ran
    assert errors == [] and requests == []

    # Clicking an edge shows its evidence; the markup in it is shown as text.
    edge = page.evaluate(
        """KG.edges.find(e => e.info.evidence.some(i => i.sentence.includes("onerror"))).id"""
    )
    page.evaluate(f"network.body.emitter.emit('click', {{nodes: [], edges: [{edge}]}})")
    details = page.locator("#info").inner_text()
    assert '<img src=x onerror="window.kgPwned = 2">' in details
    assert page.locator("#info img").count() == 0 and page.evaluate("window.kgPwned") is None

    # The search box finds a node by name, the legend hides a class.
    page.fill("#search", "soto")
    assert "Elena Soto" in page.locator("#matches").inner_text()
    page.locator("#legend input[data-class='Person']").uncheck()
    hidden = page.evaluate("network.body.data.nodes.get().filter(n => n.hidden).length")
    assert hidden == sum(1 for n in payload(html)["nodes"] if n["kgClass"] == "Person")

    page.locator("#legend input[data-class='Person']").check()
    shot = screenshot(page, "graph.png")
    assert shot.read_bytes()[:4] == b"\x89PNG"
    page.context.close()


@pytest.mark.browser
def test_a_large_graph_is_interactive_without_physics(
    browser: Any, viz_store: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(viz, "PHYSICS_LIMIT", 4)
    rendered, _ = render(viz_store, tmp_path / "big.html")
    page, errors, requests = open_offline(browser, tmp_path / "big.html")
    assert page.evaluate("network.physics.options.enabled") is False
    assert page.evaluate("network.body.data.nodes.length") == rendered.nodes
    assert errors == [] and requests == []
    page.context.close()


@pytest.mark.browser
def test_the_example_graph_renders_and_is_photographed(
    browser: Any, examples_store: Path, tmp_path: Path
) -> None:
    """The picture in the README: the examples' actor graph, Japan selected."""
    rendered, html = render(examples_store, tmp_path / "examples.html")
    page, errors, requests = open_offline(browser, tmp_path / "examples.html")
    assert page.evaluate("network.body.data.nodes.length") == rendered.nodes > 30
    japan = next(n["id"] for n in payload(html)["nodes"] if n["label"] == "Japan")
    page.evaluate(
        f"network.selectNodes([{japan}]); "
        f"network.body.emitter.emit('click', {{nodes: [{japan}], edges: []}})"
    )
    assert "Japan" in page.locator("#info").inner_text()
    assert errors == [] and requests == []
    screenshot(page, "examples.png")
    page.context.close()
