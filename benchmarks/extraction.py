"""Cost of kg's entity and relation layers against bare spaCy, on the BBC articles.

    .venv/bin/python benchmarks/extraction.py [--limit N] [--json]

In one run, after both pipelines have been warmed up on a few articles: bare
``nlp.pipe`` of the model alone over the business and politics articles, then
kg's pipeline over the same texts, component by component, with the time of each
layer measured separately:

- entity layer = kg's extra pipeline components (EntityRulers, paragraph
  boundaries) + mention typing + in-document resolution;
- relation layer = relation, post, event and statement extraction.

Each is printed as a ratio to the bare ``nlp.pipe`` time (goals: entity layer at
most 0.15, relation layer at most 0.25).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from typing import Any

from common import Clock, bbc_texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--json", action="store_true", help="print a JSON line at the end")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    import spacy

    from kg.extract import Extractor
    from kg.extract.records import Extraction, Sentence
    from kg.extract.relations import DocumentState
    from kg.ingest import Document
    from kg.nlp import default_model_name, load_pipeline
    from kg.resolve import resolve

    records = bbc_texts(limit=args.limit)
    texts = [record["text"] for record in records]
    words = sum(len(text.split()) for text in texts)
    model = default_model_name()

    bare = spacy.load(model)
    nlp = load_pipeline(model)
    extractor = Extractor(nlp)
    for pipeline in (bare, nlp):  # warm-up: vocabulary, caches, lazy imports
        for _ in pipeline.pipe(texts[:30], batch_size=args.batch_size):
            pass

    started = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=args.batch_size):
        pass
    bare_seconds = time.perf_counter() - started

    clock = Clock()
    kg_components = {name for name in nlp.pipe_names if name.startswith("kg_")}

    def parsed() -> Iterator[Any]:
        """kg's pipeline run component by component over batches, timing kg's own."""
        for start in range(0, len(texts), args.batch_size):
            with clock("tokenizer"):
                docs = [nlp.make_doc(text) for text in texts[start : start + args.batch_size]]
            for name, component in nlp.pipeline:
                with clock("rulers" if name in kg_components else "model"):
                    if hasattr(component, "pipe"):
                        docs = list(component.pipe(docs))
                    else:
                        docs = [component(doc) for doc in docs]
            yield from docs

    mentions = relations = 0
    for record, doc in zip(records, parsed(), strict=True):
        document = Document(id=str(record["id"]), text=record["text"])
        extraction = Extraction(document)
        with clock("mentions"):
            extraction.sentences.extend(Sentence(s.start_char, s.end_char) for s in doc.sents)
            segment = extractor.mentions.find(doc, 0, 0, extraction.mentions)
        with clock("relations"):
            extractor.relations.find(segment, extraction, DocumentState())
        with clock("resolve"):
            resolve(extraction)
        mentions += len(extraction.mentions)
        relations += len(extraction.relations) + len(extraction.posts) + len(extraction.statements)

    rulers = clock.seconds["rulers"]
    entity_layer = rulers + clock.seconds["mentions"] + clock.seconds["resolve"]
    relation_layer = clock.seconds["relations"]
    result = {
        "documents": len(texts),
        "words": words,
        "model": model,
        "bare_nlp_pipe_s": round(bare_seconds, 2),
        "model_components_s": round(clock.seconds["model"] + clock.seconds["tokenizer"], 2),
        "kg_components_s": round(rulers, 2),
        "mentions_s": round(clock.seconds["mentions"], 2),
        "resolve_s": round(clock.seconds["resolve"], 2),
        "relations_s": round(relation_layer, 2),
        "entity_layer_ratio": round(entity_layer / bare_seconds, 3),
        "relation_layer_ratio": round(relation_layer / bare_seconds, 3),
        "mentions": mentions,
        "relations": relations,
    }
    print(f"{len(texts)} BBC business/politics articles, {words:,} words, model {model}")
    rate = len(texts) / bare_seconds
    model_seconds = clock.seconds["model"] + clock.seconds["tokenizer"]
    print(f"  bare nlp.pipe                 {bare_seconds:7.2f} s  ({rate:.1f} docs/s)")
    print(f"  kg run: model components      {model_seconds:7.2f} s")
    print(f"  kg run: kg rulers, paragraphs {rulers:7.2f} s")
    print(f"  mention typing                {clock.seconds['mentions']:7.2f} s")
    print(f"  in-document resolution        {clock.seconds['resolve']:7.2f} s")
    print(f"  relation extraction           {relation_layer:7.2f} s")
    print(f"  entity layer / bare nlp.pipe   {result['entity_layer_ratio']:.3f}   (goal <= 0.15)")
    print(f"  relation layer / bare nlp.pipe {result['relation_layer_ratio']:.3f}   (goal <= 0.25)")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
