"""``newstrace ingest``: read captures and print clean documents."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newstrace.cli.common import (
    EXIT_NOTHING_READ,
    EXIT_STRICT_FAILURE,
    AsJson,
    DateField,
    MaxBytes,
    Paths,
    Quiet,
    TextField,
    TitleField,
    UrlField,
    Workers,
    err_console,
    read_options,
    track,
)
from newstrace.engine.local import LocalEngine
from newstrace.ingest.pipeline import ingest as ingest_paths
from newstrace.ingest.readers import DEFAULT_MAX_BYTES
from newstrace.model import Document, Failure


def ingest(
    paths: Paths,
    as_json: AsJson = False,
    text_field: TextField = None,
    url_field: UrlField = None,
    title_field: TitleField = None,
    date_field: DateField = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    workers: Workers = None,
    site_templates: Annotated[bool, typer.Option(
        help="Remove sentences repeated across many documents of one site.")] = True,
    strict: Annotated[bool, typer.Option(help="Exit non-zero if any capture failed.")] = False,
    quiet: Quiet = False,
) -> None:
    """Read captures and print clean documents (and one record per failure).

    Exit code: 0 when any document was read, 2 when none was, 1 with --strict and a failure.
    """
    options = read_options(text_field, url_field, title_field, date_field, max_bytes)
    err = err_console()
    with LocalEngine(workers) as engine:
        results = ingest_paths(paths, options, engine=engine, site_templates=site_templates)
        docs, failures = _emit(track(results, "reading captures", err, quiet), as_json)
    if not quiet:
        _summary(err, docs, failures)
    if docs == 0:
        raise typer.Exit(EXIT_NOTHING_READ)
    if strict and failures:
        raise typer.Exit(EXIT_STRICT_FAILURE)


def _emit(results: Iterator[Document | Failure], as_json: bool) -> tuple[int, int]:
    docs = failures = 0
    out = sys.stdout
    rows: list[Document | Failure] = []
    for item in results:
        if isinstance(item, Document):
            docs += 1
        else:
            failures += 1
        if as_json:
            out.write(json.dumps(item.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
        else:
            rows.append(item)
    if not as_json:
        _table(rows)
    return docs, failures


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
                          f"[red]failed:[/red] {item.reason}")
    Console().print(table)


def _summary(err: Console, docs: int, failures: int) -> None:
    style = "red" if failures else "green"
    err.print(f"[{style}]{docs} documents, {failures} failures[/{style}]")
