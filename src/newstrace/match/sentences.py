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

import bisect
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from newstrace.index.hashsets import Overlap, dice_family
from newstrace.index.sentences import SentenceFeatures

__all__ = ["SentenceConfig", "SentencePair", "align_sentences", "best_path", "loose_pairs",
           "similarity"]


@dataclass(frozen=True, slots=True)
class SentenceConfig:
    """Weights and thresholds of sentence alignment (calibrated on PAN 2013 03/04/05)."""

    #: Cosines below ``cos_floor`` count as 0 and ``cos_ceiling`` as 1: a static model gives
    #: unrelated news sentences cosines around 0.2-0.4.
    cos_floor: float = 0.45
    cos_ceiling: float = 0.9
    #: Content words weigh as much as the static embedding: a random-obfuscated or spun
    #: sentence keeps many of its words, while two pages on one subject embed alike (PAN
    #: 2013, 0.5/0.3 -> 0.4/0.4 with seeds at 0.47 instead of 0.5: 03 0.847 -> 0.853, 04
    #: 0.884 -> 0.891, 01 pairs with detections 3.2% -> 2.3%; MRPC 0.653 -> 0.650, SemEval
    #: en-en 0.756 -> 0.734).
    weight_cosine: float = 0.4
    weight_immutables: float = 0.2
    weight_words: float = 0.4
    #: A pair enters the path when its similarity passes this.
    threshold: float = 0.42
    #: Pairs off the path must be this much above ``threshold`` to count as reordering.
    reorder_margin: float = 0.12
    #: Growing reused passages from aligned sentences (``match.passages.cluster_passages``):
    #: seeds score ``seed_score``; seeds ``gap`` sentences apart in the first document and
    #: ``source_gap`` in the second join (an obfuscated passage shuffles its sentences; PAN
    #: 2013 first 400 pairs, 3 -> 5: 03 0.863 -> 0.872, 04 0.877 -> 0.880); a
    #: passage needs ``min_seeds`` seeds or one of ``single_score`` over ``single_words``
    #: content words. Calibrated on PAN 2013 03/04/05 against 01's false positives.
    seed_score: float = 0.47
    gap: int = 3
    source_gap: int = 5
    min_seeds: int = 2
    single_score: float = 0.65
    single_words: int = 10
    #: A relation needs more than PAN's detections: one reworded sentence shared by two news
    #: reports is usually a shared fact (independent reporting), so a lone seed makes a
    #: ``partial`` relation only from this score (near-copies; PAN 03 seeds above it are
    #: 98% true).
    relation_single_score: float = 0.85
    #: A seed needs this many content words on both sides: two lines of dots embed alike
    #: and say nothing of reuse (more would also drop PAN 03's garbled true sentences).
    seed_words: int = 1
    #: PAN passages take in the weaker aligned pairs at their edges
    #: (``match.passages.cluster_passages``).
    extend: bool = True
    #: Loose pairs (``loose_pairs``) that may only widen a PAN passage at its edges: content
    #: words' Dice and cosine at least this, both sentences with ``loose_min_words`` content
    #: words. The path pairs each sentence once; an obfuscated passage's edge sentence often
    #: shares its words with a neighbour of the source sentence it came from (PAN 2013 03,
    #: first 300 pairs: 0.844 -> 0.861; 01 unchanged).
    loose_words: float = 0.3
    loose_cosine: float = 0.5
    loose_min_words: int = 3
    #: Verbatim passages at least this exact (share of words matched) and ``copy_chars``
    #: long bound a copy to the character; a sentence passage that touches one needs
    #: ``beyond_seeds`` seeds outside it (``evaluate.pan._beyond_copies``).
    copy_exact: float = 0.95
    copy_chars: int = 250
    beyond_seeds: int = 2
    #: A PAN detection shorter than this on both sides, and not mostly copied word for word,
    #: is dropped: no case of PAN 2013's 02, 04 or 05 is shorter than 200 characters, while
    #: 01's chance matches are often a heading and a sentence (the length filter of
    #: Sanchez-Perez et al., PAN 2014; the longer side, as obfuscation shortens one).
    min_chars: int = 200
    #: A PAN detection from aligned sentences needs ``min_word_pairs`` ordered word pairs
    #: (``index.sentences.word_pairs`` within ``pair_window`` words) in common between its
    #: two sides, or ``strong_word_pairs`` when it holds ``strong_seeds`` seeds. Pages on one
    #: subject align a heading and a sentence or two by meaning, but share few such pairs
    #: (PAN 2013 01: pairs with detections 2.3% -> 0.8%; 03 0.853 -> 0.851, 04 0.891 ->
    #: 0.883).
    pair_window: int = 3
    min_word_pairs: int = 12
    strong_seeds: int = 4
    strong_word_pairs: int = 5
    #: PAN passages within this many characters on both sides are one detection.
    merge_gap: int = 400
    #: A summary (``evaluate.pan.summaries``, PAN 05): this many seeds, whose source side is
    #: ``summary_ratio`` times longer than their suspicious side and spans ``summary_share``
    #: of the source; ``summary_order`` of them rise in both texts, skipping more than
    #: ``summary_step`` source sentences per summary sentence (median). A summary's source
    #: is the whole source document (``summary_whole``): its sentences condense all of it,
    #: and the seeds only sample where.
    summary_seeds: int = 3
    summary_ratio: float = 3.0
    summary_share: float = 0.5
    summary_order: float = 0.75
    summary_step: float = 1.5
    summary_whole: bool = True
    #: In a pair with verbatim passages, a PAN sentence passage far from all of them needs
    #: this many seeds (``evaluate.pan._near_copies``).
    apart_seeds: int = 3


