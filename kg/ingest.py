"""Read news articles from files, folders and stdin into `Document` records.

Supported inputs: ``.txt``, ``.md`` (optionally with a ``---`` front matter block
giving ``title``, ``date``/``published``, ``url``), ``.html``/``.htm`` (the article's
text and metadata found by trafilatura; a page with no article is rejected),
``.jsonl`` (one object a line with ``text`` and optionally ``id``, ``title``,
``published``, ``url``), web archives (``.warc``, ``.warc.gz``: every HTML
response, read as a web page, one record at a time), RSS and Atom feeds (``.rss``,
``.atom``, or ``.xml`` whose root is ``<rss>`` or ``<feed>``: one article an entry),
folders (recursively) and ``-`` for stdin.

A bad file or line never stops the batch: it is handed to ``on_reject`` as an
`IngestError` naming the file (and line) and the reason, and reading goes on. So is
a document whose id was already read in the same run (the first one is kept), and
an article longer than ``max_chars`` characters, when a limit is given.

A document's ``source`` names it relative to what was given (``news/a.txt`` for a
file ``a.txt`` found in a folder given as ``/home/me/news``, the file name for a
file given directly), so that no local path leaks into exported graphs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import re
import sys
import urllib.parse
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.dates import dateline, parse_date
from kg.errors import IngestError
from kg.feeds import FEED_ROOTS, BrokenFeedError, feed_entries, feed_root
from kg.web import Article, BrokenArchiveError, NotAnArticleError, page_article, warc_pages

__all__ = [
    "DEFAULT_MAX_CHARS",
    "SUPPORTED_SUFFIXES",
    "Document",
    "count_documents",
    "document_id",
    "file_suffix",
    "parse_date",
    "read_documents",
]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})
#: An .xml file is read as a feed when its root element is <rss>, <feed> or <rdf:RDF>.
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES
    | MARKDOWN_SUFFIXES
    | HTML_SUFFIXES
    | JSONL_SUFFIXES
    | WARC_SUFFIXES
    | FEED_SUFFIXES
)

STDIN = "-"
#: `kg.build`'s limit on an article's text, in characters: a longer text is most
#: likely not one news article (a log, a dump, a whole book) and costs minutes.
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Document:
    """One news article: its text and what is known about it."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    #: Where it came from, relative to the path given (``news/a.txt``, ``feed.jsonl#L3``).
    source: str = ""
    url: str | None = None
    #: The line of a JSON lines record.
    line: int | None = None
    author: str | None = None
    #: The name of the site that published it (a web page's or feed's own name).
    site: str | None = None
    #: The language the page declares (``en``), when it declares one.
    language: str | None = None

    @property
    def iri_id(self) -> str:
        """The id made safe for use in an IRI path segment."""
        return urllib.parse.quote(self.id, safe="-._~")


