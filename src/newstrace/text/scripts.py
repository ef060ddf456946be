"""Character ranges of the East Asian scripts, and the languages whose lengths say little.

Japanese kana, the Han characters of Chinese and Japanese, Korean hangul and half-width
kana are "word characters" to Python's ``\\w``, so a Latin name written straight before
them reads as one word with them ("Singh氏は" for Singh and the particle that follows): a
word of the Latin, Greek, Cyrillic or Arabic scripts ends where one of these begins (Korean
puts spaces between its words, but a Latin name glued to hangul is cut the same way).
"""

from __future__ import annotations

__all__ = ["DENSE_LANGUAGES", "UNSPACED_CHARS"]

#: For a regular expression's character class: hiragana and katakana, CJK ideographs (and
#: extension A), hangul syllables, half-width katakana.
UNSPACED_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f"

#: Languages whose characters carry a syllable or a word (Chinese, Japanese, Korean, and the
#: scripts of South-East Asia written without spaces): a text's or a sentence's length in
#: characters says little of its content's (a Japanese translation runs 0.4-1.0 times the
#: English), so lengths neither make two texts translations nor pair their sentences.
DENSE_LANGUAGES = frozenset({"zh", "ja", "ko", "th", "lo", "km", "my"})
