"""The resolve stage: one entity per real-world thing, with a stable IRI key.

Within a document, mentions are grouped by gazetteer key (US, U.S., USA and
America are all ``country:USA``; "Washington believes" too), by name, by
surname ("Akazawa" after "Ryosei Akazawa"), by bracketed acronym ("(CFR)") and
by short form ("the Treasury" after "U.S. Treasury"). Each group's class is
voted by the weights of its mentions, so that one "Treasury Secretary Mnuchin"
outweighs a stray organisation label, and groups with only junk evidence are
dropped. Resolution looks at nothing but the document, so a document's graph is
the same whatever else was built before it; what only a whole corpus can settle
(a surname in one article, the full name in another) is left to `kg.merge`.
kg never merges across classes.

A policy is identified by what it is (kind and rate), who imposes it and on
whom or what: two articles' "25% tariff" are one node only when both name the
same imposer and the same targets; a policy whose imposer and targets are both
unknown stays the document's own.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from kg.extract.names import (
    PersonName,
    compatible,
    is_full_name,
    is_given_name,
    parse_name,
    title_before,
)
from kg.extract.patterns import business_words
from kg.extract.records import ACT, INTENT, Extraction, Mention
from kg.gazetteer import Gazetteer, abbreviates, load_gazetteer, normalize_form, slugify
from kg.officials import Official

__all__ = [
    "Entity",
    "OfficialMatch",
    "Resolved",
    "acronym_of",
    "entity_key",
    "name_key",
    "resolve",
    "surname_of",
]

#: Path segment of the node IRIs of each class (kgr:<segment>/<slug>).
CLASS_SEGMENT = {
    "Person": "person",
    "Country": "country",
    "GovernmentAgency": "agency",
    "Organization": "organization",
    "Company": "company",
    "MediaOrganization": "media",
    "PoliticalParty": "party",
    "InternationalOrganization": "intl",
    "ArmedGroup": "armed",
    "Policy": "policy",
    "Topic": "topic",
    "Place": "place",
}
ACTORS = frozenset(
    {"Person", "Country", "GovernmentAgency", "Organization", "Company", "MediaOrganization",
     "PoliticalParty", "InternationalOrganization", "ArmedGroup"}
)  # fmt: skip
#: Below this weight a name is junk unless another mention vouches for it.
JUNK_WEIGHT = 0.1
#: A mention's class from the model's label alone weighs at most this much ...
MODEL_WEIGHT = 1.0
#: ... and one from a gazetteer, title or cue at least this much (see `_voted_class`).
EVIDENCE_WEIGHT = 3.0
#: Last words a body's acronym often leaves out ("PCS" for "... Services Union").
GENERIC_LAST_WORDS = frozenset({"Union", "Association", "Party", "Group", "Company", "Council"})
#: Classes whose one-word short form is the first word of the full name ("Nortel").
FIRMLIKE = frozenset({"Company", "Organization", "MediaOrganization"})
#: Business words (see `_business_talk`) that make an article business news.
BUSINESS_TALK = 3
WORD = re.compile(r"[a-z]+")
#: Domain and range of each relation kg asserts (None: any actor).
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "negotiatesWith": (ACTORS, ACTORS),
    "meetsWith": (ACTORS, ACTORS),
    "imposes": (ACTORS, frozenset({"Policy"})),
    "targets": (frozenset({"Policy"}), ACTORS | {"Topic"}),
    "demands": (ACTORS, frozenset({"Topic", "Policy"})),
}


@dataclass(frozen=True, slots=True)
class OfficialMatch:
    """A person the officials table knows, and the first mention naming them in full."""

    official: Official
    mention: int


@dataclass
class Entity:
    """A resolved thing: its IRI key, class, labels and the mentions that name it."""

    key: str
    cls: str
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)
    iso3: str | None = None
    wikidata: str | None = None
    #: For agencies: the ISO code of the state they belong to.
    country: str | None = None
    rate: float | None = None
    kind: str | None = None
    #: The key was minted from the label (not taken from a gazetteer), so other
    #: documents may name the same thing otherwise; see `kg.merge`.
    minted: bool = True
    #: For people: the name in parts, with the title written before it and the gender.
    name: PersonName | None = None
    #: For people the officials table knows by the full name the document gives them.
    official: OfficialMatch | None = None

    @property
    def alt_labels(self) -> list[str]:
        return sorted(alias for alias in self.aliases if alias != self.label)


@dataclass
class Resolved:
    """A document's extraction with every mention mapped to an entity (or dropped)."""

    extraction: Extraction
    entities: list[Entity]
    #: mention index -> entity index, or -1 for a dropped mention.
    entity_of: list[int]

    def entity(self, mention: int | None) -> Entity | None:
        if mention is None or mention < 0:
            return None
        index = self.entity_of[mention]
        return self.entities[index] if index >= 0 else None


