"""A spaCy component that matches kg's token patterns only where they can match.

The token patterns of ontologies/patterns/entities.jsonl describe the shapes of
names ("... Association", "Ministry of ...", "25% ... tariff"). Many start with
a broad test (any capitalised word, any modifier), so a plain Matcher tries them
at nearly every token. Each pattern here is run only on documents that hold one
of its *anchor* words: the words of its most selective required token, read
from the pattern itself. Matches are added like an EntityRuler's: longest first,
never over a gazetteer name unless they cover it entirely ("Confederation of
Indian Industry" over "Indian").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = ["ShapeMatcher", "anchor_words"]

REQUIRED = {None, "+", "!"}
#: Words in nearly every article: a poor gate for running a pattern.
COMMON = frozenset({"of", "for", "the", "and", "&", "a", "an", "on", "in", "to", "-", "'s"})


def anchor_words(pattern: list[dict[str, Any]]) -> frozenset[str] | None:
    """The lower-cased words one of which every match must contain, or None when the
    pattern has no required token with a word list."""
    best: frozenset[str] | None = None
    for token in pattern:
        op = token.get("OP")
        if op not in REQUIRED and not (isinstance(op, str) and op.startswith("{1")):
            continue
        for attr in ("LOWER", "ORTH", "TEXT"):
            value = token.get(attr)
            words: Iterable[str] | None = None
            if isinstance(value, str):
                words = [value]
            elif isinstance(value, dict) and "IN" in value:
                words = value["IN"]
            if words is not None:
                found = frozenset(word.lower() for word in words)
                if best is None or _rarer(found, best):
                    best = found
    return best


def _rarer(candidate: frozenset[str], current: frozenset[str]) -> bool:
    """Whether a word list gates better: no common words first, then fewer words."""
    return (bool(candidate & COMMON), len(candidate)) < (bool(current & COMMON), len(current))


class ShapeMatcher:
    """Adds entity spans for token patterns, each gated by its anchor words."""

    def __init__(self, nlp: Language, patterns: Iterable[dict[str, Any]]) -> None:
        self.vocab = nlp.vocab
        self.gated: list[tuple[frozenset[str], Matcher]] = []
        self.always = Matcher(nlp.vocab)
        self.labels: dict[int, tuple[str, str]] = {}
        for number, entry in enumerate(patterns):
            key = f"kg_shape_{number}"
            key_hash = self.vocab.strings.add(key)
            self.labels[key_hash] = (entry["label"], entry["id"])
            anchors = anchor_words(entry["pattern"])
            if anchors is None:
                self.always.add(key, [entry["pattern"]])
            else:
                matcher = Matcher(nlp.vocab)
                matcher.add(key, [entry["pattern"]])
                self.gated.append((anchors, matcher))

    def __call__(self, doc: Doc) -> Doc:
        words = {token.lower_ for token in doc}
        matches = list(self.always(doc)) if len(self.always) else []
        for anchors, matcher in self.gated:
            if not anchors.isdisjoint(words):
                matches.extend(matcher(doc))
        if not matches:
            return doc
        candidates = []
        for key, start, end in matches:
            label, ident = self.labels[key]
            span = Span(doc, start, end, label=label)
            span.id_ = ident
            candidates.append(span)
        existing = list(doc.ents)
        kept: list[Span] = []
        for span in sorted(filter_spans(candidates), key=lambda s: s.start):
            overlaps = [e for e in existing if e.start < span.end and span.start < e.end]
            if all(
                span.start <= e.start and e.end <= span.end and len(span) > len(e) for e in overlaps
            ):
                existing = [e for e in existing if e not in overlaps]
                kept.append(span)
        if kept:
            doc.ents = sorted([*existing, *kept], key=lambda s: s.start)
        return doc
