"""Fingerprints in shared memory, so alignment jobs name documents instead of carrying them.

At 100k documents the alignment workers received ~4.7 KB of pickled fingerprint per candidate
pair (an older document travels once for every new document it pairs with): a fifth of
their time, and the main process's pickling thread competed with its own work. The main
process now appends each fingerprint once to a block of POSIX shared memory
(``multiprocessing.shared_memory``: the block is unlinked by Python's resource tracker even
if this process is killed) and a job carries a ``SharedRef`` of a few numbers; a worker maps
the block read-only and reads the arrays in place (``from_packed``: views, no copy).

Why by hand: no well-kept library gives an append-only store of variable-length numpy
records that forked workers read without copying; this is a thin layer over the standard
library's shared memory. Workers map a block through ``/dev/shm`` (Linux) instead of
``SharedMemory(name)``, which in Python 3.11 would register the block with the worker's own
resource tracker and unlink it when the worker exits. Where ``/dev/shm`` is missing the
arena is off and jobs carry fingerprints as before.
"""

from __future__ import annotations

import mmap
import os
from dataclasses import dataclass
from multiprocessing.resource_tracker import register
from multiprocessing.shared_memory import SharedMemory
from pathlib import Path

import numpy as np

from newstrace.engine.orphans import process_exists
from newstrace.index.shingles import Fingerprint, from_packed

__all__ = ["FingerprintArena", "SharedRef", "keep_mapped", "reclaim_stale", "resolve"]

_SHM_DIR = Path("/dev/shm")
_ITEM = np.dtype(np.uint64).itemsize


@dataclass(frozen=True, slots=True)
class SharedRef:
    """Where a packed slim fingerprint lies in the arena: block name, byte offset, tokens."""

    doc_id: str
    block: str
    offset: int
    count: int
    length: int  # characters of the document's text


class FingerprintArena:
    """Append-only blocks of shared memory holding packed slim fingerprints (main process).

    ``sweep`` unlinks the blocks whose fingerprints were all dropped (except the one being
    filled): the caller sweeps when no job in flight can name them. ``close`` unlinks them
    all. Workers map blocks by name with ``resolve``.
    """

    def __init__(self, block_bytes: int = 64 << 20) -> None:
        self.block_bytes = block_bytes
        self.blocks_: dict[str, SharedMemory] = {}
        self.live_: dict[str, int] = {}  # fingerprints not yet dropped, per block
        self.current_: SharedMemory | None = None
        self.used_ = 0  # bytes filled in the current block
        self.made_ = 0  # blocks made so far (their names' last part)
        reclaim_stale()

    @staticmethod
    def available() -> bool:
        """Whether workers can map blocks by name (POSIX shared memory under /dev/shm)."""
        return _SHM_DIR.is_dir() and os.access(_SHM_DIR, os.R_OK)

    def put(self, fp: Fingerprint) -> SharedRef:
        """Copy a fingerprint's packed form into the arena."""
        packed = fp.packed()
        size = packed.nbytes
        if self.current_ is None or self.used_ + size > self.current_.size:
            self.made_ += 1
            name = f"{_PREFIX}{os.getpid()}_{self.made_}_{os.urandom(4).hex()}"
            _track(name)
            self.current_ = SharedMemory(name=name, create=True,
                                         size=max(self.block_bytes, size, _ITEM))
            self.blocks_[self.current_.name] = self.current_
            self.live_[self.current_.name] = 0
            self.used_ = 0
        block = self.current_
        np.ndarray(packed.shape, np.uint64, block.buf, self.used_)[:] = packed
        ref = SharedRef(fp.doc_id, block.name, self.used_, len(fp), fp.text_length)
        self.used_ += size
        self.live_[block.name] += 1
        return ref

    def drop(self, ref: SharedRef) -> None:
        """Forget one fingerprint; its block goes at a ``sweep`` when nothing in it is left."""
        self.live_[ref.block] -= 1

    def sweep(self) -> None:
        """Unlink the blocks that hold no fingerprint still wanted."""
        filling = self.current_.name if self.current_ is not None else None
        for name in [n for n, count in self.live_.items() if count == 0 and n != filling]:
            self._unlink(name)

    def names(self) -> tuple[str, ...]:
        """The blocks in use, sorted: workers let go of any other they still map."""
        return tuple(sorted(self.blocks_))

    def close(self) -> None:
        """Unlink every block."""
        self.current_ = None
        for name in list(self.blocks_):
            self._unlink(name)

    def _unlink(self, name: str) -> None:
        block = self.blocks_.pop(name)
        del self.live_[name]
        block.close()  # the arrays written through block.buf were temporaries
        block.unlink()


#: Blocks are named ``newstrace_<pid>_<n>_<random>``: the owner's process id in the name
#: lets a later run reclaim what a run killed with its whole process group (resource
#: tracker included) left behind.
_PREFIX = "newstrace_"


def _track(name: str) -> None:
    """Name a block to Python's resource tracker before it exists.

    ``SharedMemory(create=True)`` registers a block only after creating, sizing and mapping
    it, and the first registration also starts the tracker process: a run killed inside
    that window (a test caught one under load) left its block behind until a later run
    reclaimed it. Registered first, the block is unlinked by the tracker whenever the run
    dies; the second registration ``SharedMemory`` makes is a no-op (the tracker keeps a
    set), and a name killed before it was created costs the tracker one warning.
    """
    register(f"/{name}", "shared_memory")


def reclaim_stale() -> list[str]:
    """Unlink the arena blocks in /dev/shm whose owner process is gone; their names."""
    gone = []
    for path in _SHM_DIR.glob(f"{_PREFIX}*") if _SHM_DIR.is_dir() else ():
        owner = path.name[len(_PREFIX):].split("_", 1)[0]
        if owner.isdigit() and not process_exists(int(owner)):
            try:
                path.unlink()
                gone.append(path.name)
            except OSError:
                pass  # another run reclaimed it first, or it is not ours to remove
    return gone




class _Mapped:
    """Blocks this process has mapped read-only, by name."""

    def __init__(self) -> None:
        self.maps: dict[str, mmap.mmap] = {}

    def array(self, ref: SharedRef) -> np.ndarray:
        if ref.block not in self.maps:
            with open(_SHM_DIR / ref.block.lstrip("/"), "rb") as handle:
                self.maps[ref.block] = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return np.frombuffer(self.maps[ref.block], np.uint64, 2 * ref.count, ref.offset)

    def keep_only(self, names: tuple[str, ...]) -> None:
        for name in set(self.maps) - set(names):
            del self.maps[name]  # unmapped when the last array viewing it goes


#: One per process: a worker maps each block once for all the jobs it runs. (Process-local
#: by nature: a mapping cannot travel with a job.)
_MAPPED = _Mapped()


def resolve(item: Fingerprint | SharedRef) -> Fingerprint:
    """The fingerprint a job names: itself, or read in place from a mapped block."""
    if isinstance(item, Fingerprint):
        return item
    return from_packed(item.doc_id, _MAPPED.array(item), item.length)


def keep_mapped(live: tuple[str, ...] | None) -> None:
    """Unmap the blocks that are not in ``live`` (the arena's ``names()``): the arena has
    unlinked them, and their memory is freed once no process maps them."""
    if live is not None:
        _MAPPED.keep_only(live)
