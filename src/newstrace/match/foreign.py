"""Pairs in a language the encoder does not cover: what stands in for the document vectors.

The shipped encoder is English; on two German texts its cosine says little, and across two
languages nothing. ``match.kinds.story_similarity`` then reads these instead: names matched
by their sound across spellings and scripts, with the figures (``match.anchors``), and, for
two texts of one language, the overlap of their topic words (``text.topics``: stems, or
pairs of characters where words are not spaced). Fitted on SemEval 2022 Task 8's tuning
half (all pairs 0.509 -> 0.563 there with names' sounds and surface words, 0.636 with topic
words; the gate half in docs/how-it-works.md).
"""

from __future__ import annotations

import numpy as np

from newstrace.index.sentences import SentenceFeatures
from newstrace.match.anchors import sound_keys
from newstrace.text.topics import UNSPACED

__all__ = ["MIN_SHARED_SOUNDS", "TOPIC_SCALES", "dice", "foreign_names_dice", "topic_overlap"]

#: Where two texts' topic words begin to say "one story" and the span over which the
#: overlap rises to "certainly": (floor, span) for stems, and for the character pairs of
#: Chinese and Japanese, which two unrelated texts share more of. The stems' floor and span
#: and the characters' span were fitted on SemEval 2022 Task 8's tuning half (broad
#: plateaus: floors 0.10-0.16 and 0.04-0.12 are within 0.01); the characters' floor is the
#: 95th percentile of what unrelated Japanese articles of WMT21's tuning half share. Where
#: one side's language is unknown, the two texts' surface content words, on the scale they
#: were fitted with before topic words (0.05 over 0.2).
TOPIC_SCALES = {"words": (0.12, 0.15), "characters": (0.08, 0.1), "surface": (0.05, 0.2)}


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


def topic_overlap(fa: SentenceFeatures, fb: SentenceFeatures) -> float | None:
    """How much two texts of one language the encoder does not cover share their topic
    words (``text.topics``), in [0, 1]: their Dice overlap rescaled (``TOPIC_SCALES``).
    Where one side's language is unknown, their surface content words instead. None where
    the language has no reading (Thai, Lao, Khmer, Burmese) or a side has no topic word
    (nothing to compare is not "nothing shared")."""
    if fa.language is None or fb.language is None:
        scale = "surface"
        words_a, words_b = np.unique(fa.word_sets.items), np.unique(fb.word_sets.items)
    elif fa.topic_words is None or fb.topic_words is None:
        return None
    else:
        scale = "characters" if fa.language in UNSPACED else "words"
        words_a, words_b = fa.topic_words, fb.topic_words
    if not len(words_a) or not len(words_b):
        return None
    shared = len(np.intersect1d(words_a, words_b, assume_unique=True))
    floor, span = TOPIC_SCALES[scale]
    return min(1.0, max(0.0, (2 * shared / (len(words_a) + len(words_b)) - floor) / span))
