"""The ask step: what a message asks of its topics, as a Question for ranking and choosing
(bot.answering.selection): the asking sentences' words without the topics' names, each thing
asked apart, and a typo read as the passages spell it.

A question's word that no passage has, a letter away from a passage's word ("nuorisoneuvsto")
or its stem a letter away from one's stem ("framworks", "framework"), is read as that word; a
letter changed for another is not, in words shorter than 12 letters (rapidfuzz's Levenshtein
distance, a change weighing two): "edustaa" is a word of its own, not "edistää". With no
dictionary, a real word the passages never use may be read as one of theirs ("johtaja" as
"johtaa").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.answering.passages import PassageRanker, Wording
from bot.answering.reading import Reading
from bot.knowledge import Entry, KnowledgeBase
from bot.language.matching import Word, word_score

# The shortest word read as a typo of a passage's word: shorter ones are too alike ("tiimi" and
# "toimi").
TYPO_LENGTH = 6


@dataclass
class Question:
    """A visitor's question as the selection sees it: the message's reading with the kind and
    the topics it is asked of."""

    reading: Reading
    kind: Optional[str]  # from the intent; None when the NLU was unsure
    topics: List[Entry]  # named in the message, else the one in context
    in_context: bool = False
    words: List[Word] = field(default_factory=list)  # what is asked, without the topics' names
    # The words of each thing asked; of several, one may be empty (it only names the topic).
    clauses: List[List[Word]] = field(default_factory=list)


class Asker:
    """Reads what a message asks of its topics against the knowledge base's words."""

    def __init__(
        self,
        kb: KnowledgeBase,
        wording: Wording,
        ranker: PassageRanker,
        entry_words: Dict[str, List[Word]],
    ) -> None:
        self.kb = kb
        self.wording = wording
        self.ranker = ranker
        self.entry_words = entry_words  # the words of each object's names
        # The passages' words, and their stems with a form of each, by their first letter, for
        # typos (_spelled).
        self._spellings: Dict[str, List[str]] = {}
        self._stem_spellings: Dict[str, Dict[str, str]] = {}
        for form, stem in sorted(
            {(w.form, w.lemma) for p in ranker.passages for w in wording.terms(p.text)}
        ):
            if len(form) >= TYPO_LENGTH - 1:
                self._spellings.setdefault(form[0], []).append(form)
            if len(stem) >= TYPO_LENGTH - 1:
                self._stem_spellings.setdefault(stem[0], {}).setdefault(stem, form)

    def question(
        self, reading: Reading, kind: Optional[str], topics: Sequence[Entry], in_context: bool
    ) -> Question:
        """What a message asks of its topics: the asking sentences' words without the topics'
        names, each thing asked apart. Of several topics, the ones the asking sentences name
        are the question's; the background's are not."""
        if len(topics) > 1:
            topics = self._asked_topics(reading, topics)
        names = [w for t in topics for w in self.entry_words[t.id]]

        def asking(part: str) -> List[Word]:
            return [
                self._spelled(w)
                for w in self.wording.content_words(part)
                if not any(word_score(n, w) for n in names) and w.form not in reading.why
            ]

        parts = list(map(asking, self.wording.clauses(reading.asked)))
        if len(parts) < 2 or kind:  # the kind's composed answer covers a clause of names
            parts = [clause for clause in parts if clause]
        return Question(reading, kind, list(topics), in_context, asking(reading.asked), parts)

    def _asked_topics(self, reading: Reading, topics: Sequence[Entry]) -> List[Entry]:
        """Of several topics, the ones the asking sentences name; one named in full in the
        background stands for a broader one they name ("Kuulin kansainvälisten toimijoiden
        verkostosta. Miten verkosto toimii?" asks about that network)."""
        background = reading.named_in_full - reading.named
        narrower = [t for t in topics if t.id in background]
        return [
            next((n for n in narrower if self.kb.within(n, t)), t)
            for t in topics
            if t.id in reading.named
        ] or list(topics)

    def _spelled(self, word: Word) -> Word:
        """A word no passage has, as the passages spell it when it is a letter left out or
        added away from one of their words ("cooperatin"; a changed letter counts as two), or
        from one's stem when its ending differs too ("framworks", "framework"): the first
        letter kept, a second slip allowed in long words."""
        if len(word.form) < TYPO_LENGTH or self.ranker.knows(word):
            return word
        allowed = 1 if len(word.form) < 2 * TYPO_LENGTH else 2
        found = self._nearest(word.form, self._spellings.get(word.form[0], ()), allowed)
        stems = self._stem_spellings.get(word.lemma[0], {})
        if not found and len(word.lemma) >= TYPO_LENGTH:
            found = stems.get(self._nearest(word.lemma, list(stems), allowed) or "")
        if not found:
            return word
        form, lemma, _, _ = self.wording.terms(found)[0]
        return Word(form, lemma, word.start, word.end)

    @staticmethod
    def _nearest(text: str, choices: Sequence[str], allowed: int) -> Optional[str]:
        found = process.extractOne(
            text,
            choices,
            scorer=Levenshtein.distance,
            scorer_kwargs={"weights": (1, 1, 2)},
            score_cutoff=allowed,
        )
        return found[0] if found else None
