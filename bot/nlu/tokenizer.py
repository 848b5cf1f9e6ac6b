"""FinnishTokenizer: spaCy's Finnish language class for tokens, simplemma for lemmas, so that
the word-level featurizer sees "EU-asioista" and "EU-asiat" as the same word.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

import simplemma
import spacy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import fingerprint
from bot.nlu.graph import (
    LEMMA_LANGUAGES,
)
from bot.paths import ROOT


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
        return fingerprint.code_fingerprint(ROOT)  # _lemma is outside the class

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
