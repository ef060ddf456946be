"""Maps that keep a bounded number of entries: the memos of one run.

A run reads the same sentence, paragraph or statement many times over (a crawl repeats its
text across copies), and keeping each reading once saves the work. The readings are pure
functions of their key, so what is kept changes only the work, never the answer; past the
budget, new entries are simply not kept and their readers compute them again. Sizes are
the caller's estimates (Python's own accounting of nested objects is not cheap to ask).

A forked worker's memo is another matter: the work it is handed comes in an order (pairs
sorted by source), so what it reads again is mostly what it read last, and its memory is
the process tree's, not this process's. ``RecentMap`` keeps the most recently used entries
up to a count and lets the others go.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["BoundedMap", "RecentMap"]

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


class RecentMap(Generic[K, V]):
    """Values by key, at most ``capacity`` of them: the least recently used is let go to make
    room for a new one. ``get_or_make`` is the one way in, so a value is made by its key's
    function only when it is not kept. Written here rather than ``functools.lru_cache``
    around a bound method: the memos live in records that a cluster engine pickles
    (``Engine.map_shared``), and an ``lru_cache`` wrapper does not pickle."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("a RecentMap keeps at least one entry")
        self.capacity = capacity
        self._kept: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, key: object) -> bool:
        return key in self._kept

    def get_or_make(self, key: K, make: Callable[[K], V]) -> V:
        """The value of ``key``: kept, or made now by ``make(key)`` and kept."""
        try:
            found = self._kept[key]
        except KeyError:
            pass
        else:
            self._kept.move_to_end(key)
            return found
        made = self._kept[key] = make(key)
        if len(self._kept) > self.capacity:
            self._kept.popitem(last=False)
        return made
