"""One reading of a visitor's message, made once (like spaCy's Doc or Rasa's Message): the
sentences that ask, the knowledge base's names in it, the details, organisations, programmes
and people it names, and its shape (yes/no, who, why, the whole of a topic, a pronoun, a
correction). Asking, selection and composition (bot.answering.asking, selection, compose) use
the reading; no step after it takes the message's raw text. (The NLU, bot.nlu, reads the
message before this, for the intent and the language.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import FrozenSet, Optional, Sequence, Set, Tuple

from bot.answering import semantics
from bot.answering.passages import Wording
from bot.language import organisations, questions
from bot.language.matching import TopicMatcher


@dataclass(frozen=True)
class Reading:
    """What a message says and asks, by its words alone: no topic, intent or context yet."""

    text: str  # as the visitor wrote it
    lang: str
    asked: str  # the sentences that ask (bot.answering.passages.Wording.asking_part)
    # The asking sentences without the knowledge base's names: "Euro" in "Barents Euro-Arctic
    # Council" asks for no amount of money.
    unnamed: str
    named: FrozenSet[str]  # objects the asking sentences name
    # Regions the asking sentences name outside the names of objects ("Kuuluuko Lappi …?", not
    # "Kainuun Venäjä-strategia").
    regions: FrozenSet[str]
    named_in_full: FrozenSet[str]  # objects the message names with two words or more
    # Objects named after a word that points back ("onko se verkosto virallinen?").
    pointed: FrozenSet[str]
    details: Tuple[questions.Detail, ...]  # details asked for (bot.language.questions)
    # organisations asked about (bot.language.organisations)
    organisations: FrozenSet[Tuple[str, bool]]
    other_programmes: Tuple[str, ...]  # programmes named that are not the knowledge base's
    unknown_person: Optional[str]  # a person asked about whom the knowledge base does not name
    # The knowledge base's people the asking sentences do not name: one of these names answers
    # "who" ("Kuka johtaa tiimiä?"), a name the visitor wrote does not.
    others: FrozenSet[str]
    near: Sequence[float]  # each passage's nearness in meaning to what is asked
    yes_no: bool  # "Onko …?", "Kuuluuko …?": the intents are learnt from wh-questions
    # The words that ask for a cause ("Miksi se muuttui?", "mistä syystä"), not only for aims;
    # empty when it asks for none.
    why: FrozenSet[str]
    who: bool  # asks for a person ("Kuka vastaa …?"), not who belongs
    contact: bool  # asks whom to contact, or who is responsible
    whole: bool  # "koko yhteistyön": the whole that the part in context belongs to
    of_pronoun: bool  # a yes/no question about a pronoun ("Onko se osa …?")
    corrects: bool  # "sori, tarkoitin EU-asioita": another topic, the same question
    country: Optional[str]  # whose member regions it asks for (bot.knowledge.COUNTRIES)
    # The kinds of answer its own words ask for ("Missä …?": where): the intent's kind may be a
    # guess, and a topic's lack of that kind is told only when the visitor asked for it.
    kinds: FrozenSet[str]


class Reader:
    """Reads messages in one language against one knowledge base's names and passages."""

    def __init__(
        self,
        lang: str,
        wording: Wording,
        matcher: TopicMatcher,
        regions: TopicMatcher,
        meanings: semantics.Meanings,
        name_words: Set[str],
        people: Sequence[str],
    ) -> None:
        self.lang = lang
        self._wording = wording
        self._matcher = matcher
        self._regions = regions
        self._meanings = meanings
        self._name_words = name_words  # every word of the knowledge base's names, folded
        self._people = people

    def read(self, text: str) -> Reading:
        lang = self.lang
        asked = self._wording.asking_part(text)
        in_asked = self._matcher.find(asked)
        unnamed = self._matcher.blank(asked, in_asked)
        found = self._matcher.find(text)
        return Reading(
            text=text,
            lang=lang,
            asked=asked,
            unnamed=unnamed,
            named=frozenset(m.id for m in in_asked),
            regions=frozenset(m.id for m in self._regions.find(unnamed)),
            named_in_full=frozenset(m.id for m in found if m.words >= 2),
            pointed=frozenset(m.id for m in found if questions.points_back(text, m.start, lang)),
            details=tuple(questions.asked_details(unnamed, lang, asked)),
            organisations=frozenset(organisations.organisations(asked, lang)),
            other_programmes=tuple(organisations.other_programmes(asked, self._name_words, lang)),
            unknown_person=organisations.unknown_person(asked, self._name_words, lang),
            others=frozenset(name for name in self._people if name not in asked),
            near=self._meanings.similarities(asked),
            yes_no=questions.yes_no(asked, lang),
            why=questions.why_words(asked, lang),
            who=questions.asks_who(asked, lang),
            contact=questions.asks_contact(asked, lang),
            whole=questions.asks_whole(text, lang),
            of_pronoun=questions.asks_of_pronoun(asked, lang),
            corrects=questions.corrects(text, lang),
            country=questions.asked_country(asked, lang),
            kinds=questions.asked_kinds(asked, lang),
        )
