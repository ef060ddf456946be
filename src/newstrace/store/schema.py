"""SQLite schema of the index, as named, numbered migrations.

A migration (SQL, or a function where rows must be rewritten) runs inside one transaction
with the version bump, so a file is always at a version it fully has. Opening an index newer
than this code refuses, with a clear message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import numpy as np

from newstrace.errors import UsageError
from newstrace.store.postings import tag, write_batch
from newstrace.store.report_tables import CREATE as REPORT_TABLES

__all__ = ["SCHEMA_VERSION", "migrate"]

def _postings_to_segments(conn: sqlite3.Connection) -> None:
    """Schema 4: the rows of ``postings`` become one segment; the table goes."""
    conn.execute("""
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            first_doc INTEGER NOT NULL,
            last_doc INTEGER NOT NULL,
            count INTEGER NOT NULL,
            keys BLOB NOT NULL,
            docs BLOB NOT NULL
        )""")
    cursor = conn.execute("SELECT kind, key, doc FROM postings")
    parts = [np.empty((0, 3), dtype=np.int64)]  # read in slices: 20M tuples would not fit
    while batch := cursor.fetchmany(1_000_000):
        parts.append(np.array(batch, dtype=np.int64).reshape(-1, 3))
    rows = np.concatenate(parts)
    if rows.shape[0]:  # one segment: a segment must hold all of its documents' postings
        write_batch(conn, tag(rows[:, 1].view(np.uint64), rows[:, 0]), rows[:, 2])
    conn.execute("DROP TABLE postings")


_MIGRATIONS: list[tuple[str, str | Callable[[sqlite3.Connection], None]]] = [
    (
        "create documents, postings, relations, failures",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            locator TEXT NOT NULL,
            site TEXT,
            published TEXT,
            title TEXT,
            body TEXT NOT NULL,
            aligned INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX documents_pending ON documents (aligned) WHERE aligned = 0;
        CREATE TABLE postings (
            kind INTEGER NOT NULL,
            key INTEGER NOT NULL,
            doc INTEGER NOT NULL REFERENCES documents (rowid),
            PRIMARY KEY (kind, key, doc)
        ) WITHOUT ROWID;
        CREATE INDEX postings_by_doc ON postings (doc);
        CREATE TABLE relations (
            a INTEGER NOT NULL REFERENCES documents (rowid),
            b INTEGER NOT NULL REFERENCES documents (rowid),
            body TEXT NOT NULL,
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID;
        CREATE TABLE failures (
            path TEXT NOT NULL,
            locator TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (path, locator)
        );
        """,
    ),
    (
        "documents related by the semantic stage",
        """
        CREATE TABLE related (
            doc INTEGER PRIMARY KEY REFERENCES documents (rowid),
            vector BLOB NOT NULL,
            names TEXT NOT NULL
        );
        CREATE INDEX relations_by_derived ON relations (b);
        """,
    ),
    (
        "postings without a second index by document (a chunk's keys come from memory)",
        """
        DROP INDEX IF EXISTS postings_by_doc;
        """,
    ),
    (
        "postings as sorted segments in blobs (store.postings), moved from the postings table",
        _postings_to_segments,
    ),
    (
        "relations in insertion order, found by (a, b) through an index",
        """
        CREATE TABLE relations_by_rowid (
            rowid INTEGER PRIMARY KEY,
            a INTEGER NOT NULL REFERENCES documents (rowid),
            b INTEGER NOT NULL REFERENCES documents (rowid),
            body TEXT NOT NULL
        );
        INSERT INTO relations_by_rowid (a, b, body) SELECT a, b, body FROM relations;
        DROP TABLE relations;
        ALTER TABLE relations_by_rowid RENAME TO relations;
        CREATE UNIQUE INDEX relations_pair ON relations (a, b);
        CREATE INDEX relations_by_derived ON relations (b);
        """,
    ),
    (
        "the last report built from the index (store.reports), so that serve opens fast",
        "CREATE TABLE reports (key TEXT PRIMARY KEY, body BLOB NOT NULL)",
    ),
    (
        "the report as tables (store.report_tables), so that serve reads a page's rows only",
        REPORT_TABLES,
    ),
    (
        # Relations are decided once, by the semantic stage: the verbatim stage keeps what
        # each pair shares until then. A file that older code left between the two stages
        # held those pairs as relations: its unrelated documents are aligned again.
        "verbatim alignments apart from relations, kept until the semantic stage reads them",
        """
        CREATE TABLE verbatim (
            a INTEGER NOT NULL REFERENCES documents (rowid),
            b INTEGER NOT NULL REFERENCES documents (rowid),
            body TEXT NOT NULL,
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID;
        DELETE FROM relations WHERE max(a, b) NOT IN (SELECT doc FROM related);
        UPDATE documents SET aligned = 0 WHERE rowid NOT IN (SELECT doc FROM related)
        """,
    ),
]

#: The version this code writes and reads.
SCHEMA_VERSION = len(_MIGRATIONS)


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, version: int = SCHEMA_VERSION) -> None:
    """Bring the database to ``version`` (by default ``SCHEMA_VERSION``; an older one makes
    files as older newstrace wrote them, for tests), one transaction per migration."""
    current = _version(conn)
    if current > SCHEMA_VERSION:
        raise UsageError(f"this index has schema version {current}, newer than this newstrace "
                         f"({SCHEMA_VERSION}); upgrade newstrace to open it")
    for number in range(current, version):
        _name, script = _MIGRATIONS[number]
        # Explicit: on a connection in autocommit mode, ``with conn`` would not open one.
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(script):
                script(conn)
            else:
                for statement in (s.strip() for s in script.split(";") if s.strip()):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
