"""Per-sentence features of a document: vectors, immutables and content words.

Computed once per document (encoding is batched over many documents) and then compared pair
by pair in ``match.sentences``. The document vector, the normalised mean of its sentence
vectors, proposes rewrite and same-story candidates by nearest neighbours.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newstrace.bounded import BoundedMap
from newstrace.engine.protocol import Engine, start_each
from newstrace.index.embed import Encoder, sentence_digest
from newstrace.index.hashsets import HashedSets, joined_sets, set_hashes
from newstrace.model import Document, Span
from newstrace.text.immutables import fold, immutables
from newstrace.text.segment import split_sentences
from newstrace.text.tokens import token_norms
from newstrace.text.topics import topic_words

__all__ = ["SentenceFeatures", "SentenceMemo", "content_words", "sentence_features", "stem",
           "text_features", "word_pairs"]

_FUNCTION_WORDS = frozenset("""
the a an and or but of to in on at by for with from as is was were be been are it its this
that these those he she they them his her their we our you your i not no said says told also
has have had will would could can may might about after before into over than then there
which who whom what when where while more most other some such only just very de la le les
des du et en un une est que qui pour dans par sur au aux der die das und den ein eine ist
""".split())


def content_words(text: str) -> frozenset[str]:
    """Folded words of three letters or more that are not function words."""
    return frozenset(w for w in (fold(t) for t in token_norms(text))
                     if len(w) >= 3 and w not in _FUNCTION_WORDS and not w.isdigit())


#: Words too common to say anything in a pair of words (``word_pairs``): articles,
#: prepositions and the copula. Narrower than ``_FUNCTION_WORDS`` on purpose: "said", "not"
#: or "more" next to a content word are evidence of reuse (PAN 2013 with the wider list:
#: 03 0.842 instead of 0.851, with detections on 0.9% of 01's pairs instead of 0.8%).
_GLUE_WORDS = frozenset("""
the a an of to in and or for on with at by from is are was were be been it its this that as
which who
""".split())


def word_pairs(text: str, window: int = 3) -> frozenset[tuple[str, str]]:
    """Ordered pairs of stemmed words at most ``window`` words apart, glue words left out.

    Two texts on one subject share words; a text reused from another, even reworded,
    shuffled or translated there and back, also keeps many of them in order and close
    together — evidence that survives the swapped and dropped words that break n-grams."""
    words = [stem(w) for w in (fold(t) for t in token_norms(text))
             if len(w) >= 3 and w not in _GLUE_WORDS and not w.isdigit()]
    return frozenset((a, b) for gap in range(1, window + 1)
                     for a, b in zip(words, words[gap:], strict=False))


def stem(word: str) -> str:
    """A word cut to five letters: "recruits", "recruiting", "recruitment" agree. Crude, but
    the same for every language the immutables read, and what claims and negations compare."""
    return word[:5]


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """A document's sentences as the sentence aligner compares them."""

    doc_id: str
    language: str | None
    spans: tuple[Span, ...]
    vectors: np.ndarray  # (n, dim) float32, unit rows
    #: How many content words each sentence holds (the words themselves live only in
    #: ``word_sets``: a dense crawl's sets as Python strings held most of the parent's memory).
    word_counts: tuple[int, ...]
    encoder: str
    doc_vector: np.ndarray  # the unit-length mean of the sentence vectors
    doc_keys: frozenset[str]  # every immutable of the document
    key_sets: HashedSets  # ``keys`` hashed, for fast pairwise overlaps
    word_sets: HashedSets  # ``words`` hashed
    #: The document's topic words (``text.topics``) where the encoder does not cover its
    #: language and the language has a reading (None for English or unknown, and Thai).
    topic_words: np.ndarray | None = None
    #: The names among ``doc_keys`` (``e:`` keys) and the rest: every candidate pair reads
    #: both, so they are split once here.
    doc_names: frozenset[str] = field(init=False, repr=False, compare=False)
    doc_figures: frozenset[str] = field(init=False, repr=False, compare=False)
    #: ``content_key``, made on first use (most documents of a run never need it).
    _content: bytes | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = frozenset(k for k in self.doc_keys if k.startswith("e:"))
        object.__setattr__(self, "doc_names", names)
        object.__setattr__(self, "doc_figures", self.doc_keys - names)
        object.__setattr__(self, "_content", None)

    def content_key(self) -> bytes:
        """A digest of what the sentence aligner and the passages grown from it read of
        the document (``match.sentences.align_sentences``, ``match.passages.
        cluster_passages``): its language, encoder, spans, content-word counts, sentence
        vectors and hashed sets. Two documents with one key align alike with any third, so
        a pair's alignment can be kept under its sides' keys (``match.pair.AlignMemo``) and
        reused for the next copy of the same text: a wire story reprinted by many sites is
        one text many times. The arrays themselves are digested, so a copy whose vectors or
        sets differ in one bit has a key of its own. Left out, as those two functions do
        not read them: the id, ``doc_keys``, ``doc_vector`` and ``topic_words``; a reader
        of those must not be memoised under this key."""
        key = self._content
        if key is None:
            digest = hashlib.blake2b(digest_size=20)
            digest.update(repr((self.language, self.encoder, self.word_counts,
                                [(s.start, s.end) for s in self.spans], self.vectors.shape,
                                self.vectors.dtype.str)).encode())
            digest.update(np.ascontiguousarray(self.vectors).tobytes())
            for sets in (self.key_sets, self.word_sets):
                for array in (sets.sizes, sets.items, sets.owner, sets.next_union):
                    digest.update(f"{array.dtype.str}{len(array)}|".encode())
                    digest.update(np.ascontiguousarray(array).tobytes())
            key = digest.digest()
            object.__setattr__(self, "_content", key)
        return key

    def __len__(self) -> int:
        return len(self.spans)

    def document_vector(self) -> np.ndarray:
        """The unit-length mean of the sentence vectors (zeros for an empty document)."""
        return self.doc_vector

    def document_keys(self) -> frozenset[str]:
        """Every immutable of the document."""
        return self.doc_keys

    def document_names(self) -> frozenset[str]:
        """The names among the document's immutables (``e:`` keys)."""
        return self.doc_names