_NAME_PUNCT = re.compile(r"[^\w\s&-]")


# The name functions below are cached: the cross-document consolidation (`kg.merge`)
# applies them to every name of the corpus again after each batch it takes in.


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """How names are compared: no leading article, no punctuation, case folded."""
    return " ".join(_NAME_PUNCT.sub("", normalize_form(text)).casefold().split())


def surname_of(name: str) -> str | None:
    """The last word of a multi-word person name, case folded."""
    words = name_key(name).split()
    return words[-1] if len(words) > 1 else None


@functools.lru_cache(maxsize=1 << 16)
def acronym_of(name: str) -> str:
    """Initials of the capitalised words of a name: 'Council on Foreign Relations' -> 'CFR'."""
    return "".join(word[0] for word in normalize_form(name).split() if word[:1].isupper())


@functools.lru_cache(maxsize=1 << 16)
def entity_key(cls: str, name: str) -> str:
    """The IRI path of a node minted from a name: 'person/ryosei-akazawa'."""
    return f"{CLASS_SEGMENT[cls]}/{slugify(name)}"


def gazetteer_path(key: str) -> str:
    """'country:JPN' -> 'country/JPN'; 'agency:white-house' -> 'agency/white-house'."""
    prefix, _, ident = key.partition(":")
    return f"{prefix}/{ident}"


# --- grouping -------------------------------------------------------------------------


class _Groups:
    """Union-find over mention indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _group_key(mention: Mention, title: str | None, gaz: Gazetteer) -> str:
    if mention.key:
        return mention.key
    if mention.cls == "Policy":
        return f"policy:{name_key(mention.label or mention.text)}"
    if mention.cls == "Topic" or (
        mention.cls == "Place"
        and (mention.weight > MODEL_WEIGHT or gaz.is_place_name(mention.text))
    ):
        return f"{mention.cls}:{name_key(mention.text)}"
    # a name only the model took for a place ("for Yugansk") is the same name
    # as where the text says what it is ("the oil firm Yugansk"); the vote decides
    words = mention.text.split()
    surname_only = len(words) == 1 or (len(words) == 2 and not is_given_name(words[0]))
    gender = parse_name(mention.text, title).gender if title and surname_only else None
    # "Mr Howard" and "Mrs Howard" ("Mr Parker Bowles", "Mrs Parker Bowles") in one
    # article are two people; a full name is one person with or without the title
    # ("Mrs Camilla Parker Bowles" and "Camilla Parker Bowles")
    return f"name:{name_key(mention.text)}" + (f"|{gender}" if gender else "")


#: Bodies whose name the model may cut to its last word ("Universities Scotland").
_BODIES = frozenset({"Organization", "Company", "GovernmentAgency", "MediaOrganization"})
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+) $")


def _complete_names(extraction: Extraction) -> list[str | None]:
    """Give back to a name the capitalised word the model cut off before it, and
    return the honorific written before each mention.

    "Otis Ferry" tagged as "Ferry" would become Bryan Ferry's surname, and
    "Universities Scotland" tagged as "Scotland" Baroness Scotland: a known given
    name before a person's surname, or a capitalised word that is neither a
    function word nor a title before a body's one-word name, is part of the name.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    text = extraction.document.text
    ends = {mention.end for mention in extraction.mentions}
    titles: list[str | None] = []
    for mention in extraction.mentions:
        title = title_before(text, mention.start)
        titles.append(title)
        if mention.key or title or len(mention.text.split()) != 1:
            continue
        found = _WORD_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        if found is None or found.end(1) in ends:
            continue
        word = found.group(1)
        if (mention.cls == "Person" and is_given_name(word)) or (
            mention.cls in _BODIES and word.casefold() not in STOP_WORDS
        ):
            mention.start = found.start(1)
            mention.text = f"{word} {mention.text}"
    return titles


