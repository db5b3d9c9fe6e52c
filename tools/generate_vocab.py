"""Write kg/vocab.py from ontologies/kg.ttl (run after editing the ontology).

tests/test_ontology.py fails when the two drift apart.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rdflib import RDF, Graph, URIRef

ROOT = Path(__file__).resolve().parent.parent
KG = "https://w3id.org/newskg/ontology#"

HEADER = '''"""The kg vocabulary: the ``kg:`` ontology terms and the other namespaces kg writes.

Generated from ontologies/kg.ttl by tools/generate_vocab.py; do not edit by hand.
"""

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "DCTERMS", "KG", "KGR", "NODE_PREFIXES", "ORG", "OWL", "PREFIXES", "PROV", "RDF", "RDFS",
    "SCHEMA", "SEM", "SKOS", "TIME", "WD", "XSD",
]


class KG(DefinedNamespace):
    """Terms of the kg ontology; a misspelt term raises AttributeError."""

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

'''

FOOTER = """

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
    "doc", "person", "country", "agency", "organization", "company", "media", "policy",
    "topic", "place", "position", "negotiation", "statement", "assertion", "membership",
    "interval", "instant",
)
NODE_PREFIXES: dict[str, Namespace] = {
    segment: Namespace(f"{KGR}{segment}/") for segment in NODE_SEGMENTS
}
"""


def ontology_terms(path: Path) -> list[str]:
    """Local names of every kg: term defined in the ontology, sorted."""
    graph = Graph().parse(path)
    names = {
        str(s)[len(KG) :]
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(KG)
    }
    return sorted(names, key=lambda n: (n[0].islower(), n))


def render(terms: list[str]) -> str:
    lines = [f"    {term}: URIRef" for term in terms]
    return HEADER + "\n".join(lines) + "\n" + FOOTER


def main() -> int:
    source = render(ontology_terms(ROOT / "ontologies" / "kg.ttl"))
    target = ROOT / "kg" / "vocab.py"
    target.write_text(source, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(target)], check=False)
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
