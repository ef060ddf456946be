"""A person's name changed in translation: "Ines Albrecht" became "Ines Albright".

Across languages most capitalised words are not names (German capitalises every noun) and a
place may be named each language's way ("Munich", "München"), so only one change is read,
the one a reader can trust: in a sentence and its translation (aligned one to one), a
person written as a first name and a surname keeps its first name but not its surname, the
source's surname is nowhere in the translation and the translation's nowhere in the source.
Names meet by their sound across spellings and scripts (``match.anchors.name_sound``).
"""

from __future__ import annotations

import functools
import itertools
import re

from newstrace.changes.context import PairText, change
from newstrace.changes.groups import Group
from newstrace.match.anchors import name_sound
from newstrace.model import Change, Span
from newstrace.text.countries import countries_named
from newstrace.text.immutables import NOT_NAMES, fold
from newstrace.text.scripts import UNSPACED_CHARS

__all__ = ["cross_name_changes"]

#: A word of a spaced script: it ends where Japanese or Chinese text begins ("Singh氏は"
#: is Singh, as the English side writes him).
_WORD = re.compile(rf"[^\W\d_{UNSPACED_CHARS}][^\W\d_'’{UNSPACED_CHARS}-]*")


def _people(text: str, whole: str) -> list[tuple[str, str, str, int, int]]:
    """(first name's sound, surname's sound, surname as written, start, end) of each two
    capitalised words in a row ("Chancellor Angela Merkel" holds "Chancellor Angela" and
    "Angela Merkel") that ``whole`` (their document) never writes in lower case ("News
    Brazilian" in a headline is no person) and that name no country ("Autriche")."""
    lower = _lower_words(whole)
    words = list(_WORD.finditer(text))
    out = []
    for first, last in itertools.pairwise(words):
        a, b = first.group(), last.group()
        if text[first.end():last.start()] not in (" ", "\u00a0") or len(a) < 2 \
                or len(b) < 2 or not (a[0].isupper() and b[0].isupper()):
            continue
        if _ordinary(a, lower) or _ordinary(b, lower) or countries_named([fold(b)]):
            continue
        sound_first, sound_last = name_sound(a), name_sound(b)
        if sound_first and sound_last:
            out.append((sound_first, sound_last, b, first.start(), last.end()))
    return out


@functools.lru_cache(maxsize=64)
def _lower_words(whole: str) -> frozenset[str]:
    """The words a document writes in lower case (read once per document and run)."""
    return frozenset(w for w in _WORD.findall(whole) if w[0].islower())


def _ordinary(word: str, lower: frozenset[str]) -> bool:
    """Whether the document also writes the word in lower case, or it is a function word."""
    low = word.lower()
    return low in NOT_NAMES or low in lower


def _inflected(x: str, y: str) -> bool:
    """One sound is the other's with one more letter at the end (a genitive "Khans", an
    inflected "Gunnars")."""
    return abs(len(x) - len(y)) <= 1 and (x.startswith(y) or y.startswith(x))


@functools.lru_cache(maxsize=64)
def _sounds(whole: str) -> frozenset[str]:
    """The sounds of a document's capitalised words (read once per document and run)."""
    return frozenset(sound for word in _WORD.findall(whole)
                     if word[0].isupper() and (sound := name_sound(word)))


def cross_name_changes(pair: PairText, group: Group) -> list[Change]:
    """A surname changed under a kept first name, between a sentence and its translation."""
    if len(group.a) != 1 or len(group.b) != 1:
        return []
    a_text, b_text = pair.a(group), pair.b(group)
    theirs = _people(b_text, pair.derived.text)
    if not theirs:
        return []
    out: list[Change] = []
    for first, last, written, start, end in _people(a_text, pair.source.text):
        for other_first, other_last, other_written, b_start, b_end in theirs:
            if other_first != first or other_last == last or _inflected(last, other_last):
                continue
            if last in _sounds(pair.derived.text) or other_last in _sounds(pair.source.text):
                continue  # either surname is in the other text: a spelling, not a change
            a0, b0 = group.a_span.start, group.b_span.start
            out.append(change(
                "entity_changed", "medium", Span(a0 + start, a0 + end),
                Span(b0 + b_start, b0 + b_end), a_text[start:end], b_text[b_start:b_end],
                f"the translation names {other_written} where the source names {written} "
                "(the same first name; neither surname is in the other text)"))
    return out
