"""Criticism and praise said in evaluative words: a DISAPPROVE or SUPPORT event from a
statement's speaker.

Much criticism has no verb like "criticise": the speaker judges what another actor
did in a noun, adjective or verb of wrongdoing of ontologies/patterns/evaluative.tsv:

    Ms Lang said: "This is an incredible blunder by the home secretary."
    Mr Hague said the chancellor's proposals were "absurd" and "reckless".
    Mr Davis said the government had failed to remove failed asylum seekers.

A word of the list in the words of a statement (kg.extract.statements), applied to
an actor along the 'evaluative' paths of event_arguments.tsv ('a blunder by X',
'X's plans are absurd', 'X has been reckless'), is a DISAPPROVE event from the
speaker to that actor; the statement stays a statement. Nothing is an event where
the word is negated ("it is not a disgrace"), applies to no actor ("the weather was
appalling") or to the speaker or a body the speaker holds a post in (also through
a pronoun: "Mr X admitted he was wrong"), reaches the actor through a noun the actor
underwent ("the men's arrest was unfair"), or is a verb in the passive ("MPs were
misled": the one misled did nothing wrong).

Praise is read the same way, from the words of the praise role: "Mr Prescott said
Campbell had been brilliant", "Ms Soto said Mr Ruiz's speech was magnificent" are
SUPPORT events from the speaker to the one praised, under the same conditions (a
minister praising their own government's work is no event).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

from spacy.tokens import Token

from kg.extract.context import Finder
from kg.extract.events import load_argument_paths
from kg.extract.patterns import lexicon_words, load_evaluative_words
from kg.extract.records import ACT, NEGATED, Statement, same_side
from kg.nlp import to_infinitive

__all__ = ["EvaluationFinder", "load_evaluative_words"]

#: The event category of each role of a word, and the plover column of the paths in
#: event_arguments.tsv.
KINDS = {"criticism": "DISAPPROVE", "praise": "SUPPORT"}
PATHS_KEY = "evaluative"
#: How much such an event is trusted before inference steps.
CONFIDENCE = 0.65
#: spaCy's parts of speech a word of each pos of the list may carry ("deeply flawed"
#: is sometimes a participle).
SPACY_POS = {
    "noun": frozenset({"NOUN"}),
    "adj": frozenset({"ADJ", "VERB"}),
    "verb": frozenset({"VERB"}),
}
#: Verbs of wrongdoing that judge only with an infinitive: "failed to act".
INFINITIVE_VERBS = frozenset({"fail"})
#: Where an adjective tagged as a verb still says what something is.
PREDICATE_DEPS = frozenset({"acomp", "amod", "conj", "oprd"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})


class EvaluationFinder(Finder):
    """Finds the criticism of one segment's statements (see the module's docstring)."""

    def find(self) -> None:
        """Add a DISAPPROVE event for every evaluative word in the words of a
        statement of the segment that judges an actor other than the speaker."""
        words = load_evaluative_words()
        base = self.segment.sent_base
        starts = [self.segment.offset + token.idx for token in self.doc]
        for statement in self.ex.statements:
            if statement.sent < base or statement.negated:
                continue
            span = self.content(statement)
            if span is None:
                continue
            # the tokens that start within the statement's words
            for token in self.doc[bisect_left(starts, span[0]) : bisect_left(starts, span[1])]:
                found = self.evaluative_pos(token, words)
                if found is not None:
                    self.event(statement, token, *found)

    def content(self, statement: Statement) -> tuple[int, int] | None:
        """Document offsets of a statement's words, looked for from its sentence on."""
        text = self.ex.document.text
        start = text.find(statement.quote, self.ex.sentences[statement.sent].start)
        return (start, start + len(statement.quote)) if start >= 0 else None

    @staticmethod
    def evaluative_pos(token: Token, words: dict[tuple[str, str], str]) -> tuple[str, str] | None:
        """The list's pos and role of a word of criticism or praise, or None."""
        for pos in ("noun", "adj", "verb"):
            if token.pos_ not in SPACY_POS[pos]:
                continue
            if pos == "adj" and token.pos_ == "VERB" and token.dep_ not in PREDICATE_DEPS:
                continue
            if pos == "verb" and not _acts(token):
                continue
            for form in {token.lemma_.lower(), token.lower_}:
                role = words.get((form, pos))
                if role in KINDS:
                    return pos, role
            if pos == "verb":
                role = idiom_role(token)
                if role is not None:
                    return pos, role
        return None

    def event(self, statement: Statement, token: Token, pos: str, role: str) -> None:
        # "absurd and reckless" share their place in the clause; a verb with a subject
        # of its own ("Labour lied and the Tories failed to ...") has its own
        own = pos == "verb" and any(c.dep_ == "nsubj" for c in token.children)
        anchor = token if own else first_conjunct(token)
        if negated(anchor) or self.work.modality(anchor)[0] == NEGATED:
            return
        if pos == "verb" and any(
            c.dep_ == "mark" and c.lower_ in lexicon_words("condition") for c in anchor.children
        ):
            return  # "if the Commission ignored the request": supposed, not done
        speaker = statement.speaker
        paths = load_argument_paths().get((pos, "target", PATHS_KEY), ())
        targets = [
            (index, steps)
            for index, steps in self.judged(anchor, paths)
            if self.work.is_event_actor(index) and not same_side(self.ex, speaker, index)
        ]
        if not targets:
            return
        key = ("evaluative", speaker, token.i + self.segment.offset)
        if key in self.seen:
            return
        self.seen.add(key)
        steps = max(steps for _, steps in targets)
        self.ex.events.append(
            self.work.typed_event(
                token,
                kind=KINDS[role],
                pattern=f"evaluative:{token.lemma_.lower()}",
                sources=[speaker],
                targets=[index for index, _ in targets],
                confidence=CONFIDENCE * (0.9**steps),
                modality=ACT,
                said_by=speaker,
            )
        )

    def judged(self, anchor: Token, paths: tuple[str, ...]) -> list[tuple[int, int]]:
        """The actors (mention, inference steps) the paths reach from the word, through
        no noun its owner undergoes and at no pronoun: 'Mr X admitted he was wrong',
        'said his plan was a mistake' are most often the speaker's own."""
        found: dict[int, int] = {}
        for name in paths:
            for token in self.reach(anchor, name.split("/")):
                if token.pos_ == "PRON":
                    continue
                for index, steps in self.work.refs(token):
                    found.setdefault(index, steps)
        return list(found.items())

    def reach(self, token: Token, steps: list[str]) -> list[Token]:
        """The tokens a path's steps reach, stopping at an undergone noun before 'poss'."""
        current = [token]
        words = load_evaluative_words()
        for number, step in enumerate(steps):
            if number > 0:
                current = [t for t in current if not undergone(t, words)]
            current = [found for item in current for found in self.work.path(item, step)]
        return current


