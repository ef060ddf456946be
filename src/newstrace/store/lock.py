"""One writer per index: a second ``add`` on an index another process is writing waits for
it (saying so), or with ``--no-wait`` refuses.

SQLite serialises transactions, but two ``add`` runs on one index would interleave their
batches: each counts document frequencies and aligns pending documents as it sees the index,
so the result would depend on timing. The writer holds an exclusive lock on a file beside the
index (``corpus.db.lock``, holding its process id) from its first write until it closes the
index; readers (query, export, serve) take none. The lock is ``fcntl.flock``: the kernel drops
it when the process dies, however it dies, so a killed ``add`` never leaves a stale lock.
Where ``fcntl`` is missing (Windows) there is no lock.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import IO

from newstrace.errors import UsageError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = ["WriterLock"]

_log = logging.getLogger(__name__)


class WriterLock:
    """The exclusive writer's lock of one index file, taken with ``acquire``: when another
    process holds it, ``wait`` waits for it (logging who holds it), else refuses."""

    def __init__(self, index_path: str, wait: bool = True) -> None:
        self.path = Path(f"{index_path}.lock")
        self.wait = wait
        self.handle_: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock (again: nothing to do); wait for its holder, or raise
        ``UsageError`` naming the holder when not waiting."""
        if self.handle_ is not None or fcntl is None:
            return
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            index = self.path.with_suffix("")
            if not self.wait:
                handle.close()
                raise UsageError(f"{index} is being written by process {holder}; run this "
                                 "again when it has finished (or without --no-wait)") from None
            _log.warning("%s is being written by process %s: waiting for it to finish",
                         index, holder)
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self.handle_ = handle

    def release(self) -> None:
        """Let the lock go (the file stays: removing it could race a waiting writer)."""
        if self.handle_ is not None:
            self.handle_.close()  # closing the descriptor releases the flock
            self.handle_ = None
