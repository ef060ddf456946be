"""From paths to raw records: files, folders (recursively), globs and standard input.

Every capture becomes ``RawRecord``s or a ``Failure`` with its path and a plain reason; nothing
here raises for bad input. Memory stays bounded: a file over ``max_bytes`` is refused from its
size before it is read, WARCs are streamed record by record, and gzip members are inflated
only up to the limit.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO, cast

from newstrace.errors import InputError, TooLargeError
from newstrace.ingest.deadline import EXTRACTION_SECONDS
from newstrace.ingest.detect import (
    decode,
    gunzip_bounded,
    gunzip_head,
    sniff_format,
    utf16_without_bom,
)
from newstrace.ingest.tabular import FieldMap, read_csv, read_jsonl
from newstrace.ingest.warc import read_warc
from newstrace.model import Failure, RawRecord

__all__ = ["DEFAULT_MAX_BYTES", "ReadOptions", "expand_paths", "printable", "read_capture",
           "read_paths"]

#: The largest single capture read (10 MiB): far above any real article page.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_HEAD = 65536
_SKIP_STEMS = {"readme", "license", "licence", "copying", "thumbs"}


def _is_capture(name: str) -> bool:
    """Folder scans skip hidden files and a folder's README/LICENSE (they describe captures)."""
    return not name.startswith(".") and name.split(".")[0].lower() not in _SKIP_STEMS


def _walk(root: str) -> Iterator[tuple[str, str] | Failure]:
    """Every capture file under ``root`` in sorted order, with its path relative to root; a
    folder that cannot be listed (no permission) is a Failure, not silently skipped.

    ``os.walk`` (scandir) rather than ``Path.rglob``: a tenth of the cost on large folders.
    """
    found: list[tuple[str, str]] = []
    unlisted: list[OSError] = []
    for folder, subfolders, files in os.walk(root, onerror=unlisted.append):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        relative = os.path.relpath(folder, root)
        for name in files:
            if _is_capture(name):
                rel = name if relative == "." else f"{relative}/{name}"
                found.append((os.path.join(folder, name), rel.replace(os.sep, "/")))
    found.sort(key=lambda item: item[1])
    yield from found
    for error in sorted(unlisted, key=lambda e: str(e.filename)):
        where = str(error.filename or root)
        yield Failure(printable(where), f"cannot list the folder: {error.strerror or error}",
                      printable(os.path.relpath(where, root)))


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How captures are read: the JSONL/CSV field mapping and the per-capture size and time
    limits."""

    fields: FieldMap = field(default_factory=FieldMap)
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Seconds one capture's extraction may take (None: no limit), ``ingest.deadline``.
    time_limit: float | None = EXTRACTION_SECONDS


def expand_paths(inputs: Iterable[str]) -> Iterator[tuple[str, str] | Failure]:
    """``(path, locator)`` for every file named, found under a folder, or matched by a glob.

    The locator is the path relative to the folder or glob root given, so ids do not depend on
    where the corpus lies. ``-`` stands for standard input. Order is sorted, hence stable.
    """
    for given in inputs:
        if given == "-":
            yield "-", "<stdin>"
        elif os.path.isdir(given):
            yield from _walk(given)
        elif os.path.exists(given):
            yield given, Path(given).name
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield Failure(printable(given), "no file matches this pattern")
            root = _glob_root(given)
            for match in matches:
                if os.path.isfile(match):
                    yield match, os.path.relpath(match, root).replace(os.sep, "/")
        else:
            yield Failure(printable(given), "no such file or folder")


def _glob_root(pattern: str) -> str:
    parts = Path(pattern).parts
    plain = [p for p in parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]]
    return str(Path(*plain)) if plain else "."


def read_paths(inputs: Iterable[str], options: ReadOptions) -> Iterator[RawRecord | Failure]:
    """Raw records from every capture under ``inputs``, and a Failure for each bad one."""
    for item in expand_paths(inputs):
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_capture(item[0], item[1], options)


#: A capture file this large is worth asking whether it is a table (``is_table``).
TABLE_BYTES = 1 << 20


def is_table(path: str) -> bool:
    """Whether ``path`` is a large JSON-lines or CSV capture (perhaps gzipped), by its first
    bytes: its records are worth reading in the parent and building on every worker, where
    a file of pages is one item for one worker. False on anything unreadable: the worker
    that reads it reports why."""
    try:
        if path == "-":
            return False
        found = os.stat(path)
        if not stat.S_ISREG(found.st_mode) or found.st_size < TABLE_BYTES:
            return False
        with open(path, "rb") as stream:
            inner, _layers = _unwrapped(stream.read(_HEAD))
        return sniff_format(inner, path) in ("jsonl", "csv")
    except (OSError, InputError, EOFError, zlib.error):
        return False


def read_capture(path: str, locator: str, options: ReadOptions) -> Iterator[RawRecord | Failure]:
    """The raw records of one capture file (``-`` is standard input), or its Failure.

    Records and failures carry the path and locator as printable text: a file name holding
    bytes that are not UTF-8 is shown with them escaped ("invalid-\\xff.txt"), so every
    report and index stays valid UTF-8; the file itself is opened by its real name.
    """
    shown, locator = printable(path), printable(locator)
    try:
        if path == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", locator, None, options)
        else:
            mode = os.stat(path).st_mode  # a FIFO would block open() for ever
            if not stat.S_ISREG(mode):
                yield Failure(shown, f"not a regular file ({_special(mode)})", locator)
                return
            with open(path, "rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                yield from _at_least_one(_read_stream(stream, shown, locator, size, options),
                                         shown, locator)
    except InputError as exc:
        yield Failure(shown, str(exc), locator)
    except OSError as exc:
        yield Failure(shown, f"cannot read: {exc.strerror or exc}", locator)


def _at_least_one(records: Iterator[RawRecord | Failure], path: str, locator: str
                  ) -> Iterator[RawRecord | Failure]:
    """The records, or a Failure when the capture held none (a table of headers only, a
    WARC whose records are all unreadable): every input is accounted for."""
    empty = True
    for record in records:
        empty = False
        yield record
    if empty:
        yield Failure(path, "no record could be read from the file (a table with no rows, "
                            "an archive with no readable record)", locator)


def printable(name: str) -> str:
    """A file name as valid text: undecodable bytes (kept by Python as surrogates) escaped."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def _special(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "a special file"


