"""Distinct values of the integer arrays that keys and pairs are made of."""

from __future__ import annotations

import numpy as np

__all__ = ["sorted_unique"]


def sorted_unique(values: np.ndarray, counts: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values in order, and how often each occurs (when ``counts``).

    ``np.unique`` does the same, but numpy 2 hashes integers first, which is several times
    slower than this one sort on the arrays of keys and pairs that candidates are made of.
    """
    ordered = np.sort(values)
    if ordered.shape[0] == 0:
        return ordered, np.empty(0, np.int64)
    first = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    sizes = np.diff(first, append=ordered.shape[0]) if counts else np.empty(0, np.int64)
    return ordered[first], sizes
