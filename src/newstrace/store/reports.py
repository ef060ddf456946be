"""The last report built from an index, kept in it, so that ``serve`` opens without
rebuilding it.

Building the report (stories, changes, claims) is most of the time ``serve`` took to start:
22 s on the 1,419 articles of the AllSides development crawl. ``trace --db`` builds it anyway,
so it keeps it (gzipped canonical JSON) under a key of what it was built from: the index's
content (its documents, relations and failures, by count and last row) and the encoder.
``serve`` uses it when the key still matches, and builds a fresh one when an ``add`` has
changed the index since.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from typing import Any

__all__ = ["content_key", "keep_report", "kept_report"]


def content_key(conn: sqlite3.Connection, encoder: str, rescorer: str | None = None) -> str:
    """What a report of this index was built from: its rows and the encoders."""
    counts = conn.execute(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COALESCE(MAX(rowid), 0) FROM "
        "documents), (SELECT COUNT(*) FROM relations), (SELECT COALESCE(MAX(rowid), 0) FROM "
        "relations), (SELECT COUNT(*) FROM failures)").fetchone()
    return json.dumps({"rows": list(counts), "encoder": encoder, "rescorer": rescorer},
                      sort_keys=True)


def keep_report(conn: sqlite3.Connection, key: str, text: str) -> None:
    """Keep a report (``text``: its canonical JSON, ``report.json_report.dump_report``) as
    the index's report for ``key``; the one before it goes. The caller holds the index's
    writer lock. (The store takes the text, not the report: it does not import the layer
    above it.)"""
    body = gzip.compress(text.encode("utf-8"), compresslevel=1)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM reports")
        conn.execute("INSERT INTO reports (key, body) VALUES (?, ?)", (key, body))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def kept_report(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """The report kept for ``key``, or None when there is none (or it is of another key)."""
    row = conn.execute("SELECT body FROM reports WHERE key = ?", (key,)).fetchone()
    return json.loads(gzip.decompress(row[0])) if row else None
