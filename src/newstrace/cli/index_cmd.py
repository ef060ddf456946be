"""``newstrace trace``, ``add`` and ``query``: the index-backed commands."""

from __future__ import annotations

import contextlib
import heapq
import json
import os
import shutil
import sys
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newstrace.clean.templates import forget_repeats
from newstrace.cli.common import (
    EXIT_NOTHING_READ,
    AsJson,
    DateField,
    EncoderName,
    IdField,
    MaxBytes,
    NoWait,
    Paths,
    Quiet,
    RescoreName,
    SiteField,
    TextField,
    TimeLimit,
    TitleField,
    UrlField,
    Workers,
    err_console,
    failure_reasons,
    no_index,
    out_console,
    read_options,
    stage_progress,
)
from newstrace.engine.local import LocalEngine
from newstrace.engine.protocol import Engine
from newstrace.engine.spark import SparkEngine
from newstrace.errors import UsageError
from newstrace.index.embed import Remembering, load_encoder
from newstrace.ingest.deadline import EXTRACTION_SECONDS
from newstrace.ingest.pipeline import ingest as ingest_paths
from newstrace.ingest.readers import DEFAULT_MAX_BYTES
from newstrace.ingest.tally import InputTally, records_line
from newstrace.match.kinds import DERIVATIONS
from newstrace.model import Document, Failure
from newstrace.report.cards import doc_label
from newstrace.report.html import render_html
from newstrace.report.json_report import report_writer, write_report
from newstrace.report.kept import keep_current
from newstrace.report.pages import write_html_folder
from newstrace.report.parquet import write_parquet
from newstrace.stages.answer import answer_query
from newstrace.stages.semantic import relate_pending
from newstrace.stages.verbatim import add_documents
from newstrace.store.index import Index, Progress
from newstrace.trace import trace as trace_paths

Db = Annotated[Path, typer.Option(
    "--db", metavar="FILE", help="The index file (SQLite).")]


def _engine(name: str, workers: int | None, master: str | None) -> LocalEngine | SparkEngine:
    """The engine ``--engine`` names."""
    if name == "local":
        if master is not None:
            raise UsageError("--master is for --engine spark")
        return LocalEngine(workers)
    if name == "spark":
        return SparkEngine(master or f"local[{workers or os.cpu_count() or 1}]")
    raise UsageError(f"--engine must be local or spark, not {name!r}")


def trace(
    paths: Paths,
    db: Annotated[Path | None, typer.Option(
        "--db", metavar="FILE",
        help="Keep the index in this file (default: a temporary one).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="FILE",
        help="Write the JSON report here instead of stdout.")] = None,
    html: Annotated[Path | None, typer.Option(
        "--html", metavar="PATH",
        help="Also write the HTML report people read: one self-contained page when PATH "
             "ends in .html, else a folder (an index page, a page per story and per copy: "
             "the form for real crawls).")] = None,
    text_field: TextField = None,
    url_field: UrlField = None,
    title_field: TitleField = None,
    date_field: DateField = None,
    site_field: SiteField = None,
    id_field: IdField = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    time_limit: TimeLimit = EXTRACTION_SECONDS,
    workers: Workers = None,
    engine_name: Annotated[str, typer.Option(
        "--engine", metavar="NAME",
        help="What runs the flow's parallel steps: local (this machine's processes) or spark "
             "(Apache Spark, extra [spark]: the same kernels and the same report).")]
    = "local",
    parquet: Annotated[Path | None, typer.Option(
        "--parquet", metavar="DIR",
        help="Also write the report as Parquet tables (documents, relations, changes, "
             "claims) under DIR, for DuckDB, pandas or Spark SQL (extra [spark]).")] = None,
    master: Annotated[str | None, typer.Option(
        "--master", metavar="URL",
        help="With --engine spark: the Spark master (default local[N], N from --workers or "
             "every core; spark://host:7077, yarn, ...).")] = None,
    encoder: EncoderName = None,
    rescore: RescoreName = None,
    quiet: Quiet = False,
    no_wait: NoWait = False,
    as_json: Annotated[bool, typer.Option(
        "--json", help="For scripts: no tables; with --out, the summary as JSON on stdout.")]
    = False,
) -> None:
    """Run the whole flow on captures and write the canonical JSON report (and, with
    --html, the report people read).

    Exit code 2 when no capture could be read.

    Examples:

    \b
      newstrace trace pages/ --html report.html -o report.json
      newstrace trace dump.jsonl --text-field body --site-field publisher \\
          --id-field article_id --date-field published --html report.html
    """
    err = err_console()
    if out is not None and out.is_dir():  # said before the work, not after it
        raise UsageError(f"--out {out} is a folder; name the report's file")
    options = read_options(text_field, url_field, title_field, date_field, max_bytes,
                           time_limit,
                           site_field=site_field, id_field=id_field)
    model = load_encoder(encoder)
    with _engine(engine_name, workers, master) as engine:
        with stage_progress(err, quiet) as progress:
            report = trace_paths(paths, db=db, options=options, engine=engine,
                                 progress=progress, encoder=model,  # type: ignore[arg-type]
                                 rescorer=load_encoder(rescore) if rescore else None,
                                 wait=not no_wait, spool=True)
            if parquet is not None:  # in the engine's Spark session, when it has one
                write_parquet(report, parquet)
            if out is not None:
                progress("written", 0, 1)
                _write_atomically(report, out, engine)
                progress("written", 1, 1)
        if out is None:  # once the progress display is gone: it holds the terminal's stdout
            _write(report, sys.stdout, engine)
    if out is not None and as_json:
        sys.stdout.write(json.dumps({"report": str(out), "summary": report["summary"]},
                                    sort_keys=True) + "\n")
    if html is not None:
        _write_html(report, html, err, quiet or as_json)
    if not quiet and not as_json:
        _trace_summary(err, report, out)
    if not report["documents"]:
        raise typer.Exit(EXIT_NOTHING_READ)