def _read_stream(stream: BinaryIO, path: str, locator: str, size: int | None,
                 options: ReadOptions) -> Iterator[RawRecord | Failure]:
    head = stream.read(_HEAD)
    inner, layers = _unwrapped(head)
    kind = sniff_format(inner, path)
    encoding = (utf16_without_bom(inner) or "utf-8-sig") if layers == 0 else "utf-8-sig"
    if kind == "warc":
        yield from read_warc(cast(BinaryIO, _Rejoined(head, stream)), path, locator,
                             options.max_bytes)
        return
    if kind in ("jsonl", "csv"):
        yield from _read_table(kind, head, stream, path, locator, options, layers, encoding)
        return
    if size is not None and size > options.max_bytes:
        raise TooLargeError(_too_large(size, options.max_bytes))
    data = head + stream.read(options.max_bytes + 1 - len(head))
    if len(data) > options.max_bytes:
        raise TooLargeError(_too_large(len(data), options.max_bytes))
    for _layer in range(layers):  # every layer's output counts against --max-bytes
        data = gunzip_bounded(data, options.max_bytes)
    yield RawRecord(path=path, locator=locator, content=decode(data, path), format=kind)


def _unwrapped(head: bytes) -> tuple[bytes, int]:
    """The start of what a capture's first bytes hold inside its layers of gzip (a gzip of a
    gzip is read through every layer), and how many layers; InputError when a layer cannot
    be read."""
    if head.startswith(b"\x1f\x8b"):
        _check_gzip_head(head)
    inner, layers = head, 0
    while inner.startswith(b"\x1f\x8b"):
        layers += 1
        if layers > _GZIP_LAYERS:
            raise InputError(f"gzip nested more than {_GZIP_LAYERS} levels deep; refused")
        inner = gunzip_head(inner)
        if not inner and layers == 1:
            break  # an empty gzip: sniffing says "the file is empty"
        if not inner:
            raise InputError("a gzip stream inside the gzip whose start cannot be read "
                             "(corrupt, or a header padded past the first 64 KB)")
    return inner, layers


def _read_table(kind: str, head: bytes, stream: BinaryIO, path: str, locator: str,
                options: ReadOptions, layers: int = 0, encoding: str = "utf-8-sig"
                ) -> Iterator[RawRecord | Failure]:
    """Stream a JSONL or CSV capture (inside ``layers`` of gzip) line by line: tables can be
    large, and so can one line (``BoundedLines``)."""
    raw: BinaryIO = io.BufferedReader(_Rejoined(head, stream))
    for _layer in range(layers):
        raw = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
    text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
    lines = BoundedLines(text, options.max_bytes)
    try:
        reader = read_jsonl if kind == "jsonl" else read_csv
        for record in reader(lines, path, locator, options.fields):
            if isinstance(record, RawRecord) and len(record.content) > options.max_bytes:
                yield Failure(path, f"record over the {options.max_bytes:,}-character limit "
                                    "for one capture (raise --max-bytes to read it)",
                              record.locator)
            else:
                yield record
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(path, f"the file is truncated or corrupt ({exc})", locator)


#: Layers of gzip inside one another a capture may have (a ``.txt.gz`` of a ``.gz``).
_GZIP_LAYERS = 3


class BoundedLines:
    """The lines of a text stream, none longer than ``limit`` characters: a longer line is
    skipped in chunks, never held whole (one 1 GiB line of a gzipped JSON-lines file once
    took 3.8 GB), and is yielded as an empty line whose number is kept in ``oversized`` so
    that the table reader reports that record as too large."""

    def __init__(self, stream: TextIO, limit: int, chunk: int = 1 << 20) -> None:
        self.stream, self.limit, self.chunk = stream, limit, chunk
        self.oversized: set[int] = set()
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) <= self.limit or line.endswith(("\n", "\r")):
            return line
        while (rest := self.stream.readline(self.chunk)) and not rest.endswith(("\n", "\r")):
            pass  # the rest of an oversized line, read and dropped
        self.oversized.add(self.number)
        return "\n"

    def read(self, size: int = -1) -> str:
        """Up to ``size`` characters (the CSV reader's dialect sample), line by line."""
        out: list[str] = []
        count = 0
        while size < 0 or count < size:
            try:
                line = next(self)
            except StopIteration:
                break
            out.append(line)
            count += len(line)
        return "".join(out)

    def readline(self) -> str:
        """The next line ("" at the end)."""
        return next(self, "")


def _check_gzip_head(head: bytes) -> None:
    """Tell a corrupt or cut gzip stream from an empty one before its content is sniffed."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(head, 1)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data ({exc})") from exc
    if not out and not inflater.eof:
        raise InputError("the gzip file is truncated: it ends before any of its content")


def _too_large(size: int, limit: int) -> str:
    return (f"{size / 1_048_576:.1f} MB is over the {limit / 1_048_576:.0f} MB limit for one "
            "capture (raise --max-bytes to read it)")


class _Rejoined(io.RawIOBase):
    """A stream that replays the bytes already sniffed, then continues from the file."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head.nbytes:
            count = min(len(buffer), self._head.nbytes)
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)
