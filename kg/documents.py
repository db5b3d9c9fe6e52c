"""The documents of a store, as things a user lists and removes: `kg documents` and
`kg remove`.

Removing a document drops its named graph and the triples only it held from the
default graph (the union queries read), then brings the other graphs back in line
with the corpus-wide consolidation without it (a surname another article merged
into this document's full name stands alone again) and clears stored centrality,
which described the graph before. The links between republished copies of a
story (`kg.duplicates`) lose it: when the canonical document of a story goes, the
earliest of its copies becomes the canonical one, and copies that were one story
only through it become stories of their own. The store then holds what a build of
the other documents alone would hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.duplicates import copies_in_store, restore_stories
from kg.errors import KgError
from kg.store import ANALYSIS_GRAPH, Store

__all__ = ["StoredDocument", "list_documents", "remove_documents"]

#: Entities and assertions are counted in subqueries of their own: counted in one
#: group, every entity of a graph would pair with every assertion.
_DOCUMENTS = """
    SELECT ?g ?id ?title ?date ?source
           (COALESCE(?e, 0) AS ?entities) (COALESCE(?a, 0) AS ?relations)
    WHERE {
      GRAPH ?g {
        ?g a kg:Document ; dcterms:identifier ?id .
        OPTIONAL { ?g dcterms:title ?title }
        OPTIONAL { ?g dcterms:date ?date }
        OPTIONAL { ?g dcterms:source ?source }
      }
      OPTIONAL { SELECT ?g (COUNT(DISTINCT ?entity) AS ?e)
                 WHERE { GRAPH ?g { ?entity kg:mentionedIn ?g } } GROUP BY ?g }
      OPTIONAL { SELECT ?g (COUNT(DISTINCT ?assertion) AS ?a)
                 WHERE { GRAPH ?g { ?assertion a rdf:Statement } } GROUP BY ?g }
    }
    ORDER BY ?date ?id"""


@dataclass(frozen=True)
class StoredDocument:
    """One document of the store and what its graph holds."""

    graph: str
    id: str
    title: str
    date: str
    source: str
    entities: int
    relations: int
    #: The id of the canonical document of the story this one republishes, else "".
    copy_of: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "date": self.date, "source": self.source,
            "entities": self.entities, "relations": self.relations, "copy_of": self.copy_of,
            "graph": self.graph,
        }  # fmt: skip


def list_documents(store: Store) -> list[StoredDocument]:
    """Every document of the store, by date then id, each copy of a republished story
    with the id of the story's canonical document."""
    rows = store.select_values(_DOCUMENTS)
    ids = {graph: ident for graph, ident, *_ in rows}
    copies = copies_in_store(store)
    return [
        StoredDocument(
            graph=graph or "",
            id=ident or "",
            title=title or "",
            date=(date or "")[:10],
            source=source or "",
            entities=int(entities or 0),
            relations=int(relations or 0),
            copy_of=ids.get(copies.get(graph or ""), "") or "",
        )
        for graph, ident, title, date, source, entities, relations in rows
    ]


def remove_documents(store: Store, ids: list[str], resolutions: Any = None) -> list[str]:
    """Remove the documents with these ids (see the module docstring) and return their
    graphs. An id the store does not hold is an error, and then nothing is removed."""
    from rdflib import URIRef

    from kg.build import consolidate, load_resolutions

    by_id = {document.id: document.graph for document in list_documents(store)}
    unknown = [ident for ident in ids if ident not in by_id]
    if unknown:
        raise KgError(
            f"no document with id {', '.join(repr(i) for i in unknown)} in {store.path}; "
            "kg documents lists them"
        )
    graphs = list(dict.fromkeys(by_id[ident] for ident in ids))
    for graph in graphs:
        store.remove_graph(URIRef(graph))
    consolidate(store, resolutions if resolutions is not None else load_resolutions(None))
    restore_stories(store)
    if store.has_graph(ANALYSIS_GRAPH):
        from kg.analyze import clear_scores

        clear_scores(store)
    return graphs
