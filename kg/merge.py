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
and nodes are never merged across classes. A surname joins a full name only when
the names are compatible (no clash of gender or given name, see
`kg.extract.names`), that full name is the only compatible one, and the two are
named among the same other actors in at least one document each (a shared
country, party, body or person).

Every merge is recorded in the graph ``kgr:graph/merges`` (rule, confidence, the
documents on each side), rewritten from the consolidation after each batch, and
a user's resolutions file of "same" and "different" pairs overrides the rules
(`Resolutions`).
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.extract.names import PersonName, compatible, parse_name
from kg.gazetteer import normalize_form
from kg.resolve import ACTORS, acronym_of, entity_key, name_key, surname_of
from kg.vocab import KG, KGR, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

__all__ = [
    "MERGES_GRAPH",
    "Consolidation",
    "MergeReport",
    "Occurrence",
    "Resolutions",
    "occurrences_in_store",
    "read_resolutions",
]

log = logging.getLogger(__name__)

#: The named graph holding one record per cross-document merge.
MERGES_GRAPH = str(KGR["graph/merges"])
#: How far each rule is to be trusted; recorded on its merges.
RULE_CONFIDENCE = {
    "resolution": 1.0,
    "alias": 0.9,
    "acronym": 0.85,
    "surname": 0.75,
}

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
    #: For people: the honorific written before the name in the document, if any.
    title: str | None = None

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
    #: For people: the honorifics documents write before the name.
    titles: Counter[str] = field(default_factory=Counter)

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

    >>> japan = Occurrence("g1", "country/JPN", "Country", "Japan", None)
    >>> akazawa = Occurrence("g1", "p/akazawa", "Person", "Akazawa", "Akazawa")
    >>> c = Consolidation([japan, akazawa])
    >>> ryosei = Occurrence("g2", "p/ryosei", "Person", "Ryosei Akazawa", "Ryosei Akazawa")
    >>> _ = c.update([ryosei, Occurrence("g2", "country/JPN", "Country", "Japan", None)])
    >>> c.target(akazawa)[1]
    'Ryosei Akazawa'
    """

    def __init__(
        self, occurrences: Iterable[Occurrence] = (), resolutions: Resolutions | None = None
    ) -> None:
        self._graphs: dict[str, list[Occurrence]] = {}
        self._keys: dict[str, _Key] = {}
        #: local IRI -> graphs holding an occurrence of it
        self._holders: dict[str, set[str]] = defaultdict(set)
        self._mapping: dict[str, str] = {}
        #: local IRI -> the rule that maps it
        self._rules: dict[str, str] = {}
        #: target IRI -> the actors named beside it (computed when first asked)
        self._target_contexts: dict[str, set[str]] = {}
        #: local IRI of a body -> the body it stands for, by the rules alone: whether a
        #: surname's context agrees may hang on an acronym ("the COE") standing for a
        #: name ("Confederation of Employers")
        self._bodies: dict[str, str] = {}
        self.resolutions = resolutions or Resolutions()
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
        old_mapping, old_bodies = self._mapping, self._bodies
        self._mapping = self._canonical()
        changed = {
            local
            for local in old_mapping.keys() | self._mapping.keys()
            if old_mapping.get(local) != self._mapping.get(local)
        }
        # a key whose label or mapping changed affects every graph holding it or
        # holding a key that maps onto it
        affected = relabelled | changed
        # a surname's merge hangs on what the documents naming its full name say too
        affected |= {
            local
            for local, target in self._mapping.items()
            if self._rules.get(local) == "surname"
            and (target in named or self._bodies != old_bodies)
        }
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
        if occurrence.title:
            key.titles[occurrence.title] += 1
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
        if occurrence.title:
            key.titles[occurrence.title] -= 1
            key.titles = +key.titles
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
        direct: dict[str, tuple[str, str]] = {}
        self._bodies = {}
        for local, key in sorted(self._keys.items()):
            if key.fixed is not None:
                continue  # a gazetteer entity is itself
            label = labels[local]
            rule = "alias"
            targets = aliased.get((key.cls, name_key(label)), set()) - {local}
            if key.cls == "Person":
                targets = self._people_for(local, targets)
                if len(label.split()) == 1:
                    rule = "surname"
            if not targets and len(label.split()) == 1:
                if key.cls == "Person":
                    rule = "surname"
                    targets = self._people_for(local, surnames.get(name_key(label), set()))
                elif _is_acronym(label):
                    rule = "acronym"
                    targets = abbreviated.get((key.cls, normalize_form(label)), set()) - {local}
            if len(targets) == 1:
                direct[local] = (next(iter(targets)), rule)
                if key.cls != "Person":
                    self._bodies[local] = next(iter(targets))
        self.resolutions.apply(direct, self._keys)
        mapping: dict[str, str] = {}
        self._rules = {}
        self._target_contexts = {}
        for local in direct:
            seen = {local}
            target = direct[local][0]
            while target in direct and target not in seen:
                seen.add(target)
                target = direct[target][0]
            if target not in seen:
                mapping[local] = target
                self._rules[local] = direct[local][1]
        return mapping

    def _person_name(self, local: str) -> PersonName:
        key = self._keys[local]
        title = key.titles.most_common(1)[0][0] if key.titles else None
        return parse_name(key.label, title)

    def _people_for(self, local: str, candidates: set[str]) -> set[str]:
        """The people a person's name may stand for: the candidates whose names are
        compatible with it."""
        name = self._person_name(local)
        return {
            other for other in candidates - {local} if compatible(name, self._person_name(other))
        }

    def _context(self, graphs: Iterable[str], without: str) -> set[str]:
        """The actors named in ``graphs`` besides ``without``."""
        found: set[str] = set()
        for graph in graphs:
            found.update(
                _context_key(o, self._bodies)
                for o in self._graphs.get(graph, ())
                if o.local != without
            )
        return found

    def _agrees(self, graph: str, local: str, target: str) -> bool:
        """Whether a graph names ``local`` among actors that the documents naming
        ``target`` name too (a surname needs that to join a full name)."""
        if self._rules.get(local) != "surname":
            return True
        context = self._target_contexts.get(target)
        if context is None:
            context = self._context(self._holders.get(target, ()), target)
            self._target_contexts[target] = context
        return bool(self._context([graph], local) & context)

    # --- the record of merges -------------------------------------------------------------

    def merge_lines(self) -> list[str]:
        """N-Triples lines of the merges graph: one record per name merged into another
        in at least one document, with the rule, its confidence and the documents."""
        # only the graphs holding a name the rules map can hold a merge: looking at
        # those, not at every graph, keeps this per-batch record cheap on big stores
        applied: dict[str, set[str]] = defaultdict(set)
        for graph in {g for local in self._mapping for g in self._holders.get(local, ())}:
            for local in self._graph_mapping(graph):
                applied[local].add(graph)
        lines: list[str] = []
        for local, graphs in sorted(applied.items()):
            target = self._mapping[local]
            rule = self._rules.get(local, "alias")
            record = ox.NamedNode(str(KGR[f"merge/{_digest(local, target)}"]))
            lines += [
                f"{record} <{RDF.type}> <{KG.Merge}> .",
                f"{record} <{KG.mergedFrom}> <{local}> .",
                f"{record} <{KG.mergedInto}> <{target}> .",
                f"{record} <{KG.mergedLabel}> {ox.Literal(self._keys[local].label)} .",
                f"{record} <{KG.mergeRule}> {ox.Literal(rule)} .",
                f"{record} <{KG.confidence}> "
                f"{ox.Literal(f'{RULE_CONFIDENCE[rule]:.2f}', datatype=_DECIMAL)} .",
            ]
            lines += [f"{record} <{PROV.wasDerivedFrom}> <{graph}> ." for graph in sorted(graphs)]
            lines += [
                f"{record} <{KG.supportedBy}> <{graph}> ."
                for graph in sorted(self._holders.get(target, ()))
            ]
        return lines

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
            if target not in present and claims[target] == 1 and self._agrees(graph, local, target)
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
                Occurrence(
                    graph,
                    node,
                    occurrence.cls,
                    pref,
                    occurrence.name,
                    occurrence.aliases,
                    occurrence.title,
                )  # fmt: skip
            )
        report.graphs += 1
        lines = list(_rewritten(triples, renames, labels))
        self._graphs[graph] = occurrences
        return lines, occurrences


_DECIMAL = ox.NamedNode(str(XSD.decimal))


def _context_key(occurrence: Occurrence, bodies: dict[str, str]) -> str:
    """How a co-mentioned actor is compared: a person by surname, so that "Blair" in
    one article and "Tony Blair" in another agree; anything else by the IRI it is
    consolidated to."""
    if occurrence.cls == "Person" and occurrence.name is not None:
        return "person:" + (surname_of(occurrence.name) or name_key(occurrence.name))
    return bodies.get(occurrence.local, occurrence.local)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


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
        SELECT ?g ?node ?cls ?pref ?name ?title
               (GROUP_CONCAT(?alt; SEPARATOR="\\u001f") AS ?alts)
        WHERE {{
            {values}
            VALUES ?cls {{ {classes} }}
            GRAPH ?g {{
                ?node a ?cls ; <{SKOS.prefLabel}> ?pref .
                OPTIONAL {{ ?node <{KG.documentLabel}> ?name }}
                OPTIONAL {{ ?node <{SKOS.altLabel}> ?alt }}
                OPTIONAL {{ ?node <{SCHEMA.honorificPrefix}> ?title }}
            }}
        }} GROUP BY ?g ?node ?cls ?pref ?name ?title
    """
    found = []
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        graph, node, cls, pref, name, title, alts = (None if v is None else v.value for v in row)
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
                title,
            )
        )
    return found


