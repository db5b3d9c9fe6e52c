"""Events typed with PLOVER from the trigger lexicon: each rule on text written for
the test, the RDF an event becomes, and a bad line of the argument paths file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import append_lines
from rdflib import Literal

from kg.extract.events import load_argument_paths
from kg.rdf import document_triples
from kg.resolve import resolve
from kg.vocab import KG, KGR, PROV, RDF


def events(extract, text: str) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    """(kind, modality, sources, targets) of the text's events, by resolved label."""
    extraction = extract(text)
    resolved = resolve(extraction)

    def labels(indices: list[int]) -> tuple[str, ...]:
        return tuple(sorted(e.label for i in indices if (e := resolved.entity(i)) is not None))

    return sorted(
        {(e.kind, e.modality, labels(e.sources), labels(e.targets)) for e in extraction.events}
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The European Union imposed sanctions on Iran on Monday.",
            ("SANCTION", "Act", ("European Union",), ("Iran",)),
        ),
        (
            "Washington slapped new sanctions on Moscow after the vote.",
            ("SANCTION", "Act", ("United States",), ("Russia",)),
        ),
        (
            "Iran was sanctioned by the European Union last year.",
            ("SANCTION", "Act", ("European Union",), ("Iran",)),
        ),
        (
            "Canada will impose an embargo on Cuba, officials said.",
            ("SANCTION", "Intent", ("Canada",), ("Cuba",)),
        ),
        (
            "France demanded that Britain withdraw its ambassador.",
            ("DEMAND", "Act", ("France",), ("United Kingdom",)),
        ),
        (
            "The UN urged Israel to halt the building of the wall.",
            ("DEMAND", "Act", ("United Nations",), ("Israel",)),
        ),
        (  # talks "by telephone", "with each other": still between the two
            "Tony Blair and Jacques Chirac held talks by telephone.",
            ("CONSULT", "Act", ("Tony Blair",), ("Jacques Chirac",)),
        ),
        (
            "Tony Blair and Jacques Chirac held talks with each other.",
            ("CONSULT", "Act", ("Tony Blair",), ("Jacques Chirac",)),
        ),
        (  # "a round of talks" is no sports contest
            "Japan and China will hold a new round of talks in Beijing.",
            ("CONSULT", "Intent", ("Japan",), ("China",)),
        ),
        (  # questioning a person is an interrogation
            "Tom Baker was questioned by the FBI on Monday.",
            ("INVESTIGATE", "Act", ("Federal Bureau of Investigation",), ("Tom Baker",)),
        ),
        (  # "fined" is lemmatised "fin" by the model
            "The European Commission fined Microsoft in March.",
            ("COERCE", "Act", ("European Commission",), ("Microsoft",)),
        ),
        (  # a past participle that modifies the one it was done to
            "Microsoft, fined by the European Commission in March, will appeal.",
            ("COERCE", "Act", ("European Commission",), ("Microsoft",)),
        ),
        (
            "Senator Tom Baker, criticised by the FBI last week, resigned on Monday.",
            ("DISAPPROVE", "Act", ("Federal Bureau of Investigation",), ("Tom Baker",)),
        ),
        (  # a warning to act is an order
            "Lord Vance warned the BBC to stay out of the row.",
            ("DEMAND", "Act", ("Vance",), ("BBC",)),
        ),
        (  # what one actor urges others to do is asked for, not done
            "Peru urged Chile and Bolivia to negotiate over the border.",
            ("CONSULT", "Intent", ("Chile",), ("Bolivia",)),
        ),
        (
            "Norway pressed Sudan to sign a deal with Chad.",
            ("AGREE", "Intent", ("Sudan",), ("Chad",)),
        ),
        (
            "Brazil offered to mediate between Venezuela and Colombia.",
            ("CONSULT", "Intent", ("Brazil",), ("Colombia", "Venezuela")),
        ),
        (
            "Ms Ortega visited Chile last week.",
            ("CONSULT", "Act", ("Ortega",), ("Chile",)),
        ),
        (
            "Ecuador telephoned Peru to discuss the border.",
            ("CONSULT", "Act", ("Ecuador",), ("Peru",)),
        ),
        (
            "Norway signed an agreement with Iceland on fishing rights.",
            ("AGREE", "Act", ("Norway",), ("Iceland",)),
        ),
        (
            "Brazil, India and South Africa criticised the United States over farm subsidies.",
            ("DISAPPROVE", "Act", ("Brazil", "India", "South Africa"), ("United States",)),
        ),
        (
            "Mr Straw accused Iran of hiding its nuclear programme.",
            ("DISAPPROVE", "Act", ("Straw",), ("Iran",)),
        ),
        (
            "The Kenyan government condemned Uganda for the raid.",
            ("DISAPPROVE", "Act", ("Kenya",), ("Uganda",)),
        ),
        (
            "Germany rejected the French proposal on Tuesday.",
            ("REJECT", "Act", ("Germany",), ("France",)),
        ),
        (
            "Russia threatened Georgia with an energy embargo.",
            ("THREATEN", "Act", ("Russia",), ("Georgia",)),
        ),
        (
            "Japan did not threaten China.",
            ("THREATEN", "Negated", ("Japan",), ("China",)),
        ),
        (
            "Spain refused to back Morocco in the dispute.",
            ("SUPPORT", "Refusal", ("Spain",), ("Morocco",)),
        ),
    ],
)
def test_a_trigger_with_actors_on_both_sides_is_an_event(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in events(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "Carmakers struggled to meet the country's growing demand for cars.",
        "During the hearing Mr Ruiz asked Ms Holm if she knew the buyer.",
        "Mr Okafor insisted that Nigeria had made great advances.",
        "Lord Vance warned Mr Dale that the plan could be unlawful.",
        "Ms Peretz made a short speech about Italy.",
    ],
)
def test_no_event_without_one(extract, text: str) -> None:
    found = [e for e in events(extract, text) if e[0] != "CONSULT"]
    assert found == [], found


def test_an_event_is_a_node_with_its_type_actors_and_provenance(extract) -> None:
    resolved = resolve(extract("The European Union imposed sanctions on Iran on Monday."))
    triples = set(document_triples(resolved))
    [node] = {s for s, p, o in triples if p == RDF.type and o == KG.Event}
    about = {(p, o) for s, p, o in triples if s == node}
    assert (KG.eventType, KG.Sanction) in about
    assert (KG.modality, KG.Act) in about
    assert (KG.mode, Literal("sanction")) in about
    assert any(p == KG.evidence and "sanctions on Iran" in str(o) for p, o in about)
    assert any(p == PROV.wasDerivedFrom for p, o in about)
    assert {o for p, o in about if p == KG.source} == {KGR["intl/european-union"]}
    assert {o for p, o in about if p == KG.target} == {KGR["country/IRN"]}


def test_a_negotiation_is_a_consult_event_with_sides(extract) -> None:
    resolved = resolve(extract("Japan held talks with Korea on steel tariffs."))
    triples = set(document_triples(resolved))
    [node] = {s for s, p, o in triples if p == RDF.type and o == KG.Negotiation}
    about = {(p, o) for s, p, o in triples if s == node}
    assert (KG.eventType, KG.Consult) in about
    assert {str(o)[-3:] for p, o in about if p in {KG.source, KG.target}} == {"JPN", "KOR"}


def test_a_bad_argument_paths_line_is_named_and_skipped(
    ontology_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    table = ontology_copy / "patterns" / "event_arguments.tsv"
    first = append_lines(table, ["adverb\tsource\t*\tsubject", "verb\tsource"])
    load_argument_paths.cache_clear()
    try:
        with caplog.at_level("WARNING"):
            paths = load_argument_paths()
        assert paths[("verb", "source", "*")][:2] == ("subject", "agent")
        messages = [record.getMessage() for record in caplog.records]
        assert any(f"{table}:{first}: pos must be verb, noun or adj" in m for m in messages)
        assert any(f"{table}:{first + 1}:" in m for m in messages)
    finally:
        load_argument_paths.cache_clear()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The UK and the Home Office were in the news again. Mr Davis accused the "
            "government of surrendering on asylum.",
            ("DISAPPROVE", "Act", ("Davis",), ("United Kingdom",)),
        ),
        (
            "Thailand and India have declined the Paris Club offer.",
            ("REJECT", "Act", ("India", "Thailand"), ("Paris Club",)),
        ),
        (
            "Deutsche Bank is being sued by Yukos.",
            ("DISAPPROVE", "Act", ("Yukos",), ("Deutsche Bank",)),
        ),
        (
            "France and Germany met in Paris on Tuesday.",
            ("CONSULT", "Act", ("France",), ("Germany",)),
        ),
    ],
)
def test_arguments_on_real_syntax(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in events(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "Prince Edward and Ms Varga hosted a dinner at Windsor Castle.",  # not each other
        "Ms Jamieson and Mr Kerr met supporters of both clubs on Monday.",
        # sport: a meeting or a clash in a sentence that names a contest
        "Tom Baker will meet Li Wei in Saturday's charity match at Twickenham.",
        "Peter Lund lined up a second-round clash with Tom Baker by beating Omar Said.",
        # questioning a thing, or why, is a doubt
        "The FBI questioned the Treasury's figures on Monday.",
        "Labour questioned Tony Blair's judgement.",
        "The FBI questioned why the Treasury had acted.",
        # visited by someone the text does not name: not visiting each other
        "Peter Lund and Tom Baker will be allowed a visit by one relative.",
        # not the opening sentence: counted phrases look back only
        "Tom Baker spoke on Monday. The four Britons freed from US custody flew home.\nPeter"
        " Lund, Tom Baker, Maria Costa and Omar Said were held for three years.",
        # a summit with others the text does not name: not with each other
        "Ms Jamieson and Mr Kerr will hold a summit next month with officials.",
        "Mr Aiyar discussed ONGC's plans during a trip to Lyon.",  # ONGC is no party
        # places the model takes for a body and a person, listed with places it knows
        "Mr Reid toured the region and visited Swindon, Shrewsbury, Dorset and Torbay.",
        "The Pentagon says the men were freed after the UK government promised they would "
        "not be a threat to the US.",  # whom a promise is about is not its target
    ],
)
def test_no_pair_where_the_syntax_makes_none(extract, text: str) -> None:
    assert events(extract, text) == []


