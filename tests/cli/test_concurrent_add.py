"""Two ``add`` runs on one index at once: the one that comes to write second waits for the
other (saying so), both end cleanly, and the index is what the two batches added one after
the other make."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from test_kill_add import relations, write_corpus


def _add(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newstrace", "add", str(folder), "--db",
                             str(db), "--workers", "1"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def _holds_lock(db: Path, pid: int, seconds: float = 120) -> bool:
    """Wait until process ``pid`` holds the index's writer lock (its id in the lock file)."""
    lock = Path(f"{db}.lock")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text().strip() == str(pid):
            return True
        time.sleep(0.02)
    return False


def test_two_adds_at_once_equal_the_two_one_after_the_other(tmp_path: Path) -> None:
    every = tmp_path / "all"
    every.mkdir()
    write_corpus(every, 2000)  # a third of them excerpts of earlier ones, across the parts
    # the first run writes nine documents in ten, so that the two runs' writing overlaps:
    # the first holds the index for about 4 s here, the second needs about 1.5 s to come to
    # it. Which of them waits is the scheduler's call (the first takes the lock briefly to
    # create the tables, then reads its captures, and the second may come in between), so
    # the test asks that one of them said it waited.
    halves = {"a": tmp_path / "a", "b": tmp_path / "b"}
    for folder in halves.values():
        folder.mkdir()
    for number, path in enumerate(sorted(every.iterdir())):
        shutil.copy(path, halves["b" if number % 10 == 9 else "a"] / path.name)
    db = tmp_path / "together.db"
    first = _add(halves["a"], db)
    assert _holds_lock(db, first.pid)
    second = _add(halves["b"], db)  # starts while the first writes
    errors = {name: run.communicate(timeout=600)[1]
              for name, run in (("a", first), ("b", second))}
    assert first.returncode == 0 and second.returncode == 0, errors
    assert any("waiting for it to finish" in said for said in errors.values()), errors
    alone = tmp_path / "one-after-the-other.db"
    waited = "waiting for it to finish" in errors["a"]
    for name in (("b", "a") if waited else ("a", "b")):  # in the order they wrote
        assert _add(halves[name], alone).wait(timeout=600) == 0
    assert relations(db) == relations(alone)
    assert len(relations(db)) > 50


def test_two_adds_started_together_on_a_new_file_both_succeed(tmp_path: Path) -> None:
    """Creating the tables is under the writer's lock too: two runs started at once on a
    file that does not exist yet once failed with "table meta already exists"."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        write_corpus(tmp_path / name, 30)
        for path in (tmp_path / name).iterdir():  # the two halves: different documents
            path.write_text(path.read_text() + f" Edition {name}.")
    db = tmp_path / "new.db"
    runs = [_add(tmp_path / name, db) for name in ("a", "b")]
    errors = [run.communicate(timeout=600)[1] for run in runs]
    assert all(run.returncode == 0 for run in runs), errors
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 60
