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
    rendered, html = render(
        viz_store, tmp_path / "g.html", colour_by="class", projection="interactions"
    )
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

    _, html = render(
        viz_store, tmp_path / "b.html", focus="Norway", depth=1, projection="interactions"
    )
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
    rendered, html = render(viz_store, tmp_path / "g.html", projection="interactions")
    assert "Financial Times" not in labels(payload(html))
    assert rendered.unlinked >= 1 and "linked to no other are not drawn" in html
    every, html = render(
        viz_store, tmp_path / "all.html", keep_unlinked=True, projection="interactions"
    )
    assert "Financial Times" in labels(payload(html))
    assert every.nodes == rendered.nodes + rendered.unlinked and every.unlinked == 0


def test_nodes_are_coloured_by_community_and_shaped_by_class(
    viz_store: Path, tmp_path: Path
) -> None:
    rendered, html = render(viz_store, tmp_path / "g.html")
    data = payload(html)
    colour = {n["kgCommunity"]: set() for n in data["nodes"]}
    for node in data["nodes"]:
        colour[node["kgCommunity"]].add(node["color"])
    # one colour a community, a different one for each
    assert all(len(found) == 1 for found in colour.values())
    assert len({next(iter(found)) for found in colour.values()}) == len(colour) > 1
    legend = data["communities"]
    assert sum(entry["count"] for entry in legend) == rendered.nodes
    by_label = {node["label"]: node for node in data["nodes"]}
    # a community is named by its most central members
    chile = next(e for e in legend if e["id"] == by_label["Chile"]["kgCommunity"])
    assert chile["label"].startswith("Chile")
    assert by_label["Chile"]["shape"] == "dot" and by_label["Elena Soto"]["shape"] == "dot"
    assert "colour: community, shape: class" in html


def test_the_same_store_gives_the_same_page(viz_store: Path, tmp_path: Path) -> None:
    _, first = render(viz_store, tmp_path / "a.html")
    _, second = render(viz_store, tmp_path / "b.html")
    assert first == second


def test_statement_and_comention_edges_show_their_sentences(
    viz_store: Path, tmp_path: Path
) -> None:
    _, html = render(viz_store, tmp_path / "g.html")
    data = payload(html)
    weaker = [e for e in data["edges"] if e["info"]["relation"] in {"names", "namedWith"}]
    assert weaker, "the default projection draws the statement and co-mention layers"
    for edge in weaker:
        assert edge["info"]["evidence"], edge["info"]
        assert all(item["sentence"] for item in edge["info"]["evidence"])


def test_thin_keeps_interactions_and_each_nodes_strongest_weaker_edges() -> None:
    import networkx as nx

    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1.0, layers={"interactions": 1})
    for other, weight in (("c", 3.0), ("d", 2.0), ("e", 1.0), ("f", 0.5)):
        graph.add_edge("a", other, weight=weight, layers={"comentions": 4})
    graph.add_edge("e", "f", weight=0.25, layers={"comentions": 1})
    thinned = viz.thin(graph, per_node=2)
    assert thinned.has_edge("a", "b")  # interactions are all kept
    assert thinned.has_edge("a", "c") and thinned.has_edge("a", "d")  # a's two strongest
    # e and f keep their own strongest (to a, stronger than e-f), so nobody is cut off
    assert thinned.has_edge("a", "e") and thinned.has_edge("a", "f")
    assert thinned.has_edge("e", "f")  # the second strongest of both
    assert graph.number_of_edges() == 6 and thinned.number_of_edges() == 6
    # one each: e-f is neither e's strongest (a-e) nor f's (a-f), and goes
    thinned = viz.thin(graph, per_node=1)
    assert not thinned.has_edge("e", "f")
    assert {frozenset(edge) for edge in thinned.edges} == {
        frozenset(pair) for pair in ("ab", "ac", "ad", "ae", "af")
    }


