"""Statements: who said what, quoted or reported.

A speech verb of relations.jsonl (the speech-verb rule) with a speaker that is an
actor makes a statement of the words it introduces: a reported clause ("said that
..."), a quotation in its sentence, one that follows a colon, or the clause a
trailing "..., the firm said" follows. "According to X" makes X the speaker, or
the medium that reports the sentence's statements.

The speaker is the verb's subject, each of a coordinated pair, or for a participle
without one ("..., saying that ...", "adding ...") the subject of the main clause.
A pronoun or an unnamed spokesperson ("his spokesman") the sentence does not
explain stands for the speaker the text was quoting in the sentences before, or
the one fitting name there, unless a person kg has no name for comes between. A
speaker is never a name inside the quotation, and a speech verb inside a quotation
is part of it. A speech verb of lexicon.tsv's denial role ("denied that ...",
"dismissed claims that ...") makes a negated statement: the words are what the
speaker says is not so.

News quotes a speaker once and then goes on quoting without a speech verb:

    "Prices will rise," said Ana Soto. "Long term we expect more."

The second quotation is Ana Soto's too. After a statement, each following sentence
that opens a quotation is a statement of the same speaker, until a sentence outside
quotation marks or one that has a speaker of its own; a quotation that runs over
several sentences is one statement, and one reopened with a new mark (a paragraph
that goes on quoting) is another.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.extract.context import Finder
from kg.extract.mentions import DESCRIPTORS, HONORIFICS, SUBJECT_DEPS
from kg.extract.names import pronoun_gender
from kg.extract.patterns import Rule, speech_lemmas
from kg.extract.records import Extraction, Statement
from kg.nlp import tokens_where

if TYPE_CHECKING:
    pass

__all__ = ["StatementFinder", "continue_quotes"]

OPENING = frozenset('"“‘')
MARKS = '"“”‘’'
WORD = re.compile(r"[a-z]+")
#: Past forms of speech verbs that adding -ed or -d does not make.
IRREGULAR = frozenset({"said", "told", "wrote", "spoke", "according"})
#: Speech verbs whose object is whom the words were said to ("told the BBC").
TOLD = frozenset({
    "tell", "urge", "warn", "ask", "assure", "inform", "remind", "brief", "promise", "advise",
    "reassure", "caution", "implore", "beg", "press", "notify",
})  # fmt: skip
#: Speech verbs that take whom the words were said to after 'to' ("said to reporters").
SAID_TO = frozenset({
    "say", "write", "explain", "speak", "announce", "insist", "confirm", "complain", "admit",
    "declare", "report", "signal", "pledge", "vow", "stress", "describe",
})  # fmt: skip
QUOTES_OPEN = "\"“‘'"
QUOTES_CLOSE = "\"”’'"
#: Verbs that state a position without reporting words: the verb phrase is the statement.
STANCE_VERBS = frozenset(
    {
        "welcome", "praise", "hail", "applaud", "criticise", "criticize", "condemn", "oppose",
        "back", "call",
    }
)  # fmt: skip
#: Pronouns a speech verb's subject can be, and the pronoun a possessive goes with.
SPEAKER_PRONOUNS = {"he": "he", "she": "she", "it": "it", "they": "they"}
POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
#: Bodies that 'it' or 'they' can stand for as speakers.
BODY_CLASSES = frozenset(
    {"Country", "GovernmentAgency", "Organization", "Company", "MediaOrganization",
     "PoliticalParty", "InternationalOrganization", "ArmedGroup"}
)  # fmt: skip
#: How many sentences back a speaker's pronoun is looked for.
LOOKBACK = 4
#: How much less a continued quotation is trusted than the statement it continues.
STEP = 0.1


@dataclass(frozen=True, slots=True)
class Words:
    """What a speech verb introduces: the text, whether it is quoted, the character
    range of a quotation that follows the sentence, and whether the text is only the
    verb's own phrase ('welcomed the deal')."""

    text: str
    direct: bool
    follows: tuple[int, int] | None = None
    stance: bool = False