def _write(report: dict[str, Any], handle: IO[str], engine: Engine) -> None:
    """``write_report`` with its records serialised on local workers beside ``engine``'s
    (``report_writer``): the canonical JSON of a dense 10k crawl is 298 MB, 22 s to write
    on one core."""
    writer = report_writer(engine, len(report["documents"]))
    with writer if writer is not None else contextlib.nullcontext():
        write_report(report, handle, writer)


def _write_atomically(report: dict[str, Any], out: Path, engine: Engine) -> None:
    """The report streamed to a file beside ``out``, which then replaces it: a run stopped
    while writing leaves the previous report (or none), never half of one. Only a regular
    file (or a new one) is replaced so: a link, a pipe or a device (``-o /dev/stdout``,
    ``-o >(gzip > r.gz)``) is written to as it is."""
    if out.is_symlink() or (out.exists() and not out.is_file()):
        with open(out, "w", encoding="utf-8") as handle:
            _write(report, handle, engine)
        return
    # one name per process: two runs writing one report do not share a partial file
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        with open(partial, "w", encoding="utf-8") as handle:
            _write(report, handle, engine)
            handle.flush()
            os.fsync(handle.fileno())
        if out.exists():
            shutil.copymode(out, partial)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


#: Documents past which one HTML page is too large to work with: write a folder instead.
_ONE_PAGE_DOCUMENTS = 2_000


def _write_html(report: dict[str, Any], path: Path, err: Console, quiet: bool) -> None:
    """One page when ``path`` ends in .html (or .htm), else a folder of pages."""
    if path.suffix.lower() in (".html", ".htm") or path.is_file():
        path.write_text(render_html(report), encoding="utf-8")
        if len(report["documents"]) > _ONE_PAGE_DOCUMENTS and not quiet:
            err.print(f"newstrace: {len(report['documents']):,} documents make one large "
                      f"page; --html {path.with_suffix('')} writes a folder of pages instead",
                      soft_wrap=True)
        return
    write_html_folder(report, path)


#: Inputs with failures listed by name in a summary; the rest are counted in the total.
_FAILED_INPUTS = 10


