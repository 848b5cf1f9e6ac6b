"""IntentGuard: marks as unsure an intent that the message's own words contradict, and as
nonsense a message with no word of either language ("qwertyuiop asdf").
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Optional, Text

import simplemma
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import organisations, questions
from bot.nlu.graph import (
    LANGUAGE,
    LEMMA_LANGUAGES,
    NAME_SPANS,
    NONSENSE,
    store,
    stored,
)

# Small talk, which a message naming a topic is not ("Kiitos! Entä Barents?"); nor is a
# goodbye or a thank-you that asks something ("onko sille tulossa jatkoa?",
# bot.language.questions.asks), nor a greeting that asks with no word that greets ("millä tasoilla?"
# was taken for "Hei").
SMALL_TALK = {"greet", "goodbye", "thank"}
_GREETING = re.compile(
    r"\b(hei|moi|moikka|moro|morjens|terve\w*|tervehdys|paivaa|huomenta|"
    r"aamua|iltaa|hello|hi|hey|hiya|greetings|good (morning|afternoon|"
    r"evening|day))\b"
)
# What something does is not where it is ("mitä EU-toimisto tekee Euroopassa?").
_DOES = re.compile(r"\bmitas?\b.*\b(teke|tekev|tehda)|\bwhat\b.*\b(do|does|doing)\b")
# Words that ask "since when" and nothing else ("Mistä asti Kainuu on tehnyt
# raja-alueyhteistyötä?" was taken for "who takes part").
_WHEN = re.compile(
    r"\b(milloin|mista (asti|lahtien|vuode)|kuinka kauan|mina vuonna|"
    r"since when|how long)"
)


_WORD = re.compile(r"[^\W\d_]+")


# The shortest last part of a compound that tells it is a word ("eutoimisto": "toimisto").
COMPOUND_TAIL = 5


def _known(word: str) -> bool:
    """Whether simplemma's Finnish or English dictionary has a word, its lemma or, for a
    compound, its last part. (A lemma alone tells nothing: simplemma's rules strip endings from
    any string, "asdfghjklöä" too.)"""
    tails = [word[i:] for i in range(2, len(word) - COMPOUND_TAIL + 1)]
    return any(
        simplemma.is_known(form, lang=lang)
        for lang in LEMMA_LANGUAGES
        for form in (word, simplemma.lemmatize(word, lang=lang).casefold(), *tails)
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class IntentGuard(GraphComponent):
    """Marks as unsure (nlu_fallback) an intent that the message's own words contradict: small
    talk or "what can you do" that names a topic, small talk that asks something ("Mikä Karelia
    CBC oli?" was taken for a goodbye; "montako ihmistä siellä on töissä?" for "are you
    human?"), "where" for what something does, another kind for "since when", and a request
    for contact details with no word for them ("Mikä on Barentsin ylin toimielin?" was
    answered "no e-mail addresses"). An unsure question is answered from the passages that
    share its words (bot/answering/selection.py). Runs after the FallbackClassifier.

    A message none of whose words is a name, a word of the training examples or a word that
    simplemma knows in Finnish or English ("qwertyuiop", "zxcvbnm") is nonsense: unsure, no
    language, and flagged (NONSENSE) so that the actions say they did not understand instead
    of reading it as a question about the topic in context. Training keeps the examples' words
    ("moikka", "thx") in the model."""

    FILE_NAME = "vocabulary.json"

    def __init__(
        self,
        model_storage: Optional[ModelStorage] = None,
        resource: Optional[Resource] = None,
        vocabulary: Iterable[str] = (),
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._vocabulary = frozenset(vocabulary)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentGuard:
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        self._vocabulary = frozenset(
            word
            for example in training_data.training_examples
            for word in _WORD.findall((example.get(TEXT) or "").casefold())
        )
        return store(self._model_storage, self._resource, self.FILE_NAME, sorted(self._vocabulary))

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> IntentGuard:
        try:
            vocabulary = stored(model_storage, resource, cls.FILE_NAME)
        except ValueError:  # a model trained before the guard learnt words (make rollback)
            vocabulary = []
        return cls(model_storage, resource, vocabulary)

    def _nonsense(self, message: Message) -> bool:
        if message.get(ENTITIES) or message.get(NAME_SPANS):
            return False  # a name is a word of ours
        words = _WORD.findall((message.get(TEXT) or "").casefold())
        return bool(words) and not any(w in self._vocabulary or _known(w) for w in words)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            nonsense = self._nonsense(message)
            if nonsense:
                message.set(NONSENSE, True, add_to_output=True)
                message.set(LANGUAGE, None, add_to_output=True)
            if nonsense or self._contradicted(intent.get(INTENT_NAME_KEY), message):
                unsure = {
                    INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME,
                    PREDICTED_CONFIDENCE_KEY: intent.get(PREDICTED_CONFIDENCE_KEY, 0.0),
                }
                message.set(INTENT, unsure, add_to_output=True)
                message.set(
                    INTENT_RANKING_KEY,
                    [unsure, *message.get(INTENT_RANKING_KEY, [])],
                    add_to_output=True,
                )
        return messages

    @staticmethod
    def _contradicted(intent: Optional[str], message: Message) -> bool:
        text = message.get(TEXT) or ""
        languages = [message.get(LANGUAGE)] if message.get(LANGUAGE) else list(questions.DETAILS)

        def details() -> List[str]:
            return [d.name for lang in languages for d in questions.asked_details(text, lang)]

        if intent == "bot_challenge":
            return bool(details())  # "montako ihmistä siellä on töissä?" is no "are you human?"
        folded = questions.fold(text)
        if intent in SMALL_TALK:
            asks = any(questions.asks(text, lang) for lang in languages) and (
                intent != "greet" or not _GREETING.search(folded)
            )
            return bool(message.get(ENTITIES) or asks)
        if intent == "ask_capabilities":
            # "Can you tell me about the EU office?" asks about the office, not about the bot;
            # so do a question about another organisation ("Mitä palveluja Sotkamon kunta
            # tarjoaa?") and one that points back to what was said ("mitkä niistä …?").
            return bool(
                message.get(ENTITIES)
                or any(organisations.organisations(text, lang) for lang in languages)
                or any(questions.points_to_context(text, lang) for lang in languages)
            )
        if intent not in ("ask_when", None) and intent.startswith("ask_") and _WHEN.search(folded):
            return True
        if intent == "ask_where":
            return bool(_DOES.search(folded))
        if intent == "ask_contact_details":
            return "contact_details" not in details()
        return False
