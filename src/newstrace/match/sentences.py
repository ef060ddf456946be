"""Sentence alignment for rewrites and translations: a similarity matrix and a DP path.

Similarity of two sentences mixes three signals, each in [0, 1]: the cosine of their
embeddings (rescaled so that unrelated sentences sit near 0), the Dice overlap of their
immutables (numbers and names survive spinning and translation) and the Dice overlap of their
content words. Across languages, content words say nothing, and the embedding only counts
when the encoder is multilingual.

The path is a monotone dynamic programme (in the manner of Gale and Church's sentence
aligner) over four moves — skip, one-to-one, two-to-one (a merged sentence) and one-to-two
(a split one) — vectorised row by row. Rewrites also move sentences around, so after the
path, sentences left out of it are paired greedily, best first, when their similarity is
clearly above the threshold: local reordering without giving up the path's robustness.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from newstrace.index.sentences import SentenceFeatures

__all__ = ["SentenceConfig", "SentencePair", "align_sentences", "similarity"]


@dataclass(frozen=True, slots=True)
class SentenceConfig:
    """Weights and thresholds of sentence alignment (calibrated on PAN 2013 03/04/05)."""

    #: Cosines below ``cos_floor`` count as 0 and ``cos_ceiling`` as 1: a static model gives
    #: unrelated news sentences cosines around 0.2-0.4.
    cos_floor: float = 0.45
    cos_ceiling: float = 0.9
    weight_cosine: float = 0.5
    weight_immutables: float = 0.2
    weight_words: float = 0.3
    #: A pair enters the path when its similarity passes this.
    threshold: float = 0.42
    #: Pairs off the path must be this much above ``threshold`` to count as reordering.
    reorder_margin: float = 0.12
    #: Growing reused passages from aligned sentences (``match.passages.cluster_passages``):
    #: seeds score ``seed_score``; seeds ``gap`` sentences apart on both sides join; a
    #: passage needs ``min_seeds`` seeds or one of ``single_score`` over ``single_words``
    #: content words. Calibrated on PAN 2013 03/04/05 against 01's false positives.
    seed_score: float = 0.5
    gap: int = 3
    min_seeds: int = 2
    single_score: float = 0.65
    single_words: int = 10
    #: A relation needs more than PAN's detections: one reworded sentence shared by two news
    #: reports is usually a shared fact (independent reporting), so a lone seed makes a
    #: ``partial`` relation only from this score (near-copies; PAN 03 seeds above it are
    #: 98% true).
    relation_single_score: float = 0.85
    #: PAN passages within this many characters on both sides are one detection.
    merge_gap: int = 400


@dataclass(frozen=True, slots=True)
class SentencePair:
    """Sentences ``a`` of the first document aligned to sentences ``b`` of the second."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    words: float  # Dice overlap of content words: near 1 means copied, not reworded


def _dice(left: list[frozenset[str]], right: list[frozenset[str]]) -> np.ndarray:
    """Pairwise Dice overlap of two lists of sets, by a shared vocabulary and one matmul."""
    vocab: dict[str, int] = {}
    for group in (left, right):
        for items in group:
            for item in items:
                vocab.setdefault(item, len(vocab))
    if not vocab:
        return np.zeros((len(left), len(right)), dtype=np.float32)

    def matrix(sets: list[frozenset[str]]) -> np.ndarray:
        out = np.zeros((len(sets), len(vocab)), dtype=np.float32)
        for row, items in enumerate(sets):
            out[row, [vocab[i] for i in items]] = 1.0
        return out

    ml, mr = matrix(left), matrix(right)
    shared = ml @ mr.T
    sizes = ml.sum(axis=1)[:, None] + mr.sum(axis=1)[None, :]
    return np.where(sizes > 0, 2 * shared / np.maximum(sizes, 1), 0.0).astype(np.float32)


def _has(sets: list[frozenset[str]]) -> np.ndarray:
    return np.array([bool(s) for s in sets], dtype=bool)


