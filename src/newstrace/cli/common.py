"""Options and helpers shared by the commands: reading options, progress, exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from newstrace.ingest.deadline import EXTRACTION_SECONDS
from newstrace.ingest.readers import DEFAULT_MAX_BYTES, ReadOptions
from newstrace.ingest.tabular import FieldMap

EXIT_NOTHING_READ = 2
EXIT_STRICT_FAILURE = 1

T = TypeVar("T")

Paths = Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")]
TextField = Annotated[str | None, typer.Option(help="JSONL/CSV field holding the text.")]
UrlField = Annotated[str | None, typer.Option(help="JSONL/CSV field holding the URL.")]
TitleField = Annotated[str | None, typer.Option(help="JSONL/CSV field holding the title.")]
DateField = Annotated[str | None, typer.Option(help="JSONL/CSV field holding the date.")]
MaxBytes = Annotated[int, typer.Option(help="Largest capture read, in bytes.")]
TimeLimit = Annotated[float, typer.Option(
    help="Seconds one capture's extraction may take before it is a failure (0: no limit).")]
Workers = Annotated[int | None, typer.Option(help="Worker processes (default: all cores).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")]
AsJson = Annotated[bool, typer.Option("--json", help="JSON on stdout instead of a table.")]
EncoderName = Annotated[str | None, typer.Option(
    "--encoder", help="Sentence encoder: minilm-static (shipped, default), minilm, e5, a "
    "model2vec folder or any local sentence-transformers model.")]
RescoreName = Annotated[str | None, typer.Option(
    "--rescore", help="Align the sentences of likely rewrites and translations again with "
    "this encoder's vectors (e.g. minilm: the full all-MiniLM-L6-v2, extra [minilm]).")]


def read_options(text_field: str | None, url_field: str | None, title_field: str | None,
                 date_field: str | None, max_bytes: int = DEFAULT_MAX_BYTES,
                 time_limit: float = EXTRACTION_SECONDS) -> ReadOptions:
    """Reading options from the shared command-line options."""
    return ReadOptions(FieldMap(text_field, url_field, title_field, date_field), max_bytes,
                       time_limit or None)


def err_console() -> Console:
    """The console for progress and summaries: standard error, so stdout stays data."""
    return Console(stderr=True)


def track(items: Iterator[T], label: str, console: Console, quiet: bool) -> Iterator[T]:
    """Yield ``items`` while a progress counter runs on stderr (only on a terminal)."""
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True,
                  disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task(label, total=None)
        for item in items:
            progress.advance(task)
            yield item


@contextmanager
def stage_progress(console: Console, quiet: bool) -> Iterator[object]:
    """A progress display whose ``update(stage, done)`` shows one bar per stage."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True,
                  disable=quiet or not console.is_terminal) as progress:
        tasks: dict[str, object] = {}

        def update(stage: str, done: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=None)
            progress.update(tasks[stage], completed=done)  # type: ignore[arg-type]

        yield update
