"""Negotiations and meetings: who talks with or meets whom.

A negotiation or meeting pattern of relations.jsonl ("held talks with", "met",
"talks between X and Y", "X and Y met") relates every actor on one side to every
actor on the other, or the actors of one side to each other when the trigger is
symmetric, and makes an event (CONSULT) of them with its mode (visit, summit, phone,
mediation, else meeting or negotiation), what it is about, its date and place,
unless it is negated or refused. A noun trigger with fewer than two actors is
recorded as unparsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract.groups import roles
from kg.extract.patterns import Rule
from kg.extract.records import NEGATED, REFUSAL, Event

if TYPE_CHECKING:
    from kg.extract.context import SentenceContext

__all__ = ["InteractionFinder"]

#: The mode of a negotiation or meeting its trigger word tells (else meeting or negotiation).
INTERACTION_MODES = {"visit": "visit", "summit": "summit", "call": "phone", "mediate": "mediation"}
#: Verbs whose coordinated subject meets or talks with itself: "X and Y met".
SYMMETRIC_VERBS = frozenset({"meet", "negotiate", "talk", "bargain", "confer", "haggle"})


class InteractionFinder:
    """Finds the negotiations and meetings of one segment."""

    def __init__(self, work: SentenceContext) -> None:
        self.work = work

    def find(self, rule: Rule, trigger: Token) -> None:
        """Relate the sides of one negotiation or meeting trigger and make its event."""
        work = self.work
        if (trigger.pos_ == "VERB" and trigger.dep_ == "amod") or work.sporting(trigger):
            return
        actors = [r for r in work.path_refs(trigger, rule.actors) if work.is_actor(r[0])]
        partners = [r for r in work.path_refs(trigger, rule.partners) if work.is_actor(r[0])]
        if trigger.pos_ == "VERB" and not partners and len(actors) < 2:
            # "X and Y met": the subject holds both sides; "X met" alone says nothing
            return
        if (
            trigger.pos_ == "VERB"
            and not partners
            and (
                trigger.lemma_ not in SYMMETRIC_VERBS
                or any(c.dep_ == "dobj" or c.lower_ == "with" for c in trigger.children)
            )
        ):
            return  # "X and Y hosted a dinner", "X and Y met fans": not each other
        if trigger.pos_ != "VERB" and not partners and len(actors) < 2:
            work.ex.unparsed.append((work.sent_index(trigger), rule.id))
            return
        holders = [trigger, trigger.head] if trigger.dep_ == "dobj" else [trigger]
        if (
            trigger.pos_ != "VERB"
            and not partners
            and any(_others(c) for h in holders for c in h.children)
        ):
            # "X and Y will hold a summit with officials": with them, not each other;
            # "X and Y were allowed a visit by a relative": visited, not visiting
            return
        between = [
            r
            for r in work.path_refs(trigger, ("prep:between", "prep:among"))
            if work.is_actor(r[0])
        ]
        if len(between) >= 2:
            actors, partners = between, []
        steps = dict((*actors, *partners))
        pairs: list[tuple[int, int]] = []
        if actors and partners:
            pairs = [(a, p) for a, _ in actors for p, _ in partners if a != p]
        side = partners if not actors else actors if not partners else []
        if not actors and any(work.path(trigger, name) for name in rule.actors):
            side = []  # "Rover is to hold talks with X and Y": Rover, untracked, meets them
        if len(side) >= 2:
            members = [index for index, _ in side]
            pairs += [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
        if not pairs:
            return
        modality, factor = work.modality(trigger)
        date = work.date_near(trigger, modality)
        for a, b in pairs:
            if work.mentions[a].cls == "Person" and work.mentions[b].cls != "Person":
                a, b = a, b
            work.add_relation(
                rule.relation,
                a,
                b,
                trigger,
                rule,
                steps=max(steps[a], steps[b]),
                modality=modality,
                factor=factor,
                date=date,
            )
        if rule.event and modality not in {NEGATED, REFUSAL}:
            parties = list(dict.fromkeys(index for pair in pairs for index in pair))
            work.ex.events.append(
                Event(
                    sources=list(dict.fromkeys(a for a, _ in pairs)),
                    targets=list(dict.fromkeys(b for _, b in pairs)),
                    mode=INTERACTION_MODES.get(
                        trigger.lemma_, "meeting" if rule.relation == "meetsWith" else "negotiation"
                    ),
                    char_start=work.segment.offset + trigger.idx,
                    char_end=work.segment.offset + trigger.idx + len(trigger),
                    parties=parties,
                    sent=work.sent_index(trigger),
                    pattern=rule.id,
                    trigger=trigger.lemma_,
                    confidence=rule.confidence * factor,
                    modality=modality,
                    about=work.about(trigger, rule.about),
                    date=date,
                    location=work.location_near(trigger),
                    said_by=work.speaker_of_clause(trigger),
                )
            )


#: Nouns for persons a visit or meeting may be "by" that the text does not name.
VISITORS = frozenset({"relative", "family", "friend", "colleague", "supporter", "fan"})


def _others(prep: Token) -> bool:
    """'with officials', 'by one relative': unnamed others a meeting is with or a visit
    is by; not 'with each other', 'by telephone', 'by the river'."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    if prep.dep_ != "prep" or not objects:
        return False
    if prep.lower_ == "with":
        return not any(o.lower_ in {"other", "another"} for o in objects)
    if prep.lower_ == "by":
        return any(
            o.lemma_.lower() in VISITORS or roles(o) & {"collective", "group", "count-person"}
            for o in objects
        )
    return False
