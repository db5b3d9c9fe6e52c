"""Cross-document consolidation, run over the store after every build.

Each document is resolved on its own against what the store held when the build
began, so that documents can be processed in any order, in batches, by parallel
workers or on a Dask cluster with the same result. What one document cannot know
is settled here, deterministically, over the whole store:

- a person known only by a surname ("Akazawa") becomes the one stored person
  whose full name ends with it ("Ryosei Akazawa");
- an acronym node ("CFR") becomes the one node of its class that it abbreviates
  or that bears it as an alias;
- an entity given different preferred labels by different documents keeps one
  (the most frequent, then the longest) and the others become alternative labels.

Nodes are never merged across classes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg.rdf import ntriples_term
from kg.resolve import ACTORS, acronym_of, name_key, surname_of
from kg.store import Store
from kg.vocab import RDFS, SKOS

__all__ = ["MergeReport", "merge_entities"]


@dataclass
class MergeReport:
    merged: list[tuple[str, str]]
    relabelled: int

    def __len__(self) -> int:
        return len(self.merged)


def merge_entities(store: Store) -> MergeReport:
    """Merge surname-only persons and acronyms into the entities they name; settle
    preferred labels. Returns what was merged (old IRI, new IRI)."""
    nodes: dict[str, tuple[str, Counter[str], set[str]]] = {}
    for row in store.select(
        "SELECT ?s ?type ?pref ?g WHERE { GRAPH ?g { ?s a ?type ; skos:prefLabel ?pref } "
        "FILTER(STRSTARTS(STR(?type), STR(kg:))) }"
    ):  # per graph: how many documents give each preferred label
        cls = str(row["type"]).rsplit("#", 1)[-1]
        if cls not in ACTORS:
            continue
        iri = str(row["s"])
        entry = nodes.setdefault(iri, (cls, Counter(), set()))
        entry[1][str(row["pref"])] += 1
    for row in store.select("SELECT DISTINCT ?s ?alt WHERE { ?s skos:altLabel ?alt }"):
        iri = str(row["s"])
        if iri in nodes:
            nodes[iri][2].add(str(row["alt"]))

    merges = _merges(nodes)
    for old, new in merges:
        _rewrite(store, old, new)
        cls, labels, aliases = nodes.pop(old)
        target = nodes[new]
        target[1].update(labels)
        target[2].update(labels.keys() | aliases)
    relabelled = 0
    for iri, (cls, labels, _) in sorted(nodes.items()):
        if len(labels) > 1:
            _settle_label(store, iri, _preferred(labels, cls))
            relabelled += 1
    return MergeReport(merges, relabelled)


def _preferred(labels: Counter[str], cls: str = "") -> str:
    """The label to keep: for people the fullest name, else the most frequent."""
    if cls == "Person":
        return max(labels, key=lambda label: (len(label.split()), labels[label], len(label), label))
    return max(labels, key=lambda label: (labels[label], len(label), label))


def _merges(nodes: dict[str, tuple[str, Counter[str], set[str]]]) -> list[tuple[str, str]]:
    surnames: dict[str, set[str]] = defaultdict(set)
    abbreviated: dict[tuple[str, str], set[str]] = defaultdict(set)
    for iri, (cls, labels, aliases) in nodes.items():
        label = _preferred(labels, cls)
        if cls == "Person":
            surname = surname_of(label)
            if surname:
                surnames[surname].add(iri)
        elif len(label.split()) > 1:
            abbreviated[(cls, acronym_of(label))].add(iri)
            for alias in aliases:
                if alias.isupper():
                    abbreviated[(cls, alias)].add(iri)
    merges = []
    for iri, (cls, labels, _) in sorted(nodes.items()):
        label = _preferred(labels, cls)
        if len(label.split()) != 1:
            continue
        if cls == "Person":
            targets = surnames.get(name_key(label), set()) - {iri}
        elif label.isupper() and 2 <= len(label) <= 6:
            targets = abbreviated.get((cls, label), set()) - {iri}
        else:
            continue
        if len(targets) == 1:
            merges.append((iri, targets.pop()))
    return merges


def _rewrite(store: Store, old: str, new: str) -> None:
    """Replace one node by another in every graph, in one transaction; the old node's
    preferred labels become alternative labels of the new one."""
    o, n = f"<{old}>", f"<{new}>"
    store.update(
        f"""
        DELETE {{ GRAPH ?g {{ {o} ?p ?v }} }} INSERT {{ GRAPH ?g {{ {n} ?p ?v }} }}
        WHERE {{ GRAPH ?g {{ {o} ?p ?v }} }} ;
        DELETE {{ GRAPH ?g {{ ?s ?p {o} }} }} INSERT {{ GRAPH ?g {{ ?s ?p {n} }} }}
        WHERE {{ GRAPH ?g {{ ?s ?p {o} }} }} ;
        DELETE {{ {o} ?p ?v }} INSERT {{ {n} ?p ?v }} WHERE {{ {o} ?p ?v }} ;
        DELETE {{ ?s ?p {o} }} INSERT {{ ?s ?p {n} }} WHERE {{ ?s ?p {o} }}
        """
    )


def _settle_label(store: Store, iri: str, label: str) -> None:
    node = f"<{iri}>"
    value = ntriples_term(Literal(label))
    pref, alt, rdfs_label = (
        ntriples_term(URIRef(t)) for t in (SKOS.prefLabel, SKOS.altLabel, RDFS.label)
    )
    store.update(
        f"""
        DELETE {{ GRAPH ?g {{ {node} {pref} ?l . {node} {rdfs_label} ?l }} }}
        INSERT {{ GRAPH ?g {{
            {node} {alt} ?l . {node} {pref} {value} . {node} {rdfs_label} {value} }} }}
        WHERE {{ GRAPH ?g {{ {node} {pref} ?l }} FILTER (?l != {value}) }} ;
        DELETE {{ {node} {pref} ?l . {node} {rdfs_label} ?l }}
        INSERT {{ {node} {alt} ?l . {node} {pref} {value} . {node} {rdfs_label} {value} }}
        WHERE {{ {node} {pref} ?l FILTER (?l != {value}) }}
        """
    )
