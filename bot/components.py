"""Custom Rasa NLU components for Finnish (registered in config.yml).

- FinnishTokenizer: spaCy's Finnish language class for tokens, simplemma for lemmas, so that the
  word-level featurizer sees "EU-asioista" and "EU-asiat" as the same word.
- TopicExtractor: finds knowledge-base objects by their names (bot.matching), emits them as
  `topic` entities whose value is the object's id, and masks their words for the featurizers
  that follow, so that the intent (the kind of question) is learnt from the question words and
  does not depend on which topics the training examples happen to name.
- LanguageDetector: the message's language ("fi", "en", or none when it does not tell), as the
  parse result's `language`, read by the custom actions.
- IntentGuard: marks as unsure an intent that the message's own words contradict, and as
  nonsense a message with no word of either language ("qwertyuiop asdf").
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Text

import rasa.shared.utils.io
import simplemma
import spacy
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
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

from bot import knowledge, language, model_inputs, organisations, patches, questions
from bot.matching import Match, TopicMatcher
from bot.paths import KNOWLEDGE_DIR, ROOT

patches.apply()  # every Rasa command that loads the model loads this module; bot/patches.py

TOPIC_ENTITY = "topic"
LANGUAGE = "language"
# A message with no word of Finnish or English: the parse result's flag, read by the actions.
NONSENSE = "nonsense"
# Where the message names something (topics and regions): (start, end) of each, not output.
NAME_SPANS = "name_spans"
# Finnish lemmas first; a word Finnish does not know may be English ("meetings" -> "meeting").
LEMMA_LANGUAGES = ("fi", "en")
# Stands for a name in the features: "Missä EU-toimisto on?" -> "Missä __topic__ on?"; people
# and collections get their own mask ("__person__", "__collection__"), see
# KnowledgeBase.topic_groups.
MASK_FORMAT = "__{}__"


def _store(model_storage: ModelStorage, resource: Resource, name: str, data: Any) -> Resource:
    """Writes what a component learnt into the model, as JSON."""
    with model_storage.write_to(resource) as directory:
        rasa.shared.utils.io.dump_obj_as_json_to_file(directory / name, data)
    return resource


def _stored(model_storage: ModelStorage, resource: Resource, name: str) -> Any:
    """What a component learnt, from the model (ValueError: the model has none)."""
    with model_storage.read_from(resource) as directory:
        return rasa.shared.utils.io.read_json_file(directory / name)


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str:
    # simplemma caches nothing for two languages: 0.5 ms a message uncached.
    return simplemma.lemmatize(word, lang=LEMMA_LANGUAGES)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class FinnishTokenizer(Tokenizer):
    """Tokenises with `spacy.blank("fi")` and lemmatises with simplemma (English too)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["spacy", "simplemma"]

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        return model_inputs.code_fingerprint(ROOT)  # _lemma is outside the class

    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        self._nlp = spacy.blank("fi")

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FinnishTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute)
        tokens = [
            Token(t.text, t.idx, lemma=_lemma(t.lower_))
            for t in self._nlp.make_doc(text)
            if not (t.is_punct or t.is_space)
        ]
        # Emoji- or punctuation-only messages still need one token for the featurizers.
        if not tokens:
            tokens = [Token(text, 0)]
        return self._apply_token_pattern(tokens)


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
        DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    ],
    is_trainable=True,
)
class TopicExtractor(GraphComponent, EntityExtractorMixin):
    """Emits `topic` entities for knowledge-base names and masks them in the tokens.

    It runs as a featurizer (right after the tokenizer in config.yml) so that it sees the
    training data too and the featurizers after it see the masked tokens.

    Training copies the names from the knowledge base into the model, so a trained model answers
    the same way wherever it runs. The names (and the NLU code) are its fingerprint: `rasa train`
    retrains when staff change a name, and not when they edit a text, which the action server
    takes live.
    """

    FILE_NAME = "topic_names.json"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"knowledge_dir": str(KNOWLEDGE_DIR)}

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        kb = knowledge.load(Path(config.get("knowledge_dir", KNOWLEDGE_DIR)))
        names = json.dumps(kb.model_view(), sort_keys=True)
        # And the code: Rasa's cache sees this class's source, not the matcher's nor the masks'.
        code = model_inputs.code_fingerprint(ROOT)
        return hashlib.sha256((names + code).encode()).hexdigest()

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        names: Optional[Dict[str, List[str]]] = None,
        groups: Optional[Dict[str, str]] = None,
        places: Optional[Dict[str, List[str]]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._names = names or {}
        self._groups = groups or {}
        self._places = places or {}  # regions: not topics, but names all the same
        self._matcher = TopicMatcher(self._names)
        self._place_matcher = TopicMatcher(self._places)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TopicExtractor:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        view = knowledge.load(Path(self._config["knowledge_dir"])).model_view()
        self._names, self._groups, self._places = view["names"], view["groups"], view["places"]
        self._matcher, self._place_matcher = TopicMatcher(self._names), TopicMatcher(self._places)
        return _store(self._model_storage, self._resource, self.FILE_NAME, view)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TopicExtractor:
        stored = _stored(model_storage, resource, cls.FILE_NAME)
        # Models trained before regions were kept have none (make rollback may load one).
        return cls(
            config,
            model_storage,
            resource,
            stored["names"],
            stored["groups"],
            stored.get("places", {}),
        )

    def _mask(self, message: Message, matches: List[Match]) -> None:
        """Replaces the tokens of each found name by one mask token for its group."""
        tokens = message.get(TOKENS_NAMES[TEXT])
        if not tokens or not matches:
            return
        masked: List[Token] = []
        previous: Optional[Match] = None
        for token in tokens:
            match = next((m for m in matches if token.start < m.end and m.start < token.end), None)
            if match is None:
                masked.append(token)
            elif match is not previous:
                mask = MASK_FORMAT.format(self._groups.get(match.id, "topic"))
                masked.append(Token(mask, token.start, token.end, lemma=mask))
            previous = match
        message.set(TOKENS_NAMES[TEXT], masked)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            if message.get(TEXT):
                self._mask(message, self._matcher.find(message.get(TEXT)))
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            matches = self._matcher.find(text)
            found = [
                {
                    "entity": TOPIC_ENTITY,
                    "value": m.id,
                    "start": m.start,
                    "end": m.end,
                    "confidence_entity": m.score,
                }
                for m in matches
            ]
            message.set(
                ENTITIES,
                message.get(ENTITIES, []) + self.add_extractor_name(found),
                add_to_output=True,
            )
            message.set(
                NAME_SPANS, [(m.start, m.end) for m in matches + self._place_matcher.find(text)]
            )
            self._mask(message, matches)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class LanguageDetector(GraphComponent):
    """Sets the message's `language` (bot.language) from its words besides the names that the
    TopicExtractor found. Not an entity: conversation tests would then expect one in every
    message."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        language.detector()
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # what is learnt does not depend on the language

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            message.set(
                LANGUAGE,
                language.detect(message.get(TEXT) or "", message.get(NAME_SPANS) or []),
                add_to_output=True,
            )
        return messages


# Small talk, which a message naming a topic is not ("Kiitos! Entä Barents?"); nor is a
# goodbye or a thank-you that asks something ("onko sille tulossa jatkoa?", bot.questions.asks),
# nor a greeting that asks with no word that greets ("millä tasoilla?" was taken for "Hei").
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
    share its words (bot/selection.py). Runs after the FallbackClassifier.

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
        return _store(self._model_storage, self._resource, self.FILE_NAME, sorted(self._vocabulary))

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
            vocabulary = _stored(model_storage, resource, cls.FILE_NAME)
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
