"""Records held as one buffer, so that forked children read them without copying pages.

A forked child that reads an inherited Python object writes its reference count, and the
page under it is copied into the child: at 100,000 generated documents each of the two
changes workers read nearly every document and derivation and held 1.6-1.8 GB of such
copies, which put the process tree at 6.5 GB for a parent of 2.3 GB. Records pickled and
deflated one after another into one buffer, with their ends in a numpy array, are read by
slicing it: a child writes nothing in the parent's pages but the buffer's own header, and
each record it reads is its own, short-lived object. The same record also crosses to a
cluster's executors as two flat arrays rather than a graph of objects.

Python's ``pickle`` and ``zlib`` do the work; written here is only the bookkeeping of where
each record ends, which no library keeps for an in-memory buffer (``shelve`` and
``sqlite3`` keep theirs on disk, and a child reading a file pays a system call a record).

JSON-ready records that come back from the workers, or wait on disk for the report, are
packed as compact JSON instead (``record_bytes``, ``record_value``): read back, they write
the same canonical JSON as the mappings they were made from.
"""

from __future__ import annotations

import json
import pickle
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

import numpy as np

__all__ = ["SEND_FROM", "Packed", "record_bytes", "record_value", "worth_sending"]

T = TypeVar("T")

#: From this many documents a stage's late maps send their workers packed inputs
#: (``worth_sending``). Below, forking is faster and its copies are small: on the dense 3k
#: the changes and claims took 17-18 s forked, 23-25 s packed and sent; on the generated
#: 30k the process tree's peak is the relate stage's either way (1,507 MB), while at 100k
#: the changes' and claims' forked children held 1.5-1.8 GB of copies each.
SEND_FROM = 50_000

#: zlib's fastest level: news text deflates to about a third at it, and a worker inflates a
#: record far faster than it reads its changes.
_LEVEL = 1


class Packed(Generic[T]):
    """An immutable sequence of picklable records, each pickled and deflated into one
    buffer; ``packed[i]`` gives back a new object equal to record ``i``."""

    def __init__(self, records: Iterable[T]) -> None:
        data = bytearray()
        ends = [0]
        for record in records:
            data += zlib.compress(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL),
                                  _LEVEL)
            ends.append(len(data))
        # bytes, not the bytearray: pickling a bytearray to send it copies it to bytes first
        self._data = bytes(data)
        self._ends = np.asarray(ends, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._ends) - 1

    def __getitem__(self, index: int) -> T:
        if not -len(self) <= index < len(self):
            raise IndexError(f"record {index} of {len(self)}")
        index %= len(self)
        start, stop = int(self._ends[index]), int(self._ends[index + 1])
        record: T = pickle.loads(zlib.decompress(memoryview(self._data)[start:stop]))
        return record

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self)))

    @property
    def nbytes(self) -> int:
        """The buffer's and the ends' bytes."""
        return len(self._data) + self._ends.nbytes


def worth_sending(documents: int) -> bool:
    """Whether a map late in a run over ``documents`` should send its workers packed
    inputs (``Engine.map_shared``'s ``send``) rather than fork them (``SEND_FROM``)."""
    return documents >= SEND_FROM


def record_bytes(value: Any) -> bytes:
    """A JSON-ready value as compact UTF-8 JSON that ``record_value`` reads back equal; a
    lone surrogate (a crawl's broken text) is kept, as in memory."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8", "surrogatepass")


def record_value(data: bytes) -> Any:
    """The value ``record_bytes`` wrote."""
    return json.loads(data.decode("utf-8", "surrogatepass"))
