"""Typed mentions from a parsed segment: the model's entities, corrected by evidence.

The spaCy small model calls surnames organisations, capitalised goods people and
keeps aliases apart. Each entity span is typed here from, in order of trust: the
gazetteers (via the EntityRulers), a title before or an apposition after the
name ("Treasury Secretary Mnuchin"), the words that end an organisation's name
("... Securities"), and the model's label. Place names that act ("Washington
believes") become the government they stand for. Junk spans (a capitalised
common noun the model took for an organisation) get a weight so low that the
resolver drops them unless another mention of the same name vouches for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from kg.extract.names import is_given_name
from kg.extract.patterns import (
    load_class_contexts,
    load_evaluative_words,
    load_lexicon,
    speech_lemmas,
)
from kg.extract.records import Mention
from kg.gazetteer import Entry, Gazetteer, abbreviates
from kg.nlp import tokens_where

__all__ = ["MentionFinder", "SegmentMentions", "common_nouns"]

IGNORED_LABELS = frozenset(
    {
        "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
        "WORK_OF_ART", "LANGUAGE", "EVENT", "LAW",
    }
)  # fmt: skip
HONORIFICS = frozenset(
    {
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lord",
        "lady", "baroness", "baron", "prof", "prof.", "professor",
    }
)  # fmt: skip
#: Titles of rank or church office followed by "of" and a place that is part of the title.
PEER_TITLES = frozenset(
    {
        "duke", "duchess", "prince", "princess", "earl", "countess", "marquess", "viscount",
        "viscountess", "baron", "baroness", "lord", "lady", "bishop", "archbishop", "dean",
    }
)  # fmt: skip
#: Words of rank that, alone, are a role and not a name ("the Duke", "Princess Consort").
ROYAL_WORDS = PEER_TITLES | {
    "king", "queen", "consort", "royal", "highness", "majesty", "hrh", "family"
}  # fmt: skip
LAW_WORDS = frozenset({"Bill", "Act"})
COMPASS = frozenset(
    {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}
)
#: Letters after a name that say it is a person's: "Guy Mansfield QC", "Ann Lee MP".
SUFFIXES = frozenset({"QC", "KC", "MP", "MEP", "MSP", "AM", "MLA", "QPM", "OBE", "MBE", "CBE"})
#: Verbs whose object, given a post with "as", is a person ("appointed Bessent as ...").
APPOINT_VERBS = frozenset({"appoint", "name", "nominate", "elect", "choose", "pick", "designate"})
#: Verbs whose object is an actor being addressed ("press Beijing", "urged Ottawa").
ADDRESSED_VERBS = frozenset(
    {
        "urge", "press", "push", "pressure", "ask", "tell", "warn", "accuse", "criticise",
        "criticize", "call", "lobby", "sanction", "sue", "meet", "negotiate", "talk", "persuade",
        "convince", "invite", "challenge", "blame", "join", "help", "force", "allow",
        "impose", "slap",
    }
)  # fmt: skip
INTERACTION_NOUNS = frozenset({"talk", "negotiation", "meeting", "dialogue", "deal", "agreement"})
#: Words whose destination, a capital, is its country: "a visit to Moscow", "visited Tokyo".
VISIT_WORDS = frozenset({"visit", "trip", "journey", "travel", "fly", "tour", "mission"})
#: Verbs whose object a capital stands for its country as: pressed, talked with, visited.
OBJECT_AGENT_VERBS = ADDRESSED_VERBS | VISIT_WORDS
#: Dependency labels that make a place name the agent of what is said of it.
AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
#: Dependency labels of a verb's subject.
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
POLICY_KINDS = {
    "tariff": "tariff", "duty": "tariff", "levy": "tariff", "surcharge": "tariff",
    "tax": "tax", "quota": "quota", "sanction": "sanction", "embargo": "embargo",
    "ban": "ban", "suspension": "suspension", "pause": "suspension", "freeze": "suspension",
    "moratorium": "suspension", "delay": "suspension", "reprieve": "suspension",
    "exemption": "exemption", "truce": "agreement", "deal": "agreement",
    "agreement": "agreement", "pact": "agreement", "treaty": "agreement",
    "accord": "agreement", "partnership": "agreement", "control": "export control",
    "curb": "export control", "restriction": "export control",
}  # fmt: skip
QUOTE_CHARS = frozenset("\"'“”‘’`")
CHANGE_WORDS = frozenset(
    {"cut", "cuts", "reduction", "reductions", "increase", "increases", "hike", "hikes", "rise"}
)
#: Capitalised words that do not begin or end a person's name.
NOT_NAMES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "the", "this", "that", "according",
    }
)  # fmt: skip
#: Nouns that say what kind of body a name is, before it or in apposition.
DESCRIPTORS = {
    "company": "Company", "firm": "Company", "maker": "Company", "producer": "Company",
    "manufacturer": "Company", "carmaker": "Company", "automaker": "Company", "bank": "Company",
    "lender": "Company", "insurer": "Company", "retailer": "Company", "group": "Company",
    "giant": "Company", "exporter": "Company", "importer": "Company", "airline": "Company",
    "chipmaker": "Company", "brewer": "Company", "miner": "Company", "supplier": "Company",
    "conglomerate": "Company", "broker": "Company", "brokerage": "Company", "startup": "Company",
    "association": "Organization", "federation": "Organization", "union": "Organization",
    "lobby": "Organization", "institute": "Organization", "council": "Organization",
    "think-tank": "Organization", "tank": "Organization", "charity": "Organization",
    "body": "Organization", "organisation": "Organization", "organization": "Organization",
    "cooperative": "Organization", "co-operative": "Organization", "ngo": "Organization",
    "campaigner": "Organization", "pharmaceutical": "Company", "steelmaker": "Company",
    "newspaper": "MediaOrganization", "broadcaster": "MediaOrganization",
    "paper": "MediaOrganization", "magazine": "MediaOrganization", "tabloid": "MediaOrganization",
    "programme": "MediaOrganization", "program": "MediaOrganization", "show": "MediaOrganization",
    "agency": "GovernmentAgency", "ministry": "GovernmentAgency", "regulator": "GovernmentAgency",
    "unit": "Company", "subsidiary": "Company", "division": "Company", "affiliate": "Company",
}  # fmt: skip
#: Of those, the nouns that also say it when the name modifies them after it: "the
#: Yugansk production unit", "the Bisnis newspaper" (not "group": "the Hamas group").
DESCRIBED_AFTER = frozenset(
    {
        "unit", "subsidiary", "division", "affiliate", "firm", "company", "carmaker",
        "automaker", "bank", "lender", "airline", "retailer", "insurer", "newspaper",
        "broadcaster",
    }
)  # fmt: skip
#: Classes of bodies whose later bare mentions the model often leaves unlabelled.
REPEATED_CLASSES = frozenset({"Company", "Organization", "MediaOrganization"})
#: Nouns after a name that say it is a medium's: "the Bisnis Indonesia newspaper".
MEDIA_NOUNS = frozenset(
    {
        "newspaper", "paper", "daily", "weekly", "magazine", "tabloid", "broadsheet",
        "programme", "program", "broadcaster",
    }
)  # fmt: skip
RATE = re.compile(r"^(\d+(?:\.\d+)?)%?$")


def common_nouns(nlp: Language) -> frozenset[str]:
    """WordNet's nouns, as shipped in the pipeline's rule-based lemmatizer tables
    (empty when the pipeline has none)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    return frozenset(table["noun"]) if "noun" in table else frozenset()


