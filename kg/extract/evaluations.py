"""Criticism said in evaluative words: a DISAPPROVE event from a statement's speaker.

Much criticism has no verb like "criticise": the speaker judges what another actor
did in a noun or adjective of ontologies/patterns/evaluative.tsv:

    Ms Lang said: "This is an incredible blunder by the home secretary."
    Mr Hague said the chancellor's proposals were "absurd" and "reckless".

A word of the list in the words of a statement (kg.extract.statements), applied to
an actor along the 'evaluative' paths of event_arguments.tsv ('a blunder by X',
'X's plans are absurd', 'X has been reckless'), is a DISAPPROVE event from the
speaker to that actor; the statement stays a statement. Nothing is an event where
the word is negated ("it is not a disgrace"), applies to no actor ("the weather was
appalling") or to the speaker (also through a pronoun: "Mr X admitted he was
wrong"), or reaches the actor through a noun the actor underwent ("the men's arrest
was unfair").
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from kg.extract.context import Finder
from kg.extract.events import load_argument_paths
from kg.extract.patterns import load_evaluative_words
from kg.extract.records import ACT, NEGATED, Event, Statement, same_actor

__all__ = ["EvaluationFinder", "load_evaluative_words"]

#: The event category and the plover column of the paths in event_arguments.tsv.
KIND = "DISAPPROVE"
PATHS_KEY = "evaluative"
#: How much such an event is trusted before inference steps.
CONFIDENCE = 0.65
#: spaCy's parts of speech a word of each pos of the list may carry ("deeply flawed"
#: is sometimes a participle).
SPACY_POS = {"noun": frozenset({"NOUN"}), "adj": frozenset({"ADJ", "VERB"})}
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
                pos = self.evaluative_pos(token, words)
                if pos is not None:
                    self.event(statement, token, pos)

    def content(self, statement: Statement) -> tuple[int, int] | None:
        """Document offsets of a statement's words, looked for from its sentence on."""
        text = self.ex.document.text
        start = text.find(statement.quote, self.ex.sentences[statement.sent].start)
        return (start, start + len(statement.quote)) if start >= 0 else None

    @staticmethod
    def evaluative_pos(token: Token, words: dict[tuple[str, str], str]) -> str | None:
        """The list's pos of a word of criticism, or None."""
        for pos in ("noun", "adj"):
            if token.pos_ not in SPACY_POS[pos]:
                continue
            if pos == "adj" and token.pos_ == "VERB" and token.dep_ not in PREDICATE_DEPS:
                continue
            for form in {token.lemma_.lower(), token.lower_}:
                if words.get((form, pos)) == "criticism":
                    return pos
        return None

    def event(self, statement: Statement, token: Token, pos: str) -> None:
        anchor = first_conjunct(token)
        if negated(anchor) or self.work.modality(anchor)[0] == NEGATED:
            return
        speaker = statement.speaker
        paths = load_argument_paths().get((pos, "target", PATHS_KEY), ())
        targets = [
            (index, steps)
            for index, steps in self.judged(anchor, paths)
            if self.work.is_actor(index)
            and not self.work.guessed_among_places(index)
            and not same_actor(self.mentions, index, speaker)
        ]
        if not targets:
            return
        key = ("evaluative", speaker, token.i + self.segment.offset)
        if key in self.seen:
            return
        self.seen.add(key)
        steps = max(steps for _, steps in targets)
        start = self.segment.offset + token.idx
        self.ex.events.append(
            Event(
                parties=[speaker, *(index for index, _ in targets)],
                sent=self.work.sent_index(token),
                pattern=f"evaluative:{token.lemma_.lower()}",
                trigger=token.lemma_.lower(),
                confidence=CONFIDENCE * (0.9**steps),
                modality=ACT,
                date=self.work.date_near(token, ACT),
                location=self.work.location_near(token),
                said_by=speaker,
                kind=KIND,
                sources=[speaker],
                targets=[index for index, _ in targets],
                char_start=start,
                char_end=start + len(token),
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


def undergone(token: Token, words: dict[tuple[str, str], str]) -> bool:
    """'the men's arrest': a noun whose owner undergoes it."""
    return words.get((token.lemma_.lower(), "noun")) == "undergone"


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