@dataclass(frozen=True, slots=True)
class SentencePair:
    """Sentences ``a`` of the first document aligned to sentences ``b`` of the second."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    words: float  # Dice overlap of content words: near 1 means copied, not reworded


def similarity(cos: np.ndarray | None, keys: Overlap, words: Overlap | None,
               config: SentenceConfig) -> np.ndarray:
    """The similarity matrix from its parts: the cosines (None when the vectors do not
    compare), the immutables' and the content words' Dice overlaps (None across
    languages), each averaged over the parts present for a pair."""
    parts: list[tuple[float, np.ndarray, np.ndarray]] = []
    if cos is not None:
        scaled = np.clip((cos - config.cos_floor) / (config.cos_ceiling - config.cos_floor),
                         0.0, 1.0)
        parts.append((config.weight_cosine, scaled, np.ones(cos.shape, dtype=bool)))
    parts.append((config.weight_immutables, *keys))
    if words is not None:
        parts.append((config.weight_words, *words))
    total = np.zeros(keys[0].shape, dtype=np.float32)
    weight = np.zeros_like(total)
    for w, values, present in parts:
        total += w * values * present
        weight += w * present
    return np.where(weight > 0, total / np.maximum(weight, 1e-9), 0.0).astype(np.float32)


def _merged(vectors: np.ndarray) -> np.ndarray:
    """Each sentence's vector joined with the next: what a merged (or split) sentence is."""
    if len(vectors) < 2:
        return np.zeros((0, vectors.shape[1]), dtype=np.float32)
    summed = vectors[:-1] + vectors[1:]
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    return summed / np.where(norms == 0, 1.0, norms)


_UP, _DIAG, _MERGE_A, _MERGE_B = 0, 1, 2, 3


#: Gain matrices up to this many cells take the scalar DP, which visits only the cells
#: with a positive gain and raises each row's running best by slices; larger ones the
#: vectorised DP, whose memory is numpy's (the scalar keeps a row of Python floats per
#: sentence where a move raised it). Measured on a copy's gains (its diagonal, the worst
#: case: every row raises the rest of its row): 40 sentences a side 0.66 vs 2.0 ms, 120 a
#: side 2.1 vs 6.4 ms, 500 a side 33 vs 36 ms.
_SCALAR_CELLS = 250_000