class Quotations(Finder):
    """Where a statement's words are: whether a token or character lies inside a
    quotation, the words a speech verb introduces, a quotation a colon announces."""

    def inside_quotation(self, token: Token) -> bool:
        return self.inside_quotation_at(
            self.segment.offset + token.idx, self.work.sent_index(token)
        )

    def inside_quotation_at(self, offset: int, sent: int) -> bool:
        """Whether a character of the document lies inside a quotation: one opened in
        its sentence before it, or one that an earlier sentence of the paragraph opened
        and this sentence closes after it."""
        text = self.ex.document.text
        sentence = self.ex.sentences[sent]
        opened = _opens(text[sentence.start : offset])
        if opened is not None:
            return opened
        paragraph = text.rfind("\n", 0, sentence.start) + 1
        return bool(_opens(text[paragraph : sentence.start])) and (
            _opens(text[offset : sentence.end]) is False
        )

    def quoted_words(self, verb: Token) -> Words:
        """The words a speech verb introduces."""
        sent = verb.sent
        text = sent.text
        # 'X stated:' followed by a quotation in the next paragraph
        if sent[-1].text == ":" or (len(sent) > 1 and sent[-2].text == ":"):
            follow = self.following_quote(sent)
            if follow is not None:
                start, end = follow
                return Words(self.ex.document.text[start:end].strip(), True, follow)
        for child in self.clauses(verb):
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
                return Words(clause, direct)
        inner = _quoted_part(text)
        if inner:
            return Words(inner, True)
        if verb.dep_ == "parataxis" and verb.head.i < verb.i:
            # "The market is improving, the firm said": the clause the verb follows
            clause = self.doc[verb.head.left_edge.i : verb.left_edge.i].text.strip(" ,:\"“”'")
            if len(clause.split()) >= 3:
                return Words(clause, False)
        if verb.lemma_ in STANCE_VERBS:
            # "welcomed the deal": the stance itself is what is stated
            words = [t for t in verb.subtree if t.dep_ not in SUBJECT_DEPS and not t.is_punct]
            words = [
                t
                for t in words
                if not any(t in c.subtree for c in verb.children if c.dep_ in SUBJECT_DEPS)
            ]
            phrase = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
            return Words(phrase, False, stance=True)
        return Words("", False)

    @staticmethod
    def clauses(verb: Token) -> list[Token]:
        """The clauses a speech verb reports: its complement clause ('said that ...'),
        or the one that says what a claim it denies or questions was ('denied reports
        that ...', 'dismissed claims the plans would ...')."""
        found = [child for child in verb.children if child.dep_ == "ccomp"]
        if not found:
            found = [
                grand
                for child in verb.children
                if child.dep_ == "dobj" and child.pos_ == "NOUN"
                for grand in child.children
                if grand.dep_ in {"acl", "ccomp"} and grand.pos_ in {"VERB", "AUX"}
                and any(g.dep_ in SUBJECT_DEPS for g in grand.children)
            ]  # fmt: skip
        return found

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


