"""Finding relation triggers: lemma lookups for one-word triggers, a Matcher for the rest."""

from __future__ import annotations

from spacy.matcher import Matcher

from kg.extract.patterns import Rule, load_rules
from kg.extract.rules import RuleMatcher, word_test


def test_a_one_word_trigger_is_a_lemma_and_pos_test() -> None:
    trigger = [{"POS": {"IN": ["NOUN", "PROPN"]}, "LEMMA": {"IN": ["talk", "summit"]}}]
    assert word_test(trigger) == ({"talk", "summit"}, {"NOUN", "PROPN"})
    assert word_test([{"LEMMA": "meet"}]) == ({"meet"}, None)


def test_other_triggers_are_no_word_test() -> None:
    assert word_test([{"LEMMA": "trade"}, {"LEMMA": "talk"}]) is None
    assert word_test([{"LEMMA": "talk", "OP": "+"}]) is None
    assert word_test([{"LEMMA": {"NOT_IN": ["talk"]}}]) is None
    assert word_test([{"LOWER": "talks"}]) is None


def test_finds_what_a_matcher_finds_in_the_same_order(nlp) -> None:
    doc = nlp(
        "Ministers said they would meet for talks. The summit, he told reporters, "
        "will impose no tariffs, and the talks went on."
    )
    rules = load_rules()
    matcher = Matcher(nlp.vocab)
    for rule in rules:
        matcher.add(rule.id, [list(rule.trigger)])
    expected = [(nlp.vocab.strings[key], start) for key, start, _ in matcher(doc)]
    assert [(rule.id, token.i) for rule, token in RuleMatcher(nlp.vocab, rules)(doc)] == expected
    assert len(expected) >= 4


def test_a_trigger_of_several_words_is_matched_in_text_order(nlp) -> None:
    rules = [
        Rule("trade-talks", "negotiatesWith", 0.5, ({"LOWER": "trade"}, {"LEMMA": "talk"})),
        Rule("talks", "negotiatesWith", 0.5, ({"LEMMA": "talk"},)),
    ]
    doc = nlp("Trade talks began; trade talks ended.")
    found = [(rule.id, token.i) for rule, token in RuleMatcher(nlp.vocab, rules)(doc)]
    assert found == [("trade-talks", 0), ("talks", 1), ("trade-talks", 4), ("talks", 5)]
