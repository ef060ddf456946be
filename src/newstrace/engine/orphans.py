"""Workers die with the process that started them.

A pool worker waits on its task pipe, and a forked child holds copies of its parent's pipes:
when ``add`` or ``trace`` is killed (SIGKILL gives it no chance to stop them) they live on,
waiting for work that never comes, and keep Python's resource tracker from unlinking the
shared memory the killed process made (the tracker cleans up once every holder of its pipe
has exited). Each worker therefore asks to die with its parent: on Linux with
``prctl(PR_SET_PDEATHSIG, SIGKILL)``, elsewhere with a thread that checks the parent every
second. A child of multiprocessing's fork server (``engine.forked``'s ``send``) is not the
asking process's child, and the server lives as long as its children do (each holds the
server's "alive" pipe): such a child watches the asking process itself, through a pidfd
that becomes readable when the process ends (Linux), elsewhere by looking every second.
Hand-written: the standard library's pools have no such option, and the prctl call is one
line of ctypes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import signal
import sys
import threading
import time

__all__ = ["die_with_parent", "die_with_process", "process_exists"]

_PR_SET_PDEATHSIG = 1
#: How often the portable fallback looks for its parent, in seconds.
_WATCH_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """Make this (worker) process exit when process ``parent`` is gone."""
    if sys.platform.startswith("linux") and _pdeathsig():
        if os.getppid() != parent:  # the parent died before the request was made
            os._exit(1)
        return
    watcher = threading.Thread(target=_watch, args=(parent,), daemon=True,
                               name="newstrace-parent-watch")
    watcher.start()


def _pdeathsig() -> bool:
    """Ask the kernel to send SIGKILL when the parent exits; whether it took."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def die_with_process(pid: int) -> None:
    """Make this (worker) process exit when process ``pid``, which need not be its parent,
    is gone."""
    threading.Thread(target=_watch_process, args=(pid,), daemon=True,
                     name="newstrace-asker-watch").start()


def _watch_process(pid: int) -> None:
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # no pidfd here: look every second
        while process_exists(pid):
            time.sleep(_WATCH_SECONDS)
        os._exit(1)
    poll = select.poll()  # readable once the process has ended
    poll.register(handle, select.POLLIN)
    poll.poll()
    os._exit(1)


def process_exists(pid: int) -> bool:
    """Whether a process with id ``pid`` is alive (someone else's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process holds that id
    return True