def test_a_visit_is_to_a_place_and_not_with_a_companion(extract) -> None:
    assert ("CONSULT", "Act", ("Blair",), ("Iraq",)) in events(
        extract, "Mr Blair made a surprise visit to Iraq this week."
    )
    assert (
        events(extract, "Tony Blair sailed across the lake while on a visit with Ms Ruth Kelly.")
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a pronoun subject of a clause hung from one whose subject is a body
            "Barclays is part of the dispute because it was sued by Enron last year.",
            ("DISAPPROVE", "Act", ("Enron",), ("Barclays",)),
        ),
        (  # a pronoun subject of the sentence: the body the sentence before was about
            "Unilever reported higher profits on Tuesday. It also criticised Nestle over "
            "its pricing.",
            ("DISAPPROVE", "Act", ("Unilever",), ("Nestle",)),
        ),
        (
            "The Liberal Democrats attacked the plans. They said they would press Labour "
            "over the costs.",
            ("DEMAND", "Intent", ("Liberal Democrats",), ("Labour Party",)),
        ),
        (  # whose response: a possessive the reference code resolves
            "Mr Ortiz branded the Chilean government's handling of the strike a disgrace.",
            ("DISAPPROVE", "Act", ("Ortiz",), ("Chile",)),
        ),
        (  # "the government's" is the government of the article's country too
            "The UK and the Home Office were in the news again. The vote follows Labour "
            "demands that the government's plans be dropped.",
            ("DEMAND", "Act", ("Labour Party",), ("United Kingdom",)),
        ),
        (  # not the person named after the same pronoun as a subject
            "Peter Lund left the cabinet on Monday. While saying he admired Mr Hale's"
            " courage, he criticised Germany.",
            ("DISAPPROVE", "Act", ("Peter Lund",), ("Germany",)),
        ),
        (  # "our" in a quotation is the speaker's
            'A spokeswoman for Shell said: "The government of Peru is the authority that'
            ' approved our investment."',
            ("AGREE", "Act", ("Peru",), ("Shell",)),
        ),
        (  # "the programme", "the paper": the medium named before
            "Peter Lund wrote to Newsnight on Friday. He later contacted the programme to"
            " apologise.",
            ("CONSULT", "Act", ("Peter Lund",), ("Newsnight",)),
        ),
        (
            "Peter Lund wrote to the Daily Mirror on Friday. On Monday he criticised the paper.",
            ("DISAPPROVE", "Act", ("Peter Lund",), ("Daily Mirror",)),
        ),
        (  # "he" as the subject of the sentence before, which names two others
            "Peter Lund quit the party on Monday. In a letter to his agent he wrote:"
            ' "Tony Blair rather than Michael Howard should govern." He then criticised'
            " Germany.",
            ("DISAPPROVE", "Act", ("Peter Lund",), ("Germany",)),
        ),
        (  # a country named only by its adjective; "the next government" is its own
            "British farmers are angry. The Conservatives and Labour have clashed over"
            " subsidies. Ms Hale urged the next government to act.",
            ("DEMAND", "Act", ("Hale",), ("United Kingdom",)),
        ),
        (  # "the offer" is the one whose owner an earlier sentence named
            "Fiji accepted the Paris Club offer on Monday. Tonga and Samoa have however "
            "declined the offer.",
            ("REJECT", "Act", ("Samoa", "Tonga"), ("Paris Club",)),
        ),
        (
            "Mr Lee recalled a similar bid by Shell for Woodside in 2001. The bid was "
            "thrown out by Tim Ward, the treasurer.",
            ("REJECT", "Act", ("Tim Ward",), ("Shell",)),
        ),
        (  # suing for damages is a lawsuit, not an arrest
            "Shell is suing Nigeria for $2bn in damages.",
            ("DISAPPROVE", "Act", ("Shell",), ("Nigeria",)),
        ),
    ],
)
def test_arguments_through_references(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in events(extract, text)


def test_the_offer_takes_no_owner_the_text_did_not_give_one(extract) -> None:
    assert events(extract, "Fiji praised the budget. Tonga declined the offer.") == []
    # an offer with an owner of its own keeps it
    found = events(extract, "Fiji took the Paris Club offer. Tonga declined an offer from Japan.")
    assert [e for e in found if e[0] == "REJECT"] == [("REJECT", "Act", ("Tonga",), ("Japan",))]


def test_a_title_does_not_stand_for_the_holder_of_a_lesser_post(extract) -> None:
    deputy = (
        "Deputy Prime Minister Alan Reid opened the new bridge. Later the prime minister "
        "criticised France over the budget."
    )
    assert events(extract, deputy) == []
    both = (
        "Prime Minister Helen Clark and Deputy Prime Minister Alan Reid opened the new "
        "bridge. Later the prime minister criticised France over the budget."
    )
    assert ("DISAPPROVE", "Act", ("Helen Clark",), ("France",)) in events(extract, both)


def test_the_title_after_the_story_opens_with_a_name_is_that_person(extract) -> None:
    text = (
        "Helen Clark has promised more aid to the islands. The prime minister was speaking "
        "in Wellington. Aid groups welcomed the news. The prime minister later telephoned "
        "French President Jacques Chirac."
    )
    assert ("CONSULT", "Act", ("Helen Clark",), ("Jacques Chirac",)) in events(extract, text)
    via_pronoun = (
        "Helen Clark has promised more aid to the islands. The prime minister was speaking "
        "in Wellington. She also telephoned French President Jacques Chirac."
    )
    assert ("CONSULT", "Act", ("Helen Clark",), ("Jacques Chirac",)) in events(extract, via_pronoun)


@pytest.mark.parametrize(
    "text",
    [
        # the person holds another post
        "Opposition leader Helen Clark attacked the plan. The prime minister later "
        "telephoned French President Jacques Chirac.",
        # the story did not open with the person
        "Fiji and Tonga signed the pact. Aid groups welcomed it. Helen Clark spoke in "
        "Wellington. The prime minister later telephoned French President Jacques Chirac.",
    ],
)
def test_no_holder_of_a_title_where_the_story_does_not_make_one(extract, text: str) -> None:
    found = [e for e in events(extract, text) if "Jacques Chirac" in e[3]]
    assert found == [], found


@pytest.mark.parametrize(
    "text",
    [
        # a pronoun after a sentence about a person, or after an actor named before it
        "Mr Soto reported higher profits. It also criticised Nestle over pricing.",
        "Unilever grew fast. Then Nestle said it had criticised Danone.",
        "Unilever grew fast. It is thought that Danone criticised Nestle.",
    ],
)
def test_no_pronoun_antecedent_where_none_is_clear(extract, text: str) -> None:
    found = [e for e in events(extract, text) if "Unilever" in e[2] or "Soto" in e[2]]
    assert found == [], found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Spain's criticism of Italy grew sharper over the weekend.",
            ("DISAPPROVE", "Act", ("Spain",), ("Italy",)),
        ),
        (  # the subject of a light verb does what its object noun names
            "Mr Lopez heaped praise on Mr Garcia at the conference.",
            ("SUPPORT", "Act", ("Lopez",), ("Garcia",)),
        ),
        (  # 'to' parsed as a dative; whose bid it is
            "Mr Sato gave his support to Mr Tanaka's leadership bid.",
            ("SUPPORT", "Act", ("Sato",), ("Tanaka",)),
        ),
        (
            "Mr Blair sent his congratulations to Mr Karzai.",
            ("SUPPORT", "Act", ("Blair",), ("Karzai",)),
        ),
        (  # whose demands, and whose plans the demanded clause is about
            "The deal follows Labour demands that the Spanish government's plans be dropped.",
            ("DEMAND", "Act", ("Labour Party",), ("Spain",)),
        ),
        (
            "Brazil's threat of sanctions against Argentina alarmed investors.",
            ("THREATEN", "Act", ("Brazil",), ("Argentina",)),
        ),
        (  # what the threat is said to be is its owner's threat
            "Aides said Mr Hale's speech was a warning shot to Mr Ross.",
            ("THREATEN", "Act", ("Hale",), ("Ross",)),
        ),
        (
            "President Chavez's crackdown on the ambitions of tycoon Gustavo Cisneros "
            "angered investors.",
            ("COERCE", "Act", ("Chavez",), ("Gustavo Cisneros",)),
        ),
        (
            "Rio Tinto said it was a partner with BHP in the venture.",
            ("COOPERATE", "Act", ("BHP",), ("Rio Tinto",)),
        ),
        (
            "The European Commission launched an investigation into Microsoft's pricing.",
            ("INVESTIGATE", "Act", ("European Commission",), ("Microsoft",)),
        ),
        (
            "The probe by the SEC into Enron has widened.",
            ("INVESTIGATE", "Act", ("U.S. Securities and Exchange Commission",), ("Enron",)),
        ),
    ],
)
def test_a_noun_trigger_takes_its_sides_from_whose_it_is(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    found = events(extract, text)
    assert expected in found or (*expected[:2], expected[3], expected[2]) in found, found


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Demand for oil from China rose sharply, lifting prices.", "DEMAND"),
        ("American demand for Japanese cars fell in March.", "DEMAND"),
        ("Mr Kerry welcomed Egypt's call for talks.", "CONSULT"),  # no telephone call
        ("Mr Ruiz rejected Chile's demands on Monday.", "DEMAND"),  # Ruiz demands nothing
        ("The plan drew sharp criticism from Germany.", "DISAPPROVE"),  # of nobody
    ],
)
def test_no_noun_event_without_its_sides(extract, text: str, kind: str) -> None:
    found = [e for e in events(extract, text) if e[0] == kind]
    assert found == [], found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr Blair also spoke on the telephone to President George Bush.",
            ("CONSULT", "Act", ("Blair",), ("George Bush",)),
        ),
        (  # whose proposal is argued against
            "Ms Hale argued against Mr Reid's proposal.",
            ("REJECT", "Act", ("Hale",), ("Reid",)),
        ),
    ],
)
def test_phone_calls_and_arguing_against_an_offer(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    found = events(extract, text)
    assert expected in found or (*expected[:2], expected[3], expected[2]) in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The European Commission approved Vodafone's takeover bid.",
            ("AGREE", "Act", ("European Commission",), ("Vodafone",)),
        ),
        (
            "Cairn Energy has secured approval from the Indian government.",
            ("AGREE", "Act", ("India",), ("Cairn Energy",)),
        ),
        (  # a passive with no agent: the body it is "from" acts
            "Robert Kilroy-Silk was expelled from the UK Independence Party.",
            ("SANCTION", "Act", ("UK Independence Party",), ("Robert Kilroy-Silk",)),
        ),
        (
            "Two British diplomats were expelled from Russia.",
            ("SANCTION", "Act", ("Russia",), ("United Kingdom",)),
        ),
        (  # a place that is no actor, in a country
            "Foreign Minister Ana Soto will visit Aceh in Indonesia.",
            ("CONSULT", "Intent", ("Ana Soto",), ("Indonesia",)),
        ),
        (  # the host meets who was at the dinner
            "Tony Blair spoke to Gordon Brown at a dinner hosted by John Prescott.",
            ("CONSULT", "Act", ("John Prescott",), ("Gordon Brown", "Tony Blair")),
        ),
        (
            "Jacques Chirac was received by Pope John Paul in Rome.",
            ("CONSULT", "Act", ("John Paul",), ("Jacques Chirac",)),
        ),
    ],
)
def test_approvals_expulsions_visits_in_a_country_and_hosts(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in events(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "Parliament approved the bill on Monday.",  # nobody's
        "The deal needs approval from shareholders.",  # no actor approves
        "She ate a dinner cooked by her husband at home.",  # cooking is no hosting
        "Ana Soto visited a factory in Indonesia.",  # a factory is no place kg knows
    ],
)
def test_no_approval_or_host_without_actors_on_both_sides(extract, text: str) -> None:
    assert not [e for e in events(extract, text) if e[0] in {"AGREE", "CONSULT"}]


