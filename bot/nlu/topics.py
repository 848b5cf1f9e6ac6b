"""TopicExtractor: finds knowledge-base objects by their names (bot.language.matching), emits
them as `topic` entities whose value is the object's id, and masks their words for the
featurizers that follow, so that the intent (the kind of question) is learnt from the question
words and does not depend on which topics the training examples happen to name.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import (
    ENTITIES,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import knowledge
from bot.language.matching import Match, TopicMatcher
from bot.nlu import fingerprint
from bot.nlu.graph import (
    MASK_FORMAT,
    NAME_SPANS,
    TOPIC_ENTITY,
    store,
    stored,
)
from bot.paths import KNOWLEDGE_DIR, ROOT


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
        code = fingerprint.code_fingerprint(ROOT)
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
        return store(self._model_storage, self._resource, self.FILE_NAME, view)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TopicExtractor:
        view = stored(model_storage, resource, cls.FILE_NAME)
        # Models trained before regions were kept have none (make rollback may load one).
        return cls(
            config,
            model_storage,
            resource,
            view["names"],
            view["groups"],
            view.get("places", {}),
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
