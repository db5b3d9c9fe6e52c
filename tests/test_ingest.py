"""Reading articles: formats, folders, stdin, ids, titles, dates and bad inputs."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from kg.errors import IngestError
from kg.ingest import Document, count_documents, document_id, html_to_text, read_documents


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


def test_html_boilerplate_stripped_title_and_date_kept(write) -> None:
    html = """<html><head><title>Rice tariff row</title>
    <meta property="article:published_time" content="2026-05-01T08:00:00Z">
    <script>var tracking = "Japan met Korea";</script><style>p{}</style></head>
    <body><nav>Home | World | Business</nav><header>Site banner</header>
    <article><h1>Rice tariff row</h1><p>Vietnam and the Philippines discussed rice.</p>
    <div class="share-buttons">Share on social</div><p>Officials met in Hanoi.</p></article>
    <footer>Copyright</footer></body></html>"""
    [document] = read_documents([write("page.html", html)])
    assert document.title == "Rice tariff row"
    assert document.published == dt.date(2026, 5, 1)
    assert "Vietnam and the Philippines discussed rice." in document.text
    assert "Officials met in Hanoi." in document.text
    for junk in ("tracking", "Home | World", "Site banner", "Share on social", "Copyright", "p{}"):
        assert junk not in document.text


def test_html_without_article_element_uses_body(write) -> None:
    text, title, _ = html_to_text("<body><p>Ghana and Nigeria met.</p><p>They agreed.</p></body>")
    assert text == "Ghana and Nigeria met.\n\nThey agreed."
    assert title is None


# the safety bound only: the reader used to take time quadratic in the depth (20,000
# divs 30 s, 100,000 about 12 minutes); it now takes about 2 s for 100,000
@pytest.mark.timeout(120)
@pytest.mark.parametrize("depth", [20_000, 100_000])
@pytest.mark.parametrize("closed", [True, False], ids=["closed", "left-open"])
def test_deeply_nested_html_is_read(write, depth: int, closed: bool) -> None:
    sentence = "Ghana and Nigeria held talks in Accra on Monday."
    page = (
        "<html><head><title>Deep</title></head><body>"
        + '<div class="wrap">' * depth
        + f"<p>{sentence}</p>"
        + ("</div>" * depth if closed else "")
        + "</body></html>"
    )
    [document] = read_documents([write("deep.html", page)])
    assert document.text == sentence and document.title == "Deep"


def test_html_left_unfinished_at_the_end_loses_only_the_unfinished_markup() -> None:
    text, _, _ = html_to_text("<body><p>Ghana and Nigeria met.</p>" + "<a " * 5)
    assert text == "Ghana and Nigeria met."
    text, _, _ = html_to_text("<body><p>Ghana and Nigeria met.</p><!-- never closed")
    assert text == "Ghana and Nigeria met."
    text, _, _ = html_to_text("<body><p>Prices rose 3% as a < b and 2 > 1.</p></body>")
    assert text == "Prices rose 3% as a < b and 2 > 1."


def test_an_unknown_marked_section_is_a_comment_not_a_crash() -> None:
    text, _, _ = html_to_text(
        "<body><p>Ghana met Nigeria.</p><![if-not x]><p>Then Togo.</p></body>"
    )
    assert text == "Ghana met Nigeria.\n\nThen Togo."
    text, _, _ = html_to_text("<body><p>Ghana met Nigeria.</p><![ oops ]]><p>Then Togo.</p>")
    assert text == "Ghana met Nigeria.\n\nThen Togo."


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
        ("only-markup.html", b"<html><script>x()</script></html>", "no article text"),
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
