"""`make import CSV=file.csv`: turns an annotated CSV (the columns kysymys and oikea_intentti,
as `make report` writes them; semicolons or commas) into NLU training examples in
data/nlu/keskusteluista.yml. Rows without an intent are skipped, questions already in the
training data are not added twice, and an unknown intent stops the import before anything is
written, naming the row and the intents there are.

    python -m staff.import_csv FILE [--out data/nlu/keskusteluista.yml]"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set

import yaml

from bot.paths import ROOT

NLU_DIR = ROOT / "data" / "nlu"
DEFAULT_OUT = NLU_DIR / "keskusteluista.yml"
# Intents Rasa sets itself; examples for them would be wrong.
RESERVED = {"nlu_fallback"}


class AnnotationError(ValueError):
    """The CSV cannot be imported; the message says why in Finnish."""


def domain_intents() -> List[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    names = [i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]]
    return [name for name in names if name not in RESERVED]


def normalise(text: str) -> str:
    """A question as compared with others (here and in staff/report.py): case, punctuation and
    spacing ignored, as the NLU ignores them."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s-]", " ", text.casefold())).strip()


def examples_in(paths: Iterable[Path]) -> Set[str]:
    """The training examples in NLU files, normalised for comparison."""
    found = set()
    for path in paths:
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                found.add(normalise(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.lstrip("- "))))
    return found


def read_annotations(path: Path) -> Dict[str, List[str]]:
    """{intent: [questions]} from the CSV, or AnnotationError naming the first bad row."""
    text = path.read_text(encoding="utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or not {"kysymys", "oikea_intentti"} <= set(rows[0]):
        raise AnnotationError(f"{path}: tiedostosta puuttuu sarake kysymys tai oikea_intentti")
    intents, known = {}, domain_intents()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        question = " ".join((row.get("kysymys") or "").split())
        intent = (row.get("oikea_intentti") or "").strip()
        if not intent:
            continue
        if intent not in known:
            raise AnnotationError(
                f"{path}, rivi {number}: tuntematon intentti '{intent}'. "
                f"Sallitut: {', '.join(known)}"
            )
        if question:
            intents.setdefault(intent, []).append(question)
    return intents


def merge(annotations: Dict[str, List[str]], out: Path) -> int:
    """Adds the new questions to `out`; returns how many were added."""
    seen = examples_in([*NLU_DIR.glob("*.yml"), *([out] if out.exists() else [])])
    data = yaml.safe_load(out.read_text(encoding="utf-8")) if out.exists() else None
    blocks = {b["intent"]: b for b in (data or {}).get("nlu", [])}
    added = 0
    for intent, questions in annotations.items():
        new = [q for q in dict.fromkeys(questions) if normalise(q) not in seen]
        if not new:
            continue
        block = blocks.setdefault(intent, {"intent": intent, "examples": ""})
        block["examples"] += "".join(f"- {q}\n" for q in new)
        seen.update(normalise(q) for q in new)
        added += len(new)
    if added:
        out.write_text(_dump(list(blocks.values())), encoding="utf-8")
    return added


def _dump(blocks: List[dict]) -> str:
    lines = [
        'version: "3.1"',
        "",
        "# Questions from real conversations, annotated by staff (make report, make import).",
        "nlu:",
    ]
    for block in sorted(blocks, key=lambda b: b["intent"]):
        lines += [f"  - intent: {block['intent']}", "    examples: |"]
        lines += [f"      {line}" for line in block["examples"].splitlines()]
    return "\n".join(lines) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m staff.import_csv",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("csv", type=Path)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        added = merge(read_annotations(args.csv), args.out)
    except (AnnotationError, OSError, csv.Error) as error:
        print(f"Virhe: {error}", file=sys.stderr)
        return 1
    print(
        f"Lisätty {added} uutta esimerkkikysymystä tiedostoon {args.out}. "
        "Kouluta ja testaa malli: make train"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