def test_a_passive_from_what_is_no_actor_has_no_source(extract) -> None:
    assert events(extract, "Ana Soto was released from Belmarsh prison.") == []


def test_what_a_verb_is_about_is_not_the_doing_of_its_subject(extract) -> None:
    text = 'Ana Soto said: "We have warned the Canadian government about their attacks on Shell."'
    assert not [e for e in events(extract, text) if e[0] == "DISAPPROVE" and "Soto" in e[2][0]]
    # an owner the text gives as a pronoun does not stop the subject acting
    found = events(extract, "The EU imposed its arms ban on China in 1989.")
    assert ("SANCTION", "Act", ("European Union",), ("China",)) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Greta Lind is a fierce critic of Omar Haddad.",
            ("DISAPPROVE", "Act", ("Greta Lind",), ("Omar Haddad",)),
        ),
        (
            "John Prescott, a long-standing supporter of Gordon Brown, spoke on Monday.",
            ("SUPPORT", "Act", ("John Prescott",), ("Gordon Brown",)),
        ),
        (
            "Tony Blair has been a leading advocate of Turkey.",
            ("SUPPORT", "Act", ("Tony Blair",), ("Turkey",)),
        ),
        (
            "The Greens want Gordon Brown to resign.",
            ("DEMAND", "Act", ("Green Party",), ("Gordon Brown",)),
        ),
        (  # "for" parsed as the mark of the clause
            "Michael Howard called for Tony Blair to resign.",
            ("DEMAND", "Act", ("Michael Howard",), ("Tony Blair",)),
        ),
        (  # whom one defends, not whom against
            "Tony Blair defended Gordon Brown against the Tory attacks.",
            ("SUPPORT", "Act", ("Tony Blair",), ("Gordon Brown",)),
        ),
        (
            "Gordon Brown paid tribute to Tony Blair.",
            ("SUPPORT", "Act", ("Gordon Brown",), ("Tony Blair",)),
        ),
    ],
)
def test_critics_supporters_defenders_and_calls_for_another_to_act(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in events(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "Gordon Brown won the support of John Prescott.",  # Brown is supported
        "Roger Federer is the champion of Wimbledon.",  # no actor
        "Ms Lind is an opponent of the plan.",  # nobody's plan
        # a critic by trade, not "of" anyone
        "Ken Lind, once a restaurant critic on the Evening Standard, spoke on Monday.",
        "Chelsea want Steven Gerrard.",  # wanting someone asks nothing of him
        "The Greens want to win the seat.",  # nobody else is to act
        "Ana Soto wanted to keep control of the firm.",  # she is to act herself
        "Ana Soto said she wanted Canada to be prosperous.",  # a state, not an act
        "Canada was cautious, but Ana Soto said she wanted it to end.",  # a thing
        "French Foreign Minister Michel Barnier said he wanted France to act.",  # his own
        "The army defended the town.",  # no actor defended
        "The union called for talks.",  # asked of nobody named
    ],
)
def test_no_critic_supporter_or_want_without_the_other_side(extract, text: str) -> None:
    assert not [e for e in events(extract, text) if e[0] in {"DISAPPROVE", "SUPPORT", "DEMAND"}]


