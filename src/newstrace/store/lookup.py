"""Candidate lookup against the stored postings: which indexed documents share rare keys.

Keys carry their kind in the lowest bit (``store.postings``): a sampled shingle or a MinHash
band of a passage. Document frequency is counted over the whole index, so a key that became
boilerplate as the index grew stops proposing pairs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.index.candidates import pairs_with_newer
from newstrace.index.unique import sorted_unique
from newstrace.store.postings import KIND_BANDS, KIND_SHINGLES, Postings, kinds_of

__all__ = ["GENERATORS", "query_matches", "stored_pairs"]

#: The generator each key kind stands for, as reported in relations.
GENERATORS = {KIND_SHINGLES: "shingles", KIND_BANDS: "minhash"}


def _min_shared(kind: int, config: ReuseConfig) -> int:
    return config.min_shared if kind == KIND_SHINGLES else 1


def stored_pairs(postings: Postings, chunk: Sequence[int], keys: np.ndarray,
                 config: ReuseConfig) -> dict[tuple[int, int], tuple[str, ...]]:
    """Candidate pairs of stored documents whose newer member is in ``chunk`` (rowids);
    ``keys`` are the chunk's own tagged keys, which its caller has in hand.

    Each pair is proposed exactly once: by the chunk holding its newer document. Document
    frequency is counted over the whole index (``stages.verbatim.add_documents`` stores
    every document of a call before aligning any), so the pairs do not depend on how the
    documents were chunked.
    """
    found_keys, found_docs = postings.lookup(sorted_unique(keys)[0], config.max_df)
    kinds = kinds_of(found_keys)
    members = np.asarray(sorted(chunk), dtype=np.int64)
    found: dict[tuple[int, int], set[str]] = {}
    for kind, name in GENERATORS.items():
        mine = kinds == kind
        pairs = pairs_with_newer(found_keys[mine], found_docs[mine], members,
                                 min_shared=_min_shared(kind, config))
        for left, right in zip(pairs.left.tolist(), pairs.right.tolist(), strict=True):
            found.setdefault((left, right), set()).add(name)
    return {pair: tuple(sorted(names)) for pair, names in sorted(found.items())}


def query_matches(postings: Postings, keys: np.ndarray,
                  config: ReuseConfig) -> dict[int, tuple[str, ...]]:
    """Stored documents (rowids) that a document not in the index shares rare keys with;
    ``keys`` are the document's tagged keys."""
    # The query document holds each key too, hence max_df - 1; every stored document counts.
    found_keys, found_docs = postings.lookup(sorted_unique(keys)[0], config.max_df - 1)
    kinds = kinds_of(found_keys)
    found: dict[int, set[str]] = {}
    for kind, name in GENERATORS.items():
        docs, counts = np.unique(found_docs[kinds == kind], return_counts=True)
        for doc in docs[counts >= _min_shared(kind, config)].tolist():
            found.setdefault(doc, set()).add(name)
    return {doc: tuple(sorted(names)) for doc, names in sorted(found.items())}
