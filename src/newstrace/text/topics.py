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
0.563 with surface content words -> 0.635 with stems and character pairs (the gate half in
docs/how-it-works.md).
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

import numpy as np
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

def _marks() -> str:
    """The combining marks of the Basic Multilingual Plane, as a character class's body:
    Python's ``\\w`` leaves them out, which cut Hindi, Tamil or Nepali words into scraps at
    every vowel sign."""
    marks = [c for c in range(0x300, 0x10000)
             if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me")]
    runs: list[tuple[int, int]] = []
    for c in marks:
        if runs and runs[-1][1] == c - 1:
            runs[-1] = (runs[-1][0], c)
        else:
            runs.append((c, c))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in runs)


_WORD = re.compile(rf"[\w{_marks()}]+")
#: Words this short are mostly function words in every spaced language; a Korean syllable
#: block holds two or three letters, so two make a word there.
_MIN_LETTERS = 4
_SHORTEST = {"ko": 2}
#: Turkish and Azerbaijani dotted and dotless i, which ``str.lower`` gets wrong for them.
_TURKIC_CASE = str.maketrans({"İ": "i", "I": "ı"})
#: Distinct words stemmed, at most (a news vocabulary repeats: each is stemmed once).
_STEMS_KEPT = 1 << 18

#: Runs of Chinese characters (kanji), read as pairs of adjacent characters, and runs of
#: katakana, read whole: Japanese writes foreign words and names in katakana, and its
#: grammar in hiragana, which is left out ("して", "ている" are in every text). Pairs of
#: katakana ("ーズ", "ッド") are in every sports page: on WMT21's tuning half, unrelated
#: Japanese articles shared a median 0.079 of their pairs of kanji, katakana and other
#: letters, and 0.029 of these.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: A katakana word: its letters, with the long-vowel mark, between the middle dots that
#: separate the parts of a name.
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc\u31f0-\u31ff]{2,}")


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
        items.update(k for k in _KATAKANA.findall(text) if k.strip("ー"))
    else:
        folded = unicodedata.normalize("NFKC", text)
        if language in ("tr", "az"):
            folded = folded.translate(_TURKIC_CASE)
        shortest = _SHORTEST.get(language or "", _MIN_LETTERS)
        words = {w for w in _WORD.findall(folded.lower())
                 if len(w) >= shortest and not w.isdigit()}
        name = STEMMED.get(language or "")
        items = {_stem(name, w) for w in words} if name else words
    hashes = sorted({xxhash.xxh3_64_intdigest(item.encode("utf-8", "surrogatepass"))
                     for item in items})
    return np.array(hashes, dtype=np.uint64)


@lru_cache(maxsize=_STEMS_KEPT)
def _stem(name: str, word: str) -> str:
    """A word's stem by the Snowball stemmer ``name`` (memoised: a pure function)."""
    return str(_stemmer(name).stemWord(word))


@cache
def _stemmer(name: str) -> Any:
    """One stemmer per language, the Snowball project's own Python code. (The package's
    ``stemmer()`` hands over to PyStemmer where that is installed, whose Snowball version,
    and so whose stems, may differ: the report must not depend on what else is installed.)"""
    module = importlib.import_module(f"snowballstemmer.{name}_stemmer")
    return getattr(module, "".join(p.capitalize() for p in name.split("_")) + "Stemmer")()
