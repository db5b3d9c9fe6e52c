"""The store is a function of the set of documents built into it (issue: builds that
differed by order, by batch or by run), and policies are one node only when they are
the same policy."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_articles

from kg.build import build
from kg.store import Store

# Texts written for these tests: a surname whose full name is in another article, an
# acronym defined in another, a second full name that makes the surname ambiguous, and
# two different 25% tariffs, and one name written two ways ("Kim Jong-un", "Kim Jong Un").
ARTICLES = {
    "hearing": "Britain reviews its trade rules\n\nFormer cabinet secretary Robert Armstrong told a committee on Monday that the rules were out of date.\nThe Confederation of Employers (COE) backed the review.\n",
    "evidence": "Committee hears more evidence\n\nArmstrong said the review would take a year. The COE said its members wanted speed.\n",
    "analyst": "Analysts doubt the timetable\n\nBill Armstrong, an analyst at Frontier Research, said a year was optimistic.\n",
    "steel": "Tariff plans\n\nThe United States will impose a 25% tariff on Chinese steel, the White House said.\n",
    "summit": "Summit plans\n\nNorth Korean leader Kim Jong-un met South Korean President Lee Jae-myung in Panmunjom on Tuesday.\n",
    "missiles": "Missile test\n\nKim Jong Un oversaw a missile test, state media said on Thursday.\n",
    "wine": "Wine dispute\n\nBrazil will impose a 25% tariff on Argentine wine, its government said on Friday.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> dict[str, Path]:
    return write_articles(tmp_path / "in", ARTICLES)


def quads(store: Path) -> list[str]:
    """Every quad but the analysis results."""
    with Store(store, read_only=True) as opened:
        return sorted(str(q) for q in opened.oxigraph if "graph/analysis" not in str(q.graph_name))


def built(tmp_path: Path, corpus: dict[str, Path], runs: list[list[str]], name: str) -> list[str]:
    store = tmp_path / name
    for run in runs:
        build([corpus[article] for article in run], store=store)
    return quads(store)


@pytest.mark.parametrize(
    "runs",
    [
        [["steel", "hearing", "missiles"], ["wine", "evidence", "analyst", "summit"]],
        [["analyst"], ["evidence"], ["summit"], ["wine"], ["hearing"], ["missiles"], ["steel"]],
        [["hearing", "evidence", "analyst", "steel", "wine", "summit", "missiles"]] * 2,
        [
            ["evidence", "hearing", "missiles"],
            ["analyst", "wine"],
            ["steel", "summit"],
            ["evidence"],
        ],
    ],
    ids=["two-runs", "one-at-a-time-reversed", "all-twice", "rebuilt-one"],
)
def test_the_store_is_the_same_whatever_the_order_batches_or_runs(tmp_path, corpus, runs) -> None:
    everything = [list(ARTICLES)]
    assert built(tmp_path, corpus, runs, "ordered") == built(tmp_path, corpus, everything, "once")


def person_labels(store: Path) -> dict[str, set[str]]:
    with Store(store, read_only=True) as opened:
        rows = opened.select_values(
            "SELECT ?label ?alt WHERE { ?p a kg:Person ; skos:prefLabel ?label "
            "OPTIONAL { ?p skos:altLabel ?alt } }"
        )
    found: dict[str, set[str]] = {}
    for label, alt in rows:
        assert label is not None
        found.setdefault(label, set()).update({alt} if alt else set())
    return found


def test_a_surname_joins_its_one_full_name_and_splits_off_when_a_second_arrives(
    tmp_path, corpus
) -> None:
    store = tmp_path / "s"
    build([corpus["hearing"], corpus["evidence"]], store=store)
    people = person_labels(store)
    assert "Armstrong" not in people and "Armstrong" in people["Robert Armstrong"]
    build([corpus["analyst"]], store=store)
    people = person_labels(store)
    assert {"Armstrong", "Robert Armstrong", "Bill Armstrong"} <= people.keys()
    assert "Armstrong" not in people["Robert Armstrong"]


def test_an_acronym_in_one_article_is_the_body_another_defined(tmp_path, corpus) -> None:
    store = tmp_path / "s"
    build([corpus["evidence"]], store=store)
    build([corpus["hearing"]], store=store)
    with Store(store, read_only=True) as opened:
        rows = opened.select_values(
            "SELECT ?o ?label WHERE { ?o skos:prefLabel ?label ; skos:altLabel 'COE' }"
        )
        lone = opened.select_values("SELECT ?o WHERE { ?o skos:prefLabel 'COE' }")
    assert [label for _, label in rows] == ["Confederation of Employers"]
    assert lone == []


def test_two_tariffs_of_the_same_rate_are_two_policies(tmp_path, corpus) -> None:
    from kg.query import run_query

    store = tmp_path / "s"
    build([corpus["steel"], corpus["wine"]], store=store)
    with Store(store, read_only=True) as opened:
        policies = opened.select_values(
            "SELECT DISTINCT ?p WHERE { ?p a kg:Policy ; kg:rate 25.0 }"
        )
        imposers = {
            str(row[-1])
            for row in run_query(opened, "policies-by-target", {"name": "Argentina"}).rows
        }
    assert len(policies) == 2
    assert imposers == {"Brazil"}


def test_the_same_policy_in_two_articles_is_one_node(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Steel plan\n\nThe United States will impose a 25% tariff on Chinese steel.\n"
    )
    (folder / "b.txt").write_text(
        "Beijing responds\n\nChina condemned the plan. The United States will impose a 25% tariff on Chinese steel from May, officials said.\n"
    )
    (folder / "c.txt").write_text("Levies\n\nA 25% tariff was discussed.\n")
    build([folder], store=tmp_path / "s")
    with Store(tmp_path / "s", read_only=True) as opened:
        targeted = opened.select_values(
            "SELECT DISTINCT ?p WHERE { ?p a kg:Policy ; kg:targets ?t }"
        )
        unscoped = opened.select_values(
            "SELECT DISTINCT ?p WHERE { ?p a kg:Policy FILTER NOT EXISTS { ?p kg:targets ?t } "
            "FILTER NOT EXISTS { ?x kg:imposes ?p } }"
        )
    assert len(targeted) == 1  # both articles' US tariff on Chinese steel
    assert len(unscoped) == 1  # the tariff nobody imposes on anything stays its article's own


def test_consolidation_links_a_surname_only_within_its_class() -> None:
    from kg.merge import Consolidation, Occurrence

    full = Occurrence("g1", "kgr:1", "Person", "Ingvild Kvalheim", "Ingvild Kvalheim")
    surname = Occurrence("g2", "kgr:2", "Person", "Kvalheim", "Kvalheim")
    firm = Occurrence("g3", "kgr:3", "Organization", "Meridian", "Meridian")
    minister = Occurrence("g4", "kgr:4", "Person", "Meridian", "Meridian")
    # a surname joins a full name only where both are named among the same actors
    norway = [Occurrence(g, "country/NOR", "Country", "Norway", None) for g in ("g1", "g2")]
    consolidation = Consolidation([full, surname, firm, minister, *norway])
    node, label = consolidation.target(surname)
    assert (node, label) == (full.local, "Ingvild Kvalheim")
    assert consolidation.target(minister) == (minister.local, "Meridian")
    assert consolidation.target(firm) == (firm.local, "Meridian")


def test_two_entities_of_one_document_never_become_one() -> None:
    from kg.merge import Consolidation, Occurrence

    # the document itself kept "Park" apart from "Min-jun Park": the corpus must not join them
    full = Occurrence("g1", "kgr:1", "Person", "Min-jun Park", "Min-jun Park")
    surname = Occurrence("g1", "kgr:2", "Person", "Park", "Park")
    elsewhere = Occurrence("g2", "kgr:3", "Person", "Park", "Park")
    korea = [Occurrence(g, "country/KOR", "Country", "South Korea", None) for g in ("g1", "g2")]
    consolidation = Consolidation([full, surname, elsewhere, *korea])
    assert consolidation.target(surname)[0] == surname.local
    assert consolidation.target(elsewhere)[0] == full.local


def test_the_store_validates_after_every_committed_batch(tmp_path, corpus, monkeypatch) -> None:
    import kg.build
    from kg.validate import validate

    monkeypatch.setattr(kg.build, "CHUNK", 1)  # one document a transaction
    order = ["analyst", "missiles", "evidence", "steel", "hearing", "summit", "wine"]
    with Store(tmp_path / "s") as store:
        problems: list[str] = []

        def check(graph: object) -> None:
            report = validate(store)
            problems.extend(v.message for v in report.violations)

        report = build([corpus[name] for name in order], store=store, on_document=check)
    assert report.documents == len(order)
    assert problems == []


def test_a_new_text_under_a_stored_id_replaces_it_and_says_so(tmp_path) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text('{"id": "wire-1", "text": "Chile met Peru in Lima."}\n')
    again = tmp_path / "again.jsonl"
    again.write_text('{"id": "wire-1", "text": "Chile met Peru in Lima."}\n')
    changed = tmp_path / "changed.jsonl"
    changed.write_text('{"id": "wire-1", "text": "Bolivia met Ecuador in Quito."}\n')
    store = tmp_path / "s"
    assert build([first], store=store).replaced == []
    assert build([again], store=store).replaced == []
    report = build([changed], store=store)
    assert [document.id for document in report.replaced] == ["wire-1"]
    with Store(store, read_only=True) as opened:
        countries = {
            row[0]
            for row in opened.select_values(
                "SELECT ?l WHERE { ?c a kg:Country ; skos:prefLabel ?l }"
            )
        }
    assert countries == {"Bolivia", "Ecuador"}


BBC = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bbc-news-2004-2005.jsonl"


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.skipif(not BBC.is_file(), reason=f"the BBC corpus is not here ({BBC}); CI has it")
def test_real_news_gives_the_same_store_in_either_order_and_built_twice(tmp_path) -> None:
    import json

    reserved_file = BBC.parent / "reserved-ids.txt"
    reserved = {
        line.strip()
        for line in reserved_file.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    records = []
    with BBC.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["category"] == "politics" and record["id"] not in reserved:
                records.append(line)
            if len(records) == 40:
                break
    halves = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    halves[0].write_text("".join(records[:20]), encoding="utf-8")
    halves[1].write_text("".join(records[20:]), encoding="utf-8")
    for name, runs in {
        "forward": [[halves[0]], [halves[1]]],
        "backward": [[halves[1]], [halves[0]], halves],
    }.items():
        for run in runs:
            build(run, store=tmp_path / name)
    assert quads(tmp_path / "forward") == quads(tmp_path / "backward")
