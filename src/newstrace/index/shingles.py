"""Word shingles hashed with xxhash over normalised tokens.

Each normalised token is hashed once with xxh3 (seeded); a k-word shingle's hash is a
polynomial of its token hashes, computed for all positions at once in numpy and finished with
a 64-bit mixer. Because tokens are normalised words, two texts that differ only in white
space, curly vs straight quotes, case or punctuation have the same shingles.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xxhash

from newstrace.model import Document
from newstrace.text.tokens import norms_and_spans, token_norms, token_spans

__all__ = [
    "Fingerprint",
    "fingerprint",
    "fingerprint_text",
    "from_packed",
    "sample_mask",
    "shingle_hashes",
    "slim_fingerprint",
    "token_hashes",
]

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A document's token hashes, and the text they were read from.

    Character offsets of the tokens are computed only when an alignment needs them
    (``token_offsets``): most documents of a corpus never share a passage with anything.
    """

    doc_id: str
    token_hashes: np.ndarray  # uint64, one per token
    text: str  # empty in the slim form that travels to alignment workers
    offsets: tuple[np.ndarray, np.ndarray] | None = None  # token starts and ends, once known
    length: int = -1  # characters of the text, kept when the text itself is dropped

    def __len__(self) -> int:
        return int(self.token_hashes.shape[0])

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Fingerprints travel to the alignment workers by the hundred thousand: the slim form
        # goes as one array (``packed``), which pickles twice as fast as three arrays in a
        # frozen dataclass, and comes back as views of it.
        if self.offsets is None or self.text:
            return Fingerprint, (self.doc_id, self.token_hashes, self.text, self.offsets,
                                 self.length)
        return from_packed, (self.doc_id, self.packed(), self.length)

    def packed(self) -> np.ndarray:
        """The slim form's arrays in one uint64 array: the token hashes, then each token's
        (start, end) offsets as a pair of int32. ``from_packed`` reads it back as views."""
        count = len(self)
        starts, ends = self.token_offsets()
        packed = np.empty(2 * count, dtype=np.uint64)
        packed[:count] = self.token_hashes
        packed[count:].view(np.int32).reshape(count, 2)[:] = np.stack((starts, ends), axis=1)
        return packed

    @property
    def text_length(self) -> int:
        """Length of the text in characters."""
        return self.length if self.length >= 0 else len(self.text)

    def shingles(self, k: int) -> np.ndarray:
        """Hashes of the k-word shingles, one per starting token (``len - k + 1`` of them)."""
        return shingle_hashes(self.token_hashes, k)

    def token_offsets(self) -> tuple[np.ndarray, np.ndarray]:
        """Start and end character offsets of every token."""
        if self.offsets is not None:
            return self.offsets
        starts, ends = token_spans(self.text)
        return np.asarray(starts, dtype=np.int32), np.asarray(ends, dtype=np.int32)

    def with_offsets(self) -> Fingerprint:
        """The slim form for alignment: token offsets computed once, the text dropped (it
        would be copied to a worker with every pair the document is in)."""
        if self.offsets is not None and not self.text:
            return self
        return Fingerprint(self.doc_id, self.token_hashes, "", self.token_offsets(),
                           self.text_length)


def from_packed(doc_id: str, packed: np.ndarray, length: int) -> Fingerprint:
    """A slim fingerprint whose arrays are views of ``packed`` (``Fingerprint.packed``):
    nothing is copied, so ``packed`` may lie in memory shared between processes."""
    count = packed.shape[0] // 2
    spans = packed[count:].view(np.int32).reshape(count, 2)
    return Fingerprint(doc_id, packed[:count], "", (spans[:, 0], spans[:, 1]), length)


def token_hashes(tokens: Sequence[str], seed: int = 0) -> np.ndarray:
    """xxh3 64-bit hash of every token."""
    return np.fromiter(map(xxhash.xxh3_64_intdigest, map(str.encode, tokens),
                           itertools.repeat(seed)), dtype=np.uint64, count=len(tokens))


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the whole 64-bit output."""
    values = values ^ (values >> np.uint64(30))
    values = values * _MIX_1
    values = values ^ (values >> np.uint64(27))
    values = values * _MIX_2
    return values ^ (values >> np.uint64(31))


def shingle_hashes(hashes: np.ndarray, k: int) -> np.ndarray:
    """Hashes of every run of ``k`` consecutive token hashes (order-sensitive)."""
    count = hashes.shape[0] - k + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    combined = hashes[:count].copy()  # uint64 arithmetic on arrays wraps, without warnings
    for offset in range(1, k):
        combined = combined * _MULTIPLIER + hashes[offset : offset + count]
    return _mix(combined)


def sample_mask(hashes: np.ndarray, modulus: int) -> np.ndarray:
    """Content-defined sampling: keep the shingles whose hash is 0 modulo ``modulus``.

    The same shingle is kept or dropped in every document, so shared shingles stay shared.
    """
    if modulus <= 1:
        return np.ones(hashes.shape[0], dtype=bool)
    return (hashes % np.uint64(modulus)) == 0


def fingerprint_text(doc_id: str, text: str, seed: int = 0) -> Fingerprint:
    """Hash the tokens of a text (cleaned or raw: offsets point into exactly this text)."""
    return Fingerprint(doc_id, token_hashes(token_norms(text), seed), text)


def fingerprint(doc: Document, seed: int = 0) -> Fingerprint:
    """Tokenise a document's clean text and hash its tokens."""
    return fingerprint_text(doc.id, doc.text, seed)


def slim_fingerprint(doc: Document, seed: int = 0) -> Fingerprint:
    """``fingerprint(doc, seed).with_offsets()``, tokenising the text once."""
    norms, starts, ends = norms_and_spans(doc.text)
    return Fingerprint(doc.id, token_hashes(norms, seed), "", (starts, ends), len(doc.text))
