"""The event vocabulary: the PLOVER concept scheme in kg.ttl and the SHACL shape of an
event node, on events written in Turtle for the tests."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS

from kg.ontology import ontology_path
from kg.validate import validate_graph
from kg.vocab import KG

PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE",
    "COERCE", "ASSAULT",
)  # fmt: skip


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path("kg.ttl"))


def scheme_concepts(ontology: Graph) -> dict[str, object]:
    return {
        str(ontology.value(concept, SKOS.notation)): concept
        for concept in ontology.subjects(SKOS.inScheme, KG.PloverScheme)
    }


def test_the_scheme_has_exactly_the_seventeen_plover_categories(ontology: Graph) -> None:
    assert (KG.PloverScheme, RDF.type, SKOS.ConceptScheme) in ontology
    concepts = scheme_concepts(ontology)
    assert sorted(concepts) == sorted(PLOVER)
    assert set(ontology.objects(KG.PloverScheme, SKOS.hasTopConcept)) == set(concepts.values())
    for notation, concept in concepts.items():
        assert (concept, RDF.type, SKOS.Concept) in ontology, notation
        label = ontology.value(concept, SKOS.prefLabel)
        assert isinstance(label, Literal) and label.language == "en", notation
        assert str(label).upper() == notation
        assert len(str(ontology.value(concept, SKOS.definition))) > 40, notation


def test_the_event_terms_are_declared_with_domain_and_range(ontology: Graph) -> None:
    assert (KG.Event, RDF.type, OWL.Class) in ontology
    for term in (KG.eventType, KG.source, KG.target, KG.mode):
        assert (term, RDFS.domain, KG.Event) in ontology, term
        assert ontology.value(term, RDFS.range) is not None, term
    assert (KG.source, RDFS.range, KG.Actor) in ontology
    assert (KG.location, RDFS.domain, KG.Event) in ontology


def test_a_negotiation_is_the_consult_kind_of_event(ontology: Graph) -> None:
    assert (KG.Negotiation, RDFS.subClassOf, KG.Event) in ontology
    restrictions = [
        r
        for r in ontology.objects(KG.Negotiation, RDFS.subClassOf)
        if (r, OWL.onProperty, KG.eventType) in ontology
    ]
    assert [ontology.value(r, OWL.hasValue) for r in restrictions] == [KG.Consult]


def test_the_shape_lists_the_concepts_of_the_scheme(ontology: Graph) -> None:
    shapes = Graph().parse(ontology_path("shapes.ttl"))
    shape = next(shapes.subjects(SH.targetClass, KG.Event))
    prop = next(
        p for p in shapes.objects(shape, SH.property) if shapes.value(p, SH.path) == KG.eventType
    )
    allowed = set(Collection(shapes, shapes.value(prop, getattr(SH, "in"))))
    assert allowed == set(scheme_concepts(ontology).values())


PREFIXES = """
@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix kgr: <https://w3id.org/newskg/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
kgr:doc\\/w a kg:Document ; dcterms:identifier "w" .
"""


def event(body: str) -> Graph:
    """An event node from the Turtle of its type, actors and extras, with provenance."""
    text = f"""{PREFIXES}
kgr:event\\/x a kg:Event ; {body}
    kg:evidence "Washington threatened Moscow with new sanctions." ;
    prov:wasDerivedFrom kgr:doc\\/w ;
    kg:confidence "0.75"^^xsd:decimal ; kg:modality kg:Act ; kg:charStart 120 .
"""
    return Graph().parse(data=text, format="turtle")


def test_a_written_event_conforms() -> None:
    graph = event(
        "kg:eventType kg:Threaten ; kg:source kgr:country\\/USA ; kg:target kgr:country\\/RUS ;"
        ' kg:mode "sanction" ;'
    )
    assert validate_graph(graph) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("kg:source kgr:country\\/USA ;", "exactly one type"),
        ("kg:eventType kg:Negotiation ; kg:source kgr:country\\/USA ;", "exactly one type"),
        ("kg:eventType kg:Act ; kg:source kgr:country\\/USA ;", "exactly one type"),
        ("kg:eventType kg:Threaten, kg:Sanction ; kg:source kgr:country\\/USA ;", "exactly one"),
        ("kg:eventType kg:Threaten ;", "at least one source"),
        ('kg:eventType kg:Threaten ; kg:source "Washington" ;', "at least one source"),
    ],
    ids=["no-type", "class-as-type", "outside-scheme", "two-types", "no-source", "literal-source"],
)
def test_a_broken_event_is_reported(body: str, message: str) -> None:
    violations = validate_graph(event(body))
    assert violations and all(v.rule == "S14" for v in violations), violations
    assert any(message in v.message for v in violations), violations


def test_an_event_without_provenance_is_reported() -> None:
    graph = Graph().parse(
        data=PREFIXES
        + "kgr:event\\/y a kg:Event ; kg:eventType kg:Consult ; kg:source kgr:country\\/JPN .",
        format="turtle",
    )
    messages = {v.message for v in validate_graph(graph)}
    assert any("sentence it comes from" in m for m in messages)
    assert any("exactly one document" in m for m in messages)
    assert any("confidence" in m for m in messages)
