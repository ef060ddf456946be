"""The local engine: a kernel mapped over records in this process or a pool of processes.

Order is preserved (output i belongs to input i), so results do not depend on how work was
split. At most ``max_in_flight`` items are out at once, so memory does not grow with the corpus
even when items are large, and there is no barrier between batches to leave a core idle. The
worker pool is started on the first parallel ``map`` and kept for the next ones (the index maps
several kernels per batch); ``close()`` or a ``with`` block ends it.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.pool
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["LocalEngine", "engine_scope"]

In = TypeVar("In")
Out = TypeVar("Out")


class LocalEngine:
    """Map a picklable, pure function over items on ``workers`` processes (1 = in process).

    ``workers=None`` uses every core. Fewer than ``min_parallel`` items run in process: a pool
    costs more to feed than a handful of items cost to compute. Items travel to the workers
    ``chunksize`` at a time: 64 ingests plain text 10-15% faster than 16 on two cores.
    """

    def __init__(self, workers: int | None = None, chunksize: int = 64,
                 max_in_flight: int = 1024, min_parallel: int = 32) -> None:
        self.workers = workers
        self.chunksize = chunksize
        self.max_in_flight = max_in_flight
        self.min_parallel = min_parallel
        self.pool_: multiprocessing.pool.Pool | None = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self.pool_ is not None:
            self.pool_.close()
            self.pool_.join()
            self.pool_ = None

    @property
    def processes(self) -> int:
        """How many processes the engine computes on (every core when ``workers`` is None):
        stages that fork their own workers use as many."""
        return self.workers if self.workers is not None else (os.cpu_count() or 1)

    def _pool(self) -> multiprocessing.pool.Pool:
        if self.pool_ is None:
            context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
            self.pool_ = context.Pool(self.processes)
        return self.pool_

    def map(self, kernel: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        """``kernel(item)`` for every item, in input order."""
        iterator = iter(items)
        first = list(itertools.islice(iterator, self.min_parallel))
        if self.processes <= 1 or len(first) < self.min_parallel:
            yield from map(kernel, itertools.chain(first, iterator))
            return
        slots = threading.Semaphore(self.max_in_flight)
        stopped = threading.Event()

        def feed() -> Iterator[In]:
            for item in itertools.chain(first, iterator):
                slots.acquire()
                if stopped.is_set():
                    return  # the consumer went away: feed nothing more to the shared pool
                yield item

        try:
            for result in self._pool().imap(kernel, feed(), chunksize=self.chunksize):
                slots.release()
                yield result
        finally:
            stopped.set()
            slots.release()  # wake a feeder waiting for a slot, so it sees the stop

    def map_async(self, kernel: Callable[[In], Out], items: Sequence[In],
                  chunksize: int | None = None) -> Callable[[], list[Out]]:
        """Start ``kernel`` over ``items`` now; return a function that waits for the results.

        Lets a caller overlap its own work (writing the previous batch) with the workers'.
        In process, the work happens when the results are asked for. With ``chunksize`` the
        items are batches already, sent that many at a time: two are enough for the pool.
        """
        enough = len(items) >= (2 if chunksize else self.min_parallel)
        if self.processes <= 1 or not enough:
            return lambda: [kernel(item) for item in items]
        pending = self._pool().map_async(kernel, items, chunksize=chunksize or self.chunksize)
        return pending.get


@contextmanager
def engine_scope(engine: LocalEngine | None) -> Iterator[LocalEngine]:
    """The caller's engine, left open; or a default one, closed when the block ends.

    Functions that accept an optional engine use this, so a default pool never outlives them.
    """
    if engine is not None:
        yield engine
        return
    with LocalEngine() as default:
        yield default