# --- the user's resolutions ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Resolution:
    """One line of a resolutions file: two entities that are, or are not, the same."""

    same: bool
    first: str
    second: str
    where: str  # "file:line", for messages


@dataclass
class Resolutions:
    """A user's "same" and "different" pairs, which override the merge rules.

    An entity is named by its IRI (``kgr:person/robert-armstrong`` or the full IRI)
    or by its label, which must then name one entity. A pair naming an entity the
    store does not hold is left aside and reported by `problems`.
    """

    pairs: list[Resolution] = field(default_factory=list)
    #: Lines that could not be read, as messages naming the file and line.
    errors: list[str] = field(default_factory=list)
    #: Pairs left aside at the last consolidation, as messages.
    unresolved: dict[str, str] = field(default_factory=dict)

    def problems(self) -> list[str]:
        return [*self.errors, *(self.unresolved[where] for where in sorted(self.unresolved))]

    def apply(self, direct: dict[str, tuple[str, str]], keys: dict[str, _Key]) -> None:
        """Change the rules' links (local IRI -> (target, rule)) as the pairs say."""
        self.unresolved = {}
        found: list[tuple[Resolution, str, str]] = []
        for pair in self.pairs:
            ends = [_entity_named(name, keys) for name in (pair.first, pair.second)]
            problem = next((e for e in ends if isinstance(e, _Problem)), None)
            if problem is not None:
                self.unresolved[pair.where] = f"{pair.where}: {problem.text}; line skipped"
                continue
            first, second = str(ends[0]), str(ends[1])
            if pair.same and keys[first].cls != keys[second].cls:
                self.unresolved[pair.where] = (
                    f"{pair.where}: {pair.first} is a {keys[first].cls} and {pair.second} a "
                    f"{keys[second].cls}; kg never merges across classes; line skipped"
                )
                continue
            if first != second:
                found.append((pair, first, second))
        for pair, first, second in found:
            if pair.same and keys[first].fixed is None:
                direct[first] = (second, "resolution")
        for pair, first, second in found:
            if not pair.same:
                _separate(direct, first, second)


