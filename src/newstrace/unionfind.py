"""Union-find over any orderable ids: the smallest id of a group represents it, so the
grouping does not depend on the order the links came in."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import Any, Generic, Protocol, TypeVar

import numpy as np

__all__ = ["DenseUnionFind", "UnionFind"]


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


class DenseUnionFind:
    """Disjoint sets of the ints ``0..size-1``, the parents held in one array: 8 bytes an
    item where ``UnionFind``'s dict takes about 100 (its entry and the int objects). Used
    where the items are numbered already and many: the claims' mentions of a crawl's largest
    tied group, about nine a document. The smallest id represents a group, as in
    ``UnionFind``, so the grouping does not depend on the order of the unions either."""

    def __init__(self, size: int) -> None:
        self.parent = array("q", range(size))

    def find(self, item: int) -> int:
        """The representative of ``item``'s group (path compression on the way)."""
        parent = self.parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        """Join the groups of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self, smallest: int = 1) -> Iterator[list[int]]:
        """Each group of at least ``smallest`` items, its members sorted, groups in the order
        of their representatives (``UnionFind.members``' order)."""
        if not self.parent:
            return
        # jumping to the parent's parent until nothing moves reaches each item's
        # representative, for all items at once
        roots = np.frombuffer(self.parent, dtype=np.int64).copy()
        while True:
            jumped = roots[roots]
            if np.array_equal(jumped, roots):
                break
            roots = jumped
        order = np.argsort(roots, kind="stable")
        ordered = roots[order]
        cuts = np.flatnonzero(np.diff(ordered)) + 1
        starts = np.concatenate(([0], cuts))
        ends = np.concatenate((cuts, [len(ordered)]))
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            if end - start >= smallest:
                yield order[start:end].tolist()