def _trace_summary(err: Console, report: dict[str, Any], out: Path | None) -> None:
    summary = report["summary"]
    table = Table(title="newstrace trace", show_header=False)
    inputs = [InputTally(t["path"], t["documents"], t["failures"]) for t in summary["inputs"]]
    table.add_row("records", records_line(inputs))
    for failed in [t for t in inputs if t.failures][:_FAILED_INPUTS]:
        table.add_row(f"  {failed.path}", records_line([failed]))
    table.add_row("relations", str(summary["relations"]))
    for kind, count in summary["by_kind"].items():
        table.add_row(f"  {kind}", str(count))
    for level in ("stories", "events", "topics"):
        table.add_row(level, str(summary[level]))
    copied = [s for s in report["stories"] if len(s["members"]) > 1]
    table.add_row("origins copied", f"{len(copied)} (into "
                  f"{sum(len(s['members']) - 1 for s in copied)} derivatives)")
    serious = [c for r in report["relations"] for c in r.get("changes", ())
               if c["severity"] in ("high", "medium")]
    table.add_row("changes, high or medium", str(len(serious)))
    table.add_row("misquotes", str(summary["misquotes"]))
    table.add_row("claims (circular)", f"{summary['claims']} ({summary['circular_claims']})")
    table.add_row("encoder", str(report["encoder"]))
    if out is not None:
        table.add_row("report", str(out))
    err.print(table)
    for line in failure_reasons((f["locator"] or f["path"], f["reason"])
                                for f in report["failures"]):
        err.print(f"failed: {line}", style="red", soft_wrap=True)
    if report["relations"]:
        err.print(_relations_table(report))


def _relations_table(report: dict[str, Any], limit: int = 25) -> Table:
    """Who reuses whom, largest reuse first: the answer a reader looks for first."""
    names = {d["id"]: doc_label(d, 24) for d in report["documents"]}
    table = Table(title="relations (source -> derived; links last)")
    for column in ("source", "derived", "kind", "coverage of derived", "passages",
                   "changes (high/medium)"):
        table.add_column(column, overflow="fold")
    # the first ``limit`` as sorting would give them, without holding every relation
    ranked = heapq.nsmallest(limit, report["relations"],
                             key=lambda r: (r["kind"] not in DERIVATIONS,
                                            -r["coverage"]["derived"], names[r["source"]],
                                            names[r["derived"]]))
    for rel in ranked:
        unknown = rel["kind"] in DERIVATIONS and not rel["oriented"]
        arrow = " (direction unknown)" if unknown else ""
        table.add_row(names[rel["source"]], names[rel["derived"]], rel["kind"] + arrow,
                      f"{rel['coverage']['derived']:.0%}", str(len(rel["passages"])),
                      _serious(rel.get("changes")))
    if len(report["relations"]) > limit:
        table.caption = f"{len(report['relations']) - limit} more in the report"
    return table


def add(
    paths: Paths,
    db: Db,
    text_field: TextField = None,
    url_field: UrlField = None,
    title_field: TitleField = None,
    date_field: DateField = None,
    site_field: SiteField = None,
    id_field: IdField = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    time_limit: TimeLimit = EXTRACTION_SECONDS,
    workers: Workers = None,
    encoder: EncoderName = None,
    rescore: RescoreName = None,
    as_json: AsJson = False,
    quiet: Quiet = False,
    no_wait: NoWait = False,
    no_report: Annotated[bool, typer.Option(
        "--no-report", help="Leave the index's report to be rebuilt later (by the next add, "
        "or by serve in the background): quicker for many small adds.")] = False,
) -> None:
    """Add captures to an index incrementally; documents already in it are skipped.

    The report (stories, changes, claims) is then rebuilt and kept in the index, so that
    serve shows it at once. Interrupted runs leave a consistent index; running the command
    again completes the work.

    Examples:

    \b
      newstrace add monday/ --db crawl.db
      newstrace add tuesday.jsonl.gz --db crawl.db --text-field body
      newstrace serve --db crawl.db
    """
    err = err_console()
    options = read_options(text_field, url_field, title_field, date_field, max_bytes,
                           time_limit,
                           site_field=site_field, id_field=id_field)
    failures: list[Failure] = []

    def documents(engine: LocalEngine, sites: set[str], progress: Progress) -> list[Document]:
        # Read as trace reads: the corpus passes (site templates, stock sentences, the
        # sentences a site repeats) over this call's documents, which enter the index in id
        # order; so adding one input gives the report trace gives on it. What a site the
        # index holds already repeats is unknown to this reading (clean.templates).
        docs: list[Document] = []
        for item in ingest_paths(paths, options, engine=engine, progress=progress):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                docs.append(item)
        return sorted(forget_repeats(docs, sites), key=lambda d: d.id)

    with LocalEngine(workers) as engine, \
            Index(db, engine=engine, wait=not no_wait) as index, \
            stage_progress(err, quiet) as progress:
        stats = add_documents(index, documents(engine, index.sites(), progress), progress)
        index.add_failures(failures)
        index.release_caches()  # kept for adding: relating and reporting need none
        chosen = Remembering(load_encoder(encoder))  # each sentence encoded once per run
        rescorer = load_encoder(rescore) if rescore else None
        related = relate_pending(index, chosen, rescorer=rescorer,
                                 progress=lambda done, total: progress("related", done, total))
        if not no_report:
            progress("report", 0, 1)
            keep_current(index, chosen, rescorer, engine=index.engine_in_use())
            progress("report", 1, 1)
        total = index.count()
        relations = len(index.relations())
    result = {"added": stats.added, "skipped": stats.skipped, "aligned": stats.aligned,
              "related": related, "relations": relations, "failures": len(failures),
              "documents": total}
    if as_json:
        sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
    elif not quiet:
        err.print(", ".join(f"{value} {name}" for name, value in result.items()))
        for line in failure_reasons((f.locator or f.path, f.reason) for f in failures):
            err.print(f"failed: {line}", style="red", soft_wrap=True)


