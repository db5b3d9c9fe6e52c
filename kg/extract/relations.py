"""Relations from the dependency parse: the driver that hands triggers to the finders.

Trigger words and the places their arguments sit in the parse are data
(ontologies/patterns/relations.jsonl, lexicon.tsv, gazetteers/titles.tsv);
`RelationFinder` runs the patterns over a segment and hands each match to the
finder of its family: posts (`kg.extract.posts`), statements
(`kg.extract.statements`), negotiations and meetings (`kg.extract.interactions`),
policies and demands (`kg.extract.policies`), the lexicon's events
(`kg.extract.events`), demands said with a modal ('should', 'must':
`kg.extract.deontic`), the criticism statements say in evaluative words
(`kg.extract.evaluations`) and disapproval told as a feeling ('was dismayed at X':
`kg.extract.reactions`). Each reads the same `SentenceContext`
(`kg.extract.context`): references, subjects, argument paths and modality.
Intent ("will hold talks"), act, refusal and negation are kept apart, and
relations found in reported or quoted speech carry their speaker.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from kg.extract.context import SentenceContext
from kg.extract.deontic import DeonticFinder, Obligation
from kg.extract.evaluations import EvaluationFinder
from kg.extract.events import EventFinder
from kg.extract.groups import remember_coordinations
from kg.extract.interactions import InteractionFinder
from kg.extract.mentions import MentionFinder, SegmentMentions
from kg.extract.patterns import load_lexicon, load_rules
from kg.extract.policies import PolicyFinder
from kg.extract.posts import PostFinder
from kg.extract.reactions import ReactionFinder
from kg.extract.records import Extraction
from kg.extract.rules import RuleMatcher
from kg.extract.statements import StatementFinder
from kg.gazetteer import Gazetteer

__all__ = ["DocumentState", "RelationFinder"]


@dataclass
class DocumentState:
    """What relation extraction remembers across the segments of one document."""

    #: (title in lower case, person mention) for every post seen so far.
    posts: list[tuple[str, int]] = field(default_factory=list)
    #: sentence index -> the speaker of a direct quote that sentence belongs to.
    quoted: dict[int, int] = field(default_factory=dict)
    #: sentence index -> the speaker of the reported clause it holds (for saidBy).
    persons_by_sentence: dict[int, list[int]] = field(default_factory=dict)
    #: person mentions that are the subject of their sentence's main verb.
    subjects: set[int] = field(default_factory=set)
    #: sentence index -> the body (no person) that is the subject of its main verb.
    bodies: dict[int, int] = field(default_factory=dict)
    #: a kind of written work ('book', 'report') -> its author the text named last.
    authors: dict[str, int] = field(default_factory=dict)
    #: (character offset, lemma, owner mention) of every noun the text gives an owner:
    #: "the Paris Club offer", "a bid by Shell", "Xstrata's plan".
    owned: list[tuple[int, str, int]] = field(default_factory=list)
    #: The clauses that ask an actor to act ("the minister should resign"), made
    #: demands of their speakers once the document's statements are all known.
    obligations: list[Obligation] = field(default_factory=list)
    #: (character offset of its last member, or of a counted phrase's noun; sentence;
    #: member mentions, -1 for a member that is no name; whether it is a clause's
    #: subject) of every coordination naming two actors or more, and of every counted
    #: phrase that stands for actors ("the two men"), in the text's order.
    coordinations: list[tuple[int, int, tuple[int, ...], bool]] = field(default_factory=list)


class RelationFinder:
    """Applies the relation patterns to a parsed segment."""

    def __init__(self, vocab: Vocab, gazetteer: Gazetteer, mentions: MentionFinder) -> None:
        self.gaz = gazetteer
        self.mention_finder = mentions
        self.lexicon = load_lexicon()
        self.rules = {rule.id: rule for rule in load_rules()}
        self.matcher = RuleMatcher(vocab, self.rules.values())

    def find(self, segment: SegmentMentions, extraction: Extraction, state: DocumentState) -> None:
        """Add the segment's posts, statements, events and relations to ``extraction``."""
        work = SentenceContext(self, segment, extraction, state)
        work.remember_persons()
        work.remember_bodies()
        work.remember_owned()
        remember_coordinations(work)
        PostFinder(work).find()
        work.remember_titled()
        matches = self.matcher(segment.doc)
        StatementFinder(work).find(
            rule_trigger for rule_trigger in matches if rule_trigger[0].relation == "stated"
        )
        interactions = InteractionFinder(work)
        policies = PolicyFinder(work)
        taken: set[int] = set()
        for rule, trigger in matches:
            if any(work.path(trigger, name) for name in rule.unless):
                continue
            if rule.relation in {"negotiatesWith", "meetsWith"}:
                interactions.find(rule, trigger)
                taken.add(trigger.i)
            elif rule.relation == "imposes":
                policies.imposition(rule, trigger)
            elif rule.relation == "targets":
                policies.facing(rule, trigger)
            elif rule.relation == "demands":
                policies.demand(rule, trigger)
        policies.policy_targets()
        EventFinder(work).find(taken)
        DeonticFinder(work).find(state.obligations)
        EvaluationFinder(work).find()
        ReactionFinder(work).find()


def iter_sentences(doc: Doc) -> Iterator[Span]:
    yield from doc.sents