@functools.cache
def idioms() -> dict[str, list[tuple[re.Pattern[str], str]]]:
    """The list's verb phrases ("run scared", "drag * feet"), by their verb's lemma:
    (what must follow the verb, '*' any one word; role)."""
    found: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for (word, pos), role in load_evaluative_words().items():
        first, _, rest = word.partition(" ")
        if pos != "verb" or not rest or role not in KINDS:
            continue
        parts = [r"\S+" if part == "*" else re.escape(part) for part in rest.split()]
        found.setdefault(first, []).append((re.compile(r"\s+".join(parts) + r"\b"), role))
    return found


def idiom_role(verb: Token) -> str | None:
    """The role of the verb phrase of the list that starts at this verb: 'was running
    scared', 'had been playing catch-up', 'is dragging its feet'."""
    found = idioms().get(verb.lemma_.lower())
    if not found:
        return None
    after = "".join(t.text_with_ws for t in verb.doc[verb.i + 1 : verb.i + 8]).lower()
    return next((role for pattern, role in found if pattern.match(after)), None)


def undergone(token: Token, words: dict[tuple[str, str], str]) -> bool:
    """'the men's arrest': a noun whose owner undergoes it."""
    return words.get((token.lemma_.lower(), "noun")) == "undergone"


def _acts(verb: Token) -> bool:
    """A verb of wrongdoing said of its doer: active ('X misled MPs', 'X failed to
    act'), not a participle of what someone underwent ('MPs were misled')."""
    if verb.dep_ in {"amod", "acomp"} or any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if verb.lemma_.lower() in INFINITIVE_VERBS:
        return any(c.dep_ == "xcomp" and to_infinitive(c) for c in verb.children)
    return True


def first_conjunct(token: Token) -> Token:
    """'absurd and reckless': the first of coordinated words, whose place in the clause
    the others share."""
    current = token
    while current.dep_ == "conj" and current.head is not current:
        current = current.head
    return current


def negated(token: Token) -> bool:
    """'it is not a disgrace', 'no blunder', 'was never reckless': a negation on the
    word or on the copula it completes."""
    holders = [token]
    if token.dep_ in {"attr", "acomp", "oprd"}:
        holders.append(token.head)
    return any(
        child.dep_ in {"neg", "det", "advmod"} and child.lower_ in NEGATIONS
        for holder in holders
        for child in holder.children
    )