@dataclass(slots=True)
class SegmentMentions:
    """The mentions of one parsed segment and where they sit among its tokens."""

    doc: Doc
    offset: int
    sent_base: int
    sent_starts: list[int]
    #: token index -> index of the mention covering it in the document's list, or -1.
    token_mention: list[int]

    def sent_of(self, token_index: int) -> int:
        """Document-wide index of the sentence holding a token."""
        from bisect import bisect_right

        return self.sent_base + bisect_right(self.sent_starts, token_index) - 1

    def mention_at(self, token: Token) -> int:
        return self.token_mention[token.i]


class MentionFinder:
    """Turns a segment's entity spans into typed `Mention` records."""

    def __init__(self, gazetteer: Gazetteer, nouns: frozenset[str] = frozenset()) -> None:
        self.gaz = gazetteer
        self.nouns = nouns
        self.lexicon = load_lexicon()

    def find(
        self, doc: Doc, offset: int, sent_base: int, mentions: list[Mention]
    ) -> SegmentMentions:
        """Append the segment's mentions to ``mentions`` (the document's list)."""
        sent_starts = [sent.start for sent in doc.sents]
        segment = SegmentMentions(doc, offset, sent_base, sent_starts, [-1] * len(doc))
        for span, mention in self._typed(doc, segment):
            index = len(mentions)
            mentions.append(mention)
            for i in range(span.start, span.end):
                segment.token_mention[i] = index
            if mention.cls == "Policy":
                mention.owner = self._owner_inside(span, segment, mentions)
        for span in self._unlabelled_names(doc, segment):
            index = len(mentions)
            mentions.append(self._make(span, segment, "Person", 1.5)[1])
            for i in range(span.start, span.end):
                segment.token_mention[i] = index
        for token, cls in self._repeated_bodies(doc, segment, mentions):
            index = len(mentions)
            mentions.append(self._make(doc[token.i : token.i + 1], segment, cls, 1.0)[1])
            segment.token_mention[token.i] = index
        self._link_acronyms(doc, segment, mentions)
        return segment

    def _repeated_bodies(
        self, doc: Doc, segment: SegmentMentions, mentions: list[Mention]
    ) -> Iterator[tuple[Token, str]]:
        """Words the model left without a label that name a body the document named
        before: its one-word name again, or the first word of its name ("WMC said"
        after "WMC Resources"), with that body's class."""
        known: dict[str, str] = {}
        for mention in mentions:
            if mention.cls not in REPEATED_CLASSES or mention.weight < 1.0:
                continue
            words = mention.text.split()
            known.setdefault(words[0], mention.cls)
        if not known:
            return
        strings = doc.vocab.strings
        for i, orth in enumerate(doc.to_array("ORTH").tolist()):
            cls = known.get(strings[orth])  # an array scan: a Token only for candidates
            if cls is None or segment.token_mention[i] >= 0:
                continue
            token = doc[i]
            if token.pos_ != "PROPN":
                continue
            if not (token.is_upper or token.lower_ not in self.nouns) or len(token) < 3:
                continue
            if (
                token.lower_ in NOT_NAMES
                or is_given_name(token.text)
                or self.gaz.is_place_name(token.text)
                or self.gaz.demonym(token.text) is not None
                or (token.dep_ == "compound" and token.head.pos_ == "PROPN")
            ):
                continue
            yield token, cls

    def _unlabelled_names(self, doc: Doc, segment: SegmentMentions) -> Iterator[Span]:
        """Capitalised names the model left without a label but whose context says they
        are people: a title in apposition ('Ines Moll, chairman of ...'), or two or three
        name words as the subject of a speech verb ('Ana Soto said ...')."""
        token_mention = segment.token_mention
        heads = self.gaz.title_heads
        speech = speech_lemmas()
        # an array scan for the capitalised proper nouns: a Token only for those
        pos, title = doc.to_array(["POS", "IS_TITLE"]).T.tolist()
        for i, (tag, titled_word) in enumerate(zip(pos, title, strict=True)):
            if tag != PROPN or not titled_word or token_mention[i] >= 0:
                continue
            token = doc[i]
            if token.dep_ == "compound" or token.lower_ in heads or token.lower_ in NOT_NAMES:
                continue
            start = token.i
            while (
                start > 0
                and doc[start - 1].dep_ == "compound"
                and doc[start - 1].head.i == token.i
                and doc[start - 1].pos_ == "PROPN"
                and doc[start - 1].is_title
                and token_mention[start - 1] < 0
                and doc[start - 1].lower_ not in heads
            ):
                start -= 1
            while start < token.i and doc[start].lower_ in HONORIFICS:
                start += 1
            span = doc[start : token.i + 1]
            if any(t.lower_ in NOT_NAMES for t in span):
                continue
            if len(span) == 1 and start > 0 and doc[start - 1].lower_ in HONORIFICS:
                yield span  # "Mr Ebbers said"
                continue
            if not 2 <= len(span) <= 3:
                continue
            titled = any(c.dep_ == "appos" and c.lower_ in heads for c in token.children)
            speaks = token.dep_ == "nsubj" and token.head.lemma_ in speech
            if titled or speaks or self._person_context(span) or self.title_before(start, doc):
                yield span

    # --- typing ---------------------------------------------------------------

    def _typed(self, doc: Doc, segment: SegmentMentions) -> Iterator[tuple[Span, Mention]]:
        covered = -1
        ents = doc.ents
        for index, ent in enumerate(ents):
            if ent.start < covered:
                continue
            if ent.label_ in IGNORED_LABELS or (not ent.ent_id_ and "/" in ent.text):
                continue  # "USD/JPY" and the like are codes, not names
            following = ents[index + 1] if index + 1 < len(ents) else None
            joined = self._joined(ent, following) if following is not None else None
            if joined is not None:
                body, kind = joined
                covered = body.end
                yield self._make(body, segment, kind, 3.0)
                continue
            if self._spelled_out(ent):
                continue  # "qualified majority voting (QMV)": a term, not a body
            if self.lexicon.get(ent.text) == "not-entity":
                continue  # "GMT", "CEO"
            span = _trim(ent)
            if span is None:
                continue
            if ent.label_ in {"GPE", "LOC"}:
                while len(span) > 1 and span[0].lower_ in COMPASS and span[0].is_lower:
                    span = span[1:]  # "west London" is London
                if not any(t.text[:1].isupper() for t in span):
                    continue  # "the south east": a direction, not a name
            if ent.label_ in {"PERSON", "ORG"} and (
                not any(t.text[:1].isupper() for t in span)
                or all(t.lower_ in ROYAL_WORDS for t in span)
                or (span[0].lower_ in ROYAL_WORDS and any(t.lower_ == "of" for t in span))
            ):
                continue  # "ex", "the Duke", "Princess Consort", "HRH Duchess of X": no name
            if len(span) > 1 and span[-1].text in LAW_WORDS and span[-2].text[:1].isupper():
                continue  # "the Prevention of Terrorism Bill": a law, not an actor
            if ent.label_ in {"GPE", "LOC"} and self._in_peer_title(span):
                continue  # "the Duke of Edinburgh", "Lord Scott of Foscote": a title
            parts = self._listed_places(span) if ent.label_ in {"ORG", "GPE", "LOC"} else []
            if parts:
                for part in parts:  # "Bristol, Isle of Wight": several places
                    mention = self._type_span(part, "GPE", "", segment)
                    if mention is not None:
                        yield mention
                covered = span.end
                continue
            if (
                ent.label_ in {"PERSON", "ORG"}
                and len(span) > 1
                and span[-1].text in SUFFIXES
                and not self.gaz.is_place_name(span[0].text)
                and not any(t.lower_ in COMPASS for t in span)
            ):  # not "the Bolton West MP": a seat
                yield self._make(span[:-1], segment, "Person", 3.0)  # "Guy Mansfield QC"
                continue
            wider = (
                self._named_body(span, of_only=ent.ent_id_ == "Place")
                if ent.ent_id_ in {"", "Place", "Country"}
                else None
            )
            cls = self.gaz.class_from_cues([t.text for t in wider]) if wider else None
            if wider is not None and not (ent.label_ == "NORP" and cls == "GovernmentAgency"):
                covered = wider.end  # "the British Government" stays the country
                yield self._make(wider, segment, cls or "Organization", 3.0)  # "Church of X"
                continue
            if ent.label_ == "PERSON":
                span = _extend_name(span)
                covered = span.end
            elif ent.label_ == "ORG" and not ent.ent_id_:
                span = _first_name_before(span) if len(span) == 1 else _coordinated_name(span)
            mention = self._type_span(span, ent.label_, ent.ent_id_, segment)
            if mention is not None:
                yield mention

    def _joined(self, ent: Span, following: Span) -> tuple[Span, str] | None:
        """One name the model cut in two, and its class: a country that opens a
        firm's name ("China" + "National Petroleum Corp"), a body "of" a place
        ("the Church of" + "England", "National Association of Automobile
        Manufacturers" + "of" + "South Africa"), a title naming its country before
        the kind of medium it is ("Bisnis" + "Indonesia" + "newspaper")."""
        doc = ent.doc
        if following.ent_id_ == "" and following.label_ == "ORG" and following.start == ent.end:
            if ent.ent_id_ == "Country" and ent.label_ == "GPE":
                joined = doc[ent.start : following.end]
                cls = self.gaz.class_from_cues([t.text for t in joined])
                if cls is not None and self.gaz.lookup(joined.text) is None:
                    return joined, cls
            return None
        if ent.label_ != "ORG" or following.label_ not in {"GPE", "LOC"}:
            return None
        if ent[-1].lower_ == "of" and following.start == ent.end:
            body = _trim(doc[ent.start : following.end])
            if body is not None and len(body) > 2:
                return body, self.gaz.class_from_cues([t.text for t in body]) or "Organization"
            return None
        if ent.ent_id_ and self.gaz.lookup(ent.text) is not None:
            return None
        if (
            following.start == ent.end + 1
            and doc[ent.end].lower_ == "of"
            and len(ent) > 2
            and any(t.lower_ == "of" for t in ent)
        ):
            body = _trim(doc[ent.start : following.end])
            if body is not None:
                return body, self.gaz.class_from_cues([t.text for t in body]) or "Organization"
        if following.start == ent.end and following.end < len(doc):
            noun = doc[following.end]
            if (
                noun.lemma_.lower() in MEDIA_NOUNS
                and following.root.head.i == noun.i
                and noun.is_lower
            ):
                return doc[ent.start : following.end], "MediaOrganization"
        return None

    def _spelled_out(self, ent: Span) -> bool:
        """An acronym in brackets after the lower-case words it stands for."""
        doc = ent.doc
        text = ent.text
        if len(ent) != 1 or not text.isupper() or ent.start < 2 or doc[ent.start - 1].text != "(":
            return False
        words = doc[max(0, ent.start - 1 - len(text)) : ent.start - 1]
        return all(t.is_lower for t in words) and "".join(t.text[0] for t in words) == text.lower()

    def _make(
        self, span: Span, segment: SegmentMentions, cls: str, weight: float, **extra: object
    ) -> tuple[Span, Mention]:
        mention = Mention(
            start=segment.offset + span.start_char,
            end=segment.offset + span.end_char,
            text=" ".join(span.text.split()),
            cls=cls,
            sent=segment.sent_of(span.start),
            weight=weight,
            **extra,  # type: ignore[arg-type]
        )
        return span, mention

    def _type_span(
        self, span: Span, label: str, ruler_class: str, segment: SegmentMentions
    ) -> tuple[Span, Mention] | None:
        gaz = self.gaz
        text = span.text
        if ruler_class:
            return self._type_ruler_span(span, label, ruler_class, segment)
        if not any(ch.isalpha() for ch in text):
            return None
        if label in {"PERSON", "ORG"} and len(span) > 1 and span[0].lower_ in HONORIFICS:
            person = span[1:]
            return self._make(person, segment, "Person", 3.0)
        if label in {"ORG", "PERSON"} and gaz.topic(text) and len(span) > 1:
            return self._topic_in(span, segment)  # "Dow Jones", "Chicago Wheat"
        if label in {"PERSON", "ORG"}:
            stripped, title = self._strip_title(span)
            if stripped is None:
                return None
            span, text = stripped, stripped.text
        else:
            title = False
        entry = gaz.lookup(text)
        known_official = len(span) > 1 and gaz.official_country(text) is not None
        if entry is None and label in {"PERSON", "ORG"} and known_official:
            return self._make(span, segment, "Person", 3.0)
        party = gaz.context_party(text) if entry is None else None
        if party is not None and self._names_country(span.doc, party.country):
            return self._make(span, segment, party.cls, 4.0, key=party.key)  # "the Democrats"
        if label == "GPE" or (label in {"ORG", "LOC", "FAC"} and gaz.metonym(text)):
            return self._type_place(span, entry, segment)
        if label == "NORP":
            demonym = gaz.demonym(text)
            if demonym is None:
                return None
            weight = 0.05 if self._adjectival(span) else 5.0
            return self._make(span, segment, "Country", weight, key=demonym.key, demonym=True)
        if entry is not None and entry.cls != "Country":
            weight = 2.0 if label == "PERSON" else 5.0
            return self._make(span, segment, entry.cls, weight, key=entry.key)
        if label in {"LOC", "FAC"}:
            words = [token.text for token in span]
            cue = gaz.class_from_cues(words) if len(words) > 1 else None
            return self._make(span, segment, cue or "Place", 3.0 if cue else 1.0)
        if label == "PRODUCT":
            return self._topic_in(span, segment)
        if label not in {"PERSON", "ORG"}:
            return None
        if self._is_role(span) or self._ends_title(span):
            return None
        if title or self._person_context(span):
            return self._make(span, segment, "Person", 3.0)
        if gaz.is_place_name(text) and not self._person_cue(span):
            return self._make(span, segment, "Place", 1.0)  # "Norwich", "Wrexham": a city
        if (
            label == "ORG"
            and 2 <= len(span) <= 3
            and span.root.dep_ == "nsubj"
            and span.root.head.lemma_ in speech_lemmas()
            and gaz.class_from_cues([t.text for t in span]) is None
            and span[0].ent_iob_ != "B"
        ):
            return self._make(span, segment, "Person", 1.5)  # "Ana Soto said": a first name
        if label == "ORG" and self._person_name_shape(span):
            return self._make(span, segment, "Person", 1.0)  # "Viktor Pinchuk" as a body
        words = [token.text for token in span]
        cue = self._descriptor_class(span)
        cue = cue or (gaz.class_from_cues(words) if len(words) > 1 else None)
        if cue is not None:
            return self._make(span, segment, cue, 3.0)
        last = span[-1]
        if label == "ORG" and gaz.topic(last.text) and len(span) > 1:
            return self._topic_in(span[-1:], segment)  # "sold Chicago SRW Wheat"
        context = self._context_class(span, label)
        if context is not None:
            return self._make(span, segment, context, 3.0)  # "shares in eBay"
        if label == "PERSON":
            if len(span) == 1:
                token = span[0]
                if gaz.topic(token.text) and token.lower_ in self.nouns:
                    return self._topic_in(span, segment)  # "Rice is the foundation ..."
                if self._plural_common_noun(span) or (
                    token.dep_ == "compound" and token.head.is_lower and token.head.pos_ == "NOUN"
                ):
                    return self._make(span, segment, "Person", 0.05)  # "Autos", "Brent crude"
            return self._make(span, segment, "Person", 1.0)
        return self._make(span, segment, "Organization", self._org_weight(span))

    def _type_ruler_span(
        self, span: Span, label: str, cls: str, segment: SegmentMentions
    ) -> tuple[Span, Mention] | None:
        gaz = self.gaz
        text = span.text
        if span.start > 0 and span.doc[span.start - 1].lower_ in HONORIFICS:
            return self._make(span, segment, "Person", 3.0)  # "Baroness Scotland", "Lord Kent"
        if label == "NORP" and cls != "Country":
            entry = gaz.demonym(text)
            head = _first_conjunct(span.root).head  # "Chinese and European officials"
            if entry is None or self.lexicon.get(head.lower_) != "collective":
                return None  # "European markets" is no mention of the EU; "European officials" is
            return self._make(span, segment, entry.cls, 4.0, key=entry.key, demonym=True)
        if cls == "Country":
            if label == "NORP":
                entry = gaz.demonym(text)
                weight = 0.05 if self._adjectival(span) else 5.0
                return self._make(span, segment, cls, weight, key=entry and entry.key, demonym=True)
            entry = gaz.lookup(text)
            return self._make(span, segment, cls, 5.0, key=entry and entry.key)
        if cls == "Topic":
            following = span.doc[span.end] if span.end < len(span.doc) else None
            if following is not None and following.is_title and following.lower_ in gaz.title_heads:
                return None  # "Agriculture Minister", "Energy Secretary": part of a title
            if span.root.dep_ == "compound" and span.root.head.lemma_ in DESCRIPTORS:
                return None  # "the state oil company": what a firm is, not a topic
            entry = gaz.topic(text)
            if entry is not None and entry.key == "topic:tariffs" and _determined(span):
                return None  # "the tariff", "its duties": a policy named before
            return self._make(span, segment, cls, 5.0, key=entry and entry.key)
        if cls == "Policy":
            return self._type_policy(span, segment)
        if cls == "Place":
            # regions named after countries; "South American" is no entity at all
            if label == "NORP":
                return None
            entry = gaz.lookup(text)
            key = entry.key if entry is not None and entry.cls == "Place" else None
            return self._make(span, segment, "Place", 3.0, key=key)
        entry = gaz.lookup(text)
        if entry is None and gaz.metonym(text):
            return self._type_place(span, None, segment)
        if entry is not None and entry.cls == "MediaOrganization":
            channel = _channel_name(span)
            if channel is not None and gaz.lookup(channel.text) is None:
                return self._make(channel, segment, "MediaOrganization", 3.0)  # "BBC Two"
        if entry is not None and entry.cls == "Company":
            longer = _longer_name(span)
            if longer is not span:
                cue = gaz.class_from_cues([t.text for t in longer]) or "Company"
                return self._make(longer, segment, cue, 3.0)
        if entry is not None:
            return self._make(span, segment, entry.cls, 5.0, key=entry.key)
        if cls == "GovernmentAgency" and self._modifier_of_thing(span):
            return None
        return self._make(span, segment, cls, 3.0)

    def _type_place(
        self, span: Span, entry: Entry | None, segment: SegmentMentions
    ) -> tuple[Span, Mention] | None:
        gaz = self.gaz
        text = span.text
        metonym = gaz.metonym(text)
        if metonym is not None and _agentive(span):
            return self._make(span, segment, metonym.cls, 4.0, key=metonym.key)
        if entry is None:
            entry = gaz.lookup_ambiguous(text)
        if entry is not None and entry.cls == "Country":
            return self._make(span, segment, "Country", 5.0, key=entry.key)
        if entry is not None:
            return self._make(span, segment, entry.cls, 5.0, key=entry.key)
        if not gaz.is_place_name(text) and self._context_class(span, "GPE") == "Company":
            return self._make(span, segment, "Company", 3.0)  # "shares in Halifax"
        root = span.root
        if root.dep_ == "nsubj" and root.head.lemma_ in speech_lemmas():
            return self._make(span, segment, "Person", 0.5)  # places do not speak
        return self._make(span, segment, "Place", 1.0)

    def _type_policy(self, span: Span, segment: SegmentMentions) -> tuple[Span, Mention] | None:
        words = [token for token in span if token.text not in QUOTE_CHARS]
        if not words:
            return None
        measures = [
            t for t in words if t.lemma_.lower() in POLICY_KINDS or t.lower_ in POLICY_KINDS
        ]
        head = measures[-1] if measures else words[-1]
        trailing = words[words.index(head) + 1 :]
        if all(t.lower_ in CHANGE_WORDS or t.lower_ == "rate" for t in trailing):
            trailing = []  # "10% tariff cut", "10% basic tax rate" stay in the label
        else:
            words = words[: words.index(head) + 1]  # "duties of up to 35%": rate kept apart
        kind = POLICY_KINDS.get(head.lemma_.lower()) or POLICY_KINDS.get(head.lower_)
        if span.root.dep_ == "compound" and span.root.head.i >= span.end:
            # "tariff negotiations": the policy word only names what the talks are about
            return self._topic_in(span[-1:], segment) if kind == "tariff" else None
        rate = next(
            (
                _number(t.text)
                for i, t in enumerate(trailing)
                if t.like_num
                and i + 1 < len(trailing)
                and trailing[i + 1].lower_ in {"%", "percent"}
            ),
            None,
        )
        label_words: list[str] = []
        tokens = list(words)
        if trailing:
            tokens = [t for t in tokens if t.i <= head.i]
        for i, token in enumerate(tokens):
            if token.like_num and i + 1 < len(tokens) and tokens[i + 1].lower_ in {"%", "percent"}:
                rate = _number(token.text)
                label_words.append(f"{token.text}%")
                continue
            if token.lower_ in {"%", "percent", "per", "cent"} and rate is not None:
                continue
            if RATE.match(token.text) and token.text.endswith("%"):
                rate = _number(token.text.rstrip("%"))
                label_words.append(token.text)
                continue
            if token.pos_ == "PROPN" and token.i != head.i:
                label_words.append(token.text)
            elif token.i == head.i:
                if token.pos_ == "PROPN":
                    label_words.append(token.text)
                else:
                    label_words.append(
                        token.lemma_.lower() if token.tag_ == "NNS" else token.lower_
                    )
            elif token.tag_ == "NNS" and token.lemma_:
                label_words.append(token.lemma_.lower())
            else:
                label_words.append(token.lower_)
        label = " ".join(label_words).replace(" - ", "-").replace(" -", "-")
        return self._make(span, segment, "Policy", 5.0, rate=rate, kind=kind, label=label)

    def _owner_inside(
        self, span: Span, segment: SegmentMentions, mentions: list[Mention]
    ) -> int | None:
        """A country or body named inside a policy's name ("20% US tariff", "EU duties")
        becomes a mention of its own, and the policy's owner."""
        for token in span:
            entry = self.gaz.lookup(token.text) or self.gaz.demonym(token.text)
            if entry is None or entry.cls not in {"Country", "GovernmentAgency"}:
                continue
            owner = Mention(
                start=segment.offset + token.idx,
                end=segment.offset + token.idx + len(token),
                text=token.text,
                cls=entry.cls,
                sent=segment.sent_of(token.i),
                weight=5.0,
                key=entry.key,
                demonym=token.text in self.gaz.demonyms,
            )
            mentions.append(owner)
            return len(mentions) - 1
        return None

    def _topic_in(self, span: Span, segment: SegmentMentions) -> tuple[Span, Mention] | None:
        entry = self.gaz.topic(span.text)
        if entry is None:
            return None
        return self._make(span, segment, "Topic", 5.0, key=entry.key)

    # --- evidence for a class ---------------------------------------------------

    def _strip_title(self, span: Span) -> tuple[Span | None, bool]:
        """Cut a title the model put inside a name's span; say whether one precedes it."""
        doc = span.doc
        start = span.start
        for length in range(min(self.gaz.longest_title, len(span) - 1), 0, -1):
            words = tuple(token.lower_ for token in doc[start : start + length])
            if self.gaz.title_kind(words):
                start += length
                break
        if start >= span.end:
            return None, False
        trimmed = doc[start : span.end] if start != span.start else span
        return trimmed, self.title_before(trimmed.start, doc) is not None

    def title_before(self, index: int, doc: Doc) -> tuple[int, str, str] | None:
        """(start token, title, kind) of a title ending just before token ``index``."""
        if index > 0 and doc[index - 1].lower_ in HONORIFICS:
            return index - 1, "", "honorific"
        for length in range(min(self.gaz.longest_title + 2, index), 0, -1):
            tokens = doc[index - length : index]
            words = tuple(token.lower_ for token in tokens if token.text != "-")
            kind = self.gaz.title_kind(words)
            if kind and tokens[0].text != "-":
                return index - length, tokens.text, kind
        return None

    def _person_context(self, span: Span) -> bool:
        """An apposition with a title, or 'appointed X as <title>'."""
        root = span.root
        heads = self.gaz.title_heads
        for child in root.children:
            if child.dep_ == "appos" and child.lower_ in heads:
                return True
        if root.dep_ == "appos" and root.head.lower_ in heads:
            return True
        if root.dep_ in {"dobj", "oprd"} and root.head.lemma_ in APPOINT_VERBS:
            for child in (*root.children, *root.head.children):
                if child.dep_ == "prep" and child.lower_ == "as":
                    return any(grand.lower_ in heads for grand in child.children)
        return False

    def _person_cue(self, span: Span) -> bool:
        """Signs that a name that is also a town's is a person's: it speaks, or the text
        names someone in full with it as surname ('Michael Howard' ... 'Howard')."""
        root = span.root
        if root.dep_ == "nsubj" and root.head.lemma_ in speech_lemmas():
            return True
        if len(span) != 1:
            return False
        surname = span[0].text
        return (
            any(
                ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == surname
                for ent in span.doc.ents
            )
            or self.gaz.official_country(surname) is not None
        )

    def _names_country(self, doc: Doc, iso3: str | None) -> bool:
        """Whether the segment names the country (or its people) anywhere."""
        if iso3 is None:
            return False
        key = f"country:{iso3}"
        for ent in doc.ents:
            if ent.ent_id_ == "Country":
                entry = self.gaz.lookup(ent.text) or self.gaz.demonym(ent.text)
                if entry is not None and entry.key == key:
                    return True
            elif ent.label_ in {"ORG", "PERSON", "NORP"}:
                # a party, body or known official of the country names it too: British
                # news about Labour and the Tories seldom says "Britain"
                entry = self.gaz.lookup(ent.text)
                if entry is not None and entry.country == iso3 and entry.cls != "Country":
                    return True
                if ent.label_ == "PERSON" and self.gaz.official_country(ent.text) == iso3:
                    return True
        return False

    def _is_role(self, span: Span) -> bool:
        """The span is only a title ('the Chief Trade Negotiator'), not a name."""
        words = tuple(token.lower_ for token in span if token.lower_ not in {"the", "a", "an"})
        return bool(words) and self.gaz.title_kind(words) is not None

    def _descriptor_class(self, span: Span) -> str | None:
        """The class a describing noun gives a name: 'steel producer Altos Hornos',
        'Copa-Cogeca, the European farmers' association'."""
        doc = span.doc
        candidates = []
        if span.start > 0 and doc[span.start - 1].pos_ == "NOUN":
            candidates.append(doc[span.start - 1])
        candidates += [child for child in span.root.children if child.dep_ == "appos"]
        head = span.root.head
        if span.root.dep_ == "compound" and head.i >= span.end and head.lemma_ in DESCRIBED_AFTER:
            candidates.append(head)
        root = _first_conjunct(span.root)
        if root.dep_ == "appos":
            candidates.append(root.head)
        if root.dep_ == "pobj" and root.head.lower_ in {"as", "like", "including"}:
            # "pharmaceutical groups such as Roche and Novartis"
            preposition = root.head
            owner = preposition.head.head if preposition.head.lower_ == "such" else preposition.head
            candidates.append(owner)
        for noun in candidates:
            cls = DESCRIPTORS.get(noun.lemma_.lower())
            if cls is not None:
                return cls
        return None

    def _context_class(self, span: Span, label: str) -> str | None:
        """The class the words around a name give it (ontologies/patterns/
        class_contexts.tsv): 'shares in eBay', 'Oracle's chief executive', 'X reported
        profits' make a firm; 'the Herald's editor' a medium. A person's or a place's
        name (model label PERSON, GPE) takes only a firm's cues."""
        contexts = load_class_contexts()
        root = _first_conjunct(span.root)  # "shares in Elan and Biogen"
        head = root.head
        found: str | None = None
        if root.dep_ in {"poss", "compound"} and head.i >= span.end:
            lemma = head.lemma_.lower()
            modifier = head.doc[head.i - 1]
            if modifier.i >= span.end and modifier.dep_ == "compound":
                found = contexts.get((f"{modifier.lower_} {lemma}", "owner", "-"))
            found = found or contexts.get((lemma, "owner", "-"))
        elif root.dep_ == "pobj" and head.dep_ == "prep":
            found = contexts.get((head.head.lemma_.lower(), "of", head.lower_))
        elif root.dep_ == "dobj" and label != "PERSON":  # "bought Yugansk", not a player
            found = contexts.get((head.lemma_.lower(), "of", "-"))
        elif root.dep_ == "nsubj":
            for child in head.children:
                if child.dep_ == "dobj":
                    found = found or contexts.get((child.lemma_.lower(), "subject", "-"))
        if found is not None and label in {"PERSON", "GPE"} and found != "Company":
            return None
        return found

    def _adjectival(self, span: Span) -> bool:
        """A demonym that only says where a firm or body is from ('German carmakers',
        'a Swiss bank'): no mention of the country unless the country is also named.
        'Russian energy minister' and 'Brazilian steel' stay mentions (posts and
        targets are read from them)."""
        root = _first_conjunct(span.root)
        return root.dep_ == "amod" and root.head.lemma_.lower() in DESCRIPTORS

    def _person_name_shape(self, span: Span) -> bool:
        """Two or three capitalised words that open with a known given name and hold no
        word of a body's name ('Bernie Ebbers'; not 'Christian Aid Trust')."""
        if not 2 <= len(span) <= 3 or not all(t.is_title and t.is_alpha for t in span):
            return False
        first = span[0].text
        if first.casefold() not in self.gaz.given_names and not is_given_name(first):
            return False
        return self.gaz.class_from_cues([t.text for t in span]) is None and not any(
            t.lower_ in self.nouns or t.lemma_.lower() in self.nouns for t in span
        )

    def _in_peer_title(self, span: Span) -> bool:
        """A place inside a title of rank or office: 'Duke of Edinburgh', 'Lord Scott
        of Foscote', 'Archbishop of Canterbury'."""
        doc = span.doc
        if span.start < 2 or doc[span.start - 1].lower_ != "of":
            return False
        before = doc[span.start - 2]
        return before.lower_ in PEER_TITLES or (
            before.is_title and span.start >= 3 and doc[span.start - 3].lower_ in HONORIFICS
        )

    def _listed_places(self, span: Span) -> list[Span]:
        """The places of a list the model took for one name ('Bristol, Isle of Wight,
        Doncaster'); empty unless the span has a comma and every item is a known place."""
        if not any(token.text == "," for token in span):
            return []
        parts, start = [], span.start
        doc = span.doc
        for i in range(span.start, span.end + 1):
            if i == span.end or doc[i].text == "," or doc[i].lower_ == "and":
                if i > start:
                    parts.append(doc[start:i])
                start = i + 1
        gaz = self.gaz
        known = sum(
            1
            for part in parts
            if gaz.is_place_name(part.text)
            or gaz.lookup(part.text) is not None
            or gaz.class_from_cues([t.text for t in part]) == "Place"
        )
        if len(parts) < 2 or known < min(2, len(parts)) or known * 2 < len(parts):
            return []  # at least two known places, and most items
        if not all(part[0].is_title for part in parts):
            return []
        return parts

    def _named_body(self, span: Span, of_only: bool = False) -> Span | None:
        """The body's name a place or name is part of: 'Church' + 'of England',
        'Norfolk' + 'Constabulary' (a cue word that must open or close the name).
        A known place is only widened by 'X of' ('Church of England'); a country also
        by a cue word after it ('Japan Airlines')."""
        doc = span.doc
        cues = self.gaz.cues
        if (
            span.start >= 2
            and doc[span.start - 1].lower_ == "of"
            and doc[span.start - 2].is_title
            and not doc[span.start - 2].ent_type_
            and any(pos in {"first", "any"} for pos, _ in cues.get(doc[span.start - 2].text, ()))
        ):
            return doc[span.start - 2 : span.end]
        if of_only:
            return None
        end = span.end
        while (
            end < len(doc) and end - span.end < 4 and doc[end].is_title and not doc[end].ent_type_
        ):
            end += 1  # "Peru" + "National Mining Corporation"
            if any(pos in {"last", "any"} for pos, _ in cues.get(doc[end - 1].text, ())):
                return doc[span.start : end]
        return None

    def _ends_title(self, span: Span) -> bool:
        """The span closes or opens a title: 'the Secretary of Commerce', 'Business and
        Trade' in 'Business and Trade Secretary'."""
        doc = span.doc
        following = doc[span.end] if span.end < len(doc) else None
        if (
            following is not None
            and following.lower_ in self.gaz.title_heads
            and following.is_title
            and span.root.head.i >= span.end
        ):
            return True
        for back in range(1, 4):
            if span.start - back < 0:
                break
            words = tuple(token.lower_ for token in doc[span.start - back : span.end])
            if self.gaz.title_kind(words):
                return True
        return False

    def _plural_common_noun(self, span: Span) -> bool:
        """'Autos': a capitalised plural of a common noun is not a name."""
        lower = span.text.lower()
        return span.text.istitle() and lower.endswith("s") and lower[:-1] in self.nouns

    def _common_noun(self, span: Span) -> bool:
        text = span.text
        return text.istitle() and (text.lower() in self.nouns or span[0].lemma_ in self.nouns)

    def _org_weight(self, span: Span) -> float:
        if len(span) > 1:
            return 1.0
        token = span[0]
        if self._common_noun(span):
            return 0.05
        if token.dep_ == "compound" and token.head.is_lower and token.head.pos_ == "NOUN":
            return 0.05  # "Forex reserves": a modifier, not an actor
        if token.is_upper and len(token) >= 2:
            return 0.8
        return 0.1

    def _modifier_of_thing(self, span: Span) -> bool:
        """'US Treasury market', 'Treasury bonds': the agency name only modifies a thing."""
        root = span.root
        if root.dep_ != "compound" or root.head.i < span.end:
            return False
        head = root.head
        return head.lower_ not in self.gaz.title_heads and head.is_lower

    # --- acronyms ---------------------------------------------------------------

    def _link_acronyms(self, doc: Doc, segment: SegmentMentions, mentions: list[Mention]) -> None:
        """'Council on Foreign Relations (CFR)': the bracketed acronym names the same thing."""
        token_mention = segment.token_mention
        for token in tokens_where(doc, "ORTH", "("):
            if token.i == 0 or token.i + 2 >= len(doc):
                continue
            inner, close = doc[token.i + 1], doc[token.i + 2]
            before = token_mention[token.i - 1]
            if close.text != ")" or before < 0 or not inner.is_alpha:
                continue
            full = mentions[before]
            if full.cls in {"Person", "Topic", "Policy", "Place"}:
                continue
            if not inner.is_upper and not _short_form(inner.text, full.text):
                continue
            # the letters must fit the name, unless it is long enough to be a name in
            # another language ("Brazilian Sugarcane Industry Association (UNICA)")
            if (
                inner.is_upper
                and not abbreviates(inner.text, full.text)
                and len(full.text.split()) < 3
            ):
                continue
            existing = token_mention[inner.i]
            if existing >= 0:
                mentions[existing].alias_of = before
                mentions[existing].cls = full.cls
                continue
            index = len(mentions)
            mentions.append(
                Mention(
                    start=segment.offset + inner.idx,
                    end=segment.offset + inner.idx + len(inner),
                    text=inner.text,
                    cls=full.cls,
                    sent=full.sent,
                    weight=full.weight,
                    alias_of=before,
                )
            )
            token_mention[inner.i] = index