def query(
    path: Annotated[str, typer.Argument(
        metavar="PATH", help="The article to look up (any capture format).")],
    db: Db,
    as_json: AsJson = False,
    text_field: TextField = None,
    url_field: UrlField = None,
    title_field: TitleField = None,
    date_field: DateField = None,
    site_field: SiteField = None,
    id_field: IdField = None,
    encoder: EncoderName = None,
) -> None:
    """What in the index did this document reuse, and what reused it, with the passages.

    Rewrites, translations and same-story links are found too, with the encoder given.

    Examples:

    \b
      newstrace query article.html --db crawl.db
      newstrace query article.txt --db crawl.db --json | jq .reused
    """
    if not db.exists():
        raise no_index(db)
    options = read_options(text_field, url_field, title_field, date_field,
                           site_field=site_field, id_field=id_field)
    items = list(ingest_paths([path], options, engine=LocalEngine(1), site_templates=False))
    docs = [item for item in items if isinstance(item, Document)]
    for failure in (item for item in items if isinstance(item, Failure)):
        err_console().print(f"failed {failure.path}: {failure.reason}", style="red")
    if not docs:
        raise typer.Exit(EXIT_NOTHING_READ)
    model = load_encoder(encoder)
    with Index(db) as index:
        answers = [answer_query(index, doc, model) for doc in docs]
    if as_json:
        for answer in answers:
            sys.stdout.write(json.dumps(answer, ensure_ascii=False, sort_keys=True) + "\n")
    else:
        for answer in answers:
            _print_answer(out_console(), answer)


def _serious(changes: list[dict[str, Any]] | None) -> str:
    if changes is None:
        return ""
    high = sum(c["severity"] == "high" for c in changes)
    medium = sum(c["severity"] == "medium" for c in changes)
    return f"{high} / {medium}"


def _print_answer(console: Console, answer: dict[str, Any]) -> None:
    doc = answer["document"]
    table = Table(title=f"{doc['locator']}: {doc['title'] or ''}")
    for column in ("direction", "other document", "kind", "coverage (src/derived)", "passages",
                   "changes (high/medium)"):
        table.add_column(column, overflow="fold")
    for direction, key in (("reused from", "reused"), ("reused by", "reused_by"),
                           ("linked to", "linked")):
        for item in answer[key]:
            rel = item["relation"]
            other = item["document"]
            table.add_row(direction, doc_label(other, 50), rel["kind"],
                          f"{rel['coverage']['source']:.0%} / {rel['coverage']['derived']:.0%}",
                          str(len(rel["passages"])), _serious(rel.get("changes")))
    if not answer["reused"] and not answer["reused_by"] and not answer["linked"]:
        table.add_row("-", "no reuse found in the index", "", "", "", "")
    console.print(table)
