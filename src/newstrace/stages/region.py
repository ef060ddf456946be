"""The region of a long query that one candidate matches.

A pasted text of many articles (a dump, a newsletter) is one query document of thousands of
sentences; compared whole with each candidate, every comparison costs the whole paste, and
a paste that matches more documents the longer it is costs its length squared (a 1 MB
paste of a crawl's own articles took a minute). A query longer than ``REGION_SENTENCES``
is therefore compared with each candidate over the run of its sentences that candidate
matches: around the block of the paste most like the candidate, the window, a few times the
candidate's length, that holds the most of the query's sentences close to one of the
candidate's (vector cosine), widened by the candidate's length on each side. The relation
found is mapped back to the whole query. A short query (one article) is compared whole.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

import numpy as np

from newstrace.index.hashsets import sliced as sliced_sets
from newstrace.index.sentences import SentenceFeatures
from newstrace.model import Document, Passage, Relation, Span
from newstrace.text.immutables import immutables
from newstrace.text.topics import topic_words

__all__ = ["REGION_SENTENCES", "block_vectors", "covered", "cut", "cut_document", "matched_region",
           "moved_back"]

#: Queries of more sentences than this (about 200 KB of news text) are compared region by
#: region. Below it comparing the whole query is as fast (measured on 1,419 AllSides
#: articles: 100 KB whole 0.9 s, by region 1.7 s; 1 MB whole 59 s, by region 49 s).
REGION_SENTENCES = 1500
#: How close (cosine) a query sentence must be to one of the candidate's to anchor a region.
ANCHOR_COSINE = 0.6


#: Sentences per block of the query when looking for where a candidate matches.
BLOCK = 20


def block_vectors(mine: SentenceFeatures) -> np.ndarray:
    """The query's blocks of ``BLOCK`` sentences as unit mean vectors (made once a query)."""
    count = -(-len(mine) // BLOCK)
    sums = np.add.reduceat(mine.vectors, np.arange(0, count * BLOCK, BLOCK)) if count else \
        np.zeros((0, mine.vectors.shape[1]), dtype=np.float32)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def matched_region(mine: SentenceFeatures, theirs: SentenceFeatures, blocks: np.ndarray
                   ) -> tuple[int, int] | None:
    """The first and last sentence of the query's region for this candidate, or None when
    no sentence of the query is close to one of the candidate's.

    The block most like the candidate's document vector, with the blocks a candidate's
    length around it, is searched sentence by sentence: the work per candidate is the
    number of blocks plus a few blocks' sentences, not the whole paste's sentences."""
    if not len(mine) or not len(theirs):
        return None
    width = 3 * len(theirs) + 20
    best_block = int(np.argmax(blocks @ theirs.doc_vector))
    reach = -(-width // BLOCK)
    low = max(0, (best_block - reach) * BLOCK)
    high = min(len(mine), (best_block + reach + 1) * BLOCK)
    best = (mine.vectors[low:high] @ theirs.vectors.T).max(axis=1)
    anchors = np.flatnonzero(best >= ANCHOR_COSINE) + low
    if not len(anchors):
        return None
    # the window of at most ``width`` sentences holding the most anchors (two pointers)
    ends = np.searchsorted(anchors, anchors + width, side="left")
    first = int(np.argmax(ends - np.arange(len(anchors))))
    last = int(ends[first]) - 1
    pad = len(theirs)
    return max(0, int(anchors[first]) - pad), min(len(mine) - 1, int(anchors[last]) + pad)


def cut_document(doc: Document, spans: Sequence[Span], first: int, last: int
                 ) -> tuple[Document, int]:
    """``doc`` cut to its sentences ``first``..``last`` (``spans``: its sentences), and the
    character offset of the cut (its spans start there)."""
    start, end = spans[first].start, spans[last].end
    sentences = tuple(Span(s.start - start, s.end - start) for s in spans[first:last + 1])
    # the paragraphs around the cut, found by bisection: a long paste has tens of thousands
    lo = bisect.bisect_right(doc.paragraphs, start, key=lambda p: p.end)
    hi = bisect.bisect_left(doc.paragraphs, end, key=lambda p: p.start)
    paragraphs = tuple(Span(max(p.start, start) - start, min(p.end, end) - start)
                       for p in doc.paragraphs[lo:hi])
    return dataclasses.replace(doc, text=doc.text[start:end], sentences=sentences,
                               paragraphs=paragraphs, repeated=None), start


def covered(doc: Document, relation: Relation) -> tuple[int, int] | None:
    """The first and last of ``doc``'s sentences that ``relation``'s passages touch on its
    side, or None when they touch none."""
    side = [p.a if relation.source == doc.id else p.b for p in relation.passages]
    if not side or not doc.sentences:
        return None
    # the sentence at or before the first passage's start (a passage may start in a gap)
    first = max(0, bisect.bisect_right(doc.sentences, min(s.start for s in side),
                                       key=lambda s: s.start) - 1)
    last = bisect.bisect_left(doc.sentences, max(s.end for s in side), key=lambda s: s.start)
    return min(first, len(doc.sentences) - 1), max(min(last, len(doc.sentences)) - 1, first)


def cut(doc: Document, features: SentenceFeatures, first: int, last: int
        ) -> tuple[Document, SentenceFeatures, int]:
    """The query cut to its sentences ``first``..``last``: the document, its features and
    the character offset of the cut (spans in both start there)."""
    part, start = cut_document(doc, features.spans, first, last)
    sentences = part.sentences
    vectors = features.vectors[first:last + 1]
    # the cut's immutables, read again from its sentences (the features keep them hashed)
    keys = [immutables(part.text[s.start:s.end]).keys() for s in sentences]
    mean = vectors.mean(axis=0) if len(vectors) else features.doc_vector
    norm = float(np.linalg.norm(mean))
    sliced = SentenceFeatures(
        doc_id=features.doc_id, language=features.language, spans=sentences, vectors=vectors,
        word_counts=features.word_counts[first:last + 1], encoder=features.encoder,
        doc_vector=(mean / norm if norm else mean).astype(np.float32),
        doc_keys=frozenset().union(*keys), key_sets=sliced_sets(features.key_sets, first, last),
        word_sets=sliced_sets(features.word_sets, first, last),
        topic_words=topic_words(part.text, features.language))
    return part, sliced, start


def moved_back(relation: Relation, doc_id: str, offset: int) -> Relation:
    """The relation with the query's passage spans moved from its cut back to the whole
    query (the query is the source or the derived side)."""
    def move(span: Span) -> Span:
        return Span(span.start + offset, span.end + offset)

    passages = tuple(Passage(move(p.a) if relation.source == doc_id else p.a,
                             move(p.b) if relation.derived == doc_id else p.b,
                             p.kind, p.score, p.words) for p in relation.passages)
    return dataclasses.replace(relation, passages=passages)
