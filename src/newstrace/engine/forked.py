"""Map over items in forked children that share the caller's memory.

The pool of ``LocalEngine.map`` pickles every item to its workers. Some kernels read large
objects already in memory — the semantic stage compares pairs of documents whose sentence
vectors and sets were computed in this process — and pickling them per pair would cost more
than comparing. Forked children inherit that memory as it is (copy-on-write): each gets a
contiguous slice of the items and sends back only its results, in order. Nothing is shared
back; a child that fails raises in the parent with its traceback.

Inheriting has a cost that grows with this process: a child that reads an inherited object
writes its reference count, and one that allocates fills the free slots of inherited
pages, and each page so written is copied into the child (at 100,000 generated documents
the changes' two children held 1.6-1.8 GB of copies each). Where the shared record is flat
(a few buffers, ``engine.packed``), ``send`` starts the children from multiprocessing's
fork server instead, a small process started afresh, and sends each the function with its
record pickled: a child then holds what it was sent and what it makes, whatever the size
of the process that asked.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, TypeVar

from newstrace.engine.orphans import die_with_parent, die_with_process
from newstrace.engine.protocol import MIN_ITEMS
from newstrace.engine.threads import single_blas

__all__ = ["fork_server", "fork_start"]

#: How much lower a background child's priority is (Linux weights: about a tenth of a
#: normal process's share of a contended core).
_BACKGROUND_NICENESS = 10

#: Results a child sends in one message. Sent whole, a child's results arrived as one pickle
#: that the parent held beside the objects it unpickled: at 100,000 documents, hundreds of
#: MB at the claims stage's peak. The child still computes them all before sending any, so
#: a background child never waits on a parent busy elsewhere.
_CHUNK = 512


if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext

In = TypeVar("In")
Out = TypeVar("Out")


def _child(fn: Callable[[Any], Any], items: Sequence[Any], conn: Connection,
           background: bool = False, parent: int = 0, sent: bool = False) -> None:
    try:
        if parent:  # a fork server's child watches the asker, not its parent the server
            (die_with_process if sent else die_with_parent)(parent)
        single_blas()  # the children are the parallelism (``engine.threads``)
        if background:
            os.nice(_BACKGROUND_NICENESS)
        results = [fn(item) for item in items]
        for start in range(0, len(results), _CHUNK):  # all computed before any is sent
            conn.send(("part", results[start:start + _CHUNK]))
        conn.send(("ok", []))
    except BaseException:  # report anything, the parent decides
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def fork_start(fn: Callable[[In], Out], items: Sequence[In], workers: int,
               min_items: int = MIN_ITEMS, background: bool = False, send: bool = False
               ) -> Callable[[], list[Out]]:
    """``[fn(x) for x in items]`` on ``workers`` forked children (which inherit ``fn`` and
    ``items`` unpickled; results are pickled back), started now: the call returned waits for
    their results, so the caller can work meanwhile. With few items the work is done here,
    at once: like the children, it sees the caller's objects as they are now, not as the
    caller leaves them.

    ``background`` children run at a lower priority: they take the cores that the caller's
    other work leaves idle (its serial steps) and yield them while it runs its own workers,
    so they finish when the caller needs them rather than as early as they can.

    With ``send`` the children come from the fork server and are sent ``fn`` (and what it
    holds) pickled, each once, instead of inheriting this process (see above)."""
    methods = multiprocessing.get_all_start_methods()
    if workers <= 1 or len(items) < min_items or "fork" not in methods:
        done = [fn(item) for item in items]
        return lambda: done
    sent = send and "forkserver" in methods
    context = fork_server() if sent else multiprocessing.get_context("fork")
    size = -(-len(items) // workers)
    children = []
    gc.freeze()  # the children's collector leaves inherited objects alone: fewer pages copied
    try:
        for start in range(0, len(items), size):
            receive, send_end = context.Pipe(duplex=False)
            child = context.Process(target=_child,
                                    args=(fn, items[start:start + size], send_end,
                                          background, os.getpid(), sent),
                                    daemon=True)
            child.start()
            send_end.close()
            children.append((child, receive))
    finally:
        gc.unfreeze()  # also when a fork fails: this process collects its objects again
    return lambda: _collect(children)


def fork_server() -> ForkServerContext:
    """multiprocessing's fork server context: the server starts with the first child it
    forks and runs until this process ends."""
    return multiprocessing.get_context("forkserver")



def _collect(children: list[tuple[Any, Connection]]) -> list[Any]:
    out: list[Any] = []
    failure = None
    for child, receive in children:
        status = "part"
        while status == "part":
            try:
                status, payload = receive.recv()
            except EOFError:
                status = "error"
                payload = f"worker {child.pid} died (exit code {child.exitcode})"
            if status != "error":
                out.extend(payload)
            elif failure is None:
                failure = payload
        child.join()
    if failure is not None:
        raise RuntimeError(f"a forked worker failed:\n{failure}")
    return out
