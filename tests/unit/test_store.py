from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from newstrace import Document, ingest
from newstrace.config import ReuseConfig
from newstrace.errors import UsageError
from newstrace.match.kinds import EXCERPT_COVERAGE
from newstrace.stages.verbatim import _hasher, _keys, _Run, add_documents, query_verbatim
from newstrace.store.index import Index
from newstrace.store.schema import SCHEMA_VERSION, migrate


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> list[Document]:
    return sorted((d for d in ingest([str(corpus_dir)]) if isinstance(d, Document)),
                  key=lambda d: d.id)


def relation_rows(index: Index) -> list[tuple[str, str, str]]:
    """What the verbatim stage stored: the pairs sharing text, with their passages."""
    rows = index.verbatim_rows()
    assert rows or index.count() < 2, "the demo corpus holds copies: some pair shares text"
    # keyed by the newer document (the one the semantic stage relates, then lets them go)
    assert not index._conn.execute("SELECT COUNT(*) FROM verbatim WHERE a <= b").fetchone()[0]
    return rows


def test_adding_the_same_documents_again_is_a_no_op(tmp_path: Path,
                                                    corpus: list[Document]) -> None:
    with Index(tmp_path / "a.db") as index:
        first = add_documents(index, corpus)
        before = relation_rows(index)
        again = add_documents(index, corpus)
        assert (first.added, again.added, again.skipped) == (len(corpus), 0, len(corpus))
        assert relation_rows(index) == before and index.count() == len(corpus)


def test_incremental_adds_equal_one_big_add(tmp_path: Path, corpus: list[Document]) -> None:
    with Index(tmp_path / "whole.db") as whole:
        add_documents(whole, corpus)
        expected = relation_rows(whole)
    with Index(tmp_path / "parts.db") as parts:
        add_documents(parts, corpus[:4], batch_size=2)
        add_documents(parts, corpus[4:], batch_size=2)
        assert relation_rows(parts) == expected


def test_an_add_after_the_caches_are_released_gives_the_same_relations(
        tmp_path: Path, corpus: list[Document]) -> None:
    """``release_caches`` (``trace`` calls it before the report) lets go of the postings and
    the file's mapping; a later add reads them again and relates alike. The fingerprints'
    shared blocks are gone once the add that made them returns."""
    with Index(tmp_path / "whole.db") as whole:
        add_documents(whole, corpus)
        expected = relation_rows(whole)
    shm = Path("/dev/shm")
    ours = f"newstrace_{os.getpid()}_"
    with Index(tmp_path / "parts.db") as parts:
        add_documents(parts, corpus[:4], batch_size=2)
        assert not shm.is_dir() or not [p for p in shm.iterdir() if p.name.startswith(ours)]
        parts.release_caches()
        assert parts.postings_ is None
        assert parts._conn.execute("PRAGMA mmap_size").fetchone() == (0,)  # file unmapped
        add_documents(parts, corpus[4:], batch_size=2)
        assert parts._conn.execute("PRAGMA mmap_size").fetchone()[0] > 0  # mapped again
        assert relation_rows(parts) == expected


def test_an_interrupted_add_is_completed_by_the_next(tmp_path: Path,
                                                     corpus: list[Document]) -> None:
    with Index(tmp_path / "whole.db") as whole:
        add_documents(whole, corpus)
        expected = relation_rows(whole)
    path = tmp_path / "killed.db"
    with Index(path) as index:
        run = _Run(index, shared=False)
        run.insert(run.prepare(corpus, set()))  # dies after inserting, before aligning
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents WHERE aligned = 0").fetchone()[0]
        assert conn.execute("SELECT COUNT(*) FROM verbatim").fetchone()[0] == 0
    with Index(path) as index:
        stats = add_documents(index, [])
        assert stats.aligned == len(corpus)
        assert relation_rows(index) == expected


