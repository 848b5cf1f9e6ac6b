"""Which language a message is written in, Finnish or English (lingua-language-detector: its
models are in the wheel, and it is the most accurate detector on short texts).

Names say nothing about the language ("Who is Matti Meikäläinen?" reads as Finnish), so the
caller masks the knowledge base's names first, and a capitalised word that does not open a
sentence is masked as a name too ("Is Kajaani part of …?" read as Finnish). A message the
detector is unsure of tells its language by a question's opening word of one language ("Is …",
"Onko …"); else (a name only, "ok") it tells nothing: the conversation keeps its language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional, Tuple

from lingua import Language, LanguageDetectorBuilder

from bot.language.matching import FOLD

CODES = {Language.FINNISH: "fi", Language.ENGLISH: "en"}
# Least confidence (0-1, the two languages' sum is 1) for a message to tell its language. On the
# development messages (tests/language_questions_dev.yml) 0.5 / 0.6 / 0.7 / 0.8 told 99.5 /
# 99.0 / 98.6 / 95.2 % right; 0.6 leaves the nearly even ones to the conversation's language.
MIN_CONFIDENCE = 0.6
# Letters needed to tell anything: "ok", "hi" and "EU" are either.
MIN_LETTERS = 3
_LETTERS = re.compile(r"[^\W\d_]")
# Words that open a question in one language only: when the detector is unsure of what the names
# leave ("Is Kainuu still cooperating with Russia?" leaves "Is still"), the first word tells.
_OPENERS = {
    "en": {"is", "are", "was", "were", "do", "does", "did", "can", "could", "has", "have", "will"}
    | {"would", "should", "what", "who", "whom", "whose", "where", "when", "why", "how", "which"}
    | {"tell"},
    "fi": {"onko", "oliko", "onks", "mika", "mita", "mitka", "kuka", "ketka", "missa", "mista"}
    | {"mihin", "milloin", "miksi", "miks", "miten", "kenen", "kenelle", "kerro", "voiko"},
}
_WORD = re.compile(r"[^\W\d_]+")
# A capitalised word after another word: a name, whatever the knowledge base knows.
_CAPITALISED = re.compile(r"(?<=[\w,;:)] )[A-ZÀ-ÖØ-Þ][\w-]*")


@lru_cache(maxsize=1)
def detector():
    """The detector, built once (about 0.3 s): the NLU builds it at load, not at a message."""
    return LanguageDetectorBuilder.from_languages(*CODES).with_preloaded_language_models().build()


def detect(text: str, names: Iterable[Tuple[int, int]] = ()) -> Optional[str]:
    """ "fi" or "en", or None when the text does not tell; `names` are the (start, end) spans
    of names in it, which are left out."""
    chars = list(text)
    names = [*names, *((m.start(), m.end()) for m in _CAPITALISED.finditer(text))]
    for start, end in names:  # they may overlap ("Kainuun" in "Kainuun Venäjä-strategia")
        chars[start:end] = " " * (end - start)
    text = "".join(chars)
    if len(_LETTERS.findall(text)) < MIN_LETTERS:
        return None
    best = detector().compute_language_confidence_values(text)[0]
    if best.value >= MIN_CONFIDENCE:
        return CODES[best.language]
    first = _WORD.search(text.casefold().translate(FOLD))
    return next((lang for lang, words in _OPENERS.items() if first and first[0] in words), None)
