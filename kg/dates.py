"""Dates of articles: metadata dates in any common format, and datelines.

Every date goes through `parse_date`: an ISO 8601 date is read directly, anything
else by dateparser with English (and the article's own language, when it declares
one) and absolute dates only, so that no other locale is loaded and "yesterday"
never means the day of the build. dateparser ships its locale data; nothing is
downloaded.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

__all__ = ["DATELINE", "dateline", "parse_date"]

ISO_DATE = re.compile(r"\A\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\s)")
#: A dateline at the head of an article: "SANTIAGO, March 3, 2026 -" or
#: "LONDON, 13 November 2004 (Reuters) --". The place is in capitals; the date part
#: must hold a four-digit year, as a dateline without one gives no date alone.
DATELINE = re.compile(
    r"\A\s*[A-Z][A-Z .'\u2019-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?,\s+"
    r"(?P<date>(?=[^\n]{0,40}?\b\d{4}\b)[^\n]{4,40}?\d)\s*(?:\([^)\n]{1,40}\)\s*)?(?:-{1,2}|\u2013|\u2014)\s"
)
SETTINGS: dict[str, Any] = {
    # a date is a day: "November 2004" alone says too little to be one
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": False,
}


@lru_cache(maxsize=8)
def _parser(languages: tuple[str, ...]) -> Any:
    from dateparser.data.languages_info import language_order
    from dateparser.date import DateDataParser

    known = [language for language in languages if language in language_order]
    return DateDataParser(languages=known or ["en"], settings=SETTINGS)


def parse_date(value: str | None, *, language: str | None = None) -> dt.date | None:
    """The day a date or timestamp in any common format names; None when there is none.

    ``language`` (``es``) is tried after English for month and day names.

    >>> parse_date("Tue, 01 Dec 2026 10:23:00 GMT"), parse_date("November 13, 2004")
    (datetime.date(2026, 12, 1), datetime.date(2004, 11, 13))
    """
    if not value or not value.strip():
        return None
    match = ISO_DATE.match(value)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    languages = ("en",) if not language or language == "en" else ("en", language)
    found = _parser(languages).get_date_data(value.strip()[:100])
    return found.date_obj.date() if found and found.date_obj else None


def dateline(text: str) -> str | None:
    """The date part of the dateline an article opens with, as written; None when
    it opens with none."""
    match = DATELINE.match(text[:200])
    return match.group("date") if match else None
