"""The fingerprint and verbatim stages: documents into the index, then aligned verbatim.

Adding is two kinds of transaction (``store.index``). The first inserts a batch of documents
with their postings, each marked not yet aligned; the second aligns pending documents
against everything older and stores what each pair shares verbatim (its passages and
coverages, and the generators that proposed it: no relation is decided here) while marking
them aligned. A process
killed at any moment leaves whole transactions only, and the next call finishes the pending
alignments before anything else, so the index always converges to the same content.

The stage works here, on the engine's workers (fingerprints, alignment); the index only
stores and loads (its public methods). The fingerprints of one call's documents are kept
for their alignments, in shared memory where the engine's workers share this machine's
(``store.arena``), and let go when the call ends. A batch of new documents is aligned in
one job (``match.verbatim.align_groups`` shares one seed search among all their pairs),
which writes the rows to store, so this process receives them ready.

Which relation a pair is (a copy, an excerpt, a rewrite, one event's two reports) is decided
once, in the semantic stage (``stages.semantic``), which reads these alignments rather than
aligning the pairs again: one decision, in one place, for ``trace``, ``add`` and the engines.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.engine.protocol import Engine
from newstrace.index.candidates import document_keys
from newstrace.index.minhash import MinHasher
from newstrace.index.shingles import Fingerprint, fingerprint, slim_fingerprint
from newstrace.match.verbatim import Alignment, align_groups, align_verbatim
from newstrace.model import Document
from newstrace.store.arena import FingerprintArena, SharedRef, keep_mapped, resolve
from newstrace.store.index import Index, Progress
from newstrace.store.postings import tagged_keys

__all__ = ["BATCH_SIZE", "AddStats", "add_documents", "align_pending", "alignment_jobs",
           "lookup", "query_verbatim", "shared_rows"]

#: Documents inserted, looked up and aligned together: at 100k documents 2,000 indexed 995
#: docs/s, 1,000 887-915 and 4,000 953 (fewer commits and lookups; a larger first batch
#: waits longer for its keys). Document frequency is counted over the whole index once a
#: call's documents are stored, so the batch size does not change the relations.
BATCH_SIZE = 2000
#: Fingerprints kept for the call's alignments (the most recent); the rest are made again
#: from the stored text when a pair needs them.
CACHE_SIZE = 100_000


#: A fingerprint as a job holds it: itself, or where it lies in the shared arena.
Held = Fingerprint | SharedRef
#: A newly indexed document and its older candidates (fingerprint, whether the new document
#: comes first in the pair, the generators that proposed it).
Group = tuple[Held, list[tuple[Held, bool, tuple[str, ...]]]]
#: Groups aligned together, with the arena's blocks in use (None without an arena).
Job = tuple[tuple[str, ...] | None, list[Group]]
#: New documents aligned in one job: the seed search is shared by the whole batch.
_GROUPS_PER_JOB = 16


def shared_rows(job: Job, config: ReuseConfig) -> list[tuple[str, str, str]]:
    """Align new documents with their candidates: for each pair that shares a passage, a row
    of (first id, second id, the alignment and its generators as JSON; ``stored_json``).
    Written in the worker, so the JSON stays off the main process."""
    live, groups = job
    keep_mapped(live)
    alignments = align_groups([(resolve(fx), [(resolve(fp), first) for fp, first, _ in partners])
                               for fx, partners in groups], config)
    return [(alignment.a_id, alignment.b_id, stored_json(alignment, generators))
            for (_fx, partners), found in zip(groups, alignments, strict=True)
            for (_fp, _first, generators), alignment in zip(partners, found, strict=True)
            if alignment.passages]


def stored_json(alignment: Alignment, generators: tuple[str, ...]) -> str:
    """What the index keeps of a pair's verbatim alignment (``Index.verbatim_alignments``
    reads it back)."""
    return json.dumps(alignment.to_json() | {"proposed_by": list(generators)}, sort_keys=True)


def alignment_jobs(pairs: dict[tuple[int, int], tuple[str, ...]],
                   info: dict[int, tuple[str, str, str | None]],
                   fps: dict[int, Held], live: tuple[str, ...] | None) -> list[Job]:
    """Candidate ``pairs`` of rowids (with their generators) as jobs of new documents: each
    pair goes with its newer document, which is first in the pair when its id sorts first.
    ``info`` gives each rowid's (id, locator, published) (the id alone is read); ``live``
    the arena's blocks."""
    partners: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    for (left, right), generators in pairs.items():
        partners.setdefault(max(left, right), []).append((min(left, right), generators))
    groups: list[Group] = []
    for rowid, others in sorted(partners.items()):
        own_id = info[rowid][0]
        groups.append((fps[rowid],
                       [(fps[other], own_id < info[other][0], generators)
                        for other, generators in others]))
    return [(live, groups[start : start + _GROUPS_PER_JOB])
            for start in range(0, len(groups), _GROUPS_PER_JOB)]


