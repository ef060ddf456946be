"""``newstrace export --db FILE --format jsonl|csv|graphml|parquet``: the index's report for
other tools."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli.common import EXIT_NOTHING_READ, EncoderName, Quiet, err_console, no_index
from newstrace.config import ReuseConfig
from newstrace.index.embed import load_encoder
from newstrace.report.exports import FORMATS, export_report
from newstrace.report.json_report import build_report
from newstrace.store.index import Index

__all__ = ["export_command"]


def export_command(
    db: Annotated[Path, typer.Option("--db", metavar="FILE", help="The index file to export.")],
    fmt: Annotated[str, typer.Option(
        "--format", metavar="FORMAT",
        help="jsonl, csv (documents, relations, changes), graphml, or parquet (documents, "
             "relations, changes and claims, written by Spark: extra [spark]).")] = "jsonl",
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="DIR", help="The folder to write into.")]
    = Path("newstrace-export"),
    encoder: EncoderName = None,
    quiet: Quiet = False,
) -> None:
    """Export the index's documents, relations and changes (stable columns, docs/schema.md)."""
    if fmt not in FORMATS:
        err_console().print(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}", style="red")
        raise typer.Exit(EXIT_NOTHING_READ)
    if not db.exists():
        raise no_index(db)
    model = load_encoder(encoder)
    with Index(db) as index:
        report = build_report(index.documents(), index.relations(), index.failures(),
                              index.config_ or ReuseConfig(), model.name, model=model)
    for path in export_report(report, out, fmt):
        if not quiet:
            err_console().print(f"wrote {path}")
