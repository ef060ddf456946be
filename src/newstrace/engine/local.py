"""The local engine: a kernel mapped over records in this process or a pool of processes.

Order is preserved (output i belongs to input i), so results do not depend on how work was
split. At most ``max_in_flight`` items are out at once, so memory does not grow with the corpus
even when items are large, and there is no barrier between batches to leave a core idle. The
worker pool is started on the first parallel ``map`` and kept for the next ones (the index maps
several kernels per batch); ``close()`` or a ``with`` block ends it.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import itertools
import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from newstrace.engine.forked import fork_server, fork_start
from newstrace.engine.orphans import die_with_parent, die_with_process
from newstrace.engine.protocol import Engine
from newstrace.engine.threads import one_blas_thread, single_blas

__all__ = ["LocalEngine", "engine_scope", "preload_server"]

In = TypeVar("In")
Out = TypeVar("Out")
Shared = TypeVar("Shared")


class LocalEngine:
    """Map a picklable, pure function over items on ``workers`` processes (1 = in process).

    ``workers=None`` uses every core. Fewer than ``min_parallel`` items run in process: a pool
    costs more to feed than a handful of items cost to compute. Items travel to the workers
    ``chunksize`` at a time: 64 ingests plain text 10-15% faster than 16 on two cores.
    ``fresh`` pool workers come from multiprocessing's fork server rather than from this
    process, for a pool started late in a large run: a forked worker's own allocations
    fill the free slots of the pages it inherited and copy each one (a report writer forked
    at the end of a generated 30k trace grew to 250 MB a worker, its collector frozen or
    not); ``map_shared`` has its own ``send`` for its children.
    """

    def __init__(self, workers: int | None = None, chunksize: int = 64,
                 max_in_flight: int = 1024, min_parallel: int = 32,
                 fresh: bool = False) -> None:
        self.workers = workers
        self.fresh = fresh
        self.chunksize = chunksize
        self.max_in_flight = max_in_flight
        self.min_parallel = min_parallel
        self.pool_: multiprocessing.pool.Pool | None = None
        self._blas: contextlib.ExitStack | None = None

    def __enter__(self) -> LocalEngine:
        """Within the block this process computes on one BLAS thread (``engine.threads``):
        the engine's processes are the parallelism."""
        if self._blas is None:  # entered twice: the first limit stands until close()
            self._blas = contextlib.ExitStack()
            self._blas.enter_context(one_blas_thread())
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        # left by an exception (Ctrl-C among them, which also stopped the workers in its
        # process group), tasks in flight may never finish: waiting for them hung forever
        self._stop(terminate=kind is not None)
        self.close()

    def recycle(self) -> None:
        """Stop the worker processes, if any were started (the next map starts new ones): a
        worker keeps the arena blocks it mapped until it ends, and the blocks' memory with
        them (``store.arena``). Call it with no map in flight: a map not yet consumed would
        find its pool gone."""
        self._stop(terminate=False)

    def _stop(self, terminate: bool) -> None:
        """End the pool, if any: its workers finish what they hold, or (``terminate``) are
        stopped at once."""
        if self.pool_ is not None:
            if terminate:
                self.pool_.terminate()
            else:
                self.pool_.close()
            self.pool_.join()
            self.pool_ = None

    def close(self) -> None:
        """Stop the worker processes, if any were started, and give BLAS its threads back."""
        self.recycle()
        if self._blas is not None:
            self._blas.close()
            self._blas = None

    @property
    def processes(self) -> int:
        """How many processes the engine computes on (every core when ``workers`` is None):
        stages that fork their own workers use as many."""
        return self.workers if self.workers is not None else (os.cpu_count() or 1)

    @property
    def shares_memory(self) -> bool:
        """The workers are this machine's processes."""
        return True

    def _pool(self) -> multiprocessing.pool.Pool:
        if self.pool_ is None:
            methods = multiprocessing.get_all_start_methods()
            method = "forkserver" if self.fresh and "forkserver" in methods else \
                "fork" if "fork" in methods else "spawn"
            context = fork_server() if method == "forkserver" else \
                multiprocessing.get_context(method)
            self.pool_ = context.Pool(self.processes, initializer=_start_worker,
                                      initargs=(os.getpid(), method == "forkserver"))
        return self.pool_

    def map(self, kernel: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        """``kernel(item)`` for every item, in input order.

        Chunks are submitted from the caller's thread as it takes results, at most
        ``max_in_flight`` items ahead: the pool's own task thread never waits on the caller's
        items, so another ``map_async`` on the same pool (the index hashing a batch while
        documents are still being read) is never stuck behind a feeder that waits for the
        caller to take results.
        """
        iterator = iter(items)
        first = list(itertools.islice(iterator, self.min_parallel))
        if self.processes <= 1 or len(first) < self.min_parallel:
            yield from map(kernel, itertools.chain(first, iterator))
            return
        pool = self._pool()
        window = max(2, self.max_in_flight // self.chunksize)
        pending: collections.deque[multiprocessing.pool.AsyncResult[list[Out]]] = \
            collections.deque()
        chunks = _chunked(itertools.chain(first, iterator), self.chunksize)
        for chunk in chunks:
            pending.append(pool.apply_async(_run_chunk, (kernel, chunk)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()

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

    def map_shared(self, kernel: Callable[[Shared, In], Out], shared: Shared,
                   items: Sequence[In], background: bool = False, send: bool = False
                   ) -> Callable[[], list[Out]]:
        """Start ``kernel(shared, item)`` over ``items`` on forked children, which inherit
        ``shared`` as it is in this process's memory (nothing pickled but the items'
        results), or (``send``) are sent it; with few items, here and at once
        (``engine.forked``)."""
        return fork_start(functools.partial(kernel, shared), items, self.processes,
                          background=background, send=send)


def _chunked(items: Iterable[In], size: int) -> Iterator[list[In]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _run_chunk(kernel: Callable[[In], Out], chunk: list[In]) -> list[Out]:
    return [kernel(item) for item in chunk]


def _start_worker(parent: int, apart: bool = False) -> None:
    """A pool worker's start: it dies with ``parent`` (which is not its own parent when
    ``apart``: a fork server's child) and computes on one BLAS thread."""
    (die_with_process if apart else die_with_parent)(parent)
    single_blas()


def preload_server(modules: Sequence[str]) -> None:
    """Have multiprocessing's fork server import ``modules`` once, before it forks any
    child, so that each child starts with them (the flow's kernels: 0.7-0.9 s for each
    child to import otherwise). multiprocessing keeps one fork server per process, so this
    is the process's setting, and it counts only until the server has started."""
    fork_server().set_forkserver_preload(list(modules))


@contextmanager
def engine_scope(engine: Engine | None) -> Iterator[Engine]:
    """The caller's engine, left open; or a default one, closed when the block ends.

    Functions that accept an optional engine use this, so a default pool never outlives them.
    """
    with one_blas_thread():  # the engine's processes are the parallelism
        if engine is not None:
            yield engine
            return
        with LocalEngine() as default:
            yield default
