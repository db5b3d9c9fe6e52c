"""Review the gazetteers that tools/generate_actors.py writes: a seeded sample to judge
by hand, and counts of the noise classes that can be found mechanically.

    python tools/review_actors.py sample [FOLDER]   # the rows to judge, as TSV
    python tools/review_actors.py scan [FOLDER]     # counts and examples per noise class

FOLDER defaults to ontologies/gazetteers. The sample is drawn with `SEED` from the
data rows of each file, so the same files give the same sample. The scan uses the
hand-written gazetteers and the spaCy model's WordNet tables; with the BBC corpus of
../shared/data next to the repository it also counts words news writes in lower case.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "ontologies" / "gazetteers"
SEED = 15
SAMPLE = {"officials.tsv": 150, "international_phoenix.tsv": 150, "armed_groups.tsv": 80}

BODY = re.compile(
    r"\b(ministry|ministries|department|government|parliament|council|committee|party|"
    r"commission|agency|office|bank|court|union|association|organi[sz]ation|front|army|"
    r"brigades?|movement|group|forces?|league|federation|institute|foundation)\b",
    re.IGNORECASE,
)
#: Words that open a person's name in the dictionaries, never a body's ('Abu Sayyaf'
#: aside, which the hand-written list would name).
PERSON_OPENERS = {"abu", "commander", "emir", "sheikh", "begum", "ibn", "brother"}
CORPORATE = re.compile(
    r"\b(inc|ltd|limited|corp|corporation|company|co|plc|llc|holdings?|industries|"
    r"bancorp|incorporated|sa|ag|nv)\b\.?",
    re.IGNORECASE,
)
CIVIL = re.compile(
    r"\b(foundation|association|society|institute|council|committee|federation|"
    r"coalition|campaign|network|watch|league|alliance|centre|center)\b",
    re.IGNORECASE,
)
MEDIA = re.compile(
    r"(news|press|journal|times|post|herald|radio|televis|\btv\b|broadcast|media|"
    r"publish|newspaper|pictures|film|entertainment|animation|music|reuters|tribune|"
    r"gazette|magazine|reporters|voice of|bulletin|monitor|confidential|photograph)",
    re.IGNORECASE,
)


def rows(path: Path) -> list[dict[str, str]]:
    """The data rows of a gazetteer (comments and header skipped)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    lines = [line for line in lines if not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:]]


def forms(row: dict[str, str]) -> Iterator[tuple[str, str]]:
    """('name' or 'alias', form) for a row of any of the gazetteers."""
    yield "name", row["name"]
    for alias in row.get("aliases", "").split("|"):
        if alias.strip():
            yield "alias", alias.strip()


def sample(folder: Path) -> str:
    """The rows to judge, each file's sample in file order, as TSV with the file name."""
    out = []
    for name, size in SAMPLE.items():
        found = rows(folder / name)
        picked = sorted(random.Random(SEED).sample(range(len(found)), size))
        out += [name + "\t" + "\t".join(found[i].values()) for i in picked]
    return "\n".join(out) + "\n"


def common_words() -> set[str]:
    """Lower-case words of English: WordNet's lemmas (the spaCy model's tables) that the
    BBC corpus, where it is at hand, writes in lower case at least as often as capitalised."""
    import spacy

    sys.path.insert(0, str(ROOT))
    from kg.nlp import default_model_name

    nlp = spacy.load(default_model_name())
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = {word for pos in ("noun", "verb", "adj", "adv") for word in table.get(pos, [])}
    corpus = ROOT.parent / "shared" / "data" / "bbc-news-2004-2005.jsonl"
    if not corpus.exists():
        return words
    import json

    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            for word in re.findall(r"[A-Za-z][A-Za-z'-]+", json.loads(line)["text"]):
                (lower if word.islower() else capital)[word.lower()] += 1
    return {word for word in words if lower[word] >= max(capital[word], 1)}


def scan(folder: Path) -> dict[str, list[str]]:
    """Noise class -> the offending forms or rows (as 'file: form (name)')."""
    sys.path.insert(0, str(ROOT))
    from tools.generate_actors import HAND_WRITTEN

    hand_written = tuple(HAND_WRITTEN)
    found: dict[str, list[str]] = defaultdict(list)
    common = common_words()
    bodies = {
        name: rows(folder / name) for name in ("international_phoenix.tsv", "armed_groups.tsv")
    }
    people = rows(folder / "officials.tsv")
    given = Counter(row["name"].split()[0].lower() for row in people)
    owners: dict[str, set[str]] = defaultdict(set)
    for name in hand_written:
        for row in rows(folder / name):
            for _, form in forms(row):
                owners[form.casefold()].add(f"{name}:{row.get('id', row['name'])}")
    for name, table in bodies.items():
        for row in table:
            label = f"{name}: {row['name']}"
            for kind, form in forms(row):
                owners[form.casefold()].add(f"{name}:{row['id']}")
                words = form.split()
                if len(words) == 1 and form.lower() in common:
                    found["one-word form that is a common English word"].append(
                        f"{label} ({kind} {form})"
                    )
                if re.search(r"[0-9()\[\]{}]", form):
                    found["digits or brackets"].append(f"{label} ({kind} {form})")
                if re.search(r"\b[A-Z][a-z]*\.[a-z]\.|/[a-z]|\b(INC|LTD|CORP|PLC)\b", form):
                    found["casing not as news writes it"].append(f"{label} ({kind} {form})")
            words = row["name"].split()
            body = BODY.search(row["name"]) or CORPORATE.search(row["name"])
            if (
                not body
                and 2 <= len(words) <= 4
                and (words[0].lower() in PERSON_OPENERS or given[words[0].lower()] >= 3)
            ):
                found["person in a list of bodies"].append(label)
            if row["class"] == "Organization" and CORPORATE.search(row["name"]):
                found["company typed Organization"].append(label)
            if row["class"] == "Company" and CIVIL.search(row["name"]):
                found["organisation typed Company"].append(label)
            if row["class"] == "MediaOrganization" and not MEDIA.search(row["name"]):
                found["MediaOrganization without a word of the media"].append(label)
    for row in people:
        label = f"officials.tsv: {row['name']}"
        if BODY.search(row["name"]):
            found["body in the list of people"].append(label)
        if re.search(r"[0-9()\[\]{}]", row["name"]):
            found["digits or brackets"].append(label)
        if re.search(r"\b(?!(?:II|III|IV|V|VI)\b)[A-Z]{2,}\b|\b[a-z]+$", row["name"]):
            found["casing not as news writes it"].append(label)
    for form, owned in owners.items():
        generated = {owner for owner in owned if not owner.startswith(hand_written)}
        if generated and len(owned) > 1:
            found["form shared by several entities"].append(f"{form}: {', '.join(sorted(owned))}")
    return dict(found)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "scan"
    folder = Path(argv[2]) if len(argv) > 2 else FOLDER
    if command == "sample":
        sys.stdout.write(sample(folder))
        return 0
    shown = int(argv[3]) if len(argv) > 3 else 8
    for kind, items in sorted(scan(folder).items()):
        print(f"{kind}: {len(items)}")
        for item in items[:shown]:
            print(f"    {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
