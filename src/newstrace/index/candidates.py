"""Candidate pairs without comparing all pairs: documents that share rare keys.

Two generators feed one grouping kernel. Postings of sampled shingles (passim's idea, with a
document-frequency band) find any verbatim reuse, whatever the length ratio: an excerpt that
is 10% of its source still shares its shingles. MinHash LSH bands over passages find pairs
whose passages are near-duplicates even when edits break long shingles. A key shared by more
than ``max_df`` documents is boilerplate and proposes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.index.minhash import MinHasher
from newstrace.index.shingles import _mix, sample_mask, shingle_hashes
from newstrace.index.unique import sorted_unique

__all__ = [
    "CandidatePairs",
    "band_keys",
    "corpus_candidates",
    "document_keys",
    "pairs_sharing_keys",
    "pairs_with_newer",
]


@dataclass(frozen=True, slots=True)
class CandidatePairs:
    """Document index pairs ``left < right`` and how many keys each pair shares."""

    left: np.ndarray
    right: np.ndarray
    shared: np.ndarray

    def __len__(self) -> int:
        return int(self.left.shape[0])


def pairs_sharing_keys(keys: np.ndarray, docs: np.ndarray, *, max_df: int,
                       min_shared: int) -> CandidatePairs:
    """Pairs of documents sharing at least ``min_shared`` keys held by 2..``max_df`` documents.

    ``keys[i]`` is held by document ``docs[i]``. Vectorised: one sort, then one gather per
    distinct group size.
    """
    if keys.shape[0] == 0:
        return _no_pairs()
    table = np.unique(np.stack([keys.view(np.int64), docs.astype(np.int64)], axis=1), axis=0)
    order_keys, order_docs = table[:, 0], table[:, 1]
    starts = np.flatnonzero(np.r_[True, order_keys[1:] != order_keys[:-1]])
    sizes = np.diff(np.r_[starts, order_keys.shape[0]])
    encoded: list[np.ndarray] = []
    width = np.int64(int(order_docs.max()) + 1)
    for size in np.unique(sizes):
        if size < 2 or size > max_df:
            continue
        group_starts = starts[sizes == size]
        members = order_docs[group_starts[:, None] + np.arange(size)[None, :]]
        first, second = np.triu_indices(int(size), 1)
        encoded.append((members[:, first] * width + members[:, second]).ravel())
    if not encoded:
        return _no_pairs()
    pairs, counts = np.unique(np.concatenate(encoded), return_counts=True)
    keep = counts >= min_shared
    pairs = pairs[keep]
    return CandidatePairs(pairs // width, pairs % width, counts[keep])


def pairs_with_newer(keys: np.ndarray, docs: np.ndarray, newer: np.ndarray, *,
                     min_shared: int) -> CandidatePairs:
    """Pairs ``left < right`` sharing at least ``min_shared`` keys, where ``right`` is one of
    the ``newer`` documents: what a batch of new documents must be aligned with.

    ``keys[i]`` is held by ``docs[i]``, each (key, doc) once, sorted by key then document.
    Only pairs with a new document are enumerated: a key held by 50 documents of which one is
    new gives 49 pairs, not the 1,225 that grouping every holder would.
    """
    count = keys.shape[0]
    if count == 0:
        return _no_pairs()
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    group_start = np.repeat(starts, np.diff(starts, append=count))
    rank = np.arange(count) - group_start  # holders of the same key before this one
    mine = np.isin(docs, newer) & (rank > 0)
    before = rank[mine]
    total = int(before.sum())
    if total == 0:
        return _no_pairs()
    right = np.repeat(docs[mine], before)
    first = np.repeat(group_start[mine], before)
    left = docs[first + np.arange(total) - np.repeat(np.cumsum(before) - before, before)]
    width = np.int64(int(docs.max()) + 1)
    pairs, shared = sorted_unique(left.astype(np.int64) * width + right, counts=True)
    keep = shared >= min_shared
    return CandidatePairs(pairs[keep] // width, pairs[keep] % width, shared[keep])


def _no_pairs() -> CandidatePairs:
    empty = np.empty(0, dtype=np.int64)
    return CandidatePairs(empty, empty, empty)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per (passage, band): the band's rows mixed with the band's number."""
    if signatures.shape[0] == 0:
        return np.empty(0, dtype=np.uint64)
    banded = signatures[:, : bands * rows].reshape(signatures.shape[0], bands, rows)
    keys = np.arange(1, bands + 1, dtype=np.uint64)[None, :] * np.uint64(0x9E3779B97F4A7C15)
    for row in range(rows):
        keys = _mix(keys ^ banded[:, :, row])
    return sorted_unique(keys.ravel())[0]


def document_keys(hashes: np.ndarray, config: ReuseConfig,
                  hasher: MinHasher) -> tuple[np.ndarray, np.ndarray]:
    """A document's sampled shingle keys (postings) and its passage band keys (LSH), from its
    token hashes."""
    shingles = shingle_hashes(hashes, config.shingle_k)
    sampled = sorted_unique(shingles[sample_mask(shingles, config.sample_modulus)])[0]
    signatures = hasher.window_signatures(shingles, config.window)
    return sampled, band_keys(signatures, config.bands, config.rows)


def corpus_candidates(keys: Sequence[tuple[np.ndarray, np.ndarray]],
                      config: ReuseConfig) -> dict[tuple[int, int], tuple[str, ...]]:
    """Candidate pairs of a whole corpus, each with the generators that proposed it."""
    found: dict[tuple[int, int], set[str]] = {}
    for slot, name, min_shared in ((0, "shingles", config.min_shared), (1, "minhash", 1)):
        arrays = [k[slot] for k in keys]
        if not arrays:
            continue
        flat = np.concatenate(arrays) if arrays else np.empty(0, np.uint64)
        owners = np.repeat(np.arange(len(arrays)), [a.shape[0] for a in arrays])
        pairs = pairs_sharing_keys(flat, owners, max_df=config.max_df, min_shared=min_shared)
        for left, right in zip(pairs.left.tolist(), pairs.right.tolist(), strict=True):
            found.setdefault((left, right), set()).add(name)
    return {pair: tuple(sorted(names)) for pair, names in sorted(found.items())}
