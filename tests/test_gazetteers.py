"""The gazetteers tools/generate_actors.py derives from the PETRARCH2 dictionaries hold
none of the noise their review found (README, "Field resources"): aliases that name a
country or another entity, people among the armed groups and bodies among the
officials, parties filed as armed groups, telecoms filed as media, codes for names,
and names cased otherwise than news writes them."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from kg.gazetteer import load_gazetteer, normalize_form
from kg.ontology import ontology_dir, read_tsv
from tools.generate_actors import HAND_WRITTEN

GAZETTEERS = ontology_dir() / "gazetteers"
BODIES = ("international_phoenix.tsv", "armed_groups.tsv")


def rows(name: str) -> list[dict[str, str]]:
    return list(read_tsv(GAZETTEERS / name))


def forms(row: dict[str, str]) -> list[str]:
    return [row["name"], *(alias for alias in row.get("aliases", "").split("|") if alias)]


def folded(form: str) -> str:
    return normalize_form(form).casefold()


@pytest.fixture(scope="module")
def bodies() -> dict[str, list[dict[str, str]]]:
    return {name: rows(name) for name in BODIES}


@pytest.fixture(scope="module")
def officials() -> list[dict[str, str]]:
    return rows("officials.tsv")


def test_no_generated_form_names_a_country(bodies) -> None:
    countries = {
        folded(form) for form, entry in load_gazetteer().forms.items() if entry.cls == "Country"
    }
    found = [
        (name, row["name"], form)
        for name, table in bodies.items()
        for row in table
        for form in forms(row)
        if folded(form) in countries
    ]
    assert not found  # 'GREECE' for two Greek groups, 'CHINA' for a Chinese firm


def test_no_form_names_two_entities(bodies) -> None:
    """A form two rows share, or a generated row shares with a hand-written one, cannot
    tell which entity it means (the hand-written one silently won)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for name in (*HAND_WRITTEN, *BODIES):
        for row in rows(name):
            for form in [*forms(row), *row.get("context_aliases", "").split("|")]:
                if form:
                    owners[folded(form)].add(f"{name}:{row.get('id', row['name'])}")
    shared = {
        form: sorted(owned)
        for form, owned in owners.items()
        if len(owned) > 1 and any(owner.startswith(BODIES) for owner in owned)
    }
    assert not shared


#: People the review found among the armed groups (the dictionary lists members and
#: leaders beside their groups).
PEOPLE_REVIEWED = ("Hambali", "Janjalani", "Tiger Memon", "Begum Farida", "Abu Bakar", "Dulmatin")
#: Words that open a person's name in the dictionaries.
FORMS_OF_ADDRESS = ("Abu", "Commander", "Emir", "Sheikh", "Begum", "Ibn", "IBN", "Brother")
GROUP_WORD = re.compile(r"Sayyaf|Battalion|Brigades?|Group|Organi[sz]ation|Army|Front", re.I)


def test_no_person_among_the_armed_groups(bodies) -> None:
    names = [row["name"] for row in bodies["armed_groups.tsv"]]
    assert not set(PEOPLE_REVIEWED) & set(names)
    addressed = [
        name
        for name in names
        if name.split()[0] in FORMS_OF_ADDRESS and not GROUP_WORD.search(name)
    ]
    assert not addressed


def test_no_party_among_the_armed_groups(bodies) -> None:
    names = {row["name"] for row in bodies["armed_groups.tsv"]}
    parties = {
        "African National Congress",
        "Kurdish Democratic Party",
        "South-West Africa People's Organization",
        "Tigray Peoples Liberation Front",
    }
    assert not names & parties


def test_telecoms_and_equipment_makers_are_companies_not_media(bodies) -> None:
    telecom = re.compile(
        r"Tele(com|communications?|fonica|fonos|phone)|Wireless|Cellular|Mobile|Semiconductor"
    )
    media = [
        row["name"]
        for row in bodies["international_phoenix.tsv"]
        if row["class"] == "MediaOrganization" and telecom.search(row["name"])
    ]
    assert not media  # 'Korea Telecom', 'Nokia', 'Sierra Wireless' were media
    classes = {row["name"]: row["class"] for row in bodies["international_phoenix.tsv"]}
    assert classes.get("Telecom Italia") == "Company"
    assert classes.get("Gray Television Inc") == "MediaOrganization"


def test_no_code_or_placeholder_is_a_name(bodies) -> None:
    names = {row["name"] for table in bodies.values() for row in table}
    assert not names & {"MNC", "MNCS", "NGO", "IGO", "S&P Quality Rankings", "DOW 30 Premium"}


def test_names_are_cased_as_news_writes_them(bodies, officials) -> None:
    shouting = re.compile(r"\b(INC|LTD|CORP|PLC)\b|\b[A-Z]\.[a-z]\.|&[a-z]|/[a-z]")
    assert not [
        form
        for table in bodies.values()
        for row in table
        for form in forms(row)
        if shouting.search(form)
    ]
    # a person's name has no acronyms ('TOM Ridge', 'JAN Eliasson'), only numerals
    capitals = re.compile(r"\b(?!(?:II|III|IV|V|VI|VII|VIII)\b)[A-Z]{2,}\b")
    assert not [row["name"] for row in officials if capitals.search(row["name"])]
    names = {row["name"] for row in officials}
    assert {"Tom Ridge", "Jan Eliasson", "Elizabeth II"} <= names


def test_officials_are_people_named_without_their_post(officials) -> None:
    body = re.compile(r"\b(Authority|Movement|Party|Front|Ministry|Government|Council)\b")
    assert not [row["name"] for row in officials if body.search(row["name"])]
    post = re.compile(r"^(\S+ )?(President|Minister|Secretary|Ambassador) ")
    assert not [form for row in officials for form in forms(row) if post.search(form)]


#: One-word names WordNet lists that are these groups' or firms' names in news
#: (reviewed), not common words.
WORDNET_NAMES = {
    "Aleph", "Contras", "Disney", "Hamas", "Hezbollah", "Hizballah", "Hizbollah", "Hizbullah",
    "Interahamwe", "Lashkar-E-Jhangvi", "Lashkar-E-Omar", "Lashkar-E-Taiba", "Lashkar-E-Tayyiba",
    "Lashkar-E-Toiba", "Pflp-Gc", "Taleban", "Taliban", "Tanzim", "Tigers", "Xerox",
    "al-Jihad", "al-Muhajiroun", "al-Qa'ida", "al-Qaeda", "al-Qaida",
}  # fmt: skip


def test_one_word_forms_that_are_english_words_are_reviewed_names(bodies, nlp) -> None:
    """A one-word form matches every capitalised occurrence of the word (the rulers run
    before the model): one that is an English word must be a name news uses."""
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    english = {word for pos in ("noun", "verb", "adj", "adv") for word in table[pos]}
    found = {
        form
        for table_rows in bodies.values()
        for row in table_rows
        for form in forms(row)
        if " " not in form and not form.isupper() and form.lower() in english
    }
    assert found <= WORDNET_NAMES, sorted(found - WORDNET_NAMES)


def test_demonyms_from_the_country_dictionary_fill_the_hand_table_s_gaps() -> None:
    from kg.gazetteer import load_gazetteer

    demonyms = load_gazetteer().demonyms
    assert demonyms["Malian"].iso3 == "MLI" and demonyms["Togolese"].iso3 == "TGO"
    assert demonyms["Omanis"].iso3 == "OMN"
    # misspelt names of the country are not demonyms; hand-written forms win
    assert "Afghanastan" not in demonyms and "Turkei" not in demonyms
    assert demonyms["Japanese"].iso3 == "JPN"
