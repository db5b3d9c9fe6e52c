"""The extractor: parsed windows in, mentions, relations, events and statements out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from kg.extract.deontic import attribute_obligations
from kg.extract.mentions import MentionFinder, common_nouns
from kg.extract.records import Extraction, Sentence
from kg.extract.relations import DocumentState, RelationFinder
from kg.extract.statements import continue_quotes
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest import Document
from kg.nlp import Window, parse_documents

__all__ = ["Extractor"]


class Extractor:
    """Runs mention typing and relation extraction over parsed documents."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None) -> None:
        self.nlp = nlp
        gaz = gazetteer or load_gazetteer()
        self.mentions = MentionFinder(gaz, common_nouns(nlp))
        self.relations = RelationFinder(nlp.vocab, gaz, self.mentions)

    def extract_window(self, extraction: Extraction, state: DocumentState, window: Window) -> None:
        """Add what one parsed window of ``extraction.document`` holds to ``extraction``;
        ``state`` carries what relation extraction remembers from the windows before."""
        offset, doc = window.offset, window.doc
        sent_base = len(extraction.sentences)
        extraction.sentences.extend(
            Sentence(offset + sent.start_char, offset + sent.end_char) for sent in doc.sents
        )
        segment = self.mentions.find(doc, offset, sent_base, extraction.mentions)
        self.relations.find(segment, extraction, state)

    def extract_all(
        self,
        documents: Iterable[Document],
        *,
        batch_size: int = 32,
        on_window: Callable[[Document, int], None] | None = None,
    ) -> Iterator[Extraction]:
        """Parse and extract a stream of documents, in order. A long document is parsed
        and extracted a window at a time, each window's parse freed before the next
        (`kg.nlp.parse_documents`); its windows' findings make one extraction.
        ``on_window`` hears, after each window, of the document and how many of its
        characters are done: a long document's progress, long before it is yielded."""
        extraction: Extraction | None = None
        state = DocumentState()
        for window in parse_documents(self.nlp, documents, batch_size=batch_size):
            if extraction is None:
                extraction, state = Extraction(window.document), DocumentState()
            self.extract_window(extraction, state, window)
            if on_window is not None:
                on_window(window.document, window.offset + len(window.doc.text))
            if window.last:
                continue_quotes(extraction)
                attribute_obligations(extraction, state.obligations)
                yield extraction
                extraction = None

    def extract_text(self, document: Document) -> Extraction:
        return next(self.extract_all([document]))
