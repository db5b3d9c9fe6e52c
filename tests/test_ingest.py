"""Reading articles: formats, folders, stdin, ids, titles, dates and bad inputs."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from conftest import write_warc

from kg.errors import IngestError
from kg.ingest import Document, count_documents, document_id, read_documents
from kg.web import page_article


def collect(paths, stdin=None):  # type: ignore[no-untyped-def]
    errors: list[IngestError] = []
    documents = list(read_documents(paths, on_reject=errors.append, stdin=stdin))
    return documents, errors


def test_plain_text_title_is_first_line_and_id_is_content_hash(write) -> None:
    path = write("a.txt", "Talks resume in Ottawa\n\nCanada and Mexico met on Monday.\n")
    [document] = read_documents([path])
    assert document.title == "Talks resume in Ottawa"
    assert document.id == document_id(document.text)
    assert document.source == "a.txt"  # the name as given, never a local path
    assert "Canada and Mexico" in document.text


@pytest.mark.parametrize(
    "text",
    [
        "Canada and Mexico met on Monday in Ottawa to discuss the dairy quotas that have "
        "divided them, and officials said that both sides wanted a deal before the summer.\n\n"
        "More talks follow.",
        "Canada and Mexico met on Monday.\n\nMore talks follow.",
        "Talks resume in Ottawa",
    ],
    ids=["a-long-first-paragraph", "a-sentence", "the-only-line"],
)
def test_plain_text_has_no_title_unless_its_first_line_reads_like_a_headline(write, text) -> None:
    [document] = read_documents([write("a.txt", text)])
    assert document.title is None


def test_sources_are_relative_to_what_was_given_or_the_url(write, tmp_path) -> None:
    write("news/world/a.txt", "Chile and Peru met.")
    write(
        "news/feed.jsonl",
        json.dumps({"id": "x", "text": "Laos met Cambodia.", "url": "https://example.org/x"})
        + "\n"
        + json.dumps({"id": "y", "text": "Mali met Chad."})
        + "\n",
    )
    single = write("one.md", "Ghana and Togo met.")
    documents = list(read_documents([tmp_path / "news", single]))
    assert [d.source for d in documents] == [
        "news/feed.jsonl#L1",
        "news/feed.jsonl#L2",
        "news/world/a.txt",
        "one.md",
    ]
    assert all(str(tmp_path) not in d.source for d in documents)


def test_a_duplicate_id_within_a_run_is_reported_with_file_and_line_and_the_first_kept(
    write,
) -> None:
    lines = [
        {"id": "dup", "text": "Kenya and Uganda met."},
        {"id": "other", "text": "Chile and Peru met."},
        {"id": "dup", "text": "Norway and Iceland met."},
        {"id": "other", "text": "Chile and Peru met."},
    ]
    path = write("c.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    documents, errors = collect([path])
    assert [(d.id, d.text) for d in documents] == [
        ("dup", "Kenya and Uganda met."),
        ("other", "Chile and Peru met."),
    ]
    assert [(e.source, e.line) for e in errors] == [("c.jsonl", 3), ("c.jsonl", 4)]
    assert "duplicate id 'dup', already read from c.jsonl:1; the first was kept" in str(errors[0])
    assert "the same article as c.jsonl:2" in str(errors[1])


def test_same_text_gets_same_id_whatever_the_file_and_is_read_once(write) -> None:
    first = write("one.txt", "Chile and Peru signed a pact.")
    second = write("sub/two.txt", "Chile and Peru signed a pact.")
    documents, errors = collect([first, second])
    assert [d.source for d in documents] == ["one.txt"]
    [error] = errors
    assert error.source == "two.txt" and "the same article as one.txt" in error.reason


def test_markdown_front_matter_and_markup_removed(write) -> None:
    path = write(
        "a.md",
        "---\ntitle: Steel talks\ndate: 2026-02-03\nurl: https://example.org/x\n---\n"
        "# Steel talks\n\n**Korea** and [Japan](https://example.org) held *talks*.\n",
    )
    [document] = read_documents([path])
    assert document.title == "Steel talks"
    assert document.published == dt.date(2026, 2, 3)
    assert document.url == "https://example.org/x"
    assert "Korea and Japan held talks." in document.text
    assert "**" not in document.text and "](" not in document.text


PAGES = Path(__file__).parent / "pages"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "planet-daily.html",
            {
                "title": "Vietnam and Philippines hold rice tariff talks",
                "published": dt.date(2026, 5, 1),
                "author": "Ana Ruiz",
                "site": "The Planet Daily",
                "url": "https://planet-daily.example/world/asia/rice-tariff-talks-2026",
                "language": "en",
                "first": "Vietnam and the Philippines opened talks on rice tariffs in Hanoi",
                "last": "reached a deal before the harvest.",
            },
        ),
        (
            "harbour-herald.html",
            {
                "title": "Chile and Peru agree to reopen border crossing",
                "published": dt.date(2026, 3, 3),
                "author": "Tomas Herrera",
                "site": "Harbour Herald",
                "url": "https://harbourherald.example/news/2026/03/03/chile-peru-border",
                "language": "en",
                "first": "SANTIAGO, March 3, 2026 - Chile and Peru agreed on Tuesday",
                "last": "which would meet every three months.",
            },
        ),
    ],
)
def test_a_news_page_gives_its_article_and_metadata_without_the_page_furniture(
    write, page: str, expected: dict[str, object]
) -> None:
    [document] = read_documents([write(page, (PAGES / page).read_bytes())])
    for field in ("title", "published", "author", "site", "url", "language"):
        assert getattr(document, field) == expected[field], field
    assert expected["first"] in document.text and expected["last"] in document.text
    furniture = [
        "cookie", "Cookie", "Accept all", "Advertisement", "Sponsored", "Share on",
        "Related stories", "You may also like", "Most read", "Comments", "riceLover77",
        "Valpo_Fan", "Subscribe", "newsletter", "Copyright", "Privacy policy", "Log in",
        "Home", "Obituaries", "Tags:", "ZZTRACK", "min-height", "Holiday apartments",
        "four percent interest", "Harbour Herald, 12 Quay",
    ]  # fmt: skip
    assert [junk for junk in furniture if junk in document.text] == []


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("index-page.html", "not an article: only 18 characters of main text"),
        ("not-found.html", "not an article: no main text"),
    ],
)
def test_pages_without_an_article_are_skipped_with_a_reason_naming_the_file(
    write, page: str, reason: str
) -> None:
    bad = write(page, (PAGES / page).read_bytes())
    good = write("good.txt", "Kenya and Uganda met.")
    documents, errors = collect([bad, good])
    assert [d.text for d in documents] == ["Kenya and Uganda met."]
    [error] = errors
    assert error.source == str(bad) and reason in error.reason


# the safety bound only: lxml stops descending at its depth limit, in well under a second
@pytest.mark.timeout(60)
@pytest.mark.parametrize("depth", [20_000, 100_000])
@pytest.mark.parametrize("closed", [True, False], ids=["closed", "left-open"])
def test_deeply_nested_html_is_rejected_quickly_not_a_crash(
    write, depth: int, closed: bool
) -> None:
    sentence = "Ghana and Nigeria held talks in Accra on Monday. " * 8
    page = (
        "<html><head><title>Deep</title></head><body>"
        + '<div class="wrap">' * depth
        + f"<p>{sentence}</p>"
        + ("</div>" * depth if closed else "")
        + "</body></html>"
    )
    documents, [error] = collect([write("deep.html", page)])
    assert documents == [] and "not an article" in error.reason


def test_html_with_unfinished_markup_and_odd_sections_is_read() -> None:
    paragraph = "Ghana and Nigeria met in Accra on Monday to discuss the border and trade. " * 4
    for page in (
        f"<html><body><p>{paragraph}</p>" + "<a " * 5,
        f"<html><body><p>{paragraph}</p><!-- never closed",
        f"<html><body><p>{paragraph}</p><![if-not x]><p>Then Togo.</p></body>",
        f"<?xml version='1.0' encoding='utf-8'?><html><body><p>{paragraph}</p></body></html>",
    ):
        assert page_article(page).text.startswith(paragraph.strip()[:60])


def test_jsonl_fields_and_line_numbers_of_broken_lines(write) -> None:
    lines = [
        json.dumps(
            {"id": "a-1", "title": "T1", "published": "2026-01-02", "url": "u", "text": "One."}
        ),
        "{not json",
        json.dumps({"id": "a-3", "text": ""}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Four."}),
    ]
    path = write("c.jsonl", "\n".join(lines) + "\n")
    documents, errors = collect([path])
    assert [d.id for d in documents] == ["a-1", document_id("Four.")]
    first = documents[0]
    assert (first.title, first.published, first.url) == ("T1", dt.date(2026, 1, 2), "u")
    assert [(e.source, e.line) for e in errors] == [(str(path), 2), (str(path), 3), (str(path), 4)]
    assert "broken JSON" in errors[0].reason
    assert "text" in errors[1].reason
    raw_tab = write("tab.jsonl", '{"id": "t", "text": "a\tb"}\n')
    _, errors = collect([raw_tab])
    assert errors[0].reason == (
        "broken JSON at column 23: a control character (a raw tab or line break) inside a "
        "string; write it as \\t or \\n"
    )


def test_folders_are_read_recursively_in_order_skipping_hidden_and_other_files(
    write, tmp_path
) -> None:
    write("b/2.txt", "Second.")
    write("a/1.md", "First.")
    write(".hidden/3.txt", "Hidden.")
    write("notes.csv", "x,y")
    documents = list(read_documents([tmp_path]))
    assert [d.text for d in documents] == ["First.", "Second."]
    assert count_documents([tmp_path]) == 2


def test_stdin_text_and_jsonl() -> None:
    [document] = read_documents(["-"], stdin=io.StringIO("Laos and Cambodia met.\n"))
    assert document.source == "<stdin>" and document.text == "Laos and Cambodia met."
    stream = io.StringIO('{"id": "x", "text": "A."}\n{"id": "y", "text": "B."}\n')
    assert [d.id for d in read_documents(["-"], stdin=stream)] == ["x", "y"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("table.csv", b"a,b", "unsupported file type"),
        ("only-markup.html", b"<html><script>x()</script></html>", "not an article"),
    ],
)
def test_bad_files_are_named_with_a_reason_and_the_rest_goes_on(
    write, name, content, reason
) -> None:
    bad = write(name, content)
    good = write("good.txt", "Kenya and Uganda met.")
    documents, errors = collect([bad, good])
    assert [d.text for d in documents] == ["Kenya and Uganda met."]
    [error] = errors
    assert error.source == str(bad)
    assert reason in error.reason
    assert str(bad) in str(error)


def test_missing_path_is_reported(tmp_path) -> None:
    documents, errors = collect([tmp_path / "nope.txt"])
    assert documents == [] and "no such file" in errors[0].reason


def test_latin1_file_lands_decoded(write) -> None:
    path = write("latin.txt", "Le ministre fran\xe7ais a rencontr\xe9 Berlin.".encode("latin-1"))
    [document] = read_documents([path])
    assert "français" in document.text and "rencontré" in document.text


def test_without_handler_the_first_error_is_raised(tmp_path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        list(read_documents([tmp_path / "missing.txt"]))


def test_document_iri_id_is_safe() -> None:
    assert Document(id="a b/c", text="x").iri_id == "a%20b%2Fc"


def crawl_records() -> list[tuple[str, str, bytes, str]]:
    return [
        (
            "https://planet-daily.example/world/asia/rice-tariff-talks-2026?ref=home",
            "text/html; charset=utf-8",
            (PAGES / "planet-daily.html").read_bytes(),
            "2026-05-03T09:00:00Z",
        ),
        (
            "https://planet-daily.example/logo.png",
            "image/png",
            b"\x89PNG\r\n\x1a\n" + bytes(500),
            "2026-05-03T09:00:01Z",
        ),
        (
            "https://planet-daily.example/world",
            "text/html",
            (PAGES / "index-page.html").read_bytes(),
            "2026-05-03T09:00:02Z",
        ),
        (
            "https://harbourherald.example/news/2026/03/03/chile-peru-border",
            "text/html",
            (PAGES / "harbour-herald.html").read_bytes(),
            "2026-03-04T11:30:00Z",
        ),
    ]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_web_archive_is_read_record_by_record_with_url_and_date(tmp_path, name: str) -> None:
    path = write_warc(tmp_path / name, crawl_records(), gzip=name.endswith(".gz"))
    documents, errors = collect([path])
    assert [(d.url, d.published, d.title, d.source) for d in documents] == [
        (
            "https://planet-daily.example/world/asia/rice-tariff-talks-2026?ref=home",
            dt.date(2026, 5, 1),
            "Vietnam and Philippines hold rice tariff talks",
            f"{name}#record-3",
        ),
        (
            "https://harbourherald.example/news/2026/03/03/chile-peru-border",
            dt.date(2026, 3, 3),
            "Chile and Peru agree to reopen border crossing",
            f"{name}#record-9",
        ),
    ]
    assert "Accept all" not in documents[0].text and "Hanoi" in documents[0].text
    [skipped] = errors
    assert skipped.source == str(path)
    assert skipped.reason.startswith(
        "record 7 (https://planet-daily.example/world): not an article"
    )
    assert count_documents([path]) is None  # an archive is not counted before it is read


def test_a_page_without_its_own_date_takes_the_capture_date(tmp_path) -> None:
    body = (
        b"<html><body><article><p>"
        + b"Ghana and Nigeria met in Accra to talk about trade. " * 8
        + b"</p></article></body></html>"
    )
    path = write_warc(
        tmp_path / "a.warc.gz",
        [("https://x.example/a", "text/html", body, "2026-07-09T10:00:00Z")],
        gzip=True,
    )
    [document] = read_documents([path])
    assert document.published == dt.date(2026, 7, 9)


def test_a_broken_web_archive_keeps_the_records_before_the_break_and_the_build_goes_on(
    tmp_path, write
) -> None:
    whole = write_warc(tmp_path / "whole.warc", crawl_records(), gzip=False).read_bytes()
    cut = whole.index(b"WARC/1.0", whole.index(b"harbourherald.example/news") - 600)
    broken = write("broken.warc", whole[:cut] + b"WARC/1.0\r\nthis is not a header\r\n\r\ngarbage")
    not_warc = write("notes.warc.gz", b"just some text, not an archive")
    packed = write_warc(tmp_path / "packed.warc.gz", crawl_records(), gzip=True).read_bytes()
    truncated = write("truncated.warc.gz", packed[: len(packed) - 900])
    good = write("good.txt", "Kenya and Uganda met.")
    documents, errors = collect([broken, not_warc, good])
    assert [d.title for d in documents] == ["Vietnam and Philippines hold rice tariff talks", None]
    assert [e.source for e in errors] == [str(broken), str(broken), str(not_warc)]
    assert (
        errors[1].reason == "broken web archive after record 7 (record 8 has no WARC-Type header)"
    )
    assert errors[2].reason == "broken web archive at its start (record 1 is not a WARC record)"
    documents, errors = collect([truncated])
    assert [d.title for d in documents] == ["Vietnam and Philippines hold rice tariff talks"]
    assert [e.source for e in errors] == [str(truncated)] * 2
    assert errors[-1].reason == "broken web archive after record 7 (record 9 is cut short)"


PEAK_MEMORY_SCRIPT = """
import sys
from kg.ingest import read_documents