class Speakers(Quotations):
    """Who speaks: the actors a speech verb's subject stands for, through names,
    authors, spokespeople and the speakers of the sentences before."""

    def speakers(self, subject: Token) -> list[tuple[int, int]]:
        """(speaker mention, inference steps) for a speech verb's subject and those
        coordinated with it; a pronoun or a spokesperson no nearer word explains
        stands for the speaker the text has been quoting."""
        found = []
        for item in (subject, *subject.conjuncts):
            ref = self.work.ref(item)
            mention = self.mentions[ref[0]] if ref is not None else None
            if mention is not None and self.inside_quotation_at(mention.start, mention.sent):
                ref = None  # "'... Mr Brown ...,' he said": never a name in the quotation
            if ref is None:
                ref = self.described_by_name(item) or self.author(item)
            if ref is None and item.lower_ in SPEAKER_PRONOUNS:
                ref = self.recent_speaker(item, SPEAKER_PRONOUNS[item.lower_])
            if ref is None and item.lower_ in self.work.gaz.title_heads:
                ref = self.spoken_for(item)
            if ref is None or self.mentions[ref[0]].cls != "Person":
                ref = self.named_after_lede(item) or ref
            if ref is not None and self.work.is_actor(ref[0]) and ref not in found:
                found.append(ref)
        return found

    def named_after_lede(self, token: Token) -> tuple[int, int] | None:
        """'Scotland's first minister has told pupils ... / Jack McConnell was speaking
        to ...': a story's first sentence that gives a speaker by title alone names
        them in the next one; the one person named there, who holds that title for the
        rest of the story ("the first minister should ..." later is theirs)."""
        starts = self.segment.sent_starts
        if self.work.sent_index(token) != 0 or token.lower_ not in self.work.gaz.title_heads:
            return None
        if self.segment.sent_base != 0 or len(starts) < 2:
            return None
        end = starts[2] if len(starts) > 2 else len(self.doc)
        named = {
            self.work.mention_of(t)
            for t in self.doc[starts[1] : end]
            if self.work.mention_of(t) >= 0
        }
        persons = [index for index in named if self.mentions[index].cls == "Person"]
        if len(persons) != 1:
            return None
        self.state.posts.append((self.work.title(token), persons[0]))
        return persons[0], 2

    def author(self, token: Token) -> tuple[int, int] | None:
        """'The book by Ana Soto said', 'Ana Soto's book claims': a written work's
        claims are its named author's; 'the book' later is the same author's."""
        kind = token.lemma_.lower()
        if self.work.lexicon.get(kind) != "work":
            return None
        owners = [c for c in token.children if c.dep_ == "poss"] + [
            grand
            for child in token.children
            if child.dep_ == "prep" and child.lower_ == "by"
            for grand in child.children
            if grand.dep_ == "pobj"
        ]
        for owner in owners:
            ref = self.work.ref(owner)
            if ref is not None and self.mentions[ref[0]].cls == "Person":
                self.state.authors[kind] = ref[0]
                return ref[0], 1
        if any(c.lower_ in {"the", "this"} for c in token.children) and kind in self.state.authors:
            return self.state.authors[kind], 2
        return None

    def described_by_name(self, token: Token) -> tuple[int, int] | None:
        """'the China Daily newspaper', 'the Interfax news agency': a word for a kind
        of body with the name of one of that kind before it."""
        kind = DESCRIPTORS.get(token.lemma_.lower())
        if kind is None:
            return None
        kinds = {kind, "Organization", "MediaOrganization"} if kind != "Company" else {kind}
        for child in token.lefts:
            index = self.work.mention_of(child)
            if child.dep_ == "compound" and index >= 0 and self.mentions[index].cls in kinds:
                return index, 0
        return None

    def spoken_for(self, token: Token) -> tuple[int, int] | None:
        """Whom an unnamed spokesperson speaks for: the owner a possessive pronoun
        points to ('his spokesman'), else the subject of the clause the spokesperson's
        words hang from ('Downing Street defended it, with a spokesperson saying')."""
        if self.work.lexicon.get(token.lower_) != "spokesperson":
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            pronoun = POSSESSIVES.get(owner.lower_)
            return self.recent_speaker(owner, pronoun) if pronoun else None
        if token.head.dep_ == "pcomp" and token.head.head.dep_ == "prep":
            verb = self.work.verb_above(token.head.head)
            subject = self.work.own_subject(verb) if verb is not None else None
            return self.work.ref(subject) if subject is not None else None
        return None

    def recent_speaker(self, token: Token, pronoun: str) -> tuple[int, int] | None:
        """What a speaker's pronoun stands for when the sentence does not say: going
        back up to LOOKBACK sentences, the speaker of the latest statement that fits
        the pronoun, else the one fitting name of the nearest sentence that has any
        (or the one of them that was its subject)."""
        sent = self.work.sent_index(token)
        start = self.segment.offset + token.idx
        gender = pronoun_gender(pronoun)
        persons = pronoun in {"he", "she"}

        def fits(index: int) -> bool:
            mention = self.mentions[index]
            if persons:
                if mention.cls != "Person":
                    return False
                found = self.work.person_gender(index)
                return found is None or found == gender
            plural = pronoun == "they"
            return mention.cls in BODY_CLASSES and (
                plural == (mention.cls == "PoliticalParty" or mention.text.endswith("s"))
            )

        spoken: dict[int, list[int]] = {}
        for statement in self.ex.statements:
            if sent - LOOKBACK <= statement.sent <= sent:
                spoken.setdefault(statement.sent, []).append(statement.speaker)
        named: dict[int, list[int]] = {}
        for index in range(len(self.mentions) - 1, -1, -1):
            mention = self.mentions[index]
            if mention.sent < sent - LOOKBACK:
                break
            if (
                mention.start < start
                and mention.alias_of is None
                and not self.inside_quotation_at(mention.start, mention.sent)
            ):
                named.setdefault(mention.sent, []).append(index)
        for back in range(sent, sent - LOOKBACK - 1, -1):
            speakers = [m for m in spoken.get(back, []) if fits(m)]
            if speakers:
                return speakers[-1], 2
            if back == sent:
                continue  # names in the sentence itself are the parse's to tie
            candidates = {m for m in named.get(back, []) if fits(m)}
            if persons and self.unnamed_person_in(back):
                return None  # "Ana Ruiz is a trader. She said ...": a name kg missed
            if len(candidates) == 1:
                return candidates.pop(), 2
            subjects = candidates & self.state.subjects
            if len(subjects) == 1:
                return subjects.pop(), 2
            if candidates:
                return None
        return None

    def unnamed_person_in(self, sent: int) -> bool:
        """Whether a sentence of the segment speaks, outside quotation marks, of a person
        kg has no name for: a name that is no mention, or a title ('the premier') that
        no post explains."""
        local = sent - self.segment.sent_base
        starts = self.segment.sent_starts
        if not 0 <= local < len(starts):
            return False
        end = starts[local + 1] if local + 1 < len(starts) else len(self.doc)
        for token in self.doc[starts[local] : end]:
            if self.segment.token_mention[token.i] >= 0:
                continue
            subject = token.dep_ in SUBJECT_DEPS
            titled = subject and token.pos_ == "NOUN" and token.lower_ in self.work.gaz.title_heads
            named = token.ent_type_ == "PERSON" or (subject and token.pos_ == "PROPN")
            if (
                (named or titled)
                and not self.inside_quotation(token)
                and (not titled or self.work.ref(token) is None)
            ):
                return True
        return False


