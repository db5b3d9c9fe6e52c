"""The event trigger lexicon of ontologies/patterns, read once per process.

triggers.tsv (derived from CAMEO by tools/generate_triggers.py) and
triggers_extra.tsv (written by hand; its rows replace generated rows with the same
key) map a verb or noun lemma, with the particle, object or preposition it needs,
to a PLOVER category of kg:PloverScheme. trigger_sets.tsv holds the synonym sets
('&treaty') their object columns name. Extraction does not use the lexicon yet.

>>> trigger_for("impose", objects=["sanction"]).plover
'SANCTION'
>>> trigger_for("impose").plover
'COERCE'
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.ontology import numbered_tsv, ontology_path

__all__ = [
    "Trigger",
    "load_trigger_sets",
    "load_triggers",
    "plover_categories",
    "trigger_for",
]

log = logging.getLogger(__name__)

POS = frozenset({"verb", "noun"})
SUBJECTS = frozenset({"source", "target"})
#: The optional columns, empty when the trigger needs no such word.
WORDS = ("particle", "object", "preposition", "prep_object", "cameo", "mode")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of the lexicon: a lemma, what it needs around it, its PLOVER category."""

    lemma: str
    pos: str
    plover: str
    particle: str = ""
    object: str = ""
    preposition: str = ""
    prep_object: str = ""
    subject: str = "source"
    cameo: str = ""
    mode: str = ""
    source: str = ""
    reviewed: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        return (self.lemma, self.pos, self.particle, self.object, self.preposition,
                self.prep_object, self.subject)  # fmt: skip

    @property
    def needs(self) -> int:
        """How many words besides the lemma the trigger needs (more is more specific)."""
        return sum(
            len(part.split())
            for part in (self.particle, self.object, self.preposition, self.prep_object)
        )


@functools.cache
def plover_categories() -> dict[str, str]:
    """skos:notation -> IRI of the concepts of kg:PloverScheme in kg.ttl."""
    from rdflib import Graph

    from kg.vocab import KG, SKOS

    graph = Graph().parse(ontology_path("kg.ttl"))
    return {
        str(graph.value(concept, SKOS.notation)): str(concept)
        for concept in graph.subjects(SKOS.inScheme, KG.PloverScheme)
    }


def _problem(row: dict[str, str], categories: dict[str, str]) -> str:
    """What makes a row unusable, or ''."""
    if not row.get("lemma"):
        return "no lemma"
    if row.get("plover") not in categories:
        return f"unknown PLOVER category {row.get('plover')!r}"
    if row.get("pos") not in POS:
        return f"pos {row.get('pos')!r} is not verb or noun"
    if row.get("subject") not in SUBJECTS:
        return f"subject {row.get('subject')!r} is not source or target"
    return ""


def _read(path: Path, source: str | None) -> list[Trigger]:
    """The triggers of one file; a row whose pos, subject or category is unknown is
    left out with a warning naming the file and line."""
    categories = plover_categories()
    found = []
    for number, row in numbered_tsv(path):
        problem = _problem(row, categories)
        if problem:
            log.warning("%s:%d: %s; line skipped", path, number, problem)
            continue
        words = {name: row.get(name, "") for name in WORDS}
        found.append(
            Trigger(
                lemma=row["lemma"],
                pos=row["pos"],
                plover=row["plover"],
                subject=row["subject"],
                **words,
                source=source or row.get("source", ""),
                reviewed=source == "hand" or row.get("reviewed") == "yes",
            )
        )
    return found


@functools.cache
def load_triggers() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(lemma, pos) -> its triggers, the most specific first. Hand-written rows
    replace generated rows with the same key."""
    by_key = {t.key: t for t in _read(ontology_path("patterns", "triggers.tsv"), None)}
    by_key.update(
        {t.key: t for t in _read(ontology_path("patterns", "triggers_extra.tsv"), "hand")}
    )
    grouped: dict[tuple[str, str], list[Trigger]] = {}
    for trigger in by_key.values():
        grouped.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    return {
        key: tuple(sorted(triggers, key=lambda t: (-t.needs, t.key)))
        for key, triggers in grouped.items()
    }


@functools.cache
def load_trigger_sets() -> dict[str, frozenset[str]]:
    """'&treaty' -> its members ('treaty', 'pact', 'accord', ...)."""
    sets: dict[str, set[str]] = {}
    for _, row in numbered_tsv(ontology_path("patterns", "trigger_sets.tsv")):
        sets.setdefault(row["set"], set()).add(row["member"])
    return {name: frozenset(members) for name, members in sets.items()}


def _tail(words: list[str], wanted: str) -> int:
    """How many of the last words are the wanted word or a member of the wanted set
    ('&treaty': 'agreement', 'written agreement'); 0 when none."""
    if not wanted.startswith("&"):
        return 1 if words[-1:] == [wanted] else 0
    members = (member.split() for member in load_trigger_sets().get(wanted, ()))
    return max((len(m) for m in members if m and words[-len(m) :] == m), default=0)


def _phrase_matches(wanted: str, phrases: Iterable[str]) -> bool:
    """Whether one of the lemma phrases ('peace agreement') is the wanted one
    ('peace &treaty'): the same head, and each wanted modifier among its other words."""
    if not wanted:
        return True
    *modifiers, head = wanted.split()
    for phrase in phrases:
        words = phrase.split()
        size = _tail(words, head) if words else 0
        rest = words[: len(words) - size]
        if size and all(any(_tail([word], m) for word in rest) for m in modifiers):
            return True
    return False


def trigger_for(
    lemma: str,
    pos: str = "verb",
    *,
    particle: str = "",
    objects: Iterable[str] = (),
    prepositions: Iterable[tuple[str, str]] = (),
) -> Trigger | None:
    """The most specific trigger of a lemma whose needs the words around it meet:
    its particle, one of its objects (lemma phrases, head last) and one of its
    (preposition, object) pairs; None when the lemma triggers nothing there.

    >>> trigger_for("call", prepositions=[("on", "")]).plover
    'DEMAND'
    >>> trigger_for("sign", objects=["peace agreement"]).plover
    'AGREE'
    >>> trigger_for("sign") is None
    True
    """
    objects, prepositions = list(objects), list(prepositions)
    for trigger in load_triggers().get((lemma, pos), ()):
        if trigger.particle and trigger.particle != particle:
            continue
        if not _phrase_matches(trigger.object, objects):
            continue
        if trigger.preposition and not any(
            prep == trigger.preposition and _phrase_matches(trigger.prep_object, [obj])
            for prep, obj in prepositions
        ):
            continue
        return trigger
    return None
