"""Build the report of an index as it is now and keep it in the index's tables, for
``serve``: what ``add`` does after relating, and what ``serve`` does in the background when it
finds its kept report older than the index (an ``add`` that ran with ``--no-report``, or an
index from an older newstrace)."""

from __future__ import annotations

from typing import Any

from newstrace.config import ReuseConfig
from newstrace.engine.protocol import Engine
from newstrace.index.embed import Encoder
from newstrace.memory import release_memory
from newstrace.report.json_report import build_report
from newstrace.report.tables import report_rows
from newstrace.store.index import Index

__all__ = ["index_report", "keep_current"]


def keep_current(index: Index, encoder: Encoder, rescorer: Encoder | None = None,
                 engine: Engine | None = None) -> bool:
    """Build and keep the report of ``index`` (on ``engine``, None: here) unless the one kept
    is already current; whether it built one. Takes the writer's lock first, so that what is
    read is what the key names."""
    index.writing()
    rescorer_name = rescorer.name if rescorer is not None else None
    if index.report_current(encoder.name, rescorer_name):
        return False
    report = index_report(index, encoder, rescorer_name, engine)
    release_memory()
    index.keep_report(report_rows(report), encoder.name, rescorer_name)
    return True


def index_report(index: Index, encoder: Encoder, rescorer: str | None = None,
                 engine: Engine | None = None) -> dict[str, Any]:
    """The report of ``index`` as it is now (on ``engine``, None: here), built, not kept:
    what ``keep_current`` keeps, and what ``claims`` reads from an index it cannot write."""
    return build_report(index.documents(), index.relations(), index.failures(),
                        index.config_ or ReuseConfig(), encoder.name, engine=engine,
                        model=encoder, rescorer=rescorer)
