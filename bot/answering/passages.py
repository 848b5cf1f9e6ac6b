"""Passages of the knowledge base and their ranking against a visitor's question.

Every text of every object is split into passages: sentences, where a sentence that leans on the one
before ("Sen tarkoituksena on ...") stays with it; a composed member list is one passage. The ranker
scores passages by how well they share the question's own words: Snowball stems (so inflected forms
meet: "Barentsin", "virallisesta") and their character n-grams (compound parts and typos:
"nuorisotoimintaan" shares "nuoris" with "nuorisoneuvosto"), weighted by TF-IDF (scikit-learn) and
compared by cosine. Stop words (the Snowball lists, package stop-words, and question words visitors
use) are left out, so what is left is what the question asks about; the few words that mean what a
text's word means but share no stem with it ("korkein" and "ylin", "top" and "highest") are read as
that word. Measured on the development questions, Snowball stems answer as well as simplemma's
lemmas, and they keep simplemma's dictionary and spaCy (about 800 MB) out of the action server. Each
language (Finnish, English) has its own stems, stop words and sentence cues (`WORDINGS`); its
passages are its own texts of the same objects. Staff's example questions of a field
(`kysymyksia:`) are ranked with the passages, and a passage scores as its field's best example
when that is higher: by shared words only, since any two questions are near in meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Dict, Iterable, List, Sequence, Set, Tuple

import numpy as np
import snowballstemmer
from sklearn.feature_extraction.text import TfidfVectorizer
from stop_words import get_stop_words

from bot.knowledge import Entry, KnowledgeBase
from bot.language import questions
from bot.language.matching import FOLD, Word, tokens

# A sentence ends at . ! or ? followed by a capital letter or a digit.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
# A message's sentences, each with the mark that ends it ("?" for one that asks).
_SENTENCE = re.compile(r"[^.!?]*[.!?]?")
# Words of negation in either language ("ei", "eivät", "not", "isn't").
_NEGATION = re.compile(r"\b(ei|eivät|eikä|en|et|emme|ette|not|no|never)\b|n't\b")
# Kainuu and the council are in nearly every text and question: they tell nothing apart.
_STOP_PREFIXES = ("kainu", "liito", "liitt", "council")
# Snowball cuts some short words to two letters ("ylin" -> "yl", "elin" -> "el"), too little to
# match on: such a word is featured as written ("ylin toimielin" and "ylin päättävä elin").
MIN_STEM = 3
# The field whose example questions a passage's field shares: a list answers "members" too.
EXAMPLE_FIELDS = {"member_list": "members"}
# Share of a sentence's stems that make it said already by a text (Wording.says).
SAID_SHARE = 0.8
# Questions whose similarities are kept: those of the messages being answered.
KEPT_QUESTIONS = 64
# "asia" in every inflection: "EU-asioista" asks about the EU, not about "asiat".
_ASIA = {
    "asia",
    "asiat",
    "asiaa",
    "asian",
    "asiasta",
    "asiassa",
    "asiaan",
    "asioita",
    "asioista",
    "asioissa",
    "asioiden",
    "asioihin",
    "asioille",
}


@dataclass(frozen=True)
class Passage:
    """One sentence (or a short group) of one object's text field."""

    entry: str
    field: str
    text: str


