"""What a trained model is made of, as one fingerprint: the configuration, the domain, the NLU
data, rules and stories, the test stories that gate a new model, the code of the NLU components
that shape what the model learns, and of the knowledge base only the names
(bot.knowledge.KnowledgeBase.model_view). A text edit in the knowledge base leaves it
unchanged: the action server takes texts live, so they need no retraining.

    python -m bot.nlu.fingerprint FILE

writes the fingerprint to FILE only when it differs from what FILE holds, so that make, which
compares modification times, retrains only when the fingerprint changed (Makefile, `make train`).
Paths are relative to the project root, where make runs."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any, List, Optional, Sequence

from bot import knowledge
from bot.paths import KNOWLEDGE_DIR

# The NLU components' code: the tokens, lemmas and masked names that DIET learns from. What
# else they import acts after classification (bot/language/detection.py, questions.py) or shows
# in the names' view below (bot/knowledge.py).
NLU_CODE = ("bot/nlu/*.py", "bot/language/matching.py")
PATTERNS = (
    "config.yml",
    "domain.yml",
    "data/*.yml",
    "data/nlu/*.yml",
    "tests/test_stories.yml",
    *NLU_CODE,
)


def _files(root: Path, patterns: Sequence[str]) -> Any:  # an unfinished sha256
    digest = hashlib.sha256()
    for path in sorted(p for pattern in patterns for p in root.glob(pattern)):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest


def code_fingerprint(root: Path) -> str:
    """The NLU components' code alone. Rasa's training cache sees only a component's class
    source and config, so the components add this (bot/nlu/tokenizer.py, topics.py) for a
    retraining to learn anew from what their helpers and bot/language/matching.py now make."""
    return _files(root, NLU_CODE).hexdigest()


def fingerprint(root: Path = Path(".")) -> str:
    digest = _files(root, PATTERNS)
    view = knowledge.load(root / KNOWLEDGE_DIR).model_view()
    digest.update(json.dumps(view, sort_keys=True).encode())
    return digest.hexdigest()


def main(argv: Optional[List[str]] = None) -> int:
    target = Path((argv or sys.argv[1:])[0])
    try:
        current = fingerprint()
    except knowledge.KnowledgeBaseError as error:
        print(f"Virhe: {error}", file=sys.stderr)
        return 1
    if not target.exists() or target.read_text(encoding="utf-8").strip() != current:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(current + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
