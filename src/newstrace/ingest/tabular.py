"""JSONL and CSV captures: one record per line or row, with a field mapping.

Datasets of scraped news come as JSON lines or CSV under many column names; ``FieldMap`` names
the columns (``--text-field``, ``--url-field``, ``--title-field``, ``--date-field``,
``--site-field``) and falls back to the common names when the named one is absent. With
``--id-field`` each record is named by its own id (``dump.jsonl#a1b2``) instead of its line
number, and an id seen twice in one file is the second record's failure. A broken line
becomes a ``Failure`` for that line only.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from newstrace.ingest.metadata import site_of
from newstrace.model import Failure, RawRecord

__all__ = ["FieldMap", "read_csv", "read_jsonl"]

csv.field_size_limit(64 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which field of a JSONL/CSV record holds what; ``None`` means "try the usual names"."""

    text: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None
    byline: str | None = None
    captured: str | None = None
    site: str | None = None
    id: str | None = None

    def pick(self, record: Mapping[str, object], role: str) -> str | None:
        """The value of the field playing ``role`` (text, url, title, date, byline, captured,
        site, id)
        in ``record``; a list of strings (a dump's authors, a text's paragraphs) is joined
        with commas (a text's with blank lines). A text field that is not text (a number, an
        object) raises ``ValueError``: that record's failure, not a text of "42"."""
        named = getattr(self, role)
        names = (named,) if named else _USUAL[role]
        for name in names:
            value = record.get(name)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = ("\n\n" if role == "text" else ", ").join(v for v in value if v)
            if role == "text" and value is not None and not isinstance(value, str):
                raise ValueError(f"the {name!r} field holds a JSON {type(value).__name__}, "
                                 "not text")
            if isinstance(value, (dict, list)):
                continue  # metadata in a shape newstrace does not read: as if absent
            if value not in (None, ""):
                return str(value)
        return None


_USUAL: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "articleBody", "maintext"),
    "url": ("url", "link", "uri", "source_url"),
    "title": ("title", "headline"),
    "date": ("date", "published", "date_publish", "pubdate", "published_at", "publish_date"),
    "byline": ("byline", "authors", "author", "creator"),
    "captured": ("captured", "scrape_time", "scraped_at", "crawl_time", "crawled_at",
                 "fetch_time", "capture_time", "date_download"),
    # Only a field named with --site-field: a guessed "site" column would make every record
    # of a one-publisher data set (OneStopEnglish's three levels of each text) pages of one
    # site, read as versions rather than rewrites.
    "site": (),
    "id": (),  # records are named by line number unless --id-field names their ids
}


def read_jsonl(lines: Iterable[str], path: str, locator: str,
               fields: FieldMap) -> Iterator[RawRecord | Failure]:
    """One record per JSON object line; blank lines are skipped, broken ones reported."""
    ids = _Ids(fields.id)
    oversized: set[int] = getattr(lines, "oversized", set())
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if number in oversized:
                yield Failure(path, f"line {number}: {_OVERSIZED}", f"{locator}#{number}")
            continue
        where = f"{locator}#{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Failure(path, f"line {number}: not valid JSON ({exc.args[0]})", where)
            continue
        if not isinstance(record, dict):
            yield Failure(path, f"line {number}: a JSON {type(record).__name__}, not an object",
                          where)
            continue
        yield _record(record, path, ids.name(record, locator, number, "line"), fields,
                      f"line {number}")


class LineSource(Protocol):
    """What the CSV reader reads from: a text stream, or ``readers.BoundedLines``."""

    def read(self, size: int = -1, /) -> str: ...

    def readline(self) -> str: ...

    def __iter__(self) -> Iterator[str]: ...


def read_csv(stream: LineSource, path: str, locator: str,
             fields: FieldMap) -> Iterator[RawRecord | Failure]:
    """One record per CSV/TSV row, with the header naming the fields.

    The standard dialect (RFC 4180: a quotation mark inside a quoted field is doubled), with
    only the delimiter read from the header line: a guessed dialect once read every ``""`` of
    a spreadsheet export as the end of its field, cutting half the texts without a word. A
    row whose field count differs from the header's, or a field whose quotation never
    closes, is that row's failure, never merged into its neighbours.
    """
    sample = stream.read(8192)
    sample += stream.readline()  # finish the line the sample cut
    reader = csv.reader(itertools.chain(io.StringIO(sample), stream),
                        _dialect(sample.split("\n", 1)[0], path))
    try:
        columns = next(reader, [])
    except csv.Error as exc:
        yield Failure(path, f"the header line is broken CSV ({exc})", locator)
        return
    for named in (fields.text, fields.id):
        if named and named not in columns:
            yield Failure(path, f"no column {named!r}; the columns are {', '.join(columns)}",
                          locator)
            return
    ids = _Ids(fields.id)
    oversized: set[int] = getattr(stream, "oversized", set())
    for number in itertools.count(2):
        line = reader.line_num + 1
        before = reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Failure(path, f"row {number} (line {line}): broken CSV ({_csv_reason(exc)})",
                          f"{locator}#{number}")
            continue
        if any(before < n <= reader.line_num for n in oversized):  # a quoted field's line
            yield Failure(path, f"row {number} (line {line}): {_OVERSIZED}", f"{locator}#{number}")
            continue
        if len(row) != len(columns):
            yield Failure(path, f"row {number} (line {line}): {len(row)} field"
                                f"{'' if len(row) == 1 else 's'}, the header has {len(columns)}",
                          f"{locator}#{number}")
            continue
        record = dict(zip(columns, row, strict=True))
        yield _record(record, path, ids.name(record, locator, number, "row"), fields,
                      f"row {number}")


