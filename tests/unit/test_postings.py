"""The postings' segments: lookups equal a brute-force count, merges keep every posting once,
and a segment is stored with its batch or not at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from newstrace.store.postings import FANOUT, Postings, tagged_keys, write_batch
from newstrace.store.schema import migrate


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn)
    return conn


def _add_batches(conn: sqlite3.Connection, postings: Postings, batches: int,
                 rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Batches of 5 documents each holding 30 keys from a small key space (so keys repeat)."""
    all_keys, all_docs = [], []
    for batch in range(batches):
        docs = np.repeat(np.arange(batch * 5 + 1, batch * 5 + 6), 30)
        keys = rng.integers(0, 400, docs.shape[0]).astype(np.uint64) * np.uint64(2)
        pairs = np.unique(np.stack([keys.view(np.int64), docs], axis=1), axis=0)
        keys, docs = pairs[:, 0].view(np.uint64), pairs[:, 1]
        conn.execute("BEGIN")
        segment = write_batch(conn, keys, docs)
        conn.execute("COMMIT")
        postings.adopt(segment)
        postings.compact()
        all_keys.append(keys)
        all_docs.append(docs)
    return np.concatenate(all_keys), np.concatenate(all_docs)


def _brute(keys: np.ndarray, docs: np.ndarray, wanted: np.ndarray, max_df: int,
           upto: int | None) -> set[tuple[int, int]]:
    counted = docs <= upto if upto is not None else np.ones(docs.shape[0], bool)
    found = set()
    for key in wanted.tolist():
        holders = docs[(keys == key) & counted].tolist()
        if len(holders) <= max_df:
            found |= {(key, doc) for doc in holders}
    return found


@pytest.mark.parametrize("upto", [None, 40, 200])
def test_lookup_equals_a_brute_force_count(tmp_path: Path, upto: int | None) -> None:
    conn = _connect(tmp_path / "p.db")
    postings = Postings.load(conn)
    keys, docs = _add_batches(conn, postings, FANOUT * 2 + 3, np.random.default_rng(7))
    assert len({s.level for s in postings.segments}) > 1  # merges happened
    assert sum(len(s) for s in postings.segments) == keys.shape[0]  # each posting once
    wanted = np.unique(keys[::7])
    found_keys, found_docs = postings.lookup(wanted, 6, upto)
    got = set(zip(found_keys.tolist(), found_docs.tolist(), strict=True))
    assert len(got) == found_keys.shape[0]
    assert got == _brute(keys, docs, wanted, 6, upto)
    reloaded = Postings.load(conn).lookup(wanted, 6, upto)  # unmerged, as stored
    assert set(zip(*(part.tolist() for part in reloaded), strict=True)) == got


def test_segments_are_stored_with_their_batch_and_never_rewritten(tmp_path: Path) -> None:
    conn = _connect(tmp_path / "p.db")
    postings = Postings.load(conn)
    keys, _docs = _add_batches(conn, postings, FANOUT + 1, np.random.default_rng(3))
    stored = conn.execute("SELECT COUNT(*), SUM(count) FROM segments").fetchone()
    assert stored == (FANOUT + 1, keys.shape[0])
    assert len(postings.segments) == 2  # merged in memory only
    conn.execute("BEGIN")
    write_batch(conn, np.array([2, 4], dtype=np.uint64), np.array([99, 99]))
    conn.execute("ROLLBACK")  # a batch killed before its commit leaves no segment
    assert conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0] == FANOUT + 1


def test_tagged_keys_keep_the_kinds_apart() -> None:
    same = np.array([12345678901234567890], dtype=np.uint64)
    tagged = tagged_keys(same, same)
    assert tagged.shape == (2,) and sorted((tagged & np.uint64(1)).tolist()) == [0, 1]
