"""Big and hostile input: kg's page reader and windowed extraction against the bare engines.

    .venv/bin/python benchmarks/big_input.py [--depth N] [--chars N] [--json]
    .venv/bin/python benchmarks/big_input.py --warc-mb 100 1000 [--page-kb 200] [--tmp DIR]

In one run:

- HTML: kg's reader (`kg.web.page_article`: text and metadata, boilerplate
  dropped) against bare ``trafilatura.extract`` with the same options (the
  extractor kg's reader is built on) on a page of ``--depth`` nested divs (100,000 by
  default) and on one of a fifth of that depth, each with one sentence inside, and
  on a normal news page (a BBC article in the markup of a news site: head,
  scripts, navigation, article, footer). Best of three in CPU time (the machine
  may be busy with other work), printed as the ratio kg / bare and as the growth
  of kg's time from a fifth of the depth to the whole (linear: 5 or less).
- Memory: the BBC business and politics articles joined into one text of
  ``--chars`` characters (2,000,000 by default), cut into the windows kg parses
  (`kg.nlp.split_text`). Each phase runs in its own child process with the same
  pipeline (the model and kg's components): bare ``nlp.pipe`` over the windows in
  the batches kg makes (``BATCH_CHARS`` characters), Docs dropped as they come;
  then kg's whole per-document work on the one document (`kg.build.graphs_for`:
  parse window by window, extract, resolve, map to RDF). Prints each phase's peak
  resident memory above what the process held after loading the model, the ratio
  kg / bare of those, and the ratio of their CPU times.

With ``--warc-mb MB [MB ...]`` it measures web archives instead: for each size, an
uncompressed WARC of that many megabytes of HTML responses is written under
``--tmp`` (BBC business and politics articles in the news page's markup, each with
an inline script that brings the page to ``--page-kb`` kilobytes, as a real page's
scripts do) and deleted afterwards. Ingest only, not the NLP build: kg's reader
(`kg.ingest.read_documents`: each response's article text and metadata through
trafilatura, one record at a time) against bare warcio iteration reading each
response's body, each in its own child process. Prints each one's peak resident
memory, its growth after the first record, the ratio kg / bare of the peaks, and
the ratio of their CPU times: the same peaks at every size is memory that stays
constant whatever the archive's size.

With ``--json`` the last line is a JSON object of all the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import bbc_texts, best_of

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="2005-03-01T09:00:00Z">
<link rel="stylesheet" href="/site.css"><script>window.dataLayer = [];</script>
<style>body {{ font-family: sans-serif }}</style></head>
<body><header class="site-header"><nav class="menu"><ul>{menu}</ul></nav></header>
<div class="page"><aside class="sidebar related"><ul>{menu}</ul></aside>
<main><article><h1>{title}</h1><div class="byline"><time datetime="2005-03-01">1 March
2005</time></div>{paragraphs}</article>
<div class="share social"><a href="#">Share</a></div>
<div class="comments"><p>Comments are closed.</p></div></main></div>
<footer class="footer"><p>Copyright</p>{menu}</footer>
<script src="/app.js"></script></body></html>
"""


def nested_page(depth: int) -> str:
    return (
        "<html><head><title>Deep</title></head><body>"
        + '<div class="wrap">' * depth
        + "<p>Ghana and Nigeria held talks in Accra on Monday.</p>"
        + "</div>" * depth
        + "</body></html>"
    )


def news_page(record: dict[str, Any]) -> str:
    lines = [line for line in record["text"].split("\n") if line.strip()]
    menu = "".join(f'<li><a href="/{n}">Section {n}</a></li>' for n in range(30))
    paragraphs = "".join(f"<p>{line}</p>" for line in lines[1:])
    return NEWS_PAGE.format(title=lines[0], menu=menu, paragraphs=paragraphs)


