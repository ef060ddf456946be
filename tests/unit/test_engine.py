from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

import pytest

from newstrace.engine.local import LocalEngine
from newstrace.stages.verbatim import add_documents
from newstrace.store.arena import FingerprintArena
from newstrace.store.index import Index


def square(value: int) -> int:
    return value * value


def test_parallel_map_keeps_input_order_and_matches_serial() -> None:
    with LocalEngine(2, chunksize=3, max_in_flight=10, min_parallel=4) as engine:
        assert list(engine.map(square, range(200))) == [v * v for v in range(200)]
        assert list(engine.map(square, range(50))) == [v * v for v in range(50)]  # pool reused
    assert list(LocalEngine(1).map(square, range(5))) == [0, 1, 4, 9, 16]


def test_an_abandoned_map_does_not_block_the_next() -> None:
    with LocalEngine(2, chunksize=2, max_in_flight=8, min_parallel=4) as engine:
        assert list(itertools.islice(engine.map(square, range(10_000)), 5)) == [0, 1, 4, 9, 16]
        assert list(engine.map(square, range(40))) == [v * v for v in range(40)]


def test_processes_are_the_workers_asked_for_or_every_core(tmp_path: Path) -> None:
    assert LocalEngine(3).processes == 3
    assert LocalEngine().processes == (os.cpu_count() or 1)
    with LocalEngine(1) as engine, Index(tmp_path / "i.db", engine=engine) as index:
        assert index.processes == 1  # the forked stages of trace follow the engine


@pytest.mark.skipif(not FingerprintArena.available(), reason="no /dev/shm here")
def test_recycled_workers_end_and_the_next_map_starts_new_ones(tmp_path: Path) -> None:
    """``recycle`` ends the workers (and what they mapped: ``add_documents`` asks for it
    once its arena's blocks are unlinked); the engine maps on afterwards."""
    with LocalEngine(2, min_parallel=4) as engine:
        assert sorted(set(engine.map(_pid, range(64)))) != [os.getpid()]
        first = engine.pool_
        assert first is not None
        with Index(tmp_path / "i.db", engine=engine) as index:
            add_documents(index, [])
        assert engine.pool_ is None
        assert list(engine.map(square, range(40))) == [v * v for v in range(40)]
        assert engine.pool_ is not None and engine.pool_ is not first


def _pid(_: int) -> int:
    return os.getpid()


def test_leaving_on_an_error_does_not_wait_for_the_tasks_in_flight() -> None:
    """An exception (Ctrl-C among them) while workers are busy ends them: waiting for tasks
    that may never finish hung the command line."""
    engine = LocalEngine(2)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), engine:
        engine.map_async(time.sleep, [60.0, 60.0], chunksize=1)
        raise KeyboardInterrupt
    assert time.monotonic() - started < 30 and engine.pool_ is None