def test_unknown_colouring_and_projection_are_one_line_errors(
    viz_store: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    out = tmp_path / "g.html"
    for option, value, valid in (
        ("--colour-by", "shade", "community"),
        ("--projection", "rumours", "comentions"),
    ):
        result = runner.invoke(app, ["viz", "-s", str(viz_store), "-o", str(out), option, value])
        assert result.exit_code != 0 and valid in result.output, result.output
        assert "Traceback" not in result.output
    assert not out.exists()


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
    assert any("Country (" in text for text in legend)
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


#: Label boxes (node and label, as vis-network measures them) that overlap another.
OVERLAPS = """() => {
  const boxes = network.body.data.nodes.getIds().map(id => network.getBoundingBox(id));
  let found = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (Math.min(a.right, b.right) > Math.max(a.left, b.left) &&
          Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top)) { found++; }
    }
  }
  return found;
}"""


@pytest.mark.browser
def test_labels_never_overlap(browser: Any, viz_store: Path, tmp_path: Path, monkeypatch) -> None:
    for name, limit in (("physics", 1000), ("laid-out", 4)):
        monkeypatch.setattr(viz, "PHYSICS_LIMIT", limit)
        render(viz_store, tmp_path / f"{name}.html", keep_unlinked=True)
        page, errors, _ = open_offline(browser, tmp_path / f"{name}.html")
        assert page.evaluate("window.kgLabelsSeparated") is True
        assert page.evaluate(OVERLAPS) == 0, name
        assert errors == []
        page.context.close()


BBC = ROOT.parent / "shared" / "data" / "bbc-news-2004-2005.jsonl"


@pytest.fixture(scope="module")
def politics_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The BBC politics articles (those not reserved), built and ranked once."""
    if not BBC.is_file():
        pytest.skip(f"the BBC corpus is not here ({BBC}); CI has it")
    from kg.build import build

    reserved = set((BBC.parent / "reserved-ids.txt").read_text(encoding="utf-8").split())
    folder = tmp_path_factory.mktemp("politics")
    corpus = folder / "politics.jsonl"
    with BBC.open(encoding="utf-8") as source, corpus.open("w", encoding="utf-8") as out:
        for line in source:
            record = json.loads(line)
            if record["category"] == "politics" and record["id"] not in reserved:
                out.write(line)
    build([corpus], store=folder / "store")
    result = CliRunner().invoke(app, ["rank", "-s", str(folder / "store"), "--top", "1"])
    assert result.exit_code == 0, result.output
    yield folder / "store"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.shared_data
def test_the_real_corpus_picture_is_readable(
    browser: Any, politics_store: Path, tmp_path: Path
) -> None:
    """The README's picture: kg viz's defaults on 400 real politics articles."""
    rendered, html = render(politics_store, tmp_path / "politics.html")
    data = payload(html)
    assert rendered.nodes == viz.MAX_NODES and rendered.omitted > 0
    # the most prominent actors of that news are drawn (kg rank's order)
    assert {"Tony Blair", "Labour Party", "Conservative Party"} <= labels(data)
    # communities: several, each coloured alike
    assert len(data["communities"]) >= 3
    # cooperation and conflict edges in colours of their own
    colours = {e["info"]["relation"]: e["color"] for e in data["edges"]}
    cooperation = {colours[r] for r in colours if r in {"support", "agree", "consult"}}
    conflict = {colours[r] for r in colours if r in {"disapprove", "reject", "demand"}}
    assert cooperation and conflict and not cooperation & conflict

    page, errors, requests = open_offline(browser, tmp_path / "politics.html")
    assert page.evaluate("network.body.data.nodes.length") == rendered.nodes
    assert page.evaluate(OVERLAPS) == 0
    page.fill("#search", "blair")
    assert "Tony Blair" in page.locator("#matches").inner_text()
    page.fill("#search", "")
    # an edge of the statement layer shows the sentence behind it on click
    edge = page.evaluate("KG.edges.find(e => e.info.relation === 'names').id")
    page.evaluate(f"network.body.emitter.emit('click', {{nodes: [], edges: [{edge}]}})")
    assert page.locator("#info .evidence").count() >= 1
    assert errors == [] and requests == []
    page.evaluate("network.unselectAll(); network.fit()")
    screenshot(page, "politics.png")
    page.context.close()
