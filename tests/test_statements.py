"""Statements of firms and bodies, and quotations that carry on a speaker's words,
each on a short text written for the test."""

from __future__ import annotations

from kg.resolve import resolve


def statements(extract, text: str) -> list[tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    """(speaker label, quote, direct) of the text's statements, in sentence order."""
    extraction = extract(text)
    resolved = resolve(extraction)
    return [
        (resolved.entity(s.speaker).label, s.quote, s.direct)  # type: ignore[union-attr]
        for s in sorted(extraction.statements, key=lambda s: s.sent)
    ]


def test_quotations_after_the_first_are_the_speakers_until_another_speaks(extract) -> None:
    found = statements(
        extract,
        '"Prices are going to rise," said Kyle Marsh, at Delmont Bank. "Long term we are '
        'headed to $30. We have a lot of winter left." Others disagreed. "It is wrong," a '
        "trader said.",
    )
    assert found == [
        ("Kyle Marsh", "Prices are going to rise", True),
        ("Kyle Marsh", "Long term we are headed to $30. We have a lot of winter left.", True),
    ]


def test_a_firm_named_by_its_first_word_again_speaks(extract) -> None:
    found = statements(
        extract, "WMC Resources posted results. WMC said it made net profits of $1bn in 2004."
    )
    assert found == [("WMC Resources", "it made net profits of $1bn in 2004", False)]


def test_the_firm_is_the_body_the_text_named_most_lately(extract) -> None:
    found = statements(
        extract, "Oracle Corp bought Peoplesoft Inc on Monday. The firm said it would keep staff."
    )
    assert found == [("Oracle Corp", "it would keep staff", False)]


def negated(extract, text: str) -> list[tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    """(speaker label, quote, negated) of the text's statements."""
    extraction = extract(text)
    resolved = resolve(extraction)
    return [
        (resolved.entity(s.speaker).label, s.quote, s.negated)  # type: ignore[union-attr]
        for s in extraction.statements
    ]


def test_speech_verbs_beyond_say(extract) -> None:
    assert statements(extract, "Union leader Ana Ruiz urged that the strike be called off.") == [
        ("Ana Ruiz", "the strike be called off", False)
    ]
    assert statements(extract, "Senator Tom Reyes maintained that the budget was sound.") == [
        ("Tom Reyes", "the budget was sound", False)
    ]


def test_belief_is_no_statement(extract) -> None:
    assert statements(extract, "Senator Tom Reyes believes the budget is sound.") == []


def test_a_denial_is_a_negated_statement(extract) -> None:
    found = negated(extract, "Finance Minister Ana Ruiz denied that the budget had a hole.")
    assert found == [("Ana Ruiz", "the budget had a hole", True)]
    assert negated(extract, "Finance Minister Ana Ruiz said the budget had no hole.") == [
        ("Ana Ruiz", "the budget had no hole", False)
    ]


def test_a_dismissed_claim_is_what_is_denied(extract) -> None:
    found = negated(
        extract, "Premier Olaf Berg dismissed claims that the new port would harm fishing."
    )
    assert found == [("Olaf Berg", "the new port would harm fishing", True)]


def test_a_participle_reports_for_the_subject_of_the_main_clause(extract) -> None:
    found = statements(
        extract, "Senator Ruth Alvarez defended the bill, saying it would create jobs."
    )
    assert found == [("Ruth Alvarez", "it would create jobs", False)]


def test_coordinated_speakers_each_make_the_statement(extract) -> None:
    found = statements(
        extract, "Chile and Peru issued a joint declaration, saying the border would stay open."
    )
    assert sorted(speaker for speaker, _, _ in found) == ["Chile", "Peru"]


def test_a_pronoun_speaks_for_the_speaker_quoted_before(extract) -> None:
    found = statements(
        extract,
        '"We will cut rates," said Ana Soto, head of the central bank. The bank also '
        "raised its growth forecast. Exports rose by 4% in May. "
        '"Inflation is falling fast," she said.',
    )
    assert ("Ana Soto", "Inflation is falling fast", True) in found


def test_a_speaker_is_never_a_name_inside_the_quotation(extract) -> None:
    found = statements(
        extract,
        'Tomas Weller, an oil trader, spoke on Monday. "Ana Soto was wrong to cut rates," he said.',
    )
    assert found == [("Tomas Weller", "Ana Soto was wrong to cut rates", True)]


def test_a_speech_verb_inside_a_quotation_is_the_quoted_speakers(extract) -> None:
    found = statements(
        extract,
        'Ana Ruiz, the union leader, said: "The minister told us that we would be paid. '
        'He said we would get more."',
    )
    assert [quote for _, quote, _ in found if "get more" in quote] == []


def test_a_title_nobody_holds_stops_the_search_for_a_pronouns_speaker(extract) -> None:
    found = statements(
        extract,
        # (a story that opened with Weller would make him the prime minister: the title
        # after the opening name is that person)
        'Markets fell. Banks closed early. "Rates will rise," said Tomas Weller. The prime '
        'minister spoke on Tuesday. "It was too late," he said.',
    )
    assert ("Tomas Weller", "It was too late", True) not in found


def test_an_unnamed_spokesman_speaks_for_whom_his_owner_is(extract) -> None:
    found = statements(
        extract,
        "Senator Tom Reyes left the party in May. His spokesman said he would not return.",
    )
    assert found == [("Tom Reyes", "he would not return", False)]


def test_a_spokesperson_in_a_with_phrase_speaks_for_the_subject(extract) -> None:
    found = statements(
        extract,
        "The Ministry of Finance defended the tax, with a spokesperson saying: "
        '"It is fair to every family."',
    )
    assert found == [("Ministry of Finance", "It is fair to every family", True)]


def test_a_clause_before_the_speech_verb_is_what_was_said(extract) -> None:
    found = statements(
        extract,
        "The lorry market is recovering, Baltic Ferries said, but warned that it was not profiting.",
    )
    assert ("Baltic Ferries", "The lorry market is recovering", False) in found


def test_a_quotation_after_reported_speech_is_the_same_speakers(extract) -> None:
    found = statements(
        extract,
        'Finance Minister Ana Ruiz warned that rates would rise. "We cannot wait any longer."',
    )
    assert found == [
        ("Ana Ruiz", "rates would rise", False),
        ("Ana Ruiz", "We cannot wait any longer.", True),
    ]


def test_each_reopened_quotation_is_a_statement_of_its_own(extract) -> None:
    found = statements(
        extract,
        '"Rates will rise," said Ana Soto. "We cannot wait any longer. '
        '"Prices are far too high for families."',
    )
    assert [quote for _, quote, _ in found] == [
        "Rates will rise",
        "We cannot wait any longer.",
        "Prices are far too high for families.",
    ]


def test_a_denial_is_stored_as_a_negated_statement_not_as_an_assertion(extract) -> None:
    from rdflib import Literal

    from kg.rdf import document_triples
    from kg.vocab import KG

    triples = document_triples(
        resolve(extract("Finance Minister Ana Ruiz denied that the budget had a hole."))
    )
    [statement] = {s for s, p, o in triples if p == KG.quote}
    assert (statement, KG.negated, Literal(True)) in triples
    said = resolve(extract("Finance Minister Ana Ruiz said the budget had a hole."))
    assert not [t for t in document_triples(said) if t[1] == KG.negated]


def test_a_speech_verb_inside_a_continued_quotation_does_not_end_it(extract) -> None:
    found = statements(
        extract,
        '"Rates will rise," said Ana Soto. "We have already said that we would act '
        "before the summer.",
    )
    assert ("Ana Soto", "We have already said that we would act before the summer.", True) in found


def test_a_body_named_before_the_word_for_its_kind_speaks(extract) -> None:
    found = statements(
        extract, '"Exports will slow," the Lima Herald newspaper said in an editorial.'
    )
    assert found == [("Lima Herald", "Exports will slow", True)]


def test_whom_a_medium_quotes_is_the_speaker_and_the_medium_reports_it(extract) -> None:
    text = (
        'The Reuters news agency quoted Finance Minister Ana Ruiz as saying: "The budget is '
        'balanced."'
    )
    resolved = resolve(extract(text))
    [statement] = resolved.extraction.statements
    assert resolved.entity(statement.speaker).label == "Ana Ruiz"  # type: ignore[union-attr]
    assert resolved.entity(statement.reported_by).label == "Reuters"  # type: ignore[union-attr]


def test_a_line_headed_by_a_name_and_a_colon_is_that_speakers(extract) -> None:
    found = statements(
        extract,
        "Chilean Finance Minister Tomas Soto met Peruvian officials in Lima on Monday.\n\n"
        'Mr Soto: "We will not sign a bad deal."\n\nThe talks resume in June.',
    )
    assert found == [("Tomas Soto", "We will not sign a bad deal.", True)]


def test_a_title_in_the_first_sentence_is_the_person_the_next_one_names(extract) -> None:
    found = statements(
        extract,
        "Chile's finance minister has warned that interest rates will rise.\n\n"
        "Tomas Soto was speaking to bankers in Santiago on Monday.",
    )
    assert found == [("Tomas Soto", "interest rates will rise", False)]


def test_a_books_claims_are_its_authors(extract) -> None:
    found = statements(
        extract,
        "The book by journalist Tomas Soto said the minister had misled parliament. "
        "The book also claims that the deal was rushed.",
    )
    assert found == [
        ("Tomas Soto", "the minister had misled parliament", False),
        ("Tomas Soto", "the deal was rushed", False),
    ]


def test_bodies_and_parties_speak(extract) -> None:
    text = (
        "The Brazilian finance ministry said the deficit would narrow. "
        "The ministry said it expected growth of 3%."
    )
    assert [s[0] for s in statements(extract, text)] == ["Brazilian finance ministry"] * 2
    text = (
        "The US Senate votes on the farm bill in Washington on Friday. "
        "Republicans said the bill would pass."
    )
    assert ("Republican Party", "the bill would pass", False) in statements(extract, text)


def addressees(extract, text: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    """(speaker label, addressee label or None) of the text's statements."""
    extraction = extract(text)
    resolved = resolve(extraction)
    found = []
    for s in sorted(extraction.statements, key=lambda s: s.sent):
        heard = resolved.entity(s.addressee) if s.addressee is not None else None
        found.append((resolved.entity(s.speaker).label, heard.label if heard else None))  # type: ignore[union-attr]
    return found


def test_whom_a_statement_was_said_to(extract) -> None:
    assert addressees(
        extract,
        "The foreign minister, Ana Ruiz, told the BBC that Chile would not back the plan. "
        "Chancellor Tomas Vidal warned the European Union that farm subsidies had to go. "
        "Ruiz wrote to the United Nations that observers were needed.",
    ) == [
        ("Ana Ruiz", "BBC"),
        ("Tomas Vidal", "European Union"),
        ("Ana Ruiz", "United Nations"),
    ]


def test_no_addressee_without_one_named(extract) -> None:
    # voters and reporters are nobody's entity; a quoted speaker is not the addressee
    assert addressees(
        extract,
        "Ana Ruiz told voters that taxes would fall. Tomas Vidal said to reporters that "
        "the talks had failed.",
    ) == [("Ana Ruiz", None), ("Tomas Vidal", None)]
