"""The ingest stage: paths in, clean documents and failures out, in a stable order.

Workers get capture paths, not contents: each reads, extracts, cleans and segments its own
files, so the parent process only lists paths and collects documents. Standard input is read
by the parent (forked workers have no stdin) and its records sent as they are, and so is a
large table (JSON lines, CSV): reading its records is cheap, building them is the work.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator

from newstrace.clean.stock import strip_stock_sentences
from newstrace.clean.templates import SentenceKeys, mark_site_repeats, strip_site_templates
from newstrace.engine.local import engine_scope
from newstrace.engine.protocol import Engine
from newstrace.ingest.build import build_document
from newstrace.ingest.readers import ReadOptions, expand_paths, is_table, read_capture
from newstrace.model import Document, Failure, RawRecord

__all__ = ["ingest"]

_Item = tuple[str, str] | RawRecord | Failure
#: Told how far reading has come: (stage, done, total or None), as ``trace`` shows it.
Told = Callable[[str, int, int | None], None]


def _kernel(item: _Item, options: ReadOptions) -> list[Document | Failure]:
    """Everything one capture (or one pre-read record) yields, built into documents."""
    if isinstance(item, Failure):
        return [item]
    if isinstance(item, RawRecord):
        return [build_document(item, options.time_limit)]
    return [r if isinstance(r, Failure) else build_document(r, options.time_limit)
            for r in read_capture(item[0], item[1], options)]


def _items(paths: Iterable[str], options: ReadOptions) -> Iterator[_Item]:
    """What the workers get: a capture's path, or the records of standard input and of a
    large table (one JSON-lines file of 10,000 articles would else be one worker's)."""
    for item in expand_paths(paths):
        if not isinstance(item, Failure) and (item[0] == "-" or is_table(item[0])):
            yield from read_capture(item[0], item[1], options)
        else:
            yield item


def ingest(paths: Iterable[str], options: ReadOptions | None = None, *,
           engine: Engine | None = None,
           site_templates: bool = True, progress: Told | None = None
           ) -> Iterator[Document | Failure]:
    """Read, extract, clean and segment every capture under ``paths``.

    Yields documents and failures in input order. With ``site_templates`` (the default) the
    corpus-level passes remove sentences repeated across a site's documents and a
    publisher's stock sentences (``clean.stock``) and mark the sentences a site repeats on
    other pages (``Document.repeated``); they need the whole corpus, so documents are then
    yielded after everything was read. ``progress`` hears of each batch of records read
    ("read") and of the corpus passes ("cleaned"): without it a large crawl said nothing
    until every page was read (the dense 10k bench: 36 s of its 220).
    """
    options = options or ReadOptions()
    kernel = functools.partial(_kernel, options=options)
    if progress is not None:
        progress("read", 0, None)  # the stage's time counts from here, not the first record
    with engine_scope(engine) as scoped:
        results = _counted(scoped.map(kernel, _items(paths, options)), progress)
        if not site_templates:
            yield from results
            return
        collected = list(results)
        docs = [item for item in collected if isinstance(item, Document)]
        if progress is not None:
            progress("cleaned", 0, len(docs))
        keys = SentenceKeys()
        stripped = strip_stock_sentences(strip_site_templates(docs, keys=keys), read=keys,
                                         engine=scoped)
    cleaned = iter(mark_site_repeats(stripped, keys=keys))
    for item in collected:
        yield item if isinstance(item, Failure) else next(cleaned)
    if progress is not None:
        progress("cleaned", len(docs), len(docs))


def _counted(batches: Iterable[list[Document | Failure]], progress: Told | None
             ) -> Iterator[Document | Failure]:
    """The records of each batch, ``progress`` told the count read so far after each."""
    done = 0
    for batch in batches:
        yield from batch
        done += len(batch)
        if progress is not None:
            progress("read", done, None)
