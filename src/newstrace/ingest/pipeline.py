"""The ingest stage: paths in, clean documents and failures out, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newstrace.clean.templates import strip_site_templates
from newstrace.engine.local import LocalEngine
from newstrace.ingest.build import build_document
from newstrace.ingest.readers import ReadOptions, read_paths
from newstrace.model import Document, Failure, RawRecord

__all__ = ["ingest"]


def _kernel(item: RawRecord | Failure) -> Document | Failure:
    return item if isinstance(item, Failure) else build_document(item)


def ingest(paths: Iterable[str], options: ReadOptions | None = None, *,
           engine: LocalEngine | None = None,
           site_templates: bool = True) -> Iterator[Document | Failure]:
    """Read, extract, clean and segment every capture under ``paths``.

    Yields documents and failures in input order. With ``site_templates`` (the default) the
    corpus-level pass removes sentences repeated across a site's documents; it needs the whole
    corpus, so documents are then yielded after everything was read.
    """
    records = read_paths(paths, options or ReadOptions())
    results = (engine or LocalEngine()).map(_kernel, records)
    if not site_templates:
        yield from results
        return
    collected = list(results)
    docs = [item for item in collected if isinstance(item, Document)]
    cleaned = iter(strip_site_templates(docs))
    for item in collected:
        yield item if isinstance(item, Failure) else next(cleaned)
