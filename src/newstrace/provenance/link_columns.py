"""The claims' links held as columns: two int64s and a flag a link, not an object.

A dense crawl ties most of its documents into one group whose claims are found together:
at 100,000 generated documents about a million links, each a ``Link`` object with two int
objects (about 130 bytes with its list slot), held with every mention while the mentions
are grouped. The workers send each relation's links packed (``pack_links``); the group
reads them as arrays (``LinkColumns``), 17 bytes a link.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from newstrace.provenance.claim_match import Link

__all__ = ["LinkColumns", "Packed", "pack_links"]

#: One relation's links as a worker sends them: the (a, b) mention pairs packed as int64,
#: whether they link independent reports (all of one relation's links do or none), and the
#: variants by link position; None for no link.
Packed = tuple[bytes, bool, tuple[tuple[int, str], ...]] | None

#: Links turned back into Python ints at a time while they are read.
_CHUNK = 1 << 16


def pack_links(links: Sequence[Link]) -> Packed:
    """One relation's links, packed (they are all independent or all aligned)."""
    if not links:
        return None
    independent = links[0].independent
    assert all(link.independent == independent for link in links)
    return (array("q", [i for link in links for i in (link.a, link.b)]).tobytes(),
            independent, tuple((n, link.variant) for n, link in enumerate(links)
                               if link.variant))


@dataclass(frozen=True)
class LinkColumns:
    """Links in order: ``pairs`` (n x 2 mention indices), ``independent`` (n flags) and the
    variants of the few links that have one, by position."""

    pairs: np.ndarray
    independent: np.ndarray
    variants: dict[int, str]

    @classmethod
    def of(cls, packed: Sequence[Packed]) -> LinkColumns:
        """The links of relations packed by ``pack_links``, in their order."""
        parts = [p for p in packed if p is not None]
        counts = [len(p[0]) // 16 for p in parts]
        pairs = np.frombuffer(b"".join(p[0] for p in parts), dtype=np.int64).reshape(-1, 2)
        independent = np.repeat(np.array([p[1] for p in parts], dtype=bool), counts)
        variants: dict[int, str] = {}
        offset = 0
        for part, count in zip(parts, counts, strict=True):
            variants.update((offset + n, variant) for n, variant in part[2])
            offset += count
        return cls(pairs, independent, variants)

    def __len__(self) -> int:
        return len(self.pairs)

    def each(self, independent: bool) -> Iterator[tuple[int, int, int]]:
        """(position, a, b) of the independent links, or of the aligned ones, in order."""
        where = np.flatnonzero(self.independent == independent)
        for start in range(0, len(where), _CHUNK):
            part = where[start:start + _CHUNK]
            chosen = self.pairs[part]
            yield from zip(part.tolist(), chosen[:, 0].tolist(), chosen[:, 1].tolist(),
                           strict=True)
