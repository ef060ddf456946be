"""MinHash signatures in numpy, for documents and for sliding passages of a document.

Each permutation is a multiply-shift hash of the 64-bit shingle hash: the high 32 bits of
``a * x + b`` modulo 2^64, with ``a`` odd — a 2-universal family (Dietzfelbinger et al. 1997)
that numpy computes with wrapping uint64 arithmetic. ``a`` and ``b`` come from a seeded
generator, so the same seed gives the same signatures on every machine (Broder 1997).
"""

from __future__ import annotations

import numpy as np

__all__ = ["MinHasher"]

_SHIFT = np.uint64(32)
_EMPTY = np.uint64(1 << 32)  # above every 32-bit value: the signature of nothing


class MinHasher:
    """Seeded MinHash over ``num_perm`` permutations."""

    def __init__(self, num_perm: int = 64, seed: int = 1) -> None:
        self.num_perm = num_perm
        self.seed = seed
        rng = np.random.default_rng(seed)
        self._a = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64,
                               endpoint=True) | np.uint64(1)
        self._b = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64,
                               endpoint=True)

    def _permuted(self, hashes: np.ndarray) -> np.ndarray:
        # uint64 arithmetic on arrays wraps modulo 2^64, without warnings
        return (self._a[:, None] * hashes[None, :] + self._b[:, None]) >> _SHIFT

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """The signature (``num_perm`` values) of a set of shingle hashes."""
        if hashes.shape[0] == 0:
            return np.full(self.num_perm, _EMPTY, dtype=np.uint64)
        return self._permuted(np.unique(hashes)).min(axis=1)

    def window_signatures(self, hashes: np.ndarray, window: int) -> np.ndarray:
        """Signatures of overlapping passages of ``window`` shingles, every ``window // 2``.

        Shape ``(passages, num_perm)``. Blocks of half a window are reduced once and each
        passage is the minimum of two neighbouring blocks, so the cost is one pass.
        """
        step = max(1, window // 2)
        count = hashes.shape[0]
        if count == 0:
            return np.empty((0, self.num_perm), dtype=np.uint64)
        starts = np.arange(0, count, step)
        blocks = np.minimum.reduceat(self._permuted(hashes), starts, axis=1).T
        if blocks.shape[0] == 1:
            return blocks
        return np.minimum(blocks[:-1], blocks[1:])
