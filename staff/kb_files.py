"""Knowledge-base files edited as text, for `make import` (staff/field_questions.py) and
`make check-page ACCEPT=1` (staff/check_page.py): line by line, so staff's comments, folded
texts, line breaks and line endings stay as they wrote them (a YAML round trip would re-wrap
the lists). The result is loaded as the action server would load it before any file is
written, and each file is replaced whole, never left half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Dict, List

from bot import knowledge


class EditError(ValueError):
    """The edit cannot be made; the message says why in Finnish."""


def read(path: Path) -> List[str]:
    """The file's lines, without their endings."""
    return path.read_text(encoding="utf-8-sig").splitlines()


def replace_text(path: Path, text: str) -> None:
    """Writes the file whole: a reader sees the old or the new one, never a part."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(temporary, path)


def write_checked(directory: Path, changed: Dict[str, List[str]]) -> None:
    """Writes the changed files {name: lines} of the knowledge base in `directory`, each with
    its own line ending, if the whole knowledge base still loads; else EditError, and nothing
    is written."""
    texts = {}
    for name, lines in changed.items():
        ending = "\r\n" if b"\r\n" in (directory / name).read_bytes() else "\n"
        texts[name] = ending.join(lines) + ending
    with tempfile.TemporaryDirectory() as tmp:
        for path in directory.glob("*.yml"):
            text = texts.get(path.name) or path.read_text(encoding="utf-8-sig")
            (Path(tmp) / path.name).write_text(text, encoding="utf-8", newline="")
        try:
            knowledge.load(Path(tmp))
        except knowledge.KnowledgeBaseError as error:
            raise EditError(f"tietopankki ei latautuisi muutoksen jälkeen: {error}") from error
    for name, text in texts.items():
        replace_text(directory / name, text)