def test_speaking_to_someone_is_no_event(extract) -> None:
    assert events(extract, "Mr Rudd spoke to Mr Howard in Sydney.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ban on another country's imports or exports is a sanction on that country
        (
            "Seoul announced a ban on poultry imports from Vietnam.",
            {("SANCTION", "Act", ("South Korea",), ("Vietnam",))},
        ),
        (
            "Egypt imposed a ban on Sudanese cattle imports.",
            {("SANCTION", "Act", ("Egypt",), ("Sudan",))},
        ),
        # an arms ban on a country is an arms embargo, not a prohibition at home
        (
            "The EU imposed an arms ban on Sudan in 1994.",
            {("SANCTION", "Act", ("European Union",), ("Sudan",))},
        ),
        (
            "Britain has kept a ban on arms sales to Zimbabwe since 2002.",
            {("SANCTION", "Act", ("United Kingdom",), ("Zimbabwe",))},
        ),
        # lifting it concedes, to the country whose goods it was on
        (
            "The European Union lifted its ban on Argentine beef.",
            {("CONCEDE", "Act", ("European Union",), ("Argentina",))},
        ),
        # a group of a country's people stands for it, also inside "a delegation of"
        (
            "A delegation of Ghanaian diplomats met Malian officials.",
            {("CONSULT", "Act", ("Ghana",), ("Mali",))},
        ),
        (
            "Leaders of Bolivia's new government met Paraguayan ministers.",
            {("CONSULT", "Act", ("Bolivia",), ("Paraguay",))},
        ),
    ],
)
def test_bans_lifted_bans_and_groups_of_a_country(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert set(events(extract, text)) == expected


def test_talks_that_collapsed_or_a_visit_called_off_assert_nothing(extract) -> None:
    from kg.extract.records import NEGATED

    for text in (
        "Talks between Ghana and Togo collapsed on Friday.",
        "A visit by the Kenyan president to Tanzania was cancelled.",
    ):
        extraction = extract(text)
        assert extraction.relations and all(r.modality == NEGATED for r in extraction.relations)
        assert not [e for e in extraction.events if e.modality != NEGATED]


def _about(extract, text: str) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """kind -> the surfaces of what the text's events are about."""
    extraction = extract(text)
    found: dict[str, set[str]] = {}
    for event in extraction.events:
        found.setdefault(event.kind, set()).update(extraction.mentions[i].text for i in event.about)
    return found


def test_what_an_event_is_about(extract) -> None:  # type: ignore[no-untyped-def]
    # a topic that modifies the event's noun
    assert _about(extract, "Chile and Peru opened tariff talks in Lima.")["CONSULT"] == {"tariff"}
    # what the verb of which the event is the subject is over
    text = "Negotiations between Norway and Iceland broke down over fishing rights."
    assert _about(extract, text)["CONSULT"] == {"fishing rights"}
    # "the talks": the policy the sentence before names
    text = (
        "Ottawa imposed a 15% tariff on Mexican steel. The talks between Canada and Mexico resumed."
    )
    assert "15% tariff" in _about(extract, text)["CONSULT"]
    # an event of the lexicon: its object or what it is over
    text = "Brazil criticised Argentina over the 30% tariff on shoes."
    assert "30% tariff" in _about(extract, text)["DISAPPROVE"]


def test_a_decision_to_impose_is_its_owners_imposition(extract) -> None:  # type: ignore[no-untyped-def]
    from test_relations import relations

    text = "The Kremlin decision to impose a 20% tariff on Finnish timber angered Helsinki."
    assert ("Kremlin", "imposes", "20% tariff") in relations(extract, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a capital a visit goes to stands for its country
            "Chancellor Greta Lind paid a two-day visit to Tokyo last week.",
            ("CONSULT", "Act", ("Greta Lind",), ("Japan",)),
        ),
        (
            "Mr Ortega visited Moscow in March to discuss gas prices.",
            ("CONSULT", "Act", ("Ortega",), ("Russia",)),
        ),
        (  # turning to someone for help is an appeal to them
            "Ghana turned to the World Bank for emergency funding in 2003.",
            ("DEMAND", "Act", ("Ghana",), ("World Bank",)),
        ),
        (  # a trip is a visit; its traveller is who acts in the clause around it
            "Ms Amari outlined the bid during a trip to Beijing in May.",
            ("CONSULT", "Act", ("Amari",), ("China",)),
        ),
        (  # a body named on a modifier of the group's own modifier
            "Mr Duval held talks with G8 finance ministers on Friday.",
            ("CONSULT", "Act", ("Duval",), ("G8",)),
        ),
        (
            "Ms Amari met EU trade officials in Geneva.",
            ("CONSULT", "Act", ("Amari",), ("European Union",)),
        ),
        (  # "he" after a sentence whose subject is a post only one person holds
            "Prime Minister Ruth Adler landed in Oslo on Monday. Aides said little. The "
            "prime minister chaired a crisis meeting on Tuesday. She also spoke on the "
            "telephone to President Anton Weiss.",
            ("CONSULT", "Act", ("Ruth Adler",), ("Anton Weiss",)),
        ),
    ],
)
def test_visits_groups_and_posts_as_sides(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in events(extract, text)


def test_a_capital_stays_a_place_where_nobody_goes_to_it(extract) -> None:
    found = events(extract, "Mr Ortega was born in Moscow and met Ms Amari in Paris.")
    assert all("Russia" not in e[3] and "France" not in e[3] for e in found), found


def test_a_post_qualified_or_held_by_several_is_no_antecedent(extract) -> None:
    qualified = (
        "Labour MP Anne Kerr opened a school. Nobody spoke. The Labour MP for Leeds "
        "arrived late. He also spoke on the telephone to President Anton Weiss."
    )
    assert [e for e in events(extract, qualified) if "Anne Kerr" in e[2]] == []
    unknown = (
        "Ruth Adler landed in Oslo. Aides said little. The prime minister chaired a "
        "meeting. She also spoke on the telephone to President Anton Weiss."
    )
    assert [e for e in events(extract, unknown) if "Ruth Adler" in e[2]] == []


def test_turning_to_someone_is_no_appeal_without_what_is_asked(extract) -> None:
    assert events(extract, "Ghana turned to the World Bank in 2003.") == []
    assert events(extract, "Ghana turned to gold for safety.") == []


def test_the_firm_is_the_one_body_its_own_sentence_named_before_it(extract) -> None:
    text = (
        "Nestle owns the brand. Nestle bought it in 1990 and Nestle wants to sell it. But "
        "a partner in Danone said the firm had held talks with Unilever."
    )
    found = events(extract, text)
    assert ("CONSULT", "Act", ("Danone",), ("Unilever",)) in found
    assert not [e for e in found if "Nestle" in e[2]]
    # two bodies named before it in its sentence: the one the text names most
    text = (
        "Nestle owns the brand. Nestle bought it in 1990. Unilever said Danone's offer "
        "to the firm was fair and the firm had criticised Kraft Foods."
    )
    assert not [e for e in events(extract, text) if {"Unilever", "Danone"} & set(e[2])]


@pytest.mark.parametrize(
    ("text", "sources", "targets"),
    [
        ("Ms Amari rounded on Labour in the debate.", ("Amari",), ("Labour Party",)),
        ("Mr Duval lambasted the European Commission.", ("Duval",), ("European Commission",)),
        ("The Tories rubbished Labour's figures.", ("Conservative Party",), ("Labour Party",)),
        ("Mr Kerr took a swipe at Gordon Brown.", ("Kerr",), ("Gordon Brown",)),
    ],
)
def test_british_words_for_criticism(extract, text, sources, targets) -> None:  # type: ignore[no-untyped-def]
    assert ("DISAPPROVE", "Act", sources, targets) in events(extract, text)


def test_rounding_on_a_thing_is_no_criticism(extract) -> None:
    assert events(extract, "The Ferrari team rounded on the corner at Monza.") == []


@pytest.mark.parametrize(
    ("text", "sources", "targets"),
    [
        ("Greta Lind attacked Omar Haddad over the budget.", ("Greta Lind",), ("Omar Haddad",)),
        ("The Greens hit back at Labour on Tuesday.", ("Green Party",), ("Labour Party",)),
        ("Ms Lind hit back at Gordon Brown's claims.", ("Lind",), ("Gordon Brown",)),
        ("Canada clashed with France over fishing rights.", ("Canada",), ("France",)),
        ("Shell has a complaint against Exxon Mobil.", ("Shell",), ("ExxonMobil",)),
        ("Mr Haddad poured cold water on Ms Lind's plans.", ("Haddad",), ("Lind",)),
        ("Ms Lind distanced herself from Omar Haddad.", ("Lind",), ("Omar Haddad",)),
        ("Germany's row with Iran deepened on Monday.", ("Germany",), ("Iran",)),
        ("Greta Lind slammed Omar Haddad over the budget.", ("Greta Lind",), ("Omar Haddad",)),
        ("Ms Lind launched an attack on the Conservatives.", ("Lind",), ("Conservative Party",)),
    ],
)
def test_attacks_rows_clashes_and_complaints_are_criticism(extract, text, sources, targets) -> None:  # type: ignore[no-untyped-def]
    assert ("DISAPPROVE", "Act", sources, targets) in events(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked the town with rockets.",  # no actor attacked
        "Germany carried out a bomb attack on Iran.",  # a bombing, not a criticism
        "Ms Lind filed a complaint with the European Commission.",  # with whom it is filed
        "The players stood in a row with the coach.",  # a line, not a quarrel
        "Ms Lind hit the ball back at Omar Haddad.",  # no particle after the verb
    ],
)
def test_no_criticism_in_a_physical_act_a_filing_or_a_line(extract, text: str) -> None:
    assert not [e for e in events(extract, text) if e[0] == "DISAPPROVE"]


def demands(extract, text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    """(pattern, sources, targets) of the demands said with a modal."""
    extraction = extract(text)
    resolved = resolve(extraction)

    def labels(indices: list[int]) -> tuple[str, ...]:
        return tuple(sorted(e.label for i in indices if (e := resolved.entity(i)) is not None))

    return sorted(
        (e.pattern, labels(e.sources), labels(e.targets))
        for e in extraction.events
        if e.pattern.startswith("deontic:")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The European Union said Japanese officials must open the rice market.",
            ("deontic:must", ("European Union",), ("Japan",)),
        ),
        (
            "Prime Minister Luis Vega appointed Carlos Ruiz in May. Opposition leader Ana "
            "Soto said the prime minister should sack Mr Ruiz.",
            ("deontic:should", ("Ana Soto",), ("Luis Vega",)),
        ),
        (
            '"Germany should not sign the trade deal," Jacques Chirac told reporters.',
            ("deontic:should", ("Jacques Chirac",), ("Germany",)),
        ),
        (
            "The French government insisted that Germany ought to cut its deficit.",
            ("deontic:ought", ("France",), ("Germany",)),
        ),
        (
            "The World Trade Organization said the European Union must cut farm subsidies.",
            ("deontic:must", ("World Trade Organization",), ("European Union",)),
        ),
        (
            'Maria Lopez attacked Carlos Ruiz on Monday. "It was a shameful remark," Ms Lopez '
            'said. "Mr Ruiz should apologise to the families at once."',
            ("deontic:should", ("Maria Lopez",), ("Carlos Ruiz",)),
        ),
        (
            "Jacques Chirac said the German government needed to cut its deficit.",
            ("deontic:needed", ("Jacques Chirac",), ("Germany",)),
        ),
        (
            '"Canada needs to open its dairy market," the World Trade Organization said.',
            ("deontic:needs", ("World Trade Organization",), ("Canada",)),
        ),
    ],
)
def test_a_speaker_saying_another_actor_should_act_demands_it(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert demands(extract, text) == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text",
    [
        '"Carlos Ruiz should be the next party leader," Ana Soto said.',  # copula
        "Ana Soto said the Conservatives should have the courage to cut taxes.",  # have
        "Ana Soto said Labour should win the election comfortably.",  # an outcome
        "Ana Soto said Carlos Ruiz should be sacked by the board.",  # passive
        "Ana Soto said Carlos Ruiz must have known about the loan.",  # perfect: a guess
        "Ana Soto said that if Germany should leave, prices would rise.",  # a condition
        '"Should Germany sign the deal?" Ana Soto asked.',  # a question
        "Ana Soto said she could not see why Germany should pay.",  # a question
        '"We must cut the deficit," Jacques Chirac said.',  # the speaker's own words
        "Jacques Chirac said he must leave early.",  # the speaker
        "Germany must cut its deficit, the newspaper wrote.",  # no actor speaks
        "Germany should cut its deficit by 2027.",  # no statement at all
        "Analysts said prices should rise next year.",  # no actor is asked
        "French President Jacques Chirac said France must act now.",  # his own country
        # whom an urged state favours is not asked to act
        "The Law Society urged that Carlos Ruiz should receive a fair trial.",
        "Ana Soto urged that Germany should get more seats.",
    ],
)
def test_no_demand_of_a_state_a_guess_a_question_or_oneself(extract, text: str) -> None:
    assert demands(extract, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ana Soto said the French government should have acted sooner.",
            ("deontic:should-have", ("Ana Soto",), ("France",)),
        ),
        (
            "Ana Soto said Carlos Ruiz should not have sold the shares.",
            ("deontic:should-have", ("Ana Soto",), ("Carlos Ruiz",)),
        ),
        (
            "The European Commission said Germany ought to have cut its deficit.",
            ("deontic:ought-have", ("European Commission",), ("Germany",)),
        ),
    ],
)
def test_what_another_actor_should_have_done_is_a_reproach(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert demands(extract, text) == [expected]
    assert ("DISAPPROVE", "Act", expected[1], expected[2]) in events(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ana Soto said Carlos Ruiz must have known about the loan.",  # a guess
        "Ana Soto said Carlos Ruiz should have been told.",  # he underwent it
        '"We should have acted sooner," Ana Soto said.',  # the speaker's own side
        "Ana Soto said Carlos Ruiz should have known.",  # a state
        "Ana Soto said Labour needed to win the seat.",  # an outcome
        "Ana Soto said Carlos Ruiz would need to raise taxes.",  # a forecast
    ],
)
def test_no_reproach_of_a_guess_a_passive_oneself_or_a_state(extract, text: str) -> None:
    assert not [d for d in demands(extract, text) if d[0].endswith("-have")]
    assert not [d for d in demands(extract, text) if "need" in d[0]]


