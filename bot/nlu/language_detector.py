"""LanguageDetector: the message's language ("fi", "en", or none when it does not tell), as
the parse result's `language`, read by the custom actions.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import detection
from bot.nlu.graph import (
    LANGUAGE,
    NAME_SPANS,
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class LanguageDetector(GraphComponent):
    """Sets the message's `language` (bot.language.detection) from its words besides the names that
    the TopicExtractor found. Not an entity: conversation tests would then expect one in every
    message."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        detection.detector()
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # what is learnt does not depend on the language

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            message.set(
                LANGUAGE,
                detection.detect(message.get(TEXT) or "", message.get(NAME_SPANS) or []),
                add_to_output=True,
            )
        return messages