@dataclass(frozen=True, slots=True)
class AddStats:
    """What one ``add_documents`` did."""

    added: int
    skipped: int
    aligned: int
    #: Pairs found sharing text verbatim (what the semantic stage then relates).
    shared: int


_Keys = tuple[Fingerprint, np.ndarray]


def _hasher(config: ReuseConfig) -> MinHasher:
    return MinHasher(config.num_perm, config.seed + 1)


def _keys(doc: Document, config: ReuseConfig, hasher: MinHasher) -> _Keys:
    """A document's slim fingerprint (offsets included) and its tagged keys (sampled shingles
    and passage bands, as the postings hold them)."""
    fp = slim_fingerprint(doc, config.seed)
    return fp, tagged_keys(*document_keys(fp.token_hashes, config, hasher))


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(docs)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@dataclass(frozen=True, slots=True)
class _Batch:
    """Documents about to be inserted, and a function that waits for their keys."""

    docs: list[Document]
    skipped: int
    keys: Callable[[], list[_Keys]]


class _Run:
    """One call's state: the index and its engine, the fingerprints made so far (in the
    shared arena when there is one) and the keys of documents inserted but not aligned."""

    def __init__(self, index: Index, shared: bool) -> None:
        self.index, self.config = index, index.reuse
        self.engine: Engine = index.engine_in_use()
        self.fingerprints: OrderedDict[int, Held] = OrderedDict()
        self.keys: dict[int, np.ndarray] = {}
        self.arena = (FingerprintArena() if shared and self.engine.shares_memory
                      and FingerprintArena.available() else None)

    def close(self, failed: bool = False) -> None:
        """Let the fingerprints go; the workers' mappings of the arena's blocks with them.
        After a failure (Ctrl-C among them) jobs may still be in flight, and workers that
        died with them would never let a recycle's join return: the engine ends them as it
        closes on the error (``engine.local``), and their mappings with them."""
        self.fingerprints.clear()
        self.keys.clear()
        if self.arena is not None:
            self.arena.close()  # no job is in flight between stages
            self.arena = None
            keep_mapped(())  # this process's own mappings (jobs run in process)
            if not failed:
                self.engine.recycle()  # its workers still map the blocks unlinked

    def prepare(self, batch: Sequence[Document], claimed: set[str]) -> _Batch:
        """Drop documents already indexed (or claimed by the batch before) and start hashing
        the rest on the workers."""
        indexed = self.index.known_ids(d.id for d in batch)
        fresh = list({d.id: d for d in batch if d.id not in indexed | claimed}.values())
        kernel = functools.partial(_keys, config=self.config, hasher=_hasher(self.config))
        return _Batch(fresh, len(batch) - len(fresh), self.engine.map_async(kernel, fresh))

    def insert(self, batch: _Batch) -> int:
        """Insert a prepared batch and its postings; keep its keys and fingerprints."""
        if not batch.docs:
            return 0
        keys = batch.keys()
        rowids = self.index.insert(batch.docs, [tagged for _fp, tagged in keys])
        for rowid, (fp, tagged) in zip(rowids, keys, strict=True):
            self.remember(rowid, fp)
            self.keys[rowid] = tagged
        return len(rowids)

    def remember(self, rowid: int, fp: Fingerprint) -> Held:
        """Keep a fingerprint for later alignments (the most recent ``CACHE_SIZE``)."""
        held = self.arena.put(fp) if self.arena is not None else fp
        self.fingerprints[rowid] = held
        self.fingerprints.move_to_end(rowid)
        while len(self.fingerprints) > CACHE_SIZE:
            _rowid, old = self.fingerprints.popitem(last=False)
            if self.arena is not None and isinstance(old, SharedRef):
                self.arena.drop(old)
        return held

    def align(self, progress: Progress | None, batch_size: int) -> tuple[int, int]:
        """Align every pending document against all older ones: (documents, pairs
        sharing text)."""
        pending = self.index.unaligned()
        done = found = 0
        if progress and pending:  # timed from here, not from the first batch aligned
            progress("aligned", 0, len(pending))
        for start in range(0, len(pending), batch_size):
            chunk = pending[start : start + batch_size]
            rows = self.start_alignment(chunk)()
            self.index.store_aligned(chunk, rows)
            if self.arena is not None:
                self.arena.sweep()  # no job in flight names a fingerprint dropped before now
            found += len(rows)
            done += len(chunk)
            if progress:
                progress("aligned", done, len(pending))
        return done, found

    def start_alignment(self, chunk: list[int]) -> Callable[[], list[tuple[int, int, str]]]:
        """Find the chunk's candidate pairs and start aligning them on the workers; the
        returned function waits for the rows to store: (newer rowid, older rowid, JSON)."""
        pairs = self.index.candidate_pairs(chunk, self.chunk_keys(chunk))
        wanted = {rowid for pair in pairs for rowid in pair}
        info = self.index.info(wanted)
        pending = self.engine.map_async(
            functools.partial(shared_rows, config=self.config),
            alignment_jobs(pairs, info, self.fingerprints_of(wanted),
                           self.arena.names() if self.arena is not None else None),
            chunksize=1)
        rowid_of = {doc_id: rowid for rowid, (doc_id, _l, _p) in info.items()}

        def collect() -> list[tuple[int, int, str]]:
            return [(max(rowid_of[a], rowid_of[b]), min(rowid_of[a], rowid_of[b]), body)
                    for rows in pending() for a, b, body in rows]

        return collect

    def chunk_keys(self, chunk: list[int]) -> np.ndarray:
        """The keys of a chunk about to be aligned: kept from its insertion, or (a chunk
        left pending by a killed run) computed again from its stored documents."""
        missing = [r for r in chunk if r not in self.keys]
        if missing:
            docs = self.index.load(missing)
            kernel = functools.partial(_keys, config=self.config, hasher=_hasher(self.config))
            for rowid, (_fp, tagged) in zip(
                    missing, self.engine.map(kernel, [docs[r] for r in missing]), strict=True):
                self.keys[rowid] = tagged
        return np.concatenate([self.keys.pop(rowid) for rowid in chunk])

    def fingerprints_of(self, rowids: set[int]) -> dict[int, Held]:
        """Fingerprints (with offsets) of documents: kept, else made from their text."""
        found: dict[int, Held] = {r: self.fingerprints[r] for r in rowids
                                  if r in self.fingerprints}
        missing = sorted(rowids - found.keys())
        docs = self.index.load(missing)
        computed = self.engine.map(functools.partial(slim_fingerprint, seed=self.config.seed),
                                   [docs[r] for r in missing])
        for rowid, fp in zip(missing, computed, strict=True):
            found[rowid] = self.remember(rowid, fp)
        return found


