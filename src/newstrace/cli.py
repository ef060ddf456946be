"""The ``newstrace`` command line: a thin layer over the public API.

JSON goes to standard output, one record a line; logs, progress bars and summaries go to
standard error, so ``newstrace ingest ... --json | jq`` always sees clean JSON.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from newstrace import __version__
from newstrace.engine.local import LocalEngine
from newstrace.ingest.pipeline import ingest as ingest_paths
from newstrace.ingest.readers import DEFAULT_MAX_BYTES, ReadOptions
from newstrace.ingest.tabular import FieldMap
from newstrace.model import Document, Failure

app = typer.Typer(
    name="newstrace",
    help="Trace where a news story came from and where it went.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_NOTHING_READ = 2
EXIT_STRICT_FAILURE = 1


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newstrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True,
                                         help="More log output on stderr (-v, -vv).")] = 0,
) -> None:
    """newstrace: find every copy, excerpt, rewrite and translation of a news article."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    # trafilatura and htmldate log every page they give up on; newstrace reports those itself.
    for noisy in ("trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON record per line on stdout.")]
    = False,
    text_field: Annotated[str | None, typer.Option(help="JSONL/CSV field holding the text.")]
    = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL/CSV field holding the URL.")]
    = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL/CSV field holding the title.")]
    = None,
    date_field: Annotated[str | None, typer.Option(help="JSONL/CSV field holding the date.")]
    = None,
    max_bytes: Annotated[int, typer.Option(help="Largest capture read, in bytes.")]
    = DEFAULT_MAX_BYTES,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: all cores).")]
    = None,
    site_templates: Annotated[bool, typer.Option(
        help="Remove sentences repeated across many documents of one site.")] = True,
    strict: Annotated[bool, typer.Option(help="Exit non-zero if any capture failed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")]
    = False,
) -> None:
    """Read captures and print clean documents (and one record per failure).

    Exit code: 0 when any document was read, 2 when none was, 1 with --strict and a failure.
    """
    options = ReadOptions(FieldMap(text_field, url_field, title_field, date_field), max_bytes)
    results = ingest_paths(paths, options, engine=LocalEngine(workers),
                           site_templates=site_templates)
    err = Console(stderr=True)
    docs, failures = _emit(_with_progress(results, err, quiet), as_json)
    if not quiet:
        _summary(err, docs, failures, as_json)
    if docs == 0:
        raise typer.Exit(EXIT_NOTHING_READ)
    if strict and failures:
        raise typer.Exit(EXIT_STRICT_FAILURE)


def _with_progress(results: Iterator[Document | Failure], err: Console,
                   quiet: bool) -> Iterator[Document | Failure]:
    columns = (SpinnerColumn(), TextColumn("reading captures"), BarColumn(),
               MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True,
                  disable=quiet or not err.is_terminal) as progress:
        task = progress.add_task("ingest", total=None)
        for item in results:
            progress.advance(task)
            yield item


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


def _summary(err: Console, docs: int, failures: int, as_json: bool) -> None:
    style = "red" if failures else "green"
    err.print(f"[{style}]{docs} documents, {failures} failures[/{style}]")


def main() -> None:
    """Entry point of the ``newstrace`` script."""
    app()