def document_id(text: str) -> str:
    """Stable content-hash id of a text: the same text always gets the same id."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


RejectHandler = Callable[[IngestError], None]


def _raise(error: IngestError) -> None:
    raise error


def read_documents(
    paths: Iterable[str | Path],
    *,
    on_reject: RejectHandler | None = None,
    stdin: IO[str] | None = None,
    max_chars: int = 0,
) -> Iterator[Document]:
    """Yield a `Document` for every article found under ``paths``.

    ``on_reject`` receives an `IngestError` for each unreadable file or line and
    reading goes on; without it the first error is raised. An article whose text is
    longer than ``max_chars`` characters (when not 0) is rejected the same way.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Talks resume\\nJapan and Korea met.")
    >>> [d.title for d in read_documents([folder])]
    ['Talks resume']
    """
    reject = on_reject or _raise
    first_read: dict[str, tuple[str, bytes]] = {}  # id -> (where, text digest)
    for document in _read_paths(paths, reject, stdin, max_chars):
        file = document.source.removesuffix(f"#L{document.line}")
        where = file if document.line is None else f"{file}:{document.line}"
        digest = hashlib.sha1(document.text.encode("utf-8")).digest()[:12]
        seen = first_read.get(document.id)
        if seen is None:
            first_read[document.id] = (where, digest)
            yield document
            continue
        first, first_digest = seen
        if first_digest == digest:
            reason = f"the same article as {first} (same id and text); read once"
        else:
            reason = f"duplicate id '{document.id}', already read from {first}; the first was kept"
        reject(IngestError(file, reason, line=document.line))


def _read_paths(
    paths: Iterable[str | Path], reject: RejectHandler, stdin: IO[str] | None, max_chars: int
) -> Iterator[Document]:
    for raw in paths:
        if str(raw) == STDIN:
            yield from _read_stream(stdin or sys.stdin, "<stdin>", reject, max_chars)
            continue
        path = Path(raw)
        if path.is_dir():
            base = _given_name(path)
            for child in _files_below(path):
                relative = child.relative_to(path).as_posix()
                name = f"{base}/{relative}" if base else relative
                yield from _read_file(child, reject, name, max_chars)
        elif path.is_file():
            yield from _read_file(path, reject, path.name, max_chars)
        elif path.exists():
            reject(IngestError(str(path), "not a regular file or folder"))
        else:
            reject(IngestError(str(path), "no such file or folder"))


def _given_name(folder: Path) -> str:
    """The name a folder argument is known by: its last component (``news`` for
    ``/home/me/news`` or ``news/``; the current folder's name for ``.``)."""
    return folder.name or folder.resolve().name


def file_suffix(path: Path) -> str:
    """The suffix that says what a file holds, in lower case: ``.warc.gz`` for a
    compressed web archive, else the last one."""
    name = path.name.lower()
    return next((suffix for suffix in WARC_SUFFIXES if name.endswith(suffix)), path.suffix.lower())


def count_documents(paths: Iterable[str | Path]) -> int | None:
    """Cheap upper estimate of how many documents ``paths`` hold (None for stdin, web
    archives and feeds, whose articles cannot be counted without reading them)."""
    total = 0
    for raw in paths:
        if str(raw) == STDIN:
            return None
        path = Path(raw)
        files = list(_files_below(path)) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            if file_suffix(file) in WARC_SUFFIXES | FEED_SUFFIXES:
                return None
            if file.suffix.lower() in JSONL_SUFFIXES:
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


def _files_below(folder: Path) -> Iterator[Path]:
    """Supported files below a folder in a stable order, hidden ones skipped."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if not path.is_file() or file_suffix(path) not in SUPPORTED_SUFFIXES:
            continue
        if path.suffix.lower() == ".xml" and not _is_feed(path):
            continue  # a folder's other XML (a sitemap, a config) is not news
        yield path


def _is_feed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return feed_root(handle.read(4096)) in FEED_ROOTS
    except OSError:
        return True  # let reading it report the error


def _too_long(document: Document, max_chars: int) -> str | None:
    """Why a document is over the size limit, or None when it is not."""
    if not max_chars or len(document.text) <= max_chars:
        return None
    return (
        f"article text of {len(document.text):,} characters is longer than the limit of "
        f"{max_chars:,} (--max-chars; 0 means no limit)"
    )


def _read_file(path: Path, reject: RejectHandler, name: str, max_chars: int) -> Iterator[Document]:
    """The documents of one file; ``name`` is what they record as their source."""
    suffix = file_suffix(path)
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        reject(
            IngestError(str(path), f"unsupported file type {suffix or '(none)'}; use {supported}")
        )
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, reject, name, max_chars)
        return
    if suffix in WARC_SUFFIXES:
        yield from _read_warc(path, reject, name, max_chars)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        reject(IngestError(str(path), f"cannot be read ({error.strerror or error})"))
        return
    if suffix in FEED_SUFFIXES:
        yield from _feed_documents(data, path, reject, name, max_chars)
        return
    try:
        text = decode_bytes(data)
    except ValueError as error:
        reject(IngestError(str(path), str(error)))
        return
    if suffix in HTML_SUFFIXES:
        try:
            document: Document | None = _html_document(text, name)
        except NotAnArticleError as reason:
            reject(IngestError(str(path), str(reason)))
            return
    elif suffix in MARKDOWN_SUFFIXES:
        document = _markdown_document(text, name)
    else:
        document = _text_document(text, name)
    if document is None:
        reject(IngestError(str(path), "no article text (the file is empty or has only markup)"))
        return
    too_long = _too_long(document, max_chars)
    if too_long:
        reject(IngestError(str(path), too_long))
        return
    yield document


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), else Windows-1252/Latin-1.

    Raises ValueError for binary data.
    """
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(text[:8192]) // 20:
        raise ValueError("binary file (mostly control characters), not text")
    return text


# --- plain text and Markdown --------------------------------------------------------

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end() :]


