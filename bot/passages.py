"""Passages of the knowledge base and their ranking against a visitor's question.

Every text of every object is split into passages: sentences, where a sentence that leans on the
one before ("Sen tarkoituksena on ...") stays with it; a composed member list is one passage.
The ranker scores passages by how well they share the question's own words: Snowball stems (so
inflected forms meet: "Barentsin", "virallisesta") and their character n-grams (compound parts
and typos: "nuorisotoimintaan" shares "nuoris" with "nuorisoneuvosto"), weighted by TF-IDF
(scikit-learn) and compared by cosine. Stop words (the Snowball Finnish list, package
stop-words, and question words visitors use) are left out, so what is left is what the question
asks about. Measured on the development questions, Snowball stems answer as well as
simplemma's lemmas, and they keep simplemma's dictionary and spaCy (about 800 MB) out of the
action server.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Sequence, Tuple

import snowballstemmer
from sklearn.feature_extraction.text import TfidfVectorizer
from stop_words import get_stop_words

from bot.knowledge import Entry, KnowledgeBase
from bot.matching import FOLD, Word, tokens

# A sentence ends at . ! or ? followed by a capital letter or a digit.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
_STEMMER = snowballstemmer.stemmer("finnish")
# A sentence starting with one of these refers back to the one before: they stay together.
_LEANING = {"se", "sen", "sitä", "siinä", "siihen", "sillä", "hän", "hänen", "tämä", "tämän",
            "tätä", "ne", "niiden", "lisäksi", "viimeisin", "yhteistyössä"}
_STOP = {w.translate(FOLD) for w in get_stop_words("fi")} | {
    # Question words, fillers and verbs of asking that the stop list lacks, as visitors write
    # them (folded base forms or forms; their stems are stopped too).
    "kertoa", "kerro", "tietaa", "haluta", "voida", "mika", "mita", "miks", "mitas", "mites",
    "oikein", "oikeastaan", "oikeestaan", "teilla", "teidan", "tehda", "toimia", "vastata",
    "hoitaa", "kuulua", "tapahtua", "kaytanto", "kaytannossa", "kaytannon", "varten",
    "lyhyesti", "tarkemmin", "yleensa", "ylipaataan", "tieto", "kysya", "kysymys", "jotain",
    "jokin", "sit", "siis", "hei", "moi", "kiitos", "niinku",
    # "asia" in every inflection: "EU-asioista" asks about the EU, not about "asiat".
    "asia", "asiat", "asiaa", "asian", "asiasta", "asiassa", "asiaan", "asioita", "asioista",
    "asioissa", "asioiden", "asioihin", "asioille"}
_STOP_STEMS = {_STEMMER.stemWord(w) for w in _STOP}
# Kainuun liitto and Kainuu are in nearly every text and question: they tell nothing apart.
_STOP_PREFIXES = ("kainu", "liito", "liitt")
# A message's sentences, each with the mark that ends it ("?" for one that asks).
_SENTENCE = re.compile(r"[^.!?]*[.!?]?")
# "Kuka ohjelmaa hallinnoi ja mikä sen tilanne on?" asks two things: "ja", "sekä" or "vai"
# before a question word or a -ko/-kö verb starts the second.
_CLAUSE = re.compile(r",?\s+(?:ja|sekä|vai)\s+(?=(?:mi|ku|ke|mo|pa)\w*\b|\w+(?:ko|kö)\b)",
                     re.IGNORECASE)


@dataclass(frozen=True)
class Passage:
    """One sentence (or a short group) of one object's text field."""

    entry: str
    field: str
    text: str


def split(text: str) -> List[str]:
    """Sentences of a text, with a sentence that leans on the previous one kept with it."""
    groups: List[str] = []
    for sentence in _SENTENCE_END.split(text.strip()):
        first = sentence.split(maxsplit=1)[0].strip(",").casefold() if sentence else ""
        if groups and first in _LEANING:
            groups[-1] = f"{groups[-1]} {sentence}"
        elif sentence:
            groups.append(sentence)
    return groups


@lru_cache(maxsize=50_000)
def _fold_and_stem(token: str) -> Tuple[str, str]:
    lower = token.casefold()
    return lower.translate(FOLD), _STEMMER.stemWord(lower).translate(FOLD)


