"""Finds knowledge-base objects in a visitor's Finnish message.

Lemmatisers mangle foreign proper nouns ("Karelia" -> "Kare"), so names are matched on surface
forms: a word matches a name's word when it is the same, an inflected form of it (prefix, shared
stem or same lemma: "Barentsin", "EU-toimistoon", "asioita" ~ "asiat") or a typo of it (one edit,
two for long words; short words like "tiimi" ~ "toimi" are too risky to fuzz). Accents are folded
so that "venaja" finds "Venäjä".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

import simplemma
from rapidfuzz.distance import OSA

_WORD = re.compile(r"\w+")
FOLD = str.maketrans("äöåéü", "aoaeu")
# Longest inflectional ending accepted after a name word ("-ssäkin" and the like).
_MAX_SUFFIX = 8
# Finnish words whose end changes when inflected ("niemi", "niemessä"; "rikas", "rikkaan";
# "-nen", "-sen"): only they may match by a shared start that stops short of the whole word,
# so that "verkossa" ("online") is no form of "verkosto".
_CHANGING_ENDS = ("i", "e", "s", "nen")
# The shortest second part of a compound that is checked (shorter ones such as "alue" stay
# with simplemma's lemma, which then still finds "yhteistyö" in "yhteistyöalue").
_COMPOUND_PART = 5
# Words read per message: names sit near the start and huge inputs must stay cheap.
_MAX_WORDS = 300


@dataclass(frozen=True)
class Match:
    """One name found in the text, resolved to a knowledge-base id."""

    id: str
    start: int
    end: int
    score: float
    words: int


class Word(NamedTuple):
    """A word as compared: accent-folded form, folded lemma, character offsets."""

    form: str
    lemma: str
    start: int
    end: int


@lru_cache(maxsize=50_000)
def _fold_and_lemma(word: str) -> Tuple[str, str]:
    lower = word.casefold()
    lemma = simplemma.lemmatize(lower, lang="fi").casefold()
    # simplemma cuts a compound it does not know to its first part ("strategiaryhmä" ->
    # "strategia", so that "strategian" would find the strategy group): when the rest is a
    # word of its own, the compound is its own lemma; an ending ("-llekin") is not a word.
    rest = lower[len(lemma) :] if lower.startswith(lemma) else ""
    if len(rest) >= _COMPOUND_PART and simplemma.is_known(rest, lang="fi"):
        lemma = lower
    return lower.translate(FOLD), lemma.translate(FOLD)


def tokens(text: str, fold_and_base: Callable[[str], Tuple[str, str]]) -> List[Word]:
    """The text's words with offsets; `fold_and_base` gives a word's folded form and base form."""
    return [Word(*fold_and_base(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def words(text: str) -> List[Word]:
    """The text's words, lower-cased and accent-folded, with lemmas and offsets."""
    return tokens(text, _fold_and_lemma)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def word_score(name: Word, text: Word) -> float:
    """How well a text word matches one word of a name: 1 same, 0.9 inflected, 0.8 typo, 0 no."""
    name_word, word = name.form, text.form
    if word == name_word:
        return 1.0
    n = len(name_word)
    if n < 3:
        return 0.0  # "EU", "RC": too short to inflect or fuzz without false hits
    if name.lemma == text.lemma:
        return 0.9
    if word.startswith(name_word) and len(word) - n <= _MAX_SUFFIX:
        # The longer the ending, the likelier it is a longer compound: "strategiaryhmän"
        # matches "strategiaryhmä" better than "strategia".
        return 0.9 - 0.01 * (len(word) - n)
    if (
        n >= 5
        and name_word.endswith(_CHANGING_ENDS)
        and len(word) >= n - 1
        and _common_prefix(name_word, word) >= max(4, n - 2)
    ):
        return 0.9
    if n >= 6 and word[0] == name_word[0]:
        allowed = 1 if n < 10 else 2
        if min(OSA.distance(name_word, word[:k]) for k in (n - 1, n, n + 1)) <= allowed:
            return 0.8
    return 0.0


class TopicMatcher:
    """Matches every name of every object; the longest names win where matches overlap.

    `tokenize` gives the words as compared: `words` (simplemma lemmas) in the NLU, a lighter
    stemmer where simplemma's dictionary would cost too much memory
    (bot.answering.passages.terms)."""

    def __init__(
        self, names_by_id: Dict[str, Sequence[str]], tokenize: Callable[[str], List[Word]] = words
    ) -> None:
        self._tokenize = tokenize
        # Every way word_score matches needs the same first letter of the forms or of the
        # lemmas: names are looked up by those, not all tried at every word.
        self._by_initial: Dict[str, List[Tuple[str, List[Word]]]] = {}
        for entry_id, names in names_by_id.items():
            for name in names:
                name_words = tokenize(name)
                if name_words:
                    named = (entry_id, name_words)
                    for initial in {name_words[0].form[:1], name_words[0].lemma[:1]}:
                        self._by_initial.setdefault(initial, []).append(named)

    def _candidates(self, text_words: List[Word]) -> Iterable[Match]:
        for i, first in enumerate(text_words):
            named = self._by_initial.get(first.form[:1], []) + (
                self._by_initial.get(first.lemma[:1], [])
                if first.lemma[:1] != first.form[:1]
                else []
            )
            for entry_id, name_words in {id(n): n for n in named}.values():
                size = len(name_words)
                if i + size > len(text_words):
                    continue
                scores = []
                for name_word, word in zip(name_words, text_words[i : i + size]):
                    score = word_score(name_word, word)
                    if not score:
                        break
                    scores.append(score)
                else:
                    yield Match(
                        entry_id,
                        first.start,
                        text_words[i + size - 1].end,
                        sum(scores) / size,
                        size,
                    )

    def blank(self, text: str, found: Optional[Sequence[Match]] = None) -> str:
        """The text with the names found blanked out (`found`: its matches, when known),
        offsets kept."""
        chars = list(text)
        for match in self.find(text) if found is None else found:
            chars[match.start : match.end] = " " * (match.end - match.start)
        return "".join(chars)

    def find(self, text: str) -> List[Match]:
        """Non-overlapping matches in text order, one per object."""
        text_words = self._tokenize(text)[:_MAX_WORDS]
        ranked = sorted(
            self._candidates(text_words),
            key=lambda m: (-m.words, -m.score, -(m.end - m.start), m.start),
        )
        chosen: List[Match] = []
        for match in ranked:
            overlaps = any(match.start < c.end and c.start < match.end for c in chosen)
            if not overlaps and all(c.id != match.id for c in chosen):
                chosen.append(match)
        return sorted(chosen, key=lambda m: m.start)