def resolve(extraction: Extraction, gazetteer: Gazetteer | None = None) -> Resolved:
    """Group the document's mentions into entities and give each a stable key.

    The result depends on the document alone (and the ontology's data).
    """
    gaz = gazetteer or load_gazetteer()
    mentions = extraction.mentions
    titles = _complete_names(extraction)
    groups = _Groups(len(mentions))
    first_of: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        key = _group_key(mention, titles[index], gaz)
        if key in first_of:
            groups.union(first_of[key], index)
        else:
            first_of[key] = index
    for index, mention in enumerate(mentions):
        if mention.alias_of is not None:
            groups.union(mention.alias_of, index)
    clusters = _clusters(groups, len(mentions))
    _link_short_forms(clusters, mentions, groups, gaz, titles)
    clusters = _clusters(groups, len(mentions))
    business = _business_talk(extraction.document.text)

    entities: list[Entity] = []
    entity_of = [-1] * len(mentions)
    by_key: dict[str, int] = {}
    for members in clusters:
        entity = _entity(members, mentions, gaz, business)
        if entity is None:
            continue
        if entity.cls == "Person" and entity.minted:
            entity.name = _cluster_name(members, mentions, titles, entity.label)
        if entity.key in by_key:  # two names of one gazetteer entity
            merged = entities[by_key[entity.key]]
            merged.aliases |= entity.aliases
            merged.mentions += entity.mentions
            for member in members:
                entity_of[member] = by_key[entity.key]
            continue
        by_key[entity.key] = len(entities)
        for member in members:
            entity_of[member] = len(entities)
        entities.append(entity)
    _add_named_countries(entities, mentions, gaz)
    for entity in entities:
        if entity.cls == "Person" and entity.minted:
            entity.official = _known_official(entity, mentions, gaz)
    resolved = Resolved(extraction, entities, entity_of)
    _key_policies(resolved)
    _check_signatures(resolved)
    return resolved


def _add_named_countries(entities: list[Entity], mentions: list[Mention], gaz: Gazetteer) -> None:
    """A country named inside an agency's name ("U.S. Treasury", "Japan's Ministry of
    Finance") is mentioned too, even when the text never names it alone."""
    present = {entity.key: entity for entity in entities}
    for entity in list(entities):
        if entity.cls != "GovernmentAgency" or not entity.country:
            continue
        for alias in entity.aliases:
            words = normalize_form(alias).split()
            prefix = next(
                (
                    " ".join(words[:n]).removesuffix("'s")
                    for n in range(len(words) - 1, 0, -1)
                    if (found := gaz.lookup(" ".join(words[:n]).removesuffix("'s")))
                    and found.key == f"country:{entity.country}"
                ),
                None,
            )
            if prefix is None:
                continue
            key = f"country/{entity.country}"
            if key in present:
                present[key].aliases.add(prefix)
                continue
            entry = gaz.entries[f"country:{entity.country}"]
            country = Entity(
                key, "Country", entry.name, {prefix}, list(entity.mentions[:1]), iso3=entry.iso3,
                wikidata=entry.wikidata, minted=False,
            )  # fmt: skip
            present[key] = country
            entities.append(country)


