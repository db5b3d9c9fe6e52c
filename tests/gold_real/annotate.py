"""Turn a drafted annotation into offsets, and show it for checking.

    .venv/bin/python tests/gold_real/annotate.py DRAFT [--write] [--out DIR]

A draft has one block per article: a line ``# <id>``, then one line per entity,
``Class | canonical name | surface; surface; ...``. Every occurrence of a surface
in the article's text (whole words, case-sensitive) is a mention, longer surfaces
first, so "Labour Party" is not also "Labour". ``surface@0,2`` keeps only those
occurrences of the surface (counted from 0 over the whole text), for a surname two
entities share. The script prints each mention in its context and the capitalised
words no mention covers, so the annotator can read both; ``--write`` stores
``<id>.json`` next to this file, or in ``DIR`` with ``--out DIR`` (the held-out
set: ``--out tests/gold_real/heldout``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score_data import CLASSES, load_texts  # noqa: E402


def parse_draft(text: str) -> dict[str, list[tuple[str, str, list[str]]]]:
    articles: dict[str, list[tuple[str, str, list[str]]]] = {}
    current: list[tuple[str, str, list[str]]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            current = articles.setdefault(line[1:].strip(), [])
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or parts[0] not in CLASSES:
            raise SystemExit(f"draft line {number}: expected 'Class | name | surfaces': {line}")
        current.append((parts[0], parts[1], [s.strip() for s in parts[2].split(";") if s.strip()]))
    return articles


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def resolve_offsets(
    article: str, text: str, entities: list[tuple[str, str, list[str]]]
) -> list[dict[str, object]]:
    candidates: list[tuple[int, int, int]] = []  # start, end, entity index
    for index, (_, _, surfaces) in enumerate(entities):
        for spec in surfaces:
            surface, _, wanted = spec.partition("@")
            found = occurrences(text, surface)
            if not found:
                print(f"!! {article}: '{surface}' does not occur")
            if wanted:
                keep = {int(i) for i in wanted.split(",")}
                found = [span for i, span in enumerate(found) if i in keep]
            candidates += [(start, end, index) for start, end in found]
    taken: list[tuple[int, int]] = []
    mentions: dict[int, list[list[object]]] = {}
    for start, end, index in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        clash = [(s, e) for s, e in taken if s < end and start < e]
        if clash:
            if (start, end) in clash:
                print(f"!! {article}: '{text[start:end]}' at {start} claimed twice")
            continue
        taken.append((start, end))
        mentions.setdefault(index, []).append([start, end, text[start:end]])
    result = []
    for index, (cls, name, _) in enumerate(entities):
        spans = sorted(mentions.get(index, []), key=lambda m: m[0])  # type: ignore[arg-type, return-value]
        if not spans:
            print(f"!! {article}: {name} has no mention")
            continue
        result.append({"class": cls, "name": name, "mentions": spans})
    return result


def uncovered(text: str, entities: list[dict[str, object]]) -> list[str]:
    spans = [m for e in entities for m in e["mentions"]]  # type: ignore[attr-defined]
    words = []
    for m in re.finditer(r"\b[A-Z][\w'&.-]*(?:\s+(?:of\s+|the\s+|for\s+)?[A-Z][\w'&.-]*)*", text):
        if not any(s <= m.start() < e for s, e, _ in spans):
            words.append(m.group())
    return sorted(set(words))


def main() -> int:
    draft = parse_draft(Path(sys.argv[1]).read_text(encoding="utf-8"))
    write = "--write" in sys.argv
    out_dir = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else HERE
    texts = load_texts()
    for article, entities in draft.items():
        record = texts[article]
        text = record["text"]
        annotated = resolve_offsets(article, text, entities)
        print(f"=== {article}")
        for entity in annotated:
            shown = ", ".join(
                f"{s}:{text[max(0, s - 15) : s].split(chr(10))[-1]}[{t}]{text[e : e + 12].split(chr(10))[0]}"
                for s, e, t in entity["mentions"]  # type: ignore[attr-defined]
            )
            print(f"  {entity['class']:<18} {entity['name']}: {shown}")
        print("  not covered:", "; ".join(uncovered(text, annotated)))
        if write:
            out = {"id": article, "category": record["category"], "entities": annotated}
            (out_dir / f"{article}.json").write_text(
                json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
