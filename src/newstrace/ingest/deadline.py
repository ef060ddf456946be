"""A time limit on one capture's extraction.

One pathological page (a parser's worst case, a regular expression's backtracking) must not
hold a whole run: extraction gets ``seconds`` of wall time, after which the page is that
record's failure ("extraction took over 30 s") and the run goes on.

Done with ``SIGALRM`` (an interval timer), which interrupts Python code between bytecodes
without a thread or a process per page; it works in a process's main thread (the CLI, every
worker of the local engine, a Spark task), and elsewhere (a web server's request threads) the
page runs without a limit. Hand-written: the standard library has no per-call timeout, and a
process per page would cost more than most pages take to read.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from newstrace.errors import InputError

__all__ = ["EXTRACTION_SECONDS", "TookTooLongError", "deadline"]

#: The default time one capture's extraction may take: real pages take well under a second.
EXTRACTION_SECONDS = 30.0


class TookTooLongError(InputError):
    """The capture's extraction ran past its time limit."""


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``TookTooLongError`` in the block once ``seconds`` have passed (None: no limit)."""
    usable = bool(seconds) and hasattr(signal, "setitimer") \
        and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # another timer runs: keep it
        yield
        return

    message = f"extraction took over {seconds:g} s"
    expired = []

    def expire(_signum: int, _frame: FrameType | None) -> None:
        expired.append(True)
        raise TookTooLongError(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:  # a library that catches every exception swallowed ours: the limit holds
        raise TookTooLongError(message)
