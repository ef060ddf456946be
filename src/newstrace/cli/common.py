"""Options and helpers shared by the commands: reading options, progress, exit codes."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import Progress as RichProgress

from newstrace.ingest.deadline import EXTRACTION_SECONDS
from newstrace.ingest.readers import DEFAULT_MAX_BYTES, ReadOptions
from newstrace.ingest.tabular import FieldMap
from newstrace.store.index import Progress

EXIT_NOTHING_READ = 2
EXIT_STRICT_FAILURE = 1

T = TypeVar("T")

Paths = Annotated[list[str], typer.Argument(
    metavar="PATH", help="Files, folders, globs, or - for stdin.")]
TextField = Annotated[str | None, typer.Option(
    metavar="FIELD", help="JSONL/CSV field holding the text.")]
UrlField = Annotated[str | None, typer.Option(
    metavar="FIELD", help="JSONL/CSV field holding the URL.")]
TitleField = Annotated[str | None, typer.Option(
    metavar="FIELD", help="JSONL/CSV field holding the title.")]
DateField = Annotated[str | None, typer.Option(
    metavar="FIELD", help="JSONL/CSV field holding the date.")]
SiteField = Annotated[str | None, typer.Option(
    metavar="FIELD", help="JSONL/CSV field naming the site or outlet (a domain, a URL or a "
    "name such as Associated Press); by default the URL's host.")]
IdField = Annotated[str | None, typer.Option(
    metavar="FIELD", help="JSONL/CSV field holding each record's id: documents are then "
    "named file#id instead of file#line.")]
MaxBytes = Annotated[int, typer.Option(
    metavar="BYTES", help="Largest capture read, in bytes.")]
TimeLimit = Annotated[float, typer.Option(
    metavar="SECONDS",
    help="Seconds one capture's extraction may take before it is a failure (0: no limit).")]
Workers = Annotated[int | None, typer.Option(
    metavar="N", help="Worker processes (default: all cores).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")]
NoWait = Annotated[bool, typer.Option(
    "--no-wait", help="When another process is writing the index, stop with an error "
    "instead of waiting for it.")]
AsJson = Annotated[bool, typer.Option("--json", help="JSON on stdout instead of a table.")]
EncoderName = Annotated[str | None, typer.Option(
    "--encoder", metavar="NAME",
        help="Sentence encoder: minilm-static (shipped, default), minilm, e5, a "
    "model2vec folder or any local sentence-transformers model.")]
RescoreName = Annotated[str | None, typer.Option(
    "--rescore", metavar="NAME",
        help="Align the sentences of likely rewrites and translations again with "
    "this encoder's vectors (e.g. minilm: the full all-MiniLM-L6-v2, extra [minilm]).")]


def read_options(text_field: str | None, url_field: str | None, title_field: str | None,
                 date_field: str | None, max_bytes: int = DEFAULT_MAX_BYTES,
                 time_limit: float = EXTRACTION_SECONDS, *, site_field: str | None = None,
                 id_field: str | None = None) -> ReadOptions:
    """Reading options from the shared command-line options."""
    fields = FieldMap(text_field, url_field, title_field, date_field, site=site_field,
                      id=id_field)
    return ReadOptions(fields, max_bytes, time_limit or None)


def err_console() -> Console:
    """The console for progress and summaries: standard error, so stdout stays data.

    Markup is off: titles, paths and failure reasons are data, and a "[/]" in one of them
    once crashed the summary table (rich read it as a closing tag). Styles are given as
    ``style=`` instead."""
    return Console(stderr=True, markup=False)


#: A record's place at the start of a reason ("line 4: ", "row 7 (line 9): ").
_PLACE = re.compile(r"^(?:line|row) \d+(?: \(line \d+\))?: ")


def failure_reasons(failures: Iterable[tuple[str, str]], limit: int = 5) -> list[str]:
    """Why captures failed, one line per distinct reason (most frequent first, at most
    ``limit``): "not valid JSON (...): 3 records, first dump.jsonl#4". ``failures`` are
    (locator, reason) pairs in the order they were read; a reason's leading "line N:" is
    where, not why."""
    groups: dict[str, list[str]] = {}
    for locator, reason in failures:
        groups.setdefault(_PLACE.sub("", reason), []).append(locator)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    lines = [f"{why}: {len(where)} record{'s' if len(where) > 1 else ''}, first {where[0]}"
             for why, where in ranked[:limit]]
    if len(ranked) > limit:
        lines.append(f"and {len(ranked) - limit} other reasons (all in the report)")
    return lines


def out_console() -> Console:
    """The console for tables on standard output, markup off like ``err_console``."""
    return Console(markup=False)


def no_index(db: Path) -> typer.Exit:
    """Say that ``db`` holds no index and what to run; the exit to raise."""
    err_console().print(f"newstrace: no index at {db}; build one first with "
                        f"`newstrace add PATH... --db {db}`", style="red")
    return typer.Exit(EXIT_NOTHING_READ)


def track(items: Iterator[T], label: str, console: Console, quiet: bool) -> Iterator[T]:
    """Yield ``items`` while a progress counter runs on stderr (only on a terminal)."""
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with RichProgress(*columns, console=console, transient=True,
                      disable=quiet or not console.is_terminal) as progress:
        task = progress.add_task(label, total=None)
        for item in items:
            progress.advance(task)
            yield item


class _PlainStages:
    """Progress as plain lines for a log or a pipe: one line when a stage starts, one when
    it ends (its count and time), and one every ``every`` seconds while it runs and reports
    progress, so a run that is not on a terminal says what it is doing."""

    def __init__(self, console: Console, every: float = 30.0) -> None:
        self.console, self.every = console, every
        self.stage: str | None = None
        self.done = 0
        self.total: int | None = None
        self.started = self.said = time.monotonic()

    def update(self, stage: str, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        if stage != self.stage:
            self.close()
            self.stage, self.started, self.said = stage, now, now
            self.done, self.total = done, total
            self._line("…")
        self.done, self.total = done, total
        if now - self.said >= self.every:
            self.said = now
            self._line("…")

    def close(self, failed: bool = False) -> None:
        """End the current stage: "done in", or "stopped after" when the run failed in it."""
        if self.stage is not None:
            took = f"{time.monotonic() - self.started:.1f} s"
            self._line(f"stopped after {took}" if failed else f"done in {took}")
        self.stage = None

    def _line(self, tail: str) -> None:
        count = f"{self.done:,}" + (f"/{self.total:,}" if self.total is not None else "")
        self.console.print(f"newstrace: {self.stage} {count} {tail}", markup=False,
                           highlight=False)


@contextmanager
def stage_progress(console: Console, quiet: bool) -> Iterator[Progress]:
    """A progress display: ``update(stage, done, total)`` shows one bar per stage on a
    terminal (counting against ``total`` when it is known), and plain lines elsewhere."""
    if quiet:
        yield lambda stage, done, total=None: None
        return
    if not console.is_terminal:
        plain = _PlainStages(console)
        try:
            yield plain.update
        except BaseException:
            plain.close(failed=True)  # a failed write is not "done"
            raise
        plain.close()
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with RichProgress(*columns, console=console, transient=True) as progress:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int | None = None) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done, total=total)

        yield update