def _path(g11: np.ndarray, g21: np.ndarray, g12: np.ndarray
          ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The best monotone path through the gain matrices (negative gains never taken)."""
    n, m = g11.shape
    if n * m <= _SCALAR_CELLS:
        moves, raised, bests = _scalar_tables(g11, g21, g12)
        return _trace_back(lambda i, j: moves[i].get(j, _UP),
                           lambda i, j: _last_reaching(raised[i], bests[i - 1], bests[i][j], j),
                           n, m)
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
    return _trace_back(lambda i, j: int(move[i, j]), lambda i, j: int(came[i, j]), n, m)


def _sparse_path(g11: np.ndarray, g21: np.ndarray, g12: np.ndarray
                 ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """``_path`` over the rows that have a positive gain only, mapped back: the same path.

    A row with no positive gain (no sentence, and no merge through it, worth aligning)
    only carries the best sums down unchanged, so dropping it changes nothing, provided a
    merge is never made across a dropped row. A long pasted text (a dump of many articles)
    has a few such rows per candidate among thousands: aligning only those kept a query's
    time from growing with the square of its size.
    """
    n = g11.shape[0]
    active: np.ndarray = np.asarray((g11 > 0).any(axis=1))
    if g12.size:
        active |= (g12 > 0).any(axis=1)
    if len(g21):
        merged = (g21 > 0).any(axis=1)
        active[:-1] |= merged
        active[1:] |= merged
    keep = np.flatnonzero(active)
    if len(keep) * 2 > n:  # dense: the plain path is as fast
        return _path(g11, g21, g12)
    if not len(keep):
        return []
    joined = np.full((max(len(keep) - 1, 0), g11.shape[1]), -1.0, dtype=g11.dtype)
    if len(g21) and len(keep) > 1:
        adjacent = np.flatnonzero(np.diff(keep) == 1)
        joined[adjacent] = g21[keep[adjacent]]
    path = _path(g11[keep], joined, g12[keep] if g12.size else g12)
    return [(tuple(int(keep[i]) for i in rows), cols) for rows, cols in path]


def _positive(gains: np.ndarray, rows: int, offset: int) -> list[list[tuple[int, float]]]:
    """Each row's (column + ``offset``, gain) cells with a positive gain, for ``rows`` rows."""
    out: list[list[tuple[int, float]]] = [[] for _ in range(rows)]
    if gains.size:
        at_row, at_col = np.nonzero(gains > 0)
        for i, j, gain in zip(at_row.tolist(), at_col.tolist(), gains[at_row, at_col].tolist(),
                              strict=True):
            out[i].append((j + offset, gain))
    return out


def _scalar_tables(g11: np.ndarray, g21: np.ndarray, g12: np.ndarray
                   ) -> tuple[list[dict[int, int]], list[dict[int, float]], list[list[float]]]:
    """``_path``'s tables in Python floats, visiting only the cells with a positive gain:
    each row's moves and raised candidates (where a move beat the row above) and its
    running best. The same sums (float64 of the float32 gains), the same order of moves
    and the same ties (a later move wins only when strictly better) as the vectorised DP,
    and ``_last_reaching`` finds the column its running maximum came from as it does, so
    the path is identical. A row that raises nothing shares the row above."""
    n, m = g11.shape
    diag = _positive(g11, n, 1)
    merge_a = _positive(g21, n, 1) if len(g21) else [[] for _ in range(n)]
    merge_b = _positive(g12, n, 2) if m >= 2 and g12.shape[1] > 0 else [[] for _ in range(n)]
    previous = before = [0.0] * (m + 1)
    moves: list[dict[int, int]] = [{}]
    raised: list[dict[int, float]] = [{}]
    bests = [previous]
    for i in range(1, n + 1):
        ops: dict[int, int] = {}
        up: dict[int, float] = {}
        steps = [(_DIAG, previous, 1, diag[i - 1]), (_MERGE_B, previous, 2, merge_b[i - 1])]
        if i >= 2:
            steps.insert(1, (_MERGE_A, before, 1, merge_a[i - 2]))
        for op, row, back, cells in steps:
            for j, gain in cells:
                value = row[j - back] + gain
                if value > up.get(j, previous[j]):
                    up[j], ops[j] = value, op
        running = _running(previous, up) if up else previous
        moves.append(ops)
        raised.append(up)
        bests.append(running)
        before, previous = previous, running
    return moves, raised, bests


def _running(previous: list[float], up: dict[int, float]) -> list[float]:
    """The running maximum of ``previous`` (already non-decreasing) with the cells of ``up``
    raised: each raised value holds until the row above reaches it (a bisection)."""
    running = previous[:]
    for j in sorted(up):
        value = up[j]
        if value <= running[j]:
            continue
        end = bisect.bisect_left(previous, value, j + 1)
        running[j:end] = [value] * (end - j)
    return running


def _last_reaching(raised: dict[int, float], above: list[float], best: float, j: int) -> int:
    """The last column up to ``j`` whose candidate (raised, or the row above's best) is the
    row's running best there: the one the vectorised DP's running maximum keeps."""
    while raised.get(j, above[j]) != best:
        j -= 1
    return j


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


def _trace_back(move: Callable[[int, int], int], came: Callable[[int, int], int], n: int,
                m: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The path back from the last cell: ``came(i, j)`` is the column row ``i``'s best at
    ``j`` came from, ``move(i, j)`` the move that reached that cell."""
    pairs: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i, j = n, m
    while i > 0 and j > 0:
        origin = came(i, j)
        if origin != j:
            j = origin
            continue
        op = move(i, j)
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


def best_path(s11: np.ndarray, s21: np.ndarray, s12: np.ndarray, tau: float
              ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The monotone path of sentence groups through similarity matrices (one-to-one,
    two-to-one ``s21``, one-to-two ``s12``) whose pairs score over ``tau``."""
    # A merge must beat both of its one-to-one halves, or it only pads a good pair.
    g21 = s21 - tau - (np.maximum(s11[:-1], s11[1:]) - tau).clip(0) if len(s21) else s21
    g12 = s12 - tau - (np.maximum(s11[:, :-1], s11[:, 1:]) - tau).clip(0) if s12.size else s12
    return _sparse_path(s11 - tau, g21, g12)


def align_sentences(fa: SentenceFeatures, fb: SentenceFeatures,
                    config: SentenceConfig | None = None, multilingual: bool = False
                    ) -> list[SentencePair]:
    """Aligned sentence groups of two documents, ordered by their place in ``fb``.

    ``multilingual`` says the vectors compare across languages; without it, documents in
    different languages are aligned on immutables alone. (Reading another field of the
    features here means adding it to ``SentenceFeatures.content_key``, under which
    alignments are kept.)
    """
    config = config or SentenceConfig()
    if not len(fa) or not len(fb):
        return []
    cross = bool(fa.language and fb.language and fa.language != fb.language)
    use_vectors = multilingual or not cross

    keys = dice_family(fa.key_sets, fb.key_sets)
    content = dice_family(fa.word_sets, fb.word_sets)
    vectors = [(fa.vectors, fb.vectors), (_merged(fa.vectors), fb.vectors),
               (fa.vectors, _merged(fb.vectors))]
    s11, s21, s12 = (similarity(va @ vb.T if use_vectors else None, k,
                                None if cross else w, config)
                     for (va, vb), k, w in zip(vectors, keys, content, strict=True))
    tau = config.threshold
    path = best_path(s11, s21, s12, tau)
    words = content[0][0] if not cross else np.zeros_like(s11)
    out = [SentencePair(a, b, _group_score(s11, s21, s12, a, b),
                        float(words[a[0], b[0]])) for a, b in path]
    out += _reordered(s11, words, path, tau + config.reorder_margin)
    return sorted(out, key=lambda p: (p.b, p.a))


def loose_pairs(fa: SentenceFeatures, fb: SentenceFeatures, pairs: list[SentencePair],
                config: SentenceConfig) -> list[SentencePair]:
    """Every one-to-one pair of sentences off ``pairs`` whose content words and vectors
    overlap loosely (``SentenceConfig.loose_words``): not evidence of reuse on their own, but
    where a passage is reused they show how far it reaches. None across languages."""
    if not len(fa) or not len(fb) or (fa.language and fb.language
                                      and fa.language != fb.language):
        return []
    words = dice_family(fa.word_sets, fb.word_sets)[0][0]
    sizes_a = np.array(fa.word_counts)
    sizes_b = np.array(fb.word_counts)
    ok = ((words >= config.loose_words) & (fa.vectors @ fb.vectors.T >= config.loose_cosine)
          & (sizes_a[:, None] >= config.loose_min_words)
          & (sizes_b[None, :] >= config.loose_min_words))
    taken = {(p.a[0], p.b[0]) for p in pairs}
    return [SentencePair((i,), (j,), float(words[i, j]), float(words[i, j]))
            for i, j in zip(*(x.tolist() for x in np.nonzero(ok)), strict=True)
            if (i, j) not in taken]


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
