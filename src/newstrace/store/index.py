"""The persistent index: documents, postings and relations in one SQLite file.

Adding is two kinds of transaction. The first inserts a batch of documents with their
postings, each marked ``aligned = 0``; the second aligns pending documents against everything
older and stores their relations while marking them aligned. A process killed at any moment
leaves whole transactions only (WAL journal), and the next ``add`` finishes the pending
alignments before anything else, so the index always converges to the same content.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.engine.local import LocalEngine
from newstrace.engine.protocol import Engine
from newstrace.errors import UsageError
from newstrace.index.candidates import document_keys
from newstrace.index.minhash import MinHasher
from newstrace.index.shingles import Fingerprint, fingerprint, slim_fingerprint
from newstrace.match.relation import Relation, doc_info, relate, relation_from_json
from newstrace.match.verbatim import align_verbatim
from newstrace.model import Document, Failure, document_from_json
from newstrace.store.arena import FingerprintArena, SharedRef, keep_mapped
from newstrace.store.jobs import Held, alignment_jobs, relate_groups
from newstrace.store.lock import WriterLock
from newstrace.store.lookup import query_matches, stored_pairs
from newstrace.store.postings import Postings, tagged_keys, write_batch
from newstrace.store.related import RelatedTables
from newstrace.store.report_tables import ReportRows, ReportTables, content_key, write_report
from newstrace.store.schema import SCHEMA_VERSION, migrate

__all__ = ["AddStats", "Index", "open_index"]



#: SQLite's "file is not a database" error code.
_SQLITE_NOTADB = 26
#: How much of the file SQLite maps while adding: postings are probed at random keys.
_MAPPED_BYTES = 1 << 30


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _has_config(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("SELECT 1 FROM meta WHERE key = 'config'").fetchone() is not None
    except sqlite3.OperationalError:  # no meta table yet
        return False


def _refuse_foreign(conn: sqlite3.Connection, path: str) -> None:
    """An SQLite database that another program made is not ours to add tables to."""
    if _version(conn):
        return
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    if tables:
        conn.close()
        raise UsageError(f"{path} is an SQLite database but not a newstrace index (its "
                         f"tables: {', '.join(tables[:8])}); give --db a new file name")


class Progress(Protocol):
    """Told how far a stage has come: ``(stage, done, total)``, total None when unknown."""

    def __call__(self, stage: str, done: int, total: int | None = None) -> None: ...


@dataclass(frozen=True, slots=True)
class AddStats:
    """What one ``add`` did."""

    added: int
    skipped: int
    aligned: int
    relations: int


_Keys = tuple[Fingerprint, np.ndarray]


@dataclass(frozen=True, slots=True)
class _Batch:
    """Documents about to be inserted, and a function that waits for their keys."""

    docs: list[Document]
    skipped: int
    keys: Callable[[], list[_Keys]]


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(docs)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _keys(doc: Document, config: ReuseConfig, hasher: MinHasher) -> _Keys:
    """A document's slim fingerprint (offsets included) and its tagged keys (sampled shingles
    and passage bands, as the postings hold them)."""
    fp = slim_fingerprint(doc, config.seed)
    return fp, tagged_keys(*document_keys(fp.token_hashes, config, hasher))


#: How long opening an index retries switching a new file to WAL while another process
#: creates it (SQLite answers "database is locked" at once there, without its busy wait).
_WAL_SECONDS = 30.0


def _to_wal(conn: sqlite3.Connection) -> None:
    """Put the index in write-ahead-log mode, waiting out a second process that is creating
    the same new file (two ``add`` started together)."""
    deadline = time.monotonic() + _WAL_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Index(RelatedTables):
    """A newstrace index in one SQLite file; use as a context manager.

    >>> with Index("corpus.db") as index:          # doctest: +SKIP
    ...     index.add(documents)
    ...     relations = index.relations()

    ``batch_size`` documents are inserted, looked up and aligned together: at 100k documents
    2,000 indexed 995 docs/s, 1,000 887-915 and 4,000 953 (fewer commits and lookups; a
    larger first batch waits longer for its keys). Document frequency is counted over the whole
    index once a call's documents are stored, so the batch size does not change the relations.
    """

    def __init__(self, path: str | Path, config: ReuseConfig | None = None,
                 engine: Engine | None = None, batch_size: int = 2000,
                 cache_size: int = 100_000, shared: bool = True, wait: bool = True) -> None:
        self.path = str(path)
        self.config = config
        self.engine = engine
        self.batch_size = batch_size
        self.cache_size = cache_size
        self.shared = shared  # fingerprints in shared memory for the workers, where possible
        self.conn_: sqlite3.Connection | None = None
        self.config_: ReuseConfig | None = None
        self.engine_: Engine | None = None  # the engine in use; ours to close if made here
        self.fingerprints_: OrderedDict[int, Held] = OrderedDict()
        self.arena_: FingerprintArena | None = None
        self.keys_: dict[int, np.ndarray] = {}  # tagged keys of documents not yet aligned
        self.postings_: Postings | None = None  # loaded on first use
        self.lock_ = WriterLock(self.path, wait)  # taken on the first write, kept until closed

    def __enter__(self) -> Index:
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            _to_wal(conn)
        except sqlite3.DatabaseError as exc:  # a text file, an image, a damaged index
            conn.close()
            if getattr(exc, "sqlite_errorcode", None) != _SQLITE_NOTADB:
                raise  # a locked or unreadable database: not a wrong file
            raise UsageError(f"{self.path} is not a newstrace index ({exc}); give --db a new "
                             "file name or an index that newstrace add made") from None
        _refuse_foreign(conn, self.path)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Postings are inserted and probed at random keys: a large page cache and memory-mapped
        # reads keep a 100k-document index's B-trees in memory (SQLite allocates on demand).
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute(f"PRAGMA mmap_size = {_MAPPED_BYTES}")
        conn.execute("PRAGMA temp_store = MEMORY")
        # Checkpoint the journal every 64 MB instead of 4: a page that many batches touch
        # (relations' indexes) is written back once, and checkpoints sync the disk less often.
        conn.execute("PRAGMA wal_autocheckpoint = 16384")
        self.conn_ = conn
        # Creating or upgrading the tables and storing the settings are writes: under the
        # writer's lock, or two runs starting on a new file race ("table meta already
        # exists"). A reader that only needed it lets it go once done.
        held = self.lock_.handle_ is not None
        if _version(conn) < SCHEMA_VERSION or not _has_config(conn):
            self.writing()
        migrate(conn)
        self.config_ = self._settle_config()
        if not held and self.lock_.handle_ is not None:
            self.lock_.release()
        self.engine_ = self.engine or LocalEngine()
        if self.shared and self.engine_.shares_memory and FingerprintArena.available():
            self.arena_ = FingerprintArena()
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock_.release()
        if self.conn_ is not None:
            self.conn_.close()
            self.conn_ = None
        self.postings_ = None
        self.fingerprints_.clear()
        if self.arena_ is not None:
            self.arena_.close()
            self.arena_ = None
            keep_mapped(())  # this process's own mappings of the blocks (jobs run in process)
        if self.engine_ is not None and self.engine is None:
            self.engine_.close()  # the default engine was made here; a caller's stays open
        self.engine_ = None

    @property
    def _conn(self) -> sqlite3.Connection:
        if self.conn_ is None:
            raise UsageError("the index is not open: use it as `with Index(path) as index:`")
        return self.conn_

    @property
    def _config(self) -> ReuseConfig:
        assert self.config_ is not None
        return self.config_

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _settle_config(self) -> ReuseConfig:
        """The index keeps the parameters it was built with; a different request is an error."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'config'").fetchone()
        if row is None:
            config = self.config or ReuseConfig()
            with self._transaction() as conn:
                conn.execute("INSERT INTO meta VALUES ('config', ?)",
                             (json.dumps(config.to_json(), sort_keys=True),))
            return config
        stored = ReuseConfig(**json.loads(row[0]))
        if self.config is not None and self.config != stored:
            raise UsageError(f"{self.path} was built with other reuse parameters; "
                             "use a new index file for these")
        return stored

    # -- writing -------------------------------------------------------------------------

    def add(self, docs: Iterable[Document], progress: Progress | None = None) -> AddStats:
        """Insert new documents (known ids are skipped), then align every pending document
        against the older ones.

        All of the call's documents are inserted before any is aligned, so that document
        frequency is counted over the whole index: which keys are too common to propose a
        pair does not depend on where the batches fall (on a dense 2,000-document crawl,
        batches of 100 once gave 25,124 relations where one batch gave 15,704). Work left
        pending by an interrupted run is aligned with the rest. Each batch is inserted in
        one transaction, its keys hashed on the workers while the one before is written.
        Another process writing the index makes this raise ``UsageError`` (``store.lock``).
        """
        self.writing()
        self._conn.execute(f"PRAGMA mmap_size = {_MAPPED_BYTES}")  # after release_caches
        total = len(docs) if isinstance(docs, Sized) else None
        batches = _batches(docs, self.batch_size)
        if progress:  # the stage's time counts from here, not from its first batch
            progress("indexed", 0, total)
        prepared = self._prepare(next(batches, []), set())
        added = skipped = 0
        while prepared.docs or prepared.skipped:  # a batch may be all known ids
            upcoming = self._prepare(next(batches, []), {d.id for d in prepared.docs})
            added += len(self._insert(prepared))
            skipped += prepared.skipped
            if progress:
                progress("indexed", added + skipped, total)
            prepared = upcoming
        aligned, relations = self.align_pending(progress)
        return AddStats(added, skipped, aligned, relations)

    def writing(self) -> None:
        """Take the index's writer lock (``store.lock``) before a write: one writer at a time."""
        self.lock_.acquire()

    def add_failures(self, failures: Iterable[Failure]) -> None:
        """Record captures that could not be read, so reports list them."""
        self.writing()
        rows = [(f.path, f.locator or "", f.reason) for f in failures]
        with self._transaction() as conn:
            conn.executemany("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", rows)

    def _prepare(self, batch: Sequence[Document], claimed: set[str]) -> _Batch:
        """Drop documents already indexed (or claimed by the batch before) and start hashing
        the rest on the workers."""
        ids = [d.id for d in batch]
        indexed = {row[0] for row in self._conn.execute(
            f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(ids))})", ids)}
        fresh = list({d.id: d for d in batch if d.id not in indexed | claimed}.values())
        kernel = functools.partial(_keys, config=self._config, hasher=self._hasher())
        return _Batch(fresh, len(batch) - len(fresh), self._engine().map_async(kernel, fresh))

    def _insert(self, batch: _Batch) -> list[int]:
        """Insert a prepared batch and its postings in one transaction; return the rowids."""
        fresh = batch.docs
        if not fresh:
            return []
        keys = batch.keys()
        postings = self._postings()  # read before this batch's segment is stored
        with self._transaction() as conn:
            first = int(conn.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM documents")
                        .fetchone()[0])
            conn.executemany(
                "INSERT INTO documents (rowid, id, locator, site, published, title, body) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(first + n, doc.id, doc.locator, doc.site, doc.published, doc.title,
                  json.dumps(doc.to_json(), ensure_ascii=False, sort_keys=True))
                 for n, doc in enumerate(fresh)])
            rows = {first + n: tagged for n, (_fp, tagged) in enumerate(keys)}
            segment = write_batch(
                conn, np.concatenate(list(rows.values())),
                np.repeat(list(rows), [own.shape[0] for own in rows.values()]))
        postings.adopt(segment)
        for n, (fp, _tagged) in enumerate(keys):
            self._remember(first + n, fp)
        self.keys_.update(rows)
        postings.compact()
        return list(range(first, first + len(fresh)))

    def _remember(self, rowid: int, fp: Fingerprint) -> Held:
        """Keep a fingerprint for later alignments (most recent ``cache_size`` of them), in
        the shared arena when there is one."""
        held = self.arena_.put(fp) if self.arena_ is not None else fp
        self.fingerprints_[rowid] = held
        self.fingerprints_.move_to_end(rowid)
        while len(self.fingerprints_) > self.cache_size:
            _rowid, old = self.fingerprints_.popitem(last=False)
            if self.arena_ is not None and isinstance(old, SharedRef):
                self.arena_.drop(old)
        return held

    def _hasher(self) -> MinHasher:
        return MinHasher(self._config.num_perm, self._config.seed + 1)

    def align_pending(self, progress: Progress | None = None) -> tuple[int, int]:
        """Align every pending document against all older ones: (documents, relations)."""
        self.writing()
        pending = [r for (r,) in self._conn.execute(
            "SELECT rowid FROM documents WHERE aligned = 0 ORDER BY rowid")]
        done = found = 0
        if progress and pending:  # timed from here, not from the first batch aligned
            progress("aligned", 0, len(pending))
        for start in range(0, len(pending), self.batch_size):
            chunk = pending[start : start + self.batch_size]
            found += self._finish_alignment(chunk, self._start_alignment(chunk))
            done += len(chunk)
            if progress:
                progress("aligned", done, len(pending))
        return done, found

    def _start_alignment(self, chunk: list[int]) -> Callable[[], list[tuple[int, int, str]]]:
        """Find the chunk's candidate pairs and start aligning them on the workers; the
        returned function waits for the relations (rows for the ``relations`` table)."""
        postings = self._postings()
        postings.compact()  # segments read from the file are merged before the first lookup
        pairs = (stored_pairs(postings, chunk, self._chunk_keys(chunk), self._config)
                 if chunk else {})
        wanted = {rowid for pair in pairs for rowid in pair}
        info = self._info(wanted)
        fps = self._fingerprints(wanted)
        pending = self._engine().map_async(
            functools.partial(relate_groups, config=self._config),
            alignment_jobs(pairs, info, fps,
                           self.arena_.names() if self.arena_ is not None else None),
            chunksize=1)
        rowid_of = {doc_id: rowid for rowid, (doc_id, _l, _p) in info.items()}

        def collect() -> list[tuple[int, int, str]]:
            return [(rowid_of[source], rowid_of[derived], body)
                    for rows in pending() for source, derived, body in rows]

        return collect

    def _chunk_keys(self, chunk: list[int]) -> np.ndarray:
        """The keys of a chunk about to be aligned: kept from its insertion, or (a chunk
        left pending by a killed run) computed again from its stored documents."""
        missing = [r for r in chunk if r not in self.keys_]
        if missing:
            docs = self._load(missing)
            kernel = functools.partial(_keys, config=self._config, hasher=self._hasher())
            for rowid, (_fp, tagged) in zip(
                    missing, self._engine().map(kernel, [docs[r] for r in missing]),
                    strict=True):
                self.keys_[rowid] = tagged
        return np.concatenate([self.keys_.pop(rowid) for rowid in chunk])

    def _finish_alignment(self, chunk: list[int],
                          collect: Callable[[], list[tuple[int, int, str]]]) -> int:
        """Store the chunk's relations and mark it aligned, in one transaction."""
        relations = collect()
        with self._transaction() as conn:
            conn.executemany("INSERT OR REPLACE INTO relations (a, b, body) VALUES (?, ?, ?)",
                             relations)
            conn.executemany("UPDATE documents SET aligned = 1 WHERE rowid = ?",
                             [(r,) for r in chunk])
        if self.arena_ is not None:
            self.arena_.sweep()  # no job in flight names a fingerprint dropped before now
        return len(relations)

    def _info(self, rowids: set[int]) -> dict[int, tuple[str, str, str | None]]:
        """(id, locator, published) of documents, read from columns (no JSON to parse)."""
        wanted = sorted(rowids)
        found: dict[int, tuple[str, str, str | None]] = {}
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            for rowid, doc_id, locator, published in self._conn.execute(
                    f"SELECT rowid, id, locator, published FROM documents WHERE rowid IN "
                    f"({','.join('?' * len(part))})", part):
                found[rowid] = (doc_id, locator, published)
        return found

    def _fingerprints(self, rowids: set[int]) -> dict[int, Held]:
        """Fingerprints (with offsets) of documents: from the cache, else from their text."""
        found: dict[int, Held] = {r: self.fingerprints_[r] for r in rowids
                                  if r in self.fingerprints_}
        missing = sorted(rowids - found.keys())
        docs = self._load(missing)
        computed = self._engine().map(functools.partial(slim_fingerprint, seed=self._config.seed),
                                      [docs[r] for r in missing])
        for rowid, fp in zip(missing, computed, strict=True):
            found[rowid] = self._remember(rowid, fp)
        return found

    def release_caches(self) -> None:
        """Let go of what this run kept in memory for later adds (the fingerprints, in the
        shared arena or not, the postings, SQLite's page cache and its mapping of the file):
        read again on demand, mapped again by the next ``add``.
        ``trace`` and ``add`` call it once the documents are aligned: relating them and the
        report need none of it (at 100,000 documents the fingerprints alone are hundreds of
        MB)."""
        self.fingerprints_.clear()
        self.keys_.clear()
        self.postings_ = None
        if self.arena_ is not None:
            self.arena_.close()  # no job is in flight between stages
            keep_mapped(())
            self._engine().recycle()  # its workers still map the blocks unlinked
        if self.conn_ is not None:
            self.release_page_cache()
            # The file's pages mapped for adding count in this process's memory (955 MB of
            # the report stage's at 100,000 documents): unmapped, read through the cache.
            self.conn_.execute("PRAGMA mmap_size = 0")

    def release_page_cache(self) -> None:
        """Let go of SQLite's page cache (up to 256 MB, ``cache_size``): read again on
        demand. ``trace`` calls it once it has read every document and relation for the
        report, whose scans left the cache full of pages nothing reads again (generated
        30k: this process started the report at 571 MB instead of 753, RssAnon 534 instead
        of 728, with the freed heap handed back)."""
        if self.conn_ is not None:
            self.conn_.execute("PRAGMA shrink_memory")

    def _postings(self) -> Postings:
        """The postings, read from the file on first use (a later ``add`` keeps them)."""
        if self.postings_ is None:
            self.postings_ = Postings.load(self._conn)
        return self.postings_

    @property
    def processes(self) -> int:
        """How many processes the index's engine computes on."""
        return self._engine().processes

    def engine_in_use(self) -> Engine:
        """The engine the open index computes on (the caller's, or one it made): the later
        stages (relate, changes, claims) run on it too."""
        return self._engine()

    def _engine(self) -> Engine:
        if self.engine_ is None:
            raise UsageError("the index is not open: use it as `with Index(path) as index:`")
        return self.engine_

    # -- reading -------------------------------------------------------------------------

    def _load(self, rowids: Iterable[int]) -> dict[int, Document]:
        wanted = sorted(set(rowids))
        docs: dict[int, Document] = {}
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            for rowid, body in self._conn.execute(
                    f"SELECT rowid, body FROM documents WHERE rowid IN "
                    f"({','.join('?' * len(part))})", part):
                docs[rowid] = document_from_json(json.loads(body))
        return docs

    def documents(self) -> list[Document]:
        """Every indexed document, ordered by id."""
        return [document_from_json(json.loads(body)) for (body,) in
                self._conn.execute("SELECT body FROM documents ORDER BY id")]

    def documents_by_id(self, ids: Iterable[str]) -> list[Document]:
        """The indexed documents with these ids (unknown ids are left out), ordered by id."""
        wanted = sorted(set(ids))
        found: list[Document] = []
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            found += [document_from_json(json.loads(body)) for (body,) in self._conn.execute(
                f"SELECT body FROM documents WHERE id IN ({','.join('?' * len(part))}) "
                "ORDER BY id", part)]
        return found

    def relations(self) -> list[Relation]:
        """Every stored relation, ordered by (source id, derived id)."""
        rels = [relation_from_json(json.loads(body)) for (body,) in
                self._conn.execute("SELECT body FROM relations")]
        return sorted(rels, key=lambda r: (r.source, r.derived))

    def relation_count(self) -> int:
        """How many relations the index holds."""
        return int(self._conn.execute("SELECT COUNT(*) FROM relations").fetchone()[0])

    def relations_among(self, ids: Iterable[str]) -> list[Relation]:
        """The stored relations between documents with these ids, ordered like
        ``relations``."""
        wanted = sorted(set(ids))
        rowids: list[int] = []
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            rowids += [r for (r,) in self._conn.execute(
                f"SELECT rowid FROM documents WHERE id IN ({','.join('?' * len(part))})",
                part)]
        marks = ",".join("?" * len(rowids))
        found = [relation_from_json(json.loads(body)) for (body,) in self._conn.execute(
            f"SELECT body FROM relations WHERE a IN ({marks}) AND b IN ({marks})",
            rowids + rowids)] if rowids else []
        return sorted(found, key=lambda r: (r.source, r.derived))

    def failures(self) -> list[Failure]:
        """Every recorded failure, ordered by path and locator."""
        return [Failure(path, reason, locator or None) for path, locator, reason in
                self._conn.execute("SELECT path, locator, reason FROM failures "
                                   "ORDER BY path, locator")]

    def keep_report(self, rows: ReportRows, encoder: str, rescorer: str | None = None
                    ) -> None:
        """Keep a report built from this index now, as the rows of its tables, for
        ``serve`` (``store.report_tables``)."""
        self.writing()
        write_report(self._conn, self.report_key(encoder, rescorer), rows)

    def report_key(self, encoder: str, rescorer: str | None = None) -> str:
        """The key a report of this index as it is now is kept under."""
        return content_key(self._conn, encoder, rescorer)

    def report_current(self, encoder: str, rescorer: str | None = None) -> bool:
        """Whether the report kept in the index was built from the index as it is now."""
        kept = ReportTables(self._conn).head()
        return kept is not None and kept[0] == self.report_key(encoder, rescorer)

    def sites(self) -> set[str]:
        """The sites the index holds documents of."""
        return {row[0] for row in self._conn.execute(
            "SELECT DISTINCT site FROM documents WHERE site IS NOT NULL")}

    def count(self) -> int:
        """How many documents the index holds."""
        return int(self._conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def lookup(self, doc: Document) -> dict[int, tuple[str, ...]]:
        """Rowids of indexed documents sharing rare keys with ``doc``, with the generators."""
        _fp, tagged = _keys(doc, self._config, self._hasher())
        return query_matches(self._postings(), tagged, self._config)

    def query(self, doc: Document) -> list[Relation]:
        """Verbatim relations between a document (indexed or not) and the indexed ones."""
        fp, tagged = _keys(doc, self._config, self._hasher())
        matches = query_matches(self._postings(), tagged, self._config)
        others = {rowid: other for rowid, other in self._load(matches).items()
                  if other.id != doc.id}
        by_id = {other.id: doc_info(other) for other in others.values()} | {
            doc.id: doc_info(doc)}
        found = []
        for rowid, other in sorted(others.items(), key=lambda item: item[1].id):
            first, second = sorted((fp, fingerprint(other, self._config.seed)),
                                   key=lambda f: f.doc_id)
            relation = relate(align_verbatim(first, second, self._config), by_id,
                              matches[rowid])
            if relation is not None:
                found.append(relation)
        return found


def open_index(path: str | Path, config: ReuseConfig | None = None,
               engine: Engine | None = None) -> Index:
    """An ``Index`` over ``path`` (created if missing), to use in a ``with`` block."""
    return Index(path, config, engine)
