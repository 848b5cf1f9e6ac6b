"""What the NLU components (config.yml) share in Rasa's graph: the keys they set on a message,
how they keep what they learnt in the model, and Rasa's patches (bot/web/patches.py), applied
here because every Rasa command that loads a model loads the components.
"""

from __future__ import annotations

from typing import Any

import rasa.shared.utils.io
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

from bot.web import patches

patches.apply()

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


def store(model_storage: ModelStorage, resource: Resource, name: str, data: Any) -> Resource:
    """Writes what a component learnt into the model, as JSON."""
    with model_storage.write_to(resource) as directory:
        rasa.shared.utils.io.dump_obj_as_json_to_file(directory / name, data)
    return resource


def stored(model_storage: ModelStorage, resource: Resource, name: str) -> Any:
    """What a component learnt, from the model (ValueError: the model has none)."""
    with model_storage.read_from(resource) as directory:
        return rasa.shared.utils.io.read_json_file(directory / name)
