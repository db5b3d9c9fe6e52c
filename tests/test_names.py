"""Person names, gender and the merges they allow, on texts written for these tests:
two full names never merge, a title's gender keeps people apart, "she" never stands
for a man, a body never merges into a person whose surname ends its name, and a
surname joins a full name of another article only where the contexts agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_articles

from kg.build import build
from kg.extract.names import compatible, parse_name
from kg.query import run_query
from kg.resolve import resolve
from kg.store import Store


def entities(extract, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """label -> class of the entities of a text."""
    return {e.label: e.cls for e in resolve(extract(text)).entities}


def entity_of(extract, text: str, surface: str) -> str | None:  # type: ignore[no-untyped-def]
    """The label of the entity the mention starting with ``surface`` resolves to."""
    resolved = resolve(extract(text))
    for index, mention in enumerate(resolved.extraction.mentions):
        if text[mention.start :].startswith(surface):
            entity = resolved.entity(index)
            return entity.label if entity else None
    return None


def test_names_are_parsed_into_title_given_name_surname_and_gender() -> None:
    assert parse_name("Howard", "Mrs").gender == "female"
    assert parse_name("Scotland", "Baroness") == parse_name("Scotland", "Baroness")
    assert parse_name("Scotland", "Baroness").surname == "Scotland"
    assert parse_name("Armstrong", "Lord").gender == "male"
    armstrong = parse_name("Bill Armstrong")
    assert (armstrong.given, armstrong.surname, armstrong.gender) == ("Bill", "Armstrong", "male")
    assert parse_name("George W. Bush Jr.").suffix == "Jr."
    assert parse_name("Howard").gender is None


def test_names_that_clash_in_gender_or_given_name_are_incompatible() -> None:
    assert not compatible(parse_name("Otis Ferry"), parse_name("Bryan Ferry"))
    assert not compatible(parse_name("Howard", "Mrs"), parse_name("Michael Howard"))
    assert not compatible(parse_name("Sandra Howard"), parse_name("Michael Howard"))
    assert compatible(parse_name("Howard", "Mrs"), parse_name("Sandra Howard"))
    assert compatible(parse_name("B. Armstrong"), parse_name("Bill Armstrong"))
    assert compatible(parse_name("Armstrong"), parse_name("Robert Armstrong"))


def test_two_full_names_with_different_given_names_never_merge(extract) -> None:
    text = (
        "The singer Bryan Ferry said he was proud of his son. Otis Ferry was arrested "
        "at the Commons on Monday after the protest."
    )
    found = entities(extract, text)
    assert found.get("Bryan Ferry") == "Person"
    assert found.get("Otis Ferry") == "Person"


def test_mrs_howard_never_becomes_michael_howard(extract) -> None:
    text = (
        "Conservative leader Michael Howard spoke in Leeds on Monday. "
        "Mrs Howard said the campaign had been hard on the family."
    )
    assert entity_of(extract, text, "Michael Howard") == "Michael Howard"
    assert entity_of(extract, text, "Howard said") == "Howard"


def test_sandra_howard_and_michael_howard_stay_two_people(extract) -> None:
    text = (
        "Michael Howard spoke in Leeds on Monday. Sandra Howard met voters in Kent. "
        "Mrs Howard said the voters were kind."
    )
    assert entity_of(extract, text, "Sandra Howard") == "Sandra Howard"
    assert entity_of(extract, text, "Michael Howard") == "Michael Howard"
    # the one woman of the name
    assert entity_of(extract, text, "Howard said") == "Sandra Howard"


def test_she_never_resolves_to_a_man(extract) -> None:
    text = "Michael Howard spoke in Leeds on Monday. She said the talks had gone well."
    extraction = extract(text)
    speakers = {extraction.mentions[s.speaker].text for s in extraction.statements}
    assert "Michael Howard" not in speakers
    text = "Sandra Howard spoke in Leeds on Monday. She said the talks had gone well."
    extraction = extract(text)
    speakers = {extraction.mentions[s.speaker].text for s in extraction.statements}
    assert speakers == {"Sandra Howard"}


def test_a_body_ending_in_a_persons_surname_never_merges_into_her(extract) -> None:
    text = (
        "Baroness Scotland, the Home Office minister, said the bill was fair. "
        "Universities Scotland said it opposed the bill."
    )
    resolved = resolve(extract(text))
    baroness = next(e for e in resolved.entities if e.label == "Scotland")
    assert baroness.cls == "Person"
    mentions = resolved.extraction.mentions
    assert all(mentions[m].start < text.index("Universities") for m in baroness.mentions)


# --- across articles ----------------------------------------------------------------------

ARTICLES = {
    "lord": "Peers debate secrecy\n\nLord Armstrong told the House of Lords that the rules on official secrets were sound.\n",
    "analyst": "Markets calm\n\nBill Armstrong, an analyst at Frontier Research, said shares in Brazil would recover.\n",
    "full": "Pension reform\n\nThe Treasury minister Alan Pardoe met the Pensions Council on Monday.\n",
    "surname": "Pension reform stalls\n\nMr Pardoe told the Pensions Council that the reform would wait.\n",
    "stranger": "Football\n\nMr Pardoe scored twice for Rovers in Madrid on Saturday.\n",
    "michael": "Tory campaign\n\nMichael Howard, the Conservative leader, spoke in Leeds.\n",
    "mrs": "Campaign trail\n\nMrs Howard visited a school in Leeds on Tuesday.\n",
}


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    return write_articles(tmp_path / "in", ARTICLES)


def people(store: Path) -> dict[str, set[str]]:
    """preferred label -> alternative labels of every person."""
    with Store(store, read_only=True) as opened:
        rows = opened.select_values(
            "SELECT ?label ?alt WHERE { ?p a kg:Person ; skos:prefLabel ?label . "
            "OPTIONAL { ?p skos:altLabel ?alt } }"
        )
    found: dict[str, set[str]] = {}
    for label, alt in rows:
        found.setdefault(label, set())
        if alt:
            found[label].add(alt)
    return found


def test_a_surname_joins_a_full_name_of_another_article_only_where_contexts_agree(
    tmp_path, articles
) -> None:
    store = tmp_path / "s"
    build([articles[name] for name in ("full", "surname", "stranger")], store=store)
    found = people(store)
    # "Mr Pardoe" beside the Pensions Council is the minister; the footballer is not
    assert "Pardoe" in found["Alan Pardoe"]
    assert "Pardoe" in found


def test_lord_armstrong_never_becomes_an_analyst_of_another_article(tmp_path, articles) -> None:
    store = tmp_path / "s"
    build([articles["lord"], articles["analyst"]], store=store)
    found = people(store)
    assert "Armstrong" in found and "Armstrong" not in found.get("Bill Armstrong", set())


def test_mrs_howard_never_becomes_michael_howard_of_another_article(tmp_path, articles) -> None:
    store = tmp_path / "s"
    build([articles["michael"], articles["mrs"]], store=store)
    found = people(store)
    assert "Howard" in found and "Howard" not in found["Michael Howard"]


# --- merge records and resolutions -----------------------------------------------------------


def merges(store: Path) -> list[dict[str, str]]:
    with Store(store, read_only=True) as opened:
        rows = run_query(opened, "merges").records()
        return [{k: str(v) for k, v in row.items() if v is not None} for row in rows]


def test_every_cross_document_merge_is_recorded_with_rule_confidence_and_documents(
    tmp_path, articles
) -> None:
    store = tmp_path / "s"
    build([articles["full"], articles["surname"]], store=store)
    [record] = merges(store)
    assert record["merged"] == "Pardoe" and record["intoLabel"] == "Alan Pardoe"
    assert record["rule"] == "surname" and float(record["confidence"]) == 0.75
    assert str(record["mergedFrom"]).endswith("person/pardoe")
    assert len(str(record["documents"]).split()) == 1
    assert len(str(record["supportedBy"]).split()) == 1


def test_the_merge_records_are_the_same_whatever_the_order(tmp_path, articles) -> None:
    names = ["full", "surname", "stranger", "lord", "analyst"]
    one, two = tmp_path / "one", tmp_path / "two"
    build([articles[name] for name in names], store=one)
    for name in reversed(names):
        build([articles[name]], store=two)
    assert merges(one) == merges(two) != []


def test_a_resolutions_file_overrides_the_rules_and_reports_bad_lines(tmp_path, articles) -> None:
    resolutions = tmp_path / "resolutions.tsv"
    resolutions.write_text(
        "# the surname is not the minister; Lord Armstrong is the analyst after all\n"
        "different\tPardoe\tAlan Pardoe\n"
        "same\tkgr:person/armstrong\tBill Armstrong\n"
        "same\tNobody Known\tAlan Pardoe\n"
        "same\tonly two fields\n",
        encoding="utf-8",
    )
    store = tmp_path / "s"
    report = build(
        [articles[name] for name in ("full", "surname", "lord", "analyst")],
        store=store,
        resolutions=resolutions,
    )
    found = people(store)
    assert "Pardoe" in found and "Pardoe" not in found["Alan Pardoe"]
    assert "Armstrong" in found["Bill Armstrong"]
    assert [record["rule"] for record in merges(store)] == ["resolution"]
    assert report.resolution_problems == [
        f"{resolutions}:5: expected 3 tab-separated fields (same|different, entity, entity), "
        "found 2; line skipped",
        f"{resolutions}:4: unknown entity 'Nobody Known'; line skipped",
    ]


def test_a_resolutions_file_that_cannot_be_read_leaves_the_rules_alone(tmp_path, articles) -> None:
    store = tmp_path / "s"
    report = build(
        [articles["full"], articles["surname"]], store=store, resolutions=tmp_path / "none.tsv"
    )
    assert "Pardoe" in people(store)["Alan Pardoe"]
    assert len(report.resolution_problems) == 1
    assert "none.tsv: cannot be read" in report.resolution_problems[0]


# --- mention provenance ---------------------------------------------------------------------


def test_every_mention_is_recorded_with_its_offsets_and_surface(tmp_path, articles) -> None:
    store = tmp_path / "s"
    build([articles["full"], articles["surname"]], store=store)
    with Store(store, read_only=True) as opened:
        found = run_query(opened, "mentions-of", {"name": "Pardoe"}).records()
        rows = [{k: str(v) for k, v in row.items() if v is not None} for row in found]
    texts = {ARTICLES[name] for name in ("full", "surname")}
    assert {row["surface"] for row in rows} == {"Alan Pardoe", "Pardoe"}
    assert {row["label"] for row in rows} == {"Alan Pardoe"}
    assert len({row["doc"] for row in rows}) == 2
    for row in rows:
        start, end = int(str(row["start"])), int(str(row["end"]))
        assert any(text[start:end] == row["surface"] for text in texts)


def test_kg_build_takes_a_resolutions_file_and_names_its_bad_lines(tmp_path, articles) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    resolutions = tmp_path / "mine.tsv"
    resolutions.write_text("different\tPardoe\tAlan Pardoe\nsame\tPardoe\n", encoding="utf-8")
    store = tmp_path / "s"
    paths = [str(articles["full"]), str(articles["surname"])]
    result = CliRunner().invoke(
        app, ["build", *paths, "--store", str(store), "--resolutions", str(resolutions), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert f"kg: resolutions: {resolutions}:2: expected 3 tab-separated fields" in result.output
    assert "Pardoe" in people(store) and "Pardoe" not in people(store)["Alan Pardoe"]


def test_an_academic_title_is_not_part_of_the_name(extract) -> None:
    text = "Prof Maria Castellano-Reyes criticised the plan. Prof Castellano-Reyes said more."
    people = [e for e in resolve(extract(text)).entities if e.cls == "Person"]
    assert [e.label for e in people] == ["Maria Castellano-Reyes"]