def similarity(va: np.ndarray, ka: list[frozenset[str]], wa: list[frozenset[str]],
               vb: np.ndarray, kb: list[frozenset[str]], wb: list[frozenset[str]],
               cross_lingual: bool, use_vectors: bool, config: SentenceConfig) -> np.ndarray:
    """The (len(a), len(b)) similarity matrix of two lists of sentences."""
    parts: list[tuple[float, np.ndarray, np.ndarray]] = []
    if use_vectors:
        cos = va @ vb.T
        scaled = np.clip((cos - config.cos_floor) / (config.cos_ceiling - config.cos_floor),
                         0.0, 1.0)
        parts.append((config.weight_cosine, scaled, np.ones(cos.shape, dtype=bool)))
    either = _has(ka)[:, None] | _has(kb)[None, :]
    parts.append((config.weight_immutables, _dice(ka, kb), either))
    if not cross_lingual:
        parts.append((config.weight_words, _dice(wa, wb),
                      _has(wa)[:, None] | _has(wb)[None, :]))
    total = np.zeros((len(ka), len(kb)), dtype=np.float32)
    weight = np.zeros_like(total)
    for w, values, present in parts:
        total += w * values * present
        weight += w * present
    return np.where(weight > 0, total / np.maximum(weight, 1e-9), 0.0).astype(np.float32)


def _merged(vectors: np.ndarray, keys: list[frozenset[str]], words: list[frozenset[str]]
            ) -> tuple[np.ndarray, list[frozenset[str]], list[frozenset[str]]]:
    """Each sentence joined with the next: what a merged (or split) sentence looks like."""
    if len(keys) < 2:
        return np.zeros((0, vectors.shape[1]), dtype=np.float32), [], []
    summed = vectors[:-1] + vectors[1:]
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    joined = summed / np.where(norms == 0, 1.0, norms)
    return (joined, [k | n for k, n in itertools.pairwise(keys)],
            [w | n for w, n in itertools.pairwise(words)])


_UP, _DIAG, _MERGE_A, _MERGE_B = 0, 1, 2, 3


