"""``trace``: the whole flow, from captures to the canonical report, through an index."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from newstrace.clean.templates import forget_repeats
from newstrace.config import ReuseConfig
from newstrace.engine.local import engine_scope, preload_server
from newstrace.engine.protocol import Engine
from newstrace.index.embed import Encoder, Remembering, load_encoder
from newstrace.ingest.pipeline import ingest
from newstrace.ingest.readers import ReadOptions
from newstrace.memory import release_memory
from newstrace.model import Document, Failure
from newstrace.report.json_report import build_report
from newstrace.report.tables import report_rows
from newstrace.stages.semantic import relate_pending
from newstrace.stages.verbatim import add_documents
from newstrace.store.index import Index, Progress

__all__ = ["trace"]


def trace(paths: Iterable[str], *, db: str | Path | None = None,
          options: ReadOptions | None = None, config: ReuseConfig | None = None,
          engine: Engine | None = None, progress: Progress | None = None,
          encoder: Encoder | None = None, rescorer: Encoder | None = None,
          wait: bool = True, spool: bool = False) -> dict[str, Any]:
    """Read captures, index them (into ``db``, or a temporary index), and report.

    Documents enter the index in id order, so the report does not depend on the order the
    paths were given in. With ``db`` the index stays for later ``add`` and ``query`` calls and
    the report covers everything it holds. ``encoder`` compares sentences (the shipped
    static model when None); ``rescorer``, when given, re-encodes the sentences of pairs
    worth aligning and aligns them with its vectors (the report records it). When another
    process is writing ``db``, ``wait`` waits for it; else ``UsageError``. With ``spool``
    the report's documents, relations and claims are kept on disk until written
    (``report.spool``): ``write_report`` gives the same bytes in far less memory.
    """
    docs: list[Document] = []
    failures: list[Failure] = []
    preload_server((__name__,))  # the stages' kernels, for workers that are sent their work
    with engine_scope(engine) as scoped, \
            tempfile.TemporaryDirectory(prefix="newstrace-") as scratch:
        for item in ingest(paths, options, engine=scoped, progress=progress):
            (docs if isinstance(item, Document) else failures).append(item)  # type: ignore[arg-type]
        docs.sort(key=lambda d: d.id)
        target = db if db is not None else Path(scratch) / "index.db"
        with Index(target, config, scoped, wait=wait) as index:
            # pages joining sites the index holds: their reading saw none of the site's
            # earlier pages, so what the site repeats is unknown for them
            add_documents(index, forget_repeats(docs, index.sites()), progress)
            docs.clear()  # the index holds them now; the report reads them back from it
            index.add_failures(failures)
            index.release_caches()  # kept for adding: relating and reporting need none
            # each distinct sentence encoded once in the whole run (relate, then claims)
            chosen = Remembering(encoder if encoder is not None else load_encoder())
            relate_pending(index, chosen, progress=_stage(progress, "related"),
                           rescorer=rescorer)
            release_memory()  # the relate stage's features, before the report's structures
            count = index.relation_count()
            if progress is not None:
                progress("changes and claims", 0, count)
            documents, recorded = index.documents(), index.failures()
            pending = [index.relations()]  # in a box: see below
            index.release_page_cache()  # the scans' pages, before the report's structures
            release_memory()
            # the relations are build_report's alone (taken out of the box as it is
            # called): it lets them go as it writes them
            report = build_report(documents, pending.pop(), recorded,
                                  index.config_ or ReuseConfig(), chosen.name,
                                  engine=index.engine_in_use(), model=chosen,
                                  rescorer=rescorer.name if rescorer is not None else None,
                                  spool=spool)
            if progress is not None:
                progress("changes and claims", count, count)
            if db is not None:  # an index kept for later: keep its report for serve
                index.keep_report(report_rows(report), chosen.name,
                                  rescorer.name if rescorer is not None else None)
            return report


def _stage(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    """A stage's own (done, total) progress, reported under its name."""
    if progress is None:
        return None
    report = progress
    return lambda done, total: report(stage, done, total)
