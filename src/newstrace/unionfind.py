"""Union-find over any orderable ids: the smallest id of a group represents it, so the
grouping does not depend on the order the links came in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, Protocol, TypeVar

__all__ = ["UnionFind"]


class _Orderable(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


T = TypeVar("T", bound=_Orderable)


class UnionFind(Generic[T]):
    """Disjoint sets; ids are added on first sight."""

    def __init__(self, ids: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {i: i for i in ids}

    def find(self, item: T) -> T:
        """The representative of ``item``'s group (path compression on the way)."""
        root = self.parent.setdefault(item, item)
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: T, b: T) -> None:
        """Join the groups of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def members(self) -> dict[T, list[T]]:
        """Each group's members, sorted, keyed by its representative."""
        out: dict[T, list[T]] = {}
        for item in sorted(self.parent):
            out.setdefault(self.find(item), []).append(item)
        return out