#: The delimiters a table may use, read from its header line.
_DELIMITERS = ",;\t|"


def _dialect(header: str, path: str) -> type[csv.Dialect]:
    """The standard dialect, strict about quotes, with the header's delimiter (a tab for a
    ``.tsv`` whose header has one)."""
    counts = {d: header.count(d) for d in _DELIMITERS}
    delimiter = max(_DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ","
    if path.lower().removesuffix(".gz").endswith(".tsv") and counts["\t"]:
        delimiter = "\t"

    class Standard(csv.excel):
        pass

    Standard.delimiter = delimiter
    Standard.strict = True
    return Standard


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "a quotation mark opened in this row never closes, so the rest of the file " \
               "was read as its field"
    return text


#: Why a line longer than ``--max-bytes`` is not read (``readers.BoundedLines`` skips it).
_OVERSIZED = "longer than the limit for one capture; skipped unread (raise --max-bytes to read it)"


class _Ids:
    """Names records by the ``--id-field`` of one file, and remembers where each id was seen
    so that a repeated id is reported rather than two records sharing one name."""

    def __init__(self, field: str | None) -> None:
        self.field = field
        self.seen: dict[str, int] = {}

    def name(self, record: Mapping[str, object], locator: str, number: int,
             unit: str) -> str | tuple[str, str]:
        """The record's locator, or (its line-number locator, why it is a failure)."""
        where = f"{locator}#{number}"
        if not self.field:
            return where
        value = record.get(self.field)
        if value in (None, "") or isinstance(value, (dict, list)):
            return where, f"no {self.field!r} id (--id-field)"
        ident = "_".join("".join(ch for ch in str(value) if ch.isprintable()).split())[:120]
        if ident in self.seen:
            return where, f"the id {ident!r} was already used on {unit} {self.seen[ident]}"
        self.seen[ident] = number
        return f"{locator}#{ident}"


def _record(record: Mapping[str, object], path: str, where: str | tuple[str, str],
            fields: FieldMap, label: str) -> RawRecord | Failure:
    if isinstance(where, tuple):
        return Failure(path, f"{label}: {where[1]}", where[0])
    try:
        return _fields(record, path, where, fields, label)
    except ValueError as exc:
        return Failure(path, f"{label}: {exc}", where)


def _fields(record: Mapping[str, object], path: str, where: str, fields: FieldMap,
            label: str) -> RawRecord | Failure:
    text = fields.pick(record, "text")
    if text is None or not text.strip():
        return Failure(path, f"{label}: {_no_text(record, fields.text)}", where)
    content_format = "html" if text.lstrip()[:1] == "<" else "text"
    date = fields.pick(record, "date")
    url = fields.pick(record, "url")
    site = fields.pick(record, "site")
    return RawRecord(
        path=path,
        locator=where,
        content=text,
        format=content_format,
        url=url,
        site=_site_name(site) if site else None,
        title=fields.pick(record, "title"),
        published=date,
        published_source="record-field" if date else None,
        captured=fields.pick(record, "captured"),
        byline=fields.pick(record, "byline"),
    )


def _no_text(record: Mapping[str, object], named: str | None) -> str:
    """Why a record has no text, and what to do about it."""
    if named and named in record:
        return f"the {named!r} field is empty"
    fields = ", ".join(sorted(record))[:200] or "none"
    if named:
        return f"no {named!r} field (its fields: {fields}); name another with --text-field"
    return f"no text field (its fields: {fields}); name one with --text-field"


def _site_name(value: str) -> str | None:
    """A site as the index keys it: a domain or URL by its host (``www.`` dropped), an
    outlet's name ("Associated Press") as written."""
    value = " ".join(value.split())
    if "://" in value or ("." in value and " " not in value):
        return site_of(value) or value
    return value or None
