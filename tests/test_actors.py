"""Parties, international bodies, armed groups, places and firms typed right, each rule
on a short text written for the test."""

from __future__ import annotations

import pytest

from kg.gazetteer import load_gazetteer
from kg.resolve import resolve


def classes(extract, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every surface form of a resolved entity -> the entity's class."""
    found: dict[str, str] = {}
    for entity in resolve(extract(text)).entities:
        for form in {entity.label, *entity.aliases}:
            found[form] = entity.cls
    return found


def test_party_names_and_nicknames_are_one_party(extract) -> None:
    text = (
        "Labour MPs backed the plan. The Tories said New Labour had failed, and the "
        "Conservatives promised a vote. Lib Dem leader Ann Fenwick said the Liberal "
        "Democrats would abstain."
    )
    resolved = resolve(extract(text))
    parties = {e.label: e for e in resolved.entities if e.cls == "PoliticalParty"}
    assert {"Labour Party", "Conservative Party", "Liberal Democrats"} <= set(parties)
    assert {"Labour", "New Labour"} <= parties["Labour Party"].aliases
    assert {"Tories", "Conservatives"} <= parties["Conservative Party"].aliases
    assert not [e for e in resolved.entities if e.cls == "Person" and "Labour" in e.label]


def test_us_parties_need_a_us_context(extract) -> None:
    assert (
        classes(extract, "In Washington, the Democrats attacked the US budget.").get("Democrats")
        == "PoliticalParty"
    )
    assert (
        classes(extract, "The Democrats of the chess club met on Friday.").get("Democrats")
        != "PoliticalParty"
    )


@pytest.mark.parametrize(
    ("text", "name", "cls"),
    [
        ("The EU and the IMF urged Greece to cut spending.", "EU", "InternationalOrganization"),
        ("The WTO ruled against the tariff.", "WTO", "InternationalOrganization"),
        ("Interpol issued a warrant for the banker.", "Interpol", "InternationalOrganization"),
        ("Hamas rejected the offer, while Hezbollah stayed silent.", "Hamas", "ArmedGroup"),
        ("The Taliban attacked a convoy near the border.", "Taliban", "ArmedGroup"),
        ("Police said the IRA had stored the weapons.", "IRA", "ArmedGroup"),
    ],
)
def test_named_groups_get_their_class(extract, text: str, name: str, cls: str) -> None:
    assert classes(extract, text).get(name) == cls


def test_uk_nations_are_places_part_of_the_uk_not_its_aliases(extract) -> None:
    resolved = resolve(extract("Voters in England and Scotland disagree with Britain's plan."))
    by_label = {e.label: e for e in resolved.entities}
    assert by_label["England"].cls == "Place" and by_label["England"].country == "GBR"
    assert by_label["Scotland"].cls == "Place"
    assert "England" not in by_label["United Kingdom"].aliases
    from kg.rdf import document_triples
    from kg.vocab import KG, KGR

    triples = set(document_triples(resolved))
    assert (KGR["place/england"], KG.partOf, KGR["country/GBR"]) in triples


@pytest.mark.parametrize("town", ["Norwich", "Wrexham", "Witney", "Birkenhead"])
def test_a_town_is_a_place_not_a_person(extract, town: str) -> None:
    text = f"Shoppers in {town} queued for hours. Traders from {town} welcomed the rush."
    assert classes(extract, text).get(town) == "Place"


def test_a_surname_that_is_a_town_stays_a_person_with_a_person_cue(extract) -> None:
    text = "Mr Norwich said the deal was fair. Norwich added that talks would go on."
    assert classes(extract, text).get("Norwich") == "Person"


def test_city_names_come_from_geonames() -> None:
    gaz = load_gazetteer()
    assert gaz.is_place_name("Birkenhead") and not gaz.is_place_name("Blair")


def test_a_company_cue_ending_a_name_makes_a_company(extract) -> None:
    assert (
        classes(extract, "Shares in Harwell Telecom rose after the results.").get("Harwell Telecom")
        == "Company"
    )


def test_staff_of_a_body_hold_a_post_in_it_but_do_not_represent_its_country(extract) -> None:
    from kg.rdf import document_triples
    from kg.vocab import KG, ORG

    text = "Sir Digby Jones, CBI director general, said firms wanted lower taxes."
    triples = set(document_triples(resolve(extract(text))))
    assert not [t for t in triples if t[1] == KG.represents]
    assert [t for t in triples if t[1] in {ORG.holds, ORG.memberOf}]


def test_broadcasters_channels_papers_and_programmes_are_media(extract) -> None:
    found = classes(
        extract,
        "Speaking on BBC Radio 4's Today programme, the minister said the News of the World "
        "had been wrong. ITV and Channel 4 News reported the row, as did The Times.",
    )
    for name in ("BBC Radio 4", "Today programme", "News of the World", "ITV", "Channel 4"):
        assert found.get(name) == "MediaOrganization", (name, found)


def entities(extract, text: str) -> list[tuple[str, str, frozenset[str]]]:  # type: ignore[no-untyped-def]
    """(class, label, every surface form) of each resolved entity."""
    return [
        (entity.cls, entity.label, frozenset({entity.label, *entity.aliases}))
        for entity in resolve(extract(text)).entities
    ]


def test_a_body_of_a_country_is_one_name_with_its_bracketed_acronym(extract) -> None:
    found = entities(
        extract,
        "Sales rose 9% last year, the Federation of Tile and Brick Makers of Portugal (FTBMP) "
        "said. FTBMP expects sales to rise again.",
    )
    bodies = [e for e in found if e[0] == "Organization"]
    assert [e[1] for e in bodies] == ["Federation of Tile and Brick Makers of Portugal"], found
    assert "FTBMP" in bodies[0][2]


def test_an_acronym_after_the_lower_case_words_it_stands_for_is_no_body(extract) -> None:
    found = entities(extract, "Ministers backed the single transferable vote (STV) system.")
    assert not [e for e in found if "STV" in e[2]], found


def test_a_coordinated_first_word_belongs_to_the_name_and_its_acronym(extract) -> None:
    found = entities(
        extract,
        "General and Municipal Workers union members voted to strike. The GMW said the offer "
        "was too low.",
    )
    assert [(e[0], e[1]) for e in found] == [("Organization", "General and Municipal Workers")]
    assert "GMW" in found[0][2]


def test_an_acronym_with_the_generic_word_is_the_full_name(extract) -> None:
    found = entities(
        extract,
        "The strike was called by the Prison and Probation Staff Union. PPS Union official "
        "Dan Reyes said members were angry.",
    )
    unions = [e for e in found if e[0] == "Organization"]
    assert [e[1] for e in unions] == ["Prison and Probation Staff Union"], found


def test_a_title_with_a_country_in_it_before_newspaper_is_one_medium(extract) -> None:
    found = classes(extract, "Mr Bakar told the Berita Malaysia newspaper that aid was not needed.")
    assert found.get("Berita Malaysia") == "MediaOrganization", found
    assert "Malaysia" not in found


def test_a_name_before_police_station_is_a_place(extract) -> None:
    found = classes(extract, "The suspects were held at Kestrel Hill police station overnight.")
    assert found.get("Kestrel Hill") == "Place", found


def test_a_letter_before_a_hyphen_is_part_of_the_word_not_an_article(extract) -> None:
    assert classes(extract, "The minister wants to replace A-Levels with a new diploma.") == {}


def test_a_firm_described_as_a_unit_or_bought_is_one_company_with_its_short_form(
    extract,
) -> None:
    found = entities(
        extract,
        "Ormax was forced to sell its production unit Veltranskneftegaz (Veltrans) last month. "
        "Veltrans pumps half of Ormax's oil. Rivals want to buy Veltrans, and the sale of "
        "Veltrans may come soon.",
    )
    units = [e for e in found if "Veltrans" in e[2]]
    assert [(e[0], e[1]) for e in units] == [("Company", "Veltranskneftegaz")], found
    assert classes(extract, "Rosgaz bought Tarvonix last week for $2bn.").get("Tarvonix") == (
        "Company"
    )


def test_a_name_the_model_only_guessed_a_place_joins_its_typed_mentions(extract) -> None:
    found = entities(
        extract,
        "The fate of Russia's Tomskneftegas is unclear. Yukos shares fell after the auction "
        "of Tomskneftegas.",
    )
    named = [e for e in found if "Tomskneftegas" in e[2]]
    assert [(e[0], e[1]) for e in named] == [("Company", "Tomskneftegas")], found


def test_an_acronym_written_as_a_word_is_the_body_it_abbreviates(extract) -> None:
    found = entities(
        extract,
        "Tensions rose between the regulator and Corvale Andean Mining, which plans a new "
        "mine. A spokeswoman for Cam declined to comment. Cam told reporters it had approval.",
    )
    assert [(e[0], e[1]) for e in found] == [("Company", "Corvale Andean Mining")], found
    assert "Cam" in found[0][2]