def terms(text: str) -> List[Word]:
    """The text's words, lower-cased and accent-folded, with Snowball stems ("Barentsin" ->
    "barents", "virallisesta" -> "virallis") in place of lemmas, and offsets."""
    return tokens(text, _fold_and_stem)


def is_content(word: Word) -> bool:
    """Whether a word says what is asked (not a stop word, not Kainuu or the council)."""
    return (len(word.form) > 1 and word.form not in _STOP and word.lemma not in _STOP_STEMS
            and not word.form.startswith(_STOP_PREFIXES))


def asking_part(text: str) -> str:
    """The sentences of a message that ask ("Olen yrittäjä. Mitä EU-toimisto tekee?" -> the
    second), with the one before when they say little ("Onko sellaisia?"); the whole message
    when it has no question mark."""
    sentences = [m.group().strip() for m in _SENTENCE.finditer(text) if m.group().strip()]
    asking = [i for i, sentence in enumerate(sentences) if sentence.endswith("?")]
    if not asking:
        return text
    first = asking[0] - 1 if len(content_words(" ".join(sentences[i] for i in asking))) < 2 \
        else asking[0]
    return " ".join(sentences[i] for i in sorted({max(first, 0), *asking}))


def clauses(text: str) -> List[str]:
    """The questions a sentence asks, split where "ja", "sekä" or "vai" starts a new one."""
    return [part for part in _CLAUSE.split(text) if part.strip()]


def analyse(text: str) -> List[str]:
    """Features of a text: the stem of each content word and the stem's character 3- to
    5-grams from its start on. Stems, not the forms as written, so that case endings
    ("virallis|een", "arktis|een") do not make unrelated words alike."""
    features: List[str] = []
    for word in filter(is_content, terms(text)):
        features.append(f"={word.lemma}")
        features += _ngrams(word.lemma, (3, 4, 5))
    return features


def _ngrams(stem: str, sizes: Sequence[int]) -> List[str]:
    """A stem's character n-grams, the first marked as the word's start."""
    padded = f" {stem}"
    return [padded[i:i + n] for n in sizes for i in range(len(padded) - n + 1)]


def content_words(text: str) -> List[Word]:
    """The words of a question that say what it asks."""
    return list(filter(is_content, terms(text)))


class PassageRanker:
    """TF-IDF over every passage of the knowledge base."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self.passages = list(passages)
        self._vectorizer = TfidfVectorizer(analyzer=analyse, sublinear_tf=True)
        self._matrix = self._vectorizer.fit_transform(p.text for p in self.passages)
        self._features = {p: set(analyse(p.text)) for p in self.passages}

    def similarities(self, question: str) -> List[Tuple[Passage, float]]:
        """Every passage with its cosine similarity to the question, in knowledge-base order."""
        vector = self._vectorizer.transform([question])
        scores = (self._matrix @ vector.T).toarray().ravel()
        return list(zip(self.passages, scores.tolist()))

    def shared_words(self, words_: Sequence[Word], passage: Passage) -> int:
        """How many of the words a passage shares, by stem or a five-letter piece of it."""
        features = self._features[passage]
        return sum(1 for word in words_ if _keys(word) & features)


def _keys(word: Word) -> set:
    return {f"={word.lemma}", *_ngrams(word.lemma, (5,))}


def passages_of(entry: Entry, member_list: str) -> Iterable[Passage]:
    """The passages of one object: its text fields, its members' intro ("members") and its
    composed list of members ("member_list")."""
    texts: List[Tuple[str, str]] = list(entry.texts.items())
    texts += [("members", entry.members.intro if entry.members else ""),
              ("member_list", member_list)]
    for field, text in texts:
        for part in split(text):
            yield Passage(entry.id, field, part)


def build(kb: KnowledgeBase, member_lists: Dict[str, str]) -> PassageRanker:
    """A ranker over every askable object's passages; `member_lists` holds each object's
    composed list of members (bot.answers composes it)."""
    return PassageRanker([p for e in kb.topics()
                          for p in passages_of(e, member_lists.get(e.id, ""))])