class StatementFinder(Speakers):
    """Finds the statements of one segment: a speech verb's speaker and words, and
    'according to' a source."""

    def find(self, matches: Iterable[tuple[Rule, Token]]) -> None:
        """Add a statement for every speech verb whose speaker is clear, then those
        'according to' a source."""
        for rule, verb in matches:
            self.statement(rule, verb)
        self.according_to()
        self.headed()

    def statement(self, rule: Rule, verb: Token) -> None:
        if verb.lemma_ == "point" and not any(
            c.dep_ == "prt" and c.lower_ == "out" for c in verb.children
        ):
            return
        if verb.lemma_ == "threaten" and any(c.dep_ == "xcomp" for c in verb.children):
            return  # "threatened to impose": an imposition, not a statement
        if self.inside_quotation(verb):
            return  # words inside a quotation are the quoted speaker's, not a new speech
        words = self.quoted_words(verb)
        if not words.text:
            return
        subject = self.work.own_subject(verb)
        if subject is None and (words.follows is not None or self.participle(verb, words)):
            # "..., stating:", "..., saying that ...": the subject of the main clause
            subject = self.work.subject(verb)
        reporter = None
        quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if verb.lemma_ == "quote" and quoted is not None and subject is not None:
            # "the agency quoted Ana Soto as saying ...": hers, the agency reports it
            medium = self.work.ref(subject) or self.described_by_name(subject)
            reporter = medium[0] if medium is not None else None
            subject = quoted
        if subject is None or self.inside_quotation(subject):
            return
        negated = self.work.lexicon.get(verb.lemma_) == "denial"
        for speaker, steps in self.speakers(subject):
            if words.follows is not None:
                self.mark_quoted(*words.follows, speaker)
            self.add(rule, verb, speaker, steps, words, negated=negated, reporter=reporter)

    def add(
        self,
        rule: Rule,
        verb: Token,
        speaker: int,
        steps: int,
        words: Words,
        *,
        negated: bool,
        reporter: int | None = None,
    ) -> None:
        sent = self.work.sent_index(verb)
        key = ("stated", speaker, sent, words.text[:40])
        if key in self.seen:
            return
        self.seen.add(key)
        self.ex.statements.append(
            Statement(
                speaker=speaker,
                quote=words.text,
                sent=sent,
                pattern=rule.id,
                confidence=round(rule.confidence - 0.1 * steps, 2),
                direct=words.direct,
                negated=negated,
                reported_by=reporter,
                about=self.work.things_in(
                    [c for c in verb.children if c.dep_ in {"ccomp", "dobj", "xcomp"}]
                ),
                addressee=self.addressee(verb, speaker),
            )
        )

    def addressee(self, verb: Token, speaker: int) -> int | None:
        """The actor the words were said to: the object of 'told', 'urged', 'warned'
        ('told the BBC', 'urged Tehran to ...'), or 'to' after 'said', 'wrote',
        'explained' ('said to reporters from Reuters', 'wrote to the president')."""
        heard = None
        if verb.lemma_ in TOLD:
            heard = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)
        if heard is None and verb.lemma_ in SAID_TO:
            to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            heard = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if heard is None or self.inside_quotation(heard):
            return None
        found = self.work.ref(heard)
        if found is None or found[0] == speaker:
            return None
        if self.work.mentions[found[0]].cls in {"Topic", "Policy"}:
            return None
        return found[0]

    @staticmethod
    def participle(verb: Token, words: Words) -> bool:
        """'..., saying the plans were flawed', 'adding that ...': a participle without
        a subject of its own that reports a clause or a quotation."""
        return verb.tag_ == "VBG" and verb.dep_ in {"advcl", "conj", "xcomp"} and not words.stance

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

    def headed(self) -> None:
        """'Ana Soto: "Prices will rise."': a line that opens with an actor's name and a
        colon, as headlines and transcripts attribute words, is the actor's."""
        text = self.ex.document.text
        for colon in tokens_where(self.doc, "ORTH", ":"):
            start = self.segment.offset + colon.idx
            line = text.rfind("\n", 0, start) + 1
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            name = text[line:start].strip()
            words = text[start + 1 : end].strip()
            index = self.work.mention_of(colon.nbor(-1)) if colon.i > 0 else -1
            if index < 0 or not self.work.is_actor(index) or len(words.split()) < 3:
                continue
            mention = self.mentions[index]
            first, _, rest = name.partition(" ")
            if mention.text not in {name, rest if first.lower() in HONORIFICS else name}:
                continue  # the name alone before the colon, at the start of a line
            key = ("stated", index, self.work.sent_index(colon), words[:40])
            if key in self.seen:
                continue
            self.seen.add(key)
            self.ex.statements.append(
                Statement(
                    speaker=mention.alias_of if mention.alias_of is not None else index,
                    quote=words.strip(MARKS),
                    sent=self.work.sent_index(
                        colon.nbor(1) if colon.i + 1 < len(self.doc) else colon
                    ),
                    pattern="headed",
                    confidence=0.7,
                    direct=words[:1] in OPENING,
                )
            )

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
    """Add the quotations that carry on a statement, quoted or reported (see the
    module docstring)."""
    spoken = {statement.sent for statement in extraction.statements}
    added: list[Statement] = []
    for statement in sorted(extraction.statements, key=lambda s: s.sent):
        current: Statement | None = None
        opened = False  # a quotation runs on past the sentence before
        for sent in range(statement.sent + 1, len(extraction.sentences)):
            text = extraction.sentence_text(sent).strip()
            if text.strip(MARKS + " ") in statement.quote:
                continue  # the quotation the statement already holds ("stated:\n"...")
            if sent in spoken or _attributed(text):
                break
            if text[:1] in OPENING:
                opened = False  # a new mark: the quotation before ran to the paragraph's end
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
    said'): then it is someone else's, named or not. A quotation still open at the
    sentence's end has no such words."""
    closing = max(text.rfind(mark) for mark in '"”')
    if closing < 0 or _opens(text[: closing + 1]):
        return False
    return any(word in speech_forms() for word in WORD.findall(text[closing + 1 :].lower()))


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


def _opens(text: str) -> bool | None:
    """Whether the last quotation mark of a text opens a quotation (None: no mark). A
    straight mark opens after a space and closes after a word, so that a quotation
    reopened without closing the one before ('... jobs. "I joined') counts as open."""
    at = max(text.rfind(mark) for mark in MARKS)
    if at < 0:
        return None
    mark = text[at]
    if mark in "“‘":
        return True
    if mark in "”’":
        return False
    return at == 0 or text[at - 1] in " ([-—\n"
