"""Two ``add`` runs on one index at once: the second waits for the first (saying so), both
end cleanly, and the index is what the two batches added one after the other make."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from test_kill_add import relations, write_corpus


def _add(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newstrace", "add", str(folder), "--db",
                             str(db), "--workers", "1"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def test_two_adds_at_once_equal_the_two_one_after_the_other(tmp_path: Path) -> None:
    every = tmp_path / "all"
    every.mkdir()
    write_corpus(every, 240)  # a third of them excerpts of earlier ones, across the halves
    halves = {"a": tmp_path / "a", "b": tmp_path / "b"}
    for name, folder in halves.items():
        folder.mkdir()
        for path in sorted(every.iterdir())[name == "b"::2]:
            shutil.copy(path, folder / path.name)
    db = tmp_path / "together.db"
    runs = {name: _add(folder, db) for name, folder in halves.items()}
    errors = {name: run.communicate(timeout=600)[1] for name, run in runs.items()}
    assert all(run.returncode == 0 for run in runs.values()), errors
    waited = [name for name, err in errors.items() if "waiting for it to finish" in err]
    assert len(waited) == 1, errors  # the lock is taken before either reads its captures
    second = waited[0]
    first = "a" if second == "b" else "b"
    alone = tmp_path / "one-after-the-other.db"
    for name in (first, second):
        assert _add(halves[name], alone).wait(timeout=600) == 0
    assert relations(db) == relations(alone)
    assert len(relations(db)) > 20