def test_a_demand_said_with_a_modal_is_an_event_with_provenance(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The World Trade Organization said the European Union must cut farm subsidies."
    extraction = extract(text)
    assert any(s.quote.startswith("the European Union must") for s in extraction.statements)
    triples = set(document_triples(resolve(extraction)))
    [node] = {s for s, p, o in triples if p == RDF.type and o == KG.Event}
    about = {(p, o) for s, p, o in triples if s == node}
    assert (KG.eventType, KG.Demand) in about
    assert (KG.modality, KG.Act) in about
    assert (KG.pattern, Literal("deontic:must")) in about
    assert any(p == KG.evidence and "must cut farm subsidies" in str(o) for p, o in about)
    assert any(p == PROV.wasDerivedFrom for p, o in about)
    assert any(p == KG.saidBy for p, o in about)
    assert {o for p, o in about if p == KG.target} == {KGR["intl/european-union"]}
    assert any(p == RDF.type and o == KG.Statement for _, p, o in triples)


def test_an_act_someone_should_or_must_do_is_not_yet_done(extract) -> None:
    found = events(extract, "Mr Kerr said Canada must impose sanctions on Iran.")
    assert ("SANCTION", "Intent", ("Canada",), ("Iran",)) in found
    assert ("DEMAND", "Act", ("Kerr",), ("Canada",)) in found
    found = events(extract, "Ms Amari said Canada should criticise Iran.")
    assert ("DISAPPROVE", "Intent", ("Canada",), ("Iran",)) in found


def _disapprovals(
    extract, text: str, prefix: str = "evaluative:"
) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    """(sources, targets) of the text's DISAPPROVE acts of one kind of pattern: said in
    evaluative words, or ("reaction:") told as a feeling."""
    extraction = extract(text)
    resolved = resolve(extraction)

    def labels(indices: list[int]) -> tuple[str, ...]:
        return tuple(sorted(e.label for i in indices if (e := resolved.entity(i)) is not None))

    return {
        (labels(e.sources), labels(e.targets))
        for e in extraction.events
        if e.pattern.startswith(prefix) and e.kind == "DISAPPROVE" and e.modality == "Act"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Labour MP Ana Ruiz said: "This is an incredible blunder by Michael Fenwick."',
            (("Ana Ruiz",), ("Michael Fenwick",)),
        ),
        (
            '"The Treasury\'s handling of the pension row has been a disgrace," '
            "Liberal Democrat spokesman Tom Haller said.",
            (("Tom Haller",), ("Treasury",)),
        ),
        (
            'Opposition leader Peter Lind said the Foreign Office\'s proposals were "absurd" '
            'and "reckless".',
            (("Peter Lind",), ("Foreign, Commonwealth and Development Office",)),
        ),
        (
            "Union leader Bob Crowley said the Ministry of Defence's decision to close the "
            "base was a betrayal.",
            (("Bob Crowley",), ("Ministry of Defence",)),
        ),
        (
            "Shadow chancellor Oliver Letwin said Gordon Brown had made a mess of the "
            "pension system.",
            (("Oliver Letwin",), ("Gordon Brown",)),
        ),
        (
            "Senator Ruth Keller said it was irresponsible of the Pentagon to cut the budget.",
            (("Ruth Keller",), ("U.S. Department of Defense",)),
        ),
        (
            'Mr Dalton said the Home Office had been "utterly incompetent" over the affair.',
            (("Dalton",), ("Home Office",)),
        ),
        (
            "Liberal Democrat leader Charles Kennedy said Michael Howard was wrong to attack "
            "the judges.",
            (("Charles Kennedy",), ("Michael Howard",)),
        ),
        (  # a verb phrase of several words
            "Mr Lund said the Home Office was dragging its feet over the bill.",
            (("Lund",), ("Home Office",)),
        ),
        (
            "Senator Ruth Keller said Mr Fenwick would be running scared if he refused.",
            (("Ruth Keller",), ("Fenwick",)),
        ),
        (  # a noun of accusation said of someone
            'Washington has claimed Tom Baker was an "enemy combatant".',
            (("United States",), ("Tom Baker",)),
        ),
        (  # an adjective on the noun a copula gives its subject
            "Ms Ruiz said Mr Fenwick was a naive and spineless minister.",
            (("Ruiz",), ("Fenwick",)),
        ),
        (
            'Mr Dalton said the Home Office\'s figures were "inaccurate and biased".',
            (("Dalton",), ("Home Office",)),
        ),
        (
            "Ms Ruiz said Mr Fenwick had made a serious mistake over the pension fund.",
            (("Ruiz",), ("Fenwick",)),
        ),
        (  # a verb of wrongdoing said of its doer
            "Ms Ruiz said the Treasury had misled Parliament about the pension fund.",
            (("Ruiz",), ("Treasury",)),
        ),
        (  # a verb with a subject of its own, coordinated with another's
            "Ms Ruiz said Labour had raised taxes and the Tories had failed to oppose them.",
            (("Ruiz",), ("Conservative Party",)),
        ),
        (  # "failed to" with an infinitive; bare "ministers" are the government
            "The UK has tightened its asylum rules twice. Tory spokesman Ben Adler said "
            "ministers had failed to deport a single overstayer from the United Kingdom.",
            (("Ben Adler",), ("United Kingdom",)),
        ),
    ],
)
def test_criticism_in_evaluative_words_of_a_statement(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _disapprovals(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        # negated
        'Ms Ruiz said: "It is not a blunder by Michael Fenwick, it is a fair choice."',
        "Mr Lind said the Foreign Office's proposals were not absurd.",
        # the word applies to no actor
        'Mr Haller said the weather in Cornwall had been "appalling" all week.',
        "Ms Keller said the queues at the airport were ridiculous.",
        "Mr Straw said it was wrong to put China under the same embargo as Burma.",
        # the speaker judges itself
        "The Ministry of Defence said its own decision to close the base had been a blunder.",
        # a pronoun: most often the speaker's own doing
        "Tony Blair has backed Home Secretary David Blunkett. The home secretary has already "
        "admitted he was wrong to give the tickets to Mrs Quinn.",
        # what the actor underwent, not what the actor did
        "Lawyer Carla Moss said Mr Begley's arrest was outrageous and unacceptable.",
        # praise
        "Mr Dalton said the Home Office's response had been swift and sensible.",
        # a name that only places the word, not its doer
        "Mr Lind said the Iraq fiasco had cost lives.",
        # no statement: the narrator's words are no one's criticism
        "The Treasury's handling of the pension row was a shambles.",
        # a verb of wrongdoing: undergone in the passive, denied, one's own, or a
        # failure of things, not of an actor
        "Mr Cook said Parliament may have been misled by the inquiry.",
        "Mr Howard said Mr Blair had not misled anyone.",
        'Lord Woolf said: "I have so far failed to reach an agreement on this issue."',
        "Mr Davis said the talks with Brussels had failed to produce a deal.",
        "Mr Davis said the Treasury had failed.",
        "Mr Lind warned that if the European Commission ignored the request it would be wrong.",
        # a verb phrase denied, or its verb without the rest of it
        "Mr Lund said the Home Office was not dragging its feet over the bill.",
        "Mr Lund said the Home Office was playing a role in the talks.",
    ],
)
def test_no_criticism_where_the_word_judges_no_other_actor(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not _disapprovals(extract, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Greta Lind said Omar Haddad had been brilliant during the talks.",
            (("Greta Lind",), ("Omar Haddad",)),
        ),
        (
            '"Gordon Brown\'s budget was superb," Ana Soto told reporters.',
            (("Ana Soto",), ("Gordon Brown",)),
        ),
        (  # an adjective on the noun a copula gives its subject
            "Greta Lind said Omar Haddad was a decent and fair-minded public servant.",
            (("Greta Lind",), ("Omar Haddad",)),
        ),
    ],
)
def test_praise_in_evaluative_words_of_a_statement_is_support(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    extraction = extract(text)
    resolved = resolve(extraction)

    def labels(indices: list[int]) -> tuple[str, ...]:
        return tuple(sorted(e.label for i in indices if (e := resolved.entity(i)) is not None))

    found = {
        (labels(e.sources), labels(e.targets))
        for e in extraction.events
        if e.kind == "SUPPORT" and e.pattern.startswith("evaluative:")
    }
    assert found == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "Greta Lind said Omar Haddad had not been brilliant.",  # negated
        "Greta Lind said the weather had been superb.",  # no actor
        "Swedish Foreign Minister Greta Lind said the Swedish government had been excellent.",
    ],
)
def test_no_praise_negated_of_nobody_or_of_ones_own_side(extract, text: str) -> None:
    assert not [e for e in extract(text).events if e.kind == "SUPPORT"]


