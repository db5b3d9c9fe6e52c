"""Actors named by a plural or group phrase whose members the text names elsewhere.

- A counted phrase ("the pair", "the two men", "both countries", "the four
  detainees", "all three") stands for the last actors of its class the text named
  together ("Smith and Jones", "between Hearts and Hibs", "A, B, C and D"), as many
  as it counts, in its sentence before it or in the five before that; two persons
  may also be named apart in one sentence. The class comes from the noun's role in
  lexicon.tsv (`count-person`, `count-country`, `count-company`, `count-body`;
  `pair` for "the pair" itself; any actor for a number standing alone: "all four",
  "the three"). When that last list names another number of actors
  ("Macy's, Bloomingdale's and Marshall Field's ... the two firms"), or a name the
  model did not tag ("Smith and Tom Jones"), the phrase stands for nobody:
  precision first. Such a plural with "the" alone ("A, B and C were held. The men
  were questioned"; "the firms"; not a `count-body` word) stands for the last list
  of its class however long that was a clause's subject or a counted phrase itself.
  A phrase so resolved is itself a list for the phrases after it, so that "all
  four" twenty sentences on still reaches the names through "the men" between. The
  story's opening sentence, with nobody named before it, counts the list that is
  the subject of the next ("The four Britons freed ... . A, B, C and D were held").
- A group (lexicon role `group`: "delegation", "team", "mission") stands for the
  members the phrase names ("a delegation led by A", "a team including B and C") or
  the next sentence names ("It was led by A, head of X, and included representatives
  of B and C"), through the verbs and prepositions of the `membership` role. The
  next sentence is read only when it opens with 'it' or 'they' and the group is the
  subject of its own sentence, or when it opens with the group's own noun ("The
  delegation was led by"); and only within the parsed window.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from kg.extract.patterns import load_lexicon_roles, speech_lemmas
from kg.extract.records import POST_IN_CLASSES

if TYPE_CHECKING:
    from kg.extract.context import Mentions, References

__all__ = [
    "member_refs",
    "objects_of",
    "counted_refs",
    "pronoun_group_refs",
    "remember_coordinations",
    "roles",
]

PERSON = frozenset({"Person"})
#: Lexicon role of a counted noun -> the classes of the actors it stands for.
COUNTED_CLASSES = {
    "pair": PERSON,
    "count-person": PERSON,
    "count-country": frozenset({"Country"}),
    "count-company": frozenset({"Company", "Organization", "MediaOrganization"}),
    "count-body": POST_IN_CLASSES,
}
#: A number standing alone ("all four", "the three") counts actors of any class.
ANY_ACTOR = PERSON | POST_IN_CLASSES
#: The words that count a group phrase's actors; digits count too.
NUMBERS = {
    "two": 2,
    "both": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
#: The plurals that stand for a list with "the" alone, whatever its length: words
#: any actors of their class are ("the firms" after three carmakers), not words
#: for a kind of them ("the banks" are others; "the unions" after two countries).
UNCOUNTED_NOUNS = frozenset(
    {"men", "women", "detainees", "prisoners", "hostages", "suspects", "firms", "companies",
     "countries", "nations"}
)  # fmt: skip
#: How many sentences before the phrase's own its antecedent may sit in.
LOOKBACK = 5
#: How the names of a list hang from its first.
LIST_DEPS = frozenset({"conj", "appos"})
#: Where a member sits below a membership word: "led by A", "including B", "made up of C".
MEMBER_DEPS = frozenset({"dobj", "pobj"})


def roles(token: Token) -> frozenset[str]:
    """Every role lexicon.tsv gives the token's word or lemma."""
    table = load_lexicon_roles()
    return table.get(token.lower_, frozenset()) | table.get(token.lemma_.lower(), frozenset())


