"""SQLite schema of the index, as named, numbered migrations.

A migration runs inside one transaction with the version bump, so a file is always at a
version it fully has. Opening an index newer than this code refuses, with a clear message.
"""

from __future__ import annotations

import sqlite3

from newstrace.errors import UsageError

__all__ = ["SCHEMA_VERSION", "migrate"]

_MIGRATIONS: list[tuple[str, str]] = [
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
]

#: The version this code writes and reads.
SCHEMA_VERSION = len(_MIGRATIONS)


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the database to ``SCHEMA_VERSION``, one transaction per migration."""
    current = _version(conn)
    if current > SCHEMA_VERSION:
        raise UsageError(f"this index has schema version {current}, newer than this newstrace "
                         f"({SCHEMA_VERSION}); upgrade newstrace to open it")
    for number in range(current, SCHEMA_VERSION):
        _name, script = _MIGRATIONS[number]
        statements = [s.strip() for s in script.split(";") if s.strip()]
        with conn:
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