def time_html(page: str) -> tuple[float, float]:
    """Best-of-three CPU seconds per read of kg's reader and of bare trafilatura on a
    page (a small page is read many times a measurement, so that the clock sees it)."""
    import trafilatura

    from kg.web import EXTRACTION_OPTIONS, NotAnArticleError, page_article

    repeats = max(1, 200_000 // len(page))

    def kg() -> float:
        gc.collect()
        started = time.process_time()
        for _ in range(repeats):
            with contextlib.suppress(NotAnArticleError):
                page_article(page)
        return (time.process_time() - started) / repeats

    def bare() -> float:
        gc.collect()
        started = time.process_time()
        for _ in range(repeats):
            trafilatura.extract(page, **EXTRACTION_OPTIONS)
        return (time.process_time() - started) / repeats

    return best_of(3, kg), best_of(3, bare)


def long_text(chars: int) -> str:
    """BBC business and politics articles joined, cut at a paragraph end near ``chars``."""
    parts: list[str] = []
    total = 0
    for record in bbc_texts():
        if total >= chars:
            break
        parts.append(record["text"].strip())
        total += len(parts[-1]) + 2
    if total < chars:
        raise SystemExit(f"the corpus holds only {total:,} characters, fewer than {chars:,}")
    text = "\n\n".join(parts)
    return text[: text.rfind("\n\n", 0, chars)]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_phase(name: str, text: str, answer: Any) -> None:
    """One phase in a child process: peak memory above the loaded pipeline, and time."""
    from kg.ingest import Document
    from kg.nlp import BATCH_CHARS, WINDOW_CHARS, load_pipeline, split_text

    nlp = load_pipeline(None)
    for _ in nlp.pipe(text[i : i + 3000] for i in range(0, 30_000, 3000)):
        pass  # warm up: the model's first batches allocate what every later one reuses
    loaded = _peak_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    if name == "spacy":
        windows = (window for _, window in split_text(text))
        for _ in nlp.pipe(windows, batch_size=BATCH_CHARS // WINDOW_CHARS):
            pass
        result: dict[str, Any] = {}
    else:
        from kg.build import graphs_for

        [graph] = graphs_for([Document(id="long", text=text)])
        result = {"triples": len(graph.lines), "entities": graph.entities}
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    peak = _peak_mb()
    answer.put(
        {
            "phase": name,
            "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu_seconds, 1),
            "loaded_mb": round(loaded),
            "peak_mb": round(peak),
            "growth_mb": round(peak - loaded),
            **result,
        }
    )


def warc_page(record: dict[str, Any], number: int, page_bytes: int) -> bytes:
    """A news page of the article, numbered so that every page is its own article,
    brought to ``page_bytes`` with an inline script."""
    page = news_page(record).replace("<p>", f"<p>Page {number}. ", 1)
    script = "var tracking = [" + "1234567, " * max(0, (page_bytes - len(page)) // 9) + "];"
    return page.replace("window.dataLayer = [];", script).encode("utf-8")


def write_warc(path: Path, megabytes: int, page_kb: int) -> int:
    """An uncompressed WARC of HTML responses, ``megabytes`` in all; returns the pages."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    records = bbc_texts()
    pages = 0
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        while handle.tell() < megabytes * 1_000_000:
            body = warc_page(records[pages % len(records)], pages, page_kb * 1000)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example/{pages}",
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2005-03-01T09:00:00Z"},
                )
            )
            pages += 1
    return pages


def warc_phase(name: str, path: str, answer: Any) -> None:
    """Read a web archive in a child process: kg's reader, or bare warcio."""
    if name == "kg":
        from kg.ingest import read_documents

        items: Any = read_documents([path], on_reject=lambda error: None)
    else:
        from warcio.archiveiterator import ArchiveIterator

        def bodies() -> Any:
            with open(path, "rb") as handle:
                for record in ArchiveIterator(handle):
                    if record.rec_type == "response":
                        yield record.content_stream().read()

        items = bodies()
    started = time.process_time()
    next(items)
    first = _peak_mb()
    count = 1 + sum(1 for _ in items)
    cpu_seconds = time.process_time() - started
    peak = _peak_mb()
    answer.put(
        {
            "phase": name,
            "read": count,
            "cpu_seconds": round(cpu_seconds, 1),
            "peak_mb": round(peak, 1),
            "growth_mb": round(peak - first, 1),
        }
    )


def run_child(target: Any, *args: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    child = context.Process(target=target, args=(*args, answer))
    child.start()
    result = answer.get()
    child.join()
    return result


def measure_warcs(sizes: list[int], page_kb: int, folder: Path) -> dict[str, Any]:
    print(
        f"Web archives (uncompressed .warc) of HTML responses of about {page_kb} KB, "
        "ingest only (reading the documents, not the NLP build); each reader in its own "
        "process"
    )
    result: dict[str, Any] = {}
    for megabytes in sizes:
        with tempfile.TemporaryDirectory(dir=folder, prefix="kg-warc-") as tmp:
            path = Path(tmp) / f"crawl-{megabytes}mb.warc"
            pages = write_warc(path, megabytes, page_kb)
            size = path.stat().st_size / 1e6
            bare = run_child(warc_phase, "bare", str(path))
            kg = run_child(warc_phase, "kg", str(path))
        if kg["read"] != pages or bare["read"] != pages:
            raise SystemExit(f"read {kg['read']} and {bare['read']} of the {pages} pages")
        ratio = kg["peak_mb"] / bare["peak_mb"]
        cpu_ratio = kg["cpu_seconds"] / max(bare["cpu_seconds"], 0.01)
        print(
            f"  {size:7,.0f} MB {pages:6,} pages   kg peak {kg['peak_mb']:6.1f} MB "
            f"(+{kg['growth_mb']:.1f} after the first)   warcio peak {bare['peak_mb']:6.1f} MB "
            f"(+{bare['growth_mb']:.1f})   ratio {ratio:4.2f}   "
            f"CPU kg {kg['cpu_seconds']:6.1f} s / warcio {bare['cpu_seconds']:5.1f} s"
        )
        result[f"warc_{megabytes}mb"] = {
            "megabytes": round(size),
            "pages": pages,
            "kg": kg,
            "warcio": bare,
            "peak_ratio": round(ratio, 2),
            "cpu_ratio": round(cpu_ratio, 1),
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--depth", type=int, default=100_000, help="nesting depth of the page")
    parser.add_argument("--chars", type=int, default=2_000_000, help="length of the long text")
    parser.add_argument("--json", action="store_true", help="print a JSON line at the end")
    parser.add_argument(
        "--warc-mb", type=int, nargs="+", metavar="MB", help="measure web archives of these sizes"
    )
    parser.add_argument("--page-kb", type=int, default=200, help="size of a web archive's page")
    parser.add_argument(
        "--tmp", type=Path, default=Path(tempfile.gettempdir()), help="where archives are written"
    )
    args = parser.parse_args()
    if args.warc_mb:
        warcs = measure_warcs(args.warc_mb, args.page_kb, args.tmp)
        if args.json:
            print(json.dumps(warcs))
        return 0

    from kg.nlp import WINDOW_CHARS, split_text

    records = bbc_texts()
    pages = {
        "nested_fifth": (f"{args.depth // 5:,} nested divs", nested_page(args.depth // 5)),
        "nested": (f"{args.depth:,} nested divs", nested_page(args.depth)),
        "news": ("news page", news_page(max(records[:50], key=lambda r: len(r["text"])))),
    }
    result: dict[str, Any] = {}
    print("HTML reading, best of 3: kg's reader against bare trafilatura.extract")
    for key, (label, page) in pages.items():
        kg_s, bare_s = time_html(page)
        result[f"html_{key}_kg_s"] = round(kg_s, 5)
        result[f"html_{key}_bare_s"] = round(bare_s, 5)
        result[f"html_{key}_ratio"] = round(kg_s / bare_s, 2)
        print(
            f"  {label:<22} {len(page) / 1e6:6.3f} MB   kg {kg_s:9.5f} s   "
            f"trafilatura {bare_s:9.5f} s   ratio {kg_s / bare_s:5.2f}"
        )
    growth = result["html_nested_kg_s"] / result["html_nested_fifth_kg_s"]
    result["html_depth_x5_time_growth"] = round(growth, 2)
    print(
        f"  five times the depth: kg's reader takes {growth:.2f} times as long (linear: 5 or less)"
    )

    text = long_text(args.chars)
    windows = sum(1 for _ in split_text(text))
    print(
        f"\nOne text of {len(text):,} characters in {windows} windows of at most "
        f"{WINDOW_CHARS:,}; each phase in its own process"
    )
    spacy_run = run_child(memory_phase, "spacy", text)
    kg_run = run_child(memory_phase, "kg", text)
    for run, label in ((spacy_run, "bare nlp.pipe over the windows"), (kg_run, "kg graphs_for")):
        print(
            f"  {label:<32} {run['seconds']:7.1f} s ({run['cpu_seconds']:7.1f} s CPU)   "
            f"peak {run['peak_mb']:6,} MB   "
            f"above the loaded pipeline {run['growth_mb']:6,} MB"
        )
    memory_ratio = kg_run["growth_mb"] / max(spacy_run["growth_mb"], 1)
    time_ratio = kg_run["cpu_seconds"] / spacy_run["cpu_seconds"]
    print(f"  memory growth kg / bare {memory_ratio:.2f}   CPU time kg / bare {time_ratio:.2f}")
    result.update(
        {
            "text_chars": len(text),
            "windows": windows,
            "spacy": spacy_run,
            "kg": kg_run,
            "memory_growth_ratio": round(memory_ratio, 2),
            "cpu_time_ratio": round(time_ratio, 2),
        }
    )
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
