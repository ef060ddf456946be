"""The Spark engine: the flow's kernels on Apache Spark (pyspark), on ``local[N]`` or a cluster.

The same protocol as the local engine (``engine.protocol``), so every stage runs unchanged
and gives the same answer: ``map`` is ``parallelize`` + ``map`` + ``collect`` (partitions
come back in order, so output i is input i's); ``map_shared`` broadcasts the shared record
once to each executor and maps the items over it; ``map_async`` and ``map_shared`` start
their job on a thread of this process, so the caller overlaps its own work as it does with
the local engine's forks. A handful of items stays in this process: a Spark job costs tens
of milliseconds to schedule.

Installed with the ``[spark]`` extra (pyspark 4, on a Java 17 runtime). Each executor's
Python is this interpreter (``PYSPARK_PYTHON`` unless set), computing on one BLAS thread (the
executors are the parallelism, as the local engine's processes are).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from newstrace.errors import UsageError

__all__ = ["MAX_JOB_ITEMS", "SparkEngine"]

In = TypeVar("In")
Out = TypeVar("Out")
Shared = TypeVar("Shared")

#: Executors compute on one BLAS thread each (``engine.threads``).
_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
#: Items of one Spark job at most (``SparkEngine._collect``): a few thousand documents or
#: relations, tens of MB in the driver's JVM; a job costs tens of milliseconds.
MAX_JOB_ITEMS = 5_000


class SparkEngine:
    """Map pure kernels over items on a Spark cluster (``master``: ``local[2]``,
    ``spark://host:7077``, ``yarn``...). The Spark context starts on first use and stops on
    ``close()``. Fewer than ``min_parallel`` items are mapped in this process."""

    def __init__(self, master: str = "local[2]", min_parallel: int = 32,
                 conf: dict[str, str] | None = None, max_job_items: int = MAX_JOB_ITEMS
                 ) -> None:
        if max_job_items < 1:
            raise UsageError(f"a Spark job needs at least one item, not {max_job_items}")
        self.master = master
        self.min_parallel = min_parallel
        self.max_job_items = max_job_items
        self.conf = dict(conf or {})
        self.context_: Any = None  # pyspark.SparkContext, once started

    def __enter__(self) -> SparkEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _context(self) -> Any:
        if self.context_ is None:
            try:
                from pyspark import SparkConf, SparkContext
            except ImportError as exc:  # the extra is not installed
                raise UsageError("the Spark engine needs pyspark: pip install "
                                 "'newstrace[spark]' (and a Java 17 runtime)") from exc
            # pyspark reads the executors' Python from the driver's environment when the
            # context starts: this interpreter, which has newstrace, unless the user named one
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            conf = (SparkConf().setMaster(self.master).setAppName("newstrace")
                    .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false"))
            for name in _ONE_THREAD:
                conf.setExecutorEnv(name, "1")
            for key, value in sorted(self.conf.items()):
                conf.set(key, value)
            self.context_ = SparkContext.getOrCreate(conf)
            self.context_.setLogLevel("ERROR")
        return self.context_

    @property
    def processes(self) -> int:
        """The cluster's default parallelism (cores of ``local[N]``: N)."""
        return int(self._context().defaultParallelism)

    @property
    def shares_memory(self) -> bool:
        """Whether the executors run on this machine (``local`` masters) and can attach to
        its shared memory."""
        return self.master.startswith("local")

    def recycle(self) -> None:
        """Nothing: Spark starts and ends its Python workers itself (stopping the context
        to end them would cost its start-up again)."""

    def close(self) -> None:
        """Stop the Spark context, if it was started."""
        if self.context_ is not None:
            self.context_.stop()
            self.context_ = None

    def _collect(self, kernel: Callable[[In], Out], items: list[In]) -> list[Out]:
        """``kernel`` over ``items`` in order, one Spark job per ``max_job_items`` of them:
        ``parallelize`` reads its items whole into the driver's JVM, and ``collect`` gathers
        the results there before Python reads them. One job for all of a map's items ran the
        default 1 GB driver heap out of memory at 100,000 generated documents (the claims'
        map over the largest group's relations). This bounds the items and results in the
        JVM at once, not a broadcast record (``map_shared``), which goes whole."""
        if len(items) < self.min_parallel:
            return [kernel(item) for item in items]
        context = self._context()
        out: list[Out] = []
        for start in range(0, len(items), self.max_job_items):
            part = items[start:start + self.max_job_items]
            slices = min(len(part), max(1, context.defaultParallelism) * 4)
            out.extend(context.parallelize(part, slices).map(kernel).collect())
        return out

    def map(self, kernel: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        """``kernel(item)`` for every item, in input order (one Spark job per
        ``max_job_items``)."""
        yield from self._collect(kernel, list(items))

    def map_async(self, kernel: Callable[[In], Out], items: Sequence[In],
                  chunksize: int | None = None) -> Callable[[], list[Out]]:
        """Start the job now, on a thread of this process; the call returned waits for its
        results, in order (``chunksize`` is the local engine's hint, not needed here)."""
        return _started(lambda: self._collect(kernel, list(items)))

    def map_shared(self, kernel: Callable[[Shared, In], Out], shared: Shared,
                   items: Sequence[In], background: bool = False, send: bool = False
                   ) -> Callable[[], list[Out]]:
        """Start ``kernel(shared, item)`` over the items now: ``shared`` is broadcast once to
        each executor (``background`` and ``send`` are the local engine's hints: Spark's
        executors are not this process's cores, and a broadcast is always sent)."""
        listed = list(items)
        if len(listed) < self.min_parallel:
            return _started(lambda: [kernel(shared, item) for item in listed])
        record = self._context().broadcast(shared)

        def run() -> list[Out]:
            try:
                return self._collect(lambda item: kernel(record.value, item), listed)
            finally:
                record.unpersist()
        return _started(run)


def _started(work: Callable[[], list[Out]]) -> Callable[[], list[Out]]:
    """``work`` running on a thread from now; the call returned waits for its result (and
    raises what it raised)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["done"] = work()
        except BaseException as exc:  # handed to the caller, who decides
            box["error"] = exc

    thread = threading.Thread(target=run, name="newstrace-spark", daemon=True)
    thread.start()

    def wait() -> list[Out]:
        thread.join()
        if "error" in box:
            raise box["error"]
        return box["done"]  # type: ignore[no-any-return]
    return wait
