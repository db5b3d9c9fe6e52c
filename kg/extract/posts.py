"""Posts: who holds which title, and in which country, agency or body.

A post is read from a title before a name ("Treasury Secretary X"), a title in
apposition ("X, chairman of Y"), "appointed X as Y" and the copula ("X is the Y
of Z"). The kg.rdf stage turns it into ``org:holds`` a position with
``org:postIn`` the place found here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.extract.mentions import HONORIFICS
from kg.extract.records import Post

if TYPE_CHECKING:
    from kg.extract.relations import _Segment

__all__ = ["PostFinder"]

POST_IN_CLASSES = frozenset(
    {"Country", "GovernmentAgency", "Organization", "Company", "MediaOrganization",
     "PoliticalParty", "InternationalOrganization", "ArmedGroup"}
)  # fmt: skip
TITLE_PREFIXES = frozenset({"vice", "deputy", "acting", "senior", "assistant", "junior"})
PAST_MARKERS = frozenset({"former", "ex", "then", "outgoing", "late"})
APPOINT = frozenset({"appoint", "name", "nominate", "elect", "choose", "pick", "designate", "make"})


class PostFinder:
    """Finds the posts of the persons named in one segment."""

    def __init__(self, work: _Segment) -> None:
        self.work = work
        self.doc = work.doc
        self.gaz = work.gaz
        self.segment = work.segment
        self.mentions = work.mentions
        self.spans = work.spans
        self.ex = work.ex
        self.state = work.state
        self.seen = work.seen

    def find(self) -> None:
        """Titles before names, appositions, 'appointed X as Y', copular 'X is the Y of Z'."""
        doc = self.doc
        for index, (start, end) in sorted(self.spans.items(), key=lambda item: item[1]):
            if self.mentions[index].cls != "Person":
                continue
            span = doc[start:end]
            found_before = len(self.ex.posts)
            self.post_before(index, span)
            titled = len(self.ex.posts) > found_before
            root = span.root
            for child in root.children:
                if child.dep_ == "appos" and child.lower_ in self.gaz.title_heads:
                    self.post_from_noun(index, child, "apposition")
            if root.dep_ == "appos" and root.head.lower_ in self.gaz.title_heads and not titled:
                # a name with its own title before it is not in apposition to another
                # title ("X's petroleum minister A and energy minister B")
                self.post_from_noun(index, root.head, "apposition")
            if root.dep_ in {"dobj", "oprd"} and root.head.lemma_ in APPOINT:
                for child in (*root.children, *root.head.children):
                    if child.dep_ == "prep" and child.lower_ == "as":
                        for grand in child.children:
                            if grand.lower_ in self.gaz.title_heads:
                                boss = self.work.subject(root.head)
                                boss_ref = self.work.ref(boss) if boss is not None else None
                                self.post_from_noun(
                                    index, grand, "appointed-as", post_in=boss_ref and boss_ref[0]
                                )
            if root.dep_ == "nsubj" and root.head.lemma_ == "be":
                for child in root.head.children:
                    if child.dep_ == "attr" and child.lower_ in self.gaz.title_heads:
                        self.post_from_noun(index, child, "copula")

    def post_before(self, person: int, span: Span) -> None:
        found = self.work.finder.mention_finder.title_before(span.start, self.doc)
        if found is None or found[2] == "honorific":
            return
        start, title, kind = found
        doc = self.doc
        # widen the title over the words that modify it: "Business and Trade Secretary",
        # "EU trade spokesman", "Assistant Trade Representative"
        while start > 0:
            word = doc[start - 1]
            if self.work.mention_of(word) >= 0 or word.is_punct:
                break
            joins = word.lower_ in {"and", "&"} and start > 1 and doc[start - 2].is_title
            modifies = word.dep_ in {"compound", "amod", "nmod", "conj"} and word.pos_ in {
                "PROPN",
                "NOUN",
                "ADJ",
            }
            if not (joins or modifies or word.lower_ in TITLE_PREFIXES):
                break
            if word.lower_.rstrip("-") in PAST_MARKERS:
                return
            start -= 1
            title = f"{word.text} {title}"
        if start > 0 and doc[start - 1].lower_.rstrip("-") in PAST_MARKERS:
            return
        post_in = None
        before = start - 1
        if before >= 0 and doc[before].tag_ == "POS":
            before -= 1
        if before >= 0:
            index = self.work.mention_of(doc[before])
            if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES:
                post_in = index
        if post_in is None:
            # the agency may sit inside the title ("U.S. Treasury Secretary")
            for token in doc[start : span.start]:
                index = self.work.mention_of(token)
                if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES:
                    post_in = index
        self.add_post(person, title, kind, doc[span.start], "title-before", post_in, 0.9)

    def post_from_noun(
        self, person: int, noun: Token, pattern: str, post_in: int | None = None
    ) -> None:
        words = [
            child
            for child in noun.lefts
            if child.dep_ in {"compound", "amod"} and self.work.mention_of(child) < 0
        ]
        if any(word.lower_.rstrip("-") in PAST_MARKERS for word in words):
            return
        title_words = [word.text for word in words] + [noun.text]
        for child in noun.children:
            if child.dep_ == "poss" and child.lower_ in {"its", "their"}:
                post_in = self.body_before(child)
            elif child.dep_ == "poss" or (child.dep_ in {"compound", "amod"} and post_in is None):
                index = self.work.mention_of(child)
                if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES:
                    post_in = index
        for child in noun.rights:
            if child.dep_ != "prep" or child.lower_ not in {"of", "for", "at", "to", "with"}:
                continue
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            for obj in objects:
                index = self.work.mention_of(obj)
                if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES and post_in is None:
                    post_in = index
                elif index < 0 and child.lower_ in {"for", "of"} and obj.pos_ == "PROPN":
                    # "Minister for Economic Revitalization": part of the title
                    phrase = self.doc[child.i : obj.right_edge.i + 1]
                    title_words.append(phrase.text)
                    for inner in obj.subtree:
                        inner_index = self.work.mention_of(inner)
                        if inner_index >= 0 and self.mentions[inner_index].cls in POST_IN_CLASSES:
                            post_in = post_in if post_in is not None else inner_index
        if post_in is None:
            # "an expert on trade at the Council on Foreign Relations"
            for item in noun.subtree:
                if item.dep_ == "prep" and item.lower_ in {"at", "with"}:
                    for grand in item.children:
                        index = self.work.mention_of(grand)
                        if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES:
                            post_in = index
                            break
        title = " ".join(title_words)
        words_lower = tuple(title.lower().split())
        kind = (
            self.gaz.title_kind(words_lower) or self.gaz.title_kind((noun.lower_,)) or "government"
        )
        self.add_post(person, title, kind, noun, pattern, post_in, 0.85)

    def body_before(self, pronoun: Token) -> int | None:
        """What 'its' refers to: the one organisation or agency named in the sentence
        before (or earlier in this one); None when that is not clear."""
        sent = self.segment.sent_of(pronoun.i)
        position = self.segment.offset + pronoun.idx
        bodies = POST_IN_CLASSES - {"Country"}
        for number in (sent, sent - 1):
            found: set[int] = {
                index if mention.alias_of is None else mention.alias_of
                for index, mention in enumerate(self.mentions)
                if mention.sent == number and mention.cls in bodies and mention.start < position
            }
            names = {self.mentions[index].text.casefold() for index in found}
            if len(found) == 1 or (found and len(names) == 1):
                return min(found)
            if found:
                return None
        return None

    def add_post(
        self,
        person: int,
        title: str,
        kind: str,
        token: Token,
        pattern: str,
        post_in: int | None,
        confidence: float,
    ) -> None:
        title = " ".join(title.split()).strip(" ,")
        if not title or title.lower() in HONORIFICS:
            return
        key = ("post", person, title.lower())
        if key in self.seen:
            return
        self.seen.add(key)
        self.state.posts.append((title.lower(), person))
        self.ex.posts.append(
            Post(
                person=person,
                title=title,
                kind=kind,
                sent=self.work.sent_index(token),
                pattern=pattern,
                confidence=confidence,
                post_in=post_in,
            )
        )
