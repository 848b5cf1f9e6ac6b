"""`make import CSV=file.csv`: turns staff's annotations in the CSV that `make report` writes
(semicolons or commas) into what answers those questions next time:
- `vastaava_tieto` names a knowledge-base field as `id.field` (`eu_toimisto.where`): the question
  becomes an example question of that field (staff/field_questions.py), which the action server
  reads at once, without training; `uusi` marks a fact still to write, and is only counted;
- `oikea_intentti` names an intent: the question becomes an NLU training example in
  data/nlu/keskusteluista.yml.
Rows with neither are skipped, and questions already there are not added twice. A bad id, field
or intent stops the import before anything is written, naming the row and the column.

    python -m staff.import_csv FILE [--out data/nlu/keskusteluista.yml] [--knowledge DIR]"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

import yaml

from bot import knowledge
from bot.language import detection
from bot.paths import ROOT
from staff import field_questions
from staff.kb_files import EditError, replace_text

NLU_DIR = ROOT / "data" / "nlu"
DEFAULT_OUT = NLU_DIR / "keskusteluista.yml"
# Intents Rasa sets itself; examples for them would be wrong.
RESERVED = {"nlu_fallback"}
QUESTION_COLUMN, ANSWER_COLUMN, INTENT_COLUMN = "kysymys", "vastaava_tieto", "oikea_intentti"
NEW_FACT = "uusi"  # in ANSWER_COLUMN: the page's fact is not in the knowledge base yet


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


@dataclass
class Annotations:
    intents: Dict[str, List[str]] = field(default_factory=dict)  # {intent: questions}
    # (object id, field, language, question)
    fields: List[Tuple[str, str, str, str]] = field(default_factory=list)
    new: List[str] = field(default_factory=list)  # questions whose fact is still to write


def _field(kb: knowledge.KnowledgeBase, value: str, where: str) -> Tuple[str, str]:
    """'eu_toimisto.where' → ('eu_toimisto', 'where'), or AnnotationError saying what exists."""
    object_id, _, name = value.partition(".")
    entry = kb.entries.get(object_id)
    if not name:
        raise AnnotationError(
            f"{where}: kirjoita tieto muodossa tunniste.kenttä, esimerkiksi eu_toimisto.where, "
            f"tai '{NEW_FACT}'"
        )
    if entry is None:
        raise AnnotationError(
            f"{where}: tietopankissa ei ole objektia '{object_id}'. Kirjoita muodossa "
            f"tunniste.kenttä, esimerkiksi eu_toimisto.where, tai '{NEW_FACT}'"
        )
    fields = entry.fields
    if name not in fields:
        raise AnnotationError(
            f"{where}: objektilla {object_id} ei ole kenttää '{name}' "
            f"(kentät: {', '.join(fields) or 'ei tekstikenttiä'})"
        )
    return object_id, name


def read_annotations(path: Path, kb: knowledge.KnowledgeBase) -> Annotations:
    """The rows staff annotated, or AnnotationError naming the first bad row and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnnotationError(
            f"{path}: tiedosto ei ole UTF-8-muodossa. Tallenna se Excelissä muodossa "
            "»CSV UTF-8 (pilkuin erotettu)»"
        ) from error
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = set(reader.fieldnames or ())
    rows = list(reader)
    if QUESTION_COLUMN not in columns or not columns & {ANSWER_COLUMN, INTENT_COLUMN}:
        raise AnnotationError(
            f"{path}: tiedostosta puuttuu sarake {QUESTION_COLUMN} tai sekä {ANSWER_COLUMN} "
            f"että {INTENT_COLUMN}"
        )
    found, known = Annotations(), domain_intents()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        question = " ".join((row.get(QUESTION_COLUMN) or "").split())
        answer = (row.get(ANSWER_COLUMN) or "").strip()
        intent = (row.get(INTENT_COLUMN) or "").strip()
        if not question:
            continue
        if answer.casefold() == NEW_FACT:
            found.new.append(question)
        elif answer:
            object_id, name = _field(kb, answer, f"{path}, rivi {number}, sarake {ANSWER_COLUMN}")
            found.fields.append((object_id, name, detection.detect(question) or "fi", question))
        if intent and intent not in known:
            raise AnnotationError(
                f"{path}, rivi {number}, sarake {INTENT_COLUMN}: tuntematon intentti "
                f"'{intent}'. Sallitut: {', '.join(known)}"
            )
        if intent:
            found.intents.setdefault(intent, []).append(question)
    return found


def new_field_questions(
    kb: knowledge.KnowledgeBase, wanted: List[Tuple[str, str, str, str]]
) -> List[Tuple[str, str, str, str]]:
    """The wanted example questions that their field does not have yet."""
    new, seen = [], set()
    for object_id, name, lang, question in wanted:
        entry = kb.entries[object_id]
        own = entry.translations.get(lang, entry)
        key = (object_id, name, lang, normalise(question))
        if key in seen or key[3] in {normalise(q) for q in own.questions.get(name, ())}:
            continue
        seen.add(key)
        new.append((object_id, name, lang, question))
    return new


def merge(annotations: Dict[str, List[str]], out: Path) -> Tuple[int, Optional[str]]:
    """How many of the questions `out` lacks, and its text with them added (None: none)."""
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
    return added, _dump(list(blocks.values())) if added else None


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
    parser.add_argument("--knowledge", type=Path, default=None, help="tietopankin hakemisto")
    args = parser.parse_args(argv)
    directory = args.knowledge or knowledge.knowledge_dir()
    try:
        kb = knowledge.load(directory)
        annotations = read_annotations(args.csv, kb)
        examples = new_field_questions(kb, annotations.fields)
        added, nlu = merge(annotations.intents, args.out)
        # Both are made before either is written; the knowledge base is checked whole.
        field_questions.add(directory, kb, examples)
        if nlu:
            replace_text(args.out, nlu)
    except (
        AnnotationError,
        EditError,
        knowledge.KnowledgeBaseError,
        yaml.YAMLError,
        OSError,
        csv.Error,
    ) as error:
        print(f"Virhe: {error}", file=sys.stderr)
        return 1
    print(f"Lisätty {len(examples)} esimerkkikysymystä tietopankin kenttiin ({directory}).")
    print(f"Lisätty {added} koulutusesimerkkiä tiedostoon {args.out}.")
    if annotations.new:
        print(f"{len(annotations.new)} kysymykselle pitää kirjoittaa uusi tieto tietopankkiin.")
    if added:
        print("Kouluta ja testaa malli: make train")
    return 0


if __name__ == "__main__":
    sys.exit(main())
