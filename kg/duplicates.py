"""Republished stories: the same text under several documents, found while building.

A wire story that several outlets carry comes in with another headline, byline
and boilerplate, a sentence added or cut. Each document of at least `MIN_WORDS`
words gets a MinHash signature of its 5-word shingles (datasketch), kept in its
own graph (``kg:storySignature``) so that it goes wherever the document goes and
leaves with it. Documents whose signatures estimate a Jaccard similarity of at
least the threshold (`DEFAULT_THRESHOLD`; an LSH index finds the candidates) are
one *story*:

- ``kg:sameStoryAs`` links each such pair, both ways;
- every document of a story (pairs joined transitively) other than its canonical
  one has ``kg:copyOf`` the canonical one: the earliest dated, then the smallest
  identifier. The canonical document does not depend on the order documents were
  built in, so neither does the store.

The links live in their own graph (`STORIES_GRAPH`), a function of the stored
signatures and the threshold: each build and each removal rewrites it. Analysis
maps a document to its story (`story_of`) before counting documents.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.vocab import KG, KGR, XSD

if TYPE_CHECKING:
    from kg.store import Store

__all__ = [
    "DEFAULT_THRESHOLD",
    "MIN_WORDS",
    "STORIES_GRAPH",
    "Stories",
    "copies_in_store",
    "relink_stories",
    "restore_stories",
    "story_signature",
]

#: Jaccard similarity of two texts' shingles from which they are one story.
DEFAULT_THRESHOLD = 0.8
#: Texts shorter than this many words are never matched: a few shared sentences of
#: a short item say little about it being a copy.
MIN_WORDS = 50
SHINGLE = 5
NUM_PERM = 128
#: datasketch's hash scheme and seed, fixed so that signatures stored by one build
#: compare with those of the next whatever the library's defaults become.
SCHEME = "affine32"
SEED = 1
STORIES_GRAPH = str(KGR["graph/stories"])
#: How surely the index offers a pair at the threshold as a candidate. Candidates are
#: checked against the threshold anyway, so a false one costs a comparison, a missed
#: one a story counted twice: datasketch's own balance of the two missed about a
#: third of the pairs just over 0.8.
CANDIDATE_RECALL = 0.995

_WORD = re.compile(r"\w+")
#: How a signature's values are stored: little-endian unsigned 32-bit integers.
_ENCODING = "<u4"


def story_signature(text: str) -> str | None:
    """The MinHash of ``text``'s word shingles as base64, or None for a short text."""
    from datasketch import MinHash

    words = _WORD.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(shingle.encode("utf-8") for shingle in shingles)
    return base64.b64encode(minhash.hashvalues.astype(_ENCODING).tobytes()).decode("ascii")


