"""Where a post is: staff of a firm or body hold a post in it, and only a government
post makes its holder represent a country. Each case on text written for the test."""

from __future__ import annotations

import pytest

from kg.rdf import document_triples
from kg.resolve import resolve
from kg.vocab import KG, ORG, RDFS


def facts(extract, text: str) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(person, relation, label) of the post facts of the text's graph: 'postIn' for the
    place of a post the person holds, 'memberOf' and 'represents' as they are."""
    triples = set(document_triples(resolve(extract(text))))
    labels = {s: str(o) for s, p, o in triples if p == RDFS.label}
    places = {s: o for s, p, o in triples if p == ORG.postIn}
    found = set()
    for s, p, o in triples:
        if p == ORG.holds and o in places:
            found.add((labels[s], "postIn", labels[places[o]]))
        elif p in {ORG.memberOf, KG.represents}:
            found.add((labels[s], "memberOf" if p == ORG.memberOf else "represents", labels[o]))
    return found


def represented(found: set[tuple[str, str, str]]) -> set[str]:
    return {label for _, relation, label in found if relation == "represents"}


@pytest.mark.parametrize(
    "text",
    [
        "Lufthansa's German spokesman Peter Lang said fares would rise.",
        "Peter Lang, a German spokesman for Lufthansa, said fares would rise.",
        "A spokesman for German airline Lufthansa, Peter Lang, said fares would rise.",
        "Peter Lang, spokesman for the German flag carrier Lufthansa, said fares would rise.",
    ],
)
def test_a_company_spokesman_holds_a_post_in_the_firm_not_its_country(extract, text) -> None:  # type: ignore[no-untyped-def]
    found = facts(extract, text)
    assert ("Peter Lang", "postIn", "Lufthansa") in found
    assert ("Peter Lang", "memberOf", "Lufthansa") in found
    assert not represented(found)


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe, the British chief executive of Hartwell Holdings, said profits doubled.",
        "Hartwell Holdings' British chief executive Jane Roe said profits doubled.",
    ],
)
def test_a_chief_executive_is_in_the_firm_whatever_her_nationality(extract, text) -> None:  # type: ignore[no-untyped-def]
    found = facts(extract, text)
    assert ("Jane Roe", "postIn", "Hartwell Holdings") in found
    assert ("Jane Roe", "memberOf", "Hartwell Holdings") in found
    assert not represented(found)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Hugh Brandt, director general of the British Chambers of Commerce, said exports rose.",
            None,
        ),
        (
            "Hugh Brandt, spokesman for the French employers' federation Medef, said exports rose.",
            None,
        ),
        (
            "The CBI's director general, Sir Hugh Brandt, said exports rose.",
            "Confederation of British Industry",
        ),
    ],
)
def test_a_business_federation_official_does_not_represent_the_country_in_its_name(
    extract, text: str, body: str | None
) -> None:
    found = facts(extract, text)
    assert not represented(found)
    assert not [f for f in found if f[1] == "postIn" and f[2] in {"United Kingdom", "France"}]
    if body is not None:
        assert ("Hugh Brandt", "memberOf", body) in found


@pytest.mark.parametrize(
    "text",
    [
        "German airline spokesman Peter Lang said fares would rise.",
        "The Swedish steelworkers union spokesman Hugh Brandt said jobs were lost.",
    ],
)
def test_a_country_before_the_description_of_a_body_is_where_the_body_is_from(
    extract, text: str
) -> None:
    found = facts(extract, text)
    assert not represented(found)
    assert not [f for f in found if f[1] == "postIn"]


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ('"Sales will grow," said Hartwell North America president Ivan Stone.', "Hartwell North"),
        ("Ivan Stone, vice president of Hartwell Securities Japan, asked who would pay.", "Hartwell Securities"),
    ],
)  # fmt: skip
def test_a_country_that_ends_a_firm_s_name_is_not_where_its_staff_are(
    extract, text: str, firm: str
) -> None:
    found = facts(extract, text)
    assert ("Ivan Stone", "memberOf", firm) in found
    assert not represented(found)


@pytest.mark.parametrize(
    ("text", "person", "country"),
    [
        ("The German economy minister Klaus Brenner said growth would pick up.", "Klaus Brenner", "Germany"),
        ("Japan's ambassador Ichiro Tanabe met officials in Washington.", "Ichiro Tanabe", "Japan"),
        ("Ichiro Tanabe, Japan's ambassador to the WTO, said talks would go on.", "Ichiro Tanabe", "Japan"),
        ("Japanese Finance Ministry spokesman Taro Sato said the yen was weak.", "Taro Sato", "Japan"),
        ("Irish Transport Minister Martin Doyle said fares would rise.", "Martin Doyle", "Ireland"),
        ("German government spokesman Karl Wendt said talks would go on.", "Karl Wendt", "Germany"),
        ("German central bank president Axel Brandt said rates would stay low.", "Axel Brandt", "Germany"),
    ],
)  # fmt: skip
def test_a_government_post_still_represents_its_country(
    extract, text: str, person: str, country: str
) -> None:
    assert (person, "represents", country) in facts(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "Yukos's finance chief, Oleg Varin, said the firm would appeal.",
        "Oleg Varin, the Yukos finance chief, said the firm would appeal.",
        "Russian oil firm Yukos's finance chief Oleg Varin said the firm would appeal.",
        "Yukos chief financial officer Oleg Varin said the firm would appeal.",
    ],
)
def test_a_finance_chief_holds_a_post_in_the_firm(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    found = facts(extract, text)
    assert ("Oleg Varin", "memberOf", "Yukos") in found
    assert not represented(found)


@pytest.mark.parametrize(
    "text",
    [
        "Hartwell Holdings boss Jane Roe said the firm would hire more staff.",
        "Hartwell Holdings' boss, Jane Roe, said the firm would hire more staff.",
    ],
)
def test_a_boss_holds_a_post_in_the_firm(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    assert ("Jane Roe", "memberOf", "Hartwell Holdings") in facts(extract, text)


def test_an_unlisted_title_takes_the_kind_of_the_listed_titles_with_its_head(extract) -> None:  # type: ignore[no-untyped-def]
    extraction = extract("Hartwell Holdings' deputy chief executive, Jane Roe, said sales rose.")
    assert [(p.title, p.kind) for p in extraction.posts] == [("deputy chief executive", "business")]


@pytest.mark.parametrize(
    "text",
    [
        "At dinner, former South African president Peter Marsh backed the plan.",
        "Former Lufthansa spokesman Peter Lang said fares would rise.",
        "The firm was run by ex-chief executive Tom Hill until 2003.",
    ],
)
def test_former_before_the_body_or_with_a_hyphen_is_no_current_post(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not extract(text).posts
