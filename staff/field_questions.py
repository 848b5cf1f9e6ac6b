"""Adds visitors' questions to the knowledge base as example questions of a field
(`kysymyksia:`, see docs/henkilokunnan-opas.md), for `make import` (staff/import_csv.py), editing
the files as text (staff/kb_files.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from bot import knowledge
from staff.kb_files import EditError, read, write_checked

KEY = "kysymyksia"
# Where an object's own (Finnish) keys and its English block's keys are indented.
INDENT = {"fi": 4, "en": 6}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _extent(lines: List[str], start: int, end: int) -> int:
    """The end of the block that opens at `start`: the lines after it indented deeper."""
    depth, i = _indent(lines[start]), start + 1
    while i < end and (not lines[i].strip() or _indent(lines[i]) > depth):
        i += 1
    while i > start + 1 and not lines[i - 1].strip():  # a blank line belongs to what follows
        i -= 1
    return i


def _find(lines: List[str], start: int, end: int, key: str, depth: int) -> Optional[int]:
    prefix = " " * depth + key + ":"
    for i in range(start, end):
        if lines[i].startswith(prefix) and _indent(lines[i]) == depth:
            if lines[i][len(prefix) :].strip():
                raise EditError(
                    f"kentän {key} arvo on kirjoitettu samalle riville; muokkaa se käsin "
                    "luetteloksi ennen tuontia"
                )
            return i
        if i > start and lines[i].strip() and _indent(lines[i]) < depth:
            break
    return None


def insert(lines: List[str], object_id: str, field: str, lang: str, question: str) -> None:
    """Adds `question` under the object's `kysymyksia: field:` in `lang`'s block."""
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if re.fullmatch(rf"""  - id: (["']?){object_id}\1\s*(#.*)?""", line)
        ),
        None,
    )
    if start is None:
        raise EditError(
            f"objektia {object_id} ei voi täydentää automaattisesti, koska sen tunniste ei ole "
            "kohteen ensimmäisellä rivillä (  - id: …); lisää kysymys käsin"
        )
    end = start + 1
    while end < len(lines) and not re.match(r"  - |\S", lines[end]):
        end += 1
    depth = INDENT[lang]
    if lang == "en":
        block = _find(lines, start + 1, end, "en", INDENT["fi"])
        if block is None:
            raise EditError(f"objektilla {object_id} ei ole englanninkielistä osaa (en:)")
        start, end = block, _extent(lines, block, end)
    item = " " * (depth + 4) + "- " + json.dumps(question, ensure_ascii=False)
    questions = _find(lines, start + 1, end, KEY, depth)
    if questions is None:
        # Before an English block, so the object's own keys stay together.
        at = _find(lines, start + 1, end, "en", depth) if lang == "fi" else None
        at = at if at is not None else _extent(lines, start, end)
        lines[at:at] = [" " * depth + KEY + ":", " " * (depth + 2) + field + ":", item]
        return
    block_end = _extent(lines, questions, end)
    asked = _find(lines, questions + 1, block_end, field, depth + 2)
    if asked is None:
        lines[block_end:block_end] = [" " * (depth + 2) + field + ":", item]
    else:
        at = _extent(lines, asked, block_end)
        lines[at:at] = [item]


def add(
    directory: Path, kb: knowledge.KnowledgeBase, questions: Sequence[Tuple[str, str, str, str]]
) -> None:
    """Adds each (object id, field, language, question) to the knowledge base `kb` loaded from
    `directory`. Raises EditError, writing nothing, if the result would not load."""
    changed: Dict[str, List[str]] = {}
    for object_id, field, lang, question in questions:
        name = Path(kb.entries[object_id].file).name
        lines = changed.setdefault(name, read(directory / name))
        insert(lines, object_id, field, lang, question)
    if changed:
        write_checked(directory, changed)
