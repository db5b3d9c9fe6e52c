"""Person names: title, given name, surname and suffix, and the gender they tell.

A name is parsed with ``nameparser``; the gender comes from an honorific or title
of rank written before the name ("Mrs Howard", "Baroness Scotland", "Lord
Armstrong") or, failing that, from the given name ("Sandra Howard"), each read
from ontologies/names/. Two names are *compatible* (may name one person) unless
their genders are both known and differ, or both carry a given name and neither
given name is the other's initial: "Otis Ferry" is never "Bryan Ferry", "Mrs
Howard" never "Michael Howard".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from nameparser import HumanName

from kg.ontology import ontology_path, read_tsv

__all__ = [
    "FEMALE",
    "MALE",
    "PersonName",
    "compatible",
    "given_name_gender",
    "honorific_gender",
    "is_full_name",
    "parse_name",
    "pronoun_gender",
    "title_before",
]

FEMALE = "female"
MALE = "male"
_PRONOUNS = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE, "hers": FEMALE}
#: The word written right before a name, and its position.
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.? +$")


@functools.cache
def _honorifics() -> dict[str, str | None]:
    rows = read_tsv(ontology_path("names", "honorifics.tsv"))
    return {
        row["title"].casefold(): (row["gender"] if row["gender"] != "-" else None) for row in rows
    }


@functools.cache
def _given_names() -> dict[str, str]:
    rows = read_tsv(ontology_path("names", "given_names.tsv"))
    return {row["name"].casefold(): row["gender"] for row in rows}


def honorific_gender(title: str) -> str | None:
    """'Mrs' -> 'female'; None for a title that tells no gender or is no honorific."""
    return _honorifics().get(title.casefold().rstrip("."))


def given_name_gender(name: str) -> str | None:
    """'Sandra' -> 'female'; None for a name the list does not hold."""
    return _given_names().get(name.casefold())


def pronoun_gender(pronoun: str) -> str | None:
    """'she' -> 'female'; None for a pronoun that tells no gender."""
    return _PRONOUNS.get(pronoun.casefold())


def title_before(text: str, start: int) -> str | None:
    """The honorific written right before offset ``start`` of ``text`` ("Mrs"), if any."""
    match = _WORD_BEFORE.search(text, max(0, start - 16), start)
    if match is None or match.group(1).casefold() not in _honorifics():
        return None
    return match.group(1)


def is_given_name(word: str) -> bool:
    return word[:1].isupper() and word.casefold() in _given_names()


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name in parts; empty strings for the parts the name lacks."""

    title: str
    given: str
    surname: str
    suffix: str
    gender: str | None

    @property
    def full(self) -> bool:
        """Whether the name has a given name and a surname."""
        return bool(self.given and self.surname)


@functools.lru_cache(maxsize=1 << 16)
def parse_name(name: str, title: str | None = None) -> PersonName:
    """Parse a person's name, with the title written before it when known.

    >>> parse_name("Howard", "Mrs")
    PersonName(title='Mrs', given='', surname='Howard', suffix='', gender='female')
    >>> parse_name("Sandra Howard").gender
    'female'

    Cached: nameparser takes about a millisecond a name, and a corpus names the same
    people again and again.
    """
    parsed = HumanName(f"{title} {name}" if title else name)
    given, surname = parsed.first, parsed.last
    if not surname and given and not parsed.title:
        given, surname = "", given  # a lone word is a surname ("Howard said ...")
    words = name.split()
    if title and not surname and words:
        given, surname = "", words[-1]  # nameparser takes "Lady Scotland" whole
    found_title = parsed.title or (title or "")
    gender = None
    for word in found_title.split():
        gender = gender or honorific_gender(word)
    if gender is None and given:
        gender = given_name_gender(given.split()[0].rstrip("."))
    return PersonName(found_title, given, surname, parsed.suffix, gender)


def is_full_name(name: str) -> bool:
    """Whether a name has a given name and a surname: 'Colin Powell', 'A. Raja'; not
    'Powell', 'President Bush' nor a surname with its particle ('El Sisi', 'Van Rompuy').

    >>> is_full_name("George W. Bush"), is_full_name("El Sisi")
    (True, False)
    """
    from nameparser.config import CONSTANTS

    parsed = parse_name(name)
    if not parsed.full:
        return False
    prefixes = CONSTANTS.prefixes
    return not all(
        word.casefold() in prefixes or f"{word.casefold()}-" in prefixes
        for word in parsed.given.split()
    )


def _initial_of(short: str, full: str) -> bool:
    """'B.' or 'B' stands for 'Bill'."""
    letters = short.rstrip(".")
    return len(letters) == 1 and full[:1].casefold() == letters.casefold()


def compatible(a: PersonName, b: PersonName) -> bool:
    """Whether two names may name one person: no clash of gender nor of given name.

    >>> compatible(parse_name("Howard", "Mrs"), parse_name("Michael Howard"))
    False
    >>> compatible(parse_name("Ferry"), parse_name("Otis Ferry"))
    True
    """
    if a.gender and b.gender and a.gender != b.gender:
        return False
    if a.given and b.given:
        first_a, first_b = a.given.split()[0], b.given.split()[0]
        if first_a.casefold() != first_b.casefold() and not (
            _initial_of(first_a, first_b) or _initial_of(first_b, first_a)
        ):
            return False
    return True
