"""Disapproval told as a feeling: a DISAPPROVE event from whoever holds it.

News often says that an actor is angry with another, or was dismayed by what it did,
rather than that it criticised it:

    Germany was dismayed at the French decision.
    Oxfam said it was disappointed by the Commission's ruling.
    The minister said he was appalled that Ottawa had blocked the plan.
    The move angered Beijing.
    Unions were furious with the BBC over the cuts.

A word of ontologies/patterns/evaluative.tsv with the role ``reaction`` (a verb of
feeling such as "dismay", "anger", "appal", or an adjective such as "furious",
"critical") is a DISAPPROVE event from the one who feels it (the subject of the
passive or the copula; the object of an active verb: "the move angered Beijing") to
the actor it is felt at: the agent ("by X", "by X's decision"), "at", "with", "over",
"about" or "of" ("critical of X"), the subject of a "that" clause, or the subject of
the active verb and its owner. The paths are the 'reaction' rows of
event_arguments.tsv. Nothing is an event where the feeling is negated ("was not
disappointed"), felt at nobody kg tracks ("dismayed at the result"), or at the one
who feels it.
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from kg.extract.context import Finder
from kg.extract.evaluations import first_conjunct, negated
from kg.extract.events import ABOUT_PATHS, load_argument_paths
from kg.extract.patterns import load_evaluative_words
from kg.extract.records import NEGATED, same_actor

__all__ = ["ReactionFinder"]

#: The event category, and the plover column of the paths in event_arguments.tsv.
KIND = "DISAPPROVE"
PATHS_KEY = "reaction"
#: How much such an event is trusted before inference steps.
CONFIDENCE = 0.6
#: Tags of a verb form that acts on its object ("angered", "angers"), not a participle
#: that says what its subject feels ("was angered").
ACTIVE_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBG", "VB"})


class ReactionFinder(Finder):
    """Finds the feelings of disapproval of one segment (see the module's docstring)."""

    def find(self) -> None:
        words = load_evaluative_words()
        forms = reaction_forms()
        strings = self.doc.vocab.strings
        rows = self.doc.to_array(["LEMMA", "LOWER"]).tolist()
        for i, (lemma, lower) in enumerate(rows):  # an array scan: Tokens for candidates
            if strings[lemma].lower() not in forms and strings[lower] not in forms:
                continue
            token = self.doc[i]
            pos = reaction_pos(token, words)
            if pos is not None:
                self.event(token, pos)

    def event(self, token: Token, pos: str) -> None:
        work = self.work
        anchor = first_conjunct(token)
        if negated(anchor):
            return
        modality, factor = work.modality(anchor)
        if modality == NEGATED:
            return
        paths = load_argument_paths()
        sources = self.work.actor_refs(anchor, paths.get((pos, "source", PATHS_KEY), ()))
        targets = self.work.actor_refs(anchor, paths.get((pos, "target", PATHS_KEY), ()))
        targets = [
            (index, steps)
            for index, steps in targets
            if not any(same_actor(self.mentions, index, source) for source, _ in sources)
        ]
        if not sources or not targets:
            return
        key = ("reaction", token.i + self.segment.offset)
        if key in self.seen:
            return
        self.seen.add(key)
        steps = max(steps for _, steps in (*sources, *targets))
        self.ex.events.append(
            work.typed_event(
                token,
                kind=KIND,
                pattern=f"reaction:{token.lemma_.lower()}",
                sources=[index for index, _ in sources],
                targets=[index for index, _ in targets],
                confidence=CONFIDENCE * factor * (0.9**steps),
                modality=modality,
                said_by=work.speaker_of_clause(token),
                about=work.about(anchor, ABOUT_PATHS),
            )
        )


@functools.cache
def reaction_forms() -> frozenset[str]:
    """The words of evaluative.tsv with the role 'reaction'."""
    return frozenset(
        word for (word, _), role in load_evaluative_words().items() if role == "reaction"
    )


def reaction_pos(token: Token, words: dict[tuple[str, str], str]) -> str | None:
    """'verb' for a verb of feeling that acts on its object ("the move angered
    Beijing"), 'adj' for a feeling said of its holder ("was angered by", "furious
    with"), None for any other word."""
    forms = {token.lemma_.lower(), token.lower_}
    if token.pos_ == "VERB" and any(words.get((f, "verb")) == "reaction" for f in forms):
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)
        if token.tag_ in ACTIVE_TAGS and not passive:
            return "verb" if any(c.dep_ == "dobj" for c in token.children) else None
        return "adj"
    if token.pos_ in {"ADJ", "VERB"} and any(words.get((f, "adj")) == "reaction" for f in forms):
        return "adj" if token.dep_ in {"acomp", "ROOT", "ccomp", "conj", "xcomp"} else None
    return None
