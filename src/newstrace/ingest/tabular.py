"""JSONL and CSV captures: one record per line or row, with a field mapping.

Datasets of scraped news come as JSON lines or CSV under many column names; ``FieldMap`` names
the columns (``--text-field``, ``--url-field``, ``--title-field``, ``--date-field``) and falls
back to the common names when the named one is absent. A broken line becomes a ``Failure`` for
that line only.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TextIO

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

    def pick(self, record: Mapping[str, object], role: str) -> str | None:
        """The value of the field playing ``role`` (text, url, title, date, byline, captured)
        in ``record``; a list of strings (a dump's authors) is joined with commas."""
        named = getattr(self, role)
        names = (named,) if named else _USUAL[role]
        for name in names:
            value = record.get(name)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = ", ".join(v for v in value if v)
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
}


def read_jsonl(lines: Iterable[str], path: str, locator: str,
               fields: FieldMap) -> Iterator[RawRecord | Failure]:
    """One record per JSON object line; blank lines are skipped, broken ones reported."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
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
        yield _record(record, path, where, fields, f"line {number}")


def read_csv(stream: TextIO, path: str, locator: str,
             fields: FieldMap) -> Iterator[RawRecord | Failure]:
    """One record per CSV/TSV row (delimiter sniffed), with the header naming the fields."""
    sample = stream.read(8192)
    sample += stream.readline()  # finish the line the sample cut
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(itertools.chain(io.StringIO(sample), stream), dialect=dialect)
    columns = reader.fieldnames or []
    if fields.text and fields.text not in columns:
        yield Failure(path, f"no column {fields.text!r}; the columns are {', '.join(columns)}",
                      locator)
        return
    try:
        for number, row in enumerate(reader, start=2):
            yield _record(row, path, f"{locator}#{number}", fields, f"row {number}")
    except csv.Error as exc:
        yield Failure(path, f"broken CSV near line {reader.line_num}: {exc}", locator)


def _record(record: Mapping[str, object], path: str, where: str, fields: FieldMap,
            label: str) -> RawRecord | Failure:
    text = fields.pick(record, "text")
    if text is None or not text.strip():
        return Failure(path, f"{label}: no text field (give one with --text-field)", where)
    content_format = "html" if text.lstrip()[:1] == "<" else "text"
    date = fields.pick(record, "date")
    return RawRecord(
        path=path,
        locator=where,
        content=text,
        format=content_format,
        url=fields.pick(record, "url"),
        title=fields.pick(record, "title"),
        published=date,
        published_source="record-field" if date else None,
        captured=fields.pick(record, "captured"),
        byline=fields.pick(record, "byline"),
    )
