"""RSS and Atom feeds: each entry's article, read with feedparser.

An entry gives its title, link, date, author and its content (else its summary);
HTML content goes through the same text extraction as a web page. Like `kg.web`,
this module returns what the feed says, and `kg.ingest` makes documents of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.web import Article, fragment_text, primary_language

__all__ = ["BrokenFeedError", "FeedEntry", "feed_entries", "feed_root"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Element names a feed's root may have: RSS 0.9x and 2.0, Atom, RSS 1.0 (rdf:RDF).
FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
PROLOG = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)
FIRST_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


class BrokenFeedError(ValueError):
    """A file that cannot be read as a feed; the message says why."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed: its number in the feed and its article, or why it has none."""

    number: int
    article: Article | None = None
    skipped: str | None = None


def feed_root(head: bytes) -> str | None:
    """The local name of the root element of an XML document, from its first bytes,
    in lower case (``rss``, ``feed``, ``rdf``); None when there is no element."""
    prolog = PROLOG.match(head.lstrip(b"\xef\xbb\xbf"))
    match = FIRST_TAG.match(head.lstrip(b"\xef\xbb\xbf"), prolog.end() if prolog else 0)
    return match.group(1).decode("ascii").lower() if match else None


def feed_entries(data: bytes) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed, in feed order.

    Raises `BrokenFeedError` when the data is no feed, or too broken to give any article.
    """
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no <rss> or <feed> element"
        raise BrokenFeedError(f"not an RSS or Atom feed ({_first_line(reason)})")
    site = parsed.feed.get("title") or None
    language = primary_language(parsed.feed.get("language"))
    entries = [
        _entry(number, entry, site, language)
        for number, entry in enumerate(parsed.entries, start=1)
    ]
    # feedparser reads on past errors; a broken feed is one where nothing readable came
    if parsed.bozo and all(entry.article is None for entry in entries):
        raise BrokenFeedError(f"broken feed ({_first_line(parsed.bozo_exception)})")
    return entries


def _entry(number: int, entry: Any, site: str | None, language: str | None) -> FeedEntry:
    text = _entry_text(entry)
    if not text:
        return FeedEntry(number, skipped="no content or summary")
    return FeedEntry(
        number,
        Article(
            text=text,
            title=entry.get("title") or None,
            date=entry.get("published") or entry.get("updated") or None,
            author=entry.get("author") or None,
            site=site,
            url=entry.get("link") or None,
            language=language,
        ),
    )


def _entry_text(entry: Any) -> str:
    """An entry's full content when it has one, else its summary, as plain text."""
    parts = entry.get("content") or []
    detail = parts[0] if parts else entry.get("summary_detail")
    if not detail or not (detail.get("value") or "").strip():
        return ""
    value = detail["value"]
    if detail.get("type") in HTML_TYPES:
        return fragment_text(value)
    return str(value).strip()


def _first_line(reason: object) -> str:
    return (str(reason).strip().splitlines() or ["unknown reason"])[0][:200]
