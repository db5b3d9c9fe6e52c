"""Cross-document consolidation: what no single document can settle.

Each document is resolved on its own (`kg.resolve`), so its graph is a function
of its text. A corpus still says more than its documents one by one:

- a person known only by a surname ("Akazawa") is the one person of the corpus
  whose full name ends with it ("Ryosei Akazawa");
- an acronym ("CFR") is the one body of its class that it abbreviates, or that
  bears it as an alias;
- a name ("Keidanren") is the one entity of its class that another document
  gave it as an alias ("Japan Business Federation (Keidanren)");
- an entity named differently by different documents keeps one preferred label
  (for people the fullest name, else the most frequent) and the others become
  alternative labels.

The consolidation is computed from what each document's graph says of its own
entities (class, ``kg:documentLabel``, alternative labels), never from an
earlier consolidation, and applied by rewriting the graphs whose entities must
change. So the store is a function of the set of documents built into it:
building A then B, B then A, or both at once gives the same quads, and a surname
merged while one full name was known is split again when a second one arrives.
Within one graph two entities never become one (the document said they differ),
and nodes are never merged across classes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.gazetteer import normalize_form
from kg.resolve import ACTORS, acronym_of, entity_key, name_key, surname_of
from kg.vocab import KG, KGR, RDFS, SKOS

__all__ = ["Consolidation", "MergeReport", "Occurrence", "occurrences_in_store"]

_PREF, _LABEL, _ALT = (
    ox.NamedNode(str(term)) for term in (SKOS.prefLabel, RDFS.label, SKOS.altLabel)
)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An actor as one document's graph holds it."""

    graph: str
    #: The node's IRI in the graph now (after any earlier consolidation).
    node: str
    cls: str
    #: Its preferred label in the graph now.
    pref: str
    #: The document's own name for it (``kg:documentLabel``); None for gazetteer
    #: entities, whose IRI and label never change.
    name: str | None
    #: Alternative labels the document gave it (without ``name``).
    aliases: frozenset[str] = frozenset()

    @property
    def local(self) -> str:
        """The IRI the document alone gives this entity."""
        if self.name is None:
            return self.node
        return str(KGR[entity_key(self.cls, self.name)])


@dataclass
class MergeReport:
    """What a consolidation changed: nodes renamed in some graph, labels settled."""

    merged: list[tuple[str, str]] = field(default_factory=list)
    relabelled: int = 0
    graphs: int = 0

    def __len__(self) -> int:
        return len(self.merged)


@dataclass
class _Key:
    """Everything the corpus says of one document-level IRI."""

    cls: str
    names: Counter[str] = field(default_factory=Counter)
    #: alias -> how many documents give it
    aliases: Counter[str] = field(default_factory=Counter)
    #: A gazetteer entity's fixed label.
    fixed: str | None = None

    @property
    def label(self) -> str:
        if self.fixed is not None:
            return self.fixed
        return _preferred(self.names, self.cls)


def _preferred(labels: Counter[str], cls: str) -> str:
    """The label to keep: for people the fullest name, else the most frequent."""
    if cls == "Person":
        return max(labels, key=lambda label: (len(label.split()), labels[label], len(label), label))
    return max(labels, key=lambda label: (labels[label], len(label), label))


def _fuller(a: str, b: str) -> bool:
    """Whether name ``a`` says more than ``b`` (so ``b`` may stand for ``a``)."""
    return (len(a.split()), len(a)) > (len(b.split()), len(b))


