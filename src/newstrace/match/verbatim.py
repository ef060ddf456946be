"""Verbatim alignment: seed-and-extend over shared word shingles, into maximal passages.

Seeds are positions where both documents have the same ``seed_k``-word shingle (normalised
words, so white space, case, curly or straight quotes and punctuation do not matter). Seeds on
one diagonal that follow each other form runs; runs whose ends lie within ``max_gap_words`` on
both sides are chained into one passage, which tolerates a changed word or a dropped clause.
Passages shorter than ``min_passage_words`` are dropped: shared phrases are not reuse. Offsets
are character offsets into both clean texts (passim's anchor-and-extend idea, vectorised).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.index.shingles import Fingerprint
from newstrace.model import Span

__all__ = ["Alignment", "Passage", "align_verbatim", "coverage"]


@dataclass(frozen=True, slots=True)
class Passage:
    """An aligned pair of spans: ``a`` in the first document, ``b`` in the second."""

    a: Span
    b: Span
    kind: str
    score: float  # share of the passage's words that matched exactly
    words: int  # words of the passage in the first document

    def __reduce__(self) -> tuple[type[Passage], tuple[Span, Span, str, float, int]]:
        # Positional rebuild: cheaper than the frozen dataclass's field-by-field pickling.
        return Passage, (self.a, self.b, self.kind, self.score, self.words)

    def to_json(self) -> dict[str, object]:
        """The passage as a JSON-ready mapping."""
        return {"a": [self.a.start, self.a.end], "b": [self.b.start, self.b.end],
                "kind": self.kind, "score": round(self.score, 4), "words": self.words}


@dataclass(frozen=True, slots=True)
class Alignment:
    """Every passage two documents share, and how much of each document they cover."""

    a_id: str
    b_id: str
    passages: tuple[Passage, ...]
    coverage_a: float
    coverage_b: float


@dataclass(slots=True)
class _Chain:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int


def align_verbatim(fa: Fingerprint, fb: Fingerprint, config: ReuseConfig) -> Alignment:
    """Align two fingerprinted documents; passages are ordered by their start in ``fa``."""
    runs = _seed_runs(fa.shingles(config.seed_k), fb.shingles(config.seed_k), config)
    chains = _chain(runs, config.seed_k, config.max_gap_words)
    kept = _drop_overlaps([c for c in chains
                           if min(c.a_end - c.a_start, c.b_end - c.b_start)
                           >= config.min_passage_words])
    if not kept:
        return Alignment(fa.doc_id, fb.doc_id, (), 0.0, 0.0)
    a_starts, a_ends = fa.token_offsets()
    b_starts, b_ends = fb.token_offsets()
    passages = tuple(
        Passage(
            a=Span(int(a_starts[c.a_start]), int(a_ends[c.a_end - 1])),
            b=Span(int(b_starts[c.b_start]), int(b_ends[c.b_end - 1])),
            kind="verbatim",
            score=min(1.0, c.matched / (c.a_end - c.a_start)),
            words=c.a_end - c.a_start,
        )
        for c in sorted(kept, key=lambda c: (c.a_start, c.b_start))
    )
    return Alignment(fa.doc_id, fb.doc_id, passages,
                     coverage([p.a for p in passages], fa.text_length),
                     coverage([p.b for p in passages], fb.text_length))


def _seed_runs(ha: np.ndarray, hb: np.ndarray, config: ReuseConfig) -> np.ndarray:
    """Runs of consecutive seeds on one diagonal: rows of (a_start, a_end, b_start) in words.

    ``a_end`` is exclusive and already counts the ``seed_k`` words of the last seed.
    """
    if ha.shape[0] == 0 or hb.shape[0] == 0:
        return np.empty((0, 3), dtype=np.int64)
    order = np.argsort(hb, kind="stable")
    sorted_b = hb[order]
    low = np.searchsorted(sorted_b, ha, "left")
    counts = np.searchsorted(sorted_b, ha, "right") - low
    usable = (counts > 0) & (counts <= config.max_seed_repeats)
    if not usable.any():
        return np.empty((0, 3), dtype=np.int64)
    a_pos = np.flatnonzero(usable)
    repeat = counts[usable]
    seed_a = np.repeat(a_pos, repeat)
    offsets = np.arange(seed_a.shape[0]) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    seed_b = order[np.repeat(low[usable], repeat) + offsets]
    diagonal = seed_b - seed_a
    by_diagonal = np.lexsort((seed_a, diagonal))
    seed_a, diagonal = seed_a[by_diagonal], diagonal[by_diagonal]
    breaks = np.flatnonzero((np.diff(diagonal) != 0) | (np.diff(seed_a) != 1)) + 1
    first = np.r_[0, breaks]
    last = np.r_[breaks - 1, seed_a.shape[0] - 1]
    starts = seed_a[first]
    return np.stack([starts, seed_a[last] + config.seed_k, starts + diagonal[first]], axis=1)


def _chain(runs: np.ndarray, k: int, max_gap: int) -> list[_Chain]:
    """Greedy chaining of runs, in order of their start in ``a``, across small gaps."""
    chains: list[_Chain] = []
    open_chains: list[_Chain] = []
    for a_start, a_end, b_start in sorted(runs.tolist()):
        b_end = b_start + (a_end - a_start)
        open_chains = [c for c in open_chains if a_start - c.a_end <= max_gap]
        target = next((c for c in open_chains
                       if -k <= b_start - c.b_end <= max_gap
                       and c.b_start <= b_start), None)
        if target is None:
            target = _Chain(a_start, a_end, b_start, b_end, a_end - a_start)
            chains.append(target)
            open_chains.append(target)
            continue
        target.matched += max(0, a_end - max(a_start, target.a_end))
        target.a_end = max(target.a_end, a_end)
        target.b_end = max(target.b_end, b_end)
    return chains


def _drop_overlaps(chains: list[_Chain]) -> list[_Chain]:
    """Where two passages claim the same words on either side, keep the longer one."""
    kept: list[_Chain] = []
    for chain in sorted(chains, key=lambda c: (-(c.a_end - c.a_start), c.a_start, c.b_start)):
        if not any(_overlap(chain.a_start, chain.a_end, k.a_start, k.a_end)
                   or _overlap(chain.b_start, chain.b_end, k.b_start, k.b_end) for k in kept):
            kept.append(chain)
    return kept


def _overlap(start: int, end: int, other_start: int, other_end: int) -> bool:
    """More than half of the shorter range lies inside the other."""
    inside = min(end, other_end) - max(start, other_start)
    return inside > 0.5 * min(end - start, other_end - other_start)


def coverage(spans: list[Span], length: int) -> float:
    """Share of ``length`` characters inside the union of ``spans``."""
    if length <= 0 or not spans:
        return 0.0
    covered, reach = 0, 0
    for span in sorted(spans):
        start = max(span.start, reach)
        if span.end > start:
            covered += span.end - start
            reach = span.end
    return covered / length