def _short_form(short: str, name: str) -> bool:
    """'Yugansk' for 'Yuganskneftegas': a capitalised word that begins a one-word name."""
    return (
        short.istitle()
        and len(short) >= 4
        and " " not in name
        and name.startswith(short)
        and len(name) > len(short)
    )


def _trim(span: Span) -> Span | None:
    """Drop a leading article and trailing possessive or punctuation from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        (doc[start].lower_ in {"the", "a", "an", "but", "and", "or"} and doc[start].whitespace_)
        or doc[start].is_punct
        or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].pos_ in {"CCONJ", "ADP", "DET"}
    ):
        if span.label_ == "POLICY" and (
            doc[end - 1].text in QUOTE_CHARS or doc[end - 1].text == "%"
        ):
            break
        end -= 1
    if start >= end:
        return None
    if start == span.start and end == span.end:
        return span
    return Span(doc, start, end, label=span.label_, span_id=span.id)


def _longer_name(span: Span) -> Span:
    """The span widened over capitalised words that belong to the same name
    ('HD' + 'Hyundai', 'Hyundai' + 'Steel'); the span itself when there are none."""
    doc = span.doc
    start, end = span.start, span.end
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and not doc[start - 1].ent_type_
        and (doc[start - 1].is_upper or doc[start - 1].is_title)
        and doc[start - 1].head.i in range(start, end + 1)
    ):
        start -= 1
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and not doc[end].ent_type_
        and (doc[end - 1].head.i == end or doc[end].head.i in range(start, end))
    ):
        end += 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_)


def _first_conjunct(token: Token) -> Token:
    """The first of the coordinated words a token is one of ('Biogen' -> 'Elan' in
    'Elan and Biogen'), whose head and dependency label speak for all of them."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def _channel_name(span: Span) -> Span | None:
    """A broadcaster's name followed by a channel's number or name ('BBC Two', 'BBC News
    24', 'Channel 4 News'): the channel, a medium of its own; None when nothing follows."""
    doc = span.doc
    end = span.end
    while end < len(doc) and (
        (doc[end].like_num and len(doc[end].text) <= 3)  # "24", "One"; not a year
        or (doc[end].is_title and doc[end].pos_ == "PROPN" and not doc[end].ent_type_)
        or (doc[end - 1].text in {"Radio", "TV"} and doc[end].ent_type_ in {"GPE", "LOC"})
    ):
        end += 1  # "BBC Two", "BBC News 24", "BBC Radio Scotland"
    if end == span.end:
        return None
    return Span(doc, span.start, end, label=span.label_)


