"""``newstrace ingest``: read captures and print clean documents."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newstrace.cli.common import (
    EXIT_NOTHING_READ,
    EXIT_STRICT_FAILURE,
    AsJson,
    DateField,
    IdField,
    MaxBytes,
    Paths,
    Quiet,
    SiteField,
    TextField,
    TimeLimit,
    TitleField,
    UrlField,
    Workers,
    err_console,
    out_console,
    read_options,
    track,
)
from newstrace.engine.local import LocalEngine
from newstrace.ingest.deadline import EXTRACTION_SECONDS
from newstrace.ingest.pipeline import ingest as ingest_paths
from newstrace.ingest.readers import DEFAULT_MAX_BYTES
from newstrace.ingest.tally import InputTally, Tallies, records_line
from newstrace.model import Document, Failure


def ingest(
    paths: Paths,
    as_json: AsJson = False,
    text_field: TextField = None,
    url_field: UrlField = None,
    title_field: TitleField = None,
    date_field: DateField = None,
    site_field: SiteField = None,
    id_field: IdField = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    time_limit: TimeLimit = EXTRACTION_SECONDS,
    workers: Workers = None,
    site_templates: Annotated[bool, typer.Option(
        help="Remove sentences repeated across many documents of one site.")] = True,
    strict: Annotated[bool, typer.Option(help="Exit non-zero if any capture failed.")] = False,
    quiet: Quiet = False,
) -> None:
    """Read captures and print clean documents (and one record per failure).

    Exit code: 0 when any document was read, 2 when none was, 1 with --strict and a failure.
    """
    options = read_options(text_field, url_field, title_field, date_field, max_bytes,
                           time_limit,
                           site_field=site_field, id_field=id_field)
    err = err_console()
    with LocalEngine(workers) as engine:
        results = ingest_paths(paths, options, engine=engine, site_templates=site_templates)
        tallies = _emit(track(results, "reading captures", err, quiet), as_json)
    docs, failures = sum(t.documents for t in tallies), sum(t.failures for t in tallies)
    if not quiet:
        _summary(err, tallies)
    if docs == 0:
        raise typer.Exit(EXIT_NOTHING_READ)
    if strict and failures:
        raise typer.Exit(EXIT_STRICT_FAILURE)


def _emit(results: Iterator[Document | Failure], as_json: bool) -> list[InputTally]:
    out = sys.stdout
    rows: list[Document | Failure] = []
    counts = Tallies()
    for item in results:
        counts.add(item)
        if as_json:
            out.write(json.dumps(item.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
        else:
            rows.append(item)
    if not as_json:
        _table(rows)
    return counts.inputs()


def _table(rows: list[Document | Failure]) -> None:
    table = Table(title="newstrace ingest", show_lines=False)
    for name in ("locator", "site", "published", "lang", "words", "title / failure"):
        table.add_column(name, overflow="fold")
    for item in rows:
        if isinstance(item, Document):
            table.add_row(item.locator, item.site or "", item.published or "",
                          item.language or "", str(len(item.text.split())), item.title or "")
        else:
            table.add_row(item.locator or item.path, "", "", "", "",
                          Text(f"failed: {item.reason}", style="red"))
    out_console().print(table)


#: Inputs with failures named in the summary; the rest are counted in its total.
_FAILED_INPUTS = 10


def _summary(err: Console, tallies: list[InputTally]) -> None:
    """"N records: D documents, F failures", then each input that had failures."""
    failed = [t for t in tallies if t.failures]
    style = "red" if failed else "green"
    err.print(records_line(tallies), style=style)
    for one in failed[:_FAILED_INPUTS]:
        err.print(f"  {one.path}: {records_line([one])}")
    if len(failed) > _FAILED_INPUTS:
        err.print(f"  ... and {len(failed) - _FAILED_INPUTS} more inputs with failures")
