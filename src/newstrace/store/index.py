"""The persistent index: documents, postings and relations in one SQLite file.

It stores and loads; the stages compute (``stages.verbatim`` inserts and aligns,
``stages.semantic`` relates). Every write is one transaction: a batch of documents with
their postings, each marked ``aligned = 0``; a chunk's verbatim alignments as it is marked
aligned; a related batch (its relations, its alignments let go). A process killed at any
moment leaves whole transactions only (WAL journal), and the next ``add`` finishes the
pending work before anything else, so the index always converges to the same content.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.engine.local import LocalEngine
from newstrace.engine.protocol import Engine
from newstrace.errors import UsageError
from newstrace.model import Document, Failure, Relation, document_from_json, relation_from_json
from newstrace.store.lock import WriterLock
from newstrace.store.lookup import query_matches, stored_pairs
from newstrace.store.postings import Postings, write_batch
from newstrace.store.related import RelatedTables
from newstrace.store.report_tables import ReportRows, ReportTables, content_key, write_report
from newstrace.store.schema import SCHEMA_VERSION, migrate

__all__ = ["Index", "Progress", "open_index"]


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
    ...     add_documents(index, documents)          # stages.verbatim: aligned
    ...     relate_pending(index, load_encoder())    # stages.semantic: related
    ...     relations = index.relations()

    It stores and loads: the stages (``stages.verbatim``, ``stages.semantic``) read and
    write it through its public methods.
    """

    def __init__(self, path: str | Path, config: ReuseConfig | None = None,
                 engine: Engine | None = None, wait: bool = True) -> None:
        self.path = str(path)
        self.config = config
        self.engine = engine
        self.conn_: sqlite3.Connection | None = None
        self.config_: ReuseConfig | None = None
        self.engine_: Engine | None = None  # the engine in use; ours to close if made here
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
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock_.release()
        if self.conn_ is not None:
            self.conn_.close()
            self.conn_ = None
        self.postings_ = None
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

    # -- writing (the stages' calls: ``stages.verbatim``, ``stages.semantic``) -----------

    def writing(self) -> None:
        """Take the index's writer lock (``store.lock``) before a write: one writer at a time."""
        self.lock_.acquire()

    def add_failures(self, failures: Iterable[Failure]) -> None:
        """Record captures that could not be read, so reports list them."""
        self.writing()
        rows = [(f.path, f.locator or "", f.reason) for f in failures]
        with self._transaction() as conn:
            conn.executemany("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", rows)

    def _rows_in(self, sql: str, values: Iterable[object]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` (a query whose ``{}`` is one ``IN`` list) for the distinct
        ``values``, sorted, asked 500 at a time (SQLite bounds a statement's parameters)."""
        wanted = sorted(set(values))  # type: ignore[type-var]
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            yield from self._conn.execute(sql.format(",".join("?" * len(part))), part)

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids the index holds."""
        return {doc_id for (doc_id,) in
                self._rows_in("SELECT id FROM documents WHERE id IN ({})", ids)}

    def insert(self, docs: Sequence[Document], keys: Sequence[np.ndarray]) -> list[int]:
        """Insert new documents, each not yet aligned, and their tagged keys (``keys[n]`` is
        ``docs[n]``'s) in one transaction; return their rowids."""
        if not docs:
            return []
        self._conn.execute(f"PRAGMA mmap_size = {_MAPPED_BYTES}")  # after release_caches
        postings = self._postings()  # read before this batch's segment is stored
        with self._transaction() as conn:
            first = int(conn.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM documents")
                        .fetchone()[0])
            rowids = list(range(first, first + len(docs)))
            conn.executemany(
                "INSERT INTO documents (rowid, id, locator, site, published, title, body) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(rowid, doc.id, doc.locator, doc.site, doc.published, doc.title,
                  json.dumps(doc.to_json(), ensure_ascii=False, sort_keys=True))
                 for rowid, doc in zip(rowids, docs, strict=True)])
            segment = write_batch(conn, np.concatenate(list(keys)),
                                  np.repeat(rowids, [own.shape[0] for own in keys]))
        postings.adopt(segment)
        postings.compact()
        return rowids

    def unaligned(self) -> list[int]:
        """The rowids of the documents not yet aligned verbatim, in order."""
        return [r for (r,) in self._conn.execute(
            "SELECT rowid FROM documents WHERE aligned = 0 ORDER BY rowid")]

    def candidate_pairs(self, chunk: Sequence[int], keys: np.ndarray
                        ) -> dict[tuple[int, int], tuple[str, ...]]:
        """Pairs of stored documents sharing rare keys whose newer member is in ``chunk``,
        with the generators (``store.lookup.stored_pairs``; ``keys`` are the chunk's)."""
        postings = self._postings()
        postings.compact()  # segments read from the file are merged before the first lookup
        return stored_pairs(postings, chunk, keys, self._config)

    def matches(self, keys: np.ndarray) -> dict[int, tuple[str, ...]]:
        """Stored documents sharing rare keys with a document of these tagged keys (indexed
        or not), with the generators (``store.lookup.query_matches``)."""
        return query_matches(self._postings(), keys, self._config)

    def store_aligned(self, chunk: Sequence[int], shared: Iterable[tuple[int, int, str]]
                      ) -> None:
        """A chunk's verbatim alignments (newer rowid, older rowid, JSON), stored as it is
        marked aligned, in one transaction; the semantic stage reads them
        (``verbatim_alignments``) and lets them go as it stores the chunk's relations."""
        with self._transaction() as conn:
            conn.executemany("INSERT OR REPLACE INTO verbatim (a, b, body) VALUES (?, ?, ?)",
                             shared)
            conn.executemany("UPDATE documents SET aligned = 1 WHERE rowid = ?",
                             [(r,) for r in chunk])

    def info(self, rowids: Iterable[int]) -> dict[int, tuple[str, str, str | None]]:
        """(id, locator, published) of documents, read from columns (no JSON to parse)."""
        return {rowid: (doc_id, locator, published) for rowid, doc_id, locator, published in
                self._rows_in("SELECT rowid, id, locator, published FROM documents "
                              "WHERE rowid IN ({})", rowids)}

    def release_caches(self) -> None:
        """Let go of what was kept in memory for adding (the postings, SQLite's page cache
        and its mapping of the file): read again on demand, mapped again by the next insert.
        ``trace`` and ``add`` call it once the documents are aligned: relating them and the
        report need none of it."""
        self.postings_ = None
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
        return {rowid: document_from_json(json.loads(body)) for rowid, body in
                self._rows_in("SELECT rowid, body FROM documents WHERE rowid IN ({})", rowids)}

    def documents(self) -> list[Document]:
        """Every indexed document, ordered by id."""
        return [document_from_json(json.loads(body)) for (body,) in
                self._conn.execute("SELECT body FROM documents ORDER BY id")]

    def documents_by_id(self, ids: Iterable[str]) -> list[Document]:
        """The indexed documents with these ids (unknown ids are left out), ordered by id."""
        return [document_from_json(json.loads(body)) for (body,) in self._rows_in(
            "SELECT body FROM documents WHERE id IN ({}) ORDER BY id", ids)]

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
        rowids = [r for (r,) in
                  self._rows_in("SELECT rowid FROM documents WHERE id IN ({})", ids)]
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

    def kept_claims(self, encoder: str | None = None) -> list[dict[str, Any]] | None:
        """The claims of the report kept in the index, in report order, when that report was
        built from the index as it is now (with ``encoder`` when named, and any rescorer);
        else None."""
        kept = ReportTables(self._conn).head()
        if kept is None:
            return None
        built = json.loads(kept[0])
        if encoder is not None and built.get("encoder") != encoder:
            return None
        if kept[0] != self.report_key(built.get("encoder", ""), built.get("rescorer")):
            return None
        return [json.loads(body) for (body,) in
                self._conn.execute("SELECT body FROM report_claims ORDER BY ord")]

    def locators(self, ids: Iterable[str]) -> dict[str, str]:
        """The locators of the indexed documents with these ids (unknown ids left out)."""
        return dict(self._rows_in("SELECT id, locator FROM documents WHERE id IN ({})", ids))

    def sites(self) -> set[str]:
        """The sites the index holds documents of."""
        return {row[0] for row in self._conn.execute(
            "SELECT DISTINCT site FROM documents WHERE site IS NOT NULL")}

    def count(self) -> int:
        """How many documents the index holds."""
        return int(self._conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])


def open_index(path: str | Path, config: ReuseConfig | None = None,
               engine: Engine | None = None) -> Index:
    """An ``Index`` over ``path`` (created if missing), to use in a ``with`` block."""
    return Index(path, config, engine)
