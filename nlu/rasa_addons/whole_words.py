"""A word-level `CountVectorsFeaturizer` that keeps each token whole.

Rasa's featurizer hard-codes scikit-learn's `token_pattern` `(?u)\\b\\w+\\b`, and Python's `re` does not count
vowel signs and viramas as `\\w`: गांठ would be counted as "ग" and "ठ", ಗಡ್ಡೆ as "ಗ" and "ಡ". The tokenizer
has already split the text into words, so every non-blank run is the token.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from sklearn.feature_extraction.text import CountVectorizer

WHOLE_TOKEN = r"(?u)\S+"


def _keep_tokens_whole(vectorizers: dict[str, CountVectorizer]) -> dict[str, CountVectorizer]:
    for vectorizer in vectorizers.values():
        if vectorizer.analyzer == "word":
            vectorizer.set_params(token_pattern=WHOLE_TOKEN)
    return vectorizers


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class WholeWordCountVectorsFeaturizer(CountVectorsFeaturizer):  # type: ignore[misc]
    """Counts whole tokens in every script."""

    @classmethod
    def _create_shared_vocab_vectorizers(
        cls, parameters: dict[str, Any], vocabulary: Any | None = None
    ) -> dict[str, CountVectorizer]:
        return _keep_tokens_whole(super()._create_shared_vocab_vectorizers(parameters, vocabulary))

    @classmethod
    def _create_independent_vocab_vectorizers(
        cls, parameters: dict[str, Any], vocabulary: Any | None = None
    ) -> dict[str, CountVectorizer]:
        return _keep_tokens_whole(super()._create_independent_vocab_vectorizers(parameters, vocabulary))
