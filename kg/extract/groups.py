"""Actors named by a plural or group phrase whose members the text names elsewhere.

- A pair phrase ("the pair", "the two men", "both countries", "the two sides")
  stands for the last two actors of its class the text named together ("Smith and
  Jones", "between Hearts and Hibs"), in its sentence before it or in the five
  before that; two persons may also be named apart in one sentence. The class comes
  from the noun's role in lexicon.tsv (`pair-person`, `pair-country`,
  `pair-company`, `pair-body`; `pair` for "the pair" itself). When that last list
  names more than two ("Macy's, Bloomingdale's and Marshall Field's"), or a name the
  model did not tag ("Smith and Tom Jones"), the phrase stands for nobody:
  precision first.
- A group (lexicon role `group`: "delegation", "team", "mission") stands for the
  members the phrase names ("a delegation led by A", "a team including B and C") or
  the next sentence names ("It was led by A, head of X, and included representatives
  of B and C"), through the verbs and prepositions of the `membership` role. The
  next sentence is read only when it opens with 'it' or 'they' and the group is the
  subject of its own sentence, or when it opens with the group's own noun ("The
  delegation was led by"); and only within the parsed window.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract.patterns import load_lexicon_roles, speech_lemmas
from kg.extract.records import POST_IN_CLASSES

if TYPE_CHECKING:
    from kg.extract.context import Mentions, References

__all__ = ["member_refs", "objects_of", "pair_refs", "remember_coordinations", "roles"]

PERSON = frozenset({"Person"})
#: Lexicon role of a pair noun -> the classes of the two actors it stands for.
PAIR_CLASSES = {
    "pair": PERSON,
    "pair-person": PERSON,
    "pair-country": frozenset({"Country"}),
    "pair-company": frozenset({"Company", "Organization", "MediaOrganization"}),
    "pair-body": POST_IN_CLASSES,
}
#: How many sentences before the pair phrase's own its antecedent may sit in.
PAIR_LOOKBACK = 5
#: How the names of a list hang from its first.
LIST_DEPS = frozenset({"conj", "appos"})
#: Where a member sits below a membership word: "led by A", "including B", "made up of C".
MEMBER_DEPS = frozenset({"dobj", "pobj"})


def roles(token: Token) -> frozenset[str]:
    """Every role lexicon.tsv gives the token's word or lemma."""
    table = load_lexicon_roles()
    return table.get(token.lower_, frozenset()) | table.get(token.lemma_.lower(), frozenset())


def remember_coordinations(work: Mentions) -> None:
    """Every coordination of the segment that names an actor and one more name, for a
    pair phrase after it: (offset of its last member, sentence, its members' mentions,
    -1 for a name that is no mention: "Smith and Jones" with Smith untagged)."""
    tops: set[int] = set()
    for index in sorted(work.spans):
        start, end = work.spans[index]
        top = work.doc[start:end].root
        while top.dep_ in LIST_DEPS and top.head is not top:
            top = top.head  # "Peter Smith, Tom Jones and Paul Brown": Jones in apposition
        if top.i in tops:
            continue
        tops.add(top.i)
        listed = _listed(top)
        members: list[int] = []
        for item in listed:
            found = work.mention_of(item)
            if found < 0 and item.pos_ != "PROPN":
                continue
            if found < 0 or found not in members:
                members.append(found)
        if len(members) >= 2 and any(m >= 0 and work.is_actor(m) for m in members):
            last = max(item.idx for item in listed)
            work.state.coordinations.append(
                (work.segment.offset + last, work.segment.sent_of(top.i), tuple(members))
            )


def _listed(top: Token) -> list[Token]:
    """A token and every token coordinated or in apposition with it, below it."""
    found = [top]
    for child in top.children:
        if child.dep_ in LIST_DEPS:
            found += _listed(child)
    return found


def pair_classes(work: Mentions, token: Token) -> frozenset[str] | None:
    """The classes a pair phrase's two actors belong to, or None when the token is
    no pair phrase: 'the pair', 'the duo'; 'the two men', 'both countries'."""
    if work.mention_of(token) >= 0 or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    found = roles(token)
    children = list(token.children)
    if "pair" in found:
        determined = any(c.dep_ == "det" and c.lower_ == "the" for c in children)
        of = any(c.dep_ == "prep" and c.lower_ == "of" for c in children)
        return PAIR_CLASSES["pair"] if determined and not of else None
    counted = any(
        c.dep_ in {"nummod", "det", "predet", "quantmod"} and "pair-count" in roles(c)
        for c in children
    )
    if not counted:
        return None
    for role in sorted(found):
        if role in PAIR_CLASSES:
            return PAIR_CLASSES[role]
    return None


