"""Known officials: a person the officials gazetteer knows by the full name an article
gives is a member of his country's government for the posts the article's date falls
in, each with its interval; short texts written for the test."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.officials import Official, Officials, Role, parse_role
from kg.rdf import document_triples
from kg.resolve import resolve
from kg.vocab import KG, KGR, ORG, RDF

#: Colin Powell: USAGOV 2001-01-20/2005-01-26 in the gazetteer; Junichiro Koizumi:
#: JPNGOV 2001-04-26/2006-09-26; Jack Straw: GBRGOV 2003-01-01/2007-06-30 and
#: 2007-07-01/2008-10-31; Hamid Karzai: AFGGOV 2001-12-22/2014-12-31 (the table's
#: last day); "Salva Kiir" names one official filed under Sudan and one under South Sudan.
VISIT = (
    "Colin Powell flew to Tokyo on Monday to discuss rice imports with Junichiro Koizumi. "
    "Powell said the two sides were close to a deal."
)
POWELL = KGR["person/colin-powell"]


def triples(extract, text: str, published: str | None) -> set[tuple[object, object, object]]:  # type: ignore[no-untyped-def]
    return set(document_triples(resolve(extract(text, published)), mentions=False))


def memberships(found: set, person: URIRef) -> set[URIRef]:  # type: ignore[type-arg]
    return {s for s, p, o in found if p == ORG.member and o == person}


def interval_days(found: set, membership: URIRef) -> tuple[str | None, str | None]:  # type: ignore[type-arg]
    """(first day, last day) of a membership's interval as the graph gives them."""
    from kg.vocab import TIME  # imported here: pytest's collection trips over its warnings

    values = {(s, p): o for s, p, o in found}
    interval = values.get((membership, ORG.memberDuring))
    days = []
    for end in (TIME.hasBeginning, TIME.hasEnd):
        instant = values.get((interval, end))
        day = values.get((instant, TIME.inXSDDate))
        days.append(str(day) if day is not None else None)
    return days[0], days[1]


def official_assertions(found: set, predicate: URIRef) -> list[object]:  # type: ignore[type-arg]
    statements = {s for s, p, o in found if p == RDF.predicate and o == predicate}
    return [
        s
        for s, p, o in found
        if s in statements and p == KG.pattern and str(o) == "gazetteer:officials"
    ]


# --- the table ------------------------------------------------------------------------


def test_a_role_reads_its_country_kind_and_days() -> None:
    role = parse_role("GBRGOV 2003-01-01/2007-06-30")
    assert (role.country, role.kind) == ("GBR", "GOV")
    assert role.holds_on(dt.date(2003, 1, 1)) and role.holds_on(dt.date(2007, 6, 30))
    assert not role.holds_on(dt.date(2007, 7, 1))
    assert parse_role("GBRGOV").holds_on(dt.date(1990, 1, 1))
    assert parse_role("GBRGOV 2003-01-01/").end is None


def test_the_window_edges_of_the_table_are_no_known_days() -> None:
    role = parse_role("AFGGOV 2000-01-01/2014-12-31")
    assert role.holds_on(dt.date(2005, 1, 1))
    assert role.beginning is None and role.ending is None
    assert parse_role("AFGGOV 2001-12-22/2014-12-31").beginning == dt.date(2001, 12, 22)


