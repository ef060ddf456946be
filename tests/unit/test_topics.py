"""A document's topic words (``text.topics``): stems in spaced languages, character pairs
in unspaced ones, the languages the shipped encoder covers left to its vectors."""

from __future__ import annotations

import numpy as np

from newstrace.index.embed import load_encoder
from newstrace.index.sentences import text_features
from newstrace.text.topics import topic_words


def test_words_are_cut_to_their_language_s_stems() -> None:
    assert np.array_equal(topic_words("Regierungen", "de"), topic_words("Regierung", "de"))
    assert np.array_equal(topic_words("elecciones", "es"), topic_words("elección", "es"))
    # no stemmer for the language: the words whole
    assert not np.array_equal(topic_words("Regierungen", "xx"), topic_words("Regierung", "xx"))


def test_short_words_and_figures_are_no_topic() -> None:
    assert len(topic_words("Die 2024 und der von", "de")) == 0
    assert len(topic_words("Die Wahl 2024", "de")) == 1


def test_unspaced_languages_read_pairs_of_characters() -> None:
    pairs = topic_words("経済計画", "ja")
    assert len(pairs) == 3  # 経済 済計 計画
    assert np.all(pairs[1:] > pairs[:-1])  # sorted, distinct


def test_only_languages_the_encoder_does_not_cover_carry_them() -> None:
    english, german, unknown = text_features([
        ("a", "en", "The government met.", None), ("b", "de", "Die Regierung tagte.", None),
        ("c", None, "Die Regierung tagte.", None)], load_encoder())
    assert english.topic_words is None and unknown.topic_words is None
    assert german.topic_words is not None and len(german.topic_words) == 2
