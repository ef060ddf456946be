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


def test_words_keep_their_marks_and_their_composed_form() -> None:
    import unicodedata

    # Hindi vowel signs are combining marks: the words are whole, not scraps
    assert len(topic_words("सरकार योजना घोषणा", "hi")) == 3
    decomposed = unicodedata.normalize("NFD", "elección")
    assert np.array_equal(topic_words(decomposed, "es"), topic_words("elección", "es"))
    assert np.array_equal(topic_words("İstanbul", "tr"), topic_words("istanbul", "tr"))
    assert len(topic_words("정부 경제 계획", "ko")) == 3  # two syllables make a word


def test_katakana_words_split_at_the_middle_dot() -> None:
    assert len(topic_words("ドミニク・ラーブ", "ja")) == 2
    assert len(topic_words("・・・ーー", "ja")) == 0


def test_stems_are_the_snowball_project_s_own() -> None:
    """Not PyStemmer's, which the package prefers where installed: the report must not
    depend on what else is installed."""
    from newstrace.text.topics import _stemmer

    assert type(_stemmer("german")).__module__ == "snowballstemmer.german_stemmer"
    assert type(_stemmer("dutch_porter")).__name__ == "DutchPorterStemmer"