class Consolidation:
    """The corpus-wide view of a store's actors, kept up to date as graphs are written.

    >>> c = Consolidation()
    >>> _ = c.update([Occurrence("g1", "p/akazawa", "Person", "Akazawa", "Akazawa")])
    >>> _ = c.update([Occurrence("g2", "p/ryosei", "Person", "Ryosei Akazawa", "Ryosei Akazawa")])
    >>> c.target(Occurrence("g1", "p/akazawa", "Person", "Akazawa", "Akazawa"))[1]
    'Ryosei Akazawa'
    """

    def __init__(self, occurrences: Iterable[Occurrence] = ()) -> None:
        self._graphs: dict[str, list[Occurrence]] = {}
        self._keys: dict[str, _Key] = {}
        #: local IRI -> graphs holding an occurrence of it
        self._holders: dict[str, set[str]] = defaultdict(set)
        self._mapping: dict[str, str] = {}
        self.update(occurrences)

    # --- the corpus ---------------------------------------------------------------------

    def update(self, occurrences: Iterable[Occurrence], replaced: Iterable[str] = ()) -> set[str]:
        """Take in graphs (all the occurrences of each), replacing what was known of
        them and of the ``replaced`` graphs; return the graphs whose entities' IRIs or
        labels may now have to change."""
        by_graph: dict[str, list[Occurrence]] = defaultdict(list)
        for occurrence in occurrences:
            by_graph[occurrence.graph].append(occurrence)
        leaving = [old for graph in {*replaced, *by_graph} for old in self._graphs.pop(graph, [])]
        # the minted entities whose names are added or removed, and their labels before
        named = {
            o.local
            for o in (*leaving, *(o for found in by_graph.values() for o in found))
            if o.name is not None
        }
        before = {local: self._keys[local].label for local in named if local in self._keys}
        for old in leaving:
            self._forget(old)
        for graph, found in by_graph.items():
            self._graphs[graph] = found
            for occurrence in found:
                self._learn(occurrence)
        relabelled = {
            local
            for local in named
            if local in self._keys and self._keys[local].label != before.get(local)
        }
        old_mapping = self._mapping
        self._mapping = self._canonical()
        changed = {
            local
            for local in old_mapping.keys() | self._mapping.keys()
            if old_mapping.get(local) != self._mapping.get(local)
        }
        # a key whose label or mapping changed affects every graph holding it or
        # holding a key that maps onto it
        affected = relabelled | changed
        affected |= {local for local, target in self._mapping.items() if target in affected}
        graphs = {graph for local in affected for graph in self._holders.get(local, ())}
        return (graphs | by_graph.keys()) & self._graphs.keys()

    def _learn(self, occurrence: Occurrence) -> None:
        local = occurrence.local
        key = self._keys.get(local)
        if key is None:
            key = self._keys[local] = _Key(occurrence.cls)
        if occurrence.name is None:
            key.fixed = occurrence.pref
        else:
            key.names[occurrence.name] += 1
        key.aliases.update(occurrence.aliases)
        self._holders[local].add(occurrence.graph)

    def _forget(self, occurrence: Occurrence) -> None:
        local = occurrence.local
        key = self._keys[local]
        holders = self._holders[local]
        holders.discard(occurrence.graph)
        if occurrence.name is not None:
            key.names[occurrence.name] -= 1
            if key.names[occurrence.name] <= 0:
                del key.names[occurrence.name]
        key.aliases.subtract(occurrence.aliases)
        key.aliases = +key.aliases  # drop what no document gives any more
        if not holders:
            del self._keys[local], self._holders[local]

    # --- the rules ----------------------------------------------------------------------

    def _canonical(self) -> dict[str, str]:
        """local IRI -> the IRI it stands for, for the names that stand for another."""
        surnames: dict[str, set[str]] = defaultdict(set)
        abbreviated: dict[tuple[str, str], set[str]] = defaultdict(set)
        aliased: dict[tuple[str, str], set[str]] = defaultdict(set)
        labels = {local: key.label for local, key in self._keys.items()}
        for local, key in self._keys.items():
            label = labels[local]
            if key.cls == "Person":
                surname = surname_of(label)
                if surname:
                    surnames[surname].add(local)
            elif len(label.split()) > 1:
                abbreviated[(key.cls, acronym_of(label))].add(local)
            for alias in key.aliases:
                if _fuller(label, alias):
                    aliased[(key.cls, name_key(alias))].add(local)
                    if key.cls != "Person" and alias.isupper():
                        abbreviated[(key.cls, alias)].add(local)
        direct: dict[str, str] = {}
        for local, key in sorted(self._keys.items()):
            if key.fixed is not None:
                continue  # a gazetteer entity is itself
            label = labels[local]
            targets = aliased.get((key.cls, name_key(label)), set()) - {local}
            if not targets and len(label.split()) == 1:
                if key.cls == "Person":
                    targets = surnames.get(name_key(label), set()) - {local}
                elif _is_acronym(label):
                    targets = abbreviated.get((key.cls, normalize_form(label)), set()) - {local}
            if len(targets) == 1:
                direct[local] = next(iter(targets))
        mapping: dict[str, str] = {}
        for local in direct:
            seen = {local}
            target = direct[local]
            while target in direct and target not in seen:
                seen.add(target)
                target = direct[target]
            if target not in seen:
                mapping[local] = target
        return mapping

    # --- what a graph should say -----------------------------------------------------

    def target(self, occurrence: Occurrence) -> tuple[str, str]:
        """The IRI and preferred label an occurrence should have in its graph."""
        return self._target(occurrence, self._graph_mapping(occurrence.graph))

    def _target(self, occurrence: Occurrence, mapping: dict[str, str]) -> tuple[str, str]:
        local = occurrence.local
        node = mapping.get(local, local)
        key = self._keys.get(node)
        return node, key.label if key is not None else occurrence.pref

    def _graph_mapping(self, graph: str) -> dict[str, str]:
        """The corpus mapping restricted to one graph: never two of its entities onto
        one node, never one onto a node the graph itself holds."""
        locals_ = [occurrence.local for occurrence in self._graphs.get(graph, ())]
        present = set(locals_)
        wanted = {local: self._mapping[local] for local in locals_ if local in self._mapping}
        claims = Counter(wanted.values())
        return {
            local: target
            for local, target in wanted.items()
            if target not in present and claims[target] == 1
        }

    def graph_occurrences(self, graph: str) -> list[Occurrence]:
        return list(self._graphs.get(graph, ()))

    def stale(self, graphs: Iterable[str]) -> list[str]:
        """Those of ``graphs`` holding an entity whose IRI or label must change."""
        return sorted(graph for graph in graphs if self._is_stale(graph))

    def _is_stale(self, graph: str) -> bool:
        mapping = self._graph_mapping(graph)
        return any(
            self._target(occurrence, mapping) != (occurrence.node, occurrence.pref)
            for occurrence in self._graphs.get(graph, ())
            if occurrence.name is not None
        )

    def rewrite(
        self, graph: str, triples: Iterable[ox.Triple | ox.Quad], report: MergeReport
    ) -> tuple[list[str], list[Occurrence]]:
        """A graph's N-Triples lines with its entities at their consolidated IRIs and
        labels, and its occurrences as they then stand."""
        renames: dict[str, str] = {}
        labels: dict[str, tuple[str, str]] = {}  # new node -> (preferred, document's name)
        occurrences: list[Occurrence] = []
        mapping = self._graph_mapping(graph)
        for occurrence in self._graphs.get(graph, ()):
            if occurrence.name is None:
                occurrences.append(occurrence)
                continue
            node, pref = self._target(occurrence, mapping)
            if node != occurrence.node:
                renames[occurrence.node] = node
                report.merged.append((occurrence.local, node))
            if pref != occurrence.pref:
                report.relabelled += 1
            labels[node] = (pref, occurrence.name)
            occurrences.append(
                Occurrence(graph, node, occurrence.cls, pref, occurrence.name, occurrence.aliases)
            )
        report.graphs += 1
        lines = list(_rewritten(triples, renames, labels))
        self._graphs[graph] = occurrences
        return lines, occurrences