def remember_coordinations(work: References) -> None:
    """Every coordination of the segment that names an actor and one more name, for a
    counted phrase after it: (offset of its last member, sentence, its members'
    mentions, -1 for a name that is no mention: "Smith and Jones" with Smith
    untagged; whether it is a clause's subject). Then every counted phrase of the
    segment that stands for actors, in the text's order, as a list of its own."""
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
            subject = top.dep_ in {"nsubj", "nsubjpass"}
            work.state.coordinations.append(
                (work.segment.offset + last, work.segment.sent_of(top.i), tuple(members), subject)
            )
    work.state.coordinations.sort()
    for token in work.doc:
        stands_for = counted_refs(work, token)
        if stands_for:
            at = work.segment.offset + token.idx
            members = [m for m, _ in stands_for]
            insort(
                work.state.coordinations,
                (at, work.segment.sent_of(token.i), tuple(members), True),
            )


def _listed(top: Token) -> list[Token]:
    """A token and every token coordinated or in apposition with it, below it."""
    found = [top]
    for child in top.children:
        if child.dep_ in LIST_DEPS:
            found += _listed(child)
    return found


def _counted(work: Mentions, token: Token) -> tuple[frozenset[str], int | None] | None:
    """The classes and the number (None: any) of the actors a counted phrase stands
    for, or None when the token is none: 'the pair'; 'the two men', 'both countries',
    'the four detainees', 'the four Britons'; 'all four', 'the three'; 'the men',
    'the firms'."""
    children = list(token.children)
    index = work.mention_of(token)
    determined = any(c.dep_ in {"det", "predet"} and c.lower_ == "the" for c in children)
    # "the two men", "both countries", "all three"; not "two Americans were seized",
    # which are others; "two firms - A and B" name their own
    definite = determined or any(
        c.dep_ in {"det", "predet", "nummod"} and c.lower_ in {"both", "all"} for c in children
    )
    definite = definite or any(c.dep_ == "appos" for c in children)
    if index >= 0:
        # "the four Britons": persons of a country, counted
        number = next((_number(c) for c in children if c.dep_ == "nummod"), None)
        plural = token.tag_ in {"NNS", "NNPS"} and work.mentions[index].demonym
        return (PERSON, number) if plural and definite and number is not None else None
    of = any(c.dep_ == "prep" and c.lower_ == "of" for c in children)
    if token.pos_ == "NUM" and _number(token) is not None:
        alone = token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}
        whole = any(c.dep_ in {"det", "predet"} and c.lower_ in {"the", "all"} for c in children)
        return (ANY_ACTOR, _number(token)) if alone and whole and not of else None
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    found = roles(token)
    if "pair" in found:
        return (COUNTED_CLASSES["pair"], 2) if determined and not of else None
    classes = next((COUNTED_CLASSES[r] for r in sorted(found) if r in COUNTED_CLASSES), None)
    if classes is None:
        return None
    for child in children:
        if child.dep_ in {"nummod", "det", "predet", "quantmod"}:
            number = _number(child)
            if number is not None:
                return (classes, number) if definite else None
    # "the men", "the firms" alone: no number, no other word before it, no "of" after
    # it; not a word for any body ("the unions" after "Japan and Korea" are others)
    alone = all(c.i > token.i or c.dep_ == "det" for c in children)
    if determined and not of and alone and token.lower_ in UNCOUNTED_NOUNS:
        return classes, None
    return None


def _number(token: Token) -> int | None:
    """The number a word counts: 'two', 'both', 'four', '4'; else None."""
    if token.lower_ in NUMBERS:
        return NUMBERS[token.lower_]
    text = token.text
    return int(text) if text.isascii() and text.isdigit() else None


