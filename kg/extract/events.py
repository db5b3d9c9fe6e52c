"""Events typed with PLOVER from the trigger lexicon.

A verb or noun of the lexicon (ontologies/patterns/triggers.tsv, derived from
CAMEO, and triggers_extra.tsv, written by hand) whose needs the words around it
meet (its particle, object or preposition: "impose sanctions", "call on") is an
event of its PLOVER category when actors stand on both sides of it: who acts
(source) and to or with whom (target), found along the parse paths of
ontologies/patterns/event_arguments.tsv. Coordinated actors count one by one,
pronouns, roles and groups ("Russian diplomats") resolve as for relations, and the
clause's modality (act, intent, refusal, negation) is kept.

Negotiations and meetings (CONSULT) keep their own patterns in relations.jsonl,
which know "talks between" and "X and Y met"; a word those patterns took is not
read again here.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from spacy.symbols import IDS
from spacy.tokens import Token

from kg.extract.patterns import lexicon_words
from kg.extract.records import ACT, REFUSAL, same_side
from kg.extract.triggers import Trigger, load_triggers, trigger_for
from kg.nlp import for_clauses, to_infinitive
from kg.ontology import numbered_tsv, ontology_path

if TYPE_CHECKING:
    from kg.extract.context import SentenceContext

__all__ = ["EventFinder", "load_argument_paths"]

log = logging.getLogger(__name__)

#: spaCy's part of speech -> the lexicon's.
POS_OF = {"VERB": "verb", "NOUN": "noun"}
POS_IDS = {IDS[name]: pos for name, pos in POS_OF.items()}
ROLES = frozenset({"source", "target", "swapped"})
#: Parts of speech event_arguments.tsv has paths for (adj: evaluative words only).
ARGUMENT_POS = frozenset({"verb", "noun", "adj"})
#: How much an event found by the lexicon is trusted before modality and inference.
CONFIDENCE = {"verb": 0.75, "noun": 0.7}
#: Dependencies that hold an object phrase a trigger may need ("imposed sanctions").
OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
#: Verbs that, in their rows with no preposition, ask nothing unless an infinitive or
#: "for" says what is asked: "asked Congress for funds", "asked him to resign", not
#: "asked Mr Myers if he knew"; "warned the BBC to steer clear", not "warned the BBC
#: that ..." (advice; "warn of" and "warn against" have rows of their own).
REQUEST_VERBS = frozenset({"ask", "warn"})
#: Verbs that, in their rows with no object, are an event only when done to a person:
#: "police questioned the men" is an interrogation, "MPs questioned the figures" or
#: "questioned why" a doubt.
PERSON_VERBS = frozenset({"question", "quiz"})
#: Verbs of wishing that, in their rows with no object, are a demand only of another
#: actor named as the one to act, with a verb of action: "the Tories want Brown to
#: resign", not "Agnelli wanted to keep control", "wanted the UK to be prosperous" or
#: a minister wanting their own country to act.
WISH_VERBS = frozenset({"want"})
#: Adverbs the parser gives a phrasal verb for its particle ("hit back at X": advmod).
PARTICLE_ADVERBS = frozenset({"back", "out", "off", "up", "down", "away", "over"})


@functools.cache
def load_argument_paths() -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(pos, role, PLOVER category or '*') -> the paths of
    ontologies/patterns/event_arguments.tsv."""
    path = ontology_path("patterns", "event_arguments.tsv")
    found: dict[tuple[str, str, str], tuple[str, ...]] = {}
    for number, row in numbered_tsv(path):
        if row.get("pos") not in ARGUMENT_POS or row.get("role") not in ROLES:
            log.warning(
                "%s:%d: pos must be verb, noun or adj and role source, target or swapped;"
                " line skipped",
                path,
                number,
            )
            continue
        key = (row["pos"], row["role"], row.get("plover") or "*")
        found[key] = tuple(row.get("paths", "").split())
    return found


#: Where an event's topic or policy is: "imposed a tariff", "clashed over subsidies".
ABOUT_PATHS = ("dobj", "prep:over", "prep:about", "prep:on", "prep:regarding")


