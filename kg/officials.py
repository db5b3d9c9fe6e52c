"""Known officials: people who held a government post, with the dates of each post.

Read from ontologies/gazetteers/officials.tsv (written by tools/generate_actors.py
from the PETRARCH2 dictionaries): a name, the official's country, other names
('|'-separated) and roles ('; '-separated), each a CAMEO code (country + GOV) and
the dates it applies, ``start/end``, either of which may be left out.

>>> role = parse_role("GBRGOV 2003-01-01/2007-06-30")
>>> role.country, role.kind, role.holds_on(dt.date(2005, 2, 1))
('GBR', 'GOV', True)
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.ontology import read_tsv

__all__ = [
    "CONFIDENCE",
    "PATTERN",
    "ROLE_TERMS",
    "Official",
    "Officials",
    "Role",
    "official_key",
    "parse_role",
    "read_officials",
]

log = logging.getLogger(__name__)

#: The kg:pattern and kg:confidence of the facts kg draws from the table: the name
#: is the official's in full, but another person may bear it.
PATTERN = "gazetteer:officials"
CONFIDENCE = 0.8
#: CAMEO role codes kg knows -> the org:Role individual of the ontology they are.
ROLE_TERMS = {"GOV": "GovernmentRole"}
#: tools/generate_actors.py (FIRST_DATE, LAST_DATE) cuts the dictionaries' dates to
#: these days: a post that starts on the first or ends on the last began earlier or
#: ended later, on a day the table does not know.
SOURCE_WINDOW = (dt.date(2000, 1, 1), dt.date(2014, 12, 31))


@dataclass(frozen=True, slots=True)
class Role:
    """A post in a country's government and the days the table knows it held."""

    #: ISO 3166 alpha-3 code of the country whose government it is.
    country: str
    #: The CAMEO role code after the country: GOV.
    kind: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        """Whether the table has the post held on ``day`` (a role without dates always)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def beginning(self) -> dt.date | None:
        """The day the post began, when the table knows it (not the window's first day)."""
        return None if self.start in (None, SOURCE_WINDOW[0]) else self.start

    @property
    def ending(self) -> dt.date | None:
        """The day the post ended, when the table knows it (not the window's last day)."""
        return None if self.end in (None, SOURCE_WINDOW[1]) else self.end


@dataclass(frozen=True, slots=True)
class Official:
    """One row of the table: a person, the country the table files them under, their posts."""

    name: str
    country: str
    #: The row's roles as written; read into `roles` on first use, since most of the
    #: table's officials are never named in a corpus.
    role_text: str = ""

    @property
    def roles(self) -> tuple[Role, ...]:
        return _read_roles(self.name, self.role_text)

    def roles_on(self, day: dt.date | None) -> tuple[Role, ...]:
        """The posts held on ``day``; every post when the day is unknown."""
        if day is None:
            return self.roles
        return tuple(role for role in self.roles if role.holds_on(day))


@functools.cache
def _read_roles(name: str, text: str) -> tuple[Role, ...]:
    """The roles of one row; a role that cannot be read is named in a warning, once, and
    left out."""
    roles = []
    for part in text.split(";"):
        if not part.strip():
            continue
        try:
            roles.append(parse_role(part))
        except ValueError as error:
            log.warning("officials table: %s: %s; post left out", name, error)
    return tuple(roles)


def official_key(text: str) -> str:
    """How names are compared with the table: case, accents, full stops and spacing
    ignored ('George W. Bush' and 'george w bush', 'Erdoğan' and 'Erdogan')."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(text.casefold().replace(".", " ").split())


def parse_role(text: str) -> Role:
    """'GBRGOV 2003-01-01/2007-06-30' -> Role; the dates, or either of them, may be left
    out ('GBRGOV', 'GBRGOV 2003-01-01/'). Raises ValueError naming the role when it
    cannot be read."""
    role = text.strip()
    code, _, dates = role.partition(" ")
    first, _, last = dates.strip().partition("/")
    if not code[:3].isalpha() or not code[:3].isupper() or code[3:] not in ROLE_TERMS:
        known = ", ".join(ROLE_TERMS)
        raise ValueError(
            f"'{role}' does not start with a country code and a role code ({known}), as in GBRGOV"
        )
    try:
        start = dt.date.fromisoformat(first) if first else None
        end = dt.date.fromisoformat(last) if last else None
    except ValueError as error:
        raise ValueError(f"'{role}' has a date that is no YYYY-MM-DD day ({error})") from error
    return Role(country=code[:3], kind=code[3:], start=start, end=end)


@dataclass
class Officials:
    """The officials table, looked up by any of the names it gives a person."""

    by_form: dict[str, tuple[Official, ...]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len({official for found in self.by_form.values() for official in found})

    def named(self, text: str) -> tuple[Official, ...]:
        """Every official the table gives the name ``text`` (more than one: ambiguous)."""
        return self.by_form.get(official_key(text), ())

    def country(self, text: str) -> str | None:
        """The country of an official named ``text`` in full ('Tony Blair' -> GBR)."""
        found = self.named(text)
        return found[0].country if found else None

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[Official, Iterable[str]]]) -> Officials:
        """The table from (official, names) pairs; a name given to several officials
        stays theirs together."""
        forms: dict[str, tuple[Official, ...]] = {}
        for official, names in rows:
            for form in {official_key(name) for name in (official.name, *names)} - {""}:
                found = forms.get(form)
                forms[form] = (official,) if found is None else (*found, official)
        return cls(forms)


def read_officials(path: Path) -> Officials:
    """The officials table of a TSV file; an empty table when there is none."""
    if not path.exists():
        return Officials()
    rows = []
    for row in read_tsv(path):
        official = Official(row["name"], row["country"], row["roles"])
        aliases = [alias.strip() for alias in row["aliases"].split("|") if alias.strip()]
        rows.append((official, aliases))
    return Officials.from_rows(rows)
