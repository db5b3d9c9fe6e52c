"""Demands said with 'should', 'must', 'ought to' or 'needs to' (PLOVER DEMAND), and
reproaches said with 'should have' (DISAPPROVE).

News often tells a demand as what a speaker says another actor should do:

    He said the prime minister should sack Mr Brown.
    "The minister must withdraw these remarks," Ms Soto said.
    Paris insisted that Berlin ought to cut its deficit.
    Mr Gref said the government needed to sell its stake.

A clause with a modal of lexicon.tsv's deontic role, a subject that stands for an
actor (names, roles, groups, 'the government': `References.refs`) and a main verb
that asks an act of it, inside the words of a statement by a speaker, is a DEMAND
event from the speaker to that actor. "X should not sign" asks X to refrain: a
demand too. Not a demand: a verb of the stative role after the modal (a state, a
possession or an outcome: "should be the next leader", "should have the courage",
"should win"), a passive clause ("should be sacked"), a question or a conditional
("if X should ...", "why X should ..."), a first person ("we must"), a subject that
is the speaker or a body the speaker holds a post in.

What another actor should have done and did not is a reproach: "the government
should have acted sooner", "Ofcom ought to have stepped in" are a DISAPPROVE from the
speaker to that actor, under the same conditions ("must have known" is a guess).

The clauses are found while a window is parsed (`DeonticFinder`); whose words they
are is known once the document's statements are, continued quotations included, so
they are attributed when the document ends (`attribute_obligations`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.context import PRONOUNS_SPEAKER, Finder
from kg.extract.events import ABOUT_PATHS
from kg.extract.mentions import SUBJECT_DEPS
from kg.extract.patterns import lexicon_words
from kg.extract.records import Event, Extraction, same_side
from kg.nlp import tokens_where

__all__ = ["DeonticFinder", "Obligation", "attribute_obligations"]

#: Modals that, perfect, reproach the subject for what it did not do: "the government
#: should have acted sooner" is a DISAPPROVE from the speaker ("must have known" is a
#: guess).
REPROACH_MODALS = frozenset({"should", "ought"})
#: How much a demand said with a modal is trusted before inference steps.
CONFIDENCE = 0.65
#: Tags of the words that make a clause a question ("why X should ...", "how X must").
WH_TAGS = frozenset({"WRB", "WP", "WDT"})
#: How many sentences a statement's words may run on after the sentence it starts in.
QUOTE_SPAN = 6


@dataclass(slots=True)
class Obligation:
    """A clause that asks an actor to act: the event without its source yet, and the
    clause's words from the subject to the verb, to find the statement that holds it."""

    event: Event
    words: str


class DeonticFinder(Finder):
    """The modal clauses of one segment that ask an actor to act."""

    def find(self, found: list[Obligation]) -> None:
        """Add to ``found`` every clause of the segment with a deontic modal, an
        actor for subject and a verb of action."""
        for word in sorted(lexicon_words("deontic")):
            for token in tokens_where(self.doc, "LOWER", word):
                obligation = self.obligation(token) if token.pos_ in {"AUX", "VERB"} else None
                if obligation is not None:
                    found.append(obligation)

    def obligation(self, modal: Token) -> Obligation | None:
        clause = self.clause(modal)
        if clause is None:
            return None
        head, verb = clause
        subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.i > modal.i or subject.lower_ in PRONOUNS_SPEAKER:
            return None  # "Should Brown resign?", "we must act"
        perfect = any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in (*head.children, *verb.children)
        )
        if perfect and modal.lower_ not in REPROACH_MODALS:
            return None  # "must have known": a guess, not a reproach
        if modal.pos_ == "VERB" and any(
            c.dep_ == "aux" and c.lower_ in lexicon_words("intent") | lexicon_words("speculation")
            for c in modal.children
        ):
            return None  # "Mr Brown will need to raise taxes": a forecast
        if not self.asks_act(head, verb, perfect):
            return None
        work = self.work
        targets = [
            (index, steps) for index, steps in work.refs(subject) if work.is_event_actor(index)
        ]
        if not targets:
            return None
        steps = max(steps for _, steps in targets)
        event = work.typed_event(  # its sources are the speakers, known at the end
            verb,
            kind="DISAPPROVE" if perfect else "DEMAND",
            pattern=f"deontic:{modal.lower_}{'-have' if perfect else ''}",
            sources=[],
            targets=[index for index, _ in targets],
            confidence=CONFIDENCE * 0.9**steps,
            about=work.about(verb, ABOUT_PATHS),
        )
        return Obligation(event, _flat(self.doc[subject.left_edge.i : verb.i + 1].text))

    @staticmethod
    def clause(modal: Token) -> tuple[Token, Token] | None:
        """(the token that holds the subject, the main verb) of a modal: 'should sack'
        (the modal an auxiliary of the verb), 'ought to cut' (the modal heads the
        infinitive)."""
        if modal.dep_ == "aux":
            return modal.head, modal.head
        verb = next(
            (
                c
                for c in modal.children
                if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
            ),
            None,
        )
        return (modal, verb) if verb is not None else None

    def asks_act(self, head: Token, verb: Token, perfect: bool = False) -> bool:
        """Whether the clause asks its subject to do something (or, ``perfect``, says
        it should have): a verb of action, in the active, neither a question nor a
        condition, and not perfect unless ``perfect``."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() in lexicon_words("stative"):
            return False
        if head.dep_ == "relcl" or any(t.text == "?" for t in head.sent):
            return False
        for child in (*head.children, *verb.children):
            if child.dep_ in {"auxpass", "nsubjpass"}:
                return False  # "Brown should be sacked"
            if child.dep_ == "aux" and child.lemma_ == "have" and not perfect:
                return False  # "should have resigned": a reproach, not a demand
            if child.dep_ == "mark" and child.lower_ in lexicon_words("condition"):
                return False  # "if X should ...", "whether X must ..."
            if child.tag_ in WH_TAGS:
                return False  # "why the BBC should be joining ...": a question
        return True


def attribute_obligations(extraction: Extraction, found: list[Obligation]) -> None:
    """Make a DEMAND event of every clause that lies in a statement's words: from the
    statement's speaker (every speaker of the nearest statement that holds it) to the
    clause's subject; a clause no statement holds, or whose subject is its speaker,
    makes none."""
    said = [(s, _flat(s.quote)) for s in extraction.statements if not s.negated] if found else []
    for obligation in found:
        event = obligation.event
        holding = [
            s
            for s, words in said
            if s.sent <= event.sent <= s.sent + QUOTE_SPAN and obligation.words in words
        ]
        if not holding:
            continue
        nearest = max(s.sent for s in holding)
        speakers = [s.speaker for s in holding if s.sent == nearest]
        sources = [
            s
            for s in dict.fromkeys(speakers)
            if not any(same_side(extraction, s, target) for target in event.targets)
        ]
        if not sources:
            continue
        event.sources = sources
        event.parties = [*sources, *event.targets]
        event.said_by = sources[0]
        extraction.events.append(event)


def _flat(text: str) -> str:
    """The text with its runs of white space as one space, for comparing spans."""
    return " ".join(text.split())
