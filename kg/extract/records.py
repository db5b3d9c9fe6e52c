"""Plain records the extract stage hands to resolve: mentions, relations, events, statements.

Everything refers to mentions by their index in `Extraction.mentions` and to
text by character offsets into the document, so records are small, picklable
and independent of spaCy objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.ingest import Document

__all__ = [
    "Event",
    "Extraction",
    "Mention",
    "Post",
    "Relation",
    "Sentence",
    "Statement",
    "same_actor",
    "same_side",
]

ACT = "Act"
INTENT = "Intent"
THREAT = "Threat"
HYPOTHETICAL = "Hypothetical"
REFUSAL = "Refusal"
NEGATED = "Negated"
#: How the patterns of events typed by PLOVER begin: the trigger lexicon's, the
#: demands said with a modal, the criticism said in evaluative words and the
#: disapproval told as a feeling. Other events are negotiations and meetings.
TYPED_EVENT_PATTERNS = ("lexicon:", "deontic:", "evaluative:", "reaction:")
#: Classes of the bodies a post is held in, and a group or a role can stand for.
POST_IN_CLASSES = frozenset(
    {"Country", "GovernmentAgency", "Organization", "Company", "MediaOrganization",
     "PoliticalParty", "InternationalOrganization", "ArmedGroup"}
)  # fmt: skip


@dataclass(slots=True)
class Mention:
    """A typed span of the document that names an entity."""

    start: int
    end: int
    text: str
    cls: str
    sent: int
    #: How much this mention's class is to be trusted when mentions of one name
    #: disagree: gazetteer 5, title or class cue 3, model label 1, weak guess 0.1.
    weight: float = 1.0
    #: Gazetteer key ("country:JPN", "agency:white-house") when the name is known.
    key: str | None = None
    #: The surface form is an adjective or people name (Japanese -> Japan).
    demonym: bool = False
    #: For policies: rate (percent), kind (tariff, suspension, ...), normalised label.
    rate: float | None = None
    kind: str | None = None
    label: str | None = None
    #: Index of a mention this one is an acronym or short form of, set by extraction
    #: when the text says so ("Council on Foreign Relations (CFR)").
    alias_of: int | None = None
    #: For policies named with their imposer inside ("20% US tariff", "EU duties"):
    #: the mention of that country or body.
    owner: int | None = None


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Relation:
    """subject -predicate-> object between mentions, with where and how it was found."""

    predicate: str
    subject: int
    object: int
    sent: int
    pattern: str
    confidence: float
    modality: str = ACT
    #: For demands: the mention asked to act.
    demanded_of: int | None = None
    #: The speaker when the relation was found in reported or quoted speech.
    said_by: int | None = None
    date: str | None = None


@dataclass(slots=True)
class Post:
    """A person holds a post (title) in an agency, organisation or country."""

    person: int
    title: str
    kind: str
    sent: int
    pattern: str
    confidence: float
    post_in: int | None = None


@dataclass(slots=True)
class Event:
    """An event of a PLOVER category (``kind``, a skos:notation of kg:PloverScheme):
    who acts (``sources``), to or with whom (``targets``), how, its subjects, date and
    place. A negotiation or meeting (CONSULT) is symmetric: ``parties`` are all of
    its actors, each side included."""

    parties: list[int]
    sent: int
    pattern: str
    trigger: str
    confidence: float
    modality: str = ACT
    about: list[int] = field(default_factory=list)
    date: str | None = None
    location: int | None = None
    said_by: int | None = None
    kind: str = "CONSULT"
    sources: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    mode: str | None = None
    #: Document offsets of the trigger word.
    char_start: int | None = None
    char_end: int | None = None


@dataclass(slots=True)
class Statement:
    """Words attributed to a speaker, quoted or reported."""

    speaker: int
    quote: str
    sent: int
    pattern: str
    confidence: float
    direct: bool
    #: The speaker denies the words ("denied that it was behind the purchase").
    negated: bool = False
    reported_by: int | None = None
    about: list[int] = field(default_factory=list)
    #: Whom the words were said to ("told the BBC", "urged Iran", "said to reporters").
    addressee: int | None = None


@dataclass(slots=True)
class Extraction:
    """All that the extract stage found in one document."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    #: Sentences with a trigger word where no pattern could fill the arguments,
    #: kept so that what kg did not understand can be logged, never guessed.
    unparsed: list[tuple[int, str]] = field(default_factory=list)

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.document.text[sentence.start : sentence.end]


def same_actor(mentions: list[Mention], a: int, b: int) -> bool:
    """Whether two mentions name one actor: the same mention, one the alias of the
    other, the same gazetteer entry or the same text."""
    if a == b:
        return True
    first, second = mentions[a], mentions[b]
    if first.alias_of == b or second.alias_of == a:
        return True
    return (first.key is not None and first.key == second.key) or first.text == second.text


def same_side(extraction: Extraction, speaker: int, target: int) -> bool:
    """Whether the target is the speaker, or a body the speaker holds a post in ("the
    party's leader said the party must ...", "NUJ official X said the union had ..."):
    no other actor is judged or asked to act."""
    owned = {post.post_in for post in extraction.posts if post.person == speaker}
    return any(
        same_actor(extraction.mentions, other, target)
        for other in (speaker, *owned)
        if other is not None
    )
