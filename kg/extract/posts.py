"""Posts: who holds which title, and in which country, agency or body.

A post is read from a title before a name ("Treasury Secretary X"), a title in
apposition ("X, chairman of Y"), "appointed X as Y" and the copula ("X is the Y
of Z"). The kg.rdf stage turns it into ``org:holds`` a position with
``org:postIn`` the place found here, and makes the holder of a government post in
a country or one of its agencies ``kg:represents`` the country.

Where a post is comes from the names that qualify its title. Staff of a firm or
other body hold their post in it: the firm wins over a country named with the same
title ("Lufthansa's German spokesman"), and a country that only qualifies the body,
by its name or its description, is where the body is from and places no post
("the British Chambers of Commerce", "German airline spokesman X", "Deutsche
Securities Japan").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.extract.context import POST_IN_CLASSES, Finder
from kg.extract.mentions import DESCRIPTORS, HONORIFICS
from kg.extract.records import Post

if TYPE_CHECKING:
    from kg.extract.context import SentenceContext

__all__ = ["PlaceFinder", "PostFinder"]

TITLE_PREFIXES = frozenset({"vice", "deputy", "acting", "senior", "assistant", "junior"})
PAST_MARKERS = frozenset({"former", "ex", "then", "outgoing", "late"})
#: Classes of the bodies whose descriptions ("airline", "union") can sit in a title.
NON_STATE_BODIES = frozenset(
    {"Company", "Organization", "MediaOrganization", "PoliticalParty", "ArmedGroup"}
)
APPOINT = frozenset({"appoint", "name", "nominate", "elect", "choose", "pick", "designate", "make"})


class PostFinder(Finder):
    """Finds the posts of the persons named in one segment."""

    def __init__(self, work: SentenceContext) -> None:
        super().__init__(work)
        self.places = PlaceFinder(work)

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
            # "The CBI's director general, Sir Digby Jones," is parsed either way
            before = start - 1
            while before > 0 and doc[before].lower_ in HONORIFICS:
                before -= 1
            set_off = root.dep_ == "appos" or (
                root.dep_ == "npadvmod" and before >= 0 and doc[before].text == ","
            )
            if set_off and root.head.lower_ in self.gaz.title_heads and not titled:
                # a name with its own title before it is not in apposition to another
                # title ("X's petroleum minister A and energy minister B")
                self.post_from_noun(index, root.head, "apposition")
            title = self.title_above_body(root)
            if title is not None and not titled:
                # "a spokesman for Lufthansa, Peter Lang,": parsed as the firm's apposition
                self.post_from_noun(index, title, "apposition")
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

    def title_above_body(self, root: Token) -> Token | None:
        """The title whose "of", "for" or "at" phrase names the body a name is in
        apposition to."""
        body, prep = root.head, root.head.head
        index = self.work.mention_of(body)
        if (
            root.dep_ == "appos"
            and body.dep_ == "pobj"
            and index >= 0
            and self.mentions[index].cls in POST_IN_CLASSES
            and prep.lower_ in {"of", "for", "at"}
            and prep.head.lower_ in self.gaz.title_heads
        ):
            return prep.head
        return None

    def post_before(self, person: int, span: Span) -> None:
        finder = self.work.finder.mention_finder
        found = finder.title_before(span.start, self.doc)
        if found is not None and found[2] == "honorific":
            # "CBI director general Sir Digby Jones": the title stands before the honorific
            found = finder.title_before(found[0], self.doc)
        if found is None or found[2] == "honorific":
            return
        start, title, kind = found
        title_start = start
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
        names = self.places.names_before(start)
        first = names[-1][1] if names else start
        before = first - 2 if first > 1 and doc[first - 1].text == "-" else first - 1
        if before >= 0 and doc[before].lower_.rstrip("-") in PAST_MARKERS:
            return  # "former Yukos boss X", "ex-finance chief X", "former South African ..."
        post_in = self.places.place([index for index, _ in names])
        if post_in is not None and self.mentions[post_in].cls == "Country":
            at = next(token for index, token in names if index == post_in)
            if self.places.names_a_body(at, doc[start:title_start]):
                post_in = None
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
        # the names that qualify the title itself, most direct first: its possessive,
        # whoever appointed, its modifiers, its "of", "for", "at" and "with" phrases
        own: list[int] = []
        for child in noun.children:
            if child.dep_ == "poss" and child.lower_ in {"its", "their"}:
                body = self.places.body_before(child)
                own += [body] if body is not None else []
            elif child.dep_ == "poss":
                own.append(self.work.mention_of(child))
        own += [post_in] if post_in is not None else []
        # "The CBI's director general": the name may hang on a word of the title
        own += [
            self.work.mention_of(child)
            for word in (noun, *words)
            for child in word.children
            if child.dep_ in {"compound", "amod", "poss"}
        ]
        destinations: list[int] = []
        for child in noun.rights:
            if child.dep_ != "prep" or child.lower_ not in {"of", "for", "at", "to", "with"}:
                continue
            for obj in (grand for grand in child.children if grand.dep_ == "pobj"):
                named = self.places.named_by(obj)
                if named is not None:
                    (destinations if child.lower_ == "to" else own).append(named)
                elif child.lower_ in {"for", "of"} and obj.pos_ == "PROPN":
                    inner = self.places.places_inside(obj)
                    own += inner
                    if not any(self.mentions[i].cls != "Country" for i in inner):
                        # "Minister for Economic Revitalization": part of the title
                        title_words.append(self.doc[child.i : obj.right_edge.i + 1].text)
        # "an expert on trade at the Council on Foreign Relations"
        destinations += [
            self.work.mention_of(grand)
            for item in noun.subtree
            if item.dep_ == "prep" and item.lower_ in {"at", "with"}
            for grand in item.children
        ]
        if self.places.describes_a_body(words):
            # "X, the Swedish steelworkers union spokesman": the union is from Sweden
            own = [i for i in own if i < 0 or self.mentions[i].cls != "Country"]
        post_in = self.places.place(own)
        if post_in is None:
            post_in = self.places.place(destinations)
        title = " ".join(title_words)
        self.add_post(person, title, self.kind_of(title, noun), noun, pattern, post_in, 0.85)

    def kind_of(self, title: str, noun: Token) -> str:
        """The kind of a title: its own, that of the title its head word makes alone,
        or the one every known title ending in that word shares ("chief financial
        officer" is a business post like "chief executive officer")."""
        words = tuple(title.lower().split())
        kind = self.gaz.title_kind(words) or self.gaz.title_kind((noun.lower_,))
        if kind is not None:
            return kind
        kinds = {k for known, k in self.gaz.titles.items() if known[-1] == noun.lower_}
        return kinds.pop() if len(kinds) == 1 else "government"

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


class PlaceFinder(Finder):
    """Where a post is: the country, agency or body among the names around its title."""

    def names_before(self, start: int) -> list[tuple[int, int]]:
        """(mention, first token) of the names right before a title, nearest first:
        "German" then "Lufthansa" in "Lufthansa's German spokesman"."""
        found: list[tuple[int, int]] = []
        at = start - 1
        while at >= 0:
            if self.doc[at].tag_ == "POS":
                at -= 1
                continue
            raw = self.segment.token_mention[at]
            if raw < 0:
                break
            found.append((self.work.mention_of(self.doc[at]), self.spans[raw][0]))
            at = self.spans[raw][0] - 1
        return found

    def names_a_body(self, country: int, widened: Span) -> bool:
        """Whether the country named at token ``country`` qualifies a body rather than
        the title: "Federation of German Industries director general", "Diageo North
        America president", "the Swedish steelworkers union spokesman"."""
        doc = self.doc
        if country > 1 and doc[country - 1].lower_ == "of" and doc[country - 2].is_title:
            return True
        return self.after_a_name(country) or self.describes_a_body(widened)

    def after_a_name(self, country: int) -> bool:
        """Whether the country named from token ``country`` on ends a longer proper
        name, a firm's or a unit's ("Deutsche Securities Japan", "Diageo North
        America")."""
        if country == 0:
            return False
        word = self.doc[country - 1]
        index = self.work.mention_of(word)
        return (
            word.pos_ == "PROPN"
            and word.is_title
            and word.ent_type_ not in {"DATE", "TIME"}
            and (index < 0 or self.mentions[index].cls != "Country")
        )

    def describes_a_body(self, words: Iterable[Token]) -> bool:
        """Whether the words of a title name a firm or other non-state body by what it
        is ("airline", "union"), a country before them being where that body is from;
        words that titles are made of ("central bank governor") are no such name."""
        return any(
            DESCRIPTORS.get(word.lemma_.lower()) in NON_STATE_BODIES
            and word.lower_ not in self.title_words
            for word in words
        )

    @functools.cached_property
    def title_words(self) -> frozenset[str]:
        return frozenset(word for title in self.gaz.titles for word in title)

    def place(self, candidates: list[int]) -> int | None:
        """Where a post is, from the names that qualify its title, most direct first: a
        firm or other body named with the title wins over a country (its staff hold a
        post in it, "Lufthansa's German spokesman"), and a country over an international
        organisation (a state's delegate holds the state's post)."""
        found = [
            index
            for index in candidates
            if index >= 0 and self.mentions[index].cls in POST_IN_CLASSES
        ]
        for index in found:
            if self.mentions[index].cls not in {"Country", "InternationalOrganization"}:
                return index
        countries = [index for index in found if self.mentions[index].cls == "Country"]
        return next(iter(countries or found), None)

    def named_by(self, obj: Token) -> int | None:
        """The mention an object names, or the firm or body a description of it names
        ("the German carrier Lufthansa") or whose name ends in a country's ("Deutsche
        Securities Japan")."""
        index = self.work.mention_of(obj)
        if index >= 0 and not (
            self.mentions[index].cls == "Country"
            and self.after_a_name(self.spans[self.segment.token_mention[obj.i]][0])
        ):
            return index
        for child in obj.children:
            index = self.work.mention_of(child)
            if (
                child.dep_ in {"appos", "compound"}
                and index >= 0
                and self.mentions[index].cls in POST_IN_CLASSES - {"Country"}
            ):
                return index
        return None

    def places_inside(self, obj: Token) -> list[int]:
        """The bodies named inside a name the model did not recognise, and the countries
        it is "of" or "for"; a country that only qualifies a word of the name is where
        the body is from ("the British Chambers of Commerce")."""
        found = []
        for token in obj.subtree:
            index = self.work.mention_of(token)
            if index < 0 or self.mentions[index].cls not in POST_IN_CLASSES:
                continue
            if self.mentions[index].cls != "Country" or token.dep_ == "pobj":
                found.append(index)
        return found

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
