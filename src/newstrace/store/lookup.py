"""Candidate lookup against the stored postings: which indexed documents share rare keys.

Keys are 64-bit hashes stored as signed SQLite integers. ``kind`` 0 is a sampled shingle,
``kind`` 1 a MinHash band of a passage. Document frequency is counted in the store, so a key
that became boilerplate as the index grew stops proposing pairs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

import numpy as np

from newstrace.config import ReuseConfig
from newstrace.index.candidates import pairs_sharing_keys

__all__ = [
    "GENERATORS",
    "KIND_BANDS",
    "KIND_SHINGLES",
    "chunk_keys",
    "query_matches",
    "stored_pairs",
    "to_signed",
]

KIND_SHINGLES = 0
KIND_BANDS = 1
#: The generator each key kind stands for, as reported in relations.
GENERATORS = {KIND_SHINGLES: "shingles", KIND_BANDS: "minhash"}


def to_signed(keys: np.ndarray) -> list[int]:
    """uint64 keys as the signed 64-bit integers SQLite stores."""
    return keys.view(np.int64).tolist()


def _min_shared(kind: int, config: ReuseConfig) -> int:
    return config.min_shared if kind == KIND_SHINGLES else 1


def _load_keys(conn: sqlite3.Connection, rows: Iterable[tuple[int, int]]) -> None:
    """Fill the temporary ``wanted`` table with (kind, key) ``rows``.

    One transaction: in autocommit mode every inserted row would be a transaction of its own.
    """
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted "
                 "(kind INTEGER, key INTEGER, PRIMARY KEY (kind, key)) WITHOUT ROWID")
    conn.execute("BEGIN")
    try:
        conn.execute("DELETE FROM wanted")
        conn.executemany("INSERT OR IGNORE INTO wanted VALUES (?, ?)", sorted(set(rows)))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _rows_in_band(conn: sqlite3.Connection, max_df: int, upto: int | None) -> np.ndarray:
    """(kind, key, doc) of every stored posting of a wanted key held by at most max_df docs.

    With ``upto``, only documents with rowid ``<= upto`` count: a chunk resumed after a kill
    then sees the index as it stood when the chunk was the newest, and gives the same pairs.
    """
    only = "AND q.doc <= :upto" if upto is not None else ""
    where = "WHERE p.doc <= :upto" if upto is not None else ""
    cursor = conn.execute(
        f"""
        SELECT p.kind, p.key, p.doc FROM postings p
        JOIN (SELECT w.kind, w.key FROM wanted w
              JOIN postings q ON q.kind = w.kind AND q.key = w.key {only}
              GROUP BY w.kind, w.key HAVING COUNT(*) <= :max_df) f
          ON p.kind = f.kind AND p.key = f.key
        {where}
        """,
        {"upto": upto, "max_df": max_df},
    )
    rows = cursor.fetchall()
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


def chunk_keys(sampled: np.ndarray, bands: np.ndarray) -> list[tuple[int, int]]:
    """A document's keys as (kind, signed key) rows, as the postings hold them."""
    return ([(KIND_SHINGLES, key) for key in to_signed(sampled)]
            + [(KIND_BANDS, key) for key in to_signed(bands)])


def stored_pairs(conn: sqlite3.Connection, chunk: Sequence[int],
                 keys: Iterable[tuple[int, int]], config: ReuseConfig,
                 resumed: bool = False) -> dict[tuple[int, int], tuple[str, ...]]:
    """Candidate pairs of stored documents whose newer member is in ``chunk`` (rowids);
    ``keys`` are the chunk's own (kind, key) rows, which its caller has in hand (reading
    them back would need a second index of the postings, by document, on every insert).

    Every older document was aligned before, so each pair is proposed exactly once: by the
    chunk holding its newer document. ``resumed`` is for chunks left pending by a killed run,
    when newer documents may already be stored: they are then not counted.
    """
    _load_keys(conn, keys)
    rows = _rows_in_band(conn, config.max_df, max(chunk) if resumed else None)
    members = np.asarray(sorted(chunk), dtype=np.int64)
    found: dict[tuple[int, int], set[str]] = {}
    for kind, name in GENERATORS.items():
        part = rows[rows[:, 0] == kind]
        pairs = pairs_sharing_keys(part[:, 1].view(np.uint64), part[:, 2], max_df=config.max_df,
                                   min_shared=_min_shared(kind, config))
        newer = np.maximum(pairs.left, pairs.right)
        keep = np.isin(newer, members)
        for left, right in zip(pairs.left[keep].tolist(), pairs.right[keep].tolist(),
                               strict=True):
            found.setdefault((left, right), set()).add(name)
    return {pair: tuple(sorted(names)) for pair, names in sorted(found.items())}


def query_matches(conn: sqlite3.Connection, keys: tuple[np.ndarray, np.ndarray],
                  config: ReuseConfig) -> dict[int, tuple[str, ...]]:
    """Stored documents (rowids) that a document not in the index shares rare keys with."""
    wanted = [(kind, key) for kind, array in ((KIND_SHINGLES, keys[0]), (KIND_BANDS, keys[1]))
              for key in to_signed(array)]
    _load_keys(conn, wanted)
    # The query document holds each key too, hence max_df - 1; every stored document counts.
    rows = _rows_in_band(conn, config.max_df - 1, None)
    found: dict[int, set[str]] = {}
    for kind, name in GENERATORS.items():
        part = rows[rows[:, 0] == kind]
        docs, counts = np.unique(part[:, 2], return_counts=True)
        for doc in docs[counts >= _min_shared(kind, config)].tolist():
            found.setdefault(doc, set()).add(name)
    return {doc: tuple(sorted(names)) for doc, names in sorted(found.items())}