def _known_official(
    entity: Entity, mentions: list[Mention], gaz: Gazetteer
) -> OfficialMatch | None:
    """The one official of the table whom the person's full name names.

    A surname ("Powell", "El Sisi") names no one, nor does a full name the table gives
    several officials ("Salva Kiir" is filed under Sudan and South Sudan), nor a
    person whose full names name different officials."""
    found: dict[Official, int] = {}
    for member in entity.mentions:
        text = mentions[member].text
        officials = gaz.officials.named(text)
        if not officials or not is_full_name(text):
            continue
        if len(officials) > 1:
            return None
        found.setdefault(officials[0], member)
    if len(found) != 1:
        return None
    official, mention = next(iter(found.items()))
    return OfficialMatch(official, mention)


def _clusters(groups: _Groups, size: int) -> list[list[int]]:
    by_root: dict[int, list[int]] = defaultdict(list)
    for index in range(size):
        by_root[groups.find(index)].append(index)
    return sorted(by_root.values(), key=lambda members: members[0])


def _voted_class(members: list[int], mentions: list[Mention]) -> tuple[str, float]:
    """The class most weight speaks for. Where a gazetteer, a title or a cue speaks
    (weight >= EVIDENCE_WEIGHT), the model's bare labels are not counted: five
    mentions of "Oracle" the model calls a person do not outvote "shares in Oracle"."""
    votes: dict[str, float] = defaultdict(float)
    evidence = any(mentions[member].weight >= EVIDENCE_WEIGHT for member in members)
    for member in members:
        if evidence and mentions[member].weight <= MODEL_WEIGHT:
            continue
        votes[mentions[member].cls] += mentions[member].weight
    cls = max(votes, key=lambda c: (votes[c], c == "Person"))
    return cls, max(mentions[m].weight for m in members)


def _looks_like_person_name(name: str, gaz: Gazetteer) -> bool:
    """Two or three capitalised words with no word that names an organisation's kind."""
    words = normalize_form(name).split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not gaz.class_from_cues(words)
    )


def _cluster_name(
    members: list[int], mentions: list[Mention], titles: list[str | None], label: str | None = None
) -> PersonName:
    """The name of a group of mentions: its longest, with the first title written
    before any of them."""
    name = label or max((mentions[m].text for m in members), key=lambda n: (len(n), n))
    title = next((titles[m] for m in sorted(members) if titles[m]), None)
    return parse_name(name, title)