def test_query_finds_sources_without_adding(tmp_path: Path, corpus: list[Document]) -> None:
    excerpt = next(d for d in corpus if d.locator.startswith("03_"))
    with Index(tmp_path / "q.db") as index:
        add_documents(index, [d for d in corpus if d is not excerpt])
        found = query_verbatim(index, excerpt)
        assert index.count() == len(corpus) - 1
    original = next(d for d in corpus if d.locator.startswith("01_"))
    shared = next(a.seen_from(original.id) for a in found if excerpt.id in (a.a_id, a.b_id)
                  and original.id in (a.a_id, a.b_id))
    assert shared.coverage_b >= EXCERPT_COVERAGE > shared.coverage_a  # inside the original


def test_the_index_keeps_its_parameters(tmp_path: Path) -> None:
    with Index(tmp_path / "c.db", ReuseConfig(shingle_k=4)):
        pass
    with Index(tmp_path / "c.db") as index:
        assert index.config_ == ReuseConfig(shingle_k=4)
    with pytest.raises(UsageError, match="other reuse parameters"), \
            Index(tmp_path / "c.db", ReuseConfig(shingle_k=6)):
        pass


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(UsageError, match="newer than this newstrace"), Index(path):
        pass


def test_batches_of_known_documents_do_not_stop_an_add(tmp_path: Path,
                                                       corpus: list[Document]) -> None:
    with Index(tmp_path / "whole.db") as whole:
        add_documents(whole, corpus)
        expected = relation_rows(whole)
    with Index(tmp_path / "again.db") as index:
        add_documents(index, corpus[:4], batch_size=2)
        stats = add_documents(index, corpus, batch_size=2)  # its first two batches are known
        assert (stats.added, stats.skipped) == (len(corpus) - 4, 4)
        assert relation_rows(index) == expected


def test_each_posting_is_stored_and_searched_once(tmp_path: Path,
                                                  corpus: list[Document]) -> None:
    with Index(tmp_path / "p.db") as index:
        add_documents(index, corpus, batch_size=2)
        expected = sum(_keys(d, index.reuse, _hasher(index.reuse))[1].shape[0] for d in corpus)
        in_memory = sum(len(s) for s in index._postings().segments)
        stored = index._conn.execute("SELECT SUM(count) FROM segments").fetchone()[0]
        assert in_memory == stored == expected


def test_a_schema_3_index_is_migrated(tmp_path: Path, corpus: list[Document]) -> None:
    """Schema 3 kept postings as rows and relations by (a, b); opening such a file moves the
    postings into one segment and the relations into a table in insertion order."""
    with Index(tmp_path / "new.db") as new:
        add_documents(new, corpus[:-2])
        rows = [(int(key) & 1, int(np.uint64(key).view(np.int64)), int(doc))
                for segment in new._postings().segments
                for key, doc in zip(segment.keys.tolist(), segment.docs.tolist(), strict=True)]
        add_documents(new, corpus[-2:])
        expected = relation_rows(new)
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    migrate(conn, 3)
    conn.execute("ATTACH ? AS new", (str(tmp_path / "new.db"),))
    conn.execute("INSERT INTO meta SELECT * FROM new.meta")
    conn.execute("INSERT INTO documents SELECT * FROM new.documents")
    conn.execute("INSERT INTO relations SELECT a, b, body FROM new.relations")
    conn.execute("DELETE FROM relations WHERE a IN (SELECT rowid FROM documents WHERE id IN "
                 "(?, ?)) OR b IN (SELECT rowid FROM documents WHERE id IN (?, ?))",
                 [d.id for d in corpus[-2:]] * 2)
    conn.execute("DELETE FROM documents WHERE id IN (?, ?)", [d.id for d in corpus[-2:]])
    conn.executemany("INSERT INTO postings VALUES (?, ?, ?)", rows)
    conn.close()
    with Index(old) as migrated:
        assert migrated._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        add_documents(migrated, corpus[-2:])
        assert relation_rows(migrated) == expected


