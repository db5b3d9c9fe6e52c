"""The example articles and the analyst's queries kept beside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.query import run_query
from kg.store import Store
from tests.conftest import EXAMPLES

QUERIES = sorted((EXAMPLES / "queries").glob("*.rq"))


def test_there_are_twelve_dated_articles_or_more() -> None:
    articles = [p for p in EXAMPLES.iterdir() if p.suffix in {".md", ".txt", ".html"}]
    assert len(articles) >= 12
    for article in articles:
        head = article.read_text(encoding="utf-8")[:400].lower()
        assert "date:" in head or "published" in head, f"{article.name} has no date"


@pytest.mark.parametrize("path", QUERIES, ids=[q.stem for q in QUERIES])
def test_each_example_query_answers_on_the_examples(store_copy: Path, path: Path) -> None:
    from kg.analyze import analyze

    with Store(store_copy) as store:
        analyze(store)  # central-actors.rq reads the stored scores
        result = run_query(store, str(path))
    assert result.kind == "SELECT" and len(result) > 0, f"{path.name} found nothing"