def test_a_criticism_keeps_its_statement_and_the_lexicons_provenance(extract) -> None:  # type: ignore[no-untyped-def]
    text = 'Labour MP Ana Ruiz said: "This is an incredible gaffe by Michael Fenwick."'
    extraction = extract(text)
    assert any(s.quote.startswith("This is an incredible gaffe") for s in extraction.statements)
    [event] = [e for e in extraction.events if e.pattern == "evaluative:gaffe"]
    assert event.trigger == "gaffe" and event.modality == "Act"
    assert text[event.char_start : event.char_end] == "gaffe"
    triples = set(document_triples(resolve(extraction)))
    nodes = {s for s, p, o in triples if p == KG.pattern and o == Literal("evaluative:gaffe")}
    [node] = [n for n in nodes if (n, RDF.type, KG.Event) in triples]
    about = {(p, o) for s, p, o in triples if s == node}
    assert (KG.eventType, KG.Disapprove) in about
    assert (PROV.wasDerivedFrom, next(o for p, o in about if p == PROV.wasDerivedFrom)) in about
    assert any(p == KG.evidence and "incredible gaffe" in str(o) for p, o in about)
    assert any(p == KG.saidBy for p, o in about)


def test_a_bad_evaluative_words_line_is_named_and_skipped(
    ontology_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from kg.extract.patterns import load_evaluative_words

    table = ontology_copy / "patterns" / "evaluative.tsv"
    first = append_lines(
        table, ["fiasco\tverb\tundergone", "muddle\tnoun", "muddle\tnoun\tcriticism"]
    )
    load_evaluative_words.cache_clear()
    try:
        with caplog.at_level("WARNING"):
            words = load_evaluative_words()
        assert words[("muddle", "noun")] == "criticism"
        assert ("fiasco", "verb") not in words
        messages = [record.getMessage() for record in caplog.records]
        assert any(f"{table}:{first}: a word, pos noun, adj or verb" in m for m in messages)
        assert any(f"{table}:{first + 1}:" in m for m in messages)
    finally:
        load_evaluative_words.cache_clear()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peter Hain and David Blunkett clashed over the budget on Monday. Senator Mark Hale"
            " criticised the rivalry between the pair.",
            ("DISAPPROVE", "Act", ("Mark Hale",), ("David Blunkett", "Peter Hain")),
        ),
        (
            "Prime Minister Tony Blair and Chancellor Gordon Brown have denied a rift. The Tory"
            " leader Michael Howard criticised both men on Sunday.",
            ("DISAPPROVE", "Act", ("Michael Howard",), ("Gordon Brown", "Tony Blair")),
        ),
        (
            "Toyota and Honda raised prices in March. The European Commission criticised the"
            " two firms.",
            ("DISAPPROVE", "Act", ("European Commission",), ("Honda Motor", "Toyota Motor")),
        ),
        (
            "Japan and China have clashed over gas fields. The United States urged the two"
            " countries to negotiate.",
            ("DEMAND", "Act", ("United States",), ("China", "Japan")),
        ),
        (  # a sentence naming the two, not coordinated
            "Tony Blair's speech came an hour after Gordon Brown's statement. Labour MP Ann"
            " Clwyd criticised the two men.",
            ("DISAPPROVE", "Act", ("Ann Clwyd",), ("Gordon Brown", "Tony Blair")),
        ),
        (  # a sentence naming one of them alone is passed over
            "Peter Hain and David Blunkett clashed over the budget. Mr Hain said he was sorry."
            " Senator Mark Hale criticised the pair.",
            ("DISAPPROVE", "Act", ("Mark Hale",), ("David Blunkett", "Peter Hain")),
        ),
        (  # "representatives from" a pair phrase, a sentence later
            "Barclays and HSBC were fined by regulators last year. The watchdog said it would"
            " act. On Tuesday the Treasury met representatives from both banks.",
            ("CONSULT", "Act", ("Treasury",), ("Barclays", "HSBC")),
        ),
    ],
)
def test_a_pair_phrase_is_the_last_two_actors_of_its_class_named_together(  # type: ignore[no-untyped-def]
    extract, text, expected
) -> None:
    assert expected in events(extract, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peter Lund, Tom Baker and Maria Costa were arrested in March. Senator Mark Hale"
            " criticised the three men.",
            ("DISAPPROVE", "Act", ("Mark Hale",), ("Maria Costa", "Peter Lund", "Tom Baker")),
        ),
        (  # a number standing alone
            "Peter Lund, Tom Baker, Maria Costa and Omar Said were freed on Monday. Senator Mark"
            " Hale criticised all four.",
            (
                "DISAPPROVE",
                "Act",
                ("Mark Hale",),
                ("Maria Costa", "Omar Said", "Peter Lund", "Tom Baker"),
            ),
        ),
        (  # "the men", uncounted: the last list of persons that was a subject
            "Tom Baker and Li Wei were detained at the airport. The men were later"
            " interrogated by the FBI.",
            ("INVESTIGATE", "Act", ("Federal Bureau of Investigation",), ("Li Wei", "Tom Baker")),
        ),
        (
            "Chile, Peru and Bolivia have quarrelled over water rights. The United States"
            " urged the three countries to negotiate.",
            ("DEMAND", "Act", ("United States",), ("Bolivia", "Chile", "Peru")),
        ),
        (  # a resolved phrase is a list for the next: "the men", then "all four"
            "Peter Lund, Tom Baker, Maria Costa and Omar Said were freed on Monday. The men flew"
            " home on Tuesday. Their lawyer, Jan Novak, said the flight was long. He said"
            " they were tired. Mr Novak said the men wanted to rest. He said the families"
            " were waiting. He said they would speak later. Senator Mark Hale criticised"
            " all four.",
            (
                "DISAPPROVE",
                "Act",
                ("Mark Hale",),
                ("Maria Costa", "Omar Said", "Peter Lund", "Tom Baker"),
            ),
        ),
        (  # the opening sentence counts the list the next one opens with
            "The four Britons freed from US custody in Cuba flew home on Tuesday.\nPeter"
            " Lund, Tom Baker, Maria Costa and Omar Said were held for three years.",
            (
                "CONCEDE",
                "Act",
                ("United States",),
                ("Maria Costa", "Omar Said", "Peter Lund", "Tom Baker"),
            ),
        ),
        (  # "officers" with a country's name stand for it
            "Peter Lund and Tom Baker were detained on Monday. The men were questioned by"
            " British officers.",
            ("INVESTIGATE", "Act", ("United Kingdom",), ("Peter Lund", "Tom Baker")),
        ),
        (  # "the firms", uncounted, after a list of firms that was a subject
            "Toyota, Honda and Nissan raised prices in March. The European Commission"
            " criticised the firms.",
            (
                "DISAPPROVE",
                "Act",
                ("European Commission",),
                ("Honda Motor", "Nissan Motor", "Toyota Motor"),
            ),
        ),
        (  # a phrase that names its members itself is no reference back
            "Peter Lund and Tom Baker were absent. The European Commission criticised two"
            " firms - Toyota and Honda.",
            ("DISAPPROVE", "Act", ("European Commission",), ("Honda Motor", "Toyota Motor")),
        ),
    ],
)
def test_a_counted_phrase_is_as_many_actors_of_its_class_named_together(  # type: ignore[no-untyped-def]
    extract, text, expected
) -> None:
    assert expected in events(extract, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tom Baker and Li Wei were detained at the airport. They were later interrogated"
            " by the FBI.",
            ("INVESTIGATE", "Act", ("Federal Bureau of Investigation",), ("Li Wei", "Tom Baker")),
        ),
        (
            "Japan and South Korea met in Seoul on Monday. They criticised North Korea.",
            ("DISAPPROVE", "Act", ("Japan", "South Korea"), ("North Korea",)),
        ),
        (  # "them", an object, skips its own clause's subject
            "Peter Lund and Tom Baker were freed. The FBI later interrogated them.",
            (
                "INVESTIGATE",
                "Act",
                ("Federal Bureau of Investigation",),
                ("Peter Lund", "Tom Baker"),
            ),
        ),
        (  # a passive infinitive's subject is that of the verb it completes
            "Tom Baker is expected to be interrogated by the FBI.",
            ("INVESTIGATE", "Intent", ("Federal Bureau of Investigation",), ("Tom Baker",)),
        ),
    ],
)
def test_they_after_a_list_that_is_a_subject_is_the_list(  # type: ignore[no-untyped-def]
    extract, text, expected
) -> None:
    assert expected in events(extract, text)


