"""Web pages and web archives: kg's ingest against bare trafilatura, and a WARC's memory.

    .venv/bin/python benchmarks/ingest_pages.py [--pages N] [--warc-mb N] [--json]

In one run:

- Pages: ``--pages`` BBC articles (1,000 by default, from ../shared/data) are
  wrapped in the markup of a news site (cookie banner, navigation, adverts, share
  buttons, related links, comments, footer) and written to a temporary folder.
  kg reads the folder with `kg.ingest.read_documents` (text, title, date, author,
  site, language, document ids) and bare ``trafilatura.extract`` reads the same
  files with the same options; prints pages a second of each and the ratio kg /
  bare in throughput (1.0: kg costs nothing over the extractor).
- Memory: a WARC of about ``--warc-mb`` MB (300 by default) made of those pages
  and of large image records is written to the temporary folder; a child process
  reads it with kg's reader and prints its peak resident memory after the first
  document, after a tenth, a half and all of them: flat when the reader streams.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import ROOT, bbc_texts

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title} | The Planet Daily</title>
<meta property="og:site_name" content="The Planet Daily">
<meta property="og:title" content="{title}"><meta name="author" content="Staff reporter">
<meta property="article:published_time" content="2005-03-{day:02d}T09:00:00Z">
<link rel="canonical" href="https://planet-daily.example/news/{id}">
<script>window.dataLayer = [{{"page": "{id}"}}];</script><style>.ad {{ height: 90px }}</style>
</head><body>
<div class="cookie-banner"><p>We use cookies to personalise content and ads.</p>
<button>Accept all</button></div>
<header><nav class="menu"><ul>{menu}</ul></nav></header>
<div class="ad leaderboard">Advertisement: cheap flights</div>
<main><article><h1>{title}</h1><p class="byline">By Staff reporter</p>
{paragraphs}
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
<section id="comments"><h2>Comments</h2><p>reader1: What about the rest of us?</p>
<p>reader2: Typical.</p></section></main>
<footer><p>Copyright 2005 The Planet Daily</p><ul>{menu}</ul></footer>
</body></html>
"""

MEMORY_SCRIPT = """
import sys
from kg.ingest import read_documents

def peak_mb():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) // 1024

total = int(sys.argv[2])
marks = {1, max(1, total // 10), max(1, total // 2)}
peaks = []
count = 0
for count, _ in enumerate(read_documents([sys.argv[1]], on_reject=lambda e: None), start=1):
    if count in marks:
        peaks.append((count, peak_mb()))
peaks.append((count, peak_mb()))
print(peaks)
"""


def news_page(record: dict[str, Any], number: int) -> str:
    paragraphs = [p for p in record["text"].split("\n") if p.strip()]
    menu = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(25))
    related = "".join(f'<li><a href="/r{n}">Another story number {n}</a></li>' for n in range(6))
    return PAGE.format(
        title=html.escape(record.get("title") or paragraphs[0]),
        id=html.escape(record["id"]),
        day=number % 28 + 1,
        menu=menu,
        related=related,
        paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
    )


def write_pages(folder: Path, count: int) -> list[Path]:
    records = bbc_texts(categories=())
    paths = []
    for number in range(count):
        record = records[number % len(records)]
        if number >= len(records):  # a second round: a different text, so a new document
            record = {
                **record,
                "id": f"{record['id']}-{number}",
                "text": f"{record['text']}\n\nRepeat {number}.",
            }
        path = folder / f"page-{number:05d}.html"
        path.write_text(news_page(record, number), encoding="utf-8")
        paths.append(path)
    return paths


def time_pages(folder: Path, paths: list[Path]) -> dict[str, Any]:
    import trafilatura

    from kg.ingest import read_documents
    from kg.web import EXTRACTION_OPTIONS

    # warm both up (imports, dateparser's English data, trafilatura's caches)
    trafilatura.extract(paths[0].read_bytes(), **EXTRACTION_OPTIONS)
    list(read_documents(paths[:2]))
    best = {"kg": float("inf"), "bare": float("inf")}
    kept = 0
    for _ in range(2):
        started = time.process_time()
        for path in paths:
            trafilatura.extract(path.read_bytes(), **EXTRACTION_OPTIONS)
        best["bare"] = min(best["bare"], time.process_time() - started)
        rejected: list[Any] = []
        started = time.process_time()
        kept = sum(1 for _ in read_documents([folder], on_reject=rejected.append))
        best["kg"] = min(best["kg"], time.process_time() - started)
    return {
        "pages": len(paths),
        "documents": kept,
        "kg_s": round(best["kg"], 2),
        "bare_s": round(best["bare"], 2),
        "ratio": round(best["bare"] / best["kg"], 3),
    }


def write_warc(path: Path, pages: list[Path], megabytes: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    image = os.urandom(2_000_000)
    written = 0
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        number = 0
        while handle.tell() < megabytes * 1_000_000:
            page = pages[number % len(pages)].read_bytes()
            page = page.replace(b"<h1>", f"<h1>({number}) ".encode(), 1)
            page = page.replace(b"</article>", f"<p>Copy {number}.</p></article>".encode())
            for url, kind, body in (
                (f"https://planet-daily.example/{number}", "text/html", page),
                (f"https://planet-daily.example/{number}.jpg", "image/jpeg", image),
            ):
                headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
                writer.write_record(record)
            written += 1
            number += 1
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1_000)
    parser.add_argument("--warc-mb", type=int, default=300)
    parser.add_argument("--json", action="store_true", help="print a JSON line at the end")
    args = parser.parse_args()
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kg-pages-") as temporary:
        folder = Path(temporary) / "pages"
        folder.mkdir()
        paths = write_pages(folder, args.pages)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{len(paths):,} news pages ({size:.1f} MB), best of 2 in CPU time")
        pages = time_pages(folder, paths)
        result["pages"] = pages
        for label, key in (("kg read_documents", "kg_s"), ("bare trafilatura", "bare_s")):
            rate = pages["pages"] / pages[key]
            print(f"  {label:<18} {pages[key]:7.2f} s  {rate:7.1f} pages/s")
        print(
            f"  kg kept {pages['documents']:,} documents; throughput kg / bare {pages['ratio']:.3f}"
        )
        if args.warc_mb and Path("/proc/self/status").exists():
            warc = Path(temporary) / "crawl.warc.gz"
            count = write_warc(warc, paths, args.warc_mb)
            print(
                f"\nA WARC of {warc.stat().st_size / 1e6:,.0f} MB: {count:,} pages and "
                f"{count:,} images of 2 MB; peak resident memory of the reading process"
            )
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            run = subprocess.run(
                [sys.executable, "-c", MEMORY_SCRIPT, str(warc), str(count)],
                capture_output=True, text=True, check=True, env=env,
            )  # fmt: skip
            peaks = json.loads(run.stdout.replace("(", "[").replace(")", "]"))
            for done, peak in peaks:
                print(f"  after {done:6,} documents  peak {peak:5,} MB")
            growth = peaks[-1][1] - peaks[0][1]
            print(f"  growth from the first document to the last: {growth} MB")
            result["warc"] = {
                "mb": round(warc.stat().st_size / 1e6),
                "documents": count,
                "peaks": peaks,
            }
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