class EventFinder:
    """Finds the lexicon's events in one segment (see the module's docstring)."""

    def __init__(self, work: SentenceContext) -> None:
        self.work = work
        self.triggers = load_triggers()
        self.paths = load_argument_paths()

    def find(self, taken: set[int]) -> None:
        """Add an event for every trigger with actors on both sides, except the
        tokens in ``taken`` (those a negotiation or meeting pattern read)."""
        doc = self.work.doc
        strings = doc.vocab.strings
        for i, (lemma, pos_id) in enumerate(doc.to_array(["LEMMA", "POS"]).tolist()):
            pos = POS_IDS.get(pos_id)  # an array scan: a Token only for candidates
            if pos is None or i in taken or (strings[lemma].lower(), pos) not in self.triggers:
                continue
            token = doc[i]
            if pos == "verb" and self.light_before_event(token):
                continue
            trigger = self.trigger(token, pos)
            if trigger is not None and not self.work.sporting(token):
                self.event(token, trigger, pos)

    def light_before_event(self, verb: Token) -> bool:
        """'imposed a ban on X', 'launched an inquiry into Y': a light verb (lexicon.tsv)
        whose object noun is itself a trigger; the noun's event is the one told."""
        return self.work.lexicon.get(verb.lemma_.lower()) == "light" and any(
            child.dep_ == "dobj" and (child.lemma_.lower(), "noun") in self.triggers
            for child in verb.children
        )

    def trigger(self, token: Token, pos: str) -> Trigger | None:
        """The lexicon's most specific trigger for the token in its sentence."""
        particle = next(
            (
                c.lower_
                for c in token.children
                if c.dep_ == "prt"
                or (c.dep_ == "advmod" and c.i == token.i + 1 and c.lower_ in PARTICLE_ADVERBS)
            ),
            "",
        )
        objects = [_phrase(c) for c in token.children if c.dep_ in OBJECT_DEPS]
        if pos == "noun":  # a noun's own words say what kind it is: "an arms ban"
            objects.append(_phrase(token))
        prepositions = [
            (child.lower_, _phrase(grand))
            for child in token.children
            if child.dep_ == "prep"
            for grand in child.children
            if grand.dep_ == "pobj"
        ]
        # "called for Blair to resign": the parser makes "for" the mark of a clause
        prepositions += [("for", _phrase(clause)) for clause in for_clauses(token)]
        trigger = trigger_for(
            token.lemma_.lower(),
            pos,
            particle=particle,
            objects=objects,
            prepositions=prepositions,
        )
        if (
            trigger is not None
            and token.lemma_.lower() in REQUEST_VERBS
            and not trigger.preposition
            and not any(_infinitive(c) for c in token.children)
            and not any(word == "for" for word, _ in prepositions)
        ):
            return None  # a question
        if trigger is not None and token.lemma_.lower() in WISH_VERBS and not trigger.object:
            return trigger if _asks_another(token) else None
        if trigger is not None and token.lemma_.lower() in PERSON_VERBS and not trigger.object:
            return trigger if self.of_a_person(token) else None
        return trigger

    def of_a_person(self, verb: Token) -> bool:
        """Whether the one a verb is done to is a person: its object, its passive
        subject, or the noun its participle modifies ('the men questioned by police')."""
        work = self.work
        patients = [
            t for name in ("dobj", "nsubjpass", "participle-head") for t in work.path(verb, name)
        ]
        return any(
            work.mentions[index].cls == "Person" for t in patients for index, _ in work.refs(t)
        )

    def event(self, token: Token, trigger: Trigger, pos: str) -> None:
        work = self.work
        kind = trigger.plover
        if trigger.subject == "target":
            targets = work.actor_refs(token, self.paths_for(pos, "source", kind))
            sources = work.actor_refs(token, self.paths_for(pos, "swapped", kind))
        else:
            sources = work.actor_refs(token, self.paths_for(pos, "source", kind))
            targets = work.actor_refs(token, self.paths_for(pos, "target", kind))
        source_ids = {index for index, _ in sources}
        targets = [(index, steps) for index, steps in targets if index not in source_ids]
        if trigger.lemma in WISH_VERBS:  # "Mr Clarke wanted Britain to offer refuge"
            targets = [
                (index, steps)
                for index, steps in targets
                if not any(same_side(work.ex, source, index) for source in source_ids)
            ]
        if not sources or not targets:
            return
        modality, factor = work.modality(token)
        if trigger.plover == "REJECT" and modality == REFUSAL:
            modality = ACT  # "rejected the plan": the rejection happened
        steps = max(steps for _, steps in (*sources, *targets))
        work.ex.events.append(
            work.typed_event(
                token,
                kind=trigger.plover,
                pattern=f"lexicon:{trigger.plover.lower()}:{trigger.lemma}",
                sources=[index for index, _ in sources],
                targets=[index for index, _ in targets],
                confidence=CONFIDENCE[pos] * factor * (0.9**steps),
                modality=modality,
                said_by=work.speaker_of_clause(token),
                mode=trigger.mode or None,
                about=work.about(token, ABOUT_PATHS),
            )
        )

    def paths_for(self, pos: str, role: str, kind: str) -> tuple[str, ...]:
        """The paths of a role for a category, or those of any category."""
        return self.paths.get((pos, role, kind)) or self.paths.get((pos, role, "*"), ())


def _asks_another(verb: Token) -> bool:
    """Whether a verb of wishing names another to do something: an infinitive of a verb
    of action whose subject is named ('want Brown to resign', parsed with Brown as the
    object or as the clause's subject), not a thing ('wanted it to end')."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for clause in verb.children:
        if not _infinitive(clause) or clause.lemma_.lower() in lexicon_words("stative"):
            continue
        doers = objects + [c for c in clause.children if c.dep_ == "nsubj"]
        if any(d.lower_ not in {"it", "this", "that", "them"} for d in doers):
            return True
    return False


def _infinitive(token: Token) -> bool:
    """An infinitive clause below a verb: 'asked him to resign', 'want Brown to resign'
    (parsed as xcomp, or as ccomp with its own subject)."""
    if token.dep_ == "xcomp":
        return True
    return token.dep_ == "ccomp" and to_infinitive(token)


def _phrase(token: Token) -> str:
    """A noun's lemma with the modifiers before it: 'peace agreement', 'sanction'."""
    words = [c.lemma_.lower() for c in token.lefts if c.dep_ in {"compound", "amod"}]
    return " ".join([*words, token.lemma_.lower()])