class _Problem:
    def __init__(self, text: str) -> None:
        self.text = text


def _entity_named(name: str, keys: dict[str, _Key]) -> str | _Problem:
    """The local IRI a resolutions file means by ``name``."""
    if name.startswith("kgr:"):
        name = str(KGR[name.removeprefix("kgr:")])
    if name in keys:
        return name
    if name.startswith(("http://", "https://")):
        return _Problem(f"unknown entity <{name}>")
    wanted = name_key(name)
    matches = sorted(
        local
        for local, key in keys.items()
        if name_key(key.label) == wanted or any(name_key(n) == wanted for n in key.names)
    )
    if not matches:
        return _Problem(f"unknown entity '{name}'")
    if len(matches) > 1:
        return _Problem(f"'{name}' names {len(matches)} entities; give the IRI of one")
    return matches[0]


def _final(direct: dict[str, tuple[str, str]], local: str) -> str:
    seen = {local}
    while local in direct and direct[local][0] not in seen:
        local = direct[local][0]
        seen.add(local)
    return local


def _separate(direct: dict[str, tuple[str, str]], first: str, second: str) -> None:
    """Cut the links that make two entities one."""
    while _final(direct, first) == _final(direct, second):
        for end in (first, second):
            chain = [end]
            while chain[-1] in direct and direct[chain[-1]][0] not in chain:
                chain.append(direct[chain[-1]][0])
            if len(chain) > 1:
                del direct[end]
                break
        else:
            return


def read_resolutions(path: str | Path) -> Resolutions:
    """Read a resolutions file: tab-separated ``same`` or ``different``, then two
    entities; # starts a comment. Bad lines are kept as errors, not raised."""
    path = Path(path)
    resolutions = Resolutions()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        resolutions.errors.append(f"{path}: cannot be read ({error}); no resolutions used")
        return resolutions
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [part.strip() for part in line.split("\t")]
        where = f"{path}:{number}"
        if len(fields) != 3 or not all(fields):
            resolutions.errors.append(
                f"{where}: expected 3 tab-separated fields (same|different, entity, entity), "
                f"found {len([f for f in fields if f])}; line skipped"
            )
            continue
        kind, first, second = fields
        if kind.casefold() not in {"same", "different"}:
            resolutions.errors.append(
                f"{where}: the first field must be 'same' or 'different', not '{kind}'; "
                "line skipped"
            )
            continue
        resolutions.pairs.append(Resolution(kind.casefold() == "same", first, second, where))
    return resolutions
