"""The sentence context every relation finder reads: what a token stands for, the
arguments the parse gives a trigger, and the clause around it.

`SentenceContext` is built once per segment and handed to each finder (posts,
statements, interactions, policies, events); it knows nothing of any of them. It is
layered so that each layer can be read alone:

- `Mentions`: the segment's mentions, its token spans and what the document
  remembers of them (the persons and bodies of each sentence, the surnames, the
  article's country);
- `References`: what a token stands for: a mention, or what a pronoun ("he"), a
  role ("the chief negotiator", "the Chief Trade Negotiator from Japan"), a
  description ("the firm") or a group ("Japanese officials") clearly refers to;
  when nothing clear is found there is no reference: precision first;
- `Arguments`: a verb's subject and the named argument paths of relations.jsonl;
  what an event is about;
- `SentenceContext`: the clause around a trigger (intent, act, refusal or
  negation; who reported it; its date and place) and the relation records it
  makes.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Token

from kg.extract.dates import normalize_date
from kg.extract.groups import counted_refs, member_refs, objects_of, pronoun_group_refs, roles
from kg.extract.mentions import DESCRIPTORS, SUBJECT_DEPS, SegmentMentions
from kg.extract.names import parse_name, pronoun_gender, title_before
from kg.extract.patterns import Rule, lexicon_words, speech_lemmas
from kg.extract.records import (
    ACT,
    HYPOTHETICAL,
    INTENT,
    NEGATED,
    POST_IN_CLASSES,
    REFUSAL,
    THREAT,
    Event,
    Extraction,
    Mention,
    Relation,
    same_actor,
)
from kg.extract.triggers import load_triggers
from kg.nlp import for_clauses, to_infinitive

if TYPE_CHECKING:
    from kg.extract.relations import DocumentState, RelationFinder

__all__ = [
    "ACTOR_CLASSES",
    "POST_IN_CLASSES",
    "Arguments",
    "Mentions",
    "References",
    "SentenceContext",
]

ACTOR_CLASSES = frozenset(
    {"Person", "Country", "GovernmentAgency", "Organization", "Company", "MediaOrganization",
     "PoliticalParty", "InternationalOrganization", "ArmedGroup"}
)  # fmt: skip
ABOUT_CLASSES = frozenset({"Topic", "Policy"})
#: How a name owns the noun it modifies: "Xstrata's bid", "the Paris Club offer".
OWNER_DEPS = frozenset({"poss", "compound", "nmod"})
#: Dependencies only a noun phrase's head has.
NOUN_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "dative"})
#: Where the body a pronoun stands for sits in the clause above it.
PRONOUN_ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Links from a clause up to one whose subject its 'it' or 'they' stands for, without
#: a speech verb: "the bank is involved because it is sued", "the firm rose and it ...".
BODY_LINKS = frozenset({"advcl", "conj"})
#: Verbs whose subject is shared by the clause they govern.
CONTROL_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acomp"})
#: Verbs that link a subject to what is said of it ("X's plan was a blunder", "X seemed reckless").
COPULAS = frozenset({"be", "become", "remain", "seem", "look", "sound", "prove"})
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_SPEAKER = frozenset({"i", "we", "me", "us", "my", "our"})
#: Words for a state's government that, with only "the", mean the article's country.
GOVERNMENT_WORDS = frozenset({"government", "authority", "authorities", "administration"})
#: Tags of a verb with a tense of its own, which takes no modal from a verb it is
#: coordinated with or whose clause it modifies.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
#: Words of when that leave "the government" the article's country's: "the next
#: government"; not "the previous government", which may be another party's.
CURRENT_WORDS = frozenset({"next", "new", "current", "present", "incoming"})
#: Plurals that, with no word of their own, are the government of the article's country.
BARE_GOVERNMENT_WORDS = frozenset({"ministers"})
#: Prepositions that give what a verb is about, not what its subject does.
TOPIC_PREPOSITIONS = frozenset({"about", "regarding", "concerning"})
#: Verbs whose object, not subject, does what the infinitive says ("pressed Brazil to scrap").
OBJECT_CONTROL = frozenset(
    {
        "urge", "press", "push", "pressure", "ask", "want", "tell", "force", "allow", "persuade",
        "encourage", "require", "order", "invite", "call", "expect", "lobby", "advise", "warn",
    }
) | lexicon_words("request")  # fmt: skip


class Mentions:
    """The segment's mentions and what the document remembers of them."""

    def __init__(
        self,
        finder: RelationFinder,
        segment: SegmentMentions,
        extraction: Extraction,
        state: DocumentState,
    ) -> None:
        self.finder = finder
        self.gaz = finder.gaz
        self.lexicon = finder.lexicon
        self.segment = segment
        self.doc: Doc = segment.doc
        self.ex = extraction
        self.mentions: list[Mention] = extraction.mentions
        self.state = state
        self.spans: dict[int, tuple[int, int]] = {}
        for i, index in enumerate(segment.token_mention):
            if index >= 0:
                start, _ = self.spans.get(index, (i, i))
                self.spans[index] = (start, i + 1)
        self.seen: set[tuple[Any, ...]] = set()

    def mention_of(self, token: Token) -> int:
        index = self.segment.token_mention[token.i]
        if index < 0:
            return -1
        alias = self.mentions[index].alias_of
        return alias if alias is not None else index

    def class_of(self, token: Token) -> str | None:
        """The class of the mention the token is part of, or None."""
        index = self.mention_of(token)
        return self.mentions[index].cls if index >= 0 else None

    def sent_index(self, token: Token) -> int:
        return self.segment.sent_of(token.i)

    def is_actor(self, index: int) -> bool:
        return self.mentions[index].cls in ACTOR_CLASSES

    def is_event_actor(self, index: int) -> bool:
        """An actor an event may have as a side: no place the model only guessed was
        one (`guessed_among_places`)."""
        return self.is_actor(index) and not self.guessed_among_places(index)

    def body_of(self, token: Token) -> int | None:
        """The mention the token names when it is a body a post is held in and a group
        or role can stand for (a country, agency, party, firm ...), else None."""
        index = self.mention_of(token)
        return index if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES else None

    def bodies_after(self, token: Token, prepositions: set[str]) -> list[int]:
        """The bodies named after the token's prepositions of that set, with those
        coordinated with them: 'the presidents of Sri Lanka and Indonesia'."""
        return [
            index
            for item in objects_of(token, prepositions)
            if (index := self.body_of(item)) is not None
        ]

    def guessed_among_places(self, index: int) -> bool:
        """'visited Swindon, Shrewsbury, Dorset and Torbay': a name listed with places
        whose class rests on the model's label alone (no gazetteer entry, title or
        cue) is one more place, not the body or person the model guessed."""
        mention = self.mentions[index]
        if mention.key or mention.weight > 1 or index not in self.spans:
            return False
        start, end = self.spans[index]
        root = self.doc[start:end].root
        return any(self.class_of(other) == "Place" for other in root.conjuncts)

    @functools.cached_property
    def short_names(self) -> dict[str, int]:
        """Surname (and family name written first) -> the one person in the document
        so far who bears it."""
        names: dict[str, set[int]] = {}
        for index, mention in enumerate(self.mentions):
            words = mention.text.split()
            if mention.cls == "Person" and len(words) > 1:
                for word in {words[-1], words[0]}:
                    names.setdefault(word.casefold(), set()).add(index)
        return {name: found.pop() for name, found in names.items() if len(found) == 1}

    def home_country(self) -> int | None:
        """A mention of the country the document is about so far: the one that its
        countries, state bodies and parties name most, by two or more and ahead of
        any other; None when no country leads."""
        counts: dict[str, int] = {}
        latest: dict[str, int] = {}
        adjectives: dict[str, int] = {}  # "British": the country, where no noun names it
        for index, mention in enumerate(self.mentions):
            if not mention.key:
                continue
            iso: str | None
            if mention.cls == "Country":
                iso = mention.key.partition(":")[2]
                (adjectives if mention.demonym else latest)[iso] = index
            else:
                entry = self.gaz.entries.get(mention.key)
                iso = entry.country if entry is not None else None
            if iso:
                counts[iso] = counts.get(iso, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return latest.get(ranked[0][0], adjectives.get(ranked[0][0]))

    def in_quote(self, token: Token) -> bool:
        """Whether the token sits between quotation marks in its sentence."""
        sent = token.sent
        opened = False
        for item in sent:
            if item.i >= token.i:
                break
            if item.text in {"“", "‘"}:
                opened = True
            elif item.text in {"”", "’"}:
                opened = False
            elif item.text == '"':
                opened = not opened
        return opened

    def quote_speaker(self, token: Token) -> int | None:
        for statement in reversed(self.ex.statements):
            if statement.sent == self.segment.sent_of(token.i) and statement.direct:
                return statement.speaker
        return None

    def remember_persons(self) -> None:
        # this segment's mentions only: the document's list grows with every window
        for index in sorted(self.spans):
            mention = self.mentions[index]
            if mention.cls == "Person":
                self.state.persons_by_sentence.setdefault(mention.sent, []).append(index)
                root = self.doc[self.spans[index][0] : self.spans[index][1]].root
                if root.dep_ in SUBJECT_DEPS and root.head.dep_ == "ROOT":
                    self.state.subjects.add(index)

    def remember_bodies(self) -> None:
        """The body each sentence of the segment is about, for 'it' and 'they' after it."""
        for index in sorted(self.spans):
            mention = self.mentions[index]
            if mention.cls in POST_IN_CLASSES and mention.sent not in self.state.bodies:
                root = self.doc[self.spans[index][0] : self.spans[index][1]].root
                if root.dep_ in PRONOUN_ANTECEDENT_DEPS and root.head.dep_ == "ROOT":
                    self.state.bodies[mention.sent] = self.mention_of(root)

    def remember_owned(self) -> None:
        """The nouns of the segment whose owner a mention names, for 'the offer' after
        'the Paris Club offer' (`earlier_owner`)."""
        for index in sorted(self.spans):
            root = self.doc[self.spans[index][0] : self.spans[index][1]].root
            head = root.head
            if root.dep_ == "pobj" and head.lower_ in {"by", "from"}:
                head = head.head  # "a bid by Shell", "an offer from Xstrata"
            elif root.dep_ not in OWNER_DEPS and not (
                root.dep_ == "amod" and self.mentions[index].demonym
            ):
                continue
            # the model tags some nouns after a name as verbs ("the Paris Club offer")
            if head is not root and (head.pos_ == "NOUN" or head.dep_ in NOUN_DEPS):
                self.state.owned.append(
                    (self.segment.offset + head.idx, head.lemma_.lower(), self.mention_of(root))
                )


class References(Mentions):
    """What a token stands for: (mention, inference steps), or None when unclear."""

    def refs(self, token: Token | None) -> list[tuple[int, int]]:
        """(mention, inference steps) for a token and the tokens coordinated with it."""
        if token is None:
            return []
        found: list[tuple[int, int]] = []
        for item in (token, *token.conjuncts):
            for candidate in self.refs_of_one(item):
                if candidate[0] not in {index for index, _ in found}:
                    found.append(candidate)
        return found

    def refs_of_one(self, item: Token) -> list[tuple[int, int]]:
        """What one token stands for: a counted phrase's actors ('the two men', none
        when unclear), 'they' after a list, else a group's members ('a delegation led
        by A') with what the group or the word itself stands for
        (`kg.extract.groups`)."""
        counted = counted_refs(self, item)
        if counted is not None:
            return counted
        group = pronoun_group_refs(self, item)
        if group:
            return group
        bodies = self.plural_title_bodies(item)
        if bodies:
            return bodies
        found = member_refs(self, item)
        refs = self.group_refs(item) if self.is_collective(item) else []
        ref = self.ref(item)
        taken = {index for index, _ in found}
        return found + [c for c in refs or ([ref] if ref is not None else []) if c[0] not in taken]

    def plural_title_bodies(self, token: Token) -> list[tuple[int, int]]:
        """'the presidents of Sri Lanka and Indonesia', 'the foreign ministers of France
        and Italy': a plural title of several bodies stands for each of them."""
        if token.tag_ != "NNS" or token.lemma_.lower() not in self.gaz.title_heads:
            return []
        if self.mention_of(token) >= 0 or self.stands_for_nobody(token):
            return []
        found = [(index, 1) for index in self.bodies_after(token, {"of"})]
        return found if len(found) > 1 else []

    def is_collective(self, token: Token) -> bool:
        return self.mention_of(token) < 0 and (
            self.lexicon.get(token.lower_) == "collective"
            or self.lexicon.get(token.lemma_) == "collective"
        )

    def group_refs(self, token: Token) -> list[tuple[int, int]]:
        """All bodies a group is drawn from: 'negotiators from the EU and Mercosur',
        'Chinese and European officials'."""
        found = []
        for child in _modifiers(token):
            for item in (child, *child.conjuncts):
                body = self.body_of(item)
                if body is not None:
                    found.append((body, 1))
        for item in objects_of(token, {"from", "of"}):
            body = self.body_of(item)
            if body is not None:
                found.append((body, 1))
            elif self.mention_of(item) < 0:  # "representatives from both clubs"
                found += counted_refs(self, item) or []
        return found

    def ref(self, token: Token) -> tuple[int, int] | None:
        index = self.mention_of(token)
        if index >= 0:
            mention = self.mentions[index]
            if mention.demonym and any(
                c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children
            ):
                return None  # "a Canadian and a Turkish company": a firm, not Canada
            if mention.cls not in {"Person", "Country", "Topic", "Policy"} and not mention.key:
                # "Dubois pressed ...": a surname the model took for a place or a firm
                person = self.short_names.get(mention.text.casefold())
                if person is not None:
                    return person, 0
            return index, 0
        if token.pos_ == "PROPN" and token.is_title:
            person = self.short_names.get(token.lower_)
            if person is not None:
                return person, 0
        lower = token.lower_
        if token.pos_ == "PRON":
            return self.pronoun(token)
        for child in token.children:
            # "Japan's Minister for ..., Ryosei Akazawa,": the apposition names the role
            if child.dep_ == "appos":
                index = self.mention_of(child)
                if index >= 0 and self.mentions[index].cls == "Person":
                    return index, 0
        if lower in self.gaz.title_heads:
            found = self.role(token)
            if found is not None:
                return found  # else "Frank Hale MP": the name before the title, below
        if token.lemma_.lower() in DESCRIPTORS and _determined_only(token):
            return self.described(token)
        if (
            self.lexicon.get(lower) == "collective"
            or self.lexicon.get(token.lemma_) == "collective"
        ):
            return self.collective(token)
        if token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            # "the U.S. Treasury Secretary X", "the French cognac maker Hennessy": the
            # name sits on a compound or apposition of the noun that describes it
            for child in token.children:
                index = self.mention_of(child)
                if (
                    child.dep_ in {"compound", "appos"}
                    and index >= 0
                    and self.is_actor(index)
                    and (self.mentions[index].cls == "Person" or child.dep_ == "appos")
                ):
                    return index, 0
        return None

    def pronoun(self, token: Token) -> tuple[int, int] | None:
        lower = token.lower_
        sent = self.segment.sent_of(token.i)
        if lower in PRONOUNS_SPEAKER:
            speaker = self.state.quoted.get(sent)
            if speaker is None and self.in_quote(token):
                speaker = self.quote_speaker(token)
            return (speaker, 1) if speaker is not None else None
        if lower in {"it", "they"}:
            return self.body_pronoun(token)
        if lower not in PRONOUNS_PERSON:
            return None
        gender = pronoun_gender(lower)

        def fits(index: int) -> bool:
            # "she" never stands for a man, nor "he" for a woman
            found = self.person_gender(index)
            return gender is None or found is None or found == gender

        # "Trump indicated he would ...": the subject of the clause above
        head = token.head
        while head.head is not head and head.dep_ in {"ccomp", "xcomp", "advcl", "conj"}:
            head = head.head
            for child in head.children:
                if child.dep_ in SUBJECT_DEPS and child.i < token.i:
                    index = self.mention_of(child)
                    if index >= 0 and self.mentions[index].cls == "Person" and fits(index):
                        return index, 1
        # the same pronoun as a subject before it in its sentence is the same person:
        # "While saying he admired Mr Blair's leadership, he criticised ..."; else the
        # one person named in this sentence before it (not one named after that
        # pronoun: not Mr Blair), or in the last one
        offset = self.segment.offset
        same = [
            t
            for t in token.sent
            if t.i < token.i and t.lower_ == token.lower_ and t.dep_ in SUBJECT_DEPS
        ]
        if same and token.dep_ in SUBJECT_DEPS:
            found = self.pronoun(same[0])
            if found is not None:
                return found
        earlier = [offset + t.idx for t in same]
        persons = [
            m
            for m in self.state.persons_by_sentence.get(sent, [])
            if self.mentions[m].start < offset + token.idx
            and fits(m)
            and not any(at < self.mentions[m].start for at in earlier)
        ]
        if len(set(persons)) == 1:
            return persons[0], 1
        if persons:
            return None
        previous = [m for m in self.state.persons_by_sentence.get(sent - 1, []) if fits(m)]
        if len(set(previous)) == 1:
            return previous[0], 2
        # several: the one who was the subject of the sentence before
        subjects = {m for m in previous if m in self.state.subjects}
        if len(subjects) == 1:
            return subjects.pop(), 2
        if not previous:
            return self.previous_role_subject(token, fits)
        return self.previous_pronoun_subject(token)

    def previous_pronoun_subject(self, token: Token) -> tuple[int, int] | None:
        """'He wrote: "... Blair rather than Howard should ..." He criticised ...': the
        sentence before names several persons but its subject is this same pronoun, so
        the pronoun, the subject of its own sentence, is whom that one is."""
        start = token.sent.start
        if start == 0 or token.dep_ not in SUBJECT_DEPS or token.head.dep_ != "ROOT":
            return None  # "The Tory leader ..., arguing that he": the leader
        previous = token.doc[start - 1].sent
        subject = next((c for c in previous.root.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.lower_ != token.lower_:
            return None
        found = self.pronoun(subject)
        return (found[0], found[1] + 1) if found is not None else None

    def previous_role_subject(
        self, token: Token, fits: Callable[[int], bool]
    ) -> tuple[int, int] | None:
        """'The prime minister chaired a meeting. He also spoke to ...': a sentence that
        names no person, whose subject is a post held by one person the text named."""
        start = token.sent.start
        if start == 0:
            return None
        previous = self.doc[start - 1].sent
        for item in previous:
            if (
                item.dep_ == "nsubj"
                and item.head.dep_ == "ROOT"
                and item.lower_ in self.gaz.title_heads
                # "the Labour MP for Birkenhead" is not every MP the text named
                and not any(c.dep_ == "prep" or self.mention_of(c) >= 0 for c in item.children)
            ):
                found = self.role(item)
                if found is not None and self.mentions[found[0]].cls == "Person" and fits(found[0]):
                    return found[0], 2
        return None

    def person_gender(self, index: int) -> str | None:
        """The gender a person mention's title or given name tells, or that of the
        one full name in the document its surname stands for."""
        mention = self.mentions[index]
        title = title_before(self.ex.document.text, mention.start)
        name = parse_name(mention.text, title)
        if name.gender is None and not title and len(mention.text.split()) == 1:
            full = self.short_names.get(mention.text.casefold())
            if full is not None and full != index:
                return parse_name(self.mentions[full].text).gender
        return name.gender

    def body_pronoun(self, token: Token) -> tuple[int, int] | None:
        """'The White House said it would impose ...': 'it' (or 'they') in a clause
        reported by a country or body is that speaker; 'the bank is involved because
        it is being sued': the body that is the subject of the clause it hangs from;
        else the body the sentence before was about (`previous_body`)."""
        head = token.head
        while head.head is not head and head.dep_ in {"ccomp", "xcomp", "advcl", "conj"}:
            link = head.dep_
            head = head.head
            if head.lemma_ not in speech_lemmas() and link not in BODY_LINKS:
                continue
            for child in head.children:
                if child.dep_ in PRONOUN_ANTECEDENT_DEPS and child.i < token.i:
                    index = self.mention_of(child)
                    if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES:
                        return index, 1
                    if child.lower_ in {"it", "they"}:
                        return self.previous_body(child)
        return self.previous_body(token)

    def previous_body(self, token: Token) -> tuple[int, int] | None:
        """'WMC made a profit. It is fighting the offer': a pronoun that is the subject
        of its sentence, with no actor named before it there, is the body that was the
        subject of the sentence before."""
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.head.dep_ != "ROOT":
            return None
        if token.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in token.head.children):
            return None  # "it is thought that ...": nobody
        start = self.segment.offset + token.idx
        sent = self.segment.sent_of(token.i)
        if any(
            self.mentions[i].sent == sent and self.mentions[i].start < start and self.is_actor(i)
            for i in self.spans
        ):
            return None
        body = self.state.bodies.get(sent - 1)
        return (body, 2) if body is not None else None

    def role(self, token: Token) -> tuple[int, int] | None:
        """'the chief negotiator', 'the Chief Trade Negotiator from Japan'."""
        title = self.title(token)
        matches = {person for held, person in self.state.posts if self.holds(held, title)}
        bodies = [
            index
            for child in _modifiers(token, {"amod", "compound", "poss", "nmod"})
            if (index := self.body_of(child)) is not None
        ]
        if bodies:  # "a Labour spokesman" is no spokesman of another party
            matches = {person for person in matches if self.may_serve(person, bodies)}
        if len(matches) == 1:
            return matches.pop(), 1
        if matches:
            return None
        if not bodies:
            named = self.named_before(token)
            if named is not None:
                return named
        if self.stands_for_nobody(token):
            return None
        # a role qualified by a country or body stands for it
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "of", "for"}:
                for grand in child.children:
                    index = self.mention_of(grand)
                    if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES:
                        return index, 1
            if child.dep_ in {"poss", "amod", "compound"}:
                index = self.mention_of(child)
                if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES:
                    return index, 1
        return None

    def remember_titled(self) -> None:
        """The holder of a title that opens a sentence as its subject ('The prime
        minister was speaking ...'), known from then on even where no rule needs it
        there (`named_before`)."""
        for sent in self.doc.sents:
            for token in sent:
                if token.dep_ == "nsubj" and token.head.dep_ == "ROOT":
                    if token.lower_ in self.gaz.title_heads:
                        self.role(token)
                    break

    def named_before(self, token: Token) -> tuple[int, int] | None:
        """'Tony Blair has predicted ... / The prime minister was speaking ...': the
        title that opens a sentence as its subject, held by no one the text named, is
        the one person who was the subject of the sentence before, when the story
        opened with them, no post of theirs is known and the sentence does not name
        them again; they hold it for the rest of the story."""
        if token.dep_ != "nsubj" or token.head.dep_ != "ROOT" or token.tag_ != "NN":
            return None
        first = token.left_edge
        if first.i != token.sent.start or first.lower_ != "the" or list(token.rights):
            return None  # "the Labour MP for Birkenhead", "a minister", "..., the minister"
        if any(
            c.dep_ not in {"det", "amod", "compound"} or self.mention_of(c) >= 0
            for c in token.children
        ):
            return None
        sent = self.sent_index(token)
        persons = {
            alias if (alias := self.mentions[m].alias_of) is not None else m
            for m in self.state.persons_by_sentence.get(sent - 1, [])
            if m in self.state.subjects
        }
        if len(persons) != 1:
            return None
        person = persons.pop()
        named = [m for i, m in enumerate(self.mentions) if same_actor(self.mentions, i, person)]
        if min(m.sent for m in named) > 1:
            return None  # only the one the story opens with: "Mr Cable said ... The chancellor"
        text = self.ex.document.text
        before = [text[max(0, m.start - 40) : m.start].split()[-1:] for m in named]
        if any(
            word and (word[0].lower() in self.gaz.title_heads or word[0].lower() == "leader")
            for word in before
        ):
            return None  # "Tory leader Michael Howard ... The prime minister": not him
        if any(
            same_actor(self.mentions, person, self.mention_of(t))
            for t in token.sent
            if self.mention_of(t) >= 0
        ):
            return None  # "The former finance officer said Mr Ebbers knew": another
        if any(same_actor(self.mentions, person, held) for _, held in self.state.posts) or any(
            same_actor(self.mentions, person, post.person) for post in self.ex.posts
        ):
            return None  # a post of theirs is known: "the chancellor" is someone else
        self.state.posts.append((self.title(token), person))
        return person, 2

    def title(self, token: Token) -> str:
        """The title a role noun spells with its words before it, names left out:
        'prime minister' in 'the UK prime minister'."""
        words = [
            child.lower_
            for child in token.lefts
            if child.dep_ in {"compound", "amod"} and self.mention_of(child) < 0
        ]
        return " ".join([*words, token.lower_])

    def stands_for_nobody(self, token: Token) -> bool:
        """A person named by trade ('a US banker') or by a post no longer held ('a
        former IMF director') is no country or body named with them."""
        return self.lexicon.get(token.lemma_.lower()) == "private" or any(
            self.lexicon.get(child.lower_.rstrip("-")) == "past-office"
            for child in token.children
            if child.dep_ in {"amod", "compound", "advmod"}
        )

    def may_serve(self, person: int, bodies: list[int]) -> bool:
        """Whether none of the person's posts is known to be in a body other than
        ``bodies``."""
        known = [p.post_in for p in self.ex.posts if p.person == person and p.post_in is not None]
        return not known or any(
            same_actor(self.mentions, held, body) for held in known for body in bodies
        )

    def holds(self, held: str, title: str) -> bool:
        """Whether a post held ('chief trade negotiator') is the one a title names ('the
        negotiator'); a word before it that makes another post ('deputy prime minister',
        lexicon.tsv) keeps 'the prime minister' from its holder."""
        if held == title:
            return True
        if not held.endswith(f" {title}"):
            return False
        before = held[: -len(title)].split()
        return not any(self.lexicon.get(word.rstrip("-")) == "lesser-office" for word in before)

    def described(self, token: Token) -> tuple[int, int] | None:
        """'the company', 'the firm', 'the union': the nearest body of that kind the
        document named before."""
        cls = DESCRIPTORS[token.lemma_.lower()]
        kinds = {cls, "Organization"} if cls == "Company" else {cls}
        start = self.segment.offset + token.idx
        candidates = [
            index
            for index, mention in enumerate(self.mentions)
            if mention.start < start and mention.cls in kinds and mention.alias_of is None
        ]
        if not candidates:
            return None
        # one body of that kind named before it in its own sentence: "a partner in
        # Falic Group said the firm had held talks"
        sent = self.segment.sent_of(token.i)
        here = [i for i in candidates if self.mentions[i].sent == sent]
        if len({self.mentions[i].text for i in here}) == 1:
            return here[-1], 1
        # of the bodies of the last three sentences that name one, the one the
        # document names most; then one of the latest sentence, the first there:
        # "Oracle bought Peoplesoft. The firm said ..." is Oracle
        latest = self.mentions[candidates[-1]].sent
        named = Counter(self.mentions[i].text for i in candidates)
        recent = [i for i in candidates if self.mentions[i].sent >= latest - 2]
        best = max(
            recent,
            key=lambda i: (named[self.mentions[i].text], self.mentions[i].sent == latest, -i),
        )
        return best, 1

    def collective(self, token: Token) -> tuple[int, int] | None:
        """'Japanese officials', 'the US side', 'Tokyo's negotiators'; 'the
        government' alone is the government of the article's country."""
        for child in _modifiers(token, {"amod", "compound", "poss", "nmod"}):
            body = self.body_of(child)
            if body is not None:
                return body, 1
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "of"}:
                for grand in child.children:
                    index = self.mention_of(grand)
                    if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES:
                        return index, 1
                    if index < 0 and self._is_collective_word(grand):
                        # "a delegation of Kenyan diplomats", "leaders of Peru's government"
                        found = self.collective(grand)
                        if found is not None:
                            return found[0], found[1] + 1
        # "the government" or "the government's plans", nothing else before it but a
        # word of when ("the next government")
        words = [
            c.lower_ for c in token.children if c.dep_ != "case" and c.lower_ not in CURRENT_WORDS
        ]
        government = token.lemma_.lower() in GOVERNMENT_WORDS and words == ["the"]
        if government or (token.lower_ in BARE_GOVERNMENT_WORDS and not words):
            home = self.home_country()  # "ministers had failed to act": the government
            if home is not None:
                return home, 2
        return None

    def _is_collective_word(self, token: Token) -> bool:
        return "collective" in {self.lexicon.get(token.lower_), self.lexicon.get(token.lemma_)}