def test_pairs_an_older_index_left_between_the_stages_are_aligned_again(
        tmp_path: Path, corpus: list[Document]) -> None:
    """Older code kept the verbatim stage's findings as relations until the semantic stage
    replaced them; opening such a file keeps the relations of related documents, drops the
    others and marks their documents pending, and the next add aligns them into the
    ``verbatim`` table as it would have from the start."""
    with Index(tmp_path / "new.db") as new:
        add_documents(new, corpus)
        expected = relation_rows(new)
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    migrate(conn, SCHEMA_VERSION - 1)
    conn.execute("ATTACH ? AS new", (str(tmp_path / "new.db"),))
    conn.execute("INSERT INTO meta SELECT * FROM new.meta")
    conn.execute("INSERT INTO documents SELECT * FROM new.documents")  # all aligned
    conn.execute("INSERT INTO segments SELECT * FROM new.segments")  # their postings
    conn.executemany("INSERT INTO related VALUES (?, x'00', '[]')", [(r,) for r in range(1, 5)])
    conn.executemany("INSERT INTO relations (a, b, body) VALUES (?, ?, '{}')",
                     [(4, 1), (2, 3), (5, 2), (1, 6)])  # kept while the newer is related
    conn.close()
    with Index(old) as migrated:
        tables = migrated._conn
        assert sorted(tables.execute("SELECT a, b FROM relations")) == [(2, 3), (4, 1)]
        pending = tables.execute("SELECT rowid FROM documents WHERE aligned = 0").fetchall()
        assert [r for (r,) in pending] == list(range(5, len(corpus) + 1))
        add_documents(migrated, [])
        # the pairs of the related documents 1-4 are not aligned again: they were related
        related = {d.id for d in corpus[:4]}
        again = [row for row in expected if row[1] not in related]  # row[1]: the newer id
        assert again != expected and relation_rows(migrated) == again


def test_a_second_writer_waits_or_refuses_while_the_first_writes(
        tmp_path: Path, corpus: list[Document]) -> None:
    import subprocess
    import sys
    import time

    db = tmp_path / "index.db"

    def second(wait: bool) -> subprocess.Popen[str]:
        script = ("import logging\nfrom newstrace.store.index import Index\n"
                  "from newstrace.stages.verbatim import add_documents\n"
                  "logging.basicConfig()\n"
                  f"with Index({str(db)!r}, wait={wait}) as index:\n"
                  "    print(len(index.relations()), flush=True)\n"  # a reader needs no lock
                  "    add_documents(index, [])\n"
                  "    print('added', flush=True)\n")
        return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    with Index(db, engine=None) as first:
        add_documents(first, corpus[:2])  # holds the writer's lock until closed
        refused = second(wait=False)
        out, err = refused.communicate(timeout=120)
        assert refused.returncode != 0 and out.strip().isdigit()
        assert "is being written by process" in err and str(os.getpid()) in err
        waiting = second(wait=True)
        time.sleep(3)
        assert waiting.poll() is None  # still waiting for the lock
    out, err = waiting.communicate(timeout=120)  # released on close: it goes on
    assert waiting.returncode == 0 and out.split()[-1] == "added"
    assert "waiting for it to finish" in err
    with Index(db) as again:
        add_documents(again, corpus[2:])
        assert again.count() == len(corpus)


def test_an_add_stopped_by_ctrl_c_unlinks_its_blocks_and_does_not_wait_for_workers(
        tmp_path: Path, corpus: list[Document], monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers hit by the same Ctrl-C die with their jobs, so waiting for them to finish
    (a recycle) would never return: the stage lets its shared blocks go and leaves the
    workers to the engine, which ends them as it closes on the error."""
    def interrupted(self: _Run, *args: object) -> None:
        raise KeyboardInterrupt

    def no_wait(*args: object) -> None:
        raise AssertionError("waited for the workers after a Ctrl-C")

    ours = f"newstrace_{os.getpid()}_"
    with Index(tmp_path / "stopped.db") as index:
        with monkeypatch.context() as patched:
            patched.setattr(_Run, "align", interrupted)
            patched.setattr(index.engine_in_use(), "recycle", no_wait)
            with pytest.raises(KeyboardInterrupt):
                add_documents(index, corpus)
        shm = Path("/dev/shm")
        assert not shm.is_dir() or not [p for p in shm.iterdir() if p.name.startswith(ours)]
        assert index.count() == len(corpus) and index.unaligned()  # inserted, still pending
