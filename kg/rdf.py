"""The rdf stage: map a resolved document onto the kg ontology.

Each document becomes one named graph, ``kgr:doc/<id>``, holding the document
node, the entities it mentions (typed, labelled, with ``kg:mentionedIn``), the
relations between them and, for every relation triple, an ``rdf:Statement``
assertion node with the evidence sentence, confidence, character offsets,
modality, extraction pattern and source document. Acts and intentions are
asserted as triples; threats, suppositions, refusals and negations only as
assertion nodes, so that they are recorded but never counted as edges.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.extract.records import (
    ACT,
    TYPED_EVENT_PATTERNS,
    Event,
    Extraction,
    Post,
    Relation,
    Statement,
)
from kg.gazetteer import load_gazetteer, slugify
from kg.ingest import Document
from kg.officials import CONFIDENCE, PATTERN, ROLE_TERMS, Role
from kg.resolve import ACTORS, Entity, Resolved, asserted
from kg.vocab import DCTERMS, KG, KGR, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, WD, XSD

__all__ = [
    "Triple",
    "document_iri",
    "document_lines",
    "document_triples",
    "entity_iri",
    "nquads",
    "ntriples_term",
    "text_digest",
]

Triple = tuple[Node, Node, Node]

SYMMETRIC = frozenset({"negotiatesWith", "meetsWith"})
GOVERNMENT_KINDS = frozenset({"government", "diplomacy"})


def document_iri(document: Document) -> URIRef:
    """IRI of a document's node and of the named graph holding its triples."""
    return KGR[f"doc/{document.iri_id}"]


def entity_iri(entity: Entity) -> URIRef:
    return KGR[entity.key]