def _mean_unit(vectors: np.ndarray) -> np.ndarray:
    if not len(vectors):
        return np.zeros(vectors.shape[1] if vectors.ndim == 2 else 1, dtype=np.float32)
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).astype(np.float32)


def sentence_features(docs: Sequence[Document], encoder: Encoder,
                      engine: Engine | None = None, memo: SentenceMemo | None = None
                      ) -> list[SentenceFeatures]:
    """Features of every document, encoding all their sentences in one batch (the sets on
    ``engine``'s workers; ``memo``: the readings kept from earlier calls of the run)."""
    return text_features([(d.id, d.language, d.text, tuple(d.sentences)) for d in docs],
                         encoder, engine, memo)


#: What one sentence's reading keeps: its immutables' keys, those keys and its content words
#: as ``set_hashes``, and how many content words it holds.
_Read = tuple[tuple[str, ...], bytes, bytes, int]


def _read_sentence(text: str) -> _Read:
    """A sentence's immutables and content words, as a worker sends them back."""
    keys = tuple(immutables(text).keys())
    words = content_words(text)
    return keys, set_hashes(keys), set_hashes(words), len(words)


class SentenceMemo(BoundedMap[bytes, _Read]):
    """Each distinct sentence's immutables and content words, read once per run.

    A crawl repeats sentences across documents far beyond one batch: the dense 10k bench
    holds 429,307 sentences, 179,300 distinct, and any 500 documents in id order hold 90%
    distinct ones, so reading batch by batch read most repeats again. The readings are a
    function of the sentence alone, so keeping them changes nothing but the work. Memory is
    bounded: readings are kept until about ``capacity_bytes`` are held (then new sentences
    are read without being kept). Keys are the sentences' ``sentence_digest``.
    """

    def __init__(self, capacity_bytes: int = 64 << 20) -> None:
        super().__init__(capacity_bytes)

    def keep_all(self, fresh: dict[bytes, _Read]) -> None:
        """Keep fresh readings while there is room (an estimate of their objects'
        bytes: the entry, its key strings and its two packed sets)."""
        for key, read in fresh.items():
            size = 260 + sum(57 + len(k) for k in read[0]) + len(read[1]) + len(read[2])
            if not self.keep(key, read, size):
                return


def _read_all(texts: Sequence[str], memo: SentenceMemo, engine: Engine | None
              ) -> Callable[[], list[_Read]]:
    """The readings of ``texts``, each distinct sentence not in ``memo`` read once on
    ``engine``'s workers (started now; the call returned waits for them and keeps them)."""
    keys = [sentence_digest(t) for t in texts]
    missing: dict[bytes, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in memo and key not in missing:
            missing[key] = text
    pending = start_each(engine, _read_sentence, list(missing.values()))

    def finish() -> list[_Read]:
        fresh = dict(zip(missing, pending(), strict=True))
        memo.keep_all(fresh)
        return [fresh[key] if key in fresh else memo[key] for key in keys]
    return finish


def text_features(items: Sequence[tuple[str, str | None, str, tuple[Span, ...] | None]],
                  encoder: Encoder, engine: Engine | None = None,
                  memo: SentenceMemo | None = None) -> list[SentenceFeatures]:
    """Features of (id, language, text, sentences) items; sentences are found when None.

    Each distinct sentence is read on ``engine``'s workers (None: here) while this process
    encodes; ``memo`` keeps the readings for later calls of the same run.
    """
    prepared = [(doc_id, language, text,
                 spans if spans is not None else tuple(split_sentences(text)))
                for doc_id, language, text, spans in items]
    texts = [text[s.start:s.end] for _, _, text, spans in prepared for s in spans]
    pending = _read_all(texts, memo if memo is not None else SentenceMemo(0), engine)
    vectors = encoder.encode(texts) if texts else np.zeros((0, 1), dtype=np.float32)
    reads = pending()
    out: list[SentenceFeatures] = []
    row = 0
    for doc_id, language, text, spans in prepared:
        mine, own = vectors[row:row + len(spans)], reads[row:row + len(spans)]
        out.append(SentenceFeatures(
            doc_id=doc_id, language=language, spans=spans, vectors=mine,
            word_counts=tuple(r[3] for r in own), encoder=encoder.name,
            doc_vector=_mean_unit(mine), doc_keys=frozenset().union(*(r[0] for r in own)),
            key_sets=joined_sets([r[1] for r in own]),
            word_sets=joined_sets([r[2] for r in own]),
            topic_words=topic_words(text, language)))
        row += len(spans)
    return out
