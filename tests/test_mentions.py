"""Typing and resolving mentions: each rule on a short text written for the test."""

from __future__ import annotations

import pytest

from kg.resolve import resolve


def entities(extract, text: str) -> dict[str, tuple[str, set[str]]]:  # type: ignore[no-untyped-def]
    """prefLabel -> (class, all labels) of the entities resolved from a text."""
    resolved = resolve(extract(text))
    return {e.label: (e.cls, {e.label, *e.aliases}) for e in resolved.entities}


def classes(extract, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {label: cls for label, (cls, _) in entities(extract, text).items()}


def test_country_aliases_and_demonyms_are_one_entity(extract) -> None:
    found = entities(
        extract,
        "The US and Japan met. U.S. officials said America and the USA were ready. "
        "Japanese negotiators and Japan's envoy agreed.",
    )
    assert found["United States"][0] == "Country"
    assert {"US", "U.S.", "America", "USA"} <= found["United States"][1]
    assert {"Japanese", "Japan"} <= found["Japan"][1]
    assert sum(1 for cls, _ in found.values() if cls == "Country") == 2


def test_title_before_a_name_makes_a_person_even_when_the_model_says_organisation(extract) -> None:
    found = classes(
        extract, "Finance Minister Tovald said prices would rise. Tovald added that Norway agreed."
    )
    assert found["Tovald"] == "Person"


def test_appointed_as_makes_a_person(extract) -> None:
    found = classes(extract, "The government has appointed Kessler as the chief negotiator.")
    assert found.get("Kessler") == "Person"


def test_a_person_label_outweighs_stray_organisation_labels(extract) -> None:
    text = (
        "Grunwald said talks would resume. Grunwald wants a deal. Grunwald met Brazil. "
        "President Grunwald spoke to reporters."
    )
    assert classes(extract, text)["Grunwald"] == "Person"


@pytest.mark.parametrize("junk", ["Energy", "Forex", "Autos"])
def test_capitalised_common_nouns_are_not_entities(extract, junk: str) -> None:
    text = f"{junk} prices rose in Japan. {junk} traders sold the yen after the figures."
    found = entities(extract, text)
    assert all(junk not in labels or cls == "Topic" for cls, labels in found.values())
    assert junk not in found


def test_capitalised_goods_are_topics_not_organisations(extract) -> None:
    found = classes(extract, "Farmers sold Chicago SRW Wheat and LNG to Japan.")
    assert found.get("wheat") == "Topic" and found.get("liquefied natural gas") == "Topic"
    assert not any(cls == "Organization" for cls in found.values())


def test_policy_with_a_rate(extract) -> None:
    resolved = resolve(extract('The White House will impose a 25% "reciprocal tariff" on Vietnam.'))
    [policy] = [e for e in resolved.entities if e.cls == "Policy"]
    assert (policy.label, policy.rate, policy.kind) == ("25% reciprocal tariff", 25.0, "tariff")


def test_durations_and_rates_after_the_measure(extract) -> None:
    found = {
        e.label: e
        for e in resolve(
            extract(
                "Canada announced a 90-day suspension. Ottawa kept countervailing duties of up to 35% on steel."
            ),
        ).entities
        if e.cls == "Policy"
    }
    assert "90-day suspension" in found and found["90-day suspension"].kind == "suspension"
    assert found["countervailing duty"].rate == 35.0


def test_tariff_as_topic_of_talks_but_not_as_back_reference(extract) -> None:
    assert classes(extract, "Peru and Chile began tariff negotiations.").get("tariffs") == "Topic"
    assert "tariffs" not in classes(
        extract, "Chile imposed a 12% tariff on Peru. The tariff hurt farmers."
    )


def test_capital_that_acts_is_its_government_else_a_place(extract) -> None:
    found = entities(
        extract, "Beijing warned that exports would fall. Delegates arrived in Beijing on Monday."
    )
    assert "Beijing" in found["China"][1]
    assert found["Beijing"][0] == "Place"


def test_bracketed_acronym_names_the_same_organisation(extract) -> None:
    found = entities(
        extract, "The Nordic Exporters Forum (NEF) opposed the deal. NEF said farmers would suffer."
    )
    [(cls, labels)] = [v for k, v in found.items() if "NEF" in v[1]]
    assert cls == "Organization" and "Nordic Exporters Forum" in labels


def test_surname_after_the_full_name_is_the_same_person(extract) -> None:
    found = entities(
        extract, "Trade Minister Ingvild Sandvik visited Oslo. Sandvik said Norway would sign."
    )
    assert found["Ingvild Sandvik"][1] >= {"Ingvild Sandvik", "Sandvik"}
    assert "Sandvik" not in found


def test_family_name_written_first(extract) -> None:
    found = entities(
        extract, "Vice Premier Zhou Ming met the delegation. Zhou said China was ready."
    )
    assert "Zhou" in found["Zhou Ming"][1] and "Zhou" not in found


def test_short_agency_name_after_the_full_one(extract) -> None:
    found = entities(
        extract, "The U.S. Treasury issued a report. The Treasury said the yen was weak."
    )
    assert {"U.S. Treasury", "Treasury"} <= found["U.S. Department of the Treasury"][1]


def test_company_descriptor_and_organisation_words(extract) -> None:
    found = classes(
        extract,
        "The steel producer Kovarex said exports fell. The Baltic Grain Traders Association "
        "welcomed the deal. Media group Nordkast reported it.",
    )
    assert found.get("Kovarex") == "Company"
    assert found.get("Baltic Grain Traders Association") == "Organization"


def test_regions_named_after_countries_are_places(extract) -> None:
    found = classes(extract, "Mills in British Columbia and Western Australia closed.")
    assert found.get("British Columbia") == "Place" and found.get("Western Australia") == "Place"
    assert "United Kingdom" not in found and "Australia" not in found


def test_countries_get_iso_codes_and_wikidata(extract) -> None:
    resolved = resolve(extract("Ivory Coast and Britain signed a cocoa deal."))
    codes = {(e.iso3, e.wikidata) for e in resolved.entities if e.cls == "Country"}
    assert codes == {("CIV", "Q1008"), ("GBR", "Q145")}


def test_honorific_inside_a_model_span_makes_a_person(extract) -> None:
    found = classes(
        extract,
        "Mr Ebbers told the court he knew nothing. Bernard Ebbers left the company in 2002.",
    )
    assert found.get("Bernard Ebbers") == "Person"
    assert "Mr Ebbers" not in found


def test_time_zones_and_job_abbreviations_are_not_entities(extract) -> None:
    found = classes(extract, "Shares rose at 1400 GMT, the CEO said.")
    assert "GMT" not in found and "CEO" not in found


def test_names_and_non_trade_duties_are_not_policies(extract) -> None:
    found = classes(extract, "Alain Levy said directors have a fiduciary duty to shareholders.")
    assert not [label for label, cls in found.items() if cls == "Policy"]
    assert classes(extract, "Brazil raised import duties on cars.").get("import duty") == "Policy"


def test_a_known_name_is_never_taken_for_an_acronym(extract) -> None:
    found = entities(extract, "UBS Securities said US exports fell.")
    assert found["United States"][1] == {"United States", "US"}
    assert found["UBS Securities"][0] == "Company"


def test_bracketed_letters_must_fit_a_short_name(extract) -> None:
    found = entities(extract, "The Congress (TUC) met. Earlier, the US Congress voted.")
    assert "TUC" not in found["U.S. Congress"][1]


@pytest.mark.parametrize(
    "text",
    [
        "Shares in Zentrix fell 4% on Monday after the warning.",
        "Zentrix's chief executive resigned on Friday.",
        "Zentrix posted a loss of $3m in the third quarter.",
        "Investors cheered the takeover of Zentrix by a rival.",
    ],
)
def test_words_around_a_name_make_a_firm(extract, text: str) -> None:
    assert classes(extract, text).get("Zentrix") == "Company"


def test_one_cue_outweighs_many_bare_model_labels(extract) -> None:
    text = (
        "Halvorsen Kemp said sales were weak. Halvorsen Kemp plans cuts. "
        "Halvorsen Kemp hired staff. Shares in Halvorsen Kemp fell."
    )
    assert classes(extract, text).get("Halvorsen Kemp") == "Company"


def test_a_body_nothing_types_is_a_firm_in_business_news_only(extract) -> None:
    business = (
        "Vantorix said its profits doubled. The firm's shares rose and investors "
        "bought stock. Vantorix will report earnings in May."
    )
    assert classes(extract, business).get("Vantorix") == "Company"
    politics = "Vantorix said the election was unfair. Voters went to the polls."
    assert classes(extract, politics).get("Vantorix") != "Company"


def test_media_cues_and_public_bodies_from_the_words_of_the_name(extract) -> None:
    found = classes(
        extract,
        "Officers of Dorsetshire Constabulary spoke to the Mid-Wessex Review. Leyburn City "
        "Council and the Church of Lower Mendia agreed. The Carrow Stadium was full.",
    )
    assert found.get("Dorsetshire Constabulary") == "GovernmentAgency"
    assert found.get("Leyburn City Council") == "GovernmentAgency"
    assert found.get("Mid-Wessex Review") == "MediaOrganization"
    assert found.get("Church of Lower Mendia") == "Organization"
    assert "Lower Mendia" not in found


def test_places_in_titles_and_lists(extract) -> None:
    found = classes(
        extract,
        "The Duke of Kentshire arrived. Lord Hale of Brimworth objected. "
        "Labour held Bristol, Leeds and Sheffield.",
    )
    assert "Kentshire" not in found and "Brimworth" not in found
    assert {found.get(city) for city in ("Bristol", "Leeds", "Sheffield")} == {"Place"}


def test_letters_after_a_name_make_a_person_not_a_seat(extract) -> None:
    found = classes(extract, "Roland Pike QC said the Bolton West MP Ruth Kelly was right.")
    assert found.get("Roland Pike") == "Person"
    assert "Bolton West" not in found or found["Bolton West"] != "Person"


def test_a_demonym_that_only_says_where_a_firm_is_from_names_no_country(extract) -> None:
    found = classes(
        extract, "German carmakers and a Swiss bank gained. Japanese officials met the press."
    )
    assert "Germany" not in found and "Switzerland" not in found
    assert found.get("Japan") == "Country"


def test_a_place_label_gives_way_to_the_words_of_the_name(extract) -> None:
    found = classes(extract, "Speaking on the Westway Programme, he said so.")
    assert found.get("Westway Programme") == "MediaOrganization"  # the model says FAC


def test_a_firm_named_by_its_first_word_is_the_same_firm(extract) -> None:
    found = entities(
        extract,
        "Shares in Kestrel Dynamics rose. Kestrel said profits grew. London traders cheered "
        "the London Stock Exchange figures.",
    )
    assert "Kestrel" in found["Kestrel Dynamics"][1] and "Kestrel" not in found
    assert found["London"][0] == "Place"  # a place is never a firm's short name


def test_a_full_name_with_and_without_a_title_is_one_person(extract) -> None:
    found = entities(
        extract,
        "Mrs Jolene Parker Bowles arrived. Jolene Parker Bowles spoke. Mrs Parker Bowles left.",
    )
    people = [label for label, (cls, _) in found.items() if cls == "Person"]
    assert people == ["Jolene Parker Bowles"]


def test_acronyms_written_as_words_are_the_same_bodies(extract) -> None:
    found = classes(extract, "Opec cut output while Nato met. Ukip said so.")
    assert found.get("OPEC") == "InternationalOrganization"
    assert found.get("NATO") == "InternationalOrganization"
    assert found.get("UK Independence Party") == "PoliticalParty"


def test_a_direction_before_a_place_is_no_part_of_its_name(extract) -> None:
    found = entities(extract, "He moved to west London. Rain fell across the south east.")
    assert "west London" in found["London"][1] or found["London"][0] == "Place"
    assert "west London" not in found and "south east" not in found


def test_a_rank_alone_is_a_role_not_a_person(extract) -> None:
    found = classes(extract, "The Duke said she would be Princess Consort. Lord Brimley agreed.")
    assert "Duke" not in found and "Princess Consort" not in found
    assert found.get("Brimley") == "Person"


def test_royal_styles_laws_and_short_acronyms_are_read_as_such(extract) -> None:
    found = entities(
        extract,
        "The Public and Commercial Services Union said no. The PCS will strike. HRH Duchess "
        "of Kentshire and the Royal Family came. The Prevention of Fraud Bill passed. Labour "
        "held Bristol, Isle of Skye.",
    )
    assert "PCS" in found["Public and Commercial Services Union"][1]
    assert not [label for label in found if "Kentshire" in label or "Family" in label]
    assert not [label for label in found if "Bill" in label]
    assert found["Isle of Skye"][0] == "Place" and found["Bristol"][0] == "Place"


def test_channels_and_bodies_named_after_a_place_are_names_of_their_own(extract) -> None:
    found = classes(
        extract,
        "He told BBC Two and BBC News 24 that the Church of Lowland agreed. The BBC said so.",
    )
    assert found.get("BBC Two") == "MediaOrganization"
    assert found.get("BBC News 24") == "MediaOrganization"
    assert found.get("BBC") == "MediaOrganization"


def test_a_country_that_opens_a_firms_name_is_part_of_the_name(extract) -> None:
    found = classes(
        extract,
        "Brazil National Oil Corporation sold shares. Peru National Mining Corporation "
        "bought a stake. Norway Airlines gained.",
    )
    assert found.get("Brazil National Oil Corporation") == "Company"
    assert found.get("Peru National Mining Corporation") == "Company"
    assert found.get("Norway Airlines") == "Company"
    assert not {"Brazil", "Peru", "Norway"} & set(found)


def test_a_demonym_that_opens_a_papers_name_is_part_of_it_but_not_of_a_government(
    extract,
) -> None:
    found = classes(
        extract, "The British Government said no. The Australian Financial Review said so."
    )
    assert found.get("Australian Financial Review") == "MediaOrganization"
    assert found.get("United Kingdom") == "Country"
