"""Many small sets as hashes, for pairwise Dice overlaps in a few numpy calls.

Sentence alignment needs the Dice overlap of every sentence of one document with every
sentence of another, and of every pair of neighbouring sentences (a merged sentence) with
them. Building Python sets pair by pair dominated the semantic stage; here each document's
sets are hashed once, and a pair costs one ``intersect1d`` and one small matrix product over
the items the two documents share.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import xxhash

__all__ = ["HashedSets", "Overlap", "dice", "dice_family", "exact_dice", "exact_shared",
           "hashed_sets", "joined_sets", "set_hashes", "sliced"]


@dataclass(frozen=True, slots=True)
class HashedSets:
    """``n`` sets: their items' hashes (``owner`` says which set each belongs to), each set's
    size, and the size of each set's union with the next one."""

    items: np.ndarray  # uint64
    owner: np.ndarray  # int64
    sizes: np.ndarray  # int64, (n,)
    next_union: np.ndarray  # int64, (n - 1,)
    #: The distinct items, sorted: made once, not for each pair the sets are compared in
    #: (sorting both sides' items was a quarter of ``dice_family``'s time on a dense crawl).
    distinct: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "distinct", np.unique(self.items))

    def __len__(self) -> int:
        return len(self.sizes)

    def __reduce__(self) -> tuple[type[HashedSets], tuple[np.ndarray, ...]]:
        # Plain positional rebuild: a frozen dataclass's default pickling walks its fields
        # per object, which dominated sending thousands of these back from the workers.
        return HashedSets, (self.items, self.owner, self.sizes, self.next_union)


def hashed_sets(sets: Sequence[Iterable[str]]) -> HashedSets:
    """The sets as hashes (xxh3, so equal strings hash alike in every process)."""
    return joined_sets([set_hashes(group) for group in sets])


def set_hashes(group: Iterable[str]) -> bytes:
    """One set's items as its sorted distinct xxh3 hashes, packed as uint64: the form a
    sentence's set is kept in between documents (``index.sentences.SentenceMemo``)."""
    hashes = sorted({xxhash.xxh3_64_intdigest(item.encode()) for item in group})
    return np.array(hashes, dtype=np.uint64).tobytes()