def lsh_bands(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index: the most rows per band (fewest false
    candidates) that still offer a pair at ``threshold`` with `CANDIDATE_RECALL`."""
    for rows in range(NUM_PERM, 0, -1):
        bands = NUM_PERM // rows
        if bands >= 2 and 1 - (1 - threshold**rows) ** bands >= CANDIDATE_RECALL:
            return bands, rows
    return NUM_PERM // 2, 2


def signature_line(graph: str, signature: str) -> str:
    """The N-Triples line that keeps a document's signature in its graph."""
    from rdflib import Literal

    from kg.rdf import ntriples_term  # here: kg.rdf loads spaCy, which `kg --help` needs not

    literal = Literal(signature, datatype=XSD.base64Binary)
    return f"<{graph}> {ntriples_term(KG.storySignature)} {ntriples_term(literal)} ."


def _minhash(signature: str) -> Any:
    import numpy as np
    from datasketch import LeanMinHash

    values = np.frombuffer(base64.b64decode(signature), dtype=_ENCODING)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


@dataclass(frozen=True, slots=True)
class _Document:
    identifier: str
    #: ISO date, or "" when undated (sorted after every date).
    date: str

    @property
    def order(self) -> tuple[bool, str, str]:
        return (not self.date, self.date, self.identifier)


class Stories:
    """The documents of a store with their signatures, and the pairs that are one story.

    ``threshold`` 0 links nothing (the signatures are still kept, for later builds).
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0 <= threshold <= 1:
            raise ValueError(f"duplicate threshold must be between 0 and 1, not {threshold}")
        self.threshold = threshold
        self._lsh = None
        if threshold > 0:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(num_perm=NUM_PERM, params=lsh_bands(threshold))
        self._documents: dict[str, _Document] = {}
        self._minhashes: dict[str, object] = {}
        self._pairs: dict[str, set[str]] = {}

    def add(self, graph: str, identifier: str, date: str, signature: str | None) -> None:
        """Add (or replace) a document, linking it to the stored ones of its story."""
        self.remove(graph)
        self._documents[graph] = _Document(identifier, date or "")
        if signature is None or self._lsh is None:
            return
        minhash = _minhash(signature)
        for other in self._lsh.query(minhash):
            if minhash.jaccard(self._minhashes[other]) >= self.threshold:
                self._pairs.setdefault(graph, set()).add(other)
                self._pairs.setdefault(other, set()).add(graph)
        self._lsh.insert(graph, minhash)
        self._minhashes[graph] = minhash

    def link(self, graph: str, other: str) -> None:
        """Record two documents already known to carry one story."""
        if graph != other and graph in self._documents and other in self._documents:
            self._pairs.setdefault(graph, set()).add(other)
            self._pairs.setdefault(other, set()).add(graph)

    def remove(self, graph: str) -> None:
        """Forget a document and its links."""
        self._documents.pop(graph, None)
        if self._minhashes.pop(graph, None) is not None and self._lsh is not None:
            self._lsh.remove(graph)
        for other in self._pairs.pop(graph, set()):
            self._pairs[other].discard(graph)
            if not self._pairs[other]:
                del self._pairs[other]

    def linked(self, graph: str) -> bool:
        """Whether the document carries a story another document carries too."""
        return graph in self._pairs

    def pairs(self) -> list[tuple[str, str]]:
        """Each linked pair once, as (graph, graph) in sorted order."""
        return sorted((a, b) for a, others in self._pairs.items() for b in others if a < b)

    def canonical(self) -> dict[str, str]:
        """Every copy's graph mapped to the canonical graph of its story."""
        found: dict[str, str] = {}
        for group in self._groups():
            first = min(group, key=lambda graph: self._documents[graph].order)
            found.update({graph: first for graph in group if graph != first})
        return found

    def _groups(self) -> Iterator[set[str]]:
        seen: set[str] = set()
        for start in sorted(self._pairs):
            if start in seen:
                continue
            group, todo = {start}, [start]
            while todo:
                for other in self._pairs[todo.pop()]:
                    if other not in group:
                        group.add(other)
                        todo.append(other)
            seen |= group
            yield group

    def lines(self) -> list[str]:
        """The N-Triples of the stories graph."""
        from kg.rdf import ntriples_term

        same, copy = ntriples_term(KG.sameStoryAs), ntriples_term(KG.copyOf)
        pairs = self.pairs()
        lines = [f"<{a}> {same} <{b}> ." for a, b in pairs]
        lines += [f"<{b}> {same} <{a}> ." for a, b in pairs]
        lines += [f"<{c}> {copy} <{first}> ." for c, first in sorted(self.canonical().items())]
        return lines


_STORED = """
    SELECT ?g ?id ?date ?signature WHERE {
      GRAPH ?g {
        ?g a kg:Document ; dcterms:identifier ?id .
        OPTIONAL { ?g dcterms:date ?date }
        OPTIONAL { ?g kg:storySignature ?signature }
      }
    }"""


def stories_in_store(store: Store, threshold: float = DEFAULT_THRESHOLD) -> Stories:
    """The stories of every document the store holds."""
    stories = Stories(threshold)
    for graph, identifier, date, signature in sorted(
        store.select_values(_STORED), key=lambda row: row[0] or ""
    ):
        if graph and identifier:
            stories.add(graph, identifier, (date or "")[:10], signature)
    return stories


def relink_stories(store: Store, threshold: float = DEFAULT_THRESHOLD) -> Stories:
    """Rewrite the stories graph from the signatures the store holds."""
    stories = stories_in_store(store, threshold)
    _write(store, stories)
    return stories


def restore_stories(store: Store) -> Stories:
    """Rewrite the stories graph from its own pairs between the documents the store
    still holds (after some were removed): the pairs stay those the builds found,
    with whatever threshold they used, and each story's canonical document is
    chosen again."""
    stories = Stories(0)
    for graph, identifier, date, _ in store.select_values(_STORED):
        if graph and identifier:
            stories.add(graph, identifier, (date or "")[:10], None)
    query = f"SELECT ?a ?b WHERE {{ GRAPH <{STORIES_GRAPH}> {{ ?a kg:sameStoryAs ?b }} }}"
    for a, b in store.select_values(query):
        if a and b:
            stories.link(a, b)
    _write(store, stories)
    return stories


def _write(store: Store, stories: Stories) -> None:
    from rdflib import URIRef

    store.replace_lines([(URIRef(STORIES_GRAPH), stories.lines())])


def copies_in_store(store: Store) -> dict[str, str]:
    """Each copy's document IRI mapped to its story's canonical document IRI."""
    return {
        copy: first
        for copy, first in store.select_values("SELECT ?c ?f WHERE { ?c kg:copyOf ?f }")
        if copy and first
    }


def story_of(copies: dict[str, str], documents: Iterable[str]) -> set[str]:
    """The stories (canonical documents) of ``documents``."""
    return {copies.get(document, document) for document in documents}
