"""Engines run pure kernels over records; they move data and compute nothing themselves.

The seam is small on purpose (DESIGN §4): ``map`` (over documents or over pairs, in order),
``map_async`` (start a map and collect it later, to overlap the caller's own work) and
``close``. Grouping by key is a pure kernel (``index.candidates.pairs_sharing_keys``) that an
engine applies to its partitions; collecting the graph is the store's job. A Spark engine
implements the same protocol with ``mapPartitions`` and passes the same contract tests
(``tests/engines/``).
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol, TypeVar

from newstrace.engine.local import LocalEngine

__all__ = ["Engine", "LocalEngine"]

In = TypeVar("In")
Out = TypeVar("Out")


class Engine(Protocol):
    """What newstrace needs from an execution engine."""

    def map(self, kernel: Callable[[In], Out], items: Iterable[In]) -> Iterator[Out]:
        """``kernel(item)`` for every item, in input order."""
        ...

    def map_async(self, kernel: Callable[[In], Out], items: Sequence[In],
                  chunksize: int | None = None) -> Callable[[], list[Out]]:
        """Start the map now; the returned function waits for the results, in order.

        ``chunksize`` is a hint for items that are batches already: how many to send a
        worker at a time (an engine that schedules by itself may ignore it).
        """
        ...

    def close(self) -> None:
        """Release workers."""
        ...
