"""The shared fingerprint arena: what a job names reads back as the fingerprint it was, in
this process and in forked workers; blocks go when nothing wants them, and on close."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from newstrace.engine.local import LocalEngine
from newstrace.index.shingles import Fingerprint, fingerprint_text
from newstrace.store.arena import (
    FingerprintArena,
    SharedRef,
    keep_mapped,
    reclaim_stale,
    resolve,
)

pytestmark = pytest.mark.skipif(not FingerprintArena.available(), reason="no /dev/shm here")


def _fingerprints(count: int) -> list[Fingerprint]:
    rng = np.random.default_rng(5)
    return [fingerprint_text(f"d{n}", " ".join(
        f"w{w}" for w in rng.integers(0, 500, 20 + 7 * n))).with_offsets()
        for n in range(count)]


def _same(a: Fingerprint, b: Fingerprint) -> bool:
    return (a.doc_id == b.doc_id and a.text_length == b.text_length
            and np.array_equal(a.token_hashes, b.token_hashes)
            and all(np.array_equal(x, y) for x, y in
                    zip(a.token_offsets(), b.token_offsets(), strict=True)))


def _exists(name: str) -> bool:
    return (Path("/dev/shm") / name.lstrip("/")).exists()


def _summary(ref: SharedRef) -> tuple[str, int, int]:
    fp = resolve(ref)
    return fp.doc_id, int(fp.token_hashes.sum() % 1_000_003), int(fp.token_offsets()[1][-1])


@contextlib.contextmanager
def _arena(block_bytes: int) -> Iterator[FingerprintArena]:
    """An arena of small blocks (fingerprints span several), unlinked and unmapped after."""
    arena = FingerprintArena(block_bytes=block_bytes)
    try:
        yield arena
    finally:
        arena.close()
        keep_mapped(())


def test_a_reference_reads_back_the_fingerprint_in_process() -> None:
    fps = _fingerprints(30)
    with _arena(2048) as arena:
        refs = [arena.put(fp) for fp in fps]
        assert len(arena.names()) > 1
        assert all(_same(resolve(ref), fp) for ref, fp in zip(refs, fps, strict=True))
        assert resolve(fps[0]) is fps[0]  # a fingerprint carried in the job is itself


def test_forked_workers_read_the_same_fingerprints() -> None:
    fps = _fingerprints(40)
    with _arena(4096) as arena, LocalEngine(2, min_parallel=2, chunksize=4) as engine:
        assert list(engine.map(abs, range(-8, 0))) == list(range(8, 0, -1))  # pool forked
        refs = [arena.put(fp) for fp in fps]  # blocks made after the workers were forked
        found = list(engine.map(_summary, refs))
        assert found == [_summary(ref) for ref in refs]


def test_blocks_go_when_swept_empty_and_on_close() -> None:
    fps = _fingerprints(12)
    arena = FingerprintArena(block_bytes=1024)
    refs = [arena.put(fp) for fp in fps]
    first = refs[0].block
    for ref in refs:
        if ref.block == first:
            arena.drop(ref)
    assert _exists(first)  # a job in flight may still name it: only a sweep unlinks
    arena.sweep()
    assert not _exists(first) and first not in arena.names()
    kept = arena.names()
    assert kept and all(_exists(name) for name in kept)
    arena.close()
    assert not any(_exists(name) for name in kept)
    assert arena.names() == ()


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="no /dev/shm on this system")
def test_a_later_run_reclaims_the_blocks_of_a_run_killed_whole() -> None:
    """A run killed with its process group (resource tracker included) leaves its blocks;
    the next arena unlinks those whose owner is gone, never a live owner's."""
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = Path("/dev/shm") / f"newstrace_{dead}_1_test"
    mine = Path("/dev/shm") / f"newstrace_{os.getpid()}_1_test"
    for path in (stale, mine):
        path.write_bytes(b"\0" * 64)
    try:
        assert stale.name in reclaim_stale()
        assert not stale.exists() and mine.exists()
    finally:
        for path in (stale, mine):
            path.unlink(missing_ok=True)


_DIES_ONCE_CREATED = """
import os, signal, sys
import _posixshmem
from newstrace.index.shingles import fingerprint_text
from newstrace.store import arena

class CreatedThenKilled:
    '''A block made as SharedMemory makes it, the process killed before it maps it.'''
    def __init__(self, name, create, size):
        _posixshmem.shm_open("/" + name, os.O_CREAT | os.O_EXCL | os.O_RDWR, mode=0o600)
        print(name, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

arena.SharedMemory = CreatedThenKilled
arena.FingerprintArena().put(fingerprint_text("d", "a few words here"))
"""


def test_a_run_killed_while_making_a_block_leaves_nothing() -> None:
    """Killed between creating a block and mapping it, a run's block is still unlinked by
    its resource tracker: the name is registered before the block exists."""
    import subprocess
    import sys
    import time

    done = subprocess.run([sys.executable, "-c", _DIES_ONCE_CREATED], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == -9, done.stderr
    block = Path("/dev/shm") / done.stdout.strip()
    deadline = time.monotonic() + 10
    while block.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    leaked = block.exists()
    block.unlink(missing_ok=True)
    assert not leaked, "the block outlived its killed run"
