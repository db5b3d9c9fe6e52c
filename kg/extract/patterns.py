"""The relation patterns and word lists of ontologies/patterns, read once per process."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any

from kg.ontology import numbered_tsv, ontology_path, read_jsonl, read_tsv

__all__ = [
    "Rule",
    "business_words",
    "load_class_contexts",
    "load_evaluative_words",
    "load_lexicon",
    "lexicon_words",
    "load_lexicon_roles",
    "load_rules",
    "speech_lemmas",
]

log = logging.getLogger(__name__)

#: The parts of speech and roles of evaluative.tsv.
EVALUATIVE_POS = frozenset({"noun", "adj", "verb"})
EVALUATIVE_ROLES = frozenset({"criticism", "praise", "undergone", "reaction"})


@dataclass(frozen=True, slots=True)
class Rule:
    """One relation pattern from ontologies/patterns/relations.jsonl."""

    id: str
    relation: str
    confidence: float
    trigger: tuple[dict[str, Any], ...]
    event: bool = False
    actors: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@functools.cache
def load_rules() -> tuple[Rule, ...]:
    """The relation patterns, read once per process."""
    rules = []
    for record in read_jsonl(ontology_path("patterns", "relations.jsonl")):
        fields: dict[str, Any] = {
            key: tuple(value) if isinstance(value, list) else value for key, value in record.items()
        }
        rules.append(Rule(**fields))
    return tuple(rules)


@functools.cache
def load_lexicon() -> dict[str, str]:
    """ontologies/patterns/lexicon.tsv: word -> its role (the first row's, for a word
    with several)."""
    return {word: roles[0] for word, roles in _lexicon_rows().items()}


@functools.cache
def load_lexicon_roles() -> dict[str, frozenset[str]]:
    """lexicon.tsv: word -> every role it has (a word may have more than one row)."""
    return {word: frozenset(roles) for word, roles in _lexicon_rows().items()}


@functools.cache
def _lexicon_rows() -> dict[str, tuple[str, ...]]:
    """lexicon.tsv, read once: word -> its roles in the order of its rows."""
    roles: dict[str, tuple[str, ...]] = {}
    for row in read_tsv(ontology_path("patterns", "lexicon.tsv")):
        roles[row["word"]] = (*roles.get(row["word"], ()), row["role"])
    return roles


@functools.cache
def lexicon_words(role: str) -> frozenset[str]:
    """The words of lexicon.tsv that have a role, among their others."""
    return frozenset(word for word, roles in load_lexicon_roles().items() if role in roles)


@functools.cache
def speech_lemmas() -> frozenset[str]:
    """Verbs that introduce what someone said (the speech-verb rule's trigger words)."""
    rule = next(rule for rule in load_rules() if rule.id == "speech-verb")
    return frozenset(rule.trigger[0]["LEMMA"]["IN"])


@functools.cache
def load_class_contexts() -> dict[tuple[str, str, str], str]:
    """ontologies/patterns/class_contexts.tsv: (lemma, path, preposition) -> class, the
    words around a name that say what kind of body it is."""
    return {
        (row["lemma"], row["path"], row["preposition"]): row["class"]
        for row in read_tsv(ontology_path("patterns", "class_contexts.tsv"))
    }


@functools.cache
def business_words() -> frozenset[str]:
    """The words of class_contexts.tsv whose path is 'document' (business talk)."""
    return frozenset(
        lemma for (lemma, path, _), _cls in load_class_contexts().items() if path == "document"
    )


@functools.cache
def load_evaluative_words() -> dict[tuple[str, str], str]:
    """(word, pos) -> role, from ontologies/patterns/evaluative.tsv; a line whose pos
    or role is unknown is named with its file and line, and skipped."""
    path = ontology_path("patterns", "evaluative.tsv")
    found: dict[tuple[str, str], str] = {}
    for number, row in numbered_tsv(path):
        word, pos, role = row.get("word", ""), row.get("pos", ""), row.get("role", "")
        known = pos in EVALUATIVE_POS and role in EVALUATIVE_ROLES
        if not word or not known or (pos == "verb" and role == "undergone"):
            log.warning(
                "%s:%d: a word, pos noun, adj or verb and role criticism, praise, undergone"
                " or reaction (a verb: not undergone) are needed; line skipped",
                path,
                number,
            )
            continue
        found[(word.lower(), pos)] = role
    return found
