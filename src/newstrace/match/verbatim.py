"""Verbatim alignment: seed-and-extend over shared word shingles, into maximal passages.

Seeds are positions where both documents have the same ``seed_k``-word shingle (normalised
words, so white space, case, curly or straight quotes and punctuation do not matter). Seeds on
one diagonal that follow each other form runs; runs whose ends lie within ``max_gap_words`` on
both sides are chained into one passage, which tolerates a changed word or a dropped clause.
Passages shorter than ``min_passage_words`` are dropped: shared phrases are not reuse. Offsets
are character offsets into both clean texts (passim's anchor-and-extend idea, vectorised).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.index.shingles import Fingerprint, shingle_hashes
from newstrace.model import Passage, Span, flipped_passages

__all__ = [
    "Alignment",
    "align_groups",
    "align_verbatim",
    "alignment_from_json",
    "coverage",
]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Every passage two documents share, and how much of each document they cover."""

    a_id: str
    b_id: str
    passages: tuple[Passage, ...]
    coverage_a: float
    coverage_b: float

    def to_json(self) -> dict[str, object]:
        """The alignment as the index stores it between the verbatim and semantic stages
        (``stages.verbatim``): coverages and scores to four digits, as a relation's JSON
        writes them."""
        return {"a": self.a_id, "b": self.b_id,
                "coverage": [round(self.coverage_a, 4), round(self.coverage_b, 4)],
                "passages": [p.to_json() for p in self.passages]}

    def seen_from(self, first: str) -> Alignment:
        """The alignment with ``first`` as its first document (itself, or flipped)."""
        if first == self.a_id:
            return self
        return Alignment(self.b_id, self.a_id, flipped_passages(self.passages), self.coverage_b,
                         self.coverage_a)


def alignment_from_json(record: dict[str, Any]) -> Alignment:
    """The inverse of ``Alignment.to_json``."""
    passages = tuple(Passage(Span(*p["a"]), Span(*p["b"]), p["kind"], p["score"], p["words"])
                     for p in record["passages"])
    return Alignment(record["a"], record["b"], passages, *record["coverage"])


@dataclass(slots=True)
class _Chain:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int


def align_verbatim(fa: Fingerprint, fb: Fingerprint, config: ReuseConfig) -> Alignment:
    """Align two fingerprinted documents; passages are ordered by their start in ``fa``."""
    return align_groups([(fa, [(fb, True)])], config)[0][0]


def align_groups(groups: Sequence[tuple[Fingerprint, Sequence[tuple[Fingerprint, bool]]]],
                 config: ReuseConfig) -> list[list[Alignment]]:
    """Align each document ``fx`` of ``groups`` with each of its partners, as
    ``align_verbatim`` would pair by pair: with ``(other, True)`` ``fx`` is the first document
    of the pair, else the second. One list of alignments per group.

    Why many at once: finding seeds takes some forty numpy calls whatever the input size, so
    a batch of new documents shares them (about 0.3 ms per document when done one by one).
    """
    k = config.seed_k
    partners = [pair for _fx, group in groups for pair in group]
    group_of = np.repeat(np.arange(len(groups)), [len(group) for _fx, group in groups])
    runs = _seed_runs_groups(_shingles_of([fx for fx, _ in groups], k),
                             _shingles_of([other for other, _ in partners], k), group_of, config)
    found: list[list[Alignment]] = [[] for _ in groups]
    for number, (other, x_first) in enumerate(partners):
        group = int(group_of[number])
        fx, own = groups[group][0], runs[number]
        if x_first:
            found[group].append(_alignment(fx, other, own, config))
        else:
            swapped = np.stack([own[:, 2], own[:, 2] + own[:, 1] - own[:, 0], own[:, 0]], axis=1)
            found[group].append(_alignment(other, fx, swapped, config))
    return found


def _alignment(fa: Fingerprint, fb: Fingerprint, runs: np.ndarray,
               config: ReuseConfig) -> Alignment:
    """Passages from seed runs (rows of ``a_start, a_end, b_start`` in words)."""
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


def _shingles_of(fingerprints: Sequence[Fingerprint], k: int) -> list[np.ndarray]:
    """The k-word shingles of several documents, hashed in one pass over their tokens
    (the shingles that would straddle two documents are cut out)."""
    if len(fingerprints) == 1:
        return [fingerprints[0].shingles(k)]
    tokens = [f.token_hashes for f in fingerprints]
    joined = shingle_hashes(np.concatenate(tokens), k)
    found, start = [], 0
    for array in tokens:
        found.append(joined[start : start + max(0, array.shape[0] - k + 1)])
        start += array.shape[0]
    return found


