"""WARC and WARC.gz captures, read record by record with warcio.

Each ``response`` (or ``resource``) record whose payload is HTML or text becomes a raw record
that keeps its WARC-Target-URI and WARC-Date (the capture time, which orientation later weighs
against the publication date). A truncated or corrupt archive yields every record before the
damage and then one ``Failure`` that says where it stopped.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newstrace.errors import InputError
from newstrace.ingest.detect import decode, sniff_format
from newstrace.model import Failure, RawRecord

__all__ = ["read_warc"]

_CONTENT_RECORDS = {"response", "resource", "conversion"}


def read_warc(stream: BinaryIO, path: str, locator: str,
              max_bytes: int) -> Iterator[RawRecord | Failure]:
    """Every HTML or text payload in a WARC stream, then a Failure if the stream is damaged."""
    count = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in _CONTENT_RECORDS:
                continue
            count += 1
            try:
                yield _payload(record, path, f"{locator}#{count}", max_bytes)
            except _Truncated:
                raise
            except Exception as exc:  # one record's malformed headers or
                # body (warcio, charset detection) are that record's failure
                yield Failure(path, f"record {count} cannot be read ({type(exc).__name__}: "
                                    f"{_short(exc)})", f"{locator}#{count}")
    except _Truncated as exc:
        yield Failure(path, f"WARC is truncated: {exc}", locator)
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
        where = f"after record {count}" if count else "before any record"
        yield Failure(path, f"WARC is truncated or corrupt {where} ({_short(exc)})", locator)
    except Exception as exc:  # warcio fails on malformed headers with any
        # error (an AttributeError for a response without WARC-Target-URI); the records
        # read so far stand and the run goes on
        yield Failure(path, f"WARC record {count + 1} cannot be read ({type(exc).__name__}: "
                            f"{_short(exc)}); the {count} record(s) before it were read",
                      locator)


def _payload(record: object, path: str, where: str, max_bytes: int) -> RawRecord | Failure:
    headers = record.rec_headers  # type: ignore[attr-defined]
    uri = headers.get_header("WARC-Target-URI")
    captured = headers.get_header("WARC-Date")
    http = record.http_headers  # type: ignore[attr-defined]
    status = http.get_statuscode() if http is not None else None
    if status and not status.startswith("2"):
        return Failure(path, f"HTTP status {status} for {uri}", where)
    body = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > max_bytes:
        return Failure(path, f"record for {uri} is over the {max_bytes:,}-byte limit", where)
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if missing:
        raise _Truncated(f"record {where} for {uri} ends {missing:,} bytes early")
    try:
        kind = sniff_format(body[:65536], uri or "")
        if kind not in ("html", "text"):
            return Failure(path, f"record for {uri} holds {kind}, not a page", where)
        content = decode(body)
    except InputError as exc:
        return Failure(path, f"record for {uri}: {exc}", where)
    return RawRecord(path=path, locator=where, content=content, format=kind, url=uri,
                     captured=captured)


class _Truncated(Exception):
    """A record whose block is shorter than its Content-Length: the archive was cut."""


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "..."
