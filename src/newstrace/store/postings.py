"""Postings of the index: sorted numpy runs of (key, document), kept as SQLite blobs.

A batch of documents writes its postings as one *segment* (keys sorted, with the rowid of the
document holding each) in the transaction that inserts the documents. In memory, segments of
one level are merged into one of the next level when ``FANOUT`` of them have gathered, like a
log-structured merge tree, and lookups binary-search every segment.

Why by hand: every posting written to a SQLite B-tree at a random key was most of the cost of
indexing (at 100k documents, about 20M rows and 240 s of the main process), and no well-kept
library gives a transactional inverted index of 64-bit keys inside the same SQLite file (search
engines such as tantivy or whoosh keep their own files and their own transactions, so a killed
run could leave them out of step with the documents). A segment is one row: it is committed
whole or not at all, with the documents it belongs to.

Keys are 64-bit hashes whose lowest bit is replaced by their kind (``KIND_SHINGLES``,
``KIND_BANDS``), so one sorted array holds both kinds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np

from newstrace.index.unique import sorted_unique

__all__ = [
    "FANOUT",
    "KIND_BANDS",
    "KIND_SHINGLES",
    "Postings",
    "Segment",
    "kinds_of",
    "tag",
    "tagged_keys",
    "write_batch",
]

KIND_SHINGLES = 0
KIND_BANDS = 1
#: Segments of one level merged into one of the next: fewer means less rewriting, more
#: means fewer segments to search (at 100k documents, 2,000 per batch: 2 levels, <= 14).
FANOUT = 8

_KIND_MASK = np.uint64(0xFFFFFFFFFFFFFFFE)


def tag(keys: np.ndarray, kinds: np.ndarray | int) -> np.ndarray:
    """Keys with their kind in the lowest bit, as the postings hold them."""
    return (keys & _KIND_MASK) | np.asarray(kinds).astype(np.uint64)


def tagged_keys(sampled: np.ndarray, bands: np.ndarray) -> np.ndarray:
    """A document's keys as the postings hold them: unique, sorted, kind in the lowest bit."""
    return sorted_unique(np.concatenate([tag(sampled, KIND_SHINGLES),
                                         tag(bands, KIND_BANDS)]))[0]


def kinds_of(keys: np.ndarray) -> np.ndarray:
    """The kind of each tagged key."""
    return (keys & np.uint64(1)).astype(np.int64)


_KEY_TYPE, _DOC_TYPE = np.dtype("<u8"), np.dtype("<i4")  # as stored, whatever the machine


@dataclass(frozen=True, slots=True, eq=False)
class Segment:
    """Postings of some documents: ``keys`` sorted, ``docs[i]`` holding ``keys[i]``, and
    each document's postings in this segment only (its documents are ``first_doc`` to
    ``last_doc``, rowids). ``level`` counts the merges behind it (0: as stored)."""

    level: int
    keys: np.ndarray  # uint64
    docs: np.ndarray  # int32 rowids, ascending within one key
    first_doc: int
    last_doc: int

    def __len__(self) -> int:
        return int(self.keys.shape[0])


def _gather(segment: Segment, low: np.ndarray,
            high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (key, doc) postings at ``low[i]:high[i]`` of the segment, for every ``i``."""
    lengths = high - low
    total = int(lengths.sum())
    if not total:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    index = np.repeat(low - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
    return segment.keys[index], segment.docs[index].astype(np.int64)


def _merged(segments: list[Segment], level: int) -> Segment:
    """One segment holding the postings of ``segments``. Documents stay ascending within a
    key: segments hold disjoint documents, so concatenating them in order of their documents
    and sorting stably by key is enough (a stable sort also runs fast over sorted runs)."""
    ordered = sorted(segments, key=lambda s: s.first_doc)
    keys = np.concatenate([s.keys for s in ordered])
    docs = np.concatenate([s.docs for s in ordered])
    order = np.argsort(keys, kind="stable")
    return Segment(level, keys[order], docs[order], ordered[0].first_doc,
                   max(s.last_doc for s in ordered))


def write_batch(conn: sqlite3.Connection, keys: np.ndarray, docs: np.ndarray) -> Segment:
    """Store the postings of a batch (``docs[i]`` holds ``keys[i]``) as one segment row,
    inside the caller's transaction; hand it to ``Postings.adopt`` once that commits."""
    order = np.lexsort((docs, keys))
    keys, docs = keys[order], docs[order].astype(np.int32)
    first, last = (int(docs.min()), int(docs.max())) if docs.size else (0, 0)
    conn.execute("INSERT INTO segments (first_doc, last_doc, count, keys, docs) "
                 "VALUES (?, ?, ?, ?, ?)",
                 (first, last, int(keys.shape[0]), keys.astype(_KEY_TYPE).tobytes(),
                  docs.astype(_DOC_TYPE).tobytes()))
    return Segment(0, keys, docs, first, last)


class Postings:
    """The postings of one index file in memory: its stored segments, merged as they gather.

    Merges happen in memory only. On disk each batch's segment stays as written, never
    rewritten: rewriting large blobs (and freeing their pages) cost more than merging them
    again when an index is opened for ``add``.
    """

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Postings:
        """Every stored segment (not merged yet: a lookup of one document needs no merge)."""
        return cls([Segment(0, np.frombuffer(keys, dtype=_KEY_TYPE),
                            np.frombuffer(docs, dtype=_DOC_TYPE), first, last)
                    for first, last, keys, docs in conn.execute(
                        "SELECT first_doc, last_doc, keys, docs FROM segments ORDER BY id")])

    def adopt(self, segment: Segment) -> None:
        """A segment whose transaction committed: search it from now on."""
        self.segments.append(segment)

    def compact(self) -> None:
        """Merge every level holding ``FANOUT`` segments or more into one segment of the next
        level, so that a lookup searches few segments."""
        level = 0
        while level <= max((s.level for s in self.segments), default=-1):
            full = [s for s in self.segments if s.level == level]
            if len(full) >= FANOUT:
                self.segments = ([s for s in self.segments if s.level != level]
                                 + [_merged(full, level + 1)])
            level += 1

    def lookup(self, wanted: np.ndarray, max_df: int,
               upto: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(key, doc) postings of the ``wanted`` keys (unique, sorted) held by at most
        ``max_df`` documents, sorted by key then document; with ``upto``, only documents
        with rowid ``<= upto`` count."""
        spans = [(segment, np.searchsorted(segment.keys, wanted, "left"),
                  np.searchsorted(segment.keys, wanted, "right"))
                 for segment in sorted(self.segments, key=lambda s: s.first_doc)]
        if not spans:
            return np.empty(0, np.uint64), np.empty(0, np.int64)
        df = sum(high - low for _s, low, high in spans)
        exact = upto is None or max(s.last_doc for s in self.segments) <= upto
        # A key over the band comes back into it only when some documents do not count.
        keep = df <= max_df if exact else df > 0
        found = [_gather(segment, low[keep], high[keep]) for segment, low, high in spans]
        # Runs sorted by key, of ascending documents: a stable sort keeps documents in order.
        keys = np.concatenate([k for k, _ in found])
        order = np.argsort(keys, kind="stable")
        keys, docs = keys[order], np.concatenate([d for _, d in found])[order]
        if not exact:
            counted = docs <= upto
            keys, docs = keys[counted], docs[counted]
            held, counts = sorted_unique(keys, counts=True)
            inside = np.isin(keys, held[counts <= max_df])
            keys, docs = keys[inside], docs[inside]
        return keys, docs
