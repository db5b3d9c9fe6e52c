"""Policies: who imposes a policy, on whom, and what actors demand of each other.

An imposition verb of relations.jsonl ("imposed", "threatened") makes its subject
impose each policy of its object, and the policy target what its paths reach ("on
Japanese cars"); a verb an actor faces a policy with ("faces tariffs") makes the
policy target that actor. A policy's own words name its owner ("Canada's tariff",
"its tariff": the country the clause is about) and its target ("a 25% tariff on
Japanese cars"). A demand verb ("urged", "wants") makes its subject demand the
topics and policies of its object, of the actor it presses when there is one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract.context import ACTOR_CLASSES
from kg.extract.patterns import Rule
from kg.extract.records import INTENT

if TYPE_CHECKING:
    from kg.extract.context import SentenceContext

__all__ = ["PolicyFinder"]

#: Demand verbs that make a demand only with an object: "wants Kenya to ...", "wants
#: access for its textiles", but not "wanted to change perceptions".
ADDRESSEE_NEEDED = frozenset(
    {"want", "ask", "press", "push", "pressure", "urge", "lobby", "require"}
)

_NOUN_TARGET_RULE = Rule(id="policy-on", relation="targets", confidence=0.75, trigger=())
_OWNER_RULE = Rule(id="policy-owner", relation="imposes", confidence=0.7, trigger=())


class PolicyFinder:
    """Finds the impositions, targets and demands of policies in one segment."""

    def __init__(self, work: SentenceContext) -> None:
        self.work = work

    def imposition(self, rule: Rule, verb: Token) -> None:
        work = self.work
        policies = self.policies_at(t for name in rule.objects for t in work.path(verb, name))
        if not policies:
            return
        actors = [r for r in work.path_refs(verb, rule.actors) if work.is_actor(r[0])]
        modality, factor = work.modality(verb)
        if verb.lemma_ == "threaten":
            modality = INTENT
        date = work.date_near(verb, modality)
        for policy in policies:
            for actor, steps in actors:
                work.add_relation(
                    "imposes", actor, policy, verb, rule, steps=steps, modality=modality,
                    factor=factor, date=date,
                )  # fmt: skip
            for target, steps in work.path_refs(verb, rule.targets):
                if work.is_actor(target) or work.mentions[target].cls == "Topic":
                    work.add_relation(
                        "targets", policy, target, verb, rule, steps=steps, modality=modality,
                        factor=factor,
                    )  # fmt: skip

    def facing(self, rule: Rule, verb: Token) -> None:
        work = self.work
        policies = self.policies_at(t for name in rule.objects for t in work.path(verb, name))
        if not policies:
            return
        modality, factor = work.modality(verb)
        for target, steps in work.path_refs(verb, rule.actors):
            if work.is_actor(target):
                for policy in policies:
                    work.add_relation(
                        "targets", policy, target, verb, rule, steps=steps, modality=modality,
                        factor=factor,
                    )  # fmt: skip

    def policy_targets(self) -> None:
        """'a 25% tariff on Japanese cars': the policy's own 'on' phrase names its target."""
        work = self.work
        rule = _NOUN_TARGET_RULE
        for index, (start, end) in work.spans.items():
            if work.mentions[index].cls != "Policy":
                continue
            head = work.doc[start:end].root
            owner_inside = work.mentions[index].owner
            if owner_inside is not None:
                work.add_relation("imposes", owner_inside, index, head, _OWNER_RULE)
            for child in head.children:
                if child.dep_ == "poss" and child.lower_ == "its":
                    owner = self.nearest_actor_before(child)
                    if owner is not None:
                        work.add_relation("imposes", owner, index, head, _OWNER_RULE, steps=1)
                    continue
                owner = work.mention_of(child) if child.i < start else -1
                if (
                    child.dep_ in {"poss", "compound", "nmod"}
                    and owner >= 0
                    and work.is_actor(owner)
                ):
                    work.add_relation("imposes", owner, index, head, _OWNER_RULE)
            for child in head.children:
                if child.dep_ != "prep" or child.lower_ not in {"on", "against"}:
                    continue
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    targets = work.refs(obj)
                    for modifier in obj.lefts:
                        targets += (
                            work.refs(modifier) if modifier.dep_ in {"amod", "compound"} else []
                        )
                    for target, steps in targets:
                        mention = work.mentions[target]
                        if mention.cls in ACTOR_CLASSES or mention.cls == "Topic":
                            work.add_relation("targets", index, target, head, rule, steps=steps)

    def demand(self, rule: Rule, trigger: Token) -> None:
        work = self.work
        actors = [r for r in work.path_refs(trigger, rule.actors) if work.is_actor(r[0])]
        if not actors:
            return
        addressees = [r for r in work.path_refs(trigger, rule.addressees) if work.is_actor(r[0])]
        if trigger.lemma_ in ADDRESSEE_NEEDED and not any(
            work.path(trigger, name) for name in ("dobj", "clause-subject", "dative")
        ):
            return  # "GM wanted to change perceptions": its own aim, not a demand
        objects: list[int] = []
        inside_policy: set[int] = set()
        for name in rule.objects:
            for token in work.path(trigger, name):
                for item in token.subtree:
                    index = work.mention_of(item)
                    if index >= 0 and work.mentions[index].cls == "Policy":
                        start, end = work.spans[index]
                        head = work.doc[start:end].root
                        inside_policy |= {
                            work.mention_of(t) for t in head.subtree if work.mention_of(t) != index
                        }
                if (
                    token.dep_ == "dobj"
                    and work.mention_of(token) >= 0
                    and work.is_actor(work.mention_of(token))
                ):
                    continue
                for index in work.things_in([token]):
                    if index not in objects and index not in inside_policy:
                        objects.append(index)
        if not objects:
            return
        modality, factor = work.modality(trigger)
        addressee = addressees[0][0] if addressees else None
        for actor, steps in actors:
            for obj in objects:
                work.add_relation(
                    "demands", actor, obj, trigger, rule, steps=steps, modality=modality,
                    factor=factor, demanded_of=addressee,
                )  # fmt: skip

    def policies_at(self, tokens: Iterable[Token]) -> list[int]:
        work = self.work
        found: list[int] = []
        for token in tokens:
            for item in (token, *token.conjuncts):
                index = work.mention_of(item)
                if index < 0:
                    # "a 90-day suspension of implementation": the policy heads the phrase
                    for child in item.subtree:
                        candidate = work.mention_of(child)
                        if candidate >= 0 and work.mentions[candidate].cls == "Policy":
                            index = candidate
                            break
                if index >= 0 and work.mentions[index].cls == "Policy" and index not in found:
                    found.append(index)
        return found

    def nearest_actor_before(self, pronoun: Token) -> int | None:
        """What 'its' refers to on a policy: the country or body that is the subject of
        the clause ('wanted Canada to lower its tariff': Canada); None when unclear."""
        work = self.work
        verb = work.verb_above(pronoun.head)
        subject = work.subject(verb) if verb is not None else None
        ref = work.ref(subject) if subject is not None else None
        if ref is not None and work.mentions[ref[0]].cls in {"Country", "GovernmentAgency"}:
            return ref[0]
        return None
