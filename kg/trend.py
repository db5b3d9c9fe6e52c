"""An actor over time: `kg trend`.

Per month or ISO week of the corpus's dates: the documents naming the actor, the
events it takes part in (source or target, acts and intentions) and how many of
those are on PLOVER's cooperation side and on its conflict side. The events behind
one point are the named query ``events-of`` with the period's first and last day.
Undated documents and events are left out (and counted apart).

A story several documents carry (``kg:copyOf``, see `kg.duplicates`) counts once,
unless ``all_copies``: as one document, in the period of its earliest dated copy,
and with the events of the copy that tells most of them in each period.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.duplicates import copies_in_store
from kg.errors import KgError
from kg.store import Store

__all__ = ["PERIODS", "Trend", "trend", "write_png"]

PERIODS = ("month", "week")
COLUMNS = ("period", "start", "end", "documents", "events", "cooperation", "conflict")

_ACTORS = """
    SELECT DISTINCT ?node ?label WHERE {
      VALUES ?class { kg:Person kg:Country kg:GovernmentAgency kg:Organization kg:Company
                      kg:MediaOrganization kg:PoliticalParty kg:InternationalOrganization
                      kg:ArmedGroup }
      ?node a ?class ; skos:prefLabel ?label .
    }"""
_ALIASES = "SELECT ?node ?alias WHERE { ?node skos:altLabel ?alias }"
_DOCUMENTS = """
    SELECT DISTINCT ?doc ?date WHERE {
      <%s> kg:mentionedIn ?doc . OPTIONAL { ?doc dcterms:date ?date }
    }"""
_EVENTS = """
    SELECT DISTINCT ?event ?date ?concept ?doc WHERE {
      { ?event kg:source <%s> } UNION { ?event kg:target <%s> }
      ?event kg:eventType ?concept ; kg:modality ?modality ; prov:wasDerivedFrom ?doc .
      FILTER (?modality IN (kg:Act, kg:Intent))
      OPTIONAL { ?event kg:date ?date }
    }"""


@dataclass
class Trend:
    """An actor's counts per period, in time order."""

    actor: str
    label: str
    by: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: Documents and events without a date, which no period holds.
    undated_documents: int = 0
    undated_events: int = 0


def find_actor(store: Store, name: str) -> tuple[str, str]:
    """(IRI, label) of the actor whose label or alias is ``name`` (any case)."""
    wanted = name.casefold().strip()
    labels: dict[str | None, str | None] = {}
    for node, label in store.select_values(_ACTORS):
        labels[node] = label
    for node, label in labels.items():
        if (label or "").casefold() == wanted:
            return node or "", label or ""
    for node, alias in store.select_values(_ALIASES):
        if node in labels and (alias or "").casefold() == wanted:
            return node or "", labels[node] or ""
    close = difflib.get_close_matches(name, [label or "" for label in labels.values()], n=5)
    hint = f"; close: {', '.join(close)}" if close else "; kg rank lists the actors"
    raise KgError(f"no actor named '{name}'{hint}")


def period_of(day: dt.date, by: str) -> tuple[str, dt.date, dt.date]:
    """(name, first day, last day) of the month or ISO week holding ``day``."""
    if by == "week":
        year, week, weekday = day.isocalendar()
        start = day - dt.timedelta(days=weekday - 1)
        return f"{year}-W{week:02d}", start, start + dt.timedelta(days=6)
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return f"{day.year}-{day.month:02d}", start, following - dt.timedelta(days=1)


def trend(store: Store, name: str, *, by: str = "month", all_copies: bool = False) -> Trend:
    """The actor's documents, events, cooperation and conflict per period, a story
    that several documents carry counted once unless ``all_copies``."""
    from kg.analyze import COOPERATION

    if by not in PERIODS:
        raise KgError(f"unknown period '{by}'; use one of: {', '.join(PERIODS)}")
    node, label = find_actor(store, name)
    result = Trend(node, label, by)
    copies = {} if all_copies else copies_in_store(store)
    spans: dict[str, tuple[dt.date, dt.date]] = {}

    def period_named(date: str | None) -> str | None:
        try:
            day = dt.date.fromisoformat((date or "")[:10])
        except ValueError:
            return None
        named, start, end = period_of(day, by)
        spans[named] = (start, end)
        return named

    counts: dict[str, Counter[str]] = {}
    first: dict[str, str] = {}  # each story's earliest date
    for doc, date in store.select_values(_DOCUMENTS % node):
        story = copies.get(doc or "", doc or "")
        if story not in first or (date and (not first[story] or date < first[story])):
            first[story] = date or ""
    for date in first.values():
        if (named := period_named(date)) is None:
            result.undated_documents += 1
        else:
            counts.setdefault(named, Counter())["documents"] += 1
    # events per period by document, then each story's copy that tells most of them
    told: dict[tuple[str, str, str], Counter[str]] = {}
    undated: Counter[str] = Counter()
    for _, date, concept, doc in store.select_values(_EVENTS % (node, node)):
        story = copies.get(doc or "", doc or "")
        kind = (concept or "").rsplit("#", 1)[-1].lower()
        if (named := period_named(date)) is None:
            undated[doc or ""] += 1
            continue
        found = told.setdefault((named, story, doc or ""), Counter())
        found["events"] += 1
        found["cooperation" if kind in COOPERATION else "conflict"] += 1
    best: dict[tuple[str, str], Counter[str]] = {}
    for (named, story, _), found in sorted(told.items()):
        if found["events"] > best.get((named, story), Counter())["events"]:
            best[(named, story)] = found
    for (named, _), found in best.items():
        counts.setdefault(named, Counter()).update(found)
    stories: Counter[str] = Counter()
    for doc, n in undated.items():
        story = copies.get(doc, doc)
        stories[story] = max(stories[story], n)
    result.undated_events = sum(stories.values())
    for period in sorted(counts):
        start, end = spans[period]
        row: dict[str, Any] = {"period": period, "start": start.isoformat(), "end": end.isoformat()}
        row.update({column: counts[period][column] for column in COLUMNS[3:]})
        result.rows.append(row)
    return result


def write_png(result: Trend, path: str | Path) -> Path:
    """The trend as a line plot (matplotlib), one line per count."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    periods = [row["period"] for row in result.rows]
    figure, axes = plt.subplots(figsize=(10, 4.5), dpi=110)
    for column in COLUMNS[3:]:
        axes.plot(periods, [row[column] for row in result.rows], marker="o", label=column)
    axes.set_title(f"{result.label} by {result.by}")
    axes.set_ylabel("count")
    axes.legend()
    axes.tick_params(axis="x", labelrotation=45)
    figure.tight_layout()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out)
    plt.close(figure)
    return out