def test_they_after_another_subject_is_not_the_list(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Japan and South Korea held talks. The unions said they would criticise the FBI."
    found = [e for e in events(extract, text) if e[0] == "DISAPPROVE"]
    assert not any({"Japan", "South Korea"} & set(e[2]) for e in found), found


@pytest.mark.parametrize(
    "text",
    [
        # three named, four counted
        "Peter Lund, Tom Baker and Maria Costa were freed on Monday. Senator Mark Hale"
        " criticised all four.",
        # the nearest list of persons is no subject: "the men" is nobody
        "Jan Novak, the lawyer for Tom Baker and Li Wei, spoke on Monday. Senator Mark Hale"
        " criticised the men.",
        # "the men of" a place are not the men named
        "Tom Baker and Li Wei were detained. Senator Mark Hale criticised the men of the village.",
        # a counted noun the lexicon does not list: other officials
        "Peter Lund, Tom Baker and Maria Costa were freed. Senator Mark Hale criticised"
        " three officials.",
    ],
)
def test_no_counted_phrase_where_the_count_or_the_list_does_not_fit(extract, text: str) -> None:
    found = [e for e in events(extract, text) if e[0] == "DISAPPROVE"]
    assert found == [], found


@pytest.mark.parametrize(
    "text",
    [
        # an indefinite count names others
        "George Bush and Tony Blair met in Washington. Two Americans were later seized by Iran.",
        # a word for a kind of firm is not any list of firms
        "Toyota, Honda and Nissan raised prices. The European Commission criticised the banks.",
        # a digit Python cannot read as a number
        "Toyota and Honda raised prices. The European Commission fined \u2460 firms.",
    ],
)
def test_a_counted_phrase_needs_its_article_and_its_kind(extract, text: str) -> None:
    found = [e for e in events(extract, text) if e[0] in {"COERCE", "DISAPPROVE"}]
    assert not [e for e in found if len(e[3]) > 1], found


def test_an_uncounted_plural_after_a_list_that_was_no_subject_is_not_that_list(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The regulator fined Toyota, Honda and Nissan in March. The European Commission"
        " criticised the firms."
    )
    found = [e for e in events(extract, text) if e[0] == "DISAPPROVE"]
    assert not [e for e in found if len(e[3]) == 3], found


@pytest.mark.parametrize(
    "text",
    [
        "Senator Mark Hale criticised the rivalry between the pair.",  # nobody named before
        # two persons, not two countries
        "Peter Smith and Tom Jones clashed over the budget. Senator Mark Hale criticised the"
        " two countries.",
        # three candidates
        "Peter Smith, Tom Jones and Paul Brown argued over the plan. Senator Mark Hale"
        " criticised the pair.",
        "Gordon Brown, Tony Blair and John Prescott spoke at the rally. Labour MP Ann Clwyd"
        " criticised the two men.",
        "Japan and China have clashed over gas fields. Later, the United States, Russia and"
        " India said they were worried. Senator Mark Hale criticised both countries.",
        "Toyota, Honda and Nissan raised prices in March. The European Commission criticised"
        " the two firms.",
        # a member that is no name
        "Gordon Brown and his deputy were absent. Senator Mark Hale criticised the two men.",
        # two bodies named apart, not together
        "Toyota buys engines from Honda. Its chief executive said prices would rise. The"
        " European Commission criticised the two firms.",
    ],
)
def test_no_pair_where_the_antecedent_is_unclear(extract, text: str) -> None:
    found = [e for e in events(extract, text) if e[0] == "DISAPPROVE"]
    assert found == [], found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A delegation of Asian carmakers met the European Commission on Monday to press"
            " for lower duties. It was led by Ann Li, head of the Japan Automobile"
            " Manufacturers Association, and included representatives of Toyota, Honda and"
            " Kia.",
            (
                "CONSULT",
                "Act",
                (
                    "Ann Li",
                    "Honda Motor",
                    "Japan Automobile Manufacturers Association",
                    "Kia",
                    "Toyota Motor",
                ),
                ("European Commission",),
            ),
        ),
        (
            "A trade mission held talks with China on Tuesday. The mission was headed by"
            " Patricia Hewitt and included representatives of BP and Rolls-Royce.",
            ("CONSULT", "Act", ("BP", "Patricia Hewitt", "Rolls-Royce"), ("China",)),
        ),
        (
            "A delegation led by Ann Li met the European Commission on Monday.",
            ("CONSULT", "Act", ("Ann Li",), ("European Commission",)),
        ),
        (
            "A team including Toyota and Honda met the European Commission on Monday.",
            ("CONSULT", "Act", ("Honda Motor", "Toyota Motor"), ("European Commission",)),
        ),
    ],
)
def test_a_group_stands_for_the_members_it_or_the_next_sentence_names(  # type: ignore[no-untyped-def]
    extract, text, expected
) -> None:
    assert expected in events(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "A delegation of Asian carmakers met the European Commission on Monday. The weather"
        " was cold.",
        # 'it' after a group that was not its sentence's subject
        "The European Commission met a delegation on Monday. It was led by Ann Li.",
        # names in the next sentence that do not say they are its members
        "A delegation met the European Commission on Monday. Toyota and Honda said prices"
        " would rise.",
        "A delegation of Asian carmakers met the European Commission on Monday. Ann Li of"
        " Toyota said it was a good meeting.",
    ],
)
def test_no_group_members_the_text_does_not_name(extract, text: str) -> None:
    assert events(extract, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mexico met Canada on Monday to press for lower tariffs.",
            ("DEMAND", "Act", ("Mexico",), ("Canada",)),
        ),
        (
            "Brazil's trade minister flew to Washington and met the US Trade Representative to"
            " press for an end to cotton subsidies.",
            ("DEMAND", "Act", ("Brazil",), ("United States",)),
        ),
        (  # a title after the name, holding no post the text gave
            "Former minister Frank Hale MP criticised Tony Blair on Sunday.",
            ("DISAPPROVE", "Act", ("Frank Hale",), ("Tony Blair",)),
        ),
    ],
)
def test_a_demand_made_at_a_meeting_is_made_of_whom_it_meets(  # type: ignore[no-untyped-def]
    extract, text, expected
) -> None:
    assert expected in events(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia hired Goldman Sachs to press for debt relief.",  # no meeting
        "Toyota raised prices in Japan to press for change.",
    ],
)
def test_no_demand_of_whom_an_actor_does_not_meet(extract, text: str) -> None:
    assert [e for e in events(extract, text) if e[0] == "DEMAND"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japan is expected to hold talks with China next week.",
            [("CONSULT", "Intent", ("Japan",), ("China",))],
        ),
        (
            "Toyota and Honda have each made offers for BMW. BMW is expected to hold talks with"
            " the two firms next week.",
            [("CONSULT", "Intent", ("BMW",), ("Honda Motor", "Toyota Motor"))],
        ),
        (  # the passive's subject is 'who': the name it stands for
            "Chancellor Gordon Brown, who was expected to meet Wen Jiabao in Beijing, stayed"
            " in London.",
            [("CONSULT", "Intent", ("Gordon Brown",), ("Wen Jiabao",))],
        ),
        (  # whoever holds the talks is not tracked: the two do not talk to each other
            "Toyota and Honda have each made offers for Rover. Rover is expected to hold talks"
            " with the two firms next week.",
            [],
        ),
    ],
)
def test_talks_held_by_the_subject_of_a_passive_above(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert events(extract, text) == expected


def test_a_refusal_to_act_is_no_act(extract) -> None:
    found = events(extract, "Mr Kerr's refusal to accept the Tories' proposals angered them.")
    assert ("AGREE", "Refusal", ("Kerr",), ("Conservative Party",)) in found
    found = events(extract, "Mr Kerr's decision to accept the Tories' proposals pleased them.")
    assert ("AGREE", "Act", ("Kerr",), ("Conservative Party",)) in found


def test_a_post_qualified_by_a_body_is_not_held_in_another(extract) -> None:
    other = (
        "Liberal Democrat home affairs spokesman Mark Oaten attacked the plan. A Labour "
        "Party spokesman criticised Michael Howard's record."
    )
    found = events(extract, other)
    assert ("DISAPPROVE", "Act", ("Labour Party",), ("Michael Howard",)) in found
    assert not [e for e in found if "Mark Oaten" in e[2]]
    same = (
        "Liberal Democrat spokesman Mark Oaten attacked the plan. The Liberal Democrat "
        "spokesman criticised Michael Howard's record."
    )
    assert ("DISAPPROVE", "Act", ("Mark Oaten",), ("Michael Howard",)) in events(extract, same)


@pytest.mark.parametrize(
    "text",
    [
        "Peru has asked a Chilean banker and former World Bank director to run its central bank.",
        "Peru criticised a British lawyer over the ruling.",
        "Peru criticised the former Chilean ambassador.",
    ],
)
def test_a_person_named_by_trade_or_past_post_is_no_body(extract, text: str) -> None:
    found = events(extract, text)
    assert not [e for e in found if {"Chile", "World Bank", "United Kingdom"} & set(e[3])], found


def test_an_official_still_stands_for_the_country(extract) -> None:
    found = events(extract, "Peru has asked a Chilean official to leave.")
    assert ("DEMAND", "Act", ("Peru",), ("Chile",)) in found


def test_an_event_named_as_what_is_attempted_is_intended(extract) -> None:
    text = "Mr Kerr phoned Ms Amari on Monday in a last attempt at a deal with Labour."
    agreements = [e for e in events(extract, text) if e[0] == "AGREE"]
    assert agreements and all(e[1] == "Intent" for e in agreements), agreements
    assert ("AGREE", "Act", ("Kerr",), ("Labour Party",)) in events(
        extract, "Mr Kerr struck a deal with Labour on Monday."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the subject of a "that" clause
            "Michel Barnier said he was appalled that Germany had blocked the plan.",
            (("Michel Barnier",), ("Germany",)),
        ),
        (  # the agent's owner, the holder through a pronoun
            "Oxfam said it was disappointed by the European Commission's decision.",
            (("Oxfam",), ("European Commission",)),
        ),
        (
            "Germany was dismayed at the French decision to leave the talks.",
            (("Germany",), ("France",)),
        ),
        (  # the active verb: its object feels it, its subject's owner caused it
            "Washington's decision angered Beijing.",
            (("China",), ("United States",)),
        ),
        (
            "The Liberal Democrats have been highly critical of Michael Howard.",
            (("Liberal Democrats",), ("Michael Howard",)),
        ),
        (
            "Mr Hague was furious with Gordon Brown over the pension figures.",
            (("Hague",), ("Gordon Brown",)),
        ),
    ],
)
def test_disapproval_told_as_a_feeling(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in _disapprovals(extract, text, "reaction:")


@pytest.mark.parametrize(
    "text",
    [
        "Tony Blair was not disappointed by the Conservatives' response.",
        "Japan was unhappy with the result of the vote.",
        "Mr Brown said he was angry that nothing had been done.",
        "Voters angered by the closure of the plant marched on Downing Street.",
    ],
)
def test_no_disapproval_where_the_feeling_is_denied_or_at_no_actor(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _disapprovals(extract, text, "reaction:") == set()


def test_a_feeling_of_disapproval_is_an_event_with_its_provenance(extract) -> None:  # type: ignore[no-untyped-def]
    extraction = extract("Germany was dismayed at the French decision.")
    [event] = [e for e in extraction.events if e.pattern.startswith("reaction:")]
    assert (event.pattern, event.kind, event.modality) == ("reaction:dismay", "DISAPPROVE", "Act")
    triples = set(document_triples(resolve(extraction)))
    nodes = {s for s, p, o in triples if p == KG.pattern and o == Literal("reaction:dismay")}
    [node] = nodes
    assert (node, KG.eventType, KG.Disapprove) in triples
    assert any(s == node and p == KG.evidence and "dismayed" in str(o) for s, p, o in triples)


@pytest.mark.parametrize(
    ("text", "kind", "sides"),
    [
        ("Germany blocked the deal with Iran.", "AGREE", {"Germany", "Iran"}),
        ("Britain welcomed the talks with Libya.", "CONSULT", {"United Kingdom", "Libya"}),
        ("Washington condemned the agreement with Tehran.", "AGREE", {"United States", "Iran"}),
    ],
)
def test_who_judges_or_blocks_an_event_takes_no_part_in_it(extract, text, kind, sides) -> None:  # type: ignore[no-untyped-def]
    found = events(extract, text)
    assert not [e for e in found if e[0] == kind and set(e[2]) | set(e[3]) == sides], found


def test_who_holds_or_signs_an_event_still_takes_part(extract) -> None:  # type: ignore[no-untyped-def]
    found = events(extract, "France held talks with Iran. Spain signed a deal with Chile.")
    assert ("CONSULT", "Act", ("France",), ("Iran",)) in found
    assert ("AGREE", "Act", ("Spain",), ("Chile",)) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a noun the parser hung on the verb, a plural title of two countries
            "Mr Blair spoke on the telephone to President George Bush, and the presidents "
            "of Sri Lanka and Indonesia.",
            ("CONSULT", "Act", ("Blair",), ("George Bush", "Indonesia", "Sri Lanka")),
        ),
        (
            "Hilary Benn will visit Kenya, as well as Uganda.",
            ("CONSULT", "Intent", ("Hilary Benn",), ("Kenya", "Uganda")),
        ),
        (
            "Mr Straw met the German chancellor, and the foreign ministers of France and Italy.",
            ("CONSULT", "Act", ("Straw",), ("France", "Germany", "Italy")),
        ),
        (  # who a relative clause's subject is after a copula
            "Germany is the country that criticised France.",
            ("DISAPPROVE", "Act", ("Germany",), ("France",)),
        ),
    ],
)
def test_loosely_parsed_objects_and_subjects(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in events(extract, text)


@pytest.mark.parametrize(
    ("text", "only"),
    [
        ("Mr Straw met the German chancellor, and the ministers discussed trade.", ("Germany",)),
        (
            "Mr Straw criticised Germany, and the French and Italian governments agreed.",
            ("Germany",),
        ),
    ],
)
def test_a_clause_after_the_object_adds_no_side(extract, text, only) -> None:  # type: ignore[no-untyped-def]
    found = [e for e in events(extract, text) if e[2] == ("Straw",)]
    assert found and all(e[3] == only for e in found), found


def test_a_relative_clause_on_a_named_body_is_that_bodys(extract) -> None:  # type: ignore[no-untyped-def]
    found = events(
        extract,
        "The largest shareholder of Airbus is the French government, which criticised Mr Forgeard.",
    )
    assert ("DISAPPROVE", "Act", ("France",), ("Forgeard",)) in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # what an actor threatens to do is a threat, not done
            "Washington threatened to impose sanctions on Tehran.",
            ("SANCTION", "Threat", ("United States",), ("Iran",)),
        ),
        (  # a condition supposes it
            "If Japan imposed tariffs on US cars, the talks would end.",
            ("SANCTION", "Hypothetical", ("Japan",), ("United States",)),
        ),
        (  # a guess
            "Brazil may impose duties on Argentine steel.",
            ("SANCTION", "Hypothetical", ("Brazil",), ("Argentina",)),
        ),
        (  # a question whether it happened
            "Mr Kerr asked whether Canada had criticised Iran.",
            ("DISAPPROVE", "Hypothetical", ("Canada",), ("Iran",)),
        ),
        (  # tariffs on a country's goods, a ban on its imports
            "Japan imposed tariffs on US cars.",
            ("SANCTION", "Act", ("Japan",), ("United States",)),
        ),
        (
            "The EU banned imports of Chinese textiles.",
            ("SANCTION", "Act", ("European Union",), ("China",)),
        ),
    ],
)
def test_threats_suppositions_and_sanctions_on_a_countrys_goods(extract, text, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in events(extract, text)


def test_a_threat_or_a_supposition_is_recorded_but_asserts_no_edge(extract) -> None:  # type: ignore[no-untyped-def]
    for text, modality in [
        ("Washington threatened to impose sanctions on Tehran.", KG.Threat),
        ("If Japan imposed tariffs on US cars, the talks would end.", KG.Hypothetical),
    ]:
        triples = set(document_triples(resolve(extract(text))))
        assert any(p == KG.modality and o == modality for _, p, o in triples), text
        assert not any(p == KG.imposes for _, p, _ in triples), text


@pytest.mark.parametrize(
    "text",
    [
        "Mr Orlov claims he was betrayed by the British authorities.",
        "Jet Airways is to buy ten aircraft from Airbus in a deal worth $1bn.",
        "Renault preferred Nissan's offer to buy a stake and give Volvo the right to sell.",
    ],
)
def test_complaints_and_commerce_are_no_sanction_cooperation_or_concession(extract, text) -> None:  # type: ignore[no-untyped-def]
    kinds = {e[0] for e in events(extract, text)}
    assert not kinds & {"SANCTION", "COOPERATE", "CONCEDE"}, kinds


def test_a_verb_with_a_tense_of_its_own_takes_no_modal_from_its_conjunct(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Tony Blair said Labour would publish its plans soon and attacked the Tory plans."
    assert ("DISAPPROVE", "Act") in {e[:2] for e in events(extract, text)}
    text = "China will hold talks with Japan and sign a deal with Korea."
    assert ("AGREE", "Intent", ("China",), ("South Korea",)) in events(extract, text)
    text = "Ms Reyes said the plan could fail, while Labour criticised the Tory promises."
    assert ("DISAPPROVE", "Act", ("Labour Party",), ("Conservative Party",)) in events(
        extract, text
    )


def test_who_acts_is_a_roles_body_not_a_relatives_or_a_nationals_country(extract) -> None:  # type: ignore[no-untyped-def]
    found = events(extract, "Sony was blamed by the parents of Tom Archer.")
    assert not [e for e in found if "Tom Archer" in e[2]], found
    found = events(extract, "The leaders of Kenya criticised Uganda.")
    assert ("DISAPPROVE", "Act", ("Kenya",), ("Uganda",)) in found
    found = events(
        extract, "William Corr of the Campaign for Tobacco-Free Kids urged the US to act."
    )
    assert (
        "DEMAND",
        "Act",
        ("Campaign for Tobacco-Free Kids", "William Corr"),
        ("United States",),
    ) in found
    found = events(
        extract, "Iraq's Oil Ministry awarded contracts to a Canadian and a Turkish company."
    )
    assert not [e for e in found if {"Canada", "Turkey"} & set(e[3])], found


@pytest.mark.parametrize(
    ("text", "sources", "targets"),
    [
        ("Ms Amari poured scorn on the Labour Party.", ("Amari",), ("Labour Party",)),
        ("Mr Duval mocked Michael Howard in the Commons.", ("Duval",), ("Michael Howard",)),
        ("The Tories turned on Gordon Brown.", ("Conservative Party",), ("Gordon Brown",)),
        ("Mr Kerr took aim at the European Commission.", ("Kerr",), ("European Commission",)),
    ],
)
def test_more_british_words_for_criticism(extract, text, sources, targets) -> None:  # type: ignore[no-untyped-def]
    assert ("DISAPPROVE", "Act", sources, targets) in events(extract, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ms Amari turned on the television to watch Gordon Brown.",
        "Mr Kerr took aim and hit the target in front of Gordon Brown.",
    ],
)
def test_no_criticism_in_the_same_words_said_of_things(extract, text) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in events(extract, text) if e[0] == "DISAPPROVE"]
