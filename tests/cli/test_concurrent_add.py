"""Two ``add`` runs on one index at once: the second waits for the first (saying so), both
end cleanly, and the index is what the two batches added one after the other make."""

from __future__ import annotations

import shutil
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
    write_corpus(every, 600)  # a third of them excerpts of earlier ones, across the halves
    halves = {"a": tmp_path / "a", "b": tmp_path / "b"}
    for name, folder in halves.items():
        folder.mkdir()
        for path in sorted(every.iterdir())[name == "b"::2]:
            shutil.copy(path, folder / path.name)
    db = tmp_path / "together.db"
    first = _add(halves["a"], db)
    assert _holds_lock(db, first.pid)
    second = _add(halves["b"], db)  # starts while the first writes
    errors = {name: run.communicate(timeout=600)[1]
              for name, run in (("a", first), ("b", second))}
    assert first.returncode == 0 and second.returncode == 0, errors
    assert "waiting for it to finish" in errors["b"], errors
    alone = tmp_path / "one-after-the-other.db"
    for name in ("a", "b"):
        assert _add(halves[name], alone).wait(timeout=600) == 0
    assert relations(db) == relations(alone)
    assert len(relations(db)) > 50