def add_documents(index: Index, docs: Iterable[Document], progress: Progress | None = None,
                  *, batch_size: int = BATCH_SIZE, shared: bool = True) -> AddStats:
    """Insert new documents (known ids are skipped), then align every pending document
    against the older ones. What each pair shares is stored for the semantic stage
    (``stages.semantic.relate_pending``), which decides the relations: until it runs the
    index holds none for these documents.

    All of the call's documents are inserted before any is aligned, so that document
    frequency is counted over the whole index: which keys are too common to propose a
    pair does not depend on where the batches fall (on a dense 2,000-document crawl,
    batches of 100 once gave 25,124 relations where one batch gave 15,704). Work left
    pending by an interrupted run is aligned with the rest. Each batch is inserted in one
    transaction, its keys hashed on the workers while the one before is written. Another
    process writing the index makes this raise ``UsageError`` (``store.lock``). With
    ``shared`` the fingerprints wait for their alignments in shared memory, where the
    engine's workers can map them.
    """
    index.writing()
    total = len(docs) if isinstance(docs, Sized) else None
    run = _Run(index, shared)
    try:
        batches = _batches(docs, batch_size)
        if progress:  # the stage's time counts from here, not from its first batch
            progress("indexed", 0, total)
        prepared = run.prepare(next(batches, []), set())
        added = skipped = 0
        while prepared.docs or prepared.skipped:  # a batch may be all known ids
            upcoming = run.prepare(next(batches, []), {d.id for d in prepared.docs})
            added += run.insert(prepared)
            skipped += prepared.skipped
            if progress:
                progress("indexed", added + skipped, total)
            prepared = upcoming
        aligned, pairs = run.align(progress, batch_size)
    except BaseException:
        run.close(failed=True)
        raise
    run.close()
    return AddStats(added, skipped, aligned, pairs)


def align_pending(index: Index, progress: Progress | None = None,
                  batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Align the documents a killed run left pending: (documents, pairs sharing text)."""
    index.writing()
    run = _Run(index, shared=True)
    try:
        done = run.align(progress, batch_size)
    except BaseException:
        run.close(failed=True)
        raise
    run.close()
    return done


def lookup(index: Index, doc: Document) -> dict[int, tuple[str, ...]]:
    """Rowids of indexed documents sharing rare keys with ``doc``, with the generators."""
    config = index.reuse
    _fp, tagged = _keys(doc, config, _hasher(config))
    return index.matches(tagged)


def query_verbatim(index: Index, doc: Document) -> list[Alignment]:
    """What a document (indexed or not) shares verbatim with each indexed one that shares
    a passage with it, in id order: the verbatim index alone, without the semantic stage
    (``bench/reuse_bench.py`` times it; a user's query goes through ``stages.answer``)."""
    config = index.reuse
    fp, tagged = _keys(doc, config, _hasher(config))
    matches = index.matches(tagged)
    others = {rowid: other for rowid, other in index.load(matches).items()
              if other.id != doc.id}
    found = []
    for _rowid, other in sorted(others.items(), key=lambda item: item[1].id):
        first, second = sorted((fp, fingerprint(other, config.seed)), key=lambda f: f.doc_id)
        alignment = align_verbatim(first, second, config)
        if alignment.passages:
            found.append(alignment)
    return found
