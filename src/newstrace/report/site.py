"""What the web app knows of its index between requests: the kept report's head, whether the
index has changed since that report was built, and a pool of read connections.

Pages read the report's tables (``store.report_tables``) inside one read transaction each, so
a page never mixes an old report's rows with a new one's. Nothing of the report is held in
memory but its head (counts, facets, summary): the app starts by reading one row, whatever the
size of the index.

When an ``add`` has changed the index and did not keep a report (``--no-report``), or the
kept one was built with another encoder, the app goes on showing the kept report, says it is
out of date, and rebuilds it on a background thread under the index's writer lock (waiting
for a running ``add`` to finish first); the pages show the new one from the request after it
is committed. Only an index with no report at all is built before the app answers.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from newstrace.errors import UsageError
from newstrace.index.embed import Encoder
from newstrace.report.kept import keep_current
from newstrace.store.index import Index
from newstrace.store.report_tables import ReportTables, content_key

__all__ = ["Docs", "Labels", "Site"]

_log = logging.getLogger(__name__)
V = TypeVar("V")


@dataclass
class Site:
    """The app's state over the index ``db``."""

    db: Path
    encoder: Encoder
    max_upload: int
    head: dict[str, Any] = field(default_factory=dict)
    stale: bool = False
    stamp: int | None = None
    guard: threading.Lock = field(default_factory=threading.Lock)
    pool: queue.SimpleQueue[sqlite3.Connection] = field(default_factory=queue.SimpleQueue)
    watch: sqlite3.Connection | None = None
    watch_lock: threading.Lock = field(default_factory=threading.Lock)
    rebuilding: threading.Thread | None = None

    def fresh(self) -> None:
        """Read the kept report's head again when the index changed since it was read (an
        ``add``, a rebuild), so a page is never older than its request."""
        now = self._stamp()
        if now == self.stamp:
            return
        with self.guard:  # one reading at a time; the others wait for it
            if now != self.stamp:
                self._settle()
                self.stamp = now

    def _stamp(self) -> int:
        """SQLite's ``data_version`` on a connection kept for it: it changes when another
        connection commits, and reading it costs nothing."""
        with self.watch_lock:
            if self.watch is None:
                self.watch = self._connect()
            return int(self.watch.execute("PRAGMA data_version").fetchone()[0])

    def _kept(self) -> tuple[tuple[str, dict[str, Any]] | None, str]:
        """The kept report's key and head (None when none is kept), and the index's key."""
        with self.reading() as tables:
            return tables.head(), content_key(tables.conn, self.encoder.name)

    def _settle(self) -> None:
        kept, key = self._kept()
        if kept is None:  # nothing to show yet: build it before answering
            self._keep()
            kept, key = self._kept()
            if kept is None:
                raise UsageError(f"{self.db}: no report could be kept in the index")
        self.head = kept[1]
        self.stale = kept[0] != key
        if self.stale and (self.rebuilding is None or not self.rebuilding.is_alive()):
            self.rebuilding = threading.Thread(target=self._rebuild, daemon=True,
                                               name="newstrace-report")
            self.rebuilding.start()

    def _keep(self) -> None:
        """Build and keep the report, in this process (forking from a server's threads can
        deadlock on a lock another thread holds)."""
        try:
            with Index(self.db) as index:
                keep_current(index, self.encoder)
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc):
                raise
            raise UsageError(f"{self.db} is read-only and holds no current report; run "
                             "newstrace add (or trace --db) on it where it can be written, "
                             "then serve it") from None

    def _rebuild(self) -> None:
        try:
            self._keep()
        except Exception:  # the kept report stays; the next change tries again
            _log.exception("rebuilding the report of %s failed", self.db)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, check_same_thread=False,
                               isolation_level=None)

    def reading(self) -> _Reading:
        """A read transaction over the report's tables (``with site.reading() as t:``)."""
        return _Reading(self.pool, self._connect)


class _Reading:
    """One pooled read connection inside one transaction: what a page reads is one
    snapshot of the index."""

    def __init__(self, pool: queue.SimpleQueue[sqlite3.Connection],
                 connect: Any) -> None:
        self.pool = pool
        self.connect = connect
        self.conn: sqlite3.Connection | None = None

    def __enter__(self) -> ReportTables:
        try:
            self.conn = self.pool.get_nowait()
        except queue.Empty:
            self.conn = self.connect()
        self.conn.execute("BEGIN")
        return ReportTables(self.conn)

    def __exit__(self, *exc: object) -> None:
        assert self.conn is not None
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error:  # a broken connection is not pooled again
            self.conn.close()
            return
        self.pool.put(self.conn)


class _Lazy(Mapping[str, V]):
    """Values a page names, read as the page asks for them (``one``: one id; ``many``:
    several in one query, for ``prefetch``)."""

    def __init__(self, one: Callable[[str], V | None],
                 many: Callable[[Iterable[str]], Mapping[str, V]]) -> None:
        self.one = one
        self.many = many
        self.read: dict[str, V] = {}

    def __getitem__(self, doc_id: str) -> V:
        if doc_id not in self.read:
            found = self.one(doc_id)
            if found is None:
                raise KeyError(doc_id)
            self.read[doc_id] = found
        return self.read[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.read)

    def __len__(self) -> int:
        return len(self.read)

    def prefetch(self, doc_ids: Iterable[str]) -> None:
        """Read what a page is about to name in one query instead of one each."""
        self.read.update(self.many([d for d in doc_ids if d not in self.read]))


class Docs(_Lazy[dict[str, Any]]):
    """The documents a page names, without their texts."""

    def __init__(self, tables: ReportTables) -> None:
        super().__init__(lambda doc_id: tables.doc(doc_id, whole=False), tables.docs)


class Labels(_Lazy[str]):
    """Documents' labels ("site · title · date")."""

    def __init__(self, tables: ReportTables) -> None:
        super().__init__(tables.label, tables.labels)