def _most_repeated(hashes: np.ndarray, owners: np.ndarray) -> int:
    """How often one hash occurs at most within its owner's array, or more (two owners'
    keys colliding in 64 bits can only raise it): a cheap test before ``_repeats``."""
    if hashes.shape[0] == 0:
        return 0
    keyed = np.sort(hashes + owners.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    starts = np.flatnonzero(np.concatenate(([True], keyed[1:] != keyed[:-1])))
    return int(np.diff(starts, append=keyed.shape[0]).max())


def _repeats(hashes: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """How often each hash occurs within its owner's array."""
    if hashes.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((hashes, owners))
    h, o = hashes[order], owners[order]
    starts = np.flatnonzero(np.concatenate(([True], (h[1:] != h[:-1]) | (o[1:] != o[:-1]))))
    sizes = np.diff(starts, append=h.shape[0])
    counts = np.empty(h.shape[0], dtype=np.int64)
    counts[order] = np.repeat(sizes, sizes)
    return counts


def _flattened(arrays: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arrays joined end to end, with the number of the array each value came from and its
    position in that array."""
    lengths = np.array([a.shape[0] for a in arrays], dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    flat = np.concatenate(arrays) if arrays else np.empty(0, np.uint64)
    owner = np.repeat(np.arange(len(arrays)), lengths)
    return flat, owner, np.arange(flat.shape[0]) - starts[owner]


def _seed_runs_groups(xs: Sequence[np.ndarray], others: Sequence[np.ndarray],
                      group_of: np.ndarray, config: ReuseConfig) -> list[np.ndarray]:
    """For each of the ``others``, runs of consecutive seeds shared with its group's document
    (``xs[group_of[i]]``) on one diagonal: rows of (x_start, x_end, other_start) in words;
    ``x_end`` is exclusive and counts the last seed's words.

    A seed is a shingle both documents hold. One that occurs more than ``max_seed_repeats``
    times in both documents is a repeated line and seeds nothing (in one of them only, it
    gives at most that many seeds per occurrence in the other). The group is mixed into
    every hash, so one sorted array serves all groups.
    """
    empty = np.empty((0, 3), dtype=np.int64)
    hx, x_group, x_position = _flattened(xs)
    flat, owner, position = _flattened(others)
    if hx.shape[0] == 0 or flat.shape[0] == 0:
        return [empty] * len(others)
    tag = np.uint64(0x9E3779B97F4A7C15)  # uint64 arithmetic on arrays wraps, silently
    keyed_x = hx + x_group.astype(np.uint64) * tag
    keyed = flat + group_of[owner].astype(np.uint64) * tag
    order = np.argsort(keyed_x, kind="stable")
    sorted_x = keyed_x[order]
    low = np.searchsorted(sorted_x, keyed, "left")
    hit = sorted_x[np.minimum(low, sorted_x.shape[0] - 1)] == keyed
    in_x = np.zeros(flat.shape[0], dtype=np.int64)
    in_x[hit] = np.searchsorted(sorted_x, keyed[hit], "right") - low[hit]
    limit = config.max_seed_repeats
    usable = hit.copy()
    if _most_repeated(flat[hit], owner[hit]) > limit:  # else no shingle repeats that often
        usable[hit] = (in_x[hit] <= limit) | (_repeats(flat[hit], owner[hit]) <= limit)
    repeat = in_x[usable]
    seed_o = np.repeat(position[usable], repeat)
    seed_owner = np.repeat(owner[usable], repeat)
    offsets = np.arange(seed_o.shape[0]) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    seed_x = order[np.repeat(low[usable], repeat) + offsets]
    same = x_group[seed_x] == group_of[seed_owner]  # a 64-bit collision across groups
    seed_o, seed_owner, seed_x = seed_o[same], seed_owner[same], seed_x[same]
    if seed_x.shape[0] == 0:
        return [empty] * len(others)
    seed_x = x_position[seed_x]  # positions in the group's own document
    diagonal = seed_o - seed_x
    by_run = np.lexsort((seed_x, diagonal, seed_owner))
    seed_x, diagonal, seed_owner = seed_x[by_run], diagonal[by_run], seed_owner[by_run]
    breaks = np.flatnonzero((np.diff(seed_owner) != 0) | (np.diff(diagonal) != 0)
                            | (np.diff(seed_x) != 1)) + 1
    first = np.concatenate(([0], breaks))
    last = np.append(breaks - 1, seed_x.shape[0] - 1)
    starts = seed_x[first]
    rows = np.stack([starts, seed_x[last] + config.seed_k, starts + diagonal[first]], axis=1)
    bounds = np.searchsorted(seed_owner[first], np.arange(len(others) + 1))
    return [rows[bounds[n] : bounds[n + 1]] for n in range(len(others))]


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
