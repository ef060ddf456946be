"""Killing ``newstrace add`` at any moment leaves a consistent index; the next run completes
the work and the index ends up as if nothing had happened."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WORDS = [f"w{n}" for n in range(3000)]
#: Three batches of the index: enough that a kill after the first commit is mid-work.
COUNT = 6000


def write_corpus(folder: Path, count: int) -> None:
    rng = random.Random(3)
    articles = []
    for number in range(count):
        if number % 3 == 2:  # an excerpt of an earlier article
            source = articles[rng.randrange(len(articles))].split()
            start = rng.randrange(len(source) // 2)
            text = " ".join(source[start : start + 60])
        else:
            text = " ".join(rng.choice(WORDS) for _ in range(300))
        articles.append(text)
        (folder / f"{number:04d}.txt").write_text(f"Headline number {number} here\n\n{text}.\n")


def run_add(corpus: Path, db: Path, workers: int = 1, session: bool = False
            ) -> subprocess.Popen[bytes]:
    """``newstrace add`` in a subprocess (in its own process group with ``session``, so that
    the group can be killed at once)."""
    return subprocess.Popen([sys.executable, "-m", "newstrace", "add", str(corpus), "--db",
                             str(db), "--quiet", "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=session)


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc; empty where there is none)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def relations(db: Path) -> list[str]:
    """The relations stored, once an add has finished: no verbatim alignment is left then
    (the semantic stage lets them go as it relates their documents)."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM verbatim").fetchone() == (0,)
        return sorted(body for (body,) in conn.execute("SELECT body FROM relations"))


def stored(db: Path) -> tuple[int, int]:
    """(documents, aligned documents) committed so far; (0, 0) before the tables exist."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT COUNT(*), COALESCE(SUM(aligned), 0) FROM documents")
            total, aligned = row.fetchone()
            return int(total), int(aligned)
    except sqlite3.Error:
        return 0, 0


def shared_blocks() -> set[str]:
    """POSIX shared memory blocks in /dev/shm (the index's fingerprint arena makes some)."""
    folder = Path("/dev/shm")
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


@pytest.mark.parametrize(("after", "workers"), [(0.0, 1), (0.4, 2), (1.0, 2)])
def test_a_killed_add_is_completed_by_the_next(tmp_path: Path, after: float,
                                               workers: int) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus, COUNT)
    clean = tmp_path / "clean.db"
    assert run_add(corpus, clean).wait(timeout=300) == 0
    killed = tmp_path / "killed.db"
    shared = shared_blocks()
    process = run_add(corpus, killed, workers)
    deadline = time.monotonic() + 120
    while stored(killed)[0] == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # wait for the first committed batch, then kill mid-work
    time.sleep(after)
    workers_then = children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while (shared_blocks() - shared or any(alive(p) for p in workers_then)) \
            and time.monotonic() < deadline:
        time.sleep(0.05)  # Python's resource tracker unlinks what the killed process made
    assert not shared_blocks() - shared, "shared memory left behind"
    assert not [p for p in workers_then if alive(p)], "workers outlived the killed process"
    documents, aligned = stored(killed)
    # Killed mid-work: reading, aligning or relating (a call stores all its documents, then
    # aligns them, then relates them; a second after the first commit may be past aligning)
    assert documents > 0 and (documents < COUNT or aligned < documents
                              or related(killed) < documents), "killed too late"
    with sqlite3.connect(killed) as conn:  # whatever was committed is whole
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert run_add(corpus, killed).wait(timeout=300) == 0
    assert relations(killed) == relations(clean)
    assert stored(killed) == (COUNT, COUNT)


def related(db: Path) -> int:
    """Documents the semantic stage has related so far (0 before its table has rows)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM related").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_an_add_killed_in_the_semantic_stage_is_completed_alike(tmp_path: Path) -> None:
    """Resumed from the stored document vectors (float16), the semantic stage proposes the
    pairs one run proposes: a run killed there converges to the same relations."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus, 3000)
    clean = tmp_path / "clean.db"
    assert run_add(corpus, clean, 2).wait(timeout=300) == 0
    killed = tmp_path / "killed.db"
    process = run_add(corpus, killed, 2)
    deadline = time.monotonic() + 120
    while related(killed) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < related(killed) < 3000, "killed outside the semantic stage"
    assert run_add(corpus, killed, 2).wait(timeout=300) == 0
    assert relations(killed) == relations(clean)