#: A first line longer than this is the article's opening paragraph, not its headline.
TITLE_MAX_CHARS = 150


def _first_line(text: str) -> str | None:
    """The headline of a plain text: its first line when that is short, does not end
    like a sentence, and more text follows; else None (the article has no title)."""
    lines = (line.strip().lstrip("#").strip() for line in text.splitlines())
    first = next((line for line in lines if line), None)
    if first is None or len(first) > TITLE_MAX_CHARS or first.endswith("."):
        return None
    if next((line for line in lines if line), None) is None:
        return None
    return first


def _make_document(
    text: str,
    source: str,
    *,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    identifier: str | None = None,
    language: str | None = None,
) -> Document | None:
    """A document of a text and what is known of it; None when the text is blank.

    The date is the metadata's (``published``, in any common format) when there is
    one, else the text's dateline ("SANTIAGO, March 3, 2026 -"): one date parsed.
    """
    text = text.strip()
    if not text:
        return None
    written = published.strip() if published and published.strip() else dateline(text)
    return Document(
        id=identifier or document_id(text),
        text=text,
        title=title or _first_line(text),
        published=parse_date(written, language=language),
        source=source,
        url=url or None,
        language=language,
    )


def _text_document(text: str, source: str) -> Document | None:
    fields, body = _split_front_matter(text)
    return _make_document(
        body,
        source,
        title=fields.get("title"),
        published=fields.get("date") or fields.get("published"),
        url=fields.get("url"),
        identifier=fields.get("id"),
    )


MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
MD_LINE_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")


def markdown_to_text(markdown: str) -> str:
    """Plain text of Markdown: headings, links, emphasis and list markers removed."""
    lines = []
    for line in markdown.splitlines():
        line = MD_LINE_PREFIX.sub("", line)
        line = MD_IMAGE.sub("", line)
        line = MD_LINK.sub(r"\1", line)
        line = MD_EMPHASIS.sub(r"\2", line)
        lines.append(line.rstrip())
    return "\n".join(lines)


def _markdown_document(text: str, source: str) -> Document | None:
    fields, body = _split_front_matter(text)
    return _make_document(
        markdown_to_text(body),
        source,
        title=fields.get("title") or _first_line(body),
        published=fields.get("date") or fields.get("published"),
        url=fields.get("url"),
        identifier=fields.get("id"),
    )


# --- web pages ----------------------------------------------------------------------


def _html_document(html: str, source: str) -> Document:
    """The article of a web page; raises `NotAnArticleError` for a page without one."""
    article = page_article(html)
    return _article_document(article, source)


def _article_document(
    article: Article, source: str, *, url: str | None = None, fallback_date: str | None = None
) -> Document:
    """A document of an article found on a page or in a feed; ``url`` (where it was
    fetched) wins over the page's own, ``fallback_date`` is used when it gives none."""
    document = _make_document(
        article.text,
        source,
        title=article.title,
        published=article.date or fallback_date,
        url=url or article.url,
        language=article.language,
    )
    if document is None:
        raise NotAnArticleError("no article text")
    return dataclasses.replace(document, author=article.author, site=article.site)


def _read_warc(path: Path, reject: RejectHandler, name: str, max_chars: int) -> Iterator[Document]:
    """The articles of a web archive's HTML responses, one record at a time. The URL
    is the record's; the date the page's own, else the capture date. A broken
    archive is rejected at the record where it breaks, after the ones before it."""
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = path.open("rb")
    except OSError as error:
        reject(IngestError(str(path), f"cannot be read ({error.strerror or error})"))
        return
    last = 0
    with handle:
        pages = warc_pages(handle)
        while True:
            try:
                page = next(pages, None)
            except (BrokenArchiveError, ArchiveLoadFailed, OSError, EOFError, zlib.error) as error:
                after = f"after record {last}" if last else "at its start"
                reason = f"broken web archive {after} ({_first_line_of(error)})"
                reject(IngestError(str(path), reason))
                return
            if page is None:
                return
            last = page.number
            where = f"record {page.number} ({page.url or 'no URL'})"
            if page.article is None:
                reject(IngestError(str(path), f"{where}: {page.skipped}"))
                continue
            document = _article_document(
                page.article,
                f"{name}#record-{page.number}",
                url=page.url,
                fallback_date=page.captured,
            )
            too_long = _too_long(document, max_chars)
            if too_long:
                reject(IngestError(str(path), f"{where}: {too_long}"))
            else:
                yield document


