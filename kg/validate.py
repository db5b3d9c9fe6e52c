"""Check a store against kg's SHACL shapes and its violation queries.

The store's default graph (the union of all documents) is copied into memory and
validated with pyshacl against ontologies/shapes.ttl; then every
``ontologies/queries/*-violation.rq`` query is run on the store and each row it
returns is a violation. The report groups violations by message.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.ontology import ontology_path
from kg.query import named_queries, run_query
from kg.store import Store
from kg.vocab import SKOS

__all__ = ["ValidationReport", "Violation", "validate", "validate_graph"]


@dataclass(frozen=True)
class Violation:
    """One node that breaks one rule."""

    rule: str
    message: str
    focus: str
    label: str = ""
    value: str = ""


@dataclass
class ValidationReport:
    triples: int
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations

    def grouped(self) -> dict[str, list[Violation]]:
        groups: dict[str, list[Violation]] = defaultdict(list)
        for violation in self.violations:
            groups[violation.message].append(violation)
        return dict(sorted(groups.items()))

    def text(self, examples: int = 5) -> str:
        if self.conforms:
            return f"valid: {self.triples:,} triples conform to kg's shapes and checks"
        lines = [f"{len(self.violations)} violation(s) in {self.triples:,} triples:"]
        for message, found in self.grouped().items():
            lines.append(f"  {message}  ({len(found)} node{'s' if len(found) != 1 else ''})")
            for violation in found[:examples]:
                name = f" ({violation.label})" if violation.label else ""
                value = f" value: {violation.value}" if violation.value else ""
                lines.append(f"    - {violation.focus}{name}{value}")
            if len(found) > examples:
                lines.append(f"    ... and {len(found) - examples} more")
        return "\n".join(lines)


@functools.cache
def shapes_graph() -> Graph:
    return Graph().parse(ontology_path("shapes.ttl"))


def validate_graph(data: Graph, shapes: Graph | None = None) -> list[Violation]:
    """SHACL violations of a graph against kg's shapes."""
    from pyshacl import validate as shacl_validate

    _, results, _ = shacl_validate(
        data,
        shacl_graph=shapes or shapes_graph(),
        inference="none",
        advanced=True,
        meta_shacl=False,
    )
    assert isinstance(results, Graph)
    found = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        message = results.value(result, SH.resultMessage)
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        label = data.value(focus, SKOS.prefLabel) if focus is not None else None
        text = str(message) if message is not None else "violation"
        found.append(
            Violation(
                rule=text.split(":", 1)[0],
                message=text,
                focus=str(focus),
                label=str(label or ""),
                value=str(value) if isinstance(value, Literal | URIRef) else "",
            )
        )
    return found


def validate(store: Store) -> ValidationReport:
    """Validate the store's default graph and run the violation queries."""
    import pyoxigraph as ox

    data = Graph()
    triples = store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())
    payload = ox.serialize((quad.triple for quad in triples), format=ox.RdfFormat.N_TRIPLES)
    if payload:
        data.parse(data=payload.decode("utf-8"), format="nt")
    report = ValidationReport(triples=len(data))
    report.violations.extend(validate_graph(data))
    for name, query in sorted(named_queries().items()):
        if not name.endswith("-violation"):
            continue
        result = run_query(store, name)
        message = f"{name}: {query.description}"
        for record in result.records():
            values = [str(value) for value in record.values() if value is not None]
            report.violations.append(
                Violation(
                    rule=name,
                    message=message,
                    focus=values[0] if values else "",
                    value=" ".join(values[1:]),
                )
            )
    return report


def shape_examples(folder: Path) -> list[tuple[str, Path, bool]]:
    """(shape id, example file, should conform) for the example files of the shapes."""
    examples = []
    for path in sorted(folder.glob("*.ttl")):
        shape, _, kind = path.stem.rpartition("-")
        examples.append((shape, path, kind == "valid"))
    return examples