def counted_refs(work: References, token: Token) -> list[tuple[int, int]] | None:
    """The actors a counted phrase stands for ([] when unclear), or None when the token
    is no counted phrase. Walking back from the phrase, the nearest sentence that
    names two actors of the class or more decides: by its last coordination of them
    before the phrase when it has one (its own sentence only so), which must list as
    many as counted and no other name; else, for two persons only, by the names it
    holds, exactly two. Anything else is nobody. A sentence naming one of them alone
    is passed over ('Smith and Jones fell out. Smith said ...'); two bodies named
    apart in one sentence ('X uses Y's brand') are no pair. A phrase that names its
    actors in apposition ('two firms - Toyota and Honda') stands for them. 'The men',
    'the firms', uncounted, take the nearest list of their class that is a clause's
    subject or a counted phrase itself, however long; with none that fits, None."""
    counted = _counted(work, token)
    if counted is None:
        return None
    apposed = [
        (index, 0)
        for child in token.children
        if child.dep_ == "appos"
        for item in _listed(child)
        if (index := work.mention_of(item)) >= 0 and work.is_actor(index)
    ]
    if apposed:
        return apposed  # "four companies - Gazprom, Rosneft ...": the phrase names them
    classes, number = counted
    # uncounted, with no list that fits, the phrase is left to the other rules ("the
    # firms" as one firm named before: kg.extract.context.References.described)
    unclear: list[tuple[int, int]] | None = [] if number is not None else None
    start = work.segment.offset + token.idx
    sent = work.segment.sent_of(token.i)
    coordinations: dict[int, list[tuple[int, ...]]] = {}
    for at, at_sent, listed, subject in work.state.coordinations:
        if at < start and sent - LOOKBACK <= at_sent and (subject or number is not None):
            coordinations.setdefault(at_sent, []).append(listed)
    named: dict[int, dict[str, int]] = {}
    if number == 2 and classes == PERSON:
        for index, mention in enumerate(work.mentions):
            if sent - LOOKBACK <= mention.sent < sent and mention.cls in classes:
                actor = index if mention.alias_of is None else mention.alias_of
                named.setdefault(mention.sent, {}).setdefault(_identity(work, actor), actor)
    for at_sent in range(sent, sent - LOOKBACK - 1, -1):
        for members in reversed(coordinations.get(at_sent, [])):
            fitting = [m for m in members if m >= 0 and work.mentions[m].cls in classes]
            if len(fitting) + members.count(-1) >= 2:
                whole = len(fitting) == len(members) and number in {None, len(members)}
                return [(m, 2) for m in fitting] if whole else unclear
        found = named.get(at_sent, {})
        if len(found) >= 2:
            return [(m, 2) for m in found.values()] if len(found) == 2 else []
    if sent == 0 and number is not None:
        # the story's opening sentence counts those the next one names: "The four
        # Britons freed ... . A, B, C and D were held ..."
        for _, at_sent, listed, subject in work.state.coordinations:
            fitting = [m for m in listed if m >= 0 and work.mentions[m].cls in classes]
            if at_sent == 1 and subject and len(fitting) == len(listed) == number:
                return [(m, 2) for m in fitting]
    return unclear


def pronoun_group_refs(work: References, token: Token) -> list[tuple[int, int]]:
    """'Tom Baker and Li Wei were freed. They flew home': 'they' or 'them' stands for
    the actors a list or a counted phrase names when that list is the nearest subject
    before the pronoun in its sentence, or, with no subject before it there, the
    subject of the sentence before. Any other nearest subject ('the unions said they
    ...') leaves the pronoun to the ordinary rules: [] then. 'Them', an object, skips
    the subjects before it that name no list ('the FBI will question them')."""
    if token.lower_ not in {"they", "them"}:
        return []
    sent = token.sent
    before = [t for t in sent if t.i < token.i and t.dep_ in {"nsubj", "nsubjpass"}]
    if token.lower_ == "them":  # an object: its own clause's subject is someone else
        lists = [found for t in before if (found := _list_refs(work, t))]
        if lists:
            return lists[-1]
    elif before:
        return _list_refs(work, before[-1])
    if sent.start == 0:
        return []
    previous = token.doc[sent.start - 1].sent
    subject = next((c for c in previous.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return _list_refs(work, subject) if subject is not None else []


def _list_refs(work: References, token: Token) -> list[tuple[int, int]]:
    """The actors a subject names as a list ('Smith and Jones', every item a name) or
    as a counted phrase ('the two men'), or []."""
    counted = counted_refs(work, token)
    if counted is not None:
        return [(index, steps + 1) for index, steps in counted]
    listed = _listed(token)
    if len(listed) < 2:
        return []
    found: list[tuple[int, int]] = []
    for item in listed:
        index = work.mention_of(item)
        if index < 0 or not work.is_actor(index):
            return []
        if index not in {i for i, _ in found}:
            found.append((index, 1))
    return found if len(found) >= 2 else []


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