class Wording:
    """How one language's texts are read: stems, stop words, sentences that lean on the one
    before, and the words that start a second question in a sentence."""

    def __init__(
        self,
        snowball: str,
        stop: Iterable[str],
        leaning: Iterable[str],
        clause: str,
        same: Sequence[Tuple[str, str]],
    ) -> None:
        self._stemmer = snowballstemmer.stemmer(snowball)
        self._same = [(re.compile(pattern), word) for pattern, word in same]
        self._stop = {w.casefold().translate(FOLD) for w in stop}
        self._stop_stems = {self._stemmer.stemWord(w) for w in self._stop}
        self._leaning = set(leaning)
        self._clause = re.compile(clause, re.IGNORECASE)
        self._fold_and_stem = lru_cache(maxsize=50_000)(self._fold_and_stem_uncached)

    def _fold_and_stem_uncached(self, token: str) -> Tuple[str, str]:
        lower = token.casefold()
        for pattern, same in self._same:
            lower = pattern.sub(same, lower)
        return lower.translate(FOLD), self._stemmer.stemWord(lower).translate(FOLD)

    def split(self, text: str) -> List[str]:
        """Sentences of a text, with a sentence that leans on the previous one kept with it."""
        groups: List[str] = []
        for sentence in SENTENCE_END.split(text.strip()):
            first = sentence.split(maxsplit=1)[0].strip(",").casefold() if sentence else ""
            if groups and first in self._leaning:
                groups[-1] = f"{groups[-1]} {sentence}"
            elif sentence:
                groups.append(sentence)
        return groups

    def terms(self, text: str) -> List[Word]:
        """The text's words, lower-cased and accent-folded, with Snowball stems ("Barentsin"
        -> "barents", "virallisesta" -> "virallis") in place of lemmas, and offsets."""
        return tokens(text, self._fold_and_stem)

    def is_content(self, word: Word) -> bool:
        """Whether a word says what is asked (not a stop word, not Kainuu or the council)."""
        return (
            len(word.form) > 1
            and word.form not in self._stop
            and word.lemma not in self._stop_stems
            and not word.form.startswith(_STOP_PREFIXES)
        )

    def negates(self, text: str) -> bool:
        """Whether a sentence has a word of negation (a stop word, so stems alone miss it)."""
        return bool(_NEGATION.search(text.casefold()))

    def content_words(self, text: str) -> List[Word]:
        """The words of a question that say what it asks."""
        return list(filter(self.is_content, self.terms(text)))

    def stems(self, text: str) -> Set[str]:
        return {w.lemma for w in self.content_words(text)}

    def says(self, said: Set[str], sentence: str) -> bool:
        """Whether a text (the stems of its words) already says a sentence: nearly all the
        sentence's stems are there ("Its main aim is …" and "The main aim of X is …")."""
        if self.negates(sentence):
            return False  # "Lappi ei ole mukana" is not "Lappi on mukana"
        stems = self.stems(sentence)
        return len(stems & said) >= len(stems) * SAID_SHARE

    def asking_part(self, text: str) -> str:
        """The sentences of a message that ask ("Olen yrittäjä. Mitä EU-toimisto tekee?" -> the
        second), with the one before when they say little ("Onko sellaisia?"); the whole
        message when it has no question mark."""
        sentences = [m.group().strip() for m in _SENTENCE.finditer(text) if m.group().strip()]
        asking = [i for i, sentence in enumerate(sentences) if sentence.endswith("?")]
        if not asking:
            return text
        said = " ".join(sentences[i] for i in asking)
        first = asking[0] - 1 if len(self.content_words(said)) < 2 else asking[0]
        return " ".join(sentences[i] for i in sorted({max(first, 0), *asking}))

    def clauses(self, text: str) -> List[str]:
        """The questions a sentence asks, split where "ja", "sekä" or "vai" ("and", "or")
        starts a new one."""
        return [part for part in self._clause.split(text) if part.strip()]

    def analyse(self, text: str) -> List[str]:
        """Features of a text: the stem of each content word (the word itself when the stem is
        shorter than MIN_STEM) and the stem's character 3- to 5-grams from its start on. Stems,
        not the forms as written, so that case endings ("virallis|een", "arktis|een") do not
        make unrelated words alike."""
        features: List[str] = []
        for word in self.content_words(text):
            stem = _stem(word)
            features.append(f"={stem}")
            features += _ngrams(stem, (3, 4, 5))
        return features


def _ngrams(stem: str, sizes: Sequence[int]) -> List[str]:
    """A stem's character n-grams, the first marked as the word's start."""
    padded = f" {stem}"
    return [padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)]


