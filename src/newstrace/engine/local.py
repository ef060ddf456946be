"""The local engine: a kernel mapped over records in this process or a pool of processes.

Order is preserved (output i belongs to input i), so results do not depend on how work was
split, and input is consumed in bounded batches, so memory does not grow with the corpus.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

__all__ = ["LocalEngine"]

In = TypeVar("In")
Out = TypeVar("Out")


class LocalEngine:
    """Map a picklable, pure function over items on ``workers`` processes (1 = in process)."""

    def __init__(self, workers: int | None = None, batch_size: int = 256) -> None:
        self.workers = workers
        self.batch_size = batch_size

    def map(self, kernel: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        """``kernel(item)`` for every item, in input order."""
        workers = self.workers if self.workers is not None else (os.cpu_count() or 1)
        iterator = iter(items)
        first = list(itertools.islice(iterator, self.batch_size))
        if workers <= 1 or len(first) < self.batch_size // 4:
            yield from map(kernel, first)
            yield from map(kernel, iterator)
            return
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with context.Pool(workers) as pool:
            batch = first
            while batch:
                chunk = max(1, len(batch) // (workers * 4))
                yield from pool.imap(kernel, batch, chunksize=chunk)
                batch = list(itertools.islice(iterator, self.batch_size))