def text_digest(text: str) -> str:
    """SHA-1 of a document's text, as stored in ``kg:textDigest``."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


class _Builder:
    """Collects one document's graph as N-Triples lines.

    Nodes are rdflib `URIRef`s (their IRIs name and order the assertions); a
    literal is written in N-Triples as it is made (`_text`, `_integer`,
    `_literal`): making an rdflib `Literal` of each only to write it out again took
    two fifths of the mapping's time.
    """

    def __init__(self, resolved: Resolved, *, mentions: bool = True) -> None:
        self.resolved = resolved
        self.with_mentions = mentions
        self.ex: Extraction = resolved.extraction
        self.document = self.ex.document
        self.doc = document_iri(self.document)
        self.lines: list[str] = []
        #: nodes already written to the graph (entities, assertions)
        self.described: set[URIRef] = set()
        self.published = (
            _literal(self.document.published.isoformat(), datatype=XSD.date)
            if self.document.published
            else None
        )

    def add(self, s: URIRef, p: URIRef, o: URIRef | str) -> None:
        """A triple; ``o`` is a node or a literal already in N-Triples."""
        obj = f"<{o}>" if isinstance(o, URIRef) else o
        self.lines.append(f"<{s}> <{p}> {obj} .")

    # --- nodes ----------------------------------------------------------------------

    def document_node(self) -> None:
        document, doc = self.document, self.doc
        self.add(doc, RDF.type, KG.Document)
        self.add(doc, DCTERMS.identifier, _text(document.id))
        self.add(doc, KG.textDigest, _text(text_digest(document.text)))
        if document.title:
            self.add(doc, DCTERMS.title, _text(document.title))
            self.add(doc, RDFS.label, _text(document.title))
        # the article's address when it has one, else its name relative to what was given
        if document.url or document.source:
            self.add(doc, DCTERMS.source, _text(document.url or document.source))
        if document.url:
            self.add(doc, SCHEMA.url, _literal(document.url, datatype=XSD.anyURI))
        if self.published is not None:
            self.add(doc, DCTERMS.date, self.published)
        # what a web page or feed says of itself: its author, site and language
        if document.author:
            self.add(doc, DCTERMS.creator, _text(document.author))
        if document.site:
            self.add(doc, DCTERMS.publisher, _text(document.site))
        if document.language:
            self.add(doc, DCTERMS.language, _text(document.language))

    def entity_node(self, entity: Entity) -> URIRef:
        node = entity_iri(entity)
        if node in self.described:
            return node
        self.described.add(node)
        self.add(node, RDF.type, KG[entity.cls])
        self.add(node, SKOS.prefLabel, _text(entity.label))
        self.add(node, RDFS.label, _text(entity.label))
        for alias in entity.alt_labels:
            self.add(node, SKOS.altLabel, _text(alias))
        if entity.minted and entity.cls in ACTORS:
            self.add(node, KG.documentLabel, _text(entity.label))
        if entity.mentions:
            self.add(node, KG.mentionedIn, self.doc)
        if entity.iso3:
            self.add(node, KG.iso3166, _text(entity.iso3))
        if entity.wikidata:
            self.add(node, OWL.sameAs, WD[entity.wikidata])
        if entity.country and entity.cls in {"GovernmentAgency", "Place"}:
            self.add(node, KG.partOf, self.country_node(entity.country))
        if entity.name is not None:
            self.person_name(node, entity)
        if entity.rate is not None:
            self.add(node, KG.rate, _literal(Decimal(str(entity.rate)), datatype=XSD.decimal))
        if entity.kind:
            self.add(node, KG.policyKind, _text(entity.kind))
        return node

    def person_name(self, node: URIRef, entity: Entity) -> None:
        """The parts of a person's name and the gender its title or given name tells."""
        name = entity.name
        assert name is not None
        if name.title:
            self.add(node, SCHEMA.honorificPrefix, _text(name.title))
        if name.given:
            self.add(node, SCHEMA.givenName, _text(name.given))
        if name.surname:
            self.add(node, SCHEMA.familyName, _text(name.surname))
        if name.gender:
            self.add(node, SCHEMA.gender, SCHEMA[name.gender.capitalize()])

    def mentions(self) -> None:
        """One node per mention of an entity: where it is in the text and what it says."""
        iri_id = self.document.iri_id
        for index, mention in enumerate(self.ex.mentions):
            entity = self.resolved.entity(index)
            if entity is None:
                continue
            node = KGR[f"mention/{iri_id}/{mention.start}-{mention.end}"]
            self.add(node, KG.mentionOf, entity_iri(entity))
            self.add(node, KG.charStart, _integer(mention.start))
            self.add(node, KG.charEnd, _integer(mention.end))
            self.add(node, KG.surface, _text(mention.text))

    def country_node(self, iso3: str) -> URIRef:
        """A country a relation points to without the document naming it."""
        entry = load_gazetteer().entries[f"country:{iso3}"]
        entity = Entity(
            key=f"country/{iso3}", cls="Country", label=entry.name, iso3=iso3,
            wikidata=entry.wikidata, minted=False,
        )  # fmt: skip
        return self.entity_node(entity)

    # --- assertions -----------------------------------------------------------------

    def assertion(
        self,
        subject: URIRef,
        predicate: URIRef,
        obj: URIRef,
        *,
        sent: int,
        confidence: float,
        pattern: str,
        modality: str = ACT,
        said_by: Entity | None = None,
        date: str | None = None,
        extra: Iterable[tuple[URIRef, URIRef]] = (),
    ) -> URIRef:
        """The rdf:Statement node that carries one triple's provenance."""
        node = KGR[f"assertion/{_hash(self.document.id, predicate, subject, obj, sent)}"]
        if node in self.described:
            return node  # the same fact found twice in one sentence: one assertion
        self.described.add(node)
        sentence = self.ex.sentences[sent]
        self.add(node, RDF.type, RDF.Statement)
        self.add(node, RDF.subject, subject)
        self.add(node, RDF.predicate, predicate)
        self.add(node, RDF.object, obj)
        self.add(node, PROV.wasDerivedFrom, self.doc)
        self.add(node, KG.evidence, _text(self.ex.sentence_text(sent).strip()))
        self.add(node, KG.charStart, _integer(sentence.start))
        self.add(node, KG.charEnd, _integer(sentence.end))
        self.add(node, KG.confidence, _literal(Decimal(f"{confidence:.2f}"), datatype=XSD.decimal))
        self.add(node, KG.modality, KG[modality])
        self.add(node, KG.pattern, _text(pattern))
        if said_by is not None:
            self.add(node, KG.saidBy, self.entity_node(said_by))
        if date:
            self.add(node, KG.date, _literal(date, datatype=XSD.date))
        elif self.published is not None:
            self.add(node, KG.date, self.published)
        for p, o in extra:
            self.add(node, p, o)
        return node

    def fact(
        self, subject: URIRef, predicate: URIRef, obj: URIRef, modality: str, **kwargs: object
    ) -> None:
        """A triple (when asserted) and its assertion node."""
        if asserted(modality):
            self.add(subject, predicate, obj)
            if predicate in _SYMMETRIC_TERMS:
                self.add(obj, predicate, subject)
        if predicate in _SYMMETRIC_TERMS and str(obj) < str(subject):
            subject, obj = obj, subject
        self.assertion(subject, predicate, obj, modality=modality, **kwargs)  # type: ignore[arg-type]

    # --- the document's content -------------------------------------------------------

    def build(self) -> list[str]:
        self.document_node()
        for entity in self.resolved.entities:
            self.entity_node(entity)
        if self.with_mentions:
            self.mentions()
        for relation in self.ex.relations:
            self.relation(relation)
        for post in self.ex.posts:
            self.post(post)
        for entity in self.resolved.entities:
            if entity.official is not None:
                self.official_posts(entity)
        for event in _merge_events(self.ex.events):
            self.event(event)
        for statement in self.ex.statements:
            self.statement(statement)
        return self.lines

    def relation(self, relation: Relation) -> None:
        subject = self.resolved.entity(relation.subject)
        obj = self.resolved.entity(relation.object)
        if subject is None or obj is None:
            return
        extra: list[tuple[URIRef, URIRef]] = []
        addressee = self.resolved.entity(relation.demanded_of)
        if addressee is not None and addressee.key != subject.key:
            extra.append((KG.demandedOf, self.entity_node(addressee)))
        self.fact(
            entity_iri(subject),
            KG[relation.predicate],
            entity_iri(obj),
            relation.modality,
            sent=relation.sent,
            confidence=relation.confidence,
            pattern=relation.pattern,
            said_by=self.resolved.entity(relation.said_by),
            date=relation.date,
            extra=extra,
        )

    def post(self, post: Post) -> None:
        person = self.resolved.entity(post.person)
        if person is None or person.cls != "Person":
            return
        place = self.resolved.entity(post.post_in)
        if place is not None and place.cls not in {
            "Country", "GovernmentAgency", "Organization", "Company", "MediaOrganization",
            "PoliticalParty", "InternationalOrganization", "ArmedGroup",
        }:  # fmt: skip
            place = None
        title = post.title
        position = KGR[f"position/{_position_slug(title, place)}"]
        self.add(position, RDF.type, KG.Position)
        self.add(position, RDFS.label, _text(title))
        self.add(position, SKOS.prefLabel, _text(title))
        common = {"sent": post.sent, "confidence": post.confidence, "pattern": post.pattern}
        self.fact(entity_iri(person), ORG.holds, position, ACT, **common)
        if place is None:
            return
        place_node = self.entity_node(place)
        self.add(position, ORG.postIn, place_node)
        # staff of a firm or body hold a post in it; only a government post in a state
        # or one of its agencies makes its holder represent a country
        if post.kind in GOVERNMENT_KINDS and place.cls in {"Country", "GovernmentAgency"}:
            country = place.key if place.cls == "Country" else None
            if country is None and place.country:
                country = f"country/{place.country}"
                self.country_node(place.country)
            if country is not None:
                self.fact(entity_iri(person), KG.represents, KGR[country], ACT, **common)
        elif place.cls not in {"Country", "GovernmentAgency"}:
            self.fact(entity_iri(person), ORG.memberOf, place_node, ACT, **common)

    def official_posts(self, entity: Entity) -> None:
        """The posts the officials table gives a person the document names in full.

        An article's date picks the posts held on that day, and its holder represents
        the country of each; a post held on other days is not the article's to record.
        An undated article gets every post with its interval, but no kg:represents:
        nothing tells whether he held one when it was written."""
        match = entity.official
        assert match is not None
        day = self.document.published
        roles = match.official.roles_on(day)
        person = entity_iri(entity)
        common = {
            "sent": self.ex.mentions[match.mention].sent,
            "confidence": CONFIDENCE,
            "pattern": PATTERN,
        }
        for role in roles:
            self.fact(self.membership(entity, role), ORG.member, person, ACT, **common)
        if day is None:
            return
        for country in dict.fromkeys(role.country for role in roles):
            self.fact(person, KG.represents, self.country_node(country), ACT, **common)

    def membership(self, entity: Entity, role: Role) -> URIRef:
        """The org:Membership of a person in a country's government for one post."""
        span = _interval_slug(role.beginning, role.ending)
        person = entity.key.removeprefix("person/")
        node = KGR[f"membership/{person}--{role.country}-{role.kind.lower()}--{span}"]
        if node in self.described:
            return node
        self.described.add(node)
        self.add(node, RDF.type, ORG.Membership)
        self.add(node, ORG.organization, self.country_node(role.country))
        term: URIRef = KG[ROLE_TERMS[role.kind]]
        self.add(node, ORG.role, term)
        if term not in self.described:
            self.described.add(term)
            self.add(term, RDF.type, ORG.Role)
            self.add(term, RDFS.label, _literal("government role", lang="en"))
        if role.beginning is not None or role.ending is not None:
            interval = KGR[f"interval/{span}"]
            self.add(node, ORG.memberDuring, interval)
            if interval not in self.described:
                self.described.add(interval)
                self.add(interval, RDF.type, TIME.Interval)
                if role.beginning is not None:
                    self.add(interval, TIME.hasBeginning, self.instant(role.beginning))
                if role.ending is not None:
                    self.add(interval, TIME.hasEnd, self.instant(role.ending))
        return node

    def instant(self, day: dt.date) -> URIRef:
        node = KGR[f"instant/{day.isoformat()}"]
        if node not in self.described:
            self.described.add(node)
            self.add(node, RDF.type, TIME.Instant)
            self.add(node, TIME.inXSDDate, _literal(day.isoformat(), datatype=XSD.date))
        return node

    def event(self, event: Event) -> None:
        """A negotiation or meeting (CONSULT, from the interaction patterns, whose
        parties also get kg:participatesIn) or an event of the lexicon: a node with
        its PLOVER type, source and target actors, mode, modality and provenance."""
        sources = self._known(event.sources or event.parties)
        targets = [t for t in self._known(event.targets) if t not in sources]
        if not sources or not targets:
            return
        if event.pattern.startswith(TYPED_EVENT_PATTERNS):
            keys = [p.key for p in (*sources, *targets)]
            node = KGR[f"event/{_hash(self.document.id, event.sent, event.kind, *keys)}"]
            self.add(node, RDF.type, KG.Event)
            label = (
                f"{_labels(sources)} {EVENT_VERBS.get(event.kind, event.kind.lower())} "
                f"{_labels(targets)}"
            )
        else:
            known = sorted({p.key: p for p in (*sources, *targets)}.values(), key=lambda e: e.key)
            node = KGR[
                f"negotiation/{_hash(self.document.id, event.sent, *[p.key for p in known])}"
            ]
            self.add(node, RDF.type, KG.Negotiation)
            kind = "Meeting" if event.trigger in MEETING_WORDS else "Talks"
            label = f"{kind} between {' and '.join(p.label for p in known)}"
            for party in known:
                self.fact(
                    entity_iri(party),
                    KG.participatesIn,
                    node,
                    event.modality,
                    sent=event.sent,
                    confidence=round(event.confidence, 2),
                    pattern=event.pattern,
                    said_by=self.resolved.entity(event.said_by),
                    date=event.date,
                )
        self.add(node, RDFS.label, _text(label))
        self.add(node, SKOS.prefLabel, _text(label))
        self.add(node, KG.eventType, KG[event.kind.capitalize()])
        for actor in sources:
            self.add(node, KG.source, entity_iri(actor))
        for actor in targets:
            self.add(node, KG.target, entity_iri(actor))
        if event.mode:
            self.add(node, KG.mode, _text(event.mode))
        self.add(node, KG.modality, KG[event.modality])
        self.add(node, KG.mentionedIn, self.doc)
        self.add(node, PROV.wasDerivedFrom, self.doc)
        self.add(node, KG.evidence, _text(self.ex.sentence_text(event.sent).strip()))
        sentence = self.ex.sentences[event.sent]
        self.add(node, KG.charStart, _integer(sentence.start))
        self.add(node, KG.charEnd, _integer(sentence.end))
        self.add(node, KG.pattern, _text(event.pattern))
        confidence = Decimal(f"{min(event.confidence, 1.0):.2f}")
        self.add(node, KG.confidence, _literal(confidence, datatype=XSD.decimal))
        date = event.date or (
            self.document.published.isoformat() if self.document.published else None
        )
        if date:
            self.add(node, KG.date, _literal(date, datatype=XSD.date))
        for about in event.about:
            entity = self.resolved.entity(about)
            if entity is not None:
                self.add(node, KG.about, entity_iri(entity))
        place = self.resolved.entity(event.location)
        if place is not None:
            self.add(node, KG.location, entity_iri(place))
        speaker = self.resolved.entity(event.said_by)
        if speaker is not None:
            self.add(node, KG.saidBy, entity_iri(speaker))

    def _known(self, indices: Iterable[int]) -> list[Entity]:
        """The resolved entities of mentions, each once, in order."""
        found: dict[str, Entity] = {}
        for index in indices:
            entity = self.resolved.entity(index)
            if entity is not None:
                found.setdefault(entity.key, entity)
        return list(found.values())

    def statement(self, statement: Statement) -> None:
        speaker = self.resolved.entity(statement.speaker)
        if speaker is None:
            return
        node = KGR[f"statement/{_hash(self.document.id, speaker.key, statement.quote)}"]
        self.add(node, RDF.type, KG.Statement)
        self.add(node, KG.quote, _text(statement.quote))
        self.add(node, RDFS.label, _text(_shorten(statement.quote)))
        if statement.negated:
            self.add(node, KG.negated, _TRUE)
        self.add(node, PROV.wasDerivedFrom, self.doc)
        for about in statement.about:
            entity = self.resolved.entity(about)
            if entity is not None:
                self.add(node, KG.about, entity_iri(entity))
        common = {
            "sent": statement.sent,
            "confidence": statement.confidence,
            "pattern": statement.pattern,
        }
        self.fact(entity_iri(speaker), KG.stated, node, ACT, **common)
        heard = self.resolved.entity(statement.addressee)
        if heard is not None and heard.key != speaker.key:
            self.fact(node, KG.addressee, entity_iri(heard), ACT, **common)
        medium = self.resolved.entity(statement.reported_by)
        if medium is not None and medium.cls == "MediaOrganization":
            self.fact(node, KG.reportedBy, entity_iri(medium), ACT, **common)