def _link_short_forms(
    clusters: list[list[int]],
    mentions: list[Mention],
    groups: _Groups,
    gaz: Gazetteer,
    titles: list[str | None],
) -> None:
    """Surnames, acronyms and short agency names join the full name they stand for,
    a surname only a full name it may be (see `kg.extract.names.compatible`)."""
    cluster_of = {members[0]: members for members in clusters}

    @functools.cache
    def name_of(root: int) -> PersonName:  # parsed on demand: nameparser is slow
        return _cluster_name(cluster_of[root], mentions, titles)

    #: names voted a body that do not start with a known given name: a titled
    #: surname ("Baroness Scotland") is never theirs ("Universities Scotland")
    bodylike: set[int] = set()
    full_names: dict[str, list[int]] = defaultdict(list)
    given_first: dict[str, list[int]] = defaultdict(list)
    acronyms: dict[str, list[int]] = defaultdict(list)
    agency_words: list[tuple[set[str], int]] = []
    firms_by_first: dict[str, list[int]] = defaultdict(list)
    #: the last two or more words of a person's full name: "Parker Bowles", "da Silva"
    long_surnames: dict[str, list[int]] = defaultdict(list)
    for members in clusters:
        cls, _ = _voted_class(members, mentions)
        longest = max((mentions[m].text for m in members), key=len)
        keyed = any(mentions[m].key for m in members)
        if (
            cls in {"Person", "Organization"}
            and not keyed
            and _looks_like_person_name(longest, gaz)
        ):
            surname = surname_of(longest)
            if surname:
                full_names[surname].append(members[0])
                if cls != "Person" and not is_given_name(normalize_form(longest).split()[0]):
                    bodylike.add(members[0])
                if cls == "Person":
                    given_first[name_key(longest).split()[0]].append(members[0])
        if cls == "Person" and not keyed:
            tokens = name_key(longest).split()
            for size in range(2, len(tokens)):
                long_surnames[" ".join(tokens[-size:])].append(members[0])
        if cls in ACTORS - {"Person"} and len(longest.split()) > 1:
            acronyms[acronym_of(longest)].append(members[0])
        if cls in FIRMLIKE:
            parts = name_key(longest).split()
            first = parts[0].split("-")[0]
            if len(parts) > 1 or first != parts[0]:
                firms_by_first[first].append(members[0])  # "Cadbury Schweppes"
        if cls == "GovernmentAgency" and mentions[members[0]].key:
            words = {
                w.casefold() for m in members for w in normalize_form(mentions[m].text).split()
            }
            agency_words.append((words, members[0]))
    for members in clusters:
        text = mentions[members[0]].text
        folded = name_key(text)
        cls, _ = _voted_class(members, mentions)
        if any(mentions[m].key for m in members):
            continue  # a name the gazetteer knows is never another's short form
        if len(folded.split()) == 1 and cls not in {"Country", "Topic", "Policy"}:
            # a surname, even one the model took for a place or a firm ("Dubois
            # pressed ..."); else a family name written first ("Zhao" for "Zhao Lei")
            targets = full_names.get(folded, [])
            if not targets and cls == "Person":
                targets = given_first.get(folded, [])  # "Zhao" for "Zhao Lei"
            name = name_of(members[0])
            targets = [
                t
                for t in targets
                if compatible(name, name_of(t)) and not (name.title and t in bodylike)
            ]
            if len(targets) == 1 and targets[0] != members[0]:
                groups.union(targets[0], members[0])
                continue
        if cls == "Person" and len(folded.split()) >= 2:
            targets = [t for t in long_surnames.get(folded, []) if t != members[0]]
            gender = name_of(members[0]).gender
            other = name_of(targets[0]).gender if targets else None
            if len(targets) == 1 and not (gender and other and gender != other):
                groups.union(targets[0], members[0])  # "Mrs Parker Bowles"
                continue
        bare_person = cls == "Person" and not any(
            titles[m] or mentions[m].weight > MODEL_WEIGHT for m in members
        )  # the model's guess only: "Kestrel said" after "Kestrel Dynamics"
        if (
            len(folded.split()) == 1
            and (cls in FIRMLIKE | {"Place"} or bare_person)
            and not gaz.is_place_name(text)
            and gaz.demonym(text) is None
        ):
            targets = [t for t in firms_by_first.get(folded, []) if t != members[0]]
            if len(targets) == 1:
                groups.union(targets[0], members[0])  # "Cadbury" for "Cadbury Schweppes"
                continue
        if (
            text.istitle()
            and len(text) >= 3
            and (cls in ACTORS - {"Person"} or bare_person)
            and not is_given_name(text)
        ):
            upper = text.upper()  # "Bat" for "British American Tobacco", as the BBC writes it
            targets = [t for t in acronyms.get(upper, []) if abbreviates(upper, mentions[t].text)]
            if len(targets) == 1:
                groups.union(targets[0], members[0])
                continue
        parts = text.split()
        if len(parts) == 2 and parts[0].isupper() and parts[1] in GENERIC_LAST_WORDS:
            text = parts[0] + parts[1][0]  # "PCS Union" for "... Services Union"
        if text.isupper() and 2 <= len(text) <= 7 and cls in ACTORS - {"Person"}:
            targets = [t for t in acronyms.get(text, []) if abbreviates(text, mentions[t].text)]
            if not targets:  # "PCS" for "Public and Commercial Services Union"
                targets = [
                    root
                    for initials, roots in acronyms.items()
                    if len(initials) == len(text) + 1
                    and initials.startswith(text)
                    and mentions[roots[0]].text.split()[-1] in GENERIC_LAST_WORDS
                    for root in roots
                ]
            if len(targets) == 1:
                groups.union(targets[0], members[0])
                continue
        if cls == "GovernmentAgency":
            words = set(folded.split())
            targets = [root for agency, root in agency_words if words <= agency]
            if len(targets) == 1:
                groups.union(targets[0], members[0])


