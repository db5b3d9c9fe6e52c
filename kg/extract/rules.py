"""Where the relation rules' triggers are in a parsed document.

A rule's trigger is a spaCy token pattern. Nearly all are one word of a lemma list
with a part of speech ("talk" as a noun, "impose" as a verb): those are looked up
by each token's lemma, a dictionary probe a word, where a token Matcher tests every
pattern at every token (a third of the relation layer's time). Any other pattern
goes to a Matcher as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.extract.patterns import Rule

__all__ = ["RuleMatcher", "word_test"]

#: (lemmas, parts of speech or None for any) of a one-word trigger.
WordTest = tuple[frozenset[str], frozenset[str] | None]


def word_test(trigger: Sequence[dict[str, Any]]) -> WordTest | None:
    """The lemmas and parts of speech a one-word trigger tests, or None when the
    trigger is anything else (several tokens, operators, other attributes)."""
    if len(trigger) != 1 or "LEMMA" not in trigger[0] or set(trigger[0]) - {"LEMMA", "POS"}:
        return None
    lemmas = _values(trigger[0]["LEMMA"])
    pos = _values(trigger[0]["POS"]) if "POS" in trigger[0] else None
    if lemmas is None or ("POS" in trigger[0] and pos is None):
        return None
    return lemmas, pos


def _values(test: Any) -> frozenset[str] | None:
    """The strings an attribute test accepts: a string, or ``{"IN": [...]}``."""
    if isinstance(test, str):
        return frozenset([test])
    if isinstance(test, dict) and set(test) == {"IN"}:
        return frozenset(test["IN"])
    return None


class RuleMatcher:
    """Finds the triggers of relation rules: (rule, first token) in the order of the
    text, and for one token in the order of the rules, as spaCy's Matcher does."""

    def __init__(self, vocab: Vocab, rules: Iterable[Rule]) -> None:
        self.rules = list(rules)
        self.by_lemma: dict[int, list[tuple[int, frozenset[str] | None]]] = {}
        self.matcher = Matcher(vocab)
        for number, rule in enumerate(self.rules):
            test = word_test(rule.trigger)
            if test is None:
                self.matcher.add(str(number), [list(rule.trigger)])
                continue
            lemmas, pos = test
            for lemma in lemmas:
                self.by_lemma.setdefault(vocab.strings.add(lemma), []).append((number, pos))

    def __call__(self, doc: Doc) -> list[tuple[Rule, Token]]:
        found: list[tuple[int, int]] = []
        for index, lemma in enumerate(doc.to_array("LEMMA").tolist()):
            tests = self.by_lemma.get(lemma)
            if tests is not None:
                pos = doc[index].pos_
                found.extend((index, number) for number, allowed in tests if _fits(pos, allowed))
        if len(self.matcher):
            strings = doc.vocab.strings
            found.extend((start, int(strings[key])) for key, start, _ in self.matcher(doc))
        found.sort()
        return [(self.rules[number], doc[start]) for start, number in found]


def _fits(pos: str, allowed: frozenset[str] | None) -> bool:
    return allowed is None or pos in allowed
