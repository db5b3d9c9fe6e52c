"""The first real input: the US-Japan tariff talks article in ../shared/data."""

from __future__ import annotations

import pytest
from conftest import SHARED_DATA

SEED = SHARED_DATA / "seed-us-japan-trade-talks.txt"
pytestmark = pytest.mark.skipif(
    not SEED.is_file(), reason=f"the seed article is not here ({SEED}); CI always has it"
)


@pytest.fixture(scope="module")
def resolved(extractor):  # type: ignore[no-untyped-def]
    from kg.ingest import read_documents
    from kg.resolve import resolve

    [document] = read_documents([SEED])
    return resolve(extractor.extract_text(document))


def labels(resolved, cls: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.label for e in resolved.entities if e.cls == cls}


def test_people_countries_agencies_organisations_and_media(resolved) -> None:
    persons = labels(resolved, "Person")
    for surname in (
        "Shiroyama",
        "Akazawa",
        "Mnuchin",
        "Greer",
        "Trump",
        "Niinami",
        "Bessent",
        "Goodman",
    ):
        assert any(surname in person for person in persons), surname
    assert labels(resolved, "Country") == {"Japan", "United States"}
    assert {"U.S. Department of the Treasury", "White House"} <= labels(
        resolved, "GovernmentAgency"
    )
    assert {"Japan Business Federation", "Council on Foreign Relations"} <= labels(
        resolved, "Organization"
    )
    assert {"Global Times", "CCTV", "Wall Street Insight"} <= labels(resolved, "MediaOrganization")
    [usa] = [e for e in resolved.entities if e.label == "United States"]
    assert {"US", "USA", "U.S.", "America"} <= usa.aliases


def test_policies_with_rates(resolved) -> None:
    policies = {e.label: e for e in resolved.entities if e.cls == "Policy"}
    assert policies["10% benchmark tariff"].rate == 10
    assert policies["25% auto tariff"].rate == 25
    assert policies["90-day suspension"].kind == "suspension"


def test_no_junk_entities(resolved) -> None:
    for entity in resolved.entities:
        if entity.cls in {"Topic", "Policy"}:
            continue
        assert not {"Autos", "Forex", "Chicago SRW Wheat", "Energy"} & (
            {entity.label} | entity.aliases
        ), entity


def relations(resolved) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    found = set()
    for r in resolved.extraction.relations:
        a, b = resolved.entity(r.subject).label, resolved.entity(r.object).label
        found.add((a, r.predicate, b))
        if r.predicate in {"negotiatesWith", "meetsWith"}:
            found.add((b, r.predicate, a))
    return found


def test_negotiation_links(resolved) -> None:
    found = relations(resolved)
    for a, b in [
        ("Japan", "United States"),
        ("Ryosei Akazawa", "Mnuchin"),
        ("Ryosei Akazawa", "Jamieson Greer"),
        ("Trump", "Japan"),
    ]:
        assert (a, "negotiatesWith", b) in found, (a, b)


def test_posts(resolved) -> None:
    posts = {
        (resolved.entity(p.person).label, getattr(resolved.entity(p.post_in), "label", None))
        for p in resolved.extraction.posts
    }
    for expected in [
        ("Shiroyama", "Japan"),
        ("Ryosei Akazawa", "Japan"),
        ("Mnuchin", "U.S. Department of the Treasury"),
        ("Jamieson Greer", "United States"),
        ("Takeshi Niinami", "Japan Business Federation"),
        ("Bessent", "United States"),
    ]:
        assert expected in posts, expected


def test_benchmark_tariff_is_imposed_by_the_white_house_or_trump(resolved) -> None:
    imposers = {
        a for a, p, b in relations(resolved) if p == "imposes" and b == "10% benchmark tariff"
    }
    assert imposers & {"White House", "Trump"}


def test_statements(resolved) -> None:
    speakers = {resolved.entity(s.speaker).label for s in resolved.extraction.statements}
    assert {"Shiroyama", "Trump", "Takeshi Niinami", "Matt Goodman"} <= speakers
    media = {
        resolved.entity(s.reported_by).label
        for s in resolved.extraction.statements
        if s.reported_by is not None
    }
    assert {"Global Times", "CCTV", "Wall Street Insight"} <= media


def test_japan_and_the_united_states_rank_in_the_top_five_by_pagerank(tmp_path) -> None:
    from kg.analyze import rank
    from kg.build import build
    from kg.store import Store

    build([SEED], store=tmp_path / "store")
    with Store(tmp_path / "store", read_only=True) as store:
        top = [ranked.label for ranked in rank(store, "pagerank", top=5)]
    assert {"Japan", "United States"} <= set(top), top
