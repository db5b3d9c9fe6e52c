"""The extract stage: typed mentions, relations, posts, events and statements.

>>> from kg.nlp import load_pipeline
>>> from kg.ingest import Document
>>> nlp = load_pipeline()
>>> text = "Japanese Trade Minister Aiko Tanaka held talks with Canada on Monday."
>>> extraction = Extractor(nlp).extract_text(Document(id="d", text=text))
>>> sorted({m.text: m.cls for m in extraction.mentions}.items())
[('Aiko Tanaka', 'Person'), ('Canada', 'Country'), ('Japanese', 'Country')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.extract.records import (
    Event,
    Extraction,
    Mention,
    Post,
    Relation,
    Sentence,
    Statement,
)

if TYPE_CHECKING:
    from kg.extract.extractor import Extractor

__all__ = [
    "Event",
    "Extraction",
    "Extractor",
    "Mention",
    "Post",
    "Relation",
    "Sentence",
    "Statement",
]


def __getattr__(name: str) -> Any:
    """`Extractor` is loaded when first asked for: it needs spaCy, which the records
    (all that reading a store needs) do not."""
    if name == "Extractor":
        from kg.extract.extractor import Extractor

        return Extractor
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