WORDINGS = {
    "fi": Wording(
        "finnish",
        # The Snowball Finnish list (package stop-words), and question words, fillers and
        # verbs of asking that it lacks, as visitors write them (folded base forms or forms).
        [
            *get_stop_words("fi"),
            *_ASIA,
            *questions.SPOKEN_YES_NO,
            "juttu",
            "homma",
            "kertoa",
            "kerro",
            "tietaa",
            "haluta",
            "voida",
            "mika",
            "mita",
            "miks",
            "miten",
            "milloin",
            "mitas",
            "mites",
            "oikein",
            "oikeastaan",
            "oikeestaan",
            "teilla",
            "teidan",
            "tehda",
            "toimia",
            "vastata",
            "hoitaa",
            "kuulua",
            "tapahtua",
            "kaytanto",
            "kaytannossa",
            "kaytannon",
            "varten",
            "lyhyesti",
            "tarkemmin",
            "yleensa",
            "ylipaataan",
            "tieto",
            "kysya",
            "kysymys",
            "jotain",
            "jokin",
            "sit",
            "siis",
            "hei",
            "moi",
            "kiitos",
            "niinku",
            "sellainen",
            "sellaisia",
            "sellaista",
            "millainen",
            "millaisia",
            "millaista",
            "tallainen",
            "tallaisia",
            "jonkinlainen",
            "olemassa",
        ],
        # A sentence starting with one of these refers back to the one before.
        {
            "se",
            "sen",
            "sitä",
            "siinä",
            "siihen",
            "sillä",
            "hän",
            "hänen",
            "tämä",
            "tämän",
            "tätä",
            "ne",
            "niiden",
            "lisäksi",
            "viimeisin",
            "yhteistyössä",
        },
        # "Kuka ohjelmaa hallinnoi ja mikä sen tilanne on?" asks two things: "ja", "sekä" or
        # "vai" before a question word or a -ko/-kö verb starts the second.
        r",?\s+(?:ja|sekä|vai)\s+(?=(?:mi|ku|ke|mo|pa)\w*\b|\w+(?:ko|kö)\b)",
        # Words that mean the same as the texts' word and share no stem with it: a pattern of
        # the word as written and what it stands for ("korkeimman" -> "ylimman").
        [(r"^korke(?=i[nm])(?!intaan)", "yl"), (r"^kokoonpano\w*$", "koostuu")],
    ),
    "en": Wording(
        "english",
        [
            *get_stop_words("en"),
            "tell",
            "know",
            "want",
            "like",
            "please",
            "could",
            "would",
            "can",
            "explain",
            "kind",
            "info",
            "information",
            "thing",
            "things",
            "actually",
            "exactly",
            "briefly",
            "hi",
            "hello",
            "thanks",
            "thank",
            "regional",
            "matters",
            "affairs",
            "question",
            "wondering",
            "interested",
            "also",
            "still",
            "really",
            "just",
            "belong",
            "belongs",
            "do",
            "does",
        ],
        {"it", "its", "this", "these", "they", "their", "he", "she", "his", "her", "additionally"},
        r",?\s+(?:and|or)\s+(?=(?:what|who|whom|where|when|why|how|which|is|are|does|do|"
        r"did|can|was|were)\b)",
        [
            (r"^(top|supreme|uppermost)$", "highest"),
            (r"^(compos|compris)(ed|es|e)$", "consists"),
            (r"^reputations?$", "awareness"),
        ],
    ),
}


