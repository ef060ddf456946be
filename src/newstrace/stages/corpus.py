"""Document vectors and rare names of the related documents: the semantic stage's candidates.

Each new document is proposed the older documents that are among its nearest by document
vector (and close enough), or that share enough rare names with it, and, in another
language, the older ones sharing the most rare figures and name sounds with it or among
whose own best it ranks (``OTHER_LANGUAGE``). A batch of new documents
is scored against the corpus in one matrix product rather than one product per document: the
product streams the corpus's vectors through memory once per block of new documents instead
of once per document, which at 10k documents is the difference between 7 s and a fraction of
one. Each new document still sees only what came before it, the corpus and the earlier
documents of its batch, so the candidates do not depend on how documents are batched.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import numpy as np

__all__ = [
    "MIN_COSINE",
    "MIN_SHARED_NAMES",
    "NAMES_CONTAINED",
    "NEIGHBOURS",
    "OTHER_LANGUAGE",
    "Corpus",
    "names_to_store",
    "stored_names",
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
#: Across languages a translation keeps its names and figures, but few of a text's
#: capitalised words are names on both sides (German capitalises every noun, French writes
#: "Commission européenne" where German writes "EU-Kommission") and a name is spelled by
#: each script its own way ("Путин", "トランプ"), so documents of another identified
#: language are proposed on ``MIN_SHARED_NAMES`` rare figures or name sounds
#: (``match.anchors.sound_keys``) alone: the few sharing the most (``match.anchors`` then
#: says whether they are in the same order at the same places). The ranking goes both ways:
#: a newer document is proposed to an older one among whose few best it ranks (of the other
#: languages' documents before it), not only the older among the newer's. An original with
#: a dozen machine translations read before it met only five of them when the ranking went
#: one way, five deep: WMT21's tuning half of machine translations, 862 of 1,329 found then
#: (921 both ways at five, 1,010 at twenty).
OTHER_LANGUAGE = 20
#: A stored names list carries its document's language as one entry with this prefix, and
#: the keys it is proposed on across languages: its figures (immutables' ``n:`` keys) and
#: the sounds of its names (``match.anchors.sound_keys``, ``s:``).
LANGUAGE_KEY = "l:"
CROSSING_KEYS = ("n:", "s:")
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
        self.languages: list[str | None] = []
        self._language_counts: Counter[str] = Counter()
        self.postings: dict[str, list[int]] = {}
        #: Each document's keys for proposals across languages (interned), and their
        #: postings, built when a second language first appears: a corpus in one language
        #: never reads them.
        self._crossing: list[tuple[str, ...]] = []
        self._cross_postings: dict[str, list[int]] | None = None
        #: Each document's best counts of shared keys with documents of other languages
        #: (``_Best``), as they stood after the last document added; read back from the
        #: stored corpus on first use, so that a resumed run proposes what one run would.
        self._best: _Best | None = None
        self._buffer = np.zeros((0, 0), dtype=np.float32)
        for rowid, blob, names in rows:
            own, crossing, language = stored_names(json.loads(names))
            self._append(rowid, np.frombuffer(blob, dtype=np.float16).astype(np.float32),
                        own, language, crossing)

    @property
    def vectors(self) -> np.ndarray:
        """One row per document, in ``rowids`` order."""
        return self._buffer[:len(self.rowids)]

    def append(self, rowid: int, vector: np.ndarray, names: frozenset[str],
               language: str | None = None, crossing: frozenset[str] = frozenset()) -> None:
        """Add one document without proposing anything for it; the documents' best counts
        across languages are read again when next needed."""
        self._append(rowid, vector, names, language, crossing)
        self._best = None

    def _append(self, rowid: int, vector: np.ndarray, names: frozenset[str],
                language: str | None = None, crossing: frozenset[str] = frozenset()) -> None:
        """Add one document; the vector buffer doubles when full. The keys it is proposed on
        across languages are posted apart, once the corpus holds two languages."""
        position = len(self.rowids)
        if position >= len(self._buffer) or self._buffer.shape[1] != len(vector):
            grown = np.zeros((max(1024, 2 * len(self._buffer)), len(vector)), dtype=np.float32)
            if position:
                grown[:position] = self._buffer[:position]
            self._buffer = grown
        self._buffer[position] = vector
        self.rowids.append(rowid)
        self.names.append(names)
        self.languages.append(language)
        self._crossing.append(tuple(sys.intern(k) for k in sorted(crossing)))
        for name in names:
            self.postings.setdefault(name, []).append(position)
        if language:
            self._language_counts[language] += 1
        if self._cross_postings is not None:
            for key in self._crossing[position]:
                self._cross_postings.setdefault(key, []).append(position)
        elif len(self._language_counts) > 1:
            self._post_crossing()

    def _post_crossing(self) -> None:
        """Post every document's keys for proposals across languages (in position order)."""
        self._cross_postings = {}
        for at, keys in enumerate(self._crossing):
            for key in keys:
                self._cross_postings.setdefault(key, []).append(at)

    def add(self, rowids: Sequence[int], vectors: np.ndarray,
            names: Sequence[frozenset[str]], max_df: int,
            languages: Sequence[str | None] | None = None,
            crossing: Sequence[frozenset[str]] | None = None) -> list[Found]:
        """Add documents in order; returns each one's candidates among those before it.

        The vectors are taken at the precision they are stored in (float16), so that a run
        interrupted and resumed from the stored corpus proposes what one run would have."""
        vectors = vectors.astype(np.float16).astype(np.float32)
        self._ranks(max_df)  # as they stood before these documents
        base = len(self.rowids)
        languages = languages or [None] * len(rowids)
        crossing = crossing or [frozenset()] * len(rowids)
        for rowid, vector, own, language, keys in zip(rowids, vectors, names, languages,
                                                      crossing, strict=True):
            self._append(rowid, vector, own, language, keys)
        out: list[Found] = []
        step = max(1, _BLOCK_CELLS // max(1, len(self.rowids)))
        for start in range(0, len(rowids), step):
            stop = min(start + step, len(rowids))
            sims = vectors[start:stop] @ self.vectors[:base + stop].T
            out += [self._found(sims[i - start, :base + i], names[i], base + i, max_df,
                                languages[i], crossing[i]) for i in range(start, stop)]
        return out

    def propose(self, vector: np.ndarray, names: frozenset[str], max_df: int,
                language: str | None = None, crossing: frozenset[str] = frozenset()) -> Found:
        """Candidates of a document that is not in the corpus, among all it holds."""
        if not self.rowids:
            return {}
        if language and self._cross_postings is None and any(
                other != language for other in self._language_counts):
            self._post_crossing()  # a query in another language than the whole corpus
        return self._found(self.vectors @ vector, names, len(self.rowids), max_df, language,
                           crossing, added=False)

    def _found(self, sims: np.ndarray, names: frozenset[str], limit: int,
               max_df: int, language: str | None = None,
               crossing: frozenset[str] = frozenset(), added: bool = True) -> Found:
        """Candidates among the first ``limit`` documents, given the cosines with them
        (``added``: the document is the corpus's own, at ``limit``)."""
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
        for position, count in _sharing(self.postings, names, limit, max_df).items():
            if count >= MIN_SHARED_NAMES and count >= NAMES_CONTAINED * min(
                    len(names), len(self.names[position])):
                found.setdefault(self.rowids[position], set()).add("immutables")
        if language and self._cross_postings is not None:
            for position in self._other_language(crossing, limit, max_df, language, added):
                found.setdefault(self.rowids[position], set()).add("languages")
        return found

    def _other_language(self, keys: frozenset[str], limit: int, max_df: int,
                        language: str, added: bool) -> list[int]:
        """The documents of another identified language sharing ``MIN_SHARED_NAMES`` rare
        figures and name sounds or more: the ``OTHER_LANGUAGE`` sharing the most (ties to
        the older) and, for a document of the corpus (``added``: at ``limit``, counting for
        the documents after it), those among whose own best it ranks."""
        counts = sorted((-count, position) for position, count in _sharing(
            self._cross_postings or {}, keys, limit, max_df,
            functools.partial(_other, self.languages, language)).items()
            if count >= MIN_SHARED_NAMES)
        ranking = [position for _, position in counts[:OTHER_LANGUAGE]]
        if added:  # a query ranks one way: rebuilding every document's best would cost it
            # seconds on a large index (0.17 ms a document on WMT21's 3,105)
            ranking += self._ranks(max_df).ranked_by(
                [(position, -count) for count, position in counts], set(ranking), limit)
        return ranking

    def _ranks(self, max_df: int) -> _Best:
        """The documents' best counts, read back from the corpus when first needed (before
        a run adds its documents)."""
        if self._best is None:
            self._best = _Best()  # in one language, nothing to read: every best is empty
            languages = self.languages
            for at in range(len(self.rowids) if self._cross_postings is not None else 0):
                if language := languages[at]:  # as ``_found`` asks
                    counts = _sharing(self._cross_postings or {}, frozenset(self._crossing[at]),
                                      at, max_df, functools.partial(_other, languages, language))
                    self._best.ranked_by([(p, c) for p, c in counts.items()
                                          if c >= MIN_SHARED_NAMES], set(), at)
        return self._best


class _Best:
    """For each document of a corpus, the ``OTHER_LANGUAGE`` best counts of keys shared with
    documents of other languages added so far (a min-heap each)."""

    def __init__(self) -> None:
        self.heaps: list[list[int]] = []

    def grow(self, position: int) -> None:
        """Room for the documents up to ``position``."""
        while len(self.heaps) <= position:
            self.heaps.append([])

    def ranked_by(self, counts: list[tuple[int, int]], taken: set[int],
                  newcomer: int) -> list[int]:
        """The older documents of ``counts`` (position, shared keys with the document at
        ``newcomer``, ``MIN_SHARED_NAMES`` or more) among whose best it ranks, strictly above
        their ``OTHER_LANGUAGE``-th (ties to the older documents they hold), and not in
        ``taken``; the counts are then kept, the newcomer's own best among them."""
        out = []
        for position, count in counts:
            self.grow(position)
            heap = self.heaps[position]
            if position not in taken and (len(heap) < OTHER_LANGUAGE or count > heap[0]):
                out.append(position)
            (heapq.heappush if len(heap) < OTHER_LANGUAGE else heapq.heappushpop)(heap, count)
        self.grow(newcomer)
        self.heaps[newcomer] = sorted(c for _, c in counts)[-OTHER_LANGUAGE:]
        return sorted(out)


def _other(languages: Sequence[str | None], language: str, at: int) -> bool:
    """Whether the document at ``at`` is of an identified language other than ``language``."""
    return bool(languages[at]) and languages[at] != language


def _sharing(postings: dict[str, list[int]], keys: frozenset[str], limit: int, max_df: int,
             keep: Callable[[int], bool] | None = None) -> Counter[int]:
    """How many of ``keys`` each of the first ``limit`` documents holds (those ``keep``
    accepts), counting only the keys at most ``max_df`` of them hold."""
    shared: Counter[int] = Counter()
    for key in keys:
        holders = postings.get(key, [])
        visible = bisect.bisect_left(holders, limit)  # postings are in position order
        if visible <= max_df:
            shared.update(holders[:visible] if keep is None
                          else (at for at in holders[:visible] if keep(at)))
    return shared


def stored_names(entries: Sequence[str]
                 ) -> tuple[frozenset[str], frozenset[str], str | None]:
    """A stored names list as its names, the keys it is proposed on across languages and
    its language, if any (lists stored before languages were hold names alone)."""
    language = next((e[len(LANGUAGE_KEY):] for e in entries if e.startswith(LANGUAGE_KEY)), None)
    crossing = frozenset(e for e in entries if e.startswith(CROSSING_KEYS))
    names = frozenset(e for e in entries
                      if not e.startswith(LANGUAGE_KEY) and not e.startswith(CROSSING_KEYS))
    return names, crossing, language


def names_to_store(names: frozenset[str], crossing: frozenset[str],
                   language: str | None) -> list[str]:
    """The names list stored for a document: its names and, where its language is known,
    the keys it is proposed on across languages and its language."""
    if not language:
        return sorted(names)
    return sorted(names) + sorted(crossing) + [f"{LANGUAGE_KEY}{language}"]