def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

documents = read_documents([sys.argv[1]], on_reject=lambda error: None)
next(documents)
first = peak_kb()
count = 1 + sum(1 for _ in documents)
print(count, peak_kb() - first)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads peak memory from /proc")
def test_reading_a_web_archive_keeps_memory_flat(tmp_path) -> None:
    import os
    import subprocess
    import sys

    article = (PAGES / "planet-daily.html").read_bytes()
    filler = os.urandom(1_500_000)
    records = []
    for n in range(40):
        page = article.replace(b"Hanoi on Friday", f"Hanoi on Friday ({n})".encode())
        records.append(
            (f"https://planet-daily.example/{n}", "text/html", page, "2026-05-03T09:00:00Z")
        )
        records.append(
            (f"https://planet-daily.example/{n}.jpg", "image/jpeg", filler, "2026-05-03T09:00:00Z")
        )
    path = write_warc(tmp_path / "big.warc", records, gzip=False)
    assert path.stat().st_size > 60_000_000
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    run = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY_SCRIPT, str(path)],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    count, growth_kb = map(int, run.stdout.split())
    assert count == 40
    # the archive is 60 MB; read whole, or record after record kept, the peak would follow it
    assert growth_kb < 20_000


def test_an_rss_feed_gives_one_article_an_entry(write) -> None:
    path = write("world.rss", (PAGES / "world-desk.rss").read_bytes())
    documents, errors = collect([path])
    assert [
        (d.title, d.url, d.published, d.author, d.site, d.language, d.source) for d in documents
    ] == [
        (
            "Kenya and Uganda sign pipeline accord",
            "https://worlddesk.example/2026/02/kenya-uganda-pipeline",
            dt.date(2026, 2, 10),
            "Grace Wanjiru",
            "World Desk",
            "en",
            "world.rss#entry-1",
        ),
        (
            "Ghana and Togo reopen border talks",
            "https://worlddesk.example/2026/02/ghana-togo",
            dt.date(2026, 2, 11),
            None,
            "World Desk",
            "en",
            "world.rss#entry-2",
        ),
    ]
    full, summary = documents
    assert full.text.startswith("Kenya and Uganda signed an accord in Nairobi on Tuesday")
    assert "joint company to run it." in full.text and "Share this story" not in full.text
    assert summary.text == "Ghana and Togo reopened talks on their border on Wednesday."
    [empty] = errors
    assert (empty.source, empty.reason) == (str(path), "entry 3: no content or summary")


