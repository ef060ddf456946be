"""Pairs in a language the encoder does not cover: what stands in for the document vectors.

The shipped encoder is English; on two German texts its cosine says little, and across two
languages nothing. ``match.kinds.story_similarity`` then reads these instead: names matched
by their sound across spellings and scripts, with the figures (``match.anchors``), and, for
two texts of one language, the overlap of their content words. Fitted on SemEval 2022 Task
8's tuning half (all pairs 0.509 -> 0.563 there; the gate half in docs/how-it-works.md).
"""

from __future__ import annotations

import numpy as np

from newstrace.index.sentences import SentenceFeatures
from newstrace.match.anchors import sound_keys

__all__ = ["MIN_SHARED_SOUNDS", "dice", "foreign_names_dice", "words_dice"]

#: Languages written without spaces between words: their "words" are whole clauses, so two
#: texts of one such language are compared by names and aligned text alone.
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my"})


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """The Dice overlap of two sets (0 for two empty ones)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


#: Names' sounds and figures two documents must share for their overlap to count: one
#: year two short Japanese texts both print made a third of their few keys (WMT21's tuning
#: half: 22 pairs of unrelated Japanese articles called one story).
MIN_SHARED_SOUNDS = 3


def foreign_names_dice(fa: SentenceFeatures, fb: SentenceFeatures) -> float:
    """The names' overlap of two documents, as spelled or by their sound with the figures
    ("Путин" and "Putin" meet; a text with no capitals still has its figures), the latter
    only where they share ``MIN_SHARED_SOUNDS``."""
    sounds_a = sound_keys(fa.doc_names) | fa.doc_figures
    sounds_b = sound_keys(fb.doc_names) | fb.doc_figures
    spelled = dice(fa.doc_names, fb.doc_names)
    if len(sounds_a & sounds_b) < MIN_SHARED_SOUNDS:
        return spelled
    return max(spelled, dice(sounds_a, sounds_b))


def words_dice(fa: SentenceFeatures, fb: SentenceFeatures) -> float | None:
    """The Dice overlap of two documents' content words (hashed, ``index.hashsets``); None
    for a language written without spaces."""
    if fa.language in UNSPACED or fb.language in UNSPACED:
        return None
    words_a, words_b = np.unique(fa.word_sets.items), np.unique(fb.word_sets.items)
    total = len(words_a) + len(words_b)
    shared = len(np.intersect1d(words_a, words_b, assume_unique=True))
    return 2 * shared / total if total else 0.0
