"""The kg vocabulary: the ``kg:`` ontology terms and the other namespaces kg writes.

Generated from ontologies/kg.ttl by tools/generate_vocab.py; do not edit by hand.
"""

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "DCTERMS",
    "KG",
    "KGR",
    "NODE_PREFIXES",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SEM",
    "SKOS",
    "TIME",
    "WD",
    "XSD",
]


class KG(DefinedNamespace):
    """Terms of the kg ontology; a misspelt term raises AttributeError."""

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    Act: URIRef
    Actor: URIRef
    Agree: URIRef
    Aid: URIRef
    Analysis: URIRef
    ArmedGroup: URIRef
    Assault: URIRef
    Coerce: URIRef
    Company: URIRef
    Concede: URIRef
    Consult: URIRef
    Cooperate: URIRef
    Country: URIRef
    Demand: URIRef
    Disapprove: URIRef
    Document: URIRef
    Event: URIRef
    GovernmentAgency: URIRef
    GovernmentRole: URIRef
    Hypothetical: URIRef
    Intent: URIRef
    InternationalOrganization: URIRef
    Investigate: URIRef
    MediaOrganization: URIRef
    Merge: URIRef
    Mobilize: URIRef
    Modality: URIRef
    Negated: URIRef
    Negotiation: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    PloverScheme: URIRef
    Policy: URIRef
    PoliticalParty: URIRef
    Position: URIRef
    Protest: URIRef
    Refusal: URIRef
    Reject: URIRef
    Retreat: URIRef
    Sanction: URIRef
    Statement: URIRef
    Support: URIRef
    Threat: URIRef
    Threaten: URIRef
    Topic: URIRef
    about: URIRef
    addressee: URIRef
    betweenness: URIRef
    charEnd: URIRef
    charStart: URIRef
    closeness: URIRef
    community: URIRef
    computedAt: URIRef
    confidence: URIRef
    copyOf: URIRef
    date: URIRef
    degree: URIRef
    demandedOf: URIRef
    demands: URIRef
    documentCount: URIRef
    documentLabel: URIRef
    eigenvector: URIRef
    eventType: URIRef
    evidence: URIRef
    imposes: URIRef
    iso3166: URIRef
    location: URIRef
    meetsWith: URIRef
    mentionCount: URIRef
    mentionOf: URIRef
    mentionedIn: URIRef
    mergeRule: URIRef
    mergedFrom: URIRef
    mergedInto: URIRef
    mergedLabel: URIRef
    modality: URIRef
    mode: URIRef
    negated: URIRef
    negotiatesWith: URIRef
    pagerank: URIRef
    partOf: URIRef
    participatesIn: URIRef
    pattern: URIRef
    policyKind: URIRef
    prominence: URIRef
    quote: URIRef
    rate: URIRef
    reportedBy: URIRef
    represents: URIRef
    saidBy: URIRef
    sameStoryAs: URIRef
    source: URIRef
    stated: URIRef
    storySignature: URIRef
    supportedBy: URIRef
    surface: URIRef
    suspends: URIRef
    target: URIRef
    targets: URIRef
    textDigest: URIRef
    weightedDegree: URIRef


#: Default base for the nodes kg mints (``kgr:person/ryosei-akazawa``).
KGR = Namespace("https://w3id.org/newskg/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")

#: Prefixes bound on every graph kg opens (oxrdflib does not persist them).
PREFIXES: dict[str, Namespace | URIRef] = {
    "kg": URIRef(str(KG)),
    "kgr": KGR,
    "org": ORG,
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "schema": SCHEMA,
    "sem": SEM,
    "dcterms": Namespace(str(DCTERMS)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "time": Namespace(str(TIME)),
    "wd": WD,
}

#: Prefixes for kg's own node IRIs, one per path segment, used when writing RDF so
#: that exports read ``person:ryosei-akazawa`` rather than full IRIs.
NODE_SEGMENTS = (
    "doc",
    "person",
    "country",
    "agency",
    "organization",
    "company",
    "media",
    "policy",
    "topic",
    "place",
    "position",
    "negotiation",
    "statement",
    "assertion",
    "membership",
    "interval",
    "instant",
)
NODE_PREFIXES: dict[str, Namespace] = {
    segment: Namespace(f"{KGR}{segment}/") for segment in NODE_SEGMENTS
}