def test_a_post_that_cannot_be_read_is_named_and_left_out(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    from kg.officials import read_officials

    table = tmp_path / "officials.tsv"
    table.write_text(
        "name\tcountry\taliases\troles\n"
        "Odile Varenne\tFRA\tOdile M. Varenne\tFRAGOV 2004-02-30/2006-01-01; FRAGOV 2006-01-02/\n",
        encoding="utf-8",
    )
    (varenne,) = read_officials(table).named("Odile M Varenne")
    with caplog.at_level("WARNING"):
        assert varenne.roles == (Role("FRA", "GOV", dt.date(2006, 1, 2)),)
    assert any(
        "Odile Varenne" in record.getMessage() and "2004-02-30" in record.getMessage()
        for record in caplog.records
    )


def test_a_name_given_to_two_officials_names_both() -> None:
    north = Official("Ivo Marsh", "AAA", "AAAGOV")
    south = Official("Ivo Marsh Kell", "BBB", "BBBGOV 2011-07-09/")
    officials = Officials.from_rows([(north, []), (south, ["Ivo Marsh"])])
    assert officials.named("ivo  marsh") == (north, south)
    assert officials.named("Ivo Marsh Kell") == (south,)


def test_the_gazetteer_loads_the_officials_once() -> None:
    from kg.gazetteer import load_gazetteer

    (powell,) = load_gazetteer().officials.named("Colin L. Powell")
    assert powell.name == "Colin Powell" and powell.country == "USA"
    assert powell.roles == (Role("USA", "GOV", dt.date(2001, 1, 20), dt.date(2005, 1, 26)),)


# --- what a document's graph says ---------------------------------------------------------------


def test_an_official_named_in_full_holds_the_post_of_the_articles_date(extract) -> None:
    found = triples(extract, VISIT, "2004-05-10")
    (membership,) = memberships(found, POWELL)
    assert (membership, RDF.type, ORG.Membership) in found
    assert (membership, ORG.organization, KGR["country/USA"]) in found
    assert (membership, ORG.role, KG.GovernmentRole) in found
    assert interval_days(found, membership) == ("2001-01-20", "2005-01-26")
    assert (POWELL, KG.represents, KGR["country/USA"]) in found
    koizumi = KGR["person/junichiro-koizumi"]
    assert (koizumi, KG.represents, KGR["country/JPN"]) in found
    assert len(memberships(found, koizumi)) == 1
    # provenance as for any fact: the sentence that names him, the article's date
    (represents,) = [
        a for a in official_assertions(found, KG.represents) if (a, RDF.subject, POWELL) in found
    ]
    assert (represents, KG.date, Literal(dt.date(2004, 5, 10))) in found
    assert any(
        p == KG.evidence and str(o).startswith("Colin Powell flew")
        for s, p, o in found
        if s == represents
    )
    assert len(official_assertions(found, ORG.member)) == 2


def test_an_article_dated_outside_every_post_gets_no_post(extract) -> None:
    found = triples(extract, VISIT, "2012-05-10")
    assert not memberships(found, POWELL)
    assert not [t for t in found if t[1] == KG.represents]


def test_an_undated_article_gets_the_posts_with_their_intervals_but_no_current_post(
    extract,
) -> None:
    found = triples(extract, VISIT, None)
    (membership,) = memberships(found, POWELL)
    assert interval_days(found, membership) == ("2001-01-20", "2005-01-26")
    assert not [t for t in found if t[1] == KG.represents]


def test_the_date_picks_among_several_posts(extract) -> None:
    text = "Jack Straw flew to Brussels for the talks."
    straw = KGR["person/jack-straw"]
    for day, interval in (
        ("2005-03-01", ("2003-01-01", "2007-06-30")),
        ("2008-03-01", ("2007-07-01", "2008-10-31")),
    ):
        found = triples(extract, text, day)
        (membership,) = memberships(found, straw)
        assert interval_days(found, membership) == interval


def test_a_post_running_to_the_tables_last_day_has_no_known_end(extract) -> None:
    found = triples(extract, "Hamid Karzai opened the new road in Kandahar.", "2005-02-01")
    (membership,) = memberships(found, KGR["person/hamid-karzai"])
    assert interval_days(found, membership) == ("2001-12-22", None)


def test_a_surname_alone_takes_nothing_from_the_table(extract) -> None:
    found = triples(extract, "Mr Powell flew to London to see Jack Straw on Friday.", "2004-05-10")
    assert memberships(found, KGR["person/jack-straw"])  # the full name does
    assert not [t for t in found if t[1] == ORG.member and "powell" in str(t[2])]
    assert not [t for t in found if t[1] == KG.represents and "powell" in str(t[0])]


def test_a_name_the_table_gives_officials_of_two_countries_takes_nothing(extract) -> None:
    found = triples(extract, "Salva Kiir met Jack Straw in Juba on Tuesday.", "2008-02-01")
    assert memberships(found, KGR["person/jack-straw"])
    kiir = KGR["person/salva-kiir"]
    assert (kiir, RDF.type, KG.Person) in found
    assert not memberships(found, kiir)
    assert not [t for t in found if t[0] == kiir and t[1] == KG.represents]


# --- a built store ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def officials_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.build import build

    folder = tmp_path_factory.mktemp("officials")
    records = [
        {"id": "visit", "text": VISIT, "published": "2004-05-10"},
        {"id": "later", "text": VISIT, "published": "2012-05-10"},
        {"id": "undated", "text": "Hamid Karzai opened the new road in Kandahar."},
    ]
    corpus = folder / "wire.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = folder / "store"
    build([corpus], store=store)
    return store


def test_a_store_with_memberships_passes_every_check(officials_store: Path) -> None:
    from kg.store import Store
    from kg.validate import validate

    with Store(officials_store, read_only=True) as store:
        report = validate(store)
    assert report.conforms, report.text()


def test_the_officials_query_lists_posts_and_their_intervals(officials_store: Path) -> None:
    from kg.query import run_query
    from kg.store import Store

    with Store(officials_store, read_only=True) as store:
        rows = {
            (str(r["personLabel"]), str(r["countryLabel"]), str(r["began"]), str(r["ended"] or ""))
            : int(r["articles"])
            for r in run_query(store, "officials").records()
        }  # fmt: skip
        one = run_query(store, "officials", {"name": "colin powell"}).records()
    assert rows == {
        ("Colin Powell", "United States", "2001-01-20", "2005-01-26"): 1,
        ("Junichiro Koizumi", "Japan", "2001-04-26", "2006-09-26"): 1,
        ("Hamid Karzai", "Afghanistan", "2001-12-22", ""): 1,
    }
    assert [str(r["personLabel"]) for r in one] == ["Colin Powell"]
