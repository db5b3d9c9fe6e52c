"""Relations, posts, events and statements: each pattern on text written for the test."""

from __future__ import annotations

import pytest

from kg.extract.records import ACT, INTENT, NEGATED, REFUSAL
from kg.resolve import resolve


def relations(
    extract, text: str, published: str | None = "2026-03-04"
) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(subject label, predicate, object label) of the relations, symmetric ones sorted."""
    resolved = resolve(extract(text, published))
    found = set()
    for r in resolved.extraction.relations:
        a, b = resolved.entity(r.subject), resolved.entity(r.object)
        assert a is not None and b is not None
        pair = (a.label, b.label)
        if r.predicate in {"negotiatesWith", "meetsWith"}:
            pair = tuple(sorted(pair))  # type: ignore[assignment]
        found.add((pair[0], r.predicate, pair[1]))
    return found


def resolved_of(extract, text: str, published: str | None = "2026-03-04"):  # type: ignore[no-untyped-def]
    return resolve(extract(text, published))


def test_talks_with_and_coordination(extract) -> None:
    found = relations(
        extract, "Chilean Trade Minister Ana Soto held talks with Bruno Lage and Mia Ek in Lima."
    )
    assert ("Ana Soto", "negotiatesWith", "Bruno Lage") in found
    assert ("Ana Soto", "negotiatesWith", "Mia Ek") in found


def test_talks_between_two_parties(extract) -> None:
    assert ("Chile", "negotiatesWith", "Peru") in relations(
        extract, "Trade talks between Chile and Peru resumed on Monday."
    )


def test_subject_pair_that_meets(extract) -> None:
    assert ("Chile", "meetsWith", "Peru") in relations(extract, "Chile and Peru met in Geneva.")


def test_a_subject_alone_is_no_meeting(extract) -> None:
    assert not relations(extract, "Chile met in Geneva on Monday.")


def test_arrived_to_begin_talks_takes_the_subject_of_arrived(extract) -> None:
    text = "Norway's chief negotiator arrived in Ottawa to begin the first round of trade talks with Canada."
    assert ("Canada", "negotiatesWith", "Norway") in relations(extract, text)


def test_pronoun_subject_of_a_reported_clause(extract) -> None:
    text = "Premier Olaf Berg said he would take part in the tariff negotiations with Denmark."
    assert ("Denmark", "negotiatesWith", "Olaf Berg") in relations(extract, text)


def test_intent_act_refusal_and_negation_are_kept_apart(extract) -> None:
    def modality(text: str) -> str:
        [relation] = resolved_of(extract, text).extraction.relations
        return relation.modality

    assert modality("Chile held talks with Peru.") == ACT
    assert modality("Chile will hold talks with Peru.") == INTENT
    assert modality("Chile refused to negotiate with Peru.") == REFUSAL
    assert modality("Chile did not meet Peru.") == NEGATED


def test_refused_and_negated_relations_are_not_asserted_as_triples(extract) -> None:
    from kg.rdf import document_triples
    from kg.vocab import KG, RDF

    triples = document_triples(resolved_of(extract, "Chile refused to negotiate with Peru."))
    assert not [t for t in triples if t[1] == KG.negotiatesWith]
    assert [t for t in triples if t[1] == RDF.predicate and t[2] == KG.negotiatesWith]
    assert (None, KG.modality, KG.Refusal) in {(None, p, o) for _, p, o in triples}


def test_negotiation_event_with_topic_date_and_place(extract) -> None:
    resolved = resolved_of(
        extract, "Chile and Peru held talks on copper in Lima on Monday.", "2026-03-04"
    )
    [event] = resolved.extraction.events
    assert {resolved.entity(p).label for p in event.parties} == {"Chile", "Peru"}  # type: ignore[union-attr]
    assert [resolved.entity(a).label for a in event.about] == ["copper"]  # type: ignore[union-attr]
    assert event.date == "2026-03-02"
    assert resolved.entity(event.location).label == "Lima"  # type: ignore[union-attr]


def posts(extract, text: str) -> set[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    resolved = resolved_of(extract, text)
    return {
        (
            resolved.entity(p.person).label,
            p.title,
            getattr(resolved.entity(p.post_in), "label", None),
        )  # type: ignore[union-attr]
        for p in resolved.extraction.posts
    }


def test_posts_from_titles_appositions_and_appointments(extract) -> None:
    found = posts(
        extract,
        "U.S. Trade Representative Kara Lind met Mexico's Minister for Economic Affairs, Raul Vega. "
        "Ines Moll, chairman of the Nordic Exporters Forum, welcomed them. "
        "Chile has appointed Pablo Rios as the chief negotiator.",
    )
    assert ("Kara Lind", "Trade Representative", "United States") in found
    assert ("Raul Vega", "Minister for Economic Affairs", "Mexico") in found
    assert ("Ines Moll", "chairman", "Nordic Exporters Forum") in found
    assert ("Pablo Rios", "chief negotiator", "Chile") in found


def test_former_office_holders_get_no_current_post(extract) -> None:
    assert not posts(extract, "Former Trade Minister Ana Soto criticised the deal.")


def test_role_reference_resolves_to_the_post_holder(extract) -> None:
    text = "Treasury Secretary Lena Holt visited Peru. Chile's trade minister met the Treasury Secretary on Monday."
    assert ("Chile", "meetsWith", "Lena Holt") in relations(extract, text)


def test_unresolvable_role_makes_no_edge(extract) -> None:
    assert not relations(extract, "The minister met the secretary on Monday.")


def test_imposes_targets_and_faces(extract) -> None:
    found = relations(
        extract,
        "The White House said it would impose a 15% tariff on Brazilian steel. Argentina still faces a 30% beef quota.",
    )
    assert ("White House", "imposes", "15% tariff") in found
    assert ("15% tariff", "targets", "Brazil") in found
    assert ("15% tariff", "targets", "steel") in found
    assert ("30% beef quota", "targets", "Argentina") in found


def test_possessive_owner_of_a_policy(extract) -> None:
    found = relations(extract, "Norway urged Chile to cut its 20% tariff on salmon.")
    assert ("Chile", "imposes", "20% tariff") in found
    assert ("Norway", "demands", "20% tariff") in found


def test_demands_with_the_actor_asked(extract) -> None:
    resolved = resolved_of(
        extract, "Washington wants Peru to buy more soybeans and open its market to beef."
    )
    [soy] = [
        r for r in resolved.extraction.relations if resolved.entity(r.object).label == "soybeans"
    ]  # type: ignore[union-attr]
    assert soy.predicate == "demands"
    assert resolved.entity(soy.subject).label == "United States"  # type: ignore[union-attr]
    assert resolved.entity(soy.demanded_of).label == "Peru"  # type: ignore[union-attr]


def statements(extract, text: str) -> list[tuple[str, str, str | None, bool]]:  # type: ignore[no-untyped-def]
    resolved = resolved_of(extract, text)
    return [
        (
            resolved.entity(s.speaker).label,  # type: ignore[union-attr]
            s.quote,
            getattr(resolved.entity(s.reported_by), "label", None),
            s.direct,
        )
        for s in resolved.extraction.statements
    ]


def test_reported_speech_with_a_medium(extract) -> None:
    [(speaker, quote, medium, direct)] = statements(
        extract,
        "According to Reuters, Chile's Trade Minister Ana Soto said that copper exports would rise.",
    )
    assert (speaker, medium, direct) == ("Ana Soto", "Reuters", False)
    assert quote == "copper exports would rise"


def test_direct_quote_after_a_colon(extract) -> None:
    text = 'Ana Soto, the Chilean trade minister, stated:\n"We will not give up our copper."\nThe talks went on.'
    [(speaker, quote, _, direct)] = statements(extract, text)
    assert (speaker, quote, direct) == ("Ana Soto", "We will not give up our copper.", True)


def test_quote_then_said(extract) -> None:
    [(speaker, quote, _, direct)] = statements(
        extract, '"Copper prices will recover," Ana Soto said on Monday.'
    )
    assert speaker == "Ana Soto" and "Copper prices will recover" in quote


def test_medium_that_reports_is_the_source_not_a_second_speaker(extract) -> None:
    found = statements(extract, "The Copper Miners Council said output fell, Reuters reported.")
    assert found == [("Copper Miners Council", "output fell", "Reuters", False)]


def test_first_person_in_a_quote_is_the_speaker(extract) -> None:
    text = 'Premier Olaf Berg stated:\n"I will meet Denmark next week."\n'
    assert ("Denmark", "meetsWith", "Olaf Berg") in relations(extract, text)


def test_relation_in_reported_speech_records_the_speaker(extract) -> None:
    resolved = resolved_of(extract, "Ana Soto said Chile would hold talks with Peru.")
    [relation] = resolved.extraction.relations
    assert resolved.entity(relation.said_by).label == "Ana Soto"  # type: ignore[union-attr]


def test_a_meeting_between_named_parties_is_theirs_alone(extract) -> None:
    text = "India and Russia signed a deal during a meeting between Anil Rao and Boris Lenkov."
    found = relations(extract, text)
    assert ("Anil Rao", "meetsWith", "Boris Lenkov") in found
    assert not [r for r in found if "India" in r or "Russia" in r]


def test_own_aims_are_not_demands(extract) -> None:
    assert not relations(extract, "Hyundai said it wanted to change perceptions of its cars.")
    assert ("Kenya", "demands", "tea") in relations(
        extract, "Kenya wanted duty-free access for its tea."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Steelmakers cannot satisfy Vietnam's rising demand for steel.",
        "India's booming demand for gold lifted prices in Zurich.",
        "Brewers expect strong demand for beer in Mexico this summer.",
    ],
)
def test_the_markets_demand_is_no_demand(extract, text: str) -> None:
    assert not [r for r in relations(extract, text) if r[1] == "demands"]


def test_a_demand_made_by_an_actor_stays_one(extract) -> None:
    text = "Canada's demand for lower steel tariffs was rejected in Washington."
    assert ("Canada", "demands", "steel tariff") in relations(extract, text)


def test_a_title_before_the_name_wins_over_a_distant_apposition(extract) -> None:
    text = (
        "India's petroleum minister Mr Rao and Russian energy minister Boris Lenkov met on Tuesday."
    )
    found = posts(extract, text)
    assert ("Boris Lenkov", "energy minister", "Russia") in found
    assert not [p for p in found if p[0] == "Boris Lenkov" and p[2] == "India"]