class Arguments(References):
    """A trigger's arguments: subjects, the named paths of relations.jsonl, topics."""

    def subject(self, verb: Token) -> Token | None:
        """The verb's subject, or that of the verb controlling it."""
        current = verb
        for _ in range(6):
            agents = [
                grand
                for child in current.children
                if child.dep_ == "agent"
                for grand in child.children
                if grand.dep_ == "pobj"
            ]
            if agents and (
                _reduced_passive(current)
                or any(child.dep_ in {"nsubjpass", "auxpass"} for child in current.children)
            ):
                return agents[0]  # "X was (expected to be) questioned by Y", "X, fined by Y": Y
            if _reduced_passive(current):
                return None  # "the men detained on Monday": by whom, the clause does not say
            for child in current.children:
                if child.dep_ in SUBJECT_DEPS:
                    if child.lower_ in {"who", "which", "that"} and current.dep_ == "relcl":
                        return self.described_by(current.head)
                    return child
            if current.dep_ == "relcl":
                return self.described_by(current.head)
            if current.dep_ == "pcomp" and current.head.dep_ == "prep":
                current = current.head.head
                continue
            if current.dep_ == "xcomp" and current.head is not current:
                objects = [c for c in current.head.children if c.dep_ in {"dobj", "dative"}]
                if objects and current.head.lemma_ in OBJECT_CONTROL:
                    return objects[0]
                # "the LSE is expected to hold talks": the passive's subject holds them
                passive = [
                    c
                    for c in current.head.children
                    if c.dep_ == "nsubjpass" and c.lower_ not in {"who", "which", "that"}
                ]  # "X, who was supposed to lead": the clause's head, further up
                if passive and not any(c.dep_ == "agent" for c in current.head.children):
                    return passive[0]
            if current.dep_ in CONTROL_DEPS and current.head is not current:
                current = current.head
                continue
            if current.dep_ == "acl" and current.head is not current:
                # "the White House decision to impose", "Iran's plan to enrich": the
                # owner of the noun the infinitive completes does it
                if to_infinitive(current):
                    owners = [c for c in current.head.children if c.dep_ in {"poss", "compound"}]
                    return owners[0] if owners else None
                return None
            break
        return None

    def described_by(self, noun: Token) -> Token:
        """The subject a noun that stands for nobody describes after a copula: 'X is
        the authority that approved it' (the relative clause's subject is X; not in
        'the shareholders are the French government, who ...'), else the noun."""
        if noun.dep_ == "attr" and noun.head.lemma_ in COPULAS and self.ref(noun) is None:
            subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in {"it", "this", "that", "there"}:
                return subject
        return noun

    def own_subject(self, verb: Token) -> Token | None:
        """The verb's own subject, or that of the verb it is coordinated with."""
        own = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if own is None and verb.dep_ == "conj":
            own = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
        return own

    def verb_above(self, token: Token) -> Token | None:
        """The nearest verb a noun hangs from (through prepositions and objects)."""
        current = token
        for _ in range(6):
            head = current.head
            if head is current:
                return None
            if current.dep_ in SUBJECT_DEPS or current.dep_ == "nsubjpass":
                return None
            if head.pos_ in {"VERB", "AUX"}:
                return head
            current = head
        return None

    def actor(self, trigger: Token) -> Token | None:
        """Who does what a noun names: the subject of the verb it hangs from, unless
        that verb only judges or acts upon it ('blocked the deal with Iran') or the
        noun is what the verb is about ('warned X about their attacks')."""
        if trigger.dep_ == "pobj" and trigger.head.lower_ in TOPIC_PREPOSITIONS:
            return None  # "warned X about their attacks": a topic, not one's own act
        verb = self.verb_above(trigger)
        if verb is None or verb.lemma_.lower() in lexicon_words("stance"):
            return None
        return self.subject(verb)

    def path(self, trigger: Token, name: str) -> list[Token]:
        """Tokens reached from the trigger by one named path of relations.jsonl."""
        if "/" in name:
            first, rest = name.split("/", 1)
            return [found for step in self.path(trigger, first) for found in self.path(step, rest)]
        if name == "subject":
            subject = self.subject(trigger)
            return [subject] if subject is not None else []
        if name == "actor":
            actor = self.actor(trigger)
            return [actor] if actor is not None else []
        if name == "participle-head":  # "the firms fined by the EU", "X, criticised by Y,"
            return [trigger.head] if _reduced_passive(trigger) else []
        if (
            name == "nsubjpass"
            and trigger.dep_ == "xcomp"
            and any(c.dep_ == "auxpass" for c in trigger.children)
            and not any(c.dep_ == "nsubjpass" for c in trigger.children)
        ):
            # "X is expected to be questioned by Y": the passive infinitive's subject is
            # that of the verb it completes
            return [c for c in trigger.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if name == "agent":
            return [
                grand
                for child in trigger.children
                if child.dep_ == "agent"
                for grand in child.children
                if grand.dep_ == "pobj"
            ]
        if name == "modifiers":
            return [
                c
                for c in trigger.lefts
                if c.dep_ in {"compound", "amod", "nmod", "poss"}
                and self.class_of(c) in {"Country", "Person"}
            ]
        if name == "owner":  # whose the thing is: "the Paris Club offer", "Xstrata's bid"
            if self.stands_for_nobody(trigger):
                return []  # "a US banker", "a former IMF director"
            return [
                child
                for child in trigger.children
                if child.dep_ == "poss"  # "the UK government's response": refs resolve it
                or (
                    self.mention_of(child) >= 0
                    and (
                        child.dep_ in {"compound", "nmod"}
                        or (child.dep_ == "amod" and self.mentions[self.mention_of(child)].demonym)
                    )
                )
            ]  # "the French proposal"
        if name == "doer":  # "X heaped praise on Y", "X is a partner with Y": X
            light = trigger.head
            if trigger.dep_ in {"dobj", "attr"} and self.lexicon.get(light.lemma_) == "light":
                subject = self.subject(light)
                return [subject] if subject is not None else []
            return []
        if name == "market":  # "meet the growing demand for cars": the market's demand
            market = [c for c in trigger.lefts if c.dep_ in {"amod", "compound"}]
            if trigger.dep_ in {"dobj", "nsubj", "nsubjpass"}:
                market.append(trigger.head)
            return [t for t in market if self.lexicon.get(t.lemma_.lower()) == "market"]
        if name == "governor":  # the verb a noun hangs from: "imposed sanctions on X"
            verb = self.verb_above(trigger)
            return [verb] if verb is not None else []
        if name == "copula-subject":  # "X's article was a warning shot to Y": the article
            head = trigger.head  # "X's plans are reckless": the plans
            if trigger.dep_ in {"attr", "acomp"} and head.lemma_ in COPULAS:
                return [c for c in head.children if c.dep_ in SUBJECT_DEPS]
            return []
        if name == "appos-head":  # "called the plan 'a shambles'": the plan
            return [trigger.head] if trigger.dep_ == "appos" else []
        if name == "modified":  # "a reckless move": the move
            return [trigger.head] if trigger.dep_ == "amod" else []
        if name == "purpose-of":  # "visited the SEC to press for change": visited
            meets = trigger.dep_ == "advcl" and _meeting_verb(trigger.head)
            return [trigger.head] if to_infinitive(trigger) and meets else []
        if name == "acl-head":
            return [trigger.head] if trigger.dep_ == "acl" else []
        if name == "for-subject":  # "called for Blair to resign": Blair
            clauses = for_clauses(trigger)
            return [c for clause in clauses for c in clause.children if c.dep_ == "nsubj"]
        if name == "passive-from":  # "X was expelled from the party": the party did it
            children = [c.dep_ for c in trigger.children]
            passive = "nsubjpass" in children or _reduced_passive(trigger)
            if not passive or "agent" in children:
                return []
            return list(objects_of(trigger, {"from"}))
        if name == "place-in":  # "will visit Aceh in Indonesia": the country it is in
            if not any(c.dep_ == "dobj" and self.class_of(c) == "Place" for c in trigger.children):
                return []
            return [t for t in objects_of(trigger, {"in"}) if self.class_of(t) == "Country"]
        if name == "attendees":  # "told the chancellor at a dinner hosted by X": both
            if trigger.dep_ != "acl" or not _meeting_noun(trigger.head):
                return []
            verb = self.verb_above(trigger.head)
            if verb is None:
                return []
            subject = self.subject(verb)
            objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
            objects += objects_of(verb, {"to", "with"})  # "spoke to X at a dinner"
            return [t for t in (subject, *objects) if t is not None]
        if name == "clause-subject":
            # "Washington wants Kenya to lower ...", parsed with Kenya as the clause's
            # subject; not the subject of a state: "urged that the men should receive
            # help" asks others to act for them
            return [
                grand
                for child in trigger.children
                if child.dep_ in {"ccomp", "xcomp"}
                and child.lemma_.lower() not in lexicon_words("stative")
                for grand in child.children
                if grand.dep_ == "nsubj"
            ]
        if name == "role-of":  # "the leaders of X", "the government of X": X acts
            word = trigger.lemma_.lower()
            index = self.mention_of(trigger)
            if not (
                (index >= 0 and self.mentions[index].cls == "Person")  # "William Corr of X"
                or word in self.gaz.title_heads
                or word in GOVERNMENT_WORDS
                or {"collective", "group"} & roles(trigger)
            ):
                return []  # "the parents of X", "the makers of Y" are not X or Y
            return list(objects_of(trigger, {"of"}))
        if name.startswith("prep:"):
            word = name[5:]
            found = [
                grand
                for child in trigger.children
                if child.dep_ in {"prep", "agent", "dative"} and child.lower_ == word
                for grand in child.children
                if grand.dep_ in {"pobj", "pcomp"}
            ]
            return found + _loose_conjuncts(trigger, found)
        if name.startswith("advcl:"):
            lemma = name[6:]
            return [
                grand
                for child in trigger.children
                if child.dep_ in {"advcl", "xcomp"} and child.lemma_ == lemma
                for grand in child.children
                if grand.dep_ == "dobj"
            ]
        found = [child for child in trigger.children if child.dep_ == name]
        return found + _loose_conjuncts(trigger, found) if name == "dobj" else found

    def path_refs(self, trigger: Token, names: Iterable[str]) -> list[tuple[int, int]]:
        found: dict[int, int] = {}
        for name in names:
            if name.endswith("earlier-owner"):
                # "declined the offer": whose offer an earlier sentence said
                first = name.removesuffix("earlier-owner").rstrip("/")
                for token in self.path(trigger, first) if first else [trigger]:
                    ref = self.earlier_owner(token)
                    if ref is not None:
                        found.setdefault(*ref)
                continue
            for token in self.path(trigger, name):
                for index, steps in self.refs(token):
                    found.setdefault(index, steps)
        return list(found.items())

    def actor_refs(self, token: Token, paths: Iterable[str]) -> list[tuple[int, int]]:
        """The actors (mention, inference steps) the paths reach from the token: no
        topic, and no place the model only guessed was one."""
        return [ref for ref in self.path_refs(token, paths) if self.is_event_actor(ref[0])]

    def earlier_owner(self, token: Token) -> tuple[int, int] | None:
        """'Thailand declined the offer' after 'the Paris Club offer': the owner the text
        last gave a noun of the same word, when this one is 'the' noun with no owner of
        its own."""
        if token.pos_ != "NOUN" or not _determined_only(token):
            return None
        if any(c.dep_ == "prep" and c.lower_ in {"by", "from", "of"} for c in token.children):
            return None
        start, lemma = self.segment.offset + token.idx, token.lemma_.lower()
        earlier = [owner for at, word, owner in self.state.owned if word == lemma and at < start]
        return (earlier[-1], 2) if earlier else None

    def things_in(self, tokens: Iterable[Token]) -> list[int]:
        """Topic and policy mentions anywhere below the given tokens."""
        found: list[int] = []
        for token in tokens:
            for item in token.subtree:
                index = self.mention_of(item)
                if index >= 0 and self.mentions[index].cls in ABOUT_CLASSES and index not in found:
                    found.append(index)
        return found

    def about(self, trigger: Token, names: Iterable[str]) -> list[int]:
        """What an event is about: the topics and policies its paths reach, or that
        modify it ("tariff talks"); failing those, the policy its sentence names, or for
        "the talks" the one the sentence before names."""
        tokens = [token for name in names for token in self.path(trigger, name)]
        tokens += [c for c in trigger.lefts if c.dep_ in {"compound", "amod", "nmod"}]
        if trigger.dep_ in {"nsubj", "nsubjpass"}:  # "talks stalled over fishing rights"
            tokens += [
                grand
                for child in trigger.head.children
                if child.dep_ == "prep" and child.lower_ in {"over", "on", "about"}
                for grand in child.children
            ]
        found = self.things_in(tokens)
        if found:
            return found
        sent = self.sent_index(trigger)
        definite = trigger.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in {"the", "these", "those", "such"}
            for c in trigger.children
        )
        for wanted in (sent, sent - 1) if definite else (sent,):
            policies = [
                index
                for index, mention in enumerate(self.mentions)
                if mention.sent == wanted and mention.cls == "Policy"
            ]
            if policies:
                return policies
        return []