def test_an_atom_feed_and_an_xml_file_whose_root_is_a_feed(write) -> None:
    atom = (PAGES / "trade-notes.atom").read_bytes()
    documents = list(
        read_documents(
            [
                write("trade.atom", atom),
                write("trade-copy.xml", atom.replace(b"Trade Notes", b"Trade Notes II")),
            ],
            on_reject=lambda _: None,
        )
    )
    first, second = documents[:2]
    assert (first.title, first.url, first.published, first.author, first.site, first.language) == (
        "Norway and Iceland settle fishing dispute",
        "https://tradenotes.example/2026/03/norway-iceland-fishing",
        dt.date(2026, 3, 4),
        "Sigrid Haugen",
        "Trade Notes",
        "en",
    )
    assert first.text.startswith("Norway and Iceland settled their long dispute")
    assert "&lt;" not in first.text and "<p>" not in first.text
    assert second.published == dt.date(2026, 3, 2)  # no <published>: its <updated>
    assert (
        second.text
        == "Canada and Mexico will hold talks on dairy quotas next month, officials said."
    )
    assert [d.source for d in documents] == [
        "trade.atom#entry-1",
        "trade.atom#entry-2",
    ]  # the copy is the same text


def test_bad_feeds_are_named_with_a_reason_and_the_rest_goes_on(write, tmp_path) -> None:
    broken = write(
        "broken.rss", b"<?xml version='1.0'?><rss><channel><title>x</title><item><title>"
    )
    not_feed = write(
        "sitemap.xml", b"<?xml version='1.0'?><urlset><url><loc>https://x</loc></url></urlset>"
    )
    text = write("notes.atom", b"just some words")
    good = write("good.txt", "Kenya and Uganda met.")
    documents, errors = collect([broken, not_feed, text, good])
    assert [d.text for d in documents] == ["Kenya and Uganda met."]
    assert [(e.source, e.reason.split(" (")[0]) for e in errors] == [
        (str(broken), "broken feed"),
        (str(not_feed), "not an RSS or Atom feed: its root element is <urlset>"),
        (str(text), "not an RSS or Atom feed: it has no XML element"),
    ]
    # in a folder, XML that is not a feed is not news and is passed over
    assert [d.text for d in read_documents([tmp_path], on_reject=lambda _: None)] == [
        "Kenya and Uganda met."
    ]


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2004-11-13", dt.date(2004, 11, 13)),
        ("2004-11-13T23:30:00-05:00", dt.date(2004, 11, 13)),  # the day where it was written
        ("Tue, 01 Dec 2026 10:23:00 GMT", dt.date(2026, 12, 1)),
        ("November 13, 2004", dt.date(2004, 11, 13)),
        ("13 November 2004", dt.date(2004, 11, 13)),
        ("Nov. 13, 2004", dt.date(2004, 11, 13)),
        ("11/13/2004", dt.date(2004, 11, 13)),
        ("2004/11/13", dt.date(2004, 11, 13)),
        ("13.11.2004", dt.date(2004, 11, 13)),
        ("Saturday 13 November 2004 14:05 GMT", dt.date(2004, 11, 13)),
        ("Monday, March 3rd, 2026 at 9:15 a.m. EST", dt.date(2026, 3, 3)),
        ("03-Mar-2026", dt.date(2026, 3, 3)),
        ("November 2004", None),  # a month is not a day
        ("yesterday", None),  # relative to the build, not to the article: refused
        ("soon", None),
    ],
)
def test_jsonl_dates_in_any_common_format_become_a_day(write, written: str, day) -> None:
    field = "date" if "," in written else "published"
    path = write(
        "d.jsonl", json.dumps({"id": "a", "text": "Chile met Peru.", field: written}) + "\n"
    )
    [document] = read_documents([path])
    assert document.published == day


