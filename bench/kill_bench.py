"""Kill ``newstrace add`` at random moments and check what it leaves: the index, processes,
shared memory.

Each trial starts ``add`` on a generated corpus into a fresh index, sends SIGKILL after a
random delay (from the start to past the first committed batch), then checks that no worker
outlived it and no shared-memory block stayed in /dev/shm (after up to 10 s), that the index
passes SQLite's integrity check, and that a re-run completes it to the reference index (the
same relations as an uninterrupted run). Printed: trials, divergent indexes, leaked blocks,
orphaned workers, and how many kills landed before, during and after the first commit.
SIGKILL goes to the main process alone (its workers must notice and die, and its resource
tracker unlink the shared memory within 10 s), or with ``--group`` to the whole process
group at once (no process survives to unlink it: the next run must reclaim it, so leaked
blocks are counted after the re-run).

    .venv/bin/python bench/kill_bench.py --trials 50 --docs 3000 --workers 2 [--group]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "cli"))

from test_kill_add import alive, children, relations, run_add, shared_blocks, stored, write_corpus


def trial(corpus: Path, scratch: Path, reference: list[str], delay: float, workers: int,
          group: bool = False) -> dict[str, object]:
    """One kill (of the main process alone, or of its whole group): what it left, and
    whether a re-run converged to the reference."""
    db = scratch / f"killed-{delay:.3f}.db"
    before = shared_blocks()
    process = run_add(corpus, db, workers, session=group)
    time.sleep(delay)
    workers_then = children(process.pid)
    committed = stored(db)[0]
    if group:
        os.killpg(process.pid, signal.SIGKILL)
    else:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while (shared_blocks() - before or any(alive(p) for p in workers_then)) \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    owners = {process.pid, *workers_then}
    left = _owned(shared_blocks() - before, owners)
    orphans = sum(alive(p) for p in workers_then)
    with sqlite3.connect(db) as conn:
        intact = conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = run_add(corpus, db, workers)
    rerun = again.wait(timeout=600)
    converged = rerun == 0 and relations(db) == reference
    if group:  # nobody of the group survived to unlink: the next run must reclaim them
        left = _owned(shared_blocks() - before, owners | {again.pid})
    leaked = len(left)
    db.unlink(missing_ok=True)
    found = {"delay": round(delay, 2), "leaked": leaked, "orphans": orphans, "intact": intact,
             "converged": converged, "committed": committed, "left": left[:3]}
    if leaked or orphans or not intact or not converged:
        print("  trial:", found, flush=True)
    return found


def _owned(blocks: set[str], pids: set[int]) -> list[str]:
    """The blocks made by these processes (their names carry the maker's process id), so
    that other newstrace runs on the machine meanwhile are not counted."""
    return sorted(b for b in blocks if b.startswith("newstrace_")
                  and b.split("_")[1].isdigit() and int(b.split("_")[1]) in pids)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--group", action="store_true",
                        help="kill the whole process group (main and workers) at once")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="newstrace-kill-") as folder:
        scratch = Path(folder)
        corpus = scratch / "corpus"
        corpus.mkdir()
        write_corpus(corpus, args.docs)
        started = time.monotonic()
        clean = scratch / "reference.db"
        assert run_add(corpus, clean, args.workers).wait(timeout=600) == 0
        full = time.monotonic() - started
        reference = relations(clean)
        print(f"reference: {args.docs} documents, {len(reference)} relations, {full:.1f} s")
        results = [trial(corpus, scratch, reference, rng.uniform(0.2, full), args.workers,
                         args.group) for _ in range(args.trials)]
    divergent = sum(not r["converged"] or not r["intact"] for r in results)
    leaked = sum(bool(r["leaked"]) for r in results)
    orphaned = sum(bool(r["orphans"]) for r in results)
    committed = sum(bool(r["committed"]) for r in results)
    killed = "the process group" if args.group else "the main process alone"
    print(f"trials: {len(results)} (workers {args.workers}; killed: {killed}); killed "
          f"before any commit: {len(results) - committed}, after one: {committed}")
    print(f"divergent or damaged indexes: {divergent}")
    print(f"trials leaving shared memory: {leaked}")
    print(f"trials leaving live workers: {orphaned}")
    return 1 if divergent or leaked or orphaned else 0


if __name__ == "__main__":
    raise SystemExit(main())