class SentenceContext(Arguments):
    """The context a relation finder receives for one segment: references and
    arguments, the clause around a trigger, and the relation records it makes."""

    def modality(self, trigger: Token) -> tuple[str, float]:
        """(modality, confidence factor) of the clause around the trigger."""
        chain = [trigger]
        current = trigger
        asked = False
        for _ in range(6):
            if current.dep_ == "pobj" and current.head.head.pos_ == "NOUN":
                # "in a last attempt at a deal": the noun over it says how
                chain.append(current.head.head)
                current = current.head.head
            if current.pos_ in {"NOUN", "PROPN"}:
                verb = self.verb_above(current)
                if verb is None:
                    break
                current = verb
            elif current.dep_ in {"conj", "advcl"} and current.tag_ in FINITE_TAGS:
                break  # "would set out plans and attacked X", "could ..., while X criticised"
            elif current.dep_ in {"xcomp", "advcl", "ccomp", "pcomp", "conj"}:
                if current.dep_ == "xcomp" and self.lexicon.get(current.head.lemma_) == "request":
                    asked = True  # "urged Japan to negotiate": asked for, not done
                current = current.head
            elif current.dep_ == "acl" and current.head.pos_ == "NOUN":
                chain.append(current.head)  # "X's refusal to accept": the noun says how
                break
            else:
                break
            chain.append(current)
            if current.dep_ == "ccomp":
                break
        if (
            trigger.pos_ in {"NOUN", "PROPN"}
            and trigger.dep_ in {"nsubj", "nsubjpass"}
            and self.lexicon.get(trigger.head.lemma_) in {"negation", "denial"}
        ):
            return NEGATED, 1.0  # "talks between X and Y collapsed", "the visit was cancelled"
        modality, factor = (INTENT, 0.8) if asked else (ACT, 1.0)
        supposed = threatened = False
        for index, token in enumerate(chain):
            for child in token.children:
                role = self.lexicon.get(child.lower_)
                if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                    return NEGATED, 1.0
                if child.dep_ == "aux" and role == "intent":
                    modality = INTENT
                if child.dep_ == "aux" and role == "deontic":
                    modality, factor = INTENT, 0.8  # "must impose": asked for, not done
                if child.dep_ == "aux" and role == "speculation":
                    supposed, factor = True, 0.8  # "may impose": only guessed
                if child.dep_ == "mark" and role == "condition":
                    supposed = True  # "if Japan imposed tariffs"
                if child.dep_ == "amod" and role == "intent":
                    modality = INTENT
            if index > 0 or token.pos_ == "VERB":
                role = self.lexicon.get(token.lemma_)
                if role == "refusal":
                    return REFUSAL, 1.0
                if role in {"negation", "denial"} and index > 0:
                    return NEGATED, 1.0
                if role == "intent" and index > 0:
                    modality = INTENT
                if role == "threat" and index > 0:
                    threatened = True  # "threatened to impose sanctions"
        if threatened:
            return THREAT, factor
        if supposed:
            return HYPOTHETICAL, factor
        return modality, factor

    def sporting(self, trigger: Token) -> bool:
        """A word of meeting in a sentence that names a sports contest: "will meet
        O'Driscoll in Saturday's match", "a second-round clash with Agassi"."""
        if "encounter" not in roles(trigger):
            return False
        return any(
            t.pos_ in {"NOUN", "PROPN"}
            and "contest" in roles(t)
            and not (t.lemma_.lower() == "round" and any(c.lower_ == "of" for c in t.children))
            for t in trigger.sent
        )

    def speaker_of_clause(self, token: Token) -> int | None:
        """The speaker when the token sits in a reported clause or a direct quote."""
        sent = self.segment.sent_of(token.i)
        if sent in self.state.quoted:
            return self.state.quoted[sent]
        current = token
        for _ in range(10):
            if current.dep_ == "ccomp" and current.head.lemma_ in self.speech_lemmas:
                verb = current.head
                subject = self.subject(verb)
                if subject is not None:
                    ref = self.ref(subject)
                    if ref is not None:
                        return ref[0]
                return None
            if current.head is current:
                return None
            current = current.head
        return None

    @property
    def speech_lemmas(self) -> frozenset[str]:
        return speech_lemmas()

    def date_near(self, trigger: Token, modality: str) -> str | None:
        """The date the sentence gives the event, resolved against the article's date."""
        sent = trigger.sent
        published = self.ex.document.published
        for ent in sent.ents:
            if ent.label_ == "DATE":
                value = normalize_date(ent.text, published, future=modality == INTENT)
                if value is not None:
                    return value
        return None

    def location_near(self, trigger: Token) -> int | None:
        """A place in an 'in' or 'at' phrase of the trigger or the verbs above it."""
        tokens = [trigger]
        verb = self.verb_above(trigger) if trigger.pos_ != "VERB" else trigger
        while verb is not None and len(tokens) < 5:
            tokens.append(verb)
            verb = verb.head if verb.dep_ in CONTROL_DEPS and verb.head is not verb else None
        for token in tokens:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in {"in", "at"}:
                    for grand in child.children:
                        index = self.mention_of(grand)
                        if index >= 0 and self.mentions[index].cls == "Place":
                            return index
        return None

    def typed_event(
        self,
        token: Token,
        *,
        kind: str,
        pattern: str,
        sources: list[int],
        targets: list[int],
        confidence: float,
        modality: str = ACT,
        said_by: int | None = None,
        mode: str | None = None,
        about: list[int] | None = None,
    ) -> Event:
        """An event of a PLOVER category whose trigger is the token: its sentence,
        date, place and offsets are the token's."""
        start = self.segment.offset + token.idx
        return Event(
            parties=[*sources, *targets],
            sent=self.sent_index(token),
            pattern=pattern,
            trigger=token.lemma_.lower(),
            confidence=confidence,
            modality=modality,
            date=self.date_near(token, modality),
            location=self.location_near(token),
            said_by=said_by,
            kind=kind,
            sources=sources,
            targets=targets,
            mode=mode,
            about=about or [],
            char_start=start,
            char_end=start + len(token),
        )

    def add_relation(
        self,
        predicate: str,
        subject: int,
        obj: int,
        trigger: Token,
        rule: Rule,
        *,
        steps: int = 0,
        modality: str = ACT,
        factor: float = 1.0,
        demanded_of: int | None = None,
        date: str | None = None,
    ) -> None:
        if subject == obj:
            return
        key = (predicate, subject, obj, self.sent_index(trigger))
        if key in self.seen:
            return
        self.seen.add(key)
        confidence = round(max(0.1, rule.confidence * factor - 0.1 * steps), 2)
        self.ex.relations.append(
            Relation(
                predicate=predicate,
                subject=subject,
                object=obj,
                sent=self.sent_index(trigger),
                pattern=rule.id,
                confidence=confidence,
                modality=modality,
                demanded_of=demanded_of,
                said_by=self.speaker_of_clause(trigger),
                date=date,
            )
        )


