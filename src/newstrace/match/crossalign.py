"""Sentence alignment of a translation without a multilingual model: lengths, places and
the names and figures both sentences hold.

Once a pair is known to be a translation (``match.anchors``), its sentences are paired the
way Gale and Church paired the sentences of parallel texts: a translated sentence's length
is proportional to its original's (the pair's own ratio of lengths, since German runs
longer than English), and it sits at the same place in the text. Their length model is
used with the immutables both sentences share (``index.sentences``' names and figures) as
anchors, on the monotone path of ``match.sentences`` (one-to-one, merged and split
sentences). The English static encoder's vectors say nothing across languages, so they are
not read.

Measured on WMT21's tuning half (professional translations): before, the sentences the
immutables alone aligned left most of each translation "added" and its original "dropped"
(617 and 601 such changes on 224 translations); see docs/how-it-works.md for the figures
after.
"""

from __future__ import annotations

import numpy as np

from newstrace.index.hashsets import dice_family
from newstrace.index.sentences import SentenceFeatures
from newstrace.match.sentences import SentencePair, best_path

__all__ = ["LENGTH_SPREAD", "PLACE_SPREAD", "THRESHOLD", "align_translation"]

#: The spread (standard deviation) of the log of a translated sentence's length over its
#: original's, once the pair's own ratio is taken out: 0.25 in Gale and Church's
#: English-French-German data, measured in characters.
LENGTH_SPREAD = 0.3
#: The spread of the difference of two paired sentences' places (share of the text before
#: them): a translation keeps its original's order and proportions.
PLACE_SPREAD = 0.06
#: Weights of the length agreement and of the shared immutables, where a sentence has any.
_WEIGHT_LENGTH, _WEIGHT_ANCHORS = 0.6, 0.4
#: A pair enters the path when its similarity passes this.
THRESHOLD = 0.4


def _lengths(f: SentenceFeatures) -> np.ndarray:
    return np.array([max(1, s.end - s.start) for s in f.spans], dtype=np.float64)


def _places(f: SentenceFeatures) -> np.ndarray:
    """The place of each sentence's middle, as a share of the text (as ``match.anchors``
    places its anchors, so the chain's line maps one onto the other)."""
    size = max(1, f.spans[-1].end)
    return np.array([(s.start + s.end) / 2 / size for s in f.spans], dtype=np.float64)


def _merged(values: np.ndarray) -> np.ndarray:
    return values[:-1] + values[1:]


def _similarity(len_a: np.ndarray, len_b: np.ndarray, place_a: np.ndarray,
                place_b: np.ndarray, ratio: float, anchors: tuple[np.ndarray, np.ndarray]
                ) -> np.ndarray:
    """Similarity of every sentence (or merged pair) of a with every one of b."""
    log_ratio = np.log(len_b[None, :] / (ratio * len_a[:, None]))
    length = np.exp(-0.5 * (log_ratio / LENGTH_SPREAD) ** 2)
    place = np.exp(-0.5 * ((place_b[None, :] - place_a[:, None]) / PLACE_SPREAD) ** 2)
    values, present = anchors
    weight = _WEIGHT_LENGTH + _WEIGHT_ANCHORS * present
    mixed = (_WEIGHT_LENGTH * length + _WEIGHT_ANCHORS * values * present) / weight
    return (place * mixed).astype(np.float32)


def align_translation(fa: SentenceFeatures, fb: SentenceFeatures, slope: float = 1.0,
                      offset: float = 0.0) -> list[SentencePair]:
    """Aligned sentence groups of a document and its translation, ordered by their place
    in ``fb`` (``SentencePair.words`` is 0: no word is shared across languages).

    ``slope`` and ``offset`` map a place in ``fa`` to its place in ``fb`` (the anchor
    chain's line, ``match.anchors.Chain``): a translation of part of a text stretches that
    part over the whole translation, and its sentences' lengths by as much."""
    if not len(fa) or not len(fb):
        return []
    len_a, len_b = _lengths(fa), _lengths(fb)
    ratio = float(slope * len_b.sum() / len_a.sum())
    place_a, place_b = slope * _places(fa) + offset, _places(fb)
    k11, k21, k12 = dice_family(fa.key_sets, fb.key_sets)
    s11 = _similarity(len_a, len_b, place_a, place_b, ratio, k11)
    s21 = (_similarity(_merged(len_a), len_b, _merged(place_a) / 2, place_b, ratio, k21)
           if len(len_a) > 1 else np.zeros((0, len(len_b)), dtype=np.float32))
    s12 = (_similarity(len_a, _merged(len_b), place_a, _merged(place_b) / 2, ratio, k12)
           if len(len_b) > 1 else np.zeros((len(len_a), 0), dtype=np.float32))
    path = best_path(s11, s21, s12, THRESHOLD)
    pairs = [SentencePair(a, b, float(s21[a[0], b[0]] if len(a) == 2 else
                                      s12[a[0], b[0]] if len(b) == 2 else s11[a[0], b[0]]),
                          0.0) for a, b in path]
    return sorted(pairs, key=lambda p: (p.b, p.a))
