"""`kg trend`, and who is at odds with whom, on dated articles written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KgError
from kg.query import run_query
from kg.store import Store
from kg.trend import trend

ARTICLES = [
    {"id": "j1", "published": "2026-01-05", "title": "Quota row",
     "text": "Chile criticised Peru over fishing quotas on Monday."},
    {"id": "j2", "published": "2026-01-20", "title": "Andean deal",
     "text": "Chile signed an agreement with Bolivia on gas exports."},
    {"id": "m1", "published": "2026-03-11", "title": "Copper dispute",
     "text": "Peru accused Chile of dumping copper on world markets."},
]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.build import build

    folder = tmp_path_factory.mktemp("trend")
    corpus = folder / "wire.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    build([corpus], store=folder / "store")
    return folder / "store"


def test_an_actor_per_month(store: Path) -> None:
    with Store(store, read_only=True) as opened:
        result = trend(opened, "chile")
    assert result.label == "Chile"
    assert [(r["period"], r["documents"], r["events"], r["cooperation"], r["conflict"])
            for r in result.rows] == [("2026-01", 2, 2, 1, 1), ("2026-03", 1, 1, 0, 1)]  # fmt: skip
    assert result.rows[0]["start"] == "2026-01-01" and result.rows[0]["end"] == "2026-01-31"


def test_weeks_unknown_periods_and_actors(store: Path) -> None:
    with Store(store, read_only=True) as opened:
        weeks = trend(opened, "Chile", by="week")
        assert [r["period"] for r in weeks.rows] == ["2026-W02", "2026-W04", "2026-W11"]
        with pytest.raises(KgError, match="unknown period 'year'; use one of: month, week"):
            trend(opened, "Chile", by="year")
        with pytest.raises(KgError, match="no actor named 'Chilee'; close: Chile"):
            trend(opened, "Chilee")


def test_the_cli_writes_csv_and_a_png_and_the_events_behind_a_point(store: Path, tmp_path) -> None:
    png = tmp_path / "chile.png"
    result = CliRunner().invoke(app, ["trend", "Chile", "--store", str(store), "--png", str(png)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "period,start,end,documents,events,cooperation,conflict"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Store(store, read_only=True) as opened:
        behind = run_query(
            opened, "events-of", {"name": "Chile", "from": "2026-03-01", "to": "2026-03-31"}
        ).records()
        assert [(str(r["type"]), str(r["sourceLabel"])) for r in behind] == [("DISAPPROVE", "Peru")]
        at_odds = {
            (str(r["sourceLabel"]), str(r["targetLabel"])): (
                int(r["cooperation"]),
                int(r["conflict"]),
            )
            for r in run_query(opened, "at-odds", {"name": "chile"}).records()
        }
    assert at_odds == {
        ("Chile", "Peru"): (0, 1),
        ("Peru", "Chile"): (0, 1),
        ("Chile", "Bolivia"): (1, 0),
    }