def _modifiers(
    token: Token, deps: frozenset[str] | set[str] = frozenset({"amod", "compound", "nmod"})
) -> Iterator[Token]:
    """A noun's modifiers, and the names compounded onto them: 'G8' in 'G8 finance
    ministers', 'EU' in 'EU trade negotiators'."""
    for child in token.children:
        if child.dep_ in deps:
            yield child
            yield from (grand for grand in child.lefts if grand.dep_ in {"compound", "nmod"})


def _reduced_passive(verb: Token) -> bool:
    """A past participle that modifies the noun it was done to: 'the firms fined by the
    EU', 'Tom Baker, criticised by the FBI,', 'the diplomats expelled from Russia'."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN":
        return False  # not "demands that the plans be dropped": a clause of its own
    return not any(c.dep_ in {"nsubj", "nsubjpass", "auxpass", "aux"} for c in verb.children)


def _loose_conjuncts(verb: Token, found: list[Token]) -> list[Token]:
    """Nouns the parser hung on the verb that are coordinated with its last object:
    'spoke to X, and the presidents of Y and Z' (a noun 'conj' of the verb), 'will visit
    X, as well as Y' ('as well as' a 'cc' with an object of its own)."""
    if not found or verb.pos_ != "VERB":
        return []
    last = max(token.i for token in found)
    loose = []
    for child in verb.rights:
        if child.i <= last:
            continue
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN"}:
            loose.append(child)
        elif child.dep_ == "cc" and child.lower_ == "as":
            loose += [grand for grand in child.children if grand.dep_ == "pobj"]
    return loose