@pytest.mark.parametrize(
    ("opening", "day"),
    [
        ("SANTIAGO, March 3, 2026 - Chile and Peru met.", dt.date(2026, 3, 3)),
        ("LONDON, 13 November 2004 (Reuters) -- Britain and France met.", dt.date(2004, 11, 13)),
        ("NEW YORK, N.Y., Nov. 13, 2004 \u2014 The two sides met.", dt.date(2004, 11, 13)),
        ("BEIJING, 2026-03-03 - China and Japan met.", dt.date(2026, 3, 3)),
        ("PARIS, March 3 (Reuters) - France and Spain met.", None),  # no year: no date
        ("Chile and Peru met on March 3, 2026 - at last.", None),  # no dateline
    ],
)
def test_a_dateline_gives_the_date_when_nothing_better_exists(write, opening: str, day) -> None:
    [document] = read_documents([write("a.txt", opening)])
    assert document.published == day
    with_metadata = write("b.md", f"---\ndate: 5 March 2026\n---\n{opening}")
    [document] = read_documents([with_metadata])
    assert document.published == dt.date(2026, 3, 5)


def test_a_page_declaring_its_language_has_its_dates_read_in_it_too() -> None:
    from kg.dates import parse_date

    assert parse_date("3 de marzo de 2026") is None
    assert parse_date("3 de marzo de 2026", language="es") == dt.date(2026, 3, 3)
    assert parse_date("13 November 2004", language="xx") == dt.date(2004, 11, 13)


