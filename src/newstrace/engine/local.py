"""The local engine: a kernel mapped over records in this process or a pool of processes.

Order is preserved (output i belongs to input i), so results do not depend on how work was
split. At most ``max_in_flight`` items are out at once, so memory does not grow with the corpus
even when items are large, and there is no barrier between batches to leave a core idle.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

__all__ = ["LocalEngine"]

In = TypeVar("In")
Out = TypeVar("Out")


class LocalEngine:
    """Map a picklable, pure function over items on ``workers`` processes (1 = in process).

    ``workers=None`` uses every core. Fewer than ``min_parallel`` items run in process: a pool
    costs more to start than a handful of captures cost to read.
    """

    def __init__(self, workers: int | None = None, chunksize: int = 16,
                 max_in_flight: int = 1024, min_parallel: int = 32) -> None:
        self.workers = workers
        self.chunksize = chunksize
        self.max_in_flight = max_in_flight
        self.min_parallel = min_parallel

    def map(self, kernel: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        """``kernel(item)`` for every item, in input order."""
        workers = self.workers if self.workers is not None else (os.cpu_count() or 1)
        iterator = iter(items)
        first = list(itertools.islice(iterator, self.min_parallel))
        if workers <= 1 or len(first) < self.min_parallel:
            yield from map(kernel, itertools.chain(first, iterator))
            return
        slots = threading.BoundedSemaphore(self.max_in_flight)

        def feed() -> Iterator[In]:
            for item in itertools.chain(first, iterator):
                slots.acquire()
                yield item

        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with context.Pool(workers) as pool:
            for result in pool.imap(kernel, feed(), chunksize=self.chunksize):
                slots.release()
                yield result