def pair_refs(work: References, token: Token) -> list[tuple[int, int]] | None:
    """The two actors a pair phrase stands for ([] when unclear), or None when the
    token is no pair phrase. Walking back from the phrase, the nearest sentence that
    names two actors of the class or more decides: by its last coordination of them
    before the phrase when it has one (its own sentence only so), which must list
    those two and no other name; else, for persons only, by the names it holds,
    exactly two. Anything else is nobody. A sentence naming one of them alone is
    passed over ('Smith and Jones fell out. Smith said ...'); two bodies named apart
    in one sentence ('X uses Y's brand') are no pair."""
    classes = pair_classes(work, token)
    if classes is None:
        return None
    start = work.segment.offset + token.idx
    sent = work.segment.sent_of(token.i)
    coordinations: dict[int, list[tuple[int, ...]]] = {}
    for at, at_sent, listed in work.state.coordinations:
        if at < start and sent - PAIR_LOOKBACK <= at_sent:
            coordinations.setdefault(at_sent, []).append(listed)
    named: dict[int, dict[str, int]] = {}
    for index, mention in enumerate(work.mentions):
        if sent - PAIR_LOOKBACK <= mention.sent < sent and mention.cls in classes:
            actor = index if mention.alias_of is None else mention.alias_of
            named.setdefault(mention.sent, {}).setdefault(_identity(work, actor), actor)
    for at_sent in range(sent, sent - PAIR_LOOKBACK - 1, -1):
        for members in reversed(coordinations.get(at_sent, [])):
            fitting = [m for m in members if m >= 0 and work.mentions[m].cls in classes]
            if len(fitting) + members.count(-1) >= 2:
                return [(m, 2) for m in fitting] if len(fitting) == len(members) == 2 else []
        found = named.get(at_sent, {})
        if len(found) >= 2 and classes == PERSON:
            return [(m, 2) for m in found.values()] if len(found) == 2 else []
    return []


def _identity(work: References, index: int) -> str:
    """What tells two mentions of one actor apart from two actors at extraction time:
    the gazetteer key, else the full name a surname stands for, else the text."""
    mention = work.mentions[index]
    if mention.key:
        return mention.key
    if mention.cls == "Person" and len(mention.text.split()) == 1:
        full = work.short_names.get(mention.text.casefold())
        if full is not None:
            return work.mentions[full].text.casefold()
    return mention.text.casefold()


def member_refs(work: References, token: Token) -> list[tuple[int, int]]:
    """The actors a group's members are, in its own phrase or the next sentence."""
    if work.mention_of(token) >= 0 or "group" not in roles(token):
        return []
    found: list[tuple[int, int]] = []
    for member in _members_below(token):
        _add_member(work, member, 1, found)
    following = _next_sentence_subject(token)
    if following is not None:
        for verb in _clause_verbs(following.head):
            for member in _members_of_verb(verb):
                _add_member(work, member, 2, found)
    return found


def _is_membership(token: Token) -> bool:
    return "membership" in roles(token)


def _members_of_verb(verb: Token) -> list[Token]:
    """'led by A', 'included B', 'consisting of C': the tokens naming members."""
    if not _is_membership(verb):
        return []
    found = []
    for child in verb.children:
        if child.dep_ in MEMBER_DEPS:
            found.append(child)
        elif child.dep_ in {"agent", "prep"} and child.lower_ in {"by", "of"}:
            found += [g for g in child.children if g.dep_ == "pobj"]
    return found


def _members_below(token: Token) -> list[Token]:
    """'a delegation led by A', 'a team including B and C'."""
    found = []
    for child in token.children:
        if child.dep_ == "acl":
            found += _members_of_verb(child)
        elif child.dep_ == "prep" and _is_membership(child):
            found += [g for g in child.children if g.dep_ == "pobj"]
    return found


def _next_sentence_subject(token: Token) -> Token | None:
    """The subject of the next sentence when it is the group: 'it' or 'they' after a
    group that was its sentence's subject, or 'the delegation' again."""
    sent = token.sent
    if sent.end >= len(token.doc):
        return None
    following = token.doc[sent.end].sent
    subject = next((c for c in following.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    if subject.lower_ in {"it", "they"}:
        return subject if _sentence_subject(token) else None
    same = subject.lemma_.lower() == token.lemma_.lower()
    determined = any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    return subject if same and determined else None


def _sentence_subject(token: Token) -> bool:
    """Whether the token is its sentence's subject, or that of the clause a speech verb
    reports ('A delegation visited X, the FT reported')."""
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    head = token.head
    if head.dep_ == "ccomp" and head.head.dep_ == "ROOT":
        return head.head.lemma_ in speech_lemmas()
    return head.dep_ == "ROOT"


def _clause_verbs(verb: Token) -> list[Token]:
    """The verb and the verbs coordinated with it that share its subject."""
    return [verb] + [
        c
        for c in verb.conjuncts
        if c.pos_ in {"VERB", "AUX"}
        and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
    ]


def _add_member(work: References, member: Token, steps: int, found: list[tuple[int, int]]) -> None:
    """A member and those listed with it, and the body a member's apposition says it
    heads: 'Ann Li, head of the X Federation'."""
    for item in (member, *member.conjuncts):
        refs = work.refs_of_one(item)
        for child in item.children:
            if child.dep_ == "appos":
                refs += _bodies_of_post(work, child)
        for index, more in refs:
            if work.is_actor(index) and index not in {i for i, _ in found}:
                found.append((index, steps + more))


def _bodies_of_post(work: References, post: Token) -> list[tuple[int, int]]:
    """'head of the X Federation', 'director general of the UK's CBI': the bodies."""
    return [(index, 0) for index in work.bodies_after(post, {"of", "at", "for"})]


def objects_of(token: Token, prepositions: set[str]) -> Iterator[Token]:
    """The objects of the token's prepositions of that set, each with those coordinated
    with it: 'EU' and 'Mercosur' in 'negotiators from the EU and Mercosur'."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield grand
                    yield from grand.conjuncts
