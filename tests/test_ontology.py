"""The ontology folder: every file parses, terms are documented, shapes behave on
their examples, queries prepare, and the violation checks hold on a built store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS

from kg.ontology import ontology_dir, read_jsonl, read_tsv
from kg.validate import shape_examples, validate, validate_graph
from kg.vocab import KG

ONTOLOGY = ontology_dir()
KG_NS = str(KG)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "kg.ttl")


@pytest.mark.parametrize("path", sorted(ONTOLOGY.rglob("*.ttl")), ids=lambda p: p.name)
def test_every_turtle_file_parses(path: Path) -> None:
    assert len(Graph().parse(path)) > 0


def test_vocab_module_matches_the_ontology(ontology: Graph) -> None:
    from tools.generate_vocab import ontology_terms

    declared = set(KG.__annotations__)
    assert declared == set(ontology_terms(ONTOLOGY / "kg.ttl")), "run tools/generate_vocab.py"


def test_misspelt_terms_fail() -> None:
    with pytest.raises(AttributeError):
        _ = KG.negotiatesWithh  # type: ignore[attr-defined]


def test_header_has_title_licence_date_and_version(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/newskg/ontology")
    for predicate in (DCTERMS.title, DCTERMS.license, DCTERMS.modified, OWL.versionInfo):
        assert ontology.value(header, predicate) is not None, predicate


def test_every_term_has_label_definition_and_defined_by(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(KG_NS)}
    assert len(terms) > 40
    for term in terms:
        labels = list(ontology.objects(term, RDFS.label))
        assert any(isinstance(x, Literal) and x.language == "en" for x in labels), term
        assert ontology.value(term, SKOS.definition) is not None, term
        assert ontology.value(term, RDFS.isDefinedBy) is not None, term


def test_alignment_and_symmetry(ontology: Graph) -> None:
    assert (KG.negotiatesWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (KG.meetsWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (KG.Person, RDFS.subClassOf, URIRef("https://schema.org/Person")) in ontology
    assert (KG.Position, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Post")) in ontology
    assert (
        KG.reportedBy,
        RDFS.subPropertyOf,
        URIRef("http://www.w3.org/ns/prov#wasAttributedTo"),
    ) in ontology


# --- shapes -----------------------------------------------------------------------------

EXAMPLES = shape_examples(ROOT / "tests" / "shapes")


@pytest.mark.parametrize(("shape", "path", "valid"), EXAMPLES, ids=[p.stem for _, p, _ in EXAMPLES])
def test_shape_examples(shape: str, path: Path, valid: bool) -> None:
    violations = validate_graph(Graph().parse(path))
    if valid:
        assert not violations, violations
    else:
        rule = shape.split("-")[0]
        assert violations and all(v.rule == rule for v in violations), violations


def test_every_shape_has_a_valid_and_an_invalid_example() -> None:
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    ids = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, SH.NodeShape)}
    examples = {(shape, valid) for shape, _, valid in EXAMPLES}
    assert examples == {(shape, flag) for shape in ids for flag in (True, False)}


def test_shape_messages_start_with_their_id() -> None:
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        rule = str(shape).rsplit("#", 1)[-1].split("-")[0]
        for prop in shapes.objects(shape, SH.property):
            assert str(shapes.value(prop, SH.message)).startswith(f"{rule}:")


# --- queries --------------------------------------------------------------------------------


QUERIES = sorted((ONTOLOGY / "queries").glob("*.rq"))


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_every_query_prepares_and_says_what_it_answers(path: Path) -> None:
    from kg.query import named_queries, prepared

    prepared(path.read_text())
    assert len(named_queries()[path.stem].description) > 20


def test_examples_store_passes_every_check(examples_store: Path) -> None:
    from kg.store import Store

    with Store(examples_store, read_only=True) as store:
        report = validate(store)
    assert report.conforms, report.text()


def test_violation_queries_catch_planted_faults(tmp_path: Path) -> None:
    from kg.store import Store
    from kg.vocab import KGR
    from kg.vocab import SKOS as SKOS_

    a, b = KGR["country/AAA"], KGR["country/BBB"]
    with Store(tmp_path / "s") as store:
        store.replace_graph(
            KGR["doc/x"],
            [
                (a, KG.negotiatesWith, b),  # no assertion behind it
                (a, KG.meetsWith, a),  # with itself
                (b, SKOS_.prefLabel, Literal("B")),  # no class
            ],
        )
        rules = {v.rule for v in validate(store).violations}
    assert {
        "relation-without-evidence-violation",
        "self-relation-violation",
        "untyped-entity-violation",
    } <= rules


# --- merge records ---------------------------------------------------------------------------

MERGE_ARTICLES = {
    "full": "Pension reform\n\nThe Treasury minister Alan Pardoe met the Northern Pensions "
    "Council on Monday.\n",
    "surname": "Pension reform stalls\n\nMr Pardoe told the NPC that the reform would wait.\n",
    "grain": "Grain talks\n\nThe Northern Grain Exporters Association (NGEA) welcomed the talks "
    "with Canada.\n",
    "exports": "Grain exports\n\nThe NGEA said exports to Canada would rise.\n",
}


@pytest.fixture(scope="module")
def merges_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose build merged names across articles by three rules."""
    from conftest import write_articles

    from kg.build import build

    folder = tmp_path_factory.mktemp("merges")
    write_articles(folder / "in", MERGE_ARTICLES)
    build([folder / "in"], store=folder / "s")
    return folder / "s"


