"""Turn the date expressions of news ("on Wednesday", "April 2", "yesterday") into days.

Relative expressions are resolved against the article's publication date; without
one, only dates that carry their year are kept.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["normalize_date"]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
MONTH_DAY = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?\b(?:,?\s+(\d{4}))?")
RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def normalize_date(text: str, published: dt.date | None, *, future: bool = False) -> str | None:
    """ISO date for a date expression, or None when it cannot be pinned to a day.

    >>> import datetime as dt
    >>> normalize_date("Wednesday", dt.date(2025, 4, 18))
    '2025-04-16'
    >>> normalize_date("April 2", dt.date(2025, 4, 18))
    '2025-04-02'
    >>> normalize_date("next Monday", dt.date(2025, 4, 18), future=True)
    '2025-04-21'
    >>> normalize_date("April 2", None) is None
    True
    """
    lower = text.lower().strip()
    match = ISO.search(lower)
    if match:
        return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    for word, delta in RELATIVE.items():
        if re.search(rf"\b{word}\b", lower):
            return (published + dt.timedelta(days=delta)).isoformat() if published else None
    for pattern, month_group, day_group in ((MONTH_DAY, 1, 2), (DAY_MONTH, 2, 1)):
        match = pattern.search(lower)
        if match and match.group(month_group) in MONTHS:
            month = MONTHS[match.group(month_group)]
            day = int(match.group(day_group))
            if match.group(3):
                return _iso(int(match.group(3)), month, day)
            if published is None:
                return None
            year = published.year
            candidate = _iso(year, month, day)
            if candidate is None:
                return None
            # "December 30" in an article of 2 January means last year, and vice versa
            gap = (dt.date.fromisoformat(candidate) - published).days
            if gap > 183:
                return _iso(year - 1, month, day)
            if gap < -183:
                return _iso(year + 1, month, day)
            return candidate
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", lower) and published is not None:
            ahead = future or "next" in lower or "coming" in lower
            if ahead:
                days = (weekday - published.weekday()) % 7 or 7
            else:
                days = -((published.weekday() - weekday) % 7)
            return (published + dt.timedelta(days=days)).isoformat()
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
