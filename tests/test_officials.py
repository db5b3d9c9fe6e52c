"""Known officials: a person the officials gazetteer knows by the full name an article
gives is a member of his country's government for the posts the article's date falls
in, each with its interval; short texts written for the test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kg.officials import Official, Officials, Role, parse_role

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


def test_a_line_with_a_bad_role_is_named_and_skipped(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    from kg.officials import read_officials

    table = tmp_path / "officials.tsv"
    table.write_text(
        "name\tcountry\taliases\troles\n"
        "Odile Varenne\tFRA\t\tFRAGOV 2004-02-30/2006-01-01\n"
        "Piet Grolsma\tNLD\tPieter Grolsma\tNLDGOV 2004-02-01/2006-01-01\n",
        encoding="utf-8",
    )
    with caplog.at_level("WARNING"):
        officials = read_officials(table)
    assert not officials.named("Odile Varenne") and officials.named("Pieter Grolsma")
    assert any("Odile Varenne" in record.getMessage() for record in caplog.records)


def test_a_name_given_to_two_officials_names_both() -> None:
    north = Official("Ivo Marsh", "AAA", (Role("AAA", "GOV"),))
    south = Official("Ivo Marsh Kell", "BBB", (Role("BBB", "GOV"),))
    officials = Officials.from_rows([(north, []), (south, ["Ivo Marsh"])])
    assert officials.named("ivo  marsh") == (north, south)
    assert officials.named("Ivo Marsh Kell") == (south,)


def test_the_gazetteer_loads_the_officials_once() -> None:
    from kg.gazetteer import load_gazetteer

    (powell,) = load_gazetteer().officials.named("Colin L. Powell")
    assert powell.name == "Colin Powell" and powell.country == "USA"
    assert powell.roles == (Role("USA", "GOV", dt.date(2001, 1, 20), dt.date(2005, 1, 26)),)