def joined_sets(packed: Sequence[bytes], unions: bool = True) -> HashedSets:
    """The sets whose ``set_hashes`` these are, in order, as ``hashed_sets`` makes them
    (without ``unions``, each set's union with the next is left at 0: for ``exact_dice``,
    which does not read it). ``items`` is a read-only view of the joined bytes.

    The size of each set's union with the next is counted in one sort: every item is
    listed under its own set and again under the set before it, and an item listed twice
    under one set lies in both neighbours."""
    count = len(packed)
    items = np.frombuffer(b"".join(packed), dtype=np.uint64)
    sizes = np.fromiter((len(p) // 8 for p in packed), dtype=np.int64, count=count)
    owner = np.repeat(np.arange(count, dtype=np.int64), sizes)
    if not unions or count < 2:
        return HashedSets(items, owner, sizes, np.zeros(max(0, count - 1), dtype=np.int64))
    later = owner >= 1
    under = np.concatenate([owner, owner[later] - 1])
    listed = np.concatenate([items, items[later]])
    order = np.lexsort((listed, under))
    under, listed = under[order], listed[order]
    twice = (under[1:] == under[:-1]) & (listed[1:] == listed[:-1])
    shared = np.bincount(under[1:][twice], minlength=count)[:count - 1]
    return HashedSets(items, owner, sizes, (sizes[:-1] + sizes[1:] - shared).astype(np.int64))


def sliced(sets: HashedSets, first: int, last: int) -> HashedSets:
    """Sets ``first``..``last`` of ``sets``, as ``hashed_sets`` would make them from those
    sets alone (a long query's cut, without hashing its sentences again)."""
    inside = (sets.owner >= first) & (sets.owner <= last)
    return HashedSets(sets.items[inside], sets.owner[inside] - first,
                      sets.sizes[first:last + 1], sets.next_union[first:last])


def _membership(sets: HashedSets, common: np.ndarray) -> np.ndarray:
    """Which of the ``common`` items each set holds, as a 0/1 matrix."""
    rows = np.zeros((len(sets), len(common)), dtype=np.float32)
    if len(common) and len(sets.items):
        at = np.minimum(np.searchsorted(common, sets.items), len(common) - 1)
        keep = common[at] == sets.items
        rows[sets.owner[keep], at[keep]] = 1.0
    return rows


Overlap = tuple[np.ndarray, np.ndarray]


def _count_shared(rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """How many items each pair of 0/1 membership rows shares. Some OpenBLAS builds set the
    processor's invalid-operation flag inside their matrix kernels whatever the input
    (numpy issues 13173 and 24067), and numpy then warns "invalid value encountered in
    matmul" on the user's console; sums of zeros and ones hold no invalid value, so that
    flag is not reported here."""
    with np.errstate(invalid="ignore"):
        return rows_a @ rows_b.T


def _dice(rows_a: np.ndarray, rows_b: np.ndarray, size_a: np.ndarray, size_b: np.ndarray
          ) -> Overlap:
    total = size_a[:, None] + size_b[None, :]
    present = total > 0
    if not rows_a.shape[1] or not len(rows_a) or not len(rows_b):
        return np.zeros(total.shape, dtype=np.float32), present
    shared = _count_shared(rows_a, rows_b)
    return (np.where(present, 2 * shared / np.maximum(total, 1), 0.0).astype(np.float32),
            present)


def exact_shared(a: HashedSets, b: HashedSets) -> np.ndarray:
    """How many items each of a's sets shares with each of b's (``len(x & y)``, as int64;
    items that differ but share a 64-bit hash, a chance of about n²/2⁶⁴, count as one)."""
    common = np.intersect1d(a.distinct, b.distinct, assume_unique=True)
    return np.rint(_count_shared(_membership(a, common), _membership(b, common))
                   ).astype(np.int64)


def exact_dice(a: HashedSets, b: HashedSets) -> np.ndarray:
    """Dice overlaps of a's sets with b's in float64, each the value Python's
    ``2 * len(x & y) / (len(x) + len(y))`` gives on the sets themselves (0.0 for two empty
    sets): for rules whose thresholds were set on that arithmetic."""
    shared = exact_shared(a, b)
    total = a.sizes[:, None] + b.sizes[None, :]
    return np.where(total > 0, (2 * shared) / np.maximum(total, 1), 0.0)


def dice_family(a: HashedSets, b: HashedSets) -> tuple[Overlap, Overlap, Overlap]:
    """Dice overlaps (values, where either set is non-empty) of a's sets with b's, of a's
    neighbour pairs joined with b's sets, and of a's sets with b's joined neighbours: one
    intersection for all three."""
    common = np.intersect1d(a.distinct, b.distinct, assume_unique=True)
    rows_a, rows_b = _membership(a, common), _membership(b, common)
    joined_a = np.minimum(rows_a[:-1] + rows_a[1:], 1.0)
    joined_b = np.minimum(rows_b[:-1] + rows_b[1:], 1.0)
    return (_dice(rows_a, rows_b, a.sizes, b.sizes),
            _dice(joined_a, rows_b, a.next_union, b.sizes),
            _dice(rows_a, joined_b, a.sizes, b.next_union))


def dice(a: HashedSets, b: HashedSets, merge_a: bool = False, merge_b: bool = False
         ) -> Overlap:
    """Pairwise Dice overlaps, and where either set is non-empty (else the overlap means
    nothing). ``merge_a`` compares each set of ``a`` joined with the next instead."""
    plain, joined_a, joined_b = dice_family(a, b)
    if merge_a and merge_b:
        raise ValueError("join neighbours on one side at a time")
    return joined_a if merge_a else joined_b if merge_b else plain