_SYMMETRIC_TERMS = frozenset({KG.negotiatesWith, KG.meetsWith})
#: Trigger words of the interaction patterns that make a meeting, not talks.
MEETING_WORDS = frozenset({"meet", "meeting", "summit", "host", "receive", "visit"})
#: How an event's label reads, by PLOVER category: "European Union sanctions Iran".
EVENT_VERBS = {
    "AGREE": "agrees with", "CONSULT": "consults", "SUPPORT": "supports",
    "CONCEDE": "concedes to", "COOPERATE": "cooperates with", "AID": "aids",
    "RETREAT": "retreats before", "INVESTIGATE": "investigates", "DEMAND": "makes demands of",
    "DISAPPROVE": "criticises", "REJECT": "rejects", "THREATEN": "threatens",
    "SANCTION": "sanctions", "PROTEST": "protests against", "MOBILIZE": "mobilises against",
    "COERCE": "coerces", "ASSAULT": "attacks",
}  # fmt: skip


def _labels(entities: list[Entity]) -> str:
    return " and ".join(entity.label for entity in entities)


def _merge_events(events: list[Event]) -> list[Event]:
    """One event per sentence and set of parties ('talks ... at a meeting'), with the
    topics of all and the highest confidence."""
    merged: dict[tuple[int, str, frozenset[int]], Event] = {}
    for event in events:
        key = (event.sent, event.kind, frozenset(event.parties))
        kept = merged.get(key)
        if kept is None:
            merged[key] = event
            continue
        kept.about = list(dict.fromkeys([*kept.about, *event.about]))
        kept.confidence = max(kept.confidence, event.confidence)
        kept.date = kept.date or event.date
        kept.location = kept.location if kept.location is not None else event.location
    return list(merged.values())


