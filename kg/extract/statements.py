"""Statements: who said what, quoted or reported.

A speech verb of relations.jsonl (the speech-verb rule) with a speaker that is an
actor makes a statement of the words it introduces: a reported clause ("said that
..."), a quotation in its sentence, or one that follows a colon. "According to X"
makes X the speaker, or the medium that reports the sentence's statements.

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
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.extract.mentions import SUBJECT_DEPS
from kg.extract.patterns import Rule, speech_lemmas
from kg.extract.records import Extraction, Statement
from kg.nlp import tokens_where

if TYPE_CHECKING:
    from kg.extract.relations import _Segment

__all__ = ["StatementFinder", "continue_quotes"]

OPENING = frozenset('"“‘')
MARKS = '"“”‘’'
WORD = re.compile(r"[a-z]+")
#: Past forms of speech verbs that adding -ed or -d does not make.
IRREGULAR = frozenset({"said", "told", "wrote", "spoke", "according"})
QUOTES_OPEN = "\"“‘'"
QUOTES_CLOSE = "\"”’'"
#: Verbs that state a position without reporting words: the verb phrase is the statement.
STANCE_VERBS = frozenset(
    {
        "welcome", "praise", "hail", "applaud", "criticise", "criticize", "condemn", "oppose",
        "back", "call",
    }
)  # fmt: skip
#: How much less a continued quotation is trusted than the statement it continues.
STEP = 0.1


class StatementFinder:
    """Finds the statements of one segment: a speech verb's speaker and words, and
    'according to' a source."""

    def __init__(self, work: _Segment) -> None:
        self.work = work
        self.doc = work.doc
        self.ex = work.ex
        self.mentions = work.mentions
        self.state = work.state
        self.segment = work.segment
        self.seen = work.seen

    def find(self, matches: Iterable[tuple[Rule, Token]]) -> None:
        """Add a statement for every speech verb whose speaker is clear, then those
        'according to' a source."""
        for rule, verb in matches:
            self.statement(rule, verb)
        self.according_to()

    def statement(self, rule: Rule, verb: Token) -> None:
        if verb.lemma_ == "point" and not any(
            c.dep_ == "prt" and c.lower_ == "out" for c in verb.children
        ):
            return
        if verb.lemma_ == "threaten" and any(c.dep_ == "xcomp" for c in verb.children):
            return  # "threatened to impose": an imposition, not a statement
        quote, direct, follows = self.quoted_words(verb)
        if not quote:
            return
        # a participle's subject is borrowed only to introduce a quotation ("..., stating:")
        own = self.work.own_subject(verb)
        subject = self.work.subject(verb) if follows is not None else own
        if subject is None:
            return
        ref = self.work.ref(subject)
        if ref is None or not self.work.is_actor(ref[0]):
            return
        speaker, steps = ref
        if follows is not None:
            self.mark_quoted(*follows, speaker)
        sent = self.work.sent_index(verb)
        key = ("stated", speaker, sent, quote[:40])
        if key in self.seen:
            return
        self.seen.add(key)
        confidence = round(rule.confidence - 0.1 * steps, 2)
        self.ex.statements.append(
            Statement(
                speaker=speaker,
                quote=quote,
                sent=sent,
                pattern=rule.id,
                confidence=confidence,
                direct=direct,
                about=self.work.things_in(
                    [c for c in verb.children if c.dep_ in {"ccomp", "dobj", "xcomp"}]
                ),
            )
        )

    def quoted_words(self, verb: Token) -> tuple[str, bool, tuple[int, int] | None]:
        """The words a speech verb introduces: (text, direct, character range of a
        quotation that follows the sentence)."""
        sent = verb.sent
        text = sent.text
        # 'X stated:' followed by a quotation in the next paragraph
        if sent[-1].text == ":" or (len(sent) > 1 and sent[-2].text == ":"):
            follow = self.following_quote(sent)
            if follow is not None:
                start, end = follow
                return self.ex.document.text[start:end].strip(), True, follow
        for child in verb.children:
            if child.dep_ == "ccomp":
                start = child.left_edge.i
                while start <= child.i and self.doc[start].dep_ == "mark":
                    start += 1
                end = child.right_edge.i + 1
                clause = self.doc[start:end].text.split("\n")[0]
                clause = clause.rsplit(":", 1)[0] if clause.rstrip().endswith(":") else clause
                clause = clause.strip(" ,:\"“”'")
                if clause.endswith((", stating", ", saying", " stating", " saying")):
                    clause = clause.rsplit(",", 1)[0].strip()
                direct = self.work.in_quote(self.doc[start]) or text.lstrip().startswith(('"', "“"))
                if clause:
                    return clause, direct, None
        inner = _quoted_part(text)
        if inner:
            return inner, True, None
        if verb.lemma_ in STANCE_VERBS:
            # "welcomed the deal": the stance itself is what is stated
            words = [t for t in verb.subtree if t.dep_ not in SUBJECT_DEPS and not t.is_punct]
            words = [
                t
                for t in words
                if not any(t in c.subtree for c in verb.children if c.dep_ in SUBJECT_DEPS)
            ]
            phrase = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
            return phrase, False, None
        return "", False, None

    def following_quote(self, sent: Span) -> tuple[int, int] | None:
        """Character range of the quotation that starts right after a sentence ending in
        a colon, without its quotation marks."""
        text = self.ex.document.text
        after = self.segment.offset + sent.end_char
        window = text[after : after + 20_000]
        stripped = window.lstrip()
        if not stripped or stripped[0] not in QUOTES_OPEN:
            return None
        start = after + (len(window) - len(stripped)) + 1
        closing = {"“": "”", "‘": "’"}.get(stripped[0], stripped[0])
        end = text.find(closing, start)
        newline = text.find("\n", start)
        if end < 0 or (newline >= 0 and newline < end and text[newline - 1] not in QUOTES_CLOSE):
            end = newline if newline >= 0 else len(text)
        return (start, end) if end > start else None

    def mark_quoted(self, start: int, end: int, speaker: int) -> None:
        """Remember which sentences a direct quotation spans, for 'I' and 'we' in it."""
        for number, sentence in enumerate(self.ex.sentences):
            if sentence.end > start and sentence.start < end:
                self.state.quoted[number] = speaker

    def reported(self) -> None:
        """'... , Reuters reported': a medium that reports the sentence's statements is
        their source, not a speaker of its own."""
        media = [
            s for s in self.ex.statements if self.mentions[s.speaker].cls == "MediaOrganization"
        ]
        for medium in media:
            others = [
                s for s in self.ex.statements
                if s.sent == medium.sent and s is not medium
                and self.mentions[s.speaker].cls != "MediaOrganization"
            ]  # fmt: skip
            for statement in others:
                statement.reported_by = medium.speaker
            if others:
                self.ex.statements.remove(medium)

    def according_to(self) -> None:
        """'According to CCTV News, the White House stated ...': the medium reports it."""
        self.reported()
        doc = self.doc
        for token in tokens_where(doc, "LOWER", "according"):
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                to = doc[token.i + 1]
            if to is None:
                continue
            source = None
            for item in to.subtree:
                index = self.work.mention_of(item)
                if index >= 0 and self.work.is_actor(index):
                    source = index
                    if self.mentions[index].cls == "MediaOrganization":
                        break
            if source is None:
                continue
            sent = self.work.sent_index(token)
            statements = [s for s in self.ex.statements if s.sent == sent and s.speaker != source]
            if self.mentions[source].cls == "MediaOrganization":
                for statement in statements:
                    statement.reported_by = source
                if statements:
                    continue
            if not statements:
                span = token.sent
                before = doc[span.start : token.i].text
                after = doc[to.right_edge.i + 1 : span.end].text
                rest = after if len(after.strip(" ,.")) > len(before.strip(" ,.")) else before
                rest = rest.strip(" ,.")
                if rest:
                    self.ex.statements.append(
                        Statement(
                            speaker=source,
                            quote=rest,
                            sent=sent,
                            pattern="according-to",
                            confidence=0.7,
                            direct=False,
                        )
                    )


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


def _quoted_part(text: str) -> str:
    """The longest quotation inside a sentence, if any."""
    best = ""
    for opening, closing in (("“", "”"), ('"', '"')):
        start = text.find(opening)
        while start >= 0:
            end = text.find(closing, start + 1)
            if end < 0:
                break
            inner = text[start + 1 : end].strip()
            if len(inner.split()) >= 3 and len(inner) > len(best):
                best = inner
            start = text.find(opening, end + 1)
    return best
