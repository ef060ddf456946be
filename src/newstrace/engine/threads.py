"""One BLAS thread per process: the engine's processes are the parallelism.

numpy's OpenBLAS starts a thread per core for every matrix product and keeps them spinning
between products. Sentence alignment computes thousands of small products (a few dozen
sentences by a few hundred shared items) in each worker process; on two cores, two workers
each running two BLAS threads fought for the cores and spent most of the semantic stage
waiting: the dense 2,000-document bench traced in 71.5 s, and in 38.5 s with one BLAS
thread per process (byte-identical report). threadpoolctl is the maintained way to set it
for whichever BLAS numpy was built with, at run time, after numpy is imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import threadpool_limits

__all__ = ["one_blas_thread", "single_blas"]


def single_blas() -> None:
    """Limit BLAS to one thread in this process from now on (a worker's start)."""
    threadpool_limits(limits=1, user_api="blas")


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """One BLAS thread in this process (and the processes it forks) within the block."""
    with threadpool_limits(limits=1, user_api="blas"):
        yield