#: Nouns of a gathering someone hosts that the trigger lexicon does not read as a
#: meeting of their own.
GATHERINGS = frozenset({"dinner", "lunch", "luncheon", "breakfast", "reception", "banquet"})


def _meeting_noun(token: Token) -> bool:
    """A noun of a meeting or a gathering: 'a dinner', 'talks', 'a summit'."""
    lemma = token.lemma_.lower()
    triggers = load_triggers().get((lemma, "noun"), ())
    return lemma in GATHERINGS or any(t.plover == "CONSULT" for t in triggers)


def _meeting_verb(token: Token) -> bool:
    """A verb the trigger lexicon reads as a meeting or visit (CONSULT)."""
    triggers = load_triggers().get((token.lemma_.lower(), "verb"), ())
    return token.pos_ == "VERB" and any(t.plover == "CONSULT" for t in triggers)


def _determined_only(token: Token) -> bool:
    """'the company', 'the oil firm': the word with 'the' and lower-case modifiers only."""
    children = list(token.children)
    return any(c.lower_ == "the" and c.dep_ == "det" for c in children) and all(
        (c.dep_ == "det" and c.lower_ == "the") or (c.dep_ in {"amod", "compound"} and c.is_lower)
        for c in children
    )


class Finder:
    """A finder of one family of facts over a segment's `SentenceContext`, with the
    context's parts it reads most kept as its own fields (read in the hot loops)."""

    def __init__(self, work: SentenceContext) -> None:
        self.work = work
        self.doc = work.doc
        self.gaz = work.gaz
        self.segment = work.segment
        self.mentions = work.mentions
        self.spans = work.spans
        self.ex = work.ex
        self.state = work.state
        self.seen = work.seen
