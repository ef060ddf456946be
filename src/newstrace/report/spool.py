"""A report's long lists kept on disk while the report is written: documents, relations and
claims as JSON lines in a temporary file, read back one record at a time.

At 30,000 documents the report's relations, documents and claims held as Python mappings
took about as much memory as everything else ``trace`` holds at its peak (a 393 MB report:
about 65 KB a document), so a report of 100,000 documents could not be held whole in 4 GB.
Spooled, each record costs eight bytes of memory (its offset) until it is read. Records
are JSON-ready mappings: written as compact JSON and read back equal (tuples come back as
lists, which serialise the same), so the canonical report (``json_report.write_report``)
is byte-identical whether its lists are spooled or not.

Hand-written because what is needed is a ``Sequence`` the report's readers (the HTML
pages, the tables, the summary) iterate as they iterate a list; the standard library's
``tempfile.SpooledTemporaryFile`` keeps bytes, not records, and ``shelve`` keys them by
string, not by position.
"""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from newstrace.engine.packed import record_bytes, record_value

__all__ = ["Spooled"]

#: Records read back per disk read while iterating.
_READ_AHEAD = 256


class Spooled(Sequence[dict[str, Any]]):
    """JSON-ready records appended to an anonymous temporary file, read back by position.

    The file is deleted by the system when this object is closed or collected. Reading uses
    positioned reads, so two iterations may run at once."""

    def __init__(self, records: Iterable[dict[str, Any]] = ()) -> None:
        # kept open for the object's life, closed by ``close`` or collection
        self._file = tempfile.TemporaryFile(prefix="newstrace-spool-")  # noqa: SIM115
        self._ends = array("q")
        self._size = 0
        for record in records:
            self.append(record)

    def append(self, record: dict[str, Any]) -> None:
        """Write one record at the end."""
        data = record_bytes(record)
        self._file.write(data)
        self._size += len(data)
        self._ends.append(self._size)

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, position: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, position: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, position: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(position, slice):
            return [self[n] for n in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError("spooled record out of range")
        return self._read(position, position + 1)[0]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for start in range(0, len(self), _READ_AHEAD):
            yield from self._read(start, min(start + _READ_AHEAD, len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __reduce__(self) -> tuple[type[list[dict[str, Any]]], tuple[list[dict[str, Any]]]]:
        """Pickled (or deep-copied) as the list of its records: a temporary file does not
        travel."""
        return list, (list(self),)

    def packed(self, size: int) -> Iterator[list[bytes]]:
        """The records as ``record_bytes`` wrote them, ``size`` at a time, in order: for a
        reader that decodes them elsewhere (``json_report.write_report``'s workers)."""
        for start in range(0, len(self), size):
            yield self._raw(start, min(start + size, len(self)))

    def _read(self, first: int, last: int) -> list[dict[str, Any]]:
        """Records ``first`` to ``last`` (excluded), read in one positioned read."""
        return [record_value(data) for data in self._raw(first, last)]

    def _raw(self, first: int, last: int) -> list[bytes]:
        """The bytes of records ``first`` to ``last`` (excluded), read in one positioned
        read."""
        self._file.flush()
        begin = self._ends[first - 1] if first else 0
        data = os.pread(self._file.fileno(), self._ends[last - 1] - begin, begin)
        return [data[(self._ends[n - 1] if n else 0) - begin:self._ends[n] - begin]
                for n in range(first, last)]

    def close(self) -> None:
        """Delete the file now (it is deleted anyway when the object is collected)."""
        self._file.close()

    def __repr__(self) -> str:
        return f"Spooled({len(self)} records)"
