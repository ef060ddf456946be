"""Immutables: what survives spinning and translation — numbers, names, quoted words.

A spinner replaces "soldiers" by "troops" but keeps "Prigozhin", "1,500" and "Aug. 11"; a
translator turns "eight" into "huit" but keeps the digits and the names. These keys, per
sentence, let rewrites and translations be found and aligned when no shingle is shared.
Names are capitalised words outside a short list of function words, folded to lower case
without accents; numbers are digit groups without their thousands separators, and English
number words up to twenty as digits.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["NOT_NAMES", "NUMBER_WORDS", "Immutables", "fold", "immutables"]

_NUMBER = re.compile(r"\d+(?:[ ,.\u202f\u00a0\u066c]\d{3})*(?:[.,\u066b]\d+)?")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_QUOTE = re.compile(r"[\"“”«»„]\s*([^\"“”«»„]{3,}?)\s*[\"“”«»]")
_NUMBER_WORDS = {
    word: str(value) for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())
}
#: Numbers written as words, "zero" to "twenty".
NUMBER_WORDS = frozenset(_NUMBER_WORDS)
# Capitalised only because they start a sentence or a title, in the languages of the news
# we see most; a name is anything capitalised that is not one of these.
NOT_NAMES = frozenset("""
a about after again against all also although an and another any are as at be because been
before being both but by can could did do does during each even every few for from further
had has have he her here hers him his how however i if in into is it its just last later
many may me meanwhile more most much must my neither new no nor not now of off on once one
only or other our out over own same she should since so some still such than that the
their them then there these they this those though through thus to too under until up upon
us very was we were what when where whether which while who whom whose why will with within
without would yet you your mr mrs ms dr st according monday tuesday wednesday thursday
friday saturday sunday january february march april may june july august september
october november december jan feb mar apr jun jul aug sep sept oct nov dec
le la les un une des du de et en au aux dans pour par sur avec selon il elle ils elles
der die das ein eine und im am zu von mit auf für el los las y con por para
""".split())


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "‐": "-", "‑": "-",
                             "–": "-", "—": "-"})


@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case without accents or a trailing possessive, for comparing names across copies.

    Memoised (a pure function of one word, and news vocabularies repeat): the change and
    claim stages fold every word of every document they read."""
    plain = word.lower()
    if not plain.isascii():
        # Typography is not a change: curly and straight apostrophes, dashes and hyphens
        # are one character to a reader.
        plain = plain.translate(_TYPOGRAPHY)
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if plain.endswith(("'s", "’s")):
        plain = plain[:-2]
    return plain.strip("'’-")


@dataclass(frozen=True, slots=True)
class Immutables:
    """The numbers, names and quoted fragments of one piece of text."""

    numbers: frozenset[str]
    names: frozenset[str]
    quotes: tuple[str, ...]

    def keys(self) -> frozenset[str]:
        """Numbers and names as one set of typed keys (``n:1500``, ``e:prigozhin``)."""
        return frozenset({f"n:{n}" for n in self.numbers} | {f"e:{n}" for n in self.names})


def _number(raw: str) -> str:
    """A number's key: its digits in ASCII (Arabic-Indic "١٢٬٠٠٠" is "12000"), without
    thousands separators, with a decimal point."""
    if not raw.isascii():
        raw = "".join(str(unicodedata.decimal(ch)) if ch.isdigit() else ch for ch in raw)
    if re.fullmatch(r"\d{1,3}(?:[ ,.\u202f\u00a0\u066c]\d{3})+", raw):
        return re.sub(r"\D", "", raw)
    return raw.replace(",", ".").replace("\u066b", ".")


def immutables(text: str) -> Immutables:
    """The immutables of ``text`` (a sentence, a paragraph or a whole document)."""
    numbers = {_number(m.group()) for m in _NUMBER.finditer(text)}
    words = _WORD.findall(text)
    # Most words are in lower case: they can only be number words, looked up in one pass
    # (every sentence of every document is read here; a loop over all words dominated).
    numbers.update(_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS)
    names: set[str] = set()
    for word in [w for w in words if not w.islower()]:
        lowered = word.lower()
        if lowered in _NUMBER_WORDS:
            numbers.add(_NUMBER_WORDS[lowered])
        elif word[0].isupper() and len(word) > 1 and lowered not in NOT_NAMES:
            folded = fold(word)
            if len(folded) > 1:
                names.add(folded)
    quotes = tuple(" ".join(fold(w) for w in _WORD.findall(m.group(1)))
                   for m in _QUOTE.finditer(text))
    return Immutables(frozenset(numbers), frozenset(names), tuple(q for q in quotes if q))