def _business_talk(text: str) -> bool:
    """Whether the text talks business: three or more of the 'document' words of
    ontologies/patterns/class_contexts.tsv ("shares", "profits", "firm" ...)."""
    words = business_words()
    return sum(1 for word in WORD.findall(text.lower()) if word in words) >= BUSINESS_TALK


def _entity(
    members: list[int], mentions: list[Mention], gaz: Gazetteer, business: bool = False
) -> Entity | None:
    cls, strongest = _voted_class(members, mentions)
    if cls == "Organization" and business and strongest < EVIDENCE_WEIGHT:
        cls = "Company"  # in business news a body nothing else types is most likely a firm
    keyed = [mentions[m] for m in members if mentions[m].key]
    surfaces = {mentions[m].text for m in members}
    if keyed and strongest < JUNK_WEIGHT:
        return None  # only "German carmakers": the country is described, not named
    if keyed:
        entry = gaz.entries.get(keyed[0].key or "")
        if entry is not None:
            return Entity(
                key=gazetteer_path(entry.key),
                cls=entry.cls,
                label=entry.name,
                aliases=surfaces,
                mentions=members,
                iso3=entry.iso3,
                wikidata=entry.wikidata,
                country=entry.country if entry.cls != "Country" else None,
                minted=False,
            )
    if strongest < JUNK_WEIGHT:
        return None
    names = [mentions[m].text for m in members if mentions[m].cls == cls] or list(surfaces)
    label = max(names, key=lambda n: (len(n.split()), len(n), n))
    if cls == "Policy":
        policy = max((mentions[m] for m in members), key=lambda m: m.rate is not None)
        label = policy.label or label
        return Entity(
            entity_key(cls, label), cls, label, surfaces, members, rate=policy.rate,
            kind=policy.kind,
        )  # fmt: skip
    return Entity(entity_key(cls, label), cls, label, surfaces, members)


def _key_policies(resolved: Resolved) -> None:
    """Key each policy by its name, its imposers and its targets (see the module's
    notes); with neither known, by the document too."""
    imposers: dict[int, set[str]] = defaultdict(set)
    targets: dict[int, set[str]] = defaultdict(set)
    for relation in resolved.extraction.relations:
        if relation.predicate == "imposes":
            actor, policy = relation.subject, relation.object
            found = imposers
        elif relation.predicate == "targets":
            policy, actor = relation.subject, relation.object
            found = targets
        else:
            continue
        policy_entity, actor_entity = resolved.entity(policy), resolved.entity(actor)
        if policy_entity is None or actor_entity is None or policy_entity.cls != "Policy":
            continue
        found[id(policy_entity)].add(actor_entity.key)
    for entity in resolved.entities:
        if entity.cls != "Policy":
            continue
        by, on = sorted(imposers[id(entity)]), sorted(targets[id(entity)])
        scope = ["by", *by, "on", *on] if by or on else ["in", resolved.extraction.document.id]
        digest = hashlib.sha1("\x1f".join(scope).encode("utf-8")).hexdigest()[:10]
        entity.key = f"{entity_key('Policy', entity.label)}-{digest}"


def _check_signatures(resolved: Resolved) -> None:
    """Drop relations whose ends are missing or of a class the relation does not take."""
    kept = []
    for relation in resolved.extraction.relations:
        subject = resolved.entity(relation.subject)
        obj = resolved.entity(relation.object)
        if subject is None or obj is None or subject.key == obj.key:
            continue
        domain, range_ = SIGNATURES.get(relation.predicate, (ACTORS, ACTORS))
        if subject.cls in domain and obj.cls in range_:
            kept.append(relation)
    resolved.extraction.relations = kept


def asserted(modality: str) -> bool:
    """Whether a relation with this modality is asserted as a direct triple: an act
    or an intention, not a threat, a supposition, a refusal or a negation."""
    return modality in {ACT, INTENT}
