"""Web pages and web archives: a page's article text and metadata, found by trafilatura.

`page_article` reads one HTML page; `warc_pages` streams the HTML responses of a
WARC file (``.warc`` or ``.warc.gz``) one record at a time, so an archive of any
size never sits in memory. Neither builds `kg.ingest.Document` records: they return
what the page says, and `kg.ingest` decides what a document is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import trafilatura
from lxml.etree import ParserError
from lxml.html import HtmlElement

__all__ = [
    "EXTRACTION_OPTIONS",
    "MIN_ARTICLE_CHARS",
    "Article",
    "BrokenArchiveError",
    "NotAnArticleError",
    "WarcPage",
    "fragment_text",
    "primary_language",
    "page_article",
    "warc_pages",
]

#: Less main text than this and a page is not an article (an index page, an error
#: page, a page of headlines): trafilatura's own floor before it tries its fallbacks.
MIN_ARTICLE_CHARS = 250

#: How kg asks trafilatura for a page's article; the benchmark passes the same.
EXTRACTION_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
}


@dataclass(frozen=True, slots=True)
class Article:
    """What a web page or a feed entry says about its article, as found."""

    text: str
    title: str | None = None
    #: The date as the page gives it (trafilatura gives ISO 8601 dates).
    date: str | None = None
    author: str | None = None
    site: str | None = None
    #: The page's own canonical URL when it gives one, else the URL it was fetched from.
    url: str | None = None
    language: str | None = None


class NotAnArticleError(ValueError):
    """A page with no article on it; the message says why."""


class BrokenArchiveError(ValueError):
    """A web archive that cannot be read on from some record; the message says why."""


def page_article(html: str | bytes, *, url: str | None = None) -> Article:
    """The article on an HTML page: main text without page furniture, and metadata.

    Raises `NotAnArticleError` when the page has no main text or too little of it.
    """
    try:
        tree = trafilatura.load_html(_without_unfinished_tail(html))
    except (ParserError, ValueError) as error:
        raise NotAnArticleError(f"not readable as HTML ({error})") from error
    if tree is None:
        raise NotAnArticleError("not readable as HTML")
    language = _page_language(tree)
    found = trafilatura.bare_extraction(tree, url=url, **EXTRACTION_OPTIONS)
    text = (getattr(found, "text", None) or "").strip()
    if len(text) < MIN_ARTICLE_CHARS:
        what = "no main text" if not text else f"only {len(text)} characters of main text"
        raise NotAnArticleError(f"not an article: {what} (an index, error or link page?)")
    return Article(
        text=text,
        title=getattr(found, "title", None) or None,
        date=getattr(found, "date", None) or None,
        author=getattr(found, "author", None) or None,
        site=getattr(found, "sitename", None) or None,
        url=getattr(found, "url", None) or url or None,
        language=language,
    )


UNFINISHED_MARKUP = re.compile(rb"<[A-Za-z!/?]")


def _without_unfinished_tail(html: str | bytes) -> bytes:
    """The page without markup left open at its end (a tag, comment or declaration
    with no closing '>'), which HTML5 parsers drop too: given such a tail, lxml
    returns no tree at all, and the whole article would be lost."""
    data = html.encode("utf-8") if isinstance(html, str) else html
    unfinished = UNFINISHED_MARKUP.search(data, data.rfind(b">") + 1)
    return data[: unfinished.start()] if unfinished else data


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry's content) through the same
    extraction as a page's; a fragment too short for trafilatura to call it an
    article keeps all its text."""
    page = f"<html><body><article>{html}</article></body></html>"
    tree = trafilatura.load_html(page)
    if tree is None:
        return ""
    whole = " ".join(tree.text_content().split())
    found = trafilatura.bare_extraction(tree, **EXTRACTION_OPTIONS)
    text = (getattr(found, "text", None) or "").strip()
    return text if len(text) >= MIN_ARTICLE_CHARS else whole


def primary_language(tag: str | None) -> str | None:
    """The primary subtag of a language tag: ``en`` for ``en-GB`` or ``en_us``."""
    primary = (tag or "").strip().replace("_", "-").split("-")[0].lower()
    return primary or None


def _page_language(tree: HtmlElement) -> str | None:
    """The page's declared language (``<html lang>``, else a content-language meta),
    as a primary subtag: ``en`` for ``en-GB``."""
    declared = tree.get("lang")
    if not declared:
        metas = tree.xpath(
            '//meta[@http-equiv="content-language" or @property="og:locale"]/@content'
        )
        declared = str(metas[0]) if isinstance(metas, list) and metas else None
    return primary_language(declared)


# --- web archives -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response of a web archive: its record number, URL, capture date and
    the article on it, or why it has none."""

    number: int
    url: str | None
    captured: str | None
    article: Article | None = None
    skipped: str | None = None


def warc_pages(stream: IO[bytes]) -> Iterator[WarcPage]:
    """The HTML responses of a WARC stream, read one record at a time.

    Records that are not HTTP responses with an HTML body (requests, metadata,
    images, redirects) are passed over in silence. Raises `BrokenArchiveError` (or
    warcio's ``ArchiveLoadFailed``, or a decompression error) where the archive
    breaks; the pages before it have been yielded by then.
    """
    from warcio.archiveiterator import ArchiveIterator

    for number, record in enumerate(ArchiveIterator(stream), start=1):
        if record.format != "warc":
            # warcio reads any other text as an old ARC file or headerless HTTP
            raise BrokenArchiveError(f"record {number} is not a WARC record")
        if record.rec_type is None:
            raise BrokenArchiveError(f"record {number} has no WARC-Type header")
        if record.rec_type != "response" or record.http_headers is None:
            continue
        content_type = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode() or ""
        if "html" not in content_type.lower() or not status.startswith("2"):
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        captured = record.rec_headers.get_header("WARC-Date")
        body = record.content_stream().read()
        if getattr(record.raw_stream, "limit", 0):
            # fewer bytes than the record's Content-Length: the archive ends mid-record
            raise BrokenArchiveError(f"record {number} is cut short")
        try:
            article = page_article(body, url=url)
        except NotAnArticleError as reason:
            yield WarcPage(number, url, captured, skipped=str(reason))
            continue
        yield WarcPage(number, url, captured, article=article)
