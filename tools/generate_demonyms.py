"""Derive the country demonyms that kg's hand-written table lacks from the PETRARCH2
(Phoenix) country dictionary.

Each country of Phoenix.Countries.actors.txt opens with its name and ISO code
('MALI_ [MLI]') followed by '+' synonyms: its adjective ('+MALIAN_'), capital and
cities. A synonym is taken as the country's demonym when it is one word that
starts like the name (its first four letters, or three for names of four letters or
fewer) and ends as English demonyms do (-an, -ian, -ese, -ish, -ic, -ean, and -i
where the name runs on from it or ends before it: Omani, Thai); misspellings of the
name ('AFGHANASTAN', 'TURKEI') are not taken. The plural of those in -an and -i is
added ('Malians'). Forms that the hand-written
country_aliases.tsv or another gazetteer already holds are left out: those win.
Writes ontologies/gazetteers/demonyms_phoenix.tsv.

Usage:

    python tools/generate_demonyms.py [DICTIONARY_FOLDER]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from generate_actors import CREDIT, DEFAULT_SOURCE, OUT, ROOT, read_actors, write_table

SUFFIX = re.compile(r"(AN|IAN|ESE|ISH|I|IC|EAN)$")
HEADER = re.compile(r"^([A-Z][A-Z ]+)$")


def _demonym(phrase: str, name: str, stem: str) -> bool:
    """Whether a synonym of a country reads as its demonym, not as a misspelling of its
    name ('AFGHANASTAN', 'TURKEI'): one word, the name's stem, a demonym's ending; an
    ending in -i only where the name then runs on or ends there ('OMANI', 'THAI')."""
    whole = name.replace(" ", "")
    if " " in phrase or phrase == whole or not phrase.startswith(stem):
        return False
    if not SUFFIX.search(phrase) or phrase.endswith("TAN"):
        return False
    return not phrase.endswith("I") or phrase == whole + "I" or whole.startswith(phrase)


def demonyms(path: Path, taken: set[str]) -> list[tuple[str, str]]:
    """(iso3, form) of the demonyms of the dictionary's countries not in ``taken``."""
    rows: list[tuple[str, str]] = []
    for record in read_actors(path):
        name = record.phrases[0]
        codes = [code for code, dates in record.codes if len(code) == 3 and not dates]
        if not codes or not HEADER.match(name):
            continue
        iso3 = codes[0]
        stem = name.replace(" ", "")[: 3 if len(name) <= 4 else 4]
        for phrase in record.phrases[1:]:
            if not _demonym(phrase, name, stem):
                continue
            form = phrase.capitalize()
            forms = [form, form + "s"] if phrase.endswith(("AN", "I")) else [form]
            rows += [(iso3, f) for f in forms if f not in taken]
    return sorted(set(rows))


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    path = source / "Phoenix.Countries.actors.txt"
    if not path.exists():
        print(f"{source}: no PETRARCH2 dictionaries there", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    from kg.gazetteer import load_gazetteer

    (OUT / "demonyms_phoenix.tsv").write_text("iso3\tform\n", encoding="utf-8")  # not its own input

    gazetteer = load_gazetteer()
    taken = set(gazetteer.demonyms) | set(gazetteer.forms)
    write_table(
        OUT / "demonyms_phoenix.tsv",
        CREDIT,
        "# Country demonyms the hand-written country_aliases.tsv lacks (Malian -> MLI);\n"
        "# derived by tools/generate_demonyms.py. Hand-written forms win.\n",
        ("iso3", "form"),
        demonyms(path, taken),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
