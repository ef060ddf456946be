"""The engine seam: what the flow's stages ask of whatever runs them in parallel.

``map`` (over documents or pairs, in order), ``map_async`` (start a map, collect it later,
to overlap the caller's own work), ``map_shared`` (a map whose items all read one large,
read-only record: the sentence features of a batch of pairs, the documents a report's
changes are read from) and ``close``. The local engine forks children that inherit the
shared record as it is in memory; a cluster engine broadcasts it once to each executor.
Stages never fork by themselves: they take an ``Engine`` (or None: in this process).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol, TypeVar

from newstrace.engine.packed import Packed

__all__ = ["MIN_ITEMS", "Engine", "sends", "start_each", "start_shared"]

#: Fewer items than this are mapped in the calling process (the local engine's own rule):
#: workers cost more to start than a handful of items cost to compute, so a caller packs
#: items to send (``start_each``'s ``send``) only from this many.
MIN_ITEMS = 64

In = TypeVar("In")
Out = TypeVar("Out")
Shared = TypeVar("Shared")


class Engine(Protocol):
    """What newstrace needs from an execution engine."""

    @property
    def processes(self) -> int:
        """How many processes (or executor cores) the engine computes on."""
        ...

    @property
    def shares_memory(self) -> bool:
        """Whether the workers run on this machine and can attach to its shared memory
        (the index hands them fingerprints there)."""
        ...

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

    def map_shared(self, kernel: Callable[[Shared, In], Out], shared: Shared,
                   items: Sequence[In], background: bool = False, send: bool = False
                   ) -> Callable[[], list[Out]]:
        """Start ``kernel(shared, item)`` for every item now; the returned function waits
        for the results, in order. ``shared`` is read, never written, by every call: it
        crosses to each worker once, not per item (a memo inside it, ``bounded.RecentMap``,
        is each worker's own copy, filled by one call at a time: an engine that ran calls
        on threads would need a memo per thread). ``background`` work yields its cores to
        the caller's own (it is collected when the caller is done with its part). ``send``
        says that ``shared`` is flat (a few buffers, ``engine.packed``) and better sent
        to each worker whole than inherited with the caller's memory (``engine.forked``);
        an engine that always sends it ignores the hint."""
        ...

    def recycle(self) -> None:
        """Let the worker processes go once the caller is done with what they hold (shared
        memory they mapped, what they cached); the next map starts fresh ones. An engine
        that cannot tell its workers apart from its cluster may do nothing."""
        ...

    def close(self) -> None:
        """Release workers."""
        ...


def start_shared(engine: Engine | None, kernel: Callable[[Shared, In], Out], shared: Shared,
                 items: Sequence[In], background: bool = False, send: bool = False
                 ) -> Callable[[], list[Out]]:
    """``engine.map_shared``, or the same map in this process, at once, when ``engine`` is
    None (a server's request thread, a single pair)."""
    if engine is None:
        done = list(map(functools.partial(kernel, shared), items))
        return lambda: done
    return engine.map_shared(kernel, shared, items, background, send)


def _apply(kernel: Callable[[In], Out], item: In) -> Out:
    return kernel(item)


def sends(engine: Engine | None, send: bool, items: int) -> bool:
    """Whether a map asked to ``send`` (``worth_sending``) of ``items`` items is worth
    packing its inputs for: only where other processes run it (fewer than ``MIN_ITEMS``
    are mapped here, and a single process maps everything here)."""
    return send and engine is not None and engine.processes > 1 and items >= MIN_ITEMS


def _apply_packed(context: tuple[Callable[[In], Out], Packed[In]], at: int) -> Out:
    kernel, items = context
    return kernel(items[at])


def start_each(engine: Engine | None, kernel: Callable[[In], Out], items: Sequence[In],
               send: bool = False) -> Callable[[], list[Out]]:
    """``kernel(item)`` for every item, started as ``start_shared`` starts a map: on the
    local engine the forked children inherit the items unpickled, which a pool's ``map``
    would pickle to its workers (documents whose sentences or claims are read). With
    ``send`` the items are packed (``engine.packed``) and sent, so that the workers hold
    none of the caller's memory: for a map late in a large run, whose forked children
    copied every page they read or filled."""
    if sends(engine, send, len(items)):
        return start_shared(engine, _apply_packed, (kernel, Packed(items)),
                            range(len(items)), send=True)
    return start_shared(engine, _apply, kernel, items)