def _first_name_before(span: Span) -> Span:
    """A capitalised word the model left out before a one-word name ('Ana' + 'Soto')."""
    doc = span.doc
    start = span.start
    if (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].is_title
        and not doc[start - 1].ent_type_
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].head.i == span.root.i
    ):
        return Span(doc, start - 1, span.end, label=span.label_)
    return span


def _coordinated_name(span: Span) -> Span:
    """The capitalised word and 'and' the model left out before a body's name
    ('Public and' + 'Commercial Services'): the name's head is that word's conjunct."""
    doc = span.doc
    start = span.start
    if (
        start >= 2
        and doc[start - 1].lower_ == "and"
        and doc[start - 2].is_title
        and not doc[start - 2].ent_type_
        and span.root.dep_ == "conj"
        and span.root.head.i == start - 2
    ):
        return Span(doc, start - 2, span.end, label=span.label_)
    return span


def _extend_name(span: Span) -> Span:
    """'Min-jun' + 'Park': take in the capitalised word the name's words modify (even
    when the model made it an entity of its own, unless a gazetteer named it)."""
    doc = span.doc
    end = span.end
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and (not doc[end].ent_type_ or (doc[end].ent_iob_ == "B" and not doc[end].ent_id_))
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i == end
        and (end + 1 >= len(doc) or doc[end + 1].ent_iob_ != "I")
    ):
        end += 1
    if end == span.end:
        return span
    return Span(doc, span.start, end, label=span.label_)


def _determined(span: Span) -> bool:
    return any(
        child.dep_ in {"det", "poss"} and child.lower_ not in {"a", "an", "no"}
        for child in span.root.children
    )


def _agentive(span: Span) -> bool:
    """The name acts: subject of a verb, owner of something, agent of a passive, the
    one pressed or talked with ("urged Ottawa to", "talks with Tokyo"), or visited
    ("a trip to Moscow")."""
    root = span.root
    if root.dep_ == "conj":
        root = root.head
    if root.dep_ in AGENT_DEPS:
        return root.dep_ != "poss" or root.head.pos_ == "NOUN"
    head = root.head
    if root.dep_ in {"dobj", "dative"} and head.lemma_ in OBJECT_AGENT_VERBS:
        return True
    if root.dep_ == "dobj" and load_evaluative_words().get((head.lemma_, "verb")) == "reaction":
        return True  # "the move angered Beijing": the capital feels it as its government
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_ in VISIT_WORDS:
        return True  # a visit to a capital is one to its country
    if root.dep_ == "pobj" and head.lower_ in {"with", "between", "on", "against"}:
        return head.head.lemma_ in ADDRESSED_VERBS or head.head.lemma_ in INTERACTION_NOUNS
    return False


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None