def test_dates_are_parsed_once_a_document_and_never_from_the_network(write, monkeypatch) -> None:
    import socket

    import kg.ingest

    def no_network(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("dateparser tried the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    calls: list[str | None] = []
    real = kg.ingest.parse_date

    def counted(value, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(value)
        return real(value, **kwargs)

    monkeypatch.setattr(kg.ingest, "parse_date", counted)
    lines = [
        {
            "id": "a",
            "text": "SANTIAGO, March 3, 2026 - Chile met Peru.",
            "date": "Tue, 01 Dec 2026 10:23:00 GMT",
        },
        {"id": "b", "text": "SANTIAGO, March 3, 2026 - Chile met Peru again."},
    ]
    path = write("d.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    assert [d.published for d in read_documents([path])] == [
        dt.date(2026, 12, 1),
        dt.date(2026, 3, 3),
    ]
    assert calls == ["Tue, 01 Dec 2026 10:23:00 GMT", "March 3, 2026"]


def test_a_pages_author_site_and_language_reach_the_graph(write, tmp_path) -> None:
    from kg.build import build
    from kg.store import Store

    page = write("page.html", (PAGES / "planet-daily.html").read_bytes())
    build([page], store=tmp_path / "s")
    with Store(tmp_path / "s", read_only=True) as store:
        [row] = store.select_values(
            "SELECT ?creator ?publisher ?language ?source WHERE { ?d a kg:Document ; "
            "dcterms:creator ?creator ; dcterms:publisher ?publisher ; "
            "dcterms:language ?language ; dcterms:source ?source }"
        )
    assert row == (
        "Ana Ruiz",
        "The Planet Daily",
        "en",
        "https://planet-daily.example/world/asia/rice-tariff-talks-2026",
    )
