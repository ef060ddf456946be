"""Proper names in running text, told apart from words capitalised by their position.

"Billboards and public transit ads…" starts with a capital because it starts a sentence; a
name is capitalised wherever it stands. So a capitalised word counts as a name when it stands
mid-sentence, or when its document also capitalises it mid-sentence elsewhere. Names are
folded (lower case, no accents, no possessive) to compare across copies.
"""

from __future__ import annotations

import re

from newstrace.text.immutables import NOT_NAMES, fold
from newstrace.text.memo import per_text

__all__ = ["capitalised", "name_tokens", "words_folded"]

_TOKEN = re.compile(r"[^\W\d_][\w’'.-]*[\w]|[^\W\d_]")
#: Characters after which a capital says nothing about the word: sentence and clause starts.
_OPENERS = frozenset(".!?:;“\"«„(—–-\n")
#: "I'll", "We're", "Don't": a capital and a contraction, never a name.
_CONTRACTION = re.compile(r"^[a-z]+'(?:ll|ve|m|d|re|t)$")


def _initial(text: str, start: int) -> bool:
    at = start - 1
    while at >= 0 and text[at] in " \t\u00a0’'‘":
        at -= 1
    return at < 0 or text[at] in _OPENERS


@per_text
def capitalised(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Folded capitalised words of ``text``: (those standing mid-sentence, those initial).

    Remembered per text: the changes stage reads a source's sentences for every copy of it."""
    middle: set[str] = set()
    initial: set[str] = set()
    for m in _TOKEN.finditer(text):
        word = m.group()
        if not word[0].isupper() or len(word) < 2 or word.lower() in NOT_NAMES:
            continue
        folded = fold(word)
        if not _CONTRACTION.match(folded):
            (initial if _initial(text, m.start()) else middle).add(folded)
    return frozenset(middle), frozenset(initial)


def name_tokens(text: str, known: frozenset[str] | set[str]) -> frozenset[str]:
    """Folded name tokens of ``text``: mid-sentence capitals, and initial ones in ``known``
    (the names its whole document capitalises mid-sentence)."""
    middle, initial = capitalised(text)
    return middle | (initial & known)


def words_folded(text: str) -> set[str]:
    """Every word of ``text``, folded, and each part of a hyphenated one ("U.S.-backed"
    holds "u.s"): what a name must be absent from to be gone."""
    out: set[str] = set()
    for word in _TOKEN.findall(text):
        folded = fold(word)
        out.add(folded)
        if "-" in folded:
            out.update(p.strip(".") for p in folded.split("-") if p.strip("."))
    return out