def _is_acronym(label: str) -> bool:
    return label.isupper() and 2 <= len(label) <= 6


def _rewritten(
    triples: Iterable[ox.Triple | ox.Quad],
    renames: dict[str, str],
    labels: dict[str, tuple[str, str]],
) -> Iterator[str]:
    """The triples with nodes renamed and each entity's labels set: its preferred
    label, and the document's own name as an alternative when that is not it."""

    def renamed(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
        if isinstance(term, ox.NamedNode) and term.value in renames:
            return f"<{renames[term.value]}>"
        return str(term)

    for triple in triples:
        subject = triple.subject
        if isinstance(subject, ox.NamedNode):
            node = renames.get(subject.value, subject.value)
            if node in labels and triple.predicate in (_PREF, _LABEL):
                continue
            if (
                node in labels
                and triple.predicate == _ALT
                and isinstance(triple.object, ox.Literal)
                and triple.object.value == labels[node][1]
            ):
                continue  # the document's name, demoted earlier: set again below
        yield f"{renamed(subject)} {triple.predicate} {renamed(triple.object)} ."
    for node, (pref, name) in sorted(labels.items()):
        value = str(ox.Literal(pref))
        yield f"<{node}> {_PREF} {value} ."
        yield f"<{node}> {_LABEL} {value} ."
        if pref != name:
            yield f"<{node}> {_ALT} {ox.Literal(name)} ."


def occurrences_in_store(store: ox.Store, graphs: Sequence[str] | None = None) -> list[Occurrence]:
    """The actors of the store's document graphs (or of the given ones)."""
    classes = " ".join(f"<{KG[cls]}>" for cls in sorted(ACTORS))
    values = (
        "VALUES ?g { " + " ".join(f"<{graph}>" for graph in graphs) + " }"
        if graphs is not None
        else ""
    )
    query = f"""
        SELECT ?g ?node ?cls ?pref ?name
               (GROUP_CONCAT(?alt; SEPARATOR="\\u001f") AS ?alts)
        WHERE {{
            {values}
            VALUES ?cls {{ {classes} }}
            GRAPH ?g {{
                ?node a ?cls ; <{SKOS.prefLabel}> ?pref .
                OPTIONAL {{ ?node <{KG.documentLabel}> ?name }}
                OPTIONAL {{ ?node <{SKOS.altLabel}> ?alt }}
            }}
        }} GROUP BY ?g ?node ?cls ?pref ?name
    """
    found = []
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        graph, node, cls, pref, name, alts = (None if v is None else v.value for v in row)
        assert graph is not None and node is not None and cls is not None and pref is not None
        aliases = frozenset(alts.split("\x1f")) if alts else frozenset()
        found.append(
            Occurrence(
                graph,
                node,
                cls.rsplit("#", 1)[-1],
                pref,
                name,
                aliases - {name} if name else aliases,
            )
        )
    return found
