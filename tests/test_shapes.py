"""The gated shape matcher: anchors read from patterns, longest match wins."""

from __future__ import annotations

from kg.shapes import anchor_words


def test_anchor_is_the_rarest_required_word_list() -> None:
    pattern = [
        {"IS_TITLE": True, "OP": "*"},
        {"ORTH": {"IN": ["Association", "Council"]}},
        {"LOWER": {"IN": ["of", "for"]}},
        {"IS_TITLE": True, "OP": "+"},
    ]
    assert anchor_words(pattern) == {"association", "council"}


def test_optional_tokens_are_no_anchor() -> None:
    assert anchor_words([{"LOWER": "customs", "OP": "?"}, {"IS_TITLE": True}]) is None
    assert anchor_words([{"LOWER": "customs"}, {"LOWER": "union"}]) in ({"customs"}, {"union"})


def test_a_shape_covering_a_gazetteer_name_replaces_it(nlp) -> None:
    doc = nlp("The Confederation of Indian Industry met Indian officials.")
    ents = {(ent.text, ent.ent_id_) for ent in doc.ents}
    assert ("Confederation of Indian Industry", "Organization") in ents
    assert ("Indian", "Country") in ents


def test_patterns_do_not_run_without_their_anchor(nlp) -> None:
    shapes = nlp.get_pipe("kg_shapes")
    doc = nlp.make_doc("Nothing here names a body of any kind.")
    words = {t.lower_ for t in doc}
    assert all(anchors.isdisjoint(words) for anchors, _ in shapes.gated if "body" not in anchors)