def _feed_documents(
    data: bytes, path: Path, reject: RejectHandler, name: str, max_chars: int
) -> Iterator[Document]:
    """The articles of an RSS or Atom feed, one per entry."""
    root = feed_root(data[:4096])
    if root not in FEED_ROOTS:
        found = f"its root element is <{root}>" if root else "it has no XML element"
        reject(IngestError(str(path), f"not an RSS or Atom feed: {found}"))
        return
    try:
        entries = feed_entries(data)
    except BrokenFeedError as error:
        reject(IngestError(str(path), str(error)))
        return
    if not entries:
        reject(IngestError(str(path), "a feed with no entries"))
    for entry in entries:
        where = f"entry {entry.number}"
        if entry.article is None:
            reject(IngestError(str(path), f"{where}: {entry.skipped}"))
            continue
        document = _article_document(entry.article, f"{name}#entry-{entry.number}")
        too_long = _too_long(document, max_chars)
        if too_long:
            reject(IngestError(str(path), f"{where}: {too_long}"))
        else:
            yield document


def _first_line_of(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


# --- JSON lines ---------------------------------------------------------------------


def _read_jsonl(path: Path, reject: RejectHandler, name: str, max_chars: int) -> Iterator[Document]:
    try:
        handle = path.open("rb")
    except OSError as error:
        reject(IngestError(str(path), f"cannot be read ({error.strerror or error})"))
        return
    with handle:
        yield from _jsonl_lines(handle, str(path), reject, max_chars, name=name)


def _jsonl_lines(
    lines: Iterable[bytes],
    source: str,
    reject: RejectHandler,
    max_chars: int,
    *,
    name: str | None = None,
) -> Iterator[Document]:
    """Documents of JSON lines; errors name ``source`` (the file as given), documents
    record ``name`` (relative to what was given)."""
    seen_any = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = raw.decode("utf-8-sig") if number == 1 else raw.decode("utf-8")
        except UnicodeDecodeError:
            reject(IngestError(source, "not UTF-8 text (JSON lines must be UTF-8)", line=number))
            continue
        document = _jsonl_record(line, source, number, reject, name or source)
        if document is None:
            continue
        too_long = _too_long(document, max_chars)
        if too_long:
            reject(IngestError(source, too_long, line=number))
        else:
            yield document
    if not seen_any:
        reject(IngestError(source, "empty file"))


def _jsonl_record(
    line: str, source: str, number: int, reject: RejectHandler, name: str
) -> Document | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        reason = f"broken JSON at column {error.colno}: {_json_reason(error.msg)}"
        reject(IngestError(source, reason, line=number))
        return None
    if not isinstance(record, dict):
        reject(IngestError(source, "expected a JSON object with a 'text' field", line=number))
        return None
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        reject(IngestError(source, "no 'text' field with article text", line=number))
        return None
    identifier = record.get("id")
    title = record.get("title")
    published = record.get("published") or record.get("date")
    url = record.get("url")
    document = _make_document(
        text,
        f"{name}#L{number}",
        title=str(title) if title else None,
        published=str(published) if published else None,
        url=str(url) if url else None,
        identifier=str(identifier) if identifier not in (None, "") else None,
    )
    return None if document is None else dataclasses.replace(document, line=number)


def _read_stream(
    stream: IO[str], source: str, reject: RejectHandler, max_chars: int
) -> Iterator[Document]:
    """Read stdin: JSON lines when every line is an object, else one plain-text article."""
    text = stream.read()
    if not text.strip():
        reject(IngestError(source, "empty input"))
        return
    lines = [line for line in text.splitlines() if line.strip()]
    if all(line.lstrip().startswith("{") for line in lines):
        yield from _jsonl_lines(io.BytesIO(text.encode("utf-8")), source, reject, max_chars)
        return
    document = _text_document(text, source)
    if document is None:
        reject(IngestError(source, "no article text"))
    elif too_long := _too_long(document, max_chars):
        reject(IngestError(source, too_long))
    else:
        yield document


def _json_reason(message: str) -> str:
    """The json module's message in words: 'Invalid control character at' becomes
    'a control character (a raw tab or line break) inside a string'."""
    if message.startswith("Invalid control character"):
        return (
            "a control character (a raw tab or line break) inside a string; write it as \\t or \\n"
        )
    return message[:1].lower() + message[1:]
