"""Extraction quality on the gold set, against floors that a regression would break.

The scorer (tests/gold/score.py) prints the full tables; these tests keep kg's
figures from sliding and check that kg stays far ahead of the bare model.
"""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "gold"))

import score  # noqa: E402


@pytest.fixture(scope="module")
def report() -> score.Report:
    return score.evaluate()


def test_gold_set_is_big_enough(report: score.Report) -> None:
    assert report.documents >= 10
    assert report.gold_relations >= 40


def test_entities_beat_the_bare_model(report: score.Report) -> None:
    kg, bare = report.kg_entities.total, report.bare_entities.total
    assert kg.f1 >= 0.95, score.format_report(report)
    assert kg.f1 - bare.f1 >= 0.4


@pytest.mark.parametrize(
    ("cls", "floor"),
    [
        ("Person", 0.9),
        ("Country", 0.9),
        ("GovernmentAgency", 0.9),
        ("MediaOrganization", 0.9),
        ("Policy", 0.85),
    ],
)
def test_core_classes_are_found_precisely(report: score.Report, cls: str, floor: float) -> None:
    counts = report.kg_entities.by_type[cls]
    assert counts.precision >= floor and counts.recall >= floor, (cls, counts)


def test_relations(report: score.Report) -> None:
    total = report.kg_relations.total
    assert total.precision >= 0.93 and total.recall >= 0.93, score.format_report(report)
    for kind in ("negotiatesWith", "meetsWith", "holds", "stated"):
        assert report.kg_relations.by_type[kind].f1 >= 0.9, kind


def test_scorer_counts_duplicates_and_misses() -> None:
    gold = score.GoldDocument(
        ROOT / "x.md",
        [
            {"class": "Country", "name": "Japan", "aliases": ["Japanese"]},
            {"class": "Person", "name": "Aiko Sato"},
        ],
        [],
    )
    scores = score.Scores()
    predicted = [
        score.Predicted("Country", {"japan"}, "country/JPN", "japan"),
        score.Predicted("Country", {"japanese"}, "country/x", "japanese"),
        score.Predicted("Organization", {"aiko sato"}, "organization/aiko-sato", "aiko sato"),
    ]
    mapping = score.match_entities(gold, predicted, scores)
    assert mapping == {"country/JPN": 0}
    country, person, org = (scores.by_type[c] for c in ("Country", "Person", "Organization"))
    assert (country.tp, country.fp, person.fn, org.fp) == (1, 1, 1, 1)
