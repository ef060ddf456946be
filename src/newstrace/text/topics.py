"""A document's topic words in any language: what it is about, as a set that another text
of the same language can be compared with.

The shipped sentence encoder is English. Two German texts get a cosine that says little, so
``match.foreign.topic_overlap`` compares two texts of one such language by the words they
share. Shared *surface* words undercount what two reports share in an inflected language:
"Regierung" and "Regierungen", "elecciones" and "elección", Turkish and Arabic suffixes. So
each word is cut to its stem by the Snowball stemmer of its language (``snowballstemmer``,
the stemmers search engines use). Languages written without spaces between words (Chinese,
Japanese) have no words to stem; the pairs of adjacent Chinese characters stand in for
words (most Chinese words are two characters long), with Japanese words in katakana.

Measured on SemEval 2022 Task 8 (multilingual news similarity), tuning half, pairs of one
language the encoder does not cover: the story similarity's Pearson over all 630 pairs
0.563 with surface content words -> 0.637 with stems and character pairs (the gate half in
docs/how-it-works.md).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import numpy as np
import snowballstemmer
import xxhash

__all__ = ["ENCODED", "STEMMED", "UNSPACED", "topic_words"]

#: The languages the shipped encoder covers ("unknown" is read as English): texts in any
#: other are compared by their topic words instead of their vectors.
ENCODED: frozenset[str | None] = frozenset({None, "en"})

#: Languages written without spaces between words. Chinese and Japanese are read by their
#: characters; the others (Thai, Lao, Khmer, Burmese) have no reading here.
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my"})
_CHARACTERS = frozenset({"zh", "ja"})

#: ISO 639-1 code -> the Snowball stemmer of that language.
STEMMED: dict[str, str] = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "et": "estonian", "eu": "basque",
    "fa": "persian", "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi",
    "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish",
    "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}

_WORD = re.compile(r"\w+")
#: Words this short are mostly function words in every spaced language.
_MIN_LETTERS = 4
#: Runs of Chinese characters (kanji), read as pairs of adjacent characters, and runs of
#: katakana, read whole: Japanese writes foreign words and names in katakana, and its
#: grammar in hiragana, which is left out ("して", "ている" are in every text). Pairs of
#: katakana ("ーズ", "ッド") are in every sports page: on WMT21's tuning half, unrelated
#: Japanese articles shared a median 0.079 of their pairs of kanji, katakana and other
#: letters, and 0.029 of these.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]{2,}")


def topic_words(text: str, language: str | None) -> np.ndarray | None:
    """The distinct topic words of ``text`` as sorted uint64 hashes (xxh3), for a language
    the encoder does not cover (None for one it covers, and for an unspaced script with no
    reading here): the stems of its words of four letters or more (no figures; a language
    with no stemmer keeps its words whole), or, in Chinese and Japanese, its pairs of
    characters and its words in katakana."""
    if language in ENCODED or (language in UNSPACED and language not in _CHARACTERS):
        return None
    if language in _CHARACTERS:
        items = {run[i:i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1)}
        items.update(_KATAKANA.findall(text))
    else:
        words = {w for w in _WORD.findall(text.lower())
                 if len(w) >= _MIN_LETTERS and not w.isdigit()}
        name = STEMMED.get(language or "")
        items = set(_stemmer(name).stemWords(sorted(words))) if name else words
    hashes = sorted({xxhash.xxh3_64_intdigest(item.encode()) for item in items})
    return np.array(hashes, dtype=np.uint64)


@cache
def _stemmer(name: str) -> Any:
    """One stemmer per language (building one compiles its tables)."""
    return snowballstemmer.stemmer(name)