def _path(g11: np.ndarray, g21: np.ndarray, g12: np.ndarray
          ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The best monotone path through the gain matrices (negative gains never taken)."""
    n, m = g11.shape
    best = np.zeros((n + 1, m + 1), dtype=np.float64)
    move = np.zeros((n + 1, m + 1), dtype=np.int8)
    came = np.zeros((n + 1, m + 1), dtype=np.int32)  # column the row's running max came from
    for i in range(1, n + 1):
        cand = best[i - 1].copy()
        ops = np.full(m + 1, _UP, dtype=np.int8)
        for op, value, cols in _moves(best, g11, g21, g12, i, m):
            better = value > cand[cols]
            cand[cols] = np.where(better, value, cand[cols])
            ops[cols] = np.where(better, op, ops[cols])
        running = np.maximum.accumulate(cand)
        at_max = np.where(cand >= running, np.arange(m + 1), 0)
        best[i], move[i], came[i] = running, ops, np.maximum.accumulate(at_max)
    return _trace_back(move, came, n, m)


def _moves(best: np.ndarray, g11: np.ndarray, g21: np.ndarray, g12: np.ndarray, i: int,
           m: int) -> list[tuple[int, np.ndarray, slice]]:
    out = [(_DIAG, best[i - 1, :-1] + np.where(g11[i - 1] > 0, g11[i - 1], -np.inf),
            slice(1, m + 1))]
    if i >= 2 and len(g21):
        row = g21[i - 2]
        out.append((_MERGE_A, best[i - 2, :-1] + np.where(row > 0, row, -np.inf),
                    slice(1, m + 1)))
    if m >= 2 and g12.shape[1]:
        row = g12[i - 1]
        out.append((_MERGE_B, best[i - 1, :-2] + np.where(row > 0, row, -np.inf),
                    slice(2, m + 1)))
    return out


def _trace_back(move: np.ndarray, came: np.ndarray, n: int, m: int
                ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    pairs: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i, j = n, m
    while i > 0 and j > 0:
        origin = int(came[i, j])
        if origin != j:
            j = origin
            continue
        op = int(move[i, j])
        if op == _UP:
            i -= 1
        elif op == _DIAG:
            pairs.append(((i - 1,), (j - 1,)))
            i, j = i - 1, j - 1
        elif op == _MERGE_A:
            pairs.append(((i - 2, i - 1), (j - 1,)))
            i, j = i - 2, j - 1
        else:
            pairs.append(((i - 1,), (j - 2, j - 1)))
            i, j = i - 1, j - 2
    return pairs[::-1]


def align_sentences(fa: SentenceFeatures, fb: SentenceFeatures,
                    config: SentenceConfig | None = None, multilingual: bool = False
                    ) -> list[SentencePair]:
    """Aligned sentence groups of two documents, ordered by their place in ``fb``.

    ``multilingual`` says the vectors compare across languages; without it, documents in
    different languages are aligned on immutables alone.
    """
    config = config or SentenceConfig()
    if not len(fa) or not len(fb):
        return []
    cross = bool(fa.language and fb.language and fa.language != fb.language)
    use_vectors = multilingual or not cross
    ka, kb, wa, wb = list(fa.keys), list(fb.keys), list(fa.words), list(fb.words)

    def sim(va: np.ndarray, k1: list[frozenset[str]], w1: list[frozenset[str]],
            vb: np.ndarray, k2: list[frozenset[str]], w2: list[frozenset[str]]) -> np.ndarray:
        return similarity(va, k1, w1, vb, k2, w2, cross, use_vectors, config)

    s11 = sim(fa.vectors, ka, wa, fb.vectors, kb, wb)
    ma, mka, mwa = _merged(fa.vectors, ka, wa)
    mb, mkb, mwb = _merged(fb.vectors, kb, wb)
    s21 = sim(ma, mka, mwa, fb.vectors, kb, wb) if mka else np.zeros((0, len(fb)))
    s12 = sim(fa.vectors, ka, wa, mb, mkb, mwb) if mkb else np.zeros((len(fa), 0))
    tau = config.threshold
    # A merge must beat both of its one-to-one halves, or it only pads a good pair.
    g21 = s21 - tau - (np.maximum(s11[:-1], s11[1:]) - tau).clip(0) if len(s21) else s21
    g12 = s12 - tau - (np.maximum(s11[:, :-1], s11[:, 1:]) - tau).clip(0) if s12.size else s12
    path = _path(s11 - tau, g21, g12)
    words = _dice(wa, wb) if not cross else np.zeros_like(s11)
    out = [SentencePair(a, b, _group_score(s11, s21, s12, a, b),
                        float(words[a[0], b[0]])) for a, b in path]
    out += _reordered(s11, words, path, tau + config.reorder_margin)
    return sorted(out, key=lambda p: (p.b, p.a))


def _group_score(s11: np.ndarray, s21: np.ndarray, s12: np.ndarray, a: tuple[int, ...],
                 b: tuple[int, ...]) -> float:
    if len(a) == 2:
        return float(s21[a[0], b[0]])
    if len(b) == 2:
        return float(s12[a[0], b[0]])
    return float(s11[a[0], b[0]])


def _reordered(s11: np.ndarray, words: np.ndarray,
               path: list[tuple[tuple[int, ...], tuple[int, ...]]], floor: float
               ) -> list[SentencePair]:
    """Strong pairs of sentences the monotone path had to leave out, best first."""
    used_a = {i for a, _ in path for i in a}
    used_b = {j for _, b in path for j in b}
    rows, cols = np.nonzero(s11 >= floor)
    order = np.lexsort((cols, rows, -s11[rows, cols]))
    out: list[SentencePair] = []
    for k in order.tolist():
        i, j = int(rows[k]), int(cols[k])
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append(SentencePair((i,), (j,), float(s11[i, j]), float(words[i, j])))
    return out