def merge_records(store: Path) -> dict[str, str]:
    """rule -> IRI of the merge record made by it."""
    from kg.store import Store

    with Store(store, read_only=True) as opened:
        rows = opened.select_values("SELECT ?rule ?m WHERE { ?m a kg:Merge ; kg:mergeRule ?rule }")
    return {str(rule): str(record) for rule, record in rows}


def test_a_build_that_merges_names_validates_clean(merges_store: Path) -> None:
    from kg.store import Store

    assert set(merge_records(merges_store)) == {"surname", "acronym", "alias"}
    with Store(merges_store, read_only=True) as store:
        report = validate(store)
    assert report.conforms, report.text()


def test_a_broken_merge_record_is_reported(merges_store: Path, tmp_path: Path) -> None:
    import shutil

    import pyoxigraph as ox

    from kg.merge import MERGES_GRAPH
    from kg.store import Store

    store_path = tmp_path / "s"
    shutil.copytree(merges_store, store_path)
    records = merge_records(store_path)
    surname, acronym = f"<{records['surname']}>", f"<{records['acronym']}>"
    rule, confidence = f"<{KG.mergeRule}>", f"<{KG.confidence}>"
    with Store(store_path) as store:
        quads = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(MERGES_GRAPH))
        lines = [
            f"{quad.subject} {quad.predicate} {quad.object} .".replace(
                '"0.85"^^<http://www.w3.org/2001/XMLSchema#decimal>', '"high"'
            )
            for quad in quads
            if not (str(quad.subject) == surname and str(quad.predicate) == rule)
        ]
        assert any(line.startswith(f'{acronym} {confidence} "high"') for line in lines)
        store.replace_lines([(URIRef(MERGES_GRAPH), lines)])
        report = validate(store)
    messages: dict[str, set[str]] = {}
    for violation in report.violations:
        assert violation.rule == "S12", report.text()
        messages.setdefault(violation.focus, set()).add(violation.message)
    assert set(messages) == {records["surname"], records["acronym"]}, report.text()
    assert messages[records["surname"]] == {
        "S12: a merge record has exactly one rule: surname, acronym, alias or resolution"
    }
    assert messages[records["acronym"]] == {
        "S12: a merge record has one confidence, a decimal between 0 and 1"
    }


# --- patterns and gazetteers ---------------------------------------------------------------------


def test_entity_pattern_ids_name_ontology_classes(ontology: Graph) -> None:
    for record in read_jsonl(ONTOLOGY / "patterns" / "entities.jsonl"):
        assert (KG[record["id"]], RDF.type, OWL.Class) in ontology, record


def test_relation_patterns_name_ontology_properties(ontology: Graph) -> None:
    for record in read_jsonl(ONTOLOGY / "patterns" / "relations.jsonl"):
        assert (KG[record["relation"]], RDF.type, None) in ontology, record["id"]


def test_gazetteers_are_consistent() -> None:
    import pycountry

    from kg.gazetteer import load_gazetteer

    codes = {c.alpha_3 for c in pycountry.countries}
    countries = list(read_tsv(ONTOLOGY / "gazetteers" / "countries.tsv"))
    assert {row["iso3"] for row in countries} == codes
    assert all(row["wikidata"].startswith("Q") for row in countries)
    for name in ("agencies.tsv", "organizations.tsv", "media.tsv"):
        for row in read_tsv(ONTOLOGY / "gazetteers" / name):
            assert not row["country"] or row["country"] in codes, (name, row)
    gaz = load_gazetteer()
    for form in ("UK", "Russia", "Britain", "Ivory Coast", "U.S.", "America"):
        assert gaz.lookup(form) is not None and gaz.lookup(form).cls == "Country", form  # type: ignore[union-attr]
    assert gaz.demonym("Japanese").iso3 == "JPN"  # type: ignore[union-attr]


def test_a_user_can_add_a_gazetteer_line_without_python(ontology_copy: Path) -> None:
    import kg.gazetteer

    with (ontology_copy / "gazetteers" / "agencies.tsv").open("a") as handle:
        handle.write("zz-tariff-board\tZedland Tariff Board\t \tZTB\t\n")
    kg.gazetteer.load_gazetteer.cache_clear()
    try:
        entry = kg.gazetteer.load_gazetteer().lookup("ZTB")
        assert entry is not None and entry.name == "Zedland Tariff Board"
        assert entry.cls == "GovernmentAgency"
    finally:
        kg.gazetteer.load_gazetteer.cache_clear()
    json.dumps(entry.key)  # keys are plain strings


def test_a_gazetteer_line_with_the_wrong_number_of_fields_is_named_and_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from kg.ontology import read_tsv

    table = tmp_path / "parties.tsv"
    table.write_text(
        "# a comment\nlabel\tclass\tcountry\n"
        "Green Party\tPoliticalParty\tGBR\n"
        "Broken Party\tPoliticalParty\n"
        "Other Party\tPoliticalParty\tIRL\textra\n"
        "Left Party\tPoliticalParty\tDEU\n",
        encoding="utf-8",
    )
    with caplog.at_level("WARNING"):
        rows = list(read_tsv(table))
    assert [row["label"] for row in rows] == ["Green Party", "Left Party"]
    messages = [record.getMessage() for record in caplog.records]
    assert any(f"{table}:4: 2 tab-separated fields where the header has 3" in m for m in messages)
    assert any(f"{table}:5: 4 tab-separated fields" in m for m in messages)
