"""Events as records for the event-data world: `kg events` and its formats.

The named query ``events`` (ontologies/queries/events.rq) gives one row per source
and target of each event; `event_records` folds them into one record per event:
its id, date, PLOVER type, mode, modality, source and target actors (label, class,
ISO 3166 alpha-3 country code), place, evidence sentence and document. They are
written as CSV (one row per event, actors joined with '; '), JSON Lines, or
PLOVER-style JSON (one object per source and target pair, with PLOVER's field
names: ``actor``, ``actor_country``, ``recipient``, ``recipient_country``,
``event_type``, ``mode``, ``context``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from kg.store import Store

__all__ = ["FORMATS", "event_records", "write_events"]

FORMATS = ("csv", "jsonl", "plover")
CSV_FIELDS = (
    "id", "date", "type", "mode", "modality", "sources", "source_countries", "targets",
    "target_countries", "location", "evidence", "document",
)  # fmt: skip


def event_records(store: Store, kind: str | None = None) -> list[dict[str, Any]]:
    """One record per event in the store (of one PLOVER type when ``kind`` is given),
    in date order."""
    from kg.query import run_query

    params = {"kind": kind.upper()} if kind else {}
    records: dict[str, dict[str, Any]] = {}
    for row in run_query(store, "events", params).records():
        value = {name: (str(term) if term is not None else None) for name, term in row.items()}
        iri = value["event"] or ""
        record = records.get(iri)
        if record is None:
            record = records[iri] = {
                "id": iri.rsplit("/", 1)[-1],
                "iri": iri,
                "date": value["date"],
                "type": value["type"],
                "mode": value["mode"],
                "modality": value["modality"],
                "sources": [],
                "targets": [],
                "location": value["location"],
                "evidence": value["evidence"],
                "document": (value["document"] or "").rsplit("/", 1)[-1],
            }
        for side in ("source", "target"):
            actor = {
                "iri": value[side],
                "label": value[f"{side}Label"],
                "class": value[f"{side}Class"],
                "country": value[f"{side}Country"],
            }
            if actor not in record[f"{side}s"]:
                record[f"{side}s"].append(actor)
    return list(records.values())


def write_events(records: Iterable[dict[str, Any]], fmt: str, stream: IO[str]) -> int:
    """Write the records in one of `FORMATS`; returns how many were written."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(_csv_row(record))
            count += 1
    elif fmt == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "plover":
        for record in records:
            for item in _plover(record):
                stream.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return count


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    row = {name: record.get(name) for name in CSV_FIELDS}
    for side in ("source", "target"):
        actors = record[f"{side}s"]
        row[f"{side}s"] = "; ".join(a["label"] or a["iri"] for a in actors)
        row[f"{side}_countries"] = "; ".join(a["country"] or "" for a in actors)
    return row


def _plover(record: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """PLOVER-style objects: one per source and target pair ('<id>-2-1' for the second
    source and first target of an event with several)."""
    pairs = [
        (s, t) for s in enumerate(record["sources"], 1) for t in enumerate(record["targets"], 1)
    ]
    for (i, source), (j, target) in pairs:
        yield {
            "id": record["id"] if len(pairs) == 1 else f"{record['id']}-{i}-{j}",
            "date": record["date"],
            "event_type": record["type"],
            "mode": record["mode"],
            "context": record["modality"],
            "actor": source["label"],
            "actor_country": source["country"],
            "recipient": target["label"],
            "recipient_country": target["country"],
            "location": record["location"],
            "text": record["evidence"],
            "source": record["document"],
        }