class PassageRanker:
    """TF-IDF over every passage of the knowledge base, and over staff's example questions
    (`kysymyksia:`): a question like an example is as near to the example's field."""

    def __init__(
        self,
        passages: Sequence[Passage],
        wording: Wording,
        examples: Sequence[Passage],
        unnamed: Callable[[str], str],
    ) -> None:
        self.passages = list(passages)
        self.wording = wording
        self._vectorizer = TfidfVectorizer(analyzer=wording.analyse, sublinear_tf=True)
        # An example's words are matched as a question's are: without the names of the topics.
        matrix = self._vectorizer.fit_transform(
            [p.text for p in self.passages] + [unnamed(e.text) for e in examples]
        )
        self._matrix = matrix[: len(self.passages)]
        self._example_matrix = matrix[len(self.passages) :]
        self._features = {p: set(wording.analyse(p.text)) for p in self.passages}
        # The passages each example lifts: its field's (a list's too, for "members").
        self._targets = [
            [
                i
                for i, p in enumerate(self.passages)
                if p.entry == e.entry
                and (p.field == e.field or EXAMPLE_FIELDS.get(p.field) == e.field)
            ]
            for e in examples
        ]
        self._similarities = lru_cache(maxsize=KEPT_QUESTIONS)(self._similarities_uncached)

    def similarities(self, question: str) -> Sequence[Tuple[Passage, float]]:
        """Every passage with its cosine similarity to the question, in knowledge-base order
        (kept for the last questions: the answer and its contacts rank the same words)."""
        return self._similarities(question)

    def _similarities_uncached(self, question: str) -> Sequence[Tuple[Passage, float]]:
        vector = self._vectorizer.transform([question]).T
        scores = (self._matrix @ vector).toarray().ravel()
        # Each passage scores as its field's best example when that is higher.
        for targets, score in zip(self._targets, (self._example_matrix @ vector).toarray().ravel()):
            scores[targets] = np.maximum(scores[targets], score)
        return tuple(zip(self.passages, scores.tolist()))

    def knows(self, word: Word) -> bool:
        """Whether some passage or example question has the word's stem."""
        return f"={_stem(word)}" in self._vectorizer.vocabulary_

    def shared_words(self, words_: Sequence[Word], passage: Passage) -> int:
        """How many of the words a passage shares, by stem or a five-letter piece of it."""
        return _shared(words_, self._features[passage])

    def shared_in(self, words_: Sequence[Word], text: str) -> int:
        """shared_words() for any text (a composed line)."""
        return _shared(words_, set(self.wording.analyse(text)))


def _shared(words_: Sequence[Word], features: Set[str]) -> int:
    return sum(1 for word in words_ if _keys(word) & features)


def _keys(word: Word) -> frozenset:
    return _stem_keys(_stem(word))


@lru_cache(maxsize=50_000)
def _stem_keys(stem: str) -> frozenset:
    """Kept by stem, not by word: the same word recurs at other places in other questions."""
    return frozenset((f"={stem}", *_ngrams(stem, (5,))))


def _stem(word: Word) -> str:
    """The stem a word is featured by: the word itself when the stem is too short to tell."""
    return word.lemma if len(word.lemma) >= MIN_STEM else word.form


def passages_of(entry: Entry, member_list: str, wording: Wording) -> Iterable[Passage]:
    """The passages of one object: its text fields, its members' intro ("members") and its
    composed list of members ("member_list")."""
    texts: List[Tuple[str, str]] = list(entry.texts.items())
    texts += [
        ("members", entry.members.intro if entry.members else ""),
        ("member_list", member_list),
    ]
    for field, text in texts:
        for part in wording.split(text):
            yield Passage(entry.id, field, part)


def build(
    kb: KnowledgeBase,
    member_lists: Dict[str, str],
    wording: Wording,
    unnamed: Callable[[str], str],
) -> PassageRanker:
    """A ranker over every askable object's passages and example questions; `member_lists`
    holds each object's composed list of members (bot.answering.compose composes it), `unnamed`
    blanks the knowledge base's names out of a text."""
    return PassageRanker(
        [p for e in kb.topics() for p in passages_of(e, member_lists.get(e.id, ""), wording)],
        wording,
        [
            Passage(e.id, f, text)
            for e in kb.topics()
            for f, asked in e.questions.items()
            for text in asked
        ],
        unnamed,
    )
