"""A map that keeps its entries up to a byte budget: the memos of one run.

A run reads the same sentence, paragraph or statement many times over (a crawl repeats its
text across copies), and keeping each reading once saves the work. The readings are pure
functions of their key, so what is kept changes only the work, never the answer; past the
budget, new entries are simply not kept and their readers compute them again. Sizes are
the caller's estimates (Python's own accounting of nested objects is not cheap to ask).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["BoundedMap"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedMap(Generic[K, V]):
    """Values by key, kept while about ``capacity_bytes`` are held."""

    def __init__(self, capacity_bytes: int) -> None:
        self.capacity_bytes = capacity_bytes
        self.held_bytes = 0
        self._kept: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, key: object) -> bool:
        return key in self._kept

    def __getitem__(self, key: K) -> V:
        return self._kept[key]

    def get(self, key: K) -> V | None:
        """The kept value of ``key``, or None."""
        return self._kept.get(key)

    def keep(self, key: K, value: V, size: int) -> bool:
        """Keep ``value`` (about ``size`` bytes) when there is room; whether it was kept."""
        if self.held_bytes + size > self.capacity_bytes:
            return False
        self._kept[key] = value
        self.held_bytes += size
        return True