def _interval_slug(beginning: dt.date | None, ending: dt.date | None) -> str:
    """'2003-01-01--2007-06-30', 'from-2001-12-22', 'until-2007-06-27' or 'undated'."""
    if beginning is not None and ending is not None:
        return f"{beginning.isoformat()}--{ending.isoformat()}"
    if beginning is not None:
        return f"from-{beginning.isoformat()}"
    if ending is not None:
        return f"until-{ending.isoformat()}"
    return "undated"


def _position_slug(title: str, place: Entity | None) -> str:
    where = place.key.replace("/", "-") if place is not None else "unspecified"
    return f"{slugify(title)}--{where}"


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def document_lines(resolved: Resolved, *, mentions: bool = True) -> list[str]:
    """The N-Triples lines of one document's named graph (``mentions=False``: without
    the mention nodes, to measure what they cost)."""
    return _Builder(resolved, mentions=mentions).build()


def document_triples(resolved: Resolved, *, mentions: bool = True) -> list[Triple]:
    """The triples of one document's named graph as rdflib terms, in the order of
    `document_lines`."""
    lines = "\n".join(document_lines(resolved, mentions=mentions))
    return [
        (_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object))
        for t in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
    ]


def _rdflib_term(term: Any) -> Node:
    """An N-Triples term parsed by pyoxigraph, as rdflib makes it (a plain literal has
    no datatype there, xsd:string in pyoxigraph)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


# --- N-Triples / N-Quads text -------------------------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _text(value: str) -> str:
    """A plain literal in N-Triples, as `ntriples_term` writes ``Literal(value)``."""
    return f'"{value.translate(_ESCAPES)}"'


_INTEGER = f"^^<{XSD.integer}>"
_TRUE = f'"true"^^<{XSD.boolean}>'


def _integer(value: int) -> str:
    """An xsd:integer literal in N-Triples, as `ntriples_term` writes ``Literal(value)``."""
    return f'"{value}"{_INTEGER}'


def _literal(value: object, *, datatype: URIRef | None = None, lang: str | None = None) -> str:
    """Any other literal in N-Triples, through rdflib, whose lexical forms (dates,
    decimals) it stands for."""
    return ntriples_term(Literal(value, datatype=datatype, lang=lang))


def ntriples_term(term: Node) -> str:
    """A term in N-Triples syntax (also valid inside SPARQL INSERT DATA)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:b{term}"
    raise TypeError(f"cannot write {term!r} as N-Triples")


def nquads(triples: Iterable[Triple], graph: URIRef) -> Iterator[str]:
    """N-Quads lines of triples placed in ``graph``."""
    g = f"<{graph}>"
    for s, p, o in triples:
        yield f"{ntriples_term(s)} {ntriples_term(p)} {ntriples_term(o)} {g} .\n"
