"""Statements of firms and bodies, and quotations that carry on a speaker's words,
each on a short text written for the test."""

from __future__ import annotations

from kg.resolve import resolve


def statements(extract, text: str) -> list[tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    """(speaker label, quote, direct) of the text's statements, in sentence order."""
    extraction = extract(text)
    resolved = resolve(extraction)
    return [
        (resolved.entity(s.speaker).label, s.quote, s.direct)  # type: ignore[union-attr]
        for s in sorted(extraction.statements, key=lambda s: s.sent)
    ]


def test_quotations_after_the_first_are_the_speakers_until_another_speaks(extract) -> None:
    found = statements(
        extract,
        '"Prices are going to rise," said Kyle Marsh, at Delmont Bank. "Long term we are '
        'headed to $30. We have a lot of winter left." Others disagreed. "It is wrong," a '
        "trader said.",
    )
    assert found == [
        ("Kyle Marsh", "Prices are going to rise", True),
        ("Kyle Marsh", "Long term we are headed to $30. We have a lot of winter left.", True),
    ]


def test_a_firm_named_by_its_first_word_again_speaks(extract) -> None:
    found = statements(
        extract, "WMC Resources posted results. WMC said it made net profits of $1bn in 2004."
    )
    assert found == [("WMC Resources", "it made net profits of $1bn in 2004", False)]


def test_the_firm_is_the_body_the_text_named_most_lately(extract) -> None:
    found = statements(
        extract, "Oracle Corp bought Peoplesoft Inc on Monday. The firm said it would keep staff."
    )
    assert found == [("Oracle Corp", "it would keep staff", False)]
