"""Document vectors and rare names of the related documents: the semantic stage's candidates.

Each new document is proposed the older documents that are among its nearest by document
vector (and close enough), or that share enough rare names with it. A batch of new documents
is scored against the corpus in one matrix product rather than one product per document: the
product streams the corpus's vectors through memory once per block of new documents instead
of once per document, which at 10k documents is the difference between 7 s and a fraction of
one. Each new document still sees only what came before it, the corpus and the earlier
documents of its batch, so the candidates do not depend on how documents are batched.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = [
    "MIN_COSINE",
    "MIN_SHARED_NAMES",
    "NAMES_CONTAINED",
    "NEIGHBOURS",
    "Corpus",
]

#: Nearest documents by vector proposed for each new document.
NEIGHBOURS = 5
#: A neighbour must be at least this close (cosine of document vectors): half the SemEval
#: 2022 English pairs that people rated unrelated lie below 0.69.
MIN_COSINE = 0.7
#: Pairs sharing this many rare names (in at most ``max_df`` documents), and this share of
#: the smaller document's names, are proposed: a translation or a rewrite keeps most of its
#: source's names, two reports on one sector share a few.
MIN_SHARED_NAMES = 3
NAMES_CONTAINED = 0.5
#: Cells of one block of the similarity matrix (64 MB of float32): large batches against a
#: large corpus are scored block by block.
_BLOCK_CELLS = 1 << 24

#: Candidates of one document: rowid of an older document -> the generators that proposed it.
Found = dict[int, set[str]]


class Corpus:
    """Vectors (unit length) and names of documents, in the order they were added."""

    def __init__(self, rows: Iterable[tuple[int, bytes, str]] = ()) -> None:
        """``rows`` are stored ``(rowid, float16 vector bytes, JSON list of names)``."""
        self.rowids: list[int] = []
        self.names: list[frozenset[str]] = []
        self.postings: dict[str, list[int]] = {}
        self._buffer = np.zeros((0, 0), dtype=np.float32)
        for rowid, blob, names in rows:
            self.append(rowid, np.frombuffer(blob, dtype=np.float16).astype(np.float32),
                        frozenset(json.loads(names)))

    @property
    def vectors(self) -> np.ndarray:
        """One row per document, in ``rowids`` order."""
        return self._buffer[:len(self.rowids)]

    def append(self, rowid: int, vector: np.ndarray, names: frozenset[str]) -> None:
        """Add one document; the vector buffer doubles when full."""
        position = len(self.rowids)
        if position >= len(self._buffer) or self._buffer.shape[1] != len(vector):
            grown = np.zeros((max(1024, 2 * len(self._buffer)), len(vector)), dtype=np.float32)
            if position:
                grown[:position] = self._buffer[:position]
            self._buffer = grown
        self._buffer[position] = vector
        self.rowids.append(rowid)
        self.names.append(names)
        for name in names:
            self.postings.setdefault(name, []).append(position)

    def add(self, rowids: Sequence[int], vectors: np.ndarray,
            names: Sequence[frozenset[str]], max_df: int) -> list[Found]:
        """Add documents in order; returns each one's candidates among those before it.

        The vectors are taken at the precision they are stored in (float16), so that a run
        interrupted and resumed from the stored corpus proposes what one run would have."""
        vectors = vectors.astype(np.float16).astype(np.float32)
        base = len(self.rowids)
        for rowid, vector, own in zip(rowids, vectors, names, strict=True):
            self.append(rowid, vector, own)
        out: list[Found] = []
        step = max(1, _BLOCK_CELLS // max(1, len(self.rowids)))
        for start in range(0, len(rowids), step):
            stop = min(start + step, len(rowids))
            sims = vectors[start:stop] @ self.vectors[:base + stop].T
            out += [self._found(sims[i - start, :base + i], names[i], base + i, max_df)
                    for i in range(start, stop)]
        return out

    def propose(self, vector: np.ndarray, names: frozenset[str], max_df: int) -> Found:
        """Candidates of a document that is not in the corpus, among all it holds."""
        if not self.rowids:
            return {}
        return self._found(self.vectors @ vector, names, len(self.rowids), max_df)

    def _found(self, sims: np.ndarray, names: frozenset[str], limit: int,
               max_df: int) -> Found:
        """Candidates among the first ``limit`` documents, given the cosines with them."""
        found: Found = {}
        if not limit:
            return found
        if limit > NEIGHBOURS:  # the top few without sorting them all
            part = np.argpartition(-sims, NEIGHBOURS - 1)[:NEIGHBOURS]
            top = part[np.lexsort((part, -sims[part]))]
        else:
            top = np.lexsort((np.arange(limit), -sims))
        for position in top[sims[top] >= MIN_COSINE].tolist():
            found.setdefault(self.rowids[position], set()).add("vectors")
        shared: Counter[int] = Counter()
        for name in names:
            holders = self.postings.get(name, [])
            visible = bisect.bisect_left(holders, limit)  # postings are in position order
            if visible <= max_df:
                shared.update(holders[:visible])
        for position, count in shared.items():
            if count >= MIN_SHARED_NAMES and count >= NAMES_CONTAINED * min(
                    len(names), len(self.names[position])):
                found.setdefault(self.rowids[position], set()).add("immutables")
        return found
