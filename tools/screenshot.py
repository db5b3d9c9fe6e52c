"""Picture of an HTML graph page for the README, taken in headless Chromium.

    .venv/bin/python tools/screenshot.py out/graph.html docs/graph.png [--click NAME]

Opens the page with the network off, waits until it is ready, optionally clicks the
node with the given label (so the side panel shows its details), and saves a PNG.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--click", help="label of a node to select first")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args()
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        print("tools/screenshot.py: no Chromium on PATH", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            offline=True, viewport={"width": args.width, "height": args.height}
        )
        page = context.new_page()
        page.goto(args.page.resolve().as_uri())
        page.wait_for_function("window.kgReady === true", timeout=60_000)
        if args.click:
            found = page.evaluate(
                """(label) => {
                  const node = KG.nodes.find(n => n.label === label);
                  if (!node) { return false; }
                  network.selectNodes([node.id]);
                  network.body.emitter.emit('click', {nodes: [node.id], edges: []});
                  return true;
                }""",
                args.click,
            )
            if not found:
                print(f"tools/screenshot.py: no node labelled {args.click!r}", file=sys.stderr)
                return 1
        args.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.png))
        browser.close()
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
