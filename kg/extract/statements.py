"""Statements across sentences: the quoted paragraphs that carry on a speaker's words.

News quotes a speaker once with a speech verb and then goes on quoting without one:

    "Prices will rise," said Ana Soto. "Long term we expect more."

The second quotation is Ana Soto's too. After a direct statement, each following
sentence that opens a quotation is a statement of the same speaker, until a
sentence outside quotation marks or one that has a speaker of its own; a
quotation that runs over several sentences is one statement.
"""

from __future__ import annotations

import functools
import re

from kg.extract.patterns import speech_lemmas
from kg.extract.records import Extraction, Statement

__all__ = ["continue_quotes"]

OPENING = frozenset('"“‘')
MARKS = '"“”‘’'
WORD = re.compile(r"[a-z]+")
#: Past forms of speech verbs that adding -ed or -d does not make.
IRREGULAR = frozenset({"said", "told", "wrote", "spoke", "according"})
#: How much less a continued quotation is trusted than the statement it continues.
STEP = 0.1


def continue_quotes(extraction: Extraction) -> None:
    """Add the statements that carry on a direct quotation (see the module docstring)."""
    spoken = {statement.sent for statement in extraction.statements}
    added: list[Statement] = []
    for statement in sorted(extraction.statements, key=lambda s: s.sent):
        if not statement.direct:
            continue
        current: Statement | None = None
        opened = False  # a quotation runs on past the sentence before
        for sent in range(statement.sent + 1, len(extraction.sentences)):
            text = extraction.sentence_text(sent).strip()
            if text.strip(MARKS + " ") in statement.quote:
                continue  # the quotation the statement already holds ("stated:\n"...")
            if sent in spoken or _attributed(text):
                break
            if text[:1] in OPENING and not opened:
                current = Statement(
                    speaker=statement.speaker,
                    quote=text.strip(MARKS + " "),
                    sent=sent,
                    pattern="continued-quote",
                    confidence=round(statement.confidence - STEP, 2),
                    direct=True,
                )
                added.append(current)
            elif current is not None and opened:
                current.quote = f"{current.quote} {text.strip(MARKS + ' ')}"
            else:
                break
            opened = _still_open(text, opened)
            spoken.add(sent)
    extraction.statements.extend(added)


def _still_open(text: str, opened: bool) -> bool:
    """Whether a quotation is open after the text, given whether it was before."""
    marks = text.count('"') + text.count("“") + text.count("”")
    return opened != (marks % 2 == 1)


def _attributed(text: str) -> bool:
    """Whether words after the sentence's quotation say who speaks ('," a trader
    said'): then it is someone else's, named or not."""
    closing = max(text.rfind(mark) for mark in '"”')
    rest = WORD.findall(text[closing + 1 :].lower()) if closing >= 0 else []
    return any(word in speech_forms() for word in rest)


@functools.cache
def speech_forms() -> frozenset[str]:
    """The speech verbs of relations.jsonl as written: 'said', 'says', 'told', 'added'."""
    forms = set(IRREGULAR)
    for lemma in speech_lemmas():
        forms |= {lemma, f"{lemma}s", f"{lemma}ed", f"{lemma}d"}
    return frozenset(forms)
